//! Compilation: validated ops become programs. The step-by-step program keeps one
//! instruction per transform (for `trace` and exact error steps); the lowered program is
//! what `apply` runs: literal regexes become literal ops, adjacent literal edits fuse.

use crate::ops::{Instr, Lit, Needle, Op, Program, Test};
use crate::regex_lowering::{analyse, Lowered, MAX_GROUPS};
use crate::wire::Transform;

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

/// Builds both programs from validated instructions (one per transform, as `transforms`).
pub(crate) fn compile(instrs: Vec<Instr>, transforms: &[Transform]) -> Compiled {
    let lowered = lower(&instrs, transforms);
    Compiled {
        stepwise: Program::new(instrs),
        lowered: lowered.map(Program::new),
    }
}

/// A cheaper program with the same results, or `None` when there is nothing to gain.
///
/// Apply errors may name a different step in the lowered program (fused steps share an
/// index); the pipeline re-runs the step-by-step program to name the exact one.
fn lower(instrs: &[Instr], transforms: &[Transform]) -> Option<Vec<Instr>> {
    let mut changed = false;
    let mut simplified: Vec<Instr> = instrs
        .iter()
        .map(
            |instr| match simplify(&instr.op, transforms[instr.index].value_str()) {
                Some(op) => {
                    changed = true;
                    Instr {
                        op,
                        ..instr.clone()
                    }
                }
                None => instr.clone(),
            },
        )
        .collect();
    changed |= fuse(&mut simplified);
    changed.then_some(simplified)
}

/// An op that runs without a regex engine, for an op whose regex (`pattern`) allows it.
fn simplify(op: &Op, pattern: &str) -> Option<Op> {
    match op {
        Op::RegexReplace { template, max, .. } => {
            match (analyse(pattern)?, template.as_literal()) {
                (Lowered::Prefix(lit), Some(with)) => Some(Op::ReplacePrefix {
                    from: Lit::new(&lit),
                    to: Lit::new(with),
                }),
                (Lowered::Anywhere(lit), Some(with)) => Some(Op::Replace {
                    needle: Needle::new(&lit),
                    with: Lit::new(with),
                    max: *max,
                }),
                (Lowered::ClassRun { class, runs }, Some(with)) if *max == 0 => {
                    Some(Op::ClassReplace {
                        class: Box::new(class),
                        runs,
                        with: Lit::new(with),
                    })
                }
                (Lowered::Fixed(pattern), _) if template.groups_needed <= MAX_GROUPS => {
                    Some(Op::FixedReplace {
                        pattern: Box::new(pattern),
                        template: template.clone(),
                    })
                }
                _ => None,
            }
        }
        Op::Guard {
            test: Test::Regex(_),
            skip_to,
        } => {
            let test = match analyse(pattern)? {
                Lowered::Prefix(lit) => Test::Prefix(Lit::new(&lit)),
                Lowered::Suffix(lit) => Test::Suffix(Lit::new(&lit)),
                Lowered::Fixed(pattern) => Test::Fixed(Box::new(pattern)),
                _ => return None,
            };
            Some(Op::Guard {
                test,
                skip_to: *skip_to,
            })
        }
        _ => None,
    }
}

/// Fuses adjacent literal edits in place; returns whether anything fused.
///
/// Two instructions fuse only when no guard jumps to the second (so both always run
/// together); guard targets are renumbered afterwards.
fn fuse(instrs: &mut Vec<Instr>) -> bool {
    let targets: Vec<usize> = instrs
        .iter()
        .filter_map(|i| match i.op {
            Op::Guard { skip_to, .. } => Some(skip_to),
            _ => None,
        })
        .collect();
    // new_index[old] = position in the fused program.
    let mut new_index = Vec::with_capacity(instrs.len() + 1);
    let mut out: Vec<Instr> = Vec::with_capacity(instrs.len());
    for (old, instr) in instrs.drain(..).enumerate() {
        let joinable = !targets.contains(&old);
        let fused = match (out.last_mut(), &instr.op) {
            (Some(prev), op) if joinable => fuse_pair(&prev.op, op).map(|f| prev.op = f),
            _ => None,
        };
        if fused.is_some() {
            new_index.push(out.len() - 1);
        } else {
            new_index.push(out.len());
            out.push(instr);
        }
    }
    new_index.push(out.len());
    let changed = out.len() != new_index.len() - 1;
    for instr in &mut out {
        if let Op::Guard { skip_to, .. } = &mut instr.op {
            *skip_to = new_index[*skip_to];
        }
    }
    *instrs = out;
    changed
}

/// One op doing the work of `a` then `b`, when exactly equivalent.
fn fuse_pair(a: &Op, b: &Op) -> Option<Op> {
    let join = |x: &Lit, y: &Lit| Lit::new(&format!("{}{}", x.as_str(), y.as_str()));
    Some(match (a, b) {
        (Op::Prepend(x), Op::Prepend(y)) => Op::Prepend(join(y, x)),
        (Op::Append(x), Op::Append(y)) => Op::Append(join(x, y)),
        (Op::StripStart(x), Op::StripStart(y)) => Op::StripStart(x.saturating_add(*y)),
        (Op::StripEnd(x), Op::StripEnd(y)) => Op::StripEnd(x.saturating_add(*y)),
        (Op::KeepStart(x), Op::KeepStart(y)) => Op::KeepStart(*x.min(y)),
        (Op::KeepEnd(x), Op::KeepEnd(y)) => Op::KeepEnd(*x.min(y)),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{exec, Limits, Pipeline};
    use proptest::prelude::*;

    fn transform() -> impl Strategy<Value = Transform> {
        let text = prop::sample::select(vec!["0", "00", "+", "+44", "1", "é", "9"]);
        let regex = prop::sample::select(vec![
            "^00",
            r"^\+44",
            "0$",
            "00",
            "1",
            "^0(1)",
            "é",
            "^é",
            r"\d$",
            "^",
            "[^0-9+]",
            r"\D+",
            "[é0]+",
            "^0([1-9][0-9]{2})$",
            r"^(\d)(é)\d$",
            "^1$",
            "(?i)^e$",
            r"^(\d)(\d)$",
        ]);
        let repl = prop::sample::select(vec!["", "+", "$0", "x", "é", "$$", "+44$1", r"\1"]);
        prop_oneof![
            text.clone()
                .prop_map(|v| Transform::new("add_prefix").value(v)),
            text.clone()
                .prop_map(|v| Transform::new("add_suffix").value(v)),
            (0i64..4).prop_map(|n| Transform::new("strip_digits_start").number(n)),
            (0i64..4).prop_map(|n| Transform::new("strip_digits_end").number(n)),
            (0i64..6).prop_map(|n| Transform::new("keep_digits_start").number(n)),
            (0i64..6).prop_map(|n| Transform::new("keep_digits_end").number(n)),
            (regex.clone(), repl, 0i64..3)
                .prop_map(|(r, w, n)| Transform::new("regex_replace").value(r).value2(w).number(n)),
            (regex, 0i64..3).prop_map(|(r, n)| Transform::new("if_regex").value(r).number(n)),
            (text, 0i64..3).prop_map(|(v, n)| Transform::new("if_prefix").value(v).number(n)),
            Just(Transform::new("stop")),
        ]
    }

    proptest! {
        /// Lowering never changes a result, nor which step an error names.
        #[test]
        fn lowered_program_equals_stepwise_program(
            transforms in prop::collection::vec(transform(), 0..10),
            input in "[019+é]{0,10}",
            max_length in 4usize..16,
        ) {
            let limits = Limits { max_length, ..Limits::default() };
            let Ok(instrs) = crate::validate::validate(&transforms, &limits, &[]) else {
                return Ok(()); // e.g. a guard range past the end
            };
            let compiled = compile(instrs, &transforms);
            let (mut fast, mut slow) = (String::new(), String::new());
            let fast_result = exec::run(compiled.fast(), max_length, &input, &mut fast);
            let slow_result = exec::run(&compiled.stepwise, max_length, &input, &mut slow);
            prop_assert_eq!(fast_result.is_ok(), slow_result.is_ok());
            if slow_result.is_ok() {
                prop_assert_eq!(&fast, &slow);
            }
            let pipeline = Pipeline::builder().max_length(max_length).from_transforms(&transforms).unwrap();
            prop_assert_eq!(pipeline.apply(&input), slow_result.map(|()| slow));
        }
    }

    #[test]
    fn literal_regexes_and_adjacent_edits_are_lowered() {
        let transforms = [
            Transform::new("add_prefix").value("1"),
            Transform::new("add_prefix").value("2"),
            Transform::new("if_regex").value("^21").number(1),
            Transform::new("regex_replace").value("^00").value2("+"),
            Transform::new("strip_digits_end").number(1),
            Transform::new("strip_digits_end").number(1),
        ];
        let instrs = crate::validate::validate(&transforms, &Limits::default(), &[]).unwrap();
        let compiled = compile(instrs, &transforms);
        let ops: Vec<String> = compiled
            .fast()
            .instrs
            .iter()
            .map(|i| format!("{:?}", i.op))
            .collect();
        assert_eq!(ops.len(), 4, "{ops:#?}");
        assert!(
            ops[0].starts_with("Prepend") && ops[0].contains("\"21\""),
            "{}",
            ops[0]
        );
        assert!(ops[1].contains("Prefix"), "{}", ops[1]);
        assert!(ops[2].starts_with("ReplacePrefix"), "{}", ops[2]);
        assert!(ops[3].starts_with("StripEnd(2)"), "{}", ops[3]);
        // The guard skips to the instruction after the fused strips: the end.
        assert!(matches!(
            compiled.fast().instrs[1].op,
            Op::Guard { skip_to: 3, .. }
        ));
    }
}
