//! `claimtrace conflicts` end to end: the seed's disputes, invented articles with disputed
//! figures (one measure each, exact relations), a conflict that only appears across
//! articles, hand-written figures in a claims file, and bad input.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const SEED: &str = "seeds/000_58f513141cac499c.txt";
const FIXTURES: &str = "tests/fixtures/consistency";

fn conflicts_json(args: &[&str]) -> Value {
    let out = Command::cargo_bin("claimtrace")
        .expect("binary")
        .arg("conflicts")
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// Articles read by extraction only (an empty claim store).
fn extracted(paths: &[&str]) -> Value {
    let dir = tempfile::tempdir().expect("tempdir");
    let claims = dir.path().join("claims");
    let claims = claims.to_str().expect("utf-8 path").to_owned();
    let mut args: Vec<&str> = paths.to_vec();
    args.push("--claims");
    args.push(&claims);
    conflicts_json(&args)
}

fn measure<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["measures"]
        .as_array()
        .expect("measures")
        .iter()
        .find(|m| m["measure"] == id)
        .unwrap_or_else(|| panic!("no measure {id} in {v:#}"))
}

/// (a, b, kind) of every relation of a measure.
fn relations(m: &Value) -> Vec<(String, String, String)> {
    m["relations"]
        .as_array()
        .expect("relations")
        .iter()
        .map(|r| {
            (
                r["a"].as_str().unwrap_or_default().to_owned(),
                r["b"].as_str().unwrap_or_default().to_owned(),
                r["kind"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn rel(a: &str, b: &str, kind: &str) -> (String, String, String) {
    (a.to_owned(), b.to_owned(), kind.to_owned())
}

/// (claim, display) of every figure of a measure.
fn figures(m: &Value) -> Vec<(String, String)> {
    m["figures"]
        .as_array()
        .expect("figures")
        .iter()
        .map(|f| {
            (
                f["claim"].as_str().unwrap_or_default().to_owned(),
                f["display"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn fig(c: &str, d: &str) -> (String, String) {
    (c.to_owned(), d.to_owned())
}

fn disputed_ids(v: &Value) -> Vec<String> {
    v["measures"]
        .as_array()
        .expect("measures")
        .iter()
        .filter(|m| m["verdict"] == "conflict" || m["verdict"] == "divergent")
        .map(|m| m["measure"].as_str().unwrap_or_default().to_owned())
        .collect()
}

// ---------------------------------------------------------------------------------------
// The seed (its reviewed claims file in claims/)
// ---------------------------------------------------------------------------------------

#[test]
fn seed_drones_three_one_two_conflict() {
    let v = conflicts_json(&[SEED]);
    let m = measure(&v, "drone/used@attack");
    assert_eq!(
        figures(m),
        vec![
            fig("c1", "3"),
            fig("c2", "≥3"),
            fig("c3", "1"),
            fig("c4", "1"),
            fig("c11", "1"),
            fig("c19", "2"),
        ]
    );
    assert_eq!(
        relations(m),
        vec![
            rel("c1", "c2", "corroborates"),
            rel("c1", "c3", "conflicts"),
            rel("c1", "c19", "conflicts"),
            rel("c2", "c3", "conflicts"),
            rel("c2", "c19", "conflicts"),
            rel("c3", "c4", "corroborates"),
            rel("c3", "c11", "corroborates"),
            rel("c3", "c19", "conflicts"),
        ]
    );
    assert_eq!(m["verdict"], "conflict");
    // Interior ministry spokesman, PM's office (twice, one source), armed forces
    // spokesman, two officials to AP.
    assert_eq!(m["independent_sources"], 4);
    let one = m["readings"]
        .as_array()
        .expect("readings")
        .iter()
        .find(|r| r["value"] == "1")
        .expect("reading 1");
    assert_eq!(one["independent_sources"], 2);
    assert_eq!(m["figures"][5]["channel"], "The Associated Press");
    assert_eq!(m["figures"][2]["text"], "an explosives-laden drone");
    assert_eq!(m["figures"][1]["qualifier"], "at_least");
    assert_eq!(m["figures"][1]["min"], 3);
    assert_eq!(m["figures"][1]["max"], Value::Null);
}

#[test]
fn seed_guards_seven_vs_six_conflict() {
    let v = conflicts_json(&[SEED]);
    let m = measure(&v, "guard/injured@attack");
    assert_eq!(figures(m), vec![fig("c19", "7"), fig("c21", "6")]);
    assert_eq!(relations(m), vec![rel("c19", "c21", "conflicts")]);
    assert_eq!(m["figures"][0]["channel"], "The Associated Press");
    assert_eq!(m["figures"][1]["channel"], "Reuters");
    assert_eq!(m["independent_sources"], 2);
}

#[test]
fn seed_protest_deaths_divergent_not_conflict() {
    let v = conflicts_json(&[SEED]);
    let m = measure(&v, "protester/killed@protest");
    assert_eq!(figures(m), vec![fig("a1", "≥1"), fig("c24", "4")]);
    assert_eq!(relations(m), vec![rel("a1", "c24", "divergent")]);
    assert_eq!(m["verdict"], "divergent");
    assert_eq!(
        m["figures"][1]["speaker"],
        "Other reports and statements by officials"
    );
}

#[test]
fn seed_no_false_conflicts() {
    let v = conflicts_json(&[SEED]);
    // Exactly the three disputes (and the injured protesters stay apart from the guards).
    assert_eq!(
        disputed_ids(&v),
        vec![
            "drone/used@attack".to_owned(),
            "guard/injured@attack".to_owned(),
            "protester/killed@protest".to_owned(),
        ]
    );
    let injured = measure(&v, "protester/injured@protest");
    assert_eq!(figures(injured), vec![fig("a1", "120")]);
    for m in v["measures"].as_array().expect("measures") {
        for f in m["figures"].as_array().expect("figures") {
            let text = f["text"].as_str().unwrap_or_default();
            // al-Askari's "lose a drone" is not a drone count.
            assert_ne!(f["claim"], "c39", "{text}");
            assert_ne!(f["claim"], "c40", "{text}");
            // "at least one explosion" is not a death toll.
            if text.contains("explosion") {
                assert_eq!(m["measure"], "explosion/occurred@attack");
            }
        }
    }
}

#[test]
fn seed_prime_minister_unharmed_vs_hospital() {
    let v = conflicts_json(&[SEED]);
    let states = v["states"].as_array().expect("states");
    assert_eq!(states.len(), 1);
    let s = &states[0];
    assert_eq!(s["state"], "harmed");
    assert_eq!(s["label"], "Mustafa al-Kadhimi harmed");
    assert_eq!(
        relations(s),
        vec![
            rel("c4", "c8", "corroborates"),
            rel("c4", "c9", "conflicts"),
            rel("c8", "c9", "conflicts"),
        ]
    );
}

#[test]
fn seed_text_and_markdown() {
    Command::cargo_bin("claimtrace")
        .expect("binary")
        .args(["conflicts", SEED])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "drones used (the attack) [drone/used@attack]: CONFLICT, 4 independent sources",
        ))
        .stdout(predicate::str::contains("c3 ≠ c19  conflicts"));
    let out = Command::cargo_bin("claimtrace")
        .expect("binary")
        .args(["conflicts", SEED, "--format", "markdown"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).expect("utf-8");
    insta::assert_snapshot!("seed_report_markdown", md);
    let out = Command::cargo_bin("claimtrace")
        .expect("binary")
        .args(["conflicts", SEED, "--format", "json"])
        .output()
        .expect("run");
    assert!(out.status.success());
    insta::assert_snapshot!(
        "seed_report_json",
        String::from_utf8(out.stdout).expect("utf-8")
    );
}

// ---------------------------------------------------------------------------------------
// Invented articles, read by extraction
// ---------------------------------------------------------------------------------------

#[test]
fn stadium_crush_deaths_diverge_injuries_and_crowd_conflict() {
    let v = extracted(&[&format!("{FIXTURES}/stadium_crush.txt")]);
    let killed = measure(&v, "person/killed@accident");
    assert_eq!(figures(killed), vec![fig("c1", "≥12"), fig("c2", "15")]);
    assert_eq!(relations(killed), vec![rel("c1", "c2", "divergent")]);
    let injured = measure(&v, "person/injured@accident");
    assert_eq!(figures(injured), vec![fig("c2", "40"), fig("c3", "60")]);
    assert_eq!(relations(injured), vec![rel("c2", "c3", "conflicts")]);
    let crowd = measure(&v, "spectator/attended@accident");
    assert_eq!(
        figures(crowd),
        vec![fig("c4", "~30000"), fig("c5", "≤45000")]
    );
    assert_eq!(relations(crowd), vec![rel("c4", "c5", "conflicts")]);
    assert_eq!(crowd["figures"][1]["channel"], "Reuters");
}

#[test]
fn rocket_barrage_counts_conflict_across_outlets() {
    let v = extracted(&[&format!("{FIXTURES}/rocket_barrage.txt")]);
    let fired = measure(&v, "missile/used@attack");
    assert_eq!(figures(fired), vec![fig("c1", "20"), fig("c3", "35")]);
    assert_eq!(relations(fired), vec![rel("c1", "c3", "conflicts")]);
    assert_eq!(fired["figures"][1]["channel"], "Al Jazeera");
    let intercepted = measure(&v, "missile/intercepted");
    assert_eq!(figures(intercepted), vec![fig("c2", "18")]);
    let wounded = measure(&v, "person/injured@attack");
    assert_eq!(figures(wounded), vec![fig("c4", "2"), fig("c5", "3")]);
    assert_eq!(relations(wounded), vec![rel("c4", "c5", "conflicts")]);
}

#[test]
fn capital_march_crowd_sizes_and_arrests() {
    let v = extracted(&[&format!("{FIXTURES}/capital_march.txt")]);
    let crowd = measure(&v, "protester/attended@protest");
    assert_eq!(
        figures(crowd),
        vec![
            fig("c1", "100000"),
            fig("c2", "20000"),
            fig("c3", "30000–40000")
        ]
    );
    assert_eq!(
        relations(crowd),
        vec![
            rel("c1", "c2", "conflicts"),
            rel("c1", "c3", "conflicts"),
            rel("c2", "c3", "conflicts"),
        ]
    );
    assert_eq!(crowd["figures"][2]["qualifier"], "range");
    assert_eq!(crowd["figures"][2]["min"], 30000);
    assert_eq!(crowd["figures"][2]["max"], 40000);
    let arrests = measure(&v, "protester/arrested@protest");
    assert_eq!(figures(arrests), vec![fig("c4", "25"), fig("c5", "≥40")]);
    assert_eq!(relations(arrests), vec![rel("c4", "c5", "conflicts")]);
}

#[test]
fn mine_collapse_conflict_and_update_from_the_same_source() {
    let v = extracted(&[&format!("{FIXTURES}/mine_collapse.txt")]);
    let missing = measure(&v, "worker/missing@accident");
    assert_eq!(figures(missing), vec![fig("c1", "9"), fig("c2", "≥14")]);
    assert_eq!(relations(missing), vec![rel("c1", "c2", "conflicts")]);
    let dead = measure(&v, "worker/killed@accident");
    assert_eq!(figures(dead), vec![fig("c3", "2"), fig("c4", "5")]);
    assert_eq!(relations(dead), vec![rel("c3", "c4", "update")]);
    assert_eq!(dead["independent_sources"], 1);
    assert_eq!(dead["verdict"], "single_source");
}

#[test]
fn border_airstrike_civilian_toll_and_zero() {
    let v = extracted(&[&format!("{FIXTURES}/border_airstrike.txt")]);
    let civ = measure(&v, "civilian/killed@attack");
    assert_eq!(
        figures(civ),
        vec![fig("c1", "23"), fig("c2", "0"), fig("c3", "≥20")]
    );
    assert_eq!(
        relations(civ),
        vec![
            rel("c1", "c2", "conflicts"),
            rel("c1", "c3", "divergent"),
            rel("c2", "c3", "conflicts"),
        ]
    );
    // The militants are another measure, not compared with the civilians.
    let militants = measure(&v, "soldier/killed@attack");
    assert_eq!(figures(militants), vec![fig("c2", "8")]);
    assert_eq!(relations(militants), vec![]);
}

#[test]
fn coastal_storm_evacuations_conflict_deaths_diverge() {
    let v = extracted(&[&format!("{FIXTURES}/coastal_storm.txt")]);
    let evac = measure(&v, "person/rescued@disaster");
    assert_eq!(
        figures(evac),
        vec![fig("c1", "338000"), fig("c2", "≥400001")]
    );
    assert_eq!(relations(evac), vec![rel("c1", "c2", "conflicts")]);
    let dead = measure(&v, "person/killed@disaster");
    assert_eq!(figures(dead), vec![fig("c3", "≥4"), fig("c4", "6")]);
    assert_eq!(relations(dead), vec![rel("c3", "c4", "divergent")]);
}

#[test]
fn governor_unhurt_vs_taken_to_hospital() {
    let v = extracted(&[&format!("{FIXTURES}/governor_convoy.txt")]);
    let states = v["states"].as_array().expect("states");
    assert_eq!(states.len(), 1, "{v:#}");
    assert_eq!(states[0]["label"], "Rina Solano harmed");
    assert_eq!(relations(&states[0]), vec![rel("c2", "c3", "conflicts")]);
    assert_eq!(states[0]["statements"][0]["channel"], "Reuters");
    assert_eq!(states[0]["statements"][1]["holds"], true);
}

#[test]
fn conflict_only_across_articles() {
    let a = format!("{FIXTURES}/multi/ferry_a.txt");
    let b = format!("{FIXTURES}/multi/ferry_b.txt");
    // Each article alone: no dispute.
    assert!(disputed_ids(&extracted(&[&a])).is_empty());
    assert!(disputed_ids(&extracted(&[&b])).is_empty());
    // Together (as a directory): the port official's twelve conflicts with the coast
    // guard spokesman's seven; the spokesman (Yannis / Giannis Petrakis) is one source
    // across both articles, and his 41 rescued corroborates the coast guard's.
    let v = extracted(&[&format!("{FIXTURES}/multi")]);
    let m = measure(&v, "passenger/missing@accident");
    assert_eq!(figures(m), vec![fig("c1", "7"), fig("c2", "12")]);
    assert_eq!(relations(m), vec![rel("c1", "c2", "conflicts")]);
    assert_eq!(m["figures"][0]["article"], a);
    assert_eq!(m["figures"][1]["article"], b);
    assert_eq!(m["figures"][1]["channel"], "The Associated Press");
    let rescued = measure(&v, "passenger/rescued@accident");
    assert_eq!(figures(rescued), vec![fig("c2", "41"), fig("c1", "41")]);
    assert_eq!(relations(rescued), vec![rel("c2", "c1", "corroborates")]);
    assert_eq!(rescued["independent_sources"], 2);
    assert_eq!(m["figures"][0]["source"], rescued["figures"][1]["source"]);
    let spokesman = v["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .find(|s| s["articles"].as_array().is_some_and(|a| a.len() == 2))
        .expect("a source in both articles");
    assert_eq!(spokesman["name"], "Giannis Petrakis");
}

// ---------------------------------------------------------------------------------------
// Claims files, lexicons and bad input
// ---------------------------------------------------------------------------------------

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&p, text).expect("write");
    p.to_str().expect("utf-8").to_owned()
}

const HARBOUR: &str = "Harbour fire\n\nJuly 1, 2024\n\nPORTO (Reuters) - Three workers were injured in the fire, the port authority said.\n";

#[test]
fn figures_added_and_rejected_by_hand() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = write(dir.path(), "harbour.txt", HARBOUR);
    let claims = dir.path().join("claims");
    // Extract drafts, then add a figure by hand to the claims file.
    Command::cargo_bin("claimtrace")
        .expect("binary")
        .args(["extract", "--write", "--claims"])
        .arg(&claims)
        .arg(&article)
        .assert()
        .success();
    let ron_path = claims.join("harbour.ron");
    let ron = std::fs::read_to_string(&ron_path).expect("claims file");
    assert!(ron.contains("id: \"c1\""), "{ron}");
    let start = HARBOUR.find("Three").expect("figure");
    let with_figs = format!(
        "{},\n    figures: [\n        (claim: \"c1\", text: \"Three workers\", start: {start}, end: {}, min: 4, thing: \"worker\", happening: \"injured\", event: \"disaster\", note: \"corrected from the port bulletin\"),\n    ],\n)\n",
        ron.trim_end().trim_end_matches(')').trim_end().trim_end_matches(','),
        start + 13
    );
    std::fs::write(&ron_path, &with_figs).expect("write");
    let claims_s = claims.to_str().expect("utf-8");
    let v = conflicts_json(&[&article, "--claims", claims_s]);
    let m = measure(&v, "worker/injured@disaster");
    assert_eq!(figures(m), vec![fig("c1", "4")]);
    assert_eq!(m["figures"][0]["form"], "manual");
    // `extract --write` keeps the hand-written figures.
    Command::cargo_bin("claimtrace")
        .expect("binary")
        .args(["extract", "--write", "--claims"])
        .arg(&claims)
        .arg(&article)
        .assert()
        .success();
    let kept = std::fs::read_to_string(&ron_path).expect("claims file");
    assert!(kept.contains("corrected from the port bulletin"), "{kept}");
    // A rejected figure removes the extracted one.
    let rejected = kept.replace(
        "status: reviewed,\n            note: \"corrected",
        "status: rejected,\n            note: \"corrected",
    );
    assert_ne!(rejected, kept);
    std::fs::write(&ron_path, rejected).expect("write");
    let v = conflicts_json(&[&article, "--claims", claims_s]);
    assert!(
        v["measures"].as_array().expect("measures").is_empty(),
        "{v:#}"
    );
}

#[test]
fn user_lexicon_extends_the_default() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = write(
        dir.path(),
        "raid.txt",
        "Raid on depot\n\nJuly 1, 2024\n\nDEPOT (AP) - Attackers used four quadrocopters in the raid, the army said. A witness told Reuters that six quadrocopters were used in the raid.\n",
    );
    let lex = write(
        dir.path(),
        "lex.ron",
        "(synonyms: {\"quadrocopter\": \"quadcopter\"})\n",
    );
    let claims = dir.path().join("none");
    let v = conflicts_json(&[
        &article,
        "--lexicon",
        &lex,
        "--claims",
        claims.to_str().expect("utf-8"),
    ]);
    let m = measure(&v, "drone/used@attack");
    assert_eq!(relations(m), vec![rel("c1", "c2", "conflicts")]);
}

#[test]
fn bad_lexicon_syntax_names_file_line_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lex = write(
        dir.path(),
        "bad.ron",
        "(\n  synonyms: {\n    \"uav\" \"drone\",\n  },\n)\n",
    );
    Command::cargo_bin("claimtrace")
        .expect("binary")
        .args(["conflicts", SEED, "--lexicon", &lex])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.ron:3:"));
}

#[test]
fn lexicon_synonym_cycle_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lex = write(
        dir.path(),
        "cycle.ron",
        "(\n  synonyms: {\n    \"whirlybird\": \"chopper\",\n    \"chopper\": \"whirlybird\",\n  },\n)\n",
    );
    Command::cargo_bin("claimtrace")
        .expect("binary")
        .args(["conflicts", SEED, "--lexicon", &lex])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("synonyms form a cycle"))
        .stderr(predicate::str::contains("cycle.ron:"));
}

#[test]
fn huge_negative_and_absurd_numbers_warn_without_panic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = write(
        dir.path(),
        "odd.txt",
        "Odd figures\n\nJuly 1, 2024\n\nTOWN (AP) - Rebels launched 10^40 drones at the town, the army said. A witness said -5 drones were used. Officials said 99999999999999999999999999999999999999999 people were evacuated. Police said 5000000000000000 people were injured.\n",
    );
    let claims = dir.path().join("none");
    Command::cargo_bin("claimtrace")
        .expect("binary")
        .args(["conflicts", &article, "--claims"])
        .arg(&claims)
        .assert()
        .success()
        .stderr(predicate::str::contains("too large"))
        .stderr(predicate::str::contains("negative figure"))
        .stderr(predicate::str::contains("absurd figure"));
}

#[test]
fn same_article_twice_is_read_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = write(dir.path(), "one.txt", HARBOUR);
    let b = write(dir.path(), "copy/one_again.txt", HARBOUR);
    let claims = dir.path().join("none");
    let out = Command::cargo_bin("claimtrace")
        .expect("binary")
        .args(["conflicts", &a, &b, "--format", "json", "--claims"])
        .arg(&claims)
        .output()
        .expect("run");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("same article as"));
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["articles"].as_array().map(Vec::len), Some(1));
}

#[test]
fn missing_path_is_a_usage_error() {
    Command::cargo_bin("claimtrace")
        .expect("binary")
        .args(["conflicts", "no/such/article.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/article.txt"));
}
