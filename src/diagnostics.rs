//! Every diagnostic imrcheck shows a person: rule-file problems, per-letter errors and
//! warnings. They are miette types so the terminal shows the file, line, column and a pointer.

use crate::span::Span;
use miette::{Diagnostic, LabeledSpan, NamedSource, Severity, SourceCode};
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
        }
    }

    /// Add a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
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
        Some(&self.source.text as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            return None;
        }
        Some(Box::new(self.labels.iter().map(|(s, l)| LabeledSpan::new(Some(l.clone()), s.start, s.len()))))
    }
}

impl RuleProblem {
    /// A miette report carrying the file name as its source.
    pub fn report(&self) -> miette::Report {
        let named = NamedSource::new(&self.source.name, self.source.text.to_string());
        miette::Report::new(self.clone()).with_source_code(named)
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

/// A diagnostic with its source given by name, for rendering problems of named files.
#[derive(Debug)]
pub struct Named<'a> {
    problem: &'a RuleProblem,
    source: NamedSource<String>,
}

impl<'a> Named<'a> {
    /// Wrap a problem so the renderer prints its file name.
    pub fn new(problem: &'a RuleProblem) -> Self {
        Named { problem, source: NamedSource::new(&problem.source.name, problem.source.text.to_string()) }
    }
}

impl fmt::Display for Named<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.problem, f)
    }
}

impl std::error::Error for Named<'_> {}

impl Diagnostic for Named<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.problem.code()
    }
    fn severity(&self) -> Option<Severity> {
        self.problem.severity()
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.problem.help()
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.problem.labels()
    }
}
