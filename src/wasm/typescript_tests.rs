//! The hand-written TypeScript unions of the binding's `.d.ts` agree with the Rust enums they
//! describe: a variant added on one side only fails here.

use std::collections::BTreeSet;

use serde::Serialize;

use super::{apply_error_kind, TS_TYPES};
use crate::{ApplyError, ConfigErrorKind, Field, FieldUse, Group, LintCode, StepStatus};

/// Every variant of a fieldless enum. The exhaustive `match` makes a variant added to the enum
/// but not listed here a compile error, so the list cannot fall behind the enum.
macro_rules! variants {
    ($ty:ident: $($v:ident),* $(,)?) => {{
        #[allow(dead_code)]
        fn exhaustive(x: $ty) {
            match x {
                $($ty::$v)|* => {}
            }
        }
        vec![$($ty::$v),*]
    }};
}

/// The serde (JSON, JS) names of `values`.
fn serde_names<T: Serialize>(values: &[T]) -> BTreeSet<String> {
    values
        .iter()
        .map(|v| match serde_json::to_value(v).unwrap() {
            serde_json::Value::String(s) => s,
            other => panic!("not a unit variant: {other}"),
        })
        .collect()
}

/// The string literals of the TypeScript union that follows the anchors (each found after the
/// previous one), up to the `;` that ends it.
fn ts_union(anchors: &[&str]) -> BTreeSet<String> {
    ts_union_in(TS_TYPES, anchors)
}

fn ts_union_in(ts: &str, anchors: &[&str]) -> BTreeSet<String> {
    let mut rest = ts;
    for anchor in anchors {
        let at = rest
            .find(anchor)
            .unwrap_or_else(|| panic!("`{anchor}` not in the TypeScript declarations"));
        rest = &rest[at + anchor.len()..];
    }
    let union = &rest[..rest.find(';').expect("a `;` ends the union")];
    union
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn field_union_matches_the_enum() {
    let rust = serde_names(&variants!(Field: Type, Value, Value2, Number));
    assert_eq!(ts_union(&["export type Field ="]), rust);
}

#[test]
fn config_error_kind_union_matches_the_enum() {
    let rust = serde_names(&variants!(ConfigErrorKind:
        Json, ConfigTooLarge, Shape, TooManyTransforms, UnknownType, UnknownField, WrongType,
        Missing, OutOfRange, TooLong, InvalidRegex, InvalidReplacement, InvalidPattern,
        InvalidLength, InvalidCountryCode, InvalidTrunkPrefix, GuardRange,
    ));
    assert_eq!(ts_union(&["export type ConfigErrorKind ="]), rust);
}

#[test]
fn lint_code_union_matches_the_enum() {
    let rust = serde_names(&variants!(LintCode:
        UnusedField, NoOp, Unreachable, CancelsOut, Overwritten, RepeatedAnchor,
    ));
    assert_eq!(ts_union(&["export type LintCode ="]), rust);
}

#[test]
fn step_status_union_matches_the_enum() {
    let rust = serde_names(&variants!(StepStatus:
        Changed, Unchanged, Skipped, GuardHeld, GuardFailed, Stopped, NotReached, Error,
    ));
    assert_eq!(ts_union(&["export type StepStatus ="]), rust);
}

#[test]
fn field_use_and_group_unions_match_the_enums() {
    let rust = serde_names(&variants!(FieldUse: Unused, Optional, Required));
    assert_eq!(ts_union(&["export interface FieldInfo", "use:"]), rust);
    let rust = serde_names(&variants!(Group: Api, Extended, Guard));
    assert_eq!(ts_union(&["export interface TypeInfo", "group:"]), rust);
}

#[test]
fn apply_error_kind_union_matches_the_enum() {
    // Struct variants: one value of each, through the same exhaustive match.
    fn every() -> Vec<ApplyError> {
        #[allow(dead_code)]
        fn exhaustive(e: ApplyError) {
            match e {
                ApplyError::InputTooLong { .. } | ApplyError::StepTooLong { .. } => {}
            }
        }
        vec![
            ApplyError::InputTooLong {
                length: 2,
                limit: 1,
            },
            ApplyError::StepTooLong {
                index: 0,
                kind: "add_prefix",
                limit: 1,
            },
        ]
    }
    let mut rust = BTreeSet::new();
    for e in every() {
        // The `kind` the binding sets on a thrown error is serde's tag for the variant.
        let tag = serde_json::to_value(&e).unwrap()["error"]
            .as_str()
            .unwrap()
            .to_string();
        assert_eq!(apply_error_kind(&e), tag);
        rust.insert(tag);
    }
    assert_eq!(ts_union(&["export interface ApplyError", "kind:"]), rust);
}

#[test]
fn ts_union_reads_one_union_whole() {
    let ts = "type X =\n  | \"a\" | \"b_c\"\n  | \"d\";\ntype Y = \"e\";";
    let expected: BTreeSet<String> = ["a", "b_c", "d"].map(String::from).into();
    assert_eq!(ts_union_in(ts, &["type X ="]), expected);
}
