//! Compilation: validated ops become programs. The step-by-step program keeps one
//! instruction per transform (for `trace` and exact error steps); the lowered program has
//! the same steps made cheaper (literal regexes become literal ops); the plan is what
//! `apply` runs (superinstructions, see `exec::fuse`).

use crate::char_class::CharClass;
use crate::error::ApplyError;
use crate::exec::plan::Plan;
use crate::exec::{checked, fuse, run};
use crate::ops::{Instr, Lit, Needle, Op, Program, Test};
use crate::regex_lowering::{Lowered, MAX_GROUPS};

/// The compiled forms of a pipeline, and the choice of which one runs a call.
#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    /// One instruction per transform, guard jumps by transform index.
    pub(crate) stepwise: Program,
    /// A cheaper equivalent program, step for step, when lowering found one.
    pub(crate) lowered: Option<Program>,
    /// Superinstructions over the lowered program, for calls that cannot pass the limit.
    pub(crate) plan: Plan,
}

impl Compiled {
    /// The lowered program (the stepwise one when nothing was lowered).
    #[inline]
    pub(crate) fn checked(&self) -> &Program {
        self.lowered.as_ref().unwrap_or(&self.stepwise)
    }

    /// Applies the pipeline to `input` under `limit`, leaving the result in `out`.
    ///
    /// A call whose input plus the plan's growth bound fits the limit runs the plan with
    /// no checks; others run the lowered program step by step, every length checked. Its
    /// steps are the transforms, so an error names the exact failing one.
    #[inline]
    pub(crate) fn run(
        &self,
        limit: usize,
        input: &str,
        out: &mut String,
    ) -> Result<(), ApplyError> {
        if self.plan.fits(input, limit) {
            run::run(&self.plan, self.checked(), input, out);
            Ok(())
        } else {
            checked::run(self.checked(), limit, input, out)
        }
    }

    /// [`run`](Self::run), the result left where it was made: a part of `input` when no
    /// op wrote (nothing copied), else a part of `out`.
    #[inline]
    pub(crate) fn run_view<'a>(
        &self,
        limit: usize,
        input: &'a str,
        out: &'a mut String,
    ) -> Result<&'a str, ApplyError> {
        if self.plan.fits(input, limit) {
            Ok(run::run_view(&self.plan, self.checked(), input, out))
        } else {
            checked::run(self.checked(), limit, input, out)?;
            Ok(out)
        }
    }
}

/// Builds every form from validated instructions (one per transform).
pub(crate) fn compile(instrs: Vec<Instr>) -> Compiled {
    let lowered = lower(&instrs).map(Program::new);
    let stepwise = Program::new(instrs);
    let plan = fuse::plan(lowered.as_ref().unwrap_or(&stepwise), &stepwise);
    Compiled {
        stepwise,
        lowered,
        plan,
    }
}

/// The same steps made cheaper, or `None` when there is nothing to gain. Each step does
/// exactly what its transform does, errors included.
fn lower(instrs: &[Instr]) -> Option<Vec<Instr>> {
    // Copied only from the first op that changes: most pipelines have none.
    let mut lowered: Option<Vec<Instr>> = None;
    for (at, instr) in instrs.iter().enumerate() {
        match (simplify(&instr.op), &mut lowered) {
            (Some(op), lowered) => {
                lowered
                    .get_or_insert_with(|| instrs[..at].to_vec())
                    .push(Instr {
                        index: instr.index,
                        kind: instr.kind,
                        op,
                    })
            }
            (None, Some(lowered)) => lowered.push(instr.clone()),
            (None, None) => {}
        }
    }
    lowered
}

/// A cheaper op with the same effect: no regex engine when the compiled regex says its
/// pattern allows it.
fn simplify(op: &Op) -> Option<Op> {
    match op {
        Op::RegexReplace {
            regex,
            template,
            max,
        } => match (regex.lowered()?, template.as_literal()) {
            (Lowered::Prefix(lit), Some(with)) => Some(Op::ReplacePrefix {
                from: Lit::new(lit),
                to: Lit::new(with),
            }),
            (Lowered::Anywhere(lit), Some(with)) => Some(Op::Replace {
                needle: Needle::new(lit),
                with: Lit::new(with),
                max: *max,
            }),
            // Removing every character of a class (runs or not) is remove_chars.
            (Lowered::ClassRun { class, .. }, Some("")) if *max == 0 => {
                Some(Op::RemoveChars(class.clone()))
            }
            (Lowered::ClassRun { class, runs }, Some(with)) if *max == 0 => {
                Some(Op::ClassReplace {
                    class: Box::new(class.clone()),
                    runs: *runs,
                    with: Lit::new(with),
                })
            }
            (Lowered::Fixed(pattern), _) if template.groups_needed <= MAX_GROUPS => {
                Some(Op::FixedReplace {
                    pattern: Box::new(pattern.clone()),
                    template: template.clone(),
                })
            }
            _ => None,
        },
        // Deleting every occurrence of one character is remove_chars (which can fuse with a
        // splice that follows).
        Op::Replace {
            needle,
            with,
            max: 0,
        } if with.chars == 0 && needle.lit.chars == 1 => {
            Some(Op::RemoveChars(CharClass::of_chars(&needle.lit.text)))
        }
        Op::Guard {
            test: Test::Regex(regex),
            skip_to,
        } => {
            let test = match regex.lowered()? {
                Lowered::Prefix(lit) => Test::Prefix(Lit::new(lit)),
                Lowered::Suffix(lit) => Test::Suffix(Lit::new(lit)),
                Lowered::Fixed(pattern) => Test::Fixed(Box::new(pattern.clone())),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exec::plan::Sup;
    use crate::wire::Transform;
    use crate::{Limits, Pipeline};
    use proptest::prelude::*;

    /// Every transform type, with operands that make the superinstructions' edge cases
    /// likely: strips longer than the string, non-ASCII text, guards over `stop`.
    fn transform() -> impl Strategy<Value = Transform> {
        let text = prop::sample::select(vec!["0", "00", "+", "+44", "1", "é", "9", "-"]);
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
            r"(\d)(\d)",
            "-",
            r"^00(\d+)$",
            r"^\+\d*$",
            r"^(é)([0-9é]{2,})()$",
            "^(1+)$",
        ]);
        let repl =
            prop::sample::select(vec!["", "+", "$0", "x", "é", "$$", "+44$1", r"\1", "$1$1"]);
        let guard = prop::sample::select(vec![
            ("if_prefix", "0"),
            ("if_prefix", "+"),
            ("if_suffix", "9"),
            ("if_pattern", "_0X."),
            ("if_pattern", "+[1-4]!"),
            ("if_length", "3-"),
            ("if_length", "-2"),
        ]);
        let edit = prop::sample::select(vec![
            ("strip_prefix", "0", ""),
            ("strip_suffix", "9", ""),
            ("replace_prefix", "00", "+"),
            ("replace_prefix", "0", "é00"),
            ("ensure_prefix", "+", ""),
            ("set", "é1", ""),
            ("set_if_empty", "00", ""),
            ("remove_chars", " -é", ""),
            ("digits_only", "", ""),
            ("mask", "+1XX", ""),
            ("mask", "XéX", ""),
            ("to_e164", "44", "0"),
            ("to_e164", "1", ""),
            ("from_e164", "44", "0"),
            ("replace", "-", ""),
            ("replace", "0", "00"),
        ]);
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
            (guard, 0i64..3).prop_map(|((t, v), n)| Transform::new(t).value(v).number(n)),
            (edit, 0i64..2).prop_map(|((t, v, w), n)| {
                let t = Transform::new(t).value(v).value2(w);
                if n > 0 {
                    t.number(10)
                } else {
                    t
                }
            }),
            Just(Transform::new("stop")),
            Just(Transform::new("stop")),
        ]
    }

    /// First-match rule tables: `if_regex R` over `regex_replace R`/`stop` (one search), or
    /// over another regex's replacement, or `if_prefix` over an edit, with an op after.
    fn rule_table() -> impl Strategy<Value = Vec<Transform>> {
        let regex = prop::sample::select(vec![
            r"^\+\d+$",
            r"^00(\d+)$",
            r"^0([1-9]\d{2})$",
            r"^0(\d*)$",
            r"^[+é](\d{2,})$",
            "^0",
            "0",
            "[^0-9]",
            "[^0-9]+",
            "9$",
            r"(\d)(\d)",
        ]);
        let repl = prop::sample::select(vec!["$0", "+$1", "+44$1", "", "x", "$2$1"]);
        let rule = (regex.clone(), regex, repl, any::<bool>()).prop_map(|(r, other, w, same)| {
            let target = if same { r } else { other };
            vec![
                Transform::new("if_regex").value(r).number(2),
                Transform::new("regex_replace").value(target).value2(w),
                Transform::new("stop"),
            ]
        });
        (prop::collection::vec(rule, 1..4), transform()).prop_map(|(rules, last)| {
            let mut all: Vec<Transform> = rules.into_iter().flatten().collect();
            all.push(last);
            all
        })
    }

    fn compiled(transforms: &[Transform], limits: &Limits) -> Option<Compiled> {
        crate::validate::validate(transforms, limits, &[])
            .ok()
            .map(compile)
    }

    /// The plan, run to a buffer and as a view, gives exactly the stepwise result (no
    /// length limit in play).
    fn plan_equals_stepwise(transforms: &[Transform], input: &str) -> Result<(), TestCaseError> {
        let Some(compiled) = compiled(transforms, &Limits::default()) else {
            return Ok(()); // e.g. a guard range past the end
        };
        let (mut fast, mut slow) = (String::new(), String::new());
        run::run(&compiled.plan, compiled.checked(), input, &mut fast);
        checked::run(&compiled.stepwise, usize::MAX, input, &mut slow).unwrap();
        // The view form, its buffer dirty from an earlier call.
        let mut buf = String::from("earlier result");
        let view = run::run_view(&compiled.plan, compiled.checked(), input, &mut buf);
        prop_assert_eq!(view, slow.as_str(), "{:#?}", compiled.plan.code);
        prop_assert_eq!(fast, slow, "{:#?}", compiled.plan.code);
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        /// The plan (every superinstruction and fusion) gives exactly the stepwise result,
        /// run whether or not the call fits, on inputs short and long, ASCII or not.
        #[test]
        fn plan_equals_stepwise_program(
            transforms in prop::collection::vec(transform(), 0..10),
            input in "[019+é٣ -]{0,12}",
        ) {
            plan_equals_stepwise(&transforms, &input)?;
        }

        /// Rule tables (match-then-stop, if-then-stop) give exactly the stepwise result.
        #[test]
        fn rule_tables_equal_stepwise_program(
            transforms in rule_table(),
            input in "[0129+é -]{0,12}",
        ) {
            plan_equals_stepwise(&transforms, &input)?;
        }

        /// remove_chars (or a one-character replace by nothing) then add/strip ops, fused
        /// into one pass, gives exactly the stepwise result: on the borrowed input or after an
        /// earlier write, with the removed characters anywhere, short inputs included.
        #[test]
        fn remove_then_splice_equals_stepwise_program(
            before in prop::sample::select(vec![None, Some(("replace_prefix", "0", "é-")), Some(("add_suffix", "-1", ""))]),
            remove in prop::sample::select(vec![("remove_chars", " -", ""), ("remove_chars", "é(", ""), ("replace", "-", "")]),
            splice in prop::collection::vec(prop_oneof![
                prop::sample::select(vec!["+44", "é", "-"]).prop_map(|v| Transform::new("add_prefix").value(v)),
                prop::sample::select(vec![";x", "é", "-"]).prop_map(|v| Transform::new("add_suffix").value(v)),
                (0i64..5).prop_map(|n| Transform::new("strip_digits_start").number(n)),
                (0i64..5).prop_map(|n| Transform::new("strip_digits_end").number(n)),
            ], 1..5),
            input in "[01é( -]{0,10}",
        ) {
            let mut transforms = Vec::new();
            if let Some((t, v, w)) = before {
                transforms.push(Transform::new(t).value(v).value2(w));
            }
            let (t, v, w) = remove;
            transforms.push(Transform::new(t).value(v).value2(w));
            transforms.extend(splice);
            plan_equals_stepwise(&transforms, &input)?;
        }

        /// Choosing between the plan and the checked path never changes a result, nor which
        /// step an error names.
        #[test]
        fn apply_equals_stepwise_program_under_a_limit(
            transforms in prop::collection::vec(transform(), 0..10),
            input in "[019+é٣ -]{0,12}",
            max_length in 4usize..16,
        ) {
            let limits = Limits { max_length, ..Limits::default() };
            let Some(compiled) = compiled(&transforms, &limits) else {
                return Ok(());
            };
            let (mut fast, mut slow) = (String::new(), String::new());
            let fast_result = compiled.run(max_length, &input, &mut fast);
            let slow_result = checked::run(&compiled.stepwise, max_length, &input, &mut slow);
            prop_assert_eq!(&fast_result, &slow_result);
            if slow_result.is_ok() {
                prop_assert_eq!(&fast, &slow);
            }
            let mut buf = String::from("earlier result");
            let view = compiled.run_view(max_length, &input, &mut buf);
            prop_assert_eq!(view, slow_result.clone().map(|()| slow.as_str()));
            let pipeline = Pipeline::builder().max_length(max_length).from_transforms(&transforms).unwrap();
            prop_assert_eq!(pipeline.apply(&input), slow_result.map(|()| slow));
        }
    }

    /// The plan, one line per superinstruction, edits and guards shown by their op.
    fn plan_of(json: &str) -> Vec<String> {
        let transforms: Vec<Transform> = serde_json::from_str(json).unwrap();
        let compiled = compiled(&transforms, &Limits::default()).unwrap();
        let op = |at: &u32| format!("{:?}", compiled.checked().instrs[*at as usize].op);
        let show = |sup: &Sup| match sup {
            Sup::Splice(s) => format!("{s:?}"),
            Sup::RemoveSplice(rs) => format!(
                "Remove {} then {:?}",
                op(&(rs.splice.steps.0 - 1)),
                rs.splice
            ),
            Sup::Edit(at) => format!("Edit {}", op(at)),
            Sup::Guard { at, skip_to } => format!("Guard {} skip_to {skip_to}", op(at)),
            Sup::StopIf(at) => format!("StopIf {}", op(at)),
            Sup::IfThenStop(at) => format!("IfThenStop {} then {}", op(at), op(&(at + 1))),
            Sup::MatchThenStop(at) => format!("MatchThenStop {} then {}", op(at), op(&(at + 1))),
            Sup::Stop => "Stop".into(),
        };
        compiled.plan.code.iter().map(show).collect()
    }

    #[test]
    fn a_literal_run_fuses_into_one_splice() {
        // Issue 12's 5-op pipeline: the `;x` added is stripped again.
        let code = plan_of(
            r#"[{"type": "replace", "value": "-", "value2": ""},
                {"type": "strip_digits_start", "number": 1},
                {"type": "add_prefix", "value": "+44"},
                {"type": "add_suffix", "value": ";x"},
                {"type": "strip_digits_end", "number": 2}]"#,
        );
        // The one-character replace by nothing is remove_chars, which joins the splice.
        assert_eq!(code.len(), 1, "{code:#?}");
        assert!(code[0].starts_with("Remove RemoveChars"), "{}", code[0]);
        assert!(
            code[0].ends_with(
                r#"then Splice { text: "+44", split: 3, front: 1, back: 0, steps: (1, 5) }"#
            ),
            "{}",
            code[0]
        );
    }

    #[test]
    fn guards_over_stop_become_stop_if_and_match_then_stop() {
        let code = plan_of(
            r#"[{"type": "if_prefix", "value": "+", "number": 1}, {"type": "stop"},
                {"type": "if_regex", "value": "^00", "number": 2},
                {"type": "regex_replace", "value": "^00", "value2": "+"}, {"type": "stop"},
                {"type": "if_length", "value": "-3", "number": 1},
                {"type": "add_prefix", "value": "1"},
                {"type": "to_e164", "value": "44", "value2": "0"}]"#,
        );
        assert_eq!(code.len(), 5, "{code:#?}");
        assert!(
            code[0].starts_with("StopIf Guard { test: Prefix"),
            "{}",
            code[0]
        );
        // A rule whose guard is its replacement's own regex: one search (here lowered to a
        // prefix test and a prefix replacement).
        assert!(
            code[1].starts_with("MatchThenStop Guard { test: Prefix")
                && code[1].contains("then ReplacePrefix"),
            "{}",
            code[1]
        );
        // A guard over an edit that does not stop stays a guard, its target renumbered.
        assert!(
            code[2].starts_with("Guard Guard { test: Length") && code[2].ends_with("skip_to 4"),
            "{}",
            code[2]
        );
        assert!(code[4].starts_with("Edit ToE164"), "{}", code[4]);
    }

    #[test]
    fn a_guard_over_another_edit_then_stop_is_if_then_stop() {
        let code = plan_of(
            r#"[{"type": "if_prefix", "value": "00", "number": 2},
                {"type": "replace_prefix", "value": "00", "value2": "+"}, {"type": "stop"},
                {"type": "add_prefix", "value": "+44"}]"#,
        );
        assert_eq!(code.len(), 2, "{code:#?}");
        assert!(
            code[0].starts_with("IfThenStop Guard { test: Prefix")
                && code[0].contains("then ReplacePrefix"),
            "{}",
            code[0]
        );
        assert!(code[1].starts_with("Edit Prepend"), "{}", code[1]);
    }

    #[test]
    fn a_jump_target_splits_a_run() {
        let code = plan_of(
            r#"[{"type": "add_prefix", "value": "1"},
                {"type": "if_prefix", "value": "9", "number": 1},
                {"type": "add_prefix", "value": "2"},
                {"type": "add_prefix", "value": "3"}]"#,
        );
        assert_eq!(code.len(), 4, "{code:#?}");
    }

    #[test]
    fn growth_is_bounded_where_the_ops_allow() {
        let growth = |json: &str| {
            let transforms: Vec<Transform> = serde_json::from_str(json).unwrap();
            compiled(&transforms, &Limits::default())
                .unwrap()
                .plan
                .growth
        };
        // `+44` added, `;x` added: 5 characters at most.
        assert_eq!(
            growth(
                r#"[{"type": "add_prefix", "value": "+44"}, {"type": "add_suffix", "value": ";x"}]"#
            ),
            Some(5)
        );
        // An anchored regex matches once: its template's literal text at most.
        assert_eq!(
            growth(r#"[{"type": "regex_replace", "value": "^0(\\d+)$", "value2": "+44$1"}]"#),
            Some(3)
        );
        // `to_e164` adds `+` and the country code at most.
        assert_eq!(
            growth(r#"[{"type": "to_e164", "value": "44", "value2": "0"}]"#),
            Some(3)
        );
        // Every `1` becoming `one`, or a group twice: no bound.
        assert_eq!(
            growth(r#"[{"type": "replace", "value": "1", "value2": "one"}]"#),
            None
        );
        assert_eq!(
            growth(r#"[{"type": "regex_replace", "value": "^(\\d+)", "value2": "$1$1"}]"#),
            None
        );
    }
}
