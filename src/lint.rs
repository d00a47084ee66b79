//! The linter: warnings that do not stop a configuration from compiling (docs/spec.md §6.4).

use std::fmt;

use serde::Serialize;

use crate::error::Field;
use crate::kind::{FieldUse, Kind};
use crate::validate::governed;
use crate::wire::Transform;

/// Which lint fired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LintCode {
    /// A field the type does not use holds a real value (it is ignored).
    UnusedField,
    /// The transform can never change the number.
    NoOp,
    /// The transform comes after an unconditional `stop` and never runs.
    Unreachable,
    /// The transform undoes the one before it (e.g. a prefix added and then stripped).
    CancelsOut,
    /// The transform's effect is always thrown away by an unconditional `set` after it.
    Overwritten,
    /// A regex repeats the `^` anchor (`^+1`, `^*`, `^?`): the crate reads `^+` as "one or more
    /// start anchors", so it never matches a literal `+` (write `^\+`).
    RepeatedAnchor,
}

impl LintCode {
    /// The code as written in JSON, e.g. `unused_field`.
    pub fn as_str(self) -> &'static str {
        match self {
            LintCode::UnusedField => "unused_field",
            LintCode::NoOp => "no_op",
            LintCode::Unreachable => "unreachable",
            LintCode::CancelsOut => "cancels_out",
            LintCode::Overwritten => "overwritten",
            LintCode::RepeatedAnchor => "repeated_anchor",
        }
    }
}

/// One warning about one transform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lint {
    /// The transform's 0-based index.
    pub index: usize,
    /// Which lint.
    pub code: LintCode,
    /// The field concerned, if one is.
    pub field: Option<Field>,
    /// What is suspicious and what to do about it.
    pub message: String,
}

impl fmt::Display for Lint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "transform {}", self.index + 1)?;
        if let Some(field) = self.field {
            write!(f, ", field `{field}`")?;
        }
        write!(f, ": {} [{}]", self.message, self.code.as_str())
    }
}

/// Lints a list of transforms; types that do not exist are passed over.
pub(crate) fn lint(transforms: &[Transform]) -> Vec<Lint> {
    let mut lints = Vec::new();
    let kinds: Vec<Option<Kind>> = transforms
        .iter()
        .map(|t| Kind::from_name(&t.kind))
        .collect();
    // depth[i]: how many guard ranges contain transform i; ends_here[i]: a range ends at i.
    let mut depth = vec![0usize; transforms.len()];
    let mut range_ends_at = vec![false; transforms.len()];
    for (i, t) in transforms.iter().enumerate() {
        if kinds[i].is_some_and(Kind::is_guard) {
            let end = (i + governed(t)).min(transforms.len().saturating_sub(1));
            for d in &mut depth[i + 1..=end.max(i)] {
                *d += 1;
            }
            range_ends_at[end] = true;
        }
    }
    let mut push = |index, code, field, message: String| {
        lints.push(Lint {
            index,
            code,
            field,
            message,
        })
    };
    let mut stopped_at: Option<usize> = None;
    for (i, t) in transforms.iter().enumerate() {
        let Some(kind) = kinds[i] else { continue };
        if let Some(stop) = stopped_at {
            push(
                i,
                LintCode::Unreachable,
                None,
                format!(
                    "never runs: transform {} always stops the pipeline",
                    stop + 1
                ),
            );
        }
        if kind == Kind::Stop && depth[i] == 0 && stopped_at.is_none() {
            stopped_at = Some(i);
        }
        unused_fields(i, t, kind, &mut push);
        if matches!(kind, Kind::RegexReplace | Kind::IfRegex) {
            if let Some(message) = repeated_anchor(t.value_str()) {
                push(i, LintCode::RepeatedAnchor, Some(Field::Value), message);
            }
        }
        if let Some(message) = no_op(t, kind) {
            push(i, LintCode::NoOp, None, message);
        }
        // A pair i, i+1 runs together when neither is a guard and no range ends at i.
        if let (Some(next), Some(Some(next_kind))) = (transforms.get(i + 1), kinds.get(i + 1)) {
            let together = !kind.is_guard() && !next_kind.is_guard() && !range_ends_at[i];
            if together {
                if let Some(message) = cancels_out(t, kind, next, *next_kind) {
                    push(i + 1, LintCode::CancelsOut, None, message);
                }
                if *next_kind == Kind::Set && kind != Kind::Stop {
                    push(
                        i,
                        LintCode::Overwritten,
                        None,
                        format!(
                            "its result is always replaced by the `set` at transform {}",
                            i + 2
                        ),
                    );
                }
            }
        }
    }
    lints
}

fn unused_fields(
    i: usize,
    t: &Transform,
    kind: Kind,
    push: &mut impl FnMut(usize, LintCode, Option<Field>, String),
) {
    let info = kind.info();
    let name = info.name;
    if info.value.usage == FieldUse::Unused && !t.value_str().is_empty() {
        push(
            i,
            LintCode::UnusedField,
            Some(Field::Value),
            format!(
                "`{name}` does not use `value`; {:?} is ignored",
                t.value_str()
            ),
        );
    }
    if info.value2.usage == FieldUse::Unused && !t.value2_str().is_empty() {
        push(
            i,
            LintCode::UnusedField,
            Some(Field::Value2),
            format!(
                "`{name}` does not use `value2`; {:?} is ignored",
                t.value2_str()
            ),
        );
    }
    if info.number.usage == FieldUse::Unused {
        if let Some(n) = t.number.filter(|&n| n != 0) {
            push(
                i,
                LintCode::UnusedField,
                Some(Field::Number),
                format!("`{name}` does not use `number`; {n} is ignored"),
            );
        }
    }
}

fn no_op(t: &Transform, kind: Kind) -> Option<String> {
    let (v, v2) = (t.value_str(), t.value2_str());
    match kind {
        Kind::StripDigitsStart | Kind::StripDigitsEnd if t.number == Some(0) => {
            Some("strips 0 characters, so it changes nothing".into())
        }
        Kind::Replace | Kind::ReplacePrefix if !v.is_empty() && v == v2 => {
            Some(format!("replaces {v:?} by itself, so it changes nothing"))
        }
        _ => None,
    }
}

/// The `repeated_anchor` message for a regex with `+`, `*` or `?` right after `^`, if it has
/// one; a regex that does not parse is passed over (validation reports it).
fn repeated_anchor(pattern: &str) -> Option<String> {
    use regex_syntax::ast::{self, AssertionKind, Ast, RepetitionKind};

    /// Finds the first `^` with `+`, `*` or `?` on it, anywhere in the tree.
    struct Find(Option<char>);
    impl ast::Visitor for Find {
        type Output = Option<char>;
        type Err = ();
        fn finish(self) -> Result<Option<char>, ()> {
            Ok(self.0)
        }
        fn visit_pre(&mut self, tree: &Ast) -> Result<(), ()> {
            let Ast::Repetition(rep) = tree else {
                return Ok(());
            };
            let anchor =
                matches!(&*rep.ast, Ast::Assertion(a) if a.kind == AssertionKind::StartLine);
            let op = match rep.op.kind {
                RepetitionKind::OneOrMore => '+',
                RepetitionKind::ZeroOrMore => '*',
                RepetitionKind::ZeroOrOne => '?',
                RepetitionKind::Range(_) => return Ok(()),
            };
            if anchor && self.0.is_none() {
                self.0 = Some(op);
            }
            Ok(())
        }
    }
    let tree = ast::parse::Parser::new().parse(pattern).ok()?;
    let op = ast::visit(&tree, Find(None)).ok()??;
    Some(format!(
        "`^{op}` repeats the start anchor `^`, so it never matches a literal `{op}`; \
         write `^\\{op}` to match a leading `{op}`"
    ))
}

fn cancels_out(a: &Transform, a_kind: Kind, b: &Transform, b_kind: Kind) -> Option<String> {
    let (av, bv) = (a.value_str(), b.value_str());
    let n = b.number.unwrap_or(-1);
    let cancels = match (a_kind, b_kind) {
        (Kind::AddPrefix, Kind::StripPrefix) | (Kind::AddSuffix, Kind::StripSuffix) => {
            av == bv && !av.is_empty()
        }
        (Kind::AddPrefix, Kind::StripDigitsStart) | (Kind::AddSuffix, Kind::StripDigitsEnd) => {
            !av.is_empty() && av.chars().count() as i64 == n
        }
        _ => false,
    };
    cancels.then(|| {
        format!(
            "undoes the `{}` of {av:?} just before it; remove both",
            a_kind.name()
        )
    })
}
