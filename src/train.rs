//! `claimtrace train`: fits the tagger ([`crate::tagger`]) on a brat corpus (PolNeAR train)
//! and writes the model file that the build embeds (`data/attribution.model`).
//!
//! With `--holdout K`, every K-th document (in name order) is held out of training and
//! both the rules alone and the rules with the new tagger are scored on it, so that the
//! tagger is only adopted when it beats the rules on text it has not seen.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use miette::{IntoDiagnostic, Report};
use rayon::prelude::*;

use crate::article::Article;
use crate::eval::{read_brat, relations_of, score_predictions, BratDoc, EvalReport, Relation};
use crate::extract::{extract_with, tagger_inputs, TaggerInput};
use crate::tagger::{self, Example, Tagger, B_CONTENT, B_CUE, B_SOURCE, O};

/// Training options.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Passes over the training paragraphs.
    pub epochs: usize,
    /// Seed of the shuffling.
    pub seed: u64,
    /// Hold out every K-th document and score on it.
    pub holdout: Option<usize>,
}

/// A document made ready for training: its paragraphs with the rules' labels and gold BIO.
struct Prepared {
    text: String,
    inputs: Vec<TaggerInput>,
    gold: Vec<Vec<u8>>,
}

/// Gold BIO labels for every token of every paragraph. Where spans of different relations
/// overlap, cue wins over source, source over content.
fn gold_labels(doc: &BratDoc, article: &Article, inputs: &[TaggerInput]) -> Vec<Vec<u8>> {
    let bom = usize::from(article.text.len() < doc.text.len());
    let n_chars = article.text.chars().count();
    // Per character: 0 none, else (relation index + 1) << 2 | part.
    let mut owner = vec![0u32; n_chars + 1];
    for (part, pick) in [
        (3u32, 2usize), // content
        (1, 0),         // source
        (2, 1),         // cue
    ] {
        for (ri, rel) in doc.relations.iter().enumerate() {
            let spans = match pick {
                0 => &rel.source,
                1 => &rel.cue,
                _ => &rel.content,
            };
            for r in spans {
                let a = r.start.saturating_sub(bom).min(n_chars);
                let b = r.end.saturating_sub(bom).min(n_chars);
                for o in &mut owner[a..b.max(a)] {
                    *o = ((ri as u32 + 1) << 2) | part;
                }
            }
        }
    }
    inputs
        .iter()
        .map(|inp| {
            let mut prev = 0u32;
            inp.paragraph
                .tokens
                .iter()
                .map(|t| {
                    let a = article.char_offset(t.start).min(n_chars);
                    let b = article.char_offset(t.end).min(n_chars);
                    let code = owner[a..b.max(a)]
                        .iter()
                        .copied()
                        .max_by_key(|c| match c & 3 {
                            2 => 3,
                            1 => 2,
                            3 => 1,
                            _ => 0,
                        })
                        .unwrap_or(0);
                    let begin = code != prev;
                    prev = code;
                    let base = match code & 3 {
                        1 => B_SOURCE,
                        2 => B_CUE,
                        3 => B_CONTENT,
                        _ => return O,
                    };
                    if begin {
                        base
                    } else {
                        base + 1
                    }
                })
                .collect()
        })
        .collect()
}

fn prepare(doc: &BratDoc) -> Option<Prepared> {
    let article = Article::from_bytes(&doc.text_path, doc.text.as_bytes()).ok()?;
    let inputs = tagger_inputs(&article);
    let gold = gold_labels(doc, &article, &inputs);
    Some(Prepared {
        text: article.text,
        inputs,
        gold,
    })
}

/// Fits a model on the given documents.
pub fn fit(docs: &[&BratDoc], options: Options) -> Tagger {
    let prepared: Vec<Prepared> = docs.par_iter().filter_map(|d| prepare(d)).collect();
    let examples: Vec<Example> = prepared
        .iter()
        .flat_map(|p| {
            p.inputs.iter().zip(&p.gold).map(|(inp, gold)| Example {
                text: &p.text,
                paragraph: &inp.paragraph,
                rules: &inp.rule_labels,
                gold,
            })
        })
        .filter(|e| !e.paragraph.tokens.is_empty())
        .collect();
    tagger::train(&examples, options.epochs, options.seed)
}

/// Scores extraction with `model` (or the rules alone) on `docs`.
pub fn evaluate(docs: &[BratDoc], model: Option<&Tagger>) -> EvalReport {
    let start = Instant::now();
    let out: Vec<(Vec<Relation>, usize, Duration)> = docs
        .par_iter()
        .map(|doc| {
            let t = Instant::now();
            match Article::from_bytes(&doc.text_path, doc.text.as_bytes()) {
                Ok(article) => {
                    let ex = extract_with(&article, model);
                    let bom = usize::from(article.text.len() < doc.text.len());
                    let (rels, nested) = relations_of(&ex, bom);
                    (rels, nested, t.elapsed())
                }
                Err(_) => (Vec::new(), 0, t.elapsed()),
            }
        })
        .collect();
    let wall = start.elapsed();
    let nested = out.iter().map(|o| o.1).sum();
    let cpu = out.iter().map(|o| o.2).sum();
    let predicted: Vec<Vec<Relation>> = out.into_iter().map(|o| o.0).collect();
    let scores = score_predictions(docs, &predicted);
    EvalReport::new(docs, &scores, nested, wall, cpu)
}

/// `claimtrace train`.
pub fn run(brat: &Path, output: &Path, options: Options) -> Result<ExitCode, Report> {
    let docs = read_brat(brat).map_err(|e| miette::miette!("{e}"))?;
    let k = options.holdout.unwrap_or(0);
    let held = |i: usize| k > 0 && i % k == 0;
    let train_docs: Vec<&BratDoc> = docs
        .iter()
        .enumerate()
        .filter(|(i, _)| !held(*i))
        .map(|(_, d)| d)
        .collect();
    let start = Instant::now();
    let model = fit(&train_docs, options);
    let bytes = model.to_bytes();
    // What is written is what is used: score the model as read back from its bytes.
    let model = Tagger::from_bytes(&bytes).map_err(|e| miette::miette!("{e}"))?;
    let mut err = std::io::stderr().lock();
    writeln!(
        err,
        "trained on {} documents, {} epochs, seed {} in {:.1} s; model {} bytes",
        train_docs.len(),
        options.epochs,
        options.seed,
        start.elapsed().as_secs_f64(),
        bytes.len()
    )
    .into_diagnostic()?;
    drop(err);
    std::fs::write(output, &bytes)
        .map_err(|e| miette::miette!("{}: cannot write the model: {e}", output.display()))?;
    if k > 0 {
        let held_docs: Vec<BratDoc> = docs
            .iter()
            .enumerate()
            .filter(|(i, _)| held(*i))
            .map(|(_, d)| d.clone())
            .collect();
        let mut out = std::io::stdout().lock();
        for (name, m) in [("rules alone", None), ("rules + tagger", Some(&model))] {
            writeln!(out, "held out (every {k}th document), {name}:").into_diagnostic()?;
            evaluate(&held_docs, m)
                .write_text(&mut out)
                .into_diagnostic()?;
            writeln!(out).into_diagnostic()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tagger::{part_of, Scratch};

    const TEXT: &str = "Road news\nSmith said the road is closed. It rained.\n";
    const ANN: &str = "T1\tSource 10 15\tSmith\nT2\tCue 16 20\tsaid\n\
T3\tContent 21 39\tthe road is closed\nT4\tAttribution 16 20\tsaid\n\
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n";

    #[test]
    fn gold_labels_follow_the_annotation() {
        let doc = BratDoc::from_strs("t", TEXT, ANN);
        let p = prepare(&doc).expect("article");
        let words: Vec<(String, u8)> = p
            .inputs
            .iter()
            .zip(&p.gold)
            .flat_map(|(inp, g)| {
                inp.paragraph
                    .tokens
                    .iter()
                    .zip(g)
                    .map(|(t, &l)| (p.text[t.start..t.end].to_owned(), l))
            })
            .collect();
        let get = |w: &str| words.iter().find(|(x, _)| x == w).map(|x| x.1);
        assert_eq!(get("Smith"), Some(B_SOURCE));
        assert_eq!(get("said"), Some(B_CUE));
        assert_eq!(get("the"), Some(B_CONTENT));
        assert_eq!(get("closed"), Some(B_CONTENT + 1));
        assert_eq!(get("rained"), Some(O));
    }

    #[test]
    fn fit_is_deterministic_and_learns_the_fixture() {
        let docs: Vec<BratDoc> = (0..4)
            .map(|i| BratDoc::from_strs(&format!("t{i}"), TEXT, ANN))
            .collect();
        let refs: Vec<&BratDoc> = docs.iter().collect();
        let options = Options {
            epochs: 3,
            seed: 5,
            holdout: None,
        };
        let a = fit(&refs, options);
        let b = fit(&refs, options);
        assert_eq!(a.to_bytes(), b.to_bytes());
        let p = prepare(&docs[0]).expect("article");
        let body = &p.inputs[1];
        let mut scratch = Scratch::default();
        let labels = a.tag(&p.text, &body.paragraph, &body.rule_labels, &mut scratch);
        assert_eq!(labels.iter().map(|&l| part_of(l)).max(), Some(3));
        assert_eq!(labels, p.gold[1].as_slice());
    }
}
