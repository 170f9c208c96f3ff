//! Issue 11, part 3: nothing lost on a fault. Each case left a temporary file, lost the earlier
//! summary, narrowed permissions, failed only after the whole audit, or complained about a
//! closed pipe before the fix.

use super::{path, SEEDS};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_imrcheck"));
    c.current_dir(super::root());
    c
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Files in `dir` other than `keep`.
fn others(dir: &Path, keep: &[&Path]) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| !keep.contains(&p.as_path()) && p.is_file())
        .collect()
}

/// Wait for `child` to exit, at most `limit`.
fn wait(child: &mut std::process::Child, limit: Duration) -> Option<i32> {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status.code();
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("did not exit within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[cfg(unix)]
#[test]
fn an_interrupted_audit_leaves_the_earlier_report_and_summary_and_no_temporary_file() {
    // Enough letters that the audit is still running when interrupted.
    let corpus = tempfile::tempdir().expect("tempdir");
    for i in 0..1_500 {
        std::fs::copy(path(SEEDS[i % SEEDS.len()]), corpus.path().join(format!("{i:04}.txt"))).expect("copy");
    }
    let out = tempfile::tempdir().expect("tempdir");
    let (report, summary) = (out.path().join("items.csv"), out.path().join("items.summary.csv"));
    std::fs::write(&report, "earlier report\n").expect("write");
    std::fs::write(&summary, "earlier summary\n").expect("write");
    let mut child = bin()
        .args(["audit", s(corpus.path()), "--format", "csv", "--progress", "never", "--output", s(&report)])
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    // Interrupt once the temporary files exist.
    let start = Instant::now();
    while others(out.path(), &[&report, &summary]).len() < 2 {
        assert!(start.elapsed() < Duration::from_secs(30), "no temporary files appeared");
        assert!(child.try_wait().expect("wait").is_none(), "the audit ended before it could be interrupted");
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(std::fs::read_to_string(&summary).expect("read"), "earlier summary\n", "not truncated at the start");
    let pid = child.id().to_string();
    assert!(Command::new("kill").args(["-INT", &pid]).status().expect("kill").success());
    assert_eq!(wait(&mut child, Duration::from_secs(30)), Some(130));
    assert_eq!(others(out.path(), &[&report, &summary]), Vec::<PathBuf>::new(), "no temporary file left");
    assert_eq!(std::fs::read_to_string(&report).expect("read"), "earlier report\n");
    assert_eq!(std::fs::read_to_string(&summary).expect("read"), "earlier summary\n");
}

#[cfg(unix)]
#[test]
fn a_report_gets_the_permissions_of_a_new_file_under_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let out = tempfile::tempdir().expect("tempdir");
    let (report, summary) = (out.path().join("r.csv"), out.path().join("r.summary.csv"));
    std::fs::write(&summary, "earlier\n").expect("write");
    for umask in ["022", "027"] {
        let cmd = format!(
            "umask {umask}; exec \"$0\" audit {} --format csv --progress never --output {}",
            SEEDS[0],
            s(&report)
        );
        let status =
            Command::new("sh").args(["-c", &cmd, env!("CARGO_BIN_EXE_imrcheck")]).current_dir(super::root()).status();
        assert!(status.expect("sh").success());
        let want = 0o666 & !u32::from_str_radix(umask, 8).expect("octal");
        for f in [&report, &summary] {
            let mode = std::fs::metadata(f).expect("written").permissions().mode() & 0o777;
            assert_eq!(mode, want, "{} under umask {umask}", f.display());
        }
    }
}

#[test]
fn an_output_that_is_a_directory_fails_before_anything_is_read() {
    let out = tempfile::tempdir().expect("tempdir");
    let missing = out.path().join("no/such/folder/r.jsonl");
    let csv_beside_dir = out.path().join("r.csv");
    std::fs::create_dir(out.path().join("r.summary.csv")).expect("mkdir");
    for target in [out.path(), missing.as_path(), csv_beside_dir.as_path()] {
        // stdin stays open: an audit that read its list first would wait for ever.
        let mut child = bin()
            .args(["audit", "-", "--format", "csv", "--output", s(target)])
            .stdin(Stdio::piped())
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("spawn");
        let code = wait(&mut child, Duration::from_secs(20));
        let mut err = String::new();
        child.stderr.take().expect("stderr").read_to_string(&mut err).expect("read");
        assert_eq!(code, Some(2), "{}", target.display());
        assert!(err.contains("nothing was audited"), "{err}");
    }
}

#[cfg(unix)]
#[test]
fn a_special_file_as_output_is_written_not_replaced() {
    // A FIFO in a folder of our own (never /dev/null: a build that renamed over it, as the
    // first audit did, would replace the system's).
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("report.jsonl");
    assert!(Command::new("mkfifo").arg(&fifo).status().expect("mkfifo").success());
    let (tx, rx) = std::sync::mpsc::channel();
    {
        let fifo = fifo.clone();
        std::thread::spawn(move || tx.send(std::fs::read_to_string(fifo).unwrap_or_default()));
    }
    let mut child = bin()
        .args(["audit", SEEDS[0], "--progress", "never", "--output", s(&fifo)])
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let code = wait(&mut child, Duration::from_secs(30));
    assert_eq!(code, Some(0));
    assert!(std::fs::symlink_metadata(&fifo).expect("exists").file_type().is_fifo(), "still a FIFO");
    let got = rx.recv_timeout(Duration::from_secs(10)).expect("the report went through the FIFO");
    assert!(got.contains("\"summary\""), "{got:.200}");
}

#[test]
fn a_closed_pipe_is_a_quiet_success() {
    let letters: Vec<String> = std::fs::read_dir(path("fixtures/letters"))
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path().display().to_string()))
        .filter(|p| p.ends_with(".txt"))
        .collect();
    let mut check = vec!["check", "--color", "never"];
    check.extend(letters.iter().map(String::as_str));
    // Each writes far more than a pipe holds (64 KB), so writes fail once the reader is gone.
    for args in [
        vec!["audit", "fixtures/letters", "--progress", "never"],
        vec!["audit", "fixtures", "--format", "csv", "--progress", "never"],
        check,
    ] {
        let mut child = bin().args(&args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
        let mut first = [0u8; 16];
        child.stdout.take().expect("stdout").read_exact(&mut first).expect("some output");
        // The reader goes away (its end of the pipe is closed when dropped above).
        let code = wait(&mut child, Duration::from_secs(60));
        let mut err = String::new();
        child.stderr.take().expect("stderr").read_to_string(&mut err).expect("read");
        assert_eq!((code, err.as_str()), (Some(0), ""), "{args:?}");
    }
}

/// What a letter or its file name holds is shown on the terminal, never obeyed: an escape
/// sequence that clears the screen, moves the cursor or plants a hyperlink, a C1 control and a
/// right-to-left override all print as `?` in `check` and in `audit --format table`.
#[test]
fn a_letters_escape_sequences_do_not_reach_the_terminal() {
    let text = std::fs::read_to_string(path(SEEDS[3])).expect("seed");
    let row = "Pt 2x4 Weeks (8sessions) For Bilateral Neck and Low Back: Upheld";
    assert!(text.contains(row));
    let hostile = text.replace(
        row,
        "\u{1b}[2J\u{1b}[HPt 2x4 Weeks (8sessions) For Bilateral Neck \u{1b}]8;;https://evil.example/\u{7}and\u{1b}]8;;\u{7} Low Back\u{9b}31m: Upheld",
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("evil\u{1b}[31mred\u{202e}txt.txt");
    std::fs::write(&file, hostile).expect("write");
    let runs: [&[&str]; 2] = [&["check", "--color", "never"], &["audit", "--format", "table", "--progress", "never"]];
    for args in runs {
        let out = bin().args(args).arg(&file).env("COLUMNS", "300").output().expect("run");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("Low Back"), "{args:?}: {stdout}");
        for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
            assert!(!stdout.contains(bad), "{args:?} printed {bad:?}: {stdout:?}");
        }
    }
}
