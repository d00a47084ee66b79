//! The compiled program: one small op per transform, operands prepared at compile time.

use std::sync::Arc;

use memchr::memmem;

use crate::char_class::CharClass;
use crate::kind::Kind;
use crate::pattern::DialPattern;
use crate::regex::Regex;
use crate::regex_lowering::FixedPattern;
use crate::replacement::Template;

/// A literal operand with its length in characters precomputed.
#[derive(Debug, Clone)]
pub(crate) struct Lit {
    pub(crate) text: Box<str>,
    pub(crate) chars: usize,
}

impl Lit {
    pub(crate) fn new(text: &str) -> Lit {
        Lit {
            text: text.into(),
            chars: text.chars().count(),
        }
    }

    #[inline]
    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }

    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.text.len()
    }

    /// `s.starts_with(self)`, without a call to `memcmp` for the short literals of phone rules.
    #[inline]
    pub(crate) fn is_prefix_of(&self, s: &str) -> bool {
        self.is_prefix_of_bytes(s.as_bytes())
    }

    /// [`Lit::is_prefix_of`] on bytes.
    #[inline]
    pub(crate) fn is_prefix_of_bytes(&self, s: &[u8]) -> bool {
        let p = self.text.as_bytes();
        s.len() >= p.len() && s.iter().zip(p).all(|(a, b)| a == b)
    }

    /// `s.ends_with(self)`, likewise.
    #[inline]
    pub(crate) fn is_suffix_of(&self, s: &str) -> bool {
        let (s, p) = (s.as_bytes(), self.text.as_bytes());
        s.len() >= p.len() && s[s.len() - p.len()..].iter().zip(p).all(|(a, b)| a == b)
    }
}

/// A literal to search for, with its search prepared at compile time.
#[derive(Debug, Clone)]
pub(crate) struct Needle {
    pub(crate) lit: Lit,
    /// For needles longer than [`Needle::SHORT`] bytes.
    finder: Option<Box<memmem::Finder<'static>>>,
}

impl Needle {
    /// Needles up to this many bytes (most in phone rules: `00`, `-`, `+44`) are found by a
    /// plain scan, faster than a substring searcher's set-up on strings as short as caller IDs.
    const SHORT: usize = 4;

    pub(crate) fn new(text: &str) -> Needle {
        Needle {
            lit: Lit::new(text),
            finder: (text.len() > Needle::SHORT)
                .then(|| Box::new(memmem::Finder::new(text.as_bytes()).into_owned())),
        }
    }

    /// The byte offset of the first occurrence in `hay` at or after `from`.
    #[inline]
    pub(crate) fn find(&self, hay: &[u8], from: usize) -> Option<usize> {
        let needle = self.lit.text.as_bytes();
        match &self.finder {
            Some(finder) => finder.find(&hay[from..]).map(|at| at + from),
            // The first byte by `memchr`, the rest (at most `SHORT - 1` bytes) compared:
            // cheaper than setting up a substring searcher on strings as short as caller IDs.
            None => {
                let Some((&first, rest)) = needle.split_first() else {
                    return (from <= hay.len()).then_some(from);
                };
                // On caller IDs (a few dozen bytes) a plain scan beats `memchr`'s set-up.
                let find_first = |h: &[u8]| {
                    if h.len() <= 32 {
                        h.iter().position(|&b| b == first)
                    } else {
                        memchr::memchr(first, h)
                    }
                };
                let mut at = from;
                while let Some(i) = hay.get(at..).and_then(find_first) {
                    let start = at + i;
                    let tail = &hay[start + 1..];
                    if tail.len() >= rest.len() && tail.iter().zip(rest).all(|(a, b)| a == b) {
                        return Some(start);
                    }
                    at = start + 1;
                }
                None
            }
        }
    }
}

/// One position of a mask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MaskCell {
    /// `X`: take the input's character here.
    Keep,
    /// Anything else: write this character.
    Write(char),
}

/// `to_e164` operands, validated.
#[derive(Debug, Clone)]
pub(crate) struct E164 {
    /// Country calling code digits, e.g. `44`.
    pub(crate) cc: Box<str>,
    /// National trunk prefix digits, possibly empty.
    pub(crate) trunk: Box<str>,
    /// National significant number length, 0 = unknown.
    pub(crate) nsn_len: usize,
    /// `+` and the country code: the head written before a national number.
    pub(crate) plus_cc: Box<str>,
}

/// A guard's test.
#[derive(Debug, Clone)]
pub(crate) enum Test {
    Prefix(Lit),
    Suffix(Lit),
    Pattern(DialPattern),
    Regex(Arc<Regex>),
    /// Inclusive character-length range.
    Length(usize, usize),
    /// A fixed-length anchored regex, lowered.
    Fixed(Box<FixedPattern>),
}

/// One executable step.
#[derive(Debug, Clone)]
pub(crate) enum Op {
    Prepend(Lit),
    Append(Lit),
    Replace {
        needle: Needle,
        with: Lit,
        /// 0 = all.
        max: usize,
    },
    StripStart(usize),
    StripEnd(usize),
    KeepStart(usize),
    KeepEnd(usize),
    StripPrefix(Lit),
    StripSuffix(Lit),
    /// Also `from_e164`: `+` and the country code replaced by the trunk prefix.
    ReplacePrefix {
        from: Lit,
        to: Lit,
    },
    EnsurePrefix(Lit),
    Set(Lit),
    SetIfEmpty(Lit),
    RemoveChars(CharClass),
    DigitsOnly,
    RegexReplace {
        regex: Arc<Regex>,
        template: Box<Template>,
        /// 0 = all.
        max: usize,
    },
    /// A regex that is one character class (or a greedy run of one), lowered; max = all.
    ClassReplace {
        class: Box<CharClass>,
        runs: bool,
        with: Lit,
    },
    /// A fixed-length anchored regex, lowered: at most one match, the whole string.
    FixedReplace {
        pattern: Box<FixedPattern>,
        template: Box<Template>,
    },
    Mask(Box<[MaskCell]>),
    ToE164(Box<E164>),
    /// A guard: when the test fails, continue at `skip_to` (an index into the program).
    Guard {
        test: Test,
        skip_to: usize,
    },
    Stop,
}

impl Op {
    /// Whether the op writes only ASCII when its input is ASCII.
    pub(crate) fn preserves_ascii(&self) -> bool {
        match self {
            Op::Prepend(l)
            | Op::Append(l)
            | Op::EnsurePrefix(l)
            | Op::Set(l)
            | Op::SetIfEmpty(l) => l.text.is_ascii(),
            Op::Replace { with, .. } => with.text.is_ascii(),
            Op::ReplacePrefix { to, .. } => to.text.is_ascii(),
            Op::RegexReplace { template, .. } | Op::FixedReplace { template, .. } => {
                template.is_ascii()
            }
            Op::ClassReplace { with, .. } => with.text.is_ascii(),
            Op::Mask(cells) => cells.iter().all(|c| match c {
                MaskCell::Keep => true,
                MaskCell::Write(c) => c.is_ascii(),
            }),
            Op::StripStart(_)
            | Op::StripEnd(_)
            | Op::KeepStart(_)
            | Op::KeepEnd(_)
            | Op::StripPrefix(_)
            | Op::StripSuffix(_)
            | Op::RemoveChars(_)
            | Op::DigitsOnly
            | Op::ToE164(_)
            | Op::Guard { .. }
            | Op::Stop => true,
        }
    }
}

/// An op with the index of the transform it came from.
#[derive(Debug, Clone)]
pub(crate) struct Instr {
    pub(crate) index: usize,
    pub(crate) kind: Kind,
    pub(crate) op: Op,
}

/// A compiled, executable pipeline.
#[derive(Debug, Clone)]
pub(crate) struct Program {
    pub(crate) instrs: Box<[Instr]>,
    /// Every op keeps ASCII input ASCII, so an ASCII input can be worked on as bytes.
    pub(crate) ascii_safe: bool,
    /// Some op builds its result in the per-thread scratch buffer.
    pub(crate) needs_scratch: bool,
    /// Some op counts character positions (worth checking the input for ASCII first).
    pub(crate) counts_positions: bool,
}

impl Program {
    pub(crate) fn new(instrs: Vec<Instr>) -> Program {
        let ascii_safe = instrs.iter().all(|i| i.op.preserves_ascii());
        let needs_scratch = instrs.iter().any(|i| {
            matches!(
                i.op,
                Op::Replace { .. }
                    | Op::RegexReplace { .. }
                    | Op::ClassReplace { .. }
                    | Op::FixedReplace { .. }
                    | Op::Mask(_)
            )
        });
        let counts_positions = instrs.iter().any(|i| {
            matches!(
                i.op,
                Op::StripStart(_)
                    | Op::StripEnd(_)
                    | Op::KeepStart(_)
                    | Op::KeepEnd(_)
                    | Op::Mask(_)
                    | Op::Guard {
                        test: Test::Length(..),
                        ..
                    }
            )
        });
        Program {
            instrs: instrs.into_boxed_slice(),
            ascii_safe,
            needs_scratch,
            counts_positions,
        }
    }
}

#[cfg(test)]
mod tests {
    /// Tens of thousands of pipelines are held at once: keep the op small.
    #[test]
    fn an_op_stays_small() {
        assert!(
            std::mem::size_of::<super::Op>() <= 72,
            "{}",
            std::mem::size_of::<super::Op>()
        );
    }
}
