//! Output formats: text (rustc style), JSON Lines, SARIF 2.1.0, GitHub workflow annotations.

use std::io::{self, Write};

use serde_json::json;

use super::{rules, Finding, Location, Severity, View};

/// The findings of one file, with their text rendering (made while the file's text and
/// segmentation are at hand, so that they need not be kept).
pub struct FileReport {
    pub path: String,
    pub findings: Vec<Finding>,
    pub rendered: String,
}

impl FileReport {
    /// Renders the findings (already in order) against the file's view.
    pub fn new(path: String, view: &View, findings: Vec<Finding>) -> FileReport {
        let mut buf = Vec::new();
        for f in &findings {
            // Writing to a Vec cannot fail.
            let _ = write_text_finding(&mut buf, view, f);
        }
        FileReport {
            path,
            findings,
            rendered: String::from_utf8_lossy(&buf).into_owned(),
        }
    }
}

/// Counts for the closing line and the exit code.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub suggestions: usize,
    pub silenced: usize,
}

impl Counts {
    pub fn of(files: &[FileReport]) -> Counts {
        let mut c = Counts {
            files: files.len(),
            ..Counts::default()
        };
        for f in files.iter().flat_map(|f| &f.findings) {
            if f.silenced.is_some() {
                c.silenced += 1;
                continue;
            }
            match f.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Suggestion => c.suggestions += 1,
            }
        }
        c
    }

    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.suggestions
    }

    /// Whether a finding that is not silenced reaches `deny`.
    pub fn reaches(&self, deny: Option<Severity>) -> bool {
        match deny {
            None => false,
            Some(Severity::Suggestion) => self.total() > 0,
            Some(Severity::Warning) => self.errors + self.warnings > 0,
            Some(Severity::Error) => self.errors > 0,
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The closing line of the text format.
pub fn summary(c: &Counts, articles: usize) -> String {
    format!(
        "audit: {} checked, {}: {}, {}, {}; {} silenced",
        plural(articles, "article"),
        plural(c.total(), "finding"),
        plural(c.errors, "error"),
        plural(c.warnings, "warning"),
        plural(c.suggestions, "suggestion"),
        c.silenced
    )
}

// ---------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------

/// Longest snippet shown, in characters.
const WINDOW: usize = 110;

/// The part of the file shown under a finding: the sentence holding the span (or its
/// line), clipped around the span. Returns (line, shown text, caret column, caret width).
fn snippet(view: &View, start: usize, end: usize) -> (usize, String, usize, usize) {
    let (line, _) = view.line_col(start);
    let ls = view.line_start(line);
    let le = view.line_end(start).max(ls);
    let (a, b) = view.sentence_at(start).unwrap_or((ls, le));
    let a = a.max(ls).min(start);
    let b = b.max(end).min(le).max(start);
    let end = end.min(b).max(start);
    let (mut ws, mut we) = (a, b);
    if we - ws > WINDOW {
        ws = start.saturating_sub(30).max(a);
        we = (ws + WINDOW).min(b).max(end.min(ws + WINDOW));
    }
    let mut text: String = view
        .slice(ws, we)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut col = start - ws;
    if ws > a {
        text.insert(0, '…');
        col += 1;
    }
    if we < b {
        text.push('…');
    }
    let width = end.min(we).saturating_sub(start).max(1);
    (line, text, col, width)
}

/// Writes one finding in the rustc style.
pub fn write_text_finding(out: &mut dyn Write, view: &View, f: &Finding) -> io::Result<()> {
    let l = &f.location;
    writeln!(out, "{}[{}]: {}", f.severity, f.rule, f.message)?;
    let (line, text, col, width) = snippet(view, l.start, l.end);
    let gutter = line.to_string().len();
    let pad = " ".repeat(gutter);
    writeln!(out, "{pad}--> {}:{}:{}", l.path, l.line, l.column)?;
    writeln!(out, "{pad} |")?;
    writeln!(out, "{line} | {text}")?;
    writeln!(out, "{pad} | {}{}", " ".repeat(col), "^".repeat(width))?;
    for r in &f.related {
        let rl = &r.location;
        let text = if r.message.contains(&rl.text) {
            String::new()
        } else {
            format!(" ({})", rl.text)
        };
        writeln!(
            out,
            "{pad} = see {}:{}:{}: {}{text}",
            rl.path, rl.line, rl.column, r.message
        )?;
    }
    if let Some(reason) = &f.silenced {
        writeln!(out, "{pad} = silenced: {reason}")?;
    }
    writeln!(
        out,
        "{pad} = help: `claimtrace audit --explain {}`, docs/rules/{}.md",
        f.rule, f.rule
    )?;
    writeln!(out)
}

/// The text format: every finding, then the summary line.
pub fn write_text(out: &mut dyn Write, files: &[FileReport], articles: usize) -> io::Result<()> {
    for file in files {
        out.write_all(file.rendered.as_bytes())?;
    }
    writeln!(out, "{}", summary(&Counts::of(files), articles))
}

// ---------------------------------------------------------------------------------------
// JSON Lines
// ---------------------------------------------------------------------------------------

/// One JSON object per finding, one per line.
pub fn write_json(out: &mut dyn Write, files: &[FileReport]) -> io::Result<()> {
    for f in files.iter().flat_map(|f| &f.findings) {
        serde_json::to_writer(&mut *out, f).map_err(io::Error::from)?;
        writeln!(out)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// SARIF 2.1.0
// ---------------------------------------------------------------------------------------

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Suggestion => "note",
        Severity::Warning => "warning",
        Severity::Error => "error",
    }
}

fn sarif_location(l: &Location) -> serde_json::Value {
    json!({
        "physicalLocation": {
            "artifactLocation": {"uri": l.path},
            "region": {
                "startLine": l.line,
                "startColumn": l.column,
                "endLine": l.end_line,
                "endColumn": l.end_column,
                "charOffset": l.start,
                "charLength": l.end - l.start,
                "snippet": {"text": l.text},
            }
        }
    })
}

/// The SARIF log: one run, every rule described in `tool.driver.rules`, columns in
/// Unicode code points.
pub fn sarif(files: &[FileReport], config: &super::Config) -> serde_json::Value {
    let rules_json: Vec<serde_json::Value> = rules::RULES
        .iter()
        .map(|r| {
            let level = config.severity(r.id).map_or("none", sarif_level);
            json!({
                "id": r.id,
                "name": r.id,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.explanation},
                "help": {"text": format!("{} See {}.", r.explanation, r.doc_path())},
                "defaultConfiguration": {"level": level, "enabled": config.enabled(r.id)},
                "properties": {"tags": [if r.sourcing {"sourcing"} else {"style"}]},
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = files
        .iter()
        .flat_map(|f| &f.findings)
        .map(|f| {
            let index = rules::RULES
                .iter()
                .position(|r| r.id == f.rule)
                .unwrap_or(0);
            let mut result = json!({
                "ruleId": f.rule,
                "ruleIndex": index,
                "level": sarif_level(f.severity),
                "message": {"text": f.message},
                "locations": [sarif_location(&f.location)],
            });
            if !f.related.is_empty() {
                result["relatedLocations"] = f
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let mut loc = sarif_location(&r.location);
                        loc["id"] = json!(i + 1);
                        loc["message"] = json!({"text": r.message});
                        loc
                    })
                    .collect();
            }
            if let Some(reason) = &f.silenced {
                result["suppressions"] = json!([{"kind": "inSource", "justification": reason}]);
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "claimtrace",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules_json,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

// ---------------------------------------------------------------------------------------
// GitHub workflow annotations
// ---------------------------------------------------------------------------------------

/// Escapes a workflow command's message.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One `::error file=…,line=…::message` line per finding that is not silenced.
pub fn write_github(out: &mut dyn Write, files: &[FileReport]) -> io::Result<()> {
    for f in files.iter().flat_map(|f| &f.findings) {
        if f.silenced.is_some() {
            continue;
        }
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Suggestion => "notice",
        };
        let l = &f.location;
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&l.path),
            l.line,
            l.column,
            l.end_line,
            l.end_column,
            escape_property(&format!("claimtrace {}", f.rule)),
            escape_data(&f.message)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_escapes() {
        assert_eq!(escape_data("50% done\r\nok"), "50%25 done%0D%0Aok");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
