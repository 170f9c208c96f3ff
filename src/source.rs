//! Where a letter's text comes from: a text file as it is, or a PDF's pages joined into one text
//! (what `imrcheck text` prints, and what every span and line of a PDF letter points into), with
//! the offset where each page starts.

use serde::Serialize;

/// The kind of file a letter was read from (`source` in the JSON).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// A text file.
    #[default]
    Text,
    /// A PDF.
    Pdf,
}

impl Source {
    /// The contract's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Text => "text",
            Source::Pdf => "pdf",
        }
    }
}

/// The line between two pages of a PDF letter's text: a form feed alone.
pub const PAGE_BREAK: &str = "\u{c}\n";

/// A PDF's text: its pages joined, and where each begins.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paged {
    /// The text: each page's lines (trailing white space and runs of spaces folded, control
    /// characters made spaces), pages separated by [`PAGE_BREAK`].
    pub text: String,
    /// Byte offset in `text` where each page starts.
    pub page_starts: Vec<usize>,
}

impl Paged {
    /// Join pages into one text.
    pub fn from_pages<S: AsRef<str>>(pages: &[S]) -> Paged {
        let mut p = Paged::default();
        for (i, page) in pages.iter().enumerate() {
            if i > 0 {
                p.text.push_str(PAGE_BREAK);
            }
            p.page_starts.push(p.text.len());
            let lines: Vec<String> = page.as_ref().lines().map(clean_line).collect();
            let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(lines.len());
            let last = lines.iter().rposition(|l| !l.is_empty()).map(|i| i + 1).unwrap_or(first);
            for line in &lines[first..last] {
                p.text.push_str(line);
                p.text.push('\n');
            }
        }
        p
    }

    /// The 1-based page of a byte offset.
    pub fn page_of(&self, offset: usize) -> usize {
        page_of(&self.page_starts, offset)
    }
}

/// The 1-based page of a byte offset, given where each page starts (1 when there are none).
pub fn page_of(page_starts: &[usize], offset: usize) -> usize {
    page_starts.partition_point(|&s| s <= offset).max(1)
}

/// One line of extracted text made readable: control characters become spaces, runs of spaces
/// (justified text) become one, and the line's end is trimmed.
fn clean_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        let c = if c.is_control() || c == '\u{a0}' { ' ' } else { c };
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    out.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_pages_and_knows_where_each_starts() {
        let p =
            Paged::from_pages(&["\n\nIMR Case Number: CM14-1\n\naffiliation   with   the\t\n\n", "\nPage 2 text \n"]);
        assert_eq!(p.text, "IMR Case Number: CM14-1\n\naffiliation with the\n\u{c}\nPage 2 text\n");
        assert_eq!(p.page_starts, vec![0, p.text.find("Page 2").expect("there")]);
        assert_eq!(p.page_of(0), 1);
        assert_eq!(p.page_of(p.text.find("with").expect("there")), 1);
        assert_eq!(p.page_of(p.text.find("2 text").expect("there")), 2);
    }
}
