//! SVG writer for the embedded renderer.

use std::fmt::Write as _;

use petgraph::visit::{EdgeRef, IntoEdgeReferences};

use crate::dot::style::*;
use crate::graph::{EdgeKind, Node, NodeKind, ProvGraph};

use super::layout::{Layout, Placed, ARC_BAND, FONT_SIZE, LINE_HEIGHT};
use super::text::{Metrics, FONT_FAMILY};

/// Text for SVG content and attribute values: XML's five special characters escaped, and
/// characters XML 1.0 does not allow dropped.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

struct EdgeStyle {
    color: &'static str,
    width: f64,
    dash: Option<&'static str>,
    arrow: bool,
}

fn edge_style(kind: EdgeKind) -> EdgeStyle {
    let s = |color, width, dash, arrow| EdgeStyle {
        color,
        width,
        dash,
        arrow,
    };
    match kind {
        EdgeKind::Conflicts => s(CONFLICT, 3.0, None, false),
        EdgeKind::Corroborates => s(CORROBORATE, 2.0, None, false),
        EdgeKind::Diverges => s(DIVERGE, 2.0, Some("7 4"), false),
        EdgeKind::Updates => s(UPDATE, 2.0, Some("2 3"), true),
        EdgeKind::Asserts => s(MEASURE_LINE, 1.2, None, true),
        EdgeKind::ReportedIn | EdgeKind::PublishedBy => s(FAINT_EDGE, 1.0, None, true),
        _ => s(PLAIN_EDGE, 0.9, None, true),
    }
}

fn path_attrs(st: &EdgeStyle) -> String {
    let mut a = format!(
        r#"fill="none" stroke="{}" stroke-width="{}""#,
        st.color, st.width
    );
    if let Some(d) = st.dash {
        let _ = write!(a, r#" stroke-dasharray="{d}""#);
    }
    a
}

fn arrow_head(out: &mut String, x: f64, y: f64, dir: f64, color: &str) {
    // A small triangle pointing along `dir` (+1 right, -1 left) with its tip at (x, y).
    let b = x - dir * 7.0;
    let _ = writeln!(
        out,
        r#"<path d="M{x:.1},{y:.1} L{b:.1},{:.1} L{b:.1},{:.1} Z" fill="{color}"/>"#,
        y - 3.5,
        y + 3.5
    );
}

fn shape(out: &mut String, node: &Node, p: &Placed) {
    let (l, t, w, h) = (p.x - p.w / 2.0, p.y - p.h / 2.0, p.w, p.h);
    let (r, b) = (l + w, t + h);
    match node.kind() {
        NodeKind::Claim => {
            let dash = matches!(node, Node::Claim(c) if c.own_voice);
            let _ = writeln!(
                out,
                r#"<ellipse cx="{:.1}" cy="{:.1}" rx="{:.1}" ry="{:.1}" fill="{ENTITY_FILL}" stroke="{ENTITY_LINE}"{}/>"#,
                p.x,
                p.y,
                w / 2.0,
                h / 2.0,
                if dash {
                    r#" stroke-dasharray="4 3""#
                } else {
                    ""
                }
            );
        }
        NodeKind::Speaker | NodeKind::Organization | NodeKind::Outlet => {
            let outlet = node.kind() == NodeKind::Outlet;
            let anon = matches!(node, Node::Speaker(s) if s.is_anonymous());
            let roof = t + (h * 0.28).min(10.0);
            let _ = writeln!(
                out,
                r#"<path d="M{l:.1},{b:.1} L{l:.1},{roof:.1} L{:.1},{t:.1} L{r:.1},{roof:.1} L{r:.1},{b:.1} Z" fill="{}" stroke="{AGENT_LINE}" stroke-width="{}"{}/>"#,
                p.x,
                if outlet { OUTLET_FILL } else { AGENT_FILL },
                if outlet { 2.0 } else { 1.0 },
                if anon {
                    r#" stroke-dasharray="4 3""#
                } else {
                    ""
                }
            );
        }
        NodeKind::Measure => {
            let _ = writeln!(
                out,
                r#"<rect x="{l:.1}" y="{t:.1}" width="{w:.1}" height="{h:.1}" rx="8" fill="{MEASURE_FILL}" stroke="{MEASURE_LINE}" stroke-width="2"/>"#
            );
        }
        NodeKind::Article => {
            let f = 10.0_f64.min(h / 2.0);
            let _ = writeln!(
                out,
                r#"<path d="M{l:.1},{t:.1} L{:.1},{t:.1} L{r:.1},{:.1} L{r:.1},{b:.1} L{l:.1},{b:.1} Z" fill="{ARTICLE_FILL}" stroke="{ENTITY_LINE}"/>"#,
                r - f,
                t + f
            );
        }
    }
}

fn text_lines(out: &mut String, x: f64, cy: f64, lines: &[String], roof: bool) {
    let n = lines.len() as f64;
    let mut y = cy - n * LINE_HEIGHT / 2.0 + LINE_HEIGHT * 0.78 + if roof { 3.0 } else { 0.0 };
    for (i, line) in lines.iter().enumerate() {
        let weight = if i > 0 { r#" font-weight="bold""# } else { "" };
        let _ = writeln!(
            out,
            r#"<text x="{x:.1}" y="{y:.1}" text-anchor="middle"{weight}>{}</text>"#,
            xml_escape(line)
        );
        y += LINE_HEIGHT;
    }
}

fn legend(out: &mut String, x0: f64, y0: f64, m: &Metrics) -> (f64, f64) {
    let mut x = x0 + 12.0;
    let y = y0 + 34.0;
    let mut g = String::new();
    let _ = writeln!(
        g,
        r#"<text x="{:.1}" y="{:.1}" font-weight="bold">Legend</text>"#,
        x0 + 12.0,
        y0 + 16.0
    );
    let items: [(&str, NodeKind, bool); 6] = [
        ("claim (entity)", NodeKind::Claim, false),
        ("article (entity)", NodeKind::Article, false),
        ("speaker (agent)", NodeKind::Speaker, false),
        ("anonymous source", NodeKind::Speaker, true),
        ("outlet or channel", NodeKind::Outlet, false),
        ("measure", NodeKind::Measure, false),
    ];
    for (label, kind, anon) in items {
        let w = m.width(label, FONT_SIZE) + 28.0;
        let node = match kind {
            NodeKind::Claim => Node::Claim(crate::graph::ClaimNode {
                article: String::new(),
                id: String::new(),
                speaker_text: String::new(),
                cue: String::new(),
                content: String::new(),
                start: 0,
                end: 0,
                mode: None,
                anonymous: false,
                hedged: false,
                own_voice: false,
                rule: String::new(),
            }),
            NodeKind::Article => Node::Article(crate::graph::ArticleNode {
                path: String::new(),
                title: None,
                outlet: None,
                date: None,
                from_store: false,
            }),
            NodeKind::Speaker => Node::Speaker(crate::graph::SpeakerNode {
                name: String::new(),
                kind: if anon {
                    crate::model::SpeakerKind::Anonymous
                } else {
                    crate::model::SpeakerKind::Person
                },
                article: String::new(),
                id: String::new(),
                aliases: Vec::new(),
            }),
            NodeKind::Outlet => Node::Outlet {
                name: String::new(),
            },
            _ => Node::Measure {
                id: String::new(),
                label: String::new(),
            },
        };
        let p = Placed {
            node: petgraph::stable_graph::NodeIndex::new(0),
            column: 0,
            x: x + w / 2.0,
            y,
            w,
            h: 26.0,
            lines: vec![label.to_owned()],
        };
        shape(&mut g, &node, &p);
        text_lines(
            &mut g,
            p.x,
            p.y,
            &p.lines,
            matches!(kind, NodeKind::Speaker | NodeKind::Outlet),
        );
        x += w + 12.0;
    }
    let row1 = x;
    let mut x = x0 + 12.0;
    let y2 = y + 34.0;
    for kind in [
        EdgeKind::SaidBy,
        EdgeKind::Asserts,
        EdgeKind::Conflicts,
        EdgeKind::Corroborates,
        EdgeKind::Diverges,
        EdgeKind::Updates,
    ] {
        let st = edge_style(kind);
        let label = if kind == EdgeKind::Asserts {
            "asserts a figure on"
        } else if kind == EdgeKind::SaidBy {
            "said by / via / speaks for"
        } else {
            kind.as_str()
        };
        let _ = writeln!(
            g,
            r#"<path d="M{x:.1},{y2:.1} L{:.1},{y2:.1}" {}/>"#,
            x + 40.0,
            path_attrs(&st)
        );
        if st.arrow {
            arrow_head(&mut g, x + 40.0, y2, 1.0, st.color);
        }
        let _ = writeln!(
            g,
            r#"<text x="{:.1}" y="{:.1}">{}</text>"#,
            x + 46.0,
            y2 + 4.0,
            xml_escape(label)
        );
        x += 46.0 + m.width(label, FONT_SIZE) + 18.0;
    }
    let note = "A frame holds the claims reported in one article; hover a node for the full quote.";
    let _ = writeln!(
        g,
        r##"<text x="{:.1}" y="{:.1}" fill="#555555">{}</text>"##,
        x0 + 12.0,
        y2 + 28.0,
        xml_escape(note)
    );
    let w = row1.max(x).max(x0 + 24.0 + m.width(note, FONT_SIZE)) - x0;
    let h = 120.0;
    let _ = writeln!(
        out,
        r##"<rect x="{x0:.1}" y="{y0:.1}" width="{w:.1}" height="{h:.1}" rx="6" fill="#FAFAFA" stroke="#999999"/>"##
    );
    out.push_str(&g);
    (w, h)
}

/// The free height nearest `want` in a column whose nodes take up `taken` (sorted by top).
fn free_y(taken: &[(f64, f64)], want: f64) -> f64 {
    const PAD: f64 = 3.0;
    let mut best = want;
    let mut best_d = f64::INFINITY;
    let mut top = f64::NEG_INFINITY;
    for &(t, b) in taken
        .iter()
        .chain(std::iter::once(&(f64::INFINITY, f64::INFINITY)))
    {
        // The gap [top, t).
        if t - top >= 2.0 * PAD {
            let y = want.clamp(top + PAD, t - PAD);
            if (y - want).abs() < best_d {
                best_d = (y - want).abs();
                best = y;
            }
        }
        top = top.max(b);
    }
    best
}

/// The SVG document of `g` laid out as `lay`.
pub fn write_svg(g: &ProvGraph, lay: &Layout, m: &Metrics, title: &str) -> String {
    let mut legend_svg = String::new();
    let (legend_w, legend_h) = legend(&mut legend_svg, 24.0, lay.height, m);
    let width = lay.width.max(legend_w + 48.0);
    let height = lay.height + legend_h + 24.0;
    let mut out = String::with_capacity(1024 + g.node_count() * 600);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="{FONT_FAMILY}, sans-serif" font-size="{FONT_SIZE}">"#
    );
    let _ = writeln!(out, "<title>{}</title>", xml_escape(title));
    let _ = writeln!(
        out,
        r##"<rect x="0" y="0" width="{width:.0}" height="{height:.0}" fill="#FFFFFF"/>"##
    );
    let _ = writeln!(
        out,
        r#"<text x="24" y="30" font-size="16" font-weight="bold">{}</text>"#,
        xml_escape(title)
    );

    for f in &lay.frames {
        let _ = writeln!(
            out,
            r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="8" fill="none" stroke="#C8B900" stroke-width="1.2"/>"##,
            f.x, f.y, f.w, f.h
        );
    }

    // Where each column's nodes stand, for routing edges past them.
    let mut col_x: Vec<Option<f64>> = vec![None; 4];
    let mut gaps: Vec<Vec<(f64, f64)>> = vec![Vec::new(); 4];
    for p in &lay.nodes {
        if let Some(slot) = col_x.get_mut(p.column) {
            *slot = Some(p.x);
        }
        if let Some(list) = gaps.get_mut(p.column) {
            list.push((p.y - p.h / 2.0, p.y + p.h / 2.0));
        }
    }
    for list in gaps.iter_mut() {
        list.sort_by(|a, b| a.0.total_cmp(&b.0));
    }

    // Edges under the nodes; relations last so they stay on top of the rest.
    let mut edges: Vec<_> = g.graph.edge_references().collect();
    edges.sort_by_key(|e| e.weight().kind.is_relation());
    out.push_str("<g>\n");
    for e in edges {
        let kind = e.weight().kind;
        if kind == EdgeKind::ReportedIn {
            continue; // shown by the article's frame
        }
        let (Some(&i), Some(&j)) = (lay.by_node.get(&e.source()), lay.by_node.get(&e.target()))
        else {
            continue;
        };
        let (a, b) = (&lay.nodes[i], &lay.nodes[j]);
        let st = edge_style(kind);
        let tip = xml_escape(&format!(
            "{} {} {}",
            g.graph[e.source()].label(),
            kind.as_str(),
            g.graph[e.target()].label()
        ));
        if a.column == b.column {
            // Same column: an arc on the left for claims (the relation band), on the
            // right otherwise.
            let left = a.column <= 1;
            let dir = if left { -1.0 } else { 1.0 };
            let ax = a.x + dir * a.w / 2.0;
            let bx = b.x + dir * b.w / 2.0;
            let reach = (18.0 + (a.y - b.y).abs() * 0.18).min(ARC_BAND - 12.0);
            let cx = if left {
                ax.min(bx) - reach
            } else {
                ax.max(bx) + reach
            };
            let _ = writeln!(
                out,
                r#"<path d="M{ax:.1},{:.1} C{cx:.1},{:.1} {cx:.1},{:.1} {bx:.1},{:.1}" {}><title>{tip}</title></path>"#,
                a.y,
                a.y,
                b.y,
                b.y,
                path_attrs(&st)
            );
            if st.arrow {
                arrow_head(&mut out, bx, b.y, -dir, st.color);
            }
        } else {
            let dir = if b.column > a.column { 1.0 } else { -1.0 };
            let ax = a.x + dir * a.w / 2.0;
            let bx = b.x - dir * b.w / 2.0;
            // An edge that skips a column passes it through a gap between its nodes, so
            // it is not read as leaving the node it would cross.
            let (lo, hi) = (a.column.min(b.column), a.column.max(b.column));
            let mut d = format!("M{ax:.1},{:.1}", a.y);
            let (mut px, mut py) = (ax, a.y);
            for c in lo + 1..hi {
                let Some(gaps) = gaps.get(c) else { continue };
                let Some(cx) = col_x.get(c).copied().flatten() else {
                    continue;
                };
                let want = (a.y + b.y) / 2.0;
                let wy = free_y(gaps, want);
                let dx = (cx - px) * 0.5;
                let _ = write!(
                    d,
                    " C{:.1},{py:.1} {:.1},{wy:.1} {cx:.1},{wy:.1}",
                    px + dx,
                    cx - dx
                );
                (px, py) = (cx, wy);
            }
            let dx = (bx - px) * 0.5;
            let _ = write!(
                d,
                " C{:.1},{py:.1} {:.1},{:.1} {bx:.1},{:.1}",
                px + dx,
                bx - dx,
                b.y,
                b.y
            );
            let _ = writeln!(
                out,
                r#"<path d="{d}" {}><title>{tip}</title></path>"#,
                path_attrs(&st)
            );
            if st.arrow {
                arrow_head(&mut out, bx, b.y, dir, st.color);
            }
        }
    }
    out.push_str("</g>\n");

    for p in &lay.nodes {
        let node = &g.graph[p.node];
        let _ = writeln!(out, "<g><title>{}</title>", xml_escape(&node.detail()));
        shape(&mut out, node, p);
        text_lines(
            &mut out,
            p.x,
            p.y,
            &p.lines,
            matches!(
                node.kind(),
                NodeKind::Speaker | NodeKind::Organization | NodeKind::Outlet
            ),
        );
        out.push_str("</g>\n");
    }

    out.push_str(&legend_svg);
    out.push_str("</svg>\n");
    out
}
