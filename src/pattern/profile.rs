//! Where a run's pattern time goes, pattern by pattern: calls, wall time, time per call (issue
//! 14). Built only with the `pattern-profile` feature, and then on once [`start`] is called (the
//! binary does when `IMRCHECK_PATTERN_PROFILE` is set). Without the feature a search's timer is
//! an empty value: compiled in but off, it cost 0.44% of an audit's instructions.
//!
//! Why: an audit's regex time is a long, flat tail (over the bench corpus the costliest pattern
//! takes under 5% of it), so a profiler's "time in the lazy DFA" does not say which searches to
//! remove; this table does. Each search's time includes deciding its engine (the gate, the
//! probe, compiling at first use), and an iterator's is the sum of its steps.

#[cfg(feature = "pattern-profile")]
pub use on::*;

#[cfg(not(feature = "pattern-profile"))]
pub use off::*;

/// Without the feature: nothing is timed.
#[cfg(not(feature = "pattern-profile"))]
mod off {
    use super::super::Regex;

    /// Whether this build times patterns.
    pub const BUILT: bool = false;

    /// Does nothing: this build does not time patterns.
    pub fn start() {}

    /// `None`: this build does not time patterns.
    pub fn report(_top: usize) -> Option<String> {
        None
    }

    /// Nothing to record.
    pub(in crate::pattern) struct Timed;

    #[inline(always)]
    pub(in crate::pattern) fn timed(_: &Regex) -> Timed {
        Timed
    }

    #[inline(always)]
    pub(in crate::pattern) fn step(_: &Regex) -> Timed {
        Timed
    }
}

#[cfg(feature = "pattern-profile")]
mod on {
    use super::super::Regex;
    use std::collections::HashMap;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Mutex;
    use std::time::{Duration, Instant};

    /// Whether this build times patterns.
    pub const BUILT: bool = true;

    static ON: AtomicBool = AtomicBool::new(false);

    /// Per pattern (by its shared form's address): the pattern, its calls and their time.
    static TIMES: Mutex<Option<HashMap<usize, Times>>> = Mutex::new(None);

    struct Times {
        source: String,
        calls: u64,
        time: Duration,
    }

    /// Starts timing every pattern's searches, from now on, in every thread.
    pub fn start() {
        ON.store(true, Ordering::Relaxed);
    }

    /// One search being timed: recorded when dropped.
    pub(in crate::pattern) struct Timed<'r> {
        regex: &'r Regex,
        started: Instant,
        /// Whether it is a call of its own (not a further step of an iterator).
        call: bool,
    }

    /// Times a search of `regex` until the value is dropped, when timing is on.
    #[inline]
    pub(in crate::pattern) fn timed(regex: &Regex) -> Option<Timed<'_>> {
        ON.load(Ordering::Relaxed).then(|| Timed { regex, started: Instant::now(), call: true })
    }

    /// Times a further step of an iterator of `regex`'s matches: its time is the call's.
    #[inline]
    pub(in crate::pattern) fn step(regex: &Regex) -> Option<Timed<'_>> {
        ON.load(Ordering::Relaxed).then(|| Timed { regex, started: Instant::now(), call: false })
    }

    impl Drop for Timed<'_> {
        fn drop(&mut self) {
            let time = self.started.elapsed();
            let Ok(mut all) = TIMES.lock() else { return };
            let key = std::sync::Arc::as_ptr(&self.regex.0) as usize;
            let t = all.get_or_insert_with(HashMap::new).entry(key).or_insert_with(|| Times {
                source: self.regex.as_str().to_owned(),
                calls: 0,
                time: Duration::ZERO,
            });
            t.calls += u64::from(self.call);
            t.time += time;
        }
    }

    /// The table of the `top` patterns that took the most time, with the totals over all of them;
    /// `None` when timing was never started.
    pub fn report(top: usize) -> Option<String> {
        use std::fmt::Write;
        if !ON.load(Ordering::Relaxed) {
            return None;
        }
        let all = TIMES.lock().ok()?;
        let mut rows: Vec<&Times> = all.as_ref().map(|m| m.values().collect()).unwrap_or_default();
        rows.sort_by(|a, b| b.time.cmp(&a.time).then_with(|| a.source.cmp(&b.source)));
        let total: Duration = rows.iter().map(|t| t.time).sum();
        let calls: u64 = rows.iter().map(|t| t.calls).sum();
        let mut out = format!(
            "pattern profile: {} patterns, {calls} searches, {:.3} s in searches\n  share  cumul.        ms       calls  ns/call  pattern\n",
            rows.len(),
            total.as_secs_f64()
        );
        let share = |d: Duration| 100.0 * d.as_secs_f64() / total.as_secs_f64().max(f64::MIN_POSITIVE);
        let mut cumulative = Duration::ZERO;
        for t in rows.into_iter().take(top) {
            cumulative += t.time;
            let source: String = t.source.chars().take(100).collect();
            let _ = writeln!(
                out,
                "{:6.1}% {:6.1}% {:9.1} {:11} {:8.0}  {source}",
                share(t.time),
                share(cumulative),
                t.time.as_secs_f64() * 1e3,
                t.calls,
                t.time.as_secs_f64() * 1e9 / t.calls.max(1) as f64,
            );
        }
        Some(out)
    }
}

#[cfg(all(test, feature = "pattern-profile"))]
mod tests {
    use super::*;
    use crate::pattern::Regex;

    /// Started, each search of a pattern is one call of that pattern in the table (an iterator
    /// of matches one call, however many steps), with the pattern as written.
    #[test]
    fn each_search_is_counted_against_its_pattern() {
        start();
        let counted = Regex::new(r"profiled\s+(?P<n>\d+)").expect("compiles");
        assert!(counted.is_match("profiled 1"));
        assert!(counted.find("none here").is_none());
        assert!(counted.captures("profiled 2").is_some());
        assert_eq!(counted.find_iter("profiled 3, profiled 4, profiled 5").count(), 3);
        assert_eq!(counted.captures_iter("profiled 6 profiled 7").count(), 2);
        let table = report(usize::MAX).expect("started");
        let row = table.lines().find(|l| l.ends_with(r"profiled\s+(?P<n>\d+)")).expect("a row for the pattern");
        let calls: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(calls[3], "5", "three searches and two iterators: {row}");
        assert!(table.starts_with("pattern profile: "), "{table}");
    }
}
