//! Embeds the default rule set (`rules/*.yaml`) in the binary, and each file's content as JSON
//! too: the embedded rules are read from the JSON (a tenth of the time of the YAML, issue 14);
//! the YAML stays the source, what diagnostics and `rules export` show, and a test checks that
//! both read the same. It also writes the embedded set's digest (`rules::digest`), so that it is
//! not computed at every start.
//!
//! It also builds the DFAs of imrcheck's own patterns (`src/pattern/prebuilt.rs`): checking one
//! letter then loads them rather than compiling the patterns (issue 14).
use std::{env, fs, path::Path};

#[path = "src/rules/digest.rs"]
mod digest;

#[path = "src/pattern/ascii.rs"]
mod ascii;

// Only the table's sources are read here.
#[allow(dead_code)]
#[path = "src/pattern/gates.rs"]
mod gates;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let out_dir = env::var("OUT_DIR").expect("OUT_DIR set by cargo");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("rules/ directory exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    let mut out = String::from("&[\n");
    let mut json = String::from("&[\n");
    let mut texts = Vec::new();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().and_then(|n| n.to_str()).expect("utf-8 file name");
        out.push_str(&format!("    ({name:?}, include_str!({:?})),\n", f.display().to_string()));
        // A file that does not parse stays YAML only: loading it reports its error.
        let text = fs::read_to_string(f).expect("a rule file is UTF-8");
        if let Some(j) =
            serde_yaml::from_str::<serde_yaml::Value>(&text).ok().and_then(|v| serde_json::to_string(&v).ok())
        {
            let dest = Path::new(&out_dir).join(format!("{name}.json"));
            fs::write(&dest, j).expect("write the JSON of a rule file");
            json.push_str(&format!("    ({name:?}, include_str!({:?})),\n", dest.display().to_string()));
        }
        texts.push((name.to_owned(), text));
    }
    out.push(']');
    json.push(']');
    fs::write(Path::new(&out_dir).join("embedded_rules.rs"), out).expect("write embedded_rules.rs");
    fs::write(Path::new(&out_dir).join("embedded_json.rs"), json).expect("write embedded_json.rs");
    let digest = digest::of_named_files(texts.iter().map(|(n, t)| (n.clone(), t.as_str())));
    fs::write(Path::new(&out_dir).join("embedded_digest.rs"), format!("{digest:?}")).expect("write embedded_digest.rs");
    prebuilt_dfas(Path::new(&out_dir));
}

/// The largest DFA built, serialized (the sparse form): past it, loading a DFA saves little
/// more than compiling the pattern at run time costs, and the binary grows (every pattern of
/// the gate table up to this size: 160 of 208, 4.3 MB; letter 003's `check` 97.9 M instructions
/// with them, 97.6 M with every DFA up to 1 MB, 8.6 MB).
const MAX_DFA: usize = 256 << 10;

/// The sparse DFA, for ASCII haystacks, of each pattern of the gate table (`src/pattern/gates.rs`,
/// imrcheck's own patterns) that has one of at most [`MAX_DFA`] bytes: `prebuilt.bin`, the DFAs
/// one after another, and `prebuilt_index.rs`, each pattern's source and the range of its DFA,
/// sorted by source. Built as `src/pattern/mod.rs` builds its probes: from the same ASCII syntax
/// (`ascii.rs`), without groups, unanchored, for the target's byte order.
fn prebuilt_dfas(out_dir: &Path) {
    use regex_automata::{dfa::dense, nfa::thompson};
    println!("cargo:rerun-if-changed=src/pattern/gates.rs");
    println!("cargo:rerun-if-changed=src/pattern/ascii.rs");
    let big_endian = env::var("CARGO_CFG_TARGET_ENDIAN").is_ok_and(|e| e == "big");
    let mut bytes = Vec::new();
    let mut index = String::from("&[\n");
    // The table is sorted by source (its own lookup relies on it), so the index is too.
    for (source, _) in gates::GATES {
        let ast = regex_syntax::ast::parse::Parser::new().parse(source).ok();
        let Some(hir) = ascii::ascii_hir(source, ast.as_ref()) else { continue };
        let nfa = thompson::Compiler::new()
            .configure(thompson::Config::new().utf8(false).which_captures(thompson::WhichCaptures::None))
            .build_from_hir(&hir);
        // A dense DFA far past the sparse one's limit is given up early rather than built.
        let config = dense::Config::new().minimize(false).dfa_size_limit(Some(8 * MAX_DFA));
        let Some(dfa) = nfa.ok().and_then(|nfa| dense::Builder::new().configure(config).build_from_nfa(&nfa).ok())
        else {
            continue;
        };
        let Ok(sparse) = dfa.to_sparse() else { continue };
        let serialized = if big_endian { sparse.to_bytes_big_endian() } else { sparse.to_bytes_little_endian() };
        if serialized.len() > MAX_DFA {
            continue;
        }
        let forward = (bytes.len(), bytes.len() + serialized.len());
        bytes.extend_from_slice(&serialized);
        // The reverse DFA that finds where a match starts, from its end: built as
        // `regex_automata::dfa::regex::Regex` builds its own (anchored, every match kind).
        let reverse = thompson::Compiler::new()
            .configure(thompson::Config::new().utf8(false).which_captures(thompson::WhichCaptures::None).reverse(true))
            .build_from_hir(&hir)
            .ok()
            .and_then(|nfa| {
                let config = dense::Config::new()
                    .minimize(false)
                    .dfa_size_limit(Some(8 * MAX_DFA))
                    .prefilter(None)
                    .specialize_start_states(false)
                    .start_kind(regex_automata::dfa::StartKind::Anchored)
                    .match_kind(regex_automata::MatchKind::All);
                dense::Builder::new().configure(config).build_from_nfa(&nfa).ok()
            })
            .and_then(|dfa| dfa.to_sparse().ok())
            .map(|sparse| if big_endian { sparse.to_bytes_big_endian() } else { sparse.to_bytes_little_endian() })
            .filter(|serialized| serialized.len() <= MAX_DFA);
        let reverse = match reverse {
            Some(serialized) => {
                let at = (bytes.len(), bytes.len() + serialized.len());
                bytes.extend_from_slice(&serialized);
                at
            }
            None => (0, 0),
        };
        index.push_str(&format!("    ({source:?}, {forward:?}, {reverse:?}),\n"));
    }
    index.push(']');
    fs::write(out_dir.join("prebuilt.bin"), bytes).expect("write prebuilt.bin");
    fs::write(out_dir.join("prebuilt_index.rs"), index).expect("write prebuilt_index.rs");
}
