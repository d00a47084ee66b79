//! `cidt apply`: the pipeline applied to numbers from the arguments or stdin, one result a line.

use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;

use callerid_transform::Pipeline;

use crate::{compile, config_from_stdin, warn, Failure, LimitArgs, Outcome, Source, FAILED};

pub(super) fn apply(
    source: &Source,
    limits: &LimitArgs,
    json: bool,
    numbers: &[String],
    out: &mut impl Write,
) -> Outcome {
    if numbers.is_empty() && config_from_stdin(source) {
        return Err(Failure::Fatal(
            "the configuration is read from stdin (-c -), so give the numbers as arguments".into(),
        ));
    }
    let pipeline = compile(source, &limits.builder())?;
    let mut printer = Printer {
        pipeline: &pipeline,
        json,
        result: String::with_capacity(64),
        failed: false,
    };
    if numbers.is_empty() {
        let stdin = io::stdin();
        let interactive = stdin.is_terminal();
        let mut reader = stdin.lock();
        let max_length = pipeline.limits().max_length;
        // A line of max_length characters takes at most 4 bytes a character, plus a '\r'.
        let cap = max_length.saturating_mul(4).saturating_add(1);
        let mut line = Vec::new();
        let mut n = 0;
        while let Some(status) = read_line(&mut reader, &mut line, cap)? {
            n += 1;
            match status {
                LineStatus::TooLong => printer.failure(
                    out,
                    n,
                    None,
                    &format!("input is longer than the limit of {max_length} characters"),
                    None,
                )?,
                LineStatus::Complete => {
                    if line.last() == Some(&b'\r') {
                        line.pop();
                    }
                    match std::str::from_utf8(&line) {
                        Ok(input) => printer.number(out, n, input)?,
                        Err(_) => printer.failure(
                            out,
                            n,
                            Some(&String::from_utf8_lossy(&line)),
                            "input is not valid UTF-8",
                            None,
                        )?,
                    }
                }
            }
            if interactive {
                out.flush()?;
            }
        }
    } else {
        for (i, input) in numbers.iter().enumerate() {
            printer.number(out, i + 1, input)?;
        }
    }
    Ok(if printer.failed {
        ExitCode::from(FAILED)
    } else {
        ExitCode::SUCCESS
    })
}

/// Prints one result per input, in order.
struct Printer<'a> {
    pipeline: &'a Pipeline,
    json: bool,
    result: String,
    failed: bool,
}

#[derive(serde::Serialize)]
struct JsonOk<'a> {
    input: &'a str,
    output: &'a str,
}

#[derive(serde::Serialize)]
struct JsonErr<'a> {
    input: Option<&'a str>,
    error: &'a str,
    step: Option<usize>,
}

impl Printer<'_> {
    /// Applies the pipeline to the `n`th input (1-based) and prints the result.
    fn number(&mut self, out: &mut impl Write, n: usize, input: &str) -> Result<(), Failure> {
        match self.pipeline.apply_view(input, &mut self.result) {
            Ok(output) => {
                if self.json {
                    serde_json::to_writer(&mut *out, &JsonOk { input, output })
                        .map_err(io::Error::from)?;
                    out.write_all(b"\n")?;
                } else {
                    out.write_all(output.as_bytes())?;
                    out.write_all(b"\n")?;
                }
                Ok(())
            }
            Err(e) => self.failure(out, n, Some(input), &e.to_string(), e.step()),
        }
    }

    /// Reports a number that failed: a JSON object, or an empty line on stdout (keeping one
    /// line per input) and the error on stderr.
    fn failure(
        &mut self,
        out: &mut impl Write,
        n: usize,
        input: Option<&str>,
        error: &str,
        step: Option<usize>,
    ) -> Result<(), Failure> {
        self.failed = true;
        if self.json {
            serde_json::to_writer(&mut *out, &JsonErr { input, error, step })
                .map_err(io::Error::from)?;
        } else {
            let shown = input
                .map(|s| format!(" ({})", abbreviate(s)))
                .unwrap_or_default();
            warn(&format!("input {n}{shown}: {error}"));
        }
        out.write_all(b"\n")?;
        Ok(())
    }
}

/// A number quoted for a message, cut short if it is long.
fn abbreviate(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        format!("{s:?}")
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head:?}...")
    }
}

pub(crate) enum LineStatus {
    /// The line (without its '\n') is in the buffer.
    Complete,
    /// The line was longer than the cap; it was skipped, not buffered.
    TooLong,
}

/// Reads one line into `line` (without the '\n'), keeping at most `cap` bytes of it.
/// `None` at the end of input.
pub(crate) fn read_line(
    reader: &mut impl BufRead,
    line: &mut Vec<u8>,
    cap: usize,
) -> io::Result<Option<LineStatus>> {
    line.clear();
    let mut too_long = false;
    let mut started = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(started.then_some(if too_long {
                LineStatus::TooLong
            } else {
                LineStatus::Complete
            }));
        }
        started = true;
        let (chunk, used, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], i + 1, true),
            None => (available, available.len(), false),
        };
        if !too_long {
            if line.len() + chunk.len() > cap {
                too_long = true;
                line.clear();
                line.shrink_to(cap.min(4096));
            } else {
                line.extend_from_slice(chunk);
            }
        }
        reader.consume(used);
        if done {
            return Ok(Some(if too_long {
                LineStatus::TooLong
            } else {
                LineStatus::Complete
            }));
        }
    }
}
