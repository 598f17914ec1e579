//! Scoring extraction against brat standoff annotations.
use std::path::Path;
use std::process::ExitCode;

use miette::Report;

/// `claimtrace eval` (stub).
pub fn run(_brat: &Path, _json: bool) -> Result<ExitCode, Report> {
    Ok(ExitCode::SUCCESS)
}
