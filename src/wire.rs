//! The wire format: one transform object as the SIP-trunk API sends it, and the two
//! configuration forms (a bare array, or a trunk object with `caller_id_transforms`).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{ConfigError, ConfigErrorKind as K, Error, Field};
use crate::limits::Limits;

/// One transform object exactly as it travels on the wire.
///
/// Services can build pipelines from their own data with it (see
/// [`Pipeline::from_transforms`](crate::Pipeline::from_transforms)). Field values are
/// checked when the pipeline is compiled, so a bad `type` or an out-of-range `number`
/// becomes a [`ConfigError`] with the transform's index, not a deserialisation failure.
///
/// ```
/// use callerid_transform::{Pipeline, Transform};
///
/// let pipeline = Pipeline::from_transforms(&[
///     Transform::new("strip_digits_start").number(1),
///     Transform::new("add_prefix").value("+44"),
/// ])?;
/// assert_eq!(pipeline.apply("02079460000")?, "+442079460000");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transform {
    /// The type name, e.g. `add_prefix`.
    #[serde(rename = "type")]
    pub kind: String,
    /// First text operand; `None` and `Some("")` mean the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Second text operand; `None` and `Some("")` mean the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value2: Option<String>,
    /// Count operand, valid in 0..=65535.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<i64>,
}

impl Transform {
    /// A transform of the given type with no operands.
    pub fn new(kind: impl Into<String>) -> Transform {
        Transform {
            kind: kind.into(),
            ..Transform::default()
        }
    }

    /// Sets `value`.
    pub fn value(mut self, value: impl Into<String>) -> Transform {
        self.value = Some(value.into());
        self
    }

    /// Sets `value2`.
    pub fn value2(mut self, value2: impl Into<String>) -> Transform {
        self.value2 = Some(value2.into());
        self
    }

    /// Sets `number`.
    pub fn number(mut self, number: i64) -> Transform {
        self.number = Some(number);
        self
    }

    /// `value`, with absent and null read as `""`.
    pub fn value_str(&self) -> &str {
        self.value.as_deref().unwrap_or("")
    }

    /// `value2`, with absent and null read as `""`.
    pub fn value2_str(&self) -> &str {
        self.value2.as_deref().unwrap_or("")
    }
}

/// The four members of a transform, however it is held: what validation reads.
pub(crate) trait Fields {
    /// The type name as given (empty when absent).
    fn kind_name(&self) -> &str;
    /// `value`, `None` when absent or null.
    fn value_opt(&self) -> Option<&str>;
    /// `value2`, `None` when absent or null.
    fn value2_opt(&self) -> Option<&str>;
    /// `number`, `None` when absent or null.
    fn number_opt(&self) -> Option<i64>;

    /// `value`, with absent and null read as `""`.
    fn value_text(&self) -> &str {
        self.value_opt().unwrap_or("")
    }

    /// `value2`, with absent and null read as `""`.
    fn value2_text(&self) -> &str {
        self.value2_opt().unwrap_or("")
    }
}

impl Fields for Transform {
    fn kind_name(&self) -> &str {
        &self.kind
    }
    fn value_opt(&self) -> Option<&str> {
        self.value.as_deref()
    }
    fn value2_opt(&self) -> Option<&str> {
        self.value2.as_deref()
    }
    fn number_opt(&self) -> Option<i64> {
        self.number
    }
}

/// A transform as read from JSON text, its strings borrowed from the text when they hold no
/// escapes: what compiling from JSON validates, without a `String` per member.
#[derive(Debug)]
pub(crate) struct RawTransform<'a> {
    kind: Cow<'a, str>,
    value: Option<Cow<'a, str>>,
    value2: Option<Cow<'a, str>>,
    number: Option<i64>,
}

impl<'a> RawTransform<'a> {
    /// One read by the fast JSON path (`json_list`, native builds only).
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn new(
        kind: Cow<'a, str>,
        value: Option<Cow<'a, str>>,
        value2: Option<Cow<'a, str>>,
        number: Option<i64>,
    ) -> RawTransform<'a> {
        RawTransform {
            kind,
            value,
            value2,
            number,
        }
    }

    /// A wire transform, its strings borrowed.
    pub(crate) fn borrowed(t: &'a Transform) -> RawTransform<'a> {
        RawTransform {
            kind: Cow::Borrowed(&t.kind),
            value: t.value.as_deref().map(Cow::Borrowed),
            value2: t.value2.as_deref().map(Cow::Borrowed),
            number: t.number,
        }
    }

    /// The owned wire form.
    pub(crate) fn into_owned(self) -> Transform {
        Transform {
            kind: self.kind.into_owned(),
            value: self.value.map(Cow::into_owned),
            value2: self.value2.map(Cow::into_owned),
            number: self.number,
        }
    }

    /// A transform that owns its strings (as the lenient path reads them).
    pub(crate) fn from_owned(t: Transform) -> RawTransform<'a> {
        RawTransform {
            kind: Cow::Owned(t.kind),
            value: t.value.map(Cow::Owned),
            value2: t.value2.map(Cow::Owned),
            number: t.number,
        }
    }
}

impl Fields for RawTransform<'_> {
    fn kind_name(&self) -> &str {
        &self.kind
    }
    fn value_opt(&self) -> Option<&str> {
        self.value.as_deref()
    }
    fn value2_opt(&self) -> Option<&str> {
        self.value2.as_deref()
    }
    fn number_opt(&self) -> Option<i64> {
        self.number
    }
}

/// Transforms as read, and the problems found in individual members (a member with the
/// wrong JSON type is left out of its transform).
#[cfg_attr(not(feature = "wasm"), allow(dead_code))] // the page's block view
pub(crate) type Parsed = (Vec<Transform>, Vec<ConfigError>);

/// [`Parsed`], the strings borrowed from the JSON text where possible.
pub(crate) type RawParsed<'a> = (Vec<RawTransform<'a>>, Vec<ConfigError>);

/// Parses configuration JSON in either form into transforms.
///
/// JSON syntax errors and a wrong overall shape stop at once (`Err`); problems with
/// individual transforms are all collected beside them.
#[cfg_attr(not(feature = "wasm"), allow(dead_code))] // the page's block view
pub(crate) fn parse_config(json: &str, limits: &Limits) -> Result<Parsed, Error> {
    let (raw, errors) = read_config(json, limits)?;
    Ok((
        raw.into_iter().map(RawTransform::into_owned).collect(),
        errors,
    ))
}

/// [`parse_config`], keeping strings borrowed from `json` where it can.
pub(crate) fn read_config<'a>(json: &'a str, limits: &Limits) -> Result<RawParsed<'a>, Error> {
    if json.len() > limits.max_config_bytes {
        return Err(Error::Config(vec![ConfigError::new(
            None,
            None,
            K::ConfigTooLarge,
            format!(
                "the configuration is {} bytes; the limit is {} bytes",
                json.len(),
                limits.max_config_bytes
            ),
        )]));
    }
    // Fast path: a well-formed bare array of plain transforms is read in one pass. Anything
    // unusual (a trunk object, a wrong member, a syntax error) takes the path below, which
    // collects every problem with its index and field. The WebAssembly build leaves it out:
    // a page compiles a configuration per edit, not per call, and the module has a size
    // budget.
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(transforms) = crate::json_list::read_list(json, limits.max_transforms) {
        return Ok((transforms, Vec::new()));
    }
    let root: Value = serde_json::from_str(json).map_err(|e| Error::from_json(&e))?;
    let (transforms, errors) = parse_value(root, limits)?;
    let raw = transforms
        .into_iter()
        .map(RawTransform::from_owned)
        .collect();
    Ok((raw, errors))
}

/// Reads an already-parsed JSON value (array or trunk object) into transforms.
pub(crate) fn parse_value(root: Value, limits: &Limits) -> Result<Parsed, Error> {
    let items = match root {
        Value::Array(items) => items,
        Value::Object(mut trunk) => match trunk.remove("caller_id_transforms") {
            Some(Value::Array(items)) => items,
            Some(Value::Null) => Vec::new(),
            Some(other) => {
                return Err(shape(format!(
                    "`caller_id_transforms` must be an array or null, not {}",
                    json_type(&other)
                )))
            }
            None => {
                return Err(shape(
                    "expected an array of transforms, or an object with a `caller_id_transforms` member",
                ))
            }
        },
        other => {
            return Err(shape(format!(
                "expected an array of transforms, or an object with a `caller_id_transforms` member; found {}",
                json_type(&other)
            )))
        }
    };
    if items.len() > limits.max_transforms {
        return Err(Error::Config(vec![ConfigError::new(
            None,
            None,
            K::TooManyTransforms,
            format!(
                "{} transforms; the limit is {}",
                items.len(),
                limits.max_transforms
            ),
        )]));
    }
    let mut errors = Vec::new();
    let mut transforms = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        transforms.push(parse_transform(index, item, &mut errors));
    }
    Ok((transforms, errors))
}

fn shape(message: impl Into<String>) -> Error {
    Error::Config(vec![ConfigError::new(None, None, K::Shape, message)])
}

fn parse_transform(index: usize, item: Value, errors: &mut Vec<ConfigError>) -> Transform {
    let mut t = Transform::default();
    let Value::Object(members) = item else {
        errors.push(ConfigError::new(
            Some(index),
            None,
            K::Shape,
            format!(
                "a transform must be an object like {{\"type\": \"add_prefix\", \"value\": \"+1\"}}, not {}",
                json_type(&item)
            ),
        ));
        return t;
    };
    let mut has_type = false;
    for (name, value) in members {
        match name.as_str() {
            "type" => match value {
                Value::String(s) => {
                    has_type = true;
                    t.kind = s;
                }
                Value::Null => {}
                other => {
                    has_type = true;
                    errors.push(wrong_type(index, Field::Type, "a string", &other));
                }
            },
            "value" => t.value = text(index, Field::Value, value, errors),
            "value2" => t.value2 = text(index, Field::Value2, value, errors),
            "number" => t.number = number(index, value, errors),
            other => errors.push(ConfigError::new(
                Some(index),
                None,
                K::UnknownField,
                format!("unknown field `{other}`; a transform has only `type`, `value`, `value2` and `number`"),
            )),
        }
    }
    if !has_type {
        errors.push(ConfigError::at(
            index,
            Field::Type,
            K::Missing,
            "`type` is required",
        ));
    }
    t
}

fn text(index: usize, field: Field, value: Value, errors: &mut Vec<ConfigError>) -> Option<String> {
    match value {
        Value::String(s) => Some(s),
        Value::Null => None,
        other => {
            errors.push(wrong_type(index, field, "a string or null", &other));
            None
        }
    }
}

fn number(index: usize, value: Value, errors: &mut Vec<ConfigError>) -> Option<i64> {
    match value {
        Value::Null => None,
        // `3.0` is a whole number too (some clients write every number as a float).
        Value::Number(n) => match n.as_i64().or_else(|| whole(n.as_f64()?)) {
            Some(i) => Some(i),
            None => {
                errors.push(ConfigError::at(
                    index,
                    Field::Number,
                    K::OutOfRange,
                    format!("expected a whole number from 0 to 65535, found {n}"),
                ));
                None
            }
        },
        other => {
            errors.push(wrong_type(
                index,
                Field::Number,
                "an integer from 0 to 65535 or null",
                &other,
            ));
            None
        }
    }
}

/// `x` as an integer if it is a whole number of a size that can matter (|x| < 2^53).
fn whole(x: f64) -> Option<i64> {
    (x.fract() == 0.0 && x.abs() < 9_007_199_254_740_992.0).then_some(x as i64)
}

fn wrong_type(index: usize, field: Field, expected: &str, found: &Value) -> ConfigError {
    ConfigError::at(
        index,
        field,
        K::WrongType,
        format!("expected {expected}, found {}", json_type(found)),
    )
}

fn json_type(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() <= 20 => format!("the string {s:?}"),
        Value::String(_) => "a string".into(),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}
