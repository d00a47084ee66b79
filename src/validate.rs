//! Validation: checks every transform against SPEC §2-§4 and turns it into an op, collecting
//! every error (with index and field) rather than stopping at the first.

use std::sync::Arc;

use crate::char_class::CharClass;
use crate::error::{ConfigError, ConfigErrorKind as K, Field};
use crate::kind::{nearest_name, FieldUse, Kind, TYPES};
use crate::limits::Limits;
use crate::ops::{Instr, Lit, MaskCell, Needle, Op, Test, E164};
use crate::pattern::DialPattern;
use crate::regex::{self, Regex};
use crate::replacement::Template;
use crate::wire::{Fields, Transform};

/// The ops of a valid configuration, one per transform, guards pointing past their range.
///
/// `prior` holds errors already found in the same transforms (by the wire parser): a field
/// reported there is not reported again.
pub(crate) fn validate<T: Fields>(
    transforms: &[T],
    limits: &Limits,
    prior: &[ConfigError],
) -> Result<Vec<Instr>, Vec<ConfigError>> {
    let mut errors = Vec::new();
    if transforms.len() > limits.max_transforms {
        errors.push(ConfigError::new(
            None,
            None,
            K::TooManyTransforms,
            format!(
                "{} transforms; the limit is {}",
                transforms.len(),
                limits.max_transforms
            ),
        ));
        return Err(errors);
    }
    let mut instrs = Vec::with_capacity(transforms.len());
    for (index, t) in transforms.iter().enumerate() {
        // An element that is not an object was reported as such; do not add noise about it.
        if prior
            .iter()
            .any(|e| e.index == Some(index) && e.kind == K::Shape)
        {
            continue;
        }
        let mut checker = Checker {
            index,
            t,
            limits,
            prior,
            errors: &mut errors,
        };
        if let Some(instr) = checker.instr() {
            instrs.push(instr);
        }
    }
    check_guard_ranges(transforms, &mut errors);
    if errors.is_empty() {
        Ok(instrs)
    } else {
        Err(errors)
    }
}

/// The number of transforms a guard governs: absent, null or 0 mean 1.
pub(crate) fn governed(t: &Transform) -> usize {
    governed_by(t.number)
}

/// The number of transforms a guard with this `number` governs.
fn governed_by(number: Option<i64>) -> usize {
    match number {
        Some(n) if n > 0 => n as usize,
        _ => 1,
    }
}

/// Guard ranges must stay inside the list and nest like blocks.
fn check_guard_ranges<T: Fields>(transforms: &[T], errors: &mut Vec<ConfigError>) {
    // Ends (inclusive, 0-based) of the guard ranges that contain the current index.
    let mut open: Vec<(usize, usize)> = Vec::new();
    for (index, t) in transforms.iter().enumerate() {
        while open.last().is_some_and(|&(_, end)| end < index) {
            open.pop();
        }
        let (name, number) = (t.kind_name(), t.number_opt());
        // Every guard's name starts `if_`: most transforms need no look-up here.
        if !name.starts_with("if_")
            || !Kind::from_name(name).is_some_and(Kind::is_guard)
            || !in_range(number)
        {
            continue;
        }
        let n = governed_by(number);
        let end = index + n;
        let after = transforms.len() - index - 1;
        if end >= transforms.len() {
            errors.push(ConfigError::at(
                index,
                Field::Number,
                K::GuardRange,
                format!(
                    "the guard governs the next {n} transform{} but only {after} follow{}",
                    plural(n),
                    if after == 1 { "s" } else { "" }
                ),
            ));
            continue;
        }
        if let Some(&(outer, outer_end)) = open.last() {
            if end > outer_end {
                errors.push(ConfigError::at(
                    index,
                    Field::Number,
                    K::GuardRange,
                    format!(
                        "the guard's range (transforms {}-{}) crosses the end of the range of the guard at transform {} (which ends at transform {}); guarded ranges must nest",
                        index + 2,
                        end + 1,
                        outer + 1,
                        outer_end + 1
                    ),
                ));
                continue;
            }
        }
        open.push((index, end));
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn in_range(number: Option<i64>) -> bool {
    match number {
        None => true,
        Some(n) => (0..=65535).contains(&n),
    }
}

struct Checker<'a, T> {
    index: usize,
    t: &'a T,
    limits: &'a Limits,
    prior: &'a [ConfigError],
    errors: &'a mut Vec<ConfigError>,
}

impl<T: Fields> Checker<'_, T> {
    fn error(&mut self, field: Field, kind: K, message: impl Into<String>) {
        let known = |e: &ConfigError| e.index == Some(self.index) && e.field == Some(field);
        if !self.prior.iter().any(known) && !self.errors.iter().any(known) {
            self.errors
                .push(ConfigError::at(self.index, field, kind, message));
        }
    }

    fn instr(&mut self) -> Option<Instr> {
        let kind = self.kind()?;
        let fields_ok = self.check_fields(kind);
        let op = self.op(kind)?;
        fields_ok.then_some(Instr {
            index: self.index,
            kind,
            op,
        })
    }

    fn kind(&mut self) -> Option<Kind> {
        let name = self.t.kind_name();
        if let Some(kind) = Kind::from_name(name) {
            return Some(kind);
        }
        if name.is_empty() {
            self.error(Field::Type, K::Missing, "`type` is required");
            return None;
        }
        let valid: Vec<&str> = TYPES.iter().map(|t| t.name).collect();
        let hint = match nearest_name(name) {
            Some(near) => format!("did you mean `{near}`? "),
            None => String::new(),
        };
        self.error(
            Field::Type,
            K::UnknownType,
            format!(
                "unknown type `{name}`; {hint}valid types: {}",
                valid.join(", ")
            ),
        );
        None
    }

    /// Range and length checks common to every type, and required fields.
    fn check_fields(&mut self, kind: Kind) -> bool {
        let before = self.errors.len();
        let info = kind.info();
        if let Some(n) = self.t.number_opt() {
            if !(0..=65535).contains(&n) {
                self.error(
                    Field::Number,
                    K::OutOfRange,
                    format!("expected a whole number from 0 to 65535, found {n}"),
                );
            }
        } else if info.number.usage == FieldUse::Required {
            self.error(
                Field::Number,
                K::Missing,
                format!("`{}` needs `number`: {}", info.name, info.number.hint),
            );
        }
        for (field, text, usage) in [
            (Field::Value, self.t.value_text(), info.value),
            (Field::Value2, self.t.value2_text(), info.value2),
        ] {
            // A text has at least as many bytes as characters: count only long ones.
            let max = self.limits.max_value_len;
            if text.len() > max && text.chars().count() > max {
                let len = text.chars().count();
                self.error(
                    field,
                    K::TooLong,
                    format!(
                        "`{field}` is {len} characters long; the limit is {}",
                        self.limits.max_value_len
                    ),
                );
            } else if text.is_empty() && usage.usage == FieldUse::Required {
                self.error(
                    field,
                    K::Missing,
                    format!(
                        "`{}` needs a non-empty `{field}`: {}",
                        info.name, usage.hint
                    ),
                );
            }
        }
        self.errors.len() == before
    }

    fn number(&self) -> usize {
        self.t.number_opt().unwrap_or(0).clamp(0, 65535) as usize
    }

    fn lit(&self) -> Lit {
        Lit::new(self.t.value_text())
    }

    fn lit2(&self) -> Lit {
        Lit::new(self.t.value2_text())
    }

    fn op(&mut self, kind: Kind) -> Option<Op> {
        let value = self.t.value_text();
        Some(match kind {
            Kind::AddPrefix => Op::Prepend(self.lit()),
            Kind::AddSuffix => Op::Append(self.lit()),
            Kind::Replace => Op::Replace {
                needle: Needle::new(value),
                with: self.lit2(),
                max: self.number(),
            },
            Kind::StripDigitsStart => Op::StripStart(self.number()),
            Kind::StripDigitsEnd => Op::StripEnd(self.number()),
            Kind::KeepDigitsStart => Op::KeepStart(self.number()),
            Kind::KeepDigitsEnd => Op::KeepEnd(self.number()),
            Kind::StripPrefix => Op::StripPrefix(self.lit()),
            Kind::StripSuffix => Op::StripSuffix(self.lit()),
            Kind::ReplacePrefix => Op::ReplacePrefix {
                from: self.lit(),
                to: self.lit2(),
            },
            Kind::EnsurePrefix => Op::EnsurePrefix(self.lit()),
            Kind::Set => Op::Set(self.lit()),
            Kind::SetIfEmpty => Op::SetIfEmpty(self.lit()),
            Kind::RemoveChars => Op::RemoveChars(CharClass::of_chars(value)),
            Kind::DigitsOnly => Op::DigitsOnly,
            Kind::RegexReplace => {
                let regex = self.regex()?;
                let template = match Template::parse(self.t.value2_text(), &regex) {
                    Ok(t) => t,
                    Err(e) => {
                        self.error(Field::Value2, K::InvalidReplacement, e);
                        return None;
                    }
                };
                Op::RegexReplace {
                    regex,
                    template: Box::new(template),
                    max: self.number(),
                }
            }
            Kind::Mask => Op::Mask(
                value
                    .chars()
                    .map(|c| match c {
                        'X' | 'x' => MaskCell::Keep,
                        other => MaskCell::Write(other),
                    })
                    .collect(),
            ),
            Kind::ToE164 => {
                let nsn_len = self.number();
                let (cc, trunk) = self.e164_operands()?;
                Op::ToE164(Box::new(E164 {
                    cc: cc.into(),
                    trunk: trunk.into(),
                    nsn_len,
                    plus_cc: format!("+{cc}").into(),
                }))
            }
            // `+` and the country code become the trunk prefix: a replace_prefix.
            Kind::FromE164 => {
                let (cc, trunk) = self.e164_operands()?;
                Op::ReplacePrefix {
                    from: Lit::new(&format!("+{cc}")),
                    to: Lit::new(trunk),
                }
            }
            Kind::IfPrefix => self.guard(Test::Prefix(self.lit())),
            Kind::IfSuffix => self.guard(Test::Suffix(self.lit())),
            Kind::IfPattern => match DialPattern::parse(value) {
                Ok(p) => self.guard(Test::Pattern(p)),
                Err(_) if value.is_empty() => return None, // reported as missing
                Err(e) => {
                    self.error(Field::Value, K::InvalidPattern, e);
                    return None;
                }
            },
            Kind::IfRegex => {
                let regex = self.regex()?;
                self.guard(Test::Regex(regex))
            }
            Kind::IfLength => match parse_length(value) {
                Ok((min, max)) => self.guard(Test::Length(min, max)),
                Err(_) if value.is_empty() => return None,
                Err(e) => {
                    self.error(Field::Value, K::InvalidLength, e);
                    return None;
                }
            },
            Kind::Stop => Op::Stop,
        })
    }

    fn guard(&self, test: Test) -> Op {
        Op::Guard {
            test,
            skip_to: self.index + governed_by(self.t.number_opt()) + 1,
        }
    }

    fn regex(&mut self) -> Option<Arc<Regex>> {
        let value = self.t.value_text();
        if value.is_empty() || value.chars().count() > self.limits.max_value_len {
            return None; // already reported
        }
        match regex::compile_shared(value, self.limits.regex_size_limit) {
            Ok(r) => Some(r),
            Err(e) => {
                self.error(Field::Value, K::InvalidRegex, format!("invalid regex: {e}"));
                None
            }
        }
    }

    fn e164_operands(&mut self) -> Option<(&str, &str)> {
        let (cc, trunk) = (self.t.value_text(), self.t.value2_text());
        let mut ok = true;
        if !cc.is_empty()
            && (cc.len() > 3 || !cc.bytes().all(|b| b.is_ascii_digit()) || cc.starts_with('0'))
        {
            self.error(
                Field::Value,
                K::InvalidCountryCode,
                format!("expected a country calling code of 1 to 3 digits not starting with 0 (e.g. `44`), found `{cc}`"),
            );
            ok = false;
        }
        if !trunk.bytes().all(|b| b.is_ascii_digit()) {
            self.error(
                Field::Value2,
                K::InvalidTrunkPrefix,
                format!("expected a national trunk prefix of ASCII digits (e.g. `0`) or nothing, found `{trunk}`"),
            );
            ok = false;
        }
        (ok && !cc.is_empty()).then_some((cc, trunk))
    }
}

/// Parses an `if_length` range: `N`, `MIN-MAX`, `MIN-` or `-MAX`.
fn parse_length(s: &str) -> Result<(usize, usize), String> {
    let expected = "expected a length `N`, `MIN-MAX`, `MIN-` or `-MAX` in ASCII digits";
    let num = |part: &str| -> Result<usize, String> {
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("{expected}, found `{s}`"));
        }
        // Saturate: a length past usize::MAX is no different from usize::MAX.
        Ok(part.parse::<usize>().unwrap_or(usize::MAX))
    };
    let (min, max) = match s.split_once('-') {
        None => {
            let n = num(s)?;
            (n, n)
        }
        Some(("", "")) => return Err(format!("{expected}, found `{s}`")),
        Some(("", max)) => (0, num(max)?),
        Some((min, "")) => (num(min)?, usize::MAX),
        Some((min, max)) => (num(min)?, num(max)?),
    };
    if min > max {
        return Err(format!("the range `{s}` has MIN greater than MAX"));
    }
    Ok((min, max))
}

#[cfg(test)]
mod tests {
    use super::parse_length;

    #[test]
    fn length_forms() {
        assert_eq!(parse_length("10"), Ok((10, 10)));
        assert_eq!(parse_length("10-12"), Ok((10, 12)));
        assert_eq!(parse_length("10-"), Ok((10, usize::MAX)));
        assert_eq!(parse_length("-12"), Ok((0, 12)));
        for bad in ["", "-", "a", "1-2-3", "12-10", " 1", "+1", "١"] {
            assert!(parse_length(bad).is_err(), "{bad:?}");
        }
    }
}
