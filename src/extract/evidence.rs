//! Evidence in sentences: whether a sentence quotes a guideline or speaks of the patient, which
//! counts are prior visits and which are requested, and statements of functional improvement or
//! selection criteria with their negation, in the manner of NegEx: a negation cue governs a
//! trigger in the same clause, up to a scope terminator ("but", "however").

use crate::domain::Tri;
use crate::pattern::{AnyOf, Regex};
use crate::text::floor_char;
use std::sync::LazyLock;

fn re(p: &str) -> Regex {
    Regex::new(&format!("(?i){p}")).expect("evidence pattern compiles")
}

/// Words that mark a sentence as describing a guideline rather than the patient.
static GUIDELINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:MTUS|ACOEM|ODG|CPMTG|guidelines?|recommends?|recommended|are supported|is supported|supports?|allows?\s+for|criteria\s+for|is\s+considered\s+medically\s+necessary\s+when|indicated\s+(?:when|for|if)|studies|literature|research|evidence\s+(?:shows|suggests|indicates)|(?:is|are)\s+(?:not\s+)?suggested)\b",
    )
});
/// Words that mark a sentence as being about this patient or this file.
static CASE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:patient|injured\s+worker|employee|claimant|applicant|this\s+case|in\s+this\s+instance|submitted|records?|reports?|(?:no|without|lack\s+of|absence\s+of)\s+(?:\w+\s+)?documentation|not\s+(?:been\s+)?documented|there\s+(?:is|are|was|were)\s+no|he|she|his|her|the\s+provider|treater|treating|here|re-?evaluation|(?:progress|therapy|treatment|therapist'?s?|session|visit|office|clinic(?:al)?)\s+notes?|the\s+trial|(?:this|the)\s+(?:worker|claimant|individual|man|woman|gentleman|lady)|discharge\s+(?:summary|note|report)|ledger|attendance\s+(?:log|records?)|flow\s*sheets?|billing\s+(?:records?|history|statements?)|dates?\s+of\s+service|(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?:completed|attended)\s+(?:visits?|sessions?|treatments?)|(?:has|have|had)\s+(?:already\s+)?(?:completed|attended|undergone|received|finished)|(?:has|have|had)\s+(?:already\s+)?been\s+(?:completed|attended|documented|used)|(?:already|previously)\s+(?:completed|attended|received|used)|(?:are|were|was)\s+(?:already\s+)?documented|utilization\s+review|non-?certif\w*|request(?:ed|s|ing)?|dated|(?:earlier|prior|previous)\s+(?:(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+)?(?:course|trial|sessions?|visits?|treatments?)|did\s+produce|this\s+(?:is|represents|constitutes|amounts\s+to)|the\s+(?:file|chart|notes|documentation|medical\s+records)|(?:the|his|her|their|this|its)\s+(?:treating\s+|primary\s+|requesting\s+|attending\s+|ordering\s+|referring\s+)?(?:surgeon|physician|doctor|therapist|chiropractor|acupuncturist|psychologist|psychiatrist|orthopedist|orthopaedist|neurologist|podiatrist|clinician|practitioner|provider)s?|dr\.?\s+[A-Z]\w+)\b",
    )
});

/// True when a sentence speaks of this patient or this file.
pub fn is_case_sentence(s: &str) -> bool {
    CASE.is_match(s)
}

/// True when a sentence states a guideline's content rather than a fact of the case.
pub fn is_guideline_sentence(s: &str) -> bool {
    GUIDELINE.is_match(s) && !CASE.is_match(s)
}

/// Cues that a count is of visits already done.
pub const PRIOR_CUES: &[&str] = &[
    "completed",
    "completion",
    "attended",
    // "the attendance log documents 9 visits"
    "attendance",
    "had",
    "has had",
    "have had",
    "received",
    "undergone",
    "underwent",
    "authorized",
    "approved",
    "was certified for",
    "were certified for",
    "been certified for",
    "prior",
    "previous",
    "previously",
    "already",
    "to date",
    "so far",
    "past",
    "participated",
    "rendered",
    "finished",
    "done",
    "went through",
    "went to",
    "tried",
    // "After a trial of 6 chiropractic visits in May and June 2013, his lumbar flexion improved".
    "after a trial of",
    "after a course of",
    "following a trial of",
    "following a course of",
    "gone through",
    // "The patient used 8 physical therapy visits in 06/2013"
    "patient used",
    "he used",
    "she used",
    "worker used",
    "claimant used",
    "has used",
    "had used",
    "have used",
    "used a",
    "used an",
    "used the",
    // "Twenty visits have been used", "eight visits were used up by 10/15/2013"
    "been used",
    "were used",
    "was used",
    "used up",
    "rented",
    "trialed",
    "has included",
    "have included",
    "had included",
    "consisted of",
    // "Occupational therapy has comprised ten pre-operative and six post-operative sessions"
    "comprised",
    "earlier",
    "after which",
    "following which",
    "was provided",
    "were provided",
    "been provided",
    "was given",
    "were given",
    "been given",
    // "He was issued a TENS unit for a one-month home trial in August 2013"
    "was issued",
    "were issued",
    "been issued",
    "was dispensed",
    "were dispensed",
    "been dispensed",
    "been through",
    "was treated with",
    // "She treated with Dr. Alvarez for 8 visits", "he was treated by a chiropractor for 12"
    "treated with",
    "treated by",
    // "The left wrist was treated separately with six occupational therapy visits"
    "treated separately with",
    // "Six acupuncture treatments to the right shoulder followed in January and February 2018"
    "followed in",
    "followed between",
    "followed from",
    "followed during",
    "followed over",
    // "After his first 6 treatments this worker reduced his tramadol use"
    "after his first",
    "after her first",
    "after their first",
    // "She did six sessions of therapy with one clinic"
    "she did",
    "he did",
    "they did",
    "patient did",
    "worker did",
    "claimant did",
    "employee did",
    // "She also paid out of pocket for six massages at a day spa": care had outside the claim.
    "paid for",
    "paid out of pocket for",
    "paid privately for",
    "paid on her own for",
    "paid on his own for",
    "treated conservatively with",
    "treated initially with",
    "treated first with",
    "was seen for",
    "were seen for",
    "been seen for",
    // "The therapy notes document 8 sessions", "the discharge note lists 8 post-operative visits"
    "notes document",
    "notes record",
    "notes list",
    "notes show",
    "note documents",
    "note records",
    "note lists",
    "note shows",
    "records document",
    "records show",
    // "The post-operative physical therapy ledger lists 10 visits, on 07/02, ...", "the
    // discharge summary shows 12 sessions": a record of visits given counts visits given.
    "ledger lists",
    "ledger shows",
    "ledger records",
    "ledger reflects",
    "log lists",
    "log shows",
    "log records",
    "log reflects",
    "discharge summary lists",
    "discharge summary shows",
    "discharge summary records",
    "discharge summary reflects",
    "flow sheets show",
    "flowsheets show",
    "billing records show",
    "billing records list",
    "records list",
    "records reflect",
    "notes reflect",
    // "The records indicate at least 18 physical therapy visits for the neck in 2015"
    "records indicate",
    "records confirm",
    "records reveal",
    "notes indicate",
    "notes confirm",
    "documentation indicates",
    "documentation shows",
    "documentation confirms",
    // "A billing ledger from the therapy provider itemizes eight post-operative visits"
    "itemizes",
    "itemized",
    // "the daily notes submitted for this review document 18 visits": the verb alone, next to
    // the count, outranks the request's words further back.
    "document",
    "documents",
];
/// Cues of visits done whose words may stand apart, as patterns: "the new provider has seen her
/// for (6 more visits)", "saw a psychologist for (4 sessions)", "was treated in 2015 at a
/// chiropractic office with (10 adjustments)".
const PRIOR_CUE_PATTERNS: &[&str] = &[
    r"(?:saw|seen)\s+(?:(?:her|him|them|the\s+(?:patient|claimant|worker|employee|applicant)|an?\s+[\w-]+|Dr\.?\s+[\w'’-]+)\s+)?(?:(?:again|there|also|monthly|weekly)\s+){0,2}for",
    r"treated\s+(?:[\w.'’-]+\s+){1,6}?with",
];
/// Cues that a count is of visits requested.
pub const REQUEST_CUES: &[&str] = &[
    "request",
    "requested",
    "requesting",
    "requests",
    "additional",
    "more",
    "further",
    "another",
    "recommend",
    "recommended",
    "recommends",
    "recommendation",
    "recommendations",
    "plan",
    "planned",
    "proposed",
    "prescribed",
    "prescribes",
    "ordered",
    "orders",
    "order",
    "prescription",
    "referral",
    "asks for",
    "asking for",
    "asked for",
    "seeks",
    "seeking",
    "requires",
    "wants",
    "would like",
    "submitted for",
    // "The utilization review dated 08/19/2013 non-certified 12 visits of chiropractic
    // treatment": what the review denied is what was asked.
    "non-certified",
    "noncertified",
    "non-certifying",
    "non-certification of",
    // "it would also add 8 visits to a postoperative course"
    "would add",
    "would also add",
    "will add",
    "to add",
];
/// Cues that a count is of visits left on an authorisation, neither prior nor requested.
pub const REMAINING_CUES: &[&str] = &["left", "remaining", "remain", "available", "unused", "outstanding"];

/// Auxiliaries that may stand apart from their participle by one of [`CUE_ADVERBS`].
const AUXILIARIES: &[&str] = &["was", "were", "been", "has", "had", "have"];
/// Adverbs a writer puts inside a cue's verb ("he was also issued", "has previously had").
const CUE_ADVERBS: &[&str] = &["also", "then", "later", "previously", "initially", "already", "subsequently", "since"];

static CUE_RES: LazyLock<[Regex; 3]> = LazyLock::new(|| {
    let adverb = format!(r"\s+(?:(?:{})\s+)?", CUE_ADVERBS.join("|"));
    let cue = |c: &str| {
        let words: Vec<String> = c.split(' ').map(regex::escape).collect();
        match words.split_first() {
            Some((aux, rest)) if !rest.is_empty() && AUXILIARIES.contains(&aux.as_str()) => {
                format!("{aux}{adverb}{}", rest.join(r"\s+"))
            }
            _ => words.join(r"\s+"),
        }
    };
    let alt = |cues: &[&str]| re(&format!(r"\b(?:{})\b", cues.iter().map(|c| cue(c)).collect::<Vec<_>>().join("|")));
    [alt(PRIOR_CUES), alt(REQUEST_CUES), alt(REMAINING_CUES)]
});
/// [`PRIOR_CUE_PATTERNS`], a pattern of their own: inside the literal cues' alternation, their
/// word runs cost its DFA built in (a letter's `check` took half again as long).
static PRIOR_CUES_APART: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"\b(?:{})\b", PRIOR_CUE_PATTERNS.join("|"))));

/// Whether `text` holds a cue that a count is of visits asked for ("requested", "more"), not
/// one of the [`NOT_ASKING`] words that only look like one.
pub fn asks(text: &str) -> bool {
    CUE_RES[1].find_iter(text).any(|m| !not_asking(m.as_str(), &text[..m.start()]))
}

/// Request cues that ask for nothing after certain words: "another" after a preposition names a
/// different place or provider ("with another provider", "through another provider", "at another
/// clinic"); a "plan" after a payer's word is the patient's cover ("through her group health
/// plan"); "in order" is "so as".
static NOT_ASKING: LazyLock<[(&[&str], Regex); 3]> = LazyLock::new(|| {
    [
        (&["another"][..], re(r"\b(?:at|from|with|by|in|through|via|under)\s+$")),
        (
            &["plan", "plans"][..],
            re(
                r"\b(?:health|insurance|insurer'?s|group|benefits?|medical|private|dental|HMO|PPO|carrier'?s|employer'?s)\s+$",
            ),
        ),
        (&["order"][..], re(r"\bin\s+$")),
    ]
});

/// Whether a request cue is one of the [`NOT_ASKING`] words just after the words that undo it.
fn not_asking(cue: &str, before: &str) -> bool {
    let lead = crate::text::lead(before, before.len(), 24);
    NOT_ASKING.iter().any(|(cues, after)| cues.iter().any(|c| cue.eq_ignore_ascii_case(c)) && after.is_match(lead))
}

/// The words after a count ending at `end`, to the end of its clause (at most 45 bytes).
fn clause_after(sentence: &str, end: usize) -> &str {
    // "Occupational therapy for the right elbow, 6 visits, was authorized": a count set between
    // commas before its sentence's verb; the verb past the comma says what the count is.
    let from = match sentence[end..].strip_prefix(',') {
        Some(rest) if APPOSITION_VERBS.iter().any(|v| rest.trim_start().starts_with(v)) => end + 1,
        _ => end,
    };
    let clause_end = sentence[from..].find([';', ',', '.']).map(|p| from + p).unwrap_or(sentence.len()).min(from + 45);
    &sentence[end..ceil(sentence, clause_end)]
}

/// The verbs that may follow a count set between commas ("6 visits, was authorized").
const APPOSITION_VERBS: &[&str] = &["was ", "were ", "has been ", "had been ", "have been "];

/// Do the words after a count ending at `end` say it is what remains of an authorization ("3
/// visits left", "8 authorized visits still available"), not "18 visits for the left knee"?
pub fn remainder(sentence: &str, end: usize) -> bool {
    let after = clause_after(sentence, end);
    let window = &after[..ceil(after, 24)];
    CUE_RES[2].find_iter(window).any(|m| {
        !(m.as_str().eq_ignore_ascii_case("left")
            && (SIDE_BEFORE.is_match(&window[..m.start()]) || SIDE_AFTER.is_match(&after[m.end()..])))
    })
}

/// What a count in a sentence refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountRole {
    /// Visits already done.
    Prior,
    /// Visits requested.
    Requested,
    /// Neither, or unclear.
    Other,
}

/// "the left", "her left", "left knee": the side of the body, not visits left.
static SIDE_BEFORE: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:the|her|his|their|its|a|both|and|or)\s+$"));
static SIDE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(?:and|or|side|sided|upper|lower|knee|shoulder|arm|hand|wrist|elbow|hip|ankle|foot|leg|thumb|finger|neck|back|lumbar|cervical|thoracic|sacroiliac|SI|[LCT]\d)\b",
    )
});

/// A course denied before its count: "no evidence that", "does not indicate that ... has
/// undergone", "has not had", "did not complete", "never", "the records do not document a"
/// (right before it).
static NOT_DONE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:(?:do|does|did)\s*n[o']t\s+(?:indicate|show|document|reflect|establish|demonstrate|mention|state|describe|confirm)\s+that|no\s+(?:evidence|documentation|indication|record|mention)\s+(?:(?:in|from|within)\s+(?:the\s+)?(?:medical\s+)?(?:records?|file|documentation|notes|reports?)\s+)?(?:that|of)|nothing\s+in\s+the\s+(?:medical\s+)?(?:records?|file|notes)\s+(?:indicates|shows|suggests|documents)\s+that|(?:has|have|had)\s*n[o']t\s+(?:yet\s+|ever\s+)?(?:had|undergone|completed|tried|attended|received|used)|never\s+(?:had|undergone|completed|tried|attended|received|used)|(?:do|does|did)\s*n[o']t\s+(?:yet\s+|ever\s+)?(?:have|undergo|complete|try|attend|receive|use|do|finish|start|begin))\b|\b(?:do|does|did)\s*n[o']t\s+(?:document|show|reflect|describe|include)(?:\s+(?:an?|any))?\s*$",
    )
});

/// Classify the count at `start..end` of `sentence` by its nearest cue within the clause.
pub fn count_role(sentence: &str, start: usize, end: usize) -> CountRole {
    let clause_start = match sequel_clause(sentence, start) {
        // "She received 6 visits of home physical therapy after discharge, followed by 18
        // outpatient physical therapy visits": a course told as the sequel of one is what that
        // one is, and the cue is read in the clause before.
        Some(comma) => sentence[..comma].rfind([';', ',']).map_or(0, |p| p + 1).max(start.saturating_sub(160)),
        None => sentence[..start].rfind([';', ',']).map_or(0, |p| p + 1).max(start.saturating_sub(60)),
    };
    // "The treating physician's request, per the 05/30/2013 report, is for a trial of six
    // visits": a clause that opens on its verb has its subject before the aside.
    let clause_start =
        if clause_start > 0 && COPULA_OPENS.is_match(&sentence[floor_char(sentence, clause_start)..start]) {
            // The aside's own start, then the start of the clause before it.
            match sentence[..clause_start - 1].rfind(',') {
                Some(aside) => sentence[..aside].rfind([';', ',']).map_or(0, |p| p + 1).max(start.saturating_sub(160)),
                None => clause_start,
            }
        } else {
            clause_start
        };
    // "The chiropractic treatment to date, 8 visits with one provider and 6 with another,
    // was clearly beneficial", "has been given at two clinics, the 12 visits at Bayside and
    // ...": a count that opens its clause is set beside the words before the comma, and their
    // cue is its when its own clause has none.
    let apposed = clause_start > 0 && {
        let lead = sentence[floor_char(sentence, clause_start)..start].trim();
        lead.is_empty()
            || ["the", "a", "an", "about", "approximately", "some"].iter().any(|w| lead.eq_ignore_ascii_case(w))
    };
    let set_beside = apposed.then(|| {
        let from = floor_char(
            sentence,
            sentence[..clause_start - 1].rfind([';', ',']).map_or(0, |p| p + 1).max(start.saturating_sub(160)),
        );
        (&sentence[from..clause_start], from)
    });
    let before = &sentence[floor_char(sentence, clause_start)..start];
    let after = clause_after(sentence, end);
    if remainder(sentence, end) {
        return CountRole::Other;
    }
    // "The records do not indicate that she has undergone a one month TENS trial": a course
    // said not to have happened is neither done nor asked for.
    let lead = &sentence[..floor_char(sentence, start)];
    let lead = &lead[lead.rfind(['.', ';']).map_or(0, |p| p + 1)..];
    if let Some(m) = NOT_DONE_LEAD.find_iter(lead).last() {
        if !TERMINATOR.is_match(&lead[m.end()..]) {
            return CountRole::Other;
        }
    }
    // "the utilization review has already certified the first 80 hours", "modified the
    // request to 6 visits": a part of the request certified, not a course done.
    if PART_CERTIFIED_LEAD.is_match(before) {
        return CountRole::Other;
    }
    // "would bring the total past the general course of 24 visits", "up to a maximum of 10
    // visits": the guideline's figure restated in a sentence about the case.
    // ("She completed an initial course of 6 acupuncture treatments" is a course done, as is
    // "an initial course of 6 acupuncture treatments was completed".)
    if GUIDELINE_FIGURE_LEAD
        .find(before)
        .is_some_and(|m| !DONE_COURSE_LEAD.is_match(&before[..m.start()]) && !DONE_JUST_AFTER.is_match(after))
    {
        return CountRole::Other;
    }
    // "would take the total past the 18 visits the guidelines allow": the figure the words
    // after the count give to the guideline.
    if GUIDELINE_FIGURE_TAIL.is_match(after) {
        return CountRole::Other;
    }
    // "falls under the Chronic Pain Guidelines, which recommend 8-10 visits": the guideline's
    // figure in a relative clause, past the comma that ends `before`.
    if GUIDELINE_RELATIVE_LEAD.is_match(crate::text::lead(sentence, start, 120)) {
        return CountRole::Other;
    }
    // "the full 24 visits cannot be authorized": an authorization refused or supposed is not a
    // course done.
    let unreal = |at: usize, text: &str| {
        let lead = crate::text::lead(text, at, 14);
        MODAL_LEAD.is_match(lead)
    };
    // "she attended another six sessions", "eight visits at another (clinic)": a quantity word
    // after a verb of a course done, or a cue its lead undoes (NOT_ASKING), asks for nothing.
    // The lead is read in the sentence, so that a cue just after the count has the count's
    // words before it ("8 visits with one provider and 6 with | another").
    let not_asked = |word: &str, at: usize| {
        let lead = crate::text::lead(sentence, at, 24);
        (QUANTITY_CUES.iter().any(|w| word.eq_ignore_ascii_case(w)) && DONE_BEFORE_QUANTITY.is_match(lead))
            || not_asking(word, lead)
    };
    // Where `before` and `after` start in the sentence.
    let before_at = floor_char(sentence, clause_start);
    // The distance from the count to the nearest heeded cue of kind `i` (0 prior, 1 requested)
    // in `text`, a stretch of the sentence from byte `at`, before the count or after it.
    let nearest_cue = |i: usize, text: &str, at: usize, before_count: bool| {
        let apart = (i == 0).then(|| PRIOR_CUES_APART.find_iter(text)).into_iter().flatten();
        CUE_RES[i]
            .find_iter(text)
            .chain(apart)
            .filter(|m| {
                if i == 0 {
                    !unreal(m.start(), text) && !of_a_state(m.as_str(), &text[m.end()..])
                } else {
                    !not_asked(m.as_str(), at + m.start())
                }
            })
            .map(|m| if before_count { text.len() - m.end() } else { m.start() + 2 })
            .min()
    };
    let nearest_role = |stretches: &[(&str, usize, bool)]| {
        let mut best: Option<(usize, CountRole)> = None;
        for (i, role) in [(0usize, CountRole::Prior), (1, CountRole::Requested)] {
            for &(text, at, before_count) in stretches {
                if let Some(d) = nearest_cue(i, text, at, before_count) {
                    if best.is_none_or(|(bd, _)| d < bd) {
                        best = Some((d, role));
                    }
                }
            }
        }
        best.map(|(_, r)| r)
    };
    let best = nearest_role(&[(before, before_at, true), (after, end, false)])
        .or_else(|| set_beside.and_then(|(beside, at)| nearest_role(&[(beside, at, true)])));
    // "Treatment to date includes 12 physical therapy visits in 2012, a home exercise program,
    // Naproxen, and 6 acupuncture sessions": a count in a list of treatments had, its clause
    // holding no cue of its own, is one of them.
    best.unwrap_or_else(|| {
        let head = &sentence[..floor_char(sentence, start)];
        // "Psychotherapy (CBT) ............ 4 sessions (4/2013-5/2013)": a row of a table of
        // treatments had, the treatment, its leader dots and its count.
        if LEADER_ROW.is_match(head) && !asks(&sentence[end..]) {
            return CountRole::Prior;
        }
        match LIST_HEAD.find_iter(head).last() {
            Some(m) if !head[m.end()..].contains(';') && !asks(&head[m.end()..]) => CountRole::Prior,
            _ => CountRole::Other,
        }
    })
}

/// The request cues that only say how much: "another", "more", "additional", "further".
const QUANTITY_CUES: &[&str] = &["another", "more", "additional", "further"];
/// A verb of a course done just before a quantity word: "attended another", "completed an
/// additional", "had six more" is read where the count stands, so only the verb is looked for.
static DONE_BEFORE_QUANTITY: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(?:attended|completed|finished|received|underwent|had|has\s+had|did)\s+(?:an?\s+)?$"));

/// Words just before a count that make it the guideline's figure: "the general course of",
/// "the recommended", "a maximum of", "the guideline limit of", "up to".
pub(crate) static GUIDELINE_FIGURE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:(?:general|initial|recommended|guideline|guidelines'?|postsurgical|post-surgical|maximum|allowed|allowable|usual|standard)\s+(?:course|number|maximum|limit|total|allowance)(?:\s+of)?|(?:a|the)\s+maximum\s+of|no\s+more\s+than|up\s+to(?:\s+a\s+(?:total|maximum)\s+of)?|(?:the\s+)?guidelines?\s+(?:recommend|allow|support)s?(?:\s+up\s+to)?)\s+$",
    )
});

/// A guideline named, then the relative clause that gives its figure: "the Chronic Pain
/// Guidelines, which recommend", "the MTUS, which allows up to".
static GUIDELINE_RELATIVE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:guidelines?|MTUS|CPMTG|ODG|ACOEM)\s*,?\s+(?:which|that)\s+(?:would\s+|also\s+|only\s+|generally\s+)?(?:recommend|allow|support|permit|endorse)s?(?:\s+(?:only|up\s+to))?(?:\s+(?:a\s+)?(?:total|maximum)\s+of)?\s+$",
    )
});

/// A clause that opens on its verb, or on the preposition that goes on with the verb before an
/// aside: "is for", "was to", "are", "(treated with Dr. Feld, a chiropractor,) for".
static COPULA_OPENS: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*(?:is|are|was|were|for)\b"));

/// Words just after a count that make it the guideline's figure: "(the 18 visits) the
/// guidelines allow", "(24 visits,) which the MTUS recommends".
static GUIDELINE_FIGURE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(?:(?:visits?|sessions?|treatments?)\s+)?(?:that\s+|which\s+)?(?:the\s+)?(?:(?:MTUS|CPMTG|ODG|ACOEM|chronic\s+pain|postsurgical)\s+)?(?:guidelines?|MTUS|CPMTG|ODG|ACOEM)\s+(?:would\s+|will\s+|do\s+|does\s+)?(?:allow|recommend|support|permit|endorse)s?\b",
    )
});

/// A course done, before the words that would make its count a guideline's figure: "completed
/// an initial course of".
static DONE_COURSE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(?:completed|finished|had|underwent|undergone|attended|received|tried|done)\s+(?:an?|the|her|his|their)\s+$")
});
/// A course said done just after its count: "(an initial course of 6 acupuncture treatments)
/// was completed in the fall of 2012", "(a further 4 visits) were completed", "(Four further
/// sessions) were given in August 2016".
pub(crate) static DONE_JUST_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(?:of\s+[\w-]+(?:\s+[\w-]+)?\s+)?(?:were|was|has\s+been|have\s+been|had\s+been)\s+(?:also\s+)?(?:completed|finished|attended|given|provided|done|received|rendered|performed|administered)\b",
    )
});

/// The head of a list of treatments had: "treatment to date includes", "care has included",
/// "Treatment to date, per the records:".
static LIST_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:(?:treatments?|care|therapy|therapies|management)\s+(?:to\s+date\s+|so\s+far\s+)?(?:has\s+|have\s+|had\s+)?(?:includes|included|include|consisted\s+of|consists\s+of)|(?:to\s+date|so\s+far)\s+(?:has\s+|have\s+)?(?:includes|included|consisted\s+of))\b|\b(?:treatments?|care|therapy|therapies)\s+(?:to\s+date|so\s+far|history)(?:,?\s+(?:per|according\s+to|as\s+(?:listed|documented)\s+in)\s+the\s+(?:\w+\s+)?(?:records?|notes?|file|chart))?\s*:",
    )
});

/// A table row's treatment and leader dots, up to its count: "Biofeedback ........ (2 sessions)".
static LEADER_ROW: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*[A-Za-z][^.;:]{1,60}?\s*\.{4,}\s*$"));

/// Words just before a count that make it the part of a request the utilization review let
/// through: "certified the first", "modified the request to", "partially certified for".
static PART_CERTIFIED_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:(?:certif(?:y|ied|ying)|approv(?:e|ed|ing)|authoriz(?:e|ed|ing))\s+(?:only\s+)?the\s+first|modif(?:y|ied|ying)\s+(?:it|(?:the|this|that)\s+(?:request|requests|order|prescription|treatment|program)|(?:the|this)\s+[\w-]+(?:\s+[\w-]+){0,3}?)?\s*(?:from\s+[^.;,]{1,30}?\s+)?to(?:\s+(?:allow|certify|approve|authorize))?(?:\s+(?:only|the\s+first))?|partial(?:ly)?\s+(?:certif\w*|approv\w*|authoriz\w*)(?:\s+(?:of|for))?(?:\s+only)?)\s+$",
    )
});

/// Words before a cue that make it unreal: "cannot be (authorized)", "would be", "to be".
static MODAL_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(?:cannot|can\s*not|can't|will\s+not|won't|would|should|could|may|might|must|to)\s+(?:not\s+)?be\s+$")
});

fn ceil(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i.min(s.len())
}

/// The patient as the subject of a sentence ("applicant": California's word for the injured
/// worker before the appeals board).
const PERSON: &str = "she|he|they|patient|claimant|applicant|worker|employee";

/// Earlier treatment of a kind, without a count: "treatment to date has included", "previous".
static PRIOR_TREATMENT: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"\b(?:(?:has|have|had)\s+(?:continued|been)\s+(?:in|with|on|attending|receiving|doing)|(?:{PERSON})\s+(?:has\s+)?(?:had|received|underwent|attended|tried)\s+(?:(?:\d+|several|some|many|multiple|numerous|extensive|considerable|prolonged|lengthy|intermittent|regular|formal|outpatient|home|in-home|prior|previous|earlier|past|physical|occupational|aquatic|land-based|supervised|chiropractic|massage|hand)\s+){{0,3}}(?:therapy|sessions|visits|acupuncture|chiropractic|manipulation|massage|psychotherapy|biofeedback)\b|(?:{PERSON})\s+(?:has\s+|had\s+)?had\s+(?:a\s+|an\s+|some\s+|several\s+|post-?operative\s+|prior\s+|previous\s+)|treatments?\s+(?:to\s+date\s+)?(?:has|have)\s+(?:included|consisted)|(?:previous|prior|past)\s+(?:treatments?|care|therapy|therapies|conservative)|to\s+date|has\s+(?:had|undergone|received|completed|attended|tried|failed|used)|had\s+(?:had|undergone|received|completed|attended|tried|failed)|have\s+(?:had|undergone|received|completed|tried)|previously|prior|previous|already|attended|received|tried|completion\s+of|completed|done\s+with|failed|unknown\s+number|how\s+many|underwent|participated|was\s+treated|been\s+treated|being\s+treated|(?:{PERSON})\s+(?:has\s+|had\s+)?treated\s+with|(?:was|were|has\s+been|have\s+been)\s+(?:provided|given|rendered|administered|delivered)\s+(?:from|in|during|between|through|since|for|over)\b)\b"
    ))
});
/// A therapist of the treatment's kind seen ("Since the injury she has seen a psychologist",
/// "he has been seen by a chiropractor"): a course had. (A pattern of its own: words added to
/// [`PRIOR_TREATMENT`] make its automaton slower to read for every sentence.)
static SEEN_A_THERAPIST: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:(?:has|have|had)\s+(?:been\s+seen\s+by|seen|visited)|saw|visited|(?:was|were)\s+seen\s+by)\s+(?:a|an|the|her|his|their)\s+(?:[\w-]+\s+)?(?:psychologist|psychotherapist|counsel+or|therapist|chiropractor|acupuncturist)s?\b",
    )
});
/// A device's use, trial or rental told as done ("She used a TENS unit during physical
/// therapy", "He did a 30-day home TENS rental in June 2016", "one-month TENS rental 04/2013"):
/// earlier treatment for a device, though the clause may name a therapy it was used in.
static DEVICE_USED: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"\b(?:(?:{PERSON})\s+(?:(?:also|reportedly|previously|then|once|briefly|already|currently|still|has|had|have)\s+)?(?:used|uses|rented|trialed|trialled|tried)\b|(?:{PERSON})\s+(?:is|was)\s+(?:currently\s+|still\s+)?using\b|(?:loaned|lent)\s+(?:to\s+(?:him|her|them)\s+)?by\b|(?:was|were)\s+(?:used|applied|tried|trialed|trialled)\s+(?:during|in|at|for|with|since)\b|(?:did|completed|had|underwent|finished)\s+(?:a|an)\s+(?:[\w-]+\s+){{0,3}}?(?:rental|trial)\b|(?:rental|trial)\s+(?:took\s+place|was\s+(?:done|completed|performed|undertaken))\b|provided\s+(?:on|as|for)\s+(?:a\s+)?(?:[\w-]+\s+){{0,2}}?(?:rental|loan|trial)\b|(?:rental|trial)\s+(?:(?:in|on|during|from)\s+)?(?:\d{{1,2}}/\d{{2,4}}\b|(?-i:January|February|March|April|May|June|July|August|September|October|November|December)\s+(?:\d{{1,2}},?\s+)?(?:19|20)\d{{2}}\b|(?:in|during)\s+(?:19|20)\d{{2}}\b))"
    ))
});

/// Whether a clause tells a device's earlier use (see [`DEVICE_USED`]) and not its absence.
pub fn device_used(clause: &str) -> bool {
    DEVICE_USED.is_match(clause) && !no_prior(clause) && !asks(clause)
}

/// No earlier treatment of a kind.
static NO_PRIOR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:no\s+(?:prior|previous|past)|(?:has|have|had)\s+had\s+no\b|(?:has|have|had)\s+(?:received|undergone|attended)\s+no\b|no\s+(?:[\w-]+\s+){0,2}(?:treatment|therapy|care|sessions|visits)\s+(?:to\s+date|before|previously|so\s+far)|no\s+(?:[\w-]+\s+){0,2}(?:treatment|therapy|care|sessions|visits)\s+(?:has|have)\s+been\s+(?:provided|given|rendered|done|tried|received|performed|directed|delivered|administered)|(?:\b|(?:has|have|had|did|does))not\s+(?:yet\s+)?(?:had|undergone|received|tried|used|participated|attended|started|begun|been\s+(?:treated|seen|referred))\b|never\s+(?:had|received|undergone|tried|participated|attended|used|rented|trialed|been\s+tried|been\s+given)|not\s+been\s+(?:tried|attempted|given|provided|done|started|used)|without\s+(?:any\s+)?(?:prior|previous)|has\s+yet\s+to\s+(?:have|receive|undergo|try)|not\s+previously|(?:no|nothing\s+(?:in\s+the\s+(?:records?|file|chart)\s+)?(?:to\s+)?(?:indicates?|suggests?|shows?)|(?:does|do|did)\s+not\s+(?:show|indicate|document|reflect|suggest|establish|support|confirm|substantiate))\s+(?:(?:indication|evidence|record|documentation|mention|report|suggestion)\s+(?:(?:in|from|within)\s+the\s+(?:medical\s+)?(?:records?|file|chart|documentation)\s+)?)?that\s+(?:she|he|they|the\s+(?:patient|claimant|worker|injured\s+worker|employee|applicant))\s+(?:has|have|had)\s+(?:ever\s+|previously\s+|already\s+)?(?:tried|used|undergone|attended|received|completed|trialed|rented|been\s+(?:given|provided|treated)|had\s+(?:any\s+)?(?:formal\s+|prior\s+|previous\s+|supervised\s+)?(?:physical|occupational|aquatic|therapy|treatment|acupuncture|chiropractic|manipulation|massage|psychotherapy|sessions|visits))\b|no\s+(?:record|documentation|evidence|mention|history|indication)\s+(?:of\s+)?(?:any\s+)?(?:[\w-]+\s+){0,3}?(?:treatment|therapy|therapies|care|sessions|visits|acupuncture|chiropractic|manipulation|massage|psychotherapy|program)\s+(?:to\s+date|before|previously|so\s+far|in\s+the\s+past|at\s+any\s+time|ever)\b|(?:(?:does|do|did)\s+not\s+(?:describe|document|mention|show|reflect|indicate|record)|no\s+(?:record|documentation|evidence|mention|indication)\s+of)\s+(?:any\s+|a\s+)?(?:prior|previous|past|earlier)\s+(?:[\w-]+\s+){0,2}?(?:therapy|treatment|care|conditioning|hardening|acupuncture|chiropractic|manipulation|massage|psychotherapy|sessions|visits|program|trials?)(?:\s+(?:or|and)\s+[\w-]+)?(?:\s+(?:for|to|of)\s+(?:the\s+|his\s+|her\s+|this\s+)?(?:[\w-]+\s+){0,2}?[\w-]+)?\s*(?:[.;,]|$))",
    )
});

/// No earlier treatment, the treatment named where "therapy" would stand: "No acupuncture has
/// been provided for the right shoulder", "no record that massage has been tried". A pattern of its own: in [`NO_PRIOR`], whose automaton
/// is built into the binary, these words after its "no (word word)" made reading it back cost
/// `check` 3% more (issue 14).
static NO_NAMED_TREATMENT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\bno\s+(?:[\w-]+\s+){0,2}(?:acupuncture|chiropractic|manipulation|massage|psychotherapy|counseling|treatments)\s+(?:has|have)\s+been\s+(?:provided|given|rendered|done|tried|received|performed|directed|delivered|administered)\b",
    )
});

/// No earlier treatment, said of the part of the body: "There is no record that the lumbar
/// spine has received any physical therapy since the injury", "her left knee has never had
/// therapy".
static NO_TREATMENT_OF_PART: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:no\s+(?:record|documentation|evidence|indication)\s+that\s+(?:the|her|his|their)\s+(?:[\w-]+\s+){0,2}?(?:spine|back|neck|shoulders?|knees?|hips?|wrists?|hands?|elbows?|ankles?|feet|foot)\s+(?:has|have|had)\s+(?:ever\s+|previously\s+|yet\s+)?|(?:the|her|his|their)\s+(?:[\w-]+\s+){0,2}?(?:spine|back|neck|shoulders?|knees?|hips?|wrists?|hands?|elbows?|ankles?|feet|foot)\s+(?:has|have|had)\s+(?:not|never)\s+(?:yet\s+)?)(?:received|had|undergone|been\s+given)\s+(?:any\s+)?(?:[\w-]+\s+){0,2}?(?:therapy|treatment|care|acupuncture|chiropractic|manipulation|massage)\b",
    )
});

/// Whether a sentence or clause says no earlier treatment of a kind was had.
fn no_prior(text: &str) -> bool {
    NO_PRIOR.is_match(text) || NO_NAMED_TREATMENT.is_match(text) || NO_TREATMENT_OF_PART.is_match(text)
}

/// A question the record leaves open: "the records do not indicate whether", "it is unclear if",
/// "no documentation as to whether".
static ASKED_WHETHER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:unclear|not\s+clear|unknown|uncertain|not\s+known|(?:does|do|did)\s*n[o']t\s+(?:\w+\s+)?(?:indicate|say|state|show|document|specify|clarify|mention|establish|record|reveal|tell|disclose|make\s+clear)|no\s+(?:\w+\s+){0,2}?(?:documentation|record|indication|mention|information|evidence)\s+(?:of|as\s+to|regarding|about|on))\s+(?:\w+\s+){0,3}?(?:whether|if)\b",
    )
});

/// Clauses about an evaluation or referral rather than treatment.
static NOT_TREATMENT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:evaluations?|assessments?|consultations?|screenings?|referrals?|interviews?)\s+(?:for|of|with|to|at|by|from|on|dated|was|were|has|have|had|is|are)\b",
    )
});

/// Does the sentence say earlier treatment happened (yes), did not (no), or neither?
pub fn prior_treatment(sentence: &str) -> Tri {
    // "Treatment has included NSAIDs, a cortisone injection in 2012 and another in 6/2013, and
    // physical therapy": a history's list, whatever words of a request ("another") it holds.
    let listed = LIST_HEAD.find(sentence).is_some_and(|m| !REQUESTED.is_match(&sentence[m.end()..]));
    if no_prior(sentence) {
        Tri::No
    } else if listed {
        Tri::Yes
    } else if NOT_TREATMENT.is_match(sentence) || asks(sentence) {
        // An evaluation for a program is not the program; a requested course is not a prior one.
        Tri::Unknown
    } else if SEEN_A_THERAPIST.is_match(sentence) || PRIOR_TREATMENT.find_iter(sentence).any(|m| {
        !of_the_review(m.as_str(), &sentence[m.end()..])
            && !of_a_state(m.as_str(), &sentence[m.end()..])
            // "The records do not indicate whether the patient has had acupuncture before": a
            // course the record leaves open is not one had.
            && !ASKED_WHETHER.find_iter(&sentence[..m.start()]).any(|w| !sentence[w.end()..m.start()].contains(['.', ';']))
    }) {
        Tri::Yes
    } else {
        Tri::Unknown
    }
}

/// What "prior", "previous" or "previously" says of the review rather than of treatment when the
/// next word is one of these: "the prior denial stands", "the previous UR determination", "the
/// request was previously denied".
const OF_THE_REVIEW: &[(&[&str], &[&str])] = &[
    (
        &["prior", "previous"],
        &[
            "denial",
            "denials",
            "decision",
            "decisions",
            "determination",
            "determinations",
            "review",
            "reviews",
            "reviewer",
            "reviewers",
            "reviewer's",
            "ur",
            "utilization",
            "non-certification",
            "non-certifications",
            "noncertification",
            "certification",
            "certifications",
            "adverse",
            "modification",
            "modifications",
            "appeal",
            "appeals",
            "imr",
            "peer",
            "request",
            "requests",
            "requested",
            "authorization",
            "authorizations",
            "approval",
            "approvals",
            "rfa",
            "submission",
        ],
    ),
    (
        &["previously"],
        &[
            "denied",
            "non-certified",
            "noncertified",
            "modified",
            "requested",
            "reviewed",
            "submitted",
            "appealed",
            "disputed",
            "adjudicated",
        ],
    ),
];

/// Whether a match of [`PRIOR_TREATMENT`] is only a bare "prior" (or the like) of the review.
fn of_the_review(cue: &str, rest: &str) -> bool {
    names_next(OF_THE_REVIEW, cue, rest)
}

/// Whether `cue` is one of a table row's cues and the word `rest` opens with (its punctuation
/// and a possessive "’s" trimmed) one of that row's nouns.
fn names_next(table: &[(&[&str], &[&str])], cue: &str, rest: &str) -> bool {
    let next = rest.split_whitespace().next().unwrap_or("").trim_matches(|c: char| !c.is_ascii_alphanumeric());
    let next = next.strip_suffix("\u{2019}s").unwrap_or(next);
    table.iter().any(|(cues, nouns)| {
        cues.iter().any(|c| cue.eq_ignore_ascii_case(c)) && nouns.iter().any(|n| n.eq_ignore_ascii_case(next))
    })
}

/// What "prior", "previous" or "past" says of the patient's state rather than of a course when
/// the next word is one of these: "to restore his prior level of function", "her previous
/// baseline", "his past job".
const OF_A_STATE: &[(&[&str], &[&str])] = &[(
    &["prior", "previous", "past"],
    &[
        "level",
        "levels",
        "function",
        "functioning",
        "functional",
        "baseline",
        "status",
        "activity",
        "activities",
        "job",
        "occupation",
        "employment",
        "lifestyle",
    ],
)];

/// Whether a "prior" (or the like) is of the patient's state (see [`OF_A_STATE`]), or a cue
/// that tells no course done at all (see [`NOT_A_COURSE`]).
fn of_a_state(cue: &str, rest: &str) -> bool {
    names_next(OF_A_STATE, cue, rest) || names_next(NOT_A_COURSE, cue, rest)
}

/// Cues of a course done that, before these words, tell none: "the request for 8 visits already
/// exceeds that number" (a comparison), "he is past the first 30 days after surgery" (a time).
const NOT_A_COURSE: &[(&[&str], &[&str])] = &[
    (&["already"], &["exceeds", "exceed", "exceeded", "exceeding", "surpasses", "surpassed", "outnumbers"]),
    (&["past"], &["the"]),
];

static REQUESTED: LazyLock<Regex> = LazyLock::new(|| re(r"\brequest(?:s|ed|ing)?\b"));

/// Mentions of functional improvement (or its absence).
static FI_STRONG: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:functional\s+(?:improvement|benefit|gains?|progress|response|change)|objective\s+(?:functional\s+)?(?:improvement|gains?|benefit|progress)|improvement\s+in\s+(?:function|functional|ADLs?|activities)|(?:documented|measurable|measured|objective|significant|clear|marked|meaningful)\s+improvements?\s+in\s+(?:(?:his|her|their|the)\s+)?(?:[\w-]+\s+){0,2}?(?:range\s+of\s+motion|motion|flexion|extension|rotation|abduction|strength|grip|mobility|endurance|gait|tolerance|lifting|walking|sitting|standing|reaching)\b|improved\s+(?:function|functional\s+status)|improv(?:e|es|ed|ing)\s+(?:her\s+|his\s+|their\s+|the\s+patient's\s+|the\s+claimant's\s+)?(?:function|functional\s+status|ADLs?|activities\s+of\s+daily\s+living|(?:ability|capacity)\s+to\s+(?:work|lift|carry|walk|sit|stand|drive|reach|bend|perform|do|care|dress|bathe|sleep|climb|type|grip|use|tolerate|return))\b|significant\s+(?:functional\s+)?(?:gains|improvement)|measurable\s+(?:improvement|gains|progress)|(?:produced|resulted\s+in|led\s+to|yielded|achieved|made|shown|showed|demonstrated)\s+(?:\w+[\s,]+){0,3}?(?:gains|improvement|progress)|(?:gains|progress)\s+(?:is|are|was|were|has\s+been|have\s+been)\s+(?:well\s+|clearly\s+|fully\s+)?(?:objective|measurable|documented|significant|measured)|improvement\s+(?:[\w,]+\s+){0,3}?(?:is|was|has\s+been)\s+(?:both\s+)?(?:measurable|objective|functional|documented|significant|clear|(?:well\s+|clearly\s+)?(?:documented|recorded))\b|response\s+to\s+(?:the\s+|this\s+|that\s+|her\s+|his\s+)?(?:\w+\s+){0,2}?(?:trial|treatment|therapy|course|program)\s+(?:was|has\s+been)\s+(?:excellent|good|positive|favorable|favourable|strong))",
    )
});
/// The words of [`FI_OUTCOME`]'s branch that tells what the patient does now by what she could
/// not do before ("which she could not do in May"), and of [`UNABLE_THEN`], which reads them.
macro_rules! unable_then {
    () => {
        r"(?:which|that)\s+(?:she|he|they)\s+(?:could\s*not|couldn't|was\s+unable\s+to|were\s+unable\s+to)"
    };
}
/// Outcomes that show functional improvement only when the sentence ties them to treatment.
static FI_OUTCOME: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"\b(?:(?:progress(?:ed|ing)|advanc(?:ed|ing)|graduat(?:ed|ing)|went|gone)\s+from\s+(?:(?:a|an|her|his|their|the|using\s+a)\s+)?(?:(?:front-wheeled|rolling|two-wheeled|four-wheeled)\s+)?(?:walker|crutch(?:es)?|wheelchair)\s+to\s+(?:(?:a|an)\s+)?(?:(?:single[- ]point|straight|quad|standard)\s+)?(?:cane|walking\s+(?:unaided|independently|without\s+(?:an?\s+)?(?:assistive\s+)?(?:device|aid|help|assistance)))|(?:discontinu(?:e|ed|ation\s+of|ing)|stopped(?:\s+taking)?|weaned\s+(?:herself\s+|himself\s+)?(?:off|from)|no\s+longer\s+(?:needs?|requires?|uses?|takes?)|no\s+(?:longer\s+|further\s+)?need\s+(?:for|of))\s+(?:(?:his|her|their|the|a|an)\s+)?(?:[\w-]+\s+){0,2}?(?:medications?|analgesics?|opioids?|narcotics?|pain\s+pills|Norco|hydrocodone|oxycodone|Percocet|Vicodin|tramadol|Ultram|cane|walker|crutch(?:es)?|wheelchair|assistive\s+device)\b|(?:increased|improved)\s+(?:ADLs?|activities\s+of\s+daily\s+living|function|range\s+of\s+motion|strength|(?:(?:cervical|lumbar|thoracic|shoulder|knee|hip|wrist|ankle|elbow|trunk|neck)\s+)?(?:rotation|flexion|extension|abduction|dorsiflexion))|reduc(?:ed|tion\s+(?:in|of))\s+(?:(?:his|her|their|the)\s+)?(?:(?:opioid|narcotic|analgesic|pain)\s+)?(?:work\s+restrictions|medications?|dependency)|(?:work\s+)?restrictions\s+(?:were|was|have\s+been|had\s+been)\s+(?:reduced|eased|lifted|relaxed)|reduced\s+(?:his|her|their)\s+(?:\w+\s+)?(?:intake|use|dose|dosage)|return(?:ed)?\s+to\s+(?:[\w-]+\s+){0,2}?(?:modified|full|regular|usual|part-time|part\s+time|light|restricted|transitional)[\w\s-]{0,12}?\s(?:duty|work)|returned\s+to\s+(?:his|her|their)\s+(?:regular|usual|full|former|previous|old)\s+(?:job|duties|position)\b|(?:went|gone|goes|going)\s+back\s+to\s+(?:[\w-]+\s+){0,2}?(?:duty|work)|regain(?:ed|ing)\s+(?:(?:full|functional|normal|most\s+of\s+(?:his|her|the))\s+)?(?:function\w*|range\s+of\s+motion|motion|strength|independence)|improved\s+by\s+\d+\s*%|\d+\s*%\s+improvement\s+in\s+(?:(?:his|her|their|the)\s+)?(?:[\w-]+\s+){0,2}?(?:function\w*|tolerance|ADLs?|activities|strength|range\s+of\s+motion|mobility|endurance|lifting|walking|sitting|standing)\b|(?:a\s+)?return\s+to\s+driving|reduction\s+(?:of|in)\s+(?:(?:his|her|their|the)\s+)?(?:\w+\s+){0,2}?from\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+to\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|none|zero)|resum(?:ed|ing)\s+(?:driving|work(?:ing)?|(?:his|her|their)\s+(?:job|work|usual\s+\w+|normal\s+\w+|\w+\s+duties)|(?:full|modified|regular|light)\s+duty)|(?:reduce|reduced|reducing|cut|taper(?:ed)?|decreas(?:e|ed|ing)|reduction\s+(?:of|in))\s+(?:(?:his|her|their|the)\s+)?(?:\w+\s+){0,3}?(?:use\s+)?from\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:(?:tablets?|pills?|capsules?|doses?|times|a|per|each|daily|day|days)\s+){0,3}to\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|none|zero)|(?:improved|improving|increased|increasing|decreased|decreasing|dropped|dropping|fell|falling|reduced|went|down|up|lowered|rose|rising|raised|declined|declining)\s+from\s+\d+(?:\.\d+)?\s*(?:%|kg|lbs?|pounds|degrees|points|minutes|seconds|feet|meters|metres|yards|steps|blocks)?\s+to\s+\d+|(?:can|could)\s+(?:now|again)\s+(?:\w+\s+){0,2}?(?:lift|carry|reach|walk|sit|stand|drive|work|sleep|dress|bathe|climb|kneel|squat|bend|grip|grasp|type|place|perform|return|resume|do|play|push|pull|hold|put|get|tolerate|use|comb|cook|shop|garden|jog|run|exercise)\b|(?:is|was|are|were)\s+(?:now|again)\s+able\s+to\b|",
        unable_then!(),
        r"\s+(?:do|manage|perform|tolerate)\s+(?:before|previously|earlier|at\s+(?:intake|the\s+(?:start|outset|initial\s+evaluation))|in\s+(?:January|February|March|April|May|June|July|August|September|October|November|December))\b|decreas(?:e|ed|es)\s+in\s+(?:(?:his|her|their|the)\s+)?(?:\w+\s+)?(?:medication|analgesic|opioid|narcotic)s?\b|\b(?:less|lower|reduced)\s+(?:medication|analgesic|opioid|narcotic)\s+(?:use|intake|consumption)\b|halv(?:ing|ed)\s+(?:of\s+)?(?:(?:his|her|their|the)\s+)?(?:\w+\s+)?(?:medications?|analgesics?|opioids?|narcotics?)\b|(?:medications?|analgesics?|opioids?|narcotics?)\s+(?:use\s+|intake\s+|dose\s+)?(?:was|were|has\s+been|had\s+been)\s+halved\b|increases?\s+in\s+(?:(?:his|her|their|the)\s+)?(?:walking|sitting|standing|lifting|reaching|driving|work(?:ing)?|exercise)\s+(?:time|tolerance|distance|capacity|endurance|hours)\b|(?:walk|sit|stand|driv|lift|carr)\w*\s+(?:\w+\s+){0,2}?(?:twice|(?:two|three|four|five|\d+)\s+times)\s+as\s+(?:far|long|much)\b|gains?\s+in\s+(?:(?:his|her|their|the)\s+)?(?:[\w-]+\s+){0,2}?(?:reach(?:ing)?|strength|range\s+of\s+motion|motion|function\w*|tolerance|endurance|mobility|ADLs?|activities|lifting|walking|sitting|standing)\b|\d+\s*(?:hours?|minutes?|blocks?|pounds|lbs?|miles?|feet|degrees)\s*(?:(?:a|per)\s+day\s*)?,?\s+(?:rather\s+than|instead\s+of|up\s+from)\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten))"
    ))
});
/// Improvement named in everyday words, which counts as [`FI_STRONG`]'s does: "did not improve
/// his work status, medication use or walking tolerance", "nothing shows that the therapy changed
/// her ability to work", "the psychologist documents concrete gains".
static FI_NAMED_EVERYDAY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"\b(?:improv(?:e|es|ed|ing)\s+(?:(?:her|his|their|the\s+patient's|the\s+claimant's)\s+)?(?:work\s+(?:status|capacity|tolerance)|medication\s+use|(?:walking|sitting|standing|driving|lifting)\s+tolerance|daily\s+activities|activity\s+level)|chang(?:e|ed|es|ing)\s+(?:her|his|their|the\s+patient's|the\s+claimant's)\s+(?:ability|capacity)\s+to\s+(?:work|lift|walk|sit|stand|drive|function|perform|do)|(?:documents?|documented|records?|recorded|describes?|described|reports?|reported)\s+(?:\w+\s+){{0,2}}?(?:{GAINS_NAMED})\s+gains)\b"
    ))
});
/// An outcome told by what the patient could not do at a time before ([`FI_OUTCOME`]'s "which
/// she could not do in May"): its negation is of the time before.
static UNABLE_THEN: LazyLock<Regex> = LazyLock::new(|| re(concat!("^", unable_then!(), r"\b")));
/// Outcomes told in everyday words, which count as [`FI_OUTCOME`]'s do (only where the sentence
/// ties them to treatment): "does more at home", "uses less medication", "got back to work", "is
/// driving her children again". (Sleep is left out: it is what a drug is most often credited
/// with, "since starting gabapentin he sleeps through the night".)
static FI_EVERYDAY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:(?:does|do|did|doing|can\s+do)\s+more\s+(?:at\s+home|at\s+work|around\s+the\s+house|housework|chores)|(?:uses?|used|using|takes?|took|taking|needs?|needed|needing)\s+(?:[\w-]+\s+){0,2}?(?:far\s+|much\s+)?less\s+(?:often|frequently|medication|pain\s+medication|Norco|opioids?|narcotics?|analgesics?)|(?:get|gets|got|getting|went|gone|goes|going)\s+back\s+to\s+(?:[\w-]+\s+){0,2}?(?:work|duty|driving|housework|school)|(?:is|are|was|were)\s+back\s+(?:at|to)\s+(?:[\w-]+\s+){0,2}?(?:work|duty)|(?:is|are|was|were|has\s+been|have\s+been)\s+(?:driving|cooking|shopping|cleaning|gardening|working|exercising|walking|jogging|vacuuming|swimming|doing|playing)(?:\s+[\w,'-]+){0,10}?\s+again\b|resum(?:ed|ing)\s+(?:(?:her|his|their)\s+)?(?:housework|chores|household\s+\w+|cooking|shopping|gardening|exercising|hobbies)|cut\s+(?:back\s+)?(?:(?:his|her|their)\s+)?(?:[\w-]+\s+)?(?:Norco|hydrocodone|oxycodone|tramadol|opioids?|narcotics?|medications?|analgesics?|dose|intake|use)\s+(?:to|by|in\s+half)\b)",
    )
});
/// Less medication told by how often or by a share, which counts as [`FI_OUTCOME`]'s outcomes
/// do: "his Ultram use decreased from twice daily to once daily", "a reduction in his Ultram use
/// by half". (A pattern of its own: inside [`FI_EVERYDAY`] its words would cost that pattern's
/// DFA built in.)
static MEDICATION_CUT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:(?:use|intake|dose|dosage|medications?)\s+(?:has\s+|had\s+|was\s+|were\s+)?(?:decreased|dropped|fallen|fell|gone\s+down|went\s+down|reduced|cut|tapered)\s+from\s+(?:once|twice|three\s+times|four\s+times|\d+\s+times|every\s+\d+\s+hours)\s+(?:a\s+|per\s+|each\s+)?(?:day|daily|night|nightly|week|weekly)?\s*to\s+(?:(?:once|twice|three\s+times)(?:\s+(?:a\s+|per\s+|each\s+)?(?:day|daily|night|nightly|week|weekly))?|every|as\s+needed|occasional|none|nothing)|(?:reduction|decrease|cut)\s+(?:in|of)\s+(?:(?:his|her|their|the)\s+)?(?:[\w-]+\s+){0,2}?(?:use|intake|dose|dosage|medications?)\s+by\s+(?:half|a\s+half|one\s+half|\d+\s*%|\d+\s+percent))\b",
    )
});
/// Outcomes count as functional improvement only when tied to earlier treatment ("improved by
/// 30% with acupuncture", "after 6 sessions she returned to modified duty").
static TREATMENT_CONTEXT: LazyLock<AnyOf> = LazyLock::new(|| {
    // Its alternatives, each a pattern: whole, its DFA grows past 256 MB; each alone is at most
    // 217 KB, built in (see `AnyOf`).
    AnyOf::new([
        r"(?i)\b(?:sessions?|visits?|treatments?|therapy|course|trial)\s+(?:produced|resulted\s+in|led\s+to|yielded|gave|brought)\b",
        r"(?i)\b(?:therapy|treatments?|course|sessions|visits|care|program|trial)\s+(?:did\s+what|helped|worked|allowed|enabled|succeeded|achieved|accomplished)\b",
        r"(?i)\b(?:after|following|from|with|since|through|during|over|across|in)\s+(?:the\s+|his\s+|her\s+|prior\s+|previous\s+|these\s+|those\s+|that\s+)?(?:\w+\s+){0,3}?(?:therapy|treatments?|sessions?|visits?|acupuncture|manipulation|care|program|course|trial|unit|device|stimulator|TENS|massage|adjustments?|psychotherapy|counseling|counselling|CBT)\b",
        // "a course of chiropractic care for his neck in 2016 helped him get back to work".
        r"(?i)\b(?:therapy|treatments?|course|sessions|visits|care|program|trial|unit|device|massage|acupuncture|adjustments|manipulation)\s+(?:[\w/-]+\s+){0,6}?(?:helped|allowed|enabled|let)\s+(?:him|her|them|the\s+(?:patient|claimant|worker|employee|injured\s+worker))\b",
        r"(?i)\b(?:sessions?|visits?|treatments?)\s+(?:have|has|had)\b",
        r"(?i)\b(?:course|therapy|treatments?|sessions|visits|care|program|trial|it)\s+(?:was|were|has\s+been|had\s+been|proved)\s+(?:\w+\s+)?(?:effective|helpful|beneficial|successful)\b",
        r"(?i)\b(?:discharge|progress|therapist['’]?s?|psychologist['’]?s?|acupuncturist['’]?s?|chiropractor['’]?s?|re-?evaluation|re-?assessment|therapy|treatment|PT|OT|chiropractic|acupuncture|session)\s+(?:notes?|reports?|summary|evaluation|re-?evaluation|re-?exam(?:ination)?|exam(?:ination)?|of)\b",
        r"(?i)\b(?:therapist|psychologist|acupuncturist|chiropractor)(?:\s+and\s+(?:the\s+)?(?:[\w-]+\s+){1,4}?)?\s*(?:documents?|records?|reports?|notes|describes?|documented|recorded|reported|noted|described)\b",
        r"(?i)\b(?:completed|attended|finished|underwent|had|received)\s+(?:an?\s+(?:unknown|unspecified|undocumented|unstated|uncertain)\s+number\s+of\s+)?(?:[\w-]+\s+){0,4}?(?:treatments|sessions|visits|therapy|psychotherapy|acupuncture|massage|manipulation|counseling|counselling)\b",
        // "had a one-month trial", "The trial has been completed and documented: ...".
        r"(?i)\b(?:(?:completed|finished|underwent|had)\s+(?:[\w-]+\s+){0,4}?(?:trial|course|program)|(?:trial|course|program|rental)\s+(?:has|have|had|was|were)\s+(?:been\s+)?(?:completed|finished))\b",
        // "the treating physician's note of 07/15/2013 records that ...": the note's writer and
        // date may stand around it.
        r"(?i)\b(?:that|this|the|her|his|whose)\s+(?:[\w/'’-]+\s+){0,3}?(?:note|report|re-?evaluation|summary)\s+(?:(?:of|dated|from)\s+[\w/.-]+\s+)?(?:documents|records|shows|notes|reports|describes|states)\b",
        r"(?i)\b(?:those|these|the|her|his|their)\s+(?:[\w/'’-]+\s+){0,3}?(?:notes|reports|re-?evaluations|summaries)\s+(?:(?:of|dated|from)\s+[\w/.-]+\s+)?(?:document|record|show|note|report|describe|state)\b",
    ])
    .expect("evidence pattern compiles")
});
static MEASURE_IMPROVED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:Oswestry(?:\s+(?:Disability\s+)?(?:Index|score))?|ODI|Neck\s+Disability\s+Index|NDI|(?:Quick)?DASH(?:\s+score)?|LEFS|Lower\s+Extremity\s+Functional\s+Scale|(?:\w+\s+)?functional\s+(?:scale|index|score)|disability\s+(?:index|score)|grip\s+strength|walking\s+tolerance|sitting\s+tolerance|standing\s+tolerance)\s+(?:score\s+)?(?:has\s+|had\s+)?improved\s+from\s+-?\d+|\b(?:grip\s+strength|walking\s+tolerance|walking\s+distance|sitting\s+tolerance|standing\s+tolerance|lifting\s+capacity)\s+(?:has\s+|had\s+)?(?:rose|risen|increased|improved|doubled|tripled)\b|\bimproved\s+(?:(?:his|her|their|the\s+patient's)\s+)?(?:sitting|walking|standing|lifting|driving)\s+tolerance\s+from\s+\d+",
    )
});
/// A measure of motion or function that rose, or a disability score that fell, from one
/// figure to another ("range of motion improved from 0-95 degrees", "a QuickDASH score falling
/// from 61 to 38"), or the rise named as a noun ("improvement in knee flexion from 90 to 125
/// degrees", "an increase in his floor-to-waist lift from 20 to 35 pounds").
static MEASURE_CHANGED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:brought|took|raised|increased|improved)\s+(?:his|her|their|the)\s+(?:[\w/-]+\s+){0,3}?(?:range\s+of\s+motion|ROM|flexion|extension|abduction|rotation|dorsiflexion|grip\s+strength|lifting\s+capacity|walking\s+(?:tolerance|distance)|sitting\s+tolerance|standing\s+tolerance)\s+from\s+-?\d+|\b(?:improvements?|increases?|gains?|rise)\s+(?:in|of)\s+(?:(?:his|her|their|the)\s+)?(?:[\w/-]+\s+){0,3}?(?:range\s+of\s+motion|ROM|flexion|extension|abduction|rotation|dorsiflexion|grip\s+strength|strength|lift|lifting(?:\s+capacity|\s+tolerance)?|walking\s+(?:tolerance|distance)|sitting\s+tolerance|standing\s+tolerance)\s+from\s+-?\d+|\b(?:range\s+of\s+motion|ROM|(?:active\s+)?(?:forward\s+)?flexion|abduction|external\s+rotation|dorsiflexion|grip\s+strength|lifting\s+tolerance|walking\s+tolerance|sitting\s+tolerance|standing\s+tolerance)(?:\s+(?:on|of|in)\s+the\s+\w+)?\s+(?:has\s+|had\s+)?(?:improved|improving|increased|increasing|rose|rising)\s+(?:from\s+-?\d+|by\s+\d+\s*(?:degrees|%|percent|pounds|lbs?|minutes)|to\s+\d+\s*(?:degrees|°))|\b(?:Oswestry|ODI|NDI|(?:Quick)?DASH|disability\s+(?:index|score)|BDI(?:-II)?|Beck\s+(?:Depression|Anxiety)\s+Inventory|BAI|PHQ-?9|GAD-?7)(?:\s+(?:Disability\s+)?(?:index|score))?\s+(?:has\s+|had\s+)?(?:improved|improving|decreased|decreasing|fell|fallen|falling|dropped|dropping|declined|declining|went|gone|come\s+down)\s+(?:from\s+\d+|by\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+points)|\b(?:flexion|extension|abduction|elevation|rotation|dorsiflexion|range\s+of\s+motion|ROM|grip\s+strength)\s+(?:of|to)\s+\d+\s*(?:degrees|°|kg|pounds|lbs)?\s*\(\s*\d+\s*(?:degrees|°|kg|pounds|lbs)?\s+(?:at|on)\s+(?:the\s+|her\s+|his\s+)?(?:start|outset|beginning|first|initial|intake|baseline)\b|\b\d+[\s-]*(?:point|%|percent)\s+(?:improvement|reduction|decrease|drop|fall)\s+(?:on|in)\s+(?:(?:the|his|her|their)\s+)?(?:Oswestry|ODI|NDI|Neck\s+Disability|(?:Quick)?DASH|LEFS|Lower\s+Extremity\s+Functional|disability\s+(?:index|score)|functional\s+(?:index|score|scale))",
    )
});
/// A course that changed nothing: "no change in her lifting tolerance", "grip strength did
/// not change", "the same as at the initial evaluation". (Relief that did not last, "relief
/// lasting a day or two", says nothing of function: labellers read it both ways.)
static NO_CHANGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:no|without(?:\s+(?:any|a))?|nor\s+any|not\s+any)\s+(?:(?:further|measurable|significant|meaningful|objective|real|documented|recorded|reported|lasting|appreciable|demonstrable|notable)\s+){0,2}(?:change|improvement|difference)\s+in\s+(?:her\s+|his\s+|the\s+|their\s+)?(?:\w+\s+){0,2}?(?:function\w*|tolerance|range\s+of\s+motion|motion|strength|grip|gait|ADLs?|activities|work|lifting|reaching|walking|sitting|standing|medication|status|scores?|index|scale)|\b(?:unchanged|did\s+not\s+change|(?:has|had|have)\s+not\s+changed|the\s+same\s+as\s+(?:at|on|before|it\s+was))\b|\b(?:(?:no|not\s+any|without\s+any)\s+(?:[\w-]+\s+)?|(?:do|does|did)\s*n[o']t\s+(?:record|document|show|describe|report|mention|note)\s+any\s+)change\s+in\s+what\s+(?:she|he|they)\s+(?:can|could)\s+do\b",
    )
});
/// Gains of impairment or of a symptom scale rather than function: motion, strength, an angle, a
/// depression or anxiety score.
static IMPAIRMENT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:range\s+of\s+motion|ROM|motion|flexion|extension|rotation|abduction|adduction|dorsiflexion|plantar\s*flexion|strength|grip|depression|anxiety|Beck|BDI|PHQ-?9)\b",
    )
});
/// A "no change" whose object is function itself, not a measure of it: "no change in her
/// function", "without any change in his activities of daily living", "work status unchanged"
/// is not (its word follows the finding).
static FUNCTION_UNCHANGED: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\bin\s+(?:her\s+|his\s+|the\s+|their\s+)?(?:\w+\s+){0,2}?(?:function\w*|ADLs?|activities|work)\b")
});
/// The findings of an examination, which a "no change" may report as stable: neurological
/// ("reflexes", "sensation") or provocative ("a positive Spurling's test"), or any told as an
/// examination's ("examination showed decreased rotation ..., unchanged from 2012").
static NEURO_EXAM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:reflex(?:es)?|sensation|sensory\s+(?:exam\w*|findings)|neurologic(?:al)?(?:\s+(?:exam\w*|findings|status))?|motor\s+(?:exam\w*|findings)|Spurling\S*|straight[\s-]+leg[\s-]+rais\w*|impingement\s+signs?|(?:exam|examination)\s+(?:showed|shows|revealed|reveals|found|finds|noted|notes|demonstrated|demonstrates|documented|documents))\b",
    )
});
/// What a "no change" must be about to speak of function rather than pain alone.
static FUNCTION_MEASURE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:function\w*|tolerance|range\s+of\s+motion|rotation|flexion|extension|strength|grip|gait|ADLs?|score|index|duty|work|lifting|reaching|what\s+(?:she|he|they)\s+(?:can|could)\s+do)\b",
    )
});
/// The objects of function an outcome may name itself.
static OWN_OBJECT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(?:medications?|opioids?|narcotics?|analgesics?|tablets?|pills?|work|duty|restrictions|ADLs?|activities)\b")
});
static PAIN: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:pain|VAS|NRS)\b"));
/// A comma and a new subject: the start of another clause of a list of outcomes.
static NEW_SUBJECT: LazyLock<Regex> = LazyLock::new(|| re(r",\s+(?:and\s+)?(?:she|he|they)\b"));
/// Cues that make a mention hypothetical: a condition or requirement, not a finding.
static HYPOTHETICAL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:if|unless|provided\s+that|only\s+with|only\s+if|only\s+where|only\s+when|upon|requires?|required|contingent|conditional(?:ly)?|dependent\s+(?:on|upon)|depends?\s+(?:on|upon)|must|would|should|can|could|may|might|not\s+(?:be\s+)?(?:supported|recommended|suggested|continued)\s+(?:for\s+)?(?:longer\s+than|beyond|past)|guidelines?\s+(?:state|say|indicate|specify|provide)s?\s+that|to\s+(?:allow|support|justify|warrant|produce|achieve|obtain|assess|evaluate|measure|gauge)|(?:establish|determine|see|test|learn|judge|decide|tell|show|know|find\s+out)\s+if|whether|goals?|intended|aims?|achievement|likely\s+to|(?:expected|anticipated)\s+to|reserved\s+for|calls?\s+for|handling\s+of|in\s+case\s+of)\b",
    )
});
/// Weak mentions that count only when negated ("without demonstrated improvement").
/// A course's outcome the record does not tell: "no documentation of how she responded",
/// "without any record of his response to the therapy", "no report of the results of the
/// sessions", "the records do not say how many sessions were attended or what was gained",
/// "neither the number of sessions nor her response to them is documented" (a response, not an
/// "outcome ... not described": labellers read that as silence).
static RESPONSE_UNDOCUMENTED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:no|without|absence\s+of|lack\s+of)\s+(?:\w+\s+){0,2}?(?:documentation|record|evidence|report|mention|description|account)\s+(?:of|regarding|about|as\s+to)\s+(?:how\s+(?:she|he|they|the\s+(?:patient|claimant|worker|employee|applicant))\s+(?:responded|did|fared|progressed|tolerated)|(?:her|his|their|the|any)\s+(?:\w+\s+)?(?:response|responses|outcomes?|results?)\s+(?:to|of|from)\b)|\b(?:do|does|did)\s*n[o']t\s+(?:say|state|show|document|describe|indicate|record|report|mention|tell|include|contain|provide|give)\s+(?:[\w,]+\s+){0,12}?(?:how\s+(?:she|he|they)\s+(?:responded|fared|progressed)|what\s+(?:was\s+(?:gained|achieved)|(?:she|he|they)\s+gained|(?:benefit|gains?|improvement)\s+(?:was|were|resulted)))\b|\b(?:(?:her|his|their|the)\s+(?:\w+\s+)?(?:response|responses)\s+(?:to|of|from)\s+(?:\w+\s+){0,3}?(?:is|are|was|were|has\s+been|have\s+been)\s+(?:not|never)\s+(?:documented|recorded|described|reported|stated)|neither\s+(?:[\w,]+\s+){1,8}?nor\s+(?:her|his|their|the)\s+(?:\w+\s+)?(?:response|responses)\s+(?:to|of|from)\s+(?:\w+\s+){0,3}?(?:is|are|was|were|has\s+been|have\s+been)\s+(?:documented|recorded|described|reported|stated))\b",
    )
});
/// A course's use in the patient's life the record does not tell: "there is no record of how often
/// it was used or whether it allowed him to do more at home".
static HELPED_UNDOCUMENTED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:no|without)\s+(?:\w+\s+){0,2}?(?:documentation|record|evidence|report|mention|description)\s+(?:of\s+)?(?:[\w,]+\s+){0,10}?whether\s+(?:it|the\s+(?:[\w-]+\s+)?(?:unit|device|therapy|treatment|sessions?|course|program|massage|acupuncture|care))\s+(?:allowed|helped|enabled|let|improved|changed)\b",
    )
});
/// A record without the measures ("no range of motion or strength measurements are recorded",
/// "objective measurements were not provided"): what is left is subjective, improvement not
/// documented. (A pattern of its own, so that [`RESPONSE_UNDOCUMENTED`] keeps its narrow gate.)
static MEASURES_MISSING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:no|without)\s+(?:[\w-]+\s+){0,5}?(?:measurements|measures)\s+(?:are|were|have\s+been|had\s+been)\s+(?:recorded|documented|provided|reported|given|submitted)\b|\b(?:objective\s+)?(?:measurements|measures)\s+(?:are|were|have|had)\s+not\s+(?:been\s+)?(?:recorded|documented|provided|reported|given|submitted)\b",
    )
});
/// "gain" alone only with a word that makes it a course's ("no lasting gain"), never a
/// "weight gain".
static FI_WEAK: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:improvement|benefit|progress|gains|improved|(?:lasting|durable|sustained|meaningful|appreciable|real)\s+gain)\b",
    )
});

/// The patterns [`functional_improvement`] searches whole sentences with, as a family: each
/// searched only in a sentence that holds its words, found by one scan (issue 14). Their places
/// in the family are the constants of [`fi`].
static FI_FAMILY: LazyLock<crate::pattern::Family> = LazyLock::new(|| {
    crate::pattern::Family::new([
        &*FI_STRONG,
        &*FI_OUTCOME,
        TREATMENT_CONTEXT.whole(),
        &*MEASURE_IMPROVED,
        &*MEASURE_CHANGED,
        &*NO_CHANGE,
        &*FUNCTION_MEASURE,
        &*RESPONSE_UNDOCUMENTED,
        &*FI_WEAK,
        &*MEASURES_MISSING,
        &*FI_EVERYDAY,
        &*FI_NAMED_EVERYDAY,
        &*HELPED_UNDOCUMENTED,
        &*MEDICATION_CUT,
    ])
});

/// The places of [`FI_FAMILY`]'s patterns.
mod fi {
    pub const STRONG: usize = 0;
    pub const OUTCOME: usize = 1;
    pub const TREATMENT_CONTEXT: usize = 2;
    pub const MEASURE_IMPROVED: usize = 3;
    pub const MEASURE_CHANGED: usize = 4;
    pub const NO_CHANGE: usize = 5;
    pub const FUNCTION_MEASURE: usize = 6;
    pub const RESPONSE_UNDOCUMENTED: usize = 7;
    pub const WEAK: usize = 8;
    pub const MEASURES_MISSING: usize = 9;
    pub const EVERYDAY: usize = 10;
    pub const NAMED_EVERYDAY: usize = 11;
    pub const HELPED_UNDOCUMENTED: usize = 12;
    pub const MEDICATION_CUT: usize = 13;
}
/// The record a weak word names rather than states: "the progress report does not identify
/// goals" says nothing of progress; only a record said to be missing ("no therapy progress
/// notes were submitted") says improvement is not documented.
static RECORD_NOUN: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\s*(?:reports?|notes?|evaluations?|summar(?:y|ies)|letters?|records?|visits?)\b"));
static RECORD_MISSING: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(?:no|without|absence\s+of|lack\s+of)\s+(?:\w+\s+){0,2}$"));
/// A weak word that is what an assessment looks at ("does not allow for a reassessment of the
/// injured worker's progress", "to monitor her progress") states nothing of it.
static ASSESSED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:re-?)?(?:assess(?:ment|ing|ed)?|evaluat(?:e|ion|ing|ed)|monitor(?:ing|ed)?|track(?:ing|ed)?|gaug(?:e|ing))\s+(?:of\s+)?(?:(?:the|her|his|their|any|its|this)\s+)?(?:[\w'\u{2019}-]+\s+){0,3}$",
    )
});
/// Negation cues before a trigger.
static NEG_PRE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:no|not|nothing|without|lack|lacks|lacking|absence|absent|none|neither|nor|fail(?:s|ed)?\s+to|unable\s+to|did\s*n[o']t|does\s*n[o']t|has\s*n[o']t|have\s*n[o']t|had\s*n[o']t|was\s*n[o']t|were\s*n[o']t|cannot|can't|insufficient|unclear|minimal|little)\b",
    )
});
/// Negation cues after a trigger.
static NEG_POST: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\W*(?:(?:from|with|after|of|in|during|for|since|following)\s+(?:[\w-]+\s+){1,5}?)?(?:\w+\s+){0,3}?(?:(?:was|were|has|have|had|is|are)\s+(?:not|n't|never)|not\s+(?:been\s+)?(?:documented|demonstrated|shown|established|noted|provided|evident|reported|objectified)|is\s+lacking|was\s+absent|were\s+absent|absent|lacking|not\s+documented|(?:cannot|can\s+not|can't|could\s*not|couldn't)\s+be\s+(?:determined|assessed|established|ascertained|verified|confirmed|documented))",
    )
});
/// A finding told as claimed but not shown, past the "but" that ends other negations' scope:
/// "(functional improvement) is asserted by the provider but not documented".
static CLAIMED_NOT_SHOWN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(?:is|was|are|were|has\s+been|have\s+been)\s+(?:asserted|claimed|reported|described|stated|alleged|suggested)\s+(?:by\s+(?:the\s+)?[\w-]+\s+)?,?\s*but\s+(?:is\s+|was\s+|has\s+)?(?:not|never)\s+(?:been\s+)?(?:documented|demonstrated|measured|objectified|shown|established|quantified|substantiated)\b",
    )
});
/// A negation heading the alternative set aside: "(rather than) to a lack of", "(rather than) any
/// absence of", "(instead of) no".
static REJECTED_NEGATION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(?:(?:to|from|because\s+of|due\s+to|for|of|with)\s+)?(?:(?:a|an|any|the|her|his|their)\s+)?(?P<neg>lack|absence|no|insufficient|minimal|little)\b",
    )
});
/// Words that end a negation's scope.
static TERMINATOR: LazyLock<Regex> = LazyLock::new(|| {
    // A comma followed by a new subject also starts a new clause ("records do not show how
    // many sessions she attended, the therapist documents objective progress"; "walking
    // without any aid, left knee flexion has improved from 70 to 115 degrees"; "without an
    // assistive device, ankle dorsiflexion has improved from 0 to 10 degrees"), and so does a
    // relative clause that tells what followed ("..., after which his lifting capacity improved");
    // and so does a reporting verb after a comma, where a relative clause set between commas
    // ends ("The re-evaluation, which does not appear to have been before the reviewer,
    // documents measured gains"). An alternative set against the negated words is not negated
    // ("has not explained why 8 sessions are needed rather than the 6 that produced the earlier
    // gains").
    re(
        r"\b(?:but|however|although|though|yet|whereas|while|except|rather\s+than|instead\s+of)\b|[;:]|,\s+(?:after|following|since)\s+which\b|,\s+(?:documents|shows|describes|demonstrates|reflects)\s|,\s+(?:and\s+)?(?:(?:the|these|her|his|their)\s+(?:[\w-]+\s+){0,4}?|(?:this|that|she|he|it|they|there)\s+(?:\w+\s+)?)(?:documents?|notes?|reports?|shows?|describes?|records?|is|are|was|were|has|have|had|did|does|made|states?)\b|,\s+(?:and\s+)?(?:left|right|bilateral)\s+(?:knee|shoulder|hip|ankle|wrist|elbow|hand|foot|arm|leg|grip)\b|,\s+(?:and\s+)?(?:(?:left|right|bilateral)\s+)?(?:[\w-]+\s+){0,2}?(?:flexion|extension|dorsiflexion|abduction|rotation|motion|ROM|strength|tolerance|endurance|gait|balance|score|index|scale)\s+(?:has\s+|have\s+|had\s+)?(?:improved|increased|progressed|risen|rose|normalized)\b",
    )
});

/// A statement found in a sentence: its polarity and its byte range in the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Statement {
    /// Yes (asserted) or No (negated).
    pub value: Tri,
    /// Start in the sentence.
    pub start: usize,
    /// End in the sentence.
    pub end: usize,
}

/// Is the mention at `start` hypothetical ("reserved for a documented flare", "if radiculopathy
/// develops")?
pub fn is_hypothetical(sentence: &str, start: usize) -> bool {
    hypothetical(sentence, start)
}

/// Is the mention at `start..end` negated ("no radiculopathy", "denies any flare-up")?
pub fn is_negated(sentence: &str, start: usize, end: usize) -> bool {
    negated(sentence, start, end)
}

/// "The concern does not apply once the trial has produced documented improvement": a clause
/// of reason or time starts its own scope for a finding (not for a condition, whose guideline
/// quotes the negation before it keeps from reading as the patient's).
static SUBORDINATE: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:once|because|since|now\s+that|given\s+that)\b"));

fn finding_negated(sentence: &str, start: usize, end: usize) -> bool {
    let from = SUBORDINATE.find_iter(&sentence[..start]).last().map_or(0, |m| m.end());
    negated(&sentence[from..], start - from, end - from)
}

fn negated(sentence: &str, start: usize, end: usize) -> bool {
    // NegEx-style scope: up to 12 words before the mention, cut at a scope terminator.
    let window_start =
        sentence[..start].char_indices().rev().filter(|(_, c)| *c == ' ').nth(12).map(|(i, _)| i).unwrap_or(0);
    let mut pre_at = window_start;
    let mut pre = &sentence[window_start..start];
    // A terminator may run into the mention ("..., ankle dorsiflexion has improved"): it is
    // looked for up to the mention's end, and counts if it starts before the mention.
    let upto = &sentence[window_start..end.max(start)];
    // "attributes this to the employer's inability to accommodate her rather than to a lack of
    // progress": the negation that heads the alternative set aside is what the writer denies.
    let mut set_aside = None;
    if let Some(t) = TERMINATOR.find_iter(upto).filter(|t| window_start + t.start() < start).last() {
        let cut = t.end().min(pre.len());
        pre_at += cut;
        pre = &pre[cut..];
        // (Of the terminators, only "rather than" and "instead of" open on these words.)
        if crate::text::opens_with_any(t.as_str(), &["rather", "instead"]) {
            set_aside = REJECTED_NEGATION.captures(pre).and_then(|c| c.name("neg")).map(|n| n.start());
        }
    }
    // "Although the number of prior sessions is not known, the acupuncturist's discharge note
    // documents clear functional improvement": the window may cut off the head of a count left
    // unstated, whose negation is still the count's.
    // (Such a phrase is a few dozen bytes: only the stretch just before the window is searched.)
    let cut_count;
    let from = floor_char(sentence, pre_at.saturating_sub(120));
    if let Some(m) = (pre_at > 0)
        .then(|| {
            COUNT_UNSTATED
                .find_iter(&sentence[from..start])
                .find(|m| from + m.start() < pre_at && from + m.end() > pre_at)
        })
        .flatten()
    {
        let head = (from + m.end()).min(start) - pre_at;
        cut_count = format!("{}{}", " ".repeat(head), &pre[head..]);
        pre = &cut_count;
    }
    // "(the number of visits is not documented), with temporary relief, and returned to
    // modified work": a negation inside an aside closed before the mention is the aside's.
    let unaside;
    if pre.contains(')') {
        unaside = without_asides(pre);
        pre = &unaside;
    }
    // "He completed a course of physical therapy, number of visits not stated, and returned to
    // modified duty": what the record leaves out of the count is not said of the outcome.
    let uncounted;
    if let Some(m) = COUNT_UNSTATED.find_iter(pre).last() {
        uncounted = format!("{}{}{}", &pre[..m.start()], " ".repeat(m.end() - m.start()), &pre[m.end()..]);
        pre = &uncounted;
    }
    // (The "a" of "a little" may stand just outside the window.)
    // "she now walks without a cane and returned to modified duty": doing without an aid is an
    // outcome, not a negation.
    if NEG_PRE.find_iter(pre).any(|m| {
        let rest = &sentence[pre_at + m.start()..];
        set_aside != Some(m.start())
            && !a_little(sentence, pre_at + m.start())
            && !WITHOUT_AID.is_match(rest)
            && !NO_DOUBT.is_match(rest)
            && !NO_LONGER.is_match(rest)
    }) {
        return true;
    }
    // "there is no documentation of the frequency of use, of any reduction in pain, or of any
    // functional benefit": a negated list governs every member, however long.
    let mut clause = &sentence[..start];
    if let Some(t) = TERMINATOR.find_iter(clause).last() {
        clause = &clause[t.end()..];
    }
    if let Some(m) = NEG_LIST.find_iter(clause).last() {
        if LIST_TAIL.is_match(&clause[m.end()..]) {
            return true;
        }
    }
    let after = &sentence[end..];
    if CLAIMED_NOT_SHOWN.is_match(after) {
        return true;
    }
    let after = match TERMINATOR.find(after) {
        Some(t) => &after[..t.start()],
        None => after,
    };
    NEG_POST.is_match(after)
}

/// Whether the count at `start` opens a clause that tells it as the sequel of the course before
/// ("..., followed by 18 outpatient visits"): another course, to be added, not a restatement.
pub fn is_sequel(sentence: &str, start: usize) -> bool {
    sequel_clause(sentence, start).is_some()
}

/// Where the count at `start` opens a sequel's clause, the comma or semicolon before it.
fn sequel_clause(sentence: &str, start: usize) -> Option<usize> {
    sentence[..start].rfind([';', ',']).filter(|&p| SEQUEL_LEAD.is_match(&sentence[p + 1..start])).or_else(|| {
        // "12 visits at Kaiser in 2012 and then 8 sessions at Foothill": no comma, the
        // "and then" just before the count opens the sequel.
        let from = floor_char(sentence, start.saturating_sub(24));
        SEQUEL_JUST_BEFORE.find(&sentence[from..start]).map(|m| from + m.start())
    })
}

/// "and then" (or "followed by") just before a count: the sequel's opening without a comma.
static SEQUEL_JUST_BEFORE: LazyLock<Regex> = LazyLock::new(|| re(r"\s(?:and\s+then|and\s+later|followed\s+by)\s+$"));

/// The words that open a course told as the sequel of the one before ("..., followed by 18
/// outpatient visits", "..., then 6 more with a second therapist").
static SEQUEL_LEAD: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\s*(?:and\s+)?(?:(?:was|were)\s+)?(?:followed\s+by|then|later|subsequently|thereafter)\b"));

/// Doing without an aid or a limit ("without a cane", "without restrictions"), which is a
/// gain.
/// A negation that affirms what follows: "There is no dispute that she made objective
/// functional improvement", "it is not disputed that", "no doubt that".
/// "No longer needs her walker", "no further need for Norco": less care, which is improvement,
/// not a negation of it.
static NO_LONGER: LazyLock<Regex> = LazyLock::new(|| re(r"^no\s+(?:longer|further\s+need)\b"));
static NO_DOUBT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:no|little)\s+(?:real\s+|serious\s+)?(?:dispute|doubt|question|disagreement|argument)\s+(?:that|about|regarding|as\s+to)\b|^not\s+(?:in\s+dispute|disputed|in\s+question|questioned|contested)\s+that\b",
    )
});

static WITHOUT_AID: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^without\s+(?:(?:a|an|the|any|her|his|their)\s+)?(?:(?:single[- ]point|straight|quad|assistive|walking)\s+)?(?:cane|walker|crutch(?:es)?|brace|splint|sling|assistance|assistive\s+device|device|aid|help|difficulty|restrictions?|limitations?)\b",
    )
});

/// Words between a gain and a later denial of functional improvement that make the denial the
/// conclusion: a contrast, the gains called subjective, the denial set after ", with no", or
/// after a semicolon ("... the return to modified duty followed the chiropractic care to the neck;
/// neither is attributable to the elbow therapy, and there is no documentation of objective
/// functional improvement").
static CONTRAST: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:but|however|yet|although|though|whereas|subjective|so|therefore|thus|hence|consequently)\b|,\s*with\s+no\s*$|;",
    )
});

/// An aside on the count left out of the record: "number of visits not stated", "the exact
/// number of sessions is not documented".
static COUNT_UNSTATED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:the\s+)?(?:exact\s+|precise\s+|total\s+)?(?:number|count|total)\s+of\s+(?:[\w-]+\s+){0,2}?(?:visits|sessions|treatments|appointments)\s+(?:(?:is|was|were|has|have|had)\s+)?(?:(?:been|being)\s+)?(?:not|never)\s+(?:stated|documented|given|known|specified|recorded|reported|provided|listed|clear|available)\b",
    )
});

/// `text` with the words of each parenthetical aside it closes blanked out (the same length, so
/// offsets into it stay offsets into `text`).
fn without_asides(text: &str) -> String {
    let mut out = text.as_bytes().to_vec();
    let mut open: Vec<usize> = Vec::new();
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'(' => open.push(i),
            b')' => {
                if let Some(o) = open.pop() {
                    for byte in &mut out[o + 1..i] {
                        // Whole characters only: a byte past ASCII is blanked with its fellows.
                        *byte = b' ';
                    }
                }
            }
            _ => {}
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// A negation that opens a list ("no documentation of", "there is no evidence of").
static NEG_LIST: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:no|without|lack\s+of|absence\s+of)\s+(?:\w+\s+){0,2}?(?:documentation|evidence|record|report|indication|mention|measure|description)s?\s+(?:of|that|showing|regarding)\b|\b(?:do|does|did)\s*n[o']t\s+(?:state|describe|document|show|mention|record|report|indicate|reflect|demonstrate|establish)\b",
    )
});
/// What follows such a negation up to the mention: the list's members, nothing that starts a
/// new statement.
static LIST_TAIL: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:[^.;:]*?(?:,|\bor\b|\band\b|\bnor\b)\s*)*[^.;:,]*$"));
/// A clause boundary for conditions: a comma before a new subject ("Although 12 more visits
/// would not exceed 24, the condition ... is not met"), or before "without" ("a further 8 would
/// bring the total to 22, without any documented improvement in function"), or a pronoun
/// ("she could not tolerate the exercises, and she stopped without measurable functional gains").
static HYPO_CUT: LazyLock<Regex> = LazyLock::new(|| {
    re(r",\s+(?:(?:and|but)\s+)?(?:the|this|that|these|her|his|its|their|without|she|he|they|there)\b")
});

/// The nouns a letter reports the review's finding by ("the utilization reviewer's concern that
/// ..."): what follows is the finding in dispute, not the record's. (Both readers of the
/// review's words, this module's [`UR_SAYS`] and the item reader's, use them.)
pub const REVIEW_FINDING_NOUNS: &str = "statement|assertion|claim|conclusion|contention|position|premise|view|opinion|impression|concern|belief|finding|objection|suggestion";

/// The words that make "gains" a finding named, not a word in passing: "documents concrete
/// gains". (Both [`FI_NAMED_EVERYDAY`] and the item reader's test of a named finding use them.)
pub const GAINS_NAMED: &str = "concrete|real|tangible|substantial|genuine|practical";

/// What the utilization review said, reported: "The utilization reviewer wrote that there was
/// no objective functional improvement" (or "the utilization reviewer's statement that no
/// functional improvement had been shown") is the finding in dispute, not one of the record.
static UR_SAYS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"\b(?:utilization\s+review(?:er)?|UR(?:\s+(?:physician|reviewer|decision|determination|denial|report))?|(?:prior|previous|initial)\s+(?:reviewer|review|denial)|claims\s+administrator)(?:'s|\u{{2019}}s)?\s+(?:[\w,/'\u{{2019}}-]+\s+){{0,6}}?(?:wrote|writes|stated?|states|stating|noted?|notes|noting|found|finds|finding|said|says|opined|indicated|determined|reasoned|reasoning|concluded|cited|citing|asserted|asserting|argued|arguing|felt|considered|(?:{REVIEW_FINDING_NOUNS})\s+that)\b"
    ))
});

fn ur_says(sentence: &str, start: usize) -> bool {
    let mut pre = &sentence[..start];
    if let Some(t) = TERMINATOR.find_iter(pre).last() {
        pre = &pre[t.end()..];
    }
    UR_SAYS.is_match(pre)
}

fn hypothetical(sentence: &str, start: usize) -> bool {
    // The whole clause before the mention: "the intended goal is the achievement of ... gains".
    let mut pre = &sentence[..start];
    if let Some(t) = TERMINATOR.find_iter(pre).last() {
        pre = &pre[t.end()..];
    }
    if let Some(t) = HYPO_CUT.find_iter(pre).last() {
        pre = &pre[t.start()..];
    }
    // "he can again place boxes": an ability regained is a finding, not a possibility; "between
    // May and July 2013" names a month (a capital "May" within a sentence).
    let at = start - pre.len();
    // "no psychometric testing, no measurable goals and no documentation of objective functional
    // improvement": goals the record lacks are a missing item of a list, not the frame of a goal.
    let goals_missing = |m: &crate::pattern::Match| {
        crate::text::strip_prefix_ci(m.as_str(), "goal").is_some() && RECORD_MISSING.is_match(&pre[..m.start()])
    };
    HYPOTHETICAL.find_iter(pre).any(|m| {
        !(ABILITY_NOW.is_match(&pre[m.start()..]) || (m.as_str() == "May" && at + m.start() > 0) || goals_missing(&m))
    }) || hypothetical_after(sentence, start)
}

/// Whether the words from `at` to the end of the clause make what stands before them a condition
/// ("(functional improvement) can be accomplished", "is required").
fn hypothetical_after(sentence: &str, at: usize) -> bool {
    sentence[at..].split(['.', ';']).next().is_some_and(|rest| HYPOTHETICAL_AFTER.is_match(rest))
}

/// "can now", "could again": a modal that states what a patient does, not what might be.
static ABILITY_NOW: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:can|could)\s+(?:now|again)\b"));

static HYPOTHETICAL_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\W*(?:\w+\s+){0,2}?(?:(?:is|are|was|were)\s+(?:required|needed|necessary|expected|anticipated)|requires?|would\s+(?:require|need)|will\s+(?:require|need)|(?:can|could|may|might|will|would)(?:\s*not|n't)?\s+(?:still\s+|yet\s+|reasonably\s+)?be\s+(?:achieved|accomplished|obtained|expected|gained|made|attained|reached|realized))\b",
    )
});

/// Functional-improvement statements in a case sentence.
pub fn functional_improvement(sentence: &str) -> Option<Statement> {
    functional_improvement_where(sentence, |_, _| true)
}

/// [`functional_improvement`] of the words `keep` keeps (given their start and end): a sentence
/// that tells several courses' outcomes ("with the chiropractic care she returned to full duty,
/// whereas the physical therapy was stopped without objective functional improvement") holds one
/// statement for each, and an item reads its own course's.
pub fn functional_improvement_where(sentence: &str, keep: impl Fn(usize, usize) -> bool) -> Option<Statement> {
    let keep_match = |m: &crate::pattern::Match| keep(m.start(), m.end());
    let may = FI_FAMILY.searched(sentence);
    // A measured change counts when it is of function, not of pain.
    let of_pain = |m: &crate::pattern::Match| {
        let before = crate::text::lead(sentence, m.start(), 40);
        // "pain fell from 8/10 to 5/10, she returned to modified duty": a new subject after a
        // comma starts another outcome, not one of pain.
        // An outcome that names its own object ("reduced pain and a 50% reduction of her opioid
        // medication") is of that object.
        PAIN.find_iter(before).last().is_some_and(|p| !NEW_SUBJECT.is_match(&before[p.end()..]))
            && !TERMINATOR.is_match(before)
            && !OWN_OBJECT.is_match(&sentence[m.start()..m.end()])
    };
    // Whether the sentence ties an outcome to treatment: asked once, and only of a sentence that
    // may hold an outcome (everyday words such as "more" and "back" are common; the context's
    // search is not cheap).
    let tied = std::cell::OnceCell::new();
    let tied = || *tied.get_or_init(|| may(fi::TREATMENT_CONTEXT) && TREATMENT_CONTEXT.is_match(sentence));
    let everyday: Vec<crate::pattern::Match> = may(fi::EVERYDAY)
        .then(|| FI_EVERYDAY.find_iter(sentence))
        .into_iter()
        .flatten()
        .chain(may(fi::MEDICATION_CUT).then(|| MEDICATION_CUT.find_iter(sentence)).into_iter().flatten())
        .collect();
    let everyday = if !everyday.is_empty() && tied() { everyday } else { Vec::new() };
    let outcomes = (may(fi::OUTCOME) && tied())
        .then(|| FI_OUTCOME.find_iter(sentence).filter(|m| !of_pain(m)))
        .into_iter()
        .flatten()
        .chain(everyday)
        // A standard functional measure that improved ("the Neck Disability Index improved
        // from 48% to 30%") is a functional finding wherever it is reported.
        .chain(may(fi::MEASURE_IMPROVED).then(|| MEASURE_IMPROVED.find_iter(sentence)).into_iter().flatten())
        .chain(may(fi::MEASURE_CHANGED).then(|| MEASURE_CHANGED.find_iter(sentence)).into_iter().flatten());
    let strong = may(fi::STRONG)
        .then(|| FI_STRONG.find_iter(sentence))
        .into_iter()
        .flatten()
        .chain(may(fi::NAMED_EVERYDAY).then(|| FI_NAMED_EVERYDAY.find_iter(sentence)).into_iter().flatten());
    // Each with whether it names functional improvement itself ("no documentation of
    // functional improvement") rather than an outcome ("has not returned to full duty").
    let mut triggers: Vec<(crate::pattern::Match, bool)> =
        strong.map(|m| (m, true)).chain(outcomes.map(|m| (m, false))).collect();
    triggers.sort_by_key(|(m, _)| m.start());
    let findings = triggers.iter().filter_map(|(m, named)| {
        // A condition or goal ("only if functional improvement is documented") is not a finding,
        // negated or not; nor is the utilization review's finding, reported.
        // (The words found may be long, "made that further functional improvement": what follows
        // them is read from their end too, "... can be accomplished with more therapy".)
        // Nor are gains still to come, asked about ("no explanation of what further functional
        // gain supervised therapy would achieve").
        if !keep_match(m)
            || hypothetical(sentence, m.start())
            || hypothetical_after(sentence, m.end())
            || ur_says(sentence, m.start())
            || WH_ASKED.is_match(&sentence[..m.start()])
        {
            return None;
        }
        // "the prior treatment produced no objective functional improvement": the negation
        // inside the words found.
        // ("which she could not do in May" tells what she does now by what she could not then.)
        let negative = finding_negated(sentence, m.start(), m.end())
            || !UNABLE_THEN.is_match(&sentence[m.start()..m.end()])
                && NEGATED_INSIDE.find_iter(&sentence[m.start()..m.end()]).any(|n| {
                    let rest = &sentence[m.start() + n.start()..];
                    !a_little(sentence, m.start() + n.start())
                        && !NO_LONGER.is_match(rest)
                        && !WITHOUT_AID.is_match(rest)
                });
        Some((Statement { value: if negative { Tri::No } else { Tri::Yes }, start: m.start(), end: m.end() }, *named))
    });
    let findings: Vec<(Statement, bool)> = findings.collect();
    if let Some(&(first, _)) = findings.first() {
        // "The therapy notes record flexion improving from 85 to 105 degrees, but there is no
        // documentation of functional improvement": a denial of the improvement itself past the
        // contrast is the sentence's conclusion (an outcome not yet reached, "yet she has not
        // returned to full duty", does not undo the gains).
        if first.value == Tri::Yes {
            if let Some(&(no, _)) = findings[1..].iter().find(|(f, named)| {
                *named && f.value == Tri::No && CONTRAST.is_match(&sentence[first.end..f.start.max(first.end)])
            }) {
                return Some(no);
            }
            // "the motion has improved with no change in her function": gains of impairment
            // alone (motion, strength) beside function said unchanged are not the functional
            // improvement MTUS asks for (9792.20(f): ADLs, work restrictions, less care).
            // The measure may precede the words found ("knee flexion improved from 90 to 120").
            let measured = |f: &Statement| {
                let from = crate::text::floor_char(sentence, f.start.saturating_sub(30));
                let lead = &sentence[from..f.start];
                // Not from inside a word ("f|rom 80" is no ROM).
                let lead = if from > 0 { lead.split_once(' ').map_or("", |(_, l)| l) } else { lead };
                let lead = lead.rsplit([',', ';', ':']).next().unwrap_or("");
                IMPAIRMENT.is_match(lead) || IMPAIRMENT.is_match(&sentence[f.start..f.end])
            };
            let impairment_only = findings.iter().all(|(f, _)| f.value == Tri::Yes && measured(f));
            if impairment_only && may(fi::NO_CHANGE) {
                if let Some(m) = NO_CHANGE.find_iter(sentence).find(|m| {
                    keep_match(m)
                        && FUNCTION_UNCHANGED.is_match(&sentence[m.start()..m.end()])
                        && !hypothetical(sentence, m.start())
                }) {
                    return Some(Statement { value: Tri::No, start: m.start(), end: m.end() });
                }
            }
            // "his Oswestry Disability Index, which had improved from 52% to 34%, returned to
            // 46%": gains told as lost again after them are not improvement documented (a pain
            // score that rose again is not function lost).
            if let Some(m) = FADED.find_iter(sentence).find(|m| {
                // A measure that "returned to" a figure is one lost again only right after the
                // gain ("which had improved from 52% to 34%, returned to 46%"); told of another
                // measure, it may be one restored ("two-point discrimination has returned to 5
                // mm").
                let restored = sentence[m.start()..].starts_with("returned")
                    && sentence[first.end..m.start().max(first.end)].split_whitespace().count() > 2;
                m.start() >= first.end
                    && !restored
                    && keep_match(m)
                    && !hypothetical(sentence, m.start())
                    && !PAIN.is_match(crate::text::lead(sentence, m.start(), 30))
            }) {
                return Some(Statement { value: Tri::No, start: m.start(), end: m.end() });
            }
        }
        return Some(first);
    }
    if let Some(m) = (may(fi::NO_CHANGE) && may(fi::FUNCTION_MEASURE))
        .then(|| {
            NO_CHANGE.find_iter(sentence).find(|m| {
                // "strength and reflexes are unchanged from prior examinations": a neurological
                // examination found stable, not a course that changed nothing.
                let lead = crate::text::lead(sentence, m.start(), 120);
                keep_match(m) && !hypothetical(sentence, m.start()) && !NEURO_EXAM.is_match(lead)
            })
        })
        .flatten()
        .filter(|_| FUNCTION_MEASURE.is_match(sentence))
    {
        return Some(Statement { value: Tri::No, start: m.start(), end: m.end() });
    }
    // "there is no documentation of how she responded to them": the course's outcome unknown
    // to the record is improvement not documented.
    if let Some(m) = may(fi::RESPONSE_UNDOCUMENTED)
        .then(|| {
            RESPONSE_UNDOCUMENTED.find_iter(sentence).find(|m| keep_match(m) && !hypothetical(sentence, m.start()))
        })
        .flatten()
    {
        return Some(Statement { value: Tri::No, start: m.start(), end: m.end() });
    }
    if let Some(m) = may(fi::MEASURES_MISSING)
        .then(|| MEASURES_MISSING.find_iter(sentence).find(|m| keep_match(m) && !hypothetical(sentence, m.start())))
        .flatten()
        .or_else(|| {
            may(fi::HELPED_UNDOCUMENTED).then(|| HELPED_UNDOCUMENTED.find(sentence)).flatten().filter(keep_match)
        })
    {
        return Some(Statement { value: Tri::No, start: m.start(), end: m.end() });
    }
    let stated = |m: &crate::pattern::Match| {
        (!RECORD_NOUN.is_match(&sentence[m.end()..]) || RECORD_MISSING.is_match(&sentence[..m.start()]))
            && !ASSESSED.is_match(&sentence[..m.start()])
    };
    for m in may(fi::WEAK).then(|| FI_WEAK.find_iter(sentence)).into_iter().flatten().filter(stated).filter(keep_match)
    {
        if !hypothetical(sentence, m.start())
            && !WH_ASKED.is_match(&sentence[..m.start()])
            && !ur_says(sentence, m.start())
            && finding_negated(sentence, m.start(), m.end())
        {
            return Some(Statement { value: Tri::No, start: m.start(), end: m.end() });
        }
    }
    None
}

/// Gains lost again, told after them: a measure that "fell back to 15 minutes" or "returned to
/// 46%" (to a figure: "returned to his previous job" and "returned to baseline" may be gains);
/// "the gains were lost", "the improvement wore off".
static FADED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:(?:returned|fell|went|gone|slipped|drifted|dropped|climbed|come)\s+back|regressed|reverted)\s+to\s+\d|\breturned\s+to\s+\d|\b(?:gains?|improvements?|benefits?)\s+(?:(?:was|were|has\s+been|have\s+been|had\s+been)\s+)?(?:lost|short-lived|wore\s+off|(?:had\s+)?faded)\b",
    )
});

/// Gains still to come, asked about: "(the records do not explain) what further gains formal
/// therapy is expected to achieve". (What gains came is a finding: "do not document what
/// benefit, if any, came from his prior therapy".)
static WH_ASKED: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(?:what|which|how\s+much)\s+(?:further|additional|more)\s+$"));

/// Whether the negation cue at `at` is the "little" of "a little" ("a little over 3 months from
/// surgery"), which is some, not none.
fn a_little(sentence: &str, at: usize) -> bool {
    sentence[at..].get(..6).is_some_and(|w| w.eq_ignore_ascii_case("little"))
        && sentence[..at].to_ascii_lowercase().ends_with("a ")
}

/// A negating word inside a finding's words ("produced no objective gains").
static NEGATED_INSIDE: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:no|not|never|without|little|minimal)\b"));

/// Statements that a program's selection criteria are, or are not, documented.
static CRITERIA_NO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:none\s+of\s+(?:this|these|which|the)\s+(?:\w+\s+){0,2}(?:has|have|is|are|was|were)\s+(?:been\s+)?(?:provided|documented|met|satisfied|addressed)|(?:criteria|requirements|prerequisites|indications)\s+(?:\w+\s+){0,8}?(?:are|were|have|has|is)\s+(?:\w+\s+)?not\s+(?:been\s+)?(?:met|satisfied|documented|fulfilled|shown|established|demonstrated)|(?:does|do|did)\s+not\s+(?:meet|satisfy|fulfil+)\s+(?:the\s+)?(?:\w+\s+){0,3}?criteria|not\s+(?:a|an)\s+(?:good\s+|appropriate\s+|suitable\s+|ideal\s+)?candidate\s+for\s+(?:the\s+|this\s+|an?\s+)?(?:\w+\s+)?(?:program|FRP|HELP|functional\s+restoration|restoration)|(?:has|have)\s+not\s+(?:been\s+)?(?:demonstrated|documented|established)\s+(?:the\s+)?(?:medical\s+)?(?:indication|necessity|candidacy)|no\s+(?:clear\s+)?(?:medical\s+)?indication|(?:is|are)\s+able\s+to\s+function\s+independently|appears\s+to\s+be\s+able\s+to\s+function)",
    )
});
static CRITERIA_YES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:(?:meets|met|satisfies|satisfied|fulfils|fulfills)\s+(?:all\s+)?(?:of\s+)?(?:the\s+)?(?:\w+\s+){0,3}?criteria|criteria\s+(?:\w+\s+){0,8}?(?:are|were|is|was|have\s+been|has\s+been)\s+(?:all\s+)?(?:met|satisfied|documented)|(?:is|was)\s+an?\s+(?:\w+\s+)?candidate)",
    )
});

/// Selection-criteria statement in a sentence.
pub fn criteria(sentence: &str) -> Option<Statement> {
    if let Some(m) = CRITERIA_NO.find(sentence) {
        return Some(Statement { value: Tri::No, start: m.start(), end: m.end() });
    }
    // "... supports the program when all of the following criteria are met: ..." sets a
    // condition; it states nothing of this patient.
    CRITERIA_YES.find(sentence).filter(|m| !CONDITION_BEFORE.is_match(&sentence[..m.start()])).map(|m| Statement {
        value: Tri::Yes,
        start: m.start(),
        end: m.end(),
    })
}

/// Whether a criteria statement found by [`criteria`] in a sentence read as a guideline's ("The
/// selection criteria for a functional restoration program have not been met": "criteria for"
/// is a guideline's words) is of this case all the same: the perfect tense tells what has been
/// done, where a guideline tells what is to be ("when all of the following criteria are met").
pub fn criteria_of_case(statement: &str) -> bool {
    PERFECT.is_match(statement)
}

static PERFECT: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:have|has)\s+(?:not\s+)?been\b"));

/// The words of a condition just before a criteria statement: "when all of the following",
/// "if the", "unless".
static CONDITION_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:when|if|unless|until|once|provided\s+that|only\s+where)\s+(?:all\s+)?(?:of\s+)?(?:the\s+|these\s+)?(?:following\s+)?(?:\w+\s+)?$",
    )
});

#[cfg(test)]
mod tests {
    use super::*;

    /// The treatment-context alternatives, asked one by one as one letter asks them, answer as
    /// their union does, on every sentence of the labelled letters.
    #[test]
    fn treatment_context_answers_alike_by_its_alternatives_and_whole() {
        let texts = crate::letter::labelled_sentences();
        let mut matched = 0;
        for t in &texts {
            let whole = TREATMENT_CONTEXT.whole().is_match(t);
            assert_eq!(TREATMENT_CONTEXT.parts().iter().any(|p| p.is_match(t)), whole, "{t}");
            assert_eq!(TREATMENT_CONTEXT.is_match(t), whole, "{t}");
            matched += usize::from(whole);
        }
        assert_eq!(TREATMENT_CONTEXT.parts().len(), 12);
        assert!(matched > 100 && matched < texts.len(), "{matched} of {}", texts.len());
    }

    /// Issue 14: the functional-improvement patterns are asked of a sentence only when it holds
    /// their words; on every sentence of the labelled letters (and a sentence past ASCII, which
    /// every pattern is asked of), a pattern ruled out never matches, and many are ruled out.
    #[test]
    fn fi_patterns_are_ruled_out_only_of_sentences_they_do_not_match() {
        let mut texts = crate::letter::labelled_sentences();
        texts.push("After 6 sessions she returned to modified duty; \u{212a}elvin functional improvement".into());
        assert!(texts.len() > 3000);
        let patterns = [
            (fi::STRONG, &*FI_STRONG),
            (fi::OUTCOME, &*FI_OUTCOME),
            (fi::TREATMENT_CONTEXT, TREATMENT_CONTEXT.whole()),
            (fi::MEASURE_IMPROVED, &*MEASURE_IMPROVED),
            (fi::MEASURE_CHANGED, &*MEASURE_CHANGED),
            (fi::NO_CHANGE, &*NO_CHANGE),
            (fi::FUNCTION_MEASURE, &*FUNCTION_MEASURE),
            (fi::RESPONSE_UNDOCUMENTED, &*RESPONSE_UNDOCUMENTED),
            (fi::WEAK, &*FI_WEAK),
            (fi::MEASURES_MISSING, &*MEASURES_MISSING),
            (fi::EVERYDAY, &*FI_EVERYDAY),
            (fi::NAMED_EVERYDAY, &*FI_NAMED_EVERYDAY),
            (fi::HELPED_UNDOCUMENTED, &*HELPED_UNDOCUMENTED),
            (fi::MEDICATION_CUT, &*MEDICATION_CUT),
        ];
        assert!(FI_FAMILY.is_gated(), "the patterns' cue words fit a mask");
        let (ruled_out, asked, matched) = FI_FAMILY.ruled_out_in(&patterns, &texts);
        assert!(matched > 1000, "the patterns match in the letters: {matched}");
        assert!(ruled_out * 2 > asked, "{ruled_out} of {asked} searches ruled out");
    }

    #[test]
    fn negation_scope() {
        let no = [
            "there is documentation of completion of prior occupational therapy sessions, but there is no documentation of specific objective functional improvement with the previous sessions",
            "It appears the employee has received significant therapy sessions without demonstrated evidence of functional improvement.",
            "Functional improvement was not documented.",
            "The records failed to show functional improvement.",
            "Prior sessions did not result in functional improvement.",
            "Submitted reports have not demonstrated functional improvement or medical indication.",
            "He has had six sessions without demonstrated improvement.",
        ];
        for s in no {
            assert_eq!(functional_improvement(s).map(|x| x.value), Some(Tri::No), "{s}");
        }
        let yes = [
            "The notes documented functional improvement with increased ADLs and reduced work restrictions.",
            // A negation that affirms.
            "There is no dispute that she made objective functional improvement with that course.",
            "It is not disputed that the claimant showed functional improvement.",
            // A count left unstated, its head cut off by the window, negates only the count.
            "Although the number of prior sessions is not known, the acupuncturist's discharge note documents clear functional improvement.",
            "She made significant functional gains and returned to modified duty.",
            "She attended 16 of them; the therapy notes document improved cervical rotation and a return to part-time work.",
            "After the course she returned to part-time work.",
            "Since the trial he has returned to his regular job.",
            "Since the trial he walks three times as far as before.",
        ];
        for s in yes {
            assert_eq!(functional_improvement(s).map(|x| x.value), Some(Tri::Yes), "{s}");
        }
        // A return still wished for is no outcome.
        let wish = "She is motivated to return to her usual job.";
        assert_ne!(functional_improvement(wish).map(|x| x.value), Some(Tri::Yes), "{wish}");
    }

    #[test]
    fn courses_and_their_gains_as_clinicians_write_them() {
        assert_eq!(prior_treatment("She had physical therapy in 2012, the number of visits not stated."), Tri::Yes);
        assert_eq!(prior_treatment("She had no physical therapy."), Tri::Unknown);
        // A course told by its extent rather than its count.
        assert_eq!(prior_treatment("For the neck, she had extensive physical therapy in 2012."), Tri::Yes);
        assert_eq!(prior_treatment("He received multiple outpatient physical therapy sessions."), Tri::Yes);
        // "Another" of a provider names a different one; of a course, it asks for more.
        assert_eq!(prior_treatment("She had acupuncture with another provider; the count is unknown."), Tri::Yes);
        assert_eq!(prior_treatment("She had acupuncture and another 6 sessions are requested."), Tri::Unknown);
        assert!(!asks("eight visits at another clinic") && asks("another six visits"));
        // "Prior" of the review is no earlier treatment; of treatment, beside it, it is.
        for review in [
            "The prior denial stands: the TENS unit, one-month home rental, is not medically necessary.",
            "The previous UR determination is upheld for the lumbar brace.",
            "The request for acupuncture was previously denied.",
            "The prior reviewer\u{2019}s non-certification of the massage is overturned.",
        ] {
            assert_eq!(prior_treatment(review), Tri::Unknown, "{review}");
        }
        assert_eq!(prior_treatment("The prior denial stands, as she had prior therapy without benefit."), Tri::Yes);
        assert_eq!(prior_treatment("The previous course of acupuncture helped."), Tri::Yes);
        assert_eq!(prior_treatment("She has not used a TENS unit before."), Tri::No);
        assert_eq!(
            prior_treatment("There is no record that she has had physical therapy or aquatic therapy for the knees."),
            Tri::No
        );
        assert_eq!(prior_treatment("Nothing indicates that he has received chiropractic care."), Tri::No);
        assert_eq!(prior_treatment("He has used a TENS unit at home, on loan from the clinic, since 2012."), Tri::Yes);
        assert_eq!(prior_treatment("Since the injury she has seen a psychologist"), Tri::Yes);
        assert_eq!(prior_treatment("He has been seen by a chiropractor for his neck"), Tri::Yes);
        assert_eq!(prior_treatment("She was seen by the orthopedist on 06/12/2013"), Tri::Unknown);
        // A device's trial or rental told as done.
        for done in [
            "She used a TENS unit during physical therapy",
            "A TENS unit was used during his physical therapy sessions in 2012",
            "He did a 30-day home TENS rental in June 2016",
            "She uses a TENS unit at home, loaned to her by her physical therapist",
            "A one-month TENS rental trial took place in February 2013",
            "one-month TENS rental 04/2013, with no change in pain scores",
            "She then had a one-month home trial rental in June 2013.",
            "A TENS unit was applied during the therapy sessions",
            "He tried a TENS unit during therapy",
            // A unit lent is one taken home.
            "The progress notes state he has been using a TENS unit loaned by his therapist",
        ] {
            assert!(device_used(done), "{done}");
        }
        for not_done in [
            "The request is for a one-month TENS rental.",
            "A one-month home-based TENS trial may be considered as a noninvasive option if used as an adjunct.",
            "She hasnot used a TENS unit before.",
        ] {
            assert!(!device_used(not_done), "{not_done}");
        }
        assert_eq!(prior_treatment("She hasnot used a TENS unit before."), Tri::No);
        // A record that does not show a trial says none was had; one silent on its gains does not.
        for none in [
            "There is no indication that he has tried a TENS unit.",
            "Nothing in the records indicates that she has ever undergone acupuncture.",
            "There is no indication of prior chiropractic care.",
            "There is no indication in the records that the injured worker has undergone a one-month home-based TENS trial.",
            // The treatment named where "therapy" would stand.
            "No acupuncture has been provided for the right shoulder.",
            "No chiropractic care has been given for the neck.",
        ] {
            assert_eq!(prior_treatment(none), Tri::No, "{none}");
        }
        assert_eq!(
            prior_treatment(
                "There is no indication that he has had functional improvement from the 12 visits he has had."
            ),
            Tri::Yes
        );
        for none in [
            "the records do not show any prior therapy for the shoulder.",
            "The records reviewed do not show that the injured worker has had any formal physical therapy for this injury.",
            "The records do not support that he has had acupuncture.",
            "The records do not confirm that he has completed a course of acupuncture.",
        ] {
            assert_eq!(prior_treatment(none), Tri::No, "{none}");
        }
        assert_eq!(
            prior_treatment("The records do not show that he has had any functional gain from 12 visits."),
            Tri::Yes
        );
        assert_eq!(
            prior_treatment("Treatment has included medications and 12 physical therapy visits for the low back."),
            Tri::Yes
        );
        // Gains told as an ability the course improved, or a change the record does not show.
        assert_eq!(
            functional_improvement("The report states that therapy improved his ability to lift and carry packages.")
                .map(|x| x.value),
            Some(Tri::Yes)
        );
        assert_eq!(
            functional_improvement(
                "She has completed 18 visits without a documented change in range of motion or work restrictions."
            )
            .map(|x| x.value),
            Some(Tri::No)
        );
        let yes = |s: &str| functional_improvement(s).map(|x| x.value);
        assert_eq!(
            yes("Over those four sessions her BDI score fell from 28 to 19 and she resumed driving."),
            Some(Tri::Yes)
        );
        assert_eq!(yes("After the sessions her PHQ-9 dropped by nine points."), Some(Tri::Yes));
        assert_eq!(yes("After 6 treatments his work restrictions were reduced."), Some(Tri::Yes));
        // The note's writer and date around it; a tolerance "a day instead of" the old one.
        assert_eq!(
            yes("The treating physician's note of 07/15/2013 records that he reduced his ibuprofen from three tablets a day to one."),
            Some(Tri::Yes)
        );
        assert_eq!(yes("After the course of therapy he now walks 30 minutes a day instead of 10."), Some(Tri::Yes));
        assert_eq!(yes("He reduced his ibuprofen from three tablets a day to one."), None);
        assert_eq!(
            yes("The physician notes that therapy improved her sitting tolerance from 20 to 60 minutes."),
            Some(Tri::Yes)
        );
        // A documented improvement in a functional measure, "function" unsaid.
        assert_eq!(
            yes("He has completed 6 sessions of physical therapy, with documented improvement in lumbar flexion."),
            Some(Tri::Yes)
        );
        assert_eq!(yes("There is no documented improvement in her sitting tolerance."), Some(Tri::No));
        assert_eq!(
            yes("She was working full duty before and after care, so the prior treatment produced no objective functional improvement."),
            Some(Tri::No)
        );
        // "a little over 3 months" negates nothing.
        assert_eq!(
            yes("He is a little over 3 months from surgery and has completed 12 visits, with objective gains in range of motion."),
            Some(Tri::Yes)
        );
        assert_eq!(yes("The improvement since then is measurable and functional."), Some(Tri::Yes));
        assert_eq!(yes("He has had 36 sessions without further functional change."), Some(Tri::No));
        assert_eq!(yes("The course reached a plateau, with no further change in lifting capacity."), Some(Tri::No));
        // A guideline's condition is not a finding.
        assert_eq!(
            yes("Treatment is not supported for longer than 1-2 weeks without evidence of significant gains."),
            None
        );
        assert!(!is_guideline_sentence("This is functional improvement as the MTUS defines it."));
    }

    #[test]
    fn a_payers_plan_and_in_order_ask_for_nothing() {
        assert_eq!(
            prior_treatment("The injured worker had several massage sessions through her group health plan in 2016."),
            Tri::Yes
        );
        assert!(!asks("She attended therapy in order to return to work."));
        assert!(asks("The plan is for 6 more visits."));
        assert!(asks("The treating physician's plan is a course of acupuncture."));
    }

    #[test]
    fn criteria_met_as_a_condition_state_nothing() {
        let c = criteria("The MTUS supports functional restoration programs when all of the following criteria are met: an adequate evaluation has been made.");
        assert_eq!(c.map(|c| c.value), None);
        assert_eq!(criteria("If the criteria are met, a trial may be considered.").map(|c| c.value), None);
        assert_eq!(criteria("All of the selection criteria are met.").map(|c| c.value), Some(Tri::Yes));
        // The criteria may be named at length.
        for (s, value) in [
            ("The selection criteria for a functional restoration program have not been documented.", Tri::No),
            ("The criteria for a chronic pain functional restoration program have been met.", Tri::Yes),
        ] {
            let c = criteria(s).expect(s);
            assert_eq!(c.value, value, "{s}");
            assert!(criteria_of_case(&s[c.start..c.end]), "{s}: {:?}", &s[c.start..c.end]);
        }
        assert!(!criteria_of_case("criteria are met"));
    }

    #[test]
    fn an_evaluation_is_not_the_treatment_and_criteria_may_be_singular() {
        assert_eq!(
            prior_treatment("A multidisciplinary functional restoration evaluation was completed on 10/28/2013."),
            Tri::Unknown
        );
        assert_eq!(prior_treatment("He has completed a functional restoration program."), Tri::Yes);
        assert_eq!(
            prior_treatment(
                "On 9/10/2013 he underwent a multidisciplinary evaluation at a functional restoration program."
            ),
            Tri::Unknown
        );
        assert_eq!(
            prior_treatment(
                "A multidisciplinary functional restoration evaluation on 03/25/2014 documented baseline testing."
            ),
            Tri::Unknown
        );
        assert_eq!(prior_treatment("Post-operative physical therapy was provided from 03/2013 to 07/2013."), Tri::Yes);
        assert_eq!(prior_treatment("He treated with chiropractic care for the low back"), Tri::Yes);
        let c = criteria("Each of these criteria is documented in the 10/28/2013 evaluation.");
        assert_eq!(c.map(|c| c.value), Some(Tri::Yes));
    }

    #[test]
    fn measures_that_moved_and_courses_that_changed_nothing() {
        for s in [
            "Per the therapy note, right knee range of motion improved from 0-95 degrees to 0-125 degrees.",
            "Her grip strength on the right improved from 8 kg to 14 kg and the night pain resolved.",
            "The report documents forward flexion improving from 90 to 140 degrees and a QuickDASH score falling from 61 to 38.",
            "He has completed 12 visits; ankle dorsiflexion improved from -10 to 5 degrees and his Lower Extremity Functional Scale improved from 18/80 to 41/80.",
            "She completed 6 acupuncture treatments; the acupuncturist and the primary treating physician document that she was able to reduce Norco from four to two tablets a day, resumed driving, and went from 4 to 6 hours of work a day.",
            "The therapist's discharge note describes improved walking tolerance from 10 to 25 minutes.",
            "She completed 24 sessions, with improvement in knee flexion from 90 to 125 degrees, after which her progress plateaued.",
            "The therapy notes document an increase in his floor-to-waist lift from 20 to 35 pounds.",
            "The therapy notes document 24 visits; active forward flexion improved to 150 degrees and abduction to 140.",
            "He completed a 30-day home TENS trial in 02/2013 and the log documents pain falling from 7/10 to 4/10 during use, reduction of Norco from four to two tablets a day and a return to driving.",
            "She has had 12 acupuncture treatments since 11/2012; with them she could lift a bag that she could not lift before, and her Norco was reduced from three to one tablet a day.",
            // What the patient does now that she could not do at a time before.
            "Since starting cognitive behavioral therapy she now does her own grocery shopping and housework, which she could not do in May.",
            "After the therapy he now cooks his own meals, which he was unable to manage at intake.",
        ] {
            assert_eq!(functional_improvement(s).map(|x| x.value), Some(Tri::Yes), "{s}");
        }
        for s in [
            "The therapy notes record no change in her lifting tolerance or her pain.",
            "Her grip strength did not change over that course.",
            "Grip strength at discharge was 20 kg, the same as at the initial evaluation.",
        ] {
            assert_eq!(functional_improvement(s).map(|x| x.value), Some(Tri::No), "{s}");
        }
        // A condition in an earlier clause does not reach what followed the course.
        assert_eq!(
            functional_improvement("Treatment has included modified duty that the employer could not accommodate, and 12 physical therapy visits, after which his lifting capacity improved from 15 to 35 pounds.")
                .map(|x| x.value),
            Some(Tri::Yes)
        );
        // A share of improvement in a function, after a course.
        assert_eq!(
            functional_improvement(
                "He had 8 sessions of physical therapy in 2012 with 50% improvement in sitting tolerance."
            )
            .map(|x| x.value),
            Some(Tri::Yes)
        );
        assert_eq!(functional_improvement("He had 8 sessions of physical therapy with 50% improvement in pain."), None);
        // Pain alone, or relief that did not last, says nothing of function.
        assert_eq!(functional_improvement("Her pain was unchanged."), None);
        assert_eq!(functional_improvement("Two blocks gave short-lived relief."), None);
        // A goal is not a finding.
        assert_eq!(functional_improvement("The goal is that she resumes driving."), None);
        // A record named by a weak word is not a statement of it.
        assert_eq!(
            functional_improvement(
                "There was no interim re-evaluation, and the progress report does not identify goals."
            ),
            None
        );
        assert_eq!(functional_improvement("No progress is documented.").map(|x| x.value), Some(Tri::No));
        // The utilization review's finding, reported, is not the record's.
        assert_eq!(
            functional_improvement(
                "The utilization review of 10/29/2013 non-certified the requests, stating that \"no objective functional improvement was documented.\""
            ),
            None
        );
        // What an assessment would look at is not a finding of it.
        assert_eq!(
            functional_improvement("The request does not allow for a reassessment of the injured worker's progress."),
            None
        );
        assert_eq!(functional_improvement("There is no plan to monitor her progress."), None);
        // A measure with its gain, however the letter puts it.
        for s in [
            "The re-evaluation records knee flexion of 125 degrees, up from 95 degrees at the initial therapy evaluation.",
            "The records show good gains: flexion has improved by 30 degrees.",
            "After the therapy visits she has gone back to work in a modified capacity.",
        ] {
            assert_eq!(functional_improvement(s).map(|x| x.value), Some(Tri::Yes), "{s}");
        }
        // A clause of reason or time after a negation is out of its scope.
        assert_eq!(
            functional_improvement("The concern does not apply once the trial has produced documented improvement.")
                .map(|x| x.value),
            Some(Tri::Yes)
        );
        assert_eq!(
            functional_improvement("The utilization reviewer denied the request, stating that there is no documentation of functional improvement."),
            None
        );
        // The utilization review's finding, reported, is the finding in dispute.
        assert_eq!(
            functional_improvement(
                "The utilization reviewer wrote that there was no objective functional improvement from acupuncture."
            ),
            None
        );
        // ... and so is its finding named as a noun ("statement that", "conclusion that").
        assert_eq!(
            functional_improvement(
                "The utilization reviewer\u{2019}s statement that no functional improvement had been shown is not consistent with the report."
            ),
            None
        );
        assert_eq!(
            functional_improvement("No therapy progress notes were submitted documenting her response.")
                .map(|x| x.value),
            Some(Tri::No)
        );
    }

    #[test]
    fn an_authorization_refused_is_not_a_course_done() {
        let s = "the full 24 visits cannot be authorized before the first visit has taken place";
        let at = s.find("24 visits").unwrap_or(0);
        assert_ne!(count_role(s, at, at + 9), CountRole::Prior);
        let s = "12 visits were authorized in May";
        assert_eq!(count_role(s, 0, 9), CountRole::Prior);
        // The part of the disputed request the utilization review let through.
        for (s, n) in [
            ("and the utilization review has already certified the first 80 hours", "80 hours"),
            ("The utilization review modified the request to 6 visits", "6 visits"),
            ("UR modified the program from 160 hours to 80 hours", "80 hours"),
            ("the request was partially certified for 4 sessions", "4 sessions"),
        ] {
            let at = s.find(n).unwrap_or(0);
            assert_eq!(count_role(s, at, at + n.len()), CountRole::Other, "{s}");
        }
        let s = "She was certified for 8 visits in March and attended all of them";
        let at = s.find("8 visits").unwrap_or(0);
        assert_eq!(count_role(s, at, at + 8), CountRole::Prior);
    }

    #[test]
    fn count_roles() {
        let s =
            "the 8 sessions requested by the treater combined with the documented 11 sessions already completed exceed";
        let at8 = s.find("8 sessions").unwrap_or(0);
        let at11 = s.find("11 sessions").unwrap_or(0);
        assert_eq!(count_role(s, at8, at8 + 10), CountRole::Requested);
        assert_eq!(count_role(s, at11, at11 + 11), CountRole::Prior);
        // Visits used are visits done; a count already completed makes a sentence the case's,
        // whatever guideline it compares it with.
        for (s, n) in [
            ("Twenty visits have been used, and the twelve requested would bring the total to 32.", "Twenty visits"),
            ("A second authorization of eight visits was used up by 10/15/2013.", "eight visits"),
        ] {
            let at = s.find(n).unwrap_or(0);
            assert_eq!(count_role(s, at, at + n.len()), CountRole::Prior, "{s}");
        }
        // "She did" tells a course done, and "she did not complete" none.
        for (s, n, role) in [
            ("She did six sessions of therapy with one clinic in 2015.", "six sessions", CountRole::Prior),
            ("She did not complete 12 sessions of physical therapy.", "12 sessions", CountRole::Other),
            (
                "Six acupuncture treatments to the right shoulder followed in January 2018.",
                "Six acupuncture treatments",
                CountRole::Prior,
            ),
            ("After his first 6 treatments this worker reduced his tramadol use.", "6 treatments", CountRole::Prior),
            // Equipment issued is equipment had, an adverb inside the verb or not.
            ("He was also issued a TENS unit for a 30-day home trial in August 2013.", "30-day", CountRole::Prior),
            ("She was then given 8 sessions of acupuncture.", "8 sessions", CountRole::Prior),
            ("A TENS unit was dispensed for a 30-day trial.", "30-day", CountRole::Prior),
        ] {
            let at = s.find(n).unwrap_or(0);
            assert_eq!(count_role(s, at, at + n.len()), role, "{s}");
        }
        assert!(!is_guideline_sentence(
            "With 22 visits already completed, a further twelve would exceed the guideline number."
        ));
        assert!(is_guideline_sentence("The guidelines allow up to 10 visits for myalgia."));
        // The guideline's figure restated in a case sentence.
        for (s, n) in [
            ("Although the 12 visits requested would bring the total past the general course of 24 visits, he improves", "24 visits"),
            ("She has had therapy in the past, up to a maximum of 10 visits", "10 visits"),
            ("He completed therapy; the guidelines allow up to 10 visits", "10 visits"),
            (
                "and this request falls under the Chronic Pain Guidelines, which recommend 8-10 visits over 4 weeks",
                "8-10 visits",
            ),
            ("The request exceeds the MTUS, which allows up to 10 visits", "10 visits"),
        ] {
            let at = s.find(n).unwrap_or(0);
            assert_eq!(count_role(s, at, at + n.len()), CountRole::Other, "{s}");
        }
        // A quantity word after a verb of a course done, or "another" after a preposition,
        // asks for nothing; before a request's verb it still does.
        for (s, n, role) in [
            (
                "She then moved to a clinic closer to home, where she attended another six sessions through October",
                "six sessions",
                CountRole::Prior,
            ),
            ("She has completed an additional 6 visits", "6 visits", CountRole::Prior),
            (
                "after a change of physician, eight visits at another clinic in 04/2017",
                "eight visits",
                CountRole::Other,
            ),
            ("The physician requests another six sessions", "six sessions", CountRole::Requested),
            ("The plan is for 6 more visits", "6 more visits", CountRole::Requested),
        ] {
            let at = s.find(n).unwrap_or(0);
            assert_eq!(count_role(s, at, at + n.len()), role, "{s}");
        }
        let s = "He completed 18 visits in all, past the first 12 at home";
        let at = s.find("18 visits").unwrap_or(0);
        assert_eq!(count_role(s, at, at + 9), CountRole::Prior);
        // The records' verb right before the count says it was done, over the request's words
        // further back; denied right before the count, it says the course was not had.
        for (s, n, role) in [
            (
                "However, the physical therapy daily notes submitted for this review document 18 visits between 03/2013 and 08/2013, not 12.",
                "18 visits",
                CountRole::Prior,
            ),
            ("The records do not document a one-month trial with a record of how often it was used.", "one-month", CountRole::Other),
        ] {
            let at = s.find(n).unwrap_or(0);
            assert_eq!(count_role(s, at, at + n.len()), role, "{s}");
        }
        // A course said not to have happened.
        for s in [
            "The records do not indicate that the injured worker has undergone a one month home based TENS trial",
            "There is no indication in the records that the injured worker has undergone a one month home-based TENS trial",
            "Nothing in the records indicates that she has completed a one month TENS trial",
        ] {
            let at = s.find("one month").unwrap_or(0);
            assert_eq!(count_role(s, at, at + 9), CountRole::Other, "{s}");
        }
        let s = "She has not had 6 sessions of acupuncture, but she completed 12 visits of therapy";
        let at = s.find("12 visits").unwrap_or(0);
        assert_eq!(count_role(s, at, at + 9), CountRole::Prior);
        // A side of the body is not a remainder.
        let s = "The claimant has already had 18 therapy visits for the left knee.";
        let at = s.find("18").unwrap_or(0);
        assert_eq!(count_role(s, at, at + 15), CountRole::Prior);
        // What a provider asks for is requested.
        let s =
            "The treating physician's request, per the 05/30/2013 report, is for a trial of six visits over two weeks.";
        let at = s.find("six").unwrap_or(0);
        assert_eq!(count_role(s, at, at + 10), CountRole::Requested);
        let s = "The physician asks for 6 visits.";
        let at = s.find('6').unwrap_or(0);
        assert_eq!(count_role(s, at, at + 8), CountRole::Requested);
        let s = "The treating provider's 8/12/2013 order is for 8 sessions of massage.";
        let at = s.find("8 sessions").unwrap_or(0);
        assert_eq!(count_role(s, at, at + 10), CountRole::Requested);
        let s = "the treater states the patient has 3 physical therapy visits left";
        let at = s.find('3').unwrap_or(0);
        assert_eq!(count_role(s, at, at + 25), CountRole::Other);
        // A count in a list of treatments had, and a course certified.
        let s = "Treatment to date includes 12 physical therapy visits in 2012, a home exercise program, Naproxen, and 6 acupuncture sessions from 09/2013";
        let at = s.find("6 acupuncture").unwrap_or(0);
        assert_eq!(count_role(s, at, at + 21), CountRole::Prior);
        // A course done, in the passive.
        for s in [
            "Post-operative hand therapy was certified for 8 visits",
            "and was provided 24 post-operative physical therapy visits during 2014",
            "she has been through 12 sessions of chiropractic care",
            "She has been seen for 4 sessions of cognitive behavioral therapy since June 2013",
        ] {
            let at = s.find(char::is_numeric).unwrap_or(0);
            assert_eq!(count_role(s, at, (at + 11).min(s.len())), CountRole::Prior, "{s}");
        }
        // "already" and "past" that tell a comparison or a time, not a course done.
        for s in [
            "The request for 8 visits already exceeds that number.",
            "This injured worker is past the first 30 days after surgery.",
        ] {
            let at = s.find(char::is_numeric).unwrap_or(0);
            assert_ne!(count_role(s, at, at + 7), CountRole::Prior, "{s}");
        }
    }

    /// A device's outcomes are tied to it as a course's are: "with the TENS unit".
    #[test]
    fn outcomes_with_a_device_are_its_gains() {
        let s = "The log documents that with the TENS unit her pain fell from 7/10 to 4/10, she reduced Norco from four tablets a day to two, and she can now sit through a full shift.";
        assert_eq!(fi(s).map(|x| x.0), Some(Tri::Yes), "{s}");
        // Without the device named, the same outcomes are not tied to any treatment.
        let s = "Her pain fell from 7/10 to 4/10, she reduced Norco from four tablets a day to two.";
        assert_eq!(fi(s), None, "{s}");
    }

    #[test]
    fn a_record_that_lists_visits_counts_visits_given() {
        for (s, count) in [
            (
                "The post-operative physical therapy ledger lists 10 visits, on 07/02, 07/05 and 07/09/2013.",
                "10 visits",
            ),
            ("The attendance log shows 9 visits between March and May.", "9 visits"),
            ("The discharge summary lists 12 sessions of physical therapy.", "12 sessions"),
            (
                "The records indicate at least 18 physical therapy visits for the neck in 2015.",
                "18 physical therapy visits",
            ),
        ] {
            let m = s.find(count).expect("the count");
            assert_eq!(count_role(s, m, m + count.len()), CountRole::Prior, "{s}");
        }
        // What the request lists is asked for, not given.
        let s = "The request for authorization lists 12 visits of physical therapy.";
        let m = s.find("12").expect("a count");
        assert_ne!(count_role(s, m, m + 9), CountRole::Prior);
    }

    #[test]
    fn guideline_sentences() {
        assert!(is_guideline_sentence(
            "The MTUS Guidelines support physical therapy that is providing a documented benefit."
        ));
        assert!(!is_guideline_sentence("The patient has had 12 sessions without functional improvement."));
        // The provider who asks is of this case, however the letter names them.
        assert!(is_case_sentence("The requesting physician asks for 6 visits."));
        assert!(is_case_sentence("Her attending provider asks for more."));
        assert!(!is_case_sentence("It should be limited to 4-6 visits in most cases."));
        // The earlier course, counted: "The earlier 6 visits produced a documented reduction in
        // opioid use".
        assert!(is_case_sentence("The earlier 6 visits produced a documented reduction in opioid use."));
        assert!(is_case_sentence("The previous twelve sessions gave no lasting benefit."));
        // A record of visits given is this case's, whatever guideline words follow it.
        assert!(is_case_sentence("The discharge summary documents 10 completed visits of occupational therapy."));
        assert!(is_case_sentence("The billing ledger lists 14 visits."));
        // A course said done, or gains said documented, are the case's ...
        assert!(is_case_sentence("The grip strength gains are documented, but 16 visits have already been completed."));
        // ... the guideline's condition is not.
        assert!(!is_case_sentence("More visits are allowed only when functional improvement is documented."));
        // California's word for the injured worker before the appeals board.
        assert!(is_case_sentence("The applicant has already had 24 visits, well above that number."));
    }

    /// The functional-improvement statement of a sentence, with its words.
    fn fi(s: &str) -> Option<(Tri, &str)> {
        functional_improvement(s).map(|x| (x.value, &s[x.start..x.end]))
    }

    /// Each sentence's statement, as [`fi`] reads it.
    fn fi_reads(cases: &[(&str, Option<(Tri, &str)>)]) {
        for &(s, want) in cases {
            assert_eq!(fi(s), want, "{s}");
        }
    }

    /// A negation that heads the alternative "rather than" sets aside is denied, not stated; a gain
    /// made "conditional on" improvement, or one that "can be accomplished", is a condition; a
    /// denial of improvement past a semicolon after a gain is the sentence's conclusion.
    #[test]
    fn alternatives_set_aside_conditions_and_conclusions() {
        fi_reads(&[
            (
                "She has not returned to work, but the records attribute this to the employer's inability to \
                 accommodate her restrictions rather than to a lack of progress.",
                None,
            ),
            ("The notes show a lack of progress rather than a plateau.", Some((Tri::No, "progress"))),
            ("The guidelines make any visits after the trial conditional on objective functional improvement.", None),
            (
                "Continued supervised therapy depends on objective functional improvement from the treatment given.",
                None,
            ),
            (
                "No determination is made that further functional improvement can be accomplished with more therapy.",
                None,
            ),
            (
                "The notes contain no psychometric testing, no measurable goals and no documentation of objective \
                 functional improvement from the sessions.",
                Some((Tri::No, "objective functional improvement")),
            ),
            ("The goal of the sessions is objective functional improvement.", None),
            (
                "The return to modified duty followed the chiropractic care to the neck; neither is attributable to \
                 the elbow therapy, and there is no documentation of objective functional improvement.",
                Some((Tri::No, "objective functional improvement")),
            ),
        ]);
        assert_eq!(prior_treatment("She had chiropractic care earlier this year through another provider."), Tri::Yes);
    }

    /// A course told with several words before its noun ("24 post-operative physical therapy
    /// visits", "attended physical therapy") ties the outcome to it; a negation inside an aside
    /// closed before the outcome is the aside's, one outside it still governs.
    #[test]
    fn courses_told_at_length_and_negations_in_asides() {
        fi_reads(&[
            (
                "She has completed 24 post-operative physical therapy visits to date, with good documented gains in range of motion and in dressing.",
                Some((Tri::Yes, "gains in range of motion")),
            ),
            (
                "He attended physical therapy from February to April 2013 (the number of visits is not documented), with temporary relief, and returned to modified work.",
                Some((Tri::Yes, "returned to modified work")),
            ),
            (
                "He attended physical therapy (12 visits), with no (objective) gains in range of motion.",
                Some((Tri::No, "gains in range of motion")),
            ),
            ("He attended physical therapy from February to April 2013, with temporary relief.", None),
        ]);
    }

    /// An aside on the count the record leaves out ("number of visits not stated") does not
    /// negate the course's outcome; a denial of the improvement itself past a contrast outranks
    /// a gain told before it, an outcome not yet reached does not.
    #[test]
    fn uncounted_courses_and_contrasts() {
        fi_reads(&[
            (
                "He completed a course of physical therapy in early 2013, number of visits not stated, and returned to modified duty in May 2013.",
                Some((Tri::Yes, "returned to modified duty")),
            ),
            (
                "She had an unknown number of physical therapy sessions for the neck in 2011 and 2012, after which she returned to modified duty.",
                Some((Tri::Yes, "returned to modified duty")),
            ),
            // An examination's findings found stable are no course that changed nothing.
            (
                "On 01/28/2014 examination showed decreased cervical rotation, a positive Spurling's test on the right and diminished right biceps reflex, unchanged from 2012.",
                None,
            ),
            ("Her work restrictions are unchanged since the therapy.", Some((Tri::No, "unchanged"))),
            // A clause that asks whether the course helped states no outcome.
            ("Whether the first course produced functional improvement is unclear from the notes.", None),
            (
                "He completed a course of physical therapy, the exact number of sessions is not documented, and has not returned to modified duty.",
                Some((Tri::No, "returned to modified duty")),
            ),
            (
                "The therapy notes record flexion improving from 85 to 105 degrees, but there is no documentation of functional improvement: her gait is unchanged.",
                Some((Tri::No, "functional improvement")),
            ),
            // The gains called subjective, or the denial set after ", with no", conclude too.
            (
                "The report notes a Beck Depression Inventory score down from 28 to 24 and describes the gains as subjective only, with no objective functional improvement documented.",
                Some((Tri::No, "objective functional improvement")),
            ),
            (
                "Her Oswestry score went down from 40 to 36, with no objective functional improvement.",
                Some((Tri::No, "objective functional improvement")),
            ),
            // A denial after the improvement's own words, past what it is from.
        (
            "Objective functional improvement from the chiropractic care is not documented.",
            Some((Tri::No, "Objective functional improvement")),
        ),
        // So is the denial the gains lead to ("so", "therefore").
            (
                "Grip strength has improved only from 16 kg to 18 kg and her work restrictions are unchanged, so no objective functional improvement from the recent therapy is documented.",
                Some((Tri::No, "objective functional improvement")),
            ),
            (
                "Since surgery she has completed 6 post-operative physical therapy sessions; range of motion of the right knee has improved from 0-95 degrees to 0-125 degrees, she now walks without a cane and she returned to modified duty on 09-12-2016.",
                Some((Tri::Yes, "returned to modified duty")),
            ),
            (
                "She has completed 12 post-operative visits with clear, measured gains in range of motion and lifting capacity, yet she still has strength deficits and has not returned to full duty.",
                Some((Tri::Yes, "gains in range of motion")),
            ),
        ]);
    }

    /// What a guideline says a course needs is no finding about this one, though the
    /// sentence also speaks of the patient.
    #[test]
    fn a_guidelines_condition_reported_in_a_case_sentence_is_no_finding() {
        for s in [
            "Although the applicant meets the selection criteria for a functional restoration program, the guidelines state that treatment is not suggested for longer than two weeks without evidence of demonstrated efficacy as documented by subjective and objective gains.",
            "The patient asks for more visits, but the guidelines indicate that therapy continues only with objective functional improvement.",
        ] {
            assert_eq!(fi(s), None, "{s}");
        }
        assert_eq!(fi("She has had 12 sessions without objective functional improvement.").map(|x| x.0), Some(Tri::No));
        // A modal of another clause, its own subject after the comma, makes no condition.
        assert_eq!(
            fi("She could not tolerate the exercises because of knee pain, and she stopped without measurable functional gains.")
                .map(|x| x.0),
            Some(Tri::No)
        );
        assert_eq!(fi("If therapy were continued, she could regain functional improvement."), None);
        assert_eq!(fi("Manipulation is supported only where earlier treatment produced functional gains."), None);
        // What more therapy might achieve is no finding about the course had.
        assert_eq!(
            fi("No determination that further functional improvement can be achieved with supervised therapy is documented."),
            None
        );
    }

    #[test]
    fn abilities_regained_and_gains_compared() {
        // An ability regained, though worded with "can", is a finding.
        assert_eq!(
            fi("The acupuncturist's notes record overhead reach improving so that he can again place boxes on the second shelf."),
            Some((Tri::Yes, "can again place"))
        );
        assert_eq!(
            fi("The therapist's report records flexion of 150 degrees, and he can now lift a gallon jug to shoulder level."),
            Some((Tri::Yes, "can now lift"))
        );
        assert_eq!(
            fi("Those notes describe her ability to sit at a computer for 2 hours rather than 1."),
            Some((Tri::Yes, "2 hours rather than 1"))
        );
        assert_eq!(
            fi("The notes do describe a decrease in medication use and a gain in overhead reach after the first 6 treatments."),
            Some((Tri::Yes, "decrease in medication"))
        );
        // Still a possibility, or a finding of none.
        assert_eq!(fi("After the trial she could lift more if her pain allowed."), None);
        assert_eq!(
            fi("There is no explanation of why further improvement requires supervised therapy beyond the guideline."),
            None
        );
        assert_eq!(
            fi("After 12 visits the therapy notes record no change in her lifting tolerance."),
            Some((Tri::No, "no change in her lifting"))
        );
        assert_eq!(
            fi("She has had at least 10 sessions of physical therapy for the neck without a documented change in her disability index."),
            Some((Tri::No, "without a documented change in her disability index"))
        );
    }

    #[test]
    fn a_record_silent_on_earlier_treatment_is_none_known() {
        assert_eq!(prior_treatment("The record does not describe prior work conditioning or hardening."), Tri::No);
        assert_eq!(
            prior_treatment("Treatment has included NSAIDs, a cortisone injection in 2012 and another in 6/2013, and physical therapy for the knee in 2012"),
            Tri::Yes
        );
        assert_eq!(prior_treatment("There is no documentation of previous acupuncture."), Tri::No);
        assert_eq!(prior_treatment("There is no record of any massage therapy to date."), Tri::No);
        assert_eq!(prior_treatment("There is no history of chiropractic care in the past."), Tri::No);
        assert_eq!(prior_treatment("There is no documentation of a prior TENS trial."), Tri::No);
        // Silent on the course's results, not on the course.
        assert_eq!(
            prior_treatment("The records do not document prior therapy outcomes, though 12 visits were completed."),
            Tri::Yes
        );
    }

    #[test]
    fn a_course_the_record_leaves_open_is_not_one_had() {
        for s in [
            "The records do not indicate whether the patient has had acupuncture before.",
            "It is unclear if he has received chiropractic care for the neck.",
            "There is no documentation as to whether she has previously attended physical therapy.",
        ] {
            assert_eq!(prior_treatment(s), Tri::Unknown, "{s}");
        }
        // A course told before the question, or past its sentence's clause, still is.
        assert_eq!(
            prior_treatment("She has had 12 sessions of therapy, and it is unclear whether they helped."),
            Tri::Yes
        );
    }

    #[test]
    fn courses_that_helped_or_changed_nothing_in_other_words() {
        // The record silent on how a course went.
        assert_eq!(
            fi("She attended 18 visits, and there is no documentation of how she responded to them."),
            Some((Tri::No, "no documentation of how she responded"))
        );
        assert_eq!(
            fi("He had 12 sessions without any record of his response to the therapy."),
            Some((Tri::No, "without any record of his response to"))
        );
        assert_eq!(
            fi("She had psychotherapy in 2013; the records do not say how many sessions were attended or what was gained."),
            Some((Tri::No, "do not say how many sessions were attended or what was gained"))
        );
        assert_eq!(fi("The records do not say how many sessions were attended."), None);
        assert_eq!(fi("Her response to the therapy will be reviewed."), None);
        assert_eq!(
            fi("She reports 12 visits, but neither the number of sessions nor her response to them is documented."),
            Some((Tri::No, "neither the number of sessions nor her response to them is documented"))
        );
        assert_eq!(
            fi("He had 8 visits; his response to the therapy was not documented."),
            Some((Tri::No, "his response to the therapy was not documented"))
        );
        // An outcome "not described" is read as silence, as the labellers read it.
        assert_eq!(fi("He had 8 visits; the outcome of that therapy is not described."), None);
        // A gain made a course's by its word; a weight gain is not one.
        assert_eq!(fi("He had no lasting gain from the preoperative therapy."), Some((Tri::No, "lasting gain")));
        assert_eq!(fi("There has been no weight gain since the operation."), None);
        assert_eq!(
            fi("However, the earlier therapy did what it was meant to do: he went back to full duty."),
            Some((Tri::Yes, "went back to full duty"))
        );
        // The condition ends at ", without": what follows is the finding.
        assert_eq!(
            fi("A further 8 would bring the total to 22, without any documented improvement in function from the visits he has had."),
            Some((Tri::No, "improvement in function"))
        );
        // The request's design, not a finding: "no point at which to assess functional response".
        assert_eq!(
            fi("However, 12 visits is twice the trial and provides no point at which to assess functional response before further care."),
            None
        );
        assert_eq!(
            fi("He has completed 8 visits for the same region, without any measurable change in function."),
            Some((Tri::No, "without any measurable change in function"))
        );
    }

    /// Outcomes of a course told plainly: a measure that rose after "without any aid," (whose
    /// negation ends at the comma and the new subject), medication cut "from four tablets a day
    /// to two", "less medication use".
    #[test]
    fn outcomes_after_a_negated_phrase_and_medication_cut_in_units() {
        assert_eq!(
            fi("After 8 postoperative therapy visits he has progressed from two crutches to walking without any aid, left knee flexion has improved from 70 to 115 degrees, and extension is full.")
                .map(|x| x.0),
            Some(Tri::Yes)
        );
        assert_eq!(
            fi("He has completed 8 postoperative visits; he has progressed from a walker to full weight bearing without an assistive device, ankle dorsiflexion has improved from 0 to 10 degrees.")
                .map(|x| x.0),
            Some(Tri::Yes)
        );
        assert_eq!(
            fi("According to the acupuncturist's notes, after the six treatments she reduced her Norco from four tablets a day to two.")
                .map(|x| x.0),
            Some(Tri::Yes)
        );
        // The medicine after "use of".
        assert_eq!(
            fi("She completed 6 acupuncture sessions in 2012, which decreased her pain and allowed her to reduce her use of Norco from four tablets a day to two.")
                .map(|x| x.0),
            Some(Tri::Yes)
        );
        assert_eq!(
            fi("After the six acupuncture treatments the records show less medication use.").map(|x| x.0),
            Some(Tri::Yes)
        );
    }

    /// Less care after a course is improvement (8 CCR 9792.20(e): less dependency on medical
    /// treatment): medication stopped, an aid no longer needed, progress called documented.
    #[test]
    fn less_care_after_a_course_is_improvement() {
        for (s, want) in [
            ("The progress note records walking household distances without her walker and discontinuation of Norco.", "discontinuation of Norco"),
            ("After the therapy she no longer needs her walker.", "no longer needs her walker"),
            ("Since the course of therapy he stopped taking hydrocodone.", "stopped taking hydrocodone"),
            ("This employee has completed 12 visits and her progress is well documented: better motion and no further need for Norco.", "progress is well documented"),
            // A lesser aid, and a timed test of function.
            ("The therapy re-evaluation documents that he has progressed from a walker to walking without an assistive device.", "progressed from a walker to walking without an assistive device"),
            ("After the therapy she progressed from a walker to a single point cane.", "progressed from a walker to a single point cane"),
            ("After the therapy her Timed Up and Go improved from 19 seconds to 11 seconds.", "improved from 19 seconds to 11"),
        ] {
            assert_eq!(fi(s), Some((Tri::Yes, want)), "{s}");
        }
        // Less care denied is none.
        assert_eq!(fi("The therapy notes do not show that he discontinued his opioids.").map(|x| x.0), Some(Tri::No));
        // No longer able to work is no improvement.
        assert_eq!(fi("After 12 visits of therapy she is no longer able to work."), None);
    }

    /// An alternative set against a negated clause is not negated with it.
    #[test]
    fn an_alternative_to_a_negated_clause_keeps_its_finding() {
        assert_eq!(
            fi("However, the treating physician has not explained why 8 sessions are needed rather than the 6 that produced the earlier gains.")
                .map(|x| x.0),
            Some(Tri::Yes)
        );
        assert_eq!(
            fi("The notes record no functional improvement rather than a return to work.").map(|x| x.0),
            Some(Tri::No)
        );
    }

    /// What further care is expected to bring is no finding of what care brought.
    #[test]
    fn improvement_expected_of_further_care_is_no_finding() {
        assert_eq!(
            fi("There is no documentation of why further supervised therapy is expected to provide additional functional improvement."),
            None
        );
        // Gains still to come, asked about or said not to be reachable at home.
        for s in [
            "The 8 sessions requested would bring the course to 16 visits, and the records do not explain why further gains cannot be made with a home exercise program.",
            "The records do not explain why her remaining deficits cannot be addressed at home or what further gains formal therapy is expected to achieve.",
            "There is no documentation of why further gains could not be reached in a home exercise program.",
        ] {
            assert_eq!(fi(s), None, "{s}");
        }
        // What gains came, asked about, is a finding of none.
        assert_eq!(
            fi("The records do not document what benefit, if any, came from his prior therapy."),
            Some((Tri::No, "benefit"))
        );
    }

    /// A finding the record leaves undeterminable is not documented.
    #[test]
    fn improvement_that_cannot_be_determined_is_not_documented() {
        assert_eq!(
            fi("No progress notes from that course were submitted, so the response to it, and any objective functional improvement, cannot be determined."),
            Some((Tri::No, "objective functional improvement"))
        );
    }

    #[test]
    fn outcomes_listed_after_one_of_pain_and_improvement_called_clear() {
        // A pain score, then, after a comma and a new subject, a return to work: the second is
        // an outcome of function, not of pain.
        assert_eq!(
            fi("The acupuncturist records that neck pain fell from 8/10 to 5/10, she returned to modified duty on 5/1/2013, and her tramadol was reduced."),
            Some((Tri::Yes, "returned to modified duty"))
        );
        // In one clause, still of pain.
        assert_eq!(fi("After the therapy her pain fell from 8 to 5."), None);
        assert_eq!(
            fi("Here the improvement is clear and well recorded: a return to modified work and less medication."),
            Some((Tri::Yes, "improvement is clear"))
        );
        assert_eq!(
            fi("Neither the number of visits nor any change in function from that course is recorded."),
            Some((Tri::No, "nor any change in function"))
        );
    }

    #[test]
    fn disability_scores_that_went_down_and_notes_of_the_case() {
        assert_eq!(
            fi("His Oswestry score has gone from 64% before surgery to 38%."),
            Some((Tri::Yes, "Oswestry score has gone from 64"))
        );
        assert_eq!(
            fi("The records document a 26-point improvement on the Oswestry index and a change from a walker to a cane."),
            Some((Tri::Yes, "26-point improvement on the Oswestry"))
        );
        // Of pain, not of function.
        assert_eq!(fi("She reports a three point drop in pain."), None);
        // "The therapy notes" are the case's, though the sentence names the guideline.
        let s = "Twelve more visits would reach 16, twice the upper end of the guideline, and the therapy notes do not show functional improvement.";
        assert!(!is_guideline_sentence(s));
    }

    /// A record without the measures leaves only what the patient says: no improvement
    /// documented.
    #[test]
    fn measures_not_recorded_are_no_improvement_documented() {
        assert_eq!(
            fi("He says that he feels stronger and sleeps better, but no range of motion or strength measurements are recorded."),
            Some((Tri::No, "no range of motion or strength measurements are recorded"))
        );
        assert_eq!(
            fi("Objective measurements were not provided in the therapy notes."),
            Some((Tri::No, "Objective measurements were not provided"))
        );
        // Records that leave out how the course went, whatever else they hold.
        assert_eq!(
            fi("The records submitted do not include the therapy notes from that course or any account of how she responded to it."),
            Some((Tri::No, "do not include the therapy notes from that course or any account of how she responded"))
        );
        // Measures that were recorded say nothing by themselves.
        assert_eq!(fi("Range of motion measurements were recorded at each visit."), None);
    }

    /// Gains told against their baseline in parentheses, gains said to be well documented, and
    /// function regained after a course the notes tell.
    #[test]
    fn gains_told_against_a_baseline_or_as_regained() {
        fi_reads(&[
            (
                "The therapist's note documents knee flexion of 125 degrees (95 degrees at the start of therapy).",
                Some((Tri::Yes, "flexion of 125 degrees (95 degrees at the start")),
            ),
            (
                "He has used the 12 visits since the surgery, and the gains are well documented: flexion of 120 degrees.",
                Some((Tri::Yes, "gains are well documented")),
            ),
            (
                "The notes show that he has regained functional range of motion, and he has been taught a home program.",
                Some((Tri::Yes, "regained functional range of motion")),
            ),
            // A baseline with no figure now is no gain.
            ("Flexion was 95 degrees at the start of therapy.", None),
        ]);
    }

    #[test]
    fn motion_gained_with_function_unchanged_is_no_functional_improvement() {
        fi_reads(&[
            (
                "Her forward flexion improved from 90 to 150 degrees: the motion has improved with no change in her function.",
                Some((Tri::No, "no change in her function")),
            ),
            (
                "After therapy her knee flexion improved from 90 to 120 degrees, without any change in her activities of daily living.",
                Some((Tri::No, "without any change in her activities")),
            ),
            (
                "Grip strength increased from 20 to 35 pounds after the sessions; there has been no change in his work restrictions.",
                Some((Tri::No, "no change in his work")),
            ),
            // A symptom scale is no more function than motion is.
            (
                "Her Beck Depression Inventory score went from 24 to 21, but no change in her daily function is attributed to the sessions.",
                Some((Tri::No, "no change in her daily function")),
            ),
            // Unchanged pain leaves the gain of motion standing.
            (
                "After six sessions her shoulder abduction improved from 80 to 120 degrees with no change in pain.",
                Some((Tri::Yes, "abduction improved from 80")),
            ),
            // So does a gain of function itself ("from 80" is no ROM).
            (
                "After six sessions her shoulder abduction improved from 80 to 120 degrees and she returned to modified duty, with no change in her function.",
                Some((Tri::Yes, "abduction improved from 80")),
            ),
            (
                "After therapy her walking tolerance improved from 10 to 30 minutes, with no change in her work status.",
                Some((Tri::Yes, "walking tolerance improved from 10")),
            ),
        ]);
    }

    #[test]
    fn medication_halved_and_walking_time_increased_with_the_trial() {
        assert_eq!(
            fi("The trial has been completed and documented: daily use, a three-point reduction in pain, a halving of her opioid use and a threefold increase in walking time.").map(|x| x.0),
            Some(Tri::Yes)
        );
        assert_eq!(fi("After the six sessions her opioid use was halved.").map(|x| x.0), Some(Tri::Yes));
        // Without the course the outcome is not tied to treatment.
        assert_eq!(fi("There was a threefold increase in walking time.").map(|x| x.0), None);
    }

    #[test]
    fn medication_reduced_told_as_a_reduction_of_it() {
        fi_reads(&[
            (
                "She completed a 30-day home TENS trial in 09/2013; the report documents daily use and a reduction of Norco from four tablets to two tablets a day.",
                Some((Tri::Yes, "reduction of Norco from four tablets to two")),
            ),
            // Beside pain relief, an outcome that names its medication is still of it.
            (
                "The applicant completed a one month home trial with documented daily use, reduced pain and a 50% reduction of her opioid medication.",
                Some((Tri::Yes, "reduction of her opioid medication")),
            ),
            // Pain alone is not function.
            ("After six sessions her pain decreased from 8 to 5.", None),
        ]);
    }

    #[test]
    fn a_trial_to_learn_whether_care_helps_is_no_finding() {
        fi_reads(&[
            (
                "The request exceeds the 3 to 6 treatments the guideline allows to establish whether acupuncture produces functional improvement.",
                None,
            ),
            ("A short trial would show if therapy yields functional gains.", None),
            (
                "There is no explanation of what further functional gain supervised land-based therapy would achieve that a home program could not.",
                None,
            ),
            // Not a question: a finding.
            ("The records do not establish functional improvement.", Some((Tri::No, "functional improvement"))),
        ]);
    }

    #[test]
    fn improvement_told_in_everyday_words() {
        fi_reads(&[
            // An outcome in the patient's life, tied to the course.
            (
                "The massage therapist reports that since the sessions she does more at home and uses less pain medication.",
                Some((Tri::Yes, "does more at home")),
            ),
            (
                "A course of acupuncture for her back in 2015 helped her get back to work at that time.",
                Some((Tri::Yes, "get back to work")),
            ),
            (
                "The psychologist documents concrete gains: she is driving her children and doing the shopping again.",
                Some((Tri::Yes, "documents concrete gains")),
            ),
            // The same outcomes denied, or asked about and not recorded.
            (
                "There is no report that she does more at home after massage or uses less medication.",
                Some((Tri::No, "does more at home")),
            ),
            (
                "There is no record of how often the unit was used or whether it allowed him to work longer.",
                Some((Tri::No, "no record of how often the unit was used or whether it allowed")),
            ),
            (
                "His earlier therapy did not improve his work status, medication use or walking tolerance.",
                Some((Tri::No, "improve his work status")),
            ),
            (
                "The notes do not record any change in what he can do.",
                Some((Tri::No, "do not record any change in what he can do")),
            ),
            (
                "The notes record that he feels looser after each visit, and nothing is said about anything he can now do that he could not do before.",
                Some((Tri::No, "can now do")),
            ),
            // A measure's improvement "of" it.
            (
                "The progress note documents improvement of walking tolerance from 10 to 30 minutes after the visits.",
                Some((Tri::Yes, "improvement of walking tolerance from 10")),
            ),
            // Less medication told by how often, or by a share.
            (
                "With use of the unit his pain decreased from 7/10 to 4/10 and his Ultram use decreased from twice daily to once daily.",
                Some((Tri::Yes, "use decreased from twice daily to once daily")),
            ),
            (
                "The patient completed a 30 day trial with a reduction in his Ultram use by half.",
                Some((Tri::Yes, "reduction in his Ultram use by half")),
            ),
            // Without a course the outcome is not tied to treatment.
            ("She does more at home and uses less medication.", None),
            ("His Norco use decreased from four times a day to twice a day.", None),
            // Sleep is a drug's outcome as often as a course's.
            ("Since starting gabapentin after the sessions he sleeps through the night.", None),
            // The review's concern, reported, is the finding in dispute.
            ("The utilization reviewer's concern that no objective functional improvement was noted is not supported.", None),
        ]);
    }

    /// Gains told as lost again after them are no improvement documented; a measure restored,
    /// told beside other gains, is one of them.
    #[test]
    fn gains_lost_again_are_no_improvement() {
        let value = |s: &str| functional_improvement(s).map(|x| x.value);
        for s in [
            "The therapist's re-evaluation states that his Oswestry Disability Index, which had improved from 52% to 34%, returned to 46%.",
            "After 8 sessions her walking tolerance improved from 10 to 30 minutes, then fell back to 15 minutes.",
            "After the 12 visits his lifting capacity improved from 10 to 25 pounds, but the gains were lost when he stopped exercising.",
        ] {
            assert_eq!(value(s), Some(Tri::No), "{s}");
        }
        let restored =
            "She has attended 6 sessions of hand therapy; right grip strength has improved from 18 to 31 pounds, \
                        two-point discrimination has returned to 5 mm, and she went back to modified duty.";
        assert_eq!(value(restored), Some(Tri::Yes));
    }

    #[test]
    fn a_month_named_may_and_a_course_called_effective() {
        fi_reads(&[
            // "May" the month is no modal.
            (
                "He completed 6 sessions of physical therapy between May and July 2013 with improvement in his walking tolerance, and he returned to modified duty in August 2013.",
                Some((Tri::Yes, "returned to modified duty")),
            ),
            ("Therapy may help her return to modified duty.", None),
            (
                "That course was 6 sessions more than a year ago, and it was effective: he was able to return to modified duty.",
                Some((Tri::Yes, "return to modified duty")),
            ),
        ]);
    }
}
