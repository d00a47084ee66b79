//! Cisco IOS / IOS-XE `voice translation-rule` blocks.
//!
//! Semantics (Cisco's "Voice Translation Rules" tech note, document 61083): the rules of a
//! block are tried by ascending precedence number; the first whose match pattern matches
//! the number is applied once, to the first match only, and ends the translation. Each rule
//! becomes `if_regex M` governing `regex_replace M R (first match)` and `stop`.
//!
//! Not representable: `reject` rules and `type`/`plan` qualifiers (the engine sees only
//! the digits). Lossy imports turn a reject into "leave the number unchanged and stop" and
//! drop qualifiers, each with a warning.

use std::collections::BTreeMap;

use super::regex_dialect::{self, Piece};
use super::table::{guard, replace_first, Node, Rule};
use super::{Context, ImportNote};

struct Block {
    tag: String,
    line: usize,
    rules: Vec<CiscoRule>,
}

struct CiscoRule {
    line: usize,
    precedence: u64,
    reject: bool,
    pattern: String,
    replace: String,
    qualifiers: Vec<String>,
}

pub(crate) fn import(text: &str, ctx: &mut Context) -> Vec<Node> {
    let blocks = parse(text, ctx);
    let Some(block) = choose(blocks, ctx) else {
        return Vec::new();
    };
    let mut seen: BTreeMap<u64, usize> = BTreeMap::new();
    let mut rules = Vec::new();
    for rule in block.rules {
        if let Some(first) = seen.insert(rule.precedence, rule.line) {
            ctx.error(ImportNote::at(
                rule.line,
                format!(
                    "rule {} is defined twice (first on line {first})",
                    rule.precedence
                ),
            ));
            continue;
        }
        rules.push(rule);
    }
    crate::order::sort_by_u64_key(&mut rules, |r| r.precedence);
    rules.into_iter().filter_map(|r| convert(r, ctx)).collect()
}

fn convert(rule: CiscoRule, ctx: &mut Context) -> Option<Node> {
    let line = rule.line;
    let (regex, groups) = match regex_dialect::cisco(&rule.pattern) {
        Ok(r) => r,
        Err(e) => {
            ctx.error(ImportNote::at(
                line,
                format!(
                    "rule {}: match pattern /{}/: {e}",
                    rule.precedence, rule.pattern
                ),
            ));
            return None;
        }
    };
    for q in &rule.qualifiers {
        if !ctx.inexact(
            line,
            &format!(
                "rule {}: the qualifier `{q}` tests the number's type or plan, which a caller-ID \
                 pipeline does not see",
                rule.precedence
            ),
            "the qualifier is dropped and the rule applies to numbers of every type and plan",
        ) {
            return None;
        }
    }
    let guards = vec![guard("if_regex", regex.clone())];
    if rule.reject {
        if !ctx.inexact(
            line,
            &format!(
                "rule {} rejects the call, which a caller-ID pipeline cannot do",
                rule.precedence
            ),
            "numbers it matches are left unchanged and no later rule applies",
        ) {
            return None;
        }
        return Some(Node::Rule(Rule {
            line,
            guards,
            edits: Vec::new(),
        }));
    }
    let pieces = match replacement(&rule.replace, groups) {
        Ok(p) => p,
        Err(e) => {
            ctx.error(ImportNote::at(
                line,
                format!(
                    "rule {}: replacement pattern /{}/: {e}",
                    rule.precedence, rule.replace
                ),
            ));
            return None;
        }
    };
    let edit = replace_first(regex, regex_dialect::template(&pieces));
    Some(Node::Rule(Rule {
        line,
        guards,
        edits: vec![edit],
    }))
}

/// A Cisco replacement: `\N` copies set N; any other `\c` is a literal `c`.
fn replacement(text: &str, groups: usize) -> Result<Vec<Piece>, String> {
    let mut pieces = Vec::new();
    let mut lit = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(d) if d.is_ascii_digit() => {
                    let n = d as usize - '0' as usize;
                    if n > groups {
                        return Err(format!(
                            "`\\{n}` copies set {n}, but the match pattern has {groups} \
                             set{} (`\\(...\\)`)",
                            if groups == 1 { "" } else { "s" }
                        ));
                    }
                    if !lit.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut lit)));
                    }
                    pieces.push(Piece::Group(n));
                }
                Some(other) => lit.push(other),
                None => return Err("it ends with a lone `\\`".into()),
            },
            '&' => {
                return Err(
                    "`&` (sed's whole match) is not part of Cisco's rule syntax as the importer \
                     knows it; write `\\&` for a literal"
                        .into(),
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

/// Picks the block to import: the only one, or the one `--select` names.
fn choose(blocks: Vec<Block>, ctx: &mut Context) -> Option<Block> {
    let tags = || {
        blocks
            .iter()
            .map(|b| format!("{} (line {})", b.tag, b.line))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match &ctx.options.select {
        Some(tag) => {
            let found = blocks.iter().position(|b| &b.tag == tag);
            match found {
                Some(i) => blocks.into_iter().nth(i),
                None => {
                    let message = if blocks.is_empty() {
                        format!("no `voice translation-rule` block, so none named {tag:?}")
                    } else {
                        format!("no translation rule {tag:?}; the input has {}", tags())
                    };
                    ctx.error(ImportNote::whole(message));
                    None
                }
            }
        }
        None if blocks.len() == 1 => blocks.into_iter().next(),
        None if blocks.is_empty() => {
            ctx.error(ImportNote::whole(
                "no `voice translation-rule TAG` block and no `rule N /match/ /replace/` line found",
            ));
            None
        }
        None => {
            ctx.error(ImportNote::whole(format!(
                "the input has {} translation rules; choose one with select (--select TAG): {}",
                blocks.len(),
                tags()
            )));
            None
        }
    }
}

fn parse(text: &str, ctx: &mut Context) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut open = false;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let trimmed = raw.trim();
        let mut words = trimmed.split_whitespace();
        let first = words.next().unwrap_or("");
        if first.eq_ignore_ascii_case("voice")
            && words
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case("translation-rule"))
        {
            let tag: Vec<&str> = words.collect();
            if tag.len() != 1 {
                ctx.error(ImportNote::at(
                    line,
                    "expected `voice translation-rule TAG` with one tag",
                ));
                open = false;
                continue;
            }
            blocks.push(Block {
                tag: tag[0].to_string(),
                line,
                rules: Vec::new(),
            });
            open = true;
        } else if first.eq_ignore_ascii_case("rule") {
            if !open {
                if blocks.is_empty() {
                    // Bare rule lines: one unnamed block.
                    blocks.push(Block {
                        tag: String::new(),
                        line,
                        rules: Vec::new(),
                    });
                    open = true;
                } else {
                    ctx.error(ImportNote::at(
                        line,
                        "a `rule` line outside a `voice translation-rule` block",
                    ));
                    continue;
                }
            }
            match parse_rule(trimmed, line) {
                Ok(rule) => {
                    if let Some(block) = blocks.last_mut() {
                        block.rules.push(rule);
                    }
                }
                Err(e) => ctx.error(ImportNote::at(line, e)),
            }
        } else if !trimmed.is_empty() {
            // `!` or any other configuration line ends the block.
            open = false;
        }
    }
    blocks
}

/// Parses `rule N /match/ /replace/ [type A B] [plan A B]` or `rule N reject /match/ ...`.
fn parse_rule(text: &str, _line: usize) -> Result<CiscoRule, String> {
    let expected = "expected `rule N /match/ /replace/` or `rule N reject /match/`";
    let rest = text[4..].trim_start();
    let digits = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let precedence: u64 = rest[..digits]
        .parse()
        .map_err(|_| format!("{expected}: the precedence N must be a whole number"))?;
    let mut rest = rest[digits..].trim_start();
    let reject = rest.len() >= 6 && rest[..6].eq_ignore_ascii_case("reject");
    if reject {
        rest = rest[6..].trim_start();
    }
    let (pattern, after) =
        delimited(rest).ok_or_else(|| format!("{expected}: a /match/ pattern"))?;
    let (replace, after) = if reject {
        (String::new(), after)
    } else {
        delimited(after.trim_start())
            .ok_or_else(|| format!("{expected}: a /replace/ pattern after /{pattern}/"))?
    };
    let words: Vec<&str> = after.split_whitespace().collect();
    let mut qualifiers = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i].to_ascii_lowercase();
        if (w == "type" || w == "plan") && words.len() >= i + 3 {
            qualifiers.push(words[i..i + 3].join(" "));
            i += 3;
        } else {
            return Err(format!(
                "unexpected `{}` after the patterns; only `type MATCH REPLACE` and `plan MATCH REPLACE` may follow",
                words[i]
            ));
        }
    }
    Ok(CiscoRule {
        line: _line,
        precedence,
        reject,
        pattern,
        replace,
        qualifiers,
    })
}

/// Reads `/text/` (a `\/` inside stays escaped); returns the text and what follows.
fn delimited(s: &str) -> Option<(String, &str)> {
    let body = s.strip_prefix('/')?;
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '/' if !escaped => return Some((body[..i].to_string(), &body[i + 1..])),
            _ => escaped = false,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_line_parts() {
        let r = parse_rule(r"rule 2 /^9\(.*\)/ /\1/ type any national", 1).unwrap();
        assert_eq!(
            (r.precedence, r.pattern.as_str(), r.replace.as_str()),
            (2, r"^9\(.*\)", r"\1")
        );
        assert_eq!(r.qualifiers, ["type any national"]);
        let r = parse_rule("rule 1 reject /^1900/", 1).unwrap();
        assert!(r.reject);
        assert!(parse_rule("rule x /1/ /2/", 1).is_err());
        assert!(parse_rule("rule 1 /1/", 1).is_err());
        assert!(parse_rule("rule 1 /1/ /2/ bogus", 1).is_err());
    }
}
