//! Builds `data/word-classes.tsv`, the word classes the tagger uses as features, from a
//! WordNet 3.0 database (Debian's `wordnet-base` puts it in `/usr/share/wordnet`):
//!
//! ```sh
//! cargo run --release --example word_classes -- /usr/share/wordnet data/word-classes.tsv
//! ```
//!
//! Each line is `form<TAB>code` (code in hex; the bit layout is [`claimtrace::wordclass`]'s).
//! A word's code says which parts of speech WordNet knows it as and the lexicographer file
//! (broad semantic class: `verb.communication`, `noun.person`, …) of its most frequent verb
//! and noun sense, plus every verb class among its senses. That is what lets the tagger
//! treat a stance verb it never saw in training ("endorse", "blame") like the ones it did.
//!
//! Kept: every single-word verb; nouns, adjectives and adverbs that occur in WordNet's
//! sense-tagged concordance (the common ones), and nouns whose first sense names a person,
//! a group or a communication. Inflected forms are generated (regular endings plus WordNet's
//! exception lists), so that the tagger needs one lookup per token and no morphology.
//! The output is sorted, so that re-running gives the same bytes.

use std::collections::BTreeMap;
use std::path::Path;

use claimtrace::wordclass::{self, Pos};

/// Lexicographer file numbers (WordNet's `lexnames`).
const NOUN_FIRST: u32 = 3; // noun.Tops
const NOUN_PERSON: u32 = 18;
const NOUN_GROUP: u32 = 14;
const NOUN_COMMUNICATION: u32 = 10;
const VERB_FIRST: u32 = 29; // verb.body

struct Entry {
    pos: Pos,
    /// Lexicographer files of the senses, most frequent first.
    files: Vec<u32>,
    /// Senses tagged in the concordance.
    tagged: u32,
}

fn read_index(dir: &Path, pos: Pos, data: &str) -> Vec<(String, Entry)> {
    let name = match pos {
        Pos::Noun => "noun",
        Pos::Verb => "verb",
        Pos::Adjective => "adj",
        Pos::Adverb => "adv",
    };
    let index = std::fs::read_to_string(dir.join(format!("index.{name}")))
        .unwrap_or_else(|e| fail(format!("index.{name}: {e}")));
    let mut out = Vec::new();
    for line in index.lines().filter(|l| !l.starts_with(' ')) {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() < 6 {
            continue;
        }
        let lemma = f[0];
        if !lemma.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
            continue;
        }
        let Ok(p_cnt) = f[3].parse::<usize>() else {
            continue;
        };
        let Some(tagged) = f.get(5 + p_cnt).and_then(|s| s.parse::<u32>().ok()) else {
            continue;
        };
        let files = f[6 + p_cnt..]
            .iter()
            .filter_map(|off| off.parse::<usize>().ok())
            .filter_map(|off| data.get(off..)?.split_whitespace().nth(1)?.parse().ok())
            .collect();
        out.push((lemma.to_owned(), Entry { pos, files, tagged }));
    }
    out
}

/// A data tool: a missing WordNet file ends the run with a message.
fn fail(msg: String) -> ! {
    eprintln!("word_classes: {msg}");
    std::process::exit(2)
}

fn ends_consonant_vowel_consonant(w: &str) -> bool {
    let b = w.as_bytes();
    let vowel = |c: u8| b"aeiou".contains(&c);
    b.len() >= 3
        && !vowel(b[b.len() - 1])
        && !b"wxy".contains(&b[b.len() - 1])
        && vowel(b[b.len() - 2])
        && !vowel(b[b.len() - 3])
}

/// Regular inflections of a verb (both with and without a doubled final consonant: a
/// wrong form is harmless, a missing one costs a feature).
fn verb_forms(v: &str) -> Vec<String> {
    let mut out = Vec::new();
    let stem_y = v
        .strip_suffix('y')
        .filter(|s| s.as_bytes().last().is_some_and(|c| !b"aeiou".contains(c)));
    if let Some(s) = stem_y {
        out.extend([format!("{s}ies"), format!("{s}ied")]);
    } else if ["s", "x", "z", "ch", "sh", "o"]
        .iter()
        .any(|e| v.ends_with(e))
    {
        out.push(format!("{v}es"));
    } else {
        out.push(format!("{v}s"));
    }
    if stem_y.is_none() {
        if v.ends_with('e') {
            out.push(format!("{v}d"));
        } else {
            out.push(format!("{v}ed"));
        }
    }
    if let Some(s) = v.strip_suffix("ie") {
        out.push(format!("{s}ying"));
    } else if let Some(s) = v
        .strip_suffix('e')
        .filter(|s| !s.ends_with(['e', 'y', 'o']))
    {
        out.push(format!("{s}ing"));
    } else {
        out.push(format!("{v}ing"));
    }
    if ends_consonant_vowel_consonant(v) {
        let last = &v[v.len() - 1..];
        out.extend([format!("{v}{last}ed"), format!("{v}{last}ing")]);
    }
    out
}

fn noun_forms(n: &str) -> Vec<String> {
    if let Some(s) = n
        .strip_suffix('y')
        .filter(|s| s.as_bytes().last().is_some_and(|c| !b"aeiou".contains(c)))
    {
        vec![format!("{s}ies")]
    } else if ["s", "x", "z", "ch", "sh"].iter().any(|e| n.ends_with(e)) {
        vec![format!("{n}es")]
    } else {
        vec![format!("{n}s")]
    }
}

fn read_exceptions(dir: &Path, name: &str) -> Vec<(String, String)> {
    let path = dir.join(name);
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| fail(format!("{}: {e}", path.display())));
    text.lines()
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            Some((f.next()?.to_owned(), f.next()?.to_owned()))
        })
        .filter(|(form, _)| form.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("usage: word_classes WORDNET_DIR OUTPUT");
        std::process::exit(2);
    };
    let dir = Path::new(dir);
    // Per lemma and part of speech, its entry.
    let mut lemmas: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
    for (pos, name) in [
        (Pos::Noun, "noun"),
        (Pos::Verb, "verb"),
        (Pos::Adjective, "adj"),
        (Pos::Adverb, "adv"),
    ] {
        let data = std::fs::read_to_string(dir.join(format!("data.{name}")))
            .unwrap_or_else(|e| fail(format!("data.{name}: {e}")));
        for (lemma, e) in read_index(dir, pos, &data) {
            let first = e.files.first().copied().unwrap_or(0);
            let keep = match pos {
                Pos::Verb => true,
                Pos::Noun => {
                    e.tagged > 0 || [NOUN_PERSON, NOUN_GROUP, NOUN_COMMUNICATION].contains(&first)
                }
                _ => e.tagged > 0,
            };
            if keep {
                lemmas.entry(lemma).or_default().push(e);
            }
        }
    }
    // Every surface form, with the entries it may stand for: its own first, then those of
    // the lemmas it inflects.
    let mut forms: BTreeMap<String, Vec<(&Entry, bool)>> = BTreeMap::new();
    for (lemma, entries) in &lemmas {
        for e in entries {
            forms.entry(lemma.clone()).or_default().push((e, false));
            let inflected = match e.pos {
                Pos::Verb => verb_forms(lemma),
                Pos::Noun => noun_forms(lemma),
                _ => Vec::new(),
            };
            for f in inflected {
                forms.entry(f).or_default().push((e, true));
            }
        }
    }
    for (file, pos) in [("verb.exc", Pos::Verb), ("noun.exc", Pos::Noun)] {
        for (form, lemma) in read_exceptions(dir, file) {
            if let Some(e) = lemmas
                .get(&lemma)
                .and_then(|es| es.iter().find(|e| e.pos == pos))
            {
                forms.entry(form).or_default().push((e, true));
            }
        }
    }
    let mut text = String::new();
    for (form, entries) in &forms {
        let mut classes = wordclass::Classes::default();
        // A form's own entries outrank the lemmas it inflects for the first sense.
        let mut sorted = entries.clone();
        sorted.sort_by_key(|(_, inflected)| *inflected);
        for (e, _) in sorted {
            classes.add_pos(e.pos);
            match e.pos {
                Pos::Verb => {
                    for (k, &f) in e.files.iter().enumerate() {
                        if f >= VERB_FIRST {
                            classes.add_verb_class(f - VERB_FIRST, k == 0);
                        }
                    }
                }
                Pos::Noun => {
                    if let Some(&f) = e.files.first().filter(|&&f| f >= NOUN_FIRST) {
                        classes.set_noun_first(f - NOUN_FIRST + 1);
                    }
                }
                _ => {}
            }
        }
        text.push_str(&format!("{form}\t{:x}\n", classes.0));
    }
    std::fs::write(out, text).unwrap_or_else(|e| fail(format!("{out}: {e}")));
    eprintln!("{} forms from {} lemmas", forms.len(), lemmas.len());
}
