//! Extraction throughput on one core: `cargo bench --bench throughput [-- DIR]`.
//!
//! Reads every `.txt` file under DIR (default: the PolNeAR training texts beside the
//! repository, else `seeds/`) into memory first, so the figure is extraction alone, then
//! runs [`claimtrace::extract`] over all of them on the calling thread, several rounds,
//! and prints the best round in MB/s (`BENCH_ONLY=rules` or `BENCH_ONLY=default` runs one
//! of the two). No timing assertion: the figure is reported, and
//! the README and docs/evaluation.md say what it should be.

use std::path::{Path, PathBuf};
use std::time::Instant;

use claimtrace::extract::extract_rules;
use claimtrace::{extract, Article};

/// One way of extracting an article.
type Extractor = fn(&Article) -> claimtrace::Extraction;

fn main() {
    let arg = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let dir = arg.map(PathBuf::from).unwrap_or_else(|| {
        let polnear = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/polnear/train/text");
        if polnear.is_dir() {
            polnear
        } else {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
        }
    });
    // The project's own walk: every .txt below DIR, sorted (none found: an empty list).
    let paths = claimtrace::cli::collect_articles(std::slice::from_ref(&dir)).unwrap_or_default();
    let articles: Vec<Article> = paths.iter().filter_map(|p| Article::load(p).ok()).collect();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    if articles.is_empty() {
        eprintln!("no readable .txt articles under {}", dir.display());
        return;
    }
    let runs: [(&str, &str, Extractor); 2] = [
        ("default", "rules + tagger (default)", extract),
        ("rules", "rules alone (--rules-only)", extract_rules),
    ];
    // `BENCH_ONLY=rules` (or `default`) runs one of the two, e.g. under a profiler.
    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    if !only.is_empty() && !runs.iter().any(|(key, _, _)| *key == only) {
        eprintln!("BENCH_ONLY={only}: expected `default` or `rules`");
        return;
    }
    for (key, name, run) in runs {
        if !only.is_empty() && only != key {
            continue;
        }
        let mut best = f64::INFINITY;
        let mut claims = 0;
        for _ in 0..3 {
            let t = Instant::now();
            claims = articles.iter().map(|a| run(a).claims.len()).sum::<usize>();
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "{name}: {} articles, {:.2} MB, {} claims: best of 3 rounds {:.3} s = {:.2} MB/s on one core",
            articles.len(),
            bytes as f64 / 1e6,
            claims,
            best,
            bytes as f64 / 1e6 / best
        );
    }
}
