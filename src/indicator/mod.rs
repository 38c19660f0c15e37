//! Indicators: what a number measures, as a short label a spreadsheet column could carry
//! (财政衔接资金, 接待游客), and for a date the event it dates (专班成立, 报道日期).
//!
//! Rules from `rules/indicators.toml` are tried first, on the clause text before and after
//! the quantity. Otherwise a fallback reads Chinese syntax:
//! - verb + noun + number (投入农业发展资金900万元): the noun phrase after the verb;
//! - noun + 达/为 + number (参保人数达2.6万人): the noun phrase before the link word;
//! - number + classifier + noun (120名农村留守老人): the noun phrase after the unit.
//!
//! Every word list is data (`[fallback]` in the rule file), so users can tune it.

mod fallback;
pub mod grammar;
pub mod name;
mod phrase;

use crate::bits::two_bytes;
pub use crate::rules::indicators::{
    FallbackDef, IndicatorDef, IndicatorExample, IndicatorRule, IndicatorSets,
};
use phrase::{longest_part, strip_prefixes, subject};

/// Bounds of a label, in characters.
pub const MIN_CHARS: usize = 2;
pub const MAX_CHARS: usize = 12;
/// Bound of a phrase as the namer reads it: the label grammar then shortens it to its
/// head phrase, whole words, within `MAX_CHARS`.
pub const READ_CHARS: usize = 24;

impl FallbackDef {
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

    /// Adds the project a short investment label is about (饲料加工项目 + 计划投资).
    fn with_subject(&self, label: String, ctx: &Context) -> String {
        match subject(ctx.sentence_before) {
            Some(s) if label.chars().count() <= 5 && !label.contains(s.as_str()) => {
                format!("{s}{label}")
            }
            _ => label,
        }
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

/// A phrase within bounds, or None: never empty, never longer than `READ_CHARS`. A phrase
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
    let label: &str = if n <= READ_CHARS {
        s
    } else if from_end {
        let skip = s.char_indices().nth(n - READ_CHARS).map_or(0, |(i, _)| i);
        &s[skip..]
    } else {
        let end = s.char_indices().nth(READ_CHARS).map_or(s.len(), |(i, _)| i);
        &s[..end]
    };
    // A label must say something: not only digits and units.
    label
        .chars()
        .any(|c| !c.is_ascii_digit() && c != '.')
        .then(|| label.to_string())
}
