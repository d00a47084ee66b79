//! One `Pipeline` shared by many threads gives exactly the single-threaded results (issue 6).
//!
//! The pipeline touches every piece of per-thread and shared state the executor has: the
//! thread-local scratch buffers (`replace`, `regex_replace`, `mask`, `to_e164`), regex caches
//! (`if_regex`, `regex_replace`), dial patterns and the character path for non-ASCII numbers.

use std::sync::{Arc, Barrier};
use std::thread;

use callerid_transform::Pipeline;

const THREADS: usize = 8;
const NUMBERS: usize = 100_000;

const CONFIG: &str = r#"[
    {"type": "if_length", "value": "0-3", "number": 1},
    {"type": "stop"},
    {"type": "if_pattern", "value": "_00X.", "number": 2},
    {"type": "replace_prefix", "value": "00", "value2": "+"},
    {"type": "stop"},
    {"type": "if_regex", "value": "^0[1-9]", "number": 2},
    {"type": "regex_replace", "value": "^0(\\d+)$", "value2": "+44\\1"},
    {"type": "stop"},
    {"type": "if_prefix", "value": "\u00e9", "number": 2},
    {"type": "replace", "value": "\u00e9", "value2": "ee", "number": 2},
    {"type": "mask", "value": "+1XXXXXXX"},
    {"type": "to_e164", "value": "1", "value2": "1", "number": 10}
]"#;

/// Deterministic, varied numbers: national, international, short, non-ASCII, too long.
fn numbers() -> Vec<String> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..NUMBERS)
        .map(|i| {
            let r = next();
            let digits: String = (0..(r % 14) as usize)
                .map(|k| char::from(b'0' + ((r >> (k * 4)) % 10) as u8))
                .collect();
            match i % 7 {
                0 => format!("00{digits}"),
                1 => format!("0{digits}"),
                2 => format!("\u{e9}{digits}\u{e9}"),
                3 => format!("+{digits}"),
                4 if i % 1000 == 4 => "9".repeat(257),
                _ => digits,
            }
        })
        .collect()
}

#[test]
fn eight_threads_share_one_pipeline() {
    let pipeline = Pipeline::from_json(CONFIG).unwrap();
    let inputs = Arc::new(numbers());
    let expected: Arc<Vec<_>> = Arc::new(inputs.iter().map(|n| pipeline.apply(n)).collect());
    // The inputs reach every outcome.
    assert!(expected.iter().any(|r| r.is_err()));
    assert!(expected
        .iter()
        .any(|r| r.as_deref().is_ok_and(|s| s.starts_with("+44"))));
    assert!(expected
        .iter()
        .any(|r| r.as_deref().is_ok_and(|s| s.contains("ee"))));

    let barrier = Arc::new(Barrier::new(THREADS));
    let handles: Vec<_> = (0..THREADS)
        .map(|t| {
            // Each thread gets its own clone (a reference count) or the same one by reference.
            let pipeline = pipeline.clone();
            let (inputs, expected, barrier) = (inputs.clone(), expected.clone(), barrier.clone());
            thread::spawn(move || {
                barrier.wait();
                let mut out = String::new();
                // Different threads walk the numbers from different places, so they run
                // different transforms at the same moment.
                let start = t * NUMBERS / THREADS;
                for k in 0..NUMBERS {
                    let i = (start + k) % NUMBERS;
                    let got = if k % 2 == 0 {
                        pipeline
                            .apply_into(&inputs[i], &mut out)
                            .map(|()| out.clone())
                    } else {
                        pipeline.apply(&inputs[i])
                    };
                    assert_eq!(got, expected[i], "thread {t}, number {i}: {:?}", inputs[i]);
                }
            })
        })
        .collect();
    for h in handles {
        h.join().expect("a thread failed");
    }
}

#[test]
fn threads_compile_and_apply_the_same_regexes_at_once() {
    // Compiling shares regexes between pipelines: many threads compiling the same and
    // different patterns at once all get working pipelines.
    let barrier = Arc::new(Barrier::new(THREADS));
    let handles: Vec<_> = (0..THREADS)
        .map(|t| {
            let barrier = barrier.clone();
            thread::spawn(move || {
                barrier.wait();
                for k in 0..50 {
                    let digit = (t + k) % 4;
                    let json = format!(
                        r#"[{{"type": "regex_replace", "value": "^{digit}(\\d*)$", "value2": "<$1>"}},
                            {{"type": "if_regex", "value": "^<", "number": 1}},
                            {{"type": "add_suffix", "value": "!"}}]"#
                    );
                    let p = Pipeline::from_json(&json).unwrap();
                    assert_eq!(p.apply(&format!("{digit}123")).unwrap(), "<123>!");
                    assert_eq!(p.apply("9").unwrap(), "9");
                    let trace = p.trace(&format!("{digit}{digit}"));
                    assert_eq!(trace.result.unwrap(), format!("<{digit}>!"));
                }
            })
        })
        .collect();
    for h in handles {
        h.join().expect("a thread failed");
    }
}
