//! The HTML report without a browser: one self-contained document, letter text escaped, every
//! item present. `scripts/browser-test` checks the same page in headless Chromium.

use super::{path, rules};
use imrcheck::report::html::{item_id, Html};
use imrcheck::report::sinks::Sink;
use imrcheck::report::summary::Summary;
use imrcheck::report::LetterReport;
use imrcheck::Options;

/// The letter the hostile variants are made from: two items, one of them a disagreement.
const LETTER: &str = "fixtures/letters/102_acupuncture_estim_and_massage_shoulder.txt";

/// Check each (name, bytes) and render the reports through the HTML sink, as `audit` does.
fn render(letters: &[(&str, Vec<u8>)]) -> (String, Summary, Vec<LetterReport>) {
    let rules = rules();
    let reports: Vec<LetterReport> =
        letters.iter().map(|(name, bytes)| imrcheck::check_bytes(name, bytes, &rules, &Options::default())).collect();
    let mut out = Vec::new();
    let mut summary = Summary::default();
    {
        let mut sink = Html::new(&mut out).expect("a temporary file");
        for r in &reports {
            summary.add(r);
            sink.letter(r).expect("written");
        }
        sink.finish(&summary).expect("finished");
    }
    (String::from_utf8(out).expect("the report is UTF-8"), summary, reports)
}

fn letter() -> Vec<u8> {
    std::fs::read(path(LETTER)).expect("the fixture letter")
}

/// The letter with markup in an item line and in the case summary.
fn hostile_letter() -> Vec<u8> {
    let text = String::from_utf8(letter()).expect("UTF-8 fixture");
    let text = text
        .replacen(
            "for the right shoulder: Overturned",
            "for the right <script>alert('item')</script> shoulder & \"arm\": Overturned",
            1,
        )
        .replacen(
            "active home exercise program. She has not had any prior acupuncture.",
            "active home exercise program. She has not had any prior acupuncture. <img src=x onerror=alert(1)>",
            1,
        );
    text.into_bytes()
}

/// Every `src=` / `href=` value in the document.
fn link_values(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["src=", "href="] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let value: String = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => rest[1..].chars().take_while(|c| *c != q).collect(),
                _ => rest.chars().take_while(|c| !c.is_whitespace() && *c != '>').collect(),
            };
            out.push(value);
        }
    }
    out
}

#[test]
fn the_report_is_one_self_contained_document() {
    let (html, _, _) = render(&[(LETTER, letter()), ("fixtures/bad/empty.txt", Vec::new())]);
    assert!(html.starts_with("<!doctype html>"), "starts as an HTML document");
    assert_eq!(html.matches("<html").count(), 1, "one document");
    assert!(html.trim_end().ends_with("</html>"), "ends the document");
    for value in link_values(&html) {
        let v = value.trim().to_ascii_lowercase();
        assert!(
            !v.starts_with("http:") && !v.starts_with("https:") && !v.starts_with("//"),
            "external resource in the report: {value}"
        );
    }
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<link"), "no linked stylesheet");
    assert!(!lower.contains("<script src"), "no external script");
    assert!(!lower.contains("@import") && !lower.contains("url("), "no CSS that fetches");
    assert!(lower.contains("<style>") && lower.contains("<script>"), "CSS and JavaScript are inline");
    assert!(html.contains("default-src 'none'"), "a content security policy forbids fetching anything");
}

#[test]
fn letter_text_and_names_are_escaped() {
    let name = "letters/<img src=x onerror=alert('name')>.txt";
    let (html, summary, reports) = render(&[(name, hostile_letter())]);
    assert_eq!(summary.items, 2, "the hostile letter still has its two items: {:?}", reports[0].errors);
    assert!(reports[0].items[0].request.contains("<script>"), "the markup is in the item text");
    assert!(!html.contains("<script>alert"), "no letter markup comes out as a tag");
    assert!(!html.contains("<img"), "no letter markup comes out as a tag");
    assert!(html.contains("&lt;script&gt;alert(&#39;item&#39;)&lt;/script&gt;"), "the item text is shown, escaped");
    assert!(html.contains("&lt;img src=x onerror=alert(&#39;name&#39;)&gt;.txt"), "the letter name is escaped");
    let excerpts: Vec<&str> = html.split("<div class=\"excerpt\">").skip(1).collect();
    assert!(!excerpts.is_empty(), "the letter lines are shown");
    assert!(
        excerpts.iter().any(|e| e.contains("&lt;script&gt;alert(&#39;item&#39;)&lt;/script&gt;")),
        "the item line shown as evidence is escaped"
    );
    assert!(
        excerpts.iter().any(|e| e.contains("&lt;img src=x onerror=alert(1)&gt;")),
        "a fact's line shown as evidence is escaped"
    );
    assert!(html.contains("&amp; &quot;arm&quot;"), "ampersands and quotes are escaped");
    // The only script is the report's own.
    assert_eq!(html.matches("<script").count(), 1);
}

#[test]
fn every_item_is_in_the_report() {
    let dir = path("fixtures/letters");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixture letters")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let letters: Vec<(String, Vec<u8>)> = files
        .iter()
        .take(12)
        .map(|p| (p.display().to_string(), std::fs::read(p).expect("readable")))
        .chain([("fixtures/bad/not_a_letter.txt".to_owned(), b"Dear claimant,\nhello.\n".to_vec())])
        .collect();
    let refs: Vec<(&str, Vec<u8>)> = letters.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    let (html, summary, reports) = render(&refs);
    assert!(summary.items > 10, "enough items to mean something");
    assert_eq!(html.matches("<details class=\"item ").count(), summary.items, "one section per item");
    let mut n = 0;
    for r in &reports {
        for (i, it) in r.items.iter().enumerate() {
            n += 1;
            let id = item_id(&r.letter, i + 1);
            let open = html.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("item {id} is in the report"));
            let section = &html[open..open + html[open..].find("</details>").expect("the section ends")];
            assert!(section.contains(&format!("data-family=\"{}\"", it.family)), "{id}: family for the filter");
            assert!(section.contains(&format!("data-verdict=\"{}\"", it.verdict)), "{id}: verdict for the filter");
            assert!(
                section.contains(&format!("data-agreement=\"{}\"", it.agreement)),
                "{id}: agreement for the filter"
            );
            assert!(section.contains(&format!(">#{n}<")), "{id}: numbered in input order");
            assert!(section.contains(&imrcheck::report::html::esc(&it.request)), "{id}: the request");
            for step in &it.explanation {
                assert!(section.contains(&imrcheck::report::html::esc(&step.text)), "{id}: step {:?}", step.text);
            }
            if let Some(c) = &it.rule_citation {
                assert!(section.contains(&imrcheck::report::html::esc(c)), "{id}: the rule citation");
            }
            assert!(it.evidence.is_empty() || section.contains("<mark"), "{id}: the facts are marked in the letter");
        }
    }
    assert_eq!(n, summary.items);
    // The summary's disagreement rows link to items that exist.
    for row in summary.stricter_than_rule.iter().chain(&summary.more_lenient_than_rule) {
        let id = item_id(&row.letter, row.item);
        assert!(html.contains(&format!("href=\"#open={id}\"")), "a link to {id}");
        assert!(html.contains(&format!("id=\"{id}\"")), "its target {id}");
    }
    // The letter that could not be read is listed with its reason.
    assert!(html.contains("not_a_letter.txt"));
    assert!(html.contains(&imrcheck::report::html::esc(&summary.errors[0].1)));
}

#[test]
fn the_summary_is_at_the_top() {
    let (html, summary, _) = render(&[(LETTER, letter())]);
    let at = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("{needle} is in the report"));
    let rate = format!("{:.1}%", summary.agreement_rate.expect("a rate") * 100.0);
    assert!(html[at("id=\"agreement-rate\"")..].starts_with(&format!("id=\"agreement-rate\">{rate}<")));
    assert!(html.contains("share of decidable items where the IMR decision matches what the MTUS rules imply"));
    for marker in ["id=\"chart-family\"", "id=\"chart-verdict\"", "Decision stricter than the rule", "id=\"legend\""] {
        assert!(at(marker) < at("<details class=\"item "), "{marker} comes before the items");
    }
    for v in imrcheck::domain::Verdict::ALL {
        assert!(html[at("id=\"legend\"")..].contains(v.as_str()), "the legend explains {v}");
    }
}

#[test]
fn an_empty_audit_is_still_a_page() {
    let (html, summary, _) = render(&[]);
    assert_eq!(summary.items, 0);
    assert!(html.contains("id=\"agreement-rate\">n/a<"));
    assert!(html.contains("Showing all 0 items"));
    assert!(html.trim_end().ends_with("</html>"));
}

/// Issue 12: every audited item shows the standing of its figure, a verdict resting on an
/// unconfirmed or carried-over figure is marked, the summary counts them, and the list filters by
/// standing.
#[test]
fn each_verdict_shows_the_standing_of_its_figure() {
    let (html, summary, reports) = render(&[(LETTER, letter())]);
    let items = &reports[0].items;
    assert_eq!(items[0].source_status.map(|s| s.as_str()), Some("corroborated"), "acupuncture");
    assert_eq!(items[1].source_status.map(|s| s.as_str()), Some("unconfirmed"), "massage");
    assert!(html.contains("data-source=\"corroborated\"") && html.contains("data-source=\"unconfirmed\""));
    assert_eq!(
        html.matches("badge src src-weak").count(),
        1,
        "only the massage verdict rests on an unconfirmed figure"
    );
    assert!(html.contains("⚠ figure: unconfirmed"));
    assert!(html.contains("<select id=\"f-source\" name=\"source\">"));
    assert!(html.contains("id=\"source-note\" data-weak=\"1\""));
    assert_eq!(summary.on_weak_figures, 1);
}
