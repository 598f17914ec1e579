//! The provenance graph as Graphviz DOT, built with graphviz-rust's structures.
//!
//! Drawing follows the W3C PROV conventions (entities as yellow ovals, agents as orange
//! houses) and adds claimtrace's own: measures as lavender rounded boxes; conflicts red and
//! bold, corroboration green, divergence orange dashed, updates blue dotted; one cluster
//! per article; a legend. Labels are short; the full quote is in the tooltip.
//!
//! Every string that comes from an article goes through [`quoted`], which escapes it for a
//! DOT quoted string (and for Graphviz's label escapes and HTML entities), so no text can
//! change the structure or the attributes of the graph. graphviz-rust's own `id!(esc …)`
//! only wraps the text in quotes and does not escape `"`: it is not used here.

use std::collections::BTreeMap;

use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph, GraphAttributes, Id, Node as DotNode, NodeId, Stmt,
    Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};

use crate::graph::{EdgeKind, Node, NodeKind, ProvGraph};

/// Ids of the legend's nodes start with this; no node of the graph does.
pub const LEGEND_PREFIX: &str = "legend_";

/// A DOT quoted string holding `text` exactly: `\` and `"` are escaped, line breaks become
/// `\n` (a centred line break in a label), other control characters are dropped, and `&`
/// becomes `&amp;` so that text such as `&lt;` is shown as written and not as an entity.
pub fn quoted(text: &str) -> Id {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '&' => out.push_str("&amp;"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    Id::Escaped(out)
}

fn plain(s: &str) -> Id {
    Id::Plain(s.to_owned())
}

fn attr(k: &str, v: &str) -> Attribute {
    Attribute(plain(k), plain(v))
}

fn attr_q(k: &str, v: &str) -> Attribute {
    Attribute(plain(k), quoted(v))
}

/// Node id in the DOT: `n<index>`.
pub fn node_id(n: NodeIndex) -> String {
    format!("n{}", n.index())
}

/// Colours and shapes, shared with the embedded renderer.
pub mod style {
    pub const ENTITY_FILL: &str = "#FFFC87";
    pub const ENTITY_LINE: &str = "#808080";
    pub const AGENT_FILL: &str = "#FED37F";
    pub const OUTLET_FILL: &str = "#F9B55B";
    pub const AGENT_LINE: &str = "#A0522D";
    pub const MEASURE_FILL: &str = "#DCD6F7";
    pub const MEASURE_LINE: &str = "#5B4A9E";
    pub const ARTICLE_FILL: &str = "#FFF3B0";
    pub const CONFLICT: &str = "#D62728";
    pub const CORROBORATE: &str = "#2CA02C";
    pub const DIVERGE: &str = "#FF7F0E";
    pub const UPDATE: &str = "#1F77B4";
    pub const PLAIN_EDGE: &str = "#555555";
    pub const FAINT_EDGE: &str = "#BBBBBB";
}

fn node_attrs(node: &Node) -> Vec<Attribute> {
    use style::*;
    let mut a = match node.kind() {
        NodeKind::Article => vec![
            attr("shape", "note"),
            attr_q("fillcolor", ARTICLE_FILL),
            attr_q("color", ENTITY_LINE),
            attr_q("style", "filled"),
        ],
        NodeKind::Claim => {
            let dashed = matches!(node, Node::Claim(c) if c.own_voice);
            vec![
                attr("shape", "oval"),
                attr_q("fillcolor", ENTITY_FILL),
                attr_q("color", ENTITY_LINE),
                attr_q("style", if dashed { "filled,dashed" } else { "filled" }),
            ]
        }
        NodeKind::Speaker | NodeKind::Organization => {
            let dashed = matches!(node, Node::Speaker(s) if s.is_anonymous());
            vec![
                attr("shape", "house"),
                attr_q("fillcolor", AGENT_FILL),
                attr_q("color", AGENT_LINE),
                attr_q("style", if dashed { "filled,dashed" } else { "filled" }),
            ]
        }
        NodeKind::Outlet => vec![
            attr("shape", "house"),
            attr_q("fillcolor", OUTLET_FILL),
            attr_q("color", AGENT_LINE),
            attr_q("style", "filled,bold"),
        ],
        NodeKind::Measure => vec![
            attr("shape", "box"),
            attr_q("fillcolor", MEASURE_FILL),
            attr_q("color", MEASURE_LINE),
            attr_q("style", "filled,rounded,bold"),
        ],
    };
    a.push(attr_q("label", &node.label()));
    a.push(attr_q("tooltip", &node.detail()));
    a
}

fn edge_attrs(kind: EdgeKind, label: &str) -> Vec<Attribute> {
    use style::*;
    let mut a = match kind {
        EdgeKind::Conflicts => vec![
            attr_q("color", CONFLICT),
            attr_q("style", "bold"),
            attr("penwidth", "2.5"),
            attr("dir", "both"),
            attr("constraint", "false"),
        ],
        EdgeKind::Corroborates => vec![
            attr_q("color", CORROBORATE),
            attr("penwidth", "1.8"),
            attr("constraint", "false"),
        ],
        EdgeKind::Diverges => vec![
            attr_q("color", DIVERGE),
            attr_q("style", "dashed"),
            attr("penwidth", "1.8"),
            attr("constraint", "false"),
        ],
        EdgeKind::Updates => vec![
            attr_q("color", UPDATE),
            attr_q("style", "dotted"),
            attr("penwidth", "1.8"),
            attr("constraint", "false"),
        ],
        EdgeKind::ReportedIn | EdgeKind::PublishedBy => {
            vec![attr_q("color", FAINT_EDGE), attr("arrowsize", "0.6")]
        }
        EdgeKind::Asserts => vec![attr_q("color", MEASURE_LINE)],
        // said by, via, speaks for: the graph's edge defaults.
        _ => Vec::new(),
    };
    if !label.is_empty() {
        a.push(attr_q("label", label));
    }
    if kind.is_relation() || kind == EdgeKind::Asserts {
        a.push(attr_q("tooltip", kind.as_str()));
    }
    a
}

fn edge_stmt(a: &str, b: &str, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Edge(DotEdge {
        ty: EdgeTy::Pair(
            Vertex::N(NodeId(plain(a), None)),
            Vertex::N(NodeId(plain(b), None)),
        ),
        attributes,
    })
}

fn legend() -> Stmt {
    use style::*;
    let p = LEGEND_PREFIX;
    let mut stmts = vec![
        Stmt::Attribute(attr_q("label", "Legend")),
        Stmt::Attribute(attr_q("style", "rounded")),
        Stmt::Attribute(attr_q("color", "#999999")),
        Stmt::Attribute(attr("fontsize", "11")),
    ];
    let nodes: [(&str, &str, Vec<Attribute>); 6] = [
        (
            "claim",
            "claim (entity)",
            vec![
                attr("shape", "oval"),
                attr_q("fillcolor", ENTITY_FILL),
                attr_q("style", "filled"),
            ],
        ),
        (
            "speaker",
            "speaker (agent)",
            vec![
                attr("shape", "house"),
                attr_q("fillcolor", AGENT_FILL),
                attr_q("style", "filled"),
            ],
        ),
        (
            "outlet",
            "outlet / channel",
            vec![
                attr("shape", "house"),
                attr_q("fillcolor", OUTLET_FILL),
                attr_q("style", "filled,bold"),
            ],
        ),
        (
            "measure",
            "measure (what is counted)",
            vec![
                attr("shape", "box"),
                attr_q("fillcolor", MEASURE_FILL),
                attr_q("style", "filled,rounded,bold"),
            ],
        ),
        (
            "article",
            "article",
            vec![
                attr("shape", "note"),
                attr_q("fillcolor", ARTICLE_FILL),
                attr_q("style", "filled"),
            ],
        ),
        (
            "anon",
            "anonymous source",
            vec![
                attr("shape", "house"),
                attr_q("fillcolor", AGENT_FILL),
                attr_q("style", "filled,dashed"),
            ],
        ),
    ];
    for (id, label, mut attrs) in nodes {
        attrs.push(attr_q("label", label));
        attrs.push(attr("fontsize", "10"));
        stmts.push(Stmt::Node(DotNode::new(
            NodeId(plain(&format!("{p}{id}")), None),
            attrs,
        )));
    }
    // Relation samples: two small points per kind.
    for kind in [
        EdgeKind::Conflicts,
        EdgeKind::Corroborates,
        EdgeKind::Diverges,
        EdgeKind::Updates,
    ] {
        let name = format!("{kind:?}").to_lowercase();
        let (a, b) = (format!("{p}{name}_a"), format!("{p}{name}_b"));
        for id in [&a, &b] {
            stmts.push(Stmt::Node(DotNode::new(
                NodeId(plain(id), None),
                vec![
                    attr("shape", "point"),
                    attr("width", "0.05"),
                    attr_q("color", "#999999"),
                ],
            )));
        }
        let mut attrs = edge_attrs(kind, kind.as_str());
        attrs.retain(|x| x.0 != plain("constraint"));
        stmts.push(edge_stmt(&a, &b, attrs));
    }
    Stmt::Subgraph(Subgraph {
        id: plain("cluster_legend"),
        stmts,
    })
}

/// The DOT graph structure of `g`.
pub fn to_graph(g: &ProvGraph) -> Graph {
    let mut stmts = vec![
        Stmt::Attribute(attr("rankdir", "LR")),
        Stmt::Attribute(attr_q("fontname", "DejaVu Sans")),
        Stmt::Attribute(attr("ranksep", "0.6")),
        Stmt::Attribute(attr("nodesep", "0.15")),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr_q("fontname", "DejaVu Sans"),
            attr("fontsize", "11"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr_q("fontname", "DejaVu Sans"),
            attr("fontsize", "10"),
            attr_q("color", style::PLAIN_EDGE),
            attr("arrowsize", "0.7"),
        ])),
    ];

    // Claims go into their article's cluster.
    let mut clusters: BTreeMap<NodeIndex, Vec<NodeIndex>> = BTreeMap::new();
    let mut free = Vec::new();
    for n in g.graph.node_indices() {
        match g.graph[n].kind() {
            NodeKind::Article => {
                clusters.entry(n).or_default();
            }
            NodeKind::Claim => {
                let art = g
                    .graph
                    .edges(n)
                    .find(|e| e.weight().kind == EdgeKind::ReportedIn)
                    .map(|e| e.target());
                match art {
                    Some(a) => clusters.entry(a).or_default().push(n),
                    None => free.push(n),
                }
            }
            _ => free.push(n),
        }
    }
    let node_stmt = |n: NodeIndex| {
        Stmt::Node(DotNode::new(
            NodeId(plain(&node_id(n)), None),
            node_attrs(&g.graph[n]),
        ))
    };
    for (i, (art, claims)) in clusters.iter().enumerate() {
        let title = match &g.graph[*art] {
            Node::Article(a) => a
                .outlet
                .clone()
                .map(|o| format!("{o}: {}", a.path))
                .unwrap_or_else(|| a.path.clone()),
            _ => String::new(),
        };
        let mut sub = vec![
            Stmt::Attribute(attr_q("label", &crate::graph::shorten(&title, 80))),
            Stmt::Attribute(attr_q("style", "rounded")),
            Stmt::Attribute(attr_q("color", "#C8B900")),
            node_stmt(*art),
        ];
        sub.extend(claims.iter().map(|&c| node_stmt(c)));
        stmts.push(Stmt::Subgraph(Subgraph {
            id: plain(&format!("cluster_{i}")),
            stmts: sub,
        }));
    }
    stmts.extend(free.into_iter().map(node_stmt));
    for e in g.graph.edge_references() {
        let kind = e.weight().kind;
        let label = if kind.is_relation() {
            String::new() // colour and legend say it; the tooltip too
        } else {
            e.weight().label()
        };
        let mut attrs = edge_attrs(kind, &label);
        let (a, b) = (node_id(e.source()), node_id(e.target()));
        if kind == EdgeKind::ReportedIn {
            // The article's cluster already says it: the edge ranks the article left of its
            // claims and is not drawn.
            attrs = vec![attr_q("style", "invis"), attr("dir", "back")];
            stmts.push(edge_stmt(&b, &a, attrs));
        } else if kind == EdgeKind::Asserts {
            // Written measure -> claim with the arrow drawn backwards, so that Graphviz
            // ranks measures left of the claims and the arrow still points at the measure;
            // the figure stands at the claim's end.
            for a in attrs.iter_mut() {
                if a.0 == plain("label") {
                    a.0 = plain("headlabel");
                }
            }
            attrs.push(attr("dir", "back"));
            stmts.push(edge_stmt(&b, &a, attrs));
        } else {
            stmts.push(edge_stmt(&a, &b, attrs));
        }
    }
    stmts.push(legend());
    Graph::DiGraph {
        id: plain("provenance"),
        strict: false,
        stmts,
    }
}

/// The DOT text of `g`.
pub fn to_dot(g: &ProvGraph) -> String {
    let mut text = to_graph(g).print(&mut PrinterContext::default());
    text.push('\n');
    text
}
