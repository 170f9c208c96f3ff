//! Scoring against labelled letters: `imrcheck eval DIR` compares each letter's items with the
//! labels in `NAME.yaml` beside `NAME.txt` and prints field-level accuracy and every miss.

use crate::report::{ItemReport, LetterReport};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// One labelled item (JSON contract field names).
#[derive(Debug, Clone, Deserialize)]
pub struct LabelItem {
    /// Item text.
    pub request: String,
    /// Fields by name, as YAML values.
    #[serde(flatten)]
    pub fields: BTreeMap<String, serde_yaml::Value>,
}

/// A label file.
#[derive(Debug, Clone, Deserialize)]
pub struct Labels {
    /// Expected layout.
    pub format: String,
    /// Expected items.
    pub items: Vec<LabelItem>,
}

/// The fields scored.
pub const FIELDS: &[&str] = &[
    "format",
    "items",
    "category",
    "modality",
    "family",
    "visits_requested",
    "prior_visits",
    "functional_improvement_documented",
    "decision",
    "verdict",
    "agreement",
];

/// A miss: which letter, item and field, expected and got.
#[derive(Debug, Clone)]
pub struct Miss {
    /// Letter file.
    pub letter: String,
    /// Item number (1-based; 0 for letter-level fields).
    pub item: usize,
    /// Line of the item.
    pub line: usize,
    /// Field.
    pub field: String,
    /// Expected.
    pub expected: String,
    /// Got.
    pub got: String,
}

/// The score.
#[derive(Debug, Clone, Default)]
pub struct Score {
    /// (correct, total) per field.
    pub fields: BTreeMap<String, (usize, usize)>,
    /// Every miss.
    pub misses: Vec<Miss>,
    /// Letters scored.
    pub letters: usize,
    /// Items labelled.
    pub items: usize,
    /// Scope of a visit rule (labelled verdict other than `no_rule`) against what the tool
    /// decided: true positives, false positives, false negatives.
    pub scope: (usize, usize, usize),
    /// Claims: items the tool says agree or disagree, and of those, how many the label agrees with.
    pub claims: (usize, usize),
    /// The claims the label does not back.
    pub wrong_claims: Vec<Miss>,
}

fn norm(v: &serde_yaml::Value) -> String {
    match v {
        serde_yaml::Value::Null => "null".into(),
        serde_yaml::Value::Bool(true) => "yes".into(),
        serde_yaml::Value::Bool(false) => "no".into(),
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other).unwrap_or_default().trim().to_owned(),
    }
}

fn got(item: &ItemReport, field: &str) -> String {
    let j = serde_json::to_value(item).unwrap_or_default();
    match j.get(field) {
        Some(serde_json::Value::Null) | None => "null".into(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Bool(b)) => if *b { "yes" } else { "no" }.into(),
        Some(other) => other.to_string(),
    }
}

impl Score {
    fn tally(&mut self, field: &str, ok: bool) {
        let e = self.fields.entry(field.to_owned()).or_default();
        e.1 += 1;
        if ok {
            e.0 += 1;
        }
    }

    /// Score one letter against its labels.
    pub fn add(&mut self, report: &LetterReport, labels: &Labels) {
        self.letters += 1;
        self.items += labels.items.len();
        let fmt_ok = report.format == labels.format;
        self.tally("format", fmt_ok);
        if !fmt_ok {
            self.misses.push(Miss {
                letter: report.letter.clone(),
                item: 0,
                line: 0,
                field: "format".into(),
                expected: labels.format.clone(),
                got: format!("{} {}", report.format, report.errors.join("; ")),
            });
        }
        let n_ok = report.items.len() == labels.items.len();
        self.tally("items", n_ok);
        if !n_ok {
            let got: Vec<String> = report.items.iter().map(|i| i.request.clone()).collect();
            self.misses.push(Miss {
                letter: report.letter.clone(),
                item: 0,
                line: 0,
                field: "items".into(),
                expected: labels.items.len().to_string(),
                got: format!("{} {:?}", report.items.len(), got),
            });
        }
        // Pair labels with items by text, falling back to order.
        let mut used = vec![false; report.items.len()];
        for (li, label) in labels.items.iter().enumerate() {
            let found = report
                .items
                .iter()
                .enumerate()
                .position(|(i, it)| !used[i] && crate::letter::same_item(&it.request, &label.request))
                .or_else(|| (li < report.items.len() && !used[li]).then_some(li));
            let item = found.map(|i| {
                used[i] = true;
                &report.items[i]
            });
            if let Some(it) = item {
                self.scope_and_claims(report, li, label, it);
            }
            for field in FIELDS.iter().skip(2) {
                let Some(expected) = label.fields.get(*field).map(norm) else {
                    continue;
                };
                let (value, line) = match item {
                    Some(it) => (got(it, field), it.line),
                    None => ("(item not found)".into(), 0),
                };
                let ok = value == expected;
                self.tally(field, ok);
                if !ok {
                    self.misses.push(Miss {
                        letter: report.letter.clone(),
                        item: li + 1,
                        line,
                        field: (*field).into(),
                        expected,
                        got: value,
                    });
                }
            }
        }
    }

    fn scope_and_claims(&mut self, report: &LetterReport, li: usize, label: &LabelItem, it: &ItemReport) {
        let labelled = |f: &str| label.fields.get(f).map(norm);
        if let Some(verdict) = labelled("verdict") {
            let expected = verdict != "no_rule";
            let got = it.verdict != crate::domain::Verdict::NoRule;
            match (expected, got) {
                (true, true) => self.scope.0 += 1,
                (false, true) => self.scope.1 += 1,
                (true, false) => self.scope.2 += 1,
                (false, false) => {}
            }
        }
        let claim = it.agreement.as_str();
        if matches!(claim, "agrees" | "disagrees") {
            if let Some(expected) = labelled("agreement") {
                self.claims.0 += 1;
                if expected == claim {
                    self.claims.1 += 1;
                } else {
                    self.wrong_claims.push(Miss {
                        letter: report.letter.clone(),
                        item: li + 1,
                        line: it.line,
                        field: "claim".into(),
                        expected,
                        got: claim.to_owned(),
                    });
                }
            }
        }
    }

    /// Scope precision: of the items the tool judged by a rule, the share labelled in scope.
    pub fn scope_precision(&self) -> f64 {
        ratio(self.scope.0, self.scope.0 + self.scope.1)
    }

    /// Scope recall: of the items labelled in scope, the share the tool judged by a rule.
    pub fn scope_recall(&self) -> f64 {
        ratio(self.scope.0, self.scope.0 + self.scope.2)
    }

    /// Claims correct: of the items the tool says agree or disagree, the share the label backs.
    pub fn claims_correct(&self) -> f64 {
        ratio(self.claims.1, self.claims.0)
    }

    /// The lowest figure: every field's accuracy, scope precision and recall, claims correct.
    pub fn worst(&self) -> f64 {
        self.fields
            .values()
            .map(|(c, t)| ratio(*c, *t))
            .chain([self.scope_precision(), self.scope_recall(), self.claims_correct()])
            .fold(1.0, f64::min)
    }

    /// A printable table and the misses.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{} letters, {} labelled items", self.letters, self.items);
        let _ = writeln!(out, "{:<36} {:>8} {:>9}", "field", "correct", "accuracy");
        for f in FIELDS {
            if let Some((c, t)) = self.fields.get(*f) {
                let _ = writeln!(out, "{:<36} {:>3}/{:<4} {:>8.1}%", f, c, t, 100.0 * *c as f64 / (*t).max(1) as f64);
            }
        }
        let (tp, fp, fn_) = self.scope;
        let _ = writeln!(
            out,
            "{:<36} {:>3}/{:<4} {:>8.1}%",
            "scope precision",
            tp,
            tp + fp,
            100.0 * self.scope_precision()
        );
        let _ = writeln!(out, "{:<36} {:>3}/{:<4} {:>8.1}%", "scope recall", tp, tp + fn_, 100.0 * self.scope_recall());
        let _ = writeln!(
            out,
            "{:<36} {:>3}/{:<4} {:>8.1}%",
            "claims correct",
            self.claims.1,
            self.claims.0,
            100.0 * self.claims_correct()
        );
        if !self.wrong_claims.is_empty() {
            let _ = writeln!(out, "\nclaims the labels do not back:");
            for m in &self.wrong_claims {
                let _ = writeln!(
                    out,
                    "  {}:{} item {}: says {}, label says {}",
                    m.letter, m.line, m.item, m.got, m.expected
                );
            }
        }
        if !self.misses.is_empty() {
            let _ = writeln!(out, "\nmisses:");
            for m in &self.misses {
                let _ = writeln!(
                    out,
                    "  {}:{} item {} {}: expected {}, got {}",
                    m.letter, m.line, m.item, m.field, m.expected, m.got
                );
            }
        }
        out
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Find `*.txt` and `*.pdf` letters with a `.yaml` label beside them.
pub fn labelled(dir: &Path) -> std::io::Result<Vec<(PathBuf, PathBuf)>> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.extension().is_some_and(|x| x == "txt" || x == "pdf") {
            let l = p.with_extension("yaml");
            if l.exists() {
                out.push((p, l));
            }
        }
    }
    out.sort();
    Ok(out)
}
