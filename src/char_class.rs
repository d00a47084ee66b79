//! Character sets, and sequences of them (one per position): the building blocks of dial
//! patterns, lowered fixed-length regexes, regex class runs and `remove_chars`.

/// A set of characters: a bitmap for ASCII, sorted ranges beyond (regex classes, and the
/// characters of `remove_chars`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CharClass {
    ascii: [u64; 2],
    /// Sorted, non-overlapping ranges of non-ASCII characters.
    other: Box<[(char, char)]>,
    /// The set as one inclusive range of ASCII bytes, when it is one; else `(1, 0)`.
    range: (u8, u8),
}

impl CharClass {
    /// The set of the characters of `chars`.
    pub(crate) fn of_chars(chars: &str) -> CharClass {
        if !chars.is_ascii() {
            return CharClass::of_ranges(chars.chars().map(|c| (c, c)).collect());
        }
        // ASCII only (`remove_chars` almost always): the bitmap alone, nothing to sort.
        let mut ascii = [0u64; 2];
        for b in chars.bytes() {
            ascii[usize::from(b / 64)] |= 1 << (b % 64);
        }
        let mut class = CharClass {
            ascii,
            other: Box::default(),
            range: (1, 0),
        };
        class.range = class.as_byte_range().unwrap_or((1, 0));
        class
    }

    /// The set of the characters in `ranges` (inclusive, in any order, possibly overlapping).
    pub(crate) fn of_ranges(mut ranges: Vec<(char, char)>) -> CharClass {
        crate::order::sort_by_u64_key(&mut ranges, |&(lo, hi)| {
            crate::order::pair_key(lo as u32, hi as u32)
        });
        let mut merged: Vec<(char, char)> = Vec::with_capacity(ranges.len());
        for (lo, hi) in ranges {
            match merged.last_mut() {
                Some(last) if lo <= last.1 || (last.1 as u32) + 1 == lo as u32 => {
                    last.1 = last.1.max(hi)
                }
                _ => merged.push((lo, hi)),
            }
        }
        CharClass::from_ranges(merged)
    }

    /// `ranges` sorted and not overlapping, as regex classes give them.
    pub(crate) fn from_ranges(ranges: impl IntoIterator<Item = (char, char)>) -> CharClass {
        let mut ascii = [0u64; 2];
        let mut other = Vec::new();
        for (lo, hi) in ranges {
            for c in lo..=hi.min('\x7f') {
                ascii[c as usize / 64] |= 1 << (c as u32 % 64);
            }
            if hi > '\x7f' {
                other.push((lo.max('\u{80}'), hi));
            }
        }
        let mut class = CharClass {
            ascii,
            other: other.into_boxed_slice(),
            range: (1, 0),
        };
        class.range = class.as_byte_range().unwrap_or((1, 0));
        class
    }

    /// Whether the byte `b` is in the set, for a set that is one range of ASCII bytes.
    #[inline]
    pub(crate) fn has_byte(&self, b: u8) -> bool {
        b.wrapping_sub(self.range.0) <= self.range.1.wrapping_sub(self.range.0)
    }

    /// The set as one inclusive range of ASCII bytes, when it is one (`0-9`, `1-9`, `7`).
    pub(crate) fn as_byte_range(&self) -> Option<(u8, u8)> {
        let bits = u128::from(self.ascii[0]) | u128::from(self.ascii[1]) << 64;
        if !self.other.is_empty() || bits == 0 {
            return None;
        }
        let (lo, hi) = (bits.trailing_zeros(), 127 - bits.leading_zeros());
        let run = (u128::MAX >> (127 - (hi - lo))) << lo;
        (bits == run).then_some((lo as u8, hi as u8))
    }

    /// Whether every character of the set is ASCII.
    pub(crate) fn is_ascii(&self) -> bool {
        self.other.is_empty()
    }

    /// Whether the byte `b` is an ASCII character of the set (`false` for every byte of a
    /// multi-byte character).
    #[inline]
    pub(crate) fn contains_ascii_byte(&self, b: u8) -> bool {
        b < 0x80 && self.ascii[usize::from(b) / 64] & (1 << (b % 64)) != 0
    }

    /// Whether `s` holds a character of the set.
    #[inline]
    pub(crate) fn any_in(&self, s: &str) -> bool {
        if self.is_ascii() {
            s.bytes().any(|b| self.contains_ascii_byte(b))
        } else {
            s.chars().any(|c| self.contains(c))
        }
    }

    #[inline]
    pub(crate) fn contains(&self, c: char) -> bool {
        if c.is_ascii() {
            self.ascii[c as usize / 64] & (1 << (c as u32 % 64)) != 0
        } else {
            self.other
                .binary_search_by(|&(lo, hi)| {
                    if hi < c {
                        std::cmp::Ordering::Less
                    } else if lo > c {
                        std::cmp::Ordering::Greater
                    } else {
                        std::cmp::Ordering::Equal
                    }
                })
                .is_ok()
        }
    }
}

/// One character class per position, the distinct classes stored once (a dial pattern
/// `0ZXXXXXXXXX` holds three classes for eleven positions).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ClassSeq {
    classes: Vec<CharClass>,
    /// For each position, an index into `classes`.
    positions: Vec<u16>,
    /// Every class is one range of ASCII bytes (set by [`ClassSeq::shrink`]).
    ranges: bool,
}

impl ClassSeq {
    /// Appends a position; `None` past 65,536 distinct classes.
    pub(crate) fn push(&mut self, class: CharClass) -> Option<()> {
        let index = match self.classes.iter().position(|c| *c == class) {
            Some(i) => i,
            None => {
                self.classes.push(class);
                self.classes.len() - 1
            }
        };
        self.positions.push(u16::try_from(index).ok()?);
        Some(())
    }

    /// Frees the spare capacity left by building, and prepares the byte ranges.
    pub(crate) fn shrink(mut self) -> ClassSeq {
        self.classes.shrink_to_fit();
        self.positions.shrink_to_fit();
        self.ranges = self.classes.iter().all(|c| c.range.0 <= c.range.1);
        self
    }

    /// Whether the bytes of `s` match the positions one for one, when every class is a
    /// range of ASCII bytes (a non-ASCII byte then never matches); `None` otherwise.
    #[inline]
    pub(crate) fn matches_bytes(&self, s: &[u8]) -> Option<bool> {
        if !self.ranges {
            return None;
        }
        Some(s.len() == self.len() && self.iter().zip(s).all(|(c, &b)| c.has_byte(b)))
    }

    /// [`ClassSeq::matches_bytes`] for the first positions of `s` only (as many as there are).
    #[inline]
    pub(crate) fn matches_byte_prefix(&self, s: &[u8]) -> Option<bool> {
        if !self.ranges {
            return None;
        }
        let n = self.len();
        Some(s.len() >= n && self.matches_bytes(&s[..n]) == Some(true))
    }

    /// The number of positions.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.positions.len()
    }

    /// The classes, position by position.
    #[inline]
    pub(crate) fn iter(&self) -> impl Iterator<Item = &CharClass> {
        self.positions
            .iter()
            .map(|&i| &self.classes[usize::from(i)])
    }

    /// Whether every class holds only ASCII characters.
    pub(crate) fn is_ascii(&self) -> bool {
        self.classes.iter().all(CharClass::is_ascii)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_in_any_order_and_overlapping() {
        let c = CharClass::of_ranges(vec![
            ('5', '7'),
            ('é', 'ê'),
            ('1', '3'),
            ('2', '5'),
            ('ë', 'ë'),
        ]);
        for yes in ['1', '4', '7', 'é', 'ê', 'ë'] {
            assert!(c.contains(yes), "{yes}");
        }
        for no in ['0', '8', 'è', 'ì', 'a'] {
            assert!(!c.contains(no), "{no}");
        }
        assert!(!c.is_ascii() && CharClass::of_chars(" -()").is_ascii());
    }

    #[test]
    fn ascii_characters_make_the_same_set_as_their_ranges() {
        for chars in ["", " -().", "0123456789", "\x00\x7f", "zaz", "7"] {
            let ranges = CharClass::of_ranges(chars.chars().map(|c| (c, c)).collect());
            assert_eq!(CharClass::of_chars(chars), ranges, "{chars:?}");
        }
        assert_eq!(
            CharClass::of_chars("0123456789").as_byte_range(),
            Some((b'0', b'9'))
        );
    }

    #[test]
    fn byte_ranges_only_for_one_ascii_run() {
        let range = |lo, hi| CharClass::of_ranges(vec![(lo, hi)]).as_byte_range();
        assert_eq!(range('0', '9'), Some((b'0', b'9')));
        assert_eq!(range('\0', '\x7f'), Some((0, 127)));
        assert_eq!(range('7', '7'), Some((b'7', b'7')));
        assert_eq!(range('0', 'é'), None);
        assert_eq!(CharClass::of_chars("13").as_byte_range(), None);
        let mut seq = ClassSeq::default();
        for c in ["0", "1-9", "0-9"] {
            let (lo, hi) = (c.chars().next().unwrap(), c.chars().last().unwrap());
            seq.push(CharClass::of_ranges(vec![(lo, hi)])).unwrap();
        }
        let seq = seq.shrink();
        assert_eq!(seq.matches_bytes(b"015"), Some(true));
        assert_eq!(seq.matches_bytes(b"005"), Some(false));
        assert_eq!(seq.matches_bytes(b"01"), Some(false));
        assert_eq!(seq.matches_byte_prefix(b"0159"), Some(true));
        assert_eq!(seq.matches_byte_prefix("01é".as_bytes()), Some(false));
    }

    #[test]
    fn a_sequence_stores_each_class_once() {
        let mut seq = ClassSeq::default();
        for c in "0XX0".chars() {
            seq.push(CharClass::of_chars(&c.to_string())).unwrap();
        }
        assert_eq!((seq.len(), seq.classes.len()), (4, 2));
        let firsts: Vec<bool> = seq.iter().map(|class| class.contains('0')).collect();
        assert_eq!(firsts, [true, false, false, true]);
    }
}
