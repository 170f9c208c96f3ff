use super::{run, stderr, stdout, SEEDS};
use serde_json::Value;

const ITEM_FIELDS: &[&str] = &[
    "request",
    "modality",
    "family",
    "body_regions",
    "visits_requested",
    "prior_visits",
    "prior_treatment",
    "functional_improvement_documented",
    "postsurgical",
    "decision",
    "rule",
    "verdict",
    "agreement",
    "explanation",
];

#[test]
fn json_follows_the_contract_on_every_seed() {
    for seed in SEEDS {
        let o = run(&["check", "--format", "json", seed]);
        assert_eq!(o.status.code(), Some(0), "{seed}: {}", stderr(&o));
        let v: Value = serde_json::from_str(stdout(&o).trim()).expect("one JSON object");
        assert_eq!(v["letter"], Value::String((*seed).to_owned()));
        assert_eq!(v["format"], "2014");
        assert!(v["errors"].as_array().is_some_and(Vec::is_empty));
        let items = v["items"].as_array().expect("items");
        assert!(!items.is_empty());
        for item in items {
            for f in ITEM_FIELDS {
                assert!(item.get(*f).is_some(), "{seed}: item lacks {f}");
            }
            for step in item["explanation"].as_array().expect("steps") {
                assert!(step["text"].is_string() && step["spans"].is_array() && step["rules"].is_array());
            }
        }
    }
}

#[test]
fn several_letters_give_one_json_object_per_line() {
    let o = run(&["check", "--format", "json", SEEDS[0], SEEDS[1]]);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    for l in lines {
        let v: Value = serde_json::from_str(l).expect("JSON line");
        assert!(v["items"].is_array());
    }
}

#[test]
fn every_number_in_an_explanation_has_a_span_or_a_rule() {
    // "Explanations never lie": a step that states a number rests on letter text or a rule.
    for seed in SEEDS {
        let v: Value = serde_json::from_str(stdout(&run(&["check", "--format", "json", seed])).trim()).expect("json");
        for item in v["items"].as_array().expect("items") {
            for step in item["explanation"].as_array().expect("steps") {
                let text = step["text"].as_str().unwrap_or("");
                let has_number = text.split(|c: char| !c.is_ascii_digit()).any(|w| !w.is_empty() && w.len() < 4);
                let grounded = !step["spans"].as_array().expect("spans").is_empty()
                    || !step["rules"].as_array().expect("rules").is_empty();
                let dated = text.starts_with("Rules in force") || text.starts_with("The letter gives no date");
                assert!(!has_number || grounded || dated, "{seed}: ungrounded step: {text}");
            }
        }
    }
}

#[test]
fn bad_inputs_give_clear_errors_and_exit_2() {
    let cases = [
        ("fixtures/bad/empty.txt", "the file is empty"),
        ("fixtures/bad/binary.txt", "binary"),
        ("fixtures/bad/no_items.txt", "no disputed items"),
        ("fixtures/bad/not_a_letter.txt", "not an IMR decision letter"),
        ("fixtures/bad/does-not-exist.txt", "cannot read the file"),
    ];
    for (file, reason) in cases {
        let o = run(&["check", "--color", "never", file]);
        assert_eq!(o.status.code(), Some(2), "{file}");
        assert!(stdout(&o).contains(reason), "{file}: {}", stdout(&o));
        let o = run(&["check", "--format", "json", file]);
        let v: Value = serde_json::from_str(stdout(&o).trim()).expect("json even for errors");
        assert!(v["errors"][0].as_str().is_some_and(|e| e.contains(reason)), "{file}");
    }
}

#[test]
fn a_bad_letter_does_not_stop_the_others() {
    let o = run(&["check", "--format", "json", "fixtures/bad/empty.txt", SEEDS[3]]);
    assert_eq!(o.status.code(), Some(2));
    let lines: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).expect("json")).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["items"][0]["verdict"], "exceeds_limit");
}

#[test]
fn rules_list_shows_versions_and_citations() {
    let o = run(&["rules", "list"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("pm-myalgia@cpmtg-2009") && out.contains("pp. 98-99"), "{out}");
}

#[test]
fn shipped_rule_examples_pass() {
    let o = run(&["rules", "test"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains(" 0 failed"));
}

#[test]
fn a_user_rules_directory_replaces_the_defaults() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = std::fs::read_to_string(super::path("rules/physical-medicine.yaml")).expect("read");
    // An auditor raises the physical medicine limit from 10 to 12.
    std::fs::write(dir.path().join("physical-medicine.yaml"), src.replace("visits: {min: 9, max: 10}", "visits: {min: 9, max: 12}").replace("visits_requested: 11, prior_treatment: \"no\", conditions: [myalgia], date: 2015-03-01}\n        expect: exceeds_limit", "visits_requested: 13, prior_treatment: \"no\", conditions: [myalgia], date: 2015-03-01}\n        expect: exceeds_limit")).expect("write");
    let d = dir.path().to_str().expect("utf-8 path");
    let o = run(&["check", "--format", "json", "--rules", d, SEEDS[0]]);
    let v: Value = serde_json::from_str(stdout(&o).trim()).expect("json");
    // Seed 000 names radiculopathy, so pm-radiculitis (still 10) decides: 12 > 10.
    assert_eq!(v["items"][0]["verdict"], "exceeds_limit");
    let with_myalgia = "HOW THE IMR FINAL DETERMINATION WAS MADE\nCLINICAL CASE SUMMARY\nThe patient has myalgia and no prior physical therapy. The utilization review dated 3/1/2015 denied it.\nIMR ISSUES, DECISIONS AND RATIONALES\nPhysical therapy 2x6 for the neck: Upheld\n";
    let letter = dir.path().join("letter.txt");
    std::fs::write(&letter, with_myalgia).expect("write");
    let l = letter.to_str().expect("utf-8");
    let default = serde_json::from_str::<Value>(stdout(&run(&["check", "--format", "json", l])).trim()).expect("json");
    let raised = serde_json::from_str::<Value>(stdout(&run(&["check", "--format", "json", "--rules", d, l])).trim())
        .expect("json");
    assert_eq!(default["items"][0]["verdict"], "exceeds_limit");
    assert_eq!(raised["items"][0]["verdict"], "within_limit");
}

#[test]
fn eval_prints_field_accuracy() {
    let o = run(&["eval", "fixtures/letters"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    for f in [
        "modality",
        "visits_requested",
        "prior_visits",
        "functional_improvement_documented",
        "decision",
        "verdict",
        "agreement",
    ] {
        assert!(out.lines().any(|l| l.starts_with(f) && l.ends_with('%')), "{f} missing in\n{out}");
    }
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["check"]).status.code(), Some(2));
    assert_eq!(run(&["check", "--as-of", "2015-13-01", SEEDS[0]]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
}
