//! `Pipeline::outcome`: the result and the transforms that decided it. It agrees with `trace`
//! and `apply` on random pipelines, names the rule that fired in a first-match table, and
//! allocates nothing into a warm value.

#[path = "common/strategies.rs"]
mod strategies;

use callerid_transform::{ApplyError, Outcome, Pipeline, StepStatus};
use proptest::prelude::*;
use strategies::{cases, compile, input, pipeline};

/// The UK first-match rule table of the README (national numbers to E.164).
const UK: &str = include_str!("data/uk_to_e164.json");

#[test]
fn first_match_table_names_the_rule_that_fired() {
    let p = Pipeline::from_json(UK).unwrap();
    // Already E.164: rule 1's stop ends the run, nothing changed it.
    let o = p.outcome("+15550100");
    assert_eq!(o.result(), Ok("+15550100"));
    assert_eq!((o.changed(), o.stopped_at()), (&[][..], Some(1)));
    assert_eq!(o.decided().collect::<Vec<_>>(), [1]);
    // International: replace_prefix (index 3) changed it, the stop at 4 ended it.
    let o = p.outcome("00331234");
    assert_eq!(o.result(), Ok("+331234"));
    assert_eq!((o.changed(), o.stopped_at()), (&[3][..], Some(4)));
    assert_eq!(o.decided().collect::<Vec<_>>(), [3, 4]);
    // National: the fall-through to_e164 (index 5), no stop.
    let o = p.outcome("020 7946 0000");
    assert_eq!(o.result(), Ok("+442079460000"));
    assert_eq!((o.changed(), o.stopped_at()), (&[5][..], None));
    // A word passes through: nothing decided it.
    let o = p.outcome("anonymous");
    assert_eq!(o.result(), Ok("anonymous"));
    assert_eq!(o.decided().count(), 0);
}

#[test]
fn a_transform_that_leaves_the_number_as_it_was_did_not_change_it() {
    // replace "0" by "0" finds a match but changes nothing; strip_prefix "9" does not apply.
    let p = Pipeline::from_json(
        r##"[{"type": "replace", "value": "0", "value2": "0"},
            {"type": "strip_prefix", "value": "9"},
            {"type": "add_suffix", "value": "#"}]"##,
    )
    .unwrap();
    let o = p.outcome("0101");
    assert_eq!(o.result(), Ok("0101#"));
    assert_eq!(o.changed(), &[2]);
}

#[test]
fn a_failure_names_its_step_and_keeps_the_changes_before_it() {
    let p = Pipeline::builder()
        .max_length(6)
        .from_json(
            r#"[{"type": "strip_digits_start", "number": 1},
                {"type": "add_prefix", "value": "+44"},
                {"type": "add_suffix", "value": "999"}]"#,
        )
        .unwrap();
    let o = p.outcome("0207");
    assert_eq!(
        o.result(),
        Err(&ApplyError::StepTooLong {
            index: 2,
            kind: "add_suffix",
            limit: 6
        })
    );
    assert_eq!(o.output(), None);
    assert_eq!((o.changed(), o.stopped_at()), (&[0, 1][..], None));
    assert_eq!(o.decided().collect::<Vec<_>>(), [0, 1, 2]);
    // An input over the limit fails before any transform.
    let o = p.outcome("1234567");
    assert_eq!(o.error().and_then(ApplyError::step), None);
    assert!(o.error().is_some());
    assert_eq!(o.decided().count(), 0);
}

#[test]
fn a_reused_value_forgets_the_previous_number() {
    let p = Pipeline::from_json(UK).unwrap();
    let mut o = Outcome::new();
    p.outcome_into("00331234", &mut o);
    p.outcome_into("anonymous", &mut o);
    assert_eq!(o, p.outcome("anonymous"));
    assert_eq!((o.changed(), o.stopped_at()), (&[][..], None));
}

#[test]
fn outcome_json_has_the_documented_shape() {
    let p = Pipeline::builder().max_length(5).from_json(UK).unwrap();
    let ok = serde_json::to_value(p.outcome("00331")).unwrap();
    assert_eq!(
        ok,
        serde_json::json!({"output": "+331", "error": null, "changed": [3], "stoppedAt": 4})
    );
    let err = serde_json::to_value(p.outcome("0123456")).unwrap();
    assert_eq!(
        err,
        serde_json::json!({"output": null, "error": {"step": null, "kind": "input_too_long",
            "message": "input is 7 characters long; the limit is 5"}, "changed": [], "stoppedAt": null})
    );
}

// ---------------------------------------------------------------------------------------------
// Agreement with trace and apply on random pipelines.

fn check_against_trace(p: &Pipeline, input: &str, o: &Outcome) -> Result<(), TestCaseError> {
    let trace = p.trace(input);
    prop_assert_eq!(o.result(), trace.result.as_deref());
    let applied = p.apply(input);
    prop_assert_eq!(o.result(), applied.as_deref());
    let changed: Vec<usize> = trace
        .steps
        .iter()
        .filter(|s| s.status == StepStatus::Changed)
        .map(|s| s.index)
        .collect();
    prop_assert_eq!(o.changed(), changed.as_slice());
    let stopped = trace
        .steps
        .iter()
        .find(|s| s.status == StepStatus::Stopped)
        .map(|s| s.index);
    prop_assert_eq!(o.stopped_at(), stopped);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(256)))]

    #[test]
    fn outcome_agrees_with_trace_and_apply(transforms in pipeline(), input in input()) {
        let p = compile(&transforms, 256);
        check_against_trace(&p, &input, &p.outcome(&input))?;
    }

    #[test]
    fn outcome_agrees_with_trace_under_small_limits(
        transforms in pipeline(),
        input in input(),
        max_length in 0usize..12,
    ) {
        let p = compile(&transforms, max_length);
        check_against_trace(&p, &input, &p.outcome(&input))?;
    }

    #[test]
    fn outcome_into_a_reused_value_equals_a_fresh_one(
        transforms in pipeline(),
        inputs in prop::collection::vec(input(), 1..6),
    ) {
        let p = compile(&transforms, 256);
        let mut reused = Outcome::new();
        for input in &inputs {
            p.outcome_into(input, &mut reused);
            prop_assert_eq!(&reused, &p.outcome(input));
            check_against_trace(&p, input, &reused)?;
        }
    }
}
