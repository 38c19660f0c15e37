//! The page: a document's text as every later stage reads it, built once per document.
//! Normalisation (with its map back to the original), the original's line breaks,
//! sentences and clauses, articles, and the page's own date. Offsets between the
//! original and the normalised text are converted here, nowhere else.

pub mod article;
pub mod normalize;
pub mod reference_date;
pub mod segment;
pub mod words;

use normalize::Normalized;
use segment::Span;

/// One document's text, normalised and cut into sentences.
pub struct Page<'a> {
    /// The document as given.
    pub original: &'a str,
    /// Full-width folded, layout breaks joined, with its map back to `original`.
    pub norm: Normalized,
    /// The sentences of the normalised text.
    pub sentences: Vec<Span>,
    /// Byte offsets of the original's line breaks.
    newlines: Vec<usize>,
}

impl<'a> Page<'a> {
    pub fn new(original: &'a str) -> Page<'a> {
        let norm = normalize::normalize(original);
        let sentences = segment::sentences(&norm.text);
        let newlines = memchr::memchr_iter(b'\n', original.as_bytes()).collect();
        Page {
            original,
            norm,
            sentences,
            newlines,
        }
    }

    /// The normalised text every stage after this one reads.
    pub fn text(&self) -> &str {
        &self.norm.text
    }

    /// The original byte range of the normalised range `start..end`.
    pub fn origin_range(&self, start: usize, end: usize) -> (usize, usize) {
        self.norm.origin_range(start, end)
    }

    /// The paragraph (original line) holding original byte `at`, in normalised offsets.
    pub fn paragraph(&self, at: usize) -> (usize, usize) {
        let k = self.newlines.partition_point(|&nl| nl < at);
        let start = if k == 0 { 0 } else { self.newlines[k - 1] + 1 };
        let end = self.newlines.get(k).copied().unwrap_or(self.original.len());
        (self.norm.from_origin(start), self.norm.from_origin(end))
    }

    /// The original text of `a..b` (original offsets), layout breaks removed.
    pub fn original_text(&self, (a, b): (usize, usize)) -> String {
        strip_breaks(&self.original[a..b])
    }
}

/// Character offset and line of a byte position, advanced incrementally so a document
/// with many facts is still walked once.
#[derive(Default)]
pub struct Cursor {
    byte: usize,
    /// Characters before the position.
    pub chars: usize,
    /// 1-based line of the position.
    pub line: usize,
}

impl Cursor {
    pub fn advance(&mut self, text: &str, to: usize) {
        if self.line == 0 {
            self.line = 1;
        }
        if to < self.byte {
            // Facts come in text order; restart rather than trust a wrong count.
            *self = Cursor::default();
            self.line = 1;
        }
        let seg = &text[self.byte..to];
        self.chars += seg.chars().count();
        self.line += memchr::memchr_iter(b'\n', seg.as_bytes()).count();
        self.byte = to;
    }
}

/// The text around `a..b` inside a very long sentence `sa..sb`, marked with … where cut.
pub fn window(original: &str, (sa, sb): (usize, usize), (a, b): (usize, usize)) -> String {
    const CONTEXT: usize = 120;
    let from = segment::ceil_char(original, a.saturating_sub(CONTEXT).max(sa));
    let to = segment::floor_char(original, (b + CONTEXT).min(sb));
    let mut out = String::new();
    if from > sa {
        out.push('…');
    }
    out.push_str(&strip_breaks(&original[from..to]));
    if to < sb {
        out.push('…');
    }
    out
}

/// A text with the page layout's line breaks (and the indentation after them) removed.
pub fn strip_breaks(s: &str) -> String {
    if !s.contains('\n') {
        return s.trim().to_string();
    }
    s.lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}'))
        .collect::<String>()
}
