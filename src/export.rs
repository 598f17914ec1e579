//! Exports of the provenance graph: W3C PROV (PROV-JSON, PROV-N), GraphML, and our JSON.
//!
//! The PROV mapping:
//! - an article is an entity (`claimtrace:Article`, also a `prov:Collection`), attributed
//!   to its outlet (`wasAttributedTo`), with its claims as members (`hadMember`);
//! - speakers, organisations and outlets are agents (`prov:Person`, `prov:Organization`,
//!   `claimtrace:AnonymousSource` for unnamed and vague sources, `claimtrace:Outlet`);
//! - each claim is an entity derived from the speaker's statement as a `prov:Quotation`
//!   (`wasDerivedFrom(claim, statement, [prov:type='prov:Quotation'])`), the statement an
//!   entity attributed to the speaker; a spokesperson `actedOnBehalfOf` the organisation;
//! - offsets, the channel, figures and measures are in the `claimtrace:` namespace; a
//!   figure is an entity derived from its claim; an update is a `prov:Revision`;
//! - corroboration, conflict and divergence, which PROV has no relation for, are entities
//!   of type `claimtrace:Corroborates`, `claimtrace:Conflicts`, `claimtrace:Diverges`
//!   holding the two claims in `claimtrace:claimA` and `claimtrace:claimB`.

use std::fmt::Write as _;

use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use serde_json::{json, Map, Value};

use crate::graph::{EdgeKind, Node, ProvGraph};
use crate::model::SpeakerKind;

/// The namespace of claimtrace's terms and of the exported ids.
pub const NAMESPACE: &str = "urn:claimtrace:ns#";
/// Its prefix.
pub const PREFIX: &str = "claimtrace";

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    ProvJson,
    ProvN,
    GraphMl,
    Json,
}

/// The export of `g` in `format`, as text.
pub fn export(g: &ProvGraph, format: ExportFormat) -> String {
    match format {
        ExportFormat::ProvJson => {
            let mut s = serde_json::to_string_pretty(&prov_json(g)).unwrap_or_default();
            s.push('\n');
            s
        }
        ExportFormat::ProvN => prov_n(g),
        ExportFormat::GraphMl => graphml(g),
        ExportFormat::Json => {
            let mut s = serde_json::to_string_pretty(&json_export(g)).unwrap_or_default();
            s.push('\n');
            s
        }
    }
}

// ---------------------------------------------------------------------------------------
// A small PROV document model, written out as PROV-JSON or PROV-N
// ---------------------------------------------------------------------------------------

/// An attribute value.
#[derive(Debug, Clone)]
enum Val {
    Str(String),
    Int(i64),
    Num(f64),
    /// A qualified name (`prov:Person`, `claimtrace:claim3`).
    QName(String),
}

type Attrs = Vec<(String, Val)>;

#[derive(Debug, Default)]
struct Doc {
    entities: Vec<(String, Attrs)>,
    agents: Vec<(String, Attrs)>,
    /// (relation name, positional arguments as qualified names or None for `-`, attributes)
    relations: Vec<(&'static str, Vec<Option<String>>, Attrs)>,
}

fn qn(local: &str) -> String {
    format!("{PREFIX}:{local}")
}

fn id_of(g: &ProvGraph, n: NodeIndex) -> String {
    qn(&format!("{}{}", g.graph[n].kind().as_str(), n.index()))
}

fn s(k: &str, v: impl Into<String>) -> (String, Val) {
    (k.to_owned(), Val::Str(v.into()))
}

fn q(k: &str, v: impl Into<String>) -> (String, Val) {
    (k.to_owned(), Val::QName(v.into()))
}

fn i(k: &str, v: usize) -> (String, Val) {
    (k.to_owned(), Val::Int(i64::try_from(v).unwrap_or(i64::MAX)))
}

fn build_doc(g: &ProvGraph) -> Doc {
    let mut d = Doc::default();
    for n in g.graph.node_indices() {
        let id = id_of(g, n);
        let node = &g.graph[n];
        match node {
            Node::Article(a) => {
                let mut at = vec![
                    q("prov:type", qn("Article")),
                    q("prov:type", "prov:Collection"),
                    s("prov:label", node.label()),
                    s(&qn("path"), a.path.clone()),
                ];
                if let Some(t) = &a.title {
                    at.push(s(&qn("title"), t.clone()));
                }
                if let Some(dt) = &a.date {
                    at.push(s(&qn("date"), dt.clone()));
                }
                d.entities.push((id, at));
            }
            Node::Outlet { name } => d.agents.push((
                id,
                vec![
                    q("prov:type", "prov:Organization"),
                    q("prov:type", qn("Outlet")),
                    s("prov:label", name.clone()),
                ],
            )),
            Node::Organization { name } => d.agents.push((
                id,
                vec![
                    q("prov:type", "prov:Organization"),
                    s("prov:label", name.clone()),
                ],
            )),
            Node::Speaker(sp) => {
                let ty = match sp.kind {
                    SpeakerKind::Person => "prov:Person".to_owned(),
                    SpeakerKind::Organization | SpeakerKind::Media => {
                        "prov:Organization".to_owned()
                    }
                    _ => qn("AnonymousSource"),
                };
                let kind = serde_json::to_value(sp.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                d.agents.push((
                    id,
                    vec![
                        q("prov:type", ty),
                        s("prov:label", sp.name.clone()),
                        s(&qn("speakerKind"), kind),
                        s(&qn("article"), sp.article.clone()),
                    ],
                ));
            }
            Node::Claim(c) => {
                let mut at = vec![
                    q(
                        "prov:type",
                        qn(if c.own_voice { "Assertion" } else { "Claim" }),
                    ),
                    s("prov:label", node.label()),
                    s("prov:value", c.content.clone()),
                    s(&qn("id"), c.id.clone()),
                    s(&qn("article"), c.article.clone()),
                    i(&qn("start"), c.start),
                    i(&qn("end"), c.end),
                    s(&qn("rule"), c.rule.clone()),
                ];
                if !c.cue.is_empty() {
                    at.push(s(&qn("cue"), c.cue.clone()));
                }
                if let Some(m) = c.mode {
                    if let Some(v) = serde_json::to_value(m)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                    {
                        at.push(s(&qn("mode"), v));
                    }
                }
                if c.anonymous {
                    at.push(s(&qn("anonymous"), "true"));
                }
                for e in g.graph.edges(n) {
                    if e.weight().kind == EdgeKind::Via {
                        at.push(q(&qn("channel"), id_of(g, e.target())));
                    }
                }
                d.entities.push((id.clone(), at));
            }
            Node::Measure { id: mid, label } => d.entities.push((
                id,
                vec![
                    q("prov:type", qn("Measure")),
                    s(
                        "prov:label",
                        if label.is_empty() {
                            mid.clone()
                        } else {
                            label.clone()
                        },
                    ),
                    s(&qn("measure"), mid.clone()),
                ],
            )),
        }
    }

    // Statements: one per claim with a speaker, attributed to the speaker; the claim is
    // derived from it as a quotation.
    for (k, e) in g.graph.edge_references().enumerate() {
        let (a, b) = (id_of(g, e.source()), id_of(g, e.target()));
        match e.weight().kind {
            EdgeKind::PublishedBy => {
                d.relations
                    .push(("wasAttributedTo", vec![Some(a), Some(b)], Vec::new()))
            }
            EdgeKind::ReportedIn => {
                d.relations
                    .push(("hadMember", vec![Some(b), Some(a)], Vec::new()))
            }
            EdgeKind::SaidBy => {
                let stmt = qn(&format!("statement{}", e.source().index()));
                d.entities.push((
                    stmt.clone(),
                    vec![
                        q("prov:type", qn("Statement")),
                        s(
                            "prov:label",
                            format!("what {} said", g.graph[e.target()].label()),
                        ),
                    ],
                ));
                d.relations.push((
                    "wasAttributedTo",
                    vec![Some(stmt.clone()), Some(b)],
                    Vec::new(),
                ));
                d.relations.push((
                    "wasDerivedFrom",
                    vec![Some(a), Some(stmt), None, None, None],
                    vec![q("prov:type", "prov:Quotation")],
                ));
            }
            EdgeKind::Via => {}
            EdgeKind::SpeaksFor => {
                d.relations
                    .push(("actedOnBehalfOf", vec![Some(a), Some(b), None], Vec::new()))
            }
            EdgeKind::Asserts => {
                let fid = qn(&format!("figure{k}"));
                let mut at = vec![q("prov:type", qn("Figure")), q(&qn("measure"), b)];
                if let Some(f) = &e.weight().figure {
                    at.push(s("prov:label", f.short()));
                    at.push(("claimtrace:min".to_owned(), Val::Num(f.min)));
                    if let Some(m) = f.max {
                        at.push(("claimtrace:max".to_owned(), Val::Num(m)));
                    }
                    let qual = serde_json::to_value(f.qualifier)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default();
                    at.push(s(&qn("qualifier"), qual));
                    at.push(s(&qn("text"), f.text.clone()));
                    at.push(i(&qn("start"), f.start));
                    at.push(i(&qn("end"), f.end));
                }
                d.entities.push((fid.clone(), at));
                d.relations.push((
                    "wasDerivedFrom",
                    vec![Some(fid), Some(a), None, None, None],
                    Vec::new(),
                ));
            }
            EdgeKind::Updates => d.relations.push((
                "wasDerivedFrom",
                vec![Some(a), Some(b), None, None, None],
                vec![q("prov:type", "prov:Revision")],
            )),
            kind @ (EdgeKind::Corroborates | EdgeKind::Conflicts | EdgeKind::Diverges) => {
                let ty = match kind {
                    EdgeKind::Corroborates => "Corroborates",
                    EdgeKind::Conflicts => "Conflicts",
                    _ => "Diverges",
                };
                let mut at = vec![
                    q("prov:type", qn(ty)),
                    q(&qn("claimA"), a),
                    q(&qn("claimB"), b),
                ];
                if let Some(m) = &e.weight().measure {
                    at.push(s(&qn("measure"), m.clone()));
                }
                d.entities.push((qn(&format!("relation{k}")), at));
            }
        }
    }
    d
}

// ---------------------------------------------------------------------------------------
// PROV-JSON
// ---------------------------------------------------------------------------------------

fn json_val(v: &Val) -> Value {
    match v {
        Val::Str(s) => Value::String(s.clone()),
        Val::Int(n) => json!(n),
        Val::Num(x) => json!({"$": format_num(*x), "type": "xsd:double"}),
        Val::QName(s) => json!({"$": s, "type": "prov:QUALIFIED_NAME"}),
    }
}

fn json_attrs(attrs: &Attrs) -> Map<String, Value> {
    let mut m: Map<String, Value> = Map::new();
    for (k, v) in attrs {
        let v = json_val(v);
        match m.get_mut(k) {
            None => {
                m.insert(k.clone(), v);
            }
            Some(Value::Array(list)) => list.push(v),
            Some(old) => {
                let first = old.take();
                *old = Value::Array(vec![first, v]);
            }
        }
    }
    m
}

/// Argument names of the PROV relations used, in PROV-JSON.
fn prov_json_roles(rel: &str) -> &'static [&'static str] {
    match rel {
        "wasAttributedTo" => &["prov:entity", "prov:agent"],
        "wasDerivedFrom" => &[
            "prov:generatedEntity",
            "prov:usedEntity",
            "prov:activity",
            "prov:generation",
            "prov:usage",
        ],
        "actedOnBehalfOf" => &["prov:delegate", "prov:responsible", "prov:activity"],
        "hadMember" => &["prov:collection", "prov:entity"],
        _ => &[],
    }
}

/// The PROV-JSON document of `g`.
pub fn prov_json(g: &ProvGraph) -> Value {
    let d = build_doc(g);
    let mut doc = Map::new();
    doc.insert("prefix".into(), json!({ PREFIX: NAMESPACE }));
    let mut entity = Map::new();
    for (id, at) in &d.entities {
        entity.insert(id.clone(), Value::Object(json_attrs(at)));
    }
    doc.insert("entity".into(), Value::Object(entity));
    let mut agent = Map::new();
    for (id, at) in &d.agents {
        agent.insert(id.clone(), Value::Object(json_attrs(at)));
    }
    doc.insert("agent".into(), Value::Object(agent));
    for (k, (rel, args, at)) in d.relations.iter().enumerate() {
        let section = doc
            .entry(rel.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        let mut body = json_attrs(at);
        for (role, arg) in prov_json_roles(rel).iter().zip(args) {
            if let Some(a) = arg {
                body.insert(role.to_string(), Value::String(a.clone()));
            }
        }
        if let Value::Object(m) = section {
            m.insert(format!("_:r{k}"), Value::Object(body));
        }
    }
    Value::Object(doc)
}

// ---------------------------------------------------------------------------------------
// PROV-N
// ---------------------------------------------------------------------------------------

/// A PROV-N string literal.
fn prov_n_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn format_num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

fn prov_n_attrs(at: &Attrs) -> String {
    if at.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = at
        .iter()
        .map(|(k, v)| {
            let v = match v {
                Val::Str(s) => prov_n_string(s),
                Val::Int(n) => n.to_string(),
                Val::Num(x) => format!("\"{}\" %% xsd:double", format_num(*x)),
                Val::QName(s) => format!("'{s}'"),
            };
            format!("{k}={v}")
        })
        .collect();
    format!("[{}]", parts.join(", "))
}

/// The PROV-N document of `g`.
pub fn prov_n(g: &ProvGraph) -> String {
    let d = build_doc(g);
    let mut out = String::new();
    out.push_str("document\n");
    let _ = writeln!(out, "  prefix {PREFIX} <{NAMESPACE}>");
    out.push('\n');
    for (id, at) in &d.entities {
        let _ = writeln!(out, "  entity({id}, {})", prov_n_attrs(at));
    }
    for (id, at) in &d.agents {
        let _ = writeln!(out, "  agent({id}, {})", prov_n_attrs(at));
    }
    for (rel, args, at) in &d.relations {
        let mut parts: Vec<String> = args
            .iter()
            .map(|a| a.clone().unwrap_or_else(|| "-".to_owned()))
            .collect();
        // Optional trailing markers are dropped when no attributes follow.
        if at.is_empty() {
            while parts.len() > 2 && parts.last().is_some_and(|p| p == "-") {
                parts.pop();
            }
            let _ = writeln!(out, "  {rel}({})", parts.join(", "));
        } else {
            let _ = writeln!(out, "  {rel}({}, {})", parts.join(", "), prov_n_attrs(at));
        }
    }
    out.push_str("endDocument\n");
    out
}

// ---------------------------------------------------------------------------------------
// GraphML
// ---------------------------------------------------------------------------------------

fn xml(s: &str) -> String {
    crate::render::svg::xml_escape(s)
}

/// The GraphML document of `g` (for Gephi, yEd, Neo4j's `apoc.import.graphml`).
pub fn graphml(g: &ProvGraph) -> String {
    let keys = g.keys_by_node();
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for (id, on, name, ty) in [
        ("labels", "node", "labels", "string"),
        ("kind", "node", "kind", "string"),
        ("key", "node", "key", "string"),
        ("label", "node", "label", "string"),
        ("detail", "node", "detail", "string"),
        ("article", "node", "article", "string"),
        ("start", "node", "start", "int"),
        ("end", "node", "end", "int"),
        ("ekind", "edge", "kind", "string"),
        ("elabel", "edge", "label", "string"),
        ("measure", "edge", "measure", "string"),
        ("min", "edge", "min", "double"),
        ("max", "edge", "max", "double"),
        ("qualifier", "edge", "qualifier", "string"),
    ] {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"{on}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    out.push_str("  <graph id=\"provenance\" edgedefault=\"directed\">\n");
    for n in g.graph.node_indices() {
        let node = &g.graph[n];
        let kind = node.kind().as_str();
        let mut label = String::from(":");
        label.push_str(&kind[..1].to_uppercase());
        label.push_str(&kind[1..]);
        let _ = writeln!(out, "    <node id=\"n{}\">", n.index());
        let mut data = |k: &str, v: &str| {
            let _ = writeln!(out, "      <data key=\"{k}\">{}</data>", xml(v));
        };
        data("labels", &label);
        data("kind", kind);
        data("key", keys.get(&n).copied().unwrap_or(""));
        data("label", &node.label());
        data("detail", &node.detail());
        if let Node::Claim(c) = node {
            data("article", &c.article);
            data("start", &c.start.to_string());
            data("end", &c.end.to_string());
        }
        out.push_str("    </node>\n");
    }
    for (k, e) in g.graph.edge_references().enumerate() {
        let w = e.weight();
        let _ = writeln!(
            out,
            "    <edge id=\"e{k}\" source=\"n{}\" target=\"n{}\" label=\"{}\">",
            e.source().index(),
            e.target().index(),
            xml(&format!("{:?}", w.kind).to_uppercase())
        );
        let mut data = |k: &str, v: &str| {
            let _ = writeln!(out, "      <data key=\"{k}\">{}</data>", xml(v));
        };
        data("ekind", w.kind.as_str());
        let l = w.label();
        if !l.is_empty() {
            data("elabel", &l);
        }
        if let Some(m) = &w.measure {
            data("measure", m);
        }
        if let Some(f) = &w.figure {
            data("min", &format_num(f.min));
            if let Some(m) = f.max {
                data("max", &format_num(m));
            }
            let qual = serde_json::to_value(f.qualifier)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            data("qualifier", &qual);
        }
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

// ---------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------

/// claimtrace's own JSON: nodes, edges, clusters of related claims, build warnings.
pub fn json_export(g: &ProvGraph) -> Value {
    let keys = g.keys_by_node();
    let nodes: Vec<Value> = g
        .graph
        .node_indices()
        .map(|n| {
            let mut v = serde_json::to_value(&g.graph[n]).unwrap_or(Value::Null);
            if let Value::Object(m) = &mut v {
                m.insert("id".into(), json!(format!("n{}", n.index())));
                m.insert("key".into(), json!(keys.get(&n).copied().unwrap_or("")));
                m.insert("label".into(), json!(g.graph[n].label()));
            }
            v
        })
        .collect();
    let edges: Vec<Value> = g
        .graph
        .edge_references()
        .map(|e| {
            let mut v = serde_json::to_value(e.weight()).unwrap_or(Value::Null);
            if let Value::Object(m) = &mut v {
                m.insert("source".into(), json!(format!("n{}", e.source().index())));
                m.insert("target".into(), json!(format!("n{}", e.target().index())));
            }
            v
        })
        .collect();
    let clusters: Vec<Value> = g
        .conflict_clusters()
        .into_iter()
        .map(|c| {
            json!({
                "claims": c.claims.iter().map(|n| format!("n{}", n.index())).collect::<Vec<_>>(),
                "conflicts": c.conflicts,
                "divergences": c.divergences,
            })
        })
        .collect();
    json!({
        "nodes": nodes,
        "edges": edges,
        "clusters": clusters,
        "warnings": g.warnings,
    })
}

/// `claimtrace export`: writes the export to `output`, or to standard output.
pub fn run_export_command(
    paths: &[std::path::PathBuf],
    claims_dir: &std::path::Path,
    consistency: Option<&std::path::Path>,
    format: ExportFormat,
    output: Option<&std::path::Path>,
) -> Result<std::process::ExitCode, miette::Report> {
    use std::io::Write;
    let g = crate::graph::load_graph(paths, claims_dir, consistency)?;
    let text = export(&g, format);
    match output {
        Some(p) => {
            crate::render::write_atomic(p, text.as_bytes()).map_err(|e| miette::miette!("{e}"))?
        }
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    return Err(miette::miette!("cannot write output: {e}"))
                }
                _ => {}
            }
        }
    }
    Ok(std::process::ExitCode::SUCCESS)
}
