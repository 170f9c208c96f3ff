//! The corpus summary every audit format carries: the dispute mix by category (which part of a
//! corpus a visit rule could audit, and which it could not), counts by family and modality,
//! verdicts by decision, the agreement rate, and the disagreements split by direction, each with a reason.
//!
//! It is counts and bounded samples, so an audit's memory does not grow with its corpus: the
//! disagreement lists and the list of letters that could not be read keep their first
//! [`SAMPLE`] rows, beside the totals; every disagreement is in the items output already.

use super::{ItemReport, LetterReport};
use crate::domain::{Agreement, Category, Decision, Family, Modality, Verdict};
use crate::engine::Disagreement;
use crate::rules::model::Status;
use serde::Serialize;
use std::collections::BTreeMap;

/// How many rows each list of the summary keeps (the first ones, in input order): the
/// disagreements in each direction, and the letters that could not be read.
pub const SAMPLE: usize = 1000;

/// One disagreement, for the lists of the summary.
#[derive(Debug, Clone, Serialize)]
pub struct DisagreementRow {
    /// Letter path.
    pub letter: String,
    /// Item number (1-based).
    pub item: usize,
    /// Line of the item.
    pub line: usize,
    /// The item text.
    pub request: String,
    /// The decision.
    pub decision: Decision,
    /// The verdict.
    pub verdict: Verdict,
    /// The rule.
    pub rule: Option<String>,
    /// The standing of the rule's figure.
    pub source_status: Option<Status>,
    /// The step that decided the verdict.
    pub reason: String,
}

/// Agreement counts.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct AgreementCounts {
    /// Agrees.
    pub agrees: usize,
    /// Disagrees.
    pub disagrees: usize,
    /// Indeterminate.
    pub indeterminate: usize,
}

impl AgreementCounts {
    fn add(&mut self, a: Agreement) {
        match a {
            Agreement::Agrees => self.agrees += 1,
            Agreement::Disagrees => self.disagrees += 1,
            Agreement::Indeterminate => self.indeterminate += 1,
        }
    }

    /// Agrees / (agrees + disagrees); None when nothing was comparable.
    pub fn rate(&self) -> Option<f64> {
        let n = self.agrees + self.disagrees;
        (n > 0).then(|| self.agrees as f64 / n as f64)
    }
}

/// One part of a corpus (a category, a year of decision, a reviewer specialty): its items,
/// their decisions and how many a rule audited and agreed with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CategoryCounts {
    /// Items of the category.
    pub items: usize,
    /// Decisions upheld.
    pub upheld: usize,
    /// Decisions overturned.
    pub overturned: usize,
    /// Items a rule judged (any verdict but `no_rule`).
    pub audited: usize,
    /// Audited items whose decision agrees with the verdict.
    pub agrees: usize,
    /// Audited items whose decision disagrees with the verdict.
    pub disagrees: usize,
}

impl CategoryCounts {
    /// The counts with their names, in the order every report shows them.
    pub fn named(&self) -> [(&'static str, usize); 6] {
        [
            ("items", self.items),
            ("upheld", self.upheld),
            ("overturned", self.overturned),
            ("audited", self.audited),
            ("agrees", self.agrees),
            ("disagrees", self.disagrees),
        ]
    }

    /// Count one item.
    fn add(&mut self, item: &ItemReport) {
        self.items += 1;
        match item.decision {
            Decision::Upheld => self.upheld += 1,
            Decision::Overturned => self.overturned += 1,
            Decision::Unknown => {}
        }
        if item.verdict != Verdict::NoRule {
            self.audited += 1;
        }
        match item.agreement {
            Agreement::Agrees => self.agrees += 1,
            Agreement::Disagrees => self.disagrees += 1,
            Agreement::Indeterminate => {}
        }
    }
}

/// The key the breakdowns use for items whose letter does not say (no year, no specialty).
pub const UNKNOWN: &str = "unknown";

/// The summary of an audit.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Where the report came from: version, rules, time, options (set by [`crate::audit::run`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provenance: Option<super::provenance::Provenance>,
    /// Letters read (every input).
    pub letters: usize,
    /// Letters that could not be audited.
    pub letters_with_errors: usize,
    /// Of those, PDFs with no text layer (scans to run OCR on first).
    pub scanned: usize,
    /// Items found.
    pub items: usize,
    /// The dispute mix: items, decisions and how many were audited, by category.
    pub by_category: BTreeMap<Category, CategoryCounts>,
    /// Items a rule judged (any verdict but `no_rule`).
    pub audited: usize,
    /// The same counts by the year of the decision (of the decision date, else of the case
    /// number; `unknown` when the letter gives neither).
    pub by_decision_year: BTreeMap<String, CategoryCounts>,
    /// The same counts by the reviewer's specialty (the first one the letter names, spelled one
    /// way; `unknown` when it names none).
    pub by_reviewer_specialty: BTreeMap<String, CategoryCounts>,
    /// Items by family.
    pub by_family: BTreeMap<Family, usize>,
    /// Items by modality.
    pub by_modality: BTreeMap<Modality, usize>,
    /// Verdict by decision.
    pub verdict_by_decision: BTreeMap<Verdict, BTreeMap<Decision, usize>>,
    /// Agreement overall.
    pub agreement: AgreementCounts,
    /// Agreement rate (agrees over comparable items).
    pub agreement_rate: Option<f64>,
    /// Agreement by family.
    pub agreement_by_family: BTreeMap<Family, AgreementCounts>,
    /// Upheld although the rule allows the request: the first [`SAMPLE`] of them.
    pub stricter_than_rule: Vec<DisagreementRow>,
    /// How many items were upheld although the rule allows the request.
    pub stricter_than_rule_total: usize,
    /// Overturned although the rule does not allow it: the first [`SAMPLE`] of them.
    pub more_lenient_than_rule: Vec<DisagreementRow>,
    /// How many items were overturned although the rule does not allow them.
    pub more_lenient_than_rule_total: usize,
    /// Items whose letter cites a page or threshold that differs from the rule.
    pub citation_flags: usize,
    /// Verdicts by the standing of the deciding rule's figure (items with a rule): `confirmed`,
    /// `corroborated`, `carried_over`, `unconfirmed`.
    pub verdict_by_source_status: BTreeMap<Status, BTreeMap<Verdict, usize>>,
    /// Agreement by the standing of the deciding rule's figure, so the rate on confirmed
    /// figures alone can be read.
    pub agreement_by_source_status: BTreeMap<Status, AgreementCounts>,
    /// Items whose verdict rests on a figure with no source in the edition in force (carried
    /// over or unconfirmed; `no_rule` and `no_count` rest on no figure and are not counted).
    pub on_weak_figures: usize,
    /// Letters that could not be audited, with the reason: the first [`SAMPLE`] of them
    /// (`letters_with_errors` counts them all).
    pub errors: Vec<(String, String)>,
}

/// The step that decided an item's verdict: the last one before the decision step.
pub fn reason(item: &ItemReport) -> String {
    key_step(item).and_then(|k| item.explanation.get(k)).map(|s| s.text.clone()).unwrap_or_default()
}

/// The index of the deciding step: the last step before the decision that reaches a verdict
/// ("... → exceeds_limit"), else the one just before the decision.
pub fn key_step(item: &ItemReport) -> Option<usize> {
    let n = item.explanation.len();
    if n < 2 {
        return None;
    }
    let verdict = format!("→ {}", item.verdict);
    item.explanation[..n - 1].iter().rposition(|s| s.text.contains(&verdict)).or(Some(n - 2))
}

impl Summary {
    /// Count one letter.
    pub fn add(&mut self, report: &LetterReport) {
        self.letters += 1;
        if !report.errors.is_empty() {
            self.letters_with_errors += 1;
            if report.error_kind.as_deref() == Some("scanned") {
                self.scanned += 1;
            }
            if self.errors.len() < SAMPLE {
                self.errors.push((report.letter.clone(), report.errors.join("; ")));
            }
        }
        let case = report.case.as_ref();
        let year = case.and_then(|c| c.decision_year).map(|y| y.to_string()).unwrap_or_else(|| UNKNOWN.to_owned());
        let specialty = case.and_then(|c| c.reviewer_specialty_group.clone()).unwrap_or_else(|| UNKNOWN.to_owned());
        for (i, item) in report.items.iter().enumerate() {
            self.items += 1;
            self.by_category.entry(item.category).or_default().add(item);
            self.by_decision_year.entry(year.clone()).or_default().add(item);
            self.by_reviewer_specialty.entry(specialty.clone()).or_default().add(item);
            if item.verdict != Verdict::NoRule {
                self.audited += 1;
            }
            *self.by_family.entry(item.family).or_default() += 1;
            *self.by_modality.entry(item.modality).or_default() += 1;
            *self.verdict_by_decision.entry(item.verdict).or_default().entry(item.decision).or_default() += 1;
            self.agreement.add(item.agreement);
            self.agreement_by_family.entry(item.family).or_default().add(item.agreement);
            if !item.citation_flags.is_empty() {
                self.citation_flags += 1;
            }
            if let Some(st) = item.source_status {
                *self.verdict_by_source_status.entry(st).or_default().entry(item.verdict).or_default() += 1;
                self.agreement_by_source_status.entry(st).or_default().add(item.agreement);
            }
            if item.rests_on_weak_figure() {
                self.on_weak_figures += 1;
            }
            if let Some(d) = item.disagreement {
                let (total, rows) = match d {
                    Disagreement::StricterThanRule => {
                        (&mut self.stricter_than_rule_total, &mut self.stricter_than_rule)
                    }
                    Disagreement::MoreLenientThanRule => {
                        (&mut self.more_lenient_than_rule_total, &mut self.more_lenient_than_rule)
                    }
                };
                *total += 1;
                if rows.len() >= SAMPLE {
                    continue;
                }
                rows.push(DisagreementRow {
                    letter: report.letter.clone(),
                    item: i + 1,
                    line: item.line,
                    request: item.request.clone(),
                    decision: item.decision,
                    verdict: item.verdict,
                    rule: item.rule.clone(),
                    source_status: item.source_status,
                    reason: reason(item),
                });
            }
        }
        self.agreement_rate = self.agreement.rate();
    }

    /// The breakdowns as (title, rows): by category (its label), by year of decision, by the
    /// reviewer's specialty. Every format that prints tables prints these.
    pub fn breakdowns(&self) -> Vec<(&'static str, Vec<(String, CategoryCounts)>)> {
        let by = |m: &BTreeMap<String, CategoryCounts>| -> Vec<(String, CategoryCounts)> {
            // `unknown` last, after the years or specialties the letters name.
            let mut rows: Vec<(String, CategoryCounts)> =
                m.iter().filter(|(k, _)| *k != UNKNOWN).map(|(k, v)| (k.clone(), *v)).collect();
            rows.extend(m.get(UNKNOWN).map(|v| ("not stated".to_owned(), *v)));
            rows
        };
        vec![
            ("category", self.by_category.iter().map(|(c, n)| (c.label(), *n)).collect()),
            ("year of decision", by(&self.by_decision_year)),
            ("reviewer specialty", by(&self.by_reviewer_specialty)),
        ]
    }

    /// A plain-text summary for the terminal.
    pub fn render_text(&self) -> String {
        use super::num;
        use std::fmt::Write;
        let mut out = String::new();
        if let Some(p) = &self.provenance {
            for (label, value) in p.lines() {
                let _ = writeln!(out, "{label}: {value}");
            }
        }
        let _ = writeln!(
            out,
            "letters read: {} ({} with errors), items: {}",
            num(self.letters),
            num(self.letters_with_errors),
            num(self.items)
        );
        if self.scanned > 0 {
            let _ = writeln!(
                out,
                "scanned PDFs with no text layer: {} (run OCR first, e.g. ocrmypdf, then audit them again)",
                num(self.scanned)
            );
        }
        let _ = writeln!(
            out,
            "audited by a rule: {} of {} items; the rest are categories no visit rule covers",
            num(self.audited),
            num(self.items)
        );
        for (title, rows) in self.breakdowns() {
            let width = rows.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0).max(title.len()).min(40);
            let _ = writeln!(
                out,
                "{title:<width$} {:>7} {:>7} {:>11} {:>8} {:>7} {:>9}",
                "items", "upheld", "overturned", "audited", "agrees", "disagrees"
            );
            for (k, n) in rows {
                let [a, b, c, d, e, f] = n.named().map(|(_, v)| num(v));
                let _ = writeln!(out, "{k:<width$} {a:>7} {b:>7} {c:>11} {d:>8} {e:>7} {f:>9}");
            }
        }
        let fams: Vec<String> = self.by_family.iter().map(|(f, n)| format!("{f} {}", num(*n))).collect();
        let _ = writeln!(out, "by family: {}", fams.join(", "));
        let mods: Vec<String> = self.by_modality.iter().map(|(m, n)| format!("{m} {}", num(*n))).collect();
        let _ = writeln!(out, "by modality: {}", mods.join(", "));
        let _ = writeln!(out, "{:<22} {:>8} {:>11} {:>8}", "verdict \\ decision", "upheld", "overturned", "unknown");
        for (v, by) in &self.verdict_by_decision {
            let g = |d| by.get(&d).copied().unwrap_or(0);
            let _ = writeln!(
                out,
                "{:<22} {:>8} {:>11} {:>8}",
                v.as_str(),
                num(g(Decision::Upheld)),
                num(g(Decision::Overturned)),
                num(g(Decision::Unknown))
            );
        }
        let a = &self.agreement;
        let rate = self.agreement_rate.map(|r| format!("{:.1}%", r * 100.0)).unwrap_or_else(|| "n/a".into());
        let _ = writeln!(
            out,
            "agreement: {rate} ({} agree, {} disagree, {} indeterminate)",
            num(a.agrees),
            num(a.disagrees),
            num(a.indeterminate)
        );
        if !self.verdict_by_source_status.is_empty() {
            let parts: Vec<String> = self
                .verdict_by_source_status
                .iter()
                .map(|(st, by)| {
                    let a = self.agreement_by_source_status.get(st).copied().unwrap_or_default();
                    format!(
                        "{} {} ({} agree, {} disagree)",
                        st.label(),
                        num(by.values().sum::<usize>()),
                        num(a.agrees),
                        num(a.disagrees)
                    )
                })
                .collect();
            let _ = writeln!(out, "items by the standing of the rule's figure: {}", parts.join(", "));
            let _ = writeln!(
                out,
                "verdicts resting on a carried-over or unconfirmed figure: {}",
                num(self.on_weak_figures)
            );
        }
        for (title, rows, total) in [
            ("decision stricter than the rule", &self.stricter_than_rule, self.stricter_than_rule_total),
            ("decision more lenient than the rule", &self.more_lenient_than_rule, self.more_lenient_than_rule_total),
        ] {
            let _ = writeln!(out, "{title}: {}", num(total));
            for r in rows {
                let _ = writeln!(
                    out,
                    "  {}:{} item {}: {} ({} vs {}): {}",
                    r.letter, r.line, r.item, r.request, r.decision, r.verdict, r.reason
                );
            }
            if total > rows.len() {
                let _ = writeln!(out, "  ... and {} more (every item is in the report)", num(total - rows.len()));
            }
        }
        if self.citation_flags > 0 {
            let _ = writeln!(
                out,
                "items citing a page or threshold that differs from the rule: {}",
                num(self.citation_flags)
            );
        }
        for (l, e) in &self.errors {
            let _ = writeln!(out, "error: {}: {}", super::terminal_safe(l), super::terminal_safe(e));
        }
        if self.letters_with_errors > self.errors.len() {
            let _ = writeln!(
                out,
                "... and {} more letters with errors (each is in the report)",
                num(self.letters_with_errors - self.errors.len())
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(path: &str) -> LetterReport {
        let rules = crate::rules::load_embedded().expect("the embedded rules load").rules;
        let bytes = std::fs::read(path).expect("the fixture letter is there");
        crate::check_bytes(path, &bytes, &rules, &Default::default())
    }

    /// Issue 14: the summary of a large audit is counts and the first rows, not every row.
    #[test]
    fn lists_keep_their_first_rows_and_count_them_all() {
        let stricter = report("fixtures/holdout/h105_postop_pt_12_rotator_cuff_upheld.txt");
        let lenient = report("fixtures/holdout/h101_aquatic_2x4_lumbar_radiculopathy.txt");
        let unread = LetterReport::failed("unread.txt", "the file is empty".into());
        let per = |r: &LetterReport, d: Disagreement| r.items.iter().filter(|i| i.disagreement == Some(d)).count();
        let (s1, l1) =
            (per(&stricter, Disagreement::StricterThanRule), per(&lenient, Disagreement::MoreLenientThanRule));
        assert!(s1 > 0 && l1 > 0, "the fixtures disagree both ways");
        let mut summary = Summary::default();
        let n = SAMPLE + 5;
        for _ in 0..n {
            summary.add(&stricter);
            summary.add(&lenient);
            summary.add(&unread);
        }
        assert_eq!(summary.stricter_than_rule.len(), SAMPLE);
        assert_eq!(summary.more_lenient_than_rule.len(), SAMPLE);
        assert_eq!(summary.errors.len(), SAMPLE);
        assert_eq!(summary.stricter_than_rule_total, n * s1);
        assert_eq!(summary.more_lenient_than_rule_total, n * l1);
        assert_eq!(summary.letters_with_errors, n);
        assert_eq!(summary.stricter_than_rule[0].letter, stricter.letter, "the first rows are kept");
        let text = summary.render_text();
        let num = crate::report::num::<usize>;
        assert!(text.contains(&format!("decision stricter than the rule: {}", num(n * s1))), "{text}");
        assert!(text.contains(&format!("... and {} more (every item is in the report)", num(n * s1 - SAMPLE))));
        assert!(text.contains(&format!("... and {} more letters with errors", num(n - SAMPLE))));
    }
}
