//! Integration tests.

/// `audit` over a corpus: every input once, formats agree, exit codes.
mod audit;
/// The `imrcheck` binary as a user runs it: exit codes, the JSON contract, bad inputs.
mod cli;
/// The commands and outputs the README and docs/ show, run and compared.
mod docs;
/// Engine policy: rule versions by date, the statutory cap, rule choice.
mod engine;
/// Provenance, case columns and breakdowns in every format; the workbook read back; the CSV in a
/// spreadsheet (issue 13).
mod formats;
/// The fuzz targets replayed on their corpus, on stable Rust (issue 11).
mod fuzz_corpus;
/// Inputs a hostile or careless user could give (issue 11).
mod hostile_inputs;
/// Faults while writing reports: interruption, permissions, closed pipes (issue 11).
mod hostile_outputs;
/// Rule directories a hostile or careless author could write (issue 11).
mod hostile_rules;
/// The HTML report in a real browser.
mod html;
/// Accuracy against the labelled letters, as `imrcheck eval` measures it.
mod labels;
/// The minimum Rust version holds for every locked dependency.
mod msrv;
/// PDF letters: twins, scans, passwords, damage, isolation of a hostile file, page and line.
mod pdf;
/// Parsers never panic and spans always point into the text.
mod properties;
/// Rule files: the shipped set, broken files and their diagnostics.
mod rules;
/// Explanations and reports pinned as snapshots.
mod snapshots;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A path below the repository root.
pub fn path(rel: &str) -> PathBuf {
    root().join(rel)
}

/// Run the binary with `args` from the repository root.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_imrcheck")).args(args).current_dir(root()).output().expect("the binary runs")
}

/// Stdout as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Stderr as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The seed letters.
pub const SEEDS: &[&str] = &[
    "fixtures/letters/000_2a8084fc4425109e.txt",
    "fixtures/letters/001_21c8226c7447611c.txt",
    "fixtures/letters/002_f8d92b839ee91f1b.txt",
    "fixtures/letters/003_e43977c140b40687.txt",
    "fixtures/letters/004_df60825a565bc545.txt",
];

/// The embedded rule set.
pub fn rules() -> imrcheck::rules::RuleSet {
    imrcheck::rules::load_embedded().expect("the embedded rules are valid").rules
}
