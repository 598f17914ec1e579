//! The editorial attribution audit: rules over an article and its claims.
//!
//! [`audit_article`] runs every enabled rule over one article with its claims (reviewed
//! ones from the claim store when there is a claims file, extracted ones otherwise) and
//! returns [`Finding`]s located by code-point offsets into the article's text. The rules
//! are described in [`rules::RULES`] and `docs/rules/<id>.md`; the configuration file in
//! [`config`]; the output formats (text, JSON, SARIF, GitHub annotations) in [`output`];
//! the command itself in [`run`].

pub mod checks;
pub mod config;
pub mod figures_input;
pub mod output;
pub mod rules;
pub mod run;
pub mod view;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::model::{Assertion, Claim, Speaker};

pub use config::Config;
pub use figures_input::{ConflictSide, ConsistencyInput, FigureConflict, FigureSupport};
pub use rules::{rule, Rule, RULES};
pub use view::View;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Suggestion,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Suggestion => "suggestion",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "suggestion" | "note" | "info" => Some(Severity::Suggestion),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place in a file: code-point offsets `[start, end)` and the 1-based line and column
/// (in code points) of `start` and of `end`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub path: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// The characters covered.
    pub text: String,
}

/// A secondary place a finding points at (the other sides of a conflict, the other mark
/// of a quotation), with what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    #[serde(flatten)]
    pub location: Location,
    pub message: String,
}

/// One finding of one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    #[serde(flatten)]
    pub location: Location,
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
    /// Set when an allow marker silenced the finding: the reason given. Silenced findings
    /// are reported and counted but never fail the run.
    pub silenced: Option<String>,
}

impl Finding {
    /// The order findings are reported in: by file, position, rule, message.
    pub fn sort_key(&self) -> (&str, usize, usize, &str, &str) {
        (
            self.location.path.as_str(),
            self.location.start,
            self.location.end,
            self.rule,
            self.message.as_str(),
        )
    }
}

/// A finding before it is located: rule, code-point span in the article, message.
#[derive(Debug, Clone)]
pub struct Hit {
    pub rule: &'static str,
    pub start: usize,
    pub end: usize,
    pub message: String,
    /// Secondary spans in the same article.
    pub related: Vec<(usize, usize, String)>,
}

impl Hit {
    pub fn new(rule: &'static str, span: (usize, usize), message: String) -> Hit {
        Hit {
            rule,
            start: span.0,
            end: span.1,
            message,
            related: Vec::new(),
        }
    }
}

/// An editor's note on an entry of the claims file, with the span it covers: allow
/// markers in it silence findings that overlap the span.
#[derive(Debug, Clone)]
pub struct Note {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// What the rules look at for one article.
pub struct Subject<'a> {
    pub article: &'a Article,
    pub view: &'a View,
    pub claims: &'a [Claim],
    pub speakers: &'a [Speaker],
    pub assertions: &'a [Assertion],
    pub config: &'a Config,
}

impl Subject<'_> {
    pub fn speaker(&self, claim: &Claim) -> Option<&Speaker> {
        let id = claim.speaker.as_ref()?.entity.as_ref()?;
        self.speakers.iter().find(|s| &s.id == id)
    }
}

/// Runs every enabled rule over one article (figure rules excepted: see
/// [`figures_input`]) and returns the hits, unlocated and unsorted.
pub fn audit_subject(subject: &Subject<'_>) -> Vec<Hit> {
    let mut hits = Vec::new();
    checks::run_all(subject, &mut hits);
    hits.retain(|h| subject.config.enabled(h.rule));
    hits
}

/// Audits one article with the claims extracted from it (no claim store): the library
/// entry point for callers that have an [`Article`] at hand.
pub fn audit_article(article: &Article, config: &Config) -> Vec<Finding> {
    let extraction = crate::extract::extract(article);
    let view = View::new(article);
    let subject = Subject {
        article,
        view: &view,
        claims: &extraction.claims,
        speakers: &extraction.speakers,
        assertions: &extraction.assertions,
        config,
    };
    let hits = audit_subject(&subject);
    let path = crate::store::portable_path(&article.path);
    let mut findings = locate(&view, &path, hits, &[], config);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings
}

/// Turns hits into findings: severity from the configuration, line and column, allow
/// markers (notes of the claims file and the configuration's `allow` list) applied.
pub fn locate(
    view: &View,
    path: &str,
    hits: Vec<Hit>,
    notes: &[Note],
    config: &Config,
) -> Vec<Finding> {
    hits.into_iter()
        .filter_map(|h| {
            let severity = config.severity(h.rule)?;
            let location = view.location(path, h.start, h.end);
            let related = h
                .related
                .iter()
                .map(|(s, e, m)| Related {
                    location: view.location(path, *s, *e),
                    message: m.clone(),
                })
                .collect();
            let silenced = notes
                .iter()
                .filter(|n| n.start < h.end.max(h.start + 1) && h.start < n.end)
                .find_map(|n| config::allow_in_note(&n.text, h.rule))
                .or_else(|| config.allowed(h.rule, path, &location.text));
            Some(Finding {
                rule: h.rule,
                severity,
                location,
                message: h.message,
                related,
                silenced,
            })
        })
        .collect()
}
