use super::{run, stderr, stdout, SEEDS};
use serde_json::Value;

const ITEM_FIELDS: &[&str] = &[
    "request",
    "modality",
    "family",
    "body_regions",
    "visits_requested",
    "prior_visits",
    "prior_treatment",
    "functional_improvement_documented",
    "postsurgical",
    "decision",
    "rule",
    "verdict",
    "agreement",
    "explanation",
];

#[test]
fn json_follows_the_contract_on_every_seed() {
    for seed in SEEDS {
        let o = run(&["check", "--format", "json", seed]);
        assert_eq!(o.status.code(), Some(0), "{seed}: {}", stderr(&o));
        let v: Value = serde_json::from_str(stdout(&o).trim()).expect("one JSON object");
        assert_eq!(v["letter"], Value::String((*seed).to_owned()));
        assert_eq!(v["format"], "2014");
        assert!(v["errors"].as_array().is_some_and(Vec::is_empty));
        let items = v["items"].as_array().expect("items");
        assert!(!items.is_empty());
        for item in items {
            for f in ITEM_FIELDS {
                assert!(item.get(*f).is_some(), "{seed}: item lacks {f}");
            }
            for step in item["explanation"].as_array().expect("steps") {
                assert!(step["text"].is_string() && step["spans"].is_array() && step["rules"].is_array());
            }
        }
    }
}

#[test]
fn several_letters_give_one_json_object_per_line() {
    let o = run(&["check", "--format", "json", SEEDS[0], SEEDS[1]]);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    for l in lines {
        let v: Value = serde_json::from_str(l).expect("JSON line");
        assert!(v["items"].is_array());
    }
}

#[test]
fn every_number_in_an_explanation_has_a_span_or_a_rule() {
    // "Explanations never lie": a step that states a number rests on letter text or a rule.
    for seed in SEEDS {
        let v: Value = serde_json::from_str(stdout(&run(&["check", "--format", "json", seed])).trim()).expect("json");
        for item in v["items"].as_array().expect("items") {
            for step in item["explanation"].as_array().expect("steps") {
                let text = step["text"].as_str().unwrap_or("");
                let has_number = text.split(|c: char| !c.is_ascii_digit()).any(|w| !w.is_empty() && w.len() < 4);
                let grounded = !step["spans"].as_array().expect("spans").is_empty()
                    || !step["rules"].as_array().expect("rules").is_empty();
                let dated = text.starts_with("Rules in force") || text.starts_with("The letter gives no date");
                assert!(!has_number || grounded || dated, "{seed}: ungrounded step: {text}");
            }
        }
    }
}

#[test]
fn bad_inputs_give_clear_errors_and_exit_2() {
    let cases = [
        ("fixtures/bad/empty.txt", "the file is empty"),
        ("fixtures/bad/binary.txt", "binary"),
        ("fixtures/bad/no_items.txt", "no disputed items"),
        ("fixtures/bad/not_a_letter.txt", "not an IMR decision letter"),
        ("fixtures/bad/does-not-exist.txt", "cannot read the file"),
    ];
    for (file, reason) in cases {
        let o = run(&["check", "--color", "never", file]);
        assert_eq!(o.status.code(), Some(2), "{file}");
        assert!(stdout(&o).contains(reason), "{file}: {}", stdout(&o));
        let o = run(&["check", "--format", "json", file]);
        let v: Value = serde_json::from_str(stdout(&o).trim()).expect("json even for errors");
        assert!(v["errors"][0].as_str().is_some_and(|e| e.contains(reason)), "{file}");
    }
}

#[test]
fn a_bad_letter_does_not_stop_the_others() {
    let o = run(&["check", "--format", "json", "fixtures/bad/empty.txt", SEEDS[3]]);
    assert_eq!(o.status.code(), Some(2));
    let lines: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).expect("json")).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["items"][0]["verdict"], "exceeds_limit");
}

#[test]
fn rules_list_shows_versions_and_citations() {
    let o = run(&["rules", "list"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.contains("pm-myalgia@cpmtg-2009") && out.contains("pp. 98-99"), "{out}");
}

#[test]
fn shipped_rule_examples_pass() {
    let o = run(&["rules", "test"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains(" 0 failed"));
}

#[test]
fn a_user_rules_directory_replaces_the_defaults() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = std::fs::read_to_string(super::path("rules/physical-medicine.yaml")).expect("read");
    // An auditor raises the physical medicine limit from 10 to 12.
    std::fs::write(dir.path().join("physical-medicine.yaml"), src.replace("visits: {min: 9, max: 10}", "visits: {min: 9, max: 12}").replace("visits_requested: 11, prior_treatment: \"no\", conditions: [myalgia], date: 2015-03-01}\n        expect: exceeds_limit", "visits_requested: 13, prior_treatment: \"no\", conditions: [myalgia], date: 2015-03-01}\n        expect: exceeds_limit")).expect("write");
    let d = dir.path().to_str().expect("utf-8 path");
    let o = run(&["check", "--format", "json", "--rules", d, SEEDS[0]]);
    let v: Value = serde_json::from_str(stdout(&o).trim()).expect("json");
    // Seed 000 names radiculopathy, so pm-radiculitis (still 10) decides: 12 > 10.
    assert_eq!(v["items"][0]["verdict"], "exceeds_limit");
    let with_myalgia = "HOW THE IMR FINAL DETERMINATION WAS MADE\nCLINICAL CASE SUMMARY\nThe patient has myalgia and no prior physical therapy. The utilization review dated 3/1/2015 denied it.\nIMR ISSUES, DECISIONS AND RATIONALES\nPhysical therapy 2x6 for the neck: Upheld\n";
    let letter = dir.path().join("letter.txt");
    std::fs::write(&letter, with_myalgia).expect("write");
    let l = letter.to_str().expect("utf-8");
    let default = serde_json::from_str::<Value>(stdout(&run(&["check", "--format", "json", l])).trim()).expect("json");
    let raised = serde_json::from_str::<Value>(stdout(&run(&["check", "--format", "json", "--rules", d, l])).trim())
        .expect("json");
    assert_eq!(default["items"][0]["verdict"], "exceeds_limit");
    assert_eq!(raised["items"][0]["verdict"], "within_limit");
}

#[test]
fn eval_prints_field_accuracy() {
    let o = run(&["eval", "fixtures/letters"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    for f in [
        "modality",
        "visits_requested",
        "prior_visits",
        "functional_improvement_documented",
        "decision",
        "verdict",
        "agreement",
    ] {
        assert!(out.lines().any(|l| l.starts_with(f) && l.ends_with('%')), "{f} missing in\n{out}");
    }
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["check"]).status.code(), Some(2));
    assert_eq!(run(&["check", "--as-of", "2015-13-01", SEEDS[0]]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
}

// ---- issue 13: a CLI that behaves like the tools auditors know ----

/// Run the binary with `stdin` as its standard input and extra environment.
fn run_with(args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> std::process::Output {
    use std::io::Write;
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_imrcheck"));
    cmd.args(args)
        .current_dir(super::root())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("the binary runs");
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin);
    }
    child.wait_with_output().expect("it ends")
}

/// Run the binary on a pseudo-terminal of `cols` columns (util-linux `script`), with `env`;
/// the screen's text. None where `script` is missing (it is part of Debian's essential
/// bsdutils, so CI has it).
fn on_a_terminal(args: &[&str], cols: u16, env: &[(&str, &str)]) -> Option<String> {
    if std::process::Command::new("script").arg("--version").output().is_err() {
        assert!(std::env::var_os("CI").is_none_or(|v| v != "true"), "CI=true but `script` (bsdutils) is missing");
        eprintln!("skipped: no `script` to run imrcheck on a terminal");
        return None;
    }
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    let inner = format!("stty cols {cols} rows 50; {} {}", env!("CARGO_BIN_EXE_imrcheck"), quoted.join(" "));
    let mut cmd = std::process::Command::new("script");
    cmd.args(["-qec", &inner, "/dev/null"]).current_dir(super::root()).env_remove("NO_COLOR").env("TERM", "xterm");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let o = cmd.output().expect("script runs");
    Some(String::from_utf8_lossy(&o.stdout).replace("\r\n", "\n").replace('\r', "\n"))
}

/// The text without ANSI escape sequences and without the progress bar's lines.
fn screen_text(s: &str) -> String {
    let plain = regex::Regex::new(r"\x1b\[[0-9;?]*[A-Za-z]").expect("regex").replace_all(s, "").into_owned();
    plain
        .lines()
        .filter(|l| !l.contains(" letters ") || !l.contains('░') && !l.contains('█'))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn audit_on_a_terminal_prints_a_table_and_the_summary_once() {
    let Some(screen) = on_a_terminal(&["audit", SEEDS[3], "fixtures/bad/empty.txt"], 90, &[]) else { return };
    let text = screen_text(&screen);
    assert!(!text.contains("{\"letter\""), "no JSON Lines on a terminal:\n{text}");
    assert!(text.contains("REQUEST") && text.contains("AGREEMENT"), "{text}");
    let row = text.lines().find(|l| l.contains("Pt 2x4 Weeks")).expect("the item's row");
    assert!(row.contains("exceeds_limit") && row.contains("upheld") && row.contains("agrees"), "{row}");
    assert!(text.contains("error: the file is empty"), "{text}");
    assert_eq!(text.matches("letters read:").count(), 1, "the summary is printed once:\n{text}");
    let table = text.split("\n\n").next().unwrap_or_default();
    assert!(table.lines().all(|l| l.chars().count() <= 90), "rows fit 90 columns:\n{text}");
}

#[test]
fn audit_into_a_pipe_stays_json_lines_and_prints_no_summary_twice() {
    let o = run(&["audit", SEEDS[3], "fixtures/bad/empty.txt"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let lines: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).expect("every line is JSON")).collect();
    assert_eq!(lines.len(), 3, "two letters and the summary");
    assert_eq!(lines[2]["summary"]["items"], 1);
    // Stderr is not a terminal here: nothing but the report is written.
    assert!(!stderr(&o).contains("letters read:"), "{}", stderr(&o));
    // The table on request, in a pipe too, at 100 columns.
    let o = run(&["audit", "--format", "table", SEEDS[3]]);
    let out = stdout(&o);
    assert!(out.lines().next().is_some_and(|l| l.contains("REQUEST")), "{out}");
    assert_eq!(out.matches("letters read: 1").count(), 1, "{out}");
}

#[test]
fn check_dash_reads_a_letter_from_stdin() {
    let letter = std::fs::read(super::path(SEEDS[3])).expect("seed");
    let o = run_with(&["check", "--format", "json", "-"], &letter, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(stdout(&o).trim()).expect("json");
    assert_eq!(v["letter"], "<stdin>");
    assert_eq!(v["items"][0]["verdict"], "exceeds_limit");
    // The same verdict as from the file.
    let from_file: Value =
        serde_json::from_str(stdout(&run(&["check", "--format", "json", SEEDS[3]])).trim()).expect("json");
    assert_eq!(v["items"], from_file["items"]);
    // Empty stdin is an empty letter: an error, exit 2.
    let o = run_with(&["check", "-"], b"", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("<stdin>") && stdout(&o).contains("the file is empty"), "{}", stdout(&o));
    // Past the size limit, refused.
    let o = run_with(&["check", "--max-letter-size", "1K", "-"], &vec![b'a'; 64 * 1024], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("over the limit"), "{}", stdout(&o));
    // `text -` prints what it read.
    let o = run_with(&["text", "-"], b"HOW THE IMR FINAL DETERMINATION WAS MADE\n", &[]);
    assert_eq!(stdout(&o), "HOW THE IMR FINAL DETERMINATION WAS MADE\n");
}

#[test]
fn help_lists_the_exit_codes() {
    for args in [&["--help"][..], &["audit", "--help"], &["check", "--help"]] {
        let out = stdout(&run(args));
        assert!(out.contains("Exit codes:"), "{args:?}: {out}");
        for code in ["  0 ", "  1 ", "  2 ", "  130 "] {
            assert!(out.contains(code), "{args:?} lacks {code:?}: {out}");
        }
    }
}

#[test]
fn completions_and_the_man_page_come_from_the_command_line() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = run(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let out = stdout(&o);
        assert!(out.contains("audit") && out.contains("max-letter-size"), "{shell}");
        assert!(!out.contains("__extract-pdf"), "{shell}: the internal command is not offered");
    }
    let o = run(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2), "an unknown shell is a usage error");
    let man = stdout(&run(&["man"]));
    assert!(man.contains(".TH imrcheck 1"), "{man}");
    assert!(man.contains("audit") && man.contains("completions") && !man.contains("__extract-pdf"), "{man}");
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path().join("man1");
    let o = run(&["man", "--dir", d.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for page in ["imrcheck.1", "imrcheck-audit.1", "imrcheck-rules-impact.1"] {
        let text = std::fs::read_to_string(d.join(page)).unwrap_or_default();
        assert!(text.contains(".TH"), "{page}");
    }
    assert!(!d.join("imrcheck-__extract-pdf.1").exists());
}

#[test]
fn colour_follows_term_and_no_color_on_a_terminal() {
    let args = ["check", SEEDS[3]];
    let Some(plain_term) = on_a_terminal(&args, 100, &[]) else { return };
    assert!(plain_term.contains("\x1b["), "colour on a terminal");
    let dumb = on_a_terminal(&args, 100, &[("TERM", "dumb")]).unwrap_or_default();
    assert!(!dumb.contains("\x1b["), "TERM=dumb: no colour");
    let set = on_a_terminal(&args, 100, &[("NO_COLOR", "1")]).unwrap_or_default();
    assert!(!set.contains("\x1b["), "NO_COLOR=1: no colour");
    let empty = on_a_terminal(&args, 100, &[("NO_COLOR", "")]).unwrap_or_default();
    assert!(empty.contains("\x1b["), "an empty NO_COLOR does not turn colour off (no-color.org)");
}

#[test]
fn the_explanation_wraps_to_the_terminal_width() {
    for cols in [60, 120] {
        let Some(screen) = on_a_terminal(&["check", "--color", "never", SEEDS[3]], cols, &[]) else { return };
        let widest = screen.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        // Quoted letter lines are the letter's own; the explanation's help lines wrap.
        let help: Vec<&str> = screen.lines().filter(|l| l.starts_with("        ")).collect();
        assert!(!help.is_empty(), "{screen}");
        assert!(help.iter().all(|l| l.chars().count() <= cols as usize), "{cols}: {widest}\n{screen}");
        if cols == 120 {
            assert!(help.iter().any(|l| l.chars().count() > 100), "wider than the old fixed 100:\n{screen}");
        }
    }
    // In a pipe, COLUMNS sets the width.
    let o = run_with(&["check", SEEDS[3]], b"", &[("COLUMNS", "70")]);
    let help: Vec<String> = stdout(&o).lines().filter(|l| l.starts_with("        ")).map(str::to_owned).collect();
    assert!(!help.is_empty() && help.iter().all(|l| l.chars().count() <= 70), "{}", stdout(&o));
}

#[test]
fn rules_list_shows_figures_and_dates_in_words() {
    let out = stdout(&run(&["rules", "list"]));
    assert!(!out.contains("..now") && !out.contains("1900-01-01"), "{out}");
    let block =
        |label: &str| -> String { out.split("\n\n").find(|b| b.starts_with(label)).unwrap_or_default().to_owned() };
    let myalgia = block("pm-myalgia@cpmtg-2009 ");
    assert!(myalgia.contains("2009-07-18 to 2016-07-28"), "{myalgia}");
    assert!(myalgia.contains("figures: 9-10 visits over 8 weeks, 1-3 per week"), "{myalgia}");
    assert!(block("pm-myalgia@mtus-2017 ").contains("since 2017-12-01"), "{out}");
    assert!(block("lc-4604.5-cap ").contains("at most 24 visits per injury"), "{out}");
    // A rule written without dates is in force at all times, and says so.
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("m.yaml"),
        "rules:\n  - id: m\n    title: M\n    family: massage\n    applies_to: {treatments: [massage]}\n    course: {visits: {max: 6}}\n    citation: {guideline: X}\n",
    )
    .expect("write");
    let out = stdout(&run(&["rules", "list", "--rules", dir.path().to_str().expect("utf-8")]));
    assert!(out.contains("m  massage, at all times (no in_force dates)") && out.contains("figures: 6 visits"), "{out}");
}

#[test]
fn rules_check_warns_when_one_version_changes_a_figure_the_others_keep() {
    let dir = tempfile::tempdir().expect("tempdir");
    let version = |v: &str, from: &str, to: &str, max: u32| {
        format!(
            "  - id: m\n    version: {v}\n    title: M\n    family: massage\n    applies_to: {{treatments: [massage]}}\n    course: {{visits: {{max: {max}}}}}\n    citation: {{guideline: X}}\n    source: {{status: confirmed}}\n    in_force: {{from: {from}{to}}}\n"
        )
    };
    let text = format!(
        "rules:\n{}{}{}",
        version("a", "2009-01-01", ", to: 2012-12-31", 6),
        version("b", "2013-01-01", ", to: 2016-12-31", 8),
        version("c", "2017-01-01", "", 6)
    );
    std::fs::write(dir.path().join("m.yaml"), text).expect("write");
    let o = run(&["rules", "check", "--color", "never", dir.path().to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(0), "a warning, not an error: {}", stderr(&o));
    assert!(stdout(&o).contains("(1 warnings)"), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("rules::version-figure"), "{err}");
    assert!(err.contains("rule `m@b` has course.visits.max 8, but the other versions of `m` (a, c) keep 6"), "{err}");
    assert!(err.contains("m.yaml:16:28]"), "points at the figure in version b: {err}");
}

#[test]
fn a_failing_rule_example_points_at_the_example() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("m.yaml"),
        "rules:\n  - id: m\n    title: M\n    family: massage\n    applies_to: {treatments: [massage]}\n    course: {visits: {max: 6}}\n    citation: {guideline: X}\n    examples:\n      - name: seven is too many\n        request: {treatment: massage, visits_requested: 7}\n        expect: within_limit\n",
    )
    .expect("write");
    let o = run(&["rules", "test", dir.path().to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("rule `m`: example \"seven is too many\" gives exceeds_limit, not within_limit by m"),
        "{out}"
    );
    assert!(out.contains("m.yaml:11:17]"), "the header points at `expect:` on line 11: {out}");
    assert!(out.contains("11 │         expect: within_limit") && out.contains("got exceeds_limit"), "{out}");
    assert!(out.contains("rules test: 0 passed, 1 failed"), "{out}");
}

#[test]
fn rules_impact_writes_its_flips_as_csv_json_and_html() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules = dir.path().join("rules");
    let o = run(&["rules", "export", rules.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(0));
    let file = rules.join("physical-medicine.yaml");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, text.replace("visits: {min: 9, max: 10}", "visits: {min: 9, max: 12}")).expect("write");
    let r = rules.to_str().expect("utf-8");
    let json = run(&["rules", "impact", r, "fixtures/letters", "--format", "json"]);
    assert_eq!(json.status.code(), Some(0), "{}", stderr(&json));
    let v: Value = serde_json::from_str(&stdout(&json)).expect("one JSON object");
    let flips = v["flips"].as_array().expect("flips");
    assert!(!flips.is_empty());
    assert!(v["agreement_rate_before"].is_number() && v["agreement_rate_after"].is_number());
    for side in ["before", "after"] {
        let c = &v[format!("agreement_{side}")];
        let (a, d) = (c["agrees"].as_f64().unwrap_or(0.0), c["disagrees"].as_f64().unwrap_or(0.0));
        assert_eq!(v[format!("agreement_rate_{side}")].as_f64(), Some(a / (a + d)), "{v}");
    }
    // Raising the limit turns an upheld twelve-session request from agreeing to disagreeing.
    assert!(
        flips.iter().any(|f| f["letter"] == "fixtures/letters/118_therapeutic_exercises_twelve.txt"
            && f["before"]["agreement"] == "agrees"
            && f["after"]["agreement"] == "disagrees"),
        "{v}"
    );
    assert!(flips.iter().all(|f| f["before"]["verdict"] != f["after"]["verdict"]
        || f["before"]["agreement"] != f["after"]["agreement"]
        || f["before"]["rule"] != f["after"]["rule"]));
    let text = stdout(&run(&["rules", "impact", r, "fixtures/letters"]));
    assert!(text.contains(&format!("{} of {} items change", flips.len(), v["items"])), "{text}");
    assert!(text.contains("agreement: ") && text.contains(" -> "), "{text}");
    let out = dir.path().join("impact.csv");
    let o = run(&["rules", "impact", r, "fixtures/letters", "--format", "csv", "-o", out.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csv = std::fs::read_to_string(&out).expect("the CSV");
    assert_eq!(csv.lines().count(), flips.len() + 1, "{csv}");
    assert!(csv.trim_start_matches('\u{feff}').starts_with("letter,line,item,request"), "{csv}");
    let summary = std::fs::read_to_string(dir.path().join("impact.summary.csv")).expect("the figures beside it");
    assert!(summary.contains(&format!("items_changed,{}", flips.len())), "{summary}");
    assert!(summary.contains("agreement_rate_before,") && summary.contains("agreement_rate_after,"), "{summary}");
    let html = stdout(&run(&["rules", "impact", r, "fixtures/letters", "--format", "html"]));
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Items that change"), "{html}");
    assert_eq!(
        html.matches("<tr>").count(),
        4 + 1 + 1 + flips.len(),
        "figure rows, two header rows and a row per flip"
    );
}

#[test]
fn rules_impact_on_a_path_without_letters_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path().to_str().expect("utf-8");
    let o = run(&["rules", "impact", "rules", d]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no letter with disputed items to compare on"), "{}", stderr(&o));
    assert!(!stdout(&o).contains("0 of 0"), "{}", stdout(&o));
    let o = run(&["rules", "impact", "rules", "fixtures/bad/empty.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("fixtures/bad/empty.txt: the file is empty"), "{}", stderr(&o));
}
