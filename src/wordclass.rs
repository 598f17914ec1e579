//! Broad word classes from WordNet 3.0, a feature of the tagger ([`crate::tagger`]).
//!
//! The tagger learns cue words from PolNeAR train, and there are far more ways to report a
//! stance than train holds ("endorsed", "blamed", "heralded"). Knowing that a word is a
//! verb whose main sense is a communication, or a noun naming a person, lets it generalise
//! from the cues it saw to the ones it did not. The table (`data/word-classes.tsv`, made by
//! `cargo run --release --example word_classes`, see that file) maps every common English
//! word form to a [`Classes`] code; forms not in it get the empty code.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::tagger::word_hash;

/// A part of speech as WordNet has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    Noun,
    Verb,
    Adjective,
    Adverb,
}

/// A word form's classes, packed in 32 bits:
/// bits 0–3 the parts of speech it can be (noun, verb, adjective, adverb);
/// bits 4–7 the lexicographer class of its most frequent verb sense (1–15, `verb.body` …
/// `verb.weather`; 0 none); bits 8–12 that of its most frequent noun sense (1–26,
/// `noun.Tops` … `noun.time`; 0 none); bits 13–27 every verb class among its senses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Classes(pub u32);

/// Lexicographer class of `verb.communication`, counted from `verb.body` = 0.
pub const VERB_COMMUNICATION: u32 = 3;
/// Lexicographer class of `verb.emotion`, counted from `verb.body` = 0.
pub const VERB_EMOTION: u32 = 8;
/// Lexicographer class of `noun.communication` (a notice, a complaint, records), counted from
/// `noun.Tops` = 1.
pub const NOUN_COMMUNICATION: u32 = 8;
/// Lexicographer class of `noun.group` (organisations, bodies), counted from `noun.Tops` = 1.
pub const NOUN_GROUP: u32 = 12;
/// Lexicographer class of `noun.person`, counted from `noun.Tops` = 1.
pub const NOUN_PERSON: u32 = 16;

impl Classes {
    pub fn add_pos(&mut self, pos: Pos) {
        self.0 |= 1 << pos as u32;
    }
    /// Records a verb class (0–14); `first` marks the word's most frequent verb sense,
    /// which is kept only when none is set yet.
    pub fn add_verb_class(&mut self, class: u32, first: bool) {
        if class < 15 {
            self.0 |= 1 << (13 + class);
            if first && self.verb_first() == 0 {
                self.0 |= (class + 1) << 4;
            }
        }
    }
    /// Sets the class (1–26) of the most frequent noun sense, unless one is set.
    pub fn set_noun_first(&mut self, class: u32) {
        if self.noun_first() == 0 && class < 32 {
            self.0 |= class << 8;
        }
    }
    pub fn pos(self) -> u32 {
        self.0 & 0xf
    }
    /// Class of the most frequent verb sense plus one (0: not a verb).
    pub fn verb_first(self) -> u32 {
        (self.0 >> 4) & 0xf
    }
    /// Class of the most frequent noun sense (0: not a noun).
    pub fn noun_first(self) -> u32 {
        (self.0 >> 8) & 0x1f
    }
    /// Every verb class among the senses, one bit each.
    pub fn verb_classes(self) -> u32 {
        (self.0 >> 13) & 0x7fff
    }
    pub fn is(self, pos: Pos) -> bool {
        self.0 & (1 << pos as u32) != 0
    }
}

/// Keys are already well-mixed hashes ([`word_hash`]): use them as they are.
#[derive(Default)]
pub(crate) struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type Table = HashMap<u64, Classes, BuildHasherDefault<IdentityHasher>>;

/// Parses the table's text: `form<TAB>hex code` per line. Lines that do not parse are
/// skipped (the embedded table is checked by a test).
fn parse(text: &str) -> Table {
    let mut t = Table::with_capacity_and_hasher(text.len() / 12, Default::default());
    for line in text.lines() {
        let Some((form, code)) = line.split_once('\t') else {
            continue;
        };
        if let Ok(code) = u32::from_str_radix(code, 16) {
            t.insert(word_hash(form), Classes(code));
        }
    }
    t
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| parse(include_str!("../data/word-classes.tsv")))
}

/// The classes of a word given its [`word_hash`] (empty when the word is unknown).
pub fn of_hash(hash: u64) -> Classes {
    table().get(&hash).copied().unwrap_or_default()
}

/// The classes of a word.
pub fn of(word: &str) -> Classes {
    of_hash(word_hash(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_the_embedded_table_parses() {
        let text = include_str!("../data/word-classes.tsv");
        let lines = text.lines().count();
        assert!(lines > 10_000, "table has {lines} lines");
        for (n, line) in text.lines().enumerate() {
            let (form, code) = line.split_once('\t').expect("a tab");
            assert!(!form.is_empty(), "line {}", n + 1);
            assert!(u32::from_str_radix(code, 16).is_ok(), "line {}", n + 1);
        }
        assert_eq!(table().len(), lines, "forms are unique");
    }

    #[test]
    fn speech_verbs_and_their_inflections_are_communication() {
        for w in [
            "say", "said", "says", "saying", "warned", "denies", "Endorsed",
        ] {
            let c = of(w);
            assert!(c.is(Pos::Verb), "{w}");
            assert_ne!(c.verb_classes() & (1 << VERB_COMMUNICATION), 0, "{w}");
        }
    }

    #[test]
    fn person_nouns_and_unknown_words() {
        let c = of("spokesman");
        assert!(c.is(Pos::Noun));
        assert_eq!(c.noun_first(), NOUN_PERSON);
        assert_eq!(of("officials").noun_first(), NOUN_PERSON);
        assert_eq!(of("committee").noun_first(), NOUN_GROUP);
        assert_eq!(of("zzyzxq"), Classes::default());
        assert_eq!(of("the"), Classes::default());
    }

    #[test]
    fn first_sense_is_kept_once() {
        let mut c = Classes::default();
        c.add_verb_class(VERB_COMMUNICATION, true);
        c.add_verb_class(5, true);
        assert_eq!(c.verb_first(), VERB_COMMUNICATION + 1);
        assert_eq!(c.verb_classes(), (1 << VERB_COMMUNICATION) | (1 << 5));
        c.set_noun_first(NOUN_PERSON);
        c.set_noun_first(2);
        assert_eq!(c.noun_first(), NOUN_PERSON);
    }
}
