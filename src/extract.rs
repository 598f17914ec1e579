//! Extraction of attributed claims and unattributed assertions.
use crate::article::Article;
use crate::model::Extraction;

/// Finds every attribution in the article.
pub fn extract(_article: &Article) -> Extraction {
    Extraction::default()
}

/// The `extract --format json` object of one article (stable interface).
pub fn to_json(article: &Article, extraction: &Extraction) -> serde_json::Value {
    serde_json::json!({
        "article": {"path": article.path.display().to_string(), "sha256": article.sha256, "metadata": article.meta},
        "claims": extraction.claims,
        "speakers": extraction.speakers,
        "assertions": extraction.assertions,
    })
}

/// Human-readable listing of the claims.
pub fn write_text(out: &mut dyn std::io::Write, article: &Article, extraction: &Extraction) -> std::io::Result<()> {
    writeln!(out, "{}: {} claims", article.path.display(), extraction.claims.len())
}
