//! DFAs of imrcheck's own patterns, built at compile time (`build.rs`): the issue-14 "building the
//! automata at compile time". Checking one letter asks a hundred patterns whether a sentence
//! matches; compiling each (parsing, translating, a Thompson NFA, a lazy DFA filled as it
//! searches) was most of `check`'s time. A pattern of the gate table ([`super::gates`]) whose
//! sparse DFA is small enough is built into the binary, and answers for ASCII haystacks
//! whether they match. Beside each such DFA a reverse one, when it is small enough too, finds
//! where a match starts from where it ends (as `regex_automata::dfa::regex::Regex` pairs them),
//! so that a caller after the matches' places needs nothing compiled either, and a caller
//! after their groups only the pattern's forward NFA, searched on each match (`super::Groups`).
//!
//! Built from the same ASCII syntax as the run-time probe (`ascii.rs`, which `build.rs` reads
//! too), so they answer alike; a test compares each with `regex::Regex` on the fixture letters.

use regex_automata::dfa::{regex::Regex, sparse::DFA};

/// Each pattern's source and the ranges of [`BYTES`] that hold its forward DFA and its reverse
/// DFA (empty when it has none), sorted by source.
type Ranges = (usize, usize);
static INDEX: &[(&str, Ranges, Ranges)] = include!(concat!(env!("OUT_DIR"), "/prebuilt_index.rs"));

/// The DFAs, serialized for this target's byte order, one after another.
static BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/prebuilt.bin"));

/// What was built at compile time for one pattern. Boxed: a loaded DFA is 720 bytes, and every
/// pattern made holds a place for this.
pub(super) enum Prebuilt {
    /// Only the forward DFA: whether a haystack matches.
    Whether(Box<DFA<&'static [u8]>>),
    /// Both DFAs: where each match lies too.
    Spans(Box<Regex<DFA<&'static [u8]>>>),
}

impl Prebuilt {
    /// The forward DFA, which says whether a haystack matches.
    pub(super) fn forward(&self) -> &DFA<&'static [u8]> {
        match self {
            Prebuilt::Whether(dfa) => dfa,
            Prebuilt::Spans(regex) => regex.forward(),
        }
    }
}

/// What was built for the pattern `source`, when it has a DFA.
pub(super) fn prebuilt(source: &str) -> Option<Prebuilt> {
    let at = INDEX.binary_search_by(|(s, _, _)| (*s).cmp(source)).ok()?;
    let (_, forward, reverse) = INDEX[at];
    let forward = load(forward)?;
    Some(match load(reverse) {
        Some(reverse) => Prebuilt::Spans(Box::new(Regex::builder().build_from_dfas(forward, reverse))),
        None => Prebuilt::Whether(Box::new(forward)),
    })
}

/// The DFA in `range` of [`BYTES`]; `None` for an empty range.
fn load((start, end): Ranges) -> Option<DFA<&'static [u8]>> {
    if start == end {
        return None;
    }
    let bytes = BYTES.get(start..end)?;
    // Why unchecked: checking a DFA's transitions as it is loaded costs about 4 ns a byte, as
    // much as compiling the pattern saves (measured: no gain at all with the check).
    // SAFETY: `bytes` is exactly what `to_bytes_*_endian` of this build's regex-automata (one
    // version in Cargo.lock, for build script and library alike) wrote for a sparse DFA, for
    // this target's byte order, in `build.rs`; the header (label, byte order, format version)
    // is still checked; and a test loads every DFA with the full check
    // (`every_prebuilt_dfa_loads_checked`). A sparse DFA has no alignment requirement.
    #[allow(unsafe_code)]
    let loaded = unsafe { DFA::from_bytes_unchecked(bytes) };
    loaded.ok().map(|(dfa, _)| dfa)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_prebuilt_dfa_loads_checked() {
        assert!(INDEX.len() > 100, "most of the gate table's patterns have a DFA: {}", INDEX.len());
        assert!(INDEX.windows(2).all(|w| w[0].0 < w[1].0), "the index is sorted by source");
        let mut end = 0;
        let mut reversed = 0;
        for &(source, forward, reverse) in INDEX {
            let reverse = (reverse.0 != reverse.1).then_some(reverse);
            for (start, stop) in std::iter::once(forward).chain(reverse) {
                assert_eq!(start, end, "{source:?}: the DFAs lie one after another");
                end = stop;
                let (checked, read) =
                    DFA::from_bytes(&BYTES[start..stop]).unwrap_or_else(|e| panic!("{source:?}: {e}"));
                assert_eq!(read, stop - start, "{source:?}: the whole range is its DFA");
                let unchecked = load((start, stop)).expect("loads");
                assert_eq!(checked.memory_usage(), unchecked.memory_usage(), "{source:?}");
            }
            reversed += usize::from(reverse.is_some());
        }
        assert_eq!(end, BYTES.len());
        assert!(reversed > 100, "most patterns have a reverse DFA too: {reversed}");
        assert!(prebuilt("(?i)not one of imrcheck's patterns").is_none());
    }
}
