//! Fuzz target: the letter pipeline (`check_bytes`) and every report format.
//! `cargo fuzz run letter` (nightly), or scripts/fuzz.
#![cfg_attr(feature = "libfuzzer", no_main)]

#[path = "targets.rs"]
mod targets;

#[cfg(feature = "libfuzzer")]
libfuzzer_sys::fuzz_target!(|data: &[u8]| targets::letter(data));

#[cfg(not(feature = "libfuzzer"))]
#[path = "stable.rs"]
mod stable;

#[cfg(not(feature = "libfuzzer"))]
fn main() -> std::process::ExitCode {
    stable::main("letter", targets::letter)
}
