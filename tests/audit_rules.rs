//! Every audit rule on invented articles: one where it fires, one where it must not.
//! The articles are plausible newswire; none of them comes from a real story.

use std::path::Path;

use claimtrace::audit::{self, Config, ConsistencyInput, FigureConflict, FigureSupport};
use claimtrace::Article;

fn article(body: &str) -> Article {
    let text = format!("Test story\n\nMarch 3, 2024\n\nPORTVILLE - {body}\n");
    Article::from_str(Path::new("test.txt"), &text)
}

/// The matched texts of rule `rule`'s findings.
fn found(body: &str, rule: &str) -> Vec<String> {
    let a = article(body);
    audit::audit_article(&a, &Config::default())
        .into_iter()
        .filter(|f| f.rule == rule)
        .map(|f| f.location.text)
        .collect()
}

#[test]
fn anonymous_no_reason_fires() {
    assert_eq!(
        found(
            "The cranes had failed twice, according to two senior port officials who spoke on condition of anonymity.",
            "anonymous-no-reason"
        ),
        vec!["two senior port officials"]
    );
}

#[test]
fn anonymous_no_reason_quiet_with_a_reason_or_a_name() {
    assert!(found(
        "Two senior port officials said the cranes had failed twice. They spoke on condition of anonymity because they were not authorized to discuss the inquiry.",
        "anonymous-no-reason"
    )
    .is_empty());
    assert!(found(
        "Two senior port officials told the Ledger on condition of anonymity that the cranes had failed twice, as they were not allowed to speak to reporters.",
        "anonymous-no-reason"
    )
    .is_empty());
    assert!(found(
        "Harbour master Lena Ortiz said the cranes had failed twice.",
        "anonymous-no-reason"
    )
    .is_empty());
}

#[test]
fn vague_source_fires() {
    assert_eq!(
        found(
            "Some officials said the bridge would stay closed until spring.",
            "vague-source"
        ),
        vec!["Some officials"]
    );
}

#[test]
fn vague_source_quiet_for_named_and_counted_sources() {
    assert!(found(
        "Transport Minister Ana Silva said the bridge would stay closed until spring.",
        "vague-source"
    )
    .is_empty());
    assert!(found(
        "Some neighbouring towns condemned the closure of the bridge.",
        "vague-source"
    )
    .is_empty());
}

#[test]
fn unattributed_claim_fires_on_casualty_figures() {
    let f = found(
        "Police fired on the crowd on Sunday, killing at least three people and wounding 40 others.",
        "unattributed-claim",
    );
    assert_eq!(
        f,
        vec!["killing at least three people and wounding 40 others"]
    );
}

#[test]
fn unattributed_claim_quiet_when_attributed_or_a_date() {
    assert!(found(
        "Police said they fired on the crowd on Sunday, killing at least three people and wounding 40 others.",
        "unattributed-claim"
    )
    .is_empty());
    assert!(found("The vote is set for October 12.", "unattributed-claim").is_empty());
}

#[test]
fn loaded_verb_fires() {
    assert_eq!(
        found("The mayor claimed the budget was balanced.", "loaded-verb"),
        vec!["claimed"]
    );
}

#[test]
fn loaded_verb_quiet_for_said_and_claimed_responsibility() {
    assert!(found("The mayor said the budget was balanced.", "loaded-verb").is_empty());
    assert!(found(
        "No group claimed responsibility for the blast at the depot.",
        "loaded-verb"
    )
    .is_empty());
}

#[test]
fn loaded_word_fires_in_own_voice() {
    assert_eq!(
        found(
            "The regime closed the border crossing on Monday.",
            "loaded-word"
        ),
        vec!["regime"]
    );
}

#[test]
fn loaded_word_quiet_inside_quotes() {
    assert!(found(
        "“The regime closed the border crossing,” the opposition leader said on Monday.",
        "loaded-word"
    )
    .is_empty());
}

#[test]
fn agentless_attribution_fires() {
    assert_eq!(
        found(
            "Reports that the minister had resigned have been dismissed as rumors. The minister has been quoted as saying the plan is dead.",
            "agentless-attribution"
        ),
        vec!["have been dismissed as rumors", "has been quoted as saying"]
    );
    assert_eq!(
        found(
            "It was reported that the ferry would be sold.",
            "agentless-attribution"
        ),
        vec!["It was reported that"]
    );
}

#[test]
fn agentless_attribution_quiet_with_an_agent() {
    assert!(found(
        "Reports that the minister had resigned have been dismissed as rumors by her office. The minister told the Daily Ledger the plan is dead.",
        "agentless-attribution"
    )
    .is_empty());
}

#[test]
fn garbled_attribution_fires() {
    assert_eq!(
        found(
            "The spokeswoman says said the road was open again.",
            "garbled-attribution"
        ),
        vec!["says said"]
    );
}

#[test]
fn garbled_attribution_quiet() {
    assert!(found(
        "The spokeswoman said the road was open again, and added that crews had left.",
        "garbled-attribution"
    )
    .is_empty());
}

#[test]
fn unbalanced_quote_fires() {
    assert_eq!(
        found(
            "The coach said “we will win the cup. Nobody believed him.\n\nThe season starts in May.",
            "unbalanced-quote"
        ),
        vec!["“"]
    );
    assert_eq!(
        found(
            "The coach said we will win” and walked off.",
            "unbalanced-quote"
        ),
        vec!["”"]
    );
}

#[test]
fn unbalanced_quote_quiet_when_the_quotation_runs_on() {
    assert!(found(
        "“We will win,” the coach said. “We trained all winter.\n\n“The cup is ours.”",
        "unbalanced-quote"
    )
    .is_empty());
}

#[test]
fn mismatched_quote_fires() {
    let f = found(
        "The coach said “we trained all winter” and then \"we will win the cup”.",
        "mismatched-quote",
    );
    assert_eq!(f, vec!["\""]);
}

#[test]
fn mismatched_quote_quiet() {
    assert!(found(
        "The coach said “we will win the cup”. \"We trained all winter,\" he added.",
        "mismatched-quote"
    )
    .is_empty());
}

#[test]
fn institution_as_speaker_fires() {
    assert_eq!(
        found(
            "The Regional Health Agency found the water was safe to drink.",
            "institution-as-speaker"
        ),
        vec!["The Regional Health Agency"]
    );
}

#[test]
fn institution_as_speaker_quiet_with_a_document_or_person() {
    assert!(found(
        "The Regional Health Agency said in a statement that the water was safe to drink.",
        "institution-as-speaker"
    )
    .is_empty());
    assert!(found(
        "Agency director Paul Hart said the water was safe to drink.",
        "institution-as-speaker"
    )
    .is_empty());
}

fn figure(claim: &str, text: &str, start: usize, sources: usize) -> FigureSupport {
    FigureSupport {
        article: "test.txt".into(),
        claim: claim.into(),
        measure: "guards-injured".into(),
        label: "guards injured".into(),
        text: text.into(),
        start,
        end: start + text.chars().count(),
        independent_sources: sources,
    }
}

#[test]
fn single_source_figure_fires_only_below_two_sources() {
    let input = ConsistencyInput {
        figures: vec![
            figure("c1", "seven guards", 10, 1),
            figure("c2", "six guards", 40, 2),
        ],
        conflicts: vec![],
    };
    let hits = input.hits_for("test.txt");
    assert_eq!(hits.len(), 1);
    assert_eq!((hits[0].rule, hits[0].start), ("single-source-figure", 10));
    let corroborated = ConsistencyInput {
        figures: vec![figure("c2", "six guards", 40, 2)],
        conflicts: vec![],
    };
    assert!(corroborated.hits_for("test.txt").is_empty());
}

#[test]
fn conflicting_figures_point_at_every_side() {
    let side =
        |claim: &str, text: &str, start: usize, speaker: &str| claimtrace::audit::ConflictSide {
            article: "test.txt".into(),
            claim: claim.into(),
            text: text.into(),
            start,
            end: start + text.chars().count(),
            speaker: Some(speaker.into()),
            side: 0,
        };
    let input = ConsistencyInput {
        figures: vec![],
        conflicts: vec![FigureConflict {
            measure: "guards-injured".into(),
            label: "guards injured".into(),
            sides: vec![
                side("c1", "seven guards", 10, "two officials"),
                claimtrace::audit::ConflictSide {
                    side: 1,
                    ..side("c2", "six guards", 40, "security sources")
                },
            ],
        }],
    };
    let hits = input.hits_for("test.txt");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].rule, "conflicting-figures");
    assert_eq!((hits[0].start, hits[0].end), (10, 22));
    assert_eq!(hits[0].related.len(), 1);
    assert_eq!(hits[0].related[0].0, 40);
    assert!(hits[0].message.contains("seven guards"));
    assert!(hits[0].message.contains("six guards"));
    let none = ConsistencyInput::default();
    assert!(none.hits_for("test.txt").is_empty());
}

#[test]
fn rules_have_doc_pages_and_explanations() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for r in audit::RULES {
        let page = root.join(r.doc_path());
        let text =
            std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
        assert!(text.contains("## Bad"), "{}: no bad example", r.id);
        assert!(text.contains("## Good"), "{}: no good example", r.id);
        assert!(
            ["AP", "Reuters", "NYT", "New York Times"]
                .iter()
                .any(|s| r.explanation.contains(s)),
            "{}: the explanation names no standard",
            r.id
        );
    }
}

#[test]
fn config_turns_rules_off_and_changes_severity() {
    let a = article("The mayor claimed the budget was balanced.");
    let cfg = Config::parse(
        Path::new("claimtrace.ron"),
        r#"(rules: {"loaded-verb": error})"#,
    )
    .expect("valid");
    let f = audit::audit_article(&a, &cfg);
    let lv: Vec<_> = f.iter().filter(|f| f.rule == "loaded-verb").collect();
    assert_eq!(lv.len(), 1);
    assert_eq!(lv[0].severity, audit::Severity::Error);
    let off = Config::parse(Path::new("c.ron"), r#"(rules: {"loaded-verb": off})"#).expect("valid");
    assert!(audit::audit_article(&a, &off)
        .iter()
        .all(|f| f.rule != "loaded-verb"));
}

#[test]
fn config_extends_word_lists() {
    let body =
        "The mayor stressed the budget was balanced. Well-placed people said the port would close.";
    let texts = |cfg: &Config| -> Vec<(&'static str, String)> {
        audit::audit_article(&article(body), cfg)
            .into_iter()
            .map(|f| (f.rule, f.location.text))
            .collect()
    };
    let plain = texts(&Config::default());
    assert!(
        !plain
            .iter()
            .any(|(r, _)| *r == "loaded-verb" || *r == "vague-source"),
        "{plain:?}"
    );
    let cfg = Config::parse(
        Path::new("c.ron"),
        r#"(loaded_verbs: ["stressed"], vague_sources: ["well-placed people"])"#,
    )
    .expect("valid");
    let extended = texts(&cfg);
    assert!(
        extended.contains(&("loaded-verb", "stressed".to_owned())),
        "{extended:?}"
    );
    assert!(
        extended.contains(&("vague-source", "Well-placed people".to_owned())),
        "{extended:?}"
    );
}

#[test]
fn config_allow_silences_but_counts() {
    let a = article("The spokeswoman says said the road was open again.");
    let cfg = Config::parse(
        Path::new("c.ron"),
        r#"(allow: [(rule: "garbled-attribution", path: "test.txt", text: "says said", reason: "quoted from the wire as published")])"#,
    )
    .expect("valid");
    let f = audit::audit_article(&a, &cfg);
    let g: Vec<_> = f
        .iter()
        .filter(|f| f.rule == "garbled-attribution")
        .collect();
    assert_eq!(g.len(), 1);
    assert_eq!(
        g[0].silenced.as_deref(),
        Some("quoted from the wire as published")
    );
}

#[test]
fn the_documented_configuration_parses() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/audit.md"))
        .expect("docs/audit.md");
    let start = doc.find("```ron\n(").expect("a RON example") + "```ron\n".len();
    let end = start + doc[start..].find("```").expect("closed");
    let cfg =
        Config::parse(Path::new("claimtrace.ron"), &doc[start..end]).expect("the example parses");
    assert!(!cfg.enabled("institution-as-speaker"));
    assert!(cfg.loaded_verbs.contains("trumpeted"));
    assert_eq!(cfg.allow.len(), 1);
}

#[test]
fn vague_source_fires_on_a_vague_subject_without_a_claim() {
    assert_eq!(
        found(
            "Some officials have raised questions about the contract.",
            "vague-source"
        ),
        vec!["Some officials"]
    );
    assert_eq!(
        found(
            "Others have already blamed the contractor for the delay.",
            "vague-source"
        ),
        vec!["Others"]
    );
}

#[test]
fn vague_source_quiet_when_the_subject_is_not_a_source() {
    assert!(found(
        "Some officials were injured in the blast at the depot.",
        "vague-source"
    )
    .is_empty());
}
