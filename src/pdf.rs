//! PDF input, before the [`crate::letter`] stage: recognise a PDF by its `%PDF-` header, take
//! its text out page by page, and give every kind of PDF a clear outcome (text, a scan with no
//! text layer, a password, a damaged file).
//!
//! Extractor crates panic on damaged files, loop on some, and a small decompression bomb can
//! drive one to gigabytes. So the text is taken out in a child process, by default of the
//! `imrcheck` executable itself (its hidden `__extract-pdf` command, [`serve_child`]), with a
//! memory limit and a time limit: whatever happens inside becomes this letter's
//! [`PdfError`], and the rest of an audit goes on.
//!
//! Two extractors: [`Extractor::Builtin`] (the pure-Rust `pdf-extract` crate, always there) and
//! [`Extractor::Pdftotext`] (poppler's `pdftotext`, where it is installed). See
//! `docs/measurements/pdf.md` for how they compare.

use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// The hidden subcommand of the `imrcheck` executable that extracts one PDF read on stdin.
pub const CHILD_COMMAND: &str = "__extract-pdf";

/// The line the child writes before its JSON answer (anything an extractor prints before it
/// is ignored).
const ANSWER_MARK: &str = "\n--imrcheck-pdf-answer--\n";

/// A PDF whose text runs past 256 MiB (no letter is that long).
const TOO_MUCH_TEXT: &str = "its text runs past 256 MiB and reading was stopped (a decompression bomb?)";

/// Environment variable naming the `imrcheck` executable to extract in, for library users whose
/// own executable is not `imrcheck`.
pub const EXE_ENV: &str = "IMRCHECK_EXE";

/// Environment variable that turns on the test hooks: a PDF holding `%imrcheck-test:panic`,
/// `%imrcheck-test:hang` or `%imrcheck-test:bloat` then makes the extractor panic, hang or
/// allocate without bound, as a hostile file can. Off unless set.
pub const TEST_HOOKS_ENV: &str = "IMRCHECK_TEST_HOOKS";

/// True when the bytes are a PDF: `%PDF-` and a version digit within the first 1,024 bytes
/// (where PDF readers look for it), whatever the file is called.
pub fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(6).any(|w| &w[..5] == b"%PDF-" && w[5].is_ascii_digit())
}

/// Which program takes the text out of a PDF.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Extractor {
    /// The pure-Rust `pdf-extract` crate, built in (the default: nothing to install).
    #[default]
    Builtin,
    /// Poppler's `pdftotext` at this path.
    Pdftotext(PathBuf),
}

impl Extractor {
    /// The name reports give (`extractor` in the JSON).
    pub fn name(&self) -> &'static str {
        match self {
            Extractor::Builtin => "pdf-extract",
            Extractor::Pdftotext(_) => "pdftotext",
        }
    }
}

/// `pdftotext` on the `PATH`, if it is installed.
pub fn find_pdftotext() -> Option<PathBuf> {
    let exe = format!("pdftotext{}", std::env::consts::EXE_SUFFIX);
    std::env::split_paths(&std::env::var_os("PATH")?).map(|d| d.join(&exe)).find(|p| p.is_file())
}

/// Where extraction runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Isolation {
    /// In a child process of this `imrcheck` executable (`None`: the running executable if it is
    /// `imrcheck`, else the one named by `IMRCHECK_EXE`; without either, in this process, with
    /// a warning on the letter).
    Child(Option<PathBuf>),
    /// In this process: panics are caught, but a hang or a memory blow-up is not contained.
    InProcess,
}

impl Default for Isolation {
    fn default() -> Self {
        Isolation::Child(None)
    }
}

/// Limits on one PDF's extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Wall-clock time.
    pub timeout: Duration,
    /// Address space of the extracting process, in MiB.
    pub memory_mib: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { timeout: Duration::from_secs(30), memory_mib: 1024 }
    }
}

/// How PDFs are read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PdfOptions {
    /// The extractor.
    pub extractor: Extractor,
    /// Where it runs.
    pub isolation: Isolation,
    /// Its limits.
    pub limits: Limits,
}

/// The text of a PDF, page by page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extracted {
    /// Each page's text, as the extractor gives it.
    pub pages: Vec<String>,
    /// Problems that did not stop the reading (a damaged page, pages without text).
    pub warnings: Vec<String>,
    /// The extractor's name.
    pub extractor: String,
    /// The file is damaged: some of its text may be missing or garbled (the warnings say where).
    #[serde(default)]
    pub damaged: bool,
}

/// Why a PDF gives no letter text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum PdfError {
    /// Pages, but no text on any of them: an image of paper.
    #[error("no text layer ({pages} page{}): the letter looks scanned; run OCR first, e.g. ocrmypdf", if *pages == 1 { "" } else { "s" })]
    Scanned {
        /// Number of pages.
        pages: usize,
    },
    /// Encrypted with a user password.
    #[error("the PDF is password-protected: it cannot be opened without its password (save a copy without the password, e.g. qpdf --password=PASSWORD --decrypt in.pdf out.pdf)")]
    Encrypted,
    /// Truncated or damaged past reading.
    #[error("the PDF is damaged: {0}")]
    Damaged(String),
    /// Extraction ran past the time limit.
    #[error("reading the PDF took longer than {0} s and was stopped (a damaged or hostile file?)")]
    Timeout(u64),
    /// Extraction ran past the memory limit.
    #[error("reading the PDF needed more than {0} MiB of memory and was stopped (a decompression bomb?)")]
    Memory(u64),
    /// The extractor crashed.
    #[error("the PDF extractor crashed on this file ({0}); the file is probably damaged")]
    Crashed(String),
    /// The extractor could not be run.
    #[error("cannot run the PDF extractor: {0}")]
    Extractor(String),
}

impl PdfError {
    /// A short name for the kind of failure (`error_kind` in the JSON).
    pub fn kind(&self) -> &'static str {
        match self {
            PdfError::Scanned { .. } => "scanned",
            PdfError::Encrypted => "encrypted",
            PdfError::Damaged(_) => "damaged",
            PdfError::Timeout(_) => "timeout",
            PdfError::Memory(_) => "memory",
            PdfError::Crashed(_) => "crashed",
            PdfError::Extractor(_) => "extractor",
        }
    }
}

/// Take the text out of a PDF as `options` say. Never panics, hangs past the time limit (with
/// child isolation) or lets a hostile file take the caller down.
pub fn extract(bytes: &[u8], options: &PdfOptions) -> Result<Extracted, PdfError> {
    match &options.isolation {
        Isolation::InProcess => extract_here(bytes, &options.extractor, &options.limits),
        Isolation::Child(exe) => match exe.clone().or_else(imrcheck_exe) {
            Some(exe) => extract_in_child(&exe, bytes, &options.extractor, &options.limits),
            None => extract_here(bytes, &options.extractor, &options.limits).map(|mut e| {
                e.warnings.push(format!(
                    "extracted inside this process: no imrcheck executable was found to isolate it in (set {EXE_ENV})"
                ));
                e
            }),
        },
    }
}

/// The `imrcheck` executable to extract in: `IMRCHECK_EXE`, else the running executable when
/// it is `imrcheck`.
pub fn imrcheck_exe() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(EXE_ENV) {
        return Some(PathBuf::from(p));
    }
    let me = std::env::current_exe().ok()?;
    (me.file_stem()? == "imrcheck").then_some(me)
}

/// Extract in this process (the child does this). Panics inside the extractor are caught; a
/// page that fails is left empty with a warning.
pub fn extract_here(bytes: &[u8], extractor: &Extractor, limits: &Limits) -> Result<Extracted, PdfError> {
    let raw = match extractor {
        Extractor::Builtin => match std::panic::catch_unwind(|| {
            test_hooks(bytes);
            builtin(bytes)
        }) {
            Ok(r) => r,
            Err(p) => Err(PdfError::Crashed(panic_message(p.as_ref()))),
        },
        Extractor::Pdftotext(path) => {
            test_hooks(bytes);
            pdftotext(path, bytes, limits)
        }
    }?;
    check_text_layer(raw)
}

/// A test hook (off unless `IMRCHECK_TEST_HOOKS` is set): behave as a hostile file makes an
/// extractor behave.
fn test_hooks(bytes: &[u8]) {
    if std::env::var_os(TEST_HOOKS_ENV).is_none() {
        return;
    }
    let has = |m: &[u8]| bytes.windows(m.len()).any(|w| w == m);
    if has(b"%imrcheck-test:panic") {
        panic!("test hook: the extractor panics");
    }
    if has(b"%imrcheck-test:hang") {
        loop {
            std::thread::sleep(Duration::from_secs(1));
        }
    }
    if has(b"%imrcheck-test:bloat") {
        let mut hoard: Vec<Vec<u8>> = Vec::new();
        loop {
            hoard.push(vec![1u8; 64 << 20]);
        }
    }
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_owned())
}

/// A PDF whose pages give (almost) no text is a scan; one with some empty pages gets a warning.
fn check_text_layer(mut e: Extracted) -> Result<Extracted, PdfError> {
    let texty = |p: &str| p.chars().filter(|c| c.is_alphanumeric()).count() >= 3;
    let with_text = e.pages.iter().filter(|p| texty(p)).count();
    if e.pages.is_empty() {
        return Err(PdfError::Damaged("it has no pages".into()));
    }
    if with_text == 0 {
        // No text because the file is damaged is not a scan.
        if e.damaged {
            return Err(PdfError::Damaged(format!("no text could be read ({})", e.warnings.join("; "))));
        }
        return Err(PdfError::Scanned { pages: e.pages.len() });
    }
    let empty: Vec<String> =
        e.pages.iter().enumerate().filter(|(_, p)| !texty(p)).map(|(i, _)| (i + 1).to_string()).collect();
    if !empty.is_empty() {
        e.warnings.push(format!(
            "page{} {} of {} {} no text layer (scanned?); the letter may be incomplete",
            if empty.len() == 1 { "" } else { "s" },
            empty.join(", "),
            e.pages.len(),
            if empty.len() == 1 { "has" } else { "have" }
        ));
    }
    Ok(e)
}

/// The built-in extractor, page by page.
fn builtin(bytes: &[u8]) -> Result<Extracted, PdfError> {
    use pdf_extract::{Document, Error};
    let mut doc = Document::load_mem(bytes).map_err(|e| PdfError::Damaged(load_problem(bytes, &e.to_string())))?;
    if doc.is_encrypted() {
        if let Err(e) = doc.decrypt("") {
            return Err(match e {
                Error::Decryption(_) | Error::InvalidPassword => PdfError::Encrypted,
                other => PdfError::Damaged(format!("it is encrypted and cannot be decrypted ({other})")),
            });
        }
    }
    let pages = doc.get_pages();
    let mut out = Extracted { extractor: Extractor::Builtin.name().into(), ..Default::default() };
    for (&n, &id) in &pages {
        for stream in doc.get_page_contents(id) {
            let bad = match doc.get_object(stream).and_then(|o| o.as_stream()) {
                Ok(s) => stream_problem(s),
                Err(e) => Some(e.to_string()),
            };
            if let Some(why) = bad {
                out.warnings.push(format!("page {n}: its content is damaged ({why}); the text may be incomplete"));
                out.damaged = true;
                break;
            }
        }
        let page = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut s = String::new();
            let mut output = pdf_extract::PlainTextOutput::new(&mut s);
            pdf_extract::output_doc_page(&doc, &mut output, n).map(|()| s)
        }));
        match page {
            Ok(Ok(s)) => out.pages.push(s),
            Ok(Err(e)) => {
                out.warnings.push(format!("page {n} could not be read ({e}); its text is missing"));
                out.damaged = true;
                out.pages.push(String::new());
            }
            Err(p) => {
                out.damaged = true;
                out.warnings.push(format!(
                    "page {n}: the extractor failed on it ({}); its text is missing",
                    panic_message(p.as_ref())
                ));
                out.pages.push(String::new());
            }
        }
    }
    // Pages that set type in fonts yet gave no text are damaged, not scanned (a scan has no fonts;
    // an OCR'd one has fonts and text).
    let texty = |p: &String| p.chars().any(char::is_alphanumeric);
    if !out.pages.iter().any(texty) && pages.values().any(|&id| doc.get_page_fonts(id).is_ok_and(|f| !f.is_empty())) {
        out.warnings.push("its pages use fonts, yet no text could be taken out of them".into());
        out.damaged = true;
    }
    Ok(out)
}

/// What is wrong with a page's content stream, if anything. lopdf passes over a damaged
/// compressed stream in silence (keeping what inflated before the damage), so a Flate stream is
/// inflated here too, into nothing, at most 64 MiB of it.
fn stream_problem(s: &pdf_extract::Stream) -> Option<String> {
    let filters = s.filters().unwrap_or_default();
    if filters.first().is_some_and(|f| f == b"FlateDecode") {
        let mut inflate = flate2::read::ZlibDecoder::new(s.content.as_slice()).take(64 << 20);
        if let Err(e) = std::io::copy(&mut inflate, &mut std::io::sink()) {
            return Some(format!("its compressed data is corrupt: {e}"));
        }
    }
    None
}

/// Why a PDF could not be opened, in words.
fn load_problem(bytes: &[u8], detail: &str) -> String {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    let ends = tail.windows(5).any(|w| w == b"%%EOF");
    if !ends {
        format!("it looks truncated (it does not end with %%EOF) and no text could be read ({detail})")
    } else {
        format!("no text could be read ({detail})")
    }
}

/// Poppler's `pdftotext`, reading the PDF on stdin; pages are separated by form feeds.
fn pdftotext(path: &Path, bytes: &[u8], limits: &Limits) -> Result<Extracted, PdfError> {
    let mut cmd = Command::new(path);
    cmd.args(["-enc", "UTF-8", "-eol", "unix", "-", "-"]);
    // The child's own limit is a little shorter than its parent's, so that pdftotext is ended here
    // rather than left running when the parent gives up.
    let timeout = limits.timeout.saturating_sub(Duration::from_millis(500)).max(Duration::from_millis(500));
    let run = run_limited(cmd, bytes, timeout, 256 << 20)
        .map_err(|e| PdfError::Extractor(format!("{}: {e}", path.display())))?;
    if run.timed_out {
        return Err(PdfError::Timeout(limits.timeout.as_secs()));
    }
    if run.overflow {
        return Err(PdfError::Damaged(TOO_MUCH_TEXT.into()));
    }
    let stderr = String::from_utf8_lossy(&run.stderr);
    if !run.status.success() {
        if stderr.contains("Incorrect password") {
            return Err(PdfError::Encrypted);
        }
        if let Some(e) = signal_problem(&run.status, &stderr, limits) {
            return Err(e);
        }
        let first = stderr.lines().find(|l| !l.trim().is_empty()).unwrap_or("no message").trim();
        return Err(PdfError::Damaged(load_problem(bytes, &format!("pdftotext: {first}"))));
    }
    let text = String::from_utf8_lossy(&run.stdout);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    // pdftotext ends every page with a form feed: the piece after the last one is not a page.
    if pages.len() > 1 && pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    let mut warnings = Vec::new();
    let mut damaged = false;
    let errors = stderr.lines().filter(|l| l.contains("Error")).count();
    if errors > 0 {
        damaged = true;
        warnings.push(format!(
            "pdftotext reported {errors} error{} reading the file; the text may be incomplete or garbled",
            if errors == 1 { "" } else { "s" }
        ));
    }
    Ok(Extracted { pages, warnings, extractor: "pdftotext".into(), damaged })
}

/// What a process that died by a signal or an abort tells of its cause.
fn signal_problem(status: &ExitStatus, stderr: &str, limits: &Limits) -> Option<PdfError> {
    if stderr.contains("memory allocation of") || stderr.contains("out of memory") || stderr.contains("bad_alloc") {
        return Some(PdfError::Memory(limits.memory_mib));
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            return Some(match sig {
                // SIGXCPU: the CPU-time limit.
                24 => PdfError::Timeout(limits.timeout.as_secs()),
                _ => PdfError::Crashed(format!("killed by signal {sig}")),
            });
        }
    }
    let _ = status;
    None
}

/// A finished (or stopped) child process.
struct Run {
    status: ExitStatus,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    timed_out: bool,
    /// It wrote more than it was allowed to (the rest was read and dropped).
    overflow: bool,
}

/// Run `cmd` with `input` on its stdin, for at most `timeout`; keep at most `max_out` bytes of
/// its stdout (a process that writes more is stopped).
fn run_limited(mut cmd: Command, input: &[u8], timeout: Duration, max_out: usize) -> std::io::Result<Run> {
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn()?;
    let start = Instant::now();
    let stdin = child.stdin.take();
    let stdout = child.stdout.take();
    let stderr = child.stderr.take();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            if let Some(mut w) = stdin {
                // A child that stops reading (it crashed) closes the pipe: not our error.
                let _ = w.write_all(input);
            }
        });
        // The stdout reader says when the pipe closes: the child has ended (or closed it), so the
        // wait below wakes at once rather than on a polling tick.
        let (closed, ended) = std::sync::mpsc::channel();
        let out = scope.spawn(move || {
            let r = read_capped(stdout, max_out);
            let _ = closed.send(());
            r
        });
        let err = scope.spawn(move || read_capped(stderr, 64 << 10));
        let _ = ended.recv_timeout(timeout);
        let mut timed_out = false;
        let status = loop {
            if let Some(status) = child.try_wait()? {
                break status;
            }
            if start.elapsed() > timeout {
                timed_out = true;
                let _ = child.kill();
                break child.wait()?;
            }
            std::thread::sleep(Duration::from_millis(2));
        };
        let (stdout, overflow) = out.join().unwrap_or_default();
        let (stderr, _) = err.join().unwrap_or_default();
        Ok(Run { status, stdout, stderr, timed_out, overflow })
    })
}

/// Read a pipe to its end, keeping at most `cap` bytes; true when it held more.
fn read_capped(pipe: Option<impl Read>, cap: usize) -> (Vec<u8>, bool) {
    let mut kept = Vec::new();
    let Some(mut pipe) = pipe else { return (kept, false) };
    let mut buf = [0u8; 64 << 10];
    let mut over = false;
    loop {
        match pipe.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if kept.len() + n > cap {
                    over = true;
                    continue;
                }
                kept.extend_from_slice(&buf[..n]);
            }
        }
    }
    (kept, over)
}

/// The message of a panic (the line after "panicked at"), or else the first line of stderr that
/// is not backtrace noise.
fn crash_message(stderr: &str) -> Option<String> {
    let mut lines = stderr.lines().map(str::trim).filter(|l| !l.is_empty());
    let noise = |l: &str| l.starts_with("stack backtrace") || l.starts_with("note:") || l.starts_with("thread '");
    let mut first = None;
    while let Some(l) = lines.next() {
        if l.contains("panicked at") {
            return lines.next().map(|m| format!("panic: {m}"));
        }
        if first.is_none() && !noise(l) {
            first = Some(l.to_owned());
        }
    }
    first
}

/// Extract in a child process: `exe __extract-pdf`, the PDF on its stdin, the answer on its
/// stdout; a crash, a hang or a memory blow-up there is this PDF's error.
pub fn extract_in_child(
    exe: &Path,
    bytes: &[u8],
    extractor: &Extractor,
    limits: &Limits,
) -> Result<Extracted, PdfError> {
    let mut cmd = Command::new(exe);
    // A panic in the child is reported by its exit, not its backtrace: capturing and
    // symbolising one can take seconds on a loaded machine and run into the time limit.
    cmd.env("RUST_BACKTRACE", "0").env("RUST_LIB_BACKTRACE", "0");
    // The imrcheck binary allocates with mimalloc, which reserves address space 1 GiB at a time:
    // under the child's address-space limit (1 GiB by default) that reservation failed and the
    // child aborted on an ordinary PDF. Reserved 16 MiB at a time, it keeps within the limit.
    cmd.env("MIMALLOC_ARENA_RESERVE", "16MiB");
    cmd.arg(CHILD_COMMAND)
        .arg("--memory-mib")
        .arg(limits.memory_mib.to_string())
        .arg("--timeout-secs")
        .arg(limits.timeout.as_secs().max(1).to_string());
    if let Extractor::Pdftotext(p) = extractor {
        cmd.arg("--pdftotext").arg(p);
    }
    let run = run_limited(cmd, bytes, limits.timeout, 256 << 20)
        .map_err(|e| PdfError::Extractor(format!("cannot start {}: {e}", exe.display())))?;
    if run.timed_out {
        return Err(PdfError::Timeout(limits.timeout.as_secs()));
    }
    if run.overflow {
        return Err(PdfError::Damaged(TOO_MUCH_TEXT.into()));
    }
    let stdout = String::from_utf8_lossy(&run.stdout);
    if let Some(at) = stdout.rfind(ANSWER_MARK) {
        let answer: Result<Result<Extracted, PdfError>, _> = serde_json::from_str(&stdout[at + ANSWER_MARK.len()..]);
        return match answer {
            Ok(r) => r,
            Err(e) => Err(PdfError::Extractor(format!("{} gave an answer imrcheck cannot read ({e})", exe.display()))),
        };
    }
    let stderr = String::from_utf8_lossy(&run.stderr);
    if let Some(e) = signal_problem(&run.status, &stderr, limits) {
        return Err(e);
    }
    Err(PdfError::Crashed(crash_message(&stderr).unwrap_or_else(|| run.status.to_string())))
}

/// The child's side (`imrcheck __extract-pdf`): limit this process's memory and CPU time, read
/// a PDF on stdin, extract, and write the answer to stdout. Returns the exit code.
pub fn serve_child(extractor: &Extractor, limits: &Limits) -> u8 {
    limit_self(limits);
    let mut bytes = Vec::new();
    if std::io::stdin().lock().read_to_end(&mut bytes).is_err() {
        return 2;
    }
    let answer = extract_here(&bytes, extractor, limits);
    let json = serde_json::to_string(&answer).unwrap_or_else(|e| {
        serde_json::to_string(&Err::<Extracted, _>(PdfError::Extractor(format!("cannot encode the text: {e}"))))
            .unwrap_or_default()
    });
    let mut out = std::io::stdout().lock();
    if write!(out, "{ANSWER_MARK}{json}").and_then(|()| out.flush()).is_err() {
        return 2;
    }
    0
}

#[cfg(unix)]
fn limit_self(limits: &Limits) {
    let bytes = limits.memory_mib.saturating_mul(1 << 20);
    let _ = rlimit::setrlimit(rlimit::Resource::AS, bytes, bytes);
    // A CPU-time limit too, which the extractor's own children (pdftotext) inherit.
    let secs = limits.timeout.as_secs().saturating_add(2);
    let _ = rlimit::setrlimit(rlimit::Resource::CPU, secs, secs);
}

#[cfg(not(unix))]
fn limit_self(_: &Limits) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_pdfs_by_their_header() {
        assert!(is_pdf(b"%PDF-1.7\n..."));
        assert!(is_pdf(b"junk before\n%PDF-1.4\n"));
        assert!(!is_pdf(b"This is not a PDF, just a text file named .pdf"));
        assert!(!is_pdf(b""));
        assert!(!is_pdf(b"%PDF-"));
    }

    #[test]
    fn scans_are_named_and_empty_pages_warned() {
        let e = |pages: &[&str]| Extracted {
            pages: pages.iter().map(|p| (*p).to_owned()).collect(),
            warnings: Vec::new(),
            extractor: "x".into(),
            damaged: false,
        };
        assert_eq!(check_text_layer(e(&["\n", " "])), Err(PdfError::Scanned { pages: 2 }));
        assert_eq!(
            PdfError::Scanned { pages: 2 }.to_string(),
            "no text layer (2 pages): the letter looks scanned; run OCR first, e.g. ocrmypdf"
        );
        let ok = check_text_layer(e(&["IMR letter text", ""])).expect("read");
        assert_eq!(ok.warnings, vec!["page 2 of 2 has no text layer (scanned?); the letter may be incomplete"]);
    }

    #[test]
    fn a_damaged_pdf_is_an_error_not_a_panic() {
        let r = extract_here(b"%PDF-1.4\n1 0 obj << /Type /Catalog", &Extractor::Builtin, &Limits::default());
        assert!(matches!(r, Err(PdfError::Damaged(ref m)) if m.contains("truncated")), "{r:?}");
    }
}
