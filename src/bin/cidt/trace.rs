//! `cidt trace` and `cidt explain`: one number step by step, and the pipeline in plain English.

use std::io::{self, Write};
use std::process::ExitCode;

use callerid_transform::{Pipeline, StepStatus, Trace};

use crate::{compile, LimitArgs, Outcome, Source, FAILED};

pub(super) fn trace(
    source: &Source,
    limits: &LimitArgs,
    json: bool,
    number: &str,
    out: &mut impl Write,
) -> Outcome {
    let pipeline = compile(source, &limits.builder())?;
    let trace = pipeline.trace(number);
    if json {
        serde_json::to_writer(&mut *out, &trace).map_err(io::Error::from)?;
        out.write_all(b"\n")?;
    } else {
        write_trace(&trace, "", out)?;
    }
    Ok(if trace.result.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(FAILED)
    })
}

pub(super) fn explain(source: &Source, out: &mut impl Write) -> Outcome {
    let pipeline = compile(source, &Pipeline::builder())?;
    write_explain(&pipeline, "", out)?;
    Ok(ExitCode::SUCCESS)
}

fn status_word(status: StepStatus) -> String {
    status.as_str().replace('_', " ")
}

/// The step table (`#`, type, status, before, after), then the result.
pub(crate) fn write_trace(trace: &Trace, indent: &str, out: &mut impl Write) -> io::Result<()> {
    let header = ["#", "type", "status", "before", "after"].map(String::from);
    let rows: Vec<[String; 5]> = trace
        .steps
        .iter()
        .map(|s| {
            [
                (s.index + 1).to_string(),
                s.kind.to_string(),
                status_word(s.status),
                format!("{:?}", s.before),
                // Show `after` only where the step made it differ from `before`.
                if s.status == StepStatus::Changed {
                    format!("{:?}", s.after)
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    writeln!(out, "{indent}input: {:?}", trace.input)?;
    write_table(
        &header,
        &rows,
        &[true, false, false, false, false],
        indent,
        out,
    )?;
    match &trace.result {
        Ok(output) => writeln!(out, "{indent}result: {output:?}"),
        Err(e) => writeln!(out, "{indent}error: {e}"),
    }
}

/// Columns padded to their widest cell; `right[i]` right-aligns column i.
pub(crate) fn write_table<const N: usize>(
    header: &[String; N],
    rows: &[[String; N]],
    right: &[bool; N],
    indent: &str,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut widths = [0usize; N];
    for row in std::iter::once(header).chain(rows) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in std::iter::once(header).chain(rows) {
        let mut line = String::from(indent);
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            let pad = widths[i] - cell.chars().count();
            if right[i] {
                line.extend(std::iter::repeat(' ').take(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                if i + 1 < N {
                    line.extend(std::iter::repeat(' ').take(pad));
                }
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

pub(crate) fn write_explain(
    pipeline: &Pipeline,
    indent: &str,
    out: &mut impl Write,
) -> io::Result<()> {
    let lines = pipeline.explain_lines();
    if lines.is_empty() {
        return writeln!(
            out,
            "{indent}(no transforms: every number passes through unchanged)"
        );
    }
    for line in lines {
        writeln!(out, "{indent}{line}")?;
    }
    Ok(())
}
