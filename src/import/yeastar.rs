//! Yeastar (and Asterisk/FreePBX-style) outbound routes: CSV `pattern, strip, prepend`.
//!
//! Semantics (Yeastar's outbound-route documentation): the first row whose dial pattern
//! matches the whole number wins; `strip` digits are removed from the front, then `prepend`
//! is put in front. Patterns use Asterisk's syntax (`X` `Z` `N` `[...]` `.` `!`, optional
//! leading `_`, `-` ignored); an empty pattern is Yeastar's default `X.`.

use super::csv_rows;
use super::table::{guard, Node, Rule};
use super::{Context, ImportNote};
use crate::pattern::DialPattern;
use crate::wire::Transform;

const KNOWN: &[&str] = &["pattern", "strip", "prepend"];
const HARMLESS: &[&str] = &["name", "description", "id", "trunks", "trunk", "notes"];

// Out of line: one copy, whatever inlines it (a smaller WebAssembly build).
#[inline(never)]
pub(crate) fn import(text: &str, ctx: &mut Context) -> Vec<Node> {
    let Some(table) = csv_rows::read(text, &["pattern"], ctx) else {
        return Vec::new();
    };
    csv_rows::unknown_columns(&table, KNOWN, HARMLESS, ctx);
    let mut nodes = Vec::new();
    for row in &table.rows {
        let line = row.line;
        let raw = table.get(row, "pattern");
        let pattern = match dial_pattern(if raw.is_empty() { "X." } else { raw }) {
            Ok(p) => p,
            Err(e) => {
                ctx.error(ImportNote::at(line, format!("pattern {raw:?}: {e}")));
                continue;
            }
        };
        let Some(edits) = strip_prepend(
            table.get(row, "strip"),
            table.get(row, "prepend"),
            line,
            ctx,
        ) else {
            continue;
        };
        nodes.push(Node::Rule(Rule {
            line,
            guards: vec![guard("if_pattern", pattern)],
            edits,
        }));
    }
    nodes
}

/// A Yeastar/Asterisk pattern in the engine's dial-pattern syntax (`_` kept off, `-`
/// outside a set dropped), checked.
fn dial_pattern(raw: &str) -> Result<String, String> {
    let body = raw.strip_prefix('_').unwrap_or(raw);
    let mut out = String::new();
    let mut in_set = false;
    for c in body.chars() {
        match c {
            '[' => in_set = true,
            ']' => in_set = false,
            '-' if !in_set => continue,
            '(' | ')' => {
                return Err(format!(
                    "`{c}` has no documented meaning in an outbound-route pattern"
                ))
            }
            c if c.is_whitespace() => return Err("a pattern has no spaces".into()),
            _ => {}
        }
        out.push(c);
    }
    DialPattern::parse(&out)?;
    Ok(out)
}

/// `strip` (a count, empty = 0) and `prepend` (text) as transforms; shared with 3CX.
pub(crate) fn strip_prepend(
    strip: &str,
    prepend: &str,
    line: usize,
    ctx: &mut Context,
) -> Option<Vec<Transform>> {
    let mut edits = Vec::new();
    if !strip.is_empty() {
        match strip.parse::<u16>() {
            Ok(0) => {}
            Ok(n) => edits.push(Transform::new("strip_digits_start").number(i64::from(n))),
            Err(_) => {
                ctx.error(ImportNote::at(
                    line,
                    format!("`strip` must be a whole number from 0 to 65535, found {strip:?}"),
                ));
                return None;
            }
        }
    }
    if !prepend.is_empty() {
        edits.push(Transform::new("add_prefix").value(prepend));
    }
    Some(edits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_lose_underscore_and_dashes() {
        assert_eq!(dial_pattern("_9NXX-XXXX").unwrap(), "9NXXXXXX");
        assert_eq!(dial_pattern("[1-3]X.").unwrap(), "[1-3]X.");
        assert!(dial_pattern("9(1)X.").is_err());
        assert!(dial_pattern("X.1").is_err());
    }
}
