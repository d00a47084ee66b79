//! Criterion benches: every scenario, engine against its peers (naive, handwritten, copy),
//! plus compile time and two threads sharing one pipeline.
//!
//! `cargo bench --bench engine -- --quick --noplot` for a fast run.

mod common;

use std::hint::black_box;

use callerid_transform::Pipeline;
use common::{check, copy, scenarios, ten_op_pipeline, Naive, UK_RULES};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn apply(c: &mut Criterion) {
    for s in scenarios() {
        check(&s);
        let engine = Pipeline::from_json(&s.config).unwrap();
        let naive = Naive::new(&s.config);
        let mut group = c.benchmark_group(s.name);
        group.throughput(Throughput::Elements(s.inputs.len() as u64));
        let mut out = String::with_capacity(64);
        group.bench_function("engine", |b| {
            b.iter(|| {
                for n in &s.inputs {
                    let _ = engine.apply_into(black_box(n), &mut out);
                    black_box(&out);
                }
            })
        });
        group.bench_function("naive", |b| {
            b.iter(|| {
                for n in &s.inputs {
                    black_box(naive.apply(black_box(n)).ok());
                }
            })
        });
        if let Some(hand) = s.handwritten {
            group.bench_function("handwritten", |b| {
                b.iter(|| {
                    for n in &s.inputs {
                        hand(black_box(n), &mut out);
                        black_box(&out);
                    }
                })
            });
        }
        group.bench_function("copy", |b| {
            b.iter(|| {
                for n in &s.inputs {
                    copy(black_box(n), &mut out);
                    black_box(&out);
                }
            })
        });
        group.finish();
    }
}

fn compile(c: &mut Criterion) {
    let ten = ten_op_pipeline();
    let mut group = c.benchmark_group("f/compile_10_ops");
    group.bench_function("engine", |b| {
        b.iter(|| Pipeline::from_json(black_box(&ten)).unwrap())
    });
    group.bench_function("naive", |b| b.iter(|| Naive::new(black_box(&ten))));
    group.finish();
    let mut group = c.benchmark_group("g/compile_uk_rule_table");
    group.bench_function("engine", |b| {
        b.iter(|| Pipeline::from_json(black_box(UK_RULES)).unwrap())
    });
    group.finish();
}

fn threads(c: &mut Criterion) {
    let engine = Pipeline::from_json(UK_RULES).unwrap();
    let inputs: Vec<String> = scenarios().swap_remove(5).inputs;
    let run = |p: &Pipeline| {
        let mut out = String::with_capacity(64);
        for _ in 0..1000 {
            for n in &inputs {
                let _ = p.apply_into(black_box(n), &mut out);
            }
        }
    };
    let mut group = c.benchmark_group("h/threads");
    group.throughput(Throughput::Elements(1000 * inputs.len() as u64));
    group.bench_function("1_thread", |b| b.iter(|| run(&engine)));
    group.throughput(Throughput::Elements(2000 * inputs.len() as u64));
    group.bench_function("2_threads", |b| {
        b.iter(|| {
            std::thread::scope(|scope| {
                let other = engine.clone();
                let run = &run;
                scope.spawn(move || run(&other));
                run(&engine);
            })
        })
    });
    group.finish();
}

criterion_group!(benches, apply, compile, threads);
criterion_main!(benches);
