//! Rules: load YAML rule files (embedded defaults or a directory), validate them into a
//! [`RuleSet`], and report every problem as a located diagnostic.
//!
//! `raw` holds the file format, `source` finds where values sit in a file, `validate` turns raw
//! rules into the model and collects problems, `model` is what the engine uses.

mod digest;
pub mod examples;
mod id_scan;
pub mod model;
pub mod raw;
pub mod source;
pub mod validate;

pub use model::{Rule, RuleSet};

use crate::diagnostics::{RuleProblem, RuleSource, RulesError};
use crate::vocab::{Lexicon, Vocabulary};
use std::path::Path;

/// The default rule set, embedded at build time from `rules/`.
pub const EMBEDDED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

/// Each embedded file's content as JSON, made from its YAML at build time (`build.rs`): read in
/// a tenth of the time (issue 14). A test checks that both give the same.
const EMBEDDED_JSON: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_json.rs"));

/// The [`digest`] of the embedded files, computed at build time (`build.rs`); a test checks it
/// against the digest computed at run time.
const EMBEDDED_DIGEST: &str = include!(concat!(env!("OUT_DIR"), "/embedded_digest.rs"));

/// Each embedded rule file's JSON twin without the rules' examples (`build.rs`), for a load
/// that leaves them out ([`Examples::EmbeddedLeftOut`]).
const EMBEDDED_JSON_LEAN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_json_lean.rs"));

/// Whether a load reads the rules' examples.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Examples {
    /// Every file's examples are read and validated.
    Read,
    /// The embedded files' examples are left out (their rules have none): only `rules test`
    /// runs examples, and the embedded ones are checked by the tests.
    EmbeddedLeftOut,
}

/// Each embedded rule file's rules' `id` keys and values, found at build time
/// ([`id_scan::scan_ids`]).
const EMBEDDED_IDS: &[(&str, &[id_scan::IdSpans])] = include!(concat!(env!("OUT_DIR"), "/embedded_ids.rs"));

/// What `table` (one of the embedded files' tables) holds for the file `name`.
fn by_name<T: Copy>(table: &[(&str, T)], name: &str) -> Option<T> {
    table.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
}

/// The name of the embedded file `source` is, when it is one: its name and its very text.
fn embedded_name(source: &RuleSource) -> Option<&str> {
    let name = source.name.strip_prefix("<embedded>/")?;
    (by_name(EMBEDDED, name)? == &*source.text).then_some(name)
}

/// Where the rules' ids are written in an embedded file, when `source` is one.
pub(crate) fn embedded_ids(source: &RuleSource) -> Option<&'static [id_scan::IdSpans]> {
    by_name(EMBEDDED_IDS, embedded_name(source)?)
}

/// The JSON twin of an embedded file, when `source` is one: its name and its very text. The
/// twin without examples when `examples` leaves them out.
pub(crate) fn embedded_json(source: &RuleSource, examples: Examples) -> Option<&'static str> {
    let twins = match examples {
        Examples::Read => EMBEDDED_JSON,
        Examples::EmbeddedLeftOut => EMBEDDED_JSON_LEAN,
    };
    by_name(twins, embedded_name(source)?)
}

/// The file name that holds vocabulary rather than rules. Files named `vocabulary-*.yaml`
/// (the embedded `vocabulary-categories.yaml`, say) are vocabulary too.
pub const VOCABULARY_FILE: &str = "vocabulary.yaml";

/// Rule set plus any warnings found while loading it.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The rules.
    pub rules: RuleSet,
    /// Non-fatal problems.
    pub warnings: Vec<RuleProblem>,
}

/// Load the embedded default rules.
pub fn load_embedded() -> Result<Loaded, RulesError> {
    load_embedded_reading(Examples::Read)
}

/// Load the embedded default rules without their examples, for checking letters: the rules are
/// [`load_embedded`]'s, each with no examples (which only `rules test` runs). Reading and
/// validating the examples was 6% of checking one letter (issue 14).
pub fn load_embedded_for_letters() -> Result<Loaded, RulesError> {
    load_embedded_reading(Examples::EmbeddedLeftOut)
}

fn load_embedded_reading(examples: Examples) -> Result<Loaded, RulesError> {
    let files = EMBEDDED
        .iter()
        .map(|(n, t)| RuleSource { name: format!("<embedded>/{n}").into(), text: (*t).into() })
        .collect();
    load_with(files, "embedded".into(), Vec::new(), EMBEDDED_DIGEST.to_owned(), examples)
}

/// The largest rule or vocabulary file read, in bytes (the embedded set is under 200 KB).
pub const MAX_RULE_FILE: u64 = 8 * 1024 * 1024;

/// Load every `*.yaml` / `*.yml` file in `dir` (not recursive). A `vocabulary.yaml` there adds
/// to the embedded vocabulary.
///
/// Every entry named like a rule file is accounted for: a directory, a FIFO, a device, a
/// dangling or looping link, a file too large or not UTF-8 is an error, never skipped. A link
/// to a regular file is read.
pub fn load_dir(dir: &Path) -> Result<Loaded, RulesError> {
    let at_dir = |msg: String| {
        let source = RuleSource { name: dir.display().to_string().into(), text: "".into() };
        RuleProblem::error("rules::io", &source, None, "", msg)
    };
    let entries = std::fs::read_dir(dir).map_err(|e| RulesError {
        problems: vec![at_dir(format!("cannot read rules directory {}: {e}", dir.display()))],
    })?;
    let mut problems = Vec::new();
    let mut paths = Vec::new();
    for e in entries {
        match e {
            Ok(e) => {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
                    paths.push(p);
                }
            }
            Err(e) => problems.push(at_dir(format!("cannot list an entry of {}: {e}", dir.display()))),
        }
    }
    paths.sort();
    if paths.is_empty() && problems.is_empty() {
        problems.push(at_dir(format!("no rule files (*.yaml) in {}", dir.display())));
    }
    let mut files = Vec::new();
    for p in paths {
        match read_rule_file(&p) {
            Ok(f) => files.push(f),
            Err(problem) => problems.push(*problem),
        }
    }
    let digest = digest(&files);
    load_with(files, dir.display().to_string(), problems, digest, Examples::Read)
}

/// Read one rule file: a regular file (or a link to one) of at most [`MAX_RULE_FILE`] bytes
/// of UTF-8. Anything else is a problem at the file, never a file skipped or a read that hangs.
pub fn read_rule_file(path: &Path) -> Result<RuleSource, Box<RuleProblem>> {
    use std::io::Read;
    let name = path.display().to_string();
    let fail = |msg: String| {
        let source = RuleSource { name: name.clone().into(), text: "".into() };
        Box::new(RuleProblem::error("rules::io", &source, None, "", msg))
    };
    let link = std::fs::symlink_metadata(path).map_err(|e| fail(format!("cannot read {name}: {e}")))?;
    let meta = if link.file_type().is_symlink() {
        let target = std::fs::read_link(path).map(|t| t.display().to_string()).unwrap_or_default();
        std::fs::metadata(path).map_err(|e| {
            fail(format!(
                "{name} is a symbolic link to {target}, which cannot be read ({e}): a dangling link or a loop"
            ))
        })?
    } else {
        link
    };
    if !meta.is_file() {
        return Err(fail(format!("{name} is {}, not a rule file", kind_of(&meta))));
    }
    if meta.len() > MAX_RULE_FILE {
        return Err(fail(format!("{name} is {} bytes; rule files are at most {MAX_RULE_FILE} bytes", meta.len())));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_RULE_FILE + 1).read_to_end(&mut bytes))
        .map_err(|e| fail(format!("cannot read {name}: {e}")))?;
    if bytes.len() as u64 > MAX_RULE_FILE {
        return Err(fail(format!("{name} is over {MAX_RULE_FILE} bytes; rule files are at most that")));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(RuleSource { name: name.into(), text: text.into() }),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let source = RuleSource { name: name.into(), text: text.into() };
            let end = source.text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
            Err(Box::new(
                RuleProblem::error(
                    "rules::encoding",
                    &source,
                    Some(crate::span::Span::new(at, end)),
                    "not UTF-8",
                    format!("the file is not UTF-8: byte {at} cannot be read"),
                )
                .with_help("save the file as UTF-8"),
            ))
        }
    }
}

/// What a file system entry is, in words.
pub fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    if t.is_dir() {
        "a directory"
    } else if t.is_symlink() {
        "a symbolic link"
    } else if t.is_file() {
        "a regular file"
    } else {
        "not a regular file"
    }
}

/// Load rule sources: vocabulary first (embedded, then any in `files`), then the rules.
pub fn load_sources(files: Vec<RuleSource>, origin: String) -> Result<Loaded, RulesError> {
    let digest = digest(&files);
    load_with(files, origin, Vec::new(), digest, Examples::Read)
}

/// Load `files`, whose [`digest`] is `digest`.
fn load_with(
    files: Vec<RuleSource>,
    origin: String,
    mut problems: Vec<RuleProblem>,
    digest: String,
    examples: Examples,
) -> Result<Loaded, RulesError> {
    // The embedded vocabulary, with what vocabulary files add, when they add anything.
    let mut vocabulary: Option<Vocabulary> = None;
    let (vocab_files, rule_files): (Vec<_>, Vec<_>) = files.into_iter().partition(|f| is_vocabulary(&f.name));
    let mut user_vocabulary = None;
    for f in vocab_files {
        if f.name.starts_with("<embedded>") {
            continue;
        }
        match validate::parse_vocabulary(&f) {
            Ok(v) => vocabulary.get_or_insert_with(embedded_vocabulary).extend(v),
            Err(p) => problems.extend(p),
        }
        user_vocabulary.get_or_insert(f);
    }
    // The embedded vocabulary alone is compiled once per process, not once per load, and each
    // of its sets only when a letter first needs it.
    static EMBEDDED_LEXICON: std::sync::LazyLock<Lexicon> =
        std::sync::LazyLock::new(|| Lexicon::deferred(embedded_vocabulary()));
    let lexicon = match vocabulary {
        Some(v) => Lexicon::new(v),
        None => EMBEDDED_LEXICON.clone(),
    };
    // A term at fault in a vocabulary file was reported where it is written (and its file
    // left out); a set of terms that does not compile is reported here, since no one line is
    // at fault.
    for p in lexicon.problems() {
        let source =
            user_vocabulary.clone().unwrap_or_else(|| RuleSource { name: "<vocabulary>".into(), text: "".into() });
        problems.push(
            RuleProblem::error(
                "rules::vocabulary",
                &source,
                None,
                "",
                match &p.term {
                    Some(t) => format!("the {} term `{t}` cannot be used: {}", p.set, p.message),
                    None => format!("the vocabulary's {} terms cannot be used: {}", p.set, p.message),
                },
            )
            .with_help("use fewer or shorter terms"),
        );
    }
    let rules = validate::validate_reading(&rule_files, &lexicon, &mut problems, examples);
    if rules.is_empty() && !problems.iter().any(RuleProblem::is_error) {
        let source = RuleSource { name: origin.clone().into(), text: "".into() };
        problems.push(
            RuleProblem::error("rules::empty-list", &source, None, "", format!("{origin} defines no rules"))
                .with_help("a rules directory needs at least one rule file with rules (see docs/rules.md)"),
        );
    }
    if problems.iter().any(RuleProblem::is_error) {
        return Err(RulesError { problems });
    }
    Ok(Loaded { rules: RuleSet { rules, lexicon, origin, digest }, warnings: problems })
}

/// The digest of a rule set's files: SHA-256 over the files sorted by file name, each fed as its
/// file name (without the directory), a NUL byte, its length in bytes in decimal, a NUL byte, and
/// its text; written `sha256:` and 64 hex digits. The same files give the same digest wherever
/// the directory is; a file renamed, added, removed or changed by one byte gives another.
pub fn digest(files: &[RuleSource]) -> String {
    digest::of_named_files(files.iter().map(|f| {
        let name = Path::new(&*f.name)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| f.name.to_string());
        (name, &*f.text)
    }))
}

/// Whether a file (by its name) holds vocabulary rather than rules.
pub fn is_vocabulary(name: &str) -> bool {
    Path::new(name).file_name().and_then(|f| f.to_str()).is_some_and(|f| {
        f == VOCABULARY_FILE || (f.starts_with("vocabulary-") && (f.ends_with(".yaml") || f.ends_with(".yml")))
    })
}

/// The embedded vocabulary, all its files merged (they are part of the build, so they always
/// parse; tests check it).
pub fn embedded_vocabulary() -> Vocabulary {
    let mut vocabulary = Vocabulary::default();
    for (name, text) in EMBEDDED.iter().filter(|(n, _)| is_vocabulary(n)) {
        let json = by_name(EMBEDDED_JSON, name).and_then(|j| serde_json::from_str(j).ok());
        if let Some(v) = json.or_else(|| serde_yaml::from_str::<Vocabulary>(text).ok()) {
            vocabulary.extend(v);
        }
    }
    vocabulary
}

/// Which version of each rule is in force at each edition boundary: one row per rule id, one
/// column per date on which some version starts, each cell the version in force that day with
/// the standing of its figure. `rules list` prints it, so a gap (`-`) or a rule left behind
/// when the others changed edition shows at a glance.
pub fn editions_table(rules: &RuleSet) -> String {
    use model::Status;
    let mut starts: Vec<crate::domain::Date> = rules.rules.iter().map(|r| r.in_force.from).collect();
    starts.sort_unstable();
    starts.dedup();
    let mut ids: Vec<&str> = Vec::new();
    for r in &rules.rules {
        if !ids.contains(&r.id.as_str()) {
            ids.push(&r.id);
        }
    }
    let cell = |id: &str, d: crate::domain::Date| -> String {
        match rules.rules.iter().find(|r| r.id == id && r.in_force_on(d)) {
            None => "-".into(),
            Some(r) => {
                let mark = match (r.no_figure, r.source.status) {
                    (true, _) => "no figure",
                    (_, Status::Confirmed) => "C",
                    (_, Status::Corroborated) => "L",
                    (_, Status::CarriedOver) => "O",
                    (_, Status::Unconfirmed) => "U",
                };
                format!("{} {mark}", r.version.as_deref().unwrap_or("(single)"))
            }
        }
    };
    let width = ids.iter().map(|i| i.len()).max().unwrap_or(4).max(4);
    let cols: Vec<Vec<String>> = starts.iter().map(|d| ids.iter().map(|id| cell(id, *d)).collect()).collect();
    let widths: Vec<usize> = cols.iter().map(|c| c.iter().map(String::len).max().unwrap_or(0).max(10)).collect();
    let mut out = String::from(
        "editions: the version in force from each date (C confirmed, L corroborated by letters, O carried over, U unconfirmed)\n",
    );
    let mut line = format!("{:<width$}", "rule");
    for (d, w) in starts.iter().zip(&widths) {
        line.push_str(&format!("  {:<w$}", d.to_string()));
    }
    out.push_str(line.trim_end());
    out.push('\n');
    for (i, id) in ids.iter().enumerate() {
        let mut line = format!("{id:<width$}");
        for (c, w) in cols.iter().zip(&widths) {
            line.push_str(&format!("  {:<w$}", c[i]));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The JSON Schema of rule files, for editors (`docs/rules.schema.json`).
pub fn rule_schema() -> String {
    let schema = schemars::schema_for!(raw::RuleFile);
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

/// The JSON Schema of `vocabulary.yaml` (`docs/vocabulary.schema.json`).
pub fn vocabulary_schema() -> String {
    let schema = schemars::schema_for!(Vocabulary);
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 14: the embedded files are read from JSON made at build time; it must say exactly
    /// what the YAML says.
    #[test]
    fn each_embedded_files_json_twin_reads_as_its_yaml() {
        assert_eq!(EMBEDDED_JSON.len(), EMBEDDED.len(), "every embedded file has its twin");
        for (name, text) in EMBEDDED {
            let json = by_name(EMBEDDED_JSON, name).expect("a twin");
            if is_vocabulary(name) {
                let a: Vocabulary = serde_yaml::from_str(text).expect("the YAML reads");
                let b: Vocabulary = serde_json::from_str(json).expect("the JSON reads");
                assert_eq!(format!("{a:?}"), format!("{b:?}"), "{name}");
            } else {
                let a: raw::RuleFile = serde_yaml::from_str(text).expect("the YAML reads");
                let b: raw::RuleFile = serde_json::from_str(json).expect("the JSON reads");
                assert_eq!(format!("{a:?}"), format!("{b:?}"), "{name}");
            }
        }
    }

    /// The embedded rules loaded through their JSON twins are the rules loaded from the YAML.
    #[test]
    fn the_embedded_rules_load_the_same_from_json_and_from_yaml() {
        let fast = load_embedded().expect("the embedded rules load");
        let slow_files = EMBEDDED
            .iter()
            .filter(|(n, _)| !is_vocabulary(n))
            .map(|(n, t)| RuleSource { name: format!("<shipped>/{n}").into(), text: (*t).into() })
            .collect();
        let slow = load_sources(slow_files, "embedded".into()).expect("they load from YAML too");
        assert!(fast.warnings.is_empty() && slow.warnings.is_empty());
        let shown = |l: &Loaded| format!("{:?}", l.rules.rules).replace("<shipped>/", "<embedded>/");
        assert_eq!(shown(&fast), shown(&slow));
    }

    /// The rules for checking letters are the embedded rules without their examples: the same
    /// rules, origin and digest, and some rule did have examples to leave out.
    #[test]
    fn the_rules_for_letters_are_the_embedded_rules_without_examples() {
        let full = load_embedded().expect("the embedded rules load");
        let lean = load_embedded_for_letters().expect("they load without examples");
        assert!(full.rules.rules.iter().any(|r| !r.examples.is_empty()), "the embedded rules have examples");
        assert!(lean.rules.rules.iter().all(|r| r.examples.is_empty()));
        assert!(lean.warnings.is_empty());
        assert_eq!((&lean.rules.origin, &lean.rules.digest), (&full.rules.origin, &full.rules.digest));
        let mut emptied = full.rules.rules.clone();
        emptied.iter_mut().for_each(|r| r.examples.clear());
        assert_eq!(format!("{:?}", lean.rules.rules), format!("{emptied:?}"));
    }

    fn src(name: &str, text: &str) -> RuleSource {
        RuleSource { name: name.into(), text: text.into() }
    }

    #[test]
    fn the_digest_follows_the_files_not_their_order_or_folder() {
        let a = digest(&[src("/x/a.yaml", "one"), src("/x/b.yaml", "two")]);
        assert!(a.starts_with("sha256:") && a.len() == 7 + 64, "{a}");
        assert_eq!(a, digest(&[src("/elsewhere/b.yaml", "two"), src("/elsewhere/a.yaml", "one")]));
        assert_ne!(a, digest(&[src("/x/a.yaml", "one"), src("/x/b.yaml", "two ")]), "a byte changed");
        assert_ne!(a, digest(&[src("/x/a.yaml", "one"), src("/x/c.yaml", "two")]), "a file renamed");
        assert_ne!(a, digest(&[src("/x/a.yaml", "one")]), "a file removed");
        // Name and text are kept apart: moving bytes from one to the other changes the digest.
        assert_ne!(digest(&[src("ab", "c")]), digest(&[src("a", "bc")]));
    }

    #[test]
    fn the_embedded_set_has_a_digest() {
        let loaded = load_embedded().expect("the embedded rules load");
        let files: Vec<RuleSource> =
            EMBEDDED.iter().map(|(n, t)| RuleSource { name: (*n).into(), text: (*t).into() }).collect();
        assert_eq!(loaded.rules.digest, digest(&files));
    }
}
