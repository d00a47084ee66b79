//! The checked path: the lowered program (one instruction per transform, so errors name
//! the exact step), run step by step with a length check at every step. Taken only by calls
//! that might pass the length limit.

use super::{step, with_scratch, Ctx, Flow, Scratch, TooLong};
use crate::error::ApplyError;
use crate::ops::Program;

/// Applies the whole program to `input`, leaving the result in `out`.
pub(crate) fn run(
    program: &Program,
    limit: usize,
    input: &str,
    out: &mut String,
) -> Result<(), ApplyError> {
    out.clear();
    let ctx = Ctx::for_input(program, input, limit)?;
    out.push_str(input);
    if program.needs_scratch {
        with_scratch(|scratch| run_steps(program, out, scratch, ctx))
    } else {
        // An empty scratch costs nothing to make and is never written to.
        run_steps(program, out, &mut Scratch::default(), ctx)
    }
}

fn run_steps(
    program: &Program,
    out: &mut String,
    scratch: &mut Scratch,
    ctx: Ctx,
) -> Result<(), ApplyError> {
    let instrs = &program.instrs[..];
    let mut pc = 0;
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
