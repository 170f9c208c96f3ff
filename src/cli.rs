//! The command line: parse arguments (clap), load rules, run a command, and map the outcome to
//! an exit code. The work itself is in the library.

use clap::{Args, Parser, Subcommand, ValueEnum};
use imrcheck::diagnostics::{render_width, RulesError};
use imrcheck::domain::Date;
use imrcheck::rules::{self, Loaded};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

// The standard printing macros panic when their stream is closed (`imrcheck rules schema | head
// -1`); these write or quietly give up, as a reader that went away is no error.
macro_rules! println {
    ($($t:tt)*) => {{ let _ = writeln!(std::io::stdout(), $($t)*); }};
}
macro_rules! print {
    ($($t:tt)*) => {{ let _ = write!(std::io::stdout(), $($t)*); }};
}
macro_rules! eprintln {
    ($($t:tt)*) => {{ let _ = writeln!(std::io::stderr(), $($t)*); }};
}

/// Exit codes (docs/cli.md).
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// The check found what `--fail-on` asked to fail on.
    pub const FOUND: u8 = 1;
    /// Usage, input or rule-file error.
    pub const ERROR: u8 = 2;
}

/// The exit codes, for `--help` (the same table is in docs/cli.md).
const EXIT_CODES: &str = "\
Exit codes:
  0    success (audit: also when some letters could not be read; they are in the report)
  1    audit --fail-on found what it names; rules test had a failing example;
       eval scored a field below --min-accuracy
  2    usage error; a rule file error (nothing is audited); check on a letter that
       could not be read; an output that could not be written; rules impact on paths
       holding no letters
  130  interrupted (Ctrl-C, SIGTERM, SIGHUP)";

/// Audit IMR decision letters against MTUS visit limits.
#[derive(Debug, Parser)]
#[command(name = "imrcheck", version, about, long_about = None, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
struct RuleArgs {
    /// Use the rules in DIR instead of the embedded defaults.
    #[arg(long, value_name = "DIR", global = true)]
    rules: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ExtractorChoice {
    /// The built-in pure-Rust extractor (pdf-extract): nothing to install.
    Builtin,
    /// Poppler's pdftotext, found on PATH (or given with --pdftotext).
    Pdftotext,
}

/// How PDF letters are read.
#[derive(Debug, Args)]
struct PdfArgs {
    /// PDF text extractor.
    #[arg(long, value_enum, default_value_t = ExtractorChoice::Builtin)]
    extractor: ExtractorChoice,
    /// Use poppler's pdftotext at PATH for PDFs (implies --extractor pdftotext).
    #[arg(long, value_name = "PATH")]
    pdftotext: Option<PathBuf>,
    /// Stop reading a PDF after this many seconds (it becomes that letter's error).
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pdf_timeout: u64,
    /// Stop reading a PDF that needs more than this much memory, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = 1024)]
    pdf_memory: u64,
}

impl PdfArgs {
    fn options(&self) -> Result<imrcheck::pdf::PdfOptions, String> {
        use imrcheck::pdf::{Extractor, Isolation, Limits, PdfOptions};
        let extractor = match (&self.pdftotext, self.extractor) {
            (Some(p), _) => Extractor::Pdftotext(p.clone()),
            (None, ExtractorChoice::Pdftotext) => match imrcheck::pdf::find_pdftotext() {
                Some(p) => Extractor::Pdftotext(p),
                None => {
                    return Err("pdftotext is not on PATH: install poppler (Debian: poppler-utils) or name it with --pdftotext PATH".into())
                }
            },
            (None, ExtractorChoice::Builtin) => Extractor::Builtin,
        };
        if let Extractor::Pdftotext(p) = &extractor {
            if !p.is_file() {
                return Err(format!("--pdftotext {}: no such file", p.display()));
            }
        }
        Ok(PdfOptions {
            extractor,
            // In a child process of this very executable.
            isolation: Isolation::Child(std::env::current_exe().ok()),
            limits: Limits {
                timeout: std::time::Duration::from_secs(self.pdf_timeout.max(1)),
                memory_mib: self.pdf_memory.max(64),
            },
        })
    }
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum AuditFormat {
    /// One line per item under its letter, then the summary: for a person at a terminal.
    Table,
    Jsonl,
    Csv,
    Markdown,
    Html,
    /// An Excel workbook (needs --output): a summary sheet and an items sheet.
    Xlsx,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ImpactFormat {
    Text,
    Csv,
    Json,
    Html,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum FailOn {
    /// An item whose decision disagrees with the rules.
    Disagreement,
    /// A letter that could not be read.
    Error,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum CheckFormat {
    Human,
    Json,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Explain each disputed item of one or more letters.
    #[command(after_help = EXIT_CODES)]
    Check {
        /// Letters: text files or PDFs; - reads one letter from standard input.
        #[arg(required = true)]
        letters: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// Date to choose rule versions by when a letter gives none (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        as_of: Option<Date>,
        /// Colour.
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        /// The largest letter read (bytes, or with K, M or G); a larger file is an error.
        #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "2M")]
        max_letter_size: u64,
        #[command(flatten)]
        rules: RuleArgs,
        #[command(flatten)]
        pdf: PdfArgs,
    },
    /// Print a letter's text as imrcheck reads it (a PDF's extracted text).
    ///
    /// Every span and line in a report points into exactly this text.
    Text {
        /// A letter: text file or PDF; - reads it from standard input.
        letter: PathBuf,
        #[command(flatten)]
        pdf: PdfArgs,
    },
    /// Audit a corpus: files, directories (recursively, *.txt and *.pdf), or - to read paths
    /// from stdin.
    #[command(after_help = EXIT_CODES)]
    Audit {
        /// Letters, directories, or - for a list of paths on stdin.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format [default: table when the output is a terminal, jsonl otherwise].
        #[arg(long, value_enum)]
        format: Option<AuditFormat>,
        /// Write to FILE (atomically: a temporary file renamed into place) instead of stdout.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Exit 1 when any item disagrees with the rules, or any letter could not be read.
        #[arg(long, value_enum)]
        fail_on: Vec<FailOn>,
        /// Date to choose rule versions by when a letter gives none (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        as_of: Option<Date>,
        /// Progress bar on stderr.
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        progress: ColorChoice,
        /// The largest letter read (bytes, or with K, M or G); a larger file is an error for that
        /// letter alone.
        #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "2M")]
        max_letter_size: u64,
        #[command(flatten)]
        rules: RuleArgs,
        #[command(flatten)]
        pdf: PdfArgs,
    },
    /// Score extraction and verdicts against labelled letters (NAME.txt + NAME.yaml).
    #[command(after_help = EXIT_CODES)]
    Eval {
        /// Directory of labelled letters.
        dir: PathBuf,
        /// Exit 1 when any field scores below this accuracy (0-100).
        #[arg(long, value_name = "PERCENT")]
        min_accuracy: Option<f64>,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Work with rule files.
    #[command(after_help = EXIT_CODES)]
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Print a shell completion script.
    ///
    /// For example: `imrcheck completions bash >
    /// ~/.local/share/bash-completion/completions/imrcheck`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write one page per command into a directory.
    Man {
        /// Write imrcheck.1 and a page for each subcommand (imrcheck-audit.1, ...) into DIR.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Internal: extract one PDF read on stdin, under limits (the isolated child of check and
    /// audit).
    #[command(name = "__extract-pdf", hide = true)]
    ExtractPdf {
        /// Address-space limit, in MiB.
        #[arg(long, default_value_t = 1024)]
        memory_mib: u64,
        /// Time limit, in seconds.
        #[arg(long, default_value_t = 30)]
        timeout_secs: u64,
        /// Use pdftotext at PATH.
        #[arg(long)]
        pdftotext: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
enum RulesCommand {
    /// List the loaded rules.
    List {
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Show which items' verdicts change between the embedded rules (or --base DIR) and DIR,
    /// and the agreement rate before and after.
    Impact {
        /// The edited rules directory.
        dir: PathBuf,
        /// Letters or directories to compare on.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Compare against this rules directory instead of the embedded defaults.
        #[arg(long, value_name = "DIR")]
        base: Option<PathBuf>,
        /// Output format: text (for a person), csv (one row per changed item; the figures go to
        /// FILE.summary.csv, or stderr), json, or html (one self-contained page).
        #[arg(long, value_enum, default_value_t = ImpactFormat::Text)]
        format: ImpactFormat,
        /// Write to FILE (atomically) instead of stdout.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write the embedded default rules (and vocabulary) to DIR, to edit and use with --rules.
    Export {
        /// Directory to create or fill; existing files are not overwritten.
        dir: PathBuf,
    },
    /// Print the JSON Schema of rule files (or, with --vocabulary, of vocabulary.yaml).
    Schema {
        /// The vocabulary file's schema instead.
        #[arg(long)]
        vocabulary: bool,
    },
    /// Run the examples in the rule files and report each failure as expected versus got.
    Test {
        /// Rules directory.
        dir: Option<PathBuf>,
    },
    /// Validate a rules directory (default: the embedded rules) and report every problem.
    Check {
        /// Rules directory.
        dir: Option<PathBuf>,
        /// Colour.
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
    },
}

/// A size in bytes: digits, optionally followed by K, M or G (powers of 1024; "KB", "KiB",
/// "MB" and so on are read alike).
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (n, unit) = t.split_at(digits);
    let scale: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return Err(format!("`{s}` is not a size; write e.g. 2M, 500K or 1048576")),
    };
    n.parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(scale))
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("`{s}` is not a size; write e.g. 2M, 500K or 1048576"))
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse_iso(s).ok_or_else(|| format!("`{s}` is not a date; write YYYY-MM-DD"))
}

fn use_color(c: ColorChoice, stream_is_tty: bool) -> bool {
    match c {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stream_is_tty && env_allows_color(std::env::var_os("NO_COLOR"), std::env::var_os("TERM")),
    }
}

/// Whether the environment lets a terminal have colour: no-color.org says only a `NO_COLOR`
/// that is set and not empty turns it off; a `TERM=dumb` terminal cannot show it.
fn env_allows_color(no_color: Option<std::ffi::OsString>, term: Option<std::ffi::OsString>) -> bool {
    no_color.is_none_or(|v| v.is_empty()) && term.is_none_or(|t| t != "dumb")
}

/// Whether a terminal can redraw a progress bar in place (not on `TERM=dumb`).
fn terminal_can_redraw() -> bool {
    std::env::var_os("TERM").is_none_or(|t| t != "dumb")
}

/// The width to wrap a report to: the terminal's when the stream is one, else `COLUMNS`, else
/// 80 on a terminal whose size is unknown and 100 in a file or pipe (the width reports had
/// before, so saved outputs do not change).
fn width_for(stream_is_tty: bool, terminal: Option<u16>, columns: Option<&str>) -> usize {
    let columns = columns.and_then(|c| c.trim().parse::<usize>().ok()).filter(|c| *c > 0);
    let w = match (stream_is_tty, terminal) {
        (true, Some(w)) if w > 0 => usize::from(w),
        (true, _) => columns.unwrap_or(80),
        (false, _) => columns.unwrap_or(100),
    };
    // Narrower than this, a diagnostic's source lines and labels have no room at all.
    w.clamp(40, 1000)
}

/// The width of stdout (`stdout` true) or stderr, as [`width_for`] takes it.
fn stream_width(stdout: bool) -> usize {
    let (tty, size) = if stdout {
        (std::io::stdout().is_terminal(), terminal_size::terminal_size_of(std::io::stdout()))
    } else {
        (std::io::stderr().is_terminal(), terminal_size::terminal_size_of(std::io::stderr()))
    };
    width_for(tty, size.map(|(w, _)| w.0), std::env::var("COLUMNS").ok().as_deref())
}

/// The command line as a person uses it: without the hidden internal subcommand, which bash
/// completion scripts would otherwise offer.
fn public_command() -> clap::Command {
    let full = <Cli as clap::CommandFactory>::command();
    let visible: Vec<clap::Command> = full.get_subcommands().filter(|c| !c.is_hide_set()).cloned().collect();
    let mut public = clap::Command::new("imrcheck").version(env!("CARGO_PKG_VERSION")).after_help(EXIT_CODES);
    if let Some(about) = full.get_about() {
        public = public.about(about.clone());
    }
    public.subcommands(visible)
}

/// How a letter read from standard input is named in reports.
const STDIN_NAME: &str = "<stdin>";

/// A path as reports name it (`-` is standard input).
fn display_name(p: &std::path::Path) -> String {
    if p.as_os_str() == "-" {
        STDIN_NAME.to_owned()
    } else {
        // Printed on the terminal: a name's control characters are shown, not obeyed.
        imrcheck::report::terminal_safe(&p.display().to_string()).into_owned()
    }
}

/// Read one letter from standard input, bounded as a file would be: a PDF may be
/// [`imrcheck::PDF_SIZE_FACTOR`] times the text limit, and `check_bytes` holds text to the
/// limit itself.
fn read_stdin_letter(max_letter_size: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let limit = max_letter_size.saturating_mul(imrcheck::PDF_SIZE_FACTOR);
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "standard input holds more than {limit} bytes, over the limit per letter; raise --max-letter-size to read it"
        ));
    }
    Ok(bytes)
}

fn load(dir: Option<&PathBuf>) -> Result<Loaded, RulesError> {
    match dir {
        Some(d) => rules::load_dir(d),
        None => rules::load_embedded(),
    }
}

/// The rules for checking letters: [`load`]'s, the embedded rules without their examples (only
/// `rules test` runs them).
fn load_for_letters(dir: Option<&PathBuf>) -> Result<Loaded, RulesError> {
    match dir {
        None => rules::load_embedded_for_letters(),
        dir => load(dir),
    }
}

fn print_rule_errors(err: &RulesError, color: bool) {
    let width = stream_width(false);
    let mut stderr = std::io::stderr().lock();
    for p in &err.problems {
        let _ = writeln!(stderr, "{}", render_width(p, color, width));
    }
    let _ = writeln!(stderr, "error: {err}; nothing was audited");
}

/// Run the command line; returns the exit code.
pub fn run(cli: Cli) -> u8 {
    let stderr_tty = std::io::stderr().is_terminal();
    let stdout_tty = std::io::stdout().is_terminal();
    match cli.command {
        Command::ExtractPdf { memory_mib, timeout_secs, pdftotext } => {
            let extractor = pdftotext.map(imrcheck::pdf::Extractor::Pdftotext).unwrap_or_default();
            let limits = imrcheck::pdf::Limits { timeout: std::time::Duration::from_secs(timeout_secs), memory_mib };
            imrcheck::pdf::serve_child(&extractor, &limits)
        }
        Command::Text { letter, pdf } => {
            let pdf = match pdf.options() {
                Ok(p) => p,
                Err(e) => {
                    eprintln!("error: {e}");
                    return exit::ERROR;
                }
            };
            let options = imrcheck::Options { pdf, ..Default::default() };
            let read = if letter.as_os_str() == "-" {
                read_stdin_letter(options.max_letter_size)
            } else {
                std::fs::read(&letter).map_err(|e| format!("cannot read the file: {e}"))
            };
            let letter = display_name(&letter);
            let bytes = match read {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("error: {letter}: {e}");
                    return exit::ERROR;
                }
            };
            match imrcheck::read_text(&bytes, &options) {
                Ok(t) => {
                    for w in &t.warnings {
                        eprintln!("warning: {letter}: {w}");
                    }
                    let mut out = std::io::stdout().lock();
                    if out.write_all(t.text.as_bytes()).and_then(|()| out.flush()).is_err() {
                        return exit::ERROR;
                    }
                    exit::OK
                }
                Err(e) => {
                    eprintln!("error: {letter}: {e}");
                    exit::ERROR
                }
            }
        }
        Command::Check { letters, format, as_of, color, max_letter_size, rules, pdf } => {
            let pdf = match pdf.options() {
                Ok(p) => p,
                Err(e) => {
                    eprintln!("error: {e}");
                    return exit::ERROR;
                }
            };
            let loaded = match load_for_letters(rules.rules.as_ref()) {
                Ok(l) => l,
                Err(e) => {
                    print_rule_errors(&e, use_color(color, stderr_tty));
                    return exit::ERROR;
                }
            };
            let options = imrcheck::Options { as_of, pdf, max_letter_size };
            let color = use_color(color, stdout_tty);
            let width = stream_width(true);
            let mut out = std::io::stdout().lock();
            let mut failed = false;
            for path in &letters {
                let report = if path.as_os_str() == "-" {
                    match read_stdin_letter(max_letter_size) {
                        Ok(bytes) => imrcheck::check_bytes(STDIN_NAME, &bytes, &loaded.rules, &options),
                        Err(e) => imrcheck::report::LetterReport::failed(STDIN_NAME, e),
                    }
                } else {
                    imrcheck::check_path(path, &loaded.rules, &options)
                };
                failed |= !report.errors.is_empty();
                let text = match format {
                    CheckFormat::Json => report.to_json(),
                    CheckFormat::Human => imrcheck::report::human::render(&report, color, width),
                };
                if let Err(e) = writeln!(out, "{text}") {
                    return if broken_pipe(&e) { exit::OK } else { exit::ERROR };
                }
            }
            if failed {
                exit::ERROR
            } else {
                exit::OK
            }
        }
        Command::Audit { paths, format, output, fail_on, as_of, progress, max_letter_size, rules, pdf } => {
            let pdf = match pdf.options() {
                Ok(p) => p,
                Err(e) => {
                    eprintln!("error: {e}");
                    return exit::ERROR;
                }
            };
            let loaded = match load_for_letters(rules.rules.as_ref()) {
                Ok(l) => l,
                Err(e) => {
                    print_rule_errors(&e, use_color(ColorChoice::Auto, stderr_tty));
                    return exit::ERROR;
                }
            };
            // A person at a terminal gets the table; a pipe or a file, JSON Lines as before.
            let format =
                format.unwrap_or(if output.is_none() && stdout_tty { AuditFormat::Table } else { AuditFormat::Jsonl });
            audit(
                AuditArgs { paths, format, output, fail_on, as_of, progress, pdf, max_letter_size },
                &loaded,
                Ttys { stdout: stdout_tty, stderr: stderr_tty },
            )
        }
        Command::Eval { dir, min_accuracy, rules } => {
            let loaded = match load_for_letters(rules.rules.as_ref()) {
                Ok(l) => l,
                Err(e) => {
                    print_rule_errors(&e, use_color(ColorChoice::Auto, stderr_tty));
                    return exit::ERROR;
                }
            };
            let pairs = match imrcheck::eval::labelled(&dir) {
                Ok(p) if !p.is_empty() => p,
                Ok(_) => {
                    eprintln!("error: no labelled letters (NAME.txt with NAME.yaml) in {}", dir.display());
                    return exit::ERROR;
                }
                Err(e) => {
                    eprintln!("error: cannot read {}: {e}", dir.display());
                    return exit::ERROR;
                }
            };
            if pairs.len() > 1 {
                imrcheck::pattern::many_letters();
            }
            let mut score = imrcheck::eval::Score::default();
            for (txt, yaml) in pairs {
                let labels: imrcheck::eval::Labels = match std::fs::read_to_string(&yaml)
                    .map_err(|e| e.to_string())
                    .and_then(|s| serde_yaml::from_str(&s).map_err(|e| e.to_string()))
                {
                    Ok(l) => l,
                    Err(e) => {
                        eprintln!("error: {}: {e}", yaml.display());
                        return exit::ERROR;
                    }
                };
                let report = imrcheck::check_path(&txt, &loaded.rules, &imrcheck::Options::default());
                score.add(&report, &labels);
            }
            print!("{}", score.render());
            match min_accuracy {
                Some(min) if score.worst() * 100.0 < min => exit::FOUND,
                _ => exit::OK,
            }
        }
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut public_command(), "imrcheck", &mut out);
            write_stdout(&out)
        }
        Command::Man { dir } => {
            let cmd = public_command();
            match dir {
                Some(dir) => {
                    if let Err(e) = std::fs::create_dir_all(&dir).and_then(|()| clap_mangen::generate_to(cmd, &dir)) {
                        eprintln!("error: cannot write the manual pages to {}: {e}", dir.display());
                        return exit::ERROR;
                    }
                    exit::OK
                }
                None => {
                    let mut out = Vec::new();
                    if let Err(e) = clap_mangen::Man::new(cmd).render(&mut out) {
                        eprintln!("error: cannot render the manual page: {e}");
                        return exit::ERROR;
                    }
                    write_stdout(&out)
                }
            }
        }
        Command::Rules { command } => match command {
            RulesCommand::List { rules } => match load(rules.rules.as_ref()) {
                Ok(l) => {
                    let mut out = std::io::stdout().lock();
                    let _ = writeln!(out, "{} rules from {}", l.rules.rules.len(), l.rules.origin);
                    for r in &l.rules.rules {
                        let _ = writeln!(out, "\n{}  {}, {}", r.label(), r.family.as_str(), r.dates_text());
                        let _ = writeln!(out, "  {}", r.title);
                        let figures = r.figures_text();
                        if !figures.is_empty() {
                            let _ = writeln!(out, "  figures: {figures}");
                        }
                        let _ = writeln!(out, "  source: {}", r.source);
                        let _ = writeln!(out, "  cites: {}", r.cite());
                    }
                    let _ = write!(out, "\n{}", imrcheck::rules::editions_table(&l.rules));
                    exit::OK
                }
                Err(e) => {
                    print_rule_errors(&e, use_color(ColorChoice::Auto, stderr_tty));
                    exit::ERROR
                }
            },
            RulesCommand::Impact { dir, paths, base, format, output } => {
                let color = use_color(ColorChoice::Auto, stderr_tty);
                let (old, new) = match (load(base.as_ref()), load(Some(&dir))) {
                    (Ok(o), Ok(n)) => (o, n),
                    (Err(e), _) | (_, Err(e)) => {
                        print_rule_errors(&e, color);
                        return exit::ERROR;
                    }
                };
                let inputs = imrcheck::audit::gather(&paths).inputs;
                let impact = match imrcheck::impact::compare(&inputs, &old.rules, &new.rules, &Default::default()) {
                    Ok(i) => i,
                    Err(e) => {
                        let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                        eprintln!("error: {e} in {}", names.join(", "));
                        for (l, why) in &e.errors {
                            eprintln!("  {l}: {why}");
                        }
                        return exit::ERROR;
                    }
                };
                let (body, summary) = match format {
                    ImpactFormat::Text => (impact.render_text(), None),
                    ImpactFormat::Csv => (impact.to_csv(), Some(impact.summary_csv())),
                    ImpactFormat::Json => (impact.to_json() + "\n", None),
                    ImpactFormat::Html => (impact.to_html(), None),
                };
                write_report(output.as_deref(), &body, summary.as_deref())
            }
            RulesCommand::Export { dir } => {
                if let Err(e) = std::fs::create_dir_all(&dir) {
                    eprintln!("error: cannot create {}: {e}", dir.display());
                    return exit::ERROR;
                }
                for (name, text) in rules::EMBEDDED {
                    let path = dir.join(name);
                    if path.exists() {
                        eprintln!("error: {} exists; not overwritten (export to an empty directory)", path.display());
                        return exit::ERROR;
                    }
                    // Point the schema comment at the schema files beside the rules.
                    let text = text.replace("$schema=../docs/", "$schema=./");
                    if let Err(e) = std::fs::write(&path, text) {
                        eprintln!("error: cannot write {}: {e}", path.display());
                        return exit::ERROR;
                    }
                }
                for (name, schema) in [
                    ("rules.schema.json", imrcheck::rules::rule_schema()),
                    ("vocabulary.schema.json", imrcheck::rules::vocabulary_schema()),
                ] {
                    let _ = std::fs::write(dir.join(name), schema);
                }
                println!("wrote {} rule files and their schemas to {}", rules::EMBEDDED.len(), dir.display());
                exit::OK
            }
            RulesCommand::Schema { vocabulary } => {
                println!(
                    "{}",
                    if vocabulary { imrcheck::rules::vocabulary_schema() } else { imrcheck::rules::rule_schema() }
                );
                exit::OK
            }
            RulesCommand::Test { dir } => match load(dir.as_ref()) {
                Ok(l) => {
                    let outcomes = rules::examples::run(&l.rules);
                    let failed: Vec<_> = outcomes.iter().filter(|o| !o.passed()).collect();
                    let mut out = std::io::stdout().lock();
                    let (color, width) = (use_color(ColorChoice::Auto, stdout_tty), stream_width(true));
                    for f in &failed {
                        let _ = write!(out, "{}", render_width(&f.diagnostic(), color, width));
                        let _ = writeln!(out, "  how the rule set decided:");
                        let wrap = textwrap::Options::new(width).initial_indent("    | ").subsequent_indent("    |   ");
                        for step in &f.trace {
                            let _ = writeln!(out, "{}", textwrap::fill(step, &wrap));
                        }
                        let _ = writeln!(out);
                    }
                    let _ =
                        writeln!(out, "rules test: {} passed, {} failed", outcomes.len() - failed.len(), failed.len());
                    if failed.is_empty() {
                        exit::OK
                    } else {
                        exit::FOUND
                    }
                }
                Err(e) => {
                    print_rule_errors(&e, use_color(ColorChoice::Auto, stderr_tty));
                    exit::ERROR
                }
            },
            RulesCommand::Check { dir, color } => {
                let color = use_color(color, stderr_tty);
                match load(dir.as_ref()) {
                    Ok(l) => {
                        let width = stream_width(false);
                        for w in &l.warnings {
                            eprintln!("{}", render_width(w, color, width));
                        }
                        println!(
                            "{} rules OK ({} warnings) from {}",
                            l.rules.rules.len(),
                            l.warnings.len(),
                            l.rules.origin
                        );
                        exit::OK
                    }
                    Err(e) => {
                        let width = stream_width(false);
                        for p in &e.problems {
                            eprintln!("{}", render_width(p, color, width));
                        }
                        eprintln!("error: {e}");
                        exit::ERROR
                    }
                }
            }
        },
    }
}

/// Which standard streams are terminals.
#[derive(Debug, Clone, Copy)]
struct Ttys {
    stdout: bool,
    stderr: bool,
}

struct AuditArgs {
    paths: Vec<PathBuf>,
    format: AuditFormat,
    output: Option<PathBuf>,
    fail_on: Vec<FailOn>,
    as_of: Option<Date>,
    progress: ColorChoice,
    pdf: imrcheck::pdf::PdfOptions,
    max_letter_size: u64,
}

/// Stdout, written with the progress bar (on stderr, on the same terminal) cleared first and
/// drawn again after, so rows and the bar do not mix.
struct BesideBar(indicatif::ProgressBar);

impl Write for BesideBar {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.suspend(|| {
            let mut out = std::io::stdout().lock();
            out.write_all(buf).and_then(|()| out.flush())
        })?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        std::io::stdout().flush()
    }
}

/// Write a whole report to `output` (atomically, as `audit` does) or stdout; a CSV's
/// `summary` goes beside it (`FILE.summary.csv`) or to stderr.
fn write_report(output: Option<&std::path::Path>, body: &str, summary: Option<&str>) -> u8 {
    use imrcheck::audit::OutputFile;
    let Some(path) = output else {
        if let Some(s) = summary {
            let _ = std::io::stderr().write_all(s.as_bytes());
        }
        return write_stdout(body.as_bytes());
    };
    let mut files = vec![(path.to_owned(), body)];
    if let Some(s) = summary {
        files.push((path.with_extension("summary.csv"), s));
    }
    let mut pending = Vec::new();
    for (target, text) in files {
        let written = OutputFile::create(&target).and_then(|f| {
            let mut w = f.writer()?;
            w.write_all(text.as_bytes())?;
            w.flush()?;
            Ok(f)
        });
        match written {
            Ok(f) => pending.push(f),
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", target.display());
                return exit::ERROR;
            }
        }
    }
    for f in pending {
        let target = f.target().to_owned();
        if let Err(e) = f.commit() {
            eprintln!("error: cannot move the report into place at {}: {e}", target.display());
            return exit::ERROR;
        }
    }
    exit::OK
}

/// Write `bytes` to stdout; a reader that went away is no error.
fn write_stdout(bytes: &[u8]) -> u8 {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => exit::OK,
        Err(e) if broken_pipe(&e) => exit::OK,
        Err(e) => {
            eprintln!("error: cannot write the output: {e}");
            exit::ERROR
        }
    }
}

/// Is this the error of a reader that went away (`imrcheck ... | head`)? Then the run ends
/// quietly, as ripgrep's does: the reader has what it wanted.
fn broken_pipe(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::BrokenPipe
}

fn audit(a: AuditArgs, loaded: &Loaded, tty: Ttys) -> u8 {
    use imrcheck::audit::OutputFile;
    use imrcheck::report::sinks::{Csv, Jsonl, Sink};
    if a.format == AuditFormat::Xlsx && a.output.is_none() {
        eprintln!("error: --format xlsx writes a workbook file: name it with --output FILE.xlsx; nothing was audited");
        return exit::ERROR;
    }
    // The outputs first: a directory, or a folder that cannot be written, fails the audit before
    // any letter is read. Each is written to a temporary file beside it, renamed into place only
    // when complete (an interrupted audit leaves the earlier report and no temporary file).
    let out = match &a.output {
        Some(o) => match OutputFile::create(o) {
            Ok(f) => Some(f),
            Err(e) => {
                eprintln!("error: cannot write the report to {}: {e}; nothing was audited", o.display());
                return exit::ERROR;
            }
        },
        None => None,
    };
    // A CSV's summary goes beside it (report.summary.csv), or to stderr with stdout.
    let summary_out = match (&out, a.format) {
        (Some(o), AuditFormat::Csv) => {
            let path = o.target().with_extension("summary.csv");
            match OutputFile::create(&path) {
                Ok(f) => Some(f),
                Err(e) => {
                    eprintln!("error: cannot write the summary to {}: {e}; nothing was audited", path.display());
                    return exit::ERROR;
                }
            }
        }
        _ => None,
    };
    let mut paths = Vec::new();
    for p in a.paths {
        if p.as_os_str() == "-" {
            // Bytes, not text: a path need not be UTF-8, and one that is not must not cost the list.
            let mut bytes = Vec::new();
            if let Err(e) = std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes) {
                eprintln!("error: cannot read the list of paths on stdin: {e}");
                return exit::ERROR;
            }
            paths.extend(imrcheck::audit::paths_from_bytes(&bytes));
        } else {
            paths.push(p);
        }
    }
    let show_progress = match a.progress {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => tty.stderr && terminal_can_redraw(),
    };
    let bar = if show_progress {
        // The bar's length is a count of the inputs: a walk of its own, since the audit walks
        // the tree as it goes rather than holding every path.
        let b = indicatif::ProgressBar::new(imrcheck::audit::Walk::new(paths.clone()).count() as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{spinner} {pos}/{len} letters {bar:40} {per_sec} eta {eta}")
        {
            b.set_style(style);
        }
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let writer: Box<dyn Write> = match &out {
        Some(o) => match o.writer() {
            Ok(f) => Box::new(std::io::BufWriter::new(f)),
            Err(e) => {
                eprintln!("error: cannot write the output: {e}");
                return exit::ERROR;
            }
        },
        // Rows for the terminal that also shows the progress bar: whole lines, each written with
        // the bar out of the way.
        None if tty.stdout && show_progress => Box::new(std::io::LineWriter::new(BesideBar(bar.clone()))),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let mut sink: Box<dyn Sink> = match a.format {
        AuditFormat::Table => Box::new(imrcheck::report::table::Table::new(
            writer,
            if out.is_some() { 100 } else { stream_width(true) },
            out.is_none() && use_color(ColorChoice::Auto, tty.stdout),
        )),
        AuditFormat::Jsonl => Box::new(Jsonl::new(writer)),
        AuditFormat::Csv => {
            let summary: Box<dyn Write> = match &summary_out {
                Some(s) => match s.writer() {
                    Ok(f) => Box::new(std::io::BufWriter::new(f)),
                    Err(e) => {
                        eprintln!("error: cannot write the summary: {e}");
                        return exit::ERROR;
                    }
                },
                None => Box::new(std::io::stderr()),
            };
            match Csv::new(writer, Some(summary)) {
                Ok(c) => Box::new(c),
                Err(e) if broken_pipe(&e) => return exit::OK,
                Err(e) => {
                    eprintln!("error: cannot write the output: {e}");
                    return exit::ERROR;
                }
            }
        }
        AuditFormat::Markdown => Box::new(imrcheck::report::markdown::Markdown::new(writer)),
        AuditFormat::Xlsx => {
            let file = match out.as_ref().map(OutputFile::writer) {
                Some(Ok(f)) => std::io::BufWriter::new(f),
                Some(Err(e)) => {
                    eprintln!("error: cannot write the output: {e}");
                    return exit::ERROR;
                }
                None => return exit::ERROR,
            };
            match imrcheck::report::xlsx::Xlsx::new(file) {
                Ok(x) => Box::new(x),
                Err(e) => {
                    eprintln!("error: cannot start the workbook: {e}");
                    return exit::ERROR;
                }
            }
        }
        AuditFormat::Html => match imrcheck::report::html::Html::new(writer) {
            Ok(h) => Box::new(h),
            Err(e) if broken_pipe(&e) => return exit::OK,
            Err(e) => {
                eprintln!("error: cannot create a temporary file: {e}");
                return exit::ERROR;
            }
        },
    };
    let options = imrcheck::Options { as_of: a.as_of, pdf: a.pdf, max_letter_size: a.max_letter_size };
    let mut walk = imrcheck::audit::Walk::new(paths);
    let result = imrcheck::audit::run(walk.by_ref(), &loaded.rules, &options, sink.as_mut(), |done| {
        bar.set_position(done as u64);
    });
    let skipped = walk.skipped();
    bar.finish_and_clear();
    drop(sink);
    let summary = match result {
        Ok(s) => s,
        Err(e) if broken_pipe(&e) && out.is_none() => return exit::OK,
        Err(e) => {
            eprintln!("error: writing the report failed: {e}");
            return exit::ERROR;
        }
    };
    let to_file = out.is_some();
    for file in [out, summary_out].into_iter().flatten() {
        let target = file.target().to_owned();
        if let Err(e) = file.commit() {
            eprintln!("error: cannot move the report into place at {}: {e}", target.display());
            return exit::ERROR;
        }
    }
    if tty.stderr {
        let mut err = std::io::stderr().lock();
        // The summary is shown once: a report on the terminal carries it already (the table
        // and Markdown print it, JSON Lines ends with it, a CSV's goes to stderr); a report
        // written to a file or a pipe gets it here.
        if to_file || !tty.stdout {
            let _ = write!(err, "{}", summary.render_text());
        }
        if skipped > 0 {
            let _ = writeln!(err, "{skipped} files that are neither *.txt nor *.pdf were skipped");
        }
    }
    let found = a.fail_on.iter().any(|f| match f {
        FailOn::Disagreement => summary.agreement.disagrees > 0,
        FailOn::Error => summary.letters_with_errors > 0,
    });
    if found {
        exit::FOUND
    } else {
        exit::OK
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_by_no_color_and_term() {
        let s = |v: &str| Some(std::ffi::OsString::from(v));
        assert!(env_allows_color(None, s("xterm-256color")));
        assert!(env_allows_color(None, None));
        // no-color.org: set and not empty turns colour off; empty does not.
        assert!(!env_allows_color(s("1"), s("xterm")));
        assert!(env_allows_color(s(""), s("xterm")));
        assert!(!env_allows_color(None, s("dumb")));
    }

    #[test]
    fn width_from_the_terminal_then_columns_then_a_default() {
        assert_eq!(width_for(true, Some(132), Some("90")), 132);
        assert_eq!(width_for(true, None, Some("90")), 90);
        assert_eq!(width_for(true, None, None), 80);
        assert_eq!(width_for(false, None, None), 100);
        assert_eq!(width_for(false, Some(132), Some("70")), 70);
        assert_eq!(width_for(false, None, Some("wide")), 100);
        assert_eq!(width_for(true, Some(10), None), 40, "never narrower than a diagnostic needs");
    }

    #[test]
    fn the_public_command_hides_the_internal_one() {
        let names: Vec<String> = public_command().get_subcommands().map(|c| c.get_name().to_owned()).collect();
        assert!(names.contains(&"audit".to_owned()) && names.contains(&"man".to_owned()), "{names:?}");
        assert!(!names.iter().any(|n| n.starts_with("__")), "{names:?}");
    }
}
