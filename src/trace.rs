//! `trace`: what every transform did to one number, step by step (beside the executor's hot
//! loop, using the same step function).

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::error::ApplyError;
use crate::exec::{self, Ctx, Flow};
use crate::ops::{Op, Program};

/// What one transform did during a trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum StepStatus {
    /// It ran and changed the number.
    Changed,
    /// It ran and left the number as it was.
    Unchanged,
    /// A guard before it failed, so it did not run.
    Skipped,
    /// A guard whose test held: the transforms it governs run.
    GuardHeld,
    /// A guard whose test failed: the transforms it governs are skipped.
    GuardFailed,
    /// A `stop` that ended the pipeline.
    Stopped,
    /// The pipeline had already stopped (or failed) before this transform.
    NotReached,
    /// This transform hit the length limit; the pipeline failed here.
    Error,
}

impl StepStatus {
    /// The status as a snake_case word, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            StepStatus::Changed => "changed",
            StepStatus::Unchanged => "unchanged",
            StepStatus::Skipped => "skipped",
            StepStatus::GuardHeld => "guard_held",
            StepStatus::GuardFailed => "guard_failed",
            StepStatus::Stopped => "stopped",
            StepStatus::NotReached => "not_reached",
            StepStatus::Error => "error",
        }
    }
}

/// One row of a trace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TraceStep {
    /// The transform's 0-based index.
    pub index: usize,
    /// The transform's type.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The number before this transform.
    pub before: String,
    /// The number after it (equal to `before` unless it changed).
    pub after: String,
    /// What it did.
    pub status: StepStatus,
}

/// The trace of one number through a pipeline: a row per transform, then the outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trace {
    /// The number traced.
    pub input: String,
    /// One row per transform, in order.
    pub steps: Vec<TraceStep>,
    /// The result, exactly as [`Pipeline::apply`](crate::Pipeline::apply) gives it.
    pub result: Result<String, ApplyError>,
}

impl Serialize for Trace {
    /// `{"input": ..., "steps": [...], "output": ...}` or `... "error": ..., "step": ...}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("input", &self.input)?;
        map.serialize_entry("steps", &self.steps)?;
        match &self.result {
            Ok(output) => map.serialize_entry("output", output)?,
            Err(e) => {
                map.serialize_entry("error", &e.to_string())?;
                map.serialize_entry("step", &e.step())?;
            }
        }
        map.end()
    }
}

/// Traces `input` through a program with one instruction per transform.
pub(crate) fn trace(program: &Program, limit: usize, input: &str) -> Trace {
    let instrs = &program.instrs;
    let mut steps = Vec::with_capacity(instrs.len());
    let row = |i: usize, before: &str, after: &str, status| TraceStep {
        index: instrs[i].index,
        kind: instrs[i].kind.name(),
        before: before.to_string(),
        after: after.to_string(),
        status,
    };
    let ctx = match Ctx::for_input(program, input, limit) {
        Ok(ctx) => ctx,
        Err(e) => {
            steps.extend((0..instrs.len()).map(|i| row(i, input, input, StepStatus::NotReached)));
            return Trace {
                input: input.to_string(),
                steps,
                result: Err(e),
            };
        }
    };
    let mut current = input.to_string();
    let mut skip_to = 0;
    let mut ended: Option<Result<(), ApplyError>> = None;
    exec::with_scratch(|scratch| {
        for (i, instr) in instrs.iter().enumerate() {
            if ended.is_some() {
                steps.push(row(i, &current, &current, StepStatus::NotReached));
                continue;
            }
            if i < skip_to {
                steps.push(row(i, &current, &current, StepStatus::Skipped));
                continue;
            }
            let before = current.clone();
            let status = match exec::step(instr, &mut current, scratch, ctx) {
                Ok(Flow::Next) if matches!(instr.op, Op::Guard { .. }) => StepStatus::GuardHeld,
                Ok(Flow::Next) if before == current => StepStatus::Unchanged,
                Ok(Flow::Next) => StepStatus::Changed,
                Ok(Flow::Jump(to)) => {
                    skip_to = skip_to.max(to);
                    StepStatus::GuardFailed
                }
                Ok(Flow::Stop) => {
                    ended = Some(Ok(()));
                    StepStatus::Stopped
                }
                Err(exec::TooLong) => {
                    current.clone_from(&before);
                    ended = Some(Err(instr.too_long(ctx.limit)));
                    StepStatus::Error
                }
            };
            steps.push(row(i, &before, &current, status));
        }
    });
    let result = match ended {
        Some(Err(e)) => Err(e),
        _ => Ok(current),
    };
    Trace {
        input: input.to_string(),
        steps,
        result,
    }
}
