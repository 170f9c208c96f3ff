//! The minimum Rust version the README states is true: every dependency in the lock file that a
//! build on this platform uses builds with it. (Our own code is held to it by clippy's
//! `incompatible_msrv` lint, which CI runs with `-D warnings`.)

use super::{path, root};

/// "1.88" or "1.88.0" as (1, 88, 0).
fn version(v: &str) -> (u64, u64, u64) {
    let mut parts = v.split('.').map(|p| p.parse::<u64>().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

#[test]
fn every_locked_dependency_builds_with_the_stated_rust_version() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    // The dependencies this machine builds: a fresh machine has fetched no crate of another
    // platform (anstyle-wincon, windows-sys), and --offline cannot read their manifests.
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let vv = std::process::Command::new(rustc).arg("-vV").output().expect("rustc -vV runs");
    let vv = String::from_utf8_lossy(&vv.stdout).into_owned();
    let host = vv.lines().find_map(|l| l.strip_prefix("host: ")).expect("rustc names its host").to_owned();
    let o = std::process::Command::new(cargo)
        .args(["metadata", "--locked", "--offline", "--format-version", "1", "--filter-platform", &host])
        .current_dir(root())
        .output()
        .expect("cargo metadata runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let m: serde_json::Value = serde_json::from_slice(&o.stdout).expect("metadata is JSON");
    let resolved: std::collections::HashSet<&str> =
        m["resolve"]["nodes"].as_array().expect("nodes").iter().filter_map(|n| n["id"].as_str()).collect();
    let packages = m["packages"].as_array().expect("packages");
    let ours = packages.iter().find(|p| p["name"] == "imrcheck").expect("the package");
    let msrv = ours["rust_version"].as_str().expect("Cargo.toml states a rust-version");
    let too_new: Vec<String> = packages
        .iter()
        .filter(|p| p["id"].as_str().is_some_and(|id| resolved.contains(id)))
        .filter_map(|p| {
            let needs = p["rust_version"].as_str()?;
            (version(needs) > version(msrv)).then(|| format!("{} {} needs Rust {needs}", p["name"], p["version"]))
        })
        .collect();
    assert!(too_new.is_empty(), "rust-version {msrv}, but: {too_new:?}");
    // The README says the same.
    let readme = std::fs::read_to_string(path("README.md")).expect("README");
    assert!(readme.contains(&format!("Rust {msrv} or later")), "README does not state Rust {msrv}");
}
