//! 3CX outbound rules: CSV `prefix, length, strip, prepend`.
//!
//! Semantics (3CX's outbound-rule documentation): rules are tried in their listed order;
//! a rule applies to numbers that start with one of its prefixes (none: any number) and
//! whose length is one of its lengths (none: any length); it strips digits from the front
//! and then prepends. `prefix` and `length` may list several values separated by commas;
//! a length may be a range `10-11`.
//!
//! Several prefixes become one `if_regex` guard; several lengths that do not form one range
//! become one copy of the rule per range (the copies end in `stop`, so the first one that
//! applies wins, exactly as one rule would).

use super::csv_rows;
use super::regex_dialect;
use super::table::{guard, Node, Rule};
use super::yeastar::strip_prepend;
use super::{Context, ImportNote};
use crate::wire::Transform;

const KNOWN: &[&str] = &["prefix", "length", "strip", "prepend"];
const HARMLESS: &[&str] = &["name", "description", "id", "notes"];

pub(crate) fn import(text: &str, ctx: &mut Context) -> Vec<Node> {
    let Some(table) = csv_rows::read(text, &["prefix", "length"], ctx) else {
        return Vec::new();
    };
    csv_rows::unknown_columns(&table, KNOWN, HARMLESS, ctx);
    let mut nodes = Vec::new();
    for row in &table.rows {
        let line = row.line;
        let prefixes: Vec<&str> = list(table.get(row, "prefix"));
        let lengths = match lengths(table.get(row, "length")) {
            Ok(l) => l,
            Err(e) => {
                ctx.error(ImportNote::at(line, e));
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
        let prefix_guard = match prefixes.as_slice() {
            [] => None,
            [one] => Some(guard("if_prefix", *one)),
            many => Some(guard(
                "if_regex",
                format!(
                    "^(?:{})",
                    many.iter()
                        .map(|p| regex_dialect::literal(p))
                        .collect::<Vec<_>>()
                        .join("|")
                ),
            )),
        };
        let length_guards: Vec<Option<Transform>> = if lengths.is_empty() {
            vec![None]
        } else {
            lengths
                .iter()
                .map(|&(lo, hi)| {
                    let v = if lo == hi {
                        lo.to_string()
                    } else {
                        format!("{lo}-{hi}")
                    };
                    Some(guard("if_length", v))
                })
                .collect()
        };
        for length in length_guards {
            let guards = prefix_guard.iter().cloned().chain(length).collect();
            nodes.push(Node::Rule(Rule {
                line,
                guards,
                edits: edits.clone(),
            }));
        }
    }
    nodes
}

fn list(s: &str) -> Vec<&str> {
    s.split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect()
}

/// The length list as sorted, merged, inclusive ranges.
fn lengths(s: &str) -> Result<Vec<(u32, u32)>, String> {
    let mut ranges = Vec::new();
    for item in list(s) {
        let parse = |v: &str| {
            v.trim().parse::<u32>().map_err(|_| {
                format!(
                    "`length` lists {item:?}; expected a number of digits or a range like 10-11"
                )
            })
        };
        let (lo, hi) = match item.split_once('-') {
            Some((lo, hi)) => (parse(lo)?, parse(hi)?),
            None => (parse(item)?, parse(item)?),
        };
        if lo > hi {
            return Err(format!("`length` range {item:?} runs backwards"));
        }
        ranges.push((lo, hi));
    }
    crate::order::sort_by_u64_key(&mut ranges, |&(lo, hi)| crate::order::pair_key(lo, hi));
    let mut merged: Vec<(u32, u32)> = Vec::new();
    for (lo, hi) in ranges {
        match merged.last_mut() {
            Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
            _ => merged.push((lo, hi)),
        }
    }
    Ok(merged)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_lists_merge_into_ranges() {
        assert_eq!(lengths("10,11").unwrap(), [(10, 11)]);
        assert_eq!(lengths("12, 10").unwrap(), [(10, 10), (12, 12)]);
        assert_eq!(lengths("8-9,10").unwrap(), [(8, 10)]);
        assert!(lengths("ten").is_err());
        assert!(lengths("9-8").is_err());
    }
}
