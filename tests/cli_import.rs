//! `cidt import` run as a process: output shapes, exit codes, messages with file and line.
//! The fixtures are in tests/data/import/; expected values are worked out by hand from the
//! vendors' documented semantics (see tests/import_vendors.rs for the citations).
#![cfg(feature = "cli")]

use serde_json::Value;

#[path = "common/cidt.rs"]
mod cidt;
use cidt::*;

/// Applies the JSON `cidt import` printed to `number` with `cidt apply`.
fn apply(config: &str, number: &str) -> String {
    let o = run(&["apply", "-t", config, number], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o).trim_end().to_string()
}

#[test]
fn import_prints_a_pretty_json_array_that_applies() {
    let o = run(
        &["import", "--from", "teams", "tests/data/import/teams.json"],
        b"",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("[\n  {\n    \"type\": \"if_regex\""),
        "{out}"
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 6);
    assert_eq!(apply(&out, "2065555555"), "+12065555555");
    assert_eq!(apply(&out, "+12065555555"), "2065555555");
    assert!(stderr(&o).is_empty());
}

#[test]
fn import_reads_stdin_and_wraps_a_trunk() {
    let csv = std::fs::read("tests/data/import/3cx.csv").unwrap();
    let o = run(&["import", "--from", "3cx", "--trunk", "-"], &csv);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let transforms = v["caller_id_transforms"].as_array().unwrap();
    assert_eq!(transforms[0]["type"], "if_prefix");
    // Prefix 0, length 10 or 11, strip 1, prepend +44.
    assert_eq!(apply(&stdout(&o), "02079460000"), "+442079460000");
    assert_eq!(apply(&stdout(&o), "0207946000"), "+44207946000");
    assert_eq!(apply(&stdout(&o), "020794600001"), "020794600001");
}

#[test]
fn import_needs_select_and_lists_the_choices() {
    let o = run(
        &["import", "--from", "cisco", "tests/data/import/cisco.txt"],
        b"",
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty());
    let err = stderr(&o);
    assert!(err.contains("cisco.txt: error:"), "{err}");
    assert!(err.contains("1 (line 2), 2 (line 6)"), "{err}");
    let o = run(
        &[
            "import",
            "--from",
            "cisco",
            "--select",
            "1",
            "tests/data/import/cisco.txt",
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(apply(&stdout(&o), "999"), "999");
    assert_eq!(apply(&stdout(&o), "90123"), "0123");
}

#[test]
fn strict_errors_and_lossy_warnings_name_file_and_line() {
    let args = [
        "import",
        "--from",
        "cisco",
        "--select",
        "2",
        "tests/data/import/cisco.txt",
    ];
    let o = run(&args, b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("tests/data/import/cisco.txt:8: error: rule 2 rejects the call"),
        "{}",
        stderr(&o)
    );
    let o = run(&[&args[..], &["--lossy"]].concat(), b"");
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("cisco.txt:8: warning:"),
        "{}",
        stderr(&o)
    );
    assert_eq!(apply(&stdout(&o), "+442079460000"), "02079460000");
    assert_eq!(apply(&stdout(&o), "19005550100"), "19005550100");
}

#[test]
fn kamailio_and_yeastar_fixtures_import() {
    let o = run(
        &[
            "import",
            "--from",
            "kamailio",
            "--select",
            "1",
            "tests/data/import/kamailio.csv",
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(apply(&stdout(&o), "0301234567"), "0049301234567");
    assert_eq!(apply(&stdout(&o), "112"), "+49112");
    let o = run(
        &[
            "import",
            "--from",
            "asterisk",
            "tests/data/import/yeastar.csv",
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(apply(&stdout(&o), "95551234"), "5551234");
    assert_eq!(apply(&stdout(&o), "02079460000"), "+442079460000");
}

#[test]
fn unknown_format_missing_file_and_bad_utf8_exit_2() {
    let o = run(&["import", "--from", "avaya", "x"], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("avaya"));
    let o = run(&["import", "--from", "teams", "no/such/file.json"], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot open no/such/file.json"));
    let o = run(&["import", "--from", "teams"], b"[\xff]");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("stdin: not valid UTF-8"));
}

#[test]
fn malformed_json_error_has_its_line() {
    let o = run(
        &["import", "--from", "teams", "-"],
        b"[\n {\"Pattern\": \"^1$\",\n",
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("stdin:3: error: not valid JSON"),
        "{}",
        stderr(&o)
    );
}
