//! Builds the plan from the lowered program: runs of add/strip ops fuse into one splice, a
//! guard over `stop` becomes stop-if, a guard over one edit and `stop` becomes if-then-stop,
//! remove_chars before a splice joins it.
//!
//! Ops fuse only when no guard jumps between them (so they always run together); guard
//! targets are renumbered afterwards.

use std::sync::Arc;

#[cfg(not(target_arch = "wasm32"))]
use super::plan::RemoveSplice;
use super::plan::{growth_bound, Plan, Splice, Sup};
use crate::ops::{Instr, Op, Program, Test};

/// The plan for `program` (the lowered program: one instruction per transform), whose
/// unlowered form is `stepwise`.
pub(crate) fn plan(program: &Program, stepwise: &Program) -> Plan {
    let instrs = &program.instrs[..];
    let is_target = {
        let mut targets = vec![false; instrs.len() + 1];
        for i in instrs {
            if let Op::Guard { skip_to, .. } = i.op {
                targets[skip_to] = true;
            }
        }
        move |at: usize| targets[at]
    };
    let is_stop = |at: usize| matches!(instrs.get(at).map(|i| &i.op), Some(Op::Stop));
    // The end of the run of add/strip ops from `at`, which no guard jumps into.
    let run_end = |mut at: usize| {
        while at < instrs.len() && splices(&instrs[at].op) && !is_target(at) {
            at += 1;
        }
        at
    };
    let mut code = Vec::with_capacity(instrs.len());
    // new_index[old] = the plan index of the superinstruction that starts at `old`.
    let mut new_index = vec![0; instrs.len() + 1];
    let mut at = 0;
    while at < instrs.len() {
        let start = at;
        let sup = match &instrs[at].op {
            Op::Guard { skip_to, .. } => {
                let edit = |at: usize| {
                    instrs
                        .get(at)
                        .is_some_and(|i| !matches!(i.op, Op::Guard { .. } | Op::Stop))
                };
                if *skip_to == at + 2 && is_stop(at + 1) && !is_target(at + 1) {
                    at += 2;
                    Sup::StopIf(index(start))
                } else if *skip_to == at + 3
                    && edit(at + 1)
                    && is_stop(at + 2)
                    && !is_target(at + 1)
                    && !is_target(at + 2)
                {
                    at += 3;
                    if same_match(stepwise, start) && matches_itself(&instrs[start + 1].op) {
                        Sup::MatchThenStop(index(start))
                    } else {
                        Sup::IfThenStop(index(start))
                    }
                } else {
                    at += 1;
                    Sup::Guard {
                        at: index(start),
                        skip_to: index(*skip_to),
                    }
                }
            }
            // remove_chars right before a splice run: one pass does both.
            #[cfg(not(target_arch = "wasm32"))]
            Op::RemoveChars(class)
                if instrs.get(at + 1).is_some_and(|i| splices(&i.op)) && !is_target(at + 1) =>
            {
                let run = at + 1;
                at = run_end(run);
                Sup::RemoveSplice(Box::new(RemoveSplice {
                    class: class.clone(),
                    splice: splice(instrs, run..at),
                }))
            }
            op if splices(op) => {
                at = run_end(at + 1);
                // A lone op stays itself, unless it is the whole program: then the
                // runner's one-splice path takes it.
                if at - start == 1 && instrs.len() > 1 {
                    single(instrs, start)
                } else {
                    Sup::Splice(Box::new(splice(instrs, start..at)))
                }
            }
            _ => {
                at += 1;
                single(instrs, start)
            }
        };
        for slot in &mut new_index[start..at] {
            *slot = code.len();
        }
        code.push(sup);
    }
    new_index[instrs.len()] = code.len();
    for sup in &mut code {
        if let Sup::Guard { skip_to, .. } = sup {
            *skip_to = index(new_index[*skip_to as usize]);
        }
    }
    Plan {
        code: code.into_boxed_slice(),
        growth: growth_bound(program),
        ascii_paths: program.counts_positions && program.ascii_safe,
    }
}

/// Whether `op` can join a splice.
fn splices(op: &Op) -> bool {
    matches!(
        op,
        Op::Prepend(_) | Op::Append(_) | Op::StripStart(_) | Op::StripEnd(_)
    )
}

/// A program index as stored in the plan (validation caps programs far below `u32::MAX`).
fn index(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

/// The superinstruction for the one non-guard op at `at`.
fn single(instrs: &[Instr], at: usize) -> Sup {
    match &instrs[at].op {
        Op::Stop => Sup::Stop,
        _ => Sup::Edit(index(at)),
    }
}

/// Whether the guard at `at` is `if_regex R` and the op after it `regex_replace R` (the
/// same compiled regex): the guard holds exactly when the replacement finds a match.
fn same_match(stepwise: &Program, at: usize) -> bool {
    match (
        stepwise.instrs.get(at).map(|i| &i.op),
        stepwise.instrs.get(at + 1).map(|i| &i.op),
    ) {
        (
            Some(Op::Guard {
                test: Test::Regex(guard),
                ..
            }),
            Some(Op::RegexReplace { regex, .. }),
        ) => Arc::ptr_eq(guard, regex), // compiled regexes are shared by pattern
        _ => false,
    }
}

/// Whether the runner can tell if `op` (a lowered `regex_replace`) found a match.
fn matches_itself(op: &Op) -> bool {
    matches!(
        op,
        Op::RegexReplace { .. }
            | Op::ReplacePrefix { .. }
            | Op::Replace { .. }
            | Op::RemoveChars(_)
            | Op::ClassReplace { .. }
            | Op::FixedReplace { .. }
    )
}

/// One splice doing the work of `run` (add/strip ops only), on strings long enough.
///
/// The string is tracked as `prefix + window + suffix`, the window being the original
/// string less `front` characters at its start and `back` at its end. A strip eats into
/// the prefix (or suffix) first, then into the window; it is exact while the window is not
/// used up, which the splice checks at run time (`front + back` characters at least).
fn splice(instrs: &[Instr], run: std::ops::Range<usize>) -> Splice {
    let (mut prefix, mut suffix) = (String::new(), String::new());
    let (mut front, mut back) = (0usize, 0usize);
    for instr in &instrs[run.clone()] {
        match &instr.op {
            Op::Prepend(l) => prefix.insert_str(0, l.as_str()),
            Op::Append(l) => suffix.push_str(l.as_str()),
            Op::StripStart(n) => {
                let chars = prefix.chars().count();
                if *n <= chars {
                    prefix.drain(
                        ..prefix
                            .char_indices()
                            .nth(*n)
                            .map_or(prefix.len(), |(i, _)| i),
                    );
                } else {
                    prefix.clear();
                    front = front.saturating_add(n - chars);
                }
            }
            Op::StripEnd(n) => {
                let chars = suffix.chars().count();
                if *n <= chars {
                    let keep = suffix
                        .char_indices()
                        .nth(chars - n)
                        .map_or(suffix.len(), |(i, _)| i);
                    suffix.truncate(keep);
                } else {
                    suffix.clear();
                    back = back.saturating_add(n - chars);
                }
            }
            _ => debug_assert!(false, "only add and strip ops splice"),
        }
    }
    let split = index(prefix.len());
    prefix.push_str(&suffix);
    Splice {
        text: prefix.into(),
        split,
        front: index(front),
        back: index(back),
        steps: (index(run.start), index(run.end)),
    }
}
