//! `cidt check`: every configuration error and lint warning, as text or JSON.

use std::io::{self, Write};
use std::process::ExitCode;

use callerid_transform::Report;

use crate::{read_config, LimitArgs, Outcome, Source, FATAL};

pub(super) fn check(
    source: &Source,
    limits: &LimitArgs,
    json: bool,
    out: &mut impl Write,
) -> Outcome {
    let (text, name) = read_config(source)?;
    let report = limits.builder().check(&text);
    if json {
        serde_json::to_writer(&mut *out, &report).map_err(io::Error::from)?;
        out.write_all(b"\n")?;
    } else {
        write_report(&report, &name, out)?;
    }
    Ok(if report.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(FATAL)
    })
}

fn plural(n: usize, word: &str) -> String {
    match n {
        0 => format!("no {word}s"),
        1 => format!("1 {word}"),
        n => format!("{n} {word}s"),
    }
}

fn write_report(report: &Report, name: &str, out: &mut impl Write) -> io::Result<()> {
    // Messages may span lines (a regex error points at the fault): indent the continuation.
    for e in &report.errors {
        writeln!(out, "error: {}", e.to_string().replace('\n', "\n       "))?;
    }
    for w in &report.warnings {
        writeln!(
            out,
            "warning: {}",
            w.to_string().replace('\n', "\n         ")
        )?;
    }
    let verdict = if report.errors.is_empty() {
        "ok"
    } else {
        "invalid"
    };
    writeln!(
        out,
        "{name}: {verdict}: {}, {}",
        plural(report.errors.len(), "error"),
        plural(report.warnings.len(), "warning")
    )
}
