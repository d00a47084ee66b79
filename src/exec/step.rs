//! One op at a time, in place, every length checked: the stepwise program's executor, used
//! by `trace`, by the checked path, and by anything that must name the exact step.

use super::edits::{self, StackSlots};
use super::{Ctx, Flow, Scratch, TooLong};
use crate::ops::{Instr, Op, Test};
use crate::regex_lowering::MAX_GROUPS;

/// Runs one instruction on `s` in place.
#[inline]
pub(crate) fn step(
    instr: &Instr,
    s: &mut String,
    scratch: &mut Scratch,
    ctx: Ctx,
) -> Result<Flow, TooLong> {
    let fits = |s: &str, added: usize| ctx.fits(s, added);
    // Ops that build their result in the scratch buffer, then swap it in.
    let mut rebuilt =
        |s: &mut String, build: &mut dyn FnMut(&str, &mut String) -> Result<bool, TooLong>| {
            if build(s, &mut scratch.buf)? {
                std::mem::swap(s, &mut scratch.buf);
            }
            Ok::<(), TooLong>(())
        };
    match &instr.op {
        Op::Prepend(lit) => {
            if !fits(s, lit.chars) {
                return Err(TooLong);
            }
            s.insert_str(0, lit.as_str());
        }
        Op::Append(lit) => {
            if !fits(s, lit.chars) {
                return Err(TooLong);
            }
            s.push_str(lit.as_str());
        }
        Op::Replace { needle, with, max } => {
            if let Some(first) = needle.find(s.as_bytes(), 0) {
                rebuilt(s, &mut |src, dst| {
                    edits::replace_into(src, dst, first, needle, with, *max, ctx).map(|()| true)
                })?;
            }
        }
        Op::StripStart(n) => {
            let at = ctx.offset_from_start(s, *n);
            s.drain(..at);
        }
        Op::StripEnd(n) => {
            let at = ctx.offset_from_end(s, *n);
            s.truncate(at);
        }
        Op::KeepStart(n) => {
            let at = ctx.offset_from_start(s, *n);
            s.truncate(at);
        }
        Op::KeepEnd(n) => {
            let at = ctx.offset_from_end(s, *n);
            s.drain(..at);
        }
        Op::StripPrefix(lit) => {
            if lit.is_prefix_of(s) {
                s.drain(..lit.len());
            }
        }
        Op::StripSuffix(lit) => {
            if lit.is_suffix_of(s) {
                s.truncate(s.len() - lit.len());
            }
        }
        Op::ReplacePrefix { from, to } => {
            if from.is_prefix_of(s) {
                if !ctx.fits_replacing(s, from, to) {
                    return Err(TooLong);
                }
                s.replace_range(..from.len(), to.as_str());
            }
        }
        Op::EnsurePrefix(lit) => {
            if !lit.is_prefix_of(s) {
                if !fits(s, lit.chars) {
                    return Err(TooLong);
                }
                s.insert_str(0, lit.as_str());
            }
        }
        Op::Set(lit) => edits::set(s, lit, ctx)?,
        Op::SetIfEmpty(lit) => {
            if s.is_empty() {
                edits::set(s, lit, ctx)?;
            }
        }
        Op::RemoveChars(class) => edits::remove_in_place(s, class),
        Op::DigitsOnly => edits::digits_only_in_place(s),
        Op::ClassReplace { class, runs, with } => rebuilt(s, &mut |src, dst| {
            edits::class_replace_into(src, dst, class, *runs, with, ctx).map(|()| true)
        })?,
        Op::FixedReplace { pattern, template } => rebuilt(s, &mut |src, dst| {
            edits::fixed_replace_into(src, dst, pattern, template, ctx)
        })?,
        Op::RegexReplace {
            regex,
            template,
            max,
        } => {
            let Scratch { buf, slots } = scratch;
            let mut stack: StackSlots = [None; 2 * MAX_GROUPS];
            let slots = if template.groups_needed <= MAX_GROUPS {
                &mut stack[..]
            } else {
                slots.resize(template.groups_needed * 2, None);
                &mut slots[..]
            };
            if edits::regex_replace_into(s, buf, slots, regex, template, *max, ctx)? {
                std::mem::swap(s, buf);
            }
        }
        Op::Mask(cells) => rebuilt(s, &mut |src, dst| {
            edits::mask_into(src, dst, cells, ctx).map(|()| true)
        })?,
        Op::ToE164(e164) => {
            if let Some(edit) = edits::e164_edit(s, e164, ctx)? {
                edits::e164_in_place(s, edit);
            }
        }
        Op::Guard { test, skip_to } => {
            if !holds(test, s, ctx) {
                return Ok(Flow::Jump(*skip_to));
            }
        }
        Op::Stop => return Ok(Flow::Stop),
    }
    Ok(Flow::Next)
}

/// Whether a guard's test holds for `s`.
#[inline]
pub(crate) fn holds(test: &Test, s: &str, ctx: Ctx) -> bool {
    match test {
        Test::Prefix(lit) => lit.is_prefix_of(s),
        Test::Suffix(lit) => lit.is_suffix_of(s),
        Test::Pattern(pattern) => pattern.matches(s),
        Test::Regex(regex) => regex.is_match(s),
        Test::Length(min, max) => (*min..=*max).contains(&ctx.len(s)),
        Test::Fixed(pattern) => pattern.matches(s),
    }
}
