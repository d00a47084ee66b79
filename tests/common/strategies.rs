//! Proptest strategies for random valid pipelines and caller IDs, shared by the property
//! tests (tests/properties.rs, tests/outcome.rs, tests/diff.rs).
#![allow(dead_code)]

use callerid_transform::{Pipeline, Transform};
use proptest::prelude::*;

/// Characters inputs and values are made of: digits and separators (most likely), plus
/// letters and non-ASCII characters (including a non-ASCII digit) so that both the engine's
/// ASCII fast path and its character path are exercised.
pub const ALPHABET: &[char] = &[
    '0', '0', '1', '1', '2', '3', '4', '4', '5', '9', '+', '+', ' ', '-', '(', ')', '.', '#', '*',
    'a', 'X', 'é', '٣', '中', '😀',
];

pub const ASCII_ALPHABET: &[char] = &['0', '0', '1', '2', '3', '4', '4', '5', '9', '+', ' ', '-'];

pub fn text_from(alphabet: &'static [char], len: std::ops::Range<usize>) -> BoxedStrategy<String> {
    prop::collection::vec(prop::sample::select(alphabet), len)
        .prop_map(|cs| cs.into_iter().collect())
        .boxed()
}

/// A caller ID: sometimes pure ASCII, sometimes with non-ASCII characters.
pub fn input() -> BoxedStrategy<String> {
    prop_oneof![
        text_from(ASCII_ALPHABET, 0..16),
        text_from(ALPHABET, 0..16),
        prop::sample::select(vec![
            "",
            "+442079460000",
            "020 7946 0000",
            "anonymous",
            "00331234",
            "+1 (415) 555-0100",
            "é123",
            "+٣٣١٢",
            "0044é",
            "1",
        ])
        .prop_map(String::from),
    ]
    .boxed()
}

/// A required (non-empty) short text operand: short so that it often matches.
pub fn value() -> BoxedStrategy<String> {
    prop_oneof![text_from(ASCII_ALPHABET, 1..3), text_from(ALPHABET, 1..4)].boxed()
}

/// An optional text operand, in each of its empty spellings.
pub fn opt_value() -> BoxedStrategy<Option<String>> {
    prop_oneof![
        Just(None),
        Just(Some(String::new())),
        value().prop_map(Some),
    ]
    .boxed()
}

/// Regexes with the groups they have and replacements valid for them.
pub const REGEXES: &[(&str, &[&str])] = &[
    (
        "0",
        &["", "+", "00", "$0", "${0}", "\\0", "$$", "\\\\", "é"],
    ),
    ("^0", &["", "+44", "\\0\\0", "$$0"]),
    ("[0-9]", &["", "<$0>", "\\05", "x"]),
    (r"\d+", &["#", "[$0]", "${0}${0}"]),
    (
        r"^\+?(\d)(\d*)$",
        &["$2$1", "\\2\\1", "${1}-${2}", "\\15", "\\\\1", "$$1", "+$1"],
    ),
    (
        r"(?P<cc>1)(\d)",
        &["${cc}", "$cc", "[${2}]", "\\2${cc}", "$1$2$1"],
    ),
    ("x*", &["-", ""]),
    // Anchored with a closing run (lowered without the regex engine).
    (r"^00(\d+)$", &["+$1", "$1$1", "$0"]),
    (r"^(é)([0-9é]{2,})()$", &["$2$1$3", "x"]),
    ("(.)", &["$1$1", "\\1é"]),
    ("é|中", &["e", "", "$0$0"]),
    ("$", &["#", "$$"]),
    ("^", &["+", "\\\\"]),
    (r"[\s\-()]", &[""]),
    ("(a)?b?", &["[$1]", "\\1"]),
    // docs/spec.md §4.1.1: ASCII-only perl classes and word boundaries.
    (r"\w+\b", &["<$0>", ""]),
    (r"\B", &["|"]),
    (r"[\d+]", &["", "#"]),
    (r"\W", &["_"]),
];

pub fn regex_and_replacement() -> BoxedStrategy<(String, String)> {
    prop::sample::select(REGEXES)
        .prop_flat_map(|(re, reps)| {
            prop::sample::select(reps).prop_map(move |rep| (re.to_string(), rep.to_string()))
        })
        .boxed()
}

pub fn regex_only() -> BoxedStrategy<String> {
    prop::sample::select(REGEXES)
        .prop_map(|(re, _)| re.to_string())
        .boxed()
}

pub const PATTERNS: &[&str] = &[
    "0XXXXXXXXXX",
    "_0591.",
    "+[13-5]XZN!",
    "X",
    "XX!",
    "x.",
    "N!",
    "z",
    "1é",
    "[0+é]!",
    "+.",
    "!",
    "0[1-9]X",
];

pub const LENGTHS: &[&str] = &["0", "3", "2-5", "4-", "-3", "10-12", "0-0", "1-"];

pub const COUNTRY_CODES: &[&str] = &["1", "44", "33", "852"];

pub fn trunk() -> BoxedStrategy<Option<String>> {
    prop_oneof![
        Just(None),
        Just(Some(String::new())),
        prop::sample::select(vec!["0", "00", "1", "8"]).prop_map(|s| Some(s.to_string())),
    ]
    .boxed()
}

pub fn number_opt(max: i64) -> BoxedStrategy<Option<i64>> {
    prop_oneof![Just(None), (0..=max).prop_map(Some)].boxed()
}

pub fn mask() -> BoxedStrategy<String> {
    text_from(&['X', 'X', 'x', '1', '4', '+', 'é', '-'], 1..8)
}

pub fn t(
    kind: &str,
    value: Option<String>,
    value2: Option<String>,
    number: Option<i64>,
) -> Transform {
    Transform {
        kind: kind.to_string(),
        value,
        value2,
        number,
    }
}

/// Any valid non-guard transform (`stop` included).
pub fn simple() -> BoxedStrategy<Transform> {
    prop_oneof![
        value().prop_map(|v| t("add_prefix", Some(v), None, None)),
        value().prop_map(|v| t("add_suffix", Some(v), None, Some(0))),
        (value(), opt_value(), number_opt(3)).prop_map(|(v, v2, n)| t("replace", Some(v), v2, n)),
        (0..6i64).prop_map(|n| t("strip_digits_start", None, None, Some(n))),
        (0..6i64).prop_map(|n| t("strip_digits_end", None, Some(String::new()), Some(n))),
        (0..6i64).prop_map(|n| t("keep_digits_start", None, None, Some(n))),
        (0..12i64).prop_map(|n| t("keep_digits_end", None, None, Some(n))),
        value().prop_map(|v| t("strip_prefix", Some(v), None, None)),
        value().prop_map(|v| t("strip_suffix", Some(v), None, None)),
        (value(), opt_value()).prop_map(|(v, v2)| t("replace_prefix", Some(v), v2, None)),
        value().prop_map(|v| t("ensure_prefix", Some(v), None, None)),
        opt_value().prop_map(|v| t("set", v, None, None)),
        value().prop_map(|v| t("set_if_empty", Some(v), None, None)),
        value().prop_map(|v| t("remove_chars", Some(v), None, None)),
        Just(t("digits_only", None, None, None)),
        (regex_and_replacement(), number_opt(2)).prop_map(|((re, rep), n)| t(
            "regex_replace",
            Some(re),
            Some(rep),
            n
        )),
        mask().prop_map(|m| t("mask", Some(m), None, None)),
        (prop::sample::select(COUNTRY_CODES), trunk(), number_opt(11)).prop_map(|(cc, tr, n)| t(
            "to_e164",
            Some(cc.to_string()),
            tr,
            n
        )),
        (prop::sample::select(COUNTRY_CODES), trunk()).prop_map(|(cc, tr)| t(
            "from_e164",
            Some(cc.to_string()),
            tr,
            None
        )),
        Just(t("stop", None, None, None)),
    ]
    .boxed()
}

/// Any guard; its `number` is set by the caller to the length of the block it governs.
pub fn guard() -> BoxedStrategy<Transform> {
    prop_oneof![
        value().prop_map(|v| t("if_prefix", Some(v), None, None)),
        value().prop_map(|v| t("if_suffix", Some(v), None, None)),
        prop::sample::select(PATTERNS).prop_map(|p| t("if_pattern", Some(p.into()), None, None)),
        regex_only().prop_map(|re| t("if_regex", Some(re), None, None)),
        prop::sample::select(LENGTHS).prop_map(|l| t("if_length", Some(l.into()), None, None)),
    ]
    .boxed()
}

/// A non-empty block of transforms in which every guard's range nests properly.
pub fn block() -> BoxedStrategy<Vec<Transform>> {
    let leaf = simple().prop_map(|t| vec![t]);
    leaf.prop_recursive(3, 40, 4, |inner| {
        let guarded = (guard(), inner.clone(), 0..3u8).prop_map(|(mut g, body, spelling)| {
            // A one-transform range may be written as absent, null or 0.
            g.number = match (body.len(), spelling) {
                (1, 0) => None,
                (1, 1) => Some(0),
                (n, _) => Some(n as i64),
            };
            let mut out = vec![g];
            out.extend(body);
            out
        });
        prop::collection::vec(prop_oneof![2 => inner, 1 => guarded], 1..4)
            .prop_map(|blocks| blocks.into_iter().flatten().collect())
    })
    .boxed()
}

pub fn pipeline() -> BoxedStrategy<Vec<Transform>> {
    prop_oneof![1 => Just(Vec::new()), 12 => block()].boxed()
}

/// The case count: `default`, or `PROPTEST_CASES` when set (for long local runs).
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

pub fn compile(transforms: &[Transform], max_length: usize) -> Pipeline {
    match Pipeline::builder()
        .max_length(max_length)
        .from_transforms(transforms)
    {
        Ok(p) => p,
        Err(e) => panic!("a valid pipeline does not compile: {e}\n{transforms:?}"),
    }
}
