//! Scoring extraction against brat standoff annotations (the PolNeAR layout).
//!
//! A corpus directory holds `text/NAME.txt` and `attributions/NAME_XXXX.ann`, one annotation
//! file per annotator. [`read_brat`] reads it into [`BratDoc`]s (gold relations, the first
//! annotator's file per article), [`score`] / [`score_predictions`] compare predicted
//! [`Relation`]s with them, and [`run`] is `claimtrace eval`. The measures are defined in
//! `docs/evaluation.md`; the comments here point at the same rules.
//!
//! All offsets are Unicode code-point offsets into the text as decoded (a byte-order mark,
//! if any, counts as character 0, as brat counts it), half-open `[start, end)`.

use std::collections::BTreeMap;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use miette::{IntoDiagnostic, Report};
use rayon::prelude::*;
use serde::Serialize;

use crate::article::{is_blank, Article};
use crate::model::Extraction;

/// The Jaccard similarity two spans need to match under the overlap measures.
pub const OVERLAP_THRESHOLD: f64 = 0.5;

/// How many skipped lines `claimtrace eval` lists on standard error before summarising.
const SHOWN_SKIPS: usize = 10;

/// Why a corpus could not be read at all (malformed lines are not errors: they are skipped
/// and listed in [`BratDoc::skipped`]).
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{dir}: not a brat corpus directory: {missing} is missing (expected text/ and attributions/)")]
    Layout { dir: PathBuf, missing: PathBuf },
    #[error("{ann}: no text for this annotation file (expected {text})")]
    MissingText { ann: PathBuf, text: PathBuf },
    #[error("{path}: not valid UTF-8: invalid byte sequence at byte offset {offset}")]
    TextUtf8 { path: PathBuf, offset: usize },
    #[error("{dir}: no annotation files (*.ann) under attributions/")]
    NoDocuments { dir: PathBuf },
}

/// A line of an annotation file that was skipped, with where it is and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub file: PathBuf,
    /// 1-based line number.
    pub line: usize,
    pub reason: String,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.reason)
    }
}

/// One attribution relation, as spans of code-point ranges into the document's text.
///
/// An empty vector means the part is absent (an agentless attribution has no source).
/// Several ranges make a discontinuous span; their union is what counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Relation {
    pub source: Vec<Range<usize>>,
    pub cue: Vec<Range<usize>>,
    pub content: Vec<Range<usize>>,
}

/// One annotated article: its text and the gold relations of one annotator's file (as read
/// by [`read_brat`], the first; [`BratDoc::other_annotators`] gives the others).
#[derive(Debug, Clone)]
pub struct BratDoc {
    /// The article's name (`NAME` of `text/NAME.txt`).
    pub name: String,
    pub text_path: PathBuf,
    /// The annotation file whose relations these are (from [`read_brat`], the first in
    /// sorted order).
    pub ann_path: PathBuf,
    /// Every annotation file found for the article, sorted. Scoring uses the first only;
    /// training reads them all.
    pub annotations: Vec<PathBuf>,
    /// The text as decoded (UTF-8, a byte-order mark kept as character 0).
    pub text: String,
    pub relations: Vec<Relation>,
    /// Lines of the annotation file that were skipped.
    pub skipped: Vec<Skipped>,
}

impl BratDoc {
    /// A document from a text and the contents of an annotation file (tests, other corpora).
    pub fn from_strs(name: &str, text: &str, ann: &str) -> BratDoc {
        let ann_path = PathBuf::from(format!("{name}.ann"));
        let (relations, skipped) = parse_ann(&ann_path, ann.as_bytes(), text);
        BratDoc {
            name: name.to_owned(),
            text_path: PathBuf::from(format!("{name}.txt")),
            ann_path: ann_path.clone(),
            annotations: vec![ann_path],
            text: text.to_owned(),
            relations,
            skipped,
        }
    }
}

impl BratDoc {
    /// The same article as read by each of its other annotators (the files after the first):
    /// more views of the same text for training, never for scoring.
    pub fn other_annotators(&self) -> Result<Vec<BratDoc>, EvalError> {
        self.annotations
            .iter()
            .filter(|path| **path != self.ann_path)
            .map(|path| {
                let ann = std::fs::read(path).map_err(|source| EvalError::Io {
                    path: path.clone(),
                    source,
                })?;
                let (relations, skipped) = parse_ann(path, &ann, &self.text);
                Ok(BratDoc {
                    ann_path: path.clone(),
                    relations,
                    skipped,
                    ..self.clone()
                })
            })
            .collect()
    }
}

/// Reads a brat corpus directory (`text/` and `attributions/`).
///
/// Articles are those with at least one `attributions/NAME_XXXX.ann` file (the annotator id
/// is whatever follows the last `_`); for each, the first file in sorted order is read and
/// the others are only listed (training reads them with [`BratDoc::other_annotators`]).
/// Documents come back sorted by name.
pub fn read_brat(dir: &Path) -> Result<Vec<BratDoc>, EvalError> {
    let text_dir = dir.join("text");
    let ann_dir = dir.join("attributions");
    for d in [&text_dir, &ann_dir] {
        if !d.is_dir() {
            return Err(EvalError::Layout {
                dir: dir.to_path_buf(),
                missing: d.clone(),
            });
        }
    }
    let entries = std::fs::read_dir(&ann_dir).map_err(|source| EvalError::Io {
        path: ann_dir.clone(),
        source,
    })?;
    let mut groups: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for entry in entries {
        let entry = entry.map_err(|source| EvalError::Io {
            path: ann_dir.clone(),
            source,
        })?;
        let path = entry.path();
        if path.extension() != Some(std::ffi::OsStr::new("ann")) || !path.is_file() {
            continue;
        }
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let name = match stem.rsplit_once('_') {
            Some((name, _annotator)) if !name.is_empty() => name,
            _ => stem,
        };
        groups.entry(name.to_owned()).or_default().push(path);
    }
    if groups.is_empty() {
        return Err(EvalError::NoDocuments {
            dir: dir.to_path_buf(),
        });
    }
    let groups: Vec<(String, Vec<PathBuf>)> = groups
        .into_iter()
        .map(|(name, mut files)| {
            files.sort();
            (name, files)
        })
        .collect();
    let results: Vec<Result<BratDoc, EvalError>> = groups
        .into_par_iter()
        .map(|(name, files)| read_doc(&text_dir, name, files))
        .collect();
    // The first error in name order, so the message does not depend on thread timing.
    results.into_iter().collect()
}

fn read_doc(
    text_dir: &Path,
    name: String,
    annotations: Vec<PathBuf>,
) -> Result<BratDoc, EvalError> {
    let ann_path = annotations
        .first()
        .cloned()
        .ok_or_else(|| EvalError::NoDocuments {
            dir: text_dir.to_path_buf(),
        })?;
    let text_path = text_dir.join(format!("{name}.txt"));
    if !text_path.is_file() {
        return Err(EvalError::MissingText {
            ann: ann_path,
            text: text_path,
        });
    }
    let bytes = std::fs::read(&text_path).map_err(|source| EvalError::Io {
        path: text_path.clone(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|e| EvalError::TextUtf8 {
        path: text_path.clone(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    let ann = std::fs::read(&ann_path).map_err(|source| EvalError::Io {
        path: ann_path.clone(),
        source,
    })?;
    let (relations, skipped) = parse_ann(&ann_path, &ann, &text);
    Ok(BratDoc {
        name,
        text_path,
        ann_path,
        annotations,
        text,
        relations,
        skipped,
    })
}

/// Is this the start of a brat annotation line: an id (`T12`, `E3`, `#1`, `A4`, `*`) and a tab?
fn brat_id(line: &str) -> Option<(&str, &str)> {
    let (id, rest) = line.split_once('\t')?;
    let mut chars = id.chars();
    let first = chars.next()?;
    if !(first.is_ascii_uppercase() || first == '#' || first == '*') {
        return None;
    }
    if !chars.all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((id, rest))
}

/// Parses the offsets of a `T` line (`10 40;55 90`) against a text of `len` code points.
fn parse_offsets(s: &str, len: usize) -> Result<Vec<Range<usize>>, String> {
    let mut out = Vec::new();
    for piece in s.split(';') {
        let nums: Vec<&str> = piece.split_whitespace().collect();
        let [a, b] = nums.as_slice() else {
            return Err(format!(
                "bad offsets {s:?}: expected `START END` pieces separated by `;`"
            ));
        };
        let (Ok(start), Ok(end)) = (a.parse::<usize>(), b.parse::<usize>()) else {
            return Err(format!("bad offsets {s:?}: not numbers"));
        };
        if start > end {
            return Err(format!("bad offsets {s:?}: start {start} after end {end}"));
        }
        if end > len {
            return Err(format!(
                "offset {end} is past the end of the text ({len} characters)"
            ));
        }
        out.push(start..end);
    }
    Ok(out)
}

/// Parses one annotation file against its text: the relations of its `E` lines, and the
/// lines skipped.
///
/// `T` lines give spans; `E` lines tie them: the first argument is the trigger (an
/// `Attribution` or `Attribution-no-source` span on the cue), then roles `Source`, `Cue`,
/// `Content`, `Content2`, … (every role starting with `Source`, `Cue` or `Content` adds its
/// span to that part). When there is no `Cue` role the trigger's span is the cue. Lines
/// skipped (and reported): malformed `T` lines (bad or out-of-range offsets), malformed
/// `E` lines, `E` lines naming a span that does not exist, `E` lines with no `Content`,
/// lines that are not valid UTF-8 and stray lines that are not annotations at all (the
/// remainder of a note or span text broken over lines). Blank lines, notes (`#`) and other
/// annotation kinds (`A`, `R`, `N`, `M`, `*`) are ignored without being counted.
pub fn parse_ann(ann_path: &Path, ann: &[u8], text: &str) -> (Vec<Relation>, Vec<Skipped>) {
    let len = text.chars().count();
    let mut skipped = Vec::new();
    let mut skip = |line: usize, reason: String| {
        skipped.push(Skipped {
            file: ann_path.to_path_buf(),
            line,
            reason,
        })
    };
    let mut spans: BTreeMap<&str, Vec<Range<usize>>> = BTreeMap::new();
    let mut events: Vec<(usize, &str)> = Vec::new();
    for (i, raw) in ann.split(|&b| b == b'\n').enumerate() {
        let n = i + 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let Ok(line) = std::str::from_utf8(raw) else {
            skip(n, "not valid UTF-8".to_owned());
            continue;
        };
        if line.trim().is_empty() {
            continue;
        }
        let Some((id, rest)) = brat_id(line) else {
            skip(n, "not an annotation line".to_owned());
            continue;
        };
        if id.starts_with('T') {
            let def = rest.split('\t').next().unwrap_or(rest);
            let Some((_label, offsets)) = def.split_once(' ') else {
                skip(n, format!("{id}: no offsets"));
                continue;
            };
            match parse_offsets(offsets, len) {
                Ok(ranges) => {
                    if spans.insert(id, ranges).is_some() {
                        skip(n, format!("{id}: defined twice (this definition is used)"));
                    }
                }
                Err(e) => skip(n, format!("{id}: {e}")),
            }
        } else if id.starts_with('E') {
            events.push((n, rest));
        }
    }
    let mut relations = Vec::new();
    'events: for (n, rest) in events {
        let args: Vec<&str> = rest
            .split('\t')
            .next()
            .unwrap_or(rest)
            .split_whitespace()
            .collect();
        let mut rel = Relation::default();
        let mut trigger: Option<&Vec<Range<usize>>> = None;
        let mut has_cue = false;
        let mut has_content = false;
        for (k, arg) in args.iter().enumerate() {
            let Some((role, tid)) = arg.split_once(':') else {
                skip(n, format!("argument {arg:?} is not ROLE:ID"));
                continue 'events;
            };
            let Some(ranges) = spans.get(tid) else {
                skip(n, format!("{role}:{tid} names a span that does not exist"));
                continue 'events;
            };
            if k == 0 {
                trigger = Some(ranges);
            } else if role.starts_with("Source") {
                rel.source.extend(ranges.iter().cloned());
            } else if role.starts_with("Cue") {
                has_cue = true;
                rel.cue.extend(ranges.iter().cloned());
            } else if role.starts_with("Content") {
                has_content = true;
                rel.content.extend(ranges.iter().cloned());
            }
        }
        let Some(trigger) = trigger else {
            skip(n, "relation with no arguments".to_owned());
            continue;
        };
        if !has_content {
            skip(n, "relation has no Content".to_owned());
            continue;
        }
        if !has_cue {
            rel.cue.extend(trigger.iter().cloned());
        }
        relations.push(rel);
    }
    skipped.sort_by_key(|s| s.line);
    (relations, skipped)
}

/// Characters trimmed off the edges of every piece of a span before comparison: blanks
/// (whitespace, zero-width and control characters), quotation marks, dashes, brackets and
/// sentence punctuation.
pub fn is_edge_junk(c: char) -> bool {
    is_blank(c)
        || matches!(
            c,
            '"' | '\''
                | '`'
                | '\u{201C}' // “
                | '\u{201D}' // ”
                | '\u{2018}' // ‘
                | '\u{2019}' // ’
                | '\u{201A}' // ‚
                | '\u{201E}' // „
                | '\u{00AB}' // «
                | '\u{00BB}' // »
                | '\u{2039}' // ‹
                | '\u{203A}' // ›
                | ','
                | '.'
                | ':'
                | ';'
                | '!'
                | '?'
                | '\u{2026}' // …
                | '-'
                | '\u{2010}' // ‐
                | '\u{2011}' // non-breaking hyphen
                | '\u{2012}' // ‒
                | '\u{2013}' // –
                | '\u{2014}' // —
                | '\u{2015}' // ―
                | '('
                | ')'
                | '['
                | ']'
                | '{'
                | '}'
        )
}

/// The set of code points a span stands for, as sorted, disjoint, non-adjacent ranges.
///
/// Each piece is clamped to the text and trimmed of [`is_edge_junk`] at both ends; blank
/// characters inside a piece are left out too, so that a span broken only by whitespace
/// equals the unbroken one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CharSet(Vec<Range<usize>>);

impl CharSet {
    pub fn new(chars: &[char], pieces: &[Range<usize>]) -> CharSet {
        let n = chars.len();
        let mut runs: Vec<Range<usize>> = Vec::new();
        for p in pieces {
            let end = p.end.min(n);
            let mut start = p.start.min(end);
            let mut end = end;
            while start < end && is_edge_junk(chars[start]) {
                start += 1;
            }
            while end > start && is_edge_junk(chars[end - 1]) {
                end -= 1;
            }
            let mut run_start = None;
            for (i, &c) in chars.iter().enumerate().take(end).skip(start) {
                match (is_blank(c), run_start) {
                    (true, Some(s)) => {
                        runs.push(s..i);
                        run_start = None;
                    }
                    (false, None) => run_start = Some(i),
                    _ => {}
                }
            }
            if let Some(s) = run_start {
                runs.push(s..end);
            }
        }
        runs.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(runs.len());
        for r in runs {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        CharSet(merged)
    }

    pub fn len(&self) -> usize {
        self.0.iter().map(|r| r.end - r.start).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn ranges(&self) -> &[Range<usize>] {
        &self.0
    }

    pub fn intersection_len(&self, other: &CharSet) -> usize {
        let (a, b) = (&self.0, &other.0);
        let (mut i, mut j, mut total) = (0, 0, 0);
        while i < a.len() && j < b.len() {
            let lo = a[i].start.max(b[j].start);
            let hi = a[i].end.min(b[j].end);
            if lo < hi {
                total += hi - lo;
            }
            if a[i].end <= b[j].end {
                i += 1;
            } else {
                j += 1;
            }
        }
        total
    }

    /// |A ∩ B| / |A ∪ B|; 0 when both are empty.
    pub fn jaccard(&self, other: &CharSet) -> f64 {
        let inter = self.intersection_len(other);
        let union = self.len() + other.len() - inter;
        if union == 0 {
            0.0
        } else {
            inter as f64 / union as f64
        }
    }
}

/// True positives, predictions and gold items of one measure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub pred: usize,
    pub gold: usize,
}

impl Counts {
    /// tp / pred, 0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.pred)
    }

    /// tp / gold, 0 when there is no gold item.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.gold)
    }

    /// Harmonic mean of precision and recall, 0 when both are 0.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.pred += other.pred;
        self.gold += other.gold;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl Serialize for Counts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Counts", 6)?;
        st.serialize_field("p", &self.precision())?;
        st.serialize_field("r", &self.recall())?;
        st.serialize_field("f1", &self.f1())?;
        st.serialize_field("tp", &self.tp)?;
        st.serialize_field("pred", &self.pred)?;
        st.serialize_field("gold", &self.gold)?;
        st.end()
    }
}

/// One matching criterion applied to each part and to whole relations.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PartScores {
    pub source: Counts,
    pub cue: Counts,
    pub content: Counts,
    pub relation: Counts,
}

impl PartScores {
    fn add(&mut self, other: &PartScores) {
        self.source.add(other.source);
        self.cue.add(other.cue);
        self.content.add(other.content);
        self.relation.add(other.relation);
    }
}

/// Micro-averaged scores over a corpus.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Scores {
    pub documents: usize,
    /// Gold relations scored (those with content).
    pub gold: usize,
    /// Predicted relations scored (those with content).
    pub predicted: usize,
    /// Annotation lines skipped while reading the gold (malformed, dangling, incomplete).
    pub skipped_lines: usize,
    /// Exact span match; `relation` here needs exact content and exact source.
    pub exact: PartScores,
    /// Jaccard ≥ 0.5 span match; `relation` here is the relation measure.
    pub overlap: PartScores,
}

/// A relation reduced to character sets.
struct Norm {
    source: CharSet,
    cue: CharSet,
    content: CharSet,
}

fn normalise(chars: &[char], relations: &[Relation]) -> Vec<Norm> {
    relations
        .iter()
        .map(|r| Norm {
            source: CharSet::new(chars, &r.source),
            cue: CharSet::new(chars, &r.cue),
            content: CharSet::new(chars, &r.content),
        })
        .filter(|n| !n.content.is_empty())
        .collect()
}

/// One-to-one exact matching of span sets: the number of pairs of equal sets.
fn match_exact(pred: &[&CharSet], gold: &[&CharSet]) -> usize {
    let mut used = vec![false; gold.len()];
    let mut tp = 0;
    for p in pred {
        if let Some(j) = (0..gold.len()).find(|&j| !used[j] && gold[j] == *p) {
            used[j] = true;
            tp += 1;
        }
    }
    tp
}

/// Greedy one-to-one matching: candidate pairs `(score, pred, gold)` are taken in order of
/// descending score (ties: lower prediction index, then lower gold index) while both ends
/// are free.
fn match_greedy(mut pairs: Vec<(f64, usize, usize)>, n_pred: usize, n_gold: usize) -> usize {
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut used_p = vec![false; n_pred];
    let mut used_g = vec![false; n_gold];
    let mut tp = 0;
    for (_, i, j) in pairs {
        if !used_p[i] && !used_g[j] {
            used_p[i] = true;
            used_g[j] = true;
            tp += 1;
        }
    }
    tp
}

fn match_overlap(pred: &[&CharSet], gold: &[&CharSet]) -> usize {
    let mut pairs = Vec::new();
    for (i, p) in pred.iter().enumerate() {
        for (j, g) in gold.iter().enumerate() {
            let jac = p.jaccard(g);
            if jac >= OVERLAP_THRESHOLD {
                pairs.push((jac, i, j));
            }
        }
    }
    match_greedy(pairs, pred.len(), gold.len())
}

/// Agreement of two optional parts: `Some(similarity)` when they agree under `threshold`
/// (both absent counts as agreement, with similarity 1), `None` otherwise.
fn agree(a: &CharSet, b: &CharSet, exact: bool) -> Option<f64> {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => Some(1.0),
        (false, false) if exact => (a == b).then_some(1.0),
        (false, false) => {
            let j = a.jaccard(b);
            (j >= OVERLAP_THRESHOLD).then_some(j)
        }
        _ => None,
    }
}

fn match_relations(pred: &[Norm], gold: &[Norm], exact: bool) -> usize {
    let mut pairs = Vec::new();
    for (i, p) in pred.iter().enumerate() {
        for (j, g) in gold.iter().enumerate() {
            let content = if exact {
                (p.content == g.content).then_some(1.0)
            } else {
                let jac = p.content.jaccard(&g.content);
                (jac >= OVERLAP_THRESHOLD).then_some(jac)
            };
            if let (Some(c), Some(s)) = (content, agree(&p.source, &g.source, exact)) {
                pairs.push((c + s, i, j));
            }
        }
    }
    match_greedy(pairs, pred.len(), gold.len())
}

/// Scores one document's predictions.
fn score_doc(doc: &BratDoc, predicted: &[Relation]) -> Scores {
    let chars: Vec<char> = doc.text.chars().collect();
    let gold = normalise(&chars, &doc.relations);
    let pred = normalise(&chars, predicted);
    let mut scores = Scores {
        documents: 1,
        gold: gold.len(),
        predicted: pred.len(),
        skipped_lines: doc.skipped.len(),
        ..Scores::default()
    };
    type Part = fn(&Norm) -> &CharSet;
    let parts: [Part; 3] = [|n| &n.source, |n| &n.cue, |n| &n.content];
    for (k, part) in parts.iter().enumerate() {
        let p: Vec<&CharSet> = pred.iter().map(part).filter(|s| !s.is_empty()).collect();
        let g: Vec<&CharSet> = gold.iter().map(part).filter(|s| !s.is_empty()).collect();
        let exact = Counts {
            tp: match_exact(&p, &g),
            pred: p.len(),
            gold: g.len(),
        };
        let overlap = Counts {
            tp: match_overlap(&p, &g),
            pred: p.len(),
            gold: g.len(),
        };
        let (e, o) = match k {
            0 => (&mut scores.exact.source, &mut scores.overlap.source),
            1 => (&mut scores.exact.cue, &mut scores.overlap.cue),
            _ => (&mut scores.exact.content, &mut scores.overlap.content),
        };
        *e = exact;
        *o = overlap;
    }
    scores.exact.relation = Counts {
        tp: match_relations(&pred, &gold, true),
        pred: pred.len(),
        gold: gold.len(),
    };
    scores.overlap.relation = Counts {
        tp: match_relations(&pred, &gold, false),
        pred: pred.len(),
        gold: gold.len(),
    };
    scores
}

/// Scores predictions made beforehand: `predicted[i]` are the relations predicted for
/// `gold[i]` (missing entries count as no prediction). Documents are scored in parallel;
/// the result does not depend on the number of threads.
pub fn score_predictions(gold: &[BratDoc], predicted: &[Vec<Relation>]) -> Scores {
    let per_doc: Vec<Scores> = gold
        .par_iter()
        .enumerate()
        .map(|(i, doc)| score_doc(doc, predicted.get(i).map(Vec::as_slice).unwrap_or(&[])))
        .collect();
    let mut total = Scores::default();
    for s in &per_doc {
        total.documents += s.documents;
        total.gold += s.gold;
        total.predicted += s.predicted;
        total.skipped_lines += s.skipped_lines;
        total.exact.add(&s.exact);
        total.overlap.add(&s.overlap);
    }
    total
}

/// Runs `predict` on every document (in parallel) and scores the result.
pub fn score(gold: &[BratDoc], predict: impl Fn(&BratDoc) -> Vec<Relation> + Sync) -> Scores {
    let predicted: Vec<Vec<Relation>> = gold.par_iter().map(&predict).collect();
    score_predictions(gold, &predicted)
}

/// The relations of an extraction, in the document's offsets, and how many claims were
/// left out because they are nested in another claim's quotation (PolNeAR annotates only
/// the outermost attribution).
///
/// `offset` is added to every position: 1 when the text starts with a byte-order mark,
/// which brat counts as a character and [`Article`] drops.
pub fn relations_of(extraction: &Extraction, offset: usize) -> (Vec<Relation>, usize) {
    let shift = |s: usize, e: usize| s + offset..e + offset;
    let mut nested = 0;
    let mut out = Vec::new();
    for c in &extraction.claims {
        if c.nested_in.is_some() {
            nested += 1;
            continue;
        }
        out.push(Relation {
            source: c.speaker.iter().map(|m| shift(m.start, m.end)).collect(),
            cue: c.cue.iter().map(|a| shift(a.start, a.end)).collect(),
            content: c.content.iter().map(|a| shift(a.start, a.end)).collect(),
        });
    }
    (out, nested)
}

/// Predictions of one document by the extractor.
struct Extracted {
    relations: Vec<Relation>,
    nested: usize,
    cpu: Duration,
    warning: Option<String>,
}

fn extract_doc(doc: &BratDoc, rules_only: bool) -> Extracted {
    let start = Instant::now();
    let result = Article::from_bytes(&doc.text_path, doc.text.as_bytes()).map(|article| {
        let extraction = if rules_only {
            crate::extract::extract_rules(&article)
        } else {
            crate::extract::extract(&article)
        };
        (extraction, article.text.len() < doc.text.len())
    });
    let cpu = start.elapsed();
    match result {
        Ok((extraction, bom)) => {
            let (relations, nested) = relations_of(&extraction, usize::from(bom));
            Extracted {
                relations,
                nested,
                cpu,
                warning: None,
            }
        }
        Err(e) => Extracted {
            relations: Vec::new(),
            nested: 0,
            cpu,
            warning: Some(format!("{e} (scored with no predictions)")),
        },
    }
}

/// The `claimtrace eval --format json` object.
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    pub documents: usize,
    pub annotation_files: usize,
    pub gold: usize,
    pub predicted: usize,
    /// Claims left out because they are nested in another claim's quotation.
    pub nested_skipped: usize,
    pub skipped_lines: usize,
    pub exact: PartScores,
    pub overlap: PartScores,
    /// The relation measure (same as `overlap.relation`).
    pub relation: Counts,
    /// Wall time of decoding and extraction over all documents (parallel).
    pub extraction_seconds: f64,
    /// Sum over documents of the time spent decoding and extracting each one.
    pub extraction_cpu_seconds: f64,
    pub extraction_bytes: usize,
    /// `extraction_bytes` / 10⁶ / `extraction_seconds`.
    pub extraction_mb_per_s: f64,
    pub threads: usize,
}

impl EvalReport {
    pub fn new(
        docs: &[BratDoc],
        scores: &Scores,
        nested: usize,
        wall: Duration,
        cpu: Duration,
    ) -> Self {
        let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
        let secs = wall.as_secs_f64();
        EvalReport {
            documents: scores.documents,
            annotation_files: docs.iter().map(|d| d.annotations.len()).sum(),
            gold: scores.gold,
            predicted: scores.predicted,
            nested_skipped: nested,
            skipped_lines: scores.skipped_lines,
            exact: scores.exact,
            overlap: scores.overlap,
            relation: scores.overlap.relation,
            extraction_seconds: secs,
            extraction_cpu_seconds: cpu.as_secs_f64(),
            extraction_bytes: bytes,
            extraction_mb_per_s: if secs > 0.0 {
                bytes as f64 / 1e6 / secs
            } else {
                0.0
            },
            threads: rayon::current_num_threads(),
        }
    }

    /// The aligned text table of `claimtrace eval`.
    pub fn write_text(&self, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(
            out,
            "{} documents ({} annotation files), {} gold relations, {} predicted ({} nested left out), {} annotation lines skipped",
            self.documents,
            self.annotation_files,
            self.gold,
            self.predicted,
            self.nested_skipped,
            self.skipped_lines
        )?;
        writeln!(out)?;
        let header = format!(
            "{:<10}{:^26}  {:^26}",
            "", "exact", "overlap (Jaccard >= 0.5)"
        );
        writeln!(out, "{}", header.trim_end())?;
        writeln!(
            out,
            "{:<10}{:>8}{:>9}{:>9}  {:>8}{:>9}{:>9}",
            "", "P", "R", "F1", "P", "R", "F1"
        )?;
        let rows = [
            ("source", self.exact.source, self.overlap.source),
            ("cue", self.exact.cue, self.overlap.cue),
            ("content", self.exact.content, self.overlap.content),
            ("relation", self.exact.relation, self.overlap.relation),
        ];
        for (name, e, o) in rows {
            writeln!(
                out,
                "{:<10}{:>8.3}{:>9.3}{:>9.3}  {:>8.3}{:>9.3}{:>9.3}",
                name,
                e.precision(),
                e.recall(),
                e.f1(),
                o.precision(),
                o.recall(),
                o.f1()
            )?;
        }
        writeln!(out)?;
        writeln!(
            out,
            "extraction: {:.3} s wall on {} threads ({:.3} s summed over documents), {:.2} MB of text, {:.2} MB/s",
            self.extraction_seconds,
            self.threads,
            self.extraction_cpu_seconds,
            self.extraction_bytes as f64 / 1e6,
            self.extraction_mb_per_s
        )
    }
}

/// `claimtrace eval`: reads the corpus, runs the extractor on every text, prints the scores.
/// With `rules_only`, the tagger is left out.
pub fn run(brat: &Path, json: bool, rules_only: bool) -> Result<ExitCode, Report> {
    let docs = read_brat(brat).map_err(|e| miette::miette!("{e}"))?;
    // Load the embedded model before the clock starts.
    let _ = crate::tagger::embedded();
    let start = Instant::now();
    let extracted: Vec<Extracted> = docs
        .par_iter()
        .map(|d| extract_doc(d, rules_only))
        .collect();
    let wall = start.elapsed();

    let mut stderr = std::io::stderr().lock();
    for w in extracted.iter().filter_map(|e| e.warning.as_ref()) {
        writeln!(stderr, "warning: {w}").into_diagnostic()?;
    }
    let skipped: Vec<&Skipped> = docs.iter().flat_map(|d| &d.skipped).collect();
    for s in skipped.iter().take(SHOWN_SKIPS) {
        writeln!(stderr, "skipped {s}").into_diagnostic()?;
    }
    if skipped.len() > SHOWN_SKIPS {
        writeln!(
            stderr,
            "… and {} more skipped lines",
            skipped.len() - SHOWN_SKIPS
        )
        .into_diagnostic()?;
    }
    drop(stderr);

    let nested = extracted.iter().map(|e| e.nested).sum();
    let cpu = extracted.iter().map(|e| e.cpu).sum();
    let predicted: Vec<Vec<Relation>> = extracted.into_iter().map(|e| e.relations).collect();
    let scores = score_predictions(&docs, &predicted);
    let report = EvalReport::new(&docs, &scores, nested, wall, cpu);

    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &report).into_diagnostic()?;
        writeln!(out).into_diagnostic()?;
    } else {
        report.write_text(&mut out).into_diagnostic()?;
    }
    out.flush().into_diagnostic()?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
// Spans are vectors of ranges: a one-range vector is a one-piece span, not a mistake.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;
    use crate::model::{Anchor, Claim, Mention, Mode};
    use proptest::prelude::*;

    /// Code-point range of the `nth` occurrence (0-based) of `needle` in `text`.
    fn at_nth(text: &str, needle: &str, nth: usize) -> Range<usize> {
        let (byte, _) = text
            .match_indices(needle)
            .nth(nth)
            .unwrap_or_else(|| panic!("{needle:?} not in the test text"));
        let start = text[..byte].chars().count();
        start..start + needle.chars().count()
    }

    fn at(text: &str, needle: &str) -> Range<usize> {
        at_nth(text, needle, 0)
    }

    mod brat_fixture {
        include!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/common/brat_fixture.rs"
        ));
    }

    /// The invented fixture corpus, written to a temporary directory.
    fn fixtures() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        brat_fixture::write(dir.path());
        dir
    }

    fn doc(text: &str, relations: Vec<Relation>) -> BratDoc {
        let mut d = BratDoc::from_strs("doc", text, "");
        d.relations = relations;
        d
    }

    fn rel(
        source: Option<Range<usize>>,
        cue: Option<Range<usize>>,
        content: Vec<Range<usize>>,
    ) -> Relation {
        Relation {
            source: source.into_iter().collect(),
            cue: cue.into_iter().collect(),
            content,
        }
    }

    const TEXT: &str = "The minister said “the bridge will reopen in May.” Her deputy disagreed.";

    #[test]
    fn parses_discontinuous_spans_and_roles() {
        let text = "“Prices will fall,” the analyst wrote, “but slowly.” Café staff agreed.";
        let c1 = at(text, "“Prices will fall,”");
        let c2 = at(text, "“but slowly.”");
        let src = at(text, "the analyst");
        let cue = at(text, "wrote");
        let ann = format!(
            "T1\tSource {} {}\tthe analyst\nT2\tCue {} {}\twrote\nT3\tContent {} {};{} {}\tx\n\
             T4\tAttribution {} {}\twrote\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n",
            src.start,
            src.end,
            cue.start,
            cue.end,
            c1.start,
            c1.end,
            c2.start,
            c2.end,
            cue.start,
            cue.end
        );
        let d = BratDoc::from_strs("a", text, &ann);
        assert!(d.skipped.is_empty(), "{:?}", d.skipped);
        assert_eq!(d.relations, vec![rel(Some(src), Some(cue), vec![c1, c2])]);
    }

    #[test]
    fn content2_adds_content_and_trigger_stands_in_for_a_missing_cue() {
        let text = "Residents said roads flooded and power failed.";
        let said = at(text, "said");
        let a = at(text, "roads flooded");
        let b = at(text, "power failed");
        let ann = format!(
            "T1\tAttribution {} {}\tsaid\nT2\tContent {} {}\troads flooded\nT3\tContent {} {}\tpower failed\n\
             E1\tAttribution-no-source:T1 Content:T2 Content2:T3\n",
            said.start, said.end, a.start, a.end, b.start, b.end
        );
        let d = BratDoc::from_strs("a", text, &ann);
        assert_eq!(d.relations, vec![rel(None, Some(said), vec![a, b])]);
    }

    #[test]
    fn offsets_are_code_points() {
        let text = "Zoë “said” Ünal.";
        let d = BratDoc::from_strs(
            "a",
            text,
            "T1\tSource 11 15\tÜnal\nT2\tContent 0 3\tZoë\nE1\tAttribution:T1 Content:T2\n",
        );
        assert!(d.skipped.is_empty());
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[11..15].iter().collect::<String>(), "Ünal");
        assert_eq!(d.relations[0].cue, vec![11..15]);
    }

    #[test]
    fn malformed_lines_are_skipped_with_their_line_numbers() {
        let text = "Officials said the port was closed.";
        let ann = "T1\tSource 0 9\tOfficials\n\
                   T2\tCue 10 14\tsaid\n\
                   T3\tContent 15 35\tthe port was closed\n\
                   T4\tAttribution 10 14\tsaid\n\
                   E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n\
                   E2\tAttribution:T4 Content:T9 Source:T1\n\
                   T5\tContent 30 20\tbackwards\n\
                   T6\tContent 10 999\tpast the end\n\
                   T7\tContent ten 20\tnot a number\n\
                   T8\tContent\n\
                   E3\tAttribution-no-source:T4 \n\
                   E4\tAttribution:T4 Content\n\
                   a stray line from a note\n\
                   \n\
                   #1\tAnnotatorNotes T1\tnotes are ignored\n\
                   A1\tNegated E1\n\
                   E5\n";
        let mut bytes = ann.as_bytes().to_vec();
        bytes.extend_from_slice(b"T9\tContent 0 \xFF\n");
        let (relations, skipped) = parse_ann(Path::new("x.ann"), &bytes, text);
        assert_eq!(relations.len(), 1);
        let lines: Vec<usize> = skipped.iter().map(|s| s.line).collect();
        assert_eq!(lines, vec![6, 7, 8, 9, 10, 11, 12, 13, 17, 18]);
        assert!(
            skipped[0].to_string().starts_with("x.ann:6: "),
            "{}",
            skipped[0]
        );
        assert!(skipped[0].reason.contains("T9"));
    }

    #[test]
    fn the_first_annotator_is_scored_the_others_read_for_training() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("text")).expect("mkdir");
        std::fs::create_dir_all(dir.path().join("attributions")).expect("mkdir");
        let text = "Experts said it rained. Nobody agreed.";
        std::fs::write(dir.path().join("text/daily_news_one.txt"), text).expect("write");
        let one =
            "T1\tContent 13 22\tit rained\nT2\tCue 8 12\tsaid\nE1\tAttribution:T2 Content:T1\n";
        let two =
            "T1\tContent 24 30\tNobody\nT2\tCue 31 37\tagreed\nE1\tAttribution:T2 Content:T1\n\
                   E2\tAttribution:T2 Content:T1\n";
        std::fs::write(dir.path().join("attributions/daily_news_one_b2c3.ann"), two)
            .expect("write");
        std::fs::write(dir.path().join("attributions/daily_news_one_a1f0.ann"), one)
            .expect("write");
        let docs = read_brat(dir.path()).expect("reads");
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].name, "daily_news_one");
        assert_eq!(docs[0].annotations.len(), 2);
        assert!(docs[0].ann_path.ends_with("daily_news_one_a1f0.ann"));
        assert_eq!(
            docs[0].relations,
            vec![rel(None, Some(8..12), vec![13..22])]
        );
        // Training may read the other annotator's file as another view of the same text.
        let others = docs[0].other_annotators().expect("reads");
        assert_eq!(others.len(), 1);
        assert!(others[0].ann_path.ends_with("daily_news_one_b2c3.ann"));
        assert_eq!(others[0].text, docs[0].text);
        assert_eq!(
            others[0].relations,
            vec![rel(None, Some(31..37), vec![24..30]); 2]
        );
    }

    #[test]
    fn corpus_errors_name_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let e = read_brat(dir.path()).expect_err("no layout");
        assert!(matches!(e, EvalError::Layout { .. }), "{e}");
        std::fs::create_dir_all(dir.path().join("text")).expect("mkdir");
        std::fs::create_dir_all(dir.path().join("attributions")).expect("mkdir");
        assert!(matches!(
            read_brat(dir.path()),
            Err(EvalError::NoDocuments { .. })
        ));
        std::fs::write(dir.path().join("attributions/lost_x1.ann"), "").expect("write");
        let e = read_brat(dir.path()).expect_err("no text");
        assert!(
            e.to_string().contains("lost_x1.ann") && e.to_string().contains("lost.txt"),
            "{e}"
        );
        std::fs::write(dir.path().join("text/lost.txt"), b"ok \xC3(").expect("write");
        let e = read_brat(dir.path()).expect_err("bad utf-8");
        assert!(
            e.to_string().contains("lost.txt") && e.to_string().contains("byte offset 3"),
            "{e}"
        );
    }

    #[test]
    fn reads_the_fixture_corpus() {
        let docs = read_brat(fixtures().path()).expect("fixtures");
        let names: Vec<&str> = docs.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["council_budget", "harbour_storm"]);
        // The second annotator of council_budget is ignored.
        assert_eq!(docs[0].relations.len(), 2);
        assert_eq!(docs[0].annotations.len(), 2);
        assert!(docs[0].skipped.is_empty());
        assert_eq!(docs[1].relations.len(), 3);
        let lines: Vec<usize> = docs[1].skipped.iter().map(|s| s.line).collect();
        assert_eq!(lines, [15, 16, 17]);
        let content = &docs[1].relations[0].content;
        assert_eq!(content.len(), 2, "discontinuous content");
        // Scoring the gold against itself is perfect.
        let s = score(&docs, |d| d.relations.clone());
        assert_eq!(
            (s.documents, s.gold, s.predicted, s.skipped_lines),
            (2, 5, 5, 3)
        );
        assert_eq!(
            s.exact.source,
            Counts {
                tp: 4,
                pred: 4,
                gold: 4
            }
        );
        assert_eq!(
            s.overlap.relation,
            Counts {
                tp: 5,
                pred: 5,
                gold: 5
            }
        );
    }

    #[test]
    fn trimming_makes_a_missing_quote_mark_an_exact_match() {
        let gold = at(TEXT, "“the bridge will reopen in May.”");
        let pred = at(TEXT, "the bridge will reopen in May");
        let d = doc(TEXT, vec![rel(None, None, vec![gold])]);
        let s = score(&[d], |_| vec![rel(None, None, vec![pred.clone()])]);
        assert_eq!(
            s.exact.content,
            Counts {
                tp: 1,
                pred: 1,
                gold: 1
            }
        );
        assert_eq!(s.exact.relation.tp, 1);
        assert_eq!(s.exact.content.f1(), 1.0);
    }

    #[test]
    fn whitespace_inside_does_not_count() {
        let text = "He said: we go\nnow, he added.";
        let chars: Vec<char> = text.chars().collect();
        let whole = CharSet::new(&chars, &[at(text, "we go\nnow")]);
        let pieces = CharSet::new(&chars, &[at(text, "we go"), at(text, "now,")]);
        assert_eq!(whole, pieces);
        assert_eq!(whole.len(), 7);
    }

    #[test]
    fn jaccard_threshold_is_inclusive_at_one_half() {
        let text = "abcdefghijklmnop";
        let chars: Vec<char> = text.chars().collect();
        let set = |r: Range<usize>| CharSet::new(&chars, &[r]);
        assert!((set(0..7).jaccard(&set(3..10)) - 0.4).abs() < 1e-12);
        assert_eq!(set(0..6).jaccard(&set(2..8)), 0.5);
        let d = doc(
            text,
            vec![rel(None, None, vec![0..7]), rel(None, None, vec![10..16])],
        );
        // 0.4: no overlap match; 0.5: a match.
        let s = score(&[d], |_| {
            vec![rel(None, None, vec![3..10]), rel(None, None, vec![12..16])]
        });
        assert!(
            (CharSet::new(&chars, &[10..16]).jaccard(&CharSet::new(&chars, &[12..16])) - 4.0 / 6.0)
                .abs()
                < 1e-12
        );
        assert_eq!(
            s.overlap.content,
            Counts {
                tp: 1,
                pred: 2,
                gold: 2
            }
        );
        assert_eq!(s.exact.content.tp, 0);
        assert_eq!(s.overlap.relation.tp, 1);
        let d = doc(text, vec![rel(None, None, vec![0..6])]);
        let s = score(&[d], |_| vec![rel(None, None, vec![2..8])]);
        assert_eq!(s.overlap.content.tp, 1);
    }

    #[test]
    fn matching_is_one_to_one() {
        let content = at(TEXT, "the bridge will reopen in May");
        let d = doc(
            TEXT,
            vec![rel(
                Some(at(TEXT, "The minister")),
                Some(at(TEXT, "said")),
                vec![content.clone()],
            )],
        );
        let p = rel(
            Some(at(TEXT, "The minister")),
            Some(at(TEXT, "said")),
            vec![content],
        );
        let s = score(&[d], |_| vec![p.clone(), p.clone()]);
        for c in [
            s.exact.source,
            s.exact.cue,
            s.exact.content,
            s.overlap.content,
            s.overlap.relation,
        ] {
            assert_eq!(
                c,
                Counts {
                    tp: 1,
                    pred: 2,
                    gold: 1
                }
            );
            assert_eq!(c.precision(), 0.5);
            assert_eq!(c.recall(), 1.0);
            assert!((c.f1() - 2.0 / 3.0).abs() < 1e-12);
        }
    }

    #[test]
    fn greedy_overlap_takes_the_best_pair_first() {
        let text = "aaaaaaaaaa bbbbbbbbbb";
        let d = doc(
            text,
            vec![rel(None, None, vec![0..10]), rel(None, None, vec![0..6])],
        );
        // The prediction 0..6 overlaps both golds; it goes to its exact twin, and 0..9 to 0..10.
        let s = score(&[d], |_| {
            vec![rel(None, None, vec![0..9]), rel(None, None, vec![0..6])]
        });
        assert_eq!(s.overlap.content.tp, 2);
    }

    #[test]
    fn relation_needs_content_and_source() {
        let content = vec![at(TEXT, "the bridge will reopen in May")];
        let minister = at(TEXT, "The minister");
        let deputy = at(TEXT, "Her deputy");
        let d = doc(
            TEXT,
            vec![rel(Some(minister.clone()), None, content.clone())],
        );
        let run = |p: Relation| score(std::slice::from_ref(&d), |_| vec![p.clone()]);
        // Wrong source: content matches, relation does not.
        let s = run(rel(Some(deputy.clone()), None, content.clone()));
        assert_eq!(
            (
                s.overlap.content.tp,
                s.overlap.relation.tp,
                s.overlap.source.tp
            ),
            (1, 0, 0)
        );
        // Missing source against a gold source: no relation match, and nothing predicted for source.
        let s = run(rel(None, None, content.clone()));
        assert_eq!(s.overlap.relation.tp, 0);
        assert_eq!(
            s.overlap.source,
            Counts {
                tp: 0,
                pred: 0,
                gold: 1
            }
        );
        // "minister" is Jaccard 8/11 of "The minister": a relation match, not an exact one.
        let s = run(rel(Some(at(TEXT, "minister")), None, content.clone()));
        assert_eq!((s.overlap.relation.tp, s.exact.relation.tp), (1, 0));
        // Both without source: matches.
        let d2 = doc(TEXT, vec![rel(None, None, content.clone())]);
        let s = score(&[d2], |_| {
            vec![rel(None, Some(at(TEXT, "said")), content.clone())]
        });
        assert_eq!(
            s.overlap.relation,
            Counts {
                tp: 1,
                pred: 1,
                gold: 1
            }
        );
        assert_eq!(s.overlap.source, Counts::default());
        assert_eq!(
            s.overlap.cue,
            Counts {
                tp: 0,
                pred: 1,
                gold: 0
            }
        );
    }

    #[test]
    fn relations_without_content_are_not_scored() {
        let d = doc(TEXT, vec![rel(Some(0..3), None, vec![])]);
        let s = score(&[d], |_| vec![rel(Some(0..3), None, vec![at(TEXT, "“")])]);
        assert_eq!((s.gold, s.predicted), (0, 0));
        assert_eq!(s.overlap.source, Counts::default());
    }

    #[test]
    fn nothing_predicted_scores_zero_not_nan() {
        let docs = read_brat(fixtures().path()).expect("fixtures");
        let s = score(&docs, |_| Vec::new());
        for c in [
            s.exact.source,
            s.exact.content,
            s.overlap.cue,
            s.overlap.relation,
        ] {
            assert_eq!((c.precision(), c.recall(), c.f1()), (0.0, 0.0, 0.0));
        }
        assert_eq!(s.gold, 5);
    }

    #[test]
    fn claims_become_relations_and_nested_ones_are_left_out() {
        let anchor = |s: usize, e: usize| Anchor {
            text: String::new(),
            start: s,
            end: e,
        };
        let claim = |nested: Option<&str>| Claim {
            id: "c1".into(),
            speaker: Some(Mention {
                text: String::new(),
                start: 0,
                end: 3,
                entity: None,
            }),
            cue: Some(anchor(4, 8)),
            content: vec![anchor(9, 12), anchor(20, 25)],
            channel: None,
            mode: Mode::Indirect,
            anonymity: None,
            hedges: Vec::new(),
            rule: "test".into(),
            nested_in: nested.map(String::from),
        };
        let extraction = Extraction {
            claims: vec![claim(None), claim(Some("c1"))],
            ..Extraction::default()
        };
        let (rels, nested) = relations_of(&extraction, 1);
        assert_eq!(nested, 1);
        assert_eq!(
            rels,
            vec![rel(Some(1..4), Some(5..9), vec![10..13, 21..26])]
        );
    }

    #[test]
    fn bom_counts_as_a_character_for_gold_and_predictions_are_shifted() {
        let text = "\u{FEFF}Ann said hi.";
        let d = BratDoc::from_strs(
            "b",
            text,
            "T1\tSource 1 4\tAnn\nT2\tContent 10 12\thi\nE1\tAttribution:T1 Content:T2 Source:T1\n",
        );
        let x = extract_doc(&d, false);
        assert!(x.warning.is_none());
        assert_eq!(d.relations[0].source, vec![1..4]);
    }

    #[test]
    fn text_report_is_a_table() {
        let docs = read_brat(fixtures().path()).expect("fixtures");
        let s = score(&docs, |d| d.relations.clone());
        let r = EvalReport::new(
            &docs,
            &s,
            0,
            Duration::from_millis(10),
            Duration::from_millis(10),
        );
        let mut out = Vec::new();
        r.write_text(&mut out).expect("write");
        let out = String::from_utf8(out).expect("utf-8");
        for row in ["source", "cue", "content", "relation"] {
            let line = out.lines().find(|l| l.starts_with(row)).expect(row);
            assert_eq!(
                line.split_whitespace().filter(|w| *w == "1.000").count(),
                6,
                "{line}"
            );
        }
        let json = serde_json::to_value(&r).expect("json");
        assert_eq!(json["exact"]["content"]["f1"], 1.0);
        assert_eq!(json["relation"]["tp"], 5);
        assert_eq!(json["annotation_files"], 3);
    }

    fn arb_doc() -> impl Strategy<Value = BratDoc> {
        let text = proptest::collection::vec(
            prop_oneof![
                Just('a'),
                Just('é'),
                Just(' '),
                Just('“'),
                Just(','),
                Just('b')
            ],
            1..60,
        )
        .prop_map(|cs| cs.into_iter().collect::<String>());
        text.prop_flat_map(|t| {
            let n = t.chars().count();
            let range = (0..=n, 0..=n).prop_map(|(a, b)| a.min(b)..a.max(b));
            let part = proptest::collection::vec(range, 0..3);
            let relation =
                (part.clone(), part.clone(), part).prop_map(|(source, cue, content)| Relation {
                    source,
                    cue,
                    content,
                });
            (Just(t), proptest::collection::vec(relation, 0..8))
        })
        .prop_map(|(t, rels)| doc(&t, rels))
    }

    proptest! {
        #[test]
        fn gold_against_itself_is_perfect(docs in proptest::collection::vec(arb_doc(), 1..4)) {
            let s = score(&docs, |d| d.relations.clone());
            prop_assert_eq!(s.gold, s.predicted);
            for c in [s.exact.source, s.exact.cue, s.exact.content, s.exact.relation,
                      s.overlap.source, s.overlap.cue, s.overlap.content, s.overlap.relation] {
                prop_assert_eq!(c.tp, c.gold);
                prop_assert_eq!(c.pred, c.gold);
                if c.gold > 0 {
                    prop_assert_eq!((c.precision(), c.recall(), c.f1()), (1.0, 1.0, 1.0));
                }
            }
        }

        #[test]
        fn scores_stay_in_range(gold in arb_doc(), pred in arb_doc()) {
            let mut gold = gold;
            gold.text = pred.text.clone();
            let s = score(std::slice::from_ref(&gold), |_| pred.relations.clone());
            for c in [s.exact.source, s.exact.cue, s.exact.content, s.exact.relation,
                      s.overlap.source, s.overlap.cue, s.overlap.content, s.overlap.relation] {
                prop_assert!(c.tp <= c.pred && c.tp <= c.gold);
                for v in [c.precision(), c.recall(), c.f1()] {
                    prop_assert!((0.0..=1.0).contains(&v), "{} out of range", v);
                }
            }
            prop_assert!(s.exact.content.tp <= s.overlap.content.tp);
            prop_assert!(s.exact.relation.tp <= s.overlap.relation.tp);
        }
    }
}
