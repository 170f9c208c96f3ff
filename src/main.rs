//! The `imrcheck` binary: a thin shell over the library.
mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // clap exits 2 on usage errors by itself.
    ExitCode::from(cli::run(cli::Cli::parse()))
}
