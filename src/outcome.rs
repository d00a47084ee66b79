//! `outcome`: the result of one number plus which transforms decided it (those that changed
//! the string, the `stop` that ended the run), without a trace's before/after strings.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::error::ApplyError;
use crate::exec::noting::{self as exec, Noted};
use crate::pipeline::Pipeline;

/// The result of one number and the transforms that decided it, from
/// [`Pipeline::outcome`] or, into a reused value, [`Pipeline::outcome_into`].
///
/// In a first-match rule table this answers "which rule fired": the transforms that changed
/// the number and the `stop` that ended the run. It agrees with [`Pipeline::trace`]: the
/// indices in [`changed`](Self::changed) are the steps a trace marks `changed`, and
/// [`stopped_at`](Self::stopped_at) is the one it marks `stopped`.
///
/// ```
/// use callerid_transform::{Outcome, Pipeline};
///
/// let p = Pipeline::from_json(r#"[
///     {"type": "if_prefix", "value": "+", "number": 1},
///     {"type": "stop"},
///     {"type": "if_prefix", "value": "00", "number": 2},
///     {"type": "replace_prefix", "value": "00", "value2": "+"},
///     {"type": "stop"},
///     {"type": "to_e164", "value": "44", "value2": "0"}
/// ]"#)?;
/// let o = p.outcome("00331234");
/// assert_eq!(o.result(), Ok("+331234"));
/// assert_eq!(o.changed(), &[3]);
/// assert_eq!(o.stopped_at(), Some(4));
///
/// // Allocation-free once warm: one reused value per thread.
/// let mut o = Outcome::new();
/// p.outcome_into("020 7946 0000", &mut o);
/// assert_eq!((o.output(), o.changed(), o.stopped_at()), (Some("+442079460000"), &[5][..], None));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    output: String,
    error: Option<ApplyError>,
    changed: Vec<usize>,
    stopped_at: Option<usize>,
    /// Working memory for the executor (the string before each step).
    before: String,
}

impl Outcome {
    /// An empty outcome, to pass to [`Pipeline::outcome_into`].
    pub fn new() -> Outcome {
        Outcome::default()
    }

    /// The output, or the error, exactly as [`Pipeline::apply`] gives it.
    ///
    /// # Errors
    ///
    /// The [`ApplyError`] the run ended with, if it failed.
    pub fn result(&self) -> Result<&str, &ApplyError> {
        match &self.error {
            None => Ok(&self.output),
            Some(e) => Err(e),
        }
    }

    /// The output, or `None` when applying failed.
    pub fn output(&self) -> Option<&str> {
        self.result().ok()
    }

    /// The apply error, or `None` when applying succeeded.
    pub fn error(&self) -> Option<&ApplyError> {
        self.error.as_ref()
    }

    /// The 0-based indices of the transforms that ran and changed the number, in order
    /// (on failure, those before the failing one).
    pub fn changed(&self) -> &[usize] {
        &self.changed
    }

    /// The 0-based index of the `stop` that ended the run, if one did.
    pub fn stopped_at(&self) -> Option<usize> {
        self.stopped_at
    }

    /// The transforms that decided this outcome, in order: those that changed the number,
    /// then the `stop` that ended the run or the transform that failed, if any. This is what
    /// [`Diff`](crate::Diff) groups differences by.
    pub fn decided(&self) -> impl Iterator<Item = usize> + '_ {
        let last = self
            .stopped_at
            .or_else(|| self.error.as_ref().and_then(ApplyError::step));
        self.changed.iter().copied().chain(last)
    }
}

impl PartialEq for Outcome {
    /// Equal results and the same deciding transforms (working memory is not compared).
    fn eq(&self, other: &Outcome) -> bool {
        self.result() == other.result()
            && self.changed == other.changed
            && self.stopped_at == other.stopped_at
    }
}

impl Eq for Outcome {}

/// An apply error as the JSON shapes show it: `{step, kind, message}`.
pub(crate) struct ErrorJson<'a>(pub(crate) &'a ApplyError);

impl Serialize for ErrorJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let kind = match self.0 {
            ApplyError::InputTooLong { .. } => "input_too_long",
            ApplyError::StepTooLong { .. } => "step_too_long",
        };
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("step", &self.0.step())?;
        map.serialize_entry("kind", kind)?;
        map.serialize_entry("message", &self.0.to_string())?;
        map.end()
    }
}

impl Serialize for Outcome {
    /// `{"output": string|null, "error": {step, kind, message}|null, "changed": [...],
    /// "stoppedAt": number|null}`, the shape of `cidt diff --json` and the JS binding.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("output", &self.output())?;
        map.serialize_entry("error", &self.error.as_ref().map(ErrorJson))?;
        map.serialize_entry("changed", &self.changed)?;
        map.serialize_entry("stoppedAt", &self.stopped_at)?;
        map.end()
    }
}

impl Pipeline {
    /// Applies the pipeline to `input` and notes which transforms decided the result.
    ///
    /// The result equals [`apply`](Self::apply)'s; see [`Outcome`]. To avoid allocating,
    /// use [`outcome_into`](Self::outcome_into) with a reused value.
    pub fn outcome(&self, input: &str) -> Outcome {
        let mut outcome = Outcome::new();
        self.outcome_into(input, &mut outcome);
        outcome
    }

    /// [`outcome`](Self::outcome) into a reused value: nothing is allocated once it is warm.
    pub fn outcome_into(&self, input: &str, outcome: &mut Outcome) {
        let (program, limit) = self.steps();
        let Outcome {
            output,
            error,
            changed,
            stopped_at,
            before,
        } = outcome;
        changed.clear();
        *stopped_at = None;
        let result = exec::run_noting(program, limit, input, output, before, |noted| match noted {
            Noted::Changed(i) => changed.push(i),
            Noted::Stopped(i) => *stopped_at = Some(i),
        });
        *error = result.err();
        if error.is_some() {
            output.clear();
        }
    }
}
