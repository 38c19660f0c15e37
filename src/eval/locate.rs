//! Locating gold facts in their document.

use super::gold::GoldFact;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// How a gold fact was located.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LocateMethod {
    /// `context + raw` found verbatim.
    Context,
    /// `context + raw` found once line breaks (and whitespace around them) are removed.
    ContextJoined,
    /// Fallback: the occurrence of `raw` nearest after an occurrence of `context`.
    AfterContext,
    /// Fallback: the first occurrence of `raw` not taken by another gold fact.
    RawOnly,
    /// `raw` is not in the text at all.
    NotFound,
}

impl LocateMethod {
    pub(super) fn label(self) -> &'static str {
        match self {
            LocateMethod::Context => "context",
            LocateMethod::ContextJoined => "context across line join",
            LocateMethod::AfterContext => "raw nearest after context (context+raw not found)",
            LocateMethod::RawOnly => "first unused raw (context not found)",
            LocateMethod::NotFound => "raw not found in text",
        }
    }
}

/// Where a gold fact was found in its document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    /// Character offset of the start of `raw` in the original text.
    pub offset: Option<usize>,
    pub method: LocateMethod,
    /// Gold line of an earlier fact of the same document located at the same offset.
    pub duplicate_of: Option<usize>,
}

/// The text with every whitespace run that contains a line break removed, and for each
/// kept character its offset in the original.
pub(super) struct Joined {
    pub(super) chars: Vec<char>,
    map: Vec<usize>,
}

pub(super) fn is_break(c: char) -> bool {
    c == '\n' || c == '\r'
}

pub(super) fn join_lines(chars: &[char]) -> Joined {
    let mut out = Joined {
        chars: Vec::with_capacity(chars.len()),
        map: Vec::with_capacity(chars.len()),
    };
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            let mut j = i;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            if !chars[i..j].iter().any(|&c| is_break(c)) {
                for (k, &c) in chars.iter().enumerate().take(j).skip(i) {
                    out.chars.push(c);
                    out.map.push(k);
                }
            }
            i = j;
        } else {
            out.chars.push(chars[i]);
            out.map.push(i);
            i += 1;
        }
    }
    out
}

/// Start positions of every (possibly overlapping) occurrence of `needle`.
pub(super) fn find_all(hay: &[char], needle: &[char]) -> Vec<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    hay.windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect()
}

/// A document prepared for searching.
pub(super) struct DocText {
    chars: Vec<char>,
    joined: Joined,
    line_starts: Vec<usize>,
}

impl DocText {
    pub(super) fn new(text: &str) -> DocText {
        let chars: Vec<char> = text.chars().collect();
        let joined = join_lines(&chars);
        let mut line_starts = vec![0];
        for (i, &c) in chars.iter().enumerate() {
            if c == '\n' {
                line_starts.push(i + 1);
            }
        }
        DocText {
            chars,
            joined,
            line_starts,
        }
    }

    /// 1-based line and column of a character offset.
    pub(super) fn line_col(&self, offset: usize) -> (usize, usize) {
        let idx = self
            .line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.line_starts.get(idx).copied().unwrap_or(0);
        (idx + 1, offset - start + 1)
    }

    /// Original offsets where `needle` starts, searching the text as is and joined.
    fn starts(&self, needle: &[char]) -> BTreeSet<usize> {
        let mut out: BTreeSet<usize> = find_all(&self.chars, needle).into_iter().collect();
        for j in find_all(&self.joined.chars, needle) {
            if let Some(&o) = self.joined.map.get(j) {
                out.insert(o);
            }
        }
        out
    }

    /// Original offsets just past each occurrence of `needle` (as is and joined).
    fn ends(&self, needle: &[char]) -> BTreeSet<usize> {
        let n = needle.len();
        let mut out: BTreeSet<usize> = find_all(&self.chars, needle)
            .into_iter()
            .map(|s| s + n)
            .collect();
        for j in find_all(&self.joined.chars, needle) {
            if let Some(&o) = self.joined.map.get(j + n - 1) {
                out.insert(o + 1);
            }
        }
        out
    }

    /// Candidate offsets of `raw` preceded by `context`: verbatim ones, then joined ones.
    fn context_starts(&self, context: &[char], raw: &[char]) -> (Vec<usize>, BTreeSet<usize>) {
        let needle: Vec<char> = context.iter().chain(raw).copied().collect();
        let verbatim: BTreeSet<usize> = find_all(&self.chars, &needle)
            .into_iter()
            .map(|s| s + context.len())
            .collect();
        let mut all = verbatim.clone();
        for j in find_all(&self.joined.chars, &needle) {
            if let Some(&o) = self.joined.map.get(j + context.len()) {
                all.insert(o);
            }
        }
        (all.into_iter().collect(), verbatim)
    }
}

/// Label text with line breaks (and the whitespace around them) removed.
pub(super) fn needle(s: &str) -> Vec<char> {
    let chars: Vec<char> = s.chars().collect();
    join_lines(&chars).chars
}

/// Locates each gold fact of one document in its text, in order; an occurrence taken by an
/// earlier gold fact is avoided when another candidate of the same strategy exists.
pub fn locate(facts: &[GoldFact], text: &str) -> Vec<Location> {
    locate_in(facts, &DocText::new(text))
}

pub(super) fn locate_in(facts: &[GoldFact], doc: &DocText) -> Vec<Location> {
    let mut used: BTreeMap<usize, usize> = BTreeMap::new();
    let mut out = Vec::with_capacity(facts.len());
    for g in facts {
        let raw = needle(&g.raw);
        let context = needle(&g.context);
        let raw_starts = doc.starts(&raw);
        let mut strategies: Vec<(Vec<usize>, LocateMethod)> = Vec::new();
        let mut verbatim = BTreeSet::new();
        if !context.is_empty() {
            let (cands, v) = doc.context_starts(&context, &raw);
            verbatim = v;
            strategies.push((cands, LocateMethod::Context));
            let ends = doc.ends(&context);
            let mut after: Vec<(usize, usize)> = raw_starts
                .iter()
                .filter_map(|&r| ends.range(..=r).next_back().map(|&e| (r - e, r)))
                .collect();
            after.sort_unstable();
            strategies.push((
                after.into_iter().map(|(_, r)| r).collect(),
                LocateMethod::AfterContext,
            ));
        }
        strategies.push((raw_starts.into_iter().collect(), LocateMethod::RawOnly));
        let mut loc = Location {
            offset: None,
            method: LocateMethod::NotFound,
            duplicate_of: None,
        };
        if let Some((cands, method)) = strategies.into_iter().find(|(c, _)| !c.is_empty()) {
            let chosen = cands
                .iter()
                .copied()
                .find(|o| !used.contains_key(o))
                .or_else(|| cands.first().copied());
            if let Some(o) = chosen {
                loc.offset = Some(o);
                loc.method = match method {
                    LocateMethod::Context if !verbatim.contains(&o) => LocateMethod::ContextJoined,
                    m => m,
                };
                loc.duplicate_of = used.get(&o).copied();
                used.entry(o).or_insert(g.line);
            }
        }
        out.push(loc);
    }
    out
}
