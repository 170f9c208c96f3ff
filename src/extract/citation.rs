//! Guideline citations ("MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment
//! Guidelines Physical Medicine Page(s): 98-99") and thresholds quoted in rationales
//! ("9-10 visits over 8 weeks", "up to 10 therapy sessions").

use super::count::{number, number_or_range};
use crate::domain::{Family, Modality};
use crate::pattern::Regex;
use crate::span::Span;
use crate::text::Flow;
use crate::vocab::Lexicon;
use serde::Serialize;
use std::sync::LazyLock;

/// Who cited the guideline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CitedBy {
    /// The claims administrator (utilization review).
    ClaimsAdministrator,
    /// The IMR reviewer.
    Reviewer,
}

/// A guideline citation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// Who cited it.
    pub by: CitedBy,
    /// The cited text, whitespace folded.
    pub text: String,
    /// The guideline family named (MTUS, ACOEM, ODG), if any.
    pub guideline: Option<String>,
    /// Edition year, if given ("2009").
    pub edition: Option<u16>,
    /// Pages cited.
    pub pages: Vec<u32>,
    /// Where.
    pub span: Span,
}

/// A threshold the rationale quotes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuotedThreshold {
    /// Lower bound, if a range.
    pub min: Option<u32>,
    /// Upper bound.
    pub max: u32,
    /// Weeks, if given.
    pub weeks: Option<u32>,
    /// The words.
    pub text: String,
    /// Where.
    pub span: Span,
    /// The treatment family the threshold names ("3-4 psychotherapy visits"), if it names one.
    #[serde(skip)]
    pub family: Option<Family>,
    /// The guideline the sentence quotes it from (MTUS, ACOEM, ODG), if it names one.
    pub guideline: Option<String>,
}

static CITE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?P<who>Claims\s+Administrator\s+guideline|MAXIMUS\s+guideline|Medical\s+Treatment\s+Guideline\(?s?\)?\s+Used\s+by\s+the\s+(?P<role>Claims\s+Administrator|Expert\s+Reviewer|Physician\s+Reviewer|Professional\s+Reviewer))\s*:?")
        .expect("citation label compiles")
});
/// Where a citation's text stops: the next label or the rationale.
static CITE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)Decision\s+rationale|Rationale\s+Used\s+by|RATIONALE\s+FOR|Claims\s+Administrator\s+guideline|MAXIMUS\s+guideline|Medical\s+Treatment\s+Guideline\(?s?\)?\s+Used").expect("citation end compiles")
});
static PAGES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:pages?|page\(s\)|pp?\.)\s*:?\s*(?P<p>\d{1,3}(?:\s*(?:-|,|and|to|of)\s*\d{1,3})*)")
        .expect("pages compiles")
});
static GUIDE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(MTUS|ACOEM|ODG|Official Disability Guidelines|CPMTG)\b").expect("guide compiles"));
static EDITION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(20[01]\d)\b").expect("edition compiles"));
static THRESHOLD: LazyLock<Regex> = LazyLock::new(|| {
    let n = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen|twenty|twenty-four)";
    Regex::new(&format!(r"(?i)\b(?:(?:up\s+to\s+)?(?P<lo>{n})\s*(?:-|to)\s*(?P<hi>{n})|up\s+to\s+(?P<upto>{n})|(?:maximum|max|total)\s+of\s+(?P<maxof>{n}))\s+(?:\w+\s+){{0,3}}?(?:visits?|sessions?|treatments?|days)(?:\s+(?:\w+\s+){{0,3}}?(?:over|in|within)\s+(?P<wk>{n})(?:\s*(?:-|to)\s*{n})?\s+weeks?)?")).expect("threshold compiles")
});
/// Right after a count: it is a frequency ("up to 3 visits per week"), not a course total.
static FREQUENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:a|per|each|every|/)\s*(?:week|wk|month|day)|weekly|monthly|daily|times\b)")
        .expect("frequency compiles")
});
/// A modal before a count makes it a possibility about the case, not a guideline's figure.
static MODAL_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:could|would|will|might)\b").expect("modal compiles"));
static REQUEST_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:another|additional|further|more|requested|proposed|these|those)\s*$")
        .expect("request cue compiles")
});
/// Words that make a count the request's or a past course's, not a guideline's.
const NOT_A_THRESHOLD: &[&str] = &[
    "more",
    "additional",
    "further",
    "extra",
    "requested",
    "remaining",
    "authorized",
    "completed",
    "attended",
    "prior",
    "previous",
];

/// Citations in an item's block.
pub fn citations(flow: &Flow) -> Vec<Citation> {
    let t = flow.as_str();
    let mut out = Vec::new();
    for c in CITE_LABEL.captures_iter(t) {
        let (Some(who), Some(label)) = (c.name("who"), c.get(0)) else { continue };
        let lower = who.as_str().to_lowercase();
        let by = if lower.starts_with("claims")
            || c.name("role").is_some_and(|r| r.as_str().to_lowercase().starts_with("claims"))
        {
            CitedBy::ClaimsAdministrator
        } else {
            CitedBy::Reviewer
        };
        let rest = &t[label.end()..];
        // At most 400 bytes, cut on a character boundary (a fuzzed letter put 'õ' across it).
        let stop =
            CITE_END.find(rest).map_or_else(|| crate::text::floor_char(rest, rest.len().min(400)), |m| m.start());
        let body_start = label.end() + (rest.len() - rest.trim_start().len());
        let body_end = (label.end() + stop).max(body_start);
        let text = t[body_start..body_end].trim().to_owned();
        let mut pages = Vec::new();
        for p in PAGES.captures_iter(&text) {
            let Some(list) = p.name("p") else { continue };
            let nums: Vec<u32> =
                list.as_str().split(|c: char| !c.is_ascii_digit()).filter_map(|x| x.parse().ok()).collect();
            // "98 of 127" cites page 98 of a 127-page guideline.
            let nums = if list.as_str().contains(" of ") { nums.into_iter().take(1).collect() } else { nums };
            pages.extend(nums);
        }
        out.push(Citation {
            by,
            guideline: GUIDE.find(&text).map(|m| m.as_str().to_owned()),
            edition: EDITION.find(&text).and_then(|m| m.as_str().parse().ok()),
            pages,
            span: flow.span(body_start, body_end),
            text,
        });
    }
    out
}

/// A figure compared with the guideline is the case's, not the guideline's: "Up to 8 visits
/// falls within the 9-10 visits ...", "12 visits exceeds ...".
static COMPARED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:falls?|is|are|remains?|stays?)\s+(?:well\s+|thus\s+|therefore\s+|comfortably\s+)?(?:within|under|below|inside|in\s+line\s+with)\b|(?:exceeds?|would\s+exceed|goes\s+beyond|go\s+beyond|is\s+more\s+than|are\s+more\s+than)\b)")
        .expect("compared compiles")
});

/// Thresholds a rationale quotes from a guideline: a course total in a sentence that states a
/// guideline, not a frequency ("up to 3 visits per week"), not the request's own count ("up to
/// 12 more visits") and not a past course; with the treatment it names, if any.
pub fn thresholds(flow: &Flow, lexicon: &Lexicon) -> Vec<QuotedThreshold> {
    let t = flow.as_str();
    let mut out = Vec::new();
    for &(ss, se) in flow.sentences() {
        let sentence = &t[ss..se];
        if !super::evidence::is_guideline_sentence(sentence) {
            continue;
        }
        for c in THRESHOLD.captures_iter(sentence) {
            let Some(m) = c.get(0) else { continue };
            let words = m.as_str().to_lowercase();
            let before = crate::text::lead(sentence, m.start(), 40);
            let just_before = crate::text::lead(sentence, m.start(), 16);
            let just_after = &sentence[m.end()..crate::text::floor_char(sentence, (m.end() + 12).min(sentence.len()))];
            // "the course could run anywhere from six to twelve visits", "Another 6 to 12 visits
            // would exceed the guideline": the request's range, not a guideline's figure.
            if MODAL_BEFORE.is_match(before)
                || REQUEST_BEFORE.is_match(just_before)
                || MODAL_BEFORE.is_match(just_after)
                || FREQUENCY.is_match(&sentence[m.end()..])
                || COMPARED.is_match(&sentence[m.end()..])
                || words.split(|ch: char| !ch.is_alphanumeric()).any(|w| NOT_A_THRESHOLD.contains(&w))
            {
                continue;
            }
            let (min, max) = if let (Some(lo), Some(hi)) = (c.name("lo"), c.name("hi")) {
                (number(lo.as_str()), number(hi.as_str()))
            } else {
                (None, c.name("upto").or(c.name("maxof")).and_then(|x| number_or_range(x.as_str())).map(|x| x.0))
            };
            let Some(max) = max else { continue };
            let family = lexicon
                .treatments(m.as_str(), false)
                .into_iter()
                .find(|h| h.id != Modality::Other)
                .map(|h| h.id.family());
            out.push(QuotedThreshold {
                // The guideline named last before the figure ("The MTUS recommends ..., and ODG
                // allows up to 13-20 visits" quotes ODG), else the first after it.
                guideline: GUIDE
                    .find_iter(sentence)
                    .filter(|g| g.start() < m.start())
                    .last()
                    .or_else(|| GUIDE.find(sentence))
                    .map(|g| g.as_str().to_owned()),
                min,
                max,
                weeks: c.name("wk").and_then(|w| number(w.as_str())),
                text: m.as_str().to_owned(),
                span: flow.span(ss + m.start(), ss + m.end()),
                family,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    #[test]
    fn reads_citation_and_pages() {
        let text = "Claims Administrator guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Physical Therapy Page(s): 474. MAXIMUS guideline: Decision based on MTUS Chronic Pain Treatment Guidelines Physical Medicine; Excessive exercise Page(s): pages 98, 99. Decision rationale: The patient...";
        let f = Flow::from_span(text, Span::new(0, text.len()));
        let c = citations(&f);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].by, CitedBy::ClaimsAdministrator);
        assert_eq!(c[0].pages, vec![474]);
        assert_eq!(c[1].pages, vec![98, 99]);
    }

    /// Issue 11, found by the letter fuzzer: a citation with no end cut at 400 bytes inside a
    /// character.
    #[test]
    fn a_long_citation_is_cut_on_a_character_boundary() {
        // However much precedes them, some of these cuts at 400 bytes fall inside an 'õ'.
        for n in 380..=400 {
            let text = format!("MAXIMUS guideline: {}{}{}", "x".repeat(n), "\u{f5}".repeat(8), "y".repeat(50));
            let f = Flow::from_span(&text, Span::new(0, text.len()));
            assert_eq!(citations(&f).len(), 1, "{n}");
        }
    }

    #[test]
    fn reads_thresholds() {
        let lexicon = crate::rules::load_embedded().expect("embedded rules load").rules.lexicon;
        let text = "MTUS guidelines state that for myalgia and myositis, 9-10 visits are recommended over 8 weeks. \
                    MTUS supports up to 10 therapy sessions. Guidelines allow up to 6 to 10 visits over 5 to 6 weeks.";
        let f = Flow::from_span(text, Span::new(0, text.len()));
        let t = thresholds(&f, &lexicon);
        assert_eq!(
            t.iter().map(|x| (x.min, x.max, x.weeks)).collect::<Vec<_>>(),
            vec![(Some(9), 10, Some(8)), (None, 10, None), (Some(6), 10, Some(5))]
        );
    }

    #[test]
    fn a_figure_is_quoted_from_the_guideline_named_before_it() {
        let lexicon = crate::rules::load_embedded().expect("embedded rules load").rules.lexicon;
        let text = "The MTUS recommends behavioral interventions, and ODG psychotherapy guidelines allow an initial trial of 6 visits over 6 weeks, with up to 13-20 visits with evidence of objective functional improvement.";
        let flow = Flow::from_span(text, Span::new(0, text.len()));
        let got: Vec<Option<String>> = thresholds(&flow, &lexicon).into_iter().map(|q| q.guideline).collect();
        assert!(!got.is_empty());
        assert!(got.iter().all(|g| g.as_deref() == Some("ODG")), "{got:?}");
    }

    #[test]
    fn frequencies_requests_and_case_facts_are_not_thresholds() {
        let lexicon = crate::rules::load_embedded().expect("embedded rules load").rules.lexicon;
        for text in [
            "The guidelines recommend fading of treatment frequency from up to 3 visits per week to 1 or less.",
            "The MTUS would allow up to 12 more visits only with functional improvement.",
            "The patient has completed 12 visits of therapy.",
        ] {
            let f = Flow::from_span(text, Span::new(0, text.len()));
            assert!(thresholds(&f, &lexicon).is_empty(), "{text}");
        }
        // The request compared with the guideline: only the guideline's figure is quoted.
        let text = "Up to 8 visits falls within the 9-10 visits over 8 weeks that MTUS recommends for myalgia.";
        let f = Flow::from_span(text, Span::new(0, text.len()));
        let maxes: Vec<u32> = thresholds(&f, &lexicon).iter().map(|q| q.max).collect();
        assert_eq!(maxes, [10], "{text}");
        let text = "The guidelines recommend 3-4 psychotherapy visits over 2 weeks.";
        let f = Flow::from_span(text, Span::new(0, text.len()));
        assert_eq!(thresholds(&f, &lexicon)[0].family, Some(Family::Psychotherapy));
    }
}
