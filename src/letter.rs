//! Letters: decode the bytes, detect the layout, cut the text into sections, and find each
//! disputed item with its recorded decision and the block of text that belongs to it.
//!
//! The three layouts are tables of marker and heading patterns, so a fourth is a table entry.

use crate::domain::Decision;
use crate::pattern::Regex;
use crate::span::{Span, Spanned};
use crate::text::{self, Flow, Line, ProseLine};
use serde::Serialize;
use std::sync::LazyLock;

/// The letter layouts imrcheck knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Format {
    /// "HOW THE IMR FINAL DETERMINATION WAS MADE" / "item: Upheld" (the seeds' layout).
    #[serde(rename = "2014")]
    Y2014,
    /// MAXIMUS "Notice of Independent Medical Review Determination".
    #[serde(rename = "notice2013")]
    Notice2013,
    /// "MEDICAL PROFESSIONAL REVIEW" with "ISSUE AT DISPUTE:".
    #[serde(rename = "review2013")]
    Review2013,
    /// None of them.
    #[serde(rename = "unknown")]
    Unknown,
}

impl LetterError {
    /// The layout, when it was recognised before the error.
    pub fn format(&self) -> Format {
        match self {
            LetterError::NoItems(f, _) => *f,
            _ => Format::Unknown,
        }
    }
}

impl Format {
    /// The contract's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Y2014 => "2014",
            Format::Notice2013 => "notice2013",
            Format::Review2013 => "review2013",
            Format::Unknown => "unknown",
        }
    }
}

/// What a section of a letter is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// Everything before the first heading: case numbers and dates.
    Header,
    /// How the review was made, reviewer credentials.
    Method,
    /// The clinical case summary.
    Summary,
    /// The disputed items, decisions and rationales.
    Issues,
    /// Guidelines relied upon.
    Guidelines,
    /// The rationale.
    Rationale,
    /// Documents reviewed, appeal rights and other boilerplate.
    Other,
}

/// A section: its kind, heading and body lines.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// What it is.
    pub kind: SectionKind,
    /// The heading line's span (empty for the header).
    pub heading: Span,
    /// From the end of the heading to the next heading.
    pub body: Span,
}

/// One disputed item as the letter lists it.
#[derive(Debug, Clone)]
pub struct Item {
    /// The item text ("Occupational Therapy for cervical spine twice a week for six weeks").
    pub text: Spanned<String>,
    /// The recorded decision and the words that record it.
    pub decision: Spanned<Decision>,
    /// The text that belongs to this item: guidelines and rationale, in one or more pieces.
    pub block: Vec<Span>,
}

/// A numbered title run onto the end of the line before, after its sentence's stop
/// ("... is medically necessary and appropriate.3) Regarding the request for x-rays ..."), or
/// a 2014 decision line ("... is not medically necessary.Lumbar epidural steroid injection at
/// L4-L5: Upheld").
static JOINED_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"[.?!]["'\u{201d}\u{2019}]?[ \t]*(?P<title>\d{1,2}[.)][ \t]+(?:Regarding|Is|Are|Was|Were|Should|Issue|Request)\b)|[a-z)][.?!]["'\u{201d}\u{2019}]?[ \t]*(?P<line>[A-Z][^.:;!?]{2,150}:[\s\u{a0}]*(?:Upheld|Overturned)[ \t]*$)"#)
        .expect("joined title compiles")
});

/// A line this long is no line a letter prints: a PDF producer lost the line breaks of a stretch
/// of it, and [`RUN_ON`] cuts it where the layout's own lines begin.
const RUN_ON_LEN: usize = 600;

/// Where a layout's lines begin inside a run-on line: a 2014 heading (cut before and after), a
/// heading of any layout in capitals ("CASE SUMMARY", "RATIONALE": cut before and after when
/// [`heading_kind`] reads it and a stop or the line's start comes before it), a label that
/// opens a line ("Claims Administrator guideline:", "Decision rationale:", "Guideline relied
/// upon:", "Issue 2:"), and an item's decision line after a stop or a colon ("... set forth
/// below: Norco 10/325 mg #120: Upheld Claims Administrator guideline: ...").
static RUN_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<heading>\b(?:IMR ISSUES,? DECISIONS AND RATIONALES|CLINICAL CASE SUMMARY|HOW THE IMR FINAL DETERMINATION WAS MADE)\b)|(?P<caps>\b[A-Z][A-Z(),'/&-]+(?:[ ]+[A-Z][A-Z(),'/&-]+){0,5}\b:?)|(?P<label>\b(?:Claims Administrator guideline|MAXIMUS guideline|Decision rationale|Guidelines? relied upon|Issue[ ]+\d{1,2}):)|[.:][ \t]+(?P<title>[A-Z](?:[^.:;!?\n]|\.\d){2,200}?:[ \t]*(?:Upheld|Overturned))\b")
        .expect("run-on cuts compile")
});

/// Whether a run of capitals inside a run-on line is a heading: a heading's words, at the
/// line's start or after a stop or a colon.
fn run_on_heading(line: &str, at: std::ops::Range<usize>) -> bool {
    let before = line[..at.start].trim_end();
    (before.is_empty() || before.ends_with(['.', ':', ';', '!', '?', '"', '\u{201d}']))
        && heading_kind(&line[at]).is_some()
}

/// Splits off each numbered title a PDF producer ran onto the end of the line before, so that
/// it heads its item's reasons as a title on its own line does; returns the lines, renumbered,
/// and the physical line each starts on (empty where nothing was split).
fn split_joined_titles(text: &str, lines: Vec<Line>) -> (Vec<Line>, Vec<usize>) {
    // A stop then a digit ("appropriate.3)"), or a line that ends in an outcome, found without
    // the pattern on most lines.
    let may = |l: &Line| {
        if l.span.end - l.span.start > RUN_ON_LEN {
            return true;
        }
        let line = text[l.span.start..l.span.end].trim_end();
        let decided = line.ends_with("Upheld") || line.ends_with("Overturned");
        (decided && line.contains(['.', '?', '!']))
            || line.as_bytes().windows(3).any(|w| {
                matches!(w[0], b'.' | b'?' | b'!') && (w[1].is_ascii_digit() || (w[1] == b' ' && w[2].is_ascii_digit()))
            })
    };
    let Some(first) = lines.iter().position(may) else {
        return (lines, Vec::new());
    };
    // The lines before the first that may hold one stay as they are, each its own row.
    let mut out: Vec<Line> = lines[..first].to_vec();
    let mut rows: Vec<usize> = (0..first).collect();
    for l in lines.into_iter().skip(first) {
        let mut start = l.span.start;
        if l.span.end - l.span.start > RUN_ON_LEN {
            let mut cuts: Vec<usize> = Vec::new();
            for c in RUN_ON.captures_iter(&text[l.span.start..l.span.end]) {
                let line = &text[l.span.start..l.span.end];
                if let Some(m) = c.name("caps") {
                    if run_on_heading(line, m.range()) {
                        cuts.extend([m.start(), m.end()]);
                    }
                } else if let Some(m) = c.name("heading").or(c.name("title")) {
                    cuts.extend([m.start(), m.end()]);
                } else if let Some(m) = c.name("label") {
                    cuts.push(m.start());
                }
            }
            for at in cuts.into_iter().map(|c| l.span.start + c) {
                if at > start && at < l.span.end {
                    out.push(Line { number: out.len(), span: Span::new(start, at) });
                    rows.push(l.number);
                    start = at;
                }
            }
        } else if may(&l) {
            for c in JOINED_TITLE.captures_iter(&text[l.span.start..l.span.end]) {
                let Some(t) = c.name("title").or(c.name("line")) else { continue };
                let at = l.span.start + t.start();
                out.push(Line { number: out.len(), span: Span::new(start, at) });
                rows.push(l.number);
                start = at;
            }
        }
        out.push(Line { number: out.len(), span: Span::new(start, l.span.end) });
        rows.push(l.number);
    }
    (out, rows)
}

/// A letter: its name and text, with layout, sections and items found.
#[derive(Debug, Clone)]
pub struct Letter {
    /// Where it came from (a path, usually).
    pub name: String,
    /// The text (decoded; invalid UTF-8 replaced).
    pub text: String,
    /// Problems met while reading it that do not stop the audit.
    pub warnings: Vec<String>,
    /// Lines: the physical lines, with a numbered title a PDF producer ran onto the end of the
    /// line before split off as a line of its own (see [`split_joined_titles`]).
    pub lines: Vec<Line>,
    /// The physical line (0-based) each of `lines` starts on, where a title was split off;
    /// empty where none was (each line is its own).
    rows: Vec<usize>,
    /// The layout.
    pub format: Format,
    /// Sections in order.
    pub sections: Vec<Section>,
    /// Disputed items in order.
    pub items: Vec<Item>,
    /// The whole text as one flow, built once: item finding and letter facts both read it.
    whole: Flow,
    /// Where each prose line stands in `whole`: the flows of blocks and sections are cut from it.
    prose: Vec<ProseLine>,
    /// Where each letter of the file starts ([`Letter::starts`]), found once.
    starts: Vec<usize>,
    /// Whether each of [`Letter::lines`] is page furniture, read once.
    furniture: Vec<bool>,
    /// For each item, the entry of the application's list that names it ([`Letter::listed`]).
    listed: Vec<Option<Span>>,
}

/// Why a text cannot be audited as a letter.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LetterError {
    /// Nothing but white space.
    #[error("the file is empty")]
    Empty,
    /// Looks like a binary file.
    #[error("the file is binary, not text ({0})")]
    Binary(String),
    /// Not an IMR letter layout.
    #[error("not an IMR decision letter: {0}")]
    UnknownLayout(String),
    /// A letter with no disputed items.
    #[error("no disputed items found: {1}")]
    NoItems(Format, String),
}

struct Layout {
    format: Format,
    /// Any of these (case-insensitive) identifies the layout.
    markers: &'static [&'static str],
}

const LAYOUTS: &[Layout] = &[
    Layout {
        format: Format::Y2014,
        markers: &[r"HOW THE IMR FINAL DETERMINATION WAS MADE", r"IMR ISSUES,? DECISIONS AND RATIONALES"],
    },
    Layout {
        format: Format::Notice2013,
        markers: &[
            r"Notice of Independent Medical Review Determination",
            r"IMR DECISION(?:\(S\)|S)? AND RATIONALE(?:\(S\)|S)?",
        ],
    },
    Layout { format: Format::Review2013, markers: &[r"MEDICAL PROFESSIONAL REVIEW", r"ISSUES?(?:\(S\))? AT DISPUTE"] },
];

/// Section headings: a pattern anchored on the whole line, and the kind it opens.
const HEADINGS: &[(&str, SectionKind)] = &[
    (r"HOW THE IMR FINAL DETERMINATION WAS MADE", SectionKind::Method),
    // The summary's label may run on into its text ("Summary of case: The patient is ...").
    (r"(?i:(?:CLINICAL |(?:EXPERT |PROFESSIONAL |PHYSICIAN )?REVIEWER )?CASE SUMMARY)(?::.*)?", SectionKind::Summary),
    (
        r"(?i:SUMMARY OF (?:THE )?(?:CASE|(?:CLINICAL|MEDICAL) (?:HISTORY|RECORDS?|INFORMATION|FINDINGS|DOCUMENTATION)|RECORDS?)|CLINICAL SUMMARY|CASE HISTORY|(?:RELEVANT |PERTINENT )?CLINICAL INFORMATION)(?::.*)?",
        SectionKind::Summary,
    ),
    // A notice's plain-words headings: "WHAT THE RECORDS SHOW", "MEDICAL HISTORY", "CASE
    // BACKGROUND".
    (
        r"WHAT THE (?:MEDICAL )?RECORDS (?:SHOW|SAY|TELL US):?|(?:RELEVANT |PERTINENT )?(?:MEDICAL|CLINICAL) (?:HISTORY|BACKGROUND):?|CASE (?:BACKGROUND|OVERVIEW|SYNOPSIS):?",
        SectionKind::Summary,
    ),
    (r"IMR ISSUES,? DECISIONS,? AND RATIONALES:?", SectionKind::Issues),
    (r"(?i:IMR DECISION(?:\(S\)|S)? AND RATIONALE(?:\(S\)|S)?):?", SectionKind::Issues),
    // In capitals or in title case ("Issues at Dispute:"), as some reviewers' templates write it;
    // in sentence case only as a label alone on its line ("Issues at dispute:"), since a line of
    // prose may begin with the same words.
    (r"(?:ISSUES?(?:\(S\))? AT DISPUTE|Issues?(?:\([Ss]\))? (?:at|At) Dispute):?.*", SectionKind::Issues),
    (r"Issues?(?:\(s\))? at dispute(?: and (?:decisions?|determinations?))?:?", SectionKind::Issues),
    (
        r"(?i:DISPUTED\s+(?:ITEMS?|TREATMENTS?|SERVICES?|REQUESTS?)(?:\s*/\s*SERVICES?)?|(?:ITEMS?|TREATMENTS?|SERVICES?|REQUESTS?)\s+(?:IN|AT|UNDER)\s+(?:DISPUTE|ISSUE)):?",
        SectionKind::Issues,
    ),
    (r"(?:SUMMARY OF )?(?:DETERMINATIONS?|DECISIONS?)(?: SUMMARY)?:?", SectionKind::Issues),
    // "SUMMARY" alone, in capitals, closes a review with its determinations ("Issues 2 and 6 are
    // overturned ..."); a case summary's heading names the case.
    (r"SUMMARY:?", SectionKind::Issues),
    (
        r"(?i:ISSUES?(?:\(S\))? (?:PRESENTED|SUBMITTED|RAISED) FOR (?:REVIEW|DECISION)|(?:QUESTIONS?|ISSUES?)(?:\(S\))? FOR REVIEW):?",
        SectionKind::Issues,
    ),
    (r"(?i:(?:MEDICAL TREATMENT )?GUIDELINES?\(?S?\)? RELIED UPON).*", SectionKind::Guidelines),
    (r"RATIONALE FOR WHY THE REQUESTED.*", SectionKind::Rationale),
    // "WHY WE MADE THIS DECISION", "REASONS FOR THE DETERMINATIONS", "BASIS FOR THE DECISION".
    (
        r"WHY WE MADE (?:THIS|THESE) (?:DECISIONS?|DETERMINATIONS?):?|(?:REASONS?|BASIS) FOR (?:THE |OUR |THIS |THESE )?(?:DECISIONS?|DETERMINATIONS?|OUTCOMES?):?",
        SectionKind::Rationale,
    ),
    (r"RATIONALE:?", SectionKind::Rationale),
    // One word in capitals heads the reasons too ("ANALYSIS" over "Issue 1 - ..."); a heading
    // of one word is otherwise not read, since a capital line of one word is often an item.
    (r"(?:ANALYSIS|DISCUSSION|REASONING|OPINION|RATIONALES):?", SectionKind::Rationale),
    (
        r"(?i:GUIDELINES? AND RATIONALES?|RATIONALES? FOR (?:EACH|THE) (?:DISPUTED|REQUESTED) .*|RATIONALES? FOR (?:THE |EACH )?DECISIONS?|DECISION RATIONALES?):?",
        SectionKind::Rationale,
    ),
    (
        r"(?i:Medical Treatment Guideline\(?s?\)? Used by the (?:Claims Administrator|Expert Reviewer|Professional Reviewer|Physician Reviewer)):?.*",
        SectionKind::Guidelines,
    ),
    (r"(?i:Rationale Used by the (?:Expert|Professional|Physician) Reviewer):?.*", SectionKind::Rationale),
    // "Medical Treatment Guideline Basis for Decision:", a notice's label over each item's
    // guidelines.
    (
        r"(?i:(?:Medical Treatment )?Guidelines?\(?s?\)? Basis for (?:the |this )?(?:Decisions?|Determinations?)):?",
        SectionKind::Guidelines,
    ),
    // The 2013 notices' labels over each item's guidelines: "Section of the Medical Treatment
    // Utilization Schedule (MTUS) used by the Claims Administrator:", "Section of the MTUS used
    // by the Expert Reviewer in making his/her decision:", "Section of the Medical Evidence used
    // by ...", the label often broken over two lines.
    (
        r"(?i:Section of the (?:Medical Treatment Utilization Schedule(?: \(MTUS\))?|MTUS|Medical Evidence) (?:(?:used|applied|relied upon|cited) by )?the (?:Claims Administrator|Expert Reviewer|Professional Reviewer|Physician Reviewer|Claims|Expert|Professional|Physician)\b).*",
        SectionKind::Guidelines,
    ),
    // "Guidelines Used by the Claims Administrator in the Utilization Review Decision:", a label
    // alone on its line.
    (
        r"(?i:Guidelines?(?:\(s\))? Used by the (?:Claims Administrator|Expert Reviewer|Professional Reviewer|Physician Reviewer)\b[^.:]{0,80}):",
        SectionKind::Guidelines,
    ),
    // Labels that open a section on the line they stand on ("Rationale: Manipulation is...").
    (
        r"Guideline\(?s?\)?\s+(?:used|relied\s+upon)\s+by\s+(?:the\s+)?(?:Claims\s+Administrator|Expert\s+Reviewer|Professional\s+Reviewer|Physician\s+Reviewer|Reviewer)\s*:.*",
        SectionKind::Guidelines,
    ),
    // "MTUS Citation Used by the Claims Administrator: ...", "Medical Treatment Guideline (MTUS)
    // Citation Used by the Expert Reviewer:".
    (
        r"(?i:(?:Medical\s+Treatment\s+Guidelines?\s*(?:\(MTUS\))?|MTUS)\s+Citations?(?:\(s\))?\s+(?:used|relied\s+upon)\s+by\s+(?:the\s+)?(?:Claims\s+Administrator|Expert\s+Reviewer|Professional\s+Reviewer|Physician\s+Reviewer|Reviewer))\s*:.*",
        SectionKind::Guidelines,
    ),
    (r"Rationale\s*:.*", SectionKind::Rationale),
    // A reviewer's labels under each issue's title, the text on the same line: "Applicable
    // guideline: MTUS ...", "Reviewer's rationale: After carpal tunnel release ...".
    (r"(?:Applicable\s+guidelines?|Guidelines?\s+applied)\s*:.*", SectionKind::Guidelines),
    (
        r"(?:(?:Expert|Physician|Professional|Medical)\s+)?Reviewer(?:'s|\u{2019}s)\s+(?:rationale|analysis|reasoning)\s*:.*",
        SectionKind::Rationale,
    ),
    (
        r"(?:SUMMARY OF )?DOCUMENTS REVIEWED:?|DOCUMENTS REVIEWED.*|APPEAL RIGHTS:?|REVIEWER QUALIFICATIONS:?|EXPERT REVIEWER QUALIFICATIONS:?|CERTIFICATION:?|ATTESTATION:?|cc:.*",
        SectionKind::Other,
    ),
    // The reviewer's credentials under a heading of their own ("EXPERT REVIEWER", "REVIEWER
    // CREDENTIALS"): not part of the issue list above them.
    (
        r"(?:(?:EXPERT|PHYSICIAN|PROFESSIONAL|MEDICAL|IMR|PEER) )?REVIEWER(?:'S|\u{2019}S)?(?: (?:CREDENTIALS|INFORMATION|SPECIALTY|BACKGROUND|PROFILE|DESCRIPTION|STATEMENT|ATTESTATION|AND QUALIFICATIONS|QUALIFICATIONS AND CREDENTIALS))?:?|(?:ABOUT|QUALIFICATIONS OF|CREDENTIALS OF) THE (?:(?:EXPERT|PHYSICIAN|PROFESSIONAL) )?REVIEWER:?",
        SectionKind::Other,
    ),
];

/// Every layout's markers in one pattern, a group per layout (`l0`, `l1`, ...), so that a letter
/// is read once for all of them (issue 14): six searches of the whole text were 5% of an audit.
/// One search finds what six would: a marker stands at a line's start, after at most a number
/// ("II. ISSUES AT DISPUTE"), and no two markers can both match at the same line's start (their
/// first two letters differ, and none starts with a Roman numeral and a stop), so the union's
/// matches are each marker's matches, and none hides another's.
static LAYOUT_RE: LazyLock<Regex> = LazyLock::new(|| {
    // As a heading: at the start of its line, after at most a number; "relevant to the issue
    // at dispute" in a rationale is prose.
    let groups: Vec<String> =
        LAYOUTS.iter().enumerate().map(|(i, l)| format!("(?P<l{i}>{})", l.markers.join("|"))).collect();
    // "IMR ISSUES AT DISPUTE:" is the review's heading under the program's name; a title a PDF
    // centred stands after any run of spaces.
    let re = format!(
        r"(?m)^[ \t]*[^A-Za-z\n]{{0,12}}(?:[IVX]{{1,4}}[.)][^A-Za-z\n]{{0,4}})?(?i:(?:IMR\s+)?(?:{}))",
        groups.join("|")
    );
    Regex::new(&re).expect("layout markers compile")
});

/// The group names of [`LAYOUT_RE`], by layout.
const LAYOUT_GROUPS: [&str; 3] = ["l0", "l1", "l2"];
const _: () = assert!(LAYOUT_GROUPS.len() == LAYOUTS.len());

/// What names a letter an IMR determination when none of the layouts' headings does.
static IMR_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)Independent\s+Medical\s+Review\s+(?:Notice\s+of\s+)?(?:Final\s+)?(?:Determination|Decision)|IMR\s+(?:Final\s+)?Determination|IMR\s+Case\s+(?:Number|No)|(?m:^[ \t]*Independent\s+Medical\s+Review\b[^\n]{0,40}\bReport\s*$)")
        .expect("IMR title compiles")
});

/// The title of a reviewer's report, on a line of its own among the letter's first lines
/// ("PHYSICIAN REVIEW REPORT", "Independent Medical Review Final Determination Report").
static REPORT_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?mR)^(?:[A-Z0-9 ,&:/-]*[ -])?REVIEW(?:ER(?:'S|\u{2019}S|S)?)?\s+REPORT(?:[ ,&:/-][A-Z0-9 ,&:/-]*)?$|^(?:.{0,60}\s-\s)?(?:Expert\s+|Physician\s+|Professional\s+)?Review(?:er(?:'s|\u{2019}s|s)?)?\s+Report\s*$|^[ \t]*(?i:Independent\s+Medical\s+Review|IMR)\b[^\n]{0,40}\bReport\s*$")
        .expect("report title compiles")
});

/// The 2014 layout's decision section, which a 2013 notice under the 2014 method heading lacks.
static ISSUES_2014: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)IMR ISSUES,? DECISIONS AND RATIONALES").expect("2014 issues heading compiles"));

static HEADING_RES: LazyLock<Vec<(Regex, SectionKind)>> = LazyLock::new(|| {
    HEADINGS.iter().map(|(p, k)| (Regex::new(&format!(r"^\s*(?:{p})\s*$")).expect("heading compiles"), *k)).collect()
});

/// Every heading of [`HEADINGS`] in one pattern: most lines are not headings, and one search
/// says so where trying each heading in turn took twenty (issue 14).
static ANY_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    let any = crate::pattern::union(HEADINGS.iter().map(|(p, _)| p));
    Regex::new(&format!(r"^\s*(?:{any})\s*$")).expect("headings compile")
});

/// "item text: Upheld" (the 2014 layout), the decision word last on the line, or a row of a
/// "Treatment | Decision" table ("Hinged knee brace | Upheld"). "Partially Overturned" (or
/// "Upheld in part") allows a part of the request and not the rest: upheld, as the decision
/// grammar's part-allowing wordings read it.
static ITEM_2014: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^(?P<item>.*?)\s*[:|]\s*(?P<d>{DECISION_WORDS})\s*\.?\s*$"))
        .expect("item pattern compiles")
});

/// A row of a decision table whose cells a gap sets apart ("Hinged knee brace        Upheld"):
/// read only where no line of [`ITEM_2014`] is found, since cover tables and lists set out
/// this way hold other rows.
static GAP_ROW_2014: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^(?P<item>\S.*?)(?:\s*\t\s*|\s{{3,}})(?P<d>{DECISION_WORDS})\s*\.?\s*$"))
        .expect("gap row compiles")
});

/// The decision words of a 2014 item line.
const DECISION_WORDS: &str = r"(?:partially\s+|partly\s+)?(?:upheld|overturned)|(?:upheld|overturned)\s+in\s+part";

/// A verb between words (" is ", " were "): a line holding one may open a sentence rather than
/// title an item. One search for the eight.
static VERB_BETWEEN_WORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::new([" is ", " are ", " was ", " were ", " has ", " have ", " had ", " been "])
        .expect("eight verbs make an automaton")
});

/// The decision word alone on its line, under "item:" (a PDF's justified layout).
static LONE_DECISION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^\s*(?P<d>{DECISION_WORDS})\s*\.?\s*$")).expect("lone decision compiles")
});

/// "<item> is (not) medically necessary (and appropriate)", in flowed text.
static NECESSITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<verb>is|was|are|were)\s*(?P<not>not\s*|n't\s*)?(?P<tail>medically\s*necessary(?:\s*and\s*appropriate)?)").expect("necessity pattern compiles")
});

/// A numbered entry: "1. ", "2) ", "(3) ", "No. 4 ", a lettered one ("a. ", "(b) ", "C. ", "Item
/// c. "), or a bullet ("- ", "* ", "• ").
/// A Roman numeral up to XII, in capitals or not ("IV.", "(ii)"), as item lists number them.
/// Roman numerals to twelve in capitals: an issue's number ("Issue IV -- ...").
macro_rules! roman_capitals {
    () => {
        r"XI{1,2}|X|IX|IV|VI{0,3}|I{1,3}"
    };
}
const ROMAN_CAPITALS: &str = roman_capitals!();
/// The same in capitals or in small letters: a list's number ("iv) ...").
const ROMAN: &str = concat!(roman_capitals!(), r"|xi{1,2}|x|ix|iv|vi{0,3}|i{1,3}");

static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*(?:(?:Item\s+)?(?:\d{{1,2}}|[a-hA-H]|{ROMAN})(?:\.\)|[.)])|\((?:\d{{1,2}}|[a-hA-H]|{ROMAN})\)|Q\d{{1,2}}[.:)]|(?i:no)\.\s?\d{{1,2}}[.:)]?|[\u{{2022}}•*\-])\s+"
    ))
    .expect("numbered compiles")
});

/// The number of a numbered line: "1. ", "12) ", "No. 3 ", or a heading "ISSUE 3" / "Item #2:" / "Issue C:" /
/// "Question 2:" / "Q2. Physical therapy".
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^\s*(?:(?P<n>\d{{1,2}})(?:\.\)|[.)])\s|no\.\s?(?P<nn>\d{{1,2}})[.:)]?\s|(?-i:(?P<r>{ROMAN}))(?:\.\)|[.)])\s|(?:(?:disputed|requested|contested)\s+)?(?:issue|item|request|service|treatment|question)\s*(?:no\.?\s*|#\s*)?(?:(?P<h>\d{{1,2}})|(?-i:(?P<l>[A-H]))|(?-i:(?P<ir>{ROMAN_CAPITALS})))\s*(?:[:.)]\s*)?(?:$|(?:[:.)\u{{2013}}\u{{2014}}]|-{{1,2}})\s*[A-Z])|q(?P<q>\d{{1,2}})[:.)]\s+[A-Z])"
    ))
    .expect("number compiles")
});

/// A determination by number: "Issue 3 - not medically necessary; the utilization review
/// decision is upheld.", "Item 1: certified. Item 2: not certified." (several on a line).
static NUMBERED_DECISION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:issue|item|request|service)\s*(?:no\.?\s*|#\s*)?(?P<n>\d{1,2})\s*[-\u{2013}\u{2014}:.)]\s*")
        .expect("numbered decision compiles")
});

/// Numbers listed, a range among them perhaps: "1, 2, 4 and 5", "3 & 6", "2 through 5", "2-4"
/// (a dash with space about it heads an issue's words: "Issue 2 - 12 sessions ..."). Read by
/// [`label_numbers`].
const NUMBER_LIST: &str =
    r"\d{1,2}(?:(?:\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)|\s+(?:through|thru|to)\s+|[-\u{2013}])\d{1,2})*";

/// Determinations that name their items by a list of numbers: "The utilization review decisions
/// for items 1, 2, 4 and 5 are upheld.", "Items 3 and 6 are overturned.", "Items 2 through 5 are
/// not medically necessary", the sentence perhaps run on from a heading ("SUMMARY Issues 2 and 6
/// are overturned").
static NUMBER_LIST_DECISION: LazyLock<Regex> = LazyLock::new(|| {
    let list = format!(r"(?P<list>{NUMBER_LIST})\b");
    Regex::new(&format!(
        r"(?i)(?:\b(?:decisions?|determinations?|denials?|non-?certifications?)\s+(?:for|on|of|regarding|as\s+to)\s+(?:the\s+)?|^\W*(?-i:[A-Z]{{3,}}(?:\s+[A-Z]{{2,}}){{0,3}}:?\s+)?)(?:items?|issues?|requests?)\s+(?:nos?\.?\s*|#\s*)?{list}"
    ))
    .expect("number list decision compiles")
});

/// Outcomes given by number inside one sentence: "The utilization review decision is
/// overturned for issue 1 and issue 4 and upheld for issues 2, 3, 5 and 6."
static OUTCOME_FOR_NUMBERS: LazyLock<Regex> = LazyLock::new(|| {
    const NOUN: &str = r"(?:items?|issues?|requests?)\s+(?:nos?\.?\s*|#\s*)?";
    Regex::new(&format!(
        r"(?i)\b(?P<d>upheld|affirmed|overturned|reversed|non-?certified|not\s+certified|certified|denied|approved)\s+(?:for|as\s+to|on|regarding|with\s+respect\s+to)\s+(?:the\s+)?{NOUN}(?P<list>\d{{1,2}}(?:\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?:{NOUN})?\d{{1,2}})*)\b"
    ))
    .expect("outcome-for-numbers compiles")
});

/// Utilization review's own action ("Items 1 and 2 were non-certified by utilization review"):
/// the decision IMR reviews, not its determination.
static UR_ACTS: LazyLock<Regex> = LazyLock::new(|| {
    let agent = crate::decision::UR_AGENT;
    Regex::new(&format!(r"(?i)\b(?:by|per)\s+(?:the\s+)?{agent}\b|\b(?:utilization\s+review|UR|claims\s+administrator)\s+(?:had\s+|has\s+)?(?:denied|non-?certified|modified|certified|approved)\b"))
        .expect("UR acts compiles")
});

/// The number [`NUMBER`] reads in a line.
fn line_number(line: &str) -> Option<usize> {
    let c = NUMBER.captures(line)?;
    if let Some(r) = c.name("r").or(c.name("ir")) {
        return roman(r.as_str());
    }
    // "Issue C:" is the third.
    if let Some(l) = c.name("l") {
        return l.as_str().bytes().next().map(lettered);
    }
    c.name("n").or(c.name("nn")).or(c.name("h")).or(c.name("q"))?.as_str().parse().ok()
}

/// The number of a line that is a list's number and nothing else: "5." or "5)".
fn number_alone(line: &str) -> Option<usize> {
    let t = line.trim().strip_suffix(['.', ')'])?;
    (!t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok())?
}

/// The number a line opens on in parentheses: "(12) visits" is 12.
fn parenthesized_number(line: &str) -> Option<usize> {
    let rest = line.trim_start().strip_prefix('(')?;
    let digits = rest.find(|c: char| !c.is_ascii_digit()).filter(|&n| (1..=2).contains(&n))?;
    rest[digits..].starts_with(')').then(|| rest[..digits].parse().ok())?
}

/// The number of a lettered issue: "C" is the third.
fn lettered(b: u8) -> usize {
    usize::from(b - b'A') + 1
}

/// The value of a Roman numeral up to XII ("IV" is 4), as item lists number them.
fn roman(s: &str) -> Option<usize> {
    let digit = |c: char| match c.to_ascii_uppercase() {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        _ => None,
    };
    let values: Vec<i64> = s.chars().map(digit).collect::<Option<_>>()?;
    let mut total: i64 = 0;
    for (k, v) in values.iter().enumerate() {
        // A smaller numeral before a larger one is subtracted ("IV"); the sum may dip below
        // zero on the way, so it is kept signed.
        if values.get(k + 1).is_some_and(|next| next > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    usize::try_from(total).ok().filter(|&t| t > 0)
}

/// An issue put as a question ("Is X medically necessary and appropriate?").
static QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:is|are|was|were|whether|should)\s+(?:the\s+|a\s+|an\s+)?").expect("question compiles")
});

/// The end of an issue put as "Whether X is medically necessary" (no question mark).
static WHETHER_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(?:is|are)\s+(?:medically\s+)?(?:necessary|appropriate|reasonable|indicated)(?:\s+(?:and|or)\s+(?:medically\s+)?(?:necessary|appropriate|reasonable))?\s*\.?\s*$")
        .expect("whether tail compiles")
});

/// The end of an issue put as a question: "... medically necessary and appropriate?".
static QUESTION_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[\s,]*(?:(?:medically\s+)?(?:necessary|appropriate|reasonable|indicated)(?:\s+and\s+(?:medically\s+)?(?:necessary|appropriate|reasonable))?)?\s*\?\s*$")
        .expect("question tail compiles")
});

/// Words that introduce an item in a rationale heading rather than name it: "Regarding the
/// request for", or a label before a colon ("Issue at dispute: Acupuncture, 6 sessions",
/// "Disputed treatment: ...", "Treatment requested: ...").
static LEAD_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:regarding|concerning|as\s+(?:to|for|regards)|with\s+(?:regard|respect)\s+to|in\s+regard\s+to|re:)\s+|(?:(?:disputed|contested)\s+(?:issue|item|request|treatment|service)|(?:issue|item|request|treatment|service)s?\s+(?:at|in|under)\s+(?:dispute|issue)|requested\s+(?:treatment|service|item)|(?:treatment|service|item)\s+requested|issue|request)\s*:\s*)(?:the\s+)?(?:requested\s+|requests?\s+for\s+(?:the\s+|a\s+|an\s+)?)?")
        .expect("lead-in compiles")
});

/// The request phrase in a determination sentence.
/// A list entry that is a decision on its item: "The Claims Administrator's decision on the
/// EMG/NCV of the left upper extremity is overturned", "The UR denial of X is upheld", "The
/// non-certification of X is upheld".
static DECISION_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:the\s+)?(?:(?:claims\s+administrator(?:'s|\u{2019}s)?|utilization\s+review(?:er(?:'s|\u{2019}s)?)?|UR|prior|previous|original|initial)\s+(?:\w+\s+){0,2}?)?(?:decision|determination|denial|non-?certification)\s+(?:on|of|regarding|for|concerning|as\s+to)\s+(?:the\s+)?(?:request(?:ed)?\s+(?:for\s+)?(?:the\s+|a\s+|an\s+)?)?(?P<item>.+?)\s+(?:is|was|has\s+been)\s+(?:hereby\s+|therefore\s+)?(?P<d>upheld|affirmed|overturned|reversed)\b")
        .expect("decision-on compiles")
});

static REQUEST_FOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?:the\s+)?(?:(?:retrospective|prospective|concurrent)\s+)?(?:request(?:ed)?|prescription)\s+(?:for|of)\s+|determined\s+(?:that\s+)?(?:the\s+)?(?:(?:retrospective|prospective|concurrent)\s+)?(?:request(?:ed)?\s+(?:for|of)\s+)?)(?P<item>.+)$").expect("request-for compiles")
});

impl Letter {
    /// Decode and read a letter. Invalid UTF-8 is replaced (with a warning); empty and binary
    /// inputs, unknown layouts and letters without items are errors.
    pub fn from_bytes(name: impl Into<String>, bytes: &[u8]) -> Result<Letter, LetterError> {
        let name = name.into();
        let mut warnings = Vec::new();
        // UTF-16 with a byte-order mark (Windows "Unicode" text) is decoded, not called binary.
        let utf16 = match bytes {
            [0xFF, 0xFE, rest @ ..] => Some((rest, u16::from_le_bytes as fn([u8; 2]) -> u16, "little")),
            [0xFE, 0xFF, rest @ ..] => Some((rest, u16::from_be_bytes as fn([u8; 2]) -> u16, "big")),
            _ => None,
        };
        let decoded;
        let bytes = match utf16 {
            Some((rest, unit, endian)) => {
                let units = rest.chunks(2).map(|c| if c.len() == 2 { unit([c[0], c[1]]) } else { 0xFFFD });
                let text: String = char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')).collect();
                let bad = text.matches('\u{FFFD}').count();
                if bad * 10 > text.chars().count().max(1) {
                    return Err(LetterError::Binary(format!(
                        "it starts like UTF-16 ({endian}-endian) but most of it does not decode"
                    )));
                }
                if bad > 0 {
                    warnings.push(format!(
                        "the file is UTF-16 ({endian}-endian) with {bad} undecodable unit(s), replaced with U+FFFD"
                    ));
                }
                decoded = text.into_bytes();
                &decoded[..]
            }
            None => bytes,
        };
        let nul = bytes.iter().take(8192).filter(|&&b| b == 0).count();
        let control = bytes.iter().take(8192).filter(|&&b| b < 0x09 || (0x0e..0x20).contains(&b)).count();
        if nul > 0 || control * 20 > bytes.len().min(8192) {
            return Err(LetterError::Binary(if nul > 0 {
                "it contains NUL bytes".into()
            } else {
                "it is mostly control characters".into()
            }));
        }
        // A NUL past the first 8 KB is binary too (a text with a binary tail), not a letter.
        if let Some(at) = bytes.iter().position(|&b| b == 0) {
            return Err(LetterError::Binary(format!("it contains NUL bytes (the first at byte {at})")));
        }
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t.to_owned(),
            Err(e) => {
                let at = e.valid_up_to();
                let t = String::from_utf8_lossy(bytes).into_owned();
                warnings.push(format!("the file is not valid UTF-8 (first bad byte at offset {at}); undecodable bytes were replaced with U+FFFD"));
                let replaced = t.matches('\u{FFFD}').count();
                if replaced * 10 > t.chars().count().max(1) {
                    return Err(LetterError::Binary("most of it is not text in any encoding imrcheck reads".into()));
                }
                t
            }
        };
        let text = text.strip_prefix('\u{FEFF}').map(str::to_owned).unwrap_or(text);
        Letter::parse(name, text, warnings)
    }

    /// Read a letter from text.
    pub fn from_text(name: impl Into<String>, text: impl Into<String>) -> Result<Letter, LetterError> {
        Letter::parse(name.into(), text.into(), Vec::new())
    }

    fn parse(name: String, text: String, warnings: Vec<String>) -> Result<Letter, LetterError> {
        crate::pattern::letter_read();
        if text.trim().is_empty() {
            return Err(LetterError::Empty);
        }
        let (lines, rows) = split_joined_titles(&text, text::lines(&text));
        let mut layouts = detect_formats(&text);
        let Some(&format) = layouts.first() else {
            return Err(LetterError::UnknownLayout(
                "none of the three IMR layouts' headings was found (e.g. \"IMR ISSUES, DECISIONS AND RATIONALES\", \"Notice of Independent Medical Review Determination\", \"MEDICAL PROFESSIONAL REVIEW\")".into(),
            ));
        };
        // The 2014 method heading ("HOW THE IMR FINAL DETERMINATION WAS MADE") is furniture any
        // layout may carry: without the 2014 decision section, a 2013 layout's headings come
        // first (else a review's closing "item: Upheld" summary reads as the 2014 decision
        // lines, and its rationales are no item's).
        if layouts.len() > 1 && layouts[0] == Format::Y2014 && !ISSUES_2014.is_match(&text) {
            layouts.rotate_left(1);
        }
        let sections = sections(&text, &lines);
        let mut furniture: Vec<bool> = lines
            .iter()
            .map(|l| {
                let t = &text[l.span.start..l.span.end];
                !t.trim().is_empty() && text::is_furniture(t)
            })
            .collect();
        text::mark_running_lines(&text, &lines, &mut furniture);
        let (whole, prose) = Flow::from_lines_indexed(&text, &lines, |l| furniture.get(l.number).copied());
        let mut letter = Letter {
            name,
            text,
            warnings,
            lines,
            rows,
            format,
            sections,
            items: Vec::new(),
            whole,
            prose,
            starts: Vec::new(),
            furniture,
            listed: Vec::new(),
        };
        // Letters mix the layouts' furniture: a 2013 review under the 2014 method heading
        // ("HOW THE IMR FINAL DETERMINATION WAS MADE", then "ISSUES AT DISPUTE" and its
        // questions). Each layout whose headings the letter holds is tried, the earliest first,
        // and the first that finds items is the letter's (in the order set above).
        for (k, &f) in layouts.iter().enumerate() {
            letter.format = f;
            letter.starts = letter.find_starts();
            letter.items = match f {
                Format::Y2014 => items_2014(&letter),
                Format::Notice2013 | Format::Review2013 => items_by_necessity(&letter),
                Format::Unknown => Vec::new(),
            };
            // An item names something: a page number left alone on its line ("page\n\n70.")
            // or a bare count is no item.
            letter.items.retain(|it| it.text.value.chars().filter(|c| c.is_alphabetic()).take(2).count() == 2);
            // A notice under the 2014 headings: its list ("A. Massage x 8: The
            // non-certification is upheld.") is read by its sentences, as the 2013 notices are,
            // when no "item: Upheld" line is found or, without the 2014 decision section, when
            // that finds more items ("E. Medrox patches: Upheld." alone fits the 2014 line).
            // A 2014 letter whose decisions stand in a "Treatment | Decision" table: each
            // rationale below it is headed by its item, so the items and their blocks are read
            // by the rationales' sentences, and the layout stays the 2014 one.
            let table = f == Format::Y2014
                && !letter.items.is_empty()
                && letter.items.iter().all(|it| is_table_row(&letter, it));
            if f == Format::Y2014
                && layouts.len() == 1
                && (letter.items.is_empty() || !ISSUES_2014.is_match(&letter.text) || table)
            {
                let by_sentence = items_by_necessity(&letter);
                if table {
                    if by_sentence.len() >= letter.items.len() {
                        // The table states the decisions; a rationale's closing sentence may be
                        // taken for a like-named item's. Its rows and the rationales go in one
                        // order.
                        let rows = std::mem::replace(&mut letter.items, by_sentence);
                        for (item, row) in letter.items.iter_mut().zip(rows) {
                            if same_item(&item.text.value, &row.text.value) {
                                item.decision = row.decision;
                            }
                        }
                    }
                } else if by_sentence.len() > letter.items.len() {
                    letter.items = by_sentence;
                    letter.format = Format::Notice2013;
                }
            }
            if !letter.items.is_empty() {
                break;
            }
            if k + 1 < layouts.len() {
                continue;
            }
            // Nothing found: the error names the earliest layout, as before.
            letter.format = format;
            letter.starts = letter.find_starts();
        }
        let entries = application_entries(&letter);
        split_joint_items(&mut letter, &entries);
        add_application_entries(&mut letter, &entries);
        letter.listed = listed_entries(&letter, &entries);
        for (i, item) in letter.items.iter().enumerate() {
            if item.decision.value == Decision::Unknown {
                letter.warnings.push(format!(
                    "item {} (\"{}\"): the letter states no decision for it that imrcheck can read",
                    i + 1,
                    item.text.value
                ));
            }
        }
        if letter.items.is_empty() {
            return Err(LetterError::NoItems(
                format,
                format!(
                "the letter has the {} layout but no item with a decision (\"<item>: Upheld\" or \"... is (not) medically necessary\")",
                    format.as_str()
                ),
            ));
        }
        Ok(letter)
    }

    /// The text at `span`.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// 1-based line number of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.lines.binary_search_by(|l| {
            if offset < l.span.start {
                std::cmp::Ordering::Greater
            } else if offset > l.span.end {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Equal
            }
        }) {
            Ok(i) | Err(i) => match self.lines.get(i) {
                Some(l) => self.rows.get(l.number).copied().unwrap_or(l.number) + 1,
                None => self.rows.last().map_or(self.lines.len(), |r| r + 1),
            },
        }
    }

    /// The whole text as one flow.
    pub fn whole(&self) -> &Flow {
        &self.whole
    }

    /// Lines (physical) that fall inside `span`.
    pub fn lines_in(&self, span: Span) -> Vec<Line> {
        // Lines are in order and do not overlap: skip, by halving, to the first that can reach
        // the span (a block is found in time of its own size, not the letter's).
        let first = self.lines.partition_point(|l| l.span.end < span.start);
        self.lines[first..]
            .iter()
            .take_while(|l| l.span.start <= span.end)
            .filter(|l| {
                l.span.end >= span.start && l.span.start <= span.end && (l.span.start != span.end || span.is_empty())
            })
            .copied()
            .collect()
    }

    /// A flow over the lines of `span`, trimmed to it.
    pub fn flow(&self, span: Span) -> Flow {
        self.flow_of_lines(&self.lines_cut_to(span))
    }

    /// The lines of `span`, each cut to it.
    fn lines_cut_to(&self, span: Span) -> Vec<Line> {
        self.lines_in(span)
            .into_iter()
            .map(|mut l| {
                l.span =
                    Span::new(l.span.start.max(span.start), l.span.end.min(span.end).max(l.span.start.max(span.start)));
                l
            })
            .collect()
    }

    /// The flow over `lines` (the letter's, in order, some cut to a span), built as
    /// [`Flow::from_lines_knowing`] builds it: cut from the whole flow when the lines are a run
    /// of whole ones (a line cut to blank counts as none), normalised again otherwise.
    fn flow_of_lines(&self, lines: &[Line]) -> Flow {
        self.cut_from_whole(lines)
            .unwrap_or_else(|| Flow::from_lines_knowing(&self.text, lines, |l| self.known_furniture(l)))
    }

    fn cut_from_whole(&self, lines: &[Line]) -> Option<Flow> {
        let (first, last) = (lines.first()?, lines.last()?);
        let is_whole = |l: &Line| self.lines.get(l.number).is_some_and(|w| w.span == l.span);
        let run = lines.windows(2).all(|w| w[1].number == w[0].number + 1);
        if !run || !lines.iter().all(|l| is_whole(l) || self.slice(l.span).trim().is_empty()) {
            return None;
        }
        let mut from = self.prose.partition_point(|p| p.number < first.number);
        let mut to = self.prose.partition_point(|p| p.number <= last.number);
        // A line cut to blank is no prose of the run, though its whole line is.
        if from < to && !is_whole(first) && self.prose[from].number == first.number {
            from += 1;
        }
        if from < to && !is_whole(last) && self.prose[to - 1].number == last.number {
            to -= 1;
        }
        if from >= to {
            return Some(self.whole.slice(0, 0, last.span.end));
        }
        // The whole flow dropped this line's closing hyphen for the next line, which the run
        // ends before.
        if self.prose[to - 1].hyphen_break {
            return None;
        }
        Some(self.whole.slice(self.prose[from].start, self.prose[to - 1].end, last.span.end))
    }

    /// Whether `l` is page furniture, if `l` is one of the letter's lines whole.
    fn known_furniture(&self, l: &Line) -> Option<bool> {
        self.lines
            .get(l.number)
            .filter(|whole| whole.span == l.span)
            .and_then(|_| self.furniture.get(l.number).copied())
    }

    /// Whether `l` (a line of the letter, whole or in part) is page furniture.
    fn is_furniture_line(&self, l: &Line) -> bool {
        self.known_furniture(l).unwrap_or_else(|| text::is_furniture(self.slice(l.span)))
    }

    /// A flow over several spans, in order.
    pub fn flow_many(&self, spans: &[Span]) -> Flow {
        let mut lines: Vec<Line> = spans.iter().flat_map(|span| self.lines_cut_to(*span)).collect();
        // Spans that overlap give a line twice.
        lines.sort_by_key(|l| (l.span.start, l.span.end));
        lines.dedup_by_key(|l| l.span);
        self.flow_of_lines(&lines)
    }

    /// Sections of a kind.
    pub fn sections_of(&self, kind: SectionKind) -> impl Iterator<Item = &Section> {
        self.sections.iter().filter(move |s| s.kind == kind)
    }

    /// The span of the case summary sections (or an empty span).
    pub fn summary(&self) -> Vec<Span> {
        self.sections_of(SectionKind::Summary).map(|s| s.body).collect()
    }

    /// Where each letter starts, when one file holds several (letters concatenated, or a
    /// batch printed to one PDF): the lines that open the layout, such as "MEDICAL
    /// PROFESSIONAL REVIEW". A single letter has one start, at 0. An item reads the case
    /// summary of its own letter only, so such a file takes time in proportion to its length.
    pub fn starts(&self) -> &[usize] {
        &self.starts
    }

    /// Which letter of the file ([`Letter::starts`]) holds `offset`.
    pub fn letter_at(&self, offset: usize) -> usize {
        letter_at(&self.starts, offset)
    }

    fn find_starts(&self) -> Vec<usize> {
        let Some((_, opening)) = OPENING.iter().find(|(f, _)| *f == self.format) else {
            return vec![0];
        };
        let mut out = vec![0];
        let mut seen = false;
        for l in &self.lines {
            let line = self.slice(l.span).trim();
            // A cheap test first: the opening words are a line of their own.
            if line.len() < 16 || line.len() > 80 || !opening.is_match(line) {
                continue;
            }
            // The first opening is this letter's own.
            if seen {
                out.push(l.span.start);
            }
            seen = true;
        }
        // A title repeated as a page header is not a new letter: each letter of a file has a
        // case summary of its own, so a start is kept only when the part before it and the part
        // after it (up to the next start) each hold a summary heading.
        let summaries: Vec<usize> = self.sections_of(SectionKind::Summary).map(|s| s.heading.start).collect();
        let holds = |from: usize, to: usize| {
            let k = summaries.partition_point(|&x| x < from);
            summaries.get(k).is_some_and(|&x| x < to)
        };
        let mut kept = vec![0];
        for (k, &at) in out.iter().enumerate().skip(1) {
            let next = out.get(k + 1).copied().unwrap_or(usize::MAX);
            if holds(*kept.last().unwrap_or(&0), at) && holds(at, next) {
                kept.push(at);
            }
        }
        kept
    }
}

/// The line that opens a letter of each layout (its first marker), alone on a line.
static OPENING: LazyLock<Vec<(Format, Regex)>> = LazyLock::new(|| {
    LAYOUTS
        .iter()
        .filter_map(|l| {
            let m = l.markers.first()?;
            Some((l.format, Regex::new(&format!(r"(?i)^\s*(?:{m})\s*$")).expect("opening compiles")))
        })
        .collect()
});

/// Which layout a text has.
pub fn detect_format(text: &str) -> Format {
    detect_formats(text).first().copied().unwrap_or(Format::Unknown)
}

/// Every layout whose headings the text holds, the earliest first: a 2014 letter quoting an
/// older notice keeps its own layout.
fn detect_formats(text: &str) -> Vec<Format> {
    // The first line each layout's markers open.
    let mut found: Vec<(usize, Format)> = Vec::new();
    for c in LAYOUT_RE.captures_iter(text) {
        let Some(i) = LAYOUT_GROUPS.iter().position(|g| c.name(g).is_some()) else { continue };
        let format = LAYOUTS[i].format;
        if !found.iter().any(|&(_, f)| f == format) {
            found.push((c.get(0).map_or(0, |m| m.start()), format));
        }
        if found.len() == LAYOUTS.len() {
            break;
        }
    }
    // None of the layouts' headings, but an IMR determination all the same ("Independent
    // Medical Review Final Determination Letter ... We have determined: 1. X is not medically
    // necessary"): read by its sentences, as a 2013 notice.
    // A title naming the reviewer's report ("INDEPENDENT MEDICAL REVIEW - REVIEWER'S REPORT",
    // "PHYSICIAN REVIEW REPORT") is the review's layout under other headings.
    if found.is_empty() {
        if let Some(m) = IMR_TITLE.find(text) {
            let head = &text[..crate::text::floor_char(text, text.len().min(1500))];
            let format = if REPORT_TITLE.is_match(head) { Format::Review2013 } else { Format::Notice2013 };
            found.push((m.start(), format));
        }
    }
    found.sort_by_key(|&(at, _)| at);
    let mut out: Vec<Format> = Vec::new();
    for (_, f) in found {
        if !out.contains(&f) {
            out.push(f);
        }
    }
    out
}

/// Words that say what an unlisted heading opens, tried in this order: a heading in capitals
/// that no pattern of [`HEADINGS`] knows ("ANALYSIS AND DETERMINATION:", "STANDARDS APPLIED:",
/// "CLINICAL HISTORY:") is read by the first of these words it holds.
const HEADING_WORDS: &[(&[&str], SectionKind)] = &[
    (
        &[
            "APPEAL",
            "QUALIFICATION",
            "CREDENTIAL",
            "ATTESTATION",
            "CERTIFICATION",
            "REVIEWED",
            "ENCLOSURE",
            "SIGNATURE",
            "NOTICE OF",
        ],
        SectionKind::Other,
    ),
    (&["RATIONALE", "ANALYSIS", "DISCUSSION", "REASON", "BASIS FOR", "EXPLANATION", "OPINION"], SectionKind::Rationale),
    (&["GUIDELINE", "STANDARD", "CRITERIA", "REFERENCE", "EVIDENCE"], SectionKind::Guidelines),
    (
        &["ISSUE", "DISPUTE", "DISPUTED", "REQUESTED", "ITEMS", "DETERMINATION", "DECISION", "QUESTION"],
        SectionKind::Issues,
    ),
    (&["SUMMARY", "HISTORY", "BACKGROUND", "CLINICAL", "FACTS", "PRESENTATION", "SYNOPSIS"], SectionKind::Summary),
];

fn heading_kind(line: &str) -> Option<SectionKind> {
    let t = line.trim();
    if t.len() < 4 || t.len() > 160 {
        return None;
    }
    if let Some(closed) = letter_spaced(t) {
        return heading_kind(&closed);
    }
    let listed = |t: &str| {
        ANY_HEADING.is_match(t).then(|| HEADING_RES.iter().find(|(re, _)| re.is_match(t)).map(|(_, k)| *k)).flatten()
    };
    listed(t).or_else(|| capital_heading(t)).or_else(|| {
        // "III. RATIONALE", "I. ISSUES AT DISPUTE": a known heading under a Roman numeral, as
        // the layout markers are read (a capital line under another number is an item's title).
        let rest = t.trim_start_matches(['I', 'V', 'X']);
        let numeral = t.len() - rest.len();
        (1..=4).contains(&numeral).then(|| rest.strip_prefix(['.', ')'])).flatten().and_then(|r| listed(r.trim_start()))
    })
}

/// A heading set in spaced capitals, as some templates print it and PDF extraction keeps it
/// ("R A T I O N A L E", "C A S E   S U M M A R Y"): the heading closed up, a wider gap kept as
/// the space between words. `None` for any other line.
fn letter_spaced(t: &str) -> Option<String> {
    let b = t.trim_end_matches(':').as_bytes();
    // Capitals at every other byte, the bytes between them spaces: "R A T I O N A L E".
    let spaced = b.len() >= 7
        && b.iter().step_by(2).all(|c| c.is_ascii_uppercase() || *c == b' ')
        && b.iter().skip(1).step_by(2).all(|c| *c == b' ')
        && b[0].is_ascii_uppercase();
    if !spaced {
        return None;
    }
    let closed: Vec<String> =
        t.split("   ").map(|w| w.split(' ').collect::<String>()).filter(|w| !w.is_empty()).collect();
    Some(closed.join(" "))
}

/// A short line in capitals, two to six words, alone or before a colon, read by
/// [`HEADING_WORDS`].
fn capital_heading(t: &str) -> Option<SectionKind> {
    let label = t.strip_suffix(':').unwrap_or(t).trim_end();
    // Cheapest first: most lines fail at their first small letter.
    if label.len() > 60
        || !label
            .chars()
            .all(|c| c.is_ascii_uppercase() || matches!(c, ' ' | '(' | ')' | '&' | '/' | ',' | '-' | '\'' | '\u{2019}'))
        || !(2..=6).contains(&label.split_whitespace().count())
    {
        return None;
    }
    // A word of the table at the start of a word of the label ("DETERMINATIONS" holds
    // "DETERMINATION").
    let at_word = |w: &str| label.match_indices(w).any(|(i, _)| i == 0 || label.as_bytes()[i - 1] == b' ');
    HEADING_WORDS.iter().find(|(ws, _)| ws.iter().any(|w| at_word(w))).map(|(_, k)| *k)
}

fn sections(text: &str, lines: &[Line]) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    let mut current = Section { kind: SectionKind::Header, heading: Span::new(0, 0), body: Span::new(0, 0) };
    for l in lines {
        let t = &text[l.span.start..l.span.end];
        let numbered_decision = ((NUMBERED.is_match(t) && NECESSITY.is_match(t))
            // "DOCUMENTS REVIEWED" and its list, then "ISSUE 1: Is physical therapy ...
            // medically" / "necessary and appropriate?": an issue's label ends the section of
            // documents, though the line breaks before the words of necessity.
            || (current.kind == SectionKind::Other && issue_labelled(t)))
            && current.kind != SectionKind::Header
            && current.kind != SectionKind::Issues;
        let kind = heading_kind(t).or(numbered_decision.then_some(SectionKind::Issues));
        if let Some(kind) = kind {
            current.body.end = l.span.start;
            out.push(current);
            // A heading such as "ISSUE AT DISPUTE: Physical therapy x12" carries body text after
            // its colon; the body starts there.
            let body_start = t
                .find(':')
                .map(|c| l.span.start + c + 1)
                .filter(|&b| b < l.span.end && !t[t.find(':').unwrap_or(0) + 1..].trim().is_empty())
                .unwrap_or(l.span.end);
            current = Section { kind, heading: l.span, body: Span::new(body_start, body_start) };
        }
    }
    current.body.end = text.len();
    out.push(current);
    out.retain(|s| s.kind != SectionKind::Header || !s.body.is_empty());
    out
}

fn is_blank(text: &str, l: &Line) -> bool {
    text[l.span.start..l.span.end].trim().is_empty()
}

/// A line that carries the letter's words: not blank, not page furniture.
fn is_prose(letter: &Letter, l: &Line) -> bool {
    !is_blank(&letter.text, l) && !letter.is_furniture_line(l)
}

/// The letter's prose lines, in order.
fn prose_lines(letter: &Letter) -> Vec<&Line> {
    letter.lines.iter().filter(|l| is_prose(letter, l)).collect()
}

fn items_2014(letter: &Letter) -> Vec<Item> {
    let found = items_2014_by(letter, &ITEM_2014, true);
    if found.is_empty() {
        items_2014_by(letter, &GAP_ROW_2014, false)
    } else {
        found
    }
}

/// The 2014 items whose lines `row` reads ("item: Upheld", or a table's row). With
/// `numbered_gaps`, a numbered line whose decision a gap sets apart ("1. Tramadol ER 150mg #30
/// <spaces> Upheld") is an item line too: a list may mix the two shapes.
fn items_2014_by(letter: &Letter, row: &Regex, numbered_gaps: bool) -> Vec<Item> {
    let text = &letter.text;
    let mut found: Vec<(Spanned<String>, Spanned<Decision>, usize)> = Vec::new();
    for section in letter.sections_of(SectionKind::Issues) {
        let lines = letter.lines_in(section.body);
        // Page furniture between the halves of an item cut by a page break is not part of it.
        let prose: Vec<&Line> = lines.iter().filter(|l| is_prose(letter, l)).collect();
        // Looked for only when a gap row with a wrapped name is met, which few letters hold.
        let has_rows = || prose.iter().any(|l| row.is_match(&text[l.span.start..l.span.end]));
        let tail_of = |i: usize| prose.get(i + 1).copied().filter(|n| name_tail(&text[n.span.start..n.span.end]));
        for (di, dl) in prose.iter().enumerate() {
            let t = &text[dl.span.start..dl.span.end];
            // "item: Upheld" on one line, or "item:" with the decision alone on the next.
            // A row set out by a gap may stand among "item: Upheld" lines too: numbered, or with
            // its name wrapped onto the next line ("Chiropractic ... for the lumbar      Upheld" /
            // "spine").
            let by_row = row.captures(t).or_else(|| {
                if numbered_gaps && (NUMBERED.is_match(t) || (tail_of(di).is_some() && has_rows())) {
                    GAP_ROW_2014.captures(t)
                } else {
                    None
                }
            });
            let (pi, end, d) = if let Some(c) = by_row {
                let (Some(item), Some(d)) = (c.name("item"), c.name("d")) else {
                    continue;
                };
                (di, dl.span.start + item.end(), Span::new(dl.span.start + d.start(), dl.span.start + d.end()))
            } else if let Some(d) = LONE_DECISION.captures(t).and_then(|c| c.name("d")) {
                let Some(prev) = di.checked_sub(1).map(|p| prose[p]) else { continue };
                let pt = text[prev.span.start..prev.span.end].trim_end();
                // "item:" or a title of its own ("Aquatic therapy 2x6 for the right hip"), not
                // the end of a sentence of the rationale before it.
                let title = !pt.ends_with(['.', ';', ',']) && pt.len() <= 200;
                if !(pt.ends_with(':') || title) || pt.len() < 3 || heading_kind(pt).is_some() {
                    continue;
                }
                let item_end = prev.span.start + pt.trim_end_matches(':').trim_end().len();
                (di - 1, item_end, Span::new(dl.span.start + d.start(), dl.span.start + d.end()))
            } else if let Some((item_end, status)) = status_row(t) {
                (di, dl.span.start + item_end, Span::new(dl.span.start + status.start, dl.span.start + status.end))
            } else {
                continue;
            };
            let words = &text[d.start..d.end];
            let decision = if crate::decision::no_determination(words) {
                Decision::Unknown
            } else if words.eq_ignore_ascii_case("upheld")
                || crate::decision::of_sentence(words).is_some_and(|st| st.part)
            {
                // "Partially Overturned": a part of the request allowed, the rest denied; the
                // IMR decides the request as made, so it is upheld (docs/verdicts.md).
                Decision::Upheld
            } else {
                Decision::Overturned
            };
            // An item wrapped over lines starts after the last line that ends a sentence or a
            // label ("set forth below:", "...necessary."), at most two lines up.
            let mut first = pi;
            while first > 0 && pi - first < 2 {
                let prev = &text[prose[first - 1].span.start..prose[first - 1].span.end];
                let pt = prev.trim_end();
                // "(DOS:" / "04/19/2016): Upheld": a colon inside an open parenthesis labels no
                // list; the name goes on.
                let open_label = pt.ends_with(':') && pt.matches('(').count() > pt.matches(')').count();
                if (pt.ends_with(['.', ':', ';', '|']) && !open_label)
                    || pt.contains(" | ")
                    || heading_kind(prev).is_some()
                    || row.is_match(prev)
                    || GAP_ROW_2014.is_match(prev)
                    || pt.len() > 110
                {
                    break;
                }
                first -= 1;
            }
            let start = prose[first].span.start
                + (text[prose[first].span.start..].len() - text[prose[first].span.start..].trim_start().len());
            let item_lines: Vec<Line> = prose[first..=pi].iter().map(|x| **x).collect();
            let mut flow_lines = item_lines.clone();
            if let Some(last) = flow_lines.last_mut() {
                last.span.end = end;
            }
            let mut item_text =
                Flow::from_lines_knowing(text, &flow_lines, |l| letter.known_furniture(l)).as_str().trim().to_owned();
            // A numbered list of items ("1. Norco 10/325mg #60: Upheld"): the number is the
            // list's, not the item's words.
            let mut start = start;
            if let Some(m) = NUMBERED.find(&text[start..prose[first].span.end.max(start)]) {
                let marker = &text[start..start + m.end()];
                if m.end() < end - start && item_text.starts_with(marker.trim_end()) {
                    item_text = item_text[marker.trim_end().len()..].trim_start().to_owned();
                    start += m.end();
                }
            }
            // A gap row's name wrapped below its decision: the tail is the name's, and the
            // rationale starts after it.
            let mut after = dl.span.end;
            if d.start > end && !text[end..d.start].contains([':', '|']) {
                if let Some(tail) = tail_of(di) {
                    item_text.push(' ');
                    item_text.push_str(text[tail.span.start..tail.span.end].trim());
                    after = tail.span.end;
                }
            }
            found.push((Spanned::new(item_text, Span::new(start, end)), Spanned::new(decision, d), after));
        }
    }
    let ends: Vec<usize> = found
        .iter()
        .skip(1)
        .map(|(t, _, _)| t.span.start)
        .chain(std::iter::once(block_end(letter, found.last().map(|f| f.2).unwrap_or(0))))
        .collect();
    found
        .into_iter()
        .zip(ends)
        .map(|((text, decision, after), end)| Item { text, decision, block: vec![Span::new(after, end.max(after))] })
        .collect()
}

/// The tail of a table row's name cell that a PDF wrapped below the row's decision ("spine",
/// "extremities x 6"): a few words, no sentence, starting with a small letter.
fn name_tail(line: &str) -> bool {
    let t = line.trim();
    t.len() <= 40
        && t.starts_with(|c: char| c.is_ascii_lowercase())
        && !t.ends_with(['.', ':', ';'])
        && !VERB_BETWEEN_WORDS.is_match(&format!(" {t} "))
}

/// An item line that gives a status instead of a decision ("Orthopedic surgery consultation
/// for the right shoulder: Withdrawn", "MRI of the knee: Not reviewed"): where the item ends and
/// where the status stands. The status is the whole value, a few words at most.
fn status_row(line: &str) -> Option<(usize, std::ops::Range<usize>)> {
    let at = line.rfind(": ")?;
    let item = line[..at].trim();
    let value = line[at + 1..].trim().trim_end_matches('.').trim_end();
    if item.len() < 3 || value.is_empty() || value.split_whitespace().count() > 6 || heading_kind(line).is_some() {
        return None;
    }
    let start = at + 1 + (line[at + 1..].len() - line[at + 1..].trim_start().len());
    crate::decision::no_determination(value).then_some((at, start..start + value.len()))
}

/// A notice's cover field that lists the treatments in dispute as the application named them
/// ("Treatment(s) in Dispute Listed on IMR Application:"), its entries on the lines below.
static APPLICATION_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^[ \t]*Treatments?(?:\(s\))?\s+in\s+Dispute\s+(?:as\s+)?Listed\s+on\s+(?:the\s+)?(?:IMR\s+)?Application\s*:[ \t]*")
        .expect("application list compiles")
});

/// The entries of the application's list: its lines (up to a blank line, a heading or another
/// label), cut at their semicolons; or, numbered from 1, an entry a number, with the lines that
/// carry it on.
fn application_entries(letter: &Letter) -> Vec<(Span, String)> {
    // Most letters have no such list: one scan for its words, in any case, before the pattern.
    static LISTED: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(["listed on"])
            .expect("listed-on search builds")
    });
    if !LISTED.is_match(&letter.text) {
        return Vec::new();
    }
    let Some(label) = APPLICATION_LIST.find(&letter.text) else { return Vec::new() };
    let mut lines: Vec<Span> = Vec::new();
    for l in letter.lines.iter().skip_while(|l| l.span.end < label.end()) {
        if l.span.start < label.end() {
            // The label's own line: its words after the colon, if any.
            if label.end() < l.span.end && !letter.slice(Span::new(label.end(), l.span.end)).trim().is_empty() {
                lines.push(Span::new(label.end(), l.span.end));
            }
            continue;
        }
        let t = letter.slice(l.span).trim();
        if letter.is_furniture_line(l) {
            continue;
        }
        if t.is_empty() || heading_kind(t).is_some() || t.ends_with(':') || lines.len() >= 12 {
            break;
        }
        lines.push(l.span);
    }
    let (Some(first), Some(last)) = (lines.first(), lines.last()) else { return Vec::new() };
    let all = Span::new(first.start, last.end);
    let mut entries: Vec<Span> = Vec::new();
    if letter.slice(all).contains(';') {
        let flow = letter.flow(all);
        let body = flow.as_str();
        let mut from = 0;
        for (at, _) in body.match_indices(';').chain(std::iter::once((body.len(), ""))) {
            entries.push(flow.span(from, at));
            from = (at + 1).min(body.len());
        }
    } else {
        // "1) Functional restoration program, 160 hours" / "2) Trigger point injections x4":
        // numbered from 1, each number an entry; a line in lower case, or after one that breaks
        // off, carries it on; another numbering ("1) Regarding the request for ...") ends the
        // list.
        for span in lines {
            let raw = letter.slice(span);
            match line_number(raw) {
                Some(n) if n == entries.len() + 1 => {
                    let words = ENTRY_NUMBER.find(raw).map_or(0, |m| m.end());
                    entries.push(Span::new(span.start + words, span.end));
                }
                Some(_) => break,
                None => match entries.last_mut() {
                    Some(e)
                        if carries_on(raw)
                            || raw.trim_start().starts_with(char::is_lowercase)
                            || breaks_off(letter.slice(*e)) =>
                    {
                        e.end = span.end;
                    }
                    _ => break,
                },
            }
        }
        if entries.len() < 2 {
            return Vec::new();
        }
    }
    entries
        .into_iter()
        .filter_map(|e| {
            let flow = letter.flow(e);
            let raw = flow.as_str();
            let lead = raw.len() - raw.trim_start().len();
            let t = raw.trim();
            (t.chars().filter(|c| c.is_alphabetic()).count() >= 3)
                .then(|| (flow.span(lead, lead + t.len()), t.to_owned()))
        })
        .collect()
}

/// For each entry of the application's list, the items it names ([`same_item`]).
fn entry_names(items: &[Item], entries: &[(Span, String)]) -> Vec<Vec<usize>> {
    entries.iter().map(|(_, e)| (0..items.len()).filter(|&i| same_item(&items[i].text.value, e)).collect()).collect()
}

impl Letter {
    /// For each item, the entry of the application's list that names it and no other item,
    /// when exactly one does: the request as the application filed it ("TENS unit 30 day home
    /// trial" for an item decided as "the TENS unit").
    pub fn listed(&self) -> &[Option<Span>] {
        &self.listed
    }
}

/// [`Letter::listed`], found once.
fn listed_entries(letter: &Letter, entries: &[(Span, String)]) -> Vec<Option<Span>> {
    let mut out = vec![None; letter.items.len()];
    if entries.is_empty() {
        return out;
    }
    let names = entry_names(&letter.items, entries);
    for (i, slot) in out.iter_mut().enumerate() {
        let mut naming = entries.iter().zip(&names).filter(|(_, n)| n.contains(&i));
        if let (Some(((span, _), n)), None) = (naming.next(), naming.next()) {
            if n.len() == 1 {
                *slot = Some(*span);
            }
        }
    }
    out
}

/// The number that opens an entry's line ("1) ", "2. ").
static ENTRY_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*\d{1,2}[.)]\s+").expect("entry number compiles"));

/// An item read from a decision that names two or more of the application's entries jointly
/// ("3. Tramadol ER 150mg #30 and Cyclobenzaprine 7.5mg #60 are not medically necessary and
/// appropriate", the application listing each) is those items, each named as the application
/// names it, with the decision and the block they share.
fn split_joint_items(letter: &mut Letter, entries: &[(Span, String)]) {
    if entries.len() <= letter.items.len() {
        return;
    }
    let mut out: Vec<Item> = Vec::with_capacity(entries.len());
    for item in std::mem::take(&mut letter.items) {
        let lower = item.text.value.to_ascii_lowercase();
        let parts: Vec<&str> = joint_parts(&lower).map(str::trim).collect();
        // Each part names one entry of its own, and no two parts the same one.
        let only = |part: &str| {
            let mut naming = entries.iter().enumerate().filter(|(_, (_, e))| same_item(e, part)).map(|(k, _)| k);
            match (naming.next(), naming.next()) {
                (Some(k), None) => Some(k),
                _ => None,
            }
        };
        let named: Option<Vec<usize>> = parts.iter().map(|p| only(p)).collect();
        match named {
            Some(ks) if ks.len() > 1 && (1..ks.len()).all(|k| !ks[..k].contains(&ks[k])) => {
                out.extend(ks.into_iter().map(|k| Item {
                    text: Spanned::new(entries[k].1.clone(), entries[k].0),
                    decision: item.decision.clone(),
                    block: item.block.clone(),
                }));
            }
            _ => out.push(item),
        }
    }
    letter.items = out;
}

/// The application's list names every item in dispute: an entry that no item read from the
/// decisions names is an item too, with no decision ("urine toxicology screen", listed and never
/// decided). Only when every item read is named by exactly one entry, each entry naming at most
/// one item, so that an entry abbreviated past recognition ("LESI L5-S1") adds nothing.
fn add_application_entries(letter: &mut Letter, entries: &[(Span, String)]) {
    let Some(names) = names_one_for_one(&letter.items, entries) else { return };
    // Each unnamed entry goes after the item that the nearest entry above it names (first when
    // none does); the items read keep their order.
    let mut after: Vec<Vec<Item>> = (0..=letter.items.len()).map(|_| Vec::new()).collect();
    for (k, (span, text)) in entries.iter().enumerate() {
        if names[k].is_empty() {
            let slot = names[..k].iter().rev().find_map(|n| n.first()).map_or(0, |&i| i + 1);
            after[slot].push(Item {
                text: Spanned::new(text.clone(), *span),
                decision: Spanned::new(Decision::Unknown, *span),
                block: Vec::new(),
            });
        }
    }
    let mut slots = after.into_iter();
    let mut out: Vec<Item> = slots.next().unwrap_or_default();
    for (item, extra) in std::mem::take(&mut letter.items).into_iter().zip(slots) {
        out.push(item);
        out.extend(extra);
    }
    letter.items = out;
}

fn is_table_row(letter: &Letter, item: &Item) -> bool {
    letter.text.get(item.text.span.end..item.decision.span.start).is_some_and(|between| !between.contains([':', '\n']))
}

/// Where the last item's block ends: the next non-issue section, or the end of the letter.
fn block_end(letter: &Letter, from: usize) -> usize {
    letter
        .sections
        .iter()
        .filter(|s| {
            s.heading.start >= from
                && !matches!(s.kind, SectionKind::Issues | SectionKind::Rationale | SectionKind::Guidelines)
        })
        .map(|s| s.heading.start)
        .min()
        .unwrap_or(letter.text.len())
}

/// Notice and review layouts. Items are the numbered entries that state their own decision
/// ("1. X is not medically necessary and appropriate", "1) MAXIMUS ... has determined the
/// request for X is ..."), wherever they stand; without such entries, the list under the issues
/// heading, with decisions from "the request for X is (not) medically necessary" sentences.
fn items_by_necessity(letter: &Letter) -> Vec<Item> {
    // A list run together on one line ("Issues at Dispute: A, B, C") is read only when the
    // letter, read without it, holds fewer items than it names: the letter's other lists and
    // titles name them with their decisions and their own words.
    let (items, listed_together) = items_by_necessity_reading(letter, false);
    // Only a list that shares a word with each item read: one abbreviated past recognition
    // ("PT 3X4 RW; UDS; TRAM ER" for "physical therapy 3x4 for the right wrist") may not be the
    // same list, and its items would take other items' decisions.
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphabetic()).filter(|w| w.len() >= 4).map(str::to_lowercase).collect()
    };
    let listed_words: Vec<String> = listed_together.iter().flat_map(|t| words(t)).collect();
    let names_each = || items.iter().all(|i| words(&i.text.value).iter().any(|w| listed_words.contains(w)));
    if listed_together.len() > items.len() && names_each() && !application_completes(letter, &items) {
        let (more, _) = items_by_necessity_reading(letter, true);
        if more.len() > items.len() {
            return more;
        }
    }
    items
}

/// Whether the application's list, cut at its semicolons or numbers, adds what `items` lack
/// ([`add_application_entries`]).
fn application_completes(letter: &Letter, items: &[Item]) -> bool {
    names_one_for_one(items, &application_entries(letter)).is_some()
}

/// Each entry's items ([`entry_names`]), when the entries are more than the items, every item is
/// named by exactly one entry and no entry names two: the entries the items lack are theirs to
/// add ([`add_application_entries`]).
fn names_one_for_one(items: &[Item], entries: &[(Span, String)]) -> Option<Vec<Vec<usize>>> {
    if items.is_empty() || entries.len() <= items.len() {
        return None;
    }
    let names = entry_names(items, entries);
    let named_once = (0..items.len()).all(|i| names.iter().filter(|n| n.contains(&i)).count() == 1);
    (named_once && names.iter().all(|n| n.len() <= 1)).then_some(names)
}

/// [`items_by_necessity`], reading a list run together on one line or not; with the items that
/// list names.
fn items_by_necessity_reading(letter: &Letter, read_run_together: bool) -> (Vec<Item>, Vec<String>) {
    let whole = letter.whole();
    let ft = whole.as_str();
    // Every determination: (subject span, subject, named by "request for", decision).
    let mut determinations: Vec<(Span, String, bool, Spanned<Decision>)> = Vec::new();
    for &(s, e) in whole.sentences() {
        let sentence = &ft[s..e];
        // "Issue 2: Is chiropractic manipulation x 6 medically necessary?" asks; it decides nothing.
        if asks(sentence) {
            continue;
        }
        let found: Vec<_> = NECESSITY.captures_iter(sentence).collect();
        // "X is medically necessary and appropriate for 4 visits only; the remaining 2 visits are
        // not": a part allowed decides the sentence's request upheld (docs/verdicts.md).
        let part = if found.is_empty() { None } else { crate::decision::of_sentence(sentence).filter(|st| st.part) };
        for c in found {
            let (Some(verb), Some(tail)) = (c.name("verb"), c.name("tail")) else { continue };
            let before = sentence[..verb.start()].trim_end();
            let (subject, sub_start, explicit) = match REQUEST_FOR.captures(before).and_then(|rc| rc.name("item")) {
                Some(im) => (im.as_str(), im.start(), true),
                None => (before, 0, false),
            };
            let subject = subject.trim().trim_end_matches(',').trim();
            if subject.is_empty() || subject.len() > 300 {
                continue;
            }
            let (decision, dspan) = match part {
                Some(st) => (Decision::Upheld, whole.span(s + st.start, s + st.end)),
                None if c.name("not").is_some() => (Decision::Upheld, whole.span(s + verb.start(), s + tail.end())),
                None => (Decision::Overturned, whole.span(s + verb.start(), s + tail.end())),
            };
            let lead = before[sub_start..].len() - before[sub_start..].trim_start().len();
            let ispan = whole.span(s + sub_start + lead, s + sub_start + lead + subject.len());
            determinations.push((
                ispan,
                subject.to_owned(),
                explicit && !looks_generic(subject),
                Spanned::new(decision, dspan),
            ));
        }
        // "Ultram ER 300mg #30: not medically necessary; upheld. Series of three Synvisc
        // injections: medically necessary; overturned.": determinations as a label and its
        // value, run together in a paragraph. Each part between semicolons is one, if its
        // value is a decision alone.
        let mut from = 0;
        for part in sentence.split_inclusive(';') {
            let at = from;
            from += part.len();
            let Some((subject, value)) = part.split_once(": ") else { continue };
            if NECESSITY.is_match(part) {
                continue;
            }
            let value_at = subject.len() + 2;
            let trimmed = value.trim_end().trim_end_matches(['.', ';']).trim_end();
            let Some(decision) = value_outcome(trimmed) else { continue };
            let lead = subject.len() - subject.trim_start().len();
            let subject = subject.trim();
            if subject.is_empty() || subject.len() > 200 || subject.contains(':') {
                continue;
            }
            let v_lead = value.len() - value.trim_start().len();
            let v_start = s + at + value_at + v_lead;
            determinations.push((
                whole.span(s + at + lead, s + at + lead + subject.len()),
                subject.to_owned(),
                false,
                Spanned::new(decision, whole.span(v_start, v_start + trimmed.trim_start().len())),
            ));
        }
    }
    let mut entries = numbered_entries(letter);
    entries.extend(dotted_entries(letter, &entries));
    entries.extend(unnumbered_titles(letter, &entries));
    entries.extend(unnumbered_list(letter, &entries));
    let mut run_together: Vec<Entry> = run_together_list(letter, &entries, &headed_entries(letter, &entries));
    let listed_together: Vec<String> = run_together.iter().map(|e| e.text.clone()).collect();
    if !read_run_together {
        run_together.clear();
    }
    let run_together_at: Vec<Span> = run_together.iter().map(|e| e.lines).collect();
    entries.extend(run_together);
    entries.sort_by_key(|e| e.lines.start);
    drop_ur_column(letter, &mut entries);
    let mut items: Vec<Item> = Vec::new();
    // Decisions to fall back on when an item's own rationale states none: (item, decision).
    let mut later: Vec<(usize, Option<Spanned<Decision>>)> = Vec::new();
    let inline: Vec<&Entry> = entries.iter().filter(|e| e.decision.is_some()).collect();
    // Items whose decision was taken from the letter's last determination only because they
    // seemed to be its one item.
    let mut guessed: Vec<String> = Vec::new();
    // A list under "ISSUE(S) AT DISPUTE" names the items; decisions come from the statements.
    // A title over its own guidelines and rationale restates an item; it is not the list.
    // Numbered entries that are titles over their own rationale, found once.
    let headed: Vec<&Entry> = headed_entries(letter, &entries);
    let titles: Vec<Span> = headed.iter().map(|e| e.lines).collect();
    let dispute_list: Vec<&Entry> = entries
        .iter()
        .filter(|e| {
            e.decision.is_none()
                && !titles.contains(&e.lines)
                && (in_dispute_list(letter, e.lines.start) || run_together_at.contains(&e.lines))
        })
        .collect();
    if !dispute_list.is_empty() {
        let single = dispute_list.len() == 1;
        // A file of several letters: an entry's statements are in its own letter.
        let starts = letter.starts();
        let own = |a: usize, b: usize| starts.len() == 1 || letter_at(starts, a) == letter_at(starts, b);
        // (number, words) of the entries taken: a second list that repeats an entry under its
        // own number (the issues as questions, then the same issues decided) names no new item.
        let mut taken: Vec<(Option<usize>, usize, &str)> = Vec::new();
        for e in dispute_list {
            let number = line_number(letter.slice(e.lines));
            if number.is_some()
                && taken.iter().any(|(n, at, t)| *n == number && own(*at, e.span.start) && same_item(t, &e.text))
            {
                continue;
            }
            taken.push((number, e.span.start, &e.text));
            let words = item_words(&e.text);
            // Of decided entries alike ("2. Physical therapy 2x6, right shoulder" and "3. Physical
            // therapy 2x6, right knee"), the one worded the same first.
            let alike = |x: &Entry| own(x.span.start, e.span.start) && same_item(&e.text, &x.text);
            // Then the one under the entry's own number ("1. Chiropractic treatment, cervical
            // spine, 2 x 3: Certified" for "1. Is chiropractic treatment for the cervical spine
            // ...", not "2. Chiropractic treatment, lumbar spine ...").
            let numbered_alike =
                |x: &Entry| alike(x) && number.is_some() && line_number(letter.slice(x.lines)) == number;
            let stated = inline
                .iter()
                .rev()
                .find(|x| alike(x) && item_words(&x.text) == words)
                .or_else(|| inline.iter().rev().find(|x| numbered_alike(x)))
                .or_else(|| inline.iter().rev().find(|x| alike(x)))
                // "5) and 6) ... the requested cyclobenzaprine 7.5mg #90 and Terocin patches #30
                // are not medically necessary": an entry deciding two items at once decides each.
                .or_else(|| {
                    inline.iter().rev().find(|x| own(x.span.start, e.span.start) && names_jointly(&x.text, &e.text))
                })
                .and_then(|x| x.decision.clone());
            // Determinations after the entry, in its own letter (they are in the text's order).
            let k = letter_at(starts, e.span.start);
            let from = determinations.partition_point(|(ds, ..)| ds.start < e.span.end);
            let to = determinations.partition_point(|(ds, ..)| starts.get(k + 1).is_none_or(|&n| ds.start < n));
            // A determination naming the entry in its own words first: "Ultram ER 300mg #30" is
            // like "Ultram ER 150mg #30" but is not it.
            let after = &determinations[from..to.max(from)];
            let determined = after
                .iter()
                .rfind(|(_, dt, _, _)| item_words(dt) == words)
                .or_else(|| after.iter().rfind(|(_, dt, _, _)| same_item(&e.text, dt)))
                .map(|(_, _, _, d)| d.clone());
            let fallback = || {
                single
                    .then(|| {
                        determinations
                            .iter()
                            .rev()
                            .find(|(ds, _, _, _)| ds.start >= e.span.end)
                            .map(|(_, _, _, d)| d.clone())
                    })
                    .flatten()
            };
            // A list entry's own decision first; then the item's own rationale (below); a
            // determination matched by its words anywhere in the letter only after that.
            let decision = stated.unwrap_or(Spanned::new(Decision::Unknown, e.span));
            later.push((items.len(), determined.or_else(fallback)));
            items.push(Item { text: Spanned::new(e.text.clone(), e.span), decision, block: Vec::new() });
        }
    } else if !inline.is_empty() {
        // A clean numbered list of the items (1 to n, no decisions, not titles) under an issues
        // heading, of which the decided entries (a closing summary) name only some: every
        // listed item stays an item, undecided until its rationale decides it.
        let named = |e: &Entry| inline.iter().any(|x| same_item(&e.text, &x.text));
        for e in issues_list_1_to_n(letter, &entries, &titles)
            .filter(|list| {
                inline.iter().all(|x| list.iter().any(|e| same_item(&e.text, &x.text)))
                    && list.iter().any(|e| !named(e))
            })
            .unwrap_or_default()
        {
            items.push(Item {
                text: Spanned::new(e.text.clone(), e.span),
                decision: Spanned::new(Decision::Unknown, e.span),
                block: Vec::new(),
            });
        }
        // The number of the entry each item was read from.
        let mut numbers: Vec<Option<usize>> = vec![None; items.len()];
        // An entry of the decided list that states no decision ("5. MRI of the cervical spine:
        // not reviewed"), numbered in sequence between two decided entries, is an item too; so
        // is one that opens or closes the list when it gives a status instead of a decision.
        let in_sequence = |k: usize| {
            let e = &entries[k];
            let n = line_number(letter.slice(e.lines));
            let around = |j: Option<usize>, m: Option<usize>| {
                j.and_then(|j| entries.get(j))
                    .is_some_and(|o| o.decision.is_some() && line_number(letter.slice(o.lines)) == m)
            };
            let status = || crate::decision::status_at(letter.slice(e.lines)).is_some();
            e.decision.is_none()
                && !titles.contains(&e.lines)
                && n.is_some_and(|n| {
                    let (before, after) =
                        (around(k.checked_sub(1), n.checked_sub(1)), around(Some(k + 1), Some(n + 1)));
                    (before && after) || ((before || after) && status())
                })
        };
        let listed: Vec<&Entry> = entries
            .iter()
            .enumerate()
            .filter(|&(k, e)| e.decision.is_some() || in_sequence(k))
            .map(|(_, e)| e)
            .collect();
        for e in listed {
            let d = e.decision.clone().unwrap_or(Spanned::new(Decision::Unknown, e.span));
            // A file of several letters: the same wording in another letter is that letter's item.
            let k = letter.letter_at(e.span.start);
            let n = line_number(letter.slice(e.lines));
            let words = item_words(&e.text);
            // Entries under other numbers are other items unless worded alike: "1) ... PT x12
            // for the lumbar spine" and "2) ... PT x12 for the cervical spine" are two.
            let found = items.iter().zip(&numbers).position(|(i, &m)| {
                letter.letter_at(i.text.span.start) == k
                    && same_item(&i.text.value, &e.text)
                    && (n.is_none() || m.is_none() || n == m || item_words(&i.text.value) == words)
            });
            match found {
                // A later statement about the same item (the decision section) is the decision.
                Some(at) if d.value != Decision::Unknown => items[at].decision = d,
                Some(_) => {}
                None => {
                    items.push(Item { text: Spanned::new(e.text.clone(), e.span), decision: d, block: Vec::new() });
                    numbers.push(n);
                }
            }
        }
    } else {
        let mut listed = issue_list(letter, &entries);
        if listed.is_empty() {
            listed = named_in_a_sentence(letter);
        }
        let single = listed.len() == 1;
        for (sp, t) in listed {
            let about: Vec<_> =
                determinations.iter().filter(|(ds, dt, _, _)| ds.start >= sp.end && same_item(&t, dt)).collect();
            let named = about.last().map(|(_, _, _, d)| d.clone());
            if named.is_none() && single {
                guessed.push(t.clone());
            }
            let decision = named.or_else(|| {
                // One item: its conclusion may name it loosely ("the requested therapy").
                single
                    .then(|| {
                        determinations
                            .iter()
                            .rev()
                            .find(|(ds, _, _, _)| ds.start >= sp.end)
                            .map(|(_, _, _, d)| d.clone())
                    })
                    .flatten()
            });
            items.push(Item {
                text: Spanned::new(t, sp),
                decision: decision.unwrap_or(Spanned::new(Decision::Unknown, sp)),
                block: Vec::new(),
            });
        }
        if items.is_empty() {
            // A list that names the items without deciding them, each decided under its own
            // title further on: the block under each title is that item's alone. Taken over
            // the titles alone when it names more items than they do ("3) and 4) Regarding the
            // requests for X and Y" is one title for two).
            let titled = titled_items(letter, &entries);
            if titled.len() > headed.len() {
                return (titled, listed_together);
            }
            // No list at all: each item is a numbered title that opens its own guidelines and
            // rationale ("1. MRI of the right ankle" above "Medical Treatment Guideline(s)
            // Used by..."), its decision in the rationale's conclusion.
            for e in &headed {
                items.push(Item {
                    text: Spanned::new(e.text.clone(), e.span),
                    decision: Spanned::new(Decision::Unknown, e.span),
                    block: Vec::new(),
                });
            }
        }
        if items.is_empty() {
            for (sp, t, explicit, d) in &determinations {
                if !*explicit {
                    continue;
                }
                match items.iter_mut().find(|i| same_item(&i.text.value, t)) {
                    Some(it) => it.decision = d.clone(),
                    None => {
                        items.push(Item { text: Spanned::new(t.clone(), *sp), decision: d.clone(), block: Vec::new() });
                    }
                }
            }
        }
    }
    // Titles over their own rationale name every item; a list that found fewer (one read from
    // the first title under the decisions heading) gives way to them, keeping what it read.
    if headed.len() > items.len() && items.iter().all(|i| headed.iter().any(|h| same_item(&h.text, &i.text.value))) {
        let found = std::mem::take(&mut items);
        for h in &headed {
            // A decision read on the guess that the letter had one item goes with that guess.
            let decision = found
                .iter()
                .filter(|i| !guessed.contains(&i.text.value))
                .find(|i| same_item(&h.text, &i.text.value))
                .map(|i| i.decision.clone())
                .unwrap_or(Spanned::new(Decision::Unknown, h.span));
            items.push(Item { text: Spanned::new(h.text.clone(), h.span), decision, block: Vec::new() });
        }
    }
    let first_title = headed.iter().map(|e| e.lines.start).min();
    assign_blocks(letter, &mut items, &entries, first_title);
    // "Issue 3 - not medically necessary; the utilization review decision is upheld.": a
    // list of determinations by number decides what no list entry of its own did.
    numbered_decisions(letter, &mut items);
    // An item whose decision no list or heading states: its own rationale's conclusion ("I
    // cannot certify the work hardening program", "the denial is upheld"). Only a block that
    // is the item's own says which item it concludes.
    for i in 0..items.len() {
        // "Not reviewed – withdrawn by the requesting physician": a status the list states is
        // the item's answer; the prose after it is not its conclusion.
        let d = &items[i].decision;
        if d.value != Decision::Unknown || crate::decision::no_determination(letter.slice(d.span)) {
            continue;
        }
        let shared = items.iter().enumerate().any(|(j, o)| j != i && o.block == items[i].block);
        let others: Vec<&str> =
            items.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, o)| o.text.value.as_str()).collect();
        // A block shared with other items ("These two requests are addressed together") says
        // which item it concludes only where its sentence names it.
        let concluded = conclusion(letter, &items[i].block, &items[i].text.value, &others, shared && items.len() > 1);
        let fallback = later.iter().find(|(k, _)| *k == i).and_then(|(_, d)| d.clone());
        if let Some(d) = concluded.or(fallback) {
            items[i].decision = d;
        }
    }
    (items, listed_together)
}

/// A joint heading's second number: "and 4) " after the first; its lead-in is [`LEAD_IN`].
static JOINT_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:and|&)\s+\d{1,2}[.)]\s+").expect("joint title compiles"));

/// Whether a title line, after its number, heads two entries at once ("and 4) Regarding the
/// requests for retrospective cold therapy unit rental x 21 days (DOS" / "9/12/2013) and a
/// hinged knee brace for the right knee:"): its words, run on to the next line when it breaks
/// off, are the first entry and the second joined by "and".
fn joint_title_names(title: &str, next_line: Option<&str>, first: &str, second: &str) -> bool {
    let Some(m) = JOINT_TITLE.find(title) else { return false };
    let title = &title[m.end()..];
    let mut words = LEAD_IN.find(title).map_or(title, |l| &title[l.end()..]).trim_end().to_owned();
    if !words.ends_with(':') {
        if let Some(next) = next_line {
            words.push(' ');
            words.push_str(next.trim());
        }
    }
    let words = words.trim_end_matches(':').trim();
    words.match_indices(" and ").any(|(at, and)| {
        let rest = words[at + and.len()..].trim_start();
        let rest = ["a ", "an ", "the "].iter().find_map(|a| rest.strip_prefix(a)).unwrap_or(rest);
        same_item(first, &words[..at]) && same_item(second, rest)
    })
}

/// Whether an entry's words name `item` as one of several joined by "and" or "nor" ("the
/// requested cyclobenzaprine 7.5mg #90 and Terocin patches #30"), the whole not being it.
fn names_jointly(joint: &str, item: &str) -> bool {
    let lower = joint.to_ascii_lowercase();
    let mut parts = joint_parts(&lower);
    parts.clone().count() > 1 && parts.any(|p| same_item(item, p))
}

/// The parts of words naming several items jointly, in lower case: "norco 10/325mg #120 and soma
/// 350mg #60", "x, y and z", "neither x nor y".
fn joint_parts(lower: &str) -> impl Iterator<Item = &str> + Clone {
    lower.split(" and ").flat_map(|p| p.split(" nor ")).flat_map(|p| p.split(", "))
}

/// Of a sentence that decides two items differently, each in a clause of its own ("the
/// naproxen sodium 550mg #60 is certified, whereas the omeprazole 20mg #60 is not medically
/// necessary"), the firm outcome whose clause names `item`; none where no clause names another
/// item ("Norco #60 is certified for weaning; the remainder of the request is non-certified").
fn own_clause_statement(
    sentence: &str,
    all: &[crate::decision::Statement],
    item: &str,
    others: &[&str],
) -> Option<crate::decision::Statement> {
    let firm: Vec<_> = all.iter().filter(|st| st.strength == crate::decision::Strength::Firm).collect();
    if firm.iter().all(|st| st.outcome == firm[0].outcome) {
        return None;
    }
    let mut from = 0;
    let mut own = None;
    let mut another = None;
    for st in &firm {
        let clause = &sentence[from.min(st.start)..st.start];
        if own.is_none() && names_among(clause, item) {
            own = Some(**st);
        } else if others.iter().any(|o| names_among(clause, o)) {
            another = Some(st.outcome);
        }
        from = st.end;
    }
    own.filter(|st| another.is_some_and(|o| o != st.outcome))
}

/// Whether words name `item` in one of their clauses or among several joined by "and" ("the
/// requests for Norco 10/325mg #120 and Soma 350mg #60", "whereas the omeprazole 20mg #60").
fn names_among(words: &str, item: &str) -> bool {
    words.split([',', ';', ':']).flat_map(|c| c.split(" and ")).any(|c| same_item(item, unlead(c)))
}

/// A clause's opening word that sets it against the one before ("whereas the omeprazole ...").
static CONTRAST_LEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:whereas|while|but|however|although)\s+").expect("contrast lead compiles"));

/// A clause's words without the space around them, the word that sets them against the clause
/// before and the verb its outcome follows: "whereas the omeprazole 20mg #60" and "the ibuprofen
/// is" (medically necessary) name the omeprazole and the ibuprofen.
fn unlead(clause: &str) -> &str {
    let c = clause.trim();
    without_copula(CONTRAST_LEAD.find(c).map_or(c, |m| &c[m.end()..]))
}

/// A subject without the verb its outcome follows: "the ibuprofen is" (medically necessary) is
/// "the ibuprofen".
fn without_copula(subject: &str) -> &str {
    [" is", " are", " was", " were", " remains", " remain", " has been", " have been"]
        .iter()
        .find_map(|verb| {
            // Compared as bytes: the subject may end inside a character past ASCII, and a match
            // (ASCII bytes) puts the cut on a character boundary.
            let at = subject.len().checked_sub(verb.len()).filter(|&at| at > 0)?;
            subject.as_bytes()[at..].eq_ignore_ascii_case(verb.as_bytes()).then(|| subject[..at].trim_end())
        })
        .unwrap_or(subject)
}

/// Items of a numbered list that states no decisions ("1) Platelet rich plasma (PRP)
/// injection, right elbow"), when every entry is repeated later on a line of its own that
/// heads its rationale: each item's block runs from its title to the next, and its decision is
/// that block's conclusion. Both conditions together tell a list of disputed items from the
/// other numbered lists of a letter (records reviewed, diagnoses).
fn titled_items(letter: &Letter, entries: &[Entry]) -> Vec<Item> {
    let text = &letter.text;
    let lines = prose_lines(letter);
    let line_index = |offset: usize| lines.iter().position(|l| l.span.start >= offset);
    // Runs of undecided entries that follow one another with no other line between.
    let mut runs: Vec<Vec<&Entry>> = Vec::new();
    let mut next_line: Option<usize> = None;
    for e in entries {
        let starts_at = line_index(e.lines.start);
        let adjacent = next_line.is_some() && starts_at == next_line;
        if e.decision.is_some() {
            next_line = None;
            continue;
        }
        match runs.last_mut() {
            Some(run) if adjacent => run.push(e),
            _ => runs.push(vec![e]),
        }
        next_line = line_index(e.lines.end.saturating_add(1));
    }
    for run in runs {
        let Some(last) = run.last() else { continue };
        let mut from = line_index(last.lines.end.saturating_add(1)).unwrap_or(lines.len());
        let mut titles: Vec<Span> = Vec::new();
        // The title a joint heading gives the next entry too: "3) and 4) Regarding the requests
        // for X and Y:" heads both X and Y.
        let mut shared_title: Option<Span> = None;
        for (i, e) in run.iter().enumerate() {
            if let Some(title) = shared_title.take() {
                titles.push(title);
                continue;
            }
            let found = (from..lines.len()).find(|&k| {
                let t = text[lines[k].span.start..lines[k].span.end].trim();
                let t = NUMBERED.find(t).map_or(t, |m| &t[m.end()..]).trim_end_matches(':').trim();
                if t.len() > 250 {
                    return false;
                }
                // "1) Regarding the request for X:": the lead-in is not the item's.
                let t = LEAD_IN.find(t).map_or(t, |m| &t[m.end()..]);
                if same_item(&e.text, t) {
                    return true;
                }
                let next = run.get(i + 1).map(|n| n.text.as_str());
                if next.is_some_and(|next| {
                    joint_title_names(t, lines.get(k + 1).map(|l| &text[l.span.start..l.span.end]), &e.text, next)
                }) {
                    shared_title = Some(lines[k].span);
                    return true;
                }
                false
            });
            match found {
                Some(k) => {
                    titles.push(lines[k].span);
                    from = k + 1;
                }
                None => break,
            }
        }
        if titles.len() != run.len() {
            continue;
        }
        let end_of_last = titles.last().map_or(text.len(), |t| {
            letter
                .sections
                .iter()
                .filter(|s| s.heading.start > t.end && matches!(s.kind, SectionKind::Other | SectionKind::Header))
                .map(|s| s.heading.start)
                .min()
                .unwrap_or(text.len())
        });
        return run
            .iter()
            .enumerate()
            .map(|(k, e)| {
                // A joint heading's block runs to the next title of its own.
                let end = titles[k + 1..].iter().find(|t| t.start != titles[k].start).map_or(end_of_last, |t| t.start);
                let block = vec![Span::new(titles[k].start, end)];
                let shared = titles.iter().filter(|t| t.start == titles[k].start).count() > 1;
                let others: Vec<&str> =
                    run.iter().enumerate().filter(|(j, _)| *j != k).map(|(_, o)| o.text.as_str()).collect();
                let decision = conclusion(letter, &block, &e.text, &others, shared)
                    .unwrap_or(Spanned::new(Decision::Unknown, e.span));
                Item { text: Spanned::new(e.text.clone(), e.span), decision, block }
            })
            .collect();
    }
    Vec::new()
}

/// Determinations by number ([`NUMBERED_DECISION`]) for the items of their letter still
/// undecided: the n-th item of the letter the line stands in.
fn numbered_decisions(letter: &Letter, items: &mut [Item]) {
    // Both forms decide only what is still undecided; most letters have nothing left.
    if items.iter().all(|it| it.decision.value != Decision::Unknown) {
        return;
    }
    for l in &letter.lines {
        let line = letter.slice(l.span);
        // Only a line that starts with one ("Issue 3 - ..."), not prose that names an item.
        if line.len() > 400 || !NUMBERED_DECISION.find(line).is_some_and(|m| line[..m.start()].trim().is_empty()) {
            continue;
        }
        let marks: Vec<(usize, usize, usize)> = NUMBERED_DECISION
            .captures_iter(line)
            .filter_map(|c| Some((c.get(0)?.start(), c.get(0)?.end(), c.name("n")?.as_str().parse().ok()?)))
            .collect();
        for (k, &(_, from, n)) in marks.iter().enumerate() {
            let to = marks.get(k + 1).map_or(line.len(), |m| m.0);
            // "Issue 1. Is X medically necessary?" asks; it decides nothing.
            if asks(&line[from..to]) || QUESTION.is_match(&line[from..to]) {
                continue;
            }
            let Some(st) = crate::decision::of_sentence(&line[from..to]) else { continue };
            if st.strength != crate::decision::Strength::Firm {
                continue;
            }
            let at = l.span.start + from;
            decide_nth(letter, items, n, Spanned::new(st.outcome, Span::new(at + st.start, at + st.end)));
        }
    }
    // A sentence that names its items by a list of numbers: its outcome is each one's.
    let flow = letter.whole();
    let text = flow.as_str();
    let sentences = flow.sentences();
    for (k, &(a, b)) in sentences.iter().enumerate() {
        let sentence = &text[a..b];
        // "Issue 2: Is chiropractic manipulation x 6 medically necessary?" asks.
        if sentence.len() > 400 || asks(sentence) {
            continue;
        }
        for c in OUTCOME_FOR_NUMBERS.captures_iter(sentence) {
            let (Some(d), Some(list)) = (c.name("d"), c.name("list")) else { continue };
            let Some(outcome) = crate::decision::bare_outcome(&d.as_str().to_ascii_lowercase()) else { continue };
            let span = flow.span(a + d.start(), a + d.end());
            for n in list.as_str().split(|ch: char| !ch.is_ascii_digit()).filter_map(|x| x.parse::<usize>().ok()) {
                decide_nth(letter, items, n, Spanned::new(outcome, span));
            }
        }
        let Some(c) = NUMBER_LIST_DECISION.captures(sentence) else { continue };
        if UR_ACTS.is_match(sentence) {
            continue;
        }
        let (Some(all), Some(list)) = (c.get(0), c.name("list")) else { continue };
        // The list's clause ends at a semicolon ("Issue 1 Certified; Issue 2 Non-certified; ...")
        // or where a clause of the rest begins.
        let clause_end = sentence[all.end()..]
            .match_indices([';', ','])
            .map(|(k, _)| all.end() + k)
            .find(|&k| sentence[k..].starts_with(';') || REST_OF_ITEMS.is_match(&sentence[k..]))
            .unwrap_or(sentence.len());
        let Some(st) = crate::decision::of_sentence(&sentence[all.start()..clause_end]) else { continue };
        if st.strength != crate::decision::Strength::Firm {
            continue;
        }
        let at = a + all.start();
        let span = flow.span(at + st.start, at + st.end);
        let listed = label_numbers(list.as_str());
        for &n in &listed {
            decide_nth(letter, items, n, Spanned::new(st.outcome, span));
        }
        // "Issues 2 and 5 are overturned; the others are upheld.", "... The determinations on
        // the remaining issues are upheld.": the rest of the letter's items, in a clause after
        // the list's or the sentence after it.
        let next = sentences.get(k + 1).copied().unwrap_or((b, b));
        let rest = [(a + clause_end, b), next].into_iter().find_map(|(from, to)| {
            let words = text.get(from..to)?;
            let m = REST_OF_ITEMS.find(words)?;
            let st = crate::decision::of_sentence(&words[m.start()..])
                .filter(|st| st.strength == crate::decision::Strength::Firm)?;
            let at = from + m.start();
            Some(Spanned::new(st.outcome, flow.span(at + st.start, at + st.end)))
        });
        if let Some(d) = rest {
            let letter_k = letter.letter_at(d.span.start);
            let count = items.iter().filter(|it| letter.letter_at(it.text.span.start) == letter_k).count();
            for n in (1..=count).filter(|n| !listed.contains(n)) {
                decide_nth(letter, items, n, d.clone());
            }
        }
    }
}

/// The items a numbered determination leaves, opening a clause: "the others", "the remaining
/// issues", "The determinations on the remaining issues", "all other requests".
static REST_OF_ITEMS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s;,]*(?:and\s+)?(?:(?:the\s+)?(?:decisions?|determinations?)\s+(?:on|for|of|regarding|as\s+to)\s+)?(?:the\s+|all\s+)?(?:others|rest|remaining(?:\s+(?:issues?|items?|requests?|ones?))?|other\s+(?:issues?|items?|requests?))\b")
        .expect("rest of items compiles")
});

/// Give the n-th item (from 1) of the letter the decision stands in that decision, if it is
/// still undecided.
fn decide_nth(letter: &Letter, items: &mut [Item], n: usize, decision: Spanned<Decision>) {
    let letter_k = letter.letter_at(decision.span.start);
    let mut own = items.iter_mut().filter(|it| letter.letter_at(it.text.span.start) == letter_k);
    if let Some(it) = own.nth(n.wrapping_sub(1)).filter(|it| it.decision.value == Decision::Unknown) {
        it.decision = decision;
    }
}

/// The outcome a block of rationale concludes, read by the decision grammar; section headings
/// ("RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY") and
/// page furniture are not the reviewer's words.
/// A statement whose subject names another item of the letter, and not this one ("The
/// front-wheeled walker is medically necessary" in a block read for the x-rays), is that
/// item's, not this block's conclusion.
fn conclusion(
    letter: &Letter,
    block: &[Span],
    item: &str,
    others: &[&str],
    must_name: bool,
) -> Option<Spanned<Decision>> {
    let mut spans: Vec<Span> = Vec::new();
    for b in block {
        for l in letter.lines_in(*b) {
            let line = letter.slice(l.span);
            if letter.is_furniture_line(&l) {
                continue;
            }
            // Of a heading, only what follows its label ("Rationale: The request is certified").
            let from = match heading_kind(line) {
                Some(_) => match line.find(':') {
                    Some(c) if !line[c + 1..].trim().is_empty() => l.span.start + c + 1,
                    _ => continue,
                },
                None => l.span.start,
            };
            let span = Span::new(from.max(b.start), l.span.end.min(b.end));
            if span.start < span.end {
                spans.push(span);
            }
        }
    }
    let flow = letter.flow_many(&spans);
    let ft = flow.as_str();
    // "This request was certified on reconsideration after the IMR application was filed. It is
    // no longer in dispute and was not reviewed.": a block that says its item was not decided
    // concludes nothing, whatever else it reports.
    if flow.sentences().iter().any(|&(s, e)| crate::decision::states_no_determination(&ft[s..e])) {
        return None;
    }
    // Each sentence's statement is read once, here, and handed to the decision grammar.
    let all_sentences = flow.sentences();
    // Whether a sentence gives outcomes by number ("overturned for issue 1 and upheld for issues
    // 2 and 3", "Items 3 and 6 are overturned").
    let lists = |x: &str| OUTCOME_FOR_NUMBERS.is_match(x) || NUMBER_LIST_DECISION.is_match(x);
    let sentences: Vec<(usize, usize, Option<crate::decision::Statement>)> = all_sentences
        .iter()
        .enumerate()
        .filter_map(|(k, &(s, e))| {
            // "Is the request for X medically necessary?" asks; it decides nothing.
            if asks(&ft[s..e]) {
                return None;
            }
            let all = crate::decision::statements(&ft[s..e]);
            let Some(st) = crate::decision::of_statements(&ft[s..e], &all) else { return Some((s, e, None)) };
            // A sentence that decides several items, each in a clause of its own, decides this
            // item by the clause that names it.
            let st = own_clause_statement(&ft[s..e], &all, item, others).unwrap_or(st);
            // Outcomes given by number ("overturned for issue 1 and upheld for issues 2 and 3")
            // are those items', wherever the sentence stands (an outcome "in part" of the
            // letter's determination states none: `decision::statements`).
            let sentence = &ft[s..e];
            // Nor is the rest of such a list ("Issues 2 and 6 are overturned. The determinations
            // on the remaining issues are upheld.").
            if lists(sentence)
                || (REST_OF_ITEMS.is_match(sentence)
                    && k.checked_sub(1).and_then(|j| all_sentences.get(j)).is_some_and(|&(ps, pe)| lists(&ft[ps..pe])))
            {
                return None;
            }
            let before = &ft[s..s + st.start];
            let mut clauses = before.rsplit([',', ';', ':']).map(str::trim).filter(|c| !c.is_empty());
            // A clause may name several ("the requests for Norco ... and Soma ..."): this
            // item among them is named.
            let names = |c: &str| {
                let c = unlead(c);
                if same_item(item, c) || c.split(" and ").any(|p| same_item(item, p.trim())) {
                    Some(true)
                } else {
                    others.iter().any(|o| same_item(o, c)).then_some(false)
                }
            };
            // The clause next to the outcome names its subject; where it names none ("and the
            // utilization review decision on it is overturned"), the clauses before it do
            // ("Duloxetine 30mg #30 is medically necessary, and ...").
            let own = match clauses.next().map(names) {
                Some(Some(own)) => own,
                _ => clauses.find_map(names).unwrap_or(true),
            };
            // "the requests for Norco 10/325mg #120 and Soma 350mg #60 are not medically
            // necessary": named among others, in a block they share.
            (own && (!must_name || names_among(before, item))).then_some((s, e, Some(st)))
        })
        .collect();
    // "The sleep study is not recommended." and "A pain management consultation is
    // recommended." put the request itself, named with "the", "this" or "a", as the subject:
    // the reviewer's finding, not a guideline's general words.
    let quotes_guideline = |sentence: &str, st: &crate::decision::Statement| {
        let names_the_item = {
            let subject = sentence[..st.start].trim();
            let lower = subject.to_ascii_lowercase();
            ["the ", "this ", "that ", "a ", "an "].iter().any(|d| lower.starts_with(d)) && same_item(item, subject)
        };
        !names_the_item && crate::extract::evidence::is_guideline_sentence(sentence)
    };
    let st = crate::decision::conclusion(ft, &sentences, quotes_guideline)?;
    Some(Spanned::new(st.outcome, flow.span(st.start, st.end)))
}

/// Item titles without a number: a short line of its own, not a heading and not a sentence,
/// whose next line is a guideline or rationale heading ("Ultracet 37.5/325mg #60" above
/// "Medical Treatment Guideline(s) Used by the Expert Reviewer:").
/// An issue list without numbers: under "ISSUES AT DISPUTE", two or more short lines of their own
/// ("Chiropractic treatment 2x3 for the right knee", "X-rays of the right knee, 3 views"), where
/// the section holds no numbered entry. Each line is an item, decided later by its rationale.
fn unnumbered_list(letter: &Letter, found: &[Entry]) -> Vec<Entry> {
    let text = &letter.text;
    let mut out = Vec::new();
    for section in dispute_sections(letter) {
        let inside = |at: usize| section.body.start <= at && at < section.body.end;
        if found.iter().any(|e| inside(e.lines.start)) {
            continue;
        }
        let lines: Vec<&Line> = letter
            .lines_in(section.body)
            .iter()
            .filter(|l| l.span.start >= section.body.start && l.span.end <= section.body.end)
            .filter(|l| is_prose(letter, l))
            .map(|l| letter.lines.iter().find(|x| x.span == l.span).unwrap_or(&letter.lines[0]))
            .collect();
        // "Whether the following requested services are medically necessary:" above the list
        // introduces it; it is not an item.
        let lines = match lines.split_first() {
            Some((first, rest))
                if rest.len() >= 2 && text[first.span.start..first.span.end].trim_end().ends_with(':') =>
            {
                rest.to_vec()
            }
            _ => lines,
        };
        // "Issue 6: Whether topical compound cream ... is medically" / "necessary": in a list
        // whose lines carry issue labels, a line without one, in lower case, continues the
        // entry above it (a PDF wrapped it), so each entry may span lines.
        let label = |l: &Line| ISSUE_LABEL.is_match(text[l.span.start..l.span.end].trim_start());
        let labelled = lines.iter().filter(|l| label(l)).count() >= 2;
        let mut entries: Vec<Span> = Vec::new();
        for l in &lines {
            let t = text[l.span.start..l.span.end].trim_start();
            match entries.last_mut() {
                Some(last) if labelled && !label(l) && t.starts_with(|c: char| c.is_lowercase()) => {
                    last.end = l.span.end;
                }
                // Unlabelled, a line continues the entry above when the phrase runs across the
                // break: "..., for assistance with housekeeping" / "and shopping".
                Some(last) if !labelled && (carries_on(t) || breaks_off(&text[last.start..last.end])) => {
                    last.end = l.span.end;
                }
                _ => entries.push(l.span),
            }
        }
        let titles: Vec<Span> = entries
            .iter()
            .copied()
            .filter(|span| {
                let t = text[span.start..span.end].trim();
                t.len() >= 3 && t.len() <= 150 && !t.ends_with(['.', ';', ',']) && heading_kind(t).is_none()
            })
            .collect();
        // Every entry of the list is a title: prose under the heading is not a list.
        if titles.len() < 2 || titles.len() != entries.len() {
            continue;
        }
        for lines in titles {
            let flow = letter.flow(lines);
            let raw = flow.as_str();
            let lead = raw.len() - raw.trim_start().len();
            let (at, item) = issue_words(raw.trim());
            out.push(Entry {
                lines,
                text: item.to_owned(),
                span: flow.span(lead + at, lead + at + item.len()),
                decision: None,
                section: SectionKind::Issues,
            });
        }
    }
    out
}

/// Words that only qualify an item named before them: a list part made of these alone
/// ("lumbar spine", "2 times a week for 6 weeks", "left") goes on with the part before it
/// ("wrist splint, left" is one item).
const QUALIFIER_WORDS: &[&str] = &[
    "a",
    "additional",
    "an",
    "and",
    "ankle",
    "ankles",
    "area",
    "arm",
    "arms",
    "back",
    "bilateral",
    "both",
    "caps",
    "capsules",
    "cervical",
    "day",
    "days",
    "daily",
    "eight",
    "elbow",
    "elbows",
    "extremities",
    "extremity",
    "five",
    "foot",
    "feet",
    "for",
    "four",
    "further",
    "hand",
    "hands",
    "hip",
    "hips",
    "hour",
    "hours",
    "hrs",
    "in",
    "knee",
    "knees",
    "left",
    "leg",
    "legs",
    "low",
    "lower",
    "lumbar",
    "lumbosacral",
    "mg",
    "month",
    "months",
    "more",
    "neck",
    "nine",
    "of",
    "on",
    "once",
    "one",
    "or",
    "per",
    "qty",
    "quantity",
    "region",
    "right",
    "session",
    "sessions",
    "seven",
    "shoulder",
    "shoulders",
    "side",
    "six",
    "spine",
    "tablets",
    "tabs",
    "ten",
    "the",
    "thoracic",
    "three",
    "thrice",
    "time",
    "times",
    "to",
    "twelve",
    "twice",
    "two",
    "upper",
    "visit",
    "visits",
    "week",
    "weekly",
    "weeks",
    "wk",
    "wks",
    "with",
    "wrist",
    "wrists",
    "x",
];

/// Whether a list part only qualifies the item before it ([`QUALIFIER_WORDS`]; numbers,
/// "#60", "2x6" and "(bilateral)" qualify too).
fn only_qualifies(part: &str) -> bool {
    part.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.starts_with(|c: char| c.is_ascii_digit()) && !spinal_level(w))
        .all(|w| QUALIFIER_WORDS.contains(&w.to_ascii_lowercase().as_str()))
}

/// A spinal level ("C5", "L4", "S1", "T12").
fn spinal_level(word: &str) -> bool {
    let rest = word.trim_start_matches(['C', 'T', 'L', 'S', 'c', 't', 'l', 's']);
    rest.len() + 1 == word.len() && (1..=2).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_digit())
}

/// The parts of a list of items run together on one line, as ranges of `list`: at its own
/// numbers ("1. AQUATIC THERAPY 2X4, 2. ACUPUNCTURE 1-2X6, ...", "1) chiropractic care 1x6
/// lumbar; 2) ..."), else at its semicolons, else at its commas; each range with its number,
/// and where its item's words begin. A part that only qualifies the one before it
/// ([`only_qualifies`]) goes on with it. Fewer than two parts: no list.
fn list_parts(list: &str) -> Vec<(usize, usize, usize)> {
    let bytes = list.as_bytes();
    // Numbers 1, 2, 3 ... each opening the line or following a separator.
    let mut numbered: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let opens = list[..i].trim_end().is_empty() || list[..i].trim_end().ends_with([',', ';']);
        let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if opens && (1..=2).contains(&digits) && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
            let after = i + digits;
            if matches!(bytes.get(after), Some(b'.' | b')'))
                && bytes.get(after + 1).is_some_and(|b| b.is_ascii_whitespace())
                && list[i..after].parse::<usize>().ok() == Some(numbered.len() + 1)
            {
                let words = after + 1 + (list[after + 1..].len() - list[after + 1..].trim_start().len());
                numbered.push((i, words));
                i = words;
                continue;
            }
        }
        i += list[i..].chars().next().map_or(1, char::len_utf8);
    }
    let mut cuts: Vec<(usize, usize, usize)> = Vec::new();
    if numbered.len() >= 2 {
        for (k, &(at, words)) in numbered.iter().enumerate() {
            let end = numbered.get(k + 1).map_or(list.len(), |&(next, _)| next);
            cuts.push((at, words, end));
        }
    } else {
        let sep = if list.contains(';') { ';' } else { ',' };
        let mut at = 0;
        for part in list.split(sep) {
            let lead = part.len() - part.trim_start().len();
            cuts.push((at + lead, at + lead, at + part.len()));
            at += part.len() + 1;
        }
    }
    // Each part without the separator after it, a closing full stop, or an "and" before it.
    let trimmed: Vec<(usize, usize, usize)> = cuts
        .into_iter()
        .filter_map(|(at, words, end)| {
            let item = list[words..end].trim_end().trim_end_matches([',', ';', '.']).trim_end();
            let (words, item) = match item.strip_prefix("and ") {
                Some(rest) => (words + (item.len() - rest.len()), rest),
                None => (words, item),
            };
            (!item.is_empty()).then_some((at, words, words + item.len()))
        })
        .collect();
    let mut parts: Vec<(usize, usize, usize)> = Vec::new();
    // A part of spinal levels before one that opens on a level ("RIGHT C5-6, C6-7 MBB") begins
    // that one.
    let mut opened: Option<(usize, usize)> = None;
    for (k, &(at, words, end)) in trimmed.iter().enumerate() {
        let item = &list[words..end];
        let (at, words) = opened.take().unwrap_or((at, words));
        let levels = |i: &str| i.split(|c: char| !c.is_alphanumeric()).any(spinal_level);
        let next_opens_on_level = trimmed.get(k + 1).is_some_and(|&(_, w, e)| {
            list[w..e].split(|c: char| !c.is_alphanumeric()).next().is_some_and(spinal_level)
        });
        if only_qualifies(item) && levels(item) && next_opens_on_level {
            opened = Some((at, words));
            continue;
        }
        match parts.last_mut() {
            Some(last) if only_qualifies(item) => last.2 = end,
            _ => parts.push((at, words, end)),
        }
    }
    if parts.len() < 2 {
        return Vec::new();
    }
    parts
}

/// "Issues at Dispute: Occupational therapy 2x4 bilateral wrists, Chiropractic treatment 1x6
/// lumbar spine and right knee, EMG/NCS ..., Omeprazole 20mg #60": the items run together on
/// one line (or on lines that break off at a separator) after a disputed-items label, or first
/// under a disputed-items heading; one entry for each ([`list_parts`]). Split at commas only
/// when the parts are three or more, or as many as the titles over the rationales (`titles`):
/// "Physical therapy, twice a week" is one item.
fn run_together_list(letter: &Letter, found: &[Entry], titles: &[&Entry]) -> Vec<Entry> {
    let text = &letter.text;
    let lines = &letter.lines;
    let first_after =
        |at: usize| lines.iter().find(|l| l.span.end > at && !text[l.span.start.max(at)..l.span.end].trim().is_empty());
    let mut starts: Vec<usize> = Vec::new();
    for l in lines {
        let line = &text[l.span.start..l.span.end];
        if let Some(after) = dispute_label(line) {
            let at = l.span.start + after;
            starts.extend(first_after(at).map(|n| n.span.start.max(at)));
        }
    }
    for section in dispute_sections(letter) {
        starts.extend(
            first_after(section.body.start)
                .filter(|l| l.span.start < section.body.end)
                .map(|l| l.span.start.max(section.body.start)),
        );
    }
    starts.sort_unstable();
    starts.dedup();
    let mut out = Vec::new();
    for start in starts {
        let Some(k) = lines.iter().position(|l| l.span.end > start) else { continue };
        let mut span = Span::new(start, lines[k].span.end);
        for l in lines[k + 1..].iter().filter(|l| !is_blank(text, l)) {
            if !text[span.start..span.end].trim_end().ends_with([',', ';']) {
                break;
            }
            span.end = l.span.end;
        }
        if found.iter().any(|e| e.lines.start < span.end && e.lines.end > span.start) {
            continue;
        }
        let flow = letter.flow(span);
        let raw = flow.as_str();
        if NECESSITY.is_match(raw) {
            continue;
        }
        let parts = list_parts(raw);
        let by_commas = !raw.contains(';') && !parts.iter().any(|&(at, words, _)| words > at);
        if parts.is_empty() || (by_commas && parts.len() < 3 && parts.len() != titles.len()) {
            continue;
        }
        // "R SHOULDER ARTHROSCOPIC SAD" listed, "1) Regarding the request for right shoulder
        // arthroscopic subacromial decompression:" over its rationale: the list names an item
        // in short, and its title, in the same place of as many, in full.
        let full = (titles.len() == parts.len()).then_some(titles);
        for (k, (at, words, end)) in parts.into_iter().enumerate() {
            let listed = &raw[words..end];
            let (text, span) = match full.map(|t| t[k]).filter(|t| same_item(&t.text, listed)) {
                Some(t) => (t.text.clone(), t.span),
                None => (listed.to_owned(), flow.span(words, end)),
            };
            out.push(Entry { lines: flow.span(at, end), text, span, decision: None, section: SectionKind::Issues });
        }
    }
    out
}

/// Where a disputed-items label ends, past its colon ("Issues at Dispute:", "Treatment(s) in
/// Dispute Listed on IMR Application:").
fn dispute_label(line: &str) -> Option<usize> {
    let lead = line.len() - line.trim_start().len();
    let colon = line[lead..].find(':')?;
    let label = &line[lead..lead + colon];
    let lower = label.to_ascii_lowercase();
    (label.len() <= 60
        && (lower.contains(" at dispute") || lower.contains(" in dispute") || lower.starts_with("disputed "))
        && label.chars().all(|c| c.is_alphabetic() || " ()/&-,".contains(c)))
    .then_some(lead + colon + 1)
}

fn unnumbered_titles(letter: &Letter, numbered: &[Entry]) -> Vec<Entry> {
    let text = &letter.text;
    let lines = prose_lines(letter);
    let mut out = Vec::new();
    for (k, pair) in lines.windows(2).enumerate() {
        let (l, next) = (pair[0], pair[1]);
        let t = text[l.span.start..l.span.end].trim();
        // A sentence's end may stand inside its closing quote ('to "assess the fusion."').
        let unquoted = t.trim_end_matches(['"', '\u{201D}', '\u{2019}', '\'', ')']);
        // "and a CT scan of the lumbar spine": the last line of a sentence that runs on from
        // the line above, in lower case, is that sentence, not a title.
        let runs_on = || {
            t.starts_with(|c: char| c.is_lowercase())
                && k > 0
                && !text[lines[k - 1].span.start..lines[k - 1].span.end].trim_end().ends_with(['.', ':', '?', '!', ';'])
        };
        // The cheap tests first, the scan of the numbered entries last.
        if t.len() > 150
            || unquoted.ends_with(['.', ':', ','])
            || !opens_reasons(&text[next.span.start..next.span.end])
            || NUMBERED.is_match(t)
            || heading_kind(t).is_some()
            || runs_on()
            || numbered
                .iter()
                .any(|e| e.lines.start <= l.span.start && l.span.start < e.lines.end.max(e.lines.start + 1))
        {
            continue;
        }
        let section = section_at(letter, l.span.start);
        // Double-spaced where the title and the reasons' heading below it are: "Medical records
        // from the treating physicians, 12/03/2012 through 09/18/2013" / "" / "Rationale:".
        let spacing = text[l.span.end..next.span.start].matches('\n').count().clamp(1, 2);
        if matches!(section, SectionKind::Header | SectionKind::Other)
            || in_documents_list(letter, &lines[..=k], spacing)
        {
            continue;
        }
        let lead = text[l.span.start..l.span.end].len() - text[l.span.start..l.span.end].trim_start().len();
        let (at, t) = issue_words(t);
        let span = Span::new(l.span.start + lead + at, l.span.start + lead + at + t.len());
        out.push(Entry { lines: l.span, text: t.to_owned(), span, decision: None, section });
    }
    out
}

/// The label over the list of what the reviewer read, in any case ("Documents Reviewed for this
/// IMR:", "Medical Records Reviewed"). In capitals it heads a section of its own; in title case
/// it may not, since a notice's rationales follow its list with no heading between.
static DOCUMENTS_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:list|summary) of )?(?:documents|(?:medical )?records|materials) reviewed(?:\s+(?:for|by|in|during)\b[^.:]{0,40})?\s*:?\s*$")
        .expect("documents label compiles")
});

/// Whether the last of `lines` closes a list of documents reviewed: the label stands above it
/// in the same paragraph. Its last entry, "Acupuncture notes, 10/2012 through 11/2012", sits just
/// above the reasons' heading and would otherwise pass for an item's title. `spacing` is the
/// count of line breaks between one line of the paragraph and the next (2 where a PDF gave a
/// blank line after every line).
fn in_documents_list(letter: &Letter, lines: &[&Line], spacing: usize) -> bool {
    let text = &letter.text;
    let mut below = match lines.last() {
        Some(l) => l.span.start,
        None => return false,
    };
    for l in lines.iter().rev().skip(1).take(30) {
        // A blank line more than the paragraph's own spacing ends it.
        if text[l.span.end..below].matches('\n').count() > spacing {
            return false;
        }
        if DOCUMENTS_LABEL.is_match(&text[l.span.start..l.span.end]) {
            return true;
        }
        below = l.span.start;
    }
    false
}

/// A per-item label of the guidelines, "Claims Administrator guideline: ..." (the 2014
/// layout's words, which some notices use under each item's title too).
static GUIDELINE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:Claims\s+Administrator|Expert\s+Reviewer|Professional\s+Reviewer|Physician\s+Reviewer|Reviewer)(?:'s)?\s+guidelines?(?:\s+(?:used|relied\s+upon|cited))?\s*:|The\s+(?:Claims\s+Administrator|(?:Expert|Professional|Physician)\s+Reviewer)\s+based\s+(?:its|his|her|his/her|their)\s+decision\s+on\b)")
        .expect("guideline label compiles")
});

/// Whether a line opens an item's reasons: a guidelines or rationale heading, or a per-item
/// guideline label or statement ("The Claims Administrator based its decision on the MTUS ...",
/// which some notices set straight under an item's title with no heading above it).
fn opens_reasons(line: &str) -> bool {
    matches!(heading_kind(line), Some(SectionKind::Guidelines | SectionKind::Rationale))
        || GUIDELINE_LABEL.is_match(line)
}

/// The issues sections whose body holds `at`.
fn issues_sections_at(letter: &Letter, at: usize) -> impl Iterator<Item = &Section> {
    letter.sections_of(SectionKind::Issues).filter(move |s| s.body.start <= at && at < s.body.end)
}

/// Whether `a` and `b` are in one issues section's body.
fn same_issues_section(letter: &Letter, a: usize, b: usize) -> bool {
    issues_sections_at(letter, a).any(|s| s.body.start <= b && b < s.body.end)
}

/// Whether an issues section's heading names the dispute ("ISSUES AT DISPUTE", "Treatment(s)
/// in Dispute").
fn heads_the_dispute(letter: &Letter, section: &Section) -> bool {
    letter.slice(section.heading).to_uppercase().contains("DISPUTE")
}

/// The issues sections [`heads_the_dispute`] holds for.
fn dispute_sections(letter: &Letter) -> impl Iterator<Item = &Section> {
    letter.sections_of(SectionKind::Issues).filter(|s| heads_the_dispute(letter, s))
}

/// Whether `at` is under an "ISSUES AT DISPUTE" heading (or another issues heading naming the
/// dispute).
fn in_dispute_list(letter: &Letter, at: usize) -> bool {
    issues_sections_at(letter, at).any(|s| heads_the_dispute(letter, s))
}

/// The first list under an issues heading numbered 1 to n (n at least 2) whose entries state
/// no decision and head no rationale of their own: the letter's list of disputed items.
/// (A section's entries are in the text's order.)
///
/// A notice's cover may give that list too, under its final determination ("OVERTURN IN PART.
/// This means we decided that some, but not all, of the following disputed items/services are
/// medically necessary and appropriate:"): a list introduced by a line that names the disputed
/// items and ends in a colon.
fn issues_list_1_to_n<'e>(letter: &Letter, entries: &'e [Entry], titles: &[Span]) -> Option<Vec<&'e Entry>> {
    // The run numbered 1, 2, 3 ... from `from`; the titles below it start again at 1.
    let run = |from: usize, to: usize| -> Option<Vec<&'e Entry>> {
        let list: Vec<&Entry> = entries
            .iter()
            .filter(|e| from <= e.lines.start && e.lines.start < to)
            .filter(|e| e.decision.is_none() && !titles.contains(&e.lines))
            .enumerate()
            .take_while(|(k, e)| line_number(letter.slice(e.lines)) == Some(k + 1))
            .map(|(_, e)| e)
            .collect();
        (list.len() >= 2).then_some(list)
    };
    letter.sections_of(SectionKind::Issues).find_map(|section| run(section.body.start, section.body.end)).or_else(
        || {
            letter.sections_of(SectionKind::Header).find_map(|section| {
                let first = entries.iter().find(|e| {
                    section.body.start <= e.lines.start
                        && e.lines.start < section.body.end
                        && line_number(letter.slice(e.lines)) == Some(1)
                })?;
                let lead =
                    letter.lines.iter().rev().find(|l| l.span.end <= first.lines.start && is_prose(letter, l))?;
                let lead = letter.slice(lead.span).trim_end();
                (lead.ends_with(':') && lead.to_ascii_lowercase().contains("disputed"))
                    .then(|| run(first.lines.start, section.body.end))
                    .flatten()
            })
        },
    )
}

/// Numbered entries that are item titles: the next line of prose below each is a guideline or
/// rationale heading. The last entry of a list under an issues heading ("6. Follow-up visit"
/// above "DETERMINATIONS AND RATIONALES:") is a member of the list, not a title: the entry just
/// before it is not a title.
fn headed_entries<'e>(letter: &Letter, entries: &'e [Entry]) -> Vec<&'e Entry> {
    let text = &letter.text;
    let next_prose = |at: usize| letter.lines.iter().find(|l| l.span.start >= at && is_prose(letter, l));
    // An entry under no decision heading (straight after the documents reviewed) heads reasons
    // only as the first of its titles or after one: a numbered documents list's last entry
    // above "RATIONALE:" is a document.
    let mut headed: Vec<bool> = Vec::with_capacity(entries.len());
    for e in entries {
        let placed = match e.section {
            SectionKind::Header => false,
            SectionKind::Other => {
                line_number(letter.slice(e.lines)) == Some(1) || headed.last().copied().unwrap_or(false)
            }
            _ => true,
        };
        headed.push(
            e.decision.is_none()
                && placed
                && next_prose(e.lines.end).is_some_and(|l| opens_reasons(&text[l.span.start..l.span.end])),
        );
    }
    entries
        .iter()
        .enumerate()
        .filter(|&(k, e)| {
            // Under any issues heading ("IMR ISSUE(S)" too), the list's next number: "6." after
            // "5.", where "1) Regarding ..." after "6." starts the titles.
            let follows_a_member = k > 0
                && !headed[k - 1]
                && same_issues_section(letter, entries[k - 1].lines.start, e.lines.start)
                && line_number(letter.slice(entries[k - 1].lines))
                    .is_some_and(|n| line_number(letter.slice(e.lines)) == Some(n + 1))
                && next_prose(entries[k - 1].lines.end).is_some_and(|l| l.span.start == e.lines.start);
            headed[k] && !follows_a_member
        })
        .map(|(_, e)| e)
        .collect()
}

fn looks_generic(item: &str) -> bool {
    let l = item.to_ascii_lowercase();
    let l = l.trim_start_matches("the ").trim_start_matches("this ");
    matches!(
        l,
        "it" | "request"
            | "treatment"
            | "requested treatment"
            | "requested service"
            | "requested services"
            | "services"
            | "that"
            | "above"
            | "same"
    )
}

/// A numbered entry of a notice or review letter.
#[derive(Debug, Clone)]
struct Entry {
    /// The whole entry (its lines).
    lines: Span,
    /// The item it names.
    text: String,
    /// Where the item text is.
    span: Span,
    /// The decision it states, if it does.
    decision: Option<Spanned<Decision>>,
    /// The section it stands in.
    section: SectionKind,
}

fn section_at(letter: &Letter, offset: usize) -> SectionKind {
    letter
        .sections
        .iter()
        .rev()
        .find(|s| s.heading.start <= offset && (s.kind != SectionKind::Header || s.body.start <= offset))
        .map(|s| s.kind)
        .unwrap_or(SectionKind::Header)
}

/// Every numbered entry: a numbered line, continued by following lines until a sentence ends.
fn numbered_entries(letter: &Letter) -> Vec<Entry> {
    let text = &letter.text;
    let lines = prose_lines(letter);
    let mut spans: Vec<Span> = Vec::new();
    let mut open = false;
    // An entry ends with its sentence or a label; "has determined the request for topical
    // compound:" goes on to name the compound, so a colon inside a determination does not.
    let still_open = |entry: &str, line: &str| {
        let t = line.trim_end();
        let determining = entry.to_ascii_lowercase().contains("determined") && !NECESSITY.is_match(entry);
        // "2. X is medically necessary and" / "appropriate for 4 visits only; ...": a decision
        // that breaks off goes on below.
        !(t.ends_with('.') || (NECESSITY.is_match(line) && !breaks_off(t)) || (t.ends_with(':') && !determining))
    };
    // The entry just closed on a colon: its value may stand alone on the next line
    // ("1. Physical therapy ... shoulder:" / "non-certified (the ... modification stands)").
    let mut labelled = false;
    // The rows of a decision table seen so far, and the entries whose outcome stands alone in
    // the table's column on a line below their item ("5. Transportation to and from medical" /
    // "appointments" / "          Upheld. Not medically necessary"): (entry, where it stands).
    let mut rows = 0;
    // Each entry's decision in a table's column, if it stands in one, found by the first pass.
    let mut in_column: Vec<Column> = Vec::new();
    // Where the line before ended: an entry still ending there is one line long.
    let mut prev_end = usize::MAX;
    // The line before, and the number of the last entry: "... Massage therapy, page" / "60. The
    // Expert Reviewer based his/her decision on the same." goes on with a sentence that broke
    // before a number; it starts no entry.
    let mut prev_line = "";
    let mut last_number: Option<usize> = None;
    // The entry just opened is its number alone ("5." / page break / "Tramadol ER 150mg #30 is
    // medically necessary and appropriate."): the next line is its text, whatever its case.
    let mut bare = false;
    for l in lines {
        let t = &text[l.span.start..l.span.end];
        let value_below = std::mem::take(&mut labelled);
        let number_above = std::mem::take(&mut bare);
        let one_line_entry = spans.last().is_some_and(|last| last.end == prev_end);
        prev_end = l.span.end;
        let alone = number_alone(t);
        // The open entry broke off at its decision's verb, and this line is the outcome; or it
        // broke off inside a phrase ("... for four weeks: the" / "Claims Administrator's
        // non-certification is upheld."), and this line, whatever its case, goes on with it.
        let broken_off = open
            && spans.last().is_some_and(|last| {
                let entry = &text[last.start..last.end];
                outcome_broken_off(entry, t) || ends_mid_phrase(entry)
            });
        let numbered = (NUMBERED.is_match(t) || alone.is_some()) && heading_kind(t).is_none();
        // "an additional twelve" / "(12) visits": a number in parentheses that breaks the
        // list's count is the line before going on, like any other number that does.
        let number = if numbered { line_number(t).or_else(|| parenthesized_number(t)).or(alone) } else { None };
        // (A heading ends no sentence: "DETERMINATION AND RATIONALE" / "4) Regarding the request
        // for ...", rationales in an order of their own, opens an entry.)
        let broke_before_number = number.is_some_and(|n| n > 1 && last_number.is_none_or(|p| n != p + 1))
            && prev_line.trim_end().ends_with(|c: char| c.is_ascii_alphanumeric() || c == ',')
            && heading_kind(prev_line).is_none();
        prev_line = t;
        if numbered && !broke_before_number {
            last_number = number.or(last_number);
            spans.push(l.span);
            // "4. Naproxen 550mg #60 ........ OVERTURNED": a table row ends with its outcome.
            // Read on the line itself: the flow would close a gap between the columns.
            let numbered_len = NUMBERED.find(t).map_or(0, |m| m.end());
            let row = table_row(&t[numbered_len..]);
            rows += usize::from(row.is_some());
            // "G.  Transportation ...      NOT REVIEWED (withdrawn)": a row of the table whose
            // column gives a status, once the table has rows.
            let row = row.or_else(|| {
                let (item, status) = status_column(&t[numbered_len..]).filter(|_| rows > 0)?;
                Some((item, status, Decision::Unknown))
            });
            bare = alone.is_some() && row.is_none();
            open = (bare || still_open(t, t)) && row.is_none();
            in_column.push(row.map_or(Column::None, |(item, d, outcome)| {
                let at = l.span.start + numbered_len;
                let item = Span::new(at + item.start, at + item.end);
                Column::Row(item, Spanned::new(outcome, Span::new(at + d.start, at + d.end)))
            }));
            labelled = !open && t.trim_end().ends_with(':');
        } else if open && rows > 0 && column_outcome(t).is_some() {
            if let (Some(last), Some(column)) = (spans.last_mut(), in_column.last_mut()) {
                last.end = l.span.end;
                *column = Column::Below(l.span);
            }
            open = false;
        } else if open && one_line_entry && line_decision(t).is_some() && !broken_off {
            // "2. Home health aide, 4 hours a day, 5 days a week for 6 weeks" / "The request is
            // not medically necessary.": a one-line entry whose decision is the next line's
            // whole sentence.
            if let (Some(last), Some(column)) = (spans.last_mut(), in_column.last_mut()) {
                last.end = l.span.end;
                *column = Column::Next(l.span);
            }
            open = false;
        } else if value_below && t.split_whitespace().count() <= 8 && value_outcome(t).is_some() {
            if let Some(last) = spans.last_mut() {
                last.end = l.span.end;
            }
            open = false;
        } else if open && heading_kind(t).is_none() && (number_above || continues_item(t) || broken_off) {
            if let Some(last) = spans.last_mut() {
                last.end = l.span.end;
                open = still_open(&text[last.start..last.end], t);
            }
        } else {
            open = false;
        }
    }
    spans
        .into_iter()
        .zip(in_column)
        .filter_map(|(lines, column)| {
            match column {
                Column::Row(item, decision) => {
                    let t = text[item.start..item.end].trim_end_matches([',', ';', ':']).trim_end();
                    return Some(Entry {
                        lines,
                        text: t.to_owned(),
                        span: Span::new(item.start, item.start + t.len()),
                        decision: Some(decision),
                        section: section_at(letter, lines.start),
                    });
                }
                // The outcome on a line below the entry's words: in a table's column (the entry
                // ends above it) or as the next line's whole sentence (the entry takes it in).
                Column::Below(at) | Column::Next(at) => {
                    let below = &text[at.start..at.end];
                    let (read, end) = match column {
                        Column::Below(_) => (column_outcome(below), at.start),
                        _ => (line_decision(below), at.end),
                    };
                    let (d, outcome) = read?;
                    let flow = letter.flow(Span::new(lines.start, at.start));
                    let raw = flow.as_str().trim_end();
                    let numbered_len = NUMBERED.find(raw).map_or(0, |m| m.end());
                    let item = raw[numbered_len..].trim_end_matches([',', ';', ':']).trim();
                    let lead = raw[numbered_len..].len() - raw[numbered_len..].trim_start().len();
                    return Some(Entry {
                        lines: Span::new(lines.start, end),
                        text: item.to_owned(),
                        span: flow.span(numbered_len + lead, numbered_len + lead + item.len()),
                        decision: Some(Spanned::new(outcome, Span::new(at.start + d.start, at.start + d.end))),
                        section: section_at(letter, lines.start),
                    });
                }
                Column::None => {}
            }
            let flow = letter.flow(lines);
            let raw = flow.as_str();
            let numbered_len = NUMBERED.find(raw).map(|m| m.end()).unwrap_or(0);
            // "1. Chiropractic treatment 2x3 for the lumbar spine: For low back pain the MTUS
            // recommends...": a title with its rationale run on after a colon. The rationale's
            // own conclusion decides, later; the title is the item.
            let run_on = run_on_title(&raw[numbered_len..]).map(|at| numbered_len + at);
            let raw = run_on.map_or(raw, |at| &raw[..at]);
            // "The Claims Administrator's decision on X is upheld.": the item inside the
            // decision's own words, before anything the entry goes on to say.
            let decided_on = DECISION_ON.captures(&raw[numbered_len..]).and_then(|c| {
                let (item, d) = (c.name("item")?, c.name("d")?);
                let outcome = crate::decision::bare_outcome(&d.as_str().to_ascii_lowercase())?;
                Some((
                    numbered_len + item.start(),
                    numbered_len + item.end(),
                    numbered_len + d.start(),
                    numbered_len + d.end(),
                    outcome,
                ))
            });
            let necessity = if decided_on.is_none() { NECESSITY.captures(raw) } else { None };
            // "2. Physical therapy, 12 visits, is partially certified: 4 visits are medically
            // necessary and appropriate": a part allowed decides the entry, not the necessity of
            // the part (docs/verdicts.md).
            // The entry's statement, read once: a part allowed, or else the decision it ends on.
            let stated = crate::decision::of_sentence(&raw[numbered_len..]);
            let part = stated.filter(|st| st.part).map(|st| (numbered_len + st.start, numbered_len + st.end));
            // "X: NOT MEDICALLY NECESSARY", "X - denial upheld", "X: certified": a list entry
            // whose decision follows a separator.
            let listed = match decided_on {
                Some((_, stop, ds, de, d)) => Some((stop, ds, de, d)),
                None if necessity.is_none() => listed_decision(raw, numbered_len)
                    .or_else(|| dotted_decision(raw, numbered_len))
                    .or_else(|| stated_decision(raw, numbered_len, stated)),
                None => None,
            };
            // "5. MRI of the cervical spine: not reviewed (see below)": a status, not a decision;
            // the item is the label.
            let undetermined = || crate::decision::status_at(&raw[numbered_len..]).map(|at| numbered_len + at);
            // "3) The request for naproxen was certified by the claims administrator on 8/19/2013
            // and is no longer in dispute": a status that holds the decision's word is no decision.
            let listed = listed.filter(|&(_, ds, ..)| necessity.is_some() || undetermined().is_none_or(|at| at > ds));
            let mut stop = necessity
                .as_ref()
                .and_then(|c| c.get(0))
                .map(|m| m.start())
                .or(listed.map(|(sep, ..)| sep))
                .or_else(undetermined)
                .unwrap_or(raw.len())
                .min(part.map_or(raw.len(), |(at, _)| at));
            let mut start = decided_on.map_or(numbered_len, |(item_start, ..)| item_start);
            if let Some(colon) = name_before_clause(&raw[start..stop]) {
                stop = start + colon;
            } else if let Some(m) = REQUEST_FOR.captures(&raw[start..stop]).and_then(|c| c.name("item")) {
                if raw[start..start + m.start()].to_lowercase().contains("request")
                    || raw[start..start + m.start()].to_lowercase().contains("determined")
                {
                    start += m.start();
                }
            }
            let body = &raw[start..stop];
            start += body.len() - body.trim_start().len();
            // "3) Regarding the requested occupational therapy...": the lead-in is not the item.
            if let Some(m) = LEAD_IN.find(&raw[start..stop]) {
                start += m.end();
            }
            // "1. Is a cold therapy unit, 7-day rental, medically necessary and appropriate?"
            // asks the question; it decides nothing.
            // So does "1) Whether MRI of the lumbar spine is medically necessary." without its
            // question mark.
            let question = (asks(raw) || opens_with_whether(raw[numbered_len..].trim_start()))
                && (QUESTION.is_match(&raw[start..stop]) || QUESTION.is_match(&raw[numbered_len..]));
            if let Some(m) = QUESTION.find(&raw[start..stop]).filter(|_| question) {
                start += m.end();
            }
            // "... tramadol 50mg #120 medically necessary?": the question's words are not the item's.
            let stop =
                if question { QUESTION_TAIL.find(&raw[start..stop]).map_or(stop, |m| start + m.start()) } else { stop };
            // "Occupational therapy (12 visits) right wrist - partially certified": the dash
            // before the decision is not the item's.
            let item =
                raw[start..stop].trim_end_matches(|c: char| c.is_whitespace() || ",;:.-\u{2013}\u{2014}".contains(c));
            if item.is_empty() || item.len() > 300 {
                return None;
            }
            let decision = necessity
                .filter(|_| !question)
                .and_then(|c| {
                    let verb = c.name("verb")?;
                    let tail = c.name("tail")?;
                    let d = if c.name("not").is_some() { Decision::Upheld } else { Decision::Overturned };
                    Some(Spanned::new(d, flow.span(verb.start(), tail.end())))
                })
                .or(listed.map(|(_, ds, de, d)| Spanned::new(d, flow.span(ds, de))));
            let decision = part.map(|(ds, de)| Spanned::new(Decision::Upheld, flow.span(ds, de))).or(decision);
            Some(Entry {
                lines,
                text: item.to_owned(),
                span: flow.span(start, start + item.len()),
                decision,
                section: section_at(letter, lines.start),
            })
        })
        .collect()
}

/// Where a numbered entry's decision stands in a decision table's column, if it does.
enum Column {
    /// On the entry's own line, after a gap: the item's words and the outcome.
    Row(Span, Spanned<Decision>),
    /// Alone on the line below the entry's words.
    Below(Span),
    /// The whole sentence of the line after a one-line entry, at the margin.
    Next(Span),
    None,
}

/// A table column's outcome alone on its line, set well in from the margin under its item
/// ("          Upheld. Not medically necessary"): where the outcome word stands, and it.
fn column_outcome(line: &str) -> Option<(std::ops::Range<usize>, Decision)> {
    let t = line.trim_start();
    let lead = line.len() - t.len();
    if lead < 12 || t.len() > 80 {
        return None;
    }
    let word = t.split(['.', ';', ',', '(']).next()?.trim_end();
    let outcome = crate::decision::bare_outcome(&word.to_lowercase())?;
    Some((lead..lead + word.len(), outcome))
}

/// A line that is wholly a decision on the entry above it ("Medical necessity is established.",
/// "The request is not medically necessary.", "Denial upheld.", "Not reviewed – withdrawn by
/// the requesting physician"): where its words stand, and the outcome (unknown for a status).
/// A sentence that names anything else or goes on is the entry's prose, not its value.
fn line_decision(line: &str) -> Option<(std::ops::Range<usize>, Decision)> {
    let t = line.trim();
    let lead = line.len() - line.trim_start().len();
    if !t.starts_with(|c: char| c.is_uppercase()) || t.split_whitespace().count() > 12 || t.contains(". ") {
        return None;
    }
    let words = t.trim_end_matches(['.', ';']);
    let lower = words.to_ascii_lowercase();
    let generic = [
        "the request",
        "this request",
        "medical necessity",
        "the utilization review",
        "the prior",
        "the denial",
        "the non-certification",
        "the ur ",
    ];
    let named = generic.iter().any(|g| lower.starts_with(g)) || words.split_whitespace().count() <= 3;
    if crate::decision::no_determination(words) {
        return Some((lead..lead + t.len(), Decision::Unknown));
    }
    if !named {
        return None;
    }
    let outcome = value_outcome(words)?;
    Some((lead..lead + t.len(), outcome))
}

/// Where a title ends whose rationale runs on after a colon on the same line: the colon comes
/// early, more than a few words follow it, and the first sentence after it states no decision
/// (that is a list entry, "X: the denial is upheld"). An entry that is itself a determination
/// ("has determined the request for topical compound: Flurbiprofen 20%...") is not one.
fn run_on_title(entry: &str) -> Option<usize> {
    // "3. Biofeedback, 6 sessions. The MTUS does not recommend...": a full stop may end the
    // title too, when what it ends is short.
    let colon = entry.find(": ").filter(|&at| at > 0 && at <= 200);
    let stop = entry.find(". ").filter(|&at| at > 0 && at <= 100);
    let at = match (colon, stop) {
        (Some(c), Some(s)) => c.min(s),
        (c, s) => c.or(s)?,
    };
    let title = entry[..at].to_ascii_lowercase();
    if title.contains("determin") || title.contains("request") || title.contains('\n') {
        return None;
    }
    let rest = &entry[at + 2..];
    let first = rest.find(". ").map_or(rest, |e| &rest[..e]);
    let decides = NECESSITY.is_match(first)
        || crate::decision::of_sentence(first).is_some_and(|st| st.strength == crate::decision::Strength::Firm);
    (rest.split_whitespace().count() > 8 && !decides).then_some(at)
}

/// A decision stated after the item in a list entry: the separator's offset, the decision's
/// range and the outcome.
fn listed_decision(raw: &str, from: usize) -> Option<(usize, usize, usize, Decision)> {
    let body = raw.get(from..)?;
    let sep = [": ", " - ", " – ", " — ", " -- "]
        .iter()
        .filter_map(|p| body.rfind(p).map(|i| (i, p.len())))
        .max_by_key(|(i, _)| *i)?;
    let (at, len) = (from + sep.0, sep.1);
    let whole_tail = raw[at + len..].trim();
    // "X: not medically necessary and appropriate. The prior denial stands.": a value of more
    // than a few words is its first sentence; what follows restates it.
    let tail = match whole_tail.find(". ") {
        Some(stop) if whole_tail.split_whitespace().count() > 8 && !whole_tail.ends_with('?') => &whole_tail[..=stop],
        _ => whole_tail,
    };
    let lead = raw[at + len..].len() - raw[at + len..].trim_start().len();
    // "Is the request for pre-operative labs: CBC, CMP and EKG medically necessary?" asks.
    if at == from || tail.is_empty() || tail.split_whitespace().count() > 8 || whole_tail.ends_with('?') {
        return None;
    }
    let outcome = value_outcome(tail)?;
    let start = at + len + lead;
    Some((at, start, start + tail.len(), outcome))
}

/// The outcome a list entry's value states ("non-certified", "Upheld.", "the denial is
/// upheld").
fn value_outcome(value: &str) -> Option<Decision> {
    let words = value.trim().trim_end_matches(['.', ';']).to_lowercase();
    // "non-certified (the utilization review modification stands)": the value before its
    // parenthesis.
    let bare = match words.find(" (") {
        Some(at) if words.ends_with(')') => &words[..at],
        _ => words.as_str(),
    };
    crate::decision::bare_outcome(bare).or_else(|| {
        crate::decision::of_sentence(value)
            .filter(|st| st.strength == crate::decision::Strength::Firm)
            .map(|st| st.outcome)
    })
}

/// "1. The request for physical therapy 3 x 4 for the lumbar spine is non-certified.", "5. The
/// request for follow-up with pain management is certified.": a list entry whose sentence ends
/// in a firm predicate of the decision grammar, its subject the item; or in a hedged refusal
/// ("5. Home health care ... is not supported at this time."), which a list of outcomes uses as
/// a decision, where "a 30-day trial would be supported" after an outcome is its reason. As
/// [`listed_decision`]: (where the item ends, where the decision starts and ends, the decision).
/// `stated` is what [`crate::decision::of_sentence`] reads in `raw[from..]`.
fn stated_decision(
    raw: &str,
    from: usize,
    stated: Option<crate::decision::Statement>,
) -> Option<(usize, usize, usize, Decision)> {
    use crate::decision::Strength;
    let body = raw.get(from..)?;
    let st = stated.filter(|st| st.strength == Strength::Firm || st.outcome == Decision::Upheld)?;
    // The predicate ends the entry: nothing after it but the full stop ("at this time" aside).
    let rest = body[st.end..].trim().trim_end_matches(['.', ';']).trim();
    let rest = if rest.eq_ignore_ascii_case("at this time") { "" } else { rest };
    if !rest.is_empty() {
        return None;
    }
    let subject = without_copula(body[..st.start].trim_end());
    // "Cyclobenzaprine 7.5 mg #60: modified to #20 for weaning; the request for #60 is not
    // ...", "Chiropractic ... 2 times a week for 3 weeks: the utilization review
    // non-certification is overturned; the treatment is ...": a name, then a clause of its own
    // after the colon. The item is the name.
    // A subject that is an item's name: no sentence before it, not too long, more than an
    // article ("The non-certification of X is upheld" puts the item inside the predicate).
    let words = subject.split_whitespace().count();
    let article = ["the", "a", "an", "this", "that"].iter().any(|a| subject.eq_ignore_ascii_case(a));
    if subject.is_empty() || article || subject.contains(". ") || words > 30 {
        return None;
    }
    Some((from + subject.len(), from + st.start, from + st.end, st.outcome))
}

/// Where a determination's subject is a name, then a colon and a clause of its own ("Cyclobenzaprine
/// 7.5 mg #60: modified to #20 for weaning; the request for #60", "Chiropractic ... for 3 weeks:
/// the utilization review non-certification is overturned; the treatment"): the colon, the item
/// being the name before it.
fn name_before_clause(subject: &str) -> Option<usize> {
    let colon = subject.find(": ").filter(|&c| c > 0)?;
    let after = subject[colon + 2..].trim_start();
    let opens_clause = crate::text::opens_with_any(after, &["the ", "this ", "that ", "it "]);
    let name = subject[..colon].trim();
    (name.chars().filter(|c| c.is_alphabetic()).take(3).count() == 3 && (opens_clause || after.contains("; ")))
        .then_some(colon)
}

/// "1. Cognitive behavioral therapy, 6 sessions: the Claims Administrator's non-certification is"
/// / "REVERSED.": an entry that breaks off at the verb of its decision goes on with the outcome
/// below, in whatever case.
fn outcome_broken_off(entry: &str, line: &str) -> bool {
    let last_word = last_word(entry);
    ["is", "are", "was", "were", "be", "been", "remains", "hereby"].iter().any(|w| last_word.eq_ignore_ascii_case(w))
        && line.split_whitespace().count() <= 4
        && value_outcome(line).is_some()
}

/// An entry's last word.
fn last_word(entry: &str) -> &str {
    entry.trim_end().rsplit(char::is_whitespace).next().unwrap_or("")
}

/// Whether an entry's line ends on a word no phrase ends on (an article, a preposition, a
/// conjunction): its next line goes on with it.
fn ends_mid_phrase(entry: &str) -> bool {
    let last_word = last_word(entry);
    ["the", "a", "an", "of", "for", "to", "and", "or", "with", "by", "in", "on", "at", "from"]
        .iter()
        .any(|w| last_word.eq_ignore_ascii_case(w))
}

/// Whether a line continues a wrapped item rather than starting the prose after it: it starts
/// in lower case or with a digit, or it carries the decision ("Lumbar Spine is not medically
/// necessary").
/// A line that opens on a conjunction and "that" ("and that the remaining disputed items/services
/// are not ...") goes on with the sentence that introduced the list, not with its last entry.
fn continues_item(line: &str) -> bool {
    let t = line.trim_start();
    !crate::text::opens_with_any(t, &["and that ", "but that ", "or that "])
        && (!t.starts_with(|c: char| c.is_uppercase())
            || NECESSITY.find(t).is_some_and(|m| !t[..m.start()].contains(". ")))
}

/// The items listed under the issues heading: its numbered entries, or its first line.
fn issue_list(letter: &Letter, entries: &[Entry]) -> Vec<(Span, String)> {
    let text = &letter.text;
    let mut out = Vec::new();
    for section in letter.sections_of(SectionKind::Issues) {
        let listed: Vec<&Entry> = entries
            .iter()
            .filter(|e| {
                section.body.contains(Span::new(e.lines.start, e.lines.start))
                    || (e.lines.start >= section.body.start && e.lines.start < section.body.end)
            })
            .collect();
        if !listed.is_empty() {
            // "1. Chiropractic treatment ... lumbar spine:" after the list "1. ... 6." heads the
            // first item's rationale: an entry that repeats a listed one's number and words is
            // its title, not another item.
            let mut taken: Vec<(Option<usize>, &str)> = Vec::new();
            for e in listed {
                let number = line_number(letter.slice(e.lines));
                if number.is_some() && taken.iter().any(|&(n, t)| n == number && same_item(t, &e.text)) {
                    continue;
                }
                taken.push((number, &e.text));
                out.push((e.span, e.text.clone()));
            }
            continue;
        }
        // "Is the request for X medically necessary? Are Y medically necessary?": issues put as
        // questions, several to a paragraph, each names one item.
        let asked = questions(letter, section.body);
        if !asked.is_empty() {
            out.extend(asked);
            continue;
        }
        // "ISSUE AT DISPUTE: PT x 12", or the item alone on the first line.
        if let Some(l) = letter.lines_in(section.body).into_iter().find(|l| !is_blank(text, l)) {
            let span = Span::new(l.span.start.max(section.body.start), l.span.end);
            let t = text[span.start..span.end].trim();
            if !t.is_empty() && t.len() < 250 && !NECESSITY.is_match(t) {
                let lead = text[span.start..span.end].len() - text[span.start..span.end].trim_start().len();
                out.push((Span::new(span.start + lead, span.start + lead + t.len()), t.to_owned()));
            }
        }
    }
    out
}

/// "The disputed treatment and/or services were: aquatic therapy twice weekly for 6 weeks;
/// Orthovisc injections x3 to the left knee; and a front-wheeled walker.": the items named in
/// one sentence, split at its semicolons.
fn named_in_a_sentence(letter: &Letter) -> Vec<(Span, String)> {
    let whole = letter.whole();
    let ft = whole.as_str();
    for &(s, e) in whole.sentences() {
        let sentence = &ft[s..e];
        let Some(m) = DISPUTED_LIST.find(sentence) else { continue };
        let list = &sentence[m.end()..];
        if !list.contains(';') {
            continue;
        }
        let mut out = Vec::new();
        let mut at = s + m.end();
        for part in list.split(';') {
            let lead = part.len() - part.trim_start().len();
            let mut item = part.trim_start();
            let mut from = at + lead;
            if let Some(rest) = item.strip_prefix("and ") {
                from += item.len() - rest.len();
                item = rest;
            }
            let item = item.trim_end().trim_end_matches(['.', ',']).trim_end();
            if !item.is_empty() && item.len() <= 250 {
                out.push((whole.span(from, from + item.len()), item.to_owned()));
            }
            at += part.len() + 1;
        }
        if out.len() >= 2 {
            return out;
        }
    }
    Vec::new()
}

/// A table row of a decision summary: the item, a leader of dots (or a wide gap), and the
/// outcome ("Tramadol 50mg #120 ............ Upheld"), perhaps with its reason after a full stop
/// ("Upheld. UR modification stands").
static DOTTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?P<item>\S.*?\S)\s*(?:\.{4,}|\u{2026}+|\s{4,}|\t+|[ \t]*\|[ \t]*)\s*(?P<d>[A-Za-z][A-Za-z -]{2,20}?)\s*(?:\.\s+[A-Za-z(][^\n]*|\.)?\s*$")
        .expect("dotted compiles")
});

/// A row of a decision table ([`DOTTED`]): where its item stands (without the leader's dots
/// or a closing colon), where its outcome stands, and the outcome.
fn table_row(line: &str) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>, Decision)> {
    if !line.contains(['.', ' ', '\t', '\u{2026}']) {
        return None;
    }
    let c = DOTTED.captures(line)?;
    let (item, d) = (c.name("item")?, c.name("d")?);
    let outcome = crate::decision::bare_outcome(&d.as_str().trim().to_lowercase())?;
    let item_len = item.as_str().trim_end_matches(['.', ':']).trim_end().len();
    Some((item.start()..item.start() + item_len, d.range(), outcome))
}

/// A numbered entry that is a row of a decision table ("1.  Lumbar support brace .........
/// UPHELD"): where its item ends, where its outcome stands, and the outcome.
fn dotted_decision(raw: &str, from: usize) -> Option<(usize, usize, usize, Decision)> {
    let (item, d, outcome) = table_row(raw.get(from..)?)?;
    Some((from + item.end, from + d.start, from + d.end, outcome))
}

/// The heading of a table column that holds the utilization review's own decision
/// ("Requested treatment          UR decision"): the rows' outcomes below it are what the IMR
/// reviews ("Non-certified" on every row), not its determination.
static UR_COLUMN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?mi)^[^\n]*\S[ \t]{2,}(?:UR|utilization\s+review|claims\s+administrator(?:'s)?|carrier(?:'s)?|prior|previous|initial)\s+(?:decision|determination)s?[ \t]*:?[ \t]*\r?$")
        .expect("UR column compiles")
});

/// Entries in a table under a [`UR_COLUMN`] heading (to the end of its section) state no
/// decision of the IMR's: their items are decided by their rationales.
fn drop_ur_column(letter: &Letter, entries: &mut [Entry]) {
    for m in UR_COLUMN.find_iter(&letter.text) {
        let end = letter
            .sections
            .iter()
            .find(|s| s.body.start <= m.start() && m.end() <= s.body.end)
            .map_or(letter.text.len(), |s| s.body.end);
        for e in entries.iter_mut().filter(|e| m.end() < e.lines.start && e.lines.start < end) {
            e.decision = None;
        }
    }
}

/// The label a table row may open on, before the item's name: "Item #1", "Item No. 2",
/// "Issue 3", set off by spaces alone.
static ROW_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?i:item|issue|request)\s*(?:#|no\.?)?\s*\d{1,2}[.:)]?\s+").expect("row label compiles")
});

/// A table row's first cell that is a date: a history of earlier decisions ("1/15/2013
/// chiropractic x 6 ... certified").
static DATED_ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\d{1,2}[/-]\d{1,2}[/-](?:\d{4}|\d{2})(?:\s{2,}|\t)").expect("dated row compiles")
});

/// Rows of a decision table ([`DOTTED`]) that no numbered entry already holds, each an item
/// with its outcome.
fn dotted_entries(letter: &Letter, numbered: &[Entry]) -> Vec<Entry> {
    let text = &letter.text;
    let mut out = Vec::new();
    for (i, l) in letter.lines.iter().enumerate() {
        let raw = &text[l.span.start..l.span.end];
        if raw.len() > 300 {
            continue;
        }
        // A row whose column gives a status instead ("Item #6   Pain management consultation
        // Not reviewed (see below)") is still one of the table's items, its decision unknown.
        let Some((item, decided)) = table_row(raw)
            .map(|(item, d, outcome)| (item, Some((d, outcome))))
            .or_else(|| status_column(raw).map(|(item, status)| (item, Some((status, Decision::Unknown)))))
        else {
            continue;
        };
        if numbered.iter().any(|e| e.lines.start <= l.span.start && l.span.start < e.lines.end.max(e.lines.start + 1)) {
            continue;
        }
        // A row of the case summary, or one that opens on a date ("1/15/2013   chiropractic x 6
        // ...   certified"), tells an earlier review's decision, not this one's.
        if section_at(letter, l.span.start) == SectionKind::Summary || DATED_ROW.is_match(&raw[item.clone()]) {
            continue;
        }
        let at = l.span.start;
        // "Item #1   Post-operative physical therapy ...   Upheld": the row's label is not
        // the item's name.
        let label = ROW_LABEL.find(&raw[item.clone()]).map_or(0, |m| m.end());
        let item = item.start + label..item.end;
        let mut name = raw[item.clone()].to_owned();
        let mut from = at + item.start;
        if let Some(head) = wrapped_row_head(letter, i) {
            name = format!("{} {name}", letter.slice(head).trim_end());
            from = head.start;
        }
        out.push(Entry {
            lines: Span::new(from.min(l.span.start), l.span.end),
            text: name,
            span: Span::new(from, at + item.end),
            decision: decided.map(|(d, outcome)| Spanned::new(outcome, Span::new(at + d.start, at + d.end))),
            section: section_at(letter, l.span.start),
        });
    }
    // A status row alone is no table: a line of prose may end in "withdrawn" after a gap.
    if out.iter().all(|e| e.decision.as_ref().is_none_or(|d| d.value == Decision::Unknown)) {
        out.clear();
    }
    out
}

/// A table row whose column holds a status ([`crate::decision::NO_DETERMINATION`]) after a gap
/// of four spaces or a tab: where its item stands, and where the status does.
fn status_column(line: &str) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let lead = line.len() - line.trim_start().len();
    let gap = lead + line.trim().find(['\t']).or_else(|| line.trim().find("    "))?;
    let value = line[gap..].trim();
    let item = line[..gap].trim_end();
    (item.len() >= lead + 3 && value.split_whitespace().count() <= 8 && crate::decision::no_determination(value)).then(
        || {
            let at = gap + (line[gap..].len() - line[gap..].trim_start().len());
            (lead..item.len(), at..at + value.len())
        },
    )
}

/// The small words a wrapped line of an item's name breaks off after, or its next line begins
/// with ("Home health aide ..., for assistance with housekeeping" / "and shopping").
const JOINING_WORDS: &[&str] = &["and", "or", "of", "at", "with", "for", "to", "the", "x", "in", "on", "per"];

/// Whether a line breaks off mid-phrase: it ends in a comma, a hyphen, a slash, an ampersand,
/// an open parenthesis or one of [`JOINING_WORDS`].
fn breaks_off(line: &str) -> bool {
    let t = line.trim_end();
    t.ends_with([',', '-', '/', '&', '(']) || JOINING_WORDS.contains(&t.rsplit(' ').next().unwrap_or(""))
}

/// Whether a line carries on a phrase: it opens on one of [`JOINING_WORDS`].
fn carries_on(line: &str) -> bool {
    JOINING_WORDS.contains(&line.trim_start().split(' ').next().unwrap_or(""))
}

/// The first line of a table row whose item wrapped, perhaps over a page break
/// ("Lumbar epidural steroid injection," / "Page 2 of 5" / "L4-L5 | Upheld"): the line before
/// the row, past page furniture, when it is short, no row itself, and breaks off mid-phrase.
fn wrapped_row_head(letter: &Letter, row: usize) -> Option<Span> {
    let line = letter.lines[..row].iter().rev().find(|l| !letter.is_furniture_line(l))?;
    let raw = letter.slice(line.span);
    let t = raw.trim();
    let short = !t.is_empty() && t.len() <= 100 && !t.contains(". ");
    let start = line.span.start + (raw.len() - raw.trim_start().len());
    (breaks_off(t) && short && table_row(raw).is_none()).then(|| Span::new(start, start + t.len()))
}

/// The lead-in of a sentence that lists the disputed items.
static DISPUTED_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:disputed|requested)\s+(?:treatments?|items?|services?|requests?)(?:\s+and/or\s+services?)?\s+(?:were|are|is|was|include[sd]?)\s*:\s*")
        .expect("disputed list compiles")
});

/// The items of a run of questions ("Is the request for occupational therapy twice weekly for 4
/// weeks for the right elbow medically necessary? Are trigger point injections x4 medically
/// necessary?"), in order, when every sentence of the body up to the first that is not one asks
/// about an item.
fn questions(letter: &Letter, body: Span) -> Vec<(Span, String)> {
    let flow = letter.flow(body);
    let ft = flow.as_str();
    let mut out = Vec::new();
    for &(s, e) in flow.sentences() {
        let sentence = ft[s..e].trim_end();
        let lead = ft[s..e].len() - ft[s..e].trim_start().len();
        let sentence = sentence.trim_start();
        let Some((start, stop)) = asked_item(sentence) else { break };
        let item = &sentence[start..stop];
        let at = s + lead + start;
        out.push((flow.span(at, at + item.len()), item.to_owned()));
    }
    out
}

/// Whether words open on "Whether ", an issue put as a question without its question mark.
fn opens_with_whether(s: &str) -> bool {
    s.get(..8).is_some_and(|w| w.eq_ignore_ascii_case("whether "))
}

/// The item a question asks about ("Is the request for X medically necessary?" asks about X),
/// as a range of `sentence`; `None` when it is no such question.
fn asked_item(sentence: &str) -> Option<(usize, usize)> {
    // "Whether massage therapy 1x6 ... is medically necessary" asks without a question mark.
    if opens_with_whether(sentence) && !asks(sentence) {
        let tail = WHETHER_TAIL.find(sentence)?;
        let item = sentence[8..tail.start()].trim_start();
        let start = sentence.len() - sentence[8..].trim_start().len();
        return (!item.is_empty() && item.len() <= 300).then_some((start, start + item.len()));
    }
    let q = QUESTION.find(sentence).filter(|_| asks(sentence))?;
    let mut start = q.end();
    if let Some(m) = REQUEST_FOR.captures(&sentence[start..]).and_then(|c| c.name("item")) {
        if sentence[start..start + m.start()].to_ascii_lowercase().contains("request") {
            start += m.start();
        }
    }
    let stop = QUESTION_TAIL.find(&sentence[start..]).map_or(sentence.len(), |m| start + m.start());
    let item = sentence[start..stop].trim_end_matches([',', ';', ':', '.', ' ']);
    (!item.is_empty() && item.len() <= 300).then_some((start, start + item.len()))
}

/// The words of an issue line that name its item, and where they start: "Issue 1: Is physical
/// therapy for the left ankle medically necessary?" names the therapy; the label and the
/// question's words are not the item's. A line without a label is its own words.
fn issue_words(line: &str) -> (usize, &str) {
    match ISSUE_LABEL.find(line) {
        Some(m) => {
            let rest = &line[m.end()..];
            match asked_item(rest) {
                Some((a, b)) => (m.end() + a, &rest[a..b]),
                None => (m.end(), rest),
            }
        }
        None => (0, line),
    }
}

/// A sentence that ends in a question mark asks; whatever predicate it holds decides nothing.
fn asks(sentence: &str) -> bool {
    sentence.trim_end().ends_with('?')
}

/// The numbers a label or a list names, in order: "Issues 2 and 3:" names 2 and 3, "Services A
/// and E:" 1 and 5, and a range each number in it ("Items 2 through 5", "2-4 and 6").
fn label_numbers(label: &str) -> Vec<usize> {
    let body = label.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let mut out: Vec<usize> = Vec::new();
    // Whether a range's word or dash stands between the last number and the next.
    let mut ranged = false;
    let mut rest = body;
    while let Some(at) = rest.find(|c: char| c.is_ascii_alphanumeric()) {
        ranged |= matches!(rest[..at].trim(), "-" | "\u{2013}");
        let len = rest[at..].find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len() - at);
        let w = &rest[at..at + len];
        rest = &rest[at + len..];
        let n = match w.parse::<usize>() {
            Ok(n) => n,
            Err(_) if w.len() == 1 && w.as_bytes()[0].is_ascii_uppercase() => lettered(w.as_bytes()[0]),
            // "and", "no", "nos"; "through" makes a range.
            Err(_) => {
                ranged |= ["through", "thru", "to"].iter().any(|r| w.eq_ignore_ascii_case(r));
                continue;
            }
        };
        match out.last().copied() {
            // A range of at most a letter's items.
            Some(from) if ranged && from < n && n - from <= 30 => out.extend(from + 1..=n),
            _ => out.push(n),
        }
        ranged = false;
    }
    out
}

/// An issue's label before its words: "Issue 1:", "Issue #2 -", "Item 3.", "Issues 2 and 3:",
/// "Disputed Item 4:", "Rationale for Issue 5:".
static ISSUE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)^(?:(?:rationale|reasons?|basis|discussion|analysis|determination|decision)\s+(?:for|on|of|regarding|concerning)\s+(?:the\s+)?)?(?:(?:disputed|requested|contested)\s+)?(?:issue|item|request|service|treatment)s?\s*(?:nos?\.?\s*|#\s*)?(?:\d{{1,2}}|[A-H]|(?-i:{ROMAN_CAPITALS})\b)(?:\s*(?:,|and|&)\s*(?:\d{{1,2}}|[A-H]))*\s*(?:[:.)\u{{2013}}\u{{2014}}]|-{{1,2}})\s*"))
        .expect("issue label compiles")
});

/// A heading that names several issues by number and nothing else, the rationale under it
/// being theirs together: "Issues 3 and 4", "Items 2, 3 and 4:", "Requests 5 & 6."
static JOINT_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^\s*(?:issues|items|requests)\s+(?:nos?\.?\s*)?{NUMBER_LIST}\s*(?:$|[:.)\u{{2013}}\u{{2014}}]|-{{1,2}})"
    ))
    .expect("joint heading compiles")
});

/// The numbers of a [`JOINT_HEADING`], in order, two at least; none for any other line.
fn joint_numbers(line: &str) -> Vec<usize> {
    JOINT_HEADING.find(line).map(|m| label_numbers(m.as_str().trim())).filter(|ns| ns.len() > 1).unwrap_or_default()
}

/// Numbers alone that label one rationale for several issues: "4. and 5. Naproxen ...;
/// Omeprazole ...", "2), 3) and 4) ...". Each number keeps its stop, so a wrapped line of prose
/// ("8 and 8 after surgery") is none.
static NUMBERS_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{1,2}[.)]\s*(?:(?:,|,?\s*and|&)\s*\d{1,2}[.)]\s*)+").expect("numbers label compiles")
});

/// Whether a line opens with an issue's own label ("ISSUE 1:", "Issue #2 -").
fn issue_labelled(line: &str) -> bool {
    let t = line.trim_start();
    t.get(..5).is_some_and(|w| w.eq_ignore_ascii_case("issue")) && ISSUE_LABEL.is_match(t)
}

/// Two wordings name the same item when their content words mostly coincide and they start
/// with the same treatment word ("Aquatic therapy for the lumbar spine" is not "Physical therapy
/// 3 x 4 for the lumbar spine", though most of their words are shared).
pub fn same_item(a: &str, b: &str) -> bool {
    // ASCII text (nearly every item) is compared without lower-casing copies of its words: this
    // is called for every pair of an item and a line or determination (issue 14).
    if a.is_ascii() && b.is_ascii() {
        let (mut wa, mut wb) = (Vec::with_capacity(16), Vec::with_capacity(16));
        ascii_words(a, &mut wa);
        ascii_words(b, &mut wb);
        return same_words(&wa, &wb, |x, y| x.eq_ignore_ascii_case(y));
    }
    same_item_words(&item_words(a), &item_words(b))
}

/// The items' words as [`same_item`] counts them, read once, with the items each word is in:
/// a title is compared only with the items that share a word with it, so tying every line of a
/// long letter to its items takes time in proportion to the lines, not lines times items.
struct ItemIndex {
    words: Vec<Vec<String>>,
    /// Items by word, each with the letter of the file it stands in: a title is compared with
    /// its own letter's items. (Keyed by the word alone, so that a title's words are looked up
    /// without a copy of each.)
    by_word: std::collections::HashMap<String, Vec<(usize, usize)>>,
}

/// Short forms of items' words and their long forms (`item-abbreviations.txt`): "fce" is
/// "functional capacity evaluation".
static SHORT_FORMS: LazyLock<std::collections::HashMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    include_str!("item-abbreviations.txt")
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split_once(" = "))
        .map(|(short, long)| (short.trim(), long.split_whitespace().collect()))
        .collect()
});

/// Words with each short form read as its long form's words.
fn long_forms<'a>(words: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out = Vec::new();
    for w in words {
        match SHORT_FORMS.get(w) {
            Some(long) => out.extend(long.iter().copied().filter(|x| !SAME_ITEM_STOP.contains(x))),
            None => out.push(w),
        }
    }
    out
}

impl ItemIndex {
    fn new(items: &[Item], letter: &Letter) -> ItemIndex {
        let words: Vec<Vec<String>> = items
            .iter()
            .map(|it| {
                let lower = it.text.value.to_lowercase();
                long_forms(words_of_lower_case(&lower)).into_iter().map(str::to_owned).collect()
            })
            .collect();
        let mut by_word: std::collections::HashMap<String, Vec<(usize, usize)>> = Default::default();
        for (i, ws) in words.iter().enumerate() {
            let k = letter.letter_at(items[i].text.span.start);
            for w in ws {
                let list = by_word.entry(w.clone()).or_default();
                if list.last() != Some(&(k, i)) {
                    list.push((k, i));
                }
            }
        }
        ItemIndex { words, by_word }
    }

    /// The item a title or entry names: of the items [`same_item`] accepts, the one its number
    /// names, else the one sharing the largest part of their words ("MRI of the left knee" is
    /// the knee MRI, not the ankle MRI listed before it).
    /// `k` is the letter of the file the title stands in ([`Letter::letter_at`]).
    fn closest(&self, title: &str, k: usize, number: Option<usize>) -> Option<usize> {
        // The title's words borrowed from one lower-cased copy, not a string each: this is
        // asked of every entry and title line (issue 14).
        let lower = title.to_lowercase();
        let tw: Vec<&str> = long_forms(words_of_lower_case(&lower));
        let mut candidates: Vec<usize> = tw
            .iter()
            .filter_map(|w| self.by_word.get(*w))
            .flatten()
            .filter(|(letter, _)| *letter == k)
            .map(|(_, i)| *i)
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        // "TENS unit purchase" for "purchase of a TENS unit for the left shoulder": a title of
        // two words or more, every one of them the item's, is the item's in another order.
        let within = |i: usize| tw.len() >= 2 && tw.iter().all(|w| self.words[i].iter().any(|x| x == w));
        candidates.retain(|&i| same_words(&self.words[i], &tw, |x, y| x == y) || within(i));
        if let Some(n) = number.filter(|n| candidates.contains(&n.wrapping_sub(1))) {
            return Some(n - 1);
        }
        candidates.into_iter().max_by_key(|&i| (overlap(&self.words[i], &tw), std::cmp::Reverse(i)))
    }
}

/// Which letter of a file (by [`Letter::starts`]) holds `offset`.
fn letter_at(starts: &[usize], offset: usize) -> usize {
    starts.partition_point(|&s| s <= offset).saturating_sub(1)
}

/// [`same_item`] on words read once with [`item_words`], for callers that compare one
/// wording with many.
pub fn same_item_words(a: &[String], b: &[String]) -> bool {
    same_words(a, b, |x, y| x == y)
}

/// An item's words as [`same_item`] compares them: lower case, longer than one character, not
/// a stop word.
pub fn item_words(s: &str) -> Vec<String> {
    words_of_lower_case(&s.to_lowercase()).map(str::to_owned).collect()
}

/// [`item_words`] of a text already in lower case, borrowed from it.
fn words_of_lower_case(lower: &str) -> impl Iterator<Item = &str> {
    lower.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() > 1 && !SAME_ITEM_STOP.contains(w))
}

/// How much of two word lists they share, in thousandths of the longer one.
fn overlap(a: &[String], b: &[&str]) -> usize {
    let common = a.iter().filter(|w| b.contains(&w.as_str())).count();
    common * 1000 / a.len().max(b.len()).max(1)
}

/// Words that do not tell two wordings of an item apart.
const SAME_ITEM_STOP: &[&str] = &[
    "the",
    "for",
    "of",
    "to",
    "and",
    "a",
    "an",
    "request",
    "requests",
    "requested",
    "additional",
    "post",
    "operative",
    "postoperative",
    "op",
];

/// The words of ASCII `s` as [`same_item`] counts them: runs of letters and digits, longer
/// than one, not a stop word (in any case).
fn ascii_words<'s>(s: &'s str, out: &mut Vec<&'s str>) {
    let b = s.as_bytes();
    let mut at = 0;
    while at < b.len() {
        if !b[at].is_ascii_alphanumeric() {
            at += 1;
            continue;
        }
        let start = at;
        while at < b.len() && b[at].is_ascii_alphanumeric() {
            at += 1;
        }
        let w = &s[start..at];
        if w.len() > 1 && !is_stop_word(w) {
            out.push(w);
        }
    }
}

/// Is ASCII `w` one of [`SAME_ITEM_STOP`], in any case?
fn is_stop_word(w: &str) -> bool {
    let mut lower = [0u8; 13];
    let Some(buf) = lower.get_mut(..w.len()) else { return false };
    for (d, s) in buf.iter_mut().zip(w.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    SAME_ITEM_STOP.iter().any(|stop| stop.as_bytes() == &*buf)
}

/// [`same_item`] on the two word lists, `eq` comparing words.
fn same_words<A: AsRef<str>, B: AsRef<str>>(wa: &[A], wb: &[B], eq: impl Fn(&str, &str) -> bool) -> bool {
    if wa.is_empty() || wb.is_empty() {
        return false;
    }
    // "Synvisc-One injection for the right knee" is not the left knee's, whatever else they share.
    // The one side a wording names (none when it names both or neither).
    fn side<W: AsRef<str>>(w: &[W], eq: &impl Fn(&str, &str) -> bool) -> Option<&'static str> {
        match ["left", "right"].map(|s| w.iter().any(|x| eq(x.as_ref(), s))) {
            [true, false] => Some("left"),
            [false, true] => Some("right"),
            _ => None,
        }
    }
    if let (Some(a), Some(b)) = (side(wa, &eq), side(wb, &eq)) {
        if a != b {
            return false;
        }
    }
    let common = wa.iter().filter(|w| wb.iter().any(|x| eq(w.as_ref(), x.as_ref()))).count();
    let (short, long) = (wa.len().min(wb.len()), wa.len().max(wb.len()));
    fn head<W: AsRef<str>>(w: &[W]) -> Option<&str> {
        w.iter().map(AsRef::as_ref).find(|x| !x.chars().all(|c| c.is_ascii_digit()))
    }
    // A head that is the other's first words' initials ("PRP injection" for "Platelet-rich
    // plasma (PRP) injection") is the same head.
    fn initials_of<W: AsRef<str>>(w: &[W], acronym: &str) -> bool {
        let n = acronym.chars().count();
        (2..=5).contains(&n)
            && w.len() > n
            && w.iter().take(n).zip(acronym.chars()).all(|(x, c)| x.as_ref().starts_with(c))
    }
    let heads = match (head(wa), head(wb)) {
        (Some(x), Some(y)) => eq(x, y) || initials_of(wa, y) || initials_of(wb, x),
        (None, None) => true,
        _ => false,
    };
    common == long || (common * 10 >= short * 7 && heads)
}

/// Every sentence of the labelled letters the tests read (`fixtures/letters`, `holdout`,
/// `realistic`, `realistic2`, `realistic3`), for tests that compare two ways of reading them.
#[cfg(test)]
pub(crate) fn labelled_sentences() -> Vec<String> {
    let mut texts = Vec::new();
    for set in ["letters", "holdout", "realistic", "realistic2", "realistic3"] {
        for e in std::fs::read_dir(format!("fixtures/{set}")).into_iter().flatten().flatten() {
            let Ok(l) = Letter::from_bytes("x", &std::fs::read(e.path()).unwrap_or_default()) else { continue };
            let f = l.whole();
            texts.extend(f.sentences().iter().map(|&(a, b)| f.as_str()[a..b].to_owned()));
        }
    }
    texts
}

#[cfg(test)]
mod same_item_tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_two_sides_of_the_body_are_two_items() {
        assert!(!same_item("Synvisc-One injection for the right knee", "Synvisc-One injection for the left knee"));
        assert!(!same_item("MRI of the LEFT shoulder", "MRI of the right shoulder"));
        assert!(same_item("Synvisc-One injection for the right knee", "Synvisc-One injection, right knee"));
        // Both sides named in one wording: the side tells nothing apart.
        assert!(same_item("EMG of the right and left upper extremities", "EMG of the left upper extremity"));
    }

    proptest! {
        /// A title's end read in one pass is where the separators' substring searches put it.
        #[test]
        fn a_titles_end_is_the_least_first_place_of_its_separators(
            rest in "[a: .\u{2014}\u{2013}-]{0,260}",
            stop in prop::sample::select(vec![":", ". "]),
        ) {
            let seps = [":", " -- ", " \u{2014} ", " \u{2013} ", " - ", stop];
            let by_search = seps.iter().filter_map(|sep| rest.find(sep)).filter(|&c| c > 0 && c <= 200).min();
            prop_assert_eq!(title_end(&rest, &seps), by_search);
        }
    }

    /// The comparison as first written, with lower-cased copies.
    fn same_item_as_written(a: &str, b: &str) -> bool {
        let words = |s: &str| -> Vec<String> {
            s.to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.len() > 1 && !SAME_ITEM_STOP.contains(w))
                .map(str::to_owned)
                .collect()
        };
        let (wa, wb) = (words(a), words(b));
        if wa.is_empty() || wb.is_empty() {
            return false;
        }
        let common = wa.iter().filter(|w| wb.contains(w)).count();
        let (short, long) = (wa.len().min(wb.len()), wa.len().max(wb.len()));
        let head = |w: &[String]| w.iter().find(|x| !x.chars().all(|c| c.is_ascii_digit())).cloned();
        // An acronym of the other side's first words is its head too.
        let initials = |w: &[String], a: &Option<String>| {
            a.as_ref().is_some_and(|a| {
                let n = a.chars().count();
                (2..=5).contains(&n) && w.len() > n && w.iter().take(n).zip(a.chars()).all(|(x, c)| x.starts_with(c))
            })
        };
        let heads = head(&wa) == head(&wb) || initials(&wa, &head(&wb)) || initials(&wb, &head(&wa));
        common == long || (common * 10 >= short * 7 && heads)
    }

    proptest! {
        /// Issue 14: the comparison without copies says what the one with copies said.
        #[test]
        fn same_item_says_what_it_said(
            a in proptest::collection::vec(prop_oneof![
                Just("Physical"), Just("physical"), Just("THERAPY"), Just("therapy"), Just("the"), Just("The"),
                Just("of"), Just("2x4"), Just("12"), Just("a"), Just("for"), Just("lumbar"), Just("Spine"),
                Just("Request"), Just("op"), Just("ALL"), Just("x"), Just("é"), Just("Ärzte"),
            ], 0..8),
            b in proptest::collection::vec(prop_oneof![
                Just("physical"), Just("Therapy"), Just("the"), Just("lumbar"), Just("spine"), Just("12"),
                Just("3x4"), Just("acupuncture"), Just("OF"), Just("all"), Just("z"),
            ], 0..8),
            sep in prop_oneof![Just(" "), Just(", "), Just("-"), Just("/"), Just(": ")],
        ) {
            let (a, b) = (a.join(sep), b.join(" "));
            prop_assert_eq!(same_item(&a, &b), same_item_as_written(&a, &b), "{} / {}", a, b);
        }
    }
}

/// Where a title ends in `rest`: the least of the separators' first places that is past the
/// start and at most 200 bytes in, as `seps.iter().filter_map(|s| rest.find(s)).filter(|&c| c > 0
/// && c <= 200).min()` reads it, in one pass that stops at the first (issue 14: six substring
/// searches of every line were 2.5% of an audit).
fn title_end(rest: &str, seps: &[&str]) -> Option<usize> {
    let bytes = rest.as_bytes();
    // The separators whose first place was the start, and so rule nothing in.
    let mut at_start = 0u64;
    for i in 0..bytes.len().min(201) {
        let b = bytes[i];
        for (k, sep) in seps.iter().enumerate() {
            if sep.as_bytes().first() == Some(&b) && at_start & (1 << k) == 0 && bytes[i..].starts_with(sep.as_bytes())
            {
                if i > 0 {
                    return Some(i);
                }
                at_start |= 1 << k;
            }
        }
    }
    None
}

/// Each item's block. Numbered re-statements of an item after the header and issue list (the
/// guideline and rationale sub-headings) open a segment of that item, which runs to the next
/// such re-statement or the end of the decision sections; an item without any owns all of the
/// decision sections.
/// Each item's block. `first_title`: where the first title over its own guidelines stands.
/// A mark that ends the segment above it and heads no item's.
const NO_ITEM: usize = usize::MAX;

/// What ends a title before its decision or its reasons: a colon or a dash ("Flexeril - upheld.",
/// "Trigger point injections x4 -- The MTUS ...").
const TITLE_SEPARATORS: [&str; 5] = [":", " -- ", " \u{2014} ", " \u{2013} ", " - "];

/// "Flexeril 7.5mg #60: not medically necessary": a title, then its decision after a colon or a
/// dash.
fn decides_a_title(line: &str) -> bool {
    // "Cervical ESI C5-6: medically necessary", "FCE \u{2013} not medically necessary (upheld)".
    title_end(line, &TITLE_SEPARATORS).is_some_and(|end| {
        let (title, value) = line.split_at(end);
        let value = value.trim_start_matches([':', '-', '\u{2014}', '\u{2013}', ' ']);
        let title = title.trim();
        !title.is_empty() && title.len() <= 200 && value_outcome(value).is_some()
    })
}

fn assign_blocks(letter: &Letter, items: &mut [Item], entries: &[Entry], first_title: Option<usize>) {
    let decision_sections: Vec<&Section> = letter
        .sections
        .iter()
        .filter(|s| matches!(s.kind, SectionKind::Issues | SectionKind::Rationale | SectionKind::Guidelines))
        .collect();
    // A title standing over its own guidelines heading opens the region, though it sits at
    // the end of the case summary ("1) Regarding the request for ...:" above "Medical
    // Treatment Guideline(s) Used by ...").
    let region_start = decision_sections.iter().map(|s| s.heading.start).chain(first_title).min().unwrap_or(0);
    let region_end = letter
        .sections
        .iter()
        .filter(|s| s.kind == SectionKind::Other && s.heading.start > region_start)
        .map(|s| s.heading.start)
        .filter(|&e| {
            e > decision_sections
                .iter()
                .filter(|s| s.kind != SectionKind::Issues)
                .map(|s| s.heading.start)
                .max()
                .unwrap_or(region_start)
        })
        .min()
        .unwrap_or(letter.text.len());
    // The decision sections themselves, not the case summary between them.
    let whole: Vec<Span> = decision_sections
        .iter()
        .map(|s| Span::new(s.heading.start, s.body.end.min(region_end)))
        .filter(|s| s.start < region_end)
        .collect();
    let mut whole = if whole.is_empty() { vec![Span::new(region_start, region_end)] } else { whole };
    let text = &letter.text;
    let index = ItemIndex::new(items, letter);
    // No guidelines or rationale heading at all: the reasons stand under titles that repeat
    // the items after the case summary ("(a) Physical therapy, 12 additional visits, left knee"
    // over "Reviewer's analysis: ..."), and the region of decisions runs from the first of them.
    let reasons_headed = decision_sections.iter().any(|s| s.kind != SectionKind::Issues);
    if !reasons_headed && items.len() > 1 {
        let listed_end = decision_sections.iter().map(|s| s.body.end).max().unwrap_or(0);
        let first = entries
            .iter()
            .filter(|e| e.lines.start >= listed_end && e.lines.start < region_end && e.section != SectionKind::Header)
            .find(|e| index.closest(&e.text, letter.letter_at(e.lines.start), None).is_some());
        if let Some(e) = first {
            whole.push(Span::new(e.lines.start, region_end));
        }
    }
    let mut marks: Vec<(usize, usize)> = Vec::new(); // (offset, item)
                                                     // Lines whose label names several items (their marks share one segment).
    let mut grouped_at: Vec<usize> = Vec::new();
    for e in entries
        .iter()
        .filter(|e| e.section != SectionKind::Header && e.lines.start >= region_start && e.lines.start < region_end)
    {
        let number = line_number(&text[e.lines.start..e.lines.end]);
        if let Some(i) = index.closest(&e.text, letter.letter_at(e.lines.start), number) {
            marks.push((e.lines.start, i));
        }
    }
    // A rationale section numbered 1 to n, one entry per item in the issues' order, heads each
    // item's reasons by its number, whatever words follow it ("1. The MTUS criteria for
    // admission ..."): the numbers are what the reviewer wrote to tie them together.
    // Failing that, titles numbered 1 to n anywhere among the decision sections (outside the
    // issue list), even where a title's words are not the item's ("1. PRP injection, right
    // elbow" for "a platelet rich plasma injection"). A real letter has a few dozen items at
    // most; a file of many letters is tied by words alone.
    if items.len() > 1 && items.len() <= 60 {
        // The numbered lines of the region, each with its number and section, found once.
        let all: Vec<(usize, usize, SectionKind)> = letter
            .lines
            .iter()
            .filter(|l| l.span.start >= region_start && l.span.start < region_end)
            .flat_map(|l| {
                let line = &text[l.span.start..l.span.end];
                // "Issues 3 and 4" heads the rationale the two share: it is both titles.
                let ns = line_number(line).map_or_else(|| joint_numbers(line), |n| vec![n]);
                ns.into_iter().map(move |n| (l.span.start, n, section_at(letter, l.span.start)))
            })
            .collect();
        let numbered = |keep: &dyn Fn(SectionKind) -> bool| -> Vec<(usize, usize)> {
            all.iter().filter(|(_, _, k)| keep(*k)).map(|(at, n, _)| (*at, *n)).collect()
        };
        let in_order =
            |n: &[(usize, usize)]| n.len() == items.len() && n.iter().enumerate().all(|(k, (_, x))| *x == k + 1);
        let rationale = numbered(&|k| k == SectionKind::Rationale);
        // Where the issue list is elsewhere (a notice's numbered determinations above), the
        // decisions heading itself may hold the first title ("IMR DECISION(S) AND
        // RATIONALE(S)" over "Issue 1").
        let chosen = if in_order(&rationale) {
            Some(rationale)
        } else {
            Some(numbered(&|k| k != SectionKind::Issues && k != SectionKind::Header))
                .filter(|n| in_order(n))
                .or_else(|| Some(numbered(&|k| k != SectionKind::Header)).filter(|n| in_order(n)))
        };
        if let Some(numbered) = chosen {
            let (from, to) = (numbered[0].0, region_end);
            marks.retain(|(at, _)| *at < from || *at >= to);
            // Title n heads the item numbered n where every item stands on a line of its own
            // number ("7. Repeat MRI of the right knee: withdrawn" found in the list above, the
            // other six at their rationales' titles, so listed first); else the nth item.
            let mut by_number: Vec<usize> = (0..items.len()).collect();
            let mut seen = vec![false; items.len()];
            let own = items.iter().enumerate().all(|(i, it)| {
                let at = it.text.span.start;
                let k = letter.lines.partition_point(|l| l.span.end < at);
                let n =
                    letter.lines.get(k).filter(|l| l.span.start <= at).and_then(|l| line_number(letter.slice(l.span)));
                match n {
                    Some(n) if (1..=items.len()).contains(&n) && !seen[n - 1] => {
                        seen[n - 1] = true;
                        by_number[n - 1] = i;
                        true
                    }
                    _ => false,
                }
            });
            if !own {
                by_number = (0..items.len()).collect();
            }
            marks.extend(numbered.iter().map(|(at, n)| (*at, by_number[n - 1])));
            grouped_at.extend(numbered.windows(2).filter(|w| w[0].0 == w[1].0).map(|w| w[0].0));
        }
    }
    // A line that goes on with a numbered title, past a page break ("3) Regarding the request
    // for ... therapy, 12 visits, right" / "Page 3 of 5" / "wrist:"), heads nothing of its own,
    // though its words may name another item.
    let continues_title = |l: &Line| entries.iter().any(|e| e.lines.start < l.span.start && l.span.start < e.lines.end);
    // "... to assess for instability, when" / "a spinal cord stimulator or further surgery is
    // being considered.": a line in lower case after one whose sentence runs on is that
    // sentence, not a title, whatever item it names (a blank line between, as a double-spaced
    // PDF gives, does not end the sentence).
    // The prose line above line `k`, trimmed.
    let prose_before =
        |k: usize| letter.lines[..k].iter().rev().find(|p| is_prose(letter, p)).map(|p| letter.slice(p.span).trim());
    let runs_on = |k: usize, t: &str| {
        t.starts_with(|c: char| c.is_lowercase())
            && prose_before(k).is_some_and(|p| !p.ends_with(['.', ':', '?', '!', ';']))
    };
    // "The left carpal tunnel release has been found medically necessary, and some" / "post-
    // operative therapy is appropriate.": the first line of a sentence that runs on in lower
    // case, its verb showing it is one, is no title, whatever item it names first.
    let opens_a_sentence = |k: usize, t: &str| {
        VERB_BETWEEN_WORDS.is_match(t)
            && letter.lines[k + 1..]
                .iter()
                .find(|p| is_prose(letter, p))
                .is_some_and(|p| letter.slice(p.span).trim_start().starts_with(|c: char| c.is_lowercase()))
    };
    // A paragraph that names its item first, with or without a lead-in: "Regarding the request
    // for biofeedback, 6 sessions: the MTUS does not recommend ...", "Gabapentin 600mg #90:
    // Anti-epilepsy drugs are first-line ...", "Counterforce strap -- It is inexpensive ...".
    for (k, l) in letter
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.span.start >= region_start && l.span.start < region_end && !continues_title(l))
    {
        let t = &text[l.span.start..l.span.end];
        let lead = t.len() - t.trim_start().len();
        if runs_on(k, t.trim_start()) {
            continue;
        }
        let skip = LEAD_IN.find(&t[lead..]).map_or(0, |m| m.end());
        // "Issue at dispute: Acupuncture, an additional 6 sessions": after a label, the rest of
        // the line is the title.
        let label_lead = t[lead..lead + skip].contains(':');
        let rest = &t[lead + skip..];
        // "Issues 2 and 3: Aquatic therapy, 12 visits; gym membership": an issue's label heads
        // the words of its (first) item, which run to the end of the line.
        // "Issue 2: Is chiropractic manipulation for the left" (the question goes on past a
        // page break) heads the manipulation.
        let label = ISSUE_LABEL.find(rest);
        // "Issues 3 and 4: Norco ... and Soma ...", "Services A and E: ...": a label naming
        // several numbers heads one rationale for each of those items (in a file of one letter,
        // whose items are its list's, in order).
        let grouped = label.or_else(|| NUMBERS_LABEL.find(rest)).map(|m| label_numbers(m.as_str())).filter(|ns| {
            ns.len() > 1 && letter.starts().len() == 1 && ns.iter().all(|&n| (1..=items.len()).contains(&n))
        });
        if let Some(ns) = grouped {
            // The line may be marked already for its first item, as a numbered entry.
            let first_only = |(at, i): &(usize, usize)| *at == l.span.start && ns.first() == Some(&(i + 1));
            if marks.iter().filter(|m| m.0 == l.span.start).all(first_only) {
                marks.retain(|m| !first_only(m));
                marks.extend(ns.into_iter().map(|n| (l.span.start, n - 1)));
                grouped_at.push(l.span.start);
            }
            continue;
        }
        let labelled = label.map(|m| &rest[m.end()..]).map(|r| QUESTION.find(r).map_or(r, |q| &r[q.end()..]));
        let rest = labelled.unwrap_or(rest);
        // The title ends at a colon or a dash ("Trigger point injections x4 -- The MTUS ..."),
        // or, opening a paragraph, at a full stop ("Occupational therapy, right elbow, 2x3. The
        // Physical Medicine guideline ...").
        let opens_paragraph = k > 0 && is_blank(text, &letter.lines[k - 1]);
        let stop = if opens_paragraph { ". " } else { ":" };
        let [colon, dashes, em, en, dash] = TITLE_SEPARATORS;
        let separated = title_end(rest, &[colon, dashes, em, en, dash, stop]);
        // "Regarding the request for chiropractic treatment ... for the" / "lumbar spine:": a
        // title after a lead-in that wraps, its colon closing the next line.
        let wrapped = (separated.is_none() && labelled.is_none() && skip > 0 && !label_lead)
            .then(|| letter.lines.iter().skip(k + 1).take(3).find(|n| is_prose(letter, n)))
            .flatten()
            .map(|n| text[n.span.start..n.span.end].trim())
            .filter(|n| n.len() <= 80 && n.ends_with(':') && !n[..n.len() - 1].contains([':', '.', ';']))
            .map(|n| format!("{} {}", rest.trim(), &n[..n.len() - 1]));
        let (rest, separated) = match &wrapped {
            Some(w) => (w.as_str(), Some(w.len())),
            None => (rest, separated),
        };
        let whole_line = labelled.or(label_lead.then_some(rest));
        let Some(colon) = separated.or_else(|| whole_line.map(|r| r.find(';').unwrap_or(r.len()))) else {
            continue;
        };
        if marks.iter().any(|(at, _)| *at == l.span.start) {
            continue;
        }
        if let Some(i) = index
            .closest(rest[..colon].trim(), letter.letter_at(l.span.start), None)
            .filter(|i| items[*i].text.span.start < l.span.start || items[*i].text.span.start > l.span.end)
        {
            marks.push((l.span.start, i));
        } else if decides_a_title(rest) && prose_before(k).is_some_and(decides_a_title) {
            // A closing summary's entry that names its item in other words ("Cervical ESI
            // C5-6: medically necessary" for "a cervical epidural steroid injection") is no
            // part of the entry above it, whose decision it would otherwise override.
            marks.push((l.span.start, NO_ITEM));
        }
    }
    // A line of its own that repeats an item's words heads that item's rationale, numbered or
    // not ("Acupuncture 2x3 for the right ankle" over the paragraph that decides it).
    for (k, l) in letter
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.span.start >= region_start && l.span.start < region_end && !continues_title(l))
    {
        let t = text[l.span.start..l.span.end].trim();
        // A title is not a sentence nor a list ("Hyalgan injections x5; hinged knee brace."),
        // though one may end in a full stop when it opens a paragraph alone ("Hospital bed."
        // after a blank line, the reasons on the next line).
        let opens_paragraph = k > 0 && is_blank(text, &letter.lines[k - 1]);
        let stopped = t.ends_with('.') && !(opens_paragraph && t.len() <= 120 && !t[..t.len() - 1].contains(". "));
        // "... to assess for instability, when" / "a spinal cord stimulator or further surgery
        // is being considered.": a line in lower case after one whose sentence runs on is that
        // sentence, not a title, whatever item it names.
        if t.is_empty()
            || runs_on(k, t)
            || t.len() > 200
            || stopped
            || t.contains(';')
            || NUMBERED.is_match(t)
            || marks.iter().any(|(at, _)| *at == l.span.start)
            || opens_a_sentence(k, t)
        {
            continue;
        }
        let t = t.trim_end_matches([':', '.']).trim();
        if let Some(i) =
            index.closest(t, letter.letter_at(l.span.start), None).filter(|i| items[*i].text.span.start != l.span.start)
        {
            if items[i].text.span.end <= l.span.start || items[i].text.span.start > l.span.end {
                marks.push((l.span.start, i));
            }
        }
    }
    marks.sort_unstable();
    marks.dedup();
    if marks.iter().all(|(_, i)| *i == NO_ITEM) {
        marks.clear();
    }
    // An item with no block of its own reads every decision section of its letter: of its own
    // letter, where a file holds several.
    let starts = letter.starts();
    let own_whole = |at: usize| -> Vec<Span> {
        if starts.len() == 1 {
            return whole.clone();
        }
        let k = letter.letter_at(at);
        let (from, to) = (starts[k], starts.get(k + 1).copied().unwrap_or(usize::MAX));
        let clipped: Vec<Span> = whole
            .iter()
            .filter_map(|w| {
                let (s, e) = (w.start.max(from), w.end.min(to));
                (s < e).then(|| Span::new(s, e))
            })
            .collect();
        if clipped.is_empty() {
            whole.clone()
        } else {
            clipped
        }
    };
    if items.len() == 1 || marks.is_empty() {
        for it in items.iter_mut() {
            it.block = own_whole(it.text.span.start);
        }
        return;
    }
    for it in items.iter_mut() {
        it.block.clear();
    }
    // The marks of a label naming several items share the segment up to the next line's.
    let next_of = |k: usize| -> Option<usize> {
        let at = marks[k].0;
        if grouped_at.contains(&at) {
            marks[k + 1..].iter().position(|(e, _)| *e > at).map(|p| k + 1 + p)
        } else {
            (k + 1 < marks.len()).then_some(k + 1)
        }
    };
    // Titles one above the other ("4. Is Norco ... ?" / "5. Is Soma ... ?" over "These two
    // requests are addressed together"): a segment that holds nothing but its title's line or
    // two runs on with the next title's.
    let title_only = |from: usize, to: usize| {
        let lines: Vec<&str> = letter
            .lines
            .iter()
            .filter(|l| l.span.start >= from && l.span.start < to && !is_blank(text, l) && !letter.is_furniture_line(l))
            .map(|l| letter.slice(l.span).trim())
            .collect();
        // (A title may ask: "4. Is Soma 350mg #60 medically necessary and appropriate?")
        lines.len() <= 2
            && lines.iter().all(|t| {
                let t = NUMBERED.find(t).map_or(*t, |m| &t[m.end()..]);
                !t.ends_with('.') && !t.contains(". ") && (t.ends_with('?') || !NECESSITY.is_match(t))
            })
    };
    let mut ends: Vec<usize> = vec![region_end; marks.len()];
    for k in (0..marks.len()).rev() {
        ends[k] = match next_of(k) {
            Some(n)
                if section_at(letter, marks[k].0) != SectionKind::Issues
                    && section_at(letter, marks[n].0) != SectionKind::Issues
                    && title_only(marks[k].0, marks[n].0) =>
            {
                ends[n]
            }
            Some(n) => marks[n].0,
            None => region_end,
        };
    }
    for (k, (at, i)) in marks.iter().enumerate() {
        if *i == NO_ITEM {
            continue;
        }
        let end = ends[k];
        // A segment never reaches into the case summary between decision sections.
        for w in &whole {
            let (s, e) = ((*at).max(w.start), end.min(w.end));
            if s < e {
                items[*i].block.push(Span::new(s, e));
            }
        }
    }
    for it in items.iter_mut() {
        if it.block.is_empty() {
            it.block = own_whole(it.text.span.start);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each item's words and decision, in order.
    fn decided(l: &Letter) -> Vec<(&str, Decision)> {
        l.items.iter().map(|i| (i.text.value.as_str(), i.decision.value)).collect()
    }

    /// Issue 14: a flow cut from the whole flow is the flow built afresh from its lines, text
    /// and byte maps alike: runs of whole lines, lines cut at either end or cut to blank, blocks
    /// of several spans, a hyphenated word at either end of a run, page furniture and characters
    /// past ASCII, in every third fixture letter, as it is and with tricky lines inserted.
    #[test]
    fn flows_cut_from_the_whole_flow_are_the_flows_built_afresh() {
        let tricky = "\nPhysical ther-\n  apy x 12 is not medically necessary; special -\nties of care.\nPage 2 of 3\n\n\u{fb01}ve caf\u{e9}s \u{2013} \u{201C}helped\u{201D}\u{ad}ok   \nEND-\nOf LIST-\n\nmassagesessions\n";
        let mut paths: Vec<_> = std::fs::read_dir("fixtures/letters")
            .expect("fixtures/letters")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        assert!(paths.len() >= 10, "fixture letters: {}", paths.len());
        let (mut cut, mut flows) = (0, 0);
        // Every third letter: the whole set takes half a minute in a debug build.
        for path in paths.iter().step_by(3) {
            let bytes = std::fs::read(path).expect("read");
            let text = String::from_utf8_lossy(&bytes).into_owned();
            // The tricky lines after the letter's first line, so that it still parses.
            let at = text.find('\n').map_or(0, |i| i + 1);
            for text in [text.clone(), format!("{}{tricky}{}", &text[..at], &text[at..])] {
                let Ok(letter) = Letter::from_text("t", text) else { continue };
                let fresh =
                    |lines: &[Line]| Flow::from_lines_knowing(&letter.text, lines, |l| letter.known_furniture(l));
                let same = |a: &Flow, b: &Flow, what: &str| {
                    assert_eq!((a.as_str(), a.maps()), (b.as_str(), b.maps()), "{}: {what}", path.display());
                };
                let n = letter.lines.len();
                for i in 0..n {
                    let li = letter.lines[i].span;
                    // Short runs from every line, and the rest of the letter from some.
                    let long = (i % 25 == 0).then_some(n - 1);
                    for j in (i..n).take(8).chain(long) {
                        let lj = letter.lines[j].span;
                        for span in [
                            Span::new(li.start, lj.end),
                            Span::new(text::floor_char(&letter.text, li.start + 2.min(li.len())), lj.end),
                            Span::new(li.start, text::floor_char(&letter.text, lj.end.saturating_sub(2)).max(li.start)),
                            Span::new(li.end, lj.end),
                        ] {
                            let lines = letter.lines_cut_to(span);
                            cut += usize::from(letter.cut_from_whole(&lines).is_some());
                            flows += 1;
                            same(&letter.flow(span), &fresh(&lines), &format!("{span:?}"));
                        }
                        if j + 2 < n {
                            // Two runs with a line between them: built afresh.
                            let spans = [Span::new(li.start, lj.end), letter.lines[j + 2].span];
                            let mut lines: Vec<Line> = spans.iter().flat_map(|s| letter.lines_cut_to(*s)).collect();
                            lines.dedup_by_key(|l| l.span);
                            same(&letter.flow_many(&spans), &fresh(&lines), "two runs");
                        }
                    }
                }
            }
        }
        // Most flows are cut, so the comparison above is of the cut ones.
        assert!(cut * 2 > flows, "{cut} of {flows} flows cut from the whole flow");
    }

    /// A table's "UR decision" column records what the IMR reviews; each item's rationale
    /// decides it. Under an "IMR decision" heading, the same column is the IMR's outcome.
    #[test]
    fn a_ur_decision_column_is_not_the_imr_decision() {
        let letter = |column: &str| {
            format!(
                "INDEPENDENT MEDICAL REVIEW - EXPERT REVIEW REPORT\nIMR Case Number: CM13-0000001\nDate of UR Decision: 12/16/2013\n\n\
                 ISSUE(S) AT DISPUTE\nRequested treatment                      {column}\n\
                 1. Hinged knee brace, right              Non-certified\n\
                 2. Omeprazole 20mg #60                   Non-certified\n\n\
                 CASE SUMMARY\nThe patient is a 57-year-old male custodian.\n\nRATIONALE\n\n\
                 1. Hinged knee brace, right\nGuidelines used: ODG, Knee & Leg, Knee brace.\nThe brace is medically necessary, and the utilization review determination is overturned.\n\n\
                 2. Omeprazole 20mg #60\nThere are no stomach complaints. The request is not medically necessary.\n"
            )
        };
        let ur = Letter::from_text("t", letter("UR decision")).expect("letter");
        assert_eq!(
            decided(&ur),
            vec![("Hinged knee brace, right", Decision::Overturned), ("Omeprazole 20mg #60", Decision::Upheld)]
        );
        let imr = Letter::from_text("t", letter("IMR decision")).expect("letter");
        assert_eq!(decided(&imr)[0].1, Decision::Upheld);
    }

    #[test]
    fn empty_and_binary_are_errors() {
        assert_eq!(Letter::from_bytes("e", b"  \n\n").err(), Some(LetterError::Empty));
        assert!(matches!(Letter::from_bytes("b", b"\x00\x01\x02ELF").err(), Some(LetterError::Binary(_))));
    }

    #[test]
    fn unknown_layout_is_an_error_not_a_guess() {
        let e = Letter::from_text("x", "Dear Sir, please find enclosed the invoice.").err();
        assert!(matches!(e, Some(LetterError::UnknownLayout(_))));
    }

    #[test]
    fn rationales_are_tied_to_items_by_number_and_by_the_closest_wording() {
        let head = "MEDICAL PROFESSIONAL REVIEW\nIMR Case Number: CM13-0000001\nISSUES AT DISPUTE:\n\
            1. Is the request for MRI of the left ankle medically necessary and appropriate?\n\
            2. Is the request for MRI of the left knee medically necessary and appropriate?\n\
            3. Is Norco 10/325mg #90 medically necessary and appropriate?\n\
            CASE SUMMARY:\nThe employee twisted a knee and an ankle.\n\
            RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/IS NOT MEDICALLY NECESSARY:\n";
        // Titles that share most of their words: the knee MRI's reasons are the knee MRI's.
        let titled = format!(
            "{head}1. MRI of the left ankle\nThe ankle MRI is medically necessary.\n\
             2. MRI of the left knee\nThe knee MRI is not medically necessary.\n\
             3. Norco 10/325mg #90\nI agree with the prior non-certification of this request.\n"
        );
        // Reasons numbered 1 to 3 with no titles at all.
        let numbered = format!(
            "{head}1. ODG supports imaging of a chronically unstable ankle after normal x-rays.\n\
             This ankle gives way, and the request is certified.\n\
             2. There is no mechanical symptom in the knee, which moves fully.\n\
             The knee MRI is not medically necessary.\n\
             3. Opioids without functional gain are not recommended for chronic pain.\n\
             The denial stands.\n"
        );
        for t in [titled, numbered] {
            let l = Letter::from_text("t", &t).expect("parses");
            let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
            assert_eq!(got, [Decision::Overturned, Decision::Upheld, Decision::Upheld], "{t}");
        }
    }

    /// A notice that lists the items it allows and closes its sentence below the list ("... and
    /// that the remaining disputed items/services are not medically necessary") does not give
    /// that clause to the last listed item.
    #[test]
    fn a_sentence_resumed_below_a_list_is_not_its_last_entry() {
        assert!(!continues_item("and that the remaining disputed items/services are not medically necessary."));
        assert!(continues_item("and home exercise instruction"));
        let t = "Notice of Independent Medical Review Determination\n\
                 Final Determination: OVERTURN IN PART. This means we decided that the following disputed\n\
                 items/services are medically necessary and appropriate:\n\n1. Tramadol ER 150mg #30\n\n\
                 and that the remaining disputed items/services are not medically necessary and appropriate.\n\n\
                 IMR DECISION(S) AND RATIONALE(S)\n\
                 1. Chiropractic treatment 1 x 6 for the lumbar spine is not medically necessary and appropriate.\n\
                 2. Tramadol ER 150mg #30 is medically necessary and appropriate.\n";
        let l = Letter::from_text("t", t.to_owned()).expect("a letter");
        let names: Vec<&str> = l.items.iter().map(|i| i.text.value.as_str()).collect();
        assert!(!names.iter().any(|n| n.contains("remaining")), "{names:?}");
    }

    /// A sentence that decides several items, each clause naming its items before the verb of
    /// its outcome ("... and the functional capacity evaluation are not medically necessary ...,
    /// and the ibuprofen is medically necessary ..."), decides each by its own clause.
    #[test]
    fn a_clause_naming_its_item_before_the_verb_decides_it() {
        assert_eq!(unlead(" and the ibuprofen is "), "and the ibuprofen");
        assert_eq!(unlead("whereas the omeprazole 20mg #60"), "the omeprazole 20mg #60");
        let t = "MEDICAL PROFESSIONAL REVIEW\nISSUES AT DISPUTE\n\
                 1. Chiropractic treatment x 6 visits for the lumbar spine\n2. Ibuprofen 800mg #90\n\
                 3. Functional capacity evaluation\nCASE SUMMARY\nThe patient has low back pain.\n\
                 DETERMINATION AND RATIONALE\n\
                 1) Chiropractic treatment x 6 visits for the lumbar spine\nRationale: He has had 18 visits.\n\
                 2) Ibuprofen 800mg #90\nRationale: The drug relieves his pain and lets him work.\n\
                 3) Functional capacity evaluation\nRationale: He is working modified duty.\n\
                 In summary, the chiropractic treatment and the functional capacity evaluation are not medically \
                 necessary and appropriate, and the ibuprofen is medically necessary and appropriate.\n";
        let l = Letter::from_text("t", t.to_owned()).expect("a letter");
        assert_eq!(decided(&l)[2], ("Functional capacity evaluation", Decision::Upheld));
    }

    /// A numbered title right under a heading opens an entry, though its number does not follow
    /// the list's: rationales in an order of their own ("DETERMINATION AND RATIONALE" / "4)
    /// Regarding the request for EMG/NCS ...:").
    #[test]
    fn a_title_out_of_turn_under_a_heading_is_an_entry() {
        let t = "MEDICAL PROFESSIONAL REVIEW\nISSUES AT DISPUTE\n\
                 1. Is the request for occupational therapy 2 x 6 for the right wrist medically necessary?\n\
                 2. Is the request for bilateral wrist braces medically necessary?\n\
                 3. Is the request for EMG/NCS of the bilateral upper extremities medically necessary?\n\
                 CASE SUMMARY\nThe patient has bilateral carpal tunnel syndrome.\n\
                 DETERMINATION AND RATIONALE\n\
                 3) Regarding the request for EMG/NCS of the bilateral upper extremities:\n\
                 Rationale: The patient has persistent median nerve symptoms. The request is certified.\n\
                 1) Regarding the request for occupational therapy 2 x 6 for the right wrist:\n\
                 Rationale: She has completed 8 sessions. The request is not medically necessary.\n\
                 2) Regarding the request for bilateral wrist braces:\n\
                 Rationale: Her splints are worn out, and medical necessity is established.\n";
        let l = Letter::from_text("t", t.to_owned()).expect("a letter");
        let titles: Vec<String> =
            numbered_entries(&l).into_iter().filter(|e| e.section != SectionKind::Issues).map(|e| e.text).collect();
        assert!(titles.iter().any(|t| t.starts_with("EMG/NCS")), "{titles:?}");
    }

    /// A list entry that breaks off inside a phrase ("... for four weeks: the" / "Claims
    /// Administrator's non-certification is upheld.") goes on with the next line, whatever its
    /// case: the entry keeps its decision and its item.
    #[test]
    fn an_entry_broken_inside_a_phrase_goes_on_below() {
        assert!(ends_mid_phrase("1. Physical therapy for the right knee three times a week for four weeks: the"));
        assert!(!ends_mid_phrase("3. Hinged knee brace for the left knee"));
        let t = "Notice of Independent Medical Review Determination\n\n\
                 Medical Treatment(s) in Dispute Listed Below:\n\n\
                 1. Post-operative physical therapy for the right knee three times a week for four weeks\n\n\
                 2. Hinged knee brace for the left knee\n\n\
                 3. Tramadol ER 150mg #30\n\n\
                 The IMR Determination:\n\n\
                 1. Post-operative physical therapy for the right knee three times a week for four weeks: the\n\n\
                 Claims Administrator's non-certification is upheld. The request is not medically necessary\n\n\
                 and appropriate.\n\n\
                 2. Hinged knee brace for the left knee is medically necessary and appropriate.\n\n\
                 3. Tramadol ER 150mg #30 is not medically necessary and appropriate.\n";
        let l = Letter::from_text("t", t.to_owned()).expect("a letter");
        assert_eq!(
            decided(&l),
            [
                (
                    "Post-operative physical therapy for the right knee three times a week for four weeks",
                    Decision::Upheld
                ),
                ("Hinged knee brace for the left knee", Decision::Overturned),
                ("Tramadol ER 150mg #30", Decision::Upheld),
            ]
        );
    }

    /// A known heading under a Roman numeral is that heading ("III. RATIONALE"), and each item's
    /// reasons under it are its own, though the decisions stand only in a closing summary; a
    /// capital line under an Arabic number is an item's title, not a heading.
    #[test]
    fn headings_under_roman_numerals_are_headings() {
        assert_eq!(heading_kind("III. RATIONALE"), Some(SectionKind::Rationale));
        assert_eq!(heading_kind("I. ISSUES AT DISPUTE"), Some(SectionKind::Issues));
        assert_eq!(heading_kind("II. CASE SUMMARY"), Some(SectionKind::Summary));
        assert_eq!(heading_kind("IV. SUMMARY OF DETERMINATIONS"), Some(SectionKind::Issues));
        assert_eq!(heading_kind("1. LEFT CARPAL TUNNEL RELEASE"), None);
        assert_eq!(heading_kind("II. LEFT CARPAL TUNNEL RELEASE"), None);
        let t = "MEDICAL PROFESSIONAL REVIEW\nI. ISSUES AT DISPUTE\n(1) Physical therapy 2 x 6 for the right hip\n\
                 (2) Cognitive behavioral therapy, 6 sessions\nII. CASE SUMMARY\nShe fell at work.\nIII. RATIONALE\n\
                 (1) Physical therapy 2 x 6 for the right hip\nShe has had 22 visits since the arthroplasty.\n\
                 (2) Cognitive behavioral therapy, 6 sessions\nShe attended four sessions with a psychologist.\n\
                 IV. SUMMARY OF DETERMINATIONS\n(1) Physical therapy 2 x 6 for the right hip - UPHELD\n\
                 (2) Cognitive behavioral therapy, 6 sessions - OVERTURNED\n";
        let l = Letter::from_text("t", t.to_owned()).expect("a letter");
        let cbt = &l.items[1];
        assert!(cbt.block.iter().any(|b| l.slice(*b).contains("four sessions")), "{:?}", cbt.block);
        assert!(!cbt.block.iter().any(|b| l.slice(*b).contains("22 visits")), "{:?}", cbt.block);
    }

    /// "Issues 2 and 3: X and Y" heads one rationale for both items; the reviewer's credentials
    /// under a heading of their own end the issue list above them; a heading with an apostrophe
    /// ("REVIEWER'S ANALYSIS AND DETERMINATION") is a heading.
    #[test]
    fn a_rationale_under_a_label_naming_several_items_decides_each() {
        assert_eq!(label_numbers("Issues 3 and 4: "), [3, 4]);
        assert_eq!(label_numbers("Services A and E: "), [1, 5]);
        assert_eq!(label_numbers("Issue 2: "), [2]);
        assert_eq!(heading_kind("REVIEWER\u{2019}S ANALYSIS AND DETERMINATION"), Some(SectionKind::Rationale));
        assert_eq!(heading_kind("EXPERT REVIEWER"), Some(SectionKind::Other));
        assert_eq!(heading_kind("REVIEWER CREDENTIALS"), Some(SectionKind::Other));
        assert_eq!(heading_kind("EXPERT REVIEWER CASE SUMMARY"), Some(SectionKind::Summary));
        let t = "Independent Medical Review Decision\nIMR Case Number: CM13-0000001\nUR Denial Date: 09/30/2013\n\n\
            ISSUES AT DISPUTE\nIssue 1: Cervical epidural steroid injection at C5-6\nIssue 2: Norco 10/325mg #120\n\
            Issue 3: Soma 350mg #60\n\nEXPERT REVIEWER\nThe expert reviewer is Board Certified in Physical Medicine.\n\n\
            CASE SUMMARY\nThe patient has neck pain.\n\nRATIONALE\nIssue 1: Cervical epidural steroid injection at C5-6\n\
            The previous injection helped for months. The injection is medically necessary.\n\n\
            Issues 2 and 3: Norco 10/325mg #120 and Soma 350mg #60\nThese medications are addressed together.\n\
            Both requests are not medically necessary.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Overturned, Decision::Upheld, Decision::Upheld], "{t}");
    }

    #[test]
    fn a_sentence_that_decides_items_by_a_list_of_numbers() {
        let head = "MEDICAL PROFESSIONAL REVIEW\nIMR Case Number: CM13-0000001\nISSUES AT DISPUTE:\n\
            1. Lumbar sympathetic block\n2. Spinal cord stimulator trial\n3. Knee scooter rental\n\
            CASE SUMMARY:\nThe employee has CRPS of the left foot. Items 1 and 3 were non-certified by\n\
            utilization review on 05/01/2013.\n\
            RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:\n\
            ISSUE 1\nA block is the use the guideline describes.\nISSUE 2\nThe trial comes too early.\n\
            ISSUE 3\nDisuse worsens CRPS.\n";
        // The reviewer's determination names its items by number; utilization review's own
        // non-certification of the same numbers decides nothing.
        let t = format!(
            "{head}DETERMINATION: The utilization review decisions for items 2 and 3 are upheld. The\n\
             utilization review decision for item 1 is overturned.\n"
        );
        let l = Letter::from_text("t", &t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Overturned, Decision::Upheld, Decision::Upheld]);
    }

    #[test]
    fn a_notices_cover_list_names_every_item() {
        let t = "Notice of Independent Medical Review Determination\nDated: 12/16/2013\n\
            Final Determination: OVERTURN IN PART. This means we decided that some, but not all, of the\n\
            following disputed items/services are medically necessary and appropriate:\n\
            1. Physical therapy, 12 visits, right knee\n2. Aquatic therapy 2x4 for the lumbar spine\n\
            3. Ultram 50mg #120\n\
            HOW THE IMR FINAL DETERMINATION WAS MADE\nA physician reviewed the case.\n\
            CLINICAL CASE SUMMARY\nThe employee has knee and back pain.\n\
            IMR ISSUES, DECISIONS AND RATIONALES\n\
            1. Physical therapy, 12 visits, right knee is not medically necessary and appropriate.\n\
            Rationale for the Decision:\nShe has had 20 visits.\n\
            2. Is aquatic therapy 2x4 for the lumbar spine medically necessary and appropriate?\n\
            Rationale for the Decision:\nShe cannot bear weight. Aquatic therapy 2x4 for the lumbar spine is\n\
            medically necessary and appropriate.\n\
            3. Ultram 50mg #120 is medically necessary and appropriate.\n\
            Rationale for the Decision:\nIt helps her walk.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got = decided(&l);
        assert_eq!(
            got,
            [
                ("Physical therapy, 12 visits, right knee", Decision::Upheld),
                ("Aquatic therapy 2x4 for the lumbar spine", Decision::Overturned),
                ("Ultram 50mg #120", Decision::Overturned),
            ]
        );
    }

    #[test]
    fn an_item_the_list_gives_no_decision_stays_an_item() {
        let t = |status: &str| {
            format!(
                "Notice of Independent Medical Review Determination\nDated: 10/28/2013\n\
                HOW THE IMR FINAL DETERMINATION WAS MADE\nA physician reviewed the case.\n\
                CLINICAL CASE SUMMARY\nThe employee has neck pain.\n\
                IMR ISSUES, DECISIONS AND RATIONALES\n\
                1. Soma 350mg #60: the utilization review denial is upheld.\n\
                2. MRI of the cervical spine: {status}.\n\
                3. Chiropractic treatment 2 times a week for 3 weeks: the request is certified.\n\
                1. Soma 350mg #60:\nGuidelines Used by Claims Administrator (Utilization Review Organization-URO):\n\
                The Claims Administrator based its decision on the MTUS.\nIt is not for long-term use.\n\
                2. MRI of the cervical spine:\nThis request was authorized and is no longer in dispute.\n\
                3. Chiropractic treatment 2 times a week for 3 weeks:\n\
                Guidelines Used by Claims Administrator (Utilization Review Organization-URO):\n\
                The Claims Administrator based its decision on the MTUS.\nHe improved.\n"
            )
        };
        for status in ["not reviewed (see below)", "withdrawn by the provider", "no longer in dispute"] {
            let l = Letter::from_text("t", t(status)).expect("parses");
            let got: Vec<(&str, Decision)> =
                l.items.iter().map(|i| (i.text.value.as_str(), i.decision.value)).collect();
            assert_eq!(
                got,
                [
                    ("Soma 350mg #60", Decision::Upheld),
                    ("MRI of the cervical spine", Decision::Unknown),
                    ("Chiropractic treatment 2 times a week for 3 weeks", Decision::Overturned),
                ],
                "{status}"
            );
        }
    }

    /// A list of items run together on one line is cut at its own numbers, else at its
    /// semicolons, else at its commas; a part that only qualifies the one before goes on with it.
    #[test]
    fn a_list_run_together_is_cut_into_its_items() {
        let parts = |list: &str| -> Vec<String> {
            list_parts(list).into_iter().map(|(_, words, end)| list[words..end].to_owned()).collect()
        };
        assert_eq!(
            parts("1. AQUATIC THERAPY 2X4 LUMBAR SPINE, 2. ACUPUNCTURE 1-2X6 RIGHT SHOULDER, 3. FUNCTIONAL CAPACITY EVALUATION"),
            ["AQUATIC THERAPY 2X4 LUMBAR SPINE", "ACUPUNCTURE 1-2X6 RIGHT SHOULDER", "FUNCTIONAL CAPACITY EVALUATION"]
        );
        assert_eq!(
            parts("1) chiropractic care 1x6 lumbar; 2) Soma 350mg #90; 3) urine toxicology screen"),
            ["chiropractic care 1x6 lumbar", "Soma 350mg #90", "urine toxicology screen"]
        );
        // "wrist splint, left" is one item; a semicolon list keeps its commas.
        assert_eq!(
            parts("left carpal tunnel release; wrist splint, left; and hydrocodone/APAP 5/325mg #60."),
            ["left carpal tunnel release", "wrist splint, left", "hydrocodone/APAP 5/325mg #60"]
        );
        assert_eq!(
            parts(
                "CBT X6, RIGHT C5-6, C6-7 MBB, Chiropractic treatment for the cervical spine, an additional 6 visits"
            ),
            ["CBT X6", "RIGHT C5-6, C6-7 MBB", "Chiropractic treatment for the cervical spine, an additional 6 visits"]
        );
        // One item with its qualifiers is no list.
        assert!(parts("Physical therapy, twice a week for six weeks, lumbar spine").is_empty());
        assert!(parts("Norco 10/325mg, #120").is_empty());
        assert!(spinal_level("L4") && spinal_level("C5") && spinal_level("T12"));
        assert!(!spinal_level("CBT") && !spinal_level("L") && !spinal_level("Soma"));
        assert_eq!(dispute_label("Issues at Dispute: PT x 12"), Some(18));
        assert_eq!(dispute_label("Treatment(s) in Dispute Listed on IMR Application:"), Some(50));
        assert_eq!(dispute_label("The dispute: it is long"), None);
    }

    /// A notice that lists its items on one line after a disputed-items label, each decided
    /// under its own numbered title, has every listed item; an item listed in short takes its
    /// title's full words when the titles are as many.
    #[test]
    fn a_list_run_together_names_every_item() {
        let t = "Notice of Independent Medical Review Determination\nDated: 12/16/2013\n\
            Treatment(s) in Dispute Listed on IMR Application:\n\n\
            R SHOULDER ARTHROSCOPIC SAD, PRE-OP MEDICAL CLEARANCE, POST-OP PT X12,\n\n\
            PERCOCET 5/325 #60\n\n\
            HOW THE IMR FINAL DETERMINATION WAS MADE\nA physician reviewed the case.\n\
            Expert Reviewer Case Summary:\nHe has shoulder pain.\n\
            IMR ISSUES, DECISIONS AND RATIONALES\n\
            1) Regarding the request for right shoulder arthroscopic subacromial decompression:\n\
            Medical Treatment Guideline Basis for Decision:\nThe MTUS ACOEM Shoulder chapter.\n\
            Rationale for the Decision:\nThe criteria are met. The non-certification is reversed.\n\
            2) Regarding the request for pre-operative medical clearance:\n\
            Medical Treatment Guideline Basis for Decision:\nThe ODG.\n\
            Rationale for the Decision:\nThe request for pre-operative medical clearance is certified.\n\
            3) Regarding the request for post-operative physical therapy 12 sessions:\n\
            Medical Treatment Guideline Basis for Decision:\nThe Postsurgical Treatment Guidelines.\n\
            Rationale for the Decision:\nThe prior denial of the post-operative physical therapy 12 sessions stands.\n\
            4) Regarding the request for Percocet 5/325 #60:\n\
            Medical Treatment Guideline Basis for Decision:\nThe MTUS.\n\
            Rationale for the Decision:\nPercocet 5/325 #60 is medically necessary and appropriate.\n";
        let l = Letter::from_text("t", t).expect("parses");
        assert_eq!(
            decided(&l),
            vec![
                ("right shoulder arthroscopic subacromial decompression", Decision::Overturned),
                ("pre-operative medical clearance", Decision::Overturned),
                ("post-operative physical therapy 12 sessions", Decision::Upheld),
                ("Percocet 5/325 #60", Decision::Overturned),
            ]
        );
    }

    /// An item the claims administrator certified after the application, "no longer in dispute",
    /// has no decision: neither its entry's "was certified by the claims administrator" nor its
    /// block's "this request was certified on reconsideration" is the reviewer's.
    #[test]
    fn an_item_certified_by_the_claims_administrator_and_no_longer_in_dispute_is_undecided() {
        let t = "Notice of Independent Medical Review Determination\nDated: 10/28/2013\n\
            HOW THE IMR FINAL DETERMINATION WAS MADE\nA physician reviewed the case.\n\
            CLINICAL CASE SUMMARY\nThe employee has shoulder pain.\n\
            IMR ISSUES, DECISIONS AND RATIONALES\n\
            1) MAXIMUS Federal Services, Inc. has determined the request for MR arthrogram of the right shoulder is medically necessary and appropriate.\n\
            2) The request for naproxen sodium 550mg #60 was certified by the claims administrator on 8/19/2013 and is no longer in dispute. It was not reviewed.\n\
            3) MAXIMUS Federal Services, Inc. has determined the request for a functional capacity evaluation is not medically necessary and appropriate.\n\
            1) Regarding the request for MR arthrogram of the right shoulder:\nRationale for the Decision:\nIt is needed. The request is certified.\n\
            2) Regarding the request for naproxen sodium 550mg #60:\nRationale for the Decision:\n\
            This request was certified on reconsideration after the IMR application was filed. It is no longer in dispute and was not reviewed.\n\
            3) Regarding the request for a functional capacity evaluation:\nRationale for the Decision:\nIt is not needed.\n";
        let l = Letter::from_text("t", t).expect("parses");
        assert_eq!(
            decided(&l),
            vec![
                ("MR arthrogram of the right shoulder", Decision::Overturned),
                ("naproxen sodium 550mg #60", Decision::Unknown),
                ("a functional capacity evaluation", Decision::Upheld),
            ]
        );
    }

    /// A notice's list that sets each decision apart with a dash ("4. Purchase of a cervical
    /// traction unit – withdrawn by the requesting physician; not reviewed") keeps the withdrawn
    /// entry as an item with no decision.
    #[test]
    fn an_entry_withdrawn_after_a_dash_stays_an_item() {
        let t = "Notice of Independent Medical Review Determination\nDated: 11/20/2013\nFinal Determination: UPHOLD.\nIMR DETERMINATION(S) BY ITEM\n\
            1. Chiropractic manipulation 2x6 for the cervical spine \u{2013} denial upheld\n\
            2. Norco 10/325mg #120 \u{2013} not medically necessary and appropriate\n\
            3. EMG/NCV of the bilateral upper extremities \u{2013} the request is certified\n\
            4. Purchase of a cervical traction unit \u{2013} withdrawn by the requesting physician; not reviewed\n\n\
            This determination is final.\nCLINICAL CASE SUMMARY\nShe has neck pain.\n";
        let l = Letter::from_text("t", t).expect("parses");
        assert_eq!(
            decided(&l),
            vec![
                ("Chiropractic manipulation 2x6 for the cervical spine", Decision::Upheld),
                ("Norco 10/325mg #120", Decision::Upheld),
                ("EMG/NCV of the bilateral upper extremities", Decision::Overturned),
                ("Purchase of a cervical traction unit", Decision::Unknown),
            ]
        );
    }

    /// A closing entry that tells its status in a sentence ("7) The request for an MRI ... was
    /// withdrawn ... and was not reviewed") is the letter's item too, with no decision.
    #[test]
    fn an_entry_withdrawn_in_a_sentence_is_an_item() {
        let t = "INDEPENDENT MEDICAL REVIEW DECISION AND RATIONALE\nA decision has been made for each of the treatment and/or services that were in dispute:\n\
            1) MAXIMUS Federal Services, Inc. has determined the request for Ultram 50mg #90 is\nmedically necessary and appropriate.\n\
            2) MAXIMUS Federal Services, Inc. has determined the request for Lidoderm 5% patches #30 is\nnot medically necessary and appropriate.\n\
            3) The request for an MRI of the right knee was withdrawn by the requesting physician on\n10/15/2013 and was not reviewed.\n\n\
            Medical Qualifications of the Expert Reviewer:\nBoard certified.\n";
        let l = Letter::from_text("t", t).expect("parses");
        assert_eq!(
            decided(&l),
            vec![
                ("Ultram 50mg #90", Decision::Overturned),
                ("Lidoderm 5% patches #30", Decision::Upheld),
                ("an MRI of the right knee", Decision::Unknown),
            ]
        );
    }

    /// A withdrawn entry found in the determinations list stands before the items found at
    /// their rationales' titles; the numbered titles still head the items of their numbers.
    #[test]
    fn numbered_titles_head_the_items_of_their_numbers() {
        let t = "IMR DETERMINATIONS\n\n\
            1. Chiropractic treatment 2x4 for the right knee is not medically necessary and appropriate.\n\n\
            2. Synvisc-One injection to the right knee is medically necessary and appropriate.\n\n\
            3. Repeat MRI of the right knee: withdrawn by the requesting physician (see below).\n\n\
            IMR ISSUES AND RATIONALES\n\n\
            1. Chiropractic treatment 2x4 for the right knee\n\n\
            Rationale: Manipulation is not recommended for the knee. The request for chiropractic care is not medically necessary.\n\n\
            2. Synvisc-One injection to the right knee\n\n\
            Rationale: The criteria are met. The injection is medically necessary.\n\n\
            3. Repeat MRI of the right knee\n\n\
            The requesting physician withdrew this request. No determination is made on this item.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let mut got = decided(&l);
        got.sort();
        assert_eq!(
            got,
            vec![
                ("Chiropractic treatment 2x4 for the right knee", Decision::Upheld),
                ("Repeat MRI of the right knee", Decision::Unknown),
                ("Synvisc-One injection to the right knee", Decision::Overturned),
            ]
        );
    }

    /// Two items alike but for the part of the body take each its own decided entry, not the
    /// last one alike.
    #[test]
    fn alike_items_take_their_own_decisions() {
        let t = "NOTICE OF INDEPENDENT MEDICAL REVIEW DETERMINATION\nDated: 08/27/2013\n\
            ISSUE(S) AT DISPUTE:\n1. Omeprazole 20mg #60\n2. Physical therapy 2x6, right shoulder\n\
            3. Physical therapy 2x6, right knee\n\nDECISION(S):\n\
            1. Omeprazole 20mg #60 is not medically necessary and appropriate.\n\
            2. Physical therapy 2x6, right shoulder is medically necessary and appropriate.\n\
            3. Physical therapy 2x6, right knee is not medically necessary and appropriate.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got = decided(&l);
        assert_eq!(
            got,
            [
                ("Omeprazole 20mg #60", Decision::Upheld),
                ("Physical therapy 2x6, right shoulder", Decision::Overturned),
                ("Physical therapy 2x6, right knee", Decision::Upheld),
            ]
        );
    }

    /// Decided entries worded otherwise than the questions, alike but for their regions, decide
    /// the questions under their own numbers.
    #[test]
    fn alike_entries_worded_otherwise_decide_by_their_numbers() {
        let t = "ISSUES AT DISPUTE\n\
            1. Is chiropractic treatment for the cervical spine, 2 times per week for 3 weeks, medically necessary and appropriate?\n\
            2. Is chiropractic treatment for the lumbar spine, 2 times per week for 4 weeks, medically necessary and appropriate?\n\n\
            CASE SUMMARY\nThe employee has neck and low back pain.\n\n\
            SUMMARY OF DECISIONS\n\
            1. Chiropractic treatment, cervical spine, 2 x 3: Certified (UR decision overturned)\n\
            2. Chiropractic treatment, lumbar spine, 2 x 4: Non-certified (UR decision upheld)\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = decided(&l).into_iter().map(|(_, d)| d).collect();
        assert_eq!(got, [Decision::Overturned, Decision::Upheld]);
    }

    /// The same status on the list's last entry, after the decided ones, keeps that item too.
    #[test]
    fn a_status_closing_the_decided_list_is_an_item() {
        let t = "Notice of Independent Medical Review Determination\nDated: 11/25/2013\n\
            CLINICAL CASE SUMMARY\nThe employee has neck pain.\n\
            IMR ISSUES, DECISIONS AND RATIONALES\n\
            1. Soma 350mg #60 is not medically necessary and appropriate.\n\
            2. Chiropractic treatment 2 times a week for 3 weeks is medically necessary and appropriate.\n\
            3. MRI of the cervical spine: not reviewed (see below).\n\n\
            1) Regarding the request for Soma 350mg #60:\nIt is not for long-term use.\n\
            2) Regarding the request for chiropractic treatment 2 times a week for 3 weeks:\nHe improved.\n\
            3) Regarding the request for MRI of the cervical spine:\nThis service was listed on the application but is not in dispute, and it was therefore not reviewed.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got = decided(&l);
        assert_eq!(
            got,
            [
                ("Soma 350mg #60", Decision::Upheld),
                ("Chiropractic treatment 2 times a week for 3 weeks", Decision::Overturned),
                ("MRI of the cervical spine", Decision::Unknown),
            ]
        );
    }

    #[test]
    fn the_first_items_title_under_the_list_is_no_new_item() {
        let t = "Notice of Independent Medical Review Determination\nDated: 11/25/2013\n\
            HOW THE IMR FINAL DETERMINATION WAS MADE\nA physician reviewed the case.\n\
            CLINICAL CASE SUMMARY\nThe employee has low back pain.\n\
            IMR ISSUES, DECISIONS AND RATIONALES\n\
            The Final Determination was based on decisions for the disputed items/services set forth below:\n\
            1. Chiropractic treatment 2 times a week for 4 weeks for the lumbar spine\n\
            2. Omeprazole 20mg #60\n\
            1. Chiropractic treatment 2 times a week for 4 weeks for the lumbar spine:\n\
            Cited Medical Treatment Guideline(s) (MTG) used by the Claims Administrator:\n\
            The Claims Administrator based its decision on the Chronic Pain Guidelines.\n\
            Rationale for the Decision:\nThe request for chiropractic treatment 2 times a week for 4 weeks for the lumbar\n\
            spine is not medically necessary and appropriate.\n\
            2. Omeprazole 20mg #60:\nRationale for the Decision:\n\
            The request for omeprazole 20mg #60 is medically necessary and appropriate.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got = decided(&l);
        assert_eq!(
            got,
            [
                ("Chiropractic treatment 2 times a week for 4 weeks for the lumbar spine", Decision::Upheld),
                ("Omeprazole 20mg #60", Decision::Overturned),
            ]
        );
    }

    /// A notice whose titles carry no decision and stand straight over "The Claims Administrator
    /// based its decision on ...", with each decision only at the end of its rationale: the
    /// titles head the items' reasons; they are not the list of disputed items.
    #[test]
    fn titles_over_a_guideline_statement_head_their_reasons() {
        let t = "Notice of Independent Medical Review Determination\nDated: 12/09/2013\n\
            Treatment(s) in Dispute Listed on IMR Application:\n\
            1. Acupuncture 2 x 3 to the cervical spine\n2. MRI of the cervical spine\n3. Ergonomic chair\n\
            HOW THE IMR FINAL DETERMINATION WAS MADE\nA physician reviewed the case.\n\
            CLINICAL CASE SUMMARY\nThe employee has neck pain.\n\
            IMR ISSUES, DECISIONS AND RATIONALES\n\
            The Final Determination was based on decisions for the disputed items/services set forth below:\n\
            1. Acupuncture 2 x 3 to the cervical spine\n\
            The Claims Administrator based its decision on the MTUS Acupuncture Medical Treatment Guidelines.\n\
            Rationale for the Decision:\nNo functional improvement is documented. The request for acupuncture\n\
            2 x 3 to the cervical spine is not medically necessary and appropriate.\n\
            2. MRI of the cervical spine\n\
            The Expert Reviewer based his/her decision on the ACOEM Practice Guidelines, Chapter 8.\n\
            Rationale for the Decision:\nA new deficit is documented. Medical necessity for the MRI of the\n\
            cervical spine is established.\n\
            3. Ergonomic chair\n\
            The Claims Administrator based its decision on the ACOEM Practice Guidelines, Chapter 8.\n\
            Rationale for the Decision:\nNo workstation evaluation was done. The ergonomic chair is not\n\
            medically necessary and appropriate.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got = decided(&l);
        assert_eq!(
            got,
            [
                ("Acupuncture 2 x 3 to the cervical spine", Decision::Upheld),
                ("MRI of the cervical spine", Decision::Overturned),
                ("Ergonomic chair", Decision::Upheld),
            ]
        );
    }

    /// A sentence that breaks before a number ("..., Massage therapy, page" / "60. The Expert
    /// Reviewer based his/her decision on the same.") goes on; it is no item numbered 60.
    #[test]
    fn a_line_that_opens_with_a_page_number_starts_no_item() {
        let t = "Notice of Independent Medical Review Determination\nDated: 11/22/2013\n\
            HOW THE IMR FINAL DETERMINATION WAS MADE\nA physician reviewed the case.\n\
            CLINICAL CASE SUMMARY\nThe employee has neck pain.\n\
            IMR ISSUES, DECISIONS AND RATIONALES\n\
            1. Massage therapy x 6 for the neck: denial upheld.\n\
            2. Omeprazole 20mg #60 is not medically necessary and appropriate.\n\
            1) Regarding the request for massage therapy x 6 for the neck:\n\
            Medical Treatment Guideline(s) Relied Upon:\n\
            The Claims Administrator based its decision on the MTUS Chronic Pain Medical Treatment\n\
            Guidelines, Massage therapy, page\n\
            60. The Expert Reviewer based his/her decision on the same.\n\
            Rationale for the Decision:\nIt is not an adjunct to exercise. The denial is upheld.\n\
            2) Regarding the request for omeprazole 20mg #60:\n\
            Rationale for the Decision:\nNo gastrointestinal risk is described. The request is not medically\n\
            necessary and appropriate.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got = decided(&l);
        assert_eq!(
            got,
            [("Massage therapy x 6 for the neck", Decision::Upheld), ("Omeprazole 20mg #60", Decision::Upheld)]
        );
    }

    /// An entry whose number stands alone on its line, its text after a page break ("2." /
    /// "CM13-0048812 Page 1 of 6" / "Tramadol ER 150mg #30 is medically necessary and
    /// appropriate."), is that text; a page number alone on its line ("78.") starts no entry.
    #[test]
    fn an_entry_whose_number_stands_alone_takes_the_next_line() {
        let t = "Notice of Independent Medical Review Determination\nDated: 11/22/2013\n\
            Final Determination: OVERTURN IN PART.\n\
            1. Massage therapy x 6 for the neck is not medically necessary and appropriate.\n\
            2.\n\
            CM13-0048812 Page 1 of 6\n\
            \n\
            Tramadol ER 150mg #30 is medically necessary and appropriate.\n\
            HOW THE IMR FINAL DETERMINATION WAS MADE\nA physician reviewed the case.\n\
            Medical Treatment Guideline(s) Used: MTUS, Opioids, page\n\
            78.\n\
            CLINICAL CASE SUMMARY\nThe employee has neck pain.\n";
        let l = Letter::from_text("t", t).expect("parses");
        assert_eq!(
            decided(&l),
            [("Massage therapy x 6 for the neck", Decision::Upheld), ("Tramadol ER 150mg #30", Decision::Overturned)]
        );
    }

    /// A count in words that breaks before its figure in parentheses ("an additional twelve" /
    /// "(12) visits") goes on; "(12)" is no item of its own.
    #[test]
    fn a_line_that_opens_with_a_figure_in_parentheses_goes_on() {
        let t = "INDEPENDENT MEDICAL REVIEW\nISSUES AT DISPUTE\n\
            1. Post-operative physical therapy for the right shoulder, an additional twelve\n\
            (12) visits\n\
            2. Oxycodone IR 10mg #90\n\
            CASE SUMMARY\nThe patient had a rotator cuff repair.\n\
            RATIONALE\n\
            Issue 1: Post-operative physical therapy for the right shoulder, an additional twelve (12) visits\n\
            Rationale: Further therapy is medically necessary and appropriate.\n\
            Issue 2: Oxycodone IR 10mg #90\n\
            Rationale: The request for physical therapy three\n\
            (3) times a week is not at issue here. Oxycodone is not medically necessary and appropriate.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got = decided(&l);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].0.ends_with("an additional twelve (12) visits"), "{got:?}");
    }

    /// Titles straight after the documents reviewed, with no decisions heading above them, each
    /// over its guideline labels, head their items' reasons: the first item's block is its own,
    /// not every item's; the last document above a guidelines heading stays a document.
    #[test]
    fn titles_after_the_documents_reviewed_head_their_reasons() {
        let t = "Notice of Independent Medical Review Determination\nDated: 11/19/2013\n\
            1. Physical therapy for the left knee, 12 sessions: denial upheld\n\
            2. Aquatic therapy 2 x 4 for the lumbar spine: denial overturned\n\
            CLINICAL CASE SUMMARY\nThe employee has knee and back pain.\n\
            DOCUMENTS REVIEWED FOR THIS IMR DECISION\n\
            Application of Independent Medical Review, received 10/02/2013\n\
            Physical therapy notes, 01/2013 through 09/12/2013\n\
            1. Physical therapy for the left knee, 12 sessions:\n\
            Guidelines relied upon by the Claims Administrator: MTUS Postsurgical Treatment Guidelines.\n\
            Rationale for the Decision: The request is not medically necessary and appropriate.\n\
            2. Aquatic therapy 2 x 4 for the lumbar spine:\n\
            Guidelines relied upon by the Claims Administrator: MTUS Chronic Pain Guidelines.\n\
            Rationale for the Decision: He completed 10 sessions of land-based therapy. The request is certified.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let second = l.text.find("2. Aquatic therapy 2 x 4 for the lumbar spine:\nGuidelines").expect("title");
        assert_eq!(l.items.len(), 2);
        assert!(l.items[0].block.iter().all(|s| s.end <= second), "{:?}", l.items[0].block);
        assert!(l.items[1].block.iter().any(|s| s.start >= second));

        let documents = "MEDICAL PROFESSIONAL REVIEW\nUR Denial Date: 05/14/2013\n\
            ISSUE AT DISPUTE:\n1. Physical therapy 2 times per week for 4 weeks for the lumbar spine\n\
            CASE SUMMARY:\nThe patient has low back pain.\n\
            DOCUMENTS REVIEWED FOR DETERMINATION:\n- Utilization Review Determination, 05/14/2013\n\
            - MRI report of the lumbar spine, 03/18/2013\n\n\
            MEDICAL TREATMENT GUIDELINE(S) RELIED UPON BY PROFESSIONAL REVIEWER AND WHY:\n\
            1. Physical therapy 2 times per week for 4 weeks for the lumbar spine\n\
            The Claims Administrator based its decision on the ACOEM Practice Guidelines.\n\
            RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:\n\
            The request is not medically necessary.\n";
        let l = Letter::from_text("t", documents).expect("parses");
        let got: Vec<&str> = l.items.iter().map(|i| i.text.value.as_str()).collect();
        assert_eq!(got, ["Physical therapy 2 times per week for 4 weeks for the lumbar spine"]);
    }

    #[test]
    fn an_issue_labelled_after_the_documents_reviewed_is_read() {
        let t = "MEDICAL PROFESSIONAL REVIEW\nIMR Case Number: CM13-0000001\nISSUES AT DISPUTE\n\
            1. Is physical therapy twelve (12) sessions for the lumbar spine medically\nnecessary and appropriate?\n\
            2. Is Ultram 50mg #60 medically necessary and appropriate?\n\
            CLINICAL CASE SUMMARY\nThe patient has low back pain.\nDOCUMENTS REVIEWED\n\
            Application of Independent Medical Review; physical therapy notes.\n\
            ISSUE 1: Is physical therapy twelve (12) sessions for the lumbar spine medically\n\
            necessary and appropriate?\nReasons for the Decision Made:\n\
            Physical therapy twelve (12) sessions for the lumbar spine is not medically\nnecessary and appropriate.\n\
            Rationale:\nShe has had 20 visits.\n\
            ISSUE 2: Is Ultram 50mg #60 medically necessary and appropriate?\nReasons for the Decision Made:\n\
            Ultram 50mg #60 is medically necessary and appropriate.\nRationale:\nIt helps.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Upheld, Decision::Overturned]);
    }

    #[test]
    fn the_last_document_above_the_reasons_heading_is_no_item() {
        let t = "Independent Medical Review Final Determination Letter\nEXPERT REVIEWER CASE REPORT\n\
            Issues at Dispute:\n\
            1) Are twelve (12) additional chiropractic visits for the low back medically necessary and\nappropriate?\n\
            2) Is omeprazole 20mg #60 medically necessary and appropriate?\n\n\
            Expert Reviewer Case Summary:\nThe employee has low back pain.\n\n\
            Documents Reviewed for this IMR:\nUtilization Review Determination, 05/28/2013\n\
            Acupuncture notes, 10/2012 through 11/2012\n\n\
            DECISION AND RATIONALE:\n\
            1) Regarding the request for twelve (12) additional chiropractic visits for the low back:\n\
            Rationale for the Decision:\nHe has had 18 visits. The request is not medically necessary.\n\
            2) Regarding the request for omeprazole 20mg #60:\n\
            Rationale for the Decision:\nIt helps. The request is medically necessary.\n";
        let l = Letter::from_text("t", t).expect("parses");
        assert_eq!(l.items.len(), 2, "{:?}", l.items.iter().map(|i| &i.text).collect::<Vec<_>>());
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Upheld, Decision::Overturned]);
        assert!(l.items[0].text.value.contains("chiropractic"), "{}", l.items[0].text.value);
        // Without its label the same line above the heading would read as a title.
        let bare = t.replace("Documents Reviewed for this IMR:\n", "");
        let l = Letter::from_text("t", &bare).expect("parses");
        assert_eq!(l.items.len(), 3);
        // Double-spaced, as a PDF gives it: a blank line after every line is no paragraph's end.
        let double = t.replace(
            "Utilization Review Determination, 05/28/2013\n",
            "Utilization Review Determination, 05/28/2013\n\n",
        );
        let double = double.replace(
            "Acupuncture notes, 10/2012 through 11/2012\n\nDECISION AND RATIONALE:\n",
            "Acupuncture notes, 10/2012 through 11/2012\n\nRationale:\n\n",
        );
        let double = double.replace("Documents Reviewed for this IMR:\n", "Documents Reviewed for this IMR:\n\n");
        let l = Letter::from_text("t", &double).expect("parses");
        assert_eq!(l.items.len(), 2, "{:?}", l.items.iter().map(|i| &i.text).collect::<Vec<_>>());
    }

    #[test]
    fn decisions_by_issue_number_and_titles_by_their_number() {
        let head = "MEDICAL PROFESSIONAL REVIEW\nIMR Case Number: CM13-0000001\nISSUES AT DISPUTE:\n\
            1. Lumbar sympathetic block\n2. Spinal cord stimulator trial\n3. Knee scooter rental\n\
            CASE SUMMARY:\nThe employee has CRPS of the left foot.\n";
        // "ISSUE N" heads each rationale; the decisions come in a list by number at the end,
        // several on one line.
        let t = format!(
            "{head}RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:\n\
             ISSUE 1\nA block is the use the guideline describes.\nISSUE 2\nThe trial comes too early.\n\
             ISSUE 3\nDisuse worsens CRPS.\nDETERMINATION:\n\
             Issue 1 - medically necessary; the utilization review decision is overturned.\n\
             Item 2: not certified. Item 3: not certified.\n"
        );
        let l = Letter::from_text("t", &t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Overturned, Decision::Upheld, Decision::Upheld]);
        // Titles numbered 1..n whose words are not the items' ("LSB" for "Lumbar sympathetic
        // block") still head their items' reasons.
        let t = format!(
            "{head}1. LSB, left\nGuidelines: MTUS, CRPS, sympathetic blocks.\nRationale: It is supported. The request is certified.\n\
             2. SCS trial\nGuidelines: MTUS, spinal cord stimulators.\nRationale: No psychological evaluation. Not medically necessary.\n\
             3. Scooter\nGuidelines: ODG, knee scooter.\nRationale: Disuse worsens CRPS. The denial is upheld.\n"
        );
        let l = Letter::from_text("t", &t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Overturned, Decision::Upheld, Decision::Upheld]);
    }

    /// A paragraph that opens with its item's title and a full stop heads that item's reasons,
    /// the title's acronym standing for the item's first words ("PRP injection" for
    /// "Platelet-rich plasma (PRP) injection").
    #[test]
    fn paragraphs_opening_on_their_titles_are_their_items_reasons() {
        let t = "MEDICAL PROFESSIONAL REVIEW\nISSUES AT DISPUTE:\n1. Occupational therapy, right elbow, two times a week for three weeks\n\
            2. Platelet-rich plasma (PRP) injection, right lateral epicondyle, quantity 1\nCASE SUMMARY:\nHe has epicondylitis.\n\
            RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:\n\n\
            Occupational therapy, right elbow, 2x3. The last course did what therapy is meant to do. The request is certified.\n\n\
            PRP injection, right lateral epicondyle, x1. ODG states that PRP is under study. Non-certification is recommended.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Overturned, Decision::Upheld]);
    }

    /// A list entry whose sentence ends in a decision ("The request for X is non-certified.",
    /// "Y - the previous decision is affirmed.", "The request for Z is certified.") names its item
    /// and decides it; "The non-certification of W is upheld" keeps W, not "The".
    #[test]
    fn list_entries_that_end_in_a_decision_name_and_decide_their_items() {
        let t = "NOTICE OF INDEPENDENT MEDICAL REVIEW DETERMINATION\nHOW THE IMR FINAL DETERMINATION WAS MADE\nMAXIMUS sent the file to a reviewer.\n\
            IMR ISSUES, DECISIONS AND RATIONALES\nThe Final Determination was based on decisions for the disputed items/services set forth below:\n\n\
            1. The request for physical therapy 3 x 4 for the lumbar spine is non-certified.\n\n\
            2. MRI of the lumbar spine without contrast - the previous decision is affirmed.\n\n\
            3. The request for follow-up with pain management is certified.\n\n\
            4. The non-certification of Ondansetron 8mg ODT #10 is upheld.\n\n\
            CLINICAL CASE SUMMARY\nThe patient is a 44 year old male with low back pain.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got = decided(&l);
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(got[0].0.starts_with("physical therapy 3 x 4") && got[0].1 == Decision::Upheld, "{got:?}");
        assert_eq!(got[1].1, Decision::Upheld);
        assert!(got[2].0.starts_with("follow-up with pain management") && got[2].1 == Decision::Overturned, "{got:?}");
        assert!(got[3].0.contains("Ondansetron") && got[3].1 == Decision::Upheld, "{got:?}");
    }

    /// A list entry that allows a part of its request decides the request upheld, though it
    /// calls the part "medically necessary" (docs/verdicts.md); the item is the words before it.
    #[test]
    fn a_list_entry_allowing_a_part_is_upheld() {
        let t = "NOTICE OF INDEPENDENT MEDICAL REVIEW DETERMINATION\nHOW THE IMR FINAL DETERMINATION WAS MADE\nMAXIMUS sent the file to a reviewer.\n\
            IMR ISSUES, DECISIONS AND RATIONALES\nThe Final Determination was based on decisions for the disputed items/services set forth below:\n\n\
            1. Physical therapy, 12 visits, for the lumbar spine is partially certified: 4 visits are medically\n\
            necessary and appropriate; the remaining 8 visits are not.\n\n\
            2. Chiropractic treatment 2 times a week for 3 weeks for the cervical spine is medically necessary and\n\
            appropriate for 4 visits only; the remaining 2 visits are not medically necessary.\n\n\
            3. Tramadol ER 150mg #30 is medically necessary and appropriate.\n\n\
            CLINICAL CASE SUMMARY\nThe patient is a 44 year old male with low back pain.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got = decided(&l);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0].0, "Physical therapy, 12 visits, for the lumbar spine");
        assert_eq!(got[0].1, Decision::Upheld);
        assert!(
            got[1].0.starts_with("Chiropractic treatment 2 times a week") && got[1].1 == Decision::Upheld,
            "{got:?}"
        );
        assert_eq!(got[2].1, Decision::Overturned);
    }

    /// A list of outcomes whose entries say "partially overturned", "certified as modified" or
    /// "is not supported at this time" decides each of them, and loses none of its items.
    #[test]
    fn a_list_entry_in_other_words_is_decided_and_kept() {
        let t = "NOTICE OF INDEPENDENT MEDICAL REVIEW DETERMINATION\nHOW THE IMR FINAL DETERMINATION WAS MADE\nMAXIMUS sent the file to a reviewer.\n\
            Final Determination: OVERTURN IN PART. This means we decided that some of the disputed\n\
            items/services are medically necessary and appropriate.\n\
            1. Physical therapy three times a week for four weeks for the left shoulder is partially\n\
            overturned.\n\
            2. Cyclobenzaprine 7.5mg #60 is certified as modified.\n\
            3. Ultrasound-guided injection to the left subacromial space is medically\n\
            necessary and appropriate.\n\
            4. Home health care 4 hours per day for 2 weeks is not supported at this time.\n\
            This decision is final and binding on all parties.\n\
            CLINICAL CASE SUMMARY\nThe patient is a 44 year old female with shoulder pain.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got = decided(&l);
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(got[0].0, "Physical therapy three times a week for four weeks for the left shoulder");
        assert_eq!(got[1].0, "Cyclobenzaprine 7.5mg #60");
        assert_eq!(got[3].0, "Home health care 4 hours per day for 2 weeks");
        let d: Vec<Decision> = got.iter().map(|g| g.1).collect();
        assert_eq!(d, [Decision::Upheld, Decision::Upheld, Decision::Overturned, Decision::Upheld]);
    }

    /// Two listed items decided under one heading ("2) and 3) Regarding the requests for X and
    /// Y:") are two items, each under that heading; neither is lost, nor merged with its title.
    #[test]
    fn two_items_under_one_heading_are_two_items() {
        let t = "Notice of Independent Medical Review Determination\nDate of UR Decision: 11/5/2013\n\n\
            The disputed items/services are:\n\
            1. Synvisc-One injection to the right knee\n\
            2. Cold therapy unit rental x 21 days\n\
            3. Hinged knee brace for the right knee\n\
            4. Anaprox DS 550mg #60\n\n\
            HOW THE IMR FINAL DETERMINATION WAS MADE\nExpert Reviewer Case Summary:\nHe had a meniscectomy.\n\n\
            1) Regarding the request for Synvisc-One injection to the right knee:\n\
            Rationale for the Decision:\nThere is no osteoarthritis. The injection is not medically necessary and appropriate.\n\n\
            2) and 3) Regarding the requests for cold therapy unit rental x 21 days and a hinged knee\n\
            brace for the right knee:\n\
            Rationale for the Decision:\nThe cold therapy unit rental is not medically necessary and appropriate. \
            The hinged knee brace is medically necessary and appropriate.\n\n\
            4) Regarding the request for Anaprox DS 550mg #60:\n\
            Rationale for the Decision:\nIt helps. The request is medically necessary and appropriate.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got = decided(&l);
        assert_eq!(
            got,
            [
                ("Synvisc-One injection to the right knee", Decision::Upheld),
                ("Cold therapy unit rental x 21 days", Decision::Upheld),
                ("Hinged knee brace for the right knee", Decision::Overturned),
                ("Anaprox DS 550mg #60", Decision::Overturned),
            ]
        );
    }

    /// Two issues argued under one numbered heading ("4. and 5. Naproxen ...; Omeprazole ...")
    /// and decided in one sentence, each in a clause of its own: each item takes its clause's
    /// outcome. A modified approval ("X #60 is certified; the remainder of the request is
    /// non-certified") names no other item, and stays one outcome.
    #[test]
    fn a_heading_of_two_numbers_and_a_sentence_deciding_each() {
        let t = "MEDICAL PROFESSIONAL REVIEW\nISSUES AT DISPUTE\n\
            1. Is a lumbar MRI medically necessary and appropriate?\n\
            2. Is naproxen sodium 550mg #60 medically necessary and appropriate?\n\
            3. Is omeprazole 20mg #60 medically necessary and appropriate?\n\
            4. Is Norco 10/325mg #120 medically necessary and appropriate?\n\
            CASE SUMMARY\nShe has low back pain.\n\
            RATIONALE\n\
            1. Is a lumbar MRI medically necessary and appropriate?\n\
            There are no red flags. The request is not medically necessary.\n\
            2. and 3. Naproxen sodium 550mg #60; Omeprazole 20mg #60\n\
            NSAIDs help her. She has no GI risk factors. Accordingly, the naproxen sodium 550mg #60 is certified, \
            whereas the omeprazole 20mg #60 is not medically necessary.\n\
            4. Is Norco 10/325mg #120 medically necessary and appropriate?\n\
            No gains are documented. Norco 10/325mg #60 is certified to allow for weaning; the remainder of the \
            request is non-certified.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Upheld, Decision::Overturned, Decision::Upheld, Decision::Upheld]);
    }

    /// A notice whose list of determinations decides two items in one entry ("3. Tramadol ...
    /// and Cyclobenzaprine ... are not medically necessary"), the application listing each:
    /// two items, each named as the application names it, each with that decision.
    #[test]
    fn one_determination_for_two_listed_items_is_two_items() {
        let t = "Notice of Independent Medical Review Determination\nUR Denial Date: 07/15/2013\n\
            Treatment(s) in Dispute Listed on IMR Application:\n\
            MRI of the left shoulder; Tramadol ER 150mg #30; Cyclobenzaprine 7.5mg #60; Terocin lotion 120ml\n\n\
            The Final Determination was based on decisions for the disputed items/services set forth below:\n\
            1. MRI of the left shoulder is medically necessary and appropriate.\n\
            2. Tramadol ER 150mg #30 and Cyclobenzaprine 7.5mg #60 are not medically necessary and appropriate.\n\
            3. Terocin lotion 120ml is not medically necessary and appropriate.\n\n\
            HOW THE IMR FINAL DETERMINATION WAS MADE\nExpert Reviewer Case Summary:\nShe has shoulder pain.\n";
        let l = Letter::from_text("t", t).expect("parses");
        assert_eq!(
            decided(&l),
            [
                ("MRI of the left shoulder", Decision::Overturned),
                ("Tramadol ER 150mg #30", Decision::Upheld),
                ("Cyclobenzaprine 7.5mg #60", Decision::Upheld),
                ("Terocin lotion 120ml", Decision::Upheld),
            ]
        );
    }

    /// A list entry that names its item, then a clause of its own after a colon ("Cyclobenzaprine
    /// 7.5 mg #60: modified to #20 for weaning; the request for #60 is not medically
    /// necessary"): the item is the name, not "#60" nor the clause.
    #[test]
    fn an_entry_named_before_a_clause_of_its_own() {
        let t = "Notice of Independent Medical Review Determination\nDate of UR Decision: 11/12/2013\n\
            DISPUTED ITEMS/SERVICES AND DECISIONS\n\
            1. Chiropractic treatment for the cervical spine, 2 times a week for 3 weeks: the utilization review \
            non-certification is overturned; the treatment is medically necessary and appropriate.\n\
            2. Cyclobenzaprine 7.5 mg #60: modified to #20 for weaning; the request for #60 is not medically \
            necessary and appropriate.\n\
            3. Gym membership for six months is not medically necessary and appropriate.\n\
            HOW THE IMR FINAL DETERMINATION WAS MADE\nExpert Reviewer Case Summary:\nHe has neck pain.\n";
        let l = Letter::from_text("t", t).expect("parses");
        assert_eq!(
            decided(&l),
            [
                ("Chiropractic treatment for the cervical spine, 2 times a week for 3 weeks", Decision::Overturned),
                ("Cyclobenzaprine 7.5 mg #60", Decision::Upheld),
                ("Gym membership for six months", Decision::Upheld),
            ]
        );
        // Parts of one item after its colon are no clause ("labs: CBC, CMP and EKG").
        assert_eq!(name_before_clause("Pre-operative labs: CBC, CMP and EKG"), None);
    }

    /// A rationale's line that goes on with the sentence above it ("..., when" / "a spinal cord
    /// stimulator or further surgery is being considered.") is prose, not a title, though it
    /// starts with another item's name.
    #[test]
    fn a_line_that_runs_on_a_sentence_is_no_title() {
        let t = "MEDICAL PROFESSIONAL REVIEW\nISSUES AT DISPUTE\nIssue 1: Spinal cord stimulator trial\n\
            Issue 2: Lumbar spine x-rays with flexion and extension views\nCASE SUMMARY\nHe has failed back syndrome.\n\
            RATIONALE\nIssue 1: Spinal cord stimulator trial\nThere is no psychological clearance. The request is not medically\n\
            necessary at this time.\nIssue 2: Lumbar spine x-rays with flexion and extension views\n\
            The guidelines support radiographs to assess for instability, when\n\
            a spinal cord stimulator or further surgery is being considered. No films since the\n\
            2011 surgery are in the file.\n\
            The request is certified.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Upheld, Decision::Overturned]);
    }

    /// A guideline's page number wrapped onto its own line ("... page\\n70.") reads as a
    /// numbered line; it names nothing, so it is no item.
    #[test]
    fn a_page_number_alone_on_its_line_is_no_item() {
        let t = "Notice of Independent Medical Review Determination\n\
            1. Omeprazole 20mg #60\n\
            2. Fenoprofen calcium 400mg #120\n\
            DECISIONS:\n\
            1. Omeprazole 20mg #60 is not medically necessary and appropriate.\n\
            2. Fenoprofen calcium 400mg #120 is medically necessary and appropriate.\n\
            HOW THE IMR FINAL DETERMINATION WAS MADE\n\
            Expert Reviewer Case Summary:\n\
            The applicant slipped on a wet floor.\n\
            1) Regarding the request for Omeprazole 20mg #60:\n\
            Medical Treatment Guideline(s) Used by the Claims Administrator:\n\
            MTUS Chronic Pain Medical Treatment Guidelines, NSAIDs, GI symptoms, page\n\
            68.\n\
            Medical Treatment Guideline(s) Used by the Expert Reviewer:\n\
            Rationale for the Decision:\n\
            She is at low risk. The request for Omeprazole 20mg #60 is not medically necessary and appropriate.\n\
            2) Regarding the request for Fenoprofen calcium 400mg #120:\n\
            Medical Treatment Guideline(s) Used by the Claims Administrator:\n\
            MTUS Chronic Pain Medical Treatment Guidelines, NSAIDs, specific drug list, page\n\
            70. \n\
            Medical Treatment Guideline(s) Used by the Expert Reviewer:\n\
            Rationale for the Decision:\n\
            It helps. The request for Fenoprofen calcium 400mg #120 is medically necessary and appropriate.\n\
            ";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<&str> = l.items.iter().map(|i| i.text.value.as_str()).collect();
        assert_eq!(got, ["Omeprazole 20mg #60", "Fenoprofen calcium 400mg #120"]);
    }

    /// Entries numbered "1.)" are numbered entries, as "1." and "1)" are: the questions name
    /// their items, and each rationale under its "1.)" decides.
    #[test]
    fn entries_numbered_with_a_dot_and_a_parenthesis() {
        let t = "MEDICAL PROFESSIONAL REVIEW\nISSUES AT DISPUTE:\n\
            1.) Is physical therapy x 6 for the right ankle medically necessary?\n\
            2.) Are custom orthotics medically necessary?\nCASE SUMMARY:\nShe sprained her ankle.\n\
            DETERMINATIONS AND RATIONALE:\n1.) Physical therapy x 6 for the right ankle\nShe has had enough. The request is not medically necessary.\n\
            2.) Custom orthotics\nShe has a deformity. The request is certified.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got = decided(&l);
        assert_eq!(
            got,
            [
                ("physical therapy x 6 for the right ankle", Decision::Upheld),
                ("custom orthotics", Decision::Overturned)
            ]
        );
    }

    /// A layout's heading counts at the start of its line, not in prose: "relevant to the
    /// issue at dispute" in a notice's rationale does not make it a 2013 review.
    /// A table whose rows open on "Item #N" and whose column gives, for one row, a status: the
    /// label is not the item's name, and the status row stays an item in its place.
    #[test]
    fn a_table_of_labelled_rows_with_a_status_in_its_column() {
        let t = "Notice of Independent Medical Review Determination\nDated: 11/20/2013\n\
            Final Determination: UPHOLD IN PART.\n\nDISPUTED ITEMS/SERVICES AND DETERMINATIONS\n\n\
            Item #1   Hinged knee brace, left knee                         Upheld\n\
            Item #2   Pain management consultation                         Not reviewed (see below)\n\
            Item #3   Omeprazole 20mg #30                                  Overturned\n\n\
            This decision is final and binding on all parties.\n\n\
            SUMMARY OF DETERMINATIONS\n\
            1. Hinged knee brace, left knee: denial upheld\n\
            2. Pain management consultation: not reviewed (no longer in dispute)\n\
            3. Omeprazole 20mg #30: overturned\n";
        let l = Letter::from_text("t", t).expect("parses");
        assert_eq!(
            decided(&l),
            [
                ("Hinged knee brace, left knee", Decision::Upheld),
                ("Pain management consultation", Decision::Unknown),
                ("Omeprazole 20mg #30", Decision::Overturned)
            ]
        );
        // Lettered rows, the status row last.
        let t = "Notice of Independent Medical Review Determination\nDated: 11/20/2013\n\
            Final Determination: OVERTURN IN PART.\n\n\
               Disputed Item/Service                                   IMR Determination\n\
               A.  Chiropractic manipulation, 12 visits, lumbar spine      UPHOLD\n\
               B.  Tramadol ER 150mg #30                               OVERTURN\n\
               C.  Transportation to and from medical appointments     NOT REVIEWED (withdrawn)\n\n\
            This decision is final and binding on all parties.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Upheld, Decision::Overturned, Decision::Unknown]);
        assert_eq!(l.items[2].text.value, "Transportation to and from medical appointments");
        // A gap before a status in a line of prose makes no table.
        assert_eq!(status_column("The request was    withdrawn").map(|(i, _)| i), Some(0..15));
        assert!(dotted_entries(
            &Letter::from_text(
                "p",
                "Notice of Independent Medical Review Determination\n1. MRI of the knee: upheld\nThe request was    withdrawn\n"
            )
            .expect("parses"),
            &[]
        )
        .is_empty());
    }

    #[test]
    fn a_table_of_earlier_reviews_names_no_item() {
        // The case summary's history of utilization reviews, each row a date, a request and its
        // outcome: the earlier reviews' decisions, not this one's.
        let t = "Notice of Independent Medical Review Determination\nDated: 10/02/2013\n\
            Final Determination: OVERTURN IN PART.\n\
            Expert Reviewer Case Summary:\n\
            The patient is a 38-year-old medical assistant with neck and low back pain.\n\
            UR date       Request                                        Outcome\n\
            1/15/2013     chiropractic x 6, cervical and lumbar spine    certified\n\
            3/20/2013     chiropractic x 6 additional                    certified\n\n\
            IMR ISSUES, DECISIONS AND RATIONALES\n\
            1. Chiropractic treatment 2 times a week for 6 weeks is not medically necessary and appropriate.\n\
            2. Omeprazole 20mg #60 is medically necessary and appropriate.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let names: Vec<&str> = l.items.iter().map(|i| i.text.value.as_str()).collect();
        assert_eq!(names, ["Chiropractic treatment 2 times a week for 6 weeks", "Omeprazole 20mg #60"]);
    }

    #[test]
    fn a_heading_in_spaced_capitals_is_read_closed_up() {
        assert_eq!(heading_kind("R A T I O N A L E"), Some(SectionKind::Rationale));
        assert_eq!(heading_kind("C A S E   S U M M A R Y:"), Some(SectionKind::Summary));
        assert_eq!(heading_kind("SYNOPSIS OF THE CASE"), Some(SectionKind::Summary));
        assert_eq!(letter_spaced("C A S E   S U M M A R Y").as_deref(), Some("CASE SUMMARY"));
        // Initials and a short code are not a spaced word.
        assert_eq!(letter_spaced("A B C"), None);
        // Issues numbered in roman numerals, set off by a doubled hyphen.
        assert_eq!(line_number("Issue IV -- Bilateral cervical medial branch blocks"), Some(4));
        assert_eq!(line_number("Issue 2 -- Lidoderm 5% patches #30"), Some(2));
        // "No. 3   MRI of the lumbar spine": a list numbered "No.", its number not the item's count.
        assert_eq!(line_number("No. 3   MRI of the lumbar spine"), Some(3));
        assert!(NUMBERED.is_match("No. 1   Chiropractic treatment x 6 for the lumbar spine"));
        assert!(!NUMBERED.is_match("#60 for weaning"));
        assert_eq!(
            issue_words("Issue VII -- Consultation with a spine surgeon").1,
            "Consultation with a spine surgeon"
        );
        assert_eq!(line_number("Issue Is physical therapy medically necessary?"), None);
        assert_eq!(letter_spaced("R A T I O N A L E was given"), None);
        assert_eq!(heading_kind("I N D E P E N D E N T"), None);
    }

    #[test]
    fn layout_headings_count_only_as_headings() {
        let t = "Independent Medical Review Final Determination Letter\nHOW THE IMR FINAL DETERMINATION WAS MADE\n\
            The reviewer applied the guidelines appropriate and relevant to the issue at dispute.\n";
        assert_eq!(detect_formats(t), [Format::Y2014]);
        assert_eq!(detect_formats("Report\n  II. ISSUES AT DISPUTE\n1. MRI\n"), [Format::Review2013]);
        assert_eq!(detect_formats("Report\n3) Issue at dispute\n"), [Format::Review2013]);
        assert_eq!(detect_formats("Report\nIMR ISSUES AT DISPUTE:\n1) Is an MRI necessary?\n"), [Format::Review2013]);
        // A title centred by many spaces is a heading still, and the earliest.
        let centred = "\n                NOTICE OF INDEPENDENT MEDICAL REVIEW DETERMINATION \nDated: 08/27/2013\n\
            ISSUE(S) AT DISPUTE:\n1. Omeprazole 20mg #60\n";
        assert_eq!(detect_formats(centred).first(), Some(&Format::Notice2013));
        // A title naming the program and the reviewer's report, under no layout's headings.
        assert_eq!(
            detect_formats("Independent Medical Review - Expert Reviewer Report\nDISPUTED SERVICES\n"),
            [Format::Review2013]
        );
        assert_eq!(detect_formats("The issues at dispute are these.\n"), [Format::Notice2013; 0]);
        // No layout's headings, but an IMR letter titled as the reviewer's report.
        for title in [
            "PHYSICIAN REVIEW REPORT - INDEPENDENT MEDICAL REVIEW\r\n",
            "INDEPENDENT MEDICAL REVIEW - REVIEWER'S REPORT \n",
            "Independent Medical Review\nFinal Determination - Reviewer Report\n",
            "Independent Medical Review Final Determination Report \n",
        ] {
            assert_eq!(
                detect_formats(&format!("{title}IMR Case No.: CM13-0014460\nDISPUTED SERVICES\n")),
                [Format::Review2013],
                "{title}"
            );
        }
        assert_eq!(
            detect_formats("IMR Case No.: CM13-0014460\nThe reviewer's report of the UR is attached.\n"),
            [Format::Notice2013]
        );
    }

    /// An issue list introduced by a line of its own ("Whether the following requested services
    /// are medically necessary:") and reasons under a heading of one word ("ANALYSIS"): the
    /// lead-in is no item, and each item is decided by its own paragraph, however it names
    /// itself ("The injection is not medically necessary").
    #[test]
    fn a_list_lead_in_is_no_item_and_one_word_headings_head_the_reasons() {
        let t = "Independent Medical Review\nFinal Determination - Reviewer Report\n\nISSUE(S) AT DISPUTE\n\
            Whether the following requested services are medically necessary:\n  Occupational therapy 8 sessions for the right elbow\n\
            \x20 Platelet-rich plasma injection, right elbow\n  Counterforce elbow brace\n\nCLINICAL HISTORY\nShe has epicondylitis.\n\n\
            ANALYSIS\n\nIssue 1 - Occupational therapy 8 sessions for the right elbow\nShe improved. The non-certification is reversed.\n\n\
            Issue 2 - Platelet-rich plasma injection, right elbow\nThe evidence is conflicting. The injection is not medically necessary.\n\n\
            Issue 3 - Counterforce elbow brace\nIt is inexpensive. The request is medically necessary.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got = decided(&l);
        assert_eq!(
            got,
            [
                ("Occupational therapy 8 sessions for the right elbow", Decision::Overturned),
                ("Platelet-rich plasma injection, right elbow", Decision::Upheld),
                ("Counterforce elbow brace", Decision::Overturned),
            ]
        );
    }

    /// A rationale whose first line names another item and runs on ("The left carpal tunnel
    /// release has been found medically necessary, and some post-operative" / "therapy is
    /// appropriate."): the sentence is its own item's reasons, not a title of the other's.
    #[test]
    fn a_sentence_opening_on_another_items_name_is_no_title() {
        let t = "Notice of Independent Medical Review Determination\n\
            Treatment(s) in Dispute Listed on IMR Application:\n\
            1. LEFT CARPAL TUNNEL RELEASE\n2. POST-OPERATIVE OCCUPATIONAL THERAPY, LEFT WRIST, 12 VISITS\n\n\
            HOW THE IMR FINAL DETERMINATION WAS MADE\n\n\
            1) Regarding the request for left carpal tunnel release:\n\
            Rationale Used by the Expert Reviewer:\n\
            The studies confirm it. The request for left carpal tunnel release is medically necessary and appropriate.\n\n\
            2) Regarding the request for post-operative occupational therapy, left wrist, 12 visits:\n\
            Rationale Used by the Expert Reviewer:\n\
            The left carpal tunnel release has been found medically necessary, and some post-operative\n\
            therapy is appropriate. But 12 visits exceed the course. The request is not medically necessary and appropriate.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Overturned, Decision::Upheld]);
    }

    /// A closing paragraph of determinations as labels and values ("X: medically necessary;
    /// overturned."), one drug at two strengths among them: each item takes the one that
    /// names it in its own words.
    #[test]
    fn determinations_as_labels_and_values_in_a_paragraph() {
        let t = "INDEPENDENT MEDICAL REVIEW - REVIEW REPORT\n\nISSUES AT DISPUTE\n\
            1. Is Ultram ER 150mg #30 medically necessary and appropriate?\n\
            2. Is Ultram ER 300mg #30 medically necessary and appropriate?\n\
            3. Is a series of three Synvisc injections to the bilateral knees medically necessary?\n\n\
            CASE SUMMARY\nShe has knee pain.\n\nDISCUSSION AND RATIONALE\n\
            The records were reviewed and the guidelines applied to each request in turn.\n\n\
            DETERMINATION\nBased on the above, the reviewer determines as follows. Ultram ER 150mg #30: medically\n\
            necessary; overturned. Ultram ER 300mg #30: not medically necessary; upheld. Series of three Synvisc\n\
            injections to the bilateral knees: medically necessary; overturned.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Overturned, Decision::Upheld, Decision::Overturned]);
    }

    /// "Issues at Dispute:" in title case heads the issue list as its capitals do.
    #[test]
    fn an_issues_heading_in_title_case_heads_the_list() {
        let t = "Independent Medical Review Final Report\nDate of UR Decision: 12/09/2013\nIssues at Dispute:\n\
            1. Occupational therapy (8sessions) for the left hand\n2. Lyrica 75mg #60\n3. Triple phase bone scan\n\
            Summary of Case:\nShe has CRPS.\nRationale for Decision:\n\
            Issue 1: Is occupational therapy (8sessions) for the left hand medically necessary?\n\
            Discussion: No gains. Occupational therapy (8sessions) for the left hand is not medically necessary.\n\
            Issue 2: Is Lyrica 75mg #60 medically necessary?\nDiscussion: The request for Lyrica 75mg #60 is medically necessary.\n\
            Issue 3: Is a triple phase bone scan medically necessary?\nDiscussion: The request is not medically necessary.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Upheld, Decision::Overturned, Decision::Upheld]);
    }

    /// "Issues at dispute:" in sentence case heads the list when it stands alone on its line; a
    /// line of prose that begins with the same words does not.
    #[test]
    fn an_issues_label_in_sentence_case_heads_the_list_only_on_its_own_line() {
        assert_eq!(heading_kind("Issues at dispute:"), Some(SectionKind::Issues));
        assert_eq!(heading_kind("Issue at dispute"), Some(SectionKind::Issues));
        assert_eq!(heading_kind("Issues at dispute and determinations:"), Some(SectionKind::Issues));
        assert_eq!(heading_kind("Issues at dispute include the brace and the MRI."), None);
        let t = "Independent Medical Review Final Determination Letter\nUR Denial Date: 07/16/2013\n\
            INDEPENDENT MEDICAL REVIEW DETERMINATION\nExpert Reviewer: The expert reviewer is Board Certified.\n\
            Issues at dispute:\n1. Is the request for an MRI of the right hip medically necessary and appropriate?\n\
            2. Is the request for a gym membership medically necessary\nand appropriate?\n\n\
            DECISION AND RATIONALE\nCase Summary:\nHe has hip pain.\n\n\
            1) Regarding the request for an MRI of the right hip:\nRationale for the Decision:\n\
            The request for an MRI of the right hip is medically necessary and appropriate.\n\n\
            2) Regarding the request for a gym membership:\nRationale for the Decision:\n\
            The request for a gym membership is not medically necessary and appropriate.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got = decided(&l);
        assert_eq!(got, [("an MRI of the right hip", Decision::Overturned), ("a gym membership", Decision::Upheld)]);
    }

    /// An issue-labelled list whose last entry a PDF wrapped ("... is medically" / "necessary"):
    /// the lower-case line without a label is the rest of its entry, not an item of its own.
    #[test]
    fn a_wrapped_entry_of_an_issue_labelled_list_is_one_item_and_whether_names_it() {
        let t = "INDEPENDENT MEDICAL REVIEW - FINAL REVIEW REPORT\n\nISSUES AT DISPUTE\n\
            Issue 1: Whether massage therapy 1x6 for the lumbar spine is medically necessary\n\
            Issue 2: Whether nabumetone 750mg #60 is medically necessary\n\
            Issue 3: Whether topical compound cream 180gm is medically\nnecessary\n\n\
            CASE SUMMARY\nHe has low back pain.\n\nDISCUSSION AND RATIONALE\n\n\
            Issue 1: Massage therapy 1x6 for the lumbar spine\nIt is limited to 4-6 visits. The request is not medically necessary.\n\n\
            Issue 2: Nabumetone 750mg #60\nIt helps. The request is medically necessary.\n\n\
            Issue 3: Topical compound cream 180gm\nIt is not recommended. The request is not medically necessary.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Upheld, Decision::Overturned, Decision::Upheld]);
        // "Whether X is medically necessary" names X.
        assert_eq!(l.items[2].text.value, "topical compound cream 180gm");
        assert_eq!(l.items[0].text.value, "massage therapy 1x6 for the lumbar spine");
    }

    /// A closing summary after the last rationale names the items it decides: a sentence that
    /// names other items decides neither the first item (whose words open one of its lines)
    /// nor the last (whose rationale it follows).
    #[test]
    fn a_closing_summary_decides_only_the_items_it_names() {
        let t = "INDEPENDENT MEDICAL REVIEW - REVIEW REPORT\n\nISSUES AT DISPUTE\n\n\
            1. Is the request for a functional restoration program, 160 hours, medically necessary?\n\n\
            2. Is the request for duloxetine 30mg #30 medically necessary?\n\n3. Is the request for zolpidem 10mg #30 medically necessary?\n\n\
            CASE SUMMARY\n\nHe has low back pain.\n\nDECISION AND RATIONALE\n\n1. Functional restoration program, 160 hours\n\n\
            The whole program at the outset is not supported. The determination of non-certification is affirmed.\n\n\
            2. Duloxetine 30mg #30\n\nIt is first-line. The request is medically necessary.\n\n3. Zolpidem 10mg #30\n\n\
            Long-term use is not supported. The request for zolpidem 10mg #30 is not medically necessary.\n\nSUMMARY\n\n\
            The functional restoration program (160 hours) and the zolpidem\n\nare not medically necessary, and the decisions on them are upheld.\n\n\
            Duloxetine 30mg #30 is medically necessary, and the utilization review decision on it is overturned.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Upheld, Decision::Overturned, Decision::Upheld]);
    }

    /// A closing summary whose entries set the outcome after a dash ("Flexeril - upheld.") and
    /// name their items in another order ("TENS unit purchase" for "the purchase of a TENS
    /// unit"): each entry decides its item.
    #[test]
    fn a_closing_summary_of_dashed_entries_decides_its_items() {
        let t =
            "INDEPENDENT MEDICAL REVIEW - EXPERT REVIEW REPORT\nDate of UR Decision: 11/18/2013\nISSUES AT DISPUTE\n\
            1. Is the purchase of a TENS unit for the left shoulder medically necessary?\n\
            2. Is Flexeril (cyclobenzaprine) 10mg #60 medically necessary?\n\
            3. Is an MR arthrogram of the left shoulder medically necessary?\n\
            CASE SUMMARY\nShe hurt her shoulder.\nDECISIONS AND RATIONALE\n\
            Issue 1. TENS unit purchase, left shoulder\nA trial has not been done.\n\
            Issue 2. Flexeril (cyclobenzaprine) 10mg #60\nMuscle relaxants are for short courses.\n\
            Issue 3. MR arthrogram of the left shoulder\nA labral tear is suspected.\n\
            SUMMARY OF DETERMINATIONS\nTENS unit purchase - the prior denial stands.\nFlexeril - upheld.\n\
            MR arthrogram - overturned.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Upheld, Decision::Upheld, Decision::Overturned]);
    }

    /// Every line of the short-form table is read: a short form is one word as titles are cut
    /// into words (lower case letters and digits, two or more), so that it can match.
    #[test]
    fn every_short_form_can_match_a_word() {
        let lines =
            include_str!("item-abbreviations.txt").lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
        for line in lines {
            let (short, long) = line.split_once(" = ").unwrap_or_else(|| panic!("no \" = \" in {line:?}"));
            assert!(
                short.len() > 1 && short.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()),
                "{line:?}: the short form is no word of a title"
            );
            assert!(!long.trim().is_empty(), "{line:?}: no long form");
            assert_eq!(SHORT_FORMS.get(short).map(Vec::len), Some(long.split_whitespace().count()), "{line:?}");
        }
    }

    /// A closing summary in short forms ("FCE", "Wt loss program x 10 wks", "MBB bilat"), its
    /// rationales hedged: each entry decides the item its short forms name, and an entry named
    /// past recognition ("Flexeril" for cyclobenzaprine) decides no item above it.
    #[test]
    fn a_closing_summary_in_short_forms_decides_its_items() {
        let t =
            "INDEPENDENT MEDICAL REVIEW - EXPERT REVIEW REPORT\nDate of UR Decision: 11/18/2013\nISSUES AT DISPUTE\n\
            1. Is an additional 6 sessions of aquatic therapy medically necessary?\n\
            2. Is cyclobenzaprine 7.5 mg #60 medically necessary?\n\
            3. Is a functional capacity evaluation medically necessary?\n\
            4. Is a medically supervised weight loss program for 10 weeks medically necessary?\n\
            CASE SUMMARY\nHe hurt his back.\nDECISIONS AND RATIONALE\n\
            Issue 1. Aquatic therapy\nThe pool may be reasonable.\n\
            Issue 2. Cyclobenzaprine\nMuscle relaxants are for short courses.\n\
            Issue 3. Functional capacity evaluation\nAn evaluation may be reasonable when he is close to MMI.\n\
            Issue 4. Weight loss program\nA program would not be unreasonable.\n\
            SUMMARY OF DECISIONS:\n\
            Aquatic tx, add'l 6 \u{2013} medically necessary (UR denial overturned)\n\
            Flexeril 7.5mg #60 \u{2013} not medically necessary (upheld)\n\
            FCE \u{2013} not medically necessary (upheld)\n\
            Wt loss program x 10 wks \u{2013} medically necessary (overturned)\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got[0], Decision::Overturned);
        assert_eq!(got[2], Decision::Upheld);
        assert_eq!(got[3], Decision::Overturned);
    }

    /// An issue list put as "Whether X is medically necessary." without question marks asks;
    /// it decides nothing, and the items are decided by their rationales.
    #[test]
    fn an_issue_list_of_whether_lines_decides_nothing() {
        let t = "Independent Medical Review - Expert Reviewer Report\nUR Denial Date: 11/15/2013\nISSUES AT DISPUTE\n\
            1) Whether MRI of the lumbar spine without contrast is medically necessary.\n\
            2) Whether physical therapy x 6 for the lumbar spine is medically necessary.\n\
            CASE SUMMARY\nHe hurt his back.\nDECISION AND RATIONALE\nIssue 1: MRI of the lumbar spine\n\
            There are no red flags. The request is not medically necessary.\n\
            Issue 2: Physical therapy x 6 for the lumbar spine\nHe has had no therapy. The request is medically necessary.\n";
        let l = Letter::from_text("t", t).expect("parses");
        assert_eq!(
            decided(&l),
            [
                ("MRI of the lumbar spine without contrast", Decision::Upheld),
                ("physical therapy x 6 for the lumbar spine", Decision::Overturned)
            ]
        );
    }

    /// A closing summary whose entry names its item in other words ("Cervical ESI C5-6" for the
    /// epidural injection): it does not decide the item listed above it.
    #[test]
    fn a_summary_entry_in_other_words_does_not_decide_the_entry_above_it() {
        let t = "INDEPENDENT MEDICAL REVIEW - REVIEW REPORT\n\nISSUES AT DISPUTE\n\n\
            1. Is Flexeril 7.5mg #60 medically necessary and appropriate?\n\n\
            2. Is a cervical epidural steroid injection at C5-6 medically necessary and appropriate?\n\n\
            CASE SUMMARY\n\nShe has neck pain.\n\nRATIONALE\n\n\
            1. Regarding the request for Flexeril 7.5mg #60:\n\nIt is for short courses only. The request for Flexeril 7.5mg #60 is not medically necessary and appropriate.\n\n\
            2. Regarding the request for a cervical epidural steroid injection at C5-6:\n\nRadiculopathy is shown. The request is medically necessary and appropriate.\n\n\
            SUMMARY OF DECISIONS\n\nFlexeril 7.5mg #60: not medically necessary\n\nCervical ESI C5-6: medically necessary\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Upheld, Decision::Overturned]);
    }

    /// A notice whose decisions stand in a closing summary ("1. MRI of the lumbar spine: not
    /// medically necessary and appropriate. The prior denial stands."): the value of an entry
    /// is its first sentence, and an item the summary does not decide stays an item, decided
    /// by its own rationale.
    #[test]
    fn a_closing_summary_decides_its_entries_and_loses_no_listed_item() {
        let head = "Notice of Independent Medical Review Determination\nHOW THE IMR FINAL DETERMINATION WAS MADE\n\
            Expert Reviewer Case Summary:\nShe hurt her back.\nIMR ISSUES, DECISIONS AND RATIONALES\n\
            The Final Determination was based on decisions for the disputed items/services set forth below:\n\
            1. MRI of the lumbar spine\n2. Power scooter\n3. Orthopedic consultation for the knees\n\
            1. MRI of the lumbar spine\nThe examination is normal. The MRI is not medically necessary.\n\
            2. Power scooter\nShe walks without a cane.\n\
            3. Orthopedic consultation for the knees\nThe arthritis has progressed.\nSUMMARY OF DETERMINATIONS\n";
        for (first, expected) in [
            (
                "1. MRI of the lumbar spine: not medically necessary and appropriate. The prior denial stands.",
                Decision::Upheld,
            ),
            ("1. MRI of the lumbar spine: see the rationale above for the reasons given.", Decision::Upheld),
        ] {
            let t = format!(
                "{head}{first}\n2. Power scooter: not medically necessary. Upheld.\n\
                 3. Orthopedic consultation for the knees: medically necessary and appropriate. Overturned.\n"
            );
            let l = Letter::from_text("t", t).expect("parses");
            let got = decided(&l);
            assert_eq!(
                got,
                [
                    ("MRI of the lumbar spine", expected),
                    ("Power scooter", Decision::Upheld),
                    ("Orthopedic consultation for the knees", Decision::Overturned),
                ],
                "{first}"
            );
        }
    }

    /// Issues put as questions, then decided in a second numbered list whose value may stand
    /// on the line below its item ("1. Physical therapy ...:" / "non-certified (the utilization
    /// review modification stands)"): one item each, decided by the list.
    #[test]
    fn a_decision_list_repeating_the_questions_names_no_new_item() {
        let t = "Independent Medical Review Final Determination\nEXPERT REVIEWER'S REPORT\nISSUES AT DISPUTE\n\
            1. Is the request for physical therapy 1-2 times a week for 4 weeks for the cervical spine medically necessary and appropriate?\n\
            2. Is the request for Soma 350mg #60 medically necessary and appropriate?\n\
            3. Is the request for a follow-up visit with pain management medically necessary and appropriate?\n\
            DECISION FOR EACH ISSUE AT DISPUTE\n\
            1. Physical therapy 1-2 times a week for 4 weeks for the cervical spine:\n\
            non-certified (the utilization review modification stands)\n\
            2. Soma 350mg #60: non-certified\n3. Follow-up visit with pain management: certified\n\
            CASE SUMMARY\nHe was rear-ended.\nMEDICAL NECESSITY DETERMINATION AND RATIONALE\n\
            1) Regarding the request for physical therapy:\nRationale for the Decision:\nHe is back at work. The request is not medically necessary.\n\
            2) Regarding the request for Soma:\nRationale for the Decision:\nSoma is not recommended. The request is not medically necessary.\n\
            3) Regarding the request for a follow-up visit:\nRationale for the Decision:\nHe takes medication. The request is certified.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Upheld, Decision::Upheld, Decision::Overturned]);
        assert!(l.items[0].text.value.starts_with("physical therapy 1-2 times"), "{:?}", l.items[0].text.value);
    }

    /// Two titles one above the other over one rationale ("These two requests are addressed
    /// together"), double-spaced as a PDF gives it: each item is decided by the sentence that
    /// names them both, and the sentence's second line ("and Soma ... are not ...") heads
    /// nothing.
    #[test]
    fn titles_stacked_over_one_rationale_share_it() {
        let t = "INDEPENDENT MEDICAL REVIEW\nREVIEW REPORT\n\nISSUES AT DISPUTE:\n\n\
            1. Is an MRI of the cervical spine medically necessary and appropriate?\n\n\
            2. Is Norco 10/325mg #120 medically necessary and appropriate?\n\n\
            3. Is Soma 350mg #60 medically necessary and appropriate?\n\nCASE SUMMARY:\n\nHe has neck pain.\n\n\
            DECISION AND RATIONALE:\n\n1. Is an MRI of the cervical spine medically necessary and appropriate?\n\n\
            Guidelines relied upon: ACOEM, Chapter 8.\n\nNothing has changed. The request is not medically necessary.\n\n\
            2. Is Norco 10/325mg #120 medically necessary and appropriate?\n\n\
            3. Is Soma 350mg #60 medically necessary and appropriate?\n\n\
            Guidelines relied upon: MTUS, Opioids; Carisoprodol.\n\n\
            These two requests are addressed together. Carisoprodol is not indicated for long-term use. Therefore,\n\n\
            the requests for Norco 10/325mg #120\n\nand Soma 350mg #60 are certified.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Upheld, Decision::Overturned, Decision::Overturned]);
    }

    /// The letter's own closing words decide no item: an outcome "in part" is over several
    /// items, and outcomes given by number ("overturned for issue 1 and upheld for issues 2 and
    /// 3") are those numbers' wherever the sentence stands, not the last rationale's.
    #[test]
    fn closing_outcomes_in_part_or_by_number_are_not_the_last_items() {
        let head = "Independent Medical Review Final Determination\nExpert Reviewer Report\nISSUES AT DISPUTE\n\
            1. Acupuncture x6 for the cervical spine\n2. Massage therapy 1 x 6 for the cervical spine\n3. Zolpidem 10mg #30\n\
            CASE SUMMARY\nThe claimant has neck pain.\nRATIONALE\n\
            Issue 1: Acupuncture x6 for the cervical spine\nShe improved with acupuncture. The request for acupuncture x6 is medically necessary.\n\
            Issue 2: Massage therapy 1 x 6 for the cervical spine\nMassage is passive. The request for massage therapy is not medically necessary.\n\
            Issue 3: Zolpidem 10mg #30\nZolpidem is for short-term use. The request for zolpidem 10mg #30 is not medically necessary.\n";
        for closing in [
            "The utilization review determination is overturned in part.",
            "The utilization review decision is partially overturned.",
            "The utilization review decision is overturned for issue 1 and upheld for issues 2 and 3.",
        ] {
            let l = Letter::from_text("t", format!("{head}{closing}\n")).expect("parses");
            let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
            assert_eq!(got, [Decision::Overturned, Decision::Upheld, Decision::Upheld], "{closing}");
        }
        // With no rationale of their own, the items take their outcomes by number.
        let t = "Independent Medical Review Final Determination\nExpert Reviewer Report\nISSUES AT DISPUTE\n\
            1. Acupuncture x6 for the cervical spine\n2. Massage therapy 1 x 6 for the cervical spine\n3. Zolpidem 10mg #30\n\
            CASE SUMMARY\nThe claimant has neck pain.\nRATIONALE\nThe records were reviewed. \
            The utilization review decision is overturned for issue 1 and issue 3 and upheld for issue 2.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Overturned, Decision::Upheld, Decision::Overturned]);
    }

    /// An entry whose item ends inside a character past ASCII (here a zero-width joiner before
    /// the last letter, as a damaged PDF gives) is read without cutting the character: the
    /// fuzzer's first crash of 2026-12-01 (fifth session) sliced it to compare a verb.
    #[test]
    fn list_entries_ending_past_ascii_are_cut_on_character_boundaries() {
        for name in ["Knee brace\u{200d}x", "Knee brace \u{e9}", "Brace\u{20ac}", "Brace \u{1f600}"] {
            let t = format!(
                "NOTICE OF INDEPENDENT MEDICAL REVIEW DETERMINATION\nIMR ISSUES, DECISIONS AND RATIONALES\n\
                 The Final Determination was based on decisions for the disputed items/services set forth below:\n\n\
                 1. {name} not medically necessary.\n\n2. The request for a TENS unit is certified.\n\n\
                 CLINICAL CASE SUMMARY\nThe patient is a 44 year old male with knee pain.\n"
            );
            let l = Letter::from_text("t", &t).expect("parses");
            let got = decided(&l);
            assert!(got.contains(&(name, Decision::Upheld)), "{name:?}: {got:?}");
        }
    }

    /// Issues put as labelled questions ("Issue 2: Is X medically necessary?") name X; the
    /// questions decide nothing, by their words or by their numbers; each rationale decides.
    #[test]
    fn labelled_questions_name_their_items_and_decide_nothing() {
        let t = "MEDICAL PROFESSIONAL REVIEW\nISSUES AT DISPUTE\n\nIssue 1: Is physical therapy for the left ankle, an additional 6 visits, medically necessary?\n\n\
            Issue 2: Is chiropractic manipulation for the left ankle x 6 medically necessary?\n\n\
            Issue 3: Are custom orthotics, bilateral, medically necessary?\n\nCASE SUMMARY\nShe fractured her ankle.\n\n\
            RATIONALE\n\nIssue 1: Is physical therapy for the left ankle, an additional 6 visits, medically necessary?\n\n\
            Rationale: She is improving. Recommend certification of the additional 6 visits.\n\n\
            Issue 2: Is chiropractic manipulation for the left\n\nPage 2 of 4\n\nankle x 6 medically necessary?\n\n\
            Rationale: Manipulation is not recommended for the ankle. The request is not medically necessary, and the denial is upheld.\n\n\
            Issue 3: Are custom orthotics, bilateral, medically necessary?\n\n\
            Rationale: She has no foot deformity. The orthotics are not medically necessary.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got = decided(&l);
        assert_eq!(
            got,
            [
                ("physical therapy for the left ankle, an additional 6 visits", Decision::Overturned),
                ("chiropractic manipulation for the left ankle x 6", Decision::Upheld),
                ("custom orthotics, bilateral", Decision::Upheld),
            ]
        );
    }

    /// A question that names a list after a colon ("Is the request for pre-operative labs: CBC,
    /// CMP and EKG medically necessary?") is one item; its words decide nothing.
    #[test]
    fn a_question_with_a_colon_is_one_undecided_item() {
        let t = "MEDICAL PROFESSIONAL REVIEW\nISSUES AT DISPUTE:\n1. Is the request for pre-operative medical clearance medically necessary?\n\
            2. Is the request for pre-operative labs: CBC, CMP, PT/PTT and EKG medically necessary?\n\
            3. Is the request for Naproxen sodium 550mg #60 medically necessary?\nCASE SUMMARY:\nShe has carpal tunnel syndrome.\n\
            RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:\n\
            1. Pre-operative medical clearance\nThe surgery is certified. The clearance is medically necessary.\n\
            2. Pre-operative labs\nShe is healthy and 39. The labs are not medically necessary.\n\
            3. Naproxen sodium 550mg #60\nIt helps her. Naproxen is medically necessary.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Overturned, Decision::Upheld, Decision::Overturned]);
    }

    /// "The sleep study is not recommended." ends the item's rationale with the item itself as
    /// its subject: the reviewer's conclusion, though a guideline would use the same words.
    #[test]
    fn the_item_not_recommended_concludes_its_rationale() {
        let t = "MEDICAL PROFESSIONAL REVIEW\nISSUES AT DISPUTE:\n1. Sleep study (polysomnography)\n2. Oxycodone 10mg #90\n\
            CASE SUMMARY:\nHe snores.\nRATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:\n\
            1. Sleep study (polysomnography)\nODG recommends polysomnography after six months of insomnia. Sleepiness on \
            oxycodone should first be addressed by adjusting the medication. The sleep study is not recommended.\n\
            2. Oxycodone 10mg #90\nNo measure of function is given. The denial is upheld.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Upheld, Decision::Upheld]);
    }

    /// A notice with no list of determinations: each item is a numbered "Regarding the request
    /// for" title over its own guidelines label (worded in any case), decided in its rationale.
    /// A title broken by a page line goes on past it; its last word ("wrist") does not head
    /// another item's reasons.
    #[test]
    fn regarding_titles_over_lower_case_guideline_labels_are_the_items() {
        let t = "Notice of Independent Medical Review Determination
Final Determination: OVERTURN IN PART.
            IMR DECISION(S) AND RATIONALE(S)
Expert Reviewer Case Summary:
She has carpal tunnel syndrome.
            1) Regarding the request for post-operative occupational therapy, 12 visits, right
            CM13-0049917                                  Page 3 of 5
wrist:
            Medical Treatment Guideline(s) used by the Expert Reviewer: MTUS Postsurgical Treatment Guidelines.
            Rationale for the Decision:
Twelve visits exceed the course. The request is not certified.
            2) Regarding the request for a wrist splint:
            Medical Treatment Guideline(s) used by the Expert Reviewer: ACOEM, Chapter 11, page 265.
            Rationale for the Decision:
A night splint is reasonable. The wrist splint is medically necessary and appropriate.
            3) Regarding the request for Naproxen 550mg #60:
            Medical Treatment Guideline(s) used by the Expert Reviewer: MTUS, NSAIDs, pages 67-73.
            Rationale for the Decision:
No benefit is documented. Medical necessity has not been established.
";
        let l = Letter::from_text("t", t).expect("parses");
        let got = decided(&l);
        assert_eq!(
            got,
            [
                ("post-operative occupational therapy, 12 visits, right wrist", Decision::Upheld),
                ("a wrist splint", Decision::Overturned),
                ("Naproxen 550mg #60", Decision::Upheld),
            ]
        );
        let twelve = t.find("Twelve visits").expect("in the text");
        assert!(l.items[0].block.iter().any(|b| b.start <= twelve && twelve < b.end), "{:?}", l.items[0].block);
        assert!(!l.items[1].block.iter().any(|b| b.start <= twelve && twelve < b.end), "{:?}", l.items[1].block);
    }

    /// An unnumbered "Regarding the request for ..." title that wraps, its colon on the next
    /// line, heads its item's reasons: the reasons are not the item below's.
    #[test]
    fn a_wrapped_regarding_title_heads_its_reasons() {
        let t = "INDEPENDENT MEDICAL REVIEW - EXPERT REVIEWER REPORT
ISSUES AT DISPUTE:
1) Is chiropractic treatment two times a week for three weeks for the lumbar spine medically
necessary and appropriate?
2) Is an MRI of the lumbar spine medically necessary and appropriate?
CASE SUMMARY:
He has low back pain.
RATIONALE FOR THE DECISION FOR EACH ISSUE AT DISPUTE:

Regarding the request for chiropractic treatment two times a week for three weeks for the
lumbar spine:
Rationale for the Decision:
Six visits exceed a flare-up's course. The request is not medically necessary and appropriate.

Regarding the request for an MRI of the lumbar spine:
Rationale for the Decision:
There are red flags. The MRI is medically necessary and appropriate.
";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = decided(&l).into_iter().map(|(_, d)| d).collect();
        assert_eq!(got, [Decision::Upheld, Decision::Overturned]);
    }

    /// A numbered title run onto the end of the line before heads its own item's reasons; the
    /// line numbers shown stay those of the page.
    #[test]
    fn a_title_joined_to_the_line_before_heads_its_reasons() {
        let t = "INDEPENDENT MEDICAL REVIEW - EXPERT REVIEWER REPORT
ISSUES AT DISPUTE
1. Is a cervical epidural steroid injection at C5-C6 medically necessary and appropriate?
2. Are x-rays of the cervical spine medically necessary and appropriate?
CASE SUMMARY:
He has neck pain.
RATIONALE FOR THE DECISION FOR EACH ISSUE AT DISPUTE:
1) Regarding the request for a cervical epidural steroid injection at C5-C6:
Rationale: The criteria are met. The request is medically necessary and appropriate.2) Regarding the request for x-rays of the cervical spine:
Rationale: There are no red flags. The prior denial of x-rays of the cervical spine stands.
";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = decided(&l).into_iter().map(|(_, d)| d).collect();
        assert_eq!(got, [Decision::Overturned, Decision::Upheld]);
        assert_eq!(l.line_of(t.find("2) Regarding").expect("in the text")), 9);
        assert_eq!(l.line_of(t.find("There are no red flags").expect("in the text")), 10);
    }

    /// A 2014 decision line run onto the end of the rationale before is an item of its own.
    #[test]
    fn a_decision_line_joined_to_the_rationale_before_is_an_item() {
        let t = "HOW THE IMR FINAL DETERMINATION WAS MADE
CLINICAL CASE SUMMARY
She has low back pain.
IMR ISSUES, DECISIONS AND RATIONALES
Physical therapy 2 times a week for 6 weeks, lumbar spine: Upheld
Decision rationale: Twelve more visits exceed the guideline. The request is not medically necessary.Lumbar epidural steroid injection at L4-L5: Overturned
Decision rationale: Radiculopathy is corroborated. The request is medically necessary.
";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<(&str, Decision)> = decided(&l);
        assert_eq!(
            got,
            [
                ("Physical therapy 2 times a week for 6 weeks, lumbar spine", Decision::Upheld),
                ("Lumbar epidural steroid injection at L4-L5", Decision::Overturned),
            ]
        );
        assert_eq!(l.lines.len(), t.lines().count() + 1);
    }

    /// A closing table whose columns a wide gap parts: a row's outcome may carry its reason
    /// ("Upheld. UR modification stands"), an item cell may wrap, and an outcome may stand
    /// alone in its column on a line below its item.
    #[test]
    fn a_closing_table_with_wide_gaps_decides_each_row() {
        let t = "ISSUES AT DISPUTE
1. Acupuncture 2 x 6 for the cervical spine
2. Transportation to and from medical appointments
3. Lidoderm 5% patch #30
RATIONALE
1. Acupuncture 2 x 6 for the cervical spine
Six visits are a trial.
2. Transportation to and from medical appointments
He drives.
3. Lidoderm 5% patch #30
He has not tried first-line drugs.
SUMMARY OF DETERMINATIONS
Disputed item/service                                   Determination
1. Acupuncture 2 x 6 for the cervical spine             Upheld. UR modification stands (certified
                                                        for 6 of the 12 requested visits)
2. Transportation to and from medical
appointments
                                                        Upheld. Not medically necessary
3. Lidoderm 5% patch #30                                Overturned
This determination is final.
";
        let l = Letter::from_text("t", t).expect("parses");
        assert_eq!(
            decided(&l),
            [
                ("Acupuncture 2 x 6 for the cervical spine", Decision::Upheld),
                ("Transportation to and from medical appointments", Decision::Upheld),
                ("Lidoderm 5% patch #30", Decision::Overturned),
            ]
        );
    }

    /// A review whose issues are titled "ISSUE n: ..." over the labels "Applicable guideline:"
    /// and "Reviewer's rationale:" (their text on the same line): each title heads its item's
    /// reasons, and each item is decided by its own.
    #[test]
    fn issue_titles_over_applicable_guideline_and_reviewers_rationale_labels() {
        let t = "ISSUES AT DISPUTE
1. Occupational therapy 2 x 4 for the right hand
2. Left carpal tunnel release
CASE SUMMARY
She has carpal tunnel syndrome of both wrists.
ISSUE 1: Occupational therapy 2 x 4 for the right hand
Applicable guideline: MTUS Postsurgical Treatment Guidelines.
Reviewer\u{2019}s rationale: Eight more would exceed the course. Reviewer\u{2019}s decision: the request is not
medically necessary. The prior denial stands.
ISSUE 2: Left carpal tunnel release
Applicable guideline: ACOEM, Chapter 11.
Reviewer's rationale: The studies confirm it. Reviewer's decision: the non-certification is reversed.
";
        let l = Letter::from_text("t", t).expect("parses");
        assert_eq!(
            decided(&l),
            [
                ("Occupational therapy 2 x 4 for the right hand", Decision::Upheld),
                ("Left carpal tunnel release", Decision::Overturned),
            ]
        );
    }

    /// A notice whose only headings are each item's labels ("Section of the MTUS used by the
    /// Expert Reviewer ...", "Rationale for the Decision:"): every numbered title over them is an
    /// item, though the later titles stand inside the rationale of the item before. A summary's
    /// last line, a sentence ending inside its quote, is not a title.
    #[test]
    fn titles_over_the_2013_section_of_the_mtus_labels_are_the_items() {
        let t = "Notice of Independent Medical Review Determination
Treatment(s) in Dispute Listed on IMR Application:
1. Acupuncture 2x3 for the right shoulder
2. TENS unit, 30 day rental
3. Pre-operative medical clearance
Expert Reviewer Case Summary
She has shoulder pain. The surgeon asked for a TENS unit to help \"with the pain.\"
1) Regarding the request for acupuncture 2x3 for the right shoulder:
Section of the Medical Treatment Utilization Schedule (MTUS) used by the Claims Administrator:
MTUS Acupuncture Medical Treatment Guidelines.
Section of the MTUS used by the Expert Reviewer in making his/her decision:
MTUS Acupuncture Medical Treatment Guidelines.
Rationale for the Decision:
Six visits are a trial. The request for acupuncture 2x3 for the right shoulder is medically necessary and appropriate.
2) Regarding the request for TENS unit, 30 day rental:
Section of the Medical Treatment Utilization Schedule (MTUS) used by the Claims
Administrator: MTUS Chronic Pain Medical Treatment Guidelines, TENS, pages 114-116.
Rationale for the Decision:
A one-month trial is what the guideline describes. Recommend certification of the TENS unit.
3) Regarding the request for pre-operative medical clearance:
Section of the MTUS used by the Expert Reviewer in making his/her decision:
ODG, Preoperative testing.
Rationale for the Decision:
No surgery is certified. Medical necessity is not established for pre-operative medical clearance.
";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<&str> = l.items.iter().map(|i| i.text.value.as_str()).collect();
        assert_eq!(
            got,
            ["acupuncture 2x3 for the right shoulder", "TENS unit, 30 day rental", "pre-operative medical clearance"]
        );
        let trial = t.find("A one-month trial").expect("in the text");
        let holds = |i: usize, at: usize| l.items[i].block.iter().any(|b| b.start <= at && at < b.end);
        assert!(holds(1, trial) && !holds(0, trial) && !holds(2, trial), "{:?}", l.items[1].block);
    }

    #[test]
    fn a_label_before_a_colon_heads_the_item_the_rest_of_its_line_names() {
        // "Issue at dispute: X" over each rationale, the decisions only in a closing list.
        let t = "INDEPENDENT MEDICAL REVIEW\nMEDICAL PROFESSIONAL REVIEW\nISSUES AT DISPUTE\n1. Acupuncture, 6 additional sessions for the low back\n2. Gym membership for 6 months\n\nCASE SUMMARY\nShe has had 12 sessions of acupuncture.\n\nRATIONALE\n\nIssue at dispute: Acupuncture, 6 additional sessions for the low back\nThere is no objective functional improvement after 12 sessions.\n\nDisputed treatment: gym membership for 6 months\nA home exercise program suffices.\n\nSUMMARY OF DECISIONS\n1. Acupuncture, 6 additional sessions for the low back: Upheld\n2. Gym membership for 6 months: Upheld\n";
        let l = Letter::from_text("t", t).expect("parses");
        assert_eq!(l.items.len(), 2);
        let holds = |i: usize, at: usize| l.items[i].block.iter().any(|b| b.start <= at && at < b.end);
        let no_gain = t.find("There is no objective").expect("in the text");
        let home = t.find("A home exercise").expect("in the text");
        assert!(holds(0, no_gain) && !holds(1, no_gain), "{:?}", l.items[0].block);
        assert!(holds(1, home) && !holds(0, home), "{:?}", l.items[1].block);
    }

    #[test]
    fn issue_headings_under_a_notices_decisions_heading_give_each_item_its_own_block() {
        let t = "Notice of Independent Medical Review Determination\n\
            1) MAXIMUS Federal Services, Inc. has determined the request for Trazodone 50mg #30 is medically necessary and appropriate.\n\
            2) MAXIMUS Federal Services, Inc. has determined the request for a sleep study is not medically necessary and appropriate.\n\
            CLINICAL CASE SUMMARY\nShe sleeps poorly.\nIMR DECISION(S) AND RATIONALE(S)\nIssue 1\n\
            Medical Treatment Guideline(s) Used by the Expert Reviewer:\nODG, Insomnia treatment, page 12.\n\
            Rationale Used by the Expert Reviewer:\nTrazodone is an option for insomnia with depression.\nIssue 2\n\
            Medical Treatment Guideline(s) Used by the Expert Reviewer:\nODG, Polysomnography, page 40.\n\
            Rationale Used by the Expert Reviewer:\nNo sleep disorder is suspected.\n";
        let l = Letter::from_text("t", t).expect("parses");
        assert_eq!(l.items.len(), 2);
        let page_12 = t.find("page 12").expect("in the text");
        let page_40 = t.find("page 40").expect("in the text");
        let holds = |i: usize, at: usize| l.items[i].block.iter().any(|b| b.start <= at && at < b.end);
        assert!(holds(0, page_12) && !holds(0, page_40), "{:?}", l.items[0].block);
        assert!(holds(1, page_40) && !holds(1, page_12), "{:?}", l.items[1].block);
    }

    /// "Issue 1: <title>" heads item 1's rationale, whatever words the title uses, and its
    /// "Determination:" line decides it.
    #[test]
    fn issue_headings_with_their_titles_give_each_item_its_own_block() {
        let t = "MEDICAL PROFESSIONAL REVIEW\nISSUES AT DISPUTE:\n1. Right shoulder arthroscopy\n2. Pre-operative clearance\n\
            3. Sling with abduction pillow\nCASE SUMMARY:\nShe has impingement.\nRATIONALE:\n\
            Issue 1: Arthroscopic subacromial decompression, right shoulder\nShe failed nine months of care.\n\
            Determination: The surgery is medically necessary.\nIssue 2: Clearance before surgery\n\
            The surgery being certified, so is the clearance.\nDetermination: Medically necessary.\n\
            Issue 3: Sling\nA pillow sling follows open repair only.\nDetermination: Certified as a standard sling.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Overturned, Decision::Overturned, Decision::Overturned]);
        let nine = t.find("nine months").expect("in the text");
        assert!(l.items[0].block.iter().any(|b| b.start <= nine && nine < b.end), "{:?}", l.items[0].block);
        assert_eq!(line_number("Issue 2: Clearance before surgery"), Some(2));
        assert_eq!(line_number("Issue 2 of the letter was withdrawn"), None);
        assert_eq!(line_number("Issue C: Pre-operative medical clearance"), Some(3));
        assert_eq!(line_number("Item A - Acupuncture 2x3"), Some(1));
        assert_eq!(line_number("Disputed Item 4: Lyrica 75mg #60"), Some(4));
        assert_eq!(line_number("Requested Treatment #2 - Aquatic therapy"), Some(2));
        assert_eq!(issue_words("Disputed Item 6: TENS unit rental for one month").1, "TENS unit rental for one month");
        assert_eq!(line_number("Issue a of the letter"), None);
    }

    #[test]
    fn paragraphs_that_name_their_item_first_are_its_rationale() {
        let t = "MEDICAL PROFESSIONAL REVIEW\nISSUES AT DISPUTE:\n1. Biofeedback, 6 sessions\n2. Ambien 10mg #30\n\
            3. Consultation with a psychiatrist\nCASE SUMMARY:\nShe has PTSD and insomnia.\n\
            RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS/WAS NOT MEDICALLY NECESSARY:\n\
            Regarding the request for biofeedback, 6 sessions: it is an adjunct to CBT, which is under way.\n\
            The request is certified.\nRegarding Ambien 10mg #30: it is for short-term use only.\n\
            It is not medically necessary.\nRegarding the consultation with a psychiatrist: her symptoms are complex.\n\
            The non-certification is overturned.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Overturned, Decision::Upheld, Decision::Overturned]);
    }

    #[test]
    fn lettered_and_bulleted_lists_under_other_headings() {
        let t = "MEDICAL PROFESSIONAL REVIEW\nSUMMARY OF DETERMINATION\n\
            * Functional restoration program, 160 hours -- denial upheld\n\
            * Butrans 10mcg/hr transdermal patch #4 -- overturned, medically necessary\n\
            CASE SUMMARY\nShe has chronic low back pain.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Upheld, Decision::Overturned]);
        let t = "MEDICAL PROFESSIONAL REVIEW\nISSUE(S) PRESENTED FOR REVIEW:\n  a. Biofeedback, 6 sessions\n  b. Ambien 10mg #30\n\
            CLINICAL SUMMARY:\nShe has insomnia.\nRATIONALE FOR THE DECISION:\n\
            a. Biofeedback, 6 sessions\nIt is an adjunct to CBT, which is under way. The request is certified.\n\
            b. Ambien 10mg #30\nIt is for short-term use. The denial is upheld.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Overturned, Decision::Upheld]);
    }

    #[test]
    fn capital_letter_markers_and_issues_put_as_questions() {
        // "A. Is X medically necessary?" lists the issue; the rationale under "A. X" decides it.
        let t = "MEDICAL PROFESSIONAL REVIEW\nISSUES AT DISPUTE\n\
            A. Is a lumbar epidural steroid injection at L4-5 medically necessary?\n\
            B. Are acupuncture visits, 6 sessions, for the neck medically necessary?\n\
            CASE SUMMARY\nShe has neck and back pain.\nGUIDELINES RELIED UPON AND RATIONALE\n\
            A. Lumbar epidural steroid injection at L4-5\nRadiculopathy is not documented. The injection \
            is not medically necessary; the UR decision is upheld.\n\
            B. Acupuncture visits, 6 sessions, for the neck\nA trial is reasonable. The request is \
            medically necessary.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got = decided(&l);
        assert_eq!(
            got,
            [
                ("lumbar epidural steroid injection at L4-5", Decision::Upheld),
                ("acupuncture visits, 6 sessions, for the neck", Decision::Overturned)
            ]
        );
    }
    #[test]
    fn a_retrospective_request_restated_is_one_item() {
        let t = "Notice of Independent Medical Review Determination\n\
            1) MAXIMUS Federal Services has determined the request for Norco 5/325mg #60 is not medically necessary and appropriate.\n\
            2) MAXIMUS Federal Services has determined the retrospective request for urine toxicology screen (DOS 8/30/2013) is medically necessary and appropriate.\n\
            Expert Reviewer Case Summary:\nShe had a carpal tunnel release.\nIMR DECISION(S) AND RATIONALE(S)\n\n\
            1. The request for Norco 5/325mg #60 is not medically necessary and appropriate.\n\n\
            2. The retrospective request for urine toxicology screen (DOS 8/30/2013) is medically necessary and appropriate.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got = decided(&l);
        assert_eq!(
            got,
            [
                ("Norco 5/325mg #60", Decision::Upheld),
                ("urine toxicology screen (DOS 8/30/2013)", Decision::Overturned)
            ]
        );
    }

    #[test]
    fn a_summary_table_with_dot_leaders() {
        let t = "MEDICAL PROFESSIONAL REVIEW\nSUMMARY OF DETERMINATIONS\n\
            Acupuncture for the left shoulder, 6 visits ..................... Overturned\n\
            MR arthrogram of the right shoulder ............................ Upheld\n\
            Tramadol 50mg #120                                               Not certified\n\
            CASE SUMMARY:\nHe pulls cable.\nRATIONALE:\nAcupuncture for the left shoulder, 6 visits:\n\
            A trial of 3-6 treatments is allowed.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got = decided(&l);
        assert_eq!(
            got,
            [
                ("Acupuncture for the left shoulder, 6 visits", Decision::Overturned),
                ("MR arthrogram of the right shoulder", Decision::Upheld),
                ("Tramadol 50mg #120", Decision::Upheld),
            ]
        );
    }

    /// Numbered rows of a closing table with dot leaders decide their own items; the last
    /// row's outcome is not the row's above it (a row is closed by its outcome, not run on
    /// into the signature below).
    #[test]
    fn a_notice_of_final_determination_with_a_ruled_table_wrapped_over_a_page_break() {
        let t = "INDEPENDENT MEDICAL REVIEW\nNOTICE OF FINAL DETERMINATION\n\nSUMMARY OF DETERMINATION\n\
            Treatment | Decision\n\
            Aquatic therapy x 8 weeks, lumbar spine | Upheld\n\
            Lumbar epidural steroid injection,\nPage 2 of 5\nCM13-0041276\nL4-L5 | Upheld\n\
            Gabapentin 600mg #90 | Overturned\n\nBACKGROUND\nHe lifted a package.\n";
        assert_eq!(detect_format(t), Format::Notice2013);
        let l = Letter::from_text("t", t).expect("parses");
        assert_eq!(
            decided(&l),
            [
                ("Aquatic therapy x 8 weeks, lumbar spine", Decision::Upheld),
                ("Lumbar epidural steroid injection, L4-L5", Decision::Upheld),
                ("Gabapentin 600mg #90", Decision::Overturned),
            ]
        );
    }

    #[test]
    fn numbered_rows_of_a_table_with_dot_leaders_decide_their_items() {
        let t = "INDEPENDENT MEDICAL REVIEW\nEXPERT REVIEWER'S REPORT\nISSUES AT DISPUTE:\n\
            1.  Is the request for a lumbar support brace medically necessary and appropriate?\n\
            2.  Is the request for naproxen sodium 550mg #60 medically necessary and appropriate?\n\
            3.  Is the request for a TENS unit, 30 day rental, medically necessary and appropriate?\n\
            CASE SUMMARY:\nHe drives a truck.\nCLINICAL RATIONALE:\n\
            ISSUE 1:  Is the request for a lumbar support brace medically necessary and appropriate?\n\
            Braces are not recommended.\n\
            ISSUE 2:  Is the request for naproxen sodium 550mg #60 medically necessary and appropriate?\n\
            It helps him work.\n\
            ISSUE 3:  Is the request for a TENS unit, 30 day rental, medically necessary and appropriate?\n\
            No plan was submitted.\n\
            SUMMARY OF DETERMINATIONS:\n\
            1.  Lumbar support brace ........................................ UPHELD \r\n\
            2.  Naproxen sodium 550mg #60 ...................................... OVERTURNED \r\n\
            3.  TENS unit, 30 day rental ....................................... UPHELD \r\n\
            \r\n[redacted], MD\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Upheld, Decision::Overturned, Decision::Upheld]);
    }

    #[test]
    fn roman_numerals_and_headings_no_table_lists() {
        let t = "MEDICAL PROFESSIONAL REVIEW\nDISPUTED ITEMS:\nI.   Functional restoration program, 160 hours\n\
            II.  Psychological evaluation\nIII. Ibuprofen 800 mg #90\nCLINICAL HISTORY:\nHe fell.\n\
            STANDARDS APPLIED:\nI.   MTUS, Chronic pain programs.\nII.  MTUS, Psychological evaluations.\n\
            III. MTUS, NSAIDs.\nANALYSIS AND DETERMINATION:\n\nI. Functional restoration program, 160 hours\n\
            He is a surgical candidate.\nRecommendation: non-certify.\n\nII. Psychological evaluation\n\
            It would guide care. The psychological evaluation is certified.\n\nIII. Ibuprofen 800 mg #90\n\
            It helps him work. Certification is not recommended.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Upheld, Decision::Overturned, Decision::Upheld]);
        assert_eq!(roman("IV"), Some(4));
        assert_eq!(roman("xii"), Some(12));
        assert_eq!(heading_kind("ANALYSIS AND DETERMINATION:"), Some(SectionKind::Rationale));
        assert_eq!(heading_kind("STANDARDS APPLIED:"), Some(SectionKind::Guidelines));
        assert_eq!(heading_kind("Summary of case: The patient is a 36-year-old loader."), Some(SectionKind::Summary));
        assert_eq!(heading_kind("CASE SUMMARY: She fell at work."), Some(SectionKind::Summary));
        assert_eq!(heading_kind("The case summary shows no fall."), None);
        // A sentence in capitals is not a heading.
        assert_eq!(heading_kind("THE PATIENT HAS A LONG HISTORY OF LOW BACK PAIN WITH RADICULAR SYMPTOMS."), None);
    }

    #[test]
    fn titles_that_end_in_a_full_stop_and_open_a_paragraph() {
        let t = "MEDICAL PROFESSIONAL REVIEW\nISSUE AT DISPUTE:\nThree requests are at dispute:\n\
            - work hardening program, 10 visits, lumbar spine\n- Lidoderm 5% patch #30\n- hospital bed\n\
            CASE SUMMARY:\nHe was jolted.\nRATIONALE:\n\nWork hardening program, 10 visits, lumbar spine.\n\
            There is no return to work plan. Medical necessity has not been established.\n\n\
            Lidoderm 5% patch #30.\nThe pain is not neuropathic. Not medically necessary.\n\n\
            Hospital bed.\nHe cannot change position in an ordinary bed. It is medically necessary.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Upheld, Decision::Upheld, Decision::Overturned]);
    }

    #[test]
    fn titles_over_a_claims_administrator_guideline_label_and_items_named_in_a_sentence() {
        let titled = "Notice of Independent Medical Review Determination\nHOW THE IMR FINAL DETERMINATION WAS MADE\n\
            The disputed treatment and/or services were: aquatic therapy 2x6 for the left knee; standing x-rays\n\
            of both knees; and a front-wheeled walker.\nExpert Reviewer Case Summary:\nShe fell twice.\n\
            IMR DECISION(S) AND RATIONALE(S)\n\n1) Aquatic therapy 2x6 for the left knee\n\n\
            Claims Administrator guideline: MTUS, Aquatic therapy.\nExpert Reviewer guideline: same.\n\n\
            Rationale: She has had 8 visits without benefit. The denial is upheld.\n\n\
            2) Standing x-rays of both knees\n\nClaims Administrator guideline: ACOEM.\n\n\
            Rationale: Grading decides the injection. The x-rays are medically necessary.\n\n\
            3) Front-wheeled walker\n\nClaims Administrator guideline: ODG.\n\n\
            Rationale: She fell with a cane. The walker is medically necessary and appropriate.\n";
        let l = Letter::from_text("t", titled).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Upheld, Decision::Overturned, Decision::Overturned]);
        // With no titles at all, the sentence names the items.
        let untitled = "Notice of Independent Medical Review Determination\nHOW THE IMR FINAL DETERMINATION WAS MADE\n\
            The disputed treatment and/or services were: aquatic therapy 2x6 for the left knee; standing x-rays\n\
            of both knees; and a front-wheeled walker.\nExpert Reviewer Case Summary:\nShe fell twice.\n\
            IMR DECISION(S) AND RATIONALE(S)\n\
            Aquatic therapy 2x6 for the left knee is not medically necessary. Standing x-rays of both knees are\n\
            medically necessary. The front-wheeled walker is medically necessary.\n";
        let l = Letter::from_text("t", untitled).expect("parses");
        let got = decided(&l);
        assert_eq!(
            got,
            [
                ("aquatic therapy 2x6 for the left knee", Decision::Upheld),
                ("standing x-rays of both knees", Decision::Overturned),
                ("a front-wheeled walker", Decision::Overturned),
            ]
        );
    }

    #[test]
    fn reasons_under_repeated_titles_without_a_rationale_heading() {
        let t = "MEDICAL PROFESSIONAL REVIEW\nDISPUTED ITEMS\n  (a) Physical therapy, 12 additional visits, left knee\n\
            (b) Hinged knee brace, left\n  (c) Naproxen sodium 550mg #100\nSUMMARY OF RECORDS\nHe twisted his knee.\n\n\
            (a) Physical therapy, 12 additional visits, left knee\nGuideline basis: MTUS, Physical Medicine.\n\
            Reviewer's analysis: He has had 24 visits. The request is not certified.\n\n\
            (b) Hinged knee brace, left\nGuideline basis: ACOEM.\nReviewer's analysis: There is no instability. Not medically\n\
            necessary.\n\n(c) Naproxen sodium 550mg #100\nGuideline basis: MTUS, NSAIDs.\n\
            Reviewer's analysis: It helps him work, and the UR decision is reversed.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, [Decision::Upheld, Decision::Upheld, Decision::Overturned]);
    }

    #[test]
    fn issues_asked_as_questions_in_one_paragraph() {
        let t = "MEDICAL PROFESSIONAL REVIEW\nISSUE(S) PRESENTED FOR REVIEW:\n\
            Is the request for occupational therapy twice weekly for 4 weeks for the right elbow medically\n\
            necessary? Are trigger point injections x4, right upper trapezius medically necessary? Is a\n\
            counterforce strap for the right elbow medically necessary and appropriate?\n\
            CLINICAL SUMMARY:\nShe cuts meat.\nRATIONALE FOR THE DECISION:\n\
            Occupational therapy twice weekly for 4 weeks, right elbow -- Eight visits are within the guideline.\n\
            I am reversing the utilization review decision.\n\n\
            Trigger point injections x4, right upper trapezius -- There is no referred pain. They are not medically necessary.\n\n\
            Counterforce strap for the right elbow -- It is inexpensive and helps. The strap is medically necessary.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got = decided(&l);
        assert_eq!(
            got,
            [
                ("occupational therapy twice weekly for 4 weeks for the right elbow", Decision::Overturned),
                ("trigger point injections x4, right upper trapezius", Decision::Upheld),
                ("counterforce strap for the right elbow", Decision::Overturned),
            ]
        );
    }

    #[test]
    fn a_2014_item_line_with_a_status_is_an_item_with_no_decision() {
        let t = "HOW THE IMR FINAL DETERMINATION WAS MADE\nIMR ISSUES, DECISIONS AND RATIONALES\n\
            MRI of the right shoulder: Upheld\nDecision rationale: Not needed.\n\
            Orthopedic surgery consultation for the right shoulder: Withdrawn\n\
            Decision rationale: It was authorized after the review and was not reviewed.\n";
        let l = Letter::from_text("t", t).expect("parses");
        assert_eq!(
            decided(&l),
            [
                ("MRI of the right shoulder", Decision::Upheld),
                ("Orthopedic surgery consultation for the right shoulder", Decision::Unknown),
            ]
        );
    }

    /// The application's list names every item in dispute: an entry no decision names is an
    /// item with no decision, put where the list puts it; an abbreviated list adds nothing.
    #[test]
    fn an_application_entry_no_decision_names_is_an_item() {
        let notice = |list: &str| {
            format!(
                "Notice of Independent Medical Review Determination\n\
                 Treatment(s) in Dispute Listed on IMR Application:\n{list}\n\n\
                 1) MAXIMUS Federal Services, Inc. has determined the request for physical therapy 3x4 for the right wrist is not medically necessary and appropriate.\n\
                 2) MAXIMUS Federal Services, Inc. has determined the request for Tramadol ER 150mg #30 is medically necessary and appropriate.\n"
            )
        };
        let t = notice("physical therapy 3x4 right wrist; urine toxicology screen; Tramadol ER\n150mg #30");
        let l = Letter::from_text("t", t).expect("parses");
        assert_eq!(
            decided(&l),
            [
                ("physical therapy 3x4 for the right wrist", Decision::Upheld),
                ("urine toxicology screen", Decision::Unknown),
                ("Tramadol ER 150mg #30", Decision::Overturned),
            ]
        );
        assert_eq!(l.listed().iter().filter(|s| s.is_some()).count(), 3);
        // Entries that do not name the items read, one for one: nothing is added.
        let t = notice("PT 3X4 RW; UDS; TRAM ER");
        let l = Letter::from_text("t", t).expect("parses");
        assert_eq!(l.items.len(), 2);
    }

    #[test]
    fn questions_numbered_q1_q2_are_the_items() {
        // "Q1. Is ... medically necessary?" in the list, "Q1. <item>" heading its discussion.
        let t = "INDEPENDENT MEDICAL REVIEW - EXPERT REVIEWER REPORT\nCase Number: CM13-0058214\nUtilization Review Determination Date: 11/19/2013\n\nQUESTIONS PRESENTED\nQ1. Is a functional restoration program x 160 hours medically necessary?\nQ2. Is physical therapy 1-2 times a week for 6 weeks for the lumbar spine medically necessary?\nQ3. Is Lidoderm 5% patch #30 medically necessary?\n\nSUMMARY OF RECORDS\nThe claimant injured her low back on 06/03/2011.\n\nDISCUSSION\nQ1. Functional restoration program x 160 hours\nThe criteria are documented. The request for a functional restoration program x 160 hours is not medically necessary as submitted.\n\nQ2. Physical therapy 1-2 times a week for 6 weeks for the lumbar spine\nShe has had 16 visits. The request is not medically necessary.\n\nQ3. Lidoderm 5% patch #30\nIt helps. Lidoderm 5% patch #30 is medically necessary.\n";
        let l = Letter::from_text("q", t).expect("parses");
        assert_eq!(l.format, Format::Review2013);
        assert_eq!(
            decided(&l),
            vec![
                ("functional restoration program x 160 hours", Decision::Upheld),
                ("physical therapy 1-2 times a week for 6 weeks for the lumbar spine", Decision::Upheld),
                ("Lidoderm 5% patch #30", Decision::Overturned),
            ]
        );
    }

    #[test]
    fn an_unnumbered_entry_wrapped_mid_phrase_is_one_item() {
        let t = "MEDICAL PROFESSIONAL REVIEW\nISSUES AT DISPUTE\nFunctional capacity evaluation\n\
            Home health aide 4 hours a day, for assistance with housekeeping\nand shopping\n\
            Lumbar brace, LSO,\nfitted\nCASE SUMMARY:\nHe lives alone.\nRATIONALE:\n\
            Functional capacity evaluation: It is not needed. The request is not medically necessary.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let items: Vec<&str> = l.items.iter().map(|i| i.text.value.as_str()).collect();
        assert_eq!(
            items,
            [
                "Functional capacity evaluation",
                "Home health aide 4 hours a day, for assistance with housekeeping and shopping",
                "Lumbar brace, LSO, fitted"
            ]
        );
    }

    /// A stretch whose line breaks a PDF producer lost, in a review's layout: its capital
    /// headings and "Issue N:" and "Guideline relied upon:" labels open lines again.
    #[test]
    fn a_run_on_review_is_cut_at_its_headings_and_issue_labels() {
        let filler = "He stocks shelves and has low back pain that is worse with lifting. ".repeat(8);
        let t = format!(
            "INDEPENDENT MEDICAL REVIEW REPORT\nISSUES AT DISPUTE\n\
             Chiropractic manipulation 2 times a week for 3 weeks\nMassage therapy 1 time a week for 6 weeks\n\n\
             CASE SUMMARY  {filler}The utilization review non-certified both.  RATIONALE  Issue 1: Chiropractic \
             manipulation 2 times a week for 3 weeks  Guideline relied upon: MTUS, pages 58-60.  {filler}The \
             utilization review non-certification is reversed.  Issue 2: Massage therapy 1 time a week for 6 weeks  \
             Guideline relied upon: MTUS, page 60.  {filler}The prior denial stands.\n"
        );
        let l = Letter::from_text("t", t).expect("parses");
        assert_eq!(
            decided(&l),
            [
                ("Chiropractic manipulation 2 times a week for 3 weeks", Decision::Overturned),
                ("Massage therapy 1 time a week for 6 weeks", Decision::Upheld),
            ]
        );
    }

    #[test]
    fn an_unnumbered_issue_list_with_paragraphs_that_name_their_item() {
        let t = "MEDICAL PROFESSIONAL REVIEW\nISSUES AT DISPUTE:\nChiropractic treatment 2x3 for the right knee\n\
            X-rays of the right knee, 3 views\nGabapentin 600mg #90\nCASE SUMMARY:\nHe twisted his knee.\n\
            RATIONALE FOR WHY THE REQUESTED TREATMENT/SERVICE IS OR IS NOT MEDICALLY NECESSARY:\n\
            Chiropractic treatment 2x3 for the right knee: Manipulation is not recommended for the knee.\n\
            Non-certification is upheld.\nX-rays of the right knee, 3 views: There is an effusion and no films.\n\
            This request is certified.\nGabapentin 600mg #90: It eases his neuropathic pain.\nMedically necessary.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got = decided(&l);
        assert_eq!(
            got,
            [
                ("Chiropractic treatment 2x3 for the right knee", Decision::Upheld),
                ("X-rays of the right knee, 3 views", Decision::Overturned),
                ("Gabapentin 600mg #90", Decision::Overturned),
            ]
        );
    }

    #[test]
    fn a_2014_item_line_without_a_colon_over_its_decision() {
        let t = "HOW THE IMR FINAL DETERMINATION WAS MADE\nCLINICAL CASE SUMMARY\nShe has hip pain.\n\
            IMR ISSUES, DECISIONS AND RATIONALES\nFront-wheeled walker: Overturned\nDecision rationale: She falls.\n\
            Aquatic therapy 2x6 for the right hip\nOverturned\nDecision rationale: She cannot bear weight. It is medically necessary.\n";
        let l = Letter::from_text("t", t).expect("parses");
        let got = decided(&l);
        assert_eq!(
            got,
            [
                ("Front-wheeled walker", Decision::Overturned),
                ("Aquatic therapy 2x6 for the right hip", Decision::Overturned)
            ]
        );
    }

    #[test]
    fn undecided_list_with_titled_rationales() {
        let t = "Notice of Independent Medical Review Determination\nFinal Determination: OVERTURN IN PART.\n1) MRI of the left knee\n2) Norco 10/325 mg #90\n3) Counterforce strap\nThis determination is final.\nCLINICAL CASE SUMMARY\nThe employee hurt a knee.\nMRI of the left knee\nACOEM supports imaging here. The UR decision is reversed.\nNorco 10/325 mg #90\nNo functional gain on opioids. The request is not certified.\nRecords reviewed:\n1) Progress notes\n";
        // The strap has no title of its own, so the list is not taken for one with titled
        // rationales, and no block is guessed for it.
        assert!(matches!(Letter::from_text("t", t), Err(LetterError::NoItems(..))));
        let t2 = t.replace(
            "Records reviewed:",
            "Counterforce strap\nThe strap is medically necessary and appropriate.\nRecords reviewed:",
        );
        let l = Letter::from_text("t", &t2).expect("parses");
        let got = decided(&l);
        assert_eq!(
            got,
            vec![
                ("MRI of the left knee", Decision::Overturned),
                ("Norco 10/325 mg #90", Decision::Upheld),
                ("Counterforce strap", Decision::Overturned),
            ]
        );
    }

    #[test]
    fn wrapped_2014_item() {
        let t = "IMR ISSUES, DECISIONS AND RATIONALES\nset forth below:\nPhysical therapy twice a week for six weeks for the\nlumbar spine: Overturned\nDecision rationale: fine.\n";
        let l = Letter::from_text("w", t).expect("parses");
        assert_eq!(l.items.len(), 1);
        assert_eq!(l.items[0].text.value, "Physical therapy twice a week for six weeks for the lumbar spine");
        assert_eq!(l.items[0].decision.value, Decision::Overturned);
    }

    #[test]
    fn a_2014_item_wrapped_inside_a_parenthesis_or_below_a_gap_row_is_one_item() {
        // "(DOS:" ends its line with a colon that labels nothing: the date below is the name's.
        // A row whose decision stands after a gap, among "item: Upheld" lines, may wrap its name
        // below the decision ("... for the lumbar      Upheld" / "spine").
        let t = "IMR ISSUES, DECISIONS AND RATIONALES\nset forth below:\nRetrospective cold therapy unit purchase for the right shoulder (DOS:\n04/19/2016): Upheld\nDecision rationale: Not supported.\n\nChiropractic treatment 2 times a week for 4 weeks for the lumbar          Upheld\nspine\nDecision rationale: No gains.\n\nNorco 10/325mg #90: Overturned\nDecision rationale: Helps.\n";
        let l = Letter::from_text("w", t).expect("parses");
        assert_eq!(
            decided(&l),
            vec![
                ("Retrospective cold therapy unit purchase for the right shoulder (DOS: 04/19/2016)", Decision::Upheld),
                ("Chiropractic treatment 2 times a week for 4 weeks for the lumbar spine", Decision::Upheld),
                ("Norco 10/325mg #90", Decision::Overturned),
            ]
        );
        let chiro: String = l.items[1].block.iter().map(|b| &l.text[b.start..b.end]).collect();
        assert!(chiro.contains("No gains") && !chiro.contains("spine"), "{chiro}");
    }

    #[test]
    fn a_run_on_line_is_cut_where_the_layouts_lines_begin() {
        // A PDF producer lost the line breaks from the summary to the second item's title.
        let summary = "The injured worker is a 58-year-old male who hurt his back on 11/14/2012. ".repeat(8);
        let t = format!(
            "HOW THE IMR FINAL DETERMINATION WAS MADE\nMAXIMUS sent the file.\nCLINICAL CASE SUMMARY\n{summary}IMR ISSUES, DECISIONS AND RATIONALES The Final Determination was based on decisions for the disputed items/services set forth below: Norco 10/325 mg #120: Upheld Claims Administrator guideline: Decision based on MTUS. MAXIMUS guideline: Decision based on MTUS, Opioids. Decision rationale: No gains are documented. Cyclobenzaprine 7.5 mg #60: Overturned Claims Administrator guideline: Decision based on MTUS.\nDecision rationale: A short course is reasonable.\n"
        );
        let l = Letter::from_text("t", t).expect("parses");
        assert_eq!(l.format, Format::Y2014);
        assert_eq!(
            decided(&l),
            vec![("Norco 10/325 mg #120", Decision::Upheld), ("Cyclobenzaprine 7.5 mg #60", Decision::Overturned)]
        );
        // Both items' lines are on the letter's fourth line, where the run-on line stands.
        assert!(l.items.iter().all(|i| l.line_of(i.decision.span.start) == 4), "{:?}", l.items);
    }

    #[test]
    fn decision_table_2014() {
        // The decisions in a "Treatment | Decision" table, a row's name cell wrapped onto the
        // next line; each rationale below is headed by its item. The layout is the 2014 one, the
        // items and their blocks are the rationales'.
        let t = "HOW THE IMR FINAL DETERMINATION WAS MADE\nMAXIMUS sent the file.\nIMR ISSUES, DECISIONS AND RATIONALES\nset forth below:\nTreatment | Decision\nCyclobenzaprine 7.5mg #60 | Upheld\nAquatic therapy, 2 times a week for 4 weeks (8 sessions), | Overturned\nlumbar spine |\n\nCyclobenzaprine 7.5mg #60\nDecision rationale: No benefit. Therefore, the request for cyclobenzaprine 7.5mg #60 is not medically necessary.\n\nAquatic therapy, 2 times a week for 4 weeks (8 sessions), lumbar spine\nDecision rationale: Obese. Therefore, the request for aquatic therapy, 2 times a week for 4 weeks (8 sessions), lumbar spine is medically necessary.\n";
        let l = Letter::from_text("t", t).expect("parses");
        assert_eq!(l.format, Format::Y2014);
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, vec![Decision::Upheld, Decision::Overturned]);
        let aquatic: String = l.items[1].block.iter().map(|b| &l.text[b.start..b.end]).collect();
        assert!(aquatic.contains("Obese") && !aquatic.contains("No benefit"), "{aquatic}");
        // The cells set apart by a gap, not ruled: the same.
        let gap = t.replace(" | ", "          ").replace(" |\n", "\n");
        let l = Letter::from_text("t", gap).expect("parses");
        assert_eq!(l.format, Format::Y2014);
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, vec![Decision::Upheld, Decision::Overturned]);
        // The table states the decision where a rationale's last sentence reads otherwise.
        let stated = t.replace("is medically necessary.\n", "is not medically necessary.\n");
        let l = Letter::from_text("t", stated).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, vec![Decision::Upheld, Decision::Overturned]);
    }

    #[test]
    fn notice_layout_decisions() {
        let t = "MAXIMUS FEDERAL SERVICES, INC.\nNotice of Independent Medical Review Determination\nIMR DECISION(S) AND RATIONALE(S)\n1. Acupuncture x 6 for the low back is not medically necessary and appropriate.\nRationale Used by the Expert Reviewer: no improvement.\n2. Physical therapy 2x4 is medically necessary and appropriate.\nRationale Used by the Expert Reviewer: fine.\n";
        let l = Letter::from_text("n", t).expect("parses");
        assert_eq!(l.format, Format::Notice2013);
        let got = decided(&l);
        assert_eq!(
            got,
            vec![
                ("Acupuncture x 6 for the low back", Decision::Upheld),
                ("Physical therapy 2x4", Decision::Overturned)
            ]
        );
    }

    #[test]
    fn review_under_the_2014_method_heading() {
        // The 2014 layout's heading comes first, but the items are a 2013 review's questions,
        // decided in the rationales: the letter is read as the review it is.
        let t = "Independent Medical Review Final Report\nHOW THE IMR FINAL DETERMINATION WAS MADE\nMAXIMUS sent the file to a reviewer.\nISSUES AT DISPUTE:\n1. Is chiropractic treatment 3x4 for the neck medically necessary and appropriate?\n2. Is a cervical pillow medically necessary and appropriate?\nCASE SUMMARY:\nThe patient hurt her neck.\nRATIONALE:\n1. No improvement is documented. The request for chiropractic treatment 3x4 is not medically necessary and appropriate.\n2. The request for a cervical pillow is medically necessary and appropriate.\n";
        let l = Letter::from_text("r", t).expect("parses");
        assert_eq!(l.format, Format::Review2013);
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, vec![Decision::Upheld, Decision::Overturned]);
        // With a closing summary of "item: Upheld" lines, which fit the 2014 decision line: still
        // the review, whose rationales are its items' (the 2014 decision section is absent).
        let summed = format!(
            "{t}SUMMARY OF DETERMINATIONS\n1. Chiropractic treatment 3x4 for the neck: Upheld\n2. Cervical pillow: Overturned\n"
        );
        let l = Letter::from_text("r", summed).expect("parses");
        assert_eq!(l.format, Format::Review2013);
        let got = decided(&l);
        assert_eq!(
            got,
            vec![
                ("chiropractic treatment 3x4 for the neck", Decision::Upheld),
                ("cervical pillow", Decision::Overturned)
            ]
        );
        // Only the 2014 method heading, and no "item: Upheld" line: read by its sentences, as a
        // 2013 notice is.
        let only = t.replace("ISSUES AT DISPUTE:", "IMR ISSUES:");
        let l = Letter::from_text("r", only).expect("parses");
        assert_eq!(l.format, Format::Notice2013);
        assert_eq!(l.items.len(), 2);
        assert_eq!(l.items[1].decision.value, Decision::Overturned);
    }

    #[test]
    fn notice_list_under_the_2014_method_heading() {
        // One entry fits the 2014 item line; the list is a notice's, read by its sentences.
        let t = "INDEPENDENT MEDICAL REVIEW FINAL DETERMINATION\nDISPUTED ITEMS/SERVICES AND DETERMINATIONS\nA. Massage therapy x 8 sessions for the lumbar spine: The non-certification is upheld.\nB. Aquatic therapy 3x4 for the lumbar spine: The non-certification is reversed.\nC. Medrox patches, 2 boxes: Upheld.\nHOW THE IMR FINAL DETERMINATION WAS MADE\nMAXIMUS sent the file to a reviewer.\nCLINICAL CASE SUMMARY\nShe hurt her back.\n";
        let l = Letter::from_text("n", t).expect("parses");
        assert_eq!(l.format, Format::Notice2013);
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, vec![Decision::Upheld, Decision::Overturned, Decision::Upheld]);
    }

    /// "Partially Overturned" (or "Upheld in part") ends a 2014 item line as a part allowed and
    /// the rest denied: the request as made is upheld (docs/verdicts.md).
    #[test]
    fn a_2014_item_partially_overturned_is_an_item_upheld() {
        for word in ["Partially Overturned", "Overturned in part", "Partly upheld"] {
            let t = format!(
                "HOW THE IMR FINAL DETERMINATION WAS MADE\nMAXIMUS sent the file.\nIMR ISSUES, DECISIONS AND RATIONALES\nAcupuncture x6 for the neck: Overturned\nTramadol ER 150 mg #30 and omeprazole 20 mg #60: {word}\nUrine drug screen: Upheld\nCASE SUMMARY\nShe hurt her neck.\n"
            );
            let l = Letter::from_text("n", t).expect("parses");
            let got: Vec<(&str, Decision)> =
                l.items.iter().map(|i| (i.text.value.as_str(), i.decision.value)).collect();
            assert_eq!(
                got,
                [
                    ("Acupuncture x6 for the neck", Decision::Overturned),
                    ("Tramadol ER 150 mg #30 and omeprazole 20 mg #60", Decision::Upheld),
                    ("Urine drug screen", Decision::Upheld)
                ],
                "{word}"
            );
        }
    }

    /// A 2014 letter whose item lines are numbered: the number is the list's, not the item's.
    #[test]
    fn numbered_2014_item_lines_lose_their_numbers() {
        let t = "HOW THE IMR FINAL DETERMINATION WAS MADE\nMAXIMUS sent the file.\nIMR ISSUES, DECISIONS AND RATIONALES\n1. Physical therapy 2x6 for the lumbar spine: Upheld\n2. Norco 10/325mg #60: Overturned\nCASE SUMMARY\nShe hurt her back.\n";
        let l = Letter::from_text("n", t).expect("parses");
        assert_eq!(l.format, Format::Y2014);
        let got: Vec<(&str, &str)> = l.items.iter().map(|i| (i.text.value.as_str(), l.slice(i.text.span))).collect();
        assert_eq!(
            got,
            [
                ("Physical therapy 2x6 for the lumbar spine", "Physical therapy 2x6 for the lumbar spine"),
                ("Norco 10/325mg #60", "Norco 10/325mg #60")
            ]
        );
    }

    #[test]
    fn list_of_decisions_on_items() {
        let t = "Notice of Independent Medical Review Determination\nIMR Issue(s) and Determination(s):\n1. The Claims Administrator\u{2019}s decision on post-operative occupational therapy 2 x 4 for the right wrist is upheld. The requested therapy is not medically necessary and appropriate.\n2. The Claims Administrator's decision on the EMG/NCV of the left upper extremity is overturned.\n3. The utilization review denial of ketoprofen 20% cream 120gm is upheld.\n";
        let l = Letter::from_text("d", t).expect("parses");
        let got = decided(&l);
        assert_eq!(
            got,
            vec![
                ("post-operative occupational therapy 2 x 4 for the right wrist", Decision::Upheld),
                ("EMG/NCV of the left upper extremity", Decision::Overturned),
                ("ketoprofen 20% cream 120gm", Decision::Upheld),
            ]
        );
    }

    #[test]
    fn the_last_entry_of_a_dispute_list_is_listed() {
        // Above a section heading, the list's last entry is still one of its items.
        let t = "MEDICAL PROFESSIONAL REVIEW\nCASE SUMMARY:\nHe hurt his neck.\nISSUES AT DISPUTE:\n1. Cervical pillow\n2. Follow-up visit with orthopedic surgeon\nDETERMINATIONS AND RATIONALES:\nIssue 1: Cervical pillow\nRationale: No program. The cervical pillow is not medically necessary.\nIssue 2: Follow-up visit with orthopedic surgeon\nRationale: Reasonable. The follow-up visit is medically necessary and appropriate.\n";
        let l = Letter::from_text("d", t).expect("parses");
        let got = decided(&l);
        assert_eq!(
            got,
            vec![
                ("Cervical pillow", Decision::Upheld),
                ("Follow-up visit with orthopedic surgeon", Decision::Overturned)
            ]
        );
    }

    #[test]
    fn the_last_entry_of_a_list_under_any_issues_heading_is_listed() {
        // "IMR ISSUE(S)" names no dispute; its list is a list all the same, and its last entry
        // (above the rationale heading) is the item its numbered title decides, not a second one.
        let t = "Notice of Independent Medical Review Determination\nMAXIMUS Case Number: CM13-0000001\nHOW THE IMR FINAL DETERMINATION WAS MADE\nIMR ISSUE(S)\n1. Tramadol ER 150mg #30\n2. Pain management consultation\n\nMEDICAL NECESSITY DETERMINATION RATIONALE\n1) Regarding the request for Tramadol ER 150mg #30:\nMedical Treatment Guideline(s) Used by the Expert Reviewer: MTUS.\nRationale for the Decision: No benefit. The utilization review decision is upheld.\n2) Regarding the request for a pain management consultation:\nMedical Treatment Guideline(s) Used by the Expert Reviewer: ACOEM.\nRationale for the Decision: Complex case. The consultation is medically necessary and appropriate.\n";
        let l = Letter::from_text("n", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, vec![Decision::Upheld, Decision::Overturned], "{:?}", decided(&l));
    }

    #[test]
    fn an_issue_heading_put_as_a_question_decides_nothing() {
        let t = "MEDICAL PROFESSIONAL REVIEW\nISSUES AT DISPUTE\n1. Occupational therapy for the right wrist x12\n2. Keflex 500mg #20\nCASE SUMMARY\nShe had a carpal tunnel release.\nRATIONALE\nIssue 1. Is occupational therapy for the right wrist x12 medically necessary?\nTwelve visits exceed the course. The request for occupational therapy for the right wrist x12 is not medically necessary.\nIssue 2. Is Keflex 500mg #20 medically necessary?\nThe wound healed. Keflex 500mg #20 is not medically necessary.\n";
        let l = Letter::from_text("q", t).expect("parses");
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, vec![Decision::Upheld, Decision::Upheld]);
    }

    /// Rationales headed by number alone, two of them under one heading ("Issues 3 and 4"), and a
    /// closing summary that decides some issues by number and "the others" by the rest.
    #[test]
    fn issues_headed_by_number_and_the_rest_decided_together() {
        let t = "MEDICAL PROFESSIONAL REVIEW\nISSUES AT DISPUTE\n1. Physical therapy for the neck x12\n2. Acupuncture x6 for the neck\n3. Cervical epidural steroid injection\n4. Functional capacity evaluation\n5. Omeprazole 20mg #60\nCASE SUMMARY\nShe hurt her neck.\nRATIONALE\nIssue 1\nThe course is past the guideline. This request is not medically necessary.\nIssue 2\nThe acupuncture lowered her opioid use. The additional sessions are supported.\nIssues 3 and 4\nThe examination is normal; the former request is not medically necessary. The latter is not needed either.\nIssue 5\nShe had a bleed on ibuprofen. The remaining request is medically necessary.\nSUMMARY\nIssues 2 and 5 are overturned. The determinations on the remaining issues are upheld.\n";
        let l = Letter::from_text("r", t).expect("parses");
        use Decision::{Overturned as O, Upheld as U};
        assert_eq!(decided(&l).into_iter().map(|(_, d)| d).collect::<Vec<_>>(), vec![U, O, U, U, O]);
        // Issue 2's own block is its own, not issue 1's.
        let block: Vec<&str> = l.items[1].block.iter().map(|b| &l.text[b.start..b.end]).collect();
        assert!(
            block.iter().any(|b| b.contains("opioid")) && !block.iter().any(|b| b.contains("past the guideline")),
            "{block:?}"
        );
        // The rest in the same sentence, and a range.
        let t = "MEDICAL PROFESSIONAL REVIEW\nISSUES AT DISPUTE\n1. Chiropractic x6\n2. TENS unit rental\n3. Lumbar brace\n4. Gym membership\nCASE SUMMARY\nHe hurt his back.\nDETERMINATION\nIssue 1 is overturned; the others are upheld.\n";
        let l = Letter::from_text("s", t).expect("parses");
        assert_eq!(decided(&l).into_iter().map(|(_, d)| d).collect::<Vec<_>>(), vec![O, U, U, U]);
        let t = "MEDICAL PROFESSIONAL REVIEW\nISSUES AT DISPUTE\n1. Chiropractic x6\n2. TENS unit rental\n3. Lumbar brace\n4. Gym membership\nCASE SUMMARY\nHe hurt his back.\nDETERMINATION\nItems 2 through 4 are not medically necessary. Item 1 is medically necessary.\n";
        let l = Letter::from_text("t", t).expect("parses");
        assert_eq!(decided(&l).into_iter().map(|(_, d)| d).collect::<Vec<_>>(), vec![O, U, U, U]);
        assert_eq!(label_numbers("2 through 5"), vec![2, 3, 4, 5]);
        assert_eq!(label_numbers("1, 3 and 4"), vec![1, 3, 4]);
        assert_eq!(label_numbers("2-4 and 6"), vec![2, 3, 4, 6]);
        assert_eq!(joint_numbers("Issues 3 and 4"), vec![3, 4]);
        assert_eq!(joint_numbers("Items 2-4:"), vec![2, 3, 4]);
        assert!(joint_numbers("Issues 3").is_empty());
        // A dash with space about it heads an issue's words, not a range: "Issue 2 - 12 sessions".
        let c = NUMBER_LIST_DECISION.captures("Issue 2 - 12 sessions of acupuncture are not medically necessary.");
        assert_eq!(c.and_then(|c| c.name("list")).map(|m| m.as_str()), Some("2"));
    }

    #[test]
    fn an_imr_determination_under_another_title() {
        let t = "Independent Medical Review Final Determination Letter\nIMR Case Number: CM14-0004419\nWe have determined:\n1. Aquatic therapy 2x6 for the low back is medically necessary and appropriate.\n2. Omeprazole 20mg #60 is not medically necessary and appropriate.\nExpert Reviewer Case Summary:\nHe hurt his back.\n";
        let l = Letter::from_text("t", t).expect("parses");
        assert_eq!(l.format, Format::Notice2013);
        let got: Vec<Decision> = l.items.iter().map(|i| i.decision.value).collect();
        assert_eq!(got, vec![Decision::Overturned, Decision::Upheld]);
        // A text that is no IMR letter is still refused.
        assert!(matches!(
            Letter::from_text("g", "Grocery list: 6 sessions of yoga."),
            Err(LetterError::UnknownLayout(_))
        ));
    }

    /// A numbered 2014 list that sets some decisions apart by a gap ("1. Tramadol ER 150mg #30
    /// <spaces> Upheld") and others by a colon is read whole.
    #[test]
    fn a_numbered_list_may_set_its_decisions_apart_by_a_gap() {
        let t = "HOW THE IMR FINAL DETERMINATION WAS MADE\nCLINICAL CASE SUMMARY\nShe has low back pain.\nIMR ISSUES, DECISIONS AND RATIONALES\n1. Tramadol ER 150mg #30                                   Upheld\nDecision rationale: No pain scores. The request is not medically necessary.\n2. MRI of the lumbar spine without contrast               Overturned\nDecision rationale: Nerve compromise. The MRI is medically necessary.\n3. Physical therapy for the lumbar spine, 2 times per week for 3 weeks: Upheld\nDecision rationale: She completed 24 sessions. The request is not medically necessary.\n";
        let l = Letter::from_text("g", t).expect("parses");
        assert_eq!(
            decided(&l),
            vec![
                ("Tramadol ER 150mg #30", Decision::Upheld),
                ("MRI of the lumbar spine without contrast", Decision::Overturned),
                ("Physical therapy for the lumbar spine, 2 times per week for 3 weeks", Decision::Upheld),
            ]
        );
    }

    /// "5) and 6) ... has determined the requested X and Y are not medically necessary": one
    /// entry of the decisions decides both items it names.
    #[test]
    fn an_entry_deciding_two_items_decides_each() {
        let t = "MEDICAL PROFESSIONAL REVIEW\nIssues at Dispute:\n1) Is omeprazole 20mg #60 medically necessary and appropriate?\n2) Is cyclobenzaprine 7.5mg #90 medically necessary and appropriate?\n3) Are Terocin patches #30 medically necessary and appropriate?\nDecision\n1) MAXIMUS Federal Services, Inc. has determined the request for omeprazole 20mg #60 is medically necessary and appropriate.\n2) and 3) MAXIMUS Federal Services, Inc. has determined the requested cyclobenzaprine 7.5mg #90 and Terocin patches #30 are not medically necessary and appropriate.\nCASE SUMMARY\nHe has low back pain.\n";
        let l = Letter::from_text("r", t).expect("parses");
        assert_eq!(
            decided(&l),
            vec![
                ("omeprazole 20mg #60", Decision::Overturned),
                ("cyclobenzaprine 7.5mg #90", Decision::Upheld),
                ("Terocin patches #30", Decision::Upheld),
            ]
        );
        assert!(names_jointly(
            "the requested cyclobenzaprine 7.5mg #90 and Terocin patches #30",
            "Terocin patches #30"
        ));
        assert!(!names_jointly("Terocin patches #30", "Terocin patches #30"));
        assert!(!names_jointly("Physical therapy and acupuncture", "Chiropractic treatment"));
    }

    /// A notice's numbered list with each decision alone on the line after its item, worded
    /// item by item; a status there ("Not reviewed - withdrawn") stays the item's answer, and the
    /// notice's plain-words headings are its summary and reasons.
    #[test]
    fn a_decision_on_the_line_after_a_numbered_entry() {
        let t = "IMR DETERMINATION NOTICE\nNotice of Independent Medical Review Determination\nTREATMENT(S) IN DISPUTE AND DETERMINATION\n1. Aquatic therapy three times a week for four weeks (12sessions) for the lumbar spine\nMedical necessity is established.\n2. Home health aide, 4 hours a day, 5 days a week for 6 weeks\nThe request is not medically necessary.\n3. Gym membership with pool access for 6 months\nDenial upheld.\n4. Cognitive behavioral therapy, 6 sessions\nCertified.\n5. Transportation to and from medical appointments\nNot reviewed \u{2013} withdrawn by the requesting physician (see below).\nWhat this means: the claims administrator must authorize the treatment found medically necessary above.\nWHAT THE RECORDS SHOW\nShe completed 12 sessions of land-based physical therapy in 2012.\nWHY WE MADE THIS DECISION\n1. Aquatic therapy\nReasons: She is obese. Medical necessity is established.\n";
        let l = Letter::from_text("n", t).expect("parses");
        assert_eq!(
            decided(&l),
            vec![
                (
                    "Aquatic therapy three times a week for four weeks (12sessions) for the lumbar spine",
                    Decision::Overturned
                ),
                ("Home health aide, 4 hours a day, 5 days a week for 6 weeks", Decision::Upheld),
                ("Gym membership with pool access for 6 months", Decision::Upheld),
                ("Cognitive behavioral therapy, 6 sessions", Decision::Overturned),
                ("Transportation to and from medical appointments", Decision::Unknown),
            ]
        );
        assert_eq!(heading_kind("WHAT THE RECORDS SHOW"), Some(SectionKind::Summary));
        assert_eq!(heading_kind("WHY WE MADE THIS DECISION"), Some(SectionKind::Rationale));
        assert_eq!(heading_kind("BASIS FOR THE OUTCOME"), Some(SectionKind::Rationale));
        // A summary's label in other words: "Summary of Clinical Information:".
        for label in ["Summary of Clinical Information:", "SUMMARY OF MEDICAL RECORDS", "Clinical Information:"] {
            assert_eq!(heading_kind(label), Some(SectionKind::Summary), "{label}");
        }
        assert_eq!(heading_kind("Clinical information was reviewed in full."), None);
    }

    /// "modification upheld": the utilization review's cut of the request stands, so the request
    /// as made is denied (an item of the list, upheld).
    #[test]
    fn a_modification_upheld_is_an_upheld_item() {
        let t = "Notice of Independent Medical Review Determination\nIMR ISSUES AND DETERMINATIONS (Medical Necessity):\n1. Synvisc-One injection to the left knee: denial upheld\n2. Naproxen sodium 550mg #60 - medically necessary\n3. Orthopedic follow-up visits x 3: modification upheld\nDOCUMENTS REVIEWED: Application for IMR.\n";
        let l = Letter::from_text("m", t).expect("parses");
        assert_eq!(
            decided(&l),
            vec![
                ("Synvisc-One injection to the left knee", Decision::Upheld),
                ("Naproxen sodium 550mg #60", Decision::Overturned),
                ("Orthopedic follow-up visits x 3", Decision::Upheld),
            ]
        );
    }

    /// "1. Cognitive behavioral therapy, 6 sessions: the Claims Administrator's
    /// non-certification is" / "REVERSED.": a decision broken off at its verb goes on below; and
    /// "MTUS Citation Used by the Claims Administrator:" labels an item's guidelines, so the title
    /// above it opens the item's block.
    #[test]
    fn a_decision_broken_off_at_its_verb_and_citation_labels() {
        let t = "Notice of Independent Medical Review Determination\nDecisions on the disputed items/services:\n1. Cognitive behavioral therapy, 6 sessions: the Claims Administrator\u{2019}s non-certification is\n   REVERSED.\n2. Chiropractic treatment 2x3 to the cervical spine: the prior denial stands.\nExpert Reviewer Case Summary:\nHe has attended four sessions of cognitive behavioral therapy.\n1. Cognitive behavioral therapy, 6 sessions\nMTUS Citation Used by the Claims Administrator: MTUS Chronic Pain Medical Treatment Guidelines.\nRationale: The request is medically necessary.\n2. Chiropractic treatment 2x3 to the cervical spine\nMTUS Citation Used by the Claims Administrator: MTUS Chronic Pain Medical Treatment Guidelines.\nRationale: He has had at least 18 visits. The request is not medically necessary.\n";
        let l = Letter::from_text("c", t).expect("parses");
        assert_eq!(
            decided(&l),
            vec![
                ("Cognitive behavioral therapy, 6 sessions", Decision::Overturned),
                ("Chiropractic treatment 2x3 to the cervical spine", Decision::Upheld),
            ]
        );
        assert_eq!(
            heading_kind("MTUS Citation Used by the Expert Reviewer: MTUS Chronic Pain Medical Treatment"),
            Some(SectionKind::Guidelines)
        );
        let first: String = l.items[0].block.iter().map(|b| l.slice(*b)).collect();
        assert!(first.contains("The request is medically necessary."), "{first}");
        assert!(!first.contains("18 visits"), "{first}");
    }
}
