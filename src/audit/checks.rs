//! The rules' checks over one article. Each check is a function from the [`Subject`] to
//! [`Hit`]s; they key on ordinary newswire English only (see `docs/rules/`).

use std::collections::HashSet;

use crate::model::{AnonymityKind, Claim, SpeakerKind};
use crate::segment::TokenKind;

use super::{Hit, Subject};

/// Runs every check of this module.
pub fn run_all(s: &Subject<'_>, hits: &mut Vec<Hit>) {
    anonymous_no_reason(s, hits);
    vague_source(s, hits);
    vague_source_text(s, hits);
    unattributed_claim(s, hits);
    loaded_verb(s, hits);
    loaded_word(s, hits);
    agentless_attribution(s, hits);
    garbled_attribution(s, hits);
    quotation_marks(s, hits);
    institution_as_speaker(s, hits);
    dedupe(hits);
}

/// One hit per rule and span (several claims can share a speaker mention).
fn dedupe(hits: &mut Vec<Hit>) {
    let mut seen = HashSet::new();
    hits.retain(|h| seen.insert((h.rule, h.start, h.end)));
}

/// Quantifiers that make a plural source vague.
const QUANTIFIERS: &[&str] = &[
    "some", "many", "several", "various", "numerous", "certain", "other",
];

/// Nouns that name people or accounts as sources.
const SOURCE_NOUNS: &[&str] = &[
    "officials",
    "official",
    "sources",
    "source",
    "people",
    "persons",
    "individuals",
    "experts",
    "analysts",
    "observers",
    "critics",
    "insiders",
    "diplomats",
    "reports",
    "statements",
    "accounts",
    "aides",
    "members",
    "lawmakers",
    "politicians",
    "commentators",
    "voices",
];

/// Heads of unnamed speakers that are vague rather than granted anonymity ("analysts
/// say", "residents said"): `vague-source` is the finding for them, if any.
const NOT_GRANTED: &[&str] = &[
    "analysts",
    "experts",
    "observers",
    "critics",
    "commentators",
    "people",
    "residents",
    "witnesses",
    "others",
    "police",
];

/// Nouns for documents and accounts standing as sources (no anonymity to explain).
const DOCUMENT_NOUNS: &[&str] = &[
    "report",
    "reports",
    "statement",
    "statements",
    "account",
    "accounts",
    "rumor",
    "rumors",
    "rumour",
    "rumours",
    "media",
    "release",
    "communique",
    "letter",
    "ruling",
    "filing",
    "study",
    "survey",
    "document",
    "documents",
    "memo",
    "footage",
    "video",
    "data",
    "orders",
    "order",
    "bill",
    "information",
];

fn words_lower(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '.')
                .trim_end_matches('.')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The noun phrase of a speaker mention, cut before appositives, relative clauses,
/// participles and prepositional phrases.
fn core_np(mention: &str) -> Vec<String> {
    let cut = mention
        .find([',', '(', ';', ':'])
        .map_or(mention, |i| &mention[..i]);
    let mut out = Vec::new();
    for (k, w) in words_lower(cut).into_iter().enumerate() {
        let stop = matches!(
            w.as_str(),
            "who"
                | "which"
                | "that"
                | "of"
                | "for"
                | "with"
                | "from"
                | "at"
                | "in"
                | "by"
                | "on"
                | "to"
                | "close"
                | "familiar"
        ) || (k > 0 && w.ends_with("ing") && w.len() > 5);
        if stop {
            break;
        }
        out.push(w);
    }
    out
}

/// The head word (possessive stripped) of a speaker mention.
fn head(mention: &str) -> Option<String> {
    core_np(mention).last().map(|w| {
        w.trim_end_matches("'s")
            .trim_end_matches("’s")
            .trim_end_matches('\'')
            .to_owned()
    })
}

fn first_word(mention: &str) -> Option<String> {
    words_lower(mention).into_iter().next()
}

// ---------------------------------------------------------------------------------------
// Sourcing
// ---------------------------------------------------------------------------------------

/// `anonymous-no-reason`: an unnamed source whose anonymity is not explained.
fn anonymous_no_reason(s: &Subject<'_>, hits: &mut Vec<Hit>) {
    for c in s.claims {
        let (Some(anon), Some(m)) = (&c.anonymity, &c.speaker) else {
            continue;
        };
        if first_word(&m.text).is_some_and(|w| QUANTIFIERS.contains(&w.as_str())) {
            continue; // a vague plural: vague-source says it better
        }
        let h = head(&m.text).unwrap_or_default();
        if DOCUMENT_NOUNS.contains(&h.as_str()) {
            continue; // reports, statements: no person to protect
        }
        if NOT_GRANTED.contains(&h.as_str()) || s.config.institutions.contains(&h) {
            continue; // commentators and institutions are not granted anonymity
        }
        let mut context = anon
            .reason
            .as_ref()
            .map(|r| r.text.to_lowercase())
            .unwrap_or_default();
        if let Some((a, b)) = s.view.sentence_at(m.start) {
            context.push(' ');
            context.push_str(&s.view.slice(a, b).to_lowercase());
            // Newswire often gives the reason in the next sentence ("They spoke on condition
            // of anonymity because …").
            if let Some((c, d)) = s.view.next_sentence(b) {
                let next = s.view.slice(c, d).to_lowercase();
                if ["anonymity", "named", "identified"]
                    .iter()
                    .any(|w| next.contains(w))
                {
                    context.push(' ');
                    context.push_str(&next);
                }
            }
        }
        if s.config
            .anonymity_reasons
            .iter()
            .any(|r| contains_phrase(&context, r))
        {
            continue;
        }
        // Point at who the source is, without a relative clause the span may carry.
        let who = crate::extract::noun_phrase_head(&m.text);
        let message = match &anon.reason {
            Some(r) => format!(
                "anonymous source \"{who}\": \"{}\" is a condition, not a reason; say why the source was not named",
                r.text
            ),
            None => format!("anonymous source \"{who}\" with no reason given for anonymity"),
        };
        let end = m.start + who.chars().count();
        let mut hit = Hit::new("anonymous-no-reason", (m.start, end), message);
        if let Some(r) = &anon.reason {
            hit.related
                .push((r.start, r.end, "the condition, not a reason".to_owned()));
        }
        hits.push(hit);
    }
}

/// Whether `hay` contains `phrase` at word boundaries.
fn contains_phrase(hay: &str, phrase: &str) -> bool {
    if phrase.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(i) = hay[from..].find(phrase) {
        let a = from + i;
        let b = a + phrase.len();
        let before = hay[..a].chars().next_back();
        let after = hay[b..].chars().next();
        if before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
        {
            return true;
        }
        from = a + phrase.len().max(1);
        while !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

/// `vague-source`: "some officials", "sources", "many", "others", "other reports".
fn vague_source(s: &Subject<'_>, hits: &mut Vec<Hit>) {
    for c in s.claims {
        let Some(m) = &c.speaker else { continue };
        let lower = m.text.trim().to_lowercase();
        let np = core_np(&m.text);
        let names_source = np.iter().any(|w| SOURCE_NOUNS.contains(&w.as_str()));
        let by_kind = c
            .anonymity
            .as_ref()
            .is_some_and(|a| a.kind == AnonymityKind::Vague);
        let by_phrase = s.config.vague_sources.iter().any(|p| {
            let starts = lower == *p || lower.starts_with(&format!("{p} "));
            if !starts {
                return false;
            }
            // A quantifier makes a source vague only over people or accounts ("some
            // officials"), or alone ("some", "many").
            !QUANTIFIERS.contains(&p.as_str()) || names_source || lower == *p
        });
        if by_kind || by_phrase {
            hits.push(Hit::new(
                "vague-source",
                (m.start, m.end),
                format!(
                    "vague source \"{}\": say who, how many, and how they know",
                    m.text
                ),
            ));
        }
    }
}

/// Verbs that make a sentence's subject a source ("Some officials have raised questions",
/// "Other reports put the toll at four").
const SOURCE_VERBS: &[&str] = &[
    "say",
    "says",
    "said",
    "told",
    "tell",
    "believe",
    "believes",
    "believed",
    "argue",
    "argues",
    "argued",
    "accuse",
    "accuses",
    "accused",
    "blame",
    "blames",
    "blamed",
    "claim",
    "claims",
    "claimed",
    "raise",
    "raised",
    "question",
    "questioned",
    "put",
    "puts",
    "estimate",
    "estimates",
    "estimated",
    "suggest",
    "suggests",
    "suggested",
    "think",
    "thinks",
    "fear",
    "fears",
    "feared",
    "warn",
    "warns",
    "warned",
    "allege",
    "alleges",
    "alleged",
    "insist",
    "insisted",
    "report",
    "reported",
    "describe",
    "described",
    "contend",
    "contended",
    "maintain",
    "maintained",
    "speculate",
    "speculated",
    "doubt",
    "doubted",
    "predict",
    "predicted",
    "indicate",
    "indicated",
    "expect",
    "expected",
    "see",
    "saw",
    "view",
];

/// Auxiliaries and adverbs between a subject and its verb.
const BETWEEN_SUBJECT_AND_VERB: &[&str] = &[
    "have",
    "has",
    "had",
    "also",
    "already",
    "long",
    "privately",
    "publicly",
    "openly",
    "will",
    "would",
    "may",
    "might",
    "could",
    "still",
    "now",
    "repeatedly",
];

/// `vague-source` from the text: a sentence whose subject is a vague plural of sources
/// ("Some officials have raised questions", "Other reports … put the toll at four",
/// "Some have already blamed"), whether or not a claim was recorded for it.
fn vague_source_text(s: &Subject<'_>, hits: &mut Vec<Hit>) {
    let v = s.view;
    let existing: Vec<(usize, usize)> = hits
        .iter()
        .filter(|h| h.rule == "vague-source")
        .map(|h| (h.start, h.end))
        .collect();
    for sent in &v.sentences {
        let (a, b) = (sent.start, sent.end);
        let word = |i: usize| -> Option<String> {
            (i < b && v.tokens[i].kind == TokenKind::Word && v.tokens[i].depth == 0)
                .then(|| v.lower(i))
        };
        let Some(first) = word(a) else { continue };
        if !QUANTIFIERS.contains(&first.as_str()) && first != "others" {
            continue;
        }
        // The subject: up to the last source noun among the next few words, with no
        // punctuation in between; a bare quantifier ("Some", "Others") stands alone.
        let mut last_noun = None;
        let mut k = a + 1;
        while k < b && k < a + 9 {
            let Some(w) = word(k) else { break };
            if SOURCE_NOUNS.contains(&w.as_str()) {
                last_noun = Some(k);
            }
            k += 1;
        }
        let subject_end = match last_noun {
            Some(n) => n,
            None if first != "other" => a,
            None => continue,
        };
        // The verb that makes the subject a source.
        let mut j = subject_end + 1;
        while word(j).is_some_and(|w| BETWEEN_SUBJECT_AND_VERB.contains(&w.as_str())) {
            j += 1;
        }
        if !word(j).is_some_and(|w| SOURCE_VERBS.contains(&w.as_str())) {
            continue;
        }
        let span = (v.tokens[a].start, v.tokens[subject_end].end);
        if existing.iter().any(|&(x, y)| x < span.1 && span.0 < y) {
            continue;
        }
        let text = v.slice(span.0, span.1);
        hits.push(Hit::new(
            "vague-source",
            span,
            format!("vague source \"{text}\": say who, how many, and how they know"),
        ));
    }
}

const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "dozen",
    "dozens",
    "scores",
];

const MULTIPLIERS: &[&str] = &[
    "hundred", "thousand", "million", "billion", "trillion", "percent", "per", "%",
];

const BOUNDS: &[&[&str]] = &[
    &["at", "least"],
    &["at", "most"],
    &["more", "than"],
    &["fewer", "than"],
    &["less", "than"],
    &["up", "to"],
    &["nearly"],
    &["almost"],
    &["about"],
    &["around"],
    &["roughly"],
    &["approximately"],
    &["over"],
    &["some"],
];

/// Words after a number that make it no count besides units of time
/// ([`crate::lexicon::TIME_UNITS`], "two days": a duration): "three times", "two or three".
const NOT_COUNTED: &[&str] = &["times", "time", "more", "or", "and"];

const NOT_A_NOUN: &[&str] = &[
    "of", "and", "or", "to", "in", "on", "at", "by", "for", "from", "with", "the", "a", "an",
];

/// Figure phrases (code-point spans) among tokens `range` of the view: a number with its
/// bound ("at least") and the noun it counts. Dates and years are not figures.
fn figure_phrases(s: &Subject<'_>, range: std::ops::Range<usize>) -> Vec<(usize, usize)> {
    let v = s.view;
    let word = |i: usize| v.tokens.get(i).filter(|t| t.kind == TokenKind::Word);
    let lower = |i: usize| word(i).map(|_| v.lower(i)).unwrap_or_default();
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut i = range.start;
    while i < range.end {
        if word(i).is_none() {
            i += 1;
            continue;
        }
        let w = lower(i);
        let digits = w.chars().any(|c| c.is_ascii_digit())
            && w.chars().all(|c| c.is_ascii_digit() || ",.%".contains(c));
        let number = digits || NUMBER_WORDS.contains(&w.as_str());
        if !number {
            i += 1;
            continue;
        }
        let prev = if i > range.start {
            lower(i - 1)
        } else {
            String::new()
        };
        let next = lower(i + 1);
        let is_year =
            digits && w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y));
        let is_date = crate::lexicon::month_number(&prev).is_some()
            || crate::lexicon::month_number(&next).is_some();
        // Left: a bound ("at least one").
        let mut start = i;
        for b in BOUNDS {
            let n = b.len();
            if i >= range.start + n && (0..n).all(|k| lower(i - n + k) == b[k]) {
                start = i - n;
                break;
            }
        }
        // "one" is a pronoun or an article more often than a count, unless bounded.
        let loose_one = w == "one" && start == i;
        // Identifiers (tweet ids, phone numbers), times of day, numbered things, ages
        // in apposition ("Smith, 45,").
        let identifier =
            digits && w.chars().filter(|c| c.is_ascii_digit()).count() > 9 && !w.contains(',');
        let punct = |k: usize| {
            v.tokens
                .get(k)
                .filter(|t| t.kind == TokenKind::Punct)
                .map(|_| v.tok_text(k))
        };
        let age =
            digits && i > range.start && punct(i - 1) == Some(",") && punct(i + 1) == Some(",");
        let numbered = matches!(prev.as_str(), "no." | "number" | "no" | "#")
            || matches!(next.as_str(), "a.m." | "p.m." | "am" | "pm" | "o'clock");
        let duration = crate::lexicon::TIME_UNITS.contains(next.as_str())
            || NOT_COUNTED.contains(&next.as_str());
        if is_year || is_date || loose_one || identifier || age || numbered || duration {
            i += 1;
            continue;
        }
        // Right: further number words and multipliers, then the counted noun.
        let mut end = i;
        while end + 1 < range.end {
            let n = lower(end + 1);
            if NUMBER_WORDS.contains(&n.as_str()) || MULTIPLIERS.contains(&n.as_str()) {
                end += 1;
            } else {
                break;
            }
        }
        if end + 1 < range.end && word(end + 1).is_some() {
            let n = lower(end + 1);
            if !NOT_A_NOUN.contains(&n.as_str()) {
                end += 1;
            }
        }
        out.push((v.tokens[start].start, v.tokens[end].end));
        i = end + 1;
    }
    out
}

/// `unattributed-claim`: figures and disputable facts in the article's own voice.
fn unattributed_claim(s: &Subject<'_>, hits: &mut Vec<Hit>) {
    let v = s.view;
    for a in s.assertions {
        let first = v.tokens.partition_point(|t| t.start < a.start);
        let last = v.tokens.partition_point(|t| t.end <= a.end);
        let phrases = if first < last {
            figure_phrases(s, first..last)
        } else {
            Vec::new()
        };
        if let (Some(&(fs, _)), Some(&(_, fe))) = (phrases.first(), phrases.last()) {
            // Start at the disputable verb when it leads into the figure ("killing at least
            // one protester").
            let t = &a.trigger;
            let start = if t.start < fs && fs - t.start <= 40 && t.end <= fs {
                t.start
            } else {
                fs
            };
            let text = v.slice(start, fe);
            hits.push(Hit::new(
                "unattributed-claim",
                (start, fe),
                format!("figure \"{text}\" in the article's own voice with no attribution: say who gives it"),
            ));
        } else if a.kind == crate::model::AssertionKind::Disputable {
            let t = &a.trigger;
            hits.push(Hit::new(
                "unattributed-claim",
                (t.start, t.end),
                format!(
                    "disputable statement (\"{}\") in the article's own voice with no attribution",
                    t.text
                ),
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Wording
// ---------------------------------------------------------------------------------------

/// `loaded-verb`: claimed, admitted, insisted, conceded, alleged…
fn loaded_verb(s: &Subject<'_>, hits: &mut Vec<Hit>) {
    for c in s.claims {
        let Some(cue) = &c.cue else { continue };
        if c.nested_in.is_some() || s.view.in_quote(cue.start) {
            continue; // the quoted speaker's words
        }
        let lower = cue.text.to_lowercase();
        let words = words_lower(&cue.text);
        let verb = s
            .config
            .loaded_verbs
            .iter()
            .filter(|v| {
                if v.contains(' ') {
                    contains_phrase(&lower, v)
                } else {
                    words.iter().any(|w| w == *v)
                }
            })
            .max_by_key(|v| v.len());
        let Some(verb) = verb else { continue };
        // "claimed responsibility" is the ordinary phrase, not a loaded attribution.
        let after_b = s.view.byte(cue.end);
        let after = s.view.text[after_b..]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase();
        if matches!(
            after.trim_matches(|c: char| !c.is_alphanumeric()),
            "responsibility" | "credit"
        ) {
            continue;
        }
        // Point at the verb inside the cue.
        let (vs, ve) = match lower.find(verb.as_str()) {
            Some(i) => {
                let off = lower[..i].chars().count();
                let n = verb.chars().count();
                (cue.start + off, cue.start + off + n)
            }
            None => (cue.start, cue.end),
        };
        hits.push(Hit::new(
            "loaded-verb",
            (vs, ve),
            format!("loaded attribution verb \"{}\": prefer \"said\" unless the verb is exactly what happened", s.view.slice(vs, ve)),
        ));
    }
}

/// `loaded-word`: labels in the article's own voice (quotations skipped).
fn loaded_word(s: &Subject<'_>, hits: &mut Vec<Hit>) {
    let v = s.view;
    let n = v.tokens.len();
    for i in 0..n {
        let t = v.tokens[i];
        if t.kind != TokenKind::Word || t.depth > 0 {
            continue;
        }
        let w = v.lower(i);
        let two =
            (i + 1 < n && v.tokens[i + 1].kind == TokenKind::Word && v.tokens[i + 1].depth == 0)
                .then(|| format!("{w} {}", v.lower(i + 1)));
        let (end, word) = match two {
            Some(p) if s.config.loaded_words.contains(&p) => (v.tokens[i + 1].end, p),
            _ if s.config.loaded_words.contains(&w) => (t.end, w),
            _ => continue,
        };
        hits.push(Hit::new(
            "loaded-word",
            (t.start, end),
            format!(
                "loaded word \"{}\" in the article's own voice: attribute it or describe what happened",
                v.slice(t.start, end)
            ),
        ));
        let _ = word;
    }
}

const BE: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "also",
];
const LABEL_VERBS: &[&str] = &[
    "dismissed",
    "described",
    "denounced",
    "rejected",
    "branded",
    "characterized",
    "characterised",
    "labelled",
    "labeled",
    "portrayed",
    "derided",
    "ridiculed",
    "quoted",
];
const REPORT_VERBS: &[&str] = &[
    "reported",
    "said",
    "claimed",
    "alleged",
    "believed",
    "understood",
    "rumored",
    "rumoured",
    "thought",
    "feared",
    "suggested",
];
const AGENTLESS_ADVERBS: &[&str] = &["reportedly", "purportedly", "supposedly"];
const INFINITIVE_VERBS: &[&str] = &[
    "be", "have", "hold", "control", "own", "include", "possess", "number", "total", "exceed",
];

/// `agentless-attribution`: "have been dismissed as rumors", "has been quoted as saying",
/// "it was reported that", "is said to be", "reportedly".
fn agentless_attribution(s: &Subject<'_>, hits: &mut Vec<Hit>) {
    let v = s.view;
    for sent in &v.sentences {
        let (a, b) = (sent.start, sent.end);
        let own = |i: usize| -> Option<String> {
            (i >= a && i < b && v.tokens[i].kind == TokenKind::Word && v.tokens[i].depth == 0)
                .then(|| v.lower(i))
        };
        // Whether an agent ("by X") follows before the clause ends.
        let agent_follows = |from: usize| -> bool {
            let mut k = from;
            while k < b && k < from + 8 {
                let t = v.tokens[k];
                if t.kind == TokenKind::Punct {
                    let p = v.tok_text(k);
                    if matches!(p, "," | "." | ";" | ":" | "!" | "?") {
                        return false;
                    }
                }
                if own(k).as_deref() == Some("by") {
                    return true;
                }
                k += 1;
            }
            false
        };
        // The auxiliary chain ending just before token `i`, if any ("have been").
        let aux_start = |i: usize| -> Option<usize> {
            let mut k = i;
            while k > a && own(k - 1).is_some_and(|w| BE.contains(&w.as_str())) {
                k -= 1;
            }
            let chain_has_be =
                (k..i).any(|j| own(j).is_some_and(|w| crate::lexicon::is_be_form(w.as_str())));
            (k < i && chain_has_be).then_some(k)
        };
        for i in a..b {
            let Some(w) = own(i) else { continue };
            if AGENTLESS_ADVERBS.contains(&w.as_str()) {
                hits.push(Hit::new(
                    "agentless-attribution",
                    (v.tokens[i].start, v.tokens[i].end),
                    format!("\"{}\" without saying who reported it", v.tok_text(i)),
                ));
                continue;
            }
            if LABEL_VERBS.contains(&w.as_str()) && own(i + 1).as_deref() == Some("as") {
                let Some(k) = aux_start(i) else { continue };
                let end_tok = if w == "quoted" {
                    if own(i + 2).as_deref() != Some("saying") {
                        continue;
                    }
                    i + 2
                } else if own(i + 2).is_some() {
                    i + 2
                } else {
                    i + 1
                };
                if agent_follows(end_tok + 1) {
                    continue;
                }
                let span = (v.tokens[k].start, v.tokens[end_tok].end);
                let what = v.slice(span.0, span.1);
                let message = if w == "quoted" {
                    format!("\"{what}\" does not say who quoted the speaker: name the outlet or the occasion")
                } else {
                    format!("\"{what}\" does not say by whom: name who {w} it")
                };
                hits.push(Hit::new("agentless-attribution", span, message));
                continue;
            }
            if REPORT_VERBS.contains(&w.as_str()) {
                let Some(k) = aux_start(i) else { continue };
                let it = k > a && own(k - 1).as_deref() == Some("it");
                let to_inf = own(i + 1).as_deref() == Some("to")
                    && own(i + 2).is_some_and(|x| INFINITIVE_VERBS.contains(&x.as_str()));
                if !(it || to_inf) || agent_follows(i + 1) {
                    continue;
                }
                let (start, end_tok) = if it {
                    let end = if own(i + 1).as_deref() == Some("that") {
                        i + 1
                    } else {
                        i
                    };
                    (k - 1, end)
                } else {
                    (k, i + 2)
                };
                let span = (v.tokens[start].start, v.tokens[end_tok].end);
                hits.push(Hit::new(
                    "agentless-attribution",
                    span,
                    format!(
                        "\"{}\" does not say who {w} it: name the source",
                        v.slice(span.0, span.1)
                    ),
                ));
            }
        }
    }
}

const SPEECH_VERBS: &[&str] = &[
    "say",
    "says",
    "said",
    "saying",
    "told",
    "tells",
    "telling",
    "added",
    "adds",
    "stated",
    "noted",
    "claimed",
    "declared",
    "announced",
    "explained",
    "insisted",
    "asserted",
    "remarked",
    "warned",
];

/// `garbled-attribution`: two attribution verbs in a row ("says said").
fn garbled_attribution(s: &Subject<'_>, hits: &mut Vec<Hit>) {
    let v = s.view;
    for i in 0..v.tokens.len().saturating_sub(1) {
        let (t, u) = (v.tokens[i], v.tokens[i + 1]);
        if t.kind != TokenKind::Word || u.kind != TokenKind::Word || t.depth > 0 || u.depth > 0 {
            continue;
        }
        // Same sentence, nothing but spaces between.
        if v.sentence_of_token(i) != v.sentence_of_token(i + 1) {
            continue;
        }
        let (a, b) = (v.lower(i), v.lower(i + 1));
        if SPEECH_VERBS.contains(&a.as_str()) && SPEECH_VERBS.contains(&b.as_str()) {
            let text = v.slice(t.start, u.end);
            hits.push(Hit::new(
                "garbled-attribution",
                (t.start, u.end),
                format!("garbled attribution \"{text}\": two attribution verbs in a row; keep one"),
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------
// Quotation marks
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Straight,
    Curly,
    Guillemet,
    Fullwidth,
    Doubled,
}

impl Style {
    fn name(self) -> &'static str {
        match self {
            Style::Straight => "straight",
            Style::Curly => "curly",
            Style::Guillemet => "guillemet",
            Style::Fullwidth => "full-width",
            Style::Doubled => "doubled (`` '')",
        }
    }
}

fn style(mark: &str) -> Style {
    if mark.chars().count() == 2 {
        return Style::Doubled;
    }
    match mark.chars().next().unwrap_or('"') {
        '"' | '\'' => Style::Straight,
        '«' | '»' | '‹' | '›' => Style::Guillemet,
        '＂' => Style::Fullwidth,
        _ => Style::Curly,
    }
}

fn is_double_mark(mark: &str) -> bool {
    mark.chars().count() == 2
        || mark
            .chars()
            .next()
            .is_some_and(|c| "\"“”„‟«»＂".contains(c))
}

/// `unbalanced-quote` and `mismatched-quote`.
fn quotation_marks(s: &Subject<'_>, hits: &mut Vec<Hit>) {
    let v = s.view;
    // The article's own style: the most common style among its marks.
    let mut counts = [0usize; 5];
    for (i, t) in v.tokens.iter().enumerate() {
        if matches!(t.kind, TokenKind::Open | TokenKind::Close) {
            counts[style(v.tok_text(i)) as usize] += 1;
        }
    }
    let styles = [
        Style::Straight,
        Style::Curly,
        Style::Guillemet,
        Style::Fullwidth,
        Style::Doubled,
    ];
    let dominant = styles
        .iter()
        .copied()
        .max_by_key(|&st| (counts[st as usize], st == Style::Curly))
        .unwrap_or(Style::Curly);
    let np = v.paragraphs.len();
    for (pi, p) in v.paragraphs.iter().enumerate() {
        let first = v.para_first_token[pi];
        let end = first + p.tokens.len();
        let mut stack: Vec<usize> = Vec::new();
        for i in first..end {
            let t = v.tokens[i];
            let d = t.depth as usize;
            match t.kind {
                TokenKind::Open => {
                    stack.truncate(d.saturating_sub(1));
                    stack.push(i);
                }
                TokenKind::Close if d >= 1 => {
                    // Marks left open inside this quotation are unbalanced.
                    for &o in stack.iter().skip(d) {
                        unclosed(s, o, hits);
                    }
                    if let Some(&o) = stack.get(d - 1) {
                        let (om, cm) = (v.tok_text(o), v.tok_text(i));
                        let (os, cs) = (style(om), style(cm));
                        if os != cs {
                            let (bad, other) = if cs != dominant || os == dominant {
                                (i, o)
                            } else {
                                (o, i)
                            };
                            let which = if bad == i { "closing" } else { "opening" };
                            let mut hit = Hit::new(
                                "mismatched-quote",
                                (v.tokens[bad].start, v.tokens[bad].end),
                                format!(
                                    "quotation opened with a {} mark ({om}) and closed with a {} mark ({cm}); the {which} mark differs from the article's {} style",
                                    os.name(),
                                    cs.name(),
                                    dominant.name()
                                ),
                            );
                            let other_what = if bad == i {
                                "the quotation opens here"
                            } else {
                                "the quotation closes here"
                            };
                            hit.related.push((
                                v.tokens[other].start,
                                v.tokens[other].end,
                                other_what.to_owned(),
                            ));
                            hits.push(hit);
                        }
                    }
                    stack.truncate(d - 1);
                }
                _ => {}
            }
        }
        // Quotations still open at the paragraph's end: newswire lets a quotation run on
        // when the next paragraph opens with a quotation mark.
        let continues = pi + 1 < np
            && v.tokens
                .get(v.para_first_token[pi + 1])
                .is_some_and(|t| t.kind == TokenKind::Open);
        for (k, &o) in stack.iter().enumerate() {
            if k == 0 && continues {
                continue;
            }
            unclosed(s, o, hits);
        }
        for &b in &p.stray_closes {
            let start = s.article.char_offset(b);
            hits.push(Hit::new(
                "unbalanced-quote",
                (start, start + 1),
                "closing quotation mark with no opening mark: where does the quotation start?"
                    .to_owned(),
            ));
        }
    }
}

fn unclosed(s: &Subject<'_>, open: usize, hits: &mut Vec<Hit>) {
    let v = s.view;
    let mark = v.tok_text(open);
    if !is_double_mark(mark) {
        return; // single marks double as apostrophes ('90s): too ambiguous
    }
    let t = v.tokens[open];
    hits.push(Hit::new(
        "unbalanced-quote",
        (t.start, t.end),
        format!("quotation opened with {mark} is never closed: where do the speaker's words end?"),
    ));
}

// ---------------------------------------------------------------------------------------
// Institutions
// ---------------------------------------------------------------------------------------

/// Words that show a document or a person behind an institution's statement.
const CHECKABLE: &[&str] = &[
    "statement",
    "report",
    "communique",
    "communiqué",
    "release",
    "ruling",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "letter",
    "filing",
    "study",
    "survey",
    "document",
    "memo",
    "told",
];

/// `institution-as-speaker`: "The United Nations found", "the ministry says".
fn institution_as_speaker(s: &Subject<'_>, hits: &mut Vec<Hit>) {
    for c in s.claims {
        let Some(m) = &c.speaker else { continue };
        if c.nested_in.is_some() || s.view.in_quote(m.start) {
            continue;
        }
        if s.speaker(c)
            .is_some_and(|sp| matches!(sp.kind, SpeakerKind::Person | SpeakerKind::Document))
        {
            continue;
        }
        let words = words_lower(&m.text);
        if words.iter().any(|w| DOCUMENT_NOUNS.contains(&w.as_str())) {
            continue;
        }
        let Some(h) = head(&m.text) else { continue };
        if !s.config.institutions.contains(&h) {
            continue;
        }
        if let Some((a, b)) = s.view.sentence_at(m.start) {
            let sentence = s.view.slice(a, b).to_lowercase();
            if CHECKABLE.iter().any(|w| contains_phrase(&sentence, w)) {
                continue;
            }
        }
        hits.push(Hit::new(
            "institution-as-speaker",
            (m.start, m.end),
            format!(
                "institution \"{}\" as speaker{}: name the person or the document (report, ruling, statement)",
                m.text,
                cue_suffix(c)
            ),
        ));
    }
}

fn cue_suffix(c: &Claim) -> String {
    c.cue
        .as_ref()
        .map(|q| format!(" of \"{}\"", q.text))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noun_phrase_heads() {
        assert_eq!(head("The United Nations").as_deref(), Some("nations"));
        assert_eq!(
            head("Several parties disputing the election result").as_deref(),
            Some("parties")
        );
        assert_eq!(
            head("Other reports and statements by officials").as_deref(),
            Some("statements")
        );
        assert_eq!(
            head("Iraq's Joint Operations Command").as_deref(),
            Some("command")
        );
    }

    #[test]
    fn phrases_at_word_boundaries() {
        assert!(contains_phrase("they spoke because of", "because"));
        assert!(!contains_phrase("the becauses", "because"));
    }
}
