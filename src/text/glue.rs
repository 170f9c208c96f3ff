//! Words a PDF's text extraction ran together: "functionalimprovement", "medicallynecessary",
//! "theclaimant", "hasreduced", "massagesessions", "herNorco".
//!
//! A word is parted only into words imrcheck reads (`glue-parts.txt`: its patterns' words, its
//! vocabulary's, and the closed-class words sentences run them into), and never when it is an
//! English word that happens to be made of such parts ("another", "onset", "homebound":
//! `glue-words.txt`). Both lists are written by `scripts/glue-words`; a word neither list
//! knows of (a drug's name, a misspelling) is left as it is, except a closed-class word run
//! into a capitalised one ("herNorco").

use std::collections::HashSet;
use std::sync::LazyLock;

type Set = HashSet<&'static str, foldhash::fast::FixedState>;

fn set(list: &'static str) -> Set {
    list.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).collect()
}

static PARTS: LazyLock<Set> = LazyLock::new(|| set(include_str!("glue-parts.txt")));
static WHOLE: LazyLock<Set> = LazyLock::new(|| set(include_str!("glue-words.txt")));

/// Where a word is read as two or three: the offsets at which a space is read, in order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
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
/// The shortest: two two-letter words ("isno") are too often something else.
pub(super) const SHORTEST: usize = 5;

/// Where `word` (ASCII letters only) is words run together, if it is.
pub(super) fn cuts(word: &[u8]) -> Option<Cuts> {
    if !(SHORTEST..=LONGEST).contains(&word.len()) {
        return None;
    }
    let mut buf = [0u8; LONGEST];
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word);
    lower.make_ascii_lowercase();
    // Letters only, so ASCII, so UTF-8.
    let lower = std::str::from_utf8(lower).ok()?;
    let (parts, whole) = (&*PARTS, &*WHOLE);
    if parts.contains(lower) || whole.contains(lower) {
        return None;
    }
    // Two words, the reading whose shorter word is longest ("therapysessions" is
    // "therapy sessions", not "therapy's" anything shorter).
    let mut best: Option<(usize, usize)> = None;
    for i in 2..lower.len() - 1 {
        if parts.contains(&lower[..i]) && parts.contains(&lower[i..]) {
            let shorter = i.min(lower.len() - i);
            if best.is_none_or(|(s, _)| shorter > s) {
                best = Some((shorter, i));
            }
        }
    }
    if let Some((_, i)) = best {
        return Some(Cuts::one(i));
    }
    // Three ("notmedicallynecessary").
    for i in 2..lower.len().saturating_sub(3) {
        if !parts.contains(&lower[..i]) {
            continue;
        }
        for j in i + 2..lower.len() - 1 {
            if parts.contains(&lower[i..j]) && parts.contains(&lower[j..]) {
                return Some(Cuts { at: [i, j], len: 2 });
            }
        }
    }
    // A closed-class word run into a capitalised one the lists do not know ("herNorco",
    // "hisTramadol", "theClaimant").
    let lead = word.iter().take_while(|b| b.is_ascii_lowercase()).count();
    let rest = &word[lead..];
    (lead >= 2
        && rest.len() >= 3
        && rest[0].is_ascii_uppercase()
        && rest[1..].iter().all(u8::is_ascii_lowercase)
        && parts.contains(&lower[..lead])
        && CLOSED.contains(&&lower[..lead]))
    .then(|| Cuts::one(lead))
}

/// The closed-class words that run into a capitalised name ("herNorco").
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
            "isno",
        ] {
            assert_eq!(read(word), word);
        }
    }
}
