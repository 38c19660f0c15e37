//! Words of a label's window, so that a label never starts or ends inside a word.
//!
//! jieba (jieba-rs), dictionary words only (no HMM guesses), with the dictionary in
//! `rules/lexicon/words.txt`: jieba's own without its rare words (see its README). The
//! segmenter is built on first use (~10 ms; the full dictionary takes ~110 ms) and only
//! ever reads short windows around a fact, never numbers or whole pages.

use jieba_rs::Jieba;
use std::sync::OnceLock;

const LEXICON: &str = include_str!("../../rules/lexicon/words.txt");

/// A word of a window: byte range in the window, and jieba's part-of-speech tag (n noun,
/// v verb, vn verbal noun, ns place, nr person, p preposition, d adverb …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'t> {
    pub text: &'t str,
    pub start: usize,
    pub end: usize,
    pub tag: &'t str,
}

fn segmenter() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(|| {
        // The lexicon is checked by the tests; an unreadable one leaves every character
        // a word of its own, which only makes labels coarser.
        Jieba::with_dict(&mut LEXICON.as_bytes()).unwrap_or_else(|_| Jieba::empty())
    })
}

/// The words of `text` in order, covering it.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut at = 0;
    segmenter()
        .tag(text, false)
        .into_iter()
        .map(|t| {
            let start = at;
            at += t.word.len();
            Word {
                text: &text[start..at],
                start,
                end: at,
                tag: t.tag,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lexicon_loads_and_words_cover_the_text() {
        assert!(Jieba::with_dict(&mut LEXICON.as_bytes()).is_ok());
        let text = "全旗累计投入财政衔接资金,新开发公益性岗位";
        let ws = words(text);
        assert_eq!(ws.iter().map(|w| w.text).collect::<String>(), text);
        let texts: Vec<&str> = ws.iter().map(|w| w.text).collect();
        assert!(texts.contains(&"资金"), "{texts:?}");
        assert!(texts.contains(&"岗位"), "{texts:?}");
        assert!(ws.windows(2).all(|p| p[0].end == p[1].start));
    }
}
