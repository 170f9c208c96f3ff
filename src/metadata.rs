//! The case a letter decides, as auditors file it: the IMR case number, the dates (injury,
//! utilization review, decision), the year of the decision, and the reviewer's specialty.
//!
//! These are columns and breakdowns of the reports, not inputs of a verdict: they are read here
//! from the letter's text and the letter-level facts [`crate::extract::letter_facts`] found,
//! apart from the extractor, so a report column can change without touching extraction.

use crate::domain::Date;
use crate::extract::LetterFacts;
use crate::pattern::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// The case facts of one letter (`case` in the JSON contract).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CaseInfo {
    /// The IMR case number (`CM14-0127735`), as the letter prints it.
    pub number: Option<String>,
    /// Date of injury.
    pub date_of_injury: Option<Date>,
    /// Utilization review date.
    pub ur_date: Option<Date>,
    /// The IMR decision date, when the letter states one (published letters mostly do not).
    pub decision_date: Option<Date>,
    /// The year of the decision: of the decision date, else of the case number.
    pub decision_year: Option<u16>,
    /// Where `decision_year` was read: `decision_date` or `case_number` (a case numbered
    /// `CM15-` was opened in 2015, and IMR decides within weeks of receiving the records).
    pub decision_year_from: Option<&'static str>,
    /// The reviewer's specialty as the letter states it ("Orthopaedic Surgery, Hand Surgery"),
    /// without the licensing boilerplate that follows it.
    pub reviewer_specialty: Option<String>,
    /// The first specialty named, spelled one way ("Orthopedic Surgery"): what the summaries
    /// break down by, so "Orthopaedic Surgery" and "Orthopedic Surgery, Spine" count together.
    pub reviewer_specialty_group: Option<String>,
}

/// Read a letter's case facts from its text and letter-level facts.
pub fn case_info(text: &str, facts: &LetterFacts) -> CaseInfo {
    let number = case_number(text);
    let decision_date = facts.decision_date.as_ref().map(|d| d.value);
    let (decision_year, decision_year_from) = match (decision_date, number.as_deref().and_then(case_year)) {
        (Some(d), _) => (Some(d.year), Some("decision_date")),
        (None, Some(y)) => (Some(y), Some("case_number")),
        (None, None) => (None, None),
    };
    let reviewer_specialty =
        facts.reviewer_specialty.as_ref().and_then(|s| clean_specialty(&s.value)).or_else(|| licensed_in(text));
    CaseInfo {
        reviewer_specialty_group: reviewer_specialty.as_deref().map(specialty_group),
        number,
        date_of_injury: facts.date_of_injury.as_ref().map(|d| d.value),
        ur_date: facts.ur_date.as_ref().map(|d| d.value),
        decision_date,
        decision_year,
        decision_year_from,
        reviewer_specialty,
    }
}

/// "CM13-0020598": CM, the two-digit year the case was opened, a dash, the number.
static CASE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::for_whole_texts(r"\bCM(\d{2})-(\d{4,8})\b").expect("case number compiles"));
/// A case number after its label ("IMR Case Number: CM14-...", "MAXIMUS Case Number CM13-...").
static LABELLED_CASE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::for_whole_texts(r"(?i)case\s+(?:number|no\.?|#)\s*:?\s*(CM\d{2}-\d{4,8})\b")
        .expect("labelled case number compiles")
});

/// The letter's IMR case number: the one after a "Case Number" label, else the first that
/// appears (page headers and footers repeat it).
pub fn case_number(text: &str) -> Option<String> {
    LABELLED_CASE_NUMBER
        .captures(text)
        .and_then(|c| c.get(1))
        .or_else(|| CASE_NUMBER.find(text))
        .map(|m| m.as_str().to_owned())
}

/// The year a case number was opened in: `CM15-...` → 2015.
pub fn case_year(number: &str) -> Option<u16> {
    let c = CASE_NUMBER.captures(number)?;
    c.get(1)?.as_str().parse::<u16>().ok().map(|yy| 2000 + yy)
}

/// Where the licensing and practice boilerplate starts after a specialty ("; licensed in
/// California", ". Licensed ...", " and is licensed to practice ...").
static SPECIALTY_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*(?:;|\.\s|\.$|,?\s+and\s+(?:is\s+)?licensed\b|,\s*licensed\b|,?\s+board\s+certified\b|\s+is\s+licensed\b)")
        .expect("specialty end compiles")
});

/// A specialty as the extractor read it, without what follows it in the sentence; `None` when
/// what was read is no specialty ("that manages the conditions ...": the letter named none).
pub fn clean_specialty(raw: &str) -> Option<String> {
    let s = raw.trim();
    let s = s.strip_prefix("in ").unwrap_or(s);
    let s = match SPECIALTY_END.find(s) {
        Some(m) => &s[..m.start()],
        None => s,
    };
    let s = s.trim().trim_end_matches([',', '.', ';', ':']).trim();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    // A specialty is a name: it starts with a capital and is short.
    let named = s.chars().next().is_some_and(char::is_uppercase) && s.len() <= 80;
    named.then_some(s)
}

/// "The expert reviewer is licensed in Chiropractic, has a subspecialty ..." (a state is not a
/// specialty: "licensed in California" is skipped).
static LICENSED_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::for_whole_texts(
        r"(?i)\bis\s+licensed\s+in\s+(?P<s>[A-Z][A-Za-z&/ ]{2,60}?)(?:,|\.|\s+and\s|\s+has\s|\s+who\s|$)",
    )
    .expect("licensed in compiles")
});

/// US states and the words that follow "licensed in" without naming a specialty.
const NOT_SPECIALTIES: &[&str] =
    &["california", "the state", "this state", "good standing", "two states", "several states"];

/// The specialty a reviewer "is licensed in", when that is how the letter says it.
pub fn licensed_in(text: &str) -> Option<String> {
    LICENSED_IN.captures_iter(text).filter_map(|c| c.name("s")).find_map(|m| {
        let lower = m.as_str().to_lowercase();
        if NOT_SPECIALTIES.iter().any(|n| lower.starts_with(n)) {
            return None;
        }
        clean_specialty(m.as_str())
    })
}

/// The first specialty named, spelled one way: "Orthopaedic Surgery, Hand Surgery" →
/// "Orthopedic Surgery"; "Physical Medicine & Rehabilitation" → "Physical Medicine and
/// Rehabilitation".
pub fn specialty_group(specialty: &str) -> String {
    static SUB: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)[,;/]|\s+subspecialty\b|\s+with\s").expect("sub compiles"));
    let first = SUB.split(specialty).next().unwrap_or(specialty).trim();
    let first = first.replace('&', " and ").replace("aedic", "edic").replace("AEDIC", "EDIC");
    first.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_numbers_are_read_with_or_without_a_label() {
        assert_eq!(case_number("IMR Case Number:     CM13-0038145   Date Assigned"), Some("CM13-0038145".into()));
        assert_eq!(case_number("MAXIMUS Case Number:        CM13-0054417"), Some("CM13-0054417".into()));
        assert_eq!(case_number("text\nCM15-0061187\nPage 2 of 3"), Some("CM15-0061187".into()));
        assert_eq!(
            case_number("an earlier review (CM13-0000001) ...\nIMR Case Number: CM14-0127735"),
            Some("CM14-0127735".into()),
            "the labelled number wins over one mentioned in passing"
        );
        assert_eq!(case_number("no number; XCM14-1234567 is not one; CM1-23 neither"), None);
        assert_eq!(case_year("CM15-0193410"), Some(2015));
        assert_eq!(case_year("nothing"), None);
    }

    #[test]
    fn specialties_lose_their_licensing_boilerplate() {
        let cases = [
            (
                "Physical Medicine and Rehabilitation; licensed in California",
                Some("Physical Medicine and Rehabilitation"),
            ),
            (
                "Physical Medicine and Rehabilitation and licensed in California",
                Some("Physical Medicine and Rehabilitation"),
            ),
            ("Neurological Surgery and licensed to practice in California", Some("Neurological Surgery")),
            (
                "Orthopaedic Surgery, Hand Surgery. Licensed in California; in active practice.",
                Some("Orthopaedic Surgery, Hand Surgery"),
            ),
            (
                "Anesthesiology, subspecialty in Pain Medicine. Licensed",
                Some("Anesthesiology, subspecialty in Pain Medicine"),
            ),
            ("Psychiatry, licensed in California", Some("Psychiatry")),
            ("Occupational Medicine; Board Certified; licensed in California", Some("Occupational Medicine")),
            ("in Pain Psychology", Some("Pain Psychology")),
            ("Orthopedic Surgery", Some("Orthopedic Surgery")),
            ("that manages the conditions and services under dispute", None),
            ("", None),
        ];
        for (raw, want) in cases {
            assert_eq!(clean_specialty(raw).as_deref(), want, "{raw}");
        }
    }

    #[test]
    fn licensed_in_a_specialty_not_a_state() {
        let t = "The expert reviewer is licensed in California and is Board Certified in Surgery.";
        assert_eq!(licensed_in(t), None, "a state is no specialty");
        let t = "The physician reviewer is licensed in Chiropractic, has a subspecialty in Sports and is licensed to practice in California.";
        assert_eq!(licensed_in(t).as_deref(), Some("Chiropractic"));
        let t = "The expert reviewer is licensed in Orthopedic Surgery and is licensed to practice in California.";
        assert_eq!(licensed_in(t).as_deref(), Some("Orthopedic Surgery"));
    }

    #[test]
    fn groups_are_the_first_specialty_spelled_one_way() {
        assert_eq!(specialty_group("Orthopaedic Surgery, Hand Surgery"), "Orthopedic Surgery");
        assert_eq!(
            specialty_group("Physical Medicine & Rehabilitation, Pain Medicine"),
            "Physical Medicine and Rehabilitation"
        );
        assert_eq!(specialty_group("Anesthesiology; Pain Medicine"), "Anesthesiology");
        assert_eq!(
            specialty_group("Physical Medicine and Rehabilitation, subspecialty Pain Medicine"),
            "Physical Medicine and Rehabilitation"
        );
        assert_eq!(specialty_group("Psychiatry and Neurology"), "Psychiatry and Neurology");
    }

    #[test]
    fn the_year_comes_from_the_decision_date_else_the_case_number() {
        let text = "IMR Case Number: CM15-0001234\nDate of Injury: 01/02/2013\n";
        let mut facts = LetterFacts::default();
        let info = case_info(text, &facts);
        assert_eq!((info.decision_year, info.decision_year_from), (Some(2015), Some("case_number")));
        facts.decision_date =
            Some(crate::span::Spanned::new(Date::parse_iso("2016-01-05").expect("date"), crate::span::Span::new(0, 1)));
        let info = case_info(text, &facts);
        assert_eq!((info.decision_year, info.decision_year_from), (Some(2016), Some("decision_date")));
        assert_eq!(case_info("no number", &LetterFacts::default()).decision_year, None);
    }
}
