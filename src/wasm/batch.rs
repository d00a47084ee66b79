//! The batch path of the JavaScript binding: many numbers cross the boundary as one string
//! and come back as one string plus offsets (`applyMany`), or as lines in and lines out
//! (`applyText`). Nothing crosses per number: no call, no `TextDecoder`, no allocation
//! beyond the batch's own buffers, which are kept warm from one batch to the next.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::thread::LocalKey;

use serde::Serialize;

use crate::Pipeline;

/// `applyMany`'s code for a number the pipeline left as it was: JavaScript hands back the
/// caller's own string and nothing of it is in the result text.
pub(crate) const UNCHANGED: i32 = -3;
/// `applyMany`'s code for a success; `-1` is an error before any step, `k >= 0` an error
/// at step `k`.
pub(crate) const OK: i32 = -2;

/// Buffers above this many bytes are dropped after their batch rather than kept for the
/// next one (WebAssembly memory never shrinks, but the allocator can reuse freed blocks).
const KEEP_BYTES: usize = 16 << 20;

/// A batch buffer kept from one call to the next.
pub(crate) trait Reusable: Default {
    /// Readies it for a new batch, keeping its capacity.
    fn reset(&mut self);
    /// Bytes it holds on to.
    fn retained(&self) -> usize;
}

impl Reusable for Vec<u8> {
    fn reset(&mut self) {
        // The bytes stay: `TextEncoder.encodeInto` overwrites them, and zeroing them again
        // would cost as much as the encoding.
    }
    fn retained(&self) -> usize {
        self.capacity()
    }
}

/// Runs `f` with this thread's warm buffer `key`, reset (a fresh one if it is in use),
/// and lets it go afterwards when it has grown past [`KEEP_BYTES`].
pub(crate) fn with_buffer<T: Reusable + 'static, R>(
    key: &'static LocalKey<RefCell<T>>,
    f: impl FnOnce(&mut T) -> R,
) -> R {
    key.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buffer) => {
            buffer.reset();
            let r = f(&mut buffer);
            if buffer.retained() > KEEP_BYTES {
                *buffer = T::default();
            }
            r
        }
        Err(_) => f(&mut T::default()),
    })
}

thread_local! {
    /// The UTF-8 text of a batch's input, written by `TextEncoder.encodeInto`.
    pub(crate) static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    /// `applyMany`'s results.
    pub(crate) static RESULTS: RefCell<Results> = RefCell::new(Results::default());
    /// `applyText`'s results.
    pub(crate) static TEXT_RESULTS: RefCell<TextResults> = RefCell::new(TextResults::default());
}

/// The results of a batch: the texts of those that changed or failed, one after another;
/// where each ends (in UTF-16 code units, as JavaScript counts); how each went
/// ([`UNCHANGED`], [`OK`] or the failing step).
#[derive(Debug, Default)]
pub(crate) struct Results {
    pub(crate) text: String,
    pub(crate) ends: Vec<u32>,
    pub(crate) codes: Vec<i32>,
    /// `text` is ASCII: JavaScript may decode it as Latin-1.
    pub(crate) ascii: bool,
    /// The buffer `apply_view` builds a rewritten number in.
    out: String,
}

impl Reusable for Results {
    fn reset(&mut self) {
        self.text.clear();
        self.ends.clear();
        self.codes.clear();
        self.ascii = true;
    }
    fn retained(&self) -> usize {
        self.text.capacity() + 4 * (self.ends.capacity() + self.codes.capacity())
    }
}

impl Results {
    /// [`fill`](Self::fill) with one loop for each way of cutting the numbers apart, so
    /// that neither calls its iterator through the enum.
    pub(crate) fn fill_numbers(
        &mut self,
        pipeline: &Pipeline,
        numbers: &mut Numbers<'_>,
        count: usize,
        bytes: usize,
    ) {
        match numbers {
            Numbers::Lines(lines) => self.fill(pipeline, lines, count, bytes),
            Numbers::Split(split) => self.fill(pipeline, split, count, bytes),
        }
    }

    /// Applies `pipeline` to every number, in order (`count` of them, `bytes` long in all):
    /// the output, or the error's message.
    pub(crate) fn fill<'a>(
        &mut self,
        pipeline: &Pipeline,
        numbers: impl Iterator<Item = &'a str>,
        count: usize,
        bytes: usize,
    ) {
        self.text.reserve(bytes + count * 4);
        self.ends.reserve(count);
        self.codes.reserve(count);
        let mut end = 0u32;
        for number in numbers {
            let start = self.text.len();
            let code = match pipeline.apply_view(number, &mut self.out) {
                Ok(output) if unchanged(output, number) => UNCHANGED,
                Ok(output) => {
                    self.text.push_str(output);
                    OK
                }
                Err(e) => {
                    let _ = write!(self.text, "{e}"); // writing to a String cannot fail
                    e.step().map_or(-1, |s| s as i32)
                }
            };
            if code != UNCHANGED {
                let piece = &self.text[start..];
                let ascii = piece.is_ascii();
                self.ascii &= ascii;
                end += if ascii {
                    piece.len() as u32
                } else {
                    utf16_len(piece)
                };
            }
            self.ends.push(end);
            self.codes.push(code);
        }
    }
}

/// Whether JavaScript may hand back the caller's own string for `number`: the pipeline
/// left it as it was (most often `output` is `number` itself, not a copy), and it holds no
/// U+FFFD, which may stand for a lone surrogate that the encoding replaced (and `apply`
/// would return U+FFFD).
#[inline]
fn unchanged(output: &str, number: &str) -> bool {
    (std::ptr::eq(output, number) || output == number)
        && (number.is_ascii() || !number.contains('\u{FFFD}'))
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
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct TextResults {
    pub(crate) text: String,
    pub(crate) errors: Vec<LineError>,
    /// `text` is ASCII: JavaScript may decode it as Latin-1.
    pub(crate) ascii: bool,
    /// The buffer `apply_view` builds a rewritten number in.
    out: String,
}

impl Reusable for TextResults {
    fn reset(&mut self) {
        self.text.clear();
        self.errors.clear();
        self.ascii = true;
    }
    fn retained(&self) -> usize {
        self.text.capacity()
    }
}

impl TextResults {
    /// Applies `pipeline` to each line of `text` (split at `\n`; a `\r` before it is
    /// dropped; a final newline ends the last line rather than starting an empty one). The
    /// output has the same lines, a final newline when the input had one.
    pub(crate) fn fill(&mut self, pipeline: &Pipeline, text: &str) {
        if text.is_empty() {
            return;
        }
        let body = text.strip_suffix('\n').unwrap_or(text);
        self.text.reserve(text.len() + text.len() / 2);
        for (index, line) in lines(body).enumerate() {
            if index > 0 {
                self.text.push('\n');
            }
            let line = line.strip_suffix('\r').unwrap_or(line);
            match pipeline.apply_view(line, &mut self.out) {
                Ok(output) => self.text.push_str(output),
                Err(e) => self.errors.push(LineError {
                    index,
                    error: e.to_string(),
                    step: e.step(),
                }),
            }
        }
        if body.len() < text.len() {
            self.text.push('\n');
        }
        // Once over the whole text: cheaper than once a line.
        self.ascii = self.text.is_ascii();
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

/// The numbers of a batch, cut out of their joined text one way or the other.
pub(crate) enum Numbers<'a> {
    /// Joined by `\n`, none holding one ([`split_lines`]).
    Lines(Lines<'a>),
    /// Concatenated, cut by their lengths ([`Split`]).
    Split(Split<'a>),
}

impl<'a> Iterator for Numbers<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        match self {
            Numbers::Lines(lines) => lines.next(),
            Numbers::Split(split) => split.next(),
        }
    }
}

/// The numbers of a batch joined by `\n`, cut apart again: at each `\n` when there are
/// `count - 1` of them (no number holds one), else `None`.
pub(crate) fn split_lines(joined: &str, count: usize) -> Option<Lines<'_>> {
    let separators = memchr::memchr_iter(b'\n', joined.as_bytes()).count();
    (count > 0 && separators + 1 == count).then(|| lines(joined))
}

/// The parts of `text` between `\n`s, as `text.split('\n')` gives them.
pub(crate) fn lines(text: &str) -> Lines<'_> {
    Lines { rest: Some(text) }
}

/// See [`lines`]: a plain byte loop finds each `\n`, which on caller IDs (a dozen bytes)
/// costs less than a call to a general search per line.
pub(crate) struct Lines<'a> {
    rest: Option<&'a str>,
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        match rest.bytes().position(|b| b == b'\n') {
            Some(at) => {
                self.rest = Some(&rest[at + 1..]);
                Some(&rest[..at])
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }
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
    use proptest::prelude::*;

    use super::*;
    use crate::ApplyError;

    fn results(p: &Pipeline, numbers: &[&str]) -> Results {
        let mut r = Results::default();
        r.reset();
        let bytes = numbers.iter().map(|n| n.len()).sum();
        r.fill(p, numbers.iter().copied(), numbers.len(), bytes);
        r
    }

    /// What JavaScript makes of `results` (`buildResults` in mod.rs): each number's output
    /// or error message and code.
    fn items<'a>(r: &'a Results, numbers: &[&'a str]) -> Vec<(&'a str, i32)> {
        let units: Vec<u16> = r.text.encode_utf16().collect();
        let mut start = 0;
        let mut pieces = Vec::new();
        for (i, (&end, &code)) in r.ends.iter().zip(&r.codes).enumerate() {
            if code == UNCHANGED {
                pieces.push((numbers[i], code));
                continue;
            }
            let piece = String::from_utf16(&units[start..end as usize]).unwrap();
            start = end as usize;
            pieces.push((&*Box::leak(piece.into_boxed_str()), code));
        }
        pieces
    }

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
        let r = results(&p, &["1", "😀", "12345", "1234"]);
        assert_eq!(r.codes, [OK, OK, -1, 0]);
        // "é1" (2 units), "é😀" (3), then the two messages.
        assert_eq!(&r.ends[..2], &[2, 5]);
        assert!(r.text.starts_with("é1é😀input is 5 characters long"));
        assert!(!r.ascii);
        let input_error = ApplyError::InputTooLong {
            length: 5,
            limit: 4,
        };
        assert_eq!(r.ends[2] as usize, 5 + input_error.to_string().len());
        assert_eq!(r.ends[3] as usize, r.text.encode_utf16().count());
    }

    #[test]
    fn unchanged_numbers_leave_no_text_unless_they_hold_a_replacement_character() {
        let p = Pipeline::from_json(r#"[{"type": "set_if_empty", "value": "anonymous"}]"#).unwrap();
        let r = results(&p, &["0207", "", "é", "\u{FFFD}", "1"]);
        assert_eq!(r.codes, [UNCHANGED, OK, UNCHANGED, OK, UNCHANGED]);
        assert_eq!(r.text, "anonymous\u{FFFD}");
        assert_eq!(r.ends, [0, 9, 9, 10, 10]);
        assert!(!r.ascii);
    }

    #[test]
    fn warm_buffers_start_each_batch_empty() {
        let p = Pipeline::from_json(r#"[{"type": "add_prefix", "value": "+"}]"#).unwrap();
        let first = with_buffer(&RESULTS, |r| {
            r.fill(&p, ["1", "é"].into_iter(), 2, 3);
            (r.text.clone(), r.ascii)
        });
        assert_eq!(first, ("+1+é".to_string(), false));
        let second = with_buffer(&RESULTS, |r| {
            r.fill(&p, ["2"].into_iter(), 1, 1);
            (r.text.clone(), r.ends.clone(), r.codes.clone(), r.ascii)
        });
        assert_eq!(second, ("+2".to_string(), vec![2], vec![OK], true));
        // In use (a call from inside a batch): a fresh buffer, not a panic.
        with_buffer(&RESULTS, |outer| {
            outer.text.push_str("outer");
            with_buffer(&RESULTS, |inner| assert!(inner.text.is_empty()));
            assert_eq!(outer.text, "outer");
        });
    }

    #[test]
    fn buffers_past_the_keep_limit_are_let_go() {
        with_buffer(&INPUT, |b| b.resize(KEEP_BYTES + 1, 0));
        assert_eq!(INPUT.with(|b| b.borrow().capacity()), 0);
        with_buffer(&INPUT, |b| b.resize(1000, 0));
        assert!(INPUT.with(|b| b.borrow().capacity()) >= 1000);
    }

    #[test]
    fn lines_split_only_when_no_number_holds_a_newline() {
        let cut = |joined, n| split_lines(joined, n).map(|s| s.collect::<Vec<_>>());
        assert_eq!(cut("1\n\n3", 3), Some(vec!["1", "", "3"]));
        assert_eq!(cut("", 1), Some(vec![""]));
        assert_eq!(cut("", 0), None);
        assert_eq!(cut("1\n2\n3", 2), None); // a number held a newline
    }

    fn apply_text(p: &Pipeline, text: &str) -> TextResults {
        let mut r = TextResults::default();
        r.reset();
        r.fill(p, text);
        r
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
        assert!(r.ascii);
        assert_eq!(apply_text(&p, "").text, "");
        assert_eq!(apply_text(&p, "\n").text, "+\n");
        assert_eq!(apply_text(&p, "7").text, "+7");
        assert_eq!(apply_text(&p, "\r").text, "+");
        assert!(!apply_text(&p, "é").ascii);
    }

    const PIPELINES: [&str; 4] = [
        "[]",
        r#"[{"type": "remove_chars", "value": " -"}, {"type": "if_prefix", "value": "0", "number": 1},
            {"type": "replace_prefix", "value": "0", "value2": "+44"}]"#,
        r#"[{"type": "add_suffix", "value": "é"}, {"type": "strip_digits_end", "number": 3}]"#,
        r#"[{"type": "add_prefix", "value": "0000"}]"#,
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Item by item, `applyMany`'s results are `apply`'s: the output (the caller's own
        /// string when unchanged) or the error's message and step.
        #[test]
        fn many_equals_apply(
            which in 0..PIPELINES.len(),
            numbers in prop::collection::vec("[0-9 +\\-é😀\u{FFFD}a]{0,8}", 0..12),
        ) {
            let p = Pipeline::builder().max_length(8).from_json(PIPELINES[which]).unwrap();
            let numbers: Vec<&str> = numbers.iter().map(String::as_str).collect();
            let r = results(&p, &numbers);
            prop_assert_eq!(r.ascii, r.text.is_ascii());
            for ((piece, code), number) in items(&r, &numbers).into_iter().zip(&numbers) {
                match p.apply(number) {
                    Ok(out) => {
                        prop_assert!(code == OK || code == UNCHANGED);
                        prop_assert_eq!(piece, out);
                    }
                    Err(e) => {
                        prop_assert_eq!(piece, e.to_string());
                        prop_assert_eq!(code, e.step().map_or(-1, |s| s as i32));
                    }
                }
            }
        }

        /// `applyText` is `apply` line by line, with an empty line where it failed.
        #[test]
        fn text_equals_apply(
            which in 0..PIPELINES.len(),
            lines in prop::collection::vec("[0-9 +\\-é\r]{0,8}", 0..12),
            final_newline: bool,
        ) {
            let p = Pipeline::builder().max_length(8).from_json(PIPELINES[which]).unwrap();
            let mut text = lines.join("\n");
            if final_newline {
                text.push('\n');
            }
            let r = apply_text(&p, &text);
            let mut want = String::new();
            let mut errors = Vec::new();
            let body = text.strip_suffix('\n').unwrap_or(&text);
            for (index, line) in body.split('\n').enumerate().filter(|_| !text.is_empty()) {
                if index > 0 {
                    want.push('\n');
                }
                match p.apply(line.strip_suffix('\r').unwrap_or(line)) {
                    Ok(out) => want.push_str(&out),
                    Err(e) => errors.push((index, e.to_string(), e.step())),
                }
            }
            if body.len() < text.len() {
                want.push('\n');
            }
            prop_assert_eq!(&r.text, &want);
            prop_assert_eq!(r.ascii, want.is_ascii());
            let got: Vec<_> = r.errors.iter().map(|e| (e.index, e.error.clone(), e.step)).collect();
            prop_assert_eq!(got, errors);
        }
    }
}
