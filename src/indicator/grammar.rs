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

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Step::Snapped => "snapped to whole words",
            Step::Trimmed => "dropped places, offices or function words at the edges",
            Step::Shortened => "shortened to the head phrase",
            Step::Headed => "a bare verb took its unit's head noun",
            Step::ListItem => "a list item took the previous item's measure",
            Step::Compared => "a change took the figure before it as its subject",
            Step::Cutoff => "a cut-off date",
        })
    }
}

/// The clause around a fact, as the namer read it.
pub struct Window<'a> {
    pub before: &'a str,
    pub after: &'a str,
    /// The sentence before the quantity (a label may come from an earlier clause).
    pub sentence_before: &'a str,
    /// The page's place names around the clause, and where `before` and `after` start on
    /// the page (to read the places' offsets in them).
    pub places: &'a [crate::places::Place],
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
        LabelGrammar::parse(include_str!("../../rules/labels.toml"), FILE)
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
            let ends = |list: &[String]| list.iter().any(|e| x.text.ends_with(e.as_str()));
            if ends(&self.place_endings) {
                f |= PLACE;
            }
            if ends(&self.office_endings) {
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
        // An age band keeps its age (60岁及以上户籍人口): the digits before 岁.
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
        let mut ws = self.seg(&text[from..to]);
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
        // (41个重点项目村全部通电 → 重点项目村).
        if side == Side::After && !w.is_date {
            // (级 and % are edge remnants, not the start of a predicate: 科级领导干部.)
            // (及以上 / 及以下 belong to a band: 二级及以上公立医疗机构.)
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
            // Only a place (海流图镇400万元): the item of a list, measured as the one before.
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
            // Or regions themselves are counted (8个旗县区, 舍必崖乡等6个乡镇): the level
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
        let ends_in_verb = run
            .last()
            .is_some_and(|x| x.tag.starts_with('v') && x.tag != "vn")
            && !self.heads.iter().any(|h| out.ends_with(h.as_str()));
        if side == Side::Before && !w.is_date && ends_in_verb && !self.is_bare_verb(run) {
            // 与银行签署8亿元授信协议: the money is the object's (授信协议资金); with no
            // object, the subject's verb takes its unit's head (项目涉及户数).
            let head = self
                .unit_heads
                .iter()
                .find(|[u, _]| u == w.unit)
                .map(|[_, h]| h);
            if let Some(head) = head {
                out = match self.object_after(w) {
                    Some(object) => format!("{object}{head}"),
                    None => format!("{out}{head}"),
                };
                steps.push(Step::Headed);
            }
        } else if self.is_bare_verb(run) {
            if let Some([_, head]) = self.unit_heads.iter().find(|[u, _]| u == w.unit) {
                out.push_str(head);
                steps.push(Step::Headed);
            }
        }
        (out.chars().count() >= 2).then_some((out, steps))
    }

    /// The noun phrase right after a quantity (8亿元授信协议 → 授信协议): its first words
    /// while they are nouns, at most six characters.
    fn object_after(&self, w: &Window) -> Option<String> {
        let to = forward_chars(w.after, 0, 8);
        let ws = self.seg(&w.after[..to]);
        // Nouns and the verbs that modify them (授信 协议), ending on a noun.
        let mut end = 0;
        let mut chars = 0;
        for (k, x) in ws.iter().enumerate() {
            let content = x.tag.starts_with('n') || x.tag.starts_with('v');
            if !content || self.is_place(x, &[]) || self.is_office(x) || self.is_function_word(x) {
                break;
            }
            chars += x.text.chars().count();
            if chars > 6 {
                break;
            }
            if x.tag.starts_with('n') {
                end = k + 1;
            }
        }
        let out: String = ws[..end].iter().map(|x| x.text).collect();
        (out.chars().count() >= 2).then_some(out)
    }

    /// The measure a list's opener names (各乡镇投资额分别为 → 投资额): the words of its
    /// clause before the opener, without places and level words.
    fn list_measure(&self, sentence_before: &str) -> Option<String> {
        let (at, _) = self
            .list_openers
            .iter()
            .filter_map(|o| rfind(sentence_before, o).map(|i| (i, o)))
            .max_by_key(|&(i, _)| i)?;
        let clause = &sentence_before[..at];
        let from = clause.rfind([',', ';', '。', ':']).map_or(0, |i| i + 1);
        let ws = self.seg(&clause[from..]);
        let keep: Vec<&Word> = ws
            .iter()
            .skip_while(|x| {
                self.is_place(x, &[])
                    || self.is_function_word(x)
                    || self.flags_of(x) & LEVEL != 0
                    || x.text.starts_with('各')
            })
            .collect();
        let out: String = keep.iter().map(|x| x.text).collect();
        (out.chars().count() >= 2).then_some(out)
    }

    /// A change without its subject (比上年增长, 增加) named by the figure before it:
    /// 生产总值 + 增长. None when the label is no bare change or there is no figure.
    fn compared(&self, label: &str, w: &Window) -> Option<String> {
        let compared = self
            .comparisons
            .iter()
            .find_map(|c| label.strip_prefix(c.as_str()));
        let rest = compared.unwrap_or(label);
        let change = self.changes.iter().find(|c| rest.ends_with(c.as_str()))?;
        // A change with a subject of its own (水土流失减少) stays as it is.
        if compared.is_none() && rest != change.as_str() {
            return None;
        }
        // What stands between the comparison and the change must be a period (上年同期),
        // not a subject of its own.
        if rest.chars().count() > change.chars().count() + 4 {
            return None;
        }
        let prev = w.prev_any?;
        // The figure's own change (…增长) is not its subject.
        let subject = self
            .changes
            .iter()
            .find_map(|c| prev.strip_suffix(c.as_str()))
            .unwrap_or(prev);
        Some(fit(format!("{subject}{change}")))
    }

    /// Whether `text` starts with a noun (贫困户, not 脱贫致富).
    pub fn starts_with_noun(&self, text: &str) -> bool {
        let to = forward_chars(text, 0, MARGIN);
        self.seg(&text[..to])
            .first()
            .is_some_and(|x| x.tag.starts_with('n') && !self.is_function_word(x))
    }

    /// The verb right after a quantity with its unit's head (受灾 + 人 → 受灾人数).
    fn verb_after(&self, w: &Window) -> Option<String> {
        let to = forward_chars(w.after, 0, MARGIN);
        let ws = self.seg(&w.after[..to]);
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
        let ws = self.seg(rest);
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
        let end = rest.find([',', ';', '。', '、']).unwrap_or(rest.len());
        let ws = self.seg(&rest[..end]);
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
        // Already a count of people (总人口1059户2340人): the same label.
        if households_label.ends_with(self.persons_of_households.as_str()) {
            return households_label.to_string();
        }
        let stem = households_label
            .strip_suffix('户')
            .unwrap_or(households_label);
        fit(format!("{stem}{}", self.persons_of_households))
    }

    /// Whether a date is a dateline's: an outlet's short name before it (新华社北京), then
    /// 电 or 讯 and a space, a parenthesis or the end of the clause.
    pub fn is_dateline(&self, before: &str, after: &str) -> bool {
        // The outlet, perhaps with a reporter's byline (时刻新闻记者 李华).
        let outlet = before.trim();
        let n = outlet.chars().count();
        let name_like = (2..=20).contains(&n)
            && !outlet
                .chars()
                .any(|c| c.is_ascii_digit() || matches!(c, ',' | ';' | '。' | ':' | '、'));
        let rest = after.strip_prefix(['电', '讯']);
        name_like
            && rest.is_some_and(|r| {
                r.is_empty()
                    || r.starts_with(|c: char| c.is_whitespace() || c == '(' || c == '\u{FF08}')
            })
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

    /// Whether the label at `s..e` of `text` is already what the grammar would make of
    /// it, read without segmenting: no word crosses its edges, no listed word, function
    /// word, place or office can start or end it, it is short, and it is no bare verb.
    /// Most labels are; the others go through the words.
    fn settled(
        &self,
        label: &str,
        text: &str,
        (s, e): (usize, usize),
        places: &[(usize, usize)],
    ) -> bool {
        if label.chars().count() > MAX_CHARS
            || places.iter().any(|&(a, b)| a < e && s < b)
            || crate::indicator::words::spans(text, s)
            || crate::indicator::words::spans(text, e)
            || self.not_labels.iter().any(|w| w == label)
            || crate::indicator::words::tag_of(label)
                .is_some_and(|t| t.starts_with('v') && t != "vn")
        {
            return false;
        }
        let ending = |w: &str, list: &[String]| {
            w.chars().nth(2).is_some() && list.iter().any(|x| w.ends_with(x.as_str()))
        };
        let listed = |w: &str, tag: &str| {
            self.sets.words.contains_key(w)
                || (w.chars().nth(1).is_some() && self.sets.edge_tags.contains(tag))
                || ending(w, &self.place_endings)
                || ending(w, &self.office_endings)
        };
        let mut clear = true;
        crate::indicator::words::words_starting(label, |w, tag| clear &= !listed(w, tag));
        if !clear {
            return false;
        }
        // The words that may end it: its last one to four characters.
        let ends = label.char_indices().rev().take(4).map(|(i, _)| &label[i..]);
        for w in ends {
            let tag = crate::indicator::words::tag_of(w).unwrap_or("x");
            if listed(w, tag) {
                return false;
            }
        }
        // A level word anywhere may end a place or an office read apart from it.
        if self
            .place_suffixes
            .iter()
            .chain(&self.office_suffixes)
            .any(|x| label.contains(x.as_str()))
        {
            return false;
        }
        let ending = |list: &[String]| list.iter().any(|x| label.ends_with(x.as_str()));
        !ending(&self.place_endings)
            && !ending(&self.office_endings)
            && !ending(&self.place_suffixes)
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
        self.flags_of(x) & SUFFIX != 0
    }

    /// Where the place whose level word is `run[k]` starts (新 惠 镇, 东岗 村): the name
    /// jieba read apart from it, one word or up to three single characters. None when
    /// `run[k]` is no level word or has no name before it.
    fn place_start(&self, run: &[Word], k: usize) -> Option<usize> {
        if !self.is_suffix(run.get(k)?) || k == 0 {
            return None;
        }
        // A township of the table (甘其毛都镇, read 甘其 毛 都 镇): the longest name there.
        if let Some(i) = (k.saturating_sub(5)..k).find(|&i| {
            let name: String = run[i..=k].iter().map(|x| x.text).collect();
            !crate::towns::counties_of(&name).is_empty()
        }) {
            return Some(i);
        }
        let single = |x: &Word| x.text.chars().nth(1).is_none() && !self.is_function_word(x);
        let mut i = k;
        while i > 0 && k - i < 5 && single(&run[i - 1]) {
            i -= 1;
        }
        if i == k {
            // One word: a name only when jieba knows it as one (重点项目村 is no place).
            let x = &run[k - 1];
            if !matches!(x.tag, "ns" | "nr" | "nz" | "nrt" | "nrfg" | "nt") {
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
        self.flags_of(x) & FUNCTION != 0
    }

    fn is_place(&self, x: &Word, places: &[(usize, usize)]) -> bool {
        self.flags_of(x) & PLACE != 0 || places.iter().any(|&(a, b)| x.start < b && a < x.end)
    }

    fn is_office(&self, x: &Word) -> bool {
        self.flags_of(x) & OFFICE != 0
    }

    /// A label without the places at its start (乌加河镇安排资金 → 安排资金).
    fn without_places(&self, label: &str) -> String {
        let ws = self.seg(label);
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

/// The first words of `label` within `n` characters.
fn keep_first(label: &str, n: usize) -> String {
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
    // The first text that has the edge decides it, extended or not.
    let mut prefix: Option<&str> = None;
    let mut suffix: Option<&str> = None;
    for t in texts {
        if prefix.is_none() {
            if let Some(i) = t.find(head) {
                prefix = Some(word_at(t, i).map_or("", |(a, _)| &t[a..i]));
            }
        }
        if suffix.is_none() {
            if let Some(j) = t.rfind(tail) {
                let end = j + tail.len();
                let last = end - tail.chars().next_back().map_or(0, char::len_utf8);
                suffix = Some(word_at(t, last).map_or("", |(_, b)| &t[end..b.max(end)]));
            }
        }
        if prefix.is_some() && suffix.is_some() {
            break;
        }
    }
    let (prefix, suffix) = (prefix.unwrap_or(""), suffix.unwrap_or(""));
    format!("{prefix}{label}{suffix}")
}

/// The last place `needle` is in `hay`. Windows are short: a scan for the first byte
/// costs less than setting up a substring searcher for each fact.
fn rfind(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let &first = n.first()?;
    let mut end = h.len().checked_sub(n.len())? + 1;
    while let Some(i) = memchr::memrchr(first, &h[..end]) {
        if h[i..].starts_with(n) {
            return Some(i);
        }
        end = i;
    }
    None
}

/// The first place `needle` is in `hay` (see [`rfind`]).
fn find(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let &first = n.first()?;
    let last = h.len().checked_sub(n.len())?;
    let mut at = 0;
    while let Some(i) = memchr::memchr(first, &h[at..=last]) {
        if h[at + i..].starts_with(n) {
            return Some(at + i);
        }
        at += i + 1;
    }
    None
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
