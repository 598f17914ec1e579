//! A small statistical tagger that refines the rules: an averaged structured perceptron over
//! the segmenter's own tokens, labelling each token of a paragraph with BIO tags over the
//! three parts of an attribution (source, cue, content), decoded with Viterbi.
//!
//! Features are hashed (FxHash-style mixing over the token's bytes) into a fixed table of
//! `2^BITS` rows, one weight per label in each row, so that tagging allocates nothing per
//! token. Among the features is the label the rules gave the token (stacking: the model
//! learns when to trust the rules and what they miss).
//!
//! The model is trained on PolNeAR train with `claimtrace train` (see
//! `docs/evaluation.md`), written to `data/attribution.model` and embedded in the binary
//! with `include_bytes!`. [`crate::extract`] turns its spans into claims and merges them with
//! the rules' claims.

use std::ops::Range;
use std::sync::OnceLock;

use crate::lexicon;
use crate::segment::{Paragraph, TokenKind};
use crate::wordclass;
use crate::wordcluster;

/// Number of labels: O, B/I-source, B/I-cue, B/I-content.
pub const LABELS: usize = 7;
pub const O: u8 = 0;
pub const B_SOURCE: u8 = 1;
pub const B_CUE: u8 = 3;
pub const B_CONTENT: u8 = 5;

/// The part of a label: 0 none, 1 source, 2 cue, 3 content.
pub fn part_of(label: u8) -> u8 {
    label.div_ceil(2)
}

/// Whether a label begins a span.
pub fn is_begin(label: u8) -> bool {
    label % 2 == 1
}

/// Feature table size, as a power of two.
const BITS: u32 = 16;
const ROWS: usize = 1 << BITS;
/// Features per token.
const NF: usize = 50;
/// Features that relate a token to the cue in focus (the span stage only).
const NC: usize = 15;
/// All features of a token in the span stage.
const NT: usize = NF + NC;
/// Bumped whenever the features change: a model trained on other features is refused.
const FEATURES_VERSION: u32 = 8;
const MAGIC: &[u8; 8] = b"CTTAGGER";

/// The label the rules gave a token.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RuleLabel {
    /// 0 none, 1 source, 2 cue, 3 content.
    pub part: u8,
    /// First token of the span.
    pub begin: bool,
    /// The claim sits inside another claim's quotation.
    pub nested: bool,
    /// Index of the rule in [`crate::extract::RULES`], plus one (0: none).
    pub rule: u8,
}

impl RuleLabel {
    fn code(self) -> u64 {
        u64::from(self.part)
            | u64::from(self.begin) << 3
            | u64::from(self.nested) << 4
            | u64::from(self.rule) << 8
    }
    fn part_code(self) -> u64 {
        u64::from(self.part) | u64::from(self.begin) << 3 | u64::from(self.nested) << 4
    }
}

const K: u64 = 0x517c_c1b7_2722_0a95;

#[inline]
fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// Hash of a token's text, lower-cased, digits folded to `0`, `’` read as `'`.
pub fn word_hash(s: &str) -> u64 {
    let b = s.as_bytes();
    let mut h = 0x2545_f491_4f6c_dd1d;
    let mut i = 0;
    while i < b.len() {
        let c = if b[i..].starts_with("’".as_bytes()) {
            i += 2;
            b'\''
        } else if b[i].is_ascii_digit() {
            b'0'
        } else {
            b[i].to_ascii_lowercase()
        };
        h = mix(h, u64::from(c));
        i += 1;
    }
    h
}

fn bytes_hash(b: &[u8]) -> u64 {
    b.iter().fold(0x9e37_79b9_7f4a_7c15, |h, &c| {
        mix(h, u64::from(c.to_ascii_lowercase()))
    })
}

/// Character classes of a word, repeats collapsed, at most five: "Xx", "X.X.", "0,0".
fn shape_hash(s: &str) -> u64 {
    let mut h = 0x1234_5678_9abc_def1;
    let mut last = 0u8;
    let mut n = 0;
    for c in s.chars() {
        let k = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_numeric() {
            b'0'
        } else {
            (c as u32 & 0x7f) as u8
        };
        if k != last {
            h = mix(h, u64::from(k));
            last = k;
            n += 1;
            if n == 5 {
                break;
            }
        }
    }
    h
}

/// Per-token values computed once per paragraph.
#[derive(Debug, Clone, Copy, Default)]
struct Tok {
    w: u64,
    shape: u64,
    pre: u64,
    suf: u64,
    cue: u8,
    depth: u8,
    kind: u8,
    cap: bool,
    /// Distance buckets to the nearest lexicon cue verb in the sentence, left and right.
    lex_left: u8,
    lex_right: u8,
    /// Distance buckets to the nearest (not nested) rule cue in the sentence.
    rule_left: u8,
    rule_right: u8,
    /// Word hash of the nearest lexicon cue verb in the sentence, left and right (0: none).
    lex_left_w: u64,
    lex_right_w: u64,
    /// WordNet classes of the word ([`wordclass::Classes`]).
    wc: u32,
    /// Fine and coarse word cluster ([`wordcluster::Cluster`]), 0 when unknown.
    fine: u16,
    coarse: u8,
    /// Index of the token's sentence in the paragraph.
    sent: u32,
    /// Clause punctuation (, ; : — –) before the token in the paragraph.
    commas: u16,
    /// Distance buckets to the first and the last token of the sentence.
    from_start: u8,
    to_end: u8,
    /// Cue words (the lexicon's or the rules') before the token in the paragraph.
    cues_before: u16,
}

fn bucket(d: usize) -> u8 {
    match d {
        0..=3 => d as u8,
        4..=5 => 4,
        6..=8 => 5,
        9..=14 => 6,
        15..=25 => 7,
        _ => 8,
    }
}
const NONE: u8 = 9;

/// Reusable buffers, so that tagging a paragraph allocates nothing once they have grown.
#[derive(Debug, Default)]
pub struct Scratch {
    toks: Vec<Tok>,
    feats: Vec<u32>,
    /// The span stage's sums over each token's base rows (the perceptron's and the
    /// network's), once a window has needed them.
    span_base: Vec<Option<([i32; LANES], [i32; HID])>>,
    /// The span stage's cue-relative rows over a window, `NC` per token.
    focus_feats: Vec<u32>,
    scores: Vec<[f32; LABELS]>,
    back: Vec<[u8; LABELS]>,
    labels: Vec<u8>,
    words: WordCache,
}

/// The lexicon lookups of a word (its cue-verb class, WordNet classes and clusters), kept in a
/// small direct-mapped table: words repeat, and the table fits in the fastest cache while
/// the lexicons do not.
#[derive(Debug, Default)]
struct WordCache {
    /// `(word hash, WordNet classes, cue class + 1, clusters)`; empty until first used.
    slots: Vec<(u64, u32, u8, wordcluster::Cluster)>,
}

const WORD_CACHE: usize = 8192;

impl WordCache {
    fn get(&mut self, w: u64, s: &str) -> (u32, u8, wordcluster::Cluster) {
        if self.slots.is_empty() {
            // A hash of 0 would be taken for a cached word: no real word hashes to it
            // (the seed is not 0 and every step multiplies by an odd constant), and a
            // wrong hit would only cost a feature.
            self.slots = vec![(0, 0, 0, wordcluster::Cluster::default()); WORD_CACHE];
        }
        let slot = &mut self.slots[(w >> 51) as usize & (WORD_CACHE - 1)];
        if slot.0 != w {
            let cue = lexicon::cue_verb_hashed(w, s).map_or(0, |c| c as u8 + 1);
            *slot = (w, wordclass::of_hash(w).0, cue, wordcluster::of_hash(w));
        }
        (slot.1, slot.2, slot.3)
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Runs `f` with this thread's scratch buffers (a fresh set if they are in use).
pub fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => f(&mut scratch),
        Err(_) => f(&mut Scratch::default()),
    })
}

/// Fills `toks` for a paragraph.
fn prepare(
    text: &str,
    p: &Paragraph,
    rules: &[RuleLabel],
    toks: &mut Vec<Tok>,
    words: &mut WordCache,
) {
    toks.clear();
    let mut commas = 0u16;
    for t in &p.tokens {
        let s = &text[t.start..t.end];
        let b = s.as_bytes();
        let n = b.len();
        let w = word_hash(s);
        let (wc, cue, cluster) = if t.kind == TokenKind::Word {
            words.get(w, s)
        } else {
            (0, 0, wordcluster::Cluster::default())
        };
        toks.push(Tok {
            w,
            shape: shape_hash(s),
            pre: bytes_hash(&b[..n.min(3)]),
            suf: bytes_hash(&b[n.saturating_sub(3)..]),
            cue,
            depth: t.depth.min(3),
            kind: t.kind as u8,
            cap: s.chars().next().is_some_and(char::is_uppercase),
            wc,
            fine: cluster.fine,
            coarse: cluster.coarse,
            commas,
            ..Tok::default()
        });
        if t.kind != TokenKind::Word && matches!(s, "," | ";" | ":" | "—" | "–" | "-") {
            commas = commas.saturating_add(1);
        }
    }
    for (k, sent) in p.sentences.iter().enumerate() {
        let last = sent.end.saturating_sub(1);
        for (i, t) in toks.iter_mut().enumerate().take(sent.end).skip(sent.start) {
            t.sent = k as u32;
            t.from_start = bucket(i - sent.start);
            t.to_end = bucket(last.saturating_sub(i));
        }
    }
    // The first token of a rule cue that is not nested in a quotation.
    let rule_cue = |i: usize| {
        rules
            .get(i)
            .is_some_and(|r| r.part == 2 && r.begin && !r.nested)
    };
    let mut cues = 0u16;
    for (i, t) in toks.iter_mut().enumerate() {
        t.cues_before = cues;
        if t.cue > 0 || rule_cue(i) {
            cues = cues.saturating_add(1);
        }
    }
    for sent in &p.sentences {
        let (a, b) = (sent.start, sent.end.min(toks.len()));
        if a >= b {
            continue;
        }
        let mut last_lex = None;
        let mut last_rule = None;
        for i in a..b {
            if toks[i].cue > 0 {
                last_lex = Some(i);
            }
            if rule_cue(i) {
                last_rule = Some(i);
            }
            toks[i].lex_left = last_lex.map_or(NONE, |j| bucket(i - j));
            toks[i].lex_left_w = last_lex.map_or(0, |j| toks[j].w);
            toks[i].rule_left = last_rule.map_or(NONE, |j| bucket(i - j));
        }
        let mut next_lex = None;
        let mut next_rule = None;
        for i in (a..b).rev() {
            if toks[i].cue > 0 {
                next_lex = Some(i);
            }
            if rule_cue(i) {
                next_rule = Some(i);
            }
            toks[i].lex_right = next_lex.map_or(NONE, |j| bucket(j - i));
            toks[i].lex_right_w = next_lex.map_or(0, |j| toks[j].w);
            toks[i].rule_right = next_rule.map_or(NONE, |j| bucket(j - i));
        }
    }
}

/// A distinct seed per feature, so that equal values of different features land in
/// different rows.
const FEATURE_SEEDS: [u64; NT] = {
    let mut seeds = [0u64; NT];
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut k = 0;
    while k < NT {
        // splitmix64
        x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        seeds[k] = z ^ (z >> 31);
        k += 1;
    }
    seeds
};

/// The hashed feature rows of token `i`.
fn features(toks: &[Tok], rules: &[RuleLabel], i: usize, out: &mut [u32]) {
    static PAD: Tok = Tok {
        w: 0xdead_beef,
        shape: 0xdead_beef,
        pre: 0,
        suf: 0,
        cue: 0,
        depth: 0,
        kind: 9,
        cap: false,
        lex_left: NONE,
        lex_right: NONE,
        rule_left: NONE,
        rule_right: NONE,
        lex_left_w: 0,
        lex_right_w: 0,
        wc: 0xffff_ffff,
        fine: u16::MAX,
        coarse: u8::MAX,
        sent: u32::MAX,
        commas: 0,
        from_start: NONE,
        to_end: NONE,
        cues_before: 0,
    };
    let at = |d: isize| -> &Tok {
        let j = i as isize + d;
        if j < 0 {
            &PAD
        } else {
            toks.get(j as usize).unwrap_or(&PAD)
        }
    };
    let rl = |d: isize| -> RuleLabel {
        let j = i as isize + d;
        if j < 0 {
            RuleLabel {
                part: 7,
                ..RuleLabel::default()
            }
        } else {
            rules.get(j as usize).copied().unwrap_or(RuleLabel {
                part: 7,
                ..RuleLabel::default()
            })
        }
    };
    let (m2, m1, t, p1, p2) = (at(-2), at(-1), at(0), at(1), at(2));
    let (r_1, r0, r1) = (rl(-1), rl(0), rl(1));
    let vals: [u64; NF] = [
        1,
        t.w,
        m1.w,
        p1.w,
        m2.w,
        p2.w,
        mix(t.w, p1.w),
        t.shape,
        t.suf,
        t.pre,
        u64::from(t.depth) << 8 | u64::from(t.kind),
        mix(r0.part_code(), u64::from(t.depth)),
        r0.part_code(),
        mix(r0.part_code(), t.w),
        r_1.part_code(),
        r1.part_code(),
        mix(mix(r_1.part_code(), r0.part_code()), r1.part_code()),
        r0.code(),
        u64::from(t.cue),
        u64::from(m1.cue),
        u64::from(m2.cue),
        u64::from(p2.cue),
        u64::from(t.lex_left) << 8 | u64::from(t.depth),
        u64::from(t.lex_right) << 8 | u64::from(t.depth),
        u64::from(t.rule_left) << 8 | r0.part_code(),
        u64::from(t.rule_right) << 8 | r0.part_code(),
        u64::from(t.cap) | u64::from(m1.cap) << 1 | u64::from(p1.cap) << 2,
        mix(mix(m1.shape, t.shape), p1.shape),
        mix(t.w, u64::from(t.depth > 0)),
        mix(m1.w, r0.part_code()),
        mix(p1.w, r0.part_code()),
        u64::from(t.lex_left) << 8 | u64::from(t.lex_right) << 4 | u64::from(t.depth > 0),
        mix(t.lex_left_w, u64::from(t.lex_left)),
        mix(t.lex_right_w, u64::from(t.lex_right)),
        mix(t.lex_left_w, u64::from(t.depth)),
        mix(
            t.w,
            u64::from(t.lex_left.min(4)) << 4 | u64::from(t.lex_right.min(4)),
        ),
        mix(mix(m2.w, m1.w), t.w),
        u64::from(t.wc),
        u64::from(t.wc >> 13),
        u64::from(m1.wc & 0x1fff) << 16 | u64::from(t.wc & 0x1fff),
        u64::from(t.wc & 0x1fff) << 16 | u64::from(p1.wc & 0x1fff),
        u64::from(p1.wc & 0x1fff),
        mix(u64::from(t.wc & 0x1fff), r0.part_code()),
        u64::from(t.fine),
        u64::from(t.coarse) << 8 | u64::from(t.depth),
        u64::from(m1.fine) << 16 | u64::from(t.coarse),
        u64::from(t.coarse) << 16 | u64::from(p1.fine),
        mix(u64::from(t.fine), r0.part_code()),
        u64::from(t.from_start) << 4 | u64::from(t.to_end),
        mix(t.w, u64::from(t.from_start.min(2))),
    ];
    // One multiply per feature: the value, keyed by the feature's own seed, top bits kept.
    for ((o, v), seed) in out.iter_mut().zip(vals).zip(FEATURE_SEEDS) {
        *o = ((v ^ seed).wrapping_mul(K) >> (64 - BITS)) as u32;
    }
}

/// The cue whose source and content the span stage labels, and the tokens it looks at
/// (token indices into the paragraph).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Focus {
    pub cue: Range<usize>,
    pub window: Range<usize>,
}

impl Focus {
    /// The cue's sentence with one sentence either side: where nearly all of a claim's
    /// source and content lie.
    pub fn around(p: &Paragraph, cue: Range<usize>) -> Focus {
        let k = p.sentences.partition_point(|s| s.end <= cue.start);
        let first = p.sentences.get(k.saturating_sub(1)).map_or(0, |s| s.start);
        let last = p
            .sentences
            .get(k + 1)
            .or(p.sentences.get(k))
            .map_or(p.tokens.len(), |s| s.end);
        let window = first.min(cue.start)..last.max(cue.end).min(p.tokens.len());
        Focus { cue, window }
    }
}

/// Where token `i` lies relative to the cue in focus: before it, inside, or after, with a
/// distance bucket, and whether in the cue's sentence.
fn relation_to_cue(toks: &[Tok], cue: &Range<usize>, i: usize) -> u64 {
    let side = if i < cue.start {
        16 + u64::from(bucket(cue.start - i))
    } else if i < cue.end {
        32
    } else {
        48 + u64::from(bucket(i + 1 - cue.end))
    };
    let same = toks.get(cue.start).map(|c| c.sent) == toks.get(i).map(|t| t.sent);
    side | u64::from(same) << 6
}

/// Cue words (the lexicon's or the rules') strictly between token `i` and the cue in focus,
/// on whichever side it lies (0 inside the cue): a claim rarely runs past another's cue.
fn cue_words_between(toks: &[Tok], cue: &Range<usize>, i: usize) -> u16 {
    let before = |k: usize| toks.get(k).map(|t| t.cues_before);
    if i < cue.start {
        // Those before the cue's first token, less those up to and including `i`.
        before(cue.start)
            .zip(before(i + 1))
            .map_or(0, |(c, after_i)| c.saturating_sub(after_i))
    } else if i >= cue.end {
        // Those before `i`, less those before the cue's end.
        before(i)
            .zip(before(cue.end))
            .map_or(0, |(t, end)| t.saturating_sub(end))
    } else {
        0
    }
}

/// The span stage's features of token `i` for the cue in focus.
fn focus_features(
    toks: &[Tok],
    rules: &[RuleLabel],
    i: usize,
    cue: &Range<usize>,
    out: &mut [u32],
) {
    let t = &toks[i];
    let c = &toks[cue.start];
    let rel = relation_to_cue(toks, cue, i);
    let m1_kind = if i > 0 { toks[i - 1].kind } else { 9 };
    let part = rules.get(i).map_or(7, |r| r.part_code());
    let clauses = u64::from(t.commas.abs_diff(c.commas).min(3));
    let between = u64::from(cue_words_between(toks, cue, i).min(2));
    let vals: [u64; NC] = [
        rel,
        mix(c.w, rel),
        mix(t.w, rel),
        rel << 8 | u64::from(t.depth) << 4 | u64::from(t.kind),
        rel << 8 | part,
        rel << 16 | u64::from(m1_kind) << 8 | u64::from(t.kind) | u64::from(t.cap) << 4,
        mix(u64::from(t.wc & 0x1fff), rel),
        u64::from(c.cue) << 8 | rel,
        clauses << 8 | rel >> 4 << 4 | u64::from(t.depth > 0),
        mix(u64::from(c.fine), rel),
        mix(u64::from(t.fine), rel),
        rel << 8 | u64::from(t.to_end),
        rel << 8 | u64::from(t.from_start),
        rel << 8 | between,
        mix(t.w, between << 2 | u64::from(i < cue.start)),
    ];
    for ((o, v), seed) in out.iter_mut().zip(vals).zip(&FEATURE_SEEDS[NF..]) {
        *o = ((v ^ seed).wrapping_mul(K) >> (64 - BITS)) as u32;
    }
}

/// Every feature row of token `i`: the base features, then the focus features if any.
/// Returns how many were written.
fn token_features(
    toks: &[Tok],
    rules: &[RuleLabel],
    i: usize,
    focus: Option<&Focus>,
    out: &mut [u32; NT],
) -> usize {
    let (base, rest) = out.split_at_mut(NF);
    features(toks, rules, i, base);
    match focus {
        Some(f) => {
            focus_features(toks, rules, i, &f.cue, rest);
            NT
        }
        None => NF,
    }
}

/// An emission score beyond reach of any weight sum: it rules a label out.
const RULED_OUT: f32 = -1e9;

/// In the span stage the cue is given: its tokens are the cue, and no other token is. The
/// other labels are ruled out rather than the wanted one raised, so that the scores of the
/// paths Viterbi compares stay small (a large bonus would swallow their differences in
/// `f32` rounding).
fn pin_cue(scores: &mut [[f32; LABELS]], window: &Range<usize>, cue: &Range<usize>) {
    for (k, s) in scores.iter_mut().enumerate() {
        let i = window.start + k;
        if cue.contains(&i) {
            let want = usize::from(if i == cue.start { B_CUE } else { B_CUE + 1 });
            for (l, v) in s.iter_mut().enumerate() {
                if l != want {
                    *v = RULED_OUT;
                }
            }
        } else {
            s[usize::from(B_CUE)] = RULED_OUT;
            s[usize::from(B_CUE) + 1] = RULED_OUT;
        }
    }
}

/// Whether `to` may follow `from` (`None`: the paragraph's start) in BIO.
fn allowed(from: Option<u8>, to: u8) -> bool {
    if to == O || is_begin(to) {
        return true;
    }
    from.is_some_and(|f| f != O && part_of(f) == part_of(to))
}

/// Lanes per weight row: the labels, padded so that a row is 16 bytes.
const LANES: usize = 8;

/// One feature bucket's weights: the perceptron's row and the network's embedding side by
/// side, so that a feature costs one cache line fetch for both.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(32))]
struct Row {
    w: [i16; LANES],
    e: [i8; HID],
}

/// How many tokens ahead the rows to be summed are prefetched.
const AHEAD: usize = 1;

/// A trained model, as used for tagging: perceptron weights quantised to 16 bits and the
/// network's embedding in 8, one 32-byte [`Row`] per feature bucket (2 MB per stage: more
/// than a core's second-level cache, so rows are prefetched a token ahead of their use).
#[derive(Debug, Clone)]
pub struct Tagger {
    rows: Vec<Row>,
    /// Value of one quantisation step.
    scale: f32,
    trans: [[f32; LABELS]; LABELS],
    start: [f32; LABELS],
    /// The span stage: labels the source and content of one cue at a time.
    spans: Option<Box<Tagger>>,
    /// The network whose label scores are added to the rows' scores, if any.
    net: Option<Box<Net>>,
}

/// Weights while training.
#[derive(Debug, Clone)]
struct Weights {
    /// `ROWS × LABELS`, row-major.
    w: Vec<f32>,
    trans: [[f32; LABELS]; LABELS],
    start: [f32; LABELS],
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            w: vec![0.0; ROWS * LABELS],
            trans: [[0.0; LABELS]; LABELS],
            start: [0.0; LABELS],
        }
    }
}

/// The model built into the binary (`data/attribution.model`), or `None` when that file is
/// empty or was trained on other features.
pub fn embedded() -> Option<&'static Tagger> {
    static MODEL: OnceLock<Option<Tagger>> = OnceLock::new();
    MODEL
        .get_or_init(|| Tagger::from_bytes(include_bytes!("../data/attribution.model")).ok())
        .as_ref()
}

/// Fills `scratch.feats` with the feature rows of the tokens in view (the paragraph, or the
/// focus's window), `nf` per token; returns the tokens in view and `nf`.
fn all_features(
    rules: &[RuleLabel],
    scratch: &mut Scratch,
    focus: Option<&Focus>,
) -> (Range<usize>, usize) {
    let window = focus.map_or(0..scratch.toks.len(), |f| f.window.clone());
    let nf = if focus.is_some() { NT } else { NF };
    scratch.feats.clear();
    scratch.feats.resize(window.len() * nf, 0);
    let mut f = [0u32; NT];
    for (k, i) in window.clone().enumerate() {
        token_features(&scratch.toks, rules, i, focus, &mut f);
        scratch.feats[k * nf..(k + 1) * nf].copy_from_slice(&f[..nf]);
    }
    (window, nf)
}

/// Best label sequence for the emission scores in `scratch.scores` (first-order Viterbi,
/// BIO constraints enforced); the result goes to `scratch.labels`.
fn viterbi(trans: &[[f32; LABELS]; LABELS], start: &[f32; LABELS], scratch: &mut Scratch) {
    let n = scratch.scores.len();
    scratch.labels.clear();
    scratch.labels.resize(n, O);
    scratch.back.clear();
    scratch.back.resize(n, [0; LABELS]);
    if n == 0 {
        return;
    }
    const NEG: f32 = -1e30;
    // Transitions with the BIO constraints folded in.
    let mut t = *trans;
    for (k, row) in t.iter_mut().enumerate() {
        for (l, w) in row.iter_mut().enumerate() {
            if !allowed(Some(k as u8), l as u8) {
                *w = NEG;
            }
        }
    }
    let mut prev = [NEG; LABELS];
    for (l, p) in prev.iter_mut().enumerate() {
        if allowed(None, l as u8) {
            *p = start[l] + scratch.scores[0][l];
        }
    }
    for i in 1..n {
        let mut cur = [NEG; LABELS];
        let back = &mut scratch.back[i];
        for l in 0..LABELS {
            let mut best = prev[0] + t[0][l];
            let mut arg = 0u8;
            for k in 1..LABELS {
                let v = prev[k] + t[k][l];
                if v > best {
                    best = v;
                    arg = k as u8;
                }
            }
            cur[l] = best.max(NEG) + scratch.scores[i][l];
            back[l] = arg;
        }
        prev = cur;
    }
    let mut best = 0u8;
    for l in 0..LABELS {
        if prev[l] > prev[best as usize] {
            best = l as u8;
        }
    }
    for i in (0..n).rev() {
        scratch.labels[i] = best;
        if i > 0 {
            best = scratch.back[i][best as usize];
        }
    }
}

impl Weights {
    /// Labels the tokens in view; returns them and the features per token.
    fn decode(
        &self,
        rules: &[RuleLabel],
        scratch: &mut Scratch,
        focus: Option<&Focus>,
    ) -> (Range<usize>, usize) {
        let (window, nf) = all_features(rules, scratch, focus);
        scratch.scores.clear();
        scratch.scores.resize(window.len(), [0.0; LABELS]);
        for k in 0..window.len() {
            let s = &mut scratch.scores[k];
            for &row in &scratch.feats[k * nf..(k + 1) * nf] {
                let w = &self.w[row as usize * LABELS..(row as usize + 1) * LABELS];
                for l in 0..LABELS {
                    s[l] += w[l];
                }
            }
        }
        if let Some(f) = focus {
            pin_cue(&mut scratch.scores, &window, &f.cue);
        }
        viterbi(&self.trans, &self.start, scratch);
        (window, nf)
    }

    /// Quantises to 16 bits with one scale for the whole model.
    fn quantise(&self) -> Tagger {
        let max = self
            .w
            .iter()
            .chain(self.trans.iter().flatten())
            .chain(self.start.iter())
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let q = |w: f32| (w / scale).round().clamp(-32767.0, 32767.0) as i16;
        let mut t = Tagger {
            rows: vec![Row::default(); ROWS],
            scale,
            trans: [[0.0; LABELS]; LABELS],
            start: [0.0; LABELS],
            spans: None,
            net: None,
        };
        for (row, w) in t.rows.iter_mut().zip(self.w.chunks_exact(LABELS)) {
            for (d, &s) in row.w.iter_mut().zip(w) {
                *d = q(s);
            }
        }
        // Transitions go through the same rounding as in the file.
        for (d, s) in t
            .trans
            .iter_mut()
            .flatten()
            .chain(t.start.iter_mut())
            .zip(self.trans.iter().flatten().chain(self.start.iter()))
        {
            *d = f32::from(q(*s)) * scale;
        }
        t
    }
}

/// The sum behind [`Tagger::sum_both`]. The widening adds are most of a tagger's work; with
/// AVX2 each row takes a handful of instructions instead of some twenty, so the same code is
/// also compiled for it ([`sum_rows_avx2`]) and chosen at run time.
#[inline(always)]
fn sum_rows(
    table: &[Row],
    rows: &[u32],
    (mut acc, mut hid): ([i32; LANES], [i32; HID]),
) -> ([i32; LANES], [i32; HID]) {
    for &row in rows {
        let r = &table[row as usize];
        for (a, &w) in acc.iter_mut().zip(&r.w) {
            *a += i32::from(w);
        }
        for (h, &e) in hid.iter_mut().zip(&r.e) {
            *h += i32::from(e);
        }
    }
    (acc, hid)
}

/// [`sum_rows`] compiled for AVX2 (the same integer sums, so the same results).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn sum_rows_avx2(
    table: &[Row],
    rows: &[u32],
    base: ([i32; LANES], [i32; HID]),
) -> ([i32; LANES], [i32; HID]) {
    sum_rows(table, rows, base)
}

impl Tagger {
    /// Labels every token of the paragraph; the result lives in `scratch` until the next call.
    pub fn tag<'s>(
        &self,
        text: &str,
        p: &Paragraph,
        rules: &[RuleLabel],
        scratch: &'s mut Scratch,
    ) -> &'s [u8] {
        prepare(text, p, rules, &mut scratch.toks, &mut scratch.words);
        self.label(rules, scratch)
    }

    /// The span stage: labels the source and content of the cue in `focus`, in the paragraph
    /// last given to [`Tagger::tag`] with this `scratch`. The labels cover `focus.window`.
    /// `None` when the model has no span stage.
    pub fn tag_focus<'s>(
        &self,
        rules: &[RuleLabel],
        scratch: &'s mut Scratch,
        focus: &Focus,
    ) -> Option<&'s [u8]> {
        let spans = self.spans.as_deref()?;
        let n = scratch.toks.len();
        if focus.window.end > n
            || focus.cue.end > n
            || focus.cue.is_empty()
            || scratch.feats.len() != n * NF
            || scratch.span_base.len() != n
        {
            return None;
        }
        Some(spans.label_focus(rules, scratch, focus))
    }

    /// Emission scores and Viterbi decoding over the paragraph: every token's base feature
    /// rows are computed here once and kept in `scratch.feats` (`NF` per token) for the span
    /// stage, which shares them.
    fn label<'s>(&self, rules: &[RuleLabel], scratch: &'s mut Scratch) -> &'s [u8] {
        let n = scratch.toks.len();
        scratch.feats.clear();
        scratch.feats.resize(n * NF, 0);
        scratch.scores.clear();
        scratch.scores.resize(n, [0.0; LABELS]);
        // The span stage's sums over these rows are filled in when a window first needs them.
        scratch.span_base.clear();
        scratch.span_base.resize(n, None);
        for i in 0..n {
            features(
                &scratch.toks,
                rules,
                i,
                &mut scratch.feats[i * NF..(i + 1) * NF],
            );
        }
        for i in 0..n {
            if let Some(ahead) = scratch.feats.get((i + AHEAD) * NF..(i + AHEAD + 1) * NF) {
                self.prefetch(ahead);
            }
            let rows = &scratch.feats[i * NF..(i + 1) * NF];
            let (acc, hid) = self.sum_both(rows, ([0; LANES], [0; HID]));
            for (s, &a) in scratch.scores[i].iter_mut().zip(&acc) {
                *s = a as f32 * self.scale;
            }
            if let Some(net) = &self.net {
                for (s, l) in scratch.scores[i].iter_mut().zip(net.logits(&hid)) {
                    *s += NET_WEIGHT * l;
                }
                scratch.scores[i][usize::from(O)] -= NET_O_PENALTY;
            }
        }
        match &self.net {
            Some(net) => {
                let (trans, start) = net.mixed(self);
                viterbi(&trans, &start, scratch);
            }
            None => viterbi(&self.trans, &self.start, scratch),
        }
        &scratch.labels
    }

    /// The span stage over `focus.window` (`self` is the span stage's model): each token's
    /// base rows were summed at most once for the paragraph, so a cue adds only the `NC`
    /// rows that relate a token to it.
    fn label_focus<'s>(
        &self,
        rules: &[RuleLabel],
        scratch: &'s mut Scratch,
        focus: &Focus,
    ) -> &'s [u8] {
        let window = focus.window.clone();
        scratch.scores.clear();
        scratch.scores.resize(window.len(), [0.0; LABELS]);
        // Every token's rows first, so that they can be prefetched ahead of the sums.
        scratch.focus_feats.clear();
        scratch.focus_feats.resize(window.len() * NC, 0);
        for (k, i) in window.clone().enumerate() {
            let rows = &mut scratch.focus_feats[k * NC..(k + 1) * NC];
            focus_features(&scratch.toks, rules, i, &focus.cue, rows);
        }
        for (k, i) in window.clone().enumerate() {
            let ahead = i + AHEAD;
            if ahead < window.end {
                let a = k + AHEAD;
                self.prefetch(&scratch.focus_feats[a * NC..(a + 1) * NC]);
                if scratch.span_base[ahead].is_none() {
                    self.prefetch(&scratch.feats[ahead * NF..(ahead + 1) * NF]);
                }
            }
            let base = match scratch.span_base[i] {
                Some(base) => base,
                None => {
                    let rows = &scratch.feats[i * NF..(i + 1) * NF];
                    let base = self.sum_both(rows, ([0; LANES], [0; HID]));
                    scratch.span_base[i] = Some(base);
                    base
                }
            };
            let (acc, hid) = self.sum_both(&scratch.focus_feats[k * NC..(k + 1) * NC], base);
            for (s, &a) in scratch.scores[k].iter_mut().zip(&acc) {
                *s = a as f32 * self.scale;
            }
            if let Some(net) = &self.net {
                for (s, l) in scratch.scores[k].iter_mut().zip(net.logits(&hid)) {
                    *s += NET_WEIGHT * l;
                }
            }
        }
        pin_cue(&mut scratch.scores, &window, &focus.cue);
        match &self.net {
            Some(net) => {
                let (trans, start) = net.mixed(self);
                viterbi(&trans, &start, scratch);
            }
            None => viterbi(&self.trans, &self.start, scratch),
        }
        &scratch.labels
    }

    /// `acc` plus the perceptron weights of the given feature rows, and `hid` plus their
    /// network embeddings, in quantisation steps: one pass, one cache line per row.
    #[inline]
    fn sum_both(
        &self,
        rows: &[u32],
        base: ([i32; LANES], [i32; HID]),
    ) -> ([i32; LANES], [i32; HID]) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: `sum_rows_avx2` requires AVX2 and nothing else; the CPU was just
            // found to have it.
            return unsafe { sum_rows_avx2(&self.rows, rows, base) };
        }
        sum_rows(&self.rows, rows, base)
    }

    /// Asks the memory system for the given rows ahead of their use: the table is larger
    /// than a core's second-level cache, and a token's rows are scattered across it, so
    /// summing them waits on memory unless their fetches were started a token earlier.
    #[inline]
    fn prefetch(&self, rows: &[u32]) {
        #[cfg(target_arch = "x86_64")]
        for &row in rows {
            if let Some(r) = self.rows.get(row as usize) {
                // SAFETY: a prefetch is a hint that never faults and changes no memory; the
                // address is that of an element of `self.rows`.
                unsafe {
                    std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                        std::ptr::from_ref(r).cast(),
                    );
                }
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = rows;
    }

    /// Serialises the model; rows whose weights are all zero are left out.
    pub fn to_bytes(&self) -> Vec<u8> {
        let q = |w: f32| (w / self.scale).round().clamp(-32767.0, 32767.0) as i16;
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FEATURES_VERSION.to_le_bytes());
        out.extend_from_slice(&BITS.to_le_bytes());
        out.extend_from_slice(&(LABELS as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        for w in self.trans.iter().flatten().chain(self.start.iter()) {
            out.extend_from_slice(&q(*w).to_le_bytes());
        }
        let rows: Vec<usize> = (0..ROWS)
            .filter(|&r| self.rows[r].w.iter().any(|&w| w != 0))
            .collect();
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        let mut last = 0usize;
        for r in rows {
            // Row numbers as gaps, in a variable-length encoding.
            let mut gap = (r - last) as u32;
            last = r;
            loop {
                let b = (gap & 0x7f) as u8;
                gap >>= 7;
                if gap == 0 {
                    out.push(b);
                    break;
                }
                out.push(b | 0x80);
            }
            for &w in &self.rows[r].w[..LABELS] {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        match &self.net {
            Some(net) => {
                out.push(1);
                net.write(&self.rows, &mut out);
            }
            None => out.push(0),
        }
        match &self.spans {
            Some(spans) => {
                out.push(1);
                out.extend_from_slice(&spans.to_bytes());
            }
            None => out.push(0),
        }
        out
    }

    /// The model with `spans` as its span stage.
    pub fn with_spans(self, spans: Tagger) -> Tagger {
        Tagger {
            spans: Some(Box::new(Tagger {
                spans: None,
                ..spans
            })),
            ..self
        }
    }

    /// The model with `net` added to its first stage and `span_net` to its span stage.
    pub fn with_nets(mut self, net: TrainedNet, span_net: TrainedNet) -> Tagger {
        self.attach(net);
        if let Some(s) = self.spans.as_mut() {
            s.attach(span_net);
        }
        self
    }

    fn attach(&mut self, trained: TrainedNet) {
        for (row, e) in self.rows.iter_mut().zip(trained.emb) {
            row.e = e;
        }
        self.net = Some(Box::new(trained.net));
    }

    /// Reads a model written by [`Tagger::to_bytes`].
    pub fn from_bytes(b: &[u8]) -> Result<Tagger, String> {
        let mut r = Reader { b, at: 0 };
        let t = Tagger::read(&mut r, 0)?;
        if r.at != b.len() {
            return Err("trailing bytes after the model".into());
        }
        Ok(t)
    }

    fn read(r: &mut Reader, depth: usize) -> Result<Tagger, String> {
        if r.take(8)? != MAGIC {
            return Err("not a claimtrace tagger model".into());
        }
        let version = r.u32()?;
        if version != FEATURES_VERSION {
            return Err(format!(
                "model has features version {version}, this build {FEATURES_VERSION}"
            ));
        }
        if r.u32()? != BITS || r.u32()? as usize != LABELS {
            return Err("model has another table size or label set".into());
        }
        let scale = f32::from_le_bytes(r.array()?);
        if !(scale.is_finite() && scale > 0.0) {
            return Err("bad scale".into());
        }
        let mut t = Tagger {
            rows: vec![Row::default(); ROWS],
            scale,
            trans: [[0.0; LABELS]; LABELS],
            start: [0.0; LABELS],
            spans: None,
            net: None,
        };
        for w in t.trans.iter_mut().flatten().chain(t.start.iter_mut()) {
            *w = f32::from(i16::from_le_bytes(r.array()?)) * scale;
        }
        let n = r.u32()?;
        let mut row = 0usize;
        for _ in 0..n {
            let mut gap = 0u32;
            let mut shift = 0;
            loop {
                let byte = r.take(1)?[0];
                gap |= u32::from(byte & 0x7f) << shift;
                shift += 7;
                if byte & 0x80 == 0 {
                    break;
                }
                if shift > 28 {
                    return Err("bad row number".into());
                }
            }
            row += gap as usize;
            if row >= ROWS {
                return Err("row out of range".into());
            }
            for l in 0..LABELS {
                t.rows[row].w[l] = i16::from_le_bytes(r.array()?);
            }
        }
        match r.take(1)?[0] {
            0 => {}
            1 => t.net = Some(Box::new(Net::read(r, &mut t.rows)?)),
            _ => return Err("bad network flag".into()),
        }
        match r.take(1)?[0] {
            0 => {}
            1 if depth == 0 => t.spans = Some(Box::new(Tagger::read(r, 1)?)),
            _ => return Err("bad span-stage flag".into()),
        }
        Ok(t)
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let s = self
            .b
            .get(self.at..self.at + n)
            .ok_or_else(|| "model file truncated".to_owned())?;
        self.at += n;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let s = self.take(N)?;
        let mut a = [0u8; N];
        a.copy_from_slice(s);
        Ok(a)
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.array()?))
    }
}

/// One training sequence: a paragraph, the rules' labels and the gold labels.
pub struct Example<'a> {
    pub text: &'a str,
    pub paragraph: &'a Paragraph,
    pub rules: &'a [RuleLabel],
    /// Gold labels of every token of the paragraph.
    pub gold: &'a [u8],
    /// For the span stage: the cue whose source and content `gold` labels.
    pub focus: Option<Focus>,
}

/// The next number of a xorshift64 generator (`state` must not be 0).
fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// Fisher–Yates with [`xorshift`]: the same order for the same state, on every machine.
fn shuffle(order: &mut [usize], state: &mut u64) {
    for i in (1..order.len()).rev() {
        order.swap(i, (xorshift(state) % (i as u64 + 1)) as usize);
    }
}

/// Averaged structured perceptron: `epochs` passes over `examples` in an order shuffled
/// with a fixed seed, so that training is deterministic.
pub fn train(examples: &[Example], epochs: usize, seed: u64) -> Tagger {
    let mut model = Weights::default();
    // Sums of (update × time) for averaging: avg = w - acc / time.
    let mut acc = Weights::default();
    let mut time = 1.0f32;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = seed | 1;
    let mut scratch = Scratch::default();
    for _ in 0..epochs {
        shuffle(&mut order, &mut rng);
        for &k in &order {
            let ex = &examples[k];
            prepare(
                ex.text,
                ex.paragraph,
                ex.rules,
                &mut scratch.toks,
                &mut scratch.words,
            );
            let (window, nf) = model.decode(ex.rules, &mut scratch, ex.focus.as_ref());
            let pred = &scratch.labels;
            let gold = ex.gold.get(window).unwrap_or_default();
            if pred.as_slice() != gold {
                let mut prev_g: Option<u8> = None;
                let mut prev_p: Option<u8> = None;
                for (i, (&g, &p)) in gold.iter().zip(pred.iter()).enumerate() {
                    if g != p {
                        for &row in &scratch.feats[i * nf..(i + 1) * nf] {
                            let base = row as usize * LABELS;
                            model.w[base + g as usize] += 1.0;
                            model.w[base + p as usize] -= 1.0;
                            acc.w[base + g as usize] += time;
                            acc.w[base + p as usize] -= time;
                        }
                    }
                    if (prev_g, g) != (prev_p, p) {
                        match prev_g {
                            Some(pg) => {
                                model.trans[pg as usize][g as usize] += 1.0;
                                acc.trans[pg as usize][g as usize] += time;
                            }
                            None => {
                                model.start[g as usize] += 1.0;
                                acc.start[g as usize] += time;
                            }
                        }
                        match prev_p {
                            Some(pp) => {
                                model.trans[pp as usize][p as usize] -= 1.0;
                                acc.trans[pp as usize][p as usize] -= time;
                            }
                            None => {
                                model.start[p as usize] -= 1.0;
                                acc.start[p as usize] -= time;
                            }
                        }
                    }
                    prev_g = Some(g);
                    prev_p = Some(p);
                }
            }
            time += 1.0;
        }
    }
    for (w, a) in model.w.iter_mut().zip(&acc.w) {
        *w -= a / time;
    }
    for (w, a) in model
        .trans
        .iter_mut()
        .flatten()
        .chain(model.start.iter_mut())
        .zip(acc.trans.iter().flatten().chain(acc.start.iter()))
    {
        *w -= a / time;
    }
    model.quantise()
}

/// Hidden units of each stage's network.
const HID: usize = 16;

/// Weight of a network's log-probabilities against the perceptron's scores, and the
/// penalty on the first stage's O label once they are added: chosen on held-out train
/// (`train --holdout 5`; the network alone scored relation F1 .570, the perceptron .589,
/// the two together .600).
const NET_WEIGHT: f32 = 30.0;
const NET_O_PENALTY: f32 = 30.0;

/// Passes and learning rate of a network's training (held-out train: 5 passes at 0.01 did
/// better than 10 at 0.02, which begins to overfit).
pub const NET_EPOCHS: usize = 5;
pub const NET_RATE: f32 = 0.01;

/// A small feed-forward network over a stage's hashed feature rows: the rows' embeddings
/// summed, a rectifier, one linear layer to the labels (trained through a log-softmax).
/// Its label scores are added to the perceptron's. Where the perceptron weighs each feature alone,
/// the hidden layer learns which features go together; the two agree on most tokens and
/// the sum is better than either (held-out figures at [`NET_WEIGHT`]).
#[derive(Debug, Clone)]
pub struct Net {
    /// Value of one step of the 8-bit embeddings (which live in [`Row::e`]).
    scale: f32,
    b1: [f32; HID],
    b2: [f32; LABELS],
    /// Log-frequencies of label bigrams and first labels in the training labels.
    trans: [[f32; LABELS]; LABELS],
    start: [f32; LABELS],
    /// The output layer by hidden unit (`columns[k][l]` weighs unit `k` for label `l`),
    /// each padded to [`LANES`]: a sum of whole vectors, which compiles to a few vector
    /// instructions per hidden unit where rows by label take a chain of scalar adds each.
    columns: [[f32; LANES]; HID],
}

impl Net {
    /// A network from its weights, the output layer `w2` given by label.
    fn new(
        scale: f32,
        b1: [f32; HID],
        w2: [[f32; HID]; LABELS],
        b2: [f32; LABELS],
        trans: [[f32; LABELS]; LABELS],
        start: [f32; LABELS],
    ) -> Net {
        let mut columns = [[0.0; LANES]; HID];
        for (l, row) in w2.iter().enumerate() {
            for (column, &w) in columns.iter_mut().zip(row) {
                column[l] = w;
            }
        }
        Net {
            scale,
            b1,
            b2,
            trans,
            start,
            columns,
        }
    }

    /// The labels' scores from the summed embeddings: the log-probabilities up to a term
    /// that is the same for every label of the token (the softmax's normaliser), which
    /// no decoding decision depends on, so it is left out.
    fn logits(&self, acc: &[i32; HID]) -> [f32; LABELS] {
        let mut o = [0.0f32; LANES];
        o[..LABELS].copy_from_slice(&self.b2);
        for ((&b, &a), column) in self.b1.iter().zip(acc).zip(&self.columns) {
            let h = (b + a as f32 * self.scale).max(0.0);
            for (o, &w) in o.iter_mut().zip(column) {
                *o += w * h;
            }
        }
        let mut out = [0.0; LABELS];
        out.copy_from_slice(&o[..LABELS]);
        out
    }

    /// The perceptron's transitions with the network's added, as decoding uses them.
    fn mixed(&self, tagger: &Tagger) -> ([[f32; LABELS]; LABELS], [f32; LABELS]) {
        let mut trans = tagger.trans;
        let mut start = tagger.start;
        for (t, n) in trans.iter_mut().flatten().zip(self.trans.iter().flatten()) {
            *t += NET_WEIGHT * n;
        }
        for (t, n) in start.iter_mut().zip(&self.start) {
            *t += NET_WEIGHT * n;
        }
        (trans, start)
    }

    fn write(&self, rows: &[Row], out: &mut Vec<u8>) {
        out.extend_from_slice(&(HID as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        for r in rows {
            out.extend(r.e.iter().map(|&w| w as u8));
        }
        // The output layer is stored by label, as training holds it.
        let by_label = (0..LABELS).flat_map(|l| self.columns.iter().map(move |c| c[l]));
        let floats = self
            .b1
            .iter()
            .copied()
            .chain(by_label)
            .chain(self.b2.iter().copied())
            .chain(self.trans.iter().flatten().copied())
            .chain(self.start.iter().copied());
        for w in floats {
            out.extend_from_slice(&w.to_le_bytes());
        }
    }

    fn read(r: &mut Reader, rows: &mut [Row]) -> Result<Net, String> {
        if r.u32()? as usize != HID {
            return Err("model's network has another size".into());
        }
        let scale = f32::from_le_bytes(r.array()?);
        if !(scale.is_finite() && scale > 0.0) {
            return Err("bad network scale".into());
        }
        let raw = r.take(ROWS * HID)?;
        for (row, c) in rows.iter_mut().zip(raw.chunks_exact(HID)) {
            for (d, &b) in row.e.iter_mut().zip(c) {
                *d = b as i8;
            }
        }
        let mut b1 = [0.0; HID];
        let mut w2 = [[0.0; HID]; LABELS];
        let mut b2 = [0.0; LABELS];
        let mut trans = [[0.0; LABELS]; LABELS];
        let mut start = [0.0; LABELS];
        let floats = b1
            .iter_mut()
            .chain(w2.iter_mut().flatten())
            .chain(b2.iter_mut())
            .chain(trans.iter_mut().flatten())
            .chain(start.iter_mut());
        for w in floats {
            *w = f32::from_le_bytes(r.array()?);
            if !w.is_finite() {
                return Err("bad network weight".into());
            }
        }
        Ok(Net::new(scale, b1, w2, b2, trans, start))
    }
}

/// `log_softmax(b2 + w2 · h)`.
fn log_softmax(mut o: [f32; LABELS], w2: &[[f32; HID]; LABELS], h: &[f32; HID]) -> [f32; LABELS] {
    for (o, w) in o.iter_mut().zip(w2) {
        *o += w.iter().zip(h).map(|(w, h)| w * h).sum::<f32>();
    }
    let m = o.iter().fold(f32::MIN, |a, &b| a.max(b));
    let z = o.iter().map(|&x| (x - m).exp()).sum::<f32>().ln() + m;
    for x in &mut o {
        *x -= z;
    }
    o
}

/// A network while training, in full precision.
struct NetWeights {
    emb: Vec<f32>,
    b1: [f32; HID],
    w2: [[f32; HID]; LABELS],
    b2: [f32; LABELS],
}

impl NetWeights {
    /// Log-probabilities and the hidden layer (after the rectifier).
    fn forward(&self, rows: &[u32]) -> ([f32; LABELS], [f32; HID]) {
        let mut h = self.b1;
        for &r in rows {
            let e = &self.emb[r as usize * HID..(r as usize + 1) * HID];
            for (h, e) in h.iter_mut().zip(e) {
                *h += e;
            }
        }
        for h in &mut h {
            *h = h.max(0.0);
        }
        (log_softmax(self.b2, &self.w2, &h), h)
    }
}

/// Trains a stage's [`Net`] with stochastic gradient descent on the log-loss of each
/// token's gold label, the learning rate falling linearly over the passes. Deterministic:
/// fixed seed, one thread.
pub fn train_net(examples: &[Example], epochs: usize, seed: u64, rate: f32) -> TrainedNet {
    let mut rng = seed | 1;
    let uniform = |scale: f32, x: u64| ((x >> 11) as f32 / (1u64 << 53) as f32 * 2.0 - 1.0) * scale;
    let mut net = NetWeights {
        emb: (0..ROWS * HID)
            .map(|_| uniform(0.05, xorshift(&mut rng)))
            .collect(),
        b1: [0.0; HID],
        w2: [[0.0; HID]; LABELS],
        b2: [0.0; LABELS],
    };
    for w in net.w2.iter_mut().flatten() {
        *w = uniform(0.3, xorshift(&mut rng));
    }
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut scratch = Scratch::default();
    let total = (epochs * examples.len()).max(1) as f32;
    let mut step = 0usize;
    for _ in 0..epochs {
        shuffle(&mut order, &mut rng);
        for &k in &order {
            let ex = &examples[k];
            let lr = rate * (1.0 - step as f32 / total).max(0.05);
            step += 1;
            prepare(
                ex.text,
                ex.paragraph,
                ex.rules,
                &mut scratch.toks,
                &mut scratch.words,
            );
            let (window, nf) = all_features(ex.rules, &mut scratch, ex.focus.as_ref());
            let gold = ex.gold.get(window).unwrap_or_default();
            for (i, &g) in gold.iter().enumerate() {
                let rows = &scratch.feats[i * nf..(i + 1) * nf];
                let (lp, h) = net.forward(rows);
                let mut dh = [0f32; HID];
                for (l, lp) in lp.iter().enumerate() {
                    // The log-loss's gradient on the label's score.
                    let d = lp.exp() - if l == usize::from(g) { 1.0 } else { 0.0 };
                    net.b2[l] -= lr * d;
                    for ((dh, w), &h) in dh.iter_mut().zip(net.w2[l].iter_mut()).zip(&h) {
                        if h > 0.0 {
                            *dh += d * *w;
                        }
                        *w -= lr * d * h;
                    }
                }
                for (b, d) in net.b1.iter_mut().zip(&dh) {
                    *b -= lr * d;
                }
                for &r in rows {
                    let e = &mut net.emb[r as usize * HID..(r as usize + 1) * HID];
                    for (e, d) in e.iter_mut().zip(&dh) {
                        *e -= lr * d;
                    }
                }
            }
        }
    }
    // Transitions: log-frequencies of the gold label bigrams (add-one).
    let mut counts = [[1.0f32; LABELS]; LABELS];
    let mut starts = [1.0f32; LABELS];
    for ex in examples {
        let gold = match &ex.focus {
            Some(f) => ex.gold.get(f.window.clone()).unwrap_or_default(),
            None => ex.gold,
        };
        if let Some(&f) = gold.first() {
            starts[usize::from(f)] += 1.0;
        }
        for w in gold.windows(2) {
            counts[usize::from(w[0])][usize::from(w[1])] += 1.0;
        }
    }
    let log_freq = |row: &[f32; LABELS]| {
        let total: f32 = row.iter().sum();
        row.map(|c| (c / total).ln())
    };
    let max = net.emb.iter().fold(0f32, |m, w| m.max(w.abs()));
    let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
    TrainedNet {
        emb: net
            .emb
            .chunks_exact(HID)
            .map(|c| {
                let mut e = [0i8; HID];
                for (d, &w) in e.iter_mut().zip(c) {
                    *d = (w / scale).round().clamp(-127.0, 127.0) as i8;
                }
                e
            })
            .collect(),
        net: Net::new(
            scale,
            net.b1,
            net.w2,
            net.b2,
            counts.map(|row| log_freq(&row)),
            log_freq(&starts),
        ),
    }
}

/// A trained network and its embeddings, to be put beside a perceptron's rows
/// ([`Tagger::with_nets`]).
pub struct TrainedNet {
    net: Net,
    emb: Vec<[i8; HID]>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment;

    #[test]
    fn hashing_is_deterministic_and_case_blind() {
        assert_eq!(word_hash("Said"), word_hash("said"));
        assert_eq!(word_hash("don’t"), word_hash("don't"));
        assert_eq!(word_hash("1984"), word_hash("2016"));
        assert_ne!(word_hash("said"), word_hash("says"));
        let text = "Officials said the bridge was closed.";
        let p = segment::paragraph(text, 0..text.len());
        let rules = vec![RuleLabel::default(); p.tokens.len()];
        let mut a = Vec::new();
        let mut b = Vec::new();
        // Once through a cold word cache, once through a warm one: the same features.
        let mut words = WordCache::default();
        prepare(text, &p, &rules, &mut a, &mut words);
        prepare(text, &p, &rules, &mut b, &mut words);
        assert_eq!(a[1].cue, b[1].cue);
        assert!(a[1].cue > 0, "'said' is a cue verb");
        assert_ne!(a[1].wc, 0, "'said' has WordNet classes");
        for i in 0..p.tokens.len() {
            let (mut fa, mut fb) = ([0; NF], [0; NF]);
            features(&a, &rules, i, &mut fa);
            features(&b, &rules, i, &mut fb);
            assert_eq!(fa, fb);
            assert!(fa.iter().all(|&r| (r as usize) < ROWS));
        }
    }

    /// Invented sentences: "X <verb> Y." with the verb labelled as the cue.
    fn toy() -> Vec<(String, Vec<u8>)> {
        let names = ["Smith", "The mayor", "Officials", "A spokesman", "Jones"];
        let rest = [
            "the road is closed",
            "taxes will rise",
            "nobody was hurt",
            "the vote was fair",
        ];
        let mut out = Vec::new();
        for (i, n) in names.iter().enumerate() {
            for (j, r) in rest.iter().enumerate() {
                let verb = if (i + j) % 2 == 0 { "said" } else { "claimed" };
                let text = format!("{n} {verb} {r}.");
                let p = segment::paragraph(&text, 0..text.len());
                let n_src = n.split(' ').count();
                let labels = (0..p.tokens.len())
                    .map(|k| match k {
                        0 => B_SOURCE,
                        k if k < n_src => B_SOURCE + 1,
                        k if k == n_src => B_CUE,
                        k if k == n_src + 1 => B_CONTENT,
                        k if k + 1 < p.tokens.len() => B_CONTENT + 1,
                        _ => O,
                    })
                    .collect();
                out.push((text, labels));
            }
        }
        out
    }

    fn toy_model() -> Tagger {
        let data = toy();
        let paras: Vec<Paragraph> = data
            .iter()
            .map(|(t, _)| segment::paragraph(t, 0..t.len()))
            .collect();
        let rules: Vec<Vec<RuleLabel>> = paras
            .iter()
            .map(|p| vec![RuleLabel::default(); p.tokens.len()])
            .collect();
        let examples: Vec<Example> = data
            .iter()
            .zip(&paras)
            .zip(&rules)
            .map(|(((text, gold), paragraph), rules)| Example {
                text,
                paragraph,
                rules,
                gold,
                focus: None,
            })
            .collect();
        let cues = train(&examples, 5, 7);
        // The span stage, on the same sentences with the verb in focus.
        let focused: Vec<Example> = examples
            .iter()
            .map(|e| {
                let cue = e.gold.iter().position(|&l| l == B_CUE).unwrap_or(0);
                Example {
                    focus: Some(Focus::around(e.paragraph, cue..cue + 1)),
                    ..*e
                }
            })
            .collect();
        cues.with_spans(train(&focused, 5, 7)).with_nets(
            train_net(&examples, 5, 7, 0.05),
            train_net(&focused, 5, 7, 0.05),
        )
    }

    #[test]
    fn the_vector_kernels_agree_with_the_plain_arithmetic() {
        let mut rng = 7u64;
        let mut table = vec![Row::default(); 64];
        for r in &mut table {
            for w in &mut r.w {
                *w = xorshift(&mut rng) as i16;
            }
            for e in &mut r.e {
                *e = xorshift(&mut rng) as i8;
            }
        }
        let rows: Vec<u32> = (0..NT).map(|_| (xorshift(&mut rng) % 64) as u32).collect();
        let base = ([5; LANES], [-3; HID]);
        let (mut acc, mut hid) = base;
        for &row in &rows {
            let r = &table[row as usize];
            for (a, &w) in acc.iter_mut().zip(&r.w) {
                *a += i32::from(w);
            }
            for (h, &e) in hid.iter_mut().zip(&r.e) {
                *h += i32::from(e);
            }
        }
        assert_eq!(sum_rows(&table, &rows, base), (acc, hid));
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: AVX2 was just detected.
            assert_eq!(unsafe { sum_rows_avx2(&table, &rows, base) }, (acc, hid));
        }
        // The output layer by columns is the output layer by rows.
        let model = toy_model();
        let net = model.net.as_deref().expect("toy model has a network");
        let sums: [i32; HID] = std::array::from_fn(|_| (xorshift(&mut rng) % 4000) as i32 - 2000);
        let h: [f32; HID] =
            std::array::from_fn(|k| (net.b1[k] + sums[k] as f32 * net.scale).max(0.0));
        let by_columns = net.logits(&sums);
        for (l, &by_column) in by_columns.iter().enumerate() {
            let w: [f32; HID] = std::array::from_fn(|k| net.columns[k][l]);
            let by_row = net.b2[l] + w.iter().zip(&h).map(|(w, h)| w * h).sum::<f32>();
            assert!(
                (by_row - by_column).abs() <= 1e-3 * by_row.abs().max(1.0),
                "{l}"
            );
        }
    }

    #[test]
    fn a_network_alone_learns_the_cue_and_round_trips() {
        let model = toy_model();
        let net = model.net.as_deref().expect("toy model has a network");
        let text = "The governor said the bridge is safe.";
        let p = segment::paragraph(text, 0..text.len());
        let rules = vec![RuleLabel::default(); p.tokens.len()];
        let mut scratch = Scratch::default();
        prepare(text, &p, &rules, &mut scratch.toks, &mut scratch.words);
        let said = p
            .tokens
            .iter()
            .position(|t| &text[t.start..t.end] == "said")
            .expect("said");
        let mut rows = [0u32; NF];
        features(&scratch.toks, &rules, said, &mut rows);
        let (_, hid) = model.sum_both(&rows, ([0; LANES], [0; HID]));
        let logits = net.logits(&hid);
        let best = (0..LABELS)
            .max_by(|&a, &b| logits[a].total_cmp(&logits[b]))
            .unwrap_or(0);
        assert_eq!(best, usize::from(B_CUE), "{logits:?}");
        // Written and read back, the network gives the same scores.
        let back = Tagger::from_bytes(&model.to_bytes()).expect("loads");
        let (_, hid2) = back.sum_both(&rows, ([0; LANES], [0; HID]));
        assert_eq!(hid, hid2);
        assert_eq!(back.net.as_deref().map(|n| n.logits(&hid2)), Some(logits));
        // A model without networks still loads and tags.
        let plain = Tagger {
            net: None,
            spans: None,
            ..model.clone()
        };
        let bytes = plain.to_bytes();
        assert_eq!(Tagger::from_bytes(&bytes).expect("loads").to_bytes(), bytes);
    }

    #[test]
    fn cue_words_between_count_strictly_between_on_either_side() {
        // Cue words at 1, 3 (the cue in focus, 3..5), 5 and 6.
        let flags = [false, true, false, true, false, true, true, false];
        let mut seen = 0;
        let toks: Vec<Tok> = flags
            .iter()
            .map(|&cue| {
                let t = Tok {
                    cues_before: seen,
                    ..Tok::default()
                };
                seen += u16::from(cue);
                t
            })
            .collect();
        let cue = 3..5;
        let counts: Vec<u16> = (0..toks.len())
            .map(|i| cue_words_between(&toks, &cue, i))
            .collect();
        assert_eq!(counts, [1, 0, 0, 0, 0, 0, 1, 2]);
        // A cue at the paragraph's end, and a token past the tokens: nothing, no panic.
        assert_eq!(cue_words_between(&toks, &(7..8), 2), 3);
        assert_eq!(cue_words_between(&toks, &(3..5), 99), 0);
    }

    #[test]
    fn a_focus_spans_the_cues_sentence_and_its_neighbours() {
        let text = "One. Two three. Smith said four. Five six. Seven.";
        let p = segment::paragraph(text, 0..text.len());
        assert_eq!(p.sentences.len(), 5, "{:?}", p.sentences);
        let said = p
            .tokens
            .iter()
            .position(|t| &text[t.start..t.end] == "said")
            .expect("said");
        let f = Focus::around(&p, said..said + 1);
        assert_eq!(f.window, p.sentences[1].start..p.sentences[3].end);
        // At the paragraph's edges the window stops there.
        let f = Focus::around(&p, 0..1);
        assert_eq!(f.window, 0..p.sentences[1].end);
    }

    #[test]
    fn the_span_stage_labels_source_and_content_around_the_pinned_cue() {
        let model = toy_model();
        // "stated" is no cue in the toy data: the span stage takes it as one all the same.
        let text = "The governor stated the bridge is safe.";
        let p = segment::paragraph(text, 0..text.len());
        let rules = vec![RuleLabel::default(); p.tokens.len()];
        let mut scratch = Scratch::default();
        model.tag(text, &p, &rules, &mut scratch);
        let focus = Focus::around(&p, 2..3);
        let labels = model
            .tag_focus(&rules, &mut scratch, &focus)
            .expect("the toy model has a span stage")
            .to_vec();
        let parts: Vec<u8> = labels.iter().map(|&l| part_of(l)).collect();
        assert_eq!(parts[2], 2, "the cue is pinned: {labels:?}");
        assert_eq!(parts.iter().filter(|&&x| x == 2).count(), 1, "{labels:?}");
        assert_eq!(&parts[..2], &[1, 1], "source before the cue: {labels:?}");
        assert!(
            parts[3..7].iter().all(|&x| x == 3),
            "content after: {labels:?}"
        );
        // A focus outside the paragraph is refused, not a panic.
        let far = Focus {
            cue: 50..51,
            window: 0..60,
        };
        assert!(model.tag_focus(&rules, &mut scratch, &far).is_none());
    }

    #[test]
    fn tiny_training_learns_a_cue() {
        let model = toy_model();
        let text = "The governor said the bridge is safe.";
        let p = segment::paragraph(text, 0..text.len());
        let rules = vec![RuleLabel::default(); p.tokens.len()];
        let mut scratch = Scratch::default();
        let labels = model.tag(text, &p, &rules, &mut scratch).to_vec();
        let cue: Vec<&str> = p
            .tokens
            .iter()
            .zip(&labels)
            .filter(|(_, &l)| part_of(l) == 2)
            .map(|(t, _)| &text[t.start..t.end])
            .collect();
        assert_eq!(cue, vec!["said"], "{labels:?}");
    }

    #[test]
    fn decoding_gives_valid_bio_inside_the_text() {
        let model = toy_model();
        let text = "“It is over,” she said. Jones claimed: the vote was fair, and “nobody” agreed";
        let p = segment::paragraph(text, 0..text.len());
        let rules = vec![RuleLabel::default(); p.tokens.len()];
        let mut scratch = Scratch::default();
        let labels = model.tag(text, &p, &rules, &mut scratch).to_vec();
        assert_eq!(labels.len(), p.tokens.len());
        let mut prev = None;
        for &l in &labels {
            assert!((l as usize) < LABELS);
            assert!(allowed(prev, l), "{labels:?}");
            prev = Some(l);
        }
        assert!(p.tokens.iter().all(|t| t.end <= text.len()));
    }

    #[test]
    fn model_round_trips() {
        let model = toy_model();
        let bytes = model.to_bytes();
        let back = Tagger::from_bytes(&bytes).expect("loads");
        assert_eq!(back.to_bytes(), bytes);
        let text = "The governor said the bridge is safe.";
        let p = segment::paragraph(text, 0..text.len());
        let rules = vec![RuleLabel::default(); p.tokens.len()];
        let (mut s1, mut s2) = (Scratch::default(), Scratch::default());
        assert_eq!(
            model.tag(text, &p, &rules, &mut s1),
            back.tag(text, &p, &rules, &mut s2)
        );
        assert!(Tagger::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        assert!(Tagger::from_bytes(b"nonsense").is_err());
    }

    #[test]
    fn embedded_model_loads_when_present() {
        let bytes = include_bytes!("../data/attribution.model");
        if !bytes.is_empty() {
            Tagger::from_bytes(bytes).expect("the committed model loads");
            assert!(embedded().is_some());
        }
    }
}
