//! Audit speed over a 5,000-article corpus: `cargo bench --bench audit [-- DIR [N]]`.
//!
//! Reads the `.txt` files under DIR (default: the PolNeAR training texts beside the
//! repository) and repeats them until there are N articles (default 5,000), each under its
//! own path, all in memory; then audits them all (extraction and every rule, on all cores
//! through rayon) twice, checks that both runs give the same findings in the same order,
//! and prints the seconds of the faster run. With no corpus it says so and exits cleanly.

use std::path::{Path, PathBuf};
use std::time::Instant;

use claimtrace::audit::{run::audit_articles, Config};
use claimtrace::Article;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let dir = args.first().map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/polnear/train/text")
    });
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(5000);
    // The project's own walk: every .txt below DIR, sorted (none found: an empty list).
    let paths = claimtrace::cli::collect_articles(std::slice::from_ref(&dir)).unwrap_or_default();
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    if texts.is_empty() {
        println!(
            "audit benchmark skipped: no readable .txt articles under {}",
            dir.display()
        );
        return;
    }
    let articles: Vec<Article> = (0..n)
        .map(|i| {
            let path = PathBuf::from(format!("corpus/{i:05}.txt"));
            Article::from_str(&path, &texts[i % texts.len()])
        })
        .collect();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let config = Config::default();
    let mut best = f64::INFINITY;
    let mut previous: Option<Vec<(String, usize, &'static str)>> = None;
    let mut findings = 0;
    for _ in 0..2 {
        let t = Instant::now();
        let reports = audit_articles(&articles, &config);
        best = best.min(t.elapsed().as_secs_f64());
        let order: Vec<(String, usize, &'static str)> = reports
            .iter()
            .flat_map(|r| &r.findings)
            .map(|f| (f.location.path.clone(), f.location.start, f.rule))
            .collect();
        findings = order.len();
        if let Some(p) = &previous {
            assert_eq!(p, &order, "findings differ between runs");
        }
        previous = Some(order);
    }
    println!(
        "audited {} articles ({:.1} MB, from {} distinct texts) on {} threads: {} findings, best of 2 runs {:.2} s; same findings in the same order both runs",
        articles.len(),
        bytes as f64 / 1e6,
        texts.len(),
        rayon::current_num_threads(),
        findings,
        best
    );
}
