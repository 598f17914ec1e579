//! Tokens, quotations and sentences of one paragraph.
//!
//! Quotation marks are paired first, because they decide everything else: a sentence
//! break inside a quotation does not end the attribution around it, and an apostrophe
//! ("protesters'", "don’t") must not open a quotation. Offsets here are byte offsets into
//! the article text.

use crate::article::{first_word, is_blank};
use std::ops::Range;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (with inner apostrophes, hyphens and abbreviation periods) or digits.
    Word,
    /// An opening quotation mark.
    Open,
    /// A closing quotation mark.
    Close,
    /// Any other punctuation character.
    Punct,
}

/// A token of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// How many quotations enclose the token (an opening mark counts itself).
    pub depth: u8,
}

/// A paired quotation, outermost level only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// Byte range from the opening mark to the end of the closing mark (or the paragraph's
    /// end when the quotation is never closed).
    pub span: Range<usize>,
    /// Index of the opening and closing tokens.
    pub open_token: usize,
    pub close_token: Option<usize>,
}

/// One paragraph, segmented.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub span: Range<usize>,
    pub tokens: Vec<Token>,
    /// Token index ranges, one per sentence. Sentence breaks inside quotations are not breaks.
    pub sentences: Vec<Range<usize>>,
    pub quotes: Vec<Quote>,
    /// Byte offsets of closing double quotation marks that close nothing (kept as plain
    /// punctuation in `tokens`); the audit reports them as unbalanced.
    pub stray_closes: Vec<usize>,
}

impl Paragraph {
    pub fn text<'a>(&self, text: &'a str, tok: usize) -> &'a str {
        let t = &self.tokens[tok];
        &text[t.start..t.end]
    }

    /// Whether token `tok` is a unit sign written against the number before it ("4%",
    /// "12‰", "40°"): part of the figure, so a span that ends there keeps it, where other
    /// punctuation at a span's end is trimmed.
    pub fn is_unit_sign(&self, text: &str, tok: usize) -> bool {
        let Some(prev) = tok.checked_sub(1).and_then(|k| self.tokens.get(k)) else {
            return false;
        };
        let t = &self.tokens[tok];
        t.kind == TokenKind::Punct
            && matches!(&text[t.start..t.end], "%" | "‰" | "°")
            && prev.kind == TokenKind::Word
            && prev.end == t.start
            && text[prev.start..prev.end].ends_with(|c: char| c.is_ascii_digit())
    }
}

/// Abbreviations whose period does not end a sentence (lower-cased, without the period),
/// sorted for a binary search (a test checks it).
const ABBREVIATIONS: &[&str] = &[
    "adm", "al", "approx", "apr", "ariz", "atty", "aug", "ave", "blvd", "bros", "calif", "capt",
    "cmdr", "co", "col", "colo", "cols", "conn", "corp", "cpt", "dec", "del", "dept", "dr", "est",
    "etc", "feb", "fig", "fla", "ft", "ga", "gen", "gens", "gov", "hon", "ill", "inc", "ind",
    "insp", "jan", "jr", "jul", "jun", "kan", "ky", "la", "lt", "ltd", "lts", "maj", "mar", "mass",
    "md", "messrs", "mich", "minn", "miss", "mo", "mont", "mr", "mrs", "ms", "mssrs", "mt", "neb",
    "nev", "no", "nos", "nov", "oct", "okla", "ore", "pa", "pres", "prof", "rep", "reps", "rev",
    "sen", "sens", "sep", "sept", "sgt", "sr", "st", "ste", "supt", "tenn", "tex", "univ", "v",
    "va", "vs", "vt", "wash", "wis", "wyo",
];

/// Longest entry of [`ABBREVIATIONS`], in bytes: a longer word is none of them.
const ABBREVIATION_MAX_LEN: usize = 6;

fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    // Initials and dotted acronyms: "J.", "U.S.", "U.N.", "a.m."
    if w.chars().count() == 1 && w.chars().all(char::is_alphabetic) {
        return true;
    }
    if w.contains('.') && w.split('.').all(|p| p.chars().count() <= 2) {
        return true;
    }
    // ASCII lower-casing keeps the length, so longer words need no allocation to rule out.
    if w.len() > ABBREVIATION_MAX_LEN {
        return false;
    }
    let lower = w.to_ascii_lowercase();
    ABBREVIATIONS.binary_search(&lower.as_str()).is_ok()
}

/// Whether the period after a single letter at `b..j` of `s` ends a sentence rather than
/// an initial: "posted on X." at the paragraph's end or before a quotation, or "on X. The
/// club said" (a letter after a lower-case word, then a word no name begins with). "John
/// F. Kennedy" and "by J. Smith" keep their initials.
fn letter_ends_sentence(s: &str, b: usize, j: usize, prev: Option<&str>) -> bool {
    const STARTERS: &[&str] = &[
        "A", "An", "And", "But", "He", "Her", "His", "I", "In", "It", "Its", "She", "That", "The",
        "Their", "There", "These", "They", "This", "Those", "We", "When", "While",
    ];
    if s[b..j].chars().count() != 1 {
        return false;
    }
    let rest = s[j + 1..].trim_start_matches(is_blank);
    let Some(next) = rest.chars().next() else {
        return true;
    };
    if is_quote_char(next) {
        return true;
    }
    let after_lower_word = prev.is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase));
    after_lower_word && STARTERS.contains(&first_word(rest))
}

fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '“'
            | '”'
            | '„'
            | '‟'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '‘'
            | '’'
            | '‚'
            | '\''
            | '`'
            | '＂'
    )
}

/// Whether a quotation mark is a double (`"`-like) or single (`'`-like) mark; marks of the
/// same weight pair with each other whatever their typographic style ("… ” closes “ and ").
fn is_double(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '‟' | '«' | '»' | '＂')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || (c as u32) >= 0x300 && c.is_alphabetic()
}

/// Splits a paragraph into tokens; quotation marks are classified open/close by context.
fn tokenize(text: &str, span: Range<usize>) -> Vec<Token> {
    let s = &text[span.clone()];
    let bytes = s.as_bytes();
    // Positions are byte offsets into `s`, walked a char at a time: decoding on demand
    // costs less than a table of every char (16 bytes each) built per paragraph.
    let at = |p: usize| s.get(p..).and_then(|r| r.chars().next());
    let before = |p: usize| s[..p].chars().next_back();
    let after = |p: usize, c: char| p + c.len_utf8();
    let mut tokens = Vec::with_capacity(s.len() / 4);
    let mut i = 0;
    while let Some(c) = at(i) {
        let b = i;
        if is_blank(c) {
            i = after(i, c);
            continue;
        }
        if is_word_char(c) {
            let mut j = after(i, c);
            while let Some(cj) = at(j) {
                // Most of a word is ASCII letters and digits: skip them as bytes (they are
                // word characters, the first case below).
                let run = bytes[j..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
                    .count();
                if run > 0 {
                    j += run;
                    continue;
                }
                let next_at = after(j, cj);
                let next = at(next_at);
                if is_word_char(cj)
                    || matches!(cj, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}')
                        && next.is_some_and(is_word_char)
                {
                    j = next_at;
                    continue;
                }
                // Inner apostrophe, hyphen, period or comma between word characters:
                // "don’t", "al-Kadhimi", "U.S", "338,000".
                if let Some(n) = next.filter(|&n| {
                    matches!(cj, '\'' | '’' | '-' | '‑' | '.' | ',' | '&') && is_word_char(n)
                }) {
                    if cj == ','
                        && !(before(j).is_some_and(|p| p.is_ascii_digit()) && n.is_ascii_digit())
                    {
                        break;
                    }
                    j = after(next_at, n);
                    continue;
                }
                break;
            }
            // A trailing period belongs to an abbreviation ("Gen.", "U.S.", "J.").
            let mut end = j;
            if at(j) == Some('.')
                && is_abbreviation(&s[b..j])
                && !letter_ends_sentence(
                    s,
                    b,
                    j,
                    tokens.last().map(|t: &Token| &text[t.start..t.end]),
                )
            {
                end = j + 1;
            }
            tokens.push(Token {
                start: span.start + b,
                end: span.start + end,
                kind: TokenKind::Word,
                depth: 0,
            });
            i = end;
            continue;
        }
        // Doubled apostrophes and backticks stand for a double quotation mark ('' and ``).
        if (c == '\'' || c == '`') && at(i + 1) == Some(c) {
            let kind = quote_kind('"', before(i), at(i + 2)).unwrap_or(TokenKind::Punct);
            let kind = if c == '`' { TokenKind::Open } else { kind };
            tokens.push(Token {
                start: span.start + b,
                end: span.start + b + 2,
                kind,
                depth: 0,
            });
            i += 2;
            continue;
        }
        let end = after(b, c);
        let kind = if is_quote_char(c) {
            quote_kind(c, before(i), at(end))
        } else {
            Some(TokenKind::Punct)
        };
        i = end;
        // An apostrophe that is no quotation mark ("protesters' votes") joins the word before.
        match kind {
            None => {
                if let Some(last) = tokens.last_mut() {
                    if last.end == span.start + b && last.kind == TokenKind::Word {
                        last.end = span.start + end;
                        continue;
                    }
                }
                tokens.push(Token {
                    start: span.start + b,
                    end: span.start + end,
                    kind: TokenKind::Punct,
                    depth: 0,
                });
            }
            Some(kind) => tokens.push(Token {
                start: span.start + b,
                end: span.start + end,
                kind,
                depth: 0,
            }),
        }
    }
    tokens
}

/// Open, close, or `None` for an apostrophe.
fn quote_kind(c: char, prev: Option<char>, next: Option<char>) -> Option<TokenKind> {
    let prev_space = prev.is_none_or(|p| is_blank(p) || "([{—–-/".contains(p) || is_quote_char(p));
    let next_space =
        next.is_none_or(|n| is_blank(n) || ".,;:!?)]}—–-/".contains(n) || is_quote_char(n));
    match c {
        '“' | '„' | '‟' | '«' | '‹' => Some(TokenKind::Open),
        '”' | '»' | '›' => Some(TokenKind::Close),
        '‘' | '‚' | '`' => {
            if prev.is_some_and(is_word_char) && next.is_some_and(is_word_char) {
                None
            } else {
                Some(TokenKind::Open)
            }
        }
        _ => {
            // ' ’ " ＂: decided by the neighbours.
            let single = !is_double(c);
            if single && prev.is_some_and(is_word_char) && next.is_some_and(is_word_char) {
                return None; // don’t, al-Kadhimi’s
            }
            if prev_space && !next_space {
                Some(TokenKind::Open)
            } else if next_space && !prev_space {
                if single && prev.is_some_and(|p| p == 's' || p == 'S') {
                    // "protesters' votes": possessive unless a single quotation is open;
                    // the pairing pass decides (see `pair_quotes`).
                    return Some(TokenKind::Close);
                }
                Some(TokenKind::Close)
            } else if single && prev.is_some_and(is_word_char) {
                None
            } else if prev_space {
                Some(TokenKind::Open)
            } else {
                Some(TokenKind::Close)
            }
        }
    }
}

/// Pairs quotation marks with a stack, sets token depths and returns the outermost quotes.
///
/// Marks pair by weight (double with double, single with single) so a quotation opened
/// with “ and closed with " still pairs. A closing single mark with no open single
/// quotation is an apostrophe ("protesters' "). A quotation never closed runs to the end
/// of the paragraph, as newswire does when a quotation continues in the next paragraph.
fn pair_quotes(
    text: &str,
    tokens: &mut Vec<Token>,
    para_end: usize,
    stray_closes: &mut Vec<usize>,
) -> Vec<Quote> {
    let mut stack: Vec<(usize, bool)> = Vec::new(); // (token index, double?)
    let mut quotes = Vec::new();
    let mut drop = Vec::new();
    for i in 0..tokens.len() {
        let t = tokens[i];
        // Whether a quotation mark is a double one; only marks need to know.
        let double = || {
            let c = text[t.start..t.end].chars().next().unwrap_or(' ');
            is_double(c) || t.end - t.start == 2 && matches!(c, '\'' | '`')
        };
        match t.kind {
            TokenKind::Open => {
                // Three levels deep is plenty; deeper marks are treated as plain text.
                if stack.len() < 8 {
                    stack.push((i, double()));
                }
                tokens[i].depth = stack.len() as u8;
            }
            TokenKind::Close => {
                let double = double();
                if let Some(pos) = stack.iter().rposition(|&(_, d)| d == double) {
                    tokens[i].depth = (pos + 1) as u8;
                    let (open, _) = stack[pos];
                    stack.truncate(pos);
                    if pos == 0 {
                        quotes.push(Quote {
                            span: tokens[open].start..t.end,
                            open_token: open,
                            close_token: Some(i),
                        });
                    }
                } else if !double {
                    // An apostrophe after all: glue it to the word before.
                    drop.push(i);
                    tokens[i].depth = stack.len() as u8;
                } else {
                    // A stray closing mark: plain punctuation.
                    stray_closes.push(t.start);
                    tokens[i].kind = TokenKind::Punct;
                    tokens[i].depth = stack.len() as u8;
                }
            }
            _ => tokens[i].depth = stack.len() as u8,
        }
    }
    if let Some(&(open, _)) = stack.first() {
        quotes.push(Quote {
            span: tokens[open].start..para_end,
            open_token: open,
            close_token: None,
        });
    }
    quotes.sort_by_key(|q| q.span.start);
    if !drop.is_empty() {
        // Merge apostrophes into the preceding word, then fix the quote token indices.
        let mut keep = Vec::with_capacity(tokens.len());
        let mut remap = vec![0usize; tokens.len()];
        for (i, t) in tokens.iter().enumerate() {
            if drop.binary_search(&i).is_ok() {
                if let Some(last) = keep.last_mut() {
                    let last: &mut Token = last;
                    if last.end == t.start && last.kind == TokenKind::Word {
                        last.end = t.end;
                        remap[i] = keep.len() - 1;
                        continue;
                    }
                }
                remap[i] = keep.len();
                keep.push(Token {
                    kind: TokenKind::Punct,
                    ..*t
                });
                continue;
            }
            remap[i] = keep.len();
            keep.push(*t);
        }
        for q in &mut quotes {
            q.open_token = remap[q.open_token];
            q.close_token = q.close_token.map(|c| remap[c]);
        }
        *tokens = keep;
    }
    quotes
}

/// Sentence breaks, outside quotations only, or where a quotation closes right after the
/// end of its sentence (“… the refugees.” The return …).
fn sentences(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..tokens.len() {
        let t = tokens[i];
        if t.kind != TokenKind::Punct {
            continue;
        }
        let c = &text[t.start..t.end];
        if !matches!(c, "." | "!" | "?" | "…") {
            continue;
        }
        // Closing quotation marks right after the period belong to this sentence.
        let mut end = i + 1;
        while end < tokens.len()
            && tokens[end].kind == TokenKind::Close
            && tokens[end].start == tokens[end - 1].end
        {
            end += 1;
        }
        // Inside a quotation, only a period that the quotation's last marks follow ends a
        // sentence: "We came. We saw," stays one.
        // A new quotation may open right after: "… from day one." "Nobody can …"
        let closes_all = end > i + 1 && tokens[end - 1].depth <= 1;
        if t.depth > 0
            && (end == i + 1
                || tokens
                    .get(end)
                    .is_some_and(|n| n.depth > 0 && !(closes_all && n.kind == TokenKind::Open)))
        {
            continue;
        }
        let next = tokens.get(end);
        let breaks = match next {
            None => true,
            Some(n) => {
                let first = text[n.start..n.end].chars().next().unwrap_or(' ');
                first.is_uppercase() || first.is_ascii_digit() || n.kind == TokenKind::Open
            }
        };
        if breaks && end > start {
            out.push(start..end);
            start = end;
        }
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    // No real sentence runs this long; cut pathological ones (an unclosed quotation over a
    // whole page, a file with no punctuation) at a comma so that the work per claim stays
    // bounded and extraction stays linear in the text's length.
    let mut bounded = Vec::with_capacity(out.len());
    for r in out {
        let mut a = r.start;
        while r.end - a > MAX_SENTENCE_TOKENS {
            let hard = a + MAX_SENTENCE_TOKENS;
            let cut = (a + MAX_SENTENCE_TOKENS / 2..hard)
                .rev()
                .find(|&i| {
                    tokens[i].kind == TokenKind::Punct
                        && matches!(&text[tokens[i].start..tokens[i].end], "," | ";" | ":")
                })
                .map_or(hard, |i| i + 1);
            bounded.push(a..cut);
            a = cut;
        }
        bounded.push(a..r.end);
    }
    bounded
}

/// Longest sentence, in tokens, before it is cut.
const MAX_SENTENCE_TOKENS: usize = 400;

/// Segments the paragraph at byte range `span` of `text`.
pub fn paragraph(text: &str, span: Range<usize>) -> Paragraph {
    let mut tokens = tokenize(text, span.clone());
    let mut stray_closes = Vec::new();
    let quotes = pair_quotes(text, &mut tokens, span.end, &mut stray_closes);
    let sentences = sentences(text, &tokens);
    Paragraph {
        span,
        tokens,
        sentences,
        quotes,
        stray_closes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let p = paragraph(text, 0..text.len());
        p.tokens
            .iter()
            .map(|t| text[t.start..t.end].to_owned())
            .collect()
    }

    fn sents(text: &str) -> Vec<String> {
        let p = paragraph(text, 0..text.len());
        p.sentences
            .iter()
            .map(|r| text[p.tokens[r.start].start..p.tokens[r.end - 1].end].to_owned())
            .collect()
    }

    #[test]
    fn abbreviation_list_is_sorted() {
        for w in ABBREVIATIONS.windows(2) {
            assert!(w[0] < w[1], "{} then {}", w[0], w[1]);
        }
        let longest = ABBREVIATIONS.iter().map(|w| w.len()).max();
        assert_eq!(longest, Some(ABBREVIATION_MAX_LEN));
    }

    #[test]
    fn words_join_across_inner_marks_of_any_width() {
        let text = "Al‑Kadhimi’s guards: 338,000 in the U.S. don’t co\u{200B}operate, \
                    protesters' cars «naïve» ''so'' 1, 2";
        let p = paragraph(text, 0..text.len());
        let words: Vec<&str> = p.tokens.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(
            words,
            [
                "Al‑Kadhimi’s",
                "guards",
                ":",
                "338,000",
                "in",
                "the",
                "U.S.",
                "don’t",
                "co\u{200B}operate",
                ",",
                "protesters'",
                "cars",
                "«",
                "naïve",
                "»",
                "''",
                "so",
                "''",
                "1",
                ",",
                "2"
            ]
        );
        let kinds: Vec<TokenKind> = p.tokens.iter().map(|t| t.kind).collect();
        assert_eq!(kinds[12], TokenKind::Open);
        assert_eq!(kinds[14], TokenKind::Close);
        assert_eq!(kinds[15], TokenKind::Open);
        assert_eq!(kinds[17], TokenKind::Close);
    }

    #[test]
    fn abbreviations_do_not_split() {
        let s = sents("Maj. Gen. John Smith of the U.S. Army said so. Dr. J. Doe met him in Sept. last year. It rained.");
        assert_eq!(s.len(), 3, "{s:?}");
        assert!(s[0].ends_with("said so."));
    }

    #[test]
    fn a_letter_after_a_lower_case_word_can_end_a_sentence() {
        let s = sents("Holt said in a post on X. The club said it would appoint a coach.");
        assert_eq!(
            s,
            vec![
                "Holt said in a post on X.",
                "The club said it would appoint a coach."
            ]
        );
        let s = sents("It chose plan B. “We had no choice,” she said.");
        assert_eq!(s.len(), 2, "{s:?}");
        let s = sents("She wrote on X.");
        assert_eq!(
            words("She wrote on X.").last().map(String::as_str),
            Some("."),
            "{s:?}"
        );
        // Initials stay initials, whatever comes before them.
        let s = sents("It was written by J. Smith and John F. Kennedy. Then we left.");
        assert_eq!(s.len(), 2, "{s:?}");
    }

    #[test]
    fn quotes_hold_sentences_together() {
        let s = sents("“We came. We saw,” she said. Then we left.");
        assert_eq!(s, vec!["“We came. We saw,” she said.", "Then we left."]);
        // A quotation that closes on its sentence's end ends the sentence.
        let s = sents("It had been \"brutal.\" \"Nobody can do it,\" he said.");
        assert_eq!(
            s,
            vec!["It had been \"brutal.\"", "\"Nobody can do it,\" he said."]
        );
        let s = sents("He said: “Let them stay.” The return is a step. “Go.” she said.");
        assert_eq!(
            s,
            vec![
                "He said: “Let them stay.”",
                "The return is a step.",
                "“Go.” she said."
            ]
        );
        let s = sents("He said: “It ends ‘here.’ Or not,” and left.");
        assert_eq!(s, vec!["He said: “It ends ‘here.’ Or not,” and left."]);
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        let text = "The protesters' votes and al-Kadhimi’s home don’t count, she said.";
        let p = paragraph(text, 0..text.len());
        assert!(p.quotes.is_empty(), "{:?}", p.quotes);
        assert!(words(text).contains(&"protesters'".to_owned()));
        assert!(words(text).contains(&"al-Kadhimi’s".to_owned()));
    }

    #[test]
    fn mixed_styles_pair_by_weight() {
        let text = "He said “it was fine\" and left.";
        let p = paragraph(text, 0..text.len());
        assert_eq!(p.quotes.len(), 1);
        assert_eq!(&text[p.quotes[0].span.clone()], "“it was fine\"");
    }

    #[test]
    fn unclosed_quote_runs_to_paragraph_end() {
        let text = "She said: “It will never end. Never";
        let p = paragraph(text, 0..text.len());
        assert_eq!(p.quotes.len(), 1);
        assert_eq!(p.quotes[0].span.end, text.len());
        assert!(p.quotes[0].close_token.is_none());
    }

    #[test]
    fn nested_three_deep() {
        let text = "He said “she told me ‘they wrote «no»’ today” and went.";
        let p = paragraph(text, 0..text.len());
        assert_eq!(p.quotes.len(), 1);
        assert!(p.tokens.iter().any(|t| t.depth == 3));
    }

    #[test]
    fn doubled_apostrophes_are_double_quotes() {
        let text = "It became ''the high mark,'' according to him.";
        let p = paragraph(text, 0..text.len());
        assert_eq!(p.quotes.len(), 1);
        assert_eq!(&text[p.quotes[0].span.clone()], "''the high mark,''");
    }

    #[test]
    fn numbers_keep_commas_and_points() {
        assert!(words("About 338,000 people, 2.5 million.").contains(&"338,000".to_owned()));
        assert!(words("About 338,000 people, 2.5 million.").contains(&"2.5".to_owned()));
    }
}
