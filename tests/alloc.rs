//! `apply_into` allocates nothing once its buffers are warm (issue 3): a counting global
//! allocator watches the applying thread. The count is per thread, so tests running on
//! parallel threads never see each other's allocations (issue 12).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use callerid_transform::Pipeline;

struct Counting;

thread_local! {
    static WATCHING: Cell<bool> = const { Cell::new(false) };
    /// Allocations this thread made while watched.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn note() {
    // `try_with`: the allocator also runs while thread-locals are torn down.
    if WATCHING.try_with(Cell::get).unwrap_or(false) {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
    }
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note();
        System.alloc(layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note();
        System.alloc_zeroed(layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note();
        System.realloc(ptr, layout, new_size)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations made by `f` on this thread.
fn allocations_in(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    WATCHING.with(|w| w.set(true));
    f();
    WATCHING.with(|w| w.set(false));
    ALLOCATIONS.with(Cell::get) - before
}

/// Every type at least once, guards and regexes included.
const PIPELINES: &[&str] = &[
    r##"[{"type": "add_prefix", "value": "+1"}, {"type": "add_suffix", "value": "#"},
        {"type": "replace", "value": "1", "value2": "one"}, {"type": "replace", "value": "e", "value2": "", "number": 1},
        {"type": "strip_digits_start", "number": 1}, {"type": "strip_digits_end", "number": 1},
        {"type": "keep_digits_start", "number": 30}, {"type": "keep_digits_end", "number": 28}]"##,
    r##"[{"type": "strip_prefix", "value": "0"}, {"type": "strip_suffix", "value": "9"},
        {"type": "replace_prefix", "value": "44", "value2": "0044"}, {"type": "ensure_prefix", "value": "+"},
        {"type": "set_if_empty", "value": "anonymous"}, {"type": "remove_chars", "value": " -()é"},
        {"type": "digits_only"}]"##,
    r##"[{"type": "regex_replace", "value": "^0(\\d)(\\d+)$", "value2": "+44\\1 ${2}"},
        {"type": "regex_replace", "value": "(?P<d>\\d)\\s", "value2": "$d"},
        {"type": "regex_replace", "value": "^00", "value2": "+"},
        {"type": "mask", "value": "+1408XXXXXXX"}]"##,
    r##"[{"type": "if_pattern", "value": "_0ZXXXXXXXXX", "number": 2},
        {"type": "to_e164", "value": "44", "value2": "0", "number": 10}, {"type": "stop"},
        {"type": "if_regex", "value": "^\\+33", "number": 1}, {"type": "from_e164", "value": "33", "value2": "0"},
        {"type": "if_length", "value": "-5", "number": 1}, {"type": "set", "value": "short"},
        {"type": "if_suffix", "value": "9", "number": 2}, {"type": "if_prefix", "value": "+", "number": 1},
        {"type": "stop"}, {"type": "to_e164", "value": "1"}]"##,
];

const INPUTS: &[&str] = &[
    "02079460000",
    "020 7946 0000",
    "+33123456789",
    "0044 20 7946 0009",
    "anonymous",
    "",
    "123",
    "0é1 2-3 (4)",
    "+1 (415) 555-0100",
];

#[test]
fn apply_into_allocates_nothing_on_a_warm_buffer() {
    for config in PIPELINES {
        let pipeline = Pipeline::from_json(config).unwrap();
        let mut out = String::new();
        let mut expected = Vec::new();
        for input in INPUTS {
            pipeline.apply_into(input, &mut out).unwrap();
            expected.push(out.clone());
        }
        let mut results_match = true;
        let count = allocations_in(|| {
            for (input, want) in INPUTS.iter().zip(&expected) {
                pipeline.apply_into(input, &mut out).unwrap();
                results_match &= out == *want;
            }
        });
        assert!(results_match, "warm runs changed a result for {config}");
        assert_eq!(
            count, 0,
            "{count} allocations on a warm buffer for {config}"
        );
        // The view form, on the same warm buffer.
        let mut views_match = true;
        let count = allocations_in(|| {
            for (input, want) in INPUTS.iter().zip(&expected) {
                views_match &= pipeline.apply_view(input, &mut out).unwrap() == want;
            }
        });
        assert!(
            views_match,
            "apply_view differs from apply_into for {config}"
        );
        assert_eq!(
            count, 0,
            "{count} allocations in apply_view on a warm buffer for {config}"
        );
    }
}

#[test]
fn the_counter_sees_allocations() {
    // Guards the test above against a counter that never counts.
    let pipeline = Pipeline::from_json(r#"[{"type": "add_prefix", "value": "1"}]"#).unwrap();
    let count = allocations_in(|| {
        let s = pipeline.apply("2").unwrap();
        assert_eq!(s, "12");
    });
    assert!(count >= 1);
}

/// `Pipeline::outcome_into` (issue 10) allocates nothing into a warm `Outcome`.
#[test]
fn outcome_into_a_warm_value_allocates_nothing() {
    let p = callerid_transform::Pipeline::from_json(
        r#"[{"type": "remove_chars", "value": " -()"},
            {"type": "if_regex", "value": "^0(\\d{10})$", "number": 2},
            {"type": "regex_replace", "value": "^0(\\d+)$", "value2": "+44$1"},
            {"type": "stop"},
            {"type": "if_prefix", "value": "00", "number": 2},
            {"type": "replace_prefix", "value": "00", "value2": "+"},
            {"type": "stop"},
            {"type": "mask", "value": "XXXXXXXX"},
            {"type": "to_e164", "value": "44", "value2": "0"}]"#,
    )
    .unwrap();
    let numbers = [
        "020 7946 0000",
        "0033 1234",
        "anonymous",
        "+1 (415) 555-0100",
        "",
    ];
    let mut o = callerid_transform::Outcome::new();
    for n in numbers {
        p.outcome_into(n, &mut o); // warm up
    }
    let count = allocations_in(|| {
        for _ in 0..3 {
            for n in numbers {
                p.outcome_into(n, &mut o);
            }
        }
    });
    assert_eq!(count, 0);
}
