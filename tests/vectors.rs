//! Runs every public conformance vector (tests/data/vectors.json, a copy of the shared
//! vectors) through the engine, and through the reference interpreter as a cross-check.

mod common;

use callerid_transform::{Error, Pipeline, Transform};
use serde_json::Value;

const VECTORS: &str = include_str!("data/vectors.json");

fn cases() -> Vec<Value> {
    let root: Value = serde_json::from_str(VECTORS).expect("vectors.json parses");
    root["cases"].as_array().expect("cases is an array").clone()
}

/// The transforms of a case as wire objects (either config form), for the reference.
fn wire_transforms(config: &Value) -> Vec<Transform> {
    let list = match config {
        Value::Array(_) => config.clone(),
        Value::Object(o) => o
            .get("caller_id_transforms")
            .cloned()
            .unwrap_or(Value::Null),
        _ => Value::Null,
    };
    match list {
        Value::Null => Vec::new(),
        list => serde_json::from_value(list).expect("vector transforms are wire objects"),
    }
}

#[test]
fn vectors_file_is_not_empty() {
    let cases = cases();
    assert!(cases.len() >= 33, "only {} cases", cases.len());
    for case in &cases {
        assert!(
            case.get("expect").is_some() != case.get("error").is_some(),
            "case {} must have exactly one of expect/error",
            case["name"]
        );
    }
}

#[test]
fn every_public_vector() {
    let mut failures = Vec::new();
    for case in cases() {
        let name = case["name"].as_str().unwrap().to_string();
        let config = serde_json::to_string(&case["transforms"]).unwrap();
        let input = case["input"].as_str().unwrap();
        let compiled = Pipeline::from_json(&config);
        match (
            case.get("expect"),
            case.get("error").and_then(Value::as_str),
        ) {
            (Some(expect), None) => {
                let expect = expect.as_str().unwrap();
                match compiled {
                    Err(e) => failures.push(format!("{name}: does not compile: {e}")),
                    Ok(p) => {
                        match p.apply(input) {
                            Ok(out) if out == expect => {}
                            other => {
                                failures.push(format!("{name}: got {other:?}, want {expect:?}"))
                            }
                        }
                        let reference = common::reference::apply(
                            &wire_transforms(&case["transforms"]),
                            256,
                            input,
                        );
                        if reference.as_deref() != Ok(expect) {
                            failures.push(format!(
                                "{name}: the reference gives {reference:?}, want {expect:?}"
                            ));
                        }
                    }
                }
            }
            (None, Some("config")) => match compiled {
                Err(Error::Config(errors)) if !errors.is_empty() => {}
                other => failures.push(format!("{name}: want a config error, got {other:?}")),
            },
            (None, Some("apply")) => match compiled {
                Err(e) => failures.push(format!("{name}: does not compile: {e}")),
                Ok(p) => {
                    if p.apply(input).is_ok() {
                        failures.push(format!("{name}: apply should fail"));
                    }
                    let reference =
                        common::reference::apply(&wire_transforms(&case["transforms"]), 256, input);
                    if reference.is_ok() {
                        failures.push(format!("{name}: the reference should fail"));
                    }
                }
            },
            other => failures.push(format!("{name}: malformed case {other:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
