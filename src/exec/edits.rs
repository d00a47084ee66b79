//! What each rewriting op does, written once: each reads `src` and writes its result into
//! `dst` (cleared first), or rewrites one string in place. The stepwise path, the checked
//! path and the plan all call these; a [`Ctx`] whose limit is `usize::MAX` turns the length
//! checks off.

use regex_automata::util::iter::Searcher;
use regex_automata::util::primitives::NonMaxUsize;
use regex_automata::{Input, Match};

use super::{Ctx, TooLong};
use crate::char_class::CharClass;
use crate::ops::{Lit, MaskCell, Needle, E164};
use crate::regex::Regex;
use crate::regex_lowering::{FixedPattern, MAX_GROUPS};
use crate::replacement::{Piece, Template};

/// Writes `src` with occurrences of `needle` replaced into `dst`; the first occurrence is
/// at byte `first`.
#[inline(never)]
pub(crate) fn replace_into(
    src: &str,
    dst: &mut String,
    first: usize,
    needle: &Needle,
    with: &Lit,
    max: usize,
    ctx: Ctx,
) -> Result<(), TooLong> {
    let budget = ctx.byte_budget();
    let hay = src.as_bytes();
    dst.clear();
    let mut at = first;
    let mut last = 0;
    let mut count = 0;
    loop {
        dst.push_str(&src[last..at]);
        dst.push_str(with.as_str());
        last = at + needle.lit.len();
        count += 1;
        if dst.len() > budget {
            return Err(TooLong);
        }
        if count == max {
            break;
        }
        match needle.find(hay, last) {
            Some(next) => at = next,
            None => break,
        }
    }
    dst.push_str(&src[last..]);
    if dst.len() > budget || !ctx.fits(dst, 0) {
        return Err(TooLong);
    }
    Ok(())
}

/// Writes `src` with every character of `class` (or every run of them) replaced by `with`.
#[inline(never)]
pub(crate) fn class_replace_into(
    src: &str,
    dst: &mut String,
    class: &CharClass,
    runs: bool,
    with: &Lit,
    ctx: Ctx,
) -> Result<(), TooLong> {
    let budget = ctx.byte_budget();
    dst.clear();
    let mut in_run = false;
    for c in src.chars() {
        if class.contains(c) {
            if !(runs && in_run) {
                dst.push_str(with.as_str());
                if dst.len() > budget {
                    return Err(TooLong);
                }
            }
            in_run = true;
        } else {
            dst.push(c);
            in_run = false;
        }
    }
    if !ctx.fits(dst, 0) {
        return Err(TooLong);
    }
    Ok(())
}

/// `digits_only`'s test: ASCII digits, and a `+` in first position.
#[inline]
fn digit_or_lead_plus(first: &mut bool, c: char) -> bool {
    let keep = c.is_ascii_digit() || (*first && c == '+');
    *first = false;
    keep
}

/// Writes the characters of `src` not in `class` into `dst`.
#[inline]
pub(crate) fn remove_into(src: &str, dst: &mut String, class: &CharClass) {
    dst.clear();
    remove_onto(src, dst, class);
}

/// Appends `src` less the characters of `class` to `dst`.
#[inline]
pub(crate) fn remove_onto(src: &str, dst: &mut String, class: &CharClass) {
    if !class.is_ascii() {
        dst.extend(src.chars().filter(|&c| !class.contains(c)));
        return;
    }
    // Only ASCII characters go, so the string can be cut at their bytes: copy the runs
    // between them.
    let mut run = 0;
    for (i, &b) in src.as_bytes().iter().enumerate() {
        if class.contains_ascii_byte(b) {
            dst.push_str(&src[run..i]);
            run = i + 1;
        }
    }
    dst.push_str(&src[run..]);
}

/// Byte offsets `(f, g)` in `s` such that `s[..f]` keeps exactly `front` characters not in
/// `class` and `s[g..]` exactly `back`, without overlap: removing `class` from `s[f..g]` is
/// removing it from `s` then stripping `front` characters from the start and `back` from the
/// end. `None` when fewer than `front + back` characters would be left.
#[inline]
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn kept_bounds(
    s: &str,
    class: &CharClass,
    front: usize,
    back: usize,
) -> Option<(usize, usize)> {
    let mut f = 0;
    if front > 0 {
        let mut kept = 0;
        let (i, c) = s.char_indices().find(|&(_, c)| {
            kept += usize::from(!class.contains(c));
            kept == front
        })?;
        f = i + c.len_utf8();
    }
    let mut g = s.len();
    if back > 0 {
        let mut kept = 0;
        g = s
            .char_indices()
            .rev()
            .find(|&(_, c)| {
                kept += usize::from(!class.contains(c));
                kept == back
            })?
            .0;
    }
    (f <= g).then_some((f, g))
}

/// Removes the characters of `class` from `s`.
#[inline]
pub(crate) fn remove_in_place(s: &mut String, class: &CharClass) {
    s.retain(|c| !class.contains(c));
}

/// Writes the ASCII digits of `src` (and a leading `+`) into `dst`.
#[inline]
pub(crate) fn digits_only_into(src: &str, dst: &mut String) {
    dst.clear();
    let mut first = true;
    dst.extend(src.chars().filter(|&c| digit_or_lead_plus(&mut first, c)));
}

/// Keeps only the ASCII digits of `s` (and a leading `+`).
#[inline]
pub(crate) fn digits_only_in_place(s: &mut String) {
    let mut first = true;
    s.retain(|c| digit_or_lead_plus(&mut first, c));
}

/// Appends `template` to `dst`, each group reference replaced by the text `group` gives
/// (nothing for a group that did not take part). The one template expansion.
#[inline]
pub(crate) fn expand<'h>(
    template: &Template,
    dst: &mut String,
    group: impl Fn(usize) -> Option<&'h str>,
) {
    for piece in &template.pieces {
        match *piece {
            Piece::Literal(a, b) => dst.push_str(&template.text[a..b]),
            Piece::Group(g) => dst.push_str(group(g).unwrap_or("")),
        }
    }
}

/// A lowered fixed-length regex replacement; `false` (and `dst` untouched) on no match.
#[inline(never)]
pub(crate) fn fixed_replace_into(
    src: &str,
    dst: &mut String,
    pattern: &FixedPattern,
    template: &Template,
    ctx: Ctx,
) -> Result<bool, TooLong> {
    let mut spans = [(0, 0); MAX_GROUPS];
    if !pattern.find(src, &mut spans) {
        return Ok(false);
    }
    dst.clear();
    expand(template, dst, |g| Some(&src[spans[g].0..spans[g].1]));
    if !ctx.fits(dst, 0) {
        return Err(TooLong);
    }
    Ok(true)
}

/// Capture slots on the stack, enough for templates using groups up to `MAX_GROUPS - 1`.
pub(crate) type StackSlots = [Option<NonMaxUsize>; 2 * MAX_GROUPS];

/// A regex replacement of up to `max` matches (0 = all); `false` (and `dst` meaningless)
/// when nothing matched. `slots` must hold `2 * template.groups_needed` entries.
#[inline(never)]
#[allow(clippy::too_many_arguments)]
pub(crate) fn regex_replace_into(
    src: &str,
    dst: &mut String,
    slots: &mut [Option<NonMaxUsize>],
    regex: &Regex,
    template: &Template,
    max: usize,
    ctx: Ctx,
) -> Result<bool, TooLong> {
    if regex.surely_misses(src) {
        return Ok(false);
    }
    let slots = &mut slots[..template.groups_needed * 2];
    slots.fill(None);
    dst.clear();
    let budget = ctx.byte_budget();
    let count = regex.with_cache(|regex, cache| {
        let mut searcher = Searcher::new(Input::new(src));
        let mut last = 0;
        let mut count = 0;
        while max == 0 || count < max {
            let found = searcher.advance(|input| {
                Ok(regex.search_slots_with(cache, input, slots).map(|pid| {
                    let (start, end) = (
                        slots[0].map_or(0, |v| v.get()),
                        slots[1].map_or(0, |v| v.get()),
                    );
                    Match::new(pid, start..end)
                }))
            });
            let Some(m) = found else { break };
            dst.push_str(&src[last..m.start()]);
            expand(template, dst, |g| match (slots[2 * g], slots[2 * g + 1]) {
                (Some(a), Some(b)) => Some(&src[a.get()..b.get()]),
                _ => None,
            });
            last = m.end();
            count += 1;
            if dst.len() > budget {
                return Err(TooLong);
            }
        }
        if count > 0 {
            dst.push_str(&src[last..]);
        }
        Ok(count)
    })?;
    if count == 0 {
        return Ok(false);
    }
    if dst.len() > budget || !ctx.fits(dst, 0) {
        return Err(TooLong);
    }
    Ok(true)
}

/// Writes `src` through the mask `cells` (aligned at the end) into `dst`.
#[inline(never)]
pub(crate) fn mask_into(
    src: &str,
    dst: &mut String,
    cells: &[MaskCell],
    ctx: Ctx,
) -> Result<(), TooLong> {
    let offset = ctx.len(src) as isize - cells.len() as isize;
    let mut chars = src.chars();
    if offset > 0 {
        chars.nth(offset as usize - 1);
    }
    dst.clear();
    for (i, cell) in cells.iter().enumerate() {
        let under = if i as isize + offset >= 0 {
            chars.next()
        } else {
            None
        };
        match (cell, under) {
            (MaskCell::Keep, Some(c)) => dst.push(c),
            (MaskCell::Keep, None) => {}
            (MaskCell::Write(w), _) => dst.push(*w),
        }
    }
    if cells.len() > ctx.limit && !ctx.fits(dst, 0) {
        return Err(TooLong);
    }
    Ok(())
}

/// Sets `s` to `lit`.
#[inline]
pub(crate) fn set(s: &mut String, lit: &Lit, ctx: Ctx) -> Result<(), TooLong> {
    if lit.chars > ctx.limit {
        return Err(TooLong);
    }
    s.clear();
    s.push_str(lit.as_str());
    Ok(())
}

/// What `to_e164` does to a number: drop the punctuation, drop the first `skip` digits
/// (a trunk prefix), put `head` (`+`, `+` and the country code, or nothing) in front.
#[derive(Debug, Clone, Copy)]
pub(crate) struct E164Edit<'a> {
    head: &'a str,
    skip: usize,
    /// The number has no punctuation to drop.
    clean: bool,
}

/// Punctuation `to_e164` ignores.
#[inline]
fn punct(b: u8) -> bool {
    matches!(b, b' ' | b'-' | b'.' | b'(' | b')')
}

/// Whether `s` with its punctuation removed starts with the ASCII `prefix`.
#[inline]
fn starts_without_punct(s: &str, prefix: &str) -> bool {
    let mut rest = s.bytes().filter(|&b| !punct(b));
    prefix.bytes().all(|p| rest.next() == Some(p))
}

/// How `to_e164` rewrites `s`: `None` when it leaves `s` as it is (not a number).
#[inline]
pub(crate) fn e164_edit<'e>(
    s: &str,
    e: &'e E164,
    ctx: Ctx,
) -> Result<Option<E164Edit<'e>>, TooLong> {
    let bytes = s.as_bytes();
    let mut plus = bytes.first() == Some(&b'+');
    // Most numbers are digits already (after a leading `+`): one tight loop decides that.
    let len = if bytes[usize::from(plus)..].iter().all(u8::is_ascii_digit) {
        bytes.len()
    } else {
        let mut len = 0; // characters after punctuation is removed
        for &b in bytes {
            if punct(b) {
                continue;
            }
            if !(b.is_ascii_digit() || (b == b'+' && len == 0)) {
                return Ok(None); // a letter, a `+` inside, or a non-ASCII character
            }
            plus |= b == b'+';
            len += 1;
        }
        len
    };
    if len == usize::from(plus) {
        return Ok(None); // no digit
    }
    // From here the number is ASCII: bytes are characters.
    let clean = len == s.len();
    let starts = |p: &str| {
        if clean {
            // A byte compare: no call to `memcmp` for a code of one to three digits.
            bytes.len() >= p.len() && bytes.iter().zip(p.bytes()).all(|(a, b)| *a == b)
        } else {
            starts_without_punct(s, p)
        }
    };
    let edit = if plus {
        E164Edit {
            head: "",
            skip: 0,
            clean,
        }
    } else if e.nsn_len > 0 && len == e.cc.len() + e.nsn_len && starts(&e.cc) {
        E164Edit {
            head: &e.plus_cc[..1],
            skip: 0,
            clean,
        }
    } else if !e.trunk.is_empty() && starts(&e.trunk) {
        E164Edit {
            head: &e.plus_cc,
            skip: e.trunk.len(),
            clean,
        }
    } else {
        E164Edit {
            head: &e.plus_cc,
            skip: 0,
            clean,
        }
    };
    if edit.head.len() + len - edit.skip > ctx.limit {
        return Err(TooLong);
    }
    Ok(Some(edit))
}

/// Writes `src` rewritten by `edit` into `dst`.
#[inline]
pub(crate) fn e164_into(src: &str, dst: &mut String, edit: E164Edit) {
    dst.clear();
    dst.push_str(edit.head);
    if edit.clean {
        dst.push_str(&src[edit.skip..]);
        return;
    }
    // The number is ASCII: copy the runs between punctuation, less the first `skip` digits.
    let bytes = src.as_bytes();
    let mut skip = edit.skip;
    let mut run = 0; // where the current run of kept bytes starts
    for (i, &b) in bytes.iter().enumerate() {
        if punct(b) {
            dst.push_str(&src[run..i]);
            run = i + 1;
        } else if skip > 0 {
            skip -= 1;
            run = i + 1;
        }
    }
    dst.push_str(&src[run..]);
}

/// Rewrites `s` by `edit` in place.
#[inline]
pub(crate) fn e164_in_place(s: &mut String, edit: E164Edit) {
    if !edit.clean {
        s.retain(|c| !c.is_ascii() || !punct(c as u8));
    }
    if edit.skip > 0 || !edit.head.is_empty() {
        s.replace_range(..edit.skip, edit.head);
    }
}
