//! Turn raw rule files into the model, collecting every problem with its location: YAML
//! syntax, unknown keys (with "did you mean"), wrong types, bad ranges, unknown vocabulary
//! names, duplicate ids, rules that could both apply without a priority, gaps and overlaps in a
//! rule's versions, and missing citations.

use super::model::{InForce, Rule, RuleKind};
use super::raw::{RawRule, RuleFile};
use super::source::Positions;
use crate::diagnostics::{RuleProblem, RuleSource};
use crate::domain::Date;
use crate::span::Span;
use crate::vocab::{Lexicon, Vocabulary};

/// The earliest date a rule without `in_force` is taken to start.
pub const BEGINNING: Date = Date { year: 1900, month: 1, day: 1 };

/// Suggest the closest of `candidates` to `word`.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(score, _)| *score > 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

fn serde_problem(file: &RuleSource, err: &serde_yaml::Error) -> RuleProblem {
    let msg = err.to_string();
    // serde_yaml appends " at line L column C"; the label shows that, so drop it.
    let core = msg.split(" at line ").next().unwrap_or(&msg).to_owned();
    let span = err.location().map(|l| {
        let start = l.index().min(file.text.len());
        let rest = &file.text[start..];
        let end = rest.find([':', '\n', ',', '}']).map(|e| start + e).unwrap_or(file.text.len());
        Span::new(start, end.max(start + 1).min(file.text.len().max(start)))
    });
    let (code, label, help) = classify_serde(&core);
    let mut p = RuleProblem::error(code, file, span, label, first_sentence(&core));
    if let Some(h) = help {
        p = p.with_help(h);
    }
    p
}

fn first_sentence(s: &str) -> String {
    // serde_yaml prefixes the path ("rules[0].course: unknown field"); keep it readable.
    let s = s.trim_start_matches("rules: ");
    let s = match s.strip_prefix("rules[").and_then(|rest| rest.split_once(']')) {
        Some((n, rest)) if n.chars().all(|c| c.is_ascii_digit()) => {
            let rest = rest.trim_start_matches(['.', ':', ' ']);
            return format!(
                "rule {}: {}",
                n.parse::<usize>().map(|x| x + 1).unwrap_or(0),
                rest.split(", expected one of").next().unwrap_or(rest)
            );
        }
        _ => s,
    };
    let s = s.split(", expected one of").next().unwrap_or(s);
    let mut out = s.to_owned();
    if let Some(p) = out.find(": ").filter(|&p| out[..p].contains('.')) {
        // "rules[0].course.visits: invalid type" -> keep the path, it helps.
        out = format!("{}: {}", &out[..p], &out[p + 2..]);
    }
    out
}

fn classify_serde(msg: &str) -> (&'static str, String, Option<String>) {
    let backticked: Vec<&str> = msg.split('`').skip(1).step_by(2).collect();
    if msg.contains("unknown field") {
        let field = backticked.first().copied().unwrap_or("");
        let expected: Vec<&str> = backticked.iter().skip(1).copied().collect();
        let help = match did_you_mean(field, expected.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? Keys allowed here: {}", expected.join(", ")),
            None => format!("keys allowed here: {}", expected.join(", ")),
        };
        return ("rules::unknown-key", "unknown key".into(), Some(help));
    }
    if msg.contains("unknown variant") {
        let word = backticked.first().copied().unwrap_or("");
        let expected: Vec<&str> = backticked.iter().skip(1).copied().collect();
        let help = match did_you_mean(word, expected.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? Allowed: {}", expected.join(", ")),
            None => format!("allowed: {}", expected.join(", ")),
        };
        return ("rules::unknown-name", "not a known name".into(), Some(help));
    }
    if msg.contains("missing field") {
        let field = backticked.first().copied().unwrap_or("");
        return (
            "rules::missing-key",
            format!("`{field}` missing here"),
            Some(format!("add `{field}:` to this mapping (see docs/rules.md)")),
        );
    }
    if msg.contains("invalid type") || msg.contains("invalid value") || msg.contains("is not a date") {
        let help = if msg.contains("u32") || msg.contains("integer") {
            Some("write a whole number of 0 or more, e.g. `10`".to_owned())
        } else if msg.contains("date") {
            Some("write dates as YYYY-MM-DD, e.g. 2009-07-18".to_owned())
        } else {
            None
        };
        return ("rules::type", "wrong type".into(), help);
    }
    (
        "rules::syntax",
        "YAML syntax error here".into(),
        Some("check indentation and that every `key:` is followed by a value".into()),
    )
}

/// Point a serde problem at the offending text when serde only knows the enclosing mapping:
/// the second of two duplicate keys, or the literal a message quotes (a bad date).
fn locate(mut p: RuleProblem, e: &serde_yaml::Error, pos: &Positions, file: &RuleSource) -> RuleProblem {
    let msg = e.to_string();
    let quoted: Vec<&str> = msg.split('`').skip(1).step_by(2).collect();
    let span = if msg.contains("duplicate field") {
        let key = quoted.first().copied().unwrap_or("");
        pos.duplicate_keys().iter().find(|(path, _)| path.rsplit('.').next() == Some(key)).map(|(_, s)| *s)
    } else if msg.contains("is not a date") {
        let from = e.location().map(|l| l.index()).unwrap_or(0).min(file.text.len());
        quoted.first().and_then(|lit| file.text[from..].find(lit).map(|at| Span::new(from + at, from + at + lit.len())))
    } else {
        None
    };
    if let Some(span) = span {
        if let Some(first) = p.labels.first_mut() {
            first.0 = span;
        }
        if msg.contains("duplicate field") {
            p.code = "rules::duplicate-key";
            p.help = Some("each key may appear once per mapping; merge the two or delete one".into());
            if let Some(first) = p.labels.first_mut() {
                first.1 = "written a second time here".into();
            }
        }
    }
    p
}

/// Where a YAML syntax error really is: a tab, or the start of a misindented line, rather
/// than the later character where the parser noticed.
fn syntax_focus(text: &str, span: Span, why: &str) -> Span {
    let line_start = text[..span.start.min(text.len())].rfind('\n').map(|p| p + 1).unwrap_or(0);
    let line_end = text[line_start..].find('\n').map(|e| line_start + e).unwrap_or(text.len());
    let line = &text[line_start..line_end];
    let why = why.to_lowercase();
    if let Some(t) = line.find('\t').filter(|_| why.contains("tab") || line.trim_start().len() < line.len()) {
        return Span::new(line_start + t, line_start + t + 1);
    }
    // A colon inside a value ("section: Manual therapy: manipulation"): the parser's place is
    // right, past the line's own `key:`.
    let col = span.start.saturating_sub(line_start).min(line.len());
    if why.contains("mapping values") && line[..col].contains(": ") {
        return span;
    }
    if why.contains("mapping values") || why.contains("indent") || why.contains("block") {
        let lead = line.len() - line.trim_start().len();
        let word_end = line[lead..].find([':', ' ']).map(|e| lead + e).unwrap_or(line.len());
        return Span::new(line_start + lead, line_start + word_end.max(lead + 1));
    }
    span
}

/// Parse a vocabulary file.
pub fn parse_vocabulary(file: &RuleSource) -> Result<Vocabulary, Box<RuleProblem>> {
    serde_yaml::from_str(&file.text).map_err(|e| Box::new(serde_problem(file, &e)))
}

struct Ctx<'a> {
    file: &'a RuleSource,
    pos: &'a Positions,
    base: String,
}

impl Ctx<'_> {
    fn at(&self, field: &str) -> Option<Span> {
        if field.is_empty() {
            // The rule as a whole: point at its `id` key, where the rule starts.
            return self.pos.key(&format!("{}.id", self.base)).or_else(|| self.pos.value(&self.base));
        }
        self.pos.value(&format!("{}.{field}", self.base))
    }
    fn err(&self, code: &'static str, field: &str, label: impl Into<String>, msg: impl Into<String>) -> RuleProblem {
        RuleProblem::error(code, self.file, self.at(field), label, msg)
    }
}

/// Validate raw rule files; problems are pushed, valid rules returned.
pub fn validate(files: &[RuleSource], lexicon: &Lexicon, problems: &mut Vec<RuleProblem>) -> Vec<Rule> {
    let mut rules: Vec<(Rule, Span, usize)> = Vec::new();
    let mut positions = Vec::new();
    let mut pending: Vec<(usize, String, String)> = Vec::new();
    // Every `id@version` written, valid or not: a carried-over figure whose source version is
    // itself in error is reported once, at the source.
    let mut declared: Vec<(String, Option<String>)> = Vec::new();
    for (fi, file) in files.iter().enumerate() {
        // YAML syntax first: a type error found inside a broken bracket would mislead.
        let pos = match Positions::parse(&file.text) {
            Ok(p) => p,
            Err((span, why)) => {
                let span = syntax_focus(&file.text, span, &why);
                let colon_in_value = why.contains("mapping values")
                    && file.text[..span.start].rsplit('\n').next().is_some_and(|l| l.contains(": "));
                let help = if colon_in_value {
                    "a value containing `: ` must be quoted, e.g. section: \"Manual therapy: manipulation\""
                } else {
                    "check indentation (spaces, not tabs), brackets, and that every `key:` is followed by a value"
                };
                problems.push(
                    RuleProblem::error(
                        "rules::syntax",
                        file,
                        Some(span),
                        why.clone(),
                        format!("YAML syntax error: {why}"),
                    )
                    .with_help(help),
                );
                positions.push(Positions::default());
                continue;
            }
        };
        let parsed: RuleFile = match serde_yaml::from_str(&file.text) {
            Ok(p) => p,
            Err(e) => {
                problems.push(locate(serde_problem(file, &e), &e, &pos, file));
                positions.push(pos);
                continue;
            }
        };
        for (i, raw) in parsed.rules.into_iter().enumerate() {
            let ctx = Ctx { file, pos: &pos, base: format!("rules[{i}]") };
            declared.push((raw.id.clone(), raw.version.clone()));
            let id_span = ctx.at("id").unwrap_or(Span::new(0, 0));
            let expectations: Vec<(usize, String)> =
                raw.examples.iter().enumerate().filter_map(|(j, x)| x.expect_rule.clone().map(|r| (j, r))).collect();
            if let Some(rule) = check_rule(raw, &ctx, lexicon, problems) {
                rules.push((rule, id_span, fi));
                for (j, r) in expectations {
                    pending.push((fi, format!("rules[{i}].examples[{j}].expect_rule"), r));
                }
            }
        }
        positions.push(pos);
    }
    cross_checks(&rules, &declared, files, problems);
    // An example may name the rule (or `rule@version`) it expects to decide: it must exist.
    let ids: Vec<&str> = rules.iter().map(|(r, _, _)| r.id.as_str()).collect();
    let labels: Vec<String> = rules.iter().map(|(r, _, _)| r.label()).collect();
    for (fi, path, name) in pending {
        // A rule that is written but in error is reported where it is written, not again here.
        let written = declared.iter().any(|(id, v)| match name.split_once('@') {
            Some((i, ver)) => id == i && v.as_deref() == Some(ver),
            None => *id == name,
        });
        let known = written || if name.contains('@') { labels.contains(&name) } else { ids.contains(&name.as_str()) };
        if !known {
            let ids: Vec<&str> =
                if name.contains('@') { labels.iter().map(String::as_str).collect() } else { ids.clone() };
            let mut p = RuleProblem::error(
                "rules::unknown-name",
                &files[fi],
                positions[fi].value(&path),
                "no such rule",
                format!("`{name}` is not a rule id{}", if name.contains('@') { " and version" } else { "" }),
            );
            if let Some(s) = did_you_mean(&name, ids.iter().copied()) {
                p = p.with_help(format!("did you mean `{s}`?"));
            }
            problems.push(p);
        }
    }
    rules.into_iter().map(|(r, _, _)| r).collect()
}

fn check_names(ctx: &Ctx, field: &str, names: &[String], known: &[&str], what: &str, problems: &mut Vec<RuleProblem>) {
    for (i, n) in names.iter().enumerate() {
        if !known.contains(&n.as_str()) {
            let mut p = ctx.err(
                "rules::unknown-name",
                &format!("{field}[{i}]"),
                format!("unknown {what}"),
                format!("`{n}` is not a known {what}"),
            );
            p = match did_you_mean(n, known.iter().copied()) {
                Some(s) => p.with_help(format!(
                    "did you mean `{s}`? Known {what}s are listed in vocabulary.yaml; add `{n}` there to define it"
                )),
                None => p.with_help(format!("known {what}s: {}; or add `{n}` to vocabulary.yaml", known.join(", "))),
            };
            problems.push(p);
        }
    }
}

fn check_range(ctx: &Ctx, field: &str, r: &super::raw::Range, problems: &mut Vec<RuleProblem>) {
    if r.max == 0 {
        problems.push(
            ctx.err(
                "rules::empty-range",
                &format!("{field}.max"),
                "zero allows nothing",
                format!("`{field}` has a maximum of 0"),
            )
            .with_help(
                "a limit of 0 allows no visits; to say a treatment is not recommended use `not_recommended_for`",
            ),
        );
    }
    if let Some(min) = r.min {
        if min > r.max {
            problems.push(
                ctx.err(
                    "rules::range",
                    &format!("{field}.min"),
                    format!("min {min} > max {}", r.max),
                    format!("`{field}` has its minimum above its maximum"),
                )
                .with_label(ctx.at(&format!("{field}.max")).unwrap_or(Span::new(0, 0)), "max is here")
                .with_help(format!("swap them: min: {}, max: {min}", r.max)),
            );
        }
    }
}

fn check_rule(raw: RawRule, ctx: &Ctx, lexicon: &Lexicon, problems: &mut Vec<RuleProblem>) -> Option<Rule> {
    let before = problems.iter().filter(|p| p.is_error()).count();
    let conditions: Vec<&str> = lexicon.condition_ids().collect();
    let regions: Vec<&str> = lexicon.region_ids().collect();
    let surgeries: Vec<&str> = lexicon.surgery_ids().collect();

    if raw.id.trim().is_empty() || raw.id.contains(char::is_whitespace) {
        problems.push(ctx.err(
            "rules::bad-id",
            "id",
            "not a usable id",
            "a rule id must be one word such as `pm-myalgia`",
        ));
    }
    if raw.applies_to.treatments.is_empty() {
        problems.push(
            ctx.err("rules::empty-list", "applies_to.treatments", "no treatments", "the rule applies to no treatment")
                .with_help("list at least one treatment, e.g. [physical_therapy]"),
        );
    }
    for (i, t) in raw.applies_to.treatments.iter().enumerate() {
        if t.family() != raw.family && raw.kind != RuleKind::StatutoryCap {
            problems.push(
                ctx.err(
                    "rules::family-mismatch",
                    &format!("applies_to.treatments[{i}]"),
                    format!("{t} is {}", t.family()),
                    format!("`{t}` belongs to family `{}`, not `{}`", t.family(), raw.family),
                )
                .with_help("move the rule to the treatment's family or remove the treatment"),
            );
        }
    }
    check_names(ctx, "applies_to.conditions", &raw.applies_to.conditions, &conditions, "condition", problems);
    check_names(ctx, "applies_to.surgeries", &raw.applies_to.surgeries, &surgeries, "surgery", problems);
    if let Some(nr) = &raw.not_recommended_for {
        check_names(ctx, "not_recommended_for.regions", &nr.regions, &regions, "region", problems);
        check_names(ctx, "not_recommended_for.conditions", &nr.conditions, &conditions, "condition", problems);
    }
    if let Some(c) = &raw.course {
        check_range(ctx, "course.visits", &c.visits, problems);
        for (name, r) in [("course.weeks", &c.weeks), ("course.per_week", &c.per_week), ("course.months", &c.months)] {
            if let Some(r) = r {
                check_range(ctx, name, r, problems);
            }
        }
        if c.unit == super::raw::Unit::FullDays && c.hours_per_day.is_none_or(|h| h == 0) {
            problems.push(
                ctx.err(
                    "rules::missing-key",
                    "course.unit",
                    "hours per day?",
                    "a course counted in full days needs `hours_per_day` (a positive number) to convert hours",
                )
                .with_help("add `hours_per_day: 8` under `course:`"),
            );
        }
        if let (Some(e), max) = (&raw.extension, c.visits.max) {
            if let Some(em) = e.max_visits {
                if em < max {
                    problems.push(
                        ctx.err("rules::range", "extension.max_visits", format!("{em} < course max {max}"), "the extension allows fewer visits than the course itself")
                            .with_help("extension.max_visits is the total with the course included; make it at least the course maximum"),
                    );
                }
            }
        }
    }
    if let Some(w) = raw.extension.as_ref().and_then(|e| e.weeks.as_ref()) {
        check_range(ctx, "extension.weeks", w, problems);
    }
    if let Some(p) = &raw.postsurgical {
        match &p.general_course {
            Some(g) => check_range(ctx, "postsurgical.general_course", g, problems),
            None if !raw.no_figure => problems.push(
                ctx.err(
                    "rules::missing-key",
                    "postsurgical",
                    "`general_course` missing",
                    "a postsurgical row needs a `general_course` (or `no_figure: true` for a presumed period alone)",
                )
                .with_help("add `general_course: {max: 24}` under `postsurgical:`"),
            ),
            None => {}
        }
        if let Some(w) = &p.weeks {
            check_range(ctx, "postsurgical.weeks", w, problems);
        }
        if let (Some(ic), Some(g)) = (p.initial_course, &p.general_course) {
            if ic > g.max {
                problems.push(ctx.err(
                    "rules::range",
                    "postsurgical.initial_course",
                    "larger than the general course",
                    "the initial course is larger than the general course",
                ));
            }
        }
        if p.period_months == 0 {
            problems.push(ctx.err(
                "rules::empty-range",
                "postsurgical.period_months",
                "zero months",
                "a postsurgical period of 0 months allows nothing",
            ));
        }
    }
    if let Some(f) = &raw.in_force {
        if let Some(to) = f.to {
            if to < f.from {
                problems.push(
                    ctx.err(
                        "rules::range",
                        "in_force.to",
                        format!("{to} is before {}", f.from),
                        "the rule stops being in force before it starts",
                    )
                    .with_help("`to` is the last day in force and must not be before `from`"),
                );
            }
        }
    }
    if raw.no_figure {
        let stated = [
            ("course", raw.course.is_some()),
            ("extension", raw.extension.is_some()),
            ("postsurgical.general_course", raw.postsurgical.as_ref().is_some_and(|p| p.general_course.is_some())),
            ("cap", raw.cap.is_some()),
        ];
        for (key, present) in stated {
            if present {
                problems.push(
                    ctx.err(
                        "rules::no-figure",
                        key,
                        "a figure",
                        format!("the rule says `no_figure: true` but states `{key}`"),
                    )
                    .with_help("a version states a figure or says it has none; delete one of the two"),
                );
            }
        }
        if raw.source.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
            problems.push(
                ctx.err(
                    "rules::no-figure",
                    "no_figure",
                    "why no figure?",
                    "a rule with `no_figure: true` needs a `source.note` saying why: explanations give it as the reason for no_rule",
                )
                .with_help("add `source: {status: unconfirmed, note: \"...\"}`"),
            );
        }
    }
    if let Some(sc) = &raw.scope {
        check_names(ctx, "scope.regions", &sc.regions, &regions, "region", problems);
        check_names(ctx, "scope.borrowed_for", &sc.borrowed_for, &regions, "region", problems);
        check_names(ctx, "scope.excluded", &sc.excluded, &regions, "region", problems);
    }
    match (raw.source.status, &raw.source.from) {
        (super::raw::Status::CarriedOver, None) => problems.push(
            ctx.err(
                "rules::carried-over",
                "source.status",
                "carried over from which version?",
                "a `carried_over` figure must name the version it is carried over from",
            )
            .with_help("add `from: cpmtg-2009` (a version of this rule) under `source:`"),
        ),
        (s, Some(_)) if s != super::raw::Status::CarriedOver => problems.push(
            ctx.err(
                "rules::carried-over",
                "source.from",
                format!("the status is {s}"),
                "`source.from` names the version a `carried_over` figure comes from; this figure is not carried over",
            )
            .with_help("delete `from:`, or set `status: carried_over`"),
        ),
        _ => {}
    }
    let shape_missing = match raw.kind {
        RuleKind::Guideline if raw.course.is_none() && raw.not_recommended_for.is_none() && !raw.no_figure => Some((
            "course",
            "a guideline rule needs a `course:` (or only `not_recommended_for:`, or `no_figure: true`)",
        )),
        RuleKind::StatutoryCap if raw.cap.is_none() => Some(("cap", "a statutory_cap rule needs a `cap:`")),
        RuleKind::Postsurgical if raw.postsurgical.is_none() => {
            Some(("postsurgical", "a postsurgical rule needs a `postsurgical:` block"))
        }
        _ => None,
    };
    if let Some((key, msg)) = shape_missing {
        problems.push(
            ctx.err("rules::missing-key", "", format!("`{key}` missing"), msg)
                .with_help("see docs/rules.md for each kind's fields"),
        );
    }
    let citation = match raw.citation {
        Some(c) if !c.guideline.trim().is_empty() => Some(c),
        Some(_) => {
            problems.push(ctx.err(
                "rules::missing-citation",
                "citation.guideline",
                "empty",
                "the citation names no guideline",
            ));
            None
        }
        None => {
            problems.push(
                ctx.err("rules::missing-citation", "id", "this rule cites nothing", format!("rule `{}` has no citation", raw.id))
                    .with_help("add `citation: {guideline: ..., section: ..., pages: ...}`: explanations quote it, and a limit without a source cannot be audited"),
            );
            None
        }
    };
    for (i, ex) in raw.examples.iter().enumerate() {
        let f = format!("examples[{i}].request");
        check_names(ctx, &format!("{f}.conditions"), &ex.request.conditions, &conditions, "condition", problems);
        check_names(ctx, &format!("{f}.regions"), &ex.request.regions, &regions, "region", problems);
        if let Some(s) = &ex.request.surgery {
            check_names(ctx, &format!("{f}.surgery"), std::slice::from_ref(s), &surgeries, "surgery", problems);
        }
    }
    let after = problems.iter().filter(|p| p.is_error()).count();
    let citation = citation?;
    if after > before {
        return None;
    }
    let line = ctx.at("id").map(|s| ctx.file.line_col(s.start).0).unwrap_or(0);
    Some(Rule {
        id: raw.id,
        version: raw.version,
        title: raw.title,
        family: raw.family,
        kind: raw.kind,
        treatments: raw.applies_to.treatments,
        conditions: raw.applies_to.conditions,
        surgeries: raw.applies_to.surgeries,
        default: raw.default,
        priority: raw.priority.unwrap_or(0),
        course: raw.course,
        extension: raw.extension,
        not_recommended: raw.not_recommended_for.unwrap_or_default(),
        prerequisites: raw.prerequisites,
        soft: raw.soft,
        no_figure: raw.no_figure,
        scope: raw.scope,
        cap: raw.cap,
        period_months: raw.postsurgical.as_ref().map(|p| p.period_months),
        postsurgical: raw.postsurgical.and_then(|p| {
            p.general_course.map(|general_course| super::model::Postsurgical {
                general_course,
                weeks: p.weeks,
                initial_course: p.initial_course,
                period_months: p.period_months,
            })
        }),
        citation,
        source: raw.source,
        in_force: raw.in_force.unwrap_or(InForce { from: BEGINNING, to: None }),
        examples: raw.examples,
        file: ctx.file.name.to_string(),
        line,
    })
}

fn overlaps(a: &InForce, b: &InForce) -> bool {
    let a_to = a.to.unwrap_or(Date { year: 9999, month: 12, day: 31 });
    let b_to = b.to.unwrap_or(Date { year: 9999, month: 12, day: 31 });
    a.from <= b_to && b.from <= a_to
}

fn cross_checks(
    rules: &[(Rule, Span, usize)],
    declared: &[(String, Option<String>)],
    files: &[RuleSource],
    problems: &mut Vec<RuleProblem>,
) {
    let loc = |fi: usize, s: Span| {
        let (l, c) = files[fi].line_col(s.start);
        format!("{}:{l}:{c}", files[fi].name)
    };
    for (i, (a, a_span, a_file)) in rules.iter().enumerate() {
        for (b, b_span, b_file) in rules.iter().skip(i + 1) {
            if a.id == b.id {
                let unnamed_versions =
                    a.version.is_none() && b.version.is_none() && !overlaps(&a.in_force, &b.in_force);
                if a.version == b.version && !unnamed_versions {
                    let first = RuleProblem::error(
                        "rules::duplicate-id",
                        &files[*a_file],
                        Some(*a_span),
                        "first defined here",
                        format!("`{}` was first defined here", a.id),
                    )
                    .warning();
                    let p = RuleProblem::error(
                        "rules::duplicate-id",
                        &files[*b_file],
                        Some(*b_span),
                        "defined again here",
                        format!(
                            "rule id `{}` is defined twice{}",
                            a.id,
                            a.version.as_ref().map(|v| format!(" with version `{v}`")).unwrap_or_default()
                        ),
                    )
                    .with_related(first);
                    problems.push(p.with_help(format!(
                        "first definition at {}; give one a different id, or make them versions of one rule with distinct `version:` and `in_force:` dates",
                        loc(*a_file, *a_span)
                    )));
                } else if overlaps(&a.in_force, &b.in_force) {
                    problems.push(
                        RuleProblem::error(
                            "rules::in-force-overlap",
                            &files[*b_file],
                            Some(*b_span),
                            "in force at the same time",
                            format!(
                                "versions `{}` and `{}` of rule `{}` are in force on the same days",
                                a.label(),
                                b.label(),
                                a.id
                            ),
                        )
                        .with_help(format!(
                            "end one version the day before the other starts (other version at {})",
                            loc(*a_file, *a_span)
                        )),
                    );
                }
                continue;
            }
            // Rules compete as the engine chooses (docs/verdicts.md): condition-keyed rules
            // against each other (a letter may name both conditions), fallbacks (default or
            // unkeyed) against each other, and postsurgical rows for the same surgery.
            let shared = a.kind == b.kind
                && a.family == b.family
                && a.treatments.iter().any(|t| b.treatments.contains(t))
                && overlaps(&a.in_force, &b.in_force);
            let same_scope = shared
                && match a.kind {
                    RuleKind::Guideline => {
                        (!a.conditions.is_empty() && !b.conditions.is_empty())
                            || (a.default && b.default)
                            || (a.conditions.is_empty() && b.conditions.is_empty())
                    }
                    RuleKind::Postsurgical => a.surgeries.iter().any(|x| b.surgeries.contains(x)),
                    RuleKind::StatutoryCap => false,
                };
            if same_scope && a.priority == b.priority {
                problems.push(
                    RuleProblem::error(
                        "rules::ambiguous",
                        &files[*b_file],
                        Some(*b_span),
                        "could apply to the same request",
                        format!(
                            "rules `{}` and `{}` could both apply to the same request and have the same priority ({})",
                            a.id, b.id, a.priority
                        ),
                    )
                    .with_help(format!("give one a higher `priority:` (other rule at {})", loc(*a_file, *a_span))),
                );
            }
        }
    }
    carried_over_checks(rules, declared, files, problems);
    coverage_checks(rules, files, problems);
    // Gaps between consecutive versions of one rule.
    let mut ids: Vec<&str> = rules.iter().map(|(r, _, _)| r.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        let mut versions: Vec<&(Rule, Span, usize)> = rules.iter().filter(|(r, _, _)| r.id == id).collect();
        if versions.len() < 2 {
            continue;
        }
        versions.sort_by_key(|(r, _, _)| r.in_force.from);
        for w in versions.windows(2) {
            let (prev, next) = (&w[0].0, &w[1]);
            if let Some(to) = prev.in_force.to {
                let day_after = next_day(to);
                if day_after < next.0.in_force.from {
                    problems.push(
                        RuleProblem::error(
                            "rules::in-force-gap",
                            &files[next.2],
                            Some(next.1),
                            format!("starts {}", next.0.in_force.from),
                            format!(
                                "rule `{id}` has no version in force from {day_after} to the day before {}",
                                next.0.in_force.from
                            ),
                        )
                        .with_help(format!(
                            "start `{}` on {day_after}, or end `{}` the day before it starts",
                            next.0.label(),
                            prev.label()
                        )),
                    );
                }
            }
            let both_unnamed = w[0].0.version.is_none() && w[1].0.version.is_none();
            if both_unnamed && overlaps(&w[0].0.in_force, &w[1].0.in_force) {
                continue; // reported as a duplicate id
            }
            // When neither is named, say it once, at the later one.
            let unnamed: Vec<&&(Rule, Span, usize)> =
                if both_unnamed { vec![&w[1]] } else { w.iter().filter(|x| x.0.version.is_none()).collect() };
            for (r, span, fi) in unnamed.into_iter().map(|x| (&x.0, &x.1, &x.2)) {
                if r.version.is_none() {
                    problems.push(
                        RuleProblem::error(
                            "rules::missing-key",
                            &files[*fi],
                            Some(*span),
                            "this version has no `version:`",
                            format!("rule `{id}` has several versions; each needs a `version:` name"),
                        )
                        .with_help("add e.g. `version: cpmtg-2009` so results can say which version applied"),
                    );
                }
            }
        }
    }
}

/// A `carried_over` figure names an earlier version of the same rule, and carries it unchanged:
/// a figure that differs is not carried over but new, and must say where it comes from.
fn carried_over_checks(
    rules: &[(Rule, Span, usize)],
    declared: &[(String, Option<String>)],
    files: &[RuleSource],
    problems: &mut Vec<RuleProblem>,
) {
    for (r, span, fi) in rules {
        let Some(from) = r.source.from.as_deref().filter(|_| r.source.status == super::raw::Status::CarriedOver) else {
            continue;
        };
        let versions: Vec<&Rule> = rules.iter().map(|(x, _, _)| x).filter(|x| x.id == r.id).collect();
        let err = |label: String, msg: String, help: String| {
            RuleProblem::error("rules::carried-over", &files[*fi], Some(*span), label, msg).with_help(help)
        };
        let Some(source) = versions.iter().find(|x| x.version.as_deref() == Some(from)) else {
            if declared.iter().any(|(id, v)| *id == r.id && v.as_deref() == Some(from)) {
                continue; // the source version is in error itself, and reported there
            }
            let names: Vec<&str> = versions
                .iter()
                .filter(|x| x.in_force.from < r.in_force.from)
                .filter_map(|x| x.version.as_deref())
                .collect();
            problems.push(err(
                format!("no version `{from}`"),
                format!("`{}` is carried over from `{from}`, which is not a version of `{}`", r.label(), r.id),
                if names.is_empty() {
                    "a figure can be carried over only from an earlier version of the same rule".to_owned()
                } else {
                    format!("earlier versions: {}", names.join(", "))
                },
            ));
            continue;
        };
        if source.in_force.from >= r.in_force.from {
            problems.push(err(
                format!("`{from}` is not earlier"),
                format!("`{}` is carried over from `{}`, which does not come before it", r.label(), source.label()),
                "carry a figure over from an earlier version only".to_owned(),
            ));
            continue;
        }
        let same = r.course == source.course
            && r.extension == source.extension
            && r.postsurgical == source.postsurgical
            && r.not_recommended == source.not_recommended
            && r.soft == source.soft
            && !source.no_figure;
        if !same {
            problems.push(err(
                format!("differs from `{from}`"),
                format!(
                    "`{}` says its figure is carried over from `{}`, but the figures differ",
                    r.label(),
                    source.label()
                ),
                "a carried-over figure is the earlier version's, unchanged; a new figure needs its own status and source note".to_owned(),
            ));
        }
    }
}

/// Rules that compete for the same requests end together: when one stops (its last version
/// has a `to`) while a competitor goes on, the requests it governed would silently fall to the
/// competitor's figure (CRPS to the myalgia default, say).
fn coverage_checks(rules: &[(Rule, Span, usize)], files: &[RuleSource], problems: &mut Vec<RuleProblem>) {
    let mut ids: Vec<&str> = rules.iter().map(|(r, _, _)| r.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    for id in ids {
        let Some((last, span, fi)) =
            rules.iter().filter(|(r, _, _)| r.id == id).max_by_key(|(r, _, _)| r.in_force.from)
        else {
            continue;
        };
        let Some(end) = last.in_force.to else { continue };
        let after = next_day(end);
        let competes = |b: &Rule| {
            b.id != last.id
                && b.kind == last.kind
                && b.family == last.family
                && b.treatments.iter().any(|t| last.treatments.contains(t))
                && match last.kind {
                    RuleKind::Guideline => true,
                    RuleKind::Postsurgical => {
                        b.surgeries.iter().any(|s| last.surgeries.contains(s))
                            || (b.default && b.surgeries.is_empty())
                            || (last.default && last.surgeries.is_empty())
                    }
                    RuleKind::StatutoryCap => false,
                }
        };
        if let Some((other, _, _)) = rules.iter().find(|(b, _, _)| competes(b) && b.in_force_on(after)) {
            problems.push(
                RuleProblem::error(
                    "rules::in-force-gap",
                    &files[*fi],
                    Some(*span),
                    format!("ends {end}"),
                    format!(
                        "rule `{id}` ends on {end} while `{}` goes on: requests `{id}` governed would fall to another rule's figure from {after}",
                        other.label()
                    ),
                )
                .with_help(format!(
                    "add a version of `{id}` from {after} (with `no_figure: true` and a `source.note` if no figure is known), or end `{}` too",
                    other.id
                )),
            );
        }
    }
}

fn next_day(d: Date) -> Date {
    Date::new(d.year, d.month, d.day + 1)
        .or_else(|| Date::new(d.year, d.month + 1, 1))
        .or_else(|| Date::new(d.year + 1, 1, 1))
        .unwrap_or(d)
}
