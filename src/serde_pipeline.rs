//! Serde for [`Pipeline`]: deserialise one straight from a `caller_id_transforms` value, and
//! serialise it back to the wire form, so services can hold compiled pipelines in their own
//! configuration structs.

use serde::de::{Deserialize, Deserializer, Error as _};
use serde::ser::{Serialize, Serializer};
use serde_json::Value;

use crate::error::{ConfigError, Error};
use crate::limits::Limits;
use crate::pipeline::{Pipeline, PipelineBuilder};
use crate::wire::{parse_value, RawTransform};

/// Compiles the `caller_id_transforms` value itself — an array of transform objects, or `null`
/// for none — under the default [`Limits`].
///
/// Every configuration error becomes one deserialisation error whose message lists each
/// problem with its transform (1-based, as in [`ConfigError`]'s display) and field. The value
/// is read through [`serde_json::Value`], so the format must be self-describing (JSON, YAML,
/// TOML, ...). A missing field is an error, as for a configuration object without
/// `caller_id_transforms`; `null` is an empty pipeline.
///
/// ```
/// use callerid_transform::Pipeline;
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// struct Trunk {
///     name: String,
///     caller_id_transforms: Pipeline,
/// }
///
/// let trunk: Trunk = serde_json::from_str(r#"{
///     "name": "uk-out",
///     "caller_id_transforms": [{"type": "to_e164", "value": "44", "value2": "0"}]
/// }"#)?;
/// assert_eq!(trunk.caller_id_transforms.apply("020 7946 0000")?, "+442079460000");
///
/// let err = serde_json::from_str::<Trunk>(r#"{"name": "x",
///     "caller_id_transforms": [{"type": "add_prefix"}]}"#).err().unwrap();
/// assert!(err.to_string().contains("transform 1, field `value`"), "{err}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl<'de> Deserialize<'de> for Pipeline {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Pipeline, D::Error> {
        let items = match Value::deserialize(deserializer)? {
            Value::Null => Value::Array(Vec::new()),
            items @ Value::Array(_) => items,
            other => {
                return Err(D::Error::custom(format!(
                "invalid caller_id_transforms: expected an array of transforms or null, found {}",
                json_kind(&other)
            )))
            }
        };
        compile(items).map_err(|e| D::Error::custom(message(&e)))
    }
}

/// Writes the wire form: the array of transforms the pipeline was compiled from, as given
/// (absent members stay absent).
///
/// ```
/// use callerid_transform::Pipeline;
///
/// let json = r#"[{"type":"strip_digits_start","number":1},{"type":"add_prefix","value":"+44"}]"#;
/// let pipeline = Pipeline::from_json(json)?;
/// assert_eq!(serde_json::to_string(&pipeline)?, json);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl Serialize for Pipeline {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.source().serialize(serializer)
    }
}

fn compile(items: Value) -> Result<Pipeline, Error> {
    let (transforms, errors) = parse_value(items, &Limits::default())?;
    let raw: Vec<RawTransform> = transforms
        .into_iter()
        .map(RawTransform::from_owned)
        .collect();
    PipelineBuilder::new().compile(&raw, errors)
}

/// Every problem on one line: `invalid caller_id_transforms: transform 2, field `value`: ...;
/// transform 3, ...`.
fn message(e: &Error) -> String {
    let list: Vec<String> = e.errors().iter().map(ConfigError::to_string).collect();
    format!("invalid caller_id_transforms: {}", list.join("; "))
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
