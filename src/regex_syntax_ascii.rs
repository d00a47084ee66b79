//! Reading a user regex (docs/spec.md §4.1.1): the `regex` crate's syntax, except that `\d`, `\w`,
//! `\s` and the word boundaries are ASCII-only wherever they appear, done on the parsed syntax
//! tree (never on the pattern's text) before it is translated to the HIR the engine compiles.
//!
//! - `\d`, `\s`, `\w` (and `\D`, `\S`, `\W`), at top level or inside a set such as `[\d+]`,
//!   become the nested set `[[:digit:]]`, `[[:space:]]`, `[[:word:]]` (negated: `[^[:word:]]`).
//!   So `\d` is exactly `[0-9]`, `\w` `[0-9A-Za-z_]`, `\s` `[\t\n\v\f\r ]`, and a negated class
//!   is always the exact complement of its positive one, under any flags; with `(?i)` they behave
//!   as those sets written out do (`(?i)\w` also matches `K` U+212A and `ſ` U+017F, the two
//!   non-ASCII characters whose case folds are ASCII letters).
//! - `\b`, `\B`, `\b{start}`, `\b{end}`, `\<`, `\>`, `\b{start-half}`, `\b{end-half}` are wrapped
//!   in `(?-u:...)`, the crate's own ASCII word boundary.
//! - Everything else (`.`, `[^...]`, `\p{...}`, `[[:alpha:]]`, flags) is left as it is.

use regex_syntax::ast::{
    self, parse::ParserBuilder, Ast, ClassAscii, ClassAsciiKind, ClassBracketed, ClassPerl,
    ClassPerlKind, ClassSet, ClassSetItem,
};
use regex_syntax::hir::{translate::TranslatorBuilder, Hir};

/// Most nesting (groups, classes, repetitions) a regex may have: as deep as the `regex` crate
/// allows by default, and a bound on every recursive walk of the tree.
const NEST_LIMIT: u32 = 250;

/// Parses `pattern` with the engine's regex rules (ASCII perl classes and word boundaries).
///
/// The error is the `regex` crate's own message, pointing into `pattern`.
pub(crate) fn parse(pattern: &str) -> Result<Hir, String> {
    let mut tree = ParserBuilder::new()
        .nest_limit(NEST_LIMIT)
        .build()
        .parse(pattern)
        .map_err(|e| regex_syntax::Error::from(e).to_string())?;
    make_ascii(&mut tree);
    TranslatorBuilder::new()
        .build()
        .translate(pattern, &tree)
        .map_err(|e| regex_syntax::Error::from(e).to_string())
}

/// Rewrites every perl class and word boundary in `tree` to its ASCII form.
fn make_ascii(tree: &mut Ast) {
    match tree {
        Ast::ClassPerl(perl) => {
            let span = perl.span;
            *tree = Ast::class_bracketed(ascii_set(perl));
            debug_assert_eq!(*tree.span(), span);
        }
        Ast::Assertion(assertion) if is_word_boundary(&assertion.kind) => {
            let span = assertion.span;
            let inner = std::mem::replace(tree, Ast::empty(span));
            *tree = Ast::group(ast::Group {
                span,
                kind: ast::GroupKind::NonCapturing(ast::Flags {
                    span,
                    items: vec![
                        ast::FlagsItem {
                            span,
                            kind: ast::FlagsItemKind::Negation,
                        },
                        ast::FlagsItem {
                            span,
                            kind: ast::FlagsItemKind::Flag(ast::Flag::Unicode),
                        },
                    ],
                }),
                ast: Box::new(inner),
            });
        }
        Ast::ClassBracketed(class) => make_set_ascii(&mut class.kind),
        Ast::Repetition(rep) => make_ascii(&mut rep.ast),
        Ast::Group(group) => make_ascii(&mut group.ast),
        Ast::Alternation(alt) => alt.asts.iter_mut().for_each(make_ascii),
        Ast::Concat(concat) => concat.asts.iter_mut().for_each(make_ascii),
        Ast::Empty(_)
        | Ast::Flags(_)
        | Ast::Literal(_)
        | Ast::Dot(_)
        | Ast::Assertion(_)
        | Ast::ClassUnicode(_) => {}
    }
}

/// [`make_ascii`] inside a bracketed set.
fn make_set_ascii(set: &mut ClassSet) {
    match set {
        ClassSet::Item(item) => make_item_ascii(item),
        ClassSet::BinaryOp(op) => {
            make_set_ascii(&mut op.lhs);
            make_set_ascii(&mut op.rhs);
        }
    }
}

fn make_item_ascii(item: &mut ClassSetItem) {
    match item {
        ClassSetItem::Perl(perl) => *item = ClassSetItem::Bracketed(Box::new(ascii_set(perl))),
        ClassSetItem::Bracketed(class) => make_set_ascii(&mut class.kind),
        ClassSetItem::Union(union) => union.items.iter_mut().for_each(make_item_ascii),
        ClassSetItem::Empty(_)
        | ClassSetItem::Literal(_)
        | ClassSetItem::Range(_)
        | ClassSetItem::Ascii(_)
        | ClassSetItem::Unicode(_) => {}
    }
}

/// `\d` as `[[:digit:]]`, `\W` as `[^[:word:]]`: the negation is on the set, so that under
/// `(?i)` it is taken after case folding, as for any written-out `[^...]`.
fn ascii_set(perl: &ClassPerl) -> ClassBracketed {
    let kind = match perl.kind {
        ClassPerlKind::Digit => ClassAsciiKind::Digit,
        ClassPerlKind::Space => ClassAsciiKind::Space,
        ClassPerlKind::Word => ClassAsciiKind::Word,
    };
    ClassBracketed {
        span: perl.span,
        negated: perl.negated,
        kind: ClassSet::Item(ClassSetItem::Ascii(ClassAscii {
            span: perl.span,
            kind,
            negated: false,
        })),
    }
}

fn is_word_boundary(kind: &ast::AssertionKind) -> bool {
    use ast::AssertionKind as K;
    match kind {
        K::WordBoundary
        | K::NotWordBoundary
        | K::WordBoundaryStart
        | K::WordBoundaryEnd
        | K::WordBoundaryStartAngle
        | K::WordBoundaryEndAngle
        | K::WordBoundaryStartHalf
        | K::WordBoundaryEndHalf => true,
        K::StartLine | K::EndLine | K::StartText | K::EndText => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_syntax::hir::{Class, HirKind, Look};

    fn class_of(pattern: &str) -> Vec<(char, char)> {
        let hir = parse(pattern).unwrap();
        match hir.kind() {
            HirKind::Class(Class::Unicode(c)) => {
                c.ranges().iter().map(|r| (r.start(), r.end())).collect()
            }
            other => panic!("{pattern}: not a Unicode class: {other:?}"),
        }
    }

    #[test]
    fn perl_classes_are_the_ascii_sets() {
        assert_eq!(class_of(r"\d"), [('0', '9')]);
        assert_eq!(class_of(r"[\d]"), [('0', '9')]);
        assert_eq!(
            class_of(r"\w"),
            [('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')]
        );
        assert_eq!(class_of(r"\s"), [('\t', '\r'), (' ', ' ')]);
        assert_eq!(class_of(r"[\d+]"), [('+', '+'), ('0', '9')]);
        assert_eq!(class_of(r"\D"), [('\0', '/'), (':', char::MAX)]);
        assert_eq!(class_of(r"[^\D]"), [('0', '9')]);
        assert_eq!(class_of(r"[\pN&&\d]"), [('0', '9')]);
        assert_eq!(class_of(r"[\d--5]"), [('0', '4'), ('6', '9')]);
    }

    #[test]
    fn case_folding_keeps_negations_exact() {
        // `(?i)\W` is the complement of `(?i)\w`: neither contains `k` both ways.
        let w = class_of(r"(?i)\w");
        let not_w = class_of(r"(?i)\W");
        for c in ['k', 'K', '\u{212A}', 's', '\u{17F}', '0', '_', 'é', '٣'] {
            let in_w = w.iter().any(|&(a, b)| a <= c && c <= b);
            let in_not_w = not_w.iter().any(|&(a, b)| a <= c && c <= b);
            assert!(in_w != in_not_w, "{c:?}");
        }
    }

    #[test]
    fn word_boundaries_are_ascii() {
        let look = |p: &str| match parse(p).unwrap().kind() {
            HirKind::Look(l) => *l,
            other => panic!("{other:?}"),
        };
        assert_eq!(look(r"\b"), Look::WordAscii);
        assert_eq!(look(r"\B"), Look::WordAsciiNegate);
        assert_eq!(look(r"\b{start}"), Look::WordStartAscii);
        assert_eq!(look(r"\>"), Look::WordEndAscii);
        assert_eq!(look(r"\b{end-half}"), Look::WordEndHalfAscii);
        assert_eq!(look("^"), Look::Start);
    }

    #[test]
    fn the_rest_keeps_unicode() {
        assert_eq!(class_of(r"[^0-9]"), [('\0', '/'), (':', char::MAX)]);
        assert!(class_of(r"\pN").len() > 10);
        assert!(parse(r"(?-u)\W").is_err(), "invalid UTF-8 stays an error");
        assert!(parse("(").is_err());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = format!("{}a{}", "(".repeat(300), ")".repeat(300));
        assert!(parse(&deep).is_err());
        let ok = format!("{}\\d{}", "(".repeat(200), ")".repeat(200));
        assert!(parse(&ok).is_ok());
    }
}
