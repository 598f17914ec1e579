//! `claimtrace check` and `claimtrace extract --write` end to end, on a small invented
//! article written into a temporary directory.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use claimtrace::model::{Anchor, Claim, Extraction, Mention, Mode, Speaker, SpeakerKind};
use claimtrace::store::{self, ClaimsFile, Status};
use claimtrace::Article;
use predicates::prelude::*;

const TEXT: &str = "Ferry timetable cut\n\nMay 9, 2023\n\nLAKESIDE — Winter ferries will run every two hours, the transport board said on Tuesday.\n\n“Nobody asked the islanders,” said Bo Lind, a ferry captain.\n";

/// Code-point span of `needle` inside the first occurrence of `context` in `text`.
fn span_in(text: &str, context: &str, needle: &str) -> (usize, usize) {
    let c = text.find(context).expect("context in text");
    let b = c + context.find(needle).expect("needle in context");
    let s = text[..b].chars().count();
    (s, s + needle.chars().count())
}

fn span(text: &str, needle: &str) -> (usize, usize) {
    span_in(text, needle, needle)
}

fn anchor(text: &str, context: &str, needle: &str) -> Anchor {
    let (start, end) = span_in(text, context, needle);
    Anchor {
        text: needle.to_owned(),
        start,
        end,
    }
}

/// A claim by `who` (mention, entity id) with the cue `said` found inside `cue_context`.
fn claim(
    text: &str,
    id: &str,
    who: (&str, &str),
    cue_context: &str,
    what: &str,
    mode: Mode,
) -> Claim {
    let (start, end) = span(text, who.0);
    Claim {
        id: id.to_owned(),
        speaker: Some(Mention {
            text: who.0.to_owned(),
            start,
            end,
            entity: Some(who.1.to_owned()),
        }),
        cue: Some(anchor(text, cue_context, "said")),
        content: vec![anchor(text, what, what)],
        channel: None,
        mode,
        anonymity: None,
        hedges: Vec::new(),
        rule: "test".to_owned(),
        nested_in: None,
    }
}

fn extraction(text: &str) -> Extraction {
    Extraction {
        claims: vec![
            claim(
                text,
                "c1",
                ("the transport board", "s1"),
                "board said",
                "Winter ferries will run every two hours",
                Mode::Indirect,
            ),
            claim(
                text,
                "c2",
                ("Bo Lind, a ferry captain", "s2"),
                "said Bo",
                "“Nobody asked the islanders,”",
                Mode::Direct,
            ),
        ],
        speakers: vec![
            Speaker {
                id: "s1".to_owned(),
                name: "the transport board".to_owned(),
                kind: SpeakerKind::Organization,
                aliases: Vec::new(),
                speaks_for: None,
            },
            Speaker {
                id: "s2".to_owned(),
                name: "Bo Lind".to_owned(),
                kind: SpeakerKind::Person,
                aliases: Vec::new(),
                speaks_for: None,
            },
        ],
        assertions: Vec::new(),
    }
}

/// A workspace: `news/ferry.txt` and `claims/ferry.ron` (both claims reviewed).
struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Workspace {
        let ws = Workspace {
            dir: tempfile::tempdir().expect("tempdir"),
        };
        ws.write_article(TEXT);
        let article = Article::from_str(Path::new("news/ferry.txt"), TEXT);
        let ex = extraction(TEXT);
        let (mut file, _) = store::merge(None, &article, &ex, "news/ferry.txt".to_owned());
        for c in &mut file.claims {
            c.status = Status::Reviewed;
        }
        ws.write_claims(&file);
        ws
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn write_article(&self, text: &str) {
        let p = self.path("news/ferry.txt");
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write article");
    }

    fn write_claims(&self, file: &ClaimsFile) {
        let src = store::to_ron(file).expect("serialises");
        self.write_claims_src(&src);
    }

    fn write_claims_src(&self, src: &str) {
        let p = self.path("claims/ferry.ron");
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, src).expect("write claims");
    }

    fn claims_src(&self) -> String {
        std::fs::read_to_string(self.path("claims/ferry.ron")).expect("read claims")
    }

    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("claimtrace").expect("binary");
        c.current_dir(self.dir.path());
        c
    }
}

/// 1-based line and column of the first `needle` in `src`.
fn line_col(src: &str, needle: &str) -> (usize, usize) {
    let b = src.find(needle).expect("needle in source");
    let line = src[..b].matches('\n').count() + 1;
    let start = src[..b].rfind('\n').map_or(0, |i| i + 1);
    (line, src[start..b].chars().count() + 1)
}

#[test]
fn clean_store_exits_0() {
    let ws = Workspace::new();
    ws.cmd()
        .arg("check")
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains("no findings"));
    // Files and directories given explicitly work too.
    ws.cmd()
        .args(["check", "claims/ferry.ron", "claims"])
        .assert()
        .code(0);
}

#[test]
fn syntax_error_is_a_finding_with_location_and_caret() {
    let ws = Workspace::new();
    let src = ws.claims_src();
    let broken = src.replacen("status: reviewed,", "status: reviewed", 1);
    ws.write_claims_src(&broken);
    let (line, col) = line_col(&broken, "note: None");
    ws.cmd()
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "claims/ferry.ron:{line}:{col}: Expected comma"
        )))
        .stdout(predicate::str::contains("▲"));
}

#[test]
fn unknown_field_is_named_with_its_position() {
    let ws = Workspace::new();
    let broken = ws.claims_src().replacen("hedges: []", "hegdes: []", 1);
    ws.write_claims_src(&broken);
    let (line, col) = line_col(&broken, "hegdes");
    ws.cmd()
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "claims/ferry.ron:{line}:{col}:"
        )))
        .stdout(predicate::str::contains("`hegdes`"));
}

#[test]
fn edited_article_moves_claims_and_reports_the_hash() {
    let ws = Workspace::new();
    let inserted = "Updated with the captain’s comment.\n\n";
    ws.write_article(&TEXT.replacen("LAKESIDE", &format!("{inserted}LAKESIDE"), 1));
    let n = inserted.chars().count();
    let (s1, _) = span(TEXT, "Winter ferries");
    let (_, e1) = span(TEXT, "board said");
    ws.cmd()
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("article changed since review"))
        .stdout(predicate::str::contains(format!(
            "c1 moved: was at {s1}..{e1}, now at {}..{}",
            s1 + n,
            e1 + n
        )))
        .stdout(predicate::str::contains("c2 moved"));
}

#[test]
fn deleted_claim_is_an_orphan_and_stays_in_the_file() {
    let ws = Workspace::new();
    let before = ws.claims_src();
    ws.write_article(&TEXT.replacen(
        "“Nobody asked the islanders,” said Bo Lind, a ferry captain.\n",
        "",
        1,
    ));
    let (line, _) = line_col(&before, "id: \"c2\"");
    ws.cmd()
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "claims/ferry.ron:{line}:"
        )))
        .stdout(predicate::str::contains("c2 is orphaned"));
    assert_eq!(ws.claims_src(), before);
}

#[test]
fn id_problems_are_findings() {
    let ws = Workspace::new();
    let broken = ws
        .claims_src()
        .replacen("entity: \"s2\"", "entity: \"s7\"", 1)
        .replacen("id: \"c2\"", "id: \"c1\"", 1);
    ws.write_claims_src(&broken);
    ws.cmd()
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("duplicate claim id c1"))
        .stdout(predicate::str::contains(
            "speaker entity s7 is not among the speakers",
        ));
}

#[test]
fn missing_article_is_a_finding() {
    let ws = Workspace::new();
    std::fs::remove_file(ws.path("news/ferry.txt")).expect("rm");
    ws.cmd()
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "article not found: news/ferry.txt",
        ));
}

#[test]
fn missing_path_is_an_error() {
    let ws = Workspace::new();
    ws.cmd()
        .args(["check", "claims/nothing.ron"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("claims/nothing.ron"));
}

#[test]
fn extract_write_refuses_an_unparsable_claims_file() {
    let ws = Workspace::new();
    let broken = ws.claims_src().replacen("claims: [", "claims: [[", 1);
    ws.write_claims_src(&broken);
    ws.cmd()
        .args(["extract", "--write", "news/ferry.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("claims/ferry.ron:"));
    assert_eq!(ws.claims_src(), broken);
}

#[test]
fn extract_write_keeps_reviewed_claims_and_is_stable() {
    let ws = Workspace::new();
    let before = store::load(&ws.path("claims/ferry.ron")).expect("loads");
    ws.cmd()
        .args(["extract", "--write", "news/ferry.txt"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("claims/ferry.ron:"));
    let after = store::load(&ws.path("claims/ferry.ron")).expect("loads");
    let reviewed = |f: &ClaimsFile| {
        f.claims
            .iter()
            .filter(|c| c.status == Status::Reviewed)
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(reviewed(&after), reviewed(&before));
    assert_eq!(after.article, before.article);
    let once = ws.claims_src();
    ws.cmd()
        .args(["extract", "--write", "news/ferry.txt"])
        .assert()
        .code(0);
    assert_eq!(ws.claims_src(), once);
    ws.cmd().arg("check").assert().code(0);
}

#[test]
fn extract_write_creates_a_store_that_checks_clean() {
    let ws = Workspace::new();
    std::fs::remove_dir_all(ws.path("claims")).expect("rm claims");
    ws.cmd()
        .args(["extract", "--write", "--claims", "store/drafts", "news"])
        .assert()
        .code(0);
    let file = store::load(&ws.path("store/drafts/ferry.ron")).expect("created");
    assert_eq!(file.article.path, "news/ferry.txt");
    assert!(file.claims.iter().all(|c| c.status == Status::Draft));
    ws.cmd()
        .args(["check", "--claims", "store/drafts"])
        .assert()
        .code(0);
}

/// An article given to `check` stands for its claims file; an article with none is a
/// clear error.
#[test]
fn check_takes_articles_for_their_claims_files() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for arg in ["seeds", "seeds/000_58f513141cac499c.txt"] {
        let out = assert_cmd::Command::cargo_bin("claimtrace")
            .expect("binary")
            .current_dir(root)
            .args(["check", arg])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(0), "{arg}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("checked 1 claims file"),
            "{arg}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let dir = tempfile::tempdir().expect("tmp");
    let article = dir.path().join("lonely.txt");
    std::fs::write(&article, "A\n\nThe mayor said it rained.\n").expect("write");
    let out = assert_cmd::Command::cargo_bin("claimtrace")
        .expect("binary")
        .arg("check")
        .arg(&article)
        .arg("--claims")
        .arg(dir.path().join("claims"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no claims file for this article"));
}
