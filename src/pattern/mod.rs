//! Regexes as extraction uses them: the `regex` crate's patterns and matches, compiled only when
//! a text first needs them, and, for the ASCII text nearly every letter is, compiled in ASCII
//! mode (issue 14).
//!
//! Why: compiling about a hundred case-insensitive patterns with Unicode classes (`\w`, `\b`,
//! `(?i)`) was three quarters of checking one letter; in ASCII mode, and without the literal
//! prefilter (whose extraction from a case-insensitive pattern was most of the rest), a pattern
//! compiles in a fifth of the time.
//!
//! Why the matches are the same as `regex::Regex`'s: on a haystack that is all ASCII, a pattern
//! whose classes are cut down to ASCII (and whose word boundaries are ASCII ones) matches exactly
//! what the pattern as written matches, since no character it leaves out can occur. Any other
//! haystack is searched by the pattern as written, with `regex::Regex`. A test compares the two
//! on every pattern the extractor makes.
//!
//! Until a pattern is compiled, its [`Gate`] (sets of words, a word of each of which every match
//! holds; read from its syntax, or for imrcheck's own patterns from a table a test writes,
//! [`gates`]) answers for the haystacks that lack one: checking one letter then compiles
//! only the patterns some text of it may match (issue 14). Past the gate, a [`Probe`] (a forward
//! lazy DFA, about half the cost of the full form to build) answers whether a haystack matches;
//! the full form is compiled only when a caller asks for the matches of a haystack the probe
//! finds one in. Most patterns one letter compiles never get there. Before a probe is built,
//! a DFA built at compile time ([`prebuilt`], for imrcheck's own patterns) answers the same
//! question with nothing compiled at all; the NFAs the probe and the groups engine are built
//! from are built in too ([`nfa_bytes`]).
//!
//! The type is named [`Regex`] and has the methods extraction calls, so a module switches to it
//! by its `use` line.

use regex_automata::nfa::thompson::{backtrack, pikevm};
use regex_automata::util::iter::Searcher;
use regex_automata::util::pool::Pool;
use regex_automata::{hybrid, meta, nfa::thompson, Input};
use regex_syntax::ast::Ast;
use regex_syntax::hir::Hir;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use ascii::{ascii_hir, ascii_source, ascii_translation};
use nfa_bytes::NFA_SIZE_LIMIT;

mod ascii;
mod gates;
mod nfa_bytes;
mod prebuilt;
pub mod profile;

/// A pattern with `regex::Regex`'s matches (see the module documentation). Cloning shares the
/// compiled forms.
#[derive(Clone)]
pub struct Regex(Arc<Inner>);

struct Inner {
    source: String,
    /// The ASCII form: `None` when the pattern does not compile (it is then reported as
    /// `regex::Regex` reports it, at first use).
    ascii: OnceLock<Option<meta::Regex>>,
    /// The ASCII form's first stage, a [`Probe`]: built before `ascii`, which is built only once
    /// a haystack is asked for its matches and the probe finds one.
    probe: OnceLock<Option<Probe>>,
    /// The characters past ASCII the pattern names (literals and class ranges), read at the
    /// first haystack that is not ASCII, when its ASCII form also serves a haystack whose only characters past ASCII are symbols, each read as
    /// one byte 0x7F, none of them one of these (see [`Symbols`]); `None` when it cannot.
    named: OnceLock<Option<Vec<(char, char)>>>,
    /// The pattern as written, for haystacks that are not all ASCII.
    unicode: OnceLock<Result<regex::Regex, regex::Error>>,
    /// The pattern's syntax tree (`None` when it does not parse), kept so that compiling its
    /// ASCII form does not parse it again. The tree is kept for good: the trees of a hundred
    /// patterns are under two megabytes, and freeing them cost more than that memory's page
    /// faults (10 million instructions, 4% of checking one letter).
    ast: OnceLock<Option<Ast>>,
    /// The pattern's [`Gate`], asked before the ASCII form is compiled: from [`gates`]
    /// when the pattern is one of imrcheck's own, else read from its syntax.
    gate: OnceLock<Option<Gate>>,
    /// Bytes of ASCII haystack the gate has ruled out before the ASCII form was compiled.
    gated: AtomicUsize,
    /// The branches of the alternation every match passes through, read when one letter's
    /// haystack first gets past the gate (see [`Branches`]).
    /// Boxed: with its forms' probes it is several kilobytes, and every pattern made was copied
    /// whole into its `Arc` (1 M instructions of checking one letter), pruned or not.
    branches: OnceLock<Option<Box<Branches>>>,
    /// The DFAs built at compile time ([`prebuilt`]), when the pattern is one of imrcheck's own
    /// and has them: asked before a probe is built.
    prebuilt: OnceLock<Option<prebuilt::Prebuilt>>,
    /// Bytes of ASCII haystack the prebuilt DFA has searched, for [`PROBE_BUDGET`].
    prebuilt_searched: AtomicUsize,
    /// The engine of the pattern's groups in a match the prebuilt DFAs found (see [`Groups`]).
    groups: OnceLock<Option<Box<Groups>>>,
    /// Whether, over many letters, the pattern is searched as written ([`Regex::for_whole_texts`]).
    whole_texts: bool,
}

/// Sets of words such that every match of a pattern holds a word of each set, found without case:
/// a haystack that holds no word of one set cannot match, and needs no compiled pattern to say so (issue 14: checking one
/// letter compiled about a hundred patterns, many of them only to search sentences that hold none
/// of their words). Consulted only until the pattern is compiled: a compiled pattern's search is
/// as fast, so an audit pays for the gate on its first letters only.
///
/// Why not an `aho-corasick` automaton: building one per pattern (with its DFA and prefilter)
/// cost a quarter of compiling the pattern itself, 600,000 instructions for a set of words; this
/// scan is built in a few thousand and reads a sentence in one pass.
struct Gate(Vec<Words>);

/// Words a haystack is searched for in one pass, without case.
struct Words {
    /// The words, lower case, sorted.
    words: Vec<Box<[u8]>>,
    /// For each byte, the words that start with it without case (a range of `words`).
    starting: Box<[(u16, u16); 256]>,
}

impl Words {
    fn new(mut words: Vec<String>) -> Words {
        words.sort();
        words.dedup();
        let mut starting = Box::new([(0u16, 0u16); 256]);
        let mut i = 0;
        while i < words.len() {
            let first = words[i].as_bytes()[0];
            let j = i + words[i..].iter().take_while(|w| w.as_bytes()[0] == first).count();
            starting[usize::from(first)] = (i as u16, j as u16);
            starting[usize::from(first.to_ascii_uppercase())] = (i as u16, j as u16);
            i = j;
        }
        Words { words: words.into_iter().map(|w| w.into_bytes().into_boxed_slice()).collect(), starting }
    }

    /// The words `haystack` holds, without case, as indices into `words`, in the order they
    /// are found (one pass; a word found twice is given twice).
    fn found<'a>(&'a self, haystack: &'a str) -> impl Iterator<Item = usize> + 'a {
        let h = haystack.as_bytes();
        let starting = |b: u8| self.starting[usize::from(b)];
        // Most bytes start no word: passed over before a range of words is made for them.
        h.iter().enumerate().filter(move |&(_, &b)| starting(b).0 < starting(b).1).flat_map(move |(at, &b)| {
            let (from, to) = starting(b);
            (usize::from(from)..usize::from(to)).filter(move |&i| {
                h.get(at..at + self.words[i].len()).is_some_and(|s| s.eq_ignore_ascii_case(&self.words[i]))
            })
        })
    }

    /// Which of the words `haystack` holds.
    fn present(&self, haystack: &str) -> Vec<bool> {
        let mut present = vec![false; self.words.len()];
        self.found(haystack).for_each(|i| present[i] = true);
        present
    }

    /// Whether `haystack` holds one of the words.
    fn is_match(&self, haystack: &str) -> bool {
        self.found(haystack).next().is_some()
    }
}

/// The bytes of ASCII haystack a gate may rule out before the pattern is compiled all the same:
/// beyond one letter's searches, a pattern that keeps being asked is cheaper compiled.
const GATE_BUDGET: usize = 4 << 20;

/// The bytes of ASCII haystack a [`Probe`] answers for before the pattern is compiled in full
/// all the same: the full form's lazy DFA would build again the states the probe's built, so
/// an audit, unlike one letter, is cheaper with the full form early.
const PROBE_BUDGET: usize = 64 << 10;

/// Whether a pattern past its gate is probed before it is compiled in full (see [`Probe`]).
static PROBING: AtomicBool = AtomicBool::new(true);

thread_local! {
    /// Letters read on this thread (see [`letter_read`]).
    static LETTERS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A letter is being read on this thread. Patterns are pruned ([`Branches`]) for a thread's
/// first letter only: a thread that reads more (`eval` of a directory, a library caller's loop)
/// compiles each pattern once, whole, rather than pruned forms for its first letter and the
/// whole pattern for the next (`eval` of 72 fixture letters: 4.7% more instructions with
/// pruning throughout).
pub(crate) fn letter_read() {
    LETTERS.with(|n| n.set(n.get().saturating_add(1)));
}

/// For a run over many letters (an audit, `eval` of a directory; a library caller about to read
/// many): from now on, a pattern past its gate is compiled in full at once, neither probed nor
/// pruned. Over many letters most patterns are compiled in full in the end, and building their
/// probes or pruned forms first is work done twice (an audit of 200 fixture letters: 4.7% more
/// instructions with probes, one letter 3% to 8% fewer).
pub fn many_letters() {
    PROBING.store(false, Ordering::Relaxed);
}

/// Whether [`many_letters`] has been called: a run over many letters, where a pattern's compile
/// is shared by all of them.
pub(crate) fn is_many_letters() -> bool {
    !PROBING.load(Ordering::Relaxed)
}

/// The error of a pattern that does not compile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl std::fmt::Debug for Regex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Regex").field(&self.0.source).finish()
    }
}

/// The `regex` crate's default limits, so that a pattern too large for it is too large here
/// (`NFA_SIZE_LIMIT` is in [`nfa_bytes`], which `build.rs` reads too).
const DFA_CACHE: usize = 2 * (1 << 20);

impl Regex {
    /// A pattern, in the `regex` crate's syntax. Nothing is compiled yet: a pattern that does not
    /// compile panics at first use (every pattern of the extractor is used by its tests), unless
    /// [`Regex::compile`] is called first to have the error.
    pub fn new(pattern: &str) -> Result<Regex, Error> {
        Regex::built(pattern, false)
    }

    /// A pattern searched over whole letters (a case number, with or without its label): for one
    /// letter, as [`Regex::new`]'s are (its prebuilt DFAs, or its ASCII form); over many letters
    /// ([`many_letters`]), by `regex::Regex` as written, whose literal prefilter and full DFA
    /// read a whole letter faster than the ASCII form built for sentences (an audit of 1,200
    /// letters: the three such patterns of `metadata` cost 0.8% more instructions that way).
    /// Matches as [`Regex::new`]'s do.
    pub fn for_whole_texts(pattern: &str) -> Result<Regex, Error> {
        Regex::built(pattern, true)
    }

    fn built(pattern: &str, whole_texts: bool) -> Result<Regex, Error> {
        #[cfg(test)]
        if let Ok(mut seen) = tests::SOURCES.lock() {
            seen.push(pattern.to_owned());
        }
        Ok(Regex(Arc::new(Inner {
            source: pattern.to_owned(),
            ascii: OnceLock::new(),
            probe: OnceLock::new(),
            named: OnceLock::new(),
            unicode: OnceLock::new(),
            ast: OnceLock::new(),
            gate: OnceLock::new(),
            gated: AtomicUsize::new(0),
            branches: OnceLock::new(),
            prebuilt: OnceLock::new(),
            prebuilt_searched: AtomicUsize::new(0),
            groups: OnceLock::new(),
            whole_texts,
        })))
    }

    /// Compile the pattern as written now, and give its error if it does not compile (the
    /// `regex` crate's, with its size limits).
    pub fn compile(&self) -> Result<(), Error> {
        self.unicode().map(|_| ()).map_err(|e| Error(e.to_string()))
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.0.source
    }

    fn unicode(&self) -> Result<&regex::Regex, &regex::Error> {
        self.0
            .unicode
            .get_or_init(|| {
                regex::RegexBuilder::new(&self.0.source).size_limit(NFA_SIZE_LIMIT).dfa_size_limit(DFA_CACHE).build()
            })
            .as_ref()
    }

    fn unicode_or_panic(&self) -> &regex::Regex {
        match self.unicode() {
            Ok(r) => r,
            Err(e) => panic!("pattern {:?} does not compile: {e}", self.0.source),
        }
    }

    fn ast(&self) -> Option<&Ast> {
        self.0.ast.get_or_init(|| regex_syntax::ast::parse::Parser::new().parse(&self.0.source).ok()).as_ref()
    }

    fn gate(&self) -> Option<&Gate> {
        self.0
            .gate
            .get_or_init(|| match gates::listed(&self.0.source) {
                Some(listed) => Gate::of_sets(owned(listed.sets)),
                None => self.ast().and_then(|ast| Gate::of_sets(gate_sets(ast))),
            })
            .as_ref()
    }

    fn ascii(&self) -> &Option<meta::Regex> {
        self.0.ascii.get_or_init(|| full_form(&self.0.probe, || ascii_hir(&self.0.source, self.ast())))
    }

    fn probe(&self) -> Option<&Probe> {
        self.0
            .probe
            .get_or_init(|| match prebuilt::nfa(&self.0.source, prebuilt::Nfa::Probe) {
                Some(nfa) => Probe::of_nfa(nfa, None),
                None => ascii_hir(&self.0.source, self.ast()).and_then(Probe::new),
            })
            .as_ref()
    }

    /// Whether the gate says this ASCII haystack cannot match, before the ASCII form is compiled.
    fn ruled_out(&self, haystack: &str) -> bool {
        if self.0.ascii.get().is_some() || self.0.probe.get().is_some() {
            return false;
        }
        let Some(gate) = self.gate() else { return false };
        if gate.is_match(haystack) {
            return false;
        }
        self.0.gated.fetch_add(haystack.len(), Ordering::Relaxed) < GATE_BUDGET
    }

    /// Whether an ASCII `haystack` past the gate matches, answered by the probe before the ASCII
    /// form is compiled; `None` once it is compiled, or when the probe cannot tell.
    fn answered_early(&self, haystack: &str) -> Option<bool> {
        if self.0.ascii.get().is_some() || (self.0.probe.get().is_none() && !PROBING.load(Ordering::Relaxed)) {
            return None;
        }
        let probe = self.probe()?;
        if probe.searched.fetch_add(haystack.len(), Ordering::Relaxed) >= PROBE_BUDGET {
            return None;
        }
        probe.is_match(haystack)
    }

    /// Whether an ASCII `haystack` past the gate matches, answered by the pattern's DFA built at
    /// compile time ([`prebuilt`]) before anything is compiled; `None` over many letters (the
    /// compiled pattern's lazy DFA searches faster than a sparse one, and is built once), once
    /// the pattern is probed or compiled, past [`PROBE_BUDGET`], or when it has no such DFA.
    fn answered_prebuilt(&self, haystack: &str) -> Option<bool> {
        use regex_automata::dfa::Automaton;
        if !PROBING.load(Ordering::Relaxed) || self.0.probe.get().is_some() || self.0.ascii.get().is_some() {
            return None;
        }
        let dfa = self.0.prebuilt.get_or_init(|| prebuilt::prebuilt(&self.0.source)).as_ref()?.forward();
        if self.0.prebuilt_searched.fetch_add(haystack.len(), Ordering::Relaxed) >= PROBE_BUDGET {
            return None;
        }
        let input = Input::new(haystack.as_bytes()).earliest(true);
        dfa.try_search_fwd(&input).ok().map(|m| m.is_some())
    }

    /// The prebuilt DFAs that find where matches lie, when [`Regex::answered_prebuilt`] has
    /// just said a haystack matches and the pattern has a reverse DFA too.
    fn prebuilt_spans(&self) -> Option<&PrebuiltRegex> {
        match self.0.prebuilt.get()? {
            Some(prebuilt::Prebuilt::Spans(regex)) => Some(regex),
            _ => None,
        }
    }

    fn groups(&self) -> Option<&Groups> {
        self.0
            .groups
            .get_or_init(|| {
                match prebuilt::nfa(&self.0.source, prebuilt::Nfa::Groups) {
                    Some(nfa) => Groups::of_nfa(nfa),
                    None => ascii_hir(&self.0.source, self.ast()).and_then(Groups::new),
                }
                .map(Box::new)
            })
            .as_deref()
    }

    /// For one letter's ASCII `haystack` past the gate, before the pattern is probed or
    /// compiled: the engine of the pattern without the branches of its alternation that
    /// `haystack` cannot match (see [`Branches`]), or `Err` with whether it matches, as
    /// [`Regex::engine`] gives them; `None` when no branch is left out, or past the budgets.
    /// Not for a pattern with NFAs built in ([`prebuilt::nfa`]): its probe is read back for less
    /// than parsing the pattern to prune it costs (25 fixture letters' `check` 2.4% fewer
    /// instructions).
    fn pruned(&self, haystack: &str, whether: bool) -> Option<Result<Engine<'_>, bool>> {
        if !PROBING.load(Ordering::Relaxed)
            || LETTERS.with(|n| n.get()) > 1
            || self.0.probe.get().is_some()
            || self.0.ascii.get().is_some()
            || prebuilt::has_nfa(&self.0.source)
        {
            return None;
        }
        let ast = self.ast()?;
        let branches = self.0.branches.get_or_init(|| Branches::of(&self.0.source, ast).map(Box::new)).as_ref()?;
        branches.engine(&self.0.source, ast, haystack, whether)
    }

    /// The engine for `haystack`, or `Err` with whether it matches when the gate or the probe
    /// told before the ASCII form was compiled: "no match" always, "a match" only when the
    /// caller `wants` only whether there is one. A caller after the matches needs an engine: the
    /// prebuilt DFAs, when the pattern has a pair, for their places (and, with [`Groups`], for
    /// their groups), else the compiled form.
    fn engine(&self, haystack: &str, wants: Wants) -> Result<Engine<'_>, bool> {
        let whether = wants == Wants::Whether;
        #[cfg(test)]
        tests::searched(&self.0.source);
        if self.0.whole_texts && is_many_letters() {
            return Ok(Engine::Unicode(self.unicode_or_panic()));
        }
        if haystack.is_ascii() {
            if let Some(Some(e)) = self.0.ascii.get() {
                return Ok(Engine::Ascii(e));
            }
            if self.ruled_out(haystack) {
                return Err(false);
            }
            match self.answered_prebuilt(haystack) {
                Some(false) => return Err(false),
                Some(true) if whether => return Err(true),
                Some(true) => {
                    if let Some(regex) = self.prebuilt_spans() {
                        if wants == Wants::Spans || self.groups().is_some() {
                            return Ok(Engine::Prebuilt(regex));
                        }
                    }
                }
                _ => {}
            }
            if let Some(engine) = self.pruned(haystack, whether) {
                return engine;
            }
            match self.answered_early(haystack) {
                Some(false) => return Err(false),
                Some(true) if whether => return Err(true),
                _ => {}
            }
            if let Some(e) = self.ascii() {
                return Ok(Engine::Ascii(e));
            }
        } else if let Some(named) = self.0.named.get_or_init(|| symbols_it_names(&self.0.source)) {
            if let Some(symbols) = Symbols::of(haystack, named) {
                if let Some(e) = self.ascii() {
                    return Ok(Engine::Symbols(e, symbols));
                }
            }
        }
        Ok(Engine::Unicode(self.unicode_or_panic()))
    }

    /// Is there a match anywhere in `haystack`?
    pub fn is_match(&self, haystack: &str) -> bool {
        let _timed = profile::timed(self);
        match self.engine(haystack, Wants::Whether) {
            Ok(Engine::Ascii(r)) => r.is_match(haystack.as_bytes()),
            // Not given for `Wants::Whether` (the forward DFA has answered), but it would answer.
            Ok(Engine::Prebuilt(r)) => prebuilt_next(r, &mut Searcher::new(Input::new(haystack.as_bytes()))).is_some(),
            Ok(Engine::Symbols(r, s)) => r.is_match(s.text.as_bytes()),
            Ok(Engine::Unicode(r)) => r.is_match(haystack),
            Err(answer) => answer,
        }
    }

    /// The leftmost-first match in `haystack`.
    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        let _timed = profile::timed(self);
        match self.engine(haystack, Wants::Spans) {
            Ok(Engine::Ascii(r)) => r.find(haystack.as_bytes()).map(|m| Match::new(haystack, m.start(), m.end())),
            Ok(Engine::Prebuilt(r)) => prebuilt_next(r, &mut Searcher::new(Input::new(haystack.as_bytes())))
                .map(|m| Match::new(haystack, m.start, m.end)),
            Ok(Engine::Symbols(r, s)) => r.find(s.text.as_bytes()).map(|m| s.to_haystack(haystack, m.start(), m.end())),
            Ok(Engine::Unicode(r)) => r.find(haystack).map(|m| Match::new(haystack, m.start(), m.end())),
            Err(_) => None,
        }
    }

    /// Every non-overlapping match, left to right.
    pub fn find_iter<'r, 'h>(&'r self, haystack: &'h str) -> Matches<'r, 'h> {
        let _timed = profile::timed(self);
        let inner = match self.engine(haystack, Wants::Spans) {
            Ok(Engine::Ascii(r)) => MatchesInner::Ascii(r.find_iter(haystack.as_bytes())),
            Ok(Engine::Prebuilt(r)) => MatchesInner::Prebuilt(r, Searcher::new(Input::new(haystack.as_bytes()))),
            // The symbols' text is this call's own: its matches are taken at once (few).
            Ok(Engine::Symbols(r, s)) => MatchesInner::Taken(
                r.find_iter(s.text.as_bytes())
                    .map(|m| s.to_haystack(haystack, m.start(), m.end()))
                    .collect::<Vec<_>>()
                    .into_iter(),
            ),
            Ok(Engine::Unicode(r)) => MatchesInner::Unicode(r.find_iter(haystack)),
            Err(_) => MatchesInner::Taken(Vec::new().into_iter()),
        };
        Matches { regex: self, haystack, inner }
    }

    /// The groups of the leftmost-first match.
    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        let _timed = profile::timed(self);
        match self.engine(haystack, Wants::Groups) {
            Ok(Engine::Prebuilt(r)) => match self.groups() {
                Some(groups) => prebuilt_next(r, &mut Searcher::new(Input::new(haystack.as_bytes())))
                    .map(|m| Captures { haystack, inner: CapsInner::Ascii(groups.captures(haystack.as_bytes(), m)) }),
                // Not given without groups (`engine`), but this would answer.
                None => self
                    .unicode_or_panic()
                    .captures(haystack)
                    .map(|c| Captures { haystack, inner: CapsInner::Unicode(c) }),
            },
            Ok(Engine::Ascii(r)) => {
                let mut caps = r.create_captures();
                r.captures(haystack.as_bytes(), &mut caps);
                caps.is_match().then_some(Captures { haystack, inner: CapsInner::Ascii(caps) })
            }
            Ok(Engine::Symbols(r, s)) => {
                let mut caps = r.create_captures();
                r.captures(s.text.as_bytes(), &mut caps);
                let ends = Arc::new(s.ends);
                caps.is_match().then_some(Captures { haystack, inner: CapsInner::Symbols(caps, ends) })
            }
            Ok(Engine::Unicode(r)) => r.captures(haystack).map(|c| Captures { haystack, inner: CapsInner::Unicode(c) }),
            Err(_) => None,
        }
    }

    /// The groups of every non-overlapping match, left to right.
    pub fn captures_iter<'r, 'h>(&'r self, haystack: &'h str) -> CaptureMatches<'r, 'h> {
        let _timed = profile::timed(self);
        let inner = match self.engine(haystack, Wants::Groups) {
            Ok(Engine::Prebuilt(r)) => match self.groups() {
                Some(groups) => CapturesInner::Prebuilt(r, groups, Searcher::new(Input::new(haystack.as_bytes()))),
                // Not given without groups (`engine`), but this would answer.
                None => CapturesInner::Unicode(self.unicode_or_panic().captures_iter(haystack)),
            },
            Ok(Engine::Ascii(r)) => CapturesInner::Ascii(r.captures_iter(haystack.as_bytes())),
            Ok(Engine::Symbols(r, s)) => {
                let ends = Arc::new(s.ends);
                let all: Vec<_> = r.captures_iter(s.text.as_bytes()).collect();
                CapturesInner::Symbols(all.into_iter(), ends)
            }
            Ok(Engine::Unicode(r)) => CapturesInner::Unicode(r.captures_iter(haystack)),
            Err(_) => CapturesInner::Symbols(Vec::new().into_iter(), Arc::new(Vec::new())),
        };
        CaptureMatches { regex: self, haystack, inner }
    }

    /// The pieces of `haystack` between matches, as `regex::Regex::split` gives them.
    pub fn split<'r, 'h>(&'r self, haystack: &'h str) -> Split<'r, 'h> {
        Split { finder: self.find_iter(haystack), last: 0 }
    }
}

/// Patterns searched in the same texts, each asked only of a text that holds a word of every
/// set of its [`Gate`]: the family's gate words are found by one Aho-Corasick scan of the text,
/// where each pattern's search would read it again (issue 14: the count patterns' searches of a
/// sentence with a number were an eighth of an audit's time; most such sentences name no week,
/// day, hour or month). Read without case, in ASCII text only: `(?i)` in Unicode folds "k" with
/// the Kelvin sign, so a text past ASCII is searched by every pattern. A pattern without a gate
/// is searched always.
pub struct Family {
    patterns: Vec<Regex>,
    /// Built at the first text searched over many letters; `None` when the family's gate words
    /// are more than a [`Mask`] holds: every pattern searched.
    cues: OnceLock<Option<Cues>>,
}

/// A set of a family's gate words, by their place in its automaton: up to 256 words (the
/// functional-improvement patterns have about a hundred).
type Mask = [u64; 4];

/// The mask of one word, `None` past the 256th.
fn mask_of(word: usize) -> Option<Mask> {
    let mut mask = [0; 4];
    *mask.get_mut(word / 64)? = 1 << (word % 64);
    Some(mask)
}

struct Cues {
    automaton: aho_corasick::AhoCorasick,
    /// For each pattern, its gate's sets as masks of the automaton's words.
    sets: Vec<Vec<Mask>>,
}

impl Family {
    /// The family of `patterns`, in this order. Nothing is built until a text is searched over
    /// many letters ([`many_letters`]): one letter's texts are fewer than building the
    /// automaton costs (6 M instructions for the three families, 4% of checking one letter),
    /// and each pattern's own gate answers for them until it is compiled.
    pub fn new<'r>(patterns: impl IntoIterator<Item = &'r Regex>) -> Family {
        Family { patterns: patterns.into_iter().cloned().collect(), cues: OnceLock::new() }
    }

    fn cues(&self) -> Option<&Cues> {
        self.cues
            .get_or_init(|| {
                let mut words: Vec<Box<[u8]>> = Vec::new();
                let mut masks = |gate: Option<&Gate>| -> Option<Vec<Mask>> {
                    let mut out = Vec::new();
                    for set in gate.map_or(&[][..], |g| &g.0) {
                        let mut mask = [0; 4];
                        for w in &set.words {
                            let id = words.iter().position(|x| x == w).unwrap_or_else(|| {
                                words.push(w.clone());
                                words.len() - 1
                            });
                            let bit = mask_of(id)?;
                            mask.iter_mut().zip(bit).for_each(|(m, b)| *m |= b);
                        }
                        out.push(mask);
                    }
                    Some(out)
                };
                let sets: Vec<Vec<Mask>> = self.patterns.iter().map(|p| masks(p.gate())).collect::<Option<_>>()?;
                // A DFA: built once, and each sentence's scan takes one step a byte (the default
                // for over a hundred words, a contiguous NFA, took 0.8% more of an audit's
                // instructions with the functional-improvement family).
                let automaton = aho_corasick::AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                    .build(&words)
                    .ok()?;
                Some(Cues { automaton, sets })
            })
            .as_ref()
    }

    /// Which of the family's patterns (by their place in it) may match `text`.
    pub fn searched<'f>(&'f self, text: &str) -> impl Fn(usize) -> bool + 'f {
        self.searched_by(is_many_letters().then(|| self.cues()).flatten(), text)
    }

    fn searched_by<'f>(&'f self, cues: Option<&'f Cues>, text: &str) -> impl Fn(usize) -> bool + 'f {
        let cues = cues.filter(|_| text.is_ascii());
        let mut present: Mask = [0; 4];
        if let Some(c) = cues {
            for m in c.automaton.find_overlapping_iter(text) {
                let id = m.pattern().as_usize();
                present[id / 64] |= 1 << (id % 64);
            }
        }
        move |k| {
            cues.is_none_or(|c| {
                c.sets.get(k).is_none_or(|sets| sets.iter().all(|set| set.iter().zip(present).any(|(s, p)| s & p != 0)))
            })
        }
    }

    /// Whether the gate words fit a mask (else every pattern is searched).
    #[cfg(test)]
    pub(crate) fn is_gated(&self) -> bool {
        self.cues().is_some()
    }

    /// For a family's test: asks each of `patterns` (its place in the family, and the pattern)
    /// of each of `texts`, asserts that a pattern ruled out of a text does not match it, and
    /// gives how many searches were ruled out, of how many, and how many texts a pattern matched.
    #[cfg(test)]
    pub(crate) fn ruled_out_in(&self, patterns: &[(usize, &Regex)], texts: &[String]) -> (usize, usize, usize) {
        let (mut ruled_out, mut asked, mut matched) = (0, 0, 0);
        for t in texts {
            let may = self.searched_by(self.cues(), t);
            for &(k, p) in patterns {
                asked += 1;
                let matches = p.is_match(t);
                matched += usize::from(matches);
                if !may(k) {
                    ruled_out += 1;
                    assert!(!matches, "pattern {k} ({:.60}) ruled out of a text it matches: {t}", p.as_str());
                }
            }
        }
        (ruled_out, asked, matched)
    }
}

/// A pattern asked only whether a text matches, written as its alternatives: one letter asks
/// each alternative in turn, many letters ([`many_letters`]) ask their union, one search.
///
/// Why: a pattern's DFA can grow past what is built in ([`prebuilt`]) while each alternative's
/// stays small (the functional-improvement "treatment context" pattern: past 256 MB whole, its
/// ten alternatives at most 217 KB each). One letter then asks DFAs built in, each behind its own
/// gate, rather than reading the whole pattern's NFA back and filling a lazy DFA; over many
/// letters the union's lazy DFA, built once, reads each text once. The answers are the same: a
/// text matches the union exactly when it matches one of its alternatives.
pub struct AnyOf {
    whole: Regex,
    parts: Vec<Regex>,
}

impl AnyOf {
    /// The alternatives `parts`, each a whole pattern (with its own flags).
    pub fn new<S: AsRef<str>>(parts: impl IntoIterator<Item = S>) -> Result<AnyOf, Error> {
        let parts: Vec<Regex> = parts.into_iter().map(|p| Regex::new(p.as_ref())).collect::<Result<_, _>>()?;
        let whole = Regex::new(&union(parts.iter().map(Regex::as_str)))?;
        Ok(AnyOf { whole, parts })
    }

    /// The union of the alternatives, as one pattern (for a [`Family`]: its gate).
    pub fn whole(&self) -> &Regex {
        &self.whole
    }

    /// The alternatives, for a test that asks them one by one.
    #[cfg(test)]
    pub(crate) fn parts(&self) -> &[Regex] {
        &self.parts
    }

    /// Does `haystack` match one of the alternatives?
    pub fn is_match(&self, haystack: &str) -> bool {
        if is_many_letters() {
            self.whole.is_match(haystack)
        } else {
            self.parts.iter().any(|p| p.is_match(haystack))
        }
    }
}

/// Patterns joined as alternatives: the union matches a text exactly when one of them does, so
/// one search of it can rule out a text before each pattern is tried.
pub fn union<S: AsRef<str>>(patterns: impl IntoIterator<Item = S>) -> String {
    patterns.into_iter().map(|p| format!("(?:{})", p.as_ref())).collect::<Vec<_>>().join("|")
}

/// What a search wants of a pattern, which decides the engines that can serve it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wants {
    /// Whether a haystack matches.
    Whether,
    /// Where its matches lie.
    Spans,
    /// Their groups.
    Groups,
}

/// A pattern's forward and reverse DFAs built at compile time ([`prebuilt`]).
type PrebuiltRegex = regex_automata::dfa::regex::Regex<prebuilt::Dfa>;

/// The next match of prebuilt DFAs in `searcher`'s haystack, where it lies. A search of these
/// DFAs fails only on a quit byte or a Unicode word boundary, which DFAs built from the ASCII
/// reading do not have; a failure would end the matches.
fn prebuilt_next(regex: &PrebuiltRegex, searcher: &mut Searcher<'_>) -> Option<std::ops::Range<usize>> {
    searcher.try_advance(|input| regex.try_search(input)).ok().flatten().map(|m| m.range())
}

enum Engine<'r> {
    Ascii(&'r meta::Regex),
    /// The prebuilt DFAs, for an ASCII haystack's matches' places (and their groups, by the
    /// pattern's [`Groups`]).
    Prebuilt(&'r PrebuiltRegex),
    /// The ASCII form on the haystack's [`Symbols`] text.
    Symbols(&'r meta::Regex, Symbols),
    Unicode(&'r regex::Regex),
}

impl Gate {
    /// The gate of `sets` ([`gate_sets`], read from a pattern's syntax or listed in [`gates`]),
    /// when it has one worth asking: `None` for no sets.
    fn of_sets(sets: Vec<Vec<String>>) -> Option<Gate> {
        (!sets.is_empty()).then(|| Gate(sets.into_iter().map(Words::new).collect()))
    }

    /// Whether `haystack` holds a word of each set.
    fn is_match(&self, haystack: &str) -> bool {
        self.0.iter().all(|w| w.is_match(haystack))
    }
}

/// The full ASCII form, from the syntax its probe was built from when there is one (taken, not
/// translated again nor copied: copying it cost about as much as translating), else from `hir`.
fn full_form(probe: &OnceLock<Option<Probe>>, hir: impl FnOnce() -> Option<Hir>) -> Option<meta::Regex> {
    let taken = match probe.get() {
        Some(Some(probe)) => probe.hir.lock().ok().and_then(|mut hir| hir.take()),
        _ => None,
    };
    taken.or_else(hir).and_then(|hir| ascii_engine(&hir))
}

/// The branches of the alternation every match of a pattern passes through, each with the
/// sets of words of its own [`Gate`], all found by one scan of a haystack. For one letter, a
/// haystack past the pattern's gate is searched by the pattern without the branches it cannot
/// match, compiled for the branches it may (issue 14: the costliest patterns to compile for one
/// letter are alternations of dozens of phrasings, functional improvement's, "sessions produced
/// ...", the guideline names, and a sentence holds the words of a few; `check` of 25 fixture
/// letters 5.6% fewer instructions, of the benchmark's letter 14.6%).
///
/// Why the matches are the same: a branch a haystack holds no word of one of its sets for
/// matches nowhere in it, so no match of the pattern there passes through that branch; leaving
/// it out removes no match, and the paths left keep their order of preference, so the
/// leftmost-first matches are the same. An alternation whose branches set flags for what
/// follows them (`a(?i)b|c`) is not pruned: leaving such a branch out would change the flags of
/// the next. Over many letters nothing is pruned: each pattern is compiled once, whole (see
/// [`letter_read`]).
struct Branches {
    /// Every word of every branch's sets, scanned for at once.
    words: Words,
    /// The branches that have a gate (at most 128).
    branches: Vec<Branch>,
    /// Every branch of `branches` kept, a bit each.
    all: u128,
    /// Whether every branch of the alternation has a gate: a haystack that fails them all then
    /// cannot match.
    every_branch_gated: bool,
    /// The pruned forms made so far (each for its set of branches kept); past them, the whole
    /// pattern is compiled.
    forms: [OnceLock<Form>; FORMS],
    /// Bytes of haystack searched by pruned forms: past [`PROBE_BUDGET`], the whole pattern
    /// answers.
    searched: AtomicUsize,
    /// The pattern's length, and the bytes of it the forms made so far keep: a form is made only
    /// if it keeps at most half the pattern, and only while the forms together keep no more than
    /// the pattern, so that pruning costs at most about one more compile of it, and less where it
    /// saves (a sentence that holds the words of many branches, or sentences that each hold
    /// different ones, have the whole pattern compiled instead).
    len: usize,
    spent: AtomicUsize,
}

struct Branch {
    /// Sets of words (indices into [`Branches::words`]), a word of each of which every match
    /// of the branch holds.
    sets: Vec<Vec<usize>>,
    /// Its place in the alternation.
    place: usize,
    /// Its length in the pattern, in bytes.
    len: usize,
}

/// The most pruned forms of one pattern.
const FORMS: usize = 8;

/// A pattern with some of its branches left out, compiled as the pattern is: a probe first, the
/// full form when a caller asks for matches.
struct Form {
    /// The branches kept, a bit each.
    keep: u128,
    probe: OnceLock<Option<Probe>>,
    full: OnceLock<Option<meta::Regex>>,
}

impl Branches {
    fn of(source: &str, ast: &Ast) -> Option<Branches> {
        // A pattern naming characters past ASCII has no ASCII reading of its syntax alone.
        if ascii_source(source).is_some() {
            return None;
        }
        let mut found: Vec<(usize, usize, Vec<Vec<String>>)> = Vec::new();
        let every_branch_gated = match gates::listed(source) {
            Some(listed) => {
                found.extend(listed.branches.iter().map(|(place, len, sets)| (*place, *len, owned(sets))));
                listed.every_branch_gated
            }
            None => gated_branches(ast, &mut found),
        };
        if found.is_empty() {
            return None;
        }
        let words = Words::new(found.iter().flat_map(|(_, _, sets)| sets.iter().flatten().cloned()).collect());
        let index = |w: &String| words.words.binary_search_by(|x| x.as_ref().cmp(w.as_bytes())).unwrap_or(0);
        let branches = found
            .into_iter()
            .map(|(place, len, sets)| Branch {
                place,
                len,
                sets: sets.iter().map(|set| set.iter().map(index).collect()).collect(),
            })
            .collect::<Vec<_>>();
        Some(Branches {
            all: u128::MAX >> (128 - branches.len()),
            every_branch_gated,
            words,
            branches,
            forms: Default::default(),
            searched: AtomicUsize::new(0),
            len: source.len(),
            spent: AtomicUsize::new(0),
        })
    }

    /// The branches `haystack` may match (it holds a word of each of their sets), a bit each.
    fn keep(&self, haystack: &str) -> u128 {
        let present = self.words.present(haystack);
        let may_match = |b: &Branch| b.sets.iter().all(|set| set.iter().any(|&w| present[w]));
        self.branches.iter().enumerate().filter(|(_, b)| may_match(b)).fold(0, |keep, (i, _)| keep | 1 << i)
    }

    /// The branches `keep` leaves out.
    fn left_out(&self, keep: u128) -> impl Iterator<Item = &Branch> {
        self.branches.iter().enumerate().filter(move |(i, _)| keep & (1 << i) == 0).map(|(_, b)| b)
    }

    /// What [`Regex::pruned`] gives.
    fn engine(&self, source: &str, ast: &Ast, haystack: &str, whether: bool) -> Option<Result<Engine<'_>, bool>> {
        let keep = self.keep(haystack);
        if keep == 0 && self.every_branch_gated {
            return Some(Err(false));
        }
        if keep == self.all || self.searched.fetch_add(haystack.len(), Ordering::Relaxed) >= PROBE_BUDGET {
            return None;
        }
        // A form that keeps more branches than this haystack needs serves it as well.
        let form = match self.forms.iter().filter_map(OnceLock::get).find(|f| f.keep & keep == keep) {
            Some(form) => form,
            None => {
                let size = self.len.saturating_sub(self.left_out(keep).map(|b| b.len).sum());
                if size > self.len / 2 || self.spent.fetch_add(size, Ordering::Relaxed) + size > self.len {
                    return None;
                }
                self.forms.iter().map(|slot| slot.get_or_init(|| Form::new(keep))).find(|f| f.keep == keep)?
            }
        };
        if whether && form.full.get().is_none() {
            if let Some(answer) = form.probe(self, source, ast).and_then(|p| p.is_match(haystack)) {
                return Some(Err(answer));
            }
        }
        form.full(self, source, ast).map(|r| Ok(Engine::Ascii(r)))
    }
}

impl Form {
    /// The form keeping the branches of `keep`, not yet compiled.
    fn new(keep: u128) -> Form {
        Form { keep, probe: OnceLock::new(), full: OnceLock::new() }
    }

    /// The syntax of `ast`, the pattern, with the branches this form leaves out written as an
    /// empty class, which matches nothing; copied only on the way to its alternation, not
    /// parsed again (parsing the pruned text cost as much as pruning saved). Their capture
    /// groups go with them: the groups left keep their numbers (from the syntax) and names, and
    /// one left out reads as one that took no part in the match, as it is in the whole
    /// pattern's. `None` when the pattern has no ASCII reading of its syntax alone (one naming
    /// characters past ASCII): the whole pattern then answers.
    fn hir(&self, branches: &Branches, source: &str, ast: &Ast) -> Option<Hir> {
        static NOTHING: OnceLock<Option<Ast>> = OnceLock::new();
        let nothing = NOTHING.get_or_init(|| regex_syntax::ast::parse::Parser::new().parse(r"[^\x00-\xFF]").ok());
        let alternation = mandatory_alternation(ast)?;
        let mut left_out = vec![false; alternation.asts.len()];
        for branch in branches.left_out(self.keep) {
            *left_out.get_mut(branch.place)? = true;
        }
        ascii_translation(source, &clone_pruned(ast, &alternation.span, &left_out, nothing.as_ref()?))
    }

    fn probe(&self, branches: &Branches, source: &str, ast: &Ast) -> Option<&Probe> {
        self.probe.get_or_init(|| self.hir(branches, source, ast).and_then(Probe::new)).as_ref()
    }

    fn full(&self, branches: &Branches, source: &str, ast: &Ast) -> Option<&meta::Regex> {
        self.full.get_or_init(|| full_form(&self.probe, || self.hir(branches, source, ast))).as_ref()
    }
}

/// The branches that have a [`Gate`] (their places, lengths and sets) of [`mandatory_alternation`],
/// after `out`; whether every branch has one. Only that alternation: pruning those inside
/// others as well (a number's words in a count pattern, say) left so many sets of branches to
/// compile for one letter's sentences that it cost twice what it saved.
fn gated_branches(ast: &Ast, out: &mut Vec<(usize, usize, Vec<Vec<String>>)>) -> bool {
    let Some(alternation) = mandatory_alternation(ast) else { return false };
    if alternation.asts.len() > 128 || alternation.asts.iter().any(sets_flags) {
        return false;
    }
    for (place, branch) in alternation.asts.iter().enumerate() {
        let sets = gate_sets(branch);
        if !sets.is_empty() {
            out.push((place, branch.span().end.offset - branch.span().start.offset, sets));
        }
    }
    out.len() == alternation.asts.len()
}

/// The alternation every match of `ast` passes through: `ast` itself, or, through groups and
/// the parts of a concatenation (not a repetition, which may be absent), the longest one.
fn mandatory_alternation(ast: &Ast) -> Option<&regex_syntax::ast::Alternation> {
    match ast {
        Ast::Alternation(a) => Some(a),
        Ast::Group(g) => mandatory_alternation(&g.ast),
        Ast::Concat(c) => c
            .asts
            .iter()
            .filter(|part| matches!(part, Ast::Group(_)))
            .filter_map(mandatory_alternation)
            .max_by_key(|a| a.span.end.offset - a.span.start.offset),
        _ => None,
    }
}

/// Whether a branch sets flags for what follows it, outside a group of its own.
fn sets_flags(branch: &Ast) -> bool {
    match branch {
        Ast::Flags(_) => true,
        Ast::Concat(c) => c.asts.iter().any(|part| matches!(part, Ast::Flags(_))),
        _ => false,
    }
}

/// A copy of `ast` with each branch of its alternation at `target` that `left_out` marks written
/// as `nothing`; the other branches are copied, and of the rest only the nodes on the way.
fn clone_pruned(ast: &Ast, target: &regex_syntax::ast::Span, left_out: &[bool], nothing: &Ast) -> Ast {
    let holds = |a: &Ast| a.span().start.offset <= target.start.offset && target.end.offset <= a.span().end.offset;
    match ast {
        Ast::Alternation(a) if a.span == *target => Ast::alternation(regex_syntax::ast::Alternation {
            span: a.span,
            asts: a.asts.iter().zip(left_out).map(|(b, &out)| if out { nothing } else { b }.clone()).collect(),
        }),
        Ast::Group(g) if holds(ast) => Ast::group(regex_syntax::ast::Group {
            span: g.span,
            kind: g.kind.clone(),
            ast: Box::new(clone_pruned(&g.ast, target, left_out, nothing)),
        }),
        Ast::Concat(c) if holds(ast) => Ast::concat(regex_syntax::ast::Concat {
            span: c.span,
            asts: c
                .asts
                .iter()
                .map(|part| if holds(part) { clone_pruned(part, target, left_out, nothing) } else { part.clone() })
                .collect(),
        }),
        other => other.clone(),
    }
}

/// Sets of words of [`gates`]'s table, owned.
fn owned(sets: &[&[&str]]) -> Vec<Vec<String>> {
    sets.iter().map(|s| s.iter().map(|w| (*w).to_owned()).collect()).collect()
}

/// The sets of a [`Gate`] of `ast` (none: no gate).
fn gate_sets(ast: &Ast) -> Vec<Vec<String>> {
    let mut sets: Vec<Vec<String>> = required(ast)
        .into_iter()
        .filter(|s| !s.is_empty() && s.len() <= MAX_WORDS && s.iter().all(|w| w.len() >= 2))
        .collect();
    sets.sort_by_key(|s| std::cmp::Reverse((s.iter().map(String::len).min().unwrap_or(0), usize::MAX - s.len())));
    sets.dedup();
    sets.truncate(4);
    sets
}

/// Sets of words (ASCII, lower case) such that every match of `ast` holds a word of each set:
/// runs of literal characters, and the parts of a concatenation, each give their own; an
/// alternation gives one set, the union of its branches' best. Nothing comes from a part that can
/// match the empty text, a class or a character past ASCII. Read without case, so `(?i)` and its
/// absence are alike; the sets are a necessary condition only, never a sufficient one.
fn required(ast: &Ast) -> Vec<Vec<String>> {
    match ast {
        Ast::Literal(l) if l.c.is_ascii() => vec![vec![l.c.to_ascii_lowercase().to_string()]],
        Ast::Group(g) => required(&g.ast),
        Ast::Repetition(r) => {
            use regex_syntax::ast::{RepetitionKind, RepetitionRange};
            let at_least_once = match &r.op.kind {
                RepetitionKind::OneOrMore => true,
                RepetitionKind::Range(
                    RepetitionRange::Exactly(n) | RepetitionRange::AtLeast(n) | RepetitionRange::Bounded(n, _),
                ) => *n >= 1,
                RepetitionKind::ZeroOrOne | RepetitionKind::ZeroOrMore => false,
            };
            if at_least_once {
                required(&r.ast)
            } else {
                Vec::new()
            }
        }
        Ast::Alternation(a) => {
            let mut all = Vec::new();
            for branch in &a.asts {
                let Some(best) = best(required(branch)) else { return Vec::new() };
                all.extend(best);
                if all.len() > MAX_WORDS {
                    return Vec::new();
                }
            }
            all.sort();
            all.dedup();
            vec![all]
        }
        Ast::Concat(c) => {
            let mut sets = Vec::new();
            let mut run = String::new();
            for part in &c.asts {
                match part {
                    Ast::Literal(l) if l.c.is_ascii() => run.push(l.c.to_ascii_lowercase()),
                    // Flags and empty parts take no text: a run goes on past them.
                    Ast::Flags(_) | Ast::Empty(_) => {}
                    other => {
                        if !run.is_empty() {
                            sets.push(vec![std::mem::take(&mut run)]);
                        }
                        sets.extend(required(other));
                    }
                }
            }
            if !run.is_empty() {
                sets.push(vec![run]);
            }
            sets
        }
        _ => Vec::new(),
    }
}

/// The most telling of several sets (its shortest word the longest, then the fewest words).
fn best(sets: Vec<Vec<String>>) -> Option<Vec<String>> {
    sets.into_iter().max_by_key(|s| (s.iter().map(String::len).min().unwrap_or(0), usize::MAX - s.len()))
}

/// The most words a gate's set may hold.
const MAX_WORDS: usize = 64;

/// A haystack whose only characters past ASCII are symbols and word characters, read with each
/// symbol as the one byte 0x7F (DEL) and each word character as `_`, and where each of that
/// text's bytes came from.
///
/// Why: one stray "®", "°", "→" or PDF bullet in a sentence used to send every pattern that
/// searched it to the pattern as written, compiled with Unicode classes: five to ten times the
/// cost of checking a letter (issue 14); a name such as "José" or a PDF ligature ("ﬁ") cost as
/// much, and more, since the pattern as written searches a text past ASCII with its slowest
/// engine when it has a word boundary (a 3.6 KB fuzzed letter took 2.1 G instructions). Why the
/// matches are the same: a symbol here is a character that is neither a word character nor white
/// space; the patterns that take this way name no Unicode or POSIX class, and the haystack holds
/// none of the characters past ASCII a pattern names (whose ASCII form reads them as a byte no
/// text holds), so no part of one tells such a character from DEL (both are matched by `.`,
/// `\W`, `\S`, `\D` and a negated class, and by nothing else; neither is a word character for
/// `\b`; neither has a case). Likewise a word character past ASCII that is no digit and folds to
/// no ASCII letter, and `_` when the pattern does not name `_`: both are matched by `.`, `\w`,
/// `\S`, `\D` and a negated class, and by nothing else; both are word characters for `\b`;
/// neither matches a letter of the pattern in any case. One character is one byte in both
/// readings, so counted repetitions count alike.
struct Symbols {
    text: String,
    /// `ends[i]` is the haystack offset of the text's byte `i`; one more for the end.
    ends: Vec<usize>,
}

impl Symbols {
    /// `None` when a character past ASCII is a digit, white space or one the pattern names (in
    /// `named`), or a word character and the pattern names `_`.
    fn of(haystack: &str, named: &[(char, char)]) -> Option<Symbols> {
        let mut text = String::with_capacity(haystack.len());
        let mut ends = Vec::with_capacity(haystack.len() + 1);
        for (at, c) in haystack.char_indices() {
            if c.is_ascii() {
                text.push(c);
            } else if is_symbol(c) && !named.iter().any(|&(a, b)| a <= c && c <= b) {
                text.push('\x7f');
            } else if is_plain_word(c) && !named.iter().any(|&(a, b)| a <= '_' && '_' <= b) {
                text.push('_');
            } else {
                return None;
            }
            ends.push(at);
        }
        ends.push(haystack.len());
        Some(Symbols { text, ends })
    }

    fn to_haystack<'h>(&self, haystack: &'h str, start: usize, end: usize) -> Match<'h> {
        Match::new(haystack, self.ends[start], self.ends[end])
    }
}

/// The characters past ASCII `pattern` names, as ranges, when nothing else in it can tell a
/// symbol from DEL: no Unicode or POSIX class (`\p{P}`, `[[:ascii:]]`), no DEL, no letter past
/// ASCII (which may fold), Unicode not turned off. Read from the pattern's syntax, not its
/// compiled classes (cheap). `None` when it cannot, or does not parse.
fn symbols_it_names(pattern: &str) -> Option<Vec<(char, char)>> {
    use regex_syntax::ast::{self, Ast, ClassSetItem, Visitor};
    struct Named(Vec<(char, char)>);
    impl Named {
        fn char(&mut self, c: char) -> Result<(), ()> {
            if c == '\x7f' || (!c.is_ascii() && !is_symbol(c)) {
                return Err(());
            }
            if !c.is_ascii() || c == '_' {
                self.0.push((c, c));
            }
            Ok(())
        }
    }
    impl Visitor for Named {
        type Output = Vec<(char, char)>;
        type Err = ();
        fn finish(self) -> Result<Self::Output, ()> {
            Ok(self.0)
        }
        fn visit_pre(&mut self, ast: &Ast) -> Result<(), ()> {
            match ast {
                Ast::Literal(l) => self.char(l.c),
                Ast::ClassUnicode(_) => Err(()),
                Ast::Flags(f) if f.flags.flag_state(ast::Flag::Unicode) == Some(false) => Err(()),
                Ast::Group(g) => match &g.kind {
                    ast::GroupKind::NonCapturing(f) if f.flag_state(ast::Flag::Unicode) == Some(false) => Err(()),
                    _ => Ok(()),
                },
                _ => Ok(()),
            }
        }
        fn visit_class_set_item_pre(&mut self, item: &ClassSetItem) -> Result<(), ()> {
            match item {
                ClassSetItem::Literal(l) => self.char(l.c),
                ClassSetItem::Range(r) => {
                    // A range that reaches past ASCII holds letters as well as symbols: it is
                    // named whole, and a letter in it is refused like any other.
                    if r.end.c == '\x7f' || r.start.c as u32 <= 0x7f && r.end.c as u32 >= 0x7f {
                        return Err(());
                    }
                    if r.start.c <= '_' && '_' <= r.end.c {
                        self.0.push(('_', '_'));
                    }
                    if !r.end.c.is_ascii() {
                        if r.end.c as u32 - r.start.c as u32 > 4096 {
                            return Err(());
                        }
                        let from = if r.start.c.is_ascii() { '\u{80}' } else { r.start.c };
                        if (from..=r.end.c).any(|c| !is_symbol(c) && !c.is_ascii()) {
                            return Err(());
                        }
                        self.0.push((from, r.end.c));
                    }
                    Ok(())
                }
                ClassSetItem::Ascii(_) | ClassSetItem::Unicode(_) => Err(()),
                _ => Ok(()),
            }
        }
    }
    let ast = ast::parse::Parser::new().parse(pattern).ok()?;
    ast::visit(&ast, Named(Vec::new())).ok()
}

/// A word character past ASCII (`\w` with Unicode: letters, marks, joiners) that is no digit
/// (`\d` with Unicode; any numeric character is left out) and that no ASCII letter matches under
/// `(?i)` (the long s and the Kelvin sign do): read as `_` by [`Symbols`].
fn is_plain_word(c: char) -> bool {
    !c.is_ascii()
        && !c.is_numeric()
        && !matches!(c, '\u{17f}' | '\u{212a}')
        && regex_syntax::try_is_word_character(c).unwrap_or(false)
}

/// Neither a word character (`\w` with Unicode) nor white space (`\s` with Unicode).
fn is_symbol(c: char) -> bool {
    !c.is_ascii() && !c.is_whitespace() && !regex_syntax::try_is_word_character(c).unwrap_or(true)
}

/// The pattern compiled for ASCII haystacks, from [`ascii_hir`].
fn ascii_engine(hir: &Hir) -> Option<meta::Regex> {
    // Without the literal prefilter: extracting one from a case-insensitive pattern was most of
    // compiling it, and searching sentences was no faster with it. Without the fully compiled
    // DFA the meta engine builds for small patterns: building it was 4% of checking one letter,
    // and the lazy DFA searches sentences as fast (200 corpus letters: 0.6% fewer instructions).
    let config = meta::Config::new()
        .dfa(false)
        .auto_prefilter(false)
        .nfa_size_limit(Some(NFA_SIZE_LIMIT))
        .hybrid_cache_capacity(DFA_CACHE);
    meta::Builder::new().configure(config).build_from_hir(hir).ok()
}

/// The groups of a pattern's matches in one letter, where its prebuilt DFAs ([`prebuilt`]) have
/// found each match: only the forward NFA is compiled, and searched on the match alone, as the
/// meta engine searches a match its lazy DFAs found (issue 14: the full form also compiles the
/// reverse NFA and fills two lazy DFAs, which only find the match the prebuilt DFAs found).
struct Groups {
    backtracker: backtrack::BoundedBacktracker,
    pikevm: pikevm::PikeVM,
}

impl Groups {
    fn new(hir: Hir) -> Option<Groups> {
        Groups::of_nfa(thompson::Compiler::new().configure(nfa_bytes::groups_config()).build_from_hir(&hir).ok()?)
    }

    /// The engines of `nfa`, compiled in [`nfa_bytes::groups_config`].
    fn of_nfa(nfa: thompson::NFA) -> Option<Groups> {
        let backtracker = backtrack::BoundedBacktracker::new_from_nfa(nfa.clone()).ok()?;
        let pikevm = pikevm::PikeVM::new_from_nfa(nfa).ok()?;
        Some(Groups { backtracker, pikevm })
    }

    /// The groups of the match that spans `span` of `haystack`: the pattern searched anchored
    /// there, by the bounded backtracker when the match is short enough for it, else the PikeVM.
    fn captures(&self, haystack: &[u8], span: std::ops::Range<usize>) -> regex_automata::util::captures::Captures {
        let input = Input::new(haystack).span(span).anchored(regex_automata::Anchored::Yes);
        let mut caps = self.pikevm.create_captures();
        if input.get_span().len() <= self.backtracker.max_haystack_len() {
            let mut cache = self.backtracker.create_cache();
            if self.backtracker.try_captures(&mut cache, input.clone(), &mut caps).is_ok() {
                return caps;
            }
        }
        let mut cache = self.pikevm.create_cache();
        self.pikevm.captures(&mut cache, input, &mut caps);
        caps
    }
}

/// The first stage of a pattern's ASCII form: whether a haystack matches, by a forward lazy DFA
/// alone, without the groups, the reverse automaton and the other engines the full form
/// builds (issue 14: most of the patterns one letter compiles only ever answer "no match" or
/// "a match" there, and the probe costs about half as much to build). Its syntax is kept to
/// build the full form from when a haystack is asked for its matches and the probe finds one.
struct Probe {
    /// Taken when the full form is built.
    hir: std::sync::Mutex<Option<Hir>>,
    /// Bytes of haystack searched, for [`PROBE_BUDGET`].
    searched: AtomicUsize,
    dfa: hybrid::dfa::DFA,
    caches: Pool<hybrid::dfa::Cache, CacheFn>,
}

type CacheFn = Box<dyn Fn() -> hybrid::dfa::Cache + Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>;

impl Probe {
    fn new(hir: Hir) -> Option<Probe> {
        let nfa = thompson::Compiler::new().configure(nfa_bytes::probe_config()).build_from_hir(&hir).ok()?;
        Probe::of_nfa(nfa, Some(hir))
    }

    /// The probe of `nfa`, compiled in [`nfa_bytes::probe_config`] from `hir` when that is at
    /// hand (else the full form translates the pattern again).
    fn of_nfa(nfa: thompson::NFA, hir: Option<Hir>) -> Option<Probe> {
        let dfa = hybrid::dfa::DFA::builder()
            .configure(
                // As the meta engine configures its own lazy DFA: it gives up on a haystack that
                // keeps filling its cache, and the full form then answers.
                hybrid::dfa::Config::new()
                    .cache_capacity(DFA_CACHE)
                    .minimum_cache_clear_count(Some(3))
                    .minimum_bytes_per_state(Some(10)),
            )
            .build_from_nfa(nfa)
            .ok()?;
        let for_cache = dfa.clone();
        let caches = Pool::new(Box::new(move || for_cache.create_cache()) as CacheFn);
        Some(Probe { hir: std::sync::Mutex::new(hir), searched: AtomicUsize::new(0), dfa, caches })
    }

    /// Whether `haystack` holds a match; `None` when the lazy DFA gives up (the full form then
    /// answers).
    fn is_match(&self, haystack: &str) -> Option<bool> {
        let mut cache = self.caches.get();
        let input = Input::new(haystack.as_bytes()).earliest(true);
        self.dfa.try_search_fwd(&mut cache, &input).ok().map(|m| m.is_some())
    }
}

/// A match: a range of the haystack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match<'h> {
    haystack: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    fn new(haystack: &'h str, start: usize, end: usize) -> Match<'h> {
        Match { haystack, start, end }
    }

    /// First byte.
    pub fn start(&self) -> usize {
        self.start
    }

    /// One past the last byte.
    pub fn end(&self) -> usize {
        self.end
    }

    /// The range.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// The matched text.
    pub fn as_str(&self) -> &'h str {
        &self.haystack[self.start..self.end]
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True for an empty match.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// The groups of one match.
pub struct Captures<'h> {
    haystack: &'h str,
    inner: CapsInner<'h>,
}

enum CapsInner<'h> {
    Ascii(regex_automata::util::captures::Captures),
    /// Groups in a [`Symbols`] text, and where its bytes came from.
    Symbols(regex_automata::util::captures::Captures, Arc<Vec<usize>>),
    Unicode(regex::Captures<'h>),
}

impl<'h> Captures<'h> {
    /// Group `i` (0 is the whole match), if it took part in the match.
    pub fn get(&self, i: usize) -> Option<Match<'h>> {
        match &self.inner {
            CapsInner::Ascii(c) => c.get_group(i).map(|s| Match::new(self.haystack, s.start, s.end)),
            CapsInner::Symbols(c, ends) => {
                c.get_group(i).map(|s| Match::new(self.haystack, ends[s.start], ends[s.end]))
            }
            CapsInner::Unicode(c) => c.get(i).map(|m| Match::new(self.haystack, m.start(), m.end())),
        }
    }

    /// The group called `name`, if it took part in the match.
    pub fn name(&self, name: &str) -> Option<Match<'h>> {
        match &self.inner {
            CapsInner::Ascii(c) => c.get_group_by_name(name).map(|s| Match::new(self.haystack, s.start, s.end)),
            CapsInner::Symbols(c, ends) => {
                c.get_group_by_name(name).map(|s| Match::new(self.haystack, ends[s.start], ends[s.end]))
            }
            CapsInner::Unicode(c) => c.name(name).map(|m| Match::new(self.haystack, m.start(), m.end())),
        }
    }
}

/// The matches of [`Regex::find_iter`].
pub struct Matches<'r, 'h> {
    regex: &'r Regex,
    haystack: &'h str,
    inner: MatchesInner<'r, 'h>,
}

enum MatchesInner<'r, 'h> {
    Ascii(meta::FindMatches<'r, 'h>),
    Prebuilt(&'r PrebuiltRegex, Searcher<'h>),
    Taken(std::vec::IntoIter<Match<'h>>),
    Unicode(regex::Matches<'r, 'h>),
}

impl<'h> Iterator for Matches<'_, 'h> {
    type Item = Match<'h>;

    fn next(&mut self) -> Option<Match<'h>> {
        let _timed = profile::step(self.regex);
        match &mut self.inner {
            MatchesInner::Ascii(it) => it.next().map(|m| Match::new(self.haystack, m.start(), m.end())),
            MatchesInner::Prebuilt(r, it) => prebuilt_next(r, it).map(|m| Match::new(self.haystack, m.start, m.end)),
            MatchesInner::Taken(it) => it.next(),
            MatchesInner::Unicode(it) => it.next().map(|m| Match::new(self.haystack, m.start(), m.end())),
        }
    }
}

/// The matches of [`Regex::captures_iter`].
pub struct CaptureMatches<'r, 'h> {
    regex: &'r Regex,
    haystack: &'h str,
    inner: CapturesInner<'r, 'h>,
}

enum CapturesInner<'r, 'h> {
    Ascii(meta::CapturesMatches<'r, 'h>),
    Prebuilt(&'r PrebuiltRegex, &'r Groups, Searcher<'h>),
    Symbols(std::vec::IntoIter<regex_automata::util::captures::Captures>, Arc<Vec<usize>>),
    Unicode(regex::CaptureMatches<'r, 'h>),
}

impl<'h> Iterator for CaptureMatches<'_, 'h> {
    type Item = Captures<'h>;

    fn next(&mut self) -> Option<Captures<'h>> {
        let _timed = profile::step(self.regex);
        let haystack = self.haystack;
        match &mut self.inner {
            CapturesInner::Ascii(it) => it.next().map(|c| Captures { haystack, inner: CapsInner::Ascii(c) }),
            CapturesInner::Prebuilt(r, groups, it) => prebuilt_next(r, it)
                .map(|m| Captures { haystack, inner: CapsInner::Ascii(groups.captures(haystack.as_bytes(), m)) }),
            CapturesInner::Symbols(it, ends) => {
                it.next().map(|c| Captures { haystack, inner: CapsInner::Symbols(c, Arc::clone(ends)) })
            }
            CapturesInner::Unicode(it) => it.next().map(|c| Captures { haystack, inner: CapsInner::Unicode(c) }),
        }
    }
}

/// The pieces of [`Regex::split`].
pub struct Split<'r, 'h> {
    finder: Matches<'r, 'h>,
    last: usize,
}

impl<'h> Iterator for Split<'_, 'h> {
    type Item = &'h str;

    fn next(&mut self) -> Option<&'h str> {
        let haystack = self.finder.haystack;
        match self.finder.next() {
            None => {
                if self.last > haystack.len() {
                    None
                } else {
                    let piece = &haystack[self.last..];
                    self.last = haystack.len() + 1;
                    Some(piece)
                }
            }
            Some(m) => {
                let piece = &haystack[self.last..m.start()];
                self.last = m.end();
                Some(piece)
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn characters_past_ascii_become_a_byte_no_ascii_text_holds() {
        assert_eq!(ascii_source(r"therapist['’]?s"), Some(r"therapist['\x80]?s".to_owned()));
        assert_eq!(ascii_source(r"[-\u{2013}\u{2014}]|\x{a0}|\u00D7"), Some(r"[-\x80\x80]|\x80|\x80".to_owned()));
        // An escaped backslash is not an escape; ASCII escapes stay; nothing to replace is None.
        assert_eq!(ascii_source(r"\\u{2013}\x41"), None);
        // These fold to ASCII letters under (?i).
        assert_eq!(ascii_source("(?i)\u{212a}m"), None);
        assert_eq!(ascii_source(r"(?i)\u{17f}"), None);
    }

    /// What makes a symbol's DEL reading exact: for the regex crate, no symbol folds to an ASCII
    /// letter, is a word character, a digit or white space, or ends a line.
    #[test]
    fn symbols_have_no_case_and_are_not_words_digits_or_space() {
        let any = regex::Regex::new(r"(?i)\w|\s|\d|\b|[a-z]|\n").expect("compiles");
        let mut symbols = 0;
        for c in (0x80..=0x10ffff).filter_map(char::from_u32).filter(|&c| is_symbol(c)) {
            symbols += 1;
            // The regex crate's own tables decide (a letter newer than them has no case there).
            assert!(!any.is_match(&c.to_string()), "{c:?}");
        }
        assert!(symbols > 5000, "{symbols}");
        assert!(is_symbol('\u{ae}') && is_symbol('\u{2192}') && is_symbol('\u{f0b7}'));
        assert!(!is_symbol('\u{e9}') && !is_symbol('\u{a0}') && !is_symbol('\u{fb01}') && !is_symbol('a'));
        // Patterns that could tell a symbol from DEL search as written; the symbols a pattern
        // names are kept out of the DEL reading.
        assert_eq!(symbols_it_names(r"(?i)\bphysical\s+therap(?:y|ist)\b[^.;]{0,80}"), Some(vec![]));
        assert_eq!(
            symbols_it_names(r"therapist['’]?s|[-\u{2013}\u{2014}]"),
            Some(vec![('\u{2019}', '\u{2019}'), ('\u{2013}', '\u{2013}'), ('\u{2014}', '\u{2014}')])
        );
        assert_eq!(symbols_it_names(r"[\u{2010}-\u{2015}]"), Some(vec![('\u{2010}', '\u{2015}')]));
        for p in [
            r"[[:ascii:]]",
            r"[\x00-\x7f]",
            r"\x7f",
            r"\p{P}",
            r"(?-u:\w)",
            r"(?i-u)a",
            "caf\u{e9}",
            r"[\x20-\u{ff}]",
            r"(?i)\u{212a}",
        ] {
            assert_eq!(symbols_it_names(p), None, "{p}");
        }
        let named = [('\u{2013}', '\u{2014}')];
        assert!(Symbols::of("a \u{ae} b", &named).is_some());
        assert!(Symbols::of("a \u{2013} b", &named).is_none());
    }

    /// What makes a word character's `_` reading exact: for the regex crate, each word
    /// character past ASCII read as `_` is a word character, no digit, not white space, and no
    /// ASCII letter or `_` matches it in any case; a pattern that names `_` (alone or in a range)
    /// keeps such text from this reading.
    #[test]
    fn word_characters_past_ascii_read_as_underscore() {
        let other = regex::Regex::new(r"(?i)\W|\s|\d|[a-z_]|\n").expect("compiles");
        let word = regex::Regex::new(r"^\w$").expect("compiles");
        let mut words = 0;
        for c in (0x80..=0x10ffff).filter_map(char::from_u32).filter(|&c| is_plain_word(c)) {
            words += 1;
            let s = c.to_string();
            assert!(word.is_match(&s) && !other.is_match(&s), "{c:?}");
        }
        assert!(words > 100_000, "{words}");
        assert!(
            is_plain_word('\u{e9}')
                && is_plain_word('\u{fb01}')
                && is_plain_word('\u{200d}')
                && is_plain_word('\u{301}')
        );
        assert!(
            !is_plain_word('\u{7c1}')
                && !is_plain_word('\u{17f}')
                && !is_plain_word('\u{ae}')
                && !is_plain_word('\u{a0}')
        );
        assert_eq!(symbols_it_names(r"[A-Za-z_]+"), Some(vec![('_', '_')]));
        assert_eq!(symbols_it_names(r"[ -~]|x_y"), Some(vec![('_', '_'), ('_', '_')]));
        assert_eq!(symbols_it_names(r"(?i)\bjos\w\b"), Some(vec![]));
        let s = Symbols::of("Jos\u{e9} \u{ae}", &[]).expect("the reading");
        assert_eq!((s.text.as_str(), s.ends.as_slice()), ("Jos_ \x7f", &[0, 1, 2, 3, 5, 6, 8][..]));
        assert!(Symbols::of("Jos\u{e9}", &[('_', '_')]).is_none());
        assert!(Symbols::of("\u{7c1}2", &[]).is_none(), "a digit past ASCII");
    }

    fn gate_words(pattern: &str) -> Option<Vec<Vec<String>>> {
        let ast = regex_syntax::ast::parse::Parser::new().parse(pattern).expect("parses");
        Gate::of_sets(gate_sets(&ast)).map(|g| {
            g.0.iter().map(|s| s.words.iter().map(|w| String::from_utf8_lossy(w).into_owned()).collect()).collect()
        })
    }

    /// A gate's words: runs of literal characters and each part of a concatenation give a set,
    /// an alternation the union of its branches' best; nothing from a part that may be absent or
    /// a class.
    #[test]
    fn gates_name_words_every_match_holds() {
        let words = |p| gate_words(p).unwrap_or_default();
        assert_eq!(
            words(r"(?i)\bwritten\s+(?:authori[sz]ation|approval)\b"),
            [vec!["written"], vec!["approval", "authori"]]
        );
        assert_eq!(words(r"(?i)\b(?:upheld|overturned)\b"), [["overturned", "upheld"]]);
        assert_eq!(words(r"(?:cat|dog)s?"), [["cat", "dog"]]);
        assert_eq!(words(r"(?:foo|)barn"), [["barn"]]);
        assert_eq!(words(r"(?i)caf\u{e9} society"), [[" society"], ["caf"]]);
        assert_eq!(words(r"(?:ab){2,}x+yz"), [["ab"], ["yz"]], "a part repeated at least once counts");
        for none in [r"x{0,3}yz?", r"[a-z]+", r"\d+\s*visits?|\d+", r"(?:abc)*", r"a|bc", "(?:visit|)"] {
            assert_eq!(gate_words(none), None, "{none}");
        }
        let gate = Gate(vec![Words::new(vec!["overturned".into(), "upheld".into()]), Words::new(vec!["item".into()])]);
        assert!(gate.is_match("Item 1: the decision is UPHELD."));
        assert!(gate.is_match("ITEM: Overturned"));
        assert!(!gate.is_match("The decision is upheld"), "a word of every set");
        assert!(!gate.is_match("Item 1 is uphel"));
        assert!(!gate.is_match(""));
    }

    /// A pattern that has not yet met a haystack holding one of its gate's words is not compiled;
    /// one that has is probed, and compiled in full only when a caller asks for the matches of a
    /// haystack the probe finds one in. (No unit test runs an audit, which turns probing off for
    /// the process: [`many_letters`].)
    #[test]
    fn a_pattern_is_compiled_only_once_a_text_may_match() {
        let r = Regex::new(r"(?i)\b(?:upheld|overturned)\b").expect("a pattern");
        assert!(!r.is_match("the treatment is medically necessary"));
        assert!(r.find("nothing here").is_none());
        assert!(r.0.probe.get().is_none() && r.0.ascii.get().is_none(), "ruled out without compiling");
        assert!(!r.is_match("upheldness, overturnedly"));
        assert!(r.is_match("It is UPHELD."));
        assert!(r.find("the upheldness").is_none());
        assert!(r.captures_iter("overturnedly").next().is_none());
        assert!(r.0.probe.get().is_some() && r.0.ascii.get().is_none(), "probed, not compiled in full");
        assert_eq!(r.find("It is Upheld.").map(|m| m.range()), Some(6..12));
        assert!(r.0.ascii.get().is_some());
        // Past its budget the gate stops asking and the probe is built; past the probe's, the
        // pattern compiles in full.
        let r = Regex::new(r"(?i)\bupheld\b").expect("a pattern");
        assert!(!r.is_match(&"x".repeat(GATE_BUDGET + 1)));
        assert!(!r.is_match("no"));
        assert!(r.0.probe.get().is_some() && r.0.ascii.get().is_none());
        assert!(!r.is_match(&"y".repeat(PROBE_BUDGET + 1)));
        assert!(!r.is_match("no"));
        assert!(r.0.ascii.get().is_some());
    }

    /// One of imrcheck's own patterns says whether a text matches, and where its matches lie, by
    /// its DFAs built at compile time, with nothing compiled; its groups, with its forward NFA
    /// alone.
    #[test]
    fn prebuilt_dfas_answer_whether_where_and_which_groups_before_the_full_form_is_compiled() {
        // One of imrcheck's own patterns, in the gate table, with DFAs built at compile time.
        let source = r"(?i)\b(?:left|remaining|remain|available|unused|outstanding)\b";
        assert!(
            matches!(prebuilt::prebuilt(source), Some(prebuilt::Prebuilt::Spans(_))),
            "the pattern has a forward and a reverse DFA"
        );
        let r = Regex::new(source).expect("a pattern");
        assert!(r.is_match("two visits remaining"));
        assert!(!r.is_match("the remainder of the visits"), "past the gate, no match");
        assert!(r.find("the remainder of the visits").is_none());
        let text = "two visits remaining; none left, Remain";
        let places = [11..20, 27..31, 33..39];
        // An audit elsewhere in this test process may have turned probing off for good.
        let probing = !is_many_letters();
        assert_eq!(r.find(text).map(|m| m.range()), Some(places[0].clone()));
        assert_eq!(r.find_iter(text).map(|m| m.range()).collect::<Vec<_>>(), places);
        if probing {
            assert!(r.0.probe.get().is_none() && r.0.ascii.get().is_none(), "answered by the prebuilt DFAs");
        }
        // A caller after the groups has them from the prebuilt DFAs' match and the pattern's
        // forward NFA alone.
        let r = Regex::new(r"(?i)\b(?P<n>\d{1,3})\s*[xX](?:$|[^A-Za-z0-9/])").expect("a pattern");
        assert!(matches!(prebuilt::prebuilt(r.as_str()), Some(prebuilt::Prebuilt::Spans(_))));
        let text = "acupuncture 6x, then 12 x weekly";
        let groups = |c: Captures<'_>| (c.get(0).map(|m| m.range()), c.name("n").map(|m| m.as_str().to_owned()));
        assert_eq!(r.captures(text).map(groups), Some((Some(12..15), Some("6".to_owned()))));
        assert_eq!(
            r.captures_iter(text).map(groups).collect::<Vec<_>>(),
            [(Some(12..15), Some("6".to_owned())), (Some(21..26), Some("12".to_owned()))]
        );
        if probing {
            assert!(r.0.groups.get().is_some() && r.0.ascii.get().is_none(), "the groups engine answered");
        }
        // A pattern of a user's is not in the table.
        assert!(prebuilt::prebuilt(r"(?i)\b(?:left|remaining|remain|leftover)\b").is_none());
    }

    /// A haystack that holds the words of only some branches is searched by the pattern without
    /// the others: groups keep their numbers and names, a branch that sets flags for the next
    /// stops it, and a haystack no branch can match is answered without compiling.
    #[test]
    fn branches_a_haystack_cannot_match_are_left_out() {
        let source = r"(?i)\b(?:(?P<a>alpha)\s+(\d+)|beta\s+(?P<b>\w+)|(?P<c>gamma|delta)\s+(\d+)|epsilon\s+zeta\s+eta\s+(?P<d>\d+))";
        let theirs = regex::Regex::new(source).expect("compiles");
        // Each haystack, and whether it is searched pruned: a form is made only when it keeps at
        // most half the pattern (here, one branch).
        let haystacks = [
            ("ALPHA 1", true),
            ("Gamma 12 and alpha 3", false),
            ("beta max, gamma 7", false),
            ("delta 4 delta 5", true),
            ("Epsilon zeta ETA 9", true),
            ("gamma x", true),
            ("beta 2", true),
        ];
        // Each by a pattern of its own, then all by one (whose forms serve later haystacks, until
        // they have cost about one compile of the whole).
        let shared = Regex::new(source).expect("a pattern");
        let fresh = haystacks.iter().map(|&(h, pruned)| (h, Some(pruned), Regex::new(source).expect("a pattern")));
        for (h, pruned, ours) in fresh.chain(haystacks.iter().map(|&(h, _)| (h, None, shared.clone()))) {
            let a: Vec<Vec<_>> =
                ours.captures_iter(h).map(|c| (0..7).map(|i| c.get(i).map(|m| m.range())).collect()).collect();
            let b: Vec<Vec<_>> =
                theirs.captures_iter(h).map(|c| (0..7).map(|i| c.get(i).map(|m| m.range())).collect()).collect();
            assert_eq!(a, b, "{h}");
            for name in ["a", "b", "c", "d"] {
                let a = ours.captures(h).and_then(|c| c.name(name)).map(|m| m.range());
                assert_eq!(a, theirs.captures(h).and_then(|c| c.name(name)).map(|m| m.range()), "{name} in {h}");
            }
            let whole = ours.0.ascii.get().is_some() || ours.0.probe.get().is_some();
            match pruned {
                Some(true) => assert!(!whole, "{h}: searched without compiling the whole pattern"),
                Some(false) => assert!(whole, "{h}: a form keeping more than half the pattern is not made"),
                None => {}
            }
        }
        // A thread that has read more than one letter compiles the whole pattern.
        std::thread::spawn(move || {
            letter_read();
            letter_read();
            let ours = Regex::new(source).expect("a pattern");
            assert!(ours.is_match("ALPHA 1"));
            assert!(ours.0.branches.get().is_none() && ours.0.probe.get().is_some(), "the whole pattern, probed");
        })
        .join()
        .expect("the second thread's checks pass");
        // Its gate passes ("alpha" and "beta" are in the pattern's words), no branch's does.
        let ours = Regex::new(r"(?i)\b(?:alpha\s+one|beta\s+two)").expect("a pattern");
        assert!(!ours.is_match("alpha beta"));
        let branches = ours.0.branches.get().and_then(Option::as_ref).expect("pruned");
        assert!(branches.forms.iter().all(|f| f.get().is_none()), "answered without compiling");
        // `(?i)` in a branch applies to the next: the alternation is not pruned.
        let ours = Regex::new(r"\b(?:abc(?i)def|ghi)").expect("a pattern");
        assert!(ours.is_match("GHI alone"));
        assert!(ours.0.branches.get().is_some_and(Option::is_none));
    }

    /// Every pruned form of every extractor pattern (for each set of branches the test's
    /// haystacks keep, up to sixteen sets a pattern) matches as the whole pattern does on the
    /// haystacks that keep those branches.
    #[test]
    fn every_pruned_form_matches_as_the_pattern_does() {
        let mut haystacks = fixture_run("fixtures/letters").haystacks.clone();
        haystacks.extend(fixture_run("fixtures/realistic").haystacks.iter().cloned());
        haystacks.retain(|h| h.is_ascii());
        haystacks.sort();
        haystacks.dedup();
        let mut sources = SOURCES.lock().map(|s| s.clone()).unwrap_or_default();
        sources.sort();
        sources.dedup();
        let (mut pruned, mut forms, mut compared) = (0, 0, 0);
        for source in &sources {
            let ours = Regex::new(source).expect("a pattern");
            let Some(ast) = ours.ast() else { continue };
            let Some(branches) = Branches::of(source, ast) else { continue };
            pruned += 1;
            let theirs = regex::Regex::new(source).expect("the pattern compiles");
            let n = theirs.captures_len();
            let mut by_keep: std::collections::BTreeMap<u128, Vec<&String>> = Default::default();
            for h in &haystacks {
                let keep = branches.keep(h);
                if keep != branches.all {
                    by_keep.entry(keep).or_default().push(h);
                }
            }
            for (keep, hs) in by_keep.into_iter().rev().take(16) {
                let form = Form::new(keep);
                let (Some(probe), Some(full)) = (form.probe(&branches, source, ast), form.full(&branches, source, ast))
                else {
                    panic!("{source:?} keeping {keep:b} does not compile")
                };
                forms += 1;
                for h in hs {
                    compared += 1;
                    let expected = theirs.is_match(h);
                    assert_eq!(probe.is_match(h).unwrap_or(expected), expected, "{source:?} keeping {keep:b} on {h:?}");
                    let a: Vec<Vec<_>> = full
                        .captures_iter(h.as_bytes())
                        .map(|c| (0..n).map(|i| c.get_group(i).map(|m| m.range())).collect())
                        .collect();
                    assert_eq!(a, groups_of(&theirs, h), "{source:?} keeping {keep:b} on {h:?}");
                    for name in theirs.capture_names().flatten() {
                        let mut caps = full.create_captures();
                        full.captures(h.as_bytes(), &mut caps);
                        let a = caps.get_group_by_name(name).map(|m| m.range());
                        let b = theirs.captures(h).and_then(|c| c.name(name)).map(|m| m.range());
                        assert_eq!(a, b, "{source:?} keeping {keep:b}: group {name} on {h:?}");
                    }
                }
            }
        }
        assert!(pruned > 20 && forms > 200 && compared > 20_000, "{pruned} patterns, {forms} forms, {compared} texts");
    }

    /// What checking the letters of a fixture directory gave: every line and sentence of them,
    /// and the patterns searched meanwhile.
    struct FixtureRun {
        haystacks: Vec<String>,
        searched: std::collections::BTreeSet<String>,
    }

    thread_local! {
        /// The sources of the patterns searched on this thread while a [`FixtureRun`] is made.
        static SEARCHED: std::cell::RefCell<Option<std::collections::BTreeSet<String>>> =
            const { std::cell::RefCell::new(None) };
    }

    /// A pattern is searched (see [`SEARCHED`]).
    pub(super) fn searched(source: &str) {
        SEARCHED.with(|s| {
            if let Some(set) = s.borrow_mut().as_mut().filter(|set| !set.contains(source)) {
                set.insert(source.to_owned());
            }
        });
    }

    /// Each match's groups by `regex::Regex`, as ranges, group by group.
    fn groups_of(regex: &regex::Regex, haystack: &str) -> Vec<Vec<Option<std::ops::Range<usize>>>> {
        let n = regex.captures_len();
        regex.captures_iter(haystack).map(|c| (0..n).map(|i| c.get(i).map(|m| m.range())).collect()).collect()
    }

    /// The letters of `dir` checked (so that the extractor's patterns are made, for [`SOURCES`]),
    /// once a test process: tests that read the same directory share the run.
    fn fixture_run(dir: &'static str) -> &'static FixtureRun {
        static RUNS: std::sync::Mutex<Vec<(&str, &FixtureRun)>> = std::sync::Mutex::new(Vec::new());
        let mut runs = RUNS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, run)) = runs.iter().find(|(d, _)| *d == dir) {
            return run;
        }
        SEARCHED.with(|s| *s.borrow_mut() = Some(Default::default()));
        let haystacks = checked_lines_and_sentences(dir);
        let searched = SEARCHED.with(|s| s.borrow_mut().take()).unwrap_or_default();
        let run: &'static FixtureRun = Box::leak(Box::new(FixtureRun { haystacks, searched }));
        runs.push((dir, run));
        run
    }

    /// Every line and sentence of the letters in `dir`, each letter checked first.
    fn checked_lines_and_sentences(dir: &str) -> Vec<String> {
        let rules = crate::rules::load_embedded().expect("the embedded rules load").rules;
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .expect("a fixture directory")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        let mut haystacks = Vec::new();
        for p in &paths {
            let bytes = std::fs::read(p).expect("readable");
            let report = crate::check_bytes(&p.display().to_string(), &bytes, &rules, &Default::default());
            assert!(report.errors.is_empty(), "{}: {:?}", p.display(), report.errors);
            let letter = crate::letter::Letter::from_bytes("x", &bytes).expect("a letter");
            haystacks.extend(letter.text.lines().map(str::to_owned));
            let flow = letter.whole();
            haystacks.extend(flow.sentences().iter().map(|&(a, b)| flow.as_str()[a..b].to_owned()));
        }
        haystacks
    }

    /// Every pattern made, so that a test can compare each with `regex::Regex`.
    pub(crate) static SOURCES: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

    /// Every pattern the extractor makes gives `regex::Regex`'s matches and groups, on every
    /// line and sentence of the seed letters, and on copies of them that are not ASCII.
    #[test]
    fn every_extractor_pattern_matches_as_regex_does() {
        let mut haystacks = fixture_run("fixtures/letters").haystacks.clone();
        // The same text with characters past ASCII in it: the patterns as written search it.
        let odd: Vec<String> = haystacks
            .iter()
            .step_by(7)
            .map(|h| h.replacen(' ', "\u{a0}", 1).replacen('e', "\u{e9}", 1).replacen('-', "\u{2013}", 1))
            .collect();
        haystacks.extend(odd);
        // Copies of every `step`th ASCII haystack, the `i`th marked with `marks[i % marks.len()]`
        // by `mark`, and at both ends when `i % ends == 0`.
        fn marked(
            haystacks: &[String],
            step: usize,
            marks: &[&str],
            ends: usize,
            mark: impl Fn(&str, &str) -> String,
        ) -> Vec<String> {
            let ascii = haystacks.iter().filter(|h| h.is_ascii()).step_by(step);
            ascii
                .enumerate()
                .map(|(i, h)| {
                    let m = marks[i % marks.len()];
                    let h = mark(h, m);
                    if i % ends == 0 {
                        format!("{m}{h}{m}")
                    } else {
                        h
                    }
                })
                .collect()
        }
        // With symbols only (read as DEL by the ASCII form): in words, between them, beside
        // digits and punctuation, in runs, and at either end.
        let symbols = [
            "\u{ae}", "\u{b0}", "\u{2192}", "\u{2022}", "\u{f0b7}", "\u{ad}", "\u{a7}", "\u{2026}", "\u{2019}",
            "\u{2013}",
        ];
        let symbols = marked(&haystacks, 3, &symbols, 2, |h, s| {
            let h = h.replacen(' ', &format!(" {s}"), 1).replacen(". ", &format!(".{s}{s} "), 1);
            h.replacen("al", &format!("a{s}l"), 1).replacen(|c: char| c.is_ascii_digit(), s, 1)
        });
        assert!(symbols.iter().all(|h| Symbols::of(h, &[]).is_some()), "the symbol copies take the DEL reading");
        haystacks.extend(symbols);
        // With word characters past ASCII (read as `_`), and symbols beside them: inside words,
        // as whole words, at either end, beside digits and underscores.
        let words = [
            "\u{e9}", "\u{f1}", "\u{fb01}", "\u{200d}", "e\u{301}", "\u{3b1}", "\u{4e2d}", "\u{434}", "\u{c2}",
            "\u{df}",
        ];
        let words = marked(&haystacks, 5, &words, 3, |h, w| {
            let h =
                h.replacen("e", w, 2).replacen(' ', &format!(" {w}{w} "), 1).replacen(". ", &format!(".{w}\u{ae} "), 1);
            h.replacen(|c: char| c.is_ascii_digit(), w, 1).replacen("_", w, 1)
        });
        assert!(words.iter().all(|h| Symbols::of(h, &[]).is_some()), "the word copies take the `_` reading");
        haystacks.extend(words);
        haystacks.sort();
        haystacks.dedup();
        let mut sources = SOURCES.lock().map(|s| s.clone()).unwrap_or_default();
        sources.sort();
        sources.dedup();
        assert!(sources.len() > 80, "the extractor's patterns were made: {}", sources.len());
        let (mut gated, mut ruled_out, mut probed, mut prebuilt_dfas, mut prebuilt_pairs) = (0, 0, 0, 0, 0);
        for source in &sources {
            let ours = Regex::new(source).expect("a pattern");
            let theirs = regex::Regex::new(source).expect("the pattern compiles");
            let n = theirs.captures_len();
            // The gate never rules out a text the pattern matches.
            if let Some(gate) = ours.gate() {
                gated += 1;
                for h in haystacks.iter().filter(|h| !gate.is_match(h)) {
                    ruled_out += 1;
                    assert!(!theirs.is_match(h), "{source:?} gated out {h:?}");
                }
            }
            // The probe answers whether there is a match as the pattern does.
            if let Some(probe) = ascii_hir(source, ours.ast()).and_then(Probe::new) {
                probed += 1;
                for h in haystacks.iter().filter(|h| h.is_ascii()) {
                    assert_eq!(probe.is_match(h), Some(theirs.is_match(h)), "{source:?} probed on {h:?}");
                }
            }
            // So does the DFA built at compile time, where there is one; and the pair of DFAs,
            // where there are two, finds the matches it finds.
            if let Some(built) = prebuilt::prebuilt(source) {
                use regex_automata::dfa::Automaton;
                prebuilt_dfas += 1;
                let groups = ascii_hir(source, ours.ast()).and_then(Groups::new);
                for h in haystacks.iter().filter(|h| h.is_ascii()) {
                    let found =
                        built.forward().try_search_fwd(&Input::new(h.as_bytes()).earliest(true)).map(|m| m.is_some());
                    assert_eq!(found, Ok(theirs.is_match(h)), "{source:?} by its prebuilt DFA on {h:?}");
                    if let prebuilt::Prebuilt::Spans(regex) = &built {
                        let a: Vec<_> = regex.find_iter(h.as_bytes()).map(|m| m.range()).collect();
                        let b: Vec<_> = theirs.find_iter(h).map(|m| m.range()).collect();
                        assert_eq!(a, b, "{source:?} by its prebuilt DFAs on {h:?}");
                        // And the groups engine, on each match they find, finds its groups.
                        if let Some(groups) = &groups {
                            let a: Vec<Vec<_>> = regex
                                .find_iter(h.as_bytes())
                                .map(|m| {
                                    let c = groups.captures(h.as_bytes(), m.range());
                                    (0..n).map(|i| c.get_group(i).map(|s| s.range())).collect()
                                })
                                .collect();
                            let b = groups_of(&theirs, h);
                            assert_eq!(a, b, "{source:?}: groups in the prebuilt DFAs' matches on {h:?}");
                        }
                    }
                }
                prebuilt_pairs += usize::from(matches!(built, prebuilt::Prebuilt::Spans(_)));
            }
            for h in &haystacks {
                let a: Vec<_> = ours.find_iter(h).map(|m| m.range()).collect();
                let b: Vec<_> = theirs.find_iter(h).map(|m| m.range()).collect();
                assert_eq!(a, b, "{source:?} on {h:?}");
                assert_eq!(ours.is_match(h), theirs.is_match(h), "{source:?} on {h:?}");
                let a: Vec<Vec<_>> =
                    ours.captures_iter(h).map(|c| (0..n).map(|i| c.get(i).map(|m| m.range())).collect()).collect();
                let b: Vec<Vec<_>> =
                    theirs.captures_iter(h).map(|c| (0..n).map(|i| c.get(i).map(|m| m.range())).collect()).collect();
                assert_eq!(a, b, "{source:?} groups on {h:?}");
                for name in theirs.capture_names().flatten() {
                    let a = ours.captures(h).and_then(|c| c.name(name)).map(|m| m.range());
                    let b = theirs.captures(h).and_then(|c| c.name(name)).map(|m| m.range());
                    assert_eq!(a, b, "{source:?} group {name} on {h:?}");
                }
            }
        }
        assert!(gated > sources.len() / 2 && ruled_out > 100_000, "{gated} gates, {ruled_out} texts ruled out");
        assert_eq!(probed, sources.len(), "every pattern has a probe");
        assert!(prebuilt_dfas > 100, "{prebuilt_dfas} patterns have a prebuilt DFA");
        assert!(prebuilt_pairs > 100, "{prebuilt_pairs} patterns have a pair of prebuilt DFAs");
    }

    /// The head of [`gates`]'s file, as the test below writes it.
    const GATES_HEAD: &str = r#"//! The gates ([`super::Gate`]) of imrcheck's own patterns and of their branches
//! ([`super::Branches`]), by their source: checking one letter asks a hundred patterns' gates,
//! and parsing each pattern to read its gate cost more than searching with it (issue 14). A pattern not listed (a user's vocabulary, a pattern changed
//! since the table was written) has its gate read from its syntax, as before. `build.rs` reads
//! the table's sources too, to build their DFAs at compile time (`super::prebuilt`).
//!
//! Written by the test `pattern::tests::the_gate_table_is_current`, which fails when the table
//! is not what the patterns' syntax gives; to write it again:
//! `IMRCHECK_WRITE_GATES=1 cargo test --lib the_gate_table_is_current`. Do not edit.

/// What the table knows of one pattern.
pub(super) struct Listed {
    /// Its gate's sets (none: it has no gate).
    pub sets: &'static [&'static [&'static str]],
    /// The branches of the alternation every match passes through that have a gate: each
    /// branch's place in it, its length in bytes, and its gate's sets (see `super::Branches`).
    pub branches: &'static [(usize, usize, &'static [&'static [&'static str]])],
    /// Whether every branch of that alternation has a gate.
    pub every_branch_gated: bool,
}

/// The patterns searched while checking the fixture letters (`fixtures/letters`,
/// `fixtures/realistic`), sorted by source.
pub(super) static GATES: &[(&str, Listed)] = &[
"#;

    /// The tail of [`gates`]'s file.
    const GATES_TAIL: &str = r#"];

/// What the table knows of the pattern `source`, when it lists it.
pub(super) fn listed(source: &str) -> Option<&'static Listed> {
    GATES.binary_search_by(|(s, _)| (*s).cmp(source)).ok().map(|i| &GATES[i].1)
}
"#;

    /// The table of gates is what the syntax of the patterns the extractor searches gives: every
    /// pattern listed has the gate its syntax gives, and every pattern searched while checking
    /// the fixture letters is listed.
    #[test]
    fn the_gate_table_is_current() {
        let mut searched = fixture_run("fixtures/letters").searched.clone();
        searched.extend(fixture_run("fixtures/realistic").searched.iter().cloned());
        assert!(searched.len() > 80, "the extractor's patterns were searched: {}", searched.len());
        let mut file = GATES_HEAD.to_owned();
        let written_sets = |sets: &[Vec<String>]| {
            let sets: Vec<String> = sets
                .iter()
                .map(|set| format!("&[{}]", set.iter().map(|w| format!("{w:?}")).collect::<Vec<_>>().join(", ")))
                .collect();
            format!("&[{}]", sets.join(", "))
        };
        // Each pattern's gate, its branches' gates, and whether every branch has one.
        type Read = (Vec<Vec<String>>, Vec<(usize, usize, Vec<Vec<String>>)>, bool);
        let read: Vec<(&String, Read)> = searched
            .iter()
            .filter_map(|source| {
                let ast = regex_syntax::ast::parse::Parser::new().parse(source).ok()?;
                let mut found = Vec::new();
                let every_branch_gated = gated_branches(&ast, &mut found);
                Some((source, (gate_sets(&ast), found, every_branch_gated)))
            })
            .collect();
        for (source, (sets, found, every_branch_gated)) in &read {
            let branches: Vec<String> =
                found.iter().map(|(place, len, sets)| format!("({place}, {len}, {})", written_sets(sets))).collect();
            file.push_str(&format!(
                "    ({source:?}, Listed {{ sets: {}, branches: &[{}], every_branch_gated: {every_branch_gated} }}),\n",
                written_sets(sets),
                branches.join(", "),
            ));
        }
        file.push_str(GATES_TAIL);
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/pattern/gates.rs");
        if std::env::var_os("IMRCHECK_WRITE_GATES").is_some() {
            std::fs::write(path, &file).expect("the table is written");
        }
        let written = std::fs::read_to_string(path).expect("the table is readable");
        let first_difference = written.lines().zip(file.lines()).position(|(a, b)| a != b);
        assert!(
            written == file,
            "src/pattern/gates.rs is not what the patterns give ({} lines written, {} wanted; the first to differ: \
             {:?}): write it again with `IMRCHECK_WRITE_GATES=1 cargo test --lib the_gate_table_is_current`",
            written.lines().count(),
            file.lines().count(),
            first_difference.map(|i| i + 1),
        );
        // What the table answers is what it lists, found by its search.
        for (source, (sets, found, every_branch_gated)) in &read {
            let listed = gates::listed(source).expect("listed");
            assert_eq!(&owned(listed.sets), sets, "{source:?}");
            assert_eq!(listed.every_branch_gated, *every_branch_gated, "{source:?}");
            let branches: Vec<_> = listed.branches.iter().map(|(p, l, sets)| (*p, *l, owned(sets))).collect();
            assert_eq!(&branches, found, "{source:?}");
        }
        assert!(gates::listed("(?i)not one of imrcheck's patterns").is_none());
    }
}
