//! Words of a label's window, so that a label never starts or ends inside a word.
//!
//! jieba's way of segmenting without its HMM guesses: of all the ways to cover the text
//! with dictionary words (a character alone when no word fits), the one whose words are
//! most probable together (the sum of log(frequency / total) is highest). The dictionary
//! is jieba's own without its rare words (`rules/lexicon/words.txt`), in a character trie
//! built on first use.
//! jieba-rs itself was measured first and is the reference of the tests: its dictionary
//! takes ~60 ms to load and each window ~4 µs, 60 % more time on a large archive; see
//! BENCHMARKS.md.

use std::sync::OnceLock;

const LEXICON: &str = include_str!("../../rules/lexicon/words.txt");

/// A word of a window: byte range in the window, and jieba's part-of-speech tag (n noun,
/// v verb, vn verbal noun, ns place, nr person, p preposition, m numeral, x other …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'t> {
    pub text: &'t str,
    pub start: usize,
    pub end: usize,
    pub tag: &'static str,
    /// Flags a reader sets on the words it reads (the label grammar: function word,
    /// place, office …); 0 from [`words`].
    pub flags: u8,
}

struct Lexicon {
    /// The words; a pattern's id is its line in the lexicon.
    trie: crate::trie::Trie,
    /// Each word's log probability (log(frequency / total)) and tag.
    logp: Vec<f32>,
    tag: Vec<&'static str>,
    /// log probability of a character that is no word.
    unknown: f32,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        // One pass over the lines; the lexicon is sorted by bytes (scripts/lexicon.sh; a
        // test checks it), as the trie's builder needs.
        let lines = LEXICON.len() / 12;
        let (mut words, mut freq, mut tag) = (
            Vec::with_capacity(lines),
            Vec::with_capacity(lines),
            Vec::with_capacity(lines),
        );
        let mut total: u64 = 0;
        for line in LEXICON.split_terminator('\n') {
            let (w, f, t) = fields(line);
            words.push(w);
            freq.push(f);
            tag.push(t);
            total += u64::from(f);
        }
        let log_total = (total.max(1) as f64).ln();
        Lexicon {
            trie: crate::trie::Trie::from_sorted(&words),
            logp: freq
                .iter()
                .map(|&f| ((f64::from(f)).ln() - log_total) as f32)
                .collect(),
            tag,
            unknown: -log_total as f32,
        }
    })
}

/// A line's word, frequency and tag ("资金 6555 n").
fn fields(line: &'static str) -> (&'static str, u32, &'static str) {
    let b = line.as_bytes();
    // Words are a few characters: a byte loop finds the space sooner than a search call.
    let Some(sp) = b.iter().position(|&c| c == b' ') else {
        return (line, 1, "x");
    };
    let mut freq: u32 = 0;
    let mut at = sp + 1;
    while let Some(d) = b.get(at).filter(|d| d.is_ascii_digit()) {
        freq = freq.saturating_mul(10).saturating_add(u32::from(d - b'0'));
        at += 1;
    }
    let tag = line[at..].trim_start_matches(' ');
    (
        &line[..sp],
        freq.max(1),
        if tag.is_empty() { "x" } else { tag },
    )
}

fn is_han(c: char) -> bool {
    ('\u{3400}'..='\u{9FFF}').contains(&c) || ('\u{F900}'..='\u{FAFF}').contains(&c)
}

/// Whether a dictionary word covers the boundary at byte `at` of `text` (starts in the
/// few characters before it and ends after it). When none does, every segmentation has a
/// boundary there, and a label edge there needs no words read.
pub fn spans(text: &str, at: usize) -> bool {
    if at == 0 || at >= text.len() || !text.is_char_boundary(at) {
        return false;
    }
    // Words are Chinese characters: none crosses into a digit, a letter or punctuation.
    if !text[at..].chars().next().is_some_and(is_han) {
        return false;
    }
    let lex = lexicon();
    let mut p = at;
    for _ in 0..4 {
        let Some(c) = text[..p].chars().next_back() else {
            return false;
        };
        if !is_han(c) {
            return false;
        }
        p -= c.len_utf8();
        let mut crosses = false;
        lex.trie
            .prefixes_at_3byte(text.as_bytes(), p, |end, _| crosses |= end > at);
        if crosses {
            return true;
        }
    }
    false
}

/// The first word of `text`, read from its first `chars` characters only.
pub fn first_word(text: &str, chars: usize) -> Option<Word<'_>> {
    let end = text
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i);
    words(&text[..end]).into_iter().next()
}

/// Whether `text` starts with a noun (户籍人口, 全县), read from its first few characters.
pub fn starts_with_noun(text: &str) -> bool {
    first_word(text, 4).is_some_and(|w| w.tag.starts_with('n'))
}

/// The dictionary words that start `text`, shortest first: `f(word, tag)`.
pub fn words_starting(text: &str, mut f: impl FnMut(&str, &'static str)) {
    let lex = lexicon();
    lex.trie
        .prefixes_at(text, 0, |end, id| f(&text[..end], lex.tag[id]));
}

/// The words of `text` in order, covering it.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::with_capacity(text.len() / 4 + 1);
    let mut rest = text;
    let mut base = 0;
    while let Some(c) = rest.chars().next() {
        let run_len = if is_han(c) {
            rest.find(|c: char| !is_han(c)).unwrap_or(rest.len())
        } else if c.is_ascii_alphanumeric() || c == '.' {
            rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
                .unwrap_or(rest.len())
        } else {
            c.len_utf8()
        };
        let run = &rest[..run_len];
        if is_han(c) {
            han_words(run, base, &mut out);
        } else {
            let tag = if run.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
                "m"
            } else if c.is_ascii_alphabetic() {
                "eng"
            } else {
                "x"
            };
            out.push(Word {
                text: run,
                start: base,
                end: base + run_len,
                tag,
                flags: 0,
            });
        }
        base += run_len;
        rest = &rest[run_len..];
    }
    // Each word's text is a slice of `text` at its range.
    for w in &mut out {
        w.text = &text[w.start..w.end];
    }
    out
}

/// The most probable words of a run of Chinese characters.
fn han_words<'t>(run: &'t str, base: usize, out: &mut Vec<Word<'t>>) {
    // Every character `is_han` accepts takes three bytes in UTF-8: character i of the run
    // is bytes 3i..3i+3.
    const W: usize = 3;
    debug_assert!(run.len().is_multiple_of(W));
    let lex = lexicon();
    let n = run.len() / W;
    // best[i]: the most probable way to cover chars i..n: (log probability, end of the
    // first word, its tag).
    let mut best: Vec<(f32, usize, &'static str)> = vec![(0.0, n, "x"); n + 1];
    for i in (0..n).rev() {
        let mut choice = (lex.unknown + best[i + 1].0, i + 1, "x");
        lex.trie
            .prefixes_at_3byte(run.as_bytes(), i * W, |end, id| {
                let j = end / W;
                let p = lex.logp[id] + best[j].0;
                // Words come shortest first: ties go to the longer word, as jieba's route does.
                if p >= choice.0 {
                    choice = (p, j, lex.tag[id]);
                }
            });
        best[i] = choice;
    }
    let mut i = 0;
    while i < n {
        let (_, j, tag) = best[i];
        out.push(Word {
            text: &run[i * W..j * W],
            start: base + i * W,
            end: base + j * W,
            tag,
            flags: 0,
        });
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lexicon_loads_and_words_cover_the_text() {
        let lex = lexicon();
        assert!(lex.logp.len() > 50_000);
        let ws: Vec<&str> = LEXICON.lines().map(|l| fields(l).0).collect();
        assert!(
            ws.windows(2).all(|p| p[0] <= p[1]),
            "rules/lexicon/words.txt is sorted"
        );
        let text = "全旗累计投入农业发展资金900万元,新开发公益性岗位";
        let ws = words(text);
        assert_eq!(ws.iter().map(|w| w.text).collect::<String>(), text);
        let texts: Vec<&str> = ws.iter().map(|w| w.text).collect();
        assert!(texts.contains(&"资金"), "{texts:?}");
        assert!(texts.contains(&"岗位"), "{texts:?}");
        assert!(texts.contains(&"900"), "{texts:?}");
        assert!(ws.windows(2).all(|p| p[0].end == p[1].start));
        assert_eq!(
            ws.iter().find(|w| w.text == "资金").map(|w| w.tag),
            Some("n")
        );
    }
}
