//! Property test: the audit never panics, and every finding's span lies inside the text
//! with its reported text exactly that slice of code points, whatever the input.

use std::path::Path;

use claimtrace::audit::{audit_article, Config};
use claimtrace::Article;
use proptest::prelude::*;

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("said".to_owned()),
        Just("says said".to_owned()),
        Just("claimed".to_owned()),
        Just("according to".to_owned()),
        Just("have been dismissed as".to_owned()),
        Just("has been quoted as saying".to_owned()),
        Just("It was reported that".to_owned()),
        Just("reportedly".to_owned()),
        Just("Some officials".to_owned()),
        Just("on condition of anonymity".to_owned()),
        Just("The Agency found".to_owned()),
        Just("killing at least 3".to_owned()),
        Just("regime".to_owned()),
        Just("“".to_owned()),
        Just("”".to_owned()),
        Just("\"".to_owned()),
        Just("'".to_owned()),
        Just("‘".to_owned()),
        Just("’".to_owned()),
        Just("«".to_owned()),
        Just("''".to_owned()),
        Just(", ".to_owned()),
        Just(". ".to_owned()),
        Just("\n\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\u{00A0}".to_owned()),
        Just("\u{200B}".to_owned()),
        "[A-Za-zÀ-ÿ]{1,8}",
        "[ -~]{0,6}",
        "\\PC{0,4}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn findings_are_exact_slices(parts in proptest::collection::vec(fragment(), 1..60)) {
        let text = parts.join(" ");
        prop_assume!(!text.trim().is_empty());
        let article = Article::from_str(Path::new("p.txt"), &text);
        let chars: Vec<char> = text.chars().collect();
        for f in audit_article(&article, &Config::default()) {
            let l = &f.location;
            prop_assert!(l.start <= l.end && l.end <= chars.len(), "{f:?}");
            let slice: String = chars[l.start..l.end].iter().collect();
            prop_assert_eq!(&slice, &l.text);
            prop_assert!(l.line >= 1 && l.column >= 1);
        }
    }
}
