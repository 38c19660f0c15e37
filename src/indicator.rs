//! Indicators: what a number measures, as a short label a spreadsheet column could carry
//! (财政衔接资金, 接待游客), and for a date the event it dates (专班成立, 报道日期).
//!
//! Rules from `rules/indicators.toml` are tried first, on the clause text before and after
//! the quantity. Otherwise a fallback reads Chinese syntax:
//! - verb + noun + number (投入财政衔接资金7081万元): the noun phrase after the verb;
//! - noun + 达/为 + number (开户人数达8.55万人): the noun phrase before the link word;
//! - number + classifier + noun (399名城镇就业困难人员): the noun phrase after the unit.
//!
//! Every word list is data (`[fallback]` in the rule file), so users can tune it.

use crate::bits::BitSet;
use crate::lazy_regex::{LazyRegex, LazySet};
use serde::Deserialize;

/// Bounds of a label, in characters.
pub const MIN_CHARS: usize = 2;
pub const MAX_CHARS: usize = 12;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FallbackDef {
    /// Verbs that introduce what is counted: 投入, 带动, 惠及 …
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Words between the indicator and the number: 达, 为, 共计 … (stripped from the end).
    #[serde(default)]
    pub links: Vec<String>,
    /// Words that start a clause but not an indicator: 的, 了, 目前, 全旗 … (stripped).
    #[serde(default)]
    pub leading: Vec<String>,
    /// Words that do not name a date's event: 清晨, 以来, 期间 … (stripped at either end).
    #[serde(default)]
    pub date_noise: Vec<String>,
    /// `c % 65536` set: some verb starts with character `c` (built by `longest_first`).
    #[serde(skip)]
    pub verb_starts: BitSet,
    /// The first two bytes of the `leading` words, as bits (built by `longest_first`): most
    /// phrases start with none, and need no look at the list.
    #[serde(skip)]
    pub leading_starts: BitSet,
}

impl FallbackDef {
    /// Every list sorted longest word first (stable), once at load: stripping then tries
    /// 共计 before 共 without sorting per fact. Verbs are grouped by first character too
    /// (longest first within a group), so a verb search looks only at the verbs that can
    /// start where it looks (see [`last_verb`]).
    pub fn longest_first(mut self) -> FallbackDef {
        for list in [
            &mut self.verbs,
            &mut self.links,
            &mut self.leading,
            &mut self.date_noise,
        ] {
            list.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
        self.verbs.sort_by_key(|w| w.chars().next());
        self.verb_starts = BitSet::with_len(1 << 16);
        for c in self.verbs.iter().filter_map(|v| v.chars().next()) {
            self.verb_starts.insert(c as usize & 0xFFFF);
        }
        self.leading_starts = BitSet::with_len(1 << 16);
        // An empty word never strips anything (see `may_start`), so it has no bit.
        for w in self.leading.iter().filter(|w| !w.is_empty()) {
            let b = w.as_bytes();
            // A one-byte word starts any text that starts with its byte.
            let seconds = match b.get(1) {
                Some(&second) => second..=second,
                None => 0..=255,
            };
            for second in seconds {
                self.leading_starts.insert(two_bytes(b[0], second));
            }
        }
        self
    }

    /// [`strip_prefixes`] of the `leading` words, skipping the list when no word starts
    /// with the text's first two bytes.
    fn strip_leading<'t>(&self, text: &'t str) -> &'t str {
        let b = text.as_bytes();
        let Some(&first) = b.first() else {
            return text;
        };
        if !self
            .leading_starts
            .may_contain(two_bytes(first, b.get(1).copied().unwrap_or(0)))
        {
            return text;
        }
        strip_prefixes(text, &self.leading)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorDef {
    pub id: toml::Spanned<String>,
    /// `number` (money, counts, areas …), `date`, or `any`.
    #[serde(default = "any")]
    pub applies_to: String,
    /// Regex on the clause text before the quantity (anchor it with `$`).
    #[serde(default)]
    pub before: Option<toml::Spanned<String>>,
    /// Regex on the clause text after the quantity (anchor it with `^`).
    #[serde(default)]
    pub after: Option<toml::Spanned<String>>,
    /// The label: fixed text, or `{name}` for a named group of `before`/`after`.
    pub label: String,
    /// Prefix the project the sentence names (碳酸锂项目 + 计划投资).
    #[serde(default)]
    pub with_subject: bool,
    #[serde(default)]
    pub examples: Vec<IndicatorExample>,
}

fn any() -> String {
    "any".to_string()
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorExample {
    pub text: String,
    pub indicator: String,
}

#[derive(Debug)]
pub struct IndicatorRule {
    pub id: String,
    pub applies_to: String,
    pub before: Option<LazyRegex>,
    pub after: Option<LazyRegex>,
    pub label: String,
    pub with_subject: bool,
    pub examples: Vec<IndicatorExample>,
    pub origin: String,
}

/// How an indicator was named, for `explain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Naming {
    pub label: String,
    /// A rule id, or `fallback:verb`, `fallback:link`, `fallback:after`, `fallback:date`,
    /// `fallback:dateline`.
    pub source: String,
}

/// The text around a quantity within its clause.
pub struct Context<'a> {
    /// The clause text before the quantity (rules see this).
    pub before: &'a str,
    /// The same from the end of the last place name in it (和林格尔县投入… → 投入…): a place
    /// is where, not what, so the fallback does not read it.
    pub before_plain: &'a str,
    pub after: &'a str,
    /// The clause text after a date with place names removed (在赤峰市林西县… → 在…).
    pub after_plain: &'a str,
    /// The next clause of the sentence, for a date that ends its own clause.
    pub next_clause: &'a str,
    /// The previous clause, for a number alone in its own (一共8万多元).
    pub prev_clause: &'a str,
    /// The sentence up to the quantity, for the project it is about.
    pub sentence_before: &'a str,
    pub is_date: bool,
    /// A count of people, households, enterprises or items (the noun may follow it).
    pub counted: bool,
    /// The fact's kind: money, count, area, date …
    pub kind: &'a str,
}

pub struct Namer<'a> {
    pub rules: &'a [IndicatorRule],
    pub fallback: &'a FallbackDef,
    /// Every rule's `before` and `after` pattern as one set each (rules without one
    /// are left out): which rules can match is one pass each.
    pub sets: &'a IndicatorSets,
}

/// The indicator rules' patterns as sets, with each rule's place in them.
#[derive(Debug)]
pub struct IndicatorSets {
    pub before: LazySet,
    pub before_index: Vec<Option<usize>>,
    pub after: LazySet,
    pub after_index: Vec<Option<usize>>,
}

impl Namer<'_> {
    pub fn name(&self, ctx: &Context) -> Option<Naming> {
        // Most clauses match no rule: a plain search says so faster than the set's
        // overlapping one, which then runs only when some rule matches. Outer None: no
        // compiled set (every rule is tried); inner None: no rule of the set matches.
        let hits =
            |set: &regex::RegexSet, text: &str| set.is_match(text).then(|| set.matches(text));
        let before_hits = self.sets.before.get().map(|s| hits(s, ctx.before));
        let after_hits = self.sets.after.get().map(|s| hits(s, ctx.after));
        for (i, rule) in self.rules.iter().enumerate() {
            let hit = |index: &[Option<usize>], hits: &Option<Option<regex::SetMatches>>| {
                let slot = index.get(i).copied().flatten();
                match (slot, hits) {
                    (Some(k), Some(hits)) => hits.as_ref().is_some_and(|h| h.matched(k)),
                    _ => true,
                }
            };
            if !hit(&self.sets.before_index, &before_hits)
                || !hit(&self.sets.after_index, &after_hits)
            {
                continue;
            }
            let applies = match rule.applies_to.as_str() {
                "date" => ctx.is_date,
                "number" => !ctx.is_date,
                _ => true,
            };
            if !applies {
                continue;
            }
            if let Some(label) = apply_rule(rule, ctx) {
                let label = if rule.with_subject {
                    self.with_subject(label, ctx)
                } else {
                    label
                };
                if let Some(label) = clean_label(&label, true) {
                    return Some(Naming {
                        label,
                        source: rule.id.clone(),
                    });
                }
            }
        }
        if ctx.is_date {
            self.date_event(ctx)
        } else {
            self.quantity(ctx)
        }
    }

    fn quantity(&self, ctx: &Context) -> Option<Naming> {
        let fb = self.fallback;
        let left = strip_suffixes(ctx.before_plain.trim(), &fb.links);
        let linked = left.len() < ctx.before_plain.trim().len();
        let right = noun_after_linked(ctx.after, fb, ctx.counted);
        let short_right = right.chars().count() <= 2;
        let of_right = ctx.before_plain.trim_end().ends_with('的')
            && (MIN_CHARS..=4).contains(&right.chars().count());
        let (phrase, source) = if of_right {
            // 获得政府协调的3700万元贷款: the words before 的 and the noun after.
            let head = match last_verb(left, fb) {
                Some((at, v)) => &left[at + v.len()..],
                None => left,
            };
            (format!("{}{right}", core_noun(head, fb)), "fallback:verb")
        } else if ctx.counted && !linked && !short_right {
            // 399名城镇就业困难人员: a count names what it counts after the classifier,
            // unless a link word says the name came first (开户人数达8.55万人).
            (right.to_string(), "fallback:after")
        } else if let Some(p) = self.verb_phrase(left, right, short_right) {
            p
        } else {
            let left = core_noun(left, fb);
            if ctx.counted && short_right && !right.is_empty() && left.chars().count() <= 6 {
                // 连通南部6户牧民: the place before and the noun after together.
                (format!("{left}{right}"), "fallback:after")
            } else if left.chars().count() >= MIN_CHARS {
                (left.to_string(), "fallback:link")
            } else {
                (right.to_string(), "fallback:after")
            }
        };
        let mut label = clean_label(&phrase, source != "fallback:after");
        // A bare verb is no column name: it takes the previous clause's subject
        // (景区接待游客…,创收2200万元 → 景区接待游客创收), or for money 资金 (自筹资金).
        if let Some(l) = label.clone() {
            if fb.verbs.contains(&l) {
                let subject = prev_subject(ctx.prev_clause, fb);
                label = if subject.chars().count() >= MIN_CHARS {
                    clean_label(&format!("{subject}{l}"), true)
                } else {
                    (ctx.kind == "money").then(|| format!("{l}资金"))
                };
            }
        }
        // A label of one word borrows the previous clause's subject: 纳税 → 预计年产值纳税.
        let label = match label {
            // A count's two-character noun (农户, 群众) is a fine column on its own.
            Some(l) if l.chars().count() <= 2 && !(ctx.counted && source == "fallback:after") => {
                let subject = prev_subject(ctx.prev_clause, fb);
                clean_label(&format!("{subject}{l}"), true)
            }
            Some(l) => Some(l),
            None => clean_label(prev_subject(ctx.prev_clause, fb), true)
                // A headline (3389万元激励35家创新主体研发): its words after the numbers.
                .or_else(|| clean_label(longest_part(ctx.after), true)),
        };
        label.map(|label| Naming {
            label,
            source: source.to_string(),
        })
    }

    /// verb + noun + number: 投入财政衔接资金7081万元 → 财政衔接资金; a short noun keeps its
    /// verb (累计拨付金额) and, when one stands before the verb, its subject (低收入群体月收入).
    fn verb_phrase(
        &self,
        left: &str,
        right: &str,
        short_right: bool,
    ) -> Option<(String, &'static str)> {
        const ADVERBS: [&str; 6] = ["累计", "直接", "免费", "共", "先后", "已"];
        let fb = self.fallback;
        let (at, verb) = last_verb(left, fb)?;
        let rest = fb.strip_leading(&left[at + verb.len()..]);
        // 储备工业型、营销型等人才: what follows 等 is the head.
        let rest = match rest.rsplit_once('等') {
            Some((_, head)) if head.chars().count() >= MIN_CHARS => head,
            _ => rest,
        };
        let n = longest_part(rest).chars().count();
        if n >= 5 {
            return Some((rest.to_string(), "fallback:verb"));
        }
        let mut head = &left[..at];
        let mut adverb = "";
        for a in ADVERBS {
            if let Some(h) = head.strip_suffix(a) {
                head = h;
                adverb = a;
                break;
            }
        }
        let subject = core_noun(head, fb);
        let subject = if (MIN_CHARS..=6).contains(&subject.chars().count()) {
            subject
        } else {
            ""
        };
        if n >= 1 {
            let full = format!("{subject}{adverb}{verb}{rest}");
            return Some(if full.chars().count() <= 8 {
                (full, "fallback:verb")
            } else {
                (format!("{subject}{rest}"), "fallback:verb")
            });
        }
        if !right.is_empty() {
            // 为村集体带来67.5万元收益: the object before the verb names a short noun.
            let object = if short_right { subject } else { "" };
            return Some((format!("{object}{right}"), "fallback:after"));
        }
        None
    }

    fn date_event(&self, ctx: &Context) -> Option<Naming> {
        let fb = self.fallback;
        let clean = |t: &'_ str| -> String {
            let t = strip_prefixes(t.trim(), &fb.date_noise);
            let t = fb.strip_leading(t);
            let t = strip_suffixes(t, &fb.date_noise);
            of_phrase(t).to_string()
        };
        let mut event = title_event(ctx.after_plain).unwrap_or_else(|| clean(ctx.after_plain));
        // 艺术学院附属中学正式挂牌: the affiliated school is the subject.
        if let Some((_, school)) = event.split_once("附属") {
            event = school.to_string();
        }
        if event.chars().count() < MIN_CHARS {
            event = clean(ctx.next_clause);
        }
        // An event holds no numbers: 已完成投资6.58亿元 → 已完成投资.
        if let Some(i) = event.find(|c: char| c.is_ascii_digit()) {
            event.truncate(i);
        }
        // 产品碳酸锂已于今年7月7日顺利下线: the subject just before the date, else the
        // project the sentence named (碳酸锂项目…于2024年10月土建完工).
        let before = strip_suffixes(ctx.before_plain.trim_end(), &fb.date_noise);
        let tail: String = {
            let run: Vec<char> = before
                .chars()
                .rev()
                .take_while(|&c| is_cjk(c))
                .take(5)
                .collect();
            run.into_iter().rev().collect()
        };
        let tail = fb.strip_leading(&tail).to_string();
        let subject = if tail.chars().count() >= MIN_CHARS {
            Some(tail)
        } else {
            subject(ctx.sentence_before)
        };
        if let Some(subject) = subject {
            if !event.is_empty() && !event.contains(subject.as_str()) {
                event = format!("{subject}{event}");
            }
        }
        let event: String = event.chars().take(MAX_CHARS).collect();
        if let Some(label) = clean_label(&event, false) {
            return Some(Naming {
                label,
                source: "fallback:date".to_string(),
            });
        }
        let left = strip_suffixes(ctx.before_plain.trim(), &fb.date_noise);
        clean_label(fb.strip_leading(left), true).map(|label| Naming {
            label,
            source: "fallback:date".to_string(),
        })
    }

    /// Adds the project a short investment label is about (碳酸锂项目 + 计划投资).
    fn with_subject(&self, label: String, ctx: &Context) -> String {
        match subject(ctx.sentence_before) {
            Some(s) if label.chars().count() <= 5 && !label.contains(s.as_str()) => {
                format!("{s}{label}")
            }
            _ => label,
        }
    }
}

/// 《…关于落实从业禁止制度的意见》实施以来 → 落实从业禁止制度意见实施: a document's name
/// after its 关于, without 的, and the verb that follows it.
fn title_event(after: &str) -> Option<String> {
    let rest = after.trim_start().strip_prefix('《')?;
    let (title, tail) = rest.split_once('》')?;
    let core = title
        .rsplit_once("关于")
        .map_or(title, |(_, t)| t)
        .replace('的', "");
    let core: String = {
        let n = core.chars().count();
        core.chars().skip(n.saturating_sub(10)).collect()
    };
    let verb: String = tail
        .chars()
        .take_while(|c| !matches!(*c, '以' | ',' | ';' | '。'))
        .take(4)
        .collect();
    Some(format!("{core}{verb}"))
}

/// The project or works named last before the fact in its sentence: 年产2万吨碳酸锂项目
/// → 碳酸锂项目 (the characters after the last number, at most five before 项目).
fn subject(before: &str) -> Option<String> {
    const HEADS: [&str; 2] = ["项目", "工程"];
    let (at, head) = HEADS
        .iter()
        .filter_map(|h| before.rfind(h).map(|at| (at, *h)))
        .max_by_key(|&(at, _)| at)?;
    let name: String = before[..at]
        .chars()
        .rev()
        .take_while(|c| {
            is_cjk(*c)
                && !matches!(
                    *c,
                    '的' | '和'
                        | '与'
                        | '及'
                        | '、'
                        | '在'
                        | '于'
                        | '为'
                        | '万'
                        | '吨'
                        | '元'
                        | '亩'
                        | '人'
                        | '户'
                        | '个'
                        | '年'
                )
        })
        .take(5)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    Some(format!("{name}{head}"))
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Of the two sides of a 的, the longer one carries the meaning: 城镇就业困难人员的情况
/// → 城镇就业困难人员, 打造的创新实验室 → 创新实验室, 新启蒙托育中心的活动室里 → 新启蒙托育中心.
fn of_phrase(text: &str) -> &str {
    match text.split_once('的') {
        Some((a, b)) if b.chars().count() > a.chars().count() => of_phrase(b),
        Some((a, _)) => a,
        None => text,
    }
}

fn apply_rule(rule: &IndicatorRule, ctx: &Context) -> Option<String> {
    let mut caps_text: Vec<(String, String)> = Vec::new();
    for (re, text) in [(&rule.before, ctx.before), (&rule.after, ctx.after)] {
        if let Some(re) = re {
            let re = re.get();
            let caps = re.captures(text)?;
            for name in re.capture_names().flatten() {
                if let Some(m) = caps.name(name) {
                    caps_text.push((name.to_string(), m.as_str().to_string()));
                }
            }
        }
    }
    let mut label = rule.label.clone();
    for (name, value) in caps_text {
        label = label.replace(&format!("{{{name}}}"), &value);
    }
    Some(label)
}

/// A label within bounds, or None: never empty, never longer than `MAX_CHARS`. A phrase
/// read before the number keeps its last characters (the head noun ends a Chinese noun
/// phrase); one read after it keeps its first.
pub fn clean_label(s: &str, from_end: bool) -> Option<String> {
    const QUOTES: [char; 11] = ['“', '”', '‘', '’', '「', '」', '『', '』', '《', '》', '"'];
    // Most phrases hold no quote: they are cut without a copy.
    let unquoted: String;
    let s = if s.contains(QUOTES) {
        unquoted = s.chars().filter(|c| !QUOTES.contains(c)).collect();
        unquoted.as_str()
    } else {
        s
    };
    let s = s.trim_matches(|c: char| {
        c.is_whitespace() || c.is_ascii_punctuation() || matches!(c, '(' | ')' | '、' | '·')
    });
    let s = if from_end { longest_part(s) } else { s };
    let s = s.trim_end_matches(['、', '.', ' ']);
    let n = s.chars().count();
    if n < MIN_CHARS {
        return None;
    }
    let label: &str = if n <= MAX_CHARS {
        s
    } else if from_end {
        let skip = s.char_indices().nth(n - MAX_CHARS).map_or(0, |(i, _)| i);
        &s[skip..]
    } else {
        let end = s.char_indices().nth(MAX_CHARS).map_or(s.len(), |(i, _)| i);
        &s[..end]
    };
    // A label must say something: not only digits and units.
    label
        .chars()
        .any(|c| !c.is_ascii_digit() && c != '.')
        .then(|| label.to_string())
}

/// The verb that starts last in `text`, the longest one there; `verbs` grouped by first
/// character, longest first within a group. One backward walk over a short clause,
/// looking at each position only at the verbs that start with its character.
fn last_verb<'t>(text: &'t str, fb: &FallbackDef) -> Option<(usize, &'t str)> {
    text.char_indices().rev().find_map(|(at, c)| {
        // Most characters start no verb: the bitmap says so without a search.
        if !fb.verb_starts.may_contain(c as usize & 0xFFFF) {
            return None;
        }
        let rest = &text[at..];
        starting_with(&fb.verbs, c)
            .iter()
            .find(|v| rest.starts_with(v.as_str()))
            .map(|v| (at, &rest[..v.len()]))
    })
}

/// The words of a list grouped by first character that start with `c`.
fn starting_with(words: &[String], c: char) -> &[String] {
    let from = words.partition_point(|w| w.chars().next() < Some(c));
    let to = from + words[from..].partition_point(|w| w.starts_with(c));
    &words[from..to]
}

/// A classifier or multiplier left at the start of a piece after its number (264期 → 期).
fn is_classifier(c: char) -> bool {
    matches!(
        c,
        '个' | '名'
            | '家'
            | '户'
            | '人'
            | '元'
            | '亩'
            | '吨'
            | '期'
            | '项'
            | '次'
            | '万'
            | '亿'
            | '千'
            | '百'
            | '余'
            | '多'
    )
}

/// Labels hold no numbers: of the pieces between numbers and enumeration marks, the
/// longest, without a classifier left over (技能人才培训264期 → 技能人才培训,
/// 12个村集体经济资金 → 村集体经济资金, 年捕捞1.5万吨、产值 → 产值 when it is last and long enough).
fn longest_part(s: &str) -> &str {
    let parts = s
        .split(|c: char| c.is_ascii_digit() || c == '.' || c == '、')
        .enumerate()
        .map(|(i, p)| {
            if i == 0 {
                p
            } else {
                p.trim_start_matches(is_classifier)
            }
        });
    // The last piece, next to the number, is the head when it can stand alone; otherwise
    // the longest (the last of equals, as `max_by_key` picks). One pass, no list.
    let mut last: Option<(usize, &str)> = None;
    let mut longest: Option<(usize, &str)> = None;
    for p in parts {
        let n = p.chars().count();
        if longest.is_none_or(|(m, _)| n >= m) {
            longest = Some((n, p));
        }
        last = Some((n, p));
    }
    match last {
        Some((n, p)) if n >= MIN_CHARS => p,
        _ => longest.map_or(s, |(_, p)| p),
    }
}

/// `words` longest first (see [`FallbackDef::longest_first`]).
fn strip_suffixes<'t>(mut text: &'t str, words: &[String]) -> &'t str {
    loop {
        let before = text;
        for w in words {
            if may_end(w, text) {
                if let Some(t) = text.strip_suffix(w.as_str()) {
                    text = t;
                }
            }
        }
        if text == before {
            return text;
        }
    }
}

/// Two bytes as one index into a 65,536-bit set.
fn two_bytes(a: u8, b: u8) -> usize {
    usize::from(a) << 8 | usize::from(b)
}

/// `words` longest first (see [`FallbackDef::longest_first`]).
fn strip_prefixes<'t>(mut text: &'t str, words: &[String]) -> &'t str {
    loop {
        let before = text;
        for w in words {
            if may_start(w, text) {
                if let Some(t) = text.strip_prefix(w.as_str()) {
                    text = t;
                }
            }
        }
        if text == before {
            return text;
        }
    }
}

/// Whether `word` can start `text`, from their first two bytes: most words of a list fail
/// here, without a call to memcmp.
fn may_start(word: &str, text: &str) -> bool {
    let (w, t) = (word.as_bytes(), text.as_bytes());
    w.len() <= t.len() && w.first() == t.first() && (w.len() < 2 || w[1] == t[1])
}

/// Whether `word` can end `text`, from their last two bytes.
fn may_end(word: &str, text: &str) -> bool {
    let (w, t) = (word.as_bytes(), text.as_bytes());
    w.len() <= t.len() && w.last() == t.last() && (w.len() < 2 || w[w.len() - 2] == t[t.len() - 2])
}

/// A phrase without leading function words and counts: 让百万亩山杏林 → 山杏林.
fn core_noun<'t>(text: &'t str, fb: &FallbackDef) -> &'t str {
    fb.strip_leading(strip_counted(fb.strip_leading(text)))
}

/// Drops a leading count (12个村集体经济资金 → 村集体经济资金).
fn strip_counted(text: &str) -> &str {
    let digits = text
        .char_indices()
        .find(|&(_, c)| {
            !(c.is_ascii_digit()
                || c == '.'
                || matches!(
                    c,
                    '零' | '〇'
                        | '一'
                        | '二'
                        | '两'
                        | '三'
                        | '四'
                        | '五'
                        | '六'
                        | '七'
                        | '八'
                        | '九'
                        | '十'
                        | '百'
                        | '千'
                        | '万'
                        | '亿'
                        | '余'
                        | '多'
                ))
        })
        .map_or(text.len(), |(i, _)| i);
    // 一亩纯收益 is a rate per mu, not a count to drop.
    if digits == 0 || &text[..digits] == "一" {
        return text;
    }
    let rest = &text[digits..];
    match rest.chars().next() {
        Some(c)
            if matches!(
                c,
                '个' | '名'
                    | '家'
                    | '户'
                    | '人'
                    | '项'
                    | '期'
                    | '类'
                    | '批'
                    | '座'
                    | '所'
                    | '次'
                    | '位'
                    | '只'
                    | '头'
                    | '辆'
                    | '亩'
            ) =>
        {
            &rest[c.len_utf8()..]
        }
        _ => text,
    }
}

/// The phrase right after a quantity: up to punctuation, a digit or the clause end, with
/// the longer side of a 的 (城镇就业困难人员的情况 → 城镇就业困难人员).
/// A count names the noun right after it (6户牧民的交通干道 → 牧民); for other kinds the
/// longer side of a 的 carries the meaning (打造的创新实验室 → 创新实验室).
fn noun_after<'t>(after: &'t str, fb: &FallbackDef, counted: bool) -> &'t str {
    let verbs = &fb.verbs;
    let text = fb.strip_leading(after.trim());
    let end = text
        .char_indices()
        .find(|&(_, c)| {
            c.is_ascii_digit()
                || matches!(
                    c,
                    '、' | ',' | ';' | ':' | '。' | '!' | '?' | '(' | ')' | '“' | '”'
                )
        })
        .map_or(text.len(), |(i, _)| i);
    let text = &text[..end];
    if counted {
        // 55名专职网格员负责对接工作: the counted noun ends where its duty begins.
        // 6个乡镇投入衔接资金: …or where a verb of the fallback list begins.
        const DUTIES: [&str; 3] = ["负责", "进行", "开展"];
        // The first place after the start where one begins; a word that opens the
        // text is not a boundary anywhere.
        let words = || {
            DUTIES
                .iter()
                .copied()
                .chain(verbs.iter().map(String::as_str))
        };
        let end = text
            .char_indices()
            .skip(1)
            .find(|&(i, _)| {
                let rest = &text[i..];
                words().any(|d| may_start(d, rest) && rest.starts_with(d) && !text.starts_with(d))
            })
            .map_or(text.len(), |(i, _)| i);
        text[..end].split('的').next().unwrap_or(text)
    } else {
        of_phrase(text)
    }
}

/// `noun_after` without a trailing link word (山杏林成为 → 山杏林).
fn noun_after_linked<'t>(after: &'t str, fb: &FallbackDef, counted: bool) -> &'t str {
    strip_suffixes(noun_after(after, fb, counted), &fb.links)
}

/// What the previous clause is about, for a one-word label: the words after its last
/// number (150户参与土地托管的农户 → 参与土地托管), or before its first one
/// (预计年产值突破200亿元 → 预计年产值).
fn prev_subject<'t>(prev: &'t str, fb: &FallbackDef) -> &'t str {
    let is_num = |c: char| {
        c.is_ascii_digit()
            || c == '.'
            || matches!(c, '万' | '亿' | '千' | '百' | '十' | '余' | '多')
    };
    let after_last = prev
        .char_indices()
        .rfind(|&(_, c)| is_num(c))
        .map(|(i, c)| &prev[i + c.len_utf8()..]);
    let after_last = after_last.map(|t| {
        let t = t.trim_start_matches(|c: char| {
            matches!(
                c,
                '个' | '名' | '家' | '户' | '人' | '元' | '亩' | '吨' | '期' | '项' | '次'
            )
        });
        of_phrase(t)
    });
    let phrase = match after_last {
        Some(t) if t.chars().count() >= MIN_CHARS => t,
        _ => {
            let first = prev
                .find(|c: char| c.is_ascii_digit())
                .unwrap_or(prev.len());
            strip_suffixes(&prev[..first], &fb.links)
        }
    };
    let phrase = fb.strip_leading(phrase);
    let n = phrase.chars().count();
    let skip = n.saturating_sub(10);
    let cut = phrase
        .char_indices()
        .nth(skip)
        .map_or(phrase.len(), |(i, _)| i);
    &phrase[cut..]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word list as the rules hold it: longest first.
    fn words(ws: &[&str]) -> Vec<String> {
        FallbackDef {
            leading: ws.iter().map(|s| s.to_string()).collect(),
            ..FallbackDef::default()
        }
        .longest_first()
        .leading
    }

    #[test]
    fn labels_are_bounded() {
        assert_eq!(clean_label("资", true), None);
        assert_eq!(clean_label("“组合拳”", true), Some("组合拳".to_string()));
        assert_eq!(
            clean_label("一二三四五六七八九十甲乙丙", true).as_deref(),
            Some("二三四五六七八九十甲乙丙")
        );
        assert_eq!(
            clean_label("一二三四五六七八九十甲乙丙", false).as_deref(),
            Some("一二三四五六七八九十甲乙")
        );
        assert_eq!(clean_label("12.5", true), None);
        assert_eq!(
            clean_label("出台《科技强市意见》", false).as_deref(),
            Some("出台科技强市意见")
        );
    }

    #[test]
    fn of_phrases_and_subjects() {
        assert_eq!(of_phrase("城镇就业困难人员的情况"), "城镇就业困难人员");
        assert_eq!(of_phrase("打造的创新实验室"), "创新实验室");
        assert_eq!(
            subject("年产2万吨碳酸锂项目,计划投资8亿元,于").as_deref(),
            Some("碳酸锂项目")
        );
        assert_eq!(subject("计划投资"), None);
    }

    proptest::proptest! {
        /// The two-byte check skips the word list only where no word could start: the
        /// same result as stripping with the whole list (one-byte words included).
        #[test]
        fn stripping_leading_words_skips_no_word(text in "[的了共其中已全旗,a目前 ]{0,10}") {
            let fb = FallbackDef {
                leading: words(&["的", "了", "共", "其中", "已", "全旗", ",", "目前"]),
                ..FallbackDef::default()
            }
            .longest_first();
            proptest::prop_assert_eq!(
                fb.strip_leading(&text),
                strip_prefixes(&text, &fb.leading)
            );
        }
    }

    proptest::proptest! {
        /// One pass picks what the list of pieces did: the last piece when long enough,
        /// else the last of the longest.
        #[test]
        fn longest_part_as_from_a_list(s in "[1.、个期人才培训产值 ]{0,14}") {
            let parts: Vec<&str> = s
                .split(|c: char| c.is_ascii_digit() || c == '.' || c == '、')
                .enumerate()
                .map(|(i, p)| if i == 0 { p } else { p.trim_start_matches(is_classifier) })
                .collect();
            let expected = match parts.last() {
                Some(last) if last.chars().count() >= MIN_CHARS => last,
                _ => parts.iter().copied().max_by_key(|p| p.chars().count()).unwrap_or(&s),
            };
            proptest::prop_assert_eq!(longest_part(&s), expected);
        }
    }

    /// An empty word in a user's list strips nothing and breaks nothing.
    #[test]
    fn an_empty_leading_word_is_harmless() {
        let fb = FallbackDef {
            leading: words(&["", "全旗"]),
            ..FallbackDef::default()
        }
        .longest_first();
        assert_eq!(fb.strip_leading("全旗投入资金"), "投入资金");
        assert_eq!(fb.strip_leading("投入资金"), "投入资金");
    }

    /// A one-byte word (a comma in `date_noise`, or an ASCII word in a user's list) is
    /// stripped like any other, not only when it is the whole text.
    #[test]
    fn one_byte_words_are_stripped_too() {
        assert_eq!(strip_prefixes(",目前", &words(&[","])), "目前");
        assert_eq!(strip_suffixes("截至10月,", &words(&[","])), "截至10月");
        assert_eq!(strip_prefixes("-", &words(&["-"])), "");
    }

    #[test]
    fn strips_counts_and_words() {
        assert_eq!(strip_counted("12个村集体经济资金"), "村集体经济资金");
        assert_eq!(strip_counted("村集体"), "村集体");
        assert_eq!(
            strip_suffixes("开户人数达", &words(&["达", "为"])),
            "开户人数"
        );
        assert_eq!(
            strip_prefixes("目前已掌握", &words(&["目前", "已"])),
            "掌握"
        );
        // The longer word is tried first whatever the order in the file.
        assert_eq!(strip_suffixes("投资共计", &words(&["计", "共计"])), "投资");
    }

    #[test]
    fn last_verb_is_the_last_and_longest() {
        let verbs = FallbackDef {
            verbs: words(&["投入", "投", "带动", "投放", "动员"]),
            ..FallbackDef::default()
        }
        .longest_first();
        assert_eq!(last_verb("带动就业投入资金", &verbs), Some((12, "投入")));
        assert_eq!(last_verb("资金", &verbs), None);
        assert_eq!(last_verb("投入动员投放", &verbs), Some((12, "投放")));
        assert_eq!(last_verb("带动员", &verbs), Some((3, "动员")));
    }
}
