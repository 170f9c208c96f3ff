//! Dates in letters ("7-26-2004", "04/07/2014", "12/11/13", "July 24, 2014") and the dates
//! that matter: injury, utilization review, decision, surgery.

use crate::domain::Date;
use crate::pattern::Regex;
use std::sync::LazyLock;

const MONTHS: &[&str] = &["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// A date pattern (numeric or written).
pub const DATE: &str = r"(?:\d{1,2}[/-]\d{1,2}[/-](?:\d{4}|\d{2})\b|\d{4}-\d{2}-\d{2}\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4})";

static DATE_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!("(?i){DATE}")).expect("date compiles"));

/// Parse one date in any of the letter forms.
pub fn parse(s: &str) -> Option<Date> {
    let s = s.trim().trim_end_matches(['.', ',']);
    if let Some(d) = Date::parse_iso(s) {
        return Some(d);
    }
    let parts: Vec<&str> = s.split(['/', '-']).collect();
    if parts.len() == 3 && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) {
        let m: u8 = parts[0].parse().ok()?;
        let d: u8 = parts[1].parse().ok()?;
        let mut y: u16 = parts[2].parse().ok()?;
        if parts[2].len() == 2 {
            y += if y < 50 { 2000 } else { 1900 };
        }
        return Date::new(y, m, d);
    }
    let words: Vec<&str> = s.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    if let [mon, day, year] = words.as_slice() {
        let mon = mon.to_ascii_lowercase();
        let m = MONTHS.iter().position(|p| mon.starts_with(p))? as u8 + 1;
        return Date::new(year.parse().ok()?, m, day.parse().ok()?);
    }
    None
}

/// Every date in `text` with its byte range.
pub fn all(text: &str) -> Vec<(usize, usize, Date)> {
    DATE_RE.find_iter(text).filter_map(|m| parse(m.as_str()).map(|d| (m.start(), m.end(), d))).collect()
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
}

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
    fn forms() {
        assert_eq!(parse("7-26-2004"), Date::new(2004, 7, 26));
        assert_eq!(parse("12/11/13"), Date::new(2013, 12, 11));
        assert_eq!(parse("July 24, 2014"), Date::new(2014, 7, 24));
        assert_eq!(parse("13/45/2014"), None);
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
