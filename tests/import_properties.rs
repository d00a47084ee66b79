//! Property tests: for random rule tables in each vendor format, the imported pipeline
//! gives what a small independent evaluator of that vendor's semantics (written here, not
//! reusing the importer) gives, on random numbers.

use callerid_transform::import::{import, Format, ImportOptions};
use callerid_transform::Pipeline;
use proptest::prelude::*;
use regex::Regex;

const CASES: u32 = 64;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: CASES,
        ..ProptestConfig::default()
    }
}

fn numbers() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("\\+?[0-9]{0,8}", 1..24)
}

fn compile(format: Format, text: &str, options: &ImportOptions) -> Result<Pipeline, String> {
    let imported = import(format, text, options).map_err(|e| e.to_string())?;
    Pipeline::from_transforms(&imported.transforms).map_err(|e| e.to_string())
}

// ---------------------------------------------------------------------------------------
// A small regex AST, written out in each vendor's syntax and in the `regex` crate's.

#[derive(Debug, Clone)]
enum Atom {
    Lit(char),
    Any,
    Class(char, char),
    Group(Vec<(Atom, Quant)>),
}

#[derive(Debug, Clone, Copy)]
enum Quant {
    One,
    Star,
    Plus,
    Opt,
}

#[derive(Debug, Clone)]
struct Re {
    start: bool,
    end: bool,
    items: Vec<(Atom, Quant)>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Syntax {
    Cisco,
    Pcre,
}

fn leaf() -> impl Strategy<Value = Atom> {
    prop_oneof![
        4 => prop::char::range('0', '9').prop_map(Atom::Lit),
        1 => Just(Atom::Any),
        1 => (0u8..5, 0u8..5).prop_map(|(a, b)| {
            let (lo, hi) = (a.min(b), a.max(b));
            Atom::Class((b'0' + lo) as char, (b'0' + hi) as char)
        }),
    ]
}

fn quant() -> impl Strategy<Value = Quant> {
    prop_oneof![6 => Just(Quant::One), 1 => Just(Quant::Star), 1 => Just(Quant::Plus), 1 => Just(Quant::Opt)]
}

fn re() -> impl Strategy<Value = Re> {
    let item = prop_oneof![
        4 => (leaf(), quant()),
        1 => prop::collection::vec((leaf(), quant()), 1..3).prop_map(|g| (Atom::Group(g), Quant::One)),
    ];
    (
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec(item, 1..4),
    )
        .prop_map(|(start, end, items)| Re { start, end, items })
}

fn groups(items: &[(Atom, Quant)]) -> usize {
    items
        .iter()
        .map(|(a, _)| match a {
            Atom::Group(g) => 1 + groups(g),
            _ => 0,
        })
        .sum()
}

fn write(items: &[(Atom, Quant)], syntax: Syntax, out: &mut String) {
    for (atom, q) in items {
        match atom {
            Atom::Lit(c) => out.push(*c),
            Atom::Any => out.push('.'),
            Atom::Class(lo, hi) => out.push_str(&format!("[{lo}-{hi}]")),
            Atom::Group(g) => {
                out.push_str(if syntax == Syntax::Cisco { "\\(" } else { "(" });
                write(g, syntax, out);
                out.push_str(if syntax == Syntax::Cisco { "\\)" } else { ")" });
            }
        }
        out.push_str(match q {
            Quant::One => "",
            Quant::Star => "*",
            Quant::Plus => "+",
            Quant::Opt => "?",
        });
    }
}

impl Re {
    fn text(&self, syntax: Syntax) -> String {
        let mut s = String::new();
        if self.start {
            s.push('^');
        }
        write(&self.items, syntax, &mut s);
        if self.end {
            s.push('$');
        }
        s
    }

    fn regex(&self) -> Regex {
        Regex::new(&self.text(Syntax::Pcre)).unwrap()
    }

    fn groups(&self) -> usize {
        groups(&self.items)
    }
}

/// A replacement: literal digits and group references.
#[derive(Debug, Clone)]
enum Part {
    Text(String),
    Group(usize),
}

fn parts(max_group: usize) -> impl Strategy<Value = Vec<Part>> {
    parts_from(0, max_group)
}

/// Literal text and references to groups `min..=max` (Cisco numbers its sets from 1).
fn parts_from(min: usize, max: usize) -> impl Strategy<Value = Vec<Part>> {
    let group = if min <= max {
        (min..=max).prop_map(Part::Group).boxed()
    } else {
        "[0-9]".prop_map(Part::Text).boxed()
    };
    prop::collection::vec(prop_oneof!["[0-9+]{1,3}".prop_map(Part::Text), group], 0..4)
}

fn expand(parts: &[Part], caps: &regex::Captures) -> String {
    parts
        .iter()
        .map(|p| match p {
            Part::Text(t) => t.clone(),
            Part::Group(n) => caps.get(*n).map_or("", |m| m.as_str()).to_string(),
        })
        .collect()
}

fn write_parts(parts: &[Part], group: impl Fn(usize) -> String) -> String {
    parts
        .iter()
        .map(|p| match p {
            Part::Text(t) => t.clone(),
            Part::Group(n) => group(*n),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Cisco: rules by precedence; the first that matches replaces its first match and ends.

#[derive(Debug, Clone)]
struct CiscoRule {
    precedence: u32,
    re: Re,
    repl: Vec<Part>,
}

fn cisco_rules() -> impl Strategy<Value = Vec<CiscoRule>> {
    prop::collection::vec(
        re().prop_flat_map(|re| {
            let g = re.groups();
            (Just(re), parts_from(1, g))
        }),
        1..5,
    )
    .prop_flat_map(|rules| {
        let n = rules.len();
        (
            Just(rules),
            Just((1..=20u32).collect::<Vec<_>>()).prop_shuffle(),
        )
            .prop_map(move |(rules, order)| {
                rules
                    .into_iter()
                    .zip(order.into_iter().take(n))
                    .map(|((re, repl), precedence)| CiscoRule {
                        precedence,
                        re,
                        repl,
                    })
                    .collect()
            })
    })
}

fn cisco_eval(rules: &[CiscoRule], number: &str) -> String {
    let mut sorted: Vec<&CiscoRule> = rules.iter().collect();
    sorted.sort_by_key(|r| r.precedence);
    for rule in sorted {
        let regex = rule.re.regex();
        if let Some(caps) = regex.captures(number) {
            let m = caps.get(0).unwrap();
            return format!(
                "{}{}{}",
                &number[..m.start()],
                expand(&rule.repl, &caps),
                &number[m.end()..]
            );
        }
    }
    number.to_string()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn cisco_import_equals_cisco_semantics(rules in cisco_rules(), numbers in numbers()) {
        let mut text = String::from("voice translation-rule 7\n");
        for r in &rules {
            // Numbers in a replacement never follow a `\N` directly: `\12` would read as
            // set 1 then `2` anyway, so write the text as is.
            let repl = write_parts(&r.repl, |n| format!("\\{n}"));
            text.push_str(&format!(" rule {} /{}/ /{}/\n", r.precedence, r.re.text(Syntax::Cisco), repl));
        }
        let p = compile(Format::Cisco, &text, &ImportOptions::default()).unwrap();
        for n in &numbers {
            prop_assert_eq!(p.apply(n).unwrap(), cisco_eval(&rules, n), "{} on {:?}", text, n);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Kamailio: per-length lists first, then match_len 0; the result is the expansion only.

#[derive(Debug, Clone)]
enum Match {
    Equal(String),
    Regex(Re),
    Fnmatch(String),
}

#[derive(Debug, Clone)]
struct Row {
    pr: u8,
    matcher: Match,
    len: usize,
    subst: Option<Re>,
    repl: Vec<Part>,
}

fn fnmatch_pattern() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::char::range('0', '9').prop_map(|c| c.to_string()),
            1 => Just("*".to_string()),
            1 => Just("?".to_string()),
            1 => Just("[0-4]".to_string()),
            1 => Just("[!0-4]".to_string()),
        ],
        0..5,
    )
    .prop_map(|v| v.concat())
}

/// fnmatch(3) with flags 0, for the patterns generated above.
fn fnmatch(p: &[char], s: &[char]) -> bool {
    match p.first() {
        None => s.is_empty(),
        Some('*') => (0..=s.len()).any(|k| fnmatch(&p[1..], &s[k..])),
        Some('?') => !s.is_empty() && fnmatch(&p[1..], &s[1..]),
        Some('[') => {
            let close = p.iter().position(|&c| c == ']').unwrap();
            let negated = p[1] == '!';
            let body = &p[if negated { 2 } else { 1 }..close];
            let Some(&c) = s.first() else { return false };
            let inside = c >= body[0] && c <= body[2];
            inside != negated && fnmatch(&p[close + 1..], &s[1..])
        }
        Some(&c) => s.first() == Some(&c) && fnmatch(&p[1..], &s[1..]),
    }
}

fn rows() -> impl Strategy<Value = Vec<Row>> {
    let matcher = prop_oneof![
        "[0-9]{1,3}".prop_map(Match::Equal),
        re().prop_map(Match::Regex),
        fnmatch_pattern().prop_map(Match::Fnmatch),
    ];
    let row = (
        0u8..5,
        matcher,
        prop_oneof![3 => Just(0usize), 1 => 1usize..5],
        prop::option::of(re()),
    )
        .prop_flat_map(|(pr, matcher, len, subst)| {
            let g = subst.as_ref().map_or(0, Re::groups);
            let repl = if subst.is_some() {
                // Mostly with a literal part, so that few tables are refused for a result
                // that could be empty.
                (parts(g), prop::bool::weighted(0.75))
                    .prop_map(|(mut p, lit)| {
                        if lit {
                            p.insert(0, Part::Text("9".into()));
                        }
                        p
                    })
                    .boxed()
            } else {
                // Without subst_exp, a group reference makes Kamailio reject the row.
                prop::collection::vec("[0-9+]{1,3}".prop_map(Part::Text), 0..3).boxed()
            };
            (Just(pr), Just(matcher), Just(len), Just(subst), repl).prop_map(
                |(pr, matcher, len, subst, repl)| Row {
                    pr,
                    matcher,
                    len,
                    subst,
                    repl,
                },
            )
        });
    prop::collection::vec(row, 1..6)
}

fn row_matches(row: &Row, s: &str) -> bool {
    match &row.matcher {
        Match::Equal(e) => e == s,
        Match::Regex(re) => re.regex().is_match(s),
        Match::Fnmatch(p) => fnmatch(
            &p.chars().collect::<Vec<_>>(),
            &s.chars().collect::<Vec<_>>(),
        ),
    }
}

fn kamailio_eval(rows: &[Row], s: &str) -> String {
    if s.is_empty() {
        return String::new();
    }
    let mut sorted: Vec<&Row> = rows.iter().collect();
    sorted.sort_by_key(|r| r.pr); // stable: file order within one priority
    let candidates = sorted
        .iter()
        .filter(|r| r.len == s.len())
        .chain(sorted.iter().filter(|r| r.len == 0));
    for row in candidates {
        if !row_matches(row, s) {
            continue;
        }
        if row.repl.is_empty() {
            return s.to_string();
        }
        let out = match &row.subst {
            None => write_parts(&row.repl, |_| unreachable!()),
            Some(re) => match re.regex().captures(s) {
                None => return s.to_string(),
                Some(caps) => expand(&row.repl, &caps),
            },
        };
        return if out.is_empty() { s.to_string() } else { out };
    }
    s.to_string()
}

fn write_rows(rows: &[Row]) -> String {
    let mut text = String::from("dpid,pr,match_op,match_exp,match_len,subst_exp,repl_exp,attrs\n");
    for r in rows {
        let (op, exp) = match &r.matcher {
            Match::Equal(e) => (0, e.clone()),
            Match::Regex(re) => (1, re.text(Syntax::Pcre)),
            Match::Fnmatch(p) => (2, p.clone()),
        };
        let subst = r
            .subst
            .as_ref()
            .map_or(String::new(), |re| re.text(Syntax::Pcre));
        let repl = write_parts(&r.repl, |n| format!("\\{n}"));
        text.push_str(&format!(
            "5,{},{op},\"{exp}\",{},\"{subst}\",\"{repl}\",\n",
            r.pr, r.len
        ));
    }
    text
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn kamailio_import_equals_dialplan_semantics(rows in rows(), numbers in prop::collection::vec("[0-9]{0,6}", 1..24)) {
        let text = write_rows(&rows);
        let p = match compile(Format::Kamailio, &text, &ImportOptions::default()) {
            Ok(p) => p,
            Err(e) => {
                // The one refusal the generator can provoke: a result that may be empty.
                prop_assert!(e.contains("can be empty"), "{}\n{}", text, e);
                return Ok(());
            }
        };
        for n in &numbers {
            prop_assert_eq!(p.apply(n).unwrap(), kamailio_eval(&rows, n), "{} on {:?}", text, n);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Yeastar: the first whole-number dial-pattern match strips, then prepends.

#[derive(Debug, Clone)]
enum Tok {
    Lit(char),
    Set(char, char),
}

#[derive(Debug, Clone)]
struct Route {
    toks: Vec<Tok>,
    tail: Option<char>,
    underscore: bool,
    strip: usize,
    prepend: String,
}

fn routes() -> impl Strategy<Value = Vec<Route>> {
    let tok = prop_oneof![
        3 => prop::char::range('0', '9').prop_map(Tok::Lit),
        1 => Just(Tok::Set('0', '9')),
        1 => Just(Tok::Set('1', '9')),
        1 => Just(Tok::Set('2', '9')),
        1 => (0u8..9).prop_map(|a| Tok::Set((b'0' + a) as char, (b'1' + a) as char)),
        1 => Just(Tok::Lit('+')),
    ];
    let route = (
        prop::collection::vec(tok, 1..5),
        prop::option::of(prop_oneof![Just('.'), Just('!')]),
        any::<bool>(),
        0usize..4,
        "[0-9+]{0,3}",
    )
        .prop_map(|(toks, tail, underscore, strip, prepend)| Route {
            toks,
            tail,
            underscore,
            strip,
            prepend,
        });
    prop::collection::vec(route, 1..6)
}

fn route_matches(r: &Route, s: &[char]) -> bool {
    if s.len() < r.toks.len() {
        return false;
    }
    let fixed = r.toks.iter().zip(s).all(|(t, &c)| match t {
        Tok::Lit(l) => *l == c,
        Tok::Set(lo, hi) => c >= *lo && c <= *hi,
    });
    let rest = s.len() - r.toks.len();
    fixed
        && match r.tail {
            None => rest == 0,
            Some('.') => rest >= 1,
            _ => true,
        }
}

fn yeastar_eval(routes: &[Route], s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    for r in routes {
        if route_matches(r, &chars) {
            let kept: String = chars.iter().skip(r.strip).collect();
            return format!("{}{kept}", r.prepend);
        }
    }
    s.to_string()
}

fn write_routes(routes: &[Route]) -> String {
    let mut text = String::from("pattern,strip,prepend\n");
    for r in routes {
        let mut p = String::from(if r.underscore { "_" } else { "" });
        for t in &r.toks {
            match t {
                Tok::Lit(c) => p.push(*c),
                Tok::Set('0', '9') => p.push('X'),
                Tok::Set('1', '9') => p.push('Z'),
                Tok::Set('2', '9') => p.push('N'),
                Tok::Set(lo, hi) => p.push_str(&format!("[{lo}-{hi}]")),
            }
        }
        if let Some(t) = r.tail {
            p.push(t);
        }
        text.push_str(&format!("{p},{},{}\n", r.strip, r.prepend));
    }
    text
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn yeastar_import_equals_route_semantics(routes in routes(), numbers in numbers()) {
        let text = write_routes(&routes);
        let p = compile(Format::Yeastar, &text, &ImportOptions::default()).unwrap();
        for n in &numbers {
            prop_assert_eq!(p.apply(n).unwrap(), yeastar_eval(&routes, n), "{} on {:?}", text, n);
        }
    }
}

// ---------------------------------------------------------------------------------------
// 3CX: prefix list, length list (values and ranges), strip, prepend; first rule wins.

#[derive(Debug, Clone)]
struct OutRule {
    prefixes: Vec<String>,
    lengths: Vec<(usize, usize)>,
    strip: usize,
    prepend: String,
}

fn out_rules() -> impl Strategy<Value = Vec<OutRule>> {
    let length = (1usize..9, 0usize..3).prop_map(|(lo, w)| (lo, lo + w));
    let rule = (
        prop::collection::vec("\\+?[0-9]{1,2}", 0..3),
        prop::collection::vec(length, 0..3),
        0usize..4,
        "[0-9+]{0,3}",
    )
        .prop_map(|(prefixes, lengths, strip, prepend)| OutRule {
            prefixes,
            lengths,
            strip,
            prepend,
        });
    prop::collection::vec(rule, 1..5)
}

fn threecx_eval(rules: &[OutRule], s: &str) -> String {
    let len = s.chars().count();
    for r in rules {
        let prefix_ok =
            r.prefixes.is_empty() || r.prefixes.iter().any(|p| s.starts_with(p.as_str()));
        let length_ok =
            r.lengths.is_empty() || r.lengths.iter().any(|&(lo, hi)| lo <= len && len <= hi);
        if prefix_ok && length_ok {
            let kept: String = s.chars().skip(r.strip).collect();
            return format!("{}{kept}", r.prepend);
        }
    }
    s.to_string()
}

fn write_out_rules(rules: &[OutRule]) -> String {
    let mut text = String::from("prefix,length,strip,prepend\n");
    for r in rules {
        let lengths: Vec<String> = r
            .lengths
            .iter()
            .map(|&(lo, hi)| {
                if lo == hi {
                    lo.to_string()
                } else {
                    format!("{lo}-{hi}")
                }
            })
            .collect();
        text.push_str(&format!(
            "\"{}\",\"{}\",{},{}\n",
            r.prefixes.join(","),
            lengths.join(","),
            r.strip,
            r.prepend
        ));
    }
    text
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn threecx_import_equals_outbound_rule_semantics(rules in out_rules(), numbers in numbers()) {
        let text = write_out_rules(&rules);
        let p = compile(Format::ThreeCx, &text, &ImportOptions::default()).unwrap();
        for n in &numbers {
            prop_assert_eq!(p.apply(n).unwrap(), threecx_eval(&rules, n), "{} on {:?}", text, n);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Teams: anchored .NET patterns in order; the first that matches gives the translation.

#[derive(Debug, Clone)]
struct TeamsRule {
    re: Re,
    translation: Vec<Part>,
}

fn teams_rules() -> impl Strategy<Value = Vec<TeamsRule>> {
    prop::collection::vec(
        re().prop_flat_map(|mut re| {
            re.start = true;
            re.end = true;
            let g = re.groups();
            (Just(re), parts(g)).prop_map(|(re, translation)| TeamsRule { re, translation })
        }),
        1..5,
    )
}

fn teams_eval(rules: &[TeamsRule], s: &str) -> String {
    for r in rules {
        if let Some(caps) = r.re.regex().captures(s) {
            return expand(&r.translation, &caps);
        }
    }
    s.to_string()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn teams_import_equals_translation_rule_semantics(rules in teams_rules(), numbers in numbers()) {
        let items: Vec<serde_json::Value> = rules
            .iter()
            .enumerate()
            .map(|(i, r)| {
                serde_json::json!({
                    "Identity": format!("r{i}"),
                    "Pattern": r.re.text(Syntax::Pcre),
                    "Translation": write_parts(&r.translation, |n| format!("${{{n}}}")),
                })
            })
            .collect();
        let text = serde_json::to_string_pretty(&items).unwrap();
        let p = compile(Format::Teams, &text, &ImportOptions::default()).unwrap();
        for n in &numbers {
            prop_assert_eq!(p.apply(n).unwrap(), teams_eval(&rules, n), "{} on {:?}", text, n);
        }
    }
}
