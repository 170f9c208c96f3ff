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
    for dir in ["raised-limit", "versioned", "custom-vocabulary", "category-rule"] {
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

/// Issue 12: the editions' boundaries are the same in every rule, each CPMTG-derived rule has the
/// three editions with no gap, and a carried-over figure names where it comes from.
#[test]
fn every_family_has_its_editions_with_the_same_boundaries() {
    use imrcheck::domain::Date;
    use imrcheck::rules::model::Status;
    let rules = super::rules();
    let d = |s: &str| Date::parse_iso(s).expect("a date");
    let editions = [
        ("cpmtg-2009", d("2009-07-18"), Some(d("2016-07-28"))),
        ("cpmtg-2016", d("2016-07-29"), Some(d("2017-11-30"))),
        ("mtus-2017", d("2017-12-01"), None),
        ("amtg-2007", d("2007-06-15"), Some(d("2009-07-17"))),
        ("amtg-2009", d("2009-07-18"), Some(d("2017-11-30"))),
        ("amtg-2017", d("2017-12-01"), None),
        ("pstg-2009", d("2009-07-18"), Some(d("2017-11-30"))),
        ("pstg-2017", d("2017-12-01"), None),
    ];
    for r in &rules.rules {
        let Some(v) = r.version.as_deref() else {
            assert_eq!(
                r.kind,
                imrcheck::rules::model::RuleKind::StatutoryCap,
                "{}: only the statute is unversioned",
                r.id
            );
            continue;
        };
        let (_, from, to) =
            editions.iter().find(|e| e.0 == v).unwrap_or_else(|| panic!("{}: unknown edition", r.label()));
        assert_eq!((r.in_force.from, r.in_force.to), (*from, *to), "{}", r.label());
        if r.source.status == Status::CarriedOver {
            assert!(r.source.from.is_some(), "{}", r.label());
        }
        // No page of the 2009 PDF on a later edition.
        if !v.ends_with("2009") && !v.ends_with("2007") {
            assert!(r.citation.pages.is_none(), "{} cites pages", r.label());
        }
    }
    for id in [
        "pm-myalgia",
        "pm-radiculitis",
        "pm-crps",
        "work-conditioning",
        "manipulation",
        "manipulation-flare-up",
        "massage",
        "behavioral-therapy",
        "functional-restoration",
        "tens-trial",
    ] {
        let mut versions: Vec<&str> =
            rules.rules.iter().filter(|r| r.id == id).filter_map(|r| r.version.as_deref()).collect();
        versions.sort_unstable();
        assert_eq!(versions, ["cpmtg-2009", "cpmtg-2016", "mtus-2017"], "{id}");
    }
    // Every postsurgical row has both versions of 9792.24.3.
    let rows: Vec<&str> = rules
        .rules
        .iter()
        .filter(|r| {
            r.kind == imrcheck::rules::model::RuleKind::Postsurgical && r.version.as_deref() == Some("pstg-2009")
        })
        .map(|r| r.id.as_str())
        .collect();
    assert!(rows.len() >= 20, "{rows:?}");
    for id in rows {
        assert!(rules.rules.iter().any(|r| r.id == id && r.version.as_deref() == Some("pstg-2017")), "{id}");
    }
}

#[test]
fn the_editions_table_shows_every_rule_at_every_boundary() {
    let table = imrcheck::rules::editions_table(&super::rules());
    let header = table.lines().nth(1).expect("a header");
    for d in ["2009-07-18", "2016-07-29", "2017-12-01"] {
        assert!(header.contains(d), "{header}");
    }
    let myalgia = table.lines().find(|l| l.starts_with("pm-myalgia ")).expect("a row");
    assert!(
        myalgia.contains("cpmtg-2009 L") && myalgia.contains("cpmtg-2016 O") && myalgia.contains("mtus-2017 O"),
        "{myalgia}"
    );
    let massage = table.lines().find(|l| l.starts_with("massage ")).expect("a row");
    assert!(massage.contains("mtus-2017 no figure"), "{massage}");
}

/// Issue 13: an auditor raises the myalgia figure in the 2009 version alone. The two versions
/// that carry it over are errors, and a warning at the 2009 version says what the others keep.
#[test]
fn a_figure_changed_in_one_version_only_is_pointed_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    for f in ["physical-medicine.yaml", "vocabulary.yaml"] {
        std::fs::copy(super::path(&format!("rules/{f}")), dir.path().join(f)).expect("copy");
    }
    let file = dir.path().join("physical-medicine.yaml");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, text.replacen("visits: {min: 9, max: 10}", "visits: {min: 9, max: 12}", 1)).expect("write");
    let err = imrcheck::rules::load_dir(dir.path()).expect_err("carried-over figures now differ");
    let carried: Vec<String> =
        err.problems.iter().filter(|p| p.code == "rules::carried-over").map(|p| p.message.clone()).collect();
    assert_eq!(carried.len(), 2, "{carried:?}");
    assert!(
        carried.iter().all(|m| m.contains("course.visits.max is 10 here, 12 in `pm-myalgia@cpmtg-2009`")),
        "{carried:?}"
    );
    let warning = err.problems.iter().find(|p| p.code == "rules::version-figure").expect("a warning");
    assert!(!warning.is_error());
    assert_eq!(
        warning.message,
        "rule `pm-myalgia@cpmtg-2009` has course.visits.max 12, but the other versions of `pm-myalgia` (cpmtg-2016, mtus-2017) keep 10"
    );
}
