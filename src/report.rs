//! Renderers for a [`Consistency`]: plain text, Markdown (the consistency report) and JSON.

use std::fmt::Write as _;

use crate::consistency::{Consistency, FigureEntry, MeasureReport, RelationKind, StateReport};

fn rel_symbol(k: RelationKind) -> &'static str {
    match k {
        RelationKind::Corroborates => "=",
        RelationKind::Conflicts => "≠",
        RelationKind::Divergent => "~",
        RelationKind::Update => "→",
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn via(f: &FigureEntry) -> String {
    match &f.channel {
        Some(c) => format!(" via {c}"),
        None => String::new(),
    }
}

/// "1 claim", "2 claims".
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Which article a claim id belongs to, when several articles are compared.
fn claim_ref(m: &MeasureReport, idx: usize, multi: bool) -> String {
    let f = &m.figures[idx];
    if multi {
        format!("{}#{}", f.article, f.claim)
    } else {
        f.claim.to_string()
    }
}

/// Plain text: per measure, each figure with its interval, speaker, channel, article and
/// quoted words, then the readings and the relations.
pub fn text(c: &Consistency) -> String {
    let multi = c.articles.len() > 1;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} · {} · {}",
        plural(c.articles.len(), "article", "articles"),
        plural(c.measures.len(), "measure", "measures"),
        plural(c.disputes().count(), "dispute", "disputes")
    );
    for m in &c.measures {
        let _ = writeln!(
            out,
            "\n{} [{}]: {}, {}",
            m.label,
            m.measure,
            m.verdict.as_str().to_uppercase(),
            plural(
                m.independent_sources,
                "independent source",
                "independent sources"
            )
        );
        for f in &m.figures {
            let _ = writeln!(
                out,
                "  {:<8} {:<9} {:<5} {}{} · {} @{}..{}  “{}”",
                f.display,
                f.qualifier.as_str(),
                f.claim,
                f.speaker,
                via(f),
                f.article,
                f.start,
                f.end,
                one_line(&f.text)
            );
        }
        let readings: Vec<String> = m
            .readings
            .iter()
            .map(|r| {
                format!(
                    "{} ({})",
                    r.value,
                    plural(r.independent_sources, "source", "sources")
                )
            })
            .collect();
        let _ = writeln!(out, "  readings: {}", readings.join(" · "));
        for r in &m.relations {
            let _ = writeln!(
                out,
                "  {} {} {}  {}",
                claim_ref(m, r.a_figure, multi),
                rel_symbol(r.kind),
                claim_ref(m, r.b_figure, multi),
                r.kind.as_str()
            );
        }
    }
    for s in &c.states {
        let _ = writeln!(
            out,
            "\n{} [{}]: {}, {}",
            s.label,
            s.measure,
            s.verdict.as_str().to_uppercase(),
            plural(
                s.independent_sources,
                "independent source",
                "independent sources"
            )
        );
        for e in &s.statements {
            let _ = writeln!(
                out,
                "  {:<8} {:<5} {}{} · {} @{}..{}  “{}”",
                if e.holds { "yes" } else { "no" },
                e.claim,
                e.speaker,
                e.channel
                    .as_ref()
                    .map(|c| format!(" via {c}"))
                    .unwrap_or_default(),
                e.article,
                e.start,
                e.end,
                one_line(&e.text)
            );
        }
        for r in &s.relations {
            let _ = writeln!(
                out,
                "  {} {} {}  {}",
                r.a,
                rel_symbol(r.kind),
                r.b,
                r.kind.as_str()
            );
        }
    }
    out
}

fn md_escape(s: &str) -> String {
    one_line(s).replace('|', "\\|")
}

/// The consistency report in Markdown: a summary table, then per measure the readings
/// side by side with how many independent sources back each, the figures and the
/// relations; then yes/no states and warnings.
pub fn markdown(c: &Consistency) -> String {
    let multi = c.articles.len() > 1;
    let mut out = String::new();
    let _ = writeln!(out, "# Consistency report\n");
    let _ = writeln!(
        out,
        "{} compared: {}.\n",
        plural(c.articles.len(), "article", "articles"),
        c.articles
            .iter()
            .map(|a| format!("`{a}`"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(out, "## Summary\n");
    let _ = writeln!(
        out,
        "| measure | verdict | readings (independent sources) |"
    );
    let _ = writeln!(out, "|---|---|---|");
    for m in &c.measures {
        let readings: Vec<String> = m
            .readings
            .iter()
            .map(|r| format!("{} ({})", r.value, r.independent_sources))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            md_escape(&m.label),
            m.verdict.as_str(),
            readings.join(" · ")
        );
    }
    for s in &c.states {
        let yes = s.statements.iter().filter(|e| e.holds).count();
        let no = s.statements.len() - yes;
        let _ = writeln!(
            out,
            "| {} | {} | yes ({yes}) · no ({no}) |",
            md_escape(&s.label),
            s.verdict.as_str()
        );
    }
    for m in &c.measures {
        let _ = writeln!(out, "\n## {}\n", md_escape(&m.label));
        let _ = writeln!(
            out,
            "`{}`: **{}**, {}.\n",
            m.measure,
            m.verdict.as_str(),
            plural(
                m.independent_sources,
                "independent source",
                "independent sources"
            )
        );
        let _ = writeln!(out, "| reading | independent sources | backed by |");
        let _ = writeln!(out, "|---|---|---|");
        for r in &m.readings {
            let claims: Vec<String> = r.figures.iter().map(|&i| claim_ref(m, i, multi)).collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} ({}) |",
                md_escape(&r.value),
                r.independent_sources,
                md_escape(&r.sources.join("; ")),
                claims.join(", ")
            );
        }
        let _ = writeln!(
            out,
            "\n| figure | claim | speaker | channel | article | words |"
        );
        let _ = writeln!(out, "|---|---|---|---|---|---|");
        for f in &m.figures {
            let _ = writeln!(
                out,
                "| {} ({}) | {} | {} | {} | `{}` @{}..{} | “{}” |",
                md_escape(&f.display),
                f.qualifier.as_str(),
                f.claim,
                md_escape(&f.speaker),
                f.channel
                    .as_deref()
                    .map(md_escape)
                    .unwrap_or_else(|| "—".to_owned()),
                f.article,
                f.start,
                f.end,
                md_escape(&f.text)
            );
        }
        if !m.relations.is_empty() {
            let _ = writeln!(out);
            for r in &m.relations {
                let (a, b) = (&m.figures[r.a_figure], &m.figures[r.b_figure]);
                let _ = writeln!(
                    out,
                    "- {} ({}) **{}** {} ({})",
                    claim_ref(m, r.a_figure, multi),
                    md_escape(&a.display),
                    r.kind.as_str(),
                    claim_ref(m, r.b_figure, multi),
                    md_escape(&b.display)
                );
            }
        }
        if !m.relations_complete {
            let _ = writeln!(
                out,
                "\n_Many different figures: only neighbouring values were compared._"
            );
        }
    }
    for s in &c.states {
        markdown_state(&mut out, s);
    }
    if !c.warnings.is_empty() {
        let _ = writeln!(out, "\n## Warnings\n");
        for w in &c.warnings {
            let _ = writeln!(out, "- {}", md_escape(w));
        }
    }
    out
}

fn markdown_state(out: &mut String, s: &StateReport) {
    let _ = writeln!(out, "\n## {}\n", md_escape(&s.label));
    let _ = writeln!(
        out,
        "`{}`: **{}**, {}.\n",
        s.measure,
        s.verdict.as_str(),
        plural(
            s.independent_sources,
            "independent source",
            "independent sources"
        )
    );
    let _ = writeln!(out, "| says | claim | speaker | article | words |");
    let _ = writeln!(out, "|---|---|---|---|---|");
    for e in &s.statements {
        let _ = writeln!(
            out,
            "| {} | {} | {} | `{}` @{}..{} | “{}” |",
            if e.holds { "yes" } else { "no" },
            e.claim,
            md_escape(&e.speaker),
            e.article,
            e.start,
            e.end,
            md_escape(&e.text)
        );
    }
    if !s.relations.is_empty() {
        let _ = writeln!(out);
        for r in &s.relations {
            let _ = writeln!(out, "- {} **{}** {}", r.a, r.kind.as_str(), r.b);
        }
    }
}

/// The JSON interface: `{"measures": [{"measure", "label", "figures": [{"claim", "min",
/// "max", "qualifier", "text", "start", "end", "speaker", "channel", "article", …}],
/// "relations": [{"a", "b", "kind", …}], "independent_sources", …}], "states", "sources",
/// "articles", "warnings"}`.
pub fn json(c: &Consistency) -> serde_json::Value {
    serde_json::to_value(c).unwrap_or(serde_json::Value::Null)
}

/// [`json`] as pretty-printed text, fields in the documented order.
pub fn json_string(c: &Consistency) -> String {
    let mut s = serde_json::to_string_pretty(c).unwrap_or_else(|_| "null".to_owned());
    s.push('\n');
    s
}
