//! A one-pass reader for the usual configuration JSON: a bare array of transform objects
//! whose members are `type`, `value`, `value2` (strings or null) and `number` (a
//! non-negative integer or null), each at most once. It reads nothing else: on anything
//! unusual it gives up, and the lenient reader (serde_json, which explains every problem)
//! reads the text instead. Strings without escapes are borrowed from the text; strings
//! with escapes are unescaped by serde_json.

use std::borrow::Cow;

use crate::wire::RawTransform;

/// The transforms of `json`, or `None` when it is anything but a well-formed bare array of
/// at most `max` plain transform objects.
pub(crate) fn read_list(json: &str, max: usize) -> Option<Vec<RawTransform<'_>>> {
    let mut r = Reader {
        json,
        bytes: json.as_bytes(),
        at: 0,
    };
    r.space();
    r.eat(b'[')?;
    // Room for as many transforms as a text this long usually holds (about 40 bytes each).
    let mut items = Vec::with_capacity((json.len() / 32 + 1).min(max));
    r.space();
    if r.peek() == Some(b']') {
        r.at += 1;
    } else {
        loop {
            if items.len() == max {
                return None;
            }
            items.push(r.transform()?);
            r.space();
            match r.next()? {
                b',' => r.space(),
                b']' => break,
                _ => return None,
            }
        }
    }
    r.space();
    (r.at == r.bytes.len()).then_some(items)
}

struct Reader<'a> {
    json: &'a str,
    bytes: &'a [u8],
    /// Always on a character boundary of `json`.
    at: usize,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at += 1;
        Some(b)
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.next()? == b).then_some(())
    }

    /// JSON whitespace (RFC 8259: space, tab, line feed, carriage return).
    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn transform(&mut self) -> Option<RawTransform<'a>> {
        self.eat(b'{')?;
        let mut kind = None;
        let (mut value, mut value2, mut number) = (None, None, None);
        loop {
            self.space();
            let key = self.string()?;
            self.space();
            self.eat(b':')?;
            self.space();
            // A repeated member: serde_json keeps the last, the lenient reader says so.
            match &*key {
                "type" if kind.is_none() => kind = Some(self.string()?),
                "value" if value.is_none() => value = Some(self.nullable(Self::string)?),
                "value2" if value2.is_none() => value2 = Some(self.nullable(Self::string)?),
                "number" if number.is_none() => number = Some(self.nullable(Self::integer)?),
                _ => return None,
            }
            self.space();
            match self.next()? {
                b',' => {}
                b'}' => break,
                _ => return None,
            }
        }
        Some(RawTransform::new(
            kind?,
            value.flatten(),
            value2.flatten(),
            number.flatten(),
        ))
    }

    /// `null`, or what `read` reads.
    fn nullable<T>(&mut self, read: fn(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.bytes[self.at..].starts_with(b"null") {
            self.at += 4;
            return Some(None);
        }
        read(self).map(Some)
    }

    /// A string: borrowed when it has no escapes, else unescaped by serde_json.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        let start = self.at;
        self.eat(b'"')?;
        let mut escaped = false;
        let mut at = self.at;
        loop {
            match *self.bytes.get(at)? {
                b'"' => break,
                // The escaped character is skipped here; serde_json checks the escape.
                b'\\' => {
                    escaped = true;
                    at += 2;
                }
                // Control characters must be escaped in JSON.
                0..=0x1f => return None,
                _ => at += 1,
            }
        }
        self.at = at + 1;
        // `start` and `self.at - 1` are quotes, so both ends are character boundaries.
        let quoted = &self.json[start..self.at];
        if escaped {
            serde_json::from_str::<String>(quoted).ok().map(Cow::Owned)
        } else {
            Some(Cow::Borrowed(&quoted[1..quoted.len() - 1]))
        }
    }

    /// A non-negative integer of at most 18 digits, no fraction or exponent (anything else,
    /// `-0` and `1.0` included, is left to the lenient reader).
    fn integer(&mut self) -> Option<i64> {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        let digits = &self.json[start..self.at];
        let plain = !digits.is_empty()
            && digits.len() <= 18
            && (digits == "0" || !digits.starts_with('0'))
            && !matches!(self.peek(), Some(b'.' | b'e' | b'E'));
        if !plain {
            return None;
        }
        digits.parse().ok()
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
