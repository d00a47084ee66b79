//! Rule testing costs, as ratios measured side by side in one run (issue 10):
//!
//! - `Pipeline::outcome_into` against `Pipeline::apply_into` (target: within 1.5x), with
//!   `trace` for scale;
//! - `cidt diff OLD NEW` over 1,000,000 numbers against what users do today: `cidt apply`
//!   with each configuration, then `diff` of the two outputs.
//!
//! `cargo bench --bench diff` prints both tables; `-- --quick` takes fewer, shorter samples
//! (and 200,000 numbers). Each ratio is the median of per-round ratios, the two sides
//! measured alternately, so machine noise hits both alike.

use std::hint::black_box;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use callerid_transform::{Outcome, Pipeline};

const CIDT: &str = env!("CARGO_BIN_EXE_cidt");

/// A UK first-match rule table (the `cidt demo` rules).
const UK_OLD: &str = include_str!("../src/bin/cidt/demo-uk.json");

/// The same table with one new rule before the national ones: 0800 freephone numbers stay
/// national.
fn uk_new() -> String {
    let mut rules: Vec<serde_json::Value> = serde_json::from_str(UK_OLD).unwrap();
    let at = rules
        .iter()
        .position(|r| r["type"] == "if_pattern")
        .expect("the demo table has a national rule");
    rules.splice(
        at..at,
        [
            serde_json::json!({"type": "if_prefix", "value": "0800", "number": 1}),
            serde_json::json!({"type": "stop"}),
        ],
    );
    serde_json::to_string(&rules).unwrap()
}

const REGEX_RULES: &str = r#"[
  {"type": "regex_replace", "value": "[^0-9+]", "value2": ""},
  {"type": "regex_replace", "value": "^00", "value2": "+"},
  {"type": "regex_replace", "value": "^0([1-9][0-9]{9})$", "value2": "+44\\1"}
]"#;

const PREFIX: &str = r#"[{"type": "add_prefix", "value": "+1"}]"#;

/// Deterministic caller IDs in the mix a UK trunk sees.
fn numbers(n: usize) -> Vec<String> {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..n)
        .map(|_| {
            let r = next();
            let d = r % 10_000;
            match (r >> 32) % 20 {
                0..=7 => format!("020 7946 {d:04}"),
                8..=10 => format!("+44 161 496 {d:04}"),
                11..=12 => format!("0044 113 496 {d:04}"),
                13..=14 => format!("07700 90{:04}", d),
                15 => format!("0800 123 {d:04}"),
                16 => format!("1632 96{d:04}"),
                17 => format!("001 415 555 {d:04}"),
                18 => "anonymous".to_string(),
                _ => String::new(),
            }
        })
        .collect()
}

struct Timing {
    rounds: usize,
    sample: Duration,
}

/// How many calls of `f` fill `sample`.
fn calibrate(sample: Duration, mut f: impl FnMut()) -> u64 {
    let mut iters = 1u64;
    loop {
        let start = Instant::now();
        for _ in 0..iters {
            f();
        }
        if start.elapsed() >= sample {
            return iters;
        }
        iters *= 2;
    }
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// Times `a` and `b` alternately: (median ns per call of a, of b, median of per-round b÷a).
fn side_by_side(t: &Timing, mut a: impl FnMut(), mut b: impl FnMut()) -> (f64, f64, f64) {
    let ia = calibrate(t.sample, &mut a);
    let ib = calibrate(t.sample, &mut b);
    let (mut ta, mut tb, mut ratio) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..t.rounds {
        let start = Instant::now();
        for _ in 0..ia {
            a();
        }
        let x = start.elapsed().as_nanos() as f64 / ia as f64;
        let start = Instant::now();
        for _ in 0..ib {
            b();
        }
        let y = start.elapsed().as_nanos() as f64 / ib as f64;
        ta.push(x);
        tb.push(y);
        ratio.push(y / x);
    }
    (median(ta), median(tb), median(ratio))
}

fn outcome_table(t: &Timing) -> String {
    let inputs = numbers(64);
    let mut table = String::from(
        "| scenario | apply ns/number | outcome ns/number | outcome÷apply | trace ns/number |\n\
         |---|---:|---:|---:|---:|\n",
    );
    for (name, config) in [
        ("uk_rule_table (14 transforms)", UK_OLD),
        ("regex_heavy (3 regex_replace)", REGEX_RULES),
        ("add_prefix (1 transform)", PREFIX),
    ] {
        let p = Pipeline::from_json(config).unwrap();
        let mut out = String::with_capacity(64);
        let mut o = Outcome::new();
        for n in &inputs {
            p.outcome_into(n, &mut o);
            assert_eq!(o.result().ok(), p.apply(n).ok().as_deref());
        }
        let per = inputs.len() as f64;
        let (apply, outcome, ratio) = side_by_side(
            t,
            || {
                for n in &inputs {
                    let _ = p.apply_into(black_box(n), &mut out);
                    black_box(&out);
                }
            },
            || {
                for n in &inputs {
                    p.outcome_into(black_box(n), &mut o);
                    black_box(&o);
                }
            },
        );
        let trace = {
            let iters = calibrate(t.sample, || {
                for n in &inputs {
                    black_box(p.trace(black_box(n)));
                }
            });
            let start = Instant::now();
            for _ in 0..iters {
                for n in &inputs {
                    black_box(p.trace(black_box(n)));
                }
            }
            start.elapsed().as_nanos() as f64 / iters as f64
        };
        table.push_str(&format!(
            "| {name} | {:.1} | {:.1} | {ratio:.2} | {:.1} |\n",
            apply / per,
            outcome / per,
            trace / per
        ));
    }
    table
}

fn run_ok(cmd: &mut Command) {
    let status = cmd.status().expect("run a command");
    // cidt diff and diff exit 1 when something differs: only 2 and up is trouble.
    assert!(matches!(status.code(), Some(0 | 1)), "{cmd:?}: {status}");
}

fn cli_table(dir: &Path, count: usize, rounds: usize) -> String {
    let nums = dir.join("numbers.txt");
    let mut text = numbers(count).join("\n");
    text.push('\n');
    std::fs::write(&nums, text).unwrap();
    let (old, new) = (dir.join("old.json"), dir.join("new.json"));
    std::fs::write(&old, UK_OLD).unwrap();
    std::fs::write(&new, uk_new()).unwrap();
    let (a, b) = (dir.join("a.txt"), dir.join("b.txt"));
    let file = |p: &Path| std::fs::File::create(p).unwrap();
    let diff_run = || {
        let start = Instant::now();
        run_ok(
            Command::new(CIDT)
                .arg("diff")
                .arg(&old)
                .arg(&new)
                .arg("--numbers")
                .arg(&nums)
                .stdout(Stdio::null()),
        );
        start.elapsed().as_secs_f64()
    };
    let today = || {
        let start = Instant::now();
        for (config, out) in [(&old, &a), (&new, &b)] {
            run_ok(
                Command::new(CIDT)
                    .arg("apply")
                    .arg("-c")
                    .arg(config)
                    .stdin(std::fs::File::open(&nums).unwrap())
                    .stdout(file(out)),
            );
        }
        run_ok(Command::new("diff").arg(&a).arg(&b).stdout(Stdio::null()));
        start.elapsed().as_secs_f64()
    };
    let (mut td, mut tt, mut ratio) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        let x = today();
        let y = diff_run();
        tt.push(x);
        td.push(y);
        ratio.push(x / y);
    }
    let (td, tt, ratio) = (median(td), median(tt), median(ratio));
    let mut summary = Vec::new();
    let out = Command::new(CIDT)
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .arg("--numbers")
        .arg(&nums)
        .arg("--limit")
        .arg("0")
        .output()
        .unwrap();
    summary.extend_from_slice(&out.stdout);
    let first = String::from_utf8_lossy(&summary)
        .lines()
        .next()
        .unwrap_or("")
        .to_string();
    format!(
        "{count} numbers ({first})\n\n\
         | command | seconds | numbers/s |\n|---|---:|---:|\n\
         | `cidt diff OLD NEW --numbers FILE` | {td:.3} | {:.0} |\n\
         | `cidt apply` twice + `diff` | {tt:.3} | {:.0} |\n\n\
         (apply twice + diff) ÷ (cidt diff): **{ratio:.2}x** (median of {rounds} alternating rounds)\n",
        count as f64 / td,
        count as f64 / tt
    )
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let timing = if quick {
        Timing {
            rounds: 5,
            sample: Duration::from_millis(20),
        }
    } else {
        Timing {
            rounds: 15,
            sample: Duration::from_millis(100),
        }
    };
    println!("## outcome against apply\n\n{}", outcome_table(&timing));
    let dir = std::env::temp_dir().join(format!("cidt-bench-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (count, rounds) = if quick { (200_000, 3) } else { (1_000_000, 5) };
    println!(
        "## cidt diff against apply twice + diff\n\n{}",
        cli_table(&dir, count, rounds)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
