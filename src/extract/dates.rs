//! Dates in letters ("7-26-2004", "04/07/2014", "12/11/13", "July 24, 2014") and the dates
//! that matter: injury, utilization review, decision, surgery.

use crate::domain::Date;
use crate::pattern::Regex;
use std::sync::LazyLock;

const MONTHS: &[&str] = &["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// A date pattern (numeric or written).
/// "12.17.14" and "12.17.2014" (a PDF's "DOS 12.17.14"); "February 14th, 2013"; "14 February
/// 2013" and "the 14th of February 2013".
pub const DATE: &str = r"(?:\d{1,2}[/-]\d{1,2}[/-](?:\d{4}|\d{2})\b|\b\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})\b|\d{4}-\d{2}-\d{2}\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?,?\s+\d{4})";

static DATE_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!("(?i){DATE}")).expect("date compiles"));

/// Parse one date in any of the letter forms.
pub fn parse(s: &str) -> Option<Date> {
    let s = s.trim().trim_end_matches(['.', ',']);
    if let Some(d) = Date::parse_iso(s) {
        return Some(d);
    }
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    if parts.len() == 3 && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) {
        let m: u8 = parts[0].parse().ok()?;
        let d: u8 = parts[1].parse().ok()?;
        let mut y: u16 = parts[2].parse().ok()?;
        if parts[2].len() == 2 {
            y += if y < 50 { 2000 } else { 1900 };
        }
        return Date::new(y, m, d);
    }
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("of"))
        .collect();
    let day = |w: &str| w.trim_end_matches(|c: char| c.is_ascii_alphabetic()).parse::<u8>().ok();
    let month = |w: &str| {
        let w = w.to_ascii_lowercase();
        MONTHS.iter().position(|p| w.starts_with(p)).map(|m| m as u8 + 1)
    };
    match words.as_slice() {
        [a, b, year] => {
            let (m, d) = match month(a) {
                Some(m) => (m, day(b)?),
                None => (month(b)?, day(a)?),
            };
            Date::new(year.parse().ok()?, m, d)
        }
        _ => None,
    }
}

/// Every date in `text` with its byte range.
pub fn all(text: &str) -> Vec<(usize, usize, Date)> {
    DATE_RE.find_iter(text).filter_map(|m| parse(m.as_str()).map(|d| (m.start(), m.end(), d))).collect()
}

/// A month and year with no day: "May 2013", "in October of 2017", "05/2013".
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?,?\s+(?:of\s+)?(?P<y>(?:19|20)\d{2})\b|\b(?P<m>0?[1-9]|1[0-2])/(?P<y2>(?:19|20)\d{2})\b")
        .expect("month year compiles")
});

/// The year and month a match of [`MONTH_YEAR`] names.
fn month_year(c: &crate::pattern::Captures) -> Option<(u16, u8)> {
    match (c.name("mon"), c.name("y"), c.name("m"), c.name("y2")) {
        (Some(mon), Some(y), _, _) => {
            let mon = mon.as_str().to_ascii_lowercase();
            Some((y.as_str().parse().ok()?, MONTHS.iter().position(|p| mon.starts_with(p))? as u8 + 1))
        }
        (_, _, Some(mo), Some(y)) => Some((y.as_str().parse().ok()?, mo.as_str().parse().ok()?)),
        _ => None,
    }
}

/// The month and year (as its first day) told close to the words at `start..end` of `text`, in
/// the same clause: the byte range and the date. "05/2013" inside "12/05/2013" is no month.
pub fn month_of(text: &str, start: usize, end: usize) -> Option<(usize, usize, Date)> {
    let from = crate::text::floor_char(text, start.saturating_sub(80));
    let to = crate::text::floor_char(text, (end + 80).min(text.len()));
    MONTH_YEAR
        .captures_iter(&text[from..to])
        .filter_map(|c| {
            let m = c.get(0)?;
            let (ms, me) = (from + m.start(), from + m.end());
            if text[..ms].ends_with(['/', '-']) || text[..ms].ends_with(|ch: char| ch.is_ascii_digit()) {
                return None;
            }
            // When it was done: "in May 2013", "on 03/2011", not "PT through 04/2015".
            let lead = text[..ms].trim_end().as_bytes();
            let lead = &lead[lead.len().saturating_sub(7)..];
            if ![b" in".as_slice(), b" on", b" during", b" dated"]
                .iter()
                .any(|w| lead.len() >= w.len() && lead[lead.len() - w.len()..].eq_ignore_ascii_case(w))
            {
                return None;
            }
            let (a, b) = if ms >= end { (end, ms) } else { (me, start) };
            if a > b || text[a..b].contains([';', '.']) {
                return None;
            }
            let (year, month) = month_year(&c)?;
            Some((ms, me, Date::new(year, month, 1)?, b - a))
        })
        .min_by_key(|x| x.3)
        .map(|(ms, me, d, _)| (ms, me, d))
}

/// A year alone: "in 2012".
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(?:19|20)\d{2}\b").expect("year compiles"));

/// The latest time `text` tells, as the last day it may mean: a full date as itself, a month
/// and year as its last day ("12/2012" is 2012-12-31 at the latest), a year alone as its last
/// day. What a course told "from 10/2012 to 12/2012" ended by.
pub fn latest(text: &str) -> Option<Date> {
    let full = all(text);
    let inside = |a: usize| full.iter().any(|&(s, e, _)| s <= a && a < e);
    // Each month and year once: its span (a year inside it is not a year alone) and its last day.
    let months: Vec<((usize, usize), Option<Date>)> = MONTH_YEAR
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            let last = month_year(&c).and_then(|(y, mo)| (28..=31).rev().find_map(|d| Date::new(y, mo, d)));
            Some(((m.start(), m.end()), last.filter(|_| !inside(m.start()))))
        })
        .collect();
    let years = YEAR
        .find_iter(text)
        .filter(|m| !inside(m.start()) && !months.iter().any(|&((s, e), _)| s <= m.start() && m.start() < e))
        .filter_map(|m| Date::new(m.as_str().parse().ok()?, 12, 31));
    full.iter().map(|d| d.2).chain(months.iter().filter_map(|m| m.1)).chain(years).max()
}

#[cfg(test)]
mod month_tests {
    use super::*;

    #[test]
    fn the_latest_time_a_phrase_tells() {
        let d = |y, m, dd| Date::new(y, m, dd);
        assert_eq!(latest(" for both wrists from 10/2012 to 12/2012"), d(2012, 12, 31));
        assert_eq!(latest(" in 2012 and in May 2013"), d(2013, 5, 31));
        assert_eq!(latest(" through 02/14/2013"), d(2013, 2, 14));
        assert_eq!(latest(" for the low back"), None);
    }

    /// An operation's month, told after it or before it in its clause, with what says when.
    #[test]
    fn a_month_and_year_near_an_operation() {
        fn at<'a>(s: &'a str, w: &str) -> Option<(&'a str, Date)> {
            let i = s.find(w).expect("word");
            month_of(s, i, i + w.len()).map(|(a, b, d)| (&s[a..b], d))
        }
        let s = "He underwent an L4-S1 posterior lumbar interbody fusion in May 2013. He has attended 12 sessions.";
        assert_eq!(at(s, "fusion"), Some(("May 2013", Date::new(2013, 5, 1).expect("date"))));
        let s = "In October 2017 he underwent left shoulder arthroscopic rotator cuff repair.";
        assert_eq!(at(s, "rotator cuff repair"), None, "no word before the month says when");
        let s = "and in October 2017 he underwent left shoulder arthroscopic rotator cuff repair";
        assert_eq!(at(s, "rotator cuff repair").map(|x| x.0), Some("October 2017"));
        let s = "a right knee arthroscopic partial medial meniscectomy in 03/2011";
        assert_eq!(at(s, "meniscectomy").map(|x| x.1), Date::new(2011, 3, 1));
        // Not a month: a full date's tail, the end of a course, or another sentence.
        assert_eq!(at("a carpal tunnel release on 12/05/2013", "carpal tunnel release"), None);
        assert_eq!(at("after the TKA she completed 24 sessions through 04/2015", "TKA"), None);
        assert_eq!(at("a fusion. In May 2013 she moved", "fusion"), None);
    }
}

/// A labelled date: the label pattern, then a date within a few words.
pub struct Labelled {
    regex: Regex,
}

impl Labelled {
    /// Compile a label pattern (case-insensitive).
    pub fn new(label: &str) -> Labelled {
        Labelled {
            regex: Regex::new(&format!(r"(?i)(?:{label})[^0-9A-Za-z]{{0,12}}(?:\w+\s+){{0,3}}?(?P<d>{DATE})"))
                .expect("labelled date compiles"),
        }
    }

    /// The first labelled date in `text`: its byte range and value.
    pub fn find(&self, text: &str) -> Option<(usize, usize, Date)> {
        self.regex.captures_iter(text).find_map(|c| {
            let m = c.name("d")?;
            parse(m.as_str()).map(|d| (m.start(), m.end(), d))
        })
    }

    /// The date of the review in dispute among the letter's: the first a form's field gives
    /// ("Date of UR Decision: 10/02/2013", "UR date"); else the one told as challenged ("The
    /// utilization review being challenged is dated 09-14-2016"); else the latest told, since a
    /// long history tells earlier reviews of other requests first ("A utilization review dated
    /// 03-02-2016 certified the fusion").
    pub fn find_in_dispute(&self, text: &str) -> Option<(usize, usize, Date)> {
        let mut told: Option<(usize, usize, Date)> = None;
        for c in self.regex.captures_iter(text) {
            let (Some(whole), Some(m)) = (c.get(0), c.name("d")) else { continue };
            let Some(d) = parse(m.as_str()) else { continue };
            let label = &text[whole.start()..m.start()];
            if FORM_FIELD.is_match(label) || CHALLENGED.is_match(label) {
                return Some((m.start(), m.end(), d));
            }
            if told.is_none_or(|(_, _, t)| d > t) {
                told = Some((m.start(), m.end(), d));
            }
        }
        told
    }
}

/// A label that is a form's field ("Date of UR Decision:", "UR Date"), not words of a sentence
/// ("a utilization review dated ...").
static FORM_FIELD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\bdate\b").expect("form field compiles"));
/// A review told as the one in dispute ("the utilization review being challenged is dated"; the
/// label pattern [`UR`] admits no other such words).
static CHALLENGED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bbeing\s+challenged\b").expect("challenged compiles"));

/// Date of injury.
pub static INJURY: LazyLock<Labelled> = LazyLock::new(|| {
    Labelled::new(
        r"date\s+of\s+injury|DOI|injury\s+date|(?:industrial\s+)?injury\s+(?:on|of)|injured\s+(?:on|at\s+work\s+on)|date\s+of\s+(?:the\s+)?industrial\s+injury",
    )
});
/// Utilization review date.
pub static UR: LazyLock<Labelled> = LazyLock::new(|| {
    Labelled::new(
        r"UR\s+(?:denial\s+)?date|date\s+of\s+UR(?:\s+decision)?|(?:utilization\s+review|UR)(?:\s+(?:determination|decision|denial|letter|report))?(?:\s+being\s+challenged)?\s+(?:is\s+)?(?:dated|of|on|date)",
    )
});
/// IMR decision date.
pub static DECISION: LazyLock<Labelled> = LazyLock::new(|| {
    Labelled::new(r"decision\s+date|date\s+of\s+(?:final\s+)?(?:determination|decision)|determination\s+date")
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_review_in_dispute_is_a_forms_the_challenged_or_the_latest() {
        let ur = |t: &str| UR.find_in_dispute(t).map(|(_, _, d)| d.to_string());
        let history = "A utilization review dated 03-02-2016 certified a fusion. The utilization review being \
                       challenged is dated 09-14-2016. A utilization review dated 10-01-2016 certified a brace.";
        assert_eq!(ur(history).as_deref(), Some("2016-09-14"));
        assert_eq!(
            ur("A utilization review dated 03-02-2016 certified a fusion. A utilization review dated 09-14-2016 denied therapy.")
                .as_deref(),
            Some("2016-09-14")
        );
        assert_eq!(
            ur("Date of UR Decision: 10/02/2013. A utilization review dated 11/20/2013 followed.").as_deref(),
            Some("2013-10-02")
        );
    }

    #[test]
    fn forms() {
        assert_eq!(parse("7-26-2004"), Date::new(2004, 7, 26));
        assert_eq!(parse("12/11/13"), Date::new(2013, 12, 11));
        assert_eq!(parse("July 24, 2014"), Date::new(2014, 7, 24));
        assert_eq!(parse("13/45/2014"), None);
    }

    #[test]
    fn dates_written_with_dots_ordinals_or_the_day_first() {
        fn found(t: &str) -> Vec<(&str, Date)> {
            all(t).into_iter().map(|(s, e, d)| (&t[s..e], d)).collect()
        }
        assert_eq!(found("DOS 12.17.14, arthroscopy"), vec![("12.17.14", Date::new(2014, 12, 17).expect("a date"))]);
        assert_eq!(
            found("on the 14th of February 2013 he underwent"),
            vec![("14th of February 2013", Date::new(2013, 2, 14).expect("a date"))]
        );
        assert_eq!(found("on 3 March 2015."), vec![("3 March 2015", Date::new(2015, 3, 3).expect("a date"))]);
        assert_eq!(
            found("on September 6th, 2017"),
            vec![("September 6th, 2017", Date::new(2017, 9, 6).expect("a date"))]
        );
        // A decimal and a citation's section number are no dates.
        assert!(found("BMI 44.2, section 9792.24.2, 8.5 hours").is_empty());
    }

    #[test]
    fn labelled() {
        let t = "The original utilization review dated 9-2-2015 indicates the request";
        assert_eq!(UR.find(t).map(|x| x.2), Date::new(2015, 9, 2));
        let t = "The utilization review being challenged is dated 07/24/14.";
        assert_eq!(UR.find(t).map(|x| x.2), Date::new(2014, 7, 24));
        assert_eq!(INJURY.find("sustained an industrial injury on 7-26-2004.").map(|x| x.2), Date::new(2004, 7, 26));
        assert_eq!(INJURY.find("with date of injury on 01/25/2012").map(|x| x.2), Date::new(2012, 1, 25));
    }
}
