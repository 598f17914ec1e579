//! Property tests: every span extraction reports lies inside the text and its text is
//! exactly that slice of code points, whatever the input.

use std::path::Path;

use claimtrace::{extract, Article};
use proptest::prelude::*;

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("said".to_owned()),
        Just("according to".to_owned()),
        Just("told Reuters that".to_owned()),
        Just("“".to_owned()),
        Just("”".to_owned()),
        Just("\"".to_owned()),
        Just("'".to_owned()),
        Just("‘".to_owned()),
        Just("’".to_owned()),
        Just("«".to_owned()),
        Just("»".to_owned()),
        Just(", ".to_owned()),
        Just(". ".to_owned()),
        Just("\n\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\u{00A0}".to_owned()),
        Just("\u{200B}".to_owned()),
        Just("Maj. Gen.".to_owned()),
        Just("the spokesman".to_owned()),
        Just("He".to_owned()),
        Just("two officials".to_owned()),
        Just("at least 3".to_owned()),
        Just("— ".to_owned()),
        Just(": ".to_owned()),
        "[A-Za-zÀ-ÿ]{1,8}",
        "[ -~]{0,6}",
        "\\PC{0,4}",
    ]
}

fn article_text() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..60).prop_map(|parts| parts.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    // This test found a real bug: a text whose UTF-8 length is a multiple of the offset
    // table's block size reported its end as code point 0.
    #[test]
    fn spans_lie_inside_the_text_and_match_it(text in article_text()) {
        let article = Article::from_str(Path::new("p.txt"), &text);
        let ex = extract(&article);
        let chars: Vec<char> = article.text.chars().collect();
        let check = |t: &str, s: usize, e: usize| {
            prop_assert!(s <= e && e <= chars.len(), "span {}..{} outside {} chars", s, e, chars.len());
            prop_assert_eq!(chars[s..e].iter().collect::<String>(), t);
            Ok(())
        };
        for c in &ex.claims {
            if let Some(m) = &c.speaker { check(&m.text, m.start, m.end)?; }
            if let Some(a) = &c.cue { check(&a.text, a.start, a.end)?; }
            for a in c.content.iter().chain(c.hedges.iter()) { check(&a.text, a.start, a.end)?; }
            if let Some(ch) = &c.channel { check(&ch.text, ch.start, ch.end)?; }
            if let Some(r) = c.anonymity.as_ref().and_then(|a| a.reason.as_ref()) { check(&r.text, r.start, r.end)?; }
            if let Some(m) = &c.speaker {
                if let Some(id) = &m.entity {
                    prop_assert!(ex.speakers.iter().any(|s| &s.id == id), "dangling entity {}", id);
                }
            }
        }
        for a in &ex.assertions {
            check(&a.text, a.start, a.end)?;
            check(&a.trigger.text, a.trigger.start, a.trigger.end)?;
        }
    }
}
