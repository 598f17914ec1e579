//! Speaker resolution inside one article: every speaker mention is linked to one entity.
//!
//! Mentions are taken in text order. A full noun phrase introduces (or re-finds, by name)
//! an entity; a pronoun, a role noun ("the spokesman"), a surname ("Rasoul") or a
//! statement ("the full statement") refers back to the latest entity that fits.

use std::collections::{HashMap, HashSet};

use crate::article::Article;
use crate::lexicon;
use crate::model::{Claim, Speaker, SpeakerKind};

/// Titles that belong to a person's name ("Major General Yahya Rasoul", "Sen. Bernie Sanders").
static TITLES: lexicon::WordList = lexicon::WordList::new(&[
    "adm",
    "admiral",
    "brig",
    "capt",
    "captain",
    "chancellor",
    "col",
    "colonel",
    "commander",
    "dr",
    "gen",
    "general",
    "gov",
    "governor",
    "judge",
    "lieutenant",
    "lt",
    "maj",
    "major",
    "minister",
    "mr",
    "mrs",
    "ms",
    "pm",
    "pope",
    "premier",
    "president",
    "prime",
    "prof",
    "rep",
    "secretary",
    "sen",
    "senator",
    "sgt",
    "sheikh",
    "speaker",
    "sir",
]);

/// [`TITLES`] found anywhere in a lower-cased phrase, in one pass ("general" in
/// "major-general", as a substring search of each title found them).
static TITLE_SEARCH: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::new(TITLES.iter())
            // A short fixed list of words; building cannot fail on it.
            .expect("title list builds an automaton")
    });

/// Role nouns that any office holder can be called ("the official" for a spokesman).
const GENERIC_ROLES: &[&str] = &["official", "officer", "source", "aide", "representative"];

/// Words for any body: "the organisation said" is the body last named, where a specific
/// word ("the ministry") must match the name ([`lexicon::ORGANIZATION_NOUNS`] and the
/// shorter-description rule).
const GENERIC_BODIES: &[&str] = &[
    "organisation",
    "organization",
    "company",
    "firm",
    "group",
    "body",
    "institution",
    "business",
];

/// How far back (code points) "the organisation" looks for the body it stands for.
const BODY_REACH: usize = 1200;

/// Capitalised words that open a sentence but name no one.
static NOT_NAMES: lexicon::WordList = lexicon::WordList::new(&[
    "a", "all", "an", "another", "both", "each", "earlier", "every", "few", "many", "most", "no",
    "other", "others", "several", "some", "the", "these", "this", "those", "two", "three", "four",
    "five", "one",
]);

/// Days: capitalised, and no one's name ("a poll published on Tuesday").
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A day or a month, which names no one; "May" may be a surname.
fn is_date_name(w: &str) -> bool {
    let l = w.to_lowercase();
    WEEKDAYS.contains(&l.as_str()) || l != "may" && lexicon::MONTHS.contains(&l.as_str())
}

#[derive(Debug)]
struct Entity {
    speaker: Speaker,
    /// Lower-case words of the name, for surname matching.
    name_words: Vec<String>,
    /// Lower-case role and head nouns seen in its mentions ("spokesman", "official").
    roles: Vec<String>,
    plural: bool,
    /// 'm' or 'f' once a mention has told ("he", "Mrs.", "spokeswoman"): a later "she"
    /// is then someone else.
    gender: Option<char>,
    /// Where its latest mention starts (code points).
    last_at: usize,
}

/// How many of the latest-mentioned entities pronouns, role nouns and surnames look at.
/// Articles name far fewer speakers; the bound keeps resolution linear on degenerate input.
const RECENT: usize = 256;

/// How far back (code points) a pronoun looks for its speaker: about two short paragraphs
/// for "he", "she" and "it", one for "they" and "we", which have many more candidates (any
/// plural noun phrase, not only a person). Farther back, "They say …" is more likely about
/// someone the article mentioned in passing than about the last group quoted: an
/// unresolved "They" is honest, a wrong speaker is not.
const PRONOUN_REACH: usize = 600;
/// How far back (code points) "her office" looks for whom it speaks for.
const OWNER_REACH: usize = 200;
const PLURAL_PRONOUN_REACH: usize = 300;

/// Entities with indexes over their [`normalise`]d names and aliases, so that resolving a
/// mention costs the same however many entities came before.
#[derive(Default)]
struct Entities {
    list: Vec<Entity>,
    /// Normalised name or alias → first entity known by it.
    by_key: HashMap<String, usize>,
    /// Normalised name → first entity so named.
    by_name: HashMap<String, usize>,
    /// (entity, alias) pairs already recorded.
    aliases: HashSet<(usize, String)>,
    /// Entities by their latest mention, latest last (at most [`RECENT`]).
    recency: Vec<usize>,
}

impl Entities {
    /// The most recently mentioned entity that satisfies `pred`.
    fn latest(&self, pred: &dyn Fn(&Entity) -> bool) -> Option<usize> {
        self.recency
            .iter()
            .rev()
            .copied()
            .find(|&i| pred(&self.list[i]))
    }

    /// Records a mention of entity `i` at `at`.
    fn mentioned(&mut self, i: usize, at: usize) {
        self.list[i].last_at = at;
        self.recency.retain(|&j| j != i);
        if self.recency.len() == RECENT {
            self.recency.remove(0);
        }
        self.recency.push(i);
    }
}

fn words_of(s: &str) -> Vec<&str> {
    s.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'' && c != '’')
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The proper name in a body's phrase with an apposition: "The operator, West Atlantic
/// Terminals" and "Halvorsen Foods, the Danish confectionery maker" are the firms named.
/// The part between commas whose words are all capitalised (and that is not a sentence's
/// "The …"); `None` without a comma or such a part.
fn body_name(np: &str) -> Option<&str> {
    if !np.contains(',') {
        return None;
    }
    np.split(',').map(str::trim).find(|part| {
        let ws = words_of(part);
        !ws.is_empty() && ws.iter().all(|w| is_cap(w)) && !matches!(ws[0], "The" | "A" | "An")
    })
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn strip_possessive(w: &str) -> &str {
    w.trim_end_matches("'s").trim_end_matches("’s")
}

/// The person's name in a noun phrase: the last run of capitalised words (with titles),
/// when its last word is not a role or organisation noun.
/// Lower-case particles of family names ("de Vries", "van der Berg", "da Silva", "ibn
/// Saud"), which do not end a name's capitalised run.
static NAME_PARTICLES: lexicon::WordList = lexicon::WordList::new(&[
    "de", "van", "von", "der", "den", "da", "di", "del", "della", "dos", "das", "du", "le", "la",
    "ter", "ten", "ibn", "bin", "al", "el",
]);

/// "employers' group Deltalinqs", "tech firm Nvidia": a name right after a word for a body
/// names that body.
fn body_noun_then_name(np: &str) -> bool {
    let ws = words_of(np);
    let Some(last_lower) = ws.iter().rposition(|w| !is_cap(w)) else {
        return false;
    };
    last_lower + 1 < ws.len()
        && lexicon::ORGANIZATION_NOUNS.contains(strip_possessive(&ws[last_lower].to_lowercase()))
}

fn person_name(np: &str) -> Option<String> {
    // "Johnson & Johnson", "Ernst & Young": an ampersand joins the names of a firm.
    if is_body_name(np) || body_noun_then_name(np) || np.contains(" & ") {
        return None;
    }
    // A name does not run across an apposition's comma: take the last part that has one.
    if np.contains(',') {
        return np
            .rsplit(',')
            .map(str::trim)
            .filter(|part| {
                // Neither a relative clause nor a description ("a Republican", "an aide to
                // the mayor") is the name of the one it describes.
                !matches!(
                    part.split_whitespace()
                        .next()
                        .map(str::to_lowercase)
                        .as_deref(),
                    Some("who" | "which" | "whose" | "a" | "an")
                )
            })
            .find_map(person_name);
    }
    let ws: Vec<&str> = words_of(np)
        .into_iter()
        .filter(|w| !NOT_NAMES.contains_lower(w))
        .collect();
    let mut best: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < ws.len() {
        // A lower-case particle before a capitalised part, one or two of them ("Anna de
        // Vries", "Pieter van der Berg"); at the phrase's start it opens the name ("del
        // Pozo Cruz said").
        let particles_then_cap = |k: usize| {
            let n = ws[k..]
                .iter()
                .take(2)
                .take_while(|w| NAME_PARTICLES.contains(w))
                .count();
            n > 0 && ws.get(k + n).is_some_and(|w| is_cap(w))
        };
        if is_cap(ws[i]) && !matches!(ws[i], "The" | "A" | "An") || i == 0 && particles_then_cap(0)
        {
            let mut j = i;
            while j + 1 < ws.len()
                && (is_cap(ws[j + 1])
                    || ws[j + 1].starts_with("al-")
                    || ws[j + 1] == "bin"
                    || particles_then_cap(j + 1))
            {
                j += 1;
            }
            if ws[i..=j].iter().all(|w| is_date_name(w)) {
                i = j + 1;
                continue;
            }
            best = Some((i, j));
            // "David Woodard of Clemson University": a name of two words or more followed
            // by its affiliation is the person's.
            let l = ws[j].to_lowercase();
            let body = lexicon::ORGANIZATION_NOUNS.contains(strip_possessive(&l))
                || crate::wordclass::of(strip_possessive(&l)).noun_first()
                    == crate::wordclass::NOUN_GROUP;
            // A name followed by an affiliation: "David Woodard of Clemson University" is
            // David Woodard's (a name of two words or more).
            if ws
                .get(j + 1)
                .is_some_and(|w| matches!(*w, "of" | "at" | "from"))
                && ws.get(j + 2).is_some_and(|w| is_cap(w))
            {
                if body {
                    // "the University of Michigan": the body's name, not a person's.
                    return None;
                }
                if j > i {
                    break;
                }
            }
            i = j + 1;
        } else {
            // "chief economist at Banco Atlántico in Merida City", "managing partner of the
            // investment bank Westwood Capital": after a role and its preposition, before
            // any name, what follows is the affiliation or the place, not the person; but
            // "secretary of state Hillary Clinton" is a title (a bare lower-case word after
            // the preposition, then the name).
            // (A title in quotation marks is capitalised: "author of ''Hacked World Order''".)
            let title_compound = ws.get(i + 1).is_some_and(|w| {
                !is_cap(w.trim_start_matches(['\'', '"', '‘', '“']))
                    && !matches!(*w, "the" | "a" | "an" | "its" | "their" | "his" | "her")
            }) && ws.get(i + 2).is_some_and(|w| is_cap(w));
            if best.is_none()
                && i > 0
                && matches!(ws[i], "at" | "of" | "for" | "in" | "from")
                && !title_compound
            {
                return None;
            }
            i += 1;
        }
    }
    let (a, b) = best?;
    // "the Red Cross", "The International Monetary Fund": a name that takes an article is a
    // body's, not a person's.
    if a == 1 && ws[0].eq_ignore_ascii_case("the") {
        return None;
    }
    // A capitalised run followed by a common noun modifies it: "Different factions",
    // "Trump supporters".
    if let Some(next) = ws.get(b + 1) {
        let n = next.to_lowercase();
        if !is_cap(next)
            && !lexicon::NP_PREPOSITIONS.contains(&n.as_str())
            && !matches!(
                n.as_str(),
                "who" | "which" | "that" | "whose" | "and" | "or" | "himself" | "herself"
            )
        {
            return None;
        }
    }
    let last = ws[b].to_lowercase();
    let last = strip_possessive(&last);
    // A name ending in a word for a body of people names the body: "the Harbour
    // Federation", "Traders Union" (WordNet's first sense of the word is a group).
    // A plural of a common noun that names no person ends a firm's name, not a surname:
    // "Halvorsen Foods", "West Atlantic Terminals", "Apex Holdings" (surnames such as
    // "Adams" or "Jones" are people in WordNet's first sense, and stay names).
    let first_sense = crate::wordclass::of(last).noun_first();
    let common_plural = b > a
        && last.len() > 3
        && last.ends_with('s')
        && !last.ends_with("ss")
        && first_sense != 0
        && first_sense != crate::wordclass::NOUN_PERSON;
    // WordNet's first sense of a rare surname can be a group ("obi" is a sash, then a
    // cult): used as names are, after a word used as a given name ("Mary Obi", "Ada Obi"),
    // it is a surname ("Grace Avenue Baptist Church" stays a body: "church" is no name).
    let given_name_first = b > a && crate::wordcluster::is_name_like(last) && {
        let first = ws[a].to_lowercase();
        let sense = crate::wordclass::of(&first).noun_first();
        crate::wordcluster::is_name_like(&first)
            && (sense == 0 || sense == crate::wordclass::NOUN_PERSON)
    };
    if lexicon::ORGANIZATION_NOUNS.contains(last)
        || lexicon::FIRM_NAME_ENDINGS.contains(last.trim_end_matches('.'))
        || common_plural
        || first_sense == crate::wordclass::NOUN_GROUP && !given_name_first
        || lexicon::ROLE_NOUNS.contains(last)
        || lexicon::DOCUMENT_NOUNS.contains(last)
        || TITLES.contains(last.trim_end_matches('.'))
    {
        return None;
    }
    // A name needs a word that is neither a title nor a demonym-like single token.
    let name = ws[a..=b].join(" ");
    if b == a && np.split_whitespace().count() > 1 {
        let lower = np.to_lowercase();
        if TITLE_SEARCH.is_match(&lower) {
            return Some(name);
        }
        // "Iraqi officials": one capitalised adjective is no name.
        let head = lower.split_whitespace().last().unwrap_or("");
        if lexicon::ROLE_NOUNS.contains(head) || lexicon::ORGANIZATION_NOUNS.contains(head) {
            return None;
        }
    }
    Some(name)
}

/// The issuer named in a document phrase: "statement from the Prime Minister's office" →
/// "the Prime Minister's office"; "the ministry's statement" → "the ministry".
fn document_issuer(np: &str) -> Option<String> {
    let lower = np.to_lowercase();
    for prep in [" from ", " by ", " of "] {
        if let Some(i) = lower.find(prep) {
            // "a memo seen by the newspaper": who saw it did not issue it.
            if prep == " by "
                && ["seen", "obtained", "reviewed"]
                    .iter()
                    .any(|p| lower[..i].ends_with(p))
            {
                continue;
            }
            let rest = &np[i + prep.len()..];
            // What a study or poll is of is who was counted, not who issued it: "a study of
            // more than 48,000 adults".
            let first = rest.split_whitespace().next().unwrap_or("");
            if lexicon::is_count_word(first)
                || lexicon::contains_lower(
                    &[
                        "more", "fewer", "about", "nearly", "almost", "over", "some", "around",
                    ],
                    first,
                ) && rest.contains(|c: char| c.is_ascii_digit())
            {
                continue;
            }
            let rest = rest.split([',']).next().unwrap_or(rest);
            // Cut a trailing participle phrase ("… released by state media").
            let cut = [
                "released",
                "issued",
                "published",
                "carried",
                "broadcast",
                "posted",
            ]
            .iter()
            .filter_map(|p| rest.find(&format!(" {p} ")))
            .min()
            .unwrap_or(rest.len());
            let issuer = rest[..cut].trim();
            if !issuer.is_empty() {
                return Some(issuer.to_owned());
            }
        }
    }
    let ws: Vec<&str> = np.split_whitespace().collect();
    if let Some(pos) = ws
        .iter()
        .position(|w| w.ends_with("'s") || w.ends_with("’s"))
    {
        let issuer = ws[..=pos].join(" ");
        return Some(strip_possessive(&issuer).to_owned());
    }
    if names_a_body(np) {
        return None;
    }
    // "The Joint Operations Command statement": a name modifying the document noun.
    let modifiers: Vec<&str> = ws
        .iter()
        .take(ws.len().saturating_sub(1))
        .skip_while(|w| matches!(w.to_lowercase().as_str(), "the" | "a" | "an"))
        .copied()
        .collect();
    if !modifiers.is_empty() && modifiers.iter().all(|w| is_cap(w)) {
        return Some(modifiers.join(" "));
    }
    None
}

/// Whether a phrase whose head is a document noun is a body's proper name: the noun is
/// capitalised within a capitalised run ("the British Geological Survey", "the U.S.
/// Geological Survey"), where "the Joint Operations Command statement" is a document.
fn names_a_body(np: &str) -> bool {
    let main = np.split(',').next().unwrap_or(np);
    let ws: Vec<&str> = main.split_whitespace().collect();
    match ws.as_slice() {
        [.., before, last] => {
            is_cap(last)
                && is_cap(before)
                && lexicon::DOCUMENT_NOUNS.contains(last.to_lowercase().as_str())
        }
        _ => false,
    }
}

fn head_noun(np: &str) -> String {
    head_noun_of_lower(&np.to_lowercase())
}

/// [`head_noun`] of a phrase already lower-cased.
fn head_noun_of_lower(lower: &str) -> String {
    // The head is the last word before a comma or a preposition.
    let main = lower.split(',').next().unwrap_or(lower);
    let mut head = "";
    for w in main.split_whitespace() {
        if lexicon::ends_np_head(w) {
            break;
        }
        head = w;
    }
    strip_possessive(head.trim_matches(|c: char| !c.is_alphanumeric())).to_owned()
}

fn normalise(name: &str) -> String {
    let l = name.to_lowercase();
    let l = if l.contains('’') {
        l.replace('’', "'")
    } else {
        l
    };
    let l = l.trim_start_matches("the ").trim();
    // The words joined by single spaces.
    let mut out = String::with_capacity(l.len());
    for w in l.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// "The International Monetary Fund": the article, then capitalised words only.
fn is_body_name(np: &str) -> bool {
    let mut ws = np.split_whitespace();
    ws.next().is_some_and(|w| w.eq_ignore_ascii_case("the")) && {
        let rest: Vec<&str> = ws.collect();
        !rest.is_empty()
            && rest
                .iter()
                .all(|w| is_cap(w) || matches!(*w, "of" | "for" | "and" | "on"))
            && rest.last().is_some_and(|w| is_cap(w))
    }
}

/// "The paper", "a local newspaper", "the broadcaster": an outlet named only by what it is,
/// its words lower-case after the determiner (`lower` is the phrase lower-cased; a capital
/// would make it a name, which [`lexicon::is_outlet`] judges).
fn is_outlet_by_kind(lower: &str) -> bool {
    let mut ws = lower.split_whitespace();
    let Some(determiner) = ws.next() else {
        return false;
    };
    if !matches!(determiner, "the" | "a" | "an" | "this") {
        return false;
    }
    // "A paper" is most often a study; "the paper" an article's newspaper.
    ws.next_back().is_some_and(|w| {
        lexicon::OUTLET_KIND_NOUNS.contains(&w) && (w != "paper" || determiner == "the")
    }) && ws.clone().count() <= 2
        && ws.all(|w| crate::wordclass::of(w).is(crate::wordclass::Pos::Adjective))
}

/// The kind of speaker a noun phrase names; `named` says whether [`person_name`] finds a
/// name in it (the caller has usually asked already).
fn kind_of(np: &str, head: &str, anonymous: bool, named: bool) -> SpeakerKind {
    if anonymous {
        return SpeakerKind::Anonymous;
    }
    let lower = np.to_lowercase();
    if matches!(lower.as_str(), "he" | "she" | "i") {
        return SpeakerKind::Person;
    }
    if lexicon::is_outlet(np) {
        return SpeakerKind::Media;
    }
    if lexicon::DOCUMENT_NOUNS.contains(head) && !names_a_body(np) {
        return SpeakerKind::Document;
    }
    if is_outlet_by_kind(&lower) {
        return SpeakerKind::Media;
    }
    if named {
        return SpeakerKind::Person;
    }
    if is_body_name(np) || body_noun_then_name(np) || np.contains(" & ") {
        return SpeakerKind::Organization;
    }
    // "The 27-year-old", "a 54-year-old teacher".
    if head.ends_with("-year-old") {
        return SpeakerKind::Person;
    }
    if lexicon::ORGANIZATION_NOUNS.contains(head) || lower.ends_with("command") {
        return SpeakerKind::Organization;
    }
    // A proper name of two words or more that names no person is a body's, plural or not:
    // "Halvorsen Foods", "West Atlantic Terminals" (but "Trump supporters" is a group).
    let ws = words_of(np.split(',').next().unwrap_or(np));
    if ws.len() >= 2 && ws.iter().all(|w| is_cap(w)) {
        return SpeakerKind::Organization;
    }
    // A written text the lexicon does not list ("a notice", "a criminal complaint", "court
    // records"): WordNet files the word's first noun sense under communication. Names are
    // past this point, so "the Guardian" or "Reuters" never reach it.
    // A capitalised head ends a name instead: "Lindqvist's label, Northwave Records" (but
    // "Records show …" opens its sentence).
    let np_words: Vec<&str> = np.split_whitespace().collect();
    let head_capitalised = np_words
        .get(1..)
        .unwrap_or_default()
        .iter()
        .rev()
        .find(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .eq_ignore_ascii_case(head)
        })
        .is_some_and(|w| is_cap(w));
    if !head_capitalised
        && (lexicon::DOCUMENT_KIND_NOUNS.contains(&head)
            || crate::wordclass::of(head).noun_first() == crate::wordclass::NOUN_COMMUNICATION
                && head.len() > 3
                && !lexicon::NOT_DOCUMENT_HEADS.contains(&head))
    {
        return SpeakerKind::Document;
    }
    if head.ends_with('s') || matches!(lower.as_str(), "they" | "we") {
        return SpeakerKind::Group;
    }
    // A role the lexicon does not list may still be a word for a person in WordNet
    // ("mayor", "pollster", "surgeon").
    if lexicon::ROLE_NOUNS.contains(head)
        || crate::wordclass::of(head).noun_first() == crate::wordclass::NOUN_PERSON
    {
        return SpeakerKind::Person;
    }
    SpeakerKind::Organization
}

/// The latest "Given Surname" in `text` before byte `at` whose surname is `surname` (as
/// written): a person named in full before being called by surname alone.
fn full_name_before(text: &str, at: usize, surname: &str) -> Option<String> {
    let before = text.get(..at)?;
    before.rmatch_indices(surname).find_map(|(i, _)| {
        let after_ok = !before[i + surname.len()..].starts_with(char::is_alphanumeric);
        let head = before[..i].strip_suffix(' ')?;
        let given = head.rsplit([' ', '\n', '(', '“', '"']).next()?;
        (after_ok
            && given.len() > 1
            && is_cap(given)
            && crate::wordcluster::is_name_like(&given.to_lowercase()))
        .then(|| format!("{given} {surname}"))
    })
}

/// The latest body named in `text` before byte `at` (within [`BODY_REACH`] bytes, the
/// sentence of `at` included) whose name ends in `head` or its plural, capitalised: "Nordvia
/// Airlines" for "the airline", "the Harbour Union" for "the union". The name is the run of
/// capitalised words before it (articles aside); one word alone is no name.
fn body_named_before(text: &str, at: usize, head: &str) -> Option<String> {
    // The headline is left out: its title case makes every word look like a name.
    let body = text
        .trim_start()
        .find('\n')
        .map_or(0, |i| i + text.len() - text.trim_start().len());
    let mut from = at.saturating_sub(BODY_REACH).max(body);
    while from > 0 && !text.is_char_boundary(from) {
        from -= 1;
    }
    if from >= at {
        return None;
    }
    let before = text.get(from..at)?;
    let mut cap = head.to_owned();
    let first = cap.get(..1)?.to_uppercase();
    cap.replace_range(..1, &first);
    let plural = format!("{cap}s");
    let words: Vec<&str> = before.split_whitespace().collect();
    (0..words.len()).rev().find_map(|k| {
        let w = words[k].trim_end_matches(|c: char| !c.is_alphanumeric());
        if w != cap && w != plural
            || words[k].len() != w.len() && !words[k].ends_with(['.', ',', ';', ':'])
        {
            return None;
        }
        let mut a = k;
        while a > 0 {
            let p = words[a - 1];
            if !is_cap(p)
                || matches!(p, "The" | "A" | "An")
                || p.ends_with(['.', ',', ';', ':', '"', '”'])
            {
                break;
            }
            a -= 1;
        }
        (a < k).then(|| {
            let mut name = words[a..k].to_vec();
            name.push(w);
            name.join(" ")
        })
    })
}

/// The proper name at the end of a described body: "Wells Harding Bancorp" in "Regional
/// lender Wells Harding Bancorp", "Brightline Live" in "concert promoter Brightline Live".
fn described_name(np: &str) -> Option<&str> {
    let ws: Vec<&str> = np.split(' ').collect();
    let run = ws
        .iter()
        .rev()
        .take_while(|w| is_cap(w) || **w == "&")
        .count();
    // "the British Geological Survey" keeps its article: only a description goes.
    let described = ws[..ws.len() - run]
        .iter()
        .any(|w| !lexicon::contains_lower(&["the", "a", "an"], w));
    (run >= 2 && run < ws.len() && described && !is_cap(ws[ws.len() - run - 1])).then(|| {
        let skip: usize = ws[..ws.len() - run].iter().map(|w| w.len() + 1).sum();
        &np[skip..]
    })
}

/// Whether a claim's content opens on "its" (or, for a speaker named in one word, on "it"),
/// after an optional "that": the speaker is then a thing, not a person.
fn speaks_of_itself(claim: &Claim, name_words: usize) -> bool {
    let Some(first) = claim.content.first() else {
        return false;
    };
    // In a quotation "it" is the speaker's own word about anything.
    if first.text.starts_with(['"', '“', '‘', '\'']) {
        return false;
    }
    let lower = first.text.to_lowercase();
    let rest = lower.strip_prefix("that ").unwrap_or(&lower);
    rest.starts_with("its ") || name_words == 1 && rest.starts_with("it ")
}

/// A document's name without the phrase naming who saw or obtained it: "a memo seen by
/// the newspaper" → "a memo".
fn without_holder(np: &str) -> &str {
    [" seen by ", " obtained by ", " reviewed by "]
        .iter()
        .filter_map(|p| np.find(p))
        .min()
        .map_or(np, |i| np[..i].trim_end_matches([',', ' ']))
}

/// Links every claim's speaker mention to an entity and returns the entities.
pub fn resolve(article: &Article, claims: &mut [Claim]) -> Vec<Speaker> {
    let mut entities = Entities::default();
    // Text order of mentions; claims are already sorted by position.
    let mut order: Vec<usize> = (0..claims.len())
        .filter(|&i| claims[i].speaker.is_some())
        .collect();
    order.sort_by_key(|&i| claims[i].speaker.as_ref().map_or(0, |m| m.start));
    let mut last_document_issuer: Option<usize> = None;
    // Found when a pronoun or surname first needs them.
    let subjects_found = std::cell::OnceCell::new();
    let subjects = || subjects_found.get_or_init(|| sentence_subjects(article));
    for ci in order {
        let Some(mention) = claims[ci].speaker.as_ref() else {
            continue;
        };
        let anonymous = claims[ci].anonymity.is_some();
        // "a police report seen by Reuters" is the report; Reuters is the claim's channel.
        let np = without_holder(mention.text.trim());
        let lower = np.to_lowercase();
        let ws = words_of(np);
        let head = head_noun_of_lower(&lower);
        let definite = ws
            .first()
            .is_some_and(|w| lexicon::contains_lower(&["the", "this", "that"], w));
        // The person's name in the phrase, asked by more than one branch below: found once,
        // when first needed.
        let name_found = std::cell::OnceCell::new();
        let name = || name_found.get_or_init(|| person_name(np)).as_ref();
        let latest = |pred: &dyn Fn(&Entity) -> bool| entities.latest(pred);
        let at = mention.start;
        let near = |e: &Entity, reach: usize| at.saturating_sub(e.last_at) <= reach;
        // Sentence subjects named before `at`, in text order.
        let subjects_before = || {
            let s = subjects();
            &s[..s.partition_point(|(p, _)| *p < at)]
        };
        // The latest person named as a sentence's subject before `at`, within `reach`.
        let subject_before = |reach: usize| {
            subjects_before()
                .last()
                .filter(|(p, _)| at - p <= reach)
                .map(|(p, n)| (*p, n.clone()))
        };
        let found: Option<usize> = match lower.as_str() {
            "he" | "she" | "him" | "her" | "i" => {
                let want = gender_of(&lower);
                let fits = |e: &Entity| e.gender.is_none() || want.is_none() || e.gender == want;
                let speaker = latest(&|e: &Entity| {
                    (e.speaker.kind == SpeakerKind::Person
                        || e.speaker.kind == SpeakerKind::Anonymous && !e.plural)
                        && fits(e)
                })
                .filter(|&i| near(&entities.list[i], PRONOUN_REACH));
                // A person named as a sentence's subject since that speaker was last
                // mentioned is nearer (unless known to be of the other gender). A one-word
                // subject counts only as the surname of a person already known.
                let subject = subject_before(PRONOUN_REACH).and_then(|(p, name)| {
                    let sur = name
                        .split_whitespace()
                        .last()
                        .map(|w| strip_possessive(w).to_lowercase())
                        .unwrap_or_default();
                    let same_surname = |e: &Entity| e.name_words.last() == Some(&sur);
                    if speaker.is_some_and(|i| {
                        entities.list[i].last_at >= p || same_surname(&entities.list[i])
                    }) {
                        return None;
                    }
                    let known = entities.by_key.get(&normalise(&name)).copied().or_else(|| {
                        latest(&|e: &Entity| {
                            e.speaker.kind == SpeakerKind::Person && same_surname(e)
                        })
                    });
                    // A subject already known as a body or as many people ("Officials
                    // said …") is no "she".
                    let one_person = |e: &Entity| {
                        e.speaker.kind == SpeakerKind::Person
                            || e.speaker.kind == SpeakerKind::Anonymous && !e.plural
                    };
                    match known {
                        Some(i) => (fits(&entities.list[i]) && one_person(&entities.list[i]))
                            .then_some(Ok(i)),
                        None if name.contains(' ') => Some(Err(name)),
                        // A surname alone names the person an earlier sentence's subject
                        // named in full: "Walter Penhale has rowed … Penhale, 68, does not
                        // hide …" ("he said" is then Walter Penhale).
                        None => subjects_before()
                            .iter()
                            .rev()
                            .map(|(_, full)| full)
                            .find(|full| {
                                full.contains(' ')
                                    && full.split_whitespace().last().is_some_and(|w| {
                                        strip_possessive(w).eq_ignore_ascii_case(&sur)
                                    })
                            })
                            .cloned()
                            // Or named in full anywhere before, not as a subject: "Harbor
                            // City FC striker Emeka Okafor will miss the season … Okafor
                            // addressed fans. “…,” he wrote."
                            .or_else(|| {
                                full_name_before(
                                    &article.text,
                                    article.byte_offset(p),
                                    strip_possessive(&name),
                                )
                            })
                            .map(Err),
                    }
                });
                match subject {
                    Some(Ok(i)) => Some(i),
                    Some(Err(name)) => Some(find_or_add(
                        &mut entities,
                        &name,
                        SpeakerKind::Person,
                        "",
                        &name,
                    )),
                    _ => speaker,
                }
            }
            // Not a document, however its source is marked: "They say …" after "statements
            // by officials put the toll at four" is people, not the statements.
            "they" | "we" => latest(&|e: &Entity| {
                e.plural
                    && e.speaker.kind != SpeakerKind::Document
                    && !e
                        .name_words
                        .iter()
                        .take_while(|w| !lexicon::ends_np_head(w) && *w != "by")
                        .any(|w| lexicon::DOCUMENT_NOUNS.contains(w.as_str()))
                    || matches!(
                        e.speaker.kind,
                        SpeakerKind::Organization | SpeakerKind::Group
                    )
            })
            .filter(|&i| near(&entities.list[i], PLURAL_PRONOUN_REACH)),
            "it" => latest(&|e: &Entity| {
                matches!(
                    e.speaker.kind,
                    SpeakerKind::Organization | SpeakerKind::Document | SpeakerKind::Media
                )
            })
            .filter(|&i| near(&entities.list[i], PRONOUN_REACH)),
            "who" | "which" | "that" => {
                let antecedent = antecedent_before(article, mention.start);
                antecedent.map(|a| {
                    let head = head_noun(&a);
                    let name = person_name(&a);
                    let kind = kind_of(&a, &head, false, name.is_some());
                    let full = name
                        .filter(|_| kind == SpeakerKind::Person)
                        .unwrap_or(a.clone());
                    find_or_add(&mut entities, &full, kind, &head, &a)
                })
            }
            _ => {
                let name = name();
                if lexicon::DOCUMENT_NOUNS.contains(head.as_str()) && !names_a_body(np) {
                    // A statement stands for its issuer.
                    match document_issuer(np) {
                        Some(issuer) => Some(find_or_add(
                            &mut entities,
                            &issuer,
                            kind_of(
                                &issuer,
                                &head_noun(&issuer),
                                false,
                                person_name(&issuer).is_some(),
                            ),
                            &head,
                            np,
                        )),
                        // Else the latest speaker of the article's own voice named by
                        // more than a pronoun (a "we" quoted inside a quotation issues no
                        // statement). A document issues none either, unless it is this
                        // one again ("The report says …" twice); "the study" after "the
                        // report" is another text.
                        None if definite => last_document_issuer.or_else(|| {
                            latest(&|e: &Entity| {
                                !lexicon::PRONOUNS.contains(&e.speaker.name.to_lowercase().as_str())
                                    && (e.speaker.kind != SpeakerKind::Document
                                        || e.roles.contains(&head))
                            })
                        }),
                        None => None,
                    }
                } else if definite
                    && name.is_none()
                    && ws.len() <= 3
                    && GENERIC_BODIES.contains(&head.as_str())
                {
                    // "the organisation", "the company": the body last named, if near. Named:
                    // a proper name ("Acme", "the Harbour Authority") or a word for a body of
                    // its own ("a local firm"); "her office" is no company.
                    latest(&|e: &Entity| {
                        e.speaker.kind == SpeakerKind::Organization
                            && (e.speaker.name.split_whitespace().any(is_cap)
                                || e.roles.iter().any(|r| GENERIC_BODIES.contains(&r.as_str())))
                    })
                    .filter(|&i| near(&entities.list[i], BODY_REACH))
                } else if definite
                    && name.is_none()
                    && (lexicon::ROLE_NOUNS.contains(head.as_str())
                        || TITLES.contains(head.as_str())
                        || crate::wordclass::of(&head).noun_first()
                            == crate::wordclass::NOUN_PERSON)
                    && !lower.contains(" for ")
                    && !lower.contains(" of ")
                {
                    // "The spokesman", "the security official": the latest entity with that role,
                    // else the latest person who holds some office (a spokesman may be called
                    // "the official"; a farmer is not "the governor").
                    latest(&|e: &Entity| e.roles.iter().any(|r| r == &head)).or_else(|| {
                        // Only a generic role stands for another: "the official" may be
                        // the spokesman; "the minister" is not the judge.
                        if !GENERIC_ROLES.contains(&head.as_str()) {
                            return None;
                        }
                        latest(&|e: &Entity| {
                            e.speaker.kind == SpeakerKind::Person
                                && e.roles.iter().any(|r| {
                                    lexicon::ROLE_NOUNS.contains(r.as_str())
                                        || TITLES.contains(r.as_str())
                                })
                        })
                    })
                } else if ws.len() <= 2 && name.is_some() && ws.last().is_some_and(|w| is_cap(w)) {
                    // A surname, possibly with a title: "Rasoul", "Mr. Smith".
                    let sur = strip_possessive(ws.last().copied().unwrap_or("")).to_lowercase();
                    latest(&|e: &Entity| {
                        e.name_words.last().is_some_and(|l| l == &sur)
                            || e.name_words.iter().any(|w| w == &sur)
                                && e.speaker.kind == SpeakerKind::Person
                    })
                    .or_else(|| {
                        // A surname of someone named before who had not spoken yet.
                        let full = subjects_before().iter().rev().find(|(_, n)| {
                            n.split_whitespace()
                                .last()
                                .is_some_and(|l| strip_possessive(l).to_lowercase() == sur)
                                && normalise(n) != normalise(np)
                        })?;
                        Some(find_or_add(
                            &mut entities,
                            &full.1,
                            SpeakerKind::Person,
                            &head,
                            np,
                        ))
                    })
                } else if definite && name.is_none() && !anonymous && ws.len() >= 2 {
                    // A shorter definite description of a body named before: "the sheriff's
                    // office" after "the county sheriff's office", "the club" after "the
                    // Premier League club".
                    let key = normalise(np);
                    let tail = format!(" {key}");
                    latest(&|e: &Entity| {
                        e.speaker.kind != SpeakerKind::Person
                            && e.speaker.kind != SpeakerKind::Anonymous
                            && normalise(&e.speaker.name).ends_with(&tail)
                    })
                    .or_else(|| {
                        // "A Nordvia Airlines jet … landed, the airline said": a body the
                        // text names, though it has not spoken, with the word in its name.
                        if ws.len() != 2
                            || crate::wordclass::of(&head).noun_first()
                                == crate::wordclass::NOUN_PERSON
                        {
                            return None;
                        }
                        let name =
                            body_named_before(&article.text, article.byte_offset(at), &head)?;
                        Some(find_or_add(
                            &mut entities,
                            &name,
                            SpeakerKind::Organization,
                            &head,
                            np,
                        ))
                    })
                } else {
                    None
                }
            }
        };
        let idx = match found {
            Some(i) => i,
            None => {
                // An indefinite description ("a manager", "another official") introduces
                // someone new each time, even in the same words.
                let indefinite = ws
                    .first()
                    .is_some_and(|w| lexicon::contains_lower(&["a", "an", "another"], w));
                if anonymous {
                    // Each unnamed source is its own entity unless the same words recur.
                    let key = normalise(np);
                    match entities.by_name.get(&key) {
                        Some(&i) if !indefinite => i,
                        _ => push_entity(&mut entities, np, key, SpeakerKind::Anonymous, &head),
                    }
                } else {
                    let name = name();
                    let mut kind = kind_of(np, &head, false, name.is_some());
                    // "Voltaro said it would refund customers", "Goldman Sachs said its
                    // profit rose": a bare name whose claim goes on about "it" is a body's.
                    if kind == SpeakerKind::Person
                        && name.is_some_and(|n| n == np)
                        && speaks_of_itself(&claims[ci], ws.len())
                    {
                        kind = SpeakerKind::Organization;
                    }
                    let full = match (name, kind) {
                        (Some(n), SpeakerKind::Person) => n.clone(),
                        (_, SpeakerKind::Organization) => body_name(np)
                            .or_else(|| described_name(np))
                            .unwrap_or(np)
                            .to_owned(),
                        _ => np.to_owned(),
                    };
                    if indefinite && name.is_none() {
                        push_entity(&mut entities, &full, normalise(&full), kind, &head)
                    } else {
                        find_or_add(&mut entities, &full, kind, &head, np)
                    }
                }
            }
        };
        if entities.list[idx].speaker.name != np && entities.aliases.insert((idx, np.to_owned())) {
            entities.list[idx].speaker.aliases.push(np.to_owned());
            entities.by_key.entry(normalise(np)).or_insert(idx);
        }
        // "her office", "his lawyer": they speak for the person the possessive stands for,
        // one person named in the same breath ("Governor Crane declared …, her office
        // said"): first one known to be of the pronoun's gender, else, nearer still, one
        // of no known gender. Further back the latest person is as often a campaign
        // manager as the candidate.
        let own_id = entities.list[idx].speaker.id.clone();
        let owner = staff_of_pronoun(&lower)
            .and_then(|gender| {
                let person = |o: &Entity| {
                    o.speaker.kind == SpeakerKind::Person
                        && o.speaker.id != own_id
                        // "Democrats" is no one's owner; "Mayor Tom Reyes" and "Sanders"
                        // (read as plurals) are.
                        && (!o.plural
                            || o.speaker
                                .name
                                .split_whitespace()
                                .any(crate::wordcluster::is_name_like))
                        && !lexicon::PRONOUNS.contains(&o.speaker.name.to_lowercase().as_str())
                };
                let within =
                    |o: usize, reach: usize| at.saturating_sub(entities.list[o].last_at) <= reach;
                entities
                    .latest(&|o: &Entity| person(o) && o.gender == Some(gender))
                    .filter(|&o| within(o, OWNER_REACH))
                    .or_else(|| {
                        entities
                            .latest(&|o: &Entity| person(o) && o.gender.is_none())
                            .filter(|&o| within(o, OWNER_REACH / 2))
                    })
            })
            .map(|o| entities.list[o].speaker.name.clone());
        let e = &mut entities.list[idx];
        if e.speaker.speaks_for.is_none() {
            e.speaker.speaks_for = owner;
        }
        if e.gender.is_none() {
            e.gender = gender_of(&lower);
        }
        if !head.is_empty() && !e.roles.contains(&head) {
            e.roles.push(head.clone());
        }
        // "spokesman for the Iraqi Armed Forces": who a spokesperson speaks for.
        if e.speaker.speaks_for.is_none() {
            if let Some(i) = lower.find(" for ") {
                if [
                    "spokes",
                    "official",
                    "minister",
                    "adviser",
                    "aide",
                    "representative",
                ]
                .iter()
                .any(|r| lower[..i].contains(r))
                {
                    let org = np[i + 5..].split(',').next().unwrap_or("").trim();
                    if !org.is_empty() {
                        e.speaker.speaks_for = Some(org.to_owned());
                    }
                }
            }
        }
        // "The ministry said in a statement …": a later "The statement" is the ministry's.
        let via_document = claims[ci].channel.as_ref().is_some_and(|c| {
            c.name
                .split_whitespace()
                .last()
                .is_some_and(|w| lexicon::DOCUMENT_NOUNS.contains(w.to_lowercase().as_str()))
        });
        // A document that stood for no one is no issuer of the next ("The report says …
        // The study says …" are two texts).
        if lexicon::DOCUMENT_NOUNS.contains(head.as_str())
            && entities.list[idx].speaker.kind != SpeakerKind::Document
            || via_document
        {
            last_document_issuer = Some(idx);
        }
        // A speaker quoted inside another's quotation ("“People think …,” he said") is no
        // antecedent for the pronouns of the article's own voice: only claims of that voice
        // make their speaker the latest mentioned.
        if claims[ci].nested_in.is_none() {
            entities.mentioned(idx, at);
        }
        if let Some(m) = claims[ci].speaker.as_mut() {
            m.entity = Some(entities.list[idx].speaker.id.clone());
        }
    }
    entities.list.into_iter().map(|e| e.speaker).collect()
}

/// The noun phrase before a relative pronoun at code-point offset `at`: "a bill" in
/// "passed a bill that …", "Jane Doe" in "Jane Doe, who …".
fn antecedent_before(article: &Article, at: usize) -> Option<String> {
    let end = article.byte_offset(at);
    let mut start = end.saturating_sub(200);
    while !article.text.is_char_boundary(start) {
        start += 1;
    }
    let before = article.text[start..end].trim_end().trim_end_matches(',');
    let words: Vec<&str> = before
        .split_whitespace()
        .rev()
        .take(6)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let cut = words
        .iter()
        .rposition(|w| w.contains(['.', ';', ':']))
        .map_or(0, |i| i + 1);
    let words = &words[cut..];
    let start = words
        .iter()
        .rposition(|w| matches!(w.to_lowercase().as_str(), "a" | "an" | "the"))
        .or_else(|| {
            let mut i = words.len();
            while i > 0 && is_cap(words[i - 1]) {
                i -= 1;
            }
            (i < words.len()).then_some(i)
        })?;
    let np = words[start..].join(" ");
    (!np.is_empty()).then_some(np)
}

/// Words that open sentences and name no one: articles, pronouns, conjunctions and the like.
static NOT_SUBJECTS: lexicon::WordList = lexicon::WordList::new(&[
    "a",
    "after",
    "also",
    "an",
    "and",
    "as",
    "at",
    "but",
    "by",
    "for",
    "he",
    "her",
    "his",
    "however",
    "i",
    "if",
    "in",
    "it",
    "its",
    "meanwhile",
    "no",
    "on",
    "one",
    "our",
    "she",
    "since",
    "so",
    "some",
    "that",
    "the",
    "their",
    "there",
    "these",
    "they",
    "this",
    "those",
    "to",
    "we",
    "when",
    "while",
    "with",
    "yet",
]);

/// Where the subject after a fronted phrase from byte `start` begins: past the phrase's
/// comma, if one comes within twelve words and before the sentence or line ends.
fn fronted_phrase_end(text: &str, start: usize) -> Option<usize> {
    let mut end = text.len().min(start + 120);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let rest = &text[start..end];
    let stop = rest
        .find(['.', '\n', ';', ':', '“', '"'])
        .unwrap_or(rest.len());
    let comma = rest[..stop].find(',')?;
    if rest[..comma].split_whitespace().count() > 12 {
        return None;
    }
    let after = start + comma + 1;
    let skip = text[after..].len() - text[after..].trim_start_matches(' ').len();
    Some(after + skip)
}

/// The gender of the possessive in "her office", "his lawyers", "her representatives": a
/// pronoun then one of [`lexicon::STAFF_NOUNS`].
fn staff_of_pronoun(lower: &str) -> Option<char> {
    let (pronoun, rest) = lower.split_once(' ')?;
    let gender = match pronoun {
        "his" => 'm',
        "her" => 'f',
        _ => return None,
    };
    lexicon::STAFF_NOUNS.contains(&rest).then_some(gender)
}

/// The gender a mention states, if any: a pronoun, a courtesy title or a gendered role
/// noun ("spokeswoman", "chairman").
fn gender_of(lower: &str) -> Option<char> {
    match lower {
        "he" | "him" => return Some('m'),
        "she" | "her" => return Some('f'),
        _ => {}
    }
    lower.split_whitespace().find_map(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        match w {
            "mr" | "sir" | "father" | "king" | "prince" => Some('m'),
            "mrs" | "ms" | "miss" | "madam" | "dame" | "mother" | "queen" | "princess" => Some('f'),
            _ if w.ends_with("woman") => Some('f'),
            _ if w.ends_with("sman") || w.ends_with("rman") || w.ends_with("ssman") => Some('m'),
            _ => None,
        }
    })
}

/// People named as the subject of a sentence ("Carlos Mendes scored twice …"), with the
/// code-point offset of the name, in text order. Such a person may speak later only through
/// a pronoun or a surname ("… he told the club's website"), so they are candidates for
/// those even though no claim names them. A run of capitalised words at a sentence's start
/// followed by a lower-case word counts ("The …" never does); the caller takes a one-word
/// run only as the surname of a person it knows, since one capitalised word is as often a
/// team or a place.
fn sentence_subjects(article: &Article) -> Vec<(usize, String)> {
    let text = article.text.as_str();
    let mut out = Vec::new();
    let mut starts = vec![0usize];
    let b = text.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        let after = i + 1;
        let ends = match c {
            b'\n' => true,
            b'.' | b'?' | b'!' => b.get(after).is_some_and(|n| *n == b' ' || *n == b'\n'),
            // The dash after a dateline: "SAN ARMANDO, Sept 19 - Dana Whitfield scored".
            b'-' => i > 0 && b[i - 1] == b' ' && b.get(after) == Some(&b' '),
            _ => false,
        };
        if ends {
            let mut j = after;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j < b.len() && starts.last() != Some(&j) {
                starts.push(j);
            }
        }
    }
    for start in starts {
        // Most sentences open with a word that names no one; settle those on the first
        // word alone, before any lookup.
        let Some(&first) = b.get(start) else {
            continue;
        };
        if !first.is_ascii_uppercase() && first < 0x80 {
            continue;
        }
        let first_end = text[start..]
            .find([' ', '\n', ','])
            .map_or(text.len(), |k| start + k);
        let first_word = &text[start..first_end];
        // A fronted phrase closed by a comma puts the subject after it: "For forty years,
        // Walter Penhale has rowed …", "Asked about the vote, Penhale was quiet"; so does a
        // role before the name in apposition: "The party's co-leader, Elin Strand, struck …".
        let start = if lexicon::FRONTED.contains_lower(first_word)
            || lexicon::contains_lower(&["the", "a", "an"], first_word)
        {
            match fronted_phrase_end(text, start) {
                Some(after) if b.get(after).is_some_and(u8::is_ascii_uppercase) => after,
                _ => continue,
            }
        } else {
            start
        };
        let first_end = text[start..]
            .find([' ', '\n', ','])
            .map_or(text.len(), |k| start + k);
        if NOT_SUBJECTS.contains_lower(&text[start..first_end]) {
            continue;
        }
        let mut end = text.len().min(start + 160);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let line = text[start..end].split('\n').next().unwrap_or("");
        // The words before the first lower-case word that is not a role ("Porto coach Vitor
        // Bruno was …"), up to six; a comma ends the name ("Tom Reyes, 24, left").
        let mut words = Vec::new();
        let mut next_lower = false;
        for w in line.split(' ').filter(|w| !w.is_empty()) {
            let bare = w.trim_end_matches([',', ';', ':']);
            let cap = is_cap(bare);
            let lower_role = || {
                lexicon::ROLE_NOUNS.contains_lower(bare)
                    || TITLES.contains(bare)
                    || crate::wordclass::of(bare).noun_first() == crate::wordclass::NOUN_PERSON
            };
            if words.len() == 6 || !(cap || !words.is_empty() && lower_role()) {
                next_lower = w.chars().next().is_some_and(char::is_lowercase);
                break;
            }
            words.push(bare);
            if bare.len() != w.len() {
                next_lower = true;
                break;
            }
        }
        // A word in capitals is a dateline's place ("SAN ARMANDO, Sept 19 -"), not a name.
        let shouted = words.iter().any(|w| {
            w.chars().filter(|c| c.is_alphabetic()).count() > 1
                && !w.chars().any(char::is_lowercase)
        });
        if words.is_empty() || !next_lower || shouted || matches!(words[0], "The" | "A" | "An") {
            continue;
        }
        // One word is taken as it stands: the caller only matches it against the surnames
        // of people it knows.
        if let [one] = words.as_slice() {
            out.push((article.char_offset(start), strip_possessive(one).to_owned()));
            continue;
        }
        let np = words.join(" ");
        if let Some(name) = person_name(&np) {
            let at = start + line.find(name.as_str()).unwrap_or(0);
            out.push((article.char_offset(at), name));
        }
    }
    out
}

/// Adds an entity named `name`, whose [`normalise`]d form is `key`.
fn push_entity(
    entities: &mut Entities,
    name: &str,
    key: String,
    kind: SpeakerKind,
    head: &str,
) -> usize {
    let i = entities.list.len();
    let name_words: Vec<String> = words_of(name)
        .iter()
        .map(|w| {
            // Lower-cased, then cut to its part before a possessive "'s" (a prefix).
            let mut l = w.to_lowercase();
            l.truncate(strip_possessive(&l).len());
            l
        })
        .collect();
    entities.list.push(Entity {
        speaker: Speaker {
            id: format!("s{}", i + 1),
            name: name.to_owned(),
            kind,
            aliases: Vec::new(),
            speaks_for: None,
        },
        name_words,
        roles: if head.is_empty() {
            Vec::new()
        } else {
            vec![head.to_owned()]
        },
        plural: head.ends_with('s') && !head.ends_with("ss")
            || matches!(
                head,
                "people" | "police" | "staff" | "men" | "women" | "children"
            ),
        gender: None,
        last_at: 0,
    });
    entities.by_key.entry(key.clone()).or_insert(i);
    entities.by_name.entry(key).or_insert(i);
    i
}

fn find_or_add(
    entities: &mut Entities,
    name: &str,
    kind: SpeakerKind,
    head: &str,
    np: &str,
) -> usize {
    let key = normalise(name);
    if let Some(&i) = entities.by_key.get(&key) {
        return i;
    }
    let i = push_entity(entities, name, key, kind, head);
    // Remember the role words of the whole phrase ("spokesman" in "The spokesman for …, Name").
    let roles = &mut entities.list[i].roles;
    let ws = words_of(np);
    for (k, w) in ws.iter().copied().enumerate() {
        // "Judge Patricia Nwosu" is the later "the judge"; "coach" in "Porto coach Vitor
        // Bruno" is a role as well (a word for a person right before the name, not "guard"
        // in "coast guard spokesman").
        let title = w.trim_end_matches('.').to_lowercase();
        let before_name = ws.get(k + 1).is_some_and(|n| is_cap(n));
        if lexicon::ROLE_NOUNS.contains_lower(w)
            || title.len() > 3 && TITLES.contains(title.as_str())
            || !is_cap(w)
                && before_name
                && crate::wordclass::of(&title).noun_first() == crate::wordclass::NOUN_PERSON
        {
            let lw = w.to_lowercase();
            if !roles.contains(&lw) {
                roles.push(lw);
            }
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_phrases() {
        assert_eq!(
            person_name("The spokesman for the Iraqi Armed Forces, Major General Yahya Rasoul")
                .as_deref(),
            Some("Major General Yahya Rasoul")
        );
        assert_eq!(
            person_name("Hugh Hill, a doctor").as_deref(),
            Some("Hugh Hill")
        );
        assert_eq!(person_name("The governor, a Republican"), None);
        assert_eq!(
            person_name("David Woodard of Clemson University").as_deref(),
            Some("David Woodard")
        );
        assert_eq!(person_name("the University of Michigan"), None);
        assert_eq!(
            person_name("union leader Anna de Vries").as_deref(),
            Some("Anna de Vries")
        );
        assert_eq!(
            person_name("the Dutch striker Robin van Persie").as_deref(),
            Some("Robin van Persie")
        );
        assert_eq!(person_name("Employers' group Deltalinqs"), None);
        assert_eq!(person_name("the tech firm Nvidia"), None);
        assert_eq!(
            kind_of("Employers' group Deltalinqs", "deltalinqs", false, false),
            SpeakerKind::Organization
        );
        assert_eq!(person_name("two Iraqi officials"), None);
        assert_eq!(person_name("the Interior Ministry"), None);
    }

    #[test]
    fn a_surname_whose_common_sense_is_a_group_after_a_given_name_is_a_name() {
        assert_eq!(person_name("Mary Obi").as_deref(), Some("Mary Obi"));
        assert_eq!(
            person_name("Ada Obi, a nurse at the hospital").as_deref(),
            Some("Ada Obi")
        );
        // A word for a body ends a body's name, whatever comes before it.
        assert_eq!(person_name("Harbour Federation"), None);
        assert_eq!(person_name("Kuomintang Party"), None);
        assert_eq!(person_name("Mary Union"), None);
        // Name particles, one or two, inside a name or opening it.
        assert_eq!(
            person_name("Pieter van der Berg").as_deref(),
            Some("Pieter van der Berg")
        );
        assert_eq!(
            person_name("del Pozo Cruz").as_deref(),
            Some("del Pozo Cruz")
        );
        assert_eq!(person_name("Grace Avenue Baptist Church"), None);
    }

    #[test]
    fn an_affiliation_after_a_role_is_no_name() {
        assert_eq!(
            person_name("Rafael Okonjo, chief economist at Banco Atlantico in Merida City")
                .as_deref(),
            Some("Rafael Okonjo")
        );
        assert_eq!(
            person_name("Bill Frelick, refugee program director at Human Rights Watch").as_deref(),
            Some("Bill Frelick")
        );
        assert_eq!(
            person_name("Dan Alpert, managing partner of Westwood Capital and author of The Age")
                .as_deref(),
            Some("Dan Alpert")
        );
        assert_eq!(
            person_name("Adam Segal, the author of ''Hacked World Order''").as_deref(),
            Some("Adam Segal")
        );
        assert_eq!(person_name("a senior analyst at Jefferies"), None);
        assert_eq!(
            person_name("the chairman of the Senate Committee on Homeland Security"),
            None
        );
        // A name before its affiliation, and a title before the name, stay names.
        assert_eq!(
            person_name("David Woodard of Clemson University").as_deref(),
            Some("David Woodard")
        );
        assert_eq!(
            person_name("former secretary of state Hillary Clinton").as_deref(),
            Some("Hillary Clinton")
        );
    }

    #[test]
    fn a_day_is_no_name() {
        assert_eq!(
            person_name("a poll by the Institute for Public Opinion published on Tuesday"),
            None
        );
        assert_eq!(
            person_name("Ann Baker, who spoke on Monday").as_deref(),
            Some("Ann Baker")
        );
    }

    #[test]
    fn a_capitalised_modifier_is_no_name() {
        assert_eq!(person_name("Several factions in the city"), None);
        assert_eq!(person_name("Harris supporters"), None);
        assert_eq!(
            person_name("Ann Lee, the mayor").as_deref(),
            Some("Ann Lee")
        );
        assert_eq!(person_name("Ann Lee").as_deref(), Some("Ann Lee"));
        // A firm named for what it sells or runs is no person; a surname that is also a
        // plural word stays a name.
        assert_eq!(person_name("Halvorsen Foods"), None);
        assert_eq!(person_name("West Atlantic Terminals"), None);
        assert_eq!(person_name("John Adams").as_deref(), Some("John Adams"));
        assert_eq!(person_name("Mary Jones").as_deref(), Some("Mary Jones"));
        for (np, head) in [
            ("Halvorsen Foods", "foods"),
            ("Halvorsen Foods, the Danish confectionery maker", "foods"),
        ] {
            assert_eq!(
                kind_of(np, head, false, false),
                SpeakerKind::Organization,
                "{np}"
            );
        }
        assert_eq!(
            kind_of("Trump supporters", "supporters", false, false),
            SpeakerKind::Group
        );
        assert_eq!(
            body_name("The operator, West Atlantic Terminals"),
            Some("West Atlantic Terminals")
        );
        assert_eq!(
            body_name("Halvorsen Foods, the Danish confectionery maker"),
            Some("Halvorsen Foods")
        );
        assert_eq!(body_name("The Harbour Authority"), None);
        assert_eq!(body_name("the club, which was fined"), None);
        // A body named like a person is no person.
        assert_eq!(person_name("The Harbour Pilots Association"), None);
        assert_eq!(
            person_name("Mayor Ann Baker").as_deref(),
            Some("Mayor Ann Baker")
        );
    }

    /// (mention, name of the entity it resolved to) for each claim with a speaker, by the
    /// rules alone.
    fn resolved(text: &str) -> Vec<(String, String)> {
        let article = Article::from_str(std::path::Path::new("t.txt"), text);
        let ex = crate::extract::extract_rules(&article);
        ex.claims
            .iter()
            .filter_map(|c| {
                let m = c.speaker.as_ref()?;
                let id = m.entity.as_ref()?;
                let e = ex.speakers.iter().find(|s| &s.id == id)?;
                Some((m.text.clone(), e.name.clone()))
            })
            .collect()
    }

    /// The entity a mention resolved to, in [`resolved`]'s output.
    fn entity_of<'r>(r: &'r [(String, String)], mention: &str) -> Option<&'r str> {
        r.iter()
            .find(|(m, _)| m == mention)
            .map(|(_, e)| e.as_str())
    }

    #[test]
    fn the_airline_is_the_body_the_text_named() {
        let r = resolved(
            "Jet lands safely\n\nA Nordvia Airlines jet made an emergency landing on Tuesday, \
the airline said. The union said the crew had warned of faults.\n",
        );
        assert_eq!(
            entity_of(&r, "the airline"),
            Some("Nordvia Airlines"),
            "{r:?}"
        );
        // No body of that name in the text: the description stays its own speaker; the
        // headline's title case names nothing.
        let r = resolved(
            "Harbour Union Strike Looms\n\nThe union said the crew had warned of faults.\n",
        );
        assert_eq!(entity_of(&r, "The union"), Some("The union"), "{r:?}");
        assert_eq!(
            body_named_before("x\nThe Harbour Union met. Then", 27, "union").as_deref(),
            Some("Harbour Union")
        );
    }

    #[test]
    fn her_office_speaks_for_her() {
        let article = Article::from_str(
            std::path::Path::new("t.txt"),
            "Storm\n\nGovernor Lisa Crane declared an emergency on Monday, her office said. \
Mayor Tom Reyes said schools would close, his spokesman said.\n",
        );
        let ex = crate::extract::extract_rules(&article);
        let speaks_for = |name: &str| {
            ex.speakers
                .iter()
                .find(|s| s.name == name)
                .map(|s| s.speaks_for.clone())
        };
        assert_eq!(
            speaks_for("her office"),
            Some(Some("Governor Lisa Crane".to_owned())),
            "{:?}",
            ex.speakers
        );
        assert_eq!(
            speaks_for("his spokesman"),
            Some(Some("Mayor Tom Reyes".to_owned())),
            "{:?}",
            ex.speakers
        );
        assert_eq!(staff_of_pronoun("her office"), Some('f'));
        assert_eq!(staff_of_pronoun("her decision"), None);
        assert_eq!(staff_of_pronoun("the office"), None);
    }

    #[test]
    fn a_document_that_stood_for_no_one_issues_no_other() {
        // Two texts with no issuer named are two speakers; the same text named again is
        // the same one.
        let r = resolved(
            "Emissions\n\nThe report says emissions rose 4 percent last year. The study \
says the drug cut deaths by half. The report says coal use fell.\n",
        );
        let reports: Vec<_> = r.iter().filter(|(m, _)| m == "The report").collect();
        assert_eq!(reports.len(), 2, "{r:?}");
        assert!(reports.iter().all(|(_, e)| e == "The report"), "{r:?}");
        assert_eq!(entity_of(&r, "The study"), Some("The study"), "{r:?}");
    }

    #[test]
    fn the_company_is_a_named_body_not_any_office() {
        // No company was named: "The company" is its own speaker, and "It" is that company.
        let r = resolved(
            "Bridge\n\nThe mayor said work would start in May, according to a statement from \
her office.\n\nThe company said it expected profits to rise. It reportedly offered staff a bonus.\n",
        );
        assert_eq!(entity_of(&r, "The company"), Some("The company"), "{r:?}");
        assert_eq!(entity_of(&r, "It"), Some("The company"), "{r:?}");
        // A body named before is the company.
        let r = resolved(
            "Fees\n\nThe Harbour Authority said fees would rise. The organisation said it \
had no choice.\n",
        );
        assert_eq!(
            entity_of(&r, "The organisation"),
            Some("The Harbour Authority"),
            "{r:?}"
        );
    }

    #[test]
    fn a_subject_after_a_fronted_phrase_is_a_pronouns_antecedent() {
        // Named in full after a time phrase, then by surname alone, then as "he".
        let r = resolved(
            "Ferry\n\nFor forty years, Walter Penhale has rowed passengers across the river.\n\n\
Penhale, 68, does not hide his feelings.\n\n\"The bridge will change the village,\" he said.\n",
        );
        assert_eq!(entity_of(&r, "he"), Some("Walter Penhale"), "{r:?}");
        // A role before the name in apposition.
        let r = resolved(
            "Talks\n\nTom Reyes said the talks had stalled.\n\nThe party's co-leader, Elin Strand, \
struck a sharper tone. In an interview, she said her party would not sign.\n",
        );
        assert_eq!(entity_of(&r, "she"), Some("Elin Strand"), "{r:?}");
    }

    #[test]
    fn the_company_is_the_firm_named_before_whatever_its_name_ends_in() {
        let r = resolved(
            "Profit\n\nHalvorsen Foods said profit fell on Thursday.\n\nThe company said it would \
raise prices.\n",
        );
        assert_eq!(
            entity_of(&r, "The company"),
            Some("Halvorsen Foods"),
            "{r:?}"
        );
    }

    #[test]
    fn a_speaker_quoted_inside_a_quotation_is_no_antecedent() {
        // The neighbour speaks only inside Penhale's quotation: the next "He" is not the
        // neighbour.
        let r = resolved(
            "Ferry\n\nWalter Penhale said the ferry had run for a century.\n\n\
\u{201c}My neighbour thinks a ferry is just a boat,\u{201d} he said.\n\n\
He said he had been told to expect a letter.\n",
        );
        assert_eq!(entity_of(&r, "He"), Some("Walter Penhale"), "{r:?}");
        assert_eq!(entity_of(&r, "he"), Some("Walter Penhale"), "{r:?}");
    }

    #[test]
    fn a_fronted_phrase_ends_at_its_comma_within_twelve_words() {
        let text = "For forty years, Walter Penhale rowed.";
        assert_eq!(
            fronted_phrase_end(text, 0),
            Some(text.find("Walter").unwrap_or(0))
        );
        // No comma before the sentence ends, or too far: no fronted phrase.
        assert_eq!(
            fronted_phrase_end("In May the ferry stopped. Then, it sank.", 0),
            None
        );
        let long = "In a long and winding account of the many years that the ferry ran, he wept.";
        assert_eq!(fronted_phrase_end(long, 0), None);
        // A multi-byte character at the look-ahead's edge is no panic.
        let wide = format!("In {}, x", "é".repeat(80));
        assert_eq!(fronted_phrase_end(&wide, 0), None);
    }

    #[test]
    fn a_pronoun_takes_the_latest_mentioned_person_not_the_latest_found() {
        let r = resolved(
            "Talks\n\nAnna Berg said the talks had stalled. Tom Reyes said they would resume. \
Berg said no date was set. She said both sides wanted a deal.\n",
        );
        assert_eq!(r[3], ("She".to_owned(), "Anna Berg".to_owned()), "{r:?}");
    }

    #[test]
    fn a_pronoun_after_a_person_named_as_subject_is_that_person() {
        // The subject named since the last speaker, though not quoted before.
        let r = resolved(
            "Late winner\n\nThe coach said the team had struggled. Dana Whitfield scored twice \
after the break. \"It was a special night,\" she told reporters.\n",
        );
        assert_eq!(
            r.last(),
            Some(&("she".to_owned(), "Dana Whitfield".to_owned())),
            "{r:?}"
        );
        // Her surname alone, later, is the same person.
        let r = resolved(
            "Late winner\n\nThe coach said the team had struggled. Dana Whitfield scored twice \
after the break. Whitfield said the second goal was lucky.\n",
        );
        assert_eq!(
            r.last(),
            Some(&("Whitfield".to_owned(), "Dana Whitfield".to_owned())),
            "{r:?}"
        );
        // Named before the speaker: the speaker is the nearer, and stays the pronoun's.
        let r = resolved(
            "Vote\n\nDana Whitfield won the seat. Tom Reyes said the count was fair. He said \
turnout was high.\n",
        );
        assert_eq!(
            r.last(),
            Some(&("He".to_owned(), "Tom Reyes".to_owned())),
            "{r:?}"
        );
        // One capitalised word is no person: "United" is not the pronoun's antecedent.
        let r = resolved(
            "Late winner\n\nThe coach Tom Reyes said the team had struggled. United scored \
twice after the break. He said the win was deserved.\n",
        );
        assert_eq!(r.last().map(|m| m.1.as_str()), Some("Tom Reyes"), "{r:?}");
    }

    #[test]
    fn a_pronoun_after_a_known_surname_as_subject_is_that_person() {
        // Far from her last quote, "Ferrer" as the subject brings her back for "she".
        let filler = "The river rose through the night and the old bridge was closed. ";
        let text = format!(
            "Floods\n\nThe toll rose, said Lucia Ferrer, a spokeswoman for the agency.\n\n{}\n\n\
A rescue official said roads were cut. He said the toll could rise.\n\nFerrer later \
revised the count. The number of dead had risen to 44, she said.\n",
            filler.repeat(9)
        );
        let r = resolved(&text);
        assert_eq!(
            r.last(),
            Some(&("she".to_owned(), "Lucia Ferrer".to_owned())),
            "{r:?}"
        );
        // The speaker's own sentence does not make a second person of a title's variant.
        let r = resolved(
            "Verdict\n\nU.S. Attorney Helen Marsh said the verdict was just. She added that \
her office would appeal.\n",
        );
        assert_eq!(r[0].1, r[1].1, "{r:?}");
    }

    #[test]
    fn firms_named_like_people_are_bodies() {
        let text = "Deal\n\nWells Harding Bancorp said the deal would close. Voltaro said it \
would refund customers. Goldman Sachs said its profit rose. Tessera Pharmaceuticals said the \
trial failed. Maria Lopez said it was sound. Okafor said: “It hurts.”\n";
        let ex =
            crate::extract::extract_rules(&Article::from_str(std::path::Path::new("t.txt"), text));
        let kind = |name: &str| {
            ex.speakers
                .iter()
                .find(|s| s.name == name)
                .map(|s| s.kind)
                .unwrap_or_else(|| panic!("no {name}: {:?}", ex.speakers))
        };
        for firm in [
            "Wells Harding Bancorp",
            "Voltaro",
            "Goldman Sachs",
            "Tessera Pharmaceuticals",
        ] {
            assert_eq!(kind(firm), SpeakerKind::Organization, "{firm}");
        }
        assert_eq!(kind("Maria Lopez"), SpeakerKind::Person);
        assert_eq!(
            described_name("Regional lender Wells Harding Bancorp"),
            Some("Wells Harding Bancorp")
        );
        assert_eq!(
            described_name("concert promoter Brightline Live"),
            Some("Brightline Live")
        );
        assert_eq!(described_name("the Iraqi military"), None);
        assert_eq!(described_name("the British Geological Survey"), None);
        assert_eq!(described_name("Cascade Power & Light"), None);
        assert_eq!(kind("Okafor"), SpeakerKind::Person);
    }

    #[test]
    fn a_surname_as_subject_is_the_person_named_in_full_before() {
        let r = resolved(
            "Injury\n\nHarbor City FC striker Emeka Okafor will miss the season, the club said.\n\n\
Coach Marco Bellandi said the striker would need surgery. He added that the club would look at \
every option.\n\nOkafor addressed fans on social media. “I will come back stronger,” he wrote.\n",
        );
        assert_eq!(
            r.last(),
            Some(&("he".to_owned(), "Emeka Okafor".to_owned())),
            "{r:?}"
        );
    }

    #[test]
    fn an_indefinite_unnamed_source_is_someone_new_each_time() {
        let text = "Shop\n\nA manager said sales fell. Security sources said the store was \
safe.\n\nA manager said the shop would close. Security sources said guards were hired.\n";
        let ex =
            crate::extract::extract_rules(&Article::from_str(std::path::Path::new("t.txt"), text));
        let ids: Vec<&str> = ex
            .claims
            .iter()
            .filter_map(|c| c.speaker.as_ref()?.entity.as_deref())
            .collect();
        assert_eq!(ids.len(), 4, "{:?}", ex.claims);
        assert_ne!(ids[0], ids[2], "{ids:?}");
        assert_eq!(ids[1], ids[3], "{ids:?}");
    }

    #[test]
    fn she_is_not_a_subject_known_as_many_people() {
        let r =
            resolved("Fire\n\nOfficials said the fire was out.\n\nShe said the road was closed.\n");
        assert_eq!(r.len(), 2, "{r:?}");
        assert_ne!(r[1].1, "Officials", "{r:?}");
    }

    #[test]
    fn a_role_or_body_word_is_the_one_last_named_so() {
        let r = resolved(
            "Verdict\n\nJudge Patricia Nwosu said the trial had been fair. The defence said it \
would appeal. The judge also said bail was denied.\n",
        );
        assert_eq!(
            r.last(),
            Some(&("The judge".to_owned(), "Judge Patricia Nwosu".to_owned())),
            "{r:?}"
        );
        // A word for a person that no lexicon lists, from WordNet: "the juror".
        let r = resolved(
            "Verdict\n\nOne juror, who asked not to be named, said the panel was split. The \
turning point, the juror said, was a recording.\n",
        );
        assert_eq!(r[0].1, r[1].1, "{r:?}");
        // "the organisation" is the body last named.
        let r = resolved(
            "Floods\n\nThe Red Cross said 45 people had died. According to the organisation, \
4,000 people were moved to shelters.\n",
        );
        assert_eq!(r[1].1, "The Red Cross", "{r:?}");
    }

    #[test]
    fn they_is_people_not_a_document() {
        let r = resolved(
            "Toll\n\nOther reports and statements by officials put the toll at four. It was the first attack on the marchers. They say their votes were stolen.\n",
        );
        let they = r
            .iter()
            .find(|(m, _)| m == "They")
            .expect("a claim by They");
        assert_eq!(they.1, "They", "{r:?}");
    }

    #[test]
    fn a_pronoun_of_the_other_gender_is_someone_else() {
        // "she" is not the official already called "He"; it is the spokeswoman before him.
        let r = resolved(
            "Floods\n\nMaria Ferrer, a spokeswoman for the agency, said 37 people had died. \
A rescue official said the river was still rising. He said roads were closed. The toll had \
risen to 44, she said.\n",
        );
        assert_eq!(
            r.last(),
            Some(&("she".to_owned(), "Maria Ferrer".to_owned())),
            "{r:?}"
        );
        assert_eq!(gender_of("the spokeswoman"), Some('f'));
        assert_eq!(gender_of("mr. reyes"), Some('m'));
        assert_eq!(gender_of("the chairman of the board"), Some('m'));
        assert_eq!(gender_of("the minister"), None);
    }

    #[test]
    fn sentence_subjects_are_names_of_two_words_or_more() {
        let a = Article::from_str(
            std::path::Path::new("t.txt"),
            "Title\n\nSAN ARMANDO, Sept 19 - Dana Whitfield scored. The Red Cross said so. United won. \
Tom Reyes, 24, left. Porto coach Vitor Bruno was less sure.\n",
        );
        let names: Vec<String> = sentence_subjects(&a).into_iter().map(|(_, n)| n).collect();
        assert_eq!(
            names,
            ["Dana Whitfield", "United", "Tom Reyes", "Vitor Bruno"]
        );
        // Offsets are code points: the name's first character.
        for (at, n) in sentence_subjects(&a) {
            let got: String = a.text.chars().skip(at).take(n.chars().count()).collect();
            assert_eq!(got, n);
        }
    }

    #[test]
    fn a_pronoun_far_from_any_speaker_stays_unresolved() {
        let filler = "The river rose through the night and the old bridge was closed to traffic. ";
        let text = format!(
            "Flood\n\nLocal farmers said the dam had been opened too late.\n\n{}\n\n\
They say the water came within an hour.\n",
            filler.repeat(5)
        );
        let r = resolved(&text);
        assert_eq!(r.len(), 2, "{r:?}");
        assert_eq!(r[1], ("They".to_owned(), "They".to_owned()), "{r:?}");
        // Near enough, the same pronoun is the farmers.
        let r = resolved(
            "Flood\n\nLocal farmers said the dam had been opened too late. They say the water \
came within an hour.\n",
        );
        assert_eq!(
            r[1],
            ("They".to_owned(), "Local farmers".to_owned()),
            "{r:?}"
        );
    }

    #[test]
    fn a_specific_role_noun_is_not_given_to_another_office() {
        let r = resolved(
            "Court\n\nJudge Alison Crane said the trial would resume. The minister said the \
law was clear. The official said more would follow.\n",
        );
        assert_eq!(
            r[1],
            ("The minister".to_owned(), "The minister".to_owned()),
            "{r:?}"
        );
        // A generic role stands for the latest office holder.
        assert_eq!(r[2].1, "The minister", "{r:?}");
    }

    #[test]
    fn a_shorter_description_is_the_body_named_before() {
        let r = resolved(
            "Flood\n\nThe county sheriff's office said 12 people had died. Hospital officials \
said 15 had died. The sheriff's office said its count was final.\n",
        );
        assert_eq!(
            r[2],
            (
                "The sheriff's office".to_owned(),
                "The county sheriff's office".to_owned()
            ),
            "{r:?}"
        );
    }

    #[test]
    fn written_texts_are_documents_and_a_paper_is_an_outlet() {
        // WordNet's communication nouns the lexicon does not list, and written texts WordNet
        // files elsewhere.
        for (np, head) in [
            ("a notice", "notice"),
            ("Court records", "records"),
            ("Records", "records"),
            ("Federal Election Commission filings", "filings"),
            ("A criminal complaint", "complaint"),
            ("The lawsuit", "lawsuit"),
            ("a transcript of the interview", "transcript"),
        ] {
            assert_eq!(head_noun(np), head, "{np}");
            assert_eq!(
                kind_of(np, head, false, false),
                SpeakerKind::Document,
                "{np}"
            );
        }
        // Communication nouns that name no text: people, the media, a possessive read as a
        // plural ("his": "hi" is a greeting), the last word of a firm's name.
        for (np, head, kind) in [
            ("multiple sources", "sources", SpeakerKind::Group),
            ("the party's top figures", "figures", SpeakerKind::Group),
            ("the news media", "media", SpeakerKind::Organization),
            ("his", "his", SpeakerKind::Group),
            (
                "Lindqvist's label, Northwave Records",
                "records",
                SpeakerKind::Group,
            ),
            ("the label", "label", SpeakerKind::Organization),
        ] {
            assert_eq!(kind_of(np, head, false, false), kind, "{np}");
        }
        // An outlet named only by what it is.
        for np in [
            "The paper",
            "the newspaper",
            "a local newspaper",
            "The magazine",
        ] {
            let head = head_noun(np);
            assert_eq!(kind_of(np, &head, false, false), SpeakerKind::Media, "{np}");
        }
        for np in ["the network", "the paper trail", "a paper"] {
            let head = head_noun(np);
            assert_ne!(kind_of(np, &head, false, false), SpeakerKind::Media, "{np}");
        }
    }

    #[test]
    fn issuers() {
        assert_eq!(
            document_issuer("A later statement from the Mayor’s office released by local radio")
                .as_deref(),
            Some("the Mayor’s office")
        );
        assert_eq!(
            document_issuer("The Harbour Authority statement").as_deref(),
            Some("Harbour Authority")
        );
        assert_eq!(document_issuer("The statement"), None);
        // A document noun inside a body's proper name names the body.
        assert_eq!(document_issuer("the British Geological Survey"), None);
        assert_eq!(
            kind_of("the British Geological Survey", "survey", false, false),
            SpeakerKind::Organization
        );
        assert_eq!(
            kind_of("the Harbour Authority statement", "statement", false, false),
            SpeakerKind::Document
        );
        assert_eq!(document_issuer("a study of more than 48,000 adults"), None);
        assert_eq!(document_issuer("a poll of 1,200 voters"), None);
        assert_eq!(
            document_issuer("a report of the budget committee").as_deref(),
            Some("the budget committee")
        );
        assert_eq!(
            document_issuer("the ministry's statement").as_deref(),
            Some("the ministry")
        );
    }
}
