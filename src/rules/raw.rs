//! The rule file format as written by users: plain serde types, `deny_unknown_fields`
//! everywhere so a misspelt key is an error rather than a silently ignored line. This file
//! and `source.rs` are the only ones that know about YAML.

use crate::domain::{Category, Date, Family, Modality, Tri, Verdict};
use schemars::JsonSchema;
use serde::Deserialize;

/// A rule file: a list of rules.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// The rules this file defines.
    pub rules: Vec<RawRule>,
}

/// What kind of limit a rule sets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    /// A treatment guideline's course or trial limit.
    #[default]
    Guideline,
    /// A statutory cap on visits per injury (Labor Code 4604.5).
    StatutoryCap,
    /// A postsurgical treatment guideline row.
    Postsurgical,
}

/// A range of counts; `min` may be omitted ("up to 18").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Range {
    /// Lower bound, if the guideline gives one.
    #[serde(default)]
    pub min: Option<u32>,
    /// Upper bound.
    pub max: u32,
}

/// Unit in which a course is counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Visits, sessions or treatments.
    #[default]
    Visits,
    /// Full-day sessions (functional restoration); hours convert with `hours_per_day`.
    FullDays,
    /// Days of use (a TENS rental); weeks and months convert to days.
    Days,
    /// Hours of service (home health care: "4 hours a day, 5 days a week for 6 weeks" is 120).
    Hours,
    /// Months (a membership, a rental by the month).
    Months,
}

/// The initial course or trial a guideline allows without further documentation.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Course {
    /// How many visits (or full days).
    pub visits: Range,
    /// Over how many weeks.
    #[serde(default)]
    pub weeks: Option<Range>,
    /// How many per week.
    #[serde(default)]
    pub per_week: Option<Range>,
    /// Over how many months.
    #[serde(default)]
    pub months: Option<Range>,
    /// What a visit is.
    #[serde(default)]
    pub unit: Unit,
    /// Hours in one full-day session (functional restoration).
    #[serde(default)]
    pub hours_per_day: Option<u32>,
    /// The course counts this request alone: earlier visits were another episode (a flare-up
    /// allowance). Such a rule presumes an earlier course: where the letter says there was none
    /// of the family, it is not chosen.
    #[serde(default)]
    pub per_episode: bool,
}

/// What continuing past the course requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    /// Documented functional improvement (8 CCR 9792.20).
    FunctionalImprovement,
}

/// Treatment beyond the course.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Extension {
    /// What must be documented.
    pub requires: Vec<Requirement>,
    /// Total visits allowed with the extension, course included; omit for no fixed maximum.
    #[serde(default)]
    pub max_visits: Option<u32>,
    /// Over how many weeks in total.
    #[serde(default)]
    pub weeks: Option<Range>,
}

/// Where the treatment is not recommended at all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NotRecommended {
    /// Body regions (vocabulary ids).
    #[serde(default)]
    pub regions: Vec<String>,
    /// Conditions (vocabulary ids).
    #[serde(default)]
    pub conditions: Vec<String>,
}

/// Where, by body region, the guideline states the rule's figure. A request naming only regions
/// the figure is not stated for either borrows it (the explanation says so) or gets `no_rule`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    /// Regions the guideline states the figure for (vocabulary ids); empty: every region that
    /// is not excluded.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Regions the figure is applied to by analogy, though the guideline states it for
    /// `regions` only; the explanation says which figure is borrowed.
    #[serde(default)]
    pub borrowed_for: Vec<String>,
    /// Regions this guideline does not govern (another guideline does): a request naming only
    /// these gets `no_rule`, with the reason.
    #[serde(default)]
    pub excluded: Vec<String>,
}

/// Conditions a program requires before it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Prerequisite {
    /// The program's selection (admission) criteria are documented as met.
    SelectionCriteria,
}

/// What the rule applies to.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppliesTo {
    /// Treatments (modalities).
    #[serde(default)]
    pub treatments: Vec<Modality>,
    /// Categories of disputed items that name no therapy (`durable_medical_equipment`,
    /// `home_health`, ...): a user's rule for them judges such an item like any other. A therapy
    /// item is judged by the rules of its treatment, never by a category rule.
    #[serde(default)]
    pub categories: Vec<Category>,
    /// With `categories`: only the items whose own line contains one of these words (ignoring
    /// case, hyphens and spacing), such as `[cold therapy, polar care]`. Empty: every item of
    /// the categories.
    #[serde(default)]
    pub naming: Vec<String>,
    /// Conditions (vocabulary ids); empty means any condition.
    #[serde(default)]
    pub conditions: Vec<String>,
    /// Surgeries (vocabulary ids), for postsurgical rules.
    #[serde(default)]
    pub surgeries: Vec<String>,
}

/// A statutory cap on visits per injury.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cap {
    /// Most visits per injury for each treatment.
    pub visits: u32,
    /// The cap applies to injuries on or after this date.
    #[serde(default)]
    pub injuries_from: Option<Date>,
    /// Postsurgical care under the postsurgical guidelines does not count.
    #[serde(default)]
    pub exempt_postsurgical: bool,
    /// The cap does not apply when the letter says the employer authorized additional visits in
    /// writing (Labor Code 4604.5(c)(2)(A)).
    #[serde(default)]
    pub exempt_written_authorization: bool,
}

/// A postsurgical guideline row.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Postsurgical {
    /// The general course of therapy for the surgery; omit (with `no_figure: true`) for the
    /// presumed period of a surgery the table does not list.
    #[serde(default)]
    pub general_course: Option<Range>,
    /// Over how many weeks.
    #[serde(default)]
    pub weeks: Option<Range>,
    /// The initial course; defaults to half the general course's maximum, rounded up.
    #[serde(default)]
    pub initial_course: Option<u32>,
    /// The postsurgical physical medicine period, in months from surgery.
    pub period_months: u32,
}

/// Where the rule's figure comes from.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// The guideline or statute, e.g. "MTUS Chronic Pain Medical Treatment Guidelines (2009)".
    pub guideline: String,
    /// Its section.
    #[serde(default)]
    pub section: Option<String>,
    /// Pages, e.g. "98-99".
    #[serde(default)]
    pub pages: Option<String>,
    /// Pages elsewhere in the guideline that defer to this rule's figures, e.g. "22" for
    /// aquatic therapy, which refers to physical medicine: a letter citing them is not flagged.
    #[serde(default)]
    pub see_also_pages: Option<String>,
    /// The regulation, e.g. "8 CCR 9792.24.2".
    #[serde(default)]
    pub regulation: Option<String>,
    /// Where to read it.
    #[serde(default)]
    pub url: Option<String>,
}

/// How sure we are of the figure.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema, serde::Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Read in the regulation, statute, an official page or a verbatim guideline mirror.
    Confirmed,
    /// Quoted verbatim in real IMR letters or several independent secondary sources.
    Corroborated,
    /// No source for the figure in this edition was found; it is the figure of an earlier
    /// edition (named in `from`), carried over unchanged.
    CarriedOver,
    /// Not yet read in a source.
    #[default]
    Unconfirmed,
}

impl Status {
    /// Every status, strongest first.
    pub const ALL: &'static [Status] =
        &[Status::Confirmed, Status::Corroborated, Status::CarriedOver, Status::Unconfirmed];

    /// The contract's name: `confirmed`, `corroborated`, `carried_over`, `unconfirmed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Confirmed => "confirmed",
            Status::Corroborated => "corroborated",
            Status::CarriedOver => "carried_over",
            Status::Unconfirmed => "unconfirmed",
        }
    }

    /// In words, for people.
    pub fn label(self) -> &'static str {
        match self {
            Status::Confirmed => "confirmed",
            Status::Corroborated => "corroborated by letters",
            Status::CarriedOver => "carried over",
            Status::Unconfirmed => "unconfirmed",
        }
    }

    /// Whether a verdict resting on a figure of this standing should be marked for the auditor
    /// (carried over or unconfirmed: no source for it in the edition in force).
    pub fn is_weak(self) -> bool {
        matches!(self, Status::CarriedOver | Status::Unconfirmed)
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The figure's provenance.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// How sure.
    #[serde(default)]
    pub status: Status,
    /// For `carried_over`: the version (edition) of this rule whose figure is carried over,
    /// e.g. `cpmtg-2009`. It must be an earlier version with the same figures.
    #[serde(default)]
    pub from: Option<String>,
    /// What was read, where.
    #[serde(default)]
    pub note: Option<String>,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.status, &self.from) {
            (Status::CarriedOver, Some(from)) => write!(f, "carried_over from {from}"),
            (s, _) => write!(f, "{s}"),
        }
    }
}

/// The dates a rule version is in force.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InForce {
    /// First day in force.
    pub from: Date,
    /// Last day in force; omit while still in force.
    #[serde(default)]
    pub to: Option<Date>,
}

/// The facts of a request, for a rule's examples.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExampleRequest {
    /// The treatment (or, for an item that names no therapy, `category`).
    #[serde(default)]
    pub treatment: Option<Modality>,
    /// The category of an item that names no therapy, for a category rule.
    #[serde(default)]
    pub category: Option<Category>,
    /// The item's line, as a letter would give it (`naming` words are looked for in it).
    #[serde(default)]
    pub item: Option<String>,
    /// Visits requested (or days, hours or months, in the rule's unit).
    #[serde(default)]
    pub visits_requested: Option<u32>,
    /// Hours requested (functional restoration).
    #[serde(default)]
    pub hours_requested: Option<u32>,
    /// Visits already done.
    #[serde(default)]
    pub prior_visits: Option<u32>,
    /// Was there earlier treatment of the same family.
    #[serde(default = "unknown")]
    pub prior_treatment: Tri,
    /// Is functional improvement documented.
    #[serde(default = "unknown")]
    pub functional_improvement: Tri,
    /// Are the selection criteria documented.
    #[serde(default = "unknown")]
    pub criteria_documented: Tri,
    /// Conditions (vocabulary ids).
    #[serde(default)]
    pub conditions: Vec<String>,
    /// Body regions (vocabulary ids).
    #[serde(default)]
    pub regions: Vec<String>,
    /// The surgery, for postsurgical requests (vocabulary id).
    #[serde(default)]
    pub surgery: Option<String>,
    /// Surgery date.
    #[serde(default)]
    pub surgery_date: Option<Date>,
    /// The request's date (utilization review).
    #[serde(default)]
    pub date: Option<Date>,
    /// Date of injury.
    #[serde(default)]
    pub date_of_injury: Option<Date>,
    /// Does the letter say the employer authorized additional visits in writing (Labor Code
    /// 4604.5(c)(2)(A)).
    #[serde(default)]
    pub written_authorization: bool,
}

fn unknown() -> Tri {
    Tri::Unknown
}

/// One example: a request and the verdict the rule set must give.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// What the example shows.
    pub name: String,
    /// The request's facts.
    pub request: ExampleRequest,
    /// The verdict expected.
    pub expect: Verdict,
    /// The rule expected to decide, as `id` or `id@version`; defaults to the rule (and
    /// version) carrying the example.
    #[serde(default)]
    pub expect_rule: Option<String>,
}

/// One rule as written.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    /// Stable identifier, e.g. `pm-myalgia`. Rules sharing an id are versions of one rule.
    pub id: String,
    /// Version name, e.g. `cpmtg-2009`; needed when an id has several versions.
    #[serde(default)]
    pub version: Option<String>,
    /// One line for people.
    pub title: String,
    /// The treatment family.
    pub family: Family,
    /// What kind of limit.
    #[serde(default)]
    pub kind: RuleKind,
    /// What it applies to.
    pub applies_to: AppliesTo,
    /// Apply when no rule of the family matches a named condition.
    #[serde(default)]
    pub default: bool,
    /// Higher wins when several rules match one request.
    #[serde(default)]
    pub priority: Option<i32>,
    /// The course or trial.
    #[serde(default)]
    pub course: Option<Course>,
    /// What continuing past the course requires.
    #[serde(default)]
    pub extension: Option<Extension>,
    /// Where it is not recommended.
    #[serde(default)]
    pub not_recommended_for: Option<NotRecommended>,
    /// What must be documented before it starts.
    #[serde(default)]
    pub prerequisites: Vec<Prerequisite>,
    /// A guide, not a hard limit ("4-6 visits in most cases"): exceeding it is still
    /// `exceeds_limit`, and the explanation says the limit is soft.
    #[serde(default)]
    pub soft: bool,
    /// This version states no visit figure (no source for one in this edition was found, or
    /// the edition gives none): a request it governs gets `no_rule`, with `source.note` as the
    /// reason. It still wins rule choice, so the request does not fall to another rule's figure.
    #[serde(default)]
    pub no_figure: bool,
    /// Where, by body region, the guideline states the figure.
    #[serde(default)]
    pub scope: Option<Scope>,
    /// A statutory cap.
    #[serde(default)]
    pub cap: Option<Cap>,
    /// A postsurgical row.
    #[serde(default)]
    pub postsurgical: Option<Postsurgical>,
    /// Where the figure comes from.
    #[serde(default)]
    pub citation: Option<Citation>,
    /// How sure we are of the figure.
    #[serde(default)]
    pub source: Source,
    /// When this version is in force.
    #[serde(default)]
    pub in_force: Option<InForce>,
    /// Requests and the verdicts they must get.
    #[serde(default)]
    pub examples: Vec<Example>,
}
