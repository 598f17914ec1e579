//! The provenance graph: articles, outlets, speakers, organisations, claims and measures,
//! and the edges between them, as a petgraph [`StableDiGraph`].
//!
//! The graph is never stored: it is rebuilt from the claim store (reviewed claims where a
//! claims file exists, extraction otherwise) and from the consistency results (figures and
//! the relations between claims), which come in through [`ConsistencyInput`]. That input
//! mirrors the JSON of `claimtrace conflicts --format json` (issue 3), so its output can be
//! read with serde as it is, or built in code.
//!
//! Node kinds ([`Node`]): article, outlet (an outlet or a channel: "Reuters", "state
//! media"), speaker, organisation (what a speaker speaks for), claim, measure. Edge kinds
//! ([`EdgeKind`]): a claim is *reported in* an article, *said by* a speaker, goes *via* a
//! channel, *asserts* a figure on a measure; an article is *published by* its outlet; a
//! speaker *speaks for* an organisation; a claim *corroborates*, *conflicts with*,
//! *diverges from* or *updates* another claim.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::path::{Path, PathBuf};

use miette::Report;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::unionfind::UnionFind;
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};
use petgraph::Direction;
use serde::{Deserialize, Serialize};

use crate::model::{Assertion, Claim, Metadata, Mode, Speaker, SpeakerKind};

// ---------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------

/// One article and what is known about it: the input the graph is built from.
#[derive(Debug, Clone, Default)]
pub struct ArticleInput {
    /// The article's path with forward slashes, as the claim store records it.
    pub path: String,
    pub metadata: Metadata,
    pub speakers: Vec<Speaker>,
    /// Claims of the article (rejected entries of a claims file left out).
    pub claims: Vec<Claim>,
    /// Assertions in the article's own voice; they enter the graph only when a figure
    /// refers to one.
    pub assertions: Vec<Assertion>,
    /// Whether the claims come from a reviewed claims file (`true`) or straight from
    /// extraction (`false`).
    pub from_store: bool,
}

/// How a figure bounds what it counts (issue 3's qualifiers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    AtLeast,
    AtMost,
    About,
    Range,
}

/// A figure a claim asserts on a measure. Field names follow issue 3's JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FigureInput {
    /// Claim id (`c1`), or assertion id (`a1`) for the article's own voice. May also be
    /// written `<article path>#<id>`.
    pub claim: String,
    pub min: f64,
    #[serde(default)]
    pub max: Option<f64>,
    pub qualifier: Qualifier,
    /// The words of the figure ("three drones").
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub start: usize,
    #[serde(default)]
    pub end: usize,
    /// Path of the article holding the claim; may be left empty when the claim id is
    /// unique among the articles of the graph.
    #[serde(default)]
    pub article: String,
}

/// How two claims relate on a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    Corroborates,
    Conflicts,
    Divergent,
    Update,
}

/// A relation between two claims (`a` relates to `b`). Claim references as in
/// [`FigureInput::claim`]; a bare id is looked up among the figures of the same measure
/// first, so `c3` means the `c3` whose figure the measure lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationInput {
    pub a: String,
    pub b: String,
    pub kind: RelationKind,
    /// Index of `a`'s figure in the measure's `figures`, when given: it names the article
    /// too, which a bare id cannot across articles.
    #[serde(default)]
    pub a_figure: Option<usize>,
    #[serde(default)]
    pub b_figure: Option<usize>,
}

/// One measure (what is counted) with its figures and relations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeasureInput {
    /// Stable id ("drones-used-in-attack").
    pub measure: String,
    /// Human label ("drones used in the attack").
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub figures: Vec<FigureInput>,
    #[serde(default)]
    pub relations: Vec<RelationInput>,
}

/// The consistency results the graph draws on: issue 3's `{"measures": [...]}`. Unknown
/// fields are ignored, so that output can be read as it is. Empty by default.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ConsistencyInput {
    #[serde(default)]
    pub measures: Vec<MeasureInput>,
}

impl ConsistencyInput {
    /// Reads the JSON shape of issue 3 (`claimtrace conflicts --format json`).
    pub fn from_json(src: &str) -> Result<ConsistencyInput, serde_json::Error> {
        serde_json::from_str(src)
    }
}

// ---------------------------------------------------------------------------------------
// Nodes and edges
// ---------------------------------------------------------------------------------------

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Article,
    /// An outlet or a channel: the publisher of an article, or what carried a statement.
    Outlet,
    Speaker,
    /// What a speaker speaks for, when it is not itself a speaker of the article.
    Organization,
    Claim,
    Measure,
}

impl NodeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Article => "article",
            NodeKind::Outlet => "outlet",
            NodeKind::Speaker => "speaker",
            NodeKind::Organization => "organization",
            NodeKind::Claim => "claim",
            NodeKind::Measure => "measure",
        }
    }
}

/// An article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleNode {
    pub path: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub from_store: bool,
}

/// A speaker entity. Named people and organisations are merged across articles by name;
/// anonymous, vague and document sources stay per article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpeakerNode {
    pub name: String,
    pub kind: SpeakerKind,
    /// The article and speaker id it came from (the first one, when merged).
    pub article: String,
    pub id: String,
    pub aliases: Vec<String>,
}

impl SpeakerNode {
    /// Unnamed or vague: claims from it through the same outlet count as one source.
    pub fn is_anonymous(&self) -> bool {
        matches!(
            self.kind,
            SpeakerKind::Anonymous | SpeakerKind::Group | SpeakerKind::Document
        )
    }
}

/// A claim, or an assertion in the article's own voice that a figure refers to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimNode {
    pub article: String,
    pub id: String,
    /// The speaker mention as written ("The spokesman"); empty for the article's voice.
    pub speaker_text: String,
    pub cue: String,
    /// The full content (several spans joined with " … ").
    pub content: String,
    pub start: usize,
    pub end: usize,
    pub mode: Option<Mode>,
    pub anonymous: bool,
    pub hedged: bool,
    /// An unattributed assertion (the article's own voice), not an attributed claim.
    pub own_voice: bool,
    pub rule: String,
}

/// A node of the provenance graph.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Node {
    Article(ArticleNode),
    Outlet { name: String },
    Speaker(SpeakerNode),
    Organization { name: String },
    Claim(ClaimNode),
    Measure { id: String, label: String },
}

impl Node {
    pub fn kind(&self) -> NodeKind {
        match self {
            Node::Article(_) => NodeKind::Article,
            Node::Outlet { .. } => NodeKind::Outlet,
            Node::Speaker(_) => NodeKind::Speaker,
            Node::Organization { .. } => NodeKind::Organization,
            Node::Claim(_) => NodeKind::Claim,
            Node::Measure { .. } => NodeKind::Measure,
        }
    }

    /// The short label drawn on the node.
    pub fn label(&self) -> String {
        match self {
            Node::Article(a) => {
                let title = a.title.clone().unwrap_or_else(|| a.path.clone());
                shorten(&title, 40)
            }
            Node::Outlet { name } | Node::Organization { name } => shorten(name, 36),
            Node::Speaker(s) => shorten(&s.name, 36),
            Node::Claim(c) => {
                if c.own_voice {
                    format!("{} (article's voice)", c.id)
                } else {
                    format!("{}: {}", c.id, shorten(&c.content, 28))
                }
            }
            Node::Measure { label, id } => shorten(if label.is_empty() { id } else { label }, 36),
        }
    }

    /// The long text (tooltip): the full quote for a claim.
    pub fn detail(&self) -> String {
        match self {
            Node::Article(a) => {
                let mut s = a.title.clone().unwrap_or_default();
                for part in [&a.outlet, &a.date].into_iter().flatten() {
                    s.push_str(" — ");
                    s.push_str(part);
                }
                s.push_str(" — ");
                s.push_str(&a.path);
                s
            }
            Node::Outlet { name } => format!("outlet or channel: {name}"),
            Node::Organization { name } => format!("organisation: {name}"),
            Node::Speaker(s) => {
                let kind = serde_json::to_value(s.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                if s.aliases.is_empty() {
                    format!("{} ({kind})", s.name)
                } else {
                    format!("{} ({kind}); also: {}", s.name, s.aliases.join("; "))
                }
            }
            Node::Claim(c) => {
                if c.own_voice {
                    format!("{} [article's own voice] {}", c.id, c.content)
                } else {
                    format!("{} {} [{}] {}", c.id, c.speaker_text, c.cue, c.content)
                }
            }
            Node::Measure { id, label } => format!("measure {id}: {label}"),
        }
    }
}

/// What an edge says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    /// claim → article
    ReportedIn,
    /// article → outlet
    PublishedBy,
    /// claim → speaker
    SaidBy,
    /// claim → outlet (the channel)
    Via,
    /// speaker → organisation (or speaker)
    SpeaksFor,
    /// claim → measure, carrying a [`Figure`]
    Asserts,
    /// claim → claim
    Corroborates,
    /// claim → claim
    Conflicts,
    /// claim → claim
    Diverges,
    /// claim → claim (the later figure updates the earlier)
    Updates,
}

impl EdgeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::ReportedIn => "reported in",
            EdgeKind::PublishedBy => "published by",
            EdgeKind::SaidBy => "said by",
            EdgeKind::Via => "via",
            EdgeKind::SpeaksFor => "speaks for",
            EdgeKind::Asserts => "asserts",
            EdgeKind::Corroborates => "corroborates",
            EdgeKind::Conflicts => "conflicts with",
            EdgeKind::Diverges => "diverges from",
            EdgeKind::Updates => "updates",
        }
    }

    /// An edge between two claims.
    pub fn is_relation(self) -> bool {
        matches!(
            self,
            EdgeKind::Corroborates | EdgeKind::Conflicts | EdgeKind::Diverges | EdgeKind::Updates
        )
    }

    /// An edge that shows disagreement.
    pub fn is_disagreement(self) -> bool {
        matches!(self, EdgeKind::Conflicts | EdgeKind::Diverges)
    }
}

impl From<RelationKind> for EdgeKind {
    fn from(k: RelationKind) -> EdgeKind {
        match k {
            RelationKind::Corroborates => EdgeKind::Corroborates,
            RelationKind::Conflicts => EdgeKind::Conflicts,
            RelationKind::Divergent => EdgeKind::Diverges,
            RelationKind::Update => EdgeKind::Updates,
        }
    }
}

/// A figure on an `asserts` edge.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub min: f64,
    pub max: Option<f64>,
    pub qualifier: Qualifier,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

impl Figure {
    /// Short form: "3", "≥ 1", "≤ 5", "≈ 100", "100–300".
    pub fn short(&self) -> String {
        let n = |x: f64| {
            if x.fract() == 0.0 && x.abs() < 1e15 {
                format!("{}", x as i64)
            } else {
                format!("{x}")
            }
        };
        match (self.qualifier, self.max) {
            (Qualifier::AtLeast, _) => format!("≥ {}", n(self.min)),
            (Qualifier::AtMost, Some(m)) => format!("≤ {}", n(m)),
            (Qualifier::AtMost, None) => format!("≤ {}", n(self.min)),
            // "about 3,000" is kept as 2,700–3,300: its label is the middle.
            (Qualifier::About, Some(m)) => format!("≈ {}", n((self.min + m) / 2.0)),
            (Qualifier::About, None) => format!("≈ {}", n(self.min)),
            (_, Some(m)) if m != self.min => format!("{}–{}", n(self.min), n(m)),
            _ => n(self.min),
        }
    }
}

/// An edge of the provenance graph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edge {
    pub kind: EdgeKind,
    /// Only on `asserts` edges.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figure: Option<Figure>,
    /// The measure a relation between claims is about (its id), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
}

impl Edge {
    fn plain(kind: EdgeKind) -> Edge {
        Edge {
            kind,
            figure: None,
            measure: None,
        }
    }

    /// Short label drawn on the edge ("≥ 3" for a figure); empty for most kinds.
    pub fn label(&self) -> String {
        match (&self.figure, self.kind) {
            (Some(f), _) => f.short(),
            (None, k) if k.is_relation() => k.as_str().to_owned(),
            _ => String::new(),
        }
    }
}

// ---------------------------------------------------------------------------------------
// The graph
// ---------------------------------------------------------------------------------------

/// The provenance graph with a key index (`article:…`, `claim:<article>#c1`, …).
#[derive(Debug, Clone, Default)]
pub struct ProvGraph {
    pub graph: StableDiGraph<Node, Edge>,
    keys: HashMap<String, NodeIndex>,
    /// Non-fatal problems met while building (a figure naming an unknown claim, …).
    pub warnings: Vec<String>,
}

/// Nodes that disagree or agree with each other: claims joined by relation edges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    /// Claims of the cluster, in index order.
    pub claims: Vec<NodeIndex>,
    /// Number of `conflicts` edges inside.
    pub conflicts: usize,
    /// Number of `diverges` edges inside.
    pub divergences: usize,
}

/// Lower-case, curly apostrophes straightened, a leading "the " dropped, spaces collapsed.
pub fn normalise_name(name: &str) -> String {
    let lower = name.to_lowercase().replace(['’', '‘'], "'");
    let words: Vec<&str> = lower.split_whitespace().collect();
    let words = match words.first() {
        Some(&"the") if words.len() > 1 => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

/// At most `max` characters, an ellipsis when cut, whitespace collapsed.
pub fn shorten(s: &str, max: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let mut out: String = flat.chars().take(max.saturating_sub(1)).collect();
    out = out.trim_end().to_owned();
    out.push('…');
    out
}

fn claim_key(article: &str, id: &str) -> String {
    format!("claim:{article}#{id}")
}

impl ProvGraph {
    /// Builds the graph of `articles`, then adds the figures and relations of `consistency`.
    pub fn build(articles: &[ArticleInput], consistency: &ConsistencyInput) -> ProvGraph {
        let mut g = ProvGraph::default();
        for a in articles {
            g.add_article(a);
        }
        g.add_consistency(articles, consistency);
        g.drop_idle_agents();
        g
    }

    /// Removes speakers and organisations no claim leads to (speakers of rejected claims).
    fn drop_idle_agents(&mut self) {
        let idle: Vec<NodeIndex> = self
            .graph
            .node_indices()
            .filter(|&n| {
                matches!(
                    self.graph[n].kind(),
                    NodeKind::Speaker | NodeKind::Organization
                ) && self.graph.neighbors_undirected(n).next().is_none()
            })
            .collect();
        for n in &idle {
            self.graph.remove_node(*n);
        }
        self.keys.retain(|_, v| !idle.contains(v));
    }

    /// The node with this key, if any.
    pub fn node_by_key(&self, key: &str) -> Option<NodeIndex> {
        self.keys.get(key).copied()
    }

    /// Key of every node (the inverse of [`ProvGraph::node_by_key`]).
    pub fn key_of(&self, n: NodeIndex) -> Option<&str> {
        // Linear, but only used for exports and messages.
        self.keys
            .iter()
            .find(|(_, &v)| v == n)
            .map(|(k, _)| k.as_str())
    }

    /// All keys, by node.
    pub fn keys_by_node(&self) -> HashMap<NodeIndex, &str> {
        self.keys.iter().map(|(k, &v)| (v, k.as_str())).collect()
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    fn intern(&mut self, key: String, make: impl FnOnce() -> Node) -> NodeIndex {
        if let Some(&n) = self.keys.get(&key) {
            return n;
        }
        let n = self.graph.add_node(make());
        self.keys.insert(key, n);
        n
    }

    fn link(&mut self, a: NodeIndex, b: NodeIndex, edge: Edge) -> EdgeIndex {
        self.graph.add_edge(a, b, edge)
    }

    fn link_once(&mut self, a: NodeIndex, b: NodeIndex, kind: EdgeKind) {
        if !self
            .graph
            .edges_connecting(a, b)
            .any(|e| e.weight().kind == kind)
        {
            self.link(a, b, Edge::plain(kind));
        }
    }

    fn outlet(&mut self, name: &str) -> NodeIndex {
        let key = format!("outlet:{}", normalise_name(name));
        self.intern(key, || Node::Outlet {
            name: name.trim().to_owned(),
        })
    }

    /// Adds one article with its speakers and claims.
    pub fn add_article(&mut self, a: &ArticleInput) {
        let article_key = format!("article:{}", a.path);
        if self.keys.contains_key(&article_key) {
            self.warnings
                .push(format!("{}: the same article was given twice", a.path));
            return;
        }
        let art = self.intern(article_key, || {
            Node::Article(ArticleNode {
                path: a.path.clone(),
                title: a.metadata.title.clone(),
                outlet: a.metadata.outlet.clone(),
                date: a.metadata.date.clone(),
                from_store: a.from_store,
            })
        });
        if let Some(outlet) = a
            .metadata
            .outlet
            .as_deref()
            .filter(|o| !o.trim().is_empty())
        {
            let o = self.outlet(outlet);
            self.link_once(art, o, EdgeKind::PublishedBy);
        }

        // Speakers: named ones merged across articles by name.
        let mut speaker_nodes: HashMap<&str, NodeIndex> = HashMap::new();
        for s in &a.speakers {
            let node = SpeakerNode {
                name: s.name.clone(),
                kind: s.kind,
                article: a.path.clone(),
                id: s.id.clone(),
                aliases: s.aliases.clone(),
            };
            let key = if node.is_anonymous() || normalise_name(&s.name).is_empty() {
                format!("speaker:{}#{}", a.path, s.id)
            } else {
                format!("agent:{}", normalise_name(&s.name))
            };
            let n = self.intern(key, || Node::Speaker(node));
            // An organisation node met earlier under this name becomes this speaker.
            if let Some(w) = self.graph.node_weight_mut(n) {
                if let Node::Organization { .. } = w {
                    *w = Node::Speaker(SpeakerNode {
                        name: s.name.clone(),
                        kind: s.kind,
                        article: a.path.clone(),
                        id: s.id.clone(),
                        aliases: s.aliases.clone(),
                    });
                }
            }
            speaker_nodes.insert(s.id.as_str(), n);
        }
        for s in &a.speakers {
            let Some(org) = s.speaks_for.as_deref().filter(|o| !o.trim().is_empty()) else {
                continue;
            };
            let Some(&from) = speaker_nodes.get(s.id.as_str()) else {
                continue;
            };
            let key = format!("agent:{}", normalise_name(org));
            let to = self.intern(key, || Node::Organization {
                name: org.trim().to_owned(),
            });
            if to != from {
                self.link_once(from, to, EdgeKind::SpeaksFor);
            }
        }

        for c in &a.claims {
            let key = claim_key(&a.path, &c.id);
            if self.keys.contains_key(&key) {
                self.warnings
                    .push(format!("{}: claim {} appears twice", a.path, c.id));
                continue;
            }
            let content = c
                .content
                .iter()
                .map(|x| x.text.as_str())
                .collect::<Vec<_>>()
                .join(" … ");
            let (start, end) = c.extent().unwrap_or((0, 0));
            let node = ClaimNode {
                article: a.path.clone(),
                id: c.id.clone(),
                speaker_text: c
                    .speaker
                    .as_ref()
                    .map(|m| m.text.clone())
                    .unwrap_or_default(),
                cue: c.cue.as_ref().map(|x| x.text.clone()).unwrap_or_default(),
                content,
                start,
                end,
                mode: Some(c.mode),
                anonymous: c.anonymity.is_some(),
                hedged: !c.hedges.is_empty(),
                own_voice: false,
                rule: c.rule.clone(),
            };
            let n = self.intern(key, || Node::Claim(node));
            self.link(n, art, Edge::plain(EdgeKind::ReportedIn));
            let speaker = c
                .speaker
                .as_ref()
                .and_then(|m| m.entity.as_deref())
                .and_then(|id| speaker_nodes.get(id).copied());
            if let Some(s) = speaker {
                self.link(n, s, Edge::plain(EdgeKind::SaidBy));
            } else if let Some(m) = &c.speaker {
                // A mention not linked to an entity: a speaker of its own, in this article.
                let key = format!("speaker:{}#mention@{}", a.path, m.start);
                let s = self.intern(key, || {
                    Node::Speaker(SpeakerNode {
                        name: m.text.clone(),
                        kind: SpeakerKind::Anonymous,
                        article: a.path.clone(),
                        id: String::new(),
                        aliases: Vec::new(),
                    })
                });
                self.link(n, s, Edge::plain(EdgeKind::SaidBy));
            }
            if let Some(ch) = &c.channel {
                let name = if ch.name.trim().is_empty() {
                    &ch.text
                } else {
                    &ch.name
                };
                if !name.trim().is_empty() {
                    let o = self.outlet(name);
                    self.link(n, o, Edge::plain(EdgeKind::Via));
                }
            }
        }
    }

    /// Resolves a claim reference of the consistency input to a node, creating the node
    /// of an own-voice assertion on first use.
    fn resolve_claim(
        &mut self,
        articles: &[ArticleInput],
        reference: &str,
        article_hint: &str,
    ) -> Option<NodeIndex> {
        let (article, id) = match reference.rsplit_once('#') {
            Some((a, i)) => (a, i),
            None => (article_hint, reference),
        };
        let candidates: Vec<&ArticleInput> = if article.is_empty() {
            articles
                .iter()
                .filter(|a| {
                    a.claims.iter().any(|c| c.id == id) || a.assertions.iter().any(|x| x.id == id)
                })
                .collect()
        } else {
            articles.iter().filter(|a| a.path == article).collect()
        };
        let [a] = candidates.as_slice() else {
            return None;
        };
        if let Some(n) = self.node_by_key(&claim_key(&a.path, id)) {
            return Some(n);
        }
        let x = a.assertions.iter().find(|x| x.id == id)?;
        let node = ClaimNode {
            article: a.path.clone(),
            id: x.id.clone(),
            speaker_text: String::new(),
            cue: String::new(),
            content: x.text.clone(),
            start: x.start,
            end: x.end,
            mode: None,
            anonymous: false,
            hedged: false,
            own_voice: true,
            rule: x.rule.clone(),
        };
        let n = self.intern(claim_key(&a.path, id), || Node::Claim(node));
        if let Some(art) = self.node_by_key(&format!("article:{}", a.path)) {
            self.link(n, art, Edge::plain(EdgeKind::ReportedIn));
            // The article's own voice is its outlet's (or the article's, without one).
            let voice = match a
                .metadata
                .outlet
                .as_deref()
                .filter(|o| !o.trim().is_empty())
            {
                Some(o) => self.outlet(o),
                None => art,
            };
            self.link(n, voice, Edge::plain(EdgeKind::SaidBy));
        }
        Some(n)
    }

    /// Adds measures, `asserts` edges with their figures, and relations between claims.
    pub fn add_consistency(&mut self, articles: &[ArticleInput], input: &ConsistencyInput) {
        for m in &input.measures {
            let label = if m.label.trim().is_empty() {
                m.measure.clone()
            } else {
                m.label.clone()
            };
            let mnode = self.intern(format!("measure:{}", m.measure), || Node::Measure {
                id: m.measure.clone(),
                label,
            });
            // Bare ids resolve through this measure's figures first.
            let mut local: HashMap<&str, NodeIndex> = HashMap::new();
            // The claim node of each figure, by its index in `m.figures`.
            let mut by_figure: Vec<Option<NodeIndex>> = vec![None; m.figures.len()];
            for (fi, f) in m.figures.iter().enumerate() {
                if !f.min.is_finite() || f.max.is_some_and(|x| !x.is_finite()) {
                    self.warnings.push(format!(
                        "measure {}: figure of {} is not a finite number; left out",
                        m.measure, f.claim
                    ));
                    continue;
                }
                let Some(c) = self.resolve_claim(articles, &f.claim, &f.article) else {
                    self.warnings.push(format!(
                        "measure {}: figure names claim {:?} ({}), which is not in the graph",
                        m.measure, f.claim, f.article
                    ));
                    continue;
                };
                local.insert(f.claim.as_str(), c);
                by_figure[fi] = Some(c);
                self.link(
                    c,
                    mnode,
                    Edge {
                        kind: EdgeKind::Asserts,
                        figure: Some(Figure {
                            min: f.min,
                            max: f.max,
                            qualifier: f.qualifier,
                            text: f.text.clone(),
                            start: f.start,
                            end: f.end,
                        }),
                        measure: Some(m.measure.clone()),
                    },
                );
            }
            for r in &m.relations {
                let mut ends = [None, None];
                for ((slot, reference), figure) in ends
                    .iter_mut()
                    .zip([&r.a, &r.b])
                    .zip([r.a_figure, r.b_figure])
                {
                    *slot = figure
                        .and_then(|i| by_figure.get(i).copied().flatten())
                        .or_else(|| local.get(reference.as_str()).copied())
                        .or_else(|| self.resolve_claim(articles, reference, ""));
                }
                match ends {
                    // Two figures of one claim: nothing to draw between a claim and itself.
                    [Some(a), Some(b)] if a == b => {}
                    [Some(a), Some(b)] => {
                        self.link(
                            a,
                            b,
                            Edge {
                                kind: r.kind.into(),
                                figure: None,
                                measure: Some(m.measure.clone()),
                            },
                        );
                    }
                    _ => self.warnings.push(format!(
                        "measure {}: relation {} {:?} {} names a claim that is not in the graph",
                        m.measure, r.a, r.kind, r.b
                    )),
                }
            }
        }
    }

    // -----------------------------------------------------------------------------------
    // Queries
    // -----------------------------------------------------------------------------------

    /// Nodes of a kind, in index order.
    pub fn nodes_of(&self, kind: NodeKind) -> Vec<NodeIndex> {
        self.graph
            .node_indices()
            .filter(|&n| self.graph[n].kind() == kind)
            .collect()
    }

    /// Speakers whose name or an alias contains `name` (case-insensitive).
    pub fn speakers_named(&self, name: &str) -> Vec<NodeIndex> {
        let want = normalise_name(name);
        self.graph
            .node_indices()
            .filter(|&n| match &self.graph[n] {
                Node::Speaker(s) => {
                    normalise_name(&s.name).contains(&want)
                        || s.aliases.iter().any(|a| normalise_name(a).contains(&want))
                }
                Node::Organization { name } => normalise_name(name).contains(&want),
                _ => false,
            })
            .collect()
    }

    /// Every node linked to `n` in either direction, with the edge kind, sorted and
    /// without repeats.
    pub fn neighbours(&self, n: NodeIndex) -> Vec<(EdgeKind, NodeIndex)> {
        let mut out: Vec<(EdgeKind, NodeIndex)> = self
            .graph
            .edges_directed(n, Direction::Outgoing)
            .map(|e| (e.weight().kind, e.target()))
            .chain(
                self.graph
                    .edges_directed(n, Direction::Incoming)
                    .map(|e| (e.weight().kind, e.source())),
            )
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// The neighbours of a speaker: its claims, the organisations it speaks for and the
    /// speakers that speak for it.
    pub fn speaker_neighbours(&self, speaker: NodeIndex) -> Vec<(EdgeKind, NodeIndex)> {
        self.neighbours(speaker)
    }

    /// The claims said by a speaker.
    pub fn claims_of(&self, speaker: NodeIndex) -> Vec<NodeIndex> {
        let mut v: Vec<NodeIndex> = self
            .graph
            .edges_directed(speaker, Direction::Incoming)
            .filter(|e| e.weight().kind == EdgeKind::SaidBy)
            .map(|e| e.source())
            .collect();
        v.sort();
        v.dedup();
        v
    }

    fn first_target(&self, n: NodeIndex, kind: EdgeKind) -> Option<NodeIndex> {
        self.graph
            .edges_directed(n, Direction::Outgoing)
            .find(|e| e.weight().kind == kind)
            .map(|e| e.target())
    }

    /// Claims joined by relation edges (corroborates, conflicts, diverges, updates), found
    /// with union-find; only clusters of two claims or more, largest first.
    pub fn conflict_clusters(&self) -> Vec<Cluster> {
        let bound = self.graph.node_bound();
        let mut uf: UnionFind<usize> = UnionFind::new(bound);
        let mut any = vec![false; bound];
        for e in self.graph.edge_references() {
            if e.weight().kind.is_relation() {
                uf.union(e.source().index(), e.target().index());
                any[e.source().index()] = true;
                any[e.target().index()] = true;
            }
        }
        let mut groups: BTreeMap<usize, Cluster> = BTreeMap::new();
        for n in self.graph.node_indices() {
            if any[n.index()] {
                groups
                    .entry(uf.find(n.index()))
                    .or_insert_with(|| Cluster {
                        claims: Vec::new(),
                        conflicts: 0,
                        divergences: 0,
                    })
                    .claims
                    .push(n);
            }
        }
        for e in self.graph.edge_references() {
            let root = uf.find(e.source().index());
            if let Some(c) = groups.get_mut(&root) {
                match e.weight().kind {
                    EdgeKind::Conflicts => c.conflicts += 1,
                    EdgeKind::Diverges => c.divergences += 1,
                    _ => {}
                }
            }
        }
        let mut out: Vec<Cluster> = groups
            .into_values()
            .filter(|c| c.claims.len() > 1)
            .collect();
        out.sort_by(|a, b| {
            b.claims
                .len()
                .cmp(&a.claims.len())
                .then(a.claims.cmp(&b.claims))
        });
        out
    }

    /// Who stands behind a claim, for counting independent sources: the speaker when
    /// named; an anonymous or vague speaker together with the channel it spoke through;
    /// the article's outlet for its own voice.
    fn source_of(&self, claim: NodeIndex) -> (Option<NodeIndex>, Option<NodeIndex>) {
        let speaker = self.first_target(claim, EdgeKind::SaidBy);
        let channel = self.first_target(claim, EdgeKind::Via);
        match speaker.map(|s| &self.graph[s]) {
            Some(Node::Speaker(s)) if !s.is_anonymous() => (speaker, None),
            Some(Node::Speaker(_)) => (speaker, channel),
            Some(_) => (speaker, None),
            None => (self.first_target(claim, EdgeKind::ReportedIn), channel),
        }
    }

    /// How many independent sources back a claim: the claim and every claim joined to it
    /// by `corroborates` edges (in either direction, transitively), counted by source
    /// ([`ProvGraph::source_of`]): two claims by the same speaker, or by the same anonymous
    /// source through the same outlet, are one source.
    pub fn independent_sources(&self, claim: NodeIndex) -> usize {
        if self.graph.node_weight(claim).is_none() {
            return 0;
        }
        let mut seen = BTreeSet::from([claim]);
        let mut queue = VecDeque::from([claim]);
        while let Some(c) = queue.pop_front() {
            let next = self
                .graph
                .edges_directed(c, Direction::Outgoing)
                .filter(|e| e.weight().kind == EdgeKind::Corroborates)
                .map(|e| e.target())
                .chain(
                    self.graph
                        .edges_directed(c, Direction::Incoming)
                        .filter(|e| e.weight().kind == EdgeKind::Corroborates)
                        .map(|e| e.source()),
                );
            for n in next.collect::<Vec<_>>() {
                if seen.insert(n) {
                    queue.push_back(n);
                }
            }
        }
        seen.iter()
            .map(|&c| self.source_of(c))
            .collect::<BTreeSet<_>>()
            .len()
    }

    // -----------------------------------------------------------------------------------
    // Views
    // -----------------------------------------------------------------------------------

    /// A copy holding only `keep` (edges between kept nodes stay). Indices are stable.
    pub fn restricted(&self, keep: &BTreeSet<NodeIndex>) -> ProvGraph {
        let mut g = self.clone();
        let drop: Vec<NodeIndex> = g
            .graph
            .node_indices()
            .filter(|n| !keep.contains(n))
            .collect();
        for n in drop {
            g.graph.remove_node(n);
        }
        g.keys.retain(|_, v| keep.contains(v));
        g
    }

    /// Nodes within `depth` steps of `start`, edges taken in either direction. Articles
    /// and outlets are not walked through (they would pull in everything).
    pub fn neighbourhood(&self, start: &[NodeIndex], depth: usize) -> BTreeSet<NodeIndex> {
        let mut seen: BTreeSet<NodeIndex> = start.iter().copied().collect();
        let mut frontier: Vec<NodeIndex> = start.to_vec();
        for _ in 0..depth {
            let mut next = Vec::new();
            for &n in &frontier {
                if !start.contains(&n)
                    && matches!(self.graph[n].kind(), NodeKind::Article | NodeKind::Outlet)
                {
                    continue;
                }
                for (_, m) in self.neighbours(n) {
                    if seen.insert(m) {
                        next.push(m);
                    }
                }
            }
            frontier = next;
        }
        // Keep the context of every claim drawn: its article, speaker, channel.
        let claims: Vec<NodeIndex> = seen
            .iter()
            .copied()
            .filter(|&n| self.graph[n].kind() == NodeKind::Claim)
            .collect();
        for c in claims {
            for e in self.graph.edges_directed(c, Direction::Outgoing) {
                if matches!(
                    e.weight().kind,
                    EdgeKind::ReportedIn | EdgeKind::SaidBy | EdgeKind::Via
                ) {
                    seen.insert(e.target());
                }
            }
        }
        seen
    }

    /// Finds what `--focus` names: a claim (`c1` or `<article>#c1`), a measure (id or
    /// label), or a speaker (name or alias, case-insensitive, substring).
    pub fn find_focus(&self, what: &str) -> Vec<NodeIndex> {
        let what = what.trim();
        let mut claims: Vec<NodeIndex> = self
            .graph
            .node_indices()
            .filter(|&n| match &self.graph[n] {
                Node::Claim(c) => c.id == what || format!("{}#{}", c.article, c.id) == what,
                _ => false,
            })
            .collect();
        if !claims.is_empty() {
            claims.sort();
            return claims;
        }
        let want = normalise_name(what);
        let measures: Vec<NodeIndex> = self
            .graph
            .node_indices()
            .filter(|&n| match &self.graph[n] {
                Node::Measure { id, label } => id == what || normalise_name(label).contains(&want),
                _ => false,
            })
            .collect();
        if !measures.is_empty() {
            return measures;
        }
        self.speakers_named(what)
    }

    /// The view `--focus` draws: the neighbourhood of what it names.
    pub fn focus(&self, what: &str) -> Option<ProvGraph> {
        let start = self.find_focus(what);
        if start.is_empty() {
            return None;
        }
        Some(self.restricted(&self.neighbourhood(&start, 2)))
    }

    /// The view `--conflicts-only` draws: claims in a cluster with a conflict or a
    /// divergence, with their speakers, channels, measures and articles.
    pub fn conflicts_only(&self) -> ProvGraph {
        let start: Vec<NodeIndex> = self
            .conflict_clusters()
            .into_iter()
            .filter(|c| c.conflicts + c.divergences > 0)
            .flat_map(|c| c.claims)
            .collect();
        let mut keep = self.neighbourhood(&start, 1);
        // Speakers' organisations too.
        let speakers: Vec<NodeIndex> = keep
            .iter()
            .copied()
            .filter(|&n| self.graph[n].kind() == NodeKind::Speaker)
            .collect();
        for s in speakers {
            for e in self.graph.edges_directed(s, Direction::Outgoing) {
                if e.weight().kind == EdgeKind::SpeaksFor {
                    keep.insert(e.target());
                }
            }
        }
        self.restricted(&keep)
    }
}

// ---------------------------------------------------------------------------------------
// Loading from the claim store
// ---------------------------------------------------------------------------------------

/// Reads the articles under `paths` (files or directories of `.txt`): for each, its claims
/// file under `claims_dir` when there is one (rejected entries left out), extraction
/// otherwise. The one loader is [`crate::consistency::load`]; its warnings are printed.
pub fn load_articles(paths: &[PathBuf], claims_dir: &Path) -> Result<Vec<ArticleInput>, Report> {
    let loaded = crate::consistency::load(paths, claims_dir)?;
    for w in &loaded.warnings {
        eprintln!("warning: {w}");
    }
    Ok(loaded.articles.iter().map(ArticleInput::from).collect())
}

impl From<&crate::consistency::ArticleClaims> for ArticleInput {
    fn from(a: &crate::consistency::ArticleClaims) -> ArticleInput {
        ArticleInput {
            path: a.path.clone(),
            metadata: a.metadata.clone(),
            speakers: a.speakers.clone(),
            claims: a.claims.clone(),
            assertions: a.assertions.clone(),
            from_store: a.claims_file.is_some(),
        }
    }
}

impl ConsistencyInput {
    /// The graph's view of consistency results: the measures of `conflicts --format json`.
    pub fn from_consistency(c: &crate::consistency::Consistency) -> ConsistencyInput {
        // The JSON shape is the stable interface between the two; going through it keeps
        // the graph independent of the analysis's internal types.
        serde_json::from_value(crate::report::json(c)).unwrap_or_default()
    }
}

/// The article files the claim store knows about: for each claims file in `claims_dir`,
/// the article it names (resolved as `check` does), when it exists.
pub fn articles_in_store(claims_dir: &Path) -> Result<Vec<PathBuf>, Report> {
    let entries = std::fs::read_dir(claims_dir).map_err(|e| {
        miette::miette!(
            "{}: cannot list the claim store: {e}; name the articles to draw",
            claims_dir.display()
        )
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let stored = crate::store::load(&f).map_err(crate::store::StoreError::into_report)?;
        match crate::store::article_candidates(&f, &stored.article.path)
            .into_iter()
            .find(|p| p.exists())
        {
            Some(p) => out.push(p),
            None => eprintln!(
                "warning: {}: its article {} was not found; left out",
                f.display(),
                stored.article.path
            ),
        }
    }
    Ok(out)
}

/// Builds the graph the `graph` and `export` commands draw: the articles under `paths`
/// (or every article of the claim store when `paths` is empty), plus the consistency
/// results read from `consistency` (issue 3's JSON) when given.
pub fn load_graph(
    paths: &[PathBuf],
    claims_dir: &Path,
    consistency: Option<&Path>,
) -> Result<ProvGraph, Report> {
    let paths = if paths.is_empty() {
        articles_in_store(claims_dir)?
    } else {
        paths.to_vec()
    };
    let loaded = crate::consistency::load(&paths, claims_dir)?;
    for w in &loaded.warnings {
        eprintln!("warning: {w}");
    }
    let articles: Vec<ArticleInput> = loaded.articles.iter().map(ArticleInput::from).collect();
    let input = match consistency {
        // Computed with the built-in measures lexicon, as `claimtrace conflicts` does.
        None => ConsistencyInput::from_consistency(&crate::consistency::analyse(
            &loaded.articles,
            &crate::measures::Lexicon::default_lexicon(),
        )),
        Some(p) => {
            let src = std::fs::read_to_string(p)
                .map_err(|e| miette::miette!("{}: cannot read: {e}", p.display()))?;
            ConsistencyInput::from_json(&src).map_err(|e| {
                miette::miette!(
                    "{}:{}:{}: not consistency results (the JSON of `claimtrace conflicts --format json`): {e}",
                    p.display(),
                    e.line(),
                    e.column()
                )
            })?
        }
    };
    let g = ProvGraph::build(&articles, &input);
    for w in &g.warnings {
        eprintln!("warning: {w}");
    }
    Ok(g)
}
