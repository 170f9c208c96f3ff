//! The HTML report: one self-contained file (no network), written as letters stream in; the
//! summary at its top is filled in when the audit finishes.

use super::sinks::Sink;
use super::summary::Summary;
use super::LetterReport;
use std::io::{self, Seek, Write};

/// An HTML sink: item sections go to a temporary file while the audit runs, then the page is
/// assembled: head, summary, items.
pub struct Html<W: Write> {
    out: W,
    items: std::fs::File,
    count: usize,
}

impl<W: Write> Html<W> {
    /// An HTML sink.
    pub fn new(out: W) -> io::Result<Self> {
        Ok(Html { out, items: tempfile::tempfile()?, count: 0 })
    }
}

/// Escape text for HTML.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

impl<W: Write> Sink for Html<W> {
    fn letter(&mut self, r: &LetterReport) -> io::Result<()> {
        for it in &r.items {
            self.count += 1;
            writeln!(
                self.items,
                "<li data-family=\"{}\" data-verdict=\"{}\" data-agreement=\"{}\">{} — {}: {} → {}</li>",
                it.family,
                it.verdict,
                it.agreement,
                esc(&r.letter),
                esc(&it.request),
                it.decision,
                it.verdict
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, s: &Summary) -> io::Result<()> {
        writeln!(self.out, "<!doctype html><html><head><meta charset=\"utf-8\"><title>IMR audit</title></head><body>")?;
        writeln!(self.out, "<h1>IMR audit</h1><p id=\"summary\">{} letters, {} items</p><ul>", s.letters, s.items)?;
        self.items.rewind()?;
        io::copy(&mut self.items, &mut self.out)?;
        writeln!(self.out, "</ul></body></html>")?;
        self.out.flush()
    }
}
