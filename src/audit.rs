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
/// `*.pdf` (any case),
/// following links to directories. Every input is accounted for: a dangling link, an unreadable
/// directory, a FIFO, a device or a socket, a link that loops back to a directory being walked,
/// and a file already gathered under another name (named twice, or reached by a link) each
/// become a broken input with the reason, so N inputs in make N entries out, each letter
/// audited once.
pub fn gather(paths: &[PathBuf]) -> Gathered {
    let mut w = Walk::default();
    for p in paths {
        w.walk(p, true);
    }
    w.g
}

/// A file or directory, whatever names it (device and inode on Unix).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Identity {
    #[cfg(unix)]
    Inode(u64, u64),
    #[allow(dead_code)]
    Path(PathBuf),
}

fn identity(p: &Path, meta: &std::fs::Metadata) -> Identity {
    #[cfg(unix)]
    {
        let _ = p;
        use std::os::unix::fs::MetadataExt;
        Identity::Inode(meta.dev(), meta.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Identity::Path(std::fs::canonicalize(p).unwrap_or_else(|_| p.to_owned()))
    }
}

#[derive(Default)]
struct Walk {
    g: Gathered,
    /// Files gathered so far, and the name each was first gathered under.
    seen: std::collections::HashMap<Identity, PathBuf>,
    /// The directories being walked, outermost first.
    ancestors: Vec<(Identity, PathBuf)>,
}

impl Walk {
    fn broken(&mut self, p: &Path, why: String) {
        self.g.inputs.push(Input::Broken(p.to_owned(), why));
    }

    fn walk(&mut self, p: &Path, named: bool) {
        let link = match std::fs::symlink_metadata(p) {
            Ok(m) => m,
            Err(e) => return self.broken(p, format!("cannot read: {e}")),
        };
        let meta = if link.file_type().is_symlink() {
            match std::fs::metadata(p) {
                Ok(m) => m,
                Err(e) => {
                    if named || is_letter_file(p) {
                        let target = std::fs::read_link(p).map(|t| t.display().to_string()).unwrap_or_default();
                        let why = if is_loop(&e) {
                            format!("symbolic link loop (to {target})")
                        } else {
                            format!("dangling symbolic link (to {target})")
                        };
                        self.broken(p, why);
                    }
                    return;
                }
            }
        } else {
            link
        };
        let id = identity(p, &meta);
        if meta.is_dir() {
            if let Some((_, outer)) = self.ancestors.iter().find(|(a, _)| *a == id) {
                let why = format!(
                    "symbolic link loop: leads back to {}, which is being walked; not walked again",
                    outer.display()
                );
                return self.broken(p, why);
            }
            let mut entries: Vec<PathBuf> = match std::fs::read_dir(p) {
                Ok(rd) => {
                    let mut v = Vec::new();
                    for e in rd {
                        match e {
                            Ok(e) => v.push(e.path()),
                            Err(e) => self.broken(p, format!("cannot read an entry of the directory: {e}")),
                        }
                    }
                    v
                }
                Err(e) => return self.broken(p, format!("cannot read directory: {e}")),
            };
            entries.sort();
            self.ancestors.push((id, p.to_owned()));
            for e in entries {
                // A directory, or a link that may lead to one, is walked; else only *.txt.
                let walk = std::fs::symlink_metadata(&e)
                    .map(|m| {
                        m.is_dir() || (m.file_type().is_symlink() && std::fs::metadata(&e).is_ok_and(|t| t.is_dir()))
                    })
                    .unwrap_or(false);
                if walk || is_letter_file(&e) {
                    self.walk(&e, false);
                } else {
                    self.g.skipped += 1;
                }
            }
            self.ancestors.pop();
            return;
        }
        if !meta.is_file() {
            return self.broken(p, format!("{}, not a regular file; not read", crate::rules::kind_of(&meta)));
        }
        if let Some(first) = self.seen.get(&id) {
            let why = format!("the same file as {}, which is audited; not audited twice", first.display());
            return self.broken(p, why);
        }
        self.seen.insert(id, p.to_owned());
        self.g.inputs.push(Input::File(p.to_owned()));
    }
}

/// True for the names an audit walks: `*.txt` and `*.pdf`, in any case.
pub fn is_letter_file(p: &Path) -> bool {
    p.extension().is_some_and(|x| x.eq_ignore_ascii_case("txt") || x.eq_ignore_ascii_case("pdf"))
}

/// ELOOP: too many levels of symbolic links.
fn is_loop(e: &io::Error) -> bool {
    let eloop = if cfg!(any(target_os = "macos", target_os = "ios", target_os = "freebsd")) { 62 } else { 40 };
    cfg!(unix) && e.raw_os_error() == Some(eloop)
}

/// Read a list of paths, one per line (for `audit -`).
pub fn paths_from_lines(text: &str) -> Vec<PathBuf> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(PathBuf::from).collect()
}

/// Read a list of paths from raw bytes (for `audit -`): one per line, or separated by NUL bytes
/// when there are any (`find -print0`). Names need not be UTF-8: on Unix a path is bytes, and
/// one odd name does not discard the list. Lines are trimmed of surrounding white space; NUL-
/// separated names are taken as they are.
pub fn paths_from_bytes(bytes: &[u8]) -> Vec<PathBuf> {
    let nul = bytes.contains(&0);
    let parts: Vec<&[u8]> =
        if nul { bytes.split(|&b| b == 0).collect() } else { bytes.split(|&b| b == b'\n').collect() };
    parts
        .into_iter()
        .map(|p| if nul { p } else { p.trim_ascii() })
        .filter(|p| !p.is_empty())
        .map(path_from_bytes)
        .collect()
}

#[cfg(unix)]
fn path_from_bytes(b: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(b))
}

#[cfg(not(unix))]
fn path_from_bytes(b: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(b).into_owned())
}

/// Letters checked per parallel chunk: enough to keep every core busy, few enough that memory
/// does not grow with the corpus.
pub const CHUNK: usize = 256;

/// Check every input and stream the results to `sink`; returns the summary, which carries the
/// audit's [`Provenance`](crate::report::provenance::Provenance) (built here, once, from the
/// rules and options). `progress` is called after each chunk with the number of letters done.
pub fn run(
    inputs: &[Input],
    rules: &RuleSet,
    options: &Options,
    sink: &mut dyn Sink,
    mut progress: impl FnMut(usize),
) -> io::Result<Summary> {
    let provenance = crate::report::provenance::Provenance::new(rules, options);
    let mut summary = Summary { provenance: Some(provenance), ..Summary::default() };
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

/// Temporary files of reports being written, removed if the process is interrupted.
static PENDING: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Remove the temporary files of reports still being written (for a Ctrl-C handler: the
/// process then exits without running destructors).
pub fn remove_pending_outputs() {
    let pending = match PENDING.lock() {
        Ok(p) => p.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    };
    for p in pending {
        let _ = std::fs::remove_file(p);
    }
}

fn forget_pending(path: &Path) {
    if let Ok(mut p) = PENDING.lock() {
        p.retain(|x| x != path);
    }
}

/// A report file written whole or not at all. Before the audit starts it checks the target (not
/// a directory, its folder writable) and opens a temporary file beside it, which
/// [`OutputFile::commit`] renames into place; dropped or interrupted
/// ([`remove_pending_outputs`]), the temporary file is removed and an earlier report stays as it
/// was. The report gets the permissions a new file gets under the user's umask. A target that
/// exists and is not a regular file (`/dev/null`, a FIFO, a terminal) is written directly.
pub struct OutputFile {
    target: PathBuf,
    /// None once committed.
    kind: Option<OutputKind>,
}

enum OutputKind {
    Temporary(tempfile::NamedTempFile),
    Direct(std::fs::File),
}

impl OutputFile {
    /// Check `path` and prepare to write it.
    pub fn create(path: &Path) -> io::Result<OutputFile> {
        let invalid = |msg: String| io::Error::new(io::ErrorKind::InvalidInput, msg);
        // A link is followed: the report replaces what it points to, and the link stays.
        let target = match std::fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path)
                .map_err(|e| invalid(format!("{} is a symbolic link that cannot be followed: {e}", path.display())))?,
            _ => path.to_owned(),
        };
        match std::fs::metadata(&target) {
            Ok(m) if m.is_dir() => return Err(invalid(format!("{} is a directory", path.display()))),
            Ok(m) if !m.is_file() => {
                let f = std::fs::OpenOptions::new().write(true).open(&target)?;
                return Ok(OutputFile { target, kind: Some(OutputKind::Direct(f)) });
            }
            _ => {}
        }
        let dir = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let mut builder = tempfile::Builder::new();
        let prefix = format!(".{name}.");
        builder.prefix(&prefix).suffix(".tmp");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // The mode a new file gets: 0666 less the umask (the kernel applies it).
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let tmp = builder
            .tempfile_in(dir)
            .map_err(|e| io::Error::new(e.kind(), format!("cannot write in {}: {e}", dir.display())))?;
        if let Ok(mut p) = PENDING.lock() {
            p.push(tmp.path().to_owned());
        }
        Ok(OutputFile { target, kind: Some(OutputKind::Temporary(tmp)) })
    }

    /// Where the report goes.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// A handle to write the report with.
    pub fn writer(&self) -> io::Result<std::fs::File> {
        match &self.kind {
            Some(OutputKind::Temporary(t)) => t.reopen(),
            Some(OutputKind::Direct(f)) => f.try_clone(),
            None => Err(io::Error::other("the report was already committed")),
        }
    }

    /// Put the finished report in place.
    pub fn commit(mut self) -> io::Result<()> {
        match self.kind.take() {
            Some(OutputKind::Temporary(t)) => {
                let tmp = t.path().to_owned();
                let result = t.persist(&self.target).map(|_| ()).map_err(|e| e.error);
                forget_pending(&tmp);
                result
            }
            Some(OutputKind::Direct(_)) | None => Ok(()),
        }
    }
}

impl Drop for OutputFile {
    fn drop(&mut self) {
        // The temporary file removes itself; it is no longer pending.
        if let Some(OutputKind::Temporary(t)) = &self.kind {
            forget_pending(t.path());
        }
    }
}
