//! The ratio report: ns per number for engine, naive, handwritten and copy, measured side by
//! side in one run, with engine÷naive and engine÷handwritten; compile time and memory; two
//! threads against one.
//!
//! `cargo bench --bench report` prints it; `-- --write` also writes BENCHMARKS.md;
//! `-- --quick` takes fewer, shorter samples.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::fmt::Write as _;
use std::hint::black_box;
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::{Duration, Instant};

use callerid_transform::Pipeline;
use common::{
    check, copy, data_driven_floor, long_number, pipeline_of_length, regex_table_config, scenarios,
    ten_op_pipeline, uk_national, Naive, RegexSetTable, RegexTable, CLEANING, REGEX_RULES,
    UK_RULES,
};

/// Counts live heap bytes, to measure memory per compiled pipeline.
struct Counting;

static LIVE_BYTES: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size() as isize, Ordering::Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE_BYTES.fetch_add(
            new_size as isize - layout.size() as isize,
            Ordering::Relaxed,
        );
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

struct Timing {
    samples: usize,
    sample_time: Duration,
}

impl Timing {
    /// Median time of one call of `f`, in ns.
    fn ns(&self, mut f: impl FnMut()) -> f64 {
        let mut iters = 1u64;
        loop {
            let start = Instant::now();
            for _ in 0..iters {
                f();
            }
            if start.elapsed() >= self.sample_time / 4 {
                break;
            }
            iters *= 2;
        }
        let iters = iters * 4;
        let samples: Vec<f64> = (0..self.samples)
            .map(|_| {
                let start = Instant::now();
                for _ in 0..iters {
                    f();
                }
                start.elapsed().as_nanos() as f64 / iters as f64
            })
            .collect();
        median(&samples)
    }
}

impl Timing {
    /// Median time of one call of each of `fs`, measured interleaved: every round takes one
    /// sample of each in turn, so a change in the machine's load hits all of them alike.
    fn interleaved(&self, fs: &mut [&mut dyn FnMut()]) -> Vec<f64> {
        self.rounds(fs).iter().map(|s| median(s)).collect()
    }

    /// The samples behind [`Self::interleaved`]: `samples[f][round]`, ns per call.
    fn rounds(&self, fs: &mut [&mut dyn FnMut()]) -> Vec<Vec<f64>> {
        let iters: Vec<u64> = fs
            .iter_mut()
            .map(|f| {
                let mut iters = 1u64;
                loop {
                    let start = Instant::now();
                    for _ in 0..iters {
                        f();
                    }
                    if start.elapsed() >= self.sample_time / 4 {
                        break iters * 4;
                    }
                    iters *= 2;
                }
            })
            .collect();
        let mut samples = vec![Vec::with_capacity(self.samples); fs.len()];
        for _ in 0..self.samples {
            for ((f, &n), out) in fs.iter_mut().zip(&iters).zip(&mut samples) {
                let start = Instant::now();
                for _ in 0..n {
                    f();
                }
                out.push(start.elapsed().as_nanos() as f64 / n as f64);
            }
        }
        samples
    }
}

fn median(samples: &[f64]) -> f64 {
    let mut s = samples.to_vec();
    s.sort_by(f64::total_cmp);
    s[s.len() / 2]
}

/// The lowest and highest of `a[k] / b[k]` over the rounds: how far one round's ratio strays
/// from the ratio of the medians on this machine.
fn ratio_range(a: &[f64], b: &[f64]) -> (f64, f64) {
    a.iter()
        .zip(b)
        .map(|(a, b)| a / b)
        .fold((f64::INFINITY, 0.0), |(lo, hi), r| (lo.min(r), hi.max(r)))
}

fn ratio(a: f64, b: Option<f64>) -> String {
    b.map_or("–".into(), |b| format!("{:.2}", a / b))
}

fn cell(x: Option<f64>) -> String {
    x.map_or("–".into(), |x| format!("{x:.1}"))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quick = args.iter().any(|a| a == "--quick");
    let write = args.iter().any(|a| a == "--write");
    let timing = if quick {
        Timing {
            samples: 3,
            sample_time: Duration::from_millis(20),
        }
    } else {
        Timing {
            samples: 9,
            sample_time: Duration::from_millis(200),
        }
    };

    let mut table = String::new();
    table.push_str("| scenario | engine ns/number | naive | handwritten | copy | engine÷naive | engine÷handwritten | engine÷handwritten, one round (lowest–highest) |\n");
    table.push_str("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    // (scenario, engine÷naive, engine÷handwritten, handwritten ns) for the verdicts and notes.
    let mut ratios: Vec<(&str, f64, Option<f64>, Option<f64>)> = Vec::new();
    for s in scenarios() {
        check(&s);
        let per = s.inputs.len() as f64;
        let engine = Pipeline::from_json(&s.config).unwrap();
        let naive = Naive::new(&s.config);
        let (mut out_e, mut out_h, mut out_c) = (
            String::with_capacity(64),
            String::with_capacity(64),
            String::with_capacity(64),
        );
        let mut engine_f = || {
            for n in &s.inputs {
                let _ = engine.apply_into(black_box(n), &mut out_e);
                black_box(&out_e);
            }
        };
        let mut naive_f = || {
            for n in &s.inputs {
                black_box(naive.apply(black_box(n)).ok());
            }
        };
        let mut copy_f = || {
            for n in &s.inputs {
                copy(black_box(n), &mut out_c);
                black_box(&out_c);
            }
        };
        let (e, nv, cp, hw, spread) = match s.handwritten {
            Some(hand) => {
                let mut hand_f = || {
                    for n in &s.inputs {
                        hand(black_box(n), &mut out_h);
                        black_box(&out_h);
                    }
                };
                let r = timing.rounds(&mut [&mut engine_f, &mut naive_f, &mut copy_f, &mut hand_f]);
                let t: Vec<f64> = r.iter().map(|s| median(s)).collect();
                let (lo, hi) = ratio_range(&r[0], &r[3]);
                (
                    t[0] / per,
                    t[1] / per,
                    t[2] / per,
                    Some(t[3] / per),
                    format!("{lo:.2}–{hi:.2}"),
                )
            }
            None => {
                let t = timing.interleaved(&mut [&mut engine_f, &mut naive_f, &mut copy_f]);
                (t[0] / per, t[1] / per, t[2] / per, None, "–".into())
            }
        };
        ratios.push((s.name, e / nv, hw.map(|hw| e / hw), hw));
        let row = format!(
            "| {} | {e:.1} | {nv:.1} | {} | {cp:.1} | {} | {} | {spread} |\n",
            s.name,
            cell(hw),
            ratio(e, Some(nv)),
            ratio(e, hw),
        );
        print!("{row}");
        table.push_str(&row);
    }

    // The data-driven floor of (i) and (j): the handwritten code with its operands read from
    // memory, beside the engine and the constant-operand handwritten code.
    let mut floors = String::from(
        "| scenario | engine ns/number | handwritten | handwritten, operands from memory (the data-driven floor) | engine÷floor |\n|---|---:|---:|---:|---:|\n",
    );
    for s in scenarios() {
        let (Some(hand), Some(floor)) = (s.handwritten, data_driven_floor(s.name)) else {
            continue;
        };
        let per = s.inputs.len() as f64;
        let engine = Pipeline::from_json(&s.config).unwrap();
        let mut out = String::with_capacity(64);
        let mut out_h = String::with_capacity(64);
        let mut out_f = String::with_capacity(64);
        let t = timing.interleaved(&mut [
            &mut || {
                for n in &s.inputs {
                    let _ = engine.apply_into(black_box(n), &mut out);
                    black_box(&out);
                }
            },
            &mut || {
                for n in &s.inputs {
                    hand(black_box(n), &mut out_h);
                    black_box(&out_h);
                }
            },
            &mut || {
                for n in &s.inputs {
                    floor(black_box(n), &mut out_f);
                    black_box(&out_f);
                }
            },
        ]);
        let (e, h, f) = (t[0] / per, t[1] / per, t[2] / per);
        let row = format!("| {} | {e:.1} | {h:.1} | {f:.1} | {:.2} |\n", s.name, e / f);
        print!("{row}");
        floors.push_str(&row);
    }

    // (f) compile time.
    let ten = ten_op_pipeline();
    let compile_engine =
        timing.ns(|| drop(black_box(Pipeline::from_json(black_box(&ten)).unwrap())));
    let compile_naive = timing.ns(|| drop(black_box(Naive::new(black_box(&ten)))));
    let mut extra = String::new();
    writeln!(
        extra,
        "| f/compile 10-op literal pipeline | {:.2} µs | naive (parse only) {:.2} µs | target < 5 µs |",
        compile_engine / 1000.0,
        compile_naive / 1000.0
    )
    .unwrap();

    // (g) 10,000 compiled pipelines: time and live memory.
    let mut uk_bytes = 0;
    for (name, config) in [
        ("UK rule table", UK_RULES),
        ("regex rule table", REGEX_RULES),
    ] {
        let before = LIVE_BYTES.load(Ordering::Relaxed);
        let start = Instant::now();
        let pipelines: Vec<Pipeline> = (0..10_000)
            .map(|_| Pipeline::from_json(config).unwrap())
            .collect();
        let elapsed = start.elapsed();
        let bytes = LIVE_BYTES.load(Ordering::Relaxed) - before;
        black_box(&pipelines);
        drop(pipelines);
        if config == UK_RULES {
            uk_bytes = bytes;
        }
        writeln!(
            extra,
            "| g/compile 10,000 × {name} | {:.1} ms | {:.2} MB live ({} bytes per pipeline) | target < 20 MB |",
            elapsed.as_secs_f64() * 1000.0,
            bytes as f64 / 1e6,
            bytes / 10_000
        )
        .unwrap();
    }

    // (h) two threads sharing one pipeline.
    let engine = Pipeline::from_json(UK_RULES).unwrap();
    let uk = scenarios().swap_remove(5);
    let (inputs, uk_by_hand) = (
        uk.inputs,
        uk.handwritten.expect("the UK table has a handwritten peer"),
    );
    let rounds = if quick { 20_000 } else { 200_000 };
    let work = |p: &Pipeline| {
        let mut out = String::with_capacity(64);
        for _ in 0..rounds {
            for n in &inputs {
                let _ = p.apply_into(black_box(n), &mut out);
            }
        }
    };
    let timed = |f: &dyn Fn()| {
        let t = Instant::now();
        f();
        t.elapsed()
    };
    let on_two_threads = |f: &(dyn Fn() + Sync)| {
        timed(&|| {
            std::thread::scope(|scope| {
                scope.spawn(f);
                f();
            })
        })
    };
    // The machine's own ceiling: a loop that touches no memory, on one and on two threads.
    // (Shared virtual machines may give two threads far less than twice one thread.)
    let control = || {
        let mut x = 0u64;
        for i in 0..(rounds as u64 * 200) {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(black_box(i));
        }
        black_box(x);
    };
    let engine_work = || work(&engine);
    // The same work written by hand: what this machine gives this kind of code (short
    // copies into a buffer, branches) on its second core.
    let hand_work = || {
        let mut out = String::with_capacity(64);
        for _ in 0..rounds {
            for n in &inputs {
                uk_by_hand(black_box(n), &mut out);
                black_box(&out);
            }
        }
    };
    // Interleaved rounds, best of each: the machine's share of its second core changes over
    // time, so engine and control are measured side by side.
    let mut best = [Duration::MAX; 6];
    for _ in 0..5 {
        let round = [
            timed(&engine_work),
            on_two_threads(&engine_work),
            timed(&control),
            on_two_threads(&control),
            timed(&hand_work),
            on_two_threads(&hand_work),
        ];
        for (b, r) in best.iter_mut().zip(round) {
            *b = (*b).min(r);
        }
    }
    let [one, two, control_one, control_two, hand_one, hand_two] = best;
    let engine_scaling = 2.0 * one.as_secs_f64() / two.as_secs_f64();
    let control_scaling = 2.0 * control_one.as_secs_f64() / control_two.as_secs_f64();
    let hand_scaling = 2.0 * hand_one.as_secs_f64() / hand_two.as_secs_f64();
    writeln!(
        extra,
        "| h/2 threads, one shared pipeline | 1 thread {:.1} ms, 2 threads {:.1} ms (twice the work): throughput ×{engine_scaling:.2}; \
         a pure arithmetic loop on this machine: ×{control_scaling:.2}; the handwritten UK table: ×{hand_scaling:.2} | engine ÷ machine ceiling = {:.2} | target ≥ 1.8 |",
        one.as_secs_f64() * 1000.0,
        two.as_secs_f64() * 1000.0,
        engine_scaling / control_scaling,
    )
    .unwrap();
    // (k) a regex first-match table against the `regex` crate, rule by rule and as a set.
    let numbers = scenarios().swap_remove(0).inputs;
    let first_match = Pipeline::from_json(&regex_table_config()).unwrap();
    let (by_regex, by_set) = (RegexTable::new(), RegexSetTable::new());
    let (mut o1, mut o2, mut o3) = (String::new(), String::new(), String::new());
    for n in &numbers {
        first_match.apply_into(n, &mut o1).unwrap();
        by_regex.apply(n, &mut o2);
        by_set.apply(n, &mut o3);
        assert!(
            o1 == o2 && o2 == o3,
            "regex table on {n:?}: {o1:?} {o2:?} {o3:?}"
        );
    }
    let per = numbers.len() as f64;
    let t = timing.interleaved(&mut [
        &mut || {
            for n in &numbers {
                let _ = first_match.apply_into(black_box(n), &mut o1);
                black_box(&o1);
            }
        },
        &mut || {
            for n in &numbers {
                by_regex.apply(black_box(n), &mut o2);
                black_box(&o2);
            }
        },
        &mut || {
            for n in &numbers {
                by_set.apply(black_box(n), &mut o3);
                black_box(&o3);
            }
        },
    ]);
    let (table_e, table_re, table_set) = (t[0] / per, t[1] / per, t[2] / per);
    writeln!(
        extra,
        "| k/regex first-match table (4 rules) | engine {table_e:.1} ns/number | `regex::Regex` rules {table_re:.1} ns, `RegexSet` {table_set:.1} ns | RegexSet÷engine {:.2}, Regex÷engine {:.2} |",
        table_set / table_e,
        table_re / table_e
    )
    .unwrap();

    // (l) to_e164 against the `phonenumber` crate's parse + E.164 format.
    let nationals = uk_national();
    let e164 =
        Pipeline::from_json(r#"[{"type": "to_e164", "value": "44", "value2": "0"}]"#).unwrap();
    let library = |n: &str| {
        phonenumber::parse(Some(phonenumber::country::Id::GB), n)
            .map(|p| p.format().mode(phonenumber::Mode::E164).to_string())
    };
    for n in &nationals {
        assert_eq!(library(n).ok(), e164.apply(n).ok(), "to_e164 on {n:?}");
    }
    let per = nationals.len() as f64;
    let t = timing.interleaved(&mut [
        &mut || {
            for n in &nationals {
                let _ = e164.apply_into(black_box(n), &mut o1);
                black_box(&o1);
            }
        },
        &mut || {
            for n in &nationals {
                black_box(library(black_box(n)).ok());
            }
        },
    ]);
    let (e164_e, e164_lib) = (t[0] / per, t[1] / per);
    writeln!(
        extra,
        "| l/to_e164 on UK national numbers | engine {e164_e:.1} ns/number | `phonenumber` parse + E.164 format {e164_lib:.0} ns | phonenumber÷engine {:.0} |",
        e164_lib / e164_e
    )
    .unwrap();

    // (m) cost against pipeline length, (n) against input length.
    let mut per_op = Vec::new();
    for n in [1, 4, 16, 64, 256] {
        let p = Pipeline::from_json(&pipeline_of_length(n)).unwrap();
        let ns = timing.ns(|| {
            for x in &numbers {
                let _ = p.apply_into(black_box(x), &mut o1);
                black_box(&o1);
            }
        }) / per_len(&numbers);
        per_op.push((n, ns / n as f64));
        writeln!(
            extra,
            "| m/pipeline of {n} ops | {ns:.1} ns/number | {:.2} ns per op | |",
            ns / n as f64
        )
        .unwrap();
    }
    let cleaning = Pipeline::from_json(CLEANING).unwrap();
    let mut per_char = Vec::new();
    for len in [10, 32, 64, 128, 256] {
        let x = long_number(len);
        let ns = timing.ns(|| {
            let _ = cleaning.apply_into(black_box(&x), &mut o1);
            black_box(&o1);
        });
        per_char.push((len, ns / len as f64));
        writeln!(
            extra,
            "| n/input of {len} characters (clean, 00 to +, guard, strip) | {ns:.1} ns/number | {:.2} ns per character | |",
            ns / len as f64
        )
        .unwrap();
    }
    print!("{extra}");

    // Target verdicts (issue 3).
    let mut verdicts = String::new();
    let mut verdict = |what: String, met: bool, detail: String| {
        let line = format!(
            "| {what} | {} | {detail} |\n",
            if met { "met" } else { "**missed**" }
        );
        print!("{line}");
        verdicts.push_str(&line);
    };
    for (name, vs_naive, vs_hand, _) in &ratios {
        let group = &name[..1];
        let naive_target = match group {
            "a" | "b" | "d" => Some(5.0),
            "c" => Some(2.0),
            _ => None,
        };
        if let Some(t) = naive_target {
            let speedup = 1.0 / vs_naive;
            verdict(
                format!("{name}: ≥ {t}× faster than naive"),
                speedup >= t,
                format!("{speedup:.1}×"),
            );
        }
        if let (Some(r), "a" | "b") = (vs_hand, group) {
            verdict(
                format!("{name}: within 1.5× of handwritten"),
                *r <= 1.5,
                format!("{r:.2}× the handwritten time"),
            );
        }
    }
    // Issue 12.
    for (name, vs_naive, vs_hand, _) in &ratios {
        let (hand_target, naive_target) = match &name[..1] {
            "i" => (1.6, 10.0),
            "j" => (2.0, 6.0),
            _ => continue,
        };
        if let Some(r) = vs_hand {
            verdict(
                format!("{name}: engine ÷ handwritten ≤ {hand_target}"),
                *r <= hand_target,
                format!("{r:.2}"),
            );
        }
        verdict(
            format!("{name}: naive ÷ engine ≥ {naive_target}"),
            1.0 / vs_naive >= naive_target,
            format!("{:.1}", 1.0 / vs_naive),
        );
    }
    verdict(
        "k: regex first-match table ≥ 1.5× faster than `RegexSet`".into(),
        table_set / table_e >= 1.5,
        format!("{:.2}×", table_set / table_e),
    );
    verdict(
        "l: `to_e164` ≥ 50× faster than `phonenumber` parse + format".into(),
        e164_lib / e164_e >= 50.0,
        format!("{:.0}×", e164_lib / e164_e),
    );
    let growth = |v: &[(usize, f64)]| v[v.len() - 1].1 / v[1].1;
    verdict(
        "m: no superlinear growth with pipeline length (ns per op at 256 ops ≤ 2× at 4)".into(),
        growth(&per_op) <= 2.0,
        format!("{:.2}×", growth(&per_op)),
    );
    verdict(
        "n: no superlinear growth with input length (ns per character at 256 ≤ 2× at 32)".into(),
        growth(&per_char) <= 2.0,
        format!("{:.2}×", growth(&per_char)),
    );
    verdict(
        "f: 10-op pipeline compiles in < 5 µs".into(),
        compile_engine < 5000.0,
        format!("{:.2} µs", compile_engine / 1000.0),
    );
    verdict(
        "g: 10,000 rule-table pipelines < 20 MB".into(),
        uk_bytes < 20_000_000,
        format!("{:.2} MB", uk_bytes as f64 / 1e6),
    );
    verdict(
        "h: 2 threads ≥ 1.8× one".into(),
        engine_scaling >= 1.8,
        format!(
            "×{engine_scaling:.2}; this machine: arithmetic loop ×{control_scaling:.2}, the same work by hand ×{hand_scaling:.2}"
        ),
    );

    let mut notes = String::new();
    let single_ops: Vec<(f64, f64)> = ratios
        .iter()
        .filter(|(name, ..)| name.starts_with('a'))
        .filter_map(|(_, _, r, hw)| Some(((*r)?, (*hw)?)))
        .collect();
    if single_ops.iter().any(|&(r, _)| r > 1.5) {
        let ns = single_ops
            .iter()
            .filter(|&&(r, _)| r > 1.5)
            .map(|&(_, hw)| hw);
        let lo = ns.clone().fold(f64::INFINITY, f64::min);
        let hi = ns.fold(0.0, f64::max);
        notes.push_str(&note_handwritten(lo, hi));
    }
    let threads_missed = engine_scaling < 1.8;
    if threads_missed {
        notes.push_str(&note_threads(engine_scaling, control_scaling, hand_scaling));
    }
    let issue_12: Vec<(&str, f64, f64, f64)> = ratios
        .iter()
        .filter_map(|(name, _, r, hw)| {
            let target = match &name[..1] {
                "i" => 1.6,
                "j" => 2.0,
                _ => return None,
            };
            Some((*name, target, (*r)?, (*hw)?))
        })
        .collect();
    notes.push_str(&note_issue_12(&issue_12, threads_missed));
    notes.insert_str(0, "## Reading the results\n\n");
    if write {
        let machine = machine();
        let doc = format!(
            "# Benchmarks\n\nMeasured by `cargo bench --bench report -- --write` (all peers in the same run, same inputs).\n\
             Machine: {machine}.\n\n\
             Peers: **naive** = a plain interpreter (transforms as parsed, a new `String` per step, `regex::Regex` compiled once \
             for regex types, guards by re-scanning); **handwritten** = the same transformation coded by hand in Rust; \
             **copy** = copying the input into the output buffer (the floor). Inputs: 10 numbers (national, international, \
             00-prefixed, `anonymous`, empty), ns per number. Engine, naive, copy and handwritten are measured \
             interleaved (each round takes one sample of each); a figure is the median of the rounds, and the last column \
             shows how far a single round's engine÷handwritten strays from it on this machine (a verdict near its \
             target can go either way from one run to the next). Issue 12 added (i) its 5-op literal pipeline and (j) the UK \
             rule table ending in `to_e164`; (k) a first-match table of four regex rules (Kamailio dialplan / Cisco \
             translation style) against the same rules as `regex::Regex`es tried in order and as a `RegexSet`; (l) `to_e164` \
             against the `phonenumber` crate's parse + E.164 format; (m, n) cost against pipeline length and input length.\n\n{table}\n\
             The handwritten peers of (i) and (j) have their operands (`+44`, `-`, `00`, ...) compiled into them. \
             An engine reads its operands from the configuration at run time; the same handwritten code reading them \
             from memory is the floor any such engine (without generating code) can reach:\n\n{floors}\n\
             | other | figure | | |\n|---|---|---|---|\n{extra}\n\
             ## Targets (issues 3 and 12)\n\n| target | verdict | measured |\n|---|---|---|\n{verdicts}\n{notes}"
        );
        std::fs::write("BENCHMARKS.md", doc).unwrap();
        println!("wrote BENCHMARKS.md");
    }
}

/// Why single-op handwritten targets are missed; `lo`-`hi`: the missed ones' handwritten ns.
fn note_handwritten(lo: f64, hi: f64) -> String {
    format!(
        "* **Engine ÷ handwritten.** The handwritten peer is the transformation compiled into the \
program: `push_str(\"+1\"); push_str(n)` is barely above the copy floor, its operands are \
constants. The engine reads its operands from memory and dispatches over superinstructions \
chosen at run time; since issue 12 it pays one length check per call (not per step), borrows \
the input until the first write, fuses runs of add/strip ops into one splice and runs a guard \
over `stop` as one test. What is left is a few ns per number of fixed cost (the call, the \
plan's dispatch, loading operands), which weighs most on single ops, whose handwritten form \
costs {lo:.1}-{hi:.1} ns in this run; closing it would take generating code per pipeline (a \
JIT), which this engine does not do. The last column of the first table shows how far one \
round's ratio strays from the median on this machine.\n"
    )
}

/// What issue 12's rows show: `rows` are (scenario, target, engine÷handwritten, handwritten ns).
fn note_issue_12(rows: &[(&str, f64, f64, f64)], threads_missed: bool) -> String {
    let missed: Vec<String> = rows
        .iter()
        .filter(|(_, target, r, _)| r > target)
        .map(|(name, target, r, hw)| {
            format!("{name} ({r:.2} against ≤ {target}; its handwritten peer runs in {hw:.1} ns)")
        })
        .collect();
    let verdict = if missed.is_empty() {
        "Both engine ÷ handwritten targets are met in this run; the last column of the first \
table shows how far a single round can stray from that."
            .to_string()
    } else {
        format!(
            "Missed in this run: {}. Against a peer that fast, the engine's fixed cost per call \
(the call, the plan's dispatch, operands read from memory, the output written through \
`String`'s checked pushes) is most of the ratio; the engine ÷ floor table separates it from \
the cost of reading operands at all.",
            missed.join("; ")
        )
    };
    format!(
        "* **Issue 12's rows.** (i) and (j) run as superinstructions: the 5-op pipeline is one \
remove-then-splice, one pass writing `+44` then the number with its `-` removed and its first \
character stripped (a one-character `replace` by nothing is a `remove_chars`; the `;x` added and stripped \
cancels at compile time); the UK table is stop-if, if-then-stop and `to_e164` written straight \
into the output. {verdict} (k) runs each rule `if_regex R` + `regex_replace R` + `stop` as one \
match-then-stop (one search); every rule of this table is anchored at both ends with fixed \
positions and at most a closing run (`^00(\\d+)$`), so none needs the regex engine: the match \
is a class test per byte and the groups' spans come from positions. (f) compile time scales \
with the machine's load like the naive parse beside it (their ratio is what to compare with \
earlier runs).{}\n",
        if threads_missed {
            " 2 threads (h) depend on the machine's second core, see above."
        } else {
            ""
        }
    )
}

/// Why the threads target can be missed on a shared machine, with this run's scaling figures.
fn note_threads(engine: f64, control: f64, hand: f64) -> String {
    format!(
        "* **2 threads ≥ 1.8× one.** In this run two threads gave the engine ×{engine:.2} the \
throughput of one. A loop of multiplications that touches no memory, run the same way, gave \
×{control:.2}: the most this machine's second core gave at the time. The same rule table \
written by hand gave ×{hand:.2}: what the second core gives code of this kind (short copies \
into a buffer, branches); where it falls short of ×1.8 as well, the limit is the machine, not \
the engine. The engine's apply path shares no mutable state (per-thread scratch buffers and \
regex caches), and `tests/concurrency.rs` checks that 8 threads give exactly the \
single-threaded results.\n"
    )
}

fn per_len<T>(v: &[T]) -> f64 {
    v.len() as f64
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".into())
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let rustc = std::process::Command::new("rustc")
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    format!(
        "{cpu}, {cores} cores available (shared machine; load average {} when the report ended), {rustc}, release profile",
        load()
    )
}
