//! Caller-ID transforms: compile the `caller_id_transforms` of a SIP trunk once, apply them to
//! phone numbers millions of times a second.
//!
//! A configuration is JSON: an array of transform objects, or a whole trunk object with a
//! `caller_id_transforms` member. It is parsed, validated (every error at once, each with the
//! transform's index and field), compiled to a small program of ops, and applied.
//!
//! ```
//! use callerid_transform::Pipeline;
//!
//! // UK national numbers to E.164, as a first-match rule table.
//! let pipeline = Pipeline::from_json(r#"[
//!     {"type": "if_prefix", "value": "+", "number": 1},
//!     {"type": "stop"},
//!     {"type": "if_prefix", "value": "00", "number": 2},
//!     {"type": "replace_prefix", "value": "00", "value2": "+"},
//!     {"type": "stop"},
//!     {"type": "to_e164", "value": "44", "value2": "0"}
//! ]"#)?;
//! assert_eq!(pipeline.apply("020 7946 0000")?, "+442079460000");
//! assert_eq!(pipeline.apply("00331234")?, "+331234");
//! assert_eq!(pipeline.apply("anonymous")?, "anonymous");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Errors say where and what:
//!
//! ```
//! use callerid_transform::{Error, Pipeline};
//!
//! let err = Pipeline::from_json(r#"[{"type": "regex_replace", "value": "(", "value2": ""},
//!                                  {"type": "strip_digits_start"}]"#).unwrap_err();
//! let Error::Config(errors) = err else { panic!() };
//! assert_eq!((errors[0].index, errors[0].field.map(|f| f.as_str())), (Some(0), Some("value")));
//! assert_eq!((errors[1].index, errors[1].field.map(|f| f.as_str())), (Some(1), Some("number")));
//! ```
//!
//! The contract (version 1.1) is `docs/spec.md` in the repository: every type, field, limit,
//! error kind and lint, with worked examples. `trace`, `explain` and `lint` show what a
//! pipeline does; the `cidt` binary and the WebAssembly binding are thin shells over this crate.
#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![warn(clippy::missing_errors_doc)]

mod blocks;
mod cases;
mod char_class;
mod compile;
mod diff;
mod error;
mod exec;
mod explain;
#[cfg(not(target_arch = "wasm32"))]
mod json_list;
mod kind;
mod limits;
mod lint;
mod ops;
mod order;
mod outcome;
mod pattern;
mod pipeline;
mod regex;
mod regex_lowering;
mod regex_syntax_ascii;
mod replacement;
mod serde_pipeline;
mod source;
mod trace;
mod validate;
mod wire;

pub mod import;

#[cfg(feature = "wasm")]
pub mod wasm;

pub use blocks::{block_structure, BlockInfo};
pub use cases::{Case, CaseError, CaseFile, CaseResult, CaseRun};
pub use diff::{Diff, DiffExample, DiffGroup, DiffOptions, DiffSummary, Difference};
pub use error::{ApplyError, ConfigError, ConfigErrorKind, Error, Field};
pub use kind::{FieldInfo, FieldUse, Group, TypeInfo};
pub use limits::Limits;
pub use lint::{Lint, LintCode};
pub use outcome::Outcome;
pub use pattern::DialPattern;
pub use pipeline::{Pipeline, PipelineBuilder, Report};
pub use trace::{StepStatus, Trace, TraceStep};
pub use wire::Transform;

/// The README's Rust examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// Metadata for every transform type (name, group, fields used, one-line docs), in the order
/// of docs/spec.md §3: the table validation, the linter, the CLI and the JavaScript `types()` read.
///
/// ```
/// let add_prefix = &callerid_transform::types()[0];
/// assert_eq!(add_prefix.name, "add_prefix");
/// assert_eq!(add_prefix.value.usage, callerid_transform::FieldUse::Required);
/// ```
pub fn types() -> &'static [TypeInfo] {
    kind::TYPES
}
