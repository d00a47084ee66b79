//! `cidt`: compile a caller-ID transform pipeline and apply, check, trace or explain it.
//!
//! A thin shell over the `callerid_transform` library: every transform decision is the
//! library's; this file only reads configurations and numbers, and prints results.
//!
//! Exit codes: 0 success; 1 at least one number failed to apply (the others are still
//! printed); 2 a configuration, usage or I/O error (the message is on stderr).

use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use callerid_transform::{Limits, Pipeline, PipelineBuilder, Report, StepStatus, Trace};
use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "cidt",
    version,
    about = "Compile caller-ID transform pipelines (SIP-trunk caller_id_transforms) and apply them",
    after_help = "Exit status: 0 success; 1 a number failed to apply; 2 configuration or usage error.\n\
                  Start with `cidt demo`."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Apply the pipeline to numbers given as arguments, or else one per line from stdin
    Apply {
        #[command(flatten)]
        source: Source,
        #[command(flatten)]
        limits: LimitArgs,
        /// One JSON object per number: {"input", "output"} or {"input", "error", "step"}
        #[arg(long)]
        json: bool,
        /// Numbers to transform (default: read them from stdin, one per line)
        #[arg(value_name = "NUMBER")]
        numbers: Vec<String>,
    },
    /// Report every configuration error and lint warning
    Check {
        #[command(flatten)]
        source: Source,
        #[command(flatten)]
        limits: LimitArgs,
        /// Print the report as JSON: {"errors": [...], "warnings": [...]}
        #[arg(long)]
        json: bool,
    },
    /// Show what every transform does to one number, step by step
    Trace {
        #[command(flatten)]
        source: Source,
        #[command(flatten)]
        limits: LimitArgs,
        /// Print the trace as JSON: {"input", "steps", "output"} or {..., "error", "step"}
        #[arg(long)]
        json: bool,
        /// The number to trace
        #[arg(value_name = "NUMBER")]
        number: String,
    },
    /// Describe the pipeline in plain English
    Explain {
        #[command(flatten)]
        source: Source,
    },
    /// Run a built-in example: UK national numbers to E.164
    Demo {
        /// Only print the demo's configuration JSON (e.g. `cidt demo --print-config > uk.json`)
        #[arg(long)]
        print_config: bool,
    },
}

/// Where the configuration comes from: exactly one of `-c FILE`, `-c -`, `-t JSON`.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
struct Source {
    /// Read the configuration JSON from FILE (`-` reads it from stdin)
    #[arg(short = 'c', long = "config", value_name = "FILE")]
    config: Option<PathBuf>,
    /// The configuration JSON itself, inline
    #[arg(short = 't', long = "text", value_name = "JSON")]
    text: Option<String>,
}

#[derive(Debug, Args)]
struct LimitArgs {
    /// Most characters in a number and in every intermediate result [default: 256]
    #[arg(long, value_name = "N")]
    max_length: Option<usize>,
}

impl LimitArgs {
    fn builder(&self) -> PipelineBuilder {
        let builder = Pipeline::builder();
        match self.max_length {
            Some(n) => builder.max_length(n),
            None => builder,
        }
    }
}

/// Why the command stopped early.
enum Failure {
    /// Output went to a closed pipe: stop quietly.
    BrokenPipe,
    /// A configuration, usage or I/O error: the message goes to stderr, exit 2.
    Fatal(String),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure::BrokenPipe
        } else {
            Failure::Fatal(format!("I/O error: {e}"))
        }
    }
}

type Outcome = Result<ExitCode, Failure>;

const FAILED: u8 = 1;
const FATAL: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(Failure::Fatal(message)) => {
            warn(&message);
            ExitCode::from(FATAL)
        }
    }
}

/// Writes `cidt: message` to stderr, ignoring a closed stderr.
fn warn(message: &str) {
    let _ = writeln!(io::stderr().lock(), "cidt: {message}");
}

fn run(command: Command) -> Outcome {
    let stdout = io::stdout().lock();
    let mut out = io::BufWriter::new(stdout);
    let code = match command {
        Command::Apply {
            source,
            limits,
            json,
            numbers,
        } => apply(&source, &limits, json, &numbers, &mut out)?,
        Command::Check {
            source,
            limits,
            json,
        } => check(&source, &limits, json, &mut out)?,
        Command::Trace {
            source,
            limits,
            json,
            number,
        } => trace(&source, &limits, json, &number, &mut out)?,
        Command::Explain { source } => {
            let pipeline = compile(&source, &Pipeline::builder())?;
            write_explain(&pipeline, "", &mut out)?;
            ExitCode::SUCCESS
        }
        Command::Demo { print_config: true } => {
            writeln!(out, "{DEMO_CONFIG}")?;
            ExitCode::SUCCESS
        }
        Command::Demo {
            print_config: false,
        } => demo(&mut out)?,
    };
    out.flush()?;
    Ok(code)
}

// ---------------------------------------------------------------------------------------------
// Reading the configuration

/// The configuration text and a name for it in messages.
fn read_config(source: &Source) -> Result<(String, String), Failure> {
    if let Some(text) = &source.text {
        return Ok((text.clone(), "inline JSON".to_string()));
    }
    let Some(path) = &source.config else {
        return Err(Failure::Fatal(
            "give a configuration with -c FILE, -c - or -t JSON".into(),
        ));
    };
    // Read one byte past the library's size limit, so that it reports the size error itself
    // and an endless file is never read whole.
    let cap = Limits::default().max_config_bytes as u64 + 1;
    let mut bytes = Vec::new();
    let name = if path.as_os_str() == "-" {
        io::stdin()
            .lock()
            .take(cap)
            .read_to_end(&mut bytes)
            .map_err(|e| {
                Failure::Fatal(format!("cannot read the configuration from stdin: {e}"))
            })?;
        "stdin".to_string()
    } else {
        let file = std::fs::File::open(path)
            .map_err(|e| Failure::Fatal(format!("cannot open {}: {e}", path.display())))?;
        file.take(cap)
            .read_to_end(&mut bytes)
            .map_err(|e| Failure::Fatal(format!("cannot read {}: {e}", path.display())))?;
        path.display().to_string()
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        Failure::Fatal(format!(
            "{name}: the configuration is not valid UTF-8 (at byte {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok((text, name))
}

fn config_from_stdin(source: &Source) -> bool {
    source.config.as_ref().is_some_and(|p| p.as_os_str() == "-")
}

/// Reads and compiles the configuration; any error is fatal (exit 2) with every problem listed.
fn compile(source: &Source, builder: &PipelineBuilder) -> Result<Pipeline, Failure> {
    let (text, name) = read_config(source)?;
    builder
        .from_json(&text)
        .map_err(|e| Failure::Fatal(format!("{name}: {e}")))
}

// ---------------------------------------------------------------------------------------------
// apply

fn apply(
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
        match self.pipeline.apply_into(input, &mut self.result) {
            Ok(()) => {
                if self.json {
                    serde_json::to_writer(
                        &mut *out,
                        &JsonOk {
                            input,
                            output: &self.result,
                        },
                    )
                    .map_err(io::Error::from)?;
                    out.write_all(b"\n")?;
                } else {
                    out.write_all(self.result.as_bytes())?;
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

enum LineStatus {
    /// The line (without its '\n') is in the buffer.
    Complete,
    /// The line was longer than the cap; it was skipped, not buffered.
    TooLong,
}

/// Reads one line into `line` (without the '\n'), keeping at most `cap` bytes of it.
/// `None` at the end of input.
fn read_line(
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

// ---------------------------------------------------------------------------------------------
// check

fn check(source: &Source, limits: &LimitArgs, json: bool, out: &mut impl Write) -> Outcome {
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

// ---------------------------------------------------------------------------------------------
// trace and explain

fn trace(
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

fn status_word(status: StepStatus) -> String {
    status.as_str().replace('_', " ")
}

/// The step table (`#`, type, status, before, after), then the result.
fn write_trace(trace: &Trace, indent: &str, out: &mut impl Write) -> io::Result<()> {
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
fn write_table<const N: usize>(
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

fn write_explain(pipeline: &Pipeline, indent: &str, out: &mut impl Write) -> io::Result<()> {
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

// ---------------------------------------------------------------------------------------------
// demo

/// UK national numbers to E.164, as a first-match rule table.
const DEMO_CONFIG: &str = r#"[
  {"type": "remove_chars", "value": " -.()"},
  {"type": "if_prefix", "value": "+", "number": 1},
  {"type": "stop"},
  {"type": "if_prefix", "value": "00", "number": 2},
  {"type": "replace_prefix", "value": "00", "value2": "+"},
  {"type": "stop"},
  {"type": "if_pattern", "value": "0ZXXXXXXXXX", "number": 3},
  {"type": "strip_digits_start", "number": 1},
  {"type": "add_prefix", "value": "+44"},
  {"type": "stop"},
  {"type": "if_pattern", "value": "ZXXXXXXXXX", "number": 2},
  {"type": "add_prefix", "value": "+44"},
  {"type": "stop"},
  {"type": "set_if_empty", "value": "anonymous"}
]"#;

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

fn demo(out: &mut impl Write) -> Outcome {
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
        "\nTry it yourself:\n\n  \
         cidt demo --print-config > uk.json\n  \
         cidt apply -c uk.json '020 7946 0000' '07700 900123'\n  \
         cidt apply -c uk.json --json < numbers.txt\n  \
         cidt trace -c uk.json '0033 1 23 45 67 89'\n  \
         cidt check -c uk.json\n  \
         cidt apply -t '[{{\"type\": \"to_e164\", \"value\": \"44\", \"value2\": \"0\"}}]' '020 7946 0000'"
    )?;
    Ok(if failed {
        ExitCode::from(FAILED)
    } else {
        ExitCode::SUCCESS
    })
}
