//! What the binary's subcommands do, kept in the library so tests can call it too.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use miette::{IntoDiagnostic, Report};

use crate::article::Article;

/// Expands files and directories into the article files under them (`*.txt`, sorted).
pub fn collect_articles(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Report> {
    let files = collect_files(paths, "txt")?;
    if files.is_empty() {
        let named: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(miette::miette!(
            "no articles (.txt files) found in {}",
            named.join(", ")
        ));
    }
    Ok(files)
}

/// Expands files and directories into the files with extension `ext` under them: each
/// directory's finds sorted, named files kept as given. A missing path is an error.
pub fn collect_files(paths: &[PathBuf], ext: &str) -> Result<Vec<PathBuf>, Report> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, ext, &mut found)
                .map_err(|e| miette::miette!("{}: cannot list directory: {e}", p.display()))?;
            found.sort();
            out.extend(found);
        } else if p.is_file() {
            out.push(p.clone());
        } else {
            return Err(miette::miette!(
                "{}: no such file or directory",
                p.display()
            ));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, ext, out)?;
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    Ok(())
}

/// `claimtrace extract`.
///
/// Articles are extracted in parallel, a bounded batch at a time, and printed in the order
/// given, so memory stays flat however many files there are. A file that cannot be read is
/// reported and skipped; the exit code is then 2.
pub fn extract(
    paths: &[PathBuf],
    json: bool,
    write: bool,
    claims_dir: &Path,
    rules_only: bool,
) -> Result<ExitCode, Report> {
    use rayon::prelude::*;
    const BATCH: usize = 256;
    let files = collect_articles(paths)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    for batch in files.chunks(BATCH) {
        let results: Vec<_> = batch
            .par_iter()
            .map(|file| {
                Article::load(file).map(|article| {
                    let extraction = if rules_only {
                        crate::extract::extract_rules(&article)
                    } else {
                        crate::extract::extract(&article)
                    };
                    (article, extraction)
                })
            })
            .collect();
        for result in results {
            let (article, extraction) = match result {
                Ok(done) => done,
                Err(e) => {
                    // Flush what came before, so the message lands after it.
                    let _ = out.flush();
                    eprintln!("{:?}", miette::miette!("{e}"));
                    failed = true;
                    continue;
                }
            };
            if json {
                let value = crate::extract::to_json(&article, &extraction);
                let written = serde_json::to_writer(&mut out, &value)
                    .map_err(std::io::Error::from)
                    .and_then(|_| writeln!(out));
                if quiet_on_broken_pipe(written)? {
                    return Ok(ExitCode::SUCCESS);
                }
            } else if quiet_on_broken_pipe(crate::extract::write_text(
                &mut out,
                &article,
                &extraction,
            ))? {
                return Ok(ExitCode::SUCCESS);
            }
            if write {
                let report = crate::store::write_draft(claims_dir, &article, &extraction)?;
                eprintln!("{report}");
            }
        }
    }
    match out.flush() {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        r => r.into_diagnostic()?,
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// A reader that went away (`| head`) ends the output quietly, as other Unix tools do.
/// Returns whether it did.
fn quiet_on_broken_pipe(r: std::io::Result<()>) -> Result<bool, Report> {
    match r {
        Ok(()) => Ok(false),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(true),
        Err(e) => Err(miette::miette!("cannot write output: {e}")),
    }
}

/// `claimtrace check`.
pub fn check(paths: &[PathBuf], claims_dir: &Path) -> Result<ExitCode, Report> {
    crate::store::run_check(paths, claims_dir)
}

/// `claimtrace eval`.
pub fn eval(brat: &Path, json: bool, rules_only: bool) -> Result<ExitCode, Report> {
    crate::eval::run(brat, json, rules_only)
}

/// `claimtrace train`.
pub fn train(
    brat: &Path,
    output: &Path,
    options: crate::train::Options,
) -> Result<ExitCode, Report> {
    crate::train::run(brat, output, options)
}

/// `claimtrace graph` (see [`crate::render::run_graph_command`]).
pub fn graph(cmd: &crate::render::GraphCommand) -> Result<ExitCode, Report> {
    crate::render::run_graph_command(cmd)
}

/// `claimtrace export` (see [`crate::export::run_export_command`]).
pub fn export(
    paths: &[PathBuf],
    claims_dir: &Path,
    consistency: Option<&Path>,
    format: crate::export::ExportFormat,
    output: Option<&Path>,
) -> Result<ExitCode, Report> {
    crate::export::run_export_command(paths, claims_dir, consistency, format, output)
}

/// Output format of `claimtrace conflicts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictsFormat {
    Text,
    Markdown,
    Json,
}

/// `claimtrace conflicts`: figures per measure across sources and articles, and how they
/// relate. Warnings go to stderr; the exit code is 0 whether or not sources disagree.
pub fn conflicts(
    paths: &[PathBuf],
    format: ConflictsFormat,
    claims_dir: &Path,
    lexicon: Option<&Path>,
) -> Result<ExitCode, Report> {
    let lex = match lexicon {
        Some(p) => crate::measures::Lexicon::load(p).map_err(|e| miette::miette!("{e}"))?,
        None => crate::measures::Lexicon::default_lexicon(),
    };
    let loaded = crate::consistency::load(paths, claims_dir)?;
    let mut result = crate::consistency::analyse(&loaded.articles, &lex);
    let mut warnings = loaded.warnings;
    warnings.append(&mut result.warnings);
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    result.warnings = warnings;
    let rendered = match format {
        ConflictsFormat::Text => crate::report::text(&result),
        ConflictsFormat::Markdown => crate::report::markdown(&result),
        ConflictsFormat::Json => crate::report::json_string(&result),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if quiet_on_broken_pipe(out.write_all(rendered.as_bytes()).and_then(|_| out.flush()))? {
        return Ok(ExitCode::SUCCESS);
    }
    Ok(ExitCode::SUCCESS)
}
