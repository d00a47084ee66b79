//! docs/spec.md is true of the code: every worked example in its tables runs as written (through
//! the engine, and through the reference interpreter as a cross-check), every section that a test
//! cites exists, and every error kind, lint code and trace status of the code is documented.

mod common;

use callerid_transform::{ApplyError, Error, Pipeline};
use serde_json::Value;

const SPEC: &str = include_str!("../docs/spec.md");

/// One row of a `| transforms | input | result |` table.
struct Example {
    line: usize,
    transforms: String,
    input: Option<String>,
    result: String,
}

/// Splits a table row into cells; `\|` is a `|` inside a cell (GitHub's table escape).
fn cells(row: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut chars = row.trim().trim_start_matches('|').chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cells.last_mut().unwrap().push('|');
                chars.next();
            }
            '|' => cells.push(String::new()),
            c => cells.last_mut().unwrap().push(c),
        }
    }
    cells.pop(); // after the closing `|`
    cells.into_iter().map(|c| c.trim().to_string()).collect()
}

/// The text of the first code span of a cell.
fn code(cell: &str) -> &str {
    let start = cell.find('`').expect("a code span") + 1;
    let end = start + cell[start..].find('`').expect("a closed code span");
    &cell[start..end]
}

fn examples() -> Vec<Example> {
    let mut out = Vec::new();
    let mut in_table = false;
    for (i, line) in SPEC.lines().enumerate() {
        if line == "| transforms | input | result |" {
            in_table = true;
            continue;
        }
        if !line.starts_with('|') {
            in_table = false;
        }
        if !in_table || line.starts_with("|---") {
            continue;
        }
        let c = cells(line);
        assert_eq!(c.len(), 3, "docs/spec.md line {}: {line}", i + 1);
        let input = (c[1] != "-").then(|| {
            serde_json::from_str::<String>(code(&c[1]))
                .unwrap_or_else(|e| panic!("line {}: input is not a JSON string: {e}", i + 1))
        });
        out.push(Example {
            line: i + 1,
            transforms: code(&c[0]).to_string(),
            input,
            result: code(&c[2]).to_string(),
        });
    }
    out
}

fn snake(v: impl serde::Serialize) -> String {
    serde_json::to_value(v)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

/// Checks one example; the failure says what differs.
fn check(ex: &Example) -> Result<(), String> {
    let compiled = Pipeline::from_json(&ex.transforms);
    if let Some(rest) = ex.result.strip_prefix("error: ") {
        // `error: KIND[, transform N][, FIELD]`
        let want: Vec<&str> = rest.split(", ").collect();
        let errors = match compiled {
            Err(Error::Config(errors)) => errors,
            Err(e) => e.errors(),
            Ok(_) => return Err("compiles, but an error is documented".into()),
        };
        let e = &errors[0];
        let mut got = vec![snake(e.kind)];
        if let Some(i) = e.index {
            got.push(format!("transform {}", i + 1));
        }
        if let Some(f) = e.field {
            got.push(f.as_str().to_string());
        }
        return if got == want {
            Ok(())
        } else {
            Err(format!("the first error is {got:?}: {e}"))
        };
    }
    let pipeline = compiled.map_err(|e| format!("does not compile: {e}"))?;
    let input = ex.input.as_deref().ok_or("no input")?;
    let got = pipeline.apply(input);
    if let Some(rest) = ex.result.strip_prefix("apply error: ") {
        let want: Vec<&str> = rest.split(", ").collect();
        let e = got
            .err()
            .ok_or("applies, but an apply error is documented")?;
        let kind = match &e {
            ApplyError::InputTooLong { .. } => "input_too_long",
            ApplyError::StepTooLong { .. } => "step_too_long",
        };
        let mut have = vec![kind.to_string()];
        if let Some(step) = e.step() {
            have.push(format!("transform {}", step + 1));
        }
        return if have == want {
            Ok(())
        } else {
            Err(format!("apply error {have:?}"))
        };
    }
    let want: String = serde_json::from_str(&ex.result)
        .map_err(|e| format!("result is not a JSON string: {e}"))?;
    if got.as_deref() != Ok(want.as_str()) {
        return Err(format!("gives {got:?}, the document says {want:?}"));
    }
    // The transforms as the engine read them (so `2.0` is already the integer 2).
    let reference = common::reference::apply(pipeline.transforms(), 256, input);
    if reference.as_deref() != Ok(want.as_str()) {
        return Err(format!("the reference interpreter gives {reference:?}"));
    }
    Ok(())
}

#[test]
fn every_worked_example_in_the_document_holds() {
    let examples = examples();
    assert!(
        examples.len() >= 120,
        "only {} examples found",
        examples.len()
    );
    let failures: Vec<String> = examples
        .iter()
        .filter_map(|ex| {
            check(ex)
                .err()
                .map(|why| format!("docs/spec.md line {}: {}: {why}", ex.line, ex.transforms))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Section numbers of the document's headings: `## 4. Sub-languages` gives `4`,
/// `#### 4.1.2 Replacement templates` gives `4.1.2`.
fn sections() -> Vec<String> {
    SPEC.lines()
        .filter(|l| l.starts_with('#'))
        .filter_map(|l| l.trim_start_matches('#').split_whitespace().next())
        .map(|n| n.trim_end_matches('.').to_string())
        .filter(|n| n.chars().all(|c| c.is_ascii_digit() || c == '.') && !n.is_empty())
        .collect()
}

#[test]
fn every_cited_section_exists() {
    let sections = sections();
    let files = [
        ("tests/spec.rs", include_str!("spec.rs")),
        ("tests/vectors.rs", include_str!("vectors.rs")),
        ("tests/hostile.rs", include_str!("hostile.rs")),
        ("tests/cli.rs", include_str!("cli.rs")),
        (
            "tests/common/reference.rs",
            include_str!("common/reference.rs"),
        ),
        ("tests/properties.rs", include_str!("properties.rs")),
        ("src/lint.rs", include_str!("../src/lint.rs")),
        ("src/replacement.rs", include_str!("../src/replacement.rs")),
        ("src/pattern.rs", include_str!("../src/pattern.rs")),
        (
            "src/regex_syntax_ascii.rs",
            include_str!("../src/regex_syntax_ascii.rs"),
        ),
    ];
    let mut cited = 0;
    for (name, text) in files {
        for part in text.split("docs/spec.md §").skip(1) {
            let n: String = part
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let n = n.trim_end_matches('.');
            assert!(sections.iter().any(|s| s == n), "{name} cites §{n}");
            cited += 1;
        }
    }
    // Test names in tests/spec.rs: `s4_2_...` is §4.2.
    for part in include_str!("spec.rs").split("fn s").skip(1) {
        let n: String = part
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '_')
            .collect();
        let n = n.trim_end_matches('_').replace('_', ".");
        if !n.is_empty() {
            assert!(sections.contains(&n), "tests/spec.rs: fn s{part:.30}");
            cited += 1;
        }
    }
    assert!(cited > 100, "{cited}");
}

/// The variants of `pub enum NAME` in a source file, in snake_case.
fn variants(source: &str, name: &str) -> Vec<String> {
    let body = source
        .split(&format!("pub enum {name} {{"))
        .nth(1)
        .expect("the enum")
        .split("\n}")
        .next()
        .unwrap();
    body.lines()
        .map(str::trim)
        .filter(|l| !l.starts_with("//") && !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let ident: String = l.chars().take_while(|c| c.is_alphanumeric()).collect();
            let mut snake = String::new();
            for (i, c) in ident.chars().enumerate() {
                if c.is_uppercase() && i > 0 {
                    snake.push('_');
                }
                snake.push(c.to_ascii_lowercase());
            }
            snake
        })
        .filter(|s| !s.is_empty())
        .collect()
}

#[test]
fn every_error_kind_lint_code_and_trace_status_is_documented() {
    for (file, source, name, at_least) in [
        (
            "src/error.rs",
            include_str!("../src/error.rs"),
            "ConfigErrorKind",
            17,
        ),
        ("src/lint.rs", include_str!("../src/lint.rs"), "LintCode", 6),
        (
            "src/trace.rs",
            include_str!("../src/trace.rs"),
            "StepStatus",
            8,
        ),
    ] {
        let names = variants(source, name);
        assert!(names.len() >= at_least, "{file}: {names:?}");
        for n in names {
            assert!(
                SPEC.contains(&format!("| `{n}` |")),
                "{name}::{n} ({file}) has no row in docs/spec.md"
            );
        }
    }
    for kind in ["input_too_long", "step_too_long"] {
        assert!(SPEC.contains(&format!("| `{kind}` |")), "{kind}");
    }
}

#[test]
fn section_7_json_shapes() {
    // §7: an apply error serialises with its kind under "error".
    let e = ApplyError::StepTooLong {
        index: 1,
        kind: "add_prefix",
        limit: 256,
    };
    assert_eq!(
        serde_json::to_string(&e).unwrap(),
        r#"{"error":"step_too_long","index":1,"kind":"add_prefix","limit":256}"#
    );
    let e = ApplyError::InputTooLong {
        length: 300,
        limit: 256,
    };
    assert_eq!(
        serde_json::to_string(&e).unwrap(),
        r#"{"error":"input_too_long","length":300,"limit":256}"#
    );
    // §6.3: the messages as documented.
    assert!(SPEC.contains(&e.to_string()));
    let p =
        Pipeline::from_json(r#"[{"type": "stop"}, {"type": "add_prefix", "value": "+"}]"#).unwrap();
    let lint = serde_json::to_value(&p.lint()[0]).unwrap();
    assert_eq!(lint["code"], "unreachable");
    assert_eq!(lint["field"], Value::Null);
    let p = Pipeline::from_json(
        r#"[{"type": "if_prefix", "value": "+"}, {"type": "stop"},
            {"type": "add_prefix", "value": "+1"}]"#,
    )
    .unwrap();
    let trace = serde_json::to_value(p.trace("555")).unwrap();
    assert_eq!(
        trace["steps"][0],
        serde_json::json!({"index": 0, "type": "if_prefix", "before": "555", "after": "555",
                           "status": "guard_failed"})
    );
    assert_eq!(trace["output"], "+1555");
    // §6.1: the JSON error example.
    let Err(e) = Pipeline::from_json("[") else {
        panic!()
    };
    let flat = SPEC.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(&format!("`{e}`")), "{e}");
}

#[test]
fn every_type_has_a_worked_example() {
    let examples = examples();
    for info in callerid_transform::types() {
        let quoted = format!("\"type\": \"{}\"", info.name);
        assert!(
            examples
                .iter()
                .any(|ex| ex.transforms.contains(&quoted) && !ex.result.starts_with("error")),
            "docs/spec.md has no worked example of `{}`",
            info.name
        );
    }
}

#[test]
fn section_6_6_explain_example() {
    let p = Pipeline::from_json(
        r#"[{"type": "if_prefix", "value": "+", "number": 2},
            {"type": "if_length", "value": "12-"}, {"type": "stop"},
            {"type": "add_prefix", "value": "+1"}]"#,
    )
    .unwrap();
    let block = format!("```text\n{}\n```", p.explain());
    assert!(
        SPEC.contains(&block),
        "docs/spec.md §6.6 should show:\n{block}"
    );
}
