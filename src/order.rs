//! Sorting off the hot path by an integer key through one shared sort instantiation: every
//! `sort`/`sort_by_key` on a new element type adds kilobytes of sorting code to the
//! WebAssembly module, this adds only a small reordering loop per element type.

/// Sorts `items` by `key`, stably: items with equal keys keep their order. `O(n log n)`.
pub(crate) fn sort_by_u64_key<T>(items: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    let mut order: Vec<(u64, usize)> = items.iter().enumerate().map(|(i, x)| (key(x), i)).collect();
    // The positions break ties, so the unstable sort of the pairs gives a stable order.
    sort_pairs(&mut order);
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    // Each position occurs once in `order`, so every `take` finds its item.
    items.extend(order.iter().filter_map(|&(_, i)| slots[i].take()));
}

/// The order-preserving map of a signed key into `u64` (for [`sort_by_u64_key`]).
pub(crate) fn signed_key(k: i64) -> u64 {
    (k as u64) ^ (1 << 63)
}

/// The order-preserving map of a pair of 32-bit keys into `u64`: lexicographic order.
pub(crate) fn pair_key(hi: u32, lo: u32) -> u64 {
    (u64::from(hi) << 32) | u64::from(lo)
}

/// The one sort instantiation: never inlined, so every caller shares it.
#[inline(never)]
fn sort_pairs(v: &mut [(u64, usize)]) {
    v.sort_unstable();
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn sort_by_u64_key_equals_the_std_stable_sort(
            v in proptest::collection::vec((0u64..8, any::<u16>()), 0..64)
        ) {
            let mut ours = v.clone();
            sort_by_u64_key(&mut ours, |x| x.0);
            let mut std = v;
            std.sort_by_key(|x| x.0);
            prop_assert_eq!(ours, std);
        }

        #[test]
        fn signed_key_preserves_the_order_of_i64(a in any::<i64>(), b in any::<i64>()) {
            prop_assert_eq!(signed_key(a).cmp(&signed_key(b)), a.cmp(&b));
        }

        #[test]
        fn pair_key_preserves_the_order_of_pairs(
            a in any::<(u32, u32)>(), b in any::<(u32, u32)>()
        ) {
            prop_assert_eq!(pair_key(a.0, a.1).cmp(&pair_key(b.0, b.1)), a.cmp(&b));
        }
    }

    #[test]
    fn sort_by_u64_key_keeps_equal_keys_in_their_order() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e')];
        sort_by_u64_key(&mut v, |x| x.0);
        assert_eq!(v, [(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
    }

    #[test]
    fn extreme_keys_sort_to_the_ends() {
        let mut v = vec![signed_key(0), signed_key(i64::MAX), signed_key(i64::MIN)];
        sort_by_u64_key(&mut v, |&k| k);
        assert_eq!(
            v,
            [signed_key(i64::MIN), signed_key(0), signed_key(i64::MAX)]
        );
    }
}
