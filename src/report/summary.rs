//! The corpus summary every audit format carries: the dispute mix by category (which part of a
//! corpus a visit rule could audit, and which it could not), counts by family and modality,
//! verdicts by decision, the agreement rate, and the disagreements split by direction, each with a reason.

use super::{ItemReport, LetterReport};
use crate::domain::{Agreement, Category, Decision, Family, Modality, Verdict};
use crate::engine::Disagreement;
use crate::rules::model::Status;
use serde::Serialize;
use std::collections::BTreeMap;

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

/// One category's share of a corpus.
#[derive(Debug, Clone, Copy, Default, Serialize)]
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

/// The summary of an audit.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
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
    /// Upheld although the rule allows the request.
    pub stricter_than_rule: Vec<DisagreementRow>,
    /// Overturned although the rule does not allow it.
    pub more_lenient_than_rule: Vec<DisagreementRow>,
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
    /// Letters that could not be audited, with the reason.
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
            self.errors.push((report.letter.clone(), report.errors.join("; ")));
        }
        for (i, item) in report.items.iter().enumerate() {
            self.items += 1;
            let c = self.by_category.entry(item.category).or_default();
            c.items += 1;
            match item.decision {
                Decision::Upheld => c.upheld += 1,
                Decision::Overturned => c.overturned += 1,
                Decision::Unknown => {}
            }
            if item.verdict != Verdict::NoRule {
                c.audited += 1;
                self.audited += 1;
            }
            match item.agreement {
                Agreement::Agrees => c.agrees += 1,
                Agreement::Disagrees => c.disagrees += 1,
                Agreement::Indeterminate => {}
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
                let row = DisagreementRow {
                    letter: report.letter.clone(),
                    item: i + 1,
                    line: item.line,
                    request: item.request.clone(),
                    decision: item.decision,
                    verdict: item.verdict,
                    rule: item.rule.clone(),
                    source_status: item.source_status,
                    reason: reason(item),
                };
                match d {
                    Disagreement::StricterThanRule => self.stricter_than_rule.push(row),
                    Disagreement::MoreLenientThanRule => self.more_lenient_than_rule.push(row),
                }
            }
        }
        self.agreement_rate = self.agreement.rate();
    }

    /// A plain-text summary for the terminal.
    pub fn render_text(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "letters read: {} ({} with errors), items: {}",
            self.letters, self.letters_with_errors, self.items
        );
        if self.scanned > 0 {
            let _ = writeln!(
                out,
                "scanned PDFs with no text layer: {} (run OCR first, e.g. ocrmypdf, then audit them again)",
                self.scanned
            );
        }
        let _ = writeln!(
            out,
            "audited by a rule: {} of {} items; the rest are categories no visit rule covers",
            self.audited, self.items
        );
        let _ = writeln!(
            out,
            "{:<28} {:>6} {:>7} {:>11} {:>8} {:>7} {:>9}",
            "category", "items", "upheld", "overturned", "audited", "agrees", "disagrees"
        );
        for (c, n) in &self.by_category {
            let _ = writeln!(
                out,
                "{:<28} {:>6} {:>7} {:>11} {:>8} {:>7} {:>9}",
                c.as_str(),
                n.items,
                n.upheld,
                n.overturned,
                n.audited,
                n.agrees,
                n.disagrees
            );
        }
        let fams: Vec<String> = self.by_family.iter().map(|(f, n)| format!("{f} {n}")).collect();
        let _ = writeln!(out, "by family: {}", fams.join(", "));
        let mods: Vec<String> = self.by_modality.iter().map(|(m, n)| format!("{m} {n}")).collect();
        let _ = writeln!(out, "by modality: {}", mods.join(", "));
        let _ = writeln!(out, "{:<22} {:>8} {:>11} {:>8}", "verdict \\ decision", "upheld", "overturned", "unknown");
        for (v, by) in &self.verdict_by_decision {
            let g = |d| by.get(&d).copied().unwrap_or(0);
            let _ = writeln!(
                out,
                "{:<22} {:>8} {:>11} {:>8}",
                v.as_str(),
                g(Decision::Upheld),
                g(Decision::Overturned),
                g(Decision::Unknown)
            );
        }
        let a = &self.agreement;
        let rate = self.agreement_rate.map(|r| format!("{:.1}%", r * 100.0)).unwrap_or_else(|| "n/a".into());
        let _ = writeln!(
            out,
            "agreement: {rate} ({} agree, {} disagree, {} indeterminate)",
            a.agrees, a.disagrees, a.indeterminate
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
                        by.values().sum::<usize>(),
                        a.agrees,
                        a.disagrees
                    )
                })
                .collect();
            let _ = writeln!(out, "items by the standing of the rule's figure: {}", parts.join(", "));
            let _ = writeln!(out, "verdicts resting on a carried-over or unconfirmed figure: {}", self.on_weak_figures);
        }
        for (title, rows) in [
            ("decision stricter than the rule", &self.stricter_than_rule),
            ("decision more lenient than the rule", &self.more_lenient_than_rule),
        ] {
            let _ = writeln!(out, "{title}: {}", rows.len());
            for r in rows {
                let _ = writeln!(
                    out,
                    "  {}:{} item {}: {} ({} vs {}): {}",
                    r.letter, r.line, r.item, r.request, r.decision, r.verdict, r.reason
                );
            }
        }
        if self.citation_flags > 0 {
            let _ =
                writeln!(out, "items citing a page or threshold that differs from the rule: {}", self.citation_flags);
        }
        for (l, e) in &self.errors {
            let _ = writeln!(out, "error: {l}: {e}");
        }
        out
    }
}
