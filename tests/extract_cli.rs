//! CLI tests for `claimtrace extract`: constructions on invented articles, and bad input.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn bin() -> Command {
    Command::cargo_bin("claimtrace").expect("binary built")
}

fn extract_json(dir: &Path, name: &str, text: &str) -> Value {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write article");
    let out = bin()
        .arg("extract")
        .arg(&path)
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

/// An invented wire story using the constructions newswire attributions take.
const STORY: &str = "Blast hits port city\n\nMarch 3, 2024 - 10:00\n\n\
OSLAND - A fuel depot was hit by two rockets, according to a port authority spokeswoman. \
The spokeswoman has been quoted as saying firefighters contained the blaze while a third rocket fell short.\n\n\
According to two harbour officials speaking to Agence France-Presse on condition of anonymity; nine workers were hurt in the blast.\n\n\
Three council members also spoke to Bloomberg saying the depot had been hit by at least “one rocket”.\n\n\
Police sources told AFP that “five guards” have been injured.\n\n\
The spokesman for the Coast Guard, Rear Admiral Nils Varga, confirmed the strike. He says the launch site has been located.\n\n\
Mara Lind called for calm saying “nobody should take the law into their own hands, and according to our information the danger has passed”.\n\n\
“We are safe now,” said Jon Berg, a dock worker. “The fire is out.”\n\n\
Leave a Comment\n";

#[test]
fn finds_newswire_constructions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let v = extract_json(dir.path(), "story.txt", STORY);
    let claims = v["claims"].as_array().expect("claims");
    let speakers = v["speakers"].as_array().expect("speakers");
    let by_speaker = |needle: &str| {
        claims
            .iter()
            .find(|c| {
                c["speaker"]["text"]
                    .as_str()
                    .is_some_and(|t| t.contains(needle))
            })
            .unwrap_or_else(|| panic!("no claim with speaker containing {needle:?}: {claims:#?}"))
    };
    let entity_name = |c: &Value| -> String {
        let id = c["speaker"]["entity"].as_str().expect("resolved");
        speakers
            .iter()
            .find(|s| s["id"] == id)
            .expect("speaker entity")["name"]
            .as_str()
            .unwrap_or("")
            .to_owned()
    };

    let c = by_speaker("port authority spokeswoman");
    assert_eq!(c["rule"], "according-to");
    assert_eq!(c["anonymous"], true);
    assert!(c["content"][0]["text"]
        .as_str()
        .unwrap_or("")
        .contains("fuel depot"));

    let c = by_speaker("two harbour officials");
    assert_eq!(c["channel"]["name"], "Agence France-Presse");
    assert_eq!(c["anonymous"], true);
    assert!(c["anonymity"]["reason"]["text"]
        .as_str()
        .unwrap_or("")
        .contains("condition of anonymity"));
    assert!(c["content"][0]["text"]
        .as_str()
        .unwrap_or("")
        .starts_with("nine workers"));

    let c = by_speaker("Three council members");
    assert_eq!(c["channel"]["name"], "Bloomberg");
    assert!(c["hedges"]
        .as_array()
        .is_some_and(|h| h.iter().any(|a| a["text"] == "at least")));

    let c = by_speaker("Police sources");
    assert_eq!(c["channel"]["name"], "Agence France-Presse");
    assert_eq!(c["cue"]["text"], "told");

    let he = claims
        .iter()
        .find(|c| c["speaker"]["text"] == "He")
        .expect("He says");
    assert_eq!(entity_name(he), "Rear Admiral Nils Varga");

    let c = by_speaker("Mara Lind");
    let quote = claims
        .iter()
        .find(|c| c["speaker"]["text"] == "Mara Lind" && c["mode"] == "direct")
        .unwrap_or(c);
    assert!(quote["content"][0]["text"]
        .as_str()
        .unwrap_or("")
        .contains("nobody should take the law"));
    // The attribution inside the quotation belongs to the speaker, not the article.
    let nested = claims
        .iter()
        .find(|c| c["cue"]["text"] == "according to" && c["speaker"]["text"] == "our information");
    if let Some(n) = nested {
        assert!(n["nested_in"].is_string(), "nested claim not marked: {n:#}");
    }
    assert!(claims
        .iter()
        .all(|c| !(c["speaker"]["text"] == "our information" && c["nested_in"].is_null())));

    let c = by_speaker("Jon Berg");
    assert_eq!(c["rule"], "content-cue-source");
    assert_eq!(c["mode"], "direct");
    // The second quotation continues Jon Berg's words.
    assert!(
        c["content"].as_array().is_some_and(|a| a.len() == 2),
        "{c:#}"
    );

    // Article metadata and layout.
    assert_eq!(v["article"]["metadata"]["date"], "2024-03-03");
    assert_eq!(v["article"]["metadata"]["title"], "Blast hits port city");
    // The dateline is not a speaker.
    assert!(claims.iter().all(|c| c["speaker"]["text"] != "OSLAND"));
}

/// Constructions a new-user trial and the seed's review showed going wrong.
const HARDER: &str = "Storm floods valley\n\nA senior fire official, speaking to Reuters on condition of anonymity because he was not \
authorised to brief the media, said 41 homes were lost.\n\n\
No group claimed responsibility for the outage.\n\n\
The River Board statement did not mention the number of evacuees.\n\n\
The statement added that crews would work through the night.\n\n\
Several towns in the region condemned the delay.\n";

#[test]
fn interjections_negations_and_relative_clauses() {
    let dir = tempfile::tempdir().expect("tempdir");
    let v = extract_json(dir.path(), "harder.txt", HARDER);
    let claims = v["claims"].as_array().expect("claims");
    let speakers = v["speakers"].as_array().expect("speakers");
    let speaker_of = |cue: &str| -> Option<String> {
        claims
            .iter()
            .find(|c| c["cue"]["text"].as_str().is_some_and(|t| t.contains(cue)))
            .map(|c| c["speaker"]["text"].as_str().unwrap_or("").to_owned())
    };
    // An interjection with a stated reason between source and cue.
    let c = claims
        .iter()
        .find(|c| c["cue"]["text"] == "said")
        .unwrap_or_else(|| panic!("no 'said' claim: {claims:#?}"));
    assert_eq!(c["speaker"]["text"], "A senior fire official");
    assert_eq!(c["channel"]["name"], "Reuters");
    assert_eq!(c["anonymous"], true);
    assert!(c["anonymity"]["reason"]["text"]
        .as_str()
        .unwrap_or("")
        .contains("because he was not"));
    assert_eq!(c["content"][0]["text"], "41 homes were lost");
    // Nothing inside the interjection is a claim of its own.
    assert!(
        claims.iter().all(|c| c["speaker"]["text"] != "he"),
        "{claims:#?}"
    );
    // A negated source quotes nobody.
    assert!(claims.iter().all(|c| !c["speaker"]["text"]
        .as_str()
        .unwrap_or("")
        .starts_with("No ")));
    // Negation between subject and cue; the document stands for the body named in it.
    assert_eq!(
        speaker_of("mention").as_deref(),
        Some("The River Board statement")
    );
    // The speaker entity of the claim with this cue.
    let entity_of = |cue: &str| -> &Value {
        let c = claims
            .iter()
            .find(|c| c["cue"]["text"] == cue)
            .unwrap_or_else(|| panic!("no claim with cue {cue:?}"));
        let id = c["speaker"]["entity"].as_str().expect("resolved");
        speakers.iter().find(|s| s["id"] == id).expect("entity")
    };
    assert_eq!(entity_of("added")["name"], "River Board");
    // A capitalised adjective opening a sentence is no person's name.
    let entity = entity_of("condemned");
    assert_ne!(entity["name"], "Several");
    assert_ne!(entity["kind"], "person");
}

#[test]
fn spans_are_code_point_offsets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "Überschrift\n\n“Ça va très bien,” said Zoë Ørsted, a café owner in Malmö.\n";
    let v = extract_json(dir.path(), "u.txt", text);
    let chars: Vec<char> = text.chars().collect();
    let c = &v["claims"][0];
    for part in [&c["speaker"], &c["cue"], &c["content"][0]] {
        let (s, e) = (
            part["start"].as_u64().unwrap_or(0) as usize,
            part["end"].as_u64().unwrap_or(0) as usize,
        );
        let slice: String = chars[s..e].iter().collect();
        assert_eq!(slice, part["text"].as_str().unwrap_or(""));
    }
    assert!(c["speaker"]["text"]
        .as_str()
        .unwrap_or("")
        .starts_with("Zoë Ørsted"));
}

#[test]
fn handles_bom_crlf_nbsp_and_zero_width() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "\u{FEFF}Title\r\n\r\nThe mayor\u{00A0}said\u{200B} the bridge would reopen.\r\n";
    let v = extract_json(dir.path(), "crlf.txt", text);
    let c = &v["claims"][0];
    assert_eq!(c["speaker"]["text"], "The mayor");
    assert_eq!(c["cue"]["text"], "said");
    // Offsets count from the first character after the byte-order mark.
    let body: Vec<char> = text.trim_start_matches('\u{FEFF}').chars().collect();
    let s = c["cue"]["start"].as_u64().unwrap_or(0) as usize;
    assert_eq!(body[s..s + 4].iter().collect::<String>(), "said");
}

#[test]
fn empty_file_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("empty.txt");
    std::fs::write(&p, "").expect("write");
    bin()
        .arg("extract")
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty.txt").and(predicate::str::contains("empty")));
}

#[test]
fn binary_file_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("image.txt");
    std::fs::write(&p, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").expect("write");
    bin()
        .arg("extract")
        .arg(&p)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("image.txt").and(predicate::str::contains("binary")));
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("latin1.txt");
    std::fs::write(&p, b"Caf\xe9 owners said prices rose.").expect("write");
    bin().arg("extract").arg(&p).assert().code(2).stderr(
        predicate::str::contains("latin1.txt").and(predicate::str::contains("byte offset 3")),
    );
}

#[test]
fn missing_file_is_a_clear_error() {
    bin()
        .args(["extract", "no/such/article.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/article.txt"));
}

#[test]
fn fifty_megabyte_line_does_not_break() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("huge.txt");
    // One line, no paragraph break, an attribution and stray quotation marks now and then.
    let unit = format!(
        "{}Officials said “the “count” was ‘high’ and protesters' votes rose, ",
        "the committee met on the budget and the river road again ".repeat(16)
    );
    let mut text = String::with_capacity(50 * 1024 * 1024 + unit.len());
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(&unit);
    }
    std::fs::write(&p, &text).expect("write");
    let out = bin().arg("extract").arg(&p).output().expect("runs");
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("huge.txt"));
}

#[test]
fn unbalanced_and_mixed_quotes_do_not_panic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = [
        "T\n\nShe said “it never closes. And it goes on.\n\nHe said: ” stray closer.\n",
        "T\n\n«Nous partons», said the envoy. ‘Single’ and “double\" marks, said Ana.\n",
        "T\n\nHe said “one ‘two «three» two’ one” and left. The protesters' march went on, police said.\n",
        "T\n\n\" \" ' ' “ ” ‘ ’ « » said said said according to\n",
    ];
    for (i, text) in cases.iter().enumerate() {
        let v = extract_json(dir.path(), &format!("q{i}.txt"), text);
        let chars: Vec<char> = text.chars().collect();
        for c in v["claims"].as_array().into_iter().flatten() {
            for a in c["content"].as_array().into_iter().flatten() {
                let (s, e) = (
                    a["start"].as_u64().unwrap_or(0) as usize,
                    a["end"].as_u64().unwrap_or(0) as usize,
                );
                assert!(s <= e && e <= chars.len());
                assert_eq!(
                    chars[s..e].iter().collect::<String>(),
                    a["text"].as_str().unwrap_or("")
                );
            }
        }
    }
}

#[test]
fn directories_expand_to_articles_as_json_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.txt"), "A\n\nThe mayor said it rained.\n").expect("write");
    std::fs::write(
        dir.path().join("b.txt"),
        "B\n\nThe judge said it was sunny.\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("notes.md"), "not an article").expect("write");
    let out = bin()
        .arg("extract")
        .arg(dir.path())
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["article"]["path"]
        .as_str()
        .unwrap_or("")
        .ends_with("a.txt"));
    for l in &lines {
        for key in ["claims", "speakers", "assertions"] {
            assert!(l[key].is_array(), "{key} missing");
        }
    }
}

#[test]
fn a_bad_file_among_many_is_reported_and_the_rest_extracted() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.txt"), "A\n\nThe mayor said it rained.\n").expect("write");
    std::fs::write(dir.path().join("b.txt"), b"B\n\nThe \xff judge said so.\n").expect("write");
    std::fs::write(
        dir.path().join("c.txt"),
        "C\n\nThe judge said it was sunny.\n",
    )
    .expect("write");
    let out = bin()
        .arg("extract")
        .arg(dir.path())
        .args(["--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("b.txt") && stderr.contains("byte offset"),
        "{stderr}"
    );
    let paths: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("json line");
            v["article"]["path"].as_str().unwrap_or("").to_owned()
        })
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(paths[0].ends_with("a.txt") && paths[1].ends_with("c.txt"));
}
