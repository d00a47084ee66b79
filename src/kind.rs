//! The table of transform types: names, groups, which fields each uses, and one-line docs.
//!
//! Validation, the linter, the CLI and the browser page all read this one table.

use serde::Serialize;

/// Every transform type of SPEC v1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)] // each variant is documented by its row in `TYPES`
pub enum Kind {
    AddPrefix,
    AddSuffix,
    Replace,
    StripDigitsStart,
    StripDigitsEnd,
    KeepDigitsStart,
    KeepDigitsEnd,
    StripPrefix,
    StripSuffix,
    ReplacePrefix,
    EnsurePrefix,
    Set,
    SetIfEmpty,
    RemoveChars,
    DigitsOnly,
    RegexReplace,
    Mask,
    ToE164,
    FromE164,
    IfPrefix,
    IfSuffix,
    IfPattern,
    IfRegex,
    IfLength,
    Stop,
}

/// Which family a type belongs to (the page groups its dropdown by this).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Group {
    /// The five types the SIP-trunk API defines.
    Api,
    /// Extended editing types.
    Extended,
    /// Guards and control flow.
    Guard,
}

/// How a type uses one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldUse {
    /// The type ignores the field (placeholders are accepted; anything else is linted).
    Unused,
    /// The field may be absent.
    Optional,
    /// The field must be present and, for text, non-empty.
    Required,
}

/// How a type uses one field, with a hint and a placeholder for forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FieldInfo {
    /// Unused, optional or required.
    #[serde(rename = "use")]
    pub usage: FieldUse,
    /// What the field means for this type, one line.
    pub hint: &'static str,
    /// An example value.
    pub placeholder: &'static str,
}

/// Metadata for one transform type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TypeInfo {
    /// The wire name, e.g. `add_prefix`.
    pub name: &'static str,
    /// Its family.
    pub group: Group,
    /// What it does, one line.
    pub summary: &'static str,
    /// How it uses `value`.
    pub value: FieldInfo,
    /// How it uses `value2`.
    pub value2: FieldInfo,
    /// How it uses `number`.
    pub number: FieldInfo,
    #[serde(skip)]
    pub(crate) kind: Kind,
}

const UNUSED: FieldInfo = FieldInfo {
    usage: FieldUse::Unused,
    hint: "",
    placeholder: "",
};

const fn req(hint: &'static str, placeholder: &'static str) -> FieldInfo {
    FieldInfo {
        usage: FieldUse::Required,
        hint,
        placeholder,
    }
}

const fn opt(hint: &'static str, placeholder: &'static str) -> FieldInfo {
    FieldInfo {
        usage: FieldUse::Optional,
        hint,
        placeholder,
    }
}

const GOVERNED: FieldInfo = opt("how many following transforms it governs (empty = 1)", "1");

macro_rules! types {
    ($( $kind:ident $name:literal $group:ident $summary:literal, $value:expr, $value2:expr, $number:expr; )*) => {
        /// Every type, in the order of SPEC §3 (public as [`crate::types`]).
        pub(crate) const TYPES: &[TypeInfo] = &[
            $( TypeInfo { name: $name, group: Group::$group, summary: $summary,
                          value: $value, value2: $value2, number: $number, kind: Kind::$kind }, )*
        ];
    };
}

types! {
    AddPrefix "add_prefix" Api "Put text in front of the number.",
        req("text to put in front", "+1"), UNUSED, UNUSED;
    AddSuffix "add_suffix" Api "Put text after the number.",
        req("text to put after", "#"), UNUSED, UNUSED;
    Replace "replace" Api "Replace occurrences of a text, leftmost first.",
        req("text to find", "00"), opt("replacement (empty deletes)", "+"),
        opt("at most this many (empty or 0 = all)", "0");
    StripDigitsStart "strip_digits_start" Api "Remove the first N characters.",
        UNUSED, UNUSED, req("how many characters", "1");
    StripDigitsEnd "strip_digits_end" Api "Remove the last N characters.",
        UNUSED, UNUSED, req("how many characters", "1");
    KeepDigitsStart "keep_digits_start" Extended "Keep only the first N characters.",
        UNUSED, UNUSED, req("how many characters", "10");
    KeepDigitsEnd "keep_digits_end" Extended "Keep only the last N characters.",
        UNUSED, UNUSED, req("how many characters", "10");
    StripPrefix "strip_prefix" Extended "Remove a prefix once, if the number starts with it.",
        req("prefix to remove", "00"), UNUSED, UNUSED;
    StripSuffix "strip_suffix" Extended "Remove a suffix once, if the number ends with it.",
        req("suffix to remove", "#"), UNUSED, UNUSED;
    ReplacePrefix "replace_prefix" Extended "Swap a prefix for another, if the number starts with it.",
        req("prefix to find", "00"), opt("replacement prefix (empty removes)", "+"), UNUSED;
    EnsurePrefix "ensure_prefix" Extended "Put text in front unless the number already starts with it.",
        req("prefix the number must have", "+"), UNUSED, UNUSED;
    Set "set" Extended "Replace the whole number with a fixed text.",
        opt("the new number (empty withholds)", "anonymous"), UNUSED, UNUSED;
    SetIfEmpty "set_if_empty" Extended "Use a fixed text when the number is empty (withheld).",
        req("text for a withheld number", "anonymous"), UNUSED, UNUSED;
    RemoveChars "remove_chars" Extended "Delete every character that is in a set.",
        req("characters to delete", " -()."), UNUSED, UNUSED;
    DigitsOnly "digits_only" Extended "Keep digits 0-9 and a leading +; drop everything else.",
        UNUSED, UNUSED, UNUSED;
    RegexReplace "regex_replace" Extended "Substitute regular-expression matches ($1 or \\1 for groups).",
        req("regular expression", "^0(\\d+)$"), opt("replacement ($1, ${name}, \\1; empty deletes)", "+44$1"),
        opt("at most this many (empty or 0 = all)", "0");
    Mask "mask" Extended "Right-aligned mask: X keeps the number's character, anything else is written as is.",
        req("the mask: X keeps a character of the number, anything else is written", "+1408XXXXXXX"), UNUSED, UNUSED;
    ToE164 "to_e164" Extended "Normalise a national or international number to E.164 (+CC...).",
        req("country calling code", "44"), opt("national trunk prefix", "0"),
        opt("national number length (empty = unknown)", "10");
    FromE164 "from_e164" Extended "Turn +CC... into a national number with the trunk prefix.",
        req("country calling code", "44"), opt("national trunk prefix", "0"), UNUSED;
    IfPrefix "if_prefix" Guard "Run the next N transforms only if the number starts with a text.",
        req("prefix to test", "00"), UNUSED, GOVERNED;
    IfSuffix "if_suffix" Guard "Run the next N transforms only if the number ends with a text.",
        req("suffix to test", "#"), UNUSED, GOVERNED;
    IfPattern "if_pattern" Guard "Run the next N transforms only if the whole number matches a dial pattern.",
        req("dial pattern (X Z N [1-5] . !)", "_0XXXXXXXXXX"), UNUSED, GOVERNED;
    IfRegex "if_regex" Guard "Run the next N transforms only if a regular expression matches.",
        req("regular expression (anchor with ^ $)", "^\\+44"), UNUSED, GOVERNED;
    IfLength "if_length" Guard "Run the next N transforms only if the length is in a range.",
        req("N, MIN-MAX, MIN- or -MAX", "10-11"), UNUSED, GOVERNED;
    Stop "stop" Guard "End the pipeline here; the current number is the result.",
        UNUSED, UNUSED, UNUSED;
}

impl Kind {
    /// Looks a wire name up.
    pub fn from_name(name: &str) -> Option<Kind> {
        TYPES.iter().find(|t| t.name == name).map(|t| t.kind)
    }

    /// The row of [`TYPES`] for this kind.
    pub fn info(self) -> &'static TypeInfo {
        // TYPES lists the kinds in declaration order.
        &TYPES[self as usize]
    }

    /// The wire name.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// Whether this type is a guard (governs the following transforms).
    pub fn is_guard(self) -> bool {
        matches!(
            self,
            Kind::IfPrefix | Kind::IfSuffix | Kind::IfPattern | Kind::IfRegex | Kind::IfLength
        )
    }
}

/// The known type name nearest to `name`, if one is close enough to be a likely typo.
pub(crate) fn nearest_name(name: &str) -> Option<&'static str> {
    TYPES
        .iter()
        .map(|t| (strsim::damerau_levenshtein(name, t.name), t.name))
        .filter(|&(d, candidate)| d <= 3.max(candidate.len() / 3))
        .min_by_key(|&(d, _)| d)
        .map(|(_, n)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_order_matches_enum() {
        for (i, t) in TYPES.iter().enumerate() {
            assert_eq!(t.kind as usize, i, "{}", t.name);
            assert_eq!(Kind::from_name(t.name), Some(t.kind));
        }
    }

    /// Validation looks a name up for its guard range only when it starts `if_`.
    #[test]
    fn a_type_is_a_guard_exactly_when_its_name_starts_if() {
        for t in TYPES {
            assert_eq!(t.name.starts_with("if_"), t.kind.is_guard(), "{}", t.name);
        }
    }

    #[test]
    fn nearest_name_suggests_typo_fix() {
        assert_eq!(nearest_name("add_prefx"), Some("add_prefix"));
        assert_eq!(
            nearest_name("strip_digit_start"),
            Some("strip_digits_start")
        );
        assert_eq!(nearest_name("qqqqqqqqqqqqqqqqqqqqqqqqqqqq"), None);
    }
}
