//! The Excel workbook (`audit --format xlsx`), written with `rust_xlsxwriter`: a **Summary**
//! sheet (where the report came from, the key figures, and the breakdowns by category, year of
//! decision and reviewer specialty) and an **Items** sheet (one row per item, the CSV's columns,
//! with numbers as numbers and dates as dates). Auditors live in spreadsheets; a workbook opens
//! with no import dialog, filters on every column, and cannot be mistaken for formulas.
//!
//! The items sheet is written in the library's constant-memory mode, row by row as letters
//! stream in, so memory does not grow with the corpus.

use super::sinks::{item_cells, letter_cells, Sink, CSV_COLUMNS};
use super::summary::Summary;
use super::LetterReport;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use std::io::{self, Write};

/// The name of the summary sheet (the first).
pub const SUMMARY_SHEET: &str = "Summary";
/// The name of the items sheet.
pub const ITEMS_SHEET: &str = "Items";

/// The most rows a worksheet holds (Excel's limit), the header included.
const MAX_ROWS: u32 = 1_048_576;
/// The most characters a cell holds (Excel's limit).
const MAX_CELL: usize = 32_767;

/// Columns written as numbers, and as dates.
const NUMBER_COLUMNS: &[&str] = &["item", "line", "visits_requested", "prior_visits", "decision_year"];
const DATE_COLUMNS: &[&str] = &["date_of_injury", "ur_date", "decision_date"];

/// A workbook sink. The workbook is saved to `out` when the audit finishes.
pub struct Xlsx<W: Write + Send> {
    out: Option<W>,
    book: Workbook,
    /// The next row of the items sheet.
    row: u32,
    bold: Format,
    date: Format,
}

fn xlsx_error(e: XlsxError) -> io::Error {
    match e {
        XlsxError::IoError(e) => e,
        other => io::Error::other(other.to_string()),
    }
}

/// A string cut to what a cell holds.
fn fit(s: &str) -> &str {
    match s.char_indices().nth(MAX_CELL) {
        Some((at, _)) => &s[..at],
        None => s,
    }
}

impl<W: Write + Send> Xlsx<W> {
    /// A workbook sink writing to `out` (a file: a workbook is a zip archive, not for a terminal).
    pub fn new(out: W) -> io::Result<Self> {
        let mut book = Workbook::new();
        let bold = Format::new().set_bold();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        book.add_worksheet().set_name(SUMMARY_SHEET).map_err(xlsx_error)?;
        let items = book.add_worksheet_with_constant_memory();
        items.set_name(ITEMS_SHEET).map_err(xlsx_error)?;
        for (c, name) in CSV_COLUMNS.iter().enumerate() {
            let c = c as u16;
            items.write_string_with_format(0, c, *name, &bold).map_err(xlsx_error)?;
            let width = match *name {
                "letter" | "request" | "reason" | "citation_flags" | "error" => 40.0,
                "reviewer_specialty" => 28.0,
                _ => 14.0,
            };
            items.set_column_width(c, width).map_err(xlsx_error)?;
        }
        items.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        Ok(Xlsx { out: Some(out), book, row: 1, bold, date })
    }

    fn items(&mut self) -> io::Result<&mut Worksheet> {
        self.book.worksheet_from_index(1).map_err(xlsx_error)
    }

    fn write_row(&mut self, cells: &[String]) -> io::Result<()> {
        if self.row >= MAX_ROWS {
            return Err(io::Error::other(format!(
                "more than {} items: over what one worksheet holds; write CSV or JSON Lines instead",
                MAX_ROWS - 1
            )));
        }
        let (row, date) = (self.row, self.date.clone());
        let sheet = self.items()?;
        for (c, (name, value)) in CSV_COLUMNS.iter().zip(cells).enumerate() {
            let c = c as u16;
            if value.is_empty() {
                continue;
            }
            if NUMBER_COLUMNS.contains(name) {
                if let Ok(n) = value.parse::<f64>() {
                    sheet.write_number(row, c, n).map_err(xlsx_error)?;
                    continue;
                }
            }
            if DATE_COLUMNS.contains(name) {
                if let Some(d) = crate::domain::Date::parse_iso(value) {
                    if let Ok(when) = ExcelDateTime::from_ymd(d.year, d.month, d.day) {
                        sheet.write_datetime_with_format(row, c, &when, &date).map_err(xlsx_error)?;
                        continue;
                    }
                }
            }
            // A string cell is text to every spreadsheet, never a formula.
            sheet.write_string(row, c, fit(value)).map_err(xlsx_error)?;
        }
        self.row += 1;
        Ok(())
    }

    fn write_summary(&mut self, s: &Summary) -> Result<(), XlsxError> {
        let bold = self.bold.clone();
        let sheet = self.book.worksheet_from_index(0)?;
        sheet.set_column_width(0, 36)?;
        sheet.set_column_width(1, 14)?;
        let mut r: u32 = 0;
        sheet.write_string_with_format(r, 0, "IMR decision audit", &bold)?;
        r += 2;
        if let Some(p) = &s.provenance {
            sheet.write_string_with_format(r, 0, "Where this report came from", &bold)?;
            r += 1;
            for (label, value) in p.lines() {
                sheet.write_string(r, 0, label)?;
                sheet.write_string(r, 1, fit(&value))?;
                r += 1;
            }
            r += 1;
        }
        let key: [(&str, f64); 8] = [
            ("letters read", s.letters as f64),
            ("letters that could not be audited", s.letters_with_errors as f64),
            ("items", s.items as f64),
            ("items audited by a rule", s.audited as f64),
            ("agree", s.agreement.agrees as f64),
            ("disagree", s.agreement.disagrees as f64),
            ("indeterminate", s.agreement.indeterminate as f64),
            ("agreement rate", s.agreement_rate.unwrap_or(f64::NAN)),
        ];
        sheet.write_string_with_format(r, 0, "At a glance", &bold)?;
        r += 1;
        let percent = Format::new().set_num_format("0.0%");
        for (label, value) in key {
            sheet.write_string(r, 0, label)?;
            if label == "agreement rate" {
                if value.is_nan() {
                    sheet.write_string(r, 1, "n/a")?;
                } else {
                    sheet.write_number_with_format(r, 1, value, &percent)?;
                }
            } else {
                sheet.write_number(r, 1, value)?;
            }
            r += 1;
        }
        for (title, rows) in s.breakdowns() {
            r += 1;
            let header = ["items", "upheld", "overturned", "audited", "agree", "disagree"];
            sheet.write_string_with_format(r, 0, format!("by {title}"), &bold)?;
            for (k, h) in header.iter().enumerate() {
                sheet.write_string_with_format(r, 1 + k as u16, *h, &bold)?;
            }
            r += 1;
            for (k, n) in rows {
                sheet.write_string(r, 0, fit(&k))?;
                for (c, (_, v)) in n.named().iter().enumerate() {
                    sheet.write_number(r, 1 + c as u16, *v as f64)?;
                }
                r += 1;
            }
        }
        if !s.errors.is_empty() {
            r += 1;
            sheet.write_string_with_format(r, 0, "Letters that could not be audited", &bold)?;
            r += 1;
            for (letter, why) in &s.errors {
                if r >= MAX_ROWS {
                    break;
                }
                sheet.write_string(r, 0, fit(letter))?;
                sheet.write_string(r, 1, fit(why))?;
                r += 1;
            }
            if s.letters_with_errors > s.errors.len() && r < MAX_ROWS {
                let note = format!(
                    "The first {} of {} are listed; each is in the JSON Lines or CSV report.",
                    s.errors.len(),
                    s.letters_with_errors
                );
                sheet.write_string(r, 0, fit(&note))?;
            }
        }
        Ok(())
    }
}

impl<W: Write + Send> Sink for Xlsx<W> {
    fn letter(&mut self, r: &LetterReport) -> io::Result<()> {
        if r.items.is_empty() {
            return self.write_row(&letter_cells(r));
        }
        for (i, it) in r.items.iter().enumerate() {
            self.write_row(&item_cells(r, i, it))?;
        }
        Ok(())
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        let last = self.row.saturating_sub(1).max(1);
        let columns = CSV_COLUMNS.len() as u16 - 1;
        self.items()?.autofilter(0, 0, last, columns).map_err(xlsx_error)?;
        self.write_summary(s).map_err(xlsx_error)?;
        let Some(mut out) = self.out.take() else { return Ok(()) };
        self.book.save_to_writer(&mut out).map_err(xlsx_error)?;
        out.flush()
    }
}
