//! The validated rule set the engine runs on. Everything here has passed `validate`: ranges
//! are ordered, names are known, ids are unique per version, and every rule has a citation.

pub use super::raw::{
    Cap, Citation, Course, Example, ExampleRequest, Extension, InForce, NotRecommended, Prerequisite, Range,
    Requirement, RuleKind, Scope, Source, Status, Unit,
};
use crate::domain::{Date, Family, Modality};
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
    /// The file it came from.
    pub file: String,
    /// 1-based line of its `id`.
    pub line: usize,
}

impl Rule {
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
        match self.in_force.to {
            Some(to) => format!("in force {} to {to}", self.in_force.from),
            None => format!("in force from {}", self.in_force.from),
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
