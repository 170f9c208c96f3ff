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
