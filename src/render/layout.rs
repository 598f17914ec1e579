//! Layout for the embedded renderer: a layered drawing with one column per role, read
//! left to right: measures | claims (grouped under their article, in text order) |
//! speakers | organisations and outlets. Columns other than the claims' are ordered and
//! placed by the barycentre of their neighbours, so the whole layout is a few linear
//! passes plus sorts: O(n log n), fast enough for any graph the image can show.

use std::collections::HashMap;

use petgraph::stable_graph::NodeIndex;
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use crate::graph::{EdgeKind, Node, NodeKind, ProvGraph};

use super::text::Metrics;

pub const FONT_SIZE: f64 = 12.0;
pub const LINE_HEIGHT: f64 = 15.0;
const COLUMN_GAP: f64 = 150.0;
const ROW_GAP: f64 = 8.0;
const GROUP_GAP: f64 = 22.0;
const MARGIN: f64 = 24.0;
/// Width of the band left of the claims where relations between claims are drawn.
pub const ARC_BAND: f64 = 110.0;

/// A placed node: centre, size, lines of text.
#[derive(Debug, Clone)]
pub struct Placed {
    pub node: NodeIndex,
    pub column: usize,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub lines: Vec<String>,
}

/// A placed article frame around its claims.
#[derive(Debug, Clone)]
pub struct Frame {
    pub article: NodeIndex,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

#[derive(Debug, Clone)]
pub struct Layout {
    pub nodes: Vec<Placed>,
    pub frames: Vec<Frame>,
    pub width: f64,
    pub height: f64,
    pub by_node: HashMap<NodeIndex, usize>,
}

fn column_of(node: &Node) -> usize {
    match node.kind() {
        NodeKind::Measure => 0,
        NodeKind::Article | NodeKind::Claim => 1,
        NodeKind::Speaker => 2,
        NodeKind::Organization | NodeKind::Outlet => 3,
    }
}

/// The lines drawn in a node: for a claim, its label and then the figures it asserts.
pub fn node_lines(g: &ProvGraph, n: NodeIndex) -> Vec<String> {
    let node = &g.graph[n];
    let mut lines = vec![node.label()];
    if let Node::Claim(_) = node {
        for e in g.graph.edges_directed(n, Direction::Outgoing) {
            if let (Some(f), Node::Measure { label, id }) =
                (&e.weight().figure, &g.graph[e.target()])
            {
                let what = if label.is_empty() { id } else { label };
                lines.push(format!(
                    "{} — {}",
                    f.short(),
                    crate::graph::shorten(what, 26)
                ));
            }
        }
    }
    lines
}

/// Lays `g` out. `m` measures text.
pub fn layout(g: &ProvGraph, m: &Metrics) -> Layout {
    let mut nodes: Vec<Placed> = Vec::with_capacity(g.node_count());
    let mut by_node: HashMap<NodeIndex, usize> = HashMap::with_capacity(g.node_count());
    for n in g.graph.node_indices() {
        let lines = node_lines(g, n);
        let tw = lines
            .iter()
            .map(|l| m.width(l, FONT_SIZE))
            .fold(0.0_f64, f64::max);
        let kind = g.graph[n].kind();
        let (padx, pady) = match kind {
            NodeKind::Claim => (22.0, 7.0),
            NodeKind::Speaker | NodeKind::Organization | NodeKind::Outlet => (14.0, 10.0),
            _ => (12.0, 6.0),
        };
        let h = lines.len() as f64 * LINE_HEIGHT + 2.0 * pady;
        by_node.insert(n, nodes.len());
        nodes.push(Placed {
            node: n,
            column: column_of(&g.graph[n]),
            x: 0.0,
            y: 0.0,
            w: tw + 2.0 * padx,
            h,
            lines,
        });
    }

    // Column widths and x positions.
    let mut col_w = [0.0_f64; 4];
    for p in &nodes {
        col_w[p.column] = col_w[p.column].max(p.w);
    }
    let mut col_x = [0.0_f64; 4];
    let mut x = MARGIN;
    for c in 0..4 {
        let gap = if c == 1 { ARC_BAND } else { 0.0 };
        x += gap;
        col_x[c] = x + col_w[c] / 2.0;
        x += col_w[c] + if col_w[c] > 0.0 { COLUMN_GAP } else { 0.0 };
    }
    let width = x - COLUMN_GAP + MARGIN;
    for p in nodes.iter_mut() {
        p.x = col_x[p.column];
    }

    // Claims column: articles in order, each followed by its claims in text order.
    let mut articles: Vec<NodeIndex> = g.nodes_of(NodeKind::Article);
    articles.sort_by(|a, b| g.graph[*a].label().cmp(&g.graph[*b].label()).then(a.cmp(b)));
    let mut claims_of: HashMap<NodeIndex, Vec<NodeIndex>> = HashMap::new();
    let mut orphans = Vec::new();
    for c in g.nodes_of(NodeKind::Claim) {
        let art = g
            .graph
            .edges(c)
            .find(|e| e.weight().kind == EdgeKind::ReportedIn)
            .map(|e| e.target());
        match art {
            Some(a) => claims_of.entry(a).or_default().push(c),
            None => orphans.push(c),
        }
    }
    let pos = |n: &NodeIndex| match &g.graph[*n] {
        Node::Claim(c) => (c.start, c.id.clone()),
        _ => (0, String::new()),
    };
    let mut frames = Vec::new();
    let mut y = MARGIN + 30.0;
    let claim_w = col_w[1];
    for a in &articles {
        let top = y;
        let i = by_node[a];
        nodes[i].y = y + nodes[i].h / 2.0 + 4.0;
        y += nodes[i].h + 4.0 + ROW_GAP * 2.0;
        let mut cs = claims_of.remove(a).unwrap_or_default();
        cs.sort_by_key(pos);
        for c in cs {
            let i = by_node[&c];
            nodes[i].y = y + nodes[i].h / 2.0;
            y += nodes[i].h + ROW_GAP;
        }
        frames.push(Frame {
            article: *a,
            x: col_x[1] - claim_w / 2.0 - 10.0,
            y: top - 6.0,
            w: claim_w + 20.0,
            h: y - top + 6.0,
        });
        y += GROUP_GAP;
    }
    orphans.sort_by_key(pos);
    for c in orphans {
        let i = by_node[&c];
        nodes[i].y = y + nodes[i].h / 2.0;
        y += nodes[i].h + ROW_GAP;
    }
    let mut height = y;

    // Other columns by barycentre: speakers from claims, then organisations and outlets
    // from speakers and claims, measures from claims.
    for col in [2usize, 3, 0] {
        let mut members: Vec<(f64, usize)> = Vec::new();
        for (i, p) in nodes.iter().enumerate() {
            if p.column != col {
                continue;
            }
            let ys: Vec<f64> = g
                .neighbours(p.node)
                .into_iter()
                .filter_map(|(_, m)| by_node.get(&m).map(|&j| &nodes[j]))
                .filter(|q| q.column != col && q.y > 0.0)
                .map(|q| q.y)
                .collect();
            let want = if ys.is_empty() {
                f64::MAX
            } else {
                ys.iter().sum::<f64>() / ys.len() as f64
            };
            members.push((want, i));
        }
        members.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        // Place in order without overlap, then shift up by the mean displacement.
        let mut placed: Vec<(usize, f64, f64)> = Vec::with_capacity(members.len());
        let mut next_top = MARGIN + 30.0;
        for (want, i) in &members {
            let h = nodes[*i].h;
            let want = if *want == f64::MAX {
                next_top + h / 2.0
            } else {
                *want
            };
            let cy = want.max(next_top + h / 2.0);
            placed.push((*i, cy, want));
            next_top = cy + h / 2.0 + ROW_GAP;
        }
        if !placed.is_empty() {
            let shift = placed.iter().map(|(_, cy, w)| cy - w).sum::<f64>() / placed.len() as f64;
            let first_top = placed[0].1 - nodes[placed[0].0].h / 2.0;
            let shift = shift.min(first_top - (MARGIN + 30.0)).max(0.0);
            for (i, cy, _) in placed {
                nodes[i].y = cy - shift;
                height = height.max(nodes[i].y + nodes[i].h / 2.0 + ROW_GAP);
            }
        }
    }
    Layout {
        nodes,
        frames,
        width,
        height: height + MARGIN,
        by_node,
    }
}
