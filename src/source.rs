//! The transforms a pipeline was compiled from, kept compactly (one text buffer and 12 bytes
//! per transform) for `transforms()`, `explain`, `lint` and serialisation, which rebuild the
//! wire form only when first asked.

use std::sync::OnceLock;

use serde::ser::{Serialize, SerializeSeq, Serializer};

use crate::kind::Kind;
use crate::wire::{Fields, Transform};

/// The transforms of a valid configuration, as given: absent members stay absent.
#[derive(Debug)]
pub(crate) struct Source {
    /// Every transform's `value` then `value2`, one after the other.
    text: Box<str>,
    items: Box<[Item]>,
    /// The wire form, built on first use (or at once when `text` is too long to index).
    wire: OnceLock<Box<[Transform]>>,
}

/// One transform: its type, which members were present, its number, and where its texts end.
#[derive(Debug, Clone, Copy)]
struct Item {
    kind: Kind,
    /// [`HAS_VALUE`], [`HAS_VALUE2`], [`HAS_NUMBER`].
    present: u8,
    /// Valid numbers are 0..=65535.
    number: u16,
    value_end: u32,
    value2_end: u32,
}

const HAS_VALUE: u8 = 1;
const HAS_VALUE2: u8 = 2;
const HAS_NUMBER: u8 = 4;

impl Source {
    /// Keeps `transforms`, each of the `kinds` validation found (one per transform, every
    /// number in 0..=65535).
    pub(crate) fn new<T: Fields>(transforms: &[T], kinds: impl Iterator<Item = Kind>) -> Source {
        let mut text = String::with_capacity(
            transforms
                .iter()
                .map(|t| t.value_text().len() + t.value2_text().len())
                .sum(),
        );
        let mut items = Vec::with_capacity(transforms.len());
        for (t, kind) in transforms.iter().zip(kinds) {
            let mut present = 0;
            if let Some(v) = t.value_opt() {
                present |= HAS_VALUE;
                text.push_str(v);
            }
            let value_end = u32::try_from(text.len());
            if let Some(v) = t.value2_opt() {
                present |= HAS_VALUE2;
                text.push_str(v);
            }
            let value2_end = u32::try_from(text.len());
            let number = t.number_opt().and_then(|n| u16::try_from(n).ok());
            if number.is_some() {
                present |= HAS_NUMBER;
            }
            let (Ok(value_end), Ok(value2_end)) = (value_end, value2_end) else {
                return Source::wire_only(transforms);
            };
            items.push(Item {
                kind,
                present,
                number: number.unwrap_or(0),
                value_end,
                value2_end,
            });
        }
        debug_assert_eq!(items.len(), transforms.len());
        Source {
            text: text.into_boxed_str(),
            items: items.into_boxed_slice(),
            wire: OnceLock::new(),
        }
    }

    /// Past 4 GiB of text, the wire form as it is.
    #[cold]
    fn wire_only<T: Fields>(transforms: &[T]) -> Source {
        let wire: Box<[Transform]> = transforms.iter().map(to_wire).collect();
        Source {
            text: Box::default(),
            items: Box::default(),
            wire: OnceLock::from(wire),
        }
    }

    /// The wire form, rebuilt once.
    pub(crate) fn transforms(&self) -> &[Transform] {
        self.wire
            .get_or_init(|| self.views().map(|v| to_wire(&v)).collect())
    }

    /// The transforms, borrowed from the compact form.
    fn views(&self) -> impl Iterator<Item = View<'_>> + '_ {
        let mut start = 0;
        self.items.iter().map(move |item| {
            let (value_end, value2_end) = (item.value_end as usize, item.value2_end as usize);
            let value = &self.text[start..value_end];
            let value2 = &self.text[value_end..value2_end];
            start = value2_end;
            View {
                kind: item.kind.name(),
                value: (item.present & HAS_VALUE != 0).then_some(value),
                value2: (item.present & HAS_VALUE2 != 0).then_some(value2),
                number: (item.present & HAS_NUMBER != 0).then_some(i64::from(item.number)),
            }
        })
    }
}

/// Writes exactly what the wire form's derived `Serialize` writes, without building it.
impl Serialize for Source {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if let Some(wire) = self.wire.get() {
            return wire.serialize(serializer);
        }
        let mut seq = serializer.serialize_seq(Some(self.items.len()))?;
        for view in self.views() {
            seq.serialize_element(&view)?;
        }
        seq.end()
    }
}

/// One transform borrowed from a [`Source`]; serialises as [`Transform`] does.
#[derive(serde::Serialize)]
#[serde(rename = "Transform")]
struct View<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value2: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<i64>,
}

fn to_wire(t: &impl Fields) -> Transform {
    Transform {
        kind: t.kind_name().to_owned(),
        value: t.value_opt().map(str::to_owned),
        value2: t.value2_opt().map(str::to_owned),
        number: t.number_opt(),
    }
}

impl Fields for View<'_> {
    fn kind_name(&self) -> &str {
        self.kind
    }
    fn value_opt(&self) -> Option<&str> {
        self.value
    }
    fn value2_opt(&self) -> Option<&str> {
        self.value2
    }
    fn number_opt(&self) -> Option<i64> {
        self.number
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(transforms: &[Transform]) -> Source {
        let kinds = transforms.iter().map(|t| Kind::from_name(&t.kind).unwrap());
        Source::new(transforms, kinds)
    }

    #[test]
    fn members_come_back_as_given_absent_null_and_empty_apart() {
        let given = vec![
            Transform::new("if_prefix").value("+").number(0),
            Transform::new("stop"),
            Transform::new("replace").value("é-").value2(""),
            Transform::new("set").value(""),
            Transform::new("to_e164")
                .value("44")
                .value2("0")
                .number(65535),
        ];
        let source = kept(&given);
        assert_eq!(source.transforms(), &given[..]);
    }

    #[test]
    fn serialising_the_compact_form_writes_the_wire_form() {
        let given = vec![
            Transform::new("strip_digits_start").number(1),
            Transform::new("add_prefix").value("+44"),
            Transform::new("replace").value("\"").value2(""),
        ];
        let source = kept(&given);
        let compact = serde_json::to_string(&source).unwrap();
        assert_eq!(
            compact,
            r#"[{"type":"strip_digits_start","number":1},{"type":"add_prefix","value":"+44"},{"type":"replace","value":"\"","value2":""}]"#
        );
        assert_eq!(compact, serde_json::to_string(&given).unwrap());
        source.transforms();
        assert_eq!(serde_json::to_string(&source).unwrap(), compact);
    }
}
