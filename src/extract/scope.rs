//! What a disputed item is: its category, read from the head of its phrase, and the therapy,
//! if any, that puts it in scope of a visit rule.
//!
//! English puts the head of a noun phrase last, before its modifiers in prepositional phrases:
//! "transportation to therapy appointments" is transportation, "12 sessions of physical
//! therapy" is physical therapy, "pool access gym membership" is a membership. So the phrase is
//! cut at its prepositions and punctuation, the first piece that names anything the vocabulary
//! knows is the head piece, and in it the term that ends last is the head. A therapy named
//! anywhere else in the phrase never makes the item a therapy.

use crate::domain::{Category, Modality};
use crate::span::Span;
use crate::vocab::Lexicon;

/// Words and marks that end a noun phrase's head: what follows them modifies it.
const HEAD_ENDS: &[&str] = &[
    "for",
    "to",
    "of",
    "with",
    "at",
    "in",
    "on",
    "from",
    "per",
    "including",
    "via",
    "under",
    "over",
    "after",
    "following",
    "before",
    "during",
    "x",
    "times",
    "as",
    "and/or",
    "or",
    "versus",
    "vs",
];
const HEAD_END_MARKS: &[char] = &[',', '(', ')', ':', ';', '[', ']', '#', '='];

/// What joins two therapies named as one course, the first of which is the item's head.
const THERAPY_JOINS: &[&str] = &["/", "and", "&", "+", "plus", "or", "and/or", "and / or"];

/// How an item's kind was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The head term of the item's own phrase.
    Head,
    /// The item names nothing the vocabulary knows; its own rationale names one therapy.
    Block,
    /// Nothing known anywhere.
    Unknown,
}

/// An item's kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kind {
    /// Its category.
    pub category: Category,
    /// The therapy a visit rule may cover (`None`: no visit rule applies).
    pub modality: Option<Modality>,
    /// The head term, in the coordinates of the searched text (the item phrase, or the block
    /// text for [`Basis::Block`]).
    pub term: Option<(usize, usize)>,
    /// How it was found.
    pub basis: Basis,
}

/// A candidate head: a category term or a therapy term.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    start: usize,
    end: usize,
    category: Category,
    modality: Option<Modality>,
    /// A word that names a non-therapy treatment without a category of its own ("injection" in
    /// the treatment vocabulary's `other` list).
    weak: bool,
}

/// Byte ranges of the phrase's pieces, cut at [`HEAD_ENDS`] and [`HEAD_END_MARKS`].
fn pieces(text: &str) -> Vec<(usize, usize)> {
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (cut start, cut end)
    let mut word_start: Option<usize> = None;
    let flush = |ws: usize, we: usize, cuts: &mut Vec<(usize, usize)>| {
        let w = &text[ws..we];
        if HEAD_ENDS.iter().any(|h| h.eq_ignore_ascii_case(w)) {
            cuts.push((ws, we));
        }
    };
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() || matches!(c, '/' | '\'' | '-') {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(ws) = word_start.take() {
            flush(ws, i, &mut cuts);
        }
        if HEAD_END_MARKS.contains(&c) {
            cuts.push((i, i + c.len_utf8()));
        }
    }
    if let Some(ws) = word_start {
        flush(ws, text.len(), &mut cuts);
    }
    let mut out = Vec::new();
    let mut at = 0;
    for (cs, ce) in cuts {
        if cs > at {
            out.push((at, cs));
        }
        at = ce;
    }
    if at < text.len() {
        out.push((at, text.len()));
    }
    out
}

fn candidates(text: &str, lexicon: &Lexicon) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = lexicon
        .category_terms(text)
        .into_iter()
        .map(|h| Candidate { start: h.start, end: h.end, category: h.id, modality: None, weak: false })
        .collect();
    for h in lexicon.treatments(text, true) {
        let (category, weak) = match h.id.category() {
            Some(c) => (c, false),
            None => (Category::Other, true),
        };
        let modality = (h.id != Modality::Other).then_some(h.id);
        out.push(Candidate { start: h.start, end: h.end, category, modality, weak });
    }
    // A term inside a longer one is not a head ("therapy unit" inside "cold therapy unit",
    // "massage" inside "massage chair"). In order of start (longest first), a term is inside
    // another when one that started no later reaches past its end and is longer: one sweep.
    out.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    let mut reach: Option<(usize, usize)> = None; // (end, length) of the furthest-reaching term
    out.retain(|c| {
        let inside = reach.is_some_and(|(end, len)| c.end <= end && len > c.end - c.start);
        if reach.is_none_or(|(end, _)| c.end > end) {
            reach = Some((c.end, c.end - c.start));
        }
        !inside
    });
    out
}

/// The head of a phrase: the first piece that names a known term, and in it the term that ends
/// last (a longer term before a weak one at the same end).
fn head(text: &str, cands: &[Candidate]) -> Option<Candidate> {
    // Candidates are in order of start; the pieces too: one walk through both.
    let mut k = 0;
    for (ps, pe) in pieces(text) {
        while k < cands.len() && cands[k].start < ps {
            k += 1;
        }
        let inside = || cands[k..].iter().take_while(|c| c.start < pe).filter(|c| c.end <= pe);
        let best = inside().max_by_key(|c| (c.end, !c.weak, c.end - c.start));
        if let Some(mut b) = best.copied() {
            // Therapies joined in one course ("PT/OT 2x6", "physical therapy and acupuncture"):
            // the first named is the head, as the letters' own summaries name the course.
            while let Some(first) = inside().find(|c| {
                c.modality.is_some()
                    && b.modality.is_some()
                    && c.end <= b.start
                    && THERAPY_JOINS.iter().any(|j| text[c.end..b.start].trim().eq_ignore_ascii_case(j))
            }) {
                b = *first;
            }
            return Some(b);
        }
    }
    // A term that straddles a cut ("hot/cold pack" split at nothing, "x-ray" at "x").
    cands.iter().min_by_key(|c| c.start).copied()
}

/// Read an item's kind from its phrase; when the phrase names nothing known, from the item's
/// own rationale block (`block`: its sentences that are not guideline quotes), if that names
/// exactly one therapy family.
pub fn classify(item: &str, block: &[&str], lexicon: &Lexicon) -> (Kind, Option<(usize, usize, usize)>) {
    let cands = candidates(item, lexicon);
    let as_written = head(item, &cands);
    // "Naproxyn sodium 550mg", "Occupatonal therapy 3x4": a head that only a typing slip put
    // right names, in the original's place. Asked only where the head as written is missing or
    // weak, or has a long word before it (the misspelled head, "Transportaion to physical
    // therapy", or its misspelled kind, "Occupatonal therapy"): the vocabulary's words are not
    // gathered for a letter whose items need none of them.
    let doubtful = as_written.is_none_or(|h| {
        h.weak
            || item[..h.start].split(|c: char| !c.is_ascii_alphabetic()).any(|w| w.len() >= crate::vocab::SLIP_MIN_LEN)
    });
    let respelled = doubtful.then(|| lexicon.respell(item)).flatten().and_then(|r| {
        let h = head(&r.text, &candidates(&r.text, lexicon))?;
        r.fixes.iter().any(|&(_, (s, e))| h.start < e && s < h.end).then(|| Candidate {
            start: r.to_original(h.start, false),
            end: r.to_original(h.end, true),
            ..h
        })
    });
    if let Some(h) = respelled.or(as_written) {
        let kind =
            Kind { category: h.category, modality: h.modality, term: Some((h.start, h.end)), basis: Basis::Head };
        return (kind, None);
    }
    // "60 hours or 24 sessions)": a line cut by a page break. The rationale says what it is.
    let mut seen: Vec<(Modality, usize, usize, usize)> = Vec::new(); // (modality, sentence, start, end)
    for (si, s) in block.iter().enumerate() {
        for h in lexicon.treatments(s, false) {
            if h.id != Modality::Other {
                seen.push((h.id, si, h.start, h.end));
            }
        }
    }
    let mut families: Vec<_> = seen.iter().map(|(m, ..)| m.family()).collect();
    families.sort();
    families.dedup();
    if families.len() == 1 {
        let count = |m: Modality| seen.iter().filter(|(x, ..)| *x == m).count();
        if let Some(&(m, si, s, e)) = seen.iter().max_by_key(|(m, _, s, _)| (count(*m), std::cmp::Reverse(*s))) {
            let kind = Kind {
                category: m.category().unwrap_or(Category::Other),
                modality: Some(m),
                term: None,
                basis: Basis::Block,
            };
            return (kind, Some((si, s, e)));
        }
    }
    (Kind { category: Category::Other, modality: None, term: None, basis: Basis::Unknown }, None)
}

/// The span of a head term found in an item's flow.
pub fn term_span(flow: &crate::text::Flow, term: (usize, usize)) -> Span {
    flow.span(term.0, term.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        let mut v: crate::vocab::Vocabulary = serde_yaml::from_str(
            r#"
treatments:
  physical_therapy: [physical therapy, PT]
  occupational_therapy: [occupational therapy, OT]
  acupuncture: [acupuncture]
  functional_restoration: [functional restoration program]
  other: [injection]
categories:
  transportation: [transportation]
  programs: [gym membership]
  durable_medical_equipment: [cold therapy unit]
  pharmaceuticals: [norco]
  imaging_and_testing: [mri]
"#,
        )
        .expect("test vocabulary parses");
        v.extend(Default::default());
        Lexicon::new(v)
    }

    fn kind(item: &str) -> (Category, Option<Modality>) {
        let (k, _) = classify(item, &[], &lexicon());
        (k.category, k.modality)
    }

    #[test]
    fn a_typing_slip_in_the_head_is_read_as_the_word() {
        assert_eq!(kind("Transportaion to physical therapy appointments"), (Category::Transportation, None));
        let occupational = Some(Modality::OccupationalTherapy);
        assert_eq!(kind("Occupatonal therapy 3x4 for the wrist"), (Category::PhysicalMedicine, occupational));
        // The head is placed on the word as the letter spells it.
        let (k, _) = classify("Gym memebership x 6", &[], &lexicon());
        assert_eq!((k.category, k.term), (Category::Programs, Some((0, 15))));
        // A slip in a word after the head changes nothing.
        assert_eq!(kind("Norco for the occupatonal injury"), (Category::Pharmaceuticals, None));
    }

    #[test]
    fn the_head_decides_not_a_therapy_named_after_it() {
        assert_eq!(kind("Transportation to physical therapy appointments"), (Category::Transportation, None));
        assert_eq!(kind("Pool access gym membership"), (Category::Programs, None));
        assert_eq!(kind("Cold therapy unit rental x 21 days"), (Category::DurableMedicalEquipment, None));
        assert_eq!(kind("Gym membership for acupuncture"), (Category::Programs, None));
    }

    #[test]
    fn therapy_heads_and_light_heads() {
        let pt = (Category::PhysicalMedicine, Some(Modality::PhysicalTherapy));
        assert_eq!(kind("Physical therapy 2x6 for the lumbar spine"), pt);
        assert_eq!(kind("12 sessions of physical therapy"), pt);
        assert_eq!(kind("Retrospective request for Norco 10/325mg #90"), (Category::Pharmaceuticals, None));
        assert_eq!(kind("MRI of the lumbar spine"), (Category::ImagingAndTesting, None));
        assert_eq!(kind("Lumbar epidural injection at L4-5"), (Category::Other, None));
    }

    /// Therapies joined by a slash or a conjunction are one course, named by the first; a
    /// therapy named after another with nothing between is still the head.
    #[test]
    fn therapies_joined_in_one_course_take_the_first() {
        assert_eq!(kind("Continued PT/OT 2x6 for the right shoulder").1, Some(Modality::PhysicalTherapy));
        assert_eq!(kind("OT / PT x 6").1, Some(Modality::OccupationalTherapy));
        assert_eq!(kind("Acupuncture/physical therapy 2x4").1, Some(Modality::Acupuncture));
        assert_eq!(kind("Post-op PT occupational therapy 2x6").1, Some(Modality::OccupationalTherapy));
        assert_eq!(kind("Physical therapy and acupuncture for the lumbar spine").1, Some(Modality::PhysicalTherapy));
        assert_eq!(kind("Acupuncture & PT 2x4").1, Some(Modality::Acupuncture));
        assert_eq!(kind("OT plus PT x 6").1, Some(Modality::OccupationalTherapy));
    }

    #[test]
    fn an_unnamed_item_takes_the_one_therapy_its_rationale_names() {
        let lx = lexicon();
        let (k, at) =
            classify("60 hours or 24 sessions)", &["The functional restoration program is not supported."], &lx);
        assert_eq!(k.modality, Some(Modality::FunctionalRestoration));
        assert_eq!(k.basis, Basis::Block);
        assert!(at.is_some());
        let (k, _) = classify("60 hours", &["Physical therapy and acupuncture were tried. Neither helped."], &lx);
        assert_eq!(k.modality, None, "two therapies named: no guess");
    }
}
