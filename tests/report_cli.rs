//! `claimtrace report`, the main job: the folder it writes, its summary, and the review
//! page in headless Chromium (Debian's `chromium`; CI installs it and sets
//! `CLAIMTRACE_REQUIRE_BROWSER`, so there the browser test fails instead of skipping).

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn report(args: &[&str], out: &Path) -> std::process::Output {
    Command::cargo_bin("claimtrace")
        .expect("binary")
        .current_dir(root())
        .arg("report")
        .args(args)
        .arg("--out")
        .arg(out)
        .output()
        .expect("runs")
}

const OUTPUTS: [&str; 8] = [
    "review.html",
    "report.md",
    "conflicts.json",
    "audit.sarif",
    "graph.dot",
    "graph.svg",
    "graph.png",
    "prov.json",
];

#[test]
fn report_writes_the_whole_folder_for_the_seed() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("out");
    let o = report(&[], &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for name in OUTPUTS {
        let meta = std::fs::metadata(out.join(name)).unwrap_or_else(|_| panic!("{name} written"));
        assert!(meta.len() > 0, "{name} is empty");
    }
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("1 article, "), "{stdout}");
    assert!(stdout.contains("review.html"), "{stdout}");
    let conflicts: Value =
        serde_json::from_slice(&std::fs::read(out.join("conflicts.json")).expect("read"))
            .expect("conflicts.json is JSON");
    let labels: Vec<&str> = conflicts["measures"]
        .as_array()
        .expect("measures")
        .iter()
        .filter_map(|m| m["label"].as_str())
        .collect();
    assert!(labels.iter().any(|l| l.contains("drones")), "{labels:?}");
    let md = std::fs::read_to_string(out.join("report.md")).expect("report.md");
    assert!(md.contains("guards injured"));
    let png = std::fs::read(out.join("graph.png")).expect("png");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
}

/// An article written to break HTML must show as text.
const CRAFTED: &str = "Headline </title><script>window.__claimtrace_injected = 1</script>\n\n\
The mayor said “<script>window.__claimtrace_injected = 2</script> and </textarea> & <!-- are \
only words”.\n\n\
Two officials told Reuters that <img src=x onerror=\"window.__claimtrace_injected=3\"> nine people were hurt.\n";

#[test]
fn crafted_article_is_escaped_in_the_page() {
    let dir = tempfile::tempdir().expect("tmp");
    let article = dir.path().join("crafted.txt");
    std::fs::write(&article, CRAFTED).expect("write");
    let out = dir.path().join("out");
    let o = report(
        &[
            article.to_str().expect("utf-8 path"),
            "--claims",
            dir.path().join("claims").to_str().expect("utf-8"),
        ],
        &out,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = std::fs::read_to_string(out.join("review.html")).expect("page");
    assert!(!page.contains("<script>window.__claimtrace_injected"));
    assert!(!page.contains("<img src=x"));
    assert!(!page.contains("</textarea>"));
}

// ---------------------------------------------------------------------------------------
// The browser
// ---------------------------------------------------------------------------------------

fn chromium() -> Option<PathBuf> {
    let names = ["chromium", "chromium-browser", "google-chrome"];
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .flat_map(|d| names.iter().map(move |n| d.join(n)))
            .find(|p| p.is_file())
    });
    assert!(
        found.is_some() || std::env::var_os("CLAIMTRACE_REQUIRE_BROWSER").is_none(),
        "CLAIMTRACE_REQUIRE_BROWSER is set but no Chromium is on PATH"
    );
    found
}

/// Opens the page headless with `#selftest` and returns what the page's probe saw and the
/// DOM as Chromium serialised it.
fn probe(browser: &Path, page: &Path) -> (Value, String) {
    let url = format!("file://{}#selftest", page.display());
    let o = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--window-size=1280,900",
            "--dump-dom",
        ])
        .arg(&url)
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&o.stdout).into_owned();
    let start = dom.find("<pre id=\"selftest-result\">").unwrap_or_else(|| {
        panic!(
            "no probe result in the DOM; stderr: {}",
            String::from_utf8_lossy(&o.stderr)
        )
    }) + "<pre id=\"selftest-result\">".len();
    let end = start + dom[start..].find("</pre>").expect("end of probe");
    let json = dom[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    (serde_json::from_str(&json).expect("probe JSON"), dom)
}

/// A screenshot of `page` (a path, optionally with `#fragment`) under
/// target/test-artifacts; docs/user-guide.md shows them.
fn screenshot(browser: &Path, page: &Path, name: &str) {
    let dir = root().join("target").join("test-artifacts");
    std::fs::create_dir_all(&dir).expect("artifact dir");
    let shot = dir.join(name);
    let o = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--window-size=1400,1000",
        ])
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        shot.is_file(),
        "no screenshot: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn review_page_works_in_headless_chromium() {
    let Some(browser) = chromium() else {
        eprintln!("skipped: no Chromium on PATH (apt-get install chromium; CI installs it)");
        return;
    };
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("out");
    let o = report(&[], &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = out.join("review.html");
    let (seen, dom) = probe(&browser, &page);
    assert_eq!(
        seen["errors"],
        serde_json::json!([]),
        "console errors: {seen}"
    );
    // One highlight per claim.
    let claims = seen["claims"].as_u64().expect("claims");
    assert!(claims > 20, "{seen}");
    assert_eq!(seen["highlighted"].as_u64(), Some(claims), "{seen}");
    assert_eq!(seen["first_marks"].as_u64(), Some(claims), "{seen}");
    assert_eq!(dom.matches("data-first=\"true\"").count() as u64, claims);
    // The conflicts panel lists the drone and guard-injury conflicts.
    let conflicts: Vec<String> = seen["conflicts"]
        .as_array()
        .expect("conflicts")
        .iter()
        .filter_map(|c| c.as_str().map(str::to_owned))
        .collect();
    assert!(
        conflicts.iter().any(|c| c.contains("drones")),
        "{conflicts:?}"
    );
    assert!(
        conflicts.iter().any(|c| c.contains("guards injured")),
        "{conflicts:?}"
    );
    // Following a figure's link scrolls to its span and flashes it.
    let link = &seen["link"];
    assert_eq!(link["target_in_view"], true, "{link}");
    assert_eq!(link["flashed"], true, "{link}");
    assert!(
        link["scrolled_to"].as_f64() > link["scrolled_from"].as_f64(),
        "{link}"
    );
    assert_eq!(seen["graph_nodes"], 1, "the graph is on the page");
    // Filtering the graph by a measure dims some nodes, not all.
    let titled = seen["graph_filter"]["titled"].as_u64().unwrap_or(0);
    let dimmed = seen["graph_filter"]["dimmed"].as_u64().unwrap_or(0);
    assert!(dimmed > 0 && dimmed < titled, "{seen}");
    screenshot(&browser, &page, "review-seed.png");
    // The same page after the probe followed a conflict link: scrolled, span flashed.
    screenshot(
        &browser,
        &PathBuf::from(format!("{}#selftest", page.display())),
        "review-seed-link.png",
    );

    // A crafted article's markup stays text and its scripts never run.
    let article = dir.path().join("crafted.txt");
    std::fs::write(&article, CRAFTED).expect("write");
    let out2 = dir.path().join("out2");
    let o = report(
        &[
            article.to_str().expect("utf-8"),
            "--claims",
            dir.path().join("claims").to_str().expect("utf-8"),
        ],
        &out2,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (seen, dom) = probe(&browser, &out2.join("review.html"));
    assert_eq!(seen["injected_script_ran"], false, "{seen}");
    assert_eq!(seen["errors"], serde_json::json!([]), "{seen}");
    assert!(dom.contains("&lt;script&gt;window.__claimtrace_injected = 2&lt;/script&gt;"));
    assert!(dom.contains("&lt;/textarea&gt;"));
    screenshot(&browser, &out2.join("review.html"), "review-crafted.png");
}
