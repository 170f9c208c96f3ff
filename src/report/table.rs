//! The table `audit` prints for a person at a terminal (the default there; `--format table`
//! elsewhere): each letter's path, one line per item under it (line, request, verdict, decision,
//! agreement), cut to the terminal's width, then the summary. Programs read JSON Lines instead.
//!
//! Rows stream as letters arrive, with fixed column widths, so the table costs no memory
//! however large the corpus.

use super::sinks::Sink;
use super::summary::Summary;
use super::{fold, LetterReport};
use crate::domain::Agreement;
use owo_colors::OwoColorize;
use std::io::{self, Write};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Widths of the fixed columns: the longest verdict (`needs_documentation`), decision
/// (`overturned`) and agreement (`indeterminate`).
const LINE: usize = 5;
const VERDICT: usize = 19;
const DECISION: usize = 10;
const AGREEMENT: usize = 13;
/// The request column never gets narrower than this, however narrow the terminal.
const MIN_REQUEST: usize = 16;

/// The terminal table.
pub struct Table<W: Write> {
    out: W,
    width: usize,
    color: bool,
    header: bool,
}

impl<W: Write> Table<W> {
    /// A table `width` columns wide, coloured when `color` is set.
    pub fn new(out: W, width: usize, color: bool) -> Self {
        Table { out, width, color, header: false }
    }

    fn request_width(&self) -> usize {
        // "  LINE  REQUEST  VERDICT  DECISION  AGREEMENT"
        let fixed = 2 + LINE + 2 + 2 + VERDICT + 2 + DECISION + 2 + AGREEMENT;
        self.width.saturating_sub(fixed).max(MIN_REQUEST)
    }
}

/// `s` cut to `width` terminal columns, with "…" where it was cut.
pub fn clip_to_width(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    let mut out = out.trim_end().to_owned();
    out.push('…');
    out
}

/// `s` cut from the left to `width` columns ("…letters/003.txt"): the end of a path names it.
fn clip_left(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_owned();
    }
    let mut tail: Vec<char> = Vec::new();
    let mut used = 0;
    for c in s.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        tail.push(c);
    }
    std::iter::once('…').chain(tail.into_iter().rev()).collect()
}

/// `s` padded with spaces to `width` columns.
fn pad(s: &str, width: usize) -> String {
    let w = s.width();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

impl<W: Write> Sink for Table<W> {
    fn letter(&mut self, report: &LetterReport) -> io::Result<()> {
        let rw = self.request_width();
        if !self.header {
            self.header = true;
            let head = format!(
                "  {:>LINE$}  {}  {:<VERDICT$}  {:<DECISION$}  AGREEMENT",
                "LINE",
                pad("REQUEST", rw),
                "VERDICT",
                "DECISION"
            );
            if self.color {
                writeln!(self.out, "{}", head.bold())?;
            } else {
                writeln!(self.out, "{head}")?;
            }
        }
        let name = clip_left(&super::terminal_safe(&report.letter), self.width);
        if self.color {
            writeln!(self.out, "{}", name.bold())?;
        } else {
            writeln!(self.out, "{name}")?;
        }
        for e in &report.errors {
            let text = clip_to_width(
                &format!("error: {}", super::terminal_safe(&fold(e))),
                self.width.saturating_sub(2 + LINE + 2),
            );
            let text = if self.color { text.red().to_string() } else { text };
            writeln!(self.out, "  {:>LINE$}  {text}", "")?;
        }
        for item in &report.items {
            let request = pad(&clip_to_width(&super::terminal_safe(&fold(&item.request)), rw), rw);
            let agreement = item.agreement.as_str();
            let agreement = match (self.color, item.agreement) {
                (false, _) => agreement.to_owned(),
                (true, Agreement::Agrees) => agreement.green().to_string(),
                (true, Agreement::Disagrees) => agreement.red().bold().to_string(),
                (true, Agreement::Indeterminate) => agreement.dimmed().to_string(),
            };
            writeln!(
                self.out,
                "  {:>LINE$}  {request}  {:<VERDICT$}  {:<DECISION$}  {agreement}",
                item.line,
                item.verdict.as_str(),
                item.decision.as_str(),
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        if !self.header {
            writeln!(self.out, "no letters")?;
        }
        writeln!(self.out)?;
        write!(self.out, "{}", summary.render_text())?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clipping_keeps_within_the_width() {
        assert_eq!(clip_to_width("short", 10), "short");
        assert_eq!(clip_to_width("physical therapy twice a week", 10), "physical…");
        assert_eq!(clip_to_width("物理療法物理療法", 5).width(), 5);
        assert_eq!(clip_left("fixtures/letters/003.txt", 12), "…ers/003.txt");
        assert_eq!(clip_left("a.txt", 12), "a.txt");
    }

    #[test]
    fn every_row_fits_the_width() {
        let text = "HOW THE IMR FINAL DETERMINATION WAS MADE\nIMR ISSUES, DECISIONS AND RATIONALES\nPhysical therapy two times a week for six weeks for the cervical spine and the lumbar spine and both shoulders: Upheld\n";
        let rules = crate::rules::load_embedded().expect("embedded rules").rules;
        let report =
            crate::check_bytes("fixtures/some/long/path/letter.txt", text.as_bytes(), &rules, &Default::default());
        assert_eq!(report.items.len(), 1, "{:?}", report.errors);
        for width in [60, 80, 120] {
            let mut out = Vec::new();
            let mut t = Table::new(&mut out, width, false);
            t.letter(&report).expect("write");
            t.letter(&LetterReport::failed("empty.txt", "the file is empty".into())).expect("write");
            let s = String::from_utf8(out).expect("utf-8");
            let rows: Vec<&str> = s.lines().collect();
            assert_eq!(rows.len(), 5, "{s}");
            assert!(rows[0].contains("REQUEST") && rows[0].contains("AGREEMENT"), "{s}");
            assert!(rows[2].contains("Physical therap") && rows[2].contains("upheld"), "{s}");
            assert!(rows[4].contains("error: the file is empty"), "{s}");
            // The row is as wide as the terminal, save the narrowest, where the request keeps
            // its minimum.
            let limit = width.max(2 + LINE + 2 + MIN_REQUEST + 2 + VERDICT + 2 + DECISION + 2 + AGREEMENT);
            assert!(rows.iter().all(|r| r.width() <= limit), "{width}:\n{s}");
        }
    }
}
