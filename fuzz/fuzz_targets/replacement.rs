//! Replacement templates (docs/spec.md §4.1): a `regex_replace` pipeline gives what the `regex` crate's
//! own `replacen`/`replace_all` expansion gives, where the two syntaxes overlap (replacements
//! without backslashes: `$N`, `${N}`, `$name`, `${name}`, `$$`). A replacement that names a
//! group the regex does not have must be a configuration error (the `regex` crate would expand
//! it to nothing).
//!
//! Input: one byte for the count, then the regex, a newline, the replacement, a newline, and the
//! subject (the rest).
#![no_main]

use callerid_transform::{ConfigErrorKind, Error, Pipeline, Transform};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/reference.rs"]
#[allow(dead_code, clippy::all)]
mod reference;

const LIMIT: usize = 4096;

/// The group references of a `regex`-crate replacement (its `Captures::expand` rules).
fn references(rep: &str) -> Vec<String> {
    let b = rep.as_bytes();
    let mut refs = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'$' {
            i += 1;
            continue;
        }
        i += 1;
        if i < b.len() && b[i] == b'$' {
            i += 1;
            continue;
        }
        if i < b.len() && b[i] == b'{' {
            // `${name}`, the name anything up to the first `}` (`${}` names the group "").
            if let Some(len) = rep[i + 1..].find('}') {
                refs.push(rep[i + 1..i + 1 + len].to_string());
                i += len + 2;
            }
            continue;
        }
        let start = i;
        while i < b.len() && (b[i] == b'_' || b[i].is_ascii_alphanumeric()) {
            i += 1;
        }
        if i > start {
            refs.push(rep[start..i].to_string());
        }
    }
    refs
}

fn group_exists(re: &regex::Regex, name: &str) -> bool {
    match name.parse::<usize>() {
        Ok(i) => i < re.captures_len(),
        Err(_) => re.capture_names().flatten().any(|n| n == name),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&count, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let mut parts = text.splitn(3, '\n');
    let (Some(pattern), Some(rep), Some(subject)) = (parts.next(), parts.next(), parts.next())
    else {
        return;
    };
    if pattern.is_empty() || rep.contains('\\') || pattern.len() > 1024 || rep.len() > 1024 {
        return;
    }
    let count = usize::from(count % 4);
    let transforms = [Transform::new("regex_replace")
        .value(pattern)
        .value2(rep)
        .number(count as i64)];
    let compiled = Pipeline::builder()
        .max_length(LIMIT)
        .max_value_len(LIMIT)
        .from_transforms(&transforms);
    // Whether the pattern is valid is judged on it as written (a perl class as a range end,
    // `[\d-5]`, is a syntax error there but not once spelled out); what it matches, on the
    // regex crate with the ASCII classes of docs/spec.md §4.1.1 spelled out by the reference.
    let regex = match regex_syntax::Parser::new().parse(pattern) {
        Err(_) => Err(()),
        Ok(_) => regex::RegexBuilder::new(&reference::ascii_regex(pattern))
            .size_limit(1 << 20)
            .build()
            .map_err(|_| ()),
    };
    let (pipeline, regex) = match (compiled, regex) {
        (Err(Error::Config(errors)), Err(_)) => {
            assert_eq!(errors[0].kind, ConfigErrorKind::InvalidRegex, "{errors:?}");
            return;
        }
        (Err(Error::Config(errors)), Ok(re)) => {
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert_eq!(
                errors[0].kind,
                ConfigErrorKind::InvalidReplacement,
                "{errors:?}"
            );
            assert!(
                references(rep).iter().any(|r| !group_exists(&re, r)),
                "{rep:?} names only groups of {pattern:?}, yet: {errors:?}"
            );
            return;
        }
        (Ok(p), Ok(re)) => (p, re),
        (compiled, re) => panic!("engine {compiled:?}, regex crate {re:?} on {pattern:?}"),
    };
    for r in references(rep) {
        assert!(
            group_exists(&regex, &r),
            "{rep:?} names a missing group {r:?}"
        );
    }
    if subject.chars().count() > LIMIT {
        return;
    }
    let want = regex.replacen(subject, count, rep);
    match pipeline.apply(subject) {
        Ok(got) => assert_eq!(got, want, "{pattern:?} -> {rep:?} x{count} on {subject:?}"),
        Err(e) => assert!(
            want.chars().count() > LIMIT,
            "{e} but the regex crate gives {} characters",
            want.chars().count()
        ),
    }
});
