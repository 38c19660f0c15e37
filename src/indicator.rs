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

use regex::Regex;
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
    /// Words that end a noun phrase read after the number: 的, 成为, 申请 …
    #[serde(default)]
    pub stops: Vec<String>,
    /// Words that do not name a date's event: 清晨, 以来, 期间 … (stripped at either end).
    #[serde(default)]
    pub date_noise: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorDef {
    pub id: String,
    /// `number` (money, counts, areas …), `date`, or `any`.
    #[serde(default = "any")]
    pub applies_to: String,
    /// Regex on the clause text before the quantity (anchor it with `$`).
    #[serde(default)]
    pub before: Option<String>,
    /// Regex on the clause text after the quantity (anchor it with `^`).
    #[serde(default)]
    pub after: Option<String>,
    /// The label: fixed text, or `{name}` for a named group of `before`/`after`.
    pub label: String,
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
    pub before: Option<Regex>,
    pub after: Option<Regex>,
    pub label: String,
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
    /// The next clause of the sentence, for a date that ends its own clause.
    pub next_clause: &'a str,
    pub is_date: bool,
}

pub struct Namer<'a> {
    pub rules: &'a [IndicatorRule],
    pub fallback: &'a FallbackDef,
}

impl Namer<'_> {
    pub fn name(&self, ctx: &Context) -> Option<Naming> {
        for rule in self.rules {
            let applies = match rule.applies_to.as_str() {
                "date" => ctx.is_date,
                "number" => !ctx.is_date,
                _ => true,
            };
            if !applies {
                continue;
            }
            if let Some(label) = apply_rule(rule, ctx) {
                if let Some(label) = clean_label(&label) {
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
        // The noun phrase after the last verb; a verb with little after it stays (带动就业).
        let right = noun_after(ctx.after, &fb.stops, &fb.leading);
        let (phrase, source) = match last_verb(left, &fb.verbs) {
            Some((at, verb)) => {
                let rest = &left[at + verb.len()..];
                if rest.chars().count() >= 3 {
                    (rest, "fallback:verb")
                } else if !rest.is_empty() {
                    // A verb with little after it stays with it: 带动就业, 接待游客.
                    (&left[at..], "fallback:verb")
                } else if right.chars().count() >= MIN_CHARS {
                    // 掌握了399名城镇就业困难人员: what is counted follows the number.
                    (right, "fallback:after")
                } else {
                    (left, "fallback:link")
                }
            }
            None => (left, "fallback:link"),
        };
        let phrase = strip_prefixes(strip_counted(phrase), &fb.leading);
        if let Some(label) = clean_label(phrase) {
            return Some(Naming {
                label,
                source: source.to_string(),
            });
        }
        clean_label(right).map(|label| Naming {
            label,
            source: "fallback:after".to_string(),
        })
    }

    fn date_event(&self, ctx: &Context) -> Option<Naming> {
        let fb = self.fallback;
        let mut event = strip_prefixes(ctx.after.trim(), &fb.date_noise);
        event = strip_prefixes(event, &fb.leading);
        if event.chars().count() < MIN_CHARS {
            event = strip_prefixes(ctx.next_clause.trim(), &fb.leading);
        }
        let event = strip_suffixes(event, &fb.date_noise);
        let event = strip_suffixes(event, &fb.date_noise);
        let head: String = event.chars().take(8).collect();
        if let Some(label) = clean_label(&head) {
            return Some(Naming {
                label,
                source: "fallback:date".to_string(),
            });
        }
        let left = strip_suffixes(ctx.before_plain.trim(), &fb.date_noise);
        clean_label(strip_prefixes(left, &fb.leading)).map(|label| Naming {
            label,
            source: "fallback:date".to_string(),
        })
    }
}

fn apply_rule(rule: &IndicatorRule, ctx: &Context) -> Option<String> {
    let mut caps_text: Vec<(String, String)> = Vec::new();
    for (re, text) in [(&rule.before, ctx.before), (&rule.after, ctx.after)] {
        if let Some(re) = re {
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

/// A label within bounds, or None: never empty, never longer than `MAX_CHARS` (the head
/// noun is at the end in Chinese, so a long phrase keeps its last characters).
pub fn clean_label(s: &str) -> Option<String> {
    let s = s.trim_matches(|c: char| {
        c.is_whitespace() || c.is_ascii_punctuation() || "“”‘’「」『』《》()、·".contains(c)
    });
    let n = s.chars().count();
    if n < MIN_CHARS {
        return None;
    }
    let label: String = s.chars().skip(n.saturating_sub(MAX_CHARS)).collect();
    // A label must say something: not only digits and units.
    label
        .chars()
        .any(|c| !c.is_ascii_digit() && c != '.')
        .then_some(label)
}

fn last_verb<'t>(text: &'t str, verbs: &[String]) -> Option<(usize, &'t str)> {
    verbs
        .iter()
        .filter_map(|v| {
            text.rfind(v.as_str())
                .map(|at| (at, &text[at..at + v.len()]))
        })
        .max_by_key(|&(at, v)| (at, v.len()))
}

fn strip_suffixes<'t>(mut text: &'t str, words: &[String]) -> &'t str {
    loop {
        let before = text;
        for w in words {
            if let Some(t) = text.strip_suffix(w.as_str()) {
                text = t;
            }
        }
        if text == before {
            return text;
        }
    }
}

fn strip_prefixes<'t>(mut text: &'t str, words: &[String]) -> &'t str {
    loop {
        let before = text;
        for w in words {
            if let Some(t) = text.strip_prefix(w.as_str()) {
                text = t;
            }
        }
        if text == before {
            return text;
        }
    }
}

/// Drops a leading count (12个村集体经济资金 → 村集体经济资金).
fn strip_counted(text: &str) -> &str {
    let digits = text
        .char_indices()
        .find(|&(_, c)| {
            !(c.is_ascii_digit()
                || c == '.'
                || "零〇一二两三四五六七八九十百千万亿余多".contains(c))
        })
        .map_or(text.len(), |(i, _)| i);
    if digits == 0 {
        return text;
    }
    let rest = &text[digits..];
    match rest.chars().next() {
        Some(c) if "个名家户人项期类批座所次位只头辆亩".contains(c) => {
            &rest[c.len_utf8()..]
        }
        _ => text,
    }
}

/// The noun phrase right after a quantity: up to a stop word or the clause end.
fn noun_after<'t>(after: &'t str, stops: &[String], leading: &[String]) -> &'t str {
    let text = strip_prefixes(after.trim(), leading);
    let end = stops
        .iter()
        .filter_map(|s| text.find(s.as_str()))
        .min()
        .unwrap_or(text.len());
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(ws: &[&str]) -> Vec<String> {
        ws.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn labels_are_bounded() {
        assert_eq!(clean_label("资"), None);
        assert_eq!(clean_label("“组合拳”"), Some("组合拳".to_string()));
        assert_eq!(
            clean_label("一二三四五六七八九十甲乙丙").as_deref(),
            Some("二三四五六七八九十甲乙丙")
        );
        assert_eq!(clean_label("12.5"), None);
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
    }
}
