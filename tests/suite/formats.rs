//! Issue 13: every report says where it came from, carries the case columns (case number, dates,
//! year of decision, reviewer specialty) and the breakdowns; the workbook reads back with the
//! same items; the CSV opens cleanly in a spreadsheet.

use super::{path, root, rules, run, stderr, stdout};
use calamine::{Data, Reader, Xlsx};
use imrcheck::report::sinks::CSV_COLUMNS;
use serde_json::Value;
use std::process::Command;

/// A fixed time of run, so every format says the same.
const EPOCH: &str = "1700000000";
const RUN_AT: &str = "2023-11-14T22:13:20Z";
/// A letter with a case number of 2013, no decision date, dates of injury and UR, read by a
/// physiatrist.
const CASE_2013: &str = "fixtures/letters/109_pt_x12_lumbar_sciatica.txt";

/// Run the binary with `SOURCE_DATE_EPOCH` set.
fn run_at(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_imrcheck"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .current_dir(root())
        .output()
        .expect("the binary runs")
}

/// Split CSV text (after its byte-order mark) into records, with the `csv` crate.
fn records(text: &str) -> Vec<Vec<String>> {
    let mut r =
        csv::ReaderBuilder::new().has_headers(false).from_reader(text.trim_start_matches('\u{FEFF}').as_bytes());
    r.records().map(|rec| rec.expect("a CSV record").iter().map(str::to_owned).collect()).collect()
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

#[test]
fn every_format_says_where_it_came_from() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = |name: &str| dir.path().join(name).display().to_string();
    let digest = rules().digest;
    let common = ["--as-of", "2014-06-01", "--progress", "never"];
    let audit = |format: &str, output: &str| {
        let mut args = vec!["audit", CASE_2013, "--format", format, "--output", output];
        args.extend(common);
        let o = run_at(&args);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
    };

    // JSON Lines: the summary line.
    audit("jsonl", &out("a.jsonl"));
    let text = std::fs::read_to_string(out("a.jsonl")).expect("written");
    let last: Value = serde_json::from_str(text.lines().last().expect("a summary line")).expect("JSON");
    let p = &last["summary"]["provenance"];
    assert_eq!(p["imrcheck"], env!("CARGO_PKG_VERSION"));
    assert_eq!(p["rules"]["origin"], "embedded");
    assert_eq!(p["rules"]["embedded"], true);
    assert_eq!(p["rules"]["digest"], digest.as_str());
    assert_eq!(p["generated_at"], RUN_AT);
    assert_eq!(p["options"]["as_of"], "2014-06-01");
    assert_eq!(p["options"]["extractor"], "pdf-extract");
    assert_eq!(p["options"]["max_letter_size"], 2 * 1024 * 1024);

    // CSV: the summary beside it.
    audit("csv", &out("a.csv"));
    let summary = std::fs::read_to_string(out("a.summary.csv")).expect("summary written");
    let rows = records(&summary);
    let value = |k: &str| rows.iter().find(|r| r[0] == k).map(|r| r[1].clone());
    assert_eq!(rows[0], ["measure", "value"]);
    assert_eq!(value("provenance:imrcheck_version").as_deref(), Some(env!("CARGO_PKG_VERSION")));
    assert_eq!(value("provenance:rules_origin").as_deref(), Some("embedded"));
    assert_eq!(value("provenance:rules_digest"), Some(digest.clone()));
    assert_eq!(value("provenance:generated_at").as_deref(), Some(RUN_AT));
    assert_eq!(value("provenance:as_of").as_deref(), Some("2014-06-01"));
    assert_eq!(value("provenance:extractor").as_deref(), Some("pdf-extract"));

    // Markdown: at the top of the memo.
    audit("markdown", &out("a.md"));
    let md = std::fs::read_to_string(out("a.md")).expect("written");
    let head = &md[..md.find("letters read").expect("the counts")];
    assert!(head.contains(&format!("- **imrcheck**: {}", env!("CARGO_PKG_VERSION"))), "{head}");
    assert!(head.contains("- **rules**: the embedded defaults ("), "{head}");
    assert!(head.contains(&format!("- **rules digest**: `{digest}`")), "{head}");
    assert!(head.contains(&format!("- **run at**: {RUN_AT}")), "{head}");
    assert!(head.contains("- **options**: --as-of 2014-06-01;"), "{head}");

    // HTML: in the header.
    audit("html", &out("a.html"));
    let html = std::fs::read_to_string(out("a.html")).expect("written");
    let header = &html[..html.find("</header>").expect("a header")];
    assert!(header.contains(&format!("data-digest=\"{digest}\"")) && header.contains(RUN_AT));
    assert!(header.contains("data-as-of=\"2014-06-01\""));

    // The workbook: at the top of its summary sheet.
    audit("xlsx", &out("a.xlsx"));
    let mut book: Xlsx<_> = calamine::open_workbook(out("a.xlsx")).expect("a workbook");
    let sheet = book.worksheet_range("Summary").expect("a summary sheet");
    let pairs: Vec<(String, String)> =
        sheet.rows().map(|r| (cell_text(&r[0]), r.get(1).map(cell_text).unwrap_or_default())).collect();
    let get = |k: &str| pairs.iter().find(|(a, _)| a == k).map(|(_, b)| b.clone());
    assert_eq!(get("imrcheck").as_deref(), Some(env!("CARGO_PKG_VERSION")));
    assert_eq!(get("rules digest"), Some(digest.clone()));
    assert_eq!(get("run at").as_deref(), Some(RUN_AT));
    assert!(get("options").is_some_and(|o| o.starts_with("--as-of 2014-06-01")));

    // The terminal summary.
    let rules = rules();
    let options = imrcheck::Options { as_of: imrcheck::domain::Date::parse_iso("2014-06-01"), ..Default::default() };
    let mut s = imrcheck::report::summary::Summary {
        provenance: Some(imrcheck::report::provenance::Provenance::at(&rules, &options, 1_700_000_000)),
        ..Default::default()
    };
    s.add(&imrcheck::check_path(&path(CASE_2013), &rules, &options));
    let text = s.render_text();
    assert!(text.starts_with(&format!("imrcheck: {}\n", env!("CARGO_PKG_VERSION"))), "{text}");
    assert!(text.contains(&format!("rules digest: {digest}\n")) && text.contains(&format!("run at: {RUN_AT}\n")));
    assert!(text.contains("options: --as-of 2014-06-01;"));
}

/// The rule set of a directory is named by it, and its digest follows its files.
#[test]
fn a_rules_directory_is_named_with_the_digest_of_its_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let rules_dir = dir.path().join("rules");
    let o = run(&["rules", "export", rules_dir.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let provenance = |rules: &std::path::Path| -> Value {
        let o = run_at(&["audit", CASE_2013, "--rules", rules.to_str().expect("utf-8")]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let last: Value = serde_json::from_str(stdout(&o).lines().last().expect("summary")).expect("JSON");
        last["summary"]["provenance"]["rules"].clone()
    };
    let before = provenance(&rules_dir);
    assert_eq!(before["origin"], rules_dir.display().to_string());
    assert_eq!(before["embedded"], false);
    let digest = before["digest"].as_str().expect("a digest").to_owned();
    assert!(digest.starts_with("sha256:") && digest != rules().digest, "{digest}");
    assert_eq!(provenance(&rules_dir)["digest"], digest.as_str(), "the same files give the same digest");
    // One byte more in one file: another digest.
    let file = std::fs::read_dir(&rules_dir)
        .expect("listed")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "yaml"))
        .expect("a rule file");
    let text = std::fs::read_to_string(&file).expect("readable");
    std::fs::write(&file, format!("{text}\n# edited\n")).expect("written");
    assert_ne!(provenance(&rules_dir)["digest"], digest.as_str(), "an edited file changes the digest");
}

#[test]
fn json_and_csv_carry_the_case_columns() {
    let o = run(&["audit", CASE_2013, "fixtures/bad/empty.txt", "--progress", "never"]);
    let lines: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    let case = &lines[0]["case"];
    assert_eq!(case["number"], "CM13-0027715");
    assert_eq!(case["decision_year"], 2013);
    assert_eq!(case["decision_year_from"], "case_number");
    assert_eq!(case["decision_date"], Value::Null);
    assert_eq!(case["date_of_injury"], lines[0]["facts"]["date_of_injury"]["value"], "the same date as the facts");
    assert_eq!(case["ur_date"], lines[0]["facts"]["ur_date"]["value"]);
    assert_eq!(case["reviewer_specialty"], "Physical Medicine and Rehabilitation");
    assert!(lines[1].get("case").is_none(), "a letter that could not be read has no case");
    let summary = &lines.last().expect("summary")["summary"];
    let items = lines[0]["items"].as_array().expect("items").len();
    assert_eq!(summary["by_decision_year"]["2013"]["items"], items);
    assert_eq!(summary["by_reviewer_specialty"]["Physical Medicine and Rehabilitation"]["items"], items);

    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("items.csv");
    let o = run(&["audit", CASE_2013, "fixtures/bad/empty.txt", "--format", "csv", "-o", csv.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(0));
    let rows = records(&std::fs::read_to_string(&csv).expect("written"));
    assert_eq!(rows[0], CSV_COLUMNS);
    let col = |name: &str| CSV_COLUMNS.iter().position(|c| *c == name).expect(name);
    assert_eq!(rows.len(), 1 + items + 1, "a row per item and one for the empty letter");
    for row in &rows[1..=items] {
        assert_eq!(row[col("case_number")], "CM13-0027715");
        assert_eq!(row[col("date_of_injury")], case["date_of_injury"].as_str().expect("a date"));
        assert_eq!(row[col("ur_date")], case["ur_date"].as_str().expect("a date"));
        assert_eq!(row[col("decision_date")], "");
        assert_eq!(row[col("decision_year")], "2013");
        assert_eq!(row[col("reviewer_specialty")], "Physical Medicine and Rehabilitation");
        assert_eq!(row[col("category")], "physical_medicine");
    }
    let empty = &rows[items + 1];
    assert!(empty[col("letter")].ends_with("empty.txt") && empty[col("case_number")].is_empty());
    assert!(!empty[col("error")].is_empty());
}

/// A letter whose item line starts like a formula, with commas, quotes and an accent.
fn hostile_letter(dir: &std::path::Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(path("fixtures/letters/003_e43977c140b40687.txt")).expect("fixture");
    let text = text.replace(
        "Pt 2x4 Weeks (8sessions) For Bilateral Neck and Low Back: Upheld",
        "=HYPERLINK(\"http://x\",\"Pt 2x4 Weeks, 8 sessions, for the \"neck\" and back\") café: Upheld",
    );
    assert!(text.contains("=HYPERLINK"), "the item line was replaced");
    let p = dir.join("formula, \"quoted\" café.txt");
    std::fs::write(&p, text).expect("written");
    p
}

#[test]
fn the_csv_is_what_spreadsheets_read_by_default() {
    let dir = tempfile::tempdir().expect("tempdir");
    let letter = hostile_letter(dir.path());
    let csv = dir.path().join("items.csv");
    let args = [
        "audit",
        letter.to_str().expect("utf-8"),
        CASE_2013,
        "fixtures/bad/empty.txt",
        "--format",
        "csv",
        "-o",
        csv.to_str().expect("utf-8"),
    ];
    assert_eq!(run(&args).status.code(), Some(0));
    let bytes = std::fs::read(&csv).expect("written");
    assert!(bytes.starts_with("\u{FEFF}letter,".as_bytes()), "UTF-8 with a byte-order mark, then the header");
    let text = String::from_utf8(bytes).expect("UTF-8");
    // Every record ends with CRLF; no bare LF or CR outside a quoted field.
    let mut quoted = false;
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => assert_eq!(chars.get(i.wrapping_sub(1)), Some(&'\r'), "a bare LF at {i}"),
            '\r' if !quoted => assert_eq!(chars.get(i + 1), Some(&'\n'), "a bare CR at {i}"),
            _ => {}
        }
    }
    assert!(text.ends_with("\r\n"));
    let rows = records(&text);
    assert!(rows.iter().all(|r| r.len() == CSV_COLUMNS.len()), "every row has every column");
    let col = |name: &str| CSV_COLUMNS.iter().position(|c| *c == name).expect(name);
    let evil = rows.iter().find(|r| r[col("letter")].ends_with("café.txt")).expect("the hostile letter's row");
    assert_eq!(evil[col("letter")], letter.display().to_string(), "commas and quotes survive in a name");
    assert!(
        evil[col("request")].starts_with("'=HYPERLINK(\"http://x\""),
        "a formula is defused with a leading ': {}",
        evil[col("request")]
    );
    assert!(evil[col("request")].ends_with("café"), "the accent survives");
    assert!(rows.iter().flat_map(|r| r.iter()).all(|c| !c.starts_with(['=', '+', '@'])), "no cell starts a formula");

    // LibreOffice's Text Import with its default settings (comma, double quote, the system's
    // character set, which the byte-order mark overrides) reads the same table.
    let Some(soffice) = which("soffice") else {
        eprintln!("LibreOffice (soffice) is not installed: its import of the CSV is not tried here");
        return;
    };
    let out = dir.path().join("lo");
    let o = Command::new(soffice)
        .args(["--headless", "--infilter=Text - txt - csv (StarCalc):44,34,SYSTEM", "--convert-to", "xlsx", "--outdir"])
        .arg(&out)
        .arg(&csv)
        .env("HOME", dir.path())
        .output()
        .expect("soffice runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut book: Xlsx<_> = calamine::open_workbook(out.join("items.xlsx")).expect("LibreOffice wrote a workbook");
    let name = book.sheet_names()[0].clone();
    let sheet = book.worksheet_range(&name).expect("a sheet");
    let read: Vec<Vec<String>> = sheet.rows().map(|r| r.iter().map(cell_text).collect()).collect();
    assert_eq!(read.len(), rows.len(), "as many rows as records");
    for (got, want) in read.iter().zip(&rows) {
        assert_eq!(got.len(), want.len(), "as many columns");
        for (c, (g, w)) in got.iter().zip(want).enumerate() {
            // LibreOffice reads numbers and dates as such; every text cell reads as written.
            if w.parse::<f64>().is_err() && imrcheck::domain::Date::parse_iso(w).is_none() {
                assert_eq!(g, w, "column {}", CSV_COLUMNS[c]);
            }
        }
    }
    assert_eq!(read[0][0], "letter", "the byte-order mark is not read as text");
}

fn which(name: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH")?.to_str()?.split(':').map(|d| std::path::Path::new(d).join(name)).find(|p| p.is_file())
}

#[test]
fn the_workbook_reads_back_with_the_items_and_the_summary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let letter = hostile_letter(dir.path());
    let xlsx = dir.path().join("audit.xlsx");
    let o = run_at(&[
        "audit",
        CASE_2013,
        letter.to_str().expect("utf-8"),
        "fixtures/bad/empty.txt",
        "--format",
        "xlsx",
        "--output",
        xlsx.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The same audit as JSON Lines, to check the workbook against.
    let o = run_at(&["audit", CASE_2013, letter.to_str().expect("utf-8"), "fixtures/bad/empty.txt"]);
    let lines: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    let summary = &lines.last().expect("summary")["summary"];

    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx).expect("a workbook");
    assert_eq!(book.sheet_names(), ["Summary", "Items"]);
    let items = book.worksheet_range("Items").expect("an items sheet");
    let rows: Vec<&[Data]> = items.rows().collect();
    let header: Vec<String> = rows[0].iter().map(cell_text).collect();
    assert_eq!(header, CSV_COLUMNS);
    let col = |name: &str| CSV_COLUMNS.iter().position(|c| *c == name).expect(name);
    let n_items = summary["items"].as_u64().expect("items") as usize;
    assert_eq!(rows.len(), 1 + n_items + 1, "a row per item and one for the letter that could not be read");
    let first = rows[1];
    let case = &lines[0]["case"];
    assert_eq!(first[col("case_number")], Data::String("CM13-0027715".into()));
    assert_eq!(first[col("decision_year")], Data::Float(2013.0), "a number, not text");
    assert_eq!(first[col("item")], Data::Float(1.0));
    assert_eq!(first[col("line")], Data::Float(lines[0]["items"][0]["line"].as_f64().expect("a line")));
    let injury = case["date_of_injury"].as_str().expect("a date");
    match &first[col("date_of_injury")] {
        Data::DateTime(d) => {
            let day = imrcheck::domain::Date::parse_iso(injury).expect("ISO date");
            let want = time::Date::from_calendar_date(
                i32::from(day.year),
                time::Month::try_from(day.month).expect("a month"),
                day.day,
            )
            .expect("a date")
                - time::Date::from_calendar_date(1899, time::Month::December, 30).expect("Excel's epoch");
            assert_eq!(d.as_f64(), want.whole_days() as f64, "the date of injury {injury} as an Excel date");
        }
        other => panic!("the date of injury is a date cell, not {other:?}"),
    }
    assert_eq!(first[col("request")], Data::String(lines[0]["items"][0]["request"].as_str().expect("text").into()));
    assert_eq!(first[col("verdict")], Data::String(lines[0]["items"][0]["verdict"].as_str().expect("text").into()));
    // The formula-like request is a string cell as written: a workbook cell is never a formula.
    let evil = rows.iter().find(|r| cell_text(&r[col("letter")]).ends_with("café.txt")).expect("the hostile row");
    assert!(matches!(&evil[col("request")], Data::String(s) if s.starts_with("=HYPERLINK(\"http://x\"")));
    let empty = rows.last().expect("a last row");
    assert!(cell_text(&empty[col("letter")]).ends_with("empty.txt"));
    assert!(!cell_text(&empty[col("error")]).is_empty());

    let sheet = book.worksheet_range("Summary").expect("a summary sheet");
    let pairs: Vec<(String, String)> =
        sheet.rows().map(|r| (cell_text(&r[0]), r.get(1).map(cell_text).unwrap_or_default())).collect();
    let get = |k: &str| pairs.iter().find(|(a, _)| a == k).map(|(_, b)| b.clone());
    assert_eq!(get("letters read"), Some(summary["letters"].to_string()));
    assert_eq!(get("items"), Some(n_items.to_string()));
    assert_eq!(get("disagree"), Some(summary["agreement"]["disagrees"].to_string()));
    for title in ["by category", "by year of decision", "by reviewer specialty"] {
        assert!(pairs.iter().any(|(a, b)| a == title && b == "items"), "the {title} table");
    }
    let at = pairs.iter().position(|(a, _)| a == "by year of decision").expect("the years");
    assert_eq!(pairs[at + 1], ("2013".to_owned(), summary["by_decision_year"]["2013"]["items"].to_string()));
}

#[test]
fn a_workbook_needs_an_output_file() {
    let o = run(&["audit", CASE_2013, "--format", "xlsx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--output"), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "no workbook bytes on a terminal");
}

#[test]
fn human_formats_separate_thousands_and_machine_formats_do_not() {
    use imrcheck::report::summary::{CategoryCounts, Summary};
    let mut s = Summary { letters: 12_345, items: 23_456, audited: 3_456, ..Default::default() };
    s.by_decision_year.insert("2014".into(), CategoryCounts { items: 23_456, upheld: 12_000, ..Default::default() });
    let text = s.render_text();
    assert!(text.contains("letters read: 12,345 (0 with errors), items: 23,456"), "{text}");
    assert!(text.contains("audited by a rule: 3,456 of 23,456 items"));
    let mut md = Vec::new();
    {
        use imrcheck::report::sinks::Sink;
        let mut sink = imrcheck::report::markdown::Markdown::new(&mut md);
        sink.finish(&s).expect("written");
    }
    let md = String::from_utf8(md).expect("UTF-8");
    assert!(md.contains("12,345 letters read") && md.contains("| 2014 | 23,456 | 12,000 |"), "{md}");
    let rows = imrcheck::report::sinks::summary_rows(&s);
    assert!(rows.contains(&("letters".to_owned(), "12345".to_owned())), "CSV numbers carry no separator");
    assert!(rows.contains(&("decision_year:2014:items".to_owned(), "23456".to_owned())));
    let json = serde_json::to_value(&s).expect("JSON");
    assert_eq!(json["letters"], 12_345);
}
