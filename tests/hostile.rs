//! Hostile input: every case gives a clear error (or the correct result), never a panic, and
//! uses bounded memory and time. docs/spec.md §5 (limits) and docs/spec.md §6 (errors); issue 6.
//!
//! The CLI cases at the end run the `cidt` binary with hostile standard input.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use callerid_transform::{
    ApplyError, ConfigError, ConfigErrorKind as K, Error, Field, Pipeline, StepStatus, Transform,
};

// ---------------------------------------------------------------------------------------------
// helpers

fn tr(kind: &str) -> Transform {
    Transform::new(kind)
}

fn config_errors(result: Result<Pipeline, Error>) -> Vec<ConfigError> {
    match result {
        Err(Error::Config(errors)) => {
            assert!(!errors.is_empty(), "Error::Config with no errors");
            for e in &errors {
                assert!(!e.message.is_empty(), "an error without a message: {e:?}");
            }
            errors
        }
        Err(other) => panic!("expected configuration errors, got {other:?}"),
        Ok(p) => panic!(
            "expected configuration errors, but it compiled: {:?}",
            p.transforms()
        ),
    }
}

/// The single error of a configuration that has exactly one.
fn one_error(result: Result<Pipeline, Error>) -> ConfigError {
    let mut errors = config_errors(result);
    assert_eq!(errors.len(), 1, "expected one error: {errors:#?}");
    errors.remove(0)
}

fn compile(transforms: &[Transform]) -> Pipeline {
    Pipeline::from_transforms(transforms)
        .unwrap_or_else(|e| panic!("does not compile: {e}\n{transforms:?}"))
}

/// Asserts that `f` takes less than `limit` (debug builds included).
fn quickly<T>(limit: Duration, what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(took < limit, "{what} took {took:?}");
    out
}

fn assert_step_too_long(result: Result<String, ApplyError>, index: usize) {
    match result {
        Err(e @ ApplyError::StepTooLong { .. }) => {
            assert_eq!(e.step(), Some(index), "{e}");
            assert!(
                e.to_string().contains(&format!("transform {}", index + 1)),
                "the message names the step 1-based: {e}"
            );
        }
        other => panic!("expected step {index} to be too long, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// configuration size and shape

#[test]
fn ten_megabyte_configuration_is_too_large() {
    // Valid JSON all the way through: the size check comes first, before any parsing.
    let item = r#"{"type": "add_prefix", "value": "1"},"#;
    let mut json = String::from("[");
    while json.len() < 10 << 20 {
        json.push_str(item);
    }
    json.push_str(r#"{"type": "stop"}]"#);
    let e = quickly(Duration::from_secs(2), "a 10 MB configuration", || {
        one_error(Pipeline::from_json(&json))
    });
    assert_eq!((e.kind, e.index, e.field), (K::ConfigTooLarge, None, None));
    assert!(e.message.contains("limit"), "{}", e.message);
    // `check` says the same.
    let report = Pipeline::builder().check(&json);
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.errors[0].kind, K::ConfigTooLarge);
    // And it is not the JSON: ten megabytes of a single string are refused alike.
    let big_value = format!(
        r#"[{{"type": "set", "value": "{}"}}]"#,
        "1".repeat(10 << 20)
    );
    assert_eq!(
        one_error(Pipeline::from_json(&big_value)).kind,
        K::ConfigTooLarge
    );
}

#[test]
fn json_nested_ten_thousand_deep_is_an_error_not_a_stack_overflow() {
    let depth = 10_000;
    let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let objects = format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth));
    let in_a_value = format!(
        r#"[{{"type": "set", "value": {}{}}}]"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let in_a_trunk = format!(
        r#"{{"caller_id_transforms": [], "x": {}{}}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let unclosed = "[".repeat(depth);
    for json in [&arrays, &objects, &in_a_value, &in_a_trunk, &unclosed] {
        match Pipeline::from_json(json) {
            Err(Error::Json {
                line,
                column,
                message,
            }) => {
                assert_eq!(line, 1);
                assert!(column > 0 && column <= json.len(), "column {column}");
                assert!(!message.is_empty());
            }
            other => panic!("expected a JSON error, got {other:?}"),
        }
        assert_eq!(Pipeline::builder().check(json).errors[0].kind, K::Json);
    }
}

#[test]
fn one_hundred_thousand_transforms_are_refused() {
    let json = format!("[{}{{}}]", "{},".repeat(99_999));
    let e = quickly(Duration::from_secs(2), "100,000 transforms", || {
        one_error(Pipeline::from_json(&json))
    });
    assert_eq!((e.kind, e.index), (K::TooManyTransforms, None));
    assert!(e.message.contains("100000"), "{}", e.message);
    // The same through the Rust API.
    let many = vec![tr("stop"); 100_000];
    let e = one_error(Pipeline::from_transforms(&many));
    assert_eq!(e.kind, K::TooManyTransforms);
    // Nor does a configuration of 100,000 tiny transforms whose JSON is larger than allowed
    // parse at all.
    let json = format!("[{}]", vec![r#"{"type":"stop"}"#; 100_000].join(","));
    assert_eq!(
        one_error(Pipeline::from_json(&json)).kind,
        K::ConfigTooLarge
    );
}

#[test]
fn top_level_shapes_that_are_not_configurations() {
    for json in [
        "",
        " ",
        "null",
        "0",
        "\"x\"",
        "{}",
        "{\"caller_id_transforms\": 1}",
        "[1]",
        "[[]]",
        "[null]",
        "\u{0}",
        "[{\"type\": \"stop\"}] trailing",
    ] {
        let errors = Pipeline::builder().check(json).errors;
        assert!(!errors.is_empty(), "{json:?} was accepted");
        assert!(Pipeline::from_json(json).is_err());
    }
}

// ---------------------------------------------------------------------------------------------
// every field at its limit and one past it

#[test]
fn value_and_value2_at_256_characters_and_257() {
    for c in ['1', '\u{260e}', '\u{1f4de}'] {
        let at = c.to_string().repeat(256);
        let past = c.to_string().repeat(257);
        compile(&[tr("set").value(&at)]);
        compile(&[tr("replace").value("1").value2(&at)]);
        compile(&[tr("stop"), tr("replace_prefix").value(&at).value2(&at)]);

        let e = one_error(Pipeline::from_transforms(&[
            tr("stop"),
            tr("set").value(&past),
        ]));
        assert_eq!(
            (e.index, e.field, e.kind),
            (Some(1), Some(Field::Value), K::TooLong)
        );
        assert!(e.message.contains("257"), "{}", e.message);
        let e = one_error(Pipeline::from_transforms(&[tr("replace")
            .value("1")
            .value2(&past)]));
        assert_eq!(
            (e.index, e.field, e.kind),
            (Some(0), Some(Field::Value2), K::TooLong)
        );
    }
    // Through JSON too, with both errors reported at once.
    let json = format!(
        r#"[{{"type": "add_prefix", "value": "{0}"}}, {{"type": "replace", "value": "1", "value2": "{0}"}}]"#,
        "9".repeat(257)
    );
    let errors: Vec<_> = config_errors(Pipeline::from_json(&json))
        .into_iter()
        .map(|e| (e.index, e.field, e.kind))
        .collect();
    assert_eq!(
        errors,
        [
            (Some(0), Some(Field::Value), K::TooLong),
            (Some(1), Some(Field::Value2), K::TooLong)
        ]
    );
}

#[test]
fn regex_and_pattern_values_at_the_limit() {
    compile(&[tr("if_regex").value("1".repeat(256)), tr("stop")]);
    compile(&[tr("if_pattern").value("X".repeat(256)), tr("stop")]);
    compile(&[tr("mask").value("X".repeat(256))]);
    for kind in ["if_regex", "if_pattern"] {
        let e = one_error(Pipeline::from_transforms(&[
            tr(kind).value("1".repeat(257)),
            tr("stop"),
        ]));
        assert_eq!(
            (e.index, e.field, e.kind),
            (Some(0), Some(Field::Value), K::TooLong)
        );
    }
}

#[test]
fn number_at_65535_and_past_it() {
    for kind in [
        "strip_digits_start",
        "strip_digits_end",
        "keep_digits_start",
        "keep_digits_end",
    ] {
        let p = compile(&[tr(kind).number(65535)]);
        let expect = if kind.starts_with("keep") {
            "12345"
        } else {
            ""
        };
        assert_eq!(p.apply("12345").unwrap(), expect, "{kind}");
        for bad in [65536, -1, i64::MAX, i64::MIN] {
            let e = one_error(Pipeline::from_transforms(&[
                tr("stop"),
                tr(kind).number(bad),
            ]));
            assert_eq!(
                (e.index, e.field, e.kind),
                (Some(1), Some(Field::Number), K::OutOfRange),
                "{kind} {bad}"
            );
        }
    }
    compile(&[tr("replace").value("1").value2("2").number(65535)]);
    compile(&[tr("regex_replace").value("1").value2("2").number(65535)]);
    compile(&[tr("to_e164").value("44").number(65535)]);
    for json in [
        r#"[{"type": "strip_digits_start", "number": 65536}]"#,
        r#"[{"type": "strip_digits_start", "number": 1.5}]"#,
        r#"[{"type": "strip_digits_start", "number": 1e5}]"#,
        r#"[{"type": "strip_digits_start", "number": -1}]"#,
        r#"[{"type": "strip_digits_start", "number": 18446744073709551616}]"#,
        r#"[{"type": "strip_digits_start", "number": 1e400}]"#,
    ] {
        match Pipeline::from_json(json) {
            Err(Error::Config(errors)) => {
                assert_eq!(errors.len(), 1, "{json}: {errors:?}");
                assert_eq!(
                    (errors[0].index, errors[0].field, errors[0].kind),
                    (Some(0), Some(Field::Number), K::OutOfRange),
                    "{json}"
                );
            }
            // `1e400` is beyond f64: serde_json itself refuses it, with a position.
            Err(Error::Json { .. }) if json.contains("1e400") => {}
            other => panic!("{json}: {other:?}"),
        }
    }
}

#[test]
fn guard_count_at_65535_is_a_range_error_not_a_crash() {
    let e = one_error(Pipeline::from_transforms(&[
        tr("if_prefix").value("1").number(65535),
        tr("stop"),
    ]));
    assert_eq!((e.index, e.kind), (Some(0), K::GuardRange));
}

/// `if_length` bounds past `usize::MAX` saturate: a bound past every length, not a panic
/// (found by fuzz/apply_differential, in the reference interpreter's parser).
#[test]
fn if_length_bounds_past_usize_max() {
    let huge = "9".repeat(40);
    for (range, matches_short) in [
        (format!("{huge}-"), false),
        (format!("0-{huge}"), true),
        (format!("-{huge}"), true),
        (huge.clone(), false),
        (format!("{huge}-{huge}"), false),
    ] {
        let p = compile(&[tr("if_length").value(&range), tr("set").value("in")]);
        let expect = if matches_short { "in" } else { "12" };
        assert_eq!(p.apply("12").unwrap(), expect, "{range}");
    }
}

#[test]
fn transforms_256_and_257() {
    let at = vec![tr("add_suffix").value("1"); 256];
    assert_eq!(compile(&at).apply("").unwrap(), "1".repeat(256));
    let e = one_error(Pipeline::from_transforms(&vec![tr("stop"); 257]));
    assert_eq!(
        (e.index, e.field, e.kind),
        (None, None, K::TooManyTransforms)
    );
    let json = |n: usize| format!("[{}]", vec![r#"{"type":"digits_only"}"#; n].join(","));
    assert!(Pipeline::from_json(&json(256)).is_ok());
    assert_eq!(
        one_error(Pipeline::from_json(&json(257))).kind,
        K::TooManyTransforms
    );
    // A trunk object counts the same.
    let trunk = format!(r#"{{"caller_id_transforms": {}}}"#, json(257));
    assert_eq!(
        one_error(Pipeline::from_json(&trunk)).kind,
        K::TooManyTransforms
    );
}

#[test]
fn guards_nested_256_deep() {
    // Each guard governs everything after it: 128 nested guards then 128 edits.
    let mut ts: Vec<Transform> = (0..128)
        .map(|i| tr("if_length").value("0-").number(255 - i))
        .collect();
    ts.extend(vec![tr("add_suffix").value("9"); 128]);
    let p = compile(&ts);
    assert_eq!(p.apply("").unwrap(), "9".repeat(128));
    let trace = p.trace("");
    assert_eq!(trace.steps.len(), 256);
    assert!(!p.explain().is_empty());
    // One past: the outermost guard leaves the list.
    ts[0].number = Some(256);
    assert_eq!(
        one_error(Pipeline::from_transforms(&ts)).kind,
        K::GuardRange
    );
}

// ---------------------------------------------------------------------------------------------
// regexes and replacements

#[test]
fn regex_bombs_are_size_limit_errors_quickly() {
    for bomb in [
        "(a{1000}){1000}",
        r"\w{1000}{1000}",
        r"\pN{1000}", // (an ASCII `\w{1000}` is small: docs/spec.md §4.1.1)
        "((a{100}){100}){100}",
        "(?:[\\s\\S]{1000}){1000}",
        r"\p{L}{1000}",
        ".{65535}",
    ] {
        for kind in ["regex_replace", "if_regex"] {
            let ts = [tr(kind).value(bomb).value2("x"), tr("stop")];
            let e = quickly(Duration::from_secs(5), bomb, || {
                config_errors(Pipeline::from_transforms(&ts))
            });
            let e = e.iter().find(|e| e.field == Some(Field::Value)).unwrap();
            assert_eq!((e.index, e.kind), (Some(0), K::InvalidRegex), "{bomb}: {e}");
            assert!(
                e.message.contains("size limit") || e.message.contains("limit"),
                "{bomb}: {}",
                e.message
            );
        }
    }
}

#[test]
fn regex_nesting_and_repetition_limits() {
    // Deeper than the regex parser's nest limit (values longer than 256 characters allowed).
    let builder = Pipeline::builder().max_value_len(100_000);
    for deep in [
        format!("{}a{}", "(".repeat(1000), ")".repeat(1000)),
        format!("{}a{}", "(?:".repeat(20_000), ")".repeat(20_000)),
        format!("a{}", "{1}".repeat(10_000)),
        "[".repeat(10_000),
    ] {
        let e = quickly(Duration::from_secs(5), "a deep regex", || {
            one_error(builder.from_transforms(&[tr("if_regex").value(&deep), tr("stop")]))
        });
        assert_eq!((e.index, e.kind), (Some(0), K::InvalidRegex), "{e}");
    }
    let e = one_error(Pipeline::from_transforms(&[tr("regex_replace")
        .value("a{100000}")
        .value2("")]));
    assert_eq!(e.kind, K::InvalidRegex);
    assert!(!e.message.is_empty());
}

#[test]
fn a_small_regex_size_limit() {
    let builder = Pipeline::builder().regex_size_limit(2000);
    assert!(builder
        .from_transforms(&[tr("regex_replace").value("1").value2("2")])
        .is_ok());
    let e = one_error(builder.from_transforms(&[tr("regex_replace").value(r"\w{50}").value2("2")]));
    assert_eq!(
        (e.index, e.field, e.kind),
        (Some(0), Some(Field::Value), K::InvalidRegex)
    );
    assert!(e.message.contains("2000"), "{}", e.message);
}

#[test]
fn replacements_naming_missing_groups() {
    for (regex, replacement) in [
        ("(1)", "$2"),
        ("(1)", "${2}"),
        ("(1)", "\\2"),
        ("1", "\\1"),
        ("1", "$1"),
        ("(1)", "$name"),
        ("(1)", "${name}"),
        ("(?P<cc>1)", "${c}"),
        ("(1)", "$1a"),
        ("(1)", "${99999999999999999999999}"),
        ("(1)", "$99999999999999999999999"),
        // `${}` names the group "" (as in the regex crate), which no regex has. Found by
        // fuzz/replacement: it used to be copied as the literal text `${}`.
        ("(1)", "${}"),
        ("(1)", "x${}y"),
    ] {
        let e = one_error(Pipeline::from_transforms(&[
            tr("stop"),
            tr("regex_replace").value(regex).value2(replacement),
        ]));
        assert_eq!(
            (e.index, e.field, e.kind),
            (Some(1), Some(Field::Value2), K::InvalidReplacement),
            "{regex:?} / {replacement:?}: {e}"
        );
    }
    // Stray markers that name no group are literal text.
    for (replacement, expect) in [("${", "a${b"), ("$", "a$b"), ("\\", "a\\b"), ("$$", "a$b")] {
        let p = compile(&[tr("regex_replace").value("1").value2(replacement)]);
        assert_eq!(p.apply("a1b").unwrap(), expect, "{replacement:?}");
    }
}

/// `$` forms next to sed-style `\N` (found by fuzz/apply_differential, where the reference
/// interpreter's translation to the `regex` crate's syntax read them differently): a `$` that
/// starts no group reference is literal, and `${` needs a `}` of its own.
#[test]
fn dollar_markers_next_to_backslash_groups() {
    for (replacement, expect) in [
        ("$\\1", "$1"),
        ("${x\\1", "${x1"),
        ("${44X\\00", "${44X10"),
        ("\\1$", "1$"),
        ("$$\\1", "$1"),
    ] {
        let p = compile(&[tr("regex_replace").value("(1)").value2(replacement)]);
        assert_eq!(p.apply("1").unwrap(), expect, "{replacement:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// NUL and control characters

#[test]
fn nul_and_control_characters_in_values_and_numbers() {
    let weird = "\u{0}\u{1}\t\r\n\u{1b}[0m\u{7f}\u{85}\u{200b}\u{feff}";
    let p = compile(&[
        tr("add_prefix").value(weird),
        tr("add_suffix").value("\u{0}"),
    ]);
    assert_eq!(p.apply("1\u{0}2").unwrap(), format!("{weird}1\u{0}2\u{0}"));
    let p = compile(&[tr("remove_chars").value("\u{0}\n\r")]);
    assert_eq!(p.apply("\u{0}1\n2\r3\u{0}").unwrap(), "123");
    let p = compile(&[tr("digits_only")]);
    assert_eq!(p.apply("+\u{0}1\u{1}2\u{7f}3").unwrap(), "+123");
    assert_eq!(p.apply("\u{0}+1").unwrap(), "1");
    let p = compile(&[tr("replace").value("\u{0}").value2("0")]);
    assert_eq!(p.apply("1\u{0}\u{0}2").unwrap(), "1002");
    let p = compile(&[
        tr("if_pattern").value("X[\u{0}-\u{1f}]X"),
        tr("set").value("ok"),
    ]);
    assert_eq!(p.apply("1\u{0}2").unwrap(), "ok");
    assert_eq!(p.apply("1 2").unwrap(), "1 2");
    let p = compile(&[tr("regex_replace").value("[\\x00-\\x1f]").value2("")]);
    assert_eq!(p.apply("\u{0}4\u{1}4\n").unwrap(), "44");
    let p = compile(&[tr("to_e164").value("44").value2("0")]);
    assert_eq!(
        p.apply("0\u{0}20").unwrap(),
        "0\u{0}20",
        "not a number: unchanged"
    );
    let p = compile(&[tr("mask").value("\u{0}XX")]);
    assert_eq!(p.apply("123").unwrap(), "\u{0}23");
    // In JSON, as escapes.
    let p = Pipeline::from_json(r#"[{"type": "add_prefix", "value": "\u0000\u001f"}]"#).unwrap();
    assert_eq!(p.apply("1").unwrap(), "\u{0}\u{1f}1");
    // A raw control character inside a JSON string is a JSON error, with a position.
    assert!(matches!(
        Pipeline::from_json("[{\"type\": \"add_prefix\", \"value\": \"\u{1}\"}]"),
        Err(Error::Json { line: 1, .. })
    ));
    // Lone surrogates in JSON escapes are refused by the JSON parser.
    assert!(matches!(
        Pipeline::from_json(r#"[{"type": "add_prefix", "value": "\ud800"}]"#),
        Err(Error::Json { .. })
    ));
    // Control characters in the type name: an unknown type, not a crash.
    let e = one_error(Pipeline::from_transforms(&[
        tr("add_prefix\u{0}").value("1")
    ]));
    assert_eq!(
        (e.index, e.field, e.kind),
        (Some(0), Some(Field::Type), K::UnknownType)
    );
    // ... and in a member name.
    let errors = config_errors(Pipeline::from_json(
        r#"[{"type": "stop", "val\u0000ue": 1}]"#,
    ));
    assert_eq!(errors[0].kind, K::UnknownField);
}

// ---------------------------------------------------------------------------------------------
// the length limit at every step

#[test]
fn input_at_256_characters_and_257() {
    let p = compile(&[tr("digits_only")]);
    for c in ['1', '\u{e9}', '\u{1f4de}'] {
        let at = c.to_string().repeat(256);
        let past = c.to_string().repeat(257);
        assert!(p.apply(&at).is_ok());
        let e = p.apply(&past).unwrap_err();
        assert_eq!(e.step(), None, "{e}");
        assert!(matches!(
            e,
            ApplyError::InputTooLong {
                length: 257,
                limit: 256
            }
        ));
        let trace = p.trace(&past);
        assert_eq!(trace.result, Err(e));
        assert!(trace
            .steps
            .iter()
            .all(|s| s.status == StepStatus::NotReached));
    }
    // A 10 MB input is refused as fast as a short one.
    let huge = "1".repeat(10 << 20);
    let e = quickly(Duration::from_secs(2), "a 10 MB input", || {
        p.apply(&huge).unwrap_err()
    });
    assert!(matches!(e, ApplyError::InputTooLong { length, .. } if length == 10 << 20));
    let huge = "\u{e9}".repeat(5 << 20);
    assert!(p.apply(&huge).is_err());
    let mut out = String::new();
    assert!(p.apply_into(&huge, &mut out).is_err());
}

/// Every type that can lengthen the number: at 256 characters it works, at 257 the step fails
/// and names its index (after a `stop`-free prefix of harmless steps, so the index is not 0).
#[test]
fn every_lengthening_step_at_256_and_257() {
    let pad = || tr("strip_digits_start").number(0);
    let n = |k: usize| "1".repeat(k);
    let cases: Vec<(Transform, String, String)> = vec![
        // (transform, input giving 256, input giving 257)
        (tr("add_prefix").value("+"), n(255), n(256)),
        (tr("add_suffix").value("#"), n(255), n(256)),
        (tr("ensure_prefix").value("+"), n(255), n(256)),
        (
            tr("replace").value("0").value2("00"),
            n(254) + "0",
            n(255) + "0",
        ),
        (
            tr("replace").value("1").value2("11").number(1),
            n(255),
            n(256),
        ),
        (
            tr("replace_prefix").value("0").value2("+44"),
            format!("0{}", n(253)),
            format!("0{}", n(254)),
        ),
        (
            tr("regex_replace").value("0").value2("00"),
            n(254) + "0",
            n(255) + "0",
        ),
        (tr("regex_replace").value("^").value2("+"), n(255), n(256)),
        (tr("to_e164").value("44"), n(253), n(254)),
        (
            tr("to_e164").value("1").value2("0"),
            format!("0{}", n(254)),
            format!("0{}", n(255)),
        ),
        (
            tr("from_e164").value("1").value2("011"),
            format!("+1{}", n(253)),
            format!("+1{}", n(254)),
        ),
        (
            tr("set_if_empty").value(n(256)),
            String::new(),
            String::new(),
        ),
    ];
    for (t, ok_input, bad_input) in cases {
        let p = compile(&[pad(), pad(), t.clone()]);
        let out = p
            .apply(&ok_input)
            .unwrap_or_else(|e| panic!("{t:?} on {} characters: {e}", ok_input.len()));
        assert_eq!(out.chars().count(), 256, "{t:?}");
        if t.kind == "set_if_empty" {
            continue;
        }
        assert_step_too_long(p.apply(&bad_input), 2);
        let trace = p.trace(&bad_input);
        assert_eq!(trace.steps[2].status, StepStatus::Error, "{t:?}");
        assert_step_too_long(trace.result, 2);
    }
    // `regex_replace` with an empty match between every character: 2 * 128 + 1 = 257.
    let p = compile(&[tr("regex_replace").value("x*").value2("-")]);
    assert_eq!(p.apply(&n(127)).unwrap().len(), 255);
    assert_step_too_long(p.apply(&n(128)), 0);
    // Growth from many small steps: the 257th character is refused at the step that adds it.
    let mut ts = vec![tr("add_suffix").value("1"); 200];
    ts.push(tr("add_prefix").value(n(56)));
    ts.push(tr("add_prefix").value("+"));
    let p = compile(&ts);
    assert_step_too_long(p.apply(""), 201);
    assert_eq!(p.apply("").map_err(|e| e.step()), Err(Some(201)));
    // Multi-byte characters count as one each.
    let p = compile(&[tr("add_prefix").value("\u{1f4de}")]);
    assert_eq!(p.apply(&"\u{e9}".repeat(255)).unwrap().chars().count(), 256);
    assert_step_too_long(p.apply(&"\u{e9}".repeat(256)), 0);
}

#[test]
fn set_and_mask_under_a_smaller_limit() {
    let builder = Pipeline::builder().max_length(10);
    let p = builder
        .from_transforms(&[tr("set").value("12345678901")])
        .unwrap();
    assert_step_too_long(p.apply(""), 0);
    let p = builder
        .from_transforms(&[tr("stop"), tr("set").value("1234567890")])
        .unwrap();
    assert_eq!(p.apply("x").unwrap(), "x");
    let p = builder
        .from_transforms(&[tr("mask").value("+1408XXXXXXX")])
        .unwrap();
    assert_step_too_long(p.apply("5551234"), 0);
    let p = builder
        .from_transforms(&[tr("mask").value("+14XXXXXXX")])
        .unwrap();
    assert_eq!(p.apply("5551234").unwrap(), "+145551234");
    // A limit of zero: only the empty string passes.
    let p = Pipeline::builder()
        .max_length(0)
        .from_transforms(&[tr("digits_only")])
        .unwrap();
    assert_eq!(p.apply("").unwrap(), "");
    assert_eq!(p.apply("1").unwrap_err().step(), None);
}

// ---------------------------------------------------------------------------------------------
// the CLI with hostile standard input

fn cidt() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cidt"))
}

/// Peak resident memory of a running process in KiB (Linux), polled until it exits.
fn watch_peak_rss(pid: u32) -> std::thread::JoinHandle<Option<u64>> {
    std::thread::spawn(move || {
        let path = format!("/proc/{pid}/status");
        let mut peak = None;
        while let Ok(status) = std::fs::read_to_string(&path) {
            let hwm = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
            if hwm.is_none() {
                break; // a zombie: it has exited
            }
            peak = peak.max(hwm);
            std::thread::sleep(Duration::from_millis(20));
        }
        peak
    })
}

#[test]
fn cli_hundred_megabyte_line_and_invalid_utf8_on_stdin() {
    const BIG: usize = 100 << 20;
    let mut child = cidt()
        .args(["apply", "-t", r#"[{"type": "add_prefix", "value": "+"}]"#])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run cidt");
    let peak = watch_peak_rss(child.id());
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || -> std::io::Result<()> {
        stdin.write_all(b"4420\n")?;
        stdin.write_all(b"12\xff\xfe34\n")?;
        let chunk = vec![b'7'; 1 << 20];
        for _ in 0..BIG >> 20 {
            stdin.write_all(&chunk)?;
        }
        stdin.write_all(b"\n\xc3\xa9\r\n")?;
        stdin.write_all(b"5550100")?; // the last line has no '\n'
        Ok(())
    });
    let started = Instant::now();
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    writer.join().unwrap().expect("cidt read all of its input");
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(
        status.code(),
        Some(1),
        "some lines failed: exit 1\n{stderr}"
    );
    // One line of output per line of input, the failed ones empty.
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines, ["+4420", "", "", "+\u{e9}", "+5550100"], "{stderr}");
    // Each failure is reported on its own line, with the input's line number.
    let errors: Vec<&str> = stderr.lines().collect();
    assert_eq!(errors.len(), 2, "{stderr}");
    assert!(errors[0].contains("input 2"), "{stderr}");
    assert!(errors[0].contains("UTF-8"), "{stderr}");
    assert!(errors[1].contains("input 3"), "{stderr}");
    assert!(errors[1].contains("limit"), "{stderr}");
    assert!(
        stderr.len() < 4096,
        "the 100 MB line is not echoed: {} bytes",
        stderr.len()
    );
    if let Some(kib) = peak.join().unwrap() {
        assert!(kib < 64 * 1024, "cidt peaked at {kib} KiB on a 100 MB line");
    }
}

#[test]
fn cli_json_output_for_hostile_lines() {
    let mut child = cidt()
        .args([
            "apply",
            "--json",
            "-t",
            r#"{"caller_id_transforms": [{"type": "digits_only"}]}"#,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run cidt");
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let mut input = Vec::new();
        input.extend_from_slice(b"+1 \x00(415)\n");
        input.extend_from_slice(b"\x80\n");
        input.extend_from_slice(&vec![b'1'; 257]);
        input.extend_from_slice(b"\n\n");
        input.extend_from_slice(&vec![b'2'; 256]);
        input.push(b'\n');
        stdin.write_all(&input)
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect();
    assert_eq!(rows.len(), 5, "{stdout}");
    assert_eq!(rows[0]["output"], "+1415");
    assert!(
        rows[1]["error"].as_str().unwrap().contains("UTF-8"),
        "{stdout}"
    );
    assert!(
        rows[2]["error"].as_str().unwrap().contains("limit"),
        "{stdout}"
    );
    assert_eq!(rows[2]["step"], serde_json::Value::Null);
    assert_eq!(rows[3]["output"], "");
    assert_eq!(rows[4]["output"], "2".repeat(256));
}

#[test]
fn cli_ten_megabyte_configuration_file() {
    let dir = std::env::temp_dir().join(format!("cidt-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("big.json");
    let mut json = String::from("[");
    json.push_str(&r#"{"type": "stop"},"#.repeat(10 << 20 >> 4));
    json.push_str(r#"{"type": "stop"}]"#);
    std::fs::write(&path, &json).unwrap();
    let out = cidt()
        .args(["check", "-c"])
        .arg(&path)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr) + String::from_utf8_lossy(&out.stdout);
    assert!(stderr.contains("limit"), "{stderr}");
}
