//! What the audit needs from the consistency engine (figures, corroboration, conflicts),
//! as a narrow input of its own, and the two rules over it: `single-source-figure` and
//! `conflicting-figures`.
//!
//! The engine's `conflicts --format json` output (`{"measures": [{"measure", "label",
//! "figures": [{"claim", "min", "max", "qualifier", "text", "start", "end", "speaker",
//! "channel", "article"}], "relations": [{"a", "b", "kind"}], "independent_sources"}]}`)
//! converts with [`ConsistencyInput::from_conflicts_json`]; `claimtrace audit
//! --consistency FILE` reads such a file. In-process callers build the input directly.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::Hit;

/// A figure and how many independent sources back it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureSupport {
    /// The article's path, as the audit reports it (forward slashes).
    pub article: String,
    /// The claim (or assertion) id the figure came from.
    pub claim: String,
    /// The measure's id and readable label ("guards injured").
    pub measure: String,
    #[serde(default)]
    pub label: String,
    /// The figure's words and code-point span in the article.
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Independent sources giving this figure (itself and those that corroborate it).
    pub independent_sources: usize,
}

/// One side of a conflict: a figure with who gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConflictSide {
    pub article: String,
    pub claim: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    #[serde(default)]
    pub speaker: Option<String>,
    /// Sides that agree share a number (figures that corroborate each other); the
    /// conflict is between different numbers.
    #[serde(default)]
    pub side: usize,
}

/// Figures of one measure that conflict, every side pointed at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureConflict {
    pub measure: String,
    #[serde(default)]
    pub label: String,
    pub sides: Vec<ConflictSide>,
}

/// Everything the figure rules need.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsistencyInput {
    #[serde(default)]
    pub figures: Vec<FigureSupport>,
    #[serde(default)]
    pub conflicts: Vec<FigureConflict>,
}

impl ConsistencyInput {
    /// Converts the consistency engine's JSON (the shape fixed in issue 3) into the input.
    ///
    /// A figure's independent sources are counted over itself and the figures that
    /// `corroborates` it: distinct speakers, an anonymous speaker counted once per
    /// channel. Conflicts are the connected groups of `conflicts` relations.
    /// The consistency engine's results, through their stable JSON shape.
    pub fn from_consistency(c: &crate::consistency::Consistency) -> ConsistencyInput {
        // The shape is fixed by the engine's renderer, so this conversion cannot fail on it;
        // should it ever, the figure rules simply have nothing to say.
        Self::from_conflicts_json(&crate::report::json(c)).unwrap_or_default()
    }

    pub fn from_conflicts_json(value: &serde_json::Value) -> Result<ConsistencyInput, String> {
        let measures = value
            .get("measures")
            .and_then(|m| m.as_array())
            .ok_or("no `measures` array")?;
        let mut input = ConsistencyInput::default();
        for m in measures {
            let measure = m
                .get("measure")
                .and_then(|x| x.as_str())
                .ok_or("a measure without `measure`")?
                .to_owned();
            let label = m
                .get("label")
                .and_then(|x| x.as_str())
                .unwrap_or(&measure)
                .to_owned();
            let figures: Vec<&serde_json::Value> = m
                .get("figures")
                .and_then(|f| f.as_array())
                .map(|a| a.iter().collect())
                .unwrap_or_default();
            let field = |f: &serde_json::Value, k: &str| -> String {
                f.get(k)
                    .and_then(|x| x.as_str())
                    .unwrap_or_default()
                    .to_owned()
            };
            let num = |f: &serde_json::Value, k: &str| -> Result<usize, String> {
                f.get(k)
                    .and_then(|x| x.as_u64())
                    .map(|n| n as usize)
                    .ok_or_else(|| format!("a figure of `{measure}` without `{k}`"))
            };
            let mut corroborates: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
            let mut conflict_edges: Vec<(String, String)> = Vec::new();
            for r in m
                .get("relations")
                .and_then(|r| r.as_array())
                .into_iter()
                .flatten()
            {
                let (a, b, kind) = (field(r, "a"), field(r, "b"), field(r, "kind"));
                match kind.as_str() {
                    "corroborates" => {
                        corroborates.entry(a.clone()).or_default().insert(b.clone());
                        corroborates.entry(b).or_default().insert(a);
                    }
                    "conflicts" => conflict_edges.push((a, b)),
                    _ => {}
                }
            }
            // Who backs a figure: speaker, or anonymous speaker through one channel.
            let source_of = |f: &serde_json::Value| -> String {
                format!("{}|{}", field(f, "speaker"), field(f, "channel"))
            };
            let by_claim: BTreeMap<String, &serde_json::Value> =
                figures.iter().map(|f| (field(f, "claim"), *f)).collect();
            for f in &figures {
                let claim = field(f, "claim");
                let mut sources = BTreeSet::new();
                sources.insert(source_of(f));
                for other in corroborates.get(&claim).into_iter().flatten() {
                    if let Some(g) = by_claim.get(other) {
                        sources.insert(source_of(g));
                    }
                }
                input.figures.push(FigureSupport {
                    article: field(f, "article"),
                    claim,
                    measure: measure.clone(),
                    label: label.clone(),
                    text: field(f, "text"),
                    start: num(f, "start")?,
                    end: num(f, "end")?,
                    independent_sources: sources.len(),
                });
            }
            // Connected groups of conflicting figures, one conflict each.
            let mut groups: Vec<BTreeSet<String>> = Vec::new();
            for (a, b) in conflict_edges {
                let hit: Vec<usize> = groups
                    .iter()
                    .enumerate()
                    .filter(|(_, g)| g.contains(&a) || g.contains(&b))
                    .map(|(i, _)| i)
                    .collect();
                let mut merged: BTreeSet<String> = [a, b].into_iter().collect();
                for &i in hit.iter().rev() {
                    merged.extend(groups.remove(i));
                }
                groups.push(merged);
            }
            for g in groups {
                // Within a conflict, figures that corroborate each other are one side.
                let mut side_of: BTreeMap<String, usize> = BTreeMap::new();
                let mut next_side = 0;
                for claim in &g {
                    if side_of.contains_key(claim) {
                        continue;
                    }
                    let mut todo = vec![claim.clone()];
                    while let Some(c) = todo.pop() {
                        if side_of.insert(c.clone(), next_side).is_some() {
                            continue;
                        }
                        for o in corroborates.get(&c).into_iter().flatten() {
                            if g.contains(o) && !side_of.contains_key(o) {
                                todo.push(o.clone());
                            }
                        }
                    }
                    next_side += 1;
                }
                let mut sides = Vec::new();
                for claim in g {
                    let side = side_of.get(&claim).copied().unwrap_or(0);
                    let Some(f) = by_claim.get(&claim) else {
                        continue;
                    };
                    sides.push(ConflictSide {
                        article: field(f, "article"),
                        claim,
                        text: field(f, "text"),
                        start: num(f, "start")?,
                        end: num(f, "end")?,
                        speaker: f.get("speaker").and_then(|x| x.as_str()).map(str::to_owned),
                        side,
                    });
                }
                sides.sort_by(|a, b| (&a.article, a.start).cmp(&(&b.article, b.start)));
                // Number the sides in text order.
                let mut order: Vec<usize> = Vec::new();
                for s in &sides {
                    if !order.contains(&s.side) {
                        order.push(s.side);
                    }
                }
                for s in &mut sides {
                    s.side = order.iter().position(|&o| o == s.side).unwrap_or(0);
                }
                if sides.len() >= 2 {
                    input.conflicts.push(FigureConflict {
                        measure: measure.clone(),
                        label: label.clone(),
                        sides,
                    });
                }
            }
        }
        Ok(input)
    }

    /// The hits of the two figure rules for the article at `path`.
    pub fn hits_for(&self, path: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        for f in &self.figures {
            if f.article == path && f.independent_sources <= 1 {
                let label = if f.label.is_empty() {
                    &f.measure
                } else {
                    &f.label
                };
                hits.push(Hit::new(
                    "single-source-figure",
                    (f.start, f.end),
                    format!(
                        "figure \"{}\" ({label}) is backed by {} independent source: corroborate it or say it could not be confirmed",
                        f.text,
                        f.independent_sources.max(1)
                    ),
                ));
            }
        }
        for c in &self.conflicts {
            // The conflict is reported at its first side in this article; the other sides
            // (in this article) are pointed at as related locations, and sides in other
            // articles are named in the message.
            let here: Vec<&ConflictSide> = c.sides.iter().filter(|s| s.article == path).collect();
            let Some(first) = here.first() else { continue };
            if c.sides.iter().position(|s| s.article == path)
                != c.sides.iter().position(|s| std::ptr::eq(s, *first))
            {
                continue;
            }
            let label = if c.label.is_empty() {
                &c.measure
            } else {
                &c.label
            };
            let describe = |s: &ConflictSide| match &s.speaker {
                Some(sp) => format!("\"{}\" ({sp})", s.text),
                None => format!("\"{}\"", s.text),
            };
            let mut by_side: BTreeMap<usize, Vec<String>> = BTreeMap::new();
            for s in &c.sides {
                by_side.entry(s.side).or_default().push(describe(s));
            }
            let all: Vec<String> = by_side.into_values().map(|v| v.join(", ")).collect();
            let elsewhere: Vec<String> = c
                .sides
                .iter()
                .filter(|s| s.article != path)
                .map(|s| format!("{} in {}", describe(s), s.article))
                .collect();
            let mut message = format!("conflicting figures for {label}: {}", all.join(" vs "));
            if !elsewhere.is_empty() {
                message.push_str(&format!(" (also: {})", elsewhere.join("; ")));
            }
            message.push_str("; report the disagreement and attribute each side");
            let mut hit = Hit::new("conflicting-figures", (first.start, first.end), message);
            for s in here.iter().skip(1) {
                let what = if s.side == first.side {
                    "same side"
                } else {
                    "conflicting side"
                };
                hit.related
                    .push((s.start, s.end, format!("{what}: {}", describe(s))));
            }
            hits.push(hit);
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_the_engine_json() {
        let json = serde_json::json!({"measures": [{
            "measure": "guards-injured", "label": "guards injured",
            "figures": [
                {"claim": "c1", "min": 7, "max": 7, "qualifier": "exact", "text": "seven guards", "start": 10, "end": 22, "speaker": "two officials", "channel": "AP", "article": "a.txt"},
                {"claim": "c2", "min": 6, "max": 6, "qualifier": "exact", "text": "six guards", "start": 40, "end": 50, "speaker": "sources", "channel": "Reuters", "article": "a.txt"},
                {"claim": "c3", "min": 6, "max": 6, "qualifier": "exact", "text": "six", "start": 60, "end": 63, "speaker": "the ministry", "channel": null, "article": "a.txt"}
            ],
            "relations": [{"a": "c1", "b": "c2", "kind": "conflicts"}, {"a": "c2", "b": "c3", "kind": "corroborates"}, {"a": "c1", "b": "c3", "kind": "conflicts"}],
            "independent_sources": 3
        }]});
        let input = ConsistencyInput::from_conflicts_json(&json).expect("valid");
        let support: Vec<usize> = input
            .figures
            .iter()
            .map(|f| f.independent_sources)
            .collect();
        assert_eq!(support, vec![1, 2, 2]);
        assert_eq!(input.conflicts.len(), 1);
        assert_eq!(input.conflicts[0].sides.len(), 3);
        let hits = input.hits_for("a.txt");
        let rules: Vec<&str> = hits.iter().map(|h| h.rule).collect();
        assert_eq!(rules, vec!["single-source-figure", "conflicting-figures"]);
        assert_eq!(hits[1].related.len(), 2);
        assert!(input.hits_for("b.txt").is_empty());
    }
}
