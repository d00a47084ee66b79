//! Regex dialects: PCRE (Kamailio/OpenSIPS), .NET (Teams), Cisco's sed-like rules and
//! fnmatch patterns, translated to the `regex` crate's syntax; replacement templates; and
//! what a translated regex guarantees (anchoring, groups that can never be empty).
//!
//! Anything the `regex` crate cannot do (look-around, back-references, possessive and atomic
//! groups, recursion, conditionals) is an error. Where a dialect's meaning differs from the
//! engine's and can be written differently, it is: .NET's `\d`, `\w` and `\s` are Unicode
//! classes and become `\p{Nd}` and explicit class unions; PCRE's `\d`, `\w`, `\s`, `\b` are
//! ASCII in PCRE's default mode, as in the engine (SPEC §4.1), so they are kept.
//!
//! Assumptions, stated once here and in the README: caller IDs hold no line breaks (PCRE's
//! and .NET's `$` also match before a final newline); PCRE's non-UTF mode (a `.` is one
//! byte) only differs from the engine on non-ASCII text.

use regex_syntax::hir::{Hir, HirKind, Look};

/// A regex dialect with PCRE-like syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    /// PCRE2 with no options (Kamailio's and OpenSIPS's dialplan).
    Pcre,
    /// .NET `System.Text.RegularExpressions` with default options (Teams).
    DotNet,
}

/// Something a translation could only approximate: why, and what it does instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Approx {
    pub(crate) why: String,
    pub(crate) instead: String,
}

/// The `regex` crate's spelling of one literal character.
pub(crate) fn lit(c: char) -> String {
    regex_syntax::escape(c.encode_utf8(&mut [0; 4]))
}

/// The `regex` crate's spelling of a literal string.
pub(crate) fn literal(s: &str) -> String {
    regex_syntax::escape(s)
}

const DOTNET_WORD: &str = r"\p{L}\p{Mn}\p{Nd}\p{Pc}";
const DOTNET_SPACE: &str = r"\f\n\r\t\v\x{85}\p{Z}";

/// Translates a PCRE or .NET regex to the `regex` crate's syntax.
pub(crate) fn translate(
    pattern: &str,
    dialect: Dialect,
    approx: &mut Vec<Approx>,
) -> Result<String, String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut i = 0;
    // 0: after an atom; 1: after a quantifier; 2: after a lazy quantifier.
    let mut quant = 0u8;
    let mut named = 0usize;
    let mut unnamed = 0usize;
    while i < chars.len() {
        let c = chars[i];
        let mut next_quant = 0u8;
        match c {
            '\\' => i = escape(&chars, i, dialect, &mut out, approx)?,
            '[' => i = class(&chars, i, dialect, &mut out)?,
            '(' => i = group(&chars, i, dialect, &mut out, &mut named, &mut unnamed)?,
            '*' | '+' | '?' => {
                match (quant, c) {
                    (0, _) => {
                        out.push(c);
                        next_quant = 1;
                    }
                    (1, '?') => {
                        out.push('?');
                        next_quant = 2;
                    }
                    (1, '+') => {
                        return Err(format!(
                            "possessive quantifier `{}+` at character {}: the engine has none",
                            chars[i - 1],
                            i + 1
                        ))
                    }
                    _ => return Err(format!("`{c}` at character {} repeats a repetition", i + 1)),
                }
                i += 1;
            }
            '{' => match counted(&chars, i) {
                Some(end) => {
                    if quant != 0 {
                        return Err(format!("`{{` at character {} repeats a repetition", i + 1));
                    }
                    out.extend(&chars[i..end]);
                    next_quant = 1;
                    i = end;
                }
                None if chars.get(i + 1) == Some(&',') => {
                    return Err(format!(
                        "`{{,n}}` at character {} means different things in different \
                         versions; write `{{0,n}}`",
                        i + 1
                    ))
                }
                None => {
                    out.push_str(r"\{");
                    i += 1;
                }
            },
            '}' => {
                out.push_str(r"\}");
                i += 1;
            }
            ']' => {
                out.push_str(r"\]");
                i += 1;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
        quant = next_quant;
    }
    if dialect == Dialect::DotNet && named > 0 && unnamed > 0 {
        return Err(
            "the regex mixes named and numbered groups, which .NET numbers differently \
             from the engine; name all groups or none"
                .into(),
        );
    }
    Ok(out)
}

/// The end of a counted repetition `{n}`, `{n,}`, `{n,m}` starting at `i`, if it is one.
fn counted(chars: &[char], i: usize) -> Option<usize> {
    let mut j = i + 1;
    let digits = |j: &mut usize| {
        let start = *j;
        while chars.get(*j).is_some_and(char::is_ascii_digit) {
            *j += 1;
        }
        *j > start
    };
    if !digits(&mut j) {
        return None;
    }
    if chars.get(j) == Some(&',') {
        j += 1;
        digits(&mut j);
    }
    (chars.get(j) == Some(&'}')).then_some(j + 1)
}

fn hex(chars: &[char], mut j: usize, max: usize, out: &mut String) -> Result<usize, String> {
    if chars.get(j) == Some(&'{') {
        let close = chars[j..]
            .iter()
            .position(|&c| c == '}')
            .ok_or("unclosed `\\x{`")?;
        let digits: String = chars[j + 1..j + close].iter().collect();
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(format!("`\\x{{{digits}}}` is not a hexadecimal code"));
        }
        out.push_str(&format!(r"\x{{{digits}}}"));
        return Ok(j + close + 1);
    }
    let start = j;
    while j - start < max && chars.get(j).is_some_and(char::is_ascii_hexdigit) {
        j += 1;
    }
    let digits: String = chars[start..j].iter().collect();
    out.push_str(&format!(
        r"\x{{{}}}",
        if digits.is_empty() { "0" } else { &digits }
    ));
    Ok(j)
}

/// An escape outside a class, at `chars[i] == '\\'`; returns the index after it.
fn escape(
    chars: &[char],
    i: usize,
    dialect: Dialect,
    out: &mut String,
    approx: &mut Vec<Approx>,
) -> Result<usize, String> {
    let Some(&n) = chars.get(i + 1) else {
        return Err("the regex ends with a lone `\\`".into());
    };
    let at = i + 1;
    let dotnet = dialect == Dialect::DotNet;
    match n {
        '1'..='9' => {
            return Err(format!(
                "back-reference `\\{n}` at character {at}: the engine has none"
            ))
        }
        '0' => {
            return Err(format!(
                "octal escape `\\0` at character {at} is not supported"
            ))
        }
        'd' | 'D' | 'w' | 'W' | 's' | 'S' if dotnet => {
            let (set, negated) = match n {
                'd' => (r"\p{Nd}", false),
                'D' => (r"\p{Nd}", true),
                'w' => (DOTNET_WORD, false),
                'W' => (DOTNET_WORD, true),
                's' => (DOTNET_SPACE, false),
                _ => (DOTNET_SPACE, true),
            };
            if n == 'd' {
                out.push_str(set);
            } else if n == 'D' {
                out.push_str(r"\P{Nd}");
            } else {
                out.push_str(&format!("[{}{set}]", if negated { "^" } else { "" }));
            }
        }
        'b' | 'B' if !dotnet => {
            out.push('\\');
            out.push(n);
        }
        'd' | 'D' | 'w' | 'W' | 's' | 'S' | 'A' | 'z' | 't' | 'n' | 'r' | 'f' => {
            out.push('\\');
            out.push(n);
        }
        'b' | 'B' => {
            approx.push(Approx {
                why: format!("`\\{n}` at character {at} is a Unicode word boundary in .NET"),
                instead: "imported as an ASCII word boundary".into(),
            });
            out.push_str(&format!(r"(?-u:\{n})"));
        }
        'Z' => {
            approx.push(Approx {
                why: format!("`\\Z` at character {at} also matches before a final newline"),
                instead: "imported as `\\z` (the very end)".into(),
            });
            out.push_str(r"\z");
        }
        'v' if dotnet => out.push_str(r"\v"),
        'a' => out.push_str(r"\x07"),
        'e' => out.push_str(r"\x1B"),
        'x' => return hex(chars, i + 2, 2, out),
        'u' if dotnet => return hex(chars, i + 2, 4, out),
        'p' | 'P' => {
            // `\pL` or `\p{Name}`: the same spelling in the engine.
            out.push('\\');
            out.push(n);
            if chars.get(i + 2) == Some(&'{') {
                let close = chars[i + 2..]
                    .iter()
                    .position(|&c| c == '}')
                    .ok_or("unclosed `\\p{`")?;
                out.extend(&chars[i + 2..i + 3 + close]);
                return Ok(i + 3 + close);
            }
            let &name = chars.get(i + 2).ok_or("`\\p` needs a property name")?;
            out.push(name);
            return Ok(i + 3);
        }
        'Q' if !dotnet => {
            let rest = &chars[i + 2..];
            let end = rest
                .windows(2)
                .position(|w| w == ['\\', 'E'])
                .unwrap_or(rest.len());
            for &c in &rest[..end] {
                out.push_str(&lit(c));
            }
            return Ok((i + 2 + end + 2).min(chars.len()));
        }
        'E' if !dotnet => {}
        c if c.is_ascii_alphanumeric() => {
            return Err(format!(
                "the escape `\\{c}` at character {at} is not supported by the importer"
            ))
        }
        c => out.push_str(&lit(c)),
    }
    Ok(i + 2)
}

/// A character class at `chars[i] == '['`; returns the index after its `]`.
fn class(chars: &[char], i: usize, dialect: Dialect, out: &mut String) -> Result<usize, String> {
    let start = i;
    let mut j = i + 1;
    out.push('[');
    if chars.get(j) == Some(&'^') {
        out.push('^');
        j += 1;
    }
    let mut first = true;
    loop {
        let Some(&c) = chars.get(j) else {
            return Err(format!("unclosed `[` at character {}", start + 1));
        };
        match c {
            ']' if !first => {
                out.push(']');
                return Ok(j + 1);
            }
            ']' => out.push_str(r"\]"),
            '\\' => {
                let Some(&n) = chars.get(j + 1) else {
                    return Err("the regex ends with a lone `\\`".into());
                };
                match (n, dialect) {
                    ('d', Dialect::DotNet) => out.push_str(r"\p{Nd}"),
                    ('D', Dialect::DotNet) => out.push_str(r"\P{Nd}"),
                    ('w', Dialect::DotNet) => out.push_str(DOTNET_WORD),
                    ('W', Dialect::DotNet) => out.push_str(&format!("[^{DOTNET_WORD}]")),
                    ('s', Dialect::DotNet) => out.push_str(DOTNET_SPACE),
                    ('S', Dialect::DotNet) => out.push_str(&format!("[^{DOTNET_SPACE}]")),
                    ('d' | 'D' | 'w' | 'W' | 's' | 'S' | 't' | 'n' | 'r' | 'f', _) => {
                        out.push('\\');
                        out.push(n);
                    }
                    ('v', Dialect::DotNet) => out.push_str(r"\v"),
                    ('b', _) => out.push_str(r"\x08"),
                    ('a', _) => out.push_str(r"\x07"),
                    ('e', _) => out.push_str(r"\x1B"),
                    ('x', _) => {
                        j = hex(chars, j + 2, 2, out)?;
                        first = false;
                        continue;
                    }
                    ('u', Dialect::DotNet) => {
                        j = hex(chars, j + 2, 4, out)?;
                        first = false;
                        continue;
                    }
                    (c, _) if c.is_ascii_alphanumeric() => {
                        return Err(format!(
                            "the escape `\\{c}` inside a class at character {} is not \
                             supported by the importer",
                            j + 2
                        ))
                    }
                    (c, _) => out.push_str(&lit(c)),
                }
                j += 2;
                first = false;
                continue;
            }
            '[' if chars.get(j + 1) == Some(&':') => {
                let rest = &chars[j..];
                let Some(close) = rest.windows(2).position(|w| w == [':', ']']) else {
                    return Err(format!("unclosed `[:` at character {}", j + 1));
                };
                out.extend(&rest[..close + 2]);
                j += close + 2;
                first = false;
                continue;
            }
            '[' if dialect == Dialect::DotNet && out.ends_with('-') => {
                return Err(format!(
                    "class subtraction `-[` at character {} is not supported",
                    j
                ))
            }
            '[' | '&' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '-' if chars.get(j + 1) == Some(&'-') => {
                return Err(format!(
                    "`--` inside a class at character {} is ambiguous; escape the `-`",
                    j + 1
                ))
            }
            '-' if first || chars.get(j + 1) == Some(&']') => out.push_str(r"\-"),
            c => out.push(c),
        }
        first = false;
        j += 1;
    }
}

/// A group opening at `chars[i] == '('`; returns the index after what was consumed.
fn group(
    chars: &[char],
    i: usize,
    dialect: Dialect,
    out: &mut String,
    named: &mut usize,
    unnamed: &mut usize,
) -> Result<usize, String> {
    let at = i + 1;
    if chars.get(i + 1) != Some(&'?') {
        if chars.get(i + 1) == Some(&'*') {
            return Err(format!("verb `(*` at character {at} is not supported"));
        }
        *unnamed += 1;
        out.push('(');
        return Ok(i + 1);
    }
    let rest: String = chars[i + 2..].iter().take(3).collect();
    let shown: String = rest.chars().take(2).collect();
    let unsupported = |what: &str| {
        Err(format!(
            "{what} `(?{shown}` at character {at}: the engine has none"
        ))
    };
    if rest.starts_with(':') {
        out.push_str("(?:");
        return Ok(i + 3);
    }
    if rest.starts_with('=') || rest.starts_with('!') {
        return unsupported("look-ahead");
    }
    if rest.starts_with("<=") || rest.starts_with("<!") {
        return unsupported("look-behind");
    }
    if rest.starts_with('>') {
        return unsupported("atomic group");
    }
    if rest.starts_with('|') {
        return unsupported("branch reset");
    }
    if rest.starts_with('(') {
        return unsupported("conditional");
    }
    if rest.starts_with('#') {
        let close = chars[i..]
            .iter()
            .position(|&c| c == ')')
            .ok_or_else(|| format!("unclosed comment `(?#` at character {at}"))?;
        return Ok(i + close + 1);
    }
    let name_start = if rest.starts_with("P<") {
        Some((i + 4, '>'))
    } else if rest.starts_with('<') {
        Some((i + 3, '>'))
    } else if rest.starts_with('\'') {
        Some((i + 3, '\''))
    } else {
        None
    };
    if let Some((s, close)) = name_start {
        let end = chars[s..]
            .iter()
            .position(|&c| c == close)
            .ok_or_else(|| format!("unclosed group name at character {at}"))?;
        let name: String = chars[s..s + end].iter().collect();
        let valid = name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            return Err(format!(
                "group name `{name}` at character {at} is not supported (balancing groups \
                 and numeric names have no equivalent)"
            ));
        }
        *named += 1;
        out.push_str(&format!("(?P<{name}>"));
        return Ok(s + end + 1);
    }
    // Inline flags: `(?i)`, `(?i-s:...)`.
    let allowed: &[char] = match dialect {
        Dialect::Pcre => &['i', 'm', 's', 'x', 'U', '-'],
        Dialect::DotNet => &['i', 'm', 's', 'x', '-'],
    };
    let mut j = i + 2;
    while chars.get(j).is_some_and(|c| allowed.contains(c)) {
        j += 1;
    }
    match chars.get(j) {
        Some(&')') | Some(&':') if j > i + 2 => {
            out.extend(&chars[i..=j]);
            Ok(j + 1)
        }
        _ => Err(format!(
            "`(?{}` at character {at} (recursion, a subroutine call, a named back-reference \
             or an unknown flag) is not supported",
            chars.get(i + 2).copied().unwrap_or(' ')
        )),
    }
}

/// Translates a Cisco voice-translation-rule match pattern: `\(` `\)` groups, `.` `*` `+`
/// `?` `[...]`, `^` at the start and `$` at the end; `\c` is a literal `c`.
pub(crate) fn cisco(pattern: &str) -> Result<(String, usize), String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::new();
    let mut groups = 0usize;
    let mut depth = 0usize;
    // Whether the previous token can be repeated (an atom or a group's end).
    let mut atom = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let at = i + 1;
        match c {
            '\\' => {
                let Some(&n) = chars.get(i + 1) else {
                    return Err("the pattern ends with a lone `\\`".into());
                };
                i += 2;
                match n {
                    '(' => {
                        groups += 1;
                        depth += 1;
                        out.push('(');
                        atom = false;
                        continue;
                    }
                    ')' => {
                        if depth == 0 {
                            return Err(format!("`\\)` at character {at} closes no group"));
                        }
                        depth -= 1;
                        out.push(')');
                    }
                    d if d.is_ascii_digit() => {
                        return Err(format!(
                            "back-reference `\\{d}` at character {at} in a match pattern: the engine has none"
                        ))
                    }
                    a if a.is_ascii_alphabetic() => {
                        return Err(format!(
                            "the escape `\\{a}` at character {at} is not part of Cisco's rule syntax"
                        ))
                    }
                    other => out.push_str(&lit(other)),
                }
                atom = true;
                continue;
            }
            '^' => {
                let at_start = i == 0 || (chars[i - 1] == '(' && i >= 2 && chars[i - 2] == '\\');
                out.push_str(if at_start { "^" } else { r"\^" });
                atom = !at_start;
            }
            '$' => {
                let at_end = i + 1 == chars.len()
                    || (chars.get(i + 1) == Some(&'\\') && chars.get(i + 2) == Some(&')'));
                out.push_str(if at_end { "$" } else { r"\$" });
                atom = !at_end;
            }
            '*' | '+' | '?' => {
                if atom {
                    out.push(c);
                    // A repetition of a repetition (`**`, `+?`) is not Cisco syntax.
                    if matches!(chars.get(i + 1), Some('*' | '+' | '?')) {
                        return Err(format!(
                            "`{c}{}` at character {at} repeats a repetition",
                            chars[i + 1]
                        ));
                    }
                    atom = false;
                } else {
                    // At the start, as in sed, a repetition sign is a literal character.
                    out.push_str(&lit(c));
                    atom = true;
                }
            }
            '.' => {
                out.push('.');
                atom = true;
            }
            '[' => {
                let mut j = i + 1;
                out.push('[');
                if chars.get(j) == Some(&'^') {
                    out.push('^');
                    j += 1;
                }
                let mut first = true;
                loop {
                    let Some(&k) = chars.get(j) else {
                        return Err(format!("unclosed `[` at character {at}"));
                    };
                    j += 1;
                    match k {
                        ']' if !first => break,
                        '\\' => {
                            return Err(format!(
                            "`\\` inside `[...]` at character {j} is ambiguous in Cisco's syntax"
                        ))
                        }
                        '-' if !first && chars.get(j) != Some(&']') => out.push('-'),
                        k => out.push_str(&lit(k)),
                    }
                    first = false;
                }
                out.push(']');
                i = j;
                atom = true;
                continue;
            }
            '(' | ')' | '|' | '{' | '}' => {
                return Err(format!(
                    "`{c}` at character {at} is not part of Cisco's rule syntax as the importer \
                     knows it (groups are written `\\(` `\\)`); escape it as `\\{c}` for a literal"
                ))
            }
            c => {
                out.push_str(&lit(c));
                atom = true;
            }
        }
        i += 1;
    }
    if depth > 0 {
        return Err("a `\\(` is never closed".into());
    }
    Ok((out, groups))
}

/// Translates an fnmatch(3) pattern (flags 0) to an anchored regex.
pub(crate) fn fnmatch(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::from("^");
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '*' => out.push_str("(?s:.*)"),
            '?' => out.push_str("(?s:.)"),
            '\\' if i + 1 < chars.len() => {
                i += 1;
                out.push_str(&lit(chars[i]));
            }
            '[' => {
                // A bracket expression; without a closing `]` the `[` is literal.
                let mut j = i + 1;
                let negated = matches!(chars.get(j), Some('!' | '^'));
                if negated {
                    j += 1;
                }
                let body_start = j;
                if chars.get(j) == Some(&']') {
                    j += 1;
                }
                while j < chars.len() && chars[j] != ']' {
                    j += 1;
                }
                if j >= chars.len() {
                    out.push_str(r"\[");
                } else {
                    out.push('[');
                    if negated {
                        out.push('^');
                    }
                    let body = &chars[body_start..j];
                    for (k, &c) in body.iter().enumerate() {
                        let range = c == '-' && k > 0 && k + 1 < body.len();
                        if range {
                            out.push('-');
                        } else {
                            out.push_str(&lit(c));
                        }
                    }
                    out.push(']');
                    i = j;
                }
            }
            c => out.push_str(&lit(c)),
        }
        i += 1;
    }
    out.push('$');
    out
}

/// One piece of a replacement template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    /// Literal text.
    Text(String),
    /// A capture group's text.
    Group(usize),
}

/// Writes pieces as an engine replacement (SPEC §4.1): groups as `$N` (or `${N}` when a
/// name character follows), `$` and `\` in text escaped as `$$` and `\\`.
pub(crate) fn template(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for (i, p) in pieces.iter().enumerate() {
        match p {
            Piece::Text(t) => {
                for c in t.chars() {
                    match c {
                        '$' => out.push_str("$$"),
                        '\\' => out.push_str(r"\\"),
                        c => out.push(c),
                    }
                }
            }
            Piece::Group(n) => {
                let name_follows = match pieces.get(i + 1) {
                    Some(Piece::Text(t)) => t
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_'),
                    _ => false,
                };
                if name_follows {
                    out.push_str(&format!("${{{n}}}"));
                } else {
                    out.push_str(&format!("${n}"));
                }
            }
        }
    }
    out
}

/// What a translated regex guarantees.
#[derive(Debug, Clone)]
pub(crate) struct Shape {
    /// Capture groups, not counting group 0.
    pub(crate) groups: usize,
    /// Every match starts at the start of the text and ends at its end.
    pub(crate) whole: bool,
    /// The smallest length a match can have (in bytes), if any match is possible.
    pub(crate) min_len: Option<usize>,
    /// For each group 1..=groups: whether every match sets it to a non-empty text.
    nonempty: Vec<bool>,
}

impl Shape {
    /// Whether every match gives group `n` (0 = the whole match) a non-empty text.
    pub(crate) fn never_empty(&self, n: usize) -> bool {
        if n == 0 {
            return self.min_len.is_some_and(|m| m > 0);
        }
        self.nonempty.get(n - 1).copied().unwrap_or(false)
    }
}

/// Parses a regex in the engine's syntax and reports its [`Shape`].
pub(crate) fn shape(regex: &str) -> Result<Shape, String> {
    let hir = regex_syntax::ParserBuilder::new()
        .nest_limit(250)
        .build()
        .parse(regex)
        .map_err(|e| e.to_string())?;
    let props = hir.properties();
    let groups = props.explicit_captures_len();
    let mut nonempty = vec![false; groups];
    walk(&hir, true, &mut nonempty);
    Ok(Shape {
        groups,
        whole: props.look_set_prefix().contains(Look::Start)
            && props.look_set_suffix().contains(Look::End),
        min_len: props.minimum_len(),
        nonempty,
    })
}

fn walk(hir: &Hir, mandatory: bool, nonempty: &mut [bool]) {
    match hir.kind() {
        HirKind::Capture(cap) => {
            let index = cap.index as usize;
            if index >= 1 && index <= nonempty.len() {
                nonempty[index - 1] =
                    mandatory && cap.sub.properties().minimum_len().is_some_and(|m| m > 0);
            }
            walk(&cap.sub, mandatory, nonempty);
        }
        HirKind::Concat(subs) => subs.iter().for_each(|s| walk(s, mandatory, nonempty)),
        HirKind::Alternation(subs) => subs.iter().for_each(|s| walk(s, false, nonempty)),
        HirKind::Repetition(rep) => walk(&rep.sub, mandatory && rep.min > 0, nonempty),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pcre(p: &str) -> Result<String, String> {
        translate(p, Dialect::Pcre, &mut Vec::new())
    }

    fn dotnet(p: &str) -> Result<String, String> {
        translate(p, Dialect::DotNet, &mut Vec::new())
    }

    #[test]
    fn pcre_keeps_what_the_engine_shares() {
        assert_eq!(pcre(r"^0([1-9][0-9]+)$").unwrap(), r"^0([1-9][0-9]+)$");
        assert_eq!(pcre(r"^\+49(\d+)$").unwrap(), r"^\+49(\d+)$");
        assert!(pcre(r"^a{2,}b{,").unwrap_err().contains("{,n}"));
        assert_eq!(pcre(r"x{y").unwrap(), r"x\{y");
        assert_eq!(pcre(r"[]a&&b]").unwrap(), r"[\]a\&\&b]");
    }

    #[test]
    fn unsupported_constructs_are_errors() {
        for p in [
            r"(?=1)",
            r"(?<!0)1",
            r"(a)\1",
            r"(?>a)",
            r"a++",
            r"(?R)",
            r"(?(1)a|b)",
        ] {
            assert!(pcre(p).is_err(), "{p}");
        }
    }

    #[test]
    fn dotnet_digit_is_unicode() {
        assert_eq!(dotnet(r"^(\d{10})$").unwrap(), r"^(\p{Nd}{10})$");
        assert!(dotnet(r"(?<a>1)(2)").is_err());
        let mut approx = Vec::new();
        translate(r"\b1", Dialect::DotNet, &mut approx).unwrap();
        assert_eq!(approx.len(), 1);
    }

    #[test]
    fn cisco_groups_and_literals() {
        assert_eq!(
            cisco(r"^\(12\)3\(45\)$").unwrap(),
            (r"^(12)3(45)$".into(), 2)
        );
        assert_eq!(cisco(r"^\+1").unwrap().0, r"^\+1");
        assert_eq!(cisco(r"*67").unwrap().0, r"\*67");
        assert!(cisco(r"(1)").is_err());
        assert!(cisco(r"\(1\)\1").is_err());
    }

    #[test]
    fn fnmatch_is_anchored() {
        assert_eq!(fnmatch("0*"), "^0(?s:.*)$");
        assert_eq!(fnmatch("[!0]?"), "^[^0](?s:.)$");
        assert_eq!(fnmatch("[1"), r"^\[1$");
    }

    #[test]
    fn template_escapes_and_shortens() {
        let t = template(&[
            Piece::Text("+$".into()),
            Piece::Group(1),
            Piece::Text("x".into()),
            Piece::Group(2),
            Piece::Text("\\".into()),
        ]);
        assert_eq!(t, r"+$$${1}x$2\\");
    }

    #[test]
    fn shape_reports_anchoring_and_nonempty_groups() {
        let s = shape(r"^0(.+)$").unwrap();
        assert!(s.whole && s.never_empty(1) && s.never_empty(0));
        let s = shape(r"0(.*)|(1)").unwrap();
        assert!(!s.whole && !s.never_empty(1) && !s.never_empty(2));
    }
}
