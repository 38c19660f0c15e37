//! The indicator rules as loaded (`[[indicator]]`, `[fallback]` of `rules/*.toml`): the
//! data the namer (`crate::indicator`) reads. Defined here, below the namer, so that
//! loading rules never reaches into the stage that applies them.

use super::lazy_regex::{LazyRegex, LazySet};
use crate::bits::{two_bytes, BitSet};
use serde::Deserialize;

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
    /// start where it looks (see `indicator::phrase::last_verb`).
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
    /// Prefix the project the sentence names (饲料加工项目 + 计划投资).
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

/// The indicator rules' patterns as sets, with each rule's place in them.
#[derive(Debug)]
pub struct IndicatorSets {
    pub before: LazySet,
    pub before_index: Vec<Option<usize>>,
    pub after: LazySet,
    pub after_index: Vec<Option<usize>>,
}
