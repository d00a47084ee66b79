//! Compilation: validated ops become programs. The step-by-step program keeps one
//! instruction per transform (for `trace`); the lowered program is what `apply` runs.

use crate::ops::{Instr, Program};

/// The two programs of a pipeline.
#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    /// One instruction per transform, guard jumps by transform index.
    pub(crate) stepwise: Program,
    /// A cheaper equivalent program, when lowering found one.
    pub(crate) lowered: Option<Program>,
}

impl Compiled {
    /// The program `apply` runs.
    #[inline]
    pub(crate) fn fast(&self) -> &Program {
        self.lowered.as_ref().unwrap_or(&self.stepwise)
    }
}

/// Builds both programs from validated instructions.
pub(crate) fn compile(instrs: Vec<Instr>) -> Compiled {
    Compiled {
        stepwise: Program::new(instrs),
        lowered: None,
    }
}
