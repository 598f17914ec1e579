//! Corroboration and conflict across sources and articles.
//!
//! [`load`] reads articles (files or directories) with their claims: the reviewed claims
//! file `claims/<stem>.ron` when there is one (reviewed and draft entries, rejected ones
//! skipped, hand-written figures applied), the extraction otherwise. [`analyse`] finds
//! each article's figures ([`crate::figures`]), merges speakers across articles, groups the
//! figures by measure and classifies every comparison as *corroborates*, *conflicts*,
//! *divergent* or *update*; yes/no states of a person ("was not harmed" vs "taken to
//! hospital") are compared the same way. [`crate::report`] renders the result.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::Report;
use serde::Serialize;

use crate::article::Article;
use crate::figures::{self, Figure, Measure, Qualifier, SourceSpan, StoredFigure, Value};
use crate::measures::{fold, Lexicon};
use crate::model::{Assertion, Claim, Extraction, Metadata, Speaker, SpeakerKind};
use crate::store::{self, Status};

/// One article and the claims that stand for it.
#[derive(Debug, Clone)]
pub struct ArticleClaims {
    /// The article's path as given, with forward slashes.
    pub path: String,
    pub sha256: String,
    pub metadata: Metadata,
    pub text: String,
    pub claims: Vec<Claim>,
    pub speakers: Vec<Speaker>,
    pub assertions: Vec<Assertion>,
    /// Figures added or rejected by hand in the claims file.
    pub figures: Vec<StoredFigure>,
    /// Where the claims come from: the claims file's path, or `None` for extraction.
    pub claims_file: Option<String>,
    /// Review status of each claim read from a claims file, by claim id (draft or
    /// reviewed); empty for extraction.
    pub status: BTreeMap<String, Status>,
}

impl ArticleClaims {
    /// The article's claims as extraction finds them.
    pub fn from_extraction(article: &Article, extraction: Extraction) -> ArticleClaims {
        ArticleClaims {
            path: store::portable_path(&article.path),
            sha256: article.sha256.clone(),
            metadata: article.meta.clone(),
            text: article.text.clone(),
            claims: extraction.claims,
            speakers: extraction.speakers,
            assertions: extraction.assertions,
            figures: Vec::new(),
            claims_file: None,
            status: BTreeMap::new(),
        }
    }

    /// The article's claims as its claims file keeps them (rejected entries skipped).
    pub fn from_store(
        article: &Article,
        file: store::ClaimsFile,
        file_path: &Path,
    ) -> ArticleClaims {
        let pick = |a: Option<String>, b: &Option<String>| a.or_else(|| b.clone());
        let metadata = Metadata {
            outlet: pick(file.metadata.outlet, &article.meta.outlet),
            date: pick(file.metadata.date, &article.meta.date),
            title: pick(file.metadata.title, &article.meta.title),
            url: pick(file.metadata.url, &article.meta.url),
        };
        ArticleClaims {
            path: store::portable_path(&article.path),
            sha256: article.sha256.clone(),
            metadata,
            text: article.text.clone(),
            status: file
                .claims
                .iter()
                .filter(|c| c.is_claim())
                .map(|c| (c.claim.id.clone(), c.status))
                .collect(),
            claims: file
                .claims
                .into_iter()
                .filter(|c| c.is_claim())
                .map(|c| c.claim)
                .collect(),
            speakers: file.speakers,
            assertions: file
                .assertions
                .into_iter()
                .filter(|a| a.status != Status::Rejected)
                .map(|a| a.assertion)
                .collect(),
            figures: file.figures,
            claims_file: Some(store::portable_path(file_path)),
        }
    }

    fn outlet(&self) -> String {
        self.metadata
            .outlet
            .clone()
            .unwrap_or_else(|| self.path.clone())
    }
}

/// Articles read by [`load`], with warnings (same article twice, article changed since review).
#[derive(Debug, Default)]
pub struct Loaded {
    pub articles: Vec<ArticleClaims>,
    pub warnings: Vec<String>,
}

/// Reads the articles under `paths` (files or directories of `.txt`), each with its claims
/// file from `claims_dir` when there is one. The same article given twice (identical
/// bytes) is read once, with a warning.
pub fn load(paths: &[PathBuf], claims_dir: &Path) -> Result<Loaded, Report> {
    load_with_progress(paths, claims_dir, &|_, _| {})
}

/// [`load`], calling `progress(done, total)` after each batch of articles.
pub fn load_with_progress(
    paths: &[PathBuf],
    claims_dir: &Path,
    progress: &dyn Fn(usize, usize),
) -> Result<Loaded, Report> {
    use rayon::prelude::*;
    let files = crate::cli::collect_articles(paths)?;
    // Reading and extracting are independent per article: done in parallel, a bounded
    // batch at a time; the order of the result is the order of the files.
    const BATCH: usize = 128;
    let mut out = Loaded::default();
    let mut seen: HashMap<String, String> = HashMap::new();
    for (bi, batch) in files.chunks(BATCH).enumerate() {
        let read: Vec<Result<(Article, Entry), Report>> = batch
            .par_iter()
            .map(|file| {
                let article = Article::load(file).map_err(|e| miette::miette!("{e}"))?;
                let entry = load_entry(&article, file, claims_dir)?;
                Ok((article, entry))
            })
            .collect();
        for (file, r) in batch.iter().zip(read) {
            let (article, entry) = r?;
            let path = store::portable_path(file);
            if let Some(first) = seen.get(&article.sha256) {
                out.warnings.push(format!(
                    "{path}: same article as {first} (identical text); read once"
                ));
                continue;
            }
            seen.insert(article.sha256.clone(), path);
            out.warnings.extend(entry.warning);
            out.articles.push(entry.claims);
        }
        progress(bi * BATCH + batch.len(), files.len());
    }
    Ok(out)
}

/// One article's claims as read, with what to warn about.
struct Entry {
    claims: ArticleClaims,
    warning: Option<String>,
}

/// The article's claims: from its claims file when there is one for it, from extraction
/// otherwise.
fn load_entry(article: &Article, file: &Path, claims_dir: &Path) -> Result<Entry, Report> {
    let path = store::portable_path(file);
    let claims_path = store::claims_path(claims_dir, file).filter(|p| p.is_file());
    let Some(cp) = claims_path else {
        return Ok(Entry {
            claims: ArticleClaims::from_extraction(article, crate::extract::extract(article)),
            warning: None,
        });
    };
    let cf = store::load(&cp).map_err(store::StoreError::into_report)?;
    let recorded = store::article_candidates(&cp, &cf.article.path);
    let same_article = cf.article.sha256 == article.sha256
        || recorded.iter().any(|p| p == file || same_file(p, file));
    if !same_article {
        return Ok(Entry {
            warning: Some(format!(
                "{}: is about {}, not {path}; {path} is read by extraction",
                store::portable_path(&cp),
                cf.article.path
            )),
            claims: ArticleClaims::from_extraction(article, crate::extract::extract(article)),
        });
    }
    let changed = !cf.article.sha256.is_empty() && cf.article.sha256 != article.sha256;
    let mut cf = cf;
    if changed {
        // Claims whose words moved are found again (exactly, then fuzzily) so that every
        // offset points at today's text; orphans keep their old offsets and `check` lists them.
        store::reanchor(&mut cf, article);
    }
    let warning = changed.then(|| {
        format!(
            "{}: the article changed since its claims were written; moved claims were found \
             again, run `claimtrace check` to review the rest",
            store::portable_path(&cp)
        )
    });
    Ok(Entry {
        claims: ArticleClaims::from_store(article, cf, &cp),
        warning,
    })
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------
// The result
// ---------------------------------------------------------------------------------------

/// How two figures (or two statements of a state) relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// Same stated figure, compatible intervals.
    Corroborates,
    /// Intervals disjoint (or opposite states).
    Conflicts,
    /// Compatible but different ("at least one" vs "four").
    Divergent,
    /// A later or revised figure from the same source.
    Update,
}

impl RelationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Corroborates => "corroborates",
            RelationKind::Conflicts => "conflicts",
            RelationKind::Divergent => "divergent",
            RelationKind::Update => "update",
        }
    }
}

/// A relation between two figures of a measure (`a` is the earlier one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Relation {
    /// Claim (or assertion) ids.
    pub a: Arc<str>,
    pub b: Arc<str>,
    pub kind: RelationKind,
    /// Indexes into the measure's `figures`.
    pub a_figure: usize,
    pub b_figure: usize,
}

/// One figure with its path back to article, outlet, channel and speaker.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureEntry {
    /// Claim id (`c3`) or assertion id (`a1`).
    pub claim: Arc<str>,
    pub min: u64,
    pub max: Option<u64>,
    pub qualifier: Qualifier,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub speaker: String,
    pub channel: Option<String>,
    pub article: String,
    pub outlet: Option<String>,
    /// Id of the independent source (see `sources`).
    pub source: String,
    /// `3`, `≥3`, `100–300`.
    pub display: String,
    /// Which rule read it (`digits`, `partitive`, `ordinal`, `instrument`, `manual`, …).
    pub form: &'static str,
    /// `claim`, `assertion` (the article's own voice) or `unattributed`.
    pub voice: &'static str,
    #[serde(skip)]
    pub value: Value,
    /// (article index, start): the order figures are listed and compared in.
    #[serde(skip)]
    pub order: (usize, usize),
}

/// Figures giving the same stated number, and how many independent sources give it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reading {
    /// "3", "≥1", "100–300" (several forms joined with " / ").
    pub value: String,
    pub figures: Vec<usize>,
    pub independent_sources: usize,
    /// Names of those sources.
    pub sources: Vec<String>,
}

/// The overall state of a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Some figures exclude each other.
    Conflict,
    /// Compatible figures that differ.
    Divergent,
    /// Independent sources agree.
    Agreement,
    /// Only one source, possibly revising itself.
    SingleSource,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Conflict => "conflict",
            Verdict::Divergent => "divergent",
            Verdict::Agreement => "agreement",
            Verdict::SingleSource => "single source",
        }
    }
}

/// Everything said about one measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureReport {
    /// `drone/used@attack`.
    pub measure: String,
    pub label: String,
    pub thing: String,
    pub happening: String,
    pub event: Option<String>,
    pub figures: Vec<FigureEntry>,
    pub relations: Vec<Relation>,
    pub independent_sources: usize,
    pub readings: Vec<Reading>,
    pub verdict: Verdict,
    /// False when the measure had so many different figures that only neighbouring
    /// values were compared (see docs/consistency.md).
    pub relations_complete: bool,
}

/// One statement of a yes/no state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StateEntry {
    pub claim: String,
    /// Whether the text says the state holds.
    pub holds: bool,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub speaker: String,
    pub channel: Option<String>,
    pub article: String,
    pub source: String,
    /// The subject as written.
    pub subject_text: String,
    pub voice: String,
}

/// Statements of one state of one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StateReport {
    /// `harmed:mustafa al-kadhimi`.
    pub measure: String,
    pub label: String,
    pub subject: String,
    pub state: String,
    pub statements: Vec<StateEntry>,
    pub relations: Vec<Relation>,
    pub independent_sources: usize,
    pub verdict: Verdict,
}

/// An independent source: a speaker merged across articles, one anonymous source through
/// one outlet, or an article's own voice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceInfo {
    pub id: String,
    pub name: String,
    /// Other names it goes by in the articles.
    pub aliases: Vec<String>,
    /// `named`, `anonymous`, `own_voice` or `unattributed`.
    pub kind: String,
    pub articles: Vec<String>,
}

/// The result of [`analyse`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Consistency {
    pub articles: Vec<String>,
    pub measures: Vec<MeasureReport>,
    pub states: Vec<StateReport>,
    pub sources: Vec<SourceInfo>,
    pub warnings: Vec<String>,
}

impl Consistency {
    /// Measures where figures conflict or diverge.
    pub fn disputes(&self) -> impl Iterator<Item = &MeasureReport> {
        self.measures
            .iter()
            .filter(|m| matches!(m.verdict, Verdict::Conflict | Verdict::Divergent))
    }
}

// ---------------------------------------------------------------------------------------
// Speakers across articles
// ---------------------------------------------------------------------------------------

const DETERMINERS: &[&str] = &["the", "a", "an", "this", "that", "these", "those"];
const SPOKES: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "spokespeople",
    "spokesmen",
    "spokeswomen",
];
const ORG_NOUNS: &[&str] = &[
    "ministry",
    "office",
    "army",
    "forces",
    "military",
    "police",
    "government",
    "command",
    "council",
    "committee",
    "agency",
    "department",
    "party",
    "authority",
    "authorities",
    "service",
    "services",
    "embassy",
    "mission",
    "parliament",
];

fn title_synonym(w: &str) -> Option<&'static [&'static str]> {
    match w {
        "premier" | "pm" | "premier's" | "pm's" => Some(&["prime", "minister"]),
        _ => None,
    }
}

/// A speaker name reduced for comparison: lower case, no determiners, "premier" as
/// "prime minister", a leading possessive place dropped ("Iraq's Interior Ministry"), a
/// leading demonym dropped before an organisation noun, a trailing "spokesman" dropped
/// (a spokesman speaks for the organisation), titles dropped before a person's name.
pub fn normalise_speaker(name: &str, kind: Option<SpeakerKind>, lex: &Lexicon) -> String {
    let raw: Vec<&str> = name.split_whitespace().collect();
    let mut words: Vec<(String, bool)> = Vec::new();
    for w in raw {
        let t = w.trim_matches(|c: char| {
            matches!(c, ',' | '.' | ';' | ':' | '(' | ')' | '"' | '“' | '”')
        });
        if t.is_empty() {
            continue;
        }
        let cap = t.chars().next().is_some_and(char::is_uppercase);
        let f = fold(t);
        if let Some(parts) = title_synonym(&f) {
            let poss = f.ends_with("'s");
            for (k, p) in parts.iter().enumerate() {
                let last = k + 1 == parts.len();
                let s = if poss && last {
                    format!("{p}'s")
                } else {
                    (*p).to_owned()
                };
                words.push((s, true));
            }
        } else {
            words.push((f, cap));
        }
    }
    while words
        .first()
        .is_some_and(|(w, _)| DETERMINERS.contains(&w.as_str()))
    {
        words.remove(0);
    }
    let has_org = words.iter().any(|(w, _)| ORG_NOUNS.contains(&w.as_str()));
    if words.len() >= 3 && words[0].0.ends_with("'s") && words[0].1 {
        words.remove(0);
    }
    if has_org && words.len() >= 2 && words[0].1 {
        let w = &words[0].0;
        let demonym = ["i", "ian", "ese", "ish", "an"]
            .iter()
            .any(|s| w.ends_with(s))
            && !ORG_NOUNS.contains(&w.as_str());
        if demonym {
            words.remove(0);
        }
    }
    if words.len() >= 2
        && words
            .last()
            .is_some_and(|(w, _)| SPOKES.contains(&w.as_str()))
    {
        words.pop();
    }
    let person = kind == Some(SpeakerKind::Person)
        || (kind.is_none() && !has_org && words.iter().all(|(_, cap)| *cap));
    if person {
        // "coast guard spokesman Yannis Petrakis": the name is the capitalised run at the end.
        let last_lower = words
            .iter()
            .rposition(|(w, cap)| !*cap && !w.starts_with("al-") && !w.starts_with("el-"));
        if let Some(p) = last_lower {
            if p + 1 < words.len() {
                words.drain(..=p);
            }
        }
        // Drop leading titles while a name remains.
        loop {
            let lows: Vec<&str> = words.iter().map(|(w, _)| w.as_str()).collect();
            let t = lex
                .titles
                .iter()
                .filter(|t| t.len() < lows.len() && t.iter().zip(&lows).all(|(a, b)| a == b))
                .map(Vec::len)
                .max();
            match t {
                Some(n) => {
                    words.drain(..n);
                }
                None => break,
            }
        }
    }
    words
        .iter()
        .map(|(w, _)| w.strip_suffix("'s").unwrap_or(w).to_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A person's name folded for transliteration variants: "Yehia Rasool" and "Yahya Rasoul"
/// both become "iahia rasul".
pub fn transliteration_key(name: &str) -> String {
    let lower = name.to_lowercase();
    let mut s = String::new();
    for c in lower.chars() {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' | 'ā' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ē' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'ī' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'ō' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'ū' => 'u',
            c => c,
        };
        if c.is_alphanumeric() || c == ' ' {
            s.push(c);
        } else if c == '-' {
            s.push('-');
        }
    }
    // Word-initial "Gi"/"Gy"/"Dj" before a vowel: "Giannis" / "Yannis", "Djamel" / "Jamel".
    let s: String = s
        .split(' ')
        .map(|w| {
            let mut it = w.chars();
            match (it.next(), it.next(), it.next()) {
                (Some('g'), Some('i' | 'y'), Some(v)) if "aeiou".contains(v) => {
                    format!("y{}", &w[2..])
                }
                (Some('d'), Some('j'), Some(_)) => w[1..].to_owned(),
                _ => w.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    let mut s = s
        .replace("ou", "u")
        .replace("oo", "u")
        .replace("ee", "i")
        .replace("ph", "f")
        .replace("kh", "k")
        .replace("dh", "d")
        .replace("th", "t")
        .replace("gh", "g")
        .replace('q', "k")
        .replace('y', "i")
        .replace('e', "a")
        .replace(['o', 'w'], "u");
    // Collapse doubled letters.
    let mut out = String::with_capacity(s.len());
    let mut prev = None;
    for c in s.drain(..) {
        if Some(c) != prev || c == ' ' {
            out.push(c);
        }
        prev = Some(c);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether two person names (normalised) are variants of each other.
#[cfg(test)]
fn same_person(a: &str, b: &str) -> bool {
    let (ka, kb) = (transliteration_key(a), transliteration_key(b));
    ka == kb || near_variant(&ka, &kb)
}

/// Whether two folded names differ by at most one letter in each long word.
fn near_variant(ka: &str, kb: &str) -> bool {
    // One letter apart in a long name ("Mohammed"/"Muhammad" fold alike already; this
    // catches "Rasoul"/"Rasul"-style leftovers) but never in short words.
    let ta: Vec<&str> = ka.split(' ').collect();
    let tb: Vec<&str> = kb.split(' ').collect();
    ta.len() == tb.len()
        && ta
            .iter()
            .zip(&tb)
            .all(|(x, y)| x == y || (x.chars().count() >= 6 && strsim::levenshtein(x, y) <= 1))
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut y = x;
        while self.0[y] != r {
            let n = self.0[y];
            self.0[y] = r;
            y = n;
        }
        r
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi] = lo;
        }
    }
}

/// A speaker of one article.
struct SpeakerNode {
    article: usize,
    name: String,
    key: String,
    anonymous: bool,
    person: bool,
}

// ---------------------------------------------------------------------------------------
// Analysis
// ---------------------------------------------------------------------------------------

/// Who speaks in one source span.
#[derive(Debug, Clone)]
struct Voice {
    claim: Arc<str>,
    speaker: String,
    channel: Option<String>,
    source: String,
    voice: &'static str,
}

/// Finds, groups and compares the figures and states of `articles`.
pub fn analyse(articles: &[ArticleClaims], lex: &Lexicon) -> Consistency {
    let mut warnings = Vec::new();

    // 1. Speakers merged across articles.
    let mut nodes: Vec<SpeakerNode> = Vec::new();
    let mut node_of: HashMap<(usize, String), usize> = HashMap::new();
    for (ai, a) in articles.iter().enumerate() {
        for s in &a.speakers {
            let anonymous = matches!(s.kind, SpeakerKind::Anonymous | SpeakerKind::Group);
            let key = normalise_speaker(&s.name, Some(s.kind), lex);
            // "an interior ministry spokesman" speaks for the ministry: not anonymous.
            let spokes_org = anonymous
                && s.name
                    .split_whitespace()
                    .last()
                    .is_some_and(|w| SPOKES.contains(&fold(w).as_str()))
                && key.split(' ').any(|w| ORG_NOUNS.contains(&w));
            node_of.insert((ai, s.id.clone()), nodes.len());
            nodes.push(SpeakerNode {
                article: ai,
                name: s.name.clone(),
                key,
                anonymous: anonymous && !spokes_org,
                person: s.kind == SpeakerKind::Person,
            });
        }
    }
    let mut uf = UnionFind((0..nodes.len()).collect());
    {
        let mut by_key: HashMap<&str, usize> = HashMap::new();
        for (i, n) in nodes.iter().enumerate() {
            if n.anonymous || n.key.is_empty() {
                continue;
            }
            match by_key.get(n.key.as_str()) {
                Some(&j) => uf.union(i, j),
                None => {
                    by_key.insert(&n.key, i);
                }
            }
        }
        // Person names: transliteration variants. Each name is folded once; names that
        // fold alike are one person; the remaining near-misses are looked for only among
        // distinct folded names with the same number of words and the same surname
        // initial, so the comparison stays near-linear in the number of names.
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, n) in nodes.iter().enumerate() {
            if n.person && !n.anonymous {
                by_key
                    .entry(transliteration_key(&n.key))
                    .or_default()
                    .push(i);
            }
        }
        let mut buckets: HashMap<(usize, char), Vec<&str>> = HashMap::new();
        for (k, members) in &by_key {
            // Same folded name: one person, whichever articles name them.
            for w in members.windows(2) {
                uf.union(w[0], w[1]);
            }
            let initial = k
                .split(' ')
                .next_back()
                .and_then(|w| w.chars().next())
                .unwrap_or(' ');
            buckets
                .entry((k.split(' ').count(), initial))
                .or_default()
                .push(k.as_str());
        }
        for list in buckets.values_mut() {
            list.sort_unstable();
            for (x, a) in list.iter().enumerate() {
                for b in &list[x + 1..] {
                    if near_variant(a, b) {
                        uf.union(by_key[*a][0], by_key[*b][0]);
                    }
                }
            }
        }
    }
    // Display name of a cluster: the longest name in it.
    let mut cluster_name: HashMap<usize, String> = HashMap::new();
    let mut cluster_aliases: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut cluster_articles: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for i in 0..nodes.len() {
        let r = uf.find(i);
        let name = nodes[i].name.clone();
        let e = cluster_name.entry(r).or_insert_with(|| name.clone());
        if name.chars().count() > e.chars().count() && !name.contains(',') {
            *e = name.clone();
        }
        let al = cluster_aliases.entry(r).or_default();
        if !al.contains(&name) {
            al.push(name);
        }
        let arts = cluster_articles.entry(r).or_default();
        let p = articles[nodes[i].article].path.clone();
        if !arts.contains(&p) {
            arts.push(p);
        }
    }

    // 2. Per article: voices, figures, states.
    let mut sources: BTreeMap<String, SourceInfo> = BTreeMap::new();
    let mut measure_ids: HashMap<Measure, usize> = HashMap::new();
    let mut measure_list: Vec<Measure> = Vec::new();
    let mut all_figures: Vec<(usize, FigureEntry)> = Vec::new();
    let mut all_states: Vec<(String, String, StateEntry)> = Vec::new();
    let mut state_names: HashMap<String, String> = HashMap::new();
    for (ai, a) in articles.iter().enumerate() {
        let outlet = a.outlet();
        let mut voices: Vec<Voice> = Vec::new();
        let mut spans: Vec<(u8, SourceSpan)> = Vec::new();
        for c in &a.claims {
            let entity = c.speaker.as_ref().and_then(|m| m.entity.clone());
            let node = entity
                .as_ref()
                .and_then(|e| node_of.get(&(ai, e.clone())).copied());
            let channel = c.channel.as_ref().map(|ch| ch.name.clone());
            let via = channel.clone().unwrap_or_else(|| outlet.clone());
            let (speaker, source, kind) = match (node, &c.speaker) {
                (Some(n), _) => {
                    let anonymous = nodes[n].anonymous
                        || (c.anonymity.is_some()
                            && !nodes[n].person
                            && nodes[n].key.split(' ').all(|w| !ORG_NOUNS.contains(&w)));
                    if anonymous {
                        let key = format!("anon:{}@{}", strip_counts(&nodes[n].key), fold(&via));
                        // "Other reports and statements by officials" says more than the
                        // entity's name "statements by officials".
                        let name = match &c.speaker {
                            Some(m)
                                if m.text.len() > nodes[n].name.len()
                                    && m.text.contains(&nodes[n].name) =>
                            {
                                m.text.clone()
                            }
                            _ => nodes[n].name.clone(),
                        };
                        (name, key, "anonymous")
                    } else {
                        let r = uf.find(n);
                        let name = cluster_name
                            .get(&r)
                            .cloned()
                            .unwrap_or_else(|| nodes[n].name.clone());
                        (name, format!("spk:{r}"), "named")
                    }
                }
                (None, Some(m)) => {
                    let key = normalise_speaker(&m.text, None, lex);
                    (
                        m.text.clone(),
                        format!("anon:{}@{}", strip_counts(&key), fold(&via)),
                        "anonymous",
                    )
                }
                (None, None) => (
                    "(no source named)".to_owned(),
                    format!("unattributed:{}#{}", a.path, c.id),
                    "unattributed",
                ),
            };
            register_source(
                &mut sources,
                &source,
                &speaker,
                kind,
                &a.path,
                &nodes,
                &uf,
                &cluster_aliases,
                &cluster_articles,
            );
            let idx = voices.len();
            voices.push(Voice {
                claim: Arc::from(c.id.as_str()),
                speaker,
                channel,
                source,
                voice: if kind == "unattributed" {
                    "unattributed"
                } else {
                    "claim"
                },
            });
            let rank = if c.speaker.is_none() {
                3
            } else if c.nested_in.is_some() {
                2
            } else {
                0
            };
            for an in &c.content {
                spans.push((
                    rank,
                    SourceSpan {
                        source: idx,
                        start: an.start,
                        end: an.end,
                    },
                ));
            }
        }
        for asr in &a.assertions {
            let source = format!("outlet:{}", fold(&outlet));
            let speaker = format!("{outlet} (own voice)");
            register_source(
                &mut sources,
                &source,
                &speaker,
                "own_voice",
                &a.path,
                &nodes,
                &uf,
                &cluster_aliases,
                &cluster_articles,
            );
            let idx = voices.len();
            voices.push(Voice {
                claim: Arc::from(asr.id.as_str()),
                speaker,
                channel: None,
                source,
                voice: "assertion",
            });
            spans.push((
                1,
                SourceSpan {
                    source: idx,
                    start: asr.start,
                    end: asr.end,
                },
            ));
        }
        spans.sort_by_key(|(rank, s)| (*rank, s.start));
        let spans: Vec<SourceSpan> = spans.into_iter().map(|(_, s)| s).collect();
        let (mut found, warns) = figures::find_figures(&a.text, &spans, lex);
        for w in warns {
            let (line, col) = line_col(&a.text, w.offset);
            warnings.push(format!("{}:{line}:{col}: {}", a.path, w.message));
        }
        // Hand-written figures.
        for hf in &a.figures {
            let Some(vi) = voices.iter().position(|v| *v.claim == *hf.claim) else {
                warnings.push(format!(
                    "{}: figure '{}' names claim `{}`, which the claims file does not have; ignored",
                    a.claims_file.as_deref().unwrap_or(&a.path),
                    hf.text,
                    hf.claim
                ));
                continue;
            };
            found.retain(|f| !(f.source == vi && f.start < hf.end && hf.start < f.end));
            if hf.status == Status::Rejected {
                continue;
            }
            let Some(value) = hf.value() else {
                warnings.push(format!(
                    "{}: figure '{}' has max below min; ignored",
                    a.claims_file.as_deref().unwrap_or(&a.path),
                    hf.text
                ));
                continue;
            };
            if hf.thing.is_empty() || hf.happening.is_empty() {
                warnings.push(format!(
                    "{}: figure '{}' needs `thing` and `happening`; ignored",
                    a.claims_file.as_deref().unwrap_or(&a.path),
                    hf.text
                ));
                continue;
            }
            found.push(Figure {
                source: vi,
                text: hf.text.clone(),
                start: hf.start,
                end: hf.end,
                value,
                measure: Measure {
                    thing: hf.thing.clone(),
                    happening: hf.happening.clone(),
                    event: hf.event.clone(),
                },
                form: "manual",
            });
        }
        for f in found {
            let Some(v) = voices.get(f.source) else {
                continue;
            };
            let mid = *measure_ids.entry(f.measure.clone()).or_insert_with(|| {
                measure_list.push(f.measure.clone());
                measure_list.len() - 1
            });
            all_figures.push((
                mid,
                FigureEntry {
                    claim: v.claim.clone(),
                    min: f.value.interval.min,
                    max: f.value.interval.max,
                    qualifier: f.value.qualifier,
                    text: f.text.clone(),
                    start: f.start,
                    end: f.end,
                    speaker: v.speaker.clone(),
                    channel: v.channel.clone(),
                    article: a.path.clone(),
                    outlet: a.metadata.outlet.clone(),
                    source: v.source.clone(),
                    display: f.value.display(),
                    form: f.form,
                    voice: v.voice,
                    value: f.value,
                    order: (ai, f.start),
                },
            ));
        }
        // States.
        let people = figures::titled_people(&a.text, lex);
        for s in figures::find_states(&a.text, &spans, lex) {
            let Some(v) = voices.get(s.source) else {
                continue;
            };
            let Some((subject, display)) = resolve_subject(&s.subject, &people, &a.speakers, lex)
            else {
                continue;
            };
            state_names.entry(subject.clone()).or_insert(display);
            all_states.push((
                s.state.clone(),
                subject,
                StateEntry {
                    claim: v.claim.to_string(),
                    holds: s.yes,
                    text: s.text.clone(),
                    start: s.start,
                    end: s.end,
                    speaker: v.speaker.clone(),
                    channel: v.channel.clone(),
                    article: a.path.clone(),
                    source: v.source.clone(),
                    subject_text: s.subject.clone(),
                    voice: v.voice.to_owned(),
                },
            ));
        }
    }

    let measures = group_and_compare(&measure_list, all_figures, lex);
    let states = compare_states(all_states, &state_names, lex);
    // Keep only the sources that give a figure or a state.
    let used: HashSet<&str> = measures
        .iter()
        .flat_map(|m| m.figures.iter().map(|f| f.source.as_str()))
        .chain(
            states
                .iter()
                .flat_map(|s| s.statements.iter().map(|e| e.source.as_str())),
        )
        .collect();
    let sources = sources
        .into_values()
        .filter(|s| used.contains(s.id.as_str()))
        .collect();
    Consistency {
        articles: articles.iter().map(|a| a.path.clone()).collect(),
        measures,
        states,
        sources,
        warnings,
    }
}

/// "two iraqi officials" and "iraqi officials" are the same anonymous source.
fn strip_counts(key: &str) -> String {
    key.split(' ')
        .filter(|w| {
            !matches!(
                *w,
                "one"
                    | "two"
                    | "three"
                    | "four"
                    | "five"
                    | "six"
                    | "seven"
                    | "eight"
                    | "nine"
                    | "ten"
                    | "several"
                    | "some"
                    | "many"
                    | "other"
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[allow(clippy::too_many_arguments)]
fn register_source(
    sources: &mut BTreeMap<String, SourceInfo>,
    id: &str,
    name: &str,
    kind: &str,
    article: &str,
    nodes: &[SpeakerNode],
    uf: &UnionFind,
    aliases: &BTreeMap<usize, Vec<String>>,
    articles: &BTreeMap<usize, Vec<String>>,
) {
    let _ = (nodes, uf);
    let e = sources.entry(id.to_owned()).or_insert_with(|| SourceInfo {
        id: id.to_owned(),
        name: name.to_owned(),
        aliases: Vec::new(),
        kind: kind.to_owned(),
        articles: Vec::new(),
    });
    if let Some(r) = id
        .strip_prefix("spk:")
        .and_then(|r| r.parse::<usize>().ok())
    {
        if let Some(al) = aliases.get(&r) {
            e.aliases = al.iter().filter(|a| *a != &e.name).cloned().collect();
        }
        if let Some(ar) = articles.get(&r) {
            for p in ar {
                if !e.articles.contains(p) {
                    e.articles.push(p.clone());
                }
            }
        }
    } else if name != e.name && !e.aliases.iter().any(|a| a == name) {
        e.aliases.push(name.to_owned());
    }
    if !e.articles.iter().any(|a| a == article) {
        e.articles.push(article.to_owned());
    }
}

/// 1-based line and column (in characters) of a code-point offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut line = 1;
    let mut col = 1;
    for c in text.chars().take(offset) {
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    (line, col)
}

/// The person a state's subject names: a title the article gives one person ("the Prime
/// Minister"), a surname or full name of a titled person or a person speaker, else the
/// subject itself. Returns a key that is the same across articles for the same person, and
/// the name to show.
fn resolve_subject(
    subject: &str,
    people: &[(String, String)],
    speakers: &[Speaker],
    lex: &Lexicon,
) -> Option<(String, String)> {
    if subject.trim().is_empty() {
        return None;
    }
    let norm = normalise_speaker(subject, None, lex);
    let bare: String = {
        let words: Vec<String> = subject
            .split_whitespace()
            .map(fold)
            .filter(|w| !DETERMINERS.contains(&w.as_str()))
            .flat_map(|w| match title_synonym(&w) {
                Some(p) => p.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>(),
                None => vec![w],
            })
            .collect();
        words.join(" ")
    };
    let mut names: Vec<String> = people.iter().map(|(_, n)| n.clone()).collect();
    names.extend(
        speakers
            .iter()
            .filter(|s| s.kind == SpeakerKind::Person)
            .map(|s| normalise_speaker(&s.name, Some(SpeakerKind::Person), lex)),
    );
    // A title.
    let titled: Vec<&String> = people
        .iter()
        .filter(|(t, _)| {
            let t: Vec<String> = t
                .split(' ')
                .flat_map(|w| match title_synonym(w) {
                    Some(p) => p.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>(),
                    None => vec![w.to_owned()],
                })
                .collect();
            t.join(" ") == bare
        })
        .map(|(_, n)| n)
        .collect();
    let person = if let Some(first) = titled.first() {
        Some((*first).clone())
    } else {
        let key = transliteration_key(&norm);
        names
            .iter()
            .find(|n| {
                let k = transliteration_key(n);
                k == key || k.split(' ').next_back() == Some(key.as_str())
            })
            .cloned()
    };
    let display = person.clone().unwrap_or_else(|| subject.trim().to_owned());
    let name = person.unwrap_or(norm);
    Some((
        transliteration_key(&normalise_speaker(&name, Some(SpeakerKind::Person), lex)),
        display,
    ))
}

fn compare(a: &Value, b: &Value) -> RelationKind {
    if !a.interval.intersects(&b.interval) {
        RelationKind::Conflicts
    } else if a.stated == b.stated {
        RelationKind::Corroborates
    } else {
        RelationKind::Divergent
    }
}

/// FNV-1a: a fast hasher for the short keys of the comparison (no dependency needed).
#[derive(Default, Clone, Copy)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FastBuild = std::hash::BuildHasherDefault<Fnv>;
type FastMap<K, V> = HashMap<K, V, FastBuild>;
type FastSet<K> = HashSet<K, FastBuild>;

/// Distinct values compared pairwise up to this many; beyond it, neighbours only.
pub const PAIRWISE_LIMIT: usize = 64;

/// Groups figures by measure and compares them: O(n log n) in the number of figures.
pub fn group_and_compare(
    measures: &[Measure],
    figs: Vec<(usize, FigureEntry)>,
    lex: &Lexicon,
) -> Vec<MeasureReport> {
    // Equal measures given twice share one group.
    let mut first: HashMap<&Measure, usize> = HashMap::new();
    let canon: Vec<usize> = measures
        .iter()
        .enumerate()
        .map(|(i, m)| *first.entry(m).or_insert(i))
        .collect();
    // Sized up front: the entries are large, so they are moved once.
    let mut counts = vec![0usize; measures.len()];
    for (m, _) in &figs {
        if let Some(&c) = canon.get(*m) {
            counts[c] += 1;
        }
    }
    let mut slots: Vec<Vec<FigureEntry>> = counts.iter().map(|&c| Vec::with_capacity(c)).collect();
    for (m, f) in figs {
        if let Some(&c) = canon.get(m) {
            slots[c].push(f);
        }
    }
    let groups: Vec<(Measure, Vec<FigureEntry>)> = measures
        .iter()
        .cloned()
        .zip(slots)
        .filter(|(_, v)| !v.is_empty())
        .collect();
    // Merges are decided on the (few) measures, not on the figures.
    let mut target: Vec<usize> = (0..groups.len()).collect();
    // A generic thing ("people killed") joins the one specific measure of the same
    // happening and event ("protesters killed") when there is exactly one.
    let mut children: HashMap<(&str, &str, Option<&str>), Vec<usize>> = HashMap::new();
    for (g, (m, _)) in groups.iter().enumerate() {
        if let Some(parent) = lex.things.get(&m.thing).and_then(|t| t.parent.as_deref()) {
            children
                .entry((parent, m.happening.as_str(), m.event.as_deref()))
                .or_default()
                .push(g);
        }
    }
    for (g, (m, _)) in groups.iter().enumerate() {
        if let Some(c) = children.get(&(m.thing.as_str(), m.happening.as_str(), m.event.as_deref()))
        {
            if c.len() == 1 {
                target[g] = c[0];
            }
        }
    }
    // A figure with no event ("militants fired 20 rockets") joins the one measure of the
    // same thing and happening that has an event, when there is exactly one.
    let mut with_event: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (g, (m, _)) in groups.iter().enumerate() {
        if m.event.is_some() && target[g] == g {
            with_event
                .entry((m.thing.as_str(), m.happening.as_str()))
                .or_default()
                .push(g);
        }
    }
    for (g, (m, _)) in groups.iter().enumerate() {
        if m.event.is_none() && target[g] == g {
            if let Some(c) = with_event.get(&(m.thing.as_str(), m.happening.as_str())) {
                if c.len() == 1 {
                    target[g] = c[0];
                }
            }
        }
    }
    let mut merged: Vec<Option<(Measure, Vec<FigureEntry>)>> =
        groups.into_iter().map(Some).collect();
    for g in 0..merged.len() {
        let t = target[g];
        if t != g {
            if let Some((_, figs)) = merged[g].take() {
                if let Some((_, into)) = merged[t].as_mut() {
                    into.extend(figs);
                }
            }
        }
    }
    let mut out: Vec<MeasureReport> = merged
        .into_iter()
        .flatten()
        .map(|(m, figs)| measure_report(m, figs, lex))
        .collect();
    // Disputes first, then agreements, then single sources; by id within each.
    out.sort_by(|a, b| (a.verdict as u8, &a.measure).cmp(&(b.verdict as u8, &b.measure)));
    out
}

/// The comparison itself, on plain data: the figures of one measure in order, each with
/// a source id and a value. Returns the related pairs `(a, b, kind)` with `a < b`, sorted,
/// and whether all distinct values were compared pairwise (up to [`PAIRWISE_LIMIT`]
/// distinct values; beyond that, neighbouring values only). O(n log n): each source's
/// figures are chained in order (restatement or update), each distinct value gets one
/// representative that the other sources giving the same value corroborate, and the
/// representatives are compared with each other.
pub fn relate_figures(
    sources: &[u32],
    values: &[Value],
) -> (Vec<(usize, usize, RelationKind)>, bool) {
    let n = sources.len().min(values.len());
    let kind = |a: usize, b: usize| -> RelationKind {
        let k = compare(&values[a], &values[b]);
        if sources[a] == sources[b] && k != RelationKind::Corroborates {
            RelationKind::Update
        } else {
            k
        }
    };
    let mut pairs: Vec<(usize, usize, RelationKind)> = Vec::with_capacity(2 * n + 16);
    let mut push = |x: usize, y: usize, k: RelationKind| {
        let (a, b) = if x <= y { (x, y) } else { (y, x) };
        if a != b {
            pairs.push((a, b, k));
        }
    };
    // Each source's own figures, in order.
    let mut by_source: Vec<(u32, usize)> = (0..n).map(|i| (sources[i], i)).collect();
    by_source.sort_unstable();
    for w in by_source.windows(2) {
        if w[0].0 == w[1].0 {
            push(w[0].1, w[1].1, kind(w[0].1, w[1].1));
        }
    }
    // Distinct values, then the first figure of each source within a value.
    let mut by_value: Vec<(Value, u32, usize)> =
        (0..n).map(|i| (values[i], sources[i], i)).collect();
    by_value.sort_unstable();
    let mut reps: Vec<usize> = Vec::new();
    let mut g = 0;
    while g < by_value.len() {
        let mut e = g;
        while e < by_value.len() && by_value[e].0 == by_value[g].0 {
            e += 1;
        }
        // The representative: the earliest figure of the value.
        let rep = by_value[g..e]
            .iter()
            .map(|x| x.2)
            .min()
            .unwrap_or(by_value[g].2);
        reps.push(rep);
        let mut k = g;
        while k < e {
            let (_, src, first) = by_value[k];
            if src != sources[rep] {
                push(rep, first, RelationKind::Corroborates);
            }
            while k < e && by_value[k].1 == src {
                k += 1;
            }
        }
        g = e;
    }
    let complete = reps.len() <= PAIRWISE_LIMIT;
    if complete {
        for (x, &i) in reps.iter().enumerate() {
            for &j in &reps[x + 1..] {
                push(i, j, kind(i, j));
            }
        }
    } else {
        for w in reps.windows(2) {
            push(w[0], w[1], kind(w[0], w[1]));
        }
    }
    // A pair found twice has the same kind both times.
    pairs.sort_unstable_by_key(|&(a, b, _)| (a, b));
    pairs.dedup_by_key(|&mut (a, b, _)| (a, b));
    (pairs, complete)
}

fn measure_report(m: Measure, mut figs: Vec<FigureEntry>, lex: &Lexicon) -> MeasureReport {
    if !figs
        .windows(2)
        .all(|w| (w[0].order, w[0].end) <= (w[1].order, w[1].end))
    {
        let mut idx: Vec<usize> = (0..figs.len()).collect();
        idx.sort_by_key(|&i| (figs[i].order, figs[i].end));
        let mut slots: Vec<Option<FigureEntry>> = figs.into_iter().map(Some).collect();
        figs = idx.into_iter().filter_map(|i| slots[i].take()).collect();
    }
    let n = figs.len();
    // Sources as small ids, then the comparison on plain values.
    let mut ids: FastMap<&str, u32> = FastMap::default();
    let sources: Vec<u32> = figs
        .iter()
        .map(|f| {
            let next = ids.len() as u32;
            *ids.entry(f.source.as_str()).or_insert(next)
        })
        .collect();
    let values: Vec<Value> = figs.iter().map(|f| f.value).collect();
    let (pairs, complete) = relate_figures(&sources, &values);
    let rels: Vec<Relation> = pairs
        .into_iter()
        .map(|(a, b, kind)| Relation {
            a: figs[a].claim.clone(),
            b: figs[b].claim.clone(),
            kind,
            a_figure: a,
            b_figure: b,
        })
        .collect();

    // Readings: figures by stated number.
    let mut by_stated: BTreeMap<(u64, u64), Vec<usize>> = BTreeMap::new();
    for (i, f) in figs.iter().enumerate() {
        by_stated.entry(f.value.stated).or_default().push(i);
    }
    let readings = by_stated
        .values()
        .map(|list| {
            let mut forms: Vec<String> = Vec::new();
            let mut srcs: FastSet<&str> = FastSet::default();
            let mut names: Vec<String> = Vec::new();
            for &i in list {
                if !forms.contains(&figs[i].display) {
                    forms.push(figs[i].display.clone());
                }
                if srcs.insert(figs[i].source.as_str()) {
                    names.push(figs[i].speaker.clone());
                }
            }
            Reading {
                value: forms.join(" / "),
                figures: list.clone(),
                independent_sources: srcs.len(),
                sources: names,
            }
        })
        .collect();
    let independent: FastSet<&str> = figs.iter().map(|f| f.source.as_str()).collect();
    let verdict = verdict_of(&rels, independent.len());
    let _ = n;
    MeasureReport {
        measure: m.id(),
        label: m.label(lex),
        thing: m.thing.clone(),
        happening: m.happening.clone(),
        event: m.event.clone(),
        independent_sources: independent.len(),
        figures: figs,
        relations: rels,
        readings,
        verdict,
        relations_complete: complete,
    }
}

fn verdict_of(rels: &[Relation], sources: usize) -> Verdict {
    if rels.iter().any(|r| r.kind == RelationKind::Conflicts) {
        Verdict::Conflict
    } else if rels.iter().any(|r| r.kind == RelationKind::Divergent) {
        Verdict::Divergent
    } else if sources >= 2 {
        Verdict::Agreement
    } else {
        Verdict::SingleSource
    }
}

fn compare_states(
    all: Vec<(String, String, StateEntry)>,
    names: &HashMap<String, String>,
    lex: &Lexicon,
) -> Vec<StateReport> {
    let mut groups: BTreeMap<(String, String), Vec<StateEntry>> = BTreeMap::new();
    for (state, subject, e) in all {
        groups.entry((subject, state)).or_default().push(e);
    }
    groups
        .into_iter()
        .map(|((subject, state), entries)| {
            let mut rels = Vec::new();
            // Compare each statement with the first of each (source, polarity): small groups.
            let mut firsts: Vec<usize> = Vec::new();
            let mut keys: HashSet<(&str, bool)> = HashSet::new();
            for (i, e) in entries.iter().enumerate() {
                if keys.insert((e.source.as_str(), e.holds)) {
                    firsts.push(i);
                }
            }
            for (x, &i) in firsts.iter().enumerate() {
                for &j in &firsts[x + 1..] {
                    let (a, b) = (&entries[i], &entries[j]);
                    let kind = match (a.holds == b.holds, a.source == b.source) {
                        (true, _) => RelationKind::Corroborates,
                        (false, true) => RelationKind::Update,
                        (false, false) => RelationKind::Conflicts,
                    };
                    rels.push(Relation {
                        a: Arc::from(a.claim.as_str()),
                        b: Arc::from(b.claim.as_str()),
                        kind,
                        a_figure: i,
                        b_figure: j,
                    });
                }
            }
            let independent: HashSet<&str> = entries.iter().map(|e| e.source.as_str()).collect();
            let verdict = verdict_of(&rels, independent.len());
            let name = names
                .get(&subject)
                .cloned()
                .unwrap_or_else(|| subject.clone());
            let label = format!(
                "{} {}",
                name,
                lex.states
                    .get(&state)
                    .map_or(state.as_str(), |s| s.label.as_str())
            );
            StateReport {
                measure: format!("{state}:{subject}"),
                label,
                subject,
                state,
                independent_sources: independent.len(),
                statements: entries,
                relations: rels,
                verdict,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(claim: &str, source: &str, v: Value, order: usize) -> FigureEntry {
        FigureEntry {
            claim: Arc::from(claim),
            min: v.interval.min,
            max: v.interval.max,
            qualifier: v.qualifier,
            text: String::new(),
            start: order,
            end: order + 1,
            speaker: source.into(),
            channel: None,
            article: "a.txt".into(),
            outlet: None,
            source: source.into(),
            display: v.display(),
            form: "digits",
            voice: "claim",
            value: v,
            order: (0, order),
        }
    }

    fn at_least(n: u64) -> Value {
        Value {
            interval: figures::Interval { min: n, max: None },
            qualifier: Qualifier::AtLeast,
            stated: (n, n),
        }
    }

    fn kinds(figs: Vec<FigureEntry>) -> Vec<(String, String, &'static str)> {
        let lex = Lexicon::default_lexicon();
        let m = Measure {
            thing: "drone".into(),
            happening: "used".into(),
            event: None,
        };
        let r = measure_report(m, figs, &lex);
        r.relations
            .iter()
            .map(|r| (r.a.to_string(), r.b.to_string(), r.kind.as_str()))
            .collect()
    }

    #[test]
    fn corroborates_same_stated_figure() {
        let k = kinds(vec![
            entry("c1", "x", Value::exact(3), 1),
            entry("c2", "y", at_least(3), 2),
        ]);
        assert_eq!(k, vec![("c1".into(), "c2".into(), "corroborates")]);
    }

    #[test]
    fn conflicts_when_disjoint() {
        let k = kinds(vec![
            entry("c1", "x", Value::exact(7), 1),
            entry("c2", "y", Value::exact(6), 2),
        ]);
        assert_eq!(k, vec![("c1".into(), "c2".into(), "conflicts")]);
    }

    #[test]
    fn divergent_when_compatible_but_different() {
        let k = kinds(vec![
            entry("a1", "x", at_least(1), 1),
            entry("c9", "y", Value::exact(4), 2),
        ]);
        assert_eq!(k, vec![("a1".into(), "c9".into(), "divergent")]);
    }

    #[test]
    fn update_from_the_same_source() {
        let k = kinds(vec![
            entry("c1", "x", Value::exact(5), 1),
            entry("c4", "x", Value::exact(8), 2),
        ]);
        assert_eq!(k, vec![("c1".into(), "c4".into(), "update")]);
    }

    #[test]
    fn independent_sources_count_speakers_not_claims() {
        let lex = Lexicon::default_lexicon();
        let m = Measure {
            thing: "drone".into(),
            happening: "used".into(),
            event: None,
        };
        let r = measure_report(
            m,
            vec![
                entry("c1", "x", Value::exact(1), 1),
                entry("c2", "x", Value::exact(1), 2),
                entry("c3", "y", Value::exact(1), 3),
            ],
            &lex,
        );
        assert_eq!(r.independent_sources, 2);
        assert_eq!(r.verdict, Verdict::Agreement);
    }

    #[test]
    fn speaker_names_merge_across_variants() {
        let lex = Lexicon::default_lexicon();
        let a = normalise_speaker(
            "Major General Yahya Rasoul",
            Some(SpeakerKind::Person),
            &lex,
        );
        let b = normalise_speaker("Gen. Yehia Rasool", Some(SpeakerKind::Person), &lex);
        assert!(same_person(&a, &b), "{a} / {b}");
        assert_eq!(
            normalise_speaker(
                "Iraq's Interior Ministry",
                Some(SpeakerKind::Organization),
                &lex
            ),
            normalise_speaker(
                "the interior ministry",
                Some(SpeakerKind::Organization),
                &lex
            )
        );
        assert_eq!(
            normalise_speaker(
                "the premier's office",
                Some(SpeakerKind::Organization),
                &lex
            ),
            normalise_speaker(
                "the Prime Minister’s office",
                Some(SpeakerKind::Organization),
                &lex
            )
        );
        assert!(!same_person("maria lopez", "mario lopes"));
        assert!(same_person("mohammed al-hassan", "muhammad al-hasan"));
        assert!(same_person("giannis petrakis", "yannis petrakis"));
        assert_eq!(
            normalise_speaker(
                "coast guard spokesman Yannis Petrakis",
                Some(SpeakerKind::Person),
                &lex
            ),
            "yannis petrakis"
        );
    }
}
