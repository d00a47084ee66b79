//! `Pipeline`: a compiled configuration, immutable and cheap to clone, shared by every thread.

use std::sync::Arc;

use crate::compile::{compile, Compiled};
use crate::error::{ApplyError, ConfigError, Error};
use crate::limits::Limits;
use crate::lint::{lint, Lint};
use crate::ops::Instr;
use crate::source::Source;
use crate::trace::{trace, Trace};
use crate::validate::validate;
use crate::wire::{read_config, RawTransform, Transform};

/// A compiled caller-ID transform pipeline.
///
/// Compile once, apply many times from any number of threads: a `Pipeline` is immutable,
/// `Send + Sync`, and cloning it only bumps a reference count.
///
/// ```
/// use callerid_transform::Pipeline;
///
/// let p = Pipeline::from_json(r#"[
///     {"type": "if_prefix", "value": "0", "number": 2},
///     {"type": "strip_digits_start", "number": 1},
///     {"type": "add_prefix", "value": "+44"}
/// ]"#)?;
/// assert_eq!(p.apply("02079460000")?, "+442079460000");
/// assert_eq!(p.apply("+15550100")?, "+15550100");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Pipeline {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    /// The transforms as given, kept compactly.
    source: Source,
    compiled: Compiled,
    limits: Limits,
}

impl Pipeline {
    /// Compiles configuration JSON (a bare array or a trunk object) under the default limits.
    ///
    /// # Errors
    ///
    /// [`Error::Json`] when the text is not JSON; [`Error::Config`] with every problem found
    /// (transform index, field, kind, message) when it breaks the contract.
    pub fn from_json(json: &str) -> Result<Pipeline, Error> {
        PipelineBuilder::new().from_json(json)
    }

    /// Compiles a list of wire transforms under the default limits.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] with every problem found, each with its transform's index and field.
    pub fn from_transforms(transforms: &[Transform]) -> Result<Pipeline, Error> {
        PipelineBuilder::new().from_transforms(transforms)
    }

    /// A builder, to compile under other [`Limits`].
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::new()
    }

    /// Applies the pipeline to one caller ID.
    ///
    /// # Errors
    ///
    /// [`ApplyError`] when the input, or a step's result, would be longer than
    /// [`Limits::max_length`]; the error names the step.
    pub fn apply(&self, input: &str) -> Result<String, ApplyError> {
        let mut out = String::with_capacity(input.len() + 16);
        self.apply_into(input, &mut out)?;
        Ok(out)
    }

    /// Applies the pipeline, writing the result into `out` (cleared first).
    ///
    /// Once `out` has grown to fit, this allocates nothing: reuse one buffer per thread.
    /// On error `out` holds no meaningful value.
    ///
    /// # Errors
    ///
    /// As [`apply`](Self::apply): the length limit, with the step that hit it.
    ///
    /// ```
    /// # use callerid_transform::Pipeline;
    /// let p = Pipeline::from_json(r#"[{"type": "digits_only"}]"#)?;
    /// let mut out = String::with_capacity(64);
    /// for n in ["+1 (415) 555-0100", "020 7946 0000"] {
    ///     p.apply_into(n, &mut out)?;
    ///     println!("{out}");
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply_into(&self, input: &str, out: &mut String) -> Result<(), ApplyError> {
        self.inner
            .compiled
            .run(self.inner.limits.max_length, input, out)
    }

    /// Applies the pipeline and returns the result without copying it when it is a part
    /// of `input` (a number no transform rewrote, or one only cut down by strips and
    /// guards); otherwise the result is built in `buf`.
    ///
    /// For code that copies each result on anyway (into a batch, a file, a socket): one
    /// copy fewer than [`apply_into`](Self::apply_into), and no allocation once `buf` is
    /// warm. Same results and errors as [`apply`](Self::apply).
    ///
    /// # Errors
    ///
    /// As [`apply`](Self::apply): the length limit, with the step that hit it.
    ///
    /// ```
    /// # use callerid_transform::Pipeline;
    /// let p = Pipeline::from_json(r#"[{"type": "if_prefix", "value": "0", "number": 1},
    ///                                 {"type": "replace_prefix", "value": "0", "value2": "+44"}]"#)?;
    /// let mut buf = String::new();
    /// let mut lines = String::new();
    /// for n in ["02079460000", "+15550100"] {
    ///     lines.push_str(p.apply_view(n, &mut buf)?);
    ///     lines.push('\n');
    /// }
    /// assert_eq!(lines, "+442079460000\n+15550100\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply_view<'a>(
        &self,
        input: &'a str,
        buf: &'a mut String,
    ) -> Result<&'a str, ApplyError> {
        self.inner
            .compiled
            .run_view(self.inner.limits.max_length, input, buf)
    }

    /// Every transform's effect on `input`, step by step.
    ///
    /// ```
    /// # use callerid_transform::{Pipeline, StepStatus};
    /// let p = Pipeline::from_json(r#"[{"type": "if_prefix", "value": "+"}, {"type": "stop"},
    ///                                 {"type": "add_prefix", "value": "+1"}]"#)?;
    /// let t = p.trace("4155550100");
    /// assert_eq!(t.steps[0].status, StepStatus::GuardFailed);
    /// assert_eq!(t.steps[1].status, StepStatus::Skipped);
    /// assert_eq!(t.steps[2].status, StepStatus::Changed);
    /// assert_eq!(t.result.as_deref(), Ok("+14155550100"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn trace(&self, input: &str) -> Trace {
        trace(
            &self.inner.compiled.stepwise,
            self.inner.limits.max_length,
            input,
        )
    }

    /// The pipeline in plain English, one line per transform, guarded blocks indented.
    pub fn explain(&self) -> String {
        self.explain_lines().join("\n")
    }

    /// [`explain`](Self::explain) as separate lines.
    pub fn explain_lines(&self) -> Vec<String> {
        crate::explain::explain(self.transforms())
    }

    /// Warnings about transforms that are legal but probably not what was meant.
    pub fn lint(&self) -> Vec<Lint> {
        lint(self.transforms())
    }

    /// The transforms this pipeline was compiled from, as given.
    pub fn transforms(&self) -> &[Transform] {
        self.inner.source.transforms()
    }

    /// The limits it was compiled under.
    pub fn limits(&self) -> &Limits {
        &self.inner.limits
    }
}

/// Compiles pipelines under chosen [`Limits`], like `regex::RegexBuilder`.
///
/// ```
/// use callerid_transform::Pipeline;
///
/// let p = Pipeline::builder().max_length(32).from_json(r#"[{"type": "add_prefix", "value": "00"}]"#)?;
/// assert!(p.apply(&"1".repeat(31)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct PipelineBuilder {
    limits: Limits,
}

impl PipelineBuilder {
    /// A builder with the default limits.
    pub fn new() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// Sets every limit at once.
    pub fn limits(mut self, limits: Limits) -> PipelineBuilder {
        self.limits = limits;
        self
    }

    /// Most transforms in a configuration.
    pub fn max_transforms(mut self, n: usize) -> PipelineBuilder {
        self.limits.max_transforms = n;
        self
    }

    /// Most characters in `value` or `value2`.
    pub fn max_value_len(mut self, n: usize) -> PipelineBuilder {
        self.limits.max_value_len = n;
        self
    }

    /// Most bytes a compiled regex may take.
    pub fn regex_size_limit(mut self, bytes: usize) -> PipelineBuilder {
        self.limits.regex_size_limit = bytes;
        self
    }

    /// Most characters in the input and every intermediate result.
    pub fn max_length(mut self, n: usize) -> PipelineBuilder {
        self.limits.max_length = n;
        self
    }

    /// Most bytes of configuration JSON.
    pub fn max_config_bytes(mut self, n: usize) -> PipelineBuilder {
        self.limits.max_config_bytes = n;
        self
    }

    /// Compiles configuration JSON.
    ///
    /// # Errors
    ///
    /// As [`Pipeline::from_json`], under this builder's limits.
    pub fn from_json(&self, json: &str) -> Result<Pipeline, Error> {
        let (transforms, errors) = read_config(json, &self.limits)?;
        self.compile(&transforms, errors)
    }

    /// Compiles wire transforms.
    ///
    /// # Errors
    ///
    /// As [`Pipeline::from_transforms`], under this builder's limits.
    pub fn from_transforms(&self, transforms: &[Transform]) -> Result<Pipeline, Error> {
        // Borrowed into the form JSON is read into: one validator for both.
        let raw: Vec<RawTransform> = transforms.iter().map(RawTransform::borrowed).collect();
        self.compile(&raw, Vec::new())
    }

    /// Checks configuration JSON without compiling it: every error and every warning.
    ///
    /// ```
    /// use callerid_transform::{Pipeline, ConfigErrorKind};
    ///
    /// let report = Pipeline::builder().check(r#"[{"type": "add_prefx", "value": "1"},
    ///                                            {"type": "strip_digits_end", "number": 0}]"#);
    /// assert_eq!(report.errors[0].kind, ConfigErrorKind::UnknownType);
    /// assert!(report.errors[0].message.contains("did you mean `add_prefix`"));
    /// assert_eq!(report.warnings[0].index, 1);
    /// ```
    pub fn check(&self, json: &str) -> Report {
        let (transforms, errors) = match read_config(json, &self.limits) {
            Ok(parsed) => parsed,
            Err(e) => {
                return Report {
                    errors: e.errors(),
                    warnings: Vec::new(),
                }
            }
        };
        let errors = self.validate(&transforms, errors).err().unwrap_or_default();
        let transforms: Vec<Transform> = transforms
            .into_iter()
            .map(RawTransform::into_owned)
            .collect();
        Report {
            errors,
            warnings: lint(&transforms),
        }
    }

    pub(crate) fn compile(
        &self,
        transforms: &[RawTransform],
        prior: Vec<ConfigError>,
    ) -> Result<Pipeline, Error> {
        let instrs = self.validate(transforms, prior).map_err(Error::Config)?;
        Ok(Pipeline {
            inner: Arc::new(Inner {
                source: Source::new(transforms, instrs.iter().map(|i| i.kind)),
                compiled: compile(instrs),
                limits: self.limits,
            }),
        })
    }

    /// Validates `transforms`; on failure, every error (the wire parser's `prior` ones too),
    /// in transform order.
    fn validate(
        &self,
        transforms: &[RawTransform],
        mut prior: Vec<ConfigError>,
    ) -> Result<Vec<Instr>, Vec<ConfigError>> {
        match validate(transforms, &self.limits, &prior) {
            Ok(instrs) if prior.is_empty() => return Ok(instrs),
            Ok(_) => {}
            Err(more) => prior.extend(more),
        }
        crate::order::sort_by_u64_key(&mut prior, |e| e.index.map_or(0, |i| i as u64 + 1));
        Err(prior)
    }
}

/// Everything wrong with a configuration, and every warning, from
/// [`PipelineBuilder::check`].
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    /// Configuration errors (empty when the configuration compiles).
    pub errors: Vec<ConfigError>,
    /// Lint warnings.
    pub warnings: Vec<Lint>,
}

impl Pipeline {
    /// A step-by-step program (one instruction per transform: the lowered one, whose steps
    /// do exactly what their transforms do, only cheaper) and the length limit, for
    /// [`Pipeline::outcome_into`](crate::Pipeline::outcome_into).
    pub(crate) fn steps(&self) -> (&crate::ops::Program, usize) {
        (self.inner.compiled.checked(), self.inner.limits.max_length)
    }

    /// The transforms as given, in their compact form (serialisation writes from it).
    pub(crate) fn source(&self) -> &Source {
        &self.inner.source
    }
}
