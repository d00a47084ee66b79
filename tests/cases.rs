//! Case files: every rule of the text form and the JSON form, malformed lines with their line
//! numbers, and running cases against a pipeline.

use callerid_transform::{ApplyError, Case, CaseError, CaseFile, Pipeline};

fn parse(text: &str) -> Vec<Case> {
    match CaseFile::parse(text) {
        Ok(file) => file.cases().to_vec(),
        Err(e) => panic!("{text:?} did not parse: {e:?}"),
    }
}

fn errors(text: &str) -> Vec<CaseError> {
    match CaseFile::parse(text) {
        Ok(file) => panic!("{text:?} parsed: {:?}", file.cases()),
        Err(e) => e,
    }
}

fn case(line: usize, input: &str, expect: Option<&str>) -> Case {
    Case {
        line,
        input: input.to_string(),
        expect: expect.map(str::to_string),
    }
}

#[test]
fn one_case_a_line_with_both_sides_trimmed() {
    assert_eq!(
        parse("020 7946 0000 => +442079460000\n  00331234=>+331234  \n"),
        [
            case(1, "020 7946 0000", Some("+442079460000")),
            case(2, "00331234", Some("+331234")),
        ]
    );
}

#[test]
fn comment_lines_and_blank_lines_are_skipped_and_lines_keep_their_numbers() {
    let text = "# UK rules\n\n   # indented comment\n\t\n0207 => +44207\r\n\r\n1 => 1\n";
    assert_eq!(
        parse(text),
        [case(5, "0207", Some("+44207")), case(7, "1", Some("1"))]
    );
    assert_eq!(parse("# nothing but comments\n\n"), []);
    assert_eq!(parse(""), []);
}

#[test]
fn the_bare_word_error_means_the_number_must_fail() {
    assert_eq!(parse("123 => error"), [case(1, "123", None)]);
    // Quoted, it is the literal text; other words are literal too.
    assert_eq!(
        parse("123 => \"error\"\n124 => errors"),
        [
            case(1, "123", Some("error")),
            case(2, "124", Some("errors"))
        ]
    );
}

#[test]
fn a_quoted_side_is_a_json_string() {
    let text = r##"" 0207 " => "+44207 "
"" => ""
"a => b" => "#"
"\u00e9\"\\" => x
"#31#0207" => error"##;
    assert_eq!(
        parse(text),
        [
            case(1, " 0207 ", Some("+44207 ")),
            case(2, "", Some("")),
            case(3, "a => b", Some("#")),
            case(4, "é\"\\", Some("x")),
            case(5, "#31#0207", None),
        ]
    );
}

#[test]
fn a_bare_side_may_hold_quotes_and_arrows_only_where_unambiguous() {
    // A `"` inside a bare side is literal; `>` and `=` alone are too.
    assert_eq!(parse(r#"12"3 => a=b>c"#), [case(1, "12\"3", Some("a=b>c"))]);
}

#[test]
fn a_byte_order_mark_is_ignored() {
    assert_eq!(parse("\u{feff}1 => 2"), [case(1, "1", Some("2"))]);
}

#[test]
fn malformed_lines_are_all_reported_with_their_line_numbers() {
    let text = "ok => ok\nno arrow here\n=> +44\n0207 =>\n0207 => +44 # London\n\"unterminated => x\n\"a\" b => c\n1 => 2 => 3\n\"a\" => \"b\" c\n";
    let e = errors(text);
    let lines: Vec<usize> = e.iter().map(|e| e.line).collect();
    assert_eq!(lines, [2, 3, 4, 5, 6, 7, 8, 9]);
    assert!(e[0].message.contains("no `=>`"), "{}", e[0].message);
    assert!(
        e[1].message.contains("input is missing"),
        "{}",
        e[1].message
    );
    assert!(
        e[2].message.contains("expected output is missing"),
        "{}",
        e[2].message
    );
    assert!(e[2].message.contains(r#"`""`"#), "{}", e[2].message);
    assert!(e[3].message.contains("contains `#`"), "{}", e[3].message);
    assert!(
        e[4].message.contains("not a valid JSON string"),
        "{}",
        e[4].message
    );
    assert!(
        e[5].message
            .contains("expected `=>` after the quoted input"),
        "{}",
        e[5].message
    );
    assert!(e[6].message.contains("second `=>`"), "{}", e[6].message);
    assert!(e[7].message.contains("unexpected `c`"), "{}", e[7].message);
    assert_eq!(e[0].to_string(), format!("line 2: {}", e[0].message));
}

#[test]
fn a_bare_input_with_a_hash_must_be_quoted() {
    let e = errors("*31#0207 => 0207");
    assert_eq!(e.len(), 1);
    assert!(e[0].message.contains("quote it"), "{}", e[0].message);
}

#[test]
fn the_json_form_is_an_array_of_input_expect_objects() {
    let text = r#"
[
  {"input": "020 7946 0000", "expect": "+442079460000"},
  {"input": "", "expect": ""},

  {"expect": null, "input": "x"}
]"#;
    assert_eq!(
        parse(text),
        [
            case(3, "020 7946 0000", Some("+442079460000")),
            case(4, "", Some("")),
            case(6, "x", None),
        ]
    );
}

#[test]
fn json_form_errors_name_the_line_of_each_bad_object() {
    let text = "[\n{\"input\": \"1\", \"expect\": \"1\"},\n{\"input\": 1, \"expect\": \"1\"},\n{\"input\": \"1\"},\n{\"input\": \"1\", \"expect\": 2},\n\"1 => 1\",\n{\"input\": \"1\", \"expect\": null, \"note\": \"x\"}\n]";
    let e = errors(text);
    let lines: Vec<usize> = e.iter().map(|e| e.line).collect();
    assert_eq!(lines, [3, 4, 5, 6, 7]);
    assert!(
        e[0].message.starts_with("case 2: `input` is not a string"),
        "{}",
        e[0].message
    );
    assert!(
        e[1].message.contains("`expect` is missing (write null"),
        "{}",
        e[1].message
    );
    assert!(
        e[2].message.contains("`expect` is not a string or null"),
        "{}",
        e[2].message
    );
    assert!(
        e[3].message.contains("expected an object"),
        "{}",
        e[3].message
    );
    assert!(
        e[4].message.contains("unknown member `note`"),
        "{}",
        e[4].message
    );
}

#[test]
fn invalid_json_names_its_line() {
    let e = errors("[\n{\"input\": \"1\", \"expect\": \"1\"},\n{\"input\": }\n]");
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].line, 3);
    assert!(
        e[0].message.contains("not a valid JSON array"),
        "{}",
        e[0].message
    );
    let e = errors("[{\"input\": \"1\", \"expect\": \"1\"}] trailing");
    assert_eq!(e[0].line, 1);
}

#[test]
fn running_cases_reports_each_result_and_the_totals() {
    let p = Pipeline::builder()
        .max_length(16)
        .from_json(
            r#"[{"type": "if_prefix", "value": "+", "number": 1},
                {"type": "stop"},
                {"type": "if_prefix", "value": "00", "number": 2},
                {"type": "replace_prefix", "value": "00", "value2": "+"},
                {"type": "stop"},
                {"type": "to_e164", "value": "44", "value2": "0"}]"#,
        )
        .unwrap();
    let file = CaseFile::parse(
        "020 7946 0000 => +442079460000\n00331234 => +33\n+1555 => +1555\n12345678901234567 => error\n0207 => error\n",
    )
    .unwrap();
    let run = file.run(&p);
    assert_eq!((run.passed, run.failed), (3, 2));
    let ok: Vec<bool> = run.results.iter().map(|r| r.ok).collect();
    assert_eq!(ok, [true, false, true, true, false]);
    // A wrong output: what it gave and which transforms made it.
    let r = &run.results[1];
    assert_eq!((r.line, r.result.as_deref()), (2, Ok("+331234")));
    assert_eq!((r.changed.as_slice(), r.stopped_at), (&[3][..], Some(4)));
    // A number that had to fail and did (the input is over the limit).
    assert!(matches!(
        run.results[3].result,
        Err(ApplyError::InputTooLong { .. })
    ));
    // A number that had to fail and did not.
    let r = &run.results[4];
    assert_eq!(
        (r.expect.as_deref(), r.result.as_deref()),
        (None, Ok("+44207"))
    );
    assert_eq!(r.changed, [5]);
}

#[test]
fn case_run_json_has_the_documented_shape() {
    let p = Pipeline::from_json(r#"[{"type": "add_prefix", "value": "+"}]"#).unwrap();
    let run = CaseFile::parse("1 => +1\n2 => error").unwrap().run(&p);
    assert_eq!(
        serde_json::to_value(&run).unwrap(),
        serde_json::json!({"passed": 1, "failed": 1, "cases": [
            {"line": 1, "input": "1", "expect": "+1", "ok": true, "output": "+1", "error": null,
             "changed": [0], "stoppedAt": null},
            {"line": 2, "input": "2", "expect": null, "ok": false, "output": "+2", "error": null,
             "changed": [0], "stoppedAt": null}
        ]})
    );
}
