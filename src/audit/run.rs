//! `claimtrace audit [PATHS]`: articles in, findings out.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use miette::Report;

use crate::article::Article;
use crate::store::{self, ClaimsFile, FindingKind, Status};

use super::output::{self, Counts, FileReport};
use super::{audit_subject, locate, Config, ConsistencyInput, Hit, Note, Severity, Subject, View};

/// Output format of the audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Github,
}

/// What `claimtrace audit` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// Articles or directories (default: `seeds`).
    pub paths: Vec<PathBuf>,
    /// The claim store.
    pub claims_dir: PathBuf,
    pub format: Format,
    /// Overrides the configuration's `deny` (`Some(None)`: never fail).
    pub deny: Option<Option<Severity>>,
    /// Overrides the configuration's `min_level`.
    pub min_level: Option<Severity>,
    /// Configuration file (default: `claimtrace.ron` in the current directory, if any).
    pub config: Option<PathBuf>,
    /// The consistency engine's JSON output, for the figure rules.
    pub consistency: Option<PathBuf>,
    /// Print this rule's explanation (`all`: every rule's) instead of auditing.
    pub explain: Option<String>,
}

/// `--explain RULE`: the rule's severity, summary, explanation and page.
pub fn explain(id: &str) -> Result<String, Report> {
    let rules: Vec<&super::Rule> = if id == "all" {
        super::RULES.iter().collect()
    } else {
        vec![super::rule(id).ok_or_else(|| {
            let known: Vec<&str> = super::RULES.iter().map(|r| r.id).collect();
            miette::miette!("unknown rule `{id}`; the rules are: {}", known.join(", "))
        })?]
    };
    let mut out = String::new();
    for r in rules {
        out.push_str(&format!(
            "{} ({}, {}): {}\n\n{}\n\nExamples: {}\n\n",
            r.id,
            r.severity,
            if r.sourcing { "sourcing" } else { "style" },
            r.summary,
            r.explanation,
            r.doc_path()
        ));
    }
    Ok(out.trim_end().to_owned())
}

/// A claims file of the store, parsed, with its source.
struct StoredFile {
    path: PathBuf,
    src: String,
    file: ClaimsFile,
}

/// The claim store, indexed by article (canonical path and SHA-256).
#[derive(Default)]
struct Store {
    files: Vec<StoredFile>,
    by_path: HashMap<PathBuf, usize>,
    by_hash: HashMap<String, usize>,
}

impl Store {
    /// Reads every claims file under `dir` (none when it does not exist). A file that
    /// cannot be read or parsed is reported on stderr and skipped; returns whether any was.
    fn load(dir: &Path) -> (Store, bool) {
        let mut store = Store::default();
        let mut failed = false;
        if !dir.is_dir() {
            return (store, failed);
        }
        let files = match crate::cli::collect_files(&[dir.to_path_buf()], "ron") {
            Ok(f) => f,
            Err(e) => {
                eprintln!("{e:?}");
                return (store, true);
            }
        };
        for path in files {
            let src = match std::fs::read_to_string(&path) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("{}: cannot read claims file: {e}", path.display());
                    failed = true;
                    continue;
                }
            };
            let file = match store::parse(&path, &src) {
                Ok(f) => f,
                Err(e) => {
                    eprintln!(
                        "{:?}",
                        e.into_report()
                            .wrap_err("claims file skipped; run `claimtrace check`")
                    );
                    failed = true;
                    continue;
                }
            };
            let i = store.files.len();
            for candidate in store::article_candidates(&path, &file.article.path) {
                if let Ok(c) = candidate.canonicalize() {
                    store.by_path.entry(c).or_insert(i);
                }
            }
            if !file.article.sha256.is_empty() {
                store
                    .by_hash
                    .entry(file.article.sha256.clone())
                    .or_insert(i);
            }
            store.files.push(StoredFile { path, src, file });
        }
        (store, failed)
    }

    /// The claims file of an article: by its recorded path, else by its recorded hash.
    fn find(&self, article: &Article) -> Option<&StoredFile> {
        let by_path = article
            .path
            .canonicalize()
            .ok()
            .and_then(|p| self.by_path.get(&p));
        by_path
            .or_else(|| self.by_hash.get(&article.sha256))
            .and_then(|&i| self.files.get(i))
    }
}

/// What auditing one article gave: its report and, when its claims file has stale
/// entries, the claims file's report.
struct Audited {
    article: FileReport,
    claims: Option<FileReport>,
}

/// Loads the consistency input: the engine's JSON (`{"measures": …}`) or the audit's own
/// [`ConsistencyInput`] shape.
pub fn load_consistency(path: &Path) -> Result<ConsistencyInput, Report> {
    let src = std::fs::read_to_string(path)
        .map_err(|e| miette::miette!("{}: cannot read: {e}", path.display()))?;
    let value: serde_json::Value = serde_json::from_str(&src).map_err(|e| {
        miette::miette!(
            "{}:{}:{}: not valid JSON: {e}",
            path.display(),
            e.line(),
            e.column()
        )
    })?;
    if value.get("measures").is_some() {
        ConsistencyInput::from_conflicts_json(&value)
            .map_err(|e| miette::miette!("{}: {e}", path.display()))
    } else {
        serde_json::from_value(value).map_err(|e| miette::miette!("{}: {e}", path.display()))
    }
}

/// The stale-claim findings of a claims file, located in the claims file.
fn stale_findings(stored: &StoredFile, article: &Article, config: &Config) -> Option<FileReport> {
    config.severity("stale-claim")?;
    let view = View::plain(&stored.src);
    let path = store::portable_path(&stored.path);
    let mut hits = Vec::new();
    for f in store::check_source(&stored.path, &stored.src, Some(article)) {
        let message = match &f.kind {
            FindingKind::Orphan { entry, .. } => format!(
                "entry {entry} is orphaned: its words are no longer in the article; review it again"
            ),
            FindingKind::TextMismatch { entry, field, .. } => format!(
                "entry {entry}: its {field} no longer matches the article's text; review it again"
            ),
            FindingKind::Moved {
                entry, similarity, ..
            } if *similarity < 1.0 => format!(
                "entry {entry} was found again only approximately ({:.0}% similar): the quote changed; review it again",
                similarity * 100.0
            ),
            _ => continue,
        };
        let start = view.line_start(f.line) + f.col.saturating_sub(1);
        let end = view.line_end(start);
        hits.push(Hit::new("stale-claim", (start, end), message));
    }
    if hits.is_empty() {
        return None;
    }
    let mut findings = locate(&view, &path, hits, &[], config);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Some(FileReport::new(path, &view, findings))
}

/// Whether every anchor of a claim is what the article has at its offsets.
fn anchors_hold(article: &Article, anchors: &[(&str, usize, usize)]) -> bool {
    anchors.iter().all(|&(text, s, e)| {
        let (a, b) = (article.byte_offset(s), article.byte_offset(e));
        article.text.get(a..b) == Some(text)
    })
}

/// Audits one article.
fn audit_one(
    article: &Article,
    store: &Store,
    config: &Config,
    consistency: Option<&ConsistencyInput>,
) -> Audited {
    let path = store::portable_path(&article.path);
    let view = View::new(article);
    let mut notes = Vec::new();
    let mut claims_report = None;
    let (claims, speakers, assertions) = match store.find(article) {
        Some(stored) => {
            claims_report = stale_findings(stored, article, config);
            let mut file = stored.file.clone();
            store::reanchor(&mut file, article);
            let mut claims = Vec::new();
            for c in &file.claims {
                let anchors: Vec<(&str, usize, usize)> = c
                    .claim
                    .speaker
                    .iter()
                    .map(|m| (m.text.as_str(), m.start, m.end))
                    .chain(
                        c.claim
                            .cue
                            .iter()
                            .map(|a| (a.text.as_str(), a.start, a.end)),
                    )
                    .chain(
                        c.claim
                            .content
                            .iter()
                            .map(|a| (a.text.as_str(), a.start, a.end)),
                    )
                    .collect();
                if !anchors_hold(article, &anchors) {
                    continue; // stale: reported by stale-claim, too unsure for other rules
                }
                if let (Some(note), Some((s, e))) = (&c.note, c.claim.extent()) {
                    notes.push(Note {
                        start: s,
                        end: e,
                        text: note.clone(),
                    });
                }
                if c.status != Status::Rejected {
                    claims.push(c.claim.clone());
                }
            }
            let mut assertions = Vec::new();
            for a in &file.assertions {
                let x = &a.assertion;
                if !anchors_hold(article, &[(x.text.as_str(), x.start, x.end)]) {
                    continue;
                }
                if let Some(note) = &a.note {
                    notes.push(Note {
                        start: x.start,
                        end: x.end,
                        text: note.clone(),
                    });
                }
                if a.status != Status::Rejected {
                    assertions.push(x.clone());
                }
            }
            (claims, file.speakers, assertions)
        }
        None => {
            let e = crate::extract::extract(article);
            (e.claims, e.speakers, e.assertions)
        }
    };
    let subject = Subject {
        article,
        view: &view,
        claims: &claims,
        speakers: &speakers,
        assertions: &assertions,
        config,
    };
    let mut hits = audit_subject(&subject);
    if let Some(c) = consistency {
        hits.extend(c.hits_for(&path));
    }
    let mut findings = locate(&view, &path, hits, &notes, config);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Audited {
        article: FileReport::new(path, &view, findings),
        claims: claims_report,
    }
}

/// Audits articles already in memory with a store-less run (benchmarks, tests): returns
/// the reports in the order given.
pub fn audit_articles(articles: &[Article], config: &Config) -> Vec<FileReport> {
    use rayon::prelude::*;
    let store = Store::default();
    articles
        .par_iter()
        .map(|a| audit_one(a, &store, config, None).article)
        .collect()
}

/// What [`audit_files`] found.
pub struct AuditedFiles {
    /// One report per article (and per claims file with stale claims), in path order.
    pub reports: Vec<FileReport>,
    pub articles: usize,
    /// Whether a file could not be read (reported on stderr).
    pub failed: bool,
}

/// Audits article files with their claims files from `claims_dir`, in parallel batches.
pub fn audit_files(
    files: &[PathBuf],
    claims_dir: &Path,
    config: &Config,
    consistency: Option<&ConsistencyInput>,
) -> AuditedFiles {
    use rayon::prelude::*;
    const BATCH: usize = 256;
    let (store, mut failed) = Store::load(claims_dir);
    let mut reports: Vec<FileReport> = Vec::new();
    let mut articles = 0;
    for batch in files.chunks(BATCH) {
        let results: Vec<_> = batch
            .par_iter()
            .map(|file| {
                Article::load(file).map(|article| audit_one(&article, &store, config, consistency))
            })
            .collect();
        for r in results {
            match r {
                Ok(a) => {
                    articles += 1;
                    reports.extend(a.claims);
                    reports.push(a.article);
                }
                Err(e) => {
                    eprintln!("{:?}", miette::miette!("{e}"));
                    failed = true;
                }
            }
        }
    }
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    AuditedFiles {
        reports,
        articles,
        failed,
    }
}

/// `claimtrace audit`.
pub fn run(opts: &Options) -> Result<ExitCode, Report> {
    if let Some(id) = &opts.explain {
        println!("{}", explain(id)?);
        return Ok(ExitCode::SUCCESS);
    }
    let mut config =
        Config::discover(opts.config.as_deref()).map_err(|e| miette::miette!("{e}"))?;
    if let Some(deny) = opts.deny {
        config.deny = deny;
    }
    if let Some(min) = opts.min_level {
        config.min_level = min;
    }
    let default = [PathBuf::from("seeds")];
    let paths = if opts.paths.is_empty() {
        &default[..]
    } else {
        &opts.paths[..]
    };
    // The figure rules need the consistency engine's results: read from a file when one
    // is given, computed here otherwise (the same as `claimtrace conflicts`).
    let consistency = match &opts.consistency {
        Some(p) => load_consistency(p)?,
        None => {
            let loaded = crate::consistency::load(paths, &opts.claims_dir)?;
            let c = crate::consistency::analyse(
                &loaded.articles,
                &crate::measures::Lexicon::default_lexicon(),
            );
            ConsistencyInput::from_consistency(&c)
        }
    };
    let files = crate::cli::collect_articles(paths)?;
    let audited = audit_files(&files, &opts.claims_dir, &config, Some(&consistency));
    let (reports, articles, failed) = (audited.reports, audited.articles, audited.failed);
    let counts = Counts::of(&reports);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = match opts.format {
        Format::Text => output::write_text(&mut out, &reports, articles),
        Format::Json => output::write_json(&mut out, &reports),
        Format::Github => output::write_github(&mut out, &reports),
        Format::Sarif => serde_json::to_writer_pretty(&mut out, &output::sarif(&reports, &config))
            .map_err(std::io::Error::from)
            .and_then(|_| writeln!(out)),
    }
    .and_then(|_| out.flush());
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(miette::miette!("cannot write output: {e}")),
        Ok(()) => {}
    }
    if opts.format != Format::Text {
        eprintln!("{}", output::summary(&counts, articles));
    }
    Ok(if failed {
        ExitCode::from(2)
    } else if counts.reaches(config.deny) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
