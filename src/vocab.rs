//! The vocabulary: treatment synonyms, condition terms with ICD codes, body regions and
//! surgeries, loaded from `vocabulary.yaml` and compiled once into matchers.
//!
//! Domain words are data so that teaching imrcheck "aqua therapy" is a one-line edit to the
//! YAML, not a code change.

use crate::domain::{Category, Family, Modality};
use crate::pattern::Regex;
use crate::terms::{Source, Terms};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;
use std::collections::BTreeMap;

mod spelling;
pub use spelling::{Respelled, MIN_LEN as SLIP_MIN_LEN};

/// One condition: the words letters use for it and its ICD-9 / ICD-10 codes.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConditionTerms {
    /// Words and phrases.
    #[serde(default)]
    pub terms: Vec<String>,
    /// ICD-9 codes, e.g. "729.1".
    #[serde(default)]
    pub icd9: Vec<String>,
    /// ICD-10 codes, e.g. "M79.1".
    #[serde(default)]
    pub icd10: Vec<String>,
}

/// The vocabulary file as written.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    /// Treatment terms by modality.
    #[serde(default)]
    pub treatments: BTreeMap<Modality, Vec<String>>,
    /// Conditions by id.
    #[serde(default)]
    pub conditions: BTreeMap<String, ConditionTerms>,
    /// Body region terms by region id.
    #[serde(default)]
    pub regions: BTreeMap<String, Vec<String>>,
    /// Surgery terms by surgery id.
    #[serde(default)]
    pub surgeries: BTreeMap<String, Vec<String>>,
    /// Terms that name a disputed item's category ("norco", "cold therapy unit", "gym
    /// membership"), beyond the treatments above, which have categories of their own.
    #[serde(default)]
    pub categories: BTreeMap<Category, Vec<String>>,
}

impl Vocabulary {
    /// Add another vocabulary's entries to this one (terms are appended, new ids added).
    pub fn extend(&mut self, other: Vocabulary) {
        for (k, v) in other.treatments {
            self.treatments.entry(k).or_default().extend(v);
        }
        for (k, v) in other.conditions {
            let e = self.conditions.entry(k).or_default();
            e.terms.extend(v.terms);
            e.icd9.extend(v.icd9);
            e.icd10.extend(v.icd10);
        }
        for (k, v) in other.regions {
            self.regions.entry(k).or_default().extend(v);
        }
        for (k, v) in other.surgeries {
            self.surgeries.entry(k).or_default().extend(v);
        }
        for (k, v) in other.categories {
            self.categories.entry(k).or_default().extend(v);
        }
    }
}

/// A term found in text: byte range in the searched string and the id it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit<T> {
    /// Start byte in the searched string.
    pub start: usize,
    /// End byte in the searched string.
    pub end: usize,
    /// What the term names.
    pub id: T,
}

/// One compiled category of terms.
#[derive(Debug, Clone)]
struct TermSet<T> {
    /// Terms matched in any case.
    loose: Option<Terms>,
    /// Short all-capital acronyms, matched only as written.
    strict: Option<Terms>,
    /// Acronyms in any case, for item lines.
    strict_loose: Option<Terms>,
    ids: foldhash::HashMap<String, T>,
}

fn is_acronym(term: &str) -> bool {
    term.len() <= 4 && term.chars().all(|c| c.is_ascii_uppercase())
}

/// Words for a side of the body, which a letter puts inside a term ("of the left ankle").
use crate::terms::SIDES;

/// A term's pattern. `terms::Terms` finds what the alternation of these patterns finds without
/// compiling it, following this grammar: a change here is a change there (a test compares them).
fn term_pattern(term: &str) -> String {
    // "open reduction internal fixation of the ankle" names "... of the left ankle" too: a
    // side may stand after "the" in any term.
    let escaped = regex::escape(term).replace("\\ ", " ");
    let words: Vec<&str> = escaped.split(' ').filter(|w| !w.is_empty()).collect();
    let mut joined = String::with_capacity(escaped.len() * 2);
    for (k, w) in words.iter().enumerate() {
        if k > 0 {
            joined.push_str(r"[\s-]+");
            if words[k - 1].eq_ignore_ascii_case("the") {
                joined.push_str(&format!(r"(?:(?:{})[\s-]+)?", SIDES.join("|")));
            }
        }
        joined.push_str(w);
    }
    let escaped = joined;
    let pre = if term.starts_with(|c: char| c.is_alphanumeric()) { r"\b" } else { "" };
    let ends_alpha = term.ends_with(|c: char| c.is_ascii_alphabetic());
    let plural = if ends_alpha && term.len() > 4 { "(?:s|es)?" } else { "" };
    let post = if term.ends_with(|c: char| c.is_alphanumeric()) { r"\b" } else { "" };
    format!("{pre}{escaped}{plural}{post}")
}

/// The longest term the vocabulary takes, in characters.
pub const MAX_TERM_CHARS: usize = 200;

/// Why `term` cannot be a vocabulary term, if it cannot: empty (it would match everywhere),
/// no words, too long, or with control characters.
pub fn term_problem(term: &str) -> Option<String> {
    if term.is_ascii() {
        return ascii_term_problem(term.as_bytes());
    }
    any_term_problem(term)
}

/// [`term_problem`] of any term, character by character.
fn any_term_problem(term: &str) -> Option<String> {
    if term.trim().is_empty() {
        return Some("an empty term would match everywhere".into());
    }
    // What `normalise_key` and `fold_for_terms` would leave empty (neither keeps a space or a
    // hyphen, and lower case makes neither of another character), read without building them:
    // this runs for each of the embedded vocabulary's 2,356 terms at every start (issue 14).
    if term.chars().all(|c| c.is_whitespace() || c == '-') {
        return Some("the term has no words, only hyphens and spaces".into());
    }
    let chars = term.chars().count();
    if chars > MAX_TERM_CHARS {
        return Some(format!("the term is {chars} characters long; terms are at most {MAX_TERM_CHARS}"));
    }
    if term.chars().any(char::is_control) {
        return Some("the term contains a control character".into());
    }
    // Escaped and this short, a term always compiles on its own; a set of them may not (too
    // many together), which `Lexicon::problems` reports.
    None
}

/// [`term_problem`] of an ASCII term, in one pass over its bytes (a character each): the
/// embedded vocabulary's 2,356 terms are read at every start (issue 14).
fn ascii_term_problem(term: &[u8]) -> Option<String> {
    // `char::is_whitespace` of an ASCII character (which `str::trim` uses).
    let space = |b: u8| matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ');
    let (mut words, mut letters, mut control) = (false, false, false);
    for &b in term {
        words |= !space(b);
        letters |= !crate::terms::is_separator(b);
        control |= b.is_ascii_control();
    }
    if !words {
        return Some("an empty term would match everywhere".into());
    }
    if !letters {
        return Some("the term has no words, only hyphens and spaces".into());
    }
    if term.len() > MAX_TERM_CHARS {
        return Some(format!("the term is {} characters long; terms are at most {MAX_TERM_CHARS}", term.len()));
    }
    control.then(|| "the term contains a control character".into())
}

/// A vocabulary the lexicon could not use in full. Terms with a problem are left out; a set of
/// terms that does not compile leaves the whole set out, so a rule set with problems must not
/// be used (`rules::load_*` refuse it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconProblem {
    /// Which terms: "treatment", "condition", "region", "surgery" or "category".
    pub set: &'static str,
    /// The term, when one term is at fault.
    pub term: Option<String>,
    /// What is wrong.
    pub message: String,
}

/// One alternation of `terms`; its regex compiled now when `eager` (to report a set that does
/// not compile), else only if a text past ASCII needs it ([`Terms`] finds what it finds).
fn alternation(terms: &[&String], case_insensitive: bool, eager: bool) -> Result<Option<Terms>, String> {
    if terms.is_empty() {
        return Ok(None);
    }
    let mut sorted: Vec<&&String> = terms.iter().collect();
    // Longest first so "physical therapy" wins over "therapy" at the same place; then in order,
    // so that a set is one pattern however its terms were read (and `COMPILED` knows it).
    sorted.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    let keys: std::sync::Arc<[String]> = sorted.into_iter().map(|t| (**t).clone()).collect();
    let too_large = |e: crate::pattern::Error| format!("its {} terms together do not compile: {e}", terms.len());
    // The terms and the flag say what the regex is: they key the sets compiled before.
    let key = (keys, case_insensitive);
    let found = match COMPILED.get(&key) {
        Some(known) => known,
        None => Terms::new(Source { keys: key.0.clone(), case_insensitive, write: alternation_source }),
    };
    if eager {
        found.regex().compile().map_err(too_large)?;
    }
    COMPILED.keep(key, found.clone());
    Ok(Some(found))
}

/// The regex of a set's terms, in this order: `(?i)(?:T1|T2|...)` (see [`term_pattern`]).
fn alternation_source(keys: &[String], case_insensitive: bool) -> String {
    let body = keys.iter().map(|t| term_pattern(t)).collect::<Vec<_>>().join("|");
    let flags = if case_insensitive { "(?i)" } else { "" };
    format!("{flags}(?:{body})")
}

/// The sets of terms compiled most recently, by their pattern. Loading a rule directory again
/// (`rules test`, the test suite, an embedder reloading its rules) or a vocabulary that changes
/// one set leaves the other sets as they were: they are compiled once, not once per load.
/// Sixteen: a vocabulary has up to three alternations for each of its five sets.
static COMPILED: Recent<(std::sync::Arc<[String]>, bool), Terms> = Recent::new(16);

/// A verb of going or coming just before "back": "went back", "came back", "get back".
static BACK_IDIOM_BEFORE: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:went|go|goes|going|gone|came|come|comes|coming|get|gets|got|getting|gotten|brought|bring|called|stepped|cut|cutting|paid|pay)\s+$")
        .expect("back idiom compiles")
});
/// "back to work", "back to full duty", "back to school" after the word.
static BACK_IDIOM_AFTER: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(r"(?i)^\s+to\s+(?:(?:full|modified|regular|light|part-time|usual|normal|her|his|their)\s+){0,2}(?:work|duty|duties|school|driving|job)\b")
        .expect("back idiom compiles")
});

/// "5 feet 9 inches", "walks 200 feet", "a six-foot ladder": a number before "feet" or "foot"
/// makes it a length, not a part of the body.
static LENGTH_BEFORE: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(r"(?i)(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|few|several))[\s-]*$")
        .expect("length compiles")
});

/// The last few values built, by key, shared by every load in the process.
struct Recent<K, V> {
    kept: std::sync::Mutex<Vec<(K, V)>>,
    capacity: usize,
}

impl<K: PartialEq, V: Clone> Recent<K, V> {
    const fn new(capacity: usize) -> Self {
        Recent { kept: std::sync::Mutex::new(Vec::new()), capacity }
    }

    fn get(&self, key: &K) -> Option<V> {
        self.kept.lock().ok()?.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    }

    /// Keep `value` under `key` (unless kept already), forgetting the oldest past capacity.
    fn keep(&self, key: K, value: V) {
        if let Ok(mut kept) = self.kept.lock() {
            if kept.iter().any(|(k, _)| *k == key) {
                return;
            }
            if kept.len() >= self.capacity {
                kept.remove(0);
            }
            kept.push((key, value));
        }
    }
}

impl<T: Clone> TermSet<T> {
    fn new(
        set: &'static str,
        entries: impl IntoIterator<Item = (String, T)>,
        problems: &mut Vec<LexiconProblem>,
        eager: bool,
    ) -> Self {
        let mut ids = foldhash::HashMap::default();
        for (term, id) in entries {
            if let Some(message) = term_problem(&term) {
                problems.push(LexiconProblem { set, term: Some(term), message });
                continue;
            }
            let key = if is_acronym(&term) { term.clone() } else { normalise_key(&term) };
            ids.insert(key, id);
        }
        let loose_terms: Vec<&String> = ids.keys().filter(|t| !is_acronym(t)).collect();
        let strict_terms: Vec<&String> = ids.keys().filter(|t| is_acronym(t)).collect();
        let mut compile = |terms: &[&String], ci: bool| {
            alternation(terms, ci, eager).unwrap_or_else(|message| {
                problems.push(LexiconProblem { set, term: None, message });
                None
            })
        };
        let loose = compile(&loose_terms, true);
        let strict = compile(&strict_terms, false);
        let strict_loose = if strict.is_some() { compile(&strict_terms, true) } else { None };
        TermSet { loose, strict, strict_loose, ids }
    }

    fn lookup(&self, found: &str) -> Option<T> {
        if let Some(id) = self.ids.get(found) {
            return Some(id.clone());
        }
        let mut key = normalise_key(found);
        // The side that term_pattern lets stand after "the" is not part of the term.
        if key.contains("the ") {
            for side in SIDES {
                key = key.replace(&format!("the {side} "), "the ");
            }
        }
        if let Some(id) = self.ids.get(&key) {
            return Some(id.clone());
        }
        for trimmed in [key.strip_suffix("es"), key.strip_suffix('s')].into_iter().flatten() {
            if let Some(id) = self.ids.get(trimmed) {
                return Some(id.clone());
            }
        }
        let upper = found.to_ascii_uppercase();
        self.ids.get(&upper).cloned()
    }

    fn find(&self, text: &str, any_case_acronyms: bool) -> Vec<Hit<T>> {
        let mut hits: Vec<Hit<T>> = Vec::new();
        let acr = if any_case_acronyms { &self.strict_loose } else { &self.strict };
        for terms in [&self.loose, acr].into_iter().flatten() {
            for (start, end) in terms.find_iter(text) {
                if let Some(id) = self.lookup(&text[start..end]) {
                    hits.push(Hit { start, end, id });
                }
            }
        }
        hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        // Drop hits inside a longer hit ("therapy" inside "physical therapy").
        let mut out: Vec<Hit<T>> = Vec::new();
        for h in hits {
            if out.last().is_some_and(|l| h.start < l.end) {
                continue;
            }
            out.push(h);
        }
        out
    }
}

/// Category terms, found in one pass over a short text (an item's phrase) with Aho-Corasick:
/// hundreds of drug, device and procedure names would make a slow alternation.
#[derive(Debug, Clone)]
struct CategoryTerms {
    /// The folded terms, built into `automaton` when first searched over many letters, or after
    /// [`EARLY_SCAN`] bytes (or at once, to report a set that does not build).
    patterns: Vec<String>,
    automaton: Automaton,
    /// The search for the texts before the automaton is built.
    early: std::sync::Arc<Early>,
    ids: Vec<Category>,
}

/// Terms (by their place) under their first two bytes as one key, sorted.
type ByFirstTwo = Vec<(u16, u32)>;

/// The category terms' search before their automaton is built.
#[derive(Debug, Default)]
struct Early {
    /// The terms of two bytes or more by their first two bytes (each key's terms in order), and
    /// the terms of one byte.
    index: std::sync::OnceLock<(ByFirstTwo, Vec<u32>)>,
    /// The bytes of text searched so.
    scanned: std::sync::atomic::AtomicUsize,
}

/// How many bytes of text the category terms are searched for term by term before their
/// automaton is built, when not over many letters: building it for the 2,000 embedded terms was
/// 8% of checking one letter, which searches a few hundred bytes (issue 14).
const EARLY_SCAN: usize = 64 << 10;

/// An Aho-Corasick automaton built at first use and shared by the lexicons of the same terms.
type Automaton = std::sync::Arc<std::sync::OnceLock<Option<AhoCorasick>>>;

/// Lower-case ASCII, and one space for every run of white space and hyphens, with the byte
/// each normalised byte came from (one past the end maps to the text's end).
fn fold_for_terms(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut space = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() || c == '-' {
            if !space && !out.is_empty() {
                out.push(' ');
                map.push(i);
            }
            space = true;
            continue;
        }
        space = false;
        let lc = c.to_ascii_lowercase();
        for k in 0..lc.len_utf8() {
            map.push(i + k);
        }
        out.push(lc);
    }
    map.push(text.len());
    (out, map)
}

/// [`fold_for_terms`]'s text alone, as a term is folded (about 1,900 category terms at every
/// start, most of them ASCII: read byte by byte without the map, a third of the instructions).
fn fold_term(term: &str) -> String {
    if !term.is_ascii() {
        return fold_for_terms(term).0;
    }
    let mut out = String::with_capacity(term.len());
    let mut space = false;
    for b in term.bytes() {
        // `char::is_whitespace` of an ASCII character.
        if matches!(b, b'\t'..=b'\r' | b' ' | b'-') {
            if !space && !out.is_empty() {
                out.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        out.push(char::from(b.to_ascii_lowercase()));
    }
    out
}

impl CategoryTerms {
    fn new(categories: &BTreeMap<Category, Vec<String>>, problems: &mut Vec<LexiconProblem>, eager: bool) -> Self {
        let mut patterns: Vec<String> = Vec::new();
        let mut ids = Vec::new();
        for (cat, terms) in categories {
            for t in terms {
                if let Some(message) = term_problem(t) {
                    problems.push(LexiconProblem { set: "category", term: Some(t.clone()), message });
                    continue;
                }
                patterns.push(fold_term(t.trim()));
                ids.push(*cat);
            }
        }
        // The automaton of the same terms built before, as `COMPILED` keeps the regexes.
        static BUILT: Recent<Vec<String>, Automaton> = Recent::new(4);
        // (One that failed to build is built again, so that this load reports it too.)
        let known = BUILT.get(&patterns).filter(|a| a.get().is_none_or(Option::is_some));
        let terms = CategoryTerms { automaton: known.unwrap_or_default(), patterns, early: Default::default(), ids };
        if eager && terms.automaton.get().is_none() {
            let built = terms.build().unwrap_or_else(|e| {
                problems.push(LexiconProblem {
                    set: "category",
                    term: None,
                    message: format!("its {} terms together do not compile: {e}", terms.patterns.len()),
                });
                None
            });
            let _ = terms.automaton.set(built);
        }
        // A set that did not build is not kept, so that every load reports it.
        if terms.automaton.get().is_none_or(Option::is_some) {
            BUILT.keep(terms.patterns.clone(), terms.automaton.clone());
        }
        terms
    }

    fn build(&self) -> Result<Option<AhoCorasick>, aho_corasick::BuildError> {
        if self.patterns.is_empty() {
            return Ok(None);
        }
        AhoCorasickBuilder::new().match_kind(MatchKind::Standard).build(&self.patterns).map(Some)
    }

    /// Every whole-word term in `text` (a plural "s" or "es" allowed), overlapping ones included.
    fn find(&self, text: &str) -> Vec<Hit<Category>> {
        let (folded, map) = fold_for_terms(text);
        let matches = match self.early_matches(&folded) {
            Some(matches) => matches,
            None => {
                let Some(ac) = self.automaton.get_or_init(|| self.build().ok().flatten()) else { return Vec::new() };
                ac.find_overlapping_iter(&folded).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect()
            }
        };
        let bytes = folded.as_bytes();
        let word = |b: u8| b.is_ascii_alphanumeric();
        let mut hits = Vec::new();
        for (start, end, pattern) in matches {
            if start > 0 && word(bytes[start - 1]) && word(bytes[start]) {
                continue;
            }
            let mut end = end;
            let last_is_word = end > 0 && word(bytes[end - 1]);
            if last_is_word && end < bytes.len() && word(bytes[end]) {
                let rest = &folded[end..];
                let plural = ["es", "s"]
                    .into_iter()
                    .find(|p| rest.starts_with(p) && rest.as_bytes().get(p.len()).is_none_or(|b| !word(*b)));
                match plural {
                    Some(p) => end += p.len(),
                    None => continue,
                }
            }
            hits.push(Hit { start: map[start], end: map[end], id: self.ids[pattern] });
        }
        hits
    }

    /// The terms' occurrences in `folded` (start, end, term), in the order of the automaton's
    /// overlapping search (by end, then longest first, then by term), found term by term while
    /// the automaton is not built and fewer than [`EARLY_SCAN`] bytes have been searched so;
    /// `None` once the automaton should answer.
    fn early_matches(&self, folded: &str) -> Option<Vec<(usize, usize, usize)>> {
        use std::sync::atomic::Ordering;
        if self.automaton.get().is_some() || crate::pattern::is_many_letters() {
            return None;
        }
        if self.early.scanned.fetch_add(folded.len(), Ordering::Relaxed) >= EARLY_SCAN {
            return None;
        }
        Some(self.term_by_term(folded))
    }

    /// [`CategoryTerms::early_matches`]'s search, whatever was searched before.
    fn term_by_term(&self, folded: &str) -> Vec<(usize, usize, usize)> {
        let (by_two, singles) = self.early.index.get_or_init(|| {
            let mut by_two: Vec<(u16, u32)> = Vec::with_capacity(self.patterns.len());
            let mut singles = Vec::new();
            for (i, p) in self.patterns.iter().enumerate() {
                match p.as_bytes() {
                    [a, b, ..] => by_two.push((u16::from_be_bytes([*a, *b]), i as u32)),
                    _ => singles.push(i as u32),
                }
            }
            by_two.sort_unstable();
            (by_two, singles)
        });
        let bytes = folded.as_bytes();
        let mut found = Vec::new();
        for at in 0..bytes.len() {
            let rest = &bytes[at..];
            let candidates = match rest {
                [a, b, ..] => {
                    let k = u16::from_be_bytes([*a, *b]);
                    &by_two[by_two.partition_point(|&(x, _)| x < k)..by_two.partition_point(|&(x, _)| x <= k)]
                }
                _ => &[][..],
            };
            for p in candidates.iter().map(|&(_, p)| p).chain(singles.iter().copied()) {
                let term = self.patterns[p as usize].as_bytes();
                if rest.starts_with(term) {
                    found.push((at + term.len(), std::cmp::Reverse(term.len()), p as usize));
                }
            }
        }
        found.sort_unstable();
        found.into_iter().map(|(end, std::cmp::Reverse(len), p)| (end - len, end, p)).collect()
    }
}

fn normalise_key(s: &str) -> String {
    if s.is_ascii() {
        // The same, byte by byte, without the three strings between (issue 14).
        let mut key = String::with_capacity(s.len());
        for word in s.split(|c: char| crate::terms::is_separator(c as u8)).filter(|w| !w.is_empty()) {
            if !key.is_empty() {
                key.push(' ');
            }
            key.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        }
        return key;
    }
    any_normalise_key(s)
}

/// [`normalise_key`] of any text, character by character.
fn any_normalise_key(s: &str) -> String {
    s.to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The compiled vocabulary: finds treatments, conditions, regions and surgeries in text.
#[derive(Debug, Clone)]
pub struct Lexicon {
    treatments: TermSet<Modality>,
    conditions: TermSet<String>,
    regions: TermSet<String>,
    surgeries: TermSet<String>,
    categories: CategoryTerms,
    /// The long words of the treatment, category and surgery terms, for typing slips; built
    /// when first asked.
    spelling: std::sync::OnceLock<spelling::Spelling>,
    vocabulary: Vocabulary,
    problems: Vec<LexiconProblem>,
}

impl Lexicon {
    /// Compile a vocabulary. Terms that cannot be used are left out and listed in
    /// [`Lexicon::problems`].
    pub fn new(vocabulary: Vocabulary) -> Self {
        Lexicon::build(vocabulary, true)
    }

    /// A vocabulary whose terms are known to compile together (the embedded one, which
    /// `the_embedded_vocabulary_has_no_problems` compiles): each set is compiled when first
    /// searched, so a run compiles only what its letters need. Terms with a problem of their own
    /// are still left out and listed.
    pub fn deferred(vocabulary: Vocabulary) -> Self {
        Lexicon::build(vocabulary, false)
    }

    fn build(vocabulary: Vocabulary, eager: bool) -> Self {
        let mut problems = Vec::new();
        let treatments = TermSet::new(
            "treatment",
            vocabulary.treatments.iter().flat_map(|(m, ts)| ts.iter().map(move |t| (t.clone(), *m))),
            &mut problems,
            eager,
        );
        let conditions = TermSet::new(
            "condition",
            vocabulary.conditions.iter().flat_map(|(id, c)| {
                c.terms.iter().chain(&c.icd9).chain(&c.icd10).map(move |t| (t.clone(), id.clone()))
            }),
            &mut problems,
            eager,
        );
        let regions = TermSet::new(
            "region",
            vocabulary.regions.iter().flat_map(|(id, ts)| ts.iter().map(move |t| (t.clone(), id.clone()))),
            &mut problems,
            eager,
        );
        let surgeries = TermSet::new(
            "surgery",
            vocabulary.surgeries.iter().flat_map(|(id, ts)| ts.iter().map(move |t| (t.clone(), id.clone()))),
            &mut problems,
            eager,
        );
        let categories = CategoryTerms::new(&vocabulary.categories, &mut problems, eager);
        Lexicon {
            treatments,
            conditions,
            regions,
            surgeries,
            categories,
            spelling: std::sync::OnceLock::new(),
            vocabulary,
            problems,
        }
    }

    /// Terms, or whole sets of terms, the lexicon had to leave out. A lexicon with problems
    /// finds less than its vocabulary says.
    pub fn problems(&self) -> &[LexiconProblem] {
        &self.problems
    }

    /// The vocabulary this lexicon was built from.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    /// Treatments named in `text`. `item_line` lets acronyms match in any case ("Pt 2x4").
    pub fn treatments(&self, text: &str, item_line: bool) -> Vec<Hit<Modality>> {
        self.treatments.find(text, item_line)
    }

    /// Treatment families named in `text`.
    pub fn families(&self, text: &str) -> Vec<Hit<Family>> {
        self.treatments(text, false)
            .into_iter()
            .map(|h| Hit { start: h.start, end: h.end, id: h.id.family() })
            .collect()
    }

    /// Conditions named in `text`.
    pub fn conditions(&self, text: &str) -> Vec<Hit<String>> {
        self.conditions.find(text, false)
    }

    /// Body regions named in `text`. "back" in an idiom ("went back to part-time work",
    /// "came back") names no part of the body.
    pub fn regions(&self, text: &str) -> Vec<Hit<String>> {
        let mut hits = self.regions.find(text, false);
        hits.retain(|h| {
            let word = &text[h.start..h.end];
            let before = crate::text::lead(text, h.start, 16);
            let idiom = word.eq_ignore_ascii_case("back")
                && (BACK_IDIOM_BEFORE.is_match(before) || BACK_IDIOM_AFTER.is_match(&text[h.end..]));
            let length = (word.eq_ignore_ascii_case("feet") || word.eq_ignore_ascii_case("foot"))
                && LENGTH_BEFORE.is_match(before);
            !idiom && !length
        });
        hits
    }

    /// Surgeries named in `text`.
    pub fn surgeries(&self, text: &str) -> Vec<Hit<String>> {
        self.surgeries.find(text, false)
    }

    /// Category terms named in `text`, overlapping ones included (the caller chooses the head).
    pub fn category_terms(&self, text: &str) -> Vec<Hit<Category>> {
        self.categories.find(text)
    }

    /// `text` with its typing slips in treatment, category and surgery words put right
    /// ("Naproxyn", "carpel tunnel release"); `None` when it has none.
    pub fn respell(&self, text: &str) -> Option<Respelled> {
        self.spelling
            .get_or_init(|| {
                let v = &self.vocabulary;
                spelling::Spelling::new(
                    v.treatments
                        .values()
                        .chain(v.categories.values())
                        .chain(v.surgeries.values())
                        .flatten()
                        .map(String::as_str),
                )
            })
            .respell(text)
    }

    /// Known condition ids.
    pub fn condition_ids(&self) -> impl Iterator<Item = &str> {
        self.vocabulary.conditions.keys().map(String::as_str)
    }

    /// Known region ids.
    pub fn region_ids(&self) -> impl Iterator<Item = &str> {
        self.vocabulary.regions.keys().map(String::as_str)
    }

    /// Known surgery ids.
    pub fn surgery_ids(&self) -> impl Iterator<Item = &str> {
        self.vocabulary.surgeries.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An ASCII term's problem and key, read byte by byte, are what the character-by-character
    /// reading gives: every ASCII character alone, between words and beside hyphens, the longest
    /// term taken and one past it, and every term of the embedded vocabulary.
    #[test]
    fn an_ascii_term_reads_as_any_term() {
        let mut terms: Vec<String> = Vec::new();
        for b in 0u8..128 {
            let c = char::from(b);
            terms.extend([format!("{c}"), format!("a{c}b"), format!("{c}-{c}"), format!(" {c}Ab-CD {c}")]);
        }
        terms.extend(["x".repeat(MAX_TERM_CHARS), "x".repeat(MAX_TERM_CHARS + 1), " - -".into(), String::new()]);
        let v = crate::rules::embedded_vocabulary();
        terms.extend(v.treatments.values().chain(v.regions.values()).chain(v.surgeries.values()).flatten().cloned());
        terms.extend(v.categories.values().flatten().cloned());
        for t in &terms {
            assert!(t.is_ascii());
            assert_eq!(term_problem(t), any_term_problem(t), "{t:?}");
            assert_eq!(normalise_key(t), any_normalise_key(t), "{t:?}");
        }
    }

    fn with_treatment_terms(terms: &[&str]) -> Lexicon {
        let mut v = Vocabulary::default();
        v.treatments.insert(Modality::PhysicalTherapy, terms.iter().map(|t| (*t).to_owned()).collect());
        Lexicon::new(v)
    }

    /// The category terms found term by term, before their automaton is built, are the
    /// automaton's overlapping matches in its order, over every line of the fixture letters and
    /// texts made to hold many terms (adjacent, overlapping, repeated, in plurals).
    #[test]
    fn category_terms_found_term_by_term_are_the_automatons() {
        let lex = Lexicon::new(crate::rules::embedded_vocabulary());
        let terms = &lex.categories;
        let ac = terms.build().expect("builds").expect("the embedded set has terms");
        let mut texts: Vec<String> = Vec::new();
        for dir in ["letters", "holdout", "realistic", "realistic2", "realistic3"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(dir);
            for e in std::fs::read_dir(dir).expect("fixture folder").flatten() {
                let text = std::fs::read_to_string(e.path()).unwrap_or_default();
                texts.extend(text.lines().map(str::to_owned));
            }
        }
        let all = terms.patterns.join(" ");
        texts.extend(all.as_bytes().chunks(700).map(|c| String::from_utf8_lossy(c).into_owned()));
        texts.push(terms.patterns.iter().take(300).map(|p| format!("{p}s{p}")).collect::<String>());
        texts.push("a".repeat(50));
        let mut found = 0;
        for text in &texts {
            let (folded, _) = fold_for_terms(text);
            let by_automaton: Vec<(usize, usize, usize)> =
                ac.find_overlapping_iter(&folded).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect();
            assert_eq!(terms.term_by_term(&folded), by_automaton, "{text:?}");
            found += by_automaton.len();
        }
        assert!(found > 10_000, "the texts hold many terms ({found})");
    }

    #[test]
    fn a_term_folds_as_a_text_does() {
        let vocabulary = crate::rules::embedded_vocabulary();
        let terms = vocabulary.categories.values().flatten().map(String::as_str);
        let odd = [
            "",
            " ",
            "-",
            "A--B",
            "a \t\x0b\x0c\r\n b",
            "x\u{1c}y",
            " Épaule-Droite ",
            "a\u{a0}b",
            "Ｆ-Ｇ",
            "trailing - ",
        ];
        let mut ascii = 0;
        for t in terms.chain(odd) {
            ascii += usize::from(t.is_ascii());
            assert_eq!(fold_term(t), fold_for_terms(t).0, "{t:?}");
        }
        assert!(ascii > 1_000, "the category terms were read: {ascii}");
    }

    /// The ids of the parts of the body the default vocabulary finds in a text.
    fn region_ids() -> impl Fn(&str) -> Vec<String> {
        let lex = Lexicon::new(crate::rules::embedded_vocabulary());
        move |t| lex.regions(t).into_iter().map(|h| h.id).collect()
    }

    /// "back" is the low back, except in "went back to part-time work" and the like.
    #[test]
    fn back_in_an_idiom_is_no_region() {
        let ids = region_ids();
        assert_eq!(ids("grip improved and she went back to part-time work"), Vec::<String>::new());
        assert_eq!(ids("he is back to full duty"), Vec::<String>::new());
        assert_eq!(ids("the pain came back"), Vec::<String>::new());
        assert_eq!(ids("pain radiating from the back to the left leg"), ["lumbar_spine"]);
        assert_eq!(ids("6 visits for his back"), ["lumbar_spine"]);
    }

    /// "feet" after a number is a length ("5 feet 9 inches tall", "walks 200 feet"), not the feet.
    #[test]
    fn feet_after_a_number_is_a_length() {
        let ids = region_ids();
        assert_eq!(ids("He is 5 feet 9 inches tall and weighs 285 pounds"), Vec::<String>::new());
        assert_eq!(ids("she now walks 200 feet without a cane"), Vec::<String>::new());
        assert_eq!(ids("he climbs a six-foot ladder"), Vec::<String>::new());
        assert_eq!(ids("numbness of both feet"), ["ankle_foot"]);
        assert_eq!(ids("6 visits for the left foot"), ["ankle_foot"]);
    }

    /// Issue 11: an empty term matched everywhere, and a set that did not compile was dropped
    /// whole without a word.
    #[test]
    fn unusable_terms_are_reported_and_left_out() {
        let lex = with_treatment_terms(&["physical therapy", "", "  ", "--", "x\u{0}y"]);
        let bad: Vec<Option<&str>> = lex.problems().iter().map(|p| p.term.as_deref()).collect();
        assert_eq!(bad, [Some(""), Some("  "), Some("--"), Some("x\u{0}y")]);
        assert!(lex.treatments("the patient went home", false).is_empty(), "no empty match");
        assert_eq!(lex.treatments("physical therapy", false).len(), 1, "the good term still works");
        let long = "a".repeat(MAX_TERM_CHARS + 1);
        assert!(term_problem(&long).is_some_and(|m| m.contains("at most")));
        // "No words" is what the folded forms would leave empty.
        for t in ["-", " - -", "\u{a0}-\u{2003}", "a", " x-", "\u{130}", "-\u{2013}", "\u{200b}", "\u{3000}ab", "\t\n"]
        {
            let empty = normalise_key(t).is_empty() || fold_for_terms(t.trim()).0.trim().is_empty();
            let said = term_problem(t).is_some_and(|m| m.contains("no words") || m.contains("empty"));
            assert_eq!(said, empty, "{t:?}");
        }
    }

    #[test]
    fn a_set_too_large_to_compile_is_a_problem_not_silence() {
        let terms: Vec<String> = (0..6_000).map(|i| format!("treatment number {i:06} of many")).collect();
        let refs: Vec<&str> = terms.iter().map(String::as_str).collect();
        let lex = with_treatment_terms(&refs);
        assert!(
            lex.problems().iter().any(|p| p.term.is_none() && p.message.contains("do not compile")),
            "{:?}",
            lex.problems().first()
        );
    }

    /// A set compiled before is taken from `COMPILED`; one that did not compile is reported
    /// every time, whether it was first met deferred or eager.
    #[test]
    fn a_set_too_large_to_compile_is_reported_on_every_load() {
        let terms: Vec<String> = (0..6_000).map(|i| format!("remembered treatment {i:06} of many")).collect();
        let refs: Vec<&String> = terms.iter().collect();
        assert!(alternation(&refs, true, false).is_ok_and(|t| t.is_some()), "deferred: nothing compiled yet");
        for _ in 0..2 {
            assert!(alternation(&refs, true, true).is_err_and(|e| e.contains("do not compile")));
        }
    }

    /// The same terms read in another order are the same pattern, so a vocabulary loaded again
    /// is not compiled again.
    #[test]
    fn a_set_is_one_pattern_whatever_the_order_of_its_terms() {
        let terms: Vec<String> =
            ["hot pack", "cold pack", "cane", "walker", "shower chair", "quad cane"].map(String::from).to_vec();
        let forward: Vec<&String> = terms.iter().collect();
        let backward: Vec<&String> = terms.iter().rev().collect();
        let a = alternation(&forward, true, true).ok().flatten().expect("compiles");
        let b = alternation(&backward, true, true).ok().flatten().expect("compiles");
        assert_eq!(a.regex().as_str(), b.regex().as_str());
        assert!(a.regex().as_str().starts_with(r"(?i)(?:\bshower[\s-]+chair"), "{}", a.regex().as_str());
        let pattern = || {
            let lex = Lexicon::deferred(crate::rules::embedded_vocabulary());
            lex.treatments.loose.as_ref().map(|t| t.regex().as_str().to_owned())
        };
        assert_eq!(pattern(), pattern());
    }

    #[test]
    fn the_embedded_vocabulary_has_no_problems() {
        let lex = Lexicon::new(crate::rules::embedded_vocabulary());
        assert_eq!(lex.problems(), &[]);
    }
}

#[cfg(test)]
mod side_tests {
    use super::*;

    /// "... of the ankle" in the vocabulary names "... of the left ankle" in a letter.
    #[test]
    fn a_side_after_the_still_matches() {
        let lex = Lexicon::new(crate::rules::embedded_vocabulary());
        let hits =
            lex.surgeries("On 04/09/2013 he underwent open reduction internal fixation of the left ankle with a plate");
        assert_eq!(hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["ankle_orif"]);
        assert!(lex.surgeries("fixation of the lefty ankle").is_empty());
        let hits = lex.surgeries("he underwent open reduction and internal fixation of the right distal radius");
        assert_eq!(hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["wrist_fracture_orif"]);
    }
}

#[cfg(test)]
mod scan_tests {
    use super::*;
    use proptest::prelude::*;

    fn sets(lex: &Lexicon) -> Vec<(&'static str, &Terms)> {
        let all: [(&'static str, [&Option<Terms>; 3]); 4] = [
            ("treatments", [&lex.treatments.loose, &lex.treatments.strict, &lex.treatments.strict_loose]),
            ("conditions", [&lex.conditions.loose, &lex.conditions.strict, &lex.conditions.strict_loose]),
            ("regions", [&lex.regions.loose, &lex.regions.strict, &lex.regions.strict_loose]),
            ("surgeries", [&lex.surgeries.loose, &lex.surgeries.strict, &lex.surgeries.strict_loose]),
        ];
        let mut out = Vec::new();
        for (name, three) in all {
            for t in three.into_iter().flatten() {
                out.push((name, t));
            }
        }
        out
    }

    fn by_regex(re: &regex::Regex, text: &str) -> Vec<(usize, usize)> {
        re.find_iter(text).map(|m| (m.start(), m.end())).collect()
    }

    fn regex_of(t: &Terms) -> regex::Regex {
        regex::Regex::new(t.regex().as_str()).expect("the alternation compiles")
    }

    /// Issue 14: the vocabulary's terms are found where their alternation regex finds them, in
    /// every line and sentence of every labelled letter, and in each term written with other
    /// cases, separators, a side after "the", a plural, and letters around it.
    #[test]
    fn terms_are_found_where_their_alternation_finds_them() {
        let lex = Lexicon::deferred(crate::rules::embedded_vocabulary());
        let mut texts: Vec<String> = Vec::new();
        for set in
            ["letters", "holdout", "holdout2", "realistic", "realistic2", "realistic3", "realistic4", "realistic5"]
        {
            let Ok(dir) = std::fs::read_dir(format!("fixtures/{set}")) else { continue };
            for e in dir.flatten() {
                let p = e.path();
                if p.extension().is_none_or(|x| x != "txt") {
                    continue;
                }
                let Ok(letter) = crate::letter::Letter::from_bytes("x", &std::fs::read(&p).unwrap_or_default()) else {
                    continue;
                };
                texts.extend(letter.text.lines().map(str::to_owned));
                let flow = letter.whole();
                texts.extend(flow.sentences().iter().map(|&(a, b)| flow.as_str()[a..b].to_owned()));
            }
        }
        assert!(texts.len() > 5000, "the letters were read: {}", texts.len());
        for (name, set) in sets(&lex) {
            let terms = set.scanned_terms().unwrap_or_else(|| panic!("{name}: the set is scanned"));
            let mut variants: Vec<String> = Vec::new();
            {
                for words in &terms {
                    let plain = words.join(" ");
                    variants.push(format!("a {plain} b"));
                    variants.push(format!("({}).", words.join(" - ").to_uppercase()));
                    variants.push(format!("x{plain}s y {}es", words.join("\t\t")));
                    variants.push(format!("_{plain}_ {plain}-{plain}"));
                    variants.push(plain.replace("the ", "the left ").replace("The ", "THE Right-"));
                    variants.push(plain.replace("the ", "the lefty ") + "s");
                }
            }
            let re = regex_of(set);
            for text in texts.iter().chain(&variants) {
                let want = by_regex(&re, text);
                if let Some(scanned) = set.scan_find_iter(text) {
                    assert_eq!(scanned, want, "{name} in {text:?}");
                }
                assert_eq!(set.find_iter(text), want, "{name} in {text:?}");
            }
        }
    }

    proptest! {
        /// The same on texts made of a small vocabulary's words and separators.
        #[test]
        fn a_small_vocabulary_is_found_as_its_regex_finds_it(
            words in proptest::collection::vec(
                prop_oneof![
                    Just("physical"), Just("therapy"), Just("therapies"), Just("PT"), Just("pt"), Just("the"),
                    Just("left"), Just("right"), Just("knee"), Just("of"), Just("s"), Just("es"), Just("x-ray"),
                    Just("ORIF"), Just("open"), Just("reduction"), Just("_"), Just("2"),
                ],
                0..12,
            ),
            seps in proptest::collection::vec(prop_oneof![Just(" "), Just("  "), Just("-"), Just(" - "), Just(""), Just("\t"), Just(".")], 12),
        ) {
            let mut v = Vocabulary::default();
            v.treatments.insert(Modality::PhysicalTherapy, ["physical therapy", "PT", "therapy", "physical therapy of the knee", "x-ray", "ORIF"].map(String::from).to_vec());
            v.surgeries.insert("knee".into(), ["open reduction of the knee", "reduction"].map(String::from).to_vec());
            let lex = Lexicon::new(v);
            let text: String = words.iter().zip(&seps).flat_map(|(w, s)| [*w, *s]).collect();
            for (_, set) in sets(&lex) {
                let want = by_regex(&regex_of(set), &text);
                prop_assert_eq!(set.scan_find_iter(&text).unwrap_or_else(|| want.clone()), want.clone());
                prop_assert_eq!(set.find_iter(&text), want);
            }
        }
    }
}
