//! PDF letters: the sample PDFs read to their text twins' items and verdicts with either
//! extractor; every kind of PDF (scan, OCR'd scan, passwords, damage made here) gets a clear
//! outcome; a panic, a hang or a memory blow-up in the extractor is that letter's error; an audit
//! over a mixed folder lists every input once; `imrcheck text` prints what spans point into.

use super::{path, root, rules, stderr, stdout};
use imrcheck::pdf::{Extractor, Isolation, Limits, PdfOptions};
use imrcheck::report::LetterReport;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The sample PDFs, each named after its text twin in `fixtures/letters`.
fn text_pdfs() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(path("fixtures/pdf/text"))
        .expect("fixtures/pdf/text")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    v.sort();
    assert_eq!(v.len(), 5, "the five seed letters as PDFs");
    v
}

/// pdftotext where it is installed. Under CI it must be (.ci/run installs poppler-utils): a
/// missing one fails the test instead of skipping its half.
fn pdftotext() -> Option<PathBuf> {
    let found = imrcheck::pdf::find_pdftotext();
    if found.is_none() && std::env::var_os("CI").is_some_and(|v| v == "true") {
        panic!("pdftotext is not installed, and CI=true: .ci/run installs poppler-utils");
    }
    found
}

fn options(extractor: Extractor) -> imrcheck::Options {
    imrcheck::Options {
        pdf: PdfOptions {
            extractor,
            isolation: Isolation::Child(Some(PathBuf::from(env!("CARGO_BIN_EXE_imrcheck")))),
            limits: Limits::default(),
        },
        ..Default::default()
    }
}

fn extractors() -> Vec<Extractor> {
    let mut v = vec![Extractor::Builtin];
    v.extend(pdftotext().map(Extractor::Pdftotext));
    v
}

fn check(p: &Path, extractor: Extractor) -> LetterReport {
    imrcheck::check_path(p, &rules(), &options(extractor))
}

/// What must agree between a PDF letter and its text twin.
fn item_view(r: &LetterReport) -> Vec<Value> {
    r.items
        .iter()
        .map(|i| {
            let v = serde_json::to_value(i).expect("item serialises");
            let keep = [
                "request",
                "category",
                "modality",
                "family",
                "body_regions",
                "visits_requested",
                "prior_visits",
                "prior_treatment",
                "functional_improvement_documented",
                "criteria_documented",
                "postsurgical",
                "decision",
                "rule",
                "rule_version",
                "verdict",
                "agreement",
                "disagreement",
                "conditions",
            ];
            Value::Object(keep.iter().map(|k| ((*k).to_owned(), v[*k].clone())).collect())
        })
        .collect()
}

#[test]
fn pdf_letters_give_the_items_and_verdicts_of_their_text_twins_with_either_extractor() {
    for extractor in extractors() {
        let mut score = imrcheck::eval::Score::default();
        for pdf in text_pdfs() {
            let stem = pdf.file_stem().and_then(|s| s.to_str()).expect("name");
            let twin = path(&format!("fixtures/letters/{stem}.txt"));
            let labels: imrcheck::eval::Labels = serde_yaml::from_str(
                &std::fs::read_to_string(path(&format!("fixtures/letters/{stem}.yaml"))).expect("labels"),
            )
            .expect("labels parse");
            let from_pdf = check(&pdf, extractor.clone());
            let from_text = check(&twin, Extractor::Builtin);
            assert!(from_pdf.errors.is_empty(), "{stem} ({}): {:?}", extractor.name(), from_pdf.errors);
            assert!(from_pdf.warnings.is_empty(), "{stem} ({}): {:?}", extractor.name(), from_pdf.warnings);
            assert_eq!(item_view(&from_pdf), item_view(&from_text), "{stem} with {}", extractor.name());
            assert_eq!(from_pdf.source, imrcheck::source::Source::Pdf);
            assert_eq!(from_pdf.extractor.as_deref(), Some(extractor.name()));
            assert_eq!(from_pdf.pages, Some(2));
            for item in &from_pdf.items {
                assert!(item.page.is_some() && item.page_line.is_some(), "{stem}: every item has its page");
            }
            score.add(&from_pdf, &labels);
        }
        assert_eq!(score.worst(), 1.0, "{} against the twins' labels:\n{}", extractor.name(), score.render());
    }
}

/// A damaged copy of a sample PDF, made here.
fn damaged(dir: &Path) -> Vec<(PathBuf, &'static str)> {
    let good = std::fs::read(path("fixtures/pdf/text/000_2a8084fc4425109e.pdf")).expect("sample");
    let mut made = Vec::new();
    let mut write = |name: &str, bytes: &[u8], expect: &'static str| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).expect("write");
        made.push((p, expect));
    };
    write("truncated_60pct.pdf", &good[..good.len() * 6 / 10], "damaged");
    write("truncated_2KiB.pdf", &good[..2048], "damaged");
    // 40 bytes scrambled inside the first two compressed streams (page 1's text).
    let mut garbled = good.clone();
    for at in (1772..1812).chain(4380..4420) {
        garbled[at] ^= 0x5a;
    }
    write("garbled_streams.pdf", &garbled, "damaged");
    write("empty.pdf", b"", "empty");
    write("not_a_pdf.pdf", b"This is not a PDF, just a text file named .pdf\n", "not a pdf");
    made
}

fn outcome(r: &LetterReport) -> String {
    format!("{:?} {:?} {:?}", r.error_kind, r.errors, r.warnings)
}

#[test]
fn every_kind_of_pdf_gets_a_clear_outcome() {
    let dir = tempfile::tempdir().expect("tempdir");
    for extractor in extractors() {
        let name = extractor.name();
        // Scans: named, with their page count, and counted as scans.
        for scan in ["000_scan.pdf", "003_scan.pdf"] {
            let r = check(&path(&format!("fixtures/pdf/scan/{scan}")), extractor.clone());
            assert_eq!(r.error_kind.as_deref(), Some("scanned"), "{scan} {name}: {}", outcome(&r));
            assert_eq!(
                r.errors,
                vec!["no text layer (2 pages): the letter looks scanned; run OCR first, e.g. ocrmypdf"]
            );
        }
        // An OCR'd scan reads like any other letter.
        let ocr = check(&path("fixtures/pdf/scan/003_scan_ocr.pdf"), extractor.clone());
        let twin = check(&path("fixtures/letters/003_e43977c140b40687.txt"), Extractor::Builtin);
        assert_eq!(item_view(&ocr), item_view(&twin), "OCR'd scan with {name}: {}", outcome(&ocr));
        // Encrypted: read when it opens without a password, named when it needs one.
        for entry in std::fs::read_dir(path("fixtures/pdf/encrypted")).expect("dir") {
            let p = entry.expect("entry").path();
            let r = check(&p, extractor.clone());
            let file = p.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
            if file.contains("userpw_secret") {
                assert_eq!(r.error_kind.as_deref(), Some("encrypted"), "{file} {name}");
                assert!(r.errors[0].contains("password-protected"), "{:?}", r.errors);
            } else {
                assert_eq!(item_view(&r), item_view(&twin), "{file} with {name}: {}", outcome(&r));
            }
        }
        // Damaged, empty and not-a-PDF files.
        for (p, expect) in damaged(dir.path()) {
            let r = check(&p, extractor.clone());
            let file = p.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
            assert!(r.items.is_empty() && r.errors.len() == 1, "{file} {name}: {}", outcome(&r));
            match expect {
                "damaged" => {
                    assert_eq!(r.error_kind.as_deref(), Some("damaged"), "{file} {name}: {}", outcome(&r));
                    assert!(r.errors[0].contains("damaged"), "{file}: {:?}", r.errors);
                }
                "empty" => assert_eq!(r.errors, vec!["the file is empty"]),
                _ => assert!(r.errors[0].starts_with("not a PDF (no %PDF- header)"), "{:?}", r.errors),
            }
        }
    }
    // The truncated file says what is wrong with it.
    let r = check(&dir.path().join("truncated_60pct.pdf"), Extractor::Builtin);
    assert!(r.errors[0].contains("truncated"), "{:?}", r.errors);
}

/// `imrcheck` with the test hooks on (a hostile file's behaviour on demand).
fn run_hooked(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_imrcheck"))
        .args(args)
        .current_dir(root())
        .env(imrcheck::pdf::TEST_HOOKS_ENV, "1")
        .output()
        .expect("the binary runs")
}

/// A PDF whose page content inflates to `mib` MiB of spaces from a few hundred KiB: a
/// decompression bomb. Built from one 1-MiB deflate block repeated (a full flush makes each
/// block independent), with the zlib checksum worked out for the whole.
fn bomb(mib: usize) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress};
    let mut c = Compress::new(Compression::best(), false);
    let mut block = Vec::with_capacity(1 << 20);
    c.compress_vec(&vec![b' '; 1 << 20], &mut block, FlushCompress::Full).expect("deflate");
    let mut stream = vec![0x78, 0xda];
    for _ in 0..mib {
        stream.extend_from_slice(&block);
    }
    stream.extend_from_slice(&[0x03, 0x00]); // the final, empty block
                                             // Adler-32 of n spaces (32): a = 1 + 32n, b = n + 32 n(n+1)/2, both mod 65521.
    let n = (mib as u128) << 20;
    let a = (1 + 32 * n) % 65521;
    let b = (n + 32 * (n * (n + 1) / 2)) % 65521;
    stream.extend_from_slice(&(((b << 16) | a) as u32).to_be_bytes());
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    let mut obj = |pdf: &mut Vec<u8>, body: &[u8]| {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", offsets.len()).as_bytes());
        pdf.extend_from_slice(body);
        pdf.extend_from_slice(b"\nendobj\n");
    };
    obj(&mut pdf, b"<< /Type /Catalog /Pages 2 0 R >>");
    obj(&mut pdf, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    obj(&mut pdf, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>");
    let mut content = format!("<< /Length {} /Filter /FlateDecode >>\nstream\n", stream.len()).into_bytes();
    content.extend_from_slice(&stream);
    content.extend_from_slice(b"\nendstream");
    obj(&mut pdf, &content);
    let xref = pdf.len();
    pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes());
    for o in &offsets {
        pdf.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", offsets.len() + 1).as_bytes(),
    );
    pdf
}

#[test]
fn the_bomb_is_a_valid_zlib_stream() {
    // 2 MiB, inflated here in full: the checksum and the block structure are right.
    let pdf = bomb(2);
    let start = pdf.windows(7).position(|w| w == b"stream\n").expect("stream") + 7;
    let end = pdf.windows(10).rposition(|w| w == b"\nendstream").expect("end");
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::ZlibDecoder::new(&pdf[start..end]), &mut out).expect("inflates");
    assert_eq!(out.len(), 2 << 20);
}

#[test]
fn a_panic_a_hang_or_a_memory_blowup_in_the_extractor_is_that_letters_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let sample = std::fs::read(path("fixtures/pdf/text/003_e43977c140b40687.pdf")).expect("sample");
    let hooked = |hook: &str| {
        let mut b = sample.clone();
        b.extend_from_slice(format!("\n%imrcheck-test:{hook}\n").as_bytes());
        b
    };
    std::fs::write(d.join("a_panics.pdf"), hooked("panic")).expect("write");
    std::fs::write(d.join("b_hangs.pdf"), hooked("hang")).expect("write");
    std::fs::write(d.join("c_bloats.pdf"), hooked("bloat")).expect("write");
    std::fs::write(d.join("d_bomb.pdf"), bomb(600)).expect("write");
    std::fs::copy(path("fixtures/pdf/text/000_2a8084fc4425109e.pdf"), d.join("e_good.pdf")).expect("copy");
    std::fs::copy(path("fixtures/letters/001_21c8226c7447611c.txt"), d.join("f_good.txt")).expect("copy");
    let started = std::time::Instant::now();
    let o = run_hooked(&[
        "audit",
        d.to_str().expect("utf-8"),
        "--progress",
        "never",
        "--pdf-timeout",
        "10",
        "--pdf-memory",
        "256",
    ]);
    assert!(started.elapsed().as_secs() < 60, "the hang was stopped");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect();
    let letters: Vec<&Value> = lines.iter().filter(|v| v.get("summary").is_none()).collect();
    assert_eq!(letters.len(), 6, "every input once");
    let kind = |name: &str| -> (String, String) {
        let l = letters
            .iter()
            .find(|l| l["letter"].as_str().is_some_and(|p| p.ends_with(name)))
            .unwrap_or_else(|| panic!("{name} listed"));
        (l["error_kind"].as_str().unwrap_or("").to_owned(), l["errors"][0].as_str().unwrap_or("").to_owned())
    };
    let (k, e) = kind("a_panics.pdf");
    assert_eq!(k, "crashed", "{e}");
    assert!(e.contains("test hook: the extractor panics"), "{e}");
    let (k, e) = kind("b_hangs.pdf");
    assert_eq!(k, "timeout", "{e}");
    assert!(e.contains("longer than 10 s"), "{e}");
    let (k, e) = kind("c_bloats.pdf");
    assert_eq!(k, "memory", "{e}");
    assert!(e.contains("more than 256 MiB"), "{e}");
    let (k, e) = kind("d_bomb.pdf");
    assert_eq!(k, "memory", "a real decompression bomb: {e}");
    for good in ["e_good.pdf", "f_good.txt"] {
        let l = letters.iter().find(|l| l["letter"].as_str().is_some_and(|p| p.ends_with(good))).expect("listed");
        assert_eq!(l["errors"], Value::Array(vec![]), "{good}");
        assert!(!l["items"].as_array().expect("items").is_empty(), "{good}");
    }
}

#[test]
fn an_audit_over_a_mixed_folder_lists_every_input_once_and_counts_scans_apart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    for pdf in text_pdfs() {
        std::fs::copy(&pdf, d.join(pdf.file_name().expect("name"))).expect("copy");
    }
    for f in ["scan/000_scan.pdf", "scan/003_scan_ocr.pdf", "encrypted/003_aes256_userpw_secret.pdf"] {
        std::fs::copy(path(&format!("fixtures/pdf/{f}")), d.join(Path::new(f).file_name().expect("name")))
            .expect("copy");
    }
    let damaged_dir = tempfile::tempdir().expect("tempdir");
    for (p, _) in damaged(damaged_dir.path()) {
        std::fs::copy(&p, d.join(p.file_name().expect("name"))).expect("copy");
    }
    for t in super::SEEDS {
        std::fs::copy(path(t), d.join(Path::new(t).file_name().expect("name"))).expect("copy");
    }
    std::fs::write(d.join("notes.md"), "not a letter").expect("write");
    let o = super::run(&["audit", d.to_str().expect("utf-8"), "--progress", "never"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect();
    let (letters, summary): (Vec<&Value>, Vec<&Value>) = lines.iter().partition(|v| v.get("summary").is_none());
    let names: Vec<String> = letters
        .iter()
        .map(|l| l["letter"].as_str().and_then(|p| p.rsplit('/').next()).unwrap_or("").to_owned())
        .collect();
    let mut unique = names.clone();
    unique.dedup();
    assert_eq!(names, unique, "no input twice");
    assert_eq!(names.len(), 5 + 3 + 5 + 5, "every *.pdf and *.txt once, nothing else: {names:?}");
    let by = |name: &str| letters.iter().find(|l| l["letter"].as_str().is_some_and(|p| p.ends_with(name))).expect(name);
    for pdf in text_pdfs() {
        let stem = pdf.file_stem().and_then(|s| s.to_str()).expect("stem");
        let (p, t) = (by(&format!("{stem}.pdf")), by(&format!("{stem}.txt")));
        assert_eq!(p["source"], "pdf");
        assert_eq!(p["extractor"], "pdf-extract");
        assert_eq!(t["source"], "text");
        let verdicts = |l: &Value| -> Vec<(Value, Value)> {
            l["items"]
                .as_array()
                .expect("items")
                .iter()
                .map(|i| (i["verdict"].clone(), i["agreement"].clone()))
                .collect()
        };
        assert_eq!(verdicts(p), verdicts(t), "{stem}");
        assert!(p["items"][0]["page"].is_number(), "{stem}: items carry their page");
    }
    assert_eq!(by("000_scan.pdf")["error_kind"], "scanned");
    assert_eq!(by("003_aes256_userpw_secret.pdf")["error_kind"], "encrypted");
    assert_eq!(by("truncated_60pct.pdf")["error_kind"], "damaged");
    assert!(by("003_scan_ocr.pdf")["errors"].as_array().expect("errors").is_empty());
    let s = &summary[0]["summary"];
    assert_eq!(s["letters"], 18);
    assert_eq!(s["scanned"], 1);
    assert_eq!(s["letters_with_errors"], 1 + 1 + 5, "the scan, the password and the five bad files");
}

#[test]
fn text_prints_what_spans_point_into_and_check_shows_page_and_line() {
    let pdf = "fixtures/pdf/text/003_e43977c140b40687.pdf";
    let t = super::run(&["text", pdf]);
    assert_eq!(t.status.code(), Some(0), "{}", stderr(&t));
    let text = stdout(&t);
    assert!(text.contains("\u{c}\n"), "pages are separated by a form feed");
    let j = super::run(&["check", "--format", "json", pdf]);
    let report: Value = serde_json::from_str(&stdout(&j)).expect("JSON");
    assert_eq!(report["source"], "pdf");
    assert_eq!(report["pages"], 2);
    let mut facts = 0;
    for item in report["items"].as_array().expect("items") {
        for (name, fact) in item["evidence"].as_object().expect("evidence") {
            let (s, e) = (fact["span"]["start"].as_u64().expect("start"), fact["span"]["end"].as_u64().expect("end"));
            let quoted = imrcheck::report::fold(&text[s as usize..e as usize]);
            assert_eq!(quoted, fact["quote"].as_str().expect("quote"), "{name}");
            let line = fact["line"].as_u64().expect("line") as usize;
            assert!(text.lines().nth(line - 1).is_some_and(|l| l.contains(quoted.split(' ').next().unwrap_or(""))));
            facts += 1;
        }
        // "prior visits: 11" is on page 2: "The 07/17/14 physical therapy report ... completed 11 visits."
        assert_eq!(item["evidence"]["prior_visits"]["page"], 2);
    }
    assert!(facts >= 4);
    let h = super::run(&["check", "--color", "never", pdf]);
    let human = stdout(&h);
    assert!(human.contains("PDF: 2 pages, text by pdf-extract"), "{human}");
    assert!(human.contains("[page 2, line 4]"), "prior visits on page 2: {human}");
    // The snippet's line numbers are those of `imrcheck text`: the item is on its line 32.
    assert!(human.contains(&format!("[{pdf}:32:")), "{human}");
    assert!(text.lines().nth(31).is_some_and(|l| l.starts_with("Pt 2x4 Weeks")));
}

#[test]
fn pdftotext_is_offered_and_a_missing_one_is_a_usage_error() {
    let o =
        super::run(&["check", "--pdftotext", "/nonexistent/pdftotext", "fixtures/pdf/text/003_e43977c140b40687.pdf"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no such file"), "{}", stderr(&o));
    if let Some(p) = pdftotext() {
        let o = super::run(&[
            "check",
            "--format",
            "json",
            "--pdftotext",
            p.to_str().expect("utf-8"),
            "fixtures/pdf/text/003_e43977c140b40687.pdf",
        ]);
        let r: Value = serde_json::from_str(&stdout(&o)).expect("JSON");
        assert_eq!(r["extractor"], "pdftotext");
        assert_eq!(r["items"][0]["verdict"], "exceeds_limit");
    }
}

#[test]
fn randomly_damaged_copies_are_read_the_same_read_with_a_warning_or_named_damaged() {
    // A small linear congruential generator: the same 40 damaged copies on every run.
    let mut seed: u64 = 0x5eed;
    let mut next = |bound: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % bound.max(1)
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let pdfs = text_pdfs();
    let mut made = Vec::new();
    for i in 0..40 {
        let src = &pdfs[i % pdfs.len()];
        let mut b = std::fs::read(src).expect("sample");
        match i % 3 {
            0 => b.truncate(b.len() / 10 + next(b.len() * 9 / 10)),
            1 => {
                for _ in 0..=next(3) {
                    let at = next(b.len() - 40);
                    for x in &mut b[at..at + 40] {
                        *x = next(256) as u8;
                    }
                }
            }
            _ => {
                let at = next(b.len() - 500);
                b[at..at + 500].fill(0);
            }
        }
        let p = dir.path().join(format!("{i:02}_{}", src.file_name().and_then(|n| n.to_str()).expect("name")));
        std::fs::write(&p, b).expect("write");
        made.push((p, src.file_stem().and_then(|s| s.to_str()).expect("stem").to_owned()));
    }
    for (p, stem) in made {
        let r = check(&p, Extractor::Builtin);
        let twin = check(&path(&format!("fixtures/letters/{stem}.txt")), Extractor::Builtin);
        let file = p.display().to_string();
        if r.errors.is_empty() {
            assert!(
                item_view(&r) == item_view(&twin) || !r.warnings.is_empty(),
                "{file}: read differently from its twin without a warning: {}",
                outcome(&r)
            );
        } else {
            assert_eq!(r.error_kind.as_deref(), Some("damaged"), "{file}: {}", outcome(&r));
        }
    }
}
