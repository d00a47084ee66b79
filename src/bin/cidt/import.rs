//! `cidt import`: a vendor rule table (Cisco, Kamailio/OpenSIPS, Yeastar/Asterisk, 3CX,
//! Teams) converted to transforms, printed as pretty JSON ready for the API.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use callerid_transform::import::{import, Format, ImportNote, ImportOptions, MAX_INPUT_BYTES};
use callerid_transform::Transform;
use clap::Args;
use serde::Serialize;

use crate::{Failure, Outcome, FATAL};

/// The formats `--from` accepts (aliases included).
const FORMATS: [&str; 8] = [
    "cisco", "kamailio", "opensips", "yeastar", "asterisk", "freepbx", "3cx", "teams",
];

/// `cidt import`'s arguments.
#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// The vendor format of the input
    #[arg(long = "from", value_name = "FORMAT", value_parser = FORMATS)]
    from: String,
    /// The table to import when the input has several (a Cisco tag, a Kamailio dpid)
    #[arg(long, value_name = "ID")]
    select: Option<String>,
    /// Turn what cannot be carried over exactly into warnings instead of errors
    #[arg(long)]
    lossy: bool,
    /// Print a trunk object {"caller_id_transforms": [...]} instead of a bare array
    #[arg(long)]
    trunk: bool,
    /// The input file (`-` or nothing: stdin)
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,
}

/// A trunk object holding only its transforms (`--trunk`).
#[derive(Serialize)]
struct Trunk<'a> {
    caller_id_transforms: &'a [Transform],
}

fn read_input(file: Option<&Path>) -> Result<(String, String), Failure> {
    // One byte past the library's limit, so that it reports the size itself.
    let cap = MAX_INPUT_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    let name = match file {
        Some(path) if path.as_os_str() != "-" => {
            let f = std::fs::File::open(path)
                .map_err(|e| Failure::Fatal(format!("cannot open {}: {e}", path.display())))?;
            f.take(cap)
                .read_to_end(&mut bytes)
                .map_err(|e| Failure::Fatal(format!("cannot read {}: {e}", path.display())))?;
            path.display().to_string()
        }
        _ => {
            io::stdin()
                .lock()
                .take(cap)
                .read_to_end(&mut bytes)
                .map_err(|e| Failure::Fatal(format!("cannot read stdin: {e}")))?;
            "stdin".to_string()
        }
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        Failure::Fatal(format!(
            "{name}: not valid UTF-8 (at byte {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok((text, name))
}

fn note(name: &str, level: &str, n: &ImportNote) -> String {
    match n.line {
        Some(line) => format!("cidt: {name}:{line}: {level}: {}", n.message),
        None => format!("cidt: {name}: {level}: {}", n.message),
    }
}

pub(super) fn run(args: &ImportArgs, out: &mut impl Write) -> Outcome {
    let format = Format::from_name(&args.from)
        .ok_or_else(|| Failure::Fatal(format!("unknown format {:?}", args.from)))?;
    let (text, name) = read_input(args.file.as_deref())?;
    let options = ImportOptions {
        select: args.select.clone(),
        lossy: args.lossy,
    };
    let mut err = io::stderr().lock();
    match import(format, &text, &options) {
        Ok(imported) => {
            for w in &imported.warnings {
                let _ = writeln!(err, "{}", note(&name, "warning", w));
            }
            let json = if args.trunk {
                serde_json::to_string_pretty(&Trunk {
                    caller_id_transforms: &imported.transforms,
                })
            } else {
                serde_json::to_string_pretty(&imported.transforms)
            }
            .map_err(io::Error::from)?;
            writeln!(out, "{json}")?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            for n in &e.errors {
                let _ = writeln!(err, "{}", note(&name, "error", n));
            }
            Ok(ExitCode::from(FATAL))
        }
    }
}
