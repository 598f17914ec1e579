//! The measures lexicon: what a figure counts (things), what happened to them
//! (happenings), which event it belongs to (events), yes/no states of a person (states),
//! synonyms and titles. The default lexicon is data (`data/measures.ron`, embedded at build
//! time); users extend or replace it with their own RON file (`--lexicon FILE`).
//!
//! Every term is matched case-insensitively, word by word, and a plural of the last word
//! matches too ("unmanned aerial vehicles" matches the term "unmanned aerial vehicle").

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The default lexicon, as shipped.
pub const DEFAULT_LEXICON: &str = include_str!("../data/measures.ron");

/// Which happenings can apply to a thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum ThingClass {
    /// People: killed, injured, arrested, taking part.
    Person,
    /// Drones, missiles, bombs: used, intercepted.
    Weapon,
    /// Explosions and other occurrences: heard, occurred.
    Occurrence,
    /// Buildings, vehicles: damaged.
    Object,
}

/// Something a figure counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThingDef {
    pub label: String,
    pub class: ThingClass,
    /// A broader thing ("protester" → "person").
    #[serde(default)]
    pub parent: Option<String>,
    /// The happening a figure gets when the text names none ("with three drones": used).
    #[serde(default)]
    pub default: Option<String>,
    #[serde(default)]
    pub terms: Vec<String>,
}

/// What happened to the things counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HappeningDef {
    pub label: String,
    /// Thing classes it applies to; empty means all.
    #[serde(default)]
    pub applies_to: Vec<ThingClass>,
    #[serde(default)]
    pub terms: Vec<String>,
}

/// A kind of event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventDef {
    pub label: String,
    #[serde(default)]
    pub terms: Vec<String>,
}

/// A yes/no state of a person ("harmed": "taken to hospital" vs "escaped unhurt").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateDef {
    pub label: String,
    #[serde(default)]
    pub yes: Vec<String>,
    #[serde(default)]
    pub no: Vec<String>,
}

/// A lexicon file as written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LexiconFile {
    /// For a user file: add to the default lexicon (true, the default) or replace it.
    #[serde(default = "yes")]
    pub extends_default: bool,
    #[serde(default)]
    pub things: BTreeMap<String, ThingDef>,
    #[serde(default)]
    pub happenings: BTreeMap<String, HappeningDef>,
    #[serde(default)]
    pub events: BTreeMap<String, EventDef>,
    #[serde(default)]
    pub states: BTreeMap<String, StateDef>,
    /// Extra word → an id or a term of any section. Chains are followed; loops are errors.
    #[serde(default)]
    pub synonyms: BTreeMap<String, String>,
    /// Words dropped from speaker names before speakers are merged.
    #[serde(default)]
    pub titles: Vec<String>,
}

fn yes() -> bool {
    true
}

/// A lexicon that cannot be used, with where the problem is.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
pub enum LexiconError {
    #[error("{path}: cannot read the lexicon: {message}")]
    Io { path: PathBuf, message: String },
    #[error("{path}:{line}:{col}: {message}")]
    Syntax {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
    },
    #[error("{path}:{line}:{col}: {message}")]
    Invalid {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
    },
}

/// A word list matched against lower-cased tokens, longest first.
#[derive(Debug, Clone, Default)]
pub struct TermTable {
    by_first: HashMap<String, Vec<(Vec<String>, String)>>,
}

/// Lower case with typographic apostrophes folded, as tokens are compared.
pub fn fold(word: &str) -> String {
    word.to_lowercase().replace(['’', '‘'], "'")
}

/// The singular forms a lower-case word may stand for (itself first).
pub fn singulars(word: &str) -> Vec<String> {
    let mut out = vec![word.to_owned()];
    let irregular = [
        ("people", "person"),
        ("men", "man"),
        ("women", "woman"),
        ("children", "child"),
        ("policemen", "policeman"),
        ("servicemen", "serviceman"),
    ];
    for (pl, sg) in irregular {
        if word == pl {
            out.push(sg.to_owned());
        }
    }
    let w = word.strip_suffix("'s").unwrap_or(word);
    if w != word {
        out.push(w.to_owned());
    }
    if let Some(stem) = w.strip_suffix("ies") {
        if stem.chars().count() >= 2 {
            out.push(format!("{stem}y"));
        }
    }
    if let Some(stem) = w.strip_suffix("es") {
        if stem.chars().count() >= 2 {
            out.push(stem.to_owned());
        }
    }
    if let Some(stem) = w.strip_suffix('s') {
        if stem.chars().count() >= 2 && !stem.ends_with('s') {
            out.push(stem.to_owned());
        }
    }
    out
}

impl TermTable {
    fn insert(&mut self, term: &str, id: &str) {
        let words: Vec<String> = term.split_whitespace().map(fold).collect();
        let Some(first) = words.first().cloned() else {
            return;
        };
        let list = self.by_first.entry(first).or_default();
        if !list.iter().any(|(w, i)| *w == words && i == id) {
            list.push((words, id.to_owned()));
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        }
    }

    /// The longest term starting at `words[i]`: (number of words, id).
    pub fn longest_at<S: AsRef<str>>(&self, words: &[S], i: usize) -> Option<(usize, &str)> {
        let w0 = words.get(i)?.as_ref();
        let mut best: Option<(usize, &str)> = None;
        for key in singulars(w0) {
            let Some(list) = self.by_first.get(&key) else {
                continue;
            };
            for (term, id) in list {
                let n = term.len();
                if best.is_some_and(|(b, _)| b >= n) || i + n > words.len() {
                    continue;
                }
                let ok = term.iter().enumerate().all(|(k, t)| {
                    let w = words[i + k].as_ref();
                    if k + 1 == n {
                        singulars(w).iter().any(|s| s == t)
                    } else {
                        w == t
                    }
                });
                if ok {
                    best = Some((n, id.as_str()));
                }
            }
        }
        best
    }
}

/// A ready lexicon: the definitions and their word tables.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub things: BTreeMap<String, ThingDef>,
    pub happenings: BTreeMap<String, HappeningDef>,
    pub events: BTreeMap<String, EventDef>,
    pub states: BTreeMap<String, StateDef>,
    /// Titles, each as lower-case words.
    pub titles: Vec<Vec<String>>,
    pub thing_terms: TermTable,
    pub happening_terms: TermTable,
    pub event_terms: TermTable,
    /// Ids are `<state>/yes` and `<state>/no`.
    pub state_terms: TermTable,
}

impl Lexicon {
    /// The default lexicon.
    pub fn default_lexicon() -> Lexicon {
        // The embedded file is checked by a unit test; should it ever be broken, an empty
        // lexicon is better than a panic.
        Self::parse(Path::new("data/measures.ron"), DEFAULT_LEXICON, None).unwrap_or_else(|_| {
            Self::build(LexiconFile::default(), Path::new("-"), "").unwrap_or_else(|_| Lexicon {
                things: BTreeMap::new(),
                happenings: BTreeMap::new(),
                events: BTreeMap::new(),
                states: BTreeMap::new(),
                titles: Vec::new(),
                thing_terms: TermTable::default(),
                happening_terms: TermTable::default(),
                event_terms: TermTable::default(),
                state_terms: TermTable::default(),
            })
        })
    }

    /// Reads a user lexicon file: extends the default unless it says `extends_default: false`.
    pub fn load(path: &Path) -> Result<Lexicon, LexiconError> {
        let src = std::fs::read_to_string(path).map_err(|e| LexiconError::Io {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        Self::parse(path, &src, Some(default_file()))
    }

    /// Parses lexicon source; with `base`, the file extends it (unless it opts out).
    pub fn parse(
        path: &Path,
        src: &str,
        base: Option<LexiconFile>,
    ) -> Result<Lexicon, LexiconError> {
        let file: LexiconFile = ron_options()
            .from_str(src)
            .map_err(|e| LexiconError::Syntax {
                path: path.to_path_buf(),
                line: e.span.start.line,
                col: e.span.start.col,
                message: e.code.to_string(),
            })?;
        let merged = match base {
            Some(b) if file.extends_default => extend(b, file),
            _ => file,
        };
        Self::build(merged, path, src)
    }

    fn build(file: LexiconFile, path: &Path, src: &str) -> Result<Lexicon, LexiconError> {
        let invalid = |needle: &str, message: String| {
            // Prefer the entry's key (`"x":`) over other mentions of the word.
            let keyed = format!("{needle}:");
            let (line, col) = if src.contains(&keyed) {
                locate(src, &keyed)
            } else {
                locate(src, needle)
            };
            LexiconError::Invalid {
                path: path.to_path_buf(),
                line,
                col,
                message,
            }
        };
        // References between sections.
        for (id, t) in &file.things {
            if let Some(p) = &t.parent {
                if !file.things.contains_key(p) {
                    return Err(invalid(
                        &format!("\"{id}\""),
                        format!("thing `{id}` has parent `{p}`, which is not a thing"),
                    ));
                }
            }
            if let Some(d) = &t.default {
                if !file.happenings.contains_key(d) {
                    return Err(invalid(
                        &format!("\"{id}\""),
                        format!(
                            "thing `{id}` has default happening `{d}`, which is not a happening"
                        ),
                    ));
                }
            }
        }
        // Parent chains must end.
        for id in file.things.keys() {
            let mut seen = vec![id.clone()];
            let mut cur = id.clone();
            while let Some(p) = file.things.get(&cur).and_then(|t| t.parent.clone()) {
                if seen.contains(&p) {
                    seen.push(p);
                    return Err(invalid(
                        &format!("\"{id}\""),
                        format!("things form a cycle of parents: {}", seen.join(" → ")),
                    ));
                }
                seen.push(p.clone());
                cur = p;
            }
        }

        let mut thing_terms = TermTable::default();
        let mut happening_terms = TermTable::default();
        let mut event_terms = TermTable::default();
        let mut state_terms = TermTable::default();
        // Every word a synonym may point to: (folded word) → (section, id).
        let mut targets: HashMap<String, (u8, String)> = HashMap::new();
        for (id, t) in &file.things {
            thing_terms.insert(id, id);
            targets.insert(fold(id), (0, id.clone()));
            for term in &t.terms {
                thing_terms.insert(term, id);
                targets.insert(fold(term), (0, id.clone()));
            }
        }
        for (id, h) in &file.happenings {
            happening_terms.insert(id, id);
            targets.entry(fold(id)).or_insert((1, id.clone()));
            for term in &h.terms {
                happening_terms.insert(term, id);
                targets.entry(fold(term)).or_insert((1, id.clone()));
            }
        }
        for (id, e) in &file.events {
            event_terms.insert(id, id);
            targets.entry(fold(id)).or_insert((2, id.clone()));
            for term in &e.terms {
                event_terms.insert(term, id);
                targets.entry(fold(term)).or_insert((2, id.clone()));
            }
        }
        for (id, s) in &file.states {
            for term in &s.yes {
                state_terms.insert(term, &format!("{id}/yes"));
            }
            for term in &s.no {
                state_terms.insert(term, &format!("{id}/no"));
            }
        }
        // Synonyms: follow each chain to a known word; a loop or a dead end is an error.
        let syn: HashMap<String, String> = file
            .synonyms
            .iter()
            .map(|(k, v)| (fold(k), fold(v)))
            .collect();
        for word in file.synonyms.keys() {
            let mut chain = vec![fold(word)];
            let resolved = loop {
                let cur = chain.last().cloned().unwrap_or_default();
                if chain.len() > 1 {
                    if let Some(t) = targets.get(&cur) {
                        break t.clone();
                    }
                }
                match syn.get(&cur) {
                    Some(next) => {
                        if chain.contains(next) {
                            chain.push(next.clone());
                            return Err(invalid(
                                &format!("\"{word}\""),
                                format!("synonyms form a cycle: {}", chain.join(" → ")),
                            ));
                        }
                        chain.push(next.clone());
                    }
                    None => {
                        return Err(invalid(
                            &format!("\"{word}\""),
                            format!(
                                "synonym `{word}` leads to `{cur}`, which is no id or term of the lexicon"
                            ),
                        ))
                    }
                }
            };
            let table = match resolved.0 {
                0 => &mut thing_terms,
                1 => &mut happening_terms,
                _ => &mut event_terms,
            };
            table.insert(word, &resolved.1);
        }
        let titles = file
            .titles
            .iter()
            .map(|t| {
                t.split_whitespace()
                    .map(|w| fold(w.trim_matches('.')))
                    .collect::<Vec<_>>()
            })
            .filter(|t| !t.is_empty())
            .collect();
        Ok(Lexicon {
            things: file.things,
            happenings: file.happenings,
            events: file.events,
            states: file.states,
            titles,
            thing_terms,
            happening_terms,
            event_terms,
            state_terms,
        })
    }

    /// Whether happening `h` can apply to thing `t`.
    pub fn applies(&self, happening: &str, thing: &str) -> bool {
        let (Some(h), Some(t)) = (self.happenings.get(happening), self.things.get(thing)) else {
            return true;
        };
        h.applies_to.is_empty() || h.applies_to.contains(&t.class)
    }

    pub fn thing_label<'a>(&'a self, id: &'a str) -> &'a str {
        self.things.get(id).map_or(id, |t| t.label.as_str())
    }

    pub fn happening_label<'a>(&'a self, id: &'a str) -> &'a str {
        self.happenings.get(id).map_or(id, |t| t.label.as_str())
    }

    pub fn event_label<'a>(&'a self, id: &'a str) -> &'a str {
        self.events.get(id).map_or(id, |t| t.label.as_str())
    }
}

fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// The default lexicon as a file (empty should it not parse; a unit test checks it does).
pub fn default_file() -> LexiconFile {
    ron_options().from_str(DEFAULT_LEXICON).unwrap_or_default()
}

/// A user file added on top of a base: maps merge entry by entry (the user's entry wins),
/// lists are appended.
fn extend(mut base: LexiconFile, user: LexiconFile) -> LexiconFile {
    base.things.extend(user.things);
    base.happenings.extend(user.happenings);
    base.events.extend(user.events);
    base.states.extend(user.states);
    base.synonyms.extend(user.synonyms);
    base.titles.extend(user.titles);
    base
}

/// 1-based line and column of the first occurrence of `needle` (1:1 when absent).
fn locate(src: &str, needle: &str) -> (usize, usize) {
    let Some(b) = src.find(needle) else {
        return (1, 1);
    };
    let before = &src[..b];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, src[line_start..b].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_lexicon_parses() {
        let lex = Lexicon::parse(Path::new("data/measures.ron"), DEFAULT_LEXICON, None);
        assert!(lex.is_ok(), "{:?}", lex.err());
    }

    #[test]
    fn plural_of_last_word_matches() {
        let lex = Lexicon::default_lexicon();
        let words = ["unmanned", "aerial", "vehicles"];
        assert_eq!(lex.thing_terms.longest_at(&words, 0), Some((3, "drone")));
        assert_eq!(lex.thing_terms.longest_at(&["uavs"], 0), Some((1, "drone")));
        assert_eq!(
            lex.thing_terms.longest_at(&["people"], 0),
            Some((1, "person"))
        );
    }

    #[test]
    fn synonym_chain_resolves() {
        let src = r#"(synonyms: {"quadrocopter": "copter", "copter": "drone"})"#;
        let lex = Lexicon::parse(Path::new("user.ron"), src, Some(default_file()))
            .expect("valid lexicon");
        assert_eq!(
            lex.thing_terms.longest_at(&["quadrocopters"], 0),
            Some((1, "drone"))
        );
    }

    #[test]
    fn synonym_cycle_is_an_error_with_position() {
        let src = "(\n  synonyms: {\n    \"a\": \"b\",\n    \"b\": \"a\",\n  },\n)";
        let err = Lexicon::parse(Path::new("cyc.ron"), src, None).expect_err("cycle");
        let msg = err.to_string();
        assert!(
            msg.starts_with("cyc.ron:3:5: synonyms form a cycle"),
            "{msg}"
        );
    }

    #[test]
    fn syntax_error_names_line_and_column() {
        let src = "(\n  things: {\n    \"x\": (label: \"x\" class: person),\n  },\n)";
        let err = Lexicon::parse(Path::new("bad.ron"), src, None).expect_err("syntax");
        let msg = err.to_string();
        assert!(msg.starts_with("bad.ron:3:"), "{msg}");
    }

    #[test]
    fn unknown_default_happening_is_an_error() {
        let src = r#"(things: {"x": (label: "x", class: weapon, default: "nope")})"#;
        let err = Lexicon::parse(Path::new("u.ron"), src, None).expect_err("invalid");
        assert!(err.to_string().contains("default happening `nope`"));
    }
}
