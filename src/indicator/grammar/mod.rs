//! The label grammar: a label is a run of whole words of its clause, without places,
//! offices, people or function words at its edges, shortened to its head phrase (never cut
//! inside a word), and a bare verb takes the head noun of its fact's unit (绝收 + 公顷 →
//! 绝收面积). The word lists are data (`rules/labels.toml`), with examples.

mod classes;
mod cues;
mod text;

use super::MAX_CHARS;
use crate::page::words::{words, Word};
use anyhow::{Context as _, Result};
use serde::Deserialize;
use std::fmt;
use text::{back_chars, find, fit, forward_chars, keep_first, rfind, whole_edges};

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
    /// Words that are function words whatever their tag (的, 和, 在, 目前, 我们 …).
    pub edge_words: Vec<String>,
    /// Word endings of places below a county (镇, 乡, 村 …) and of offices (局, 政府 …),
    /// read on words of three or more characters, and words that are offices.
    pub place_endings: Vec<String>,
    pub office_endings: Vec<String>,
    pub offices: Vec<String>,
    /// Unit and level words (公顷, 县 …), never at a label's edge.
    pub unit_words: Vec<String>,
    pub place_words: Vec<String>,
    /// Words of administrative levels (旗县, 乡镇 …): what a count of regions counts.
    pub level_words: Vec<String>,
    /// Level words that end a name read apart from it (西岗 + 村).
    pub place_suffixes: Vec<String>,
    /// Words that end an office's name read apart from it (国土资源 + 局).
    pub office_suffixes: Vec<String>,
    /// Words after which a list's items follow (分别为).
    pub list_openers: Vec<String>,
    /// Words that open the part of a whole (其中).
    pub partition_words: Vec<String>,
    /// Verbs before a purpose (用于).
    pub purpose_verbs: Vec<String>,
    /// The word for 户 in the label of people counted right after households.
    pub persons_of_households: String,
    /// The label of a date alone on its line.
    pub page_date: String,
    /// The label of a dateline's date.
    pub dateline: String,
    /// Words before a cut-off date, and what its label ends with.
    pub cutoff_words: Vec<String>,
    pub cutoff_label: String,
    /// Comparison and change words (比上年 增长).
    pub comparisons: Vec<String>,
    pub changes: Vec<String>,
    /// Words that say nothing on their own (开始, 进行, 分别为 …).
    pub not_labels: Vec<String>,
    #[serde(default)]
    pub examples: Vec<LabelExample>,
    /// The word lists as sets, built at load: every word of a window is looked up.
    #[serde(skip)]
    sets: Sets,
}

/// What a word of the lists is (bits of `Word::flags`).
const FUNCTION: u8 = 1;
const PLACE: u8 = 2;
const LEVEL: u8 = 4;
const SUFFIX: u8 = 8;
const OFFICE: u8 = 16;
/// A place or unit word of the lists (县, 公顷), not a name.
const PLACE_WORD: u8 = 32;
/// A word that ends an office's name (局).
const OFFICE_SUFFIX: u8 = 64;
/// Flags set: the word has been looked up.
const READ: u8 = 128;

#[derive(Debug, Clone, Default)]
struct Sets {
    /// Every listed word and what it is.
    words: rustc_hash::FxHashMap<String, u8>,
    edge_tags: rustc_hash::FxHashSet<String>,
    place_endings: text::Affixes,
    office_endings: text::Affixes,
    /// Place and office suffixes: a level word anywhere in a label.
    suffixes: text::Affixes,
    comparisons: text::Affixes,
    changes: text::Affixes,
    heads: text::Affixes,
    /// `unit_heads` by unit.
    unit_heads: rustc_hash::FxHashMap<String, String>,
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
    /// A change took the figure it compares as its subject.
    Compared,
    /// A cut-off date (截至…).
    Cutoff,
}

impl Step {
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Snapped => "snapped to whole words",
            Step::Trimmed => "dropped places, offices or function words at the edges",
            Step::Shortened => "shortened to the head phrase",
            Step::Headed => "a bare verb took its unit's head noun",
            Step::ListItem => "a list item took the previous item's measure",
            Step::Compared => "a change took the figure before it as its subject",
            Step::Cutoff => "a cut-off date",
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The clause around a fact, as the namer read it.
pub struct Window<'a> {
    pub before: &'a str,
    pub after: &'a str,
    /// The sentence before the quantity (a label may come from an earlier clause).
    pub sentence_before: &'a str,
    /// The rest of the sentence after the clause.
    pub sentence_after: &'a str,
    /// The page's place names around the clause, and where `before` and `after` start on
    /// the page (to read the places' offsets in them).
    pub places: &'a [crate::place::mentions::Place],
    pub before_at: usize,
    pub after_at: usize,
    pub unit: &'a str,
    /// A date's label names its event, read after it: its head comes first.
    pub is_date: bool,
    /// The label of the previous fact of the same list (same sentence and kind).
    pub prev_label: Option<&'a str>,
    /// The label of the previous fact of the sentence, of any kind.
    pub prev_any: Option<&'a str>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Before,
    After,
    Own,
}

/// Characters of context segmented on each side of a label: enough for jieba to see the
/// words around its edges.
const MARGIN: usize = 3;

impl LabelGrammar {
    /// The grammar compiled into the binary.
    pub fn embedded() -> Result<LabelGrammar> {
        LabelGrammar::parse(include_str!("../../../rules/labels.toml"), FILE)
    }

    pub fn parse(text: &str, name: &str) -> Result<LabelGrammar> {
        let mut g: LabelGrammar =
            toml::from_str(text).with_context(|| format!("{name}: not a label grammar file"))?;
        let mut words: rustc_hash::FxHashMap<String, u8> = Default::default();
        for (list, flag) in [
            (&g.edge_words, FUNCTION),
            (&g.place_words, PLACE | PLACE_WORD),
            (&g.unit_words, PLACE | PLACE_WORD),
            (&g.level_words, LEVEL),
            (&g.place_suffixes, SUFFIX),
            (&g.offices, OFFICE),
            (&g.office_suffixes, OFFICE_SUFFIX),
        ] {
            for w in list {
                *words.entry(w.clone()).or_default() |= flag;
            }
        }
        g.sets = Sets {
            words,
            edge_tags: g.edge_tags.iter().cloned().collect(),
            place_endings: text::Affixes::new([&g.place_endings]),
            office_endings: text::Affixes::new([&g.office_endings]),
            suffixes: text::Affixes::new([&g.place_suffixes, &g.office_suffixes]),
            comparisons: text::Affixes::new([&g.comparisons]),
            changes: text::Affixes::new([&g.changes]),
            heads: text::Affixes::new([&g.heads]),
            unit_heads: g
                .unit_heads
                .iter()
                .map(|[u, h]| (u.clone(), h.clone()))
                .collect(),
        };
        Ok(g)
    }

    /// The words of `text`, each with what the lists say it is.
    fn seg<'t>(&self, text: &'t str) -> Vec<Word<'t>> {
        let mut ws = words(text);
        for w in &mut ws {
            w.flags = self.flags_of(w);
        }
        ws
    }

    fn flags_of(&self, x: &Word) -> u8 {
        if x.flags & READ != 0 {
            return x.flags;
        }
        let mut f = READ | self.sets.words.get(x.text).copied().unwrap_or(0);
        if x.text.chars().nth(1).is_some() && self.sets.edge_tags.contains(x.tag) {
            f |= FUNCTION;
        }
        if x.text.chars().nth(2).is_some() {
            if self.sets.place_endings.end(x.text) {
                f |= PLACE;
            }
            if self.sets.office_endings.end(x.text) {
                f |= OFFICE;
            }
        }
        f
    }

    /// A naming in whole words (see [`LabelGrammar::shape`]); its source says what the
    /// grammar did. None when nothing of it names a measure.
    pub fn apply(&self, naming: super::Naming, w: &Window) -> Option<super::Naming> {
        let (label, mut steps) = self.shape(&naming.label, w)?;
        let mut label = fit(label);
        if let Some(l) = self.compared(&label, w) {
            label = l;
            steps.push(Step::Compared);
        }
        // A verb the namer gave its unit's head (投入资金) when its clause ends with the
        // money: the next clause may say what it went into.
        if let Some(head) = self.unit_head(w.unit) {
            if let Some(verb) = label.strip_suffix(head) {
                let ws = self.seg(verb);
                if let ([x], false) = (ws.as_slice(), w.is_date) {
                    if x.tag.starts_with('v') && x.tag != "vn" {
                        if let Some(object) = self.object_of_next_clause(w) {
                            label = fit(format!("{object}{verb}"));
                            steps.push(Step::Headed);
                        }
                    }
                }
            }
        }
        if let Some(l) = self.project_after(&label, w) {
            label = l;
            steps.push(Step::Headed);
        }
        if let Some(l) = self.list_verb(&label, w) {
            label = l;
            steps.push(Step::ListItem);
        }
        if w.is_date
            && self
                .cutoff_words
                .iter()
                .any(|c| w.before.trim_end().ends_with(c.as_str()))
        {
            let room = MAX_CHARS - self.cutoff_label.chars().count();
            label = format!("{}{}", keep_first(&label, room), self.cutoff_label);
            steps.push(Step::Cutoff);
        }
        let mut source = naming.source;
        for step in steps {
            source.push_str("; ");
            source.push_str(step.as_str());
        }
        Some(super::Naming { label, source })
    }

    /// The label in whole words, or None when nothing of it names a measure. Also says
    /// what changed.
    pub fn shape(&self, label: &str, w: &Window) -> Option<(String, Vec<Step>)> {
        let joined: String;
        let (side, text, (s, e)) = match rfind(w.before, label) {
            Some(i) => (Side::Before, w.before, (i, i + label.len())),
            None => match find(w.after, label) {
                Some(i) => (Side::After, w.after, (i, i + label.len())),
                None => match rfind(w.sentence_before, label) {
                    Some(i) => (Side::Before, w.sentence_before, (i, i + label.len())),
                    None => {
                        joined = whole_edges(label, &[w.before, w.after, w.sentence_before]);
                        (Side::Own, joined.as_str(), (0, joined.len()))
                    }
                },
            },
        };
        // Places as byte ranges of `text`, when it is the clause's before or after.
        let base = match side {
            Side::Before if std::ptr::eq(text, w.before) => Some(w.before_at),
            Side::After => Some(w.after_at),
            _ => None,
        };
        // An age band keeps its age (65岁及以上常住人口): the digits before 岁.
        let located = s;
        let s = if text[s..].starts_with('岁') {
            let digits = text[..s]
                .bytes()
                .rev()
                .take_while(|b| b.is_ascii_digit() || *b == b'-')
                .count();
            s - digits
        } else {
            s
        };
        let places: Vec<(usize, usize)> = base.map_or(Vec::new(), |at| {
            w.places
                .iter()
                .filter(|m| m.start >= at && m.end <= at + text.len())
                .map(|m| (m.start - at, m.end - at))
                .collect()
        });
        let places = places.as_slice();
        // A label read after the number may run into its predicate (重点项目村全部通电):
        // only one read before it can be settled without its words.
        if side == Side::Before && s == located && self.settled(label, text, (s, e), places) {
            return Some((label.to_string(), Vec::new()));
        }
        let from = back_chars(text, s, MARGIN);
        let to = forward_chars(text, e, MARGIN);
        let mut ws = words(&text[from..to]);
        for word in &mut ws {
            word.start += from;
            word.end += from;
        }
        let mut steps = Vec::new();
        // The words the label touches, whole; only they are looked up in the lists.
        let first = ws.iter().position(|x| x.end > s)?;
        let last = ws.iter().rposition(|x| x.start < e)?;
        for word in &mut ws[first..=last] {
            word.flags = self.flags_of(word);
        }
        if ws[first].start != s || ws[last].end != e {
            steps.push(Step::Snapped);
        }
        let mut run: &[Word] = &ws[first..=last];
        // After a count, level words are what it counts (8个旗县区), not places.
        let place = |x: &Word| {
            self.is_place(x, places) && !(side == Side::After && self.flags_of(x) & LEVEL != 0)
        };
        let before_trim = run.len();
        // The place named last at either edge (西岗村), for a list item.
        let mut named: Option<(usize, usize)> = None;
        loop {
            if let Some(k) = self.place_ending_at(run, 0) {
                named = Some((run[0].start, run[k].end));
                run = &run[k + 1..];
                continue;
            }
            // An office read apart from its level word (国土 资源 局 资金).
            if let Some(k) = run
                .iter()
                .take(4)
                .skip(1)
                .position(|x| self.flags_of(x) & OFFICE_SUFFIX != 0)
            {
                if k + 2 < run.len() {
                    run = &run[k + 2..];
                    continue;
                }
            }
            match run {
                [x, rest @ ..] if place(x) || self.is_office(x) || self.is_function_word(x) => {
                    if place(x) && self.flags_of(x) & PLACE_WORD == 0 {
                        named = Some((x.start, x.end));
                    }
                    run = rest;
                }
                _ => break,
            }
        }
        loop {
            if let [rest @ .., _, x] = run {
                if self.flags_of(x) & OFFICE_SUFFIX != 0 {
                    run = rest;
                    continue;
                }
            }
            if let Some(i) = run
                .len()
                .checked_sub(1)
                .and_then(|k| self.place_start(run, k))
            {
                named = Some((run[i].start, run[run.len() - 1].end));
                run = &run[..i];
                continue;
            }
            match run {
                [rest @ .., x] if place(x) || self.is_office(x) || self.is_function_word(x) => {
                    if place(x) && self.flags_of(x) & PLACE_WORD == 0 {
                        named = Some((x.start, x.end));
                    }
                    run = rest;
                }
                _ => break,
            }
        }
        // After the number, the noun ends where a function word starts its predicate
        // (36个重点帮扶村全部通电 → 重点帮扶村).
        if side == Side::After && !w.is_date {
            // (级 and % are edge remnants, not the start of a predicate: 科级领导干部.)
            // (及以上 / 及以下 belong to a band: 三级及以上民营医院.)
            let breaks = |k: usize| {
                let x = &run[k];
                let band = x.text == "及"
                    && run
                        .get(k + 1)
                        .is_some_and(|y| matches!(y.text, "以上" | "以下"));
                self.is_function_word(x) && !band && !matches!(x.text, "级" | "%")
            };
            if let Some(k) = (1..run.len()).find(|&k| breaks(k)).map(|k| k - 1) {
                run = &run[..k + 1];
            }
        }
        if run.len() != before_trim {
            steps.push(Step::Trimmed);
        }
        if run.is_empty() {
            // Only a place (西坡镇60万元): the item of a list, measured as the one before.
            let measure = w
                .prev_label
                .map(|p| self.without_places(p))
                .or_else(|| self.list_measure(w.sentence_before));
            if let (Some((a, b)), Some(measure)) = (named, measure) {
                steps.push(Step::ListItem);
                return Some((format!("{}{measure}", &text[a..b]), steps));
            }
            // Or what the people or things counted did (4.5万人受灾 → 受灾人数).
            if let Some(label) = self.verb_after(w) {
                steps.push(Step::Headed);
                return Some((label, steps));
            }
            // Or regions themselves are counted (8个旗县区, 东河乡等5个乡镇): the level
            // words are the thing.
            let level = |x: &Word| self.flags_of(x) & LEVEL != 0;
            let all = &ws[first..=last];
            if all.iter().all(level) {
                return Some((all.iter().map(|x| x.text).collect(), steps));
            }
            let to = forward_chars(w.after, 0, MARGIN);
            return self
                .seg(&w.after[..to])
                .first()
                .filter(|x| level(x))
                .map(|x| (x.text.to_string(), steps));
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
            run = self.without_function_ends(run, true);
            steps.push(Step::Shortened);
        }
        let mut out: String = run.iter().map(|x| x.text).collect();
        let ends_in_verb = run
            .last()
            .is_some_and(|x| x.tag.starts_with('v') && x.tag != "vn")
            && !self.sets.heads.end(&out);
        let bare = self.is_bare_verb(run);
        if side == Side::Before && !w.is_date && ends_in_verb && !bare {
            // 与银行签署8亿元授信协议: the money is the object's (授信协议资金); with no
            // object, the subject's verb takes its unit's head (项目涉及户数).
            let head = self.unit_head(w.unit);
            let read = out.len();
            match (head, self.object_after(w)) {
                (Some(head), Some(object)) => out = format!("{object}{head}"),
                (Some(head), None) => out = format!("{out}{head}"),
                // A count with no head of its own (5个小区): the verb and what it counts;
                // a rate counts nothing (9%本报记者 is the next report's byline).
                (None, Some(object)) if w.unit != "%" => {
                    let verb = run.last().map_or("", |x| x.text);
                    out = format!("{verb}{object}");
                }
                _ => {}
            }
            if out.len() != read || head.is_some() {
                steps.push(Step::Headed);
            }
        } else if bare {
            // 投入80万元,建设某某服务站: what the money went into, and the verb.
            let object = (side == Side::Before && !w.is_date)
                .then(|| self.object_of_next_clause(w))
                .flatten();
            if let Some(object) = object {
                out = fit(format!("{object}{out}"));
                steps.push(Step::Headed);
            } else if let Some(head) = self.unit_head(w.unit) {
                out.push_str(head);
                steps.push(Step::Headed);
            }
        }
        (out.chars().count() >= 2).then_some((out, steps))
    }
}
