//! Regexes simple enough to run without a regex engine: literals (optionally anchored at one
//! end), runs of one character class, and fixed-length anchored patterns (`^0(\d{10})$`),
//! which become a class per position, like a dial pattern.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

use crate::char_class::{CharClass, ClassSeq};

/// Most capture groups a fixed pattern may have for lowering (group 0 included).
pub(crate) const MAX_GROUPS: usize = 16;

/// Byte spans of the groups of a fixed-pattern match, by group index.
pub(crate) type Spans = [(usize, usize); MAX_GROUPS];

/// An anchored pattern (`^...$`): one class per character position, optionally ending in
/// a run of one class (`^00(\d+)$`, `^\+\d*$`). Without the run every match has the same
/// length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FixedPattern {
    classes: ClassSeq,
    /// (group index, first position, one past the last position); the run, when there is
    /// one, is position `classes.len()`.
    groups: Box<[(u8, u16, u16)]>,
    /// The run of one class after the positions: at least `min` characters, up to the end.
    tail: Option<Box<Tail>>,
}

/// The closing run of a [`FixedPattern`] (`\d+`: the class `0-9`, at least one).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Tail {
    class: CharClass,
    min: usize,
}

impl FixedPattern {
    /// Matches the whole of `s`; on success fills the byte spans of group 0 and every group.
    #[inline]
    pub(crate) fn find(&self, s: &str, spans: &mut Spans) -> bool {
        let n = self.classes.len();
        let bytes = s.as_bytes();
        // One compare per byte when every class is a range of ASCII bytes (then a non-ASCII
        // byte never matches, and positions are bytes).
        let head = match &self.tail {
            None => self.classes.matches_bytes(bytes),
            Some(_) => self.classes.matches_byte_prefix(bytes),
        };
        match (head, &self.tail) {
            (Some(false), _) => return false,
            (Some(true), None) => {
                self.fill_ascii_spans(spans, s.len());
                return true;
            }
            (Some(true), Some(tail)) if tail.class.as_byte_range().is_some() => {
                let rest = &bytes[n..];
                if rest.len() < tail.min || !rest.iter().all(|&b| tail.class.has_byte(b)) {
                    return false;
                }
                self.fill_ascii_spans(spans, s.len());
                return true;
            }
            _ => {}
        }
        if s.len() < n + self.tail.as_ref().map_or(0, |t| t.min)
            || (self.tail.is_none() && s.len() > 4 * n)
        {
            return false; // too few characters, or surely too many
        }
        let mut chars = s.char_indices();
        for (i, class) in self.classes.iter().enumerate() {
            let Some((at, c)) = chars.next() else {
                return false;
            };
            if !class.contains(c) {
                return false;
            }
            for &(g, start, end) in self.groups.iter() {
                if usize::from(start) == i {
                    spans[usize::from(g)].0 = at;
                }
                if usize::from(end) == i {
                    spans[usize::from(g)].1 = at;
                }
            }
        }
        let run_at = s.len() - chars.as_str().len();
        match &self.tail {
            None if chars.next().is_some() => return false,
            None => {}
            Some(tail) => {
                let mut count = 0;
                for c in chars.as_str().chars() {
                    if !tail.class.contains(c) {
                        return false;
                    }
                    count += 1;
                }
                if count < tail.min {
                    return false;
                }
            }
        }
        // Positions from `n` on were not walked: `n` is where the run starts, past it the end.
        let at = |p: u16| if usize::from(p) == n { run_at } else { s.len() };
        for &(g, start, end) in self.groups.iter() {
            let span = &mut spans[usize::from(g)];
            if usize::from(start) >= n {
                span.0 = at(start);
            }
            if usize::from(end) >= n {
                span.1 = at(end);
            }
        }
        spans[0] = (0, s.len());
        true
    }

    /// Fills every span of a match whose positions before the run are its bytes (ASCII).
    #[inline]
    fn fill_ascii_spans(&self, spans: &mut Spans, len: usize) {
        let n = self.classes.len();
        let at = |p: u16| {
            if usize::from(p) <= n {
                usize::from(p)
            } else {
                len
            }
        };
        for &(g, start, end) in self.groups.iter() {
            spans[usize::from(g)] = (at(start), at(end));
        }
        spans[0] = (0, len);
    }

    /// The length in characters of group `g`'s match when every match gives it the same
    /// length (`None` for a group that takes in the closing run).
    pub(crate) fn group_len(&self, g: usize) -> Option<usize> {
        let n = self.classes.len();
        let (start, end) = if g == 0 {
            (0, n + usize::from(self.tail.is_some()))
        } else {
            self.groups
                .iter()
                .find(|&&(i, _, _)| usize::from(i) == g)
                .map_or((0, 0), |&(_, start, end)| {
                    (usize::from(start), usize::from(end))
                })
        };
        (end <= n || start == end).then_some(end - start)
    }

    /// Whether the whole of `s` matches.
    #[inline]
    pub(crate) fn matches(&self, s: &str) -> bool {
        self.find(s, &mut [(0, 0); MAX_GROUPS])
    }
}

/// What a regex can be lowered to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Lowered {
    /// `^lit`
    Prefix(String),
    /// `lit$`
    Suffix(String),
    /// `lit`
    Anywhere(String),
    /// One character of a class (`runs == false`) or a greedy run of them (`class+`).
    ClassRun { class: CharClass, runs: bool },
    /// `^...$` of fixed length.
    Fixed(FixedPattern),
}

/// What compile time learns about a regex, once.
#[derive(Debug, Default)]
pub(crate) struct Analysis {
    /// How it can run without a regex engine, if it can.
    pub(crate) lowered: Option<Lowered>,
    /// It is anchored at the start: it matches at most once.
    pub(crate) anchored_start: bool,
    /// Text every match starts the string with (`^00(\d+)$`: `00`): a string without it
    /// cannot match, which a compare says before any search.
    pub(crate) prefix: Option<Box<str>>,
}

/// Analyses a compiled regex's parsed form `hir` (the engine's syntax, ASCII perl classes:
/// [`crate::regex_syntax_ascii::parse`]), once per compiled regex.
pub(crate) fn analyse(hir: &Hir) -> Analysis {
    let prefix = match hir.kind() {
        HirKind::Concat(parts) => match parts.as_slice() {
            [start, lit, ..] if matches!(start.kind(), HirKind::Look(Look::Start)) => {
                match lit.kind() {
                    HirKind::Literal(l) => std::str::from_utf8(&l.0).ok().map(Box::from),
                    _ => None,
                }
            }
            _ => None,
        },
        _ => None,
    };
    Analysis {
        lowered: lower(hir),
        anchored_start: hir.properties().look_set_prefix().contains(Look::Start),
        prefix,
    }
}

/// How the parsed regex `hir` can run without a regex engine, if it can.
fn lower(hir: &Hir) -> Option<Lowered> {
    let parts: &[Hir] = match hir.kind() {
        HirKind::Concat(parts) => parts,
        _ => std::slice::from_ref(hir),
    };
    let literal = |h: &Hir| match h.kind() {
        HirKind::Literal(l) if !l.0.is_empty() => String::from_utf8(l.0.to_vec()).ok(),
        _ => None,
    };
    let look = |h: &Hir, want: Look| matches!(h.kind(), HirKind::Look(l) if *l == want);
    match parts {
        [one] => {
            if let Some(lit) = literal(one) {
                return Some(Lowered::Anywhere(lit));
            }
            class_run(one)
        }
        [start, lit] if look(start, Look::Start) && literal(lit).is_some() => {
            literal(lit).map(Lowered::Prefix)
        }
        [lit, end] if look(end, Look::End) && literal(lit).is_some() => {
            literal(lit).map(Lowered::Suffix)
        }
        [start, middle @ .., end] if look(start, Look::Start) && look(end, Look::End) => {
            fixed(middle).map(Lowered::Fixed)
        }
        _ => None,
    }
}

fn unicode_class(h: &Hir) -> Option<CharClass> {
    match h.kind() {
        HirKind::Class(Class::Unicode(class)) => Some(CharClass::from_ranges(
            class.ranges().iter().map(|r| (r.start(), r.end())),
        )),
        _ => None,
    }
}

fn class_run(h: &Hir) -> Option<Lowered> {
    if let Some(class) = unicode_class(h) {
        return Some(Lowered::ClassRun { class, runs: false });
    }
    match h.kind() {
        HirKind::Repetition(rep) if rep.min == 1 && rep.max.is_none() && rep.greedy => {
            unicode_class(&rep.sub).map(|class| Lowered::ClassRun { class, runs: true })
        }
        _ => None,
    }
}

/// Builds an anchored pattern from the parts between `^` and `$`.
fn fixed(parts: &[Hir]) -> Option<FixedPattern> {
    let mut b = FixedBuilder::default();
    for part in parts {
        b.add(part, false)?;
    }
    if b.positions() == 0 {
        return None;
    }
    Some(FixedPattern {
        classes: b.classes.shrink(),
        groups: b.groups.into_boxed_slice(),
        tail: b.tail.map(Box::new),
    })
}

#[derive(Default)]
struct FixedBuilder {
    classes: ClassSeq,
    groups: Vec<(u8, u16, u16)>,
    /// A run of one class, which ends the pattern: nothing but empty groups may follow.
    tail: Option<Tail>,
}

impl FixedBuilder {
    /// Most positions a fixed pattern may have (longer ones keep the regex).
    const MAX_POSITIONS: usize = 1024;

    /// Positions so far, the run counting as one.
    fn positions(&self) -> usize {
        self.classes.len() + usize::from(self.tail.is_some())
    }

    fn push(&mut self, class: CharClass) -> Option<()> {
        if self.tail.is_some() {
            return None; // a class after the run: not this shape
        }
        self.classes.push(class)?;
        (self.classes.len() <= Self::MAX_POSITIONS).then_some(())
    }

    fn add(&mut self, h: &Hir, repeated: bool) -> Option<()> {
        match h.kind() {
            HirKind::Empty => {}
            HirKind::Literal(l) => {
                for c in std::str::from_utf8(&l.0).ok()?.chars() {
                    self.push(CharClass::from_ranges([(c, c)]))?;
                }
            }
            HirKind::Class(_) => self.push(unicode_class(h)?)?,
            HirKind::Capture(cap) if !repeated => {
                let start = u16::try_from(self.positions()).ok()?;
                self.add(&cap.sub, false)?;
                let end = u16::try_from(self.positions()).ok()?;
                let index = u8::try_from(cap.index)
                    .ok()
                    .filter(|&i| usize::from(i) < MAX_GROUPS)?;
                self.groups.push((index, start, end));
            }
            HirKind::Repetition(rep) if rep.max == Some(rep.min) => {
                for _ in 0..rep.min {
                    self.add(&rep.sub, true)?;
                }
            }
            // `class+`, `class*`, `class{n,}` as the last part: the run to the end (greedy or
            // not, it must reach the `$` after it).
            HirKind::Repetition(rep) if rep.max.is_none() && !repeated && self.tail.is_none() => {
                let class = match rep.sub.kind() {
                    HirKind::Literal(l) => {
                        let mut chars = std::str::from_utf8(&l.0).ok()?.chars();
                        let c = chars.next()?;
                        chars
                            .next()
                            .is_none()
                            .then(|| CharClass::from_ranges([(c, c)]))?
                    }
                    _ => unicode_class(&rep.sub)?,
                };
                self.tail = Some(Tail {
                    class,
                    min: usize::try_from(rep.min).ok()?,
                });
            }
            HirKind::Concat(parts) => {
                for part in parts {
                    self.add(part, repeated)?;
                }
            }
            _ => return None,
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyse_pattern(pattern: &str) -> Analysis {
        analyse(&crate::regex_syntax_ascii::parse(pattern).unwrap())
    }

    #[test]
    fn literal_shapes() {
        assert_eq!(
            analyse_pattern("^00").lowered,
            Some(Lowered::Prefix("00".into()))
        );
        assert_eq!(
            analyse_pattern(r"^\+44").lowered,
            Some(Lowered::Prefix("+44".into()))
        );
        assert_eq!(
            analyse_pattern("0$").lowered,
            Some(Lowered::Suffix("0".into()))
        );
        assert_eq!(
            analyse_pattern("ab").lowered,
            Some(Lowered::Anywhere("ab".into()))
        );
        for not_lowered in [
            "(?m)^00",
            "a|b",
            "",
            "^",
            "a+b",
            "^0(1)?$",
            "^(a)*$",
            r"^\d+0$",
            r"^\d+\d*$",
        ] {
            assert!(
                !matches!(
                    analyse_pattern(not_lowered).lowered,
                    Some(
                        Lowered::Prefix(_)
                            | Lowered::Suffix(_)
                            | Lowered::Anywhere(_)
                            | Lowered::Fixed(_)
                    )
                ),
                "{not_lowered}"
            );
        }
    }

    #[test]
    fn anchored_literal_prefixes() {
        assert_eq!(analyse_pattern(r"^00(\d+)$").prefix.as_deref(), Some("00"));
        assert_eq!(analyse_pattern(r"^\+\d+$").prefix.as_deref(), Some("+"));
        assert!(analyse_pattern(r"^\+\d+$").anchored_start);
        for none in [r"00(\d+)", r"(?m)^00", r"^(00|11)", r"^\d", "(?i)^e"] {
            assert_eq!(analyse_pattern(none).prefix, None, "{none}");
        }
    }

    #[test]
    fn class_runs() {
        let Some(Lowered::ClassRun { class, runs }) = analyse_pattern("[^0-9+]+").lowered else {
            panic!()
        };
        assert!(runs && class.contains(' ') && class.contains('é') && !class.contains('7'));
        assert!(matches!(
            analyse_pattern(r"\D").lowered,
            Some(Lowered::ClassRun { runs: false, .. })
        ));
    }

    /// `^head(run)$`: the head one class per position, then a run of one class to the end.
    #[test]
    fn closing_runs_give_group_spans() {
        let fixed = |pattern| match analyse_pattern(pattern).lowered {
            Some(Lowered::Fixed(p)) => p,
            other => panic!("{pattern}: {other:?}"),
        };
        let mut spans = [(0, 0); MAX_GROUPS];
        let p = fixed(r"^00(\d+)$");
        assert!(p.find("00441234", &mut spans));
        assert_eq!(&spans[..2], &[(0, 8), (2, 8)]);
        for miss in ["00", "0044a", "0144", "00٣", "0044é"] {
            assert!(!p.find(miss, &mut spans), "{miss}");
        }
        assert_eq!((p.group_len(0), p.group_len(1)), (None, None));

        let p = fixed(r"^\+\d*$");
        assert!(p.matches("+") && p.matches("+12") && !p.matches("12") && !p.matches("+1+"));

        // A run of a class that is not one byte range takes the character walk.
        let p = fixed(r"^(0)([é1]{2,})()$");
        assert!(p.find("0é1é", &mut spans));
        assert_eq!(&spans[..4], &[(0, 6), (0, 1), (1, 6), (6, 6)]);
        assert!(!p.find("0é", &mut spans));
        assert!(!p.find("0é2", &mut spans));
        assert_eq!(
            (p.group_len(1), p.group_len(2), p.group_len(3)),
            (Some(1), None, Some(0))
        );

        // The run may be a single literal character.
        let p = fixed(r"^a(1+)$");
        assert!(p.find("a111", &mut spans) && spans[1] == (1, 4));
        assert!(!p.matches("a") && !p.matches("a12"));
    }

    #[test]
    fn fixed_patterns_give_group_spans() {
        let Some(Lowered::Fixed(p)) = analyse_pattern(r"^0([1-9]\d{2})(?P<rest>é\d)$").lowered
        else {
            panic!()
        };
        let mut spans = [(0, 0); MAX_GROUPS];
        assert!(p.find("0123é4", &mut spans));
        assert_eq!(&spans[..3], &[(0, 7), (1, 4), (4, 7)]);
        assert!(!p.find("0023é4", &mut spans));
        assert!(!p.find("0123é", &mut spans));
        assert!(!p.find("0123é45", &mut spans));
    }
}
