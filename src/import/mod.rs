//! Importers: rule tables written for other systems (Cisco voice translation rules,
//! Kamailio/OpenSIPS dialplan rows, Yeastar/Asterisk outbound routes, 3CX outbound rules,
//! Microsoft Teams translation rules) turned into an equivalent first-match pipeline.
//!
//! Every importer produces a rule table of guards and `stop`s using the engine's own types,
//! with the 1-based source line of each generated transform. A vendor construct that the
//! engine cannot reproduce exactly is an error naming the line and saying why; with
//! [`ImportOptions::lossy`] it becomes a warning that says exactly what was dropped or
//! approximated instead. Nothing changes meaning silently.
//!
//! ```
//! use callerid_transform::import::{import, Format, ImportOptions};
//! use callerid_transform::Pipeline;
//!
//! let cisco = "voice translation-rule 1\n rule 1 /^9\\(.*\\)/ /\\1/\n";
//! let imported = import(Format::Cisco, cisco, &ImportOptions::default())?;
//! let pipeline = Pipeline::from_transforms(&imported.transforms)?;
//! assert_eq!(pipeline.apply("90123456")?, "0123456");
//! assert_eq!(imported.lines, vec![2, 2, 2]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod cisco;
mod csv_rows;
mod kamailio;
mod regex_dialect;
mod table;
mod teams;
mod threecx;
mod yeastar;

use std::fmt;

use serde::Serialize;

use crate::limits::Limits;
use crate::pipeline::PipelineBuilder;
use crate::wire::Transform;

/// The rule formats that can be imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Cisco IOS / IOS-XE `voice translation-rule` blocks.
    Cisco,
    /// Kamailio (or OpenSIPS) dialplan table rows, CSV or tab-separated, with a header row.
    Kamailio,
    /// Yeastar / Asterisk / FreePBX outbound routes: CSV `pattern, strip, prepend`.
    Yeastar,
    /// 3CX outbound rules: CSV `prefix, length, strip, prepend`.
    ThreeCx,
    /// Microsoft Teams translation rules as `Get-CsTeamsTranslationRule | ConvertTo-Json` prints them.
    Teams,
}

impl Format {
    /// Every format, in the order the CLI and the page list them.
    pub const ALL: [Format; 5] = [
        Format::Cisco,
        Format::Kamailio,
        Format::Yeastar,
        Format::ThreeCx,
        Format::Teams,
    ];

    /// The format's name as the CLI and the JS binding spell it (`cisco`, `kamailio`,
    /// `yeastar`, `3cx`, `teams`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Cisco => "cisco",
            Format::Kamailio => "kamailio",
            Format::Yeastar => "yeastar",
            Format::ThreeCx => "3cx",
            Format::Teams => "teams",
        }
    }

    /// Looks a format up by name (case-insensitive; `opensips`, `asterisk` and `freepbx`
    /// are accepted as aliases of the formats they share).
    pub fn from_name(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "cisco" => Some(Format::Cisco),
            "kamailio" | "opensips" => Some(Format::Kamailio),
            "yeastar" | "asterisk" | "freepbx" => Some(Format::Yeastar),
            "3cx" | "threecx" => Some(Format::ThreeCx),
            "teams" => Some(Format::Teams),
            _ => None,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How to import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Which table to import when the input holds several: a Cisco translation-rule tag or
    /// a Kamailio `dpid`. Not needed when there is only one.
    pub select: Option<String>,
    /// Turn constructs that cannot be carried over exactly into warnings (saying what was
    /// dropped or approximated) instead of errors.
    pub lossy: bool,
}

/// A message about one place in the source (`line` is 1-based; `None` for the whole input).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct ImportNote {
    /// The 1-based source line, when the note is about one.
    pub line: Option<usize>,
    /// What is wrong, or what was dropped or approximated.
    pub message: String,
}

impl ImportNote {
    pub(crate) fn at(line: usize, message: impl Into<String>) -> ImportNote {
        ImportNote {
            line: Some(line),
            message: message.into(),
        }
    }

    pub(crate) fn whole(message: impl Into<String>) -> ImportNote {
        ImportNote {
            line: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// A successful import: the transforms (the wire type, ready to serialise to the API's
/// JSON), the source line of each, and any warnings (only a lossy import has them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Imported {
    /// The generated pipeline.
    pub transforms: Vec<Transform>,
    /// For each transform, the 1-based source line it was generated from.
    pub lines: Vec<usize>,
    /// What a lossy import dropped or approximated.
    pub warnings: Vec<ImportNote>,
}

/// Why an import failed: every problem found, each with its source line where it has one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportErrors {
    /// The problems, in source order.
    pub errors: Vec<ImportNote>,
}

impl fmt::Display for ImportErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ImportErrors {}

/// The most bytes of vendor text accepted (the engine's configuration size limit).
pub const MAX_INPUT_BYTES: usize = 1 << 20;

/// Imports a vendor rule table as a pipeline.
///
/// On success the transforms compile under the default [`Limits`]; on failure every
/// problem is listed with its source line.
///
/// # Errors
///
/// [`ImportErrors`]: malformed vendor text, a rule that cannot be carried over exactly (unless
/// `options.lossy`), a missing or unknown `select`, input over [`MAX_INPUT_BYTES`], or more
/// transforms than the engine's limit; each error names its source line where it has one.
pub fn import(
    format: Format,
    text: &str,
    options: &ImportOptions,
) -> Result<Imported, ImportErrors> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(ImportErrors {
            errors: vec![ImportNote::whole(format!(
                "the input is {} bytes; the limit is {MAX_INPUT_BYTES} bytes",
                text.len()
            ))],
        });
    }
    if options.select.is_some() && !matches!(format, Format::Cisco | Format::Kamailio) {
        return Err(ImportErrors {
            errors: vec![ImportNote::whole(format!(
                "select names a Cisco translation rule or a Kamailio dpid; a {format} input \
                 has only one table"
            ))],
        });
    }
    let mut ctx = Context::new(options);
    let nodes = match format {
        Format::Cisco => cisco::import(text, &mut ctx),
        Format::Kamailio => kamailio::import(text, &mut ctx),
        Format::Yeastar => yeastar::import(text, &mut ctx),
        Format::ThreeCx => threecx::import(text, &mut ctx),
        Format::Teams => teams::import(text, &mut ctx),
    };
    let (transforms, lines) = table::emit(&nodes);
    ctx.finish(transforms, lines)
}

/// What the importers share while they run: the options, and the errors and warnings so far.
pub(crate) struct Context<'a> {
    pub(crate) options: &'a ImportOptions,
    errors: Vec<ImportNote>,
    warnings: Vec<ImportNote>,
}

impl<'a> Context<'a> {
    fn new(options: &'a ImportOptions) -> Context<'a> {
        Context {
            options,
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Records an error that no option can turn into a warning.
    pub(crate) fn error(&mut self, note: ImportNote) {
        self.errors.push(note);
    }

    /// Something the engine cannot reproduce exactly. Strict: an error saying `why`.
    /// Lossy: a warning saying `why` and what the import does instead (`instead`); returns
    /// whether the caller may go on with that approximation.
    pub(crate) fn inexact(&mut self, line: usize, why: &str, instead: &str) -> bool {
        if self.options.lossy {
            self.warnings
                .push(ImportNote::at(line, format!("{why}; {instead}")));
            true
        } else {
            self.errors.push(ImportNote::at(
                line,
                format!("{why} (a lossy import would go on: {instead})"),
            ));
            false
        }
    }

    /// Whether any error has been recorded.
    pub(crate) fn failed(&self) -> bool {
        !self.errors.is_empty()
    }

    fn finish(
        mut self,
        transforms: Vec<Transform>,
        lines: Vec<usize>,
    ) -> Result<Imported, ImportErrors> {
        if self.errors.is_empty() {
            let limits = Limits::default();
            if transforms.len() > limits.max_transforms {
                self.errors.push(ImportNote::whole(format!(
                    "the imported table needs {} transforms; the engine's limit is {} \
                     (max_transforms): split the table or import fewer rules",
                    transforms.len(),
                    limits.max_transforms
                )));
            } else if let Err(e) = PipelineBuilder::new()
                .limits(limits)
                .from_transforms(&transforms)
            {
                // A safety net: the importers should never produce an invalid pipeline, but
                // if a value is too long (say) the error still names the source line.
                for c in e.errors() {
                    let line = c.index.and_then(|i| lines.get(i).copied());
                    let message = format!("the generated transform is invalid: {}", c.message);
                    self.errors.push(ImportNote { line, message });
                }
            }
        }
        if self.errors.is_empty() {
            Ok(Imported {
                transforms,
                lines,
                warnings: self.warnings,
            })
        } else {
            crate::order::sort_by_u64_key(&mut self.errors, |e| e.line.unwrap_or(0) as u64);
            Err(ImportErrors {
                errors: self.errors,
            })
        }
    }
}
