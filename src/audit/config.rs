//! The audit's configuration file (`claimtrace.ron`, documented in `docs/audit.md`) and
//! the word lists the rules use.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{rules, Severity};

/// A rule's level in the configuration: a severity, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Off,
    Suggestion,
    Warning,
    Error,
}

impl Level {
    fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Suggestion => Some(Severity::Suggestion),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// One finding silenced from the configuration (for findings that no claims-file entry
/// covers). The reason is required and shown in the report.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allow {
    pub rule: String,
    /// The article's path as reported (forward slashes); any article when absent.
    #[serde(default)]
    pub path: Option<String>,
    /// The finding's matched text, exactly; any finding of the rule in the path when absent.
    #[serde(default)]
    pub text: Option<String>,
    pub reason: String,
}

/// The file as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    rules: BTreeMap<String, Level>,
    #[serde(default)]
    min_level: Option<Level>,
    #[serde(default)]
    deny: Option<Level>,
    #[serde(default)]
    loaded_verbs: Vec<String>,
    #[serde(default)]
    loaded_words: Vec<String>,
    #[serde(default)]
    vague_sources: Vec<String>,
    #[serde(default)]
    institutions: Vec<String>,
    #[serde(default)]
    anonymity_reasons: Vec<String>,
    #[serde(default)]
    allow: Vec<Allow>,
}

/// The effective configuration: defaults plus what the file changes.
#[derive(Debug, Clone)]
pub struct Config {
    levels: BTreeMap<&'static str, Option<Severity>>,
    /// Findings below this level are not shown and do not count.
    pub min_level: Severity,
    /// The lowest level that fails the run (exit 1); `None`: never.
    pub deny: Option<Severity>,
    /// Lower-cased forms of loaded attribution verbs (single words or phrases).
    pub loaded_verbs: HashSet<String>,
    /// Lower-cased loaded words and phrases.
    pub loaded_words: HashSet<String>,
    /// Lower-cased phrases that make a source vague when the speaker starts with them.
    pub vague_sources: Vec<String>,
    /// Lower-cased head nouns of institutions.
    pub institutions: HashSet<String>,
    /// Lower-cased phrases that state a reason for anonymity.
    pub anonymity_reasons: Vec<String>,
    pub allow: Vec<Allow>,
    /// Where the configuration came from, for messages.
    pub source: Option<PathBuf>,
}

/// Loaded attribution verbs, every inflection listed (no stemming: "notes" is also a noun).
pub const LOADED_VERBS: &[&str] = &[
    "claim",
    "claims",
    "claimed",
    "claiming",
    "admit",
    "admits",
    "admitted",
    "admitting",
    "insist",
    "insists",
    "insisted",
    "insisting",
    "concede",
    "concedes",
    "conceded",
    "conceding",
    "allege",
    "alleges",
    "alleged",
    "alleging",
    "confess",
    "confesses",
    "confessed",
    "confessing",
    "boast",
    "boasts",
    "boasted",
    "boasting",
    "reveal",
    "reveals",
    "revealed",
    "revealing",
    "note",
    "noted",
    "noting",
    "point out",
    "points out",
    "pointed out",
    "pointing out",
];

/// Loaded words for the article's own voice.
pub const LOADED_WORDS: &[&str] = &[
    "regime",
    "regimes",
    "terrorist",
    "terrorists",
    "terrorism",
    "so-called",
    "martyr",
    "martyrs",
    "martyred",
    "martyrdom",
    "thug",
    "thugs",
    "slammed",
    "slams",
    "blasted",
    "lashed out",
    "heinous",
    "cowardly",
    "notorious",
    "infamous",
    "draconian",
    "fanatic",
    "fanatics",
    "scheme",
    "diatribe",
    "tirade",
];

/// Phrases that open a vague source ("some officials", "sources", "others").
pub const VAGUE_SOURCES: &[&str] = &[
    "some",
    "many",
    "several",
    "various",
    "numerous",
    "certain",
    "other",
    "others",
    "sources",
    "observers",
    "critics",
    "insiders",
    "experts",
    "analysts",
    "reports",
    "earlier reports",
    "media reports",
    "people familiar",
    "those familiar",
    "people close",
    "it is said",
];

/// Head nouns of institutions that stand as speakers.
pub const INSTITUTIONS: &[&str] = &[
    "nations",
    "un",
    "u.n.",
    "ministry",
    "department",
    "government",
    "military",
    "army",
    "navy",
    "command",
    "council",
    "committee",
    "agency",
    "court",
    "commission",
    "organization",
    "organisation",
    "union",
    "administration",
    "embassy",
    "presidency",
    "parliament",
    "pentagon",
    "kremlin",
    "company",
    "corporation",
    "bank",
    "authority",
    "authorities",
    "institute",
    "board",
    "bureau",
    "office",
    "party",
    "coalition",
    "alliance",
    "federation",
    "senate",
    "congress",
    "assembly",
    "cabinet",
    "secretariat",
    "forces",
];

/// Phrases that give a reason for anonymity (not merely the condition).
pub const ANONYMITY_REASONS: &[&str] = &[
    "because",
    "as they were not",
    "as he was not",
    "as she was not",
    "since they were not",
    "not authorized",
    "not authorised",
    "not permitted",
    "not allowed",
    "no authority to",
    "for fear",
    "fearing",
    "out of fear",
    "sensitivity",
    "to discuss private",
    "to discuss internal",
    "to discuss confidential",
    "to discuss sensitive",
    "to discuss ongoing",
    "to protect",
    "in line with",
    "under the rules",
    "under rules",
];

impl Default for Config {
    fn default() -> Config {
        Config {
            levels: rules::RULES
                .iter()
                .map(|r| (r.id, Some(r.severity)))
                .collect(),
            min_level: Severity::Suggestion,
            deny: Some(Severity::Error),
            loaded_verbs: LOADED_VERBS.iter().map(|s| s.to_string()).collect(),
            loaded_words: LOADED_WORDS.iter().map(|s| s.to_string()).collect(),
            vague_sources: VAGUE_SOURCES.iter().map(|s| s.to_string()).collect(),
            institutions: INSTITUTIONS.iter().map(|s| s.to_string()).collect(),
            anonymity_reasons: ANONYMITY_REASONS.iter().map(|s| s.to_string()).collect(),
            allow: Vec::new(),
            source: None,
        }
    }
}

/// A configuration file that cannot be used, located at `file:line:column`.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: cannot read configuration: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
}

/// The configuration file's default name, looked up in the current directory.
pub const FILE_NAME: &str = "claimtrace.ron";

impl Config {
    /// Reads the configuration at `path`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let src = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
            path: path.display().to_string(),
            source,
        })?;
        let mut config = Config::parse(path, &src)?;
        config.source = Some(path.to_path_buf());
        Ok(config)
    }

    /// `explicit` when given, else `claimtrace.ron` in the current directory when there is
    /// one, else the defaults.
    pub fn discover(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        match explicit {
            Some(p) => Config::load(p),
            None => {
                let p = Path::new(FILE_NAME);
                if p.is_file() {
                    Config::load(p)
                } else {
                    Ok(Config::default())
                }
            }
        }
    }

    /// Parses configuration source; `path` is used in messages.
    pub fn parse(path: &Path, src: &str) -> Result<Config, ConfigError> {
        let file: ConfigFile = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(src)
            .map_err(|e| ConfigError::Invalid {
                path: path.display().to_string(),
                line: e.span.start.line,
                column: e.span.start.col,
                message: e.code.to_string(),
            })?;
        let at = |needle: &str| -> (usize, usize) {
            let byte = src.find(needle).unwrap_or(0);
            let before = &src[..byte];
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            (line, col)
        };
        let mut config = Config::default();
        for (id, level) in &file.rules {
            let Some(rule) = rules::rule(id) else {
                let (line, column) = at(&format!("\"{id}\""));
                let known: Vec<&str> = rules::RULES.iter().map(|r| r.id).collect();
                return Err(ConfigError::Invalid {
                    path: path.display().to_string(),
                    line,
                    column,
                    message: format!("unknown rule `{id}`; the rules are: {}", known.join(", ")),
                });
            };
            config.levels.insert(rule.id, level.severity());
        }
        for a in &file.allow {
            if rules::rule(&a.rule).is_none() {
                let (line, column) = at(&format!("\"{}\"", a.rule));
                return Err(ConfigError::Invalid {
                    path: path.display().to_string(),
                    line,
                    column,
                    message: format!("unknown rule `{}` in `allow`", a.rule),
                });
            }
            if a.reason.trim().is_empty() {
                let (line, column) = at("reason");
                return Err(ConfigError::Invalid {
                    path: path.display().to_string(),
                    line,
                    column,
                    message: format!("`allow` for `{}` needs a reason", a.rule),
                });
            }
        }
        if let Some(l) = file.min_level {
            config.min_level = l.severity().unwrap_or(Severity::Error);
        }
        if let Some(l) = file.deny {
            config.deny = l.severity();
        }
        let lower = |v: &[String]| {
            v.iter()
                .map(|s| s.trim().to_lowercase())
                .collect::<Vec<_>>()
        };
        config.loaded_verbs.extend(lower(&file.loaded_verbs));
        config.loaded_words.extend(lower(&file.loaded_words));
        config.vague_sources.extend(lower(&file.vague_sources));
        config.institutions.extend(lower(&file.institutions));
        config
            .anonymity_reasons
            .extend(lower(&file.anonymity_reasons));
        config.allow = file.allow;
        Ok(config)
    }

    /// Whether rule `id` runs.
    pub fn enabled(&self, id: &str) -> bool {
        self.severity(id).is_some()
    }

    /// The severity of rule `id`, or `None` when it is off or below the minimum level.
    pub fn severity(&self, id: &str) -> Option<Severity> {
        let s = (*self.levels.get(id)?)?;
        (s >= self.min_level).then_some(s)
    }

    /// The reason of an `allow` entry of the configuration matching a finding.
    pub fn allowed(&self, rule: &str, path: &str, text: &str) -> Option<String> {
        self.allow
            .iter()
            .find(|a| {
                a.rule == rule
                    && a.path.as_deref().is_none_or(|p| p == path)
                    && a.text.as_deref().is_none_or(|t| t == text)
            })
            .map(|a| a.reason.trim().to_owned())
    }
}

/// The marker that silences a finding from a claims-file note.
pub const NOTE_MARKER: &str = "audit-allow(";

/// The reason given by an `audit-allow(<rule>): <reason>` marker for `rule` in an editor's
/// note, if any. A marker with an empty reason silences nothing.
pub fn allow_in_note(note: &str, rule: &str) -> Option<String> {
    let mut rest = note;
    while let Some(i) = rest.find(NOTE_MARKER) {
        let after = &rest[i + NOTE_MARKER.len()..];
        let close = after.find(')')?;
        let id = after[..close].trim();
        let tail = &after[close + 1..];
        let tail = tail.strip_prefix(':').unwrap_or(tail);
        let end = [tail.find('\n'), tail.find(NOTE_MARKER)]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(tail.len());
        let reason = tail[..end].trim();
        if id == rule && !reason.is_empty() {
            return Some(reason.to_owned());
        }
        rest = &after[close + 1..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_markers() {
        let note = "checked by the desk\naudit-allow(vague-source): the agency's style for its own staff\naudit-allow(loaded-verb):";
        assert_eq!(
            allow_in_note(note, "vague-source").as_deref(),
            Some("the agency's style for its own staff")
        );
        assert_eq!(allow_in_note(note, "loaded-verb"), None);
        assert_eq!(allow_in_note(note, "loaded-word"), None);
    }

    #[test]
    fn unknown_keys_are_located() {
        let src = "(\n    rules: {},\n    colour: true,\n)\n";
        match Config::parse(Path::new("c.ron"), src) {
            Err(ConfigError::Invalid { line, column, .. }) => assert_eq!((line, column), (3, 5)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unknown_rules_are_located() {
        let src = "(\n    rules: {\n        \"no-such-rule\": off,\n    },\n)\n";
        match Config::parse(Path::new("c.ron"), src) {
            Err(ConfigError::Invalid {
                line,
                column,
                message,
                ..
            }) => {
                assert_eq!((line, column), (3, 9));
                assert!(message.contains("no-such-rule"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn levels_and_lists() {
        let src = r#"(rules: {"loaded-word": off, "vague-source": error}, min_level: warning, loaded_verbs: ["Slammed"])"#;
        let c = Config::parse(Path::new("c.ron"), src).expect("valid");
        assert!(!c.enabled("loaded-word"));
        assert_eq!(c.severity("vague-source"), Some(Severity::Error));
        assert_eq!(c.severity("institution-as-speaker"), None);
        assert!(c.loaded_verbs.contains("slammed"));
    }
}
