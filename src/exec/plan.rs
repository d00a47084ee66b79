//! The plan `apply` runs: superinstructions over the lowered program, and a bound, known at
//! compile time, on how many characters any call can add (so one length check per call
//! decides that no step can pass the limit).

#[cfg(not(target_arch = "wasm32"))]
use crate::char_class::CharClass;
use crate::ops::{Op, Program};
use crate::replacement::{Piece, Template};

/// A superinstruction. Operands stay in the program the plan was built from (`at` is an
/// index into it), so a plan adds a few bytes per op to a pipeline, not a copy of each.
#[derive(Debug, Clone)]
pub(crate) enum Sup {
    /// A fused run of add_prefix, add_suffix, strip_digits_start and strip_digits_end.
    Splice(Box<Splice>),
    /// remove_chars then a fused run of add/strip ops, in one pass over the string when it
    /// is still the borrowed input. (Native builds only: the WebAssembly module is at its
    /// size budget, and the two ops one after the other give the same.)
    #[cfg(not(target_arch = "wasm32"))]
    RemoveSplice(Box<RemoveSplice>),
    /// Any other op that changes the string (narrowing ops work on the borrowed input).
    Edit(u32),
    /// The guard at `at`: when its test fails, continue at `skip_to` (an index into the plan).
    Guard {
        at: u32,
        skip_to: u32,
    },
    /// The guard at `at` over a lone `stop`: stop when the test holds.
    StopIf(u32),
    /// The guard at `at` over one edit (at `at + 1`) then `stop`: when the test holds, run
    /// the edit and stop.
    IfThenStop(u32),
    /// The same, when the guard's regex is the edit's own (`if_regex R` over `regex_replace
    /// R`, a first-match rule): run the edit, and stop if its pattern matched. One search.
    MatchThenStop(u32),
    Stop,
}

/// `prefix + s[front .. len - back] + suffix` (in characters), exactly what the fused ops
/// do when `s` has at least `front + back` characters; shorter strings run the program's
/// ops `steps` one by one instead.
#[derive(Debug, Clone)]
pub(crate) struct Splice {
    /// The prefix, then the suffix.
    pub(crate) text: Box<str>,
    /// Where the suffix starts in `text`.
    pub(crate) split: u32,
    pub(crate) front: u32,
    pub(crate) back: u32,
    /// The first program index of the ops fused, and one past the last.
    pub(crate) steps: (u32, u32),
}

/// [`Sup::RemoveSplice`]'s operands: the remove_chars (program index `splice.steps.0 - 1`),
/// its class copied here next to the splice it is used with.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Clone)]
pub(crate) struct RemoveSplice {
    pub(crate) class: CharClass,
    pub(crate) splice: Splice,
}

impl Splice {
    #[inline]
    pub(crate) fn prefix(&self) -> &str {
        &self.text[..self.split as usize]
    }

    #[inline]
    pub(crate) fn suffix(&self) -> &str {
        &self.text[self.split as usize..]
    }
}

/// The superinstructions of a pipeline, with what running them needs to know.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    pub(crate) code: Box<[Sup]>,
    /// Most characters any call can add to its input; `None` when unbounded.
    pub(crate) growth: Option<usize>,
    /// Every op keeps ASCII ASCII and some op counts positions: check the input for ASCII.
    pub(crate) ascii_paths: bool,
}

impl Plan {
    /// Whether no step of a call on `input` can pass `limit` characters: a string has at
    /// least as many bytes as characters, and no call adds more than `growth`.
    #[inline]
    pub(crate) fn fits(&self, input: &str, limit: usize) -> bool {
        matches!(self.growth, Some(g) if input.len().saturating_add(g) <= limit)
    }
}

/// The most characters `program` can add to any input, `None` if there is no such bound.
pub(crate) fn growth_bound(program: &Program) -> Option<usize> {
    program
        .instrs
        .iter()
        .try_fold(0usize, |sum, i| Some(sum.saturating_add(growth(&i.op)?)))
}

/// The most characters one op can add to any string, `None` if unbounded.
pub(crate) fn growth(op: &Op) -> Option<usize> {
    let times = |count: usize, each: usize| Some(count.saturating_mul(each));
    match op {
        Op::Prepend(l) | Op::Append(l) | Op::EnsurePrefix(l) | Op::Set(l) | Op::SetIfEmpty(l) => {
            Some(l.chars)
        }
        Op::ReplacePrefix { from, to } => Some(to.chars.saturating_sub(from.chars)),
        Op::Replace { needle, with, max } => match with.chars.checked_sub(needle.lit.chars) {
            None | Some(0) => Some(0),
            Some(each) if *max > 0 => times(*max, each),
            Some(_) => None,
        },
        Op::ClassReplace { with, .. } => (with.chars <= 1).then_some(0),
        // The result (the whole string: the pattern is anchored at both ends) is the
        // template with its groups filled in. A group of unknown length (one that takes in
        // the closing run) is part of the input, so one reference to such a group adds
        // nothing the input did not have; two could double it.
        Op::FixedReplace { pattern, template } => {
            let mut known = literal_chars(template);
            let mut unknown = 0;
            for piece in template.pieces.iter() {
                if let Piece::Group(g) = *piece {
                    match pattern.group_len(g) {
                        Some(len) => known += len,
                        None => unknown += 1,
                    }
                }
            }
            (unknown <= 1).then_some(known)
        }
        // With at most one group reference a replacement is at most its literal text longer
        // than the match it replaces; the number of matches is bounded by `number`, or by
        // an anchor.
        Op::RegexReplace {
            regex,
            template,
            max,
        } => {
            let refs = template
                .pieces
                .iter()
                .filter(|p| matches!(p, Piece::Group(_)))
                .count();
            let matches = if *max > 0 {
                *max
            } else if regex.at_most_one_match() {
                1
            } else if literal_chars(template) == 0 && refs <= 1 {
                return Some(0);
            } else {
                return None;
            };
            (refs <= 1).then(|| matches.saturating_mul(literal_chars(template)))
        }
        Op::Mask(cells) => Some(cells.len()),
        Op::ToE164(e) => Some(e.plus_cc.len()),
        Op::StripStart(_)
        | Op::StripEnd(_)
        | Op::KeepStart(_)
        | Op::KeepEnd(_)
        | Op::StripPrefix(_)
        | Op::StripSuffix(_)
        | Op::RemoveChars(_)
        | Op::DigitsOnly
        | Op::Guard { .. }
        | Op::Stop => Some(0),
    }
}

fn literal_chars(template: &Template) -> usize {
    template.text.chars().count()
}

#[cfg(test)]
mod tests {
    /// Ten thousand pipelines are held at once: a superinstruction points at its operands.
    #[test]
    fn a_superinstruction_stays_small() {
        assert!(std::mem::size_of::<super::Sup>() <= 16);
    }
}
