//! Rule tests: every rule may carry examples (a request's facts and the verdict expected);
//! [`run`] evaluates each against the whole rule set, so rule choice is tested as well as the
//! limits, and reports each failure as expected versus got, at the example in its file
//! ([`Outcome::diagnostic`]).

use super::model::ExampleRequest;
use super::RuleSet;
use crate::domain::{Decision, Tri, Verdict};
use crate::engine::{self, Context};
use crate::extract::count::CountUnit;
use crate::extract::{Evidence, Request, Requested, Surgery};
use crate::span::{Span, Spanned};

/// The outcome of one example.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// `rule@version`.
    pub rule: String,
    /// Example name.
    pub name: String,
    /// The file, line and column of the example (its `expect:`), or of the rule.
    pub location: String,
    /// The rule file, for the diagnostic.
    pub source: crate::diagnostics::RuleSource,
    /// Where the example is written.
    pub place: super::model::ExamplePlace,
    /// Expected verdict and deciding rule.
    pub expected: (Verdict, String),
    /// Verdict and deciding rule obtained.
    pub got: (Verdict, String),
    /// The explanation, for failures.
    pub trace: Vec<String>,
}

impl Outcome {
    /// Did it pass?
    pub fn passed(&self) -> bool {
        self.expected == self.got
    }

    /// A failure as a diagnostic pointing at the example: its name, and what it expects
    /// labelled with what the rule set gave; the rule set's reasoning as help.
    pub fn diagnostic(&self) -> crate::diagnostics::RuleProblem {
        use crate::diagnostics::RuleProblem;
        let (verdict_wrong, rule_wrong) = (self.expected.0 != self.got.0, self.expected.1 != self.got.1);
        let what = match (verdict_wrong, rule_wrong) {
            (true, true) => format!("gives {} by {}", self.got.0, self.got.1),
            (true, false) => format!("gives {}", self.got.0),
            _ => format!("is decided by {}", self.got.1),
        };
        let message = format!(
            "rule `{}`: example \"{}\" {what}, not {} by {}",
            self.rule, self.name, self.expected.0, self.expected.1
        );
        // The label sits on what is wrong: the verdict expected, or the rule expected to decide.
        let (span, label) = match (verdict_wrong, self.place.expect_rule) {
            (false, Some(r)) => (Some(r), format!("decided by {}", self.got.1)),
            _ => (self.place.expect.or(self.place.name), format!("got {}", self.got.0)),
        };
        let mut p = RuleProblem::error("rules::example-failed", &self.source, span, label, message);
        if let Some(n) = self.place.name.filter(|n| Some(*n) != span) {
            p = p.with_label(n, "this example");
        }
        p.with_help(if verdict_wrong {
            format!(
                "if {} is right now (a limit was changed on purpose), write `expect: {}`; otherwise the rule's figures or choice are wrong",
                self.got.0, self.got.0
            )
        } else {
            format!("if {} should decide, write `expect_rule: {}`; otherwise check the rules' priorities and conditions", self.got.1, self.got.1)
        })
    }
}

fn span() -> Span {
    Span::new(0, 0)
}

fn ev(t: Tri) -> Evidence {
    Evidence { value: t, span: None }
}

/// Build a request from an example's facts.
pub fn request(x: &ExampleRequest) -> Request {
    let requested = x
        .hours_requested
        .map(|h| Requested {
            value: h,
            unit: CountUnit::Hours,
            how: format!("{h} hours"),
            upper_bound: false,
            span: span(),
            from_context: false,
        })
        .or(x.visits_requested.map(|v| Requested {
            value: v,
            unit: CountUnit::Visits,
            how: format!("{v} visits"),
            upper_bound: false,
            span: span(),
            from_context: false,
        }));
    let prior_treatment = match (x.prior_visits, x.prior_treatment) {
        (Some(p), Tri::Unknown) if p > 0 => Tri::Yes,
        (_, t) => t,
    };
    Request {
        index: 1,
        text: Spanned::new(
            x.item.clone().unwrap_or_else(|| match (x.treatment, x.category) {
                (Some(t), _) => format!("{t} (example)"),
                (None, Some(c)) => format!("{} (example)", c.label()),
                (None, None) => "(example)".to_owned(),
            }),
            span(),
        ),
        decision: Spanned::new(Decision::Unknown, span()),
        category: Spanned::new(
            x.category.or(x.treatment.and_then(|t| t.category())).unwrap_or(crate::domain::Category::Other),
            span(),
        ),
        category_basis: crate::extract::scope::Basis::Head,
        modality: x.treatment.map(|t| Spanned::new(t, span())),
        family: x.treatment.map(|t| t.family()).unwrap_or(crate::domain::Family::Other),
        body_regions: x.regions.iter().map(|r| Spanned::new(r.clone(), span())).collect(),
        requested,
        prior_visits: x.prior_visits.map(|p| Spanned::new(p, span())),
        prior_unit: CountUnit::Visits,
        prior_parts: None,
        prior_range_top: None,
        prior_treatment: ev(prior_treatment),
        functional_improvement: ev(x.functional_improvement),
        criteria: ev(x.criteria_documented),
        surgery: x.surgery.as_ref().map(|s| Surgery {
            id: Spanned::new(s.clone(), span()),
            date: x.surgery_date.map(|d| Spanned::new(d, span())),
            month_only: false,
            pending: false,
        }),
        postop_wording: x.surgery.as_ref().map(|_| span()),
        since_surgery: None,
        whole_history: None,
        conditions: x.conditions.iter().map(|c| Spanned::new(c.clone(), span())).collect(),
        condition_words: Default::default(),
        citations: Vec::new(),
        quoted_thresholds: Vec::new(),
        block: Vec::new(),
    }
}

/// Run every example of every rule.
pub fn run(rules: &RuleSet) -> Vec<Outcome> {
    let mut out = Vec::new();
    // Each rule file indexed once, for where its examples are written.
    let mut indexed: std::collections::HashMap<String, super::source::Positions> = Default::default();
    for rule in &rules.rules {
        let pos =
            indexed.entry(rule.file.clone()).or_insert_with(|| super::source::Positions::index(&rule.origin.text));
        let places = rule.example_places(pos);
        for (i, ex) in rule.examples.iter().enumerate() {
            let req = request(&ex.request);
            let ctx = Context {
                as_of: ex.request.date.map(|d| (d, "example date".to_owned())),
                date_of_injury: ex.request.date_of_injury.map(|d| (d, span())),
                written_authorization: ex.request.written_authorization.then(span),
            };
            let e = engine::evaluate(rules, &req, &ctx);
            // Expected: the rule named (with its version when one is named), else the rule and
            // version carrying the example, so each example tests the version it is written for.
            let expected_rule = ex.expect_rule.clone().unwrap_or_else(|| rule.label());
            let got_rule = e
                .rule
                .as_ref()
                .map(|r| match (&r.version, expected_rule.contains('@')) {
                    (Some(v), true) => format!("{}@{v}", r.id),
                    _ => r.id.clone(),
                })
                .unwrap_or_else(|| "none".into());
            let place = places.get(i).copied().unwrap_or_default();
            let location = match place.expect.or(place.name) {
                Some(s) => {
                    let (l, c) = rule.origin.line_col(s.start);
                    format!("{}:{l}:{c}", rule.file)
                }
                None => format!("{}:{}", rule.file, rule.line),
            };
            out.push(Outcome {
                rule: rule.label(),
                name: ex.name.clone(),
                location,
                source: rule.origin.clone(),
                place,
                expected: (ex.expect, expected_rule),
                got: (e.verdict, got_rule),
                trace: e.trace.iter().map(|s| s.text.clone()).collect(),
            });
        }
    }
    out
}
