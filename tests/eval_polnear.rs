//! `claimtrace eval` end to end: on the invented fixture corpus, and on the PolNeAR dev split
//! when it is present next to the repository (`../shared/polnear/dev`).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

#[path = "common/brat_fixture.rs"]
mod brat_fixture;

fn eval_json(dir: &Path) -> Value {
    let out = Command::cargo_bin("claimtrace")
        .expect("binary")
        .args(["eval", "--brat"])
        .arg(dir)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "claimtrace eval failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is one JSON object")
}

fn assert_shape(v: &Value) {
    for key in [
        "documents",
        "annotation_files",
        "gold",
        "predicted",
        "nested_skipped",
        "skipped_lines",
        "extraction_bytes",
        "threads",
    ] {
        assert!(v[key].is_u64(), "{key} should be a count: {v}");
    }
    for key in [
        "extraction_seconds",
        "extraction_cpu_seconds",
        "extraction_mb_per_s",
    ] {
        assert!(v[key].is_number(), "{key} should be a number: {v}");
    }
    let counts = |c: &Value, what: &str| {
        for k in ["p", "r", "f1"] {
            let x = c[k].as_f64().unwrap_or(f64::NAN);
            assert!((0.0..=1.0).contains(&x), "{what}.{k} = {x}");
        }
        for k in ["tp", "pred", "gold"] {
            assert!(c[k].is_u64(), "{what}.{k} should be a count");
        }
    };
    for measure in ["exact", "overlap"] {
        for part in ["source", "cue", "content", "relation"] {
            counts(&v[measure][part], &format!("{measure}.{part}"));
        }
    }
    counts(&v["relation"], "relation");
    assert_eq!(v["relation"], v["overlap"]["relation"]);
    assert_eq!(v["relation"]["gold"], v["gold"]);
    assert_eq!(v["relation"]["pred"], v["predicted"]);
}

#[test]
fn fixture_corpus_json_and_text() {
    let corpus = tempfile::tempdir().expect("tempdir");
    brat_fixture::write(corpus.path());
    let dir = corpus.path();
    let v = eval_json(dir);
    assert_shape(&v);
    assert_eq!(v["documents"], 2);
    assert_eq!(v["annotation_files"], 3);
    assert_eq!(v["gold"], 5);
    assert_eq!(v["skipped_lines"], 3);
    assert_eq!(v["exact"]["source"]["gold"], 4);

    let out = Command::cargo_bin("claimtrace")
        .expect("binary")
        .args(["eval", "--brat"])
        .arg(dir)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    for row in ["source", "cue", "content", "relation"] {
        assert!(
            stdout.lines().any(|l| l.starts_with(row)),
            "no {row} row in:\n{stdout}"
        );
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("harbour_storm_a001.ann:16:"),
        "skips are listed with file:line:\n{stderr}"
    );
}

#[test]
fn missing_corpus_is_an_error_naming_it() {
    let out = Command::cargo_bin("claimtrace")
        .expect("binary")
        .args(["eval", "--brat", "no/such/corpus"])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/corpus"));
}

#[test]
fn polnear_dev() {
    let dir: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/polnear/dev");
    if !dir.is_dir() {
        eprintln!("skipping: PolNeAR dev split not found at {}", dir.display());
        return;
    }
    let v = eval_json(&dir);
    assert_shape(&v);
    assert_eq!(v["documents"], 84);
    assert_eq!(v["annotation_files"], 94);
    assert!(v["gold"].as_u64().unwrap_or(0) > 0);
}
