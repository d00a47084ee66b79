//! Runs a plan on a call that cannot pass the length limit (see [`Plan::fits`]): no
//! per-step checks and no `Result`s. The input stays borrowed until the first write; guards
//! and narrowing ops work on a window of it; the scratch buffer is fetched at most once,
//! and only when an op must rebuild a string that is already in the output.
//!
//! Its hottest helpers are `inline(always)` in native builds; the WebAssembly build leaves
//! inlining to the compiler, which keeps the module inside its size budget.

use super::edits::{self, StackSlots};
use super::plan::{Plan, Splice, Sup};
use super::{holds, step, with_scratch, Ctx, Scratch};
use crate::char_class::CharClass;
use crate::ops::{Op, Program, Test};
use crate::regex_lowering::MAX_GROUPS;

/// Applies `plan` (built from `program`) to `input`, leaving the result in `out`;
/// `plan.fits(input, limit)` must hold (nothing here checks a length).
#[inline]
pub(crate) fn run(plan: &Plan, program: &Program, input: &str, out: &mut String) {
    if !one_splice(plan, input, out) {
        machine(plan, program, input, out).finish();
    }
}

/// [`run`], the result left where the plan put it: a part of `input` when nothing was
/// written (then nothing is copied), else a part of `out`.
#[inline]
pub(crate) fn run_view<'a>(
    plan: &Plan,
    program: &Program,
    input: &'a str,
    out: &'a mut String,
) -> &'a str {
    if one_splice(plan, input, out) {
        return out;
    }
    machine(plan, program, input, out).into_view()
}

/// A pipeline that is one splice (one add/strip op, or a run of them, perhaps after a
/// remove_chars: the trunk API's everyday configurations) on a number long enough for it
/// needs no machine: `true` when this wrote the result into `out`. (Native builds only: the
/// WebAssembly module is at its size budget, and the machine gives the same result.)
#[inline]
fn one_splice(plan: &Plan, input: &str, out: &mut String) -> bool {
    if cfg!(target_arch = "wasm32") {
        return false;
    }
    match &*plan.code {
        [Sup::Splice(sp)] => {
            let (front, back) = (sp.front as usize, sp.back as usize);
            // Strips count characters: bytes count them only in ASCII.
            if input.len() >= front + back && (front + back == 0 || input.is_ascii()) {
                out.clear();
                out.push_str(sp.prefix());
                out.push_str(&input[front..input.len() - back]);
                out.push_str(sp.suffix());
                return true;
            }
            false
        }
        #[cfg(not(target_arch = "wasm32"))]
        [Sup::RemoveSplice(rs)] => remove_splice_into(input, &rs.class, &rs.splice, out),
        _ => false,
    }
}

/// remove_chars with `class` then `sp`, in one pass from `src` into `out`, when `src` is
/// long enough for the splice (else `false`, and `out` is untouched).
#[cfg(not(target_arch = "wasm32"))]
#[inline]
fn remove_splice_into(src: &str, class: &CharClass, sp: &Splice, out: &mut String) -> bool {
    let (front, back) = (sp.front as usize, sp.back as usize);
    let Some((f, g)) = edits::kept_bounds(src, class, front, back) else {
        return false;
    };
    out.clear();
    out.push_str(sp.prefix());
    edits::remove_onto(&src[f..g], out, class);
    out.push_str(sp.suffix());
    true
}

/// A machine that has run `plan` on `input` (one copy of it in the WebAssembly module).
#[cfg_attr(not(target_arch = "wasm32"), inline)]
#[cfg_attr(target_arch = "wasm32", inline(never))]
fn machine<'p, 'i, 'o>(
    plan: &Plan,
    program: &'p Program,
    input: &'i str,
    out: &'o mut String,
) -> Machine<'p, 'i, 'o> {
    let mut m = Machine {
        program,
        input,
        out,
        owned: false,
        a: 0,
        b: input.len(),
        ctx: Ctx {
            ascii: plan.ascii_paths && input.is_ascii(),
            limit: usize::MAX,
        },
    };
    if let Err(NeedScratch(pc)) = exec(plan, &mut m, 0, None) {
        with_scratch(|scratch| exec(plan, &mut m, pc, Some(scratch))).ok();
    }
    m
}

/// An op at this plan index needs the scratch buffer (and has not run yet).
struct NeedScratch(usize);

/// The test of the guard at `at` (`None` never happens: the plan points at guards).
#[inline]
fn test(program: &Program, at: u32) -> Option<&Test> {
    match &program.instrs.get(at as usize)?.op {
        Op::Guard { test, .. } => Some(test),
        _ => None,
    }
}

fn exec(
    plan: &Plan,
    m: &mut Machine,
    mut pc: usize,
    mut scratch: Option<&mut Scratch>,
) -> Result<(), NeedScratch> {
    while let Some(sup) = plan.code.get(pc) {
        match sup {
            Sup::Guard { at, skip_to } => {
                if !m.holds(*at) {
                    pc = *skip_to as usize;
                    continue;
                }
            }
            Sup::StopIf(at) => {
                if m.holds(*at) {
                    return Ok(());
                }
            }
            Sup::IfThenStop(at) => {
                if m.holds(*at) {
                    m.edit_at(*at + 1, &mut scratch)
                        .map_err(|()| NeedScratch(pc))?;
                    return Ok(());
                }
            }
            Sup::MatchThenStop(at) => {
                if m.edit_at(*at + 1, &mut scratch)
                    .map_err(|()| NeedScratch(pc))?
                {
                    return Ok(());
                }
            }
            Sup::Stop => return Ok(()),
            other => m.apply(other, &mut scratch).map_err(|()| NeedScratch(pc))?,
        }
        pc += 1;
    }
    Ok(())
}

/// The string being worked on: bytes `a..b` of the input (until the first write) or of
/// the output.
struct Machine<'p, 'i, 'o> {
    program: &'p Program,
    input: &'i str,
    out: &'o mut String,
    owned: bool,
    a: usize,
    b: usize,
    ctx: Ctx,
}

impl<'i, 'o> Machine<'_, 'i, 'o>
where
    'i: 'o,
{
    /// The current string, kept where it is.
    #[inline]
    fn into_view(self) -> &'o str {
        if self.owned {
            let out: &'o String = self.out;
            &out[self.a..self.b]
        } else {
            &self.input[self.a..self.b]
        }
    }
}

impl Machine<'_, '_, '_> {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn view(&self) -> &str {
        if self.owned {
            &self.out[self.a..self.b]
        } else {
            &self.input[self.a..self.b]
        }
    }

    /// Whether the test of the guard at `at` holds: a prefix test (most guards of phone
    /// rules) inline, the others through [`holds`].
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn holds(&self, at: u32) -> bool {
        match test(self.program, at) {
            Some(Test::Prefix(lit)) => lit.is_prefix_of_bytes(self.view_bytes()),
            Some(t) => holds(t, self.view(), self.ctx),
            None => true,
        }
    }

    /// The current string's bytes (no character-boundary checks: for byte compares).
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn view_bytes(&self) -> &[u8] {
        let s = if self.owned {
            self.out.as_bytes()
        } else {
            self.input.as_bytes()
        };
        s.get(self.a..self.b).unwrap_or_default()
    }

    /// The current string is the whole output from here.
    #[inline]
    fn own_all(&mut self) {
        self.owned = true;
        self.a = 0;
        self.b = self.out.len();
    }

    /// Makes the output hold exactly the current string.
    #[inline]
    fn materialize(&mut self) -> &mut String {
        if self.owned {
            self.out.truncate(self.b);
            self.out.drain(..self.a);
        } else {
            self.out.clear();
            self.out.push_str(&self.input[self.a..self.b]);
        }
        self.own_all();
        self.out
    }

    /// Leaves the result in the output.
    #[inline]
    fn finish(mut self) {
        if !self.owned || self.a > 0 || self.b < self.out.len() {
            self.materialize();
        }
    }

    /// Runs a non-control superinstruction; `Err` when it needs scratch and has none.
    #[inline]
    fn apply(&mut self, sup: &Sup, scratch: &mut Option<&mut Scratch>) -> Result<(), ()> {
        match sup {
            Sup::Splice(splice) => self.splice(splice),
            #[cfg(not(target_arch = "wasm32"))]
            Sup::RemoveSplice(rs) => self.remove_splice(&rs.class, &rs.splice),
            Sup::Edit(at) => {
                self.edit_at(*at, scratch)?;
            }
            Sup::Guard { .. }
            | Sup::StopIf(_)
            | Sup::IfThenStop(_)
            | Sup::MatchThenStop(_)
            | Sup::Stop => {}
        }
        Ok(())
    }

    /// Runs the op at program index `at`: whether its pattern matched (see [`Self::edit`]),
    /// `Err` when it needs scratch and has none (then it has not run).
    #[inline]
    fn edit_at(&mut self, at: u32, scratch: &mut Option<&mut Scratch>) -> Result<bool, ()> {
        let Some(instr) = self.program.instrs.get(at as usize) else {
            return Ok(false);
        };
        let op = &instr.op;
        if self.needs_scratch(op) {
            match scratch {
                Some(scratch) => Ok(self.edit(op, Some(scratch))),
                None => Err(()),
            }
        } else {
            Ok(self.edit(op, None))
        }
    }

    /// Whether `op` would rebuild the string through the scratch buffer.
    #[inline]
    fn needs_scratch(&self, op: &Op) -> bool {
        match op {
            Op::Replace { .. }
            | Op::ClassReplace { .. }
            | Op::FixedReplace { .. }
            | Op::Mask(_) => self.owned,
            Op::RegexReplace { template, .. } => self.owned || template.groups_needed > MAX_GROUPS,
            _ => false,
        }
    }

    /// Replaces bytes `..front` and `len - back..` of the current string by `prefix` and
    /// `suffix`.
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn splice_bytes(&mut self, prefix: &str, front: usize, back: usize, suffix: &str) {
        let (a, b) = (self.a + front, self.b - back);
        if prefix.is_empty() && suffix.is_empty() {
            (self.a, self.b) = (a, b);
            return;
        }
        if self.owned {
            self.out.truncate(b);
            self.out.push_str(suffix);
            self.out.replace_range(..a, prefix);
        } else {
            self.out.clear();
            self.out.push_str(prefix);
            self.out.push_str(&self.input[a..b]);
            if !suffix.is_empty() {
                self.out.push_str(suffix);
            }
        }
        self.own_all();
    }

    #[inline]
    fn splice(&mut self, sp: &Splice) {
        let v = self.view();
        let (front, back) = (sp.front as usize, sp.back as usize);
        let need = front + back;
        let bytes = if self.ctx.ascii {
            (v.len() >= need).then_some((front, back))
        } else {
            (v.chars().count() >= need).then(|| {
                let f = self.ctx.offset_from_start(v, front);
                (f, v.len() - self.ctx.offset_from_end(v, back))
            })
        };
        match bytes {
            Some((front, back)) => self.splice_bytes(sp.prefix(), front, back, sp.suffix()),
            None => {
                // Too short for the fused form: the ops one by one (none uses scratch).
                let ctx = self.ctx;
                let program = self.program;
                let s = self.materialize();
                let steps = sp.steps.0 as usize..sp.steps.1 as usize;
                for instr in program.instrs.get(steps).unwrap_or_default() {
                    step(instr, s, &mut Scratch::default(), ctx).ok();
                }
                self.own_all();
            }
        }
    }

    /// remove_chars then a splice: while the string is the borrowed input and long enough,
    /// one pass writes `prefix + (the kept part, less the class) + suffix`; otherwise the
    /// two one after the other.
    #[cfg(not(target_arch = "wasm32"))]
    fn remove_splice(&mut self, class: &CharClass, sp: &Splice) {
        if !self.owned && remove_splice_into(&self.input[self.a..self.b], class, sp, self.out) {
            self.own_all();
            return;
        }
        self.remove(class);
        self.splice(sp);
    }

    /// Runs remove_chars: whether the string held a character of `class`.
    #[inline]
    fn remove(&mut self, class: &CharClass) -> bool {
        let found = class.any_in(self.view());
        if found {
            if self.owned {
                edits::remove_in_place(self.materialize(), class);
            } else {
                edits::remove_into(&self.input[self.a..self.b], self.out, class);
            }
            self.own_all();
        }
        found
    }

    /// Runs an op that keeps a part of the string: only the window moves.
    #[inline]
    fn narrow(&mut self, op: &Op) {
        let v = self.view();
        let (front, back) = match op {
            Op::StripPrefix(l) if l.is_prefix_of(v) => (l.len(), 0),
            Op::StripSuffix(l) if l.is_suffix_of(v) => (0, l.len()),
            Op::KeepStart(n) => (0, v.len() - self.ctx.offset_from_start(v, *n)),
            Op::KeepEnd(n) => (self.ctx.offset_from_end(v, *n), 0),
            _ => return,
        };
        self.a += front;
        self.b -= back;
    }

    /// Rebuilds the string with `build(src, dst)` (false: unchanged): from the input straight
    /// into the output, or from the output through scratch.
    #[inline]
    fn rebuild(
        &mut self,
        scratch: Option<&mut Scratch>,
        build: impl FnOnce(&str, &mut String) -> bool,
    ) -> bool {
        if !self.owned {
            let built = build(&self.input[self.a..self.b], self.out);
            if built {
                self.own_all();
            }
            built
        } else if let Some(scratch) = scratch {
            let built = build(&self.out[self.a..self.b], &mut scratch.buf);
            if built {
                std::mem::swap(self.out, &mut scratch.buf);
                self.own_all();
            }
            built
        } else {
            false
        }
    }

    /// Runs an op that changes the string; returns whether its pattern matched (for the ops
    /// a `regex_replace` lowers to; `true` for the others). No length check can fail here
    /// (the limit is `usize::MAX`).
    fn edit(&mut self, op: &Op, scratch: Option<&mut Scratch>) -> bool {
        let ctx = self.ctx;
        match op {
            Op::Prepend(l) => self.splice_bytes(l.as_str(), 0, 0, ""),
            Op::Append(l) => self.splice_bytes("", 0, 0, l.as_str()),
            Op::StripStart(n) => self.a += ctx.offset_from_start(self.view(), *n),
            Op::StripEnd(n) => self.b = self.a + ctx.offset_from_end(self.view(), *n),
            Op::KeepStart(_) | Op::KeepEnd(_) | Op::StripPrefix(_) | Op::StripSuffix(_) => {
                self.narrow(op)
            }
            Op::ReplacePrefix { from, to } => {
                let found = from.is_prefix_of(self.view());
                if found {
                    self.splice_bytes(to.as_str(), from.len(), 0, "");
                }
                return found;
            }
            Op::EnsurePrefix(l) => {
                if !l.is_prefix_of(self.view()) {
                    self.splice_bytes(l.as_str(), 0, 0, "");
                }
            }
            Op::Set(l) => {
                self.out.clear();
                self.out.push_str(l.as_str());
                self.own_all();
            }
            Op::SetIfEmpty(l) => {
                if self.a == self.b {
                    self.out.clear();
                    self.out.push_str(l.as_str());
                    self.own_all();
                }
            }
            Op::RemoveChars(class) => return self.remove(class),
            Op::DigitsOnly => {
                let v = self.view();
                let clean = v
                    .bytes()
                    .enumerate()
                    .all(|(i, b)| b.is_ascii_digit() || (i == 0 && b == b'+'));
                if !clean {
                    if self.owned {
                        edits::digits_only_in_place(self.materialize());
                    } else {
                        edits::digits_only_into(&self.input[self.a..self.b], self.out);
                    }
                    self.own_all();
                }
            }
            Op::Replace { needle, with, max } => {
                let Some(first) = needle.find(self.view().as_bytes(), 0) else {
                    return false;
                };
                self.rebuild(scratch, |src, dst| {
                    edits::replace_into(src, dst, first, needle, with, *max, ctx).is_ok()
                });
            }
            Op::ClassReplace { class, runs, with } => {
                if !class.any_in(self.view()) {
                    return false;
                }
                self.rebuild(scratch, |src, dst| {
                    edits::class_replace_into(src, dst, class, *runs, with, ctx).is_ok()
                });
            }
            Op::FixedReplace { pattern, template } => {
                return self.rebuild(scratch, |src, dst| {
                    edits::fixed_replace_into(src, dst, pattern, template, ctx) == Ok(true)
                })
            }
            Op::RegexReplace {
                regex,
                template,
                max,
            } => {
                if regex.surely_misses(self.view()) {
                    return false;
                }
                let mut stack: StackSlots = [None; 2 * MAX_GROUPS];
                let (buf, heap_slots) = match scratch {
                    Some(Scratch { buf, slots }) if template.groups_needed > MAX_GROUPS => {
                        slots.resize(template.groups_needed * 2, None);
                        (Some(buf), Some(slots))
                    }
                    Some(Scratch { buf, .. }) => (Some(buf), None),
                    None => (None, None),
                };
                let slots = match heap_slots {
                    Some(slots) => &mut slots[..],
                    None => &mut stack[..],
                };
                let mut build = |src: &str, dst: &mut String| {
                    edits::regex_replace_into(src, dst, slots, regex, template, *max, ctx)
                        == Ok(true)
                };
                if !self.owned {
                    let found = build(&self.input[self.a..self.b], self.out);
                    if found {
                        self.own_all();
                    }
                    return found;
                } else if let Some(buf) = buf {
                    let found = build(&self.out[self.a..self.b], buf);
                    if found {
                        std::mem::swap(self.out, buf);
                        self.own_all();
                    }
                    return found;
                }
                return false;
            }
            Op::Mask(cells) => {
                self.rebuild(scratch, |src, dst| {
                    edits::mask_into(src, dst, cells, ctx).is_ok()
                });
            }
            Op::ToE164(e) => {
                if let Ok(Some(edit)) = edits::e164_edit(self.view(), e, ctx) {
                    if self.owned {
                        edits::e164_in_place(self.materialize(), edit);
                    } else {
                        edits::e164_into(&self.input[self.a..self.b], self.out, edit);
                    }
                    self.own_all();
                }
            }
            // Control flow: never an edit.
            Op::Guard { .. } | Op::Stop => debug_assert!(false, "{op:?} is not an edit"),
        }
        true
    }
}
