//! The HTML report: one self-contained file (inline CSS and JavaScript, nothing fetched from the
//! network), written as letters stream in; the summary at its top is filled in when the audit
//! finishes.
//!
//! The page, top to bottom: the key figures (letters, items, the agreement rate), two inline-SVG
//! charts (agreement by family, verdicts by decision), the disagreements in both directions, the
//! letters that could not be audited, a legend of the words the report uses, and every item as
//! an expandable section with its explanation and the letter lines its facts rest on.
//!
//! A small script filters the items by category, family, verdict, agreement, the standing of the
//! rule's figure (`source`) and free text. The filter is
//! read from and written to the URL hash (`#family=acupuncture&agreement=disagrees&q=shoulder`),
//! and `open=<item id>` opens and scrolls to one item, so a view can be bookmarked or shared.
//! Items hidden by the filter carry the `hidden` attribute.

use super::sinks::Sink;
use super::summary::{AgreementCounts, CategoryCounts, DisagreementRow, Summary};
use super::{Fact, ItemReport, LetterReport};
use crate::domain::{Agreement, Category, Decision, Family, Tri, Verdict};
use crate::engine::Disagreement;
use crate::span::Span;
use crate::text::{floor_char, Line};
use std::fmt::Write as _;
use std::io::{self, BufWriter, Seek, Write};

/// An HTML sink: item sections go to a temporary file while the audit runs, then the page is
/// assembled: head, summary, items, script. Memory does not grow with the corpus.
pub struct Html<W: Write> {
    out: W,
    items: BufWriter<std::fs::File>,
    count: usize,
}

impl<W: Write> Html<W> {
    /// An HTML sink.
    pub fn new(out: W) -> io::Result<Self> {
        Ok(Html { out, items: BufWriter::new(tempfile::tempfile()?), count: 0 })
    }
}

/// Escape text for HTML (element content and quoted attribute values).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
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
fn agreement_badge(a: Agreement, d: Option<Disagreement>) -> String {
    let text = match (a, d) {
        (Agreement::Agrees, _) => "✓ agrees with the rule",
        (Agreement::Disagrees, Some(Disagreement::StricterThanRule)) => "✗ disagrees: stricter than the rule",
        (Agreement::Disagrees, Some(Disagreement::MoreLenientThanRule)) => "✗ disagrees: more lenient than the rule",
        (Agreement::Disagrees, None) => "✗ disagrees with the rule",
        (Agreement::Indeterminate, _) => "? indeterminate",
    };
    format!("<span class=\"badge ag-{a}\">{text}</span>")
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
fn letter_name(path: &str) -> String {
    let cut = path.rfind(['/', '\\']).map(|i| i + 1).unwrap_or(0);
    let (dir, file) = path.split_at(cut);
    format!("<span class=\"dir\">{}</span><span class=\"file\">{}</span>", esc(dir), esc(file))
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

/// "1 item", "2 items".
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The letter lines the marked spans fall on, with each span's words in a `<mark>` whose title
/// names what was read there. Runs of lines are separated by an ellipsis row.
fn excerpt(text: &str, lines: &[Line], marks: &[(Span, String)]) -> String {
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
        return String::new();
    }
    let mut h = String::from("<div class=\"excerpt\">");
    let mut prev: Option<usize> = None;
    for &i in &shown {
        if let Some(p) = prev {
            if (p + 1..i).any(|j| !blank(j)) {
                h.push_str("<div class=\"gap\" aria-hidden=\"true\"><span class=\"ln\"></span><span>⋯</span></div>");
            }
        }
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
        // Elementary segments, each with the labels covering it; neighbours with the same labels merge.
        let mut segs: Vec<(usize, usize, Vec<&str>)> = Vec::new();
        for w in points.windows(2) {
            let (p, q) = (w[0], w[1]);
            let labels: Vec<&str> = marks.iter().filter(|m| m.0 <= p && q <= m.1).map(|m| m.2).collect();
            match segs.last_mut() {
                Some(last) if last.2 == labels && last.1 == p => last.1 = q,
                _ => segs.push((p, q, labels)),
            }
        }
        let _ = write!(h, "<div class=\"ll\"><span class=\"ln\">{}</span><span class=\"lt\">", i + 1);
        for (p, q, labels) in segs {
            let t = esc(text.get(p..q).unwrap_or(""));
            if labels.is_empty() {
                h.push_str(&t);
            } else {
                let mut uniq: Vec<&str> = Vec::new();
                for l in labels {
                    if !uniq.contains(&l) {
                        uniq.push(l);
                    }
                }
                let _ = write!(h, "<mark title=\"{}\">{t}</mark>", esc(&uniq.join("; ")));
            }
        }
        h.push_str("</span></div>");
    }
    h.push_str("</div>");
    h
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
fn in_short(it: &ItemReport) -> String {
    let decision = match it.decision {
        Decision::Upheld => "The reviewer <b>upheld</b> the denial (treatment not authorised).",
        Decision::Overturned => "The reviewer <b>overturned</b> the denial (treatment authorised).",
        Decision::Unknown => "The letter does not state the reviewer's decision.",
    };
    let rule = it.rule.as_ref().map(|r| format!(" <code>{}</code>", esc(r))).unwrap_or_default();
    let verdict = match it.verdict {
        Verdict::NoRule => "No MTUS visit rule covers this treatment.".to_owned(),
        v => format!("Under the MTUS rule{rule}, the request is <b>{}</b>.", verdict_label(v).to_lowercase()),
    };
    let reason = super::summary::reason(it);
    let reason = if reason.is_empty() || it.verdict == Verdict::NoRule {
        String::new()
    } else {
        format!(" <span class=\"why\">Deciding step: {}</span>", esc(&reason))
    };
    let agreement = match (it.agreement, it.disagreement) {
        (Agreement::Agrees, _) => "<b>The decision agrees with the rule.</b>",
        (Agreement::Disagrees, Some(Disagreement::StricterThanRule)) => {
            "<b>The decision is stricter than the rule.</b>"
        }
        (Agreement::Disagrees, Some(Disagreement::MoreLenientThanRule)) => {
            "<b>The decision is more lenient than the rule.</b>"
        }
        (Agreement::Disagrees, None) => "<b>The decision disagrees with the rule.</b>",
        (Agreement::Indeterminate, _) => "<b>The two cannot be compared.</b>",
    };
    format!("{decision} {verdict} {agreement}{reason}")
}

/// The standing of the figure a verdict rests on (docs/sources.md); a verdict resting on a
/// carried-over or unconfirmed figure is marked ⚠. Nothing for verdicts that rest on no figure.
fn source_badge(it: &ItemReport) -> String {
    let Some(st) = it.source_status.filter(|_| !matches!(it.verdict, Verdict::NoRule | Verdict::NoCount)) else {
        return String::new();
    };
    let from = it.source_from.as_deref().map(|f| format!(" from {}", esc(f))).unwrap_or_default();
    let (class, mark) = if it.rests_on_weak_figure() { (" src-weak", "⚠ ") } else { ("", "") };
    format!("<span class=\"badge src{class}\" title=\"the standing of the figure this verdict rests on\">{mark}figure: {}{from}</span>", st.label())
}

/// One item's `<details>` section.
fn item_html(n: usize, r: &LetterReport, no: usize, it: &ItemReport, text: &str, lines: &[Line]) -> String {
    let mut h = String::new();
    let id = item_id(&r.letter, no);
    let dis = it.disagreement.map(|d| format!(" data-disagreement=\"{}\"", disagreement_key(d))).unwrap_or_default();
    let dis = format!("{dis}{}", it.source_status.map(|st| format!(" data-source=\"{st}\"")).unwrap_or_default());
    let _ = write!(
        h,
        "<details class=\"item ag-{ag}\" id=\"{id}\" data-category=\"{}\" data-family=\"{}\" data-verdict=\"{}\" data-agreement=\"{ag}\"{dis}>",
        it.category,
        it.family,
        it.verdict,
        ag = it.agreement,
    );
    let _ = write!(
        h,
        "<summary><span class=\"item-no\"><span class=\"caret\" aria-hidden=\"true\"></span>#{n}</span><span class=\"item-main\"><span class=\"item-req\">{}</span>\
         <span class=\"item-where\">{} · item {no} · line {}</span><span class=\"item-chips\">\
         <span class=\"badge cat\">{}</span><span class=\"badge fam\">{}</span><span class=\"badge dec dec-{}\">decision: {}</span>\
         <span class=\"badge ver\">rule: {}</span>{}</span></span><span class=\"item-ag\">{}</span></summary>",
        esc(&it.request),
        letter_name(&r.letter),
        it.line,
        esc(&it.category.label()),
        family_label(it.family),
        it.decision,
        decision_label(it.decision),
        verdict_label(it.verdict).to_lowercase(),
        source_badge(it),
        agreement_badge(it.agreement, it.disagreement),
    );
    h.push_str("<div class=\"item-body\">");
    let _ = write!(h, "<p class=\"inshort\"><strong>In short:</strong> {}</p>", in_short(it));
    h.push_str("<div class=\"cols\"><div>");

    // The explanation, step by step.
    h.push_str("<h4>How the verdict was reached</h4><ol class=\"steps\">");
    let key = super::summary::key_step(it);
    for (k, step) in it.explanation.iter().enumerate() {
        let is_key = key == Some(k);
        let _ = write!(h, "<li{}>", if is_key { " class=\"key\"" } else { "" });
        if is_key {
            h.push_str("<span class=\"key-label\">deciding step</span> ");
        }
        h.push_str(&esc(&step.text));
        let mut meta = Vec::new();
        let mut ls = step.lines.clone();
        ls.dedup();
        if !ls.is_empty() {
            let word = if ls.len() == 1 { "line" } else { "lines" };
            meta.push(format!("{word} {}", ls.iter().map(usize::to_string).collect::<Vec<_>>().join(", ")));
        }
        for rule in &step.rules {
            meta.push(format!("rule <code>{}</code>", esc(rule)));
        }
        if !meta.is_empty() {
            let _ = write!(h, " <span class=\"meta\">({})</span>", meta.join(" · "));
        }
        for q in step.quotes.iter().filter(|q| !q.is_empty()) {
            let _ = write!(h, "<q class=\"quote\">{}</q>", esc(q));
        }
        h.push_str("</li>");
    }
    h.push_str("</ol></div><div>");

    // The rule.
    h.push_str("<h4>Rule applied</h4>");
    match &it.rule {
        Some(rule) => {
            let version = it.rule_version.as_ref().map(|v| format!("@{}", esc(v))).unwrap_or_default();
            let _ = write!(h, "<p class=\"rule\"><code>{}{version}</code></p>", esc(rule));
            if let Some(c) = &it.rule_citation {
                let _ = write!(h, "<p class=\"cite\">{}</p>", esc(c));
            }
        }
        None => h.push_str("<p class=\"cite\">No rule covers this treatment.</p>"),
    }
    if let Some(a) = &it.as_of {
        let _ = write!(h, "<p class=\"asof\">Rules in force on {}.</p>", esc(a));
    }
    for f in &it.citation_flags {
        let _ = write!(
            h,
            "<p class=\"flag\"><strong>⚠ The letter's citation differs from the rule</strong> (line {}): {}</p>",
            line_at(lines, f.span.start),
            esc(&f.message)
        );
    }
    for w in &r.warnings {
        let _ = write!(h, "<p class=\"flag\"><strong>⚠ Letter warning:</strong> {}</p>", esc(w));
    }

    // The facts.
    h.push_str(
        "<h4>Facts read from the letter</h4><table class=\"facts\"><thead><tr><th scope=\"col\">Fact</th>\
         <th scope=\"col\">Value</th><th scope=\"col\">Where the letter says it</th></tr></thead><tbody>",
    );
    for (label, value, fact) in fact_rows(it) {
        let where_ = match fact {
            Some(f) => format!("line {}: <q>{}</q>", f.line, esc(&f.quote)),
            None => "<span class=\"muted\">not quoted</span>".into(),
        };
        let _ = write!(h, "<tr><th scope=\"row\">{}</th><td>{}</td><td>{where_}</td></tr>", esc(&label), esc(&value));
    }
    h.push_str("</tbody></table></div></div>");

    // The letter's lines, with the facts marked.
    let mut marks: Vec<(Span, String)> = Vec::new();
    for (label, value, fact) in fact_rows(it) {
        if let Some(f) = fact {
            marks.push((f.span, format!("{label}: {value}")));
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
    if !ex.is_empty() {
        h.push_str(
            "<h4>In the letter</h4><p class=\"hint\">The letter lines these facts come from, with the words \
             read <mark>highlighted</mark> (point at a highlight to see which fact).</p>",
        );
        h.push_str(&ex);
    }
    let _ = write!(h, "<p class=\"permalink no-print\"><a href=\"#open={id}\">Link to this item</a></p>");
    h.push_str("</div></details>\n");
    h
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
            self.items.write_all(item_html(self.count, r, i + 1, it, text, &lines).as_bytes())?;
        }
        Ok(())
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        self.items.flush()?;
        self.out.write_all(head(self.count).as_bytes())?;
        self.out.write_all(
            b"<div class=\"panel\" id=\"panel-summary\" role=\"tabpanel\" aria-labelledby=\"tab-summary\">",
        )?;
        self.out.write_all(summary_html(s).as_bytes())?;
        self.out.write_all(
            b"</div><div class=\"panel\" id=\"panel-items\" role=\"tabpanel\" aria-labelledby=\"tab-items\">",
        )?;
        self.out.write_all(controls_html(s, self.count).as_bytes())?;
        let file = self.items.get_mut();
        file.rewind()?;
        io::copy(file, &mut self.out)?;
        writeln!(
            self.out,
            "</div><p id=\"no-match\" class=\"empty\" hidden>No item matches these filters. \
             <button type=\"button\" class=\"linkish\" data-clear>Clear the filters</button></p>\
             </section></div></main><script>{SCRIPT}</script></body></html>"
        )?;
        self.out.flush()
    }
}

/// The document head and page header.
fn head(count: usize) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; \
         script-src 'unsafe-inline'; img-src data:\">\
         <meta name=\"generator\" content=\"imrcheck {v}\">\
         <title>IMR decision audit</title><style>{CSS}</style></head><body>\
         <a class=\"skip\" href=\"#view=items\">Skip to the list of items</a>\
         <header class=\"page\"><div class=\"wrap\"><h1>IMR decision audit</h1>\
         <p>Each disputed item in these Independent Medical Review decision letters was checked against the \
         MTUS visit limits (California workers' compensation). For every item the report shows what the \
         reviewer decided, what the MTUS rule implies, and whether the two agree.</p>\
         <nav class=\"tabs\" id=\"tabs\" aria-label=\"Report sections\" hidden><div role=\"tablist\">\
         <a role=\"tab\" id=\"tab-summary\" href=\"#view=summary\" aria-controls=\"panel-summary\" \
         aria-selected=\"true\">Summary</a><a role=\"tab\" id=\"tab-items\" href=\"#view=items\" \
         aria-controls=\"panel-items\" aria-selected=\"false\">All items <span class=\"count\">{count}</span></a>\
         </div></nav></div></header><main>\n",
        v = env!("CARGO_PKG_VERSION"),
    )
}

/// The summary: key figures, charts, disagreements, unreadable letters, legend.
fn summary_html(s: &Summary) -> String {
    let mut h = String::new();
    let a = &s.agreement;
    let decidable = a.agrees + a.disagrees;
    h.push_str("<section class=\"summary\" aria-labelledby=\"h-glance\"><h2 id=\"h-glance\">At a glance</h2>");
    h.push_str("<div class=\"tiles\">");
    // The agreement rate, big.
    let (rate, meter) = match s.agreement_rate {
        Some(r) => (pct(r), format!("{:.1}", r * 100.0)),
        None => ("n/a".to_owned(), "0".to_owned()),
    };
    let _ = write!(
        h,
        "<div class=\"tile rate\"><div class=\"tile-label\">Agreement rate</div>\
         <div class=\"big\" id=\"agreement-rate\">{rate}</div>\
         <div class=\"meter\" aria-hidden=\"true\"><span style=\"width:{meter}%\"></span></div>\
         <p class=\"explain\">The share of decidable items where the IMR decision matches what the MTUS rules \
         imply. {}</p></div>",
        if decidable > 0 {
            format!(
                "<strong>{}</strong> of {} agree; <strong>{}</strong> disagree.",
                a.agrees,
                plural(decidable, "decidable item", "decidable items"),
                a.disagrees
            )
        } else {
            "No item could be decided, so there is no rate.".to_owned()
        }
    );
    let tile = |h: &mut String, id: &str, n: usize, label: &str, note: String, warn: bool| {
        let _ = write!(
            h,
            "<div class=\"tile{}\"><div class=\"num\" id=\"{id}\" data-count=\"{n}\">{n}</div>\
             <div class=\"tile-label\">{label}</div><p class=\"explain\">{note}</p></div>",
            if warn && n > 0 { " warn" } else { "" }
        );
    };
    tile(&mut h, "letters-read", s.letters, "letters read", "Every file given to the audit.".into(), false);
    tile(
        &mut h,
        "letters-with-errors",
        s.letters_with_errors,
        "letters could not be audited",
        if s.letters_with_errors > 0 {
            "Listed below with the reason.".into()
        } else {
            "Every letter could be read.".into()
        },
        true,
    );
    tile(
        &mut h,
        "item-count",
        s.items,
        "disputed items checked",
        format!(
            "{} could not be decided (no rule, no visit count or no recorded decision) and are left out of the \
             rate. <a class=\"no-print\" href=\"#view=items\">Browse all items</a>",
            plural(a.indeterminate, "item", "items")
        ),
        false,
    );
    tile(
        &mut h,
        "disagreement-count",
        a.disagrees,
        "disagreements",
        format!(
            "{} stricter and {} more lenient than the rule (listed below). \
             <a class=\"no-print\" href=\"#agreement=disagrees\">Open them in the item list</a>",
            s.stricter_than_rule_total, s.more_lenient_than_rule_total
        ),
        true,
    );
    h.push_str("</div>");
    if s.citation_flags > 0 {
        let _ = write!(
            h,
            "<p class=\"note\">⚠ In {}, the letter cites a guideline page or threshold that differs from the \
             rule in force<span class=\"no-print\"> (<a href=\"#q=citation+differs\">show them</a>)</span>.</p>",
            plural(s.citation_flags, "item", "items")
        );
    }
    if !s.verdict_by_source_status.is_empty() {
        let counts: Vec<String> = s
            .verdict_by_source_status
            .iter()
            .map(|(st, by)| format!("<a href=\"#source={st}\">{}</a> {}", st.label(), by.values().sum::<usize>()))
            .collect();
        let _ = write!(
            h,
            "<p class=\"note\" id=\"source-note\" data-weak=\"{}\">{} {} on a figure carried over from an earlier edition or \
             not read in any source (marked ⚠ figure). Items by the standing of their rule's figure: {}.</p>",
            s.on_weak_figures,
            if s.on_weak_figures > 0 { "⚠" } else { "✓" },
            plural(s.on_weak_figures, "verdict rests", "verdicts rest"),
            counts.join(", ")
        );
    }
    h.push_str("<p class=\"note no-print\">New to this report? <a href=\"#legend\">What the words mean</a> explains each verdict and agreement value.</p></section>");

    // The dispute mix: which part of the corpus a rule could audit.
    let _ = write!(
        h,
        "<section class=\"mix\" aria-labelledby=\"h-mix\"><div class=\"chart-card\"><h2 id=\"h-mix\">The dispute mix</h2>\
         <p class=\"hint\">Every disputed item by category. A visit rule could audit {} of {}; the rest \
         (medications, imaging, injections, equipment and other services) no MTUS visit rule covers, so no \
         verdict is given for them.<span class=\"no-print\"> Click a category to list its items.</span></p>\
         <p class=\"key\"><span class=\"sw cat-audited\"></span>audited by a rule <span class=\"sw cat-none\"></span>no rule covers it</p>",
        plural(s.audited, "item", "items"),
        s.items
    );
    h.push_str(&category_chart(s));
    h.push_str("</div></section>");

    // Charts.
    h.push_str("<section class=\"charts\" aria-label=\"Charts\"><div class=\"chart-card\">");
    h.push_str(
        "<h2 id=\"h-family\">Agreement by family</h2><p class=\"hint\">Each bar is one treatment family: \
         how many of its items agree with the rule, disagree, or cannot be decided.<span class=\"no-print\"> Click a family to list its items.</span></p>\
         <p class=\"key\"><span class=\"sw ag-agrees\"></span>✓ agrees <span class=\"sw ag-disagrees\"></span>✗ \
         disagrees <span class=\"sw ag-indeterminate\"></span>? indeterminate</p>",
    );
    h.push_str(&family_chart(s));
    h.push_str("</div><div class=\"chart-card\">");
    h.push_str(
        "<h2 id=\"h-verdict\">Verdicts by decision</h2><p class=\"hint\">For each verdict (what the MTUS rule \
         says), how many items the reviewer <b>upheld</b> (denial stands) or <b>overturned</b> (treatment \
         authorised). The words after each count say whether that combination agrees with the rule.<span class=\"no-print\"> Click a verdict to list its items.</span></p>\
         <p class=\"key\"><span class=\"sw dec-upheld\"></span>upheld <span class=\"sw dec-overturned\"></span>\
         overturned <span class=\"sw dec-unknown\"></span>not stated</p>",
    );
    h.push_str(&verdict_chart(s));
    h.push_str("</div></section>");

    // Disagreements.
    h.push_str("<section class=\"disagreements\" aria-labelledby=\"h-dis\"><h2 id=\"h-dis\">Disagreements</h2>");
    disagreement_table(
        &mut h,
        "stricter",
        "Decision stricter than the rule",
        "The reviewer upheld the denial although the MTUS rule allows the request.",
        &s.stricter_than_rule,
        s.stricter_than_rule_total,
    );
    disagreement_table(
        &mut h,
        "more-lenient",
        "Decision more lenient than the rule",
        "The reviewer overturned the denial (authorised the treatment) although the MTUS rule does not support it.",
        &s.more_lenient_than_rule,
        s.more_lenient_than_rule_total,
    );
    h.push_str("</section>");

    // Letters that could not be audited.
    let _ = write!(
        h,
        "<section class=\"errors\" aria-labelledby=\"h-errors\"><h2 id=\"h-errors\">Letters that could not be \
         audited <span class=\"count\">{}</span></h2>",
        s.letters_with_errors
    );
    if s.errors.is_empty() {
        h.push_str("<p class=\"empty\">None: every letter could be read.</p>");
    } else {
        h.push_str(
            "<p class=\"hint\">These files are not counted in the items or the agreement rate.</p>\
             <table class=\"list\" id=\"error-list\"><thead><tr><th scope=\"col\">Letter</th>\
             <th scope=\"col\">Why it could not be audited</th></tr></thead><tbody>",
        );
        for (l, e) in &s.errors {
            let _ = write!(h, "<tr><td class=\"letter\">{}</td><td>{}</td></tr>", letter_name(l), esc(e));
        }
        h.push_str("</tbody></table>");
        if s.letters_with_errors > s.errors.len() {
            let _ = write!(
                h,
                "<p class=\"hint\">The first {} of {} are listed; each is in the JSON Lines or CSV report.</p>",
                s.errors.len(),
                s.letters_with_errors
            );
        }
    }
    h.push_str("</section>");

    // Legend.
    h.push_str(
        "<section class=\"legend\" id=\"legend\" aria-labelledby=\"h-legend\"><h2 id=\"h-legend\">What the words \
         mean</h2><div class=\"legend-cols\"><div><h3>Verdict: what the MTUS rule says about the request</h3><dl>",
    );
    for v in Verdict::ALL {
        let _ = write!(h, "<dt>{}<code>{v}</code></dt><dd>{}</dd>", verdict_label(*v), verdict_meaning(*v));
    }
    h.push_str(
        "</dl></div><div><h3>Decision: what the IMR reviewer decided</h3><dl>\
         <dt>Upheld<code>upheld</code></dt><dd>The denial stands: the treatment is not authorised.</dd>\
         <dt>Overturned<code>overturned</code></dt><dd>The denial is reversed: the treatment is authorised.</dd>\
         </dl><h3>Agreement: do the decision and the rule point the same way?</h3><dl>\
         <dt><span class=\"badge ag-agrees\">✓ agrees</span><code>agrees</code></dt><dd>Upheld where the rule \
         does not support the request, or overturned where it does.</dd>\
         <dt><span class=\"badge ag-disagrees\">✗ disagrees</span><code>disagrees</code></dt><dd>They point \
         opposite ways: the decision is <b>stricter than the rule</b> (upheld although the rule allows the \
         request) or <b>more lenient than the rule</b> (overturned although the rule does not allow it).</dd>\
         <dt><span class=\"badge ag-indeterminate\">? indeterminate</span><code>indeterminate</code></dt>\
         <dd>Cannot be compared: no rule, no visit count, or the letter does not state the decision. \
         Left out of the agreement rate.</dd></dl></div></div></section>",
    );
    h
}

/// One of the two disagreement lists.
fn disagreement_table(h: &mut String, id: &str, title: &str, hint: &str, rows: &[DisagreementRow], total: usize) {
    let _ = write!(
        h,
        "<div class=\"dis-block\" id=\"{id}\"><h3>{title} <span class=\"count\">{total}</span></h3><p class=\"hint\">{hint}</p>"
    );
    if rows.is_empty() {
        h.push_str("<p class=\"empty\">None.</p></div>");
        return;
    }
    let _ = write!(
        h,
        "<table class=\"list\" id=\"{id}-list\"><thead><tr><th scope=\"col\">Letter and item</th>\
         <th scope=\"col\">Request</th><th scope=\"col\">Decision / rule</th><th scope=\"col\">Why (the deciding \
         step)</th></tr></thead><tbody>"
    );
    for r in rows {
        let _ = write!(
            h,
            "<tr><td class=\"letter\"><a href=\"#open={}\">{}</a><br><span class=\"muted\">item {}, line {}</span></td>\
             <td>{}</td><td><span class=\"nowrap\">{}</span><br><span class=\"nowrap\">rule: {}</span></td><td>{}</td></tr>",
            item_id(&r.letter, r.item),
            letter_name(&r.letter),
            r.item,
            r.line,
            esc(&r.request),
            decision_label(r.decision),
            verdict_label(r.verdict).to_lowercase(),
            esc(&r.reason)
        );
    }
    h.push_str("</tbody></table>");
    if total > rows.len() {
        let _ = write!(
            h,
            "<p class=\"hint\">The first {} are listed; <a href=\"#agreement={}\">open them all in the item list</a>.</p>",
            rows.len(),
            if id == "stricter" { "stricter_than_rule" } else { "more_lenient_than_rule" }
        );
    }
    h.push_str("</div>");
}

/// The width of the charts' coordinate system; they are drawn at about this size.
const CHART_W: f64 = 520.0;

/// The dispute mix: one bar per category, split into items a rule audited and items no rule
/// covers, with the decisions after it. Each row links to the item list filtered to the category.
fn category_chart(s: &Summary) -> String {
    let rows: Vec<(Category, CategoryCounts)> =
        Category::ALL.iter().filter_map(|c| s.by_category.get(c).map(|n| (*c, *n))).collect();
    if rows.is_empty() {
        return "<p class=\"empty\">No items to chart.</p>".into();
    }
    let max = rows.iter().map(|(_, n)| n.items).max().unwrap_or(1).max(1) as f64;
    let (bar, row, bar_h) = (260.0, 50.0, 22.0);
    let height = rows.len() as f64 * row;
    let desc: Vec<String> = rows
        .iter()
        .map(|(c, n)| {
            format!(
                "{}: {} items, {} audited, {} upheld, {} overturned",
                c.label(),
                n.items,
                n.audited,
                n.upheld,
                n.overturned
            )
        })
        .collect();
    let mut h = format!(
        "<svg class=\"chart\" id=\"chart-category\" viewBox=\"0 0 {CHART_W} {height}\" role=\"img\" \
         aria-labelledby=\"h-mix chart-category-desc\"><desc id=\"chart-category-desc\">{}</desc>",
        esc(&desc.join("; "))
    );
    for (k, (c, n)) in rows.iter().enumerate() {
        let y = k as f64 * row;
        let label = c.label();
        let _ = write!(
            h,
            "<a href=\"#category={c}\" class=\"row-link\"><title>Show the {label} items</title>\
             <rect class=\"hit\" x=\"0\" y=\"{y:.1}\" width=\"{CHART_W}\" height=\"{row}\"/>\
             <text class=\"lbl\" x=\"0\" y=\"{:.1}\">{}<tspan class=\"sub\" dx=\"8\">{}</tspan></text>",
            y + 14.0,
            esc(&label),
            plural(n.items, "item", "items"),
        );
        let by = y + 20.0;
        let mut x = 0.0;
        for (count, class) in [(n.audited, "cat-audited"), (n.items - n.audited, "cat-none")] {
            if count == 0 {
                continue;
            }
            let w = count as f64 / max * bar;
            let _ = write!(
                h,
                "<rect class=\"seg {class}\" x=\"{x:.1}\" y=\"{by:.1}\" width=\"{w:.1}\" height=\"{bar_h}\"/>"
            );
            x += w;
        }
        let audited = if n.audited == 0 { "not audited".to_owned() } else { format!("{} audited", n.audited) };
        let _ = write!(
            h,
            "<text class=\"after\" x=\"{:.1}\" y=\"{:.1}\">{audited} · {} upheld · {} overturned</text></a>",
            x + 8.0,
            by + 15.5,
            n.upheld,
            n.overturned
        );
    }
    h.push_str("</svg>");
    h
}

/// Agreement by family: one stacked bar per family, its name and rate above it, the counts in
/// words after it. Each row links to the item list filtered to the family.
fn family_chart(s: &Summary) -> String {
    let rows: Vec<(Family, AgreementCounts)> =
        Family::ALL.iter().filter_map(|f| s.agreement_by_family.get(f).map(|a| (*f, *a))).collect();
    if rows.is_empty() {
        return "<p class=\"empty\">No items to chart.</p>".into();
    }
    let total = |a: &AgreementCounts| a.agrees + a.disagrees + a.indeterminate;
    let max = rows.iter().map(|(_, a)| total(a)).max().unwrap_or(1).max(1) as f64;
    let (bar, row, bar_h) = (260.0, 50.0, 22.0);
    let height = rows.len() as f64 * row;
    let desc: Vec<String> = rows
        .iter()
        .map(|(f, a)| {
            format!(
                "{}: {} agree, {} disagree, {} indeterminate",
                family_label(*f),
                a.agrees,
                a.disagrees,
                a.indeterminate
            )
        })
        .collect();
    let mut h = format!(
        "<svg class=\"chart\" id=\"chart-family\" viewBox=\"0 0 {CHART_W} {height}\" role=\"img\" \
         aria-labelledby=\"h-family chart-family-desc\"><desc id=\"chart-family-desc\">{}</desc>",
        esc(&desc.join("; "))
    );
    for (k, (f, a)) in rows.iter().enumerate() {
        let y = k as f64 * row;
        let n = total(a);
        let _ = write!(
            h,
            "<a href=\"#family={f}\" class=\"row-link\"><title>Show the {} items</title>\
             <rect class=\"hit\" x=\"0\" y=\"{y:.1}\" width=\"{CHART_W}\" height=\"{row}\"/>\
             <text class=\"lbl\" x=\"0\" y=\"{:.1}\">{}<tspan class=\"sub\" dx=\"8\">{}{}</tspan></text>",
            family_label(*f).to_lowercase(),
            y + 14.0,
            family_label(*f),
            plural(n, "item", "items"),
            a.rate().map(|r| format!(" · {:.0}% agree", r * 100.0)).unwrap_or_else(|| " · no decidable item".into()),
        );
        let by = y + 20.0;
        let mut x = 0.0;
        let mut parts = Vec::new();
        for (count, class, word) in [
            (a.agrees, "agrees", "agree"),
            (a.disagrees, "disagrees", "disagree"),
            (a.indeterminate, "indeterminate", "indeterminate"),
        ] {
            if count == 0 {
                continue;
            }
            parts.push(format!("{count} {word}"));
            let w = count as f64 / max * bar;
            let _ = write!(
                h,
                "<rect class=\"seg ag-{class}\" x=\"{x:.1}\" y=\"{by:.1}\" width=\"{w:.1}\" height=\"{bar_h}\"/>"
            );
            if w >= 18.0 {
                let _ = write!(
                    h,
                    "<text class=\"in in-{class}\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{count}</text>",
                    x + w / 2.0,
                    by + 15.5
                );
            }
            x += w;
        }
        let _ = write!(
            h,
            "<text class=\"after\" x=\"{:.1}\" y=\"{:.1}\">{}</text></a>",
            x + 8.0,
            by + 15.5,
            parts.join(" · ")
        );
    }
    h.push_str("</svg>");
    h
}

/// Verdicts by decision: for each verdict, one bar per decision, with the count and whether that
/// combination agrees with the rule. Each group links to the item list filtered to the verdict.
fn verdict_chart(s: &Summary) -> String {
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
        .unwrap_or(0)
        .max(1) as f64;
    let (dec_w, bar, bar_h, step, title_h, gap) = (84.0, 280.0, 15.0, 18.0, 20.0, 12.0);
    let group_h = title_h + decisions.len() as f64 * step + gap;
    let height = Verdict::ALL.len() as f64 * group_h - gap + 4.0;
    let mut desc = Vec::new();
    for v in Verdict::ALL {
        let parts: Vec<String> = decisions.iter().map(|d| format!("{} {}", get(*v, *d), decision_label(*d))).collect();
        desc.push(format!("{}: {}", verdict_label(*v), parts.join(", ")));
    }
    let mut h = format!(
        "<svg class=\"chart\" id=\"chart-verdict\" viewBox=\"0 0 {CHART_W} {height}\" role=\"img\" \
         aria-labelledby=\"h-verdict chart-verdict-desc\"><desc id=\"chart-verdict-desc\">{}</desc>",
        esc(&desc.join("; "))
    );
    for (g, v) in Verdict::ALL.iter().enumerate() {
        let y0 = g as f64 * group_h;
        let total: usize = decisions.iter().map(|d| get(*v, *d)).sum();
        let open = if total > 0 {
            format!(
                "<a href=\"#verdict={v}\" class=\"row-link\"><title>Show the items whose verdict is {}</title>\
                 <rect class=\"hit\" x=\"0\" y=\"{y0:.1}\" width=\"{CHART_W}\" height=\"{:.1}\"/>",
                verdict_label(*v).to_lowercase(),
                group_h - gap + 2.0
            )
        } else {
            "<g>".to_owned()
        };
        h.push_str(&open);
        let _ = write!(
            h,
            "<text class=\"lbl\" x=\"0\" y=\"{:.1}\">{}<tspan class=\"sub mono\" dx=\"8\">{v}</tspan></text>",
            y0 + 14.0,
            verdict_label(*v),
        );
        for (k, d) in decisions.iter().enumerate() {
            let y = y0 + title_h + k as f64 * step;
            let n = get(*v, *d);
            let w = n as f64 / max * bar;
            let _ = write!(
                h,
                "<text class=\"dlbl\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\
                 <rect class=\"seg dec-{d}\" x=\"{dec_w:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{bar_h}\"/>",
                dec_w - 6.0,
                y + 11.5,
                decision_label(*d)
            );
            let note = match (n, Agreement::of(*d, *v)) {
                (0, _) => "",
                (_, Agreement::Agrees) => " · <tspan class=\"t-agrees\">✓ agrees</tspan>",
                (_, Agreement::Disagrees) => " · <tspan class=\"t-disagrees\">✗ disagrees</tspan>",
                (_, Agreement::Indeterminate) => " · <tspan class=\"t-indeterminate\">? indeterminate</tspan>",
            };
            let _ =
                write!(h, "<text class=\"after\" x=\"{:.1}\" y=\"{:.1}\">{n}{note}</text>", dec_w + w + 6.0, y + 11.5);
        }
        h.push_str(if total > 0 { "</a>" } else { "</g>" });
    }
    h.push_str("</svg>");
    h
}

/// The filter bar, then the opening of the item list.
fn controls_html(s: &Summary, count: usize) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<section class=\"items\" id=\"items-section\" aria-labelledby=\"h-items\"><h2 id=\"h-items\">All items \
         <span class=\"count\">{count}</span></h2><p class=\"hint\">Click an item to see how its verdict was reached, \
         the rule, and the letter lines it rests on. The filters are kept in the page address, so a filtered \
         view can be bookmarked or shared.</p>"
    );
    h.push_str("<form class=\"filters\" id=\"filters\" role=\"search\" aria-label=\"Filter the items\"><div class=\"controls\">");
    let select = |h: &mut String, key: &str, label: &str, all: &str, options: Vec<(String, String, usize)>| {
        let _ = write!(
            h,
            "<label for=\"f-{key}\"><span>{label}</span><select id=\"f-{key}\" name=\"{key}\"><option value=\"\">{all}</option>"
        );
        for (value, text, n) in options {
            let _ = write!(h, "<option value=\"{value}\">{} ({n})</option>", esc(&text));
        }
        h.push_str("</select></label>");
    };
    select(
        &mut h,
        "category",
        "Category",
        "All categories",
        Category::ALL
            .iter()
            .filter_map(|c| s.by_category.get(c).map(|n| (c.to_string(), c.label(), n.items)))
            .collect(),
    );
    select(
        &mut h,
        "family",
        "Family",
        "All families",
        Family::ALL
            .iter()
            .filter_map(|f| s.by_family.get(f).map(|n| (f.to_string(), family_label(*f).to_owned(), *n)))
            .collect(),
    );
    select(
        &mut h,
        "verdict",
        "Verdict",
        "All verdicts",
        Verdict::ALL
            .iter()
            .filter_map(|v| {
                let n: usize = s.verdict_by_decision.get(v).map(|m| m.values().sum()).unwrap_or(0);
                (n > 0).then(|| (v.to_string(), verdict_label(*v).to_owned(), n))
            })
            .collect(),
    );
    let a = &s.agreement;
    select(
        &mut h,
        "agreement",
        "Agreement",
        "All items",
        vec![
            ("agrees".into(), "Agrees".into(), a.agrees),
            ("disagrees".into(), "Disagrees".into(), a.disagrees),
            ("stricter_than_rule".into(), "Disagrees: stricter".into(), s.stricter_than_rule_total),
            ("more_lenient_than_rule".into(), "Disagrees: more lenient".into(), s.more_lenient_than_rule_total),
            ("indeterminate".into(), "Indeterminate".into(), a.indeterminate),
        ],
    );
    select(
        &mut h,
        "source",
        "Figure",
        "Any standing",
        crate::rules::model::Status::ALL
            .iter()
            .filter_map(|st| {
                let n: usize = s.verdict_by_source_status.get(st).map(|m| m.values().sum()).unwrap_or(0);
                (n > 0).then(|| (st.to_string(), st.label().to_owned(), n))
            })
            .collect(),
    );
    h.push_str(
        "<label for=\"f-q\" class=\"grow\"><span>Search</span><input type=\"search\" id=\"f-q\" name=\"q\" \
         placeholder=\"any words\" autocomplete=\"off\"></label>\
         <div class=\"buttons\"><button type=\"button\" data-clear>Clear filters</button></div></div>",
    );
    let _ = writeln!(
        h,
        "<div class=\"status\"><p id=\"visible-count\" role=\"status\" aria-live=\"polite\" \
         data-visible=\"{count}\" data-total=\"{count}\">Showing all {}</p><div class=\"buttons\">\
         <button type=\"button\" id=\"f-expand\">Expand all shown</button>\
         <button type=\"button\" id=\"f-collapse\">Collapse all</button></div></div></form>\
         <noscript><p class=\"note\">Filtering needs JavaScript; all items are shown.</p></noscript>\
         <div id=\"items\">",
        plural(count, "item", "items")
    );
    h
}

/// The page's styles.
const CSS: &str = r##"
:root{--ink:#1d2433;--muted:#4a5466;--line:#d5dae2;--bg:#f4f6f9;--card:#fff;--accent:#1f4fb8;
--agree:#1d7a36;--agree-bg:#e2f3e6;--agree-ink:#13501f;--dis:#b3261e;--dis-bg:#fbe5e3;--dis-ink:#761711;
--ind:#8b93a1;--ind-bg:#e9ecf0;--ind-ink:#333b48;--up:#2f4f86;--over:#c25e00;--unk:#9aa1ad}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans","DejaVu Sans",Arial,sans-serif}
[hidden]{display:none!important}
a{color:var(--accent)}
code,.mono{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"Liberation Mono","DejaVu Sans Mono",monospace;font-size:.86em}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5em}
.skip:focus{left:.5em;z-index:10}
header.page{background:#18253f;color:#fff}
header.page .wrap{max-width:1200px;margin:0 auto;padding:22px 24px 18px}
html.js header.page .wrap{padding-bottom:0}
header.page h1{margin:0 0 4px;font-size:26px}
header.page p{margin:0;max-width:900px;color:#dde4f0}
.tabs{margin-top:16px}
.tabs [role=tab]{display:inline-block;padding:9px 20px 10px;margin-right:4px;color:#e8edf6;text-decoration:none;font-weight:600;border-radius:8px 8px 0 0;background:#2a3a5c}
.tabs [role=tab]:hover{background:#35486f}
.tabs [role=tab][aria-selected=true]{background:var(--bg);color:var(--ink)}
.tabs .count{background:#fff;color:var(--ink)}
.panel.inactive{display:none}
main{max-width:1200px;margin:0 auto;padding:0 24px 48px}
section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:18px 22px;margin:18px 0}
h2{font-size:20px;margin:0 0 10px}
h3{font-size:16px;margin:14px 0 4px}
h4{font-size:14px;margin:14px 0 6px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.hint{color:var(--muted);margin:0 0 10px;font-size:14px}
.note{margin:10px 0 0;font-size:14px}
.muted{color:var(--muted)}
.empty{color:var(--muted);font-style:italic}
.count{display:inline-block;min-width:1.8em;padding:0 .45em;border-radius:99px;background:#e6eaf1;color:var(--ink);font-size:.8em;text-align:center;vertical-align:.1em}
.nowrap{white-space:nowrap}
.tiles{display:grid;grid-template-columns:1.6fr 1fr 1fr 1fr 1fr;gap:14px}
.tile{border:1px solid var(--line);border-radius:8px;padding:12px 14px;background:#fafbfd}
.tile .num{font-size:34px;font-weight:700;line-height:1.1}
.tile-label{font-weight:600}
.tile-label a.more{font-weight:400;font-size:13px;margin-left:4px;white-space:nowrap}
.tile .explain{margin:6px 0 0;font-size:13px;color:var(--muted)}
.tile.warn .num{color:var(--dis)}
.tile.rate{background:#f1f6ff;border-color:#b9cdf2}
.tile.rate .big{font-size:56px;font-weight:800;line-height:1;color:#143a8a;margin:4px 0 8px}
.meter{height:10px;border-radius:5px;background:var(--dis-bg);border:1px solid #e3b4ae;overflow:hidden}
.meter span{display:block;height:100%;background:var(--agree)}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:18px;background:none;border:0;padding:0}
.chart-card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:18px 22px}
.chart{width:100%;height:auto;display:block}
.chart text{font-family:inherit;font-size:13px;fill:var(--ink)}
.chart .lbl{font-weight:600;font-size:13.5px}
.chart .sub{font-size:12px;font-weight:400;fill:var(--muted)}
.chart .mono{font-size:11.5px}
.row-link .hit{fill:transparent}
.row-link:hover .hit,.row-link:focus .hit{fill:#eef3fc}
.row-link:focus{outline:none}
.row-link:focus-visible .hit{stroke:#f0b400;stroke-width:3px}
.chart .dlbl{font-size:12px;fill:var(--muted)}
.chart .after{font-size:12px}
.chart .in{font-size:12px;font-weight:700}
.chart .in-agrees,.chart .in-disagrees{fill:#fff}
.chart .sep{stroke:var(--line)}
.seg.ag-agrees,.sw.ag-agrees{fill:var(--agree);background:var(--agree)}
.seg.cat-audited,.sw.cat-audited{fill:var(--accent);background:var(--accent)}
.seg.cat-none,.sw.cat-none{fill:#c3c9d3;background:#c3c9d3}
.mix{background:none;border:0;padding:0;margin-bottom:18px}
.mix .chart{max-width:620px}
.seg.ag-disagrees,.sw.ag-disagrees{fill:var(--dis);background:var(--dis)}
.seg.ag-indeterminate,.sw.ag-indeterminate{fill:#c3c9d3;background:#c3c9d3}
.seg.dec-upheld,.sw.dec-upheld{fill:var(--up);background:var(--up)}
.seg.dec-overturned,.sw.dec-overturned{fill:var(--over);background:var(--over)}
.seg.dec-unknown,.sw.dec-unknown{fill:var(--unk);background:var(--unk)}
.chart .t-agrees{fill:var(--agree-ink);font-weight:600}
.chart .t-disagrees{fill:var(--dis);font-weight:700}
.chart .t-indeterminate{fill:var(--muted)}
.key{font-size:13px;margin:0 0 8px}
.sw{display:inline-block;width:12px;height:12px;border-radius:2px;margin:0 5px 0 10px;vertical-align:-1px}
.key .sw:first-child{margin-left:0}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:7px 10px;border-bottom:1px solid var(--line);font-size:14px}
thead th{background:#eef1f6;font-size:13px;color:var(--ink)}
.list td.letter{min-width:230px}
.dir{color:var(--muted);font-size:.85em}
.file{font-weight:600}
.dis-block{margin-bottom:10px}
#stricter h3 .count,#more-lenient h3 .count{background:var(--dis-bg);color:var(--dis-ink)}
.legend-cols{display:grid;grid-template-columns:1fr 1fr;gap:24px}
.legend dl{margin:0;display:grid;grid-template-columns:max-content 1fr;gap:6px 14px;font-size:14px}
.legend dt{font-weight:600}
.legend dd{margin:0;color:var(--ink)}
.legend dt code{display:block;font-weight:400;color:var(--muted)}
.badge{display:inline-block;padding:1px 8px;border-radius:99px;font-size:12.5px;border:1px solid transparent;white-space:nowrap;background:#eef1f6;color:var(--ink)}
.badge.ag-agrees{background:var(--agree-bg);color:var(--agree-ink);border-color:#a9d5b3}
.badge.ag-disagrees{background:var(--dis-bg);color:var(--dis-ink);border-color:#eab0aa;font-weight:600}
.badge.ag-indeterminate{background:var(--ind-bg);color:var(--ind-ink);border-color:#c8ced8}
.badge.fam{background:#fff;border-color:var(--line)}
.badge.src{background:#fff;border-color:var(--line);color:var(--muted)}
.badge.src-weak{background:#fff6e0;border-color:#e6c36a;color:#6b4a00}
.badge.dec-upheld{background:#e7edf8;color:#1f3763}
.badge.dec-overturned{background:#fdeedd;color:#7a3b00}
.filters{position:sticky;top:0;z-index:5;background:var(--card);margin:0 -22px 12px;padding:10px 22px;border-bottom:1px solid var(--line)}
.controls{display:flex;flex-wrap:wrap;gap:10px 12px;align-items:flex-end}
.controls label.grow{flex:1 1 200px}
.controls label.grow input{width:100%;min-width:0}
.controls label{display:flex;flex-direction:column;font-size:13px;font-weight:600;color:var(--ink)}
select,input[type=search],button{font:inherit;font-size:14px;padding:6px 8px;border:1px solid #8a94a6;border-radius:6px;background:#fff;color:var(--ink)}
button{cursor:pointer;background:#f2f4f8}
button:hover{background:#e6eaf1}
:focus-visible{outline:3px solid #f0b400;outline-offset:2px}
.buttons{display:flex;gap:8px}
button.linkish{border:0;background:none;color:var(--accent);text-decoration:underline;padding:0;font-style:normal}
.status{display:flex;justify-content:space-between;align-items:center;gap:12px;margin-top:8px}
#visible-count{margin:0;font-weight:600}
.status button{font-size:13px;padding:3px 8px}
.inshort{margin:12px 0 4px;padding:10px 12px;background:#f3f6fb;border:1px solid #d4ddec;border-radius:6px;font-size:14.5px}
.inshort .why{display:block;margin-top:4px;color:var(--muted);font-size:13.5px}
.item{border:1px solid var(--line);border-left:6px solid var(--ind);border-radius:8px;margin:8px 0;background:#fff;scroll-margin-top:120px}
.item.ag-agrees{border-left-color:var(--agree)}
.item.ag-disagrees{border-left-color:var(--dis)}
.item>summary{display:grid;grid-template-columns:auto 1fr auto;gap:4px 14px;align-items:start;padding:10px 14px;cursor:pointer;list-style:none}
.item>summary::-webkit-details-marker{display:none}
.caret::before{content:"▸";display:inline-block;width:1em;color:var(--muted)}
.item[open] .caret::before{content:"▾"}
.item[open]>summary{border-bottom:1px solid var(--line);background:#f8f9fb}
.item-no{color:var(--muted);font-variant-numeric:tabular-nums;min-width:2.6em}
.item-req{font-weight:600;display:block}
.item-where{font-size:13px;color:var(--muted);display:block}
.item-chips{display:flex;flex-wrap:wrap;gap:5px;margin-top:5px}
.item-ag .badge{font-size:13.5px;padding:3px 10px}
.item-body{padding:4px 18px 14px}
.cols{display:grid;grid-template-columns:1.15fr 1fr;gap:24px}
.steps{margin:0;padding-left:1.6em;font-size:14px}
.steps li{margin:0 0 6px}
.steps li.key{background:#fff7dc;border:1px solid #ecd588;border-radius:6px;padding:4px 8px;margin-left:-8px}
.key-label{display:inline-block;font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.04em;background:#6b4e00;color:#fff;border-radius:4px;padding:0 5px;margin-right:4px}
.steps .meta{color:var(--muted);font-size:12.5px}
q.quote{display:block;margin:2px 0 0;color:#3b4456;font-style:italic;font-size:13px}
.rule{margin:0}
.cite,.asof{margin:4px 0;font-size:14px}
.asof{color:var(--muted)}
.flag{margin:6px 0;padding:6px 10px;background:#fff4e0;border:1px solid #e8c07a;border-radius:6px;font-size:14px}
.facts th,.facts td{font-size:13.5px;padding:5px 8px}
.facts tbody th{font-weight:600;width:34%}
.excerpt{border:1px solid var(--line);border-radius:6px;background:#fbfbf8;padding:6px 0;font-size:13.5px;overflow-x:auto}
.ll,.gap{display:grid;grid-template-columns:4.2em 1fr}
.ln{color:var(--muted);text-align:right;padding-right:12px;border-right:1px solid var(--line);margin-right:12px;font-variant-numeric:tabular-nums;user-select:none}
.lt{white-space:pre-wrap;overflow-wrap:anywhere;padding-right:10px}
.gap{color:var(--muted)}
mark{background:#ffe27a;color:#000;border-bottom:2px solid #b88a00;padding:0 1px;border-radius:2px}
.permalink{margin:10px 0 0;font-size:13px}
@media screen and (max-width:900px){.tiles{grid-template-columns:1fr 1fr}.charts,.cols,.legend-cols{grid-template-columns:1fr}.item>summary{grid-template-columns:auto 1fr}.item-ag{grid-column:2}}
@media print{body{background:#fff;font-size:12px}header.page{background:#fff;color:#000;border-bottom:2px solid #000}
header.page .wrap{padding:0 0 8px}header.page p{color:#000}
main{max-width:none;padding:0}section,.chart-card{border:0;padding:8px 0;break-inside:avoid-page}
.tiles{grid-template-columns:1.6fr 1fr 1fr 1fr 1fr;gap:8px}.tile.rate .big{font-size:38px}.tile .num{font-size:26px}
.charts{grid-template-columns:1fr}.chart{max-width:560px}
.list td.letter{min-width:0;overflow-wrap:anywhere}
.filters .controls,.status .buttons,.no-print,.skip,.tabs,noscript{display:none!important}.filters{position:static;border:0;margin:0;padding:0}
.item{break-inside:avoid-page}.caret{display:none}a{color:inherit;text-decoration:none}}
"##;

/// The page's script: filters, the URL hash, expand/collapse, printing.
const SCRIPT: &str = r##"
(function(){
"use strict";
var keys=["category","family","verdict","agreement","source","q"];
var ctl={};
keys.forEach(function(k){ctl[k]=document.getElementById("f-"+k);});
var items=Array.prototype.slice.call(document.querySelectorAll("#items > details.item"));
var texts=items.map(function(el){return el.textContent.toLowerCase();});
var count=document.getElementById("visible-count");
var none=document.getElementById("no-match");
var total=items.length;
var views={summary:document.getElementById("panel-summary"),items:document.getElementById("panel-items")};
var tabs={summary:document.getElementById("tab-summary"),items:document.getElementById("tab-items")};
var view="summary";
function value(k){var c=ctl[k];return c?c.value.trim():"";}
function filtered(){return keys.some(function(k){return value(k)!=="";});}
function matches(el,i){
  var c=value("category"),f=value("family"),v=value("verdict"),a=value("agreement"),q=value("q").toLowerCase();
  if(c&&el.getAttribute("data-category")!==c)return false;
  if(f&&el.getAttribute("data-family")!==f)return false;
  if(v&&el.getAttribute("data-verdict")!==v)return false;
  if(a&&el.getAttribute("data-agreement")!==a&&el.getAttribute("data-disagreement")!==a)return false;
  var s=value("source");if(s&&el.getAttribute("data-source")!==s)return false;
  if(q&&texts[i].indexOf(q)<0)return false;
  return true;
}
function apply(){
  var n=0;
  items.forEach(function(el,i){
    if(matches(el,i)){el.removeAttribute("hidden");n++;}else{el.setAttribute("hidden","");}
  });
  var word=total===1?" item":" items";
  count.setAttribute("data-visible",String(n));
  count.textContent=n===total?"Showing all "+total+word:"Showing "+n+" of "+total+word;
  if(none)none.hidden=n>0||total===0;
}
function show(v){
  if(!views[v])v="summary";
  var changed=v!==view;
  view=v;
  Object.keys(views).forEach(function(k){
    if(views[k])views[k].classList.toggle("inactive",k!==v);
    if(tabs[k]){tabs[k].setAttribute("aria-selected",k===v?"true":"false");tabs[k].tabIndex=k===v?0:-1;}
  });
  return changed;
}
function hasOption(sel,v){for(var i=0;i<sel.options.length;i++){if(sel.options[i].value===v)return true;}return false;}
function writeHash(){
  var p=new URLSearchParams();
  keys.forEach(function(k){var v=value(k);if(v)p.set(k,v);});
  if(view==="items"&&!filtered())p.set("view","items");
  if(view==="summary"&&filtered())p.set("view","summary");
  var h=p.toString();
  var url=location.href.split("#")[0]+(h?"#"+h:"");
  try{history.replaceState(null,"",url);}catch(e){try{location.replace(h?"#"+h:"#");}catch(e2){}}
}
function clear(){keys.forEach(function(k){if(ctl[k])ctl[k].value="";});}
function fromHash(){
  var raw=location.hash.replace(/^#/,"");
  if(raw.indexOf("=")<0){show(view);return;}
  var p=new URLSearchParams(raw);
  keys.forEach(function(k){
    var c=ctl[k];if(!c)return;
    var v=p.get(k)||"";
    if(c.tagName==="SELECT"&&v&&!hasOption(c,v))v="";
    c.value=v;
  });
  apply();
  var open=p.get("open");
  var changed=show(p.get("view")||(filtered()||open?"items":"summary"));
  var el=open?document.getElementById(open):null;
  if(el&&el.classList.contains("item")){
    if(el.hasAttribute("hidden")){clear();apply();}
    el.open=true;
    var top=el.getBoundingClientRect().top;
    if(top<0||top>window.innerHeight*0.6)el.scrollIntoView({block:"start"});
  }else if(changed){
    window.scrollTo(0,0);
  }
}
keys.forEach(function(k){
  var c=ctl[k];if(!c)return;
  c.addEventListener(c.tagName==="SELECT"?"change":"input",function(){apply();writeHash();});
});
document.getElementById("filters").addEventListener("submit",function(e){e.preventDefault();});
Array.prototype.forEach.call(document.querySelectorAll("[data-clear]"),function(b){
  b.addEventListener("click",function(){clear();apply();writeHash();});
});
Object.keys(tabs).forEach(function(k){
  var t=tabs[k];if(!t)return;
  t.addEventListener("click",function(e){e.preventDefault();show(k);writeHash();});
  t.addEventListener("keydown",function(e){
    if(e.key==="ArrowRight"||e.key==="ArrowLeft"){e.preventDefault();var o=k==="summary"?"items":"summary";show(o);writeHash();tabs[o].focus();}
  });
});
function setOpen(open){items.forEach(function(el){if(!el.hasAttribute("hidden"))el.open=open;});}
var ex=document.getElementById("f-expand"),co=document.getElementById("f-collapse");
if(ex)ex.addEventListener("click",function(){setOpen(true);});
if(co)co.addEventListener("click",function(){setOpen(false);});
var closedForPrint=[];
window.addEventListener("beforeprint",function(){
  if(view!=="items")return;
  closedForPrint=items.filter(function(el){return !el.open&&!el.hasAttribute("hidden");});
  closedForPrint.forEach(function(el){el.open=true;});
});
window.addEventListener("afterprint",function(){closedForPrint.forEach(function(el){el.open=false;});closedForPrint=[];});
window.addEventListener("hashchange",fromHash);
var nav=document.getElementById("tabs");
if(nav)nav.removeAttribute("hidden");
document.documentElement.classList.add("js");
apply();
show("summary");
fromHash();
})();
"##;
