//! The article as the rules see it: segmented paragraphs, a flat token list in code points,
//! sentences, and line/column lookup.

use crate::article::{Article, OffsetMap};
use crate::segment::{self, Paragraph, TokenKind};

use super::Location;

/// A token with code-point offsets.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    /// Byte offsets into the article text.
    pub b_start: usize,
    pub b_end: usize,
    /// Code-point offsets.
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// How many quotations enclose it (0: the article's own voice).
    pub depth: u8,
}

/// The segmented article.
pub struct View {
    /// The article text (a copy, so that claims files can be rendered the same way).
    pub text: String,
    pub paragraphs: Vec<Paragraph>,
    /// All tokens, in text order.
    pub tokens: Vec<Tok>,
    /// Sentences as token index ranges into `tokens`.
    pub sentences: Vec<std::ops::Range<usize>>,
    /// For each paragraph, the index of its first token in `tokens`.
    pub para_first_token: Vec<usize>,
    /// Code-point offset of the start of every line.
    line_starts: Vec<usize>,
    /// Code-point length of the text.
    pub len: usize,
    offsets: OffsetMap,
}

impl View {
    /// Segments the article's headline and body paragraphs (the place dateline excluded).
    pub fn new(article: &Article) -> View {
        let text = article.text.as_str();
        let mut spans = Vec::new();
        if let Some(h) = &article.layout.headline {
            spans.push(h.clone());
        }
        for p in &article.layout.paragraphs {
            let start = article.layout.text_start(p);
            if start < p.end {
                spans.push(start..p.end);
            }
        }
        let mut view = View::plain(text);
        for span in spans {
            let p = segment::paragraph(text, span);
            let first = view.tokens.len();
            view.para_first_token.push(first);
            for t in &p.tokens {
                view.tokens.push(Tok {
                    b_start: t.start,
                    b_end: t.end,
                    start: article.char_offset(t.start),
                    end: article.char_offset(t.end),
                    kind: t.kind,
                    depth: t.depth,
                });
            }
            for s in &p.sentences {
                view.sentences.push(first + s.start..first + s.end);
            }
            view.paragraphs.push(p);
        }
        view
    }

    /// A view with no segmentation (a claims file, for locating findings in it).
    pub fn plain(text: &str) -> View {
        let mut line_starts = vec![0];
        let mut len = 0;
        for c in text.chars() {
            len += 1;
            if c == '\n' {
                line_starts.push(len);
            }
        }
        View {
            text: text.to_owned(),
            paragraphs: Vec::new(),
            tokens: Vec::new(),
            sentences: Vec::new(),
            para_first_token: Vec::new(),
            line_starts,
            len,
            offsets: OffsetMap::new(text),
        }
    }

    /// 1-based line and column (code points) of a code-point offset.
    pub fn line_col(&self, cp: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= cp).max(1);
        (line, cp - self.line_starts[line - 1] + 1)
    }

    /// Code-point offset of the start of 1-based `line`.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.len)
    }

    /// Code-point offset of the end of the line holding `cp` (before its newline).
    pub fn line_end(&self, cp: usize) -> usize {
        let line = self.line_starts.partition_point(|&s| s <= cp);
        self.line_starts
            .get(line)
            .map_or(self.len, |&next| next.saturating_sub(1))
    }

    /// The text between two code-point offsets.
    pub fn slice(&self, start: usize, end: usize) -> String {
        let a = self.byte(start);
        let b = self.byte(end.max(start));
        self.text[a..b].to_owned()
    }

    /// Byte offset of a code-point offset (clamped to the end).
    pub fn byte(&self, cp: usize) -> usize {
        self.offsets.to_byte(&self.text, cp)
    }

    /// A [`Location`] for a code-point span.
    pub fn location(&self, path: &str, start: usize, end: usize) -> Location {
        let end = end.max(start).min(self.len);
        let start = start.min(end);
        let (line, column) = self.line_col(start);
        let (end_line, end_column) = self.line_col(end);
        Location {
            path: path.to_owned(),
            start,
            end,
            line,
            column,
            end_line,
            end_column,
            text: self.slice(start, end),
        }
    }

    /// The sentence (code-point span) holding `cp`, if segmentation covers it.
    pub fn sentence_at(&self, cp: usize) -> Option<(usize, usize)> {
        let i = self
            .sentences
            .partition_point(|r| self.tokens.get(r.start).is_some_and(|t| t.start <= cp));
        let r = self.sentences.get(i.checked_sub(1)?)?;
        let first = self.tokens.get(r.start)?;
        let last = self.tokens.get(r.end.checked_sub(1)?)?;
        (cp <= last.end).then_some((first.start, last.end))
    }

    /// The first sentence starting at or after code-point offset `cp`.
    pub fn next_sentence(&self, cp: usize) -> Option<(usize, usize)> {
        let i = self
            .sentences
            .partition_point(|r| self.tokens.get(r.start).is_some_and(|t| t.start < cp));
        let r = self.sentences.get(i)?;
        let first = self.tokens.get(r.start)?;
        let last = self.tokens.get(r.end.checked_sub(1)?)?;
        Some((first.start, last.end))
    }

    /// Index of the sentence holding token `t`.
    pub fn sentence_of_token(&self, t: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|r| r.start <= t);
        let i = i.checked_sub(1)?;
        (t < self.sentences[i].end).then_some(i)
    }

    /// The lower-cased text of token `i`.
    pub fn lower(&self, i: usize) -> String {
        let t = &self.tokens[i];
        self.text[t.b_start..t.b_end].to_lowercase()
    }

    /// The text of token `i`.
    pub fn tok_text(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.text[t.b_start..t.b_end]
    }

    /// Whether code-point offset `cp` lies inside a quotation (the speaker's own words).
    pub fn in_quote(&self, cp: usize) -> bool {
        let i = self.tokens.partition_point(|t| t.start <= cp);
        i.checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .is_some_and(|t| t.depth > 0 && cp < t.end.max(t.start + 1))
    }
}
