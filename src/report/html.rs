//! The HTML report: one self-contained file (inline CSS and JavaScript, nothing fetched from the
//! network), written as letters stream in; the summary at its top is filled in when the audit
//! finishes. The page is built with the `maud` templating crate, which escapes every value it is
//! given, so no letter text can come out as markup.
//!
//! The page, top to bottom: where the report came from (imrcheck version, rule set and its
//! digest, time of the run, options), the key figures (letters, items, the agreement rate),
//! bar charts (the dispute mix by category, breakdowns by year of decision and by reviewer
//! specialty, agreement by family, verdicts by decision), the disagreements in both directions,
//! the letters that could not be audited, a legend of the words the report uses, and every item
//! as an expandable section with its explanation and the letter lines its facts rest on.
//!
//! The charts are HTML, not SVG: their labels wrap like any text, so none is cut off at any
//! width, and the page has no horizontal scroll down to a 420 px phone screen.
//!
//! Speed with large corpora: each item's summary line is in the page, but its body (the
//! explanation, the facts, the letter lines: nine tenths of the page) is kept as inert text, all
//! bodies in one JSON array in a `<script type="application/json" id="item-bodies">` at the end,
//! and built when the item is first opened (or printed). A browser then parses and lays out a
//! dozen elements per item instead of a hundred and fifty, and tokenizes the bodies as one run of
//! text. Measured figures are in docs/measurements/html.md.
//!
//! A small script filters the items by category, family, verdict, agreement, the standing of the
//! rule's figure (`source`), year of decision (`year`), reviewer specialty (`specialty`) and free
//! text. The filter is read from and written to the URL hash
//! (`#family=acupuncture&agreement=disagrees&q=shoulder`), and `open=<item id>` opens and scrolls
//! to one item, so a view can be bookmarked or shared. Items hidden by the filter carry the
//! `hidden` attribute.

use super::provenance::Provenance;
use super::sinks::Sink;
use super::summary::{AgreementCounts, CategoryCounts, DisagreementRow, Summary, UNKNOWN};
use super::{num, Fact, ItemReport, LetterReport};
use crate::domain::{Agreement, Category, Decision, Family, Tri, Verdict};
use crate::engine::Disagreement;
use crate::span::Span;
use crate::text::{floor_char, Line};
use maud::{html, Markup, PreEscaped, DOCTYPE};
use std::io::{self, BufWriter, Seek, Write};

/// An HTML sink: item sections go to a temporary file while the audit runs, then the page is
/// assembled: head, summary, items, script. Memory does not grow with the corpus.
pub struct Html<W: Write> {
    out: W,
    items: BufWriter<std::fs::File>,
    /// The items' bodies, each a JSON string followed by a comma.
    bodies: BufWriter<std::fs::File>,
    count: usize,
}

impl<W: Write> Html<W> {
    /// An HTML sink.
    pub fn new(out: W) -> io::Result<Self> {
        Ok(Html {
            out,
            items: BufWriter::new(tempfile::tempfile()?),
            bodies: BufWriter::new(tempfile::tempfile()?),
            count: 0,
        })
    }
}

/// The id of the script holding the items' bodies: a JSON array of HTML strings, one per item
/// in page order.
pub const BODIES_ID: &str = "item-bodies";

/// A body as a JSON string fit to sit in a `<script>`: no `</` or `<!--` in it can end or upset
/// the script element (JSON reads `<\/` as `</`).
fn body_json(body: &str) -> String {
    serde_json::to_string(body)
        .unwrap_or_else(|_| "\"\"".to_owned())
        .replace("</", "<\\/")
        .replace("<!--", "<\\u0021--")
}

/// Escape text for HTML (element content and double-quoted attribute values) exactly as the
/// page's templates do.
pub fn esc(s: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(s.len());
    let _ = maud::Escaper::new(&mut out).write_str(s);
    out
}

/// The anchor id of an item: stable for a letter path and the item's number in the letter, so
/// the summary's disagreement rows can link to items written long before.
pub fn item_id(letter: &str, item: usize) -> String {
    // FNV-1a: short, dependency-free, and stable across runs.
    let mut h: u32 = 0x811c_9dc5;
    for b in letter.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("item-{h:08x}-{item}")
}

/// A value in a URL hash (`#specialty=Orthopedic+Surgery`), as the page's script reads it.
fn hash_value(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// A reader's name for a family.
fn family_label(f: Family) -> &'static str {
    match f {
        Family::PhysicalMedicine => "Physical medicine",
        Family::Acupuncture => "Acupuncture",
        Family::Chiropractic => "Chiropractic",
        Family::Massage => "Massage",
        Family::FunctionalRestoration => "Functional restoration",
        Family::Psychotherapy => "Psychotherapy",
        Family::Other => "Other treatment",
    }
}

/// A reader's name for a verdict.
fn verdict_label(v: Verdict) -> &'static str {
    match v {
        Verdict::WithinLimit => "Within the limit",
        Verdict::ExceedsLimit => "Exceeds the limit",
        Verdict::NotRecommended => "Not recommended",
        Verdict::NeedsDocumentation => "Needs documentation",
        Verdict::NoRule => "No rule",
        Verdict::NoCount => "No visit count",
    }
}

/// A verdict as the end of "the request ...".
fn verdict_phrase(v: Verdict) -> &'static str {
    match v {
        Verdict::WithinLimit => "is within the limit",
        Verdict::ExceedsLimit => "exceeds the limit",
        Verdict::NotRecommended => "is not recommended",
        Verdict::NeedsDocumentation => "needs documentation",
        Verdict::NoRule => "has no rule",
        Verdict::NoCount => "gives no visit count to check",
    }
}

/// What a verdict means, in one sentence.
fn verdict_meaning(v: Verdict) -> &'static str {
    match v {
        Verdict::WithinLimit => "The request fits the rule's visit limits, so the rule supports authorising it.",
        Verdict::ExceedsLimit => "The request asks for more visits than the rule allows.",
        Verdict::NotRecommended => "The rule does not recommend this treatment for this body part or condition.",
        Verdict::NeedsDocumentation => {
            "The rule allows more treatment only with documentation (such as functional improvement) that \
             the letter says is missing."
        }
        Verdict::NoRule => {
            "No MTUS visit rule covers this treatment (for example imaging or medication), so it cannot be checked."
        }
        Verdict::NoCount => "A rule applies, but the letter gives no visit count to check.",
    }
}

/// A reader's name for a decision.
fn decision_label(d: Decision) -> &'static str {
    match d {
        Decision::Upheld => "upheld",
        Decision::Overturned => "overturned",
        Decision::Unknown => "not stated",
    }
}

/// The disagreement's contract name.
fn disagreement_key(d: Disagreement) -> &'static str {
    match d {
        Disagreement::StricterThanRule => "stricter_than_rule",
        Disagreement::MoreLenientThanRule => "more_lenient_than_rule",
    }
}

/// An agreement badge: a symbol and words as well as a colour.
fn agreement_badge(a: Agreement, d: Option<Disagreement>) -> Markup {
    let text = match (a, d) {
        (Agreement::Agrees, _) => "✓ agrees with the rule",
        (Agreement::Disagrees, Some(Disagreement::StricterThanRule)) => "✗ disagrees: stricter than the rule",
        (Agreement::Disagrees, Some(Disagreement::MoreLenientThanRule)) => "✗ disagrees: more lenient than the rule",
        (Agreement::Disagrees, None) => "✗ disagrees with the rule",
        (Agreement::Indeterminate, _) => "? indeterminate",
    };
    html! { span class=(format!("badge ag-{a}")) { (text) } }
}

/// "yes", "no" or "not mentioned".
fn tri(t: Tri) -> &'static str {
    match t {
        Tri::Yes => "yes",
        Tri::No => "no",
        Tri::Unknown => "not mentioned",
    }
}

/// A letter path with its file name emphasised.
fn letter_name(path: &str) -> Markup {
    let cut = path.rfind(['/', '\\']).map(|i| i + 1).unwrap_or(0);
    let (dir, file) = path.split_at(cut);
    html! { span.dir { (dir) } span.file { (file) } }
}

/// 1-based line of a byte offset, as [`crate::letter::Letter::line_of`] counts.
fn line_at(lines: &[Line], offset: usize) -> usize {
    let i = lines.partition_point(|l| l.span.end < offset);
    if i < lines.len() {
        i + 1
    } else {
        lines.len()
    }
}

/// A percentage with one decimal.
fn pct(r: f64) -> String {
    format!("{:.1}%", r * 100.0)
}

/// "1 item", "2 items", "1,024 items".
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", num(n), if n == 1 { one } else { many })
}

/// A bar's length as a share of the longest, for a `width` style.
fn share(n: usize, max: usize) -> String {
    format!("{:.2}%", n as f64 / max.max(1) as f64 * 100.0)
}

/// The longest bar takes this share of its row; the counts in words beside it take the rest (and
/// wrap below it on a narrow screen), so no label is ever cut off.
const BAR_SHARE: f64 = 55.0;

/// A run of a letter line's text and the labels of the marks covering it.
type Segment<'a> = (&'a str, Vec<&'a str>);

/// The letter lines the marked spans fall on, with each span's words in a `<mark>` whose title
/// names what was read there. Runs of lines are separated by an ellipsis row.
fn excerpt(text: &str, lines: &[Line], marks: &[(Span, String)]) -> Option<Markup> {
    let marks: Vec<(usize, usize, &str)> = marks
        .iter()
        .filter_map(|(s, label)| {
            let a = floor_char(text, s.start);
            let b = floor_char(text, s.end);
            (a < b).then_some((a, b, label.as_str()))
        })
        .collect();
    let blank = |i: usize| text.get(lines[i].span.start..lines[i].span.end).is_none_or(|t| t.trim().is_empty());
    let mut shown = std::collections::BTreeSet::new();
    for &(a, b, _) in &marks {
        let first = lines.partition_point(|l| l.span.end < a);
        let last = lines.partition_point(|l| l.span.start < b);
        for i in first..last.max(first + 1).min(lines.len()) {
            if !blank(i) {
                shown.insert(i);
            }
        }
    }
    if shown.is_empty() {
        return None;
    }
    // Each shown line: whether a gap row comes before it, its number, and its segments (text
    // with the labels covering it; neighbours with the same labels merged).
    let mut rows: Vec<(bool, usize, Vec<Segment>)> = Vec::new();
    let mut prev: Option<usize> = None;
    for &i in &shown {
        let gap = prev.is_some_and(|p| (p + 1..i).any(|j| !blank(j)));
        prev = Some(i);
        let (ls, le) = (lines[i].span.start, lines[i].span.end);
        let mut points = vec![ls, le];
        for &(a, b, _) in &marks {
            if a < le && b > ls {
                points.push(a.max(ls));
                points.push(b.min(le));
            }
        }
        points.sort_unstable();
        points.dedup();
        let mut segs: Vec<(usize, usize, Vec<&str>)> = Vec::new();
        for w in points.windows(2) {
            let (p, q) = (w[0], w[1]);
            let mut labels: Vec<&str> = Vec::new();
            for m in marks.iter().filter(|m| m.0 <= p && q <= m.1) {
                if !labels.contains(&m.2) {
                    labels.push(m.2);
                }
            }
            match segs.last_mut() {
                Some(last) if last.2 == labels && last.1 == p => last.1 = q,
                _ => segs.push((p, q, labels)),
            }
        }
        rows.push((gap, i + 1, segs.into_iter().map(|(p, q, l)| (text.get(p..q).unwrap_or(""), l)).collect()));
    }
    Some(html! {
        div.excerpt {
            @for (gap, line, segs) in &rows {
                @if *gap {
                    div.gap aria-hidden="true" { span.ln {} span { "⋯" } }
                }
                div.ll {
                    span.ln { (line) }
                    span.lt {
                        @for (t, labels) in segs {
                            @if labels.is_empty() { (t) } @else { mark title=(labels.join("; ")) { (t) } }
                        }
                    }
                }
            }
        }
    })
}

/// The facts table's rows: a label, the value, and the evidence (where the letter says it).
fn fact_rows(it: &ItemReport) -> Vec<(String, String, Option<&Fact>)> {
    let ev = |k: &str| it.evidence.get(k);
    let mut rows: Vec<(String, String, Option<&Fact>)> = Vec::new();
    let value_or = |k: &str, v: String| ev(k).map(|f| f.value.clone()).unwrap_or(v);
    rows.push(("Decision".into(), decision_label(it.decision).into(), ev("decision")));
    rows.push(("Category".into(), it.category.label(), ev("category")));
    rows.push((
        "Treatment".into(),
        format!("{} (family: {})", it.modality, family_label(it.family).to_lowercase()),
        ev("modality"),
    ));
    rows.push((
        "Visits requested".into(),
        value_or("visits_requested", it.visits_requested.map(|n| n.to_string()).unwrap_or_else(|| "not stated".into())),
        ev("visits_requested"),
    ));
    rows.push((
        "Visits already done".into(),
        it.prior_visits.map(|n| n.to_string()).unwrap_or_else(|| "not stated".into()),
        ev("prior_visits"),
    ));
    rows.push(("Earlier treatment of this kind".into(), tri(it.prior_treatment).into(), ev("prior_treatment")));
    rows.push((
        "Functional improvement documented".into(),
        tri(it.functional_improvement_documented).into(),
        ev("functional_improvement_documented"),
    ));
    if it.criteria_documented != Tri::Unknown || ev("criteria_documented").is_some() {
        rows.push((
            "Program criteria documented".into(),
            tri(it.criteria_documented).into(),
            ev("criteria_documented"),
        ));
    }
    if let Some(f) = ev("surgery") {
        rows.push(("Surgery".into(), f.value.clone(), Some(f)));
    }
    if let Some(f) = ev("surgery_date") {
        rows.push(("Surgery date".into(), f.value.clone(), Some(f)));
    }
    rows.push(("In a postsurgical period".into(), if it.postsurgical { "yes" } else { "no" }.into(), None));
    if !it.body_regions.is_empty() {
        rows.push(("Body regions".into(), it.body_regions.join(", "), None));
    }
    if !it.conditions.is_empty() {
        rows.push(("Conditions".into(), it.conditions.join(", ").replace('_', " "), None));
    }
    const KNOWN: &[&str] = &[
        "request",
        "decision",
        "category",
        "modality",
        "visits_requested",
        "prior_visits",
        "prior_treatment",
        "functional_improvement_documented",
        "criteria_documented",
        "surgery",
        "surgery_date",
    ];
    for (k, f) in &it.evidence {
        if !KNOWN.contains(&k.as_str()) {
            rows.push((k.replace('_', " "), f.value.clone(), Some(f)));
        }
    }
    rows
}

/// The item's outcome in plain words: decision, verdict and why, and whether they agree.
fn in_short(it: &ItemReport) -> Markup {
    let reason = super::summary::reason(it);
    html! {
        @match it.decision {
            Decision::Upheld => { "The reviewer " b { "upheld" } " the denial (treatment not authorised)." }
            Decision::Overturned => { "The reviewer " b { "overturned" } " the denial (treatment authorised)." }
            Decision::Unknown => { "The letter does not state the reviewer's decision." }
        }
        " "
        @match it.verdict {
            Verdict::NoRule => { "No MTUS visit rule covers this treatment." }
            v => {
                "Under the MTUS rule"
                @if let Some(r) = &it.rule { " " code { (r) } }
                ", the request " b { (verdict_phrase(v)) } "."
            }
        }
        " "
        b {
            @match (it.agreement, it.disagreement) {
                (Agreement::Agrees, _) => { "The decision agrees with the rule." }
                (Agreement::Disagrees, Some(Disagreement::StricterThanRule)) => { "The decision is stricter than the rule." }
                (Agreement::Disagrees, Some(Disagreement::MoreLenientThanRule)) => { "The decision is more lenient than the rule." }
                (Agreement::Disagrees, None) => { "The decision disagrees with the rule." }
                (Agreement::Indeterminate, _) => { "The two cannot be compared." }
            }
        }
        @if !reason.is_empty() && it.verdict != Verdict::NoRule {
            " " span.why { "Deciding step: " (reason) }
        }
    }
}

/// The standing of the figure a verdict rests on (docs/sources.md); a verdict resting on a
/// carried-over or unconfirmed figure is marked ⚠. Nothing for verdicts that rest on no figure.
fn source_badge(it: &ItemReport) -> Option<Markup> {
    let st = it.source_status.filter(|_| !matches!(it.verdict, Verdict::NoRule | Verdict::NoCount))?;
    let weak = it.rests_on_weak_figure();
    Some(html! {
        span class=(if weak { "badge src src-weak" } else { "badge src" }) title="the standing of the figure this verdict rests on" {
            @if weak { "⚠ " }
            "figure: " (st.label())
            @if let Some(f) = &it.source_from { " from " (f) }
        }
    })
}

/// The case line of an item: case number, dates, year of decision, reviewer specialty.
fn case_line(r: &LetterReport) -> Option<Markup> {
    let c = r.case.as_ref()?;
    let mut parts: Vec<Markup> = Vec::new();
    if let Some(n) = &c.number {
        parts.push(html! { span.case-no { (n) } });
    }
    for (label, d) in [("injury", c.date_of_injury), ("UR", c.ur_date), ("decision", c.decision_date)] {
        if let Some(d) = d {
            parts.push(html! { span.nowrap { (label) " " (d.to_string()) } });
        }
    }
    if c.decision_date.is_none() {
        if let Some(y) = c.decision_year {
            parts.push(html! { span.nowrap title="the year of the case number: the letter states no decision date" { "decided " (y) } });
        }
    }
    if let Some(s) = &c.reviewer_specialty {
        parts.push(html! { span { "reviewer: " (s) } });
    }
    if parts.is_empty() {
        return None;
    }
    Some(html! {
        span.item-case {
            @for (k, p) in parts.iter().enumerate() {
                @if k > 0 { " · " }
                (p)
            }
        }
    })
}

/// One item's body: in short, the explanation, the rule, the facts, the letter lines.
fn item_body(r: &LetterReport, it: &ItemReport, text: &str, lines: &[Line], id: &str) -> Markup {
    let key = super::summary::key_step(it);
    let facts = fact_rows(it);
    let mut marks: Vec<(Span, String)> = Vec::new();
    for (label, value, fact) in &facts {
        match fact {
            // A value told in parts is marked where each part is, not over the text between.
            Some(f) if !f.parts.is_empty() => {
                marks.extend(f.parts.iter().map(|p| (p.span, format!("{label}: {value} (in parts)"))));
            }
            Some(f) => marks.push((f.span, format!("{label}: {value}"))),
            None => {}
        }
    }
    if let Some(f) = it.evidence.get("request") {
        marks.push((f.span, "the request".into()));
    }
    for (k, step) in it.explanation.iter().enumerate() {
        for sp in &step.spans {
            marks.push((*sp, format!("step {}", k + 1)));
        }
    }
    for f in &it.citation_flags {
        marks.push((f.span, "citation that differs from the rule".into()));
    }
    let ex = excerpt(text, lines, &marks);
    html! {
        p.inshort { strong { "In short:" } " " (in_short(it)) }
        div.cols {
            div {
                h4 { "How the verdict was reached" }
                ol.steps {
                    @for (k, step) in it.explanation.iter().enumerate() {
                        @let ls = dedup(&step.lines);
                        li class=[(key == Some(k)).then_some("key")] {
                            @if key == Some(k) { span.key-label { "deciding step" } " " }
                            (step.text)
                            @if !ls.is_empty() || !step.rules.is_empty() {
                                " "
                                span.meta {
                                    "("
                                    @if !ls.is_empty() {
                                        (if ls.len() == 1 { "line " } else { "lines " })
                                        (ls.iter().map(usize::to_string).collect::<Vec<_>>().join(", "))
                                    }
                                    @for (n, rule) in step.rules.iter().enumerate() {
                                        @if n > 0 || !ls.is_empty() { " · " }
                                        "rule " code { (rule) }
                                    }
                                    ")"
                                }
                            }
                            @for q in step.quotes.iter().filter(|q| !q.is_empty()) {
                                q.quote { (q) }
                            }
                        }
                    }
                }
            }
            div {
                h4 { "Rule applied" }
                @match &it.rule {
                    Some(rule) => {
                        p.rule { code { (rule) @if let Some(v) = &it.rule_version { "@" (v) } } }
                        @if let Some(c) = &it.rule_citation { p.cite { (c) } }
                    }
                    None => { p.cite { "No rule covers this treatment." } }
                }
                @if let Some(a) = &it.as_of { p.asof { "Rules in force on " (a) "." } }
                @for f in &it.citation_flags {
                    p.flag {
                        strong { "⚠ The letter's citation differs from the rule" }
                        " (line " (line_at(lines, f.span.start)) "): " (f.message)
                    }
                }
                @for w in &r.warnings {
                    p.flag { strong { "⚠ Letter warning:" } " " (w) }
                }
                h4 { "Facts read from the letter" }
                div.table-wrap {
                    table.facts {
                        thead { tr { th scope="col" { "Fact" } th scope="col" { "Value" } th scope="col" { "Where the letter says it" } } }
                        tbody {
                            @for (label, value, fact) in &facts {
                                tr {
                                    th scope="row" { (label) }
                                    td { (value) }
                                    td {
                                        @match fact {
                                            Some(f) if !f.parts.is_empty() => {
                                                @for (n, part) in f.parts.iter().enumerate() {
                                                    @if n > 0 { "; " }
                                                    "line " (part.line) ": " q { (part.quote) }
                                                }
                                            }
                                            Some(f) => { "line " (f.line) ": " q { (f.quote) } }
                                            None => { span.muted { "not quoted" } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if let Some(ex) = ex {
            h4 { "In the letter" }
            p.hint {
                "The letter lines these facts come from, with the words read " mark { "highlighted" }
                " (point at a highlight to see which fact)."
            }
            (ex)
        }
        p.permalink.no-print { a href=(format!("#open={id}")) { "Link to this item" } }
    }
}

/// Line numbers with runs of the same one merged.
fn dedup(lines: &[usize]) -> Vec<usize> {
    let mut v = lines.to_vec();
    v.dedup();
    v
}

/// One item: its `<details>` section with the summary line and an empty body, and the body's
/// markup, which the page's script puts in the section when it is first opened.
fn item_html(n: usize, r: &LetterReport, no: usize, it: &ItemReport, text: &str, lines: &[Line]) -> (String, String) {
    let id = item_id(&r.letter, no);
    let case = r.case.as_ref();
    let year = case.and_then(|c| c.decision_year).map(|y| y.to_string()).unwrap_or_else(|| UNKNOWN.to_owned());
    let specialty = case.and_then(|c| c.reviewer_specialty_group.clone()).unwrap_or_else(|| UNKNOWN.to_owned());
    let body = item_body(r, it, text, lines, &id).into_string();
    let page = html! {
        details class=(format!("item ag-{}", it.agreement)) id=(id)
            data-category=(it.category.as_str()) data-family=(it.family.as_str()) data-verdict=(it.verdict.as_str())
            data-agreement=(it.agreement.as_str()) data-disagreement=[it.disagreement.map(disagreement_key)]
            data-source=[it.source_status.map(|s| s.to_string())] data-year=(year) data-specialty=(specialty) {
            summary {
                span.item-no { span.caret aria-hidden="true" {} "#" (num(n)) }
                span.item-main {
                    span.item-req { (it.request) }
                    span.item-where { (letter_name(&r.letter)) " · item " (no) " · line " (it.line) }
                    @if let Some(c) = case_line(r) { (c) }
                    span.item-chips {
                        span.badge.cat { (it.category.label()) }
                        span.badge.fam { (family_label(it.family)) }
                        span class=(format!("badge dec dec-{}", it.decision)) { "decision: " (decision_label(it.decision)) }
                        span.badge.ver { "rule: " (verdict_label(it.verdict).to_lowercase()) }
                        @if let Some(b) = source_badge(it) { (b) }
                    }
                }
                span.item-ag { (agreement_badge(it.agreement, it.disagreement)) }
            }
            div.item-body {}
        }
    };
    let mut s = page.into_string();
    s.push('\n');
    (s, body)
}

impl<W: Write> Sink for Html<W> {
    fn letter(&mut self, r: &LetterReport) -> io::Result<()> {
        if r.items.is_empty() {
            return Ok(());
        }
        let text = r.text.as_deref().unwrap_or("");
        let lines = crate::text::lines(text);
        for (i, it) in r.items.iter().enumerate() {
            self.count += 1;
            let (item, body) = item_html(self.count, r, i + 1, it, text, &lines);
            self.items.write_all(item.as_bytes())?;
            self.bodies.write_all(body_json(&body).as_bytes())?;
            self.bodies.write_all(b",\n")?;
        }
        Ok(())
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        self.items.flush()?;
        self.bodies.flush()?;
        let (open, middle, close) = page(s, self.count);
        self.out.write_all(open.as_bytes())?;
        let file = self.items.get_mut();
        file.rewind()?;
        io::copy(file, &mut self.out)?;
        self.out.write_all(middle.as_bytes())?;
        let file = self.bodies.get_mut();
        file.rewind()?;
        io::copy(file, &mut self.out)?;
        // A last element, so the commas after each body make a valid array.
        self.out.write_all(b"null")?;
        self.out.write_all(close.as_bytes())?;
        self.out.flush()
    }
}

/// The page around the items: everything before them, between them and their bodies, and after
/// the bodies.
fn page(s: &Summary, count: usize) -> (String, String, String) {
    // Where the item list goes, and the bodies: tags no value can hold, since the templates
    // escape every `<` of a value, so the first of each is this one.
    const ITEMS: &str = "<imrcheck-items/>";
    const BODIES: &str = "<imrcheck-bodies/>";
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";
                meta name="generator" content=(format!("imrcheck {}", env!("CARGO_PKG_VERSION")));
                title { "IMR decision audit" }
                style { (PreEscaped(CSS)) }
            }
            body {
                a.skip href="#view=items" { "Skip to the list of items" }
                header.page {
                    div.wrap {
                        h1 { "IMR decision audit" }
                        p {
                            "Each disputed item in these Independent Medical Review decision letters was checked against the \
                             MTUS visit limits (California workers' compensation). For every item the report shows what the \
                             reviewer decided, what the MTUS rule implies, and whether the two agree."
                        }
                        @if let Some(p) = &s.provenance { (provenance(p)) }
                        nav.tabs #tabs aria-label="Report sections" hidden {
                            div role="tablist" {
                                a role="tab" #tab-summary href="#view=summary" aria-controls="panel-summary" aria-selected="true" { "Summary" }
                                a role="tab" #tab-items href="#view=items" aria-controls="panel-items" aria-selected="false" {
                                    "All items " span.count { (num(count)) }
                                }
                            }
                        }
                    }
                }
                main {
                    div.panel #panel-summary role="tabpanel" aria-labelledby="tab-summary" { (summary_html(s)) }
                    div.panel #panel-items role="tabpanel" aria-labelledby="tab-items" {
                        section.items #items-section aria-labelledby="h-items" {
                            (controls_html(s, count))
                            div #items { (PreEscaped(ITEMS)) }
                            p #no-match .empty hidden {
                                "No item matches these filters. "
                                button.linkish type="button" data-clear { "Clear the filters" }
                            }
                        }
                    }
                }
                script type="application/json" id=(BODIES_ID) { "[" (PreEscaped(BODIES)) "]" }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    }
    .into_string();
    let (open, rest) = page.split_once(ITEMS).unwrap_or((&page, ""));
    let (middle, close) = rest.split_once(BODIES).unwrap_or((rest, ""));
    (open.to_owned(), middle.to_owned(), close.to_owned())
}

/// Where the report came from, in the page header.
fn provenance(p: &Provenance) -> Markup {
    html! {
        dl.provenance #provenance data-version=(p.imrcheck) data-rules=(p.rules.origin) data-digest=(p.rules.digest)
            data-generated-at=(p.generated_at) data-as-of=(p.options.as_of.as_deref().unwrap_or("")) data-extractor=(p.options.extractor) {
            div { dt { "imrcheck" } dd { (p.imrcheck) } }
            div { dt { "Rules" } dd { (p.rules_text()) " " code.digest title="SHA-256 of the rule files" { (p.rules.digest) } } }
            div { dt { "Run at" } dd { time datetime=(p.generated_at) { (p.generated_at) } } }
            div { dt { "Options" } dd { (p.options_text()) } }
        }
    }
}

/// A key-figure tile.
fn tile(id: &str, n: usize, label: &str, note: Markup, warn: bool) -> Markup {
    html! {
        div class=(if warn && n > 0 { "tile warn" } else { "tile" }) {
            div.num id=(id) data-count=(n) { (num(n)) }
            div.tile-label { (label) }
            p.explain { (note) }
        }
    }
}

/// The summary: key figures, charts, disagreements, unreadable letters, legend.
fn summary_html(s: &Summary) -> Markup {
    let a = &s.agreement;
    let decidable = a.agrees + a.disagrees;
    let (rate, meter) = match s.agreement_rate {
        Some(r) => (pct(r), format!("{:.1}%", r * 100.0)),
        None => ("n/a".to_owned(), "0%".to_owned()),
    };
    let status_counts: Vec<(String, &str, usize)> = s
        .verdict_by_source_status
        .iter()
        .map(|(st, by)| (st.to_string(), st.label(), by.values().sum::<usize>()))
        .collect();
    html! {
        section.summary aria-labelledby="h-glance" {
            h2 #h-glance { "At a glance" }
            div.tiles {
                div.tile.rate {
                    div.tile-label { "Agreement rate" }
                    div.big #agreement-rate { (rate) }
                    div.meter aria-hidden="true" { span style=(format!("width:{meter}")) {} }
                    p.explain {
                        "The share of decidable items where the IMR decision matches what the MTUS rules imply. "
                        @if decidable > 0 {
                            strong { (num(a.agrees)) } " of " (plural(decidable, "decidable item", "decidable items"))
                            " agree; " strong { (num(a.disagrees)) } " disagree."
                        } @else {
                            "No item could be decided, so there is no rate."
                        }
                    }
                }
                (tile("letters-read", s.letters, "letters read", html! { "Every file given to the audit." }, false))
                (tile("letters-with-errors", s.letters_with_errors, "letters could not be audited",
                    html! { @if s.letters_with_errors > 0 { "Listed below with the reason." } @else { "Every letter could be read." } }, true))
                (tile("item-count", s.items, "disputed items checked", html! {
                    (plural(a.indeterminate, "item", "items"))
                    " could not be decided (no rule, no visit count or no recorded decision) and are left out of the rate. "
                    a.no-print href="#view=items" { "Browse all items" }
                }, false))
                (tile("disagreement-count", a.disagrees, "disagreements", html! {
                    (num(s.stricter_than_rule_total)) " stricter and " (num(s.more_lenient_than_rule_total))
                    " more lenient than the rule (listed below). "
                    a.no-print href="#agreement=disagrees" { "Open them in the item list" }
                }, true))
            }
            @if s.citation_flags > 0 {
                p.note {
                    "⚠ In " (plural(s.citation_flags, "item", "items"))
                    ", the letter cites a guideline page or threshold that differs from the rule in force"
                    span.no-print { " (" a href="#q=citation+differs" { "show them" } ")" } "."
                }
            }
            @if !status_counts.is_empty() {
                p.note #source-note data-weak=(s.on_weak_figures) {
                    (if s.on_weak_figures > 0 { "⚠" } else { "✓" }) " "
                    (plural(s.on_weak_figures, "verdict rests", "verdicts rest"))
                    " on a figure carried over from an earlier edition or not read in any source (marked ⚠ figure). \
                     Items by the standing of their rule's figure: "
                    @for (k, (key, label, n)) in status_counts.iter().enumerate() {
                        @if k > 0 { ", " }
                        a href=(format!("#source={key}")) { (label) } " " (num(*n))
                    }
                    "."
                }
            }
            p.note.no-print { "New to this report? " a href="#legend" { "What the words mean" } " explains each verdict and agreement value." }
        }
        section.mix aria-labelledby="h-mix" {
            div.chart-card {
                h2 #h-mix { "The dispute mix" }
                p.hint {
                    "Every disputed item by category. A visit rule could audit " (plural(s.audited, "item", "items"))
                    " of " (num(s.items)) "; the rest (medications, imaging, injections, equipment and other services) \
                     no MTUS visit rule covers, so no verdict is given for them."
                    span.no-print { " Click a category to list its items." }
                }
                p.key { span.sw.cat-audited {} "audited by a rule " span.sw.cat-none {} "no rule covers it" }
                (counts_chart("chart-category", "h-mix", "category",
                    Category::ALL.iter().filter_map(|c| s.by_category.get(c).map(|n| (c.as_str().to_owned(), c.label(), *n))).collect()))
            }
        }
        section.charts aria-label="Breakdowns" {
            div.chart-card {
                h2 #h-year { "By year of decision" }
                p.hint {
                    "The year of the decision date when the letter states one, else of the IMR case number (a case \
                     numbered CM15- was opened in 2015 and decided within weeks)."
                    span.no-print { " Click a year to list its items." }
                }
                (counts_chart("chart-year", "h-year", "year", breakdown(&s.by_decision_year)))
            }
            div.chart-card {
                h2 #h-specialty { "By reviewer specialty" }
                p.hint {
                    "The reviewer's specialty as the letter states it (the first one named, spelled one way)."
                    span.no-print { " Click a specialty to list its items." }
                }
                (counts_chart("chart-specialty", "h-specialty", "specialty", breakdown(&s.by_reviewer_specialty)))
            }
        }
        section.charts aria-label="Charts" {
            div.chart-card {
                h2 #h-family { "Agreement by family" }
                p.hint {
                    "Each bar is one treatment family: how many of its items agree with the rule, disagree, or cannot be decided."
                    span.no-print { " Click a family to list its items." }
                }
                p.key { span.sw.ag-agrees {} "✓ agrees " span.sw.ag-disagrees {} "✗ disagrees " span.sw.ag-indeterminate {} "? indeterminate" }
                (family_chart(s))
            }
            div.chart-card {
                h2 #h-verdict { "Verdicts by decision" }
                p.hint {
                    "For each verdict (what the MTUS rule says), how many items the reviewer " b { "upheld" }
                    " (denial stands) or " b { "overturned" } " (treatment authorised). The words after each count say \
                     whether that combination agrees with the rule."
                    span.no-print { " Click a verdict to list its items." }
                }
                p.key { span.sw.dec-upheld {} "upheld " span.sw.dec-overturned {} "overturned " span.sw.dec-unknown {} "not stated" }
                (verdict_chart(s))
            }
        }
        section.disagreements aria-labelledby="h-dis" {
            h2 #h-dis { "Disagreements" }
            (disagreement_table("stricter", "Decision stricter than the rule",
                "The reviewer upheld the denial although the MTUS rule allows the request.", &s.stricter_than_rule,
                s.stricter_than_rule_total))
            (disagreement_table("more-lenient", "Decision more lenient than the rule",
                "The reviewer overturned the denial (authorised the treatment) although the MTUS rule does not support it.",
                &s.more_lenient_than_rule, s.more_lenient_than_rule_total))
        }
        section.errors aria-labelledby="h-errors" {
            h2 #h-errors { "Letters that could not be audited " span.count { (num(s.letters_with_errors)) } }
            @if s.errors.is_empty() {
                p.empty { "None: every letter could be read." }
            } @else {
                p.hint { "These files are not counted in the items or the agreement rate." }
                table.list #error-list {
                    thead { tr { th scope="col" { "Letter" } th scope="col" { "Why it could not be audited" } } }
                    tbody {
                        @for (l, e) in &s.errors {
                            tr { td.letter { (letter_name(l)) } td { (e) } }
                        }
                    }
                }
                @if s.letters_with_errors > s.errors.len() {
                    p.hint {
                        "The first " (num(s.errors.len())) " of " (num(s.letters_with_errors))
                        " are listed; each is in the JSON Lines or CSV report."
                    }
                }
            }
        }
        (legend())
    }
}

/// A breakdown's rows for a chart: the value to filter by, the label, the counts; `unknown` last.
fn breakdown(m: &std::collections::BTreeMap<String, CategoryCounts>) -> Vec<(String, String, CategoryCounts)> {
    let mut rows: Vec<(String, String, CategoryCounts)> =
        m.iter().filter(|(k, _)| *k != UNKNOWN).map(|(k, n)| (k.clone(), k.clone(), *n)).collect();
    rows.extend(m.get(UNKNOWN).map(|n| (UNKNOWN.to_owned(), "not stated".to_owned(), *n)));
    rows
}

/// The legend of the words the report uses.
fn legend() -> Markup {
    html! {
        section.legend #legend aria-labelledby="h-legend" {
            h2 #h-legend { "What the words mean" }
            div.legend-cols {
                div {
                    h3 { "Verdict: what the MTUS rule says about the request" }
                    dl {
                        @for v in Verdict::ALL {
                            dt { (verdict_label(*v)) code { (v.as_str()) } }
                            dd { (verdict_meaning(*v)) }
                        }
                    }
                }
                div {
                    h3 { "Decision: what the IMR reviewer decided" }
                    dl {
                        dt { "Upheld" code { "upheld" } } dd { "The denial stands: the treatment is not authorised." }
                        dt { "Overturned" code { "overturned" } } dd { "The denial is reversed: the treatment is authorised." }
                    }
                    h3 { "Agreement: do the decision and the rule point the same way?" }
                    dl {
                        dt { span.badge.ag-agrees { "✓ agrees" } code { "agrees" } }
                        dd { "Upheld where the rule does not support the request, or overturned where it does." }
                        dt { span.badge.ag-disagrees { "✗ disagrees" } code { "disagrees" } }
                        dd {
                            "They point opposite ways: the decision is " b { "stricter than the rule" }
                            " (upheld although the rule allows the request) or " b { "more lenient than the rule" }
                            " (overturned although the rule does not allow it)."
                        }
                        dt { span.badge.ag-indeterminate { "? indeterminate" } code { "indeterminate" } }
                        dd {
                            "Cannot be compared: no rule, no visit count, or the letter does not state the decision. \
                             Left out of the agreement rate."
                        }
                    }
                }
            }
        }
    }
}

/// One of the two disagreement lists: its first rows (the summary keeps a bounded sample) and
/// how many there are.
fn disagreement_table(id: &str, title: &str, hint: &str, rows: &[DisagreementRow], total: usize) -> Markup {
    html! {
        div.dis-block id=(id) {
            h3 { (title) " " span.count { (num(total)) } }
            p.hint { (hint) }
            @if rows.is_empty() {
                p.empty { "None." }
            } @else {
                table.list id=(format!("{id}-list")) {
                    thead { tr {
                        th scope="col" { "Letter and item" } th scope="col" { "Request" }
                        th scope="col" { "Decision / rule" } th scope="col" { "Why (the deciding step)" }
                    } }
                    tbody {
                        @for r in rows {
                            tr {
                                td.letter {
                                    a href=(format!("#open={}", item_id(&r.letter, r.item))) { (letter_name(&r.letter)) }
                                    br; span.muted { "item " (r.item) ", line " (r.line) }
                                }
                                td { (r.request) }
                                td { span.nowrap { (decision_label(r.decision)) } br; "rule: " (verdict_label(r.verdict).to_lowercase()) }
                                td { (r.reason) }
                            }
                        }
                    }
                }
                @if total > rows.len() {
                    p.hint {
                        "The first " (num(rows.len())) " are listed; "
                        a href=(format!("#agreement={}", if id == "stricter" { "stricter_than_rule" } else { "more_lenient_than_rule" })) {
                            "open them all in the item list"
                        }
                        "."
                    }
                }
            }
        }
    }
}

/// A bar of segments, each a share of the longest bar: (count, class).
fn bar(segments: &[(usize, &str)], max: usize) -> Markup {
    let total: usize = segments.iter().map(|(n, _)| n).sum();
    html! {
        span.bar aria-hidden="true" style=(format!("width:{:.2}%", total as f64 / max.max(1) as f64 * BAR_SHARE)) {
            @for (n, class) in segments {
                @if *n > 0 {
                    span class=(format!("seg {class}")) style=(format!("width:{}", share(*n, total))) {}
                }
            }
        }
    }
}

/// A chart of counts (the dispute mix, and the breakdowns by year and specialty): one row per
/// key, its bar split into items a rule audited and items no rule covers, the decisions and
/// agreement in words. Each row links to the item list filtered to its key.
fn counts_chart(id: &str, heading: &str, filter: &str, rows: Vec<(String, String, CategoryCounts)>) -> Markup {
    if rows.is_empty() {
        return html! { p.empty { "No items to chart." } };
    }
    let max = rows.iter().map(|(_, _, n)| n.items).max().unwrap_or(1);
    html! {
        ul.chart id=(id) aria-labelledby=(heading) {
            @for (key, label, n) in &rows {
                li {
                    a.row-link href=(format!("#{filter}={}", hash_value(key))) title=(format!("Show the {label} items")) {
                        span.lbl { (label) span.sub { (plural(n.items, "item", "items")) } }
                        span.line {
                            (bar(&[(n.audited, "cat-audited"), (n.items - n.audited, "cat-none")], max))
                            span.after {
                                @if n.audited == 0 { "not audited" } @else { (num(n.audited)) " audited" }
                                " · " (num(n.upheld)) " upheld · " (num(n.overturned)) " overturned"
                                @if n.agrees + n.disagrees > 0 {
                                    " · " (num(n.agrees)) " agree · " (num(n.disagrees)) " disagree"
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Agreement by family: one stacked bar per family, its name and rate above it, the counts in
/// words after it. Each row links to the item list filtered to the family.
fn family_chart(s: &Summary) -> Markup {
    let rows: Vec<(Family, AgreementCounts)> =
        Family::ALL.iter().filter_map(|f| s.agreement_by_family.get(f).map(|a| (*f, *a))).collect();
    if rows.is_empty() {
        return html! { p.empty { "No items to chart." } };
    }
    let total = |a: &AgreementCounts| a.agrees + a.disagrees + a.indeterminate;
    let max = rows.iter().map(|(_, a)| total(a)).max().unwrap_or(1);
    html! {
        ul.chart #chart-family aria-labelledby="h-family" {
            @for (f, a) in &rows {
                @let parts: Vec<String> = [(a.agrees, "agree"), (a.disagrees, "disagree"), (a.indeterminate, "indeterminate")]
                    .iter().filter(|(n, _)| *n > 0).map(|(n, w)| format!("{} {w}", num(*n))).collect();
                li {
                    a.row-link href=(format!("#family={}", f.as_str())) title=(format!("Show the {} items", family_label(*f).to_lowercase())) {
                        span.lbl {
                            (family_label(*f))
                            span.sub {
                                (plural(total(a), "item", "items"))
                                @match a.rate() {
                                    Some(r) => { " · " (format!("{:.0}%", r * 100.0)) " agree" }
                                    None => { " · no decidable item" }
                                }
                            }
                        }
                        span.line {
                            (bar(&[(a.agrees, "ag-agrees"), (a.disagrees, "ag-disagrees"), (a.indeterminate, "ag-indeterminate")], max))
                            span.after { (parts.join(" · ")) }
                        }
                    }
                }
            }
        }
    }
}

/// Verdicts by decision: for each verdict, one bar per decision, with the count and whether that
/// combination agrees with the rule. Each group links to the item list filtered to the verdict.
fn verdict_chart(s: &Summary) -> Markup {
    let get = |v: Verdict, d: Decision| s.verdict_by_decision.get(&v).and_then(|m| m.get(&d)).copied().unwrap_or(0);
    let mut decisions = vec![Decision::Upheld, Decision::Overturned];
    if Verdict::ALL.iter().any(|v| get(*v, Decision::Unknown) > 0) {
        decisions.push(Decision::Unknown);
    }
    let max = Verdict::ALL
        .iter()
        .flat_map(|v| decisions.iter().map(move |d| (*v, *d)))
        .map(|(v, d)| get(v, d))
        .max()
        .unwrap_or(0);
    let group = |v: Verdict| {
        html! {
            span.lbl { (verdict_label(v)) span.sub.mono { (v.as_str()) } }
            @for d in &decisions {
                @let n = get(v, *d);
                span.line.dline {
                    span.dlbl { (decision_label(*d)) }
                    (bar(&[(n, format!("dec-{d}").as_str())], max))
                    span.after {
                        (num(n))
                        @if n > 0 {
                            @match Agreement::of(*d, v) {
                                Agreement::Agrees => { " · " span.t-agrees { "✓ agrees" } }
                                Agreement::Disagrees => { " · " span.t-disagrees { "✗ disagrees" } }
                                Agreement::Indeterminate => { " · " span.t-indeterminate { "? indeterminate" } }
                            }
                        }
                    }
                }
            }
        }
    };
    html! {
        ul.chart #chart-verdict aria-labelledby="h-verdict" {
            @for v in Verdict::ALL {
                @let total: usize = decisions.iter().map(|d| get(*v, *d)).sum();
                li {
                    @if total > 0 {
                        a.row-link href=(format!("#verdict={}", v.as_str()))
                            title=(format!("Show the items whose verdict is {}", verdict_label(*v).to_lowercase())) { (group(*v)) }
                    } @else {
                        span.row-link { (group(*v)) }
                    }
                }
            }
        }
    }
}

/// One filter: a labelled select of (value, text, count).
fn select(key: &str, label: &str, all: &str, options: Vec<(String, String, usize)>) -> Markup {
    html! {
        label for=(format!("f-{key}")) {
            span { (label) }
            select id=(format!("f-{key}")) name=(key) {
                option value="" { (all) }
                @for (value, text, n) in &options {
                    option value=(value) { (text) " (" (num(*n)) ")" }
                }
            }
        }
    }
}

/// The item list's heading and filter bar.
fn controls_html(s: &Summary, count: usize) -> Markup {
    let a = &s.agreement;
    html! {
        {
            h2 #h-items { "All items " span.count { (num(count)) } }
            p.hint {
                "Click an item to see how its verdict was reached, the rule, and the letter lines it rests on. \
                 The filters are kept in the page address, so a filtered view can be bookmarked or shared."
            }
            form.filters #filters role="search" aria-label="Filter the items" {
                div.controls {
                    (select("category", "Category", "All categories",
                        Category::ALL.iter().filter_map(|c| s.by_category.get(c).map(|n| (c.as_str().to_owned(), c.label(), n.items))).collect()))
                    (select("family", "Family", "All families",
                        Family::ALL.iter().filter_map(|f| s.by_family.get(f).map(|n| (f.as_str().to_owned(), family_label(*f).to_owned(), *n))).collect()))
                    (select("verdict", "Verdict", "All verdicts",
                        Verdict::ALL.iter().filter_map(|v| {
                            let n: usize = s.verdict_by_decision.get(v).map(|m| m.values().sum()).unwrap_or(0);
                            (n > 0).then(|| (v.as_str().to_owned(), verdict_label(*v).to_owned(), n))
                        }).collect()))
                    (select("agreement", "Agreement", "All items", vec![
                        ("agrees".into(), "Agrees".into(), a.agrees),
                        ("disagrees".into(), "Disagrees".into(), a.disagrees),
                        ("stricter_than_rule".into(), "Disagrees: stricter".into(), s.stricter_than_rule_total),
                        ("more_lenient_than_rule".into(), "Disagrees: more lenient".into(), s.more_lenient_than_rule_total),
                        ("indeterminate".into(), "Indeterminate".into(), a.indeterminate),
                    ]))
                    (select("source", "Figure", "Any standing",
                        crate::rules::model::Status::ALL.iter().filter_map(|st| {
                            let n: usize = s.verdict_by_source_status.get(st).map(|m| m.values().sum()).unwrap_or(0);
                            (n > 0).then(|| (st.to_string(), st.label().to_owned(), n))
                        }).collect()))
                    (select("year", "Year of decision", "All years",
                        breakdown(&s.by_decision_year).into_iter().map(|(k, l, n)| (k, l, n.items)).collect()))
                    (select("specialty", "Reviewer specialty", "All specialties",
                        breakdown(&s.by_reviewer_specialty).into_iter().map(|(k, l, n)| (k, l, n.items)).collect()))
                    label.grow for="f-q" {
                        span { "Search" }
                        input type="search" #f-q name="q" placeholder="any words" autocomplete="off";
                    }
                    div.buttons { button type="button" data-clear { "Clear filters" } }
                }
                div.status {
                    p #visible-count role="status" aria-live="polite" data-visible=(count) data-total=(count) {
                        "Showing all " (plural(count, "item", "items"))
                    }
                    div.buttons {
                        button type="button" #f-expand { "Expand all shown" }
                        button type="button" #f-collapse { "Collapse all" }
                    }
                }
            }
            noscript {
                p.note { "Filtering, and each item's explanation, need JavaScript; without it only the item lines are shown." }
            }
        }
    }
}

/// The page's styles.
const CSS: &str = include_str!("html/report.css");

/// The page's script: filters, the URL hash, opening items (their bodies built on first open),
/// expand/collapse, printing.
const SCRIPT: &str = include_str!("html/report.js");
