//! The main job, `claimtrace report`: every stage over a set of articles, written into one
//! folder a person opens in a browser.
//!
//! read articles and their claims ([`crate::consistency::load`]) → consistency
//! ([`crate::consistency::analyse`]) → graph ([`crate::graph::ProvGraph`]) → audit
//! ([`crate::audit`]) → outputs: `review.html`, `report.md`, `conflicts.json`,
//! `audit.sarif`, `graph.dot`, `graph.svg`, `graph.png`, `prov.json`.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use miette::Report;

use crate::consistency::{ArticleClaims, Consistency};
use crate::graph::{ArticleInput, ConsistencyInput, ProvGraph};
use crate::render::{Engine, Format};
use crate::review::{
    ReviewArticle, ReviewClaim, ReviewData, ReviewFigure, ReviewMeasure, ReviewRelation,
    ReviewSpan, ReviewSummary,
};

/// What `claimtrace report` is asked to do.
#[derive(Debug, Clone)]
pub struct ReportJob {
    pub paths: Vec<PathBuf>,
    pub claims_dir: PathBuf,
    pub out_dir: PathBuf,
    pub lexicon: Option<PathBuf>,
    pub engine: Engine,
}

/// What the job produced, for the summary line and for tests.
#[derive(Debug, Clone, Default)]
pub struct ReportSummary {
    pub articles: usize,
    pub claims: usize,
    pub speakers: usize,
    pub conflicts: usize,
    pub findings: BTreeMap<String, usize>,
    pub written: Vec<PathBuf>,
    pub notes: Vec<String>,
}

/// Stage messages on stderr: a spinner line that rewrites itself on a terminal, plain
/// lines otherwise (logs, CI).
struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    fn new() -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new(0);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} {msg} [{bar:30}] {pos}/{len} articles",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
            );
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            bar
        });
        Progress { bar }
    }
    fn stage(&self, msg: &str) {
        match &self.bar {
            Some(bar) => bar.set_message(msg.to_owned()),
            None => note_line(msg),
        }
    }
    /// Articles read so far: the bar on a terminal; a line per 1,000 otherwise.
    fn articles(&self, done: usize, total: usize) {
        match &self.bar {
            Some(bar) => {
                bar.set_length(total as u64);
                bar.set_position(done as u64);
            }
            None if total >= 1000 && (done % 1000 < 128 || done == total) => {
                note_line(&format!("  {done}/{total} articles read"))
            }
            None => {}
        }
    }
    fn done(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// A line on stderr; a closed stderr (`2>&1 | head`) is not an error of the job.
fn note_line(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// `n thing` or `n things`.
fn count(n: usize, thing: &str) -> String {
    if n == 1 {
        format!("1 {thing}")
    } else {
        format!("{n} {thing}s")
    }
}

/// Runs the whole job and writes its folder.
pub fn run(job: &ReportJob) -> Result<ReportSummary, Report> {
    // The folder is checked before any work, so a wrong --out fails at once.
    if job.out_dir.exists() && !job.out_dir.is_dir() {
        return Err(miette::miette!(
            "{}: is a file, not a folder; give --out a folder (it is created when missing)",
            job.out_dir.display()
        ));
    }
    let progress = Progress::new();
    let lex = match &job.lexicon {
        Some(p) => crate::measures::Lexicon::load(p).map_err(|e| miette::miette!("{e}"))?,
        None => crate::measures::Lexicon::default_lexicon(),
    };
    progress.stage("reading articles and claims");
    let loaded = crate::consistency::load_with_progress(&job.paths, &job.claims_dir, &|d, t| {
        progress.articles(d, t)
    })?;
    let mut notes = loaded.warnings.clone();
    progress.stage(&format!(
        "comparing figures across {} articles",
        loaded.articles.len()
    ));
    let mut consistency = crate::consistency::analyse(&loaded.articles, &lex);
    notes.append(&mut consistency.warnings);
    progress.stage("building the provenance graph");
    let inputs: Vec<ArticleInput> = loaded.articles.iter().map(ArticleInput::from).collect();
    let graph = ProvGraph::build(&inputs, &ConsistencyInput::from_consistency(&consistency));
    notes.extend(graph.warnings.iter().cloned());

    progress.stage("auditing attribution");
    let audit = audit(&job.paths, &job.claims_dir, &consistency)?;

    std::fs::create_dir_all(&job.out_dir)
        .map_err(|e| miette::miette!("{}: cannot create the folder: {e}", job.out_dir.display()))?;
    let out = |name: &str| job.out_dir.join(name);
    let mut written = Vec::new();
    let mut write = |name: &str, bytes: &[u8]| -> Result<(), Report> {
        let path = out(name);
        crate::render::write_atomic(&path, bytes).map_err(|e| miette::miette!("{e}"))?;
        written.push(path);
        Ok(())
    };

    progress.stage("writing the consistency report");
    write(
        "report.md",
        crate::report::markdown(&consistency).as_bytes(),
    )?;
    write(
        "conflicts.json",
        crate::report::json_string(&consistency).as_bytes(),
    )?;
    write("audit.sarif", audit.sarif().as_bytes())?;
    write(
        "prov.json",
        crate::export::export(&graph, crate::export::ExportFormat::ProvJson).as_bytes(),
    )?;

    progress.stage("drawing the graph");
    // A whole archive's graph is too big to read as one picture: past the renderer's
    // limit, draw only what disagrees.
    let drawn = if graph.node_count() > crate::render::DEFAULT_MAX_NODES {
        notes.push(format!(
            "the graph has {} nodes; graph.svg and graph.png show the disagreeing claims only \
             (use `claimtrace graph --focus` for the rest)",
            graph.node_count()
        ));
        graph.conflicts_only()
    } else {
        graph.clone()
    };
    write("graph.dot", crate::dot::to_dot(&drawn).as_bytes())?;
    let svg = match draw(&drawn, Format::Svg, job.engine) {
        Ok(bytes) => {
            write("graph.svg", &bytes)?;
            match draw(&drawn, Format::Png, job.engine) {
                Ok(png) => write("graph.png", &png)?,
                Err(e) => notes.push(format!("graph.png not drawn: {e}")),
            }
            Some(String::from_utf8_lossy(&bytes).into_owned())
        }
        Err(e) => {
            notes.push(format!("graph.svg and graph.png not drawn: {e}"));
            None
        }
    };

    progress.stage("writing the review page");
    let summary = ReportSummary {
        articles: loaded.articles.len(),
        claims: loaded.articles.iter().map(|a| a.claims.len()).sum(),
        speakers: loaded.articles.iter().map(|a| a.speakers.len()).sum(),
        conflicts: conflicting_measures(&consistency),
        findings: audit.counts_by_severity(),
        written: Vec::new(),
        notes: Vec::new(),
    };
    let data = review_data(&loaded.articles, &consistency, &audit, &summary, svg);
    write("review.html", crate::review::render(&data).as_bytes())?;
    progress.done();
    Ok(ReportSummary {
        written,
        notes,
        ..summary
    })
}

/// Draws with the chosen engine; when Graphviz fails, the embedded renderer draws instead.
fn draw(g: &ProvGraph, format: Format, engine: Engine) -> Result<Vec<u8>, Report> {
    let chosen = crate::render::choose(engine, format).map_err(|e| miette::miette!("{e}"))?;
    match crate::render::render(g, format, chosen, crate::render::DEFAULT_MAX_NODES) {
        Ok(bytes) => Ok(bytes),
        Err(_) if chosen == Engine::Dot && engine == Engine::Auto => crate::render::render(
            g,
            format,
            Engine::Embedded,
            crate::render::DEFAULT_MAX_NODES,
        )
        .map_err(|e| miette::miette!("{e}")),
        Err(e) => Err(miette::miette!("{e}")),
    }
}

/// Measures, and yes/no states, on which sources conflict.
fn conflicting_measures(c: &Consistency) -> usize {
    let conflicts = |rs: &[crate::consistency::Relation]| {
        rs.iter()
            .any(|r| r.kind == crate::consistency::RelationKind::Conflicts)
    };
    c.measures
        .iter()
        .filter(|m| conflicts(&m.relations))
        .count()
        + c.states.iter().filter(|s| conflicts(&s.relations)).count()
}

/// The page's data: articles with their claims and findings, measures with their figures.
fn review_data(
    articles: &[ArticleClaims],
    consistency: &Consistency,
    audit: &AuditOutcome,
    summary: &ReportSummary,
    svg: Option<String>,
) -> ReviewData {
    let index: BTreeMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.path.as_str(), i))
        .collect();
    // Figures per (article, claim), for the claim cards.
    let mut figures_of: BTreeMap<(usize, &str), Vec<String>> = BTreeMap::new();
    let mut measures = Vec::new();
    for m in &consistency.measures {
        let mut figures = Vec::new();
        for f in &m.figures {
            let Some(&article) = index.get(f.article.as_str()) else {
                continue;
            };
            figures_of
                .entry((article, &*f.claim))
                .or_default()
                .push(format!("{} {}", f.display, m.label));
            figures.push(ReviewFigure {
                claim: f.claim.to_string(),
                article,
                value: f.display.clone(),
                text: f.text.clone(),
                start: f.start,
                end: f.end,
                speaker: f.speaker.clone(),
                channel: f.channel.clone(),
            });
        }
        measures.push(ReviewMeasure {
            measure: m.measure.clone(),
            label: m.label.clone(),
            figures,
            relations: m
                .relations
                .iter()
                .map(|r| ReviewRelation {
                    a: r.a.to_string(),
                    b: r.b.to_string(),
                    kind: r.kind.as_str().to_owned(),
                })
                .collect(),
            independent_sources: m.independent_sources,
        });
    }
    let review_articles = articles
        .iter()
        .enumerate()
        .map(|(ai, a)| {
            let speaker_name = |id: &Option<String>| {
                id.as_ref()
                    .and_then(|id| a.speakers.iter().find(|s| &s.id == id))
                    .map(|s| s.name.clone())
            };
            let claims = a
                .claims
                .iter()
                .map(|c| {
                    let mut spans = Vec::new();
                    if let Some(s) = &c.speaker {
                        spans.push(ReviewSpan {
                            start: s.start,
                            end: s.end,
                            role: "speaker",
                        });
                    }
                    if let Some(s) = &c.cue {
                        spans.push(ReviewSpan {
                            start: s.start,
                            end: s.end,
                            role: "cue",
                        });
                    }
                    for s in &c.content {
                        spans.push(ReviewSpan {
                            start: s.start,
                            end: s.end,
                            role: "content",
                        });
                    }
                    let entity = c.speaker.as_ref().and_then(|s| s.entity.clone());
                    ReviewClaim {
                        id: c.id.clone(),
                        status: match a.status.get(&c.id) {
                            Some(crate::store::Status::Reviewed) => "reviewed".to_owned(),
                            Some(crate::store::Status::Draft) => "draft".to_owned(),
                            Some(crate::store::Status::Rejected) => "rejected".to_owned(),
                            None => "extracted, not reviewed".to_owned(),
                        },
                        speaker: speaker_name(&entity)
                            .or_else(|| c.speaker.as_ref().map(|s| s.text.clone())),
                        speaker_id: entity,
                        channel: c.channel.as_ref().map(|ch| ch.name.clone()),
                        cue: c.cue.as_ref().map(|s| s.text.clone()),
                        mode: format!("{:?}", c.mode).to_lowercase(),
                        anonymity: c.anonymity.as_ref().map(|an| {
                            let kind = format!("{:?}", an.kind).to_lowercase();
                            match &an.reason {
                                Some(r) => format!("{kind} source: {}", r.text),
                                None => format!("{kind} source, no reason given"),
                            }
                        }),
                        hedges: c.hedges.iter().map(|h| h.text.clone()).collect(),
                        figures: figures_of
                            .get(&(ai, c.id.as_str()))
                            .cloned()
                            .unwrap_or_default(),
                        rule: c.rule.clone(),
                        spans,
                    }
                })
                .collect();
            ReviewArticle {
                path: a.path.clone(),
                title: a.metadata.title.clone(),
                outlet: a.metadata.outlet.clone(),
                date: a.metadata.date.clone(),
                text: a.text.clone(),
                claims,
                findings: audit.review_findings(&a.path),
            }
        })
        .collect();
    ReviewData {
        title: if articles.len() == 1 {
            format!(
                "claimtrace review: {}",
                articles[0]
                    .metadata
                    .title
                    .clone()
                    .unwrap_or_else(|| articles[0].path.clone())
            )
        } else {
            format!("claimtrace review: {} articles", articles.len())
        },
        summary: ReviewSummary {
            articles: summary.articles,
            claims: summary.claims,
            speakers: summary.speakers,
            conflicts: summary.conflicts,
            findings: summary.findings.clone(),
        },
        articles: review_articles,
        measures,
        svg,
    }
}

/// The audit's results as the report needs them.
#[derive(Debug, Default)]
struct AuditOutcome {
    /// Findings per article path.
    findings: BTreeMap<String, Vec<crate::review::ReviewFinding>>,
    sarif: String,
}

impl AuditOutcome {
    fn sarif(&self) -> String {
        self.sarif.clone()
    }
    fn counts_by_severity(&self) -> BTreeMap<String, usize> {
        let mut out = BTreeMap::new();
        for f in self.findings.values().flatten() {
            *out.entry(f.severity.clone()).or_insert(0) += 1;
        }
        out
    }
    fn review_findings(&self, path: &str) -> Vec<crate::review::ReviewFinding> {
        self.findings.get(path).cloned().unwrap_or_default()
    }
}

/// The audit over the job's articles, with the project's configuration and the figure
/// rules fed by the consistency results already computed.
fn audit(
    paths: &[PathBuf],
    claims_dir: &Path,
    consistency: &Consistency,
) -> Result<AuditOutcome, Report> {
    use crate::audit::run::audit_files;
    let config = crate::audit::Config::discover(None).map_err(|e| miette::miette!("{e}"))?;
    let files = crate::cli::collect_articles(paths)?;
    let input = crate::audit::ConsistencyInput::from_consistency(consistency);
    let audited = audit_files(&files, claims_dir, &config, Some(&input));
    let sarif =
        serde_json::to_string_pretty(&crate::audit::output::sarif(&audited.reports, &config))
            .map_err(|e| miette::miette!("cannot write SARIF: {e}"))?;
    let mut findings: BTreeMap<String, Vec<crate::review::ReviewFinding>> = BTreeMap::new();
    for report in &audited.reports {
        for f in &report.findings {
            findings.entry(f.location.path.clone()).or_default().push(
                crate::review::ReviewFinding {
                    rule: f.rule.to_owned(),
                    severity: f.severity.as_str().to_owned(),
                    start: f.location.start,
                    end: f.location.end,
                    message: match &f.silenced {
                        Some(why) => format!("{} (silenced: {why})", f.message),
                        None => f.message.clone(),
                    },
                },
            );
        }
    }
    Ok(AuditOutcome { findings, sarif })
}

/// `claimtrace report`: runs the job and prints its summary.
pub fn run_command(job: &ReportJob) -> Result<ExitCode, Report> {
    let s = run(job)?;
    for note in &s.notes {
        note_line(&format!("note: {note}"));
    }
    let findings = if s.findings.is_empty() {
        "no findings".to_owned()
    } else {
        ["error", "warning", "suggestion"]
            .iter()
            .map(|k| count(s.findings.get(*k).copied().unwrap_or(0), k))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // A reader that went away (`| head`) ends the output quietly.
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "{}, {}, {}, {} in conflict; audit: {}",
        count(s.articles, "article"),
        count(s.claims, "claim"),
        count(s.speakers, "speaker"),
        count(s.conflicts, "measure"),
        findings
    )
    .and_then(|_| {
        writeln!(
            out,
            "wrote {} files to {}; open {}",
            s.written.len(),
            job.out_dir.display(),
            job.out_dir.join("review.html").display()
        )
    });
    Ok(ExitCode::SUCCESS)
}

/// The default inputs: `seeds/` when no path is given.
pub fn default_paths(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![Path::new("seeds").to_path_buf()]
    } else {
        paths
    }
}
