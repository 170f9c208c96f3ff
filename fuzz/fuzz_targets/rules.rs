//! Fuzz target: the rule loader (YAML, validation, diagnostics, examples).
//! `cargo fuzz run rules` (nightly), or scripts/fuzz.
#![cfg_attr(feature = "libfuzzer", no_main)]

#[path = "targets.rs"]
mod targets;

#[cfg(feature = "libfuzzer")]
libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::rules(data));

#[cfg(not(feature = "libfuzzer"))]
#[path = "stable.rs"]
mod stable;

#[cfg(not(feature = "libfuzzer"))]
fn main() -> std::process::ExitCode {
    stable::main("rules", targets::rules)
}
