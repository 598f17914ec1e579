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
use crate::tagger::{self, Example, Focus, Tagger, B_CONTENT, B_CUE, B_SOURCE, O};

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
    /// One per gold relation with a cue: its paragraph, its cue (tokens) and the labels of
    /// that relation alone, for the span stage.
    relations: Vec<(usize, Focus, Vec<u8>)>,
}

/// Gold labels of each relation on its own, in the paragraph holding its cue. A cue in
/// pieces ("has, so far, refused") is taken from its first to its last token.
fn relation_labels(
    doc: &BratDoc,
    article: &Article,
    inputs: &[TaggerInput],
) -> Vec<(usize, Focus, Vec<u8>)> {
    let bom = usize::from(article.text.len() < doc.text.len());
    // Character span of every token of every paragraph.
    let spans: Vec<Vec<(usize, usize)>> = inputs
        .iter()
        .map(|inp| {
            inp.paragraph
                .tokens
                .iter()
                .map(|t| (article.char_offset(t.start), article.char_offset(t.end)))
                .collect()
        })
        .collect();
    let overlaps = |rs: &[std::ops::Range<usize>], (a, b): (usize, usize)| {
        rs.iter()
            .any(|r| r.start.saturating_sub(bom) < b && a < r.end.saturating_sub(bom))
    };
    let mut out = Vec::new();
    for rel in &doc.relations {
        let Some(first) = rel.cue.iter().map(|r| r.start.saturating_sub(bom)).min() else {
            continue;
        };
        let Some(pi) = spans.iter().position(|toks| {
            toks.first().is_some_and(|t| t.0 <= first) && toks.last().is_some_and(|t| first < t.1)
        }) else {
            continue;
        };
        let toks = &spans[pi];
        let cue_toks: Vec<usize> = (0..toks.len())
            .filter(|&k| overlaps(&rel.cue, toks[k]))
            .collect();
        let (Some(&a), Some(&b)) = (cue_toks.first(), cue_toks.last()) else {
            continue;
        };
        let cue = a..b + 1;
        let mut prev = O;
        let labels = (0..toks.len())
            .map(|k| {
                let base = if cue.contains(&k) {
                    B_CUE
                } else if overlaps(&rel.source, toks[k]) {
                    B_SOURCE
                } else if overlaps(&rel.content, toks[k]) {
                    B_CONTENT
                } else {
                    prev = O;
                    return O;
                };
                let label = if prev == base { base + 1 } else { base };
                prev = base;
                label
            })
            .collect();
        let focus = Focus::around(&inputs[pi].paragraph, cue);
        out.push((pi, focus, labels));
    }
    out
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
    let relations = relation_labels(doc, &article, &inputs);
    Some(Prepared {
        text: article.text,
        inputs,
        gold,
        relations,
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
                focus: None,
            })
        })
        .filter(|e| !e.paragraph.tokens.is_empty())
        .collect();
    let focused: Vec<Example> = prepared
        .iter()
        .flat_map(|p| {
            p.relations.iter().map(|(pi, focus, gold)| Example {
                text: &p.text,
                paragraph: &p.inputs[*pi].paragraph,
                rules: &p.inputs[*pi].rule_labels,
                gold,
                focus: Some(focus.clone()),
            })
        })
        .collect();
    let (cues, spans) = rayon::join(
        || tagger::train(&examples, options.epochs, options.seed),
        || tagger::train(&focused, options.epochs, options.seed),
    );
    let (net, span_net) = rayon::join(
        || {
            tagger::train_net(
                &examples,
                tagger::NET_EPOCHS,
                options.seed,
                tagger::NET_RATE,
            )
        },
        || tagger::train_net(&focused, tagger::NET_EPOCHS, options.seed, tagger::NET_RATE),
    );
    cues.with_spans(spans).with_nets(net, span_net)
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

/// The articles to train on (those `held` does not take, by index) and their other
/// annotators' readings: an article with several annotators is learnt from each of their
/// files. A held-out article gives nothing, not even through another annotator.
fn training_docs(
    docs: &[BratDoc],
    held: impl Fn(usize) -> bool,
) -> Result<(Vec<&BratDoc>, Vec<BratDoc>), crate::eval::EvalError> {
    let kept: Vec<&BratDoc> = docs
        .iter()
        .enumerate()
        .filter(|(i, _)| !held(*i))
        .map(|(_, d)| d)
        .collect();
    let mut others = Vec::new();
    for d in &kept {
        others.extend(d.other_annotators()?);
    }
    Ok((kept, others))
}

/// `claimtrace train`.
pub fn run(brat: &Path, output: &Path, options: Options) -> Result<ExitCode, Report> {
    let docs = read_brat(brat).map_err(|e| miette::miette!("{e}"))?;
    let k = options.holdout.unwrap_or(0);
    let held = |i: usize| k > 0 && i % k == 0;
    let (kept, others) = training_docs(&docs, held).map_err(|e| miette::miette!("{e}"))?;
    let train_docs: Vec<&BratDoc> = kept.iter().copied().chain(&others).collect();
    let start = Instant::now();
    let model = fit(&train_docs, options);
    let bytes = model.to_bytes();
    // What is written is what is used: score the model as read back from its bytes.
    let model = Tagger::from_bytes(&bytes).map_err(|e| miette::miette!("{e}"))?;
    let mut err = std::io::stderr().lock();
    writeln!(
        err,
        "trained on {} documents ({} annotation files), {} epochs, seed {} in {:.1} s; model {} bytes",
        kept.len(),
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
    fn each_relation_is_labelled_on_its_own_around_its_cue() {
        // Two claims in one sentence, the second cue in two pieces.
        let text = "Road news\nSmith said the road is closed and Jones has, sadly, agreed to go.\n";
        let ann = "T1\tSource 10 15\tSmith\nT2\tCue 16 20\tsaid\n\
T3\tContent 21 39\tthe road is closed\nT4\tAttribution 16 20\tsaid\n\
E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n\
T5\tSource 44 49\tJones\nT6\tCue 50 53;62 68\thas agreed\n\
T7\tContent 69 74\tto go\nT8\tAttribution 62 68\tagreed\n\
E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5\n";
        let doc = BratDoc::from_strs("t", text, ann);
        let p = prepare(&doc).expect("article");
        assert_eq!(p.relations.len(), 2);
        let words = |pi: usize, labels: &[u8]| -> Vec<(String, u8)> {
            p.inputs[pi]
                .paragraph
                .tokens
                .iter()
                .zip(labels)
                .map(|(t, &l)| (p.text[t.start..t.end].to_owned(), l))
                .collect()
        };
        let (pi, focus, labels) = &p.relations[0];
        let w = words(*pi, labels);
        assert_eq!(focus.cue.len(), 1);
        assert_eq!(w[focus.cue.start].0, "said");
        assert!(w.iter().any(|(x, l)| x == "Smith" && *l == B_SOURCE));
        assert!(w.iter().all(|(x, l)| x != "Jones" || *l == O), "{w:?}");
        let (pi, focus, labels) = &p.relations[1];
        let w = words(*pi, labels);
        let cue: Vec<&str> = w[focus.cue.clone()].iter().map(|x| x.0.as_str()).collect();
        assert_eq!(cue, vec!["has", ",", "sadly", ",", "agreed"]);
        assert!(w.iter().any(|(x, l)| x == "Jones" && *l == B_SOURCE));
        assert!(w.iter().all(|(x, l)| x != "Smith" || *l == O), "{w:?}");
    }

    #[test]
    fn training_reads_every_annotator_of_kept_articles_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("text")).expect("mkdir");
        std::fs::create_dir_all(dir.path().join("attributions")).expect("mkdir");
        for name in ["alpha", "beta"] {
            std::fs::write(dir.path().join(format!("text/{name}.txt")), TEXT).expect("write");
            for annotator in ["a1", "b2"] {
                let path = format!("attributions/{name}_{annotator}.ann");
                std::fs::write(dir.path().join(path), ANN).expect("write");
            }
        }
        let docs = crate::eval::read_brat(dir.path()).expect("reads");
        // "alpha" (index 0) is held out: neither of its files is trained on.
        let (kept, others) = training_docs(&docs, |i| i == 0).expect("reads");
        let names: Vec<&str> = kept.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["beta"]);
        assert_eq!(others.len(), 1);
        assert!(others[0].ann_path.ends_with("beta_b2.ann"));
        assert_eq!(others[0].relations, kept[0].relations);
        // Nothing held out: both articles, each through both files.
        let (kept, others) = training_docs(&docs, |_| false).expect("reads");
        assert_eq!((kept.len(), others.len()), (2, 2));
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
