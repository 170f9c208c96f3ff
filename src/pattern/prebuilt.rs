//! DFAs of imrcheck's own patterns, built at compile time (`build.rs`): the issue-14 "building the
//! automata at compile time". Checking one letter asks a hundred patterns whether a sentence
//! matches; compiling each (parsing, translating, a Thompson NFA, a lazy DFA filled as it
//! searches) was most of `check`'s time. A pattern of the gate table ([`super::gates`]) whose
//! sparse DFA is small enough is built into the binary, and answers for ASCII haystacks
//! whether they match. Beside each such DFA a reverse one, when it is small enough too, finds
//! where a match starts from where it ends (as `regex_automata::dfa::regex::Regex` pairs them),
//! so that a caller after the matches' places needs nothing compiled either, and a caller
//! after their groups only the pattern's forward NFA, searched on each match (`super::Groups`),
//! which is built in too.
//!
//! Every pattern of the table has its two Thompson NFAs built in too ([`nfa`], as bytes:
//! [`super::nfa_bytes`]): the one with groups that `super::Groups` searches, and the one a
//! pattern's probe (a lazy DFA) is built from, which matters most for the patterns whose DFAs
//! are too big to build in. Reading one back is a fraction of compiling it: `check` of one
//! letter 61.8 -> 47.2 M instructions.
//!
//! Built from the same ASCII syntax as the run-time probe (`ascii.rs`, which `build.rs` reads
//! too), so they answer alike; a test compares each DFA with `regex::Regex` on the fixture
//! letters, and each NFA with the one compiled at run time, state for state.

use regex_automata::dfa::{dense, regex::Regex, sparse, Automaton, OverlappingState, StartError};
use regex_automata::util::{prefilter::Prefilter, primitives::StateID, start};
use regex_automata::{Anchored, HalfMatch, Input, MatchError, PatternID, PatternSet};

/// Each pattern's source and the ranges of [`BYTES`] that hold its forward DFA and its reverse
/// DFA (empty when it has none), sorted by source.
type Ranges = (usize, usize);
static INDEX: &[(&str, Ranges, Ranges)] = include!(concat!(env!("OUT_DIR"), "/prebuilt_index.rs"));

/// The DFAs, serialized for this target's byte order, one after another, each at a multiple of 8
/// bytes from the start.
static BYTES: &[u8] = &ALIGNED.bytes;

/// Bytes kept at an address that is a multiple of 8: a dense DFA is read in place as 32-bit
/// words.
#[repr(C)]
struct Aligned<B: ?Sized> {
    _align: [u64; 0],
    bytes: B,
}

static ALIGNED: &Aligned<[u8]> =
    &Aligned { _align: [], bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/prebuilt.bin")) };

/// Each pattern's source and the ranges of [`NFA_BYTES`] that hold its NFAs: the groups one and
/// the probe one (empty when it has none), sorted by source.
static NFA_INDEX: &[(&str, Ranges, Ranges)] = include!(concat!(env!("OUT_DIR"), "/prebuilt_nfa_index.rs"));

/// The NFAs ([`super::nfa_bytes`]), one after another.
static NFA_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/prebuilt_nfa.bin"));

/// Which of a pattern's NFAs.
#[derive(Clone, Copy)]
pub(super) enum Nfa {
    /// With every group ([`super::nfa_bytes::groups_config`]).
    Groups,
    /// Without groups, for a lazy DFA ([`super::nfa_bytes::probe_config`]).
    Probe,
}

/// The NFA of the pattern `source` compiled at compile time, as [`super::nfa_bytes`] says.
pub(super) fn nfa(source: &str, which: Nfa) -> Option<regex_automata::nfa::thompson::NFA> {
    let (groups, probe) = find(NFA_INDEX, source)?;
    let (start, end) = match which {
        Nfa::Groups => groups,
        Nfa::Probe => probe,
    };
    super::nfa_bytes::from_bytes(NFA_BYTES.get(start..end).filter(|b| !b.is_empty())?)
}

/// Whether the pattern `source` has NFAs built at compile time.
pub(super) fn has_nfa(source: &str) -> bool {
    find(NFA_INDEX, source).is_some()
}

/// The two ranges `index` (sorted by source) has for the pattern `source`.
fn find(index: &[(&str, Ranges, Ranges)], source: &str) -> Option<(Ranges, Ranges)> {
    let at = index.binary_search_by(|(s, _, _)| (*s).cmp(source)).ok()?;
    let (_, a, b) = index[at];
    Some((a, b))
}

/// What was built at compile time for one pattern. Boxed: a loaded DFA is 720 bytes, and every
/// pattern made holds a place for this.
pub(super) enum Prebuilt {
    /// Only the forward DFA: whether a haystack matches.
    Whether(Box<Dfa>),
    /// Both DFAs: where each match lies too.
    Spans(Box<Regex<Dfa>>),
}

/// A DFA built in: dense when it is small (`build.rs`'s `MAX_DENSE_KEPT`), its next state read
/// at its place in a row, else sparse, its next state looked for among a state's ranges (tens of
/// instructions a byte for a case-insensitive pattern).
#[derive(Debug, Clone)]
pub(super) enum Dfa {
    Dense(dense::DFA<&'static [u32]>),
    Sparse(sparse::DFA<&'static [u8]>),
}

/// The same method of the DFA held.
macro_rules! held {
    ($self:ident, $dfa:ident => $call:expr) => {
        match $self {
            Dfa::Dense($dfa) => $call,
            Dfa::Sparse($dfa) => $call,
        }
    };
}

// SAFETY: every method is the same method of the dense or sparse DFA held, regex-automata's own
// implementations of the trait; the searches too, so that each runs its own loop.
#[allow(unsafe_code)]
unsafe impl Automaton for Dfa {
    fn next_state(&self, current: StateID, input: u8) -> StateID {
        held!(self, d => d.next_state(current, input))
    }
    unsafe fn next_state_unchecked(&self, current: StateID, input: u8) -> StateID {
        // SAFETY: the caller's promise about `current` is passed on to the DFA it is a state of.
        held!(self, d => unsafe { d.next_state_unchecked(current, input) })
    }
    fn next_eoi_state(&self, current: StateID) -> StateID {
        held!(self, d => d.next_eoi_state(current))
    }
    fn start_state(&self, config: &start::Config) -> Result<StateID, StartError> {
        held!(self, d => d.start_state(config))
    }
    fn start_state_forward(&self, input: &Input<'_>) -> Result<StateID, MatchError> {
        held!(self, d => d.start_state_forward(input))
    }
    fn start_state_reverse(&self, input: &Input<'_>) -> Result<StateID, MatchError> {
        held!(self, d => d.start_state_reverse(input))
    }
    fn universal_start_state(&self, mode: Anchored) -> Option<StateID> {
        held!(self, d => d.universal_start_state(mode))
    }
    fn is_special_state(&self, id: StateID) -> bool {
        held!(self, d => d.is_special_state(id))
    }
    fn is_dead_state(&self, id: StateID) -> bool {
        held!(self, d => d.is_dead_state(id))
    }
    fn is_quit_state(&self, id: StateID) -> bool {
        held!(self, d => d.is_quit_state(id))
    }
    fn is_match_state(&self, id: StateID) -> bool {
        held!(self, d => d.is_match_state(id))
    }
    fn is_start_state(&self, id: StateID) -> bool {
        held!(self, d => d.is_start_state(id))
    }
    fn is_accel_state(&self, id: StateID) -> bool {
        held!(self, d => d.is_accel_state(id))
    }
    fn pattern_len(&self) -> usize {
        held!(self, d => d.pattern_len())
    }
    fn match_len(&self, id: StateID) -> usize {
        held!(self, d => d.match_len(id))
    }
    fn match_pattern(&self, id: StateID, index: usize) -> PatternID {
        held!(self, d => d.match_pattern(id, index))
    }
    fn has_empty(&self) -> bool {
        held!(self, d => d.has_empty())
    }
    fn is_utf8(&self) -> bool {
        held!(self, d => d.is_utf8())
    }
    fn is_always_start_anchored(&self) -> bool {
        held!(self, d => d.is_always_start_anchored())
    }
    fn accelerator(&self, id: StateID) -> &[u8] {
        held!(self, d => d.accelerator(id))
    }
    fn get_prefilter(&self) -> Option<&Prefilter> {
        held!(self, d => d.get_prefilter())
    }
    fn try_search_fwd(&self, input: &Input<'_>) -> Result<Option<HalfMatch>, MatchError> {
        held!(self, d => d.try_search_fwd(input))
    }
    fn try_search_rev(&self, input: &Input<'_>) -> Result<Option<HalfMatch>, MatchError> {
        held!(self, d => d.try_search_rev(input))
    }
    fn try_search_overlapping_fwd(&self, input: &Input<'_>, state: &mut OverlappingState) -> Result<(), MatchError> {
        held!(self, d => d.try_search_overlapping_fwd(input, state))
    }
    fn try_search_overlapping_rev(&self, input: &Input<'_>, state: &mut OverlappingState) -> Result<(), MatchError> {
        held!(self, d => d.try_search_overlapping_rev(input, state))
    }
    fn try_which_overlapping_matches(&self, input: &Input<'_>, patset: &mut PatternSet) -> Result<(), MatchError> {
        held!(self, d => d.try_which_overlapping_matches(input, patset))
    }
}

impl Dfa {
    /// The bytes of memory the DFA uses.
    #[cfg(test)]
    fn memory_usage(&self) -> usize {
        held!(self, d => d.memory_usage())
    }

    /// Whether it is dense.
    #[cfg(test)]
    fn is_dense(&self) -> bool {
        matches!(self, Dfa::Dense(_))
    }
}

impl Prebuilt {
    /// The forward DFA, which says whether a haystack matches.
    pub(super) fn forward(&self) -> &Dfa {
        match self {
            Prebuilt::Whether(dfa) => dfa,
            Prebuilt::Spans(regex) => regex.forward(),
        }
    }
}

/// What was built for the pattern `source`, when it has a DFA.
pub(super) fn prebuilt(source: &str) -> Option<Prebuilt> {
    let (forward, reverse) = find(INDEX, source)?;
    let forward = load(forward)?;
    Some(match load(reverse) {
        Some(reverse) => Prebuilt::Spans(Box::new(Regex::builder().build_from_dfas(forward, reverse))),
        None => Prebuilt::Whether(Box::new(forward)),
    })
}

/// The DFA in `range` of [`BYTES`]; `None` for an empty range.
fn load((start, end): Ranges) -> Option<Dfa> {
    if start == end {
        return None;
    }
    let bytes = BYTES.get(start..end)?;
    // Why unchecked: checking a DFA's transitions as it is loaded costs about 4 ns a byte, as
    // much as compiling the pattern saves (measured: no gain at all with the check).
    // SAFETY: `bytes` is exactly what `write_to_*_endian` (dense) or `to_bytes_*_endian`
    // (sparse) of this build's regex-automata (one version in Cargo.lock, for build script and
    // library alike) wrote, for this target's byte order, in `build.rs`; the header (label, which
    // tells dense from sparse, byte order, format version) and a dense DFA's alignment are still
    // checked; and a test loads every DFA with the full check (`every_prebuilt_dfa_loads_checked`).
    #[allow(unsafe_code)]
    let dense = unsafe { dense::DFA::from_bytes_unchecked(bytes) };
    if let Ok((dfa, _)) = dense {
        return Some(Dfa::Dense(dfa));
    }
    // SAFETY: as above; a sparse DFA has no alignment requirement.
    #[allow(unsafe_code)]
    let sparse = unsafe { sparse::DFA::from_bytes_unchecked(bytes) };
    sparse.ok().map(|(dfa, _)| Dfa::Sparse(dfa))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_prebuilt_dfa_loads_checked() {
        assert!(INDEX.len() > 100, "most of the gate table's patterns have a DFA: {}", INDEX.len());
        assert!(INDEX.windows(2).all(|w| w[0].0 < w[1].0), "the index is sorted by source");
        let mut end: usize = 0;
        let mut reversed = 0;
        let mut dense_count = 0;
        for &(source, forward, reverse) in INDEX {
            let reverse = (reverse.0 != reverse.1).then_some(reverse);
            for (start, stop) in std::iter::once(forward).chain(reverse) {
                assert_eq!(start, end.next_multiple_of(8), "{source:?}: the DFAs lie one after another");
                end = stop;
                let bytes = &BYTES[start..stop];
                let (checked, read) = match dense::DFA::from_bytes(bytes) {
                    Ok((dfa, read)) => (Dfa::Dense(dfa), read),
                    Err(_) => sparse::DFA::from_bytes(bytes)
                        .map(|(dfa, read)| (Dfa::Sparse(dfa), read))
                        .unwrap_or_else(|e| panic!("{source:?}: {e}")),
                };
                assert_eq!(read, stop - start, "{source:?}: the whole range is its DFA");
                let unchecked = load((start, stop)).expect("loads");
                assert_eq!(checked.memory_usage(), unchecked.memory_usage(), "{source:?}");
                assert_eq!(checked.is_dense(), unchecked.is_dense(), "{source:?}: read as the same kind");
                dense_count += usize::from(checked.is_dense());
            }
            reversed += usize::from(reverse.is_some());
        }
        assert_eq!(end, BYTES.len());
        assert!(reversed > 100, "most patterns have a reverse DFA too: {reversed}");
        assert!(dense_count > 50, "the small DFAs are dense: {dense_count}");
        assert!(prebuilt("(?i)not one of imrcheck's patterns").is_none());
    }

    /// Every NFA built at compile time is the one the pattern compiles to at run time, state
    /// for state, with the same groups and names: searches by either are the same searches.
    #[test]
    fn every_prebuilt_nfa_is_the_compiled_one() {
        use super::super::{ascii::ascii_hir, nfa_bytes};
        use regex_automata::nfa::thompson::{Compiler, Config, NFA};
        assert!(NFA_INDEX.windows(2).all(|w| w[0].0 < w[1].0), "the index is sorted by source");
        let (mut groups, mut probes) = (0, 0);
        let names = |nfa: &NFA| -> Vec<Option<String>> {
            nfa.group_info().all_names().map(|(_, _, name)| name.map(str::to_owned)).collect()
        };
        for &(source, _, _) in NFA_INDEX {
            let ast = regex_syntax::ast::parse::Parser::new().parse(source).ok();
            let hir = ascii_hir(source, ast.as_ref()).expect("a pattern with NFAs has an ASCII form");
            let compiled = |config: Config| Compiler::new().configure(config).build_from_hir(&hir).ok();
            for (which, config, count) in [
                (Nfa::Groups, nfa_bytes::groups_config(), &mut groups),
                (Nfa::Probe, nfa_bytes::probe_config(), &mut probes),
            ] {
                let (built, compiled) = (nfa(source, which), compiled(config));
                assert_eq!(built.is_some(), compiled.is_some(), "{source:?}: built exactly when it compiles");
                let (Some(built), Some(compiled)) = (built, compiled) else { continue };
                *count += 1;
                assert_eq!(format!("{built:?}"), format!("{compiled:?}"), "{source:?}: the same states");
                assert_eq!(names(&built), names(&compiled), "{source:?}: the same groups");
                let properties =
                    |n: &NFA| format!("{:?}", (n.has_capture(), n.has_empty(), n.look_set_any(), n.byte_classes()));
                assert_eq!(properties(&built), properties(&compiled), "{source:?}: the same properties");
                assert_eq!(nfa_bytes::to_bytes(&built), nfa_bytes::to_bytes(&compiled), "{source:?}: round trip");
            }
        }
        assert!(groups > 150 && probes > 150, "most patterns have both NFAs: {groups}, {probes}");
        assert!(nfa("(?i)not one of imrcheck's patterns", Nfa::Probe).is_none());
        assert!(nfa_bytes::from_bytes(&[1, 2, 3]).is_none() && nfa_bytes::from_bytes(&[]).is_none());
    }
}
