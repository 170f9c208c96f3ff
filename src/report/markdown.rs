//! The Markdown report: the summary and one section per disagreement, fit to paste into a memo.

use super::sinks::Sink;
use super::summary::{DisagreementRow, Summary, SAMPLE};
use super::{num, LetterReport};
use crate::domain::Decision;
use std::io::{self, Write};

/// A Markdown sink. Disagreements are kept (small rows, the first [`SAMPLE`] of them) and
/// written after the summary.
pub struct Markdown<W: Write> {
    out: W,
    details: Vec<(String, String)>,
    /// Disagreements seen, kept or not.
    disagreements: usize,
}

impl<W: Write> Markdown<W> {
    /// A Markdown sink.
    pub fn new(out: W) -> Self {
        Markdown { out, details: Vec::new(), disagreements: 0 }
    }
}

/// Text from a letter or a file name, inert in Markdown: a table cell's pipe, a line break (a
/// lone carriage return is one too), and what would open raw HTML, a link or a code span are
/// escaped, so a letter cannot put a script, a link or a heading into the memo.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '|' | '<' | '>' | '[' | ']' | '`' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// `s` as one inline code span, whatever backticks or line breaks it holds.
fn code(s: &str) -> String {
    let s = s.replace(['\n', '\r'], " ");
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{s}{pad}{fence}")
}

impl<W: Write> Sink for Markdown<W> {
    fn letter(&mut self, r: &LetterReport) -> io::Result<()> {
        // Keep each disagreement's explanation: the memo shows it in full.
        for (i, it) in r.items.iter().enumerate() {
            if it.disagreement.is_none() {
                continue;
            }
            self.disagreements += 1;
            if self.details.len() >= SAMPLE {
                continue;
            }
            let mut s = String::new();
            for (n, step) in it.explanation.iter().enumerate() {
                let lines = if step.lines.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", super::lines_label(&step.lines))
                };
                s.push_str(&format!("{}. {}{lines}\n", n + 1, esc(&step.text)));
                for q in step.quotes.iter().filter(|q| !q.is_empty()).take(2) {
                    s.push_str(&format!("   > {}\n", esc(q)));
                }
            }
            let case = r.case.as_ref().and_then(|c| c.number.as_deref()).map(|n| format!("{n}, ")).unwrap_or_default();
            self.details.push((format!("{case}{}, item {} (line {})", r.letter, i + 1, it.line), s));
        }
        Ok(())
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        let o = &mut self.out;
        writeln!(o, "# IMR audit\n")?;
        if let Some(p) = &s.provenance {
            // The memo says where it came from before what it found.
            for (label, value) in p.lines() {
                let value = if label == "rules digest" { format!("`{value}`") } else { esc(&value) };
                writeln!(o, "- **{label}**: {value}")?;
            }
            writeln!(o)?;
        }
        writeln!(
            o,
            "{} letters read ({} with errors), {} items.\n",
            num(s.letters),
            num(s.letters_with_errors),
            num(s.items)
        )?;
        if s.scanned > 0 {
            writeln!(
                o,
                "Of the letters with errors, {} are scanned PDFs with no text layer: run OCR first (e.g. ocrmypdf).\n",
                num(s.scanned)
            )?;
        }
        let rate = s.agreement_rate.map(|r| format!("{:.1}%", r * 100.0)).unwrap_or_else(|| "n/a".into());
        writeln!(
            o,
            "**Agreement with the rules: {rate}** ({} agree, {} disagree, {} indeterminate).\n",
            num(s.agreement.agrees),
            num(s.agreement.disagrees),
            num(s.agreement.indeterminate)
        )?;
        writeln!(
            o,
            "## The dispute mix\n\n{} of {} items were audited against a rule; the others are of categories no visit rule covers.",
            num(s.audited),
            num(s.items)
        )?;
        for (title, rows) in s.breakdowns() {
            writeln!(
                o,
                "\n| {title} | items | upheld | overturned | audited | agree | disagree |\n|---|---:|---:|---:|---:|---:|---:|"
            )?;
            for (k, n) in rows {
                let cells: Vec<String> = n.named().iter().map(|(_, v)| num(*v)).collect();
                writeln!(o, "| {} | {} |", esc(&k), cells.join(" | "))?;
            }
        }
        if s.by_decision_year.keys().any(|k| k != super::summary::UNKNOWN) {
            writeln!(
                o,
                "\nThe year of decision is the decision date's when the letter states one, else the case number's (CM15- is a case opened in 2015)."
            )?;
        }
        writeln!(o, "\n## Verdicts by decision\n")?;
        writeln!(o, "| verdict | upheld | overturned | unknown |\n|---|---:|---:|---:|")?;
        for (v, by) in &s.verdict_by_decision {
            let g = |d| by.get(&d).copied().unwrap_or(0);
            writeln!(
                o,
                "| {v} | {} | {} | {} |",
                num(g(Decision::Upheld)),
                num(g(Decision::Overturned)),
                num(g(Decision::Unknown))
            )?;
        }
        writeln!(
            o,
            "\n## Items by family\n\n| family | items | agree | disagree | indeterminate |\n|---|---:|---:|---:|---:|"
        )?;
        for (f, n) in &s.by_family {
            let a = s.agreement_by_family.get(f).copied().unwrap_or_default();
            writeln!(o, "| {f} | {} | {} | {} | {} |", num(*n), num(a.agrees), num(a.disagrees), num(a.indeterminate))?;
        }
        if !s.verdict_by_source_status.is_empty() {
            writeln!(
                o,
                "\n## Verdicts by the standing of their figure\n\nWhether the figure a verdict rests on was read in a source for the edition in force (docs/sources.md). {} verdicts rest on a carried-over or unconfirmed figure.\n",
                num(s.on_weak_figures)
            )?;
            writeln!(o, "| figure | items | agree | disagree | indeterminate |\n|---|---:|---:|---:|---:|")?;
            for (st, by) in &s.verdict_by_source_status {
                let a = s.agreement_by_source_status.get(st).copied().unwrap_or_default();
                writeln!(
                    o,
                    "| {} | {} | {} | {} | {} |",
                    st.label(),
                    num(by.values().sum::<usize>()),
                    num(a.agrees),
                    num(a.disagrees),
                    num(a.indeterminate)
                )?;
            }
        }
        let table = |o: &mut W, title: &str, rows: &[DisagreementRow], total: usize| -> io::Result<()> {
            writeln!(o, "\n## {title} ({})\n", num(total))?;
            if rows.is_empty() {
                return writeln!(o, "None.");
            }
            writeln!(
                o,
                "| letter | item | decision | verdict | rule | figure | reason |\n|---|---|---|---|---|---|---|"
            )?;
            for r in rows {
                writeln!(
                    o,
                    "| {}:{} | {} | {} | {} | {} | {} | {} |",
                    esc(&r.letter),
                    r.line,
                    esc(&r.request),
                    r.decision,
                    r.verdict,
                    r.rule.clone().unwrap_or_default(),
                    r.source_status.map(|st| st.label()).unwrap_or(""),
                    esc(&r.reason)
                )?;
            }
            if total > rows.len() {
                writeln!(
                    o,
                    "\nThe first {} are listed; every item is in the JSON Lines or CSV report.",
                    num(rows.len())
                )?;
            }
            Ok(())
        };
        table(
            o,
            "Decision stricter than the rule (upheld although within the limit)",
            &s.stricter_than_rule,
            s.stricter_than_rule_total,
        )?;
        table(
            o,
            "Decision more lenient than the rule (overturned although not allowed)",
            &s.more_lenient_than_rule,
            s.more_lenient_than_rule_total,
        )?;
        if s.citation_flags > 0 {
            writeln!(o, "\n{} items cite a guideline page or quote a threshold that differs from the rule in force; see each item's `citation_flags` in the JSON or CSV report.", num(s.citation_flags))?;
        }
        if !self.details.is_empty() {
            writeln!(o, "\n## Disagreements in detail")?;
            for (title, body) in &self.details {
                writeln!(o, "\n### {}\n\n{body}", esc(title))?;
            }
            if self.disagreements > self.details.len() {
                writeln!(
                    o,
                    "\nThe first {} of {} disagreements are shown in detail; every item's explanation is in the JSON Lines report.",
                    num(self.details.len()),
                    num(self.disagreements)
                )?;
            }
        }
        if !s.errors.is_empty() {
            writeln!(o, "\n## Letters that could not be audited\n")?;
            for (l, e) in &s.errors {
                writeln!(o, "- {}: {}", code(l), esc(e))?;
            }
            if s.letters_with_errors > s.errors.len() {
                writeln!(
                    o,
                    "\nThe first {} of {} are listed; each is in the JSON Lines or CSV report.",
                    num(s.errors.len()),
                    num(s.letters_with_errors)
                )?;
            }
        }
        o.flush()
    }
}

#[cfg(test)]
mod escape_tests {
    use super::{code, esc};

    /// What a letter or a file name holds stays text in the memo: no raw HTML, link, code span,
    /// heading or broken table row.
    #[test]
    fn a_letters_words_are_inert_in_markdown() {
        assert_eq!(
            esc("PT <img src=x onerror=alert(1)> [click](javascript:alert(1)) | x\r# H"),
            "PT \\<img src=x onerror=alert(1)\\> \\[click\\](javascript:alert(1)) \\| x # H"
        );
        assert_eq!(esc("20 > 10"), "20 \\> 10");
        assert_eq!(code("m/e`x` <img>.txt"), "``m/e`x` <img>.txt``");
        assert_eq!(code("a\n# Injected.txt"), "`a # Injected.txt`");
        assert_eq!(code("`edge`"), "`` `edge` ``");
    }
}
