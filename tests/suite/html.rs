//! The HTML report without a browser: one self-contained document, letter text escaped, every
//! item present (its line in the page, its body in the inert JSON array the page's script builds
//! it from). `scripts/browser-test` checks the same page in headless Chromium.

use super::{path, rules};
use imrcheck::report::html::{item_id, Html};
use imrcheck::report::sinks::Sink;
use imrcheck::report::summary::Summary;
use imrcheck::report::LetterReport;
use imrcheck::Options;

/// The letter the hostile variants are made from: two items, one of them a disagreement.
const LETTER: &str = "fixtures/letters/102_acupuncture_estim_and_massage_shoulder.txt";
/// A letter with a case number of 2013 and no decision date, read by a physiatrist.
const SEED_2013: &str = "fixtures/letters/109_pt_x12_lumbar_sciatica.txt";

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

/// The items' bodies: the JSON array in `<script type="application/json" id="item-bodies">`,
/// one HTML string per item in page order (and a `null` closing the array).
fn bodies(html: &str) -> Vec<String> {
    let open = format!("<script type=\"application/json\" id=\"{}\">", imrcheck::report::html::BODIES_ID);
    let start = html.find(&open).expect("the bodies script") + open.len();
    let end = start + html[start..].find("</script>").expect("the bodies script ends");
    let values: Vec<serde_json::Value> = serde_json::from_str(&html[start..end]).expect("the bodies are a JSON array");
    assert_eq!(values.last(), Some(&serde_json::Value::Null), "the array ends with null");
    values.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect()
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
    assert!(html.to_ascii_lowercase().starts_with("<!doctype html>"), "starts as an HTML document");
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
    let bodies = bodies(&html);
    assert_eq!(bodies.len(), 2, "one body per item");
    for (what, text) in
        [("the page", html.as_str()), ("an item body", bodies[0].as_str()), ("an item body", bodies[1].as_str())]
    {
        assert!(!text.contains("<script>alert"), "no letter markup comes out as a tag in {what}");
        assert!(!text.contains("<img"), "no letter markup comes out as a tag in {what}");
    }
    assert!(html.contains("&lt;script&gt;alert('item')&lt;/script&gt;"), "the item text is shown, escaped");
    assert!(html.contains("&lt;img src=x onerror=alert('name')&gt;.txt"), "the letter name is escaped");
    let excerpts: Vec<&str> = bodies.iter().flat_map(|b| b.split("<div class=\"excerpt\">").skip(1)).collect();
    assert!(!excerpts.is_empty(), "the letter lines are shown");
    assert!(
        excerpts.iter().any(|e| e.contains("&lt;script&gt;alert('item')&lt;/script&gt;")),
        "the item line shown as evidence is escaped"
    );
    assert!(
        excerpts.iter().any(|e| e.contains("&lt;img src=x onerror=alert(1)&gt;")),
        "a fact's line shown as evidence is escaped"
    );
    assert!(html.contains("&amp; &quot;arm&quot;"), "ampersands and quotes are escaped");
    // The only scripts are the report's own and the inert bodies, which no text can close.
    assert_eq!(html.matches("<script").count(), 2);
    assert_eq!(html.to_ascii_lowercase().matches("</script").count(), 2, "no body closes its script early");
}

/// A body whose text holds what could end or upset a script element still sits inside it.
#[test]
fn a_body_cannot_end_its_script() {
    let text = String::from_utf8(letter()).expect("UTF-8 fixture").replace(
        "She has not had any prior acupuncture.",
        "She has not had any prior acupuncture. </script><!-- <script>alert(1)</script>",
    );
    let (html, summary, _) = render(&[(LETTER, text.into_bytes())]);
    assert_eq!(summary.items, 2);
    assert_eq!(html.to_ascii_lowercase().matches("</script").count(), 2, "the two scripts end where they should");
    assert!(!html.contains("<!--"), "no comment opens in the page");
    let bodies = bodies(&html);
    assert!(
        bodies.iter().any(|b| b.contains("&lt;/script&gt;&lt;!-- &lt;script&gt;")),
        "the text is in a body, escaped"
    );
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
    let bodies = bodies(&html);
    assert_eq!(bodies.len(), summary.items, "one body per item");
    let mut n = 0;
    for r in &reports {
        for (i, it) in r.items.iter().enumerate() {
            n += 1;
            let id = item_id(&r.letter, i + 1);
            let open = html.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("item {id} is in the report"));
            let section = &html[open..open + html[open..].find("</details>").expect("the section ends")];
            let body = &bodies[n - 1];
            assert!(section.contains(&format!("data-family=\"{}\"", it.family)), "{id}: family for the filter");
            assert!(section.contains(&format!("data-verdict=\"{}\"", it.verdict)), "{id}: verdict for the filter");
            assert!(
                section.contains(&format!("data-agreement=\"{}\"", it.agreement)),
                "{id}: agreement for the filter"
            );
            assert!(section.contains(&format!(">#{n}<")), "{id}: numbered in input order");
            assert!(section.contains(&imrcheck::report::html::esc(&it.request)), "{id}: the request");
            let case = r.case.as_ref().expect("a letter read has its case");
            let year = case.decision_year.map(|y| y.to_string()).unwrap_or_else(|| "unknown".into());
            assert!(section.contains(&format!("data-year=\"{year}\"")), "{id}: year for the filter");
            let specialty = case.reviewer_specialty_group.clone().unwrap_or_else(|| "unknown".into());
            assert!(
                section.contains(&format!("data-specialty=\"{}\"", imrcheck::report::html::esc(&specialty))),
                "{id}: specialty for the filter"
            );
            if let Some(number) = &case.number {
                assert!(section.contains(&format!("<span class=\"case-no\">{number}</span>")), "{id}: the case number");
            }
            if let Some(d) = case.date_of_injury {
                assert!(section.contains(&format!("injury {d}")), "{id}: the date of injury");
            }
            assert!(section.contains("<div class=\"item-body\"></div>"), "{id}: the body is built when opened");
            for step in &it.explanation {
                assert!(body.contains(&imrcheck::report::html::esc(&step.text)), "{id}: step {:?}", step.text);
            }
            if let Some(c) = &it.rule_citation {
                assert!(body.contains(&imrcheck::report::html::esc(c)), "{id}: the rule citation");
            }
            assert!(it.evidence.is_empty() || body.contains("<mark"), "{id}: the facts are marked in the letter");
            assert!(body.contains(&format!("href=\"#open={id}\"")), "{id}: the body links to its own item");
            assert!(body.contains("<strong>In short:</strong>"), "{id}: the outcome in plain words");
            if it.verdict == imrcheck::domain::Verdict::ExceedsLimit {
                assert!(body.contains("the request <b>exceeds the limit</b>."), "{id}: reads as English");
            }
            assert!(
                !body.contains("request <b>is exceeds") && !body.contains("is needs documentation"),
                "{id}: grammar"
            );
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

/// Issue 13: the header says where the report came from.
#[test]
fn the_header_carries_the_provenance() {
    let rules = rules();
    let options = Options { as_of: imrcheck::domain::Date::parse_iso("2014-06-01"), ..Default::default() };
    let mut summary = Summary {
        provenance: Some(imrcheck::report::provenance::Provenance::at(&rules, &options, 1_700_000_000)),
        ..Default::default()
    };
    let report = imrcheck::check_bytes(LETTER, &letter(), &rules, &options);
    summary.add(&report);
    let mut out = Vec::new();
    {
        let mut sink = Html::new(&mut out).expect("a temporary file");
        sink.letter(&report).expect("written");
        sink.finish(&summary).expect("finished");
    }
    let html = String::from_utf8(out).expect("UTF-8");
    let header = &html[html.find("<header").expect("header")..html.find("</header>").expect("header ends")];
    assert!(header.contains(&format!("data-version=\"{}\"", env!("CARGO_PKG_VERSION"))));
    assert!(header.contains(&format!("data-digest=\"{}\"", rules.digest)) && rules.digest.starts_with("sha256:"));
    assert!(header.contains("data-rules=\"embedded\""));
    assert!(header.contains("<time datetime=\"2023-11-14T22:13:20Z\">2023-11-14T22:13:20Z</time>"));
    assert!(header.contains("data-as-of=\"2014-06-01\"") && header.contains("--as-of 2014-06-01"));
    assert!(header.contains("the embedded defaults ("), "the rule set in words");
}

/// Issue 13: the list filters by year of decision and reviewer specialty, with counts, and the
/// charts of both link to the filtered list.
#[test]
fn the_list_filters_by_year_and_specialty() {
    let files = [LETTER, SEED_2013];
    let letters: Vec<(&str, Vec<u8>)> = files.iter().map(|f| (*f, std::fs::read(path(f)).expect("fixture"))).collect();
    let (html, summary, _) = render(&letters);
    assert!(summary.by_decision_year.len() >= 2, "{:?}", summary.by_decision_year);
    for (year, n) in &summary.by_decision_year {
        let label = if year == "unknown" { "not stated" } else { year.as_str() };
        assert!(html.contains(&format!("<option value=\"{year}\">{label} ({})</option>", n.items)), "year {year}");
        assert!(html.contains(&format!("href=\"#year={year}\"")), "the year chart links to {year}");
    }
    for (specialty, n) in &summary.by_reviewer_specialty {
        let value = imrcheck::report::html::esc(specialty);
        assert!(html.contains(&format!("<option value=\"{value}\">")), "specialty {specialty}");
        assert!(html.contains(&format!("({})</option>", n.items)));
    }
    assert!(
        html.contains("<select id=\"f-year\" name=\"year\">")
            && html.contains("<select id=\"f-specialty\" name=\"specialty\">")
    );
    assert!(
        html.contains("href=\"#specialty=Physical+Medicine+and+Rehabilitation\""),
        "spaces in a hash value are encoded"
    );
}

/// Issue 13: big numbers carry thousands separators where people read them.
#[test]
fn big_numbers_have_thousands_separators() {
    let summary = Summary { letters: 12_345, items: 1_234_567, ..Default::default() };
    let mut out = Vec::new();
    {
        let mut sink = Html::new(&mut out).expect("a temporary file");
        sink.finish(&summary).expect("finished");
    }
    let html = String::from_utf8(out).expect("UTF-8");
    assert!(
        html.contains("id=\"letters-read\" data-count=\"12345\">12,345<"),
        "the figure is separated, its data is not"
    );
    assert!(html.contains("id=\"item-count\" data-count=\"1234567\">1,234,567<"));
}

/// Issue 13: the charts are HTML whose labels wrap, not SVG drawn to a fixed width.
#[test]
fn chart_labels_are_text_that_wraps() {
    let (html, summary, _) = render(&[(LETTER, letter())]);
    assert!(!html.contains("<svg"), "no fixed-size drawing to cut labels off");
    for id in ["chart-category", "chart-year", "chart-specialty", "chart-family", "chart-verdict"] {
        assert!(html.contains(&format!("<ul class=\"chart\" id=\"{id}\"")), "{id}");
    }
    let families = summary.agreement_by_family.len();
    assert_eq!(html.matches("<a class=\"row-link\" href=\"#family=").count(), families, "one row per family");
}

/// What the page is cut at to put the items in cannot come from a letter: a request holding it
/// is escaped like any text, and every item is still in the list.
#[test]
fn a_letter_cannot_move_the_item_list() {
    let text = String::from_utf8(letter()).expect("UTF-8 fixture").replace(
        "for the right shoulder: Overturned",
        "for the right shoulder <imrcheck-items/> <imrcheck-bodies/>: Overturned",
    );
    let (html, summary, reports) = render(&[(LETTER, text.into_bytes())]);
    assert!(reports[0].items[0].request.contains("<imrcheck-items/>"), "the marker is in the request");
    assert_eq!(summary.items, 2);
    assert!(!html.contains("<imrcheck-items/>") && !html.contains("<imrcheck-bodies/>"));
    let list = &html[html.find("<div id=\"items\">").expect("the list")..];
    assert_eq!(list.matches("<details class=\"item ").count(), 2, "both items in the list");
    assert_eq!(bodies(&html).len(), 2);
}
