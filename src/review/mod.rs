//! The review page: one self-contained HTML file (no network, no external assets) that
//! shows each article with its claims highlighted, the conflicts beside it, the audit
//! findings in place and the provenance graph below.
//!
//! The page is a fixed template (`page.html`, `page.css`, `page.js`, embedded at build
//! time) plus one JSON blob, [`ReviewData`], that the template's script renders, one
//! article at a time, so a page for a thousand articles stays responsive. The blob is
//! written inside a `<script type="application/json">` element with every `<`, `>` and
//! `&` escaped, and the script only ever inserts article text as text nodes, so an article
//! that contains `<script>` or `</textarea>` shows those characters and runs nothing.

use std::collections::BTreeMap;

use serde::Serialize;

/// Everything the page shows.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReviewData {
    pub title: String,
    pub summary: ReviewSummary,
    pub articles: Vec<ReviewArticle>,
    /// Per measure, the figures side by side and the relations between them.
    pub measures: Vec<ReviewMeasure>,
    /// The provenance graph as SVG markup, shown as an image of the page (see [`render`]).
    #[serde(skip)]
    pub svg: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ReviewSummary {
    pub articles: usize,
    pub claims: usize,
    pub speakers: usize,
    pub conflicts: usize,
    /// Findings per severity name ("error", "warning", "suggestion").
    pub findings: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ReviewArticle {
    pub path: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    /// The article's text; every offset below is a code-point offset into it.
    pub text: String,
    pub claims: Vec<ReviewClaim>,
    pub findings: Vec<ReviewFinding>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ReviewClaim {
    pub id: String,
    /// draft, reviewed or extracted.
    pub status: String,
    pub speaker: Option<String>,
    /// The speaker entity's id, which picks the claim's colour.
    pub speaker_id: Option<String>,
    pub channel: Option<String>,
    pub cue: Option<String>,
    pub mode: String,
    pub anonymity: Option<String>,
    pub hedges: Vec<String>,
    pub figures: Vec<String>,
    pub rule: String,
    pub spans: Vec<ReviewSpan>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReviewSpan {
    pub start: usize,
    pub end: usize,
    /// speaker, cue or content.
    pub role: &'static str,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ReviewFinding {
    pub rule: String,
    pub severity: String,
    pub start: usize,
    pub end: usize,
    pub message: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ReviewMeasure {
    pub measure: String,
    pub label: String,
    pub figures: Vec<ReviewFigure>,
    pub relations: Vec<ReviewRelation>,
    pub independent_sources: usize,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ReviewFigure {
    pub claim: String,
    /// Index of the article in [`ReviewData::articles`].
    pub article: usize,
    pub value: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub speaker: String,
    pub channel: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ReviewRelation {
    pub a: String,
    pub b: String,
    pub kind: String,
}

const PAGE: &str = include_str!("page.html");
const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");

/// The page for `data`, as one HTML document.
pub fn render(data: &ReviewData) -> String {
    let json = serde_json::to_string(data).unwrap_or_else(|_| "{}".to_owned());
    let svg = data.svg.as_deref().map(graph_image).unwrap_or_default();
    PAGE.replacen("{{title}}", &escape_html(&data.title), 2)
        .replacen("{{style}}", STYLE, 1)
        .replacen("{{graph}}", &svg, 1)
        .replacen("{{data}}", &escape_script_json(&json), 1)
        .replacen("{{script}}", SCRIPT, 1)
}

/// The graph as an `<img>` with the SVG in a data URI: the SVG's own text (titles, labels
/// that come from articles) can then never become markup of the page, and scripts inside
/// an image never run. The filter works on a second, inert copy parsed by the script.
fn graph_image(svg: &str) -> String {
    format!(
        "<template id=\"graph-source\">{}</template>",
        escape_html(svg)
    )
}

/// Text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON made safe inside `<script type="application/json">`: no `</script>`, `<!--` or
/// line separators can end or confuse the element, and the JSON value is unchanged.
fn escape_script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data_with(text: &str) -> ReviewData {
        ReviewData {
            title: "T <b>".into(),
            articles: vec![ReviewArticle {
                path: "a.txt".into(),
                text: text.into(),
                ..Default::default()
            }],
            svg: Some("<svg><title>x</title><script>alert(1)</script></svg>".into()),
            ..Default::default()
        }
    }

    #[test]
    fn article_text_cannot_close_the_data_element() {
        let page = render(&data_with(
            "a </script><script>alert(1)</script> </textarea> & <!--",
        ));
        // Exactly the template's own script elements: the data blob and the page script.
        assert_eq!(page.matches("</script>").count(), 2, "{page}");
        assert!(!page.contains("<script>alert"));
        assert!(!page.contains("<!--"));
        assert!(page.contains("<title>T &lt;b&gt;</title>"));
    }

    #[test]
    fn data_blob_round_trips() {
        let text = "Quote: “x” </script> \u{2028} & é";
        let page = render(&data_with(text));
        let start = page.find("id=\"review-data\">").expect("blob") + "id=\"review-data\">".len();
        let end = start + page[start..].find("</script>").expect("end");
        let v: serde_json::Value = serde_json::from_str(&page[start..end]).expect("json");
        assert_eq!(v["articles"][0]["text"], text);
    }

    #[test]
    fn graph_markup_is_inert_text() {
        let page = render(&data_with("x"));
        assert!(page.contains("&lt;svg&gt;&lt;title&gt;x&lt;/title&gt;&lt;script&gt;"));
    }
}
