//! The validated rule set the engine runs on. Everything here has passed `validate`: ranges
//! are ordered, names are known, ids are unique per version, and every rule has a citation.

pub use super::raw::{
    Cap, Citation, Course, Example, ExampleRequest, Extension, InForce, NotRecommended, Prerequisite, Range,
    Requirement, RuleKind, Scope, Source, Status, Unit,
};
use crate::domain::{Category, Date, Family, Modality};
use crate::vocab::Lexicon;

/// A postsurgical table row's course (8 CCR 9792.24.3(d)): the general course, the initial
/// course (half of it unless stated) and the postsurgical physical medicine period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Postsurgical {
    /// The general course of therapy for the surgery.
    pub general_course: Range,
    /// Over how many weeks.
    pub weeks: Option<Range>,
    /// The initial course, if the row states one; otherwise half the general course's maximum,
    /// rounded up.
    pub initial_course: Option<u32>,
    /// The postsurgical physical medicine period, in months from surgery.
    pub period_months: u32,
}

/// Where an example sits in its rule file: the spans of its `name`, `expect` and `expect_rule`
/// values, so a failing example is shown where it is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExamplePlace {
    /// The example's `name:` value.
    pub name: Option<crate::span::Span>,
    /// Its `expect:` value.
    pub expect: Option<crate::span::Span>,
    /// Its `expect_rule:` value, if written.
    pub expect_rule: Option<crate::span::Span>,
}

/// One rule version.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Stable id, shared by the rule's versions.
    pub id: String,
    /// Version name, if the rule has several.
    pub version: Option<String>,
    /// One line for people.
    pub title: String,
    /// Treatment family.
    pub family: Family,
    /// Kind of limit.
    pub kind: RuleKind,
    /// Treatments it covers.
    pub treatments: Vec<Modality>,
    /// Categories of non-therapy items it covers (a user's rule).
    pub categories: Vec<Category>,
    /// With `categories`: words one of which the item's line must contain, folded by
    /// [`fold_words`]. Empty: any item of the categories.
    pub naming: Vec<String>,
    /// Conditions it is keyed to (empty: any).
    pub conditions: Vec<String>,
    /// Surgeries (postsurgical rules).
    pub surgeries: Vec<String>,
    /// Applies when no rule of the family matches a named condition.
    pub default: bool,
    /// Higher wins among several matches.
    pub priority: i32,
    /// Course or trial.
    pub course: Option<Course>,
    /// Beyond the course.
    pub extension: Option<Extension>,
    /// Where not recommended.
    pub not_recommended: NotRecommended,
    /// What must be documented first.
    pub prerequisites: Vec<Prerequisite>,
    /// A guide rather than a hard limit.
    pub soft: bool,
    /// This version states no figure: `no_rule`, with `source.note` as the reason.
    pub no_figure: bool,
    /// Where, by body region, the guideline states the figure.
    pub scope: Option<Scope>,
    /// Statutory cap.
    pub cap: Option<Cap>,
    /// Postsurgical row (with a general course).
    pub postsurgical: Option<Postsurgical>,
    /// The postsurgical physical medicine period in months (postsurgical rules, including the
    /// presumed period of surgeries the table does not list).
    pub period_months: Option<u32>,
    /// Where the figure comes from.
    pub citation: Citation,
    /// How sure we are of it.
    pub source: Source,
    /// When in force.
    pub in_force: InForce,
    /// Examples to test it with.
    pub examples: Vec<Example>,
    /// Its path in its file (`rules[3]`): where [`Rule::example_places`] looks.
    pub path: String,
    /// The file it came from, with its text, for diagnostics that quote it.
    pub origin: crate::diagnostics::RuleSource,
    /// The file it came from.
    pub file: String,
    /// 1-based line of its `id`.
    pub line: usize,
}

impl Rule {
    /// Where each example is written, in the order of `examples`, found in `pos`, the index of
    /// the rule's file (`rules::source::Positions::index(&rule.origin.text)`). The index is built
    /// by the caller, once per file: a run that checks letters never needs it.
    pub fn example_places(&self, pos: &super::source::Positions) -> Vec<ExamplePlace> {
        (0..self.examples.len())
            .map(|j| {
                let at = |f: &str| pos.value_exact(&format!("{}.examples[{j}].{f}", self.path));
                ExamplePlace { name: at("name"), expect: at("expect"), expect_rule: at("expect_rule") }
            })
            .collect()
    }

    /// Does this rule cover an item of `category` that names no therapy, whose line is `text`?
    pub fn covers_item(&self, category: Category, text: &str) -> bool {
        self.categories.contains(&category)
            && (self.naming.is_empty() || {
                let line = fold_words(text);
                self.naming.iter().any(|n| line.contains(n.as_str()))
            })
    }

    /// `id@version`, or the id alone.
    pub fn label(&self) -> String {
        match &self.version {
            Some(v) => format!("{}@{v}", self.id),
            None => self.id.clone(),
        }
    }

    /// When the version is in force, in words: "in force 2009-07-18 to 2016-07-28", or "in
    /// force from 2017-12-01".
    pub fn in_force_text(&self) -> String {
        let from = (self.in_force.from != super::validate::BEGINNING).then_some(self.in_force.from);
        match (from, self.in_force.to) {
            (Some(f), Some(to)) => format!("in force {f} to {to}"),
            (Some(f), None) => format!("in force from {f}"),
            (None, Some(to)) => format!("in force until {to}"),
            (None, None) => "in force at all times".to_owned(),
        }
    }

    /// The version's figures in words, as explanations quote them: "9-10 visits over 8 weeks,
    /// 1-3 per week; up to 24 in total with documented functional improvement".
    pub fn limits_text(&self) -> String {
        let r = self;
        let mut s = String::new();
        if r.no_figure {
            s.push_str("no visit figure in this edition");
            if let Some(m) = r.period_months {
                s.push_str(&format!("; postsurgical period {m} months"));
            }
            return s;
        }
        if let Some(p) = &r.postsurgical {
            s.push_str(&format!("general course {} visits", fmt_range(p.general_course.min, p.general_course.max)));
            if let Some(w) = &p.weeks {
                s.push_str(&format!(" over {} weeks", fmt_range(w.min, w.max)));
            }
            s.push_str(&format!(
                ", initial course {} visits, postsurgical period {} months",
                r.course_max().unwrap_or(0),
                p.period_months
            ));
            return s;
        }
        if let Some(c) = &r.course {
            let unit = match c.unit {
                Unit::FullDays => "full-day sessions",
                Unit::Days => "days",
                Unit::Hours => "hours",
                Unit::Months => "months",
                Unit::Visits => "visits",
            };
            s.push_str(&format!("{} {unit}", fmt_range(c.visits.min, c.visits.max)));
            if let Some(w) = &c.weeks {
                s.push_str(&format!(" over {} weeks", fmt_range(w.min, w.max)));
            }
            if let Some(p) = &c.per_week {
                s.push_str(&format!(", {} per week", fmt_range(p.min, p.max)));
            }
            if let Some(m) = &c.months {
                s.push_str(&format!(", {} months", fmt_range(m.min, m.max)));
            }
        }
        if let Some(e) = &r.extension {
            match e.max_visits {
                Some(m) => s.push_str(&format!("; up to {m} in total with documented functional improvement")),
                None => s.push_str("; more only with documented functional improvement (no fixed maximum)"),
            }
        }
        if r.soft {
            s.push_str(" (a guide, not a hard limit)");
        }
        s
    }

    /// Every figure of the version in words, for `rules list`: [`Rule::limits_text`], with a
    /// statutory cap and where the treatment is not recommended.
    pub fn figures_text(&self) -> String {
        let mut parts = Vec::new();
        if let Some(c) = &self.cap {
            let mut s = format!("at most {} visits per injury", c.visits);
            if let Some(d) = c.injuries_from {
                s.push_str(&format!(" (injuries from {d})"));
            }
            parts.push(s);
        } else {
            let l = self.limits_text();
            if !l.is_empty() {
                parts.push(l);
            }
        }
        let nr = &self.not_recommended;
        if !nr.regions.is_empty() || !nr.conditions.is_empty() {
            let what: Vec<&str> = nr.regions.iter().chain(&nr.conditions).map(String::as_str).collect();
            parts.push(format!("not recommended for {}", what.join(", ")));
        }
        if self.prerequisites.contains(&Prerequisite::SelectionCriteria) {
            parts.push("selection criteria documented first".to_owned());
        }
        parts.join("; ")
    }

    /// The dates in force, for people: "since 2009-07-18", "2004-01-01 to 2009-07-17", "until
    /// 2009-07-17", or "at all times" for a version that gives no `in_force`.
    pub fn dates_text(&self) -> String {
        let from = (self.in_force.from != super::validate::BEGINNING).then_some(self.in_force.from);
        match (from, self.in_force.to) {
            (Some(f), Some(t)) => format!("{f} to {t}"),
            (Some(f), None) => format!("since {f}"),
            (None, Some(t)) => format!("until {t}"),
            (None, None) => "at all times (no in_force dates)".to_owned(),
        }
    }

    /// Is this version in force on `date`?
    pub fn in_force_on(&self, date: Date) -> bool {
        self.in_force.from <= date && self.in_force.to.is_none_or(|to| date <= to)
    }

    /// The citation in one line: guideline, section, pages, regulation.
    pub fn cite(&self) -> String {
        let c = &self.citation;
        let mut s = c.guideline.clone();
        if let Some(sec) = &c.section {
            s.push_str(&format!(", {sec}"));
        }
        if let Some(p) = &c.pages {
            let word = if p.contains(['-', ',']) { "pp." } else { "p." };
            s.push_str(&format!(", {word} {p}"));
        }
        if let Some(r) = &c.regulation {
            s.push_str(&format!(" ({r})"));
        }
        s
    }

    /// The course limit: most visits without further documentation.
    pub fn course_max(&self) -> Option<u32> {
        if self.no_figure {
            return None;
        }
        if let Some(p) = &self.postsurgical {
            return Some(p.initial_course.unwrap_or(p.general_course.max.div_ceil(2)));
        }
        self.course.as_ref().map(|c| c.visits.max)
    }

    /// The most the rule could ever allow (None: no fixed maximum).
    pub fn absolute_max(&self) -> Option<u32> {
        if let Some(p) = &self.postsurgical {
            return Some(p.general_course.max);
        }
        match &self.extension {
            Some(e) => e.max_visits,
            None => self.course_max(),
        }
    }

    /// Whether the rule allows more than its course with documented functional improvement.
    pub fn has_extension(&self) -> bool {
        self.extension.is_some() || self.postsurgical.is_some()
    }
}

/// The rules and the vocabulary they are written in.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// Every rule version, in file order.
    pub rules: Vec<Rule>,
    /// The compiled vocabulary.
    pub lexicon: Lexicon,
    /// Where the rules came from (`embedded` or a directory).
    pub origin: String,
    /// A digest of the files the set was read from ([`super::digest`]): reports carry it so a
    /// reader can tell which rule files an audit used.
    pub digest: String,
}

impl RuleSet {
    /// The unit a rule counts an item of `category` in, when some rule (of any edition) covers
    /// that item although it names no therapy: extraction reads its count only then.
    pub fn category_unit(&self, category: Category, text: &str) -> Option<Unit> {
        self.rules
            .iter()
            .find(|r| r.kind == RuleKind::Guideline && r.covers_item(category, text))
            .map(|r| r.course.as_ref().map(|c| c.unit).unwrap_or_default())
    }
}

/// Lower case, with hyphens and runs of white space as one space: how `naming` words and item
/// lines are compared.
pub fn fold_words(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A range in words: "9-10", or "10" when it is one number.
pub fn fmt_range(min: Option<u32>, max: u32) -> String {
    match min {
        Some(m) if m != max => format!("{m}-{max}"),
        _ => max.to_string(),
    }
}
