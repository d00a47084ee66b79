//! A plain reference interpreter for docs/spec.md §3-§6 (SPEC 1.1), written straight from the
//! contract and kept independent of the engine in `src/`: obvious code, a new `String` per step,
//! no cleverness. Where the engine rewrites a regex's syntax tree to make `\d`, `\w`, `\s`, `\b`
//! and `\B` ASCII-only, this file spells them out in the pattern's text (`ascii_regex`).
//!
//! It assumes the configuration is valid (the engine validates); it only interprets.
//! It depends on nothing but `callerid_transform::Transform` and the `regex` crate, so other
//! crates (the fuzz targets) can include it with `#[path = ".../reference.rs"] mod reference;`.
#![allow(dead_code)]

use callerid_transform::Transform;

/// Why the reference interpreter failed: the length limit (docs/spec.md §5).
/// `None` = the input itself is too long; `Some(i)` = transform `i` (0-based) would have
/// produced a result longer than the limit.
pub type RefError = Option<usize>;

/// Runs `transforms` on `input` with the contract's semantics, under a length limit of
/// `max_length` characters for the input and for every intermediate result.
pub fn apply(transforms: &[Transform], max_length: usize, input: &str) -> Result<String, RefError> {
    if char_len(input) > max_length {
        return Err(None);
    }
    let mut s = input.to_string();
    let mut i = 0;
    while i < transforms.len() {
        let t = &transforms[i];
        let kind = t.kind.as_str();
        if is_guard(kind) {
            if guard_holds(t, &s) {
                i += 1;
            } else {
                i += 1 + governed_count(t);
            }
            continue;
        }
        if kind == "stop" {
            return Ok(s);
        }
        let next = step(t, &s);
        if char_len(&next) > max_length {
            return Err(Some(i));
        }
        s = next;
        i += 1;
    }
    Ok(s)
}

/// Whether `kind` is one of the guard types of §3.3.
pub fn is_guard(kind: &str) -> bool {
    matches!(
        kind,
        "if_prefix" | "if_suffix" | "if_pattern" | "if_regex" | "if_length"
    )
}

/// How many transforms after a guard it governs: absent, null or 0 means 1.
pub fn governed_count(t: &Transform) -> usize {
    match t.number {
        None | Some(0) => 1,
        Some(n) => n as usize,
    }
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

fn value(t: &Transform) -> String {
    t.value.clone().unwrap_or_default()
}

fn value2(t: &Transform) -> String {
    t.value2.clone().unwrap_or_default()
}

fn number(t: &Transform) -> usize {
    t.number.unwrap_or(0) as usize
}

/// Tests a guard against the current string.
pub fn guard_holds(t: &Transform, s: &str) -> bool {
    let v = value(t);
    match t.kind.as_str() {
        "if_prefix" => s.starts_with(&v),
        "if_suffix" => s.ends_with(&v),
        "if_pattern" => dial_pattern_matches(&v, s),
        "if_regex" => regex_of(&v).is_match(s),
        "if_length" => {
            let (min, max) = parse_length_range(&v);
            let n = char_len(s);
            n >= min && n <= max
        }
        other => panic!("reference: {other} is not a guard"),
    }
}

/// Runs one editing transform and returns the new string.
pub fn step(t: &Transform, s: &str) -> String {
    let v = value(t);
    let v2 = value2(t);
    let n = number(t);
    let chars: Vec<char> = s.chars().collect();
    match t.kind.as_str() {
        "add_prefix" => format!("{v}{s}"),
        "add_suffix" => format!("{s}{v}"),
        "replace" => {
            if n == 0 {
                s.replace(&v, &v2)
            } else {
                s.replacen(&v, &v2, n)
            }
        }
        "strip_digits_start" => chars.iter().skip(n).collect(),
        "strip_digits_end" => {
            let keep = chars.len().saturating_sub(n);
            chars[..keep].iter().collect()
        }
        "keep_digits_start" => chars.iter().take(n).collect(),
        "keep_digits_end" => {
            let from = chars.len().saturating_sub(n);
            chars[from..].iter().collect()
        }
        "strip_prefix" => match s.strip_prefix(v.as_str()) {
            Some(rest) => rest.to_string(),
            None => s.to_string(),
        },
        "strip_suffix" => match s.strip_suffix(v.as_str()) {
            Some(rest) => rest.to_string(),
            None => s.to_string(),
        },
        "replace_prefix" => match s.strip_prefix(v.as_str()) {
            Some(rest) => format!("{v2}{rest}"),
            None => s.to_string(),
        },
        "ensure_prefix" => {
            if s.starts_with(&v) {
                s.to_string()
            } else {
                format!("{v}{s}")
            }
        }
        "set" => v,
        "set_if_empty" => {
            if s.is_empty() {
                v
            } else {
                s.to_string()
            }
        }
        "remove_chars" => chars.iter().filter(|c| !v.contains(**c)).collect(),
        "digits_only" => {
            let mut out = String::new();
            for (k, c) in chars.iter().enumerate() {
                if c.is_ascii_digit() || (k == 0 && *c == '+') {
                    out.push(*c);
                }
            }
            out
        }
        "regex_replace" => {
            let re = regex_of(&v);
            let rep = translate_replacement(&v2);
            re.replacen(s, n, rep.as_str()).into_owned()
        }
        "mask" => apply_mask(&v, s),
        "to_e164" => to_e164(&v, &v2, n, s),
        "from_e164" => {
            let lead = format!("+{v}");
            match s.strip_prefix(lead.as_str()) {
                Some(rest) => format!("{v2}{rest}"),
                None => s.to_string(),
            }
        }
        other => panic!("reference: unknown or non-editing type {other}"),
    }
}

/// `pattern` compiled with [`ascii_regex`], from a small per-thread cache: the fuzz targets
/// apply one configuration to several inputs, and compiling a regex costs far more than
/// running it. The cache is emptied when it holds 64 patterns, so its memory stays bounded.
fn regex_of(pattern: &str) -> regex::Regex {
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        static CACHE: RefCell<HashMap<String, regex::Regex>> = RefCell::new(HashMap::new());
    }
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(re) = cache.get(pattern) {
            return re.clone();
        }
        if cache.len() >= 64 {
            cache.clear();
        }
        let re = regex::Regex::new(&ascii_regex(pattern)).unwrap();
        cache.insert(pattern.to_string(), re.clone());
        re
    })
}

/// Rewrites a regex (docs/spec.md §4.1.1) for the `regex` crate so that its perl classes and word boundaries
/// are ASCII-only: each `\d`, `\D`, `\w`, `\W`, `\s`, `\S` becomes the bracketed set it means
/// (a set nests inside another set, so this holds inside `[...]` too), and each word boundary
/// (`\b`, `\B`, `\<`, `\>`, `\b{start}`, ...) is wrapped in `(?-u:...)`. Every other escape is
/// copied with the character after it, so `\\d` stays a backslash and a `d`.
pub fn ascii_regex(pattern: &str) -> String {
    // `\x20`, not a space: `(?x)` ignores spaces, even inside a set.
    const SPACE: &str = r"\t\n\x0B\x0C\r\x20";
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::new();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        if c != '\\' || k + 1 == chars.len() {
            out.push(c);
            k += 1;
            continue;
        }
        let e = chars[k + 1];
        k += 2;
        match e {
            'd' => out.push_str("[0-9]"),
            'D' => out.push_str("[^0-9]"),
            'w' => out.push_str("[0-9A-Za-z_]"),
            'W' => out.push_str("[^0-9A-Za-z_]"),
            's' => out.push_str(&format!("[{SPACE}]")),
            'S' => out.push_str(&format!("[^{SPACE}]")),
            'b' | 'B' | '<' | '>' => {
                out.push_str("(?-u:\\");
                out.push(e);
                // `\b{start}` and its kin: the braces belong to the boundary (`\b{2}` repeats it).
                let rest: String = chars[k..].iter().collect();
                for special in ["{start}", "{end}", "{start-half}", "{end-half}"] {
                    if e == 'b' && rest.starts_with(special) {
                        out.push_str(special);
                        k += special.chars().count();
                        break;
                    }
                }
                out.push(')');
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    out
}

/// Translates a replacement template (docs/spec.md §4.1.2) to the `regex` crate's syntax: `\N` (one digit) becomes
/// `${N}`, `\\` becomes one literal backslash, a literal backslash otherwise stays itself, and
/// every `$` form is passed through as the `regex` crate reads it.
pub fn translate_replacement(rep: &str) -> String {
    let chars: Vec<char> = rep.chars().collect();
    let mut out = String::new();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        if c == '\\' && k + 1 < chars.len() {
            let d = chars[k + 1];
            if d.is_ascii_digit() {
                out.push_str("${");
                out.push(d);
                out.push('}');
                k += 2;
                continue;
            }
            if d == '\\' {
                out.push('\\');
                k += 2;
                continue;
            }
        }
        if c == '$' {
            // Copy a `$` form the regex crate reads (`$$`, `${...}`, `$name`) as it is; a `$`
            // that starts none of them is a literal `$`, written `$$` for the regex crate.
            let next = chars.get(k + 1).copied();
            if next == Some('$') {
                out.push_str("$$");
                k += 2;
                continue;
            }
            if next == Some('{') {
                if let Some(close) = chars[k + 2..].iter().position(|&x| x == '}') {
                    let end = k + 2 + close + 1;
                    out.extend(&chars[k..end]);
                    k = end;
                    continue;
                }
            }
            if !next.is_some_and(|x| x == '_' || x.is_ascii_alphanumeric()) {
                out.push_str("$$");
                k += 1;
                continue;
            }
        }
        out.push(c);
        k += 1;
    }
    out
}

/// Parses an `if_length` range: `N`, `MIN-MAX`, `MIN-` or `-MAX` (inclusive).
pub fn parse_length_range(v: &str) -> (usize, usize) {
    // A bound past `usize::MAX` is past every length.
    let num = |x: &str| x.parse::<usize>().unwrap_or(usize::MAX);
    match v.split_once('-') {
        None => (num(v), num(v)),
        Some((a, b)) => {
            let min = if a.is_empty() { 0 } else { num(a) };
            let max = if b.is_empty() { usize::MAX } else { num(b) };
            (min, max)
        }
    }
}

/// One token of a dial pattern.
#[derive(Debug, Clone)]
enum Tok {
    /// One character from this set of inclusive ranges.
    One(Vec<(char, char)>),
    /// `.`: one or more characters of any kind (final only).
    OneOrMore,
    /// `!`: zero or more characters of any kind (final only).
    ZeroOrMore,
}

fn parse_dial_pattern(p: &str) -> Vec<Tok> {
    let chars: Vec<char> = p.strip_prefix('_').unwrap_or(p).chars().collect();
    let mut toks = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        k += 1;
        let tok = match c {
            '-' => continue, // outside a set, `-` is ignored (docs/spec.md §4.2)
            'X' | 'x' => Tok::One(vec![('0', '9')]),
            'Z' | 'z' => Tok::One(vec![('1', '9')]),
            'N' | 'n' => Tok::One(vec![('2', '9')]),
            '.' => Tok::OneOrMore,
            '!' => Tok::ZeroOrMore,
            '[' => {
                let mut set = Vec::new();
                while chars[k] != ']' {
                    let a = chars[k];
                    if k + 2 < chars.len() && chars[k + 1] == '-' && chars[k + 2] != ']' {
                        set.push((a, chars[k + 2]));
                        k += 3;
                    } else {
                        set.push((a, a));
                        k += 1;
                    }
                }
                k += 1; // the ']'
                Tok::One(set)
            }
            other => Tok::One(vec![(other, other)]),
        };
        toks.push(tok);
    }
    toks
}

/// Whether the whole of `s` matches the dial pattern `p` (§4.2).
pub fn dial_pattern_matches(p: &str, s: &str) -> bool {
    let toks = parse_dial_pattern(p);
    let chars: Vec<char> = s.chars().collect();
    let mut k = 0;
    for tok in &toks {
        match tok {
            Tok::One(set) => {
                if k >= chars.len() {
                    return false;
                }
                let c = chars[k];
                if !set.iter().any(|&(a, b)| a <= c && c <= b) {
                    return false;
                }
                k += 1;
            }
            Tok::OneOrMore => return chars.len() > k,
            Tok::ZeroOrMore => return true,
        }
    }
    k == chars.len()
}

/// Applies a right-aligned mask (§4.3).
pub fn apply_mask(mask: &str, s: &str) -> String {
    let mask: Vec<char> = mask.chars().collect();
    let s: Vec<char> = s.chars().collect();
    let mut reversed = Vec::new();
    for from_right in 0..mask.len() {
        let m = mask[mask.len() - 1 - from_right];
        let under = if from_right < s.len() {
            Some(s[s.len() - 1 - from_right])
        } else {
            None
        };
        if m == 'X' || m == 'x' {
            if let Some(c) = under {
                reversed.push(c);
            }
        } else {
            reversed.push(m);
        }
    }
    reversed.iter().rev().collect()
}

/// Normalises to E.164 (§4.4, steps 1-6).
pub fn to_e164(cc: &str, trunk: &str, national_len: usize, s: &str) -> String {
    // 1. drop the separators
    let t: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
        .collect();
    // 2. leave anything that is not a number alone
    let rest = t.strip_prefix('+').unwrap_or(&t);
    if t.is_empty() || rest.is_empty() || !rest.chars().all(|c| c.is_ascii_digit()) {
        return s.to_string();
    }
    // 3. already international
    if t.starts_with('+') {
        return t;
    }
    // 4. national number with the country code already in front
    if national_len > 0 && char_len(&t) == char_len(cc) + national_len && t.starts_with(cc) {
        return format!("+{t}");
    }
    // 5. national trunk prefix
    if !trunk.is_empty() {
        if let Some(without) = t.strip_prefix(trunk) {
            return format!("+{cc}{without}");
        }
    }
    // 6. otherwise
    format!("+{cc}{t}")
}
