use imrcheck::diagnostics::render_plain;

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
    assert!(render_plain(unknown).contains("did you mean `myalgia`"));
}

fn expectation(text: &str) -> (String, String) {
    let first = text.lines().next().unwrap_or("");
    let rest =
        first.strip_prefix("# expect: ").expect("every invalid fixture starts with `# expect: CODE at LINE:COL`");
    let (code, at) = rest.split_once(" at ").expect("CODE at LINE:COL");
    (code.trim().to_owned(), at.trim().to_owned())
}

#[test]
fn every_broken_rule_file_points_at_its_mistake() {
    let mut files: Vec<_> = std::fs::read_dir(super::path("fixtures/rules/invalid"))
        .expect("fixtures/rules/invalid")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "{} invalid fixtures", files.len());
    for f in files {
        let text = std::fs::read_to_string(&f).expect("read");
        let (code, at) = expectation(&text);
        let name = format!("fixtures/rules/invalid/{}", f.file_name().and_then(|n| n.to_str()).unwrap_or(""));
        let source = imrcheck::diagnostics::RuleSource { name: name.clone().into(), text: text.into() };
        let err = imrcheck::rules::load_sources(vec![source], "test".into()).expect_err(&name);
        let first = err.problems.iter().find(|p| p.is_error()).expect("an error");
        assert_eq!(first.code, code, "{name}");
        assert_eq!(first.location(), format!("{name}:{at}"), "{name}");
        let rendered: String = err.problems.iter().map(|p| render_plain(p)).collect::<Vec<_>>().join("\n");
        let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or("x").to_owned();
        insta::assert_snapshot!(format!("invalid_{stem}"), rendered);
    }
}

#[test]
fn valid_rule_directories_load_and_pass_their_examples() {
    for dir in ["raised-limit", "versioned", "custom-vocabulary"] {
        let loaded = imrcheck::rules::load_dir(&super::path(&format!("fixtures/rules/valid/{dir}")))
            .unwrap_or_else(|e| panic!("{dir}: {e}"));
        let outcomes = imrcheck::rules::examples::run(&loaded.rules);
        assert!(!outcomes.is_empty(), "{dir} has examples");
        assert!(
            outcomes.iter().all(|o| o.passed()),
            "{dir}: {:?}",
            outcomes.iter().filter(|o| !o.passed()).map(|o| &o.name).collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_editor_schemas_are_up_to_date() {
    // Regenerate with: cargo run -- rules schema > docs/rules.schema.json
    //                  cargo run -- rules schema --vocabulary > docs/vocabulary.schema.json
    for (file, schema) in [
        ("docs/rules.schema.json", imrcheck::rules::rule_schema()),
        ("docs/vocabulary.schema.json", imrcheck::rules::vocabulary_schema()),
    ] {
        let on_disk = std::fs::read_to_string(super::path(file)).expect("schema file exists");
        assert_eq!(on_disk.trim(), schema.trim(), "{file} is stale: regenerate it (see this test's comment)");
    }
}

#[test]
fn every_shipped_rule_file_declares_the_schema() {
    for (name, text) in imrcheck::rules::EMBEDDED {
        let first = text.lines().next().unwrap_or("");
        assert!(first.starts_with("# yaml-language-server: $schema=../docs/"), "{name}: {first}");
    }
}
