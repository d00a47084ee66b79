//! The `cidt` binary, run as a process: exit codes, output shapes, stdin handling.
//!
//! Expected values are worked out by hand from the contract (docs/spec.md), not copied from the tool's output.
//! The binary needs the `cli` feature: `cargo test --features cli`.
#![cfg(feature = "cli")]

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

#[path = "common/cidt.rs"]
mod cidt;
use cidt::*;

/// UK national numbers to E.164 (docs/spec.md §4.4): cc 44, trunk prefix 0.
const UK: &str = r#"[{"type": "to_e164", "value": "44", "value2": "0"}]"#;

fn no_panic(o: &Output) {
    assert!(
        !stderr(o).contains("panicked"),
        "cidt panicked: {}",
        stderr(o)
    );
}

fn json_lines(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l:?}: {e}")))
        .collect()
}

/// A file under the temp dir with a name no other test (or test run) uses; removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    fn new(contents: &[u8]) -> TempFile {
        static N: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "cidt-cli-test-{}-{}-{}.json",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        std::fs::write(&path, contents).unwrap();
        TempFile(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

// ---------------------------------------------------------------------------------------------
// apply

#[test]
fn apply_arguments_one_result_per_line_in_order() {
    let o = run(
        &[
            "apply",
            "-t",
            UK,
            "020 7946 0000",
            "4155550100",
            "anonymous",
            "+15550100",
        ],
        b"",
    );
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    // 4155550100: no trunk prefix, so cc is prepended; anonymous is not numeric; + passes.
    assert_eq!(
        stdout(&o),
        "+442079460000\n+444155550100\nanonymous\n+15550100\n"
    );
    assert_eq!(stderr(&o), "");
}

#[test]
fn apply_empty_argument_is_a_withheld_caller_id() {
    let cfg = r#"[{"type": "set_if_empty", "value": "withheld"}]"#;
    let o = run(&["apply", "-t", cfg, "", "123", ""], b"");
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    assert_eq!(stdout(&o), "withheld\n123\nwithheld\n");

    // to_e164 leaves "" unchanged (docs/spec.md §4.4 step 2): an empty line out.
    let o = run(&["apply", "-t", UK, "--json", ""], b"");
    assert_eq!(code(&o), 0);
    assert_eq!(
        json_lines(&o),
        vec![serde_json::json!({"input": "", "output": ""})]
    );
}

#[test]
fn apply_reads_numbers_from_stdin_line_by_line() {
    // CRLF, an empty line (withheld), and a last line without a newline.
    let o = run(
        &["apply", "-t", UK],
        b"020 7946 0000\r\n\n07700 900123\r\n0044 20\n+442079460000",
    );
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    // "0044 20": t = "004420", trunk 0 stripped -> +44 + "04420".
    assert_eq!(
        stdout(&o),
        "+442079460000\n\n+447700900123\n+4404420\n+442079460000\n"
    );
}

#[test]
fn apply_ignores_stdin_when_numbers_are_arguments() {
    let o = run(&["apply", "-t", UK, "02079460000"], b"07700900123\n");
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o), "+442079460000\n");
}

#[test]
fn apply_no_input_prints_nothing() {
    let o = run(&["apply", "-t", UK], b"");
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o), "");
}

#[test]
fn apply_config_from_file() {
    let file = TempFile::new(
        br#"{"name": "trunk 7", "caller_id_transforms": [
              {"type": "strip_digits_start", "number": 2},
              {"type": "add_prefix", "value": "0"}]}"#,
    );
    let o = run(&["apply", "-c", file.path(), "4402079460000", "12"], b"");
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    // "4402079460000" minus 2 -> "02079460000" -> "002079460000"; "12" -> "" -> "0".
    assert_eq!(stdout(&o), "002079460000\n0\n");
}

#[test]
fn apply_config_from_file_with_numbers_from_stdin() {
    let file = TempFile::new(br#"[{"type": "keep_digits_end", "number": 4}]"#);
    let o = run(&["apply", "--config", file.path()], b"4085551234\n12\n");
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    assert_eq!(stdout(&o), "1234\n12\n");
}

#[test]
fn apply_missing_config_file_is_exit_2() {
    let file = TempFile::new(b"[]");
    let missing = format!("{}.does-not-exist", file.path());
    let o = run(&["apply", "-c", &missing, "1"], b"");
    assert_eq!(code(&o), 2);
    assert_eq!(stdout(&o), "");
    assert!(stderr(&o).contains("does-not-exist"), "{}", stderr(&o));
}

#[test]
fn apply_config_from_stdin_numbers_from_arguments() {
    let o = run(
        &["apply", "-c", "-", "5551234", ""],
        br#"[{"type": "mask", "value": "+1408XXXXXXX"}]"#,
    );
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    // docs/spec.md §4.3: "+1408XXXXXXX" on "5551234" gives "+14085551234"; on "" the X's take nothing.
    assert_eq!(stdout(&o), "+14085551234\n+1408\n");
}

#[test]
fn apply_config_from_stdin_without_numbers_is_a_usage_error() {
    let o = run(&["apply", "-c", "-"], br#"[{"type": "digits_only"}]"#);
    assert_eq!(code(&o), 2);
    assert_eq!(stdout(&o), "");
    assert!(stderr(&o).contains("argument"), "{}", stderr(&o));
}

#[test]
fn apply_json_output_shape() {
    // max length 5: "123" -> "+1123" fits; "1234" -> "+11234" would be 6 (step 0 fails);
    // "123456" is itself too long (no step).
    let cfg = r#"[{"type": "add_prefix", "value": "+1"}]"#;
    let o = run(
        &[
            "apply",
            "-t",
            cfg,
            "--max-length",
            "5",
            "--json",
            "123",
            "1234",
            "123456",
            "9",
        ],
        b"",
    );
    assert_eq!(code(&o), 1, "stderr: {}", stderr(&o));
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 4);
    assert_eq!(
        lines[0],
        serde_json::json!({"input": "123", "output": "+1123"})
    );
    assert_eq!(lines[1]["input"], "1234");
    assert_eq!(lines[1]["step"], 0);
    assert!(lines[1]["error"].as_str().unwrap().contains('5'));
    assert!(lines[1].get("output").is_none());
    assert_eq!(lines[2]["input"], "123456");
    assert_eq!(lines[2]["step"], Value::Null);
    assert!(lines[2]["error"].is_string());
    assert_eq!(lines[3], serde_json::json!({"input": "9", "output": "+19"}));
}

#[test]
fn apply_too_long_argument_fails_that_number_only() {
    let long = "1".repeat(300);
    let cfg = r#"[{"type": "digits_only"}]"#;
    let o = run(&["apply", "-t", cfg, "+1 555", &long, "(020) 7946"], b"");
    assert_eq!(code(&o), 1);
    // The failed number keeps its line (empty), so output lines match input lines.
    assert_eq!(stdout(&o), "+1555\n\n0207946\n");
    let err = stderr(&o);
    assert!(err.contains("input 2"), "{err}");
    assert!(err.contains("256"), "{err}");
}

#[test]
fn apply_too_long_stdin_line_is_a_per_line_error() {
    let mut input = b"020 7946 0000\n".to_vec();
    input.extend(std::iter::repeat(b'7').take(5_000_000));
    input.extend_from_slice(b"\n07700 900123\n");
    input.extend(std::iter::repeat(b'8').take(300)); // last line, no newline, also too long
    let o = run(&["apply", "-t", UK, "--json"], &input);
    assert_eq!(code(&o), 1, "stderr: {}", stderr(&o));
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["output"], "+442079460000");
    assert!(lines[1]["error"]
        .as_str()
        .unwrap()
        .contains("input is longer than"));
    assert_eq!(lines[1]["step"], Value::Null);
    assert_eq!(lines[2]["output"], "+447700900123");
    assert!(lines[3]["error"].is_string());
}

#[test]
fn apply_max_length_sets_the_stdin_limit() {
    // 6 characters with a limit of 5 fails; 5 passes; multi-byte characters count once.
    let o = run(
        &["apply", "-t", "[]", "--max-length", "5"],
        "12345\n123456\néééé\nééééé\néééééé\n".as_bytes(),
    );
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o), "12345\n\néééé\nééééé\n\n");
    let err = stderr(&o);
    assert!(err.contains("input 2"), "{err}");
    assert!(err.contains("input 5"), "{err}");
    assert!(!err.contains("input 4"), "{err}");
}

#[test]
fn apply_invalid_utf8_line_is_a_per_line_error() {
    let o = run(
        &["apply", "-t", UK, "--json"],
        b"02079460000\n\xff\xfe12\n07700900123\n",
    );
    assert_eq!(code(&o), 1);
    no_panic(&o);
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["output"], "+442079460000");
    assert!(lines[1]["error"].as_str().unwrap().contains("UTF-8"));
    assert!(lines[1].get("output").is_none());
    assert_eq!(lines[2]["output"], "+447700900123");

    let o = run(&["apply", "-t", UK], b"\xc3\n02079460000\n");
    assert_eq!(code(&o), 1);
    assert_eq!(stdout(&o), "\n+442079460000\n");
    assert!(stderr(&o).contains("UTF-8"));
}

#[test]
fn apply_config_errors_on_stderr_with_index_and_field() {
    let cfg = r#"[{"type": "add_prefix", "value": "1"},
                  {"type": "add_prefix"},
                  {"type": "strip_digits_start", "number": -1}]"#;
    let o = run(&["apply", "-t", cfg, "123"], b"");
    assert_eq!(code(&o), 2);
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    // Shown 1-based: the second and third transforms.
    assert!(err.contains("transform 2, field `value`"), "{err}");
    assert!(err.contains("transform 3, field `number`"), "{err}");
    assert!(!err.contains("transform 1,"), "{err}");
}

#[test]
fn apply_json_syntax_error_gives_line_and_column() {
    let o = run(&["apply", "-t", "[\n  {\"type\": }", "1"], b"");
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains("line 2"), "{err}");
    assert!(err.contains("column"), "{err}");
}

#[test]
fn apply_unknown_type_suggests_the_nearest() {
    let o = run(
        &[
            "apply",
            "-t",
            r#"[{"type": "add_prefx", "value": "1"}]"#,
            "1",
        ],
        b"",
    );
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains("transform 1, field `type`"), "{err}");
    assert!(err.contains("add_prefix"), "{err}");
}

#[test]
fn apply_survives_a_closed_stdout() {
    let mut child = Command::new(CIDT)
        .args(["apply", "-t", "[]"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut first = [0u8; 4];
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let line = b"0123456789\n".repeat(1000);
        for _ in 0..2000 {
            if stdin.write_all(&line).is_err() {
                break;
            }
        }
    });
    out.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"0123");
    drop(out);
    let o = child.wait_with_output().unwrap();
    writer.join().unwrap();
    no_panic(&o);
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
}

// ---------------------------------------------------------------------------------------------
// usage

#[test]
fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &["apply"][..],
        &["apply", "-c", "x.json", "-t", "[]"][..],
        &["trace", "-t", "[]"][..],
        &["frobnicate"][..],
        &["apply", "-t", "[]", "--max-length", "many"][..],
    ] {
        let o = run(args, b"");
        assert_eq!(code(&o), 2, "cidt {args:?}");
        assert!(!stderr(&o).is_empty(), "cidt {args:?}");
        no_panic(&o);
    }
}

#[test]
fn help_and_version_exit_0() {
    let o = run(&["--help"], b"");
    assert_eq!(code(&o), 0);
    for sub in ["apply", "check", "trace", "explain", "demo"] {
        assert!(stdout(&o).contains(sub), "{sub} missing from --help");
    }
    let o = run(&["--version"], b"");
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains(env!("CARGO_PKG_VERSION")));
}

// ---------------------------------------------------------------------------------------------
// check

#[test]
fn check_errors_exit_2_human_readable() {
    let cfg = r#"[{"type": "strip_digits_end", "number": 0},
                  {"type": "if_length", "value": "9-3"},
                  {"type": "add_prefix", "value": "1", "colour": "red"}]"#;
    let o = run(&["check", "-t", cfg], b"");
    assert_eq!(code(&o), 2);
    let out = stdout(&o);
    assert!(out.contains("transform 2, field `value`"), "{out}");
    assert!(out.contains("transform 3"), "{out}");
    assert!(out.contains("colour"), "{out}");
    // The warning (strip 0 characters) is listed too.
    assert!(out.contains("no_op"), "{out}");
}

#[test]
fn check_warnings_alone_exit_0() {
    let cfg = r#"[{"type": "add_prefix", "value": "+44"},
                  {"type": "strip_prefix", "value": "+44"},
                  {"type": "stop"},
                  {"type": "digits_only"}]"#;
    let o = run(&["check", "-t", cfg], b"");
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let out = stdout(&o);
    assert!(out.contains("cancels_out"), "{out}");
    assert!(out.contains("transform 4"), "{out}");
    assert!(out.contains("unreachable"), "{out}");
}

#[test]
fn check_json_is_the_report() {
    let cfg = r#"[{"type": "strip_digits_end", "number": 0},
                  {"type": "replace", "value": "1", "number": 1.5}]"#;
    let o = run(&["check", "-t", cfg, "--json"], b"");
    assert_eq!(code(&o), 2);
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 1);
    let report = &lines[0];
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["index"], 1);
    assert_eq!(errors[0]["field"], "number");
    assert!(errors[0]["message"].is_string());
    let warnings = report["warnings"].as_array().unwrap();
    assert!(warnings
        .iter()
        .any(|w| w["index"] == 0 && w["code"] == "no_op"));

    let o = run(&["check", "-t", "[]", "--json"], b"");
    assert_eq!(code(&o), 0);
    assert_eq!(
        json_lines(&o),
        vec![serde_json::json!({"errors": [], "warnings": []})]
    );
}

#[test]
fn check_json_syntax_error() {
    let o = run(&["check", "-t", "[1,", "--json"], b"");
    assert_eq!(code(&o), 2);
    let report = &json_lines(&o)[0];
    assert_eq!(report["errors"].as_array().unwrap().len(), 1);
    assert_eq!(report["errors"][0]["index"], Value::Null);
}

#[test]
fn check_config_from_stdin_and_file() {
    let cfg = br#"{"caller_id_transforms": null, "id": 3}"#;
    let o = run(&["check", "-c", "-"], cfg);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let file = TempFile::new(br#"{"id": 3}"#);
    let o = run(&["check", "-c", file.path(), "--max-length", "64"], b"");
    // An object without caller_id_transforms is an error (docs/spec.md §2.1).
    assert_eq!(code(&o), 2, "{}", stdout(&o));
}

// ---------------------------------------------------------------------------------------------
// trace and explain

const GUARDED: &str = r#"[{"type": "if_prefix", "value": "+", "number": 1},
                          {"type": "stop"},
                          {"type": "add_prefix", "value": "+1"}]"#;

#[test]
fn trace_prints_a_table_then_the_result() {
    let o = run(&["trace", "-t", GUARDED, "4155550100"], b"");
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    let header = lines
        .iter()
        .position(|l| l.trim_start().starts_with('#'))
        .expect("a header row");
    for column in ["type", "status", "before", "after"] {
        assert!(lines[header].contains(column), "{}", lines[header]);
    }
    let rows = &lines[header + 1..header + 4];
    let cells: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.split_whitespace().collect())
        .collect();
    assert_eq!(cells[0][..2], ["1", "if_prefix"]);
    assert!(rows[0].contains("guard failed") || rows[0].contains("guard_failed"));
    assert_eq!(cells[1][..3], ["2", "stop", "skipped"]);
    assert_eq!(cells[2][..3], ["3", "add_prefix", "changed"]);
    assert!(rows[2].contains("+14155550100"));
    assert!(lines.last().unwrap().contains("+14155550100"));
}

#[test]
fn trace_json_is_the_trace() {
    let o = run(&["trace", "-t", GUARDED, "+4420", "--json"], b"");
    assert_eq!(code(&o), 0);
    let t = &json_lines(&o)[0];
    assert_eq!(t["input"], "+4420");
    assert_eq!(t["output"], "+4420");
    let statuses: Vec<&str> = t["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["guard_held", "stopped", "not_reached"]);
    assert_eq!(t["steps"][2]["index"], 2);
    assert_eq!(t["steps"][2]["type"], "add_prefix");
}

#[test]
fn trace_failure_exits_1() {
    let o = run(
        &["trace", "-t", GUARDED, "--max-length", "4", "--json", "123"],
        b"",
    );
    assert_eq!(code(&o), 1);
    let t = &json_lines(&o)[0];
    assert_eq!(t["step"], 2);
    assert!(t["error"].is_string());
    assert!(t.get("output").is_none());
}

#[test]
fn trace_empty_number() {
    let cfg = r#"[{"type": "set_if_empty", "value": "anonymous"}]"#;
    let o = run(&["trace", "-t", cfg, "", "--json"], b"");
    assert_eq!(code(&o), 0);
    let t = &json_lines(&o)[0];
    assert_eq!(t["input"], "");
    assert_eq!(t["output"], "anonymous");
    assert_eq!(t["steps"][0]["status"], "changed");
}

#[test]
fn explain_one_line_per_transform_guarded_indented() {
    let o = run(&["explain", "-t", GUARDED], b"");
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    let indent = |l: &str| l.len() - l.trim_start().len();
    assert!(lines[0].trim_start().starts_with("1."));
    assert!(indent(lines[1]) > indent(lines[0]), "{out}");
    assert_eq!(indent(lines[2]), indent(lines[0]), "{out}");
    assert!(lines[2].contains("+1"));
}

#[test]
fn explain_config_error_exits_2() {
    let o = run(&["explain", "-t", r#"[{"type": "mask"}]"#], b"");
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("transform 1, field `value`"));
}

// ---------------------------------------------------------------------------------------------
// demo

/// The demo's result rows: the quoted input, then the quoted output.
fn demo_results(out: &str) -> Vec<(String, String)> {
    out.lines()
        .filter_map(|l| {
            let quoted: Vec<&str> = l.split('"').collect();
            // `  "input"   "output"   note`: quoted[1] and quoted[3].
            (quoted.len() >= 5 && quoted[2].trim().is_empty())
                .then(|| (quoted[1].to_string(), quoted[3].to_string()))
        })
        .collect()
}

#[test]
fn demo_runs_and_gives_e164() {
    let o = run(&["demo"], b"");
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    let out = stdout(&o);
    let results = demo_results(&out);
    for (input, expected) in [
        ("020 7946 0000", "+442079460000"),
        ("07700 900123", "+447700900123"),
        ("+442079460000", "+442079460000"),
        ("0033 1 23 45 67 89", "+33123456789"),
        ("anonymous", "anonymous"),
    ] {
        assert!(
            results.iter().any(|(i, o)| i == input && o == expected),
            "no row {input:?} -> {expected:?} in:\n{out}"
        );
    }
    // A trace table and the plain-English explanation are shown too.
    assert!(out.contains("strip_digits_start"), "{out}");
    assert!(
        out.contains("guard held") || out.contains("guard_held"),
        "{out}"
    );
    assert!(out.contains("If "), "{out}");
}

#[test]
fn demo_config_round_trips_through_apply() {
    let o = run(&["demo", "--print-config"], b"");
    assert_eq!(code(&o), 0);
    let file = TempFile::new(&o.stdout);
    let o = run(
        &["apply", "-c", file.path()],
        b"020 7946 0000\n07700 900123\n(020) 7946-0000\n0033 1 23 45 67 89\n",
    );
    assert_eq!(code(&o), 0, "stderr: {}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "+442079460000\n+447700900123\n+442079460000\n+33123456789\n"
    );
    let o = run(&["check", "-c", file.path()], b"");
    assert_eq!(code(&o), 0, "{}", stdout(&o));
}

/// Every command the demo suggests works as printed, in order, in an empty directory, with
/// `cidt` on the PATH (as `cargo install` leaves it).
#[cfg(unix)]
#[test]
fn demo_follow_up_commands_work_as_printed() {
    let out = stdout(&run(&["demo"], b""));
    let (_, tail) = out
        .split_once("Try it yourself")
        .expect("the demo ends with commands to try");
    let commands: Vec<&str> = tail
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("cidt ") || l.contains("| cidt "))
        .collect();
    assert_eq!(commands.len(), 6, "{tail}");

    let dir = std::env::temp_dir().join(format!("cidt-demo-follow-up-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let bin_dir = PathBuf::from(CIDT).parent().unwrap().to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut outputs = Vec::new();
    for command in &commands {
        let o = Command::new("sh")
            .args(["-c", command])
            .current_dir(&dir)
            .env("PATH", &path)
            .output()
            .expect("run sh");
        assert_eq!(code(&o), 0, "`{command}` failed: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "`{command}`");
        outputs.push(stdout(&o));
    }
    let _ = std::fs::remove_dir_all(&dir);

    // UK rules (SPEC §4.4): national 0 dropped, +44 added; 0033 is international; 999 matches
    // no rule and passes through.
    assert_eq!(outputs[1], "+442079460000\n+447700900123\n");
    assert_eq!(
        outputs[2],
        "{\"input\":\"020 7946 0000\",\"output\":\"+442079460000\"}\n\
         {\"input\":\"999\",\"output\":\"999\"}\n"
    );
    assert!(outputs[3].contains("+33123456789"), "{}", outputs[3]);
    assert!(outputs[4].contains("ok"), "{}", outputs[4]);
    assert_eq!(outputs[5], "+442079460000\n");
}

// ---------------------------------------------------------------------------------------------
// README

/// The README's synopsis lines, `cidt SUBCOMMAND ...`, by subcommand.
fn readme_synopsis() -> Vec<(String, String)> {
    let readme = include_str!("../README.md");
    let (_, rest) = readme
        .split_once("## The `cidt` CLI")
        .expect("README has a CLI section");
    let (_, block) = rest.split_once("```text\n").expect("with a synopsis block");
    let (block, _) = block.split_once("```").unwrap();
    block
        .lines()
        .filter_map(|l| l.strip_prefix("cidt "))
        .map(|l| {
            let (sub, args) = l.split_once(' ').unwrap_or((l, ""));
            (sub.to_string(), args.to_string())
        })
        .collect()
}

/// Flags (`-c`, `--json`) named in a piece of text.
fn flags(text: &str) -> std::collections::BTreeSet<String> {
    text.split(|c: char| c.is_whitespace() || "()[]|,<>=".contains(c))
        .filter(|w| {
            w.len() > 1
                && w.starts_with('-')
                && w[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '-')
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn readme_synopsis_matches_help() {
    let help = stdout(&run(&["--help"], b""));
    let (_, commands) = help.split_once("Commands:").unwrap();
    let subcommands: Vec<&str> = commands
        .lines()
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|&s| s != "help")
        .collect();
    let synopsis = readme_synopsis();
    let documented: Vec<&str> = synopsis.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(documented, subcommands, "README synopsis vs `cidt --help`");

    for (sub, args) in &synopsis {
        let help = stdout(&run(&[sub, "--help"], b""));
        // Every option of `cidt SUB --help` (but --help itself) is in the README line, by its
        // short or its long name; every flag the README line names exists.
        let (_, options) = help.split_once("Options:").unwrap();
        let readme_flags = flags(args);
        let mut known = std::collections::BTreeSet::new();
        for line in options.lines().filter(|l| l.trim_start().starts_with('-')) {
            let names = flags(line.split("  ").find(|p| !p.trim().is_empty()).unwrap());
            if names.contains("--help") {
                continue;
            }
            assert!(
                names.iter().any(|n| readme_flags.contains(n)),
                "README's `cidt {sub}` line lacks {names:?}"
            );
            known.extend(names);
        }
        for flag in &readme_flags {
            assert!(
                known.contains(flag),
                "README's `cidt {sub}` names {flag}, unknown to --help"
            );
        }
        // Positional arguments: `Usage: cidt SUB [OPTIONS] <...> [NUMBER]...`.
        let usage = help.lines().find(|l| l.starts_with("Usage:")).unwrap();
        for word in usage.split_whitespace().skip(3) {
            let name = word.trim_matches(|c: char| "<>[].".contains(c));
            if name.chars().all(|c| c.is_ascii_uppercase()) && !name.is_empty() && name != "OPTIONS"
            {
                assert!(
                    args.contains(name),
                    "README's `cidt {sub}` line lacks {name}"
                );
            }
        }
    }
}

/// The README says where `check` writes its report: stdout, also when the configuration is
/// invalid (exit 2); stderr stays empty.
#[test]
fn check_report_goes_to_stdout_as_the_readme_says() {
    let readme = include_str!("../README.md");
    assert!(
        readme.contains("`check` prints its report on stdout"),
        "README must say where check writes"
    );
    let o = run(
        &["check", "-t", r#"[{"type": "add_prefx", "value": "1"}]"#],
        b"",
    );
    assert_eq!(code(&o), 2);
    assert_eq!(stderr(&o), "");
    assert!(
        stdout(&o).contains("error: transform 1, field `type`"),
        "{}",
        stdout(&o)
    );
    assert!(
        stdout(&o).contains("inline JSON: invalid: 1 error, no warnings"),
        "{}",
        stdout(&o)
    );

    let o = run(
        &[
            "check",
            "-t",
            r#"[{"type": "strip_digits_end", "number": 0}]"#,
        ],
        b"",
    );
    assert_eq!(code(&o), 0);
    assert_eq!(stderr(&o), "");
    assert!(
        stdout(&o).contains("warning: transform 1"),
        "{}",
        stdout(&o)
    );
}

/// The README's `cargo install` commands use the lock file, and the crates.io one names this
/// version.
#[test]
fn readme_install_commands_are_locked_and_pinned() {
    let readme = include_str!("../README.md");
    let installs: Vec<&str> = readme
        .lines()
        .filter(|l| l.starts_with("cargo install"))
        .collect();
    assert_eq!(installs.len(), 2, "{installs:?}");
    for line in &installs {
        assert!(line.contains(" --locked"), "{line}");
        assert!(line.contains(" --features cli"), "{line}");
    }
    let version = format!("--version {}", env!("CARGO_PKG_VERSION"));
    assert!(
        installs
            .iter()
            .any(|l| l.contains("callerid-transform") && l.contains(&version)),
        "{installs:?}"
    );
}
