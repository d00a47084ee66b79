//! The fast path for the usual configuration JSON: a bare array of transform objects whose
//! members are `type`, `value`, `value2` (strings or null) and `number` (a non-negative
//! integer or null), each at most once. serde_json reads it in one pass into borrowed
//! strings (copied only when they hold escapes); on anything unusual this path gives up, and
//! the lenient reader (which explains every problem) reads the text instead.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

use crate::wire::RawTransform;

/// The transforms of `json`, or `None` when it is anything but a well-formed bare array of
/// at most `max` plain transform objects.
pub(crate) fn read_list(json: &str, max: usize) -> Option<Vec<RawTransform<'_>>> {
    let list: Vec<Plain> = serde_json::from_str(json).ok()?;
    (list.len() <= max).then(|| list.into_iter().map(|p| p.0).collect())
}

/// Numbers above this are left to the lenient reader (which says they are out of range).
const MAX_NUMBER: u64 = 999_999_999_999_999_999;

/// One transform object with plain members only (any other shape is an error here, which
/// sends the whole text to the lenient reader).
struct Plain<'a>(RawTransform<'a>);

impl<'de> Deserialize<'de> for Plain<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(PlainVisitor)
    }
}

struct PlainVisitor;

impl<'de> Visitor<'de> for PlainVisitor {
    type Value = Plain<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a transform object with plain members")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Plain<'de>, A::Error> {
        let mut kind = None;
        let (mut value, mut value2, mut number) = (None, None, None);
        // Keys with escapes, repeated or unknown members: not plain.
        while let Some(key) = map.next_key::<&'de str>()? {
            match key {
                "type" if kind.is_none() => kind = Some(map.next_value::<Text>()?.0),
                "value" if value.is_none() => value = Some(map.next_value::<Option<Text>>()?),
                "value2" if value2.is_none() => value2 = Some(map.next_value::<Option<Text>>()?),
                "number" if number.is_none() => number = Some(map.next_value::<Option<Whole>>()?),
                _ => return Err(de::Error::custom("not a plain member")),
            }
        }
        let kind = kind.ok_or_else(|| de::Error::missing_field("type"))?;
        Ok(Plain(RawTransform::new(
            kind,
            value.flatten().map(|t| t.0),
            value2.flatten().map(|t| t.0),
            number.flatten().map(|n| n.0),
        )))
    }
}

/// A JSON string, borrowed from the text when it holds no escapes.
struct Text<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(s)))
            }

            fn visit_str<E: de::Error>(self, s: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s.to_owned())))
            }
        }
        d.deserialize_str(TextVisitor)
    }
}

/// A non-negative integer written without sign, fraction or exponent, up to
/// [`MAX_NUMBER`] (`-0`, `1.0`, `1e2` and larger numbers are left to the lenient reader).
struct Whole(i64);

impl<'de> Deserialize<'de> for Whole {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct WholeVisitor;
        impl Visitor<'_> for WholeVisitor {
            type Value = Whole;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a non-negative integer")
            }

            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Whole, E> {
                match i64::try_from(n) {
                    Ok(n) if n as u64 <= MAX_NUMBER => Ok(Whole(n)),
                    _ => Err(E::custom("left to the lenient reader")),
                }
            }
        }
        d.deserialize_u64(WholeVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::read_list;
    use crate::limits::Limits;
    use crate::wire::{parse_value, RawTransform, Transform};
    use proptest::prelude::*;

    fn read(json: &str) -> Option<Vec<Transform>> {
        read_list(json, 256).map(|v| v.into_iter().map(RawTransform::into_owned).collect())
    }

    /// What the lenient reader makes of `json` when it finds no problem.
    fn lenient(json: &str) -> Option<Vec<Transform>> {
        let value = serde_json::from_str(json).ok()?;
        match parse_value(value, &Limits::default()) {
            Ok((transforms, errors)) if errors.is_empty() => Some(transforms),
            _ => None,
        }
    }

    #[test]
    fn reads_the_usual_forms() {
        let t = read(
            " [ {\"type\":\"add_prefix\" , \"value\": \"+44\", \"value2\": null,\n\"number\": 0} ,\r\n\t{\"number\": 12, \"type\": \"s\\u0074op\"}] ",
        )
        .unwrap();
        assert_eq!(
            t,
            [
                Transform::new("add_prefix").value("+44").number(0),
                Transform::new("stop").number(12),
            ]
        );
        assert_eq!(read("[]"), Some(vec![]));
    }

    #[test]
    fn leaves_everything_unusual_to_the_lenient_reader() {
        for json in [
            "",
            "{}",
            "[",
            "[,]",
            "[{\"type\": \"stop\"},]",
            "[{\"type\": \"stop\"}] x",
            "[{}]",
            "[{\"value\": \"1\"}]",
            "[{\"type\": null}]",
            "[[\"stop\"]]",
            "[{\"type\": \"stop\", \"type\": \"stop\"}]",
            "[{\"type\": \"stop\", \"extra\": 1}]",
            "[{\"type\": \"stop\",}]",
            "[{\"type\": \"stop\" \"value\": \"1\"}]",
            "[{\"type\": \"stop\", \"number\": -1}]",
            "[{\"type\": \"stop\", \"number\": -0}]",
            "[{\"type\": \"stop\", \"number\": 01}]",
            "[{\"type\": \"stop\", \"number\": 1.0}]",
            "[{\"type\": \"stop\", \"number\": 1e2}]",
            "[{\"type\": \"stop\", \"number\": 1234567890123456789}]",
            "[{\"type\": \"stop\", \"number\": \"1\"}]",
            "[{\"type\": \"stop\", \"value\": nul}]",
            "[{\"type\": \"stop\", \"value\": 1}]",
            "[{\"type\": \"stop\", \"value\": \"a\tb\"}]",
            "[{\"type\": \"stop\", \"value\": \"\\x\"}]",
            "[{\"type\": \"stop\", \"value\": \"\\ud800\"}]",
            "\u{feff}[]",
        ] {
            assert_eq!(read(json), None, "{json:?}");
        }
        assert!(read_list("[{\"type\": \"stop\"}, {\"type\": \"stop\"}]", 1).is_none());
    }

    /// A list of objects, each with `type` and other members at most once, in any order,
    /// their values strings (escaped or not), whole numbers or null.
    fn plain_list() -> impl Strategy<Value = String> {
        let text = prop::sample::select(vec![
            "null",
            "\"\"",
            "\"+44\"",
            "\"é\\\\d\"",
            "\"\\u002b\"",
            "\"\\\"\"",
        ]);
        let number = prop::sample::select(vec!["null", "0", "1", "65536", "999999999999999999"]);
        let object = (
            text.clone(),
            text,
            number,
            prop::sample::select(vec!["\"stop\"", "\"add_prefix\"", "\"nope\"", "\"\""]),
            Just(()).prop_perturb(|(), mut rng| {
                let mut order = [0usize, 1, 2, 3];
                for i in (1..4).rev() {
                    order.swap(i, (rng.next_u32() as usize) % (i + 1));
                }
                let keep = 1 + (rng.next_u32() as usize) % 4;
                (order, keep)
            }),
        )
            .prop_map(|(value, value2, number, kind, (order, keep))| {
                let members = [
                    format!("\"type\": {kind}"),
                    format!("\"value\":{value}"),
                    format!("\"value2\" :{value2}"),
                    format!("\"number\"\t: {number}"),
                ];
                // `type` always, the others as drawn.
                let mut chosen: Vec<&String> = order[..keep].iter().map(|&i| &members[i]).collect();
                if !order[..keep].contains(&0) {
                    chosen.push(&members[0]);
                }
                let list: Vec<&str> = chosen.iter().map(|s| s.as_str()).collect();
                format!("{{ {} }}", list.join(" , "))
            });
        prop::collection::vec(object, 0..5).prop_map(|o| format!(" [{}]\n", o.join(",\n")))
    }

    /// A JSON text from pieces that are mostly right, so that both readers often accept it.
    fn text() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "[",
            "]",
            "{",
            "}",
            ",",
            ":",
            " ",
            "\n",
            "null",
            "0",
            "7",
            "65535",
            "-1",
            "1.0",
            "01",
            "\"type\"",
            "\"value\"",
            "\"value2\"",
            "\"number\"",
            "\"stop\"",
            "\"add_prefix\"",
            "\"+44\"",
            "\"\"",
            "\"\\u0065\"",
            "\"a\\\"b\"",
            "\"\\\\\"",
            "\"é\"",
            "\"\\n\"",
            "\"x\ty\"",
            "true",
            "\"extra\"",
        ]);
        let member = prop::sample::select(vec![
            "\"type\": \"stop\"",
            "\"type\": \"add_prefix\"",
            "\"value\": \"+44\"",
            "\"value\": null",
            "\"value\": \"\\u00e9\\\\\"",
            "\"value2\": \"\"",
            "\"number\": 2",
            "\"number\": null",
            "\"number\": 2.0",
            "\"number\": 01",
            "\"number\": -0",
            "\"value\": \"a\tb\"",
            "\"value\": \"\\x\"",
            "\"extra\": 1",
        ]);
        let object =
            prop::collection::vec(member, 0..5).prop_map(|m| format!("{{{}}}", m.join(", ")));
        let list = prop::collection::vec(object, 0..4).prop_map(|o| format!("[{}]", o.join(",")));
        prop_oneof![
            list.clone(),
            (
                list,
                prop::collection::vec((any::<prop::sample::Index>(), piece), 0..3)
            )
                .prop_map(|(mut s, edits)| {
                    for (at, p) in edits {
                        let mut i = at.index(s.len() + 1);
                        while !s.is_char_boundary(i) {
                            i -= 1;
                        }
                        s.insert_str(i, p);
                    }
                    s
                }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        /// Whatever the one-pass reader accepts, the lenient reader reads the same, without
        /// a problem; a well-formed list of plain members it always accepts.
        #[test]
        fn agrees_with_the_lenient_reader(json in text()) {
            if let Some(fast) = read(&json) {
                prop_assert_eq!(Some(fast), lenient(&json));
            }
        }

        #[test]
        fn reads_every_plain_list_as_the_lenient_reader_does(json in plain_list()) {
            let fast = read(&json);
            prop_assert!(fast.is_some(), "{}", json);
            prop_assert_eq!(fast, lenient(&json));
        }
    }
}
