//! The terminal report for `imrcheck check`: each item as a compiler-style diagnostic, with the
//! letter lines its verdict rests on and the facts underlined, then the explanation.

use super::{ItemReport, LetterReport};
use crate::domain::{Agreement, Tri};
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, Severity, SourceCode};
use std::fmt::{self, Write};

struct ItemDiagnostic<'a> {
    item: &'a ItemReport,
    index: usize,
    source: crate::diagnostics::CharColumns,
    labels: Vec<LabeledSpan>,
    help: String,
}

impl fmt::Debug for ItemDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ItemDiagnostic").field("index", &self.index).finish()
    }
}

impl fmt::Display for ItemDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = self.item;
        write!(
            f,
            "item {} ({}): {} → {}, decision {} → {}",
            self.index,
            i.category.label(),
            super::terminal_safe(&i.request),
            i.verdict,
            i.decision,
            i.agreement
        )
    }
}

impl std::error::Error for ItemDiagnostic<'_> {}

impl Diagnostic for ItemDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.item.rule.as_ref().map(|r| {
            let v = self.item.rule_version.as_ref().map(|v| format!("@{v}")).unwrap_or_default();
            Box::new(format!("{r}{v}")) as Box<dyn fmt::Display>
        })
    }
    fn severity(&self) -> Option<Severity> {
        Some(match self.item.agreement {
            Agreement::Agrees => Severity::Advice,
            Agreement::Disagrees => Severity::Error,
            Agreement::Indeterminate => Severity::Warning,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.help))
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

/// "line 14" for a text letter, "page 2, line 14" for a PDF letter.
fn place(report: &LetterReport, text: &str, offset: usize, line: usize) -> String {
    if report.page_starts.is_empty() {
        return format!("line {line}");
    }
    let page = crate::source::page_of(&report.page_starts, offset);
    let start = report.page_starts.get(page - 1).copied().unwrap_or(0);
    let first = text.get(..start).map(|t| t.matches('\n').count()).unwrap_or(0);
    format!("page {page}, line {}", line.saturating_sub(first))
}

fn tri(t: Tri) -> &'static str {
    match t {
        Tri::Yes => "yes",
        Tri::No => "no",
        Tri::Unknown => "unknown",
    }
}

/// The longest line a snippet quotes, in bytes: a letter with no line breaks (a hostile file,
/// a PDF producer's one-line page) would otherwise be printed whole under each item, and the
/// snippet renderer cannot underline past 65,535 columns.
const MAX_SHOWN_LINE: usize = 1_000;

/// The labels whose lines (and the context line either side) are short enough to quote, and
/// how many were left out.
fn shown(text: &str, labels: Vec<LabeledSpan>) -> (Vec<LabeledSpan>, usize) {
    let line_at = |at: usize| {
        let at = crate::text::floor_char(text, at);
        let start = text[..at].rfind('\n').map_or(0, |p| p + 1);
        let end = text[at..].find('\n').map_or(text.len(), |p| at + p);
        (start, end)
    };
    let quotable = |l: &LabeledSpan| {
        let (start, _) = line_at(l.offset());
        let (_, end) = line_at(l.offset() + l.len());
        // One context line each side, as the handler is set to show.
        let before = if start == 0 { (0, 0) } else { line_at(start - 1) };
        let after = if end >= text.len() { (end, end) } else { line_at(end + 1) };
        [(before.0, before.1), (start, end), (after.0, after.1)].iter().all(|&(s, e)| e - s <= MAX_SHOWN_LINE)
    };
    let before = labels.len();
    let kept: Vec<LabeledSpan> = labels.into_iter().filter(quotable).collect();
    let hidden = before - kept.len();
    (kept, hidden)
}

fn labels(item: &ItemReport) -> Vec<LabeledSpan> {
    let f = &item.facts;
    let mut out: Vec<LabeledSpan> = Vec::new();
    let mut add = |span: crate::span::Span, text: String| {
        if !span.is_empty() && !out.iter().any(|l| l.offset() == span.start) {
            out.push(LabeledSpan::new(Some(text), span.start, span.len()));
        }
    };
    if let Some(r) = &f.requested {
        add(r.span, format!("requested: {}", item.visits_requested.unwrap_or(r.value)));
    }
    if let (Some(p), Some(parts)) = (&f.prior_visits, &f.prior_parts) {
        for (i, &span) in parts.spans.iter().enumerate() {
            add(span, format!("prior visits: part {} of {} ({} in all)", i + 1, parts.spans.len(), p.value));
        }
    } else if let Some(p) = &f.prior_visits {
        add(p.span, format!("prior visits: {}", p.value));
    } else if let Some(s) = f.prior_treatment.span {
        add(s, format!("prior treatment: {}", tri(f.prior_treatment.value)));
    }
    if let Some(s) = f.functional_improvement.span {
        add(s, format!("functional improvement documented: {}", tri(f.functional_improvement.value)));
    }
    if let Some(s) = f.criteria.span {
        add(s, format!("selection criteria documented: {}", tri(f.criteria.value)));
    }
    add(f.decision.span, format!("decision: {}", item.decision));
    out.sort_by_key(|l| l.offset());
    out
}

/// Render one letter for the terminal.
pub fn render(report: &LetterReport, color: bool, width: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({} layout, {} item{})",
        super::terminal_safe(&report.letter),
        report.format,
        report.items.len(),
        if report.items.len() == 1 { "" } else { "s" }
    );
    if let Some(f) = &report.facts {
        let mut parts = Vec::new();
        if let Some(d) = &f.date_of_injury {
            parts.push(format!("injury {}", d.value));
        }
        if let Some(d) = &f.ur_date {
            parts.push(format!("UR {}", d.value));
        }
        if let Some(d) = &f.decision_date {
            parts.push(format!("decision {}", d.value));
        }
        if !parts.is_empty() {
            let _ = writeln!(out, "  dates: {}", parts.join(", "));
        }
    }
    if let Some(pages) = report.pages {
        let _ = writeln!(
            out,
            "  PDF: {pages} page{}, text by {} (`imrcheck text` shows it); [page N, line M] counts on the page",
            if pages == 1 { "" } else { "s" },
            report.extractor.as_deref().unwrap_or("an extractor")
        );
    }
    for w in &report.warnings {
        let _ = writeln!(out, "  warning: {}", super::terminal_safe(w));
    }
    for e in &report.errors {
        let _ = writeln!(out, "  error: {}", super::terminal_safe(e));
    }
    // What the letter holds is shown, never obeyed: its control characters are `?` (the same
    // bytes, so every span still points at its text).
    let text = super::terminal_safe(report.text.as_deref().unwrap_or_default()).into_owned();
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(width).with_context_lines(1);
    // One shared text for every item's snippet (its line index is built once).
    let source = crate::diagnostics::CharColumns::new(
        Some(super::terminal_safe(&report.letter).into_owned()),
        text.as_str().into(),
    );
    for (i, item) in report.items.iter().enumerate() {
        let mut help = String::new();
        for (n, step) in item.explanation.iter().enumerate() {
            let lines = if step.lines.is_empty() {
                String::new()
            } else if report.page_starts.is_empty() {
                format!(" [{}]", super::lines_label(&step.lines))
            } else {
                let mut ls: Vec<String> =
                    step.spans.iter().zip(&step.lines).map(|(s, &l)| place(report, &text, s.start, l)).collect();
                ls.dedup();
                format!(" [{}]", ls.join("; "))
            };
            let _ = writeln!(help, "{}. {}{lines}", n + 1, super::terminal_safe(&step.text));
        }
        for flag in &item.citation_flags {
            let _ = writeln!(help, "citation check: {}", super::terminal_safe(&flag.message));
        }
        let (labels, hidden) = shown(&text, labels(item));
        if hidden > 0 {
            let _ = writeln!(
                help,
                "{hidden} of the item's facts {} not quoted here: the lines {} on run to over {MAX_SHOWN_LINE} bytes (the JSON output gives {} spans)",
                if hidden == 1 { "is" } else { "are" },
                if hidden == 1 { "it is" } else { "they are" },
                if hidden == 1 { "its" } else { "their" }
            );
        }
        let diag =
            ItemDiagnostic { item, index: i + 1, source: source.clone(), labels, help: help.trim_end().to_owned() };
        let mut rendered = String::new();
        if handler.render_report(&mut rendered, &diag).is_err() {
            rendered = diag.to_string();
        }
        out.push('\n');
        out.push_str(&rendered);
    }
    out
}
