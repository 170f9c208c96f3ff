//! The decision grammar: how IMR reviewers state an outcome in prose.
//!
//! The 2014 layout records each decision as a word at the end of the item line ("...: Upheld").
//! The 2013 layouts write sentences, and reviewers word the same outcome many ways: "the
//! utilization review decision is upheld", "the denial stands", "the request is not certified",
//! "X is not medically necessary", or for the other outcome "the determination is reversed",
//! "the request is certified", "is medically necessary and appropriate". Each way is a row of
//! [`PREDICATES`]: a pattern, the outcome it states, and how firmly. Negation is part of the
//! pattern ("is not medically necessary" is one predicate, "is medically necessary" another), so
//! the leftmost-longest match reads the polarity right.
//!
//! A sentence's outcome is its last predicate ("the non-certification is overturned" states
//! the overturn); a rationale's outcome is its last firm statement, or failing any, its last
//! hedged one outside a guideline quote. The table is data: a new wording is one row.

use crate::domain::Decision;
use crate::pattern::Regex;
use std::sync::LazyLock;

/// How firmly a predicate states an outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// Hedged words that also appear in clinical prose ("is supported", "is warranted",
    /// "is premature"): used only when no firm statement is found, and never in a sentence
    /// that quotes a guideline.
    Hedged,
    /// The words of a decision ("is not medically necessary", "the denial is upheld",
    /// "is certified", "I am reversing the prior denial").
    Firm,
}

/// One way of stating an outcome.
struct Predicate {
    pattern: &'static str,
    outcome: Decision,
    strength: Strength,
}

const NEG: &str = r"(?:not|cannot|can\s*not|can't|never|no\s+longer)";
const BE: &str = r"(?:is|are|was|were|be|been|being|remains?|stays?)";

/// The predicates, each a regex fragment (case-insensitive; `{NEG}` and `{BE}` expand as above).
const PREDICATES: &[Predicate] = &[
    // Medical necessity, negated first so that "not medically necessary" is read whole.
    Predicate {
        pattern: r"\b{NEG}\b(?:\s+[\w/-]+){0,5}?\s+medically\s+(?:necessary|indicated|required|appropriate|reasonable)",
        outcome: Decision::Upheld,
        strength: Strength::Firm,
    },
    // "Neither the omeprazole nor the cyclobenzaprine is medically necessary", "neither request
    // is medically indicated": the negation stands before the subject.
    Predicate {
        pattern: r"\bneither\b(?:\s+[\w/#().,%&+'-]+){0,24}?\s+{BE}\s+(?:\w+\s+)?medically\s+(?:necessary|indicated|required|appropriate|reasonable)",
        outcome: Decision::Upheld,
        strength: Strength::Firm,
    },
    // "I am unable to find the request for three blocks medically necessary".
    Predicate {
        pattern: r"\b(?:unable|fail(?:s|ed)?)\s+to\s+(?:find|consider|deem|regard|call)(?:\s+[\w/#().,%&+'-]+){0,8}?\s+(?:as\s+|to\s+be\s+)?medically\s+(?:necessary|indicated|required|appropriate|reasonable)",
        outcome: Decision::Upheld,
        strength: Strength::Firm,
    },
    // The negation run into the next word by PDF extraction: "is notmedically necessary".
    Predicate {
        pattern: r"\b(?:is|are|was|were)?not\s*medically\s+(?:necessary|indicated|required|appropriate|reasonable)",
        outcome: Decision::Upheld,
        strength: Strength::Firm,
    },
    Predicate { pattern: r"\bun(?:necessary|warranted)\b", outcome: Decision::Upheld, strength: Strength::Hedged },
    Predicate {
        pattern: r"\bmedically\s+(?:necessary|indicated|required)\b",
        outcome: Decision::Overturned,
        strength: Strength::Firm,
    },
    // Medical necessity established, or not.
    Predicate {
        pattern: r"\bmedical\s+necessity\b(?:\s+[\w/#().,%&+'-]+){0,14}?\s+(?:has|have|is|was|were|had)\s+{NEG}\s+(?:been\s+)?(?:established|demonstrated|shown|substantiated|met|supported)",
        outcome: Decision::Upheld,
        strength: Strength::Firm,
    },
    Predicate {
        pattern: r"\bmedical\s+necessity\b(?:\s+[\w/#().,%&+'-]+){0,14}?\s+(?:has|have|is|was|were|had)\s+(?:now\s+)?(?:been\s+)?(?:established|demonstrated|shown|substantiated|met)",
        outcome: Decision::Overturned,
        strength: Strength::Firm,
    },
    // A recommendation refused: "I am unable to recommend certification", "cannot recommend
    // approval" (read whole, before the recommendation inside it).
    Predicate {
        pattern: r"\b(?:(?:am|is|are)\s+(?:unable|not\s+able)\s+to|{NEG}|(?:do|does|did|would|will|could)\s*(?:not|n't))\s+(?:\w+\s+)?recommend(?:s|ed|ing)?\s+(?:certification|approval|authorization|that\s+(?:the\s+)?request\s+be\s+(?:approved|certified|authorized))\b",
        outcome: Decision::Upheld,
        strength: Strength::Firm,
    },
    // A recommendation to the administrator ("Recommend certification.").
    Predicate {
        pattern: r"\brecommend(?:s|ed|ing)?\s+(?:non-?\s*certification|noncertification|denial|that\s+(?:the\s+)?(?:request|denial)\s+(?:be\s+)?(?:denied|upheld))\b",
        outcome: Decision::Upheld,
        strength: Strength::Firm,
    },
    Predicate {
        pattern: r"\brecommend(?:s|ed|ing)?\s+(?:certification|approval|authorization|that\s+(?:the\s+)?request\s+be\s+(?:approved|certified|authorized))\b",
        outcome: Decision::Overturned,
        strength: Strength::Firm,
    },
    // "The consultation is recommended for certification", "... for non-certification".
    Predicate {
        pattern: r"\b(?:is|are)\s+(?:therefore\s+|thus\s+)?recommended\s+for\s+(?:non-?\s*certification|noncertification|denial)\b",
        outcome: Decision::Upheld,
        strength: Strength::Firm,
    },
    Predicate {
        pattern: r"\b(?:is|are)\s+(?:therefore\s+|thus\s+)?recommended\s+for\s+(?:certification|approval|authorization)\b",
        outcome: Decision::Overturned,
        strength: Strength::Firm,
    },
    // The same recommendation in the passive ("Certification of the six sessions is
    // recommended"); "non-certification" starts first, so it wins over "certification".
    Predicate {
        pattern: r"\b(?:non-?\s*certification|noncertification|denial)\b(?:\s+[\w/#().,%-]+){0,12}?\s+(?:is|was)\s+(?:therefore\s+|thus\s+)?recommended\b",
        outcome: Decision::Upheld,
        strength: Strength::Firm,
    },
    Predicate {
        pattern: r"\b(?:certification|approval|authorization)\b(?:\s+[\w/#().,%-]+){0,12}?\s+(?:is|was)\s+(?:therefore\s+|thus\s+)?recommended\b",
        outcome: Decision::Overturned,
        strength: Strength::Firm,
    },
    // "Certification is not recommended", "approval cannot be recommended".
    Predicate {
        pattern: r"\b(?:certification|approval|authorization)\b(?:\s+[\w/#().,%-]+){0,12}?\s+(?:(?:is|was)\s+(?:therefore\s+|thus\s+)?not|{NEG}\s+be)\s+recommended\b",
        outcome: Decision::Upheld,
        strength: Strength::Firm,
    },
    // A labelled recommendation: "Recommendation: non-certify.", "Recommendation: certify";
    // or told: "Recommendation is for non-certification", "My recommendation is to certify".
    Predicate {
        pattern: r"\brecommendation\s*(?::|(?:is|would\s+be)\s+(?:for|to))\s*(?:to\s+)?(?:non-?\s*certif\w*|noncertif\w*|not\s+(?:certif\w*|approv\w*|medically)|den(?:y|ial)|uphold\w*|upheld)",
        outcome: Decision::Upheld,
        strength: Strength::Firm,
    },
    Predicate {
        pattern: r"\brecommendation\s*(?::|(?:is|would\s+be)\s+(?:for|to))\s*(?:to\s+)?(?:certif\w*|approv\w*|authoriz\w*|overturn\w*|revers\w*|medically\s+necessary)",
        outcome: Decision::Overturned,
        strength: Strength::Firm,
    },
    Predicate {
        pattern: r"\b{BE}\s+(?:therefore\s+)?medically\s+(?:appropriate|reasonable)\b",
        outcome: Decision::Overturned,
        strength: Strength::Firm,
    },
    // Certification.
    Predicate {
        pattern: r"\b(?:non-?\s*certif(?:ied|y)|noncertif(?:ied|y)|{NEG}\s+(?:be\s+)?certif(?:y|ied|iable)|{BE}\s+not\s+(?:\w+\s+)?certified|unable\s+to\s+certify|would\s+not\s+certify|(?:do|does|will)\s+not\s+certify|decline\s+to\s+certify)\b",
        outcome: Decision::Upheld,
        strength: Strength::Firm,
    },
    Predicate {
        pattern: r"\b{BE}\s+(?:hereby\s+|therefore\s+|thus\s+|now\s+|also\s+)?(?:re-?)?certified\b|\bI\s+(?:will\s+|would\s+)?certify\b|\bcertif(?:y|ied)\s+as\s+medically",
        outcome: Decision::Overturned,
        strength: Strength::Firm,
    },
    // "cannot be partially certified": the request is denied whole, not in part, and a
    // later "the request is certified" may still decide the sentence ([`PART_ALLOWED`]).
    Predicate {
        pattern: r"\b{NEG}\s+be\s+(?:partially|partly)\s+(?:certified|approved|authorized|authorised|granted)\b",
        outcome: Decision::Upheld,
        strength: Strength::Firm,
    },
    // The prior decision upheld or reversed; a modification that stands leaves the request as
    // made denied ("The prior modification to 2 visits stands").
    Predicate {
        pattern: r"\b(?:denial|determination|decision|non-?\s*certification|noncertification|adverse\s+determination|modification)s?\b(?:\s+(?:of|for|on|regarding|concerning|to\s+deny|to\s+non-?certify|to)\s+[\w/#().,%-]+(?:\s+[\w/#().,%-]+){0,14}?)?\s+(?:(?:is|was|are|were|remains?|will\s+be|should\s+be|should|must|shall|will|would)\s+)?(?:hereby\s+|therefore\s+|thus\s+)?(?:upheld|affirmed|sustained|maintained|stands?|stood)\b",
        outcome: Decision::Upheld,
        strength: Strength::Firm,
    },
    // Siding with the utilization review, whose decision an IMR reviews is always a denial:
    // "I agree with the prior non-certification", "I concur with the UR determination".
    Predicate {
        pattern: r"\b(?:agree|concur)s?\s+with\s+(?:the\s+|this\s+)?(?:prior\s+|previous\s+|original\s+|earlier\s+|UR\s+|utilization\s+review(?:er)?(?:'s)?\s+|reviewer(?:'s)?\s+)*(?:denial|determination|decision|non-?\s*certification|noncertification|adverse\s+determination)",
        outcome: Decision::Upheld,
        strength: Strength::Firm,
    },
    Predicate {
        pattern: r"\bdisagree(?:s)?\s+with\s+(?:the\s+|this\s+)?(?:prior\s+|previous\s+|original\s+|earlier\s+|UR\s+|utilization\s+review(?:er)?(?:'s)?\s+|reviewer(?:'s)?\s+)*(?:denial|determination|decision|non-?\s*certification|noncertification|adverse\s+determination)",
        outcome: Decision::Overturned,
        strength: Strength::Firm,
    },
    Predicate {
        pattern: r"\b(?:uphold|affirm|sustain|maintain)(?:s|ing)?\s+(?:the\s+)?(?:prior\s+|previous\s+|original\s+|UR\s+|utilization\s+review\s+)*(?:denial|determination|decision|non-?\s*certification)",
        outcome: Decision::Upheld,
        strength: Strength::Firm,
    },
    // A prior decision that cannot stand is reversed, and one that cannot be reversed stands:
    // "The denial cannot be upheld." (they start before the "be upheld" they hold, so they win).
    Predicate {
        pattern: r"\b{NEG}\s+be\s+(?:upheld|affirmed|sustained|maintained)\b|\b(?:denial|non-?\s*certification|noncertification|adverse\s+determination)s?\s+(?:cannot|can\s*not|can't|should\s+not|will\s+not|must\s+not|does\s+not|did\s+not)\s+stand\b",
        outcome: Decision::Overturned,
        strength: Strength::Firm,
    },
    Predicate {
        pattern: r"\b{NEG}\s+be\s+(?:overturned|over-\s*turned|reversed|rescinded)\b",
        outcome: Decision::Upheld,
        strength: Strength::Firm,
    },
    // The outcome refused: "the denial is not overturned", "I would not overturn the denial";
    // "the UR decision is not upheld", "I do not uphold the non-certification".
    Predicate {
        pattern: r"\b(?:{BE}|has|have|had)\s+not\s+(?:been\s+)?(?:overturned|over-\s*turned|reversed|rescinded)\b|\b(?:would|will|do|does|did|shall|should|could)\s*(?:not|n't)\s+(?:overturn|reverse|rescind)\b|\b(?:decline|refuse)s?\s+to\s+(?:overturn|reverse)\b",
        outcome: Decision::Upheld,
        strength: Strength::Firm,
    },
    Predicate {
        pattern: r"\b(?:{BE}|has|have|had)\s+not\s+(?:been\s+)?(?:upheld|affirmed|sustained)\b|\b(?:would|will|do|does|did|shall|should|could)\s*(?:not|n't)\s+(?:uphold|affirm|sustain)\b|\b(?:decline|refuse)s?\s+to\s+(?:uphold|affirm)\b",
        outcome: Decision::Overturned,
        strength: Strength::Firm,
    },
    Predicate {
        pattern: r"\b(?:{BE}\s+)?(?:hereby\s+|therefore\s+)?(?:overturned|over-\s*turned|reversed|rescinded)\b",
        outcome: Decision::Overturned,
        strength: Strength::Firm,
    },
    Predicate {
        pattern: r"\b(?:overturn|over-\s*turn|revers|rescind)(?:e|es|s|ing)?\s+(?:the\s+|this\s+)?(?:prior\s+|previous\s+|original\s+|UR\s+|utilization\s+review\s+)*(?:denial|determination|decision|non-?\s*certification)",
        outcome: Decision::Overturned,
        strength: Strength::Firm,
    },
    Predicate {
        pattern: r"\b(?:request|requests|it|treatment|service)\s+(?:is|are)\s+(?:therefore\s+|hereby\s+)?(?:denied|not\s+approved|not\s+authorized)\b|\b(?:is|are)\s+denied\b|\bshould\s+(?:not|remain)\s+(?:be\s+)?(?:approved|authorized|certified|denied)\b|\b{BE}\s+(?:hereby\s+|therefore\s+)?upheld\b",
        outcome: Decision::Upheld,
        strength: Strength::Firm,
    },
    Predicate {
        pattern: r"\b(?:is|are)\s+(?:therefore\s+|hereby\s+|thus\s+)?(?:approved|authorized|granted)\b|\bapproved\s+as\s+medically|\bshould\s+be\s+(?:approved|authorized|certified|granted|allowed)\b",
        outcome: Decision::Overturned,
        strength: Strength::Firm,
    },
    // Hedged wordings.
    Predicate {
        pattern: r"\b(?:{BE}\s+{NEG}|{NEG}\s+be)\s+(?:\w+\s+)?(?:supported|warranted|recommended|indicated|justified|appropriate|reasonable)\b|\b(?:is|are)\s+(?:therefore\s+)?premature\b|\bI\s+(?:am\s+unable\s+to|cannot|can\s*not|do\s+not|would\s+not)\s+(?:recommend|support|endorse|approve)\b|\b(?:does|do)\s+not\s+meet\s+(?:the\s+)?(?:\w+\s+)?(?:guidelines?|criteria|standards?)\b",
        outcome: Decision::Upheld,
        strength: Strength::Hedged,
    },
    Predicate {
        pattern: r"\b{BE}\s+(?:therefore\s+|thus\s+|now\s+|also\s+)?(?:supported|warranted|indicated|justified|reasonable)\b|\b{BE}\s+(?:therefore\s+|thus\s+|now\s+|also\s+)?recommended\s*\.?\s*$|\bI\s+(?:would\s+|do\s+|can\s+)?(?:recommend|support)\s+(?:the|this|it)\b|\bmeets?\s+(?:the\s+)?(?:\w+\s+)?(?:guidelines?|criteria)\b",
        outcome: Decision::Overturned,
        strength: Strength::Hedged,
    },
    // The request measured against the guidelines: "is not consistent with the guidelines",
    // "exceeds the guideline recommendations"; "is consistent with", "is within the guidelines".
    Predicate {
        pattern: r"\b(?:is|are)\s+(?:not\s+consistent|inconsistent|not\s+in\s+(?:keeping|accordance|line))\s+with\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:guidelines?|recommendations?|criteria)\b|\bexceeds?\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:guidelines?|recommendations?)\b",
        outcome: Decision::Upheld,
        strength: Strength::Hedged,
    },
    Predicate {
        pattern: r"\b(?:is|are)\s+(?:consistent|in\s+(?:keeping|accordance|line))\s+with\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:guidelines?|recommendations?|criteria)\b|\b(?:is|are)\s+within\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:guidelines?|recommendations?)\b",
        outcome: Decision::Overturned,
        strength: Strength::Hedged,
    },
];

/// What a part of a request counts.
const UNITS: &str = r"(?:visits?|sessions?|treatments?|hours|days|units|weeks)";

/// A part of the request allowed and the rest not. The IMR decides the request as made, so the
/// rest's denial stands and the item is upheld (docs/verdicts.md), however the allowed part is
/// worded: a sentence that states one decides by it, whatever else it says of the part ("is
/// partially certified: 4 visits are medically necessary and appropriate"). Each row is upheld
/// and firm; `{N}` is a count, `{UNITS}` what it counts.
const PART_ALLOWED: &[&str] = &[
    // "The request is therefore partially certified, for 6 of the 8 visits", "certified in part".
    r"\b(?:{BE}\s+(?:hereby\s+|therefore\s+|thus\s+|only\s+)?)?(?:(?:partially|partly)\s+(?:certified|approved|authorized|authorised|granted)|(?:certified|approved|authorized|authorised)\s+in\s+part)\b",
    // "6 of the 12 requested visits are medically necessary", "four of the six sessions are
    // certified".
    r"\b{N}\s+of\s+(?:the\s+)?(?:up\s+to\s+)?(?:{N}\b(?:\s+[\w-]+){0,3}?|(?:[\w-]+\s+){0,2}?{UNITS})\s+{BE}\s+(?:therefore\s+|thus\s+)?(?:medically\s+(?:necessary|appropriate|indicated)|certified|approved|authorized|supported|warranted)\b",
    // "Medical necessity is established for 4 of the 6 sessions", "medically necessary and
    // appropriate for 6 of the 12 visits".
    r"\b(?:medical\s+necessity\s+(?:is|has\s+been|was)\s+(?:established|demonstrated|shown)|medically\s+necessary(?:\s+and\s+appropriate)?|certified|approved)\s+(?:only\s+)?for\s+(?:only\s+)?{N}\s+of\s+(?:the\s+)?(?:up\s+to\s+)?{N}\b",
    // "Hydrocodone/APAP 10/325mg #120 is medically necessary and appropriate in part; a
    // quantity of #60 is certified".
    r"\bmedically\s+(?:necessary|appropriate|indicated)(?:\s+and\s+appropriate)?\s+(?:only\s+)?in\s+part\b",
    // "medically necessary and appropriate for 6 visits only".
    r"\bfor\s+(?:the\s+first\s+)?{N}\s+(?:[\w-]+\s+)?{UNITS}\s+only\b",
    // "The request is partially overturned", "Partially overturned (4 visits)", "upheld in
    // part": the review's denial stands for the rest. Said of the letter's determination, it
    // is the letter's outcome over several items, and decides none ([`LETTER_OUTCOME_SUBJECT`]).
    r"\b(?:{BE}\s+(?:hereby\s+|therefore\s+|thus\s+)?)?(?:(?:partially|partly)\s+(?:overturned|reversed|upheld)|(?:overturned|reversed|upheld)\s+in\s+part)\b",
    // "... is medically necessary and appropriate for the cervical spine, and is not medically
    // necessary and appropriate for the lumbar spine", and the other way round: allowed for one
    // part of the body and not another.
    r"\b(?:medically\s+necessary(?:\s+and\s+appropriate)?\s+for\s+the\s+[^,;.]{1,40}?,?\s+(?:and|but)(?:\s+{BE})?\s+not|not\s+medically\s+necessary(?:\s+and\s+appropriate)?\s+for\s+the\s+[^,;.]{1,40}?,?\s+(?:and|but)(?:\s+{BE})?)\s+medically\s+necessary(?:\s+and\s+appropriate)?\s+for\s+the\b",
    // "Cyclobenzaprine 7.5mg #60 is certified as modified", "approved with modification".
    r"\b(?:{BE}\s+(?:hereby\s+|therefore\s+|thus\s+)?)?(?:certified|approved|authorized|authorised)\s+(?:as\s+modified|with\s+(?:a\s+)?modifications?)\b",
    // "the remaining 6 visits are not medically necessary", "the remaining six are not", "the
    // remainder of the request, up to 12 sessions, is not".
    r"\bthe\s+(?:remaining|rest|balance|remainder)\b(?:\s+of\s+the(?:\s+request)?)?(?:\s+{N})?(?:\s+(?:requested\s+)?{UNITS})?(?:\s*,[^,.;:]{1,40},)?\s+{BE}\s+not\b(?:\s+(?:medically\s+)?(?:necessary|appropriate|indicated|certified|approved|authorized|supported|warranted)(?:\s+and\s+appropriate)?\b)?",
];

/// A predicate's pattern with `{NEG}` and `{BE}` written out.
fn expand(pattern: &str) -> String {
    // `{N}`: a count in digits or words ("6", "six", "twenty-four"), as counts are read.
    pattern
        .replace("{NEG}", NEG)
        .replace("{BE}", BE)
        .replace("{N}", &crate::extract::count::number_alternation())
        .replace("{UNITS}", UNITS)
}

/// Every predicate: [`PREDICATES`], then [`PART_ALLOWED`]'s rows (upheld, firm, a part allowed).
fn every_predicate() -> impl Iterator<Item = (&'static str, Decision, Strength, bool)> {
    PREDICATES
        .iter()
        .map(|p| (p.pattern, p.outcome, p.strength, false))
        .chain(PART_ALLOWED.iter().map(|&p| (p, Decision::Upheld, Strength::Firm, true)))
}

/// Each predicate compiled, with its outcome, strength and whether it allows a part.
static COMPILED: LazyLock<Vec<(Regex, Decision, Strength, bool)>> = LazyLock::new(|| {
    every_predicate()
        .map(|(pattern, outcome, strength, part)| {
            (
                Regex::new(&format!("(?i){}", expand(pattern))).expect("decision predicate compiles"),
                outcome,
                strength,
                part,
            )
        })
        .collect()
});

/// The predicates as a family: each searched only in a sentence that holds its words (issue 14).
/// Asked after [`ANY_PREDICATE`]: asked first, to rule out sentences before it, it cost more
/// than it saved (1,200 letters: 7,714.9 -> 7,765.9 M instructions).
static FAMILY: LazyLock<crate::pattern::Family> =
    LazyLock::new(|| crate::pattern::Family::new(COMPILED.iter().map(|(re, ..)| re)));

/// Every predicate in one pattern: most sentences state no outcome, and one search says so
/// where trying each predicate took thirty (issue 14).
static ANY_PREDICATE: LazyLock<Regex> = LazyLock::new(|| {
    let any = crate::pattern::union(every_predicate().map(|(p, ..)| expand(p)));
    Regex::new(&format!("(?i){any}")).expect("decision predicates compile")
});

/// A hedge that applies the guidelines to the request rather than quoting them, or that only a
/// reviewer writes: a guideline says "is not recommended", a reviewer "cannot be recommended".
static APPLIES_GUIDELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:is|are)\s+not\s+(?:supported|recommended|indicated|warranted)\s+(?:by|under|per)\s+(?:the\s+)?(?:cited\s+|referenced\s+|above\s+)?(?:guidelines?|MTUS|ACOEM|ODG|CPMTG)\b|\b(?:does|do)\s+not\s+meet\s+(?:the\s+)?(?:\w+\s+)?(?:guidelines?|criteria)\b|\b(?:is|are)\s+(?:not\s+)?(?:consistent|inconsistent|in\s+(?:keeping|accordance|line))\s+with\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:guidelines?|recommendations?|criteria)\b|\bexceeds?\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:guidelines?|recommendations?)\b|\b(?:is|are)\s+within\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:guidelines?|recommendations?)\b|\b(?:cannot|can\s*not|can't|could\s*not)\s+be\s+(?:\w+\s+)?(?:recommended|supported|endorsed|justified)\b")
        .expect("applies-guideline compiles")
});

/// The letter's determination as the subject of an outcome in part ("The utilization review
/// determination is overturned in part", "The Claims Administrator's decision is partially
/// overturned"): the letter's outcome over its items, not a part of one request allowed.
static LETTER_OUTCOME_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:determination|decision)s?\b[^.;]{0,80}$").expect("letter-outcome subject compiles")
});

/// Whether the words just before and after an outcome make it one in part ("partially
/// overturned", "overturned in part").
fn in_part_around(before: &str, after: &str) -> bool {
    let (before, after) = (before.trim_end().as_bytes(), after.trim_start().as_bytes());
    after.get(..7).is_some_and(|w| w.eq_ignore_ascii_case(b"in part"))
        || before.len() >= 9 && before[before.len() - 9..].eq_ignore_ascii_case(b"partially")
}

/// Whether a part-allowing statement is an outcome in part ("partially overturned"), which
/// the letter's determination may be the subject of.
fn outcome_in_part(words: &str) -> bool {
    let w = words.to_ascii_lowercase();
    ["overturned", "reversed", "upheld"].iter().any(|o| w.contains(o))
}

/// Who acts for the utilization review in a letter's words ("utilization review", "the UR",
/// "the claims administrator").
pub(crate) const UR_AGENT: &str = r"(?:utilization\s+review(?:er)?|UR|claims\s+administrator|carrier|insurer)";

/// The utilization review as the one acting, just before a predicate ("Utilization review
/// non-certified naproxen, noting ...", "The UR of 9/12/2013 denied ..."): the reviewer
/// reporting the decision under review, not deciding.
static UR_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{UR_AGENT}(?:\s+(?:of|dated|on)\s+[\w/.-]+)?(?:\s+(?:had|has|then|initially|previously))?\s+$"
    ))
    .expect("UR-before compiles")
});

/// Whether a predicate's words are an act ("non-certified", "denied", "modified"), which the
/// utilization review may be the one doing; "the UR decision is upheld" is the reviewer's.
fn acts(words: &str) -> bool {
    let w = words.trim_start().to_ascii_lowercase();
    let verb = w.trim_start_matches("non").trim_start_matches(['-', ' ']).trim_start_matches("not ");
    // "partially certified": the utilization review's act as much as "certified".
    let verb = verb.strip_prefix("partially ").or_else(|| verb.strip_prefix("partly ")).unwrap_or(verb);
    // "non-certified", "certify", "denied"; not the noun "non-certification", which names
    // the decision the reviewer rules on ("the UR non-certification is affirmed").
    [
        "certified",
        "certify",
        "certifies",
        "denied",
        "approved",
        "authorized",
        "authorised",
        "modified",
        "is denied",
        "was denied",
        "were denied",
    ]
    .iter()
    .any(|v| verb.starts_with(v))
}

/// The same, after it: "was non-certified by utilization review", "denied per UR".
/// A modal just before an outcome: "may be considered (medically necessary)", "might be".
static MAY_BE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:may|might)\s+(?:also\s+|only\s+)?be\s+(?:considered\s+|deemed\s+|regarded\s+as\s+)?$")
        .expect("may-be compiles")
});

static UR_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)^\s+(?:by|per)\s+(?:the\s+)?{UR_AGENT}\b")).expect("UR-after compiles"));

/// One outcome stated in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Statement {
    /// The outcome.
    pub outcome: Decision,
    /// How firmly.
    pub strength: Strength,
    /// Whether it allows a part of the request and not the rest ([`PART_ALLOWED`]).
    pub part: bool,
    /// Byte range of the words, in the searched text.
    pub start: usize,
    /// End of the words.
    pub end: usize,
}

/// The nouns "medically necessary" may qualify ("medically necessary appointments", "...
/// treatment"): so placed, it states no decision.
static ATTRIBUTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s+(?:appointments?|treatments?|care|services?|visits?|procedures?|equipment|items?|surger(?:y|ies)|transportation|travel|therap(?:y|ies)|medications?|supplies|devices?|evaluations?|examinations?|tests?|testing|purposes?|reasons?)\b")
        .expect("attributive compiles")
});

/// Every outcome a text states, left to right; where predicates overlap, the one that starts
/// first and then the longest wins ("not medically necessary" over "medically necessary").
pub fn statements(text: &str) -> Vec<Statement> {
    let mut found: Vec<Statement> = Vec::new();
    if !ANY_PREDICATE.is_match(text) {
        return found;
    }
    // Where the utilization review's acts end: the hedged words after one in its sentence are
    // its reasons ("UR non-certified naproxen, noting that long-term use is not recommended").
    let mut ur_acts: Vec<usize> = Vec::new();
    let may = FAMILY.searched(text);
    for (re, outcome, strength, part) in COMPILED.iter().enumerate().filter(|(k, _)| may(*k)).map(|(_, p)| p) {
        for m in re.find_iter(text) {
            // "to decide whether X is medically necessary" states no outcome.
            let before = &crate::text::lead(text, m.start(), 48).to_lowercase();
            // Only the clause the predicate stands in: "the series can be stopped if it does
            // not help, I find the request medically necessary" concludes after its comma. A
            // sentence that opens on its condition ("If it helps, ...") stays conditional.
            let clause = before.rsplit([',', ';']).next().unwrap_or(before);
            let opens_on_condition = text.trim_start().get(..3).is_some_and(|w| w.eq_ignore_ascii_case("if "));
            if clause.contains("whether")
                || clause.contains(" if ")
                || clause.contains("determine if")
                || (opens_on_condition && before.contains("if "))
            {
                continue;
            }
            // "recommended for medically necessary appointments": an attribute of a noun, no
            // decision.
            if m.as_str().get(..9).is_some_and(|w| w.eq_ignore_ascii_case("medically"))
                && ATTRIBUTIVE.is_match(&text[m.end()..])
            {
                continue;
            }
            if *part
                && outcome_in_part(m.as_str())
                && LETTER_OUTCOME_SUBJECT.is_match(crate::text::lead(text, m.start(), 120))
            {
                continue;
            }
            // "The utilization review determination is overturned in part": the words around a
            // whole outcome that make it one in part, which only the letter's determination
            // states here (the IMR decides each item whole; a request's is a part allowed).
            if !*part && in_part_around(&text[..m.start()], &text[m.end()..]) {
                continue;
            }
            if acts(m.as_str()) && (UR_BEFORE.is_match(clause) || UR_AFTER.is_match(&text[m.end()..])) {
                ur_acts.push(m.end());
                continue;
            }
            // "ODG states that bone growth stimulation may be considered medically necessary as
            // an adjunct ...": what may be so for some patients is no one's outcome.
            let strength = match strength {
                Strength::Firm if *outcome == Decision::Overturned && MAY_BE.is_match(clause) => Strength::Hedged,
                s => *s,
            };
            found.push(Statement { outcome: *outcome, strength, part: *part, start: m.start(), end: m.end() });
        }
    }
    found.retain(|st| {
        st.strength == Strength::Firm || !ur_acts.iter().any(|&at| at <= st.start && !text[at..st.start].contains(". "))
    });
    found.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let mut out: Vec<Statement> = Vec::new();
    for s in found {
        if let Some(last) = out.last_mut() {
            if s.start < last.end {
                // "is not recommended as medically necessary": the hedged "is not recommended"
                // starts first, but the firm statement it overlaps says more; kept, it would
                // leave the tail "medically necessary" to be read alone, the other way.
                if s.strength == Strength::Firm && last.strength == Strength::Hedged && s.end > last.end {
                    *last = s;
                }
                continue;
            }
        }
        out.push(s);
    }
    out
}

/// Outcomes stated in a word or two: after a separator in a list entry ("X: certified"), or
/// alone after a label ("DETERMINATION: Certified.").
pub const BARE_OUTCOMES: &[(&str, Decision)] = &[
    ("upheld", Decision::Upheld),
    ("uphold", Decision::Upheld),
    ("denied", Decision::Upheld),
    ("non-certified", Decision::Upheld),
    ("noncertified", Decision::Upheld),
    ("not certified", Decision::Upheld),
    ("not approved", Decision::Upheld),
    ("affirmed", Decision::Upheld),
    // "Orthopedic follow-up visits x 3: modification upheld": the review's cut stands, so the
    // request as made is denied.
    ("modification upheld", Decision::Upheld),
    ("modification affirmed", Decision::Upheld),
    ("modification stands", Decision::Upheld),
    ("overturned", Decision::Overturned),
    ("overturn", Decision::Overturned),
    ("reversed", Decision::Overturned),
    ("certified", Decision::Overturned),
    ("approved", Decision::Overturned),
    ("authorized", Decision::Overturned),
];

/// Statuses a list gives an item instead of a decision ("5. MRI of the cervical spine: not
/// reviewed (see below)"): the item is still one of the letter's, with no decision.
pub const NO_DETERMINATION: &[&str] = &[
    "not reviewed",
    "not addressed",
    "not decided",
    "not determined",
    "no determination",
    "no decision",
    "not at issue",
    "not in dispute",
    "no longer in dispute",
    "no longer at issue",
    "withdrawn",
    "moot",
    "deferred",
    "resolved",
    "authorized by the claims administrator",
    "certified by the claims administrator",
];

/// Where a list entry's status begins, instead of a decision: after its ": " or dash ("5. MRI of
/// the cervical spine: not reviewed (see below)", "7. Traction unit – withdrawn") or as its
/// predicate ("7) The request for an MRI of the right knee was withdrawn ... and was not
/// reviewed"). The item is the words before it.
pub fn status_at(entry: &str) -> Option<usize> {
    // "7. Purchase of a cervical traction unit – withdrawn by the requesting physician": a dash
    // sets the status apart as a colon does.
    let separated = [": ", " \u{2013} ", " \u{2014} ", " - "]
        .iter()
        .filter_map(|sep| entry.find(sep).map(|at| (at, at + sep.len())))
        .filter(|&(_, rest)| no_determination(&entry[rest..]))
        .map(|(at, _)| at)
        .min();
    separated.or_else(|| {
        STATUS_VERBS
            .iter()
            .filter_map(|v| {
                entry.match_indices(v).map(|(at, _)| at).find(|&at| no_determination(&entry[at + v.len()..]))
            })
            .min()
    })
}

/// Words that say a block's item was not decided, wherever they stand in its sentence ("It is
/// no longer in dispute, and no determination of medical necessity was made", "the expert
/// reviewer made no determination on it").
const NOT_DECIDED: &[&str] = &[
    "no determination",
    "no longer in dispute",
    "is not in dispute",
    "was not reviewed",
    "were not reviewed",
    "no decision was made",
    "listed on the application in error",
    "was withdrawn",
    "were withdrawn",
    "has been withdrawn",
];

/// Whether a sentence says its item was not decided ([`NOT_DECIDED`]'s words). A status word
/// alone is not enough in prose: "the negative predictors ... are not addressed" is a finding.
pub fn states_no_determination(sentence: &str) -> bool {
    let lower = sentence.to_ascii_lowercase();
    NOT_DECIDED.iter().any(|w| lower.contains(w))
}

/// The verbs that make a status a sentence's predicate ("was withdrawn", "is no longer in
/// dispute", "has been resolved").
const STATUS_VERBS: &[&str] = &[" was ", " is ", " were ", " are ", " has been ", " have been "];

/// Whether `value`, a list entry's words after its separator, is one of [`NO_DETERMINATION`]
/// (perhaps with a note after it: "not reviewed (see below)", "withdrawn by the provider").
pub fn no_determination(value: &str) -> bool {
    let v = value.trim_start();
    NO_DETERMINATION.iter().any(|w| {
        crate::text::strip_prefix_ci(v, w).is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()))
    })
}

/// What may qualify a bare outcome that opens a sentence ("Certified as a sling").
const QUALIFIERS: &[&str] = &[" as ", " for ", " with ", " because ", " since ", " due to ", " based on "];

/// The outcome a bare word or two states ([`BARE_OUTCOMES`]; `words` already lower-case).
pub fn bare_outcome(words: &str) -> Option<Decision> {
    BARE_OUTCOMES.iter().find(|(w, _)| *w == words).map(|(_, d)| *d)
}

/// The outcome a sentence states: a part of the request allowed ([`PART_ALLOWED`]), else its
/// last firm predicate, else its last hedged one
/// ("Recommend non-certification of tramadol; a smaller quantity would be reasonable to
/// request" decides by its first clause).
pub fn of_sentence(sentence: &str) -> Option<Statement> {
    of_statements(sentence, &statements(sentence))
}

/// [`of_sentence`], given the sentence's [`statements`] already read (a caller that reads them
/// for more than the sentence's one outcome reads them once).
pub fn of_statements(sentence: &str, all: &[Statement]) -> Option<Statement> {
    if all.is_empty() {
        // "Certified." alone: the bare outcome, as a label's value states it; or qualified
        // ("Certified as a postoperative sling", "Denied for lack of documentation").
        // A label before it is not part of it ("Determination: Certified as a sling.").
        let mut start = sentence.len() - sentence.trim_start().len();
        let mut words = sentence.trim().trim_end_matches(['.', ';']);
        if let Some((label, rest)) = words.split_once(':') {
            if label.split_whitespace().count() <= 3 && label.chars().all(|c| c.is_alphabetic() || c == ' ') {
                let rest = rest.trim_start();
                start += words.len() - rest.len();
                words = rest;
            }
        } else if let Some(rest) = [" - ", " \u{2013} ", " \u{2014} ", " -- "]
            .iter()
            .filter_map(|sep| words.rfind(sep).map(|at| &words[at + sep.len()..]))
            .min_by_key(|rest| rest.len())
        {
            // "Flexeril - upheld.": a closing summary's entry, its item's words before the dash.
            let rest = rest.trim_start();
            start += words.len() - rest.len();
            words = rest;
        }
        // Bare or qualified, the outcome opens the words: a sentence that opens with none (most)
        // is ruled out here, before its lower-case copy and the qualifiers' searches.
        if !BARE_OUTCOMES.iter().any(|(w, _)| crate::text::strip_prefix_ci(words, w).is_some()) {
            return None;
        }
        let lower = words.to_ascii_lowercase();
        let outcome = match bare_outcome(&lower) {
            Some(o) => o,
            None => {
                let head = QUALIFIERS.iter().filter_map(|q| lower.find(q)).min()?;
                words = &words[..head];
                bare_outcome(&lower[..head])?
            }
        };
        return Some(Statement { outcome, strength: Strength::Firm, part: false, start, end: start + words.len() });
    }
    // A part allowed decides the sentence, whatever it says of the part: "is partially
    // certified: 4 visits are medically necessary and appropriate".
    all.iter()
        .find(|s| s.part)
        .or_else(|| all.iter().rev().find(|s| s.strength == Strength::Firm))
        .or(all.last())
        .copied()
}

/// The outcome a rationale concludes: the last firm statement of its sentences, else the last
/// hedged one in a sentence that `quotes_guideline` does not reject. `sentences` are byte ranges
/// into `text`, each with what [`of_sentence`] reads in it (read once by the caller, which also
/// chooses among them); the statement's range is returned in `text`'s coordinates.
pub fn conclusion(
    text: &str,
    sentences: &[(usize, usize, Option<Statement>)],
    quotes_guideline: impl Fn(&str, &Statement) -> bool,
) -> Option<Statement> {
    let mut firm: Option<Statement> = None;
    let mut hedged: Option<Statement> = None;
    for &(s, e, read) in sentences {
        let sentence = &text[s..e];
        // "Is the request for X medically necessary?" asks; it decides nothing.
        if sentence.trim_end().ends_with('?') {
            continue;
        }
        let Some(read) = read else { continue };
        let st = Statement { start: s + read.start, end: s + read.end, ..read };
        match st.strength {
            Strength::Firm => firm = Some(st),
            // "Ongoing use of zolpidem is not supported by the guidelines" applies a guideline
            // to the request; it does not quote one.
            Strength::Hedged if !quotes_guideline(sentence, &read) || APPLIES_GUIDELINE.is_match(sentence) => {
                hedged = Some(st);
            }
            Strength::Hedged => {}
        }
    }
    firm.or(hedged)
}

#[cfg(test)]
mod tests {
    /// A block's sentence that says its item was not decided, in any of its usual words; a
    /// finding with a status word in it is not one.
    #[test]
    fn a_sentence_that_says_its_item_was_not_decided() {
        for s in [
            "It is no longer in dispute and was not reviewed.",
            "It is no longer in dispute, and no determination of medical necessity was made.",
            "This request was listed on the application in error.",
            "The request was withdrawn by the requesting physician.",
        ] {
            assert!(states_no_determination(s), "{s}");
        }
        for s in [
            "The negative predictors of success are not addressed.",
            "Guideline cited: Not addressed in the MTUS.",
            "The request is certified.",
        ] {
            assert!(!states_no_determination(s), "{s}");
        }
    }

    use super::*;
    use Decision::*;

    /// Issue 14: a predicate is searched only in a sentence that holds its words; on every
    /// sentence of the labelled letters that some predicate may match (and one past ASCII, where
    /// all are), one ruled out never matches, and most are ruled out.
    #[test]
    fn predicates_are_ruled_out_only_of_sentences_they_do_not_match() {
        let mut texts: Vec<String> =
            crate::letter::labelled_sentences().into_iter().filter(|t| ANY_PREDICATE.is_match(t)).collect();
        texts.push("The request is not medically necessary (\u{212a}elvin).".into());
        assert!(texts.len() > 1000, "{} sentences", texts.len());
        assert!(FAMILY.is_gated(), "the predicates' cue words fit a mask");
        let patterns: Vec<(usize, &Regex)> = COMPILED.iter().map(|(re, ..)| re).enumerate().collect();
        let (ruled_out, asked, matched) = FAMILY.ruled_out_in(&patterns, &texts);
        assert!(matched >= texts.len(), "every such sentence matches a predicate: {matched}");
        assert!(ruled_out * 2 > asked, "{ruled_out} of {asked} searches ruled out");
    }

    fn outcome(s: &str) -> Option<Decision> {
        of_sentence(s).map(|x| x.outcome)
    }

    /// [`conclusion`] over sentences read here.
    fn concl(text: &str, sentences: &[(usize, usize)], quotes: impl Fn(&str) -> bool) -> Option<Statement> {
        let read: Vec<_> = sentences.iter().map(|&(s, e)| (s, e, of_sentence(&text[s..e]))).collect();
        conclusion(text, &read, |s, _| quotes(s))
    }

    /// A bare outcome opening a sentence, qualified after it, is the sentence's outcome; a bare
    /// word elsewhere in prose is not.
    #[test]
    fn a_qualified_bare_outcome() {
        fn read(s: &str) -> Option<(Decision, &str)> {
            of_sentence(s).map(|x| (x.outcome, &s[x.start..x.end]))
        }
        assert_eq!(read("Certified as a postoperative sling."), Some((Overturned, "Certified")));
        assert_eq!(read("Denied for lack of documented functional improvement."), Some((Upheld, "Denied")));
        assert_eq!(read("Not certified due to the missing trial."), Some((Upheld, "Not certified")));
        assert_eq!(read("Certified."), Some((Overturned, "Certified")));
        assert_eq!(read("Determination: Certified as a postoperative sling."), Some((Overturned, "Certified")));
        assert_eq!(read("Final decision:  Denied."), Some((Upheld, "Denied")));
        assert_eq!(read("The patient was seen for a follow up as planned."), None);
        assert_eq!(read("Therapy as tolerated for the knee."), None);
        // "medically necessary" as an attribute of a noun decides nothing.
        assert_eq!(read("Transportation is recommended for medically necessary appointments in the community."), None);
        assert_eq!(read("The transportation is medically necessary.").map(|r| r.0), Some(Overturned));
        // A negation run into the next word by PDF extraction.
        assert_eq!(
            read("The request for MRI of the cervical spine is notmedically necessary and appropriate.").map(|r| r.0),
            Some(Upheld)
        );
        assert_eq!(read("The request isnot medically necessary.").map(|r| r.0), Some(Upheld));
        // A negation before the subject.
        assert_eq!(
            outcome("Neither the omeprazole nor the cyclobenzaprine is medically necessary and appropriate."),
            Some(Upheld)
        );
        assert_eq!(outcome("Neither request is medically indicated at this time."), Some(Upheld));
        assert_eq!(outcome("Either the cream or the patch is medically necessary."), Some(Overturned));
    }

    /// The IMR decides the request as made: a part certified leaves the rest denied, and the
    /// request is upheld (docs/verdicts.md); the utilization review's own partial certification
    /// is not the reviewer's decision.
    #[test]
    fn a_part_certified_is_the_request_upheld() {
        assert_eq!(outcome("The request is therefore partially certified, for 6 of the 8 visits."), Some(Upheld));
        assert_eq!(outcome("The request is certified in part."), Some(Upheld));
        assert_eq!(outcome("Norco 10/325mg #90 is partially certified for #45 to allow weaning."), Some(Upheld));
        assert_eq!(outcome("Utilization review partially certified the request on 05/14/2013."), None);
        // A later firm statement in the sentence still has the last word.
        assert_eq!(outcome("As it cannot be partially certified, the request is certified."), Some(Overturned));
        assert_eq!(outcome("The request is certified."), Some(Overturned));
        // The part allowed decides the sentence, whatever it says of the part.
        for s in [
            "Physical therapy, 12 visits, is partially certified: 4 visits are medically necessary and appropriate; the remaining 8 visits are not.",
            "Chiropractic 2 times per week for 6 weeks is certified in part: 6 of the 12 visits are medically necessary and appropriate.",
            "Physical therapy 3 x 4 is medically necessary and appropriate for 6 visits only.",
            "Hydrocodone/APAP 10/325mg #120 is medically necessary and appropriate in part; a quantity of #60 is certified.",
            "Six of the twelve requested visits are medically necessary; the remaining six are not.",
            "Medical necessity is established for 4 of the 6 sessions.",
            "The first 8 sessions are certified; the remaining 4 visits are not medically necessary.",
            "Six sessions are medically necessary; the remainder of the request, up to 12 sessions, is not.",
            "Four visits are reasonable; the remainder of the requested visits are not medically necessary.",
            // Allowed for one part of the body and not another.
            "Chiropractic treatment 2 times per week for 4 weeks for the cervical and lumbar spine is medically necessary and appropriate for the cervical spine, and is not medically necessary and appropriate for the lumbar spine.",
            "Physical therapy for the neck and low back is not medically necessary for the low back, but is medically necessary for the neck.",
        ] {
            assert_eq!(outcome(s), Some(Upheld), "{s}");
        }
        // Allowed for both parts is allowed whole.
        assert_eq!(
            outcome("Massage is medically necessary for the neck, and is medically necessary for the low back."),
            Some(Overturned)
        );
        // The utilization review's part, and the items a sentence names by number, are not one.
        assert_eq!(
            outcome(
                "Utilization review partially certified 6 of the 12 visits; the full request is medically necessary."
            ),
            Some(Overturned)
        );
        assert_eq!(outcome("Items 1 and 3 are medically necessary; the remaining items are not."), Some(Overturned));
        assert_eq!(outcome("Four of the six requested medications were filled in May."), None);
    }

    /// "Partially overturned" and "certified as modified" said of a request allow a part of it:
    /// upheld. Said of the letter's determination, the outcome in part is the letter's, over
    /// several items, and no part statement.
    #[test]
    fn a_request_overturned_in_part_is_upheld_and_the_letters_outcome_in_part_is_no_part() {
        for s in [
            "The request is partially overturned.",
            "The request is therefore overturned in part.",
            "1. Physical therapy three times a week for four weeks for the left shoulder is partially overturned.",
            "Partially overturned (4 visits)",
            "Cyclobenzaprine 7.5mg #60 is certified as modified.",
            "The request is therefore certified as modified to 6 visits.",
            "The request is approved with modification.",
        ] {
            assert_eq!(outcome(s), Some(Upheld), "{s}");
        }
        for s in [
            "The utilization review determination is overturned in part.",
            "The Claims Administrator's decision is partially overturned.",
            "The prior determination of the claims administrator is partially overturned: items 4 and 6 are certified.",
            "The utilization review determination is therefore upheld in part and overturned in part, as set out above.",
        ] {
            assert!(!statements(s).iter().any(|st| st.part), "{s}");
            // Nor a whole outcome: the letter's outcome in part decides no item (the items it
            // names by number are read as such elsewhere).
            if !s.contains("items") {
                assert_eq!(of_sentence(s), None, "{s}");
            }
        }
    }

    #[test]
    fn the_same_outcome_in_many_words() {
        for s in [
            "The utilization review decision is upheld.",
            "The prior determination stands.",
            "The prior modification to 2 visits stands.",
            "The utilization review modification to six visits is upheld.",
            "The prior non-certification should stand.",
            "The utilization review decision cannot be overturned.",
            "The denial must stand.",
            "I would not overturn the denial.",
            "The denial is not overturned.",
            "The denial is affirmed.",
            "The request is not certified.",
            "Physical therapy x12 is not medically necessary.",
            "The lumbar support brace remains non-certified.",
            "I cannot certify the work hardening program.",
            "Medical necessity for the requested MRI has not been established.",
            "The medical necessity of tramadol has not been established.",
            "Medical necessity for Lidoderm 5% patch #30 has not been established.",
            "I am unable to find Lidoderm 5% patches #30 medically necessary.",
            "The rental is denied as not medically necessary.",
            "This request cannot be recommended as medically necessary.",
            "The gym membership is not recommended as medically necessary.",
            "Ongoing use is not supported as medically necessary.",
            "The UR non-certification is upheld.",
            "UR decision upheld.",
            "Non-certification of the lumbar brace is recommended.",
            "The utilization review decision on the weight loss program is affirmed.",
            "The non-certification of the requested physical therapy 2 x 3 for the right shoulder is affirmed.",
            "Non-certified.",
            "It has not been shown to be medically required.",
            "NOT MEDICALLY NECESSARY",
            "Continued use is not recommended, and the denial of cyclobenzaprine 7.5mg #60 is upheld.",
            "Based on the above, I am unable to find the request for three blocks medically necessary.",
            "The reviewer fails to find the second series of injections medically indicated.",
            "I agree with the prior non-certification of this request.",
            "I concur with the utilization reviewer's determination.",
            "The second block is therefore recommended for non-certification.",
            "Certification is not recommended.",
            "Approval of the decompression cannot be recommended.",
            "Recommendation: non-certify.",
            "Recommendation: Non-certification of the program.",
            "Recommendation is for non-certification.",
            "My recommendation would be to uphold the denial.",
            "We non-certify the request.",
            "A repeat study would not change management. I am unable to recommend certification of the nerve conduction study.",
            "I cannot recommend approval of the brace.",
            "I would not recommend certification.",
        ] {
            assert_eq!(outcome(s), Some(Upheld), "{s}");
        }
        for s in [
            "I find the psychological treatment warranted, and the UR decision is not upheld.",
            "I do not uphold the non-certification.",
            "The determination is reversed.",
            "Recommendation: certify.",
            "The series can be stopped after the first injection if it does not help, I find the request medically necessary.",
            "Recommendation: Certification of 8 visits.",
            "The recommendation is for certification of the six visits.",
            "The request is overturned.",
            "The request is certified.",
            "Cyclobenzaprine is medically necessary and appropriate.",
            "The UR non-certification is over-turned.",
            "I am overturning the prior non-certification.",
            "The utilization review decision is reversed.",
            "Medical necessity for the collar has been established, and the request is certified.",
            "Medical necessity for Terocin 4% lotion & patches has been established.",
            "The acupuncture request is appropriate and is certified.",
            "This request is approved as medically necessary.",
            "MEDICALLY NECESSARY",
            "The MRI is supported and should be authorized.",
            "The surgery meets the guideline criteria. Recommend certification.",
            "Nortriptyline 25mg #30 with 3 refills is medically appropriate.",
            "Certification of the requested six sessions of cognitive behavioral therapy is recommended.",
            "Certified.",
            "The front-wheeled walker is approved.",
            "Both knee braces are therefore authorized.",
            "I disagree with the prior denial.",
            "The consultation is recommended for certification.",
            "Eight visits fall within the guideline. The denial cannot be upheld.",
            "The prior non-certification cannot stand.",
        ] {
            assert_eq!(outcome(s), Some(Overturned), "{s}");
        }
    }

    #[test]
    fn a_firm_clause_outranks_a_later_hedge_and_a_question_decides_nothing() {
        assert_eq!(
            outcome(
                "Recommend non-certification of tramadol 50mg #120; a smaller quantity would be reasonable to request."
            ),
            Some(Upheld)
        );
        let text = "Is the request for tramadol medically necessary? Its use is reasonable.";
        let c = concl(text, &[(0, 48), (49, text.len())], |_| false);
        assert_eq!(c.map(|c| (c.outcome, c.strength)), Some((Overturned, Strength::Hedged)));
        // "is recommended" ending the rationale is its (hedged) outcome; a guideline's "is
        // recommended as ..." is not.
        let text = "The employee has chronic pain with depression. A pain management consultation is recommended.";
        let c = concl(text, &[(0, 46), (47, text.len())], |_| false);
        assert_eq!(c.map(|c| (c.outcome, c.strength)), Some((Overturned, Strength::Hedged)));
        let text = "Aquatic therapy is recommended as an optional form of exercise therapy.";
        assert_eq!(concl(text, &[(0, text.len())], |_| false).map(|c| c.outcome), None);
    }

    /// The reviewer reporting what utilization review did decides nothing; the same words as
    /// the reviewer's own act, and "the UR decision is upheld", still decide.
    #[test]
    fn what_utilization_review_did_is_not_the_decision() {
        assert_eq!(
            outcome("Utilization review non-certified naproxen, noting that long-term NSAID use is not advised."),
            None
        );
        assert_eq!(outcome("The UR of 9/12/2013 non-certified the therapy."), None);
        assert_eq!(outcome("The request was non-certified by utilization review on 8/1/2013."), None);
        assert_eq!(outcome("The claims administrator denied the request."), None);
        assert_eq!(outcome("The request is non-certified."), Some(Upheld));
        assert_eq!(outcome("The UR decision is upheld."), Some(Upheld));
        assert_eq!(outcome("The utilization review non-certification is affirmed."), Some(Upheld));
        assert_eq!(outcome("The UR non-certification stands."), Some(Upheld));
        assert_eq!(outcome("The utilization review decision is overturned."), Some(Overturned));
        assert_eq!(outcome("The request is certified; utilization review had modified it."), Some(Overturned));
        assert_eq!(
            outcome("Utilization review non-certified naproxen, noting that long-term use is not recommended."),
            None
        );
        assert_eq!(outcome("UR non-certified it, but the request is medically necessary."), Some(Overturned));
        let text = "Utilization review non-certified naproxen. A short course of naproxen is supported.";
        let c = concl(text, &[(0, 42), (43, text.len())], |_| false);
        assert_eq!(c.map(|c| (c.outcome, c.strength)), Some((Overturned, Strength::Hedged)));
    }

    #[test]
    fn reverse_as_an_adjective_is_not_a_decision() {
        assert_eq!(outcome("She underwent a reverse total shoulder arthroplasty."), None);
        assert_eq!(outcome("She was authorized 12 visits in 2013."), None);
        assert_eq!(outcome("If the first block helps, a second one would be medically necessary."), None);
        assert_eq!(outcome("Six sessions were approved by utilization review."), None);
    }

    #[test]
    fn a_rationale_concludes_with_its_last_firm_statement() {
        let text = "Interferential stimulation is not recommended as an isolated intervention. \
                    A two-month rental exceeds the trial. The unit is not medically necessary.";
        let sentences = [(0, 74), (75, 113), (114, text.len())];
        let c = concl(text, &sentences, |_| false).expect("a conclusion");
        assert_eq!(c.outcome, Upheld);
        assert_eq!(&text[c.start..c.end], "not medically necessary");
        let text =
            "Zolpidem is for short-term use. Ongoing use of zolpidem 10mg #30 is not supported by the guidelines.";
        let c = concl(text, &[(0, 32), (33, text.len())], crate::extract::evidence::is_guideline_sentence);
        assert_eq!(c.map(|c| c.outcome), Some(Upheld));
        let text = "MTUS says it is not recommended for chronic pain. The request is supported here.";
        let c = concl(text, &[(0, 49), (50, text.len())], |s| s.starts_with("MTUS"));
        assert_eq!(c.map(|c| c.outcome), Some(Overturned));
    }

    /// The request measured against the guidelines, and a reviewer's "cannot be recommended",
    /// conclude even in sentences that name the guidelines.
    #[test]
    fn the_request_measured_against_the_guidelines() {
        let quotes = crate::extract::evidence::is_guideline_sentence;
        let one = |text: &str| concl(text, &[(0, text.len())], quotes).map(|c| c.outcome);
        assert_eq!(one("Six visits as an initial trial is consistent with the guidelines."), Some(Overturned));
        assert_eq!(one("Twelve visits are not consistent with the MTUS guidelines."), Some(Upheld));
        assert_eq!(one("The request exceeds the guideline recommendations."), Some(Upheld));
        assert_eq!(one("A gym membership cannot be recommended."), Some(Upheld));
        assert_eq!(
            one("A three month rental is beyond the one-month trial the guidelines allow and cannot be recommended."),
            Some(Upheld)
        );
        // A guideline's own words still decide nothing.
        assert_eq!(one("Gym memberships are not recommended as a medical prescription."), None);
        // Nor what may be so for some patients, before the reviewer's hedged conclusion.
        let text = "ODG states that bone growth stimulation may be considered medically necessary as an adjunct to \
            spinal fusion surgery for patients with risk factors. For these reasons the stimulator cannot be recommended.";
        let split = text.find("For these").expect("two sentences");
        let c = concl(text, &[(0, split - 1), (split, text.len())], quotes);
        assert_eq!(c.map(|c| c.outcome), Some(Upheld));
        assert_eq!(one("The pain is consistent with a diagnostic block."), None);
    }
}
