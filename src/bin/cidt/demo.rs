//! `cidt demo`: a built-in example, UK national numbers to E.164, explained, traced and applied.

use std::io::Write;
use std::process::ExitCode;

use callerid_transform::Pipeline;

use crate::trace::{write_explain, write_table, write_trace};
use crate::{Failure, Outcome, FAILED};

/// UK national numbers to E.164, as a first-match rule table.
const DEMO_CONFIG: &str = include_str!("demo-uk.json");

/// Sample caller IDs, with what each shows.
const DEMO_NUMBERS: &[(&str, &str)] = &[
    ("020 7946 0000", "London, national format"),
    ("07700 900123", "mobile, national format"),
    ("(020) 7946-0000", "other separators"),
    ("2079460000", "national, trunk 0 missing"),
    ("+44 20 7946 0000", "already E.164, spaced"),
    ("+442079460000", "already E.164"),
    ("0033 1 23 45 67 89", "international, 00 prefix"),
    ("999", "short code: no rule matches"),
    ("anonymous", "not a number: passes through"),
    ("", "withheld (empty)"),
];

const DEMO_TRACED: &str = "020 7946 0000";

/// Shell commands to try next, printed as they are; run in order in an empty directory, each
/// works (tests/cli.rs runs them). `cargo install --path . --features cli --locked` puts
/// `cidt` on the PATH (README).
const FOLLOW_UP: &[&str] = &[
    "cidt demo --print-config > uk.json",
    "cidt apply -c uk.json '020 7946 0000' '07700 900123'",
    "printf '%s\\n' '020 7946 0000' '999' | cidt apply -c uk.json --json",
    "cidt trace -c uk.json '0033 1 23 45 67 89'",
    "cidt check -c uk.json",
    r#"cidt apply -t '[{"type": "to_e164", "value": "44", "value2": "0"}]' '020 7946 0000'"#,
];

/// `cidt demo --print-config`: the configuration alone.
pub(super) fn print_config(out: &mut impl Write) -> Outcome {
    write!(out, "{DEMO_CONFIG}")?; // the file ends with a newline
    Ok(ExitCode::SUCCESS)
}

pub(super) fn demo(out: &mut impl Write) -> Outcome {
    let pipeline = Pipeline::from_json(DEMO_CONFIG)
        .map_err(|e| Failure::Fatal(format!("the built-in demo does not compile: {e}")))?;
    writeln!(
        out,
        "cidt demo: UK national numbers to E.164, as a first-match rule table\n"
    )?;
    writeln!(out, "The configuration (caller_id_transforms JSON):\n")?;
    for line in DEMO_CONFIG.lines() {
        writeln!(out, "  {line}")?;
    }

    writeln!(out, "\nWhat it does (cidt explain):\n")?;
    write_explain(&pipeline, "  ", out)?;

    writeln!(out, "\nOne number step by step (cidt trace):\n")?;
    write_trace(&pipeline.trace(DEMO_TRACED), "  ", out)?;

    writeln!(out, "\nSample numbers (cidt apply):\n")?;
    let header = ["input", "output", ""].map(String::from);
    let mut failed = false;
    let rows: Vec<[String; 3]> = DEMO_NUMBERS
        .iter()
        .map(|&(input, note)| {
            let output = match pipeline.apply(input) {
                Ok(output) => format!("{output:?}"),
                Err(e) => {
                    failed = true;
                    format!("error: {e}")
                }
            };
            [format!("{input:?}"), output, format!("  {note}")]
        })
        .collect();
    write_table(&header, &rows, &[false; 3], "  ", out)?;

    writeln!(
        out,
        "\nTry it yourself (in a shell, with `cidt` on the PATH):\n"
    )?;
    for command in FOLLOW_UP {
        writeln!(out, "  {command}")?;
    }
    Ok(if failed {
        ExitCode::from(FAILED)
    } else {
        ExitCode::SUCCESS
    })
}
