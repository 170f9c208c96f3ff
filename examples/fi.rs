fn main() {
    for line in std::io::stdin().lines() {
        let s = line.unwrap();
        let g = imrcheck::extract::evidence::is_guideline_sentence(&s);
        println!(
            "{:?} guideline={g} :: {s}",
            imrcheck::extract::evidence::functional_improvement(&s).map(|x| (x.value, &s[x.start..x.end]))
        );
    }
}
