//! Benchmark: grouping and comparing figures (`consistency::group_and_compare`).
//!
//! `cargo run --release --example bench_conflicts [N]` times N/4, N/2 and N figures
//! (default N = 1,000,000) spread over 1,000 measures, with 50 sources and varied values
//! and qualifiers, and prints the time per figure at each size: flat means n log n at worst.

use std::time::Instant;

use claimtrace::consistency::{group_and_compare, relate_figures, FigureEntry};
use claimtrace::figures::{Interval, Measure, Qualifier, Value};
use claimtrace::measures::Lexicon;

/// A small deterministic generator (no dependency needed).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

fn measures() -> Vec<Measure> {
    let things = ["drone", "missile", "person", "guard", "protester"];
    let happenings = ["used", "killed", "injured", "attended"];
    (0..1000)
        .map(|m| Measure {
            thing: things[m % things.len()].to_owned(),
            happening: happenings[(m / 5) % happenings.len()].to_owned(),
            event: Some(format!("event{}", m / 20)),
        })
        .collect()
}

fn figures(n: usize) -> Vec<(usize, FigureEntry)> {
    let mut rng = Lcg(42);
    (0..n)
        .map(|i| {
            let measure = rng.next() as usize % 1000;
            let v = 1 + rng.next() % 40;
            let value = match rng.next() % 4 {
                0 => Value {
                    interval: Interval { min: v, max: None },
                    qualifier: Qualifier::AtLeast,
                    stated: (v, v),
                },
                1 => Value {
                    interval: Interval {
                        min: v,
                        max: Some(v + 10),
                    },
                    qualifier: Qualifier::Range,
                    stated: (v, v + 10),
                },
                _ => Value::exact(v),
            };
            let source = format!("s{}", rng.next() % 50);
            let entry = FigureEntry {
                claim: format!("c{i}").into(),
                min: value.interval.min,
                max: value.interval.max,
                qualifier: value.qualifier,
                text: String::new(),
                start: i,
                end: i + 1,
                speaker: source.clone(),
                channel: None,
                article: String::new(),
                outlet: None,
                source,
                display: value.display(),
                form: "digits",
                voice: "claim",
                value,
                order: (0, i),
            };
            (measure, entry)
        })
        .collect()
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let lex = Lexicon::default_lexicon();
    let ms = measures();
    println!("comparison core (group by measure, relate_figures per measure):");
    for size in [n / 4, n / 2, n] {
        let input = figures(size);
        let measure: Vec<usize> = input.iter().map(|(m, _)| *m).collect();
        let source: Vec<u32> = input
            .iter()
            .map(|(_, f)| f.source[1..].parse().unwrap_or(0))
            .collect();
        let values: Vec<_> = input.iter().map(|(_, f)| f.value).collect();
        drop(input);
        let t = Instant::now();
        // Group by measure with a counting sort, keeping text order within a measure.
        let mut counts = vec![0usize; 1001];
        for &m in &measure {
            counts[m + 1] += 1;
        }
        for i in 1..counts.len() {
            counts[i] += counts[i - 1];
        }
        let mut order = vec![0usize; measure.len()];
        let mut next = counts.clone();
        for (i, &m) in measure.iter().enumerate() {
            order[next[m]] = i;
            next[m] += 1;
        }
        let mut relations = 0;
        for m in 0..1000 {
            let idx = &order[counts[m]..counts[m + 1]];
            let s: Vec<u32> = idx.iter().map(|&i| source[i]).collect();
            let v: Vec<_> = idx.iter().map(|&i| values[i]).collect();
            relations += relate_figures(&s, &v).0.len();
        }
        let secs = t.elapsed().as_secs_f64();
        println!(
            "{size:>9} figures: {secs:.3} s ({:.0} ns/figure), {relations} relations",
            secs * 1e9 / size.max(1) as f64
        );
    }
    println!("full report (group_and_compare: figure rows, relations, readings):");
    for size in [n / 4, n / 2, n] {
        let input = figures(size);
        let t = Instant::now();
        let out = group_and_compare(&ms, input, &lex);
        let secs = t.elapsed().as_secs_f64();
        let relations: usize = out.iter().map(|m| m.relations.len()).sum();
        println!(
            "{size:>9} figures: {secs:.3} s ({:.0} ns/figure), {} measures, {relations} relations",
            secs * 1e9 / size.max(1) as f64,
            out.len()
        );
    }
}
