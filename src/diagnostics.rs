//! Every diagnostic imrcheck shows a person: rule-file problems, per-letter errors and
//! warnings. They are miette types so the terminal shows the file, line, column and a pointer.

use crate::span::Span;
use miette::{Diagnostic, LabeledSpan, Severity, SourceCode};
use std::fmt;
use std::sync::Arc;

/// A rule file's name and text, shared by all its diagnostics.
#[derive(Debug, Clone)]
pub struct RuleSource {
    /// Display name (path, or `<embedded>/name.yaml`).
    pub name: Arc<str>,
    /// The file's text.
    pub text: Arc<str>,
}

impl RuleSource {
    /// 1-based line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        line_col(&self.text, offset)
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char(text, offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
    (line, col)
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A file's text as miette source, with columns counted in characters (miette counts bytes,
/// which puts the header's column off on lines with "—" or "é").
#[derive(Debug, Clone)]
pub struct CharColumns {
    name: Option<String>,
    text: Arc<str>,
}

impl CharColumns {
    /// Wrap a file's text, with its name for the header.
    pub fn new(name: Option<String>, text: Arc<str>) -> Self {
        CharColumns { name, text }
    }
}

impl SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        let text: &str = &self.text;
        let at = floor_char(text, span.offset().min(text.len()));
        let line_start = text[..at].rfind('\n').map(|p| p + 1).unwrap_or(0);
        let column = text[line_start..at].chars().count();
        let contents = match &self.name {
            Some(n) => miette::MietteSpanContents::new_named(
                n.clone(),
                inner.data(),
                *inner.span(),
                inner.line(),
                column,
                inner.line_count(),
            ),
            None => {
                miette::MietteSpanContents::new(inner.data(), *inner.span(), inner.line(), column, inner.line_count())
            }
        };
        Ok(Box::new(contents))
    }
}

/// One problem in a rule file.
#[derive(Debug, Clone)]
pub struct RuleProblem {
    /// Stable code, e.g. `rules::unknown-key`.
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The file.
    pub source: RuleSource,
    /// Pointers into the file with their labels.
    pub labels: Vec<(Span, String)>,
    /// How to fix it.
    pub help: Option<String>,
    /// Other places that belong to the same problem (the first of two duplicate ids).
    pub related: Vec<RuleProblem>,
    /// The source, with character columns.
    source_code: CharColumns,
}

impl RuleProblem {
    /// An error at one place.
    pub fn error(
        code: &'static str,
        source: &RuleSource,
        span: Option<Span>,
        label: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        RuleProblem {
            code,
            severity: Severity::Error,
            message: message.into(),
            source: source.clone(),
            labels: span.map(|s| vec![(s, label.into())]).unwrap_or_default(),
            help: None,
            related: Vec::new(),
            source_code: CharColumns::new(Some(source.name.to_string()), source.text.clone()),
        }
    }

    /// Add a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Attach a related problem, shown after this one.
    pub fn with_related(mut self, other: RuleProblem) -> Self {
        self.related.push(other);
        self
    }

    /// Add another label.
    pub fn with_label(mut self, span: Span, label: impl Into<String>) -> Self {
        self.labels.push((span, label.into()));
        self
    }

    /// Make it a warning.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col` of the first label, for one-line listings.
    pub fn location(&self) -> String {
        match self.labels.first() {
            Some((s, _)) => {
                let (l, c) = self.source.line_col(s.start);
                format!("{}:{l}:{c}", self.source.name)
            }
            None => self.source.name.to_string(),
        }
    }
}

impl fmt::Display for RuleProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RuleProblem {}

impl Diagnostic for RuleProblem {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }
    fn severity(&self) -> Option<Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source_code)
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            return None;
        }
        // The first label is where the problem is: primary, so the header points at it.
        Some(Box::new(self.labels.iter().enumerate().map(|(i, (s, l))| {
            if i == 0 {
                LabeledSpan::new_primary_with_span(Some(l.clone()), (s.start, s.len()))
            } else {
                LabeledSpan::new(Some(l.clone()), s.start, s.len())
            }
        })))
    }
}

/// The rule set could not be loaded: every problem found, not just the first.
#[derive(Debug, Clone)]
pub struct RulesError {
    /// All problems, errors and warnings, in file order.
    pub problems: Vec<RuleProblem>,
}

impl RulesError {
    /// Number of errors (warnings excluded).
    pub fn error_count(&self) -> usize {
        self.problems.iter().filter(|p| p.is_error()).count()
    }
}

impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.error_count();
        write!(f, "the rule set has {n} error{}", if n == 1 { "" } else { "s" })
    }
}

impl std::error::Error for RulesError {}

/// Render one diagnostic as plain text (no colour, width 100): stable for snapshots and logs.
pub fn render_plain(diag: &dyn Diagnostic) -> String {
    let handler = miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor()).with_width(100);
    let mut out = String::new();
    if handler.render_report(&mut out, diag).is_err() {
        out = diag.to_string();
    }
    out
}

/// Render with colour when `color` is set.
pub fn render(diag: &dyn Diagnostic, color: bool) -> String {
    if !color {
        return render_plain(diag);
    }
    let handler = miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode()).with_width(100);
    let mut out = String::new();
    if handler.render_report(&mut out, diag).is_err() {
        out = diag.to_string();
    }
    out
}
