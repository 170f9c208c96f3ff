//! Where a report came from: the imrcheck version, the rule set (embedded defaults or a
//! directory, with a digest of its files), when the audit ran, and the options that change
//! results. Built once per audit ([`crate::audit::run`] puts it in the [`super::summary::Summary`])
//! and rendered by every format, so a report read months later, or sent on, can be traced to
//! the rules and settings that made it.

use crate::rules::RuleSet;
use crate::Options;
use serde::Serialize;

/// The environment variable that fixes the time a report says it was made (seconds since
/// 1970-01-01 UTC), as for reproducible builds: two runs on the same letters then give the
/// same bytes, and snapshot tests stay stable.
pub const SOURCE_DATE_EPOCH: &str = "SOURCE_DATE_EPOCH";

/// Where a report came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// The imrcheck version that wrote the report.
    pub imrcheck: String,
    /// The rule set used.
    pub rules: RulesUsed,
    /// When the audit ran: UTC, RFC 3339 (`2025-03-01T14:05:09Z`).
    pub generated_at: String,
    /// The options that change results.
    pub options: ResultOptions,
}

/// The rule set an audit used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RulesUsed {
    /// `embedded` (the defaults built into imrcheck) or the `--rules` directory as given.
    pub origin: String,
    /// Whether they are the embedded defaults.
    pub embedded: bool,
    /// SHA-256 of the rule files (see [`crate::rules::digest`]).
    pub digest: String,
    /// How many rule versions the set holds.
    pub rules: usize,
}

/// The options that change what an audit finds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResultOptions {
    /// `--as-of`: the date rule versions are chosen by when a letter gives none.
    pub as_of: Option<String>,
    /// The PDF text extractor: `pdf-extract` (built in) or `pdftotext`.
    pub extractor: String,
    /// The `pdftotext` executable, when that is the extractor.
    pub pdftotext: Option<String>,
    /// `--max-letter-size`: a larger letter is an error rather than read, in bytes.
    pub max_letter_size: u64,
}

impl Provenance {
    /// The provenance of an audit run now (or at `SOURCE_DATE_EPOCH`, when it is set to a whole
    /// number of seconds) with these rules and options.
    pub fn new(rules: &RuleSet, options: &Options) -> Provenance {
        let fixed = std::env::var(SOURCE_DATE_EPOCH).ok().and_then(|s| s.trim().parse::<i64>().ok());
        let now = fixed.unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
                .unwrap_or(0)
        });
        Provenance::at(rules, options, now)
    }

    /// The provenance of an audit run at `unix_seconds`.
    pub fn at(rules: &RuleSet, options: &Options, unix_seconds: i64) -> Provenance {
        let pdftotext = match &options.pdf.extractor {
            crate::pdf::Extractor::Pdftotext(p) => Some(p.display().to_string()),
            crate::pdf::Extractor::Builtin => None,
        };
        Provenance {
            imrcheck: env!("CARGO_PKG_VERSION").to_owned(),
            rules: RulesUsed {
                origin: rules.origin.clone(),
                embedded: rules.origin == "embedded",
                digest: rules.digest.clone(),
                rules: rules.rules.len(),
            },
            generated_at: rfc3339(unix_seconds),
            options: ResultOptions {
                as_of: options.as_of.map(|d| d.to_string()),
                extractor: options.pdf.extractor.name().to_owned(),
                pdftotext,
                max_letter_size: options.max_letter_size,
            },
        }
    }

    /// The rule set in words: "the embedded defaults (66 rule versions)" or "the directory
    /// my-rules (12 rule versions)".
    pub fn rules_text(&self) -> String {
        let n = super::num(self.rules.rules);
        if self.rules.embedded {
            format!("the embedded defaults ({n} rule versions)")
        } else {
            format!("the directory {} ({n} rule versions)", self.rules.origin)
        }
    }

    /// The result-changing options in words, as a command line would give them.
    pub fn options_text(&self) -> String {
        let o = &self.options;
        let as_of = match &o.as_of {
            Some(d) => format!("--as-of {d}"),
            None => "no --as-of (each letter's own dates choose the rules)".to_owned(),
        };
        let extractor = match &o.pdftotext {
            Some(p) => format!("PDFs read by pdftotext ({p})"),
            None => format!("PDFs read by the built-in extractor ({})", o.extractor),
        };
        format!("{as_of}; {extractor}; --max-letter-size {} bytes", super::num(o.max_letter_size))
    }

    /// The provenance as labelled lines, for the formats people read.
    pub fn lines(&self) -> Vec<(&'static str, String)> {
        vec![
            ("imrcheck", self.imrcheck.clone()),
            ("rules", self.rules_text()),
            ("rules digest", self.rules.digest.clone()),
            ("run at", self.generated_at.clone()),
            ("options", self.options_text()),
        ]
    }

    /// The provenance as `(measure, value)` rows, for the CSV summary and the workbook.
    pub fn rows(&self) -> Vec<(&'static str, String)> {
        let o = &self.options;
        vec![
            ("imrcheck_version", self.imrcheck.clone()),
            ("rules_origin", self.rules.origin.clone()),
            ("rules_digest", self.rules.digest.clone()),
            ("rules_count", self.rules.rules.to_string()),
            ("generated_at", self.generated_at.clone()),
            ("as_of", o.as_of.clone().unwrap_or_default()),
            ("extractor", o.extractor.clone()),
            ("pdftotext", o.pdftotext.clone().unwrap_or_default()),
            ("max_letter_size", o.max_letter_size.to_string()),
        ]
    }
}

/// A time as RFC 3339 in UTC, to the second. Out of range (before year 0 or after 9999), the
/// epoch: a report's time is for reading, and a wrong `SOURCE_DATE_EPOCH` must not stop an audit.
pub fn rfc3339(unix_seconds: i64) -> String {
    use time::format_description::well_known::Rfc3339;
    time::OffsetDateTime::from_unix_timestamp(unix_seconds)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_rfc3339_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(rfc3339(i64::MAX), "1970-01-01T00:00:00Z", "out of range: the epoch, no panic");
    }

    #[test]
    fn the_provenance_names_rules_options_and_time() {
        let rules = crate::rules::load_embedded().expect("embedded rules").rules;
        let options = Options { as_of: crate::domain::Date::parse_iso("2014-06-01"), ..Default::default() };
        let p = Provenance::at(&rules, &options, 1_700_000_000);
        assert_eq!(p.imrcheck, env!("CARGO_PKG_VERSION"));
        assert!(p.rules.embedded && p.rules.origin == "embedded");
        assert_eq!(p.rules.digest, rules.digest);
        assert_eq!(p.generated_at, "2023-11-14T22:13:20Z");
        assert_eq!(p.options.as_of.as_deref(), Some("2014-06-01"));
        assert_eq!(p.options.extractor, "pdf-extract");
        assert!(p.options_text().starts_with("--as-of 2014-06-01; PDFs read by the built-in extractor"));
        assert!(p.options_text().ends_with("--max-letter-size 2,097,152 bytes"), "{}", p.options_text());
        let rows = p.rows();
        assert!(rows.contains(&("as_of", "2014-06-01".to_owned())));
        assert!(rows.contains(&("max_letter_size", "2097152".to_owned())), "no separators in machine rows");
    }
}
