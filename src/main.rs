//! The `imrcheck` binary: a thin shell over the library.
mod allocator;
mod cli;

use clap::Parser;
use std::process::ExitCode;

// mimalloc rather than the system allocator (issue 14): `check` of one letter takes a fifth
// less CPU (4,300 page faults fall to 330) and an audit 8% fewer instructions, for a higher
// peak RSS (72 -> 110 MB over 10k letters, still flat to 100k); docs/measurements/performance.md.
// The PDF child process is told to reserve memory in small steps (`pdf::extract_in_child`).
#[global_allocator]
static ALLOCATOR: allocator::Allocator = allocator::Allocator;

fn main() -> ExitCode {
    // Interrupted (Ctrl-C, SIGTERM, SIGHUP), remove the temporary files of reports being
    // written, so the output folder keeps its earlier reports and nothing half-written.
    let _ = ctrlc::set_handler(|| {
        imrcheck::audit::remove_pending_outputs();
        std::process::exit(130);
    });
    // For finding where the time goes (docs/measurements/performance.md): each pattern's
    // searches timed, the costliest listed on stderr at the end.
    let profile = std::env::var("IMRCHECK_PATTERN_PROFILE").ok().map(|rows| rows.parse().unwrap_or(40));
    if profile.is_some() {
        if !imrcheck::pattern::profile::BUILT {
            eprintln!("imrcheck: IMRCHECK_PATTERN_PROFILE is ignored: this build has no pattern profile (cargo build --release --features pattern-profile)");
        }
        imrcheck::pattern::profile::start();
    }
    // clap exits 2 on usage errors by itself.
    let code = cli::run(cli::Cli::parse());
    if let Some(table) = profile.and_then(imrcheck::pattern::profile::report) {
        eprint!("{table}");
    }
    ExitCode::from(code)
}
