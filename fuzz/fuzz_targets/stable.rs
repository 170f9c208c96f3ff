//! The targets on stable Rust, without libFuzzer: replay files, or fuzz by mutation.
//!
//! ```text
//! letter FILE|DIR...                          replay each input (exit 1 on the first failure)
//! letter --fuzz SECONDS --dict FILE DIR...    mutate the inputs in DIR (seeds) for SECONDS
//!        [--seed N] [--max-len BYTES] [--timeout SECONDS] [--artifacts DIR]
//! ```
//!
//! The mutator is blind (no coverage feedback, unlike libFuzzer): byte and dictionary edits,
//! splices of two seeds. A panic or an input slower than the timeout is written to the
//! artifacts folder and ends the run with status 1, as libFuzzer's would.

use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A small deterministic generator (xorshift64*).
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// The files named, directories listed (recursively, sorted).
pub fn files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(p)
                .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            v.sort();
            out.extend(files(&v));
        } else if p.is_file() {
            out.push(p.clone());
        }
    }
    out
}

/// libFuzzer's dictionary format: one `"token"` per line (with \xNN, \\ and \" escapes),
/// optionally `name="token"`; `#` starts a comment.
pub fn dictionary(text: &str) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let Some(start) = line.find('"') else { continue };
        let Some(end) = line.rfind('"').filter(|e| *e > start) else { continue };
        let raw = &line.as_bytes()[start + 1..end];
        let mut token = Vec::new();
        let mut i = 0;
        while i < raw.len() {
            match raw[i] {
                b'\\' if i + 3 < raw.len() && raw[i + 1] == b'x' => {
                    let hex = std::str::from_utf8(&raw[i + 2..i + 4]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                    token.push(hex.unwrap_or(b'?'));
                    i += 4;
                }
                b'\\' if i + 1 < raw.len() => {
                    token.push(raw[i + 1]);
                    i += 2;
                }
                b => {
                    token.push(b);
                    i += 1;
                }
            }
        }
        out.push(token);
    }
    out
}

/// Edit `input` a few times: bits, bytes, dictionary tokens, deletions, repetitions, splices.
pub fn mutate(rng: &mut Rng, input: &mut Vec<u8>, seeds: &[Vec<u8>], dict: &[Vec<u8>], max_len: usize) {
    for _ in 0..1 + rng.below(4) {
        let len = input.len();
        match rng.below(9) {
            0 if len > 0 => {
                let i = rng.below(len);
                input[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                input[i] = rng.next() as u8;
            }
            2 | 3 if !dict.is_empty() => {
                let t = &dict[rng.below(dict.len())];
                let at = rng.below(len + 1);
                input.splice(at..at, t.iter().copied());
            }
            4 if len > 0 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(64)).min(len);
                input.drain(a..b);
            }
            5 if len > 0 => {
                // Repeat a piece: long lines, long lists.
                let a = rng.below(len);
                let b = (a + 1 + rng.below(32)).min(len);
                let piece = input[a..b].to_vec();
                let most = if rng.below(8) == 0 { 2000 } else { 8 };
                let times = 1 + rng.below(most);
                for _ in 0..times {
                    input.splice(b..b, piece.iter().copied());
                }
            }
            6 if !seeds.is_empty() => {
                let other = &seeds[rng.below(seeds.len())];
                if !other.is_empty() {
                    let a = rng.below(other.len());
                    let b = (a + 1 + rng.below(512)).min(other.len());
                    let at = rng.below(len + 1);
                    input.splice(at..at, other[a..b].iter().copied());
                }
            }
            7 if len > 0 => {
                // Swap in a line from elsewhere in the input: moves headings and items around.
                let at = rng.below(len);
                let from = rng.below(len);
                let line_end = input[from..].iter().position(|&b| b == b'\n').map_or(len, |p| from + p + 1);
                let piece = input[from..line_end].to_vec();
                input.splice(at..at, piece);
            }
            _ if len > 0 => input.truncate(rng.below(len)),
            _ => input.push(rng.next() as u8),
        }
    }
    input.truncate(max_len);
}

fn hash(data: &[u8]) -> String {
    // FNV-1a: a stable name for an artifact.
    let h = data.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3));
    format!("{h:016x}")
}

fn save(dir: &Path, kind: &str, data: &[u8]) -> PathBuf {
    let _ = std::fs::create_dir_all(dir);
    let p = dir.join(format!("{kind}-{}", hash(data)));
    let _ = std::fs::write(&p, data);
    p
}

/// The stable binary's `main` (see the module's usage).
pub fn main(name: &'static str, target: fn(&[u8])) -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut fuzz_secs: Option<u64> = None;
    let mut dict_path: Option<PathBuf> = None;
    let mut seed: u64 = 0x1234_5678_9ABC_DEF1;
    let mut max_len = 64 * 1024;
    let mut timeout = 10u64;
    let mut artifacts = PathBuf::from(format!("fuzz/artifacts/{name}"));
    let mut inputs: Vec<PathBuf> = Vec::new();
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().unwrap_or_default();
        match a.as_str() {
            "--fuzz" => fuzz_secs = value().parse().ok(),
            "--dict" => dict_path = Some(PathBuf::from(value())),
            "--seed" => seed = value().parse().unwrap_or(seed),
            "--max-len" => max_len = value().parse().unwrap_or(max_len),
            "--timeout" => timeout = value().parse().unwrap_or(timeout),
            "--artifacts" => artifacts = PathBuf::from(value()),
            _ => inputs.push(PathBuf::from(a)),
        }
    }
    let paths = files(&inputs);
    let Some(secs) = fuzz_secs else {
        // Replay.
        for p in &paths {
            let data = std::fs::read(p).unwrap_or_default();
            let start = Instant::now();
            if catch_unwind(AssertUnwindSafe(|| target(&data))).is_err() {
                eprintln!("{name}: {} fails", p.display());
                return ExitCode::FAILURE;
            }
            if start.elapsed() > Duration::from_secs(timeout) {
                eprintln!("{name}: {} took {:?}", p.display(), start.elapsed());
                return ExitCode::FAILURE;
            }
        }
        println!("{name}: {} inputs replayed", paths.len());
        return ExitCode::SUCCESS;
    };
    let seeds: Vec<Vec<u8>> =
        paths.iter().filter_map(|p| std::fs::read(p).ok()).filter(|d| d.len() <= max_len).collect();
    let dict = dict_path.and_then(|p| std::fs::read_to_string(p).ok()).map(|t| dictionary(&t)).unwrap_or_default();
    // A watchdog: an input that runs past the timeout is saved, and the run ends.
    let current: Arc<Mutex<Vec<u8>>> = Arc::default();
    let done = Arc::new(AtomicU64::new(0));
    {
        let (current, done, artifacts) = (current.clone(), done.clone(), artifacts.clone());
        std::thread::spawn(move || {
            let mut last = (u64::MAX, Instant::now());
            loop {
                std::thread::sleep(Duration::from_millis(250));
                let n = done.load(Ordering::Relaxed);
                if n != last.0 {
                    last = (n, Instant::now());
                } else if last.1.elapsed() > Duration::from_secs(timeout) {
                    let data = current.lock().map(|d| d.clone()).unwrap_or_default();
                    let p = save(&artifacts, "timeout", &data);
                    eprintln!("{name}: an input ran over {timeout} s: {}", p.display());
                    std::process::exit(1);
                }
            }
        });
    }
    std::panic::set_hook(Box::new(|_| {}));
    let mut rng = Rng(seed | 1);
    let start = Instant::now();
    let mut execs: u64 = 0;
    let mut slowest = Duration::ZERO;
    let mut report = Instant::now();
    // Each seed once as it is, then mutants.
    let mut queue: Vec<Vec<u8>> = seeds.clone();
    while start.elapsed() < Duration::from_secs(secs) {
        let input = match queue.pop() {
            Some(i) => i,
            None => {
                let mut i = if seeds.is_empty() { Vec::new() } else { seeds[rng.below(seeds.len())].clone() };
                mutate(&mut rng, &mut i, &seeds, &dict, max_len);
                i
            }
        };
        if let Ok(mut c) = current.lock() {
            c.clone_from(&input);
        }
        let t = Instant::now();
        let ok = catch_unwind(AssertUnwindSafe(|| target(&input))).is_ok();
        let took = t.elapsed();
        slowest = slowest.max(took);
        execs += 1;
        done.store(execs, Ordering::Relaxed);
        if !ok {
            let _ = std::panic::take_hook();
            let p = save(&artifacts, "crash", &input);
            eprintln!("{name}: crash after {execs} executions: {}", p.display());
            let _ = catch_unwind(AssertUnwindSafe(|| target(&input)));
            return ExitCode::FAILURE;
        }
        if report.elapsed() > Duration::from_secs(30) {
            report = Instant::now();
            let s = start.elapsed().as_secs_f64();
            eprintln!("{name}: #{execs} {:.0} exec/s, slowest {slowest:?}", execs as f64 / s);
        }
    }
    let s = start.elapsed().as_secs_f64();
    println!(
        "{name}: {execs} executions in {s:.0} s ({:.0} exec/s), slowest input {slowest:?}, no crash",
        execs as f64 / s
    );
    let _ = std::io::stdout().flush();
    ExitCode::SUCCESS
}
