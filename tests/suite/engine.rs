use super::rules;
use imrcheck::domain::{Date, Tri, Verdict};
use imrcheck::{check_bytes, Options};

fn letter(date_line: &str, item: &str, summary: &str) -> String {
    decided_letter(date_line, summary, item, "Upheld", "see above.")
}

/// A 2014 letter of one item, with its decision and its own rationale.
fn decided_letter(date_line: &str, summary: &str, item: &str, decision: &str, rationale: &str) -> String {
    format!(
        "HOW THE IMR FINAL DETERMINATION WAS MADE\n{date_line}\nCLINICAL CASE SUMMARY\n{summary}\nIMR ISSUES, DECISIONS AND RATIONALES\n{item}: {decision}\nDecision rationale: {rationale}\n"
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
    assert_eq!(as_of.items[0].rule_version.as_deref(), Some("amtg-2009"));
}

#[test]
fn the_statutory_cap_decides_when_a_guideline_allows_more_than_24() {
    // Raise the CRPS course to 30 in a user rule set: the guideline then allows 28 visits, but
    // Labor Code 4604.5 caps physical therapy at 24 per injury.
    let dir = tempfile::tempdir().expect("tempdir");
    for f in ["physical-medicine.yaml", "labor-code.yaml", "postsurgical.yaml"] {
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
    // Care advised for flares to come names no flare now.
    let advised = flare.replace(
        "She now has an acute flare-up of low back pain.",
        "The agreed medical evaluator advised occasional chiropractic care for flare-ups.",
    );
    let r = check_bytes("a", advised.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].rule.as_deref(), Some("manipulation"), "care for flares to come keys nothing");
    // A flare with no earlier course of the family is no recurrence of it: the trial rule
    // applies, and the explanation says why the flare-up rule does not.
    let first = flare.replace(
        "She completed 12 chiropractic visits in 2014 and returned to work.",
        "She has never had chiropractic care.",
    );
    let r = check_bytes("p", first.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].rule.as_deref(), Some("manipulation"), "no earlier course, no recurrence");
    assert!(
        r.items[0].explanation.iter().any(|s| s.text.contains("no earlier chiropractic course")),
        "{:#?}",
        r.items[0].explanation
    );
}

/// Issue 12: a letter dated in each of the three CPMTG-era editions picks the version in force,
/// says which and why, and carries the standing of its figure.
#[test]
fn letters_dated_2015_2016_08_and_2018_pick_the_edition_in_force_and_say_so() {
    let rules = rules();
    let summary = "The patient has myalgia. She has had no prior physical therapy.";
    let check = |date: &str| {
        let text = letter(&format!("UR Denial Date: {date}"), "Physical therapy 2x6 for the neck", summary);
        check_bytes("e", text.as_bytes(), &rules, &Options::default()).items.remove(0)
    };
    for (date, iso, version, in_force, status, from) in [
        ("03/02/2015", "2015-03-02", "cpmtg-2009", "in force 2009-07-18 to 2016-07-28", "corroborated", None),
        (
            "08/15/2016",
            "2016-08-15",
            "cpmtg-2016",
            "in force 2016-07-29 to 2017-11-30",
            "carried_over",
            Some("cpmtg-2009"),
        ),
        ("03/02/2018", "2018-03-02", "mtus-2017", "in force from 2017-12-01", "carried_over", Some("cpmtg-2009")),
    ] {
        let item = check(date);
        assert_eq!(item.rule_version.as_deref(), Some(version), "{date}");
        assert_eq!(item.verdict, Verdict::ExceedsLimit, "{date}: 12 > 10 in every edition");
        let steps: Vec<&str> = item.explanation.iter().map(|s| s.text.as_str()).collect();
        assert!(steps[0].contains(&format!("Rules in force on {iso} (the utilization review date)")), "{steps:?}");
        let rule_step = format!("Rule pm-myalgia@{version} ({in_force})");
        assert!(steps.iter().any(|s| s.starts_with(&rule_step)), "{date}: {steps:?}");
        assert_eq!(item.source_status.map(|s| s.as_str()), Some(status), "{date}");
        assert_eq!(item.source_from.as_deref(), from, "{date}");
        if from.is_some() {
            assert!(steps.iter().any(|s| s.contains("carried over unchanged from pm-myalgia@cpmtg-2009")), "{steps:?}");
        }
    }
    // 2016 cites no 2009 page numbers; 2017 cites what the MTUS then incorporated.
    assert!(!check("08/15/2016").rule_citation.unwrap_or_default().contains("98"));
    assert!(check("03/02/2018").rule_citation.unwrap_or_default().contains("ACOEM"));
}

#[test]
fn a_family_without_a_figure_in_the_acoem_era_gives_no_rule_with_the_reason() {
    let rules = rules();
    let text = letter(
        "UR Denial Date: 03/02/2018",
        "Chiropractic manipulation x6 for the low back",
        "She has had no prior chiropractic care.",
    );
    let item = check_bytes("m", text.as_bytes(), &rules, &Options::default()).items.remove(0);
    assert_eq!(item.verdict, Verdict::NoRule);
    assert_eq!(item.rule.as_deref(), Some("manipulation"));
    assert_eq!(item.rule_version.as_deref(), Some("mtus-2017"));
    assert!(item.explanation.iter().any(|s| s.text.contains("states no visit figure") && s.text.contains("ACOEM")));
    // CRPS in 2018 does not fall to the myalgia default's figure.
    let crps = letter(
        "UR Denial Date: 03/02/2018",
        "Physical therapy x12 for the right hand",
        "Diagnosis: CRPS of the right hand.",
    );
    let item = check_bytes("c", crps.as_bytes(), &rules, &Options::default()).items.remove(0);
    assert_eq!((item.rule.as_deref(), item.verdict), (Some("pm-crps"), Verdict::NoRule));
}

#[test]
fn near_an_edition_boundary_the_explanation_says_the_date_keys_differ() {
    let rules = rules();
    let text = letter("UR Denial Date: 08/02/2016", "Physical therapy x8 for the neck", "No prior physical therapy.");
    let item = check_bytes("b", text.as_bytes(), &rules, &Options::default()).items.remove(0);
    assert_eq!(item.rule_version.as_deref(), Some("cpmtg-2016"));
    assert!(item.explanation.iter().any(|s| s.text.contains("within 30 days of the change to pm-myalgia@cpmtg-2016")));
    let far = letter("UR Denial Date: 03/02/2017", "Physical therapy x8 for the neck", "No prior physical therapy.");
    let item = check_bytes("f", far.as_bytes(), &rules, &Options::default()).items.remove(0);
    assert!(!item.explanation.iter().any(|s| s.text.contains("within 30 days")));
}

#[test]
fn manipulation_of_the_neck_borrows_the_low_back_figure_and_says_so() {
    let rules = rules();
    let text = letter(
        "UR Denial Date: 03/02/2015",
        "Chiropractic manipulation x6 for the cervical spine",
        "She has had no prior chiropractic care.",
    );
    let item = check_bytes("n", text.as_bytes(), &rules, &Options::default()).items.remove(0);
    assert_eq!(item.verdict, Verdict::WithinLimit);
    assert!(item
        .explanation
        .iter()
        .any(|s| s.text.contains("for the lumbar spine only; for the cervical spine it is borrowed")));
}

#[test]
fn postsurgical_therapy_past_the_general_course_needs_documentation_not_exceeds() {
    let rules = rules();
    let text = letter(
        "UR Denial Date: 09/01/2013",
        "Post-operative physical therapy x12 for the right shoulder",
        "He underwent arthroscopic rotator cuff repair on 06/06/2013. He has completed 20 sessions of post-operative physical therapy.",
    );
    let item = check_bytes("p", text.as_bytes(), &rules, &Options::default()).items.remove(0);
    assert!(item.postsurgical);
    assert_eq!(item.rule.as_deref(), Some("postsurgical-rotator-cuff-arthroscopic"));
    assert_eq!(item.verdict, Verdict::NeedsDocumentation, "{:#?}", item.explanation);
    assert!(item.explanation.iter().any(|s| s.text.contains(
        "Past the general course, therapy may continue to the end of the postsurgical period (to 2013-12-06)"
    )));
    // A complete (full-thickness) tear's repair has its own row: 40 visits.
    let complete = text.replace("arthroscopic rotator cuff repair", "full-thickness rotator cuff repair");
    let item = check_bytes("c", complete.as_bytes(), &rules, &Options::default()).items.remove(0);
    assert_eq!(item.rule.as_deref(), Some("postsurgical-rotator-cuff-complete-rupture"));
    assert_eq!(item.verdict, Verdict::NeedsDocumentation, "20 + 12 = 32 > 20, the initial course of 40");
}

/// The embedded rules with the CRPS course raised to 30, so that the statutory cap can decide.
fn raised_crps() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for f in ["physical-medicine.yaml", "labor-code.yaml", "postsurgical.yaml"] {
        let src = std::fs::read_to_string(super::path(&format!("rules/{f}"))).expect("read");
        std::fs::write(dir.path().join(f), src.replace("visits: {max: 24}", "visits: {max: 30}")).expect("write");
    }
    dir
}

#[test]
fn the_cap_yields_to_an_employers_written_authorization() {
    let dir = raised_crps();
    let rules = imrcheck::rules::load_dir(dir.path()).expect("valid").rules;
    let base = letter(
        "UR Denial Date: 03/02/2015",
        "Physical therapy 2x4 for the right hand",
        "The patient sustained an industrial injury on 01/05/2012 and has CRPS. She has completed 20 sessions of physical therapy.",
    );
    let r = check_bytes("cap", base.as_bytes(), &rules, &Options::default());
    assert_eq!((r.items[0].verdict, r.items[0].rule.as_deref()), (Verdict::ExceedsLimit, Some("lc-4604.5-cap")));
    assert_eq!(r.items[0].source_status.map(|s| s.as_str()), Some("confirmed"));
    let authorized = base.replace(
        "She has completed",
        "The employer authorized, in writing, additional physical therapy visits. She has completed",
    );
    let r = check_bytes("auth", authorized.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].verdict, Verdict::WithinLimit);
    assert!(r.items[0].explanation.iter().any(|s| s.text.contains("4604.5(c)(2)(A)")));
    // A quotation of the statute is not an authorization.
    let quoted = base.replace(
        "She has completed",
        "Paragraph (1) shall not apply when an employer authorizes, in writing, additional visits. She has completed",
    );
    let r = check_bytes("q", quoted.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].verdict, Verdict::ExceedsLimit);
    // Without a date of injury the cap is applied, and the explanation says on what assumption.
    let undated = base.replace("sustained an industrial injury on 01/05/2012 and ", "");
    let r = check_bytes("u", undated.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].rule.as_deref(), Some("lc-4604.5-cap"));
    assert!(r.items[0].explanation.iter().any(|s| s.text.contains("no date of injury")));
    // The statute caps each kind of visit: a prior count that adds PT and OT together cannot be
    // held against the cap (12 OT + 14 PT + 4 = 30 is within the raised course of 30).
    let mixed = letter(
        "UR Denial Date: 03/02/2015",
        "Physical therapy x4 for the right hand",
        "The patient has CRPS. She has completed 12 occupational therapy visits and 14 physical therapy visits.",
    );
    let r = check_bytes("mixed", mixed.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].verdict, Verdict::WithinLimit, "{:#?}", r.items[0].explanation);
    assert!(r.items[0].explanation.iter().any(|s| s.text.contains("caps each kind")));
}

#[test]
fn a_surgery_the_table_does_not_list_has_a_presumed_period_and_no_figure() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in imrcheck::rules::EMBEDDED {
        if !imrcheck::rules::is_vocabulary(name) {
            std::fs::write(dir.path().join(name), text).expect("write");
        }
    }
    std::fs::write(
        dir.path().join("vocabulary.yaml"),
        "surgeries:\n  elbow_cubital_tunnel_release: [cubital tunnel release]\n",
    )
    .expect("write");
    let rules = imrcheck::rules::load_dir(dir.path()).expect("valid").rules;
    let text = letter(
        "UR Denial Date: 09/01/2013",
        "Post-operative occupational therapy x12 for the right elbow",
        "He underwent cubital tunnel release on 08/06/2013. No therapy since.",
    );
    let item = check_bytes("u", text.as_bytes(), &rules, &Options::default()).items.remove(0);
    assert!(item.postsurgical);
    assert_eq!((item.rule.as_deref(), item.verdict), (Some("postsurgical-unlisted"), Verdict::NoRule));
    assert!(item
        .explanation
        .iter()
        .any(|s| s.text.contains("presumed postsurgical physical medicine period of six months")));
    // After the presumed six months the chronic pain rules apply again.
    let later = text.replace("09/01/2013", "03/01/2014");
    let item = check_bytes("l", later.as_bytes(), &rules, &Options::default()).items.remove(0);
    assert!(!item.postsurgical);
    assert_eq!(item.rule.as_deref(), Some("pm-myalgia"));
}

#[test]
fn a_users_category_rule_judges_items_that_name_no_therapy() {
    let rules = imrcheck::rules::load_dir(&super::path("fixtures/rules/valid/category-rule")).expect("loads").rules;
    let text = "HOW THE IMR FINAL DETERMINATION WAS MADE\nUR Denial Date: 03/02/2015\n\
        CLINICAL CASE SUMMARY\nShe underwent a right knee arthroscopy on 01/20/2015.\n\
        IMR ISSUES, DECISIONS AND RATIONALES\n\
        Cold therapy unit rental x 21 days: Upheld\nDecision rationale: up to 7 days after surgery.\n\
        Polar Care unit for 1 week: Overturned\nDecision rationale: within the postoperative week.\n\
        Front-wheeled walker: Upheld\nDecision rationale: not needed.\n\
        Norco 10/325mg #90: Upheld\nDecision rationale: no functional benefit.\n";
    let r = check_bytes("cold", text.as_bytes(), &rules, &Options::default());
    let v: Vec<(Verdict, Option<u32>, Option<&str>)> =
        r.items.iter().map(|i| (i.verdict, i.visits_requested, i.rule.as_deref())).collect();
    assert_eq!(
        v,
        [
            (Verdict::ExceedsLimit, Some(21), Some("cold-therapy-postop")),
            (Verdict::WithinLimit, Some(7), Some("cold-therapy-postop")),
            // Not named by the rule, and not equipment: no rule, and no count read.
            (Verdict::NoRule, None, None),
            (Verdict::NoRule, None, None),
        ]
    );
    let steps: Vec<&str> = r.items[0].explanation.iter().map(|s| s.text.as_str()).collect();
    assert!(steps.iter().any(|s| s.contains("Category: durable medical equipment")), "{steps:#?}");
    assert!(steps.iter().any(|s| s.contains("21 requested > 7")), "{steps:#?}");
    assert_eq!(r.items[0].agreement, imrcheck::domain::Agreement::Agrees);
}

#[test]
fn letters_concatenated_in_one_file_each_read_their_own_case_summary() {
    let rules = rules();
    let review = |summary: &str, item: &str| {
        format!(
            "MEDICAL PROFESSIONAL REVIEW\nIMR Case Number: CM13-0000001\nUR Date: 07/09/2013\n\
             ISSUES AT DISPUTE:\n1. {item}\nCASE SUMMARY:\n{summary}\n\
             RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/IS NOT MEDICALLY NECESSARY:\n\
             1. {item}\nThe guideline allows a short course for myalgia. The request is not medically necessary.\n"
        )
    };
    let first = review("The patient has myalgia of the low back.", "Physical therapy x8 for the low back");
    let second = review(
        "The patient has myalgia and has completed 12 sessions of physical therapy for the low back.",
        "Physical therapy x6 for the low back",
    );
    let r = check_bytes("two", format!("{first}{second}").as_bytes(), &rules, &Options::default());
    let prior: Vec<Option<u32>> = r.items.iter().map(|i| i.prior_visits).collect();
    // The second letter's course is not the first letter's.
    assert_eq!(prior, [None, Some(12)]);
    let alone = check_bytes("one", first.as_bytes(), &rules, &Options::default());
    assert_eq!(alone.items[0].verdict, r.items[0].verdict);
}

#[test]
fn a_decision_restating_the_requests_count_is_not_a_prior_course() {
    let rules = rules();
    let text = letter(
        "UR Denial Date: 03/02/2015",
        "TENS unit, 30-day home trial rental",
        "She has chronic low back pain and has not used a TENS unit before. The 30-day TENS trial is approved.",
    );
    let r = check_bytes("tens", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].visits_requested, Some(30));
    assert_eq!(r.items[0].prior_visits, None);
    assert_eq!(r.items[0].verdict, Verdict::WithinLimit);
}

/// A request in two parts ("6 sessions, then 6 additional sessions if ...") is ruled on whole;
/// the rationale's "a course of twelve treatments", where it says none was had, is the
/// request restated, not a course done. A course of another kind, equal to the request by
/// chance, told outside the rationale, still counts.
#[test]
fn a_request_in_two_parts_is_whole_and_its_restatement_is_no_course() {
    let rules = rules();
    let text = "HOW THE IMR FINAL DETERMINATION WAS MADE\nUR Denial Date: 09/12/2016\nCLINICAL CASE SUMMARY\nHe has neck pain.\n\
        IMR ISSUES, DECISIONS AND RATIONALES\n\
        Acupuncture for the cervical spine, 6 sessions, then 6 additional sessions if functional improvement is shown: Upheld\n\
        Decision rationale: The patient has not had acupuncture, and a trial would be reasonable. However, the request as \
        submitted is a course of twelve treatments authorized in advance. Twelve treatments exceed the 3 to 6 \
        treatments recommended for an initial trial. Therefore, the request is not medically necessary.\n";
    let r = check_bytes("two-parts", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].visits_requested, Some(12));
    assert_eq!(r.items[0].prior_visits, None);
    assert_eq!(r.items[0].verdict, Verdict::ExceedsLimit);
    let text = letter(
        "UR Denial Date: 03/02/2015",
        "Aquatic therapy 2x6 for the lumbar spine",
        "She has myalgia. She completed 12 sessions of land-based physical therapy in 2012.",
    )
    .replace("Decision rationale: see above.", "Decision rationale: She has not previously had any aquatic therapy.");
    let r = check_bytes("by-chance", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(12));
}

#[test]
fn a_title_repeated_as_a_page_header_does_not_split_the_letter() {
    let rules = rules();
    let text = "MEDICAL PROFESSIONAL REVIEW\nIMR Case Number: CM13-0000001\nUR Date: 07/09/2013\n\
        ISSUES AT DISPUTE:\n1. Physical therapy x6 for the low back\n\
        Page 1 of 2\nMEDICAL PROFESSIONAL REVIEW\nIMR Case Number: CM13-0000001\nCASE SUMMARY:\n\
        The patient has myalgia and has completed 12 sessions of physical therapy for the low back.\n\
        RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/IS NOT MEDICALLY NECESSARY:\n\
        1. Physical therapy x6 for the low back\nThe guideline allows 9-10 visits. The request is not medically necessary.\n";
    let r = check_bytes("paged", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(12));
}

#[test]
fn visits_authorized_but_not_yet_attended_are_no_prior_course() {
    let rules = rules();
    for summary in [
        "She has myalgia. Six physical therapy visits were authorized in 10/2013, but she has not yet attended any.",
        "She has myalgia. Six physical therapy visits were authorized in 10/2013; none of them have been attended.",
    ] {
        let text = letter("UR Denial Date: 03/02/2015", "Physical therapy 2x4 for the right elbow", summary);
        let r = check_bytes("none", text.as_bytes(), &rules, &Options::default());
        assert_eq!(r.items[0].prior_visits, Some(0), "{summary}");
        assert_eq!(r.items[0].verdict, Verdict::WithinLimit, "{summary}");
    }
    // Some of them used: that many were done.
    let text = letter(
        "UR Denial Date: 03/02/2015",
        "Physical therapy 2x4 for the right elbow",
        "She has myalgia. Post-operatively she was authorized 12 physical therapy visits and\nhad completed 6 of them at the time of the follow-up.",
    );
    let r = check_bytes("some-of", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(6));
    // "had N visits authorized": an authorization too, whatever the verb.
    let text = letter(
        "UR Denial Date: 03/02/2015",
        "Physical therapy 2x4 for the right elbow",
        "She has myalgia. She had 18 visits of physical therapy authorized and has attended 16 of them.",
    );
    let r = check_bytes("had-authorized", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(16));
    // The attended count told later in the sentence, or bare before a comma: that many.
    for summary in [
        "She has myalgia. Twelve physical therapy sessions were authorized on 05-30-2017; the therapy progress note dated 08-29-2017 indicates that she has attended 11 of them.",
        "She has myalgia. Physical therapy for the elbow, 6 visits, was authorized on 03/12/2013; she attended 4 of them.",
        "She has myalgia. The records show that 6 physical therapy visits were authorized on 03/12/2013 and that she attended 4, during which her grip improved.",
        "She has myalgia. She has had 4 attended of 6 authorized physical therapy visits.",
    ] {
        let text = letter("UR Denial Date: 03/02/2015", "Physical therapy 2x4 for the right elbow", summary);
        let r = check_bytes("attended-later", text.as_bytes(), &rules, &Options::default());
        let want = if summary.contains("11 of them") { 11 } else { 4 };
        assert_eq!(r.items[0].prior_visits, Some(want), "{summary}");
    }
    // "... were authorized, and she has attended 6 of the 8 authorized visits": 6.
    let text = letter(
        "UR Denial Date: 03/02/2015",
        "Physical therapy 2x4 for the right elbow",
        "She has myalgia. 8 visits of physical therapy were authorized, and she has attended 6 of the 8 authorized visits.",
    );
    let r = check_bytes("of-the-n", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(6));
    // Authorized and attended: the count stands.
    let text = letter(
        "UR Denial Date: 03/02/2015",
        "Physical therapy 2x4 for the right elbow",
        "She has myalgia. Six physical therapy visits were authorized in 10/2013 and she attended them all.",
    );
    let r = check_bytes("some", text.as_bytes(), &rules, &Options::default());
    assert_ne!(r.items[0].prior_visits, Some(0));
}

#[test]
fn a_course_for_another_region_with_none_for_this_one_is_not_its_prior() {
    let rules = rules();
    let text = letter(
        "UR Denial Date: 10/02/2015",
        "Physical therapy 2x3 for the right wrist",
        "The diagnoses are cervical strain and cervical radiculitis. She completed 24 sessions of\nphysical therapy for the neck in 2013 and 2014 and reports the exercises \"helped a little.\" She\nhas not had therapy for the wrist or hand.",
    );
    let r = check_bytes("wrist", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, None);
    // In a list of treatments, a course's own words name its region ("6 sessions of
    // acupuncture to the cervical spine"), though the list names the low back for another.
    let text = letter(
        "UR Denial Date: 09/09/2016",
        "Acupuncture x 6 sessions, lumbar spine",
        "She has lumbar sprain. Treatment to date has included medications, physical therapy to the neck and low back, \
         and 6 sessions of acupuncture to the cervical spine in 3-2016. She has not had acupuncture for the low back.",
    );
    let r = check_bytes("list", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, None);
    assert_eq!(r.items[0].prior_treatment, imrcheck::domain::Tri::No);
    assert_eq!(r.items[0].verdict, Verdict::WithinLimit);
    // A course for a list of parts, the item's among them, is the item's.
    let text = letter(
        "UR Denial Date: 09/09/2016",
        "Physical therapy x 6 sessions, lumbar spine",
        "She has lumbar sprain. She has completed 12 sessions of physical therapy for the neck, low back and \
         shoulder, with no change in function.",
    );
    let r = check_bytes("parts", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(12));
}

#[test]
fn evidence_about_another_course_is_not_this_ones() {
    let rules = rules();
    // The clause that holds a gain names its region: it is the low back's, not the thoracic's.
    let text = letter(
        "UR Denial Date: 08/20/2013",
        "Physical therapy for the thoracic spine, 6 visits",
        "He has thoracic sprain. He has completed 6 sessions of physical therapy for the low back, with documented \
         improvement in lumbar flexion; he has not had therapy directed to the thoracic spine.",
    );
    let r = check_bytes("clause", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].functional_improvement_documented, imrcheck::domain::Tri::Unknown);
    // After an operation, the course before it and its lack of benefit are not the
    // postoperative course's.
    let text = letter(
        "UR Denial Date: 05/04/2015",
        "Post-operative physical therapy for the right knee, 6 additional visits",
        "Conservative care included Naproxen and 8 sessions of physical therapy before surgery, without lasting \
         benefit. She underwent a right knee arthroscopic partial medial meniscectomy on 03/10/2015. Since surgery she \
         has completed 6 post-operative physical therapy sessions with clearly documented functional improvement.",
    );
    let r = check_bytes("preop", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].functional_improvement_documented, imrcheck::domain::Tri::Yes);
    assert_eq!(r.items[0].verdict, Verdict::WithinLimit);
    // The same told in the order it happened, "before surgery" unsaid.
    let text = letter(
        "UR Denial Date: 08/20/2013",
        "Post-operative physical therapy 3 x 4 for the right shoulder",
        "Conservative care consisted of naproxen and 8 visits of physical therapy in February and March 2013, without \
         lasting improvement. On 06/04/2013 he underwent right shoulder arthroscopic subacromial decompression. \
         Following surgery he completed 12 postoperative physical therapy visits; forward flexion improved from 90 to \
         150 degrees and he has returned to modified duty.",
    );
    let r = check_bytes("told-in-order", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].functional_improvement_documented, imrcheck::domain::Tri::Yes);
    // A psychological treatment's gains are not undone by an examination of a region of the
    // body that did not change.
    let text = letter(
        "UR Denial Date: 08/11/2016",
        "Cognitive behavioral therapy x 6 sessions",
        "He has attended 4 sessions of cognitive behavioral therapy; the psychologist's report documents a decrease \
         in the Beck Depression Inventory score from 28 to 19 and his return to modified duty. Physical exam notes \
         right shoulder flexion 140 degrees, unchanged from the prior visit.",
    );
    let r = check_bytes("regionless", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].functional_improvement_documented, imrcheck::domain::Tri::Yes);
}

/// A course told by part of the body: the parts the request names add up; a part it does not
/// name, even with its unit left unsaid ("and 8 for the neck"), is not its course.
#[test]
fn a_course_told_by_part_of_the_body() {
    let rules = rules();
    let summary = "Treatment to date has included chiropractic care (per the chiropractor's ledger, 12 visits for the \
         neck and 8 visits for the low back), a home exercise program, and naproxen.";
    let text = letter(
        "UR Denial Date: 03/12/2015",
        "Chiropractic treatment 2 times a week for 4 weeks for the cervical and lumbar spine",
        summary,
    );
    let r = check_bytes("both", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(20));
    let text =
        letter("UR Denial Date: 03/12/2015", "Chiropractic treatment 2 times a week for 4 weeks for the neck", summary);
    let r = check_bytes("neck", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(12));
    let summary = "She has had acupuncture since 01/2013: 12 sessions for the low back and 8 for the neck.";
    let text = letter("UR Denial Date: 10/08/2013", "Acupuncture 2x3 for the cervical spine", summary);
    let r = check_bytes("elliptical", text.as_bytes(), &rules, &Options::default());
    assert_ne!(r.items[0].prior_visits, Some(12));
}

/// After an operation, a total told over the whole history ("in total he has had about 18
/// therapy visits"), where the letter tells a course before the operation, is not the
/// post-operative course: the visits attended since the operation are.
#[test]
fn a_whole_history_total_is_not_the_postoperative_course() {
    let rules = rules();
    let summary = "He had 8 sessions of physical therapy in January and February 2013, before surgery, without \
         lasting benefit. On 08/27/2013 he underwent left knee arthroscopy with partial medial meniscectomy. \
         Post-operative physical therapy was authorized for 12 visits, and the therapy notes document attendance at \
         10 visits. The surgeon notes that in total he has had about 18 therapy visits for the left knee.";
    let text = letter(
        "UR Denial Date: 11/20/2013",
        "Additional physical therapy for the left knee, 2 times per week for 3 weeks",
        summary,
    );
    let r = check_bytes("history", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(10));
    // Without a course told before the operation, the total is the post-operative course's.
    let summary = "On 08/27/2013 he underwent left knee arthroscopy with partial medial meniscectomy. He completed 12 \
         visits of post-operative physical therapy and then 6 more, 18 in all.";
    let text = letter(
        "UR Denial Date: 11/20/2013",
        "Additional physical therapy for the left knee, 2 times per week for 3 weeks",
        summary,
    );
    let r = check_bytes("no-history", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(18));
}

/// A total the request would make is no course done; a course done may be "an initial course";
/// gains told in a clause of their own after another's negation stand; sessions "already
/// certified" where the rationale says none was had are no course.
#[test]
fn projected_totals_initial_courses_and_certified_sessions() {
    let rules = rules();
    let text = "HOW THE IMR FINAL DETERMINATION WAS MADE\nUR Denial Date: 08/22/2016\nCLINICAL CASE SUMMARY\n\
        Treatment to date has included naproxen and 8 sessions of aquatic therapy in May and June 2016.\n\
        IMR ISSUES, DECISIONS AND RATIONALES\nAquatic therapy x 12 sessions for the lumbar spine: Upheld\n\
        Decision rationale: She did not tolerate land-based exercise, and the 8 prior aquatic sessions did produce \
        functional improvement. However, 12 further sessions on top of the 8 completed would be 20 visits.\n";
    let r = check_bytes("total", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(8));
    assert_eq!(r.items[0].functional_improvement_documented, imrcheck::domain::Tri::Yes);
    let text = letter(
        "UR Denial Date: 12/03/2013",
        "Additional acupuncture x 6 for the right wrist",
        "She completed an initial course of 6 acupuncture treatments in October 2013.",
    );
    let r = check_bytes("initial", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(6));
    let text = "HOW THE IMR FINAL DETERMINATION WAS MADE\nUR Denial Date: 08/22/2013\nCLINICAL CASE SUMMARY\n\
        He has low back pain.\nIMR ISSUES, DECISIONS AND RATIONALES\nCognitive behavioral therapy, 6 sessions: Upheld\n\
        Decision rationale: The employee has not started psychotherapy, so this would be the initial trial, and the 4 \
        sessions already certified by utilization review are consistent with it. Six sessions exceed the initial trial.\n";
    let r = check_bytes("certified", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, None);
    assert_eq!(r.items[0].verdict, Verdict::ExceedsLimit);
}

/// In a list of treatments had, a count belongs to the treatment inside it or in its own noun
/// phrase, not to the item of the list just before it ("medications and 12 chiropractic
/// visits", "medications and a 30-day home TENS trial").
#[test]
fn a_count_in_a_treatment_list_is_its_own_treatments() {
    let rules = rules();
    let prior = |item: &str, summary: &str| {
        let text = letter("UR Denial Date: 03/17/2015", item, summary);
        check_bytes("list", text.as_bytes(), &rules, &Options::default()).items[0].prior_visits
    };
    assert_eq!(
        prior(
            "Chiropractic treatment for low back pain, 2 visits",
            "Treatment has included medications and 12 chiropractic visits."
        ),
        Some(12)
    );
    assert_eq!(
        prior(
            "Purchase of TENS unit for home use for the low back",
            "Treatment to date has included medications and a 30-day home TENS trial in December 2014."
        ),
        Some(30)
    );
}

/// A measure told with the other side's word ("right grip strength improved from 18 to 40
/// pounds") is not the left wrist's improvement, though it names no part of the body.
#[test]
fn a_measure_of_the_other_side_is_not_the_items_improvement() {
    let fi = |side: &str| {
        first_item(&decided_letter(
            "UR Denial Date: 10/28/2013",
            &format!(
                "She has bilateral wrist pain and had occupational therapy for both wrists. The therapist's note \
                 documents {side} grip strength improved from 18 to 40 pounds and a return to full duty."
            ),
            "Occupational therapy 2 times a week for 3 weeks for the left wrist",
            "Upheld",
            "The request is not medically necessary.",
        ))
        .functional_improvement_documented
    };
    assert_eq!(fi("right"), imrcheck::domain::Tri::Unknown);
    assert_eq!(fi("left"), imrcheck::domain::Tri::Yes);
}

/// "She has not received acupuncture for the low back" outranks a treatment list that named
/// acupuncture for no part of the body, when the course told is the neck's.
#[test]
fn none_for_the_items_part_outranks_a_list_that_names_no_part() {
    let item = first_item(&decided_letter(
        "UR Denial Date: 02/20/2018",
        "She has neck pain and lumbar sprain. Treatment to date has included medications, 12 sessions of physical \
         therapy in 2016, a home exercise program and acupuncture. She completed 6 sessions of acupuncture for the \
         neck in 2017. She has not received acupuncture for the low back.",
        "Acupuncture 1 x 6 for the lumbar spine",
        "Upheld",
        "The request is not medically necessary.",
    ));
    assert_eq!(item.prior_treatment, imrcheck::domain::Tri::No);
    assert_eq!(item.verdict, imrcheck::domain::Verdict::WithinLimit);
}

/// A span of time in a sentence that names no treatment is no device's trial, though the
/// sentence before it was about an MRI (an item outside therapy, like the device itself).
#[test]
fn a_span_of_time_after_an_mri_is_no_tens_trial() {
    let item = first_item(&decided_letter(
        "UR Denial Date: 03/12/2015",
        "An MRI of the lumbar spine showed a 4 mm protrusion at L5-S1. The progress report notes low back pain \
         radiating to the left calf, worse over the past two months.",
        "TENS unit with 30-day trial",
        "Overturned",
        "A one-month home trial is recommended. The request is medically necessary.",
    ));
    assert_eq!(item.prior_visits, None);
}

/// A treatment named after a semicolon is another clause's: the rationale's "completed a
/// one-month rental ...; there is no documentation of decreased medication use" is the item's
/// trial, not a course of medication.
#[test]
fn a_treatment_past_a_semicolon_does_not_take_the_count() {
    let item = first_item(&decided_letter(
        "UR Denial Date: 09/04/2013",
        "She has chronic low back pain.",
        "TENS unit purchase",
        "Upheld",
        "The patient completed a one-month rental with temporary relief only; there is no log of use and no \
         documentation of decreased medication use during the trial. Purchase is not medically necessary.",
    ));
    assert_eq!(item.prior_visits, Some(30));
}

/// A device's use told in the item's own rationale without its name ("He has used a borrowed
/// unit at home") is its earlier treatment: a purchase on that record needs documentation.
#[test]
fn a_device_used_in_the_rationale_without_its_name_is_its_earlier_use() {
    let rules = rules();
    let text = decided_letter(
        "UR Denial Date: 09/14/2016",
        "He has chronic low back pain.",
        "TENS unit purchase",
        "Upheld",
        "A one-month home-based TENS trial may be considered. He has used a borrowed unit at home on and off, but the records are silent on the result; there is no documentation of functional improvement from its use. The request is not medically necessary.",
    );
    let r = check_bytes("borrowed", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_treatment, imrcheck::domain::Tri::Yes);
    assert_eq!(r.items[0].verdict, Verdict::NeedsDocumentation);
}

/// A count is of the treatment it names with "of" ("a 30 day trial of a TENS unit"), whatever
/// stands closer before it; a postoperative request does not count the course the summary told
/// before the operation; a course in a list of treatments had is one.
#[test]
fn counts_belong_to_what_they_are_of_and_to_their_time() {
    let rules = rules();
    let text = letter(
        "UR Denial Date: 03/10/2015",
        "TENS unit purchase for the lumbar spine",
        "He has lumbar sprain. For the low back, treatment to date has included 16 sessions of physical therapy in \
         2014, chiropractic care and a 30 day trial of a TENS unit in January 2015.",
    );
    let r = check_bytes("tens-of", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(30));
    let text = letter(
        "UR Denial Date: 10/20/2015",
        "Post-operative occupational therapy for the right wrist (8 sessions)",
        "She had a steroid injection and 12 sessions of occupational therapy in 2014. She underwent right open carpal \
         tunnel release on 09/01/2015. She has attended 6 post-operative occupational therapy visits since.",
    );
    let r = check_bytes("told-before", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(6));
    let text = letter(
        "UR Denial Date: 12/10/2013",
        "Acupuncture, 8 additional sessions for the cervical spine",
        "She has cervical sprain. Treatment to date includes 12 physical therapy visits in 2012, a home exercise \
         program, Naproxen, and 6 acupuncture sessions from 09/2013 to 10/2013.",
    );
    let r = check_bytes("list", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(6));
}

/// A postoperative course follows the latest operation in time, not the last one told: a
/// shoulder operation of 2009 "on a prior claim", told after the knee's, does not take the
/// knee's postoperative visits.
#[test]
fn a_postoperative_course_follows_the_latest_operation() {
    let rules = rules();
    let text = letter(
        "UR Denial Date: 11/19/2013",
        "Post-operative physical therapy 3x4 for the right knee",
        "She underwent right knee arthroscopic partial medial meniscectomy on 9/12/2013. She had left shoulder \
         arthroscopy in 2009 on a prior claim. Her post-operative course has been slow; she has completed 12 \
         postoperative physical therapy visits.",
    );
    let r = check_bytes("latest", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(12));
}

/// An operation named as proposed or refused was not done: the request is not postsurgical.
#[test]
fn an_operation_not_done_makes_no_request_postsurgical() {
    let rules = rules();
    for summary in [
        "She has L5 radiculitis. A spine surgeon saw her on 05/02/2013 and stated that she is not a candidate for an L4-5 microdiscectomy until she loses weight.",
        "She has L5 radiculitis. On 05/02/2013 an L4-5 microdiscectomy was recommended.",
    ] {
        let text = letter("UR Denial Date: 06/20/2013", "Physical therapy 2x6 for the lumbar spine", summary);
        let r = check_bytes("not-done", text.as_bytes(), &rules, &Options::default());
        assert!(!r.items[0].explanation.iter().any(|s| s.text.starts_with("Surgery:")), "{summary}");
    }
    // Done, though proposed first.
    let text = letter(
        "UR Denial Date: 06/20/2013",
        "Post-operative physical therapy 2x6 for the lumbar spine",
        "She has L5 radiculitis. She underwent the recommended L4-5 microdiscectomy on 05/02/2013.",
    );
    let r = check_bytes("done", text.as_bytes(), &rules, &Options::default());
    assert!(r.items[0].explanation.iter().any(|s| s.text.starts_with("Surgery:")));
}

#[test]
fn a_course_stated_after_a_guideline_quote_and_a_drugs_lack_of_benefit_are_read_as_such() {
    let rules = rules();
    // "The worker has already completed 12 sessions" follows a guideline sentence: a case fact.
    let text = "HOW THE IMR FINAL DETERMINATION WAS MADE\nUR Denial Date: 09/12/2016\nCLINICAL CASE SUMMARY\nShe has neck pain.\n\
        IMR ISSUES, DECISIONS AND RATIONALES\nAcupuncture 6 sessions for the cervical spine: Upheld\n\
        Decision rationale: The MTUS Acupuncture Medical Treatment Guidelines state that the time to produce functional \
        improvement is 3 to 6 treatments. The worker has already completed 12 sessions of acupuncture. There is no \
        documentation of objective functional improvement. The request is not medically necessary.\n";
    let r = check_bytes("acu", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(12));
    assert_eq!(r.items[0].verdict, Verdict::NeedsDocumentation);
    // An opioid dose that rose "without functional benefit" says nothing of the therapy.
    let text = letter(
        "UR Denial Date: 12/03/2013",
        "Cognitive behavioral therapy x 6 sessions",
        "He has attended 4 sessions of cognitive behavioral therapy: the psychologist's report documents that his Beck \
         Depression Inventory score improved from 31 to 22. His pain is managed with oxycodone and gabapentin; the \
         morphine equivalent dose has increased from 60 to 120 mg/day without functional benefit.",
    );
    let r = check_bytes("cbt", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].functional_improvement_documented, imrcheck::domain::Tri::Yes);
    // A drug told in its own clause, before ", and" tells the visits' outcome, does not take it.
    let text = letter(
        "UR Denial Date: 08/12/2013",
        "Physical therapy 3 times a week x 4 weeks for the cervical spine",
        "She has received at least 18 physical therapy visits for the neck. Her work restrictions are the same as \
         in 2012, her Norco use has not changed, and no objective functional gain is documented from the visits.",
    );
    let r = check_bytes("pt", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].functional_improvement_documented, imrcheck::domain::Tri::No);
}

#[test]
fn post_operative_therapy_courses_and_a_tens_trials_log_are_read() {
    let rules = rules();
    // "postoperative therapy visits" with the kind unnamed is the physical medicine course.
    let text = letter(
        "UR Denial Date: 05/20/2013",
        "Post-operative occupational therapy, 8 sessions for the right elbow",
        "He had a right lateral epicondylar debridement on 02/11/2013. He has attended 6 of 12 authorized postoperative therapy visits; grip improved from 12 kg to 22 kg.",
    );
    let r = check_bytes("elbow", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(6));
    // "no post-operative therapy has been provided to date" is no prior course.
    let text = letter(
        "UR Denial Date: 07/30/2013",
        "Occupational therapy twice a week for four weeks for the right wrist",
        "She had a right carpal tunnel release on 6/12/2013. No post-operative therapy has been provided to date.",
    );
    let r = check_bytes("ctr", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_treatment, imrcheck::domain::Tri::No);
    // A TENS purchase reads the summary's account of its trial.
    let text = letter(
        "UR Denial Date: 04/20/2013",
        "TENS unit purchase",
        "He completed a 30-day home TENS trial in 02/2013 and the log documents pain falling from 7/10 to 4/10 during use, reduction of Norco from four to two tablets a day and a return to driving.",
    );
    let r = check_bytes("tens", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].functional_improvement_documented, imrcheck::domain::Tri::Yes);
}

#[test]
fn a_count_the_course_is_compared_with_is_no_prior_course() {
    let rules = rules();
    let text = letter(
        "UR Denial Date: 03/02/2015",
        "Aquatic therapy twice weekly for 6 weeks for the lumbar spine",
        "She has myalgia and has had 8 sessions of physical therapy for the lumbar spine, and 12 more visits would bring her well past 10 visits.",
    );
    let r = check_bytes("past", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(8));
    // The visits of "the past" are visits done.
    let text = letter(
        "UR Denial Date: 03/02/2015",
        "Aquatic therapy twice weekly for 6 weeks for the lumbar spine",
        "She has myalgia. Over the past 8 physical therapy visits she made no progress.",
    );
    let r = check_bytes("the-past", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(8));
}

/// An operation disputed in the same letter, with no date that says it was done, has not
/// happened: the therapy before it does not count against the postsurgical course.
#[test]
fn therapy_before_an_operation_still_disputed_is_not_postsurgical() {
    let rules = rules();
    let text = |summary: &str| {
        format!(
            "HOW THE IMR FINAL DETERMINATION WAS MADE\nUR Denial Date: 11/12/2013\nCLINICAL CASE SUMMARY\n{summary}\n\
             IMR ISSUES, DECISIONS AND RATIONALES\nRight total hip arthroplasty: Overturned\nDecision rationale: \
             end-stage arthritis.\nPost-op physical therapy, 12 visits, right hip: Overturned\nDecision rationale: \
             after the arthroplasty.\n"
        )
    };
    let before = "He had 10 physical therapy visits for the right hip in 2012 without functional improvement. \
        A right total hip arthroplasty is requested.";
    let r = check_bytes("a", text(before).as_bytes(), &rules, &Options::default());
    let item = &r.items[1];
    assert!(item.postsurgical, "{:#?}", item.explanation);
    assert_eq!(item.verdict, Verdict::WithinLimit, "12 requested, the initial course; {:#?}", item.explanation);
    assert!(item.explanation.iter().any(|s| s.text.contains("not yet done")), "{:#?}", item.explanation);
    // No postsurgical visits have been had: the report's prior visits are not the 10 before it,
    // though the explanation still quotes them.
    assert_eq!(item.prior_visits, None);
    assert!(item.explanation.iter().any(|s| s.text.contains("Prior: 10")), "{:#?}", item.explanation);
    // Done on a date the letter gives, the earlier visits are the postsurgical course's.
    let done = "He underwent a right total hip arthroplasty on 09/03/2013 and has had 10 physical therapy visits \
        since, without functional improvement.";
    let r = check_bytes("b", text(done).as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[1].verdict, Verdict::NeedsDocumentation, "{:#?}", r.items[1].explanation);
}

/// An older operation the summary tells of without a date is not the one a "post-operative"
/// request is for when the letter disputes another operation on the same part beside it.
#[test]
fn postoperative_therapy_is_for_the_operation_disputed_beside_it() {
    let rules = rules();
    let text = "HOW THE IMR FINAL DETERMINATION WAS MADE\nUR Denial Date: 09/25/2013\nCLINICAL CASE SUMMARY\n\
        He underwent a right knee arthroscopic partial medial meniscectomy in 03/2011 and had physical therapy \
        afterwards and again in 2012. A right total knee arthroplasty is requested.\n\
        IMR ISSUES, DECISIONS AND RATIONALES\nRight total knee arthroplasty: Upheld\nDecision rationale: \
        not yet indicated.\nPost-operative physical therapy 3 x 4 for the right knee: Upheld\nDecision rationale: \
        the operation is not certified.\n";
    let r = check_bytes("k", text.as_bytes(), &rules, &Options::default());
    let item = &r.items[1];
    assert!(item.postsurgical, "{:#?}", item.explanation);
    assert!(item.explanation.iter().any(|s| s.text.contains("arthroplasty")), "{:#?}", item.explanation);
    assert_eq!(item.verdict, Verdict::WithinLimit, "12 requested, the initial course; {:#?}", item.explanation);
}

/// Courses of one family told in separate sentences, one per treatment, are one course; a
/// course told twice counts once.
#[test]
fn courses_of_a_family_told_apart_add_up() {
    let rules = rules();
    let date = "UR Denial Date: 03/11/2015";
    let item = "Aquatic therapy 2x4 for the lumbar spine";
    let apart = "She has myalgia. She completed 12 physical therapy visits for the low back in 2013. \
        She then attended 6 aquatic therapy sessions in 2014.";
    let r = check_bytes("a", letter(date, item, apart).as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(18), "{:#?}", r.items[0].explanation);
    let twice = "She has myalgia. She completed 12 physical therapy visits for the low back in 2013. \
        After those 12 physical therapy visits she was discharged to a home program.";
    let r = check_bytes("b", letter(date, item, twice).as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(12), "{:#?}", r.items[0].explanation);
}

/// What a case summary says of another course is not this item's evidence, told in the same
/// sentence ("..., and she completed 12 acupuncture sessions") or beside "has never had" it.
#[test]
fn another_courses_outcome_in_the_same_sentence_is_not_the_items() {
    let rules = rules();
    let check = |item: &str, summary: &str| {
        let text = letter("UR Denial Date: 11/18/2013", item, summary);
        check_bytes("s", text.as_bytes(), &rules, &Options::default()).items.remove(0)
    };
    let acupuncture = check(
        "Acupuncture 2x3 for the lumbar spine",
        "She completed 6 sessions of physical therapy for the low back without documented functional improvement, and she completed 12 acupuncture sessions for the low back. Since the acupuncture she has reduced her Ultracet by half and returned to modified work.",
    );
    assert_eq!(acupuncture.prior_visits, Some(12));
    assert_eq!(acupuncture.functional_improvement_documented, imrcheck::domain::Tri::Yes);
    assert_eq!(acupuncture.verdict, Verdict::WithinLimit);
    let cbt = check(
        "Cognitive behavioral therapy x4",
        "This applicant has not improved with more than two years of physical treatment, has significant depression, and has never had psychotherapy.",
    );
    assert_eq!(cbt.functional_improvement_documented, imrcheck::domain::Tri::Unknown);
}

/// "The applicant" is the injured worker, as "the patient" and "the claimant" are: a count told
/// of them is the case's, not a guideline's.
#[test]
fn the_applicants_visits_are_the_cases() {
    let rules = rules();
    let text = letter(
        "UR Denial Date: 12/10/2013",
        "Additional physical therapy for the cervical spine, 6 visits",
        "The applicant has neck myalgia.",
    )
    .replace(
        "Decision rationale: see above.",
        "Decision rationale: The guidelines allow 9-10 visits. The applicant has already had 24 visits, well above that number, and ordinarily further formal therapy would not be supported.",
    );
    let item = check_bytes("a", text.as_bytes(), &rules, &Options::default()).items.remove(0);
    assert_eq!(item.prior_visits, Some(24));
    assert_eq!(item.verdict, Verdict::ExceedsLimit);
}

/// Visits told by their dates ("daily notes dated 3/4/2013, 3/6/2013 ... and 3/20/2013") are
/// visits done, one a date; two dates are not a list (often a range).
#[test]
fn visits_told_by_their_dates_are_counted() {
    let rules = rules();
    let ask = |summary: &str| {
        let text =
            letter("UR Denial Date: 07/22/2013", "Chiropractic manipulation, 8 visits for the cervical spine", summary);
        check_bytes("a", text.as_bytes(), &rules, &Options::default()).items.remove(0)
    };
    let item = ask("The patient has neck myalgia. The records include chiropractic daily notes dated 3/4/2013, 3/6/2013, 3/11/2013, 3/13/2013, 3/18/2013 and 3/20/2013; pain remains 7/10.");
    assert_eq!(item.prior_visits, Some(6));
    let item =
        ask("The patient has neck myalgia. She had chiropractic visits on 3/4/2013 and 3/20/2013 with no change.");
    assert_eq!(item.prior_visits, None);
}

/// "16 postoperative visits were authorized, and the injured worker has attended approximately
/// 12 of them": 12 were done, however loosely the count is told.
#[test]
fn visits_attended_of_those_authorized_told_loosely() {
    let rules = rules();
    let text = letter(
        "UR Denial Date: 12/20/2017",
        "Post-operative physical therapy 3 x 4 for the right shoulder",
        "He had an arthroscopic rotator cuff repair on 10/02/2017.",
    );
    for (told, done) in [("approximately 12", 12), ("about 10", 10), ("12", 12)] {
        let text = text.replace(
            "Decision rationale: see above.",
            &format!("Decision rationale: The records indicate that 16 postoperative visits were authorized, and the injured worker has attended {told} of them."),
        );
        let item = check_bytes("a", text.as_bytes(), &rules, &Options::default()).items.remove(0);
        assert_eq!(item.prior_visits, Some(done), "{told}");
    }
}

/// A course's own adjectives between its count and its treatment ("24 sessions of land-based
/// physical therapy") do not hand the count to a treatment named before it ("medications").
#[test]
fn a_count_of_a_treatment_with_adjectives_is_that_treatments() {
    let rules = rules();
    let text = letter(
        "UR Denial Date: 02/14/2016",
        "Aquatic therapy 2 times a week for 3 weeks for the lumbar spine",
        "The patient has lumbar myalgia. Treatment to date has included medications, 24 sessions of land-based physical therapy for the low back, and massage therapy.",
    );
    let item = check_bytes("a", text.as_bytes(), &rules, &Options::default()).items.remove(0);
    assert_eq!(item.prior_visits, Some(24));
    assert_eq!(item.verdict, Verdict::ExceedsLimit);
}

/// Words a PDF ran together are read as the words they are, their spans still the letter's.
#[test]
fn words_run_together_by_pdf_extraction_are_read() {
    let rules = rules();
    let text = letter(
        "UR Denial Date: 02/14/2016",
        "Chiropractic treatment 1 x 6 for the lumbar spine",
        "The patient has lumbar myalgia. The claimant has had “at least a dozen” chiropractic visits for the lumbar spine, withoutdocumented functionalimprovement.",
    );
    let item = check_bytes("a", text.as_bytes(), &rules, &Options::default()).items.remove(0);
    assert_eq!(item.prior_visits, Some(12));
    assert_eq!(item.functional_improvement_documented, Tri::No);
    let fact = &item.evidence["functional_improvement_documented"];
    assert!(fact.quote.contains("functionalimprovement"), "{fact:?}");
    assert_eq!(text[fact.span.start..fact.span.end], fact.quote);
}

/// "The 4 completed and 6 requested sessions total 10": the count's own word makes it the
/// request, whatever the sentence's sum says.
#[test]
fn a_count_called_requested_is_not_a_course_done() {
    let rules = rules();
    let text = letter(
        "UR Denial Date: 01/08/2014",
        "Cognitive behavioral therapy (CBT) sessions",
        "The patient has chronic low back pain with depression.",
    )
    .replace(
        "Decision rationale: see above.",
        "Decision rationale: The treating psychologist requests 6 additional sessions. The patient has attended 4 sessions and has documented objective functional improvement: a return to part-time work. The 4 completed and 6 requested sessions total 10, which is within the guideline recommendation.",
    );
    let item = check_bytes("a", text.as_bytes(), &rules, &Options::default()).items.remove(0);
    assert_eq!(item.visits_requested, Some(6));
    assert_eq!(item.prior_visits, Some(4));
    assert_eq!(item.verdict, Verdict::WithinLimit);
}

/// "four post-operative occupational (hand) therapy visits": a word in parentheses inside the
/// count's phrase; and courses of one family told in two sentences add up, each named after
/// its count's own adjectives ("24 sessions of land-based physical therapy ... 6 aquatic
/// therapy sessions").
#[test]
fn counts_with_words_in_parentheses_and_courses_in_two_sentences() {
    let rules = rules();
    let text = letter(
        "UR Denial Date: 11/05/2013",
        "Additional post-operative occupational therapy for the right wrist, four (4) visits",
        "She underwent an open right carpal tunnel release on 09/23/2013. She has attended four post-operative occupational (hand) therapy visits.",
    );
    let item = check_bytes("a", text.as_bytes(), &rules, &Options::default()).items.remove(0);
    assert_eq!(item.prior_visits, Some(4));
    let text = letter(
        "UR Denial Date: 10/02/2013",
        "Aquatic therapy 2x4 for the lumbar spine",
        "She has lumbar myalgia. Through 2012 she attended 24 sessions of land-based physical therapy for the low back; her walking tolerance did not improve. In 07/2013 she completed 6 aquatic therapy sessions for the low back.",
    );
    let item = check_bytes("a", text.as_bytes(), &rules, &Options::default()).items.remove(0);
    assert_eq!(item.prior_visits, Some(30));
    assert!(item.explanation.iter().any(|s| s.text.contains("24 physical therapy + 6 aquatic therapy = 30")));
}

/// An operation the letter dates only by its month decides the postsurgical period where every
/// day of that month gives the same answer, says so, and reports the month, not a day.
#[test]
fn an_operation_dated_by_its_month_decides_only_where_the_day_does_not_matter() {
    let rules = rules();
    let summary = |month: &str| {
        format!("He underwent a posterior lumbar interbody fusion in {month}. He has attended 12 sessions of physical therapy since then.")
    };
    let item = "Aquatic therapy 2x6 for the lumbar spine";
    let run = |ur: &str, month: &str| {
        check_bytes(
            "m",
            letter(&format!("UR Denial Date: {ur}"), item, &summary(month)).as_bytes(),
            &rules,
            &Options::default(),
        )
        .items
        .remove(0)
    };
    // May 2013 + 6 months ends between 2013-11-01 and 2013-11-30: September is within it.
    let within = run("09/10/2013", "May 2013");
    assert!(within.postsurgical);
    let says = within.explanation.iter().find(|s| s.text.starts_with("Surgery:")).expect("surgery step");
    assert!(says.text.contains("in 2013-05 (the letter gives the month, not the day)"), "{}", says.text);
    assert!(says.text.contains("ends between 2013-11-01 and 2013-11-30, so 2013-09-10 is within it"), "{}", says.text);
    assert_eq!(within.evidence.get("surgery_date").map(|f| f.value.as_str()), Some("2013-05"));
    // Well after the period: outside it.
    assert!(!run("06/10/2014", "May 2013").postsurgical);
    // Inside the month the period may end in, and no postoperative wording: not postsurgical.
    let unsure = run("11/15/2013", "May 2013");
    assert!(!unsure.postsurgical);
    assert!(unsure.explanation.iter().any(|s| s.text.contains("depends on the day")));
}

/// The reviewer's own count in the item's rationale outranks the utilization review's account
/// of the course, larger or not; where the rationale gives none, the review's count stands.
#[test]
fn the_reviewers_own_count_outranks_the_utilization_reviews() {
    let rules = rules();
    let text = |rationale: &str| {
        decided_letter(
            "UR Denial Date: 03/02/2015",
            "She has myalgia of the elbow. The utilization review states that she has completed 8 physical therapy visits.",
            "Physical therapy 2x2 for the right elbow",
            "Overturned",
            rationale,
        )
    };
    let disputed =
        text("The flow sheets document 4 attended physical therapy visits, not 8. Four more are reasonable.");
    let r = check_bytes("disputed", disputed.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(4));
    assert_eq!(r.items[0].verdict, Verdict::WithinLimit);
    let silent = text("Four more visits are reasonable for a home program.");
    let r = check_bytes("silent", silent.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(8));
}

/// A post-operative course that names no side is the side of the operation done before it; an
/// operation only proposed since ("a request to proceed with a left carpal tunnel release") is
/// not one.
#[test]
fn a_post_operative_course_is_the_operated_sides() {
    let rules = rules();
    let summary = "She has carpal tunnel syndrome of both wrists. She underwent right endoscopic carpal tunnel release on 11/20/2018. \
        She had completed 8 post-operative occupational therapy visits by 01/08/2019. \
        The surgeon's report of 01/09/2019 documents a request to proceed with a left carpal tunnel release.";
    let left = letter(
        "UR Denial Date: 01/15/2019",
        "Post-operative occupational therapy, 8 visits for the left wrist",
        summary,
    );
    let r = check_bytes("left", left.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, None);
    let right = letter(
        "UR Denial Date: 01/15/2019",
        "Post-operative occupational therapy, 4 visits for the right wrist",
        summary,
    );
    let r = check_bytes("right", right.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(8));
}

/// Gains told in a clause that names no part of the body belong to the side its sentence
/// names: the left knee's course is no evidence for the right knee's request.
#[test]
fn gains_of_the_other_sides_course_are_not_this_sides() {
    let rules = rules();
    let summary =
        "She has knee pain. She has attended 6 physical therapy visits for the left knee; the therapist's note \
        records flexion improved from 90 to 115 degrees, and she now walks without crutches.";
    let right =
        letter("UR Denial Date: 08/16/2016", "Physical therapy 2 times a week for 4 weeks for the right knee", summary);
    let r = check_bytes("right", right.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].functional_improvement_documented, Tri::Unknown);
    let left =
        letter("UR Denial Date: 08/16/2016", "Physical therapy 2 times a week for 4 weeks for the left knee", summary);
    let r = check_bytes("left", left.as_bytes(), &rules, &Options::default());
    assert_ne!(r.items[0].functional_improvement_documented, Tri::No, "the negation is the relative clause's");
}

/// The rationale saying no therapy of any name went to the item's part of the body is no
/// earlier course for it, and the utilization review's account of a course ("on the basis
/// that she had already received 12 sessions") does not stand against it.
#[test]
fn no_therapy_for_this_part_outweighs_the_reviews_account() {
    let rules = rules();
    let text = decided_letter(
        "UR Denial Date: 03/02/2015",
        "She has knee pain after a left knee arthroscopy.",
        "Physical therapy for the right knee, 8 sessions",
        "Overturned",
        "The utilization review non-certified the request on the basis that the injured worker had already \
         received 12 sessions of physical therapy; however, those sessions were post-operative therapy for the \
         left knee. The records indicate that no therapy has been directed to the right knee. The 8 sessions \
         requested fall within the guideline recommendation.",
    );
    let r = check_bytes("no-therapy-here", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, None);
    assert_eq!(r.items[0].prior_treatment, Tri::No);
    assert_eq!(r.items[0].verdict, Verdict::WithinLimit);
}

/// A count set after a comma says how much of a course told as had; in a list of counts, a
/// count's own part of the body is the one its words name before the next count.
#[test]
fn a_count_in_apposition_and_a_list_of_counts_by_part() {
    let rules = rules();
    let date = "UR Denial Date: 11/04/2013";
    let apposed = letter(
        date,
        "Massage therapy 1 x 6 for the cervical spine",
        "He has neck pain. He received massage therapy to the neck weekly from January through March 2013, approximately twelve sessions, without lasting benefit.",
    );
    let r = check_bytes("apposed", apposed.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(12));
    let listed = "She has knee and shoulder pain. She attended physical therapy in the fall of 2013, 12 sessions directed to the left shoulder and 4 sessions to the right knee.";
    let knee = letter(date, "Physical therapy 2 x 3 for the right knee", listed);
    let r = check_bytes("listed", knee.as_bytes(), &rules, &Options::default());
    assert_ne!(r.items[0].prior_visits, Some(12), "the left shoulder's course is not the right knee's");
    let shoulder = letter(date, "Physical therapy 2 x 3 for the left shoulder", listed);
    let r = check_bytes("listed-shoulder", shoulder.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(12));
}

/// A date stands for the operation next to it, not for another kind told before it in the same
/// clause: the knee replacement of 1-19-2017 is the operation, not the meniscectomy of March 2016.
#[test]
fn a_date_belongs_to_the_operation_beside_it() {
    let rules = rules();
    let text = decided_letter(
        "UR Denial Date: 04/11/2017",
        "The diagnoses include status post right knee arthroscopy with partial medial meniscectomy in March 2016, \
         and status post right total knee arthroplasty on 1-19-2017. She has completed 12 post-operative physical \
         therapy visits, with flexion improved from 70 to 100 degrees.",
        "Post-operative physical therapy for the right knee 2 times a week for 6 weeks",
        "Overturned",
        "see above.",
    );
    let r = check_bytes("tka", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].rule.as_deref(), Some("postsurgical-knee-arthroplasty"));
}

/// The first item's report of a letter checked against the default rules.
fn first_item(text: &str) -> imrcheck::report::ItemReport {
    let mut report = check_bytes("letter", text.as_bytes(), &rules(), &Options::default());
    report.items.remove(0)
}

/// A count naming "therapy" alone is a course of physical medicine, whatever the sentence names
/// after it ("18 after surgery"); it is not a chiropractic item's course.
#[test]
fn a_count_of_therapy_visits_is_physical_medicine() {
    let rationale = "The patient has had 24 therapy visits to the right knee to date, 18 after surgery and 6 more \
                     in January 2015. The request is not medically necessary.";
    let summary = "She has right knee pain after a meniscectomy on 05/06/2014.";
    let pt = decided_letter(
        "UR Denial Date: 03/10/2015",
        summary,
        "Physical therapy for the right knee three times a week for four weeks",
        "Upheld",
        rationale,
    );
    assert_eq!(first_item(&pt).prior_visits, Some(24));
    let chiro = decided_letter(
        "UR Denial Date: 03/10/2015",
        summary,
        "Chiropractic care 2x3 for the right knee",
        "Upheld",
        rationale,
    );
    assert_eq!(first_item(&chiro).prior_visits, None);
}

/// The review's account ends at a contrast ("..., but the attendance log documents 9 visits");
/// a count said done outranks one only authorized; what remains of an authorization ("3 of the
/// 8 authorized visits still available") is not what was done.
#[test]
fn counts_done_outrank_the_reviews_account_authorizations_and_remainders() {
    let date = "UR Denial Date: 07/22/2013";
    let item = "Physical therapy 2x4 for the right shoulder";
    let prior = |summary: &str, rationale: &str| {
        first_item(&decided_letter(date, summary, item, "Upheld", rationale)).prior_visits
    };
    assert_eq!(
        prior(
            "He has right shoulder pain.",
            "The utilization review counted 12 completed visits, but the attendance log documents 9 visits. \
             The request is not medically necessary."
        ),
        Some(9)
    );
    assert_eq!(
        prior(
            "He has right shoulder pain. Twelve physical therapy visits were authorized in April 2013.",
            "He has completed 8 physical therapy visits. The request is not medically necessary."
        ),
        Some(8)
    );
    assert_ne!(
        prior(
            "He has right shoulder pain.",
            "The worker has 3 of the 8 authorized visits still available. The request is not medically necessary."
        ),
        Some(3)
    );
}

/// A range of visits done counts at its lower bound, and the explanation says so.
#[test]
fn a_range_of_visits_done_counts_at_its_lower_bound() {
    let text = decided_letter(
        "UR Denial Date: 07/22/2013",
        "For the left ankle he has had 16 to 20 sessions of physical therapy since the surgery.",
        "Physical therapy 2x4 for the left ankle",
        "Upheld",
        "The request is not medically necessary.",
    );
    let item = first_item(&text);
    assert_eq!(item.prior_visits, Some(16));
    assert!(item.explanation.iter().any(|s| s.text.contains("the letter gives 16 to 20")));
}

/// Of two operations dated in one sentence, a post-operative course told after them follows the
/// later: the knee replacement's visits are not the wrist's.
#[test]
fn a_post_operative_course_follows_the_later_of_two_dated_operations() {
    let text = decided_letter(
        "UR Denial Date: 09/14/2016",
        "He underwent left carpal tunnel release on 03/08/2016 and right total knee arthroplasty on 06/27/2016. \
         The physical therapy progress report lists 18 post-operative visits, and the surgeon's note states he has \
         completed at least 18 sessions to date.",
        "Additional occupational therapy for the left wrist, 6 visits",
        "Upheld",
        "The request is not medically necessary.",
    );
    assert_ne!(first_item(&text).prior_visits, Some(18));
}

/// "The patient used 8 physical therapy visits": visits used are visits done.
#[test]
fn visits_the_patient_used_are_visits_done() {
    let text = decided_letter(
        "UR Denial Date: 09/12/2013",
        "He has low back pain.",
        "Physical therapy 2 x 4 for the lumbar spine",
        "Upheld",
        "The patient used 8 physical therapy visits in 06/2013 and 07/2013, with 4 authorized visits left unused. \
         The request is not medically necessary.",
    );
    assert_eq!(first_item(&text).prior_visits, Some(8));
}

/// A negation inside a relative clause set between commas is the clause's alone: "The
/// re-evaluation, which does not appear to have been before the utilization reviewer, documents
/// measured gains" documents gains.
#[test]
fn a_negation_in_a_relative_clause_stays_in_it() {
    let text = decided_letter(
        "UR Denial Date: 02/06/2018",
        "She underwent right shoulder arthroscopic rotator cuff repair on 10/10/2017. Twelve visits have been completed.",
        "Post-operative physical therapy 2x6 for the right shoulder",
        "Overturned",
        "The utilization review found no objective functional improvement. The re-evaluation of 01/22/2018, which does \
         not appear to have been before the utilization reviewer, documents measured gains in every plane of motion, \
         a lower pain score and a better QuickDASH score, and she now dresses and grooms independently. The request \
         is medically necessary.",
    );
    assert_ne!(first_item(&text).functional_improvement_documented, Tri::No, "the negation is the relative clause's");
}

/// A count told before a change of course ("8 of the 12 authorized visits, with 4 remaining when
/// he changed to chiropractic care") is the earlier course's, not the treatment changed to.
#[test]
fn a_count_before_a_change_of_course_is_not_the_later_courses() {
    let date = "UR Denial Date: 09/20/2013";
    let summary = "Physical therapy was authorized for 12 visits in 06/2013; the therapy notes show that he used \
                   8 of the 12 authorized visits, with 4 remaining when he changed to chiropractic care in 07/2013. \
                   He has since had 6 chiropractic treatments.";
    let chiro = first_item(&decided_letter(
        date,
        summary,
        "Chiropractic care 2x3 for the low back",
        "Upheld",
        "Not necessary.",
    ));
    assert_eq!(chiro.prior_visits, Some(6));
    let pt =
        first_item(&decided_letter(date, summary, "Physical therapy 2x3 for the low back", "Upheld", "Not necessary."));
    assert_eq!(pt.prior_visits, Some(8));
}

/// A count that opens the last conjunct of a course told as had ("..., and 'at least 18
/// chiropractic visits' in 2009 and 2010") was done too; one that is the subject of a clause of
/// its own ("and 8 visits exceed the guideline") is not.
#[test]
fn a_count_conjoined_to_a_course_had_was_done() {
    let date = "UR Denial Date: 01/15/2019";
    let item = "Chiropractic manipulation for the cervical spine, 2 visits";
    let summary = "The utilization review notes that she \u{201c}has had approximately 30 to 40 sessions of physical \
                   therapy for the neck over the years,\u{201d} the last course in 2015, and \u{201c}at least 18 \
                   chiropractic visits\u{201d} in 2009 and 2010.";
    let chiro = first_item(&decided_letter(date, summary, item, "Upheld", "Not necessary."));
    assert_eq!(chiro.prior_visits, Some(18));
    let rationale =
        "The patient has already had chiropractic care without documented benefit, and 8 visits exceed the \
                     guideline.";
    let chiro = first_item(&decided_letter(date, "She has neck pain.", item, "Upheld", rationale));
    assert_ne!(chiro.prior_visits, Some(8));
}

/// "Strength and reflexes are unchanged from prior examinations" is a neurological
/// examination, not a course that changed nothing.
#[test]
fn a_stable_neurological_examination_is_no_finding_on_function() {
    let summary = "She had 12 sessions of physical therapy in 2015. On examination, cervical rotation is 35 degrees; \
                   strength and reflexes are unchanged from prior examinations.";
    let pt = first_item(&decided_letter(
        "UR Denial Date: 01/15/2019",
        summary,
        "Physical therapy for the cervical spine, 6 visits",
        "Upheld",
        "Not necessary.",
    ));
    assert_eq!(pt.functional_improvement_documented, imrcheck::domain::Tri::Unknown);
}

/// Rationales headed "Rationale for Issue N: <item>" are each their item's; "A pain management
/// consultation is recommended." ending one decides it.
#[test]
fn rationales_headed_by_issue_number_decide_their_items() {
    let text = "HOW THE IMR FINAL DETERMINATION WAS MADE\nUR Denial Date: 12/02/2013\nISSUES AT DISPUTE\n\
                1. Zolpidem 10mg #30\n2. Pain management consultation\n3. Transportation to and from medical appointments\n\
                CASE SUMMARY\nShe has chronic neck pain.\nRATIONALE\n\
                Rationale for Issue 1: Zolpidem 10mg #30\nLong-term use is not advised. The request is not medically necessary.\n\n\
                Rationale for Issue 2: Pain management consultation\nShe has depression and long-term opioid use. \
                A pain management consultation is recommended.\n\n\
                Rationale for Issue 3: Transportation to and from medical appointments\nShe drives herself. \
                Transportation is not medically necessary and appropriate.\n";
    let report = check_bytes("letter", text.as_bytes(), &rules(), &Options::default());
    let decisions: Vec<imrcheck::domain::Decision> = report.items.iter().map(|i| i.decision).collect();
    use imrcheck::domain::Decision::{Overturned, Upheld};
    assert_eq!(decisions, [Upheld, Overturned, Upheld]);
}

/// Aquatic therapy is weighed against "land-based therapy", which is physical therapy: its
/// course's outcome is the aquatic item's. A program named past the next comma is the next
/// thought's, not the statement's course.
#[test]
fn land_based_therapy_is_the_aquatic_items_course() {
    let rationale = "Aquatic therapy is an alternative to land-based therapy. The claimant has had 18 sessions of \
                     land-based therapy for the low back, there is no documentation of objective functional \
                     improvement from that therapy, and there is no reason she cannot continue what the functional \
                     restoration program taught. The request is not medically necessary.";
    let item = first_item(&decided_letter(
        "UR Denial Date: 08/21/2013",
        "She has low back pain with radiculitis.",
        "Aquatic therapy 2x6 for the lumbar spine",
        "Upheld",
        rationale,
    ));
    assert_eq!(item.prior_visits, Some(18));
    assert_eq!(item.functional_improvement_documented, imrcheck::domain::Tri::No);
    let pt = first_item(&decided_letter(
        "UR Denial Date: 08/21/2013",
        "She has low back pain with radiculitis.",
        "Physical therapy 2x6 for the lumbar spine",
        "Upheld",
        "She has had 18 sessions of therapy for the low back, there is no documentation of objective functional \
         improvement from those sessions, and no reason she cannot continue what the functional restoration \
         program taught. The request is not medically necessary.",
    ));
    assert_eq!(pt.functional_improvement_documented, imrcheck::domain::Tri::No);
}

/// A request not worded as postoperative, after a dated operation: in the postsurgical period
/// its earlier course is the one since the operation, and the explanation says the course
/// before it was left out; past the period, the course before the operation counts again.
#[test]
fn in_the_postsurgical_period_the_course_before_the_operation_is_not_counted() {
    let summary = "He attended 8 sessions of physical therapy in June and July 2013 without lasting improvement. \
                   On 09/17/2013 he underwent a right knee arthroscopic partial medial meniscectomy. Since the \
                   surgery he has attended 6 post-operative physical therapy visits, with knee flexion improved \
                   from 90 to 125 degrees and a return to modified duty.";
    let letter = |date: &str| {
        decided_letter(
            date,
            summary,
            "Physical therapy 2x3 for the right knee",
            "Overturned",
            "The request is medically necessary.",
        )
    };
    let within = first_item(&letter("UR Denial Date: 11/05/2013"));
    assert!(within.postsurgical);
    assert_eq!(within.prior_visits, Some(6));
    assert!(
        within
            .explanation
            .iter()
            .any(|s| s.text.contains("counted from the operation on") && s.text.contains("14 → 6")),
        "{:#?}",
        within.explanation
    );
    let past = first_item(&letter("UR Denial Date: 08/05/2014"));
    assert!(!past.postsurgical);
    // Past it, both courses: the 8 visits told by dates before the operation and the 6 since.
    assert_eq!(past.prior_visits, Some(14));
}

/// A course told as the sequel of another ("6 visits of home physical therapy after discharge,
/// followed by 18 outpatient physical therapy visits") is a course of its own: both were had,
/// and they add up.
#[test]
fn a_course_told_as_the_sequel_of_another_is_added_to_it() {
    let summary = "She underwent left total knee arthroplasty on 05/20/2013. She received 6 visits of home physical \
                   therapy after discharge, followed by 18 outpatient physical therapy visits through 07/26/2013.";
    let item = first_item(&decided_letter(
        "UR Denial Date: 08/02/2013",
        summary,
        "12 additional post-operative physical therapy visits for the left knee",
        "Overturned",
        "The request is medically necessary.",
    ));
    assert_eq!(item.prior_visits, Some(24));
    assert!(item.explanation.iter().any(|s| s.text.contains("6 physical therapy + 18 physical therapy = 24")));
}

/// A course told as more of one told before it, at another provider ("she attended 8 more
/// visits", "a further 4 visits were completed", "Four further sessions were given") adds to it;
/// told again, it counts once; a total told after it is not added to.
#[test]
fn a_course_told_as_more_of_another_is_added_to_it() {
    let letter = |summary: &str| {
        first_item(&decided_letter(
            "UR Denial Date: 09/10/2013",
            summary,
            "Acupuncture 1 x 6 for the cervical spine",
            "Upheld",
            "The request is not medically necessary.",
        ))
    };
    for (summary, want) in [
        (
            "He completed 6 acupuncture sessions at Lotus Acupuncture in June 2013. Four further sessions were \
          given in August 2013 by a second acupuncturist closer to his home.",
            10,
        ),
        (
            "He completed 6 acupuncture sessions in June 2013. After he moved, his care was transferred to a \
          clinic near his home, where a further 4 visits were completed.",
            10,
        ),
        (
            "He had 12 acupuncture sessions in 2012. After changing clinics he attended 6 more visits in 2013. \
          The 6 more visits did not help.",
            18,
        ),
        ("He had 12 acupuncture sessions in 2012. He attended 6 more visits in 2013, 18 visits in all.", 18),
        (
            "He completed 12 acupuncture visits at one clinic in 2012 and then 8 sessions of acupuncture at \
          another in 2013.",
            20,
        ),
        (
            "He completed 12 acupuncture visits by May 2013. He continued at a second clinic, and the 7/24/2013 \
          discharge summary lists 8 further sessions in June and July.",
            20,
        ),
    ] {
        let item = letter(summary);
        assert_eq!(item.prior_visits, Some(want), "{summary}");
    }
    let item = letter("He completed 6 acupuncture sessions. Four further sessions were given in August 2013.");
    assert!(item.explanation.iter().any(|s| s.text.contains("6 visits + 4 more = 10")), "{:#?}", item.explanation);
    // More asked for is no course done.
    let item = letter("He completed 6 acupuncture sessions. The provider requests 6 more visits.");
    assert_eq!(item.prior_visits, Some(6));
}

/// A course told in parts paragraphs apart is quoted where each part is told: the explanation
/// step, the evidence and the terminal labels point at "12 acupuncture sessions" and at "6 more
/// visits", not at everything between them.
#[test]
fn a_course_told_in_parts_is_quoted_part_by_part() {
    let filler = "Her sleep and mood are unchanged, and she walks with a cane.\n".repeat(30);
    let text = decided_letter(
        "UR Denial Date: 08/02/2013",
        &format!("She had 12 acupuncture sessions in 2012. {filler}\nAfter changing clinics she attended 6 more visits in 2013."),
        "Acupuncture x 6 for the neck",
        "Upheld",
        "The request is not medically necessary.",
    );
    let item = first_item(&text);
    assert_eq!(item.prior_visits, Some(18));
    let step = item.explanation.iter().find(|s| s.text.starts_with("Prior:")).expect("a prior step");
    assert_eq!(step.quotes, ["12 acupuncture sessions", "6 more visits"], "{step:#?}");
    let fact = &item.evidence["prior_visits"];
    let quotes: Vec<&str> = fact.parts.iter().map(|p| p.quote.as_str()).collect();
    assert_eq!(quotes, ["12 acupuncture sessions", "6 more visits"]);
    assert!(fact.span.start <= fact.parts[0].span.start && fact.parts[1].span.end <= fact.span.end);
    // Evidence of earlier treatment is where the course is first told.
    assert_eq!(item.evidence["prior_treatment"].quote, "12 acupuncture sessions");
    let report = check_bytes("letter", text.as_bytes(), &rules(), &Options::default());
    let shown = imrcheck::report::human::render(&report, false, 100);
    assert!(shown.contains("prior visits: part 1 of 2 (18 in all)"), "{shown}");
    assert!(shown.contains("prior visits: part 2 of 2 (18 in all)"), "{shown}");
    assert!(!shown.contains("not quoted here"), "{shown}");
}

/// Past the postsurgical period, the chronic rule counts every visit: a course told before the
/// operation and one told after it are two courses of one treatment, and they add up (unless a
/// count as large as their sum restates the whole).
#[test]
fn courses_before_and_after_an_operation_add_up_past_the_period() {
    let summary = "He completed a course of 6 physical therapy visits for the shoulder in October 2012 before \
                   surgery. On 02/05/2013 he underwent right shoulder arthroscopic rotator cuff repair. He has \
                   attended 24 post-operative physical therapy visits through 08/2013.";
    let letter = |rationale: &str| {
        decided_letter(
            "UR Denial Date: 11/20/2013",
            summary,
            "Physical therapy 3 times a week for 4 weeks for the right shoulder",
            "Upheld",
            rationale,
        )
    };
    let item = first_item(&letter("The request is not medically necessary."));
    assert_eq!(item.prior_visits, Some(30));
    assert!(item
        .explanation
        .iter()
        .any(|s| s.text.contains("6 physical therapy before surgery + 24 physical therapy after surgery = 30")));
    // A count of the whole course restated is not a third course.
    let item = first_item(&letter(
        "He has had 30 sessions of physical therapy for the shoulder. The request is not medically necessary.",
    ));
    assert_eq!(item.prior_visits, Some(30));
}

/// A course after the operation told as "N sessions of post-operative hand therapy" is the
/// second phase of the same treatment; told again as "12 post-operative therapy visits", it is
/// the same course, not a second treatment's.
#[test]
fn a_course_of_post_operative_therapy_named_after_its_count_is_a_phase() {
    let letter = |course: &str| {
        first_item(&decided_letter(
            "UR Denial Date: 12/10/2013",
            &format!(
                "She had 4 sessions of occupational therapy for the left wrist before surgery. She underwent a left \
                 carpal tunnel release on 06/04/2013. {course}"
            ),
            "Occupational therapy 2x4 for the left wrist",
            "Upheld",
            "The request is not medically necessary.",
        ))
    };
    let item = letter("After the release she completed 8 sessions of post-operative hand therapy.");
    assert_eq!(item.prior_visits, Some(12), "{:#?}", item.explanation);
    let item = letter(
        "After the release she completed 8 sessions of post-operative hand therapy. The 8 post-operative \
         therapy visits helped her grip.",
    );
    assert_eq!(item.prior_visits, Some(12), "{:#?}", item.explanation);
}

/// The same when only the dates say the first course came before the operation: "6 sessions
/// ... from 10/2012 to 12/2012 ..., and underwent a release on 03/05/2013".
#[test]
fn a_course_dated_before_the_operation_is_the_course_before_it() {
    let summary = |before: &str| {
        format!(
            "She received 6 sessions of occupational therapy for the right wrist {before} with no change in \
             symptoms, and underwent a right open carpal tunnel release on 03/05/2013. After surgery she attended \
             12 post-operative occupational therapy visits between 03/2013 and 05/2013."
        )
    };
    let item = |before: &str| {
        first_item(&decided_letter(
            "UR Denial Date: 10/28/2013",
            &summary(before),
            "Occupational therapy 2 times a week for 4 weeks for the right wrist",
            "Overturned",
            "The request is medically necessary.",
        ))
    };
    assert_eq!(item("from 10/2012 to 12/2012").prior_visits, Some(18));
    // Dated after the operation, it is a restatement of the course after it, not a course before.
    assert_eq!(item("from 03/2013 to 05/2013").prior_visits, Some(12));
    // The operation's date told before its name: "and on 03/05/2013 she underwent ...".
    let item = first_item(&decided_letter(
        "UR Denial Date: 10/28/2013",
        "She attended 6 sessions of occupational therapy from 10/2012 to 12/2012, without lasting benefit, and on \
         03/05/2013 she underwent an open right carpal tunnel release. She then completed 8 post-operative \
         occupational therapy visits in April and May 2013.",
        "Occupational therapy 2 times a week for 4 weeks for the right wrist",
        "Overturned",
        "The request is medically necessary.",
    ));
    assert_eq!(item.prior_visits, Some(14), "{:#?}", item.explanation);
}

/// A course said to be for another part of the body, "not the neck", is not the neck's, though
/// its clause names the neck.
#[test]
fn a_course_for_another_part_not_this_one_is_not_its_course() {
    let item = |told: &str| {
        first_item(&decided_letter(
            "UR Denial Date: 09/17/2013",
            "The patient has cervical radiculopathy and bilateral shoulder pain.",
            "Physical therapy 2x4 for the neck",
            "Upheld",
            &format!(
                "The physical therapy the patient received in 2012 was {told}. The request is not medically necessary."
            ),
        ))
    };
    let item_a = item("for the shoulders, not the neck");
    assert_eq!(item_a.verdict, Verdict::WithinLimit, "{:#?}", item_a.explanation);
    // Said for the neck, it is the neck's.
    let item_b = item("for the neck, not the shoulders");
    assert_eq!(item_b.verdict, Verdict::NeedsDocumentation, "{:#?}", item_b.explanation);
}

/// For a post-operative request, a course whose own words date it before the operation ("from
/// 10/2012 to 12/2012", the release on 5/28/2013) is the course before it, though the summary
/// tells it after the operation.
#[test]
fn a_course_dated_before_the_operation_is_not_the_post_operative_course() {
    let summary = |when: &str| {
        format!(
            "Diagnoses are right carpal tunnel syndrome, status post right open carpal tunnel release on 5/28/2013. \
             Prior treatment included splints and 8 sessions of occupational therapy for both wrists {when}. Since \
             the surgery she has attended 6 post-operative hand therapy visits."
        )
    };
    let item = |when: &str| {
        first_item(&decided_letter(
            "UR Denial Date: 07/22/2013",
            &summary(when),
            "Post-operative occupational therapy 2 x 3 for the right wrist",
            "Upheld",
            "The request is not medically necessary.",
        ))
    };
    assert_eq!(item("from 10/2012 to 12/2012").prior_visits, Some(6));
    assert_eq!(item("in 2012").prior_visits, Some(6));
    // Dated after the operation, it is a post-operative course.
    assert_eq!(item("in 06/2013").prior_visits, Some(8));
}

/// A course the record documents ("The therapy notes document 8 sessions of occupational
/// therapy", "the discharge note lists 8 post-operative visits") was had.
#[test]
fn a_course_the_notes_document_was_had() {
    for told in [
        "The therapy notes document 8 sessions of occupational therapy for the right wrist.",
        "The hand therapist's discharge note lists 8 visits of occupational therapy for the right wrist.",
    ] {
        let item = first_item(&decided_letter(
            "UR Denial Date: 08/13/2013",
            &format!("She has right wrist tendinitis. {told}"),
            "Occupational therapy for the right wrist",
            "Upheld",
            "The request is not medically necessary.",
        ));
        assert_eq!(item.prior_visits, Some(8), "{told}");
    }
}

/// An operation named to date something ("eleven weeks from surgery", "the 12 visits completed
/// since surgery") is no treatment the sentence is about: the rationale's counts are the
/// post-operative therapy's.
#[test]
fn surgery_named_as_a_time_is_no_topic() {
    let item = |since: &str| {
        first_item(&decided_letter(
            "UR Denial Date: 12/12/2017",
            "She underwent a right shoulder arthroscopic rotator cuff repair on 09/27/2017.",
            "Post-operative physical therapy for the right shoulder",
            "Overturned",
            &format!(
                "The injured worker is now eleven weeks from surgery. The therapist documents functional \
                 improvement from the 12 visits completed {since}. The 12 additional visits requested would \
                 bring her to 24 post-operative visits. The request is medically necessary."
            ),
        ))
    };
    let after = item("since surgery");
    assert_eq!(after.visits_requested, Some(12));
    assert_eq!(after.prior_visits, Some(12));
    // A surgery the sentence is about is still its topic: the count there is not the therapy's.
    assert_eq!(item("and a second surgery is planned").prior_visits, None);
}

/// "the 8 sessions he had in early 2013 preceded it": a course the sentence places before the
/// operation it named is not the post-operative course.
#[test]
fn a_course_that_preceded_it_is_before_the_operation() {
    let item = |told: &str| {
        first_item(&decided_letter(
            "UR Denial Date: 10/28/2013",
            "He underwent a right knee arthroscopic partial medial meniscectomy on 09/20/2013.",
            "Post-operative physical therapy 12 sessions for the right knee",
            "Overturned",
            &format!("He has not had any therapy since the surgery; {told}. The request is medically necessary."),
        ))
    };
    assert_eq!(item("the 8 sessions he had in early 2013 preceded it").prior_visits, None);
    assert_eq!(item("he then had 8 sessions").prior_visits, Some(8));
}

/// A post-operative course that names no side ("6 sessions of post-operative hand therapy") is
/// the operated side's, not the other wrist's.
#[test]
fn a_post_operative_course_with_no_side_is_the_operated_sides() {
    let item = |side: &str| {
        first_item(&decided_letter(
            "UR Denial Date: 08/02/2013",
            "She underwent a right open carpal tunnel release on 05/08/2013. Following the surgery she completed 6 \
             sessions of post-operative hand therapy; the note records grip strength improving.",
            &format!("Post-operative occupational therapy, {side} wrist, 12 visits"),
            "Upheld",
            "The request is not medically necessary.",
        ))
    };
    assert_eq!(item("right").prior_visits, Some(6));
    assert_eq!(item("left").prior_visits, None);
}

/// What the utilization review took for an earlier course ("appears to have counted the
/// chiropractic care as a prior trial of acupuncture") is its account, not a course had: the
/// treating physician's "has never tried acupuncture" stands.
#[test]
fn a_course_the_review_assumed_is_not_one_had() {
    let item = |review: &str| {
        first_item(&decided_letter(
            "UR Denial Date: 06/09/2015",
            "He has low back pain with radiculopathy. He has had chiropractic care.",
            "Acupuncture 6 visits for the lumbar spine",
            "Overturned",
            &format!(
                "{review}. The treating physician's report states that he \"has never tried acupuncture,\" and no \
                 acupuncture notes are in the file. The request is medically necessary."
            ),
        ))
    };
    let assumed =
        item("The utilization reviewer appears to have counted the chiropractic care as a prior trial of acupuncture");
    assert_eq!(assumed.prior_treatment, imrcheck::domain::Tri::No);
    assert_eq!(assumed.verdict, imrcheck::domain::Verdict::WithinLimit);
    // The reviewer's own word that a trial was had is one.
    assert_eq!(item("He had a prior trial of acupuncture").prior_treatment, imrcheck::domain::Tri::Yes);
}

/// "10 sessions of physical therapy ... without lasting improvement, and on 6-21-2016 a right
/// shoulder arthroscopy": the finding is the course before the operation's, told in the sentence
/// that tells the operation; the post-operative course's gains stand.
#[test]
fn a_finding_told_before_the_operation_in_its_sentence_is_the_earlier_courses() {
    let item = |course: &str| {
        first_item(&decided_letter(
            "UR Denial Date: 09/06/2016",
            &format!(
                "Treatment has included a corticosteroid injection, {course}, and on 6-21-2016 a right shoulder \
                 arthroscopy with subacromial decompression. Since the surgery he has attended 12 post-operative \
                 physical therapy visits. The progress note documents flexion improved from 95 to 150 degrees, and \
                 he returned to modified duty on 8-15-2016."
            ),
            "Post-operative physical therapy for the right shoulder, 12 sessions",
            "Overturned",
            "The request is medically necessary.",
        ))
    };
    let before = item("10 sessions of physical therapy from January to March 2016 without lasting improvement");
    assert_eq!(before.functional_improvement_documented, imrcheck::domain::Tri::Yes);
    assert_eq!(before.verdict, imrcheck::domain::Verdict::WithinLimit);
}

/// The request's count told only where the utilization review's decision is reported ("The
/// utilization review dated 08/19/2013 non-certified 12 visits of chiropractic treatment") or in a
/// rationale sentence that names no treatment after one about another ("... with the acupuncture
/// certified above. In addition, the 12 sessions requested exceed the 9-10 visits").
#[test]
fn a_request_counted_only_in_the_reviews_account_or_an_unnamed_sentence() {
    let ur = first_item(&decided_letter(
        "UR Denial Date: 08/19/2013",
        "She has low back pain. The utilization review dated 08/19/2013 non-certified 12 visits of chiropractic \
         treatment for the lumbar spine and a cervical MRI.",
        "Chiropractic treatment for the lumbar spine",
        "Upheld",
        "The request is not medically necessary.",
    ));
    assert_eq!(ur.visits_requested, Some(12));
    let unnamed = first_item(&decided_letter(
        "UR Denial Date: 08/19/2013",
        "He has low back pain. He had physical therapy in 2011.",
        "Physical therapy for the lumbar spine",
        "Upheld",
        "There is no explanation of why his deficits cannot be addressed with the home program together with the \
         acupuncture certified above. In addition, the 12 sessions requested exceed the 9-10 visits the guidelines \
         recommend. The request is not medically necessary.",
    ));
    assert_eq!(unnamed.visits_requested, Some(12));
}

/// A count joined by "and" to a course the records document, and the sum told after them,
/// are courses done, though neither has a cue of its own; a count asked for after "and" is not.
#[test]
fn a_count_conjoined_to_a_course_done_is_a_course_done() {
    let summary = "She has left wrist pain and myalgia.";
    let item = "Physical therapy three times weekly for four weeks for the left wrist";
    let done = decided_letter(
        "UR Denial Date: 08/05/2013",
        summary,
        item,
        "Upheld",
        "The records document six occupational therapy sessions for the left wrist in January and February 2013 \
         and eight physical therapy visits from 04/16/2013 to 05/10/2013: fourteen visits in all for the left wrist. \
         The request is not medically necessary.",
    );
    assert_eq!(first_item(&done).prior_visits, Some(14));
    let asked = decided_letter(
        "UR Denial Date: 08/05/2013",
        summary,
        item,
        "Upheld",
        "The records document six occupational therapy sessions for the left wrist, and the provider requests \
         twelve visits. The request is not medically necessary.",
    );
    assert_eq!(first_item(&asked).prior_visits, Some(6));
}

/// The item's own rationale naming the improvement found outranks an outcome the case summary
/// tells; without it, the summary's outcome stands.
#[test]
fn the_rationales_named_improvement_outranks_the_summarys_outcome() {
    use imrcheck::domain::Tri;
    let summary = "She has depression after a wrist injury. She remains on modified duty, with restrictions \
                   unchanged since 03/2013.";
    let item = "Cognitive behavioral therapy, 6 sessions";
    let named = decided_letter(
        "UR Denial Date: 10/14/2013",
        summary,
        item,
        "Overturned",
        "She has completed 4 sessions, and the psychologist documents objective functional improvement: a return \
         to driving and half the hydrocodone she was taking. The request is certified.",
    );
    assert_eq!(first_item(&named).functional_improvement_documented, Tri::Yes);
    let silent = decided_letter(
        "UR Denial Date: 10/14/2013",
        summary,
        item,
        "Upheld",
        "She has completed 4 sessions. The request is not certified.",
    );
    assert_eq!(first_item(&silent).functional_improvement_documented, Tri::No);
}

/// A device decided under a short name ("the TENS unit") takes its count from the entry of the
/// application's list that names it ("TENS unit 30 day home trial"), and the explanation says
/// where the count was read.
#[test]
fn a_count_only_the_application_list_gives_is_read_there() {
    let rules = rules();
    let text = "Notice of Independent Medical Review Determination\nUR Denial Date: 09/05/2013\n\
        Treatment(s) in Dispute Listed on IMR Application:\nNaproxen sodium 550mg #60; TENS unit 30 day home trial\n\n\
        1. The request for Naproxen is medically necessary and appropriate.\n\
        2. The request for the TENS unit is medically necessary and appropriate.\n\n\
        The patient has chronic low back pain and has not tried a TENS unit before.\n";
    let r = check_bytes("listed", text.as_bytes(), &rules, &Options::default());
    let tens = r.items.iter().find(|i| i.request.contains("TENS")).expect("the TENS item");
    assert_eq!(tens.visits_requested, Some(30));
    assert_eq!(tens.verdict, Verdict::WithinLimit);
}

/// The denial's grounds, reported ("The Utilization Review non-certified the request on the
/// grounds that 'no objective functional gains were documented'"), are not the reviewer's
/// finding: the records' gains the reviewer then cites are.
#[test]
fn the_denials_grounds_reported_are_no_finding_on_improvement() {
    let rules = rules();
    let text = decided_letter(
        "UR Denial Date: 09/14/2016",
        "He has lumbar radiculopathy and completed 6 sessions of physical therapy.",
        "Physical therapy 2 x 2 for the lumbar spine",
        "Overturned",
        "The Utilization Review non-certified the request on the grounds that \"no objective functional gains were documented.\" The records do not bear this out. The re-evaluation documents objective functional improvement: the Oswestry Disability Index fell from 46% to 30%.",
    );
    let r = check_bytes("grounds", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].functional_improvement_documented, imrcheck::domain::Tri::Yes);
    assert_eq!(r.items[0].verdict, Verdict::WithinLimit);
    // The grounds given as the denial's reason ("denied further sessions because ...").
    let text = decided_letter(
        "UR Denial Date: 11/14/2013",
        "She has attended 4 sessions of cognitive behavioral therapy with a pain psychologist.",
        "6 additional sessions of cognitive behavioral therapy",
        "Overturned",
        "The utilization review denied further sessions because \"no standardized outcome measures were provided.\" The psychologist's report, however, documents functional improvement: she has resumed cooking and laundry. The request is medically necessary.",
    );
    let r = check_bytes("because", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].functional_improvement_documented, imrcheck::domain::Tri::Yes);
    assert_eq!(r.items[0].verdict, Verdict::WithinLimit);
    // The reviewer's own word after the review's is a finding.
    let text = decided_letter(
        "UR Denial Date: 09/05/2013",
        "She has had land-based physical therapy for the low back.",
        "Aquatic therapy 2x4 for the lumbar spine",
        "Overturned",
        "The utilization reviewer denied the request because of the number of therapy visits already provided, and it is true that the land-based therapy she has had did not produce lasting functional improvement. The request is medically necessary.",
    );
    let r = check_bytes("conceded", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].functional_improvement_documented, imrcheck::domain::Tri::No);
}

/// A course the next sentence gives to another part of the body ("Those visits, however,
/// treated the neck") is not the item's, and "the 18 visits the guidelines allow" is the
/// guideline's figure, not a course done.
#[test]
fn a_course_placed_on_another_part_by_the_next_sentence_is_not_the_items() {
    let rules = rules();
    let text = decided_letter(
        "UR Denial Date: 07/19/2013",
        "He has a left wrist sprain and a cervical strain.",
        "Physical therapy 2 times a week for 3 weeks for the left wrist",
        "Overturned",
        "The claims administrator denied this request because the applicant had already attended twelve physical therapy visits. Those visits, however, treated the neck. The left wrist has never had formal therapy. Medical necessity is established.",
    );
    let r = check_bytes("neck", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, None);
    assert_eq!(r.items[0].verdict, Verdict::WithinLimit);
    // Without the next sentence the course is the wrist's.
    let told = text.replace(" Those visits, however, treated the neck.", "");
    let r = check_bytes("wrist", told.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(12));
    // The guideline's figure named after the count is no course done.
    let text = decided_letter(
        "UR Denial Date: 07/19/2013",
        "He has a cervical strain. He has completed 12 chiropractic visits.",
        "Chiropractic treatment, eight (8) sessions for the cervical spine",
        "Upheld",
        "The eight sessions requested would take the total past the 18 visits the guidelines allow. The request is not medically necessary.",
    );
    let r = check_bytes("allow", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(12));
}

/// A count whose clause names no part of the body ("she completed 12 visits by the end of
/// June") is the course its treatment's clause places ("Post-operative therapy began ..." after
/// a shoulder operation), not a wrist course.
#[test]
fn a_count_takes_its_part_of_the_body_from_its_treatments_clause() {
    let rules = rules();
    let text = decided_letter(
        "UR Denial Date: 09/14/2016",
        "She has a left wrist sprain. She underwent right shoulder arthroscopic subacromial decompression on 05/10/2016. Post-operative therapy began on 05/24/2016; she completed 12 visits by the end of June. She has attended four occupational therapy sessions for the left wrist since July 2016.",
        "Occupational Therapy x6 for the left wrist",
        "Upheld",
        "The injured worker has had four sessions of occupational therapy for the left wrist sprain. The request is not medically necessary.",
    );
    let r = check_bytes("clause", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(4));
    // Told of the wrist, the same count is the wrist's course.
    let wrist = text.replace(
        "Post-operative therapy began on 05/24/2016",
        "Occupational therapy for the left wrist began on 05/24/2016",
    );
    let r = check_bytes("wrist", wrist.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(12));
}

/// A course before an operation and its sequel after it ("6 sessions ... before surgery ...,
/// followed by 8 post-operative visits") are counted once each once the period has ended.
#[test]
fn a_sequel_after_an_operation_is_counted_once() {
    let rules = rules();
    let text = decided_letter(
        "UR Denial Date: 11/14/2013",
        "She has left carpal tunnel syndrome. Before surgery she had 6 sessions of occupational therapy for the left wrist in November and December 2012, with no lasting benefit. On 01/15/2013 she underwent a left open carpal tunnel release, followed by 8 post-operative occupational therapy visits through 03/22/2013.",
        "Occupational therapy 8 sessions for the left wrist",
        "Upheld",
        "The request is not medically necessary.",
    );
    let r = check_bytes("sequel", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(14));
}

/// An operation dated "on the 14th of February 2013" (or "DOS 12.17.14") dates the
/// postsurgical period as "02/14/2013" does.
#[test]
fn an_operation_dated_in_words_or_with_dots_starts_the_postsurgical_period() {
    let rules = rules();
    for dated in ["on the 14th of February 2013", "on February 14th, 2013", "(DOS 2.14.13)"] {
        let text = letter(
            "UR Denial Date: 07/12/2013",
            "Physical therapy for the right shoulder x12",
            &format!("He underwent right shoulder arthroscopic subacromial decompression {dated}. He has completed 24 sessions of post-operative physical therapy to date."),
        );
        let r = check_bytes("dated", text.as_bytes(), &rules, &Options::default());
        assert!(r.items[0].postsurgical, "{dated}");
        assert_eq!(r.items[0].verdict, Verdict::NeedsDocumentation, "{dated}");
    }
}

/// A course's sum told with its treatment ("18 sessions of occupational therapy in all") is the
/// whole course, not one more part of it.
#[test]
fn a_sum_told_with_its_treatment_is_not_added_to_its_parts() {
    let rules = rules();
    let text = decided_letter(
        "UR Denial Date: 11/18/2013",
        "She had 8 sessions of occupational therapy for both wrists from 10/2012 to 12/2012 and a right carpal tunnel release in April 2013, followed by 10 post-operative occupational therapy visits for the right hand.",
        "Occupational therapy for the bilateral wrists, an additional 6 sessions",
        "Upheld",
        "The chronic pain guidelines now apply. She has completed 18 sessions of occupational therapy in all. The request is not medically necessary.",
    );
    let r = check_bytes("sum", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(18));
}

/// A request the rationale gives with an aside between its subject and its verb ("The
/// treating physician's request, per the 05/30/2013 report, is for a trial of six visits").
#[test]
fn a_request_told_around_an_aside_is_counted() {
    let rules = rules();
    let text = decided_letter(
        "UR Denial Date: 06/20/2013",
        "She has mechanical low back pain and has never had chiropractic care.",
        "Chiropractic treatment for the lumbar spine",
        "Overturned",
        "The treating physician's request, per the 05/30/2013 report, is for a trial of six visits over two weeks, which is consistent with the guidelines. The request is medically necessary.",
    );
    let r = check_bytes("aside", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].visits_requested, Some(6));
    assert_eq!(r.items[0].verdict, Verdict::WithinLimit);
}

/// The case summary saying no therapy of any name went to the item's part of the body ("He has
/// not had any therapy for the wrist") outranks the rationale's word on therapy for the injury
/// as a whole.
#[test]
fn no_therapy_for_the_items_part_outranks_therapy_for_the_injury() {
    let rules = rules();
    let text = decided_letter(
        "UR Denial Date: 10/02/2013",
        "He has received physical therapy for the neck and low back in 2011 and 2012. He has not had any therapy for the wrist.",
        "Hand therapy for the right wrist, 8 sessions",
        "Upheld",
        "The patient has had extensive physical medicine for this injury. The request is not medically necessary.",
    );
    let r = check_bytes("wrist", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_treatment, imrcheck::domain::Tri::No);
    assert_eq!(r.items[0].verdict, Verdict::WithinLimit);
}

/// "six sessions of physical therapy and six of aquatic therapy": the second count's unit is the
/// first's. Both of one item's family, the request is their sum; of two items' treatments, each
/// item asks its own part.
#[test]
fn a_second_count_told_without_its_unit_is_its_treatments() {
    let summary = "The physician requested six sessions of physical therapy and six of acupuncture for the left knee.";
    let text = format!(
        "HOW THE IMR FINAL DETERMINATION WAS MADE\nUR Denial Date: 09/10/2013\nCLINICAL CASE SUMMARY\n{summary}\n\
         IMR ISSUES, DECISIONS AND RATIONALES\nPhysical therapy for the left knee: Upheld\n\
         Decision rationale: The request is not medically necessary.\n\
         Acupuncture for the left knee: Overturned\nDecision rationale: The request is medically necessary.\n"
    );
    let report = check_bytes("letter", text.as_bytes(), &rules(), &Options::default());
    let asked: Vec<Option<u32>> = report.items.iter().map(|i| i.visits_requested).collect();
    assert_eq!(asked, [Some(6), Some(6)], "{:#?}", report.items);

    let both = first_item(&decided_letter(
        "UR Denial Date: 09/10/2013",
        "The request is for six sessions of physical therapy and six of aquatic therapy for the low back.",
        "Physical therapy and aquatic therapy for the lumbar spine",
        "Upheld",
        "The request is not medically necessary.",
    ));
    assert_eq!(both.visits_requested, Some(12));
    let line = first_item(&decided_letter(
        "UR Denial Date: 09/10/2013",
        "She has chronic pain and depression.",
        "Six sessions of cognitive behavioral therapy and six of biofeedback",
        "Upheld",
        "The request is not medically necessary.",
    ));
    assert_eq!(line.visits_requested, Some(12));
    // One item naming two families' courses is judged as the first named (docs/verdicts.md): it
    // asks that therapy's six, not the sum (fails before the line's parts were told apart).
    let two = first_item(&decided_letter(
        "UR Denial Date: 09/10/2013",
        "She has low back pain and has had no therapy.",
        "Six sessions of physical therapy and eight of chiropractic manipulation for the lumbar spine",
        "Upheld",
        "The request is not medically necessary.",
    ));
    assert_eq!(two.visits_requested, Some(6));
    // "and 4 of them": a part of the first count, no second one.
    let part = first_item(&decided_letter(
        "UR Denial Date: 09/10/2013",
        "Twelve sessions of physical therapy were authorized and 4 of them were attended.",
        "Physical therapy x 6 for the lumbar spine",
        "Upheld",
        "The request is not medically necessary.",
    ));
    assert_eq!(part.visits_requested, Some(6));
}

/// A count followed by its parts ("16 ... visits, 8 before and 8 after surgery") is their sum,
/// not a third course after the operation: the parts told before are not added to it again.
#[test]
fn a_total_told_with_its_parts_is_counted_once() {
    let rules = rules();
    let summary =
        "She has myalgia. She attended 8 sessions of occupational therapy for the right hand before surgery. \
        She underwent a right carpal tunnel release on 03/15/2013. Since the release she has attended 8 post-operative \
        occupational therapy visits. She has had 16 occupational therapy visits for the right hand, 8 before and 8 \
        after surgery.";
    let text = letter("UR Denial Date: 06/20/2013", "Occupational therapy 3x4 for the right wrist", summary);
    let r = check_bytes("total-with-parts", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(16));
    // Parts that do not add up to the count are no breakdown of it; the courses told on their own
    // (8 before the release, 8 since) are a total of 16 too, and the count is not added to them
    // (before, 8 + 16 = 24).
    let text = text.replace("8 before and 8", "8 before and 6");
    let r = check_bytes("not-its-parts", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_visits, Some(16));
}

/// A sentence that names no part of the body goes on about the part the sentence before it
/// named: the shoulder's gains are not the neck's, and a question ("whether it changed his
/// function") is no finding.
#[test]
fn gains_told_after_another_parts_course_are_that_parts() {
    let rules = rules();
    let text = letter(
        "UR Denial Date: 01/06/2014",
        "Physical therapy 2 x 4 for the cervical spine",
        "In 2012 he had physical therapy for the neck; the records do not say whether it changed his function. For the right shoulder he has completed 10 physical therapy visits. The therapist's report documents forward flexion improved from 90 to 150 degrees, and he returned to modified duty.",
    );
    let r = check_bytes("neck", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].functional_improvement_documented, Tri::Unknown);
    assert_eq!(r.items[0].verdict, Verdict::NeedsDocumentation);
}

/// A sentence that tells the course since the operation and the one before it is read at its
/// semicolons; a total after "since the procedure" is the postoperative course's.
#[test]
fn the_course_since_the_operation_beside_the_one_before_it() {
    let rules = rules();
    let summary = "On 05/24/2016 she underwent right shoulder arthroscopic rotator cuff repair.";
    for (rationale, prior) in [
        ("She has attended 16 visits since the operation, at two clinics; the 10 visits she had in 2015 preceded the repair. The request is medically necessary.", 16),
        ("Since the 05/24/2016 procedure she has attended 8 visits at one clinic and 4 at another, 12 in all. Before surgery she had 10 physical therapy sessions. The request is medically necessary.", 12),
    ] {
        let text = decided_letter(
            "UR Denial Date: 10/10/2016",
            summary,
            "Post-operative physical therapy 2x4 for the right shoulder",
            "Overturned",
            rationale,
        );
        let r = check_bytes("shoulder", text.as_bytes(), &rules, &Options::default());
        assert_eq!(r.items[0].prior_visits, Some(prior), "{rationale}");
    }
}

/// A device's summary goes on past the sentence that names it, to the ones about "the unit":
/// a purchase after a documented trial is judged on that trial's outcome.
#[test]
fn a_devices_trial_told_as_the_unit_is_its_trial() {
    let rules = rules();
    let summary = "In 04/2013 she completed a one-month home trial of a rented TENS unit. The report states that she used the unit daily during the trial, that she cut her Norco from four tablets a day to two, and that she could walk for 30 minutes instead of 10.";
    let text = decided_letter(
        "UR Denial Date: 06/14/2013",
        summary,
        "TENS unit purchase",
        "Overturned",
        "Purchase is supported.",
    );
    let r = check_bytes("tens", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].functional_improvement_documented, Tri::Yes);
}

#[test]
fn courses_at_several_providers_add_up() {
    let rules = rules();
    let prior = |item: &str, summary: &str, rationale: &str| {
        let text = decided_letter("UR Denial Date: 08/09/2015", summary, item, "Upheld", rationale);
        check_bytes("p", text.as_bytes(), &rules, &Options::default()).items[0].prior_visits
    };
    let seen = "Manipulation is recommended.";
    // "treated with" a provider is a course had, past the aside that names the provider.
    assert_eq!(
        prior(
            "Chiropractic 1x6 for the neck",
            "She treated with Dr. Feld, a chiropractor, for 12 chiropractic visits to the neck in 2015.",
            seen
        ),
        Some(12)
    );
    // The second course told with the verb of the one who gave it, or the notes that record it.
    assert_eq!(
        prior(
            "Acupuncture 2x3 for the low back",
            "He had 6 treatments at East West Acupuncture in 09/2013, and his treating physician then gave him 4 \
             more treatments in her own office in 11/2013.",
            seen
        ),
        Some(10)
    );
    assert_eq!(
        prior(
            "Physical therapy 2x4 for the low back",
            "He completed 8 sessions of physical therapy for the low back in 2013. He was referred to Harbor \
             Physical Therapy, where the therapy notes document a further 6 visits for the lumbar spine in 2014.",
            seen
        ),
        Some(14)
    );
    // A change of provider, then the count at the new one.
    assert_eq!(
        prior(
            "Chiropractic 2x3 for the low back",
            "She received 12 chiropractic visits from 10/2012 through 01/2013. In 03/2013 she changed treating \
             chiropractors and has since had 8 visits with the current provider.",
            seen
        ),
        Some(20)
    );
    // A count set beside the words before its comma takes their cue ("to date").
    assert_eq!(
        prior(
            "Chiropractic 2x6 for the low back",
            "She has low back pain.",
            "The chiropractic treatment to date, 8 visits with one provider and 6 with another, was clearly \
             beneficial: she returned to full duty."
        ),
        Some(14)
    );
    // Two clinics' counts set after the comma of the sentence that tells the course given; the
    // operation that dates the course owns neither.
    assert_eq!(
        prior(
            "Post-operative physical therapy 2x4 for the right shoulder",
            "She underwent right shoulder rotator cuff repair on 04/19/2016. Post-operative therapy began on \
             05/03/2016 at Bayside, where she attended 12 visits through 06/30/2016.",
            "The patient's therapy since the 04/19/2016 surgery has been given at two clinics, the 12 visits at \
             Bayside and the 6 visits at Central Valley."
        ),
        Some(18)
    );
    // A count after the comma with a cue of its own keeps it.
    assert_eq!(
        prior(
            "Physical therapy 3x4 for the right knee",
            "He has knee pain.",
            "However, with the 6 visits already attended, the 12 visits now requested would bring the total to 18."
        ),
        Some(6)
    );
    // A total after a second provider's course is the whole history, not a third course.
    assert_eq!(
        prior(
            "Physical therapy 2x4 for the low back",
            "She completed 12 sessions of physical therapy at one clinic in 2013 and a second course of 12 sessions \
             with a different provider between 05/2014 and 08/2014, 24 sessions to date.",
            seen
        ),
        Some(24)
    );
}

/// A sentence that tells the courses before and after an operation together: a count whose own
/// words say which it is ("six post-operative sessions") is that, and a post-operative request
/// counts the one after.
#[test]
fn a_sentence_telling_both_courses_is_read_count_by_count() {
    let rules = rules();
    let prior = |summary: &str| {
        let text = decided_letter(
            "UR Denial Date: 10/02/2013",
            summary,
            "Post-operative physical therapy 2x3 for the left knee",
            "Upheld",
            "The Postsurgical Treatment Guidelines support 12 visits over 12 weeks.",
        );
        check_bytes("p", text.as_bytes(), &rules, &Options::default()).items[0].prior_visits
    };
    assert_eq!(
        prior(
            "Physical therapy records document eight pre-operative and six post-operative sessions for the left \
             knee. He underwent a left knee arthroscopic partial medial meniscectomy on 6/12/2013."
        ),
        Some(6)
    );
    // "has comprised" tells a course had.
    assert_eq!(
        prior(
            "He underwent a left knee arthroscopic partial medial meniscectomy on 6/12/2013. Physical therapy \
             has comprised ten pre-operative and six post-operative sessions."
        ),
        Some(6)
    );
    // The parts after a colon are read by their own stretch, which tells no time before surgery.
    assert_eq!(
        prior(
            "He underwent a left knee arthroscopic partial medial meniscectomy on 6/12/2013. His physical \
             therapy consists of ten pre-operative and ten post-operative sessions: the post-operative sessions were 4 \
             home health visits in the two weeks after his discharge and 6 outpatient visits at a therapy clinic."
        ),
        Some(10)
    );
}

/// A treatment named after a colon that follows a count ("11 sessions of therapy ...: ... her
/// medications are unchanged") tells what came of the course, and owns none of its count.
#[test]
fn a_treatment_after_a_colon_is_no_owner_of_the_count_before_it() {
    let rules = rules();
    let text = decided_letter(
        "UR Denial Date: 07/16/2013",
        "She has neck pain.",
        "Physical therapy 3 times a week for 4 weeks for the cervical spine",
        "Upheld",
        "The patient has already attended 11 sessions of therapy for the neck, and there is no documentation of \
         objective functional improvement from them: her work status and medications are unchanged.",
    );
    let item = &check_bytes("p", text.as_bytes(), &rules, &Options::default()).items[0];
    assert_eq!(item.prior_visits, Some(11));
}

/// The prior visits read for an item (its line's words) from a case summary, in a letter of
/// 2015 whose rationale tells no course.
fn summary_prior() -> impl Fn(&str, &str) -> Option<u32> {
    let rules = rules();
    move |item: &str, summary: &str| {
        let text = decided_letter("UR Denial Date: 08/09/2015", summary, item, "Upheld", "See the guidelines.");
        check_bytes("p", text.as_bytes(), &rules, &Options::default()).items[0].prior_visits
    }
}

/// The last conjunct of a sentence that tells a course done is more of it: "..., and a further
/// 6 visits", "..., and 6 visits with a second provider", however long the words between; the
/// parts of a total told before them ("24 sessions ..., 14 at one clinic and 10 more at a
/// second") are no more than the total.
#[test]
fn a_course_told_as_the_last_conjunct_adds_to_the_one_before() {
    let prior = summary_prior();
    let item = "Physical therapy 2x3 for the cervical spine";
    let course = "The records show that she attended 12 sessions of physical therapy for the cervical spine";
    for (more, want) in [
        (", and 6 visits with a second provider.", 18),
        (" between November 2013 and February 2014, and a further 6 visits with a second provider.", 18),
        (" between November 2013 and February 2014, and 6 more visits at her new clinic.", 18),
        // The conjunct may open on its provider: "and with Dr. Reyes, DC, for another 6 visits".
        (" in 2014, and with Dr. Reyes, DC, for another 6 visits in March and April 2016.", 18),
        // Asked for, not done.
        (", and a further 6 visits are requested.", 12),
    ] {
        assert_eq!(prior(item, &format!("{course}{more}")), Some(want), "{more}");
    }
    assert_eq!(
        prior(
            item,
            "The applicant has completed 24 sessions of physical therapy to date for the neck and low back, 14 at one \
             clinic in late 2016 and 10 more at a second clinic between March and June of 2017."
        ),
        Some(24)
    );
}

/// More of a course told as authorized and then partly used, or as a return to the provider,
/// adds to the course before it; told of no treatment where this item had no course, it is
/// another item's.
#[test]
fn more_of_a_course_adds_to_the_course_before_it() {
    let prior = summary_prior();
    // A return to a provider named with a title, and more received "at least", are courses done.
    for (summary, want) in [
        (
            "She treated with Dr. Baxter, D.C., for 8 chiropractic visits in the spring of 2011 and returned to Dr. \
             Baxter for 4 more visits in September 2013.",
            12,
        ),
        (
            "In the fall of 2011 he received 6 chiropractic treatments for the low back. In March and April 2013 he \
             received at least 6 more chiropractic treatments for the low back with Dr. Moreno, DC.",
            12,
        ),
    ] {
        assert_eq!(prior("Chiropractic treatment 1 x 6 for the low back", summary), Some(want), "{summary}");
    }
    assert_eq!(
        prior(
            "Acupuncture 2x3 for the neck",
            "For her neck pain, an initial course of 6 acupuncture treatments was completed in the fall of 2012; an \
             additional 6 were authorized in January 2013, of which she attended 4."
        ),
        Some(10)
    );
    assert_eq!(
        prior(
            "Physical therapy 2x3 for the lumbar spine",
            "He completed 9 physical therapy visits between October and December 2012. In May 2013 he had a \
             flare-up at work, and he went back to the same therapist for 3 more visits in June 2013."
        ),
        Some(12)
    );
    // "eight more", its unit unsaid, in the sentence after the course it adds to; "two more
    // injections" are not visits.
    assert_eq!(
        prior(
            "Physical therapy 2 x 4 for the lumbar spine",
            "She attended 6 physical therapy sessions at a clinic near her former home in 2015. After moving she \
             started over at a second facility, where she completed eight more between 04-2016 and 06-2016."
        ),
        Some(14)
    );
    assert_eq!(
        prior(
            "Physical therapy 2 x 4 for the lumbar spine",
            "She attended 6 physical therapy sessions in 2015. She had two more injections in 2016."
        ),
        Some(6)
    );
    assert_eq!(
        prior(
            "Occupational therapy x 6 for the right wrist",
            "She had 12 physical therapy visits for the neck at Kaiser between 03/2013 and 05/2013. An additional 6 \
             were authorized in 08/2013 at Pacific Spine & Sport, of which she attended 4 before that clinic closed."
        ),
        None
    );
}

/// A course told again with its kind unsaid ("8 post-operative therapy visits" after "8 ...
/// post-operative hand therapy visits") is the same course; with another count it is a second.
#[test]
fn a_course_told_again_without_its_kind_is_one_course() {
    let prior = summary_prior();
    assert_eq!(
        prior(
            "Occupational therapy x 12 for the right wrist",
            "She attended 8 of the 10 authorized post-operative hand therapy visits after her carpal tunnel release. \
             The surgeon notes she has received 8 post-operative therapy visits with improved grip."
        ),
        Some(8)
    );
    assert_eq!(
        prior(
            "Occupational therapy x 12 for the right wrist",
            "She attended 8 hand therapy visits for the right wrist in 2014. She then received 6 post-operative \
             therapy visits for the right wrist."
        ),
        Some(14)
    );
}

/// The phase told right after a count ("8 occupational therapy sessions after it") is the
/// count's own: after the postsurgical period, the course before surgery and the course after
/// it add up.
#[test]
fn the_phase_told_after_a_count_is_its_own() {
    let prior = summary_prior();
    assert_eq!(
        prior(
            "Occupational therapy 2 x 4 for the right wrist",
            "She underwent a right carpal tunnel release on 02/04/2014. She has had 6 hand therapy sessions before \
             surgery and 8 occupational therapy sessions after it."
        ),
        Some(14)
    );
}

/// A list of treatments had that tells a second course of the same therapy ("a second course
/// of 6 chiropractic visits", "6 more ... visits", "another 6 sessions") adds it to the first,
/// past a provider's title; a later entry that names another part of the body ("a thumb spica
/// splint for the right wrist") does not make the course that part's.
#[test]
fn a_second_course_in_a_list_of_treatments_adds_up() {
    let prior = summary_prior();
    assert_eq!(
        prior(
            "Chiropractic 2x3 for the neck",
            "Care to date has included medications, a home exercise program, 12 chiropractic visits with Dr. \
             Alvarado between April and September 2012, and a second course of 6 chiropractic visits with a \
             different chiropractor in January and February 2013."
        ),
        Some(18)
    );
    assert_eq!(
        prior(
            "Chiropractic 2x3 for the neck",
            "Care to date has included medications, 12 chiropractic visits with Dr. Alvarado in 2012, and 6 more \
             chiropractic visits in 2013."
        ),
        Some(18)
    );
    assert_eq!(
        prior(
            "Occupational therapy for the right wrist x 6",
            "Treatment to date has included medications, 12 sessions of physical therapy for the low back in \
             2013, an additional 6 sessions of physical therapy for the low back from 10/2014 to 11/2014, a thumb \
             spica splint for the right wrist, and modified work."
        ),
        None
    );
}

/// "eight occupational therapy and six chiropractic sessions": the first count borrows the
/// second's unit and counts the treatment its own words name; words that name none ("ten
/// pre-operative and ...") make no count of their own.
#[test]
fn a_first_count_may_borrow_the_unit_of_the_count_after_it() {
    let prior = summary_prior();
    let summary = "The patient has had eight occupational therapy and six chiropractic sessions to date.";
    assert_eq!(prior("Occupational therapy 6 visits for the right hand", summary), Some(8));
    assert_eq!(prior("Chiropractic 6 visits for the lumbar spine", summary), Some(6));
    assert_eq!(prior("Acupuncture 6 visits for the neck", "She has had 10 PT and 6 acupuncture visits."), Some(6));
    assert_eq!(
        prior("Physical therapy 6 visits for the neck", "She has had 10 PT and 6 acupuncture visits."),
        Some(10)
    );
    assert_eq!(
        prior("Physical therapy 6 visits for the neck", "She was seen 2 of them and 6 acupuncture visits."),
        None
    );
}

/// "ten pre-operative and sixteen post-operative sessions of physical therapy": a count that
/// names only its phase is that phase of the next count's treatment; once the postsurgical period
/// has ended, both phases count.
#[test]
fn a_count_that_names_only_its_phase_is_a_phase_of_the_next_counts_treatment() {
    let prior = summary_prior();
    let item = "Physical therapy 12 visits for the right shoulder";
    let operated = "The patient underwent right shoulder arthroscopy on 01/10/2014.";
    assert_eq!(
        prior(
            item,
            &format!(
                "{operated} She has had ten pre-operative and sixteen post-operative sessions of physical therapy."
            )
        ),
        Some(26)
    );
    assert_eq!(
        prior(
            item,
            &format!(
                "{operated} She attended 8 pre-operative visits and 12 post-operative visits of physical therapy."
            )
        ),
        Some(20)
    );
    assert_eq!(
        prior(
            item,
            &format!("{operated} She has had ten pre-operative and sixteen post-operative physical therapy sessions.")
        ),
        Some(26)
    );
}

/// "six sessions each of physical therapy and acupuncture": the count is each listed treatment's,
/// and no other's.
#[test]
fn a_count_told_for_each_of_a_list_is_each_treatments() {
    let prior = summary_prior();
    let summary = "Since March 2013 she has had six sessions each of physical therapy and acupuncture.";
    assert_eq!(prior("Acupuncture 2x3 for the cervical spine", summary), Some(6));
    assert_eq!(prior("Physical therapy 2x3 for the cervical spine", summary), Some(6));
    assert_eq!(prior("Cognitive behavioral therapy x 6", summary), None);
}

/// "was treated separately with six occupational therapy visits": a course done, told with an
/// adverb between "treated" and "with".
#[test]
fn a_course_treated_separately_with_is_done() {
    let prior = summary_prior();
    assert_eq!(
        prior(
            "Occupational therapy 2 x 3 for the left wrist",
            "The left wrist was treated separately with six occupational therapy visits in May 2013."
        ),
        Some(6)
    );
}

/// Items named in the short forms of closing summaries and tables ("LESI L4-5", "HHA 4h/day",
/// "R knee scope/PMM") are of their long forms' categories.
#[test]
fn items_in_short_forms_have_their_categories() {
    let rules = rules();
    for (item, category) in [
        ("LESI L4-5, L5-S1", "injections_and_procedures"),
        ("HHA 4h/day 3d/wk x4wk", "home_health"),
        ("R knee scope/PMM", "surgery"),
        // Home traction devices are equipment, though "lumbar traction" in a clinic is therapy.
        ("Home lumbar traction device", "durable_medical_equipment"),
        ("Pronex cervical traction device", "durable_medical_equipment"),
        // In California dry needling is acupuncture.
        ("Dry needling x 6 to the cervical spine", "acupuncture"),
    ] {
        let text = decided_letter("UR Denial Date: 08/09/2015", "He hurt his back.", item, "Upheld", "Not needed.");
        let got = check_bytes("c", text.as_bytes(), &rules, &Options::default()).items[0].category.as_str().to_owned();
        assert_eq!(got, category, "{item}");
    }
}

/// A sentence that sets its course against the one before the operation ("Unlike his
/// pre-operative therapy, this course has produced measurable gains") speaks of the course
/// after it.
#[test]
fn a_course_set_against_the_one_before_surgery_is_the_course_after_it() {
    let summary = "He underwent a left L4-L5 microdiscectomy on 05/14/2015. Since the operation he has completed 10 post-operative physical therapy visits.";
    let rationale = "This patient has completed 10 post-operative visits. Unlike his pre-operative therapy, this course has produced measurable gains: the Oswestry index has fallen by more than twenty points.";
    let text = decided_letter(
        "UR Denial Date: 08/09/2015",
        summary,
        "Post-operative physical therapy for the lumbar spine, an additional six visits",
        "Overturned",
        rationale,
    );
    let r = check_bytes("t", text.as_bytes(), &rules(), &Options::default());
    assert_eq!(r.items[0].functional_improvement_documented, Tri::Yes);
    assert_eq!(r.items[0].verdict, Verdict::WithinLimit);
}

/// A range of visits for one part of the body and a count for another, in one sentence: each
/// count keeps its own part ("between 16 and 20 ... for the low back, and six visits to the
/// neck"; "... and 6 physical therapy visits to the neck").
#[test]
fn a_range_for_one_part_and_a_count_for_another_keep_their_parts() {
    let prior = summary_prior();
    for summary in [
        "She had between 16 and 20 sessions of physical therapy for the low back in 2012, and six visits to the neck in late 2012.",
        "She had 16 sessions of physical therapy for the low back in 2012 and 6 physical therapy visits to the neck in late 2012.",
    ] {
        assert_eq!(prior("Physical therapy 2x3 for the cervical spine", summary), Some(6), "{summary}");
        assert_eq!(prior("Physical therapy 2x3 for the lumbar spine", summary), Some(16), "{summary}");
    }
}

/// Words beside a statement of improvement that are not about the item's course: another
/// therapy named in a later clause, past a comma ("..., her medication reduction is attributed
/// to the psychological treatment"), and a height told in feet before the sentence that tells
/// the course ("He is 5 feet 9 inches tall"), which names no part of the body.
#[test]
fn a_later_clause_and_a_height_do_not_take_a_statement_away() {
    let rules = rules();
    let fi = |summary: &str, rationale: &str| {
        let text = decided_letter(
            "UR Denial Date: 10/30/2013",
            summary,
            "Aquatic therapy 2x6 for the lumbar spine",
            "Upheld",
            rationale,
        );
        check_bytes("fi", text.as_bytes(), &rules, &Options::default()).items[0].functional_improvement_documented
    };
    assert_eq!(
        fi(
            "She has lumbar sprain.",
            "The notes record only that she feels looser; there is no documentation of objective functional \
             improvement, her medication reduction is attributed to the psychological treatment, and she remains \
             off work."
        ),
        Tri::No
    );
    assert_eq!(
        fi(
            "He has lumbar sprain. He is 5 feet 9 inches tall and weighs 285 pounds. Treatment to date has \
             included medications and 10 sessions of land-based physical therapy in 2015, which produced no \
             lasting functional gains.",
            "The request exceeds the guidelines."
        ),
        Tri::No
    );
}

/// A course had "through another provider" is a course had, its count unknown: not a request
/// for another.
#[test]
fn a_course_through_another_provider_was_had() {
    let rules = rules();
    let text = decided_letter(
        "UR Denial Date: 09/06/2016",
        "He has cervical sprain.",
        "Chiropractic treatment 2 x 3 for the cervical spine",
        "Upheld",
        "The injured worker had chiropractic care for the neck earlier this year through another provider. The \
         number of visits is not documented.",
    );
    let r = check_bytes("another", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items[0].prior_treatment, Tri::Yes);
    assert_eq!(r.items[0].verdict, Verdict::NeedsDocumentation);
}

/// "up to 6 treatments, after which continuation depends on documented functional improvement"
/// is the guideline's trial, not a course done; "6 visits, after which the chiropractor recorded
/// ..." is one; "8 plus 6 sessions" is a course told in two parts.
#[test]
fn a_trial_up_to_a_figure_is_no_course_done() {
    let prior = summary_prior();
    let item = "Acupuncture 2 times a week for 4 weeks for the lumbar spine";
    assert_eq!(
        prior(
            item,
            "The trial recommended is up to 6 treatments, after which continuation depends on documented \
             functional improvement."
        ),
        None
    );
    assert_eq!(
        prior(item, "She had 6 acupuncture treatments, after which the acupuncturist recorded less pain."),
        Some(6)
    );
    assert_eq!(
        prior(
            "Aquatic therapy 12 visits for the low back",
            "He has already had 8 plus 6 sessions of land-based physical therapy for the low back."
        ),
        Some(14)
    );
}

/// A count named only "sessions" in an item's own rationale is that item's request, though
/// another disputed item is of the same family.
#[test]
fn a_generic_count_in_the_items_own_rationale_is_its_request() {
    let rules = rules();
    let text = "HOW THE IMR FINAL DETERMINATION WAS MADE\nUR Denial Date: 12/18/2013\nCLINICAL CASE SUMMARY\n\
                She has lumbar radiculitis and right carpal tunnel syndrome.\n\
                IMR ISSUES, DECISIONS AND RATIONALES\n\
                Occupational therapy 2x4 for the right wrist: Upheld\n\
                Decision rationale: She has had 8 sessions of occupational therapy for the wrist.\n\
                Physical therapy for the lumbar spine: Upheld\n\
                Decision rationale: The current request is for 12 sessions. The MTUS recommends 8-10 visits \
                for radiculitis.\n";
    let r = check_bytes("generic", text.as_bytes(), &rules, &Options::default());
    assert_eq!(r.items.len(), 2);
    assert_eq!(r.items[1].visits_requested, Some(12));
    assert_eq!(r.items[1].verdict, Verdict::ExceedsLimit);
}

/// "Therapy" with no kind named, told as had, is an earlier course of physical medicine: with
/// no count and no improvement shown, a request within the course needs documentation, not a
/// pass. A therapy device ("a cold therapy unit") is no such course.
#[test]
fn therapy_of_no_named_kind_told_as_had_is_an_earlier_course() {
    let summary = "The patient has cervical radiculitis. She has had therapy in the past.";
    let text = letter("UR Denial Date: 03/02/2015", "Physical therapy x8 for the neck", summary);
    let item = first_item(&text);
    assert_eq!(item.prior_treatment, Tri::Yes, "{:#?}", item.explanation);
    assert_eq!(item.prior_visits, None);
    assert_eq!(item.verdict, Verdict::NeedsDocumentation, "{:#?}", item.explanation);
    for device in ["She has had a cold therapy unit in the past.", "She has had therapy units at home."] {
        let text = text.replace("She has had therapy in the past.", device);
        let item = first_item(&text);
        assert_ne!(item.prior_treatment, Tri::Yes, "{device}: {:#?}", item.explanation);
        assert_eq!(item.verdict, Verdict::WithinLimit, "{device}: {:#?}", item.explanation);
    }
}

/// "Acupuncture (6)": the number after the therapy's name is the visits asked for; the same on
/// an imaging item is no count.
#[test]
fn a_bare_number_after_a_therapys_name_is_the_request() {
    let summary = "She has low back pain. She has not had acupuncture.";
    let text = letter("UR Denial Date: 03/02/2015", "Acupuncture (6)", summary);
    let item = first_item(&text);
    assert_eq!(item.visits_requested, Some(6));
    assert_eq!(item.verdict, Verdict::WithinLimit, "{:#?}", item.explanation);
    let text = letter("UR Denial Date: 03/02/2015", "Lumbar MRI (1)", summary);
    let item = first_item(&text);
    assert_eq!(item.visits_requested, None);
}

/// A guideline's figures quoted with the conditions they are for, in a sentence that goes on
/// about the patient, name none of the patient's conditions; a total of prior and requested
/// visits "together with" the prior course is no prior count.
#[test]
fn conditions_a_quoted_figure_is_for_are_not_the_patients() {
    let text = decided_letter(
        "UR Denial Date: 03/02/2015",
        "The patient has a lumbar sprain/strain. She has attended at least 18 visits of physical therapy for the low back.",
        "Aquatic therapy x 12 sessions for the lumbar spine",
        "Upheld",
        "The Physical Medicine section allows 9-10 visits over 8 weeks for myalgia and myositis, 8-10 visits over 4 weeks for neuralgia, neuritis and radiculitis, and 24 visits over 16 weeks for reflex sympathetic dystrophy (CRPS); the last does not apply, as this patient has no diagnosis of CRPS. The 12 sessions requested alone exceed the 9-10 visits the guideline recommends, and together with the prior therapy the total of 30 visits is three times that figure.",
    );
    let item = first_item(&text);
    assert_eq!(item.rule.as_deref(), Some("pm-myalgia"), "{:#?}", item.explanation);
    assert_eq!(item.prior_visits, Some(18), "{:#?}", item.explanation);
    assert_eq!(item.verdict, Verdict::ExceedsLimit);
}

/// Courses told by their acts ("12 chiropractic adjustments", "six massages"), paid for outside
/// the claim, or by the provider seen ("saw a psychologist"), and gains the record credits to
/// another course ("credited to the pool program, not to the psychotherapy").
#[test]
fn courses_told_by_their_acts_or_provider_and_gains_credited_elsewhere() {
    let date = "UR Denial Date: 07/22/2013";
    let upheld = "The request is not medically necessary.";
    let chiro = decided_letter(
        date,
        "He has had 12 chiropractic adjustments for the low back in 2013.",
        "Chiropractic treatment x 6 for the low back",
        "Upheld",
        upheld,
    );
    assert_eq!(first_item(&chiro).prior_visits, Some(12));
    let massage = decided_letter(
        date,
        "She also paid out of pocket for six massages for her neck at a day spa in the summer of 2012.",
        "Massage therapy x 8 for the neck",
        "Upheld",
        upheld,
    );
    assert_eq!(first_item(&massage).prior_visits, Some(6));
    let cbt = decided_letter(
        date,
        "He saw a psychologist through a group health plan in 2012.",
        "Cognitive behavioral therapy x 6",
        "Upheld",
        upheld,
    );
    assert_eq!(first_item(&cbt).prior_treatment, imrcheck::domain::Tri::Yes);
    let credited = decided_letter(
        date,
        "She has attended 4 sessions of cognitive behavioral therapy.",
        "Cognitive behavioral therapy x 6",
        "Overturned",
        "Her return to part-time work is credited in the records to the pool program, not to the psychotherapy. \
         The request is medically necessary.",
    );
    assert_ne!(first_item(&credited).functional_improvement_documented, imrcheck::domain::Tri::Yes);
}

/// A total told with its region ("30 visits of physical therapy for the shoulder in all") is the
/// sum of the courses the summary told, not more of them; a device's trial told in the item's
/// rationale is its own though a later clause names another treatment ("..., and the unit is used
/// together with his home exercise program").
#[test]
fn a_total_told_with_its_region_and_a_trial_beside_another_treatment() {
    let summary = "He attended 6 sessions of physical therapy for the shoulder before surgery. On 03/05/2013 he \
                   underwent a rotator cuff repair, followed by 24 post-operative physical therapy visits.";
    let pt = decided_letter(
        "UR Denial Date: 10/15/2013",
        summary,
        "Physical therapy 2 x 6 for the right shoulder",
        "Upheld",
        "The postsurgical period has ended. The patient has had 30 visits of physical therapy for the shoulder in \
         all. The request is not medically necessary.",
    );
    assert_eq!(first_item(&pt).prior_visits, Some(30));
    let tens = decided_letter(
        "UR Denial Date: 10/15/2013",
        "He has shoulder pain.",
        "TENS unit purchase for the right shoulder",
        "Overturned",
        "The patient completed a 30 day trial with documented use, a reduction in his Ultram use by half and \
         improved sleep, and the unit is used together with his home exercise program. The request is medically \
         necessary.",
    );
    let item = first_item(&tens);
    assert_eq!(item.prior_visits, Some(30));
    assert_eq!(item.functional_improvement_documented, Tri::Yes);
}

/// A sentence that goes on about "the program" a history named among other treatments tells the
/// program's outcome, not the other treatments': the aquatic therapy item is not credited with
/// the functional restoration program's gains.
#[test]
fn the_programs_outcome_is_not_the_other_treatments() {
    let summary = "Treatment to date has included medications, land-based physical therapy for the low back in \
                   2016, and a functional restoration program of six weeks completed on 10/27/2017. At discharge \
                   from the program his sitting tolerance had improved from 20 to 60 minutes.";
    let aquatic = decided_letter(
        "UR Denial Date: 02/06/2018",
        summary,
        "Aquatic therapy, twelve sessions, for the low back",
        "Upheld",
        "The request is not medically necessary.",
    );
    assert_eq!(first_item(&aquatic).functional_improvement_documented, Tri::Unknown);
    let program = decided_letter(
        "UR Denial Date: 02/06/2018",
        summary,
        "Functional restoration program, 2 more weeks",
        "Upheld",
        "The request is not medically necessary.",
    );
    assert_eq!(first_item(&program).functional_improvement_documented, Tri::Yes);
}

/// The utilization review's reasoning, told at length, is the review's, not the reviewer's
/// finding: its report ("The UR report states that ...; and that the improvement was subjective
/// only"), its grounds ("which rested on the absence of documented improvement"), a claim the
/// reviewer disputes ("I do not agree that the improvement is subjective only"), and its counts
/// ("In the UR physician's words, ...", "The UR reviewer wrote that ...").
#[test]
fn the_reviews_reasoning_retold_is_not_the_reviewers_finding() {
    let summary = "The patient has completed 6 chiropractic visits for the low back.";
    let reported = decided_letter(
        "UR Denial Date: 09/10/2013",
        summary,
        "Chiropractic care, 12 sessions, for the lumbar spine",
        "Overturned",
        "The UR report states that the guidelines recommend a trial of 6 visits; that the applicant had completed \
         the trial; and that the improvement reported after the trial was subjective only. The request is medically \
         necessary.",
    );
    assert_eq!(first_item(&reported).functional_improvement_documented, Tri::Unknown);
    let grounds = decided_letter(
        "UR Denial Date: 09/10/2013",
        summary,
        "Chiropractic care, 12 sessions, for the lumbar spine",
        "Overturned",
        "The utilization review's non-certification, which rested on the absence of documented improvement, is \
         reversed.",
    );
    assert_eq!(first_item(&grounds).functional_improvement_documented, Tri::Unknown);
    let disputed = decided_letter(
        "UR Denial Date: 09/10/2013",
        summary,
        "Chiropractic care, 12 sessions, for the lumbar spine",
        "Overturned",
        "I do not agree that the improvement is subjective only. The re-examination documents objective \
         functional improvement: a return to full duty.",
    );
    assert_eq!(first_item(&disputed).functional_improvement_documented, Tri::Yes);
    let counted = decided_letter(
        "UR Denial Date: 10/05/2016",
        "She underwent an arthroscopic rotator cuff repair of the right shoulder on 06/14/2016.",
        "Post-operative physical therapy, 12 visits, for the right shoulder",
        "Overturned",
        "In the UR physician's words, the injured worker \"has completed 18 physical therapy visits to date\". Six of \
         those visits were before the operation. The post-operative therapy notes document 12 visits between \
         06/28/2016 and 09/22/2016. The request is medically necessary.",
    );
    assert_eq!(first_item(&counted).prior_visits, Some(12));
}

/// How long a symptom has lasted is no course of a device: "has had neck pain for 20 months" is
/// not 20 months of TENS use.
#[test]
fn a_symptoms_duration_is_no_course() {
    let text = decided_letter(
        "UR Denial Date: 05/21/2013",
        "The patient has neck pain.",
        "TENS unit for a 30-day home trial",
        "Overturned",
        "The patient has had neck pain for 20 months; medications and physical therapy have not controlled it, and \
         the TENS trial is requested as an adjunct to his home exercise program. The request is medically necessary.",
    );
    assert_eq!(first_item(&text).prior_visits, None);
}

/// In a list of courses, a statement set after the last one named is that course's: the
/// massage's "no documented functional improvement" is not the chiropractic course's.
#[test]
fn a_statement_after_a_later_course_in_a_list_is_that_courses() {
    let text = decided_letter(
        "UR Denial Date: 09/14/2016",
        "Treatment to date has included medications, at least 6 chiropractic visits for the neck in the spring of \
         2016 after which she returned to full duty and reduced her use of ibuprofen, and massage therapy, the \
         number of sessions not documented, with no documented functional improvement.",
        "Chiropractic treatment 2 x 4 for the cervical spine",
        "Upheld",
        "The request is not medically necessary.",
    );
    assert_eq!(first_item(&text).functional_improvement_documented, Tri::Unknown);
    let massage = text.replace("Chiropractic treatment 2 x 4", "Massage therapy x 6");
    assert_eq!(first_item(&massage).functional_improvement_documented, Tri::No);
}

/// "There is no record that the lumbar spine has received any physical therapy": none was had
/// for the item's part of the body, whatever course the utilization review counted.
#[test]
fn no_treatment_said_of_the_part_of_the_body() {
    let text = decided_letter(
        "UR Denial Date: 02/13/2018",
        "She has low back pain. She completed 12 sessions of physical therapy for the right shoulder in 2017.",
        "Physical therapy 2 x 4 for the lumbar spine",
        "Overturned",
        "The utilization reviewer reasoned that the injured worker had already completed 12 sessions of physical \
         therapy in 2017. There is no record that the lumbar spine has received any physical therapy since the \
         injury. The request is medically necessary.",
    );
    let item = first_item(&text);
    assert_eq!((item.prior_visits, item.prior_treatment), (None, Tri::No));
}

/// "the patient has had no therapy since the operation": a post-operative request's course
/// was not begun, whatever the utilization review counted before the operation.
#[test]
fn no_therapy_since_the_operation() {
    let text = decided_letter(
        "UR Denial Date: 11/05/2013",
        "He underwent a right carpal tunnel release on 10/15/2013.",
        "Post-operative occupational therapy 2 x 2 for the right wrist",
        "Overturned",
        "The UR reviewer noted that the patient \"already had 12 sessions of occupational therapy for the wrist\". \
         The 12 sessions were given before the surgery, for a different purpose; the patient has had no therapy \
         since the operation and is within the postsurgical period. The request is medically necessary.",
    );
    assert_eq!(first_item(&text).prior_visits, None);
}

/// A sentence that tells several courses' outcomes holds one finding for each: each item reads
/// its own course's, not the first the sentence tells.
#[test]
fn each_course_told_in_one_sentence_keeps_its_own_outcome() {
    let summary = "The patient has cervical myofascial pain. Prior care has included 18 chiropractic visits and \
                   8 physical therapy visits: with the chiropractic care she returned to full duty and stopped \
                   taking tramadol, whereas the physical therapy was stopped after 8 visits without objective \
                   functional improvement.";
    let date = "UR Denial Date: 07/10/2013";
    let chiro = decided_letter(
        date,
        summary,
        "Chiropractic treatment, six visits for the cervical spine",
        "Overturned",
        "The request is medically necessary.",
    );
    let pt = decided_letter(
        date,
        summary,
        "Physical therapy 2x6 for the cervical spine",
        "Upheld",
        "The request is not medically necessary.",
    );
    assert_eq!(first_item(&chiro).functional_improvement_documented, Tri::Yes);
    assert_eq!(first_item(&pt).functional_improvement_documented, Tri::No);
}

/// A drug told by its use ("his Norco use is unchanged", "his ibuprofen intake ... did not
/// change") is what a course was measured by, not the subject of the finding.
#[test]
fn a_drug_told_by_its_use_measures_the_course() {
    let date = "UR Denial Date: 07/10/2013";
    let acupuncture = decided_letter(
        date,
        "The patient has neck pain. He has had 8 acupuncture treatments for the neck.",
        "Acupuncture x 6 for the cervical spine",
        "Upheld",
        "His Norco use is unchanged and his Neck Disability Index has not improved, so no functional \
         improvement from acupuncture is documented. The request is not medically necessary.",
    );
    assert_eq!(first_item(&acupuncture).functional_improvement_documented, Tri::No);
    let tens = decided_letter(
        date,
        "The patient has low back pain. He had a one-month TENS trial.",
        "TENS unit purchase",
        "Upheld",
        "The patient's trial log shows daily use, but his ibuprofen intake and activity level did not change, so \
         the trial did not demonstrate functional improvement. The request is not medically necessary.",
    );
    assert_eq!(first_item(&tens).functional_improvement_documented, Tri::No);
}

/// A return to light duty, and a measure a course brought from one figure to another, are a
/// course's gains.
#[test]
fn light_duty_and_a_measure_brought_up_are_gains() {
    let date = "UR Denial Date: 07/10/2013";
    for outcome in
        ["which allowed him to return to light duty", "which brought his active forward flexion from 90 to 150 degrees"]
    {
        let summary = format!(
            "The patient has right shoulder pain. Since his rotator cuff repair on 03/02/2013 he has completed 12 \
             postoperative physical therapy visits, {outcome}."
        );
        let text = decided_letter(
            date,
            &summary,
            "Postoperative physical therapy 2x6 for the right shoulder",
            "Upheld",
            "The request is not medically necessary.",
        );
        assert_eq!(first_item(&text).functional_improvement_documented, Tri::Yes, "{outcome}");
    }
}

/// "After a trial of 6 chiropractic visits ..., he returned to full duty": the trial the
/// outcome followed is a course done.
#[test]
fn a_trial_an_outcome_followed_is_a_course_done() {
    let text = decided_letter(
        "UR Denial Date: 07/10/2013",
        "The claimant has low back pain. After a trial of 6 chiropractic visits in May and June 2013, he \
         returned to full duty.",
        "Chiropractic treatment 2 times a week for 6 weeks for the lumbar spine",
        "Overturned",
        "The request is medically necessary.",
    );
    let item = first_item(&text);
    assert_eq!(item.prior_visits, Some(6));
    assert_eq!(item.verdict, Verdict::WithinLimit);
}

/// A sentence that tells the course before an operation and the course after it, then finds no
/// improvement "from the most recent course", speaks of the later course: its finding is not set
/// aside as the earlier course's.
#[test]
fn a_finding_after_both_courses_is_the_later_courses() {
    let summary = "He had 6 sessions of physical therapy for the left knee before surgery. On 11/14/2012 he \
                   underwent a left knee partial medial meniscectomy.";
    let told = |rationale: &str| {
        first_item(&decided_letter(
            "UR Denial Date: 08/06/2013",
            summary,
            "Physical therapy three times a week for four weeks for the left knee",
            "Upheld",
            rationale,
        ))
        .functional_improvement_documented
    };
    assert_eq!(
        told(
            "The patient had 6 physical therapy sessions before surgery and at least 18 visits after it, far more than \
             the guidelines recommend, and there is no documentation of objective functional improvement from the \
             most recent course. The request is not medically necessary."
        ),
        Tri::No
    );
    // The earlier course's outcome told in its own clause stays the earlier course's.
    assert_eq!(
        told(
            "The patient had 6 physical therapy sessions before surgery without functional improvement, and 18 \
             visits after it. The request is not medically necessary."
        ),
        Tri::Unknown
    );
}

/// A record dated between its name and its verb ("A progress note dated 08/26/2016 documents
/// four more post-operative sessions") tells more of the course, as "the note documents" does.
#[test]
fn a_dated_record_tells_more_of_the_course() {
    let summary = "She underwent a right knee partial medial meniscectomy on 06/21/2016. She began post-operative \
                   physical therapy on 07/06/2016, and the therapist's re-evaluation of 07/29/2016 records six visits \
                   attended. A progress note dated 08/26/2016 documents four more post-operative sessions in August.";
    let item = first_item(&decided_letter(
        "UR Denial Date: 09/14/2016",
        summary,
        "Post-operative physical therapy two times a week for three weeks for the right knee",
        "Overturned",
        "The request is medically necessary.",
    ));
    assert_eq!(item.prior_visits, Some(10));
}

/// In a list of treatments, a count is its own entry's: "acupuncture to the left wrist in 2013
/// (12 sessions) and physical therapy for the low back" is no low-back acupuncture course, and
/// "six acupuncture treatments to the neck and low back" is the neck's as well as the back's.
#[test]
fn a_count_in_a_list_of_treatments_is_its_own_entrys() {
    let summary = "He has lumbar radiculopathy and a left wrist sprain. Treatment to date has included medications, \
                   a lumbar epidural steroid injection in 2014, acupuncture to the left wrist in 2013 (12 sessions) \
                   and physical therapy for the low back.";
    let lumbar = decided_letter(
        "UR Denial Date: 09/12/2016",
        summary,
        "Acupuncture 6 sessions for the lumbar spine",
        "Overturned",
        "A trial is supported.",
    );
    assert_eq!(first_item(&lumbar).prior_visits, None);
    let neck = decided_letter(
        "UR Denial Date: 09/12/2016",
        "Treatment has included twelve sessions of physical therapy for the low back and six acupuncture \
         treatments to the neck and low back in 2014.",
        "Acupuncture for the cervical spine x 6",
        "Upheld",
        "No gains are documented.",
    );
    assert_eq!(first_item(&neck).prior_visits, Some(6));
}

/// A postoperative request follows the latest operation on its part of the body: the course
/// after an earlier operation, the one a review only certified, the fusion an image shows and
/// the visits the reviewer says do not count are not its course.
#[test]
fn a_later_operation_sets_aside_the_courses_of_earlier_ones() {
    let summary = "He underwent a left L5-S1 microdiscectomy on 02-11-2014, followed by 24 sessions of physical \
                   therapy between 03-2014 and 07-2014. A utilization review dated 03-02-2016 certified an L4-S1 \
                   posterior lumbar interbody fusion. He underwent the L4-S1 posterior lumbar interbody fusion on \
                   05-10-2016. CT of the lumbar spine dated 08-22-2016 showed a solid fusion from L4 to S1. He has \
                   completed 12 post-operative physical therapy visits.";
    let text = decided_letter(
        "UR Denial Date: 09/14/2016",
        summary,
        "Post-operative physical therapy 2 x 6 for the lumbar spine",
        "Overturned",
        "The 24 sessions of therapy he attended in 2014 followed the earlier microdiscectomy and do not count \
         against the current postsurgical course. The request is medically necessary.",
    );
    let item = first_item(&text);
    assert!(item.postsurgical, "{:?}", item.rule);
    assert_eq!(item.prior_visits, Some(12));
    // A knee replacement after a meniscectomy: the replacement's period, not the older one's.
    let knee = decided_letter(
        "UR Denial Date: 08/22/2016",
        "He underwent a right knee arthroscopic partial medial meniscectomy on 03/16/2010 and completed 12 \
         postoperative physical therapy visits that spring. On 05/03/2016 he underwent a right total knee \
         arthroplasty. Since the arthroplasty he has attended 12 postoperative physical therapy visits.",
        "Post-operative physical therapy 2 times a week for 6 weeks for the right knee",
        "Overturned",
        "Flexion improved from 85 to 108 degrees and he no longer needs a walker.",
    );
    let item = first_item(&knee);
    assert!(item.postsurgical, "{:?}", item.rule);
    assert_eq!(item.rule.as_deref(), Some("postsurgical-knee-arthroplasty"));
}

/// The review in dispute is the one the letter calls challenged, else the latest it tells: a long
/// history tells earlier reviews of other requests first.
#[test]
fn the_review_in_dispute_is_the_latest_or_the_challenged_one() {
    let text = "HOW THE IMR FINAL DETERMINATION WAS MADE\nCLINICAL CASE SUMMARY\nA utilization review dated \
                03-02-2016 certified a fusion. The utilization review being challenged is dated 09-14-2016. A \
                utilization review dated 10-01-2016 certified a brace.\nIMR ISSUES, DECISIONS AND RATIONALES\n\
                Physical therapy 2x4 for the neck: Upheld\nDecision rationale: Not necessary.\n";
    let r = check_bytes("a", text.as_bytes(), &rules(), &Options::default());
    assert_eq!(r.case.as_ref().and_then(|c| c.ur_date).map(|d| d.to_string()).as_deref(), Some("2016-09-14"));
    let latest = text
        .replace("being challenged is dated 09-14-2016", "dated 09-14-2016 denied an MRI")
        .replace(" A utilization review dated 10-01-2016 certified a brace.", "");
    let r = check_bytes("a", latest.as_bytes(), &rules(), &Options::default());
    assert_eq!(r.case.as_ref().and_then(|c| c.ur_date).map(|d| d.to_string()).as_deref(), Some("2016-09-14"));
}

/// A course is told as records tell it: a second clinic's "attended 6 of 8 authorized visits"
/// after the first's 8, a ledger that "itemizes" the visits, and a record of one treatment ("the
/// aquatic therapy progress note of 10/28/2013 lists 5 sessions") beside another of its family.
#[test]
fn courses_told_as_records_tell_them_add_up() {
    // (UR date, case summary, item, visits had)
    let cases = [
        (
            "UR Denial Date: 09/12/2016",
            "He has lumbar radiculopathy. Physical therapy for the lumbar spine was started at a clinic near his \
             workplace on 03-14-2016; the daily notes from that clinic document 8 visits through 04-22-2016. Care was \
             then transferred to a second clinic closer to his home, where the re-evaluation dated 07-29-2016 states \
             that he has attended 6 of 8 authorized visits.",
            "Physical therapy 2 times a week for 4 weeks for the lumbar spine",
            14,
        ),
        (
            "UR Denial Date: 02/14/2018",
            "On 10/05/2017 he underwent a right knee arthroscopic partial medial meniscectomy. A billing ledger from \
             the therapy provider itemizes eight post-operative physical therapy visits in 2017 and four more in \
             January 2018.",
            "Post-operative physical therapy x 8 for the right knee",
            12,
        ),
        (
            "UR Denial Date: 11/20/2013",
            "She completed 10 sessions of land-based physical therapy to the low back in early 2013. Aquatic therapy \
             was then authorized; the aquatic therapy progress note of 10/28/2013 lists 5 sessions attended.",
            "Aquatic therapy two times a week for six weeks for the low back",
            15,
        ),
    ];
    for (date, summary, item, had) in cases {
        let text = decided_letter(date, summary, item, "Upheld", "No further therapy is supported.");
        assert_eq!(first_item(&text).prior_visits, Some(had), "{item}");
    }
}

/// A course told across sentences, providers and years adds up: a new provider who "has seen her
/// for" more visits, a course told by what followed it ("After 6 treatments ..."), a total after
/// more of it, counts in parentheses after their entries of a list, a range of more visits by
/// year beside another treatment of the family, "6sessions ... and 4 more" in a list (run
/// together as a PDF's extraction leaves it), a course
/// with a psychologist someone "saw", and one told "along with" another family's.
#[test]
fn courses_told_across_sentences_providers_and_years_add_up() {
    // (case summary, item, visits had)
    let cases = [
        (
            "She began chiropractic care in June 2012 at a clinic near her workplace and attended 8 visits. In \
             2013 she changed chiropractors; the new provider has seen her for 5 more visits.",
            "Chiropractic treatment 2 times a week for 3 weeks for the lumbar spine",
            13,
        ),
        (
            "She began acupuncture for the neck in 2012. After 6 treatments she moved to another acupuncturist, \
             who has seen her for 4 more.",
            "Acupuncture 2x3 for the cervical spine",
            10,
        ),
        (
            "Physical therapy for the right shoulder began in 2012. He then attended an additional 6 sessions in \
             April 2013, for a total of 16 sessions of physical therapy.",
            "Physical therapy 2x4 for the right shoulder",
            16,
        ),
        (
            "Treatment to date has included medications, physical therapy for the low back (10 sessions in 2012), \
             chiropractic care, aquatic therapy for the lumbar spine (4 sessions in 2013) and a lumbar injection.",
            "Physical therapy 2x4 for the lumbar spine",
            14,
        ),
        (
            "In 2010 she attended 10 physical therapy visits for the low back, in 2011 between 4 and 6 more, and in \
             2012 she completed a course of 6 aquatic therapy sessions for the low back.",
            "Physical therapy 3x4 for the lumbar spine",
            20,
        ),
        (
            "Treatment to date has included medications, chiropractic treatment for the neck (6sessions in 2011 \
             and 4 more in 2012), and a TENS unit.",
            "Chiropractic manipulation 1 x 6 for the cervical spine",
            10,
        ),
        (
            "She was referred for psychological treatment in January 2013 and saw a psychologist for 4 sessions of \
             cognitive behavioral therapy through April 2013.",
            "Cognitive behavioral therapy, 6 sessions",
            4,
        ),
        (
            "For the low back he was treated in 2012 at a chiropractic office with 10 adjustments, along with 4 \
             sessions of massage therapy.",
            "Massage therapy x 6 for the lumbar spine",
            4,
        ),
    ];
    for (summary, item, had) in cases {
        let text =
            decided_letter("UR Denial Date: 08/05/2013", summary, item, "Upheld", "No further care is supported.");
        assert_eq!(first_item(&text).prior_visits, Some(had), "{item}");
    }
}

/// Courses told around operations: a clause that tells both phases ("Before that surgery ..., and
/// afterward ...") past the period adds them; a "continued post-operative" request after its period
/// counts the course before the operation too; and inside the period of a second operation, the
/// course told before it in the sentence that tells it is left out.
#[test]
fn courses_told_around_operations_are_counted_by_their_period() {
    // (UR date, case summary, item, visits had)
    let cases = [
        (
            "UR Denial Date: 11/06/2013",
            "He underwent a left shoulder arthroscopic subacromial decompression on 01/17/2012. Before that surgery \
             he had 6 visits of physical therapy to the left shoulder, and afterward he completed 24 post-operative \
             physical therapy visits in 2012.",
            "Physical therapy for the left shoulder x 8",
            30,
        ),
        (
            "UR Denial Date: 11/19/2013",
            "She had 6 sessions of occupational therapy for the right wrist from 3/2013 to 4/2013. She underwent a \
             right carpal tunnel release on 07/15/2013 and attended 8 post-operative hand therapy visits in August \
             and September 2013.",
            "Continued post-operative occupational therapy 3x4 for the right wrist",
            14,
        ),
        (
            "UR Denial Date: 12/17/2013",
            "He underwent a right knee ACL reconstruction on 02/12/2013 and completed 24 post-operative visits. Left \
             shoulder: he had 10 visits of physical therapy for the shoulder in the spring of 2013 and underwent a \
             left shoulder arthroscopic subacromial decompression on 09/10/2013. Since surgery he has attended 6 \
             physical therapy visits for the shoulder.",
            "Post-operative physical therapy for the left shoulder, 12 sessions",
            6,
        ),
    ];
    for (date, summary, item, had) in cases {
        let text = decided_letter(date, summary, item, "Upheld", "No further therapy is supported.");
        assert_eq!(first_item(&text).prior_visits, Some(had), "{item}");
    }
}

/// What the utilization review "relied on" is the review's reading: the reviewer's own word on
/// the later report decides.
#[test]
fn the_report_the_utilization_review_relied_on_is_its_reading() {
    let rationale = "The utilization review relied on the 12-06-2017 report, which described minimal progress. The \
                     more recent report of 01-24-2018 documents objective functional improvement: flexion has \
                     improved to 155 degrees and she has returned to modified duty. The request is medically necessary.";
    let text = decided_letter(
        "UR Denial Date: 02/14/2018",
        "She completed 16 post-operative physical therapy visits after a right shoulder arthroscopic rotator cuff repair on 10-05-2017.",
        "Post-operative physical therapy 2x4 for the right shoulder",
        "Overturned",
        rationale,
    );
    assert_eq!(first_item(&text).functional_improvement_documented, imrcheck::domain::Tri::Yes);
}

/// An operation the letter disputes on one side is not the other side's: a left carpal tunnel
/// release requested does not make "continued post-operative" therapy of the right wrist, whose
/// release was done in July 2013, the therapy of an operation not yet done.
#[test]
fn a_disputed_operation_on_the_other_side_is_not_the_items() {
    let text = "HOW THE IMR FINAL DETERMINATION WAS MADE\nUR Denial Date: 11/19/2013\nCLINICAL CASE SUMMARY\n\
                She had 6 sessions of occupational therapy for both wrists from 3/2013 to 4/2013. She underwent a \
                right carpal tunnel release in July 2013 and attended 8 post-operative hand therapy visits in August \
                and September 2013. A left carpal tunnel release has been requested.\n\
                IMR ISSUES, DECISIONS AND RATIONALES\n\
                Left carpal tunnel release: Overturned\nDecision rationale: The left-sided release is medically necessary.\n\
                Continued post-operative occupational therapy 3x4 for the right wrist: Upheld\n\
                Decision rationale: No further therapy is supported.\n";
    let report = check_bytes("letter", text.as_bytes(), &rules(), &Options::default());
    let therapy = &report.items[1];
    // July 2013 + 3 months ends by 10/31/2013, before the review: the right wrist's period is over.
    assert!(!therapy.postsurgical);
    assert!(!therapy.explanation.iter().any(|s| s.text.contains("not yet done")));
    assert!(therapy.prior_visits.is_some());
}

/// A rationale that weighs its evidence turns on its word: a sentence opening "However," that
/// finds improvement outweighs the "did not change" before it. A turn the other way stays no,
/// and the case summary's "However" turns nothing of the rationale's.
#[test]
fn a_rationale_that_turns_on_however_finds_what_follows() {
    let item = |summary: &str, rationale: &str| {
        first_item(&decided_letter(
            "UR Denial Date: 03/12/2015",
            summary,
            "Acupuncture x 6 for the lumbar spine",
            "Overturned",
            rationale,
        ))
    };
    let summary = "The patient has low back pain. She completed 6 acupuncture treatments in late 2014.";
    let turned = item(
        summary,
        "The provider did not record pain scores after those treatments, and the work status did not change. \
         However, the records document that her Norco use decreased from four tablets a day to two after the \
         acupuncture. The request is medically necessary.",
    );
    assert_eq!(turned.functional_improvement_documented, Tri::Yes);
    assert_eq!(turned.verdict, Verdict::WithinLimit);
    let not_turned = item(
        summary,
        "Her Norco use decreased from four tablets a day to two. However, there is no documentation of \
         objective functional improvement from the acupuncture. The request is not medically necessary.",
    );
    assert_eq!(not_turned.functional_improvement_documented, Tri::No);
    // Without the turn, the rationale's "did not change" stands.
    let unturned = item(
        summary,
        "The work status did not change. The records document that her Norco use decreased from four tablets \
         a day to two. The request is medically necessary.",
    );
    assert_eq!(unturned.functional_improvement_documented, Tri::No);
}

/// Earlier courses told in a list of treatments: entries each with their own dates add up, the
/// course done is what was attended of what was authorized, and a count told as after an
/// operation is not the operation's.
#[test]
fn courses_in_lists_and_summaries_of_treatment_to_date() {
    let pt = |summary: &str, rationale: &str| {
        first_item(&decided_letter(
            "UR Denial Date: 03/17/2015",
            summary,
            "Physical therapy 2 x 4 for the lumbar spine",
            "Upheld",
            rationale,
        ))
        .prior_visits
    };
    let rationale = "The request is not medically necessary.";
    // Two entries of the list, each dated in its parenthesis.
    assert_eq!(
        pt(
            "She has lumbar strain. Treatment to date has included:\n- physical therapy, lumbar spine (12 sessions, \
             11-2012 to 01-2013)\n- physical therapy, lumbar spine (6 sessions, 05-2014 to 06-2014)\n- acupuncture, \
             lumbar spine (6 treatments, 11-2014 to 12-2014)",
            rationale
        ),
        Some(18)
    );
    assert_eq!(
        pt(
            "She has lumbar strain. Prior treatment includes physical therapy to the lumbar spine (12 sessions in \
             2016; 6 sessions in 2017) and chiropractic treatment (10 visits, 2013).",
            rationale
        ),
        Some(18)
    );
    // The same course told again in another year's words is not a second course.
    assert_eq!(
        pt(
            "She has lumbar strain. She had at least 12 physical therapy visits from 03/2012 through 05/2013.",
            "The records show 12 physical therapy visits since 03/2012. The request is not medically necessary."
        ),
        Some(12)
    );
    // Of the visits certified, those attended.
    assert_eq!(
        pt(
            "She has lumbar strain. Physical therapy was certified in three courses: 6 visits in 1/2012, 8 visits \
             in 6/2012 and 6 visits in 2/2013, 20 visits in all, of which the therapy records document 14 visits \
             attended.",
            rationale
        ),
        Some(14)
    );
    // A bulleted list under "Treatment to date, per the records:", each entry its own clause.
    let summary =
        "She has low back pain and a left knee meniscal tear. Treatment to date, per the records:\n- Physical \
                   therapy, left knee: 12 visits authorized (UR of 7/22/2013), 10 attended through 9/30/2013\n- \
                   Massage therapy, low back: 4 sessions (8/2013), with temporary relief\n- Medications: naproxen";
    let knee = first_item(&decided_letter(
        "UR Denial Date: 10/15/2013",
        summary,
        "Physical therapy 2 x 3 for the left knee",
        "Upheld",
        rationale,
    ));
    assert_eq!(knee.prior_visits, Some(10));
    let massage = first_item(&decided_letter(
        "UR Denial Date: 10/15/2013",
        summary,
        "Massage therapy, 6 sessions, for the lumbar spine",
        "Upheld",
        rationale,
    ));
    assert_eq!(massage.prior_visits, Some(4));
    // The operation a count is told as after does not own it.
    let shoulder = first_item(&decided_letter(
        "UR Denial Date: 09/06/2016",
        "She underwent a right shoulder arthroscopic rotator cuff repair on 05/10/2016. Post-operative physical \
         therapy began on 06/01/2016; 24 visits were authorized in two certifications of 12.",
        "Post-operative Physical Therapy 2x6 Right Shoulder",
        "Upheld",
        "The injured worker underwent surgery on 05/10/2016 and, per the flow sheet, has attended 18 post-operative \
         visits to date. The request is not medically necessary.",
    ));
    assert_eq!(shoulder.prior_visits, Some(18));
}

/// A table of treatments set out with leader dots: each row is a course of its treatment, the
/// family's rows add up, and what was attended of an authorization counts.
#[test]
fn rows_of_a_table_with_leader_dots_are_courses() {
    let summary = "Treatment summary, from the utilization review of 7/22/2013:\n\
                   Land-based physical therapy, bilateral knees ........ 12 visits (04/2012-06/2012)\n\
                   Aquatic therapy, bilateral knees .......... 8 of 12 authorized visits attended (09/2013)\n\
                   Psychotherapy (CBT) ............ 4 sessions (4/2013-5/2013)\n\
                   Biofeedback .................... 2 sessions (5/2013)\n\
                   Medications .................... tramadol ER, sertraline";
    let prior = |item: &str| {
        first_item(&decided_letter("UR Denial Date: 10/22/2013", summary, item, "Upheld", "Not medically necessary."))
            .prior_visits
    };
    assert_eq!(prior("Cognitive behavioral therapy, 6 sessions"), Some(6));
    assert_eq!(prior("Aquatic therapy 3 x 4 for the bilateral knees"), Some(20));
}

/// A part of the body named as why a course stopped ("because of knee pain") is not the part the
/// course treated.
#[test]
fn a_part_named_as_why_a_course_stopped_is_not_its_part() {
    let item = first_item(&decided_letter(
        "UR Denial Date: 11/04/2013",
        "She has chronic low back pain. She has completed 24 sessions of land-based physical therapy to date, \
         and could not tolerate further land-based exercise because of knee pain and her weight.",
        "Aquatic therapy 2 x 4 for the lumbar spine",
        "Overturned",
        "The request is medically necessary.",
    ));
    assert_eq!(item.prior_visits, Some(24));
    // Told as the course's own part, the other part still sets the course aside.
    let item = first_item(&decided_letter(
        "UR Denial Date: 11/04/2013",
        "She has chronic low back pain. She has completed 24 sessions of physical therapy for knee pain.",
        "Aquatic therapy 2 x 4 for the lumbar spine",
        "Overturned",
        "The request is medically necessary.",
    ));
    assert_eq!(item.prior_visits, None);
}

/// Improvement told as claimed but not shown is not documented, and what a rationale says of the
/// postoperative course stays that course's though the sentence goes on to the course before
/// the operation.
#[test]
fn improvement_claimed_but_not_documented_is_not_documented() {
    let fi = |summary: &str, item: &str, rationale: &str| {
        first_item(&decided_letter("UR Denial Date: 10/02/2013", summary, item, "Upheld", rationale))
            .functional_improvement_documented
    };
    let summary = "She has right carpal tunnel syndrome. She has completed 4 occupational therapy visits.";
    assert_eq!(
        fi(
            summary,
            "Occupational therapy x 4 for the right wrist",
            "Functional improvement is asserted by the provider but not documented. The request is not medically \
             necessary."
        ),
        Tri::No
    );
    assert_eq!(
        fi(
            summary,
            "Occupational therapy x 4 for the right wrist",
            "Functional improvement is reported by the provider and measured: grip strength rose from 12 to 20 kg."
        ),
        Tri::Yes
    );
    assert_eq!(
        fi(
            "She had 6 visits of hand therapy before surgery. She underwent right carpal tunnel release on \
             08/06/2013 and has completed 4 post-operative visits.",
            "Post-operative occupational therapy x 4 for the right wrist",
            "Functional improvement is asserted by the provider but not documented, and the therapy before surgery \
             had produced no lasting benefit either. The request is not medically necessary."
        ),
        Tri::No
    );
}
