//! `claimtrace audit` end to end: the seed's audit (snapshots), SARIF against the official
//! 2.1.0 schema, GitHub annotations, exit codes, configuration errors, allow markers in the
//! claims file and stale reviewed claims.

use std::path::Path;

use assert_cmd::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn audit(args: &[&str]) -> (String, String, i32) {
    let out = Command::cargo_bin("claimtrace")
        .expect("binary")
        .current_dir(root())
        .arg("audit")
        .args(args)
        .output()
        .expect("runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn seed_audit_json_snapshot() {
    let (out, _, code) = audit(&["seeds/", "--format", "json"]);
    assert_eq!(code, 1, "errors reach the default --deny error");
    insta::assert_snapshot!("seed_audit_json", out);
}

#[test]
fn seed_audit_text_snapshot() {
    let (out, _, _) = audit(&["seeds/"]);
    insta::assert_snapshot!("seed_audit_text", out);
}

/// The bars of issue 5 on the seed, spelled out (the snapshot holds the rest).
#[test]
fn seed_audit_meets_the_bars() {
    let (out, _, _) = audit(&["seeds/", "--format", "json"]);
    let findings: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    let has = |rule: &str, text: &str| {
        findings
            .iter()
            .any(|f| f["rule"] == rule && f["text"] == text)
    };
    for source in [
        "two Iraqi officials",
        "Two government officials",
        "Security sources",
    ] {
        assert!(has("anonymous-no-reason", source), "{source}");
    }
    for source in [
        "Some officials",
        "Some",
        "Many Iraqi political and security officials",
        "Other reports and statements by officials",
    ] {
        assert!(has("vague-source", source), "{source}");
    }
    assert!(has(
        "unattributed-claim",
        "killing at least one protester, and injuring 120 others"
    ));
    assert!(has("garbled-attribution", "says said"));
    assert!(has(
        "agentless-attribution",
        "have been dismissed as rumors"
    ));
    let mismatched: Vec<_> = findings
        .iter()
        .filter(|f| f["rule"] == "mismatched-quote")
        .collect();
    assert_eq!(mismatched.len(), 2);
    // Code-point spans: the text at [start, end) is the reported text.
    let text =
        std::fs::read_to_string(root().join("seeds/000_58f513141cac499c.txt")).expect("seed");
    let chars: Vec<char> = text.chars().collect();
    for f in &findings {
        let (s, e) = (
            f["start"].as_u64().expect("start") as usize,
            f["end"].as_u64().expect("end") as usize,
        );
        let slice: String = chars[s..e].iter().collect();
        assert_eq!(slice, f["text"].as_str().expect("text"), "{f}");
    }
}

#[test]
fn seed_sarif_validates_against_the_schema() {
    let (out, _, _) = audit(&["seeds/", "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&out).expect("SARIF is JSON");
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/data/sarif-schema-2.1.0.json"))
            .expect("schema"),
    )
    .expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The validator does reject what the schema forbids.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    assert!(!validator.is_valid(&broken));
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), claimtrace::audit::RULES.len());
    for r in run["results"].as_array().expect("results") {
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        assert!(["note", "warning", "error"].contains(&r["level"].as_str().expect("level")));
    }
}

#[test]
fn github_annotations() {
    let (out, _, code) = audit(&["seeds/", "--format", "github"]);
    assert_eq!(code, 1);
    assert!(out.lines().all(|l| l.starts_with("::")));
    assert!(out.contains(
        "::error file=seeds/000_58f513141cac499c.txt,line=19,col=285,endLine=19,endColumn=294,title=claimtrace garbled-attribution::"
    ), "{out}");
}

#[test]
fn deny_levels_and_min_level() {
    assert_eq!(audit(&["seeds/", "--deny", "never"]).2, 0);
    assert_eq!(
        audit(&["seeds/", "--deny", "warning", "--format", "json"]).2,
        1
    );
    let (out, _, code) = audit(&["seeds/", "--min-level", "error", "--format", "json"]);
    assert_eq!(code, 1);
    assert!(
        out.lines().all(|l| l.contains("\"severity\":\"error\"")),
        "{out}"
    );
    // Usage errors: exit 2.
    assert_eq!(audit(&["seeds/", "--deny", "sometimes"]).2, 2);
    assert_eq!(audit(&["no/such/dir"]).2, 2);
}

#[test]
fn config_errors_are_located() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cfg = dir.path().join("claimtrace.ron");
    std::fs::write(&cfg, "(\n    rules: {},\n    colour: true,\n)\n").expect("write");
    let (_, err, code) = audit(&["seeds/", "--config", cfg.to_str().expect("utf-8")]);
    assert_eq!(code, 2);
    assert!(err.contains("claimtrace.ron:3:5"), "{err}");
}

/// Runs the binary in `dir`.
fn run_in(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let out = Command::cargo_bin("claimtrace")
        .expect("binary")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

const STORY: &str = "Road reopens\n\nMay 2, 2024\n\nDALEFORD - The spokeswoman says said the road was open again after the flood.\n";

#[test]
fn claims_file_note_silences_one_finding_and_counts_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.txt"), STORY).expect("write");
    let (_, err, code) = run_in(dir.path(), &["extract", "--write", "a.txt"]);
    assert_eq!(code, 0, "{err}");
    let (_, _, code) = run_in(dir.path(), &["audit", "a.txt"]);
    assert_eq!(code, 1, "the garbled attribution is an error");
    let claims = dir.path().join("claims/a.ron");
    let src = std::fs::read_to_string(&claims).expect("claims file");
    let edited = src.replacen(
        "status: draft,\n            note: None,",
        "status: reviewed,\n            note: \"audit-allow(garbled-attribution): as the wire published it\",",
        1,
    );
    assert_ne!(src, edited, "{src}");
    std::fs::write(&claims, edited).expect("write");
    let (out, err, code) = run_in(dir.path(), &["audit", "a.txt"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("= silenced: as the wire published it"),
        "{out}"
    );
    assert!(out.contains("1 silenced"), "{out}");
    let (json, _, _) = run_in(dir.path(), &["audit", "a.txt", "--format", "json"]);
    assert!(
        json.contains("\"silenced\":\"as the wire published it\""),
        "{json}"
    );
    let (sarif, _, _) = run_in(dir.path(), &["audit", "a.txt", "--format", "sarif"]);
    assert!(
        sarif.contains("\"justification\": \"as the wire published it\""),
        "{sarif}"
    );

    // The article changes under the reviewed claim: stale-claim, located in the claims file.
    std::fs::write(
        dir.path().join("a.txt"),
        STORY.replace("the road was open again", "the bridge stayed shut"),
    )
    .expect("write");
    let (out, _, code) = run_in(dir.path(), &["audit", "a.txt", "--format", "json"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.lines()
            .any(|l| l.contains("\"rule\":\"stale-claim\"")
                && l.contains("\"path\":\"claims/a.ron\"")),
        "{out}"
    );
}

#[test]
fn claims_file_without_the_finding_is_not_stale() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.txt"), STORY).expect("write");
    run_in(dir.path(), &["extract", "--write", "a.txt"]);
    let (out, _, _) = run_in(dir.path(), &["audit", "a.txt", "--format", "json"]);
    assert!(!out.contains("stale-claim"), "{out}");
}

#[test]
fn consistency_input_from_the_engine_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let story = "Guards hurt\n\nMay 2, 2024\n\nDALEFORD - Seven guards were injured, two officials told the Ledger. Security sources told the Courier that six guards were injured.\n";
    std::fs::write(dir.path().join("a.txt"), story).expect("write");
    let chars: Vec<char> = story.chars().collect();
    let at = |needle: &str| {
        let s: String = chars.iter().collect();
        let b = s.find(needle).expect("needle");
        let start = s[..b].chars().count();
        (start, start + needle.chars().count())
    };
    let (s1, e1) = at("Seven guards");
    let (s2, e2) = at("six guards");
    let json = serde_json::json!({"measures": [{
        "measure": "guards-injured", "label": "guards injured",
        "figures": [
            {"claim": "c1", "min": 7, "max": 7, "qualifier": "exact", "text": "Seven guards", "start": s1, "end": e1, "speaker": "two officials", "channel": "the Ledger", "article": "a.txt"},
            {"claim": "c2", "min": 6, "max": 6, "qualifier": "exact", "text": "six guards", "start": s2, "end": e2, "speaker": "Security sources", "channel": "the Courier", "article": "a.txt"}
        ],
        "relations": [{"a": "c1", "b": "c2", "kind": "conflicts"}],
        "independent_sources": 2
    }]});
    std::fs::write(dir.path().join("c.json"), json.to_string()).expect("write");
    let (out, err, _) = run_in(
        dir.path(),
        &[
            "audit",
            "a.txt",
            "--consistency",
            "c.json",
            "--format",
            "json",
        ],
    );
    let rules: Vec<String> = out
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|f| f["rule"] == "conflicting-figures" || f["rule"] == "single-source-figure")
        .map(|f| {
            format!(
                "{} {}",
                f["rule"].as_str().unwrap_or(""),
                f["text"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        rules,
        vec![
            "conflicting-figures Seven guards",
            "single-source-figure Seven guards",
            "single-source-figure six guards"
        ],
        "{out}{err}"
    );
}

/// The seed's drone and guard conflicts, with a stand-in for the consistency engine's
/// output (`tests/data/seed_consistency.json`, in the engine's JSON shape, figures and
/// relations as issue 3 expects them): every side is pointed at.
#[test]
fn seed_conflicts_with_the_engine_output() {
    let (out, _, _) = audit(&[
        "seeds/",
        "--consistency",
        "tests/data/seed_consistency.json",
        "--format",
        "json",
    ]);
    let conflicts: Vec<serde_json::Value> = out
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|f| f["rule"] == "conflicting-figures")
        .collect();
    assert_eq!(conflicts.len(), 2, "{out}");
    assert_eq!(conflicts[0]["text"], "three drones");
    assert_eq!(conflicts[0]["related"].as_array().map(Vec::len), Some(5));
    assert_eq!(
        conflicts[1]["text"],
        "seven of al-Kadhimi’s security personnel"
    );
    assert_eq!(
        conflicts[1]["related"][0]["text"],
        "six members of al-Kadhimi's personal protection force"
    );
}

#[test]
fn explain_prints_the_rule_and_its_standard() {
    let (out, _, code) = audit(&["--explain", "anonymous-no-reason"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("AP") && out.contains("docs/rules/anonymous-no-reason.md"),
        "{out}"
    );
    assert_eq!(audit(&["--explain", "no-such-rule"]).2, 2);
}
