//! The label grammar: a label is a run of whole words of its clause, without places,
//! offices, people or function words at its edges, shortened to its head phrase (never cut
//! inside a word), and a bare verb takes the head noun of its fact's unit (绝收 + 公顷 →
//! 绝收面积). The word lists are data (`rules/labels.toml`), with examples.

use super::words::{words, Word};
use super::MAX_CHARS;
use anyhow::{Context as _, Result};
use serde::Deserialize;
use std::fmt;

const FILE: &str = "rules/labels.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelGrammar {
    /// Nouns that head a measure (资金, 面积, 人口 …): a label ending in one is complete.
    pub heads: Vec<String>,
    /// The head a bare verb takes, by the fact's unit: `[unit, head]` pairs.
    pub unit_heads: Vec<[String; 2]>,
    /// jieba part-of-speech tags of function words (p preposition, c conjunction, d adverb,
    /// r pronoun …), read on words of two or more characters only.
    pub edge_tags: Vec<String>,
    /// Single characters that are function words (的, 和, 在 …).
    pub edge_chars: Vec<String>,
    /// Word endings of places below a county (镇, 乡, 村 …) and of offices (局, 政府 …),
    /// read on words of three or more characters, and words that are offices.
    pub place_endings: Vec<String>,
    pub office_endings: Vec<String>,
    pub offices: Vec<String>,
    /// Unit and level words (公顷, 县 …), never at a label's edge.
    pub unit_words: Vec<String>,
    pub place_words: Vec<String>,
    /// Level words that end a name read apart from it (西岗 + 村).
    pub place_suffixes: Vec<String>,
    /// Words that open the part of a whole (其中).
    pub partition_words: Vec<String>,
    /// Verbs before a purpose (用于).
    pub purpose_verbs: Vec<String>,
    /// The word for 户 in the label of people counted right after households.
    pub persons_of_households: String,
    /// The label of a date alone on its line.
    pub page_date: String,
    /// Words that say nothing on their own (开始, 进行, 分别为 …).
    pub not_labels: Vec<String>,
    #[serde(default)]
    pub examples: Vec<LabelExample>,
}

/// Text with a quantity in it, and the indicator the quantity should get.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelExample {
    pub text: String,
    pub raw: String,
    pub indicator: String,
}

/// What the grammar did to a label, for `factx explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// An edge inside a word moved to the word's edge.
    Snapped,
    /// Places, offices, people or function words left the edges.
    Trimmed,
    /// Too long: shortened to its head phrase, whole words.
    Shortened,
    /// A bare verb took its unit's head noun.
    Headed,
    /// A list item named only by its place took the previous item's measure.
    ListItem,
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Step::Snapped => "snapped to whole words",
            Step::Trimmed => "dropped places, offices or function words at the edges",
            Step::Shortened => "shortened to the head phrase",
            Step::Headed => "a bare verb took its unit's head noun",
            Step::ListItem => "a list item took the previous item's measure",
        })
    }
}

/// The clause around a fact, as the namer read it.
pub struct Window<'a> {
    pub before: &'a str,
    pub after: &'a str,
    /// The sentence before the quantity (a label may come from an earlier clause).
    pub sentence_before: &'a str,
    /// Place names (byte ranges) in `before` and in `after`.
    pub places_before: &'a [(usize, usize)],
    pub places_after: &'a [(usize, usize)],
    pub unit: &'a str,
    /// A date's label names its event, read after it: its head comes first.
    pub is_date: bool,
    /// The label of the previous fact of the same list (same sentence and kind).
    pub prev_label: Option<&'a str>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Before,
    After,
    Own,
}

/// Characters of context segmented on each side of a label: enough for jieba to see the
/// words around its edges.
const MARGIN: usize = 6;

impl LabelGrammar {
    /// The grammar compiled into the binary.
    pub fn embedded() -> Result<LabelGrammar> {
        LabelGrammar::parse(include_str!("../../rules/labels.toml"), FILE)
    }

    pub fn parse(text: &str, name: &str) -> Result<LabelGrammar> {
        toml::from_str(text).with_context(|| format!("{name}: not a label grammar file"))
    }

    /// A naming in whole words (see [`LabelGrammar::shape`]); its source says what the
    /// grammar did. None when nothing of it names a measure.
    pub fn apply(&self, naming: super::Naming, w: &Window) -> Option<super::Naming> {
        let (label, steps) = self.shape(&naming.label, w)?;
        let label = fit(label);
        if steps.is_empty() {
            return Some(super::Naming { label, ..naming });
        }
        let steps: Vec<String> = steps.iter().map(Step::to_string).collect();
        Some(super::Naming {
            label,
            source: format!("{}; {}", naming.source, steps.join("; ")),
        })
    }

    /// The label in whole words, or None when nothing of it names a measure. Also says
    /// what changed.
    pub fn shape(&self, label: &str, w: &Window) -> Option<(String, Vec<Step>)> {
        let joined: String;
        let (side, text, (s, e)) = match w.before.rfind(label) {
            Some(i) => (Side::Before, w.before, (i, i + label.len())),
            None => match w.after.find(label) {
                Some(i) => (Side::After, w.after, (i, i + label.len())),
                None => match w.sentence_before.rfind(label) {
                    Some(i) => (Side::Before, w.sentence_before, (i, i + label.len())),
                    None => {
                        joined = whole_edges(label, &[w.before, w.after, w.sentence_before]);
                        (Side::Own, joined.as_str(), (0, joined.len()))
                    }
                },
            },
        };
        let places: &[(usize, usize)] = match side {
            Side::Before if text.len() == w.before.len() => w.places_before,
            Side::Before => &[],
            Side::After => w.places_after,
            Side::Own => &[],
        };
        let from = back_chars(text, s, MARGIN);
        let to = forward_chars(text, e, MARGIN);
        let mut ws = words(&text[from..to]);
        for word in &mut ws {
            word.start += from;
            word.end += from;
        }
        let mut steps = Vec::new();
        // The words the label touches, whole.
        let first = ws.iter().position(|x| x.end > s)?;
        let last = ws.iter().rposition(|x| x.start < e)?;
        if ws[first].start != s || ws[last].end != e {
            steps.push(Step::Snapped);
        }
        let mut run: &[Word] = &ws[first..=last];
        let place = |x: &Word| self.is_place(x, places);
        let before_trim = run.len();
        // The place named last at either edge (西岗村), for a list item.
        let mut named: Option<(usize, usize)> = None;
        loop {
            if let Some(k) = self.place_ending_at(run, 0) {
                named = Some((run[0].start, run[k].end));
                run = &run[k + 1..];
                continue;
            }
            match run {
                [x, rest @ ..] if place(x) || self.is_office(x) || self.is_function_word(x) => {
                    if place(x) && !self.place_words.iter().any(|p| p == x.text) {
                        named = Some((x.start, x.end));
                    }
                    run = rest;
                }
                _ => break,
            }
        }
        loop {
            if let Some(i) = run.len().checked_sub(1).and_then(|k| self.place_start(run, k)) {
                named = Some((run[i].start, run[run.len() - 1].end));
                run = &run[..i];
                continue;
            }
            match run {
                [rest @ .., x] if place(x) || self.is_office(x) || self.is_function_word(x) => {
                    if place(x) && !self.place_words.iter().any(|p| p == x.text) {
                        named = Some((x.start, x.end));
                    }
                    run = rest;
                }
                _ => break,
            }
        }
        if run.len() != before_trim {
            steps.push(Step::Trimmed);
        }
        if run.is_empty() {
            // Only a place (海流图镇400万元): the item of a list, measured as the one before.
            if let (Some((a, b)), Some(prev)) = (named, w.prev_label) {
                steps.push(Step::ListItem);
                return Some((format!("{}{}", &text[a..b], self.without_places(prev)), steps));
            }
            // Or what the people or things counted did (4.5万人受灾 → 受灾人数).
            return self.verb_after(w).map(|label| {
                steps.push(Step::Headed);
                (label, steps)
            });
        }
        // Too long: the head phrase, whole words. Before the number the head ends the
        // phrase (keep the last words); after it, it starts it (keep the first).
        let chars = |r: &[Word]| r.iter().map(|x| x.text.chars().count()).sum::<usize>();
        if chars(run) > MAX_CHARS {
            while chars(run) > MAX_CHARS && run.len() > 1 {
                let head_first = side == Side::After || (side == Side::Own && w.is_date);
                run = if head_first {
                    &run[..run.len() - 1]
                } else {
                    &run[1..]
                };
            }
            while let Some((x, rest)) = run.split_first() {
                if self.is_function_word(x) && !rest.is_empty() {
                    run = rest;
                } else {
                    break;
                }
            }
            while let Some((x, rest)) = run.split_last() {
                if self.is_function_word(x) && !rest.is_empty() {
                    run = rest;
                } else {
                    break;
                }
            }
            steps.push(Step::Shortened);
        }
        let mut out: String = run.iter().map(|x| x.text).collect();
        if self.is_bare_verb(run) {
            if let Some([_, head]) = self.unit_heads.iter().find(|[u, _]| u == w.unit) {
                out.push_str(head);
                steps.push(Step::Headed);
            }
        }
        (out.chars().count() >= 2).then_some((out, steps))
    }

    /// The verb right after a quantity with its unit's head (受灾 + 人 → 受灾人数).
    fn verb_after(&self, w: &Window) -> Option<String> {
        let to = forward_chars(w.after, 0, MARGIN);
        let ws = words(&w.after[..to]);
        let first = ws.first()?;
        let verb = first.tag.starts_with('v') && first.tag != "vn";
        let [_, head] = self.unit_heads.iter().find(|[u, _]| u == w.unit)?;
        (verb && first.text.chars().count() >= 2).then(|| format!("{}{head}", first.text))
    }

    /// The label of a part of a whole (其中绝收3000亩 → 绝收面积): the words between the
    /// partition word and the number, with the unit's head unless they end with a head.
    pub fn partition(&self, before: &str, unit: &str) -> Option<String> {
        let rest = self
            .partition_words
            .iter()
            .find_map(|p| before.trim_start().strip_prefix(p.as_str()))?
            .trim_start_matches([',', ':', ' ']);
        let ws = words(rest);
        let mut run: &[Word] = &ws;
        while let Some((x, tail)) = run.split_first() {
            if self.is_function_word(x) {
                run = tail;
            } else {
                break;
            }
        }
        while let Some((x, tail)) = run.split_last() {
            if self.is_function_word(x) {
                run = tail;
            } else {
                break;
            }
        }
        let what: String = run.iter().map(|x| x.text).collect();
        let n = what.chars().count();
        if !(1..=6).contains(&n) || run.iter().any(|x| self.is_place(x, &[])) {
            return None;
        }
        if self.heads.iter().any(|h| what.ends_with(h.as_str())) {
            return (n >= 2).then_some(what);
        }
        let [_, head] = self.unit_heads.iter().find(|[u, _]| u == unit)?;
        Some(format!("{what}{head}"))
    }

    /// The label of money "用于" a purpose, read after it: the purpose (its last words,
    /// where its head is) and the money's head (800万元用于产业园建设 → 产业园建设资金).
    pub fn purpose(&self, after: &str, unit: &str) -> Option<String> {
        let [_, head] = self.unit_heads.iter().find(|[u, _]| u == unit)?;
        let rest = self
            .purpose_verbs
            .iter()
            .find_map(|v| after.trim_start().strip_prefix(v.as_str()))?;
        let end = rest
            .find(|c: char| matches!(c, ',' | ';' | '。' | '、'))
            .unwrap_or(rest.len());
        let ws = words(&rest[..end]);
        let mut run: &[Word] = &ws;
        while let Some((x, tail)) = run.split_first() {
            if self.is_place(x, &[]) || self.is_function_word(x) || x.tag == "m" {
                run = tail;
            } else {
                break;
            }
        }
        let budget = MAX_CHARS.saturating_sub(head.chars().count());
        let chars = |r: &[Word]| r.iter().map(|x| x.text.chars().count()).sum::<usize>();
        while chars(run) > budget && run.len() > 1 {
            run = &run[1..];
        }
        let what: String = run.iter().map(|x| x.text).collect();
        (what.chars().count() >= 2).then(|| format!("{what}{head}"))
    }

    /// The label of people counted right after households (185户598人): the households'
    /// label with 人口 for its 户 (带动贫困户 → 带动贫困人口), or with 人口 added.
    pub fn persons_of(&self, households_label: &str) -> String {
        let stem = households_label
            .strip_suffix('户')
            .unwrap_or(households_label);
        fit(format!("{stem}{}", self.persons_of_households))
    }

    /// Whether the date at `start..end` of `text` stands alone on its line, perhaps with a
    /// clock time and a source after it (a page's header or footer).
    pub fn is_page_date(&self, text: &str, start: usize, end: usize) -> bool {
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        if !text[line_start..start].trim().is_empty() {
            return false;
        }
        let mut rest = text[end..line_end].trim_start();
        // A clock time: 17:29 or 08:15:02.
        let clock = rest
            .char_indices()
            .take_while(|&(_, c)| c.is_ascii_digit() || c == ':')
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
        if clock > 0 && rest[..clock].contains(':') {
            rest = rest[clock..].trim_start();
        }
        rest.is_empty()
            || ["来源", "来自", "稿源"].iter().any(|w| {
                rest.strip_prefix(w)
                    .is_some_and(|r| r.starts_with([':', ':']))
            })
    }

    /// A run that names no thing: one verb (or adverb + verb) that is not a head noun,
    /// or a word that says nothing alone.
    fn is_bare_verb(&self, run: &[Word]) -> bool {
        let text: String = run.iter().map(|x| x.text).collect();
        if self.heads.iter().any(|h| text.ends_with(h.as_str())) {
            return false;
        }
        if self.not_labels.contains(&text) {
            return true;
        }
        // Verbs (and adverbs before them) only: 累计安排, 绝收.
        !run.is_empty()
            && run.iter().any(|x| x.tag.starts_with('v'))
            && run
                .iter()
                .all(|x| (x.tag.starts_with('v') && x.tag != "vn") || x.tag.starts_with('d'))
    }

    fn is_suffix(&self, x: &Word) -> bool {
        self.place_suffixes.iter().any(|p| p == x.text)
    }

    /// Where the place whose level word is `run[k]` starts (新 惠 镇, 东岗 村): the name
    /// jieba read apart from it, one word or up to three single characters. None when
    /// `run[k]` is no level word or has no name before it.
    fn place_start(&self, run: &[Word], k: usize) -> Option<usize> {
        if !self.is_suffix(run.get(k)?) || k == 0 {
            return None;
        }
        let single = |x: &Word| x.text.chars().nth(1).is_none() && !self.is_function_word(x);
        let mut i = k;
        while i > 0 && k - i < 3 && single(&run[i - 1]) {
            i -= 1;
        }
        if i == k {
            let x = &run[k - 1];
            if self.is_function_word(x) {
                return None;
            }
            i = k - 1;
        }
        Some(i)
    }

    /// The end (index of the level word) of a place that starts `run` at `from`.
    fn place_ending_at(&self, run: &[Word], from: usize) -> Option<usize> {
        (from + 1..run.len().min(from + 4)).find(|&k| self.place_start(run, k) == Some(from))
    }

    fn is_function_word(&self, x: &Word) -> bool {
        if x.text.chars().nth(1).is_none() {
            self.edge_chars.iter().any(|c| c == x.text)
        } else {
            self.edge_tags.iter().any(|t| t == x.tag)
        }
    }

    fn is_place(&self, x: &Word, places: &[(usize, usize)]) -> bool {
        places.iter().any(|&(a, b)| x.start < b && a < x.end)
            || self.place_words.iter().any(|p| p == x.text)
            || self.unit_words.iter().any(|u| u == x.text)
            || (x.text.chars().count() >= 3
                && self
                    .place_endings
                    .iter()
                    .any(|end| x.text.ends_with(end.as_str())))
    }

    fn is_office(&self, x: &Word) -> bool {
        self.offices.iter().any(|o| o == x.text)
            || (x.text.chars().count() >= 3
                && self
                    .office_endings
                    .iter()
                    .any(|end| x.text.ends_with(end.as_str())))
    }

    /// A label without the places at its start (乌加河镇安排资金 → 安排资金).
    fn without_places(&self, label: &str) -> String {
        let ws = words(label);
        let mut run: &[Word] = &ws;
        loop {
            if let Some(k) = self.place_ending_at(run, 0) {
                run = &run[k + 1..];
                continue;
            }
            match run {
                [x, rest @ ..] if self.is_place(x, &[]) => run = rest,
                _ => break,
            }
        }
        run.iter().map(|x| x.text).collect()
    }
}

/// A label within `MAX_CHARS`: longer ones keep their last words, where the head noun is
/// (an added head, a list item's place and measure, people of households).
fn fit(label: String) -> String {
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
fn whole_edges(label: &str, texts: &[&str]) -> String {
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
    let mut prefix = "";
    let mut suffix = "";
    for t in texts {
        if prefix.is_empty() {
            if let Some(i) = t.find(head) {
                if let Some((a, _)) = word_at(t, i) {
                    prefix = &t[a..i];
                }
            }
        }
        if suffix.is_empty() {
            if let Some(j) = t.rfind(tail) {
                let end = j + tail.len();
                let last = end - tail.chars().next_back().map_or(0, char::len_utf8);
                if let Some((_, b)) = word_at(t, last) {
                    suffix = &t[end..b.max(end)];
                }
            }
        }
    }
    format!("{prefix}{label}{suffix}")
}

/// The byte offset `n` characters before `at` (or 0).
fn back_chars(text: &str, at: usize, n: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The byte offset `n` characters after `at` (or the end).
fn forward_chars(text: &str, at: usize, n: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| at + i)
}
