//! Finding a vocabulary set's terms in a text as the alternation regex `vocab` builds for them
//! finds them, without compiling it (issue 14): the set's regex, hundreds of case-insensitive
//! terms, was a third of the cost of compiling the extractor's patterns, and it is searched in
//! every sentence.
//!
//! The regex is `(?i)(?:T1|T2|...)`, the terms longest first, each term `\b` (when it starts
//! with a letter or digit), its words joined by `[\s-]+` (with an optional side, `left`,
//! `right` or `bilateral`, after a word `the`), then `(?:s|es)?` (a term of more than four bytes
//! ending in a letter) and `\b` (when it ends with a letter or digit); see `vocab::term_pattern`.
//! Its matches are leftmost-first: at the first position where some term matches, the first
//! term in the list that matches there, each part taking the first way the regex would try
//! (greedy repetitions longest first, alternatives in order). [`Terms`] finds the positions where
//! a term's first word stands with Aho-Corasick and follows that order from each, which gives the
//! same matches on ASCII text; text past ASCII, and a set with a term past ASCII, is searched by
//! the regex itself (compiled then).

use crate::pattern::Regex;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

/// The words for a side of the body that may stand after `the` in a term.
pub const SIDES: &[&str] = &["left", "right", "bilateral"];

/// One term as the regex reads it.
#[derive(Debug, Clone)]
struct Term {
    words: Vec<Box<[u8]>>,
    /// `\b` before it.
    pre: bool,
    /// `(?:s|es)?` after it.
    plural: bool,
    /// `\b` after it.
    post: bool,
}

/// A set of terms in the regex's order, searched as the regex would be.
#[derive(Debug, Clone)]
pub struct Terms {
    /// The regex, its source written only when first asked for (the scan needs none: writing
    /// the embedded sets' alternations was 2% of checking one letter, issue 14), and shared by
    /// the clones.
    regex: Arc<OnceLock<Regex>>,
    source: Source,
    /// `None` when a term has a character past ASCII: the regex searches everything.
    scan: Option<Arc<Scan>>,
}

#[derive(Debug)]
struct Scan {
    terms: Vec<Term>,
    case_insensitive: bool,
    /// The distinct first words, lower-cased when case does not matter, and for each the terms
    /// that start with it, in the regex's order.
    firsts: Vec<(Box<[u8]>, Vec<usize>)>,
    /// Every first word, for a search from anywhere (a set with a term that may start inside a
    /// word).
    automaton: OnceLock<Option<AhoCorasick>>,
    /// The first words as a trie, for a search from each word's start.
    trie: OnceLock<Trie>,
    /// Bytes scanned so far.
    scanned: AtomicUsize,
}

/// How many bytes a set is scanned for before its regex is compiled: about a hundred letters'
/// sentences (checking one letter compiles none of the sets).
pub const SCAN_FIRST: usize = 4 << 20;

/// Byte strings by their bytes: node 0 is the root; each node's children sorted by byte, and
/// the first word (an index into `firsts`) that ends there.
#[derive(Debug)]
struct Trie {
    nodes: Vec<TrieNode>,
    /// The words' first two bytes (a bit for each pair), and the words of one byte: most
    /// of a text's words start with a pair no word starts with, and are passed over without
    /// walking the trie (issue 14).
    pairs: Box<[u64; 1024]>,
    singles: [bool; 256],
}

/// A trie node: its children by byte, and the first word that ends there.
type TrieNode = (Vec<(u8, u32)>, Option<usize>);

impl Trie {
    fn new(words: impl Iterator<Item = (usize, impl AsRef<[u8]>)>) -> Trie {
        let mut t = Trie { nodes: vec![(Vec::new(), None)], pairs: Box::new([0; 1024]), singles: [false; 256] };
        for (i, w) in words {
            match w.as_ref() {
                [] => {}
                [b] => t.singles[usize::from(*b)] = true,
                [b0, b1, ..] => {
                    let pair = pair_of(*b0, *b1);
                    t.pairs[pair / 64] |= 1 << (pair % 64);
                }
            }
            let mut at = 0usize;
            for &b in w.as_ref() {
                let children = &t.nodes[at].0;
                at = match children.binary_search_by_key(&b, |c| c.0) {
                    Ok(k) => children[k].1 as usize,
                    Err(k) => {
                        let new = t.nodes.len();
                        t.nodes[at].0.insert(k, (b, new as u32));
                        t.nodes.push((Vec::new(), None));
                        new
                    }
                };
            }
            t.nodes[at].1 = Some(i);
        }
        t
    }

    /// Whether a word may start with the first byte or two of `h` (as the trie holds them: lower
    /// case when case does not matter).
    fn may_start(&self, h: &[u8], case_insensitive: bool) -> bool {
        let Some(&b0) = h.first() else { return false };
        let b0 = fold(b0, case_insensitive);
        self.singles[usize::from(b0)]
            || h.get(1).is_some_and(|&b1| {
                let pair = pair_of(b0, fold(b1, case_insensitive));
                self.pairs[pair / 64] & (1 << (pair % 64)) != 0
            })
    }
}

/// A byte as the trie holds it: lower case when case does not matter.
fn fold(b: u8, case_insensitive: bool) -> u8 {
    if case_insensitive {
        b.to_ascii_lowercase()
    } else {
        b
    }
}

/// A pair of bytes as a place in [`Trie::pairs`].
fn pair_of(b0: u8, b1: u8) -> usize {
    usize::from(b0) << 8 | usize::from(b1)
}

/// What a set's regex is written from: its terms, in the alternation's order, whether case
/// matters, and the function that writes the regex from them.
#[derive(Debug, Clone)]
pub struct Source {
    /// The terms, in the alternation's order.
    pub keys: Arc<[String]>,
    /// Whether the terms are found without case.
    pub case_insensitive: bool,
    /// Writes the regex of `keys`.
    pub write: fn(&[String], bool) -> String,
}

impl Terms {
    /// The terms (vocabulary keys, in the order of the alternation), and how the regex is
    /// written from them.
    pub fn new(source: Source) -> Terms {
        let keys = &source.keys;
        let case_insensitive = source.case_insensitive;
        let scan = keys.iter().all(|k| k.is_ascii()).then(|| {
            let terms: Vec<Term> = keys.iter().map(|k| term(k)).collect();
            let mut firsts: Vec<(Box<[u8]>, Vec<usize>)> = Vec::new();
            for (i, t) in terms.iter().enumerate() {
                let Some(first) = t.words.first() else { continue };
                let key: Box<[u8]> =
                    if case_insensitive { first.to_ascii_lowercase().into_boxed_slice() } else { first.clone() };
                match firsts.iter_mut().find(|(w, _)| *w == key) {
                    Some((_, list)) => list.push(i),
                    None => firsts.push((key, vec![i])),
                }
            }
            Arc::new(Scan {
                terms,
                case_insensitive,
                firsts,
                automaton: OnceLock::new(),
                trie: OnceLock::new(),
                scanned: AtomicUsize::new(0),
            })
        });
        Terms { regex: Arc::default(), source, scan }
    }

    /// The regex (to compile it now and have its error).
    pub fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            let source = (self.source.write)(&self.source.keys, self.source.case_insensitive);
            // A set whose regex does not compile is reported by `Regex::compile`.
            Regex::new(&source).expect("Regex::new compiles nothing, so fails on nothing")
        })
    }

    /// The terms the scan follows (their words), or `None` when the regex searches everything.
    pub fn scanned_terms(&self) -> Option<Vec<Vec<String>>> {
        self.scan.as_ref().map(|s| {
            s.terms.iter().map(|t| t.words.iter().map(|w| String::from_utf8_lossy(w).into_owned()).collect()).collect()
        })
    }

    /// The scan's matches in ASCII `text`, whatever has been scanned (for tests that compare it
    /// with the regex); `None` when the set is not scanned.
    #[cfg(test)]
    pub(crate) fn scan_find_iter(&self, text: &str) -> Option<Vec<(usize, usize)>> {
        self.scan.as_ref().filter(|_| text.is_ascii()).map(|s| s.find_iter(text.as_bytes()))
    }

    /// Every match, left to right, as `(start, end)`: the regex's `find_iter`. The scan needs
    /// nothing compiled, but the regex, once compiled, searches faster: a run that has scanned
    /// [`SCAN_FIRST`] bytes with a set (an audit, after its first few letters) compiles the
    /// regex and uses it from then on. Both find the same matches.
    pub fn find_iter(&self, text: &str) -> Vec<(usize, usize)> {
        if let Some(scan) = &self.scan {
            if text.is_ascii() && scan.scanned.load(Ordering::Relaxed) < SCAN_FIRST {
                scan.scanned.fetch_add(text.len(), Ordering::Relaxed);
                return scan.find_iter(text.as_bytes());
            }
        }
        self.regex().find_iter(text).map(|m| (m.start(), m.end())).collect()
    }
}

fn term(key: &str) -> Term {
    Term {
        words: key.split(' ').filter(|w| !w.is_empty()).map(|w| w.as_bytes().into()).collect(),
        pre: key.starts_with(|c: char| c.is_alphanumeric()),
        plural: key.ends_with(|c: char| c.is_ascii_alphabetic()) && key.len() > 4,
        post: key.ends_with(|c: char| c.is_alphanumeric()),
    }
}

/// `\w` in ASCII.
fn is_word(b: u8) -> bool {
    WORD[usize::from(b)]
}

static WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    t
};

/// `[\s-]` in ASCII.
pub(crate) fn is_separator(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' | b'-')
}

/// `\b` at `at`.
fn boundary(h: &[u8], at: usize) -> bool {
    let before = at > 0 && is_word(h[at - 1]);
    let after = at < h.len() && is_word(h[at]);
    before != after
}

impl Scan {
    fn automaton(&self) -> Option<&AhoCorasick> {
        self.automaton
            .get_or_init(|| {
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(self.case_insensitive)
                    .match_kind(MatchKind::Standard)
                    .build(self.firsts.iter().map(|(w, _)| w))
                    .ok()
            })
            .as_ref()
    }

    fn find_iter(&self, h: &[u8]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut candidates: Vec<usize> = Vec::new();
        // The first term that matches at `at`, if any.
        let try_at = |at: usize, candidates: &mut Vec<usize>| -> Option<usize> {
            candidates.sort_unstable();
            candidates.iter().find_map(|&t| self.match_at(&self.terms[t], h, at))
        };
        if self.terms.iter().all(|t| t.pre) {
            // Every term starts with `\b` before a letter or digit: only a word's start can
            // start a match, and the first words standing there are read from it.
            let trie = self.trie.get_or_init(|| Trie::new(self.firsts.iter().map(|(w, _)| w).enumerate()));
            let mut at = 0;
            loop {
                // The next word's start.
                while at < h.len() && !is_word(h[at]) {
                    at += 1;
                }
                if at >= h.len() {
                    break;
                }
                if at > 0 && is_word(h[at - 1]) {
                    // Inside a word (where a match without `\b` after it ended).
                    while at < h.len() && is_word(h[at]) {
                        at += 1;
                    }
                    continue;
                }
                candidates.clear();
                if trie.may_start(&h[at..], self.case_insensitive) {
                    let mut node = 0usize;
                    for &b in &h[at..] {
                        let b = fold(b, self.case_insensitive);
                        let children = &trie.nodes[node].0;
                        match children.binary_search_by_key(&b, |c| c.0) {
                            Ok(k) => node = children[k].1 as usize,
                            Err(_) => break,
                        }
                        if let Some(f) = trie.nodes[node].1 {
                            candidates.extend_from_slice(&self.firsts[f].1);
                        }
                    }
                }
                if !candidates.is_empty() {
                    if let Some(end) = try_at(at, &mut candidates) {
                        out.push((at, end));
                        at = end;
                        continue;
                    }
                }
                while at < h.len() && is_word(h[at]) {
                    at += 1;
                }
            }
            return out;
        }
        let Some(ac) = self.automaton() else { return Vec::new() };
        // Where each first word stands, in order of position.
        let mut starts: Vec<(usize, usize)> =
            ac.find_overlapping_iter(h).map(|m| (m.start(), m.pattern().as_usize())).collect();
        starts.sort_unstable();
        let mut from = 0;
        let mut k = 0;
        while k < starts.len() {
            let at = starts[k].0;
            candidates.clear();
            while k < starts.len() && starts[k].0 == at {
                candidates.extend_from_slice(&self.firsts[starts[k].1].1);
                k += 1;
            }
            if at < from {
                continue;
            }
            if let Some(end) = try_at(at, &mut candidates) {
                out.push((at, end));
                from = end;
            }
        }
        out
    }

    fn literal(&self, h: &[u8], at: usize, word: &[u8]) -> bool {
        h.get(at..at + word.len()).is_some_and(|s| {
            if self.case_insensitive {
                s.eq_ignore_ascii_case(word)
            } else {
                s == word
            }
        })
    }

    /// The end of `t`'s match at `at`, the first way the regex tries.
    fn match_at(&self, t: &Term, h: &[u8], at: usize) -> Option<usize> {
        if t.pre && !boundary(h, at) {
            return None;
        }
        self.words(t, h, 0, at)
    }

    /// Word `k` of `t` at `at`, and what follows it.
    fn words(&self, t: &Term, h: &[u8], k: usize, at: usize) -> Option<usize> {
        let word = &t.words[k];
        if !self.literal(h, at, word) {
            return None;
        }
        let at = at + word.len();
        if k + 1 == t.words.len() {
            return self.tail(t, h, at);
        }
        let the = word.eq_ignore_ascii_case(b"the");
        // `[\s-]+`, longest first.
        let run = h[at..].iter().take_while(|b| is_separator(**b)).count();
        for len in (1..=run).rev() {
            let next = at + len;
            if the {
                // `(?:(?:left|right|bilateral)[\s-]+)?`: with a side first.
                for side in SIDES {
                    if self.literal(h, next, side.as_bytes()) {
                        let after = next + side.len();
                        let run2 = h[after..].iter().take_while(|b| is_separator(**b)).count();
                        for len2 in (1..=run2).rev() {
                            if let Some(end) = self.words(t, h, k + 1, after + len2) {
                                return Some(end);
                            }
                        }
                    }
                }
            }
            if let Some(end) = self.words(t, h, k + 1, next) {
                return Some(end);
            }
        }
        None
    }

    /// The plural and the closing boundary.
    fn tail(&self, t: &Term, h: &[u8], at: usize) -> Option<usize> {
        let suffixes: &[&[u8]] = if t.plural { &[b"s", b"es", b""] } else { &[b""] };
        suffixes
            .iter()
            .filter(|s| self.literal(h, at, s))
            .map(|s| at + s.len())
            .find(|&end| !t.post || boundary(h, end))
    }
}
