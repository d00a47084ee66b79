//! Error values: JSON syntax errors, configuration errors (all of them, with where and what),
//! and apply errors (the length limit).

use std::fmt;

use serde::Serialize;

/// A member of a transform object: where a configuration error or a lint points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// The `type` member.
    Type,
    /// The `value` member.
    Value,
    /// The `value2` member.
    Value2,
    /// The `number` member.
    Number,
}

impl Field {
    /// The member's name as it appears in the wire format.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Type => "type",
            Field::Value => "value",
            Field::Value2 => "value2",
            Field::Number => "number",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What is wrong with a configuration, one variant per cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ConfigErrorKind {
    /// The text is not valid JSON (the message carries line and column).
    Json,
    /// The configuration is larger than [`Limits::max_config_bytes`](crate::Limits).
    ConfigTooLarge,
    /// The top level is neither an array nor an object with `caller_id_transforms`,
    /// or an element of the array is not an object.
    Shape,
    /// More transforms than [`Limits::max_transforms`](crate::Limits).
    TooManyTransforms,
    /// `type` names no known transform type.
    UnknownType,
    /// A member other than `type`, `value`, `value2`, `number`.
    UnknownField,
    /// A member has the wrong JSON type (e.g. `number` given as a string).
    WrongType,
    /// A required member is absent, null or empty.
    Missing,
    /// `number` is negative, fractional or larger than 65535.
    OutOfRange,
    /// `value` or `value2` is longer than [`Limits::max_value_len`](crate::Limits).
    TooLong,
    /// A regex that does not compile or passes the size limit.
    InvalidRegex,
    /// A regex replacement that names a group the regex does not have.
    InvalidReplacement,
    /// A dial pattern that does not parse.
    InvalidPattern,
    /// An `if_length` range that does not parse or has MIN > MAX.
    InvalidLength,
    /// A country calling code that is not 1-3 ASCII digits without a leading 0.
    InvalidCountryCode,
    /// A national trunk prefix that is not ASCII digits.
    InvalidTrunkPrefix,
    /// A guard whose governed range leaves the list or crosses another guard's range.
    GuardRange,
}

/// One configuration error: which transform, which field, what was expected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConfigError {
    /// The transform's 0-based index in the list, if the error belongs to one.
    pub index: Option<usize>,
    /// The member at fault, if one is.
    pub field: Option<Field>,
    /// The class of error.
    pub kind: ConfigErrorKind,
    /// What is wrong and what was expected, for people.
    pub message: String,
}

impl ConfigError {
    pub(crate) fn new(
        index: Option<usize>,
        field: Option<Field>,
        kind: ConfigErrorKind,
        message: impl Into<String>,
    ) -> ConfigError {
        ConfigError {
            index,
            field,
            kind,
            message: message.into(),
        }
    }

    pub(crate) fn at(
        index: usize,
        field: Field,
        kind: ConfigErrorKind,
        message: impl Into<String>,
    ) -> ConfigError {
        ConfigError::new(Some(index), Some(field), kind, message)
    }
}

impl fmt::Display for ConfigError {
    /// Transforms are shown 1-based to people: `transform 2, field value: ...`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.index, self.field) {
            (Some(i), Some(field)) => write!(f, "transform {}, field `{}`: ", i + 1, field)?,
            (Some(i), None) => write!(f, "transform {}: ", i + 1)?,
            (None, Some(field)) => write!(f, "field `{}`: ", field)?,
            (None, None) => {}
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}

/// Why a configuration could not be compiled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The text is not valid JSON.
    #[error("invalid JSON at line {line}, column {column}: {message}")]
    Json {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What the JSON parser expected.
        message: String,
    },
    /// The configuration is valid JSON but breaks the contract; every problem found is listed.
    #[error("{}", ConfigErrors(.0))]
    Config(Vec<ConfigError>),
}

impl Error {
    /// Every problem as a [`ConfigError`]; a JSON error becomes one of kind
    /// [`ConfigErrorKind::Json`] with no index.
    pub fn errors(&self) -> Vec<ConfigError> {
        match self {
            Error::Json { .. } => vec![ConfigError::new(
                None,
                None,
                ConfigErrorKind::Json,
                self.to_string(),
            )],
            Error::Config(errors) => errors.clone(),
        }
    }

    pub(crate) fn from_json(e: &serde_json::Error) -> Error {
        // serde_json appends " at line L column C" to its Display; keep the bare message.
        let text = e.to_string();
        let message = match text.rfind(" at line ") {
            Some(cut) => text[..cut].to_string(),
            None => text,
        };
        Error::Json {
            line: e.line(),
            column: e.column(),
            message,
        }
    }
}

struct ConfigErrors<'a>(&'a [ConfigError]);

impl fmt::Display for ConfigErrors<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        write!(
            f,
            "{n} configuration error{}",
            if n == 1 { "" } else { "s" }
        )?;
        for e in self.0 {
            write!(f, "\n  {e}")?;
        }
        Ok(())
    }
}

/// Why applying a pipeline to a number failed: the length limit (SPEC §5).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "error", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ApplyError {
    /// The input is longer than the limit.
    #[error("input is {length} characters long; the limit is {limit}")]
    InputTooLong {
        /// The input's length in characters.
        length: usize,
        /// The limit in characters.
        limit: usize,
    },
    /// A step's result would have been longer than the limit; it was not built.
    #[error("transform {} (`{kind}`) would make the number longer than {limit} characters", .index + 1)]
    StepTooLong {
        /// The 0-based index of the transform.
        index: usize,
        /// The transform's type.
        kind: &'static str,
        /// The limit in characters.
        limit: usize,
    },
}

impl ApplyError {
    /// The 0-based index of the transform that failed, or `None` when the input itself was too long.
    pub fn step(&self) -> Option<usize> {
        match self {
            ApplyError::InputTooLong { .. } => None,
            ApplyError::StepTooLong { index, .. } => Some(*index),
        }
    }
}
