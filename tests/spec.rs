//! One test per rule of the contract, docs/spec.md, named after its section: `s4_2_...` checks
//! docs/spec.md §4.2. Every expected value here was worked out by hand from the contract's text.

use callerid_transform::{
    ApplyError, ConfigError, ConfigErrorKind as K, Error, LintCode, Pipeline, StepStatus,
    Transform, TYPES,
};

// ---------------------------------------------------------------------------------------------
// helpers

fn tr(kind: &str) -> Transform {
    Transform::new(kind)
}

fn compile(transforms: &[Transform]) -> Pipeline {
    Pipeline::from_transforms(transforms)
        .unwrap_or_else(|e| panic!("does not compile: {e}\n{transforms:?}"))
}

/// Applies a list of transforms to `input`; the list must compile and apply must succeed.
fn run(transforms: &[Transform], input: &str) -> String {
    compile(transforms)
        .apply(input)
        .unwrap_or_else(|e| panic!("apply({input:?}) failed: {e}"))
}

/// Applies one transform to `input`.
fn one(t: Transform, input: &str) -> String {
    run(&[t], input)
}

/// Compiles JSON and applies it to `input`.
fn run_json(json: &str, input: &str) -> String {
    Pipeline::from_json(json)
        .unwrap_or_else(|e| panic!("does not compile: {e}\n{json}"))
        .apply(input)
        .unwrap()
}

fn config_errors(result: Result<Pipeline, Error>) -> Vec<ConfigError> {
    match result {
        Err(Error::Config(errors)) => {
            assert!(!errors.is_empty(), "Error::Config with no errors");
            errors
        }
        Err(other) => panic!("expected configuration errors, got {other:?}"),
        Ok(p) => panic!(
            "expected configuration errors, but it compiled: {:?}",
            p.transforms()
        ),
    }
}

/// (index, field, kind) of every error of a JSON configuration.
fn json_errors(json: &str) -> Vec<(Option<usize>, Option<&'static str>, K)> {
    config_errors(Pipeline::from_json(json))
        .into_iter()
        .map(|e| (e.index, e.field.map(|f| f.as_str()), e.kind))
        .collect()
}

/// (index, field, kind) of every error of a list of transforms.
fn errors_of(transforms: &[Transform]) -> Vec<(Option<usize>, Option<&'static str>, K)> {
    config_errors(Pipeline::from_transforms(transforms))
        .into_iter()
        .map(|e| (e.index, e.field.map(|f| f.as_str()), e.kind))
        .collect()
}

/// The one error of a single transform: asserts index 0 and the field, returns the kind.
fn single_error(t: Transform, field: &str) -> K {
    // A guard needs something to govern.
    let mut ts = vec![t.clone()];
    if t.kind.starts_with("if_") {
        ts.push(tr("stop"));
    }
    let errors = errors_of(&ts);
    assert_eq!(errors.len(), 1, "{t:?}: {errors:?}");
    assert_eq!(errors[0].0, Some(0), "{t:?}: {errors:?}");
    assert_eq!(errors[0].1, Some(field), "{t:?}: {errors:?}");
    errors[0].2
}

fn with_limit(max_length: usize, transforms: &[Transform]) -> Pipeline {
    Pipeline::builder()
        .max_length(max_length)
        .from_transforms(transforms)
        .unwrap()
}

fn lint_codes(transforms: &[Transform]) -> Vec<(usize, LintCode)> {
    compile(transforms)
        .lint()
        .into_iter()
        .map(|l| (l.index, l.code))
        .collect()
}

fn guard(kind: &str, value: &str, number: i64) -> Transform {
    tr(kind).value(value).number(number)
}

/// A guard on `test` governing one `add_suffix "!"`: "!" is appended iff the test holds.
fn guard_holds(t: Transform, input: &str) -> bool {
    let out = run(&[t, tr("add_suffix").value("!")], input);
    assert!(out == input || out == format!("{input}!"));
    out != input
}

fn pattern_matches(pattern: &str, input: &str) -> bool {
    guard_holds(tr("if_pattern").value(pattern), input)
}

fn regex_replace(re: &str, rep: &str, input: &str) -> String {
    one(tr("regex_replace").value(re).value2(rep), input)
}

fn e164(cc: &str, trunk: Option<&str>, number: Option<i64>, input: &str) -> String {
    let mut t = tr("to_e164").value(cc);
    t.value2 = trunk.map(String::from);
    t.number = number;
    one(t, input)
}

fn mask(m: &str, input: &str) -> String {
    one(tr("mask").value(m), input)
}

// ---------------------------------------------------------------------------------------------
// §1 Input and output

#[test]
fn s1_positions_and_lengths_are_characters_not_bytes() {
    assert_eq!(one(tr("strip_digits_start").number(1), "é123"), "123");
    assert_eq!(one(tr("strip_digits_end").number(1), "12é"), "12");
    assert_eq!(one(tr("keep_digits_start").number(2), "中文12"), "中文");
    assert_eq!(one(tr("keep_digits_end").number(2), "a😀é"), "😀é");
    assert_eq!(one(tr("strip_digits_start").number(2), "😀é1"), "1");
    // if_length counts characters: "éé" is 2 characters (4 bytes).
    assert!(guard_holds(tr("if_length").value("2"), "éé"));
    assert!(!guard_holds(tr("if_length").value("4"), "éé"));
}

#[test]
fn s1_plus_counts_as_a_character() {
    assert_eq!(one(tr("strip_digits_start").number(1), "+44"), "44");
    assert_eq!(one(tr("keep_digits_start").number(3), "+442079"), "+44");
    assert!(guard_holds(tr("if_length").value("3"), "+44"));
}

#[test]
fn s1_matching_is_exact_and_case_sensitive() {
    assert_eq!(one(tr("strip_prefix").value("a"), "Abc"), "Abc");
    assert_eq!(one(tr("replace").value("x").value2("y"), "XxX"), "XyX");
    assert!(!guard_holds(tr("if_prefix").value("sip"), "SIP:1"));
    assert!(guard_holds(tr("if_suffix").value("A"), "1A"));
}

#[test]
fn s1_pipeline_is_ordered() {
    let ts = [tr("add_prefix").value("1"), tr("add_prefix").value("2")];
    assert_eq!(run(&ts, "x"), "21x");
    let ts = [
        tr("strip_digits_start").number(1),
        tr("add_prefix").value("+44"),
    ];
    assert_eq!(run(&ts, "0207"), "+44207");
    let ts = [
        tr("add_prefix").value("+44"),
        tr("strip_digits_start").number(1),
    ];
    assert_eq!(run(&ts, "0207"), "440207");
}

#[test]
fn s1_any_utf8_string_is_a_caller_id() {
    assert_eq!(one(tr("add_prefix").value("+1"), ""), "+1");
    assert_eq!(one(tr("add_suffix").value("é"), "anonymous"), "anonymousé");
    assert_eq!(run(&[], "中文 😀"), "中文 😀");
}

// ---------------------------------------------------------------------------------------------
// §2 Wire format

#[test]
fn s2_array_form() {
    assert_eq!(
        run_json(r#"[{"type": "add_prefix", "value": "+1"}]"#, "4155550100"),
        "+14155550100"
    );
    assert_eq!(run_json("[]", "123"), "123");
}

#[test]
fn s2_trunk_object_form_ignores_other_members() {
    let json = r#"{"id": 7, "name": "trunk", "pbx": {"kind": "3cx", "list": [1, 2]},
                   "caller_id_transforms": [{"type": "add_suffix", "value": ";"}],
                   "enabled": true}"#;
    assert_eq!(run_json(json, "100"), "100;");
}

#[test]
fn s2_null_transforms_means_none() {
    assert_eq!(run_json(r#"{"caller_id_transforms": null}"#, "123"), "123");
    assert_eq!(
        run_json(r#"{"caller_id_transforms": null, "id": "x"}"#, "anonymous"),
        "anonymous"
    );
    assert_eq!(run_json(r#"{"caller_id_transforms": []}"#, "1"), "1");
}

#[test]
fn s2_object_without_member_is_an_error() {
    for json in [r#"{}"#, r#"{"transforms": []}"#, r#"{"id": 1}"#] {
        assert!(
            matches!(Pipeline::from_json(json), Err(Error::Config(_))),
            "{json}"
        );
    }
}

#[test]
fn s2_other_shapes_are_errors() {
    for json in [
        r#"{"caller_id_transforms": "add_prefix"}"#,
        r#"{"caller_id_transforms": {"type": "stop"}}"#,
        r#""add_prefix""#,
        "42",
        "null",
    ] {
        assert!(
            matches!(Pipeline::from_json(json), Err(Error::Config(_))),
            "{json}"
        );
    }
    // An element that is not an object is an error of that element.
    let errors = json_errors(r#"[{"type": "stop"}, 1]"#);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].0, Some(1));
}

#[test]
fn s2_unknown_field_is_an_error() {
    let errors =
        json_errors(r#"[{"type": "stop"}, {"type": "add_prefix", "value": "1", "prefix": "+"}]"#);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, Some(1));
    assert_eq!(errors[0].2, K::UnknownField);
    let e = &config_errors(Pipeline::from_json(
        r#"[{"type": "add_prefix", "value": "1", "Value": "2"}]"#,
    ))[0];
    assert_eq!(e.kind, K::UnknownField);
    assert!(e.message.contains("Value"), "{}", e.message);
}

#[test]
fn s2_type_is_required_and_a_string() {
    for json in [
        r#"[{"value": "1"}]"#,
        r#"[{"type": null, "value": "1"}]"#,
        r#"[{"type": "", "value": "1"}]"#,
        r#"[{"type": 3, "value": "1"}]"#,
    ] {
        let errors = json_errors(json);
        assert_eq!(errors.len(), 1, "{json}: {errors:?}");
        assert_eq!(
            (errors[0].0, errors[0].1),
            (Some(0), Some("type")),
            "{json}"
        );
    }
}

#[test]
fn s2_absent_null_and_empty_text_are_the_same() {
    for json in [
        r#"[{"type": "replace", "value": "-"}]"#,
        r#"[{"type": "replace", "value": "-", "value2": null}]"#,
        r#"[{"type": "replace", "value": "-", "value2": ""}]"#,
    ] {
        assert_eq!(run_json(json, "020-7946-0000"), "02079460000", "{json}");
    }
    // ... for `value` too: empty is missing where it is required.
    for json in [
        r#"[{"type": "add_prefix"}]"#,
        r#"[{"type": "add_prefix", "value": null}]"#,
        r#"[{"type": "add_prefix", "value": ""}]"#,
    ] {
        assert_eq!(
            json_errors(json),
            vec![(Some(0), Some("value"), K::Missing)],
            "{json}"
        );
    }
    // ... and `set` with absent, null or "" clears the string.
    for json in [
        r#"[{"type": "set"}]"#,
        r#"[{"type": "set", "value": null}]"#,
        r#"[{"type": "set", "value": ""}]"#,
    ] {
        assert_eq!(run_json(json, "123"), "", "{json}");
    }
}

#[test]
fn s2_absent_and_null_number_are_the_same() {
    for json in [
        r#"[{"type": "replace", "value": "1", "value2": "7"}]"#,
        r#"[{"type": "replace", "value": "1", "value2": "7", "number": null}]"#,
        r#"[{"type": "replace", "value": "1", "value2": "7", "number": 0}]"#,
    ] {
        assert_eq!(run_json(json, "1213"), "7273", "{json}");
    }
    for json in [
        r#"[{"type": "strip_digits_start"}]"#,
        r#"[{"type": "strip_digits_start", "number": null}]"#,
    ] {
        assert_eq!(
            json_errors(json),
            vec![(Some(0), Some("number"), K::Missing)]
        );
    }
}

#[test]
fn s2_unused_placeholders_are_accepted_silently() {
    let json = r#"[
        {"type": "add_prefix", "value": "0", "value2": "", "number": 0},
        {"type": "add_suffix", "value": ";", "value2": null, "number": null},
        {"type": "strip_digits_start", "value": "", "value2": "", "number": 1},
        {"type": "digits_only", "value": null, "value2": "", "number": 0},
        {"type": "stop", "value": "", "value2": null, "number": 0}
    ]"#;
    let p = Pipeline::from_json(json).unwrap();
    // "1-2" -> "01-2" -> "01-2;" -> "1-2;" -> "12" -> stop
    assert_eq!(p.apply("1-2").unwrap(), "12");
    assert!(
        p.lint().iter().all(|l| l.code != LintCode::UnusedField),
        "{:?}",
        p.lint()
    );
}

#[test]
fn s2_unused_real_values_are_accepted_but_linted() {
    let ts = [
        tr("add_prefix").value("0").value2("x").number(3),
        tr("digits_only").value("abc"),
    ];
    assert_eq!(run(&ts, "1a"), "01");
    let lints: Vec<(usize, LintCode, Option<&str>)> = compile(&ts)
        .lint()
        .into_iter()
        .filter(|l| l.code == LintCode::UnusedField)
        .map(|l| (l.index, l.code, l.field.map(|f| f.as_str())))
        .collect();
    assert!(
        lints.contains(&(0, LintCode::UnusedField, Some("value2"))),
        "{lints:?}"
    );
    assert!(
        lints.contains(&(0, LintCode::UnusedField, Some("number"))),
        "{lints:?}"
    );
    assert!(
        lints.contains(&(1, LintCode::UnusedField, Some("value"))),
        "{lints:?}"
    );
    assert_eq!(lints.len(), 3, "{lints:?}");
}

#[test]
fn s2_number_range_is_checked_with_index_and_field() {
    for bad in ["-1", "65536", "1.5", "\"3\"", "true", "1e10", "-0.5"] {
        let json = format!(
            r#"[{{"type": "add_prefix", "value": "1"}},
                {{"type": "strip_digits_end", "number": {bad}}}]"#
        );
        let errors = json_errors(&json);
        assert_eq!(errors.len(), 1, "{bad}: {errors:?}");
        assert_eq!(
            (errors[0].0, errors[0].1),
            (Some(1), Some("number")),
            "{bad}"
        );
    }
    // The bounds themselves are valid.
    assert_eq!(
        run_json(r#"[{"type": "strip_digits_end", "number": 65535}]"#, "123"),
        ""
    );
    assert_eq!(
        run_json(r#"[{"type": "strip_digits_end", "number": 0}]"#, "123"),
        "123"
    );
    // The same rules hold for wire transforms built in code.
    for bad in [-1, 65536, i64::MIN, i64::MAX] {
        let errors = errors_of(&[tr("keep_digits_start").number(bad)]);
        assert_eq!(
            errors,
            vec![(Some(0), Some("number"), K::OutOfRange)],
            "{bad}"
        );
    }
    // Out of range on a type that does not use `number` is still an error.
    let errors = errors_of(&[tr("add_prefix").value("1").number(-1)]);
    assert_eq!((errors[0].0, errors[0].1), (Some(0), Some("number")));
}

#[test]
fn s2_text_members_must_be_strings() {
    let errors = json_errors(r#"[{"type": "add_prefix", "value": 44}]"#);
    assert_eq!((errors[0].0, errors[0].1), (Some(0), Some("value")));
    let errors =
        json_errors(r#"[{"type": "stop"}, {"type": "replace", "value": "1", "value2": [2]}]"#);
    assert_eq!((errors[0].0, errors[0].1), (Some(1), Some("value2")));
}

// ---------------------------------------------------------------------------------------------
// §3.1 The API's own types

#[test]
fn s3_1_add_prefix() {
    assert_eq!(
        one(tr("add_prefix").value("+1"), "4155550100"),
        "+14155550100"
    );
    assert_eq!(one(tr("add_prefix").value("é"), "中"), "é中");
    assert_eq!(single_error(tr("add_prefix"), "value"), K::Missing);
}

#[test]
fn s3_1_add_suffix() {
    assert_eq!(one(tr("add_suffix").value("#"), "1001"), "1001#");
    assert_eq!(one(tr("add_suffix").value("é"), ""), "é");
    assert_eq!(
        single_error(tr("add_suffix").value(""), "value"),
        K::Missing
    );
}

#[test]
fn s3_1_replace_all_by_default() {
    assert_eq!(
        one(tr("replace").value("00").value2("+"), "0044200"),
        "+442+"
    );
    assert_eq!(
        one(tr("replace").value("0").value2("o").number(0), "1000"),
        "1ooo"
    );
}

#[test]
fn s3_1_replace_count_leftmost_nonoverlapping() {
    let r = |n: i64, input: &str| one(tr("replace").value("11").value2("2").number(n), input);
    // Python: "11111".replace("11", "2") == "221"; count 1 -> "2111"; count 2 -> "221".
    assert_eq!(r(0, "11111"), "221");
    assert_eq!(r(1, "11111"), "2111");
    assert_eq!(r(2, "11111"), "221");
    assert_eq!(r(3, "11111"), "221");
    assert_eq!(one(tr("replace").value("aa").value2("b"), "aaa"), "ba");
    assert_eq!(
        one(tr("replace").value("1").value2("7").number(2), "1111"),
        "7711"
    );
}

#[test]
fn s3_1_replace_scans_the_current_string_once() {
    // The replacement is not rescanned: no loop, no cascade.
    assert_eq!(one(tr("replace").value("1").value2("11"), "1"), "11");
    assert_eq!(one(tr("replace").value("ab").value2("a"), "abb"), "ab");
    assert_eq!(one(tr("replace").value("0").value2("00"), "000"), "000000");
}

#[test]
fn s3_1_replace_empty_value2_deletes() {
    assert_eq!(
        one(tr("replace").value("-"), "020-7946-0000"),
        "02079460000"
    );
    assert_eq!(one(tr("replace").value("é").value2(""), "1é2éé3"), "123");
    assert_eq!(
        one(tr("replace").value("中").value2("zh").number(1), "中中"),
        "zh中"
    );
    assert_eq!(single_error(tr("replace").value2("x"), "value"), K::Missing);
}

#[test]
fn s3_1_strip_digits_start() {
    let s = |n: i64, input: &str| one(tr("strip_digits_start").number(n), input);
    assert_eq!(s(1, "02079460000"), "2079460000");
    assert_eq!(s(2, "+14155550100"), "4155550100");
    assert_eq!(s(3, "123"), "");
    assert_eq!(s(99, "123"), "");
    assert_eq!(s(0, "123"), "123");
    assert_eq!(s(1, ""), "");
    assert_eq!(single_error(tr("strip_digits_start"), "number"), K::Missing);
}

#[test]
fn s3_1_strip_digits_end() {
    let s = |n: i64, input: &str| one(tr("strip_digits_end").number(n), input);
    assert_eq!(s(2, "5551212"), "55512");
    assert_eq!(s(7, "5551212"), "");
    assert_eq!(s(8, "5551212"), "");
    assert_eq!(s(0, "5551212"), "5551212");
    assert_eq!(s(1, "12é"), "12");
    assert_eq!(single_error(tr("strip_digits_end"), "number"), K::Missing);
}

// ---------------------------------------------------------------------------------------------
// §3.2 Extended editing types

#[test]
fn s3_2_keep_digits_start() {
    let k = |n: i64, input: &str| one(tr("keep_digits_start").number(n), input);
    assert_eq!(k(3, "+442079"), "+44");
    assert_eq!(k(10, "123"), "123");
    assert_eq!(k(3, "123"), "123");
    assert_eq!(k(0, "123"), "");
    assert_eq!(k(1, "é1"), "é");
    assert_eq!(single_error(tr("keep_digits_start"), "number"), K::Missing);
}

#[test]
fn s3_2_keep_digits_end() {
    let k = |n: i64, input: &str| one(tr("keep_digits_end").number(n), input);
    assert_eq!(k(10, "+14155550100"), "4155550100");
    assert_eq!(k(20, "123"), "123");
    assert_eq!(k(0, "123"), "");
    assert_eq!(k(2, "1é中"), "é中");
    assert_eq!(single_error(tr("keep_digits_end"), "number"), K::Missing);
}

#[test]
fn s3_2_strip_prefix_once() {
    let s = |v: &str, input: &str| one(tr("strip_prefix").value(v), input);
    assert_eq!(s("+", "++1"), "+1");
    assert_eq!(s("00", "0044"), "44");
    assert_eq!(s("00", "1004"), "1004");
    assert_eq!(s("é", "éé1"), "é1");
    assert_eq!(s("123", "12"), "12");
    assert_eq!(single_error(tr("strip_prefix"), "value"), K::Missing);
}

#[test]
fn s3_2_strip_suffix_once() {
    let s = |v: &str, input: &str| one(tr("strip_suffix").value(v), input);
    assert_eq!(s("#", "1##"), "1#");
    assert_eq!(s("#", "#1"), "#1");
    assert_eq!(s("é", "1éé"), "1é");
    assert_eq!(s("1", "1"), "");
    assert_eq!(single_error(tr("strip_suffix"), "value"), K::Missing);
}

#[test]
fn s3_2_replace_prefix() {
    let r = |v: &str, v2: &str, input: &str| one(tr("replace_prefix").value(v).value2(v2), input);
    assert_eq!(r("00", "+", "00331234"), "+331234");
    assert_eq!(r("00", "+", "0000"), "+00");
    assert_eq!(r("00", "+", "1002"), "1002");
    assert_eq!(r("00", "", "0044"), "44");
    assert_eq!(r("é", "中文", "é1é"), "中文1é");
    assert_eq!(
        one(tr("replace_prefix").value("0"), "012"),
        "12",
        "absent value2 removes the prefix"
    );
    assert_eq!(
        single_error(tr("replace_prefix").value2("+"), "value"),
        K::Missing
    );
}

#[test]
fn s3_2_ensure_prefix_idempotent() {
    let e = |v: &str, input: &str| one(tr("ensure_prefix").value(v), input);
    assert_eq!(e("+", "4412"), "+4412");
    assert_eq!(e("+", "+4412"), "+4412");
    assert_eq!(e("+1", "+4412"), "+1+4412");
    assert_eq!(e("+1", ""), "+1");
    assert_eq!(e("é", "é"), "é");
    let twice = [
        tr("ensure_prefix").value("00"),
        tr("ensure_prefix").value("00"),
    ];
    assert_eq!(run(&twice, "44"), "0044");
    assert_eq!(single_error(tr("ensure_prefix"), "value"), K::Missing);
}

#[test]
fn s3_2_set() {
    assert_eq!(one(tr("set").value("anonymous"), "+4412"), "anonymous");
    assert_eq!(one(tr("set").value(""), "+4412"), "");
    assert_eq!(one(tr("set"), "+4412"), "");
    assert_eq!(one(tr("set").value("é"), ""), "é");
}

#[test]
fn s3_2_set_if_empty() {
    let s = |input: &str| one(tr("set_if_empty").value("anonymous"), input);
    assert_eq!(s(""), "anonymous");
    assert_eq!(s("1"), "1");
    assert_eq!(s(" "), " ");
    assert_eq!(single_error(tr("set_if_empty"), "value"), K::Missing);
}

#[test]
fn s3_2_remove_chars() {
    let r = |v: &str, input: &str| one(tr("remove_chars").value(v), input);
    assert_eq!(r(" ()-", "+1 (415) 555-0100"), "+14155550100");
    assert_eq!(r("é中", "1é2中3é"), "123");
    assert_eq!(r("x", "123"), "123");
    assert_eq!(r("0", "000"), "");
    assert_eq!(single_error(tr("remove_chars"), "value"), K::Missing);
}

#[test]
fn s3_2_digits_only() {
    let d = |input: &str| one(tr("digits_only"), input);
    assert_eq!(d("+1 (415) 555-0100"), "+14155550100");
    assert_eq!(d("1+2"), "12", "a + that is not first is dropped");
    assert_eq!(d(" +1"), "1", "the + must be the first character of s");
    assert_eq!(d("++1"), "+1");
    assert_eq!(d("٣1٤"), "1", "only ASCII digits are kept");
    assert_eq!(d("anonymous"), "");
    assert_eq!(d(""), "");
    assert_eq!(d("+"), "+");
}

#[test]
fn s3_2_regex_replace() {
    assert_eq!(
        regex_replace("^0([1-9]\\d+)$", "+44$1", "02079460000"),
        "+442079460000"
    );
    assert_eq!(
        regex_replace("[^0-9+]", "", "+1 (415) 555-0100"),
        "+14155550100"
    );
    let counted = tr("regex_replace").value("0").value2("x").number(2);
    assert_eq!(one(counted, "10000"), "1xx00");
    assert_eq!(
        one(tr("regex_replace").value("\\d").number(0), "a1b2"),
        "ab",
        "absent value2 deletes"
    );
    assert_eq!(
        single_error(tr("regex_replace").value2("x"), "value"),
        K::Missing
    );
}

#[test]
fn s3_2_mask() {
    assert_eq!(mask("214713XXXX", "35062"), "2147135062");
    assert_eq!(single_error(tr("mask"), "value"), K::Missing);
}

#[test]
fn s3_2_from_e164() {
    let f = |cc: &str, trunk: Option<&str>, input: &str| {
        let mut t = tr("from_e164").value(cc);
        t.value2 = trunk.map(String::from);
        one(t, input)
    };
    assert_eq!(f("33", Some("0"), "+33123456789"), "0123456789");
    assert_eq!(f("33", None, "+33123456789"), "123456789");
    assert_eq!(f("33", Some(""), "+33123456789"), "123456789");
    assert_eq!(f("33", Some("0"), "+44123456789"), "+44123456789");
    assert_eq!(f("33", Some("0"), "0033123456789"), "0033123456789");
    assert_eq!(f("33", Some("0"), "33123456789"), "33123456789");
    assert_eq!(f("1", Some("1"), "+14155550100"), "14155550100");
    assert_eq!(f("33", Some("0"), "+3"), "+3");
    assert_eq!(f("33", Some("0"), "+33"), "0");
}

#[test]
fn s3_2_from_e164_config_errors() {
    for cc in ["0", "033", "1234", "+33", "3a", "٣"] {
        let k = single_error(tr("from_e164").value(cc).value2("0"), "value");
        assert_eq!(k, K::InvalidCountryCode, "{cc:?}");
    }
    assert_eq!(single_error(tr("from_e164"), "value"), K::Missing);
    for trunk in ["a", "+0", "0 ", "٠"] {
        let k = single_error(tr("from_e164").value("33").value2(trunk), "value2");
        assert_eq!(k, K::InvalidTrunkPrefix, "{trunk:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// §3.3 Guards and control

#[test]
fn s3_3_if_prefix() {
    assert!(guard_holds(tr("if_prefix").value("+"), "+44"));
    assert!(!guard_holds(tr("if_prefix").value("+"), "44+"));
    assert!(guard_holds(tr("if_prefix").value("é"), "é1"));
    assert_eq!(single_error(guard("if_prefix", "", 1), "value"), K::Missing);
}

#[test]
fn s3_3_if_suffix() {
    assert!(guard_holds(tr("if_suffix").value("00"), "1200"));
    assert!(!guard_holds(tr("if_suffix").value("00"), "0012"));
    assert!(guard_holds(tr("if_suffix").value("中"), "1中"));
}

#[test]
fn s3_3_if_pattern_matches_the_whole_string() {
    assert!(pattern_matches("0XXXXXXXXXX", "02079460000"));
    assert!(!pattern_matches("0XXXXXXXXXX", "020794600001"));
    assert!(!pattern_matches("0XXXXXXXXXX", "0207946000"));
    assert!(!pattern_matches("0XXXXXXXXXX", "+442079460000"));
}

#[test]
fn s3_3_if_regex_is_unanchored() {
    assert!(guard_holds(tr("if_regex").value("44"), "0044123"));
    assert!(!guard_holds(tr("if_regex").value("^44"), "0044123"));
    assert!(guard_holds(tr("if_regex").value("^00\\d+$"), "0044123"));
    assert!(!guard_holds(tr("if_regex").value("^00\\d+$"), "0044123a"));
    assert_eq!(
        single_error(tr("if_regex").value("[").number(1), "value"),
        K::InvalidRegex
    );
}

#[test]
fn s3_3_if_length_forms_are_inclusive() {
    let holds = |range: &str, input: &str| guard_holds(tr("if_length").value(range), input);
    assert!(holds("3", "123"));
    assert!(!holds("3", "12"));
    assert!(!holds("3", "1234"));
    assert!(holds("2-4", "12") && holds("2-4", "123") && holds("2-4", "1234"));
    assert!(!holds("2-4", "1") && !holds("2-4", "12345"));
    assert!(holds("10-", "1234567890") && holds("10-", &"1".repeat(200)));
    assert!(!holds("10-", "123456789"));
    assert!(holds("-3", "") && holds("-3", "123") && !holds("-3", "1234"));
    assert!(holds("0", "") && !holds("0", "1"));
    assert!(holds("3-3", "éé中"));
}

#[test]
fn s3_3_if_length_errors() {
    for bad in [
        "5-3", "a", "1-2-3", " 3", "3 ", "-", "+3", "٣", "1..3", "0x3",
    ] {
        let k = single_error(tr("if_length").value(bad).number(1), "value");
        assert_eq!(k, K::InvalidLength, "{bad:?}");
    }
    assert_eq!(single_error(tr("if_length").number(1), "value"), K::Missing);
}

#[test]
fn s3_3_guard_number_absent_null_or_zero_means_one() {
    let tail = [tr("add_suffix").value("a"), tr("add_suffix").value("b")];
    for number in [None, Some(0)] {
        let mut g = tr("if_prefix").value("+");
        g.number = number;
        let ts = [g, tail[0].clone(), tail[1].clone()];
        assert_eq!(
            run(&ts, "1"),
            "1b",
            "{number:?}: only the next one is skipped"
        );
        assert_eq!(run(&ts, "+1"), "+1ab", "{number:?}");
    }
    let json = r#"[{"type": "if_prefix", "value": "+", "number": null},
                   {"type": "add_suffix", "value": "a"}, {"type": "add_suffix", "value": "b"}]"#;
    assert_eq!(run_json(json, "1"), "1b");
}

#[test]
fn s3_3_guard_governs_the_next_number_transforms() {
    let ts = [
        guard("if_prefix", "0", 2),
        tr("strip_digits_start").number(1),
        tr("add_prefix").value("+44"),
        tr("add_suffix").value(";"),
    ];
    assert_eq!(run(&ts, "02079460000"), "+442079460000;");
    assert_eq!(run(&ts, "+15550100"), "+15550100;");
}

#[test]
fn s3_3_guard_tests_the_current_string() {
    // The guard sees the output of the transform before it, not the input.
    let ts = [
        tr("strip_prefix").value("00"),
        guard("if_prefix", "44", 1),
        tr("add_prefix").value("+"),
    ];
    assert_eq!(run(&ts, "0044207"), "+44207");
    assert_eq!(run(&ts, "0033207"), "33207");
}

#[test]
fn s3_3_guard_range_past_the_end_is_an_error() {
    let errors = errors_of(&[guard("if_prefix", "1", 2), tr("add_prefix").value("0")]);
    assert_eq!(errors, vec![(Some(0), Some("number"), K::GuardRange)]);
    // A guard as the last transform governs nothing that exists.
    let errors = errors_of(&[tr("add_prefix").value("0"), tr("if_suffix").value("1")]);
    assert_eq!(errors, vec![(Some(1), Some("number"), K::GuardRange)]);
    let errors = errors_of(&[guard("if_length", "3", 65535), tr("stop")]);
    assert_eq!(errors, vec![(Some(0), Some("number"), K::GuardRange)]);
    // Exactly to the end is fine.
    assert_eq!(
        run(
            &[
                guard("if_prefix", "1", 2),
                tr("add_prefix").value("0"),
                tr("stop")
            ],
            "1"
        ),
        "01"
    );
}

#[test]
fn s3_3_nested_guard_ranges() {
    // 0 governs 1..=3; 1 governs 2 (nested); 4 is outside both.
    let ts = [
        guard("if_prefix", "0", 3),
        guard("if_prefix", "00", 1),
        tr("replace_prefix").value("00").value2("+"),
        tr("add_suffix").value("#"),
        tr("add_suffix").value("!"),
    ];
    assert_eq!(run(&ts, "0012"), "+12#!");
    assert_eq!(run(&ts, "012"), "012#!");
    assert_eq!(run(&ts, "12"), "12!");
    // An inner range may end exactly where the outer one ends.
    let ts = [
        guard("if_length", "3-", 2),
        guard("if_prefix", "1", 1),
        tr("add_prefix").value("x"),
        tr("add_suffix").value("y"),
    ];
    assert_eq!(run(&ts, "123"), "x123y");
    assert_eq!(run(&ts, "223"), "223y");
    assert_eq!(run(&ts, "12"), "12y");
    // Three levels deep.
    let ts = [
        guard("if_length", "1-", 3),
        guard("if_prefix", "1", 2),
        guard("if_suffix", "9", 1),
        tr("set").value("hit"),
        tr("add_suffix").value("."),
    ];
    assert_eq!(run(&ts, "19"), "hit.");
    assert_eq!(run(&ts, "18"), "18.");
    assert_eq!(run(&ts, ""), ".");
}

#[test]
fn s3_3_crossing_guard_ranges_are_an_error() {
    // 0 governs 1..=2, 1 governs 2..=3: the inner range ends outside the outer one.
    let ts = [
        guard("if_prefix", "1", 2),
        guard("if_prefix", "2", 2),
        tr("add_prefix").value("a"),
        tr("add_prefix").value("b"),
    ];
    assert_eq!(
        errors_of(&ts),
        vec![(Some(1), Some("number"), K::GuardRange)]
    );
    // Crossing deeper inside: 0 governs 1..=4, 1 governs 2..=3, 3 governs 4..=5.
    let ts = [
        guard("if_prefix", "1", 4),
        guard("if_prefix", "2", 2),
        tr("add_prefix").value("a"),
        guard("if_prefix", "3", 2),
        tr("add_prefix").value("b"),
        tr("add_prefix").value("c"),
    ];
    assert_eq!(
        errors_of(&ts),
        vec![(Some(3), Some("number"), K::GuardRange)]
    );
}

#[test]
fn s3_3_stop_ends_the_pipeline() {
    let ts = [
        tr("add_prefix").value("1"),
        tr("stop"),
        tr("add_prefix").value("2"),
    ];
    assert_eq!(run(&ts, "x"), "1x");
    assert_eq!(run(&[tr("stop")], "abc"), "abc");
}

#[test]
fn s3_3_skipped_stop_does_not_stop() {
    let ts = [
        guard("if_prefix", "+", 1),
        tr("stop"),
        tr("add_prefix").value("+1"),
    ];
    assert_eq!(run(&ts, "+44"), "+44");
    assert_eq!(run(&ts, "415"), "+1415");
}

#[test]
fn s3_3_first_match_wins_rule_table() {
    let ts = [
        guard("if_pattern", "0XXXXXXXXXX", 3),
        tr("strip_digits_start").number(1),
        tr("add_prefix").value("+44"),
        tr("stop"),
        guard("if_pattern", "00.", 2),
        tr("replace_prefix").value("00").value2("+"),
        tr("stop"),
        tr("add_prefix").value("?"),
    ];
    assert_eq!(run(&ts, "02079460000"), "+442079460000");
    // Matches rule A's shape too but A comes first: "00000000000" is 11 characters.
    assert_eq!(run(&ts, "00000000000"), "+440000000000");
    assert_eq!(run(&ts, "0033123"), "+33123");
    assert_eq!(run(&ts, "12345"), "?12345");
    assert_eq!(run(&ts, ""), "?");
}

#[test]
fn s3_3_stop_takes_no_operands() {
    assert_eq!(run(&[tr("stop").number(0)], "1"), "1");
    assert_eq!(
        run_json(r#"[{"type": "stop", "value": null, "number": null}]"#, "1"),
        "1"
    );
}

// ---------------------------------------------------------------------------------------------
// §4.1 Regular expressions

#[test]
fn s4_1_regex_is_unanchored_and_replaces_all() {
    assert_eq!(regex_replace("0", "x", "100"), "1xx");
    assert_eq!(regex_replace("^0", "x", "000"), "x00");
    assert_eq!(regex_replace("0$", "x", "000"), "00x");
    assert_eq!(regex_replace("é+", "e", "aééaé"), "aeae");
}

#[test]
fn s4_1_empty_matches_follow_the_regex_crate() {
    // The regex crate's replace_all("x*", "-") on "ab" gives "-a-b-".
    assert_eq!(regex_replace("x*", "-", "ab"), "-a-b-");
    assert_eq!(regex_replace("x*", "-", "éa"), "-é-a-");
    assert_eq!(regex_replace("^", "+", ""), "+");
    assert_eq!(regex_replace("$", "+", "1é"), "1é+");
}

#[test]
fn s4_1_replacement_dollar_forms() {
    let re = "^(\\d)(\\d)(?P<rest>\\d*)$";
    assert_eq!(regex_replace(re, "$2$1", "123"), "21");
    assert_eq!(regex_replace(re, "${2}${1}", "123"), "21");
    assert_eq!(regex_replace(re, "${rest}", "12345"), "345");
    assert_eq!(regex_replace(re, "$rest-$1", "12345"), "345-1");
    assert_eq!(regex_replace(re, "${1}0", "123"), "10");
    assert_eq!(regex_replace(re, "$0$0", "12"), "1212");
    assert_eq!(regex_replace(re, "$$1", "123"), "$1");
    assert_eq!(regex_replace(re, "US$$", "123"), "US$");
    // A `$` that names nothing is itself.
    assert_eq!(regex_replace("1", "$", "010"), "0$0");
    assert_eq!(regex_replace("1", "a$ b", "1"), "a$ b");
    assert_eq!(regex_replace("1", "$-", "1"), "$-");
}

#[test]
fn s4_1_replacement_backslash_forms() {
    let re = "^0([1-9][0-9]+)$";
    assert_eq!(regex_replace(re, "0049\\1", "0301234567"), "0049301234567");
    assert_eq!(regex_replace(re, "+49\\0", "030"), "+49030");
    // `\N` is exactly one digit: `\112345` is group 1 then "12345".
    assert_eq!(regex_replace("^(9)$", "\\112345", "9"), "912345");
    assert_eq!(regex_replace("^(a)(b)$", "\\2\\1", "ab"), "ba");
    // `\\` is one literal backslash (and so is not followed by a group).
    assert_eq!(regex_replace("^(a)$", "\\\\1", "a"), "\\1");
    assert_eq!(regex_replace("1", "\\\\", "010"), "0\\0");
    // Mixed with `$` forms.
    assert_eq!(regex_replace("^(a)(b)$", "\\1$2${1}", "ab"), "aba");
}

#[test]
fn s4_1_other_backslashes_are_literal() {
    // docs/spec.md §4.1.2 gives meaning only to `\N` and `\\`; any other backslash stays as it is.
    assert_eq!(regex_replace("1", "\\x", "1"), "\\x");
    assert_eq!(regex_replace("1", "a\\", "1"), "a\\");
    assert_eq!(regex_replace("1", "\\$", "1"), "\\$");
}

#[test]
fn s4_1_group_that_did_not_take_part_is_empty() {
    assert_eq!(regex_replace("(a)?b", "[$1]", "b"), "[]");
    assert_eq!(regex_replace("(a)?b", "[\\1]", "ab"), "[a]");
}

#[test]
fn s4_1_replacement_naming_a_missing_group_is_an_error() {
    for rep in ["$2", "${2}", "\\2", "${nope}", "$nope", "x\\9", "$10"] {
        let t = tr("regex_replace").value("(a)").value2(rep);
        assert_eq!(single_error(t, "value2"), K::InvalidReplacement, "{rep:?}");
    }
    // As in the regex crate, `$1a` names the group `1a`, which does not exist.
    let t = tr("regex_replace").value("(a)").value2("$1a");
    assert_eq!(single_error(t, "value2"), K::InvalidReplacement);
    // Group 0 always exists.
    assert_eq!(regex_replace("a", "$0\\0", "a"), "aa");
}

#[test]
fn s4_1_digit_class_is_ascii_only() {
    // ١٢٣ are ARABIC-INDIC DIGIT ONE..THREE (U+0661..), ５ is FULLWIDTH DIGIT FIVE (U+FF15):
    // Unicode digits (\p{Nd}), but not 0-9, so `\d` does not match them.
    assert_eq!(regex_replace(r"\d", "#", "1٣５9"), "#٣５#");
    assert_eq!(regex_replace(r"\D", "#", "1٣５9"), "1##9");
    assert_eq!(regex_replace(r"^\d+$", "digits", "١٢٣"), "١٢٣");
    assert_eq!(regex_replace(r"^\d+$", "digits", "123"), "digits");
    assert!(!guard_holds(guard("if_regex", r"^\+?\d+$", 1), "+٤٤٢٠"));
    assert!(guard_holds(guard("if_regex", r"^\+?\d+$", 1), "+4420"));
    // Inside sets, negated, and in set operations.
    assert_eq!(regex_replace(r"[\d+]", "", "+1٣５"), "٣５");
    assert_eq!(regex_replace(r"[^\d]", "", "+1٣５"), "1");
    assert_eq!(regex_replace(r"[\D]", "", "+1٣"), "1");
    assert_eq!(regex_replace(r"[\p{Nd}--\d]", "#", "1٣"), "1#");
    // The shapes the engine runs without a regex engine (fixed length, class runs) agree.
    assert_eq!(regex_replace(r"^0(\d{2})$", "$1", "012"), "12");
    assert_eq!(regex_replace(r"^0(\d{2})$", "$1", "0٣٣"), "0٣٣");
    assert_eq!(regex_replace(r"\D+", "", "٣1é2"), "12");
    assert_eq!(regex_replace(r"\d", "", "٣1é2"), "٣é");
}

#[test]
fn s4_1_word_and_space_classes_are_ascii_only() {
    // `\w` = [0-9A-Za-z_]: no accented letters, no non-ASCII digits.
    assert_eq!(regex_replace(r"\w", "#", "aé_٣Z5"), "#é#٣##");
    assert_eq!(regex_replace(r"\W+", "-", "ab éè 12"), "ab-12");
    assert_eq!(regex_replace(r"[\w-]+", "x", "a-1é"), "xé");
    // `\s` = [\t\n\v\f\r ]: NO-BREAK SPACE (U+00A0) and IDEOGRAPHIC SPACE (U+3000) are not.
    assert_eq!(
        regex_replace(r"\s", "", "1 2\u{a0}3\u{3000}4\t5\u{b}6"),
        "12\u{a0}3\u{3000}456"
    );
    assert_eq!(regex_replace(r"\S", "x", "\u{a0} 1"), "x x");
    assert_eq!(
        regex_replace(r"[\s\-()]", "", "(020) 7946\u{a0}0000"),
        "0207946\u{a0}0000"
    );
}

#[test]
fn s4_1_word_boundaries_are_ascii_only() {
    // é is not a word character, so `\b` falls between é and 1, and not before é.
    assert_eq!(regex_replace(r"\b", "|", "é1"), "é|1|");
    assert_eq!(regex_replace(r"\B", "|", "é1"), "|é1");
    assert_eq!(regex_replace(r"\b1", "x", "é1 a1"), "éx a1");
    assert!(guard_holds(guard("if_regex", r"\bext\b", 1), "٣ext٣"));
    assert!(!guard_holds(guard("if_regex", r"\bext\b", 1), "next"));
}

#[test]
fn s4_1_dot_negated_sets_and_unicode_classes_keep_unicode() {
    assert_eq!(regex_replace(".", "x", "é٣中"), "xxx");
    assert_eq!(regex_replace("[^0-9]", "", "٣1é2"), "12");
    assert_eq!(regex_replace(r"\p{Nd}", "#", "٣1５"), "###");
    assert_eq!(regex_replace(r"\pL+", "L", "ab1é"), "L1L");
}

#[test]
fn s4_1_case_insensitive_perl_classes_act_as_their_written_out_sets() {
    // docs/spec.md §4.1: under (?i), `\w` is `(?i)[0-9A-Za-z_]`, which the regex crate also
    // matches for KELVIN SIGN (U+212A, folds to k) and LATIN SMALL LETTER LONG S (U+017F, to s);
    // `\W` stays its exact complement, so never matches k, K, s or S.
    assert_eq!(regex_replace(r"(?i)\w", "#", "\u{212A}\u{17F}é"), "##é");
    assert_eq!(
        regex_replace(r"(?i)\W", "#", "kKsS\u{212A}é"),
        "kKsS\u{212A}#"
    );
    assert_eq!(regex_replace(r"(?i)\d", "#", "1٣"), "#٣");
}

#[test]
fn s4_1_regex_that_does_not_compile_is_an_error_with_its_text() {
    for bad in ["(", "[0-9", "a{2,1}", "(?<=a)b", "\\1", "*"] {
        let errors = config_errors(Pipeline::from_transforms(&[
            tr("add_prefix").value("1"),
            tr("regex_replace").value(bad).value2(""),
        ]));
        assert_eq!(errors.len(), 1, "{bad:?}: {errors:?}");
        let e = &errors[0];
        assert_eq!(
            (e.index, e.field.map(|f| f.as_str()), e.kind),
            (Some(1), Some("value"), K::InvalidRegex),
            "{bad:?}"
        );
        // It carries the regex crate's error text.
        let want = regex::Regex::new(bad).unwrap_err().to_string();
        let want_line = want
            .lines()
            .map(str::trim)
            .rfind(|l| l.starts_with("error:"))
            .unwrap_or_else(|| want.lines().next().unwrap());
        assert!(
            e.message.contains(want_line.trim_start_matches("error: ")),
            "{bad:?}: {:?} lacks {want_line:?}",
            e.message
        );
    }
}

#[test]
fn s4_1_regex_size_limit() {
    // Judged like the regex crate's size limit: far above 1 MiB fails, far below passes.
    let huge = "\\pL{2000}";
    assert!(regex::RegexBuilder::new(huge)
        .size_limit(1 << 20)
        .build()
        .is_err());
    let t = tr("if_regex").value(huge).number(1);
    let errors = errors_of(&[t, tr("stop")]);
    assert_eq!(errors, vec![(Some(0), Some("value"), K::InvalidRegex)]);
    // Small enough under the default limit.
    assert!(guard_holds(
        tr("if_regex").value("^[0-9]{10,15}$"),
        "4155550100"
    ));
    // And the limit is settable.
    let small = Pipeline::builder()
        .regex_size_limit(1000)
        .from_transforms(&[tr("regex_replace").value("[0-9]{100}").value2("")]);
    assert!(regex::RegexBuilder::new("[0-9]{100}")
        .size_limit(1000)
        .build()
        .is_err());
    assert_eq!(config_errors(small)[0].kind, K::InvalidRegex);
}

// ---------------------------------------------------------------------------------------------
// §4.2 Dial patterns

#[test]
fn s4_2_spec_examples() {
    assert!(pattern_matches("0591.", "05910"));
    assert!(pattern_matches("0591.", "0591012345"));
    assert!(!pattern_matches("0591.", "0591"));
    assert!(pattern_matches("+[13-5]XZN!", "+4022"));
    assert!(pattern_matches("+[13-5]XZN!", "+1136282882"));
    assert!(!pattern_matches("+[13-5]XZN!", "+0136282882"));
    assert!(!pattern_matches("+[13-5]XZN!", "+1106282882"));
}

#[test]
fn s4_2_leading_underscore_is_ignored() {
    assert!(pattern_matches("_0X", "01"));
    assert!(!pattern_matches("_0X", "_01"));
    assert!(pattern_matches("0X", "01"));
}

#[test]
fn s4_2_digit_classes_in_either_case() {
    for p in ["X", "x"] {
        for d in '0'..='9' {
            assert!(pattern_matches(p, &d.to_string()), "{p} {d}");
        }
        assert!(!pattern_matches(p, "a") && !pattern_matches(p, "٣") && !pattern_matches(p, ""));
    }
    for p in ["Z", "z"] {
        assert!(!pattern_matches(p, "0"));
        assert!(pattern_matches(p, "1") && pattern_matches(p, "9"));
    }
    for p in ["N", "n"] {
        assert!(!pattern_matches(p, "0") && !pattern_matches(p, "1"));
        assert!(pattern_matches(p, "2") && pattern_matches(p, "9"));
    }
}

#[test]
fn s4_2_sets_of_characters_and_ranges() {
    for (c, want) in [
        ("1", true),
        ("2", false),
        ("3", true),
        ("4", true),
        ("5", true),
        ("6", false),
    ] {
        assert_eq!(pattern_matches("[13-5]", c), want, "{c}");
    }
    assert!(pattern_matches("[+*#]1", "#1"));
    assert!(pattern_matches("[é中]", "中"));
    assert!(!pattern_matches("[13-5]", "13"), "a set is one character");
}

#[test]
fn s4_2_pattern_dot_needs_one_more() {
    assert!(!pattern_matches("12.", "12"));
    assert!(pattern_matches("12.", "123"));
    assert!(pattern_matches("12.", "12abc中"));
    assert!(pattern_matches(".", "x"));
    assert!(!pattern_matches(".", ""));
}

#[test]
fn s4_2_pattern_bang_allows_zero_more() {
    assert!(pattern_matches("12!", "12"));
    assert!(pattern_matches("12!", "12 any thing"));
    assert!(!pattern_matches("12!", "1"));
    assert!(pattern_matches("!", ""));
    assert!(pattern_matches("!", "anonymous"));
}

#[test]
fn s4_2_other_characters_match_themselves() {
    assert!(pattern_matches("+44*#", "+44*#"));
    assert!(!pattern_matches("+44", "044"));
    assert!(pattern_matches("sip", "sip"));
    assert!(
        !pattern_matches("sip", "SIP"),
        "letters other than XZN are literal and exact"
    );
    assert!(pattern_matches("aé", "aé"));
    assert!(pattern_matches("0", "0") && !pattern_matches("0", "1"));
}

#[test]
fn s4_2_dash_outside_a_set_is_ignored() {
    assert!(pattern_matches("_555-XXXX", "5551234"));
    assert!(!pattern_matches("_555-XXXX", "555-1234"));
    assert!(pattern_matches("1-800-NXX-XXXX", "18002125555"));
    assert!(pattern_matches("-0-591.-", "05910"));
    assert!(!pattern_matches("-0-591.-", "0591"));
    // Inside a set `-` makes a range, and is itself when first or last.
    assert!(pattern_matches("[1-3]", "2") && !pattern_matches("[1-3]", "-"));
    assert!(pattern_matches("[-5]", "-") && pattern_matches("[-5]", "5"));
    assert!(pattern_matches("[5-]", "-") && !pattern_matches("[5-]", "4"));
    // Nothing left after `_` and `-`: the empty-pattern error.
    for empty in ["-", "_-", "_---", "--"] {
        let k = single_error(tr("if_pattern").value(empty).number(1), "value");
        assert_eq!(k, K::InvalidPattern, "{empty:?}");
    }
}

#[test]
fn s4_2_pattern_errors() {
    for bad in [
        "_", "[12", "1[]", "[]", "[5-1]", "1.2", "!1", "..", "X!.", ".!",
    ] {
        let k = single_error(tr("if_pattern").value(bad).number(1), "value");
        assert_eq!(k, K::InvalidPattern, "{bad:?}");
    }
    assert_eq!(
        single_error(tr("if_pattern").number(1), "value"),
        K::Missing
    );
}

// ---------------------------------------------------------------------------------------------
// §4.3 Masks

#[test]
fn s4_3_mask_spec_examples() {
    assert_eq!(mask("214713XXXX", "35062"), "2147135062");
    assert_eq!(mask("XXXX", "4085551234"), "1234");
    assert_eq!(mask("+1408XXXXXXX", "5551234"), "+14085551234");
}

#[test]
fn s4_3_mask_rules() {
    // X takes nothing when s has run out.
    assert_eq!(mask("XXXX", "12"), "12");
    assert_eq!(mask("1X", ""), "1");
    // Lower-case x too.
    assert_eq!(mask("xx", "123"), "23");
    // A literal overwrites the character under it.
    assert_eq!(mask("0X0", "123"), "020");
    assert_eq!(mask("X-X", "abc"), "a-c");
    // Characters, not bytes.
    assert_eq!(mask("éX", "12中"), "é中");
    assert_eq!(mask("XX", "é中"), "é中");
    assert_eq!(mask("+X", "😀é"), "+é");
    // Everything left of the mask is dropped; a mask of literals is a constant.
    assert_eq!(mask("112", "99999"), "112");
    assert_eq!(mask("112", ""), "112");
}

// ---------------------------------------------------------------------------------------------
// §4.4 E.164

#[test]
fn s4_4_spec_examples() {
    assert_eq!(
        e164("44", Some("0"), None, "020 7946 0000"),
        "+442079460000"
    );
    assert_eq!(e164("1", None, None, "4155550100"), "+14155550100");
    assert_eq!(e164("1", None, Some(10), "14155550100"), "+14155550100");
}

#[test]
fn s4_4_step1_separators_are_removed() {
    assert_eq!(
        e164("44", Some("0"), None, "(020) 7946-0000."),
        "+442079460000"
    );
    assert_eq!(e164("1", None, None, "415.555.0100"), "+14155550100");
    assert_eq!(e164("1", None, None, "+1 (415) 555-0100"), "+14155550100");
}

#[test]
fn s4_4_step2_non_numbers_pass_through() {
    for s in [
        "",
        "anonymous",
        "+",
        "++44",
        "12a",
        "+44 20x",
        "- -",
        "( )",
        "٣٣",
        "12_3",
        "1/2",
        "+-",
        "44+",
    ] {
        assert_eq!(e164("44", Some("0"), Some(10), s), s, "{s:?} is unchanged");
    }
}

#[test]
fn s4_4_step3_international_numbers_keep_their_code() {
    assert_eq!(
        e164("44", Some("0"), None, "+44 20 7946 0000"),
        "+442079460000"
    );
    assert_eq!(
        e164("1", Some("1"), Some(10), "+33 1 23 45 67 89"),
        "+33123456789"
    );
    assert_eq!(e164("1", None, None, "+0"), "+0");
}

#[test]
fn s4_4_step4_national_length() {
    // len(cc) + number characters starting with the cc: the cc is already there.
    assert_eq!(e164("1", None, Some(10), "1 415 555 0100"), "+14155550100");
    assert_eq!(
        e164("44", Some("0"), Some(10), "442079460000"),
        "+442079460000"
    );
    // Wrong length: step 6 adds the cc.
    assert_eq!(e164("1", None, Some(10), "4155550100"), "+14155550100");
    assert_eq!(e164("1", None, Some(10), "141555501"), "+1141555501");
    // Right length but another leading digit: step 6.
    assert_eq!(e164("1", None, Some(10), "24155550100"), "+124155550100");
    // Unknown length (absent or 0): no step 4.
    assert_eq!(e164("1", None, None, "14155550100"), "+114155550100");
    assert_eq!(e164("1", None, Some(0), "14155550100"), "+114155550100");
    // Step 4 comes before step 5 (step 5 would give "+4442079460000").
    assert_eq!(
        e164("44", Some("4"), Some(10), "442079460000"),
        "+442079460000"
    );
}

#[test]
fn s4_4_step5_trunk_prefix() {
    assert_eq!(e164("44", Some("0"), None, "02079460000"), "+442079460000");
    assert_eq!(
        e164("44", Some("0"), Some(10), "02079460000"),
        "+442079460000"
    );
    assert_eq!(e164("33", Some("00"), None, "0012"), "+3312");
    assert_eq!(
        e164("44", Some("0"), None, "002"),
        "+4402",
        "the trunk prefix is removed once"
    );
    assert_eq!(e164("1", Some("1"), Some(10), "1415555010"), "+1415555010");
    assert_eq!(e164("44", Some("0"), None, "0"), "+44");
}

#[test]
fn s4_4_step6_otherwise_prepend_the_country_code() {
    assert_eq!(e164("44", None, None, "02079460000"), "+4402079460000");
    assert_eq!(e164("44", Some(""), None, "02079460000"), "+4402079460000");
    assert_eq!(e164("44", Some("0"), None, "2079460000"), "+442079460000");
    assert_eq!(e164("852", None, None, "21234567"), "+85221234567");
}

#[test]
fn s4_4_config_errors() {
    for cc in ["0", "044", "1234", "+44", "4a", "٤", " 1"] {
        let k = single_error(tr("to_e164").value(cc), "value");
        assert_eq!(k, K::InvalidCountryCode, "{cc:?}");
    }
    assert_eq!(single_error(tr("to_e164").value2("0"), "value"), K::Missing);
    for trunk in ["a", "+0", "0 ", "٠", "0-"] {
        let k = single_error(tr("to_e164").value("44").value2(trunk), "value2");
        assert_eq!(k, K::InvalidTrunkPrefix, "{trunk:?}");
    }
    // Both at once.
    let errors = errors_of(&[tr("to_e164").value("0").value2("x")]);
    assert_eq!(
        errors,
        vec![
            (Some(0), Some("value"), K::InvalidCountryCode),
            (Some(0), Some("value2"), K::InvalidTrunkPrefix)
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// §5 Limits

#[test]
fn s5_default_max_length_is_256_characters() {
    let p = compile(&[tr("keep_digits_start").number(1)]);
    assert_eq!(p.apply(&"7".repeat(256)).unwrap(), "7");
    assert_eq!(
        p.apply(&"é".repeat(256)).unwrap(),
        "é",
        "256 characters, 512 bytes"
    );
    let err = p.apply(&"7".repeat(257)).unwrap_err();
    assert_eq!(err.step(), None);
    let p = compile(&[tr("add_suffix").value("1")]);
    assert_eq!(p.apply(&"2".repeat(255)).unwrap().chars().count(), 256);
    assert_eq!(p.apply(&"2".repeat(256)).unwrap_err().step(), Some(0));
}

#[test]
fn s5_input_too_long_names_no_step() {
    let p = with_limit(3, &[tr("strip_digits_start").number(10)]);
    let err = p.apply("1234").unwrap_err();
    assert_eq!(err.step(), None);
    assert!(
        matches!(
            err,
            ApplyError::InputTooLong {
                length: 4,
                limit: 3
            }
        ),
        "{err:?}"
    );
    assert!(p.apply("éé中").is_ok(), "3 characters fit a limit of 3");
    assert_eq!(p.apply("éé中é").unwrap_err().step(), None);
    // Even an empty pipeline checks the input.
    assert_eq!(with_limit(2, &[]).apply("123").unwrap_err().step(), None);
    assert_eq!(with_limit(0, &[]).apply("").unwrap(), "");
}

#[test]
fn s5_step_too_long_names_that_step() {
    let ts = [
        tr("add_prefix").value("1"),
        tr("add_suffix").value("2"),
        tr("add_prefix").value("3"),
    ];
    let p = with_limit(5, &ts);
    // "123" -> "1123" (4) -> "11232" (5) -> "311232" (6 > 5): transform 2 fails.
    let err = p.apply("123").unwrap_err();
    assert_eq!(err.step(), Some(2));
    assert!(
        matches!(
            err,
            ApplyError::StepTooLong {
                index: 2,
                kind: "add_prefix",
                limit: 5
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains('3'), "shown 1-based: {err}");
    assert_eq!(p.apply("12").unwrap(), "31122");
}

#[test]
fn s5_every_intermediate_result_is_limited() {
    // The final result would fit, but an intermediate one does not.
    let ts = [
        tr("add_prefix").value("12345"),
        tr("strip_digits_start").number(5),
    ];
    assert_eq!(with_limit(6, &ts).apply("12").unwrap_err().step(), Some(0));
    assert_eq!(with_limit(7, &ts).apply("12").unwrap(), "12");
}

#[test]
fn s5_limit_applies_to_every_growing_type() {
    // Each case: transform 1 grows the string past a limit of 6; transform 0 changes nothing.
    let cases: Vec<(Transform, &str)> = vec![
        (tr("add_prefix").value("+44"), "12345"),
        (tr("add_suffix").value("##"), "12345"),
        (tr("replace").value("1").value2("11"), "11112"),
        (tr("replace_prefix").value("0").value2("+44"), "01234"),
        (tr("ensure_prefix").value("+1"), "12345"),
        (tr("set").value("1234567"), ""),
        (tr("set_if_empty").value("anonymous"), ""),
        (tr("regex_replace").value("(\\d)").value2("$1$1"), "1234"),
        (tr("mask").value("+44XXXX"), "1234"),
        (tr("to_e164").value("44").value2("0"), "012345"),
        (tr("to_e164").value("1"), "123456"),
        (tr("from_e164").value("1").value2("0000"), "+1234"),
    ];
    for (t, input) in cases {
        let ts = [tr("keep_digits_start").number(100), t.clone()];
        let err = with_limit(6, &ts)
            .apply(input)
            .expect_err(&format!("{t:?} on {input:?}"));
        assert!(
            matches!(
                err,
                ApplyError::StepTooLong {
                    index: 1,
                    limit: 6,
                    ..
                }
            ),
            "{t:?}: {err:?}"
        );
        // With room to spare it works.
        assert!(with_limit(30, &ts).apply(input).is_ok(), "{t:?}");
    }
}

#[test]
fn s5_limit_counts_characters() {
    let p = with_limit(3, &[tr("add_prefix").value("é")]);
    assert_eq!(p.apply("éé").unwrap(), "ééé");
    assert_eq!(p.apply("ééé").unwrap_err().step(), Some(0));
    let p = with_limit(4, &[tr("replace").value("a").value2("中中")]);
    assert_eq!(p.apply("a1a").unwrap_err().step(), Some(0));
    assert_eq!(p.apply("a1").unwrap(), "中中1");
}

#[test]
fn s5_max_transforms() {
    let json = |n: usize| {
        format!(
            "[{}]",
            vec![r#"{"type": "add_suffix", "value": "1"}"#; n].join(",")
        )
    };
    assert!(Pipeline::from_json(&json(256)).is_ok());
    let errors = config_errors(Pipeline::from_json(&json(257)));
    assert_eq!(errors[0].kind, K::TooManyTransforms);
    let small = Pipeline::builder().max_transforms(2);
    assert!(small.from_json(&json(2)).is_ok());
    assert_eq!(
        config_errors(small.from_json(&json(3)))[0].kind,
        K::TooManyTransforms
    );
}

#[test]
fn s5_max_value_length() {
    assert!(Pipeline::from_transforms(&[tr("add_prefix").value("1".repeat(256))]).is_ok());
    assert!(Pipeline::from_transforms(&[tr("add_prefix").value("é".repeat(256))]).is_ok());
    let errors = errors_of(&[tr("add_prefix").value("1".repeat(257))]);
    assert_eq!(errors, vec![(Some(0), Some("value"), K::TooLong)]);
    let errors = errors_of(&[tr("replace").value("1").value2("2".repeat(257))]);
    assert_eq!(errors, vec![(Some(0), Some("value2"), K::TooLong)]);
    let b = Pipeline::builder().max_value_len(3);
    assert!(b.from_transforms(&[tr("add_prefix").value("ééé")]).is_ok());
    let errors = config_errors(b.from_transforms(&[tr("add_prefix").value("1234")]));
    assert_eq!(errors[0].kind, K::TooLong);
}

#[test]
fn s5_limits_are_settable_through_the_builder() {
    let p = Pipeline::builder()
        .max_length(1000)
        .from_transforms(&[tr("add_prefix").value("1")])
        .unwrap();
    assert_eq!(p.apply(&"2".repeat(900)).unwrap().len(), 901);
    assert_eq!(p.limits().max_length, 1000);
}

// ---------------------------------------------------------------------------------------------
// §6 Errors, warnings, introspection

#[test]
fn s6_json_errors_carry_line_and_column() {
    let json = "[\n  {\"type\": \"add_prefix\",, \"value\": \"1\"}\n]";
    match Pipeline::from_json(json) {
        Err(Error::Json { line, column, .. }) => {
            assert_eq!(line, 2);
            // The second comma is column 25 of line 2.
            assert!((24..=26).contains(&column), "column {column}");
        }
        other => panic!("expected a JSON error, got {other:?}"),
    }
    match Pipeline::from_json("[{\"type\": \"stop\"}") {
        Err(Error::Json { line, .. }) => assert_eq!(line, 1),
        other => panic!("expected a JSON error, got {other:?}"),
    }
    let report = Pipeline::builder().check("\n\n  [}");
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.errors[0].kind, K::Json);
    assert!(
        report.errors[0].message.contains("line 3"),
        "{}",
        report.errors[0].message
    );
}

#[test]
fn s6_all_errors_are_reported_at_once() {
    let json = r#"[
        {"type": "add_prefx", "value": "1"},
        {"type": "add_prefix", "value": "1"},
        {"type": "strip_digits_end", "number": -1},
        {"type": "regex_replace", "value": "(", "value2": ""},
        {"type": "to_e164", "value": "0", "value2": "x"},
        {"type": "if_pattern", "value": "[", "number": 1},
        {"type": "add_suffix", "value": "1", "extra": 1}
    ]"#;
    let errors = json_errors(json);
    let want = vec![
        (Some(0), Some("type"), K::UnknownType),
        (Some(2), Some("number"), K::OutOfRange),
        (Some(3), Some("value"), K::InvalidRegex),
        (Some(4), Some("value"), K::InvalidCountryCode),
        (Some(4), Some("value2"), K::InvalidTrunkPrefix),
        (Some(5), Some("value"), K::InvalidPattern),
        (Some(6), None, K::UnknownField),
    ];
    let mut sorted = errors.clone();
    sorted.sort_by_key(|e| (e.0, e.1));
    let mut want_sorted = want.clone();
    want_sorted.sort_by_key(|e| (e.0, e.1));
    assert_eq!(sorted, want_sorted);
    // In index order.
    let indexes: Vec<_> = errors.iter().map(|e| e.0).collect();
    let mut ordered = indexes.clone();
    ordered.sort();
    assert_eq!(indexes, ordered);
    // check() gives the same errors.
    let report = Pipeline::builder().check(json);
    assert_eq!(report.errors.len(), want.len(), "{:?}", report.errors);
}

#[test]
fn s6_errors_are_shown_one_based() {
    let errors = errors_of(&[tr("stop"), tr("stop"), tr("add_prefix")]);
    assert_eq!(errors[0].0, Some(2));
    let e = config_errors(Pipeline::from_transforms(&[
        tr("stop"),
        tr("stop"),
        tr("add_prefix"),
    ]));
    let shown = e[0].to_string();
    assert!(shown.contains("transform 3"), "{shown}");
    assert!(shown.contains("value"), "{shown}");
}

#[test]
fn s6_unknown_type_lists_the_valid_ones_and_suggests_the_nearest() {
    let e = &config_errors(Pipeline::from_transforms(&[tr("add_prefx").value("1")]))[0];
    assert_eq!((e.index, e.kind), (Some(0), K::UnknownType));
    for info in TYPES {
        assert!(
            e.message.contains(info.name),
            "{} not listed: {}",
            info.name,
            e.message
        );
    }
    assert!(
        e.message.contains("did you mean `add_prefix`"),
        "{}",
        e.message
    );
    let e = &config_errors(Pipeline::from_transforms(
        &[tr("strip_digit_end").number(1)],
    ))[0];
    assert!(
        e.message.contains("did you mean `strip_digits_end`"),
        "{}",
        e.message
    );
    let e = &config_errors(Pipeline::from_transforms(&[tr("toe164").value("1")]))[0];
    assert!(
        e.message.contains("did you mean `to_e164`"),
        "{}",
        e.message
    );
    assert_eq!(TYPES.len(), 25, "docs/spec.md §3: 25 types");
}

#[test]
fn s6_lint_unused_field() {
    let lints = lint_codes(&[tr("strip_digits_start").number(1).value("0")]);
    assert_eq!(lints, vec![(0, LintCode::UnusedField)]);
    assert_eq!(
        lint_codes(&[tr("stop").number(2)]),
        vec![(0, LintCode::UnusedField)]
    );
    assert!(lint_codes(&[tr("strip_digits_start").number(1).value("")]).is_empty());
}

#[test]
fn s6_lint_no_op() {
    for t in [
        tr("strip_digits_start").number(0),
        tr("strip_digits_end").number(0),
        tr("replace").value("1").value2("1"),
    ] {
        let lints = lint_codes(std::slice::from_ref(&t));
        assert!(lints.contains(&(0, LintCode::NoOp)), "{t:?}: {lints:?}");
        // Lints do not stop the pipeline from compiling or running.
        assert_eq!(one(t, "123"), "123");
    }
    assert!(!lint_codes(&[tr("strip_digits_start").number(1)]).contains(&(0, LintCode::NoOp)));
    assert!(!lint_codes(&[tr("replace").value("1").value2("2")]).contains(&(0, LintCode::NoOp)));
}

#[test]
fn s6_lint_unreachable_after_unguarded_stop() {
    let ts = [
        tr("add_prefix").value("1"),
        tr("stop"),
        tr("add_prefix").value("2"),
        tr("add_suffix").value("3"),
    ];
    let lints = lint_codes(&ts);
    assert!(lints.contains(&(2, LintCode::Unreachable)), "{lints:?}");
    assert!(lints.contains(&(3, LintCode::Unreachable)), "{lints:?}");
    assert!(
        !lints
            .iter()
            .any(|&(i, c)| c == LintCode::Unreachable && i < 2),
        "{lints:?}"
    );
    // A guarded stop does not make what follows unreachable.
    let ts = [
        guard("if_prefix", "+", 1),
        tr("stop"),
        tr("add_prefix").value("+"),
    ];
    assert!(!lint_codes(&ts)
        .iter()
        .any(|&(_, c)| c == LintCode::Unreachable));
}

#[test]
fn s6_lint_cancels_out() {
    let ts = [tr("add_prefix").value("+1"), tr("strip_prefix").value("+1")];
    assert!(
        lint_codes(&ts).contains(&(1, LintCode::CancelsOut)),
        "{:?}",
        lint_codes(&ts)
    );
    let ts = [
        tr("add_prefix").value("00"),
        tr("strip_digits_start").number(2),
    ];
    assert!(
        lint_codes(&ts).contains(&(1, LintCode::CancelsOut)),
        "{:?}",
        lint_codes(&ts)
    );
    let ts = [tr("add_prefix").value("+1"), tr("strip_prefix").value("+")];
    assert!(!lint_codes(&ts)
        .iter()
        .any(|&(_, c)| c == LintCode::CancelsOut));
    // The pair really does cancel out.
    let ts = [tr("add_prefix").value("+1"), tr("strip_prefix").value("+1")];
    assert_eq!(run(&ts, "555"), "555");
}

#[test]
fn s6_lint_repeated_anchor() {
    // `^+1(\d{10})$` copied from a PCRE system: the `+` repeats the anchor.
    let ts = [tr("regex_replace").value(r"^+1(\d{10})$").value2("+1$1")];
    let lints = compile(&ts).lint();
    assert_eq!(lints.len(), 1, "{lints:?}");
    assert_eq!(
        (
            lints[0].index,
            lints[0].code,
            lints[0].field.map(|f| f.as_str())
        ),
        (0, LintCode::RepeatedAnchor, Some("value"))
    );
    assert!(lints[0].message.contains(r"^\+"), "{}", lints[0].message);
    assert_eq!(LintCode::RepeatedAnchor.as_str(), "repeated_anchor");
    // What it warns about: the regex never matches the leading `+`.
    assert_eq!(run(&ts, "+14155550100"), "+14155550100");
    for re in ["^*0", "^?0", "(0|^+4)", "x|^+"] {
        let ts = [guard("if_regex", re, 1), tr("stop")];
        assert!(
            lint_codes(&ts).contains(&(0, LintCode::RepeatedAnchor)),
            "{re}: {:?}",
            lint_codes(&ts)
        );
    }
    for fine in [r"^\+1", "[^+]1", "a+", "^0+", r"^\*", "^{2}", "$+"] {
        let ts = [guard("if_regex", fine, 1), tr("stop")];
        assert!(
            !lint_codes(&ts)
                .iter()
                .any(|&(_, c)| c == LintCode::RepeatedAnchor),
            "{fine}"
        );
    }
}

#[test]
fn s6_check_reports_errors_and_warnings_together() {
    let report = Pipeline::builder().check(
        r#"[{"type": "strip_digits_end", "number": 0}, {"type": "add_prefx", "value": "1"}]"#,
    );
    assert_eq!(report.errors.len(), 1);
    assert_eq!(report.errors[0].index, Some(1));
    assert!(report
        .warnings
        .iter()
        .any(|w| w.index == 0 && w.code == LintCode::NoOp));
    let clean = Pipeline::builder().check(r#"[{"type": "add_prefix", "value": "1"}]"#);
    assert!(clean.errors.is_empty() && clean.warnings.is_empty());
}

#[test]
fn s6_trace_statuses() {
    let ts = [
        guard("if_prefix", "0", 1),         // 0 guard_held
        tr("strip_digits_start").number(1), // 1 changed
        guard("if_prefix", "9", 1),         // 2 guard_failed
        tr("add_prefix").value("x"),        // 3 skipped
        tr("keep_digits_start").number(99), // 4 unchanged
        tr("stop"),                         // 5 stopped
        tr("add_prefix").value("y"),        // 6 not_reached
    ];
    let t = compile(&ts).trace("012");
    let rows: Vec<(usize, &str, &str, &str, StepStatus)> = t
        .steps
        .iter()
        .map(|s| {
            (
                s.index,
                s.kind,
                s.before.as_str(),
                s.after.as_str(),
                s.status,
            )
        })
        .collect();
    use StepStatus::*;
    assert_eq!(
        rows,
        vec![
            (0, "if_prefix", "012", "012", GuardHeld),
            (1, "strip_digits_start", "012", "12", Changed),
            (2, "if_prefix", "12", "12", GuardFailed),
            (3, "add_prefix", "12", "12", Skipped),
            (4, "keep_digits_start", "12", "12", Unchanged),
            (5, "stop", "12", "12", Stopped),
            (6, "add_prefix", "12", "12", NotReached),
        ]
    );
    assert_eq!(t.result, Ok("12".to_string()));
    assert_eq!(t.input, "012");
    let names: Vec<&str> = [
        GuardHeld,
        Changed,
        GuardFailed,
        Skipped,
        Unchanged,
        Stopped,
        NotReached,
        Error,
    ]
    .iter()
    .map(|s| s.as_str())
    .collect();
    assert_eq!(
        names,
        [
            "guard_held",
            "changed",
            "guard_failed",
            "skipped",
            "unchanged",
            "stopped",
            "not_reached",
            "error"
        ]
    );
}

#[test]
fn s6_trace_error_status() {
    let ts = [
        tr("add_prefix").value("1"),
        tr("add_prefix").value("22"),
        tr("add_suffix").value("z"),
    ];
    let t = with_limit(4, &ts).trace("12");
    let statuses: Vec<StepStatus> = t.steps.iter().map(|s| s.status).collect();
    assert_eq!(
        statuses,
        vec![
            StepStatus::Changed,
            StepStatus::Error,
            StepStatus::NotReached
        ]
    );
    assert_eq!(t.steps[0].after, "112");
    assert_eq!(t.steps[1].before, "112");
    assert_eq!(t.result.as_ref().unwrap_err().step(), Some(1));
    // Too long an input: nothing runs.
    let t = with_limit(1, &ts).trace("12");
    assert_eq!(t.result.as_ref().unwrap_err().step(), None);
    assert!(t.steps.iter().all(|s| s.status == StepStatus::NotReached));
}

#[test]
fn s6_trace_skipped_covers_nested_ranges() {
    let ts = [
        guard("if_prefix", "+", 3),
        guard("if_prefix", "+1", 1),
        tr("add_suffix").value("a"),
        tr("add_suffix").value("b"),
        tr("add_suffix").value("c"),
    ];
    let t = compile(&ts).trace("44");
    let statuses: Vec<StepStatus> = t.steps.iter().map(|s| s.status).collect();
    use StepStatus::*;
    assert_eq!(
        statuses,
        vec![GuardFailed, Skipped, Skipped, Skipped, Changed]
    );
    assert_eq!(t.result, Ok("44c".to_string()));
    let t = compile(&ts).trace("+44");
    let statuses: Vec<StepStatus> = t.steps.iter().map(|s| s.status).collect();
    assert_eq!(
        statuses,
        vec![GuardHeld, GuardFailed, Skipped, Changed, Changed]
    );
    assert_eq!(t.result, Ok("+44bc".to_string()));
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

#[test]
fn s6_explain_one_line_per_transform_guarded_lines_indented() {
    let ts = [
        tr("add_prefix").value("+44"),                // 0
        guard("if_prefix", "0", 3),                   // 1
        guard("if_prefix", "00", 1),                  // 2 (in 1)
        tr("replace_prefix").value("00").value2("+"), // 3 (in 1, 2)
        tr("stop"),                                   // 4 (in 1)
        tr("to_e164").value("44").value2("0"),        // 5
    ];
    let p = compile(&ts);
    let lines = p.explain_lines();
    assert_eq!(lines.len(), ts.len(), "{lines:#?}");
    assert_eq!(p.explain().lines().count(), ts.len());
    assert_eq!(p.explain(), lines.join("\n"));
    let d: Vec<usize> = lines.iter().map(|l| indent(l)).collect();
    assert_eq!(d[0], d[1], "{lines:#?}");
    assert!(d[2] > d[1], "{lines:#?}");
    assert!(d[3] > d[2], "{lines:#?}");
    assert_eq!(d[4], d[2], "{lines:#?}");
    assert_eq!(d[5], d[0], "{lines:#?}");
    // Plain English naming the operands.
    assert!(lines[0].contains("+44"), "{}", lines[0]);
    assert!(lines[5].contains("44"), "{}", lines[5]);
    assert!(lines.iter().all(|l| !l.trim().is_empty()));
}

#[test]
fn s6_explain_empty_pipeline() {
    let p = compile(&[]);
    assert!(p.explain_lines().is_empty());
    assert_eq!(p.explain(), "");
}

#[test]
fn s2_number_written_as_a_whole_float_is_that_integer() {
    // Clients that write every JSON number as a float send `1.0`: it is a whole number.
    let p = Pipeline::from_json(r#"[{"type": "strip_digits_start", "number": 2.0}]"#).unwrap();
    assert_eq!(p.apply("0044").unwrap(), "44");
    let err =
        Pipeline::from_json(r#"[{"type": "strip_digits_start", "number": 2.5}]"#).unwrap_err();
    let errors = err.errors();
    assert_eq!(
        errors[0].kind,
        callerid_transform::ConfigErrorKind::OutOfRange
    );
    assert_eq!(
        (errors[0].index, errors[0].field),
        (Some(0), Some(callerid_transform::Field::Number))
    );
}
