//! The claim store: `claims/<article>.ron`, one reviewable file per article.
//!
//! A claims file records what extraction found in one article, and what an editor made of
//! it. Every claim and assertion carries a [`Status`]: `draft` entries belong to the tool
//! and are replaced each time `claimtrace extract --write` runs; `reviewed` (and `rejected`)
//! entries belong to the editor and are never changed by the tool. Each entry also keeps a
//! W3C `TextQuoteSelector` over its extent so that `claimtrace check` can find it again
//! when the article has been edited. The format is described in `docs/claims-format.md`.
//!
//! Entry points: [`write_draft`] (`extract --write`), [`run_check`] (`check`), and for
//! other commands [`load`], [`check_file`] and [`reanchor`].

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::Write;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use miette::{Diagnostic, NamedSource, Report, SourceSpan};
use ron::extensions::Extensions;
use ron::ser::PrettyConfig;
use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::model::{Anchor, Assertion, Claim, Extraction, Metadata, QuoteSelector, Speaker};

/// The version written in `format:`; files with another version are refused.
pub const FORMAT_VERSION: u32 = 1;
/// Characters of context kept on each side of a selector's `exact` text.
pub const CONTEXT_CHARS: usize = 32;
/// Smallest normalised Levenshtein similarity for a fuzzy re-anchoring to count as found.
pub const FUZZY_THRESHOLD: f64 = 0.85;

// ---------------------------------------------------------------------------------------
// The file format
// ---------------------------------------------------------------------------------------

/// Who owns an entry of the claims file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Written by the tool; replaced by the next `extract --write`.
    Draft,
    /// Checked by an editor; kept exactly as it is. The default, so that an entry written
    /// by hand without a status is never overwritten.
    #[default]
    Reviewed,
    /// Checked by an editor and found wrong (not a claim, or not this one). Kept like a
    /// reviewed entry so the same draft does not come back, but it is not a claim.
    Rejected,
}

impl Status {
    pub fn is_draft(self) -> bool {
        self == Status::Draft
    }
}

/// Which article a claims file is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleRef {
    /// Path of the article as given to `extract`, with forward slashes. Resolved against
    /// the current directory, then against the claims file's parent's parent.
    pub path: String,
    /// SHA-256 (lower-case hex) of the article file the reviewed entries were made against.
    #[serde(default)]
    pub sha256: String,
}

/// One claims file: everything kept about one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimsFile {
    /// [`FORMAT_VERSION`].
    pub format: u32,
    pub article: ArticleRef,
    #[serde(default)]
    pub metadata: Metadata,
    #[serde(default)]
    pub speakers: Vec<Speaker>,
    #[serde(default)]
    pub claims: Vec<StoredClaim>,
    #[serde(default)]
    pub assertions: Vec<StoredAssertion>,
    /// Figures added or rejected by hand (see docs/consistency.md); never written by the tool.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<crate::figures::StoredFigure>,
}

/// A claim with its review status and re-anchoring selector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredClaim {
    #[serde(default)]
    pub status: Status,
    /// Free text for the editor.
    #[serde(default)]
    pub note: Option<String>,
    pub claim: Claim,
    /// Quote selector over [`Claim::extent`]; may be left out in hand-written entries
    /// (the entry then cannot be re-anchored if the article changes).
    #[serde(default = "empty_selector")]
    pub selector: QuoteSelector,
}

impl StoredClaim {
    /// Whether this entry stands for a claim of the article (not a rejected draft).
    pub fn is_claim(&self) -> bool {
        self.status != Status::Rejected
    }
}

/// An unattributed assertion with its review status and re-anchoring selector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredAssertion {
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub note: Option<String>,
    pub assertion: Assertion,
    /// Quote selector over the assertion's `[start, end)`.
    #[serde(default = "empty_selector")]
    pub selector: QuoteSelector,
}

fn empty_selector() -> QuoteSelector {
    QuoteSelector {
        exact: String::new(),
        prefix: String::new(),
        suffix: String::new(),
    }
}

// ---------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------

/// A claims file that is not valid RON or does not fit the format, with its location.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{location}: {message}")]
#[diagnostic(help("see docs/claims-format.md for the claims file format"))]
pub struct SyntaxError {
    /// `file:line:col`.
    pub location: String,
    pub message: String,
    pub file: PathBuf,
    /// 1-based line and column (in characters) of the error.
    pub line: usize,
    pub col: usize,
    #[source_code]
    src: NamedSource<String>,
    #[label("{label}")]
    span: SourceSpan,
    label: String,
}

/// Why a claims file could not be read, written or checked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Syntax(Box<SyntaxError>),
    #[error("{path}: unsupported claims format version {found} (this claimtrace reads version {FORMAT_VERSION})")]
    Version { path: PathBuf, found: u32 },
    #[error("{path}: cannot serialise claims: {message}")]
    Serialize { path: PathBuf, message: String },
    #[error("{path}: {message}")]
    Other { path: PathBuf, message: String },
}

impl StoreError {
    /// Converts to a miette report, keeping the source snippet of syntax errors.
    pub fn into_report(self) -> Report {
        match self {
            StoreError::Syntax(e) => Report::new(*e),
            other => miette::miette!("{other}"),
        }
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

// ---------------------------------------------------------------------------------------
// Reading and writing RON
// ---------------------------------------------------------------------------------------

fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

fn pretty_config() -> PrettyConfig {
    // Depth 4 keeps a claim's fields one a line and each anchor, mention or list of
    // anchors on a single line.
    PrettyConfig::new()
        .struct_names(false)
        .extensions(Extensions::IMPLICIT_SOME)
        .depth_limit(4)
        .new_line("\n")
        .indentor("    ")
        .separator(" ")
}

/// Serialises a claims file (deterministic: the same value always gives the same bytes).
pub fn to_ron(file: &ClaimsFile) -> Result<String, ron::Error> {
    // Plain options so that the `#![enable(implicit_some)]` header is written: the file
    // then reads the same in any RON reader.
    let mut s = ron::Options::default().to_string_pretty(file, pretty_config())?;
    if !s.ends_with('\n') {
        s.push('\n');
    }
    Ok(s)
}

/// Parses the text of a claims file; `path` is only used in messages.
pub fn parse(path: &Path, src: &str) -> Result<ClaimsFile, StoreError> {
    let file: ClaimsFile = ron_options()
        .from_str(src)
        .map_err(|e| StoreError::Syntax(Box::new(syntax_error(path, src, &e))))?;
    if file.format != FORMAT_VERSION {
        return Err(StoreError::Version {
            path: path.to_path_buf(),
            found: file.format,
        });
    }
    Ok(file)
}

/// Reads and parses the claims file at `path`.
pub fn load(path: &Path) -> Result<ClaimsFile, StoreError> {
    let src = std::fs::read_to_string(path).map_err(io_err(path))?;
    parse(path, &src)
}

fn syntax_error(path: &Path, src: &str, e: &ron::error::SpannedError) -> SyntaxError {
    let start = pos_to_byte(src, e.span.start.line, e.span.start.col);
    let end = pos_to_byte(src, e.span.end.line, e.span.end.col).max(start);
    // Point at what the parser was looking at, not at the whitespace before it.
    let text = &src[start..end];
    let lead = text.len() - text.trim_start().len();
    let trail = text.len() - text.trim_end().len();
    let (start, end) = if lead < text.len() {
        (start + lead, end - trail)
    } else {
        (start, end)
    };
    // A string whose closing quote is missing runs on to the next quote mark, lines later,
    // and the parser stops only there: point at where that string opened instead.
    if let Some(open) = unclosed_string_before(src, start) {
        let (line, col) = byte_to_pos(src, open);
        let (at_line, at_col) = byte_to_pos(src, start);
        return SyntaxError {
            location: format!("{}:{line}:{col}", path.display()),
            message: format!(
                "string not closed on its line (the parser stopped at {at_line}:{at_col}: {})",
                e.code
            ),
            file: path.to_path_buf(),
            line,
            col,
            src: NamedSource::new(path.display().to_string(), src.to_owned()),
            span: SourceSpan::from(open..open + 1),
            label: "this string has no closing quote on its line".to_owned(),
        };
    }
    let (line, col) = byte_to_pos(src, start);
    let location = format!("{}:{line}:{col}", path.display());
    let label = match &e.code {
        ron::Error::NoSuchStructField { found, .. } => format!("unknown field `{found}`"),
        ron::Error::MissingStructField { field, .. } => format!("missing field `{field}`"),
        ron::Error::DuplicateStructField { field, .. } => format!("field `{field}` given twice"),
        ron::Error::NoSuchEnumVariant { found, .. } => format!("unknown value `{found}`"),
        other => other.to_string(),
    };
    SyntaxError {
        location,
        message: e.code.to_string(),
        file: path.to_path_buf(),
        line,
        col,
        src: NamedSource::new(path.display().to_string(), src.to_owned()),
        span: SourceSpan::from(start..end),
        label,
    }
}

/// The opening quote (byte offset) of a string that spans lines and ends right before
/// `error` (only spaces between): a claims file never holds a line break inside a string
/// (they are written `\n`), so such a string lost its closing quote and took the next
/// string's opening one for it. Comments are skipped; `None` when there is no such string.
fn unclosed_string_before(src: &str, error: usize) -> Option<usize> {
    let b = src.as_bytes();
    let mut i = 0;
    while i < b.len().min(error) {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = src[i..].find('\n').map_or(b.len(), |n| i + n);
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = src[i + 2..].find("*/").map_or(b.len(), |n| i + 2 + n + 2);
            }
            b'"' => {
                let open = i;
                i += 1;
                let mut spans_lines = false;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    } else if b[i] == b'\n' {
                        spans_lines = true;
                    }
                    i += 1;
                }
                // `i` is at the closing quote (or the end).
                let after = (i + 1).min(b.len());
                let gap = src.get(after..error.max(after)).unwrap_or("x");
                if spans_lines && after <= error && gap.trim().is_empty() {
                    return Some(open);
                }
                i = after;
            }
            _ => i += 1,
        }
    }
    None
}

/// Byte offset of a 1-based (line, column-in-characters) position, clamped to `src`.
fn pos_to_byte(src: &str, line: usize, col: usize) -> usize {
    let mut offset = 0;
    for _ in 1..line.max(1) {
        match src[offset..].find('\n') {
            Some(i) => offset += i + 1,
            None => return src.len(),
        }
    }
    let rest = &src[offset..];
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let skip = col.saturating_sub(1);
    match rest[..line_end].char_indices().nth(skip) {
        Some((b, _)) => offset + b,
        None => offset + line_end,
    }
}

/// 1-based (line, column-in-characters) of a byte offset.
fn byte_to_pos(src: &str, byte: usize) -> (usize, usize) {
    let byte = floor_char_boundary(src, byte.min(src.len()));
    let before = &src[..byte];
    let line = 1 + before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, 1 + src[line_start..byte].chars().count())
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Writes `contents` to `path` atomically: a temporary file in the same directory, then a
/// rename. Keeps the permissions of the file it replaces.
fn write_atomic(path: &Path, contents: &str) -> Result<(), StoreError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(io_err(&dir))?;
    tmp.write_all(contents.as_bytes()).map_err(io_err(path))?;
    tmp.flush().map_err(io_err(path))?;
    tmp.as_file().sync_all().map_err(io_err(path))?;
    let perms = match std::fs::metadata(path) {
        Ok(m) => Some(m.permissions()),
        Err(_) => default_permissions(),
    };
    if let Some(p) = perms {
        tmp.as_file().set_permissions(p).map_err(io_err(path))?;
    }
    tmp.persist(path).map_err(|e| StoreError::Io {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    Ok(())
}

#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}

// ---------------------------------------------------------------------------------------
// Text helpers (code-point offsets)
// ---------------------------------------------------------------------------------------

/// An article text indexed by code point.
struct CharText<'a> {
    text: &'a str,
    /// Byte offset of every code point, plus `text.len()` at the end.
    bytes: Vec<usize>,
}

impl<'a> CharText<'a> {
    fn new(text: &'a str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        CharText { text, bytes }
    }

    fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    fn slice(&self, start: usize, end: usize) -> Option<&'a str> {
        if start > end {
            return None;
        }
        let s = *self.bytes.get(start)?;
        let e = *self.bytes.get(end)?;
        self.text.get(s..e)
    }

    fn char_of_byte(&self, byte: usize) -> usize {
        self.bytes.partition_point(|&b| b < byte)
    }

    /// Selector over `[start, end)` with [`CONTEXT_CHARS`] of context on each side.
    fn selector(&self, start: usize, end: usize) -> QuoteSelector {
        let n = self.len();
        let (start, end) = (start.min(n), end.min(n).max(start.min(n)));
        let pre = start.saturating_sub(CONTEXT_CHARS);
        let post = (end + CONTEXT_CHARS).min(n);
        QuoteSelector {
            exact: self.slice(start, end).unwrap_or_default().to_owned(),
            prefix: self.slice(pre, start).unwrap_or_default().to_owned(),
            suffix: self.slice(end, post).unwrap_or_default().to_owned(),
        }
    }
}

/// Every anchored stretch of a claim, as (field name, text, start, end).
fn claim_anchors(c: &Claim) -> Vec<(&'static str, &str, usize, usize)> {
    let mut out = Vec::new();
    if let Some(m) = &c.speaker {
        out.push(("speaker", m.text.as_str(), m.start, m.end));
    }
    if let Some(a) = &c.cue {
        out.push(("cue", a.text.as_str(), a.start, a.end));
    }
    for a in &c.content {
        out.push(("content", a.text.as_str(), a.start, a.end));
    }
    if let Some(ch) = &c.channel {
        out.push(("channel", ch.text.as_str(), ch.start, ch.end));
    }
    if let Some(r) = c.anonymity.as_ref().and_then(|a| a.reason.as_ref()) {
        out.push(("anonymity reason", r.text.as_str(), r.start, r.end));
    }
    for h in &c.hedges {
        out.push(("hedge", h.text.as_str(), h.start, h.end));
    }
    out
}

fn assertion_anchors(a: &Assertion) -> Vec<(&'static str, &str, usize, usize)> {
    vec![
        ("text", a.text.as_str(), a.start, a.end),
        (
            "trigger",
            a.trigger.text.as_str(),
            a.trigger.start,
            a.trigger.end,
        ),
    ]
}

fn shift(x: usize, delta: isize) -> usize {
    x.saturating_add_signed(delta)
}

fn shift_anchor(a: &mut Anchor, delta: isize) {
    a.start = shift(a.start, delta);
    a.end = shift(a.end, delta);
}

fn shift_claim(c: &mut Claim, delta: isize) {
    if let Some(m) = &mut c.speaker {
        m.start = shift(m.start, delta);
        m.end = shift(m.end, delta);
    }
    if let Some(a) = &mut c.cue {
        shift_anchor(a, delta);
    }
    for a in &mut c.content {
        shift_anchor(a, delta);
    }
    if let Some(ch) = &mut c.channel {
        ch.start = shift(ch.start, delta);
        ch.end = shift(ch.end, delta);
    }
    if let Some(r) = c.anonymity.as_mut().and_then(|a| a.reason.as_mut()) {
        shift_anchor(r, delta);
    }
    for h in &mut c.hedges {
        shift_anchor(h, delta);
    }
}

fn shift_assertion(a: &mut Assertion, delta: isize) {
    a.start = shift(a.start, delta);
    a.end = shift(a.end, delta);
    shift_anchor(&mut a.trigger, delta);
}

/// Shortens a text for a one-line message.
fn short(s: &str) -> String {
    const MAX: usize = 40;
    let one_line: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if one_line.chars().count() <= MAX {
        one_line
    } else {
        let head: String = one_line.chars().take(MAX - 1).collect();
        format!("{head}…")
    }
}

// ---------------------------------------------------------------------------------------
// write_draft
// ---------------------------------------------------------------------------------------

/// A draft that was not applied because a reviewed entry at the same place disagrees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contradiction {
    /// Id of the reviewed (or rejected) entry.
    pub reviewed: String,
    /// What the draft says, briefly.
    pub draft: String,
    /// How they differ.
    pub differs: String,
}

/// What a merge did, for the report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeSummary {
    pub created: bool,
    pub drafts: usize,
    pub reviewed_kept: usize,
    pub rejected_kept: usize,
    pub duplicates_dropped: usize,
    pub contradictions: Vec<Contradiction>,
    pub assertion_drafts: usize,
    pub assertions_kept: usize,
    pub assertion_duplicates_dropped: usize,
    pub assertion_contradictions: Vec<Contradiction>,
    /// The article's hash differs from the one the reviewed entries were made against.
    pub article_changed: bool,
}

/// Path of the claims file of `article` under `claims_dir`.
pub fn claims_path(claims_dir: &Path, article: &Path) -> Option<PathBuf> {
    let stem = article.file_stem()?;
    let mut name = stem.to_os_string();
    name.push(".ron");
    Some(claims_dir.join(name))
}

/// `path` relative to the current directory when it lies under it, with forward slashes.
pub fn portable_path(path: &Path) -> String {
    let rel: PathBuf = if path.is_absolute() {
        std::env::current_dir()
            .ok()
            .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| path.to_path_buf())
    } else {
        path.to_path_buf()
    };
    let mut parts: Vec<String> = Vec::new();
    let mut rooted = false;
    for c in rel.components() {
        match c {
            Component::Prefix(p) => parts.push(p.as_os_str().to_string_lossy().into_owned()),
            Component::RootDir => rooted = true,
            Component::CurDir => {}
            Component::ParentDir => parts.push("..".to_owned()),
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
        }
    }
    let joined = parts.join("/");
    if rooted {
        format!("/{joined}")
    } else {
        joined
    }
}

/// Where the article of a claims file may be: the recorded path taken from the current
/// directory, then from the claims file's parent's parent.
pub fn article_candidates(claims_file: &Path, article_path: &str) -> Vec<PathBuf> {
    let p = PathBuf::from(article_path);
    let mut out = vec![p.clone()];
    if p.is_relative() {
        if let Some(root) = claims_file.parent().and_then(Path::parent) {
            let alt = root.join(&p);
            if !out.contains(&alt) {
                out.push(alt);
            }
        }
    }
    out
}

/// Creates or updates the claims file of `article` under `claims_dir`; returns a
/// one-paragraph report. A claims file that cannot be parsed is left untouched.
pub fn write_draft(
    claims_dir: &Path,
    article: &Article,
    extraction: &Extraction,
) -> Result<String, Report> {
    write_draft_inner(claims_dir, article, extraction).map_err(StoreError::into_report)
}

fn write_draft_inner(
    claims_dir: &Path,
    article: &Article,
    extraction: &Extraction,
) -> Result<String, StoreError> {
    let target = claims_path(claims_dir, &article.path).ok_or_else(|| StoreError::Other {
        path: article.path.clone(),
        message: "the article path has no file name".to_owned(),
    })?;
    let old_src = match std::fs::read_to_string(&target) {
        Ok(s) => Some(s),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(io_err(&target)(e)),
    };
    let existing = match &old_src {
        Some(src) => Some(parse(&target, src)?),
        None => None,
    };
    if let Some(ex) = &existing {
        ensure_same_article(&target, ex, article)?;
    }
    let article_path = match &existing {
        Some(ex) if same_file_as(&target, &ex.article.path, &article.path) => {
            ex.article.path.clone()
        }
        _ => portable_path(&article.path),
    };
    let (file, summary) = merge(existing, article, extraction, article_path);
    let out = to_ron(&file).map_err(|e| StoreError::Serialize {
        path: target.clone(),
        message: e.to_string(),
    })?;
    let unchanged = old_src.as_deref() == Some(out.as_str());
    if !unchanged {
        std::fs::create_dir_all(claims_dir).map_err(io_err(claims_dir))?;
        write_atomic(&target, &out)?;
    }
    Ok(report(&target, &summary, unchanged))
}

/// Refuses to merge into a claims file that belongs to another article with the same
/// file stem (its recorded article exists, is another file and has another hash).
fn ensure_same_article(
    target: &Path,
    existing: &ClaimsFile,
    article: &Article,
) -> Result<(), StoreError> {
    if existing.article.sha256 == article.sha256 {
        return Ok(());
    }
    let Ok(ours) = std::fs::canonicalize(&article.path) else {
        return Ok(());
    };
    for cand in article_candidates(target, &existing.article.path) {
        if let Ok(theirs) = std::fs::canonicalize(&cand) {
            if theirs != ours {
                return Err(StoreError::Other {
                    path: target.to_path_buf(),
                    message: format!(
                        "belongs to another article ({}); refusing to merge {} into it",
                        existing.article.path,
                        article.path.display()
                    ),
                });
            }
            return Ok(());
        }
    }
    Ok(())
}

fn same_file_as(target: &Path, recorded: &str, article: &Path) -> bool {
    let Ok(ours) = std::fs::canonicalize(article) else {
        return false;
    };
    article_candidates(target, recorded)
        .iter()
        .filter_map(|c| std::fs::canonicalize(c).ok())
        .any(|c| c == ours)
}

fn report(target: &Path, s: &MergeSummary, unchanged: bool) -> String {
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("{n} {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let mut parts = Vec::new();
    parts.push(if s.created {
        format!("{} written", plural(s.drafts, "draft", "drafts"))
    } else {
        format!("{} refreshed", plural(s.drafts, "draft", "drafts"))
    });
    if !s.created {
        parts.push(format!(
            "{} kept",
            plural(s.reviewed_kept, "reviewed claim", "reviewed claims")
        ));
    }
    if s.rejected_kept > 0 {
        parts.push(format!(
            "{} kept",
            plural(s.rejected_kept, "rejected claim", "rejected claims")
        ));
    }
    if s.duplicates_dropped > 0 {
        parts.push(format!(
            "{} already reviewed",
            plural(s.duplicates_dropped, "draft", "drafts")
        ));
    }
    parts.push(format!(
        "{}{}",
        plural(s.assertion_drafts, "draft assertion", "draft assertions"),
        if s.assertions_kept > 0 {
            format!(" and {} reviewed", s.assertions_kept)
        } else {
            String::new()
        }
    ));
    let mut out = format!("{}: {}", target.display(), parts.join(", "));
    if unchanged {
        out.push_str(" (file unchanged)");
    }
    for (list, what) in [
        (&s.contradictions, ("claim", "claims")),
        (&s.assertion_contradictions, ("assertion", "assertions")),
    ] {
        if list.is_empty() {
            continue;
        }
        let n = list.len();
        out.push_str(&format!(
            "; {} {} reviewed {} and {} not applied: ",
            plural(n, "draft", "drafts"),
            if n == 1 {
                "contradicts a"
            } else {
                "contradict"
            },
            if n == 1 { what.0 } else { what.1 },
            if n == 1 { "was" } else { "were" },
        ));
        let items: Vec<String> = list
            .iter()
            .map(|c| format!("{} ({}: {})", c.reviewed, c.draft, c.differs))
            .collect();
        out.push_str(&items.join(", "));
    }
    if s.article_changed {
        out.push_str(
            "; the article changed since review: reviewed entries were kept with their old offsets, run `claimtrace check`",
        );
    }
    out.push('.');
    out
}

/// Largest `N` among ids `<prefix>N`.
fn max_number<'a>(ids: impl Iterator<Item = &'a str>, prefix: &str) -> u64 {
    ids.filter_map(|id| id.strip_prefix(prefix))
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|n| n.parse::<u64>().ok())
        .max()
        .unwrap_or(0)
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1 || a == b
}

fn anchor_span(a: &Anchor) -> (usize, usize) {
    (a.start, a.end)
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether a fresh draft sits where a kept claim is (same extent, or overlapping cue or
/// content).
fn claims_overlap(fresh: &Claim, kept: &Claim) -> bool {
    if fresh.extent().is_some() && fresh.extent() == kept.extent() {
        return true;
    }
    if let (Some(a), Some(b)) = (&fresh.cue, &kept.cue) {
        if overlaps(anchor_span(a), anchor_span(b)) {
            return true;
        }
    }
    fresh.content.iter().any(|a| {
        kept.content
            .iter()
            .any(|b| overlaps(anchor_span(a), anchor_span(b)))
    })
}

/// How a fresh draft differs from a kept claim in speaker, content or mode (`None`: agrees).
fn claim_difference(fresh: &Claim, kept: &Claim) -> Option<String> {
    let speaker = |c: &Claim| c.speaker.as_ref().map(|m| m.text.clone());
    let mut diffs = Vec::new();
    if speaker(fresh).map(|s| norm(&s)) != speaker(kept).map(|s| norm(&s)) {
        let show = |s: Option<String>| s.map_or("none".to_owned(), |s| format!("'{}'", short(&s)));
        diffs.push(format!(
            "speaker {} vs {}",
            show(speaker(fresh)),
            show(speaker(kept))
        ));
    }
    if fresh.content != kept.content {
        let spans = |c: &Claim| {
            c.content
                .iter()
                .map(|a| format!("{}..{}", a.start, a.end))
                .collect::<Vec<_>>()
                .join("+")
        };
        diffs.push(format!(
            "content {} vs {}",
            or_none(spans(fresh)),
            or_none(spans(kept))
        ));
    }
    if fresh.mode != kept.mode {
        diffs.push(format!("mode {:?} vs {:?}", fresh.mode, kept.mode).to_lowercase());
    }
    if diffs.is_empty() {
        None
    } else {
        Some(diffs.join(", "))
    }
}

fn or_none(s: String) -> String {
    if s.is_empty() {
        "none".to_owned()
    } else {
        s
    }
}

fn describe_claim(c: &Claim) -> String {
    match (&c.cue, c.extent()) {
        (Some(cue), _) => format!("cue '{}' at {}..{}", short(&cue.text), cue.start, cue.end),
        (None, Some((s, e))) => format!("draft at {s}..{e}"),
        (None, None) => "draft without anchors".to_owned(),
    }
}

/// Where a draft stands: its cue (or, without one, its extent) and the cue's text.
type DraftPlace = (Option<(usize, usize)>, Option<String>);

fn draft_place(c: &Claim) -> DraftPlace {
    match &c.cue {
        Some(cue) => (Some((cue.start, cue.end)), Some(cue.text.clone())),
        None => (c.extent(), None),
    }
}

fn sort_key(c: &Claim) -> (usize, usize) {
    c.extent().unwrap_or((usize::MAX, usize::MAX))
}

/// Merges a fresh extraction into the existing claims file (if any).
///
/// Reviewed and rejected entries are kept as they are; drafts are replaced by the fresh
/// ones, minus those that repeat or contradict a kept entry. Draft ids are renumbered past
/// the largest kept number, in text order.
pub fn merge(
    mut existing: Option<ClaimsFile>,
    article: &Article,
    extraction: &Extraction,
    article_path: String,
) -> (ClaimsFile, MergeSummary) {
    let text = CharText::new(&article.text);
    let mut summary = MergeSummary {
        created: existing.is_none(),
        ..MergeSummary::default()
    };
    let old_figures = existing
        .as_mut()
        .map(|f| std::mem::take(&mut f.figures))
        .unwrap_or_default();
    let (old_meta, old_ref, old_speakers, old_claims, old_assertions) = match existing {
        Some(f) => (
            f.metadata,
            Some(f.article),
            f.speakers,
            f.claims,
            f.assertions,
        ),
        None => (
            Metadata::default(),
            None,
            Vec::new(),
            Vec::new(),
            Vec::new(),
        ),
    };

    // Kept claims and the speakers they refer to.
    let (kept, old_drafts): (Vec<StoredClaim>, Vec<StoredClaim>) =
        old_claims.into_iter().partition(|c| !c.status.is_draft());
    summary.reviewed_kept = kept.iter().filter(|c| c.status == Status::Reviewed).count();
    summary.rejected_kept = kept.iter().filter(|c| c.status == Status::Rejected).count();
    let referenced: HashSet<&str> = kept
        .iter()
        .filter_map(|c| c.claim.speaker.as_ref()?.entity.as_deref())
        .collect();
    let mut speakers: Vec<Speaker> = old_speakers
        .into_iter()
        .filter(|s| referenced.contains(s.id.as_str()))
        .collect();

    // Fresh speakers: merged by name into kept ones, renamed on an id collision.
    let mut speaker_map: HashMap<String, String> = HashMap::new();
    let mut used: HashSet<String> = speakers.iter().map(|s| s.id.clone()).collect();
    let mut next_speaker = max_number(used.iter().map(String::as_str), "s");
    let kept_speaker_count = speakers.len();
    for fresh in &extraction.speakers {
        let name = norm(&fresh.name);
        let kept_speakers = &speakers[..kept_speaker_count];
        let same = kept_speakers
            .iter()
            .find(|k| norm(&k.name) == name)
            .or_else(|| {
                kept_speakers
                    .iter()
                    .find(|k| k.aliases.iter().any(|a| norm(a) == name))
            });
        if let Some(k) = same {
            speaker_map.insert(fresh.id.clone(), k.id.clone());
            continue;
        }
        let mut s = fresh.clone();
        if used.contains(&s.id) {
            loop {
                next_speaker += 1;
                let id = format!("s{next_speaker}");
                if !used.contains(&id) {
                    s.id = id;
                    break;
                }
            }
        } else if let Some(n) = s.id.strip_prefix('s').and_then(|n| n.parse::<u64>().ok()) {
            next_speaker = next_speaker.max(n);
        }
        speaker_map.insert(fresh.id.clone(), s.id.clone());
        used.insert(s.id.clone());
        speakers.push(s);
    }

    // Fresh claims.
    let mut fresh: Vec<&Claim> = extraction.claims.iter().collect();
    fresh.sort_by_key(|c| sort_key(c));
    let mut claim_map: HashMap<String, String> = HashMap::new();
    let mut drafts: Vec<Claim> = Vec::new();
    // Kept claims where they are now, should the article have changed.
    let views: Vec<Claim> = kept.iter().map(|k| current_claim(k, &text)).collect();
    for c in fresh {
        let overlapping: Vec<&Claim> = views.iter().filter(|k| claims_overlap(c, k)).collect();
        if let Some(dup) = overlapping
            .iter()
            .find(|k| claim_difference(c, k).is_none())
        {
            summary.duplicates_dropped += 1;
            claim_map.insert(c.id.clone(), dup.id.clone());
            continue;
        }
        if let Some(k) = overlapping.first() {
            summary.contradictions.push(Contradiction {
                reviewed: k.id.clone(),
                draft: describe_claim(c),
                differs: claim_difference(c, k).unwrap_or_default(),
            });
            claim_map.insert(c.id.clone(), k.id.clone());
            continue;
        }
        drafts.push(c.clone());
    }
    // A draft found again where it was keeps its id, so that an editor's notes ("c7 is
    // wrong") and a half-done review still point at it; new drafts are numbered past every
    // id the file had.
    let by_place: HashMap<DraftPlace, &str> = old_drafts
        .iter()
        .map(|c| (draft_place(&c.claim), c.claim.id.as_str()))
        .collect();
    let mut taken: HashSet<String> = kept.iter().map(|k| k.claim.id.clone()).collect();
    let mut next = max_number(
        kept.iter().chain(&old_drafts).map(|k| k.claim.id.as_str()),
        "c",
    );
    for d in &mut drafts {
        let id = match by_place.get(&draft_place(d)) {
            Some(&old) if !taken.contains(old) => old.to_owned(),
            _ => {
                next += 1;
                format!("c{next}")
            }
        };
        taken.insert(id.clone());
        claim_map.insert(std::mem::replace(&mut d.id, id.clone()), id);
    }
    let drafts: Vec<StoredClaim> = drafts
        .into_iter()
        .map(|mut c| {
            if let Some(parent) = &c.nested_in {
                if let Some(new) = claim_map.get(parent) {
                    c.nested_in = Some(new.clone());
                }
            }
            if let Some(m) = &mut c.speaker {
                if let Some(e) = &m.entity {
                    if let Some(new) = speaker_map.get(e) {
                        m.entity = Some(new.clone());
                    }
                }
            }
            let selector = match c.extent() {
                Some((s, e)) => text.selector(s, e),
                None => empty_selector(),
            };
            StoredClaim {
                status: Status::Draft,
                note: None,
                claim: c,
                selector,
            }
        })
        .collect();
    summary.drafts = drafts.len();
    let claims = interleave(kept, drafts, |c| sort_key(&c.claim).0);

    // Assertions, by the same rules.
    let (kept_a, old_drafts_a): (Vec<StoredAssertion>, Vec<StoredAssertion>) = old_assertions
        .into_iter()
        .partition(|a| !a.status.is_draft());
    summary.assertions_kept = kept_a.len();
    let mut fresh_a: Vec<&Assertion> = extraction.assertions.iter().collect();
    fresh_a.sort_by_key(|a| (a.start, a.end));
    let mut drafts_a: Vec<Assertion> = Vec::new();
    let views_a: Vec<Assertion> = kept_a.iter().map(|k| current_assertion(k, &text)).collect();
    for a in fresh_a {
        let overlapping: Vec<&Assertion> = views_a
            .iter()
            .filter(|k| overlaps((a.start, a.end), (k.start, k.end)))
            .collect();
        let agrees = |k: &Assertion| {
            k.start == a.start && k.end == a.end && k.text == a.text && k.kind == a.kind
        };
        if overlapping.iter().any(|k| agrees(k)) {
            summary.assertion_duplicates_dropped += 1;
            continue;
        }
        if let Some(k) = overlapping.first() {
            let mut differs = Vec::new();
            if (k.start, k.end) != (a.start, a.end) {
                differs.push(format!(
                    "span {}..{} vs {}..{}",
                    a.start, a.end, k.start, k.end
                ));
            }
            if k.kind != a.kind {
                differs.push(format!("kind {:?} vs {:?}", a.kind, k.kind).to_lowercase());
            }
            if differs.is_empty() {
                differs.push("text differs".to_owned());
            }
            summary.assertion_contradictions.push(Contradiction {
                reviewed: k.id.clone(),
                draft: format!("'{}' at {}..{}", short(&a.text), a.start, a.end),
                differs: differs.join(", "),
            });
            continue;
        }
        drafts_a.push(a.clone());
    }
    // Ids as for claims: an assertion found again at the same span keeps its id.
    let by_span: HashMap<(usize, usize, &str), &str> = old_drafts_a
        .iter()
        .map(|a| {
            let a = &a.assertion;
            ((a.start, a.end, a.text.as_str()), a.id.as_str())
        })
        .collect();
    let mut taken_a: HashSet<String> = kept_a.iter().map(|k| k.assertion.id.clone()).collect();
    let mut next_a = max_number(
        kept_a
            .iter()
            .chain(&old_drafts_a)
            .map(|k| k.assertion.id.as_str()),
        "a",
    );
    let drafts_a: Vec<StoredAssertion> = drafts_a
        .into_iter()
        .map(|mut a| {
            a.id = match by_span.get(&(a.start, a.end, a.text.as_str())) {
                Some(&old) if !taken_a.contains(old) => old.to_owned(),
                _ => {
                    next_a += 1;
                    format!("a{next_a}")
                }
            };
            taken_a.insert(a.id.clone());
            let selector = text.selector(a.start, a.end);
            StoredAssertion {
                status: Status::Draft,
                note: None,
                assertion: a,
                selector,
            }
        })
        .collect();
    summary.assertion_drafts = drafts_a.len();
    let assertions = interleave(kept_a, drafts_a, |a| a.assertion.start);

    // Metadata: fields the file already has win.
    let pick = |old: Option<String>, new: &Option<String>| match old {
        Some(v) if !v.trim().is_empty() => Some(v),
        _ => new.clone(),
    };
    let metadata = Metadata {
        outlet: pick(old_meta.outlet, &article.meta.outlet),
        date: pick(old_meta.date, &article.meta.date),
        title: pick(old_meta.title, &article.meta.title),
        url: pick(old_meta.url, &article.meta.url),
    };

    // The recorded hash is the one the reviewed entries were made against.
    let has_kept = !claims.iter().all(|c| c.status.is_draft())
        || !assertions.iter().all(|a| a.status.is_draft());
    let sha256 = match old_ref {
        Some(r) if has_kept && !r.sha256.is_empty() && r.sha256 != article.sha256 => {
            summary.article_changed = true;
            r.sha256
        }
        _ => article.sha256.clone(),
    };

    let file = ClaimsFile {
        format: FORMAT_VERSION,
        article: ArticleRef {
            path: article_path,
            sha256,
        },
        metadata,
        speakers,
        claims,
        assertions,
        figures: old_figures,
    };
    (file, summary)
}

/// A kept claim where it is in `text` now: shifted by its selector when the text at its
/// offsets no longer matches. Used to compare with fresh drafts; the stored claim is kept
/// as it is.
fn current_claim(k: &StoredClaim, text: &CharText<'_>) -> Claim {
    let mut c = k.claim.clone();
    if let Some((start, end)) = c.extent() {
        if let Some((ns, _)) = exact_move(text, &k.selector, start, end) {
            shift_claim(&mut c, ns as isize - start as isize);
        }
    }
    c
}

fn current_assertion(k: &StoredAssertion, text: &CharText<'_>) -> Assertion {
    let mut a = k.assertion.clone();
    if let Some((ns, _)) = exact_move(text, &k.selector, a.start, a.end) {
        let delta = ns as isize - a.start as isize;
        shift_assertion(&mut a, delta);
    }
    a
}

/// New place of an entry whose selector no longer matches the text at `[start, end)` but
/// is found elsewhere exactly.
fn exact_move(
    text: &CharText<'_>,
    selector: &QuoteSelector,
    start: usize,
    end: usize,
) -> Option<(usize, usize)> {
    if selector.exact.is_empty() || text.slice(start, end) == Some(selector.exact.as_str()) {
        return None;
    }
    match relocate(text, selector, start) {
        Relocation::Exact { start, end } => Some((start, end)),
        _ => None,
    }
}

/// Merges kept entries (in their file order) with drafts (in text order): a draft goes
/// before the first kept entry that starts after it.
fn interleave<T>(kept: Vec<T>, drafts: Vec<T>, key: impl Fn(&T) -> usize) -> Vec<T> {
    let mut out = Vec::with_capacity(kept.len() + drafts.len());
    let mut drafts = drafts.into_iter().peekable();
    for k in kept {
        while let Some(d) = drafts.next_if(|d| key(d) < key(&k)) {
            out.push(d);
        }
        out.push(k);
    }
    out.extend(drafts);
    out
}

// ---------------------------------------------------------------------------------------
// check
// ---------------------------------------------------------------------------------------

/// What `check` found wrong with a claims file.
#[derive(Debug, Clone, PartialEq)]
pub enum FindingKind {
    /// Not valid RON, or does not fit the format (unknown field, missing field, …).
    Syntax,
    /// A `format:` version this tool does not read.
    UnsupportedFormat { found: u32 },
    /// The article is not where `article.path` says.
    ArticleMissing { tried: Vec<PathBuf> },
    /// The article exists but cannot be read as text.
    ArticleUnreadable,
    /// The article's SHA-256 differs from the recorded one.
    ArticleChanged { recorded: String, actual: String },
    /// Two entries (claims, assertions or speakers) share an id.
    DuplicateId { id: String },
    /// A mention's `entity` names no speaker of the file.
    UnknownSpeaker { claim: String, entity: String },
    /// `nested_in` names no claim of the file.
    UnknownNestedIn { claim: String, nested_in: String },
    /// A claim with no speaker, cue or content.
    NoAnchors { claim: String },
    /// An anchor's `text` is not what the article has at its offsets.
    TextMismatch {
        entry: String,
        field: String,
        start: usize,
        end: usize,
        expected: String,
        found: Option<String>,
    },
    /// The anchors are right but the selector's `exact` is not the text of the extent.
    StaleSelector { entry: String },
    /// The entry was found again elsewhere in the article.
    Moved {
        entry: String,
        old: (usize, usize),
        new: (usize, usize),
        /// 1.0 for an exact match; lower for a fuzzy one.
        similarity: f64,
    },
    /// The entry's text is no longer in the article; it is kept in the file.
    Orphan { entry: String, old: (usize, usize) },
}

/// One finding, located in the claims file.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub file: PathBuf,
    /// 1-based line and column (characters) in the claims file.
    pub line: usize,
    pub col: usize,
    pub kind: FindingKind,
    pub message: String,
    /// A rendering with source context and a caret (syntax errors).
    pub detail: Option<String>,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.col,
            self.message
        )
    }
}

/// Where the parts of a claims file's source are (byte offsets), for locating findings.
#[derive(Debug, Default)]
struct SourceMap {
    fields: HashMap<String, usize>,
    elements: HashMap<String, Vec<Range<usize>>>,
}

impl SourceMap {
    /// A light scan of RON source: top-level field names and the elements of top-level lists.
    fn scan(src: &str) -> SourceMap {
        let b = src.as_bytes();
        let mut map = SourceMap::default();
        let mut depth = 0usize;
        let mut field: Option<String> = None;
        let mut list: Option<String> = None;
        let mut element_start: Option<usize> = None;
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            match c {
                b'/' if b.get(i + 1) == Some(&b'/') => {
                    i = src[i..].find('\n').map_or(b.len(), |n| i + n);
                    continue;
                }
                b'/' if b.get(i + 1) == Some(&b'*') => {
                    let mut nest = 0usize;
                    while i < b.len() {
                        if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                            nest += 1;
                            i += 2;
                        } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                            nest -= 1;
                            i += 2;
                            if nest == 0 {
                                break;
                            }
                        } else {
                            i += 1;
                        }
                    }
                    continue;
                }
                b'"' => {
                    i = skip_quoted(b, i, b'"');
                    continue;
                }
                b'\'' => {
                    i = skip_quoted(b, i, b'\'');
                    continue;
                }
                b'r' if (i == 0 || !is_ident(b[i - 1]))
                    && matches!(b.get(i + 1), Some(b'"') | Some(b'#')) =>
                {
                    let mut j = i + 1;
                    while b.get(j) == Some(&b'#') {
                        j += 1;
                    }
                    if b.get(j) == Some(&b'"') {
                        let hashes = j - i - 1;
                        let mut closing = String::from("\"");
                        closing.push_str(&"#".repeat(hashes));
                        i = src[j + 1..]
                            .find(&closing)
                            .map_or(b.len(), |n| j + 1 + n + closing.len());
                        continue;
                    }
                    i += 1;
                    continue;
                }
                b'(' | b'[' | b'{' => {
                    depth += 1;
                    if depth == 2 && c == b'[' {
                        list = field.clone();
                    }
                    if depth == 3 && list.is_some() && element_start.is_none() {
                        element_start = Some(i);
                    }
                }
                b')' | b']' | b'}' => {
                    if depth == 3 {
                        if let (Some(l), Some(s)) = (&list, element_start.take()) {
                            map.elements.entry(l.clone()).or_default().push(s..i + 1);
                        }
                    }
                    if depth == 2 {
                        list = None;
                    }
                    depth = depth.saturating_sub(1);
                }
                _ if is_ident_start(c) => {
                    let start = i;
                    while i < b.len() && is_ident(b[i]) {
                        i += 1;
                    }
                    if depth == 1 {
                        let rest = src[i..].trim_start();
                        if rest.starts_with(':') && !rest.starts_with("::") {
                            let name = src[start..i].to_owned();
                            map.fields.entry(name.clone()).or_insert(start);
                            field = Some(name);
                        }
                    }
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
        map
    }

    fn element(&self, list: &str, index: usize) -> Option<Range<usize>> {
        self.elements.get(list)?.get(index).cloned()
    }
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

fn skip_quoted(b: &[u8], open: usize, quote: u8) -> usize {
    let mut i = open + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// Builds findings for one file, locating them in its source.
struct Findings<'a> {
    path: &'a Path,
    src: &'a str,
    map: SourceMap,
    out: Vec<Finding>,
}

impl<'a> Findings<'a> {
    fn push_at(&mut self, byte: usize, kind: FindingKind, message: String) {
        let (line, col) = byte_to_pos(self.src, byte);
        self.out.push(Finding {
            file: self.path.to_path_buf(),
            line,
            col,
            kind,
            message,
            detail: None,
        });
    }

    /// Offset of the first `needle` inside element `index` of list `list` (the element's
    /// start if absent; the file's start if the element cannot be found).
    fn locate(&self, list: &str, index: usize, needles: &[&str]) -> usize {
        let Some(r) = self.map.element(list, index) else {
            return self.map.fields.get(list).copied().unwrap_or(0);
        };
        let hay = &self.src[r.clone()];
        needles
            .iter()
            .find_map(|n| hay.find(n))
            .map_or(r.start, |i| r.start + i)
    }

    fn field(&self, name: &str, then: &str) -> usize {
        let Some(&start) = self.map.fields.get(name) else {
            return 0;
        };
        self.src[start..].find(then).map_or(start, |i| start + i)
    }
}

fn quoted(s: &str) -> String {
    format!("\"{s}\"")
}

/// Checks one claims file: syntax, ids, article hash, and every anchor against the
/// article. A file that does not parse gives one [`FindingKind::Syntax`] finding;
/// `Err` only for I/O errors on the claims file itself.
pub fn check_file(path: &Path) -> Result<Vec<Finding>, StoreError> {
    let src = std::fs::read_to_string(path).map_err(io_err(path))?;
    Ok(check_source(path, &src, None))
}

/// Checks claims-file source. `article` overrides loading the article from the recorded
/// path (tests, or callers that have it at hand).
pub fn check_source(path: &Path, src: &str, article: Option<&Article>) -> Vec<Finding> {
    let mut f = Findings {
        path,
        src,
        map: SourceMap::scan(src),
        out: Vec::new(),
    };
    let file = match parse(path, src) {
        Ok(file) => file,
        Err(StoreError::Syntax(e)) => {
            let detail = render(&*e);
            f.out.push(Finding {
                file: path.to_path_buf(),
                line: e.line,
                col: e.col,
                kind: FindingKind::Syntax,
                message: e.message.clone(),
                detail: Some(detail),
            });
            return f.out;
        }
        Err(StoreError::Version { found, .. }) => {
            let at = f.field("format", "format");
            f.push_at(
                at,
                FindingKind::UnsupportedFormat { found },
                format!("unsupported claims format version {found} (this claimtrace reads version {FORMAT_VERSION})"),
            );
            return f.out;
        }
        Err(other) => {
            f.push_at(0, FindingKind::Syntax, other.to_string());
            return f.out;
        }
    };
    check_ids(&mut f, &file);

    let loaded;
    let article = match article {
        Some(a) => Some(a),
        None => {
            let candidates = article_candidates(path, &file.article.path);
            match candidates.iter().find(|c| c.is_file()) {
                None => {
                    let at = f.field("article", "path");
                    let tried: Vec<String> =
                        candidates.iter().map(|c| c.display().to_string()).collect();
                    f.push_at(
                        at,
                        FindingKind::ArticleMissing {
                            tried: candidates.clone(),
                        },
                        format!(
                            "article not found: {} (tried {})",
                            file.article.path,
                            tried.join(", ")
                        ),
                    );
                    None
                }
                Some(p) => match Article::load(p) {
                    Ok(a) => {
                        loaded = a;
                        Some(&loaded)
                    }
                    Err(e) => {
                        let at = f.field("article", "path");
                        f.push_at(
                            at,
                            FindingKind::ArticleUnreadable,
                            format!("article unreadable: {e}"),
                        );
                        None
                    }
                },
            }
        }
    };
    if let Some(article) = article {
        if file.article.sha256 != article.sha256 {
            let at = f.field("article", "sha256");
            let message = if file.article.sha256.is_empty() {
                format!(
                    "no sha256 recorded for the article; it is now {}",
                    article.sha256
                )
            } else {
                format!(
                    "article changed since review: sha256 was {}, is now {}",
                    file.article.sha256, article.sha256
                )
            };
            f.push_at(
                at,
                FindingKind::ArticleChanged {
                    recorded: file.article.sha256.clone(),
                    actual: article.sha256.clone(),
                },
                message,
            );
        }
        check_anchors(&mut f, &file, article);
    }
    f.out
}

fn check_ids(f: &mut Findings<'_>, file: &ClaimsFile) {
    for (list, ids) in [
        (
            "speakers",
            file.speakers
                .iter()
                .map(|s| s.id.as_str())
                .collect::<Vec<_>>(),
        ),
        (
            "claims",
            file.claims.iter().map(|c| c.claim.id.as_str()).collect(),
        ),
        (
            "assertions",
            file.assertions
                .iter()
                .map(|a| a.assertion.id.as_str())
                .collect(),
        ),
    ] {
        let mut seen: HashSet<&str> = HashSet::new();
        for (i, id) in ids.iter().enumerate() {
            if !seen.insert(id) {
                let at = f.locate(list, i, &[&quoted(id)]);
                let what = &list[..list.len() - 1];
                f.push_at(
                    at,
                    FindingKind::DuplicateId { id: id.to_string() },
                    format!("duplicate {what} id {id}"),
                );
            }
        }
    }
    let speakers: HashSet<&str> = file.speakers.iter().map(|s| s.id.as_str()).collect();
    let claims: HashSet<&str> = file.claims.iter().map(|c| c.claim.id.as_str()).collect();
    for (i, c) in file.claims.iter().enumerate() {
        let id = &c.claim.id;
        if let Some(entity) = c.claim.speaker.as_ref().and_then(|m| m.entity.as_ref()) {
            if !speakers.contains(entity.as_str()) {
                let at = f.locate("claims", i, &["entity"]);
                f.push_at(
                    at,
                    FindingKind::UnknownSpeaker {
                        claim: id.clone(),
                        entity: entity.clone(),
                    },
                    format!("claim {id}: speaker entity {entity} is not among the speakers"),
                );
            }
        }
        if let Some(parent) = &c.claim.nested_in {
            if !claims.contains(parent.as_str()) || parent == id {
                let at = f.locate("claims", i, &["nested_in"]);
                f.push_at(
                    at,
                    FindingKind::UnknownNestedIn {
                        claim: id.clone(),
                        nested_in: parent.clone(),
                    },
                    format!("claim {id}: nested_in {parent} is not another claim of this file"),
                );
            }
        }
    }
}

/// Where an entry's selector is found again in the text.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Relocation {
    Exact {
        start: usize,
        end: usize,
    },
    Fuzzy {
        start: usize,
        end: usize,
        similarity: f64,
    },
    NotFound,
}

/// Finds `selector` in `text` near the old offset `near`: exact occurrences first (the one
/// whose prefix and suffix match best, then the nearest), then the best approximate
/// occurrence with a normalised Levenshtein similarity of at least [`FUZZY_THRESHOLD`].
fn relocate(text: &CharText<'_>, selector: &QuoteSelector, near: usize) -> Relocation {
    if selector.exact.is_empty() {
        return Relocation::NotFound;
    }
    let exact_len = selector.exact.chars().count();
    let mut best: Option<(usize, usize, usize)> = None; // (score, distance, start)
    let mut from = 0;
    while let Some(i) = text.text[from..].find(&selector.exact) {
        let byte = from + i;
        let start = text.char_of_byte(byte);
        let end = start + exact_len;
        let before = text
            .slice(start.saturating_sub(CONTEXT_CHARS * 2), start)
            .unwrap_or("");
        let after = text
            .slice(end, (end + CONTEXT_CHARS * 2).min(text.len()))
            .unwrap_or("");
        let score =
            common_suffix(before, &selector.prefix) + common_prefix(after, &selector.suffix);
        let dist = start.abs_diff(near);
        let better = match best {
            None => true,
            Some((s, d, _)) => score > s || (score == s && dist < d),
        };
        if better {
            best = Some((score, dist, start));
        }
        // Next occurrence may overlap this one.
        let step = text.text[byte..].chars().next().map_or(1, char::len_utf8);
        from = byte + step;
    }
    if let Some((_, _, start)) = best {
        return Relocation::Exact {
            start,
            end: start + exact_len,
        };
    }
    let chars: Vec<char> = text.text.chars().collect();
    let pat: Vec<char> = selector.exact.chars().collect();
    // Bound the work on very long texts: search a window around the old place.
    let (lo, hi) = if chars.len().saturating_mul(pat.len()) > 50_000_000 {
        let reach = 4 * pat.len() + 2000;
        (
            near.saturating_sub(reach).min(chars.len()),
            (near + pat.len() + reach).min(chars.len()),
        )
    } else {
        (0, chars.len())
    };
    if let Some((s, e)) = approx_find(&chars[lo..hi], &pat, near.saturating_sub(lo)) {
        let (start, end) = (s + lo, e + lo);
        let found: String = chars[start..end].iter().collect();
        let similarity = strsim::normalized_levenshtein(&selector.exact, &found);
        if similarity >= FUZZY_THRESHOLD {
            return Relocation::Fuzzy {
                start,
                end,
                similarity,
            };
        }
    }
    Relocation::NotFound
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// The substring of `text` with the smallest edit distance to `pat` (Sellers' algorithm),
/// ties broken by nearness to `near`. Returns `[start, end)` in `text`.
fn approx_find(text: &[char], pat: &[char], near: usize) -> Option<(usize, usize)> {
    let m = pat.len();
    if m == 0 || text.is_empty() {
        return None;
    }
    // cost[i]: edit distance of pat[..i] to the best substring of text ending here;
    // start[i]: where that substring starts.
    let mut cost: Vec<usize> = (0..=m).collect();
    let mut start: Vec<usize> = vec![0; m + 1];
    let mut new_cost = vec![0; m + 1];
    let mut new_start = vec![0; m + 1];
    let mut best: Option<(usize, usize, usize, usize)> = None; // (dist, nearness, start, end)
    for (j, &tc) in text.iter().enumerate() {
        new_cost[0] = 0;
        new_start[0] = j + 1;
        for i in 1..=m {
            let diag = cost[i - 1] + usize::from(pat[i - 1] != tc);
            let left = cost[i] + 1;
            let up = new_cost[i - 1] + 1;
            if diag <= left && diag <= up {
                new_cost[i] = diag;
                new_start[i] = start[i - 1];
            } else if up <= left {
                new_cost[i] = up;
                new_start[i] = new_start[i - 1];
            } else {
                new_cost[i] = left;
                new_start[i] = start[i];
            }
        }
        std::mem::swap(&mut cost, &mut new_cost);
        std::mem::swap(&mut start, &mut new_start);
        let (d, s, e) = (cost[m], start[m], j + 1);
        let nearness = s.abs_diff(near);
        let better = match best {
            None => true,
            Some((bd, bn, _, _)) => d < bd || (d == bd && nearness < bn),
        };
        if better {
            best = Some((d, nearness, s, e));
        }
    }
    best.map(|(_, _, s, e)| (s, e))
}

/// One claim or assertion, as `check` sees it.
struct Entry<'e> {
    /// `claims` or `assertions`, and the index in that list.
    list: &'static str,
    index: usize,
    id: &'e str,
    anchors: Vec<(&'static str, &'e str, usize, usize)>,
    extent: Option<(usize, usize)>,
    selector: &'e QuoteSelector,
}

/// Checks one entry's anchors against the article and re-anchors it when they do not fit.
fn check_entry(f: &mut Findings<'_>, text: &CharText<'_>, entry: &Entry<'_>) {
    let Entry {
        list,
        index,
        id,
        ref anchors,
        extent,
        selector,
    } = *entry;
    let id_at = f.locate(list, index, &[&format!("id: {}", quoted(id)), &quoted(id)]);
    let Some((start, end)) = extent else {
        f.push_at(
            id_at,
            FindingKind::NoAnchors {
                claim: id.to_owned(),
            },
            format!("claim {id} has no speaker, cue or content"),
        );
        return;
    };
    let bad = |delta: isize| -> Vec<(&'static str, &str, usize, usize, Option<&str>)> {
        anchors
            .iter()
            .map(|&(field, t, s, e)| (field, t, shift(s, delta), shift(e, delta)))
            .filter_map(|(field, t, s, e)| {
                let found = text.slice(s, e);
                (found != Some(t)).then_some((field, t, s, e, found))
            })
            .collect()
    };
    let report_bad =
        |f: &mut Findings<'_>, list_bad: Vec<(&'static str, &str, usize, usize, Option<&str>)>| {
            for (field, expected, s, e, found) in list_bad {
                let needle = quoted(&escape_for_search(expected));
                let at = f.locate(list, index, &[&needle, &format!("{field}:")]);
                let message = match found {
                Some(found) => format!(
                    "{id}: {field} text '{}' does not match the article at {s}..{e}, which has '{}'",
                    short(expected),
                    short(found)
                ),
                None => format!(
                    "{id}: {field} at {s}..{e} lies outside the article ({} characters)",
                    text.len()
                ),
            };
                f.push_at(
                    at,
                    FindingKind::TextMismatch {
                        entry: id.to_owned(),
                        field: field.to_owned(),
                        start: s,
                        end: e,
                        expected: expected.to_owned(),
                        found: found.map(str::to_owned),
                    },
                    message,
                );
            }
        };
    let here = bad(0);
    let exact_here =
        !selector.exact.is_empty() && text.slice(start, end) == Some(selector.exact.as_str());
    if exact_here || (selector.exact.is_empty() && !here.is_empty()) {
        report_bad(f, here);
        return;
    }
    if here.is_empty() {
        if !selector.exact.is_empty() {
            let at = f.locate(list, index, &["selector"]);
            f.push_at(
                at,
                FindingKind::StaleSelector { entry: id.to_owned() },
                format!(
                    "{id}: the selector's exact text '{}' is not the text at {start}..{end}; update the selector",
                    short(&selector.exact)
                ),
            );
        }
        return;
    }
    match relocate(text, selector, start) {
        Relocation::Exact { start: ns, end: ne } => {
            let delta = ns as isize - start as isize;
            let shifted = bad(delta);
            f.push_at(
                id_at,
                FindingKind::Moved {
                    entry: id.to_owned(),
                    old: (start, end),
                    new: (ns, ne),
                    similarity: 1.0,
                },
                format!(
                    "{id} moved: was at {start}..{end}, now at {ns}..{ne} (shift every offset by {delta:+})"
                ),
            );
            report_bad(f, shifted);
        }
        Relocation::Fuzzy {
            start: ns,
            end: ne,
            similarity,
        } => {
            f.push_at(
                id_at,
                FindingKind::Moved {
                    entry: id.to_owned(),
                    old: (start, end),
                    new: (ns, ne),
                    similarity,
                },
                format!(
                    "{id} moved and its text changed: was at {start}..{end}, best match now at {ns}..{ne} (similarity {similarity:.2}); review its anchors"
                ),
            );
        }
        Relocation::NotFound => {
            f.push_at(
                id_at,
                FindingKind::Orphan {
                    entry: id.to_owned(),
                    old: (start, end),
                },
                format!(
                    "{id} is orphaned: '{}' (was at {start}..{end}) is no longer in the article; the entry is kept",
                    short(&selector.exact)
                ),
            );
        }
    }
}

/// How a string appears inside a RON string literal (enough to find it in the source).
fn escape_for_search(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
}

fn check_anchors(f: &mut Findings<'_>, file: &ClaimsFile, article: &Article) {
    let text = CharText::new(&article.text);
    for (index, c) in file.claims.iter().enumerate() {
        let entry = Entry {
            list: "claims",
            index,
            id: &c.claim.id,
            anchors: claim_anchors(&c.claim),
            extent: c.claim.extent(),
            selector: &c.selector,
        };
        check_entry(f, &text, &entry);
    }
    for (index, a) in file.assertions.iter().enumerate() {
        let x = &a.assertion;
        let entry = Entry {
            list: "assertions",
            index,
            id: &x.id,
            anchors: assertion_anchors(x),
            extent: Some((x.start, x.end)),
            selector: &a.selector,
        };
        check_entry(f, &text, &entry);
    }
}

/// Renders a diagnostic with its source snippet and a caret, without colour.
fn render(diag: &dyn Diagnostic) -> String {
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_width(100);
    let mut out = String::new();
    if handler.render_report(&mut out, diag).is_err() {
        out = diag.to_string();
    }
    out
}

/// Re-anchors the entries of `file` that moved by an exact match: shifts all their offsets
/// and refreshes their selectors. Fuzzy matches and orphans are left alone. Returns the
/// ids of the entries it moved.
pub fn reanchor(file: &mut ClaimsFile, article: &Article) -> Vec<String> {
    let text = CharText::new(&article.text);
    let mut moved = Vec::new();
    for c in &mut file.claims {
        let Some((start, end)) = c.claim.extent() else {
            continue;
        };
        if let Some((ns, ne)) = exact_move(&text, &c.selector, start, end) {
            shift_claim(&mut c.claim, ns as isize - start as isize);
            c.selector = text.selector(ns, ne);
            moved.push(c.claim.id.clone());
        }
    }
    for a in &mut file.assertions {
        let (start, end) = (a.assertion.start, a.assertion.end);
        if let Some((ns, ne)) = exact_move(&text, &a.selector, start, end) {
            shift_assertion(&mut a.assertion, ns as isize - start as isize);
            a.selector = text.selector(ns, ne);
            moved.push(a.assertion.id.clone());
        }
    }
    moved
}

/// Expands files and directories into the claims files under them (`*.ron`, sorted).
fn collect_claims(paths: &[PathBuf], claims_dir: &Path) -> Result<Vec<PathBuf>, Report> {
    let default = [claims_dir.to_path_buf()];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    // Articles stand for their claims files: `check seeds/` checks the claims of the
    // articles there, `check claims/` the claims files themselves.
    let is_article = |p: &PathBuf| p.is_file() && p.extension().is_some_and(|e| e == "txt");
    let others: Vec<PathBuf> = paths.iter().filter(|p| !is_article(p)).cloned().collect();
    let mut out = crate::cli::collect_files(&others, "ron")?;
    for article in crate::cli::collect_files(paths, "txt")? {
        match claims_path(claims_dir, &article) {
            Some(c) if c.is_file() && !out.contains(&c) => out.push(c),
            Some(c) if c.is_file() => {}
            _ if paths.iter().any(|p| p == &article) => {
                return Err(miette::miette!(
                    "{}: no claims file for this article in {} (write one with `claimtrace extract --write`)",
                    article.display(),
                    claims_dir.display()
                ));
            }
            _ => {}
        }
    }
    Ok(out)
}

/// `claimtrace check [PATHS]`: prints findings to stdout, one per line; exit 0 when clean,
/// 1 with findings; `Err` (exit 2) for a missing path or an unreadable claims file.
pub fn run_check(paths: &[PathBuf], claims_dir: &Path) -> Result<ExitCode, Report> {
    let files = collect_claims(paths, claims_dir)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut total = 0;
    let mut with_findings = 0;
    for file in &files {
        let findings = check_file(file).map_err(StoreError::into_report)?;
        if !findings.is_empty() {
            with_findings += 1;
        }
        total += findings.len();
        for finding in findings {
            let io = |e: std::io::Error| miette::miette!("cannot write to stdout: {e}");
            writeln!(out, "{finding}").map_err(io)?;
            if let Some(detail) = &finding.detail {
                writeln!(out, "{}", detail.trim_end()).map_err(io)?;
            }
        }
    }
    out.flush()
        .map_err(|e| miette::miette!("cannot write to stdout: {e}"))?;
    let n = files.len();
    let files_word = if n == 1 { "file" } else { "files" };
    if total == 0 {
        eprintln!("checked {n} claims {files_word}: no findings");
        Ok(ExitCode::SUCCESS)
    } else {
        let plural = if total == 1 { "" } else { "s" };
        if n == 1 {
            eprintln!("checked 1 claims file: {total} finding{plural}");
        } else {
            eprintln!(
                "checked {n} claims files: {total} finding{plural} in {with_findings} of them"
            );
        }
        Ok(ExitCode::from(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AssertionKind, Channel, Mention, Mode, SpeakerKind};

    const TEXT: &str = "Harbour plan stalls\n\nMarch 3, 2024\n\nPORTVILLE — The harbour expansion will be delayed by two years, Mayor Ada Quill said on Monday.\n\n“We need more time to study the tides,” Quill told the Portville Gazette.\n\nOfficials said the cost had risen to 40 million dollars.\n\nThe port handled 3 million tonnes last year.\n";

    /// Code-point span of `needle` inside the first occurrence of `context` in `text`.
    fn span_in(text: &str, context: &str, needle: &str) -> (usize, usize) {
        let c = text.find(context).expect("context in text");
        let b = c + context.find(needle).expect("needle in context");
        let s = text[..b].chars().count();
        (s, s + needle.chars().count())
    }

    fn anchor_in(text: &str, context: &str, needle: &str) -> Anchor {
        let (start, end) = span_in(text, context, needle);
        Anchor {
            text: needle.to_owned(),
            start,
            end,
        }
    }

    fn anchor(text: &str, needle: &str) -> Anchor {
        anchor_in(text, needle, needle)
    }

    fn mention(text: &str, context: &str, needle: &str, entity: &str) -> Mention {
        let a = anchor_in(text, context, needle);
        Mention {
            text: a.text,
            start: a.start,
            end: a.end,
            entity: Some(entity.to_owned()),
        }
    }

    fn claim(id: &str, speaker: Mention, cue: Anchor, content: Vec<Anchor>, mode: Mode) -> Claim {
        Claim {
            id: id.to_owned(),
            speaker: Some(speaker),
            cue: Some(cue),
            content,
            channel: None,
            mode,
            anonymity: None,
            hedges: Vec::new(),
            rule: "test".to_owned(),
            nested_in: None,
        }
    }

    fn speaker(id: &str, name: &str, kind: SpeakerKind) -> Speaker {
        Speaker {
            id: id.to_owned(),
            name: name.to_owned(),
            kind,
            aliases: Vec::new(),
            speaks_for: None,
        }
    }

    fn extraction(t: &str) -> Extraction {
        let c1 = claim(
            "c1",
            mention(t, "Mayor Ada Quill said", "Mayor Ada Quill", "s1"),
            anchor_in(t, "Quill said", "said"),
            vec![anchor(
                t,
                "The harbour expansion will be delayed by two years",
            )],
            Mode::Indirect,
        );
        let mut c2 = claim(
            "c2",
            mention(t, "Quill told", "Quill", "s1"),
            anchor(t, "told"),
            vec![anchor(t, "“We need more time to study the tides,”")],
            Mode::Direct,
        );
        let gazette = anchor(t, "the Portville Gazette");
        c2.channel = Some(Channel {
            name: "Portville Gazette".to_owned(),
            text: gazette.text,
            start: gazette.start,
            end: gazette.end,
        });
        let c3 = claim(
            "c3",
            mention(t, "Officials said", "Officials", "s2"),
            anchor_in(t, "Officials said", "said"),
            vec![anchor(t, "the cost had risen to 40 million dollars")],
            Mode::Indirect,
        );
        let sentence = anchor(t, "The port handled 3 million tonnes last year.");
        let a1 = Assertion {
            id: "a1".to_owned(),
            text: sentence.text,
            start: sentence.start,
            end: sentence.end,
            kind: AssertionKind::Figure,
            trigger: anchor(t, "3 million tonnes"),
            rule: "test".to_owned(),
        };
        Extraction {
            claims: vec![c1, c2, c3],
            speakers: vec![
                speaker("s1", "Ada Quill", SpeakerKind::Person),
                speaker("s2", "Officials", SpeakerKind::Group),
            ],
            assertions: vec![a1],
        }
    }

    fn article(text: &str) -> Article {
        Article::from_str(Path::new("news/harbour.txt"), text)
    }

    fn fresh_file(text: &str) -> (ClaimsFile, String) {
        let art = article(text);
        let (file, _) = merge(None, &art, &extraction(text), "news/harbour.txt".to_owned());
        let src = to_ron(&file).expect("serialises");
        (file, src)
    }

    fn check_with(src: &str, text: &str) -> Vec<Finding> {
        check_source(Path::new("claims/harbour.ron"), src, Some(&article(text)))
    }

    /// The source text of the element of `list` whose id is `id`.
    fn element<'a>(src: &'a str, list: &str, id: &str) -> &'a str {
        let map = SourceMap::scan(src);
        map.elements[list]
            .iter()
            .map(|r| &src[r.clone()])
            .find(|e| e.contains(&format!("id: \"{id}\"")))
            .expect("element present")
    }

    fn on_disk(dir: &Path, text: &str) -> Article {
        let path = dir.join("news").join("harbour.txt");
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write article");
        Article::load(&path).expect("loads")
    }

    #[test]
    fn round_trip_is_identity_and_deterministic() {
        let (file, src) = fresh_file(TEXT);
        assert_eq!(file.format, FORMAT_VERSION);
        assert_eq!(file.claims.len(), 3);
        assert!(file.claims.iter().all(|c| c.status == Status::Draft));
        let back = parse(Path::new("x.ron"), &src).expect("parses");
        assert_eq!(back, file);
        assert_eq!(to_ron(&back).expect("serialises"), src);
        assert!(
            check_with(&src, TEXT).is_empty(),
            "{:?}",
            check_with(&src, TEXT)
        );
    }

    #[test]
    fn output_is_readable() {
        let (_, src) = fresh_file(TEXT);
        assert!(src.starts_with("#![enable(implicit_some)]\n("), "{src}");
        assert!(src.contains("status: draft,"), "{src}");
        // Anchors and mentions on one line each, no `Some(...)` wrappers.
        let (s, e) = span_in(TEXT, "Mayor Ada Quill", "Mayor Ada Quill");
        // Code points, not bytes: the em dash before it counts as one (byte offset 102).
        assert_eq!((s, e), (100, 115));
        assert!(
            src.contains(
                "speaker: (text: \"Mayor Ada Quill\", start: 100, end: 115, entity: \"s1\"),"
            ),
            "{src}"
        );
        assert!(
            src.contains("cue: (text: \"said\", start: 116, end: 120),"),
            "{src}"
        );
        assert!(!src.contains("Some("), "{src}");
        // Code-point offsets: the em dash before the claim is one character.
        let (file, _) = fresh_file(TEXT);
        let c1 = &file.claims[0];
        assert_eq!(
            c1.selector.exact,
            "The harbour expansion will be delayed by two years, Mayor Ada Quill said"
        );
        assert_eq!(c1.selector.prefix.chars().count(), CONTEXT_CHARS);
        assert!(c1.selector.prefix.ends_with("PORTVILLE — "));
        assert_eq!(c1.selector.suffix, " on Monday.\n\n“We need more time ");
    }

    #[test]
    fn selectors_clip_at_the_edges() {
        let text = CharText::new("é said x");
        let s = text.selector(0, 1);
        assert_eq!(
            (s.exact.as_str(), s.prefix.as_str(), s.suffix.as_str()),
            ("é", "", " said x")
        );
        let s = text.selector(7, 8);
        assert_eq!(
            (s.exact.as_str(), s.prefix.as_str(), s.suffix.as_str()),
            ("x", "é said ", "")
        );
    }

    #[test]
    fn write_draft_twice_is_byte_identical() {
        let dir = tempfile::tempdir().expect("tempdir");
        let art = on_disk(dir.path(), TEXT);
        let claims = dir.path().join("claims");
        let ex = extraction(&art.text);
        let r1 = write_draft(&claims, &art, &ex).expect("first write");
        assert!(r1.contains("3 drafts written"), "{r1}");
        let path = claims.join("harbour.ron");
        let first = std::fs::read(&path).expect("written");
        let r2 = write_draft(&claims, &art, &ex).expect("second write");
        assert!(r2.contains("file unchanged"), "{r2}");
        assert_eq!(std::fs::read(&path).expect("still there"), first);
        // Nothing but the claims file in the directory (no temporary files left).
        let names: Vec<_> = std::fs::read_dir(&claims).expect("dir").collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn reviewed_claims_survive_and_contradicting_drafts_are_reported() {
        let dir = tempfile::tempdir().expect("tempdir");
        let art = on_disk(dir.path(), TEXT);
        let claims = dir.path().join("claims");
        let path = claims.join("harbour.ron");
        write_draft(&claims, &art, &extraction(&art.text)).expect("first write");

        // The editor reviews c1 (with a note and a hand-edited hedge) and c3, renames the
        // mayor's speaker entry and fixes the title.
        let mut file = load(&path).expect("loads");
        file.claims[0].status = Status::Reviewed;
        file.claims[0].note = Some("checked against the council minutes".to_owned());
        file.claims[0].claim.hedges = vec![anchor(TEXT, "will be delayed")];
        file.claims[2].status = Status::Reviewed;
        file.speakers[0].name = "Mayor Ada Quill".to_owned();
        file.speakers[0].aliases = vec!["Ada Quill".to_owned(), "Quill".to_owned()];
        file.metadata.title = Some("Harbour plan stalls (edited)".to_owned());
        let reviewed_src = to_ron(&file).expect("serialises");
        std::fs::write(&path, &reviewed_src).expect("write");

        // Fresh extraction: c1 unchanged (a duplicate), c2 now mixed, c3 with a shorter
        // content (contradicts the reviewed c3), and one new claim found by the extractor.
        let mut ex = extraction(TEXT);
        ex.claims[1].mode = Mode::Mixed;
        ex.claims[2].content = vec![anchor(TEXT, "the cost had risen")];
        ex.speakers[1].id = "s9".to_owned();
        ex.claims[2]
            .speaker
            .as_mut()
            .and_then(|m| m.entity.replace("s9".to_owned()));
        let report = write_draft(&claims, &art, &ex).expect("second write");
        assert!(report.contains("1 draft refreshed"), "{report}");
        assert!(report.contains("2 reviewed claims kept"), "{report}");
        assert!(
            report.contains("1 draft contradicts a reviewed claim"),
            "{report}"
        );
        assert!(report.contains("c3 (cue 'said' at"), "{report}");
        assert!(report.contains("content"), "{report}");

        let new_src = std::fs::read_to_string(&path).expect("read");
        let new = load(&path).expect("loads");
        // Reviewed sections byte for byte.
        for id in ["c1", "c3"] {
            assert_eq!(
                element(&new_src, "claims", id),
                element(&reviewed_src, "claims", id)
            );
        }
        assert_eq!(
            element(&new_src, "speakers", "s1"),
            element(&reviewed_src, "speakers", "s1")
        );
        // The contradicting draft was not applied; the other draft, found again at its
        // place, keeps its id.
        let ids: Vec<(&str, Status)> = new
            .claims
            .iter()
            .map(|c| (c.claim.id.as_str(), c.status))
            .collect();
        assert_eq!(
            ids,
            [
                ("c1", Status::Reviewed),
                ("c2", Status::Draft),
                ("c3", Status::Reviewed)
            ]
        );
        let c4 = &new.claims[1].claim;
        assert_eq!(c4.mode, Mode::Mixed);
        // Its speaker merged into the reviewed entity by alias.
        assert_eq!(
            c4.speaker.as_ref().and_then(|m| m.entity.as_deref()),
            Some("s1")
        );
        assert_eq!(new.speakers.len(), 2, "{:?}", new.speakers);
        assert_eq!(
            new.metadata.title.as_deref(),
            Some("Harbour plan stalls (edited)")
        );
        assert_eq!(new.metadata.date.as_deref(), Some("2024-03-03"));
        assert!(check_file_with(&path, &art).is_empty());

        // And once more: stable.
        write_draft(&claims, &art, &ex).expect("third write");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), new_src);
    }

    #[test]
    fn article_edit_keeps_reviewed_offsets_and_recognises_their_drafts() {
        let art = article(TEXT);
        let (mut file, _) = merge(None, &art, &extraction(TEXT), "p".to_owned());
        for c in &mut file.claims {
            c.status = Status::Reviewed;
        }
        let before = file.clone();
        let edited = TEXT.replacen("March 3, 2024\n\n", "March 3, 2024\n\nCorrected.\n\n", 1);
        let new_art = article(&edited);
        let (merged, summary) = merge(Some(file), &new_art, &extraction(&edited), "p".to_owned());
        // The moved drafts are recognised as the reviewed claims, which keep their offsets.
        assert_eq!(summary.duplicates_dropped, 3);
        assert_eq!(summary.drafts, 0);
        assert!(summary.contradictions.is_empty(), "{summary:?}");
        assert!(summary.article_changed);
        assert_eq!(merged.claims, before.claims);
        assert_eq!(merged.article.sha256, art.sha256);
        // The assertion was a draft: it is refreshed at its new place.
        assert_eq!(
            merged.assertions[0].assertion.start,
            before.assertions[0].assertion.start + 12
        );
    }

    fn check_file_with(path: &Path, art: &Article) -> Vec<Finding> {
        let src = std::fs::read_to_string(path).expect("read");
        check_source(path, &src, Some(art))
    }

    #[test]
    fn rejected_claims_suppress_their_draft() {
        let art = article(TEXT);
        let (mut file, _) = merge(None, &art, &extraction(TEXT), "news/harbour.txt".to_owned());
        file.claims[1].status = Status::Rejected;
        let (merged, summary) = merge(
            Some(file),
            &art,
            &extraction(TEXT),
            "news/harbour.txt".to_owned(),
        );
        assert_eq!(summary.rejected_kept, 1);
        assert_eq!(summary.duplicates_dropped, 1);
        assert_eq!(merged.claims.len(), 3);
        assert_eq!(merged.claims.iter().filter(|c| !c.is_claim()).count(), 1);
    }

    #[test]
    fn fresh_speakers_with_colliding_ids_are_renumbered() {
        let art = article(TEXT);
        let (mut file, _) = merge(None, &art, &extraction(TEXT), "news/harbour.txt".to_owned());
        // Reviewed c3 refers to s2, which the editor renamed; the fresh extraction calls
        // the officials s1 and the mayor s2.
        file.claims[2].status = Status::Reviewed;
        file.speakers[1].name = "City officials".to_owned();
        let mut ex = extraction(TEXT);
        ex.speakers = vec![
            speaker("s1", "Officials", SpeakerKind::Group),
            speaker("s2", "Ada Quill", SpeakerKind::Person),
        ];
        for c in &mut ex.claims {
            if let Some(m) = &mut c.speaker {
                m.entity = Some(if m.text == "Officials" { "s1" } else { "s2" }.to_owned());
            }
        }
        let (merged, _) = merge(Some(file), &art, &ex, "news/harbour.txt".to_owned());
        let names: Vec<(&str, &str)> = merged
            .speakers
            .iter()
            .map(|s| (s.id.as_str(), s.name.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("s2", "City officials"),
                ("s1", "Officials"),
                ("s3", "Ada Quill")
            ]
        );
        let entities: Vec<Option<&str>> = merged
            .claims
            .iter()
            .map(|c| c.claim.speaker.as_ref().and_then(|m| m.entity.as_deref()))
            .collect();
        assert_eq!(entities, [Some("s3"), Some("s3"), Some("s2")]);
    }

    #[test]
    fn nested_in_follows_renumbering() {
        let art = article(TEXT);
        let mut ex = extraction(TEXT);
        ex.claims[2].nested_in = Some("c2".to_owned());
        let (mut file, _) = merge(None, &art, &ex, "p".to_owned());
        file.claims[0].status = Status::Reviewed;
        file.claims[0].claim.id = "c10".to_owned();
        // The drafts keep their ids; a fresh extraction's own numbering is mapped onto them.
        let mut fresh = ex.clone();
        for (c, id) in fresh.claims.iter_mut().zip(["x1", "x2", "x3"]) {
            c.id = id.to_owned();
        }
        fresh.claims[2].nested_in = Some("x2".to_owned());
        let (merged, _) = merge(Some(file), &art, &fresh, "p".to_owned());
        let ids: Vec<&str> = merged.claims.iter().map(|c| c.claim.id.as_str()).collect();
        assert_eq!(ids, ["c10", "c2", "c3"]);
        assert_eq!(merged.claims[2].claim.nested_in.as_deref(), Some("c2"));
    }

    #[test]
    fn draft_ids_survive_a_review_and_new_drafts_are_numbered_past_them() {
        let art = article(TEXT);
        let ex = extraction(TEXT);
        let (mut file, _) = merge(None, &art, &ex, "p".to_owned());
        let ids = |f: &ClaimsFile| -> Vec<String> {
            f.claims.iter().map(|c| c.claim.id.clone()).collect()
        };
        assert_eq!(ids(&file), ["c1", "c2", "c3"]);
        // Reviewing the middle claim moves no draft's id.
        file.claims[1].status = Status::Reviewed;
        let (file, _) = merge(Some(file), &art, &ex, "p".to_owned());
        assert_eq!(ids(&file), ["c1", "c2", "c3"]);
        // The first claim drops out of an extraction, then comes back: by then its id is
        // gone from the file, and it is numbered past every id the file had.
        let mut without = ex.clone();
        without.claims.remove(0);
        let (file, _) = merge(Some(file), &art, &without, "p".to_owned());
        assert_eq!(ids(&file), ["c2", "c3"]);
        let (file, _) = merge(Some(file), &art, &ex, "p".to_owned());
        assert_eq!(ids(&file), ["c4", "c2", "c3"]);
    }

    #[test]
    fn unparsable_file_is_an_error_and_left_untouched() {
        let dir = tempfile::tempdir().expect("tempdir");
        let art = on_disk(dir.path(), TEXT);
        let claims = dir.path().join("claims");
        std::fs::create_dir_all(&claims).expect("mkdir");
        let path = claims.join("harbour.ron");
        let broken =
            "(\n    format: 1,\n    article: (path: \"news/harbour.txt\" sha256: \"\"),\n)\n";
        std::fs::write(&path, broken).expect("write");
        let err = write_draft(&claims, &art, &extraction(TEXT)).expect_err("must fail");
        let msg = format!("{err}");
        assert!(msg.contains("harbour.ron:3:"), "{msg}");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), broken);
    }

    #[test]
    fn syntax_error_is_a_finding_with_a_caret() {
        let (_, src) = fresh_file(TEXT);
        // Drop the comma after `status: draft` in the second claim.
        let at = src
            .match_indices("status: draft,")
            .nth(1)
            .expect("second claim")
            .0;
        let broken = format!(
            "{}status: draft{}",
            &src[..at],
            &src[at + "status: draft,".len()..]
        );
        let findings = check_with(&broken, TEXT);
        assert_eq!(findings.len(), 1, "{findings:?}");
        let f = &findings[0];
        assert_eq!(f.kind, FindingKind::Syntax);
        let (line, _) = byte_to_pos(&broken, at);
        // The parser notices at the next field, on the next line.
        assert_eq!(f.line, line + 1, "{f}");
        let detail = f.detail.as_deref().unwrap_or("");
        assert!(
            detail.contains(&format!("claims/harbour.ron:{}:{}", f.line, f.col)),
            "{detail}"
        );
        assert!(detail.contains('▲') || detail.contains('┬'), "{detail}");
    }

    #[test]
    fn a_string_left_open_is_reported_where_it_opens() {
        let (_, src) = fresh_file(TEXT);
        // Drop the closing quote of the first speaker's name: the parser only stops at
        // the next string, lines later.
        let at = src.find("name: \"").expect("a speaker name") + "name: ".len();
        let close = at + 1 + src[at + 1..].find('"').expect("closing quote");
        let broken = format!("{}{}", &src[..close], &src[close + 1..]);
        let findings = check_with(&broken, TEXT);
        assert_eq!(findings.len(), 1, "{findings:?}");
        let f = &findings[0];
        assert_eq!(f.kind, FindingKind::Syntax);
        assert_eq!((f.line, f.col), byte_to_pos(&broken, at), "{f}");
        assert!(f.to_string().contains("not closed"), "{f}");
        // A well-formed file with a line break inside a string is not taken for one.
        assert_eq!(unclosed_string_before("(a: \"x\ny\", b: 1)", 12), None);
        assert_eq!(unclosed_string_before("(a: \"x\n  b: \"y\")", 13), Some(4));
    }

    #[test]
    fn unknown_field_is_named_with_its_position() {
        let (_, src) = fresh_file(TEXT);
        let at = src.find("mode: direct").expect("mode field");
        let broken = format!("{}mood{}", &src[..at], &src[at + 4..]);
        let findings = check_with(&broken, TEXT);
        assert_eq!(findings.len(), 1, "{findings:?}");
        let f = &findings[0];
        assert!(f.message.contains("mood"), "{f}");
        assert_eq!((f.line, f.col), byte_to_pos(&broken, at), "{f}");
        let err = parse(Path::new("h.ron"), &broken).expect_err("unknown field");
        assert!(
            err.to_string()
                .starts_with(&format!("h.ron:{}:{}:", f.line, f.col)),
            "{err}"
        );
    }

    #[test]
    fn wrong_version_is_refused() {
        let (_, src) = fresh_file(TEXT);
        let broken = src.replacen("format: 1,", "format: 7,", 1);
        assert!(matches!(
            parse(Path::new("h.ron"), &broken),
            Err(StoreError::Version { found: 7, .. })
        ));
        let findings = check_with(&broken, TEXT);
        assert!(matches!(
            findings[0].kind,
            FindingKind::UnsupportedFormat { found: 7 }
        ));
    }

    #[test]
    fn inserted_text_moves_claims() {
        let (file, src) = fresh_file(TEXT);
        let inserted = "UPDATE — this story was corrected.\n\n";
        let edited = TEXT.replacen(
            "March 3, 2024\n\n",
            &format!("March 3, 2024\n\n{inserted}"),
            1,
        );
        let n = inserted.chars().count();
        let findings = check_with(&src, &edited);
        assert!(matches!(
            findings[0].kind,
            FindingKind::ArticleChanged { .. }
        ));
        assert!(findings[0].message.contains("article changed since review"));
        let moved: Vec<_> = findings
            .iter()
            .filter_map(|f| match &f.kind {
                FindingKind::Moved {
                    entry,
                    old,
                    new,
                    similarity,
                } => Some((entry.clone(), *old, *new, *similarity)),
                _ => None,
            })
            .collect();
        assert_eq!(moved.len(), 4, "{findings:?}");
        for (id, old, new, similarity) in &moved {
            assert_eq!((new.0, new.1), (old.0 + n, old.1 + n), "{id}");
            assert_eq!(*similarity, 1.0);
        }
        let c1_extent = file.claims[0].claim.extent().expect("extent");
        assert_eq!(moved[0].1, c1_extent);
        assert_eq!(findings.len(), 5, "{findings:?}");

        // Re-anchoring applies the moves; then only the hash remains.
        let mut fixed = file.clone();
        let ids = reanchor(&mut fixed, &article(&edited));
        assert_eq!(ids, ["c1", "c2", "c3", "a1"]);
        let fixed_src = to_ron(&fixed).expect("serialises");
        let rest = check_with(&fixed_src, &edited);
        assert_eq!(rest.len(), 1, "{rest:?}");
        assert!(matches!(rest[0].kind, FindingKind::ArticleChanged { .. }));
    }

    #[test]
    fn deleted_text_makes_an_orphan() {
        let (_, src) = fresh_file(TEXT);
        let edited = TEXT.replacen(
            "Officials said the cost had risen to 40 million dollars.\n\n",
            "",
            1,
        );
        let findings = check_with(&src, &edited);
        let orphans: Vec<&Finding> = findings
            .iter()
            .filter(|f| matches!(f.kind, FindingKind::Orphan { .. }))
            .collect();
        assert_eq!(orphans.len(), 1, "{findings:?}");
        assert!(
            orphans[0].message.contains("c3 is orphaned"),
            "{}",
            orphans[0]
        );
        // Located at c3's id in the file.
        let line = src.lines().nth(orphans[0].line - 1).unwrap_or("");
        assert!(line.contains("id: \"c3\""), "{line}");
        // The assertion after it moved back.
        assert!(findings
            .iter()
            .any(|f| matches!(&f.kind, FindingKind::Moved { entry, .. } if entry == "a1")));
    }

    #[test]
    fn edited_quote_is_found_fuzzily() {
        let (_, src) = fresh_file(TEXT);
        let edited = TEXT.replacen("by two years", "by about two years", 1);
        let findings = check_with(&src, &edited);
        let fuzzy = findings.iter().find_map(|f| match &f.kind {
            FindingKind::Moved {
                entry, similarity, ..
            } if entry == "c1" => Some(*similarity),
            _ => None,
        });
        let s = fuzzy.expect("c1 found again");
        assert!((FUZZY_THRESHOLD..1.0).contains(&s), "{s}");
    }

    #[test]
    fn wrong_quote_text_is_reported() {
        let (mut file, _) = fresh_file(TEXT);
        file.claims[1].claim.content[0].text = "“We need more time,”".to_owned();
        let src = to_ron(&file).expect("serialises");
        let findings = check_with(&src, TEXT);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert!(
            matches!(&findings[0].kind, FindingKind::TextMismatch { entry, field, .. } if entry == "c2" && field == "content")
        );
        let line = src.lines().nth(findings[0].line - 1).unwrap_or("");
        assert!(line.contains("We need more time,"), "{line}");
    }

    #[test]
    fn stale_selector_is_reported() {
        let (mut file, _) = fresh_file(TEXT);
        file.claims[0].selector.exact = "something else".to_owned();
        let src = to_ron(&file).expect("serialises");
        let findings = check_with(&src, TEXT);
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert!(matches!(
            findings[0].kind,
            FindingKind::StaleSelector { .. }
        ));
    }

    #[test]
    fn id_problems_are_findings() {
        let (mut file, _) = fresh_file(TEXT);
        file.claims[1].claim.id = "c1".to_owned();
        if let Some(m) = &mut file.claims[2].claim.speaker {
            m.entity = Some("s9".to_owned());
        }
        file.claims[2].claim.nested_in = Some("c42".to_owned());
        file.speakers[1].id = "s1".to_owned();
        let src = to_ron(&file).expect("serialises");
        let findings = check_with(&src, TEXT);
        let kinds: Vec<&FindingKind> = findings.iter().map(|f| &f.kind).collect();
        assert_eq!(
            kinds,
            [
                &FindingKind::DuplicateId {
                    id: "s1".to_owned()
                },
                &FindingKind::DuplicateId {
                    id: "c1".to_owned()
                },
                &FindingKind::UnknownSpeaker {
                    claim: "c3".to_owned(),
                    entity: "s9".to_owned()
                },
                &FindingKind::UnknownNestedIn {
                    claim: "c3".to_owned(),
                    nested_in: "c42".to_owned()
                },
            ]
        );
        let line = |f: &Finding| src.lines().nth(f.line - 1).unwrap_or("").to_owned();
        assert!(line(&findings[1]).contains("id: \"c1\""));
        assert!(line(&findings[2]).contains("entity: \"s9\""));
        assert!(line(&findings[3]).contains("nested_in: \"c42\""));
    }

    #[test]
    fn short_hand_written_entries_parse() {
        let (s, e) = span_in(TEXT, "Officials said", "Officials");
        let (cs, ce) = span_in(TEXT, "Officials said", "said");
        let src = format!(
            "// written by hand\n(\n  format: 1,\n  article: (path: \"news/harbour.txt\", sha256: \"{}\"),\n  speakers: [(id: \"s1\", name: \"Officials\", kind: group)],\n  claims: [\n    (claim: (id: \"c1\", speaker: (text: \"Officials\", start: {s}, end: {e}, entity: \"s1\"),\n             cue: Some((text: \"said\", start: {cs}, end: {ce})), mode: indirect, rule: \"hand\")),\n  ],\n)\n",
            article(TEXT).sha256
        );
        let file = parse(Path::new("h.ron"), &src).expect("parses");
        assert_eq!(file.claims[0].status, Status::Reviewed);
        assert!(file.claims[0].selector.exact.is_empty());
        assert!(
            check_with(&src, TEXT).is_empty(),
            "{:?}",
            check_with(&src, TEXT)
        );
    }

    #[test]
    fn approx_find_prefers_the_closest_best_match() {
        let text: Vec<char> = "the cat sat. the cot sat. the cat sat.".chars().collect();
        let pat: Vec<char> = "the cat sat".chars().collect();
        assert_eq!(approx_find(&text, &pat, 0), Some((0, 11)));
        assert_eq!(approx_find(&text, &pat, 30), Some((26, 37)));
        let pat: Vec<char> = "the cxt sat".chars().collect();
        let (s, e) = approx_find(&text, &pat, 13).expect("found");
        assert_eq!((s, e), (13, 24));
    }

    #[test]
    fn exact_relocation_uses_context_then_distance() {
        let t = "he said yes. she said yes. he said yes.";
        let text = CharText::new(t);
        let sel = QuoteSelector {
            exact: "said yes".to_owned(),
            prefix: "she ".to_owned(),
            suffix: String::new(),
        };
        assert_eq!(
            relocate(&text, &sel, 0),
            Relocation::Exact { start: 17, end: 25 }
        );
        let sel = QuoteSelector {
            exact: "said yes".to_owned(),
            prefix: String::new(),
            suffix: String::new(),
        };
        assert_eq!(
            relocate(&text, &sel, 40),
            Relocation::Exact { start: 30, end: 38 }
        );
    }

    #[test]
    fn source_map_finds_elements() {
        let src = "#![enable(implicit_some)]\n( // c\n  format: 1, /* ( */ claims: [ (a: \")(\"), (b: r#\"]\"#) ], speakers: [(x: 1)] )";
        let map = SourceMap::scan(src);
        let claims: Vec<&str> = map.elements["claims"]
            .iter()
            .map(|r| &src[r.clone()])
            .collect();
        assert_eq!(claims, ["(a: \")(\")", "(b: r#\"]\"#)"]);
        assert_eq!(map.elements["speakers"].len(), 1);
        assert!(map.fields.contains_key("format"));
    }

    #[test]
    fn positions_round_trip() {
        let src = "ab\né“x\n\nz";
        for (b, _) in src.char_indices() {
            let (l, c) = byte_to_pos(src, b);
            assert_eq!(pos_to_byte(src, l, c), b);
        }
    }

    #[test]
    fn portable_paths_use_forward_slashes() {
        assert_eq!(portable_path(Path::new("./seeds/a.txt")), "seeds/a.txt");
        assert_eq!(portable_path(Path::new("../x/a.txt")), "../x/a.txt");
        let cwd = std::env::current_dir().expect("cwd");
        assert_eq!(
            portable_path(&cwd.join("seeds").join("a.txt")),
            "seeds/a.txt"
        );
    }

    proptest::proptest! {
        #[test]
        fn any_text_round_trips(note in "\\PC*", exact in ".*", prefix in "[\"\\\\\\n\\r\\t'#()\\[\\]a-z ]{0,20}") {
            let (mut file, _) = fresh_file(TEXT);
            file.claims[0].note = Some(note);
            file.claims[0].selector.exact = exact;
            file.claims[0].selector.prefix = prefix.clone();
            file.metadata.title = Some(prefix);
            let src = to_ron(&file).expect("serialises");
            let back = parse(Path::new("p.ron"), &src).expect("parses");
            proptest::prop_assert_eq!(back, file);
        }
    }
}
