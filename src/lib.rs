//! imrcheck audits California workers' compensation Independent Medical Review (IMR) decision
//! letters against the visit limits of the Medical Treatment Utilization Schedule (MTUS).
//!
//! The pipeline, one module per stage:
//! text → [`letter`] (layout, sections, disputed items) → [`extract`] (requests: every fact with
//! its span) → [`engine`] (rule match, verdict, agreement, explanation trace, against a
//! [`rules::RuleSet`] loaded from YAML) → [`report`] (terminal, JSON, CSV, Markdown, HTML).
//!
//! ```
//! let rules = imrcheck::rules::load_embedded().expect("the default rules are valid").rules;
//! let text = "HOW THE IMR FINAL DETERMINATION WAS MADE\n\
//!     CLINICAL CASE SUMMARY\nThe patient has had no prior physical therapy.\n\
//!     IMR ISSUES, DECISIONS AND RATIONALES\n\
//!     Physical therapy twice a week for six weeks for the lumbar spine: Upheld\n\
//!     Decision rationale: 12 visits exceed the guideline.\n";
//! let report = imrcheck::check_bytes("example.txt", text.as_bytes(), &rules, &Default::default());
//! let item = &report.items[0];
//! assert_eq!(item.visits_requested, Some(12));
//! assert_eq!(item.verdict, imrcheck::domain::Verdict::ExceedsLimit);
//! assert_eq!(item.agreement, imrcheck::domain::Agreement::Agrees);
//! ```
#![deny(missing_docs)]

pub mod audit;
pub mod decision;
pub mod diagnostics;
pub mod domain;
pub mod engine;
pub mod eval;
pub mod extract;
pub mod letter;
pub mod report;
pub mod rules;
pub mod span;
pub mod text;
pub mod vocab;

use domain::Date;
use report::{ItemReport, LetterReport};

/// The default limit on one letter's size, in bytes (2 MiB). A real IMR letter is under
/// 100 KB; a larger file is refused with an error of its own rather than read, so that one file
/// never holds back an audit.
pub const DEFAULT_MAX_LETTER_SIZE: u64 = 2 * 1024 * 1024;

/// Options for checking letters.
#[derive(Debug, Clone)]
pub struct Options {
    /// Date to choose rule versions by when a letter gives none.
    pub as_of: Option<Date>,
    /// The largest letter read, in bytes ([`DEFAULT_MAX_LETTER_SIZE`] by default); a larger
    /// one is an error for that letter alone.
    pub max_letter_size: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options { as_of: None, max_letter_size: DEFAULT_MAX_LETTER_SIZE }
    }
}

/// The error for a letter over the size limit.
fn too_large(size: &str, limit: u64) -> String {
    format!(
        "the file is {size} bytes, over the limit of {limit} bytes per letter (a real letter is under 100 KB); raise --max-letter-size to read it"
    )
}

/// Check one letter's bytes: read, extract, evaluate. Never panics on any input; a letter that
/// cannot be read gives a report with an error and no items.
pub fn check_bytes(name: &str, bytes: &[u8], rules: &rules::RuleSet, options: &Options) -> LetterReport {
    if bytes.len() as u64 > options.max_letter_size {
        return LetterReport::failed(name, too_large(&bytes.len().to_string(), options.max_letter_size));
    }
    let letter = match letter::Letter::from_bytes(name, bytes) {
        Ok(l) => l,
        Err(e) => {
            let mut report = LetterReport::failed(name, e.to_string());
            report.format = e.format().as_str().to_owned();
            return report;
        }
    };
    check_letter(&letter, rules, options)
}

/// Check a letter already read.
pub fn check_letter(letter: &letter::Letter, rules: &rules::RuleSet, options: &Options) -> LetterReport {
    let facts = extract::letter_facts(letter);
    let as_of = match facts.relevant_date() {
        Some((d, src)) => Some((d, src.to_owned())),
        None => options.as_of.map(|d| (d, "date given with --as-of".to_owned())).or_else(|| {
            facts
                .latest_date()
                .map(|d| (d.value, "latest date the letter mentions; it gives no review or decision date".to_owned()))
        }),
    };
    let ctx = engine::Context { as_of, date_of_injury: facts.date_of_injury.as_ref().map(|d| (d.value, d.span)) };
    let requests = extract::requests(letter, &rules.lexicon);
    let items = requests
        .into_iter()
        .map(|r| {
            let evaluation = engine::evaluate(rules, &r, &ctx);
            ItemReport::new(letter, r, evaluation)
        })
        .collect();
    LetterReport {
        letter: letter.name.clone(),
        format: letter.format.as_str().to_owned(),
        items,
        errors: Vec::new(),
        warnings: letter.warnings.clone(),
        facts: Some(facts),
        text: Some(letter.text.clone()),
    }
}

/// Check a file on disk (reading errors become the report's error).
///
/// The read is bounded: a file whose size is over `options.max_letter_size` is refused before
/// it is read (a sparse file of a terabyte costs nothing), and one that grows past it while
/// read (a device, a pipe) is cut off there and refused. A directory is an error.
pub fn check_path(path: &std::path::Path, rules: &rules::RuleSet, options: &Options) -> LetterReport {
    let name = path.display().to_string();
    match read_bounded(path, options.max_letter_size) {
        Ok(bytes) => check_bytes(&name, &bytes, rules, options),
        Err(e) => LetterReport::failed(&name, e),
    }
}

/// Read at most `limit` bytes of `path`; more is an error.
fn read_bounded(path: &std::path::Path, limit: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read the file: {e}"))?;
    if meta.is_dir() {
        return Err("it is a directory, not a letter".into());
    }
    if meta.is_file() && meta.len() > limit {
        return Err(too_large(&meta.len().to_string(), limit));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read the file: {e}"))?;
    let mut bytes = Vec::with_capacity(if meta.is_file() { meta.len() as usize } else { 8192 });
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(|e| format!("cannot read the file: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(&format!("more than {limit}"), limit));
    }
    Ok(bytes)
}
