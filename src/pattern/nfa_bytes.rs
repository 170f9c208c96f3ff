//! Thompson NFAs as bytes: `build.rs` compiles the NFAs of imrcheck's own patterns and writes
//! them with [`to_bytes`]; checking one letter reads them back with [`from_bytes`] instead of
//! parsing, translating and compiling each pattern it needs groups or a probe of (issue 14:
//! those compilations were about a fifth of `check`'s instructions). regex-automata serializes
//! DFAs but not NFAs; its NFA builder takes states one by one, so the states are written in
//! order and added back in the same order: every state keeps its identifier, and the NFA built
//! is the compiled one, state for state (a test compares the two for every pattern).
//!
//! Read by `build.rs` too (`#[path]`), which is why it depends on regex-automata alone. The
//! configurations are here so that both compile the same NFAs.

use regex_automata::nfa::thompson::{self, State, Transition, NFA};
use regex_automata::util::look::Look;
use regex_automata::util::primitives::{PatternID, StateID};
use std::sync::Arc;

/// The most memory an NFA compiled at run time may take (past it the pattern is searched as
/// written, by `regex::Regex`).
pub const NFA_SIZE_LIMIT: usize = 10 * (1 << 20);

/// The NFA a pattern's groups are found by (`Groups`): every group, forward.
pub fn groups_config() -> thompson::Config {
    thompson::Config::new().utf8(false).nfa_size_limit(Some(NFA_SIZE_LIMIT))
}

/// The NFA a pattern's probe (a lazy DFA: whether a haystack matches) is built from: no groups.
pub fn probe_config() -> thompson::Config {
    thompson::Config::new()
        .utf8(false)
        .nfa_size_limit(Some(NFA_SIZE_LIMIT))
        .shrink(false)
        .which_captures(thompson::WhichCaptures::None)
}

// The tags of the states' kinds.
const BYTE_RANGE: u32 = 0;
const SPARSE: u32 = 1;
const LOOK: u32 = 2;
const CAPTURE_START: u32 = 3;
const CAPTURE_END: u32 = 4;
const UNION: u32 = 5;
const FAIL: u32 = 6;
const MATCH: u32 = 7;
/// A group without a name, where a name's length would be.
const UNNAMED: u32 = u32::MAX;

/// `nfa` as bytes (numbers as little-endian u32s; a transition as its range's two bytes and
/// its state's u32). `None` for an NFA imrcheck does not compile at run time (of several
/// patterns, reverse, or matching only UTF-8) or with a state the builder does not take (a
/// dense one, which the compiler does not make). Only `build.rs` and tests write NFAs.
#[cfg_attr(not(test), allow(dead_code))]
pub fn to_bytes(nfa: &NFA) -> Option<Vec<u8>> {
    if nfa.pattern_len() != 1 || nfa.is_reverse() || nfa.is_utf8() {
        return None;
    }
    let pid = PatternID::ZERO;
    let mut out = Vec::new();
    let id = |s: StateID| s.as_u32();
    put(&mut out, u32::try_from(nfa.states().len()).ok()?);
    put(&mut out, id(nfa.start_anchored()));
    put(&mut out, id(nfa.start_unanchored()));
    put(&mut out, id(nfa.start_pattern(pid)?));
    let infos = nfa.group_info();
    for state in nfa.states() {
        match state {
            State::ByteRange { trans } => {
                put(&mut out, BYTE_RANGE);
                put_transition(&mut out, trans);
            }
            State::Sparse(sparse) => {
                put(&mut out, SPARSE);
                put(&mut out, u32::try_from(sparse.transitions.len()).ok()?);
                sparse.transitions.iter().for_each(|t| put_transition(&mut out, t));
            }
            State::Dense(_) => return None,
            State::Look { look, next } => {
                put(&mut out, LOOK);
                put(&mut out, look.as_repr());
                put(&mut out, id(*next));
            }
            State::Capture { next, pattern_id, group_index, slot } => {
                let start = infos.slot(*pattern_id, group_index.as_usize())? == slot.as_usize();
                put(&mut out, if start { CAPTURE_START } else { CAPTURE_END });
                put(&mut out, id(*next));
                put(&mut out, group_index.as_u32());
                if start {
                    match infos.to_name(*pattern_id, group_index.as_usize()) {
                        Some(name) => {
                            put(&mut out, u32::try_from(name.len()).ok()?);
                            out.extend_from_slice(name.as_bytes());
                        }
                        None => put(&mut out, UNNAMED),
                    }
                }
            }
            State::BinaryUnion { alt1, alt2 } => {
                put(&mut out, UNION);
                put(&mut out, 2);
                put(&mut out, id(*alt1));
                put(&mut out, id(*alt2));
            }
            State::Union { alternates } => {
                put(&mut out, UNION);
                put(&mut out, u32::try_from(alternates.len()).ok()?);
                alternates.iter().for_each(|a| put(&mut out, id(*a)));
            }
            State::Fail => put(&mut out, FAIL),
            State::Match { .. } => put(&mut out, MATCH),
        }
    }
    Some(out)
}

#[cfg_attr(not(test), allow(dead_code))]
fn put(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

#[cfg_attr(not(test), allow(dead_code))]
fn put_transition(out: &mut Vec<u8>, t: &Transition) {
    out.extend_from_slice(&[t.start, t.end]);
    put(out, t.next.as_u32());
}

/// The NFA [`to_bytes`] wrote; `None` when `bytes` are not such an NFA.
pub fn from_bytes(bytes: &[u8]) -> Option<NFA> {
    let mut r = Reader { rest: bytes, states: 0 };
    r.states = r.number()?;
    let (start_anchored, start_unanchored, start_pattern) = (r.state()?, r.state()?, r.state()?);
    let mut b = thompson::Builder::new();
    b.set_utf8(false);
    b.start_pattern().ok()?;
    for _ in 0..r.states {
        match r.number()? {
            BYTE_RANGE => b.add_range(r.transition()?),
            SPARSE => {
                let n = r.number()?;
                let transitions = (0..n).map(|_| r.transition()).collect::<Option<Vec<_>>>()?;
                b.add_sparse(transitions)
            }
            LOOK => {
                let look = Look::from_repr(r.number()?)?;
                b.add_look(r.state()?, look)
            }
            CAPTURE_START => {
                let (next, group) = (r.state()?, r.number()?);
                let name = match r.number()? {
                    UNNAMED => None,
                    n => Some(Arc::from(std::str::from_utf8(r.take(usize::try_from(n).ok()?)?).ok()?)),
                };
                b.add_capture_start(next, group, name)
            }
            CAPTURE_END => {
                let (next, group) = (r.state()?, r.number()?);
                b.add_capture_end(next, group)
            }
            UNION => {
                let n = r.number()?;
                let alternates = (0..n).map(|_| r.state()).collect::<Option<Vec<_>>>()?;
                b.add_union(alternates)
            }
            FAIL => b.add_fail(),
            MATCH => b.add_match(),
            _ => return None,
        }
        .ok()?;
    }
    b.finish_pattern(start_pattern).ok()?;
    // Every state the builder took is one of the NFA's, in order: identifiers are kept only if
    // none was dropped or merged, which the count checks.
    let nfa = b.build(start_anchored, start_unanchored).ok()?;
    (r.rest.is_empty() && nfa.states().len() == usize::try_from(r.states).ok()?).then_some(nfa)
}

/// The bytes left to read, of an NFA of `states` states.
struct Reader<'b> {
    rest: &'b [u8],
    states: u32,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let (taken, rest) = self.rest.split_at_checked(n)?;
        self.rest = rest;
        Some(taken)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (taken, rest) = self.rest.split_first_chunk::<N>()?;
        self.rest = rest;
        Some(*taken)
    }

    fn number(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }

    /// A state's identifier; `None` past the last state (the builder would panic on it).
    fn state(&mut self) -> Option<StateID> {
        let n = self.number().filter(|&n| n < self.states)?;
        StateID::new(usize::try_from(n).ok()?).ok()
    }

    fn transition(&mut self) -> Option<Transition> {
        let [start, end, a, b, c, d] = self.array()?;
        let n = u32::from_le_bytes([a, b, c, d]);
        let next = StateID::new(usize::try_from(n).ok().filter(|_| n < self.states)?).ok()?;
        Some(Transition { start, end, next })
    }
}
