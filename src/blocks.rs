//! Guard-block structure: for each transform, how deeply guards nest it, which guard governs
//! it directly and, for a guard, the last transform of its block.
//!
//! The explanation, the CLI and the browser page indent guarded blocks from this one
//! computation. It works on any list of transforms, valid or not (a page shows the structure
//! while the user is still typing): a guard whose range runs past the end of the list is cut
//! at the end, and a range that crosses its outer guard's end still nests by position.

use serde::Serialize;

use crate::kind::Kind;
use crate::validate::governed;
use crate::wire::Transform;

/// Where one transform sits among the guarded blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct BlockInfo {
    /// How many guards govern this transform (0 = top level).
    pub depth: usize,
    /// The innermost guard governing it (0-based index), if any.
    pub guard: Option<usize>,
    /// For a guard, the index of the last transform it governs (cut at the end of the
    /// list; equal to the guard's own index when nothing follows it); `None` for other types.
    pub end: Option<usize>,
}

/// The block structure of a list of transforms, one entry per transform.
///
/// A guard (`if_prefix`, `if_suffix`, `if_pattern`, `if_regex`, `if_length`) governs the next
/// `number` transforms (absent or 0 means 1); `stop` is not a guard.
///
/// ```
/// use callerid_transform::{block_structure, Transform};
///
/// let blocks = block_structure(&[
///     Transform::new("if_prefix").value("00").number(2),
///     Transform::new("strip_prefix").value("00"),
///     Transform::new("add_prefix").value("+"),
///     Transform::new("stop"),
/// ]);
/// let depths: Vec<usize> = blocks.iter().map(|b| b.depth).collect();
/// assert_eq!(depths, [0, 1, 1, 0]);
/// assert_eq!((blocks[0].end, blocks[2].guard), (Some(2), Some(0)));
/// ```
pub fn block_structure(transforms: &[Transform]) -> Vec<BlockInfo> {
    let last = transforms.len().saturating_sub(1);
    let mut out = Vec::with_capacity(transforms.len());
    // (guard index, index of the last transform it governs) for every open block.
    let mut open: Vec<(usize, usize)> = Vec::new();
    for (i, t) in transforms.iter().enumerate() {
        while open.last().is_some_and(|&(_, end)| end < i) {
            open.pop();
        }
        let is_guard = Kind::from_name(&t.kind).is_some_and(Kind::is_guard);
        let end = is_guard.then(|| i.saturating_add(governed(t)).min(last));
        out.push(BlockInfo {
            depth: open.len(),
            guard: open.last().map(|&(g, _)| g),
            end,
        });
        if let Some(end) = end {
            open.push((i, end));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(kind: &str, number: Option<i64>) -> Transform {
        Transform {
            number,
            ..Transform::new(kind)
        }
    }

    fn depths(list: &[Transform]) -> Vec<usize> {
        block_structure(list).iter().map(|b| b.depth).collect()
    }

    #[test]
    fn a_guard_without_number_governs_one_transform() {
        let list = [t("if_prefix", None), t("stop", None), t("add_prefix", None)];
        assert_eq!(depths(&list), [0, 1, 0]);
        assert_eq!(block_structure(&list)[0].end, Some(1));
        assert_eq!(block_structure(&list)[1].guard, Some(0));
        // A zero governs one as well (SPEC: 0 = 1).
        let list = [t("if_length", Some(0)), t("stop", None), t("stop", None)];
        assert_eq!(depths(&list), [0, 1, 0]);
    }

    #[test]
    fn nested_guards_give_the_innermost_guard() {
        let list = [
            t("if_prefix", Some(3)),
            t("if_suffix", Some(1)),
            t("add_prefix", None),
            t("add_suffix", None),
            t("digits_only", None),
        ];
        let b = block_structure(&list);
        assert_eq!(depths(&list), [0, 1, 2, 1, 0]);
        assert_eq!(
            b.iter().map(|x| x.guard).collect::<Vec<_>>(),
            [None, Some(0), Some(1), Some(0), None]
        );
        assert_eq!(
            b.iter().map(|x| x.end).collect::<Vec<_>>(),
            [Some(3), Some(2), None, None, None]
        );
    }

    #[test]
    fn stop_and_unknown_types_are_not_guards() {
        let list = [
            t("stop", Some(2)),
            t("if_prefx", Some(2)),
            t("add_prefix", None),
        ];
        assert_eq!(depths(&list), [0, 0, 0]);
        assert!(block_structure(&list).iter().all(|b| b.end.is_none()));
    }

    #[test]
    fn a_range_past_the_end_is_cut_at_the_last_transform() {
        let list = [
            t("add_prefix", None),
            t("if_prefix", Some(9)),
            t("stop", None),
        ];
        assert_eq!(block_structure(&list)[1].end, Some(2));
        assert_eq!(depths(&list), [0, 0, 1]);
        // A guard with nothing after it governs nothing.
        let list = [t("if_regex", Some(65535))];
        assert_eq!(block_structure(&list)[0].end, Some(0));
        assert_eq!(block_structure(&[]), []);
    }
}
