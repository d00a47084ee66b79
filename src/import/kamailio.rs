//! Kamailio (and OpenSIPS) dialplan table rows.
//!
//! Semantics, from the dialplan module's documentation and source (dp_repl.c, dp_db.c):
//! - rows of one `dpid` are tried by ascending `pr`; the first that matches is applied and
//!   ends the translation;
//! - `match_op` 0 compares the whole value with `match_exp`, 1 searches the PCRE
//!   `match_exp`, 2 matches the fnmatch pattern `match_exp`;
//! - a row with `match_len` L > 0 is only tried on values of length L, and such rows are
//!   tried before every row with `match_len` 0 (the module keeps one list per length);
//! - the result is `repl_exp` with `\N` replaced by group N of the first match of
//!   `subst_exp` (`\0`: the whole match) — only the expansion, not the rest of the value;
//!   without `subst_exp` the result is `repl_exp` as written; if `subst_exp` does not match,
//!   or the result is empty, the value is left unchanged; an empty value is never
//!   translated.
//!
//! OpenSIPS rows have `match_flags` (1: case-insensitive) instead of `match_len`, and may
//! have `disabled` (rows set to 1 are skipped) and `timerec` (time windows: not
//! representable).

use std::collections::BTreeSet;

use super::csv_rows::{self, Table};
use super::regex_dialect::{self, Dialect, Piece};
use super::table::{guard, replace_first, Node, Rule};
use super::{Context, ImportNote};
use crate::wire::Transform;

const REQUIRED: &[&str] = &[
    "dpid",
    "pr",
    "match_op",
    "match_exp",
    "subst_exp",
    "repl_exp",
];
const KNOWN: &[&str] = &[
    "id",
    "dpid",
    "pr",
    "match_op",
    "match_exp",
    "match_len",
    "match_flags",
    "subst_exp",
    "repl_exp",
    "attrs",
    "disabled",
    "timerec",
];

struct Row {
    line: usize,
    pr: i64,
    match_len: i64,
    node: Option<Rule>,
    /// Whether the row's match can accept an empty value.
    matches_empty: bool,
}

pub(crate) fn import(text: &str, ctx: &mut Context) -> Vec<Node> {
    let Some(table) = csv_rows::read(text, REQUIRED, ctx) else {
        return Vec::new();
    };
    if !table.has("match_len") && !table.has("match_flags") {
        ctx.error(ImportNote::at(
            1,
            "the header row needs `match_len` (Kamailio) or `match_flags` (OpenSIPS)",
        ));
        return Vec::new();
    }
    csv_rows::unknown_columns(&table, KNOWN, &[], ctx);
    let Some(dpid) = choose(&table, ctx) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    for row in &table.rows {
        if table.get(row, "dpid") != dpid {
            continue;
        }
        if table.get(row, "disabled") == "1" {
            continue;
        }
        if let Some(r) = convert(&table, row, ctx) {
            rows.push(r);
        }
    }
    if ctx.failed() {
        return Vec::new();
    }
    crate::order::sort_by_u64_key(&mut rows, |r| crate::order::signed_key(r.pr));
    let mut nodes = Vec::new();
    // An empty value is never translated.
    if let Some(first) = rows.iter().find(|r| r.match_len == 0 && r.matches_empty) {
        nodes.push(Node::Rule(Rule {
            line: first.line,
            guards: vec![guard("if_length", "0")],
            edits: Vec::new(),
        }));
    }
    let lengths: BTreeSet<i64> = rows
        .iter()
        .map(|r| r.match_len)
        .filter(|&l| l > 0)
        .collect();
    for len in lengths {
        let group: Vec<&Row> = rows.iter().filter(|r| r.match_len == len).collect();
        let children: Vec<Node> = group
            .iter()
            .filter_map(|r| r.node.clone().map(Node::Rule))
            .collect();
        nodes.push(Node::Group {
            line: group[0].line,
            guard: guard("if_length", len.to_string()),
            children,
        });
    }
    nodes.extend(
        rows.iter()
            .filter(|r| r.match_len == 0)
            .filter_map(|r| r.node.clone().map(Node::Rule)),
    );
    nodes
}

/// The `dpid` to import: the only one, or the one `--select` names.
fn choose(table: &Table, ctx: &mut Context) -> Option<String> {
    let ids: BTreeSet<String> = table
        .rows
        .iter()
        .map(|r| table.get(r, "dpid").to_string())
        .collect();
    let list = || ids.iter().cloned().collect::<Vec<_>>().join(", ");
    match &ctx.options.select {
        Some(id) if ids.contains(id.trim()) => Some(id.trim().to_string()),
        Some(id) => {
            ctx.error(ImportNote::whole(format!(
                "no rows with dpid {id}; the dpids are {}",
                if ids.is_empty() {
                    "(none)".to_string()
                } else {
                    list()
                }
            )));
            None
        }
        None if ids.len() == 1 => ids.into_iter().next(),
        None if ids.is_empty() => {
            ctx.error(ImportNote::whole("the table has no rows"));
            None
        }
        None => {
            ctx.error(ImportNote::whole(format!(
                "the table has rows for {} dialplans; choose one with select (--select DPID): {}",
                ids.len(),
                list()
            )));
            None
        }
    }
}

fn convert(table: &Table, row: &csv_rows::Row, ctx: &mut Context) -> Option<Row> {
    let line = row.line;
    let get = |c| table.get(row, c);
    let pr = csv_rows::number(get("pr"), "pr", line, ctx)?;
    let op = csv_rows::number(get("match_op"), "match_op", line, ctx)?;
    let match_len = if table.has("match_len") && !get("match_len").is_empty() {
        csv_rows::number(get("match_len"), "match_len", line, ctx)?
    } else {
        0
    };
    if match_len < 0 {
        ctx.error(ImportNote::at(line, "`match_len` must not be negative"));
        return None;
    }
    let caseless = match get("match_flags") {
        "" | "0" => false,
        "1" => true,
        other => {
            ctx.error(ImportNote::at(
                line,
                format!("`match_flags` must be 0 or 1, found {other:?}"),
            ));
            return None;
        }
    };
    if !get("timerec").is_empty()
        && !ctx.inexact(
            line,
            "`timerec` limits the row to time windows, which a pipeline cannot test",
            "the row applies at all times",
        )
    {
        return None;
    }
    let flags = if caseless { "(?i)" } else { "" };
    let match_exp = get("match_exp");
    let test = match op {
        0 => format!("{flags}^{}$", regex_dialect::literal(match_exp)),
        1 => match pcre(match_exp, line, "match_exp", ctx) {
            Some(r) => format!("{flags}{r}"),
            None => return None,
        },
        2 => format!("{flags}{}", regex_dialect::fnmatch(match_exp)),
        other => {
            ctx.error(ImportNote::at(
                line,
                format!("`match_op` must be 0 (equal), 1 (regex) or 2 (fnmatch), found {other}"),
            ));
            return None;
        }
    };
    let matches_empty = regex_automata::meta::Regex::new(&test)
        .map(|r| r.is_match(""))
        .unwrap_or(false);
    let edits = edits(get("subst_exp"), get("repl_exp"), flags, line, ctx)?;
    Some(Row {
        line,
        pr,
        match_len,
        node: Some(Rule {
            line,
            guards: vec![guard("if_regex", test)],
            edits,
        }),
        matches_empty,
    })
}

fn pcre(exp: &str, line: usize, column: &str, ctx: &mut Context) -> Option<String> {
    let mut approx = Vec::new();
    match regex_dialect::translate(exp, Dialect::Pcre, &mut approx) {
        Ok(r) => {
            for a in approx {
                if !ctx.inexact(line, &format!("`{column}`: {}", a.why), &a.instead) {
                    return None;
                }
            }
            Some(r)
        }
        Err(e) => {
            ctx.error(ImportNote::at(line, format!("`{column}` {exp:?}: {e}")));
            None
        }
    }
}

/// What a matching row does: the engine transforms for `subst_exp` and `repl_exp`.
fn edits(
    subst: &str,
    repl: &str,
    flags: &str,
    line: usize,
    ctx: &mut Context,
) -> Option<Vec<Transform>> {
    if repl.is_empty() {
        // The module then leaves the value unchanged.
        return Some(Vec::new());
    }
    if subst.is_empty() {
        if let Some(bad) = repl_escape_issue(repl) {
            ctx.error(ImportNote::at(line, bad));
            return None;
        }
        return Some(vec![Transform::new("set").value(repl)]);
    }
    let inner = format!("{flags}{}", pcre(subst, line, "subst_exp", ctx)?);
    let shape = match regex_dialect::shape(&inner) {
        Ok(s) => s,
        Err(e) => {
            ctx.error(ImportNote::at(line, format!("`subst_exp` {subst:?}: {e}")));
            return None;
        }
    };
    let pieces = match replacement(repl, shape.groups) {
        Ok(p) => p,
        Err(e) => {
            ctx.error(ImportNote::at(line, format!("`repl_exp` {repl:?}: {e}")));
            return None;
        }
    };
    let literal = pieces
        .iter()
        .any(|p| matches!(p, Piece::Text(t) if !t.is_empty()));
    let never_empty = literal
        || pieces
            .iter()
            .any(|p| matches!(p, Piece::Group(n) if shape.never_empty(*n)));
    if !never_empty
        && !ctx.inexact(
            line,
            "the result can be empty for some numbers, and Kamailio then leaves the number \
             unchanged, which the imported pipeline cannot reproduce",
            "an empty result empties the number",
        )
    {
        return None;
    }
    // The result is the expansion alone: make the regex span the whole value.
    let uses_whole = pieces.contains(&Piece::Group(0));
    let (regex, pieces) = if shape.whole {
        (inner, pieces)
    } else if uses_whole {
        let shifted = pieces
            .into_iter()
            .map(|p| match p {
                Piece::Group(n) => Piece::Group(n + 1),
                t => t,
            })
            .collect();
        (format!("^(?s:.*?)({inner})(?s:.*)$"), shifted)
    } else {
        (format!("^(?s:.*?)(?:{inner})(?s:.*)$"), pieces)
    };
    Some(vec![replace_first(regex, regex_dialect::template(&pieces))])
}

/// Why `repl_exp` cannot be used as written without `subst_exp`, if it cannot.
fn repl_escape_issue(repl: &str) -> Option<String> {
    if repl.contains('$') {
        return Some(format!(
            "`repl_exp` {repl:?} uses a config variable (`$...`), which only Kamailio can evaluate"
        ));
    }
    let mut chars = repl.chars();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.next().is_some_and(|d| ('1'..='9').contains(&d)) {
            return Some(format!(
                "`repl_exp` {repl:?} refers to a group, but the row has no `subst_exp` \
                 (Kamailio rejects such a row)"
            ));
        }
    }
    None
}

/// Kamailio's replacement syntax: `\0`..`\9` groups, `\\` `\n` `\r` `\t` `\$` escapes,
/// any other `\c` is `c`; `$` starts a config variable; `\u` is the request URI.
fn replacement(repl: &str, groups: usize) -> Result<Vec<Piece>, String> {
    let mut pieces = Vec::new();
    let mut lit = String::new();
    let mut chars = repl.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(d @ '0'..='9') => {
                    let n = d as usize - '0' as usize;
                    if n > groups {
                        return Err(format!(
                            "`\\{n}` refers to group {n}, but `subst_exp` has {groups} \
                             group{} (Kamailio rejects such a row)",
                            if groups == 1 { "" } else { "s" }
                        ));
                    }
                    if !lit.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut lit)));
                    }
                    pieces.push(Piece::Group(n));
                }
                Some('n') => lit.push('\n'),
                Some('r') => lit.push('\r'),
                Some('t') => lit.push('\t'),
                Some('u') => {
                    return Err("`\\u` inserts the request URI, which only Kamailio knows".into())
                }
                Some(other) => lit.push(other),
                None => return Err("it ends with a lone `\\`".into()),
            },
            '$' => {
                return Err(
                    "it uses a config variable (`$...`), which only Kamailio can evaluate".into(),
                )
            }
            c => lit.push(c),
        }
    }
    if !lit.is_empty() {
        pieces.push(Piece::Text(lit));
    }
    Ok(pieces)
}
