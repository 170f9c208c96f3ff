//! The fuzz targets (fuzz/, issue 11 part 5) on stable Rust: their seeds and every regression
//! input replayed, then a short deterministic run of mutants, so CI exercises the same targets
//! without nightly or libFuzzer.

#[path = "../../fuzz/fuzz_targets/targets.rs"]
mod targets;

#[allow(dead_code)]
#[path = "../../fuzz/fuzz_targets/stable.rs"]
mod stable;

use std::path::PathBuf;

fn inputs(dirs: &[&str]) -> Vec<(PathBuf, Vec<u8>)> {
    let paths: Vec<PathBuf> = dirs.iter().map(|d| super::path(d)).collect();
    stable::files(&paths).into_iter().map(|p| (p.clone(), std::fs::read(&p).expect("readable"))).collect()
}

fn letter_seeds() -> Vec<(PathBuf, Vec<u8>)> {
    inputs(&[
        "fixtures/letters",
        "fixtures/bad",
        "fixtures/holdout",
        "fixtures/holdout2",
        "fixtures/realistic",
        "fixtures/realistic2",
        "fuzz/regressions/letter",
    ])
    .into_iter()
    .filter(|(p, _)| p.extension().is_none_or(|x| x != "yaml") || p.starts_with(super::path("fuzz")))
    .collect()
}

fn rule_seeds() -> Vec<(PathBuf, Vec<u8>)> {
    let mut seeds = inputs(&["rules", "fixtures/rules", "fuzz/regressions/rules"]);
    let pair = ["rules.yaml", "vocabulary.yaml"].map(|f| {
        std::fs::read_to_string(super::path(&format!("fixtures/rules/valid/custom-vocabulary/{f}"))).expect("read")
    });
    seeds
        .push((PathBuf::from("pair"), format!("{}{}{}", pair[0], targets::VOCABULARY_SEPARATOR, pair[1]).into_bytes()));
    seeds
}

/// Replay each input, then `mutants` mutants of them from a fixed seed.
fn run(target: fn(&[u8]), seeds: &[(PathBuf, Vec<u8>)], dict: &str, mutants: usize) {
    for (p, data) in seeds {
        if std::panic::catch_unwind(|| target(data)).is_err() {
            panic!("{} fails", p.display());
        }
    }
    let dict = stable::dictionary(&std::fs::read_to_string(super::path(dict)).expect("dictionary"));
    let bytes: Vec<Vec<u8>> = seeds.iter().map(|(_, d)| d.clone()).collect();
    let mut rng = stable::Rng(0x5EED_1111);
    for n in 0..mutants {
        let mut input = bytes[rng.below(bytes.len())].clone();
        stable::mutate(&mut rng, &mut input, &bytes, &dict, 16 * 1024);
        if std::panic::catch_unwind(|| target(&input)).is_err() {
            let p = std::env::temp_dir().join(format!("imrcheck-fuzz-smoke-{n}"));
            let _ = std::fs::write(&p, &input);
            panic!("mutant {n} fails (written to {}); add it to fuzz/regressions once fixed", p.display());
        }
    }
}

#[test]
fn the_letter_target_passes_its_corpus_and_a_short_mutation_run() {
    let seeds = letter_seeds();
    assert!(seeds.len() > 100, "{} seeds", seeds.len());
    run(targets::letter, &seeds, "fuzz/dict/letter.dict", 150);
}

#[test]
fn the_rules_target_passes_its_corpus_and_a_short_mutation_run() {
    let seeds = rule_seeds();
    assert!(seeds.len() > 60, "{} seeds", seeds.len());
    run(targets::rules, &seeds, "fuzz/dict/rules.dict", 600);
}

#[test]
fn the_dictionaries_parse() {
    for d in ["fuzz/dict/letter.dict", "fuzz/dict/rules.dict"] {
        let text = std::fs::read_to_string(super::path(d)).expect("dictionary");
        let tokens = stable::dictionary(&text);
        let lines = text.lines().filter(|l| l.trim().starts_with('"')).count();
        assert_eq!(tokens.len(), lines, "{d}");
        assert!(tokens.iter().all(|t| !t.is_empty()), "{d}");
    }
    assert_eq!(stable::dictionary(r#""\x00\x0a\"\\""#), vec![vec![0, 10, b'"', b'\\']]);
}
