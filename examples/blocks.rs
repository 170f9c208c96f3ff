//! Debug: print each item's block line ranges.
fn main() {
    let p = std::env::args().nth(1).unwrap();
    let b = std::fs::read(&p).unwrap();
    let l = imrcheck::letter::Letter::from_bytes(&p, &b).unwrap();
    for s in &l.sections {
        println!(
            "section {:?} heading line {} body lines {}-{}",
            s.kind,
            l.line_of(s.heading.start),
            l.line_of(s.body.start),
            l.line_of(s.body.end)
        );
    }
    for (i, it) in l.items.iter().enumerate() {
        let ranges: Vec<String> =
            it.block.iter().map(|s| format!("{}-{}", l.line_of(s.start), l.line_of(s.end))).collect();
        println!("item {} {:?} decision {:?} block {:?}", i + 1, it.text.value, it.decision.value, ranges);
    }
}
