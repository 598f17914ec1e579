//! Word lists every English newswire needs: attribution cues, outlets, role nouns, hedges.

/// Canonical name of an outlet named in a credit or a channel phrase ("AP" → "The Associated Press").
pub fn outlet_name(s: &str) -> String {
    let t = s.trim();
    match t.to_lowercase().trim_start_matches("the ") {
        "ap" | "associated press" => "The Associated Press".to_owned(),
        "afp" | "agence france-presse" | "agence france presse" => "Agence France-Presse".to_owned(),
        "reuters" => "Reuters".to_owned(),
        _ => t.to_owned(),
    }
}
