//! Reading an article: decoding, layout (headline, dateline, body, page furniture), metadata
//! and the byte ↔ code-point offset map.
//!
//! The text is kept exactly as decoded (minus a leading byte-order mark) so that every
//! offset the tool reports points at the characters a reader sees in the file. Oddities
//! such as CRLF, NBSP, zero-width and control characters are not rewritten; the tokenizer
//! treats them as whitespace or ignores them instead.

use std::ops::Range;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::model::Metadata;

/// Why an article could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ArticleError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not valid UTF-8: invalid byte sequence at byte offset {offset}")]
    InvalidUtf8 { path: PathBuf, offset: usize },
    #[error("{path}: looks like a binary file (NUL byte at byte offset {offset}); claimtrace reads plain-text articles")]
    Binary { path: PathBuf, offset: usize },
    #[error("{path}: the article is empty (no text to read)")]
    Empty { path: PathBuf },
}

/// Converts byte offsets of one text to code-point offsets.
///
/// Keeps the code-point count at every 64th byte, so a lookup scans at most 63 bytes and
/// the table costs 1/8 of the text's size in memory at worst (and nothing for ASCII text).
#[derive(Debug, Clone)]
pub struct OffsetMap {
    ascii: bool,
    /// Code points before byte `64 * i`.
    blocks: Vec<u32>,
}

const BLOCK: usize = 64;

impl OffsetMap {
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return OffsetMap {
                ascii: true,
                blocks: Vec::new(),
            };
        }
        let bytes = text.as_bytes();
        let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut count: u32 = 0;
        for chunk in bytes.chunks(BLOCK) {
            blocks.push(count);
            // A code point starts at every byte that is not a continuation byte.
            count += chunk.iter().filter(|&&b| (b as i8) >= -0x40).count() as u32;
        }
        // A closing entry, so that the text's end is found even when its length is a
        // multiple of the block size.
        blocks.push(count);
        OffsetMap {
            ascii: false,
            blocks,
        }
    }

    /// Code-point offset of byte offset `byte` (which must lie on a char boundary of the text).
    pub fn to_char(&self, text: &str, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        let block = byte / BLOCK;
        let Some(&base) = self.blocks.get(block) else {
            // Past the end: clamp, as `to_byte` does.
            return self.blocks.last().copied().unwrap_or(0) as usize;
        };
        let base = base as usize;
        let from = block * BLOCK;
        let tail = &text.as_bytes()[from.min(text.len())..byte.min(text.len())];
        base + tail.iter().filter(|&&b| (b as i8) >= -0x40).count()
    }
}

impl OffsetMap {
    /// Byte offset of code-point offset `ch` (clamped to the text's end).
    pub fn to_byte(&self, text: &str, ch: usize) -> usize {
        if self.ascii {
            return ch.min(text.len());
        }
        // Last block starting at or before `ch` code points.
        let block = self
            .blocks
            .partition_point(|&c| (c as usize) <= ch)
            .saturating_sub(1);
        let mut count = self.blocks.get(block).copied().unwrap_or(0) as usize;
        let mut b = (block * BLOCK).min(text.len());
        // Step to a char boundary (a block may start mid-character).
        while b < text.len() && !text.is_char_boundary(b) {
            b += 1;
        }
        for (i, _) in text[b..].char_indices() {
            if count == ch {
                return b + i;
            }
            count += 1;
        }
        text.len()
    }
}

/// Byte offset of the code-point offset `ch` in `text`, or `None` past the end.
pub fn char_to_byte(text: &str, ch: usize) -> Option<usize> {
    if ch == 0 {
        return Some(0);
    }
    match text.char_indices().nth(ch) {
        Some((b, _)) => Some(b),
        None if text.chars().count() == ch => Some(text.len()),
        None => None,
    }
}

/// Where the parts of an article lie, as byte ranges into [`Article::text`].
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub headline: Option<Range<usize>>,
    /// A date line ("November 7, 2021 - 0:0") or a place dateline opening the body ("TEHRAN -").
    pub dateline: Vec<Range<usize>>,
    /// Body paragraphs, in order, page furniture excluded.
    pub paragraphs: Vec<Range<usize>>,
    /// Trailing page furniture ("Leave a Comment", share buttons, a captcha).
    pub furniture: Vec<Range<usize>>,
}

impl Layout {
    /// Where paragraph `p`'s text starts: after a place dateline that opens it ("TEHRAN -"),
    /// which is not part of its first sentence.
    pub fn text_start(&self, p: &Range<usize>) -> usize {
        self.dateline
            .iter()
            .find(|d| d.start == p.start)
            .map_or(p.start, |d| d.end)
    }
}

/// A decoded article.
#[derive(Debug, Clone)]
pub struct Article {
    pub path: PathBuf,
    pub text: String,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
    pub meta: Metadata,
    pub layout: Layout,
    offsets: OffsetMap,
}

impl Article {
    /// Reads and decodes the file at `path`.
    pub fn load(path: &Path) -> Result<Article, ArticleError> {
        let bytes = std::fs::read(path).map_err(|source| ArticleError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Article::from_bytes(path, &bytes)
    }

    /// Decodes an article from its bytes; `path` is only used in messages and metadata.
    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Article, ArticleError> {
        let sha256 = hex_sha256(bytes);
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let bom = bytes.len() - body.len();
        if let Some(offset) = memchr_nul(body) {
            return Err(ArticleError::Binary {
                path: path.to_path_buf(),
                offset: offset + bom,
            });
        }
        let text = match std::str::from_utf8(body) {
            Ok(t) => t.to_owned(),
            Err(e) => {
                return Err(ArticleError::InvalidUtf8 {
                    path: path.to_path_buf(),
                    offset: e.valid_up_to() + bom,
                })
            }
        };
        if text.chars().all(is_blank) {
            return Err(ArticleError::Empty {
                path: path.to_path_buf(),
            });
        }
        Ok(Article::from_text(path, text, sha256))
    }

    /// Builds an article from already decoded text (tests, benchmarks).
    pub fn from_str(path: &Path, text: &str) -> Article {
        Article::from_text(path, text.to_owned(), hex_sha256(text.as_bytes()))
    }

    fn from_text(path: &Path, text: String, sha256: String) -> Article {
        let layout = layout(&text);
        let meta = metadata(&text, &layout);
        let offsets = OffsetMap::new(&text);
        Article {
            path: path.to_path_buf(),
            text,
            sha256,
            meta,
            layout,
            offsets,
        }
    }

    /// Code-point offset of a byte offset into [`Article::text`].
    pub fn char_offset(&self, byte: usize) -> usize {
        self.offsets.to_char(&self.text, byte)
    }

    /// Byte offset of a code-point offset into [`Article::text`].
    pub fn byte_offset(&self, ch: usize) -> usize {
        self.offsets.to_byte(&self.text, ch)
    }

    /// An [`crate::model::Anchor`] for a byte range.
    pub fn anchor(&self, range: Range<usize>) -> crate::model::Anchor {
        crate::model::Anchor {
            text: self.text[range.clone()].to_owned(),
            start: self.char_offset(range.start),
            end: self.char_offset(range.end),
        }
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn hex_sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// The first run of letters and digits in `s` ("" if it opens on none): "raising" in
/// "raising concerns", "" in " said".
pub fn first_word(s: &str) -> &str {
    s.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("")
}

/// Whitespace for the tokenizer: Unicode spaces (NBSP included), zero-width characters
/// and control characters.
pub fn is_blank(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

/// Lines with their byte ranges (line terminator excluded; CRLF and CR handled).
fn lines(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push(start..i);
                start = i + 1;
            }
            b'\r' => {
                out.push(start..i);
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < bytes.len() {
        out.push(start..bytes.len());
    }
    out
}

/// Trims blank characters off both ends of a byte range.
pub fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start_matches(is_blank).len();
    let trail = s.len() - s.trim_end_matches(is_blank).len();
    if lead == s.len() {
        return r.start..r.start;
    }
    r.start + lead..r.end - trail
}

/// Words that, alone on a trailing line, are page furniture rather than article text.
const FURNITURE: &[&str] = &[
    "leave a comment",
    "leave a reply",
    "comments",
    "share",
    "share this",
    "share this article",
    "tweet",
    "print",
    "email",
    "related",
    "related articles",
    "read more",
    "advertisement",
    "subscribe",
    "follow us",
];

fn is_furniture(line: &str) -> bool {
    let l = line.trim_matches(is_blank).to_lowercase();
    if FURNITURE.contains(&l.trim_end_matches(':')) {
        return true;
    }
    // Captchas and counters: digits and operators only ("3 + 15 =").
    if !l.is_empty()
        && l.chars()
            .all(|c| c.is_ascii_digit() || " +-*=x×?".contains(c) || is_blank(c))
        && l.contains('=')
    {
        return true;
    }
    false
}

/// Splits the text into headline, date line, body paragraphs and trailing furniture.
///
/// A paragraph is a non-blank line (wire copy puts one paragraph per line; blank lines
/// between paragraphs are common but not required).
pub fn layout(text: &str) -> Layout {
    let mut paras: Vec<Range<usize>> = lines(text)
        .into_iter()
        .map(|r| trim_range(text, r))
        .filter(|r| !r.is_empty())
        .collect();
    let mut out = Layout::default();
    // Trailing furniture.
    while let Some(last) = paras.last() {
        if is_furniture(&text[last.clone()]) {
            out.furniture.insert(0, last.clone());
            paras.pop();
        } else {
            break;
        }
    }
    let mut iter = paras.into_iter().peekable();
    // Headline: a first line with no sentence-final period and not too long.
    if let Some(first) = iter.peek().cloned() {
        let s = &text[first.clone()];
        let n_words = s.split_whitespace().count();
        if n_words <= 25 && !s.ends_with('.') || n_words <= 12 {
            out.headline = Some(first);
            iter.next();
        }
    }
    // A date line right after the headline.
    if let Some(next) = iter.peek().cloned() {
        if parse_date(&text[next.clone()]).is_some() && text[next.clone()].len() < 60 {
            out.dateline.push(next);
            iter.next();
        }
    }
    // A place dateline opens one of the first body paragraphs: a standfirst or a second
    // headline line may come before it.
    let mut place_found = false;
    for (i, p) in iter.enumerate() {
        if i < 3 && !place_found {
            if let Some(end) = place_dateline(&text[p.clone()]) {
                out.dateline.push(p.start..p.start + end);
                place_found = true;
            }
        }
        out.paragraphs.push(p);
    }
    out
}

/// Length in bytes of a place dateline opening a paragraph: "TEHRAN -", "WASHINGTON (Reuters) —",
/// "BAGHDAD, Nov 7 (AP) –". Upper-case words, optional credit in parentheses, then a dash.
pub fn place_dateline(p: &str) -> Option<usize> {
    let head: String = p.chars().take(80).collect();
    for dash in [" - ", " — ", " – ", " -- "] {
        if let Some(i) = head.find(dash) {
            let before = &head[..i];
            let letters: Vec<char> = before.chars().filter(|c| c.is_alphabetic()).collect();
            if letters.is_empty() {
                continue;
            }
            // The place name is in capitals; whatever follows in parentheses is a credit.
            let place = before.split('(').next().unwrap_or(before);
            let place = place.split(',').next().unwrap_or(place);
            let caps = place
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase());
            if caps
                && place.chars().any(|c| c.is_alphabetic())
                && before.split_whitespace().count() <= 8
            {
                return Some(i + dash.len() - 1);
            }
        }
    }
    None
}

/// Reads a date such as "November 7, 2021", "7 November 2021", "Nov. 7, 2021" or
/// "2021-11-07" at the start of a line; returns it as ISO 8601.
pub fn parse_date(line: &str) -> Option<String> {
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .take(4)
        .collect();
    let num = |w: &str| -> Option<u32> {
        let w = w.trim_end_matches(|c: char| c.is_alphabetic() || c == '.');
        w.parse().ok()
    };
    if let Some(first) = words.first() {
        let first = first.get(..10).unwrap_or(first);
        let parts: Vec<&str> = first.split('-').collect();
        if parts.len() == 3 && parts[0].len() == 4 {
            if let (Ok(y), Ok(m), Ok(d)) = (
                parts[0].parse::<u32>(),
                parts[1].parse::<u32>(),
                parts[2].parse::<u32>(),
            ) {
                if (1..=12).contains(&m) && (1..=31).contains(&d) {
                    return Some(format!("{y:04}-{m:02}-{d:02}"));
                }
            }
        }
    }
    if words.len() < 3 {
        return None;
    }
    let valid = |y: u32, m: u32, d: u32| {
        (1800..=2200).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)
    };
    // Month D, YYYY
    if let (Some(m), Some(d), Some(y)) = (
        crate::lexicon::month_number(words[0]),
        num(words[1]),
        num(words[2]),
    ) {
        if valid(y, m, d) {
            return Some(format!("{y:04}-{m:02}-{d:02}"));
        }
    }
    // D Month YYYY
    if let (Some(d), Some(m), Some(y)) = (
        num(words[0]),
        crate::lexicon::month_number(words[1]),
        num(words[2]),
    ) {
        if valid(y, m, d) {
            return Some(format!("{y:04}-{m:02}-{d:02}"));
        }
    }
    None
}

/// Metadata read off the text itself: the headline as title, the date line, a URL line,
/// and an outlet named by a wire credit ("(Reuters) -", "(AP) —"). The claim store's
/// reviewed metadata overrides all of it.
fn metadata(text: &str, layout: &Layout) -> Metadata {
    let mut meta = Metadata {
        title: layout.headline.clone().map(|r| text[r].to_owned()),
        ..Metadata::default()
    };
    for r in &layout.dateline {
        if meta.date.is_none() {
            meta.date = parse_date(&text[r.clone()]);
        }
        let d = &text[r.clone()];
        if let (Some(a), Some(b)) = (d.find('('), d.find(')')) {
            if a < b {
                meta.outlet = Some(crate::lexicon::outlet_name(&d[a + 1..b]));
            }
        }
    }
    for p in layout.paragraphs.iter().chain(layout.furniture.iter()) {
        let s = &text[p.clone()];
        if let Some(i) = s.find("http://").or_else(|| s.find("https://")) {
            let url: String = s[i..].chars().take_while(|c| !c.is_whitespace()).collect();
            meta.url = Some(url);
            break;
        }
    }
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(s: &str) -> Article {
        Article::from_bytes(Path::new("t.txt"), s.as_bytes()).expect("valid")
    }

    #[test]
    fn offsets_are_code_points() {
        let text = "é“a”ü\u{1F600}x";
        let m = OffsetMap::new(text);
        let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        for (i, b) in bytes.iter().enumerate() {
            assert_eq!(m.to_char(text, *b), i);
            assert_eq!(char_to_byte(text, i), Some(*b));
        }
        assert_eq!(m.to_char(text, text.len()), text.chars().count());
    }

    #[test]
    fn text_end_is_found_at_every_length() {
        // Lengths around block boundaries, including exact multiples of the block size.
        for n in 0..200 {
            let text: String = "é".repeat(n / 2) + &"a".repeat(n % 2);
            let m = OffsetMap::new(&text);
            let chars = text.chars().count();
            assert_eq!(m.to_char(&text, text.len()), chars, "len {}", text.len());
            assert_eq!(m.to_byte(&text, chars), text.len(), "len {}", text.len());
            assert_eq!(m.to_byte(&text, chars + 5), text.len());
        }
    }

    #[test]
    fn offsets_cross_blocks() {
        let text: String = "ab“cd”é ".repeat(50);
        let m = OffsetMap::new(&text);
        for (i, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(m.to_char(&text, b), i);
            assert_eq!(m.to_byte(&text, i), b);
        }
    }

    #[test]
    fn bom_is_not_text() {
        let a = Article::from_bytes(Path::new("b.txt"), b"\xEF\xBB\xBFHello said he.").unwrap();
        assert_eq!(a.text, "Hello said he.");
    }

    #[test]
    fn invalid_utf8_names_offset() {
        let e = Article::from_bytes(Path::new("bad.txt"), b"abc\xFFdef").unwrap_err();
        assert!(matches!(e, ArticleError::InvalidUtf8 { offset: 3, .. }));
        assert!(e.to_string().contains("bad.txt"));
        assert!(e.to_string().contains("byte offset 3"));
    }

    #[test]
    fn binary_and_empty_are_errors() {
        let e = Article::from_bytes(Path::new("x.bin"), b"PK\x03\x04\x00\x00").unwrap_err();
        assert!(matches!(e, ArticleError::Binary { offset: 4, .. }));
        let e = Article::from_bytes(Path::new("e.txt"), b" \n\r\n\t").unwrap_err();
        assert!(matches!(e, ArticleError::Empty { .. }));
    }

    #[test]
    fn layout_finds_parts() {
        let a = art("A headline here\r\n\r\nNovember 7, 2021 - 0:0\r\n\r\nTEHRAN - Body one said.\r\n\r\nBody two.\r\n\r\nLeave a Comment\r\n\r\n3 + 15 =\r\n");
        assert_eq!(
            &a.text[a.layout.headline.clone().unwrap()],
            "A headline here"
        );
        assert_eq!(a.meta.date.as_deref(), Some("2021-11-07"));
        assert_eq!(a.layout.paragraphs.len(), 2);
        assert_eq!(&a.text[a.layout.dateline[1].clone()], "TEHRAN -");
        assert_eq!(a.layout.furniture.len(), 2);
        assert_eq!(a.meta.title.as_deref(), Some("A headline here"));
    }

    #[test]
    fn a_place_dateline_may_follow_a_standfirst() {
        let a = art("Title\n\nTalks stall as backlog grows\n\nROTTERDAM, March 3 (Reuters) - Talks collapsed, a union leader said.\n\nLater, NOTE - not a dateline.\n");
        assert_eq!(a.layout.dateline.len(), 1);
        assert_eq!(
            &a.text[a.layout.dateline[0].clone()],
            "ROTTERDAM, March 3 (Reuters) -"
        );
    }

    #[test]
    fn wire_credit_gives_outlet() {
        let a = art("Title\n\nBAGHDAD (Reuters) - Officials said it was calm.\n");
        assert_eq!(a.meta.outlet.as_deref(), Some("Reuters"));
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("7 November 2021").as_deref(), Some("2021-11-07"));
        assert_eq!(parse_date("Nov. 7, 2021").as_deref(), Some("2021-11-07"));
        assert_eq!(
            parse_date("2021-11-07T10:00").as_deref(),
            Some("2021-11-07")
        );
        assert_eq!(parse_date("Officials said 7 people"), None);
    }
}
