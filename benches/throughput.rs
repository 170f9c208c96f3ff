//! Throughput of the whole pipeline (read, extract, evaluate) over the fixture letters, in bytes
//! and letters per second. Run with `cargo bench --bench throughput`.
#![allow(missing_docs)] // criterion_group! generates undocumented items
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/letters");
    let mut letters: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("fixtures/letters exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| (p.display().to_string(), std::fs::read(&p).expect("readable")))
        .collect();
    letters.sort();
    letters
}

fn pipeline(c: &mut Criterion) {
    let rules = imrcheck::rules::load_embedded().expect("valid rules").rules;
    let letters = corpus();
    let bytes: u64 = letters.iter().map(|(_, b)| b.len() as u64).sum();
    let options = imrcheck::Options::default();
    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("corpus_bytes", |b| {
        b.iter(|| {
            for (name, text) in &letters {
                black_box(imrcheck::check_bytes(name, text, &rules, &options));
            }
        });
    });
    group.throughput(Throughput::Elements(letters.len() as u64));
    group.bench_function("corpus_letters", |b| {
        b.iter(|| {
            for (name, text) in &letters {
                black_box(imrcheck::check_bytes(name, text, &rules, &options));
            }
        });
    });
    group.finish();
    c.bench_function("load_embedded_rules", |b| b.iter(|| black_box(imrcheck::rules::load_embedded())));
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
