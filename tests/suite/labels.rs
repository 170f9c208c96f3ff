use super::{path, rules};
use imrcheck::eval::{labelled, Labels, Score};

fn score(dir: &str) -> Score {
    let rules = rules();
    let mut score = Score::default();
    for (txt, yaml) in labelled(&path(dir)).expect("readable") {
        let labels: Labels =
            serde_yaml::from_str(&std::fs::read_to_string(&yaml).expect("read")).expect("labels parse");
        score.add(&imrcheck::check_path(&txt, &rules, &Default::default()), &labels);
    }
    score
}

#[test]
fn labelled_corpus_scores_at_least_97_percent_on_every_field() {
    let s = score("fixtures/letters");
    assert!(s.letters >= 45, "{} letters", s.letters);
    assert!(s.worst() >= 0.97, "{}", s.render());
}

#[test]
fn both_decisions_and_all_layouts_are_represented() {
    let mut formats = std::collections::BTreeSet::new();
    let (mut upheld, mut overturned) = (0, 0);
    for (_, yaml) in labelled(&path("fixtures/letters")).expect("readable") {
        let labels: Labels = serde_yaml::from_str(&std::fs::read_to_string(&yaml).expect("read")).expect("parse");
        formats.insert(labels.format.clone());
        for i in &labels.items {
            match i.fields.get("decision").and_then(|v| v.as_str()) {
                Some("upheld") => upheld += 1,
                Some("overturned") => overturned += 1,
                _ => {}
            }
        }
    }
    assert_eq!(formats.into_iter().collect::<Vec<_>>(), vec!["2014", "notice2013", "review2013"]);
    assert!(upheld >= 15 && overturned >= 15, "upheld {upheld}, overturned {overturned}");
}

/// Every labelled fixture set, seeds to the realistic mix (the untouched set included: this
/// checks a property of the output, not a score).
const SETS: &[&str] = &[
    "fixtures/letters",
    "fixtures/holdout",
    "fixtures/holdout2",
    "fixtures/realistic",
    "fixtures/realistic2",
    "fixtures/realistic3",
];

const THERAPY_CATEGORIES: &[&str] =
    &["physical_medicine", "chiropractic", "acupuncture", "massage", "psychological_services", "programs"];

#[test]
fn no_item_that_names_a_non_therapy_gets_a_therapy_rule() {
    let rules = rules();
    let mut checked = 0;
    for set in SETS {
        let Ok(pairs) = labelled(&path(set)) else { continue };
        for (txt, yaml) in pairs {
            let labels: Labels = serde_yaml::from_str(&std::fs::read_to_string(&yaml).expect("read")).expect("parse");
            let report = imrcheck::check_path(&txt, &rules, &Default::default());
            for item in &report.items {
                // What the tool read the item as, and what its writer labelled it.
                let label = labels.items.iter().find(|l| imrcheck::letter::same_item(&l.request, &item.request));
                let labelled_category =
                    label.and_then(|l| l.fields.get("category")).and_then(|v| v.as_str()).unwrap_or("");
                let not_therapy =
                    |c: &str| !c.is_empty() && !THERAPY_CATEGORIES.contains(&c) && c != "durable_medical_equipment";
                if not_therapy(item.category.as_str()) || not_therapy(labelled_category) {
                    checked += 1;
                    assert!(
                        item.rule.is_none() && item.verdict == imrcheck::domain::Verdict::NoRule,
                        "{}: \"{}\" ({}; labelled {labelled_category}) was judged by {:?}",
                        txt.display(),
                        item.request,
                        item.category,
                        item.rule
                    );
                    assert_eq!(item.visits_requested, None, "{}: {}", txt.display(), item.request);
                }
            }
        }
    }
    assert!(checked > 200, "only {checked} non-therapy items checked");
}

#[test]
fn a_no_rule_item_says_its_category_and_why_in_one_line() {
    let rules = rules();
    let report = imrcheck::check_path(
        &path("fixtures/realistic").join("r1_01_2014_norco_flexeril_esi_emg_pt_omeprazole.txt"),
        &rules,
        &Default::default(),
    );
    let norco = report.items.iter().find(|i| i.request.to_lowercase().contains("norco")).expect("the Norco item");
    assert_eq!(norco.category, imrcheck::domain::Category::Pharmaceuticals);
    assert_eq!(norco.agreement, imrcheck::domain::Agreement::Indeterminate);
    assert!(
        norco.explanation.iter().any(|s| s.text == "Pharmaceuticals: no MTUS visit rule covers this item → no_rule."),
        "{:#?}",
        norco.explanation.iter().map(|s| &s.text).collect::<Vec<_>>()
    );
}
