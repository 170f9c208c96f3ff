//! Docs that cannot drift (issue 13): every ```console block of the README and docs/ is run
//! with trycmd, each `$ imrcheck ...` line against the output shown under it (`...` stands for
//! lines left out, `[..]` for part of a line, `? N` for an exit code other than 0), and the
//! README's table of accuracy figures is the one `imrcheck eval` prints now.
//!
//! Each document runs in a directory of its own that holds `fixtures` and `rules` (links to
//! the repository's), so its commands read the samples and may write files (`rules export
//! my-rules`) without touching the checkout. To bring the documents up to date after a change
//! of output, run with `TRYCMD=overwrite` and read every changed line before committing.

use super::{path, root};

/// The documents whose commands are checked.
const DOCS: &[&str] = &["README.md", "docs/cli.md", "docs/rules.md", "docs/verdicts.md", "docs/sources.md"];

/// Where the sandbox copy of a document goes: `docs/rules.md` as `docs-rules.md`.
fn flat(doc: &str) -> String {
    doc.replace('/', "-")
}

#[test]
fn every_command_shown_in_the_docs_gives_the_output_shown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = trycmd::TestCases::new();
    cases.register_bin("imrcheck", std::path::Path::new(env!("CARGO_BIN_EXE_imrcheck")));
    // The rules guide edits rule files the way a reader would, with sed.
    if let Some(sed) = ["/usr/bin/sed", "/bin/sed"].iter().map(std::path::Path::new).find(|p| p.exists()) {
        cases.register_bin("sed", sed);
    }
    // Not a terminal: no colour, and the width of a file (100 columns) whatever the caller's
    // COLUMNS.
    cases.env("COLUMNS", "100");
    let mut copies = Vec::new();
    for doc in DOCS {
        let copy = dir.path().join(flat(doc));
        std::fs::copy(path(doc), &copy).expect("copy the document");
        let sandbox = copy.with_extension("in");
        std::fs::create_dir(&sandbox).expect("sandbox");
        for shared in ["fixtures", "rules"] {
            std::os::unix::fs::symlink(root().join(shared), sandbox.join(shared)).expect("link");
        }
        cases.case(&copy);
        copies.push((doc, copy));
    }
    cases.run();
    // TRYCMD=overwrite rewrote the copies; bring them home.
    if std::env::var_os("TRYCMD").is_some_and(|v| v == "overwrite") {
        for (doc, copy) in copies {
            std::fs::copy(copy, path(doc)).expect("write the document back");
        }
    }
}

/// The figures of one `imrcheck eval` run, by field: "57/57      100.0%" as ("57/57", "100.0%").
fn eval_figures(set: &str) -> std::collections::HashMap<String, (String, String)> {
    let o = super::run(&["eval", &format!("fixtures/{set}")]);
    assert!(o.status.success() || o.status.code() == Some(1), "eval {set}: {}", super::stderr(&o));
    let mut out = std::collections::HashMap::new();
    for line in super::stdout(&o).lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.len() >= 3 && words[words.len() - 1].ends_with('%') && words[words.len() - 2].contains('/') {
            let field = words[..words.len() - 2].join(" ");
            out.insert(field, (words[words.len() - 2].to_owned(), words[words.len() - 1].to_owned()));
        }
    }
    out
}

/// The README's table of the figures now, as `imrcheck eval` prints them.
fn accuracy_table() -> String {
    let mut t = String::from(
        "| set | claims correct | scope precision / recall | category | decision | prior visits | functional improvement | verdict |\n|---|---|---|---|---|---|---|---|\n",
    );
    for set in [
        "realistic",
        "realistic2",
        "realistic3",
        "realistic4",
        "realistic5",
        "realistic6",
        "realistic7",
        "realistic8",
        "realistic9",
        "realistic10",
        "realistic11",
        "realistic12",
        "realistic13",
        "realistic14",
        "realistic15",
        "realistic16",
        "realistic17",
        "realistic18",
        "realistic19",
        "realistic20",
        "realistic21",
        "realistic22",
        "realistic23",
        "realistic24",
        "realistic25",
        "realistic26",
        "realistic27",
        "realistic28",
        "realistic29",
        "realistic30",
        "realistic31",
        "realistic32",
        "realistic33",
        "realistic34",
        "realistic35",
        "realistic36",
        "realistic37",
        "realistic38",
        "realistic39",
        "realistic40",
        "realistic41",
        "realistic42",
        "realistic43",
        "realistic44",
        "realistic45",
        "realistic46",
        "realistic47",
        "realistic48",
        "realistic49",
        "realistic50",
        "realistic51",
        "realistic52",
        "realistic53",
        "realistic54",
        "realistic55",
        "realistic56",
        "realistic57",
        "realistic58",
        "realistic59",
        "realistic60",
        "realistic61",
        "realistic62",
        "realistic63",
        "realistic64",
        "realistic65",
        "realistic66",
        "realistic67",
        "realistic68",
        "realistic69",
        "realistic70",
        "realistic71",
        "realistic72",
        "realistic73",
        "realistic74",
        "realistic75",
        "realistic76",
        "realistic77",
        "realistic78",
        "realistic79",
        "realistic80",
        "realistic81",
        "realistic82",
        "realistic83",
        "realistic84",
        "realistic85",
        "realistic86",
        "realistic87",
        "realistic88",
        "realistic89",
        "realistic90",
        "realistic91",
        "realistic92",
        "realistic93",
        "realistic94",
        "realistic95",
        "realistic96",
        "realistic97",
        "realistic98",
        "realistic99",
        "realistic100",
        "realistic101",
        "realistic102",
        "realistic103",
        "realistic104",
        "realistic105",
        "realistic106",
        "realistic107",
        "realistic108",
        "realistic109",
        "realistic110",
        "realistic111",
        "realistic112",
        "realistic113",
        "realistic114",
        "realistic115",
        "realistic116",
        "realistic117",
        "realistic118",
        "realistic119",
        "realistic120",
        "realistic121",
        "realistic122",
        "realistic123",
        "realistic124",
        "realistic125",
        "realistic126",
        "realistic127",
        "realistic128",
        "realistic129",
        "realistic130",
        "realistic131",
        "realistic132",
        "realistic133",
        "realistic134",
        "realistic135",
        "realistic136",
        "realistic137",
        "realistic138",
        "realistic139",
        "realistic140",
        "realistic141",
        "realistic142",
        "realistic143",
        "realistic144",
        "realistic145",
        "realistic146",
        "realistic147",
        "realistic148",
        "realistic149",
        "realistic150",
        "realistic151",
        "realistic152",
        "realistic153",
        "realistic154",
        "realistic155",
        "realistic156",
        "realistic157",
        "realistic158",
        "realistic159",
        "realistic160",
        "realistic161",
        "realistic162",
        "realistic163",
        "realistic164",
        "realistic165",
        "realistic166",
        "realistic167",
        "realistic168",
        "realistic169",
        "realistic170",
        "realistic171",
        "realistic172",
        "realistic173",
        "realistic174",
        "realistic175",
        "realistic176",
        "realistic177",
        "realistic178",
        "realistic179",
        "realistic180",
        "realistic181",
        "realistic182",
        "realistic183",
        "realistic184",
        "realistic185",
        "realistic186",
        "realistic187",
        "realistic188",
        "realistic189",
        "realistic190",
        "realistic191",
        "realistic192",
        "realistic193",
        "realistic194",
        "realistic195",
        "realistic196",
        "realistic197",
        "realistic198",
        "realistic199",
        "realistic200",
        "realistic201",
        "realistic202",
    ] {
        let f = eval_figures(set);
        let pct = |k: &str| f.get(k).map(|x| x.1.clone()).unwrap_or_else(|| panic!("eval {set} prints no {k}"));
        let claims = f.get("claims correct").map(|(n, p)| format!("{p} ({n})")).expect("claims correct");
        t.push_str(&format!(
            "| `{set}` | {claims} | {} / {} | {} | {} | {} | {} | {} |\n",
            pct("scope precision"),
            pct("scope recall"),
            pct("category"),
            pct("decision"),
            pct("prior_visits"),
            pct("functional_improvement_documented"),
            pct("verdict"),
        ));
    }
    t
}

#[test]
fn the_readme_accuracy_table_is_what_eval_prints() {
    let readme = std::fs::read_to_string(path("README.md")).expect("README");
    let table = accuracy_table();
    assert!(
        readme.contains(&table),
        "README.md's table of the figures now differs from `imrcheck eval`; it should read:\n\n{table}"
    );
}
