//! The importers against the vendors' documented examples (each test cites its source),
//! the strict/lossy split, and malformed input (each error names its line).

use callerid_transform::import::{import, Format, ImportNote, ImportOptions, Imported};
use callerid_transform::Pipeline;

fn strict() -> ImportOptions {
    ImportOptions::default()
}

fn lossy() -> ImportOptions {
    ImportOptions {
        lossy: true,
        ..ImportOptions::default()
    }
}

fn select(id: &str) -> ImportOptions {
    ImportOptions {
        select: Some(id.into()),
        ..ImportOptions::default()
    }
}

#[track_caller]
fn ok(format: Format, text: &str, options: &ImportOptions) -> (Imported, Pipeline) {
    let imported = import(format, text, options).unwrap_or_else(|e| panic!("{e}"));
    let pipeline = Pipeline::from_transforms(&imported.transforms).unwrap();
    assert_eq!(imported.lines.len(), imported.transforms.len());
    (imported, pipeline)
}

#[track_caller]
fn pipeline(format: Format, text: &str) -> Pipeline {
    let (imported, pipeline) = ok(format, text, &strict());
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let lints = pipeline.lint();
    assert!(lints.is_empty(), "{lints:?}");
    pipeline
}

#[track_caller]
fn errors(format: Format, text: &str, options: &ImportOptions) -> Vec<ImportNote> {
    match import(format, text, options) {
        Ok(i) => panic!("expected errors, got {:?}", i.transforms),
        Err(e) => e.errors,
    }
}

#[track_caller]
fn check(p: &Pipeline, cases: &[(&str, &str)]) {
    for (input, expected) in cases {
        assert_eq!(p.apply(input).unwrap(), *expected, "input {input:?}");
    }
}

// ---------------------------------------------------------------------------------------
// Cisco

/// Cisco, "Voice Translation Rules" (document 61083),
/// https://cisco.com/c/en/us/support/docs/voice/call-routing-dial-plans/61083-voice-transla-rules.html
/// Example 1: the first occurrence of 123 is replaced, anywhere in the number.
#[test]
fn cisco_doc_example_1_replaces_first_occurrence() {
    let p = pipeline(
        Format::Cisco,
        "voice translation-rule 1\n rule 1 /123/ /456/\n",
    );
    check(
        &p,
        &[
            ("123", "456"),
            ("1234", "4564"),
            ("6123", "6456"),
            ("6123123", "6456123"),
        ],
    );
}

/// Same document, Example 2: `^123` only at the start (the page's first test: 123 -> 456).
#[test]
fn cisco_doc_example_2_start_anchor() {
    let p = pipeline(
        Format::Cisco,
        "voice translation-rule 1\n rule 1 /^123/ /456/\n",
    );
    check(&p, &[("123", "456"), ("6123", "6123")]);
}

/// Same document, "Number Slice": `/^\(12\)3\(45\)$/ /6\1\2/` turns 12345 into 61245;
/// also quoted in https://community.cisco.com/t5/ip-telephony-and-phones/voice-translation-rule-prefix/td-p/1974298
#[test]
fn cisco_doc_number_slice() {
    let p = pipeline(
        Format::Cisco,
        "voice translation-rule 1\n rule 1 /^\\(12\\)3\\(45\\)$/ /6\\1\\2/\n",
    );
    check(&p, &[("12345", "61245"), ("123456", "123456")]);
}

/// https://community.cisco.com/t5/ip-telephony-and-phones/voice-translation-rule-prefix/td-p/1974298:
/// `rule 1 /^\([0-9]...\)/ /9\1/` and `test voice translation-rule 1 12345` gives 912345.
#[test]
fn cisco_community_prefix_nine() {
    let p = pipeline(
        Format::Cisco,
        "voice translation-rule 1\nrule 1 /^\\([0-9]...\\)/ /9\\1/\n",
    );
    check(&p, &[("12345", "912345")]);
}

/// http://voicecerts.com/2011/04/voice-translation-rules-examples.html (example 1.1):
/// only the first occurrence of the match changes.
#[test]
fn cisco_voicecerts_example_1_1() {
    let p = pipeline(
        Format::Cisco,
        "voice translation-rule 1\n rule 1 /123/ /890/\n",
    );
    check(
        &p,
        &[
            ("123", "890"),
            ("1234", "8904"),
            ("1123", "1890"),
            ("1123123", "1890123"),
        ],
    );
}

/// https://community.cisco.com/t5/ip-telephony-and-phones/voice-translation-rule-understanding/m-p/1786033
/// (answer by a Cisco employee): in translation-rule 9 "if the number is 999 leave as 999, if
/// it is any other number starting with 9 remove the 9"; translation-rule 3 keeps "only the
/// 4 digits after 26"; translation-rule 4 replaces any number with 8208; 6 prefixes 7.
#[test]
fn cisco_community_rules_explained() {
    let text = "voice translation-rule 9\n rule 1 /^999$/ /999/\n rule 2 /^9\\(.*\\)/ /\\1/\n!\n\
                voice translation-rule 3\n rule 1 /^26\\(....\\)/ /\\1/\n!\n\
                voice translation-rule 4\n rule 1 /.*/ /8208/\n!\n\
                voice translation-rule 6\n rule 1 /^\\(.*\\)/ /7\\1/\n!\n";
    let (_, nine) = ok(Format::Cisco, text, &select("9"));
    check(&nine, &[("999", "999"), ("9123", "123"), ("8123", "8123")]);
    let (_, three) = ok(Format::Cisco, text, &select("3"));
    check(&three, &[("261234", "1234")]);
    let (_, four) = ok(Format::Cisco, text, &select("4"));
    check(&four, &[("5551234", "8208")]);
    let (_, six) = ok(Format::Cisco, text, &select("6"));
    check(&six, &[("1234", "71234")]);
}

#[test]
fn cisco_rules_run_by_precedence_not_by_position() {
    let p = pipeline(
        Format::Cisco,
        "voice translation-rule 1\n rule 5 /^9/ /X/\n rule 2 /^99/ /Y/\n",
    );
    check(&p, &[("991", "Y1"), ("91", "X1")]);
}

#[test]
fn cisco_lines_point_at_the_rules() {
    let (imported, _) = ok(
        Format::Cisco,
        "! config\nvoice translation-rule 1\n rule 2 /^2/ //\n rule 1 /^1/ //\n",
        &strict(),
    );
    assert_eq!(imported.lines, [4, 4, 4, 3, 3, 3]);
}

#[test]
fn cisco_several_blocks_need_select_and_the_error_lists_them() {
    let text =
        "voice translation-rule 1\n rule 1 /1/ /2/\nvoice translation-rule 20\n rule 1 /1/ /3/\n";
    let e = errors(Format::Cisco, text, &strict());
    assert_eq!(e.len(), 1);
    assert!(
        e[0].message.contains("1 (line 1), 20 (line 3)"),
        "{}",
        e[0].message
    );
    let e = errors(Format::Cisco, text, &select("7"));
    assert!(e[0].message.contains("no translation rule \"7\""));
    let (_, p) = ok(Format::Cisco, text, &select("20"));
    check(&p, &[("1", "3")]);
}

#[test]
fn cisco_reject_and_qualifiers_are_strict_errors_and_lossy_warnings() {
    let text = "voice translation-rule 1\n rule 1 reject /^1900/\n rule 2 /^0/ /+44/ type national international\n";
    let e = errors(Format::Cisco, text, &strict());
    assert_eq!(
        e.iter().map(|n| n.line).collect::<Vec<_>>(),
        [Some(2), Some(3)]
    );
    assert!(e[0].message.contains("rejects the call"));
    assert!(e[1].message.contains("type national international"));
    let (imported, p) = ok(Format::Cisco, text, &lossy());
    assert_eq!(imported.warnings.len(), 2);
    assert!(imported.warnings[0].message.contains("left unchanged"));
    assert!(imported.warnings[1].message.contains("every type and plan"));
    check(
        &p,
        &[
            ("19005551234", "19005551234"),
            ("02079460000", "+442079460000"),
        ],
    );
}

#[test]
fn cisco_malformed_lines_are_errors_with_their_line() {
    let text = "voice translation-rule 1\n rule 1 /1/\n rule x /1/ /2/\n rule 3 /\\(1/ /2/\n rule 4 /1/ /\\2/\n rule 5 /(1)/ /2/\n";
    let e = errors(Format::Cisco, text, &strict());
    let lines: Vec<_> = e.iter().map(|n| n.line).collect();
    assert_eq!(lines, [Some(2), Some(3), Some(4), Some(5), Some(6)]);
    assert!(e[3].message.contains("copies set 2"));
    assert!(e[4].message.contains("\\("));
}

#[test]
fn cisco_back_references_in_a_match_are_errors() {
    let e = errors(
        Format::Cisco,
        "voice translation-rule 1\n rule 1 /\\(1\\)\\1/ /2/\n",
        &lossy(),
    );
    assert!(e[0].message.contains("back-reference"));
}

// ---------------------------------------------------------------------------------------
// Kamailio / OpenSIPS

const KAMAILIO_HEADER: &str = "dpid,pr,match_op,match_exp,match_len,subst_exp,repl_exp,attrs\n";

/// Kamailio dialplan module README, "Example of rules" (first row):
/// https://github.com/kamailio/kamailio/blob/master/src/modules/dialplan/README —
/// `^0[1-9][0-9]+$` rewritten by `^0([1-9][0-9]+)$` / `0049\1`.
#[test]
fn kamailio_readme_example_rule() {
    let text = format!("{KAMAILIO_HEADER}1,1,1,^0[1-9][0-9]+$,0,^0([1-9][0-9]+)$,0049\\1,de\n");
    let p = pipeline(Format::Kamailio, &text);
    check(
        &p,
        &[
            ("0301234567", "0049301234567"),
            ("00301", "00301"),
            ("+49301", "+49301"),
        ],
    );
}

/// The same README's second row uses a config variable (`$var(prefix)`), which only
/// Kamailio can evaluate: an error in both modes.
#[test]
fn kamailio_config_variables_are_errors() {
    let text = format!("{KAMAILIO_HEADER}1,2,1,^0[1-9][0-9]+$,0,^0(.+)$,$var(prefix)\\1,xyz\n");
    for options in [strict(), lossy()] {
        let e = errors(Format::Kamailio, &text, &options);
        assert_eq!(e[0].line, Some(2));
        assert!(e[0].message.contains("config variable"), "{}", e[0].message);
    }
}

/// dp_repl.c (rule_translate): the result is the expansion of repl_exp alone, not the
/// value with the match replaced; match_op 0 is whole-string equality; 2 is fnmatch.
#[test]
fn kamailio_result_is_the_expansion_only() {
    let text = format!(
        "{KAMAILIO_HEADER}1,1,1,^99,0,9(9)(1),x\\2\\1\\0,\n1,2,0,12345,0,,54321,\n1,3,2,0*,0,,zero,\n"
    );
    let p = pipeline(Format::Kamailio, &text);
    check(
        &p,
        &[
            ("99123", "x19991"),
            ("12345", "54321"),
            ("123456", "123456"),
            ("0777", "zero"),
            ("777", "777"),
        ],
    );
}

/// dp_repl.c: rows with match_len L are tried (on values of length L) before all rows with
/// match_len 0, whatever their priority; an empty value is never translated.
#[test]
fn kamailio_match_len_rows_come_first_and_empty_is_untouched() {
    let text =
        format!("{KAMAILIO_HEADER}1,1,1,.*,0,,generic,\n1,9,1,^1,4,,four,\n1,5,1,^1,5,,five,\n");
    let p = pipeline(Format::Kamailio, &text);
    check(
        &p,
        &[
            ("1234", "four"),
            ("12345", "five"),
            ("123", "generic"),
            ("", ""),
        ],
    );
}

#[test]
fn kamailio_subst_mismatch_leaves_the_value_and_stops() {
    let text = format!("{KAMAILIO_HEADER}1,1,1,^0,0,^00(.+)$,+\\1,\n1,2,1,.,0,,other,\n");
    let p = pipeline(Format::Kamailio, &text);
    check(&p, &[("0044", "+44"), ("0123", "0123"), ("5", "other")]);
}

#[test]
fn kamailio_possibly_empty_result_is_strict_error() {
    let text = format!("{KAMAILIO_HEADER}1,1,1,^0,0,^0(.*)$,\\1,\n");
    let e = errors(Format::Kamailio, &text, &strict());
    assert_eq!(e[0].line, Some(2));
    assert!(e[0].message.contains("can be empty"));
    let (imported, p) = ok(Format::Kamailio, &text, &lossy());
    assert_eq!(imported.warnings.len(), 1);
    check(&p, &[("0123", "123")]);
}

#[test]
fn kamailio_dpid_select_and_tab_separated_input() {
    let text = "dpid\tpr\tmatch_op\tmatch_exp\tmatch_len\tsubst_exp\trepl_exp\tattrs\n\
                1\t1\t0\t1\t0\t\tone\t\n2\t1\t0\t1\t0\t\ttwo\t\n";
    let e = errors(Format::Kamailio, text, &strict());
    assert!(e[0].message.contains("--select") && e[0].message.contains("1, 2"));
    let (_, p) = ok(Format::Kamailio, text, &select("2"));
    check(&p, &[("1", "two")]);
}

#[test]
fn kamailio_unsupported_pcre_is_an_error_with_its_line() {
    let text =
        format!("{KAMAILIO_HEADER}1,1,1,^(?!0)\\d+$,0,,x,\n1,2,1,^(1)\\1,0,,y,\n1,3,3,1,0,,z,\n");
    let e = errors(Format::Kamailio, &text, &lossy());
    assert_eq!(
        e.iter().map(|n| n.line).collect::<Vec<_>>(),
        [Some(2), Some(3), Some(4)]
    );
    assert!(e[0].message.contains("look-ahead"));
    assert!(e[1].message.contains("back-reference"));
    assert!(e[2].message.contains("match_op"));
}

/// OpenSIPS dialplan module (https://opensips.org/docs/modules/3.1.x/dialplan.html): rows
/// have `match_flags` (1 = case-insensitive) instead of match_len, and `disabled`.
#[test]
fn opensips_rows_with_match_flags_and_disabled() {
    let text =
        "id,dpid,pr,match_op,match_exp,match_flags,subst_exp,repl_exp,timerec,disabled,attrs\n\
                1,1,1,0,anonymous,1,,0000,,0,\n2,1,2,1,^1,0,,one,,1,\n";
    let (_, p) = ok(Format::Kamailio, text, &strict());
    check(&p, &[("Anonymous", "0000"), ("123", "123")]);
    let timed = "dpid,pr,match_op,match_exp,match_flags,subst_exp,repl_exp,timerec\n\
                 1,1,0,1,0,,2,20200101T000000|weekly\n";
    assert!(errors(Format::Kamailio, timed, &strict())[0]
        .message
        .contains("timerec"));
    assert_eq!(ok(Format::Kamailio, timed, &lossy()).0.warnings.len(), 1);
}

#[test]
fn kamailio_missing_columns_and_bad_numbers() {
    let e = errors(Format::Kamailio, "dpid,pr,match_op\n1,1,1\n", &strict());
    assert_eq!(e[0].line, Some(1));
    assert!(e[0].message.contains("match_exp"));
    let text = format!("{KAMAILIO_HEADER}1,one,1,^1,0,,x,\n");
    let e = errors(Format::Kamailio, &text, &strict());
    assert_eq!(e[0].line, Some(2));
    assert!(e[0].message.contains("`pr` must be a whole number"));
}

// ---------------------------------------------------------------------------------------
// Yeastar / Asterisk

/// Yeastar Cloud PBX API, "Query Outbound Route Settings"
/// (https://help.yeastar.com/en/cloudpbx-developer/api/query-outbound-route.html): a route
/// with dial pattern `6.` strips 1 digit ("how many digits will be stripped from the front").
#[test]
fn yeastar_api_example_route() {
    let p = pipeline(Format::Yeastar, "pattern,strip,prepend\n6.,1,\n");
    check(&p, &[("61234", "1234"), ("6", "6"), ("71234", "71234")]);
}

/// Outbound dial pattern page (https://docs.voice.izt.cloud/call_control/outbound_route/outbound_dial_pattern):
/// pattern `XXXXX` with prepend `0265955522`; X matches 0-9, `.` one or more digits.
#[test]
fn yeastar_prepend_example_and_wildcards() {
    let p = pipeline(
        Format::Yeastar,
        "pattern,strip,prepend\nXXXXX,,0265955522\n",
    );
    check(&p, &[("12345", "026595552212345"), ("1234", "1234")]);
    let p = pipeline(
        Format::Yeastar,
        "Pattern,Strip,Prepend\n_9NXX-XXXX,1,\n_9[1-3]X.,1,00\nZ!,,+\n",
    );
    check(
        &p,
        &[
            ("92345678", "2345678"),
            ("9123", "00123"),
            ("5", "+5"),
            ("0", "0"),
        ],
    );
}

/// Yeastar's CSV import parameters
/// (https://help.yeastar.com/en/p-series-software-edition/administrator-guide/import-and-export-parameters-outbound-route.html):
/// an empty pattern is filled with the default `X.`.
#[test]
fn yeastar_empty_pattern_is_the_default() {
    let p = pipeline(Format::Yeastar, "pattern,strip,prepend\n,,9\n");
    check(&p, &[("123", "9123")]);
}

#[test]
fn yeastar_malformed_rows() {
    let text = "pattern,strip,prepend\nX.1,,\n9X.,two,\n9(1)X,,\n\"unclosed,1,\n";
    let e = errors(Format::Yeastar, text, &strict());
    assert_eq!(
        e.iter().map(|n| n.line).collect::<Vec<_>>()[..3],
        [Some(2), Some(3), Some(4)]
    );
    assert!(e[1].message.contains("`strip`"));
    let e = errors(Format::Yeastar, "strip,prepend\n1,2\n", &strict());
    assert!(e[0].message.contains("pattern"));
}

#[test]
fn yeastar_unknown_columns_are_strict_errors() {
    let text = "name,pattern,strip,prepend,extensions\nr1,X.,,,1000\n";
    let e = errors(Format::Yeastar, text, &strict());
    assert!(e[0].message.contains("`extensions`"));
    let (imported, _) = ok(Format::Yeastar, text, &lossy());
    assert_eq!(imported.warnings.len(), 1);
}

// ---------------------------------------------------------------------------------------
// 3CX

/// 3CX Phone System manual, "Creating an outbound call rule"
/// (http://www.3cx.com/manual/3CXPhoneSystemManual5/phone-system35.html and -40): calls to
/// numbers starting with 0, strip 1 digit: "callers would dial 0123456 to reach 123456".
#[test]
fn threecx_manual_prefix_and_strip() {
    let p = pipeline(Format::ThreeCx, "prefix,length,strip,prepend\n0,,1,\n");
    check(&p, &[("0123456", "123456"), ("123456", "123456")]);
}

/// 3CX appliance wiki, "Creating outbound rules over hardware ports"
/// (https://sites.google.com/view/3cx-pbx-appliance-wiki/...): a default route for numbers
/// beginning with 0 that are 10 or 12 digits long; several prefixes separated by commas.
#[test]
fn threecx_length_and_prefix_lists() {
    let p = pipeline(
        Format::ThreeCx,
        "prefix,length,strip,prepend\n0,\"10,12\",1,+27\n\"00,+\",,,\n",
    );
    check(
        &p,
        &[
            ("0123456789", "+27123456789"),
            ("012345678901", "+2712345678901"),
            ("01234567890", "01234567890"),
            ("0044", "0044"),
        ],
    );
    let (imported, _) = ok(
        Format::ThreeCx,
        "prefix,length,strip,prepend\n0,\"10,12\",1,+27\n",
        &strict(),
    );
    // One copy of the rule per length range, all from line 2.
    assert_eq!(imported.transforms.len(), 10);
    assert!(imported.lines.iter().all(|&l| l == 2));
}

#[test]
fn threecx_length_ranges_merge() {
    let p = pipeline(
        Format::ThreeCx,
        "prefix,length,strip,prepend\n,\"8-9,10\",,9\n",
    );
    check(
        &p,
        &[
            ("12345678", "912345678"),
            ("1234567890", "91234567890"),
            ("1", "1"),
        ],
    );
}

#[test]
fn threecx_malformed_lengths() {
    let e = errors(
        Format::ThreeCx,
        "prefix,length,strip,prepend\n0,ten,,\n0,9-8,,\n",
        &strict(),
    );
    assert_eq!(
        e.iter().map(|n| n.line).collect::<Vec<_>>(),
        [Some(2), Some(3)]
    );
}

// ---------------------------------------------------------------------------------------
// Teams

/// Microsoft, New-CsTeamsTranslationRule
/// (https://learn.microsoft.com/powershell/module/microsoftteams/new-csteamstranslationrule),
/// examples 1 to 3. (The page prints 2065555555 -> "+1206555555", one digit short; the
/// pattern `^(\d{10})$` with `+1$1` gives +12065555555.)
#[test]
fn teams_doc_examples() {
    let json = r#"[
      {"Identity": "AddPlus1", "Pattern": "^(\\d{10})$", "Translation": "+1$1"},
      {"Identity": "StripPlus1", "Pattern": "^\\+1(\\d{10})$", "Translation": "$1"},
      {"Identity": "AddE164SeattleAreaCode", "Pattern": "^(\\d{4})$", "Translation": "+120655$1"}
    ]"#;
    let (imported, p) = ok(Format::Teams, json, &strict());
    assert!(p.lint().is_empty());
    check(
        &p,
        &[
            ("2065555555", "+12065555555"),
            ("+12065555555", "2065555555"),
            ("5555", "+1206555555"),
            ("123", "123"),
        ],
    );
    assert_eq!(imported.lines, [2, 2, 2, 3, 3, 3, 4, 4, 4]);
}

/// Microsoft, Test-CsTeamsTranslationRule: rule1 `^1234$` -> `4321` translates 1234 to 4321.
/// A single object (ConvertTo-Json prints one rule without an array) is accepted.
#[test]
fn teams_test_cmdlet_example_single_object() {
    let p = pipeline(
        Format::Teams,
        r#"{"Identity": "rule1", "Pattern": "^1234$", "Translation": "4321", "Description": null}"#,
    );
    check(&p, &[("1234", "4321"), ("12345", "12345")]);
}

/// .NET's `\d` is any Unicode decimal digit; the import keeps that meaning.
#[test]
fn teams_digit_class_stays_unicode() {
    let p = pipeline(
        Format::Teams,
        r#"[{"Identity": "r", "Pattern": "^(\\d{2})$", "Translation": "+$1"}]"#,
    );
    check(&p, &[("12", "+12"), ("١٢", "+١٢")]);
}

#[test]
fn teams_unanchored_pattern_is_strict_error_lossy_whole_match() {
    let json = r#"[{"Identity": "r", "Pattern": "1(\\d+)", "Translation": "0$1"}]"#;
    let e = errors(Format::Teams, json, &strict());
    assert!(e[0].message.contains("not anchored"));
    let (imported, p) = ok(Format::Teams, json, &lossy());
    assert_eq!(imported.warnings.len(), 1);
    check(&p, &[("123", "023"), ("5123", "5123")]);
}

#[test]
fn teams_unsupported_and_malformed() {
    let json = r#"[
      {"Identity": "a", "Pattern": "^(?<!0)1$", "Translation": "x"},
      {"Identity": "b", "Translation": "x"},
      {"Identity": "c", "Pattern": "^(1)$", "Translation": "$_"}
    ]"#;
    let e = errors(Format::Teams, json, &lossy());
    assert_eq!(
        e.iter().map(|n| n.line).collect::<Vec<_>>(),
        [Some(2), Some(3), Some(4)]
    );
    assert!(e[0].message.contains("look-behind"));
    let e = errors(Format::Teams, "[{\"Pattern\": ", &strict());
    assert!(e[0].message.contains("not valid JSON"));
}

// ---------------------------------------------------------------------------------------
// Shared

#[test]
fn oversized_input_is_refused() {
    let big = "x".repeat(callerid_transform::import::MAX_INPUT_BYTES + 1);
    for format in Format::ALL {
        let e = errors(format, &big, &strict());
        assert!(e[0].message.contains("limit"), "{format}");
    }
}

#[test]
fn a_table_past_the_transform_limit_says_so() {
    let mut text = String::from("pattern,strip,prepend\n");
    for i in 0..100 {
        text.push_str(&format!("{i}X.,1,\n"));
    }
    let e = errors(Format::Yeastar, &text, &strict());
    assert!(e[0].message.contains("max_transforms"), "{}", e[0].message);
}

#[test]
fn empty_input_is_an_error_for_every_format() {
    for format in Format::ALL {
        assert!(import(format, "", &strict()).is_err(), "{format}");
    }
}

#[test]
fn format_names_round_trip() {
    for format in Format::ALL {
        assert_eq!(Format::from_name(format.name()), Some(format));
    }
    assert_eq!(Format::from_name("OpenSIPS"), Some(Format::Kamailio));
    assert_eq!(Format::from_name("nope"), None);
}

#[test]
fn select_is_refused_where_there_is_one_table() {
    let e = errors(
        Format::Yeastar,
        "pattern,strip,prepend\nX.,,\n",
        &select("1"),
    );
    assert!(e[0].message.contains("only one table"));
}

/// redsack.com's Cisco rule tester (linked from Cisco's page) lists `^$` as "no digits,
/// null"; an empty match pattern matches every number once, at its start.
#[test]
fn cisco_empty_and_null_patterns() {
    let p = pipeline(
        Format::Cisco,
        "voice translation-rule 1\n rule 1 /^$/ /100/\n rule 2 // /9/\n",
    );
    check(&p, &[("", "100"), ("123", "9123")]);
}

#[test]
fn kamailio_empty_regex_matches_every_value() {
    let text = format!("{KAMAILIO_HEADER}1,1,1,,0,,x,\n");
    let p = pipeline(Format::Kamailio, &text);
    check(&p, &[("5", "x"), ("", "")]);
}

#[test]
fn multibyte_text_where_keywords_are_expected_is_an_error_not_a_panic() {
    let _ = import(
        Format::Cisco,
        "voice translation-rule 1\n rule 1 rejeé /1/ /2/\n",
        &strict(),
    );
    assert!(import(Format::Teams, r#"[{"Pattern": "^(?=éa)$"}]"#, &strict()).is_err());
    assert!(import(Format::Teams, r#"[{"Pattern": "^(?<=é)$"}]"#, &strict()).is_err());
    assert!(import(
        Format::Kamailio,
        "dpid,pr,match_op,match_exp,match_len,subst_exp,repl_exp\n1,1,1,(?<é>1),0,,x\n",
        &strict()
    )
    .is_err());
}

#[test]
fn a_value_past_the_engine_limit_names_its_line() {
    let long = "1".repeat(300);
    let e = errors(
        Format::Yeastar,
        &format!("pattern,strip,prepend\nX.,,\nX.,,{long}\n"),
        &strict(),
    );
    assert_eq!(e[0].line, Some(3));
    assert!(e[0].message.contains("max_value_len"), "{}", e[0].message);
}

#[test]
fn kamailio_dpid_must_be_a_number() {
    let text = format!("{KAMAILIO_HEADER}one,1,0,1,0,,x,\n");
    let e = errors(Format::Kamailio, &text, &strict());
    assert_eq!(e[0].line, Some(2));
    assert!(e[0].message.contains("`dpid` must be a whole number"));
}

#[test]
fn cisco_duplicate_rule_numbers_are_errors() {
    let e = errors(
        Format::Cisco,
        "voice translation-rule 1\n rule 3 /1/ /2/\n rule 3 /4/ /5/\n",
        &strict(),
    );
    assert_eq!(e[0].line, Some(3));
    assert!(e[0].message.contains("first on line 2"));
}

/// Found by the `import` fuzz target: a class range the engine refuses (`[0-/]`) must be an
/// error at its line, not a pipeline that fails to compile.
#[test]
fn regexes_the_engine_refuses_are_errors_at_their_line() {
    let text = format!("{KAMAILIO_HEADER}2,1,1,^0[1-9][0-/9]+$,8,^0([1-9][0-9]$$+)$,0049\\1,de\n");
    let e = errors(Format::Kamailio, &text, &lossy());
    assert_eq!(e[0].line, Some(2));
    assert!(
        e[0].message.contains("not a regex the engine accepts"),
        "{}",
        e[0].message
    );
    let e = errors(
        Format::Cisco,
        "voice translation-rule 1\n rule 1 /[9-0]/ /1/\n",
        &lossy(),
    );
    assert_eq!(e[0].line, Some(2));
    let e = errors(
        Format::Teams,
        r#"[{"Pattern": "^(1{1000}){1000}$", "Translation": "x"}]"#,
        &lossy(),
    );
    assert!(e[0].message.contains("size limit"), "{}", e[0].message);
}
