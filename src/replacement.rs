//! Regex replacement templates (docs/spec.md §4.1.2): `$N`, `${N}`, `$name`, `${name}`, `$$` as in the
//! `regex` crate, plus sed-style `\N` (one digit) and `\\`; parsed once, at compile time.

use crate::regex::{group_count, group_index, Regex};

/// One piece of a parsed replacement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    /// Text copied as is: a byte range of [`Template::text`].
    Literal(usize, usize),
    /// The text of a capture group (nothing when the group did not take part).
    Group(usize),
}

/// A parsed replacement, its group names resolved to indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Template {
    pub(crate) text: String,
    pub(crate) pieces: Vec<Piece>,
    /// One past the highest group index used (so at least 1: group 0 is the match).
    pub(crate) groups_needed: usize,
}

/// A group reference as written, before it is checked against the regex.
#[derive(Debug, PartialEq, Eq)]
enum Ref<'a> {
    Index(usize),
    Name(&'a str),
}

impl Template {
    /// Parses `replacement` for `regex`; naming a group the regex lacks is an error.
    pub(crate) fn parse(replacement: &str, regex: &Regex) -> Result<Template, String> {
        let groups = group_count(regex);
        let mut t = Template {
            text: String::new(),
            pieces: Vec::new(),
            groups_needed: 1,
        };
        let mut error = None;
        tokenize(replacement, |token| match token {
            Token::Text(s) => t.push_text(s),
            Token::Group(r) => {
                let index = match r {
                    Ref::Index(i) if i < groups => Some(i),
                    Ref::Name(name) => group_index(regex, name),
                    Ref::Index(_) => None,
                };
                match index {
                    Some(i) => {
                        t.pieces.push(Piece::Group(i));
                        t.groups_needed = t.groups_needed.max(i + 1);
                    }
                    None if error.is_none() => {
                        let written = match r {
                            Ref::Index(i) => format!("group {i}"),
                            Ref::Name(n) => format!("group `{n}`"),
                        };
                        error = Some(format!(
                            "the replacement refers to {written}, but the regex has {}",
                            describe_groups(regex, groups)
                        ));
                    }
                    None => {}
                }
            }
        });
        match error {
            Some(e) => Err(e),
            None => Ok(t),
        }
    }

    fn push_text(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(s);
        match self.pieces.last_mut() {
            Some(Piece::Literal(_, end)) if *end == start => *end = self.text.len(),
            _ => self.pieces.push(Piece::Literal(start, self.text.len())),
        }
    }

    /// The literal text when the template uses no group; `None` otherwise.
    pub(crate) fn as_literal(&self) -> Option<&str> {
        self.pieces
            .iter()
            .all(|p| matches!(p, Piece::Literal(..)))
            .then_some(self.text.as_str())
    }

    /// Whether the output contains only ASCII when the input does.
    pub(crate) fn is_ascii(&self) -> bool {
        self.text.is_ascii()
    }
}

fn describe_groups(regex: &Regex, groups: usize) -> String {
    let names: Vec<String> = regex
        .group_info()
        .pattern_names(regex_automata::PatternID::ZERO)
        .flatten()
        .map(|n| format!("`{n}`"))
        .collect();
    let mut s = format!("groups 0 to {}", groups - 1);
    if !names.is_empty() {
        s.push_str(&format!(" (named {})", names.join(", ")));
    }
    s
}

enum Token<'a> {
    Text(&'a str),
    Group(Ref<'a>),
}

/// Splits a replacement into text and group references.
fn tokenize<'a>(mut rest: &'a str, mut emit: impl FnMut(Token<'a>)) {
    while let Some(at) = rest.find(['$', '\\']) {
        emit(Token::Text(&rest[..at]));
        let after = &rest[at + 1..];
        if rest.as_bytes()[at] == b'\\' {
            match after.as_bytes().first() {
                Some(d) if d.is_ascii_digit() => {
                    emit(Token::Group(Ref::Index(usize::from(d - b'0'))));
                    rest = &after[1..];
                }
                Some(b'\\') => {
                    emit(Token::Text("\\"));
                    rest = &after[1..];
                }
                _ => {
                    emit(Token::Text("\\"));
                    rest = after;
                }
            }
            continue;
        }
        // `$`, following the regex crate's `Captures::expand`.
        if let Some(tail) = after.strip_prefix('$') {
            emit(Token::Text("$"));
            rest = tail;
            continue;
        }
        let (name, tail) = if let Some(braced) = after.strip_prefix('{') {
            match braced.find('}') {
                // `${}` names the group `""` (as in the regex crate), which no regex has.
                Some(0) => {
                    emit(Token::Group(Ref::Name("")));
                    rest = &braced[1..];
                    continue;
                }
                Some(close) => (&braced[..close], &braced[close + 1..]),
                None => ("", after),
            }
        } else {
            let end = after
                .find(|c: char| !(c == '_' || c.is_ascii_alphanumeric()))
                .unwrap_or(after.len());
            (&after[..end], &after[end..])
        };
        if name.is_empty() {
            emit(Token::Text("$"));
            rest = after;
            continue;
        }
        match name.parse::<usize>() {
            Ok(i) => emit(Token::Group(Ref::Index(i))),
            Err(_) => emit(Token::Group(Ref::Name(name))),
        }
        rest = tail;
    }
    emit(Token::Text(rest));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(repl: &str, re: &str) -> Result<Template, String> {
        Template::parse(repl, &crate::regex::compile(re, 1 << 20).unwrap())
    }

    #[test]
    fn backslash_digit_is_one_digit() {
        let t = parse("\\112345", "(1)").unwrap();
        assert_eq!(t.pieces[0], Piece::Group(1));
        assert_eq!(&t.text, "12345");
    }

    #[test]
    fn dollar_forms() {
        let t = parse("$$ ${1} $name ${name}", "(?P<name>x)").unwrap();
        assert_eq!(t.groups_needed, 2);
        assert_eq!(
            t.pieces.iter().filter(|p| **p == Piece::Group(1)).count(),
            3
        );
        assert!(t.text.starts_with("$ "));
    }

    #[test]
    fn missing_group_is_an_error() {
        assert!(parse("$2", "(a)").is_err());
        assert!(parse("\\2", "(a)").is_err());
        assert!(parse("${nope}", "(a)").is_err());
        assert!(parse("$1a", "(a)").is_err(), "`$1a` names the group `1a`");
        assert!(
            parse("${}", "(a)").is_err(),
            "`${{}}` names the group `\"\"`"
        );
    }

    #[test]
    fn stray_markers_are_literal() {
        let t = parse("a$ b\\x${", "a").unwrap();
        assert_eq!(t.as_literal(), Some("a$ b\\x${"));
        let t = parse("\\\\1", "(a)").unwrap();
        assert_eq!(t.as_literal(), Some("\\1"));
    }
}
