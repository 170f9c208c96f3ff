//! Rules: load YAML rule files (embedded defaults or a directory), validate them into a
//! [`RuleSet`], and report every problem as a located diagnostic.
//!
//! `raw` holds the file format, `source` finds where values sit in a file, `validate` turns raw
//! rules into the model and collects problems, `model` is what the engine uses.

pub mod examples;
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
    let files = EMBEDDED
        .iter()
        .map(|(n, t)| RuleSource { name: format!("<embedded>/{n}").into(), text: (*t).into() })
        .collect();
    load_sources(files, "embedded".into())
}

/// Load every `*.yaml` / `*.yml` file in `dir` (not recursive). A `vocabulary.yaml` there adds
/// to the embedded vocabulary.
pub fn load_dir(dir: &Path) -> Result<Loaded, RulesError> {
    let unreadable = |msg: String| {
        let source = RuleSource { name: dir.display().to_string().into(), text: "".into() };
        RulesError { problems: vec![RuleProblem::error("rules::io", &source, None, "", msg)] }
    };
    let entries = std::fs::read_dir(dir)
        .map_err(|e| unreadable(format!("cannot read rules directory {}: {e}", dir.display())))?;
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(unreadable(format!("no rule files (*.yaml) in {}", dir.display())));
    }
    let mut files = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(&p).map_err(|e| unreadable(format!("cannot read {}: {e}", p.display())))?;
        files.push(RuleSource { name: p.display().to_string().into(), text: text.into() });
    }
    load_sources(files, dir.display().to_string())
}

/// Load rule sources: vocabulary first (embedded, then any in `files`), then the rules.
pub fn load_sources(files: Vec<RuleSource>, origin: String) -> Result<Loaded, RulesError> {
    let mut problems = Vec::new();
    let mut vocabulary = embedded_vocabulary();
    let (vocab_files, rule_files): (Vec<_>, Vec<_>) = files.into_iter().partition(|f| is_vocabulary(&f.name));
    for f in vocab_files {
        if f.name.starts_with("<embedded>") {
            continue;
        }
        match validate::parse_vocabulary(&f) {
            Ok(v) => vocabulary.extend(v),
            Err(p) => problems.push(*p),
        }
    }
    let lexicon = Lexicon::new(vocabulary);
    let rules = validate::validate(&rule_files, &lexicon, &mut problems);
    if problems.iter().any(RuleProblem::is_error) {
        return Err(RulesError { problems });
    }
    Ok(Loaded { rules: RuleSet { rules, lexicon, origin }, warnings: problems })
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
    for (_, text) in EMBEDDED.iter().filter(|(n, _)| is_vocabulary(n)) {
        if let Ok(v) = serde_yaml::from_str::<Vocabulary>(text) {
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
