//! Dial patterns (docs/spec.md §4.2): Asterisk-style `_0XXXXXXXXXX`, `+[13-5]XZN!`, compiled to
//! one character class per position; no regex.

use crate::char_class::{CharClass, ClassSeq};

/// A compiled dial pattern, matched against a whole string.
///
/// ```
/// # use callerid_transform::DialPattern;
/// let p = DialPattern::parse("0591.").unwrap();
/// assert!(p.matches("0591012345"));
/// assert!(!p.matches("0591"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialPattern {
    classes: ClassSeq,
    tail: Tail,
    /// Every class holds only ASCII characters.
    ascii: bool,
}

fn range(lo: char, hi: char) -> CharClass {
    CharClass::from_ranges([(lo, hi)])
}

/// What may follow the fixed positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tail {
    /// Nothing: the string has exactly as many characters as there are classes.
    None,
    /// `.`: one or more characters of any kind.
    OneOrMore,
    /// `!`: zero or more characters of any kind.
    ZeroOrMore,
}

impl DialPattern {
    /// Parses a dial pattern; the error says what is wrong and where.
    ///
    /// # Errors
    ///
    /// A message when the pattern is empty or has an unknown character or a bad `[...]` set.
    pub fn parse(pattern: &str) -> Result<DialPattern, String> {
        let body = pattern.strip_prefix('_').unwrap_or(pattern);
        if body.chars().all(|c| c == '-') {
            return Err("the dial pattern is empty".into());
        }
        let mut classes = ClassSeq::default();
        let mut tail = Tail::None;
        let mut chars = body.chars().enumerate().peekable();
        while let Some((pos, c)) = chars.next() {
            if c == '-' {
                continue; // a separator, as in Asterisk: `_555-XXXX` is `_555XXXX`
            }
            if tail != Tail::None {
                return Err(format!(
                    "`.` and `!` may only end a dial pattern; found more after them at character {}",
                    pos + 1
                ));
            }
            let class = match c {
                'X' | 'x' => range('0', '9'),
                'Z' | 'z' => range('1', '9'),
                'N' | 'n' => range('2', '9'),
                '.' => {
                    tail = Tail::OneOrMore;
                    continue;
                }
                '!' => {
                    tail = Tail::ZeroOrMore;
                    continue;
                }
                '[' => {
                    let mut items: Vec<char> = Vec::new();
                    let mut closed = false;
                    for (_, c) in chars.by_ref() {
                        if c == ']' {
                            closed = true;
                            break;
                        }
                        items.push(c);
                    }
                    if !closed {
                        return Err(format!(
                            "unclosed `[` at character {}; missing `]`",
                            pos + 1
                        ));
                    }
                    set(&items).map_err(|e| format!("{e} in the set at character {}", pos + 1))?
                }
                other => range(other, other),
            };
            classes
                .push(class)
                .ok_or("the dial pattern has too many different character sets")?;
        }
        let ascii = classes.is_ascii();
        Ok(DialPattern {
            classes: classes.shrink(),
            tail,
            ascii,
        })
    }

    /// Whether the whole of `s` matches.
    #[inline]
    pub fn matches(&self, s: &str) -> bool {
        if self.ascii {
            return self.matches_ascii(s.as_bytes());
        }
        let mut chars = s.chars();
        for class in self.classes.iter() {
            match chars.next() {
                Some(c) if class.contains(c) => {}
                _ => return false,
            }
        }
        match self.tail {
            Tail::None => chars.next().is_none(),
            Tail::OneOrMore => chars.next().is_some(),
            Tail::ZeroOrMore => true,
        }
    }
}

impl DialPattern {
    /// `matches` for a pattern whose classes hold only ASCII: a non-ASCII byte can then
    /// never match a position, so bytes can be compared directly.
    #[inline]
    fn matches_ascii(&self, s: &[u8]) -> bool {
        // Classes that are byte ranges (`X`, `Z`, `N`, digits): one compare per position.
        let ranges = match self.tail {
            Tail::None => self.classes.matches_bytes(s),
            Tail::OneOrMore if s.len() <= self.classes.len() => Some(false),
            Tail::OneOrMore | Tail::ZeroOrMore => self.classes.matches_byte_prefix(s),
        };
        if let Some(matches) = ranges {
            return matches;
        }
        let n = self.classes.len();
        let length_ok = match self.tail {
            Tail::None => s.len() == n,
            Tail::OneOrMore => s.len() > n,
            Tail::ZeroOrMore => s.len() >= n,
        };
        length_ok
            && self
                .classes
                .iter()
                .zip(s)
                .all(|(class, &b)| class.contains(char::from(b)))
    }
}

/// A `[...]` body: single characters and ranges `a-b`; a `-` first or last is itself.
fn set(items: &[char]) -> Result<CharClass, String> {
    if items.is_empty() {
        return Err("empty set `[]`".into());
    }
    let mut ranges = Vec::new();
    let mut i = 0;
    while i < items.len() {
        if i + 2 < items.len() && items[i + 1] == '-' {
            let (lo, hi) = (items[i], items[i + 2]);
            if lo > hi {
                return Err(format!("reversed range `{lo}-{hi}`"));
            }
            ranges.push((lo, hi));
            i += 3;
        } else {
            ranges.push((items[i], items[i]));
            i += 1;
        }
    }
    Ok(CharClass::of_ranges(ranges))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_examples() {
        let p = DialPattern::parse("0591.").unwrap();
        assert!(p.matches("05910") && p.matches("0591012345") && !p.matches("0591"));
        let p = DialPattern::parse("+[13-5]XZN!").unwrap();
        assert!(p.matches("+4022") && p.matches("+1136282882"));
        assert!(!p.matches("+0136282882") && !p.matches("+1106282882"));
    }

    #[test]
    fn errors() {
        for bad in [
            "", "_", "-", "_--", "[12", "1[]", "[5-1]", "1.2", "!1", "..", "X!.", "1.-2",
        ] {
            assert!(DialPattern::parse(bad).is_err(), "{bad:?} should not parse");
        }
    }

    #[test]
    fn dash_outside_a_set_is_ignored() {
        let p = DialPattern::parse("_555-XXXX").unwrap();
        assert_eq!(p, DialPattern::parse("_555XXXX").unwrap());
        assert!(p.matches("5551234") && !p.matches("555-1234"));
        assert_eq!(
            DialPattern::parse("-0-591.-").unwrap(),
            DialPattern::parse("0591.").unwrap()
        );
    }

    #[test]
    fn dash_at_set_edges_is_literal() {
        let p = DialPattern::parse("[-1]").unwrap();
        assert!(p.matches("-") && p.matches("1") && !p.matches("0"));
        let p = DialPattern::parse("[1-]").unwrap();
        assert!(p.matches("-") && p.matches("1"));
    }
}
