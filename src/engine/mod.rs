//! The engine: pure functions from a [`Request`] and a [`RuleSet`] to an [`Evaluation`]: which
//! rule applies and why, the verdict, the agreement with the recorded decision, and a trace of
//! steps in which every number names the letter span or the rule it comes from.
//!
//! The order of checks and the rule-choice policy are documented in `docs/verdicts.md`.

use crate::domain::{Agreement, Date, Decision, Tri, Verdict};
use crate::extract::count::CountUnit;
use crate::extract::{Evidence, Request};
use crate::rules::model::{Prerequisite, RuleKind, Status, Unit};
use crate::rules::{Rule, RuleSet};
use crate::span::{Span, Spanned};
use serde::Serialize;

pub mod statute;

/// One step of an explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// What was established, in a sentence.
    pub text: String,
    /// The letter text it rests on.
    pub spans: Vec<Span>,
    /// The rules it rests on (`id@version`).
    pub rules: Vec<String>,
}

/// Which way a disagreement goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Disagreement {
    /// Upheld although the rule allows the request.
    StricterThanRule,
    /// Overturned although the rule does not allow it.
    MoreLenientThanRule,
}

/// A citation in the letter that does not match the rule in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CitationFlag {
    /// What differs.
    pub message: String,
    /// Where in the letter.
    pub span: Span,
    /// The rule compared with.
    pub rule: String,
}

/// The rule an evaluation used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleUsed {
    /// Rule id.
    pub id: String,
    /// Version name.
    pub version: Option<String>,
    /// Citation in one line.
    pub citation: String,
    /// The standing of the figure: confirmed, corroborated, carried over or unconfirmed.
    pub status: crate::rules::model::Status,
    /// For a carried-over figure, the version (edition) it is carried over from.
    pub carried_from: Option<String>,
}

impl RuleUsed {
    fn of(rule: &Rule) -> RuleUsed {
        RuleUsed {
            id: rule.id.clone(),
            version: rule.version.clone(),
            citation: rule.cite(),
            status: rule.source.status,
            carried_from: rule.source.from.clone().filter(|_| rule.source.status == Status::CarriedOver),
        }
    }
}

/// The result of checking one request.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    /// The deciding rule.
    pub rule: Option<RuleUsed>,
    /// What the rules say.
    pub verdict: Verdict,
    /// Whether the decision matches.
    pub agreement: Agreement,
    /// Which way it disagrees, if it does.
    pub disagreement: Option<Disagreement>,
    /// Visits requested in the rule's unit.
    pub visits_requested: Option<u32>,
    /// Prior visits in the rule's unit.
    pub prior_visits: Option<u32>,
    /// Whether the request falls in a postsurgical period.
    pub postsurgical: bool,
    /// Whether the earlier course was counted from the operation on (the request's
    /// [`Request::since_surgery`], or none before an operation not yet done): the report shows
    /// that count.
    #[serde(skip)]
    pub counted_since_surgery: bool,
    /// Date used to choose rule versions, and where it came from.
    pub as_of: Option<(Date, String)>,
    /// Citations that differ from the rule.
    pub citation_flags: Vec<CitationFlag>,
    /// The explanation.
    pub trace: Vec<Step>,
}

/// Context beyond the request: dates, and what the letter says of the claim as a whole.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Date to choose rule versions by, and its source.
    pub as_of: Option<(Date, String)>,
    /// Date of injury.
    pub date_of_injury: Option<(Date, Span)>,
    /// Where the letter says the employer authorized additional visits in writing (Labor Code
    /// 4604.5(c)(2)(A)); see [`statute::written_authorization`].
    pub written_authorization: Option<Span>,
}

struct Trace(Vec<Step>);

impl Trace {
    /// Tells how a postsurgical period changes the count of the earlier course: `why`, then
    /// "(prior visits 14 → 6)", quoting both counts.
    fn recount(&mut self, why: &str, was: Option<&Spanned<u32>>, now: Option<&Spanned<u32>>) {
        let count = |p: Option<&Spanned<u32>>| p.map_or("unknown".to_owned(), |p| p.value.to_string());
        self.push(
            format!("{why} (prior visits {} → {}).", count(was), count(now)),
            [was.map(|p| p.span), now.map(|p| p.span)].into_iter().flatten(),
            [],
        );
    }

    fn push(&mut self, text: String, spans: impl IntoIterator<Item = Span>, rules: impl IntoIterator<Item = String>) {
        self.0.push(Step {
            text,
            spans: spans.into_iter().filter(|s| !s.is_empty()).collect(),
            rules: rules.into_iter().collect(),
        });
    }
}

/// Rules in force on `date` (or, with no date, the newest version of each rule).
pub fn in_force(rules: &RuleSet, date: Option<Date>) -> Vec<&Rule> {
    match date {
        Some(d) => rules.rules.iter().filter(|r| r.in_force_on(d)).collect(),
        None => {
            let mut out: Vec<&Rule> = Vec::new();
            for r in &rules.rules {
                match out.iter().position(|o| o.id == r.id) {
                    Some(i) if out[i].in_force.from < r.in_force.from => out[i] = r,
                    Some(_) => {}
                    None => out.push(r),
                }
            }
            out
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// Check one request against the rules.
pub fn evaluate(rules: &RuleSet, req: &Request, ctx: &Context) -> Evaluation {
    let mut t = Trace(Vec::new());
    let date = ctx.as_of.as_ref().map(|(d, _)| *d);
    match &ctx.as_of {
        Some((d, src)) => t.push(format!("Rules in force on {d} (the {src}) apply."), [], []),
        None => t.push(
            "The letter gives no date to choose rule versions by; the newest version of each rule applies.".into(),
            [],
            [],
        ),
    }
    let active = in_force(rules, date);
    let mut eval = Evaluation {
        rule: None,
        verdict: Verdict::NoRule,
        agreement: Agreement::Indeterminate,
        disagreement: None,
        visits_requested: req.requested.as_ref().map(|r| r.value),
        prior_visits: req.prior_visits.as_ref().map(|p| p.value),
        postsurgical: false,
        counted_since_surgery: false,
        as_of: ctx.as_of.clone(),
        citation_flags: Vec::new(),
        trace: Vec::new(),
    };

    // What the rules are looked up by: the therapy the item names, or, for an item that names
    // none, its category when a (user's) rule covers that category.
    let subject = match &req.modality {
        Some(m) => {
            t.push(format!("Treatment: {} (family {}).", m.value, req.family), [m.span], []);
            m.value.to_string()
        }
        None if active.iter().any(|r| r.kind == RuleKind::Guideline && covers(r, req)) => {
            t.push(
                format!("Category: {}, which a rule in force covers.", req.category.value.label()),
                [req.category.span],
                [],
            );
            req.category.value.label()
        }
        None => {
            let what = match req.category_basis {
                crate::extract::scope::Basis::Unknown => format!(
                    "{}: the item names no treatment imrcheck knows, and its rationale names no one therapy",
                    req.category.value.label()
                ),
                _ => format!("{}: no MTUS visit rule covers this item", req.category.value.label()),
            };
            t.push(format!("{} → no_rule.", capitalise(&what)), [req.category.span], []);
            return finish(eval, req, t);
        }
    };

    // Postsurgical rules take precedence within their period.
    let mut chosen: Option<&Rule> = None;
    let mut period_end: Option<Date> = None;
    // Whether the operation is dated and the request falls outside its postsurgical period.
    let mut after_period = false;
    if let (Some(s), Some(modality)) = (&req.surgery, &req.modality) {
        let rows = || {
            active
                .iter()
                .copied()
                .filter(|r| r.kind == RuleKind::Postsurgical && r.treatments.contains(&modality.value))
        };
        // The surgery's own row; failing one, the presumed period for surgeries the table does
        // not list.
        let row = rows()
            .filter(|r| r.surgeries.contains(&s.id.value))
            .max_by_key(|r| r.priority)
            .or_else(|| rows().filter(|r| r.default && r.surgeries.is_empty()).max_by_key(|r| r.priority));
        if let Some(r) = row {
            let period = r.period_months.unwrap_or(6);
            // A month without a day ("a fusion in May 2013") decides only where every day of
            // that month gives the same answer; otherwise the request's wording decides, as
            // with no date.
            let month_only = s.date.as_ref().filter(|_| s.month_only).zip(date).map(|(sd, d)| {
                let (first, last) = (sd.value, sd.value.month_end());
                let (early, late) = (first.add_months(period), last.add_months(period));
                let month = first.month_string();
                let settled = if d > last && d <= early {
                    Some(true)
                } else if d > late || d < first {
                    Some(false)
                } else {
                    None
                };
                (sd, month, early, late, settled)
            });
            let within = match (s.date.as_ref(), date, month_only) {
                (Some(_), Some(d), Some((sd, month, early, late, settled))) => {
                    let ok = settled.unwrap_or(req.postop_wording.is_some());
                    let how = match settled {
                        Some(true) => format!("so {d} is within it"),
                        Some(false) => format!("so {d} is outside it"),
                        None if ok => format!("so whether {d} is within it depends on the day; the request is for postoperative therapy"),
                        None => format!("so whether {d} is within it depends on the day, and the request is not worded as postoperative: the postsurgical rules do not apply"),
                    };
                    t.push(
                        format!(
                            "Surgery: {} in {month} (the letter gives the month, not the day); its postsurgical period of {period} months ends between {early} and {late}, {how}.",
                            s.id.value
                        ),
                        [Some(s.id.span), Some(sd.span), req.postop_wording.filter(|_| settled.is_none())].into_iter().flatten(),
                        [r.label()],
                    );
                    ok
                }
                (Some(sd), Some(d), None) => {
                    let end = sd.value.add_months(period);
                    let ok = d <= end && d >= sd.value;
                    t.push(
                        format!(
                            "Surgery: {} on {}; its postsurgical period of {period} months ends {end}, so {d} is {} it.",
                            s.id.value,
                            sd.value,
                            if ok { "within" } else { "outside" }
                        ),
                        [s.id.span, sd.span],
                        [r.label()],
                    );
                    ok
                }
                _ => {
                    let ok = req.postop_wording.is_some();
                    t.push(
                        format!(
                            "Surgery: {}; {}.",
                            s.id.value,
                            if ok {
                                "the request is for postoperative therapy"
                            } else {
                                "no surgery date and no postoperative wording, so the postsurgical rules do not apply"
                            }
                        ),
                        [Some(s.id.span), req.postop_wording].into_iter().flatten(),
                        [r.label()],
                    );
                    ok
                }
            };
            after_period = !within && s.date.is_some() && date.is_some();
            if within {
                eval.postsurgical = true;
                period_end = s.date.as_ref().filter(|_| !s.month_only).map(|sd| sd.value.add_months(period));
                chosen = Some(r);
            }
        }
    }
    // In the period, the postsurgical course is the one since the operation: a course told
    // before it is not counted, though the request is not worded as postoperative. Past the
    // period, a request worded as postoperative is counted as any other: the course told before
    // the operation counts with the one after it.
    let recounted = if eval.postsurgical && req.since_surgery.is_some() {
        Some((
            req.clone().counted_since_surgery(),
            "The request falls in the postsurgical period, so its earlier course is counted from the operation on: the course told before the operation is not counted",
        ))
    } else if after_period && req.whole_history.is_some() {
        Some((
            req.clone().counted_across_surgery(),
            "The request falls after the postsurgical period, so its earlier course is counted across the operation: the course told before the operation counts with the one after it",
        ))
    } else {
        None
    };
    let req = match &recounted {
        Some((other, why)) => {
            t.recount(why, req.prior_visits.as_ref(), other.prior_visits.as_ref());
            eval.counted_since_surgery = eval.postsurgical;
            eval.prior_visits = other.prior_visits.as_ref().map(|p| p.value);
            other
        }
        None => req,
    };
    if chosen.is_none() {
        chosen = choose_guideline(&active, req, &mut t);
    }
    let Some(rule) = chosen else {
        t.push(format!("No rule in force covers {subject} (family {}).", req.family), [], []);
        return finish(eval, req, t);
    };
    eval.rule = Some(RuleUsed::of(rule));
    t.push(
        format!(
            "Rule {} ({}): {}. {}: {}.",
            rule.label(),
            rule.in_force_text(),
            rule.title,
            rule.cite(),
            rule.limits_text()
        ),
        [],
        [rule.label()],
    );
    match (rule.source.status, rule.source.from.as_deref()) {
        (Status::Confirmed, _) => {}
        (Status::CarriedOver, Some(from)) => t.push(
            format!(
                "Note: no source for this figure in the edition in force was found; it is carried over unchanged from {}@{from} (see docs/sources.md).",
                rule.id
            ),
            [],
            [rule.label(), format!("{}@{from}", rule.id)],
        ),
        (status, _) if !rule.no_figure => t.push(
            format!("Note: this rule's figure is {} in the project's sources (see its `source` note).", status.as_str())
                .to_lowercase(),
            [],
            [rule.label()],
        ),
        _ => {}
    }
    if let Some(d) = date {
        edition_boundary_note(rules, rule, d, &mut t);
    }

    // Not recommended here?
    let nr_region = req.body_regions.iter().find(|r| rule.not_recommended.regions.contains(&r.value));
    // A condition of another part of the body ("carpal tunnel syndrome" for a neck request)
    // does not make a treatment of this part not recommended.
    let elsewhere = |id: &str| {
        let mut on: Vec<String> = rules.lexicon.regions(&id.replace('_', " ")).into_iter().map(|h| h.id).collect();
        for w in req.condition_words.get(id).into_iter().flatten() {
            on.extend(rules.lexicon.regions(w).into_iter().map(|h| h.id));
        }
        !on.is_empty() && !req.body_regions.is_empty() && !req.body_regions.iter().any(|r| on.contains(&r.value))
    };
    let nr_condition =
        req.conditions.iter().find(|c| rule.not_recommended.conditions.contains(&c.value) && !elsewhere(&c.value));
    if let Some(hit) = nr_region.or(nr_condition) {
        t.push(
            format!(
                "{} is not recommended for {} under {} → not_recommended.",
                subject,
                if nr_condition.is_some() && nr_region.is_none() {
                    words(req, &hit.value)
                } else {
                    hit.value.replace('_', " ")
                },
                rule.label()
            ),
            [hit.span],
            [rule.label()],
        );
        eval.verdict = Verdict::NotRecommended;
        flag_citations(&mut eval, req, rule, &active, &mut t);
        return finish(eval, req, t);
    }

    if rule.no_figure {
        let why = rule.source.note.as_deref().unwrap_or("this edition states no figure");
        t.push(format!("{} states no visit figure for {subject}: {why} → no_rule.", rule.label()), [], [rule.label()]);
        eval.verdict = Verdict::NoRule;
        return finish(eval, req, t);
    }
    if let Some(v) = scope_check(rule, req, &mut t) {
        eval.verdict = v;
        return finish(eval, req, t);
    }

    let requested = convert(req, rule, &mut t);
    eval.visits_requested = requested.or(eval.visits_requested);
    eval.prior_visits = prior_in_unit(req, rule).or(eval.prior_visits);

    // Prerequisites.
    if rule.prerequisites.contains(&Prerequisite::SelectionCriteria) {
        match req.criteria.value {
            Tri::No => {
                t.push(format!("The letter states the program's selection criteria are not met or not documented; {} requires them → needs_documentation.", rule.label()), req.criteria.span, [rule.label()]);
                eval.verdict = Verdict::NeedsDocumentation;
                flag_citations(&mut eval, req, rule, &active, &mut t);
                return finish(eval, req, t);
            }
            Tri::Yes => {
                t.push("The letter states the selection criteria are met.".into(), req.criteria.span, [rule.label()]);
            }
            Tri::Unknown => t.push(
                "The letter does not say whether the selection criteria are met; the count decides.".into(),
                [],
                [rule.label()],
            ),
        }
    }

    eval.verdict = match &rule.postsurgical {
        Some(_) => postsurgical_verdict(rule, req, requested, period_end, &mut t),
        None => count_verdict(rule, req, requested, &mut t),
    };
    // Before an operation not yet done, no postsurgical visits have been had: the course the
    // letter tells came before it, and the report's prior visits are the postsurgical course's.
    if rule.postsurgical.is_some() && req.surgery_pending() {
        eval.prior_visits = None;
        eval.counted_since_surgery = true;
    }
    if eval.verdict == Verdict::WithinLimit {
        apply_cap(&active, req, requested, ctx, &mut eval, &mut t);
    }
    flag_citations(&mut eval, req, rule, &active, &mut t);
    finish(eval, req, t)
}

/// A condition in the letter's own words ("\"neck pain\" and \"cervical strain\""), the
/// vocabulary id after them for the rule author.
fn words(req: &Request, id: &str) -> String {
    match req.condition_words.get(id).filter(|w| !w.is_empty()) {
        Some(w) => {
            let quoted: Vec<String> = w.iter().take(3).map(|x| format!("\"{x}\"")).collect();
            let list = match quoted.as_slice() {
                [one] => one.clone(),
                [init @ .., last] => format!("{} and {last}", init.join(", ")),
                [] => String::new(),
            };
            format!("{list} ({id})")
        }
        None => id.replace('_', " "),
    }
}

/// Does `rule` cover the request: its treatment, or, for an item that names no therapy, its
/// category (and `naming` words)?
fn covers(rule: &Rule, req: &Request) -> bool {
    match &req.modality {
        Some(m) => rule.treatments.contains(&m.value),
        None => rule.covers_item(req.category.value, &req.text.value),
    }
}

fn choose_guideline<'a>(active: &[&'a Rule], req: &Request, t: &mut Trace) -> Option<&'a Rule> {
    let subject = match &req.modality {
        Some(m) => m.value.to_string(),
        None => req.category.value.label(),
    };
    let family_rules: Vec<&Rule> =
        active.iter().copied().filter(|r| r.kind == RuleKind::Guideline && covers(r, req)).collect();
    let mut matching: Vec<(&Rule, &crate::span::Spanned<String>)> = family_rules
        .iter()
        .filter_map(|r| req.conditions.iter().find(|c| r.conditions.contains(&c.value)).map(|c| (*r, c)))
        .collect();
    // A rule for another episode (a flare-up's allowance) presumes an earlier course: where the
    // letter says there was none, the flare it names is not a recurrence of this treatment.
    if req.prior_treatment.value == Tri::No {
        let (episodes, rest): (Vec<_>, Vec<_>) =
            matching.into_iter().partition(|(r, _)| r.course.as_ref().is_some_and(|c| c.per_episode));
        matching = rest;
        for (r, c) in episodes {
            t.push(
                format!(
                    "The letter names {} but no earlier {} course, so {} (for a recurrence after a course) does not apply.",
                    words(req, &c.value),
                    r.family,
                    r.label()
                ),
                [c.span].into_iter().chain(req.prior_treatment.span),
                [r.label()],
            );
        }
    }
    if let Some((best, cond)) = matching.iter().max_by_key(|(r, _)| r.priority) {
        let others: Vec<String> = matching
            .iter()
            .filter(|(r, _)| r.id != best.id)
            .map(|(r, c)| format!("{} ({}; priority {})", r.label(), words(req, &c.value), r.priority))
            .collect();
        let why = if others.is_empty() {
            format!("Chosen because the letter names {} for the patient.", words(req, &cond.value))
        } else {
            format!(
                "Chosen because the letter names {} and this rule has the highest priority ({}); also matched: {}.",
                words(req, &cond.value),
                best.priority,
                others.join(", ")
            )
        };
        t.push(
            why,
            [cond.span],
            std::iter::once(best.label())
                .chain(matching.iter().filter(|(r, _)| r.id != best.id).map(|(r, _)| r.label())),
        );
        return Some(best);
    }
    let fallback = family_rules
        .iter()
        .copied()
        .filter(|r| r.default)
        .max_by_key(|r| r.priority)
        .or_else(|| family_rules.iter().copied().filter(|r| r.conditions.is_empty()).max_by_key(|r| r.priority));
    if let Some(r) = fallback {
        let msg = if r.default && !r.conditions.is_empty() {
            format!("No condition that a {} rule is keyed to is named; {} applies by default (reviewers apply it by analogy).", r.family, r.label())
        } else {
            format!("{} applies to {subject} whatever the condition.", r.label())
        };
        t.push(msg, [], [r.label()]);
    }
    fallback
}

/// The request in the rule's unit (full days for programs), with the conversion stated.
fn convert(req: &Request, rule: &Rule, t: &mut Trace) -> Option<u32> {
    let r = req.requested.as_ref()?;
    let unit = rule.course.as_ref().map(|c| c.unit).unwrap_or_default();
    let hours_per_day = rule.course.as_ref().and_then(|c| c.hours_per_day).unwrap_or(8).max(1);
    let v = r.value;
    let (value, how) = match (unit, r.unit) {
        (Unit::FullDays, CountUnit::Hours) => (
            v.div_ceil(hours_per_day),
            format!(
                "{v} hours / {hours_per_day} hours per full day = {} full-day sessions (rounded up)",
                v.div_ceil(hours_per_day)
            ),
        ),
        (Unit::FullDays, CountUnit::Weeks) => (v * 5, format!("{v} weeks x 5 days = {} full-day sessions", v * 5)),
        (Unit::FullDays, CountUnit::Months) => (v * 20, format!("{v} months x 20 days = {} full-day sessions", v * 20)),
        (Unit::FullDays, CountUnit::Days) => (v, format!("{v} days = {v} full-day sessions")),
        (Unit::FullDays, CountUnit::Visits) => (v, format!("{v} sessions, counted as full days")),
        (Unit::Days, CountUnit::Months) => (v * 30, format!("{v} months x 30 days = {} days", v * 30)),
        (Unit::Days, CountUnit::Weeks) => (v * 7, format!("{v} weeks x 7 days = {} days", v * 7)),
        (Unit::Days, _) => (v, format!("{v} days")),
        (Unit::Hours, CountUnit::Hours) | (Unit::Months, CountUnit::Months) => (v, r.how.clone()),
        (Unit::Hours, _) => (v, format!("{v} hours")),
        (Unit::Months, _) => (v, format!("{v} months")),
        (Unit::Visits, _) => (v, r.how.clone()),
    };
    let source = if r.from_context {
        " (read from the summary, the rationale or the application's list; the item line gives no count)"
    } else {
        ""
    };
    let bound = if r.upper_bound { "; a range counts at its upper bound" } else { "" };
    let converted = unit != Unit::Visits;
    t.push(
        format!("Requested: {value} ({how}){source}{bound}."),
        [r.span],
        if converted { vec![rule.label()] } else { vec![] },
    );
    Some(value)
}

fn describe_prior(req: &Request, rule: &Rule) -> (String, Vec<Span>) {
    // Earlier use counted in another unit than the rule's: "a one-month home TENS trial" is
    // 30 days of use.
    if let (Some(p), Some(v)) = (&req.prior_visits, prior_in_unit(req, rule)) {
        if v != p.value {
            let unit = match req.prior_unit {
                CountUnit::Months => "months",
                CountUnit::Weeks => "weeks",
                CountUnit::Hours => "hours",
                CountUnit::Days => "days",
                CountUnit::Visits => "visits",
            };
            let per = match (rule.course.as_ref().map(|c| c.unit), req.prior_unit) {
                (Some(Unit::Days), CountUnit::Months) => " x 30 days",
                (Some(Unit::Days), CountUnit::Weeks) => " x 7 days",
                (Some(Unit::FullDays), CountUnit::Weeks) => " x 5 days",
                _ => "",
            };
            let unit = if p.value == 1 { unit.trim_end_matches('s') } else { unit };
            return (format!("{} {unit} of earlier use{per} = {v} in the rule's unit", p.value), vec![p.span]);
        }
    }
    match (&req.prior_visits, req.prior_treatment) {
        (Some(p), _) => {
            let text = match (&req.prior_parts, req.prior_range_top) {
                _ if req.prior_unit == CountUnit::Hours => format!("{} prior hours of this family", p.value),
                (Some(parts), _) => format!("{} prior visits of this family ({})", p.value, parts.how),
                (None, Some(top)) => format!(
                    "{low} prior visits of this family (the letter gives {low} to {top}; visits done count at the lower bound of a range)",
                    low = p.value
                ),
                (None, None) => format!("{} prior visits of this family", p.value),
            };
            (text, req.prior_spans())
        }
        (None, Evidence { value: Tri::Yes, span }) => {
            ("prior treatment of this family, count unknown".into(), span.into_iter().collect())
        }
        (None, Evidence { value: Tri::No, span }) => {
            ("no prior treatment of this family".into(), span.into_iter().collect())
        }
        (None, _) => ("the letter does not mention prior treatment of this family".into(), vec![]),
    }
}

fn fi_text(e: &Evidence) -> &'static str {
    match e.value {
        Tri::Yes => "documented",
        Tri::No => "stated as not documented",
        Tri::Unknown => "not mentioned",
    }
}

fn count_verdict(rule: &Rule, req: &Request, requested: Option<u32>, t: &mut Trace) -> Verdict {
    let label = rule.label();
    let (prior_text, prior_spans) = describe_prior(req, rule);
    t.push(format!("Prior: {prior_text}."), prior_spans, []);
    let fi = req.functional_improvement;
    t.push(format!("Functional improvement: {}.", fi_text(&fi)), fi.span, []);
    let Some(course) = rule.course_max() else {
        t.push("The rule sets no count.".into(), [], [label]);
        return Verdict::NoCount;
    };
    let most = rule.absolute_max();
    let extension = rule.has_extension();
    let needs_fi = |t: &mut Trace, why: String| {
        t.push(format!("{why}; {label} allows more only with documented functional improvement, which is {} → needs_documentation.", fi_text(&fi)), fi.span, [label.clone()]);
        Verdict::NeedsDocumentation
    };
    let prior_yes = req.prior_treatment.value == Tri::Yes;
    let Some(requested) = requested else {
        if prior_yes && fi.value != Tri::Yes {
            return needs_fi(t, "No count is given, but there was prior treatment".into());
        }
        t.push("No count of visits requested is given, so the limit cannot be checked → no_count.".into(), [], [label]);
        return Verdict::NoCount;
    };
    let soft = if rule.soft { " (a soft limit)" } else { "" };
    let per_episode = rule.course.as_ref().is_some_and(|c| c.per_episode);
    if per_episode {
        t.push(format!("{label} counts this request alone: earlier visits were another episode."), [], [label.clone()]);
    }
    let (prior, prior_yes) = if per_episode { (None, false) } else { (prior_in_unit(req, rule), prior_yes) };
    match (prior, prior_yes) {
        (Some(prior), _) if prior > 0 => {
            let total = prior + requested;
            if total <= course {
                t.push(format!("{prior} prior + {requested} requested = {total} <= {course}, the course limit of {label} → within_limit."), [], [label]);
                Verdict::WithinLimit
            } else if !extension {
                t.push(format!("{prior} prior + {requested} requested = {total} > {course}, the most {label} allows{soft} → exceeds_limit."), [], [label]);
                Verdict::ExceedsLimit
            } else if let Some(m) = most.filter(|m| total > *m) {
                // Past what the rule allows even with an extension: documentation cannot help.
                t.push(format!("{prior} prior + {requested} requested = {total} > {m}, the most {label} allows even with documented functional improvement → exceeds_limit."), [], [label]);
                Verdict::ExceedsLimit
            } else if fi.value == Tri::Yes {
                let cap = most.map(|m| format!("<= {m}")).unwrap_or_else(|| "with no fixed maximum".into());
                t.push(format!("{prior} prior + {requested} requested = {total} > course limit {course}, but functional improvement is documented and the total is {cap} → within_limit."), fi.span, [label]);
                Verdict::WithinLimit
            } else {
                needs_fi(t, format!("{prior} prior + {requested} requested = {total} > {course}, the course limit"))
            }
        }
        (_, true) => {
            let ceiling = if extension { most } else { Some(course) };
            if let Some(c) = ceiling.filter(|c| requested > *c) {
                t.push(
                    format!("{requested} requested alone > {c}, the most {label} allows{soft} → exceeds_limit."),
                    [],
                    [label],
                );
                Verdict::ExceedsLimit
            } else if fi.value != Tri::Yes {
                needs_fi(t, "There was prior treatment of unknown count".into())
            } else if extension {
                t.push(format!("Prior treatment with documented functional improvement; {requested} requested is within what {label} allows with it → within_limit."), fi.span, [label]);
                Verdict::WithinLimit
            } else {
                t.push(format!("{requested} requested <= {course}, but the prior count is unknown, so the course total cannot be checked → no_count."), [], [label]);
                Verdict::NoCount
            }
        }
        _ => {
            if requested <= course {
                t.push(format!("No prior treatment counted: {requested} requested <= {course}, the course limit of {label} → within_limit."), [], [label]);
                Verdict::WithinLimit
            } else {
                t.push(format!("No prior treatment counted: {requested} requested > {course}, the course limit of {label}{soft} → exceeds_limit."), [], [label]);
                Verdict::ExceedsLimit
            }
        }
    }
}

/// Prior visits in the rule's unit: prior program hours become full days, as requested ones do.
pub fn prior_in_unit(req: &Request, rule: &Rule) -> Option<u32> {
    let p = req.prior_visits.as_ref()?;
    let full_days = rule.course.as_ref().is_some_and(|c| c.unit == Unit::FullDays);
    let hours_per_day = rule.course.as_ref().and_then(|c| c.hours_per_day).unwrap_or(8).max(1);
    let days = rule.course.as_ref().is_some_and(|c| c.unit == Unit::Days);
    Some(match (full_days, days, req.prior_unit) {
        (true, _, CountUnit::Hours) => p.value.div_ceil(hours_per_day),
        (true, _, CountUnit::Weeks) => p.value * 5,
        (_, true, CountUnit::Months) => p.value * 30,
        (_, true, CountUnit::Weeks) => p.value * 7,
        _ => p.value,
    })
}

/// Labor Code 4604.5 as written: no more than 24 chiropractic, 24 occupational therapy and 24
/// physical therapy visits per injury, for injuries on or after 2004-01-01 (c)(1); not when the
/// employer authorized additional visits in writing (c)(2)(A); not for postsurgical physical
/// medicine under the postsurgical guidelines. Checked when the guideline allows the request.
fn apply_cap(
    active: &[&Rule],
    req: &Request,
    requested: Option<u32>,
    ctx: &Context,
    eval: &mut Evaluation,
    t: &mut Trace,
) {
    let Some(m) = &req.modality else { return };
    let (Some(prior), Some(requested)) = (req.prior_visits.as_ref(), requested) else {
        return;
    };
    for cap_rule in active.iter().filter(|r| r.kind == RuleKind::StatutoryCap && r.treatments.contains(&m.value)) {
        let Some(cap) = &cap_rule.cap else { continue };
        let label = cap_rule.label();
        if let (Some(from), Some((doi, _))) = (cap.injuries_from, ctx.date_of_injury) {
            if doi < from {
                t.push(
                    format!("{label}: the injury ({doi}) predates {from}, so the cap does not apply."),
                    ctx.date_of_injury.map(|d| d.1),
                    [label.clone()],
                );
                continue;
            }
        }
        let total = prior.value + requested;
        if total <= cap.visits {
            continue;
        }
        let sum =
            format!("{} prior + {requested} requested = {total} > {}, the cap of {label}", prior.value, cap.visits);
        if eval.postsurgical && cap.exempt_postsurgical {
            t.push(
                format!("{sum}, but postsurgical physical medicine under the postsurgical guidelines is exempt from the cap."),
                req.prior_spans(),
                [label],
            );
            continue;
        }
        if let Some(parts) = &req.prior_parts {
            t.push(
                format!("{sum} if counted together; but the prior visits add up different treatments ({}) and the statute caps each kind (chiropractic, occupational therapy, physical therapy) separately, so the cap cannot be checked.", parts.how),
                req.prior_spans(),
                [label],
            );
            continue;
        }
        if cap.exempt_written_authorization {
            if let Some(span) = ctx.written_authorization {
                t.push(
                    format!("{sum}; but the letter says the employer authorized additional visits in writing, and the cap does not apply then (Labor Code 4604.5(c)(2)(A))."),
                    req.prior_spans().into_iter().chain([span]),
                    [label],
                );
                continue;
            }
        }
        let assumed = match (cap.injuries_from, ctx.date_of_injury) {
            (Some(from), None) => {
                format!(" The letter gives no date of injury; the cap is applied as for an injury on or after {from}.")
            }
            _ => String::new(),
        };
        t.push(format!("{sum} ({}) → exceeds_limit.{assumed}", cap_rule.cite()), req.prior_spans(), [label]);
        eval.verdict = Verdict::ExceedsLimit;
        eval.rule = Some(RuleUsed::of(cap_rule));
    }
}

/// Whether the rule states its figure for the regions the request names (`scope`): stated,
/// borrowed by analogy (said in a step), or not governed (`no_rule`, returned).
fn scope_check(rule: &Rule, req: &Request, t: &mut Trace) -> Option<Verdict> {
    let scope = rule.scope.as_ref()?;
    let label = rule.label();
    let named: Vec<&crate::span::Spanned<String>> = req.body_regions.iter().collect();
    let words = |ids: &[&String]| ids.iter().map(|r| r.replace('_', " ")).collect::<Vec<_>>().join(", ");
    let stated_for = scope.regions.iter().collect::<Vec<_>>();
    if named.is_empty() {
        if !stated_for.is_empty() {
            t.push(
                format!(
                    "The item names no body region; {label} states its figure for the {}, which is applied.",
                    words(&stated_for)
                ),
                [],
                [label],
            );
        }
        return None;
    }
    let spans =
        |f: &dyn Fn(&String) -> bool| -> Vec<Span> { named.iter().filter(|r| f(&r.value)).map(|r| r.span).collect() };
    if named.iter().all(|r| scope.excluded.contains(&r.value)) {
        let ids: Vec<&String> = named.iter().map(|r| &r.value).collect();
        t.push(
            format!("{label} does not govern the {}: another guideline does → no_rule.", words(&ids)),
            spans(&|_| true),
            [label],
        );
        return Some(Verdict::NoRule);
    }
    if stated_for.is_empty() || named.iter().any(|r| scope.regions.contains(&r.value)) {
        return None;
    }
    let borrowed: Vec<&String> = named.iter().map(|r| &r.value).filter(|r| scope.borrowed_for.contains(r)).collect();
    if !borrowed.is_empty() {
        t.push(
            format!(
                "{label} states its figure for the {} only; for the {} it is borrowed by analogy (no figure for that region was found).",
                words(&stated_for),
                words(&borrowed)
            ),
            spans(&|r| scope.borrowed_for.contains(r)),
            [label],
        );
        return None;
    }
    let ids: Vec<&String> = named.iter().map(|r| &r.value).collect();
    t.push(
        format!(
            "{label} states its figure for the {} only, and none for the {} → no_rule.",
            words(&stated_for),
            words(&ids)
        ),
        spans(&|_| true),
        [label],
    );
    Some(Verdict::NoRule)
}

/// Days since an epoch, to measure how near a date is to an edition boundary.
fn day_number(d: Date) -> i64 {
    // Howard Hinnant's days_from_civil.
    let (y, m, d) = (i64::from(d.year), i64::from(d.month), i64::from(d.day));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Near an edition boundary the date imrcheck goes by (the review date) may not be the date the
/// edition keys on (the 2016 update applies to requests made from 2016-07-29; the 2017 MTUS to
/// services from 2017-12-01): say so when the date is within 30 days of a version change.
fn edition_boundary_note(rules: &RuleSet, rule: &Rule, date: Date, t: &mut Trace) {
    let near = |a: Date, b: Date| (day_number(a) - day_number(b)).abs() <= 30;
    let versions: Vec<&Rule> = rules.rules.iter().filter(|r| r.id == rule.id && r.label() != rule.label()).collect();
    let previous =
        versions.iter().find(|r| r.in_force.to.is_some_and(|to| day_number(to) + 1 == day_number(rule.in_force.from)));
    let next =
        rule.in_force.to.and_then(|to| versions.iter().find(|r| day_number(r.in_force.from) == day_number(to) + 1));
    let change = match (previous, next) {
        (Some(p), _) if near(date, rule.in_force.from) => Some((p.label(), rule.in_force.from)),
        (_, Some(n)) if near(date, n.in_force.from) => Some((n.label(), n.in_force.from)),
        _ => None,
    };
    if let Some((other, on)) = change {
        t.push(
            format!(
                "Note: {date} is within 30 days of the change to {} on {on} ({other} on the other side). Editions key on the date of the treatment request (2016) or of the service (2017), and imrcheck goes by the review date: check the request's own date.",
                if on == rule.in_force.from { rule.label() } else { other.clone() },
            ),
            [],
            [rule.label(), other],
        );
    }
}

/// The postsurgical guidelines' structure (8 CCR 9792.24.3(c), as the project's reference
/// records it): an initial course of half the general course; a subsequent course, up to the
/// general course, with documented functional improvement; past the general course, therapy may
/// continue to the end of the postsurgical period only where it is determined that further
/// functional improvement can be accomplished, which the letter must document
/// (`needs_documentation`; docs/verdicts.md says why this is not `exceeds_limit`).
fn postsurgical_verdict(
    rule: &Rule,
    req: &Request,
    requested: Option<u32>,
    period_end: Option<Date>,
    t: &mut Trace,
) -> Verdict {
    let label = rule.label();
    let (prior_text, prior_spans) = describe_prior(req, rule);
    t.push(format!("Prior: {prior_text}."), prior_spans, []);
    let fi = req.functional_improvement;
    t.push(format!("Functional improvement: {}.", fi_text(&fi)), fi.span, []);
    let (Some(initial), Some(p)) = (rule.course_max(), rule.postsurgical.as_ref()) else {
        t.push("The rule sets no count.".into(), [], [label]);
        return Verdict::NoCount;
    };
    let general = p.general_course.max;
    let period = match period_end {
        Some(end) => format!("the postsurgical period (to {end})"),
        None => format!("the postsurgical period ({} months from the surgery)", p.period_months),
    };
    let beyond = |t: &mut Trace, why: String| {
        let past = if fi.value == Tri::Yes {
            "functional improvement from the course so far is documented, but that is not the determination"
        } else {
            "the letter documents no such determination"
        };
        t.push(
            format!("{why} > {general}, the general course of {label}. Past the general course, therapy may continue to the end of {period} only where it is determined that further functional improvement can be accomplished; {past} → needs_documentation."),
            fi.span,
            [label.clone()],
        );
        Verdict::NeedsDocumentation
    };
    let subsequent = |t: &mut Trace, why: String| {
        if fi.value == Tri::Yes {
            t.push(format!("{why} > {initial}, the initial course, and <= {general}, the general course of {label}; the subsequent course needs documented functional improvement, which is documented → within_limit."), fi.span, [label.clone()]);
            Verdict::WithinLimit
        } else {
            t.push(format!("{why} > {initial}, the initial course of {label}; the subsequent course (up to {general}) needs documented functional improvement, which is {} → needs_documentation.", fi_text(&fi)), fi.span, [label.clone()]);
            Verdict::NeedsDocumentation
        }
    };
    // The operation is disputed in this very letter and not yet done: whatever therapy came
    // before was before it, and the postsurgical course starts with this request.
    let pending = req.surgery.as_ref().filter(|s| s.pending);
    if let Some(s) = pending {
        t.push(
            format!("The {} is itself disputed in this letter and not yet done, so no postsurgical therapy has been had: earlier therapy came before it and does not count against {label}.", s.id.value.replace('_', " ")),
            [s.id.span],
            [label.clone()],
        );
    }
    let prior_yes = req.prior_treatment.value == Tri::Yes && pending.is_none();
    let Some(requested) = requested else {
        if prior_yes && fi.value != Tri::Yes {
            t.push(format!("No count is given, but there was prior treatment; {label} allows more than the initial course only with documented functional improvement, which is {} → needs_documentation.", fi_text(&fi)), fi.span, [label]);
            return Verdict::NeedsDocumentation;
        }
        t.push("No count of visits requested is given, so the limit cannot be checked → no_count.".into(), [], [label]);
        return Verdict::NoCount;
    };
    match (prior_in_unit(req, rule).filter(|_| pending.is_none()), prior_yes) {
        (Some(prior), _) if prior > 0 => {
            let total = prior + requested;
            let sum = format!("{prior} prior + {requested} requested = {total}");
            if total <= initial {
                t.push(format!("{sum} <= {initial}, the initial course of {label} → within_limit."), [], [label]);
                Verdict::WithinLimit
            } else if total <= general {
                subsequent(t, sum)
            } else {
                beyond(t, sum)
            }
        }
        (_, true) => {
            if requested > general {
                beyond(t, format!("{requested} requested alone"))
            } else if fi.value != Tri::Yes {
                t.push(format!("There was prior treatment of unknown count; {label} allows more than the initial course of {initial} only with documented functional improvement, which is {} → needs_documentation.", fi_text(&fi)), fi.span, [label]);
                Verdict::NeedsDocumentation
            } else {
                t.push(format!("Prior treatment with documented functional improvement; {requested} requested is within the general course of {general} that {label} allows with it (the total cannot be checked) → within_limit."), fi.span, [label]);
                Verdict::WithinLimit
            }
        }
        _ => {
            if requested <= initial {
                t.push(format!("No prior treatment counted: {requested} requested <= {initial}, the initial course of {label} → within_limit."), [], [label]);
                Verdict::WithinLimit
            } else {
                t.push(format!("No prior treatment counted: {requested} requested > {initial}, the initial course of {label}; more needs documented functional improvement from the initial course → exceeds_limit."), [], [label]);
                Verdict::ExceedsLimit
            }
        }
    }
}

/// Compare the letter's citations and quoted thresholds with the rule.
/// Page numbers from a citation's pages ("98-99" is 98 and 99; "22, 98-99" is all three).
fn page_list(p: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for part in p.split([',', ';']) {
        let nums: Vec<u32> = part.split(|c: char| !c.is_ascii_digit()).filter_map(|x| x.parse().ok()).collect();
        match (part.contains('-'), nums.as_slice()) {
            (true, [a, b]) if a <= b && b - a < 200 => out.extend(*a..=*b),
            _ => out.extend(nums),
        }
    }
    out
}

/// Compare what the letter cites and quotes with the rule applied. A page outside the rule's
/// pages (and the pages that defer to it) is flagged; a quoted course total that no rule of
/// the family in force states is flagged; one that another rule of the family states is the
/// reviewer applying that rule, which the explanation says in one line.
fn flag_citations(eval: &mut Evaluation, req: &Request, rule: &Rule, active: &[&Rule], t: &mut Trace) {
    let mut rule_pages = rule.citation.pages.as_deref().map(page_list).unwrap_or_default();
    rule_pages.extend(rule.citation.see_also_pages.as_deref().map(page_list).unwrap_or_default());
    for c in &req.citations {
        if !rule_pages.is_empty() && !c.pages.is_empty() && !c.pages.iter().any(|p| rule_pages.contains(p)) {
            let who = match c.by {
                crate::extract::citation::CitedBy::ClaimsAdministrator => "claims administrator",
                crate::extract::citation::CitedBy::Reviewer => "reviewer",
            };
            let pages: Vec<String> = c.pages.iter().map(u32::to_string).collect();
            eval.citation_flags.push(CitationFlag {
                message: format!(
                    "the {who} cites page(s) {}, but {} is on pp. {}",
                    pages.join(", "),
                    rule.label(),
                    rule.citation.pages.as_deref().unwrap_or("")
                ),
                span: c.span,
                rule: rule.label(),
            });
        }
    }
    let Some(course) = &rule.course else { return };
    let states = |r: &Rule, q: &crate::extract::citation::QuotedThreshold| {
        r.course
            .as_ref()
            .is_some_and(|c| c.visits.max == q.max && q.min.is_none_or(|m| c.visits.min.is_none_or(|rm| rm == m)))
            || r.extension.as_ref().and_then(|e| e.max_visits) == Some(q.max)
            || r.postsurgical.as_ref().is_some_and(|p| p.general_course.max == q.max)
            || r.course_max() == Some(q.max)
    };
    for q in &req.quoted_thresholds {
        // "3-4 psychotherapy visits" quoted in a therapy item's rationale is about psychotherapy.
        if q.family.is_some_and(|f| f != rule.family) {
            continue;
        }
        if states(rule, q) || q.max == course.visits.max {
            continue;
        }
        // Another rule the reviewer may have applied: one for this treatment, and a
        // postsurgical one only for the surgery the letter names.
        let applies = |r: &Rule| {
            req.modality.as_ref().is_some_and(|m| r.treatments.contains(&m.value))
                && match r.kind {
                    RuleKind::Guideline => true,
                    RuleKind::Postsurgical => req.surgery.as_ref().is_some_and(|s| r.surgeries.contains(&s.id.value)),
                    RuleKind::StatutoryCap => false,
                }
        };
        let other = active.iter().copied().find(|r| r.id != rule.id && applies(r) && states(r, q));
        if let Some(other) = other {
            t.push(
                format!(
                    "The letter quotes \"{}\", the figure of {}; imrcheck applied {} ({}).",
                    q.text,
                    other.label(),
                    rule.label(),
                    crate::rules::model::fmt_range(course.visits.min, course.visits.max)
                ),
                [q.span],
                [other.label(), rule.label()],
            );
            continue;
        }
        let from = q.guideline.as_ref().map(|g| format!("{g}'s ")).unwrap_or_default();
        let extension = rule
            .extension
            .as_ref()
            .and_then(|e| e.max_visits)
            .map(|m| format!(" ({m} with documented functional improvement)"))
            .unwrap_or_default();
        eval.citation_flags.push(CitationFlag {
            message: format!(
                "the rationale quotes {from}\"{}\", but {} allows {}{extension}",
                q.text,
                rule.label(),
                crate::rules::model::fmt_range(course.visits.min, course.visits.max)
            ),
            span: q.span,
            rule: rule.label(),
        });
    }
}

fn finish(mut eval: Evaluation, req: &Request, mut t: Trace) -> Evaluation {
    eval.agreement = Agreement::of(req.decision.value, eval.verdict);
    eval.disagreement = match (eval.agreement, req.decision.value) {
        (Agreement::Disagrees, Decision::Upheld) => Some(Disagreement::StricterThanRule),
        (Agreement::Disagrees, Decision::Overturned) => Some(Disagreement::MoreLenientThanRule),
        _ => None,
    };
    let d = req.decision.value;
    let text = match eval.agreement {
        Agreement::Agrees => format!("Decision: {d}. {d} agrees with {}.", eval.verdict),
        Agreement::Disagrees => format!(
            "Decision: {d}. {d} disagrees with {}: the decision is {} the rule.",
            eval.verdict,
            if d == Decision::Upheld { "stricter than" } else { "more lenient than" }
        ),
        Agreement::Indeterminate if d == Decision::Unknown => {
            "The letter records no decision for this item, so agreement is indeterminate.".to_owned()
        }
        Agreement::Indeterminate => {
            format!("Decision: {d}. A verdict of {} cannot be compared with it → indeterminate.", eval.verdict)
        }
    };
    t.push(text, [req.decision.span], []);
    eval.trace = t.0;
    eval
}
