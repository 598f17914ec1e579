//! The data model, in one place: what an article yields and what the claim store keeps.
//!
//! Every position is a Unicode code-point offset into the article's text (the file decoded
//! as UTF-8, without a byte-order mark), half-open `[start, end)`, as in the W3C
//! `TextPositionSelector`. Stages work on byte offsets internally and convert once, at the
//! edge, through [`crate::article::OffsetMap`].

use serde::{Deserialize, Serialize};

/// A stretch of the article's text: the exact characters and where they are.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

impl Anchor {
    /// Number of code points covered.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// A W3C `TextQuoteSelector`: the exact text plus a little context on either side, so an
/// anchor can be found again when the article has been edited and offsets have moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteSelector {
    pub exact: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
}

/// How the speaker's words are rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Entirely inside quotation marks.
    Direct,
    /// Paraphrase, no quotation marks.
    Indirect,
    /// Paraphrase with quoted fragments.
    Mixed,
}

/// What kind of thing a speaker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerKind {
    Person,
    Organization,
    /// An unnamed individual or set of individuals ("a security official", "two officials").
    Anonymous,
    /// A named or vague collective ("residents", "some officials", "Democrats").
    Group,
    /// A statement, report or document standing for its issuer.
    Document,
    /// An outlet or medium ("state media", "Reuters").
    Media,
}

/// Why a source is flagged as not identifiable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnonymityKind {
    /// Unnamed but specific: "a senior official", "two Iraqi officials".
    Unnamed,
    /// Vague: "sources", "some officials", "others", "other reports".
    Vague,
}

/// An unnamed or vague source, with the stated reason or condition when the text gives one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anonymity {
    pub kind: AnonymityKind,
    /// "on condition of anonymity", "because they were not authorised to speak", …
    #[serde(default)]
    pub reason: Option<Anchor>,
}

/// The outlet or medium that carried a statement ("told Reuters", "released by state media").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    /// Normalised name of the outlet or medium ("Reuters", "The Associated Press", "state media").
    pub name: String,
    /// Where the text names it.
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// A mention of a speaker in the text, linked to a [`Speaker`] entity when resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mention {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Id of the [`Speaker`] this mention resolves to.
    #[serde(default)]
    pub entity: Option<String>,
}

/// One attributed statement: who said what, through which channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Stable within the article: `c1`, `c2`, … in text order for drafts.
    pub id: String,
    /// The source mention (PolNeAR convention: the whole noun phrase, pronoun or name).
    /// `None` for agentless attributions ("it was reported that …").
    #[serde(default)]
    pub speaker: Option<Mention>,
    /// The attribution cue ("said", "according to", "told").
    #[serde(default)]
    pub cue: Option<Anchor>,
    /// What was said; several spans when the content is interrupted by the attribution.
    #[serde(default)]
    pub content: Vec<Anchor>,
    #[serde(default)]
    pub channel: Option<Channel>,
    pub mode: Mode,
    #[serde(default)]
    pub anonymity: Option<Anonymity>,
    /// Hedging words in or around the claim ("reportedly", "at least", "could have been").
    #[serde(default)]
    pub hedges: Vec<Anchor>,
    /// Id of the rule that found the claim (see `docs/rules.md`).
    pub rule: String,
    /// Set when this attribution sits inside another claim's direct quote: it is the quoted
    /// speaker's attribution, not the article's.
    #[serde(default)]
    pub nested_in: Option<String>,
}

impl Claim {
    /// The smallest span covering speaker, cue and content.
    pub fn extent(&self) -> Option<(usize, usize)> {
        let spans = self
            .speaker
            .iter()
            .map(|m| (m.start, m.end))
            .chain(self.cue.iter().map(|a| (a.start, a.end)))
            .chain(self.content.iter().map(|a| (a.start, a.end)));
        spans.fold(None, |acc, (s, e)| match acc {
            None => Some((s, e)),
            Some((a, b)) => Some((a.min(s), b.max(e))),
        })
    }
}

/// A speaker entity within one article; mentions link to it by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Speaker {
    /// `s1`, `s2`, … within the article.
    pub id: String,
    /// The fullest name the article gives ("Major General Yahya Rasoul").
    pub name: String,
    pub kind: SpeakerKind,
    /// Other ways the article refers to it ("Rasoul", "The spokesman", "He").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Whom a spokesperson, an official or an office speaks for, when the text says so: a
    /// body ("spokesman for the Iraqi Armed Forces") or a person ("her office").
    #[serde(default)]
    pub speaks_for: Option<String>,
}

/// Why a sentence in the article's own voice was kept as an assertion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssertionKind {
    /// Carries a figure (a count, amount, percentage).
    Figure,
    /// A disputable statement of fact (causes, blame, findings, casualties) with no figure.
    Disputable,
}

/// A statement in the article's own voice, with no attribution: the audit checks these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assertion {
    pub id: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub kind: AssertionKind,
    /// The words that made it an assertion (the figure, the disputable verb).
    pub trigger: Anchor,
    pub rule: String,
}

/// Per-article metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    #[serde(default)]
    pub outlet: Option<String>,
    /// ISO 8601 date (`2021-11-07`) when it could be read.
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

/// Everything extraction finds in one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    pub claims: Vec<Claim>,
    pub speakers: Vec<Speaker>,
    pub assertions: Vec<Assertion>,
}
