use imrcheck::letter::Letter;
use proptest::prelude::*;

fn layouts() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("HOW THE IMR FINAL DETERMINATION WAS MADE\nCLINICAL CASE SUMMARY\n".to_owned()),
        Just("Notice of Independent Medical Review Determination\nIMR DECISION(S) AND RATIONALE(S)\n".to_owned()),
        Just("MEDICAL PROFESSIONAL REVIEW\nISSUE AT DISPUTE:\n1. ".to_owned()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn reading_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = Letter::from_bytes("p", &bytes);
    }

    #[test]
    fn every_span_points_inside_the_text(head in layouts(), body in "[ -~\n\u{201C}\u{201D}é]{0,600}", item in "[A-Za-z0-9 ()x-]{1,60}", d in prop_oneof![Just("Upheld"), Just("Overturned")]) {
        let rules = super::rules();
        let text = format!("{head}{body}\nIMR ISSUES, DECISIONS AND RATIONALES\n{item}: {d}\nDecision rationale: {body}\n");
        let r = imrcheck::check_bytes("p", text.as_bytes(), &rules, &Default::default());
        for it in &r.items {
            for step in &it.explanation {
                for s in &step.spans {
                    prop_assert!(s.start <= s.end && s.end <= text.len());
                    prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                }
            }
        }
    }

    #[test]
    fn counts_never_panic_and_stay_bounded(s in "[ -~]{0,200}") {
        for c in imrcheck::extract::count::counts(&s) {
            prop_assert!(c.value > 0 && c.value <= 2000);
            prop_assert!(c.start <= c.end && c.end <= s.len());
        }
    }
}
