//! Extraction: from a [`Letter`]'s sections and items to [`Request`]s, every fact with the span
//! of the letter text it was read from, or explicitly unknown.
//!
//! Where to look follows how reviewers write: the item line first, then the item's own block
//! (guidelines and rationale), then the case summary. Sentences that only restate a guideline
//! ("MTUS recommends 9-10 visits") are not evidence about the patient and are skipped.

pub mod citation;
pub mod count;
pub mod dates;
pub mod evidence;
pub mod scope;

use crate::domain::{Category, Date, Decision, Family, Modality, Tri};
use crate::letter::Letter;
use crate::pattern::Regex;
use crate::rules::model::RuleSet;
use crate::span::{Span, Spanned};
use crate::text::Flow;
use crate::vocab::Lexicon;
use citation::{Citation, QuotedThreshold};
use count::{CountMatch, CountUnit, Elided};
use evidence::CountRole;
use serde::Serialize;
use std::cell::OnceCell;
use std::sync::LazyLock;

/// Visits requested, as the letter words them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Requested {
    /// The number read.
    pub value: u32,
    /// Its unit (visits, or hours / days / weeks of a program).
    #[serde(skip)]
    pub unit: CountUnit,
    /// How the number was computed from the words.
    pub how: String,
    /// A range read at its upper bound.
    pub upper_bound: bool,
    /// Where.
    pub span: Span,
    /// Read from the summary, the rationale or the application's list rather than the item
    /// line.
    pub from_context: bool,
}

impl Requested {
    /// A count found in the letter, at `span`.
    fn from_match(m: &CountMatch, span: Span, from_context: bool) -> Requested {
        Requested { value: m.value, unit: m.unit, how: m.how.clone(), upper_bound: m.upper_bound, span, from_context }
    }
}

/// Evidence that is yes, no or unknown, with the words that say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// The value.
    pub value: Tri,
    /// The words, when the letter has any.
    pub span: Option<Span>,
}

impl Evidence {
    /// Nothing said.
    pub const UNKNOWN: Evidence = Evidence { value: Tri::Unknown, span: None };
}

/// A surgery the request may follow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Surgery {
    /// Vocabulary id of the procedure, with the words.
    pub id: Spanned<String>,
    /// When it was done, if the letter says.
    pub date: Option<Spanned<Date>>,
    /// The letter gives only the month ("a fusion in May 2013"): `date` is its first day.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub month_only: bool,
    /// The operation is itself disputed in this letter and no date says it was done: it has
    /// not happened, so no therapy had yet followed it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub pending: bool,
}

/// Facts about the whole letter.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LetterFacts {
    /// Date of injury.
    pub date_of_injury: Option<Spanned<Date>>,
    /// Utilization review date.
    pub ur_date: Option<Spanned<Date>>,
    /// IMR decision date.
    pub decision_date: Option<Spanned<Date>>,
    /// Patient age.
    pub age: Option<Spanned<u32>>,
    /// Patient sex.
    pub sex: Option<Spanned<String>>,
    /// Reviewer specialty.
    pub reviewer_specialty: Option<Spanned<String>>,
    /// The latest date mentioned anywhere in the letter (dates of birth and guideline years aside).
    pub latest_mentioned: Option<Spanned<Date>>,
}

impl LetterFacts {
    /// The date the rules in force are chosen by: utilization review, else decision.
    pub fn relevant_date(&self) -> Option<(Date, &'static str)> {
        self.ur_date
            .as_ref()
            .map(|d| (d.value, "utilization review date"))
            .or(self.decision_date.as_ref().map(|d| (d.value, "decision date")))
    }

    /// Failing those, the latest date the letter mentions (a request is made after the records
    /// it rests on, so the rules in force then are the nearest that can be known).
    pub fn latest_date(&self) -> Option<&Spanned<Date>> {
        self.latest_mentioned.as_ref()
    }
}

/// How a course told in parts adds up ("12 occupational therapy + 6 physical therapy = 18"),
/// and where each part is told: the parts may be paragraphs apart, and an explanation quotes
/// each where it is, not the whole text between them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Parts {
    /// The sum in words.
    pub how: String,
    /// Each part's count, in the order the sum gives them.
    pub spans: Vec<Span>,
}

/// What a request's earlier course is: its count, unit, sum and range, and whether one was had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriorCourse {
    /// Visits already done (same family).
    pub visits: Option<Spanned<u32>>,
    /// Their unit.
    pub unit: CountUnit,
    /// How they add up.
    pub parts: Option<Parts>,
    /// The top of the range they were told as.
    pub range_top: Option<u32>,
    /// Was there earlier treatment of the same family.
    pub treatment: Evidence,
}

impl Request {
    /// Where the earlier course's count is told: each of its parts where it adds some up.
    pub fn prior_spans(&self) -> Vec<Span> {
        match (&self.prior_parts, &self.prior_visits) {
            (Some(parts), _) => parts.spans.clone(),
            (None, Some(p)) => vec![p.span],
            (None, None) => Vec::new(),
        }
    }

    /// Whether the operation the request follows is one the letter tells as not yet done.
    pub fn surgery_pending(&self) -> bool {
        self.surgery.as_ref().is_some_and(|s| s.pending)
    }

    /// This request with the earlier course counted across the operation, where the letter gives
    /// one that differs ([`Request::whole_history`]); else itself.
    pub fn counted_across_surgery(mut self) -> Request {
        if let Some(c) = self.whole_history.take() {
            self.take_course(*c);
        }
        self
    }

    /// The earlier course `c` in place of the one read first.
    fn take_course(&mut self, c: PriorCourse) {
        let PriorCourse { visits, unit, parts, range_top, treatment } = c;
        (self.prior_visits, self.prior_unit, self.prior_parts, self.prior_range_top, self.prior_treatment) =
            (visits, unit, parts, range_top, treatment);
    }

    /// This request with the earlier course counted from its operation on, where the letter
    /// gives one that differs ([`Request::since_surgery`]), or none where the operation is not
    /// yet done; else itself.
    pub fn counted_since_surgery(mut self) -> Request {
        if let Some(c) = self.since_surgery.take() {
            self.take_course(*c);
        } else if self.surgery_pending() {
            // The operation is not yet done: whatever course the letter tells came before it.
            (self.prior_visits, self.prior_parts, self.prior_range_top) = (None, None, None);
        }
        self
    }
}

/// One disputed request with everything read about it.
#[derive(Debug, Clone, Serialize)]
pub struct Request {
    /// 1-based position in the letter.
    pub index: usize,
    /// The item text.
    pub text: Spanned<String>,
    /// The recorded decision.
    pub decision: Spanned<Decision>,
    /// What kind of service it is, with the head term that says so (the item text when no
    /// term is known).
    pub category: Spanned<Category>,
    /// How the category was found.
    #[serde(skip)]
    pub category_basis: scope::Basis,
    /// The therapy a visit rule may cover, if the item is one.
    pub modality: Option<Spanned<Modality>>,
    /// Its family.
    pub family: Family,
    /// Body regions named in the item.
    pub body_regions: Vec<Spanned<String>>,
    /// Visits requested.
    pub requested: Option<Requested>,
    /// Visits already done (same family).
    pub prior_visits: Option<Spanned<u32>>,
    /// The unit of `prior_visits` (program hours convert to days in the engine).
    #[serde(skip)]
    pub prior_unit: CountUnit,
    /// How `prior_visits` adds up when the letter counts the family's treatments separately
    /// ("12 occupational therapy + 6 physical therapy = 18").
    pub prior_parts: Option<Parts>,
    /// The top of the range `prior_visits` was told as ("16 to 20 sessions": 20), when it was.
    #[serde(skip)]
    pub prior_range_top: Option<u32>,
    /// Was there earlier treatment of the same family.
    pub prior_treatment: Evidence,
    /// Is functional improvement documented.
    pub functional_improvement: Evidence,
    /// Are a program's selection criteria documented.
    pub criteria: Evidence,
    /// The surgery it may follow.
    pub surgery: Option<Surgery>,
    /// Words saying the request is postoperative.
    pub postop_wording: Option<Span>,
    /// The earlier course counted as a postoperative request's would be (the courses told
    /// before the operation left out), for a request not worded as postoperative after a dated
    /// operation, where that count differs: the engine takes it when the request falls in the
    /// operation's postsurgical period, which only the rules tell.
    #[serde(skip)]
    pub since_surgery: Option<Box<PriorCourse>>,
    /// The earlier course counted across the operation (the course before it included), for a
    /// request worded as postoperative after a dated operation, where that count is larger: the
    /// engine takes it when the request falls after the operation's postsurgical period.
    #[serde(skip)]
    pub whole_history: Option<Box<PriorCourse>>,
    /// Conditions named for the patient.
    pub conditions: Vec<Spanned<String>>,
    /// The letter's words for each condition id ("neck pain", "cervical strain").
    #[serde(skip)]
    pub condition_words: std::collections::BTreeMap<String, Vec<String>>,
    /// Guideline citations.
    pub citations: Vec<Citation>,
    /// Thresholds the rationale quotes.
    pub quoted_thresholds: Vec<QuotedThreshold>,
    /// The item's block of guidelines and rationale, in one or more pieces.
    pub block: Vec<Span>,
}

static POSTOP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:post[\s-]*op(?:erative(?:ly)?)?|post[\s-]*surgical|following\s+(?:the\s+)?(?:surgery|repair|release|arthroscopy|procedure)|after\s+(?:the\s+)?(?:surgery|repair|release))\b").expect("postop compiles")
});
/// Words after a course that set it aside: "The 24 sessions he attended in 2014 followed the
/// earlier microdiscectomy and do not count against the current postsurgical course".
static NOT_COUNTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(?:do|does|did|should|would|will)\s+not|don't|doesn't|didn't|cannot|can't)\s+(?:be\s+)?count(?:ed)?\s+(?:against|toward|towards|in|as\s+part\s+of)\b|\b(?:are|is|were|was)\s+not\s+counted\b")
        .expect("not counted compiles")
});

/// The words after byte `end` to the first of `stops`, at most `max` bytes.
fn words_to<'t>(text: &'t str, end: usize, stops: &[char], max: usize) -> &'t str {
    let rest = &text[end..];
    &rest[..crate::text::floor_char(rest, rest.find(stops).unwrap_or(rest.len()).min(max))]
}

/// Words just before an operation's name that make it what an image shows ("showed a solid
/// fusion", "demonstrates a healed fusion at L4-L5").
static IMAGED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:show(?:s|ed|ing)?|reveal(?:s|ed|ing)?|demonstrat(?:es|ed|ing)|confirm(?:s|ed|ing)?)\s+(?:an?\s+|the\s+)?(?:(?:solid|healed|stable|mature|intact|successful|complete|incomplete|good|well-healed|bony|osseous)\s+)*$")
        .expect("imaged compiles")
});
/// Words before an operation's name that say it was not done (yet): proposed, awaited, refused,
/// or only certified or denied by a review ("A utilization review dated 03-02-2016 certified an
/// L4-S1 fusion").
static NOT_DONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:candidate\s+for|recommend(?:s|ed|ing|ation\s+(?:of|for))?|request(?:s|ed|ing)?|plan(?:s|ned|ning)?|schedul(?:ed|ing)|await(?:s|ing)?|pending|consider(?:s|ed|ing|ation\s+(?:of|for))?|defer(?:s|red)?|propos(?:e|es|ed|ing)|wants?|would\s+like|until|precondition\s+(?:of|for)|evaluat(?:ed|ion)\s+for|referr(?:ed|al)\s+for|discuss(?:ed|ing)?|declined|refused|not\s+(?:had|undergone|yet)|certif(?:y|ies|ied|ying)|non-?certif\w*|authoriz(?:e|es|ed|ing)|approv(?:e|es|ed|ing)|den(?:y|ies|ied|ying))\b")
        .expect("not done compiles")
});
/// "not a candidate for an L4-5 microdiscectomy", "a fusion has been recommended": the
/// operation named at `at` is named, not done ("He underwent the recommended L4-5 fusion" was
/// done).
fn named_not_done(text: &str, at: usize) -> bool {
    let lead = crate::text::lead(text, at, 60);
    let lead = &lead[lead.rfind(['.', ';']).map_or(0, |p| p + 1)..];
    NOT_DONE.is_match(lead) && !STATUS_POST.is_match(lead)
}

/// Between a count and the treatment it is of: "(day) trial of a", "sessions of", "course of",
/// "sessions of land-based" (a course's own adjectives; not "post-operative", which names
/// a course of its own: "12 sessions of postoperative therapy" after "12 sessions of
/// postoperative occupational therapy" tells the same course again).
static COUNT_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:[\w-]+\s+){0,2}?of\s+(?:a\s+|an\s+|the\s+|his\s+|her\s+)?(?:(?:[a-z]+-based|formal|supervised|outpatient|inpatient|home|in-home|skilled|active|passive|conservative|traditional|standard|prior|previous|additional|further)\s+){0,2}$").expect("count of compiles")
});
/// Between a treatment and a count in parentheses after its entry of a list: "aquatic therapy
/// for the lumbar spine (6 sessions in 2014)", "physical therapy, lumbar spine (12 sessions,
/// 11-2012 to 01-2013)", and a second count in the same parenthesis after a semicolon ("(12
/// sessions in 2016; 6 sessions in 2017)"). (No other treatment between: a count after the next
/// entry is that entry's.)
static ENTRY_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^();]{0,60}\(\s*(?:[^();]{0,40};\s*)?(?:(?:about|approximately|at\s+least|some|roughly)\s+)?$")
        .expect("entry count compiles")
});
/// Between a treatment and its count in a row of a table set out with leader dots:
/// "Psychotherapy (CBT) ............ 4 sessions (4/2013-5/2013)", "Aquatic therapy, bilateral knees
/// ........ 8 of 12 authorized visits attended".
static LEADER_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:,[^.,;()]{1,40})?\s*(?:\([^()]{0,20}\))?[\s)]*\.{4,}\s*(?:\d{1,2}\s+of\s+)?$")
        .expect("leader count compiles")
});
/// After a count, a list of treatments it counts for each: "(six sessions) each of physical
/// therapy and acupuncture".
static EACH_OF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^\s*each\s+of\s").expect("each of compiles"));
/// Between a count and its treatment, the phase of the course after "of": "(8 sessions) of
/// post-operative (hand therapy)", "of postsurgical".
static COUNT_OF_PHASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:[\w-]+\s+){0,2}?of\s+(?:his\s+|her\s+)?(?:post-?\s?operative|postsurgical|post-surgical|pre-?\s?operative)\s+(?:(?:formal|supervised|outpatient|skilled)\s+)?$")
        .expect("count of phase compiles")
});
/// Before a condition named in the plural, care advised for its episodes to come: "care for
/// flare-ups", "as needed for future exacerbations".
static FOR_FLARES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:for|during|in\s+case\s+of|with\s+any)\s+(?:any\s+|future\s+|occasional\s+|possible\s+|periodic\s+|intermittent\s+|subsequent\s+|later\s+)?$")
        .expect("for flares compiles")
});
/// A program named again by its kind: "the program", "this program".
static PROGRAM_ANAPHOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:the|this|that)\s+program\b").expect("program anaphor compiles"));
/// A device named again by its kind: "the unit", "the device", "the trial".
static DEVICE_ANAPHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:the|this|that)\s+(?:unit|device|stimulator|machine|trial|rental)\b")
        .expect("device anaphor compiles")
});
/// Words placing a course before an operation ("it" where the sentence has named the operation:
/// "no therapy since the surgery; the 8 sessions he had in early 2013 preceded it").
static BEFORE_SURGERY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(?:before|prior\s+to|preceded|predated|precedes|predates)\s+(?:(?:the|his|her|this|that|either)\s+)?(?:surgery|operation|procedure|arthroscopy|repair|release|fusion|replacement|arthroplasty|meniscectomy|decompression)|(?:preceded|predated|precedes|predates)\s+it|before\s+(?:it|she|he|they|(?:the|his|her|their)\s+[\w-]+)\s+(?:was|were|had\s+been)\s+operated|before\s+(?:she|he|they)\s+(?:had|underwent)\s+(?:(?:the|his|her|their|an?)\s+)?(?:[\w-]+\s+)?(?:surgery|operation)|pre-?\s?operative(?:ly)?)\b")
        .expect("before surgery compiles")
});
/// A measure's starting figure, just before "before surgery" ("his Oswestry score has gone from
/// 64% before surgery to 38%"): a baseline, not a course told before the operation.
static BASELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bfrom\s+\d+(?:\.\d+)?\s*(?:%|percent|points?|degrees|/10)?\s*$").expect("baseline compiles")
});

/// The text tells of a time before the operation ("8 sessions of therapy before surgery",
/// "preoperatively"), other than as a measure's baseline.
/// Whether a count's own words, after its number, are only the phase of its course: "ten
/// pre-operative", "6 post-op".
fn names_only_a_phase(count: &str) -> bool {
    let words = count.trim_start_matches(|c: char| !c.is_whitespace()).trim();
    PHASE_ONLY.is_match(words)
}

static PHASE_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:pre[\s-]*op(?:erative)?|post[\s-]*op(?:erative)?|pre[\s-]*surgical|post[\s-]*surgical)$")
        .expect("phase only compiles")
});

/// The phase a count's own words tell: "16 post-operative visits" after the operation, "ten
/// pre-operative sessions" before it; or the words just after it: "6 hand therapy sessions
/// before surgery and 8 occupational therapy sessions after it".
fn own_phase(text: &str, start: usize, end: usize) -> Option<Phase> {
    let count = &text[start..end];
    if POSTOP.is_match(count) {
        Some(Phase::AfterSurgery)
    } else if tells_before_surgery(count) {
        Some(Phase::BeforeSurgery)
    } else {
        let tail = PHASE_AFTER_COUNT.captures(&text[end..])?;
        if tail.name("after").is_some() {
            Some(Phase::AfterSurgery)
        } else {
            Some(Phase::BeforeSurgery)
        }
    }
}

/// The phase told right after a count (past the treatment it is "of"): "after it", "after the
/// surgery", "before surgery", "prior to the operation".
static PHASE_AFTER_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    let operation = r"(?:it|that|surgery|(?:the|his|her|this)\s+(?:surgery|operation|procedure|release|repair|arthroscopy|fusion|replacement))";
    Regex::new(&format!(
        r"(?i)^(?:\s+of\s+(?:[\w-]+\s+){{1,4}}?)?[\s,]*(?:(?P<after>(?:after|following|since)\s+{operation})|(?:before|prior\s+to)\s+{operation})\b"
    ))
    .expect("phase after a count compiles")
});

/// Whether a treatment's words name therapy without its kind: "post-operative therapy",
/// "postsurgical therapy" (which the vocabulary reads as physical therapy, the usual kind).
fn kind_unsaid(term: &str) -> bool {
    let rest = POSTOP.find(term).filter(|m| m.start() == 0).map_or(term, |m| &term[m.end()..]);
    rest.trim_start_matches(['-', ' ']).eq_ignore_ascii_case("therapy")
}

/// Words that open a sentence turning from what the sentences before it said: "However, the
/// psychologist documents that her use of zolpidem fell ...".
const TURN_LEADS: &[&str] =
    &["however,", "however ", "nevertheless", "nonetheless", "even so,", "that said,", "on the other hand,", "but "];

/// Words that open a sentence with what its subject is set against ("Unlike his pre-operative
/// therapy, this course has produced measurable gains").
const CONTRAST_LEADS: &[&str] = &["unlike ", "in contrast to ", "as opposed to ", "compared with ", "compared to "];

/// A sentence past its opening contrast: what it says of its own subject.
fn past_contrast(text: &str) -> &str {
    let lead = text.trim_start();
    let opens = crate::text::opens_with_any(lead, CONTRAST_LEADS);
    match lead.find(',') {
        Some(comma) if opens => &lead[comma + 1..],
        _ => text,
    }
}

fn tells_before_surgery(text: &str) -> bool {
    BEFORE_SURGERY.find_iter(text).any(|m| {
        let from = crate::text::floor_char(text, m.start().saturating_sub(40));
        !BASELINE.is_match(&text[from..m.start()])
    })
}

static STATUS_POST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:status[\s-]+post|s/p|underwent|had\s+undergone|has\s+undergone|underwent|performed|surgery\s+(?:on|dated))\b").expect("status post compiles")
});
static AGE_SEX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<age>\d{2})[\s-]*(?:year|yr)s?[\s-]*old\s+(?:\w+\s+)?(?P<sex>male|female|man|woman|gentleman|lady)\b").expect("age compiles")
});
static SPECIALTY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:Certification\(s\)/Specialty|Specialty|Board\s+Certified\s+in|Reviewer\s+Specialty)\s*:?\s*(?P<s>[A-Z][A-Za-z&/ ]{3,80}?)(?:\.|,|\s+and\s+(?:is|has)|\s+He/|\s+with\s|\s{2}|$)").expect("specialty compiles")
});
/// "Certification(s)/Specialty: Preventive Medicine, Occupational Medicine" on a line of its own.
static SPECIALTY_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:Certification\(s\)/Specialty|(?:Reviewer\s+)?Specialty|Specialty\s+of\s+(?:the\s+)?Reviewer)\s*:\s*(?P<s>\S.*?)\s*$").expect("specialty line compiles")
});

fn specialty_line(letter: &Letter) -> Option<Spanned<String>> {
    letter.lines.iter().find_map(|l| {
        let line = letter.slice(l.span);
        let c = SPECIALTY_LINE.captures(line)?;
        let m = c.name("s")?;
        Some(Spanned::new(
            m.as_str().to_owned(),
            crate::span::Span::new(l.span.start + m.start(), l.span.start + m.end()),
        ))
    })
}

/// An operation named as a point in time: "since surgery", "eleven weeks from surgery",
/// "before the operation".
static BY_OPERATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b(?:since|after|following|before|prior\s+to|until|post)|\b(?:days?|weeks?|months?|years?)\s+(?:out\s+)?from)\s+(?:(?:the|his|her|their|this|that)\s+)?$")
        .expect("by-operation compiles")
});

fn dates_by_operation(text: &str, start: usize, end: usize) -> bool {
    let word = &text[start..end];
    (word.eq_ignore_ascii_case("surgery") || word.eq_ignore_ascii_case("operation"))
        && BY_OPERATION.is_match(crate::text::lead(text, start, 40))
}

static GENERIC_THERAPY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:therapy|sessions?|visits?|treatments)\b").expect("generic therapy compiles")
});
static CONTINUATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:additional|more|further|continued|continuing|continuation|another|ongoing|remaining)\b")
        .expect("continuation compiles")
});

/// A sentence of a flow: its text range and whether it restates a guideline.
struct Sentence<'a> {
    flow: &'a Flow,
    start: usize,
    end: usize,
    guideline: bool,
    in_block: bool,
    /// The treatment families the sentence is about: those it names, or, when it names none,
    /// those of the sentence before ("She attended physical therapy. The discharge note
    /// records..."). `Other` alone means it is about a treatment no rule covers.
    topic: Vec<Family>,
    /// Treatments named in it.
    treatments: Vec<crate::vocab::Hit<Modality>>,
    /// Counts in it.
    counts: Vec<CountMatch>,
    /// What is read from its words alone, when an item first asks.
    memo: Memo,
}

/// What is read from one sentence's words alone: read when an item first asks, then shared by
/// every item that consults the sentence (issue 14: the case summary's sentences were read
/// again for each item, and statements only an item a rule covers uses were read for all).
#[derive(Default)]
struct Memo {
    fi: OnceCell<Option<evidence::Statement>>,
    criteria: OnceCell<Option<evidence::Statement>>,
    /// The role of each of `counts`.
    roles: Vec<OnceCell<CountRole>>,
    /// The body regions it names.
    regions: OnceCell<Vec<String>>,
    /// Its clauses, each with what the prior-treatment search reads in it.
    clauses: OnceCell<Vec<Clause>>,
    /// Surgeries named (vocabulary terms, then spinal procedures by level), each with the
    /// regions it is on.
    surgeries: OnceCell<Vec<(crate::vocab::Hit<String>, Vec<String>)>>,
    /// The regions of the surgeries its vocabulary terms name, if it names any.
    operated: OnceCell<Option<Vec<String>>>,
    /// Dates in it.
    dates: OnceCell<Vec<(usize, usize, Date)>>,
    /// Conditions it names, neither negated nor hypothetical, with their words.
    conditions: OnceCell<Vec<(crate::vocab::Hit<String>, String)>>,
    /// Words saying a request is postoperative, when it also says a surgery was done.
    postop: OnceCell<Option<(usize, usize)>>,
    /// Its words as item wordings are compared ([`crate::letter::item_words`]).
    words: OnceCell<Vec<String>>,
}

/// "Therapy" with no kind named, told as had ("She has had therapy in the past", "medications,
/// therapy in the past"): a course of physical medicine, the kind the word means alone in these
/// letters. Only after a word that makes it a noun of its own, so "cold therapy unit" or
/// "opioid therapy" is not it.
static BARE_THERAPY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\b(?:had|has|have|received|attended|completed|undergone|underwent|tried|some|prior|previous|earlier|past|with|of|and)|,)\s+(?:formal\s+|supervised\s+|outpatient\s+)?therap(?:y|ies)\b(?P<device>\s+(?:unit|device|machine|pad|wrap|bath)s?\b)?",
    )
    .expect("bare therapy compiles")
});

/// A guideline's visit figure and the "for" that gives its condition, up to the condition's name:
/// "“9-10 visits over 8 weeks” for myalgia and", "24 visits over 16 weeks for reflex".
static FIGURE_FOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)\bvisits?\s+over\s+\d+(?:\s*-\s*\d+)?\s+weeks?["\u{201D}']?,?\s+for\s+(?:[\w/-]+,?\s+){0,5}\(?$"#)
        .expect("figure for compiles")
});

/// The words that deny the part of the body named after them: "not the neck", "rather than the
/// low back", "instead of to the knee".
const NOT_REGION_LEAD: &str =
    r"(?i)\b(?:not|rather\s+than|instead\s+of)\s+(?:to\s+|for\s+|on\s+|at\s+)?(?:the|her|his|their)\s+";
/// A clause that denies some part of the body (asked first: most deny none).
static NOT_REGION: LazyLock<Regex> = LazyLock::new(|| Regex::new(NOT_REGION_LEAD).expect("not region compiles"));
/// The denial right before a part's name ("not the", "not the left").
static NOT_REGION_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!("{NOT_REGION_LEAD}(?:(?:left|right|bilateral)\\s+)?$")).expect("not region before compiles")
});

/// Why a course stopped, just before a part of the body named as its reason: "could not tolerate
/// further land-based exercise because of (knee pain)". The part is the reason's, not the
/// course's.
static STOPPED_BECAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:tolerate|tolerated|stopped|discontinued|ended|interrupted|aggravated|worsened)\b[^.;]*\bbecause\s+of\s+(?:(?:her|his|their|the|a)\s+)?(?:(?:left|right|bilateral)\s+)?$")
        .expect("stopped because compiles")
});

/// A clause of a sentence ("no prior acupuncture" / "but 12 PT visits").
struct Clause {
    start: usize,
    end: usize,
    /// The body regions it names.
    regions: Vec<String>,
    /// It says "post-operative" (or the like).
    postop: bool,
    /// Treatments named in it.
    treatments: Vec<crate::vocab::Hit<Modality>>,
    /// It says "session".
    session: bool,
    /// Whether it says earlier treatment happened.
    prior: Tri,
    /// Whether it tells a device's earlier use, trial or rental: asked only for a device item,
    /// so found only then (see [`Clause::device_used`]).
    device_used: OnceCell<bool>,
}

impl Clause {
    /// Whether the byte `at` of its sentence falls in it (its ends included).
    fn holds(&self, at: usize) -> bool {
        self.start <= at && at <= self.end
    }

    /// Whether it tells a device's earlier use, trial or rental; `sentence` is the text of the
    /// sentence it is a clause of.
    fn device_used(&self, sentence: &str) -> bool {
        *self.device_used.get_or_init(|| evidence::device_used(&sentence[self.start..self.end]))
    }
}

impl<'a> Sentence<'a> {
    /// Its functional-improvement statement, if any (a guideline sentence has none).
    fn fi(&self) -> Option<evidence::Statement> {
        *self.memo.fi.get_or_init(|| if self.guideline { None } else { evidence::functional_improvement(self.text()) })
    }

    /// Its functional-improvement statement about `family`'s course: in a sentence that names
    /// courses of several families, the statements in clauses about another family's are set
    /// aside ("with the chiropractic care she returned to full duty, whereas the physical therapy
    /// was stopped without objective functional improvement").
    fn fi_of(&self, family: Family, lexicon: &Lexicon) -> Option<evidence::Statement> {
        let mut named = self.treatments.iter().filter(|t| t.id != Modality::Other).map(|t| t.id.family());
        let several = named.next().is_some_and(|first| named.any(|f| f != first));
        if self.guideline || !several {
            return self.fi();
        }
        evidence::functional_improvement_where(self.text(), |start, _| !of_another_family(self, start, family, lexicon))
    }

    /// Its selection-criteria statement, if any (a guideline sentence has none, unless it tells
    /// this case's, see [`evidence::criteria_of_case`]).
    fn criteria(&self) -> Option<evidence::Statement> {
        *self.memo.criteria.get_or_init(|| {
            evidence::criteria(self.text())
                .filter(|st| !self.guideline || evidence::criteria_of_case(&self.text()[st.start..st.end]))
        })
    }

    /// The role of count `k` of `counts`.
    fn role(&self, k: usize) -> CountRole {
        if let Some(&r) = self.memo.roles[k].get() {
            return r;
        }
        let (text, m) = (self.text(), &self.counts[k]);
        // "six sessions of physical therapy and six of aquatic therapy": the second count is
        // what the first is, requested or done.
        // "eight occupational therapy and six chiropractic sessions": the first is what the
        // second is.
        let beside = match m.elided {
            Elided::Before => (0..k).rev().find(|&j| self.counts[j].end <= m.start),
            Elided::After => (k + 1..self.counts.len()).find(|&j| self.counts[j].start >= m.end),
            Elided::No => None,
        };
        if let Some(j) = beside {
            let role = self.role(j);
            return *self.memo.roles[k].get_or_init(|| role);
        }
        let mut role = role_of(text, m);
        // "chiropractic treatment (6 sessions in 2011 and 6 more in 2012, ...)": the "more" that
        // looks like a request's cue is the next count's; the count is read without it.
        if role == CountRole::Requested && m.unit == CountUnit::Visits {
            let next =
                (k + 1..self.counts.len()).find(|&j| self.counts[j].start >= m.end && self.counts[j].unit == m.unit);
            if let Some((j, n)) = next.map(|j| (j, &self.counts[j])) {
                let between = &text[m.end..n.start];
                if between.len() <= 80
                    && !evidence::asks(between)
                    && self.told_as_more(j)
                    && role_of(&text[..n.start], m) == CountRole::Prior
                {
                    role = CountRole::Prior;
                }
            }
        }
        // "The records document six occupational therapy sessions ... and eight post-operative
        // visits ...: fourteen visits in all": a count conjoined to a course done, or its sum,
        // is a course done too, though no cue of its own says so.
        if role == CountRole::Other && m.unit == CountUnit::Visits {
            let previous = self.count_before(k);
            if let Some(j) = previous.filter(|_| conjunct_or_sum(text, m)) {
                let between = &text[self.counts[j].end..m.start];
                if between.len() <= 160
                    && !between.contains(';')
                    && !evidence::asks(between)
                    && self.role(j) == CountRole::Prior
                {
                    role = CountRole::Prior;
                }
            }
        }
        // "He then attended an additional 8 sessions in April and May 2013, for a total of 20
        // sessions": the total of a course after more of it was done is the course to date.
        if role == CountRole::Other && m.unit == CountUnit::Visits && TOTAL_SO_FAR.is_match(&text[..m.start]) {
            let previous = self.count_before(k);
            if let Some(j) = previous {
                let p = &self.counts[j];
                let between = &text[p.end..m.start];
                if p.value < m.value
                    && between.len() <= 120
                    && !between.contains(';')
                    && !evidence::asks(between)
                    && !SUPPOSED_AFTER.is_match(between)
                    && self.told_as_more(j)
                    && self.role(j) == CountRole::Prior
                {
                    role = CountRole::Prior;
                }
            }
        }
        // "She attended 12 sessions ... between November 2013 and February 2014, and a further 6
        // visits with a second provider": more of the course done before it, told as the
        // sentence's last conjunct with no verb of its own to say it is asked for. A part of a
        // total told before it ("24 sessions ..., 14 at one clinic and 10 more at a second")
        // is no more than the total.
        if role == CountRole::Requested && m.unit == CountUnit::Visits {
            // The conjunct's opening is a few words just before the count.
            let from = crate::text::floor_char(text, m.start.saturating_sub(80));
            let lead = CONJUNCT_MORE_LEAD
                .find(&text[from..m.start])
                .map(|l| from + l.start())
                .filter(|&at| more_of_a_course(&text[m.start..m.end].to_lowercase(), &text[at..m.start]));
            let previous = self.count_before(k);
            if let (Some(lead), Some(j)) = (lead, previous) {
                let p = &self.counts[j];
                let between = &text[p.end.min(lead)..lead];
                let part = (0..k).any(|i| {
                    let c = &self.counts[i];
                    c.end <= m.start && part_after(&text[c.end..], c.value).is_some_and(|r| m.start - c.end < r)
                });
                if between.len() <= 160
                    && !between.contains(';')
                    && !evidence::asks(between)
                    && !part
                    && !OWN_VERB_AFTER.is_match(&text[m.end..])
                    && self.role(j) == CountRole::Prior
                {
                    role = CountRole::Prior;
                }
            }
        }
        *self.memo.roles[k].get_or_init(|| role)
    }

    /// The count of `counts` before count `k` in the sentence, of its unit.
    fn count_before(&self, k: usize) -> Option<usize> {
        let m = &self.counts[k];
        (0..k).rev().find(|&j| self.counts[j].end <= m.start && self.counts[j].unit == m.unit)
    }

    /// Whether count `j` is told as more of a course ("6 more", "an additional 8 sessions").
    fn told_as_more(&self, j: usize) -> bool {
        let (text, c) = (self.text(), &self.counts[j]);
        more_of_a_course(&text[c.start..c.end].to_lowercase(), crate::text::lead(text, c.start, 50))
    }

    fn words(&self) -> &[String] {
        self.memo.words.get_or_init(|| crate::letter::item_words(self.text()))
    }

    fn regions(&self, lexicon: &Lexicon) -> &[String] {
        self.memo.regions.get_or_init(|| lexicon.regions(self.text()).into_iter().map(|h| h.id).collect())
    }

    fn clauses(&self, lexicon: &Lexicon) -> &[Clause] {
        self.memo.clauses.get_or_init(|| {
            let text = self.text();
            split_clauses(text)
                .into_iter()
                .map(|(start, end)| {
                    let c = &text[start..end];
                    // A sentence of one clause (most) has its words found already.
                    let whole = start == 0 && end == text.len();
                    // "was for the shoulders, not the neck": a part of the body denied is not
                    // the clause's.
                    let denies = NOT_REGION.is_match(c);
                    let reasons = crate::text::contains_ci(c, "because of");
                    Clause {
                        start,
                        end,
                        regions: if whole && !denies && !reasons {
                            self.regions(lexicon).to_vec()
                        } else {
                            lexicon
                                .regions(c)
                                .into_iter()
                                .filter(|h| !denies || !NOT_REGION_BEFORE.is_match(&c[..h.start]))
                                .filter(|h| !reasons || !STOPPED_BECAUSE.is_match(&c[..h.start]))
                                .map(|h| h.id)
                                .collect()
                        },
                        postop: POSTOP.is_match(c),
                        treatments: if whole { self.treatments.clone() } else { lexicon.treatments(c, false) },
                        session: crate::text::contains_ci(c, "session"),
                        prior: evidence::prior_treatment(c),
                        device_used: OnceCell::new(),
                    }
                })
                .collect()
        })
    }

    /// The operations it tells as done, each with the parts of the body it is on: not one only
    /// proposed, awaited, refused, certified or denied ([`named_not_done`]).
    fn done_surgeries<'s>(
        &'s self,
        lexicon: &Lexicon,
    ) -> impl Iterator<Item = &'s (crate::vocab::Hit<String>, Vec<String>)> + 's {
        let text = self.text();
        self.surgeries(lexicon).iter().filter(move |(h, _)| !named_not_done(text, h.start))
    }

    fn surgeries(&self, lexicon: &Lexicon) -> &[(crate::vocab::Hit<String>, Vec<String>)] {
        self.memo.surgeries.get_or_init(|| {
            let text = self.text();
            let mut hits = lexicon.surgeries(text);
            for h in spinal_surgeries(text) {
                if !hits.iter().any(|x| x.start < h.end && h.start < x.end) {
                    hits.push(h);
                }
            }
            // "CT of the lumbar spine dated 04/22/2013 showed a solid fusion": what an image
            // shows is no operation done on the image's date.
            hits.retain(|h| !IMAGED.is_match(crate::text::lead(text, h.start, 60)));
            hits.into_iter()
                .map(|h| {
                    let on = surgery_regions(lexicon, &h.id, &text[h.start..h.end]);
                    (h, on)
                })
                .collect()
        })
    }

    fn operated(&self, lexicon: &Lexicon) -> Option<&[String]> {
        self.memo
            .operated
            .get_or_init(|| {
                let text = self.text();
                let hits = lexicon.surgeries(text);
                let on = |h: &crate::vocab::Hit<String>| surgery_regions(lexicon, &h.id, &text[h.start..h.end]);
                // "left carpal tunnel release on 03/08/2016 and right total knee arthroplasty on
                // 06/27/2016": of several operations dated in one sentence, the latest is the
                // one a post-operative course follows; each date is the operation's before it.
                let dated = hits.iter().enumerate().filter_map(|(i, h)| {
                    let until = hits.get(i + 1).map_or(text.len(), |n| n.start);
                    let date = self.dates().iter().find(|d| d.0 >= h.end && d.0 < until)?.2;
                    Some((date, h))
                });
                match dated.max_by_key(|(date, _)| *date) {
                    Some((_, h)) if hits.len() > 1 => Some(on(h)),
                    _ => (!hits.is_empty()).then(|| hits.iter().flat_map(on).collect()),
                }
            })
            .as_deref()
    }

    fn dates(&self) -> &[(usize, usize, Date)] {
        self.memo.dates.get_or_init(|| dates::all(self.text()))
    }

    /// The first full date close after `at`, an operation's name ("carpal tunnel release on
    /// 5/28/2013"): when it was done.
    fn date_after(&self, at: usize) -> Option<Date> {
        self.dates().iter().find(|d| d.0 >= at && d.0 - at <= 40).map(|d| d.2)
    }

    /// The date told just before `at` ("On 06/10/2013 she underwent a right ... release").
    fn date_before(&self, at: usize) -> Option<Date> {
        self.dates().iter().rev().find(|d| d.1 <= at && at - d.1 <= 40).map(|d| d.2)
    }

    fn conditions(&self, lexicon: &Lexicon) -> &[(crate::vocab::Hit<String>, String)] {
        self.memo.conditions.get_or_init(|| {
            let text = self.text();
            lexicon
                .conditions(text)
                .into_iter()
                // "There is no report of acute flare-up" names no flare-up.
                .filter(|h| !evidence::is_negated(text, h.start, h.end) && !evidence::is_hypothetical(text, h.start))
                // "occasional chiropractic care for flare-ups" advises care for flares to come.
                .filter(|h| {
                    !(text[h.start..h.end].ends_with('s') && FOR_FLARES.is_match(crate::text::lead(text, h.start, 40)))
                })
                // "allows “8-10 visits over 4 weeks” for neuralgia, neuritis and radiculitis":
                // the guideline's figure and the condition it is for, in a sentence that goes on
                // about the patient.
                .filter(|h| !FIGURE_FOR.is_match(crate::text::lead(text, h.start, 90)))
                .map(|h| {
                    let words = crate::report::fold(&text[h.start..h.end]);
                    (h, words)
                })
                .collect()
        })
    }

    fn postop(&self) -> Option<(usize, usize)> {
        *self.memo.postop.get_or_init(|| {
            let text = self.text();
            (STATUS_POST.is_match(text) && POSTOP.is_match(text))
                .then(|| POSTOP.find(text).map(|m| (m.start(), m.end())))
                .flatten()
        })
    }

    /// Is the sentence about `family`? None when it is about no treatment in particular.
    fn about(&self, family: Family) -> Option<bool> {
        (!self.topic.is_empty()).then(|| self.topic.contains(&family))
    }

    fn text(&self) -> &'a str {
        &self.flow.as_str()[self.start..self.end]
    }
    fn span(&self, s: usize, e: usize) -> Span {
        self.flow.span(self.start + s, self.start + e)
    }
    /// The sentence's own span in the letter.
    fn whole(&self) -> Span {
        self.span(0, self.end - self.start)
    }
    /// Does the sentence hold the letter's offset `at`?
    fn holds(&self, at: usize) -> bool {
        let whole = self.whole();
        whole.start <= at && at < whole.end
    }
}

fn sentences<'a>(flow: &'a Flow, in_block: bool, lexicon: &Lexicon) -> Vec<Sentence<'a>> {
    let mut previous_guideline = false;
    let mut previous_topic: Vec<Family> = Vec::new();
    let mut previous_programs: Vec<Family> = Vec::new();
    flow.sentences()
        .iter()
        .map(|&(s, e)| {
            let text = &flow.as_str()[s..e];
            // A sentence that names no patient after a guideline sentence goes on quoting it
            // ("The MTUS recommends... The time to produce functional improvement is 3-6").
            let guideline = evidence::is_guideline_sentence(text)
                || (in_block && previous_guideline && !evidence::is_case_sentence(text));
            previous_guideline = guideline;
            // Each sentence is analysed once per letter, however many items consult it.
            // "eleven weeks from surgery", "the 12 visits completed since surgery": an operation
            // named to date something is no treatment the sentence is about.
            let mut treatments = lexicon.treatments(text, false);
            treatments.retain(|h| !(h.id == Modality::Other && dates_by_operation(text, h.start, h.end)));
            let hits: Vec<Family> = treatments.iter().map(|h| h.id.family()).collect();
            let mut named: Vec<Family> = hits.iter().copied().filter(|f| *f != Family::Other).collect();
            named.dedup();
            // The families of the programs named (a functional restoration program, work
            // hardening), for a sentence that goes on about "the program".
            let programs: Vec<Family> = treatments
                .iter()
                .filter(|h| matches!(h.id, Modality::FunctionalRestoration | Modality::WorkConditioning))
                .map(|h| h.id.family())
                .collect();
            let topic = if !named.is_empty() {
                named
            } else if !hits.is_empty() && !GENERIC_THERAPY.is_match(text) {
                vec![Family::Other]
            } else if !previous_programs.is_empty() && PROGRAM_ANAPHOR.is_match(text) {
                // "Treatment has included ... physical therapy ... and a functional restoration
                // program. At discharge from the program his sitting tolerance had improved":
                // the program's, not every treatment's the sentence before named.
                previous_programs.clone()
            } else {
                previous_topic.clone()
            };
            if !treatments.is_empty() {
                previous_programs = programs;
            }
            previous_topic = topic.clone();
            let mut counts = count::counts(text);
            // "eight occupational therapy and six chiropractic sessions": a count that borrows
            // the unit of the one after it counts the treatment its own words name, or nothing.
            // "ten pre-operative and sixteen post-operative sessions": one that names only its
            // phase counts the treatment of the one after it.
            counts.retain(|m| {
                m.elided != Elided::After
                    || treatments.iter().any(|h| h.id != Modality::Other && h.start >= m.start && h.end <= m.end)
                    || names_only_a_phase(&text[m.start..m.end])
            });
            let memo = Memo { roles: counts.iter().map(|_| OnceCell::new()).collect(), ..Memo::default() };
            Sentence { flow, start: s, end: e, guideline, in_block, topic, counts, treatments, memo }
        })
        .collect()
}

/// Facts about the whole letter: dates, patient, reviewer.
pub fn letter_facts(letter: &Letter) -> LetterFacts {
    let whole = letter.whole();
    let t = whole.as_str();
    let dated = |l: &dates::Labelled| l.find(t).map(|(s, e, d)| Spanned::new(d, whole.span(s, e)));
    let age_sex = AGE_SEX.captures(t);
    LetterFacts {
        date_of_injury: dated(&dates::INJURY),
        ur_date: dates::UR.find_in_dispute(t).map(|(s, e, d)| Spanned::new(d, whole.span(s, e))),
        decision_date: dated(&dates::DECISION),
        age: age_sex.as_ref().and_then(|c| {
            c.name("age").and_then(|m| m.as_str().parse().ok().map(|a| Spanned::new(a, whole.span(m.start(), m.end()))))
        }),
        sex: age_sex.as_ref().and_then(|c| {
            c.name("sex").map(|m| {
                let s = if matches!(m.as_str().to_lowercase().as_str(), "male" | "man" | "gentleman") {
                    "male"
                } else {
                    "female"
                };
                Spanned::new(s.to_owned(), whole.span(m.start(), m.end()))
            })
        }),
        reviewer_specialty: specialty_line(letter).or_else(|| {
            SPECIALTY.captures(t).and_then(|c| {
                c.name("s").map(|m| {
                    Spanned::new(m.as_str().trim().trim_end_matches(',').to_owned(), whole.span(m.start(), m.end()))
                })
            })
        }),
        latest_mentioned: dates::all(t)
            .into_iter()
            .filter(|(s, _, _)| !crate::text::lead(t, *s, 30).to_lowercase().contains("birth"))
            .max_by_key(|(_, _, d)| *d)
            .map(|(s, e, d)| Spanned::new(d, whole.span(s, e))),
    }
}

/// Extract every request of a letter, in the vocabulary of `rules` (whose category rules, if
/// any, say which items that name no therapy have counts worth reading).
pub fn requests(letter: &Letter, rules: &RuleSet) -> Vec<Request> {
    let lexicon = &rules.lexicon;
    let summary_spans = letter.summary();
    let summary_flows: Vec<Flow> = summary_spans.iter().map(|s| letter.flow(*s)).collect();
    // Sentences of each letter of the file (one, unless letters were concatenated), each
    // letter's summary a range of `summary`.
    let mut summary: Vec<Sentence> = Vec::new();
    let mut ranges: Vec<std::ops::Range<usize>> = vec![0..0; letter.starts().len()];
    for (span, f) in summary_spans.iter().zip(&summary_flows) {
        let k = letter.letter_at(span.start);
        let from = summary.len();
        summary.extend(sentences(f, false, lexicon));
        let r = &mut ranges[k];
        *r = if r.start == r.end { from..summary.len() } else { r.start..summary.len() };
    }
    // Each item's treatment as its own line names it: a count the summary ties to another
    // item's treatment is that item's, not this one's.
    // The head of each item's phrase is read once, here; only an item whose phrase names
    // nothing known goes on to its rationale (in extract_one).
    let flows: Vec<Flow> = letter.items.iter().map(|item| letter.flow(item.text.span)).collect();
    let heads: Vec<scope::Kind> = flows.iter().map(|f| scope::classify(f.as_str(), &[], lexicon).0).collect();
    let named: Vec<Option<Modality>> = heads.iter().map(|k| k.modality).collect();
    // Surgeries the letter itself disputes, with the regions and the side their items name: a
    // "post-operative" therapy request in the same letter is for that operation.
    let disputed_surgeries: Vec<(Surgery, Vec<String>, Option<Side>)> = heads
        .iter()
        .zip(&flows)
        .filter(|(k, _)| k.category == Category::Surgery)
        .flat_map(|(_, f)| {
            let named: Vec<String> = lexicon.regions(f.as_str()).into_iter().map(|h| h.id).collect();
            let side = item_side(f.as_str(), lexicon);
            lexicon.surgeries(f.as_str()).into_iter().filter_map(move |h| {
                // The procedure's own region, else the item's; a term of another region's
                // procedure ("labral repair", a shoulder term, in a hip arthroscopy) is not it.
                let on = surgery_regions(lexicon, &h.id, &f.as_str()[h.start..h.end]);
                if !on.is_empty() && !named.is_empty() && !on.iter().any(|r| named.contains(r)) {
                    return None;
                }
                let on = if on.is_empty() { named.clone() } else { on };
                Some((
                    Surgery {
                        id: Spanned::new(h.id, f.span(h.start, h.end)),
                        date: None,
                        month_only: false,
                        pending: true,
                    },
                    on,
                    side,
                ))
            })
        })
        .collect();
    // Items that own the same block (every item without a segment of its own owns all of the
    // decision sections) share one reading of it.
    let mut blocks: Vec<&[Span]> = Vec::new();
    let block_of: Vec<usize> = letter
        .items
        .iter()
        .map(|item| match blocks.iter().position(|b| *b == item.block.as_slice()) {
            Some(k) => k,
            None => {
                blocks.push(&item.block);
                blocks.len() - 1
            }
        })
        .collect();
    let block_flows: Vec<Flow> = blocks.iter().map(|b| letter.flow_many(b)).collect();
    let listed: Vec<Option<Flow>> = letter.listed().iter().map(|s| s.map(|s| letter.flow(s))).collect();
    let read: Vec<Block> = block_flows.iter().map(|f| Block::new(f, lexicon)).collect();
    letter
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let item_flow = &flows[i];
            let others: Vec<Modality> =
                named.iter().enumerate().filter(|(j, m)| *j != i && **m != named[i]).filter_map(|(_, m)| *m).collect();
            let own = ranges[letter.letter_at(item.text.span.start)].clone();
            let context = Context {
                summary: &summary[own],
                listed: listed[i].as_ref(),
                others: &others,
                surgeries: &disputed_surgeries,
                rules,
            };
            extract_one(i + 1, item, (item_flow, &heads[i]), &read[block_of[i]], context, lexicon)
        })
        .collect()
}

/// One item block, read once: its flow, its sentences, and its citations and quoted
/// thresholds (when an item first asks).
struct Block<'a> {
    flow: &'a Flow,
    sentences: Vec<Sentence<'a>>,
    citations: OnceCell<Vec<Citation>>,
    thresholds: OnceCell<Vec<QuotedThreshold>>,
}

impl<'a> Block<'a> {
    fn new(flow: &'a Flow, lexicon: &Lexicon) -> Block<'a> {
        Block {
            flow,
            sentences: sentences(flow, true, lexicon),
            citations: OnceCell::new(),
            thresholds: OnceCell::new(),
        }
    }
}

/// What the rest of the letter tells about one item: the case summary's sentences, the other
/// items' treatments, and the surgeries the letter disputes (with the regions they are on).
#[derive(Clone, Copy)]
struct Context<'a> {
    summary: &'a [Sentence<'a>],
    /// The application's entry for the item, when the letter lists one.
    listed: Option<&'a Flow>,
    others: &'a [Modality],
    surgeries: &'a [(Surgery, Vec<String>, Option<Side>)],
    rules: &'a RuleSet,
}

fn extract_one(
    index: usize,
    item: &crate::letter::Item,
    (item_flow, head): (&Flow, &scope::Kind),
    read: &Block,
    context: Context,
    lexicon: &Lexicon,
) -> Request {
    let (block_flow, block) = (read.flow, read.sentences.as_slice());
    let Context { summary, listed, others, surgeries, rules } = context;
    let it = item_flow.as_str();
    // What the item is, from the head of its phrase; an item that names nothing known takes
    // the one therapy its own rationale names.
    let own: Vec<&Sentence> = block.iter().collect();
    let texts: Vec<&str> = own.iter().map(|s| s.text()).collect();
    let (kind, from_block) = match head.basis {
        scope::Basis::Unknown => scope::classify(it, &texts, lexicon),
        _ => (head.clone(), None),
    };
    let category_span = kind.term.map(|t| scope::term_span(item_flow, t)).unwrap_or(item.text.span);
    let category = Spanned::new(kind.category, category_span);
    let modality = kind.modality.map(|m| {
        let span = match from_block {
            Some((si, s, e)) => own[si].span(s, e),
            None => category_span,
        };
        Spanned::new(m, span)
    });
    let family = modality.as_ref().map(|m| m.value.family()).unwrap_or(Family::Other);
    let body_regions =
        dedupe(lexicon.regions(it).into_iter().map(|h| Spanned::new(h.id, item_flow.span(h.start, h.end))).collect());

    // Sentences that may speak of this request: the block's, and the summary's that are about
    // this family or no treatment in particular.
    // An item no rule covers (a drug, a brace) keeps to its own block: the summary's therapy
    // counts and evidence are about other items.
    let relevant: Vec<&Sentence> = if family == Family::Other {
        // A device a rule judges (a TENS unit) also reads the summary's sentences that name it
        // ("He completed a 30-day home TENS trial and the log documents ...").
        match modality.as_ref().map(|m| m.value) {
            Some(m) if m != Modality::Other => {
                // And the sentences after one that names it which go on about "the unit" or
                // "the trial" ("In 04/2013 she completed a one-month home trial of a rented TENS
                // unit. The report states that she used the unit daily, ...").
                let mut told = false;
                let named: Vec<&Sentence> = summary
                    .iter()
                    .filter(|s| {
                        told = s.treatments.iter().any(|h| h.id == m) || (told && DEVICE_ANAPHOR.is_match(s.text()));
                        told
                    })
                    .collect();
                block.iter().chain(named).collect()
            }
            _ => block.iter().collect(),
        }
    } else {
        block.iter().chain(summary.iter().filter(|s| s.about(family) != Some(false))).collect()
    };

    let item_regions: Vec<String> = body_regions.iter().map(|r| r.value.clone()).collect();
    let side = item_side(it, lexicon);
    // Counts and prior courses are read only for an item a visit rule may cover: an item that
    // is not a therapy has numbers (strengths, quantities, levels, rental days) that are not
    // visits, unless a rule covers its category and counts them (days of a rental, hours of
    // home care): then the item line's count in that rule's unit is read.
    let category_unit = if modality.is_none() { rules.category_unit(category.value, it) } else { None };
    let in_scope = modality.is_some() || category_unit.is_some();
    let units = match category_unit {
        Some(unit) => units_of(unit),
        None => units_for(modality.as_ref().map(|m| m.value), family),
    };
    // The item line's count first; then the application's entry for the item ("TENS unit 30
    // day home trial" for "the TENS unit"); a therapy's then the summary's and rationale's.
    let on_line = || {
        line_count(it, units, family, lexicon).map(|m| Requested::from_match(&m, item_flow.span(m.start, m.end), false))
    };
    let on_list = || {
        listed.and_then(|f| {
            line_count(f.as_str(), units, family, lexicon)
                .map(|m| Requested::from_match(&m, f.span(m.start, m.end), true))
        })
    };
    let requested = if !in_scope {
        None
    } else if family == Family::Other {
        on_line().or_else(on_list)
    } else {
        on_line().or_else(on_list).or_else(|| requested(family, units, others, &relevant))
    };
    // A device's earlier use is its days or months of use ("a 30-day trial"); "three weeks
    // past the operation" is time, not use.
    let prior_units: &[CountUnit] = if modality.as_ref().is_some_and(|m| m.value == Modality::Tens) {
        &[CountUnit::Days, CountUnit::Months]
    } else {
        units
    };
    let course = |postop: Option<bool>| {
        let (prior, treatment) = if let Some(m) = modality.as_ref().filter(|_| in_scope) {
            prior(
                m.value,
                prior_units,
                block,
                summary,
                lexicon,
                (requested.as_ref().map(|r| r.span), requested.as_ref().map(|r| r.value)),
                it,
                (&item_regions, side),
                postop,
            )
        } else {
            (None, Evidence::UNKNOWN)
        };
        let treatment = if treatment.value == Tri::Unknown && family != Family::Other {
            // "6 additional visits" implies earlier visits.
            CONTINUATION
                .find(it)
                .map(|m| Evidence { value: Tri::Yes, span: Some(item_flow.span(m.start(), m.end())) })
                .unwrap_or(treatment)
        } else {
            treatment
        };
        match prior {
            Some(p) => {
                PriorCourse { visits: Some(p.visits), unit: p.unit, parts: p.parts, range_top: p.range_top, treatment }
            }
            None => PriorCourse { visits: None, unit: CountUnit::Visits, parts: None, range_top: None, treatment },
        }
    };
    let PriorCourse {
        visits: prior_visits,
        unit: prior_unit,
        parts: prior_parts,
        range_top: prior_range_top,
        treatment: prior_treatment,
    } = course(None);

    let (surgery, postop_wording) = surgery(it, item_flow, summary, block, lexicon, &item_regions, surgeries);
    // After a dated operation, a request not worded as postoperative may yet fall in its
    // postsurgical period: the course as such a request's is kept for the engine to take.
    let since_surgery = surgery
        .as_ref()
        .filter(|sg| !sg.pending && sg.date.is_some() && !POSTOP.is_match(it) && prior_visits.is_some())
        .map(|_| course(Some(true)))
        .filter(|c| c.visits.as_ref().map(|v| v.value) != prior_visits.as_ref().map(|v| v.value))
        .map(Box::new);
    // And a request worded as postoperative ("continued post-operative therapy") may fall after
    // the period has ended: its course counted across the operation is kept for the engine.
    let whole_history = surgery
        .as_ref()
        .filter(|sg| !sg.pending && sg.date.is_some() && POSTOP.is_match(it) && prior_visits.is_some())
        .map(|_| course(Some(false)))
        .filter(|c| {
            c.visits.as_ref().map(|v| v.value) > prior_visits.as_ref().map(|v| v.value) && c.unit == CountUnit::Visits
        })
        .map(Box::new);
    // A request after an operation: what the course before it did ("8 sessions of physical
    // therapy before surgery, without lasting benefit") is not the postoperative course's. Only
    // physical medicine has a postsurgical course (8 CCR 9792.24.3): acupuncture had before a
    // discectomy is the course an acupuncture request after it goes on from.
    let after_surgery = postop_wording.is_some() || (surgery.is_some() && family == Family::PhysicalMedicine);
    // Where the case summary tells a dated operation: what it told before that ("Conservative care
    // consisted of ... 8 visits of physical therapy, without lasting improvement. On 06/04/2013
    // he underwent ...") is the course before it.
    let told_at = surgery
        .as_ref()
        .filter(|sg| !sg.pending && sg.date.is_some())
        .map(|sg| sg.id.span.start)
        .filter(|&at| summary.iter().any(|s| s.holds(at)));
    // A statement's sentence tells it of the course before the operation where the sentence up
    // to the end of its stretch does: "Functional improvement is asserted but not documented,
    // and the therapy before surgery had produced no lasting benefit either" tells the
    // postoperative course's.
    let before_surgery = |s: &Sentence, at: usize| {
        let text = s.text();
        let rest = &text[at..];
        let to = at + [rest.find([';', '.']), rest.find(", and ")].into_iter().flatten().min().unwrap_or(rest.len());
        tells_before_surgery(past_contrast(&text[..to]))
            || (!s.in_block && told_at.is_some_and(|at| s.whole().end <= at) && !POSTOP.is_match(text))
    };

    let mut functional_improvement = Evidence::UNKNOWN;
    // Whether the statement read so far is one the item's rationale names as improvement found.
    let mut named_in_block = false;
    // Whether the statement read so far is the rationale's finding of no improvement.
    let mut no_in_block = false;
    let mut criteria = Evidence::UNKNOWN;
    // Evidence is read only for an item a rule may judge: a drug's "no functional benefit" is
    // not a therapy's.
    let scoped: &[&Sentence] = if in_scope { &relevant } else { &[] };
    for s in scoped {
        if s.in_block {
            if let Some(st) = s.criteria() {
                if criteria.value != Tri::No {
                    criteria = Evidence { value: st.value, span: Some(s.span(st.start, st.end)) };
                }
            }
        }
        if s.guideline {
            continue;
        }
        if s.about(family) == Some(false) && !s.in_block {
            continue;
        }
        // The case summary's word on a course for another part of the body is not this one's:
        // the regions of the clause that holds it, or else of its sentence ("6 sessions for the
        // low back, with documented improvement; he has not had therapy for the thoracic spine").
        // A psychological treatment has no region of the body: an examination's word on one
        // ("right shoulder flexion 140 degrees, unchanged") is a physical course's, not its.
        let regionless = item_regions.is_empty() && family == Family::Psychotherapy;
        let fi = s.fi_of(family, lexicon);
        if let Some(st) = fi.filter(|_| !s.in_block && (!item_regions.is_empty() || regionless)) {
            let clause = s.clauses(lexicon).iter().find(|c| c.holds(st.start));
            if regionless {
                // Only where the statement's own clause names a region and not the treatment.
                if clause
                    .is_some_and(|c| !c.regions.is_empty() && !c.treatments.iter().any(|t| t.id.family() == family))
                {
                    continue;
                }
            } else {
                let here = match clause {
                    Some(c) if !c.regions.is_empty() => &c.regions[..],
                    _ => s.regions(lexicon),
                };
                // A sentence that names no part goes on about the part the one before it named
                // ("... completed 10 post-operative visits for the shoulder. The therapist's
                // report documents forward flexion improved from 90 to 150 degrees").
                let here = if here.is_empty() {
                    summary
                        .iter()
                        .position(|t| std::ptr::eq(t, *s))
                        .and_then(|k| k.checked_sub(1))
                        .map_or(here, |k| summary[k].regions(lexicon))
                } else {
                    here
                };
                if !here.is_empty() && !here.iter().any(|r| item_regions.contains(r)) {
                    continue;
                }
                // The side too is the clause's where it names a part of the body, else the
                // sentence's ("6 visits for the left knee; the therapist's note records flexion
                // improved from 90 to 115 degrees" is the left knee's).
                let told = match clause {
                    Some(c) if !c.regions.is_empty() => &s.text()[c.start..c.end],
                    _ => s.text(),
                };
                if on_the_other_side(told, side, &item_regions, lexicon) {
                    continue;
                }
                // A measure told with the other side's word and no part of the body ("right grip
                // strength improved from 18 to 40 pounds" for a left wrist).
                let text = s.text();
                let from = crate::text::floor_char(text, st.start.saturating_sub(24));
                let sides: Vec<Side> =
                    SIDE_WORD.find_iter(&text[from..st.end]).filter_map(|w| Side::of_word(w.as_str())).collect();
                if side.is_some_and(|own| !sides.is_empty() && !sides.contains(&own)) {
                    continue;
                }
            }
        }
        // Not a statement about something else, the denial's reported words, or another
        // therapy's course.
        let discounted = |st: &evidence::Statement| {
            (st.value == Tri::No && about_something_else(s.text(), st.start, st.end, lexicon))
                || UR_SAYS.find(s.text()).is_some_and(|m| {
                    // "..., and it is true that the land-based therapy did not produce lasting
                    // functional improvement": the reviewer's own word after the review's.
                    // A semicolon that goes on with "and that" goes on with the review's report
                    // ("The UR report states that ...; that the applicant had completed the
                    // trial; and that the improvement was subjective only").
                    let between = &s.text()[m.end()..st.start.max(m.end())];
                    !OWN_WORD_AFTER
                        .find_iter(between)
                        .any(|w| !(w.as_str() == ";" && REPORT_GOES_ON.is_match(&between[w.end()..])))
                })
                // "I do not agree that the improvement is subjective only": a claim the
                // reviewer disputes is not a finding, either way.
                || DISPUTED_THAT.is_match(&s.text()[..st.start])
                || of_another_family(s, st.start, family, lexicon)
                || (after_surgery && before_surgery(s, st.start) && !of_a_later_course(s, st.start, lexicon))
                // "10 sessions of physical therapy ... without lasting improvement, and on
                // 6-21-2016 a right shoulder arthroscopy": told before the operation, in the
                // sentence that tells it.
                || told_at.is_some_and(|at| {
                    s.holds(at)
                        && s.span(st.start, st.end).end <= at
                        && !POSTOP.is_match(&s.text()[..st.end])
                })
        };
        // No course of this family was had: a course's gains, or their absence, are another
        // course's unless the sentence names this family ("He has not had manipulation. He has
        // had 18 therapy visits without any change in function").
        // A sentence that names the family only to say it was never had ("has not improved with
        // two years of physical treatment, and has never had psychotherapy") tells no course of it.
        let no_course = prior_treatment.value == Tri::No
            && !s.treatments.iter().any(|t| {
                t.id.family() == family
                    && s.clauses(lexicon).iter().find(|c| c.holds(t.start)).is_none_or(|c| c.prior != Tri::No)
            });
        if let Some(st) = fi.filter(|st| !discounted(st) && !no_course) {
            // The item's own rationale (read first) naming the improvement found ("the
            // psychologist documents objective functional improvement: ...") is the reviewer's
            // finding, over an outcome the case summary tells ("restrictions unchanged").
            // A rationale that weighs its evidence turns on its word: "... the work status did
            // not change. However, the records document that her Norco use decreased from four
            // tablets a day to two" finds the improvement the sentence before it did not.
            let turned = st.value == Tri::Yes
                && s.in_block
                && no_in_block
                && crate::text::opens_with_any(s.text().trim_start(), TURN_LEADS);
            if (functional_improvement.value != Tri::No || turned) && (s.in_block || !named_in_block) {
                functional_improvement = Evidence { value: st.value, span: Some(s.span(st.start, st.end)) };
                named_in_block =
                    s.in_block && st.value == Tri::Yes && NAMES_IMPROVEMENT.is_match(&s.text()[st.start..st.end]);
                no_in_block = s.in_block && st.value == Tri::No;
            }
        }
    }

    let mut conditions: Vec<Spanned<String>> = Vec::new();
    let mut condition_words: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for s in summary.iter().chain(block).filter(|s| !s.guideline) {
        for (h, words) in s.conditions(lexicon) {
            let words = words.clone();
            // One wording each: "sprain/strain" stands for the "sprain" and "strain" inside it.
            let list = condition_words.entry(h.id.clone()).or_default();
            let lower = words.to_lowercase();
            if !list.iter().any(|w| w.to_lowercase().contains(&lower)) {
                list.retain(|w| !lower.contains(&w.to_lowercase()));
                list.push(words);
            }
            conditions.push(Spanned::new(h.id.clone(), s.span(h.start, h.end)));
        }
    }
    let conditions = dedupe(conditions);

    Request {
        index,
        text: item.text.clone(),
        decision: item.decision.clone(),
        category,
        category_basis: kind.basis,
        modality,
        family,
        body_regions,
        requested,
        prior_visits,
        prior_unit,
        prior_parts,
        prior_range_top,
        prior_treatment,
        functional_improvement,
        criteria,
        surgery,
        postop_wording,
        since_surgery,
        whole_history,
        conditions,
        condition_words,
        citations: read.citations.get_or_init(|| citation::citations(block_flow)).clone(),
        // A restatement of the item ("1. Acupuncture, a total of 12 visits") quotes no guideline.
        quoted_thresholds: read
            .thresholds
            .get_or_init(|| citation::thresholds(block_flow, lexicon))
            .iter()
            .filter(|q| !crate::report::fold(&it.to_lowercase()).contains(&crate::report::fold(&q.text.to_lowercase())))
            .cloned()
            .collect(),
        block: item.block.clone(),
    }
}

/// "not improved with a counterforce strap": the absence of improvement is with something
/// that is not a therapy (a brace, a drug, an injection), so it says nothing of the therapy.
/// What the utilization review said, reported: "Utilization review found 'no documentation of
/// progress'", "The utilization review denied further sessions because 'no standardized
/// outcome measures were provided'" is the denial's reading, which the reviewer may go on to
/// refute.
static UR_SAYS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:utilization\s+review(?:er)?|UR(?:\s+reviewer)?|the\s+(?:prior|previous|earlier)\s+(?:reviewer|review|denial)|claims\s+administrator)(?:'s|\u{{2019}}s)?(?:\s+(?:report|determination|decision|letter|physician|rationale|denial|non-?certification|modification))?(?:,?\s+(?:which|that)\s+(?:rested|was\s+based|relied|depended|turned|hinged)\s+(?:on|upon)\b|\s+(?:(?:had\s+|also\s+)?(?:found|finds|noted|notes|stated|states|cited|cites|said|says|reported|reports|concluded|concludes|felt|argued|argues|reasoned|asserted|asserts|claimed|wrote|writes|opined|believed|determined|indicated|indicates|relied\s+(?:on|upon)|rested\s+(?:on|upon))\b|(?:{nouns})\s+that\b|(?:[\w/-]+\s+){{0,8}}?(?:on\s+the\s+(?:grounds?|basis)\s+(?:that|of)|based\s+on\s+(?:the\s+|a\s+|its\s+)?(?:belief|view|finding|premise|assumption|opinion|conclusion|impression)\s+that|stating\s+that|citing)\b|(?:(?:had|has)\s+)?(?:denied|non-?certified|modified|declined|rejected|did\s+not\s+(?:certify|approve|authorize))\s+(?:[\w/-]+\s+){{0,6}}?(?:because|due\s+to|for\s+(?:lack|want|absence)\s+of|since|noting|writing|stating)\b))",
        nouns = evidence::REVIEW_FINDING_NOUNS
    ))
    .expect("UR says compiles")
});

/// The reviewer disputing a claim: "I do not agree that", "I disagree with the review that",
/// "it is not correct that".
static DISPUTED_THAT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(?:I|we|this\s+reviewer)\s+(?:(?:do|does|can)\s*(?:not|n't)\s+(?:agree|accept|concur)|disagrees?)\b[^.;]{0,60}?\bthat|it\s+is\s+not\s+(?:true|correct|accurate|the\s+case)\s+that)\b")
        .expect("disputed-that compiles")
});

/// The review's report going on past a semicolon: "; and that", "; that".
static REPORT_GOES_ON: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:and\s+|or\s+)?that\b").expect("report goes on compiles"));

/// After the review's words, the reviewer's own: "; ", "however", "but", "it is true that", "I
/// agree", "in fact".
static OWN_WORD_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i);|\b(?:however|but|indeed|it\s+is\s+true|in\s+fact|I\s+(?:agree|note|find|concur))\b")
        .expect("own word after compiles")
});

/// Is the statement at `at` in a clause about another family's course ("the acupuncturist's
/// notes record relief ..., with no change in his pain scores" for a physical therapy item)?
fn of_another_family(s: &Sentence, at: usize, family: Family, lexicon: &Lexicon) -> bool {
    // The therapies named in the nearest clause, up to the statement, that names any. A therapy
    // named after the statement is its own only before the next comma ("no documentation of
    // functional improvement from the acupuncture"); one further on is the next thought's ("...
    // from that therapy, and no reason she cannot continue what the functional restoration
    // program taught").
    let text = s.text();
    // (A clause's treatments are placed in the clause, not the sentence.)
    let therapies = |c: &Clause| -> Vec<Family> {
        c.treatments
            .iter()
            .filter(|h| {
                let start = c.start + h.start;
                h.id != Modality::Other && (start <= at || !text[at..start].contains([',', ';']))
            })
            .map(|h| h.id.family())
            .collect()
    };
    let Some((nearest, families)) =
        s.clauses(lexicon).iter().filter(|c| c.start <= at).map(|c| (c, therapies(c))).rfind(|(_, f)| !f.is_empty())
    else {
        return false;
    };
    if !families.contains(&family) {
        return true;
    }
    // "at least 6 chiropractic visits ... after which she returned to full duty, and massage
    // therapy, the number of sessions not documented, with no documented functional
    // improvement": in a list of courses, the statement is the one named last before it, set
    // apart from the item's by a comma.
    let before: Vec<(usize, Family)> = nearest
        .treatments
        .iter()
        .filter(|h| h.id != Modality::Other && nearest.start + h.end <= at)
        .map(|h| (nearest.start + h.start, h.id.family()))
        .collect();
    match (before.iter().rfind(|(_, f)| *f == family), before.last()) {
        (Some(&(own, _)), Some(&(last, f))) if f != family => text[own..last].contains(", and "),
        _ => false,
    }
}

fn about_something_else(sentence: &str, start: usize, after: usize, lexicon: &Lexicon) -> bool {
    static WITH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:with|after|from|despite|following|on)\s+(?:a\s+|an\s+|the\s+|her\s+|his\s+|their\s+)?")
            .expect("with compiles")
    });
    // "the morphine equivalent dose has increased over the past year without functional
    // benefit": the clause speaks of a drug by name, not of a therapy ("medication use" among
    // the outcomes of a course is not a drug named).
    // The clause ends at a ";" or ":", or at ", and"/", but" ("her Norco use has not changed,
    // and no objective functional gain is documented from the visits": the gain is the visits').
    let before = &sentence[..start];
    let opened = [
        before.rfind([';', ':']).map(|p| p + 1),
        before.rfind(", and ").map(|p| p + 6),
        before.rfind(", but ").map(|p| p + 6),
    ]
    .into_iter()
    .flatten()
    .max()
    .unwrap_or(0);
    let clause = &sentence[opened..start];
    let generic = |w: &str| {
        let w = w.to_ascii_lowercase();
        w.starts_with("medication") || w.starts_with("medicine") || w.starts_with("drug") || w.starts_with("pill")
    };
    // "... did not change her range of motion, her pain rating or her use of Norco": a drug
    // named as what the course was measured by is an outcome, not the clause's subject.
    static MEASURED_BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:use|intake|dose|dosage|consumption|reduction|decrease|increase)\s+(?:of|in)\s+(?:(?:his|her|their|the)\s+)?$")
            .expect("measured by compiles")
    });
    // So is one told by its use ("his Norco use is unchanged", "his ibuprofen intake did not
    // change").
    static MEASURE_OF_IT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s+(?:use|usage|intake|dose|dosage|consumption|requirements?)\b")
            .expect("measure of it compiles")
    });
    if lexicon.treatments(clause, false).iter().all(|h| h.id == Modality::Other)
        && lexicon.category_terms(clause).iter().any(|h| {
            h.id == crate::domain::Category::Pharmaceuticals
                && !generic(&clause[h.start..h.end])
                && !MEASURED_BY.is_match(&clause[..h.start])
                && !MEASURE_OF_IT.is_match(&clause[h.end..])
        })
    {
        return true;
    }
    let rest = &sentence[after..];
    let Some(m) = WITH.find(rest) else { return false };
    let object = &rest[m.end()..crate::text::floor_char(rest, (m.end() + 40).min(rest.len()))];
    let therapy = lexicon.treatments(object, false).into_iter().any(|h| h.id != Modality::Other);
    !therapy && lexicon.category_terms(object).into_iter().any(|h| h.start < 3 && h.id.therapy_family().is_none())
}

/// Whether the words between a count and a treatment after it keep one noun phrase: a word or
/// two ("home", "home-based"), no comma and no conjunction.
fn same_phrase(between: &str) -> bool {
    // Counted word by word and stopped at the third: `between` can run to the end of a
    // sentence thousands of words long, and this is asked for every count and treatment pair.
    let mut words = 0;
    between.split_whitespace().all(|w| {
        words += 1;
        words <= 2
            && w.chars().all(|c| c.is_alphabetic() || c == '-')
            && !["and", "or", "of", "to", "for", "with"].contains(&w)
    })
}

/// A prior course of the family: its count, unit, and how it adds up.
struct Prior {
    visits: Spanned<u32>,
    unit: CountUnit,
    parts: Option<Parts>,
    /// Read from an authorization alone ("authorized for 12 visits").
    authorized_only: bool,
    /// An authorization told after its count, nothing said of its use ("the 4 sessions
    /// already certified by utilization review"): taken as done, unless the rationale says no
    /// course was had.
    certified: bool,
    /// Told as the utilization review's account ("The utilization review states that the
    /// patient has completed 8 visits"), which the reviewer's own count outranks.
    told_by_review: bool,
    /// Told by the item's own rationale in its own words.
    own: bool,
    /// The top of the range the count was told as ("16 to 20 sessions": 20), its value the
    /// bottom.
    range_top: Option<u32>,
    /// For a post-operative request, a total over the whole history, not told as after the
    /// operation ("in total he has had about 18 therapy visits"): it holds the visits before.
    whole_history: bool,
}

/// The utilization review telling a count: "The utilization review dated 11/26/2013 states that
/// the patient 'has completed 8 ...'", "the utilization reviewer's statement that 8 visits ...".
/// Read on the words before the count, in its sentence.
static TOLD_BY_REVIEW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:utilization\s+review(?:er)?|UR(?:\s+review(?:er)?)?|prior\s+review(?:er)?|claims\s+administrator)(?:'s|\u{2019}s)?\b[^.;]{0,100}?\b(?:states?|stated|notes?|noted|reports?|reported|indicates?|indicated|says|said|counted|cites?|cited|citing|noting|statement|asserts?|asserted|documents?|documented|according|basis|grounds|reasoning|reasoned|wrote|writes|words|quoted|quoting|concluded|found|opined|believed)\b")
        .expect("told by review compiles")
});

/// Does `text` name "therapy" as a word of its own ("24 therapy visits", "the therapy notes")?
fn names_therapy(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphabetic()).any(|w| w.eq_ignore_ascii_case("therapy"))
}

static AUTHORIZED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:authoriz|approv|certifi)\w*").expect("authorized compiles"));
/// "... visits were authorized", "6 visits, was authorized", "had 18 visits of physical therapy
/// authorized": the count is
/// what an authorization allowed.
static AUTHORIZED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*,?[^.;,]{0,40}?\b(?:(?:was|were|have\s+been|had\s+been|has\s+been)\s+(?:previously\s+|initially\s+|already\s+)?)?(?:authoriz|approv|certifi)\w*")
        .expect("authorized-after compiles")
});
/// After an authorized count, that none of it was used: "but she has not yet attended any".
static NONE_DONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^.]{0,80}?\b(?:(?:has|have|had)\s+not\s+(?:yet\s+)?(?:attended|started|begun|used|completed|had)\s+(?:any|them|those|these)\b|(?:has|have|had)\s+(?:yet\s+)?to\s+(?:attend|start|begin|use)\s+(?:any|them|those|these)\b|none\s+(?:of\s+(?:which|them|these|those)\s+)?(?:has|have|had)\s+(?:yet\s+)?been\s+(?:attended|used|completed|done|started))")
        .expect("none-done compiles")
});
/// After an authorized count, how many of it were used: "and had completed 6 of them",
/// "has attended approximately 12 of them", "and that the patient attended 4, during which",
/// "were authorized on 05-30-2017; the therapy progress
/// note dated 08-29-2017 indicates that he has attended 11 of them".
static DONE_OF_THEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^.]{0,150}?\b(?:completed|attended|used|had|finished|undergone|received)\s+(?:(?:only|approximately|about|around|roughly|nearly|almost|some|just|at\s+least)\s+)?(?P<n>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:\s+of\s+(?:them|those|these|the\s+(?:visits|sessions|treatments)|(?:the\s+)?(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b)|\s*[,;]|\s*\.(?:\s|$)|\s*$|\s+(?:during|before|and|but|with|when|while)\b)")
        .expect("done-of-them compiles")
});
/// After a count, the part of it done: "20 visits in all, of which the therapy records document
/// 14 visits attended", "12 sessions, of which 9 were completed", "12 visits authorized (UR of
/// 7/22/2013), 10 attended".
static OF_WHICH_DONE: LazyLock<Regex> = LazyLock::new(|| {
    let n = count::number_alternation();
    Regex::new(&format!(r"(?i)^[^.;]*?(?:\bof\s+(?:which|these|those|them)\b[^.;]*?|[,;]\s*(?:and\s+)?)\b(?P<n>{n})\s+(?:(?:visits?|sessions?|treatments?)\s+)?(?:(?:were|was|have\s+been|had\s+been)\s+)?(?:attended|completed|used|kept)\b"))
        .expect("of-which-done compiles")
});
static DONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:attended|completed|had|received|undergone|underwent|finished|went\s+through|participated)\b")
        .expect("done compiles")
});
/// Words that tell a course from its records ("Physical therapy records document eight
/// pre-operative and six post-operative sessions", "has comprised"): a sentence with the item's
/// words that is no heading restating it.
static TOLD_DONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\b(?:comprised|{RECORDS_TELL})\b")).expect("told done compiles"));
/// Between a treatment and a count, a record of the treatment that tells the count: "(aquatic
/// therapy) progress note of 10/28/2013 lists (5 sessions)".
static RECORD_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^\s+(?:(?:progress|daily|discharge|treatment|visit|attendance|billing)\s+)?{RECORDS_TELL}\s+(?:(?:at\s+least|approximately|about|some)\s+)?$"
    ))
    .expect("record of compiles")
});
/// A record that tells a course: "the therapy notes document", "the attendance log lists", "a
/// progress note dated 08/26/2016 documents".
const RECORDS_TELL: &str = r"(?:summary|notes?|log|ledger|records?|report|re-?evaluation)(?:\s+(?:of|dated|from)\s+\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})?\s+(?:lists?|documents?|records?|shows?|reflects?|indicates?|confirms?|itemizes?)";

/// Whose count a count is, in the order English attaches them.
enum Owner {
    /// A treatment named in or before the count phrase ("6 additional OT visits", "PT 2x6"),
    /// or just after it when nothing precedes.
    Named(Modality),
    /// A bare "therapy" / "sessions" just before it.
    Generic,
    /// No treatment nearby.
    Nobody,
}

fn count_owner(named: &[crate::vocab::Hit<Modality>], text: &str, m: &CountMatch) -> Owner {
    if let Some(h) = named.iter().find(|h| h.start >= m.start && h.end <= m.end) {
        return Owner::Named(h.id);
    }
    // "six more sessions of cognitive behavioral therapy, further physical therapy": the
    // treatment its "of" names is the count's, whatever is named around it.
    if let Some(h) = named.iter().find(|h| h.start >= m.end && h.start - m.end <= 60) {
        if COUNT_OF.is_match(&text[m.end..h.start]) {
            return Owner::Named(h.id);
        }
    }
    let clause_start = text[..m.start].rfind([';', '.']).map(|p| p + 1).unwrap_or(0);
    if let Some(h) = named.iter().rev().find(|h| h.end <= m.start && h.start >= clause_start) {
        // A generic word between the named treatment and the count re-opens the question.
        let between = &text[h.end..m.start];
        if !(GENERIC_THERAPY.is_match(between) && between.contains(" and ")) {
            return Owner::Named(h.id);
        }
    }
    // "twelve more therapy visits": the generic word inside the count, or just before it.
    let before = crate::text::lead(text, m.start, 25);
    if GENERIC_THERAPY.is_match(before) || GENERIC_THERAPY.is_match(&text[m.start..m.end]) {
        return Owner::Generic;
    }
    match named.iter().find(|h| h.start >= m.end && h.start - m.end <= 30) {
        Some(h) => Owner::Named(h.id),
        None => Owner::Nobody,
    }
}

fn dedupe(v: Vec<Spanned<String>>) -> Vec<Spanned<String>> {
    let mut out: Vec<Spanned<String>> = Vec::new();
    for x in v {
        if !out.iter().any(|o| o.value == x.value) {
            out.push(x);
        }
    }
    out
}

fn units_for(modality: Option<Modality>, family: Family) -> &'static [CountUnit] {
    match (modality, family) {
        (_, Family::FunctionalRestoration) => &[CountUnit::Days, CountUnit::Hours, CountUnit::Weeks, CountUnit::Visits],
        // A TENS rental is counted in days of use.
        (Some(Modality::Tens), _) => &[CountUnit::Days, CountUnit::Months, CountUnit::Weeks],
        _ => &[CountUnit::Visits],
    }
}

/// The counts a rule's unit is read from, most telling first.
fn units_of(unit: crate::rules::model::Unit) -> &'static [CountUnit] {
    use crate::rules::model::Unit;
    match unit {
        Unit::Visits => &[CountUnit::Visits],
        Unit::FullDays => &[CountUnit::Days, CountUnit::Hours, CountUnit::Weeks, CountUnit::Visits],
        Unit::Days => &[CountUnit::Days, CountUnit::Months, CountUnit::Weeks],
        Unit::Hours => &[CountUnit::Hours],
        Unit::Months => &[CountUnit::Months],
    }
}

fn pick(matches: &[CountMatch], units: &[CountUnit]) -> Option<CountMatch> {
    units.iter().find_map(|u| count::best(matches, &[*u]))
}

/// Does a sentence state a decision firmly ("is approved", "is not medically necessary")?
fn restates_decision(sentence: &str) -> bool {
    crate::decision::statements(sentence).iter().any(|st| st.strength == crate::decision::Strength::Firm)
}

/// A sum of prior and requested visits ("would total 20 visits", "for a total of 24"), neither.
static SUM_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\b(?:would|will|to|could|already\s+completed|already\s+done|completed|done)\s+(?:then\s+)?(?:total(?:s|ing)?|bring\s+(?:\w+\s+){0,4}?(?:to|up\s+to))|\b(?:would|will|could)\s+(?:then\s+|now\s+)?(?:be|make|equal|come\s+to|amount\s+to|result\s+in)(?:\s+(?:a\s+total\s+of|about|approximately|some))?|\btotal(?:s|ing)\s+(?:of\s+)?|\bfor\s+a\s+(?:combined\s+|cumulative\s+|grand\s+)?total\s+of|\bbringing\s+(?:\w+\s+){0,4}?(?:to|total)|\bcombined\s+total\s+of|\bin\s+total\s+to|\btogether\s+with\s+(?:[\w-]+\s+){0,6}?(?:the\s+|a\s+)?total\s+(?:of\s+)?)\s*$")
        .expect("sum cue compiles")
});
/// A count a course is compared with ("would bring her well past 10 visits", "beyond 12
/// sessions"): a limit, neither done nor requested. ("the past 6 visits" are visits done.)
static COMPARED_WITH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[^\w])(?:(?:well|far|way|just|even)\s+)?(?:past|beyond)\s*$").expect("comparison compiles")
});
static PAST_AS_DONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:the|her|his|their|these|those|its|in)\s+past\s*$").expect("past-as-done compiles")
});
static AFTER_WHICH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*,?\s*(?:after|following|at\s+the\s+end\s+of)\s+which\b").expect("after-which compiles")
});
/// A sentence that opens by giving the course just told its part of the body: "Those visits,
/// however, treated the neck", "These sessions were directed to the lumbar spine".
static THOSE_VISITS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*(?:those|these|such|the(?:se)?\s+(?:earlier|prior|previous))\s+(?:[\w-]+\s+){0,2}?(?:visits|sessions|treatments|appointments)\b[^.;]{0,30}?\b(?:treated|addressed|targeted|(?:were|was)\s+(?:(?:all|only|entirely)\s+)?(?:for|directed\s+(?:to|at)|aimed\s+at|focused\s+on|limited\s+to|confined\s+to))\b",
    )
    .expect("those visits compiles")
});
/// Between a count and a treatment named after it, words of a change from one course to the
/// next ("used 8 of the 12 authorized visits, with 4 remaining when he changed to chiropractic
/// care"): the later treatment is another course, not the count's.
static SWITCHED_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(?:changed|changing|switched|switching|transitioned|transitioning|moved|progressed|graduated|converted|transferred)\s+(?:over\s+)?(?:care\s+)?to|(?:before|prior\s+to|until)\s+(?:starting|beginning|switching|changing|trying|transitioning)|in\s+favou?r\s+of|replaced\s+by|then\s+(?:began|started|tried|underwent)|was\s+then\s+(?:started|begun|tried)\s+on)\b")
        .expect("switched-to compiles")
});
/// "attended 6 of 12 authorized visits", "4 attended of 6 authorized": the first number is the
/// visits done.
static N_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:(?:attended|completed|used|received|finished|done)\s+)?(?:out\s+)?of\s+(?:the\s+|his\s+|her\s+|their\s+)?$")
        .expect("n-of compiles")
});

/// What a patient has, not what was done for it: how long it has lasted is no course ("he has
/// had neck pain for 20 months", "symptoms of 6 weeks' duration").
const SYMPTOMS: &[&str] = &[
    "pain",
    "symptoms",
    "symptom",
    "complaints",
    "complaint",
    "discomfort",
    "stiffness",
    "numbness",
    "tingling",
    "weakness",
    "spasm",
    "spasms",
    "headache",
    "headaches",
    "sciatica",
    "radiculopathy",
    "paresthesia",
    "paresthesias",
    "swelling",
    "instability",
    "depression",
    "anxiety",
    "insomnia",
    "limitations",
    "restrictions",
    "disability",
    "problems",
    "flare",
    "flare-up",
    "soreness",
    "tenderness",
    "cramping",
    "burning",
    "aching",
];

/// A time told as how long a symptom ([`SYMPTOMS`]) has lasted, just before the count.
static SYMPTOM_FOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:{})\s+(?:for|over|lasting|of)\s+(?:(?:about|approximately|roughly|nearly|almost|over|more\s+than|at\s+least|some|the\s+(?:past|last))\s+)?$",
        SYMPTOMS.join("|")
    ))
    .expect("symptom-for compiles")
});

/// The words that give a course's total just before its count: ", for a total of (20 sessions)",
/// ", bringing the total to (18)", ", totaling (14 visits)".
static TOTAL_SO_FAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:,\s*|\s)(?:for\s+a\s+(?:combined\s+|cumulative\s+|grand\s+)?total\s+of|bringing\s+(?:(?:the|her|his|their)\s+)?(?:total|number|count)(?:\s+of\s+(?:[\w-]+\s+){0,3}?(?:visits|sessions|treatments))?\s+to|totall?ing)\s+(?:(?:about|approximately|some|at\s+least)\s+)?$")
        .expect("total-so-far compiles")
});
/// A count that opens its sentence (or what follows a colon) as the course something followed:
/// "After (8 visits)", "Following her first (6 sessions)".
static COURSE_THEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(?:^|[:;])[\s"“'(]*(?:after|following)\s+(?:(?:the|her|his|their|these|those|an?\s+(?:initial|first)|(?:her|his|their)\s+(?:first|initial|last))\s+)?(?:(?:about|approximately|some|roughly|around|nearly|only)\s+)?$"#)
        .expect("course-then compiles")
});
/// What makes the rest of such a sentence a supposition or a rule, not a course told: "After 6
/// visits, the guidelines call for a reassessment", "after 6 more, she may return to work".
static SUPPOSED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:would|will|should|could|can|may|might|must|if|unless|request\w*|recommend\w*|allow\w*|guidelines?|MTUS|expected|anticipated)\b")
        .expect("supposed-after compiles")
});

fn role_of(sentence: &str, m: &CountMatch) -> CountRole {
    let before = crate::text::lead(sentence, m.start, 50);
    if matches!(m.unit, CountUnit::Days | CountUnit::Weeks | CountUnit::Months) && SYMPTOM_FOR.is_match(before) {
        return CountRole::Other;
    }
    if SUM_BEFORE.is_match(before) || (COMPARED_WITH.is_match(before) && !PAST_AS_DONE.is_match(before)) {
        return CountRole::Other;
    }
    // "After 8 visits she moved clinics", "Following 12 sessions of physical therapy he has
    // improved": a course the sentence opens with, told by what came after it, was done.
    if COURSE_THEN.is_match(&sentence[..m.start]) && !SUPPOSED_AFTER.is_match(&sentence[m.end..]) {
        return CountRole::Prior;
    }
    // "6 chiropractic visits, after which the chiropractor recorded..." were done, as were
    // visits told by their dates; "up to 6 treatments, after which continuation depends on
    // documented functional improvement" is the guideline's trial.
    if m.dated || (AFTER_WHICH.is_match(&sentence[m.end..]) && !evidence::GUIDELINE_FIGURE_LEAD.is_match(before)) {
        return CountRole::Prior;
    }
    // "has had 4 sessions and then 2 more": the course's words, not its "more", say what it is.
    if m.in_parts {
        return evidence::count_role(sentence, m.start, m.end);
    }
    let words = &sentence[m.start..m.end].to_lowercase();
    // "has 3 of the 8 authorized visits still available": what remains, not what was done.
    if words.contains("authorized") && evidence::remainder(sentence, m.end) {
        return CountRole::Other;
    }
    if ["completed", "authorized", "prior", "previous", "attended"].iter().any(|w| words.contains(w)) {
        return CountRole::Prior;
    }
    // "she attended 8 more visits", "a further 4 visits were completed": more of a course done,
    // its verb says so, before the count or after it.
    let more = more_of_a_course(words, before);
    // So is "an additional 6 were authorized in January 2013, of which she attended 4": more
    // authorized, and some of it used.
    let after = &sentence[m.end..];
    if more
        && (DONE_JUST_BEFORE.is_match(before)
            || evidence::DONE_JUST_AFTER.is_match(after)
            || (AUTHORIZED_AFTER.is_match(after) && DONE_OF_THEM.is_match(after)))
    {
        return CountRole::Prior;
    }
    // "Care to date has included medications, 12 chiropractic visits in 2012, and 6 more
    // chiropractic visits in 2013": more of a course, in the list of treatments had.
    if more && TREATMENT_LIST.is_match(&sentence[..m.start]) {
        return CountRole::Prior;
    }
    // "The 4 completed and 6 requested sessions total 10": the count's own word says which.
    if MORE_WORDS.iter().chain(&["requested", "proposed", "prescribed"]).any(|w| words.contains(w)) {
        return CountRole::Requested;
    }
    match evidence::count_role(sentence, m.start, m.end) {
        // A count in the list a treatment history opens ("Treatment to date has included
        // ibuprofen, two injections, 12 sessions of occupational therapy and..."), or the
        // course's sum ("18 supervised visits in all"), is of visits done.
        // So is a count set after a comma to say how much of a course told as had ("he received
        // massage therapy to the neck weekly from January through March, approximately twelve
        // sessions").
        CountRole::Other
            if TREATMENT_LIST.is_match(&sentence[..m.start])
                || (conjunct_or_sum(sentence, m) && evidence::prior_treatment(&sentence[..m.start]) == Tri::Yes) =>
        {
            CountRole::Prior
        }
        role => role,
    }
}

/// Whether the count is the last conjunct of a course told before it ("..., and 8 visits"), not
/// the subject of a clause of its own, or the course's sum ("14 visits in all").
fn conjunct_or_sum(sentence: &str, m: &CountMatch) -> bool {
    let after = &sentence[m.end..];
    IN_ALL.is_match(after) || (APPOSED.is_match(&sentence[..m.start]) && !OWN_VERB_AFTER.is_match(after))
}

/// A treatment history that goes on as a list.
static TREATMENT_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)(?:\b(?:(?:treatments?|care|therapy|therapies|management)\s+(?:to\s+date\s+|so\s+far\s+)?(?:has|have|had)\s+(?:included|consisted\s+of|comprised|involved)|(?:prior|previous|past)\s+(?:treatments?|care|therapies)\s+(?:has\s+|have\s+)?(?:included|consisted\s+of|comprised)|(?:has|have|had)\s+been\s+treated\s+with)\b|\b(?:(?:prior|previous|past)\s+)?treatments?(?:\s+to\s+date|\s+history)?\s*:)(?:[^.]|{})*$", count::TITLE))
        .expect("treatment list compiles")
});
/// A count set after a comma, perhaps approximated: ", approximately twelve sessions", ", along
/// with (4 sessions of massage therapy)"; or one that opens the last conjunct of a course told as
/// had ("has had 30 sessions of physical therapy ..., and "at least 18 chiropractic visits"").
static APPOSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(?:,|,?\s+and|,?\s+along\s+with|,?\s+together\s+with|,?\s+as\s+well\s+as|,?\s+plus)\s*["']?\s*(?:(?:approximately|about|roughly|around|some|nearly|at\s+least|over|more\s+than|a\s+total\s+of|totall?ing)\s+)?$"#)
        .expect("apposed compiles")
});
/// The opening of the last conjunct of a list, perhaps with the words that make its count more:
/// ", and a further (6 visits)", "and another (6)", ", and (6 more visits)", or with its provider
/// ("and with Dr. Reyes, DC, for another (6 visits)"), or with its time ("12 visits in 2010, in
/// 2011 (between 8 and 10 more)").
static CONJUNCT_MORE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?:,\s*|\s)and\s+(?:(?:with|at|from|through)\s+[^;:]{1,40}?\s+for\s+)?|,\s*(?:and\s+)?(?:in|during|by|over|through)\s+(?:[\w-]+\s+){1,3}?)(?:(?:a\s+further|another|an\s+additional)\s+)?$")
        .expect("conjunct-more lead compiles")
});
/// A count that is the subject of a clause of its own ("and 8 visits exceed the guideline"),
/// not a conjunct of the course before it: a verb follows it within its clause.
static OWN_VERB_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^.,;:]*?\b(?:is|are|was|were|exceeds?|exceeded|exceeding|would|will|has|have|seems?|remains?|brings?|totals?|represents?|can|could|should|may|might|goes|go|falls?|surpass(?:es)?|puts?)\b")
        .expect("own-verb-after compiles")
});
/// Words that name the improvement itself, not an outcome ("objective functional improvement",
/// "the psychologist documents concrete gains").
static NAMES_IMPROVEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\bfunctional\s+(?:improvement|gains?|benefit|progress)\b|\b(?:{})\s+gains\b",
        evidence::GAINS_NAMED
    ))
    .expect("names compiles")
});
/// A count's own words that make it more of a course: "6 more visits", "an additional 6".
const MORE_WORDS: &[&str] = &["additional", "more", "further", "extra"];

/// Whether a count is told as more of a course: by its own words (`words`, in lower case: "6 more
/// visits") or the words just before it ("a further (6 visits)").
fn more_of_a_course(words: &str, before: &str) -> bool {
    MORE_WORDS.iter().any(|w| words.contains(w)) || MORE_OF_THE_SAME_LEAD.is_match(before)
}
/// A verb of a course done just before a count: "she attended (8 more visits)", "who provided
/// (6 more visits)", "completed a further (4 visits)", "the discharge summary lists (8 further
/// sessions)", "then gave him (4 more treatments)", "the therapy notes document a further (6
/// visits)", "returned to Dr. Baxter for (4 more visits)", "received at least (6 more ...)".
static DONE_JUST_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b(?:attended|completed|finished|had|received|underwent|provided|gave|rendered|participated\s+in|went\s+to|(?:went|came)\s+back\s+to\s+(?:[\w'\u{{2019}}-]+\s+){{1,4}}?for|returned\s+to\s+(?:[\w'\u{{2019}}.,-]+\s+){{1,4}}?for|seen\s+(?:(?:her|him|them)\s+)?(?:again\s+|there\s+){{0,2}}for|{RECORDS_TELL})\s+(?:(?:him|her|them|the\s+(?:patient|claimant|worker|employee|applicant))\s+)?(?:(?:an?|another)\s+)?(?:further\s+|additional\s+)?(?:(?:at\s+least|approximately|about|roughly|around|some|nearly|over)\s+)?$"))
        .expect("done-just-before compiles")
});
/// A course told as more of one told before it: "8 more visits", "Four further sessions" (the
/// words of the count, or "additional 6" where the count takes in the word), "a further 4
/// visits", "another 6", "an additional 6" (just before it).
static MORE_OF_THE_SAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:between\s+\S+\s+and\s+)?\S+\s+(?:more|further|additional)|(?:additional|further)\s+\S+)\b")
        .expect("more-of-the-same compiles")
});
static MORE_OF_THE_SAME_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:a\s+further|another|an\s+additional|a\s+(?:further|second|third|new)\s+course\s+of)\s+$")
        .expect("more-of-the-same lead compiles")
});
/// A change of provider told before a count in its sentence: "she changed treating
/// chiropractors and has since had (8 visits) with the current provider", "switched to a new
/// clinic, where she attended (6 sessions)": a course at the new provider, more of the family's
/// course, not the same course told again.
static NEW_PROVIDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(?:changed|changing|switched|switching|transferred|transferring|moved|moving)\s+(?:(?:her|his|their|the|to\s+an?|to\s+the)\s+)?(?:(?:treating|primary|new|other|different)\s+)*(?:providers?|clinics?|chiropractors?|therapists?|acupuncturists?|psychologists?|offices?|facility|facilities|practices?|care)|(?:a\s+second|a\s+new|the\s+new|the\s+second|a\s+different|the\s+current|her\s+new|his\s+new|her\s+current|his\s+current)\s+(?:treating\s+)?(?:physical\s+)?(?:provider|clinic|chiropractor|therapist|acupuncturist|psychologist|office|facility|practice))\b")
        .expect("new provider compiles")
});
/// Whether the words before a count, back to the start of its clause or the count before it,
/// tell a change of provider ([`NEW_PROVIDER`]). What stands past a ";", ":" or "," is
/// another clause's: "a further course with a second provider in 2017; the progress report
/// states he has had at least 18 visits" tells the whole history, not the second course; so
/// does "a second course of 12 sessions with a different provider ..., 24 sessions to date".
fn new_provider(before: &str) -> bool {
    let mut from = before.rfind([';', ':', ',']).map_or(0, |p| p + 1);
    // "transferred to a second clinic closer to his home, where the re-evaluation states that he
    // has attended (6 of 8 authorized visits)": a clause that opens with "where" is the place's.
    let rest = before[from..].trim_start();
    if from > 0 && (rest.starts_with("where ") || rest.starts_with("at which ")) && before[from - 1..].starts_with(',')
    {
        from = before[..from - 1].rfind([';', ':', ',']).map_or(0, |p| p + 1);
    }
    NEW_PROVIDER.is_match(&before[from..])
}

/// Whether the words just after a count, in its clause, place it with another provider: "(and 6
/// visits) with a second provider", "(8 sessions) at her new clinic".
fn new_provider_after(after: &str) -> bool {
    let end = after.find([';', ':', ',', '.']).unwrap_or(after.len()).min(60);
    NEW_PROVIDER.is_match(&after[..crate::text::floor_char(after, end)])
}

static IN_ALL: LazyLock<Regex> =
    // "18 visits in all", "18 sessions of occupational therapy in all", "30 visits of physical
    // therapy for the shoulder in all".
    LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:of\s+(?:[\w/-]+\s+){1,7}?)?(?:in\s+all|in\s+total|altogether|total)\b")
            .expect("in-all compiles")
    });
/// A total told anywhere in a clause ("in total he has had 18 visits").
static TOTAL_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:in\s+all|in\s+total|altogether|all\s+told|combined)\b").expect("total words compile")
});
/// Words dating what follows from an operation, beyond [`POSTOP`]'s: "since the 1/8/2013
/// procedure", "after his knee arthroscopy".
static SINCE_OPERATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b(?:since|after|following)\s+(?:(?:the|his|her|their|this|that)\s+)?(?:[\d/-]+\s+)?(?:[\w-]+\s+)?(?:{OPERATION_NOUNS})\b"))
        .expect("since operation compiles")
});
/// The nouns that name an operation.
const OPERATION_NOUNS: &str = "surgery|operation|procedure|repair|release|arthroscopy|fusion|replacement|arthroplasty|discectomy|microdiscectomy|laminectomy|meniscectomy|decompression|reconstruction";
/// A term that ends on an operation's noun: "surgery", "the rotator cuff repair".
static OPERATION_TERM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\b(?:{OPERATION_NOUNS})$")).expect("operation term compiles"));

/// Whether a statement told in a sentence that tells the course before an operation and the
/// course after it is the later course's: its own clause does not tell the time before ("The
/// patient had 6 sessions before surgery and at least 18 visits after it, and there is no
/// documentation of objective functional improvement from the most recent course").
fn of_a_later_course(s: &Sentence, at: usize, lexicon: &Lexicon) -> bool {
    let text = s.text();
    (tells_after_surgery(text) || AFTER_IT.is_match(text))
        && s.clauses(lexicon).iter().find(|c| c.holds(at)).is_some_and(|c| !tells_before_surgery(&text[c.start..c.end]))
}

/// The time after an operation told by a pronoun, in a sentence that names the operation
/// before: "6 sessions before surgery and 18 visits after it".
static AFTER_IT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:after|since|following)\s+(?:it|that|then)\b").expect("after it compiles"));

/// Whether words tell of the time after an operation: "post-operative", "since the procedure".
fn tells_after_surgery(text: &str) -> bool {
    POSTOP.is_match(text) || SINCE_OPERATION.is_match(text)
}

/// A count followed by its parts: "16 occupational therapy visits for the right hand, 8 before
/// and 8 after surgery", "24 sessions (12 pre-operative and 12 post-operative)". The parts are
/// read as a sum only where they add up to the count (see [`broken_down`]).
static PARTS_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    let n = count::number_alternation();
    Regex::new(&format!(
        r"(?i)^(?:\s+(?:of\s+)?[\w/'-]+){{0,10}}?\s*(?:,|\(|:)\s*(?:including\s+|with\s+|of\s+which\s+)?(?P<a>{n})\b[^.;()]{{0,60}}?\band\s+(?P<b>{n})\b"
    ))
    .expect("parts-after compiles")
});

/// Whether the words after a count of `value` break it into two parts that add up to it.
fn broken_down(after: &str, value: u32) -> bool {
    part_after(after, value).is_some()
}

/// Where, in the words after a count of `value`, its two parts that add up to it end.
fn part_after(after: &str, value: u32) -> Option<usize> {
    // Most counts are followed by no comma, parenthesis or colon within a few words.
    if !after.contains([',', '(', ':']) {
        return None;
    }
    PARTS_AFTER.captures(after).and_then(|c| {
        let part = |k| c.name(k).and_then(|x| count::number(x.as_str()));
        matches!((part("a"), part("b")), (Some(a), Some(b)) if a + b == value).then(|| c.get(0).map_or(0, |m| m.end()))
    })
}

static ENDS_IN_ALL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:in\s+all|in\s+total|altogether)$").expect("ends-in-all compiles"));

/// A therapy's request told in the summary or its rationale, where its own line and its
/// application entry give no count (read before, by the caller).
fn requested(family: Family, units: &[CountUnit], others: &[Modality], relevant: &[&Sentence]) -> Option<Requested> {
    // The summary or rationale: a count of this family's treatment that is what is requested.
    // Summary sentences first: they state the request; rationales also quote guideline figures.
    let mut ordered: Vec<&&Sentence> = relevant.iter().filter(|s| !s.in_block).collect();
    ordered.extend(relevant.iter().filter(|s| s.in_block));
    for s in ordered {
        if s.guideline {
            continue;
        }
        let text = s.text();
        let mentions = s.about(family);
        // In the item's own rationale, a sentence that names no treatment itself ("In addition,
        // the 12 sessions requested exceed the 9-10 visits") counts this item's request, whatever
        // the sentence before it was about.
        let own_unnamed = s.in_block && s.treatments.is_empty();
        if (mentions == Some(false) && !own_unnamed) || (mentions.is_none() && !s.in_block) {
            continue;
        }
        // The count belongs to the treatment named nearest to it: in "PT 3 x 4 and aquatic
        // therapy", with both disputed, 12 is physical therapy's, not aquatic therapy's.
        let named: Vec<crate::vocab::Hit<Modality>> =
            s.treatments.iter().filter(|h| h.id != Modality::Other).cloned().collect();
        // Each count this item's, with whether a treatment of its family names it: "six
        // sessions of physical therapy and six of aquatic therapy", both of this item's family,
        // is both parts; of two families, each part is its own item's.
        let matches: Vec<(CountMatch, bool)> = s
            .counts
            .iter()
            .enumerate()
            .filter(|(k, _)| s.role(*k) == CountRole::Requested)
            .filter_map(|(_, m)| {
                let (ours, of_family) = match count_owner(&named, text, m) {
                    Owner::Named(x) => (!others.contains(&x), x.family() == family),
                    // "continued therapy 3x4": ambiguous when another disputed item is of this
                    // family, except in the item's own rationale ("The current request is for 12
                    // sessions").
                    Owner::Generic => (s.in_block || !others.iter().any(|o| o.family() == family), false),
                    Owner::Nobody => (true, false),
                };
                ours.then(|| (m.clone(), of_family))
            })
            .collect();
        let matches = joined_parts(matches);
        if let Some(m) = pick(&matches, units) {
            return Some(Requested::from_match(&m, s.span(m.start, m.end), true));
        }
    }
    None
}

/// The count an item's own line asks. "Six sessions of cognitive behavioral therapy and six of
/// biofeedback": a line that tells its request in two parts of the item's family asks for both;
/// "six sessions of physical therapy and six of acupuncture" is judged as its first-named
/// therapy (docs/verdicts.md), so it asks that therapy's six.
fn line_count(line: &str, units: &[CountUnit], family: Family, lexicon: &Lexicon) -> Option<CountMatch> {
    let mut counts = count::counts(line);
    if counts.iter().any(|m| m.elided != Elided::No) {
        let named: Vec<crate::vocab::Hit<Modality>> =
            lexicon.treatments(line, false).into_iter().filter(|h| h.id != Modality::Other).collect();
        counts.retain(|m| match m.elided {
            Elided::No => true,
            Elided::Before => !matches!(count_owner(&named, line, m), Owner::Named(x) if x.family() != family),
            // "eight physical therapy and six acupuncture sessions": the first is its own
            // treatment's, asked only for that treatment's item.
            Elided::After => named.iter().any(|h| h.start >= m.start && h.end <= m.end && h.id.family() == family),
        });
    }
    pick(&joined_parts(counts.into_iter().map(|m| (m, true)).collect()), units).or_else(|| {
        let named = (family != Family::Other && units.contains(&CountUnit::Visits))
            .then(|| lexicon.treatments(line, false).into_iter().find(|h| h.id.family() == family))
            .flatten()?;
        count::bare_after_name(&line[named.end..], named.end)
    })
}

/// Counts with each [`count::joined`] pair (a count and the [`CountMatch::elided`] one just after
/// it) added up, where both of the two may be joined (their flag); a sum may be joined to a third.
fn joined_parts(mut counts: Vec<(CountMatch, bool)>) -> Vec<CountMatch> {
    let mut k = 1;
    while k < counts.len() {
        let ((first, a), (second, b)) = (&counts[k - 1], &counts[k]);
        if second.elided == Elided::Before && first.elided == Elided::No && *a && *b {
            let sum = count::joined(first, second);
            counts.splice(k - 1..=k, [(sum, true)]);
        } else {
            k += 1;
        }
    }
    counts.into_iter().map(|(m, _)| m).collect()
}

#[allow(clippy::too_many_arguments)]
fn prior(
    modality: Modality,
    units: &[CountUnit],
    block: &[Sentence],
    summary: &[Sentence],
    lexicon: &Lexicon,
    (requested_span, requested_value): (Option<Span>, Option<u32>),
    item_text: &str,
    (item_regions, side): (&[String], Option<Side>),
    postop: Option<bool>,
) -> (Option<Prior>, Evidence) {
    let family = modality.family();
    // A device counted in days of use (a TENS trial) is its own kind; a therapy's course is
    // its family's.
    let same = |m: Modality| if family == Family::Other { m == modality } else { m.family() == family };
    let mut visits: Option<Prior> = None;
    let mut treatment = Evidence::UNKNOWN;
    // Whether the clause that said a course was had named only the item's parts of the body.
    let mut yes_regional = false;
    // Where the item's own rationale says no course of this family was had.
    let mut none_in_block: Option<Span> = None;
    let all: Vec<&Sentence> = summary.iter().chain(block).collect();
    let item_words = crate::letter::item_words(item_text);
    // Postoperative as the caller says, else as the item's own words say.
    let postop_request = postop.unwrap_or_else(|| POSTOP.is_match(item_text));
    let course_before_surgery =
        postop_request && all.iter().any(|s| !s.guideline && !s.counts.is_empty() && tells_before_surgery(s.text()));
    // The first sentence of the case summary that tells a dated operation.
    let told_at = if postop_request {
        summary
            .iter()
            .position(|s| !s.guideline && !s.surgeries(lexicon).is_empty() && !s.dates().is_empty())
            .unwrap_or(0)
    } else {
        0
    };
    // The date of the operation that sentence tells: its first full date close after the
    // operation's name ("right open carpal tunnel release on 5/28/2013").
    // The date of a done operation a sentence tells, on the item's part of the body (or on a
    // part it does not name); and the latest such date the letter tells.
    let operation_date = |s: &Sentence| -> Option<Date> {
        if s.guideline {
            return None;
        }
        s.done_surgeries(lexicon)
            .filter(|(_, on)| on.is_empty() || on.iter().any(|r| item_regions.contains(r)))
            // Not one on the other side ("a right carpal tunnel release" for the left wrist).
            .filter(|(h, _)| side.is_none_or(|own| operation_side(s.text(), (h.start, h.end)).is_none_or(|o| o == own)))
            .filter_map(|(h, _)| s.date_after(h.end).or_else(|| s.date_before(h.start)))
            .max()
    };
    // The latest such date, found once and only where asked: always for a postoperative
    // request, else where a count's phase is read against it.
    let operation_for_phase = std::cell::OnceCell::new();
    let operation_for_phase =
        || *operation_for_phase.get_or_init(|| all.iter().filter_map(|s| operation_date(s)).max());
    let latest_operation = if postop_request { operation_for_phase() } else { None };
    let operated_on = postop_request.then(|| summary.get(told_at)).flatten().filter(|s| !s.guideline).and_then(|s| {
        let (h, _) = s.done_surgeries(lexicon).next()?;
        s.date_after(h.end)
    });
    // The regions of the last surgery named up to sentence `k`: a post-operative course is
    // that operation's. Looked up only for such a course, so a long letter is not searched for
    // surgeries once per item.
    // Of the operations named up to it, the latest in time is the one a postoperative course
    // follows ("a right knee meniscectomy on 9/12/2013. She had left shoulder arthroscopy in
    // 2009 on a prior claim. ... she has completed 12 postoperative visits" are the knee's);
    // one the letter gives no date for ranks below a dated one, then the latest told.
    let operated = |k: usize| -> Vec<String> {
        all[..=k]
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.guideline)
            .filter_map(|(i, s)| s.operated(lexicon).map(|on| (s.dates().iter().map(|d| d.2).max(), i, on)))
            .max_by_key(|(date, i, _)| (*date, *i))
            .map(|(_, _, on)| on.to_vec())
            .unwrap_or_default()
    };
    // The side of the latest operation done up to sentence `k`; one proposed ("a request to
    // proceed with a left carpal tunnel release") is not done.
    let operated_side_of = |k: usize| -> Option<Side> {
        all[..=k]
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.guideline)
            .filter_map(|(i, s)| {
                let done = s.done_surgeries(lexicon).next()?;
                Some((s.dates().iter().map(|d| d.2).max(), i, operation_side(s.text(), (done.0.start, done.0.end))))
            })
            .max_by_key(|(date, i, _)| (*date, *i))
            .and_then(|(_, _, side)| side)
    };
    // The courses of the family, by treatment, over the letter: "12 sessions of occupational
    // therapy and 6 sessions of physical therapy", or "12 land-based visits" in one sentence and
    // "6 aquatic sessions" in the next, are one course of 18 where the rule counts the family.
    // Each treatment keeps its largest count, so a course told twice counts once.
    // Each with its phase: a course told before an operation and one told after it are two
    // courses of one treatment ("6 visits ... before surgery", "24 post-operative visits").
    let mut parts: Vec<(Modality, Phase, u32, Span)> = Vec::new();
    // The year each part's own words end in, where they tell one: two counts of a treatment told
    // in different years are two courses, not one told twice.
    let mut part_years: Vec<(Span, (usize, u16))> = Vec::new();
    let mut phased: Vec<(Modality, Phase, u32, Span)> = Vec::new();
    // "She attended 16 post-operative visits at the surgeon's clinic ... After changing to a
    // clinic closer to home she attended 8 more visits": the course told first (the largest
    // count before any told as more of it), and the courses told as more of it, one course.
    let mut first_course: Option<(u32, Span)> = None;
    let mut more: Vec<(u32, Span)> = Vec::new();
    for (k, s) in all.iter().enumerate() {
        if s.guideline {
            continue;
        }
        let text = s.text();
        let fams: Vec<crate::vocab::Hit<bool>> =
            s.treatments.iter().map(|h| crate::vocab::Hit { start: h.start, end: h.end, id: same(h.id) }).collect();
        // A heading that restates the item ("3) Regarding the requested occupational therapy,
        // 2-3 times a week for 4 weeks:") counts the request, not a course done.
        // A sentence that says the course was done ("The worker has already completed 12
        // sessions of acupuncture") is a course, whatever words it shares with the item.
        if crate::letter::same_item_words(s.words(), &item_words) && !DONE.is_match(text) && !TOLD_DONE.is_match(text) {
            continue;
        }
        // A course of another part of the body is not this one's ("12 visits for the neck"
        // for a wrist request); a sentence that names no part may be about any.
        // The region is read in the clause that holds the course: "12 sessions of physical
        // therapy; it was stopped because squats aggravated his knees" is not a knee course.
        let clauses = s.clauses(lexicon);
        // `of_count`: whether `at` is a count's, read in its entry of a list of treatments.
        let other_region_at = |at: usize, of_count: bool| {
            let clause = clauses.iter().find(|c| c.holds(at));
            // A sentence always has a clause; the whole sentence stands in if none held `at`.
            let (regions, postop) = match clause {
                Some(c) => (
                    of_count
                        .then(|| entry_regions(text, c, at, lexicon))
                        .flatten()
                        .unwrap_or_else(|| c.regions.clone()),
                    c.postop,
                ),
                None => (lexicon.regions(text).into_iter().map(|h| h.id).collect(), POSTOP.is_match(text)),
            };
            let mut here: Vec<String> = regions;
            let mut operated_side = None;
            if postop {
                if here.is_empty() {
                    here = operated(k);
                }
                // "right endoscopic carpal tunnel release on 11/20/2018 ... completed 8
                // post-operative visits" (or "6 sessions of post-operative hand therapy"): a
                // course that names no side is the operated side's.
                let told = clause.map_or(text, |c| &text[c.start..c.end]);
                if side.is_some() && !SIDE_WORD.is_match(told) {
                    operated_side = operated_side_of(k);
                }
            }
            (!item_regions.is_empty() && !here.is_empty() && !here.iter().any(|r| item_regions.contains(r)))
                || (side.is_some() && operated_side.is_some() && operated_side != side)
                || clause.is_some_and(|c| on_the_other_side(&text[c.start..c.end], side, item_regions, lexicon))
        };
        // A postoperative request: a course told as before the operation, or told in the case
        // summary before it tells a dated operation, is not its course.
        // A sentence that tells both courses ("She has attended 16 visits since the operation;
        // the 10 visits she had in 2015 preceded the repair") is read part by part, at its
        // semicolons.
        let before_surgery_told = postop_request && tells_before_surgery(text);
        let both_told = before_surgery_told && tells_after_surgery(text);
        if (before_surgery_told && !both_told) || (postop_request && k < told_at && !POSTOP.is_match(text)) {
            continue;
        }
        // "a left L5-S1 microdiscectomy on 02-11-2014, followed by 24 sessions of physical
        // therapy", where the letter tells a later operation on the part (a fusion on
        // 05-10-2016): a course that sentence tells, dated by nothing as late, is the earlier
        // operation's, not the latest one's that a postoperative request follows.
        if postop_request
            && latest_operation.is_some_and(|latest| {
                operation_date(s).is_some_and(|d| d < latest) && s.dates().iter().all(|d| d.2 < latest)
            })
        {
            continue;
        }
        // In the sentence that tells the dated operation, a course told before the operation
        // ("Treatment to date has included ... 8 sessions of physical therapy for the right
        // knee in 2016, and right knee arthroscopy on 1-18-2017") is the course before it,
        // unless its own clause calls it post-operative.
        // So is one told before the latest operation in the sentence that tells it ("Left shoulder:
        // he had 10 visits of physical therapy ... and underwent a left shoulder arthroscopic
        // subacromial decompression ... on 09/10/2013", after a knee operation told first).
        let tells_latest = || latest_operation.is_some_and(|latest| operation_date(s) == Some(latest));
        let operation_at =
            if postop_request && k < summary.len() && !s.dates().is_empty() && (k == told_at || tells_latest()) {
                s.surgeries(lexicon).first().map(|(h, _)| h.start)
            } else {
                None
            };
        // Counts of this sentence that each name one of a request's several parts of the body
        // ("12 visits for the neck and 8 visits for the low back", for the neck and the low
        // back): one course told by part.
        let mut by_part: Vec<(String, u32, Span)> = Vec::new();
        let clause_of = |at: usize| clauses.iter().position(|c| c.holds(at));
        // "had already attended twelve physical therapy visits. Those visits, however, treated
        // the neck.": the next sentence gives the course its part of the body.
        let placed_next = !item_regions.is_empty()
            && !s.counts.is_empty()
            && all.get(k + 1).is_some_and(|n| {
                let next = n.text();
                THOSE_VISITS.find(next).is_some_and(|h| {
                    let told = &next[h.end()..];
                    let told = &told[..told.find(['.', ';']).unwrap_or(told.len())];
                    let named = lexicon.regions(told);
                    !named.is_empty() && !named.iter().any(|r| item_regions.contains(&r.id))
                })
            });
        for (ci, m) in s.counts.iter().cloned().enumerate() {
            if !units.contains(&m.unit)
                || other_region_at(m.start, true)
                || (placed_next && clauses.iter().any(|c| c.holds(m.start) && c.regions.is_empty()))
                || of_another_region(text, m.start, (item_regions, side), lexicon)
                // (Read to the end of the sentence's part: the words that set it aside may stand
                // past a comma.)
                || NOT_COUNTED.is_match(words_to(text, m.end, &['.', ';'], 160))
            {
                continue;
            }
            // "8 sessions of occupational therapy for both wrists from 10/2012 to 12/2012", the
            // operation on 5/28/2013: a course whose own words end before the operation is the
            // course before it.
            if let Some(op) = operated_on {
                let phrase = course_phrase(text, m.end);
                if !POSTOP.is_match(phrase) && dates::latest(phrase).is_some_and(|d| d < op) {
                    continue;
                }
            }
            if operation_at.is_some_and(|at| m.end <= at) && !clauses.iter().any(|c| c.holds(m.start) && c.postop) {
                continue;
            }
            // A count whose own words say which ("eight pre-operative and six post-operative
            // sessions") is that; any other is read by the stretch it stands in, between
            // semicolons or colons ("sixteen post-operative sessions: the post-operative sessions
            // were 6 home health visits ... and 10 outpatient visits").
            if both_told {
                let told_before = match own_phase(text, m.start, m.end) {
                    Some(phase) => phase == Phase::BeforeSurgery,
                    None => {
                        let from = text[..m.start].rfind([';', ':']).map_or(0, |i| i + 1);
                        let to = text[m.end..].find([';', ':']).map_or(text.len(), |i| m.end + i);
                        tells_before_surgery(&text[from..to])
                    }
                };
                if told_before {
                    continue;
                }
            }
            let span = s.span(m.start, m.end);
            if requested_span.is_some_and(|r| r.contains(span) || span.contains(r)) || s.role(ci) != CountRole::Prior {
                continue;
            }
            // "The 30-day TENS trial is approved": the decision restating the request's own
            // count, not a course done ("has used four of the eight certified visits" is one).
            let before = crate::text::lead(text, m.start, 40);
            if requested_value == Some(m.value) && restates_decision(text) && !N_OF.is_match(before) {
                continue;
            }
            // The count belongs to the nearest treatment named in its sentence.
            // A treatment the count is "of" ("a 30 day trial of a TENS unit") is its own,
            // whatever stands closer before it.
            // One named inside the count ("12 chiropractic visits") is nearest of all, before
            // one that ends just before it ("medications and 12 chiropractic visits").
            // One named after a semicolon or a colon is another clause's ("completed a one-month
            // rental ...; there is no documentation of decreased medication use", "attended 11
            // sessions of therapy ...: her work status and medications are unchanged").
            // One named after the parenthesis the count stands in is closed ("chiropractic care
            // (per the ledger, 12 visits for the neck and 8 visits for the low back), a home
            // exercise program") is not its own.
            let closed_at = text[..m.start]
                .rfind(['(', ')'])
                .filter(|&o| text.as_bytes()[o] == b'(')
                .and_then(|_| text[m.end..].find(')'))
                .map(|c| m.end + c);
            // "since the 04/19/2016 surgery ..., the 12 visits at Bayside": an operation that
            // dates the course is no owner of its count.
            // "underwent surgery on 05/10/2016 and ... has attended 18 post-operative visits": nor
            // is the operation a count told as after it goes on from.
            let dates_the_course = |h: &crate::vocab::Hit<bool>| {
                !h.id && {
                    let from = crate::text::floor_char(text, h.start.saturating_sub(40));
                    SINCE_OPERATION.find_iter(&text[from..h.end]).any(|a| from + a.end() == h.end)
                        || (h.end <= m.start
                            && OPERATION_TERM.is_match(&text[h.start..h.end])
                            && POSTOP.is_match(&text[m.start..m.end]))
                }
            };
            let nearest_of = |skip_dated: bool| {
                fams.iter()
                    .filter(|h| !(h.start >= m.end && text[m.end..h.start].contains([';', ':'])))
                    // "completed a 30 day trial with documented use, ..., and the unit is used
                    // together with his home exercise program": a treatment named in a clause
                    // after the count's (see `split_clauses`) is not the count's.
                    .filter(|h| !(h.start >= m.end && clause_of(h.start) != clause_of(m.start)))
                    .filter(|h| !skip_dated || !dates_the_course(h))
                    .filter(|h| closed_at.is_none_or(|c| h.start < c))
                    .min_by_key(|h| {
                        if h.start >= m.start && h.end <= m.end {
                            0
                        } else if h.end <= m.start {
                            m.start - h.end
                        } else if s.counts.iter().any(|o| o.start >= m.end && o.start <= h.start)
                            || (h.start >= m.end && SWITCHED_TO.is_match(&text[m.end..h.start]))
                        {
                            // A treatment with a count of its own between ("physical therapy for the
                            // knee (12 visits in 2012), six acupuncture treatments") is that count's;
                            // one changed to ("8 of the 12 authorized visits, ... when he changed to
                            // chiropractic care") is a later course.
                            h.start.saturating_sub(m.end) + 1_000
                        } else if h.start >= m.end && COUNT_OF.is_match(&text[m.end..h.start]) {
                            0
                        } else if h.start >= m.end && same_phrase(&text[m.end..h.start]) {
                            // "a 30-day home TENS trial": the count's own noun phrase goes on to name it.
                            1
                        } else {
                            h.start.saturating_sub(m.end) + 5
                        }
                    })
            };
            // Asked again without the operation only where it is the nearest: its dating words
            // are looked for in few sentences.
            let nearest = nearest_of(false);
            let nearest = if nearest.is_some_and(dates_the_course) { nearest_of(true) } else { nearest };
            // "Post-operative therapy began on 05/24/2016; she completed 12 visits by the end of
            // June": a count whose clause names no part of the body is the course its treatment's
            // clause places.
            if let Some(h) = nearest {
                let own = clause_of(m.start);
                if own.is_some_and(|c| clauses[c].regions.is_empty() && !clauses[c].postop)
                    && clause_of(h.start) != own
                    && other_region_at(h.start, false)
                {
                    continue;
                }
            }
            // "24 therapy visits to the right knee to date, 18 after surgery": a count that names
            // "therapy" itself, and no treatment inside it, is a course of physical medicine (of
            // psychotherapy in a sentence naming one), whatever is named after it.
            let generic =
                !fams.iter().any(|h| h.start >= m.start && h.end <= m.end) && names_therapy(&text[m.start..m.end]);
            // With no treatment named, the sentence's topic decides ("He finished the first two
            // weeks of the program" after a sentence about the functional restoration program).
            // "six sessions each of physical therapy and acupuncture": the count is each listed
            // treatment's.
            let each_ours = {
                let after = &text[m.end..];
                let list = &after[..after.find(['.', ';', ':', '(']).unwrap_or(after.len())];
                EACH_OF.is_match(list) && fams.iter().any(|h| h.id && h.start >= m.end && h.end <= m.end + list.len())
            };
            let belongs = if each_ours {
                true
            } else if generic {
                let psych = s.treatments.iter().any(|t| t.id.family() == Family::Psychotherapy);
                family == if psych { Family::Psychotherapy } else { Family::PhysicalMedicine }
            } else {
                match nearest {
                    Some(h) => h.id,
                    // A device's topic is no family of therapy: a sentence that follows one
                    // about an MRI ("worse over the past two months") tells no TENS trial.
                    None => s.in_block || (family != Family::Other && s.about(family) == Some(true)),
                }
            };
            // "An additional 6 were authorized ..., of which she attended 4", naming no
            // treatment: more of a course told before, and where none of this item's was, more
            // of another's (the neck's therapy, for a wrist's request).
            let told_as_more =
                MORE_OF_THE_SAME.is_match(&text[m.start..m.end]) || MORE_OF_THE_SAME_LEAD.is_match(before);
            if told_as_more && first_course.is_none() && !s.in_block && s.treatments.is_empty() {
                continue;
            }
            // "attended 6 of 12 authorized visits": 6 were done; 12 is what was authorized.
            let n_of = N_OF.captures(before).and_then(|c| c.name("n"));
            let (value, span) = match n_of {
                Some(n) => {
                    let at = m.start - before.len() + n.start();
                    (count::number(n.as_str()).unwrap_or(m.value), s.span(at, at + n.len()))
                }
                // "16 to 20 sessions" done: the letter vouches for 16.
                None => (m.lower, span),
            };
            let range_top = (n_of.is_none() && m.lower < m.value).then_some(m.value);
            // What was authorized is not what was done: "attended 8 of the 12 authorized" and
            // "completed 8" outrank "authorized for 12 visits", which counts only when the
            // letter gives nothing better.
            let after = &text[m.end..];
            let authorized_only = (n_of.is_none() && AUTHORIZED.is_match(&text[m.start..m.end]))
                || (AUTHORIZED.is_match(before) && !DONE.is_match(before));
            // "Six visits were authorized, but she has not yet attended any": none was done;
            // "authorized 12 visits and had completed 6 of them": 6 were.
            // Both are read only after an authorization, not after every count.
            let mut certified = false;
            // The visits done of the count, told after it, and where.
            let done_of = |re: &Regex| {
                let n = re.captures(after)?.name("n")?;
                Some((count::number(n.as_str())?, n.start(), n.end()))
            };
            let (value, span) = if authorized_only || AUTHORIZED_AFTER.is_match(after) {
                let used = done_of(&DONE_OF_THEM).or_else(|| done_of(&OF_WHICH_DONE));
                match (used, NONE_DONE.find(after)) {
                    (Some((n, a, b)), _) if n <= value => (n, s.span(m.end + a, m.end + b)),
                    (_, Some(n)) => (0, s.span(m.end + n.start(), m.end + n.end())),
                    _ => {
                        certified = !authorized_only && !DONE.is_match(before);
                        (value, span)
                    }
                }
            } else if let Some((n, a, b)) = done_of(&OF_WHICH_DONE).filter(|d| d.0 <= value) {
                (n, s.span(m.end + a, m.end + b))
            } else {
                (value, span)
            };
            // The largest count of one unit wins (the same course is often restated); hours
            // and days are not compared by their raw numbers.
            // The reviewer's own count in the item's rationale outranks the utilization
            // review's account ("The utilization review states that the patient 'has completed
            // 8 visits'" / "The flow sheets document 4 attended visits"), larger or not.
            // "The utilization review counted 12 completed visits, but the attendance log
            // documents 9 visits": the review tells the count only in the count's own clause.
            let clause_start = clauses.iter().rfind(|c| c.start <= m.start).map_or(0, |c| c.start);
            let told_by_review = TOLD_BY_REVIEW.is_match(&text[clause_start..m.start]);
            let own = s.in_block && !told_by_review;
            // For a post-operative request in a letter that tells a course before the operation,
            // a total not told as after it ("in total he has had about 18 therapy visits") holds
            // the visits before: any other count outranks it.
            // A total after the sentence has said "since the procedure" ("Since the 1/8/2013
            // procedure he has attended 8 visits at one clinic and 4 at another, 12 in all") is
            // the postoperative course's.
            let whole_history = course_before_surgery
                && clauses
                    .iter()
                    .find(|c| c.holds(m.start))
                    .is_some_and(|c| !c.postop && TOTAL_WORDS.is_match(&text[c.start..c.end]))
                && !tells_after_surgery(&text[..m.start]);
            let better = visits.as_ref().is_none_or(|v| {
                v.unit == m.unit
                    && match (v.authorized_only, authorized_only) {
                        (true, false) => true,
                        (false, true) => false,
                        // "Twelve visits were authorized in April. ... the attendance log
                        // documents 9 visits": a count said done outranks one only authorized.
                        _ if v.certified != certified => v.certified,
                        _ if v.whole_history != whole_history => v.whole_history,
                        _ if v.told_by_review && own => true,
                        _ if v.own && told_by_review => false,
                        _ => value > v.visits.value,
                    }
            });
            if belongs && m.unit == CountUnit::Visits && item_regions.len() > 1 && n_of.is_none() && !authorized_only {
                let named = lexicon.regions(count_phrase(text, m.start, lexicon));
                if let [only] = named.as_slice() {
                    if item_regions.contains(&only.id) && !by_part.iter().any(|(r, ..)| *r == only.id) {
                        by_part.push((only.id.clone(), value, span));
                    }
                }
            }
            if belongs && better {
                visits = Some(Prior {
                    visits: Spanned::new(value, span),
                    unit: m.unit,
                    parts: None,
                    authorized_only,
                    certified,
                    told_by_review,
                    own,
                    range_top,
                    whole_history,
                });
            }
            // A course's sum ("18 visits in all", "six ... and eight ..., fourteen in all") is
            // no part of it.
            let sum = IN_ALL.is_match(&text[m.end..])
                || (m.in_parts && ENDS_IN_ALL.is_match(&text[m.start..m.end]))
                || broken_down(&text[m.end..], m.value);
            if belongs && m.unit == CountUnit::Visits && !sum && !authorized_only && !certified {
                let more_of_it = told_as_more
                    // Asked only where a course was told before: a change of provider adds to one.
                    || first_course.is_some()
                        && (new_provider(
                            &text[s.counts[..ci].iter().map(|c| c.end).filter(|&e| e <= m.start).max().unwrap_or(0)
                                ..m.start],
                        ) || (s.counts[..ci].iter().any(|c| c.end <= m.start && c.unit == CountUnit::Visits)
                            && new_provider_after(&text[m.end..])));
                match first_course {
                    // A course told again ("the 8 more visits") is one course.
                    Some(_) if more_of_it && !more.iter().any(|(n, _)| *n == value) => more.push((value, span)),
                    Some(_) if more_of_it => {}
                    // A sum ("twelve visits ... and a further 8 visits") holds its parts already.
                    _ if m.in_parts => {}
                    Some((n, _)) if more.is_empty() && value > n => first_course = Some((value, span)),
                    None => first_course = Some((value, span)),
                    _ => {}
                }
            }
            if belongs && m.unit == CountUnit::Visits && !sum {
                // A part names its own treatment: inside the count ("6 physical therapy
                // sessions") or right after it ("12 sessions of occupational therapy", "24
                // sessions of land-based physical therapy").
                // Or by the record of it that tells it: "the aquatic therapy progress note of
                // 10/28/2013 lists 5 sessions attended".
                let named_by = |c: &CountMatch| {
                    s.treatments.iter().find(|t| {
                        (t.start >= c.start && t.end <= c.end)
                            || (t.start >= c.end && COUNT_OF.is_match(&text[c.end..t.start]))
                            || (t.end <= c.start && RECORD_OF.is_match(&text[t.end..c.start]))
                            || (t.end <= c.start && LEADER_COUNT.is_match(&text[t.end..c.start]))
                            || (t.end <= c.start
                                && ENTRY_COUNT.is_match(&text[t.end..c.start])
                                && !s.treatments.iter().any(|u| u.start >= t.end && u.end <= c.start))
                    })
                };
                let own_phase = own_phase(text, m.start, m.end);
                // "ten pre-operative and sixteen post-operative sessions of physical therapy",
                // "8 pre-operative visits and 12 post-operative visits of physical therapy": the
                // first, naming only its phase, is a phase of the second's treatment.
                let named = named_by(&m).or_else(|| {
                    let next = s.counts.get(ci + 1).filter(|next| {
                        own_phase.is_some() && next.start >= m.end && {
                            let between = text[m.end..next.start].trim();
                            between.eq_ignore_ascii_case("and") || between.eq_ignore_ascii_case(", and")
                        }
                    });
                    next.and_then(named_by)
                });
                // "8 sessions of post-operative hand therapy" names its phase as well: a phase
                // of a course told in phases, but no course to add to another treatment's (the
                // same course is often told again as "12 post-operative therapy visits").
                let phase_only = named.is_none();
                let named = named.or_else(|| {
                    s.treatments.iter().find(|t| t.start >= m.end && COUNT_OF_PHASE.is_match(&text[m.end..t.start]))
                });
                let modality = named.map(|t| t.id).filter(|id| id.family() == family);
                if let Some(md) = modality {
                    // A sequel ("..., followed by 18 outpatient visits") is a course of its own.
                    let sequel = evidence::is_sequel(text, m.start);
                    // "8 post-operative therapy visits" after "8 ... post-operative hand therapy
                    // visits": a course of another kind, as many visits, told again with its
                    // kind unsaid, is that course, not a second.
                    let retold = named.is_some_and(|t| kind_unsaid(&text[t.start..t.end]))
                        && parts.iter().any(|(x, _, n, _)| *x != md && *n == value);
                    // "8 visits before the surgery and 12 after it, 20 physical therapy visits", after
                    // the 12 were told as a sequel of the 8: their total, not a larger first course.
                    let their_total = total_of_several(&parts, md).is_some_and(|sum| value <= sum);
                    // "Physical therapy to the lumbar spine (12 sessions in 2016; 6 sessions in
                    // 2017)", two entries of a list each with its dates: a course of its own.
                    // Only entries of one sentence's list: a course told again elsewhere is often
                    // dated otherwise ("from 03/2012 through 05/2013", then "since 03/2012").
                    let year = own_year(text, m.start, m.end).map(|y| (k, y));
                    let year_of = |at: Span| part_years.iter().find(|(sp, _)| *sp == at).map(|p| p.1);
                    let apart = |p: &(Modality, Phase, u32, Span)| {
                        year.is_some_and(|(k, y)| year_of(p.3).is_some_and(|(ok, o)| ok == k && o != y))
                    };
                    match parts.iter_mut().find(|p| p.0 == md && !sequel && !apart(p)) {
                        _ if phase_only || retold || their_total => {}
                        Some(p) if value > p.2 => *p = (md, Phase::Untold, value, span),
                        Some(_) => {}
                        None => parts.push((md, Phase::Untold, value, span)),
                    }
                    if let Some(y) = year.filter(|_| parts.iter().any(|p| p.3 == span)) {
                        part_years.push((span, y));
                    }
                    let clause = clauses.iter().find(|c| c.holds(m.start));
                    // A count's own words say its phase before its clause does: "ten
                    // pre-operative and sixteen post-operative sessions".
                    let phase = match clause {
                        _ if postop_request => None,
                        _ if own_phase.is_some() => own_phase,
                        // "Before that surgery he had 6 visits ..., and afterward he completed 24
                        // post-operative visits", "had 8 sessions ... before surgery and an additional
                        // post-operative course": a clause that tells both phases is read at the
                        // count's own stretch of it, from the comma before it to the comma or "and"
                        // after it.
                        Some(c) if c.postop && tells_before_surgery(&text[c.start..c.end]) => {
                            let from = text[c.start..m.start].rfind([',', ';']).map_or(c.start, |i| c.start + i + 1);
                            let rest = &text[m.end..c.end];
                            let to = m.end
                                + [rest.find([',', ';']), rest.find(" and ")]
                                    .into_iter()
                                    .flatten()
                                    .min()
                                    .unwrap_or(rest.len());
                            Some(if tells_before_surgery(&text[from..to]) {
                                Phase::BeforeSurgery
                            } else {
                                Phase::AfterSurgery
                            })
                        }
                        Some(c) if c.postop => Some(Phase::AfterSurgery),
                        Some(c) if tells_before_surgery(&text[c.start..c.end]) => Some(Phase::BeforeSurgery),
                        _ if dated_before_operation(s, m.end, lexicon) => Some(Phase::BeforeSurgery),
                        // "6 sessions of occupational therapy ... from 3/2013 to 4/2013", an operation
                        // on 07/15/2013 told later: a course whose own dates end before it.
                        _ if operation_for_phase().is_some_and(|op| {
                            let phrase = course_phrase(text, m.end);
                            !POSTOP.is_match(phrase) && dates::latest(phrase).is_some_and(|d| d < op)
                        }) =>
                        {
                            Some(Phase::BeforeSurgery)
                        }
                        _ => None,
                    };
                    // Nor is a total of the two phases told after them a phase of its own.
                    let phases_total = total_of_several(&phased, md).is_some_and(|sum| value <= sum);
                    if let Some(phase) = phase.filter(|_| !retold && !phases_total) {
                        match phased.iter_mut().find(|(x, ph, ..)| *x == md && *ph == phase) {
                            Some(p) if value > p.2 => *p = (md, phase, value, span),
                            Some(_) => {}
                            None => phased.push((md, phase, value, span)),
                        }
                    }
                }
            }
        }
        let by_part = by_part.into_iter().map(|(r, n, span)| (format!("{n} for the {}", r.replace('_', " ")), n, span));
        add_up(&mut visits, by_part.collect(), s.in_block);
        // Clauses, so "no prior acupuncture but 12 PT visits" splits.
        for clause in clauses {
            let (cs, ce) = (clause.start, clause.end);
            let mentions = &clause.treatments;
            // "6 sessions of acupuncture to the cervical spine" in a list of treatments is not
            // a course for the low back, though the list also names the low back.
            // The item's own rationale or the case summary saying no therapy of any name went to
            // the item's part of the body ("no therapy has been directed to the right knee", "He
            // has not had any therapy for the wrist") says none of this family was had.
            // So does, for a post-operative request, "the patient has had no therapy since the
            // operation": none of its course was had, whatever came before the operation.
            let no_therapy_here = || {
                clause.prior == Tri::No
                    && !on_the_other_side(&text[cs..ce], side, item_regions, lexicon)
                    && ((!clause.regions.is_empty()
                        && clause.regions.iter().all(|r| item_regions.contains(r))
                        && text[cs..ce].to_ascii_lowercase().contains("therapy"))
                        || (postop_request && clause.postop && s.in_block && names_therapy(&text[cs..ce])))
            };
            let bare_therapy_had = || {
                family == Family::PhysicalMedicine
                    && clause.prior == Tri::Yes
                    && BARE_THERAPY.captures_iter(&text[cs..ce]).any(|c| {
                        let at = cs + c.get(0).map_or(0, |m| m.start());
                        c.name("device").is_none() && !of_another_region(text, at, (item_regions, side), lexicon)
                    })
            };
            let applies = !other_region_at(cs, false)
                && (mentions
                    .iter()
                    .any(|h| same(h.id) && !of_another_region(text, cs + h.start, (item_regions, side), lexicon))
                    || (mentions.is_empty()
                        && ((s.in_block
                            && (clause.session || (family == Family::Other && clause.device_used(text))))
                            || no_therapy_here()
                            || bare_therapy_had())));
            if !applies {
                continue;
            }
            if clause.prior == Tri::No && s.in_block {
                none_in_block = Some(s.span(cs, ce));
            }
            // A device's use, trial or rental is its earlier treatment; a therapy named beside
            // it ("used a TENS unit during physical therapy") is not told by those words.
            let prior = if family == Family::Other && clause.prior == Tri::Unknown && clause.device_used(text) {
                Tri::Yes
            } else if clause.prior == Tri::Yes && TOLD_BY_REVIEW.is_match(&text[cs..ce]) {
                // "The utilization reviewer appears to have counted the chiropractic care as a
                // prior trial of acupuncture": the review's account, which the reviewer may refute.
                Tri::Unknown
            } else {
                clause.prior
            };
            // A clause that names only the item's parts of the body: "She has not received
            // acupuncture for the low back" outranks a list that named "acupuncture" for no part.
            let regional = !item_regions.is_empty()
                && !clause.regions.is_empty()
                && clause.regions.iter().all(|r| item_regions.contains(r));
            match prior {
                Tri::No if treatment.value != Tri::Yes || (regional && !yes_regional) => {
                    treatment = Evidence { value: Tri::No, span: Some(s.span(cs, ce)) }
                }
                Tri::Yes if treatment.value == Tri::Unknown => {
                    treatment = Evidence { value: Tri::Yes, span: Some(s.span(cs, ce)) };
                    yes_regional = regional;
                }
                _ => {}
            }
        }
    }
    let parts = phases_joined(parts, &phased);
    let parts: Vec<(String, u32, Span)> =
        parts.into_iter().map(|(m, ph, n, span)| (format!("{n} {}{}", m.label(), ph.words()), n, span)).collect();
    // "In 2010 she attended 12 physical therapy visits, in 2011 8 more, and in 2012 ... 6 aquatic
    // therapy sessions": the course told first and the more of it are one treatment's part of
    // the family's course, beside the other treatments' (12 + 8 + 6). A "more" that is a part
    // already (it names its own treatment) is not added twice.
    if let Some((_, first)) = first_course.filter(|(_, at)| parts.len() >= 2 && parts.iter().any(|p| p.2 == *at)) {
        let extra: Vec<(String, u32, Span)> = more
            .iter()
            .filter(|(_, at)| !parts.iter().any(|p| p.2 == *at))
            .map(|&(n, at)| (format!("{n} more"), n, at))
            .collect();
        if !extra.is_empty() {
            let mut told = parts.clone();
            let at = told.iter().position(|p| p.2 == first).map_or(told.len(), |i| i + 1);
            told.splice(at..at, extra);
            add_up(&mut visits, told, false);
        }
    }
    add_up(&mut visits, parts, false);
    if let (Some((n, span)), false) = (first_course, more.is_empty()) {
        let told = std::iter::once((format!("{n} visits"), n, span))
            .chain(more.into_iter().map(|(n, span)| (format!("{n} more"), n, span)));
        add_up(&mut visits, told.collect(), false);
    }
    // "The patient has not had acupuncture ... the request as submitted is a course of twelve
    // treatments": the rationale says none was had, and the count it gives is the request's.
    if let Some(span) = none_in_block {
        let in_block = |sp: Span| block.iter().any(|s| s.whole().contains(sp));
        if visits.as_ref().is_some_and(|v| {
            // Nor is a count the rationale gives as authorized ("the utilization review
            // already certified 6 visits"), nor the utilization review's account of a course
            // ("non-certified the request on the basis that the injured worker had already
            // received 12 sessions; however, those sessions were for the left knee").
            v.parts.is_none()
                && (v.told_by_review
                    || (in_block(v.visits.span)
                        && (Some(v.visits.value) == requested_value || v.authorized_only || v.certified)))
        }) {
            visits = None;
            treatment = Evidence { value: Tri::No, span: Some(span) };
        }
    }
    if let Some(v) = &visits {
        if v.visits.value > 0 {
            // A course told in parts was had where its first part is told.
            let at = v.parts.as_ref().and_then(|p| p.spans.iter().min().copied()).unwrap_or(v.visits.span);
            treatment = Evidence { value: Tri::Yes, span: Some(at) };
        }
    }
    (visits, treatment)
}

/// A course whose own words end on dates before the operation its sentence goes on to tell
/// ("6 sessions of occupational therapy from 10/2012 to 12/2012 ..., and underwent a right
/// carpal tunnel release on 03/05/2013"): the course before it, though no word says "before".
fn dated_before_operation(s: &Sentence, count_end: usize, lexicon: &Lexicon) -> bool {
    let text = s.text();
    let phrase = course_phrase(text, count_end);
    let Some(course) = dates::latest(phrase) else { return false };
    let phrase_end = count_end + phrase.len();
    // The operation's date after its name ("a right carpal tunnel release on 03/05/2013"), or
    // just before it, past the course's words ("..., and on 03/12/2013 she underwent an open
    // right carpal tunnel release").
    let date_before =
        |at: usize| s.dates().iter().rev().find(|d| d.1 <= at && d.0 >= phrase_end && at - d.1 <= 40).map(|d| d.2);
    s.done_surgeries(lexicon)
        .filter(|(h, _)| h.start >= count_end)
        .any(|(h, _)| s.date_after(h.end).or_else(|| date_before(h.start)).is_some_and(|op| course < op))
}

/// The year a count set in an entry's parenthesis ends in, up to the parenthesis' close or a
/// semicolon: "(12 sessions, 11-2012 to 01-2013)", "(12 sessions in 2016; 6 sessions in 2017)".
fn own_year(text: &str, start: usize, end: usize) -> Option<u16> {
    let before = &text[..start];
    before.rfind('(').filter(|&open| !before[open..].contains(')'))?;
    let rest = &text[end..];
    let to = crate::text::floor_char(rest, rest.find([')', ';', '(']).unwrap_or(rest.len()).min(80));
    dates::latest(&rest[..to]).map(|d| d.year)
}

/// A count's own words after it, to the clause's end (at most 120 bytes): "of occupational
/// therapy for both wrists from 10/2012 to 12/2012".
fn course_phrase(text: &str, count_end: usize) -> &str {
    words_to(text, count_end, &[',', ';', '.'], 120)
}

/// When a course of a treatment was had, as its sentence tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Untold,
    BeforeSurgery,
    AfterSurgery,
}

impl Phase {
    fn words(self) -> &'static str {
        match self {
            Phase::Untold => "",
            Phase::BeforeSurgery => " before surgery",
            Phase::AfterSurgery => " after surgery",
        }
    }
}

/// The courses of each treatment, with a treatment's course told both before and after an
/// operation ("6 visits before surgery", "at least 24 post-operative visits") as two, unless
/// a count as large as their sum restates the whole.
/// A course told in parts (each its words, visits and span): their sum is the course where
/// there are several and it is more than the count read so far (which it replaces).
fn add_up(visits: &mut Option<Prior>, parts: Vec<(String, u32, Span)>, own: bool) {
    if parts.len() < 2 {
        return;
    }
    let total: u32 = parts.iter().map(|p| p.1).sum();
    if visits.as_ref().is_some_and(|v| v.unit != CountUnit::Visits || total <= v.visits.value) {
        return;
    }
    let span =
        Span::new(parts.iter().map(|p| p.2.start).min().unwrap_or(0), parts.iter().map(|p| p.2.end).max().unwrap_or(0));
    let words: Vec<&str> = parts.iter().map(|p| p.0.as_str()).collect();
    *visits = Some(Prior {
        visits: Spanned::new(total, span),
        unit: CountUnit::Visits,
        parts: Some(Parts {
            how: format!("{} = {total}", words.join(" + ")),
            spans: parts.iter().map(|p| p.2).collect(),
        }),
        authorized_only: false,
        certified: false,
        told_by_review: false,
        own,
        range_top: None,
        whole_history: false,
    });
}

/// The sum of a treatment's courses where more than one is told, else none.
fn total_of_several(courses: &[(Modality, Phase, u32, Span)], md: Modality) -> Option<u32> {
    let of: Vec<u32> = courses.iter().filter(|c| c.0 == md).map(|c| c.2).collect();
    (of.len() > 1).then(|| of.iter().sum())
}

fn phases_joined(
    parts: Vec<(Modality, Phase, u32, Span)>,
    phased: &[(Modality, Phase, u32, Span)],
) -> Vec<(Modality, Phase, u32, Span)> {
    let mut out = Vec::with_capacity(parts.len() + 1);
    let mut split_done: Vec<Modality> = Vec::new();
    for p in parts {
        let of = |ph: Phase| phased.iter().find(|q| q.0 == p.0 && q.1 == ph).copied();
        match (of(Phase::BeforeSurgery), of(Phase::AfterSurgery)) {
            (Some(a), Some(b)) if p.2 < a.2 + b.2 && !split_done.contains(&p.0) => {
                split_done.push(p.0);
                out.extend([a, b]);
            }
            // "6 sessions ... before surgery ..., followed by 8 post-operative visits": a sequel
            // kept apart is one of the two phases already counted.
            (Some(a), Some(b)) if split_done.contains(&p.0) && (p.2 == a.2 || p.2 == b.2) => {}
            _ => out.push(p),
        }
    }
    out
}

/// Whether the count at `at` names its own part of the body, and it is not one of the item's:
/// in a list of treatments ("physical therapy to the neck and low back, and 6 sessions of
/// acupuncture to the cervical spine"), the words from the count to the next comma are its own;
/// the rest of the clause is the other treatments'.
fn of_another_region(
    sentence: &str,
    at: usize,
    (item_regions, side): (&[String], Option<Side>),
    lexicon: &Lexicon,
) -> bool {
    if item_regions.is_empty() {
        return false;
    }
    let phrase = count_phrase(sentence, at, lexicon);
    let named = lexicon.regions(phrase);
    (!named.is_empty() && !named.iter().any(|h| item_regions.contains(&h.id)))
        || on_the_other_side(phrase, side, item_regions, lexicon)
}

/// The words of the count at `at` that may name its parts of the body: up to a semicolon, a
/// parenthesis, the next count or the next comma, and on through a list of parts.
fn count_phrase<'a>(sentence: &'a str, at: usize, lexicon: &Lexicon) -> &'a str {
    let rest = &sentence[at..];
    let rest = &rest[..rest.find([';', '(']).unwrap_or(rest.len())];
    // Nor past the next count: "12 sessions directed to the left shoulder and 8 sessions to the
    // right knee" gives each count its own part. (The "and 20 sessions" of "between 16 and 20
    // sessions" is the count's own.)
    let from = match crate::text::strip_prefix_ci(rest, "between ") {
        Some(_) => rest.find(" and ").map_or(0, |a| a + 5),
        None => 0,
    };
    let rest = &rest[..NEXT_COUNT.find(&rest[from..]).map_or(rest.len(), |m| from + m.start())];
    // The count's words run to the next comma, and on through a list of parts of the body
    // ("12 sessions for the neck, low back and shoulder").
    let mut end = rest.find(',').unwrap_or(rest.len());
    while end < rest.len() {
        let next = &rest[end + 1..];
        let seg_end = next.find(',').unwrap_or(next.len());
        let seg = next[..seg_end].trim_start();
        let seg = seg.strip_prefix("and ").unwrap_or(seg);
        let seg = seg.strip_prefix("the ").unwrap_or(seg);
        // A part of the body is a short segment ("low back and shoulder"), not another
        // treatment that names one ("a thumb spica splint for the right wrist").
        if seg.split_whitespace().count() > 5 || lexicon.regions(seg).first().is_none_or(|h| h.start > 12) {
            break;
        }
        end += 1 + seg_end;
    }
    &rest[..end]
}

/// " and 8 sessions", " and six visits", " and 6 physical therapy visits", " and 8 for the
/// neck" (its unit left unsaid): another count, joined on.
static NEXT_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    let n = count::number_alternation();
    Regex::new(&format!(r"(?i)\s(?:and|with|plus|then)\s+(?:another\s+)?{n}\s+(?:(?:more\s+|additional\s+|further\s+)?(?:[\w-]+\s+){{0,2}}?(?:sessions?|visits?|treatments?)\b|(?:for|to)\s+(?:the|her|his)\s)"))
        .expect("next count compiles")
});

/// A side of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Left,
    Right,
}

impl Side {
    /// The side a word names ("left", "Right"), if it names one.
    fn of_word(w: &str) -> Option<Side> {
        if w.eq_ignore_ascii_case("left") {
            Some(Side::Left)
        } else if w.eq_ignore_ascii_case("right") {
            Some(Side::Right)
        } else {
            None
        }
    }
}

/// Before a part of the body, the side it is on: "right knee", "the left-sided shoulder",
/// "left index finger"; "the right and left knees" are both.
static SIDE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<a>left|right)(?:\s*(?:and|or|&|/)\s*(?P<b>left|right))?(?:[\s-]+sided)?\s+(?:[a-z]+\s+)?$")
        .expect("side lead compiles")
});

/// The side named just before byte `at` of `text` (a part of the body's name), if one alone is.
fn side_before(text: &str, at: usize) -> Option<Side> {
    let lead = crate::text::lead(text, at, 32);
    let c = SIDE_LEAD.captures(lead)?;
    let a = c.name("a")?.as_str();
    if c.name("b").is_some_and(|b| !b.as_str().eq_ignore_ascii_case(a)) {
        return None;
    }
    Side::of_word(a)
}

/// The side an operation's words name before it, within its phrase: "status post left knee
/// arthroscopic partial medial meniscectomy" is on the left, whichever of its words the
/// vocabulary found; else the side its phrase names after it ("rotator cuff repair with
/// subacromial decompression of the right shoulder"), up to the clause's end or an "and".
fn operation_side(text: &str, (at, end): (usize, usize)) -> Option<Side> {
    let side = Side::of_word;
    let lead = crate::text::lead(text, at, 60);
    let lead = &lead[lead.rfind([',', ';', '.', '(']).map_or(0, |p| p + 1)..];
    lead.split(|c: char| !c.is_ascii_alphabetic()).rev().find_map(side).or_else(|| {
        let rest = &text[end..crate::text::floor_char(text, (end + 80).min(text.len()))];
        let rest = &rest[..rest.find([',', ';', '.', '(']).unwrap_or(rest.len())];
        let rest = [" and ", " but "].iter().filter_map(|c| rest.find(c)).min().map_or(rest, |p| &rest[..p]);
        rest.split(|c: char| !c.is_ascii_alphabetic()).find_map(side)
    })
}

/// The one side an item's parts of the body are on ("aquatic therapy for the left knee"); none
/// when it names both sides, or none.
fn item_side(item: &str, lexicon: &Lexicon) -> Option<Side> {
    let lower = item.to_ascii_lowercase();
    if lower.contains("bilateral") || lower.contains("both") {
        return None;
    }
    let mut sides = lexicon.regions(item).into_iter().map(|h| side_before(item, h.start));
    let first = sides.next()??;
    sides.all(|s| s == Some(first)).then_some(first)
}

/// A word naming a side, or both ("a course that names no side is the operated side's").
static SIDE_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:left|right|bilateral|both)\b").expect("side word compiles"));

/// Whether `text` names the item's parts of the body only on the other side: "18 sessions,
/// all directed to the right knee" are not a left knee's course.
fn on_the_other_side(text: &str, side: Option<Side>, item_regions: &[String], lexicon: &Lexicon) -> bool {
    let Some(side) = side else { return false };
    let (other, word) = match side {
        Side::Left => (Side::Right, "right"),
        Side::Right => (Side::Left, "left"),
    };
    if !crate::text::contains_ci(text, word) {
        return false;
    }
    let mut named = false;
    for h in lexicon.regions(text) {
        if item_regions.contains(&h.id) {
            if side_before(text, h.start) != Some(other) {
                return false;
            }
            named = true;
        }
    }
    named
}

/// A sentence's clauses: split at a semicolon, at a contrast ("but", "however", "although",
/// "while"), and at ", and" before a new subject ("6 sessions of physical therapy without
/// documented improvement, and she completed 12 acupuncture sessions") or a new "there is",
/// where a second course is told with its own outcome, or a finding of its own ("completed 18
/// chiropractic visits, ..., and there is no documentation ... that acupuncture would be an
/// adjunct" does not say acupuncture was had).
/// The parts of the body named by the entry of a list of treatments that holds the count at
/// `at` ("Treatment has included a lumbar epidural injection, acupuncture to the left wrist in
/// 2013 (12 sessions) and physical therapy for the low back": the 12 sessions are the wrist's),
/// where its clause names several treatments and the entry names a part; else `None`. The entry
/// runs from the last treatment named before the count to the next one named after it, or, for a
/// count that names its treatment after it ("six acupuncture treatments to the neck"), from the
/// count to the treatment named after that one.
fn entry_regions(text: &str, clause: &Clause, at: usize, lexicon: &Lexicon) -> Option<Vec<String>> {
    if clause.treatments.len() < 2 || clause.regions.len() < 2 {
        return None;
    }
    let words = text.get(clause.start..clause.end)?;
    let rel = at.checked_sub(clause.start)?;
    let next_from = |at: usize| clause.treatments.iter().filter(|t| t.start >= at).map(|t| t.start).min();
    let own_after = next_from(rel).filter(|&t| {
        let between = &words[rel..t];
        between.len() <= 40 && !between.contains([',', ';', '(', ')']) && !between.contains(" and ")
    });
    let (from, to) = match own_after {
        Some(t) => (rel, clause.treatments.iter().filter(|h| h.start > t).map(|h| h.start).min()),
        None => (clause.treatments.iter().filter(|t| t.end <= rel).map(|t| t.start).max()?, next_from(rel)),
    };
    let entry = words.get(from..to.unwrap_or(words.len()))?;
    let named: Vec<String> = lexicon.regions(entry).into_iter().map(|h| h.id).collect();
    (!named.is_empty()).then_some(named)
}

/// Where a sentence's clauses start and end: at a semicolon, a colon, a dash or bullet that opens
/// the next entry of a list ("... 10 attended through 9/30/2013 - Massage therapy, low back: 4
/// sessions"), a word of contrast, and ", and" before a new subject.
fn split_clauses(s: &str) -> Vec<(usize, usize)> {
    static SPLIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:;|:\s|\s[-\u{2013}\u{2014}\u{2022}]\s|,?\s+\bbut\b|,?\s+\bhowever\b|,?\s+\balthough\b|,?\s+\bwhile\b|,?\s+\bwhereas\b|,\s+and\s+(?P<subject>(?:she|he|they|the\s+(?:patient|claimant|applicant|employee|injured\s+worker|worker|unit|device|trial|program|goals?|aims?|purpose|plan|records?|notes?|documentation|results?)|there\s+(?:is|are|was|were|has|have))\b))").expect("split compiles")
    });
    let mut out = Vec::new();
    let mut start = 0;
    for c in SPLIT.captures_iter(s) {
        let Some(m) = c.get(0) else { continue };
        out.push((start, m.start()));
        // The new subject opens the next clause.
        start = c.name("subject").map_or(m.end(), |x| x.start());
    }
    out.push((start, s.len()));
    out
}

/// Spinal fusions and decompressions named by level or region rather than by a fixed phrase
/// ("L4-S1 fusion", "fusion at C5-C6", "a two-level interbody fusion of the lumbar spine"):
/// the procedure word, then the spine it is on, read from a level or region word close by.
static SPINAL_PROCEDURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<fusion>fusions?|arthrodesis|interbody)\b|\b(?P<decompression>(?:micro)?discectom(?:y|ies)|(?:hemi)?laminectom(?:y|ies)|laminotom(?:y|ies)|foraminotom(?:y|ies))\b")
        .expect("spinal procedure compiles")
});
static SPINAL_LEVEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(?P<c>C[1-8])|(?P<l>L[1-5]|S1))(?:\s*[-–/]\s*(?:[CTLS]?\d))?\b|\b(?P<cw>cervical|neck)\b|\b(?P<lw>lumbar|lumbosacral|low\s+back)\b")
        .expect("spinal level compiles")
});

fn spinal_surgeries(text: &str) -> Vec<crate::vocab::Hit<String>> {
    let mut out = Vec::new();
    for m in SPINAL_PROCEDURE.captures_iter(text) {
        let Some(w) = m.get(0) else { continue };
        let from = crate::text::floor_char(text, w.start().saturating_sub(60));
        let to = crate::text::floor_char(text, (w.end() + 40).min(text.len()));
        // The nearest level or region word in the same clause decides the spine.
        let near = SPINAL_LEVEL
            .captures_iter(&text[from..to])
            .filter(|c| {
                let (a, b) = (from + c.get(0).map(|x| x.start()).unwrap_or(0), w.start());
                !text[a.min(b)..a.max(b)].contains(['.', ';'])
            })
            .min_by_key(|c| (from + c.get(0).map(|x| x.start()).unwrap_or(0)).abs_diff(w.start()));
        let Some(c) = near else { continue };
        let cervical = c.name("c").is_some() || c.name("cw").is_some();
        let kind = if m.name("fusion").is_some() { "fusion" } else { "discectomy" };
        let id = format!("{}_{kind}", if cervical { "cervical" } else { "lumbar" });
        out.push(crate::vocab::Hit { start: w.start(), end: w.end(), id });
    }
    out
}

/// The body regions a surgery is on: those its vocabulary id and its words name.
fn surgery_regions(lexicon: &Lexicon, id: &str, words: &str) -> Vec<String> {
    let mut regions: Vec<String> =
        lexicon.regions(&id.replace('_', " ")).into_iter().chain(lexicon.regions(words)).map(|h| h.id).collect();
    regions.sort();
    regions.dedup();
    regions
}

fn surgery(
    it: &str,
    item_flow: &Flow,
    summary: &[Sentence],
    block: &[Sentence],
    lexicon: &Lexicon,
    item_regions: &[String],
    requested: &[(Surgery, Vec<String>, Option<Side>)],
) -> (Option<Surgery>, Option<Span>) {
    let mut postop = POSTOP.find(it).map(|m| item_flow.span(m.start(), m.end()));
    let mut found: Option<Surgery> = None;
    let side = item_side(it, lexicon);
    for s in summary.iter().chain(block).filter(|s| !s.guideline) {
        let text = s.text();
        let operations = s.surgeries(lexicon);
        for (h, on) in operations {
            // A surgery on another part of the body does not make this item postsurgical
            // ("a knee arthroscopy in April" for an ankle therapy request).
            if !item_regions.is_empty() && !on.is_empty() && !on.iter().any(|r| item_regions.contains(r)) {
                continue;
            }
            // Nor does one on the other side ("status post left knee arthroscopy" for therapy
            // of the right knee).
            if side.is_some_and(|sd| operation_side(text, (h.start, h.end)).is_some_and(|o| o != sd)) {
                continue;
            }
            // The surgery's date stands close to it in the same clause ("underwent a rotator
            // cuff repair on 08/06/2013"), not anywhere in a long sentence of other dates.
            let date = s
                .dates()
                .iter()
                .copied()
                .filter(|(ds, de, _)| {
                    let (a, b) = if *ds >= h.end { (h.end, *ds) } else { (*de, h.start) };
                    b.saturating_sub(a) <= 80 && !text[a.min(b)..b.max(a)].contains([';', '.'])
                        // Another kind of operation between is that one's date ("meniscectomy in
                        // March 2016, and status post right total knee arthroplasty on
                        // 1-19-2017"); the same one named again ("(TLIF)") is not.
                        && !operations.iter().any(|(o, _)| o.id != h.id && a.min(b) <= o.start && o.end <= b.max(a))
                })
                .min_by_key(|(ds, _, _)| ds.abs_diff(h.end))
                .map(|(ds, de, d)| Spanned::new(d, s.span(ds, de)));
            if named_not_done(text, h.start) {
                continue;
            }
            // Failing a full date, the month it gives ("underwent a lumbar fusion in May 2013").
            let (date, month_only) = match date {
                Some(d) => (Some(d), false),
                None => match dates::month_of(text, h.start, h.end) {
                    Some((ds, de, d)) => (Some(Spanned::new(d, s.span(ds, de))), true),
                    None => (None, false),
                },
            };
            let candidate =
                Surgery { id: Spanned::new(h.id.clone(), s.span(h.start, h.end)), date, month_only, pending: false };
            // A full date outranks a month, which outranks none.
            let rank = |x: &Surgery| match (&x.date, x.month_only) {
                (None, _) => 0,
                (Some(_), true) => 1,
                (Some(_), false) => 2,
            };
            // Of two operations as well dated, the later: a postoperative course follows the
            // latest ("a meniscectomy on 03/16/2010 ... On 05/03/2016 he underwent a right total
            // knee arthroplasty"). One operation told with two dates keeps the first.
            let later = |f: &Surgery| match (&candidate.date, &f.date) {
                (Some(c), Some(o)) => candidate.id.value != f.id.value && c.value > o.value,
                _ => false,
            };
            let better = match &found {
                None => true,
                Some(f) => rank(&candidate) > rank(f) || (rank(&candidate) == rank(f) && later(f)),
            };
            if better {
                found = Some(candidate);
            }
            if postop.is_none() && !s.in_block {
                if let Some((ps, pe)) = s.postop() {
                    postop = Some(s.span(ps, pe));
                }
            }
        }
    }
    if found.is_none() {
        for h in lexicon.surgeries(it) {
            found = Some(Surgery {
                id: Spanned::new(h.id, item_flow.span(h.start, h.end)),
                date: None,
                month_only: false,
                pending: false,
            });
        }
    }
    // A disputed operation is this item's when it is on the item's region (or either names none),
    // and on its side: a left carpal tunnel release disputed is not the right wrist's.
    let on_item = |on: &[String], on_side: &Option<Side>| {
        (item_regions.is_empty() || on.is_empty() || on.iter().any(|r| item_regions.contains(r)))
            && (side.is_none() || on_side.is_none() || side == *on_side)
    };
    // "Post-operative physical therapy" requested beside the operation itself: that surgery,
    // rather than an undated older one the summary tells of ("a meniscectomy in 2011", and a
    // knee replacement disputed beside its therapy), unless the item names another. A dated
    // operation stays: "post-operative therapy" after the right carpal tunnel release of
    // 10/08/2013, beside a left one disputed, is for the right; one the letter dates only by its
    // month ("an arthroscopy in 03/2011") is the older history, as an undated one is.
    let own_words_postop = POSTOP.is_match(it);
    let undated = found.as_ref().is_none_or(|f| f.date.is_none() || f.month_only);
    if undated && own_words_postop {
        let named_here: Vec<String> = lexicon.surgeries(it).into_iter().map(|h| h.id).collect();
        if let Some((r, _, _)) = requested
            .iter()
            .find(|(r, on, s)| on_item(on, s) && (named_here.is_empty() || named_here.contains(&r.id.value)))
        {
            found = Some(r.clone());
        }
    }
    // An undated operation that the letter itself disputes has not been done (found in the case
    // summary, "a right total hip arthroplasty has been requested").
    if let Some(f) = found.as_mut().filter(|f| f.date.is_none() && postop.is_some()) {
        f.pending = requested.iter().any(|(r, on, s)| r.id.value == f.id.value && on_item(on, s));
    }
    (found, postop)
}

#[cfg(test)]
mod clause_tests {
    use super::split_clauses;

    fn clauses(s: &str) -> Vec<&str> {
        split_clauses(s).into_iter().map(|(a, b)| &s[a..b]).collect()
    }

    #[test]
    fn a_second_course_with_its_own_subject_is_its_own_clause() {
        assert_eq!(
            clauses("She had 6 sessions of physical therapy without documented improvement, and she completed 12 acupuncture sessions."),
            ["She had 6 sessions of physical therapy without documented improvement", "she completed 12 acupuncture sessions."]
        );
        assert_eq!(
            clauses("He had 8 visits of therapy, and the patient reports less pain; he works."),
            ["He had 8 visits of therapy", "the patient reports less pain", " he works."]
        );
        assert_eq!(
            clauses("She completed 18 chiropractic visits, and there is no documentation that acupuncture would help."),
            ["She completed 18 chiropractic visits", "there is no documentation that acupuncture would help."]
        );
        // A device or program named again by its kind is a new subject too.
        assert_eq!(
            clauses(
                "He completed a 30 day trial with documented use, and the unit is used with his home exercise program."
            ),
            ["He completed a 30 day trial with documented use", "the unit is used with his home exercise program."]
        );
        // So is what the record says of the request ("and the goals of massage are not stated").
        assert_eq!(
            clauses("The chiropractic care already rendered has not produced lasting benefit, and the goals of massage are not stated."),
            ["The chiropractic care already rendered has not produced lasting benefit", "the goals of massage are not stated."]
        );
        // A list of what one course did is one clause ("and her sitting tolerance").
        assert_eq!(
            clauses("She reduced her medication, walked farther, and her sitting tolerance doubled."),
            ["She reduced her medication, walked farther, and her sitting tolerance doubled."]
        );
    }
}

#[cfg(test)]
mod before_surgery_tests {
    use super::{operation_side, tells_before_surgery, Side};

    /// An operation's side is the last one its phrase names before it, within its clause.
    #[test]
    fn an_operation_is_on_the_side_its_phrase_names() {
        let s =
            "right knee chondromalacia, status post left knee arthroscopic partial medial meniscectomy on 11-18-2014";
        let at = |s: &str, w: &str| {
            let k = s.find(w).expect("word");
            (k, k + w.len())
        };
        assert_eq!(operation_side(s, at(s, "meniscectomy")), Some(Side::Left));
        let s = "left shoulder pain; a right carpal tunnel release";
        assert_eq!(operation_side(s, at(s, "carpal tunnel release")), Some(Side::Right));
        // A side told in another clause is not the operation's.
        let s = "left knee pain, and an arthroscopy";
        assert_eq!(operation_side(s, at(s, "arthroscopy")), None);
        // A side its phrase names after it is.
        let s = "he underwent arthroscopic rotator cuff repair with subacromial decompression of the right shoulder";
        assert_eq!(operation_side(s, at(s, "rotator cuff repair")), Some(Side::Right));
        let s = "he underwent a knee arthroscopy and left shoulder injections";
        assert_eq!(operation_side(s, at(s, "knee arthroscopy")), None);
    }

    #[test]
    fn a_measure_taken_before_surgery_is_a_baseline_not_a_course() {
        assert!(tells_before_surgery("He had 8 sessions of physical therapy before surgery, without lasting benefit."));
        assert!(tells_before_surgery("Preoperatively she attended 6 visits."));
        assert!(tells_before_surgery("The 12 visits of 2012 were given for the herniation before it was operated on."));
        assert!(tells_before_surgery("She had 10 sessions before she had the shoulder surgery."));
        assert!(tells_before_surgery("The 12 sessions of occupational therapy in 2015 preceded the surgery."));
        assert!(!tells_before_surgery("His Oswestry score has gone from 64% before surgery to 38%."));
        assert!(!tells_before_surgery("Flexion improved from 90 degrees before the operation to 150."));
    }
}

#[cfg(test)]
mod side_tests {
    use super::{item_side, on_the_other_side, Side};
    use crate::vocab::Lexicon;

    fn lexicon() -> Lexicon {
        Lexicon::new(crate::rules::embedded_vocabulary())
    }

    #[test]
    fn an_item_on_one_side_and_a_course_told_on_the_other() {
        let lx = lexicon();
        assert_eq!(item_side("Aquatic therapy for the left knee x 8", &lx), Some(Side::Left));
        assert_eq!(item_side("Physical therapy for the right-sided shoulder", &lx), Some(Side::Right));
        assert_eq!(item_side("Physical therapy for both knees", &lx), None);
        assert_eq!(item_side("Acupuncture for the right and left knees", &lx), None);
        assert_eq!(item_side("Physical therapy for the lumbar spine", &lx), None);
        let knee = ["knee".to_owned()];
        let left = Some(Side::Left);
        assert!(on_the_other_side("18 sessions of physical therapy, all directed to the right knee", left, &knee, &lx));
        // The item's own side, no side, or both sides named: not the other side's course.
        assert!(!on_the_other_side("18 sessions of physical therapy for the left knee", left, &knee, &lx));
        assert!(!on_the_other_side("18 sessions of physical therapy for the knee", left, &knee, &lx));
        assert!(!on_the_other_side("18 sessions for the right knee and 6 for the left knee", left, &knee, &lx));
        assert!(!on_the_other_side("18 sessions, all directed to the right knee", None, &knee, &lx));
        // Another part of the body on the other side says nothing of this one.
        assert!(!on_the_other_side("12 sessions for the right shoulder", left, &knee, &lx));
    }
}

#[cfg(test)]
mod something_else_tests {
    use super::about_something_else;
    use crate::vocab::Lexicon;

    /// A negative finding about a drug is the drug's; a drug named as what the course was
    /// measured by leaves the finding the course's.
    #[test]
    fn a_drug_as_the_subject_or_as_the_measure() {
        let lx = Lexicon::new(crate::rules::embedded_vocabulary());
        let at = |s: &str, w: &str| {
            let start = s.find(w).expect("word in sentence");
            about_something_else(s, start, start + w.len(), &lx)
        };
        let drug = "Norco has been taken for a year without functional improvement.";
        assert!(at(drug, "functional improvement"));
        let measure = "The course did not change her pain rating or her use of Norco, so no functional improvement is documented.";
        assert!(!at(measure, "functional improvement"));
    }

    /// The review's reason, reported, is the review's: "was based on the belief that".
    #[test]
    fn the_reviews_reasons_reported() {
        for told in [
            "The utilization review non-certification was based on the belief that no improvement had been documented.",
            "The utilization review denied the request on the basis that no functional improvement was shown.",
        ] {
            assert!(super::UR_SAYS.is_match(told), "{told}");
        }
        assert!(!super::UR_SAYS.is_match("No functional improvement has been documented from the prior visits."));
    }
}
