//! Compiling from JSON reads a well-formed array in one pass, strings borrowed from the text;
//! anything else takes the lenient path. Both must give the same pipeline and the same errors.

use callerid_transform::{ConfigErrorKind, Error, Pipeline, Transform};

fn kinds(e: Error) -> Vec<(Option<usize>, Option<&'static str>, ConfigErrorKind)> {
    e.errors()
        .iter()
        .map(|e| (e.index, e.field.map(|f| f.as_str()), e.kind))
        .collect()
}

#[test]
fn escaped_strings_are_read_unescaped() {
    // `\u002b44` is `+44`; `\"` a quote; `\u00e9` an é.
    let p = Pipeline::from_json(
        r#"[{"type": "add_\u0070refix", "value": "\u002b44"},
            {"type": "add_suffix", "value": "\"\u00e9"}]"#,
    )
    .unwrap();
    assert_eq!(p.apply("1").unwrap(), "+441\"é");
    assert_eq!(
        p.transforms(),
        &[
            Transform::new("add_prefix").value("+44"),
            Transform::new("add_suffix").value("\"é"),
        ]
    );
}

#[test]
fn a_repeated_member_keeps_the_last_value() {
    // Not well-formed for the one-pass reader (serde rejects duplicates), so the lenient
    // path reads it: a JSON object keeps the last of a repeated member.
    let p = Pipeline::from_json(r#"[{"type": "add_prefix", "value": "1", "value": "2"}]"#).unwrap();
    assert_eq!(p.apply("0").unwrap(), "20");
}

#[test]
fn one_transform_past_the_limit_is_too_many_transforms() {
    let four = r#"[{"type": "stop"}, {"type": "stop"}, {"type": "stop"}, {"type": "stop"}]"#;
    assert!(Pipeline::builder()
        .max_transforms(4)
        .from_json(four)
        .is_ok());
    let err = Pipeline::builder()
        .max_transforms(3)
        .from_json(four)
        .unwrap_err();
    assert_eq!(
        kinds(err),
        [(None, None, ConfigErrorKind::TooManyTransforms)]
    );
}

#[test]
fn text_after_the_array_is_a_json_error() {
    let err = Pipeline::from_json(r#"[{"type": "stop"}] ]"#).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Json {
                line: 1,
                column: 20,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn a_whole_float_number_and_a_wrong_member_take_the_lenient_path() {
    let p = Pipeline::from_json(r#"[{"type": "strip_digits_start", "number": 2.0}]"#).unwrap();
    assert_eq!(p.apply("0044").unwrap(), "44");
    assert_eq!(p.transforms()[0].number, Some(2));
    let err = Pipeline::from_json(
        r#"[{"type": "add_prefix", "value": 1}, {"type": "strip_digits_end", "nmber": 1}]"#,
    )
    .unwrap_err();
    assert_eq!(
        kinds(err),
        [
            (Some(0), Some("value"), ConfigErrorKind::WrongType),
            (Some(1), None, ConfigErrorKind::UnknownField),
            (Some(1), Some("number"), ConfigErrorKind::Missing),
        ]
    );
}

#[test]
fn transforms_serialise_as_given_before_and_after_they_are_rebuilt() {
    let json = r#"[{"type":"if_prefix","value":"+","number":0},{"type":"stop"},{"type":"set","value":""},{"type":"replace","value":"-","value2":""}]"#;
    let p = Pipeline::from_json(json).unwrap();
    assert_eq!(serde_json::to_string(&p).unwrap(), json);
    assert_eq!(p.transforms().len(), 4);
    assert_eq!(serde_json::to_string(&p).unwrap(), json);
    assert_eq!(serde_json::to_string(p.transforms()).unwrap(), json);
}

#[test]
fn a_transform_given_as_an_array_is_a_shape_error_in_both_forms() {
    // A bare array and a trunk object say the same (the bare array's reader once took
    // `["stop"]` for a transform, as serde reads a struct from a sequence).
    for json in [r#"[["stop"]]"#, r#"{"caller_id_transforms": [["stop"]]}"#] {
        let err = Pipeline::from_json(json).unwrap_err();
        assert_eq!(
            kinds(err),
            [(Some(0), None, ConfigErrorKind::Shape)],
            "{json}"
        );
    }
}
