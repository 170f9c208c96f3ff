//! Embeds the default rule set (`rules/*.yaml`) in the binary, and each file's content as JSON
//! too: the embedded rules are read from the JSON (a tenth of the time of the YAML, issue 14);
//! the YAML stays the source, what diagnostics and `rules export` show, and a test checks that
//! both read the same. It also writes the embedded set's digest (`rules::digest`), so that it is
//! not computed at every start.
//!
//! It also builds the DFAs and NFAs of imrcheck's own patterns (`src/pattern/prebuilt.rs`):
//! checking one letter then loads them rather than compiling the patterns (issue 14).
use std::{env, fs, path::Path};

#[path = "src/rules/digest.rs"]
mod digest;

#[path = "src/rules/id_scan.rs"]
mod id_scan;

#[path = "src/pattern/ascii.rs"]
mod ascii;

// Only the writing half and the configurations are used here.
#[allow(dead_code)]
#[path = "src/pattern/nfa_bytes.rs"]
mod nfa_bytes;

// Only the table's sources are read here.
#[allow(dead_code)]
#[path = "src/pattern/gates.rs"]
mod gates;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let out_dir = env::var("OUT_DIR").expect("OUT_DIR set by cargo");
    println!("cargo:rerun-if-changed={}", dir.display());
    println!("cargo:rerun-if-changed=src/rules/digest.rs");
    println!("cargo:rerun-if-changed=src/rules/id_scan.rs");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("rules/ directory exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    let mut out = String::from("&[\n");
    let mut json = String::from("&[\n");
    let mut lean = String::from("&[\n");
    let mut ids = String::from("&[\n");
    let mut texts = Vec::new();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().and_then(|n| n.to_str()).expect("utf-8 file name");
        out.push_str(&format!("    ({name:?}, include_str!({:?})),\n", f.display().to_string()));
        // A file that does not parse stays YAML only: loading it reports its error.
        let text = fs::read_to_string(f).expect("a rule file is UTF-8");
        if let Ok(mut value) = serde_yaml::from_str::<serde_yaml::Value>(&text) {
            // `value` as JSON in OUT_DIR/`file`, listed in `table` under the rule file's name.
            let twin = |value: &serde_yaml::Value, file: String, table: &mut String| {
                if let Ok(j) = serde_json::to_string(value) {
                    let dest = Path::new(&out_dir).join(file);
                    fs::write(&dest, j).expect("write the JSON of a rule file");
                    table.push_str(&format!("    ({name:?}, include_str!({:?})),\n", dest.display().to_string()));
                }
            };
            twin(&value, format!("{name}.json"), &mut json);
            if let Some(found) = value.get("rules").and_then(|_| id_scan::scan_ids(&text)) {
                ids.push_str(&format!("    ({name:?}, &{found:?}),\n"));
            }
            // The same without the rules' examples, which only `rules test` runs: checking
            // letters reads this one (issue 14: reading the examples was 6% of checking one
            // letter).
            if let Some(rules) = value.get_mut("rules").and_then(|r| r.as_sequence_mut()) {
                for rule in rules.iter_mut().filter_map(|r| r.as_mapping_mut()) {
                    rule.remove("examples");
                }
                twin(&value, format!("{name}.lean.json"), &mut lean);
            }
        }
        texts.push((name.to_owned(), text));
    }
    out.push(']');
    json.push(']');
    lean.push(']');
    ids.push(']');
    fs::write(Path::new(&out_dir).join("embedded_rules.rs"), out).expect("write embedded_rules.rs");
    fs::write(Path::new(&out_dir).join("embedded_json.rs"), json).expect("write embedded_json.rs");
    fs::write(Path::new(&out_dir).join("embedded_json_lean.rs"), lean).expect("write embedded_json_lean.rs");
    fs::write(Path::new(&out_dir).join("embedded_ids.rs"), ids).expect("write embedded_ids.rs");
    let digest = digest::of_named_files(texts.iter().map(|(n, t)| (n.clone(), t.as_str())));
    fs::write(Path::new(&out_dir).join("embedded_digest.rs"), format!("{digest:?}")).expect("write embedded_digest.rs");
    prebuilt_dfas(Path::new(&out_dir));
}

/// The largest DFA built, serialized (the sparse form). Past it the binary grows for little:
/// letter 003's `check` (M instructions, with pairs of DFAs and the groups engine) 81.0 with every
/// DFA up to 256 KB (5.3 MB in all), 76.2 up to 1 MB, 68.2 up to 2 MB (27 MB; the stripped
/// binary 17 -> 39 MB), 64.2 up to 8 MB (69 MB; stripped 81 MB). Lower it to trade `check`'s
/// cold start for a smaller binary: every pattern without a DFA is compiled at run time, as
/// before.
const MAX_DFA: usize = 2 << 20;

/// The largest DFA built in dense rather than sparse. A dense DFA finds each byte's next state
/// at its place in a row; a sparse one looks for the byte among its state's ranges, tens of
/// instructions a byte for the case-insensitive patterns (letter 003's `check`: 7.8 M of its
/// 35.4 M instructions searched 72 KB with sparse DFAs). A dense DFA is two to ten times the
/// sparse one's size, so only the small ones go in dense. Letter 003's `check` (M instructions;
/// median CPU ms of 50 runs; DFA bytes built in): all sparse 35.4, 11.0-11.5 ms, 27.8 MB; dense
/// up to 32 KB 32.6, 9.2-9.3 ms, 30.2 MB; up to 64 KB 32.1, 9.6 ms, 32.5 MB; up to 128 KB
/// 31.3, 9.3-10.7 ms, 35.5 MB (the larger tables' pages cost what their searches save).
const MAX_DENSE_KEPT: usize = 32 << 10;

/// The largest dense DFA built on the way to a sparse one: past it the pattern is given up
/// early rather than built (the dense DFAs of the patterns kept are at most 8.3 MB; the build
/// script spent most of its time on the ones that grow past this).
const MAX_DENSE: usize = 5 * MAX_DFA;

/// The sparse DFAs, for ASCII haystacks, of each pattern of the gate table
/// (`src/pattern/gates.rs`, imrcheck's own patterns) whose forward DFA has at most [`MAX_DFA`]
/// bytes, with its reverse DFA when that is as small: `prebuilt.bin`, the DFAs one after
/// another, and `prebuilt_index.rs`, each pattern's source and the ranges of its DFAs, sorted by
/// source. Built as `src/pattern/mod.rs` builds its probes: from the same ASCII syntax
/// (`ascii.rs`), without groups, unanchored, for the target's byte order. The patterns are
/// shared among threads (as many as Cargo's jobs): one thread took 27 s.
fn prebuilt_dfas(out_dir: &Path) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    println!("cargo:rerun-if-changed=src/pattern/gates.rs");
    println!("cargo:rerun-if-changed=src/pattern/ascii.rs");
    println!("cargo:rerun-if-changed=src/pattern/nfa_bytes.rs");
    let big_endian = env::var("CARGO_CFG_TARGET_ENDIAN").is_ok_and(|e| e == "big");
    let threads = env::var("NUM_JOBS")
        .ok()
        .and_then(|n| n.parse().ok())
        .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
        .unwrap_or(1)
        .clamp(1, 16);
    // Each thread takes the next pattern and keeps what it built with the pattern's place.
    let next = AtomicUsize::new(0);
    let mut built: Vec<(usize, Option<Pair>, Nfas)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some((source, _)) = gates::GATES.get(i) else { break mine };
                        // The pattern's ASCII syntax, for its DFAs and its NFAs alike.
                        let ast = regex_syntax::ast::parse::Parser::new().parse(source).ok();
                        let built = match ascii::ascii_hir(source, ast.as_ref()) {
                            Some(hir) => (pair(&hir, big_endian), nfas(&hir)),
                            None => (None, (None, None)),
                        };
                        mine.push((i, built.0, built.1));
                    }
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().expect("a DFA-building thread panicked")).collect()
    });
    built.sort_by_key(|(i, _, _)| *i);
    let mut bytes = Vec::new();
    let mut index = String::from("&[\n");
    let mut nfa_bytes = Vec::new();
    let mut nfa_index = String::from("&[\n");
    // The table is sorted by source (its own lookup relies on it), so the indexes are too.
    for ((source, _), (_, pair, nfas)) in gates::GATES.iter().zip(built) {
        let (groups, probe) = (place(&mut nfa_bytes, nfas.0.as_deref()), place(&mut nfa_bytes, nfas.1.as_deref()));
        nfa_index.push_str(&format!("    ({source:?}, {groups:?}, {probe:?}),\n"));
        let Some((forward, reverse)) = pair else { continue };
        let forward = place(&mut bytes, Some(&forward));
        let reverse = place(&mut bytes, reverse.as_deref());
        index.push_str(&format!("    ({source:?}, {forward:?}, {reverse:?}),\n"));
    }
    index.push(']');
    nfa_index.push(']');
    fs::write(out_dir.join("prebuilt.bin"), bytes).expect("write prebuilt.bin");
    fs::write(out_dir.join("prebuilt_index.rs"), index).expect("write prebuilt_index.rs");
    fs::write(out_dir.join("prebuilt_nfa.bin"), nfa_bytes).expect("write prebuilt_nfa.bin");
    fs::write(out_dir.join("prebuilt_nfa_index.rs"), nfa_index).expect("write prebuilt_nfa_index.rs");
}

/// `piece` put at the end of `bytes`, and the range it takes there (empty for none). Each piece
/// starts at a multiple of 8 bytes: a dense DFA is read in place as 32-bit words, from bytes
/// `prebuilt.rs` keeps aligned so.
fn place(bytes: &mut Vec<u8>, piece: Option<&[u8]>) -> (usize, usize) {
    bytes.resize(bytes.len().next_multiple_of(8), 0);
    let start = bytes.len();
    bytes.extend_from_slice(piece.unwrap_or_default());
    (start, bytes.len())
}

/// A pattern's NFAs as bytes (`nfa_bytes.rs`): the one its groups are found by, and the one its
/// probe is built from (`None` when it does not compile in its configuration).
type Nfas = (Option<Vec<u8>>, Option<Vec<u8>>);

/// The NFAs of one pattern's ASCII syntax `hir`, compiled as `src/pattern/mod.rs` compiles
/// them at run time.
fn nfas(hir: &regex_syntax::hir::Hir) -> Nfas {
    use regex_automata::nfa::thompson;
    let nfa = |config: thompson::Config| {
        thompson::Compiler::new().configure(config).build_from_hir(hir).ok().and_then(|n| nfa_bytes::to_bytes(&n))
    };
    (nfa(nfa_bytes::groups_config()), nfa(nfa_bytes::probe_config()))
}

/// A pattern's forward DFA and, when it has one as small, its reverse DFA, serialized.
type Pair = (Vec<u8>, Option<Vec<u8>>);

/// The DFAs of one pattern's ASCII syntax `hir`, `None` when its forward DFA is past [`MAX_DFA`].
fn pair(hir: &regex_syntax::hir::Hir, big_endian: bool) -> Option<Pair> {
    use regex_automata::{dfa::dense, nfa::thompson};
    let build = |reverse: bool| {
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new().utf8(false).which_captures(thompson::WhichCaptures::None).reverse(reverse),
            )
            .build_from_hir(hir)
            .ok()?;
        let mut config = dense::Config::new().minimize(false).dfa_size_limit(Some(MAX_DENSE));
        if reverse {
            // As `regex_automata::dfa::regex::Regex` builds the DFA that finds where a match
            // starts, from its end: anchored, every match kind.
            config = config
                .prefilter(None)
                .specialize_start_states(false)
                .start_kind(regex_automata::dfa::StartKind::Anchored)
                .match_kind(regex_automata::MatchKind::All);
        }
        let dense = dense::Builder::new().configure(config).build_from_nfa(&nfa).ok()?;
        // A small DFA goes in dense (`MAX_DENSE_KEPT`), the others sparse.
        if dense.write_to_len() <= MAX_DENSE_KEPT {
            let mut serialized = vec![0; dense.write_to_len()];
            let written = if big_endian {
                dense.write_to_big_endian(&mut serialized)
            } else {
                dense.write_to_little_endian(&mut serialized)
            };
            return written.ok().map(|_| serialized);
        }
        let sparse = dense.to_sparse().ok()?;
        let serialized = if big_endian { sparse.to_bytes_big_endian() } else { sparse.to_bytes_little_endian() };
        (serialized.len() <= MAX_DFA).then_some(serialized)
    };
    Some((build(false)?, build(true)))
}
