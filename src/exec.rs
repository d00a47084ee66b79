//! The executor: runs a compiled program over one string, in place, without allocating
//! once its buffers are warm.

use std::cell::RefCell;

use regex_automata::util::iter::Searcher;
use regex_automata::util::primitives::NonMaxUsize;
use regex_automata::{Input, Match};

use crate::char_class::CharClass;
use crate::error::ApplyError;
use crate::ops::{Instr, Lit, MaskCell, Needle, Op, Program, Test, E164};
use crate::regex::Regex;
use crate::regex_lowering::MAX_GROUPS;
use crate::replacement::{Piece, Template};

/// What to do after a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flow {
    Next,
    /// A guard failed: continue at this program index.
    Jump(usize),
    Stop,
}

/// Per-thread working memory, reused across calls.
#[derive(Default)]
pub(crate) struct Scratch {
    buf: String,
    slots: Vec<Option<NonMaxUsize>>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = const {
        RefCell::new(Scratch {
            buf: String::new(),
            slots: Vec::new(),
        })
    };
}

/// Runs `f` with this thread's scratch space (a fresh one if it is somehow in use).
pub(crate) fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => f(&mut scratch),
        Err(_) => f(&mut Scratch::default()),
    })
}

/// How the current string is measured: known-ASCII strings by bytes, others by characters.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx {
    /// The string is known to be ASCII (checked only when the program counts positions).
    pub(crate) ascii: bool,
    pub(crate) limit: usize,
}

impl Ctx {
    /// Checks the input against the limit and picks the byte or character path.
    #[inline]
    pub(crate) fn for_input(
        program: &Program,
        input: &str,
        limit: usize,
    ) -> Result<Ctx, ApplyError> {
        // A string has at least as many bytes as characters: count only when bytes pass.
        if input.len() > limit {
            let length = input.chars().count();
            if length > limit {
                return Err(ApplyError::InputTooLong { length, limit });
            }
        }
        Ok(Ctx {
            ascii: program.counts_positions && program.ascii_safe && input.is_ascii(),
            limit,
        })
    }

    /// Whether `s` with `added` more characters is within the limit.
    #[inline]
    fn fits(self, s: &str, added: usize) -> bool {
        s.len() + added <= self.limit || self.len(s) + added <= self.limit
    }

    /// Whether `s` with its prefix `removed` replaced by `added` is within the limit.
    #[inline]
    fn fits_replacing(self, s: &str, removed: &Lit, added: &Lit) -> bool {
        s.len() - removed.len() + added.chars <= self.limit
            || self.len(s) - removed.chars + added.chars <= self.limit
    }

    #[inline]
    fn len(self, s: &str) -> usize {
        if self.ascii {
            s.len()
        } else {
            s.chars().count()
        }
    }

    /// Byte offset of the `n`th character (the string's length if it is shorter).
    #[inline]
    fn offset_from_start(self, s: &str, n: usize) -> usize {
        if self.ascii {
            n.min(s.len())
        } else {
            s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)
        }
    }

    /// Byte offset where the last `n` characters start (0 if the string is shorter).
    #[inline]
    fn offset_from_end(self, s: &str, n: usize) -> usize {
        if self.ascii {
            s.len().saturating_sub(n)
        } else if n == 0 {
            s.len()
        } else {
            s.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i)
        }
    }

    /// Most bytes a string within the limit can take: building stops past this.
    #[inline]
    fn byte_budget(self) -> usize {
        if self.ascii {
            self.limit
        } else {
            self.limit.saturating_mul(4)
        }
    }
}

/// Applies the whole program to `input`, leaving the result in `out`.
#[inline]
pub(crate) fn run(
    program: &Program,
    limit: usize,
    input: &str,
    out: &mut String,
) -> Result<(), ApplyError> {
    out.clear();
    let ctx = Ctx::for_input(program, input, limit)?;
    let pc = start(program, input, out, ctx)?;
    if pc == program.instrs.len() {
        Ok(())
    } else if program.needs_scratch {
        with_scratch(|scratch| run_steps(program, pc, out, scratch, ctx))
    } else {
        // An empty scratch costs nothing to make and is never written to.
        run_steps(program, pc, out, &mut Scratch::default(), ctx)
    }
}

/// Writes `input` into the empty `out`, running the first instruction on the way when it
/// is a simple edit (saving a copy); returns the index of the next instruction to run.
#[inline]
fn start(program: &Program, input: &str, out: &mut String, ctx: Ctx) -> Result<usize, ApplyError> {
    let Some(first) = program.instrs.first() else {
        out.push_str(input);
        return Ok(0);
    };
    let too_long = || first.too_long(ctx.limit);
    match &first.op {
        Op::Prepend(lit) => {
            if !ctx.fits(input, lit.chars) {
                return Err(too_long());
            }
            out.push_str(lit.as_str());
            out.push_str(input);
        }
        Op::Append(lit) => {
            if !ctx.fits(input, lit.chars) {
                return Err(too_long());
            }
            out.push_str(input);
            out.push_str(lit.as_str());
        }
        Op::StripStart(n) => out.push_str(&input[ctx.offset_from_start(input, *n)..]),
        Op::Replace { needle, with, max } => match needle.find(input.as_bytes(), 0) {
            Some(first) => replace_into(input, out, first, needle, with, *max, ctx)
                .map_err(|TooLong| too_long())?,
            None => out.push_str(input),
        },
        Op::StripEnd(n) => out.push_str(&input[..ctx.offset_from_end(input, *n)]),
        Op::KeepStart(n) => out.push_str(&input[..ctx.offset_from_start(input, *n)]),
        Op::KeepEnd(n) => out.push_str(&input[ctx.offset_from_end(input, *n)..]),
        _ => {
            out.push_str(input);
            return Ok(0);
        }
    }
    Ok(1)
}

#[inline]
fn run_steps(
    program: &Program,
    mut pc: usize,
    out: &mut String,
    scratch: &mut Scratch,
    ctx: Ctx,
) -> Result<(), ApplyError> {
    let instrs = &program.instrs[..];
    while let Some(instr) = instrs.get(pc) {
        match step(instr, out, scratch, ctx) {
            Ok(Flow::Next) => pc += 1,
            Ok(Flow::Jump(to)) => pc = to,
            Ok(Flow::Stop) => break,
            Err(TooLong) => return Err(instr.too_long(ctx.limit)),
        }
    }
    Ok(())
}

/// Runs one instruction on `s` in place.
#[inline]
pub(crate) fn step(
    instr: &Instr,
    s: &mut String,
    scratch: &mut Scratch,
    ctx: Ctx,
) -> Result<Flow, TooLong> {
    let fits = |s: &str, added: usize| ctx.fits(s, added);
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
                replace_into(s, &mut scratch.buf, first, needle, with, *max, ctx)?;
                std::mem::swap(s, &mut scratch.buf);
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
        Op::Set(lit) => set(s, lit.as_str(), lit.chars, ctx)?,
        Op::SetIfEmpty(lit) => {
            if s.is_empty() {
                set(s, lit.as_str(), lit.chars, ctx)?;
            }
        }
        Op::RemoveChars(set) => s.retain(|c| !set.contains(c)),
        Op::ClassReplace { class, with, .. } if with.text.is_empty() => {
            s.retain(|c| !class.contains(c))
        }
        Op::ClassReplace { class, runs, with } => {
            class_replace(s, &mut scratch.buf, class, *runs, with, ctx)?
        }
        Op::FixedReplace { pattern, template } => {
            let mut spans = [(0, 0); MAX_GROUPS];
            if pattern.find(s, &mut spans) {
                let buf = &mut scratch.buf;
                buf.clear();
                for piece in &template.pieces {
                    match *piece {
                        Piece::Literal(a, b) => buf.push_str(&template.text[a..b]),
                        Piece::Group(g) => buf.push_str(&s[spans[g].0..spans[g].1]),
                    }
                }
                if !ctx.fits(buf, 0) {
                    return Err(TooLong);
                }
                std::mem::swap(s, buf);
            }
        }
        Op::DigitsOnly => {
            let mut first = true;
            s.retain(|c| {
                let keep = c.is_ascii_digit() || (first && c == '+');
                first = false;
                keep
            });
        }
        Op::RegexReplace {
            regex,
            template,
            max,
        } => regex_replace(s, scratch, regex, template, *max, ctx)?,
        Op::Mask(cells) => mask(s, &mut scratch.buf, cells, ctx)?,
        Op::ToE164(e164) => to_e164(s, &mut scratch.buf, e164, ctx)?,
        Op::FromE164 { plus_cc, trunk } => {
            if plus_cc.is_prefix_of(s) {
                if !ctx.fits_replacing(s, plus_cc, trunk) {
                    return Err(TooLong);
                }
                s.replace_range(..plus_cc.len(), trunk.as_str());
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

/// Writes `src` with occurrences of `needle` replaced into `dst` (cleared first); the first
/// occurrence is at byte `first`.
#[inline(never)]
fn replace_into(
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

/// Replaces every character of `class` (or every run of them) with `with`.
#[inline(never)]
fn class_replace(
    s: &mut String,
    buf: &mut String,
    class: &CharClass,
    runs: bool,
    with: &Lit,
    ctx: Ctx,
) -> Result<(), TooLong> {
    let budget = ctx.byte_budget();
    buf.clear();
    let mut in_run = false;
    for c in s.chars() {
        if class.contains(c) {
            if !(runs && in_run) {
                buf.push_str(with.as_str());
                if buf.len() > budget {
                    return Err(TooLong);
                }
            }
            in_run = true;
        } else {
            buf.push(c);
            in_run = false;
        }
    }
    if !ctx.fits(buf, 0) {
        return Err(TooLong);
    }
    std::mem::swap(s, buf);
    Ok(())
}

/// The step's result would pass the length limit (the caller knows which step it was).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooLong;

impl Instr {
    /// The apply error for this instruction passing the length limit.
    #[cold]
    pub(crate) fn too_long(&self, limit: usize) -> ApplyError {
        ApplyError::StepTooLong {
            index: self.index,
            kind: self.kind.name(),
            limit,
        }
    }
}

fn set(s: &mut String, text: &str, chars: usize, ctx: Ctx) -> Result<(), TooLong> {
    if chars > ctx.limit {
        return Err(TooLong);
    }
    s.clear();
    s.push_str(text);
    Ok(())
}

#[inline(never)]
fn regex_replace(
    s: &mut String,
    scratch: &mut Scratch,
    regex: &Regex,
    template: &Template,
    max: usize,
    ctx: Ctx,
) -> Result<(), TooLong> {
    let Scratch { buf, slots } = scratch;
    slots.clear();
    slots.resize(template.groups_needed * 2, None);
    buf.clear();
    let budget = ctx.byte_budget();
    let hay: &str = s;
    let count = regex.with_cache(|regex, cache| {
        let mut searcher = Searcher::new(Input::new(hay));
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
            buf.push_str(&hay[last..m.start()]);
            for piece in &template.pieces {
                match *piece {
                    Piece::Literal(a, b) => buf.push_str(&template.text[a..b]),
                    Piece::Group(g) => {
                        if let (Some(a), Some(b)) = (slots[2 * g], slots[2 * g + 1]) {
                            buf.push_str(&hay[a.get()..b.get()]);
                        }
                    }
                }
            }
            last = m.end();
            count += 1;
            if buf.len() > budget {
                return Err(TooLong);
            }
        }
        if count > 0 {
            buf.push_str(&hay[last..]);
        }
        Ok(count)
    })?;
    if count == 0 {
        return Ok(());
    }
    if buf.len() > budget || !ctx.fits(buf, 0) {
        return Err(TooLong);
    }
    std::mem::swap(s, buf);
    Ok(())
}

#[inline(never)]
fn mask(s: &mut String, buf: &mut String, cells: &[MaskCell], ctx: Ctx) -> Result<(), TooLong> {
    let offset = ctx.len(s) as isize - cells.len() as isize;
    let mut chars = s.chars();
    if offset > 0 {
        chars.nth(offset as usize - 1);
    }
    buf.clear();
    for (i, cell) in cells.iter().enumerate() {
        let under = if i as isize + offset >= 0 {
            chars.next()
        } else {
            None
        };
        match (cell, under) {
            (MaskCell::Keep, Some(c)) => buf.push(c),
            (MaskCell::Keep, None) => {}
            (MaskCell::Write(w), _) => buf.push(*w),
        }
    }
    if cells.len() > ctx.limit && !ctx.fits(buf, 0) {
        return Err(TooLong);
    }
    std::mem::swap(s, buf);
    Ok(())
}

#[inline(never)]
fn to_e164(s: &mut String, buf: &mut String, e: &E164, ctx: Ctx) -> Result<(), TooLong> {
    buf.clear();
    buf.extend(
        s.chars()
            .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')')),
    );
    let t = buf.as_str();
    let digits = t.strip_prefix('+').unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(());
    }
    // From here `t` is ASCII: bytes are characters.
    if t.starts_with('+') {
        if t.len() > ctx.limit {
            return Err(TooLong);
        }
        std::mem::swap(s, buf);
        return Ok(());
    }
    let (cc, rest): (&str, &str) =
        if e.nsn_len > 0 && t.len() == e.cc.len() + e.nsn_len && t.starts_with(&*e.cc) {
            ("", t)
        } else if !e.trunk.is_empty() && t.starts_with(&*e.trunk) {
            (&e.cc, &t[e.trunk.len()..])
        } else {
            (&e.cc, t)
        };
    if 1 + cc.len() + rest.len() > ctx.limit {
        return Err(TooLong);
    }
    s.clear();
    s.push('+');
    s.push_str(cc);
    s.push_str(rest);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// `Pipeline::outcome` (src/outcome.rs) calls only this: the step-by-step program, noting
// which transforms changed the string and which `stop` ended the run.

/// A transform that decided an outcome, as [`run_noting`] reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Noted {
    /// The transform with this index ran and changed the string.
    Changed(usize),
    /// The `stop` with this index ended the run.
    Stopped(usize),
}

/// Runs the step-by-step `program` like [`run`] (same result in `out`), calling `note` for
/// every transform that changed the string (as `trace` judges it: the string differs) and for
/// the `stop` that ended the run. `before` is working memory; nothing is allocated once `out`
/// and `before` are warm.
pub(crate) fn run_noting(
    program: &Program,
    limit: usize,
    input: &str,
    out: &mut String,
    before: &mut String,
    mut note: impl FnMut(Noted),
) -> Result<(), ApplyError> {
    out.clear();
    let ctx = Ctx::for_input(program, input, limit)?;
    out.push_str(input);
    with_scratch(|scratch| {
        let mut pc = 0;
        while let Some(instr) = program.instrs.get(pc) {
            let edits = !matches!(instr.op, Op::Guard { .. } | Op::Stop);
            if edits {
                before.clear();
                before.push_str(out);
            }
            match step(instr, out, scratch, ctx) {
                Ok(Flow::Next) => {
                    if edits && *before != *out {
                        note(Noted::Changed(instr.index));
                    }
                    pc += 1;
                }
                Ok(Flow::Jump(to)) => pc = to,
                Ok(Flow::Stop) => {
                    note(Noted::Stopped(instr.index));
                    break;
                }
                Err(TooLong) => return Err(instr.too_long(ctx.limit)),
            }
        }
        Ok(())
    })
}
