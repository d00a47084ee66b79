//! `explain`: a pipeline in plain English, one line per transform, guarded blocks indented.

use crate::blocks::block_structure;
use crate::kind::Kind;
use crate::validate::governed;
use crate::wire::Transform;

/// One line per transform: `1. Remove the first character.`; governed transforms indented.
pub(crate) fn explain(transforms: &[Transform]) -> Vec<String> {
    // Numbers are right-aligned so that ` 9.` and `10.` line up.
    let width = transforms.len().to_string().len();
    transforms
        .iter()
        .zip(block_structure(transforms))
        .enumerate()
        .map(|(i, (t, block))| {
            let indent = "   ".repeat(block.depth);
            format!("{indent}{:>width$}. {}", i + 1, describe(t))
        })
        .collect()
}

fn chars(n: usize) -> String {
    if n == 1 {
        "character".into()
    } else {
        format!("{n} characters")
    }
}

fn first(n: usize) -> String {
    if n == 1 {
        "the first character".into()
    } else {
        format!("the first {n} characters")
    }
}

fn last(n: usize) -> String {
    if n == 1 {
        "the last character".into()
    } else {
        format!("the last {n} characters")
    }
}

fn occurrences(n: usize, what: &str) -> String {
    match n {
        0 => format!("every {what}"),
        1 => format!("the first {what}"),
        n => format!("the first {n} {what}s"),
    }
}

/// The sentence for one (valid) transform.
pub(crate) fn describe(t: &Transform) -> String {
    let v = t.value_str();
    let v2 = t.value2_str();
    let n = t.number.unwrap_or(0).max(0) as usize;
    let Some(kind) = Kind::from_name(&t.kind) else {
        return format!("Unknown type {:?}.", t.kind);
    };
    let governs = |test: String| {
        let n = governed(t);
        let what = if n == 1 {
            "the next transform".to_string()
        } else {
            format!("the next {n} transforms")
        };
        format!(
            "If {test}, run {what}; otherwise skip {}:",
            if n == 1 { "it" } else { "them" }
        )
    };
    match kind {
        Kind::AddPrefix => format!("Add {v:?} at the start."),
        Kind::AddSuffix => format!("Add {v:?} at the end."),
        Kind::Replace if v2.is_empty() => {
            format!(
                "Delete {}.",
                occurrences(n, &format!("occurrence of {v:?}"))
            )
        }
        Kind::Replace => format!(
            "Replace {} with {v2:?}.",
            occurrences(n, &format!("occurrence of {v:?}"))
        ),
        Kind::StripDigitsStart if n == 0 => "Remove nothing (0 characters).".into(),
        Kind::StripDigitsStart => format!("Remove {}.", first(n)),
        Kind::StripDigitsEnd if n == 0 => "Remove nothing (0 characters).".into(),
        Kind::StripDigitsEnd => format!("Remove {}.", last(n)),
        Kind::KeepDigitsStart if n == 0 => "Make the number empty (keep 0 characters).".into(),
        Kind::KeepDigitsStart => format!("Keep only {}.", first(n)),
        Kind::KeepDigitsEnd if n == 0 => "Make the number empty (keep 0 characters).".into(),
        Kind::KeepDigitsEnd => format!("Keep only {}.", last(n)),
        Kind::StripPrefix => format!("If it starts with {v:?}, remove that once."),
        Kind::StripSuffix => format!("If it ends with {v:?}, remove that once."),
        Kind::ReplacePrefix if v2.is_empty() => format!("If it starts with {v:?}, remove that."),
        Kind::ReplacePrefix => format!("If it starts with {v:?}, replace that with {v2:?}."),
        Kind::EnsurePrefix => format!("If it does not start with {v:?}, add {v:?} at the start."),
        Kind::Set if v.is_empty() => "Make the number empty (withheld).".into(),
        Kind::Set => format!("Replace the whole number with {v:?}."),
        Kind::SetIfEmpty => format!("If the number is empty (withheld), use {v:?}."),
        Kind::RemoveChars => format!("Delete every character that is one of {v:?}."),
        Kind::DigitsOnly => "Keep only the digits 0-9 (and a leading +).".into(),
        Kind::RegexReplace if v2.is_empty() => {
            format!(
                "Delete {}.",
                occurrences(n, &format!("match of the regex /{v}/"))
            )
        }
        Kind::RegexReplace => format!(
            "Replace {} with {v2:?}.",
            occurrences(n, &format!("match of the regex /{v}/"))
        ),
        Kind::Mask => format!(
            "Apply the mask {v:?}, aligned at the right: X keeps the number's character, \
             anything else is written as is."
        ),
        Kind::ToE164 => {
            let mut s = format!("Normalise to E.164 with country code +{v}");
            if !v2.is_empty() {
                s.push_str(&format!(", dropping the national trunk prefix {v2:?}"));
            }
            if n > 0 {
                s.push_str(&format!(", national numbers being {}", chars(n)));
            }
            s.push_str("; words such as \"anonymous\" pass through.");
            s
        }
        Kind::FromE164 if v2.is_empty() => format!("If it starts with \"+{v}\", remove that."),
        Kind::FromE164 => format!("If it starts with \"+{v}\", replace that with {v2:?}."),
        Kind::IfPrefix => governs(format!("it starts with {v:?}")),
        Kind::IfSuffix => governs(format!("it ends with {v:?}")),
        Kind::IfPattern => governs(format!("the whole number matches the dial pattern {v:?}")),
        Kind::IfRegex => governs(format!("the regex /{v}/ matches")),
        Kind::IfLength => governs(describe_length(v)),
        Kind::Stop => "Stop: the current number is the result.".into(),
    }
}

fn describe_length(v: &str) -> String {
    match v.split_once('-') {
        None => format!("it is {v} characters long"),
        Some(("", max)) => format!("it is at most {max} characters long"),
        Some((min, "")) => format!("it is at least {min} characters long"),
        Some((min, max)) => format!("it is {min} to {max} characters long"),
    }
}
