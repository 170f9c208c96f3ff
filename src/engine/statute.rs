//! The one fact of Labor Code 4604.5 read from a letter's text rather than from a request: that
//! the employer authorized additional visits in writing, which lifts the 24-visit cap
//! ((c)(2)(A): "Paragraph (1) shall not apply when an employer authorizes, in writing, additional
//! visits to a health care practitioner for physical medicine services").
//!
//! It is a claim-level fact, so it is read once per letter and handed to the engine in its
//! [`Context`](super::Context). Like every reading it is pure (text in, span out). It belongs with
//! the extractor (`extract`) and can move there; it lives here so the statute's rule and the words
//! that trigger it are read together.

use crate::pattern::Regex;
use crate::span::Span;
use std::sync::LazyLock;

/// "the employer (has) authorized, in writing, additional visits", "the carrier approved 6
/// additional visits in writing".
static BY_EMPLOYER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:employer|carrier|insurer|claims\s+administrator|adjuster|insurance\s+company)\b[^.;]{0,80}?\b(?:authori[sz]ed|approved)\b[^.;]{0,80}?\bin\s+writing\b",
    )
    .expect("written authorization compiles")
});

/// "written authorization for 12 additional visits", "a written approval of further therapy".
static WRITTEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\bwritten\s+(?:authori[sz]ation|approval)\b[^.;]{0,60}?\b(?:additional|further|more|extra)\b[^.;]{0,40}?\b(?:visits?|sessions?|therapy|treatments?)\b",
    )
    .expect("written authorization compiles")
});

/// Words that make a sentence a quotation of the statute, a condition or a denial rather than
/// a statement that the employer did authorize: "shall not apply when an employer authorizes",
/// "no written authorization", "unless".
static NOT_A_STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:shall|unless|when\s+an\s+employer|if\s+the\s+employer|4604\.5|no\s+written|not\s+(?:been\s+)?(?:authori[sz]ed|approved)|without\s+(?:a\s+)?written|nor\b|never)")
        .expect("negation compiles")
});

/// Where the letter says the employer authorized additional visits in writing, if it does.
pub fn written_authorization(text: &str) -> Option<Span> {
    // Both patterns hold "writ" ("in writing", "written"), which no character past ASCII
    // matches without case: a letter without it (most) is not searched with either (issue 14:
    // the two searches of the whole text were 2% of an audit).
    static WRIT: LazyLock<Option<aho_corasick::AhoCorasick>> =
        LazyLock::new(|| aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(["writ"]).ok());
    if WRIT.as_ref().is_some_and(|w| !w.is_match(text)) {
        return None;
    }
    for re in [&*BY_EMPLOYER, &*WRITTEN] {
        for m in re.find_iter(text) {
            let start = text[..m.start()].rfind(['.', '\n', ';']).map(|p| p + 1).unwrap_or(0);
            let end = text[m.end()..].find(['.', '\n', ';']).map(|p| m.end() + p).unwrap_or(text.len());
            if NOT_A_STATEMENT.is_match(&text[start..end]) {
                continue;
            }
            return Some(Span::new(m.start(), m.end()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::written_authorization;
    use crate::span::Span;

    #[test]
    fn statements_of_a_written_authorization_are_read() {
        for s in [
            "The employer authorized, in writing, 12 additional physical therapy visits.",
            "Per the adjuster's letter, the carrier approved six more visits in writing on 03/02/2015.",
            "There is written authorization from the employer for 8 additional visits.",
        ] {
            let span = written_authorization(s).unwrap_or_else(|| panic!("{s}"));
            assert!(span.end > span.start, "{s}");
        }
    }

    /// The letters of "writ", asked without case, match no character past ASCII, so a text
    /// without "writ" in ASCII holds neither pattern's match.
    #[test]
    fn no_character_past_ascii_reads_as_a_letter_of_writ() {
        let any = regex::Regex::new(r"(?i)^[writ]$").expect("compiles");
        let past: Vec<char> = ('\u{80}'..=char::MAX).filter(|c| any.is_match(c.encode_utf8(&mut [0; 4]))).collect();
        assert!(past.is_empty(), "{past:?}");
        // The test can fail: "k" and "s" have such characters (the Kelvin sign, the long s).
        assert!(regex::Regex::new(r"(?i)^k$").expect("compiles").is_match("\u{212a}"));
        assert_eq!(
            written_authorization("The employer authorized, in WRITING, 12 more visits."),
            Some(Span::new(4, 35))
        );
    }

    #[test]
    fn quotations_conditions_and_denials_are_not() {
        for s in [
            "Paragraph (1) shall not apply when an employer authorizes, in writing, additional visits.",
            "Labor Code 4604.5 allows more than 24 visits if the employer authorized them in writing.",
            "There is no written authorization for additional visits.",
            "The employer has not authorized additional visits in writing.",
            "The patient has had 24 visits of physical therapy.",
        ] {
            assert_eq!(written_authorization(s), None, "{s}");
        }
    }
}
