//! `cidt test` and `cidt diff`, run as processes: exit codes, the failure report, the grouped
//! summary and the `--json` shapes. Built only with the `cli` feature (the binary's).
//!
//! Expected values are worked out by hand from the rules below, not copied from the tool.
#![cfg(feature = "cli")]

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{json, Value};

#[path = "common/cidt.rs"]
mod cidt;
use cidt::*;

/// A UK first-match rule table: E.164 kept, 00 made +, national 0 made +44.
const OLD: &str = r#"[
    {"type": "remove_chars", "value": " -"},
    {"type": "if_prefix", "value": "+", "number": 1},
    {"type": "stop"},
    {"type": "if_prefix", "value": "00", "number": 2},
    {"type": "replace_prefix", "value": "00", "value2": "+"},
    {"type": "stop"},
    {"type": "if_prefix", "value": "0", "number": 2},
    {"type": "replace_prefix", "value": "0", "value2": "+44"},
    {"type": "stop"}
]"#;

/// OLD with a new rule before the national one: 0800 numbers stay as they are.
const NEW: &str = r#"{"caller_id_transforms": [
    {"type": "remove_chars", "value": " -"},
    {"type": "if_prefix", "value": "+", "number": 1},
    {"type": "stop"},
    {"type": "if_prefix", "value": "00", "number": 2},
    {"type": "replace_prefix", "value": "00", "value2": "+"},
    {"type": "stop"},
    {"type": "if_prefix", "value": "0800", "number": 1},
    {"type": "stop"},
    {"type": "if_prefix", "value": "0", "number": 2},
    {"type": "replace_prefix", "value": "0", "value2": "+44"},
    {"type": "stop"}
]}"#;

/// A fresh directory for this test's files.
fn dir() -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let d = std::env::temp_dir().join(format!(
        "cidt-cli-cases-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

// ---------------------------------------------------------------------------------------------
// cidt test

const CASES: &str =
    "# UK\n020 7946 0000 => +442079460000\n\n0033 1 23 => +33123\n+1 555 => +1555\n\"\" => \"\"\n";

#[test]
fn test_exits_0_when_every_case_passes() {
    let d = dir();
    let cases = write(&d, "uk.cases", CASES);
    let o = run(&["test", "-t", OLD, &cases], b"");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), "4 passed, 0 failed\n");
}

#[test]
fn test_exits_1_and_reports_each_failure_with_the_deciding_transforms() {
    let d = dir();
    let cases = write(
        &d,
        "uk.cases",
        "020 7946 0000 => +442079460000\n0800 123 => 0800123\n1234 => error\n",
    );
    let o = run(&["test", "-t", OLD, &cases], b"");
    assert_eq!(code(&o), 1);
    let want = format!(
        "{cases}:2: \"0800 123\"\n  expected: \"0800123\"\n  got:      \"+44800123\"\n  decided:  transforms 1 (remove_chars), 8 (replace_prefix) changed it; transform 9 (stop) stopped it\n\
         {cases}:3: \"1234\"\n  expected: error\n  got:      \"1234\"\n  decided:  no transform changed it\n\
         1 passed, 2 failed\n"
    );
    assert_eq!(stdout(&o), want);
}

#[test]
fn test_trace_adds_the_trace_of_failures() {
    let d = dir();
    let cases = write(&d, "c", "0800 => 0800\n");
    let o = run(&["test", "--trace", "-t", OLD, &cases], b"");
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(out.contains("    input: \"0800\""), "{out}");
    assert!(out.contains("replace_prefix  changed"), "{out}");
    assert!(out.contains("    result: \"+44800\""), "{out}");
}

#[test]
fn test_malformed_case_files_exit_2_with_file_and_line() {
    let d = dir();
    let good = write(&d, "good", "1 => 1\n");
    let bad = write(&d, "bad", "# header\n1 => 1\nno arrow\n2 => 2 # comment\n");
    let o = run(&["test", "-t", "[]", &good, &bad], b"");
    assert_eq!(code(&o), 2);
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    assert!(err.contains(&format!("{bad}:3: no `=>`")), "{err}");
    assert!(
        err.contains(&format!("{bad}:4: the expected output")),
        "{err}"
    );
}

#[test]
fn test_configuration_errors_and_missing_files_exit_2() {
    let o = run(&["test", "-t", r#"[{"type": "nope"}]"#, "x.cases"], b"");
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("unknown"), "{}", stderr(&o));
    let o = run(&["test", "-t", "[]", "/nonexistent/x.cases"], b"");
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("cannot read /nonexistent/x.cases"));
    let o = run(&["test", "-c", "-", "-"], b"[]");
    assert_eq!(code(&o), 2);
}

#[test]
fn test_reads_a_case_file_from_stdin_and_the_json_form() {
    let cases = r#"[{"input": "0207", "expect": "+44207"}, {"input": "x", "expect": null}]"#;
    let o = run(&["test", "-t", OLD, "-"], cases.as_bytes());
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).starts_with("stdin:1: \"x\"\n  expected: error\n"));
    assert!(stdout(&o).ends_with("1 passed, 1 failed\n"));
}

#[test]
fn test_json_has_the_documented_shape() {
    let d = dir();
    let cases = write(&d, "c", "0207 => +44207\n\n0800 => 0800\n");
    let o = run(&["test", "--json", "-t", OLD, &cases], b"");
    assert_eq!(code(&o), 1);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        v,
        json!({"passed": 1, "failed": 1, "files": [{"file": cases, "passed": 1, "failed": 1, "cases": [
            {"line": 1, "input": "0207", "expect": "+44207", "ok": true, "output": "+44207",
             "error": null, "changed": [7], "stoppedAt": 8},
            {"line": 3, "input": "0800", "expect": "0800", "ok": false, "output": "+44800",
             "error": null, "changed": [7], "stoppedAt": 8}
        ]}]})
    );
    let o = run(&["test", "--json", "--trace", "-t", OLD, &cases], b"");
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["files"][0]["cases"][0].get("trace"), None);
    assert_eq!(v["files"][0]["cases"][1]["trace"]["output"], "+44800");
}

// ---------------------------------------------------------------------------------------------
// cidt diff

const NUMBERS: &str = "020 7946 0000\n0800 123 456\n+44 20 7946 0018\n0800-123\n00331234\n";

#[test]
fn diff_exits_0_when_nothing_differs() {
    let d = dir();
    let old = write(&d, "old.json", OLD);
    let o = run(&["diff", &old, &old], NUMBERS.as_bytes());
    assert_eq!(code(&o), 0);
    assert_eq!(
        stdout(&o),
        "5 numbers: 5 unchanged, 0 different (0 newly failing, 0 newly fixed)\n"
    );
    assert_eq!(stderr(&o), "", "no progress line when not on a terminal");
}

#[test]
fn diff_exits_1_and_prints_the_groups_then_the_numbers() {
    let d = dir();
    let (old, new) = (write(&d, "old.json", OLD), write(&d, "new.json", NEW));
    let o = run(&["diff", &old, &new], NUMBERS.as_bytes());
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let old_cell = "1 remove_chars, 8 replace_prefix, 9 stop";
    let want = format!(
        "5 numbers: 3 unchanged, 2 different (0 newly failing, 0 newly fixed)\n\
         \n\
         Differences by the transforms that decided (1-based):\n  \
         numbers  {:<40}  new\n        \
         2  {old_cell}  1 remove_chars, 8 stop\n\
         \n\
         old {old_cell} -> new 1 remove_chars, 8 stop (2 numbers):\n  \
         \"0800 123 456\": \"+44800123456\" -> \"0800123456\"\n  \
         \"0800-123\": \"+44800123\" -> \"0800123\"\n",
        "old"
    );
    assert_eq!(stdout(&o), want);
    assert_eq!(stderr(&o), "");
}

#[test]
fn diff_limit_caps_the_numbers_shown_per_group() {
    let o = run(
        &[
            "diff", "--limit", "1", "-t", OLD, "-t", NEW, "0800 1", "0800 2", "0800 3",
        ],
        b"",
    );
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(
        out.contains(
            "  \"0800 1\": \"+448001\" -> \"08001\"\n  ... and 2 more (--limit N, --all)\n"
        ),
        "{out}"
    );
    assert!(!out.contains("0800 2"), "{out}");
    let o = run(
        &[
            "diff", "--all", "-t", OLD, "-t", NEW, "0800 1", "0800 2", "0800 3",
        ],
        b"",
    );
    assert!(stdout(&o).contains("\"0800 3\""));
    assert!(!stdout(&o).contains("more"));
}

#[test]
fn diff_json_streams_differences_then_a_summary() {
    let d = dir();
    let numbers = write(&d, "numbers.txt", NUMBERS);
    let o = run(
        &[
            "diff",
            "--json",
            "--numbers",
            &numbers,
            "-t",
            OLD,
            "-t",
            NEW,
        ],
        b"",
    );
    assert_eq!(code(&o), 1);
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(
        lines[1],
        json!({"input": "0800-123",
               "old": {"output": "+44800123", "error": null, "changed": [0, 7], "stoppedAt": 8},
               "new": {"output": "0800123", "error": null, "changed": [0], "stoppedAt": 7}})
    );
    let summary = &lines[2]["summary"];
    assert_eq!(
        (
            &summary["seen"],
            &summary["unchanged"],
            &summary["different"],
            &summary["newlyFailing"],
            &summary["newlyFixed"]
        ),
        (&json!(5), &json!(3), &json!(2), &json!(0), &json!(0))
    );
    assert_eq!(summary["groups"][0]["old"], json!([0, 7, 8]));
    assert_eq!(summary["groups"][0]["new"], json!([0, 7]));
    assert_eq!(summary["groups"][0]["count"], 2);
    assert_eq!(
        summary["groups"][0]["examples"][0],
        json!({"input": "0800 123 456", "old": {"output": "+44800123456", "error": null},
               "new": {"output": "0800123456", "error": null}})
    );
}

#[test]
fn diff_counts_newly_failing_numbers() {
    let o = run(
        &[
            "diff",
            "--max-length",
            "6",
            "-t",
            "[]",
            "-t",
            r#"[{"type": "add_prefix", "value": "+44"}]"#,
            "123",
            "1234",
            "1234567",
        ],
        b"",
    );
    assert_eq!(code(&o), 1);
    assert!(stdout(&o)
        .starts_with("3 numbers: 1 unchanged, 2 different (1 newly failing, 0 newly fixed)\n"));
    assert!(stdout(&o).contains("\"1234\": \"1234\" -> error (transform 1 (`add_prefix`) would make the number longer than 6 characters)"));
}

#[test]
fn diff_trouble_exits_2() {
    // One -t is ambiguous (which side?): refused.
    let o = run(&["diff", "-t", OLD, "old.json", "0207"], b"");
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("both configurations inline"));
    // A configuration error names the side.
    let o = run(&["diff", "-t", OLD, "-t", "[{\"type\": 1}]", "0207"], b"");
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).starts_with("cidt: NEW: "), "{}", stderr(&o));
    let o = run(
        &[
            "diff",
            "/nonexistent/old.json",
            "/nonexistent/new.json",
            "1",
        ],
        b"",
    );
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("OLD: cannot open /nonexistent/old.json"));
    let o = run(&["diff", "-t", "[]"], b"");
    assert_eq!(code(&o), 2);
}

#[test]
fn diff_skips_lines_that_cannot_be_numbers() {
    let mut input = b"0800\n\xff\xfe\n".to_vec();
    input.extend(vec![b'1'; 5000]);
    input.extend(b"\n0207\n");
    let o = run(&["diff", "-t", OLD, "-t", NEW], &input);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).starts_with("2 numbers: 1 unchanged, 1 different"));
    let err = stderr(&o);
    assert!(err.contains("line 2: not valid UTF-8; skipped"), "{err}");
    assert!(
        err.contains("line 3: longer than any number can be; skipped"),
        "{err}"
    );
}

#[test]
fn diff_says_one_number_in_the_singular() {
    let o = run(&["diff", "-t", OLD, "-t", NEW, "0800"], b"");
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(
        out.starts_with("1 number: 0 unchanged, 1 different"),
        "{out}"
    );
    assert!(out.contains("-> new 8 stop (1 number):\n"), "{out}");
}
