use super::{run, stdout, SEEDS};
use serde_json::Value;
use std::collections::BTreeSet;

/// A directory holding two good letters, an empty file, a binary file, a PDF that is only a
/// header, and a dangling link.
fn mixed_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for s in &SEEDS[..2] {
        let name = std::path::Path::new(s).file_name().expect("name");
        std::fs::copy(super::path(s), dir.path().join(name)).expect("copy");
    }
    std::fs::write(dir.path().join("empty.txt"), "").expect("write");
    std::fs::write(dir.path().join("binary.txt"), b"\x7fELF\x00\x01\x02\x03binary").expect("write");
    std::fs::write(dir.path().join("notes.pdf"), b"%PDF-1.4").expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("dangling.txt")).expect("symlink");
    dir
}

fn jsonl(args: &[&str]) -> (Option<i32>, Vec<Value>) {
    let o = run(args);
    let lines = stdout(&o).lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect();
    (o.status.code(), lines)
}

#[test]
fn an_audit_completes_and_lists_every_bad_input_as_an_error() {
    let dir = mixed_dir();
    let d = dir.path().to_str().expect("utf-8");
    let (code, lines) = jsonl(&["audit", d, "--progress", "never"]);
    assert_eq!(code, Some(0), "per-letter errors do not fail an audit");
    let (letters, summary): (Vec<&Value>, Vec<&Value>) = lines.iter().partition(|v| v.get("summary").is_none());
    assert_eq!(letters.len(), 6, "every *.txt and *.pdf input exactly once");
    let errors: BTreeSet<String> = letters
        .iter()
        .filter(|l| !l["errors"].as_array().expect("errors").is_empty())
        .map(|l| l["letter"].as_str().and_then(|p| p.rsplit('/').next()).unwrap_or("").to_owned())
        .collect();
    assert_eq!(
        errors,
        ["binary.txt", "dangling.txt", "empty.txt", "notes.pdf"].iter().map(|s| s.to_string()).collect()
    );
    let dangling =
        letters.iter().find(|l| l["letter"].as_str().is_some_and(|p| p.ends_with("dangling.txt"))).expect("listed");
    assert!(dangling["errors"][0].as_str().is_some_and(|e| e.contains("dangling symbolic link")));
    assert_eq!(summary[0]["summary"]["letters"], 6);
    assert_eq!(summary[0]["summary"]["letters_with_errors"], 4);
    let (code, _) = jsonl(&["audit", d, "--fail-on", "error"]);
    assert_eq!(code, Some(1), "--fail-on error");
}

#[test]
fn csv_and_json_lines_carry_the_same_items() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("items.csv");
    let o = run(&[
        "audit",
        "fixtures/letters",
        "fixtures/bad",
        "--format",
        "csv",
        "--output",
        csv.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let text = std::fs::read_to_string(&csv).expect("written");
    let text = text.trim_start_matches('\u{FEFF}');
    let mut rows = text.lines();
    let header: Vec<&str> = rows.next().expect("header").split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let (letter, item, verdict, agreement) = (col("letter"), col("item"), col("verdict"), col("agreement"));
    // A small CSV reader: fields may be quoted.
    let parse = |line: &str| -> Vec<String> {
        let (mut out, mut cur, mut q) = (Vec::new(), String::new(), false);
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, q) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    cur.push('"');
                    chars.next();
                }
                ('"', _) => q = !q,
                (',', false) => out.push(std::mem::take(&mut cur)),
                _ => cur.push(c),
            }
        }
        out.push(cur);
        out
    };
    let from_csv: BTreeSet<(String, String, String, String)> = rows
        .map(parse)
        .filter(|r| !r[item].is_empty())
        .map(|r| (r[letter].clone(), r[item].clone(), r[verdict].clone(), r[agreement].clone()))
        .collect();
    let (_, lines) = jsonl(&["audit", "fixtures/letters", "fixtures/bad"]);
    let mut from_json = BTreeSet::new();
    for l in lines.iter().filter(|v| v.get("summary").is_none()) {
        for (i, it) in l["items"].as_array().expect("items").iter().enumerate() {
            let s = |v: &Value| v.as_str().unwrap_or("").to_owned();
            from_json.insert((s(&l["letter"]), (i + 1).to_string(), s(&it["verdict"]), s(&it["agreement"])));
        }
    }
    assert!(from_json.len() >= 56);
    assert_eq!(from_csv, from_json);
    assert!(dir.path().join("items.summary.csv").exists(), "the summary goes beside the CSV");
}

#[test]
fn fail_on_disagreement_gates_a_pipeline() {
    assert_eq!(run(&["audit", "fixtures/letters", "--fail-on", "disagreement"]).status.code(), Some(1));
    assert_eq!(run(&["audit", SEEDS[0], "--fail-on", "disagreement"]).status.code(), Some(0));
}

#[test]
fn paths_can_come_on_stdin_and_output_is_written_whole() {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("report.md");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_imrcheck"))
        .args(["audit", "-", "--format", "markdown", "--output", out.to_str().expect("utf-8")])
        .current_dir(super::root())
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    child.stdin.take().expect("stdin").write_all(format!("{}\n{}\n", SEEDS[0], SEEDS[3]).as_bytes()).expect("write");
    assert_eq!(child.wait().expect("wait").code(), Some(0));
    let md = std::fs::read_to_string(&out).expect("report written");
    assert!(md.starts_with("# IMR audit") && md.contains("2 letters read"), "{md}");
    let leftovers: Vec<_> =
        std::fs::read_dir(dir.path()).expect("dir").filter_map(|e| e.ok()).filter(|e| e.path() != out).collect();
    assert!(leftovers.is_empty(), "no temporary file left behind");
}

/// Issue 12: the CSV's last column is the standing of each verdict's figure; a letter that could
/// not be read keeps its reason in the `error` column.
#[test]
fn the_csv_carries_each_items_source_status_last() {
    use imrcheck::report::sinks::{Csv, Sink, CSV_COLUMNS};
    let rules = super::rules();
    let reports = [
        imrcheck::check_path(&super::path(SEEDS[3]), &rules, &Default::default()),
        imrcheck::check_bytes("empty.txt", b"", &rules, &Default::default()),
    ];
    let mut out = Vec::new();
    {
        let mut csv = Csv::new(&mut out, None).expect("header");
        for r in &reports {
            csv.letter(r).expect("row");
        }
    }
    let text = String::from_utf8(out).expect("UTF-8");
    let lines: Vec<&str> = text.trim_start_matches('\u{FEFF}').lines().collect();
    assert_eq!(CSV_COLUMNS.last(), Some(&"source_status"));
    assert!(lines[0].ends_with(",error,source_status"), "{}", lines[0]);
    assert!(lines[1].ends_with(",corroborated"), "letter 003 rests on the corroborated myalgia figure: {}", lines[1]);
    assert!(lines[2].ends_with(",") && lines[2].contains("empty"), "the error sits in `error`: {}", lines[2]);
}
