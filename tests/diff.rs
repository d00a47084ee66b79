//! Impact diffs: totals and groups equal a naive recomputation (apply both, compare; who
//! decided from `trace`) on random pipeline pairs; memory is bounded by the options.

#[path = "common/strategies.rs"]
mod strategies;

use std::collections::HashMap;

use callerid_transform::{Diff, DiffOptions, Pipeline, StepStatus};
use proptest::prelude::*;
use strategies::{cases, compile, input, pipeline};

fn uk_old() -> Pipeline {
    Pipeline::from_json(
        r#"[{"type": "if_prefix", "value": "+", "number": 1},
            {"type": "stop"},
            {"type": "if_prefix", "value": "00", "number": 2},
            {"type": "replace_prefix", "value": "00", "value2": "+"},
            {"type": "stop"},
            {"type": "to_e164", "value": "44", "value2": "0"}]"#,
    )
    .unwrap()
}

/// The same table with a new first rule: 0800 numbers are kept national.
fn uk_new() -> Pipeline {
    Pipeline::from_json(
        r#"[{"type": "if_prefix", "value": "0800", "number": 1},
            {"type": "stop"},
            {"type": "if_prefix", "value": "+", "number": 1},
            {"type": "stop"},
            {"type": "if_prefix", "value": "00", "number": 2},
            {"type": "replace_prefix", "value": "00", "value2": "+"},
            {"type": "stop"},
            {"type": "to_e164", "value": "44", "value2": "0"}]"#,
    )
    .unwrap()
}

#[test]
fn a_new_rule_shows_the_numbers_it_changes_and_who_decided() {
    let mut diff = Diff::new(&uk_old(), &uk_new());
    let mut differences = Vec::new();
    for n in [
        "020 7946 0000",
        "0800 123 456",
        "+442079460000",
        "0800123",
        "0033 1 23",
    ] {
        if let Some(d) = diff.push(n) {
            differences.push((
                d.input.to_string(),
                d.old.output().map(str::to_string),
                d.new.output().map(str::to_string),
                d.old.changed().to_vec(),
                d.new.stopped_at(),
            ));
        }
    }
    assert_eq!(
        differences,
        [
            (
                "0800 123 456".to_string(),
                Some("+44800123456".to_string()),
                Some("0800 123 456".to_string()),
                vec![5],
                Some(1)
            ),
            (
                "0800123".to_string(),
                Some("+44800123".to_string()),
                Some("0800123".to_string()),
                vec![5],
                Some(1)
            ),
        ]
    );
    let s = diff.summary();
    assert_eq!(
        (
            s.seen,
            s.unchanged,
            s.different,
            s.newly_failing,
            s.newly_fixed
        ),
        (5, 3, 2, 0, 0)
    );
    assert_eq!(s.groups.len(), 1);
    let g = &s.groups[0];
    assert_eq!(
        (g.old.as_slice(), g.new.as_slice(), g.count),
        (&[5][..], &[1][..], 2)
    );
    assert!(!g.other);
    assert_eq!(g.examples[0].input, "0800 123 456");
    assert_eq!(g.examples[0].old.as_deref(), Ok("+44800123456"));
}

#[test]
fn failures_count_as_newly_failing_or_newly_fixed() {
    let short = Pipeline::builder()
        .max_length(8)
        .from_json(r#"[{"type": "add_prefix", "value": "+44"}]"#)
        .unwrap();
    let none = Pipeline::builder().max_length(8).from_json("[]").unwrap();
    let mut diff = Diff::new(&none, &short);
    for n in ["12345", "123456", "1234567890"] {
        diff.push(n);
    }
    let s = diff.summary();
    // "12345" gets "+44" (different), "123456" + "+44" is 9 > 8 (newly failing),
    // "1234567890" is over the limit in both alike (unchanged).
    assert_eq!(
        (
            s.seen,
            s.unchanged,
            s.different,
            s.newly_failing,
            s.newly_fixed
        ),
        (3, 1, 2, 1, 0)
    );
    let mut back = Diff::new(&short, &none);
    back.push("123456");
    assert_eq!(back.summary().newly_fixed, 1);
}

#[test]
fn groups_come_largest_first_and_examples_are_capped() {
    let old = Pipeline::from_json("[]").unwrap();
    let new = Pipeline::from_json(
        r#"[{"type": "if_prefix", "value": "1", "number": 1},
            {"type": "add_suffix", "value": "a"},
            {"type": "if_prefix", "value": "2", "number": 1},
            {"type": "add_suffix", "value": "b"}]"#,
    )
    .unwrap();
    let options = DiffOptions {
        examples_per_group: 2,
        max_groups: 256,
    };
    let mut diff = Diff::with_options(&old, &new, options);
    for n in ["1", "2", "2", "2", "1", "3", "2", "1"] {
        diff.push(n);
    }
    let s = diff.summary();
    let shape: Vec<(Vec<usize>, u64, usize)> = s
        .groups
        .iter()
        .map(|g| (g.new.clone(), g.count, g.examples.len()))
        .collect();
    assert_eq!(shape, [(vec![3], 4, 2), (vec![1], 3, 2)]);
}

#[test]
fn groups_past_the_cap_go_to_one_other_group() {
    let old = Pipeline::from_json("[]").unwrap();
    let mut rules = Vec::new();
    for d in 0..10 {
        rules.push(format!(
            r#"{{"type": "if_prefix", "value": "{d}", "number": 1}}, {{"type": "add_suffix", "value": "x"}}"#
        ));
    }
    let new = Pipeline::from_json(&format!("[{}]", rules.join(","))).unwrap();
    let options = DiffOptions {
        examples_per_group: 1,
        max_groups: 3,
    };
    let mut diff = Diff::with_options(&old, &new, options);
    for i in 0..1000 {
        diff.push(&(i % 10).to_string());
    }
    let s = diff.summary();
    assert_eq!(s.different, 1000);
    assert_eq!(s.groups.len(), 4);
    let other = s.groups.last().unwrap();
    assert!(other.other && other.old.is_empty() && other.new.is_empty());
    assert_eq!(other.count, 700);
    assert_eq!(other.examples.len(), 1);
    assert_eq!(s.groups.iter().map(|g| g.count).sum::<u64>(), 1000);
}

#[test]
fn summary_json_has_the_documented_shape() {
    let mut diff = Diff::new(&uk_old(), &uk_new());
    let d = serde_json::to_value(diff.push("0800123").unwrap()).unwrap();
    assert_eq!(
        d,
        serde_json::json!({"input": "0800123",
            "old": {"output": "+44800123", "error": null, "changed": [5], "stoppedAt": null},
            "new": {"output": "0800123", "error": null, "changed": [], "stoppedAt": 1}})
    );
    assert_eq!(
        serde_json::to_value(diff.summary()).unwrap(),
        serde_json::json!({"seen": 1, "unchanged": 0, "different": 1, "newlyFailing": 0,
            "newlyFixed": 0, "groups": [{"old": [5], "new": [1], "other": false, "count": 1,
            "examples": [{"input": "0800123", "old": {"output": "+44800123", "error": null},
                          "new": {"output": "0800123", "error": null}}]}]})
    );
}

// ---------------------------------------------------------------------------------------------
// Against a naive recomputation.

/// Who decided a number's result, from its trace: the steps that changed it, then the
/// `stop` that ended it or the step that failed.
fn decided_by_trace(p: &Pipeline, input: &str) -> Vec<usize> {
    p.trace(input)
        .steps
        .iter()
        .filter(|s| {
            matches!(
                s.status,
                StepStatus::Changed | StepStatus::Stopped | StepStatus::Error
            )
        })
        .map(|s| s.index)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(128)))]

    #[test]
    fn diff_totals_and_groups_equal_a_naive_recomputation(
        old in pipeline(),
        new in pipeline(),
        numbers in prop::collection::vec(input(), 0..24),
        max_length in prop::sample::select(vec![6usize, 12, 256]),
    ) {
        let (old, new) = (compile(&old, max_length), compile(&new, max_length));
        let mut diff = Diff::new(&old, &new);
        let mut want = (0u64, 0u64, 0u64, 0u64, 0u64);
        let mut groups: HashMap<(Vec<usize>, Vec<usize>), u64> = HashMap::new();
        for n in &numbers {
            let reported = diff.push(n).map(|d| d.input.to_string());
            let (a, b) = (old.apply(n), new.apply(n));
            want.0 += 1;
            if a == b {
                want.1 += 1;
                prop_assert_eq!(reported, None);
                continue;
            }
            want.2 += 1;
            want.3 += u64::from(a.is_ok() && b.is_err());
            want.4 += u64::from(a.is_err() && b.is_ok());
            prop_assert_eq!(reported.as_deref(), Some(n.as_str()));
            *groups.entry((decided_by_trace(&old, n), decided_by_trace(&new, n))).or_default() += 1;
        }
        let s = diff.summary();
        prop_assert_eq!(
            (s.seen, s.unchanged, s.different, s.newly_failing, s.newly_fixed),
            want
        );
        let got: HashMap<(Vec<usize>, Vec<usize>), u64> =
            s.groups.iter().map(|g| ((g.old.clone(), g.new.clone()), g.count)).collect();
        prop_assert_eq!(got, groups);
        prop_assert!(s.groups.windows(2).all(|w| w[0].count >= w[1].count));
    }
}
