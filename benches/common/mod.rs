//! Benchmark scenarios and the peers the engine is measured against, shared by the criterion
//! benches and the ratio report.
#![allow(dead_code)]

#[path = "../../tests/common/reference.rs"]
pub mod reference;

use callerid_transform::{Pipeline, Transform};

/// One benchmark scenario: a configuration, the numbers it is applied to, and (where one
/// exists) the same transformation written by hand.
pub struct Scenario {
    pub name: &'static str,
    pub config: String,
    pub inputs: Vec<String>,
    pub handwritten: Option<fn(&str, &mut String)>,
}

/// The naive interpreter most services would write: the transforms kept as parsed, a new
/// `String` per step, `regex::Regex` (compiled once) for regex types, guards by re-scanning.
pub struct Naive {
    steps: Vec<(Transform, Option<regex::Regex>, String)>,
    max_length: usize,
}

impl Naive {
    pub fn new(config: &str) -> Naive {
        let transforms: Vec<Transform> = serde_json::from_str(config).unwrap();
        let steps = transforms
            .into_iter()
            .map(|t| {
                let re = matches!(t.kind.as_str(), "regex_replace" | "if_regex")
                    .then(|| regex::Regex::new(t.value_str()).unwrap());
                let rep = reference::translate_replacement(t.value2_str());
                (t, re, rep)
            })
            .collect();
        Naive {
            steps,
            max_length: 256,
        }
    }

    pub fn apply(&self, input: &str) -> Result<String, usize> {
        if input.chars().count() > self.max_length {
            return Err(0);
        }
        let mut s = input.to_string();
        let mut i = 0;
        while i < self.steps.len() {
            let (t, re, rep) = &self.steps[i];
            let kind = t.kind.as_str();
            if reference::is_guard(kind) {
                let holds = match re {
                    Some(re) => re.is_match(&s),
                    None => reference::guard_holds(t, &s),
                };
                i += if holds {
                    1
                } else {
                    1 + reference::governed_count(t)
                };
                continue;
            }
            if kind == "stop" {
                break;
            }
            let next = match re {
                Some(re) => re
                    .replacen(&s, t.number.unwrap_or(0) as usize, rep.as_str())
                    .into_owned(),
                None => reference::step(t, &s),
            };
            if next.chars().count() > self.max_length {
                return Err(i);
            }
            s = next;
            i += 1;
        }
        Ok(s)
    }
}

/// The floor: copying the input into the output buffer.
pub fn copy(input: &str, out: &mut String) {
    out.clear();
    out.push_str(input);
}

fn numbers() -> Vec<String> {
    [
        "02079460000",
        "020 7946 0000",
        "+442079460000",
        "00442079460000",
        "07700900123",
        "00331234567",
        "anonymous",
        "",
        "01632960001",
        "+14155550100",
    ]
    .map(String::from)
    .to_vec()
}

/// The UK rule table: international numbers stay, 00 becomes +, national 0 becomes +44.
pub const UK_RULES: &str = r#"[
  {"type": "if_prefix", "value": "+", "number": 1},
  {"type": "stop"},
  {"type": "if_prefix", "value": "00", "number": 2},
  {"type": "replace_prefix", "value": "00", "value2": "+"},
  {"type": "stop"},
  {"type": "if_pattern", "value": "_0ZXXXXXXXXX", "number": 2},
  {"type": "strip_digits_start", "number": 1},
  {"type": "add_prefix", "value": "+44"}
]"#;

fn uk_handwritten(s: &str, out: &mut String) {
    out.clear();
    if s.starts_with('+') {
        out.push_str(s);
    } else if let Some(rest) = s.strip_prefix("00") {
        out.push('+');
        out.push_str(rest);
    } else {
        let b = s.as_bytes();
        if b.len() == 11
            && b[0] == b'0'
            && (b'1'..=b'9').contains(&b[1])
            && b[2..].iter().all(u8::is_ascii_digit)
        {
            out.push_str("+44");
            out.push_str(&s[1..]);
        } else {
            out.push_str(s);
        }
    }
}

/// Issue 12's 5-op literal pipeline: no dashes, national 0 off, `+44` on, a tag added and
/// taken off again.
pub const FIVE_OPS: &str = r#"[
  {"type": "replace", "value": "-", "value2": ""},
  {"type": "strip_digits_start", "number": 1},
  {"type": "add_prefix", "value": "+44"},
  {"type": "add_suffix", "value": ";x"},
  {"type": "strip_digits_end", "number": 2}
]"#;

fn five_ops_handwritten(s: &str, out: &mut String) {
    out.clear();
    out.push_str("+44");
    let mut chars = s.chars().filter(|&c| c != '-');
    chars.next();
    out.extend(chars);
}

/// The 5-op pipeline's operands (the character removed, the characters stripped, the prefix),
/// for its floor peer.
static FIVE_OPS_OPERANDS: (char, usize, &str) = ('-', 1, "+44");

/// [`five_ops_handwritten`] with its operands read from memory: what any engine that is
/// driven by data, not generated code, must at least do (issue 12 measured this at 1.8x the
/// constant-operand code).
fn five_ops_floor(s: &str, out: &mut String) {
    let &(remove, front, prefix) = std::hint::black_box(&FIVE_OPS_OPERANDS);
    out.clear();
    out.push_str(prefix);
    let mut chars = s.chars().filter(|&c| c != remove);
    for _ in 0..front {
        chars.next();
    }
    out.extend(chars);
}

/// The UK rule table ending in `to_e164` (punctuation out, national 0 to +44).
pub const UK_E164_RULES: &str = include_str!("../../tests/data/uk_to_e164.json");

fn uk_e164_handwritten(s: &str, out: &mut String) {
    out.clear();
    if s.starts_with('+') {
        out.push_str(s);
        return;
    }
    if let Some(rest) = s.strip_prefix("00") {
        out.push('+');
        out.push_str(rest);
        return;
    }
    let punct = |b: &u8| matches!(b, b' ' | b'-' | b'.' | b'(' | b')');
    let mut digits = s.bytes().filter(|b| !punct(b)).peekable();
    if digits.peek().is_none() || !s.bytes().all(|b| punct(&b) || b.is_ascii_digit()) {
        out.push_str(s);
        return;
    }
    out.push_str("+44");
    if digits.peek() == Some(&b'0') {
        digits.next();
    }
    out.extend(digits.map(char::from));
}

/// The UK `to_e164` table's operands: the prefix kept, the international prefix and what
/// replaces it, the country code with `+`, the trunk prefix.
static UK_E164_OPERANDS: (&str, &str, &str, &str, u8) = ("+", "00", "+", "+44", b'0');

/// [`uk_e164_handwritten`] line for line, its operands read from memory (see
/// [`five_ops_floor`]).
fn uk_e164_floor(s: &str, out: &mut String) {
    let &(keep, intl, intl_to, plus_cc, trunk) = std::hint::black_box(&UK_E164_OPERANDS);
    out.clear();
    if s.starts_with(keep) {
        out.push_str(s);
        return;
    }
    if let Some(rest) = s.strip_prefix(intl) {
        out.push_str(intl_to);
        out.push_str(rest);
        return;
    }
    let punct = |b: &u8| matches!(b, b' ' | b'-' | b'.' | b'(' | b')');
    let mut digits = s.bytes().filter(|b| !punct(b)).peekable();
    if digits.peek().is_none() || !s.bytes().all(|b| punct(&b) || b.is_ascii_digit()) {
        out.push_str(s);
        return;
    }
    out.push_str(plus_cc);
    if digits.peek() == Some(&trunk) {
        digits.next();
    }
    out.extend(digits.map(char::from));
}

/// The data-driven floor of a scenario, where the report measures one: its handwritten code
/// with the operands read from memory.
pub fn data_driven_floor(scenario: &str) -> Option<fn(&str, &mut String)> {
    match scenario {
        "i/five_op_literal" => Some(five_ops_floor),
        "j/uk_to_e164" => Some(uk_e164_floor),
        _ => None,
    }
}

/// A first-match table of regex rules (Kamailio dialplan / Cisco translation style): the
/// first rule whose regex matches rewrites the number; none matching leaves it.
pub const REGEX_TABLE: &[(&str, &str)] = &[
    (r"^\+\d+$", "$0"),
    (r"^00(\d+)$", "+$1"),
    (r"^0([1-9]\d{9})$", "+44$1"),
    (r"^0(\d{3}) (\d{4}) (\d{4})$", "+44$1$2$3"),
];

/// [`REGEX_TABLE`] as a pipeline: `if_regex` over `regex_replace` and `stop` per rule.
pub fn regex_table_config() -> String {
    let mut transforms = Vec::new();
    for (re, with) in REGEX_TABLE {
        transforms.push(Transform::new("if_regex").value(*re).number(2));
        transforms.push(Transform::new("regex_replace").value(*re).value2(*with));
        transforms.push(Transform::new("stop"));
    }
    serde_json::to_string(&transforms).unwrap()
}

/// The regex table with the `regex` crate: one `Regex` per rule, tried in order.
pub struct RegexTable {
    rules: Vec<(regex::Regex, String)>,
}

impl RegexTable {
    pub fn new() -> RegexTable {
        RegexTable {
            rules: REGEX_TABLE
                .iter()
                .map(|(re, with)| (regex::Regex::new(re).unwrap(), with.to_string()))
                .collect(),
        }
    }

    /// The first matching rule's rewrite (one search for the captures, then expansion).
    pub fn apply(&self, s: &str, out: &mut String) {
        out.clear();
        for (re, with) in &self.rules {
            if let Some(caps) = re.captures(s) {
                let m = caps.get(0).unwrap();
                out.push_str(&s[..m.start()]);
                caps.expand(with, out);
                out.push_str(&s[m.end()..]);
                return;
            }
        }
        out.push_str(s);
    }
}

/// The regex table with a `RegexSet`: one pass finds the matching rules, the first one's
/// regex then captures.
pub struct RegexSetTable {
    set: regex::RegexSet,
    table: RegexTable,
}

impl RegexSetTable {
    pub fn new() -> RegexSetTable {
        let table = RegexTable::new();
        RegexSetTable {
            set: regex::RegexSet::new(table.rules.iter().map(|(re, _)| re.as_str())).unwrap(),
            table,
        }
    }

    pub fn apply(&self, s: &str, out: &mut String) {
        out.clear();
        match self.set.matches(s).into_iter().next() {
            Some(i) => {
                let (re, with) = &self.table.rules[i];
                let caps = re.captures(s).unwrap();
                let m = caps.get(0).unwrap();
                out.push_str(&s[..m.start()]);
                caps.expand(with, out);
                out.push_str(&s[m.end()..]);
            }
            None => out.push_str(s),
        }
    }
}

/// UK national numbers, as written (for `to_e164` against a phone-number library).
pub fn uk_national() -> Vec<String> {
    [
        "02079460000",
        "020 7946 0000",
        "07700900123",
        "07700 900123",
        "01632960001",
        "0161 496 0000",
        "0113 496 0000",
        "(020) 7946-0000",
    ]
    .map(String::from)
    .to_vec()
}

/// A pipeline of `n` ops cycling through [`long_pipeline`]'s block (n = 1, 4 or a multiple
/// of 8).
pub fn pipeline_of_length(n: usize) -> String {
    let all: Vec<Transform> =
        serde_json::from_str(&long_pipeline_of(n.div_ceil(64).max(1) * 64)).unwrap();
    serde_json::to_string(&all[..n]).unwrap()
}

/// A numeric-only pipeline that adds nothing (so inputs up to the limit stay on the fast
/// path), for cost against input length.
pub const CLEANING: &str = r#"[
  {"type": "remove_chars", "value": " -()."},
  {"type": "replace", "value": "00", "value2": "+"},
  {"type": "if_pattern", "value": "X!", "number": 1},
  {"type": "strip_digits_end", "number": 1}
]"#;

/// A number written with spaces, `len` characters long.
pub fn long_number(len: usize) -> String {
    "0207 946 0000 ".chars().cycle().take(len).collect()
}

/// Regex-heavy: clean, 00 to +, national to +44 (three `regex_replace`).
pub const REGEX_RULES: &str = r#"[
  {"type": "regex_replace", "value": "[^0-9+]", "value2": ""},
  {"type": "regex_replace", "value": "^00", "value2": "+"},
  {"type": "regex_replace", "value": "^0([1-9][0-9]{9})$", "value2": "+44\\1"}
]"#;

fn regex_handwritten(s: &str, out: &mut String) {
    out.clear();
    out.extend(s.chars().filter(|c| c.is_ascii_digit() || *c == '+'));
    if out.starts_with("00") {
        out.replace_range(..2, "+");
    }
    let b = out.as_bytes();
    if b.len() == 11 && b[0] == b'0' && b[1] != b'0' && b[1..].iter().all(u8::is_ascii_digit) {
        out.replace_range(..1, "+44");
    }
}

fn prefix_handwritten(s: &str, out: &mut String) {
    out.clear();
    out.push_str("+1");
    out.push_str(s);
}

fn suffix_handwritten(s: &str, out: &mut String) {
    out.clear();
    out.push_str(s);
    out.push('#');
}

fn replace_handwritten(s: &str, out: &mut String) {
    out.clear();
    let mut last = 0;
    for (at, _) in s.match_indices("00") {
        out.push_str(&s[last..at]);
        out.push('+');
        last = at + 2;
    }
    out.push_str(&s[last..]);
}

fn strip_start_handwritten(s: &str, out: &mut String) {
    out.clear();
    let at = s.char_indices().nth(1).map_or(s.len(), |(i, _)| i);
    out.push_str(&s[at..]);
}

fn strip_end_handwritten(s: &str, out: &mut String) {
    out.clear();
    let at = s.char_indices().next_back().map_or(0, |(i, _)| i);
    out.push_str(&s[..at]);
}

/// A 64-op pipeline of literal edits and guards that keeps numbers bounded.
pub fn long_pipeline() -> String {
    long_pipeline_of(64)
}

/// `n` ops of the long pipeline's block.
fn long_pipeline_of(n: usize) -> String {
    let block = [
        r#"{"type": "add_prefix", "value": "9"}"#,
        r#"{"type": "replace", "value": "5", "value2": "6"}"#,
        r#"{"type": "if_prefix", "value": "9", "number": 1}"#,
        r#"{"type": "strip_digits_start", "number": 1}"#,
        r#"{"type": "add_suffix", "value": "0"}"#,
        r#"{"type": "strip_suffix", "value": "0"}"#,
        r#"{"type": "ensure_prefix", "value": "+"}"#,
        r#"{"type": "strip_prefix", "value": "+"}"#,
    ];
    let ops: Vec<&str> = block.iter().cycle().take(n).copied().collect();
    format!("[{}]", ops.join(","))
}

/// A 10-op literal pipeline (compile-time scenario).
pub fn ten_op_pipeline() -> String {
    let ops = [
        r#"{"type": "remove_chars", "value": " -()."}"#,
        r#"{"type": "if_prefix", "value": "+", "number": 1}"#,
        r#"{"type": "stop"}"#,
        r#"{"type": "if_prefix", "value": "00", "number": 2}"#,
        r#"{"type": "replace_prefix", "value": "00", "value2": "+"}"#,
        r#"{"type": "stop"}"#,
        r#"{"type": "if_prefix", "value": "0", "number": 2}"#,
        r#"{"type": "strip_digits_start", "number": 1}"#,
        r#"{"type": "add_prefix", "value": "+44"}"#,
        r#"{"type": "add_suffix", "value": "9"}"#,
    ];
    format!("[{}]", ops.join(","))
}

fn one(kind_json: &str) -> String {
    format!("[{kind_json}]")
}

/// Every apply scenario, (a) to (e).
pub fn scenarios() -> Vec<Scenario> {
    let nums = numbers();
    vec![
        Scenario {
            name: "a/add_prefix",
            config: one(r#"{"type": "add_prefix", "value": "+1"}"#),
            inputs: nums.clone(),
            handwritten: Some(prefix_handwritten),
        },
        Scenario {
            name: "a/add_suffix",
            config: one(r##"{"type": "add_suffix", "value": "#"}"##),
            inputs: nums.clone(),
            handwritten: Some(suffix_handwritten),
        },
        Scenario {
            name: "a/replace",
            config: one(r#"{"type": "replace", "value": "00", "value2": "+"}"#),
            inputs: nums.clone(),
            handwritten: Some(replace_handwritten),
        },
        Scenario {
            name: "a/strip_digits_start",
            config: one(r#"{"type": "strip_digits_start", "number": 1}"#),
            inputs: nums.clone(),
            handwritten: Some(strip_start_handwritten),
        },
        Scenario {
            name: "a/strip_digits_end",
            config: one(r#"{"type": "strip_digits_end", "number": 1}"#),
            inputs: nums.clone(),
            handwritten: Some(strip_end_handwritten),
        },
        Scenario {
            name: "b/uk_rule_table",
            config: UK_RULES.to_string(),
            inputs: nums.clone(),
            handwritten: Some(uk_handwritten),
        },
        Scenario {
            name: "c/regex_heavy",
            config: REGEX_RULES.to_string(),
            inputs: nums.clone(),
            handwritten: Some(regex_handwritten),
        },
        Scenario {
            name: "d/64_ops",
            config: long_pipeline(),
            inputs: nums.clone(),
            handwritten: None,
        },
        Scenario {
            name: "i/five_op_literal",
            config: FIVE_OPS.to_string(),
            inputs: nums
                .iter()
                .cloned()
                .chain(["020-7946-0000".into(), "0161-496-0000".into()])
                .collect(),
            handwritten: Some(five_ops_handwritten),
        },
        Scenario {
            name: "j/uk_to_e164",
            config: UK_E164_RULES.to_string(),
            inputs: nums.clone(),
            handwritten: Some(uk_e164_handwritten),
        },
        Scenario {
            name: "e/non_ascii",
            config: r#"[{"type": "remove_chars", "value": "☎ -"},
                        {"type": "if_pattern", "value": "0ZXXXXXXXXX", "number": 2},
                        {"type": "strip_digits_start", "number": 1},
                        {"type": "add_prefix", "value": "+44"}]"#
                .to_string(),
            inputs: [
                "☎ 020-7946-0000",
                "☎ 07700 900123",
                "Zoë ☎ 0161 496 0000",
                "０２０ ７９４６",
            ]
            .map(String::from)
            .to_vec(),
            handwritten: None,
        },
    ]
}

/// Checks that engine, naive and handwritten agree on a scenario's inputs.
pub fn check(s: &Scenario) {
    let engine = Pipeline::from_json(&s.config).unwrap();
    let naive = Naive::new(&s.config);
    let mut out = String::new();
    for input in &s.inputs {
        let want = engine.apply(input).unwrap();
        assert_eq!(
            naive.apply(input).unwrap(),
            want,
            "naive, {} on {input:?}",
            s.name
        );
        if let Some(hand) = s.handwritten {
            hand(input, &mut out);
            assert_eq!(out, want, "handwritten, {} on {input:?}", s.name);
        }
        if let Some(floor) = data_driven_floor(s.name) {
            floor(input, &mut out);
            assert_eq!(out, want, "data-driven floor, {} on {input:?}", s.name);
        }
    }
}
