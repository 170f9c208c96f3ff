//! The `imrcheck` binary: a thin shell over the library.
mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Interrupted (Ctrl-C, SIGTERM, SIGHUP), remove the temporary files of reports being
    // written, so the output folder keeps its earlier reports and nothing half-written.
    let _ = ctrlc::set_handler(|| {
        imrcheck::audit::remove_pending_outputs();
        std::process::exit(130);
    });
    // clap exits 2 on usage errors by itself.
    ExitCode::from(cli::run(cli::Cli::parse()))
}
