//! The digest of a rule set's files, written once for both users: the crate, for rule files it
//! reads, and `build.rs`, which includes this file to digest the embedded set at build time
//! (issue 14: hashing its 200 KB at every start was 7% of checking one letter).

/// SHA-256 over `files` (each a file name without its directory, and its text) sorted by name,
/// each fed as its name, a NUL byte, its length in bytes in decimal, a NUL byte, and its text;
/// written `sha256:` and 64 hex digits.
pub fn of_named_files<'a>(files: impl IntoIterator<Item = (String, &'a str)>) -> String {
    use sha2::{Digest, Sha256};
    let mut sorted: Vec<(String, &str)> = files.into_iter().collect();
    sorted.sort();
    let mut hash = Sha256::new();
    for (name, text) in sorted {
        hash.update(name.as_bytes());
        hash.update([0]);
        hash.update(text.len().to_string().as_bytes());
        hash.update([0]);
        hash.update(text.as_bytes());
    }
    format!("sha256:{:x}", hash.finalize())
}
