//! Issue 11, part 2: every input accounted for, whatever it is. Each case hung, grew memory
//! without bound, was dropped or counted twice, or was misread before the fix.

use super::{path, SEEDS};
use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Run the binary with a time limit (killed and failed past it), feeding `stdin`.
fn run_within(args: &[&std::ffi::OsStr], stdin: &[u8], limit: Duration) -> (Option<i32>, Vec<Value>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_imrcheck"))
        .args(args)
        .current_dir(super::root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut input = child.stdin.take().expect("stdin");
    input.write_all(stdin).expect("write stdin");
    drop(input);
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("imrcheck {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    let lines = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("JSON line ({e}): {l}")))
        .collect();
    (out.status.code(), lines, String::from_utf8_lossy(&out.stderr).into_owned())
}

fn audit(args: &[&str]) -> (Option<i32>, Vec<Value>) {
    let mut all: Vec<&std::ffi::OsStr> = vec!["audit".as_ref(), "--progress".as_ref(), "never".as_ref()];
    all.extend(args.iter().map(std::ffi::OsStr::new));
    let (code, lines, _) = run_within(&all, b"", Duration::from_secs(60));
    (code, lines)
}

fn letters(lines: &[Value]) -> Vec<&Value> {
    lines.iter().filter(|v| v.get("summary").is_none()).collect()
}

fn error_of<'a>(lines: &'a [Value], name: &str) -> &'a str {
    let l = letters(lines)
        .into_iter()
        .find(|l| l["letter"].as_str().is_some_and(|p| p.ends_with(name)))
        .unwrap_or_else(|| panic!("{name} is listed"));
    l["errors"][0].as_str().unwrap_or_else(|| panic!("{name} has an error: {l}"))
}

fn copy_seed(dir: &Path, i: usize, name: &str) {
    std::fs::copy(path(SEEDS[i]), dir.join(name)).expect("copy");
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[cfg(unix)]
#[test]
fn a_fifo_named_txt_is_an_error_and_the_audit_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_seed(dir.path(), 0, "a.txt");
    let fifo = dir.path().join("pipe.txt");
    assert!(Command::new("mkfifo").arg(&fifo).status().expect("mkfifo").success());
    let (code, lines) = audit(&[s(dir.path()), s(&fifo)]);
    assert_eq!(code, Some(0));
    assert_eq!(letters(&lines).len(), 3, "a.txt, and the FIFO walked and named");
    assert!(error_of(&lines, "pipe.txt").contains("FIFO"));
}

#[cfg(target_os = "linux")]
#[test]
fn dev_zero_is_refused_without_reading_it_all() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.txt")).expect("link");
    let (code, lines) = audit(&["/dev/zero", s(dir.path())]);
    assert_eq!(code, Some(0));
    assert_eq!(letters(&lines).len(), 2);
    assert!(error_of(&lines, "/dev/zero").contains("a device"));
    assert!(error_of(&lines, "zero.txt").contains("a device"));
    // Named to `check`, a device is read, but only up to the limit.
    let (code, lines, _) = run_within(
        &["check".as_ref(), "--format".as_ref(), "json".as_ref(), "/dev/zero".as_ref()],
        b"",
        Duration::from_secs(60),
    );
    assert_eq!(code, Some(2));
    assert!(error_of(&lines, "/dev/zero").contains("over the limit"));
}

#[test]
fn a_huge_sparse_file_is_refused_by_its_size_without_being_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = std::fs::File::create(dir.path().join("big.txt")).expect("create");
    f.set_len(1 << 30).expect("sparse 1 GB");
    let start = Instant::now();
    let (_, lines) = audit(&[s(dir.path())]);
    assert!(error_of(&lines, "big.txt").contains("over the limit of 2097152 bytes"), "{lines:?}");
    assert!(start.elapsed() < Duration::from_secs(20));
}

#[test]
fn the_letter_size_limit_is_per_letter_and_configurable() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_seed(dir.path(), 0, "small.txt");
    // A real letter padded past 2 MB with prose: a letter, but too large.
    let mut big = std::fs::read(path(SEEDS[1])).expect("seed");
    big.extend("The patient reports pain. ".repeat(90_000).as_bytes());
    std::fs::write(dir.path().join("padded.txt"), &big).expect("write");
    let (code, lines) = audit(&[s(dir.path())]);
    assert_eq!(code, Some(0));
    assert!(error_of(&lines, "padded.txt").contains("--max-letter-size"));
    let small = letters(&lines).into_iter().find(|l| l["letter"].as_str().is_some_and(|p| p.ends_with("small.txt")));
    assert!(small.is_some_and(|l| l["errors"].as_array().is_some_and(|e| e.is_empty())));
    let (_, lines) = audit(&["--max-letter-size", "3M", s(dir.path())]);
    assert!(letters(&lines).iter().all(|l| l["errors"].as_array().is_some_and(|e| e.is_empty())));
    let (_, lines) = audit(&["--max-letter-size", "1K", s(dir.path())]);
    assert!(error_of(&lines, "small.txt").contains("over the limit of 1024 bytes"));
    assert_eq!(super::run(&["audit", SEEDS[0], "--max-letter-size", "lots"]).status.code(), Some(2));
}

#[cfg(unix)]
#[test]
fn a_directory_link_that_loops_is_listed_not_dropped() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_seed(dir.path(), 0, "a.txt");
    std::os::unix::fs::symlink(dir.path(), dir.path().join("self")).expect("link");
    std::os::unix::fs::symlink(dir.path().join("loop.txt"), dir.path().join("loop.txt")).expect("link");
    let (_, lines) = audit(&[s(dir.path())]);
    assert_eq!(letters(&lines).len(), 3, "{lines:?}");
    assert!(error_of(&lines, "/self").contains("loop"));
    assert!(error_of(&lines, "loop.txt").contains("loop"));
}

#[cfg(unix)]
#[test]
fn the_same_file_named_twice_is_audited_once_and_listed_twice() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_seed(dir.path(), 3, "a.txt");
    std::os::unix::fs::symlink(dir.path().join("a.txt"), dir.path().join("b.txt")).expect("link");
    let a = dir.path().join("a.txt");
    let (_, lines) = audit(&[s(&a), s(&a), s(dir.path())]);
    let listed = letters(&lines);
    assert_eq!(listed.len(), 4, "a.txt twice, then a.txt and b.txt in the directory");
    let audited: Vec<&&Value> =
        listed.iter().filter(|l| !l["items"].as_array().is_some_and(|i| i.is_empty())).collect();
    assert_eq!(audited.len(), 1, "one letter audited");
    assert!(error_of(&lines[1..], "a.txt").contains("the same file as"));
    assert!(error_of(&lines, "b.txt").contains("the same file as"));
    let summary = &lines.last().expect("summary")["summary"];
    assert_eq!(summary["items"], audited[0]["items"].as_array().map(|i| i.len()).unwrap_or(0));
}

/// Issue 14: the audit walks a tree as it goes, keeping a file's name only where a second name
/// may need it (a hard link's, one reached through a link); a second name still says which file
/// it is the same as, whether the first name was kept (the hard link) or not (the file a link
/// in the same walk points to).
#[cfg(unix)]
#[test]
fn a_second_name_met_in_one_walk_names_the_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_seed(dir.path(), 3, "a.txt");
    std::os::unix::fs::symlink(dir.path().join("a.txt"), dir.path().join("b.txt")).expect("link");
    std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
    copy_seed(&dir.path().join("sub"), 4, "c.txt");
    std::fs::hard_link(dir.path().join("sub/c.txt"), dir.path().join("sub/d.txt")).expect("hard link");
    let (_, lines) = audit(&[s(dir.path())]);
    assert_eq!(letters(&lines).len(), 4, "{lines:?}");
    let same = |first: &str| format!("the same file as {first}, which is audited; not audited twice");
    assert_eq!(error_of(&lines, "b.txt"), same(s(&dir.path().join("a.txt"))));
    assert_eq!(error_of(&lines, "d.txt"), same(s(&dir.path().join("sub/c.txt"))));
    let root = vec![dir.path().to_owned()];
    let walked: Vec<imrcheck::audit::Input> = imrcheck::audit::Walk::new(root.clone()).collect();
    assert_eq!(imrcheck::audit::gather(&root).inputs, walked, "gather lists what the audit walks");
}

#[cfg(unix)]
#[test]
fn a_non_utf8_path_on_stdin_does_not_discard_the_list() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let odd = dir.path().join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt"));
    std::fs::copy(path(SEEDS[0]), &odd).expect("copy");
    let mut list = odd.as_os_str().as_bytes().to_vec();
    list.extend(format!("\n{}\n", SEEDS[3]).as_bytes());
    let args: Vec<&std::ffi::OsStr> = ["audit", "-", "--progress", "never"].iter().map(|a| a.as_ref()).collect();
    let (code, lines, stderr) = run_within(&args, &list, Duration::from_secs(60));
    assert_eq!(code, Some(0), "{stderr}");
    let listed = letters(&lines);
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|l| l["errors"].as_array().is_some_and(|e| e.is_empty())), "{listed:?}");
    // NUL-separated, as `find -print0` writes it.
    let mut list = odd.as_os_str().as_bytes().to_vec();
    list.push(0);
    list.extend(SEEDS[3].as_bytes());
    let (_, lines, _) = run_within(&args, &list, Duration::from_secs(60));
    assert_eq!(letters(&lines).len(), 2);
}

#[test]
fn utf16_with_a_byte_order_mark_is_decoded() {
    let text = std::fs::read_to_string(path(SEEDS[3])).expect("seed");
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, bom, unit) in [
        ("le.txt", [0xFF, 0xFE], u16::to_le_bytes as fn(u16) -> [u8; 2]),
        ("be.txt", [0xFE, 0xFF], u16::to_be_bytes as fn(u16) -> [u8; 2]),
    ] {
        let mut bytes = bom.to_vec();
        bytes.extend(text.encode_utf16().flat_map(unit));
        std::fs::write(dir.path().join(name), bytes).expect("write");
    }
    let (_, utf8) = audit(&[SEEDS[3]]);
    let (_, utf16) = audit(&[s(dir.path())]);
    let items = |l: &Value| l["items"].as_array().map(|i| i.iter().map(|x| x["verdict"].clone()).collect::<Vec<_>>());
    let want = items(letters(&utf8)[0]);
    assert!(want.as_ref().is_some_and(|w| !w.is_empty()));
    for l in letters(&utf16) {
        assert_eq!(items(l), want, "{}", l["letter"]);
    }
}

#[test]
fn a_nul_byte_past_the_first_8_kb_is_binary_too() {
    let mut bytes = std::fs::read(path(SEEDS[0])).expect("seed");
    while bytes.len() < 9_000 {
        bytes.extend_from_slice(b"\nThe patient reports pain.");
    }
    bytes.extend_from_slice(b"\x00\x01\x02 trailing binary");
    let r = imrcheck::check_bytes("tail", &bytes, &super::rules(), &Default::default());
    assert!(r.items.is_empty());
    assert!(r.errors.first().is_some_and(|e| e.contains("binary") && e.contains("NUL")), "{:?}", r.errors);
    assert!(!r.to_json().contains("\\u0000"));
}

/// A seed letter with `inserted` put between two of its lines, written to `dir/name`.
fn seed_with(dir: &Path, name: &str, inserted: &str) -> std::path::PathBuf {
    let text = std::fs::read_to_string(path(SEEDS[3])).expect("seed");
    let at = text[text.len() / 2..].find('\n').map_or(text.len(), |p| text.len() / 2 + p);
    let file = dir.join(name);
    std::fs::write(&file, format!("{}\n{inserted}\n{}", &text[..at], &text[at..])).expect("write");
    file
}

/// `check FILE` in the terminal format, killed and failed past `limit`; its exit code, stdout
/// and stderr (stdout goes to a file: a pipe left unread would stall a long report).
fn check_within(file: &Path, limit: Duration) -> (Option<i32>, String, String) {
    let out = tempfile::NamedTempFile::new().expect("temp");
    let mut child = Command::new(env!("CARGO_BIN_EXE_imrcheck"))
        .arg("check")
        .arg(file)
        .args(["--color", "never"])
        .stdout(out.reopen().expect("reopen"))
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("imrcheck check {} did not finish within {limit:?}", file.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let o = child.wait_with_output().expect("output");
    let stdout = std::fs::read_to_string(out.path()).expect("read stdout");
    (o.status.code(), stdout, String::from_utf8_lossy(&o.stderr).into_owned())
}

/// Lines with no full stop (a table flattened by a PDF producer) once made the whole block one
/// sentence, read again for each of its counts: 1,000 such lines took 41 s, 4,000 over ten
/// minutes. One line of 140 KB with a fact past its 65,535th column made the terminal report
/// panic. Both now finish at the pace of any letter, and a report quotes no line whole.
#[test]
fn stopless_lines_and_one_very_long_line_are_read_and_reported_briefly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let block: Vec<String> = (0..4_000)
        .map(|k| {
            format!(
                "Physical therapy {k} sessions were completed on {:02}/{:02}/2013 with 12 visits requested 2x6 x 8",
                k % 12 + 1,
                k % 28 + 1
            )
        })
        .collect();
    let filler = "lorem ".repeat(12_000);
    let line = format!(
        "{filler}The patient has completed twelve sessions of physical therapy without functional improvement. {filler}"
    );
    for (file, hidden) in [
        (seed_with(dir.path(), "block.txt", &block.join("\n")), false),
        (seed_with(dir.path(), "line.txt", &line), true),
    ] {
        let (code, stdout, stderr) = check_within(&file, Duration::from_secs(120));
        assert_eq!(code, Some(0), "{}: {stderr}", file.display());
        assert!(stdout.contains("item 1 (physical medicine)"), "{stdout}");
        let longest = stdout.lines().map(str::len).max().unwrap_or(0);
        assert!(longest < 1_000, "{}: an output line of {longest} bytes", file.display());
        assert_eq!(stdout.contains("not quoted here"), hidden, "{stdout}");
    }
}

/// A file of several notice letters, each deciding the same wording: each letter's item is its
/// own (all but one were merged into the first letter's item and lost).
#[test]
fn a_file_of_notice_letters_keeps_each_letters_item() {
    let one = std::fs::read_to_string(path("fixtures/letters/109_pt_x12_lumbar_sciatica.txt")).expect("letter");
    let alone = imrcheck::check_bytes("one", one.as_bytes(), &super::rules(), &Default::default());
    assert_eq!(alone.items.len(), 1, "{:?}", alone.errors);
    let three = format!("{one}\n{one}\n{one}\n");
    let r = imrcheck::check_bytes("three", three.as_bytes(), &super::rules(), &Default::default());
    assert_eq!(r.items.len(), 3, "{:?}", r.items.iter().map(|i| &i.request).collect::<Vec<_>>());
}

/// Two items of one notice whose titles differ only in the part of the body ("PT x12 for the
/// lumbar spine", "PT x12 for the cervical spine"), each under its own number: two items (the
/// second was taken for a restatement of the first, and lost).
#[test]
fn numbered_notice_items_worded_nearly_alike_are_two_items() {
    let one = std::fs::read_to_string(path("fixtures/letters/109_pt_x12_lumbar_sciatica.txt")).expect("letter");
    let alt = "PT x12 for the cervical spine";
    let decided = "is notmedically necessary and appropriate.\n";
    let two = one.replace(
        decided,
        &format!("{decided}2) MAXIMUS Federal Services, Inc. has determined the request for {alt}\nis not medically necessary and appropriate.\n"),
    );
    let (from, to) =
        (two.find("1. PT x12 for the lumbar spine is not").expect("rationale"), two.find("/sm").expect("end"));
    let rationale = two[from..to]
        .replacen("1. PT x12 for the lumbar spine", &format!("2. {alt}"), 1)
        .replace("PT x12 for the lumbar spine", alt);
    let two = format!("{}{rationale}{}", &two[..to], &two[to..]);
    let r = imrcheck::check_bytes("two", two.as_bytes(), &super::rules(), &Default::default());
    let requests: Vec<&str> = r.items.iter().map(|i| i.request.as_str()).collect();
    assert_eq!(requests, ["PT x12 for the lumbar spine", alt], "{:?}", r.errors);
}
