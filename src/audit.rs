//! Audits: gather the inputs (files, directories walked for `*.txt` and `*.pdf`, or a list of
//! paths), check
//! them in parallel in bounded chunks (each PDF in its own isolated child process), and stream
//! each letter to a report sink in input order, so memory stays flat however large the corpus.
//! Every input appears exactly once in the output, as items or as an error with its reason.

use crate::report::sinks::Sink;
use crate::report::summary::Summary;
use crate::report::LetterReport;
use crate::rules::RuleSet;
use crate::Options;
use rayon::prelude::*;
use std::io;
use std::path::{Path, PathBuf};

/// One input: a letter to read, or a path that cannot be one, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file to read.
    File(PathBuf),
    /// Something named as input that is not a readable letter.
    Broken(PathBuf, String),
}

/// What gathering the inputs found besides letters.
#[derive(Debug, Clone, Default)]
pub struct Gathered {
    /// The inputs, in order (directories sorted by path).
    pub inputs: Vec<Input>,
    /// Files in walked directories that are neither `*.txt` nor `*.pdf` (not letters; counted,
    /// not audited).
    pub skipped: usize,
}

/// Gather inputs from command-line paths. Directories are walked recursively for `*.txt` and
/// `*.pdf` (any case);
/// a dangling symbolic link or an unreadable directory becomes a broken input.
pub fn gather(paths: &[PathBuf]) -> Gathered {
    let mut g = Gathered::default();
    for p in paths {
        walk(p, true, &mut g);
    }
    g
}

fn walk(p: &Path, named: bool, g: &mut Gathered) {
    let meta = match std::fs::symlink_metadata(p) {
        Ok(m) => m,
        Err(e) => {
            g.inputs.push(Input::Broken(p.to_owned(), format!("cannot read: {e}")));
            return;
        }
    };
    if meta.file_type().is_symlink() {
        match std::fs::metadata(p) {
            Err(_) => {
                let target = std::fs::read_link(p).map(|t| t.display().to_string()).unwrap_or_default();
                if named || is_letter_file(p) {
                    g.inputs.push(Input::Broken(p.to_owned(), format!("dangling symbolic link (to {target})")));
                }
                return;
            }
            // Links to directories are not followed inside walks, to avoid cycles.
            Ok(m) if m.is_dir() && !named => return,
            Ok(_) => {}
        }
    }
    if p.is_dir() {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(p) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                g.inputs.push(Input::Broken(p.to_owned(), format!("cannot read directory: {e}")));
                return;
            }
        };
        entries.sort();
        for e in entries {
            let is_dir = std::fs::symlink_metadata(&e).map(|m| m.is_dir()).unwrap_or(false);
            if is_dir || is_letter_file(&e) {
                walk(&e, false, g);
            } else {
                g.skipped += 1;
            }
        }
    } else {
        g.inputs.push(Input::File(p.to_owned()));
    }
}

/// True for the names an audit walks: `*.txt` and `*.pdf`, in any case.
pub fn is_letter_file(p: &Path) -> bool {
    p.extension().is_some_and(|x| x.eq_ignore_ascii_case("txt") || x.eq_ignore_ascii_case("pdf"))
}

/// Read a list of paths, one per line (for `audit -`).
pub fn paths_from_lines(text: &str) -> Vec<PathBuf> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(PathBuf::from).collect()
}

/// Letters checked per parallel chunk: enough to keep every core busy, few enough that memory
/// does not grow with the corpus.
pub const CHUNK: usize = 256;

/// Check every input and stream the results to `sink`; returns the summary.
/// `progress` is called after each chunk with the number of letters done.
pub fn run(
    inputs: &[Input],
    rules: &RuleSet,
    options: &Options,
    sink: &mut dyn Sink,
    mut progress: impl FnMut(usize),
) -> io::Result<Summary> {
    let mut summary = Summary::default();
    let mut done = 0;
    for chunk in inputs.chunks(CHUNK) {
        let reports: Vec<LetterReport> = chunk
            .par_iter()
            .map(|input| match input {
                Input::File(p) => crate::check_path(p, rules, options),
                Input::Broken(p, why) => LetterReport::failed(&p.display().to_string(), why.clone()),
            })
            .collect();
        for r in &reports {
            summary.add(r);
            sink.letter(r)?;
        }
        done += chunk.len();
        progress(done);
    }
    sink.finish(&summary)?;
    Ok(summary)
}
