//! `Pipeline` as a serde field: deserialised from the `caller_id_transforms` value (an array,
//! or null for none) under the default limits, serialised back to the wire form.

use callerid_transform::{Pipeline, Transform};
use serde::{Deserialize, Serialize};

#[derive(Debug, Deserialize, Serialize)]
struct Trunk {
    name: String,
    caller_id_transforms: Pipeline,
}

fn trunk(transforms: &str) -> Result<Trunk, serde_json::Error> {
    serde_json::from_str(&format!(
        r#"{{"name": "uk-out", "caller_id_transforms": {transforms}}}"#
    ))
}

fn error(transforms: &str) -> String {
    trunk(transforms).unwrap_err().to_string()
}

#[test]
fn a_struct_field_compiles_from_the_array() {
    let t = trunk(
        r#"[{"type": "if_prefix", "value": "0", "number": 2},
            {"type": "strip_digits_start", "number": 1},
            {"type": "add_prefix", "value": "+44"}]"#,
    )
    .unwrap();
    assert_eq!(t.name, "uk-out");
    // SPEC §3: the guard holds for 0..., strip one character, add +44; else unchanged.
    assert_eq!(
        t.caller_id_transforms.apply("02079460000").unwrap(),
        "+442079460000"
    );
    assert_eq!(
        t.caller_id_transforms.apply("+15550100").unwrap(),
        "+15550100"
    );
}

#[test]
fn null_is_an_empty_pipeline() {
    let t = trunk("null").unwrap();
    assert!(t.caller_id_transforms.transforms().is_empty());
    assert_eq!(
        t.caller_id_transforms.apply("020 7946").unwrap(),
        "020 7946"
    );
    let t = trunk("[]").unwrap();
    assert!(t.caller_id_transforms.transforms().is_empty());
}

#[test]
fn a_missing_field_is_an_error_as_in_the_wire_format() {
    let e = serde_json::from_str::<Trunk>(r#"{"name": "x"}"#)
        .unwrap_err()
        .to_string();
    assert!(e.contains("missing field `caller_id_transforms`"), "{e}");
}

#[test]
fn errors_keep_transform_index_and_field() {
    let e = error(
        r#"[{"type": "add_prefix", "value": "+1"},
            {"type": "add_prefix"},
            {"type": "strip_digits_end", "number": -1}]"#,
    );
    // Shown 1-based, every problem in one message, then serde_json's position.
    assert!(e.starts_with("invalid caller_id_transforms: "), "{e}");
    assert!(e.contains("transform 2, field `value`"), "{e}");
    assert!(e.contains("transform 3, field `number`"), "{e}");
    assert!(!e.contains("transform 1,"), "{e}");
    assert!(e.contains(" at line 3 column "), "{e}");
}

#[test]
fn errors_of_every_stage_surface() {
    // Wire stage: unknown member, wrong JSON type; validation: unknown type with a suggestion,
    // bad regex.
    let e = error(r#"[{"type": "add_prefix", "value": "1", "colour": "red"}]"#);
    assert!(e.contains("transform 1: unknown field `colour`"), "{e}");
    let e = error(r#"[{"type": "add_prefix", "value": 7}]"#);
    assert!(e.contains("transform 1, field `value`"), "{e}");
    let e = error(r#"[{"type": "add_prefx", "value": "1"}]"#);
    assert!(
        e.contains("transform 1, field `type`") && e.contains("add_prefix"),
        "{e}"
    );
    let e = error(r#"[{"type": "regex_replace", "value": "(", "value2": ""}]"#);
    assert!(e.contains("transform 1, field `value`"), "{e}");
}

#[test]
fn only_an_array_or_null_is_accepted() {
    for (value, found) in [
        (r#"{"caller_id_transforms": []}"#, "an object"),
        (r#""add_prefix""#, "a string"),
        ("3", "a number"),
    ] {
        let e = error(value);
        assert!(
            e.contains("expected an array of transforms or null") && e.contains(found),
            "{value}: {e}"
        );
    }
    let e = error(r#"[{"type": "stop"}, 5]"#);
    assert!(
        e.contains("transform 2: a transform must be an object"),
        "{e}"
    );
}

#[test]
fn default_limits_apply() {
    // SPEC §5: at most 256 transforms by default.
    let many = format!("[{}]", vec![r#"{"type": "stop"}"#; 257].join(","));
    let e = error(&many);
    assert!(e.contains("257 transforms; the limit is 256"), "{e}");
    let ok = format!("[{}]", vec![r#"{"type": "stop"}"#; 256].join(","));
    assert!(trunk(&ok).is_ok());
}

#[test]
fn serialize_writes_the_wire_form_back() {
    let wire = r#"[{"type":"if_pattern","value":"_0ZXXXXXXXXX","number":2},{"type":"strip_digits_start","number":1},{"type":"add_prefix","value":"+44"},{"type":"replace","value":"-","value2":""}]"#;
    let p = Pipeline::from_json(wire).unwrap();
    assert_eq!(serde_json::to_string(&p).unwrap(), wire);

    // A pipeline compiled from a trunk object writes the array alone.
    let p =
        Pipeline::from_json(&format!(r#"{{"id": 4, "caller_id_transforms": {wire}}}"#)).unwrap();
    assert_eq!(serde_json::to_string(&p).unwrap(), wire);

    // Built from wire transforms: the same.
    let p = Pipeline::from_transforms(&[Transform::new("set").value("anonymous")]).unwrap();
    assert_eq!(
        serde_json::to_string(&p).unwrap(),
        r#"[{"type":"set","value":"anonymous"}]"#
    );
}

#[test]
fn round_trip_through_a_struct() {
    let t = trunk(
        r#"[{"type": "remove_chars", "value": " -"},
            {"type": "if_length", "value": "10", "number": 1},
            {"type": "to_e164", "value": "44", "value2": "0", "number": 10},
            {"type": "set_if_empty", "value": "anonymous"}]"#,
    )
    .unwrap();
    let json = serde_json::to_string(&t).unwrap();
    let back: Trunk = serde_json::from_str(&json).unwrap();
    assert_eq!(
        back.caller_id_transforms.transforms(),
        t.caller_id_transforms.transforms()
    );
    for n in ["020 7946-0000", "", "anonymous", "07700 900123"] {
        assert_eq!(
            back.caller_id_transforms.apply(n),
            t.caller_id_transforms.apply(n),
            "{n:?}"
        );
    }
    // An empty pipeline writes `[]`, which reads back as empty.
    let empty = trunk("null").unwrap();
    let json = serde_json::to_string(&empty).unwrap();
    assert!(json.contains(r#""caller_id_transforms":[]"#), "{json}");
}
