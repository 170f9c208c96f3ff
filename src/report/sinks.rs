//! Audit outputs. Each format is a [`Sink`]: it receives letters one at a time, in input
//! order, and the summary at the end, so an audit never holds the whole corpus in memory.

use super::summary::Summary;
use super::LetterReport;
use std::io::{self, Write};

/// An audit output format.
pub trait Sink {
    /// Write one letter's results.
    fn letter(&mut self, report: &LetterReport) -> io::Result<()>;
    /// Write the summary and finish.
    fn finish(&mut self, summary: &Summary) -> io::Result<()>;
}

/// JSON Lines: one letter object per line (the `check --format json` contract), then a final
/// `{"summary": ...}` line.
pub struct Jsonl<W: Write> {
    out: W,
}

impl<W: Write> Jsonl<W> {
    /// A JSON Lines sink.
    pub fn new(out: W) -> Self {
        Jsonl { out }
    }
}

impl<W: Write> Sink for Jsonl<W> {
    fn letter(&mut self, report: &LetterReport) -> io::Result<()> {
        writeln!(self.out, "{}", report.to_json())
    }
    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let line = serde_json::json!({ "summary": summary });
        writeln!(self.out, "{line}")?;
        self.out.flush()
    }
}

/// The CSV columns: the contract's item fields, plus where and why. Columns are found by name;
/// new ones are added before `source_status`, which stays last.
pub const CSV_COLUMNS: &[&str] = &[
    "letter",
    "format",
    "case_number",
    "date_of_injury",
    "ur_date",
    "decision_date",
    "decision_year",
    "reviewer_specialty",
    "item",
    "line",
    "request",
    "category",
    "modality",
    "family",
    "body_regions",
    "visits_requested",
    "prior_visits",
    "prior_treatment",
    "functional_improvement_documented",
    "postsurgical",
    "decision",
    "rule",
    "rule_version",
    "verdict",
    "agreement",
    "disagreement",
    "reason",
    "citation_flags",
    "error",
    "source_status",
];

/// Defuse a cell a spreadsheet would run as a formula: one starting with `=`, `+`, `-`, `@`, a
/// tab or a carriage return gets a `'` before it (OWASP's advice for CSV injection), unless it
/// is a plain number ("-3"). Excel and LibreOffice then show the text as written, with the `'`.
pub fn defuse(s: &str) -> std::borrow::Cow<'_, str> {
    // A plain number ("-3", "+1.5") is data; "-inf" and "+nan" parse as numbers too, but a
    // spreadsheet reads them as formulas.
    let number = s.trim().parse::<f64>().is_ok_and(f64::is_finite)
        && s.trim().bytes().all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E'));
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) && !number {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Quote a CSV field (RFC 4180), and defuse cells a spreadsheet would run as formulas.
pub fn csv_field(s: &str) -> String {
    let s = defuse(s);
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.into_owned()
    }
}

/// A CSV writer as both spreadsheets read it by default: RFC 4180 quoting (the `csv` crate's),
/// CRLF line ends, every cell defused.
fn csv_writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out)
}

fn csv_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

fn write_record<W: Write>(w: &mut csv::Writer<W>, cells: &[String]) -> io::Result<()> {
    w.write_record(cells.iter().map(|c| defuse(c).into_owned())).map_err(csv_error)
}

/// CSV: one row per item (a letter with an error gets one row with the error); the summary
/// goes to a separate sink, since a spreadsheet wants one table per file. UTF-8 with a
/// byte-order mark (Excel reads UTF-8 only with it; LibreOffice takes it as the encoding),
/// comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or line break.
pub struct Csv<W: Write> {
    out: csv::Writer<W>,
    summary_out: Option<Box<dyn Write>>,
}

impl<W: Write> Csv<W> {
    /// A CSV sink; the summary, as CSV, goes to `summary_out` if given.
    pub fn new(mut out: W, summary_out: Option<Box<dyn Write>>) -> io::Result<Self> {
        out.write_all("\u{FEFF}".as_bytes())?;
        let mut out = csv_writer(out);
        out.write_record(CSV_COLUMNS).map_err(csv_error)?;
        Ok(Csv { out, summary_out })
    }
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// The case columns of a letter (empty for a letter that could not be read).
fn case_cells(r: &LetterReport) -> [String; 6] {
    let Some(c) = &r.case else { return Default::default() };
    [
        opt(&c.number),
        opt(&c.date_of_injury),
        opt(&c.ur_date),
        opt(&c.decision_date),
        opt(&c.decision_year),
        opt(&c.reviewer_specialty),
    ]
}

/// One item's cells, in [`CSV_COLUMNS`] order (shared with the workbook).
pub fn item_cells(r: &LetterReport, i: usize, it: &super::ItemReport) -> Vec<String> {
    let disagreement = it
        .disagreement
        .map(|d| serde_json::to_value(d).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default())
        .unwrap_or_default();
    let mut cells = vec![r.letter.clone(), r.format.clone()];
    cells.extend(case_cells(r));
    cells.extend([
        (i + 1).to_string(),
        it.line.to_string(),
        it.request.clone(),
        it.category.to_string(),
        it.modality.to_string(),
        it.family.to_string(),
        it.body_regions.join(" "),
        opt(&it.visits_requested),
        opt(&it.prior_visits),
        it.prior_treatment.to_string(),
        it.functional_improvement_documented.to_string(),
        it.postsurgical.to_string(),
        it.decision.to_string(),
        opt(&it.rule),
        opt(&it.rule_version),
        it.verdict.to_string(),
        it.agreement.to_string(),
        disagreement,
        super::summary::reason(it),
        it.citation_flags.iter().map(|f| f.message.clone()).collect::<Vec<_>>().join("; "),
        r.errors.join("; "),
        match (&it.source_status, &it.source_from) {
            (Some(s), Some(from)) => format!("{s} from {from}"),
            (Some(s), None) => s.to_string(),
            (None, _) => String::new(),
        },
    ]);
    cells
}

/// The row of a letter with no items: its name, layout, case and error.
pub fn letter_cells(r: &LetterReport) -> Vec<String> {
    let mut cells = vec![String::new(); CSV_COLUMNS.len()];
    cells[0] = r.letter.clone();
    cells[1] = r.format.clone();
    for (k, v) in case_cells(r).into_iter().enumerate() {
        cells[2 + k] = v;
    }
    if let Some(at) = CSV_COLUMNS.iter().position(|c| *c == "error") {
        cells[at] = r.errors.join("; ");
    }
    cells
}

/// The summary as `(measure, value)` rows: the provenance first, then the counts. The CSV
/// summary and the workbook's summary sheet are these rows.
pub fn summary_rows(s: &Summary) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = Vec::new();
    let mut row = |k: String, v: String| rows.push((k, v));
    if let Some(p) = &s.provenance {
        for (k, v) in p.rows() {
            row(format!("provenance:{k}"), v);
        }
    }
    row("letters".into(), s.letters.to_string());
    row("letters_with_errors".into(), s.letters_with_errors.to_string());
    row("scanned".into(), s.scanned.to_string());
    row("items".into(), s.items.to_string());
    row("audited".into(), s.audited.to_string());
    let mut counts = |prefix: &str, key: &str, n: &super::summary::CategoryCounts| {
        for (what, v) in n.named() {
            row(format!("{prefix}:{key}:{what}"), v.to_string());
        }
    };
    for (c, n) in &s.by_category {
        counts("category", c.as_str(), n);
    }
    for (y, n) in &s.by_decision_year {
        counts("decision_year", y, n);
    }
    for (sp, n) in &s.by_reviewer_specialty {
        counts("reviewer_specialty", sp, n);
    }
    for (f, n) in &s.by_family {
        row(format!("family:{f}"), n.to_string());
    }
    for (m, n) in &s.by_modality {
        row(format!("modality:{m}"), n.to_string());
    }
    for (v, by) in &s.verdict_by_decision {
        for (d, n) in by {
            row(format!("verdict:{v}/decision:{d}"), n.to_string());
        }
    }
    for (st, by) in &s.verdict_by_source_status {
        for (v, n) in by {
            row(format!("source:{st}/verdict:{v}"), n.to_string());
        }
    }
    for (st, a) in &s.agreement_by_source_status {
        row(format!("source:{st}:agrees"), a.agrees.to_string());
        row(format!("source:{st}:disagrees"), a.disagrees.to_string());
    }
    row("agrees".into(), s.agreement.agrees.to_string());
    row("disagrees".into(), s.agreement.disagrees.to_string());
    row("indeterminate".into(), s.agreement.indeterminate.to_string());
    row("agreement_rate".into(), s.agreement_rate.map(|r| format!("{r:.4}")).unwrap_or_default());
    row("stricter_than_rule".into(), s.stricter_than_rule_total.to_string());
    row("more_lenient_than_rule".into(), s.more_lenient_than_rule_total.to_string());
    rows
}

impl<W: Write> Sink for Csv<W> {
    fn letter(&mut self, r: &LetterReport) -> io::Result<()> {
        if r.items.is_empty() {
            return write_record(&mut self.out, &letter_cells(r));
        }
        for (i, it) in r.items.iter().enumerate() {
            write_record(&mut self.out, &item_cells(r, i, it))?;
        }
        Ok(())
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        self.out.flush()?;
        let Some(out) = self.summary_out.as_mut() else { return Ok(()) };
        out.write_all("\u{FEFF}".as_bytes())?;
        let mut w = csv_writer(out);
        w.write_record(["measure", "value"]).map_err(csv_error)?;
        for (k, v) in summary_rows(s) {
            write_record(&mut w, &[k, v])?;
        }
        w.flush()
    }
}

#[cfg(test)]
mod defuse_tests {
    use super::defuse;

    #[test]
    fn formulas_are_defused_and_numbers_are_not() {
        for cell in ["=1+1", "+cmd|' /C calc'!A0", "-inf", "+nan", "+infinity", "@SUM(A1)", "-2+3"] {
            assert_eq!(defuse(cell), format!("'{cell}"), "{cell}");
        }
        for cell in ["-3", "+1.5", "-1e3", "12", "plain"] {
            assert_eq!(defuse(cell), cell, "{cell}");
        }
    }
}
