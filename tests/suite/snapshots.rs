use super::{run, stdout, SEEDS};

#[test]
fn seed_explanations() {
    for seed in SEEDS {
        let o = run(&["check", "--color", "never", seed]);
        let name = std::path::Path::new(seed).file_stem().and_then(|s| s.to_str()).unwrap_or("seed").to_owned();
        insta::assert_snapshot!(format!("check_{name}"), stdout(&o));
    }
}

#[test]
fn seed_json() {
    let o = run(&["check", "--format", "json", SEEDS[3]]);
    let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).expect("json");
    insta::assert_json_snapshot!("check_003_json", v);
}
