//! The fuzz targets' bodies, shared by the libFuzzer binaries (`cargo fuzz run letter`), their
//! stable stand-ins (scripts/fuzz without nightly) and the corpus replay in the normal test
//! suite (tests/suite/fuzz_corpus.rs). Each panics on any broken invariant; the library must
//! never panic on any input.
#![allow(dead_code)] // each binary uses one target

use imrcheck::report::sinks::{Csv, Jsonl, Sink};
use imrcheck::report::summary::Summary;
use imrcheck::rules::RuleSet;
use std::sync::LazyLock;

/// The embedded rules, built once per process (not per input: that would cost most of a run).
pub static RULES: LazyLock<RuleSet> =
    LazyLock::new(|| imrcheck::rules::load_embedded().expect("the embedded rules are valid").rules);

/// A short letter the rule target checks with each rule set that loads.
const PROBE: &str = "HOW THE IMR FINAL DETERMINATION WAS MADE\nCLINICAL CASE SUMMARY\nThe patient has had 6 prior physical therapy visits for myalgia.\nIMR ISSUES, DECISIONS AND RATIONALES\nPhysical therapy twice a week for six weeks for the lumbar spine: Upheld\nDecision rationale: 12 visits exceed the guideline.\n";

/// Between a rule file and a vocabulary file in one rule-target input.
pub const VOCABULARY_SEPARATOR: &str = "\n==== vocabulary.yaml ====\n";

/// The letter pipeline: `check_bytes`, then the report in every format. Spans must lie inside
/// the text on character boundaries, and the JSON must parse.
pub fn letter(data: &[u8]) {
    let report = imrcheck::check_bytes("fuzz.txt", data, &RULES, &imrcheck::Options::default());
    if let Some(text) = &report.text {
        for item in &report.items {
            for step in &item.explanation {
                for s in &step.spans {
                    assert!(s.start <= s.end && s.end <= text.len(), "span {s:?} outside the text");
                    assert!(
                        text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
                        "span {s:?} cuts a character"
                    );
                }
            }
        }
    }
    let json = report.to_json();
    assert!(!json.contains('\n'), "one JSON line");
    let _: serde_json::Value = serde_json::from_str(&json).expect("the JSON parses");
    let _ = imrcheck::report::human::render(&report, false, 100);
    let _ = imrcheck::report::human::render(&report, true, 60);
    let mut summary = Summary::default();
    summary.add(&report);
    let mut jsonl = Jsonl::new(Vec::new());
    let mut csv = Csv::new(Vec::new(), Some(Box::new(std::io::sink()))).expect("CSV to memory");
    let mut markdown = imrcheck::report::markdown::Markdown::new(Vec::new());
    let mut html = imrcheck::report::html::Html::new(Vec::new()).expect("HTML to memory");
    let mut xlsx = imrcheck::report::xlsx::Xlsx::new(std::io::Cursor::new(Vec::new())).expect("a workbook in memory");
    let sinks: [&mut dyn Sink; 5] = [&mut jsonl, &mut csv, &mut markdown, &mut html, &mut xlsx];
    for sink in sinks {
        sink.letter(&report).expect("a sink in memory does not fail");
        sink.finish(&summary).expect("a sink in memory does not fail");
    }
}

/// The rule loader: one rule file (and, after [`VOCABULARY_SEPARATOR`], a vocabulary file).
/// A rule set that loads runs its examples and checks a letter; one that does not renders
/// every diagnostic.
pub fn rules(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (rules, vocabulary) = match text.split_once(VOCABULARY_SEPARATOR) {
        Some((r, v)) => (r, Some(v)),
        None => (text, None),
    };
    let mut files = vec![imrcheck::diagnostics::RuleSource { name: "fuzz/rules.yaml".into(), text: rules.into() }];
    if let Some(v) = vocabulary {
        files.push(imrcheck::diagnostics::RuleSource { name: "fuzz/vocabulary.yaml".into(), text: v.into() });
    }
    match imrcheck::rules::load_sources(files, "fuzz".into()) {
        Ok(loaded) => {
            let _ = imrcheck::rules::examples::run(&loaded.rules);
            let report = imrcheck::check_bytes("probe.txt", PROBE.as_bytes(), &loaded.rules, &Default::default());
            let _ = report.to_json();
            for w in &loaded.warnings {
                let _ = imrcheck::diagnostics::render_plain(w);
            }
        }
        Err(e) => {
            for p in &e.problems {
                let out = imrcheck::diagnostics::render_plain(p);
                let widest = out.lines().map(|l| l.chars().count()).max().unwrap_or(0);
                assert!(widest < 2 * imrcheck::diagnostics::MAX_SHOWN_TEXT, "a diagnostic line of {widest} characters");
                let _ = p.location();
            }
        }
    }
}
