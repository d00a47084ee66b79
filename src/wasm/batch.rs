//! The batch path of the JavaScript binding: many numbers cross the boundary as one string
//! and come back as one string plus offsets (`applyMany`), or as lines in and lines out
//! (`applyText`). Nothing crosses per number: no call, no `TextDecoder`, no allocation
//! beyond the batch's own buffers.

use serde::Serialize;

use crate::{ApplyError, Pipeline};

/// `applyMany`'s code for a success; `-1` is an error before any step, `k >= 0` an error
/// at step `k`.
pub(crate) const OK: i32 = -2;

/// The results of a batch: their texts one after another, each but the last followed by
/// `\n`; where each ends (in UTF-16 code units, as JavaScript counts); how each went ([`OK`]
/// or the failing step). When no result holds a `\n` itself, JavaScript splits the text
/// once instead of slicing it at every end.
#[derive(Debug, Default)]
pub(crate) struct Results {
    pub(crate) text: String,
    pub(crate) ends: Vec<u32>,
    pub(crate) codes: Vec<i32>,
    /// No result contains `\n`: `text.split("\n")` gives them back.
    pub(crate) splits: bool,
    /// How many results are errors.
    pub(crate) errors: u32,
}

impl Results {
    /// Applies `pipeline` to every number, in order: the output, or the error's message.
    pub(crate) fn of<'a>(
        pipeline: &Pipeline,
        numbers: impl Iterator<Item = &'a str>,
        count: usize,
        bytes: usize,
    ) -> Results {
        let mut r = Results {
            text: String::with_capacity(bytes + count * 5),
            ends: Vec::with_capacity(count),
            codes: Vec::with_capacity(count),
            splits: true,
            errors: 0,
        };
        let mut out = String::with_capacity(64);
        let mut end = 0u32;
        for number in numbers {
            let code = match pipeline.apply_into(number, &mut out) {
                Ok(()) => OK,
                Err(e) => {
                    out = e.to_string();
                    r.errors += 1;
                    e.step().map_or(-1, |s| s as i32)
                }
            };
            if !r.ends.is_empty() {
                r.text.push('\n');
                end += 1;
            }
            end += utf16_len(&out);
            r.splits &= memchr::memchr(b'\n', out.as_bytes()).is_none();
            r.text.push_str(&out);
            r.ends.push(end);
            r.codes.push(code);
        }
        r
    }
}

/// One failed line of `applyText`.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub(crate) struct LineError {
    /// 0-based line index.
    pub(crate) index: usize,
    pub(crate) error: String,
    pub(crate) step: Option<usize>,
}

/// `applyText`'s result: one output line per input line (empty where the number failed),
/// and the failures.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub(crate) struct TextResults {
    pub(crate) text: String,
    pub(crate) errors: Vec<LineError>,
}

/// Applies `pipeline` to each line of `text` (split at `\n`; a `\r` before it is dropped;
/// a final newline ends the last line rather than starting an empty one). The output has
/// the same lines, a final newline when the input had one.
pub(crate) fn apply_text(pipeline: &Pipeline, text: &str) -> TextResults {
    let body = text.strip_suffix('\n').unwrap_or(text);
    let mut r = TextResults {
        text: String::with_capacity(text.len() + text.len() / 2),
        errors: Vec::new(),
    };
    if text.is_empty() {
        return r;
    }
    let mut out = String::with_capacity(64);
    for (index, line) in body.split('\n').enumerate() {
        if index > 0 {
            r.text.push('\n');
        }
        let line = line.strip_suffix('\r').unwrap_or(line);
        match pipeline.apply_into(line, &mut out) {
            Ok(()) => r.text.push_str(&out),
            Err(e) => r.errors.push(line_error(index, &e)),
        }
    }
    if body.len() < text.len() {
        r.text.push('\n');
    }
    r
}

fn line_error(index: usize, e: &ApplyError) -> LineError {
    LineError {
        index,
        error: e.to_string(),
        step: e.step(),
    }
}

/// The length of `s` in UTF-16 code units.
pub(crate) fn utf16_len(s: &str) -> u32 {
    if s.is_ascii() {
        s.len() as u32
    } else {
        s.chars().map(|c| c.len_utf16() as u32).sum()
    }
}

/// The numbers of a batch joined by `\n`, cut apart again: at each `\n` when there are
/// `count - 1` of them (no number holds one), else `None`.
pub(crate) fn split_lines(joined: &str, count: usize) -> Option<std::str::Split<'_, char>> {
    let separators = memchr::memchr_iter(b'\n', joined.as_bytes()).count();
    (count > 0 && separators + 1 == count).then(|| joined.split('\n'))
}

/// Splits the joined numbers back apart by their lengths in UTF-16 code units.
pub(crate) struct Split<'a> {
    rest: &'a str,
    lens: std::slice::Iter<'a, u32>,
    ascii: bool,
}

impl<'a> Split<'a> {
    pub(crate) fn new(joined: &'a str, lens: &'a [u32]) -> Split<'a> {
        // UTF-8 bytes >= UTF-16 units for every character, equal only for ASCII.
        let units: u64 = lens.iter().map(|&l| u64::from(l)).sum();
        Split {
            rest: joined,
            lens: lens.iter(),
            ascii: joined.len() as u64 == units,
        }
    }
}

impl<'a> Iterator for Split<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let units = *self.lens.next()? as usize;
        let cut = if self.ascii {
            units
        } else {
            let mut seen = 0;
            self.rest
                .char_indices()
                .find(|&(_, c)| {
                    let at_end = seen >= units;
                    seen += c.len_utf16();
                    at_end
                })
                .map_or(self.rest.len(), |(i, _)| i)
        };
        let (number, rest) = self.rest.split_at(cut.min(self.rest.len()));
        self.rest = rest;
        Some(number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_by_utf16_lengths() {
        let parts = ["+44", "", "é1", "😀x", "abc"];
        let joined = parts.concat();
        let lens: Vec<u32> = parts.iter().map(|p| utf16_len(p)).collect();
        assert_eq!(Split::new(&joined, &lens).collect::<Vec<_>>(), parts);
        let ascii = ["12", "", "345"];
        let lens: Vec<u32> = ascii.iter().map(|p| p.len() as u32).collect();
        assert_eq!(
            Split::new(&ascii.concat(), &lens).collect::<Vec<_>>(),
            ascii
        );
    }

    #[test]
    fn results_end_in_utf16_units_with_codes() {
        let p = Pipeline::builder()
            .max_length(4)
            .from_json(r#"[{"type": "add_prefix", "value": "é"}]"#)
            .unwrap();
        let r = Results::of(&p, ["1", "😀", "12345", "1234"].into_iter(), 4, 12);
        assert_eq!(r.codes, [OK, OK, -1, 0]);
        assert_eq!((r.errors, r.splits), (2, true));
        // "é1" (2 units), "\n", "é😀" (3), the input error, the step error.
        assert_eq!(&r.ends[..2], &[2, 6]);
        assert!(r.text.starts_with("é1\né😀\n"));
        let r = Results::of(&p, ["\n", "2"].into_iter(), 2, 2);
        assert_eq!(
            (r.text.as_str(), r.splits, &r.ends[..]),
            ("é\n\né2", false, &[2, 5][..])
        );
    }

    #[test]
    fn lines_split_only_when_no_number_holds_a_newline() {
        let cut = |joined, n| split_lines(joined, n).map(|s| s.collect::<Vec<_>>());
        assert_eq!(cut("1\n\n3", 3), Some(vec!["1", "", "3"]));
        assert_eq!(cut("", 1), Some(vec![""]));
        assert_eq!(cut("", 0), None);
        assert_eq!(cut("1\n2\n3", 2), None); // a number held a newline
    }

    #[test]
    fn lines_in_lines_out() {
        let p = Pipeline::builder()
            .max_length(4)
            .from_json(r#"[{"type": "add_prefix", "value": "+"}]"#)
            .unwrap();
        let r = apply_text(&p, "1\r\n22\n\n12345\n333\n");
        assert_eq!(r.text, "+1\n+22\n+\n\n+333\n");
        assert_eq!(
            r.errors,
            [LineError {
                index: 3,
                error: ApplyError::InputTooLong {
                    length: 5,
                    limit: 4
                }
                .to_string(),
                step: None
            }]
        );
        assert_eq!(apply_text(&p, "").text, "");
        assert_eq!(apply_text(&p, "\n").text, "+\n");
        assert_eq!(apply_text(&p, "7").text, "+7");
    }
}
