//! Property tests: the compiled engine agrees with the reference interpreter
//! (tests/common/reference.rs) on random valid pipelines and inputs, respects the length
//! limit, never panics, and its other entry points (apply_into, trace) agree with apply.

mod common;
#[path = "common/strategies.rs"]
mod strategies;

use callerid_transform::{ApplyError, Pipeline, StepStatus, Transform};
use common::reference;
use proptest::prelude::*;
use strategies::*;

/// The engine's outcome in the reference's terms.
fn outcome(r: Result<String, ApplyError>) -> Result<String, Option<usize>> {
    r.map_err(|e| e.step())
}

fn check_against_reference(
    transforms: &[Transform],
    max_length: usize,
    input: &str,
) -> Result<(), TestCaseError> {
    let p = compile(transforms, max_length);
    let got = p.apply(input);
    if let Ok(out) = &got {
        prop_assert!(
            out.chars().count() <= max_length,
            "output {out:?} longer than {max_length}"
        );
    }
    let want = reference::apply(transforms, max_length, input);
    prop_assert_eq!(outcome(got), want);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(512)))]

    #[test]
    fn engine_matches_reference(transforms in pipeline(), input in input()) {
        check_against_reference(&transforms, 256, &input)?;
    }

    #[test]
    fn engine_matches_reference_under_small_limits(
        transforms in pipeline(),
        input in input(),
        max_length in 0usize..20,
    ) {
        check_against_reference(&transforms, max_length, &input)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(256)))]

    #[test]
    fn single_transform_matches_reference(t in prop_oneof![simple(), guard()], input in input()) {
        // A lone guard needs a transform to govern; give it a harmless one.
        let transforms = if reference::is_guard(&t.kind) {
            vec![t, Transform::new("add_suffix").value("!")]
        } else {
            vec![t]
        };
        check_against_reference(&transforms, 256, &input)?;
    }

    #[test]
    fn output_never_longer_than_the_limit(
        transforms in pipeline(),
        input in input(),
        max_length in 0usize..12,
    ) {
        let p = compile(&transforms, max_length);
        match p.apply(&input) {
            Ok(out) => prop_assert!(out.chars().count() <= max_length),
            Err(ApplyError::InputTooLong { length, limit }) => {
                prop_assert_eq!(limit, max_length);
                prop_assert_eq!(length, input.chars().count());
                prop_assert!(length > max_length);
            }
            Err(ApplyError::StepTooLong { index, kind, limit }) => {
                prop_assert_eq!(limit, max_length);
                prop_assert!(index < transforms.len());
                prop_assert_eq!(kind, transforms[index].kind.as_str());
            }
            Err(other) => prop_assert!(false, "an apply error this test does not know: {other:?}"),
        }
    }

    #[test]
    fn ensure_prefix_is_idempotent(v in value(), input in input()) {
        let p = compile(&[Transform::new("ensure_prefix").value(v.clone())], 256);
        let once = p.apply(&input).unwrap();
        prop_assert!(once.starts_with(&v));
        let twice = p.apply(&once).unwrap();
        prop_assert_eq!(&twice, &once);
        if input.starts_with(&v) {
            prop_assert_eq!(&once, &input);
        } else {
            prop_assert_eq!(once, format!("{v}{input}"));
        }
    }

    #[test]
    fn add_then_strip_prefix_is_identity(v in value(), input in input()) {
        let p = compile(&[
            Transform::new("add_prefix").value(v.clone()),
            Transform::new("strip_prefix").value(v),
        ], 256);
        prop_assert_eq!(p.apply(&input).unwrap(), input);
    }

    #[test]
    fn add_then_strip_suffix_is_identity(v in value(), input in input()) {
        let p = compile(&[
            Transform::new("add_suffix").value(v.clone()),
            Transform::new("strip_suffix").value(v),
        ], 256);
        prop_assert_eq!(p.apply(&input).unwrap(), input);
    }

    #[test]
    fn apply_into_a_reused_buffer_equals_apply(
        transforms in pipeline(),
        inputs in prop::collection::vec(input(), 1..5),
        max_length in prop_oneof![Just(256usize), 0usize..16],
    ) {
        let p = compile(&transforms, max_length);
        // Start from garbage, and reuse the same buffer for every input.
        let mut buf = String::from("garbage left over 中é");
        for input in &inputs {
            let want = p.apply(input);
            let got = p.apply_into(input, &mut buf);
            match want {
                Ok(out) => {
                    prop_assert_eq!(got, Ok(()));
                    prop_assert_eq!(&buf, &out);
                }
                Err(e) => prop_assert_eq!(got, Err(e)),
            }
        }
    }

    #[test]
    fn trace_agrees_with_apply(
        transforms in pipeline(),
        input in input(),
        max_length in prop_oneof![Just(256usize), 0usize..16],
    ) {
        let p = compile(&transforms, max_length);
        let trace = p.trace(&input);
        prop_assert_eq!(&trace.result, &p.apply(&input));
        prop_assert_eq!(&trace.input, &input);
        prop_assert_eq!(trace.steps.len(), transforms.len());
        // Rows are in order, name their transform, and chain: each `before` is the previous
        // `after`.
        let mut current = input.clone();
        for (i, step) in trace.steps.iter().enumerate() {
            prop_assert_eq!(step.index, i);
            prop_assert_eq!(step.kind, transforms[i].kind.as_str());
            prop_assert_eq!(&step.before, &current);
            match step.status {
                StepStatus::Changed => prop_assert_ne!(&step.after, &step.before),
                StepStatus::Error => prop_assert_eq!(trace.result.as_ref().err().and_then(|e| e.step()), Some(i)),
                _ => prop_assert_eq!(&step.after, &step.before),
            }
            current = step.after.clone();
        }
        if let Ok(out) = &trace.result {
            prop_assert_eq!(out, &current);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(256)))]

    #[test]
    fn both_json_forms_compile_like_wire_transforms(transforms in pipeline(), input in input()) {
        let array = serde_json::to_string(&transforms).unwrap();
        let trunk = format!(r#"{{"id": "t1", "caller_id_transforms": {array}, "pbx": null}}"#);
        let want = compile(&transforms, 256).apply(&input);
        for json in [&array, &trunk] {
            let p = Pipeline::from_json(json).unwrap();
            prop_assert_eq!(&p.apply(&input), &want);
            prop_assert_eq!(p.transforms(), &transforms[..]);
        }
        let report = Pipeline::builder().check(&array);
        prop_assert!(report.errors.is_empty(), "{:?}", report.errors);
        prop_assert_eq!(compile(&transforms, 256).explain_lines().len(), transforms.len());
    }
}
