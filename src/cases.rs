//! Case files: numbers with the output a pipeline must give them, written by hand next to the
//! configuration and run like unit tests. Parsed once (every malformed line reported with its
//! line number), run against any number of pipelines.
//!
//! The text form, one case a line:
//!
//! ```text
//! # UK numbers to E.164
//! 020 7946 0000 => +442079460000
//! 00331234      => +331234
//! anonymous     => anonymous
//! ""            => ""
//! "#31#0207"    => error
//! ```
//!
//! Both sides are trimmed. A side may be a JSON string in double quotes (edge spaces, the
//! empty caller ID `""`, a `=>` or `#` inside). The right side may be the bare word `error`:
//! the number must fail to apply. A line whose first non-blank character is `#` is a comment;
//! blank lines are skipped. A bare side may not contain `#` (quote it), so a trailing comment
//! is an error rather than part of the expected number.
//!
//! The JSON form: an array of `{"input": string, "expect": string | null}` objects
//! (`null`: the number must fail). A file whose first non-blank character is `[` is read as
//! JSON (quote a first text case that starts with `[`).

use std::fmt;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::error::ApplyError;
use crate::outcome::Outcome;
use crate::pipeline::Pipeline;

/// One case: a number and what the pipeline must make of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Case {
    /// The 1-based line it was written on (for the JSON form, the line its object starts on).
    pub line: usize,
    /// The number to apply the pipeline to.
    pub input: String,
    /// The output it must give, or `None` when applying it must fail.
    pub expect: Option<String>,
}

/// A malformed case: its 1-based line and what was expected there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseError {
    /// The 1-based line number.
    pub line: usize,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for CaseError {
    /// `line N: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// A parsed case file.
///
/// ```
/// use callerid_transform::{CaseFile, Pipeline};
///
/// let cases = CaseFile::parse("# UK\n020 7946 0000 => +442079460000\n\"\" => \"\"\n1234 => error\n")
///     .map_err(|e| e[0].to_string())?;
/// let p = Pipeline::from_json(r#"[{"type": "if_length", "value": "5-"}, {"type": "to_e164", "value": "44", "value2": "0"}]"#)?;
/// let run = cases.run(&p);
/// assert_eq!((run.passed, run.failed), (2, 1));
/// let failure = run.results.iter().find(|r| !r.ok).unwrap();
/// assert_eq!((failure.line, failure.result.as_deref()), (4, Ok("1234")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFile {
    cases: Vec<Case>,
}

/// The result of one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseResult {
    /// The case's 1-based line.
    pub line: usize,
    /// The number.
    pub input: String,
    /// What it had to give (`None`: it had to fail).
    pub expect: Option<String>,
    /// Whether it did.
    pub ok: bool,
    /// What it gave.
    pub result: Result<String, ApplyError>,
    /// The transforms that changed it (0-based), as [`Outcome::changed`].
    pub changed: Vec<usize>,
    /// The `stop` that ended its run, as [`Outcome::stopped_at`].
    pub stopped_at: Option<usize>,
}

/// Every case's result, with the totals.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CaseRun {
    /// Cases that gave what they had to.
    pub passed: usize,
    /// Cases that did not.
    pub failed: usize,
    /// One result per case, in file order.
    #[serde(rename = "cases")]
    pub results: Vec<CaseResult>,
}

impl Serialize for CaseResult {
    /// `{"line", "input", "expect": string|null, "ok", "output": string|null,
    /// "error": string|null, "changed": [...], "stoppedAt": number|null}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(8))?;
        map.serialize_entry("line", &self.line)?;
        map.serialize_entry("input", &self.input)?;
        map.serialize_entry("expect", &self.expect)?;
        map.serialize_entry("ok", &self.ok)?;
        map.serialize_entry("output", &self.result.as_ref().ok())?;
        map.serialize_entry(
            "error",
            &self.result.as_ref().err().map(ToString::to_string),
        )?;
        map.serialize_entry("changed", &self.changed)?;
        map.serialize_entry("stoppedAt", &self.stopped_at)?;
        map.end()
    }
}

impl CaseFile {
    /// Parses a case file in either form; on failure, every malformed line.
    pub fn parse(text: &str) -> Result<CaseFile, Vec<CaseError>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let cases = if text.trim_start().starts_with('[') {
            parse_json(text)?
        } else {
            parse_text(text)?
        };
        Ok(CaseFile { cases })
    }

    /// The cases, in file order.
    pub fn cases(&self) -> &[Case] {
        &self.cases
    }

    /// Runs every case against `pipeline`.
    pub fn run(&self, pipeline: &Pipeline) -> CaseRun {
        let mut run = CaseRun {
            results: Vec::with_capacity(self.cases.len()),
            ..CaseRun::default()
        };
        let mut outcome = Outcome::new();
        for case in &self.cases {
            pipeline.outcome_into(&case.input, &mut outcome);
            let ok = match (&case.expect, outcome.result()) {
                (Some(want), Ok(got)) => want == got,
                (None, Err(_)) => true,
                _ => false,
            };
            if ok {
                run.passed += 1;
            } else {
                run.failed += 1;
            }
            run.results.push(CaseResult {
                line: case.line,
                input: case.input.clone(),
                expect: case.expect.clone(),
                ok,
                result: outcome.result().map(str::to_string).map_err(Clone::clone),
                changed: outcome.changed().to_vec(),
                stopped_at: outcome.stopped_at(),
            });
        }
        run
    }
}

// ---------------------------------------------------------------------------------------------
// The text form

fn parse_text(text: &str) -> Result<Vec<Case>, Vec<CaseError>> {
    let mut cases = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match parse_line(line) {
            Ok((input, expect)) => cases.push(Case {
                line: i + 1,
                input,
                expect,
            }),
            Err(message) => errors.push(CaseError {
                line: i + 1,
                message,
            }),
        }
    }
    if errors.is_empty() {
        Ok(cases)
    } else {
        Err(errors)
    }
}

const SHAPE: &str = "expected `INPUT => EXPECTED` (EXPECTED may be the word `error`; quote a side \
                     as a JSON string for edge spaces, `\"\"`, `=>` or `#`)";

/// One trimmed, non-blank, non-comment line: the input and the expectation.
fn parse_line(line: &str) -> Result<(String, Option<String>), String> {
    let (input, rest) = if line.starts_with('"') {
        let (input, rest) = quoted(line, "the input")?;
        let rest = rest.trim_start().strip_prefix("=>").ok_or_else(|| {
            format!(
                "expected `=>` after the quoted input, found {}",
                shown(rest)
            )
        })?;
        (input, rest)
    } else {
        let Some(at) = line.find("=>") else {
            return Err(format!("no `=>`: {SHAPE}"));
        };
        (bare(&line[..at], "input")?, &line[at + 2..])
    };
    let rest = rest.trim();
    let expect = if rest.starts_with('"') {
        let (expect, after) = quoted(rest, "the expected output")?;
        if !after.trim().is_empty() {
            return Err(format!(
                "unexpected {} after the quoted expected output (`#` starts a comment only at \
                 the start of a line)",
                shown(after.trim())
            ));
        }
        Some(expect)
    } else if rest == "error" {
        None
    } else {
        if rest.contains("=>") {
            return Err(
                "a second `=>`: quote the side that contains it as a JSON string".to_string(),
            );
        }
        Some(bare(rest, "expected output")?)
    };
    Ok((input, expect))
}

/// A bare (unquoted) side, already split off; trimmed.
fn bare(side: &str, what: &str) -> Result<String, String> {
    let side = side.trim();
    if side.is_empty() {
        return Err(format!(
            "the {what} is missing: {SHAPE} (write `\"\"` for the empty caller ID)"
        ));
    }
    if side.contains('#') {
        return Err(format!(
            "the {what} {} contains `#`: quote it as a JSON string (`#` starts a comment only \
             at the start of a line)",
            shown(side)
        ));
    }
    Ok(side.to_string())
}

/// A JSON string at the start of `s`, and the text after it.
fn quoted<'a>(s: &'a str, what: &str) -> Result<(String, &'a str), String> {
    let mut stream = serde_json::Deserializer::from_str(s).into_iter::<String>();
    match stream.next() {
        Some(Ok(value)) => Ok((value, &s[stream.byte_offset()..])),
        Some(Err(e)) => Err(format!(
            "{what} starts with `\"` but is not a valid JSON string: {}",
            json_message(&e)
        )),
        None => Err(format!("{what} is missing")),
    }
}

/// Some text for a message, cut short if it is long.
fn shown(s: &str) -> String {
    const MAX: usize = 30;
    if s.is_empty() {
        "the end of the line".to_string()
    } else if s.chars().count() <= MAX {
        format!("`{s}`")
    } else {
        format!("`{}...`", s.chars().take(MAX).collect::<String>())
    }
}

/// serde_json's message without its " at line L column C" (the caller names the line).
fn json_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}

// ---------------------------------------------------------------------------------------------
// The JSON form

fn parse_json(text: &str) -> Result<Vec<Case>, Vec<CaseError>> {
    let items: Vec<serde_json::Value> = serde_json::from_str(text).map_err(|e| {
        vec![CaseError {
            line: e.line().max(1),
            message: format!(
                "not a valid JSON array of cases: {} (column {})",
                json_message(&e),
                e.column()
            ),
        }]
    })?;
    let lines = element_lines(text);
    let mut cases = Vec::with_capacity(items.len());
    let mut errors = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let line = lines.get(i).copied().unwrap_or(1);
        match json_case(item) {
            Ok((input, expect)) => cases.push(Case {
                line,
                input,
                expect,
            }),
            Err(why) => errors.push(CaseError {
                line,
                message: format!("case {}: {why}", i + 1),
            }),
        }
    }
    if errors.is_empty() {
        Ok(cases)
    } else {
        Err(errors)
    }
}

const JSON_SHAPE: &str =
    "expected an object {\"input\": string, \"expect\": string or null (null: must fail)}";

fn json_case(item: serde_json::Value) -> Result<(String, Option<String>), String> {
    let serde_json::Value::Object(mut object) = item else {
        return Err(JSON_SHAPE.to_string());
    };
    if let Some(key) = object.keys().find(|k| *k != "input" && *k != "expect") {
        return Err(format!(
            "unknown member `{key}`; {JSON_SHAPE}",
            key = key.clone()
        ));
    }
    let input = match object.remove("input") {
        Some(serde_json::Value::String(s)) => s,
        Some(_) => return Err(format!("`input` is not a string; {JSON_SHAPE}")),
        None => return Err(format!("`input` is missing; {JSON_SHAPE}")),
    };
    let expect = match object.remove("expect") {
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Null) => None,
        Some(_) => return Err(format!("`expect` is not a string or null; {JSON_SHAPE}")),
        None => {
            return Err(format!(
                "`expect` is missing (write null if the number must fail); {JSON_SHAPE}"
            ))
        }
    };
    Ok((input, expect))
}

/// The 1-based line on which each element of a valid top-level JSON array starts.
fn element_lines(text: &str) -> Vec<usize> {
    let mut lines = Vec::new();
    let (mut line, mut depth) = (1, 0usize);
    let (mut in_string, mut escaped, mut expecting) = (false, false, false);
    for c in text.chars() {
        if c == '\n' {
            line += 1;
        }
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        if depth == 1 && expecting && !c.is_whitespace() && c != ']' {
            lines.push(line);
            expecting = false;
        }
        match c {
            '"' => in_string = true,
            '[' | '{' => {
                depth += 1;
                if depth == 1 {
                    expecting = true;
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            ',' if depth == 1 => expecting = true,
            _ => {}
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_lines_follow_nesting_and_strings() {
        let text = "[\n {\"input\": \"[,{\", \"expect\": null},\n\n {\"input\": \"\\\"\", \"expect\": \"]\"}, \"x\"\n]";
        assert_eq!(element_lines(text), vec![2, 4, 4]);
        assert_eq!(element_lines("[]"), Vec::<usize>::new());
    }
}
