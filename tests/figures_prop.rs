//! Property tests for figures: whatever the text and the spans, every figure (and every
//! state) lies inside its source span, its text is exactly that slice of code points, its
//! interval is well formed, and nothing panics.

use claimtrace::figures::{find_figures, find_states, SourceSpan};
use claimtrace::measures::Lexicon;
use proptest::prelude::*;

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("at least".to_owned()),
        Just("more than".to_owned()),
        Just("up to".to_owned()),
        Just("nearly".to_owned()),
        Just("about".to_owned()),
        Just("between".to_owned()),
        Just("and".to_owned()),
        Just("to".to_owned()),
        Just("of the".to_owned()),
        Just("members of".to_owned()),
        Just("a third".to_owned()),
        Just("with an".to_owned()),
        Just("a dozen".to_owned()),
        Just("dozens of".to_owned()),
        Just("tens of thousands".to_owned()),
        Just("no one".to_owned()),
        Just("others".to_owned()),
        Just("drones".to_owned()),
        Just("unmanned aerial vehicles".to_owned()),
        Just("protesters".to_owned()),
        Just("people".to_owned()),
        Just("were killed".to_owned()),
        Just("injured".to_owned()),
        Just("death toll".to_owned()),
        Just("attack".to_owned()),
        Just("protest".to_owned()),
        Just("was not harmed".to_owned()),
        Just("taken to hospital".to_owned()),
        Just("Prime Minister".to_owned()),
        Just("seven".to_owned()),
        Just("twenty-five".to_owned()),
        Just("338,000".to_owned()),
        Just("2.5 million".to_owned()),
        Just("hundred".to_owned()),
        Just("dozen".to_owned()),
        Just("nearly".to_owned()),
        Just("10^40".to_owned()),
        Just("-5".to_owned()),
        Just("100-300".to_owned()),
        Just("“".to_owned()),
        Just("”".to_owned()),
        Just("’s".to_owned()),
        Just(", ".to_owned()),
        Just(". ".to_owned()),
        Just("\n\n".to_owned()),
        "[0-9]{1,45}",
        "[A-Za-zÀ-ÿ]{1,8}",
        "\\PC{0,4}",
    ]
}

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..60).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn figure_spans_lie_in_the_text(text in article(), cuts in prop::collection::vec((0usize..400, 0usize..400), 0..5)) {
        let lex = Lexicon::default_lexicon();
        let chars: Vec<char> = text.chars().collect();
        let n = chars.len();
        let mut spans = vec![SourceSpan { source: 0, start: 0, end: n }];
        for (k, (a, b)) in cuts.into_iter().enumerate() {
            let (s, e) = (a.min(b).min(n), a.max(b).min(n));
            spans.push(SourceSpan { source: k + 1, start: s, end: e });
        }
        let (figs, _warnings) = find_figures(&text, &spans, &lex);
        for f in &figs {
            prop_assert!(f.start < f.end && f.end <= n, "{f:?}");
            let slice: String = chars[f.start..f.end].iter().collect();
            prop_assert_eq!(&slice, &f.text);
            let sp = spans.iter().find(|s| s.source == f.source).expect("source span");
            prop_assert!(sp.start <= f.start && f.end <= sp.end, "{f:?} outside {sp:?}");
            if let Some(max) = f.value.interval.max {
                prop_assert!(f.value.interval.min <= max, "{f:?}");
            }
        }
        for s in find_states(&text, &spans, &lex) {
            prop_assert!(s.start < s.end && s.end <= n);
            let slice: String = chars[s.start..s.end].iter().collect();
            prop_assert_eq!(slice, s.text);
        }
    }
}
