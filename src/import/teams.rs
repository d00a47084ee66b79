//! Microsoft Teams translation rules, as `Get-CsTeamsTranslationRule | ConvertTo-Json`
//! prints them: an array of objects (or one object) with `Identity`, `Pattern` (.NET regex)
//! and `Translation` (`$1`, `${name}`, `$$`, `$&`).
//!
//! Semantics (Microsoft's New-CsTeamsTranslationRule documentation): the rules of a trunk's
//! list are applied in order, first match wins; a rule's pattern describes the whole number
//! (the documented examples are all `^...$`) and the translation gives the new number. A
//! pattern anchored at both ends is imported exactly; one that is not is an error (lossy:
//! anchored with `^(?:...)$`, with a warning).

use serde_json::Value;

use super::regex_dialect::{self, Dialect, Piece};
use super::table::{guard, replace_first, Node, Rule};
use super::{Context, ImportNote};

pub(crate) fn import(text: &str, ctx: &mut Context) -> Vec<Node> {
    let root: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            ctx.error(ImportNote::at(
                e.line().max(1),
                format!("not valid JSON: {e}"),
            ));
            return Vec::new();
        }
    };
    let lines = object_lines(text);
    let items = match root {
        Value::Array(items) => items,
        obj @ Value::Object(_) => vec![obj],
        _ => {
            ctx.error(ImportNote::whole(
                "expected a JSON array of translation rules (objects with Identity, Pattern \
                 and Translation), or one such object",
            ));
            return Vec::new();
        }
    };
    let mut nodes = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let line = lines.get(i).copied().unwrap_or(1);
        if let Some(node) = convert(item, line, ctx) {
            nodes.push(node);
        }
    }
    nodes
}

fn text_member<'v>(item: &'v Value, name: &str) -> Result<Option<&'v str>, String> {
    match item.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(format!("`{name}` must be a string")),
    }
}

fn convert(item: &Value, line: usize, ctx: &mut Context) -> Option<Node> {
    if !item.is_object() {
        ctx.error(ImportNote::at(line, "each rule must be a JSON object"));
        return None;
    }
    let (pattern, translation) = match (
        text_member(item, "Pattern"),
        text_member(item, "Translation"),
    ) {
        (Ok(Some(p)), Ok(t)) => (p, t.unwrap_or("")),
        (Ok(None), _) => {
            ctx.error(ImportNote::at(line, "the rule has no `Pattern`"));
            return None;
        }
        (Err(e), _) | (_, Err(e)) => {
            ctx.error(ImportNote::at(line, e));
            return None;
        }
    };
    let name = text_member(item, "Identity")
        .ok()
        .flatten()
        .map(|n| format!("rule {n:?}"))
        .unwrap_or_else(|| "the rule".into());
    let mut approx = Vec::new();
    let mut regex = match regex_dialect::translate(pattern, Dialect::DotNet, &mut approx) {
        Ok(r) => r,
        Err(e) => {
            ctx.error(ImportNote::at(
                line,
                format!("{name}: Pattern {pattern:?}: {e}"),
            ));
            return None;
        }
    };
    for a in approx {
        if !ctx.inexact(line, &format!("{name}: {}", a.why), &a.instead) {
            return None;
        }
    }
    let mut shape = match regex_dialect::shape(&regex) {
        Ok(s) => s,
        Err(e) => {
            ctx.error(ImportNote::at(
                line,
                format!("{name}: Pattern {pattern:?}: {e}"),
            ));
            return None;
        }
    };
    if !shape.whole {
        if !ctx.inexact(
            line,
            &format!(
                "{name}: Pattern {pattern:?} is not anchored at both ends (^...$), and Teams \
                 documents its rules as whole-number patterns"
            ),
            "it is imported as matching the whole number",
        ) {
            return None;
        }
        regex = format!("^(?:{regex})$");
        shape = regex_dialect::shape(&regex).ok()?;
    }
    let pieces = match replacement(translation, &regex, shape.groups) {
        Ok(p) => p,
        Err(e) => {
            ctx.error(ImportNote::at(
                line,
                format!("{name}: Translation {translation:?}: {e}"),
            ));
            return None;
        }
    };
    let edit = replace_first(regex.clone(), regex_dialect::template(&pieces));
    Some(Node::Rule(Rule {
        line,
        guards: vec![guard("if_regex", regex)],
        edits: vec![edit],
    }))
}

/// A .NET replacement: `$N` (the longest number that names a group; otherwise literal),
/// `${name}`, `$$`, `$&`; `` $` `` `$'` `$+` `$_` are not supported.
fn replacement(text: &str, regex: &str, groups: usize) -> Result<Vec<Piece>, String> {
    let names: Vec<String> = regex_syntax::parse(regex)
        .ok()
        .map(|hir| capture_names(&hir))
        .unwrap_or_default();
    let chars: Vec<char> = text.chars().collect();
    let mut pieces = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    let flush = |lit: &mut String, pieces: &mut Vec<Piece>| {
        if !lit.is_empty() {
            pieces.push(Piece::Text(std::mem::take(lit)));
        }
    };
    while i < chars.len() {
        let c = chars[i];
        if c != '$' || i + 1 == chars.len() {
            lit.push(c);
            i += 1;
            continue;
        }
        match chars[i + 1] {
            '$' => {
                lit.push('$');
                i += 2;
            }
            '&' => {
                flush(&mut lit, &mut pieces);
                pieces.push(Piece::Group(0));
                i += 2;
            }
            '{' => {
                let Some(close) = chars[i + 2..].iter().position(|&c| c == '}') else {
                    lit.push('$');
                    i += 1;
                    continue;
                };
                let name: String = chars[i + 2..i + 2 + close].iter().collect();
                let index = match name.parse::<usize>() {
                    Ok(n) if n <= groups => Some(n),
                    Ok(_) => None,
                    Err(_) => names.iter().position(|n| *n == name).map(|p| p + 1),
                };
                match index {
                    Some(n) => {
                        flush(&mut lit, &mut pieces);
                        pieces.push(Piece::Group(n));
                    }
                    // .NET copies an unknown `${name}` literally.
                    None => lit.extend(&chars[i..i + 3 + close]),
                }
                i += 3 + close;
            }
            d if d.is_ascii_digit() => {
                let mut end = i + 1;
                while end < chars.len() && chars[end].is_ascii_digit() {
                    end += 1;
                }
                // The longest run of digits that names a group.
                let mut taken = None;
                for stop in (i + 2..=end).rev() {
                    let n: usize = chars[i + 1..stop]
                        .iter()
                        .collect::<String>()
                        .parse()
                        .unwrap_or(usize::MAX);
                    if n <= groups {
                        taken = Some((n, stop));
                        break;
                    }
                }
                match taken {
                    Some((n, stop)) => {
                        flush(&mut lit, &mut pieces);
                        pieces.push(Piece::Group(n));
                        i = stop;
                    }
                    None => {
                        lit.push('$');
                        i += 1;
                    }
                }
            }
            '`' | '\'' | '+' | '_' => {
                return Err(format!(
                "`${}` (text around the match, the last group or the whole input) is not supported",
                chars[i + 1]
            ))
            }
            _ => {
                lit.push('$');
                i += 1;
            }
        }
    }
    flush(&mut lit, &mut pieces);
    Ok(pieces)
}

fn capture_names(hir: &regex_syntax::hir::Hir) -> Vec<String> {
    use regex_syntax::hir::HirKind;
    let mut names = Vec::new();
    fn walk(h: &regex_syntax::hir::Hir, names: &mut Vec<(u32, String)>) {
        match h.kind() {
            HirKind::Capture(c) => {
                if let Some(n) = &c.name {
                    names.push((c.index, n.to_string()));
                }
                walk(&c.sub, names);
            }
            HirKind::Concat(s) | HirKind::Alternation(s) => s.iter().for_each(|h| walk(h, names)),
            HirKind::Repetition(r) => walk(&r.sub, names),
            _ => {}
        }
    }
    let mut found = Vec::new();
    walk(hir, &mut found);
    // Capture indices are unique: ordering by them alone is the order of the pairs.
    crate::order::sort_by_u64_key(&mut found, |(i, _)| u64::from(*i));
    // Only named groups exist when any does (mixing is rejected), so position = index - 1.
    for (_, n) in found {
        names.push(n);
    }
    names
}

/// The 1-based line of each element of the top-level JSON array (or of the one object).
fn object_lines(text: &str) -> Vec<usize> {
    let mut lines = Vec::new();
    let (mut line, mut depth) = (1usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    let (mut root_is_array, mut expect) = (false, false);
    for c in text.chars() {
        if c == '\n' {
            line += 1;
        }
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        if depth == 1 && expect && !c.is_whitespace() && c != ']' {
            lines.push(line);
            expect = false;
        }
        match c {
            '"' => in_string = true,
            '[' | '{' => {
                if depth == 0 {
                    root_is_array = c == '[';
                    expect = root_is_array;
                    if c == '{' {
                        lines.push(line);
                    }
                }
                depth += 1;
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            ',' if depth == 1 && root_is_array => expect = true,
            _ => {}
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotnet_replacement_groups() {
        let r = |t: &str| replacement(t, "^(1)(2)$", 2).unwrap();
        assert_eq!(r("+1$1"), [Piece::Text("+1".into()), Piece::Group(1)]);
        assert_eq!(r("$12"), [Piece::Group(1), Piece::Text("2".into())]);
        assert_eq!(r("$$1"), [Piece::Text("$1".into())]);
        assert_eq!(
            r("${2}x$&"),
            [Piece::Group(2), Piece::Text("x".into()), Piece::Group(0)]
        );
        assert_eq!(r("$9"), [Piece::Text("$9".into())]);
        assert!(replacement("$_", "^1$", 0).is_err());
    }

    #[test]
    fn lines_of_array_elements() {
        assert_eq!(object_lines("[\n {\"a\": \"{[\"},\n {\n }\n]"), [2, 3]);
        assert_eq!(object_lines("\n{\"a\": 1}"), [2]);
        assert_eq!(object_lines("[1,\n \"x\"]"), [1, 2]);
    }
}
