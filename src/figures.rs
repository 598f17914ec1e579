//! Figures as intervals: the counts a text asserts, with their qualifier, the span they
//! came from, and what they count (the measure: thing, happening and event).
//!
//! Forms read: digits ("120", "338,000", "2.5 million"), number words ("seven",
//! "twenty-five", "a dozen", "three hundred"), vague plurals ("dozens", "hundreds",
//! "tens of thousands"), bounds ("at least", "more than", "up to", "nearly", "about",
//! "some"), ranges ("100 to 300", "between 5 and 7", "two or three"), partitives ("two of the
//! drones", "six members of the protection force"), ordinals implying a count ("a third hit"
//! → at least 3), zero ("no one was hurt") and a singular instrument of an event
//! ("conducted with an explosives-laden drone" → 1). Generic and hypothetical mentions
//! ("to lose a drone", "incoming drones", "could kill 100 people") give no figure.
//!
//! Offsets are code points into the article's text, half-open.

use serde::{Deserialize, Serialize};

use crate::measures::{fold, Lexicon};
use crate::store::Status;

/// Nouns naming people already counted as a whole ("the victims", "the dead"): a
/// partitive over them ("three of the victims") is part of the total.
const COUNTED_GROUPS: &[&str] = &[
    "victims",
    "dead",
    "casualties",
    "fatalities",
    "injured",
    "wounded",
    "deceased",
    "missing",
    "hostages",
];

/// How a figure bounds the true count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    AtLeast,
    AtMost,
    About,
    Range,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::AtLeast => "at_least",
            Qualifier::AtMost => "at_most",
            Qualifier::About => "about",
            Qualifier::Range => "range",
        }
    }
}

/// A closed interval of counts; `max: None` is unbounded above.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Interval {
    pub min: u64,
    pub max: Option<u64>,
}

impl Interval {
    pub fn exact(n: u64) -> Interval {
        Interval {
            min: n,
            max: Some(n),
        }
    }

    /// Whether the two intervals share a value.
    pub fn intersects(&self, o: &Interval) -> bool {
        self.max.is_none_or(|m| m >= o.min) && o.max.is_none_or(|m| m >= self.min)
    }

    /// Whether `self` lies entirely below `o`.
    pub fn below(&self, o: &Interval) -> bool {
        self.max.is_some_and(|m| m < o.min)
    }
}

/// A figure as the text states it: interval, qualifier and the stated number(s).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Value {
    pub interval: Interval,
    pub qualifier: Qualifier,
    /// The number(s) the text states: (n, n) for one number, (a, b) for a range. Two
    /// compatible figures with the same stated numbers corroborate each other; compatible
    /// figures with different ones diverge.
    pub stated: (u64, u64),
}

impl Value {
    pub fn exact(n: u64) -> Value {
        Value {
            interval: Interval::exact(n),
            qualifier: Qualifier::Exact,
            stated: (n, n),
        }
    }

    /// "3", "≥3", "≤5", "~100", "100–300".
    pub fn display(&self) -> String {
        let (a, b) = self.stated;
        match self.qualifier {
            Qualifier::Exact => format!("{a}"),
            Qualifier::AtLeast => format!("≥{}", self.interval.min),
            Qualifier::AtMost => match self.interval.max {
                Some(m) => format!("≤{m}"),
                None => format!("≤{a}"),
            },
            Qualifier::About => format!("~{a}"),
            Qualifier::Range => format!("{a}–{b}"),
        }
    }
}

/// What a figure counts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Measure {
    pub thing: String,
    pub happening: String,
    /// The event kind; `None` when the text gives none.
    pub event: Option<String>,
}

impl Measure {
    /// `drone/used@attack`.
    pub fn id(&self) -> String {
        match &self.event {
            Some(e) => format!("{}/{}@{}", self.thing, self.happening, e),
            None => format!("{}/{}", self.thing, self.happening),
        }
    }

    /// "drones used (the attack)".
    pub fn label(&self, lex: &Lexicon) -> String {
        let base = format!(
            "{} {}",
            lex.thing_label(&self.thing),
            lex.happening_label(&self.happening)
        );
        match &self.event {
            Some(e) => format!("{base} ({})", lex.event_label(e)),
            None => base,
        }
    }
}

/// A figure found in (or added by hand to) an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// Index of the source span it came from (see [`find_figures`]).
    pub source: usize,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub value: Value,
    pub measure: Measure,
    /// Which rule read it: digits, words, vague, partitive, ordinal, instrument, zero, manual.
    pub form: &'static str,
}

/// A span of the article that speaks with one voice (a claim's content, an assertion).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceSpan {
    pub source: usize,
    pub start: usize,
    pub end: usize,
}

/// Something odd in the input that was skipped, at a code-point offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureWarning {
    pub offset: usize,
    pub message: String,
}

/// A figure written by hand in a claims file (`figures: [...]`). `reviewed` (the default)
/// adds the figure, replacing extracted figures of the same claim whose span overlaps;
/// `rejected` removes the extracted figures of that claim whose span overlaps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredFigure {
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub note: Option<String>,
    /// Id of the claim (`c3`) or assertion (`a1`) that states the figure.
    pub claim: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Smallest count; for `exact` the count itself.
    #[serde(default)]
    pub min: u64,
    /// Largest count; `None` for `at_least` (and for `exact`, where it equals `min`).
    #[serde(default)]
    pub max: Option<u64>,
    #[serde(default = "exact")]
    pub qualifier: Qualifier,
    #[serde(default)]
    pub thing: String,
    #[serde(default)]
    pub happening: String,
    #[serde(default)]
    pub event: Option<String>,
}

fn exact() -> Qualifier {
    Qualifier::Exact
}

impl StoredFigure {
    /// The figure's value; `None` when `max` is below `min`.
    pub fn value(&self) -> Option<Value> {
        let max = match self.qualifier {
            Qualifier::Exact => Some(self.max.unwrap_or(self.min)),
            Qualifier::AtLeast => None,
            _ => self.max,
        };
        if max.is_some_and(|m| m < self.min) {
            return None;
        }
        let stated = match self.qualifier {
            Qualifier::AtMost => (max.unwrap_or(self.min), max.unwrap_or(self.min)),
            Qualifier::Range => (self.min, max.unwrap_or(self.min)),
            Qualifier::About => {
                let mid = (u128::from(self.min) + u128::from(max.unwrap_or(self.min))) / 2;
                let mid = u64::try_from(mid).unwrap_or(u64::MAX);
                (mid, mid)
            }
            _ => (self.min, self.min),
        };
        Some(Value {
            interval: Interval { min: self.min, max },
            qualifier: self.qualifier,
            stated,
        })
    }
}

// ---------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Quote,
    Punct,
}

/// A token of the article: code-point span, folded text and sentence number.
#[derive(Debug, Clone)]
struct Tok {
    low: String,
    start: usize,
    end: usize,
    kind: Kind,
    sent: usize,
    /// Starts with an upper-case letter.
    cap: bool,
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '„' | '‟' | '«' | '»' | '‘' | '’' | '\'' | '‹' | '›'
    )
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "maj", "lt", "col", "capt", "sgt", "st", "jr", "sr", "gov",
    "sen", "rep", "no", "vs", "mt", "ft", "u.s", "u.k", "u.n", "jan", "feb", "aug", "sept", "oct",
    "nov", "dec",
];

fn tokenize(text: &str) -> Vec<Tok> {
    let chars: Vec<char> = text.chars().collect();
    let mut toks: Vec<Tok> = Vec::new();
    let mut sent = 0usize;
    let mut i = 0usize;
    let mut pending_break = false;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() || c.is_control() {
            // A blank line (or a line break) ends a sentence.
            if c == '\n' {
                pending_break = true;
            }
            i += 1;
            continue;
        }
        let start = i;
        let kind = if c.is_alphanumeric() {
            let numeric_start = c.is_ascii_digit();
            i += 1;
            while i < chars.len() {
                let d = chars[i];
                let next = chars.get(i + 1).copied();
                // Letters and digits; an inner hyphen or apostrophe ("al-Kadhimi's"); a
                // comma, point or caret inside a number ("338,000", "2.5", "10^40"); the
                // points of "U.S.".
                let inner = d.is_alphanumeric()
                    || (matches!(d, '-' | '\'' | '’') && next.is_some_and(char::is_alphanumeric))
                    || (numeric_start
                        && matches!(d, ',' | '.' | '^')
                        && next.is_some_and(|n| n.is_ascii_digit()))
                    || (d == '.'
                        && next.is_some_and(char::is_alphabetic)
                        && chars.get(i + 2).copied() == Some('.'));
                if !inner {
                    break;
                }
                i += 1;
            }
            Kind::Word
        } else {
            i += 1;
            if is_quote(c) {
                Kind::Quote
            } else {
                Kind::Punct
            }
        };
        let s: String = chars[start..i].iter().collect();
        if pending_break {
            if toks.last().is_some_and(|t| t.sent == sent) {
                sent += 1;
            }
            pending_break = false;
        }
        let cap = s.chars().next().is_some_and(char::is_uppercase);
        // Sentence end: . ! ? followed by an upper-case word or a quote.
        if let Some(prev) = toks.last() {
            if prev.kind == Kind::Punct
                && matches!(prev.low.as_str(), "." | "!" | "?")
                && (cap || kind == Kind::Quote)
            {
                let before = toks.len().checked_sub(2).and_then(|k| toks.get(k));
                let abbrev = before.is_some_and(|b| {
                    b.end == prev.start
                        && (ABBREVIATIONS.contains(&b.low.as_str())
                            || (b.low.chars().count() == 1 && b.cap))
                });
                if !abbrev {
                    sent += 1;
                }
            }
        }
        toks.push(Tok {
            low: fold(&s),
            start,
            end: i,
            kind,
            sent,
            cap,
        });
    }
    toks
}

// ---------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------

fn unit_word(w: &str) -> Option<u128> {
    Some(match w {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// "twenty-five" → 25; plain unit words too.
fn compound_word(w: &str) -> Option<u128> {
    if let Some(v) = unit_word(w) {
        return Some(v);
    }
    let (a, b) = w.split_once('-')?;
    let (x, y) = (unit_word(a)?, unit_word(b)?);
    (x >= 20 && x % 10 == 0 && (1..10).contains(&y)).then_some(x + y)
}

fn scale_word(w: &str) -> Option<u128> {
    Some(match w {
        "thousand" => 1_000,
        "million" => 1_000_000,
        "billion" => 1_000_000_000,
        "trillion" => 1_000_000_000_000,
        _ => return None,
    })
}

fn ordinal_word(w: &str) -> Option<u64> {
    Some(match w {
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        _ => return None,
    })
}

/// A number in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Num {
    /// An exact count.
    Count(u128),
    /// A vague plural ("dozens"): at least this many.
    AtLeast(u128),
    /// Too large for any integer type, or not an integer count.
    TooLarge,
}

/// Parses digits with commas, decimals and a caret exponent ("10^40").
fn parse_digits(s: &str) -> Option<(u128, u32, bool)> {
    // Returns (mantissa, decimal places, overflowed).
    if let Some((b, e)) = s.split_once('^') {
        let base: u128 = b.replace(',', "").parse().ok()?;
        let exp: u32 = e.parse().ok()?;
        return Some(match base.checked_pow(exp) {
            Some(v) => (v, 0, false),
            None => (0, 0, true),
        });
    }
    let mut digits = String::new();
    let mut places = 0u32;
    let mut seen_dot = false;
    for c in s.chars() {
        match c {
            '0'..='9' => {
                digits.push(c);
                if seen_dot {
                    places += 1;
                }
            }
            ',' if !seen_dot => {}
            '.' if !seen_dot => seen_dot = true,
            _ => return None,
        }
    }
    if digits.is_empty() {
        return None;
    }
    match digits.parse::<u128>() {
        Ok(v) => Some((v, places, false)),
        Err(_) => Some((0, 0, true)),
    }
}

/// Reads a number starting at token `i` (not past `hi`): the value and the tokens used.
fn read_number(toks: &[Tok], i: usize, hi: usize) -> Option<(Num, usize)> {
    let w = |k: usize| -> &str {
        if k < hi {
            toks[k].low.as_str()
        } else {
            ""
        }
    };
    let t = w(i);
    // Digits, with an optional scale word: "2.5 million".
    if t.starts_with(|c: char| c.is_ascii_digit()) {
        let (mant, places, overflow) = parse_digits(t)?;
        if overflow {
            return Some((Num::TooLarge, 1));
        }
        let mut used = 1;
        let mut value = mant;
        let mut div = 10u128.pow(places.min(30));
        if let Some(s) = scale_word(w(i + 1)).or_else(|| (w(i + 1) == "hundred").then_some(100)) {
            value = match value.checked_mul(s) {
                Some(v) => v,
                None => return Some((Num::TooLarge, 2)),
            };
            used = 2;
        }
        if value % div != 0 {
            // "2.5 drones": not a count.
            return None;
        }
        value /= div;
        div = 1;
        let _ = div;
        return Some((Num::Count(value), used));
    }
    // Vague plurals.
    match (t, w(i + 1), w(i + 2)) {
        ("tens", "of", "thousands") => return Some((Num::AtLeast(20_000), 3)),
        ("hundreds", "of", "thousands") => return Some((Num::AtLeast(200_000), 3)),
        ("dozens", _, _) => return Some((Num::AtLeast(24), 1)),
        ("scores", "of", _) => return Some((Num::AtLeast(40), 1)),
        ("hundreds", _, _) => return Some((Num::AtLeast(200), 1)),
        ("thousands", _, _) => return Some((Num::AtLeast(2_000), 1)),
        ("millions", _, _) => return Some((Num::AtLeast(2_000_000), 1)),
        ("half", "a", "dozen") => return Some((Num::Count(6), 3)),
        _ => {}
    }
    // Number words: "a dozen", "a hundred", "three hundred and fifty", "two million".
    let mut k = i;
    let mut total: u128 = 0;
    let mut current: u128 = 0;
    let mut any = false;
    if matches!(t, "a" | "an")
        && (matches!(w(i + 1), "dozen" | "hundred") || scale_word(w(i + 1)).is_some())
    {
        current = 1;
        k += 1;
        any = true;
    }
    while k < hi {
        let x = w(k);
        if let Some(v) = compound_word(x) {
            if any && current % 100 != 0 && current != 0 {
                break; // "two three" is not one number
            }
            current = current.saturating_add(v);
            any = true;
        } else if x == "dozen" && any {
            current = current.max(1).saturating_mul(12);
        } else if x == "hundred" && any {
            current = current.max(1).saturating_mul(100);
        } else if let Some(s) = scale_word(x).filter(|_| any) {
            total = match current
                .max(1)
                .checked_mul(s)
                .and_then(|v| total.checked_add(v))
            {
                Some(v) => v,
                None => return Some((Num::TooLarge, k + 1 - i)),
            };
            current = 0;
        } else if x == "and" && any && current >= 100 && compound_word(w(k + 1)).is_some() {
            // "three hundred and fifty"
        } else {
            break;
        }
        k += 1;
    }
    if !any {
        return None;
    }
    Some((Num::Count(total.saturating_add(current)), k - i))
}

const NOT_COUNT_AFTER: &[&str] = &[
    "%", "percent", "per", "a.m", "p.m", "am", "pm", "o'clock", "dollars", "dollar", "euros",
    "euro", "pounds", "dinars", "rials", "yuan", "yen", "rupees", "years", "year", "st", "nd",
    "rd", "th",
];

const NOT_COUNT_BEFORE: &[&str] = &["$", "€", "£", "¥", "aged", "age", "no.", "number", "page"];

const STOPS: &[&str] = &[
    "and",
    "or",
    "but",
    "while",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "were",
    "was",
    "is",
    "are",
    "have",
    "has",
    "had",
    "been",
    "be",
    "being",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "in",
    "on",
    "at",
    "to",
    "for",
    "by",
    "with",
    "from",
    "after",
    "before",
    "during",
    "as",
    "than",
    "when",
    "where",
    "if",
    "because",
    "since",
    "did",
    "do",
    "does",
    "said",
    "says",
    "told",
    "according",
    "not",
    "into",
    "over",
    "near",
];

const AUX: &[&str] = &[
    "were",
    "was",
    "have",
    "has",
    "had",
    "been",
    "be",
    "are",
    "is",
    "being",
    "got",
    "get",
    "reportedly",
    "also",
    "all",
    "later",
    "subsequently",
    "allegedly",
    "seriously",
    "critically",
    "badly",
    "lightly",
    "slightly",
    "fatally",
    "mortally",
    "either",
    "each",
    "both",
    "then",
    "still",
    "remain",
    "remains",
    "remained",
    "now",
];

const MODALS: &[&str] = &[
    "would", "could", "might", "may", "can", "if", "unless", "whether", "should", "must",
];

/// Words that may follow a count whose thing is left to the context ("killed four in the
/// attack", "12 more were hurt", "injured 30 across the region"): function words, not the
/// noun or adjective the number would count.
const COUNT_CONTINUES: &[&str] = &[
    "more",
    "others",
    "other",
    "across",
    "among",
    "around",
    "including",
    "inside",
    "outside",
    "within",
    "throughout",
    "overnight",
    "yesterday",
    "today",
    "alone",
    "altogether",
    "total",
    "apiece",
    "so",
    "last",
    "this",
    "of",
    "there",
    "here",
    "against",
    "under",
    "amid",
    "people",
];

/// Whether `w`, right after a number with no thing of the lexicon, is what the number
/// counts: a noun or adjective that is no function word ("three districts", "hundreds
/// homeless").
fn counts_another_word(w: &str) -> bool {
    use crate::wordclass::{self, Pos};
    if STOPS.contains(&w) || AUX.contains(&w) || MODALS.contains(&w) || COUNT_CONTINUES.contains(&w)
    {
        return false;
    }
    let c = wordclass::of(w);
    // A plural word for people ("12 pensioners") is counted as people, as before; not a
    // word in "-ss" that can also name them ("hundreds homeless").
    if c.noun_first() == wordclass::NOUN_PERSON && w.ends_with('s') && !w.ends_with("ss") {
        return false;
    }
    c.is(Pos::Noun) || c.is(Pos::Adjective) || c.pos() == 0 && w.len() > 3
}

/// What the scanner reads at a position before its measure is settled.
#[derive(Debug, Clone)]
struct Candidate {
    source: usize,
    start: usize,
    end: usize,
    tok: usize,
    value: Value,
    thing: Thing,
    happening: Option<String>,
    /// Use the thing's default happening, ignoring happenings nearby (instruments,
    /// elliptical ordinals).
    default_happening: bool,
    form: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Thing {
    Known(String),
    /// "120 others": the thing of the figure before it in the sentence.
    Others,
    /// "the death toll at four": the thing of a recent figure, or the class's root thing.
    Unknown,
}

struct Scanner<'a> {
    toks: &'a [Tok],
    lex: &'a Lexicon,
    warnings: Vec<FigureWarning>,
}

impl<'a> Scanner<'a> {
    fn words(&self) -> Vec<&'a str> {
        self.toks.iter().map(|t| t.low.as_str()).collect()
    }

    fn thing_at(&self, words: &[&str], k: usize, hi: usize) -> Option<(usize, String)> {
        let (n, id) = self.lex.thing_terms.longest_at(&words[..hi], k)?;
        Some((n, id.to_owned()))
    }

    fn happening_at(&self, words: &[&str], k: usize, hi: usize) -> Option<(usize, String)> {
        let (n, id) = self.lex.happening_terms.longest_at(&words[..hi], k)?;
        Some((n, id.to_owned()))
    }

    fn is_quote(&self, k: usize) -> bool {
        self.toks.get(k).is_some_and(|t| t.kind == Kind::Quote)
    }

    fn is_punct(&self, k: usize) -> bool {
        self.toks.get(k).is_some_and(|t| t.kind == Kind::Punct)
    }

    /// Previous non-quote token index at or after `lo`.
    fn prev(&self, k: usize, lo: usize) -> Option<usize> {
        let mut j = k;
        while j > lo {
            j -= 1;
            if !self.is_quote(j) {
                return Some(j);
            }
        }
        None
    }

    fn next(&self, k: usize, hi: usize) -> Option<usize> {
        let mut j = k;
        while j < hi {
            if !self.is_quote(j) {
                return Some(j);
            }
            j += 1;
        }
        None
    }

    /// Scans tokens `[lo, hi)` (one source span) for figures.
    fn scan(&mut self, source: usize, lo: usize, hi: usize, out: &mut Vec<Candidate>) {
        let words = self.words();
        let toks = self.toks;
        let first_new = out.len();
        let mut i = lo;
        while i < hi {
            if toks[i].kind != Kind::Word {
                i += 1;
                continue;
            }
            if let Some((cand, next)) = self.at(source, &words, i, lo, hi, &out[first_new..]) {
                if let Some(c) = cand {
                    out.push(c);
                }
                i = next.max(i + 1);
            } else {
                i += 1;
            }
        }
    }

    /// A figure starting at token `i`, or `None`; returns where to continue.
    #[allow(clippy::type_complexity)]
    fn at(
        &mut self,
        source: usize,
        words: &[&str],
        i: usize,
        lo: usize,
        hi: usize,
        earlier: &[Candidate],
    ) -> Option<(Option<Candidate>, usize)> {
        let toks = self.toks;
        let w = words[i];

        // Ordinals implying a count: "a third hit", "a fourth drone".
        if matches!(w, "a" | "the" | "another") {
            if let Some(ord) = self
                .next(i + 1, hi)
                .and_then(|k| ordinal_word(words[k]).map(|o| (k, o)))
            {
                let (k, n) = ord;
                let after = self.next(k + 1, hi);
                let value = Value {
                    interval: Interval { min: n, max: None },
                    qualifier: Qualifier::AtLeast,
                    stated: (n, n),
                };
                if let Some((len, thing)) =
                    after.and_then(|a| self.thing_at(words, a, hi).map(|(l, t)| (a + l, t)))
                {
                    let c = Candidate {
                        source,
                        start: toks[i].start,
                        end: toks[len - 1].end,
                        tok: i,
                        value,
                        thing: Thing::Known(thing),
                        happening: None,
                        default_happening: false,
                        form: "ordinal",
                    };
                    return Some((self.settle_happening(c, words, i, len, lo, hi), len));
                }
                let elliptical = after.is_some_and(|a| {
                    toks[a].kind == Kind::Word
                        && !toks[a].cap
                        && !matches!(
                            words[a],
                            "of" | "time"
                                | "times"
                                | "round"
                                | "term"
                                | "day"
                                | "largest"
                                | "biggest"
                                | "most"
                        )
                });
                let antecedent = earlier.iter().rev().find(|c| {
                    toks[c.tok].sent == toks[i].sent && matches!(c.thing, Thing::Known(_))
                });
                if let (true, Some(ante)) = (elliptical, antecedent) {
                    let c = Candidate {
                        source,
                        start: toks[i].start,
                        end: toks[k].end,
                        tok: i,
                        value,
                        thing: ante.thing.clone(),
                        happening: None,
                        default_happening: true,
                        form: "ordinal",
                    };
                    return Some((Some(c), k + 1));
                }
                return Some((None, k + 1));
            }
        }

        // A singular instrument: "conducted with an explosives-laden drone".
        if matches!(w, "a" | "an") {
            let prep = self.prev(i, lo).map(|p| words[p]);
            if matches!(prep, Some("with" | "by" | "using")) && self.event_context(i) {
                let mut k = i + 1;
                let mut steps = 0;
                while k < hi && steps < 4 {
                    if self.is_quote(k) {
                        k += 1;
                        continue;
                    }
                    if toks[k].kind != Kind::Word || STOPS.contains(&words[k]) {
                        break;
                    }
                    if let Some((n, thing)) = self.thing_at(words, k, hi) {
                        let weapon = self
                            .lex
                            .things
                            .get(&thing)
                            .is_some_and(|t| t.class == crate::measures::ThingClass::Weapon);
                        if weapon {
                            let c = Candidate {
                                source,
                                start: toks[i].start,
                                end: toks[k + n - 1].end,
                                tok: i,
                                value: Value::exact(1),
                                thing: Thing::Known(thing),
                                happening: None,
                                default_happening: true,
                                form: "instrument",
                            };
                            return Some((Some(c), k + n));
                        }
                        break;
                    }
                    k += 1;
                    steps += 1;
                }
            }
        }

        // Zero: "no one was hurt", "no casualties".
        if matches!(w, "no" | "nobody" | "none") {
            let (thing, next, happening) = match w {
                "nobody" => (Some("person".to_owned()), i + 1, None),
                "no" if words.get(i + 1) == Some(&"one") && i + 1 < hi => {
                    (Some("person".to_owned()), i + 2, None)
                }
                "no" => match self.thing_at(words, i + 1, hi) {
                    Some((n, t)) => (Some(t), i + 1 + n, None),
                    None => match self.happening_at(words, i + 1, hi) {
                        Some((n, h)) => (None, i + 1 + n, Some(h)),
                        None => return None,
                    },
                },
                _ => return None,
            };
            if self.hypothetical(i, lo) {
                return Some((None, next));
            }
            let c = Candidate {
                source,
                start: toks[i].start,
                end: toks[next - 1].end,
                tok: i,
                value: Value::exact(0),
                thing: thing.map_or(Thing::Unknown, Thing::Known),
                happening: happening.clone(),
                default_happening: false,
                form: "zero",
            };
            if happening.is_some() {
                return Some((Some(c), next));
            }
            return Some((self.settle_happening(c, words, i, next, lo, hi), next));
        }

        // "100-300" written as one token.
        if let Some((a, b)) = w.split_once('-') {
            if let (Ok(x), Ok(y)) = (
                a.replace(',', "").parse::<u64>(),
                b.replace(',', "").parse::<u64>(),
            ) {
                if y > x {
                    let value = Value {
                        interval: Interval {
                            min: x,
                            max: Some(y),
                        },
                        qualifier: Qualifier::Range,
                        stated: (x, y),
                    };
                    return Some(self.counted(
                        source,
                        words,
                        i,
                        i + 1,
                        lo,
                        hi,
                        value,
                        toks[i].start,
                        "range",
                    ));
                }
            }
        }

        // Numbers.
        let (num, used) = read_number(toks, i, hi)?;
        let mut end_tok = i + used;
        // Dates, times, money, percentages, ages.
        let before = self.prev(i, lo).map(|p| words[p]);
        let after = if end_tok < hi {
            Some(words[end_tok])
        } else {
            None
        };
        if before.is_some_and(|b| is_month(b) || NOT_COUNT_BEFORE.contains(&b))
            || after.is_some_and(|a| is_month(a) || NOT_COUNT_AFTER.contains(&a))
        {
            return Some((None, end_tok));
        }
        // Negative numbers.
        // (The sign may lie just outside the span: extraction trims punctuation.)
        if let Some(p) = i.checked_sub(1) {
            if matches!(words[p], "-" | "−") && toks[p].end == toks[i].start {
                let neg_sign =
                    p == 0 || toks[p - 1].kind != Kind::Word || toks[p - 1].end < toks[p].start;
                if neg_sign {
                    self.warnings.push(FigureWarning {
                        offset: toks[p].start,
                        message: format!("negative figure '-{}' is not a count; ignored", words[i]),
                    });
                    return Some((None, end_tok));
                }
            }
        }
        let count = match num {
            Num::TooLarge => {
                self.warnings.push(FigureWarning {
                    offset: toks[i].start,
                    message: format!(
                        "number '{}' is too large for any count; ignored",
                        toks[i..end_tok.min(hi)]
                            .iter()
                            .map(|t| t.low.as_str())
                            .collect::<Vec<_>>()
                            .join(" ")
                    ),
                });
                return Some((None, end_tok));
            }
            Num::Count(v) | Num::AtLeast(v) => v,
        };
        let Ok(n) = u64::try_from(count) else {
            self.warnings.push(FigureWarning {
                offset: toks[i].start,
                message: "number too large for any count; ignored".to_owned(),
            });
            return Some((None, end_tok));
        };
        let mut value = match num {
            Num::AtLeast(_) => Value {
                interval: Interval { min: n, max: None },
                qualifier: Qualifier::AtLeast,
                stated: (n, n),
            },
            _ => Value::exact(n),
        };
        let mut form = if toks[i].low.starts_with(|c: char| c.is_ascii_digit()) {
            "digits"
        } else if matches!(num, Num::AtLeast(_)) {
            "vague"
        } else {
            "words"
        };
        // Ranges: "100 to 300", "two or three", "between 5 and 7", "100-300".
        let between = before == Some("between") || before == Some("from");
        if let Some(a) = after {
            let joins = matches!(a, "to" | "or" | "-" | "–" | "—") || (a == "and" && between);
            if joins && matches!(num, Num::Count(_)) {
                if let Some((Num::Count(v2), used2)) = read_number(toks, end_tok + 1, hi) {
                    if let Ok(m) = u64::try_from(v2) {
                        if m > n {
                            value = Value {
                                interval: Interval {
                                    min: n,
                                    max: Some(m),
                                },
                                qualifier: Qualifier::Range,
                                stated: (n, m),
                            };
                            end_tok += 1 + used2;
                            form = "range";
                        } else if m < n && a != "or" {
                            self.warnings.push(FigureWarning {
                                offset: toks[i].start,
                                message: format!("inverted range {n} to {m}; ignored"),
                            });
                            return Some((None, end_tok + 1 + used2));
                        }
                    }
                }
            }
        }
        let mut start = toks[i].start;
        // Bounds before the number.
        if form != "range" {
            if let Some((q, s)) = self.bound_before(words, i, lo, n) {
                value = q;
                start = s;
            }
        } else if between {
            if let Some(p) = self.prev(i, lo) {
                start = toks[p].start;
            }
        }
        if self.hypothetical(i, lo) {
            return Some((None, end_tok));
        }
        if n > 1_000_000_000_000 {
            self.warnings.push(FigureWarning {
                offset: toks[i].start,
                message: format!("absurd figure {n}; ignored"),
            });
            return Some((None, end_tok));
        }
        Some(self.counted(source, words, i, end_tok, lo, hi, value, start, form))
    }

    /// The thing and happening of a number read at `i..end_tok`: "three drones", "two of the
    /// unmanned aerial vehicles", "six members of the protection force", "120 others".
    #[allow(clippy::too_many_arguments)]
    fn counted(
        &self,
        source: usize,
        words: &[&str],
        i: usize,
        end_tok: usize,
        lo: usize,
        hi: usize,
        mut value: Value,
        start: usize,
        mut form: &'static str,
    ) -> (Option<Candidate>, usize) {
        let toks = self.toks;
        let mut k = end_tok;
        let mut thing = None;
        let mut happening = None;
        let mut steps = 0;
        let mut partitive = false;
        while k < hi && steps < 7 {
            if self.is_quote(k) {
                k += 1;
                continue;
            }
            if self.is_punct(k) {
                break;
            }
            if let Some((len, t)) = self.thing_at(words, k, hi) {
                thing = Some(Thing::Known(t));
                k += len;
                break;
            }
            if let Some((len, h)) = self.happening_at(words, k, hi) {
                if !partitive {
                    happening = Some(h);
                    thing = Some(Thing::Unknown);
                    k += len;
                }
                break;
            }
            let x = words[k];
            if matches!(x, "other" | "others") {
                thing = Some(Thing::Others);
                k += 1;
                if let Some((len, t)) = self
                    .next(k, hi)
                    .and_then(|a| self.thing_at(words, a, hi).map(|(l, t)| (a + l, t)))
                {
                    thing = Some(Thing::Known(t));
                    k = len;
                }
                break;
            }
            if x == "of" {
                partitive = true;
                // "Three of the victims died at the hospital": a part of a group already
                // counted, so the total is at least that many, not that many.
                let group = words.get(k + 1..hi.min(k + 4)).unwrap_or(&[]);
                if matches!(group.first(), Some(&("the" | "those")))
                    && group.iter().skip(1).any(|w| COUNTED_GROUPS.contains(w))
                    && value.qualifier == Qualifier::Exact
                {
                    value = Value {
                        interval: Interval {
                            min: value.interval.min,
                            max: None,
                        },
                        qualifier: Qualifier::AtLeast,
                        stated: value.stated,
                    };
                }
                k += 1;
                continue;
            }
            if STOPS.contains(&x) {
                break;
            }
            k += 1;
            steps += 1;
        }
        let Some(thing) = thing else {
            // "across the three districts", "leaving hundreds homeless": the number counts
            // the word after it, which is no thing of the lexicon, so it gives no figure
            // (the happening nearby is about another figure).
            // A capitalised word ("12 Palestinians", "seven Afghans") is a people's name,
            // counted as people.
            if let Some(a) = self.next(end_tok, hi).filter(|&a| !self.is_punct(a)) {
                if !toks[a].cap && counts_another_word(words[a]) {
                    return (None, end_tok);
                }
            }
            // "40 were injured": a happening after, the thing from context.
            let mut a = end_tok;
            while a < hi && (self.is_quote(a) || AUX.contains(&words[a])) {
                a += 1;
            }
            let after = if a > end_tok {
                // "40 were injured", and a few words on: "40 were being treated for
                // injuries", "12 were taken to hospital with burns".
                (a..hi.min(a + 5))
                    .take_while(|&k| {
                        !self.is_punct(k)
                            && !matches!(
                                words[k],
                                "and"
                                    | "or"
                                    | "but"
                                    | "while"
                                    | "that"
                                    | "which"
                                    | "who"
                                    | "because"
                                    | "since"
                                    | "if"
                                    | "when"
                                    | "than"
                                    | "said"
                                    | "says"
                                    | "told"
                                    | "according"
                            )
                    })
                    .find_map(|k| self.happening_at(words, k, hi))
            } else {
                None
            };
            // "put the death toll at four": a happening before, the thing from context.
            if let Some(h) = after
                .map(|(_, h)| h)
                .or_else(|| self.happening_before(words, i, lo, None))
            {
                let c = Candidate {
                    source,
                    start,
                    end: toks[end_tok - 1].end,
                    tok: i,
                    value,
                    thing: Thing::Unknown,
                    happening: Some(h),
                    default_happening: false,
                    form,
                };
                return (Some(c), end_tok);
            }
            return (None, end_tok);
        };
        if partitive && form != "range" {
            form = if form == "vague" {
                "vague"
            } else {
                "partitive"
            };
        }
        let np_end = k;
        let prep = self
            .prev(
                if start == toks[i].start {
                    i
                } else {
                    self.tok_at(start, i)
                },
                lo,
            )
            .map(|p| words[p]);
        let instrument = matches!(prep, Some("with" | "by" | "using"));
        let c = Candidate {
            source,
            start,
            end: toks[np_end - 1].end,
            tok: i,
            value,
            thing,
            happening,
            default_happening: instrument,
            form,
        };
        if c.happening.is_some() || instrument {
            return (Some(c), np_end);
        }
        (self.settle_happening(c, words, i, np_end, lo, hi), np_end)
    }

    /// Token index whose start is `start` (searching back from `i`).
    fn tok_at(&self, start: usize, i: usize) -> usize {
        let mut j = i;
        while j > 0 && self.toks[j].start > start {
            j -= 1;
        }
        j
    }

    /// Finds the happening after the noun phrase ("were injured") or before the number
    /// ("killing at least one"), keeping only happenings that apply to the thing.
    fn settle_happening(
        &self,
        mut c: Candidate,
        words: &[&str],
        i: usize,
        np_end: usize,
        lo: usize,
        hi: usize,
    ) -> Option<Candidate> {
        let thing_id = match &c.thing {
            Thing::Known(t) => Some(t.clone()),
            _ => None,
        };
        // After: skip auxiliaries and adverbs.
        let mut k = np_end;
        let mut steps = 0;
        while k < hi && steps < 5 {
            if self.is_quote(k) {
                k += 1;
                continue;
            }
            if let Some((_, h)) = self.happening_at(words, k, hi) {
                if thing_id.as_deref().is_none_or(|t| self.lex.applies(&h, t)) {
                    c.happening = Some(h);
                    return Some(c);
                }
                break;
            }
            if !AUX.contains(&words[k]) {
                // "20 people from one neighbourhood were unaccounted for": a short
                // prepositional phrase before the verb group is skipped, once.
                let skip =
                    matches!(words[k], "from" | "in" | "at" | "of" | "on" | "near") && steps == 0;
                let verb = skip
                    .then(|| {
                        (k + 1..hi.min(k + 7))
                            .take_while(|&j| {
                                !self.is_punct(j)
                                    && !matches!(
                                        words[j],
                                        "and" | "or" | "but" | "while" | "that" | "which" | "who"
                                    )
                            })
                            .find(|&j| {
                                matches!(
                                    words[j],
                                    "were" | "was" | "are" | "is" | "had" | "have" | "has"
                                )
                            })
                    })
                    .flatten();
                match verb {
                    Some(j) => {
                        k = j;
                        steps += 1;
                        continue;
                    }
                    None => break,
                }
            }
            k += 1;
            steps += 1;
        }
        if let Some(h) = self.happening_before(words, i, lo, thing_id.as_deref()) {
            c.happening = Some(h);
            return Some(c);
        }
        // Leave it to the thing's default (decided with the measure).
        c.default_happening = true;
        Some(c)
    }

    /// The nearest happening in the clause before token `i`.
    fn happening_before(
        &self,
        words: &[&str],
        i: usize,
        lo: usize,
        thing: Option<&str>,
    ) -> Option<String> {
        let mut p = i;
        let mut steps = 0;
        while p > lo && steps < 7 {
            p -= 1;
            if self.is_quote(p) {
                continue;
            }
            if self.is_punct(p) || matches!(words[p], "while" | "but" | "whereas") {
                return None;
            }
            if let Some((n, h)) = self.lex.happening_terms.longest_at(&words[..i], p) {
                if p + n <= i && thing.is_none_or(|t| self.lex.applies(h, t)) {
                    return Some(h.to_owned());
                }
            }
            steps += 1;
        }
        None
    }

    /// A bound word before the number: returns the new value and the span start.
    fn bound_before(&self, words: &[&str], i: usize, lo: usize, n: u64) -> Option<(Value, usize)> {
        let p1 = self.prev(i, lo)?;
        let p2 = self.prev(p1, lo);
        let p3 = p2.and_then(|p| self.prev(p, lo));
        let two = p2.map(|p| (words[p], words[p1]));
        let three = p3.zip(p2).map(|(a, b)| (words[a], words[b], words[p1]));
        let at_least = |min: u64| Value {
            interval: Interval { min, max: None },
            qualifier: Qualifier::AtLeast,
            stated: (n, n),
        };
        let at_most = |min: u64, max: u64| Value {
            interval: Interval {
                min,
                max: Some(max),
            },
            qualifier: Qualifier::AtMost,
            stated: (n, n),
        };
        let tenth = n / 10;
        let about = Value {
            interval: Interval {
                min: n - tenth,
                max: Some(n.saturating_add(tenth)),
            },
            qualifier: Qualifier::About,
            stated: (n, n),
        };
        if let (Some(("no", "more", "than")), Some(p)) = (three, p3) {
            return Some((at_most(0, n), self.toks[p].start));
        }
        if let (Some(("as", "many", "as")), Some(p)) = (three, p3) {
            return Some((at_most(0, n), self.toks[p].start));
        }
        if let (Some(t), Some(p)) = (two, p2) {
            let v = match t {
                ("at", "least") => Some(at_least(n)),
                ("more", "than") | ("upwards", "of") | ("in", "excess") => {
                    Some(at_least(n.saturating_add(1)))
                }
                ("at", "most") | ("up", "to") => Some(at_most(0, n)),
                ("fewer", "than") | ("less", "than") => Some(at_most(0, n.saturating_sub(1))),
                ("close", "to") => Some(about),
                ("an", "estimated") => Some(about),
                _ => None,
            };
            if let Some(v) = v {
                return Some((v, self.toks[p].start));
            }
        }
        let v = match words[p1] {
            "about" | "around" | "approximately" | "roughly" | "some" | "estimated" | "circa" => {
                about
            }
            "nearly" | "almost" => at_most(n.saturating_sub(tenth.max(1)), n),
            "over" => at_least(n.saturating_add(1)),
            "under" => at_most(0, n.saturating_sub(1)),
            _ => return None,
        };
        Some((v, self.toks[p1].start))
    }

    /// A modal or conditional earlier in the clause: "could kill 100 people".
    fn hypothetical(&self, i: usize, lo: usize) -> bool {
        let mut p = i;
        let mut steps = 0;
        while p > lo && steps < 8 {
            p -= 1;
            if self.is_punct(p) {
                return false;
            }
            if MODALS.contains(&self.toks[p].low.as_str()) {
                return true;
            }
            steps += 1;
        }
        false
    }

    /// Whether the sentence of token `i` speaks of an event (an instrument counts only then).
    fn event_context(&self, i: usize) -> bool {
        let sent = self.toks[i].sent;
        let words = self.words();
        let mut k = i;
        while k > 0 && self.toks[k - 1].sent == sent {
            k -= 1;
        }
        while k < self.toks.len() && self.toks[k].sent == sent {
            if self.lex.event_terms.longest_at(&words, k).is_some()
                || matches!(
                    words[k],
                    "conducted"
                        | "carried"
                        | "took"
                        | "launched"
                        | "staged"
                        | "attempt"
                        | "attempted"
                )
            {
                return true;
            }
            k += 1;
        }
        false
    }
}

/// Finds the figures stated in `spans` of `text`. Each span is read on its own (a figure
/// never takes its words from outside the span), but events and the things of elliptical
/// figures ("the death toll at four") are read from the whole article. A span that
/// repeats another's figure (same offsets) gives it once, to the span listed first.
pub fn find_figures(
    text: &str,
    spans: &[SourceSpan],
    lex: &Lexicon,
) -> (Vec<Figure>, Vec<FigureWarning>) {
    let toks = tokenize(text);
    let mut scanner = Scanner {
        toks: &toks,
        lex,
        warnings: Vec::new(),
    };
    let mut cands: Vec<Candidate> = Vec::new();
    for sp in spans {
        let lo = toks.partition_point(|t| t.start < sp.start);
        let hi = toks.partition_point(|t| t.end <= sp.end).max(lo);
        scanner.scan(sp.source, lo, hi, &mut cands);
    }
    let mut warnings = scanner.warnings;
    warnings.sort_by_key(|w| w.offset);
    warnings.dedup();
    // Same figure through two sources: keep the first source's.
    let mut seen = std::collections::HashSet::new();
    cands.retain(|c| seen.insert((c.start, c.end)));
    cands.sort_by_key(|c| (c.start, c.end));

    // Events: nearest event word before the figure in its sentence, else after it, else
    // the last one named before the sentence.
    let words: Vec<&str> = toks.iter().map(|t| t.low.as_str()).collect();
    let mut event_mentions: Vec<(usize, String)> = Vec::new();
    let mut k = 0;
    while k < words.len() {
        // "March 3" is a date, not a march.
        let month_date = toks[k].cap
            && is_month(words[k])
            && (words
                .get(k + 1)
                .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()))
                || (k > 0 && words[k - 1].starts_with(|c: char| c.is_ascii_digit())));
        if month_date {
            k += 1;
            continue;
        }
        if let Some((n, id)) = lex.event_terms.longest_at(&words, k) {
            // "the attack on the demonstration": the event is the second one.
            event_mentions.push((k, id.to_owned()));
            k += n;
        } else {
            k += 1;
        }
    }
    let event_of = |tok: usize| -> Option<String> {
        let sent = toks[tok].sent;
        let before = event_mentions
            .iter()
            .rev()
            .find(|(k, _)| *k < tok && toks[*k].sent == sent);
        if let Some((_, e)) = before {
            return Some(e.clone());
        }
        let after = event_mentions
            .iter()
            .find(|(k, _)| *k > tok && toks[*k].sent == sent);
        if let Some((_, e)) = after {
            return Some(e.clone());
        }
        event_mentions
            .iter()
            .rev()
            .find(|(k, _)| toks[*k].sent < sent)
            .map(|(_, e)| e.clone())
    };

    let mut figures: Vec<Figure> = Vec::new();
    // Settled (thing, sentence, token, event) of earlier figures, for "others" and "the toll".
    let mut settled: Vec<(String, usize, usize, Option<String>)> = Vec::new();
    for c in cands {
        let event = event_of(c.tok);
        let sent = toks[c.tok].sent;
        let thing = match &c.thing {
            Thing::Known(t) => Some(t.clone()),
            Thing::Others => settled
                .iter()
                .rev()
                .find(|(_, s, _, _)| *s == sent)
                .map(|(t, ..)| t.clone()),
            Thing::Unknown => {
                // A recent figure (within three sentences, same event) whose thing the
                // happening applies to; else the root thing of the happening's class.
                let recent = settled.iter().rev().find(|(t, s, _, e)| {
                    sent.saturating_sub(*s) <= 3
                        && *e == event
                        && c.happening.as_deref().is_none_or(|h| lex.applies(h, t))
                });
                recent.map(|(t, ..)| t.clone()).or_else(|| {
                    let class = c
                        .happening
                        .as_ref()
                        .and_then(|h| lex.happenings.get(h))
                        .and_then(|h| h.applies_to.first().copied());
                    lex.things
                        .iter()
                        .find(|(_, t)| t.parent.is_none() && Some(t.class) == class)
                        .map(|(id, _)| id.clone())
                })
            }
        };
        let Some(thing) = thing else { continue };
        let happening = if c.default_happening && c.happening.is_none() {
            lex.things.get(&thing).and_then(|t| t.default.clone())
        } else {
            c.happening.clone()
        };
        let Some(happening) = happening else { continue };
        if !lex.applies(&happening, &thing) {
            continue;
        }
        settled.push((thing.clone(), sent, c.tok, event.clone()));
        figures.push(Figure {
            source: c.source,
            text: text_slice(text, c.start, c.end),
            start: c.start,
            end: c.end,
            value: c.value,
            measure: Measure {
                thing,
                happening,
                event,
            },
            form: c.form,
        });
    }
    (figures, warnings)
}

/// The characters `[start, end)` of `text`.
pub fn text_slice(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

// ---------------------------------------------------------------------------------------
// States of a person ("was not harmed" vs "taken to hospital") and titled names
// ---------------------------------------------------------------------------------------

/// A yes/no state said of someone: "the Prime Minister was not harmed".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateMention {
    pub source: usize,
    /// The subject as written ("the Prime Minister", "al-Kadhimi"); empty when unknown.
    pub subject: String,
    /// State id in the lexicon ("harmed").
    pub state: String,
    /// Whether the text says the state holds.
    pub yes: bool,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

fn is_name_token(t: &Tok) -> bool {
    t.kind == Kind::Word
        && (t.cap || t.low.starts_with("al-") || t.low.starts_with("el-"))
        && !matches!(t.low.as_str(), "i")
}

/// Finds yes/no states of named people in `spans`. A pronoun subject ("he is in good
/// health") takes the subject named before it in the same span.
pub fn find_states(text: &str, spans: &[SourceSpan], lex: &Lexicon) -> Vec<StateMention> {
    let toks = tokenize(text);
    let words: Vec<&str> = toks.iter().map(|t| t.low.as_str()).collect();
    let mut out: Vec<StateMention> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for sp in spans {
        let lo = toks.partition_point(|t| t.start < sp.start);
        let hi = toks.partition_point(|t| t.end <= sp.end).max(lo);
        let mut last_subject = String::new();
        let mut k = lo;
        while k < hi {
            let Some((n, id)) = lex.state_terms.longest_at(&words[..hi], k) else {
                k += 1;
                continue;
            };
            let (state, pol) = id.rsplit_once('/').unwrap_or((id, "yes"));
            // The subject: back over auxiliaries, then a run of name words (and "the").
            let mut p = k;
            while p > lo && AUX.contains(&words[p - 1]) {
                p -= 1;
            }
            let name_end = p;
            // Names and titles, capitalised or not ("the governor", "the Prime Minister").
            while p > lo
                && (is_name_token(&toks[p - 1])
                    || lex
                        .titles
                        .iter()
                        .any(|t| t.iter().any(|w| *w == toks[p - 1].low)))
            {
                p -= 1;
            }
            if p < name_end && p > lo && words[p - 1] == "the" {
                p -= 1;
            }
            let subject = if p < name_end {
                text_slice(text, toks[p].start, toks[name_end - 1].end)
            } else if name_end > lo && matches!(words[name_end - 1], "he" | "she" | "him" | "her") {
                last_subject.clone()
            } else {
                String::new()
            };
            if !subject.is_empty() {
                last_subject = subject.clone();
            }
            let start = toks[k].start;
            let end = toks[k + n - 1].end;
            if seen.insert((start, end)) {
                out.push(StateMention {
                    source: sp.source,
                    subject,
                    state: state.to_owned(),
                    yes: pol == "yes",
                    text: text_slice(text, start, end),
                    start,
                    end,
                });
            }
            k += n;
        }
    }
    out
}

/// People the article names with a title: ("prime minister", "Mustafa al-Kadhimi").
/// Titles are lower case, as in the lexicon.
pub fn titled_people(text: &str, lex: &Lexicon) -> Vec<(String, String)> {
    let toks = tokenize(text);
    let mut titles: Vec<&Vec<String>> = lex.titles.iter().collect();
    titles.sort_by_key(|t| std::cmp::Reverse(t.len()));
    let mut out = Vec::new();
    let mut k = 0;
    while k < toks.len() {
        let matched = titles.iter().find(|t| {
            t.iter().enumerate().all(|(j, w)| {
                toks.get(k + j)
                    .is_some_and(|x| x.low.trim_end_matches('.') == w)
            })
        });
        let Some(title) = matched else {
            k += 1;
            continue;
        };
        let mut e = k + title.len();
        // "Major General" then "Yahya Rasoul": skip further title words.
        while e < toks.len()
            && titles
                .iter()
                .any(|t| t.len() == 1 && toks[e].low.trim_end_matches('.') == t[0])
        {
            e += 1;
        }
        let s = e;
        while e < toks.len() && e - s < 4 && is_name_token(&toks[e]) && toks[e].sent == toks[k].sent
        {
            e += 1;
        }
        if e > s {
            out.push((
                title.join(" "),
                text_slice(text, toks[s].start, toks[e - 1].end),
            ));
        }
        k = e.max(k + 1);
    }
    out
}

/// Month names and abbreviations stand beside dates, not counts.
fn is_month(word: &str) -> bool {
    crate::lexicon::month_number(word).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figs(text: &str) -> Vec<(String, String, String, Option<String>)> {
        let lex = Lexicon::default_lexicon();
        let n = text.chars().count();
        let (f, _) = find_figures(
            text,
            &[SourceSpan {
                source: 0,
                start: 0,
                end: n,
            }],
            &lex,
        );
        f.into_iter()
            .map(|f| {
                (
                    f.text.clone(),
                    f.value.display(),
                    format!("{}/{}", f.measure.thing, f.measure.happening),
                    f.measure.event.clone(),
                )
            })
            .collect()
    }

    fn one(text: &str) -> (String, String, String) {
        let f = figs(text);
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        (f[0].0.clone(), f[0].1.clone(), f[0].2.clone())
    }

    #[test]
    fn a_happening_a_few_words_after_the_figure() {
        let f = figs(
            "Doctors said 15 people had died and more than 40 were being treated for injuries.",
        );
        let measures: Vec<(&str, &str)> = f.iter().map(|x| (x.1.as_str(), x.2.as_str())).collect();
        assert_eq!(
            measures,
            [("15", "person/killed"), ("≥41", "person/injured")],
            "{f:?}"
        );
    }

    #[test]
    fn digits_and_words() {
        assert_eq!(
            one("Rebels fired 12 rockets at the base."),
            ("12 rockets".into(), "12".into(), "missile/used".into())
        );
        assert_eq!(
            one("Seven soldiers were killed."),
            ("Seven soldiers".into(), "7".into(), "soldier/killed".into())
        );
        assert_eq!(
            one("The storm injured twenty-five people."),
            (
                "twenty-five people".into(),
                "25".into(),
                "person/injured".into()
            )
        );
        assert_eq!(
            one("Officials said 338,000 people were evacuated."),
            (
                "338,000 people".into(),
                "338000".into(),
                "person/rescued".into()
            )
        );
        assert_eq!(
            one("Some 2 million people marched."),
            (
                "Some 2 million people".into(),
                "~2000000".into(),
                "person/attended".into()
            )
        );
        assert_eq!(
            one("A dozen protesters were arrested."),
            (
                "A dozen protesters".into(),
                "12".into(),
                "protester/arrested".into()
            )
        );
        assert_eq!(
            one("Three hundred and fifty workers were hurt."),
            (
                "Three hundred and fifty workers".into(),
                "350".into(),
                "worker/injured".into()
            )
        );
    }

    #[test]
    fn vague_plurals() {
        assert_eq!(
            one("Dozens of people were injured."),
            (
                "Dozens of people".into(),
                "≥24".into(),
                "person/injured".into()
            )
        );
        assert_eq!(
            one("Hundreds of protesters were detained."),
            (
                "Hundreds of protesters".into(),
                "≥200".into(),
                "protester/arrested".into()
            )
        );
        assert_eq!(
            one("Tens of thousands of demonstrators marched."),
            (
                "Tens of thousands of demonstrators".into(),
                "≥20000".into(),
                "protester/attended".into()
            )
        );
    }

    #[test]
    fn bounds() {
        assert_eq!(one("At least four people died.").1, "≥4");
        assert_eq!(one("More than 40 people were killed.").1, "≥41");
        assert_eq!(one("Up to 30 migrants are missing.").1, "≤30");
        assert_eq!(one("Nearly 100 people were injured.").1, "≤100");
        let lex = Lexicon::default_lexicon();
        let t = "About 100 people were hurt.";
        let (f, _) = find_figures(
            t,
            &[SourceSpan {
                source: 0,
                start: 0,
                end: t.chars().count(),
            }],
            &lex,
        );
        assert_eq!(
            f[0].value.interval,
            Interval {
                min: 90,
                max: Some(110)
            }
        );
        assert_eq!(f[0].value.qualifier, Qualifier::About);
    }

    #[test]
    fn ranges() {
        assert_eq!(one("Police said 100 to 300 people gathered.").1, "100–300");
        assert_eq!(one("Between 5 and 7 miners are missing.").1, "5–7");
        assert_eq!(one("Two or three drones were used.").1, "2–3");
    }

    #[test]
    fn a_part_of_the_counted_victims_bounds_the_total_from_below() {
        let f = one("Three of the victims died at Mercy Valley Hospital.");
        assert_eq!(f.1, "≥3", "{f:?}");
        // Of a group not yet counted, the partitive is the count itself.
        assert_eq!(one("Four of the mayor's bodyguards were wounded.").1, "4");
    }

    #[test]
    fn partitives() {
        assert_eq!(
            one("Guards shot down two of the unmanned aerial vehicles."),
            (
                "two of the unmanned aerial vehicles".into(),
                "2".into(),
                "drone/intercepted".into()
            )
        );
        assert_eq!(
            one("Four of the mayor's bodyguards were wounded."),
            (
                "Four of the mayor's bodyguards".into(),
                "4".into(),
                "guard/injured".into()
            )
        );
        assert_eq!(
            one("Nine members of her protection force have been injured."),
            (
                "Nine members of her protection force".into(),
                "9".into(),
                "guard/injured".into()
            )
        );
    }

    #[test]
    fn ordinal_implies_a_count() {
        let f = figs("Troops downed two of the drones in the strike while a third hit a school.");
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(f[1].0, "a third");
        assert_eq!(f[1].1, "≥3");
        assert_eq!(f[1].2, "drone/used");
        // A fraction or a rank is no count.
        assert!(figs("A third of the voters stayed home.").is_empty());
        assert!(figs("It was the second largest party.").is_empty());
    }

    #[test]
    fn singular_instrument() {
        assert_eq!(
            one("The raid was carried out with an explosives-packed drone."),
            (
                "an explosives-packed drone".into(),
                "1".into(),
                "drone/used".into()
            )
        );
        // Generic and hypothetical mentions are no count.
        assert!(figs("Nobody would want to lose a drone over the city.").is_empty());
        assert!(figs("The radar detects incoming drones and missiles.").is_empty());
        assert!(figs("A strike could kill 100 people.").is_empty());
    }

    #[test]
    fn zero() {
        assert_eq!(one("No one was injured in the blast.").1, "0");
    }

    #[test]
    fn others_and_toll_take_the_thing_from_context() {
        let f = figs("Police killed at least one protester and injured 120 others at the rally. Medics put the death toll at four.");
        assert_eq!(f.len(), 3, "{f:?}");
        assert_eq!(f[1].2, "protester/injured");
        assert_eq!(f[2].2, "protester/killed");
        assert_eq!(f[2].3.as_deref(), Some("protest"));
    }

    #[test]
    fn a_number_before_another_noun_counts_that_noun() {
        // "three districts" and "hundreds homeless" are not more of the dead or injured.
        let f = figs(
            "Floods swept through the valley, killing at least 37 people and leaving hundreds \
homeless. Volunteers counted 45 dead and about 120 injured across the three districts.",
        );
        let got: Vec<(&str, &str)> = f.iter().map(|x| (x.1.as_str(), x.2.as_str())).collect();
        assert_eq!(
            got,
            [
                ("≥37", "person/killed"),
                ("45", "person/killed"),
                ("~120", "person/injured")
            ],
            "{f:?}"
        );
        // Peoples and words for people are still counted as people.
        let f = figs("The strike killed 12 Palestinians and wounded 30 pensioners.");
        let got: Vec<(&str, &str)> = f.iter().map(|x| (x.1.as_str(), x.2.as_str())).collect();
        assert_eq!(
            got,
            [("12", "person/killed"), ("30", "person/injured")],
            "{f:?}"
        );
        // A short phrase between the count and its verb.
        let f = figs("At least 20 people from a single neighbourhood were unaccounted for.");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].2, "person/missing", "{f:?}");
        // A count whose thing is left to the context still reads.
        let f = figs("The storm killed four in the capital and injured 30 across the region.");
        assert_eq!(f.len(), 2, "{f:?}");
    }

    #[test]
    fn not_counts() {
        assert!(figs("The vote was held on October 10 and 55 percent voted.").is_empty());
        assert!(figs("It cost $5 million.").is_empty());
        assert!(figs("At least one explosion shook the city.")
            .iter()
            .all(|f| f.2 == "explosion/occurred"));
    }

    #[test]
    fn bad_numbers_warn() {
        let lex = Lexicon::default_lexicon();
        for t in [
            "They launched 10^40 drones.",
            "They launched 99999999999999999999999999999999999999999 drones.",
            "They launched -5 drones.",
            "They launched 50000000000000 drones.",
        ] {
            let (f, w) = find_figures(
                t,
                &[SourceSpan {
                    source: 0,
                    start: 0,
                    end: t.chars().count(),
                }],
                &lex,
            );
            assert!(f.is_empty(), "{t}: {f:?}");
            assert_eq!(w.len(), 1, "{t}: {w:?}");
        }
    }

    #[test]
    fn states_of_a_named_person() {
        let lex = Lexicon::default_lexicon();
        let t = "Governor Rina Solano was not injured and she is in good health, aides said. Earlier reports said the governor had been taken to hospital.";
        let n = t.chars().count();
        let st = find_states(
            t,
            &[SourceSpan {
                source: 0,
                start: 0,
                end: n,
            }],
            &lex,
        );
        let got: Vec<(&str, bool, &str)> = st
            .iter()
            .map(|s| (s.subject.as_str(), s.yes, s.text.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Governor Rina Solano", false, "not injured"),
                ("Governor Rina Solano", false, "in good health"),
                ("the governor", true, "taken to hospital"),
            ]
        );
        assert_eq!(
            titled_people(t, &lex),
            vec![("governor".to_owned(), "Rina Solano".to_owned())]
        );
    }

    #[test]
    fn events_keep_figures_apart() {
        let f = figs("Two people were killed in the bombing. Days earlier, at a protest in the capital, three people were killed.");
        assert_eq!(f[0].3.as_deref(), Some("attack"));
        assert_eq!(f[1].3.as_deref(), Some("protest"));
    }
}
