//! Turn raw rule files into the model, collecting every problem with its location: YAML
//! syntax, unknown keys (with "did you mean"), wrong types, bad ranges, unknown vocabulary
//! names, duplicate ids, rules that could both apply without a priority, gaps and overlaps in a
//! rule's versions, and missing citations.

use super::id_scan::{scan_ids, IdSpans};
use super::model::{InForce, Rule, RuleKind};
use super::raw::{RawRule, RuleFile};
use super::source::Positions;
use super::Examples;
use crate::diagnostics::{LineIndex, RuleProblem, RuleSource};
use crate::domain::{Date, Family, Modality};
use crate::span::Span;
use crate::vocab::{Lexicon, Vocabulary};
use std::borrow::Cow;

/// The earliest date a rule without `in_force` is taken to start.
pub const BEGINNING: Date = Date { year: 1900, month: 1, day: 1 };

/// The largest count a rule may state (visits, weeks, hours, a cap). MTUS limits are in the
/// tens; a figure past this is a typing mistake, and would overflow date and count arithmetic.
pub const MAX_COUNT: u32 = 10_000;

/// The longest postsurgical period, in months (a century).
pub const MAX_PERIOD_MONTHS: u32 = 1_200;

/// Groups of rules up to this size are compared pair by pair; larger groups (a generated or
/// hostile rule set) are swept in date order, so validation stays linear in the number of
/// rules, and each rule is then reported at most once per kind of problem.
const PAIRWISE: usize = 32;

/// "Did you mean" suggestions computed per validation, at most: each compares a name with
/// every candidate.
const SUGGESTIONS: usize = 200;

/// Suggest the closest of `candidates` to `word`.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(score, _)| *score > 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

fn serde_problem(file: &RuleSource, err: &serde_yaml::Error, pos: &Positions) -> RuleProblem {
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
    let mut p = RuleProblem::error(code, file, span, label, first_sentence(&core, file, pos));
    if let Some(h) = help {
        p = p.with_help(h);
    }
    p
}

/// A rule as a message names it: by its id (`rule `pm-myalgia``, with its version when it has
/// one), or, with no id written, by its place ("rule 3 (no id)").
fn rule_name(index: usize, file: &RuleSource, pos: &Positions) -> String {
    let text = |field: &str| {
        pos.value_exact(&format!("rules[{index}].{field}"))
            .and_then(|s| file.text.get(s.start..s.end))
            .map(|t| t.trim().trim_matches(['"', '\'']).to_owned())
            .filter(|t| !t.is_empty() && !t.contains('\n'))
    };
    match (text("id"), text("version")) {
        (Some(id), Some(v)) => format!("rule `{id}@{v}`"),
        (Some(id), None) => format!("rule `{id}`"),
        (None, _) => format!("rule {} (no id)", index + 1),
    }
}

/// serde's message in the words of the person who wrote the file: the rule named by its id,
/// "invalid type: string \"six\", expected u32" as "the text \"six\" is not a whole number of 0
/// or more".
fn first_sentence(s: &str, file: &RuleSource, pos: &Positions) -> String {
    let s = s.trim_start_matches("rules: ");
    if let Some((n, rest)) = s.strip_prefix("rules[").and_then(|rest| rest.split_once(']')) {
        if let Ok(index) = n.parse::<usize>() {
            let rest = rest.trim_start_matches(['.', ':', ' ']);
            return format!("{}: {}", rule_name(index, file, pos), plain_words(rest));
        }
    }
    plain_words(s)
}

/// serde's words ("invalid type", "u32", "unknown variant", "struct Course") replaced by the
/// words of the rule file's author.
fn plain_words(s: &str) -> String {
    let s = s.split(", expected one of").next().unwrap_or(s);
    // "course.visits.max: invalid type: ..." keeps its path in front.
    let (path, what) = match s.split_once(": ") {
        Some((p, w)) if !p.contains(' ') => (Some(p), w),
        _ => (None, s),
    };
    let said = if let Some(rest) = what.strip_prefix("invalid type: ").or_else(|| what.strip_prefix("invalid value: "))
    {
        match rest.rsplit_once(", expected ") {
            Some((got, expected)) => format!("{} is not {}", value_words(got), expected_words(expected)),
            None => rest.to_owned(),
        }
    } else if let Some(rest) = what.strip_prefix("unknown field ") {
        format!("unknown key {}", rest.split(", expected").next().unwrap_or(rest))
    } else if let Some(rest) = what.strip_prefix("unknown variant ") {
        format!("{} is not one of the names allowed here", rest.split(", expected").next().unwrap_or(rest))
    } else if let Some(rest) = what.strip_prefix("missing field ") {
        format!("the key {rest} is missing")
    } else if let Some(rest) = what.strip_prefix("duplicate field ") {
        format!("the key {rest} is written twice")
    } else {
        what.to_owned()
    };
    match path {
        Some(p) => format!("{p}: {said}"),
        None => said,
    }
}

/// What serde found, in words: `string "six"` → `the text "six"`.
fn value_words(got: &str) -> String {
    let (kind, value) = match got.split_once(' ') {
        Some((k, v)) => (k, Some(v.trim_matches('`'))),
        None => (got, None),
    };
    match (kind, value) {
        ("string", Some(v)) => format!("the text {v}"),
        ("string", None) => "text".to_owned(),
        ("integer" | "floating", Some(v)) => format!("the number {}", v.trim_start_matches("point ").trim_matches('`')),
        ("boolean", Some(v)) => format!("`{v}`"),
        ("sequence", _) => "a list".to_owned(),
        ("map", _) => "a mapping (`key: value` lines)".to_owned(),
        ("unit", _) | ("null", _) => "an empty value".to_owned(),
        _ => got.to_owned(),
    }
}

/// What serde expected, in words: `u32` → `a whole number of 0 or more`.
fn expected_words(expected: &str) -> String {
    let e = expected.trim();
    if e.starts_with("struct ") || e == "a map" || e.starts_with("map") {
        return "a mapping (`key: value` lines)".to_owned();
    }
    match e {
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number of 0 or more".to_owned(),
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number".to_owned(),
        "f32" | "f64" => "a number".to_owned(),
        "a boolean" => "true or false".to_owned(),
        "a string" | "a borrowed string" => "text".to_owned(),
        "a sequence" => "a list".to_owned(),
        _ if e.starts_with("a sequence") => "a list".to_owned(),
        _ => e.to_owned(),
    }
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

/// Parse a vocabulary file: aliases that repeat too much and unusable terms are problems,
/// each at its place in the file.
pub fn parse_vocabulary(file: &RuleSource) -> Result<Vocabulary, Vec<RuleProblem>> {
    let pos = match Positions::parse(&file.text) {
        Ok(p) => p,
        Err((span, why)) => return Err(vec![syntax_problem(file, span, &why)]),
    };
    if let Some(p) = amplification(file, &pos) {
        return Err(vec![p]);
    }
    let vocabulary: Vocabulary =
        serde_yaml::from_str(&file.text).map_err(|e| vec![locate(serde_problem(file, &e, &pos), &e, &pos, file)])?;
    let mut problems = Vec::new();
    let mut check = |path: String, set: &str, terms: &[String]| {
        for (i, t) in terms.iter().enumerate() {
            if let Some(why) = crate::vocab::term_problem(t) {
                problems.push(
                    RuleProblem::error(
                        "rules::bad-term",
                        file,
                        pos.value(&format!("{path}[{i}]")),
                        "not a usable term",
                        format!("`{path}[{i}]` cannot be a {set} term: {why}"),
                    )
                    .with_help("a term is a word or phrase of at most 200 characters, as letters write it"),
                );
            }
        }
    };
    for (m, terms) in &vocabulary.treatments {
        check(format!("treatments.{m}"), "treatment", terms);
    }
    for (id, c) in &vocabulary.conditions {
        check(format!("conditions.{id}.terms"), "condition", &c.terms);
        check(format!("conditions.{id}.icd9"), "condition", &c.icd9);
        check(format!("conditions.{id}.icd10"), "condition", &c.icd10);
    }
    for (id, terms) in &vocabulary.regions {
        check(format!("regions.{id}"), "region", terms);
    }
    for (id, terms) in &vocabulary.surgeries {
        check(format!("surgeries.{id}"), "surgery", terms);
    }
    for (c, terms) in &vocabulary.categories {
        check(format!("categories.{c}"), "category", terms);
    }
    if problems.is_empty() {
        Ok(vocabulary)
    } else {
        Err(problems)
    }
}

fn syntax_problem(file: &RuleSource, span: Span, why: &str) -> RuleProblem {
    let span = syntax_focus(&file.text, span, why);
    let colon_in_value =
        why.contains("mapping values") && file.text[..span.start].rsplit('\n').next().is_some_and(|l| l.contains(": "));
    let help = if colon_in_value {
        "a value containing `: ` must be quoted, e.g. section: \"Manual therapy: manipulation\""
    } else {
        "check indentation (spaces, not tabs), brackets, and that every `key:` is followed by a value"
    };
    RuleProblem::error("rules::syntax", file, Some(span), why.to_owned(), format!("YAML syntax error: {why}"))
        .with_help(help)
}

/// A file whose aliases stand for more values than [`super::source::ALIAS_NODE_LIMIT`].
fn amplification(file: &RuleSource, pos: &Positions) -> Option<RuleProblem> {
    let (span, added) = pos.alias_amplification()?;
    Some(
        RuleProblem::error(
            "rules::alias-amplification",
            file,
            Some(span),
            "aliases repeat too much from here",
            format!(
                "the file's aliases (`*name`) stand for {added} values{}; at most {} may come from aliases",
                if added == usize::MAX { " or more" } else { "" },
                super::source::ALIAS_NODE_LIMIT
            ),
        )
        .with_help("write the values out, or use fewer aliases; nested aliases multiply"),
    )
}

/// Where values sit in one rule file: indexed at once (a file validation may point into), or,
/// for an embedded file read from its JSON twin, when first asked; the `id` key of each rule
/// (its line is every rule's) is then found by a quick scan of the text, and a full index is
/// built only if the scan cannot tell.
struct Located<'a> {
    text: &'a str,
    pos: std::cell::OnceCell<Positions>,
    /// Each rule's `id` key and value: found at build time for an embedded file, else by
    /// [`scan_ids`] when first asked.
    ids: std::cell::OnceCell<Option<Cow<'static, [IdSpans]>>>,
}

impl<'a> Located<'a> {
    fn eager(text: &'a str, pos: Positions) -> Located<'a> {
        let cell = std::cell::OnceCell::new();
        let _ = cell.set(pos);
        Located { text, pos: cell, ids: std::cell::OnceCell::from(None) }
    }

    /// `ids`: the rules' ids when known already (an embedded file's, found at build time).
    fn lazy(text: &'a str, ids: Option<&'static [IdSpans]>) -> Located<'a> {
        let known = std::cell::OnceCell::new();
        if let Some(ids) = ids {
            let _ = known.set(Some(Cow::Borrowed(ids)));
        }
        Located { text, pos: Default::default(), ids: known }
    }

    fn index(&self) -> &Positions {
        self.pos.get_or_init(|| Positions::index(self.text))
    }

    fn key(&self, path: &str) -> Option<Span> {
        self.index().key(path)
    }

    fn value(&self, path: &str) -> Option<Span> {
        self.index().value(path)
    }

    fn value_exact(&self, path: &str) -> Option<Span> {
        self.index().value_exact(path)
    }

    /// The `id` key of rule `i`, and its value.
    fn id(&self, i: usize) -> (Option<Span>, Option<Span>) {
        match self.ids.get_or_init(|| scan_ids(self.text).map(Cow::Owned)).as_ref().and_then(|ids| ids.get(i)) {
            Some(&[k0, k1, v0, v1]) => (Some(Span::new(k0, k1)), Some(Span::new(v0, v1))),
            None => (self.key(&format!("rules[{i}].id")), self.value(&format!("rules[{i}].id"))),
        }
    }
}

struct Ctx<'a> {
    file: &'a RuleSource,
    pos: &'a Located<'a>,
    /// The rule's index in the file.
    rule: usize,
    base: String,
    lines: &'a LineIndex,
    known: &'a Known<'a>,
    suggestions: &'a std::cell::Cell<usize>,
}

impl Ctx<'_> {
    /// The rule as messages name it: "rule `pm-myalgia@cpmtg-2009`" (read from the file when a
    /// message needs it).
    fn name(&self) -> String {
        rule_name(self.rule, self.file, self.pos.index())
    }

    fn at(&self, field: &str) -> Option<Span> {
        if field.is_empty() {
            // The rule as a whole: point at its `id` key, where the rule starts.
            return self.pos.id(self.rule).0.or_else(|| self.pos.value(&self.base));
        }
        if field == "id" {
            return self.pos.id(self.rule).1;
        }
        self.pos.value(&format!("{}.{field}", self.base))
    }
    /// A problem with this rule: the message starts with the rule's name, unless it names the
    /// rule already.
    fn err(&self, code: &'static str, field: &str, label: impl Into<String>, msg: impl Into<String>) -> RuleProblem {
        let msg = msg.into();
        let msg = if msg.starts_with("rule `") { msg } else { format!("{}: {msg}", self.name()) };
        RuleProblem::error(code, self.file, self.at(field), label, msg)
    }
}

/// Names the vocabulary defines, as lists (for messages) and sets (for look-ups).
struct Known<'a> {
    conditions: Names<'a>,
    regions: Names<'a>,
    surgeries: Names<'a>,
}

struct Names<'a> {
    list: Vec<&'a str>,
    set: std::collections::HashSet<&'a str>,
}

impl<'a> Names<'a> {
    fn new(it: impl Iterator<Item = &'a str>) -> Self {
        let list: Vec<&str> = it.collect();
        Names { set: list.iter().copied().collect(), list }
    }
}

/// Spend one suggestion from the budget; false when it is spent.
fn may_suggest(budget: &std::cell::Cell<usize>) -> bool {
    let left = budget.get();
    budget.set(left.saturating_sub(1));
    left > 0
}

/// Validate raw rule files; problems are pushed, valid rules returned.
pub fn validate(files: &[RuleSource], lexicon: &Lexicon, problems: &mut Vec<RuleProblem>) -> Vec<Rule> {
    validate_reading(files, lexicon, problems, Examples::Read)
}

/// [`validate`], the embedded files' examples read or left out as `examples` says.
pub(crate) fn validate_reading(
    files: &[RuleSource],
    lexicon: &Lexicon,
    problems: &mut Vec<RuleProblem>,
    examples: Examples,
) -> Vec<Rule> {
    let known = Known {
        conditions: Names::new(lexicon.condition_ids()),
        regions: Names::new(lexicon.region_ids()),
        surgeries: Names::new(lexicon.surgery_ids()),
    };
    let suggestions = std::cell::Cell::new(SUGGESTIONS);
    let lines: Vec<LineIndex> = files.iter().map(|f| LineIndex::new(&f.text)).collect();
    let mut rules: Vec<(Rule, Span, usize)> = Vec::new();
    // Each valid rule's path in its file (`rules[3]`), beside `rules`.
    let mut bases: Vec<String> = Vec::new();
    let mut positions = Vec::new();
    let mut pending: Vec<(usize, String, String)> = Vec::new();
    // Every `id@version` written, valid or not: a carried-over figure whose source version is
    // itself in error is reported once, at the source.
    let mut declared: Vec<(String, Option<String>)> = Vec::new();
    // Every id written, valid rule or not: an example may name a rule that has a mistake.
    let mut written: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut unparsed = false;
    for (fi, file) in files.iter().enumerate() {
        // An embedded file is read from its JSON twin, and its positions found only if asked
        // for (it has no problems, a test says; a rule's line is found by a quick scan).
        let twin = super::embedded_json(file, examples).and_then(|j| serde_json::from_str::<RuleFile>(j).ok());
        let (pos, parsed) = match twin {
            Some(parsed) => (Located::lazy(&file.text, super::embedded_ids(file)), parsed),
            None => {
                // YAML syntax first: a type error found inside a broken bracket would mislead.
                let pos = match Positions::parse(&file.text) {
                    Ok(p) => p,
                    Err((span, why)) => {
                        problems.push(syntax_problem(file, span, &why));
                        positions.push(Located::eager(&file.text, Positions::default()));
                        unparsed = true;
                        continue;
                    }
                };
                if let Some(p) = amplification(file, &pos) {
                    problems.push(p);
                    positions.push(Located::eager(&file.text, pos));
                    unparsed = true;
                    continue;
                }
                match serde_yaml::from_str::<RuleFile>(&file.text) {
                    Ok(p) => (Located::eager(&file.text, pos), p),
                    Err(e) => {
                        problems.push(locate(serde_problem(file, &e, &pos), &e, &pos, file));
                        positions.push(Located::eager(&file.text, pos));
                        unparsed = true;
                        continue;
                    }
                }
            }
        };
        if parsed.rules.is_empty() {
            problems.push(
                RuleProblem::error(
                    "rules::empty-list",
                    file,
                    pos.key("rules"),
                    "no rules",
                    "the file's `rules:` list is empty",
                )
                .with_help("add a rule, or remove the file"),
            );
        }
        for (i, raw) in parsed.rules.into_iter().enumerate() {
            let ctx = Ctx {
                file,
                pos: &pos,
                rule: i,
                base: format!("rules[{i}]"),
                lines: &lines[fi],
                known: &known,
                suggestions: &suggestions,
            };
            declared.push((raw.id.clone(), raw.version.clone()));
            let id_span = ctx.at("id").unwrap_or(Span::new(0, 0));
            written.insert(raw.id.clone());
            let expectations: Vec<(usize, String)> =
                raw.examples.iter().enumerate().filter_map(|(j, x)| x.expect_rule.clone().map(|r| (j, r))).collect();
            if let Some(rule) = check_rule(raw, &ctx, problems) {
                rules.push((rule, id_span, fi));
                bases.push(ctx.base.clone());
                for (j, r) in expectations {
                    pending.push((fi, format!("rules[{i}].examples[{j}].expect_rule"), r));
                }
            }
        }
        positions.push(pos);
    }
    cross_checks(&rules, &declared, files, &lines, problems);
    version_figure_checks(&rules, &bases, &positions, files, problems);
    // An example may name the rule it expects to decide: that rule must exist. A file that did
    // not parse may define it, so then nothing can be said.
    if !unparsed {
        let mut ids: Vec<&str> = written.iter().map(String::as_str).collect();
        ids.sort_unstable();
        // `expect_rule: none`: no rule is to decide the example (an item no rule covers).
        for (fi, path, name) in pending.into_iter().filter(|(_, _, name)| name != "none") {
            // A rule written but in error is reported where it is written, not again here;
            // `id@version` names one version.
            let declared_here = declared.iter().any(|(id, v)| match name.split_once('@') {
                Some((i, ver)) => id == i && v.as_deref() == Some(ver),
                None => *id == name,
            });
            if !written.contains(&name) && !declared_here {
                let mut p = RuleProblem::error(
                    "rules::unknown-name",
                    &files[fi],
                    positions[fi].value(&path),
                    "no such rule",
                    format!("`{name}` is not a rule id{}", if name.contains('@') { " and version" } else { "" }),
                );
                if may_suggest(&suggestions) {
                    if let Some(s) = did_you_mean(&name, ids.iter().copied()) {
                        p = p.with_help(format!("did you mean `{s}`?"));
                    }
                }
                problems.push(p);
            }
        }
    }
    rules.into_iter().map(|(r, _, _)| r).collect()
}

// The field's path is formatted only for a problem: the embedded rules' examples ask for
// thousands of paths at every start, and have no problem (issue 14).
fn check_names(
    ctx: &Ctx,
    field: impl std::fmt::Display,
    names: &[String],
    known: &Names,
    what: &str,
    problems: &mut Vec<RuleProblem>,
) {
    for (i, n) in names.iter().enumerate() {
        if !known.set.contains(n.as_str()) {
            let mut p = ctx.err(
                "rules::unknown-name",
                &format!("{field}[{i}]"),
                format!("unknown {what}"),
                format!("`{n}` is not a known {what}"),
            );
            let suggestion =
                if may_suggest(ctx.suggestions) { did_you_mean(n, known.list.iter().copied()) } else { None };
            p = match suggestion {
                Some(s) => p.with_help(format!(
                    "did you mean `{s}`? Known {what}s are listed in vocabulary.yaml; add `{n}` there to define it"
                )),
                None => {
                    p.with_help(format!("known {what}s: {}; or add `{n}` to vocabulary.yaml", known.list.join(", ")))
                }
            };
            problems.push(p);
        }
    }
}

/// A count past [`MAX_COUNT`] (or another `limit`).
fn check_count(
    ctx: &Ctx,
    field: impl std::fmt::Display,
    value: Option<u32>,
    limit: u32,
    problems: &mut Vec<RuleProblem>,
) {
    if let Some(v) = value.filter(|v| *v > limit) {
        problems.push(
            ctx.err(
                "rules::too-large",
                &field.to_string(),
                format!("{v} is more than {limit}"),
                format!("`{field}` is {v}; imrcheck takes at most {limit} here"),
            )
            .with_help("MTUS figures are in the tens of visits and months; check the number"),
        );
    }
}

fn check_range(ctx: &Ctx, field: impl std::fmt::Display, r: &super::raw::Range, problems: &mut Vec<RuleProblem>) {
    check_count(ctx, format_args!("{field}.max"), Some(r.max), MAX_COUNT, problems);
    check_count(ctx, format_args!("{field}.min"), r.min, MAX_COUNT, problems);
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

fn check_rule(raw: RawRule, ctx: &Ctx, problems: &mut Vec<RuleProblem>) -> Option<Rule> {
    let before = problems.len();
    let (conditions, regions, surgeries) = (&ctx.known.conditions, &ctx.known.regions, &ctx.known.surgeries);

    if raw.id.trim().is_empty() || raw.id.contains(char::is_whitespace) {
        problems.push(ctx.err(
            "rules::bad-id",
            "id",
            "not a usable id",
            "a rule id must be one word such as `pm-myalgia`",
        ));
    }
    if raw.applies_to.treatments.is_empty() && raw.applies_to.categories.is_empty() {
        problems.push(
            ctx.err("rules::empty-list", "applies_to.treatments", "no treatments", "the rule applies to no treatment")
                .with_help("list at least one treatment, e.g. [physical_therapy], or a category of items that name no therapy, e.g. categories: [home_health]"),
        );
    }
    if !raw.applies_to.categories.is_empty() {
        if raw.family != Family::Other {
            problems.push(
                ctx.err(
                    "rules::category-rule",
                    "family",
                    format!("a category rule in family {}", raw.family),
                    "a rule for a category of items that name no therapy belongs to family `other`",
                )
                .with_help("write `family: other`, or cover the therapy with `treatments`"),
            );
        }
        if raw.kind != RuleKind::Guideline {
            problems.push(
                ctx.err(
                    "rules::category-rule",
                    "applies_to.categories",
                    "categories on a non-guideline rule",
                    "only a `guideline` rule can cover a category of items",
                )
                .with_help("remove `kind`, or cover treatments instead"),
            );
        }
    }
    for (i, n) in raw.applies_to.naming.iter().enumerate() {
        if super::model::fold_words(n).is_empty() {
            problems.push(ctx.err(
                "rules::bad-term",
                &format!("applies_to.naming[{i}]"),
                "an empty word",
                "an empty `naming` word would match every item",
            ));
        }
    }
    if !raw.applies_to.naming.is_empty() && raw.applies_to.categories.is_empty() {
        problems.push(
            ctx.err(
                "rules::category-rule",
                "applies_to.naming",
                "naming without categories",
                "`naming` narrows a category rule; this rule covers no category",
            )
            .with_help("add `categories: [...]`, or remove `naming`"),
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
    check_names(ctx, "applies_to.conditions", &raw.applies_to.conditions, conditions, "condition", problems);
    check_names(ctx, "applies_to.surgeries", &raw.applies_to.surgeries, surgeries, "surgery", problems);
    if let Some(nr) = &raw.not_recommended_for {
        check_names(ctx, "not_recommended_for.regions", &nr.regions, regions, "region", problems);
        check_names(ctx, "not_recommended_for.conditions", &nr.conditions, conditions, "condition", problems);
    }
    if let Some(c) = &raw.course {
        check_range(ctx, "course.visits", &c.visits, problems);
        check_count(ctx, "course.hours_per_day", c.hours_per_day, 24, problems);
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
    check_count(ctx, "extension.max_visits", raw.extension.as_ref().and_then(|e| e.max_visits), MAX_COUNT, problems);
    check_count(ctx, "cap.visits", raw.cap.as_ref().map(|c| c.visits), MAX_COUNT, problems);
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
        check_count(ctx, "postsurgical.initial_course", p.initial_course, MAX_COUNT, problems);
        check_count(ctx, "postsurgical.period_months", Some(p.period_months), MAX_PERIOD_MONTHS, problems);
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
        check_names(ctx, "scope.regions", &sc.regions, regions, "region", problems);
        check_names(ctx, "scope.borrowed_for", &sc.borrowed_for, regions, "region", problems);
        check_names(ctx, "scope.excluded", &sc.excluded, regions, "region", problems);
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
        let f = format_args!("examples[{i}].request");
        check_names(ctx, format_args!("{f}.conditions"), &ex.request.conditions, conditions, "condition", problems);
        check_names(ctx, format_args!("{f}.regions"), &ex.request.regions, regions, "region", problems);
        if let Some(s) = &ex.request.surgery {
            check_names(ctx, format_args!("{f}.surgery"), std::slice::from_ref(s), surgeries, "surgery", problems);
        }
        let r = &ex.request;
        if r.treatment.is_none() && r.category.is_none() {
            problems.push(
                ctx.err(
                    "rules::missing-key",
                    &f.to_string(),
                    "no treatment",
                    "an example request needs a `treatment` (or a `category`)",
                )
                .with_help("add e.g. `treatment: physical_therapy`, or `category: home_health` for a category rule"),
            );
        }
        for (name, v) in [
            ("visits_requested", r.visits_requested),
            ("hours_requested", r.hours_requested),
            ("prior_visits", r.prior_visits),
        ] {
            check_count(ctx, format_args!("{f}.{name}"), v, MAX_COUNT, problems);
        }
    }
    let citation = citation?;
    if problems[before..].iter().any(RuleProblem::is_error) {
        return None;
    }
    let line = ctx.at("id").map(|s| ctx.lines.line_col(&ctx.file.text, s.start).0).unwrap_or(0);
    Some(Rule {
        id: raw.id,
        version: raw.version,
        title: raw.title,
        family: raw.family,
        kind: raw.kind,
        treatments: raw.applies_to.treatments,
        categories: raw.applies_to.categories,
        naming: raw.applies_to.naming.iter().map(|n| super::model::fold_words(n)).collect(),
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
        path: ctx.base.clone(),
        examples: raw.examples,
        origin: ctx.file.clone(),
        file: ctx.file.name.to_string(),
        line,
    })
}

fn overlaps(a: &InForce, b: &InForce) -> bool {
    let a_to = a.to.unwrap_or(Date { year: 9999, month: 12, day: 31 });
    let b_to = b.to.unwrap_or(Date { year: 9999, month: 12, day: 31 });
    a.from <= b_to && b.from <= a_to
}

/// Which rules of a group could compete: each condition-keyed rule with the others, defaults
/// with defaults, rules for any condition with each other, postsurgical rows per surgery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Scope<'a> {
    Keyed,
    Default,
    Unkeyed,
    Surgery(&'a str),
}

/// Pairs of `group` (indices into `rules`) that may clash: every pair of a small group; in a
/// large one, each rule with the rule reaching furthest among those that start before it (a
/// sweep in date order, so every rule that overlaps another is paired at least once).
fn candidate_pairs(
    group: &[usize],
    rules: &[(Rule, Span, usize)],
    out: &mut std::collections::BTreeSet<(usize, usize)>,
) {
    if group.len() <= PAIRWISE {
        for (k, &i) in group.iter().enumerate() {
            for &j in &group[k + 1..] {
                out.insert((i.min(j), i.max(j)));
            }
        }
        return;
    }
    let end = |i: usize| rules[i].0.in_force.to.unwrap_or(Date { year: 9999, month: 12, day: 31 });
    let mut sorted = group.to_vec();
    sorted.sort_by_key(|&i| (rules[i].0.in_force.from, i));
    let mut reach: Option<usize> = None;
    for r in sorted {
        if let Some(x) = reach {
            if end(x) >= rules[r].0.in_force.from {
                out.insert((x.min(r), x.max(r)));
            }
        }
        if reach.is_none_or(|x| end(r) > end(x)) {
            reach = Some(r);
        }
    }
}

fn cross_checks(
    rules: &[(Rule, Span, usize)],
    declared: &[(String, Option<String>)],
    files: &[RuleSource],
    lines: &[LineIndex],
    problems: &mut Vec<RuleProblem>,
) {
    use std::collections::{BTreeSet, HashMap};
    let loc = |fi: usize, s: Span| {
        let (l, c) = lines[fi].line_col(&files[fi].text, s.start);
        format!("{}:{l}:{c}", files[fi].name)
    };
    // Rules that may clash share an id, or a kind, family, priority, treatment and scope.
    let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_version: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    let mut by_scope: HashMap<(u8, Family, i32, Modality, Scope), Vec<usize>> = HashMap::new();
    for (i, (r, _, _)) in rules.iter().enumerate() {
        by_id.entry(r.id.as_str()).or_default().push(i);
        if let Some(v) = &r.version {
            by_version.entry((r.id.as_str(), v.as_str())).or_default().push(i);
        }
        let kind = match r.kind {
            RuleKind::Guideline => 0,
            RuleKind::Postsurgical => 1,
            RuleKind::StatutoryCap => continue,
        };
        let mut scopes: std::collections::HashSet<Scope> = std::collections::HashSet::new();
        if r.kind == RuleKind::Guideline {
            scopes.insert(if r.conditions.is_empty() { Scope::Unkeyed } else { Scope::Keyed });
            if r.default {
                scopes.insert(Scope::Default);
            }
        } else {
            scopes.extend(r.surgeries.iter().map(|s| Scope::Surgery(s.as_str())));
        }
        let mut treatments = r.treatments.clone();
        treatments.sort();
        treatments.dedup();
        for t in treatments {
            for sc in &scopes {
                by_scope.entry((kind, r.family, r.priority, t, *sc)).or_default().push(i);
            }
        }
    }
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    for group in by_id.values().chain(by_scope.values()) {
        candidate_pairs(group, rules, &mut pairs);
    }
    // One named version defined several times: each later one with the first.
    for group in by_version.values() {
        for &j in &group[1..] {
            pairs.insert((group[0], j));
        }
    }
    for (i, j) in pairs {
        let ((a, a_span, a_file), (b, b_span, b_file)) = (&rules[i], &rules[j]);
        {
            // One pair, as the engine would see it.
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
    let mut ids: Vec<&str> = by_id.keys().copied().collect();
    ids.sort_unstable();
    for id in ids {
        let mut versions: Vec<&(Rule, Span, usize)> = by_id[id].iter().map(|&i| &rules[i]).collect();
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

/// A version's figures by their path in the rule file, as text: what `rules check` compares
/// between the versions of one rule.
fn figures(r: &Rule) -> Vec<(&'static str, String)> {
    fn range(r: &Option<super::raw::Range>) -> String {
        r.map(|r| super::model::fmt_range(r.min, r.max)).unwrap_or_else(|| "none".into())
    }
    fn opt<T: std::fmt::Display>(v: Option<T>) -> String {
        v.map(|v| v.to_string()).unwrap_or_else(|| "none".into())
    }
    let mut out = Vec::new();
    let c = r.course.as_ref();
    out.push(("course.visits.min", opt(c.and_then(|c| c.visits.min))));
    out.push(("course.visits.max", opt(c.map(|c| c.visits.max))));
    out.push(("course.weeks", range(&c.and_then(|c| c.weeks))));
    out.push(("course.per_week", range(&c.and_then(|c| c.per_week))));
    out.push(("course.months", range(&c.and_then(|c| c.months))));
    out.push(("course.hours_per_day", opt(c.and_then(|c| c.hours_per_day))));
    let unit = c.map(|c| match c.unit {
        super::raw::Unit::Visits => "visits",
        super::raw::Unit::FullDays => "full_days",
        super::raw::Unit::Days => "days",
        super::raw::Unit::Hours => "hours",
        super::raw::Unit::Months => "months",
    });
    out.push(("course.unit", opt(unit)));
    out.push(("course.per_episode", opt(c.map(|c| c.per_episode))));
    let e = r.extension.as_ref();
    out.push(("extension.max_visits", opt(e.and_then(|e| e.max_visits))));
    out.push(("extension.weeks", range(&e.and_then(|e| e.weeks))));
    let p = r.postsurgical.as_ref();
    out.push(("postsurgical.general_course.min", opt(p.and_then(|p| p.general_course.min))));
    out.push(("postsurgical.general_course.max", opt(p.map(|p| p.general_course.max))));
    out.push(("postsurgical.initial_course", opt(p.and_then(|p| p.initial_course))));
    out.push(("postsurgical.weeks", range(&p.and_then(|p| p.weeks))));
    out.push(("postsurgical.period_months", opt(r.period_months)));
    out.push(("cap.visits", opt(r.cap.as_ref().map(|c| c.visits))));
    out.push(("soft", r.soft.to_string()));
    out.push(("not_recommended_for.regions", r.not_recommended.regions.join(", ")));
    out.push(("not_recommended_for.conditions", r.not_recommended.conditions.join(", ")));
    out
}

/// The figures of `a` that differ from `b`'s, in words: "course.visits.max is 12 here, 10 in
/// `pm-myalgia@cpmtg-2009`".
fn figure_differences(a: &Rule, b: &Rule) -> Vec<String> {
    figures(a)
        .into_iter()
        .zip(figures(b))
        .filter(|(x, y)| x.1 != y.1)
        .map(|((path, here), (_, there))| format!("{path} is {here} here, {there} in `{}`", b.label()))
        .collect()
}

/// A figure one version of a rule changed while the other versions keep the old one: an edit
/// made in one edition only is the likeliest cause, so `rules check` says which version, which
/// figure and what the others keep (a warning: editions may really differ). Versions without a
/// figure are left out.
fn version_figure_checks(
    rules: &[(Rule, Span, usize)],
    bases: &[String],
    positions: &[Located],
    files: &[RuleSource],
    problems: &mut Vec<RuleProblem>,
) {
    let mut by_id: std::collections::BTreeMap<&str, Vec<usize>> = std::collections::BTreeMap::new();
    for (i, (r, _, _)) in rules.iter().enumerate() {
        if !r.no_figure {
            by_id.entry(r.id.as_str()).or_default().push(i);
        }
    }
    for (id, mut versions) in by_id {
        // Unnamed or repeated versions are errors of their own (duplicate id, missing version).
        let mut names: Vec<Option<&str>> = versions.iter().map(|&i| rules[i].0.version.as_deref()).collect();
        names.sort_unstable();
        names.dedup();
        if versions.len() < 2 || names.len() != versions.len() || names.contains(&None) {
            continue;
        }
        versions.sort_by_key(|&i| rules[i].0.in_force.from);
        let table: Vec<Vec<(&'static str, String)>> = versions.iter().map(|&i| figures(&rules[i].0)).collect();
        for f in 0..table[0].len() {
            let path = table[0][f].0;
            let values: Vec<&str> = table.iter().map(|t| t[f].1.as_str()).collect();
            if values.iter().all(|v| *v == values[0]) {
                continue;
            }
            let version = |k: usize| rules[versions[k]].0.version.clone().unwrap_or_else(|| "(no version)".into());
            // The version whose value no other version shares, when all the others agree.
            let odd = (0..values.len()).find(|&k| {
                let others: Vec<&str> = values.iter().enumerate().filter(|(j, _)| *j != k).map(|(_, v)| *v).collect();
                others.len() >= 2 && others.iter().all(|v| *v == others[0]) && values[k] != others[0]
            });
            // A version carried over from another of the group that differs from it is an error
            // already (`rules::carried-over`), at that version: a warning there would repeat it.
            let carried_within = |k: usize| {
                let r = &rules[versions[k]].0;
                r.source.status == super::raw::Status::CarriedOver
                    && r.source.from.as_deref().is_some_and(|f| (0..values.len()).any(|j| j != k && version(j) == f))
            };
            let repeated = match odd {
                Some(k) => carried_within(k),
                None => (1..values.len()).all(carried_within),
            };
            if repeated {
                continue;
            }
            let (at, message, label) = match odd {
                Some(k) => {
                    let keep: Vec<String> = (0..values.len()).filter(|&j| j != k).map(version).collect();
                    let other = values[(k + 1) % values.len()];
                    (
                        k,
                        format!(
                            "rule `{id}@{}` has {path} {}, but the other versions of `{id}` ({}) keep {other}",
                            version(k),
                            values[k],
                            keep.join(", ")
                        ),
                        format!("{path} {} here; {other} in {}", values[k], keep.join(", ")),
                    )
                }
                None => {
                    let all: Vec<String> =
                        (0..values.len()).map(|k| format!("{} has {}", version(k), values[k])).collect();
                    let last = values.len() - 1;
                    (
                        last,
                        format!("the versions of rule `{id}` differ in {path}: {}", all.join(", ")),
                        format!("{path} {} here", values[last]),
                    )
                }
            };
            let i = versions[at];
            let (rule, id_span, fi) = &rules[i];
            let span =
                positions.get(*fi).and_then(|p| p.value_exact(&format!("{}.{path}", bases[i]))).unwrap_or(*id_span);
            problems.push(
                RuleProblem::error("rules::version-figure", &files[*fi], Some(span), label, message)
                    .warning()
                    .with_help(format!(
                        "if the figure changed for every edition, change it in each version of `{id}`; if only the edition of `{}` changed it, say so in its `source.note` and this warning is expected",
                        rule.label()
                    )),
            );
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
            let mut what = figure_differences(r, source);
            if source.no_figure {
                what.push(format!("`{}` states no figure", source.label()));
            }
            problems.push(err(
                format!("differs from `{from}`"),
                format!(
                    "`{}` says its figure is carried over from `{}`, but the figures differ: {}",
                    r.label(),
                    source.label(),
                    what.join("; ")
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The quick scan finds every shipped rule's `id` where the YAML index does.
    #[test]
    fn the_id_scan_agrees_with_the_index_on_every_shipped_file() {
        for (name, text) in crate::rules::EMBEDDED.iter().filter(|(n, _)| !crate::rules::is_vocabulary(n)) {
            let ids = scan_ids(text).unwrap_or_else(|| panic!("{name}: the scan reads the file"));
            let pos = Positions::parse(text).expect("the file parses");
            let rules: RuleFile = serde_yaml::from_str(text).expect("the file reads");
            assert_eq!(ids.len(), rules.rules.len(), "{name}");
            for (i, &[k0, k1, v0, v1]) in ids.iter().enumerate() {
                assert_eq!(Some(Span::new(k0, k1)), pos.key(&format!("rules[{i}].id")), "{name} rule {i} key");
                assert_eq!(Some(Span::new(v0, v1)), pos.value(&format!("rules[{i}].id")), "{name} rule {i} value");
            }
            // What build.rs found is what the scan finds.
            let source = RuleSource { name: format!("<embedded>/{name}").into(), text: (*text).into() };
            assert_eq!(crate::rules::embedded_ids(&source), Some(&ids[..]), "{name}: the ids found at build time");
        }
        assert_eq!(scan_ids("rules:\n  - {id: a}\n"), None, "flow style: the index is used");
        assert_eq!(scan_ids("rules:\n  - version: x\n    title: t\n"), None, "no id: the index is used");
    }
}
