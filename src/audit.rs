//! Audits: gather the inputs (files, directories walked for `*.txt` and `*.pdf`, or a list of
//! paths) as the audit goes, check
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
/// audited once. This collects [`Walk`], which yields the same inputs one at a time.
pub fn gather(paths: &[PathBuf]) -> Gathered {
    let mut w = Walk::new(paths.to_vec());
    let inputs = w.by_ref().collect();
    Gathered { inputs, skipped: w.skipped() }
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

/// Can this file be reached again under another name? A file with one name, reached through no
/// symbolic link, in a walk of one path cannot, but through a bind mount; see [`Walk::seen`].
fn has_other_names(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.nlink() > 1
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        true
    }
}

/// A directory being walked.
struct Frame {
    id: Identity,
    path: PathBuf,
    /// Its entries not walked yet, in order.
    entries: std::vec::IntoIter<PathBuf>,
    /// Reached through a symbolic link (its own, or one of the directories above it).
    via_link: bool,
}

/// The inputs of an audit, one at a time, in the order [`gather`] lists them: each path given,
/// directories walked depth first with their entries sorted by path. What the walk holds is
/// the directories being walked, and, to audit each file once, the identity of every file
/// gathered (16 bytes each); a file's name is kept only where it may be needed to say which
/// file a second name is the same as (a file with several names, one reached through a link,
/// any file when several paths are given).
pub struct Walk {
    roots: std::vec::IntoIter<PathBuf>,
    /// The paths given, for the one walk again that [`Walk::first_names`] may need.
    given: Vec<PathBuf>,
    stack: Vec<Frame>,
    /// Inputs found and not yet yielded (broken entries met while a directory was read).
    pending: std::collections::VecDeque<Input>,
    /// Every file gathered.
    seen: std::collections::HashSet<Identity>,
    /// The name each file was first gathered under, where it was kept.
    names: std::collections::HashMap<Identity, PathBuf>,
    /// Keep every file's name (several paths given, or a second name met for a file whose
    /// name was not kept).
    keep_names: bool,
    skipped: usize,
}

impl Walk {
    /// Walk `paths` in order.
    pub fn new(paths: Vec<PathBuf>) -> Walk {
        let keep_names = paths.len() > 1;
        Walk {
            roots: paths.clone().into_iter(),
            given: paths,
            stack: Vec::new(),
            pending: Default::default(),
            seen: Default::default(),
            names: Default::default(),
            keep_names,
            skipped: 0,
        }
    }

    /// Files in walked directories so far that are neither `*.txt` nor `*.pdf` (not letters;
    /// counted, not audited).
    pub fn skipped(&self) -> usize {
        self.skipped
    }

    fn broken(&mut self, p: &Path, why: String) {
        self.pending.push_back(Input::Broken(p.to_owned(), why));
    }

    /// Visit one path: a file becomes an input, a directory is opened for walking.
    fn visit(&mut self, p: &Path, named: bool) {
        let link = match std::fs::symlink_metadata(p) {
            Ok(m) => m,
            Err(e) => return self.broken(p, format!("cannot read: {e}")),
        };
        let is_link = link.file_type().is_symlink();
        let meta = if is_link {
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
        let via_link = is_link || self.stack.last().is_some_and(|f| f.via_link);
        if meta.is_dir() {
            if let Some(outer) = self.stack.iter().find(|f| f.id == id).map(|f| f.path.clone()) {
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
            self.stack.push(Frame { id, path: p.to_owned(), entries: entries.into_iter(), via_link });
            return;
        }
        if !meta.is_file() {
            return self.broken(p, format!("{}, not a regular file; not read", crate::rules::kind_of(&meta)));
        }
        if self.seen.contains(&id) {
            if !self.names.contains_key(&id) {
                self.first_names();
            }
            let first = self.names.get(&id).map(|f| f.display().to_string()).unwrap_or_default();
            let why = format!("the same file as {first}, which is audited; not audited twice");
            return self.broken(p, why);
        }
        self.seen.insert(id.clone());
        if self.keep_names || via_link || has_other_names(&meta) {
            self.names.insert(id, p.to_owned());
        }
        self.pending.push_back(Input::File(p.to_owned()));
    }

    /// A file came again under a second name, and its first name was not kept (a bind mount
    /// shows one directory at two places): walk again from the start, keeping every name, to
    /// say which file it is the same as. From here on every name is kept. This happens at most
    /// once per walk.
    fn first_names(&mut self) {
        let mut again = Walk::new(self.given.clone());
        again.keep_names = true;
        while again.next().is_some() {}
        for (id, name) in again.names {
            if self.seen.contains(&id) {
                self.names.entry(id).or_insert(name);
            }
        }
        self.keep_names = true;
    }
}

impl Iterator for Walk {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        loop {
            if let Some(input) = self.pending.pop_front() {
                return Some(input);
            }
            if let Some(frame) = self.stack.last_mut() {
                let Some(e) = frame.entries.next() else {
                    self.stack.pop();
                    continue;
                };
                // A directory, or a link that may lead to one, is walked; else only *.txt.
                let walk = std::fs::symlink_metadata(&e)
                    .map(|m| {
                        m.is_dir() || (m.file_type().is_symlink() && std::fs::metadata(&e).is_ok_and(|t| t.is_dir()))
                    })
                    .unwrap_or(false);
                if walk || is_letter_file(&e) {
                    self.visit(&e, false);
                } else {
                    self.skipped += 1;
                }
                continue;
            }
            let root = self.roots.next()?;
            self.visit(&root, true);
        }
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
/// rules and options). The inputs are taken a chunk at a time (from a [`Walk`], a directory tree
/// is walked as the audit goes). `progress` is called after each chunk with the number of
/// letters done.
pub fn run(
    inputs: impl IntoIterator<Item = Input>,
    rules: &RuleSet,
    options: &Options,
    sink: &mut dyn Sink,
    mut progress: impl FnMut(usize),
) -> io::Result<Summary> {
    let provenance = crate::report::provenance::Provenance::new(rules, options);
    let mut summary = Summary { provenance: Some(provenance), ..Summary::default() };
    let mut done = 0;
    let mut inputs = inputs.into_iter();
    let mut chunk: Vec<Input> = Vec::with_capacity(CHUNK);
    loop {
        chunk.clear();
        chunk.extend(inputs.by_ref().take(CHUNK));
        if chunk.is_empty() {
            break;
        }
        if chunk.len() > 1 {
            crate::pattern::many_letters();
        }
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
