//! The executor: runs a compiled pipeline over one string without allocating once its
//! buffers are warm. Its stages, one file each:
//!
//! - [`edits`]: what each op does to a string, written once, shared by every path;
//! - [`step`]: one op at a time, in place, with length checks (`trace`, exact error steps);
//! - [`checked`]: the lowered program, step by step with checks, for calls that might pass
//!   the length limit;
//! - [`plan`]: the superinstructions and the compile-time bound on growth;
//! - [`fuse`]: builds the plan from the lowered program (splices, stop-if, if-then-stop,
//!   match-then-stop);
//! - [`run`]: runs the plan: input borrowed until the first write, no per-step checks;
//! - [`noting`]: the stepwise program again, noting which transforms decided (`outcome`).

use std::cell::RefCell;

use regex_automata::util::primitives::NonMaxUsize;

use crate::error::ApplyError;
use crate::ops::{Instr, Lit, Program};

pub(crate) mod checked;
pub(crate) mod edits;
pub(crate) mod fuse;
pub(crate) mod noting;
pub(crate) mod plan;
pub(crate) mod run;
pub(crate) mod step;

pub(crate) use step::{holds, step};

/// What to do after a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flow {
    Next,
    /// A guard failed: continue at this program index.
    Jump(usize),
    Stop,
}

/// The step's result would pass the length limit (the caller knows which step it was).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooLong;

/// Per-thread working memory, reused across calls.
#[derive(Default)]
pub(crate) struct Scratch {
    pub(crate) buf: String,
    pub(crate) slots: Vec<Option<NonMaxUsize>>,
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
    pub(crate) fn fits(self, s: &str, added: usize) -> bool {
        s.len() + added <= self.limit || self.len(s) + added <= self.limit
    }

    /// Whether `s` with its prefix `removed` replaced by `added` is within the limit.
    #[inline]
    pub(crate) fn fits_replacing(self, s: &str, removed: &Lit, added: &Lit) -> bool {
        s.len() - removed.len() + added.chars <= self.limit
            || self.len(s) - removed.chars + added.chars <= self.limit
    }

    /// The length of `s` in characters.
    #[inline]
    pub(crate) fn len(self, s: &str) -> usize {
        if self.ascii {
            s.len()
        } else {
            s.chars().count()
        }
    }

    /// Byte offset of the `n`th character (the string's length if it is shorter).
    #[inline]
    pub(crate) fn offset_from_start(self, s: &str, n: usize) -> usize {
        if self.ascii {
            n.min(s.len())
        } else {
            s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)
        }
    }

    /// Byte offset where the last `n` characters start (0 if the string is shorter).
    #[inline]
    pub(crate) fn offset_from_end(self, s: &str, n: usize) -> usize {
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
    pub(crate) fn byte_budget(self) -> usize {
        if self.ascii {
            self.limit
        } else {
            self.limit.saturating_mul(4)
        }
    }
}

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
