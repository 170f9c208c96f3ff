//! Issue 11, part 4: no rule directory is silently accepted. Each case failed (was accepted, hung,
//! panicked or was slow) before the fix.

use imrcheck::diagnostics::{render_plain, RulesError};
use std::path::Path;
use std::time::Duration;

/// One valid rule, with `extra` lines added to it (indented as rule keys).
fn rule(id: &str, extra: &str) -> String {
    format!(
        "  - id: {id}\n    title: T\n    family: massage\n    applies_to: {{treatments: [massage]}}\n    course: {{visits: {{max: 6}}}}\n    citation: {{guideline: X}}\n{extra}"
    )
}

fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    dir
}

fn load_err(dir: &Path) -> RulesError {
    match imrcheck::rules::load_dir(dir) {
        Ok(l) => panic!("accepted: {} rules", l.rules.rules.len()),
        Err(e) => e,
    }
}

fn codes(e: &RulesError) -> Vec<&str> {
    e.problems.iter().filter(|p| p.is_error()).map(|p| p.code).collect()
}

/// Run `f` on another thread; fail if it takes longer than `limit`.
fn within<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(limit).unwrap_or_else(|_| panic!("did not finish within {limit:?}"))
}

#[test]
fn an_empty_vocabulary_term_is_a_located_error() {
    let dir = dir_with(&[
        ("rules.yaml", &format!("rules:\n{}", rule("a", ""))),
        ("vocabulary.yaml", "regions:\n  lumbar_spine: [low back, \"\"]\n"),
    ]);
    let e = load_err(dir.path());
    assert_eq!(codes(&e), ["rules::bad-term"]);
    assert!(e.problems[0].location().ends_with("vocabulary.yaml:2:28"), "{}", e.problems[0].location());
}

#[test]
fn a_vocabulary_too_large_to_compile_is_an_error_not_a_silent_drop() {
    let terms: Vec<String> = (0..6_000).map(|i| format!("therapy kind {i:05} of many")).collect();
    let vocab = format!("treatments:\n  physical_therapy: [{}]\n", terms.join(", "));
    let dir = dir_with(&[("rules.yaml", &format!("rules:\n{}", rule("a", ""))), ("vocabulary.yaml", &vocab)]);
    let e = load_err(dir.path());
    assert_eq!(codes(&e), ["rules::vocabulary"]);
    assert!(e.problems[0].message.contains("treatment terms cannot be used"), "{}", e.problems[0].message);
}

#[test]
fn aliases_that_multiply_a_list_are_refused() {
    let terms: Vec<String> = (0..100).map(|i| format!("region word {i}")).collect();
    let mut vocab = format!("regions:\n  lumbar_spine: &many [{}]\n", terms.join(", "));
    for i in 0..150 {
        vocab.push_str(&format!("  copy_{i}: *many\n"));
    }
    let dir = dir_with(&[("rules.yaml", &format!("rules:\n{}", rule("a", ""))), ("vocabulary.yaml", &vocab)]);
    let e = load_err(dir.path());
    assert_eq!(codes(&e), ["rules::alias-amplification"]);
}

#[test]
fn counts_and_periods_too_large_for_arithmetic_are_errors() {
    let post = "  - id: p\n    title: T\n    family: physical_medicine\n    kind: postsurgical\n    applies_to: {treatments: [physical_therapy], surgeries: [rotator_cuff_arthroscopic]}\n    postsurgical: {general_course: {max: 24}, period_months: 4294967295}\n    citation: {guideline: X}\n";
    let big = "  - id: b\n    title: T\n    family: massage\n    applies_to: {treatments: [massage]}\n    course: {visits: {max: 4000000000}}\n    citation: {guideline: X}\n    examples:\n      - name: huge\n        request: {treatment: massage, visits_requested: 4294967295, prior_visits: 4294967295}\n        expect: exceeds_limit\n";
    let dir = dir_with(&[("rules.yaml", &format!("rules:\n{post}{big}"))]);
    let e = load_err(dir.path());
    assert_eq!(codes(&e), ["rules::too-large"; 4], "{:?}", e.problems.iter().map(|p| &p.message).collect::<Vec<_>>());
    assert!(e.problems[0].location().ends_with("rules.yaml:7:62"), "{}", e.problems[0].location());
}

#[test]
fn an_empty_rules_list_and_a_directory_of_no_rules_are_errors() {
    let dir = dir_with(&[("rules.yaml", "rules: []\n")]);
    assert_eq!(codes(&load_err(dir.path())), ["rules::empty-list"]);
    let dir = dir_with(&[("vocabulary.yaml", "regions:\n  lumbar_spine: [low back]\n")]);
    assert_eq!(codes(&load_err(dir.path())), ["rules::empty-list"]);
}

#[cfg(unix)]
#[test]
fn yaml_entries_that_are_not_regular_files_are_errors_and_never_opened() {
    let dir = dir_with(&[("rules.yaml", &format!("rules:\n{}", rule("a", "")))]);
    std::fs::create_dir(dir.path().join("folder.yaml")).expect("mkdir");
    std::os::unix::fs::symlink(dir.path().join("gone.yaml"), dir.path().join("dangling.yaml")).expect("link");
    std::os::unix::fs::symlink(dir.path().join("loop.yaml"), dir.path().join("loop.yaml")).expect("link");
    let fifo = dir.path().join("pipe.yaml");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo").success());
    let path = dir.path().to_owned();
    let e = within(Duration::from_secs(20), move || load_err(&path));
    let messages: Vec<String> = e.problems.iter().map(|p| p.message.clone()).collect();
    assert_eq!(codes(&e), ["rules::io"; 4], "{messages:?}");
    for (name, why) in [
        ("dangling.yaml", "dangling link"),
        ("folder.yaml", "a directory"),
        ("loop.yaml", "a loop"),
        ("pipe.yaml", "FIFO"),
    ] {
        assert!(messages.iter().any(|m| m.contains(name) && m.contains(why)), "{name}: {messages:?}");
    }
}

#[test]
fn a_rule_file_that_is_not_utf8_is_a_located_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("r.yaml"), b"rules:\n  - id: caf\xe9\n").expect("write");
    let e = load_err(dir.path());
    assert_eq!(codes(&e), ["rules::encoding"]);
    assert!(e.problems[0].location().ends_with("r.yaml:2:12"), "{}", e.problems[0].location());
}

#[test]
fn validation_is_linear_in_the_number_of_rules() {
    // 8,000 rules took 6.6 s, and 142,000 did not finish in ten minutes: every rule was compared
    // with every other, and each rule's line was counted from the top of its file.
    let n = 20_000;
    let mut text = String::from("rules:\n");
    for i in 0..n {
        text.push_str(&format!(
            "  - id: r{i}\n    title: T\n    family: massage\n    applies_to: {{treatments: [massage], conditions: [myalgia]}}\n    priority: {i}\n    course: {{visits: {{max: 6}}}}\n    citation: {{guideline: X}}\n"
        ));
    }
    let dir = dir_with(&[("many.yaml", &text)]);
    let path = dir.path().to_owned();
    let loaded = within(Duration::from_secs(60), move || imrcheck::rules::load_dir(&path).map(|l| l.rules.rules.len()));
    assert_eq!(loaded.ok(), Some(n));
}

#[test]
fn many_rules_that_clash_are_each_reported_once_not_once_per_pair() {
    let n = 5_000;
    let mut text = String::from("rules:\n");
    for i in 0..n {
        text.push_str(&format!(
            "  - id: r{i}\n    title: T\n    family: massage\n    applies_to: {{treatments: [massage], conditions: [myalgia]}}\n    course: {{visits: {{max: 6}}}}\n    citation: {{guideline: X}}\n"
        ));
    }
    let dir = dir_with(&[("many.yaml", &text)]);
    let path = dir.path().to_owned();
    let e = within(Duration::from_secs(60), move || load_err(&path));
    let ambiguous = e.problems.iter().filter(|p| p.code == "rules::ambiguous").count();
    assert_eq!(ambiguous, n - 1, "each rule after the first clashes with one before it");
}

#[test]
fn a_parse_error_elsewhere_gives_no_false_unknown_rule() {
    let expects = "    examples:\n      - name: e\n        request: {treatment: massage, visits_requested: 4}\n        expect: within_limit\n        expect_rule: elsewhere\n";
    let dir = dir_with(&[
        ("a.yaml", &format!("rules:\n{}", rule("a", expects))),
        ("b.yaml", "rules:\n  - id: elsewhere\n    title: [unclosed\n"),
    ]);
    let e = load_err(dir.path());
    assert_eq!(codes(&e), ["rules::syntax"], "{:?}", e.problems.iter().map(|p| &p.message).collect::<Vec<_>>());
}

#[test]
fn a_diagnostic_never_prints_a_whole_long_line() {
    let long = format!("    title: {}\n", "x".repeat(200_000));
    let dir = dir_with(&[("r.yaml", &format!("rules:\n  - id: a b\n{long}    family: massage\n"))]);
    let e = load_err(dir.path());
    let out: String = e.problems.iter().map(|p| render_plain(p)).collect();
    let widest = out.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(widest < 300, "{widest} characters on one line");
}

#[test]
fn check_and_audit_refuse_a_rule_directory_with_problems() {
    let dir = dir_with(&[("rules.yaml", "rules: []\n")]);
    let d = dir.path().to_str().expect("utf-8");
    for args in [["check", super::SEEDS[0], "--rules", d], ["audit", super::SEEDS[0], "--rules", d]] {
        let o = super::run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(super::stdout(&o).is_empty(), "{args:?}: nothing audited");
        assert!(super::stderr(&o).contains("rules::empty-list"), "{}", super::stderr(&o));
    }
}
