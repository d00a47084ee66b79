//! `cidt`: compile a caller-ID transform pipeline and apply, check, trace or explain it.
//!
//! A thin shell over the `callerid_transform` library: every transform decision is the
//! library's; this binary only reads configurations and numbers, and prints results.
//!
//! Exit codes: 0 success; 1 at least one number failed to apply (the others are still
//! printed); 2 a configuration, usage or I/O error (the message is on stderr).

mod apply;
mod check;
mod demo;
mod diff;
mod import;
mod test;
mod trace;

use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use callerid_transform::{Limits, Pipeline, PipelineBuilder};
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
    /// Run case files (numbers with the output they must give) against a configuration
    Test(test::TestArgs),
    /// Compare two configurations over a list of numbers: what changes, and which transforms decided
    Diff(diff::DiffArgs),
    /// Convert a vendor rule table (Cisco, Kamailio/OpenSIPS, Yeastar, 3CX, Teams) to transforms
    Import(import::ImportArgs),
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
        } => apply::apply(&source, &limits, json, &numbers, &mut out)?,
        Command::Check {
            source,
            limits,
            json,
        } => check::check(&source, &limits, json, &mut out)?,
        Command::Trace {
            source,
            limits,
            json,
            number,
        } => trace::trace(&source, &limits, json, &number, &mut out)?,
        Command::Explain { source } => trace::explain(&source, &mut out)?,
        Command::Test(args) => test::test(&args, &mut out)?,
        Command::Diff(args) => diff::diff(&args, &mut out)?,
        Command::Import(args) => import::run(&args, &mut out)?,
        Command::Demo { print_config: true } => demo::print_config(&mut out)?,
        Command::Demo {
            print_config: false,
        } => demo::demo(&mut out)?,
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
