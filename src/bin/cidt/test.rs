//! `cidt test`: case files run against a configuration, like unit tests; each failure with
//! the transforms that decided it, then the totals.

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use callerid_transform::{CaseFile, CaseResult, CaseRun, Pipeline};
use clap::Args;

use crate::{compile, config_from_stdin, trace, warn, Failure, LimitArgs, Outcome, Source};
use crate::{FAILED, FATAL};

/// `cidt test`'s arguments.
#[derive(Debug, Args)]
#[command(
    after_help = "A case file has one case a line, `INPUT => EXPECTED` (EXPECTED may be the word \
                  `error`: the number must fail; a side may be a JSON string in double quotes), \
                  `#` comment lines and blank lines; or it is a JSON array of \
                  {\"input\", \"expect\"} objects (\"expect\": null = must fail).\n\
                  Exit status: 0 every case passed; 1 some case failed; 2 a configuration or \
                  case-file error (FILE:LINE on stderr)."
)]
pub(crate) struct TestArgs {
    #[command(flatten)]
    source: Source,
    #[command(flatten)]
    limits: LimitArgs,
    /// Print the results as one JSON object: {"passed", "failed", "files": [{"file", "passed",
    /// "failed", "cases": [...]}]}
    #[arg(long)]
    json: bool,
    /// Add the full trace of each failing case
    #[arg(long)]
    trace: bool,
    /// Case files (`-` reads one from stdin)
    #[arg(value_name = "CASEFILE", required = true)]
    files: Vec<PathBuf>,
}

/// Most bytes of one case file (a generous bound: an endless file is never read whole).
const MAX_CASE_FILE: u64 = 64 << 20;

pub(super) fn test(args: &TestArgs, out: &mut impl Write) -> Outcome {
    let stdin_files = args.files.iter().filter(|f| f.as_os_str() == "-").count();
    if stdin_files > 1 || (stdin_files == 1 && config_from_stdin(&args.source)) {
        return Err(Failure::Fatal(
            "only one thing can be read from stdin: the configuration or one case file".into(),
        ));
    }
    let pipeline = compile(&args.source, &args.limits.builder())?;
    // Parse every file first: any malformed line anywhere is exit 2, all of them reported.
    let mut parsed = Vec::with_capacity(args.files.len());
    let mut malformed = false;
    for path in &args.files {
        let (text, name) = read_case_file(path)?;
        match CaseFile::parse(&text) {
            Ok(file) => parsed.push((name, file)),
            Err(errors) => {
                malformed = true;
                for e in errors {
                    warn(&format!("{name}:{}: {}", e.line, e.message));
                }
            }
        }
    }
    if malformed {
        return Ok(ExitCode::from(FATAL));
    }
    let runs: Vec<(String, CaseRun)> = parsed
        .into_iter()
        .map(|(name, file)| {
            let run = file.run(&pipeline);
            (name, run)
        })
        .collect();
    let passed: usize = runs.iter().map(|(_, r)| r.passed).sum();
    let failed: usize = runs.iter().map(|(_, r)| r.failed).sum();
    if args.json {
        write_json(&pipeline, &runs, passed, failed, args.trace, out)?;
    } else {
        for (name, run) in &runs {
            for result in run.results.iter().filter(|r| !r.ok) {
                write_failure(&pipeline, name, result, args.trace, out)?;
            }
        }
        writeln!(out, "{passed} passed, {failed} failed")?;
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(FAILED)
    })
}

fn read_case_file(path: &PathBuf) -> Result<(String, String), Failure> {
    let mut bytes = Vec::new();
    let name = if path.as_os_str() == "-" {
        io::stdin()
            .lock()
            .take(MAX_CASE_FILE + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Failure::Fatal(format!("cannot read cases from stdin: {e}")))?;
        "stdin".to_string()
    } else {
        let name = path.display().to_string();
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_CASE_FILE + 1).read_to_end(&mut bytes))
            .map_err(|e| Failure::Fatal(format!("cannot read {name}: {e}")))?;
        name
    };
    if bytes.len() as u64 > MAX_CASE_FILE {
        return Err(Failure::Fatal(format!(
            "{name}: a case file may hold at most {MAX_CASE_FILE} bytes"
        )));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        Failure::Fatal(format!("{name}:{line}: not valid UTF-8"))
    })?;
    Ok((text, name))
}

/// `transform 4 (replace_prefix) changed it, transform 5 (stop) stopped it`, 1-based.
pub(crate) fn deciders(
    pipeline: &Pipeline,
    changed: &[usize],
    stopped_at: Option<usize>,
) -> String {
    let name = |i: usize| {
        let kind = pipeline
            .transforms()
            .get(i)
            .map_or("?", |t| t.kind.as_str());
        format!("{} ({kind})", i + 1)
    };
    let mut parts = Vec::new();
    if !changed.is_empty() {
        let list: Vec<String> = changed.iter().map(|&i| name(i)).collect();
        let noun = if changed.len() == 1 {
            "transform"
        } else {
            "transforms"
        };
        parts.push(format!("{noun} {} changed it", list.join(", ")));
    }
    if let Some(i) = stopped_at {
        parts.push(format!("transform {} stopped it", name(i)));
    }
    if parts.is_empty() {
        "no transform changed it".to_string()
    } else {
        parts.join("; ")
    }
}

fn write_failure(
    pipeline: &Pipeline,
    file: &str,
    r: &CaseResult,
    with_trace: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    writeln!(out, "{file}:{}: {:?}", r.line, r.input)?;
    match &r.expect {
        Some(want) => writeln!(out, "  expected: {want:?}")?,
        None => writeln!(out, "  expected: error")?,
    }
    match &r.result {
        Ok(got) => writeln!(out, "  got:      {got:?}")?,
        Err(e) => writeln!(out, "  got:      error: {e}")?,
    }
    let decided = match &r.result {
        Err(e) => match e.step() {
            Some(i) => format!(
                "{}; transform {} ({}) failed",
                deciders(pipeline, &r.changed, None),
                i + 1,
                pipeline
                    .transforms()
                    .get(i)
                    .map_or("?", |t| t.kind.as_str())
            ),
            None => "the input itself is too long".to_string(),
        },
        Ok(_) => deciders(pipeline, &r.changed, r.stopped_at),
    };
    writeln!(out, "  decided:  {decided}")?;
    if with_trace {
        trace::write_trace(&pipeline.trace(&r.input), "    ", out)?;
    }
    Ok(())
}

fn write_json(
    pipeline: &Pipeline,
    runs: &[(String, CaseRun)],
    passed: usize,
    failed: usize,
    with_trace: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut files = Vec::with_capacity(runs.len());
    for (name, run) in runs {
        let mut value = serde_json::to_value(run).map_err(io::Error::from)?;
        if let (true, Some(cases)) = (with_trace, value["cases"].as_array_mut()) {
            for (case, result) in cases.iter_mut().zip(&run.results) {
                if !result.ok {
                    case["trace"] = serde_json::to_value(pipeline.trace(&result.input))
                        .map_err(io::Error::from)?;
                }
            }
        }
        value["file"] = name.as_str().into();
        files.push(value);
    }
    let all = serde_json::json!({"passed": passed, "failed": failed, "files": files});
    serde_json::to_writer(&mut *out, &all).map_err(io::Error::from)?;
    out.write_all(b"\n")
}
