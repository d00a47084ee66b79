//! Dial patterns (docs/spec.md §4.2): `DialPattern::parse` and `matches` against an independent
//! translation of the pattern to a regex, run by the `regex` crate.
//!
//! Input: the pattern, a newline, then the strings to match (one per line).
#![no_main]

use callerid_transform::DialPattern;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/reference.rs"]
#[allow(dead_code, clippy::all)]
mod reference;

/// One character as a regex that matches exactly it.
fn lit(c: char) -> String {
    format!("\\x{{{:X}}}", u32::from(c))
}

/// docs/spec.md §4.2 as a regex over the whole string, or why the pattern is invalid.
fn translate(pattern: &str) -> Result<String, &'static str> {
    let body = pattern.strip_prefix('_').unwrap_or(pattern);
    if body.chars().all(|c| c == '-') {
        return Err("empty");
    }
    let chars: Vec<char> = body.chars().collect();
    let mut re = String::from("(?s)\\A");
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        k += 1;
        match c {
            'X' | 'x' => re.push_str("[0-9]"),
            'Z' | 'z' => re.push_str("[1-9]"),
            '-' => {} // outside a set: a separator, ignored
            'N' | 'n' => re.push_str("[2-9]"),
            '.' | '!' => {
                if chars[k..].iter().any(|&c| c != '-') {
                    return Err("wildcard before the end");
                }
                re.push_str(if c == '.' { ".+" } else { ".*" });
            }
            '[' => {
                let close = match chars[k..].iter().position(|&c| c == ']') {
                    Some(p) => k + p,
                    None => return Err("unclosed"),
                };
                let set = &chars[k..close];
                k = close + 1;
                if set.is_empty() {
                    return Err("empty set");
                }
                re.push('[');
                let mut i = 0;
                while i < set.len() {
                    // `a-b` is a range when a character follows the `-`; a `-` first or last is itself.
                    if i + 2 < set.len() && set[i + 1] == '-' {
                        if set[i] > set[i + 2] {
                            return Err("reversed range");
                        }
                        re.push_str(&format!("{}-{}", lit(set[i]), lit(set[i + 2])));
                        i += 3;
                    } else {
                        re.push_str(&lit(set[i]));
                        i += 1;
                    }
                }
                re.push(']');
            }
            other => re.push_str(&lit(other)),
        }
    }
    re.push_str("\\z");
    Ok(re)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let pattern = lines.next().unwrap_or("");
    let parsed = DialPattern::parse(pattern);
    let expected = translate(pattern);
    let (parsed, expected) = match (parsed, expected) {
        (Ok(p), Ok(re)) => (p, re),
        (Err(e), Err(_)) => {
            assert!(!e.is_empty());
            return;
        }
        (p, re) => panic!("pattern {pattern:?}: engine {p:?}, translation {re:?}"),
    };
    let regex = regex::Regex::new(&expected).expect("the translation compiles");
    let subjects: Vec<&str> = lines.collect();
    let defaults = ["", "0", "+", "12", "0591012345", "+1136282882"];
    for s in subjects.iter().copied().chain(defaults) {
        let want = regex.is_match(s);
        assert_eq!(
            parsed.matches(s),
            want,
            "pattern {pattern:?} (regex {expected}) on {s:?}"
        );
        assert_eq!(
            reference::dial_pattern_matches(pattern, s),
            want,
            "reference on pattern {pattern:?}, {s:?}"
        );
    }
});
