//! `cidt diff`: two configurations over a list of numbers; which numbers change and which
//! transforms made them change (the library's `Diff`), streamed in bounded memory.

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use callerid_transform::{ApplyError, Diff, DiffOptions, DiffSummary, Pipeline};
use clap::Args;

use crate::apply::{read_line, LineStatus};
use crate::{compile, warn, Failure, LimitArgs, Outcome, Source, FAILED};

/// `cidt diff`'s arguments.
#[derive(Debug, Args)]
#[command(
    override_usage = "cidt diff [OPTIONS] OLD NEW [NUMBER]...\n       \
                      cidt diff [OPTIONS] -t OLD_JSON -t NEW_JSON [NUMBER]...",
    after_help = "OLD and NEW are configuration files (either wire form); or give both inline \
                  with -t, OLD first. Numbers come from the arguments, else --numbers FILE, else \
                  stdin, one a line.\n\
                  Exit status: 0 no number differs; 1 some numbers differ; 2 trouble \
                  (configuration, usage or I/O error)."
)]
pub(crate) struct DiffArgs {
    /// Both configurations inline: the first -t is OLD, the second NEW
    #[arg(short = 't', long = "text", value_name = "JSON", action = clap::ArgAction::Append)]
    text: Vec<String>,
    #[command(flatten)]
    limits: LimitArgs,
    /// Read the numbers from FILE, one a line
    #[arg(long, value_name = "FILE")]
    numbers: Option<PathBuf>,
    /// Show at most N differing numbers per group
    #[arg(long, value_name = "N", default_value_t = 20)]
    limit: usize,
    /// Show every differing number (memory grows with the differences)
    #[arg(long, conflicts_with = "limit")]
    all: bool,
    /// One JSON object per differing number, as found: {"input", "old", "new"} (each
    /// {"output", "error", "changed", "stoppedAt"}); then {"summary": {...}}
    #[arg(long)]
    json: bool,
    /// OLD and NEW configuration files (unless given with -t), then the numbers
    #[arg(value_name = "ARG")]
    args: Vec<String>,
}

pub(super) fn diff(args: &DiffArgs, out: &mut impl Write) -> Outcome {
    let (old, new, numbers) = sources(args)?;
    let builder = args.limits.builder();
    let old_reads_stdin = matches!(&old.config, Some(p) if p.as_os_str() == "-");
    let new_reads_stdin = matches!(&new.config, Some(p) if p.as_os_str() == "-");
    let numbers_from_stdin = numbers.is_empty() && args.numbers.is_none();
    if (old_reads_stdin && new_reads_stdin)
        || ((old_reads_stdin || new_reads_stdin) && numbers_from_stdin)
    {
        return Err(Failure::Fatal(
            "only one thing can be read from stdin: a configuration or the numbers".into(),
        ));
    }
    if !numbers.is_empty() && args.numbers.is_some() {
        return Err(Failure::Fatal(
            "give the numbers as arguments or with --numbers FILE, not both".into(),
        ));
    }
    let named = |side: &str, e: Failure| match e {
        Failure::Fatal(m) => Failure::Fatal(format!("{side}: {m}")),
        other => other,
    };
    let old = compile(&old, &builder).map_err(|e| named("OLD", e))?;
    let new = compile(&new, &builder).map_err(|e| named("NEW", e))?;
    let options = DiffOptions {
        examples_per_group: if args.all { usize::MAX } else { args.limit },
        ..DiffOptions::default()
    };
    let mut run = Run {
        diff: Diff::with_options(&old, &new, options),
        json: args.json,
        progress: Progress::new(io::stdout().is_terminal() && io::stderr().is_terminal()),
    };
    if !numbers.is_empty() {
        for n in numbers {
            run.number(n, out)?;
        }
    } else {
        let max_length = old.limits().max_length.max(new.limits().max_length);
        match &args.numbers {
            Some(path) => {
                let file = File::open(path)
                    .map_err(|e| Failure::Fatal(format!("cannot open {}: {e}", path.display())))?;
                run.lines(BufReader::new(file), max_length, out)?;
            }
            None => run.lines(io::stdin().lock(), max_length, out)?,
        }
    }
    run.progress.clear();
    let summary = run.diff.summary();
    if args.json {
        #[derive(serde::Serialize)]
        struct Last<'a> {
            summary: &'a DiffSummary,
        }
        serde_json::to_writer(&mut *out, &Last { summary: &summary }).map_err(io::Error::from)?;
        out.write_all(b"\n")?;
    } else {
        write_summary(&old, &new, &summary, out)?;
    }
    Ok(if summary.different == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(FAILED)
    })
}

/// OLD, NEW, and the numbers given as arguments.
fn sources(args: &DiffArgs) -> Result<(Source, Source, &[String]), Failure> {
    let file = |path: &String| Source {
        config: Some(PathBuf::from(path)),
        text: None,
    };
    let inline = |json: &String| Source {
        config: None,
        text: Some(json.clone()),
    };
    match (args.text.as_slice(), args.args.as_slice()) {
        ([old, new], numbers) => Ok((inline(old), inline(new), numbers)),
        ([], [old, new, numbers @ ..]) => Ok((file(old), file(new), numbers)),
        ([], _) => Err(Failure::Fatal(
            "give two configurations: OLD NEW (files) or -t OLD_JSON -t NEW_JSON".into(),
        )),
        _ => Err(Failure::Fatal(
            "give both configurations inline (-t OLD_JSON -t NEW_JSON) or both as files (OLD NEW)"
                .into(),
        )),
    }
}

struct Run {
    diff: Diff,
    json: bool,
    progress: Progress,
}

impl Run {
    fn number(&mut self, input: &str, out: &mut impl Write) -> Result<(), Failure> {
        if let Some(d) = self.diff.push(input) {
            if self.json {
                serde_json::to_writer(&mut *out, &d).map_err(io::Error::from)?;
                out.write_all(b"\n")?;
            }
        }
        self.progress.tick(&self.diff);
        Ok(())
    }

    /// Feeds one number a line; a line that is not UTF-8, or far longer than any number
    /// can be, is reported on stderr and skipped (it is not a caller ID either pipeline
    /// could be given).
    fn lines(
        &mut self,
        mut reader: impl BufRead,
        max_length: usize,
        out: &mut impl Write,
    ) -> Result<(), Failure> {
        // A number of max_length characters takes at most 4 bytes a character, plus a '\r'.
        let cap = max_length.saturating_mul(4).saturating_add(1);
        let mut line = Vec::new();
        let (mut n, mut skipped) = (0u64, 0u64);
        while let Some(status) = read_line(&mut reader, &mut line, cap)? {
            n += 1;
            if matches!(status, LineStatus::Complete) && line.last() == Some(&b'\r') {
                line.pop();
            }
            let why = match (&status, std::str::from_utf8(&line)) {
                (LineStatus::Complete, Ok(input)) => {
                    self.number(input, out)?;
                    continue;
                }
                (LineStatus::TooLong, _) => "longer than any number can be; skipped",
                (LineStatus::Complete, Err(_)) => "not valid UTF-8; skipped",
            };
            skipped += 1;
            if skipped <= 10 {
                self.progress.clear();
                warn(&format!("line {n}: {why}"));
            }
        }
        if skipped > 10 {
            warn(&format!("{skipped} lines skipped in all"));
        }
        Ok(())
    }
}

/// The progress line on stderr (numbers/s), only when both stdout and stderr are terminals.
struct Progress {
    enabled: bool,
    start: Instant,
    last: Instant,
    shown: bool,
}

impl Progress {
    fn new(enabled: bool) -> Progress {
        let now = Instant::now();
        Progress {
            enabled,
            start: now,
            last: now,
            shown: false,
        }
    }

    fn tick(&mut self, diff: &Diff) {
        let seen = diff.seen();
        if !self.enabled || seen % 4096 != 0 {
            return;
        }
        let now = Instant::now();
        if now - self.start < Duration::from_secs(1) || now - self.last < Duration::from_millis(250)
        {
            return;
        }
        self.last = now;
        let rate = seen as f64 / (now - self.start).as_secs_f64();
        let mut err = io::stderr().lock();
        let _ = write!(err, "\r\x1b[K{seen} numbers, {rate:.0}/s");
        let _ = err.flush();
        self.shown = true;
    }

    fn clear(&mut self) {
        if self.shown {
            let _ = write!(io::stderr().lock(), "\r\x1b[K");
            self.shown = false;
        }
    }
}

fn write_summary(
    old: &Pipeline,
    new: &Pipeline,
    s: &DiffSummary,
    out: &mut impl Write,
) -> io::Result<()> {
    writeln!(
        out,
        "{} numbers: {} unchanged, {} different ({} newly failing, {} newly fixed)",
        s.seen, s.unchanged, s.different, s.newly_failing, s.newly_fixed
    )?;
    if s.groups.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "Differences by the transforms that decided (1-based):")?;
    let rows: Vec<[String; 3]> = s
        .groups
        .iter()
        .map(|g| {
            if g.other {
                [g.count.to_string(), "(other groups)".into(), String::new()]
            } else {
                [
                    g.count.to_string(),
                    decided(old, &g.old),
                    decided(new, &g.new),
                ]
            }
        })
        .collect();
    let header = ["numbers", "old", "new"].map(String::from);
    crate::trace::write_table(&header, &rows, &[true, false, false], "  ", out)?;
    for (g, row) in s.groups.iter().zip(&rows) {
        writeln!(out)?;
        if g.other {
            writeln!(out, "{} numbers in other groups:", g.count)?;
        } else {
            writeln!(
                out,
                "old {} -> new {} ({} numbers):",
                row[1], row[2], g.count
            )?;
        }
        for e in &g.examples {
            writeln!(
                out,
                "  {:?}: {} -> {}",
                e.input,
                shown(&e.old),
                shown(&e.new)
            )?;
        }
        let more = g.count - g.examples.len() as u64;
        if more > 0 {
            writeln!(out, "  ... and {more} more (--limit N, --all)")?;
        }
    }
    Ok(())
}

/// `6 to_e164, 2 stop` (1-based), or `none`.
fn decided(pipeline: &Pipeline, indices: &[usize]) -> String {
    if indices.is_empty() {
        return "none".to_string();
    }
    let names: Vec<String> = indices
        .iter()
        .map(|&i| {
            let kind = pipeline
                .transforms()
                .get(i)
                .map_or("?", |t| t.kind.as_str());
            format!("{} {kind}", i + 1)
        })
        .collect();
    names.join(", ")
}

fn shown(result: &Result<String, ApplyError>) -> String {
    match result {
        Ok(output) => format!("{output:?}"),
        Err(e) => format!("error ({e})"),
    }
}
