//! Visit counts in every wording letters use, from a table of patterns: "2x4 Weeks (8sessions)",
//! "twice a week for six weeks", "1-2 times a week for 6 weeks" (upper bound), "six (6)",
//! "additional 6", "x12", "60 hours", "20 full days". Each match says how it computed its value.

use crate::pattern::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Number words and their values.
pub const NUMBER_WORDS: &[(&str, u32)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("twenty-four", 24),
    ("thirty", 30),
    ("thirty-six", 36),
    ("forty", 40),
    ("sixty", 60),
    ("eighty", 80),
    ("once", 1),
    ("twice", 2),
    ("thrice", 3),
    ("a dozen", 12),
    ("fifty", 50),
    ("a couple of", 2),
];

/// Dozens ("roughly two dozen sessions", "a half-dozen visits"): numbers of a count of visits
/// only. Every other pattern holds [`NUMBER_WORDS`] several times over, and its automaton grows
/// with each word there; these are asked where a letter says them.
pub const DOZENS: &[(&str, u32)] = &[
    ("one dozen", 12),
    ("two dozen", 24),
    ("three dozen", 36),
    ("half a dozen", 6),
    ("a half dozen", 6),
    ("a half-dozen", 6),
    ("a couple of dozen", 24),
    ("a couple dozen", 24),
];

/// What a count counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CountUnit {
    /// Visits, sessions, treatments.
    #[default]
    Visits,
    /// Hours (functional restoration).
    Hours,
    /// Days (functional restoration).
    Days,
    /// Weeks of a daily program (functional restoration) or of use.
    Weeks,
    /// Months of use (a TENS rental).
    Months,
}

/// How a pattern turns its numbers into a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// A program's schedule: hours a day x days a week x weeks, counted in hours.
    HoursDaysWeeks,
    /// A program's schedule: days a week x weeks, counted in days.
    DaysWeeks,
    /// frequency per week x weeks.
    PerWeek,
    /// frequency per month x months ("once a month for 6 months", a maintenance schedule).
    PerMonth,
    /// a x b ("2x6").
    Times,
    /// n sessions/visits.
    Total,
    /// "six (6)".
    Parenthesised,
    /// "additional 6".
    Additional,
    /// "x12", "12x".
    Multiplier,
    /// "went to chiropractic about ten times": occasions, not a rate ("3 times a week").
    Occasions,
    /// n hours / days / weeks.
    Quantity(CountUnit),
    /// Visits told as a list of their dates: "daily notes dated 3/4/2013, 3/6/2013 and 3/11/2013".
    DatedList,
    /// A visit told by its place in the course: "his eighth post-operative visit" is 8 visits.
    Ordinal,
}

/// Ordinal words, as a note numbers its visit ("her fourth visit"); digits with a suffix
/// ("her 6th session") are read too.
const ORDINALS: &[(&str, u32)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("twenty-fourth", 24),
];

/// The number an ordinal names: "eighth" is 8, "12th" 12.
fn ordinal(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    ORDINALS.iter().find(|(o, _)| *o == w).map(|(_, v)| *v).or_else(|| {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        ["st", "nd", "rd", "th"].contains(&&w[digits.len()..]).then(|| digits.parse().ok()).flatten()
    })
}

/// A count told without its unit, which a count of another treatment beside it gives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Elided {
    /// The count names its unit.
    #[default]
    No,
    /// The unit is the count's just before it: the second "six" of "six sessions of physical
    /// therapy and six of aquatic therapy".
    Before,
    /// The unit is the count's just after it: the "eight" of "eight occupational therapy and
    /// six chiropractic sessions".
    After,
}

/// A count found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountMatch {
    /// Start byte in the searched text.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// The count.
    pub value: u32,
    /// Its unit.
    pub unit: CountUnit,
    /// How it was computed, for the explanation ("2 per week x 6 weeks = 12").
    pub how: String,
    /// True when a range was read at its upper bound.
    pub upper_bound: bool,
    /// The range's lower bound ("16 to 20 sessions": 16); the value itself when no range.
    pub lower: u32,
    /// Pattern rank: lower is more specific.
    rank: u8,
    /// A course told in two parts and added up ("8 visits and then another 8", "4 sessions and
    /// then 2 more"): its role is read from its first part's words, not its "more".
    pub in_parts: bool,
    /// Whether the count's unit was left out, to be read from a count beside it.
    pub elided: Elided,
    /// Visits told by their dates, or by their place in the course ("his eighth visit"), which
    /// are past: visits done.
    pub dated: bool,
    /// A schedule of days ("5 days a week for 2 weeks"): its days and how they were counted,
    /// which a visit rule reads as sessions, one a day.
    days: Option<(u32, String)>,
}

impl CountMatch {
    /// A count of visits at `start..end`, no range, no schedule, searched as pattern `rank`.
    fn visits(start: usize, end: usize, value: u32, how: String, rank: u8) -> CountMatch {
        CountMatch {
            start,
            end,
            value,
            unit: CountUnit::Visits,
            how,
            upper_bound: false,
            lower: value,
            rank,
            in_parts: false,
            elided: Elided::No,
            dated: false,
            days: None,
        }
    }

    /// A count of visits told without its unit, which the count beside it (`elided`) gives,
    /// searched as that count was (`rank`).
    fn borrowed(start: usize, end: usize, value: u32, how: String, rank: u8, elided: Elided) -> CountMatch {
        CountMatch { elided, ..CountMatch::visits(start, end, value, how, rank) }
    }

    /// A course's visits added up from its parts, told at `start..end`.
    fn sum(start: usize, end: usize, value: u32, how: String) -> CountMatch {
        CountMatch { in_parts: true, ..CountMatch::visits(start, end, value, how, 3) }
    }
}

/// A table's words as one alternation, the longest first, a space any run of white space.
fn alternation(table: &[(&str, u32)]) -> String {
    let mut words: Vec<&str> = table.iter().map(|(w, _)| *w).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    format!("(?:{})", words.iter().map(|w| regex::escape(w).replace(' ', r"\s+")).collect::<Vec<_>>().join("|"))
}

/// A number as letters write it: digits or words ("twelve", "twenty-four", "three (3)").
pub(crate) fn number_alternation() -> String {
    let words = alternation(NUMBER_WORDS);
    // A number is digits or a word, the word perhaps echoed in digits as legal prose writes
    // it ("three (3) times a week"); a range is "1-2", "1 to 2", "one to two".
    format!(r"(?:\d{{1,3}}|{words}(?:\s*\(\s*\d{{1,3}}\s*\))?)")
}

fn range(name: &str) -> String {
    let n = number_alternation();
    format!(r"(?P<{name}>{n}(?:\s*(?:-|to|or)\s*{n})?)")
}

struct Pattern {
    form: Form,
    regex: Regex,
}

static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    let n = number_alternation();
    let r_f = range("f");
    let r_w = range("w");
    let r_n = range("n");
    // "between eight and ten sessions": read by the count of visits alone, so the other
    // patterns' automata stay as small as they were.
    let dozens = alternation(DOZENS);
    let r_total = format!(r"(?P<n>between\s+{n}\s+and\s+{n}|{dozens}|{n}(?:\s*(?:-|to|or)\s*{n})?)");
    let unit = r"(?:sessions?|visits?|treatments?|appointments?|(?:session|visit)s?\s+of\b)";
    let r_h = range("h");
    let r_d = range("d");
    let per = r"\s*(?:a|per|/|each|every)\s*";
    const DATE: &str = r"\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})";
    let table: Vec<(Form, String)> = vec![
        (
            Form::HoursDaysWeeks,
            format!(
                r"\b{r_h}[\s-]*(?:hours?|hrs?){per}day[\s,]*(?:x\s*|and\s+)?{r_d}[\s-]*days?{per}(?:week|wk)[\s,]*(?:for|x|over)?\s*{r_w}\s*(?:weeks?|wks?)\b"
            ),
        ),
        (
            Form::DaysWeeks,
            format!(
                r"\b{r_d}[\s-]*(?:full[\s-]*)?days?{per}(?:week|wk)[\s,]*(?:for|x|over)?\s*{r_w}\s*(?:weeks?|wks?)\b"
            ),
        ),
        (
            Form::PerWeek,
            format!(
                r"\b{r_f}\s*(?:times?|x|sessions?|visits?|treatments?|appointments?)?\s*(?:(?:a|per|/|each|every)?\s*(?:week|wk)s?|weekly)\b[\s,]*(?:for|x|times|over|during|for\s+a\s+total\s+of)?\s*{r_w}\s*(?:weeks?|wks?)\b"
            ),
        ),
        (Form::PerWeek, format!(r"\b{r_f}\s*(?:x|times)\s*{r_w}\s*(?:weeks?|wks?)\b")),
        // "weekly for 12 weeks": once a week, the frequency unsaid.
        (Form::PerWeek, format!(r"\b(?P<weekly>weekly)\s+(?:for|x|over)\s*{r_w}\s*(?:weeks?|wks?)\b")),
        (
            Form::PerMonth,
            format!(
                r"\b{r_f}\s*(?:times?|x|sessions?|visits?|treatments?)?\s*(?:(?:a|per|/|each|every)\s*(?:month|mo)|monthly)\b[\s,]*(?:for|x|over|during)?\s*{r_w}\s*(?:months?|mos?)\b"
            ),
        ),
        (Form::PerMonth, format!(r"\b(?P<monthly>monthly)\s+(?:for|x|over)\s*{r_w}\s*(?:months?|mos?)\b")),
        (Form::Times, r"\b(?P<f>\d{1,2})\s*[xX\u{00D7}*]\s*(?P<w>\d{1,2})\b".to_owned()),
        // "his eighth post-operative visit", "her 6th session": the visit's place in its
        // course, told of the patient; "her fourth of six authorized visits" is her fourth too.
        (
            Form::Ordinal,
            format!(
                r"\b(?:his|her|their|the\s+(?:patient|claimant|applicant)(?:'s|\u{{2019}}s))\s+(?P<ord>{})\s+(?:of\s+(?:the\s+)?(?:{n})\s+(?:(?:authorized|certified|approved|scheduled|planned|prescribed)\s+)?)?(?:(?:post-?\s*operative|post-?op|post-?surgical|physical|occupational|therapy|chiropractic|acupuncture|massage|PT|OT)\s+){{0,2}}(?:visit|session|treatment|appointment)s?\b",
                ORDINALS.iter().map(|(w, _)| *w).chain([r"\d{1,2}(?:st|nd|rd|th)"]).collect::<Vec<_>>().join("|")
            ),
        ),
        (
            Form::Total,
            format!(
                r"\b{r_total}[\x22']?\s*(?:\(\s*\d{{1,3}}\s*\)\s*)?(?:additional\s+|more\s+|further\s+|extra\s+|additional\s+|total\s+|initial\s+|prior\s+|previous\s+|authorized\s+|completed\s+)?(?:(?:post-?operative|post-?op|post-?surgical)\s+)?(?:[A-Za-z/()-]+\s+){{0,3}}?{unit}"
            ),
        ),
        // "12 chiropractic adjustments", "six massages": a treatment's own act, counted as a
        // visit. (A pattern of its own: in the one above, these words cost its prebuilt DFA.)
        (
            Form::Total,
            format!(
                r"\b{r_total}\s+(?:(?:chiropractic|spinal|osteopathic|manual)\s+)?(?:adjustments|manipulations|massages)\b"
            ),
        ),
        // "attended therapy on six dates", "was seen on 8 separate occasions": the days a
        // course was had, told without its unit.
        (Form::Total, format!(r"\bon\s+{r_total}\s+(?:(?:separate|different|distinct)\s+)?(?:dates|occasions)\b")),
        (Form::Parenthesised, format!(r"\b(?P<word>{n})\s*\(\s*(?P<n>\d{{1,3}})\s*\)")),
        (Form::Additional, format!(r"(?i:\b(?:additional|another|further|extra)\s+)(?P<n>{n})\b")),
        // "Acupuncture 6 additional for the right shoulder", "one more block of 6, for the low
        // back", "where she completed eight more between 04-2016 and 06-2016": more visits of
        // the treatment named or of a course told before, their unit unsaid. What follows is a
        // place, a time or the clause's end, not a unit of its own ("two more injections"); the
        // count is its own words ("at"), whose cues (a verb of a course done) give its role.
        // "in 2011 between 8 and 10 more": a range of them, read at its least for a course done.
        (
            Form::Additional,
            format!(
                r"\b(?P<at>(?P<n>(?:between\s+{n}\s+and\s+)?{n})\s+(?:additional|more|further|extra)){UNIT_UNSAID}"
            ),
        ),
        (Form::Additional, format!(r"\b(?P<at>(?:block|round|set)\s+of\s+(?P<n>{n})){UNIT_UNSAID}")),
        (Form::Multiplier, r"(?:^|[^A-Za-z0-9])[xX]\s*(?P<n>\d{1,3})\b".to_owned()),
        (Form::Multiplier, r"\b(?P<n>\d{1,3})\s*[xX](?:$|[^A-Za-z0-9/])".to_owned()),
        // The words after "times" that make it a rate or a ratio are caught and refused: the
        // pattern language has no look-ahead.
        (
            Form::Occasions,
            format!(
                r"\b{r_n}\s+times\b(?P<rate>\s*(?:a|an|per|/|each|every|weekly|daily|monthly|nightly|as|the|more|less|greater|higher|lower|than|that|what|over|normal|baseline)\b)?"
            ),
        ),
        // "Massage therapy times six for the neck": "x 6" in words. After the occasions, so that
        // "3 times" keeps its number where both could read.
        (Form::Multiplier, format!(r"\b(?P<at>times\s+(?P<n>{n})){UNIT_UNSAID}")),
        (
            Form::Quantity(CountUnit::Hours),
            format!(r"\b{r_n}[\s-]*(?:(?:additional|more|further|extra)\s+)?(?:hours?|hrs?)\b"),
        ),
        (
            Form::Quantity(CountUnit::Days),
            format!(
                r"\b{r_n}[\s-]*(?:(?:additional|more|further|extra)\s+)?(?:full[\s-]*|part[\s-]*|half[\s-]*)?days?\b"
            ),
        ),
        (Form::Quantity(CountUnit::Weeks), format!(r"\b(?:x\s*)?{r_n}\s*(?:weeks?|wks?)\b")),
        (Form::Quantity(CountUnit::Months), format!(r"\b(?:x\s*)?{r_n}[\s-]*(?:months?|mos?)\b")),
        // Last: nothing else counts inside a list of dates.
        (
            Form::DatedList,
            format!(
                r"\b(?:notes?|visits?|sessions?|treatments?|appointments?|(?:(?:was|were)\s+(?:seen|treated)|attended)(?:\s+[A-Za-z-]+){{0,6}}?)\s+(?:dated|on)\s+(?P<dates>{DATE}(?:\s*,\s*(?:and\s+)?{DATE})+(?:,?\s+and\s+{DATE})?)\b"
            ),
        ),
    ];
    table
        .into_iter()
        .map(|(form, p)| Pattern { form, regex: Regex::new(&format!("(?i){p}")).expect("count pattern compiles") })
        .collect()
});

/// Words that, between a number and "sessions" or "treatment", say the number counts
/// something else: courses, rounds, years.
const NOT_VISITS: &[&str] = &[
    "course",
    "courses",
    "round",
    "rounds",
    "series",
    "cycle",
    "cycles",
    "trial",
    "trials",
    "episode",
    "episodes",
    "block",
    "blocks",
    "program",
    "programs",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "level",
    "levels",
    "provider",
    "providers",
    "therapist",
    "therapists",
    "modality",
    "modalities",
    "type",
    "types",
    // A measure taken at visits ("flexion of 95 degrees at both visits", "30 minute sessions").
    "degree",
    "degrees",
    "percent",
    "pound",
    "pounds",
    "lb",
    "lbs",
    "minute",
    "minutes",
    "min",
    "mins",
    "hour",
    "hours",
    "feet",
    "foot",
    "inches",
    "miles",
    "point",
    "points",
    "mg",
    "kg",
];

/// What follows a count whose unit is unsaid: a place, a time or the clause's end, never a
/// noun that would be its unit.
const UNIT_UNSAID: &str = r"(?:\s+(?:for|to|at|in|on|over|during|with|per|between|from|by|through|since|before|after|there|elsewhere|here|that|this|last)\b|\s*[,.;:)]|\s*$)";

/// The units of time a multiplier may count ("x 8 weeks"); not days, which a program counts
/// as sessions ("Work hardening program x 10 days").
const PERIODS: &[&str] = &["week", "weeks", "wk", "wks", "month", "months", "mo", "mos", "year", "years"];

/// Whether the next word is a unit of time ([`PERIODS`]).
fn names_a_period(after: &str) -> bool {
    let word = after.trim_start().split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
    PERIODS.iter().any(|p| p.eq_ignore_ascii_case(word))
}

/// Whether the words after a count's number (up to its noun) hold one of [`NOT_VISITS`].
fn counts_courses(after_number: &str) -> bool {
    after_number.split(|c: char| !c.is_ascii_alphabetic()).any(|w| NOT_VISITS.iter().any(|x| x.eq_ignore_ascii_case(w)))
}

/// The value of one number (digits or a word).
pub fn number(s: &str) -> Option<u32> {
    // "three (3)": the word; its echo in digits says the same.
    let s = s.split_once('(').map_or(s, |(word, _)| word);
    let t = s.trim().to_ascii_lowercase();
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    t.parse()
        .ok()
        .or_else(|| NUMBER_WORDS.iter().chain(DOZENS).find(|(w, _)| *w == t).map(|(_, v)| *v))
        .or_else(|| compound(&t))
}

/// "twenty-six": a word of tens and a word of units joined by a hyphen are one number, not a
/// range. The units are [`NUMBER_WORDS`]' one to nine.
fn compound(t: &str) -> Option<u32> {
    const TENS: &[(&str, u32)] = &[("twenty", 20), ("thirty", 30), ("forty", 40), ("fifty", 50), ("sixty", 60)];
    let (tens, unit) = t.split_once('-')?;
    let tens = TENS.iter().find(|(w, _)| *w == tens)?.1;
    let unit = NUMBER_WORDS.iter().find(|(w, v)| *w == unit.trim() && (1..=9).contains(v))?.1;
    Some(tens + unit)
}

/// The value of a number or range; a range gives its upper bound and `true`.
pub fn number_or_range(s: &str) -> Option<(u32, bool)> {
    bounds(s).map(|(lo, hi)| (hi, lo != hi))
}

/// The lower and upper bounds of a number or range ("16 to 20", "between eight and ten").
fn bounds(s: &str) -> Option<(u32, u32)> {
    static SPLIT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\s*(?:-|\bto\b|\bor\b|\band\b)\s*").expect("split compiles"));
    let s = s.trim();
    let s = crate::text::strip_prefix_ci(s, "between ").unwrap_or(s);
    // "a half-dozen" is one number, not a range at its hyphen.
    if let Some(&(_, v)) = DOZENS.iter().find(|(w, _)| w.contains('-') && w.eq_ignore_ascii_case(s)) {
        return Some((v, v));
    }
    // "twenty-four" is one number, not the range twenty to four.
    // "twenty-four (24)": the word before its echo in digits.
    if let Some(v) = compound(s.split_once('(').map_or(s, |(word, _)| word).trim_end().to_ascii_lowercase().as_str()) {
        return Some((v, v));
    }
    let parts: Vec<&str> = SPLIT.split(s).filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [one] => number(one).map(|v| (v, v)),
        [lo, hi] => {
            let (lo, hi) = (number(lo)?, number(hi)?);
            Some((lo.min(hi), lo.max(hi)))
        }
        _ => None,
    }
}

/// Could `text` hold a count? Every count's value is read by [`number`] from ASCII digits or
/// from one of [`NUMBER_WORDS`] (in any ASCII case): a text with neither holds none, and is not
/// searched with the patterns (issue 14: most of a letter's sentences have no count). Each
/// number word is known by its longest word ("dozen" for "a dozen").
fn may_hold_a_count(text: &str) -> bool {
    static WORDS: LazyLock<Option<aho_corasick::AhoCorasick>> = LazyLock::new(|| {
        let words = NUMBER_WORDS.iter().filter_map(|(w, _)| w.split_whitespace().max_by_key(|x| x.len()));
        aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(words).ok()
    });
    text.bytes().any(|b| b.is_ascii_digit()) || WORDS.as_ref().is_none_or(|w| w.is_match(text))
}

/// Every count in `text`, most specific first at each place, overlapping weaker ones removed.
pub fn counts(text: &str) -> Vec<CountMatch> {
    if !may_hold_a_count(text) {
        return Vec::new();
    }
    counts_searched(text)
}

/// Every count pattern in one, its groups unnamed: over many letters, one search of a text that
/// holds no count answers for all of them (most sentences with a number hold none). Compiling it
/// costs about a quarter of checking one letter, so only a run over many letters asks it.
static ANY: LazyLock<Regex> = LazyLock::new(|| {
    let unnamed = |source: &str| {
        let mut out = String::with_capacity(source.len());
        let mut rest = source;
        while let Some(at) = rest.find("(?P<") {
            let close = rest[at..].find('>').map_or(rest.len(), |c| at + c + 1);
            out.push_str(&rest[..at]);
            out.push_str("(?:");
            rest = &rest[close..];
        }
        out.push_str(rest);
        out
    };
    let sources: Vec<String> = PATTERNS.iter().map(|p| unnamed(p.regex.as_str())).collect();
    Regex::new(&crate::pattern::union(&sources)).expect("count patterns compile as one")
});

/// [`counts`] of a text that may hold one.
fn counts_searched(text: &str) -> Vec<CountMatch> {
    if crate::pattern::is_many_letters() && !ANY.is_match(text) {
        return Vec::new();
    }
    counts_of_every_pattern(text)
}

/// The count patterns as a family: a pattern is searched only in a text that holds its words.
static FAMILY: LazyLock<crate::pattern::Family> =
    LazyLock::new(|| crate::pattern::Family::new(PATTERNS.iter().map(|p| &p.regex)));

/// [`counts`], every pattern that may match searched.
fn counts_of_every_pattern(text: &str) -> Vec<CountMatch> {
    let mut all: Vec<CountMatch> = Vec::new();
    let searched = FAMILY.searched(text);
    for (rank, p) in PATTERNS.iter().enumerate().filter(|(rank, _)| searched(*rank)) {
        for c in p.regex.captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            // "Between 04/09/13 and 05/14/13 she attended four sessions": the year of a date
            // is no count.
            if c.name("n").is_some_and(|n| {
                let before = &text.as_bytes()[..n.start()];
                before.len() >= 2
                    && matches!(before[before.len() - 1], b'/' | b'-')
                    && before[before.len() - 2].is_ascii_digit()
            }) {
                continue;
            }
            let g = |name: &str| c.name(name).map(|x| x.as_str());
            // A schedule's days, for a visit rule: "4 hours a day, 5 days a week for 2 weeks" is
            // 10 sessions.
            let mut days = None;
            let found = match p.form {
                Form::PerWeek | Form::PerMonth | Form::Times => {
                    // "weekly for 12 weeks", "monthly for 4 months": once a period.
                    let once = g("weekly").or(g("monthly")).map(|_| (1, false));
                    let (Some((f, fr)), Some((w, wr))) =
                        (g("f").and_then(number_or_range).or(once), g("w").and_then(number_or_range))
                    else {
                        continue;
                    };
                    // The most a week or a month holds; "2 x 6" names no period.
                    let (most, period) = match p.form {
                        Form::PerWeek => (7, Some("week")),
                        Form::PerMonth => (8, Some("month")),
                        _ => (u32::MAX, None),
                    };
                    if f == 0 || w == 0 || f > most || f * w > 400 {
                        continue;
                    }
                    let how = match period {
                        Some(period) => format!(
                            "{} per {period} x {} {period}s = {}",
                            g("f").unwrap_or("once").trim(),
                            g("w").unwrap_or("").trim(),
                            f * w
                        ),
                        None => format!("{f} x {w} = {}", f * w),
                    };
                    Some((f * w, CountUnit::Visits, how, fr || wr))
                }
                Form::HoursDaysWeeks | Form::DaysWeeks => {
                    let num = |name: &str| g(name).and_then(number_or_range);
                    let (Some((d, dr)), Some((w, wr))) = (num("d"), num("w")) else {
                        continue;
                    };
                    let (h, hr) = if p.form == Form::HoursDaysWeeks {
                        let Some(h) = num("h") else { continue };
                        h
                    } else {
                        (1, false)
                    };
                    if h == 0 || d == 0 || d > 7 || w == 0 || h > 24 || h * d * w > 2000 {
                        continue;
                    }
                    let t = |name: &str| g(name).unwrap_or("").trim().to_owned();
                    days = Some((
                        d * w,
                        format!("{} days a week x {} weeks = {} sessions, one a day", t("d"), t("w"), d * w),
                    ));
                    if p.form == Form::HoursDaysWeeks {
                        let how = format!(
                            "{} hours a day x {} days a week x {} weeks = {} hours",
                            t("h"),
                            t("d"),
                            t("w"),
                            h * d * w
                        );
                        Some((h * d * w, CountUnit::Hours, how, hr || dr || wr))
                    } else {
                        let how = format!("{} days a week x {} weeks = {} days", t("d"), t("w"), d * w);
                        Some((d * w, CountUnit::Days, how, dr || wr))
                    }
                }
                Form::Total | Form::Parenthesised | Form::Additional | Form::Multiplier | Form::Occasions => {
                    let Some((v, r)) = g("n").and_then(number_or_range) else {
                        continue;
                    };
                    if g("rate").is_some() {
                        continue;
                    }
                    // "Aquatic therapy x 8 weeks": a length of time, which the quantity of
                    // weeks reads, not 8 visits.
                    if p.form == Form::Multiplier && names_a_period(&text[m.end()..]) {
                        continue;
                    }
                    if v == 0 || v > 400 {
                        continue;
                    }
                    // "two prior courses of chiropractic treatment", "3 rounds of acupuncture
                    // sessions": the number counts courses, not visits.
                    if p.form == Form::Total
                        && counts_courses(&m.as_str()[c.name("n").map_or(0, |n| n.end() - m.start())..])
                    {
                        continue;
                    }
                    Some((v, CountUnit::Visits, format!("\"{}\"", m.as_str().trim()), r))
                }
                Form::Ordinal => {
                    let Some(v) = g("ord").and_then(ordinal).filter(|v| (1..=60).contains(v)) else { continue };
                    Some((
                        v,
                        CountUnit::Visits,
                        format!("\"{}\": the visit's place in the course", m.as_str().trim()),
                        false,
                    ))
                }
                Form::DatedList => {
                    let dates = g("dates").unwrap_or("");
                    let n = dates.split([',', ' ']).filter(|d| d.contains('/')).count() as u32;
                    // Two dates are as often a range ("from 3/4/2013 and 5/6/2013") as visits.
                    if n < 3 {
                        continue;
                    }
                    Some((n, CountUnit::Visits, format!("{n} visits by their dates"), false))
                }
                Form::Quantity(unit) => {
                    let Some((v, r)) = g("n").and_then(number_or_range) else {
                        continue;
                    };
                    if v == 0 || v > 2000 {
                        continue;
                    }
                    Some((v, unit, format!("\"{}\"", m.as_str().trim()), r))
                }
            };
            if let Some((value, unit, how, upper_bound)) = found {
                // Of a count of visits told as a range, the least it says ("16 to 20 sessions"),
                // for a course done.
                let lower = match p.form {
                    Form::Total | Form::Occasions | Form::Quantity(_) | Form::Additional if upper_bound => {
                        g("n").and_then(bounds).map_or(value, |(lo, _)| lo)
                    }
                    _ => value,
                };
                // A pattern that reads its verb or what follows to know a count ("completed
                // eight more at ...") names the count's own words "at".
                let m = c.name("at").unwrap_or(m);
                let start = m.start()
                    + (m.as_str().len()
                        - m.as_str().trim_start_matches(|c: char| !c.is_alphanumeric() && c != '(').len());
                all.push(CountMatch {
                    start,
                    end: m.end(),
                    value,
                    unit,
                    how,
                    upper_bound,
                    lower,
                    rank: rank as u8,
                    in_parts: false,
                    elided: Elided::No,
                    dated: matches!(p.form, Form::DatedList | Form::Ordinal),
                    days,
                });
            }
        }
    }
    stated_total(text, elided_at(text, elided(text, in_parts(text, with_sessions_a_day(keep_most_specific(all))))))
}

/// A program's schedule of days stands for as many sessions where nothing counts visits there,
/// the least preferred count of visits: a visit rule (work conditioning, physical therapy "3 days a week for 4 weeks") reads
/// a session a day.
fn with_sessions_a_day(mut kept: Vec<CountMatch>) -> Vec<CountMatch> {
    if kept.iter().all(|c| c.days.is_none()) {
        return kept;
    }
    // The kept counts of visits never overlap one another and are in order (see
    // [`keep_most_specific`]): the one that can overlap a schedule is the last that starts
    // before it ends. One look-up a schedule, not a scan (issue 11).
    let visits: Vec<(usize, usize)> =
        kept.iter().filter(|k| k.unit == CountUnit::Visits).map(|k| (k.start, k.end)).collect();
    let sessions: Vec<CountMatch> = kept
        .iter()
        .filter_map(|c| {
            let (value, how) = c.days.clone()?;
            let before_end = visits.partition_point(|&(start, _)| start < c.end);
            let counted = before_end > 0 && c.start < visits[before_end - 1].1;
            // Last in preference: a count of visits anywhere in the text says more.
            (!counted).then(|| CountMatch {
                value,
                lower: value,
                unit: CountUnit::Visits,
                how,
                days: None,
                rank: u8::MAX,
                ..c.clone()
            })
        })
        .collect();
    kept.extend(sessions);
    kept.sort_by_key(|c| c.start);
    kept
}

/// A title's full stop ("Dr. Ruiz"), which ends no sentence or clause: patterns that stop at a
/// full stop step over it.
pub(crate) const TITLE: &str = r"\b(?:Dr|Mr|Mrs|Ms|St)\.";

/// "completed 8 visits and then another 8", "has had 4 sessions and then 2 more", "10 visits at
/// twice a week and 6 at three times a week", "twelve treatments from one provider and ten from a
/// second", "acupuncture x12 with Dr. Lee, then 10 more treatments": one course told in two parts,
/// counted whole (a part alone is not what was done). A request in two parts ("6 sessions, then 6
/// additional sessions if functional improvement is shown") is decided whole too: IMR rules on the
/// request as written. Parts inside a parenthesis after a count are its breakdown ("16 visits (12
/// by January and 4 more by February)"), not a second part; so are parts after a colon ("18 visits
/// with two providers: 12 in 2013 and 6 more in 2015" is 18). A title's full stop does not end the
/// first part ("12 visits with Dr. Ruiz and 12 at Back in Motion").
static TWO_PARTS: LazyLock<Regex> = LazyLock::new(|| {
    let (n, title) = (number_alternation(), TITLE);
    Regex::new(&format!(
        r"(?i)(?:\b(?P<a>{n})\s+(?:[\w-]+\s+){{0,3}}?(?:visits?|sessions?|treatments?)\b|\bx\s?(?P<x>\d{{1,3}})\b)(?:(?:(?:[^,.;:(]|{title}){{0,80}}?(?:\s+and\s+(?:then\s+)?|,\s*(?:and\s+)?then\s+)|,?\s+then\s+)(?:(?:another|a\s+further|an\s+additional)\s+(?P<b>{n})|(?:the\s+)?(?P<c>{n})\s+(?:more|additional|further|(?:(?:visits?|sessions?|treatments?)\s+)?(?:at|with|from))\b)|(?:[^,.;:(]|{title}){{0,80}}?,\s+and\s+(?:another|a\s+further|an\s+additional)\s+(?P<d>{n}))(?:\s+(?:visits?|sessions?|treatments?)\b)?"
    ))
    .expect("two parts compiles")
});
/// A course that went on at another place, told in one sentence: "completed 6 visits at Valley
/// PT before her insurer moved her care to Pacific Spine, where she has had 2 visits", "..., where
/// she has attended 7 more".
static WHERE_PART: LazyLock<Regex> = LazyLock::new(|| {
    let n = number_alternation();
    Regex::new(&format!(
        r"(?i)\b(?P<a>{n})\s+(?:[\w-]+\s+){{0,3}}?(?:visits?|sessions?|treatments?)\b[^.;:(]{{0,100}}?,?\s+where\s+(?:she|he|they)\s+(?:has\s+|have\s+|had\s+)?(?:since\s+|also\s+|then\s+)?(?:had|attended|completed|received)\s+(?:another\s+|a\s+further\s+)?(?P<c>{n})\s+(?:more\b|(?:[\w-]+\s+){{0,2}}?(?:visits?|sessions?|treatments?)\b)"
    ))
    .expect("where part compiles")
});
/// "8 plus 6 sessions", "12 + 6 visits": a course's parts added up in the count itself, the unit
/// told once after the second.
static PLUS_PARTS: LazyLock<Regex> = LazyLock::new(|| {
    let n = number_alternation();
    Regex::new(&format!(
        r"(?i)\b(?P<a>{n})\s*(?:\bplus\b|\+)\s*(?P<c>{n})\s+(?:[\w-]+\s+){{0,3}}?(?:visits?|sessions?|treatments?)\b"
    ))
    .expect("plus parts compiles")
});
/// What makes a second part asked for, allowed or only authorized rather than done: "and 6 more
/// are requested", "and a further 6 sessions could only be considered", "and an additional 6
/// visits, as certified by the utilization review".
static PART_ASKED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:are|is|were|was|have\s+been|has\s+been|being|now)\s+)*(?:requested|proposed|planned|recommended|asked|sought|prescribed|ordered|pending|needed)\b|^\s*(?:would|will|could|should|may|might|can|cannot|to\s+be)\b|^\s*,?\s*(?:as\s+)?(?:(?:were|was|have\s+been|has\s+been)\s+)?(?:certified|authorized|approved)\b")
        .expect("part asked compiles")
});

fn in_parts(text: &str, mut kept: Vec<CountMatch>) -> Vec<CountMatch> {
    let where_part = text.contains(" where ");
    let plus = text.contains('+') || text.contains(" plus ");
    if !text.contains(" and ") && !text.contains(" then ") && !where_part && !plus {
        return kept;
    }
    let wheres = where_part.then(|| WHERE_PART.captures_iter(text)).into_iter().flatten();
    let pluses = plus.then(|| PLUS_PARTS.captures_iter(text)).into_iter().flatten();
    for c in TWO_PARTS.captures_iter(text).chain(wheres).chain(pluses) {
        let (Some(m), Some(a)) = (c.get(0), c.name("a").or(c.name("x"))) else { continue };
        let Some(b) = c.name("b").or(c.name("c")).or(c.name("d")) else { continue };
        if m.as_str().to_ascii_lowercase().contains("request") || PART_ASKED.is_match(&text[m.end()..]) {
            continue;
        }
        let (Some(x), Some(y)) = (number(a.as_str()), number(b.as_str())) else { continue };
        if x == 0 || y == 0 || x + y > 400 {
            continue;
        }
        kept.retain(|k| k.end <= m.start() || k.start >= m.end());
        kept.push(CountMatch::sum(m.start(), m.end(), x + y, format!("{x} + {y} = {}", x + y)));
    }
    kept.sort_by_key(|c| c.start);
    kept
}

/// "six sessions of physical therapy and six of aquatic therapy", "8 visits of chiropractic
/// care and 6 of acupuncture": a second count told with the first's unit left out, each of the
/// treatment its "of" names. Which of them, or their sum, a request asks is its treatment's to
/// say (the caller's); here each is a count of its own.
static ELIDED_SECOND: LazyLock<Regex> = LazyLock::new(|| {
    let n = number_alternation();
    Regex::new(&format!(
        r"(?i)\b(?P<a>{n})\s+(?:[\w-]+\s+){{0,3}}?(?:visits?|sessions?|treatments?)\s+of\s+[^,.;:()]{{2,60}}?,?\s+and\s+(?P<b>{n})\s+of\s+(?P<what>[\w-]+)"
    ))
    .expect("elided second compiles")
});

/// "12 sessions at Valley Physical Therapy in 2011 and \u{201c}about 8\u{201d} at a second facility", "six
/// visits with one chiropractor and four with another": a second count of the same treatment, told
/// with the first's unit left out and a place or provider of its own.
static ELIDED_AT: LazyLock<Regex> = LazyLock::new(|| {
    let n = number_alternation();
    Regex::new(&format!(
        r#"(?i)\b(?P<a>{n})\s+(?:[\w-]+\s+){{0,3}}?(?:visits?|sessions?|treatments?)\s+(?:at|with|from|through)\s+[^,.;:()]{{2,80}}?,?\s+and\s+["'\u{{201c}}]?(?:(?:about|approximately|roughly|around|at\s+least|another|nearly)\s+)?(?P<b>{n})["'\u{{201d}}]?\s+(?:more\s+)?(?:at|with|from|through)\s"#
    ))
    .expect("elided at compiles")
});

/// "eight occupational therapy and six chiropractic sessions", "10 PT and 6 acupuncture visits": a
/// first count told with its unit left out, which the count after it gives. Its words up to
/// "and" are its own (the treatment it counts); which treatment that is, the caller reads.
static ELIDED_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    let n = number_alternation();
    Regex::new(&format!(r"(?i)\b(?P<a>{n})\s+(?P<what>(?:[A-Za-z][\w/-]*\s+){{1,3}}?)and\s+(?P<b>{n})\s"))
        .expect("elided first compiles")
});

/// Words that make the words after a number no treatment's name: "2 of them and 6 sessions",
/// "6 in 2014 and 8 sessions".
const NOT_A_NAME: &[&str] = &[
    "of",
    "the",
    "a",
    "an",
    "to",
    "for",
    "in",
    "at",
    "with",
    "on",
    "by",
    "from",
    "her",
    "his",
    "their",
    "them",
    "was",
    "were",
    "had",
    "has",
    "is",
    "are",
    "more",
    "additional",
    "further",
    "other",
    "times",
    "x",
];

/// Whether `word` is a count's unit of visits ("visits", "session", "treatments").
fn is_unit_word(word: &str) -> bool {
    ["visit", "visits", "session", "sessions", "treatment", "treatments"].iter().any(|u| u.eq_ignore_ascii_case(word))
}

/// [`ELIDED_FIRST`] counts: each first count whose second is a count of visits kept here, and
/// whose own words hold no number, unit or [`NOT_A_NAME`] word.
fn elided_first(text: &str, kept: &[CountMatch]) -> Vec<CountMatch> {
    let after_and = |k: &CountMatch| {
        k.unit == CountUnit::Visits
            && k.elided == Elided::No
            && text[..k.start].trim_end().rsplit(' ').next().is_some_and(|w| w.eq_ignore_ascii_case("and"))
    };
    if !kept.iter().any(after_and) {
        return Vec::new();
    }
    let mut firsts = Vec::new();
    for c in ELIDED_FIRST.captures_iter(text) {
        let (Some(a), Some(what), Some(b)) = (c.name("a"), c.name("what"), c.name("b")) else { continue };
        let Some(second) = kept.iter().find(|k| k.start == b.start() && after_and(k)) else { continue };
        let words = what.as_str();
        if words.split_whitespace().any(|w| {
            NOT_A_NAME.iter().any(|x| x.eq_ignore_ascii_case(w))
                || number(w).is_some()
                || counts_courses(w)
                || is_unit_word(w)
        }) || kept.iter().any(|k| k.start < what.end() && a.start() < k.end)
        {
            continue;
        }
        let Some(value) = number(a.as_str()).filter(|v| (1..=400).contains(v)) else { continue };
        let end = what.start() + words.trim_end().len();
        let how = format!("\"{}\", counted in the unit of the count after it", &text[a.start()..end]);
        firsts.push(CountMatch::borrowed(a.start(), end, value, how, second.rank, Elided::After));
    }
    firsts
}

fn elided(text: &str, mut kept: Vec<CountMatch>) -> Vec<CountMatch> {
    if text.contains(" and ") && !kept.is_empty() {
        let firsts = elided_first(text, &kept);
        kept = with_counts(kept, firsts);
    }
    // Searched only where a unit stands just before an "of" ("sessions of"): most sentences
    // with "and" and "of" hold none, and this keeps their cost to a scan for " of ".
    let unit_of =
        || text.match_indices(" of ").any(|(at, _)| is_unit_word(text[..at].rsplit(' ').next().unwrap_or("")));
    if kept.is_empty() || !text.contains(" and ") || !unit_of() {
        return kept;
    }
    let mut seconds = Vec::new();
    for c in ELIDED_SECOND.captures_iter(text) {
        let (Some(a), Some(b), Some(what)) = (c.name("a"), c.name("b"), c.name("what")) else { continue };
        // "and 4 of them", "and 6 of the 12": a part of the first count, not a second.
        if ["them", "those", "these", "which", "whom", "the", "his", "her", "their"]
            .iter()
            .any(|w| what.as_str().eq_ignore_ascii_case(w))
        {
            continue;
        }
        let how = || format!("\"{} of {}\", counted in the unit of the count before it", b.as_str(), what.as_str());
        seconds.extend(second_count(&kept, a.start(), (b.start(), b.end(), b.as_str()), how));
    }
    with_counts(kept, seconds)
}

/// The second of two counts whose first (at `first_at`) is a count of visits kept: `b`'s number,
/// in the first's unit and rank, unless it is no count or overlaps one kept.
fn second_count(
    kept: &[CountMatch],
    first_at: usize,
    (start, end, words): (usize, usize, &str),
    how: impl FnOnce() -> String,
) -> Option<CountMatch> {
    let first = kept.iter().find(|k| k.start == first_at && k.unit == CountUnit::Visits && !k.in_parts)?;
    let value = number(words).filter(|v| (1..=400).contains(v))?;
    if kept.iter().any(|k| k.start < end && start < k.end) {
        return None;
    }
    Some(CountMatch::borrowed(start, end, value, how(), first.rank, Elided::Before))
}

/// `kept` with `more` added, in the text's order.
fn with_counts(mut kept: Vec<CountMatch>, more: Vec<CountMatch>) -> Vec<CountMatch> {
    if !more.is_empty() {
        kept.extend(more);
        kept.sort_by_key(|c| c.start);
    }
    kept
}

/// [`ELIDED_AT`] counts: each second count after a count of visits kept here.
fn elided_at(text: &str, kept: Vec<CountMatch>) -> Vec<CountMatch> {
    // Searched only where a count of visits has a place or provider just after it ("12 sessions
    // at"), and an "and" follows: most sentences with counts have neither.
    let placed = |k: &CountMatch| {
        k.unit == CountUnit::Visits
            && ["at ", "with ", "from ", "through "]
                .iter()
                .any(|w| crate::text::strip_prefix_ci(text[k.end..].trim_start(), w).is_some())
            && text[k.end..].contains(" and ")
    };
    if !kept.iter().any(placed) {
        return kept;
    }
    let mut seconds = Vec::new();
    for c in ELIDED_AT.captures_iter(text) {
        let (Some(a), Some(b)) = (c.name("a"), c.name("b")) else { continue };
        let how = || format!("\"{}\", counted in the unit of the count before it", b.as_str());
        seconds.extend(second_count(&kept, a.start(), (b.start(), b.end(), b.as_str()), how));
    }
    with_counts(kept, seconds)
}

/// Two counts of one request told as [`elided`] parts: their sum, spanning both.
pub fn joined(first: &CountMatch, second: &CountMatch) -> CountMatch {
    let value = first.value + second.value;
    CountMatch {
        upper_bound: first.upper_bound,
        ..CountMatch::sum(first.start, second.end, value, format!("{} + {} = {value}", first.value, second.value))
    }
}

/// A course's sum told without its unit after its parts ("six visits in 2015 and eight sessions
/// in 2016, fourteen in all", "..., for a total of 18.", "12 chiropractic visits in 2013-2014 and 6
/// visits in 2016, for a total of 18 visits"). Taken only when it is the sum of the visit counts
/// just before it, so a total of something else is never read as visits.
static STATED_TOTAL: LazyLock<Regex> = LazyLock::new(|| {
    let n = number_alternation();
    Regex::new(&format!(
        r"(?i)(?:[,;(]|\bor\b|\bfor\b)\s*(?:(?:a\s+total\s+of\s+)?(?P<n>{n})\s+(?:in\s+all|in\s+total|altogether)\b|(?:for\s+)?a\s+total\s+of\s+(?P<t>{n})(?:\s+(?:visits?|sessions?|treatments?))?\b\s*(?:[.;,)]|$))"
    ))
    .expect("stated total compiles")
});

/// Words of a request or a supposition between a course and a total: "would add", "requested".
static ASKED_BETWEEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:would|will|could|add|adds|adding|request\w*|proposed|bring|brings)\b")
        .expect("asked-between compiles")
});

fn stated_total(text: &str, mut kept: Vec<CountMatch>) -> Vec<CountMatch> {
    if !(text.contains(" in all")
        || text.contains(" in total")
        || text.contains("altogether")
        || text.contains("total of"))
    {
        return kept;
    }
    for c in STATED_TOTAL.captures_iter(text) {
        let (Some(m), Some(n)) = (c.get(0), c.name("n").or_else(|| c.name("t"))) else { continue };
        let Some(total) = number(n.as_str()) else { continue };
        // The total's own count ("for a total of 18 visits") is the sum's, not another count.
        let own = |k: &CountMatch| k.start >= n.start() && k.end <= m.end() && k.value == total;
        if kept.iter().any(|k| k.start < m.end() && m.start() < k.end && !own(k)) {
            continue;
        }
        let before: Vec<&CountMatch> =
            kept.iter().filter(|k| k.end <= m.start() && k.unit == CountUnit::Visits).collect();
        // The shortest run of counts just before the total that adds up to it.
        let Some(from) = (2..=before.len().min(4))
            .map(|len| before.len() - len)
            .find(|&i| before[i..].iter().map(|k| k.value).sum::<u32>() == total)
        else {
            continue;
        };
        let parts: Vec<u32> = before[from..].iter().map(|k| k.value).collect();
        let start = before[from].start;
        // "has completed 8 visits ...; this would add as many as 12 visits for a total of 20":
        // a total that takes in the request is no course done.
        if c.name("t").is_some() && ASKED_BETWEEN.is_match(&text[start..m.start()]) {
            continue;
        }
        let how = format!("{} = {total}", parts.iter().map(u32::to_string).collect::<Vec<_>>().join(" + "));
        kept.retain(|k| k.end <= start || k.start >= m.end());
        kept.push(CountMatch::sum(start, m.end(), total, how));
    }
    kept.sort_by_key(|c| c.start);
    kept
}

/// The most specific match at each place: matches in order of rank, each kept unless it
/// overlaps one of the same unit already kept.
fn keep_most_specific(mut all: Vec<CountMatch>) -> Vec<CountMatch> {
    all.sort_by_key(|c| (c.rank, c.start));
    let mut kept: Vec<CountMatch> = Vec::new();
    // The spans kept so far, by unit. Kept spans of one unit never overlap each other, so,
    // ordered by start, their ends are ordered too: the one kept span that can overlap a new
    // match is the last that starts before the match ends. One look-up per match, where
    // comparing with every kept match made a long item line quadratic (issue 11).
    let mut taken: Vec<(CountUnit, BTreeMap<usize, usize>)> = Vec::new();
    let mut schedules: BTreeMap<usize, usize> = BTreeMap::new();
    for c in all {
        let spans = match taken.iter().position(|(u, _)| *u == c.unit) {
            Some(i) => &mut taken[i].1,
            None => {
                taken.push((c.unit, BTreeMap::new()));
                let last = taken.len() - 1;
                &mut taken[last].1
            }
        };
        // A program's whole schedule ("3 hours a day, 5 days a week for 2 weeks", the most
        // specific pattern) stands for every count inside it, whatever their units.
        let overlaps = |m: &BTreeMap<usize, usize>| m.range(..c.end).next_back().is_some_and(|(_, &end)| c.start < end);
        if overlaps(spans) || overlaps(&schedules) {
            continue;
        }
        spans.insert(c.start, c.end);
        if c.rank == 0 {
            schedules.insert(c.start, c.end);
        }
        kept.push(c);
    }
    kept.sort_by_key(|c| c.start);
    kept
}

/// A number with no unit right after a therapy's name on its item line ("Acupuncture (6)",
/// "Physical therapy #12", "Chiropractic 8 for the low back"): the visits asked for. Only where
/// the line has no count of its own; a year or a spinal level is no such number.
static BARE_AFTER_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:[,:-]\s*)?(?:#\s*|\(\s*)?(\d{1,2})\s*\)?\s*(?:$|[,;.]|(?:for|to|of|on|at|per)\b)")
        .expect("bare count compiles")
});

/// The count [`BARE_AFTER_NAME`] reads in `rest`, the item line after the therapy's name, which
/// starts at `offset` in the line.
pub fn bare_after_name(rest: &str, offset: usize) -> Option<CountMatch> {
    let c = BARE_AFTER_NAME.captures(rest)?;
    let n = c.get(1)?;
    let value: u32 = n.as_str().parse().ok().filter(|v| (1..=60).contains(v))?;
    let how = "the number after the treatment's name, read as visits".to_owned();
    Some(CountMatch::visits(offset + n.start(), offset + n.end(), value, how, u8::MAX))
}

/// The count a request asks for: the most specific visit count in `text`, or, for programs
/// counted in days, hours/days/weeks converted by the caller.
pub fn best(matches: &[CountMatch], units: &[CountUnit]) -> Option<CountMatch> {
    matches.iter().filter(|m| units.contains(&m.unit)).min_by_key(|m| (m.rank, m.start)).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visits(text: &str) -> Option<(u32, bool)> {
        best(&counts(text), &[CountUnit::Visits]).map(|m| (m.value, m.upper_bound))
    }

    /// A visit told by its place in the course is that many visits, done: "his eighth
    /// post-operative visit" is 8, "her 6th session" 6; an ordinal of something else is none.
    #[test]
    fn a_visit_told_by_its_place_in_the_course() {
        let read = |t: &str| counts(t).into_iter().map(|m| (m.value, m.dated)).collect::<Vec<_>>();
        assert_eq!(read("The 02/24/2015 daily note is his eighth post-operative visit."), [(8, true)]);
        assert_eq!(read("Her notes end with her fourth visit on 7/1/2013."), [(4, true)]);
        assert_eq!(read("She was seen for her 6th session of therapy."), [(6, true)]);
        // Its place among the visits authorized: the fourth, not the six.
        assert_eq!(read("The note documents her fourth of six authorized visits."), [(4, true)]);
        assert_eq!(read("This is the twelfth chiropractic visit of the year."), []);
        assert_eq!(read("Her second injection helped."), []);
    }

    /// "x 8 weeks" is a length of time, not 8 visits; "x 10 days" of a program are its sessions.
    #[test]
    fn a_multiplier_of_weeks_is_no_count_of_visits() {
        assert_eq!(visits("Aquatic therapy x 8 weeks, lumbar spine"), None);
        assert_eq!(visits("Physical therapy x 3 months"), None);
        assert_eq!(visits("Work hardening program x 10 days"), Some((10, false)));
        assert_eq!(visits("Physical therapy x 8 for the lumbar spine"), Some((8, false)));
    }

    /// "Ten times" counts occasions; "three times a week", "2 times per day" and "three times
    /// the normal dose" are rates and ratios, not visits.
    #[test]
    fn times_as_occasions_not_rates() {
        assert_eq!(visits("He went to chiropractic about ten times in 2017"), Some((10, false)));
        assert_eq!(visits("she has been to acupuncture 6 times"), Some((6, false)));
        for text in [
            "Norco 10/325 two times a day",
            "ibuprofen 2 times per day as needed",
            "pain three times the baseline",
            "exercises three times weekly",
            "he walks 4 times more than before",
        ] {
            assert_eq!(visits(text), None, "{text}");
        }
        assert_eq!(visits("physical therapy 3 times a week for 4 weeks"), Some((12, false)));
    }

    /// The year of a date is no count, however near a count's noun it stands.
    #[test]
    fn a_dates_year_is_no_count() {
        let text = "Between 04/09/13 and 05/14/13 she attended four sessions of occupational therapy";
        assert!(counts(text).iter().all(|c| c.value != 13), "{:?}", counts(text));
        assert_eq!(visits("Between 4-9-13 and 5-14-13 she attended 4 sessions"), Some((4, false)));
        // A range of visits is still one.
        assert!(counts("she attended 8-10 sessions").iter().any(|c| c.lower == 8));
    }

    /// Days a course was had are its visits: "on six dates", "on 8 separate occasions", and the
    /// dates themselves after "attended physical therapy for the low back on".
    #[test]
    fn visits_told_as_the_days_they_were_had() {
        assert_eq!(
            visits("She attended physical therapy for the low back on six dates in August 2013."),
            Some((6, false))
        );
        assert_eq!(visits("He was seen by the chiropractor on 8 separate occasions."), Some((8, false)));
        let dated = counts(
            "For the low back she attended physical therapy on 08/05/2013, 08/07/2013, 08/12/2013, 08/14/2013 and 08/19/2013.",
        );
        assert!(dated.iter().any(|c| c.value == 5 && c.dated), "{dated:?}");
        // Two dates may be a range; a date is no count of days.
        assert!(counts("She attended therapy on 08/05/2013 and 09/05/2013.").iter().all(|c| !c.dated));
    }

    #[test]
    fn every_wording_in_the_issue() {
        let cases: &[(&str, u32)] = &[
            ("Pt 2x4 Weeks (8sessions) For Bilateral Neck", 8),
            ("Occupational Therapy for cervical spine twice a week for six weeks", 12),
            ("physical therapy 2 times per week for 4 weeks", 8),
            ("2 X 6", 12),
            ("3x4 weeks", 12),
            ("acupuncture x12", 12),
            ("12x physical therapy", 12),
            ("six (6) visits", 6),
            ("additional 6 sessions", 6),
            ("an additional 6", 6),
            ("6 Physical therapy sessions for the cervical spine", 6),
            ("twelve sessions of chiropractic", 12),
            ("3 times a week x 4 weeks", 12),
            ("three times weekly for four weeks", 12),
            ("twice weekly for six weeks", 12),
            ("Psychotherapy, weekly for 12 weeks", 12),
            ("cognitive behavioral therapy, one session per week for ten weeks", 10),
            ("2 visits per week for 6 weeks", 12),
            ("one visit a week x 8 weeks", 8),
            ("chiropractic treatment once a month for 6 months (maintenance)", 6),
            ("2 visits per month for 3 months", 6),
            ("acupuncture monthly for 4 months", 4),
            ("1-2x/wk x 6 wks", 12),
            // A post-operative course named with three more words before its unit.
            ("12 authorized post-operative land-based physical therapy visits", 12),
            // Number words echoed in digits, as legal prose writes them.
            ("three (3) times a week for four (4) weeks", 12),
            ("two (2) times per week for six (6) weeks", 12),
            ("one (1) to two (2) times a week for six (6) weeks", 12),
        ];
        for (text, want) in cases {
            assert_eq!(visits(text).map(|v| v.0), Some(*want), "{text}");
        }
    }

    /// A request whose unit is unsaid: "6 additional for the right shoulder", "one more block
    /// of 6", "times six". Where a noun follows, it is the unit ("two more injections") and no
    /// visit is counted; "x 6 weeks" in words is a length of time.
    #[test]
    fn a_request_with_its_unit_unsaid() {
        let cases: &[(&str, u32)] = &[
            ("Acupuncture 6 additional for the right shoulder", 6),
            ("Massage therapy times six for the neck and upper back", 6),
            ("Chiropractic treatment times six", 6),
            ("Acupuncture, one more block of 6, for the low back", 6),
            ("Occupational therapy, a further set of eight, for the wrist", 8),
        ];
        for (text, want) in cases {
            assert_eq!(visits(text).map(|v| v.0), Some(*want), "{text}");
        }
        assert_eq!(visits("He may need two more injections"), None);
        assert_eq!(visits("Massage therapy times six weeks"), None);
        assert_eq!(visits("after the general course of 8."), None);
        // "3 times" keeps its own reading where "times six" could also read.
        assert_ne!(visits("pain 3 times six hours apart").map(|v| v.0), Some(6));
    }

    #[test]
    fn ranges_count_at_upper_bound() {
        assert_eq!(visits("1-2 times a week for 6 weeks"), Some((12, true)));
        assert_eq!(visits("8-12 visits"), Some((12, true)));
        assert_eq!(visits("between 6 and 8 visits"), Some((8, true)));
    }

    /// A range keeps its lower bound too, for a course done ("16 to 20 sessions": at least 16).
    #[test]
    fn a_range_of_visits_keeps_its_lower_bound() {
        let lower = |t: &str| counts(t).first().map(|m| (m.lower, m.value));
        assert_eq!(lower("he has had 16 to 20 sessions of physical therapy"), Some((16, 20)));
        assert_eq!(lower("between eight and ten sessions of hand therapy"), Some((8, 10)));
        assert_eq!(lower("12 sessions of physical therapy"), Some((12, 12)));
        // A number of tens and units written in words is one number, not a range.
        assert_eq!(lower("she completed twenty-four physical therapy visits"), Some((24, 24)));
        assert_eq!(lower("she completed twenty-six physical therapy visits"), Some((26, 26)));
        assert_eq!(lower("she completed twenty-four (24) physical therapy visits"), Some((24, 24)));
    }

    #[test]
    fn program_quantities() {
        let m = counts("Functional restoration program 60 hours or 24 sessions");
        assert_eq!(best(&m, &[CountUnit::Hours]).map(|c| c.value), Some(60));
        assert_eq!(best(&m, &[CountUnit::Visits]).map(|c| c.value), Some(24));
        assert_eq!(best(&counts("HELP program x 20 full days"), &[CountUnit::Days]).map(|c| c.value), Some(20));
        assert_eq!(best(&counts("FRP for 10 days"), &[CountUnit::Days]).map(|c| c.value), Some(10));
        assert_eq!(best(&counts("TENS unit, 30-day rental"), &[CountUnit::Days]).map(|c| c.value), Some(30));
        assert_eq!(best(&counts("HELP program, 10 additional days"), &[CountUnit::Days]).map(|c| c.value), Some(10));
    }

    /// A schedule of days is as many sessions to a visit rule, one a day, unless the text
    /// counts its visits itself.
    #[test]
    fn a_schedule_of_days_is_a_session_a_day() {
        let m = best(&counts("Work hardening, 4 hours a day, 5 days a week for 2 weeks"), &[CountUnit::Visits]);
        assert_eq!(m.as_ref().map(|c| c.value), Some(10));
        assert!(m.is_some_and(|c| c.how.contains("one a day")));
        assert_eq!(visits("physical therapy 3 days per week for 4 weeks"), Some((12, false)));
        let told = best(&counts("4 hours a day, 3 days a week for 4 weeks (10 sessions)"), &[CountUnit::Visits]);
        assert_eq!(told.map(|c| c.value), Some(10));
        // The program's own units are unchanged.
        let frp = counts("FRP 5 days a week for 6 weeks");
        assert_eq!(best(&frp, &[CountUnit::Days]).map(|c| c.value), Some(30));
    }

    #[test]
    fn program_schedules_multiply_out() {
        let days = best(&counts("FRP 5 days a week for 6 weeks"), &[CountUnit::Days]).expect("days");
        assert_eq!((days.value, days.how.as_str()), (30, "5 days a week x 6 weeks = 30 days"));
        let hours = best(&counts("3 hours a day, 5 days a week for 2 weeks"), &[CountUnit::Hours]).expect("hours");
        assert_eq!((hours.value, hours.how.as_str()), (30, "3 hours a day x 5 days a week x 2 weeks = 30 hours"));
        let full = best(&counts("8 hours per day, 5 days per week x 4 weeks"), &[CountUnit::Hours]).expect("hours");
        assert_eq!(full.value, 160);
        assert!(best(&counts("3 hours a day, 5 days a week for 2 weeks"), &[CountUnit::Days]).is_none());
    }

    /// The de-duplication as it was first written: every match against every kept one.
    fn keep_most_specific_naive(mut all: Vec<CountMatch>) -> Vec<CountMatch> {
        all.sort_by_key(|c| (c.rank, c.start));
        let mut kept: Vec<CountMatch> = Vec::new();
        for c in all {
            if kept.iter().any(|k| (k.unit == c.unit || k.rank == 0) && c.start < k.end && k.start < c.end) {
                continue;
            }
            kept.push(c);
        }
        kept.sort_by_key(|c| c.start);
        kept
    }

    /// "six sessions of physical therapy and six of aquatic therapy": the second "six" is a count
    /// of sessions too; "and 4 of them" is a part of the first, not a second.
    #[test]
    fn a_second_count_may_leave_out_its_unit() {
        let read = |t: &str| counts(t).into_iter().map(|m| (m.value, m.elided == Elided::Before)).collect::<Vec<_>>();
        assert_eq!(
            read("The request is for six sessions of physical therapy and six of aquatic therapy."),
            [(6, false), (6, true)]
        );
        assert_eq!(read("He had 8 visits of chiropractic care, and 4 of acupuncture."), [(8, false), (4, true)]);
        assert_eq!(read("Twelve sessions were authorized and 4 of them were attended."), [(12, false)]);
        assert_eq!(read("She had 6 sessions of therapy and 2 of the 12 were missed."), [(6, false)]);
        let parts = counts("six sessions of CBT and six of biofeedback");
        let sum = joined(&parts[0], &parts[1]);
        assert_eq!((sum.value, sum.how.as_str()), (12, "6 + 6 = 12"));
    }

    #[test]
    fn a_second_course_told_by_its_place_with_its_unit_left_out() {
        let read = |t: &str| counts(t).into_iter().map(|m| (m.value, m.elided == Elided::Before)).collect::<Vec<_>>();
        assert_eq!(
            read("She had 12 sessions at Valley Physical Therapy in 2011 and \u{201c}about 8\u{201d} at a second facility in 2012."),
            [(12, false), (8, true)]
        );
        // "and" with no count of its own after it adds nothing.
        assert_eq!(read("She had 12 sessions at the clinic and was seen on 5/1/2013."), [(12, false)]);
    }

    /// "eight occupational therapy and six chiropractic sessions": the first count borrows the
    /// unit of the count after it; "2 of them and 6 sessions" and "6 in 2014 and 8 sessions" do not.
    #[test]
    fn a_first_count_may_borrow_the_unit_after_it() {
        let read = |t: &str| counts(t).into_iter().map(|m| (m.value, m.elided)).collect::<Vec<_>>();
        assert_eq!(
            read("She had eight occupational therapy and six chiropractic sessions."),
            [(8, Elided::After), (6, Elided::No)]
        );
        assert_eq!(read("She had 10 PT and 6 acupuncture visits."), [(10, Elided::After), (6, Elided::No)]);
        assert_eq!(read("She missed 2 of them and 6 sessions."), [(6, Elided::No)]);
        assert_eq!(read("She had 6 in 2014 and 8 sessions in 2015."), [(8, Elided::No)]);
        assert_eq!(read("She had 3 weeks and 8 sessions."), [(3, Elided::No), (8, Elided::No)]);
    }

    #[test]
    fn dozens_are_numbers() {
        for (t, v) in [
            ("She has had roughly two dozen massage sessions.", 24),
            ("She has had about a dozen visits.", 12),
            ("She has had a half-dozen visits.", 6),
            ("She has had half a dozen visits.", 6),
        ] {
            assert_eq!(counts(t).iter().map(|c| c.value).collect::<Vec<_>>(), [v], "{t}");
        }
    }

    #[test]
    fn a_course_told_in_two_parts_is_counted_whole() {
        let value = |t: &str| counts(t).iter().filter(|c| c.in_parts).map(|c| c.value).collect::<Vec<_>>();
        assert_eq!(value("She has completed 8 visits and then another 8, or 16 visits."), [16]);
        assert_eq!(value("The patient has had 4 sessions and then 2 more, 6 in all."), [6]);
        assert_eq!(value("The employee completed twelve visits and then six more, 18 in all."), [18]);
        assert_eq!(
            value(
                "She received twelve acupuncture treatments from one provider in 2013 and ten from a second in 2014."
            ),
            [22]
        );
        // The first part told as "x12".
        assert_eq!(
            value("She had acupuncture x12 with Dr. Lee in 2013, then 10 more treatments with Dr. Patel."),
            [22]
        );
        // Parts added in the count itself, the unit told once.
        assert_eq!(value("he has already had 8 plus 6 sessions of land-based physical therapy"), [14]);
        assert_eq!(value("She attended 12 + 6 chiropractic visits."), [18]);
        assert_eq!(value("12 + 6 = 18 visits"), [] as [u32; 0]);
        // After a comma, the second part told as "another": "12 visits at a clinic ..., and
        // another 6 with a second therapist"; not one allowed or authorized.
        assert_eq!(
            value("He had 12 visits at a clinic near his home in 2012, and another 6 with a second therapist in 2013."),
            [18]
        );
        assert_eq!(
            value("She has had 4 sessions without gains, and a further 6 sessions could be considered."),
            [] as [u32; 0]
        );
        assert_eq!(
            value("She completed six visits, and an additional 6 visits, as certified, completes the course."),
            [] as [u32; 0]
        );
        // The second part a way after the first, at another provider.
        assert_eq!(
            value("He attended 6 physical therapy visits at the hospital's outpatient department in May and June, then 2 more at a clinic near his home."),
            [8]
        );
        assert_eq!(
            value("He attended 5 hand therapy visits at the surgeon's hand center and then 3 with a certified hand therapist."),
            [8]
        );
        assert_eq!(
            value("She completed 6 visits at Valley PT before her insurer moved her care to Pacific Spine, where she has had 2 visits."),
            [8]
        );
        assert_eq!(
            value("She completed 9 visits at the first clinic and then transferred to a clinic nearer her home, where she has attended 7 more."),
            [16]
        );
        assert_eq!(
            value("She has had 10 visits at twice a week for five weeks and 6 at three times a week for two weeks."),
            [16]
        );
        // A sum told without its unit is the course's when its parts add up to it.
        assert_eq!(
            value("She had six therapy visits in 2015 and eight sessions for both wrists in 2016, fourteen in all."),
            [14]
        );
        assert_eq!(value("He attended 4 visits in May, 5 visits in June and 3 sessions in July (12 in total)."), [12]);
        assert!(value("She had six therapy visits and eight sessions, twenty in all.").is_empty());
        // "for a total of 18" after the parts, without "in all"; not when the total takes in
        // the request.
        assert_eq!(
            value("Therapy was given at two clinics: ten visits at one facility and, later, eight visits at another, for a total of 18."),
            [18]
        );
        assert!(value("She has completed 8 visits; this would add as many as 12 visits for a total of 20.").is_empty());
        // The total told with its unit.
        assert_eq!(
            value(
                "She has completed 12 chiropractic visits in 2013-2014 and 6 visits in 2016, for a total of 18 visits."
            ),
            [18]
        );
        assert!(value("She has completed 8 visits; 12 more would add up to a total of 20 visits.").is_empty());
        // Parts after a colon are the count's before it, not a second part.
        assert!(value(
            "He completed at least 18 chiropractic visits with two providers: 12 in 2013 and 6 more in 2015."
        )
        .is_empty());
        // A second part asked for is no part of what was done.
        assert!(value("She has had 12 visits and 6 more are requested.").is_empty());
        assert!(value("She has had 12 visits and the request is for 6 more.").is_empty());
        assert!(value("Physical therapy 2x3 and acupuncture x 6.").is_empty());
        // A request in two parts is ruled on whole.
        assert_eq!(
            value("Acupuncture for the cervical spine, 6 sessions, then 6 additional sessions if improved"),
            [12]
        );
        assert_eq!(value("She completed 8 visits, then another 4 after the fall."), [12]);
        assert_eq!(
            value("Therapy was given at two clinics, the 12 visits at Bayside and the 6 visits at Central Valley."),
            [18]
        );
        assert_eq!(value("Acupuncture 6 sessions then 6 more sessions"), [12]);
        // A provider's title does not end the first part.
        assert_eq!(
            value("He has had 12 chiropractic visits with Dr. Ruiz and 12 at Back in Motion Chiropractic."),
            [24]
        );
        // A breakdown in parentheses is the count's own, not a second part.
        assert!(
            value("He has attended 16 post-operative visits (12 by 01/10/2018 and 4 more by 02/16/2018).").is_empty()
        );
        assert!(value("Six sessions of therapy were done; then the patient moved.").is_empty());
    }

    /// A number that counts courses, rounds or years before the noun is no count of visits.
    #[test]
    fn courses_rounds_and_years_are_not_visits() {
        let visits =
            |t: &str| counts(t).iter().filter(|c| c.unit == CountUnit::Visits).map(|c| c.value).collect::<Vec<_>>();
        assert!(visits("He had two prior courses of chiropractic treatment, in 2011 and 2014.").is_empty());
        assert!(visits("She has had 3 rounds of acupuncture sessions.").is_empty());
        assert!(visits("He had two years of chiropractic treatment.").is_empty());
        assert_eq!(visits("He had 12 sessions of chiropractic treatment."), [12]);
        assert_eq!(visits("She completed 8 physical therapy visits."), [8]);
        assert_eq!(visits("He had six prior chiropractic treatments."), [6]);
        // A measure taken at visits is no count of them.
        assert!(visits("The notes record flexion of 95 degrees at both visits.").is_empty());
        assert!(visits("She tolerates 30 minute sessions.").is_empty());
    }

    #[test]
    fn linear_de_duplication_keeps_what_the_pairwise_one_kept() {
        let units = [CountUnit::Visits, CountUnit::Hours, CountUnit::Weeks];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            ((seed >> 33) as usize) % n
        };
        for _ in 0..500 {
            let all: Vec<CountMatch> = (0..next(40))
                .map(|_| {
                    let start = next(200);
                    CountMatch {
                        start,
                        end: start + 1 + next(20),
                        value: 1,
                        unit: units[next(units.len())],
                        how: String::new(),
                        upper_bound: false,
                        lower: 1,
                        rank: next(12) as u8,
                        in_parts: false,
                        elided: Elided::No,
                        dated: false,
                        days: None,
                    }
                })
                .collect();
            let key = |v: Vec<CountMatch>| v.into_iter().map(|c| (c.start, c.end, c.rank)).collect::<Vec<_>>();
            assert_eq!(key(keep_most_specific(all.clone())), key(keep_most_specific_naive(all)));
        }
    }

    /// Issue 11: a 1 MB item line of counts took 20 s (every match compared with every kept one).
    #[test]
    fn a_long_line_of_counts_takes_linear_time() {
        let line = "PT 2x4 ".repeat(1_000_000 / 7);
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(counts(&line).len());
        });
        let found = rx.recv_timeout(std::time::Duration::from_secs(20)).expect("counts on 1 MB within 20 s");
        assert!(found > 140_000, "{found}");
    }

    /// Issue 14: a text without digits or number words is not searched; on every sentence of
    /// every labelled letter, and on texts of number words without digits, that changes nothing.
    #[test]
    fn texts_without_numbers_are_skipped_without_losing_a_count() {
        let mut texts: Vec<String> = vec![
            "Physical therapy twice weekly for six weeks".into(),
            "A DOZEN sessions, a  couple of visits, Thirty-Six hours".into(),
            "weekly for several weeks".into(),
            "no numbers at all here".into(),
        ];
        texts.extend(crate::letter::labelled_sentences());
        assert!(texts.len() > 3000);
        let key = |v: Vec<CountMatch>| v.into_iter().map(|c| (c.start, c.end, c.value, c.how)).collect::<Vec<_>>();
        let (mut skipped, mut unmatched) = (0, 0);
        for t in &texts {
            skipped += usize::from(!may_hold_a_count(t));
            let every = counts_of_every_pattern(t);
            assert!(every.is_empty() || ANY.is_match(t), "the union misses a count in {t}");
            unmatched += usize::from(!ANY.is_match(t));
            assert_eq!(key(counts(t)), key(every), "{t}");
        }
        assert!(skipped > 100, "sentences are skipped: {skipped}");
        assert!(unmatched > skipped, "the union rules out sentences with numbers too: {unmatched}");
        // The cue words rule out only patterns that do not match, and rule out some.
        assert!(FAMILY.is_gated(), "the count patterns' cue words fit one mask");
        texts.push("KELVIN: 3 times a wee\u{212a} for 4 wee\u{212a}s".into());
        let patterns: Vec<(usize, &crate::pattern::Regex)> = PATTERNS.iter().map(|p| &p.regex).enumerate().collect();
        let (ruled_out, asked, _) = FAMILY.ruled_out_in(&patterns, &texts);
        assert!(ruled_out * 3 > asked, "{ruled_out} of {asked} searches ruled out");
    }

    /// A number with no unit right after the therapy's name is the visits asked for; a year, a
    /// spinal level or a number run on into other words is not.
    #[test]
    fn a_bare_number_after_the_name_is_visits() {
        for (rest, want) in [
            (" (6)", Some(6)),
            (" #12", Some(12)),
            (", #6, for the cervical spine", Some(6)),
            (" 8 for the low back", Some(8)),
            (" 2014", None),
            (" L4-5", None),
            (" 6 months", None),
            (" (0)", None),
        ] {
            let got = bare_after_name(rest, 11);
            assert_eq!(got.as_ref().map(|m| m.value), want, "{rest:?}");
            if let Some(m) = got {
                assert_eq!(&rest[m.start - 11..m.end - 11], m.value.to_string());
            }
        }
    }

    #[test]
    fn dates_and_ages_are_not_counts() {
        assert_eq!(visits("dated 7/28/2015, a 66-year-old male"), None);
    }
}
