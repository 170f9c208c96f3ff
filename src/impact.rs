//! What a change of rules does to an audit (`imrcheck rules impact`): every letter checked
//! under two rule sets, the items whose verdict, agreement or deciding rule changes ("flips"),
//! and the agreement rate before and after. Written for a person (text), a spreadsheet (CSV),
//! a program (JSON) or a reviewer's browser (one self-contained HTML page).

use crate::audit::Input;
use crate::domain::{Agreement, Category, Decision, Verdict};
use crate::report::sinks::csv_field;
use crate::report::summary::AgreementCounts;
use crate::report::ItemReport;
use crate::rules::RuleSet;
use crate::Options;
use rayon::prelude::*;
use serde::Serialize;
use std::fmt::Write;

/// One side of a flip: what one rule set says of the item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    /// The verdict.
    pub verdict: Verdict,
    /// Whether the letter's decision agrees with it.
    pub agreement: Agreement,
    /// The deciding rule, `id@version`, or null.
    pub rule: Option<String>,
}

impl Side {
    fn of(item: &ItemReport) -> Side {
        let rule = item.rule.as_ref().map(|r| match &item.rule_version {
            Some(v) => format!("{r}@{v}"),
            None => r.clone(),
        });
        Side { verdict: item.verdict, agreement: item.agreement, rule }
    }
}

/// An item whose verdict, agreement or deciding rule changes.
#[derive(Debug, Clone, Serialize)]
pub struct Flip {
    /// The letter.
    pub letter: String,
    /// The item's line in the letter.
    pub line: usize,
    /// The item's number in the letter (1-based).
    pub item: usize,
    /// The item as the letter gives it.
    pub request: String,
    /// Its category.
    pub category: Category,
    /// The reviewer's decision.
    pub decision: Decision,
    /// Under the base rules.
    pub before: Side,
    /// Under the edited rules.
    pub after: Side,
    /// The step that decides the verdict now.
    pub now: Option<String>,
}

/// The comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Impact {
    /// The base rules (`embedded` or a directory).
    pub base: String,
    /// The edited rules.
    pub rules: String,
    /// Letters read.
    pub letters: usize,
    /// Letters that could not be checked, with the reason.
    pub errors: Vec<(String, String)>,
    /// Items compared.
    pub items: usize,
    /// Agreement under the base rules.
    pub agreement_before: AgreementCounts,
    /// Agreement under the edited rules.
    pub agreement_after: AgreementCounts,
    /// Agrees over agrees and disagrees, under the base rules (null when no item is judged).
    pub agreement_rate_before: Option<f64>,
    /// The same under the edited rules.
    pub agreement_rate_after: Option<f64>,
    /// The items that change, in input order.
    pub flips: Vec<Flip>,
}

fn count(c: &mut AgreementCounts, a: Agreement) {
    match a {
        Agreement::Agrees => c.agrees += 1,
        Agreement::Disagrees => c.disagrees += 1,
        Agreement::Indeterminate => c.indeterminate += 1,
    }
}

/// Why an impact could not be measured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoLetters {
    /// The inputs that could not be read, with the reason.
    pub errors: Vec<(String, String)>,
}

impl std::fmt::Display for NoLetters {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no letter with disputed items to compare on")?;
        if self.errors.is_empty() {
            write!(f, " (no *.txt or *.pdf file)")?;
        }
        Ok(())
    }
}

/// Check every letter of `inputs` under `old` and `new`. Paths that hold no letter with items
/// are an error, not an empty comparison.
pub fn compare(inputs: &[Input], old: &RuleSet, new: &RuleSet, options: &Options) -> Result<Impact, NoLetters> {
    let results: Vec<_> = inputs
        .par_iter()
        .map(|input| match input {
            Input::File(p) => {
                let a = crate::check_path(p, old, options);
                let b = crate::check_path(p, new, options);
                Ok((a, b))
            }
            Input::Broken(p, why) => Err((p.display().to_string(), why.clone())),
        })
        .collect();
    let mut impact = Impact {
        base: old.origin.clone(),
        rules: new.origin.clone(),
        letters: 0,
        errors: Vec::new(),
        items: 0,
        agreement_before: AgreementCounts::default(),
        agreement_after: AgreementCounts::default(),
        agreement_rate_before: None,
        agreement_rate_after: None,
        flips: Vec::new(),
    };
    for r in results {
        let (a, b) = match r {
            Ok(pair) => pair,
            Err(e) => {
                impact.letters += 1;
                impact.errors.push(e);
                continue;
            }
        };
        impact.letters += 1;
        if let Some(e) = a.errors.first().or(b.errors.first()) {
            impact.errors.push((a.letter.clone(), e.clone()));
            continue;
        }
        // The same letter gives the same items under both rule sets, save when the edited
        // rules' vocabulary finds more or fewer: compare what both found, and say so.
        if a.items.len() != b.items.len() {
            impact.errors.push((
                a.letter.clone(),
                format!(
                    "{} items under the base rules, {} under the edited ones (their vocabulary differs); the first {} compared",
                    a.items.len(),
                    b.items.len(),
                    a.items.len().min(b.items.len())
                ),
            ));
        }
        for (i, (x, y)) in a.items.iter().zip(&b.items).enumerate() {
            impact.items += 1;
            count(&mut impact.agreement_before, x.agreement);
            count(&mut impact.agreement_after, y.agreement);
            if x.verdict != y.verdict || x.agreement != y.agreement || x.rule != y.rule {
                impact.flips.push(Flip {
                    letter: a.letter.clone(),
                    line: x.line,
                    item: i + 1,
                    request: crate::report::fold(&x.request),
                    category: x.category,
                    decision: x.decision,
                    before: Side::of(x),
                    after: Side::of(y),
                    now: crate::report::summary::key_step(y).and_then(|k| y.explanation.get(k)).map(|s| s.text.clone()),
                });
            }
        }
    }
    if impact.items == 0 {
        return Err(NoLetters { errors: impact.errors });
    }
    impact.agreement_rate_before = impact.agreement_before.rate();
    impact.agreement_rate_after = impact.agreement_after.rate();
    Ok(impact)
}

/// A rate as a percentage with one decimal, or "n/a".
pub fn percent(r: Option<f64>) -> String {
    r.map(|r| format!("{:.1}%", r * 100.0)).unwrap_or_else(|| "n/a".into())
}

fn rule(r: &Option<String>) -> &str {
    r.as_deref().unwrap_or("-")
}

impl Impact {
    /// The agreement line: "agreement: 87.5% -> 85.0% (35 -> 34 agree, 5 -> 6 disagree)".
    pub fn agreement_line(&self) -> String {
        let (a, b) = (&self.agreement_before, &self.agreement_after);
        format!(
            "agreement: {} -> {} ({} -> {} agree, {} -> {} disagree, {} -> {} indeterminate)",
            percent(self.agreement_rate_before),
            percent(self.agreement_rate_after),
            a.agrees,
            b.agrees,
            a.disagrees,
            b.disagrees,
            a.indeterminate,
            b.indeterminate
        )
    }

    /// For a person: each flip with its letter and line, then the counts.
    pub fn render_text(&self) -> String {
        let mut out = String::new();
        for f in &self.flips {
            let _ = writeln!(out, "{}:{} item {}: {}", f.letter, f.line, f.item, f.request);
            let _ = writeln!(
                out,
                "    verdict   {} -> {}   ({} -> {})",
                f.before.verdict,
                f.after.verdict,
                rule(&f.before.rule),
                rule(&f.after.rule)
            );
            let _ = writeln!(
                out,
                "    agreement {} -> {}   (decision {})",
                f.before.agreement, f.after.agreement, f.decision
            );
            if let Some(now) = &f.now {
                let _ = writeln!(out, "    now: {now}");
            }
        }
        for (l, e) in &self.errors {
            let _ = writeln!(out, "not compared: {l}: {e}");
        }
        let _ = writeln!(out, "{} of {} items change ({} letters)", self.flips.len(), self.items, self.letters);
        let _ = writeln!(out, "{}", self.agreement_line());
        out
    }

    /// The CSV columns of [`Impact::to_csv`].
    pub const CSV_COLUMNS: &'static [&'static str] = &[
        "letter",
        "line",
        "item",
        "request",
        "category",
        "decision",
        "verdict_before",
        "verdict_after",
        "agreement_before",
        "agreement_after",
        "rule_before",
        "rule_after",
        "now",
    ];

    /// One row per flip (UTF-8 with a byte-order mark, as `audit --format csv`).
    pub fn to_csv(&self) -> String {
        let mut out = String::from("\u{feff}");
        out.push_str(&Self::CSV_COLUMNS.join(","));
        out.push_str("\r\n");
        for f in &self.flips {
            let cells = [
                f.letter.clone(),
                f.line.to_string(),
                f.item.to_string(),
                f.request.clone(),
                f.category.as_str().to_owned(),
                f.decision.as_str().to_owned(),
                f.before.verdict.as_str().to_owned(),
                f.after.verdict.as_str().to_owned(),
                f.before.agreement.as_str().to_owned(),
                f.after.agreement.as_str().to_owned(),
                rule(&f.before.rule).to_owned(),
                rule(&f.after.rule).to_owned(),
                f.now.clone().unwrap_or_default(),
            ];
            let row: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
            out.push_str(&row.join(","));
            out.push_str("\r\n");
        }
        out
    }

    /// The figures beside a CSV: `key,value` rows.
    pub fn summary_csv(&self) -> String {
        let rate = |r: Option<f64>| r.map(|r| format!("{r:.4}")).unwrap_or_default();
        let rows: Vec<(&str, String)> = vec![
            ("base", self.base.clone()),
            ("rules", self.rules.clone()),
            ("letters", self.letters.to_string()),
            ("letters_not_compared", self.errors.len().to_string()),
            ("items", self.items.to_string()),
            ("items_changed", self.flips.len().to_string()),
            ("agreement_rate_before", rate(self.agreement_rate_before)),
            ("agreement_rate_after", rate(self.agreement_rate_after)),
            ("agrees_before", self.agreement_before.agrees.to_string()),
            ("agrees_after", self.agreement_after.agrees.to_string()),
            ("disagrees_before", self.agreement_before.disagrees.to_string()),
            ("disagrees_after", self.agreement_after.disagrees.to_string()),
            ("indeterminate_before", self.agreement_before.indeterminate.to_string()),
            ("indeterminate_after", self.agreement_after.indeterminate.to_string()),
        ];
        let mut out = String::from("\u{feff}key,value\r\n");
        for (k, v) in rows {
            let _ = write!(out, "{k},{}\r\n", csv_field(&v));
        }
        out
    }

    /// The whole comparison as one JSON object.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()))
    }

    /// One self-contained HTML page: the figures, then a table of the flips.
    pub fn to_html(&self) -> String {
        use maud::{html, DOCTYPE};
        let row = |label: &str, before: String, after: String| {
            html! { tr { th scope="row" { (label) } td { (before) } td { (after) } } }
        };
        let (a, b) = (&self.agreement_before, &self.agreement_after);
        let page = html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { "imrcheck rules impact" }
                    style { (maud::PreEscaped(CSS)) }
                }
                body {
                    h1 { "Rules impact" }
                    p { "Base rules: " code { (self.base) } "; edited rules: " code { (self.rules) } "." }
                    p #changed {
                        strong { (self.flips.len()) } " of " (self.items) " items change, in "
                        (self.letters) " letters."
                    }
                    table #figures {
                        thead { tr { th {} th scope="col" { "before" } th scope="col" { "after" } } }
                        tbody {
                            (row("agreement rate", percent(self.agreement_rate_before), percent(self.agreement_rate_after)))
                            (row("agree", a.agrees.to_string(), b.agrees.to_string()))
                            (row("disagree", a.disagrees.to_string(), b.disagrees.to_string()))
                            (row("indeterminate", a.indeterminate.to_string(), b.indeterminate.to_string()))
                        }
                    }
                    @if !self.flips.is_empty() {
                        h2 { "Items that change" }
                        div .scroll {
                            table #flips {
                                thead { tr {
                                    th { "letter:line" } th { "item" } th { "decision" }
                                    th { "verdict" } th { "agreement" } th { "rule" } th { "now" }
                                } }
                                tbody {
                                    @for f in &self.flips {
                                        tr {
                                            td { code { (f.letter) ":" (f.line) } }
                                            td { (f.request) }
                                            td { (f.decision.as_str()) }
                                            td { (f.before.verdict.as_str()) " → " (f.after.verdict.as_str()) }
                                            td class=(f.after.agreement.as_str()) {
                                                (f.before.agreement.as_str()) " → " (f.after.agreement.as_str())
                                            }
                                            td { (rule(&f.before.rule)) " → " (rule(&f.after.rule)) }
                                            td { (f.now.as_deref().unwrap_or("")) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    @if !self.errors.is_empty() {
                        h2 { "Letters not compared" }
                        ul #errors { @for (l, e) in &self.errors { li { code { (l) } ": " (e) } } }
                    }
                }
            }
        };
        page.into_string()
    }
}

const CSS: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:72rem;padding:0 1rem;color:#222}\
table{border-collapse:collapse;margin:.5rem 0}th,td{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left;vertical-align:top}\
.scroll{overflow-x:auto}td.disagrees{color:#b00020;font-weight:600}td.agrees{color:#1b5e20}code{font-size:.9em;word-break:break-all}";

#[cfg(test)]
mod tests {
    use super::*;

    fn letter(dir: &std::path::Path, name: &str, text: &str) -> Input {
        let p = dir.join(name);
        std::fs::write(&p, text).expect("write");
        Input::File(p)
    }

    const MYALGIA: &str = "HOW THE IMR FINAL DETERMINATION WAS MADE\nCLINICAL CASE SUMMARY\nThe patient has myalgia and no prior physical therapy. The utilization review dated 3/1/2015 denied it.\nIMR ISSUES, DECISIONS AND RATIONALES\nPhysical therapy 2x6 for the neck: Upheld\n";

    #[test]
    fn no_letters_is_an_error() {
        let rules = crate::rules::load_embedded().expect("rules").rules;
        let e = compare(&[], &rules, &rules, &Options::default()).expect_err("nothing to compare");
        assert!(e.to_string().contains("no letter"), "{e}");
        let dir = tempfile::tempdir().expect("tempdir");
        let empty = letter(dir.path(), "empty.txt", "");
        let e = compare(&[empty], &rules, &rules, &Options::default()).expect_err("an empty file has no items");
        assert_eq!(e.errors.len(), 1);
    }

    #[test]
    fn a_raised_limit_flips_an_item_and_the_rates_follow() {
        let old = crate::rules::load_embedded().expect("rules").rules;
        let mut new = old.clone();
        for r in new.rules.iter_mut().filter(|r| r.id == "pm-myalgia") {
            if let Some(c) = r.course.as_mut() {
                c.visits.max = 12;
            }
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let input = letter(dir.path(), "myalgia.txt", MYALGIA);
        let impact = compare(&[input], &old, &new, &Options::default()).expect("compared");
        assert_eq!(impact.items, 1);
        assert_eq!(impact.flips.len(), 1);
        let f = &impact.flips[0];
        assert_eq!((f.before.verdict, f.after.verdict), (Verdict::ExceedsLimit, Verdict::WithinLimit));
        assert_eq!((f.before.agreement, f.after.agreement), (Agreement::Agrees, Agreement::Disagrees));
        assert_eq!((impact.agreement_rate_before, impact.agreement_rate_after), (Some(1.0), Some(0.0)));
        assert!(impact.render_text().contains("1 of 1 items change"));
        assert!(impact.agreement_line().starts_with("agreement: 100.0% -> 0.0%"));
        let csv = impact.to_csv();
        let rows: Vec<&str> = csv.lines().collect();
        assert_eq!(rows.len(), 2, "{csv}");
        assert!(rows[1].contains("exceeds_limit,within_limit,agrees,disagrees"), "{csv}");
        let json: serde_json::Value = serde_json::from_str(&impact.to_json()).expect("json");
        assert_eq!(json["flips"][0]["after"]["verdict"], "within_limit");
        assert_eq!(json["agreement_rate_after"], 0.0);
        let html = impact.to_html();
        assert!(html.starts_with("<!DOCTYPE html>") && html.contains("100.0%") && html.contains("within_limit"));
        assert!(!html.contains("http"), "self-contained");
        assert!(impact.summary_csv().contains("items_changed,1\r\n"));
    }
}
