//! Text helpers of the grammar: label lengths by words, edges completed to words,
//! substring search on short windows, character offsets.

use super::{MARGIN, MAX_CHARS};
use crate::page::words::{spans, words};

/// A short list of words (place and office endings, level words) tested against labels
/// and words by the hundred thousand: a text holds one of them only where it holds one of
/// their first (or ends with one of their last) characters, which is rare, so the
/// characters are compared before any string.
#[derive(Debug, Clone, Default)]
pub(super) struct Affixes {
    words: Vec<String>,
    firsts: Vec<char>,
    lasts: Vec<char>,
}

impl Affixes {
    pub(super) fn new<'a>(lists: impl IntoIterator<Item = &'a Vec<String>>) -> Affixes {
        let words: Vec<String> = lists.into_iter().flatten().cloned().collect();
        let chars = |pick: fn(&str) -> Option<char>| {
            let mut cs: Vec<char> = words.iter().filter_map(|w| pick(w)).collect();
            cs.sort_unstable();
            cs.dedup();
            cs
        };
        Affixes {
            firsts: chars(|w| w.chars().next()),
            lasts: chars(|w| w.chars().next_back()),
            words,
        }
    }

    /// Whether `text` ends with one of the words.
    pub(super) fn end(&self, text: &str) -> bool {
        self.ending(text).is_some()
    }

    /// The first word of the list that `text` ends with.
    pub(super) fn ending(&self, text: &str) -> Option<&str> {
        let last = text.chars().next_back();
        self.first(last, &self.lasts, |w| text.ends_with(w))
    }

    /// The first word of the list that `text` starts with.
    pub(super) fn starting(&self, text: &str) -> Option<&str> {
        let first = text.chars().next();
        self.first(first, &self.firsts, |w| text.starts_with(w))
    }

    /// The first word that `fits`, when `edge` (a character of the text) is one of `edges`.
    fn first(
        &self,
        edge: Option<char>,
        edges: &[char],
        fits: impl Fn(&str) -> bool,
    ) -> Option<&str> {
        edge.filter(|c| edges.contains(c))?;
        self.words.iter().map(String::as_str).find(|w| fits(w))
    }

    /// Whether one of the words occurs anywhere in `text`.
    pub(super) fn occur_in(&self, text: &str) -> bool {
        text.char_indices().any(|(i, c)| {
            self.firsts.contains(&c) && self.words.iter().any(|w| text[i..].starts_with(w.as_str()))
        })
    }
}

/// The first words of `label` within `n` characters.
pub(super) fn keep_first(label: &str, n: usize) -> String {
    let mut out = String::new();
    for x in words(label) {
        if out.chars().count() + x.text.chars().count() > n {
            break;
        }
        out.push_str(x.text);
    }
    out
}

/// A label within `MAX_CHARS`: longer ones keep their last words, where the head noun is
/// (an added head, a list item's place and measure, people of households).
pub(super) fn fit(label: String) -> String {
    if label.chars().count() <= MAX_CHARS {
        return label;
    }
    let ws = words(&label);
    let mut chars: usize = ws.iter().map(|x| x.text.chars().count()).sum();
    let mut from = 0;
    while chars > MAX_CHARS && from + 1 < ws.len() {
        chars -= ws[from].text.chars().count();
        from += 1;
    }
    label[ws[from].start..].chars().take(MAX_CHARS).collect()
}

/// A label put together from pieces of its clause (an event and its subject), with each
/// edge completed to the word it stands in where the clause has it (车司机驿站 → 大货车司机驿站).
pub(super) fn whole_edges(label: &str, texts: &[&str]) -> String {
    const EDGE: usize = 2;
    let cut = |n: usize| label.char_indices().nth(n).map_or(label.len(), |(i, _)| i);
    let (head, tail) = (
        &label[..cut(EDGE)],
        &label[cut(label.chars().count().saturating_sub(EDGE))..],
    );
    let word_at = |t: &str, at: usize| -> Option<(usize, usize)> {
        let (from, to) = (back_chars(t, at, MARGIN), forward_chars(t, at, MARGIN));
        words(&t[from..to])
            .into_iter()
            .map(|x| (x.start + from, x.end + from))
            .find(|&(a, b)| a <= at && at < b)
    };
    // The first text that has the edge decides it, extended or not.
    let mut prefix: Option<&str> = None;
    let mut suffix: Option<&str> = None;
    for t in texts {
        if prefix.is_none() {
            if let Some(i) = t.find(head) {
                // No word across the edge: nothing to complete, no words to read.
                prefix = Some(if spans(t, i) {
                    word_at(t, i).map_or("", |(a, _)| &t[a..i])
                } else {
                    ""
                });
            }
        }
        if suffix.is_none() {
            if let Some(j) = t.rfind(tail) {
                let end = j + tail.len();
                let last = end - tail.chars().next_back().map_or(0, char::len_utf8);
                suffix = Some(if spans(t, end) {
                    word_at(t, last).map_or("", |(_, b)| &t[end..b.max(end)])
                } else {
                    ""
                });
            }
        }
        if prefix.is_some() && suffix.is_some() {
            break;
        }
    }
    let (prefix, suffix) = (prefix.unwrap_or(""), suffix.unwrap_or(""));
    format!("{prefix}{label}{suffix}")
}

/// The last place `needle` is in `hay`. Chinese text repeats its lead bytes every few
/// characters: the scan looks for the needle's third byte (the last of a Chinese
/// character's three, spread over 64 values) and checks around it; a substring searcher
/// costs more to set up than these short windows take to scan.
pub(super) fn rfind(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let k = if n.len() >= 3 { 2 } else { 0 };
    let &probe = n.get(k)?;
    let mut end = (h.len().checked_sub(n.len())? + k) + 1;
    while let Some(p) = memchr::memrchr(probe, &h[..end]) {
        let start = p.checked_sub(k)?;
        if h[start..].starts_with(n) {
            return Some(start);
        }
        end = p;
    }
    None
}

/// The first place `needle` is in `hay` (see [`rfind`]).
pub(super) fn find(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let k = if n.len() >= 3 { 2 } else { 0 };
    let &probe = n.get(k)?;
    let last = h.len().checked_sub(n.len())? + k;
    let mut at = k;
    while at <= last {
        let p = at + memchr::memchr(probe, &h[at..=last])?;
        if h[p - k..].starts_with(n) {
            return Some(p - k);
        }
        at = p + 1;
    }
    None
}

/// The byte offset `n` characters before `at` (or 0).
pub(super) fn back_chars(text: &str, at: usize, n: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The byte offset `n` characters after `at` (or the end).
pub(super) fn forward_chars(text: &str, at: usize, n: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The same places as the standard library's search.
        #[test]
        fn find_and_rfind_agree_with_std(hay in "[ab中国是的]{0,12}", needle in "[ab中国是的]{1,3}") {
            proptest::prop_assert_eq!(find(&hay, &needle), hay.find(needle.as_str()));
            proptest::prop_assert_eq!(rfind(&hay, &needle), hay.rfind(needle.as_str()));
        }

        /// The character filter never hides a word the plain list tests find.
        #[test]
        fn affixes_agree_with_the_plain_list_tests(text in "[村镇苏木嘎查局政府资金a]{0,8}") {
            let list: Vec<String> = ["村", "苏木", "嘎查", "政府", "局"].map(String::from).to_vec();
            let a = Affixes::new([&list]);
            let first = |f: &dyn Fn(&str) -> bool| list.iter().map(String::as_str).find(|w| f(w));
            proptest::prop_assert_eq!(a.ending(&text), first(&|w| text.ends_with(w)));
            proptest::prop_assert_eq!(a.starting(&text), first(&|w| text.starts_with(w)));
            proptest::prop_assert_eq!(a.occur_in(&text), list.iter().any(|w| text.contains(w.as_str())));
        }
    }
}
