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

/// The CSV columns: the contract's item fields, plus where and why.
pub const CSV_COLUMNS: &[&str] = &[
    "letter",
    "format",
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

/// Quote a CSV field (RFC 4180), and defuse cells a spreadsheet would run as formulas.
pub fn csv_field(s: &str) -> String {
    let s =
        if s.starts_with(['=', '+', '-', '@']) && s.parse::<f64>().is_err() { format!("'{s}") } else { s.to_owned() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// CSV: one row per item (a letter with an error gets one row with the error); the summary
/// goes to a separate sink, since a spreadsheet wants one table per file.
pub struct Csv<W: Write> {
    out: W,
    summary_out: Option<Box<dyn Write>>,
}

impl<W: Write> Csv<W> {
    /// A CSV sink; the summary, as CSV, goes to `summary_out` if given.
    pub fn new(mut out: W, summary_out: Option<Box<dyn Write>>) -> io::Result<Self> {
        // A byte-order mark makes Excel read the file as UTF-8.
        out.write_all("\u{FEFF}".as_bytes())?;
        writeln!(out, "{}", CSV_COLUMNS.join(","))?;
        Ok(Csv { out, summary_out })
    }
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

impl<W: Write> Sink for Csv<W> {
    fn letter(&mut self, r: &LetterReport) -> io::Result<()> {
        let write_row = |out: &mut W, cells: Vec<String>| {
            writeln!(out, "{}", cells.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(","))
        };
        if r.items.is_empty() {
            let mut cells = vec![String::new(); CSV_COLUMNS.len()];
            cells[0] = r.letter.clone();
            cells[1] = r.format.clone();
            if let Some(at) = CSV_COLUMNS.iter().position(|c| *c == "error") {
                cells[at] = r.errors.join("; ");
            }
            return write_row(&mut self.out, cells);
        }
        for (i, it) in r.items.iter().enumerate() {
            let disagreement = it
                .disagreement
                .map(|d| serde_json::to_value(d).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default())
                .unwrap_or_default();
            let cells = vec![
                r.letter.clone(),
                r.format.clone(),
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
            ];
            write_row(&mut self.out, cells)?;
        }
        Ok(())
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        self.out.flush()?;
        let Some(out) = self.summary_out.as_mut() else { return Ok(()) };
        writeln!(out, "measure,value")?;
        writeln!(out, "letters,{}", s.letters)?;
        writeln!(out, "letters_with_errors,{}", s.letters_with_errors)?;
        writeln!(out, "scanned,{}", s.scanned)?;
        writeln!(out, "items,{}", s.items)?;
        writeln!(out, "audited,{}", s.audited)?;
        for (c, n) in &s.by_category {
            writeln!(out, "category:{c}:items,{}", n.items)?;
            writeln!(out, "category:{c}:upheld,{}", n.upheld)?;
            writeln!(out, "category:{c}:overturned,{}", n.overturned)?;
            writeln!(out, "category:{c}:audited,{}", n.audited)?;
            writeln!(out, "category:{c}:agrees,{}", n.agrees)?;
            writeln!(out, "category:{c}:disagrees,{}", n.disagrees)?;
        }
        for (f, n) in &s.by_family {
            writeln!(out, "family:{f},{n}")?;
        }
        for (m, n) in &s.by_modality {
            writeln!(out, "modality:{m},{n}")?;
        }
        for (v, by) in &s.verdict_by_decision {
            for (d, n) in by {
                writeln!(out, "verdict:{v}/decision:{d},{n}")?;
            }
        }
        for (st, by) in &s.verdict_by_source_status {
            for (v, n) in by {
                writeln!(out, "source:{st}/verdict:{v},{n}")?;
            }
        }
        for (st, a) in &s.agreement_by_source_status {
            writeln!(out, "source:{st}:agrees,{}", a.agrees)?;
            writeln!(out, "source:{st}:disagrees,{}", a.disagrees)?;
        }
        writeln!(out, "agrees,{}", s.agreement.agrees)?;
        writeln!(out, "disagrees,{}", s.agreement.disagrees)?;
        writeln!(out, "indeterminate,{}", s.agreement.indeterminate)?;
        writeln!(out, "agreement_rate,{}", s.agreement_rate.map(|r| format!("{r:.4}")).unwrap_or_default())?;
        writeln!(out, "stricter_than_rule,{}", s.stricter_than_rule_total)?;
        writeln!(out, "more_lenient_than_rule,{}", s.more_lenient_than_rule_total)?;
        out.flush()
    }
}
