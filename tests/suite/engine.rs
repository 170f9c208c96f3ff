use super::rules;
use imrcheck::domain::{Date, Verdict};
use imrcheck::{check_bytes, Options};

fn letter(date_line: &str, item: &str, summary: &str) -> String {
    format!(
        "HOW THE IMR FINAL DETERMINATION WAS MADE\n{date_line}\nCLINICAL CASE SUMMARY\n{summary}\nIMR ISSUES, DECISIONS AND RATIONALES\n{item}: Upheld\nDecision rationale: see above.\n"
    )
}

#[test]
fn letters_dated_2015_and_2018_use_different_rule_versions() {
    let rules = rules();
    let summary = "The patient has myalgia. She has had no prior physical therapy.";
    let a = check_bytes(
        "a",
        letter("UR Denial Date: 03/02/2015", "Physical therapy 2x6 for the neck", summary).as_bytes(),
        &rules,
        &Options::default(),
    );
    let b = check_bytes(
        "b",
        letter("UR Denial Date: 03/02/2018", "Physical therapy 2x6 for the neck", summary).as_bytes(),
        &rules,
        &Options::default(),
    );
    assert_eq!(a.items[0].rule_version.as_deref(), Some("cpmtg-2009"));
    assert_eq!(b.items[0].rule_version.as_deref(), Some("mtus-2017"));
    // The explanation says which version and why.
    assert!(a.items[0].explanation.iter().any(|s| s.text.contains("pm-myalgia@cpmtg-2009")));
    assert!(b.items[0].explanation.iter().any(|s| s.text.contains("2018-03-02")));
}

#[test]
fn a_letter_without_dates_uses_as_of_then_the_newest_version() {
    let rules = rules();
    let text = letter("", "Acupuncture x6 for the neck", "The patient has not had acupuncture.");
    let none = check_bytes("n", text.as_bytes(), &rules, &Options::default());
    assert_eq!(none.items[0].rule_version.as_deref(), Some("amtg-2017"));
    assert!(none.items[0].explanation[0].text.contains("newest version"));
    let as_of =
        check_bytes("n", text.as_bytes(), &rules, &Options { as_of: Date::new(2014, 1, 1), ..Default::default() });
    assert_eq!(as_of.items[0].rule_version.as_deref(), Some("amtg-2007"));
}

#[test]
fn the_statutory_cap_decides_when_a_guideline_allows_more_than_24() {
    // Raise the CRPS course to 30 in a user rule set: the guideline then allows 28 visits, but
    // Labor Code 4604.5 caps physical therapy at 24 per injury.
    let dir = tempfile::tempdir().expect("tempdir");
    for f in ["physical-medicine.yaml", "labor-code.yaml"] {
        let src = std::fs::read_to_string(super::path(&format!("rules/{f}"))).expect("read");
        let src = src
            .replace("visits: {max: 24}", "visits: {max: 30}")
            .replace("25 exceeds", "31 exceeds")
            .replace("visits_requested: 25,", "visits_requested: 31,");
        std::fs::write(dir.path().join(f), src).expect("write");
    }
    let rules = imrcheck::rules::load_dir(dir.path()).expect("valid").rules;
    let text = letter(
        "UR Denial Date: 03/02/2015",
        "Physical therapy 2x4 for the right hand",
        "The patient sustained an industrial injury on 01/05/2012 and has CRPS. She has completed 20 sessions of physical therapy.",
    );
    let r = check_bytes("cap", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].verdict, Verdict::ExceedsLimit);
    assert_eq!(r.items[0].rule.as_deref(), Some("lc-4604.5-cap"));
    // Before 2004 the cap does not apply.
    let old = text.replace("01/05/2012", "01/05/2003");
    let r = check_bytes("cap", old.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].verdict, Verdict::WithinLimit);
}

#[test]
fn several_matching_rules_follow_the_priority_policy_and_say_so() {
    let rules = rules();
    let text = letter(
        "UR Denial Date: 03/02/2015",
        "Physical therapy x10 for the low back",
        "Diagnoses: lumbar radiculopathy and myofascial pain. No prior physical therapy.",
    );
    let r = check_bytes("p", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].rule.as_deref(), Some("pm-radiculitis"));
    assert!(r.items[0].explanation.iter().any(|s| s.text.contains("also matched: pm-myalgia")));
}

#[test]
fn postsurgical_rules_apply_only_within_the_period() {
    let rules = rules();
    let within = letter(
        "UR Denial Date: 09/01/2013",
        "Post-operative physical therapy x12 for the right shoulder",
        "He underwent arthroscopic rotator cuff repair on 08/06/2013. No therapy since.",
    );
    let r = check_bytes("w", within.as_bytes(), &rules, &Options::default());
    assert!(r.items[0].postsurgical);
    assert_eq!(r.items[0].rule.as_deref(), Some("postsurgical-rotator-cuff-arthroscopic"));
    assert_eq!(r.items[0].verdict, Verdict::WithinLimit);
    let after = within.replace("09/01/2013", "09/01/2014");
    let r = check_bytes("a", after.as_bytes(), &rules, &Options::default());
    assert!(!r.items[0].postsurgical);
    assert_eq!(r.items[0].verdict, Verdict::ExceedsLimit);
}

#[test]
fn a_flare_up_gets_its_own_allowance_and_a_negated_one_does_not() {
    let rules = rules();
    let flare = letter(
        "UR Denial Date: 03/02/2015",
        "Chiropractic manipulation x2 for the low back",
        "She completed 12 chiropractic visits in 2014 and returned to work. She now has an acute flare-up of low back pain.",
    );
    let r = check_bytes("f", flare.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].rule.as_deref(), Some("manipulation-flare-up"));
    assert_eq!(r.items[0].verdict, Verdict::WithinLimit, "the earlier 12 visits were another episode");
    let none =
        flare.replace("She now has an acute flare-up of low back pain.", "There is no report of an acute flare-up.");
    let r = check_bytes("n", none.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].rule.as_deref(), Some("manipulation"), "a negated flare-up keys nothing");
}
