//! Embeds the default rule set (`rules/*.yaml`) in the binary, and each file's content as JSON
//! too: the embedded rules are read from the JSON (a tenth of the time of the YAML, issue 14);
//! the YAML stays the source, what diagnostics and `rules export` show, and a test checks that
//! both read the same. It also writes the embedded set's digest (`rules::digest`), so that it is
//! not computed at every start.
use std::{env, fs, path::Path};

#[path = "src/rules/digest.rs"]
mod digest;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let out_dir = env::var("OUT_DIR").expect("OUT_DIR set by cargo");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("rules/ directory exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    let mut out = String::from("&[\n");
    let mut json = String::from("&[\n");
    let mut texts = Vec::new();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().and_then(|n| n.to_str()).expect("utf-8 file name");
        out.push_str(&format!("    ({name:?}, include_str!({:?})),\n", f.display().to_string()));
        // A file that does not parse stays YAML only: loading it reports its error.
        let text = fs::read_to_string(f).expect("a rule file is UTF-8");
        if let Some(j) =
            serde_yaml::from_str::<serde_yaml::Value>(&text).ok().and_then(|v| serde_json::to_string(&v).ok())
        {
            let dest = Path::new(&out_dir).join(format!("{name}.json"));
            fs::write(&dest, j).expect("write the JSON of a rule file");
            json.push_str(&format!("    ({name:?}, include_str!({:?})),\n", dest.display().to_string()));
        }
        texts.push((name.to_owned(), text));
    }
    out.push(']');
    json.push(']');
    fs::write(Path::new(&out_dir).join("embedded_rules.rs"), out).expect("write embedded_rules.rs");
    fs::write(Path::new(&out_dir).join("embedded_json.rs"), json).expect("write embedded_json.rs");
    let digest = digest::of_named_files(texts.iter().map(|(n, t)| (n.clone(), t.as_str())));
    fs::write(Path::new(&out_dir).join("embedded_digest.rs"), format!("{digest:?}")).expect("write embedded_digest.rs");
}
