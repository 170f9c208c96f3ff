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
    /// When `text` is an excerpt of a file with long lines cut short: where it came from.
    origin: Option<Arc<Origin>>,
}

/// Where an excerpt's text sits in the whole file.
#[derive(Debug)]
struct Origin {
    /// The whole file.
    full: Arc<str>,
    /// 0-based line of the file where the excerpt starts.
    first_line: usize,
    /// Pieces of the excerpt copied from the file: (offset in the excerpt, offset in the file,
    /// length), in order. Between them stand the "…" that mark a cut.
    pieces: Vec<(usize, usize, usize)>,
}

impl Origin {
    /// The file offset of an excerpt offset (a cut maps to the end of the piece before it).
    fn to_file(&self, at: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.0 <= at);
        match i.checked_sub(1).map(|i| self.pieces[i]) {
            Some((ex, file, len)) => file + (at - ex).min(len),
            None => self.pieces.first().map_or(0, |p| p.1),
        }
    }

    /// The excerpt offset of a file offset (outside every piece: the nearest cut).
    fn to_excerpt(&self, at: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.1 <= at);
        match i.checked_sub(1).map(|i| self.pieces[i]) {
            Some((ex, file, len)) => ex + (at - file).min(len),
            None => self.pieces.first().map_or(0, |p| p.0),
        }
    }
}

impl CharColumns {
    /// Wrap a file's text, with its name for the header.
    pub fn new(name: Option<String>, text: Arc<str>) -> Self {
        CharColumns { name, text, origin: None }
    }
}

/// Byte offsets of line starts, to turn offsets into line numbers in O(log n).
pub(crate) struct LineIndex(Vec<usize>);

impl LineIndex {
    pub(crate) fn new(text: &str) -> Self {
        LineIndex(std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect())
    }

    /// 1-based line and column (in characters).
    pub(crate) fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = crate::text::floor_char(text, offset.min(text.len()));
        let line = self.0.partition_point(|&s| s <= offset).max(1);
        let start = self.0[line - 1];
        (line, text[start..offset].chars().count() + 1)
    }

    /// The 0-based line that holds byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.0.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// Where 0-based line `line` starts; `None` past the last line.
    fn start(&self, line: usize) -> Option<usize> {
        self.0.get(line).copied()
    }
}

/// The line index of the text last asked of on this thread: every diagnostic of one file (a
/// rule file's hundred problems, a long letter's items) reads the same shared text, and miette
/// would otherwise count its lines from the top for each one.
fn line_index(text: &Arc<str>) -> Arc<LineIndex> {
    /// A text and its line index.
    type Indexed = (Arc<str>, Arc<LineIndex>);
    thread_local! {
        static LAST: std::cell::RefCell<Option<Indexed>> = const { std::cell::RefCell::new(None) };
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if let Some((t, index)) = &*last {
            if Arc::ptr_eq(t, text) {
                return index.clone();
            }
        }
        let index = Arc::new(LineIndex::new(text));
        *last = Some((text.clone(), index.clone()));
        index
    })
}

/// miette's reading of `span` with its context lines, from a window of the lines around it
/// rather than from the top of the file; the same contents, placed in the whole file.
fn read_window<'a>(
    text: &'a Arc<str>,
    span: &miette::SourceSpan,
    before: usize,
    after: usize,
) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
    let lines = line_index(text);
    let first = lines.line_of(span.offset()).saturating_sub(before + 1);
    let last = lines.line_of(span.offset() + span.len()) + after + 2;
    let (from, to) = (lines.start(first).unwrap_or(0), lines.start(last).unwrap_or(text.len()));
    if span.offset() < from || span.offset() + span.len() > to {
        return text.read_span(span, before, after);
    }
    let window: &'a str = &text[from..to];
    let inner = window.read_span(&miette::SourceSpan::new((span.offset() - from).into(), span.len()), before, after)?;
    let at = inner.span().offset() + from;
    Ok(Box::new(miette::MietteSpanContents::new(
        inner.data(),
        miette::SourceSpan::new(at.into(), inner.span().len()),
        inner.line() + first,
        inner.column(),
        inner.line_count() + first,
    )))
}

impl SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let inner = read_window(&self.text, span, before, after)?;
        let (text, at) = match &self.origin {
            Some(o) => (&*o.full, o.to_file(span.offset())),
            None => (&*self.text, span.offset()),
        };
        let at = floor_char(text, at.min(text.len()));
        let line_start = text[..at].rfind('\n').map(|p| p + 1).unwrap_or(0);
        let column = text[line_start..at].chars().count();
        let line = inner.line() + self.origin.as_ref().map_or(0, |o| o.first_line);
        let contents = match &self.name {
            Some(n) => miette::MietteSpanContents::new_named(
                n.clone(),
                inner.data(),
                *inner.span(),
                line,
                column,
                inner.line_count(),
            ),
            None => miette::MietteSpanContents::new(inner.data(), *inner.span(), line, column, inner.line_count()),
        };
        Ok(Box::new(contents))
    }
}

/// The most characters of one source line a diagnostic shows; a longer line is cut to this
/// many around its labels, with "…" where it was cut.
pub const MAX_SHOWN_LINE: usize = 240;

/// The most characters of a message, label or help shown (they may quote a file's values).
pub const MAX_SHOWN_TEXT: usize = 600;

/// `s` cut to `max` characters, with "…" when cut.
pub fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

/// What a diagnostic shows of its file: the file itself, or, when a line it would show is
/// longer than [`MAX_SHOWN_LINE`], an excerpt with long lines cut and the labels moved into it.
#[derive(Debug, Clone)]
struct View {
    source: CharColumns,
    labels: Vec<(Span, String)>,
}

impl View {
    fn build(name: &str, text: &Arc<str>, labels: &[(Span, String)]) -> Option<View> {
        let t: &str = text;
        let first = labels.iter().map(|(s, _)| s.start).min()?.min(t.len());
        let last = labels.iter().map(|(s, _)| s.end.max(s.start)).max()?.min(t.len());
        // The lines shown: the labels' lines and one of context either side.
        let line_start = |at: usize| t[..floor_char(t, at)].rfind('\n').map_or(0, |p| p + 1);
        let line_end = |at: usize| t[floor_char(t, at)..].find('\n').map_or(t.len(), |p| floor_char(t, at) + p);
        let mut from = line_start(first);
        if from > 0 {
            from = line_start(from - 1);
        }
        let mut to = line_end(last);
        if to < t.len() {
            to = line_end(to + 1);
        }
        let region = &t[from..to];
        if region.split('\n').all(|l| l.len() <= MAX_SHOWN_LINE || l.chars().count() <= MAX_SHOWN_LINE) {
            return None;
        }
        let mut excerpt = String::with_capacity(region.len().min(1 << 16));
        let mut pieces = Vec::new();
        let mut at = from;
        for line in region.split_inclusive('\n') {
            let (body, newline) = match line.strip_suffix('\n') {
                Some(b) => (b, "\n"),
                None => (line, ""),
            };
            if body.chars().count() <= MAX_SHOWN_LINE {
                pieces.push((excerpt.len(), at, line.len()));
                excerpt.push_str(line);
            } else {
                // Keep a window around the first label on this line, or its start.
                let (ls, le) = (at, at + body.len());
                let anchor = labels.iter().map(|(s, _)| s.start).filter(|s| (ls..=le).contains(s)).min().unwrap_or(ls);
                let before = body[..floor_char(body, anchor - ls)]
                    .char_indices()
                    .rev()
                    .nth(MAX_SHOWN_LINE / 3)
                    .map_or(0, |(i, _)| i);
                let window = &body[before..];
                let len = window.char_indices().nth(MAX_SHOWN_LINE).map_or(window.len(), |(i, _)| i);
                if before > 0 {
                    excerpt.push('…');
                }
                pieces.push((excerpt.len(), ls + before, len));
                excerpt.push_str(&window[..len]);
                if before + len < body.len() {
                    excerpt.push('…');
                }
                pieces.push((excerpt.len(), le, newline.len()));
                excerpt.push_str(newline);
            }
            at += line.len();
        }
        let origin = Origin { full: text.clone(), first_line: t[..from].matches('\n').count(), pieces };
        let labels = labels
            .iter()
            .map(|(s, l)| {
                let start = origin.to_excerpt(s.start);
                (Span::new(start, origin.to_excerpt(s.end).max(start)), l.clone())
            })
            .collect();
        let source = CharColumns { name: Some(name.to_owned()), text: excerpt.into(), origin: Some(Arc::new(origin)) };
        Some(View { source, labels })
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
    /// What is shown of the source, built when first rendered (labels must not change after).
    view: std::sync::OnceLock<Option<View>>,
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
            message: clip(&message.into(), MAX_SHOWN_TEXT),
            source: source.clone(),
            labels: span.map(|s| vec![(s, clip(&label.into(), MAX_SHOWN_TEXT))]).unwrap_or_default(),
            help: None,
            related: Vec::new(),
            source_code: CharColumns::new(Some(source.name.to_string()), source.text.clone()),
            view: std::sync::OnceLock::new(),
        }
    }

    /// Add a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(clip(&help.into(), 2 * MAX_SHOWN_TEXT));
        self
    }

    /// What is shown: an excerpt when a line to show is too long.
    fn view(&self) -> Option<&View> {
        self.view.get_or_init(|| View::build(&self.source.name, &self.source.text, &self.labels)).as_ref()
    }

    /// Attach a related problem, shown after this one.
    pub fn with_related(mut self, other: RuleProblem) -> Self {
        self.related.push(other);
        self
    }

    /// Add another label.
    pub fn with_label(mut self, span: Span, label: impl Into<String>) -> Self {
        self.labels.push((span, clip(&label.into(), MAX_SHOWN_TEXT)));
        self.view = std::sync::OnceLock::new();
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
        match self.view() {
            Some(v) => Some(&v.source),
            None => Some(&self.source_code),
        }
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
        let labels = self.view().map_or(&self.labels, |v| &v.labels);
        // The first label is where the problem is: primary, so the header points at it.
        Some(Box::new(labels.iter().enumerate().map(|(i, (s, l))| {
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

/// Render with colour when `color` is set, wrapped at 100 columns.
pub fn render(diag: &dyn Diagnostic, color: bool) -> String {
    render_width(diag, color, 100)
}

/// Render with colour when `color` is set, long lines wrapped at `width` columns (a
/// terminal's width).
pub fn render_width(diag: &dyn Diagnostic, color: bool, width: usize) -> String {
    let theme = if color { miette::GraphicalTheme::unicode() } else { miette::GraphicalTheme::unicode_nocolor() };
    let handler = miette::GraphicalReportHandler::new_themed(theme).with_width(width);
    let mut out = String::new();
    if handler.render_report(&mut out, diag).is_err() {
        out = diag.to_string();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A span read from the window of lines around it is what miette reads from the whole
    /// text: the same bytes, line, column and place.
    #[test]
    fn a_span_read_from_its_window_is_read_as_from_the_whole_text() {
        let text: Arc<str> = (0..200)
            .map(|i| format!("line {i}: {}\n", "word ".repeat(i % 7)))
            .collect::<String>()
            .replace("line 50", "line\r\n50")
            .into();
        for at in (0..text.len()).step_by(37) {
            for len in [0, 1, 12, 90] {
                let len = len.min(text.len() - at);
                for (before, after) in [(0, 0), (1, 1), (2, 3)] {
                    let span = miette::SourceSpan::new(at.into(), len);
                    let want = text.read_span(&span, before, after).expect("whole");
                    let got = read_window(&text, &span, before, after).expect("window");
                    assert_eq!(got.data(), want.data(), "{at} {len} {before} {after}");
                    assert_eq!(got.span(), want.span(), "{at} {len}");
                    assert_eq!((got.line(), got.column()), (want.line(), want.column()), "{at} {len}");
                }
            }
        }
    }

    fn source(text: String) -> RuleSource {
        RuleSource { name: "long.yaml".into(), text: text.into() }
    }

    /// Issue 11: a diagnostic printed the whole of a long source line (a megabyte, if the line
    /// was that long).
    #[test]
    fn a_long_line_is_cut_around_its_label() {
        let mut text = String::from("rules:\n  - id: x\n    title: ");
        text.push_str(&"word ".repeat(20_000));
        let at = text.len();
        text.push_str("HERE");
        text.push_str(&" tail".repeat(20_000));
        text.push_str("\n    family: massage\n");
        let src = source(text);
        let p = RuleProblem::error("rules::test", &src, Some(Span::new(at, at + 4)), "this", "a problem");
        let out = render_plain(&p);
        assert!(out.lines().all(|l| l.chars().count() < MAX_SHOWN_LINE + 40), "{out}");
        assert!(out.contains("HERE") && out.contains('…'), "{out}");
        let (line, col) = src.line_col(at);
        assert!(out.contains(&format!("[long.yaml:{line}:{col}]")), "{out}");
        assert!(out.contains("family: massage"), "context lines stay: {out}");
    }

    #[test]
    fn short_lines_are_shown_as_they_are() {
        let src = source("rules:\n  - id: x y\n".into());
        let p = RuleProblem::error("rules::test", &src, Some(Span::new(14, 17)), "here", "a problem");
        assert!(p.view().is_none());
        assert!(render_plain(&p).contains("- id: x y"));
    }

    #[test]
    fn long_messages_are_clipped() {
        let src = source("rules: []\n".into());
        let p = RuleProblem::error("rules::test", &src, None, "", "x".repeat(100_000)).with_help("y".repeat(100_000));
        assert!(render_plain(&p).len() < 4 * MAX_SHOWN_TEXT);
    }
}
