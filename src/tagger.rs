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

use std::sync::OnceLock;

use crate::lexicon;
use crate::segment::{Paragraph, TokenKind};
use crate::wordclass;

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
const NF: usize = 43;
/// Bumped whenever the features change: a model trained on other features is refused.
const FEATURES_VERSION: u32 = 4;
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
    scores: Vec<[f32; LABELS]>,
    back: Vec<[u8; LABELS]>,
    labels: Vec<u8>,
    words: WordCache,
}

/// The lexicon lookups of a word (its cue-verb class and WordNet classes), remembered in a
/// small direct-mapped table: words repeat, and the table fits in the fastest cache while
/// the lexicons do not.
#[derive(Debug, Default)]
struct WordCache {
    /// `(word hash, WordNet classes, cue class + 1)`; empty until first used.
    slots: Vec<(u64, u32, u8)>,
}

const WORD_CACHE: usize = 8192;

impl WordCache {
    fn get(&mut self, w: u64, s: &str) -> (u32, u8) {
        if self.slots.is_empty() {
            // A hash of 0 would be taken for a cached word: no real word hashes to it
            // (the seed is not 0 and every step multiplies by an odd constant), and a
            // wrong hit would only cost a feature.
            self.slots = vec![(0, 0, 0); WORD_CACHE];
        }
        let slot = &mut self.slots[(w >> 51) as usize & (WORD_CACHE - 1)];
        if slot.0 != w {
            let cue = lexicon::cue_verb_hashed(w, s).map_or(0, |c| c as u8 + 1);
            *slot = (w, wordclass::of_hash(w).0, cue);
        }
        (slot.1, slot.2)
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
    for t in &p.tokens {
        let s = &text[t.start..t.end];
        let b = s.as_bytes();
        let n = b.len();
        let w = word_hash(s);
        let (wc, cue) = if t.kind == TokenKind::Word {
            words.get(w, s)
        } else {
            (0, 0)
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
            ..Tok::default()
        });
    }
    for sent in &p.sentences {
        let (a, b) = (sent.start, sent.end.min(toks.len()));
        if a >= b {
            continue;
        }
        let rule_cue = |i: usize| {
            rules
                .get(i)
                .is_some_and(|r| r.part == 2 && r.begin && !r.nested)
        };
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
const FEATURE_SEEDS: [u64; NF] = {
    let mut seeds = [0u64; NF];
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut k = 0;
    while k < NF {
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
fn features(toks: &[Tok], rules: &[RuleLabel], i: usize, out: &mut [u32; NF]) {
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
    ];
    // One multiply per feature: the value, keyed by the feature's own seed, top bits kept.
    for ((o, v), seed) in out.iter_mut().zip(vals).zip(FEATURE_SEEDS) {
        *o = ((v ^ seed).wrapping_mul(K) >> (64 - BITS)) as u32;
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

/// A trained model, as used for tagging: weights quantised to 16 bits, one 16-byte row per
/// feature bucket (1 MB in all, small enough to stay in a core's cache).
#[derive(Debug, Clone)]
pub struct Tagger {
    rows: Vec<[i16; LANES]>,
    /// Value of one quantisation step.
    scale: f32,
    trans: [[f32; LABELS]; LABELS],
    start: [f32; LABELS],
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

/// Fills `scratch.feats` with every token's feature rows.
fn all_features(rules: &[RuleLabel], scratch: &mut Scratch) {
    let n = scratch.toks.len();
    scratch.feats.clear();
    scratch.feats.resize(n * NF, 0);
    let mut f = [0u32; NF];
    for i in 0..n {
        features(&scratch.toks, rules, i, &mut f);
        scratch.feats[i * NF..(i + 1) * NF].copy_from_slice(&f);
    }
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
    fn decode(&self, rules: &[RuleLabel], scratch: &mut Scratch) {
        all_features(rules, scratch);
        let n = scratch.toks.len();
        scratch.scores.clear();
        scratch.scores.resize(n, [0.0; LABELS]);
        for i in 0..n {
            let s = &mut scratch.scores[i];
            for &row in &scratch.feats[i * NF..(i + 1) * NF] {
                let w = &self.w[row as usize * LABELS..(row as usize + 1) * LABELS];
                for l in 0..LABELS {
                    s[l] += w[l];
                }
            }
        }
        viterbi(&self.trans, &self.start, scratch);
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
            rows: vec![[0; LANES]; ROWS],
            scale,
            trans: [[0.0; LABELS]; LABELS],
            start: [0.0; LABELS],
        };
        for (row, w) in t.rows.iter_mut().zip(self.w.chunks_exact(LABELS)) {
            for (d, &s) in row.iter_mut().zip(w) {
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
        let n = scratch.toks.len();
        scratch.scores.clear();
        scratch.scores.resize(n, [0.0; LABELS]);
        let mut f = [0u32; NF];
        for i in 0..n {
            features(&scratch.toks, rules, i, &mut f);
            let mut acc = [0i32; LANES];
            for &row in &f {
                let w = &self.rows[row as usize];
                for l in 0..LANES {
                    acc[l] += i32::from(w[l]);
                }
            }
            for (s, &a) in scratch.scores[i].iter_mut().zip(&acc) {
                *s = a as f32 * self.scale;
            }
        }
        viterbi(&self.trans, &self.start, scratch);
        &scratch.labels
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
            .filter(|&r| self.rows[r].iter().any(|&w| w != 0))
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
            for &w in &self.rows[r][..LABELS] {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        out
    }

    /// Reads a model written by [`Tagger::to_bytes`].
    pub fn from_bytes(b: &[u8]) -> Result<Tagger, String> {
        let mut r = Reader { b, at: 0 };
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
            rows: vec![[0; LANES]; ROWS],
            scale,
            trans: [[0.0; LABELS]; LABELS],
            start: [0.0; LABELS],
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
                t.rows[row][l] = i16::from_le_bytes(r.array()?);
            }
        }
        if r.at != b.len() {
            return Err("trailing bytes after the model".into());
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
    pub gold: &'a [u8],
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
        // Fisher–Yates with xorshift64.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &k in &order {
            let ex = &examples[k];
            prepare(
                ex.text,
                ex.paragraph,
                ex.rules,
                &mut scratch.toks,
                &mut scratch.words,
            );
            model.decode(ex.rules, &mut scratch);
            let pred = &scratch.labels;
            if pred.as_slice() != ex.gold {
                let mut prev_g: Option<u8> = None;
                let mut prev_p: Option<u8> = None;
                for (i, (&g, &p)) in ex.gold.iter().zip(pred.iter()).enumerate() {
                    if g != p {
                        for &row in &scratch.feats[i * NF..(i + 1) * NF] {
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
            })
            .collect();
        train(&examples, 5, 7)
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
