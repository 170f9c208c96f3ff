//! Time per KB of one letter as it grows from 10 KB to 1 MB (issue 11, part 1: every stage
//! linear in the letter's size). Three shapes: a long case summary of prose, a long item line
//! with a count every few words, an item line that is nothing but counts, and many short
//! letters concatenated in one file. With linear
//! stages the throughput (bytes per second) is the same at every size.
//! Run with `cargo bench --bench scaling`.
#![allow(missing_docs)] // criterion_group! generates undocumented items
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

const HEAD: &str = "HOW THE IMR FINAL DETERMINATION WAS MADE\nCLINICAL CASE SUMMARY\n";
const PROSE: &str = "The patient reports ongoing low back pain radiating to the left leg and attended several appointments with the treating physician, who noted tenderness and spasm. ";

/// One short professional review (2013), repeated to make a file of many letters.
const REVIEW: &str = "MEDICAL PROFESSIONAL REVIEW\nIMR Case Number: CM13-0000001\nUR Date: 07/09/2013\nISSUES AT DISPUTE:\n1. Physical therapy x8 for the low back\n2. MRI of the lumbar spine\n3. Tramadol 50mg #60\nCASE SUMMARY:\nThe patient has myalgia of the low back and has completed 6 sessions of physical therapy.\nRATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/IS NOT MEDICALLY NECESSARY:\nThe guideline allows 9-10 visits for myalgia. Physical therapy is medically necessary. An MRI is not indicated without red flags, and the MRI is not medically necessary. Tramadol has not improved function and is not medically necessary.\n";

/// A letter of about `size` bytes of the given shape.
fn letter(shape: &str, size: usize) -> String {
    let fill = |unit: &str| unit.repeat(size / unit.len() + 1)[..size].to_owned();
    if shape == "concatenated" {
        // Whole letters, one after another, as a batch printed to one file.
        return REVIEW.repeat(size / REVIEW.len() + 1);
    }
    let (summary, item) = match shape {
        "prose" => (fill(PROSE), "Physical therapy twice a week for six weeks for the lumbar spine".to_owned()),
        "item_line" => (String::new(), fill("Physical therapy 2x4 and 6 visits ")),
        _ => (String::new(), fill("PT 2x4 ")),
    };
    format!(
        "{HEAD}{summary}\nThe patient has had 6 prior physical therapy visits.\nIMR ISSUES, DECISIONS AND RATIONALES\n{item}: Upheld\nDecision rationale: 12 visits exceed the guideline.\n"
    )
}

fn scaling(c: &mut Criterion) {
    let rules = imrcheck::rules::load_embedded().expect("valid rules").rules;
    let options = imrcheck::Options { max_letter_size: u64::MAX, ..Default::default() };
    for shape in ["prose", "item_line", "dense_counts", "concatenated"] {
        let mut group = c.benchmark_group(format!("per_kb/{shape}"));
        group.sample_size(10);
        for kb in [10, 100, 1000] {
            let text = letter(shape, kb * 1024);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(format!("{kb}KB")), &text, |b, t| {
                b.iter(|| black_box(imrcheck::check_bytes("scaling.txt", t.as_bytes(), &rules, &options)));
            });
        }
        group.finish();
    }
}

criterion_group!(benches, scaling);
criterion_main!(benches);
