//! A step-by-step program (the stepwise one or the lowered one, step for step the same),
//! noting which transforms decided: what `Pipeline::outcome` (src/outcome.rs) runs. Same result
//! as the stepwise executor; it also reports every transform that changed the string (as `trace` judges it: the string differs) and the `stop` that
//! ended the run.

use super::step::step;
use super::{with_scratch, Ctx, Flow, Scratch, TooLong};
use crate::error::ApplyError;
use crate::ops::{Op, Program};

/// A transform that decided an outcome, as [`run_noting`] reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Noted {
    /// The transform with this index ran and changed the string.
    Changed(usize),
    /// The `stop` with this index ended the run.
    Stopped(usize),
}

/// Runs the step-by-step `program` (same result in `out` as the stepwise executor), calling `note` for
/// every transform that changed the string (as `trace` judges it: the string differs) and for
/// the `stop` that ended the run. `before` is working memory, written only after a change
/// (until then the string is still `input`); nothing is allocated once `out` and `before` are
/// warm.
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
    // `out` equals `input` while `pristine`; `before` equals `out` while `saved`.
    let (mut pristine, mut saved) = (true, false);
    let mut go = |scratch: &mut Scratch| {
        let mut pc = 0;
        while let Some(instr) = program.instrs.get(pc) {
            let edits = !matches!(instr.op, Op::Guard { .. } | Op::Stop);
            if edits && !pristine && !saved {
                before.clear();
                before.push_str(out);
                saved = true;
            }
            match step(instr, out, scratch, ctx) {
                Ok(Flow::Next) => {
                    let was: &str = if pristine { input } else { before };
                    if edits && *was != **out {
                        note(Noted::Changed(instr.index));
                        (pristine, saved) = (false, false);
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
    };
    if program.needs_scratch {
        with_scratch(go)
    } else {
        go(&mut Scratch::default())
    }
}
