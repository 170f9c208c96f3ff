use imrcheck::diagnostics::{render_plain, Named};

#[test]
fn the_embedded_rules_and_vocabulary_load_cleanly() {
    let loaded = imrcheck::rules::load_embedded().expect("valid");
    assert!(loaded.warnings.is_empty());
    assert!(loaded.rules.rules.len() >= 20);
    assert!(!imrcheck::rules::embedded_vocabulary().treatments.is_empty());
    assert!(loaded.rules.rules.iter().all(|r| !r.examples.is_empty()), "every shipped rule carries examples");
}

#[test]
fn a_rules_directory_equal_to_rules_loads_the_same() {
    let from_dir = imrcheck::rules::load_dir(&super::path("rules")).expect("valid").rules;
    assert_eq!(from_dir.rules.len(), super::rules().rules.len());
}

#[test]
fn all_problems_are_reported_in_one_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("two.yaml"),
        "rules:\n  - id: a\n    title: A\n    family: massage\n    applies_to: {treatments: [massage]}\n    course: {visits: {min: 7, max: 6}}\n  - id: b\n    title: B\n    family: massage\n    applies_to: {treatments: [massage], conditions: [myalgai]}\n    course: {visits: {max: 6}}\n    citation: {guideline: X}\n",
    )
    .expect("write");
    let err = imrcheck::rules::load_dir(dir.path()).expect_err("invalid");
    let codes: Vec<&str> = err.problems.iter().map(|p| p.code).collect();
    assert!(codes.contains(&"rules::range"), "{codes:?}");
    assert!(codes.contains(&"rules::missing-citation"), "{codes:?}");
    assert!(codes.contains(&"rules::unknown-name"), "{codes:?}");
    let unknown = err.problems.iter().find(|p| p.code == "rules::unknown-name").expect("present");
    assert_eq!(unknown.location().rsplit_once("two.yaml:").map(|x| x.1), Some("10:54"));
    assert!(render_plain(&Named::new(unknown)).contains("did you mean `myalgia`"));
}
