//! Typing slips in an item's words: "Naproxyn", "Functional capacity evalution", "carpel tunnel
//! release", "Occupatonal therapy". A word the vocabulary does not hold, one edit (a letter
//! added, dropped, changed, or two swapped) from exactly one long word it does hold, is read as
//! that word. The words are kept by length and first letter, and a word is compared only with
//! those of its first letter one letter shorter, as long, or one longer (a slip in the first
//! letter is not read: "Taproxen" stays unknown; over an audit, comparing with every word of
//! those lengths cost 1.1% of all instructions). (Keeping every word under each of its one-letter deletions,
//! as SymSpell does, made each lookup a few probes but cost 18 M instructions to build for the
//! embedded vocabulary, more than a third of `check` on one letter; an item has few unknown
//! long words, so the scan is cheaper.)

/// The shortest word corrected, or corrected to: shorter words are too close to each other
/// ("right" and "night", "brace" and "trace") for one edit to tell a slip.
pub const MIN_LEN: usize = 6;

/// The long words of a vocabulary's terms, by length.
#[derive(Debug, Clone, Default)]
pub struct Spelling {
    /// The words one after another, in lower case.
    words: String,
    /// Where each word of each length and first letter starts in `words`.
    by_len: std::collections::HashMap<(usize, u8), Vec<u32>>,
}

/// An item's words respelled: the text, and each word changed, as (range in the original text,
/// range in the respelled one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Respelled {
    /// The text with its slips put right, in lower case where a word was changed.
    pub text: String,
    /// Each change: where the word stood in the original, and where it stands in `text`.
    pub fixes: Vec<((usize, usize), (usize, usize))>,
}

impl Respelled {
    /// A byte offset of `text` as an offset of the original: inside a changed word, the
    /// original word's start, or its end for `at_end`.
    pub fn to_original(&self, at: usize, at_end: bool) -> usize {
        let mut shift: isize = 0;
        for &((os, oe), (ns, ne)) in &self.fixes {
            if at <= ns {
                break;
            }
            if at < ne {
                return if at_end { oe } else { os };
            }
            shift += (ne - ns) as isize - (oe - os) as isize;
        }
        (at as isize - shift).max(0) as usize
    }
}

impl Spelling {
    /// The spelling of the words of `terms`.
    pub fn new<'a>(terms: impl IntoIterator<Item = &'a str>) -> Spelling {
        let mut s = Spelling::default();
        for term in terms {
            for word in term.as_bytes().split(|b| !b.is_ascii_alphabetic()).filter(|w| w.len() >= MIN_LEN) {
                let at = s.words.len();
                s.by_len.entry((word.len(), word[0].to_ascii_lowercase())).or_default().push(at as u32);
                // (ASCII letters only: always a whole string.)
                s.words.push_str(std::str::from_utf8(word).unwrap_or_default());
                s.words[at..].make_ascii_lowercase();
            }
        }
        s
    }

    /// The words of length `n` that open with `first`.
    fn of_len(&self, n: usize, first: u8) -> impl Iterator<Item = &str> {
        self.by_len.get(&(n, first)).into_iter().flatten().map(move |&at| &self.words[at as usize..at as usize + n])
    }

    /// The one vocabulary word `word` is a slip of, if there is exactly one.
    pub fn correct(&self, word: &str) -> Option<&str> {
        if word.len() < MIN_LEN || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        let lower = word.to_ascii_lowercase();
        let first = lower.as_bytes()[0];
        if self.of_len(lower.len(), first).any(|w| w == lower) {
            return None;
        }
        let mut found: Option<&str> = None;
        for w in (lower.len() - 1..=lower.len() + 1).flat_map(|n| self.of_len(n, first)) {
            // (A word of several terms is kept once for each: the same word again is no second
            // candidate.)
            if one_edit(&lower, w) {
                match found {
                    Some(f) if f != w => return None,
                    Some(_) => {}
                    None => found = Some(w),
                }
            }
        }
        found
    }

    /// `text` with each word that is a slip put right; `None` when none is.
    pub fn respell(&self, text: &str) -> Option<Respelled> {
        let mut out = String::with_capacity(text.len() + 4);
        let mut fixes = Vec::new();
        let mut last = 0;
        let mut words = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            if c.is_ascii_alphabetic() {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                words.push((s, i));
            }
        }
        for (s, e) in words {
            if let Some(right) = self.correct(&text[s..e]) {
                out.push_str(&text[last..s]);
                let ns = out.len();
                out.push_str(right);
                fixes.push(((s, e), (ns, out.len())));
                last = e;
            }
        }
        if fixes.is_empty() {
            return None;
        }
        out.push_str(&text[last..]);
        Some(Respelled { text: out, fixes })
    }
}

/// Whether `a` is one edit from `b` (both lower-case ASCII, and different): a letter added,
/// dropped or changed, or two neighbours swapped.
fn one_edit(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a == b {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    match a.len() as isize - b.len() as isize {
        0 => ra[1..] == rb[1..] || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..]),
        1 => ra[1..] == *rb,
        -1 => *ra == rb[1..],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spelling() -> Spelling {
        Spelling::new([
            "naproxen",
            "functional capacity evaluation",
            "carpal tunnel release",
            "occupational therapy",
            "physical therapy",
            "transportation",
            "night splint",
        ])
    }

    #[test]
    fn one_edit_from_one_word_is_that_word() {
        let s = spelling();
        assert_eq!(s.correct("Naproxyn"), Some("naproxen"), "a letter changed");
        assert_eq!(s.correct("evalution"), Some("evaluation"), "a letter dropped");
        assert_eq!(s.correct("Transportaion"), Some("transportation"), "two letters swapped");
        assert_eq!(s.correct("carpel"), Some("carpal"));
        assert_eq!(s.correct("Occupatonal"), Some("occupational"));
        assert_eq!(s.correct("physsical"), Some("physical"), "a letter added");
    }

    #[test]
    fn known_short_and_far_words_are_left() {
        let s = spelling();
        assert_eq!(s.correct("naproxen"), None, "a known word");
        assert_eq!(s.correct("right"), None, "too short to tell from 'night'");
        assert_eq!(s.correct("sessions"), None, "no word one edit away");
        assert_eq!(s.correct("Naproxyyn"), None, "two edits");
        assert_eq!(s.correct("Taproxen"), None, "a slip in the first letter is not read");
        assert_eq!(s.correct("carpel-"), None, "not a word");
    }

    #[test]
    fn a_respelled_text_maps_back_to_the_original() {
        let s = spelling();
        let text = "Right open carpel tunnel release; Transportaion";
        let r = s.respell(text).expect("two slips");
        assert_eq!(r.text, "Right open carpal tunnel release; transportation");
        let at = r.text.find("carpal").expect("in the text");
        assert_eq!(r.to_original(at, false), text.find("carpel").expect("in the text"));
        let end = r.text.find(" tunnel").expect("in the text");
        assert_eq!(r.to_original(end, true), text.find(" tunnel").expect("in the text"));
        // A word changed to a longer one shifts what follows.
        assert_eq!(r.to_original(r.text.len(), true), text.len());
        assert_eq!(s.respell("Physical therapy 2x6"), None);
    }

    #[test]
    fn two_words_one_edit_away_are_no_correction() {
        let s = Spelling::new(["traction", "fraction"]);
        // "tractoin" is one edit from "traction" only; "craction" is one from both.
        assert_eq!(s.correct("tractoin"), Some("traction"));
        assert_eq!(s.correct("craction"), None);
    }
}
