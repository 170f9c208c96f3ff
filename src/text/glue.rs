//! Words a PDF's text extraction ran together: "functionalimprovement", "medicallynecessary",
//! "theclaimant", "hasreduced", "massagesessions", "herNorco".
//!
//! A word is parted only into words imrcheck reads (`glue-parts.txt`: its patterns' words, its
//! vocabulary's, and the closed-class words sentences run them into), and never when it is an
//! English word that happens to be made of such parts ("another", "onset", "homebound":
//! `glue-words.txt`). Both lists are written by `scripts/glue-words`; a word neither list
//! knows of (a drug's name, a misspelling) is left as it is, except a closed-class word run
//! into a capitalised one (a brand name the vocabulary lacks after "her", "his", "the").

use std::cell::RefCell;
use std::sync::LazyLock;

/// A word list in byte order, looked up by binary search: building a hash set of its words
/// cost more than a letter's look-ups (`check` of one letter reads a few hundred words, and
/// each is looked up once a thread).
struct List(Vec<&'static [u8]>);

impl List {
    fn of(text: &'static str) -> List {
        let mut words: Vec<&'static [u8]> =
            text.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).map(str::as_bytes).collect();
        // Written sorted by scripts/glue-words; sorting a sorted list is one pass.
        words.sort_unstable();
        List(words)
    }

    fn contains(&self, word: &[u8]) -> bool {
        self.0.binary_search(&word).is_ok()
    }
}

static PARTS: LazyLock<List> = LazyLock::new(|| List::of(include_str!("glue-parts.txt")));
static WHOLE: LazyLock<List> = LazyLock::new(|| List::of(include_str!("glue-words.txt")));

/// The lengths (at least 2, at most `longest`) of the parts `word` starts with, shortest first.
fn heads_of(w: &[u8], longest: usize) -> Vec<usize> {
    let sorted = &PARTS.0;
    let (mut lo, mut hi) = (0, sorted.len());
    let mut out = Vec::new();
    for (k, &c) in w.iter().enumerate().take(longest) {
        // Within lo..hi every part starts with w[..k]; keep those whose next byte is c.
        let range = &sorted[lo..hi];
        let from = range.partition_point(|p| p.get(k).is_some_and(|&b| b < c) || p.len() <= k);
        let to = range.partition_point(|p| p.get(k).is_none_or(|&b| b <= c));
        (lo, hi) = (lo + from, lo + to);
        if lo >= hi {
            break;
        }
        if k + 1 >= 2 && sorted[lo].len() == k + 1 {
            out.push(k + 1);
        }
    }
    out
}

/// Where a word is read as two or three: the offsets at which a space is read, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Cuts {
    at: [usize; 2],
    len: usize,
}

impl Cuts {
    fn one(at: usize) -> Cuts {
        Cuts { at: [at, 0], len: 1 }
    }

    /// The offsets, in order.
    pub(super) fn offsets(&self) -> &[usize] {
        &self.at[..self.len]
    }

    /// The offsets moved by `by` (the word's place in a longer run).
    pub(super) fn shifted(mut self, by: usize) -> Cuts {
        for at in &mut self.at[..self.len] {
            *at += by;
        }
        self
    }
}

/// The longest word looked at: longer runs of letters are not words run together.
const LONGEST: usize = 40;
/// The shortest: two two-letter words ("isno", "tobe"). None of the 534 pairs the parts make
/// is an English word of words_alpha.txt, and over the 1,692 fixture letters parting them
/// changed one fact ("There isno documentation of objective functional improvement").
pub(super) const SHORTEST: usize = 4;

/// How a word reads, whatever its case.
#[derive(Debug, Clone, Copy)]
enum Reading {
    /// A part, or an English word made of parts.
    Word,
    /// Words run together.
    RunTogether(Cuts),
    /// Neither list knows it.
    Unknown,
}

/// Where `word` (ASCII letters only) is words run together, if it is.
pub(super) fn cuts(word: &[u8]) -> Option<Cuts> {
    if !(SHORTEST..=LONGEST).contains(&word.len()) {
        return None;
    }
    let mut buf = [0u8; LONGEST];
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word);
    lower.make_ascii_lowercase();
    match reading(lower) {
        Reading::RunTogether(c) => Some(c),
        Reading::Word => None,
        // A closed-class word run into a capitalised one the lists do not know: a brand
        // name after "her" or "his".
        Reading::Unknown => {
            let lead = word.iter().take_while(|b| b.is_ascii_lowercase()).count();
            let rest = &word[lead..];
            (rest.len() >= 3
                && rest[0].is_ascii_uppercase()
                && rest[1..].iter().all(u8::is_ascii_lowercase)
                && CLOSED.iter().any(|c| c.as_bytes() == &lower[..lead]))
            .then(|| Cuts::one(lead))
        }
    }
}

/// How a lower-case word reads. A letter's words recur, within it and across a corpus: each is
/// read once a thread, and then found with one look-up (parting a word tries every place in
/// it, two look-ups each: issue 14).
fn reading(lower: &[u8]) -> Reading {
    thread_local! {
        static SEEN: RefCell<foldhash::HashMap<Box<[u8]>, Reading>> = RefCell::default();
    }
    if let Some(known) = SEEN.with(|seen| seen.borrow().get(lower).copied()) {
        return known;
    }
    let found = if PARTS.contains(lower) || WHOLE.contains(lower) { Reading::Word } else { parted(lower) };
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        // Bounded: a corpus of garbled text must not grow it without end.
        if seen.len() >= 1 << 16 {
            seen.clear();
        }
        seen.insert(lower.into(), found);
    });
    found
}

/// How a lower-case word that is neither a part nor a word made of parts reads.
fn parted(lower: &[u8]) -> Reading {
    let parts = &*PARTS;
    // The parts the word starts with, found by walking the sorted parts letter by letter (a
    // trie's walk: most words leave every part within a few letters).
    let heads = heads_of(lower, lower.len() - 2);
    // Two words, the reading whose shorter word is longest: "visitsessions" is "visit
    // sessions" before "visits essions" could be anything.
    let best = heads
        .iter()
        .filter(|&&i| parts.contains(&lower[i..]))
        .max_by_key(|&&i| (i.min(lower.len() - i), std::cmp::Reverse(i)));
    if let Some(&i) = best {
        return Reading::RunTogether(Cuts::one(i));
    }
    // Three ("notmedicallynecessary").
    for &i in &heads {
        for j in heads_of(&lower[i..], lower.len() - i - 2) {
            if parts.contains(&lower[i + j..]) {
                return Reading::RunTogether(Cuts { at: [i, i + j], len: 2 });
            }
        }
    }
    Reading::Unknown
}

/// The closed-class words that run into a capitalised name.
const CLOSED: &[&str] = &[
    "the", "her", "his", "their", "its", "of", "on", "and", "with", "without", "for", "from", "to", "in", "at", "by",
    "has", "had", "have", "was", "were", "is", "are", "not", "no", "this", "that", "than", "or", "about",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn read(word: &str) -> String {
        let mut out = word.to_owned();
        if let Some(c) = cuts(word.as_bytes()) {
            for &at in c.offsets().iter().rev() {
                out.insert(at, ' ');
            }
        }
        out
    }

    #[test]
    fn words_run_together_are_parted() {
        for (glued, read_as) in [
            ("functionalimprovement", "functional improvement"),
            ("medicallynecessary", "medically necessary"),
            ("notmedically", "not medically"),
            ("theclaimant", "the claimant"),
            ("Thepatient", "The patient"),
            ("hasreduced", "has reduced"),
            ("isno", "is no"),
            ("Isno", "Is no"),
            ("withoutdocumented", "without documented"),
            ("physicaltherapy", "physical therapy"),
            ("massagesessions", "massage sessions"),
            ("PTvisits", "PT visits"),
            ("treatmentsbetween", "treatments between"),
            ("notmedicallynecessary", "not medically necessary"),
            ("herNorco", "her Norco"),
            ("hisTramadol", "his Tramadol"),
        ] {
            assert_eq!(read(glued), read_as, "{glued}");
        }
    }

    /// A word's reading is remembered by its lower-case form; its case still counts.
    #[test]
    fn a_word_read_before_in_another_case_reads_by_its_own() {
        assert_eq!(read("herqlexadrin"), "herqlexadrin");
        assert_eq!(read("herQlexadrin"), "her Qlexadrin");
        assert_eq!(read("HERQLEXADRIN"), "HERQLEXADRIN");
        assert_eq!(read("ThePatient"), "The Patient");
        assert_eq!(read("thepatient"), "the patient");
    }

    #[test]
    fn words_and_names_stay_whole() {
        for word in [
            "another",
            "upheld",
            "overturned",
            "homebound",
            "psychotherapists",
            "noninvasive",
            "intraoperative",
            "radiculopathy",
            "paraspinal",
            "OxyContin",
            "McKenzie",
            "LidoPro",
            "mmHg",
            "therapy",
            "into",
            "upon",
            "noon",
            "Ambien",
        ] {
            assert_eq!(read(word), word);
        }
    }
}
