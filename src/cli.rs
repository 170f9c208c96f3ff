//! The command line: parse arguments (clap), load rules, run a command, and map the outcome to
//! an exit code. The work itself is in the library.

use clap::{Args, Parser, Subcommand, ValueEnum};
use imrcheck::diagnostics::{render, Named, RulesError};
use imrcheck::domain::Date;
use imrcheck::rules::{self, Loaded};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Exit codes (docs/cli.md).
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// The check found what `--fail-on` asked to fail on.
    pub const FOUND: u8 = 1;
    /// Usage, input or rule-file error.
    pub const ERROR: u8 = 2;
}

/// Audit IMR decision letters against MTUS visit limits.
#[derive(Debug, Parser)]
#[command(name = "imrcheck", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
struct RuleArgs {
    /// Use the rules in DIR instead of the embedded defaults.
    #[arg(long, value_name = "DIR", global = true)]
    rules: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum CheckFormat {
    Human,
    Json,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Explain each disputed item of one or more letters.
    Check {
        /// Letter text files.
        #[arg(required = true)]
        letters: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// Date to choose rule versions by when a letter gives none (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        as_of: Option<Date>,
        /// Colour.
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Score extraction and verdicts against labelled letters (NAME.txt + NAME.yaml).
    Eval {
        /// Directory of labelled letters.
        dir: PathBuf,
        /// Exit 1 when any field scores below this accuracy (0-100).
        #[arg(long, value_name = "PERCENT")]
        min_accuracy: Option<f64>,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Work with rule files.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
}

#[derive(Debug, Subcommand)]
enum RulesCommand {
    /// List the loaded rules.
    List {
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Run the examples in the rule files and report each failure as expected versus got.
    Test {
        /// Rules directory.
        dir: Option<PathBuf>,
    },
    /// Validate a rules directory (default: the embedded rules) and report every problem.
    Check {
        /// Rules directory.
        dir: Option<PathBuf>,
        /// Colour.
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
    },
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse_iso(s).ok_or_else(|| format!("`{s}` is not a date; write YYYY-MM-DD"))
}

fn use_color(c: ColorChoice, stream_is_tty: bool) -> bool {
    match c {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stream_is_tty && std::env::var_os("NO_COLOR").is_none(),
    }
}

fn load(dir: Option<&PathBuf>) -> Result<Loaded, RulesError> {
    match dir {
        Some(d) => rules::load_dir(d),
        None => rules::load_embedded(),
    }
}

fn print_rule_errors(err: &RulesError, color: bool) {
    let mut stderr = std::io::stderr().lock();
    for p in &err.problems {
        let _ = writeln!(stderr, "{}", render(&Named::new(p), color));
    }
    let _ = writeln!(stderr, "error: {err}; nothing was audited");
}

/// Run the command line; returns the exit code.
pub fn run(cli: Cli) -> u8 {
    let stderr_tty = std::io::stderr().is_terminal();
    let stdout_tty = std::io::stdout().is_terminal();
    match cli.command {
        Command::Check { letters, format, as_of, color, rules } => {
            let loaded = match load(rules.rules.as_ref()) {
                Ok(l) => l,
                Err(e) => {
                    print_rule_errors(&e, use_color(color, stderr_tty));
                    return exit::ERROR;
                }
            };
            let options = imrcheck::Options { as_of };
            let color = use_color(color, stdout_tty);
            let mut out = std::io::stdout().lock();
            let mut failed = false;
            for path in &letters {
                let report = imrcheck::check_path(path, &loaded.rules, &options);
                failed |= !report.errors.is_empty();
                let text = match format {
                    CheckFormat::Json => report.to_json(),
                    CheckFormat::Human => imrcheck::report::human::render(&report, color, 100),
                };
                if writeln!(out, "{text}").is_err() {
                    return exit::ERROR;
                }
            }
            if failed {
                exit::ERROR
            } else {
                exit::OK
            }
        }
        Command::Eval { dir, min_accuracy, rules } => {
            let loaded = match load(rules.rules.as_ref()) {
                Ok(l) => l,
                Err(e) => {
                    print_rule_errors(&e, use_color(ColorChoice::Auto, stderr_tty));
                    return exit::ERROR;
                }
            };
            let pairs = match imrcheck::eval::labelled(&dir) {
                Ok(p) if !p.is_empty() => p,
                Ok(_) => {
                    eprintln!("error: no labelled letters (NAME.txt with NAME.yaml) in {}", dir.display());
                    return exit::ERROR;
                }
                Err(e) => {
                    eprintln!("error: cannot read {}: {e}", dir.display());
                    return exit::ERROR;
                }
            };
            let mut score = imrcheck::eval::Score::default();
            for (txt, yaml) in pairs {
                let labels: imrcheck::eval::Labels = match std::fs::read_to_string(&yaml)
                    .map_err(|e| e.to_string())
                    .and_then(|s| serde_yaml::from_str(&s).map_err(|e| e.to_string()))
                {
                    Ok(l) => l,
                    Err(e) => {
                        eprintln!("error: {}: {e}", yaml.display());
                        return exit::ERROR;
                    }
                };
                let report = imrcheck::check_path(&txt, &loaded.rules, &imrcheck::Options::default());
                score.add(&report, &labels);
            }
            print!("{}", score.render());
            match min_accuracy {
                Some(min) if score.worst() * 100.0 < min => exit::FOUND,
                _ => exit::OK,
            }
        }
        Command::Rules { command } => match command {
            RulesCommand::List { rules } => match load(rules.rules.as_ref()) {
                Ok(l) => {
                    let mut out = std::io::stdout().lock();
                    let _ = writeln!(out, "{} rules from {}", l.rules.rules.len(), l.rules.origin);
                    for r in &l.rules.rules {
                        let to = r.in_force.to.map(|d| d.to_string()).unwrap_or_else(|| "now".into());
                        let _ = writeln!(
                            out,
                            "{:<28} {:<22} {:?} {}..{}  {}",
                            r.label(),
                            r.family.as_str(),
                            r.source.status,
                            r.in_force.from,
                            to,
                            r.title
                        );
                        let _ = writeln!(out, "{:<28} {}", "", r.cite());
                    }
                    exit::OK
                }
                Err(e) => {
                    print_rule_errors(&e, use_color(ColorChoice::Auto, stderr_tty));
                    exit::ERROR
                }
            },
            RulesCommand::Test { dir } => match load(dir.as_ref()) {
                Ok(l) => {
                    let outcomes = rules::examples::run(&l.rules);
                    let failed: Vec<_> = outcomes.iter().filter(|o| !o.passed()).collect();
                    let mut out = std::io::stdout().lock();
                    for f in &failed {
                        let _ = writeln!(out, "FAIL {} :: {} ({})", f.rule, f.name, f.location);
                        let _ = writeln!(out, "  expected: {} by {}", f.expected.0, f.expected.1);
                        let _ = writeln!(out, "  got:      {} by {}", f.got.0, f.got.1);
                        for step in &f.trace {
                            let _ = writeln!(out, "    | {step}");
                        }
                    }
                    let _ =
                        writeln!(out, "rules test: {} passed, {} failed", outcomes.len() - failed.len(), failed.len());
                    if failed.is_empty() {
                        exit::OK
                    } else {
                        exit::FOUND
                    }
                }
                Err(e) => {
                    print_rule_errors(&e, use_color(ColorChoice::Auto, stderr_tty));
                    exit::ERROR
                }
            },
            RulesCommand::Check { dir, color } => {
                let color = use_color(color, stderr_tty);
                match load(dir.as_ref()) {
                    Ok(l) => {
                        for w in &l.warnings {
                            eprintln!("{}", render(&Named::new(w), color));
                        }
                        println!(
                            "{} rules OK ({} warnings) from {}",
                            l.rules.rules.len(),
                            l.warnings.len(),
                            l.rules.origin
                        );
                        exit::OK
                    }
                    Err(e) => {
                        for p in &e.problems {
                            eprintln!("{}", render(&Named::new(p), color));
                        }
                        eprintln!("error: {e}");
                        exit::ERROR
                    }
                }
            }
        },
    }
}
