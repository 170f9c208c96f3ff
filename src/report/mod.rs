//! Reports: the per-letter result in the JSON contract's shape, and the printers that render it
//! for a terminal (`human`), machines (`json`, CSV) and people (Markdown, HTML).

pub mod html;
pub mod human;
pub mod markdown;
pub mod provenance;
pub mod sinks;
pub mod summary;
pub mod table;
pub mod xlsx;

use crate::domain::{Agreement, Category, Decision, Family, Modality, Tri, Verdict};
use crate::engine::{CitationFlag, Disagreement, Evaluation, Step};
use crate::extract::{LetterFacts, Request};
use crate::letter::Letter;
use crate::span::Span;
use serde::Serialize;

/// A step with the line numbers of its spans, for readers of the JSON.
#[derive(Debug, Clone, Serialize)]
pub struct ExplanationStep {
    /// The sentence.
    pub text: String,
    /// Letter spans.
    pub spans: Vec<Span>,
    /// 1-based lines of the spans.
    pub lines: Vec<usize>,
    /// Rule ids (`id@version`).
    pub rules: Vec<String>,
    /// The letter text at each span.
    pub quotes: Vec<String>,
    /// 1-based PDF page of each span (PDF letters only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<usize>,
}

/// One extracted fact, with where the letter says it.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// The value as read.
    pub value: String,
    /// 1-based line.
    pub line: usize,
    /// Byte span in the letter.
    pub span: Span,
    /// The letter's words.
    pub quote: String,
    /// 1-based PDF page (PDF letters only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// Where each part is told, for a value the letter gives in parts ("12 sessions in 2012"
    /// and, pages later, "6 more"): `span` covers them all, these quote each.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<FactPart>,
}

/// One part of a fact told in parts.
#[derive(Debug, Clone, Serialize)]
pub struct FactPart {
    /// 1-based line.
    pub line: usize,
    /// Byte span in the letter.
    pub span: Span,
    /// The letter's words.
    pub quote: String,
    /// 1-based PDF page (PDF letters only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
}

impl FactPart {
    /// The words of `letter` at `span`, with their line (a fact's place, or one of its parts').
    fn at(letter: &Letter, span: Span) -> FactPart {
        FactPart { line: letter.line_of(span.start), span, quote: fold(letter.slice(span)), page: None }
    }
}

/// One item, as the JSON contract names its fields.
#[derive(Debug, Clone, Serialize)]
pub struct ItemReport {
    /// The item text as the letter gives it.
    pub request: String,
    /// What kind of service it is (pharmaceuticals, imaging and testing, physical medicine...).
    pub category: Category,
    /// The treatment.
    pub modality: Modality,
    /// Its family.
    pub family: Family,
    /// Body regions.
    pub body_regions: Vec<String>,
    /// Visits requested (full-day sessions for programs).
    pub visits_requested: Option<u32>,
    /// Visits already done.
    pub prior_visits: Option<u32>,
    /// Earlier treatment of the same family.
    pub prior_treatment: Tri,
    /// Functional improvement documented.
    pub functional_improvement_documented: Tri,
    /// Selection criteria documented (programs).
    pub criteria_documented: Tri,
    /// In a postsurgical period.
    pub postsurgical: bool,
    /// The recorded decision.
    pub decision: Decision,
    /// Rule id.
    pub rule: Option<String>,
    /// Rule version.
    pub rule_version: Option<String>,
    /// Rule citation.
    pub rule_citation: Option<String>,
    /// The standing of the deciding rule's figure in the edition in force: `confirmed`,
    /// `corroborated` (by real letters), `carried_over` (from an earlier edition) or
    /// `unconfirmed`; null with no rule.
    pub source_status: Option<crate::rules::model::Status>,
    /// For a carried-over figure, the version (edition) it is carried over from.
    pub source_from: Option<String>,
    /// What the rules say.
    pub verdict: Verdict,
    /// Whether the decision matches.
    pub agreement: Agreement,
    /// Which way it disagrees.
    pub disagreement: Option<Disagreement>,
    /// Conditions named for the patient.
    pub conditions: Vec<String>,
    /// Guideline citations in the item's block, by the claims administrator and the reviewer.
    pub citations: Vec<crate::extract::citation::Citation>,
    /// Thresholds the rationale quotes ("9-10 visits over 8 weeks").
    pub quoted_thresholds: Vec<crate::extract::citation::QuotedThreshold>,
    /// Citations that differ from the rule.
    pub citation_flags: Vec<CitationFlag>,
    /// The explanation.
    pub explanation: Vec<ExplanationStep>,
    /// Each extracted fact with its line and the letter's words.
    pub evidence: std::collections::BTreeMap<String, Fact>,
    /// The extracted facts with their spans.
    #[serde(skip)]
    pub facts: Request,
    /// Line of the item in the letter (for a PDF, in the text `imrcheck text` prints).
    pub line: usize,
    /// 1-based PDF page of the item (PDF letters only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// 1-based line of the item on its PDF page (PDF letters only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_line: Option<usize>,
    /// Date used to choose rule versions.
    pub as_of: Option<String>,
}

impl ItemReport {
    /// Whether the verdict rests on a figure with no source in the edition in force (carried
    /// over or unconfirmed): the reports mark these for the auditor. A verdict that rests on no
    /// figure (`no_rule`, `no_count`) is not marked.
    pub fn rests_on_weak_figure(&self) -> bool {
        self.source_status.is_some_and(|s| s.is_weak()) && !matches!(self.verdict, Verdict::NoRule | Verdict::NoCount)
    }

    /// Combine a request and its evaluation.
    pub fn new(letter: &Letter, r: Request, e: Evaluation) -> ItemReport {
        let explanation = e.trace.iter().map(|s: &Step| ExplanationStep {
            text: s.text.clone(),
            lines: s.spans.iter().map(|sp| letter.line_of(sp.start)).collect(),
            quotes: s.spans.iter().map(|sp| fold(letter.slice(*sp))).collect(),
            spans: s.spans.clone(),
            rules: s.rules.clone(),
            pages: Vec::new(),
        });
        let mut evidence = std::collections::BTreeMap::new();
        let mut fact = |name: &str, value: String, span: Option<Span>| {
            if let Some(span) = span.filter(|s| !s.is_empty()) {
                let FactPart { line, span, quote, page } = FactPart::at(letter, span);
                evidence.insert(name.to_owned(), Fact { value, line, span, quote, page, parts: Vec::new() });
            }
        };
        fact("request", r.text.value.clone(), Some(r.text.span));
        fact("decision", r.decision.value.to_string(), Some(r.decision.span));
        fact("category", r.category.value.to_string(), Some(r.category.span));
        if let Some(m) = &r.modality {
            fact("modality", m.value.to_string(), Some(m.span));
        }
        if let Some(q) = &r.requested {
            fact("visits_requested", format!("{} ({})", q.value, q.how), Some(q.span));
        }
        if let Some(p) = &r.prior_visits {
            fact("prior_visits", p.value.to_string(), Some(p.span));
        }
        fact("prior_treatment", r.prior_treatment.value.to_string(), r.prior_treatment.span);
        fact(
            "functional_improvement_documented",
            r.functional_improvement.value.to_string(),
            r.functional_improvement.span,
        );
        fact("criteria_documented", r.criteria.value.to_string(), r.criteria.span);
        if let Some(s) = &r.surgery {
            fact("surgery", s.id.value.clone(), Some(s.id.span));
            if let Some(d) = &s.date {
                // A month the letter gives is reported as that month, not as its first day.
                let value = if s.month_only { d.value.month_string() } else { d.value.to_string() };
                fact("surgery_date", value, Some(d.span));
            }
        }
        if let (Some(f), Some(parts)) = (evidence.get_mut("prior_visits"), &r.prior_parts) {
            f.parts = parts.spans.iter().map(|&span| FactPart::at(letter, span)).collect();
        }
        ItemReport {
            evidence,
            request: r.text.value.clone(),
            category: r.category.value,
            modality: r.modality.as_ref().map(|m| m.value).unwrap_or(Modality::Other),
            family: r.family,
            body_regions: r.body_regions.iter().map(|b| b.value.clone()).collect(),
            visits_requested: e.visits_requested,
            prior_visits: e.prior_visits,
            prior_treatment: r.prior_treatment.value,
            functional_improvement_documented: r.functional_improvement.value,
            criteria_documented: r.criteria.value,
            postsurgical: e.postsurgical,
            decision: r.decision.value,
            rule: e.rule.as_ref().map(|x| x.id.clone()),
            rule_version: e.rule.as_ref().and_then(|x| x.version.clone()),
            rule_citation: e.rule.as_ref().map(|x| x.citation.clone()),
            source_status: e.rule.as_ref().map(|x| x.status),
            source_from: e.rule.as_ref().and_then(|x| x.carried_from.clone()),
            verdict: e.verdict,
            agreement: e.agreement,
            disagreement: e.disagreement,
            conditions: r.conditions.iter().map(|c| c.value.clone()).collect(),
            citations: r.citations.clone(),
            quoted_thresholds: r.quoted_thresholds.clone(),
            citation_flags: e.citation_flags.clone(),
            explanation: explanation.collect(),
            line: letter.line_of(r.text.span.start),
            page: None,
            page_line: None,
            as_of: e.as_of.as_ref().map(|(d, s)| format!("{d} ({s})")),
            facts: r,
        }
    }
}

/// "line 4", "lines 4, 172": the lines an explanation step quotes, each once.
pub fn lines_label(lines: &[usize]) -> String {
    let mut ls: Vec<String> = lines.iter().map(usize::to_string).collect();
    ls.dedup();
    format!("line{} {}", if ls.len() == 1 { "" } else { "s" }, ls.join(", "))
}

/// A count with thousands separators ("12,345"), for the formats people read (terminal,
/// Markdown, HTML); JSON, CSV and workbook numbers never carry them.
pub fn num<N: num_format::ToFormattedStr>(n: N) -> String {
    use num_format::ToFormattedString;
    n.to_formatted_string(&num_format::Locale::en)
}

/// `s` safe to print to a terminal: a control character (an escape sequence's ESC, a lone
/// carriage return, a C1 control) or a bidirectional override that a letter or a file name
/// carries is shown as `?`, one for each of its bytes (a form feed as a space), so byte offsets
/// into the text still hold.
/// A hostile letter could otherwise clear the screen, rewrite a verdict line or plant a link.
pub fn terminal_safe(s: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |(i, c): (usize, char)| {
        (c.is_control() && c != '\n' && c != '\t' && !(c == '\r' && s.as_bytes().get(i + 1) == Some(&b'\n')))
            || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !s.char_indices().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if matches!(c, '\u{b}' | '\u{c}') {
            // A PDF's page break (form feed) is white space to a reader.
            out.push(' ');
        } else if unsafe_char((i, c)) {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Fold white space for quoting.
pub fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One letter's result: the contract's per-letter object.
#[derive(Debug, Clone, Serialize)]
pub struct LetterReport {
    /// The letter's path.
    pub letter: String,
    /// Its layout.
    pub format: String,
    /// The kind of file it was read from: `text` or `pdf`.
    pub source: crate::source::Source,
    /// The PDF text extractor used (`pdf-extract` or `pdftotext`; PDF letters only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extractor: Option<String>,
    /// Number of PDF pages (PDF letters only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<usize>,
    /// For a PDF that gave no letter text, the kind of failure: `scanned`, `encrypted`,
    /// `damaged`, `timeout`, `memory`, `crashed` or `extractor`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_kind: Option<String>,
    /// Its items.
    pub items: Vec<ItemReport>,
    /// Why it could not be read, if it could not.
    pub errors: Vec<String>,
    /// Problems that did not stop it.
    pub warnings: Vec<String>,
    /// The case as auditors file it: case number, dates, year of decision, reviewer's specialty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case: Option<crate::metadata::CaseInfo>,
    /// Letter-level facts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facts: Option<LetterFacts>,
    /// The text (kept for rendering quotes; not serialised).
    #[serde(skip)]
    pub text: Option<String>,
    /// Where each PDF page starts in `text` (empty for text letters; not serialised).
    #[serde(skip)]
    pub page_starts: Vec<usize>,
}

impl LetterReport {
    /// A letter that could not be read.
    pub fn failed(name: &str, error: String) -> LetterReport {
        LetterReport {
            letter: name.to_owned(),
            format: "unknown".into(),
            source: crate::source::Source::Text,
            extractor: None,
            pages: None,
            error_kind: None,
            items: Vec::new(),
            errors: vec![error],
            warnings: Vec::new(),
            case: None,
            facts: None,
            text: None,
            page_starts: Vec::new(),
        }
    }

    /// The report as one line of JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self)
            .unwrap_or_else(|e| format!("{{\"letter\":{:?},\"errors\":[\"cannot serialise: {e}\"]}}", self.letter))
    }
}

#[cfg(test)]
mod terminal_tests {
    use super::terminal_safe;

    #[test]
    fn control_characters_are_shown_not_obeyed_and_offsets_hold() {
        for (s, want) in [
            ("plain text\nnext line\twith a tab", "plain text\nnext line\twith a tab"),
            ("a CRLF line\r\nnext", "a CRLF line\r\nnext"),
            ("\u{1b}[2Jcleared", "?[2Jcleared"),
            ("over\rwrite", "over?write"),
            ("C1 \u{9b}31m", "C1 ??31m"),
            ("name\u{202e}txt.exe", "name???txt.exe"),
            ("page\u{c}break", "page break"),
        ] {
            let got = terminal_safe(s);
            assert_eq!(got, want);
            assert_eq!(got.len(), s.len(), "{s:?}");
        }
        assert!(matches!(terminal_safe("nothing to do"), std::borrow::Cow::Borrowed(_)));
    }
}
