//! Word lists any English newswire needs: attribution cues, outlets, role nouns, hedges,
//! anonymity phrases. Nothing here is specific to one article; every entry is ordinary
//! newsroom English. The cue verb list is kept sorted so that duplicates show (a test checks it).
use std::sync::OnceLock;

use rustc_hash::FxHashSet;

/// How a cue verb is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueClass {
    /// Speech acts: said, told, announced, wrote.
    Speech,
    /// Takes a hearer before the content: told X (that), asked X, urged X to.
    SpeechWithHearer,
    /// Cognition and stance: believe, think, argue, want.
    Stance,
}

/// Attribution cue verbs, every inflection listed: (form, class).
/// Kept to verbs that carry a statement; the ones that usually do in news copy
/// (measured on the PolNeAR training split: a cue at least half the times they occur).
pub const CUE_VERBS: &[(&str, CueClass)] = {
    use CueClass::*;
    &[
        ("accuse", Speech),
        ("accused", Speech),
        ("accuses", Speech),
        ("accusing", Speech),
        ("acknowledge", Speech),
        ("acknowledged", Speech),
        ("acknowledges", Speech),
        ("acknowledging", Speech),
        ("add", Speech),
        ("added", Speech),
        ("adding", Speech),
        ("adds", Speech),
        ("admit", Speech),
        ("admits", Speech),
        ("admitted", Speech),
        ("admitting", Speech),
        ("affirmed", Speech),
        ("agreed", Speech),
        ("agrees", Speech),
        ("alleged", Speech),
        ("alleges", Speech),
        ("alleging", Speech),
        ("announce", Speech),
        ("announced", Speech),
        ("announces", Speech),
        ("announcing", Speech),
        ("apologized", Speech),
        ("applauded", Speech),
        ("argue", Stance),
        ("argued", Stance),
        ("argues", Stance),
        ("arguing", Stance),
        ("ask", SpeechWithHearer),
        ("asked", SpeechWithHearer),
        ("asking", SpeechWithHearer),
        ("asks", SpeechWithHearer),
        ("assailed", Speech),
        ("asserted", Speech),
        ("asserts", Speech),
        ("assure", SpeechWithHearer),
        ("assured", SpeechWithHearer),
        ("assures", SpeechWithHearer),
        ("believe", Stance),
        ("believed", Stance),
        ("believes", Stance),
        ("bemoaned", Speech),
        ("blamed", Speech),
        ("blasted", Speech),
        ("blasting", Speech),
        ("blasts", Speech),
        ("boasted", Speech),
        ("called", SpeechWithHearer),
        ("calling", SpeechWithHearer),
        ("calls", SpeechWithHearer),
        ("cautioned", Speech),
        ("challenged", Speech),
        ("charged", Speech),
        ("cited", Speech),
        ("cites", Speech),
        ("citing", Speech),
        ("claim", Speech),
        ("claimed", Speech),
        ("claiming", Speech),
        ("claims", Speech),
        ("commented", Speech),
        ("complained", Speech),
        ("complains", Speech),
        ("conceded", Speech),
        ("concedes", Speech),
        ("concluded", Speech),
        ("concludes", Speech),
        ("condemned", Speech),
        ("confirmed", Speech),
        ("confirms", Speech),
        ("contend", Stance),
        ("contended", Stance),
        ("contends", Stance),
        ("continued", Speech),
        ("countered", Speech),
        ("criticised", Speech),
        ("criticize", Speech),
        ("criticized", Speech),
        ("criticizes", Speech),
        ("criticizing", Speech),
        ("declared", Speech),
        ("declares", Speech),
        ("declined", Speech),
        ("declines", Speech),
        ("decried", Speech),
        ("defended", Speech),
        ("defending", Speech),
        ("defends", Speech),
        ("demand", Speech),
        ("demanded", Speech),
        ("demanding", Speech),
        ("demands", Speech),
        ("denied", Speech),
        ("denies", Speech),
        ("denounced", Speech),
        ("denouncing", Speech),
        ("derided", Speech),
        ("described", Speech),
        ("describes", Speech),
        ("describing", Speech),
        ("disclosed", Speech),
        ("discussed", Speech),
        ("dismissed", Speech),
        ("dismissing", Speech),
        ("echoed", Speech),
        ("echoing", Speech),
        ("emailed", Speech),
        ("emphasised", Speech),
        ("emphasized", Speech),
        ("emphasizing", Speech),
        ("endorse", Speech),
        ("endorsed", Speech),
        ("endorses", Speech),
        ("endorsing", Speech),
        ("estimated", Speech),
        ("estimates", Speech),
        ("explained", Speech),
        ("explaining", Speech),
        ("explains", Speech),
        ("expressed", Speech),
        ("feared", Stance),
        ("fears", Stance),
        ("find", Speech),
        ("finds", Speech),
        ("found", Speech),
        ("highlighted", Speech),
        ("hinted", Speech),
        ("hope", Speech),
        ("hoped", Speech),
        ("hopes", Speech),
        ("hoping", Speech),
        ("implied", Speech),
        ("indicate", Speech),
        ("indicated", Speech),
        ("indicates", Speech),
        ("informed", SpeechWithHearer),
        ("insist", Speech),
        ("insisted", Speech),
        ("insisting", Speech),
        ("insists", Speech),
        ("joked", Speech),
        ("lambasted", Speech),
        ("lamented", Speech),
        ("likened", Speech),
        ("maintained", Speech),
        ("maintains", Speech),
        ("mention", Speech),
        ("mentioned", Speech),
        ("mentioning", Speech),
        ("mentions", Speech),
        ("mocked", Speech),
        ("mocking", Speech),
        ("note", Speech),
        ("noted", Speech),
        ("notes", Speech),
        ("noting", Speech),
        ("observed", Speech),
        ("offered", Speech),
        ("oppose", Speech),
        ("opposed", Speech),
        ("opposes", Speech),
        ("pledged", Speech),
        ("pledging", Speech),
        ("pointed", Speech),
        ("posted", Speech),
        ("praise", Speech),
        ("praised", Speech),
        ("praises", Speech),
        ("praising", Speech),
        ("predicted", Speech),
        ("predicting", Speech),
        ("predicts", Speech),
        ("proclaimed", Speech),
        ("promised", Speech),
        ("promises", Speech),
        ("proposed", Speech),
        ("questioned", Speech),
        ("questioning", Speech),
        ("quipped", Speech),
        ("rebuked", Speech),
        ("recalled", Speech),
        ("recalling", Speech),
        ("recalls", Speech),
        ("recounted", Speech),
        ("referred", Speech),
        ("referring", Speech),
        ("refused", Speech),
        ("refuses", Speech),
        ("reiterated", Speech),
        ("rejected", Speech),
        ("rejects", Speech),
        ("remarked", Speech),
        ("reminded", SpeechWithHearer),
        ("reminding", Speech),
        ("replied", Speech),
        ("replies", Speech),
        ("report", Speech),
        ("reported", Speech),
        ("reporting", Speech),
        ("reports", Speech),
        ("responded", Speech),
        ("responds", Speech),
        ("retweeted", Speech),
        ("reveal", Speech),
        ("revealed", Speech),
        ("reveals", Speech),
        ("said", Speech),
        ("say", Speech),
        ("saying", Speech),
        ("says", Speech),
        ("show", Speech),
        ("showed", Speech),
        ("showing", Speech),
        ("shows", Speech),
        ("slammed", Speech),
        ("slamming", Speech),
        ("slams", Speech),
        ("sought", Speech),
        ("speculated", Speech),
        ("stated", Speech),
        ("stating", Speech),
        ("stressed", Speech),
        ("stresses", Speech),
        ("suggest", Speech),
        ("suggested", Speech),
        ("suggesting", Speech),
        ("suggests", Speech),
        ("supported", Speech),
        ("talked", Speech),
        ("tell", SpeechWithHearer),
        ("telling", SpeechWithHearer),
        ("tells", SpeechWithHearer),
        ("testified", Speech),
        ("thanked", Speech),
        ("think", Stance),
        ("thinks", Stance),
        ("threatened", Speech),
        ("threatening", Speech),
        ("told", SpeechWithHearer),
        ("touted", Speech),
        ("touting", Speech),
        ("tweeted", Speech),
        ("tweeting", Speech),
        ("tweets", Speech),
        ("urge", SpeechWithHearer),
        ("urged", SpeechWithHearer),
        ("urges", SpeechWithHearer),
        ("urging", SpeechWithHearer),
        ("voiced", Speech),
        ("vowed", Speech),
        ("vowing", Speech),
        ("vows", Speech),
        ("warn", SpeechWithHearer),
        ("warned", SpeechWithHearer),
        ("warning", SpeechWithHearer),
        ("warns", SpeechWithHearer),
        ("wondered", Speech),
        ("writes", Speech),
        ("wrote", Speech),
    ]
};

/// Whether a lower-case word is a verb of saying ("said", "told"), not of stance or intent.
pub fn is_saying_verb(word: &str) -> bool {
    matches!(
        cue_verb(word),
        Some(CueClass::Speech | CueClass::SpeechWithHearer)
    )
}

/// Class of a cue verb form (lower-case), if it is one.
///
/// Asked once for every token of every article. Most words are turned away by one bit of
/// a small filter ([`may_be_cue_verb`]) before the word is hashed and looked up.
pub fn cue_verb(word: &str) -> Option<CueClass> {
    if !may_be_cue_verb(word) {
        return None;
    }
    cue_verb_lookup(crate::tagger::word_hash(word), word)
}

/// Whether a word passes the filter of the cue verb forms' lengths and first and last
/// letters; a word that does not is no form.
fn may_be_cue_verb(word: &str) -> bool {
    static FILTER: std::sync::OnceLock<Vec<u64>> = std::sync::OnceLock::new();
    let Some(bit) = cue_filter_bit(word.as_bytes()) else {
        return false;
    };
    let filter = FILTER.get_or_init(|| {
        let mut f = vec![0u64; CUE_FILTER_BITS.div_ceil(64)];
        // Every listed form has a bit: its length is within the bounds and it is made of
        // lower-case letters (a test checks both).
        for bit in CUE_VERBS
            .iter()
            .filter_map(|(w, _)| cue_filter_bit(w.as_bytes()))
        {
            f[bit / 64] |= 1 << (bit % 64);
        }
        f
    });
    filter[bit / 64] & (1 << (bit % 64)) != 0
}

/// Number of (length, first letter, last letter) combinations the filter tells apart.
const CUE_FILTER_BITS: usize = (CUE_VERB_MAX_LEN - CUE_VERB_MIN_LEN + 1) * 26 * 26;

/// The filter bit of a word: its length and its first and last letters, ASCII case ignored.
/// A word equal to a listed form ignoring ASCII case has the form's bit; a word of another
/// length, or not starting and ending with an ASCII letter, has none (no form does).
fn cue_filter_bit(word: &[u8]) -> Option<usize> {
    let n = word.len();
    if !(CUE_VERB_MIN_LEN..=CUE_VERB_MAX_LEN).contains(&n) {
        return None;
    }
    let first = word[0].to_ascii_lowercase();
    let last = word[n - 1].to_ascii_lowercase();
    if !(first.is_ascii_lowercase() && last.is_ascii_lowercase()) {
        return None;
    }
    let letter = |c: u8| usize::from(c - b'a');
    Some(((n - CUE_VERB_MIN_LEN) * 26 + letter(first)) * 26 + letter(last))
}

/// Shortest and longest form in [`CUE_VERBS`], in bytes (a test checks them).
const CUE_VERB_MIN_LEN: usize = 3;
const CUE_VERB_MAX_LEN: usize = 13;

/// Slots of the cue verb hash table: a power of two, about four times the number of forms,
/// so that a word not in the list usually meets an empty slot at its first probe.
const CUE_TABLE_BITS: u32 = 10;

/// An empty slot of the cue verb table.
const NO_CUE: u16 = u16::MAX;

/// [`cue_verb`] for a word whose [`crate::tagger::word_hash`] is known.
pub fn cue_verb_hashed(hash: u64, word: &str) -> Option<CueClass> {
    if !may_be_cue_verb(word) {
        return None;
    }
    cue_verb_lookup(hash, word)
}

/// The cue verb lookup proper: an open-addressing table probed from the hash's top bits,
/// then one string comparison (ASCII case ignored).
fn cue_verb_lookup(hash: u64, word: &str) -> Option<CueClass> {
    static TABLE: std::sync::OnceLock<Vec<(u64, u16)>> = std::sync::OnceLock::new();
    let mask = (1usize << CUE_TABLE_BITS) - 1;
    let slot_of = |h: u64| (h >> (64 - CUE_TABLE_BITS)) as usize;
    let table = TABLE.get_or_init(|| {
        let mut t = vec![(0u64, NO_CUE); 1 << CUE_TABLE_BITS];
        for (i, (w, _)) in CUE_VERBS.iter().enumerate() {
            let h = crate::tagger::word_hash(w);
            let mut k = slot_of(h);
            while t[k].1 != NO_CUE {
                k = (k + 1) & mask;
            }
            // The list has a few hundred entries, far below u16::MAX.
            t[k] = (h, i as u16);
        }
        t
    });
    // Linear probing: every form hashed to this slot sits between it and the next empty one.
    let mut k = slot_of(hash);
    loop {
        let (h, i) = table[k];
        if i == NO_CUE {
            return None;
        }
        if h == hash {
            let (form, class) = CUE_VERBS[usize::from(i)];
            if form.eq_ignore_ascii_case(word) {
                return Some(class);
            }
        }
        k = (k + 1) & mask;
    }
}

/// A fixed list of lower-case words, written out as an array so that it reads (and
/// reviews) as a list, and looked up through a hash set built on first use.
///
/// Why a set: the longer lists are asked about most words of every article, and a scan
/// costs a comparison per entry; a lookup costs one hash of the word. It dereferences to
/// the list itself, in its written order, for the callers that walk it.
pub struct WordList {
    words: &'static [&'static str],
    set: OnceLock<FxHashSet<&'static str>>,
}

impl WordList {
    pub const fn new(words: &'static [&'static str]) -> WordList {
        WordList {
            words,
            set: OnceLock::new(),
        }
    }

    fn set(&self) -> &FxHashSet<&'static str> {
        self.set
            .get_or_init(|| self.words.iter().copied().collect())
    }

    /// Whether the list holds `w` exactly (callers pass words already lower-cased).
    pub fn contains(&self, w: &str) -> bool {
        self.set().contains(w)
    }

    /// Whether the list holds `w` lower-cased. A short ASCII word is lower-cased into a
    /// buffer on the stack, any other word into a new string.
    pub fn contains_lower(&self, w: &str) -> bool {
        const MAX: usize = 32;
        if w.is_ascii() && w.len() <= MAX {
            let mut buf = [0u8; MAX];
            let lower = &mut buf[..w.len()];
            lower.copy_from_slice(w.as_bytes());
            lower.make_ascii_lowercase();
            // ASCII in, ASCII out: always valid UTF-8.
            std::str::from_utf8(lower).is_ok_and(|l| self.contains(l))
        } else {
            self.contains(&w.to_lowercase())
        }
    }
}

impl std::ops::Deref for WordList {
    type Target = [&'static str];
    fn deref(&self) -> &Self::Target {
        self.words
    }
}

/// Whether `list` (lower-case words, as all lists here are) holds `w` lower-cased: for
/// the short lists that stay slices.
pub fn contains_lower(list: &[&str], w: &str) -> bool {
    if w.is_ascii() {
        list.iter().any(|l| l.eq_ignore_ascii_case(w))
    } else {
        list.contains(&w.to_lowercase().as_str())
    }
}

/// Words that may stand between a subject and its cue verb: auxiliaries, negation and
/// adverbs ("has also said", "later told", "did not mention", "would not confirm").
pub static CUE_PRECEDERS: WordList = WordList::new(&[
    "again",
    "can",
    "cannot",
    "could",
    "did",
    "didn't",
    "didn’t",
    "do",
    "does",
    "doesn't",
    "doesn’t",
    "don't",
    "don’t",
    "may",
    "might",
    "not",
    "should",
    "will",
    "won't",
    "won’t",
    "would",
    "also",
    "already",
    "always",
    "earlier",
    "even",
    "finally",
    "first",
    "further",
    "had",
    "has",
    "have",
    "initially",
    "later",
    "long",
    "never",
    "now",
    "once",
    "only",
    "previously",
    "privately",
    "publicly",
    "quickly",
    "recently",
    "repeatedly",
    "reportedly",
    "simply",
    "still",
    "then",
    "widely",
]);

/// Words that open a fronted phrase (a setting, a time, a condition, a participle) before a
/// sentence's subject.
pub static FRONTED: WordList = WordList::new(&[
    "after", "as", "asked", "at", "before", "despite", "during", "for", "from", "in", "last", "on",
    "since", "speaking", "unlike", "when", "while", "with",
]);

/// Participles of expectation and report that, after a form of "be", make a cue with no
/// source: "Trump is expected to win" names what is expected, not who expects it; "the
/// crane is said to be the oldest" names what is said, not who says it (PolNeAR train gives
/// such "is said", "is reported" and "is known" cues no source, 14 of 14).
pub const EXPECTATION_PARTICIPLES: &[&str] = &[
    "alleged",
    "believed",
    "expected",
    "known",
    "projected",
    "reported",
    "reputed",
    "rumored",
    "rumoured",
    "said",
    "thought",
];

/// Whether a lower-case word is a form of "be" (uncontracted): the mark of a passive
/// ("was announced", "is expected", "had been told").
pub fn is_be_form(w: &str) -> bool {
    matches!(w, "is" | "are" | "was" | "were" | "be" | "been" | "being")
}

/// Past participles that do not end in "-ed", for telling a passive cue ("was told", "is
/// known") from an active one.
pub const IRREGULAR_PARTICIPLES: &[&str] = &[
    "brought",
    "found",
    "given",
    "heard",
    "held",
    "known",
    "made",
    "meant",
    "said",
    "seen",
    "shown",
    "sought",
    "taken",
    "thought",
    "told",
    "understood",
    "written",
];

/// Verbs of seeming: "X seems to …" says how things look to an unnamed observer, so X is no
/// source.
pub const SEEMING_VERBS: &[&str] = &["appear", "appeared", "appears", "seem", "seemed", "seems"];

/// Function words that end a subject noun phrase when walking left from the cue.
pub static NP_STOPS: WordList = WordList::new(&[
    "after", "although", "and", "are", "as", "because", "been", "before", "being", "but", "can",
    "could", "did", "do", "does", "had", "has", "have", "if", "is", "may", "might", "must", "nor",
    "or", "shall", "should", "since", "so", "than", "that", "though", "unless", "until", "was",
    "were", "when", "whereas", "which", "while", "who", "will", "would", "yet",
]);

/// Prepositions allowed inside a speaker noun phrase ("spokesman for the ministry").
pub const NP_PREPOSITIONS: &[&str] = &["at", "for", "from", "in", "of", "with"];

/// Nouns of a span of time. A phrase that opens with one ("Two days later, …", "Hours after
/// the vote, …") is a time adverbial, not the sentence's subject; a number before one ("two
/// days") is a duration, not a disputable count.
pub static TIME_UNITS: WordList = WordList::new(&[
    "centuries",
    "century",
    "day",
    "days",
    "decade",
    "decades",
    "hour",
    "hours",
    "minute",
    "minutes",
    "moment",
    "moments",
    "month",
    "months",
    "second",
    "seconds",
    "week",
    "weeks",
    "year",
    "years",
]);

/// Adjectives and participles that open a noun's post-modifier the way a preposition does: "a source
/// close to the inquiry", "officials familiar with the plan", "a poll released Monday".
pub const NP_POSTMODIFIERS: &[&str] = &[
    "briefed",
    "close",
    "commissioned",
    "conducted",
    "familiar",
    "involved",
    "issued",
    "knowledgeable",
    "near",
    "published",
    "released",
];

/// Whether a (lower-case) word ends the head part of a noun phrase: a preposition, or an
/// adjective or participle opening a post-modifier ("a poll released Monday").
pub fn ends_np_head(w: &str) -> bool {
    NP_PREPOSITIONS.contains(&w) || NP_POSTMODIFIERS.contains(&w)
}

/// Pronouns that can be sources.
pub const PRONOUNS: &[&str] = &["he", "i", "it", "she", "they", "we", "you"];

/// Relative pronouns that stand for the noun before them ("the official, who said …").
pub const RELATIVES: &[&str] = &["that", "which", "who"];

/// Nouns naming a document or statement that stands for its issuer.
pub static DOCUMENT_NOUNS: WordList = WordList::new(&[
    "analysis",
    "announcement",
    "assessment",
    "communique",
    "communiqué",
    "document",
    "email",
    "filing",
    "letter",
    "memo",
    "note",
    "poll",
    "polls",
    "post",
    "release",
    "report",
    "reports",
    "review",
    "statement",
    "statements",
    "study",
    "survey",
    "tweet",
    "video",
]);

/// Labels that open a line of page furniture or a kicker before a colon ("EDITOR'S NOTE:",
/// "UPDATE:", "WATCH:"): no one speaks there.
pub const KICKER_LABELS: &[&str] = &[
    "note",
    "update",
    "updated",
    "correction",
    "clarification",
    "watch",
    "video",
    "photos",
    "related",
    "exclusive",
    "analysis",
    "opinion",
    "breaking",
    "live",
    "read",
    "more",
];

/// Head nouns of unnamed sources.
pub static ROLE_NOUNS: WordList = WordList::new(&[
    "activist",
    "activists",
    "adviser",
    "advisers",
    "advisor",
    "aide",
    "aides",
    "analyst",
    "analysts",
    "attorney",
    "attorneys",
    "commander",
    "commanders",
    "critic",
    "critics",
    "demonstrator",
    "demonstrators",
    "diplomat",
    "diplomats",
    "doctor",
    "doctors",
    "expert",
    "experts",
    "fan",
    "fans",
    "insider",
    "insiders",
    "investigator",
    "investigators",
    "lawmaker",
    "lawmakers",
    "lawyer",
    "lawyers",
    "leader",
    "leaders",
    "member",
    "members",
    "minister",
    "negotiator",
    "negotiators",
    "observer",
    "observers",
    "officer",
    "officers",
    "official",
    "officials",
    "people",
    "person",
    "police",
    "protester",
    "protesters",
    "protestor",
    "protestors",
    "representative",
    "resident",
    "residents",
    "source",
    "sources",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "staffer",
    "staffers",
    "supporter",
    "supporters",
    "witness",
    "witnesses",
    "worker",
    "workers",
]);

/// Determiners and quantifiers that make a source vague ("some officials", "many", "others").
pub const VAGUE_QUANTIFIERS: &[&str] = &[
    "many", "numerous", "other", "others", "several", "some", "various",
];

/// Head nouns of organisations.
/// Last words of firms' names that no surname shares: "Wells Harding Bancorp", "Tessera
/// Pharmaceuticals", "Halvorsen Capital", "Brightline Live".
pub static FIRM_NAME_ENDINGS: WordList = WordList::new(&[
    "airlines",
    "airways",
    "associates",
    "bancorp",
    "bancshares",
    "biosciences",
    "brands",
    "capital",
    "chemicals",
    "co",
    "communications",
    "corp",
    "corporation",
    "electronics",
    "energy",
    "enterprises",
    "entertainment",
    "financial",
    "foods",
    "gmbh",
    "holdings",
    "inc",
    "industries",
    "insurance",
    "investments",
    "labs",
    "live",
    "llc",
    "logistics",
    "ltd",
    "media",
    "motors",
    "networks",
    "partners",
    "pharma",
    "pharmaceuticals",
    "plc",
    "records",
    "resources",
    "securities",
    "software",
    "solutions",
    "studios",
    "systems",
    "technologies",
    "therapeutics",
    "ventures",
]);

pub static ORGANIZATION_NOUNS: WordList = WordList::new(&[
    "administration",
    "agency",
    "alliance",
    "army",
    "authorities",
    "authority",
    "bank",
    "bloc",
    "board",
    "campaign",
    "command",
    "commission",
    "committee",
    "company",
    "council",
    "court",
    "department",
    "embassy",
    "firm",
    "forces",
    "government",
    "group",
    "institute",
    "military",
    "ministry",
    "movement",
    "nations",
    "office",
    "organization",
    "organisation",
    "parliament",
    "party",
    "police",
    "presidency",
    "service",
    "services",
    "union",
    "university",
]);

/// Outlets and media recognised as channels; everything else needs a media word
/// ("… News", "… Times", "state TV").
pub static OUTLETS: WordList = WordList::new(&[
    "abc",
    "afp",
    "agence france-presse",
    "al arabiya",
    "al jazeera",
    "al-monitor",
    "anadolu",
    "ansa",
    "ap",
    "asahi shimbun",
    "associated press",
    "axios",
    "bbc",
    "bloomberg",
    "breitbart",
    "buzzfeed",
    "cbc",
    "cbs",
    "cnbc",
    "cnn",
    "corriere della sera",
    "der spiegel",
    "die welt",
    "die zeit",
    "dpa",
    "efe",
    "el mundo",
    "el pais",
    "el país",
    "espn",
    "fars",
    "forbes",
    "fox",
    "fox news",
    "haaretz",
    "huffpost",
    "interfax",
    "irna",
    "isna",
    "itar-tass",
    "kyodo",
    "l'equipe",
    "l'équipe",
    "la repubblica",
    "la stampa",
    "le figaro",
    "le monde",
    "le parisien",
    "liberation",
    "libération",
    "mehr",
    "msnbc",
    "nbc",
    "newsweek",
    "nikkei",
    "npr",
    "pbs",
    "politico",
    "propublica",
    "reuters",
    "ria novosti",
    "rt",
    "sana",
    "spiegel",
    "sputnik",
    "state media",
    "state television",
    "state tv",
    "tasnim",
    "tass",
    "telemundo",
    "the atlantic",
    "the economist",
    "the guardian",
    "the hill",
    "the independent",
    "the intercept",
    "the new yorker",
    "univision",
    "vox",
    "wafa",
    "xinhua",
    "yomiuri shimbun",
    "yonhap",
]);

/// Last words that make a capitalised name an outlet ("Tehran Times", "Sky News").
pub static MEDIA_WORDS: WordList = WordList::new(&[
    "agency",
    "broadcaster",
    "broadcasting",
    "channel",
    "chronicle",
    "courier",
    "daily",
    "dispatch",
    "examiner",
    "express",
    "gazette",
    "globe",
    "herald",
    "independent",
    "inquirer",
    "journal",
    "magazine",
    "mail",
    "media",
    "mirror",
    "network",
    "news",
    "newspaper",
    "observer",
    "post",
    "press",
    "radio",
    "sport",
    "sports",
    "standard",
    "star",
    "sun",
    "telegraph",
    "television",
    "times",
    "tribune",
    "tv",
    "wire",
]);

/// Hedging words and phrases, lower-case, matched on whole words.
pub const HEDGES: &[&str] = &[
    "allegedly",
    "apparently",
    "appear to",
    "appeared to",
    "appears to",
    "approximately",
    "around",
    "at least",
    "could have",
    "could have been",
    "estimated",
    "likely",
    "may have",
    "might have",
    "nearly",
    "perhaps",
    "possibly",
    "presumably",
    "purportedly",
    "reportedly",
    "roughly",
    "seemingly",
    "unconfirmed",
    "up to",
];

/// Phrases giving a condition or reason for anonymity.
pub const ANONYMITY_PHRASES: &[&str] = &[
    "asked not to be identified",
    "asked not to be named",
    "declined to be identified",
    "declined to be named",
    "declined to give her name",
    "declined to give his name",
    "declined to give their names",
    "did not want to be identified",
    "did not want to be named",
    "did not wish to be identified",
    "did not wish to be named",
    "insisted on anonymity",
    "not authorised to",
    "not authorized to",
    "on condition of anonymity",
    "on condition that they not be named",
    "on condition they not be named",
    "on the condition of anonymity",
    "requested anonymity",
    "speaking anonymously",
    "speaking on condition of anonymity",
    "who requested anonymity",
];

/// Canonical name of an outlet named in a credit or a channel phrase ("AP" → "The Associated Press").
pub fn outlet_name(s: &str) -> String {
    let t = s.trim();
    match t.to_lowercase().trim_start_matches("the ") {
        "ap" | "associated press" => "The Associated Press".to_owned(),
        "afp" | "agence france-presse" | "agence france presse" => {
            "Agence France-Presse".to_owned()
        }
        "reuters" => "Reuters".to_owned(),
        _ => t.to_owned(),
    }
}

/// Whether a name (as written) is an outlet or medium.
pub fn is_outlet(name: &str) -> bool {
    let lower = name.trim().to_lowercase().replace('’', "'");
    let full = lower.as_str();
    let lower = full.trim_start_matches("the ");
    // Names whose article belongs to them are listed with it ("The Guardian": a guardian is
    // no outlet); the others match with or without one. Several are also ordinary words
    // (Fox, Vox, Forbes): written as a name, capitalised, they are the outlet.
    let listed = if full.starts_with("the ") && OUTLETS.contains(full) {
        true
    } else {
        OUTLETS.contains(lower) && !lower.starts_with("the ")
    };
    if listed {
        let capitalised = name
            .trim()
            .trim_start_matches("the ")
            .trim_start_matches("The ")
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        return capitalised || lower.starts_with("state ");
    }
    let mut words = lower.rsplit(' ');
    let last = words.next().unwrap_or("");
    // An agency is a news agency only when it says so ("Xinhua News Agency"); "the World
    // Health Agency" is a body.
    if last == "agency" && !matches!(words.next(), Some("news" | "press")) {
        return false;
    }
    let capitalised = name
        .trim_start_matches("The ")
        .trim_start_matches("the ")
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    if (capitalised || lower.starts_with("state ")) && MEDIA_WORDS.contains(last) {
        return true;
    }
    // A name after a word for its kind: "the Portuguese newspaper Record", "the daily Le
    // Monde", "state broadcaster TV Valdoria".
    let words: Vec<&str> = name.split_whitespace().collect();
    words.iter().enumerate().any(|(k, w)| {
        OUTLET_KINDS.contains(&w.to_lowercase().as_str())
            && k + 1 < words.len()
            && words[k + 1..]
                .iter()
                .all(|n| n.chars().next().is_some_and(char::is_uppercase))
    })
}

/// Words for a kind of outlet that may stand before its name.
const OUTLET_KINDS: &[&str] = &[
    "newspaper",
    "daily",
    "weekly",
    "broadcaster",
    "magazine",
    "tabloid",
    "website",
    "channel",
    "network",
    "station",
    "outlet",
    "paper",
];

/// Heads WordNet files under communication that name no written text as a speaker: the
/// media themselves, language and names, figures and sources (people as often as texts),
/// and a record label. Words of three letters or fewer are never asked ("his" would read as the plural
/// of "hi", a greeting).
pub const NOT_DOCUMENT_HEADS: &[&str] = &[
    "figure",
    "figures",
    "hers",
    "icon",
    "label",
    "labels",
    "language",
    "media",
    "name",
    "names",
    "news",
    "press",
    "radio",
    "source",
    "sources",
    "television",
    "word",
    "words",
];

/// Written texts whose first noun sense WordNet files elsewhere (a complaint is first an
/// ailment, a ruling an act, data a group): typed as documents all the same.
pub const DOCUMENT_KIND_NOUNS: &[&str] =
    &["complaint", "data", "lawsuit", "ruling", "suit", "verdict"];

/// Those who speak for someone: "her office said", "his lawyers said".
pub const STAFF_NOUNS: &[&str] = &[
    "aide",
    "aides",
    "attorney",
    "attorneys",
    "campaign",
    "family",
    "lawyer",
    "lawyers",
    "office",
    "publicist",
    "representative",
    "representatives",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "staff",
    "team",
];

/// Words for an outlet that name it alone after a determiner ("the paper reported"): the
/// printed and broadcast kinds of [`OUTLET_KINDS`], not "network" or "channel", which are
/// as often something else.
pub const OUTLET_KIND_NOUNS: &[&str] = &[
    "broadcaster",
    "daily",
    "magazine",
    "newspaper",
    "paper",
    "tabloid",
    "weekly",
];

/// Number words that make a sentence carry a figure.
pub static NUMBER_WORDS: WordList = WordList::new(&[
    "billion",
    "billions",
    "dozen",
    "dozens",
    "eight",
    "eighteen",
    "eighty",
    "eleven",
    "fifteen",
    "fifty",
    "five",
    "forty",
    "four",
    "fourteen",
    "half",
    "hundred",
    "hundreds",
    "million",
    "millions",
    "nine",
    "nineteen",
    "ninety",
    "one",
    "seven",
    "seventeen",
    "seventy",
    "six",
    "sixteen",
    "sixty",
    "ten",
    "thirteen",
    "thirty",
    "thousand",
    "thousands",
    "three",
    "twelve",
    "twenty",
    "two",
]);

/// Whether a word is a count: it opens with a digit ("41", "48,000", "12%") or is a
/// [`NUMBER_WORDS`] word, in any case ("twelve", "Dozens").
pub fn is_count_word(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit()) || NUMBER_WORDS.contains_lower(w)
}

/// Words that make a statement in the article's own voice disputable: casualties, blame,
/// causes, findings, characterisations that a reader would want sourced.
pub static DISPUTABLE: WordList = WordList::new(&[
    "assassinated",
    "attacked",
    "blamed",
    "caused",
    "dead",
    "destroyed",
    "failed",
    "found",
    "illegal",
    "injured",
    "killed",
    "killing",
    "massacre",
    "murdered",
    "responsible",
    "stolen",
    "terrorism",
    "terrorist",
    "violated",
    "wounded",
]);

/// Month names, in order.
pub const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month (1–12) a word names: a month name or an abbreviation of at least three
/// letters, with or without its period ("Nov.", "Sept", "march"); any case.
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&w))
        .map(|i| i as u32 + 1)
}

/// A set of lower-case phrases found as whole words, ASCII case-insensitively, in one pass
/// over the text (Aho-Corasick), however many phrases the list holds.
pub struct PhraseSet {
    automaton: aho_corasick::AhoCorasick,
}

impl PhraseSet {
    pub fn new(phrases: &[&str]) -> PhraseSet {
        // A full DFA: the lists are small, and the scan of a whole article is on the hot
        // path, where a DFA's one table lookup per byte beats the NFA's chains.
        let automaton = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(phrases)
            // The lists are small, fixed and non-empty; building cannot fail on them.
            .expect("phrase list builds an automaton");
        PhraseSet { automaton }
    }

    /// Every occurrence (overlapping ones included) standing as whole words, in order of
    /// its end, as byte ranges of `hay` with the index of the phrase.
    pub fn find_words<'h>(
        &'h self,
        hay: &'h str,
    ) -> impl Iterator<Item = (usize, std::ops::Range<usize>)> + 'h {
        self.find_any(hay)
            .filter(move |(_, r)| is_whole_words(hay, r))
    }

    /// Every occurrence (overlapping ones included), whole words or not, in order of its
    /// end. Those in a stretch of `hay` are the ones its own search would find, so one pass
    /// over a sentence serves the stretches inside it too (see [`is_whole_words`]).
    pub fn find_any<'h>(
        &'h self,
        hay: &'h str,
    ) -> impl Iterator<Item = (usize, std::ops::Range<usize>)> + 'h {
        self.automaton
            .find_overlapping_iter(hay)
            .map(|m| (m.pattern().as_usize(), m.range()))
    }
}

/// Whether byte range `r` of `hay` stands as whole words there: no letter or digit right
/// before or after it (the ends of `hay` count as boundaries).
pub fn is_whole_words(hay: &str, r: &std::ops::Range<usize>) -> bool {
    let before_ok = !hay[..r.start]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    let after_ok = !hay[r.end..]
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric);
    before_ok && after_ok
}

/// [`HEDGES`] as a [`PhraseSet`].
pub static HEDGE_SET: std::sync::LazyLock<PhraseSet> =
    std::sync::LazyLock::new(|| PhraseSet::new(HEDGES));

/// [`ANONYMITY_PHRASES`] as a [`PhraseSet`].
pub static ANONYMITY_SET: std::sync::LazyLock<PhraseSet> =
    std::sync::LazyLock::new(|| PhraseSet::new(ANONYMITY_PHRASES));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_words_are_digits_or_number_words() {
        for w in ["41", "48,000", "12%", "twelve", "Dozens"] {
            assert!(is_count_word(w), "{w}");
        }
        for w in ["", "toll", "percent", "x12"] {
            assert!(!is_count_word(w), "{w}");
        }
    }

    #[test]
    fn a_word_list_answers_as_its_list_does() {
        static LIST: WordList = WordList::new(&["spokesman", "don’t", "u.s.", "chief of staff"]);
        assert_eq!(LIST.len(), 4, "it reads as the list, in its order");
        assert_eq!(LIST[1], "don’t");
        assert!(LIST.contains("spokesman"));
        assert!(!LIST.contains("Spokesman"), "`contains` is exact");
        assert!(!LIST.contains("spokesmen"));
        for w in ["Spokesman", "SPOKESMAN", "U.S.", "DON’T", "Chief of Staff"] {
            assert!(LIST.contains_lower(w), "{w}");
        }
        assert!(!LIST.contains_lower(""));
        assert!(!LIST.contains_lower("spokes"));
        // Longer than the stack buffer: lower-cased the slow way, still answered.
        let long = "A".repeat(40);
        assert!(!LIST.contains_lower(&long));
        static LONG: WordList = WordList::new(&["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]);
        assert!(LONG.contains_lower(&long));
        // Every shared list answers for each of its own entries.
        for list in [
            &ROLE_NOUNS,
            &NP_STOPS,
            &CUE_PRECEDERS,
            &OUTLETS,
            &DOCUMENT_NOUNS,
        ] {
            for w in list.iter() {
                assert!(
                    list.contains(w) && list.contains_lower(&w.to_uppercase()),
                    "{w}"
                );
            }
        }
    }

    #[test]
    fn cue_list_is_sorted_and_unique() {
        for w in CUE_VERBS.windows(2) {
            assert!(w[0].0 < w[1].0, "{} then {}", w[0].0, w[1].0);
        }
        assert_eq!(cue_verb("said"), Some(CueClass::Speech));
        assert_eq!(cue_verb("told"), Some(CueClass::SpeechWithHearer));
        assert_eq!(cue_verb("table"), None);
        assert_eq!(cue_verb("Said"), Some(CueClass::Speech));
        let lens = CUE_VERBS.iter().map(|(w, _)| w.len());
        assert_eq!(lens.clone().min(), Some(CUE_VERB_MIN_LEN));
        assert_eq!(lens.max(), Some(CUE_VERB_MAX_LEN));
        for (w, class) in CUE_VERBS {
            // cue_filter_bit relies on the forms being lower-case ASCII letters.
            assert!(w.bytes().all(|b| b.is_ascii_lowercase()), "{w}");
            assert_eq!(cue_verb(w), Some(*class), "{w}");
            assert_eq!(
                cue_verb_hashed(crate::tagger::word_hash(w), w),
                Some(*class)
            );
        }
        // The two lookups agree on words that are not forms too.
        for w in [
            "SAYS", "Told", "saidx", "sai", "table", "don’t", "said\0", "1984", "x", "",
        ] {
            let hashed = cue_verb_hashed(crate::tagger::word_hash(w), w);
            assert_eq!(cue_verb(w), hashed, "{w:?}");
        }
    }

    #[test]
    fn phrase_set_finds_whole_words_in_any_case() {
        let set = PhraseSet::new(&["at least", "up to", "could have", "could have been"]);
        let hay = "At least three, Xat least, could have been; up tot";
        let found: Vec<_> = set.find_words(hay).map(|(_, r)| &hay[r]).collect();
        assert_eq!(found, ["At least", "could have", "could have been"]);
        // Non-ASCII text around a hit keeps byte offsets right.
        let hay = "Ça a été, at least, dit-il";
        let (_, r) = set.find_words(hay).next().expect("a hit");
        assert_eq!(&hay[r], "at least");
    }

    #[test]
    fn outlets() {
        assert!(is_outlet("Reuters"));
        assert!(is_outlet("The Associated Press"));
        assert!(is_outlet("Sky News"));
        assert!(is_outlet("state media"));
        assert!(!is_outlet("reporters"));
        assert!(!is_outlet("the news"));
        // Newspaper titles end in a handful of words.
        for paper in [
            "the Herald Sun",
            "The Sun",
            "the Daily Mail",
            "The Morning Star",
        ] {
            assert!(is_outlet(paper), "{paper}");
        }
        assert!(!is_outlet("the sun"));
        assert!(!is_outlet("an independent"));
        assert_eq!(outlet_name("AP"), "The Associated Press");
    }

    #[test]
    fn a_name_after_a_word_for_an_outlet_is_one() {
        assert!(is_outlet("the Portuguese newspaper Record"));
        assert!(is_outlet("the daily Le Monde"));
        assert!(is_outlet("state broadcaster TV Valdoria"));
        // The kind alone, or followed by ordinary words, names no outlet.
        assert!(!is_outlet("the newspaper"));
        assert!(!is_outlet("a local newspaper reporter"));
        assert!(!is_outlet("the website of the ministry"));
    }

    #[test]
    fn outlets_without_a_newspaper_word() {
        assert!(is_outlet("L'Equipe"));
        assert!(is_outlet("L’Équipe"));
        assert!(is_outlet("Le Monde"));
        assert!(is_outlet("The Guardian"));
        assert!(is_outlet("Yonhap"));
        // Written as ordinary words they are not outlets.
        assert!(!is_outlet("a fox"));
        assert!(!is_outlet("the guardian"));
        assert!(!is_outlet("guardian"));
        assert!(!is_outlet("the hill"));
        assert!(!is_outlet("forbes"));
    }

    #[test]
    fn the_outlet_list_is_sorted_lower_case_and_unique() {
        for w in OUTLETS.windows(2) {
            assert!(w[0] < w[1], "{} before {}", w[0], w[1]);
        }
        for o in OUTLETS.iter() {
            assert_eq!(*o, o.to_lowercase(), "{o}");
        }
    }
}
