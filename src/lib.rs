//! imrcheck audits California workers' compensation Independent Medical Review (IMR) decision
//! letters against the visit limits of the Medical Treatment Utilization Schedule (MTUS).
//!
//! The pipeline, one module per stage:
//! bytes → ([`pdf`]: a PDF's text, page by page, taken out in an isolated child process;
//! [`source`]: pages joined, each page's start kept) → text → [`letter`] (layout, sections, disputed items) → [`extract`] (requests: every fact with
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
// Unsafe code is denied; one function allows it: loading the DFAs built at compile time without
// checking each transition again (src/pattern/prebuilt.rs). The binary's allocator
// (src/allocator.rs) is the crate's only other unsafe code.
#![deny(unsafe_code)]

pub mod audit;
pub mod decision;
pub mod diagnostics;
pub mod domain;
pub mod engine;
pub mod eval;
pub mod extract;
pub mod impact;
pub mod letter;
pub mod metadata;
pub mod pattern;
pub mod pdf;
pub mod report;
pub mod rules;
pub mod source;
pub mod span;
pub mod terms;
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
    /// How PDF letters are read.
    pub pdf: pdf::PdfOptions,
    /// The largest letter read, in bytes ([`DEFAULT_MAX_LETTER_SIZE`] by default); a larger
    /// one is an error for that letter alone. A PDF may be [`PDF_SIZE_FACTOR`] times larger (its
    /// pages are images and fonts as well as text); its extraction has limits of its own.
    pub max_letter_size: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options { as_of: None, pdf: Default::default(), max_letter_size: DEFAULT_MAX_LETTER_SIZE }
    }
}

/// How many times the letter size limit a PDF file may be.
pub const PDF_SIZE_FACTOR: u64 = 16;

/// The error for a letter over the size limit.
fn too_large(size: &str, limit: u64) -> String {
    format!(
        "the file is {size} bytes, over the limit of {limit} bytes per letter (a real letter is under 100 KB); raise --max-letter-size to read it"
    )
}

/// Check one letter's bytes: read, extract, evaluate. A PDF (known by its `%PDF-` header,
/// whatever its name) is read through [`pdf::extract`]. Never panics on any input; a letter that
/// cannot be read gives a report with an error and no items.
pub fn check_bytes(name: &str, bytes: &[u8], rules: &rules::RuleSet, options: &Options) -> LetterReport {
    if pdf::is_pdf(bytes) {
        let limit = options.max_letter_size.saturating_mul(PDF_SIZE_FACTOR);
        if bytes.len() as u64 > limit {
            return LetterReport::failed(name, too_large(&bytes.len().to_string(), limit));
        }
        return check_pdf(name, bytes, rules, options);
    }
    if bytes.len() as u64 > options.max_letter_size {
        return LetterReport::failed(name, too_large(&bytes.len().to_string(), options.max_letter_size));
    }
    let named_pdf = has_pdf_name(name) && !bytes.is_empty();
    let mut letter = match letter::Letter::from_bytes(name, bytes) {
        Ok(l) => l,
        Err(e) => {
            let why = if named_pdf { format!("not a PDF (no %PDF- header), and as text: {e}") } else { e.to_string() };
            let mut report = LetterReport::failed(name, why);
            report.format = e.format().as_str().to_owned();
            return report;
        }
    };
    if named_pdf {
        letter.warnings.push("named .pdf, but it is a text file (no %PDF- header); read as text".into());
    }
    check_letter(&letter, rules, options)
}

fn has_pdf_name(name: &str) -> bool {
    std::path::Path::new(name).extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf"))
}

/// A letter's text as imrcheck reads it: what every span and line of its report points into.
#[derive(Debug, Clone, Default)]
pub struct ReadText {
    /// The text (a PDF's pages joined by form-feed lines).
    pub text: String,
    /// Where it came from.
    pub source: source::Source,
    /// Where each PDF page starts in `text` (empty for text files).
    pub page_starts: Vec<usize>,
    /// The PDF extractor used.
    pub extractor: Option<String>,
    /// Problems that did not stop the reading.
    pub warnings: Vec<String>,
}

/// Read a letter's text without checking it (`imrcheck text`): a text file decoded, or a PDF's
/// text as [`check_bytes`] reads it.
pub fn read_text(bytes: &[u8], options: &Options) -> Result<ReadText, String> {
    if pdf::is_pdf(bytes) {
        let e = pdf::extract(bytes, &options.pdf).map_err(|e| e.to_string())?;
        let paged = source::Paged::from_pages(&e.pages);
        return Ok(ReadText {
            text: paged.text,
            source: source::Source::Pdf,
            page_starts: paged.page_starts,
            extractor: Some(e.extractor),
            warnings: e.warnings,
        });
    }
    if bytes.is_empty() {
        return Err(letter::LetterError::Empty.to_string());
    }
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text).to_owned();
    Ok(ReadText { text, ..Default::default() })
}

/// Check a PDF letter: its text out (isolated, as `options.pdf` says), then as any letter, with
/// each item's page.
fn check_pdf(name: &str, bytes: &[u8], rules: &rules::RuleSet, options: &Options) -> LetterReport {
    let mut report = match pdf::extract(bytes, &options.pdf) {
        Err(e) => {
            let mut r = LetterReport::failed(name, e.to_string());
            r.error_kind = Some(e.kind().to_owned());
            r.extractor = Some(options.pdf.extractor.name().to_owned());
            if let pdf::PdfError::Scanned { pages } = e {
                r.pages = Some(pages);
            }
            r
        }
        Ok(extracted) => {
            let paged = source::Paged::from_pages(&extracted.pages);
            let mut r = match letter::Letter::from_text(name, paged.text) {
                Ok(mut letter) => {
                    letter.warnings.extend(extracted.warnings.iter().cloned());
                    check_letter(&letter, rules, options)
                }
                Err(e) => {
                    // What a damaged PDF gave is not a letter: say it is damaged first.
                    let why = if extracted.damaged {
                        format!("the PDF is damaged and the text that could be read is incomplete: {e}")
                    } else {
                        e.to_string()
                    };
                    let mut r = LetterReport::failed(name, why);
                    r.format = e.format().as_str().to_owned();
                    r.warnings = extracted.warnings.clone();
                    if extracted.damaged {
                        r.error_kind = Some("damaged".to_owned());
                    }
                    r
                }
            };
            r.extractor = Some(extracted.extractor);
            r.pages = Some(extracted.pages.len());
            r.page_starts = paged.page_starts;
            annotate_pages(&mut r);
            r
        }
    };
    report.source = source::Source::Pdf;
    report
}

/// Give each item, fact and explanation step of a PDF letter its page.
fn annotate_pages(r: &mut LetterReport) {
    let Some(text) = r.text.as_deref() else { return };
    let starts = &r.page_starts;
    // The 1-based line each page starts on.
    let first_lines: Vec<usize> = starts.iter().map(|&s| text[..s.min(text.len())].matches('\n').count() + 1).collect();
    let page = |offset: usize| source::page_of(starts, offset);
    for item in &mut r.items {
        let p = page(item.facts.text.span.start);
        item.page = Some(p);
        item.page_line = first_lines.get(p - 1).map(|first| item.line + 1 - first);
        for step in &mut item.explanation {
            step.pages = step.spans.iter().map(|s| page(s.start)).collect();
        }
        for fact in item.evidence.values_mut() {
            fact.page = Some(page(fact.span.start));
            for part in &mut fact.parts {
                part.page = Some(page(part.span.start));
            }
        }
    }
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
    let ctx = engine::Context {
        as_of,
        date_of_injury: facts.date_of_injury.as_ref().map(|d| (d.value, d.span)),
        written_authorization: engine::statute::written_authorization(&letter.text),
    };
    let requests = extract::requests(letter, rules);
    let items = requests
        .into_iter()
        .map(|r| {
            let evaluation = engine::evaluate(rules, &r, &ctx);
            let r = if evaluation.counted_since_surgery { r.counted_since_surgery() } else { r };
            ItemReport::new(letter, r, evaluation)
        })
        .collect();
    LetterReport {
        letter: letter.name.clone(),
        format: letter.format.as_str().to_owned(),
        items,
        errors: Vec::new(),
        warnings: letter.warnings.clone(),
        case: Some(metadata::case_info(&letter.text, &facts)),
        facts: Some(facts),
        text: Some(letter.text.clone()),
        source: source::Source::Text,
        extractor: None,
        pages: None,
        error_kind: None,
        page_starts: Vec::new(),
    }
}

/// Check a file on disk (reading errors become the report's error).
///
/// The read is bounded: a file whose size is over `options.max_letter_size` is refused before
/// it is read (a sparse file of a terabyte costs nothing), and one that grows past it while
/// read (a device, a pipe) is cut off there and refused. A directory is an error.
pub fn check_path(path: &std::path::Path, rules: &rules::RuleSet, options: &Options) -> LetterReport {
    let name = path.display().to_string();
    // A PDF may be larger than a text letter; check_bytes holds a text letter to the limit.
    let limit = if has_pdf_name(&name) {
        options.max_letter_size.saturating_mul(PDF_SIZE_FACTOR)
    } else {
        options.max_letter_size
    };
    match read_bounded(path, limit) {
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
