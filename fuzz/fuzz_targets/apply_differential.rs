//! A structured pipeline and an input: the compiled engine gives exactly what the plain
//! reference interpreter (tests/common/reference.rs) gives, within the length limit, and
//! `apply`, `apply_into`, `apply_view` and `trace` agree.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use callerid_transform::{Pipeline, Transform};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/reference.rs"]
#[allow(dead_code, clippy::all)]
mod reference;

/// A type of docs/spec.md §3 (the engine's own table), or one unknown name.
#[derive(Debug, Clone, Copy, Arbitrary)]
struct Kind(u8);

impl Kind {
    fn name(self) -> &'static str {
        let types = callerid_transform::types();
        types
            .get(usize::from(self.0) % (types.len() + 1))
            .map_or("add_prefx", |t| t.name)
    }
}

/// Characters numbers are made of, and a few that are not (multi-byte, control, separators).
const ALPHABET: &[char] = &[
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '+', ' ', '-', '(', ')', '.', '#', '*', 'a',
    'X', '\0', '\n', 'é', '☎', '📞',
];

/// A text operand: plain characters, or a fragment of one of the sub-languages.
#[derive(Debug, Arbitrary)]
enum Piece {
    Char(u8),
    Regex(u8),
    Pattern(u8),
    Replacement(u8),
    Digits(u8),
}

const REGEX: &[&str] = &[
    "^", "$", "(", ")", "(\\d+)", "(?P<n>0)", "(?:", "[0-9]", "[^0-9]", "\\d", "\\D", ".", "*",
    "+", "?", "|", "{2}", "{1,3}", "\\+", "0", "44", "\\s", "\\b", "(?i)a", "\\w", "é", "\\B",
    "\\W", "[\\d+]", "٣", "５", "^+",
];
const PATTERN: &[&str] = &[
    "_", "X", "Z", "N", "x", "[1-3]", "[-0]", "[13-5]", "[", "]", ".", "!", "0", "+", "-",
];
const REPLACEMENT: &[&str] = &[
    "$1", "${1}", "\\1", "\\0", "$0", "$$", "\\\\", "\\", "$", "${n}", "$n", "${", "$2", "\\2", "x",
];
const DIGITS: &[&str] = &[
    "1", "44", "0", "33", "012", "9999", "1-", "-5", "3-9", "1-0",
];

#[derive(Debug, Arbitrary)]
struct Text(Vec<Piece>);

impl Text {
    fn render(&self) -> String {
        let pick = |list: &[&str], i: u8| list[usize::from(i) % list.len()].to_string();
        self.0
            .iter()
            .map(|p| match *p {
                Piece::Char(i) => ALPHABET[usize::from(i) % ALPHABET.len()].to_string(),
                Piece::Regex(i) => pick(REGEX, i),
                Piece::Pattern(i) => pick(PATTERN, i),
                Piece::Replacement(i) => pick(REPLACEMENT, i),
                Piece::Digits(i) => pick(DIGITS, i),
            })
            .collect()
    }
}

#[derive(Debug, Arbitrary)]
enum Num {
    Small(u8),
    Any(u16),
    Raw(i64),
}

#[derive(Debug, Arbitrary)]
struct FuzzTransform {
    kind: Kind,
    value: Option<Text>,
    value2: Option<Text>,
    number: Option<Num>,
}

impl FuzzTransform {
    fn to_wire(&self) -> Transform {
        Transform {
            kind: self.kind.name().to_string(),
            value: self.value.as_ref().map(Text::render),
            value2: self.value2.as_ref().map(Text::render),
            number: self.number.as_ref().map(|n| match *n {
                Num::Small(v) => i64::from(v % 12),
                Num::Any(v) => i64::from(v),
                Num::Raw(v) => v,
            }),
        }
    }
}

#[derive(Debug)]
struct Case {
    transforms: Vec<Transform>,
    max_length: usize,
    inputs: Vec<String>,
}

impl<'a> Arbitrary<'a> for Case {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Case> {
        let transforms = Vec::<FuzzTransform>::arbitrary(u)?
            .iter()
            .map(FuzzTransform::to_wire)
            .collect();
        let max_length = match u8::arbitrary(u)? % 4 {
            0 => 256,
            1 => usize::from(u8::arbitrary(u)? % 24),
            2 => 1000,
            _ => usize::from(u16::arbitrary(u)? % 300),
        };
        let mut inputs = Vec::new();
        for _ in 0..u8::arbitrary(u)? % 4 + 1 {
            let len = usize::from(u16::arbitrary(u)? % 300);
            let mut s = String::new();
            for _ in 0..len {
                if u.is_empty() {
                    break;
                }
                s.push(ALPHABET[usize::from(u8::arbitrary(u)?) % ALPHABET.len()]);
            }
            inputs.push(s);
        }
        Ok(Case {
            transforms,
            max_length,
            inputs,
        })
    }
}

fuzz_target!(|case: Case| {
    let builder = Pipeline::builder().max_length(case.max_length);
    let pipeline = match builder.from_transforms(&case.transforms) {
        Ok(p) => p,
        Err(e) => {
            let errors = e.errors();
            assert!(!errors.is_empty());
            for err in &errors {
                if let Some(i) = err.index {
                    assert!(
                        i < case.transforms.len(),
                        "error index {i} out of range: {err}"
                    );
                }
            }
            return;
        }
    };
    // The same transforms as JSON compile too.
    let json = serde_json::to_string(&case.transforms).unwrap();
    assert!(
        builder.from_json(&json).is_ok(),
        "from_transforms compiled but from_json failed on {json}"
    );
    let mut buf = String::with_capacity(8);
    for input in &case.inputs {
        let got = pipeline.apply(input);
        let want = reference::apply(&case.transforms, case.max_length, input);
        match (&got, &want) {
            (Ok(g), Ok(w)) => {
                assert_eq!(g, w, "engine and reference differ on {input:?}\n{json}");
                assert!(g.chars().count() <= case.max_length);
            }
            (Err(e), Err(step)) => assert_eq!(e.step(), *step, "different failing step: {e}"),
            _ => panic!("engine {got:?}, reference {want:?} on {input:?}\n{json}"),
        }
        let into = pipeline.apply_into(input, &mut buf).map(|()| buf.clone());
        assert_eq!(into, got, "apply_into differs");
        // `buf` still holds this input's result: the view must not be fooled by it.
        let view = pipeline.apply_view(input, &mut buf).map(str::to_owned);
        assert_eq!(view, got, "apply_view differs");
        let trace = pipeline.trace(input);
        assert_eq!(trace.result, got, "trace differs");
    }
});
