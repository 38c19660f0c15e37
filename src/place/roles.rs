//! Place roles (`rules/roles.toml`): cue words around a place mention that make it a
//! market, source, partner, donor, event name or an institution's owner rather than where
//! the facts around it happened.

use anyhow::{Context, Result};
use serde::Deserialize;

const FILE: &str = "rules/roles.toml";

/// One cue: `before` ends right before the mention, `after` starts within `window`
/// characters after it (no clause punctuation between). Either may be empty.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleCue {
    pub role: String,
    #[serde(default)]
    pub before: Vec<String>,
    #[serde(default)]
    pub after: Vec<String>,
    #[serde(default)]
    pub window: usize,
    /// Words right before the mention that cancel the cue (在乌审旗第二中学: a place,
    /// not a school's name).
    #[serde(default)]
    pub unless_before: Vec<String>,
    /// Words that end the `after` window (岷县与兰州某银行: 与 ends 岷县's name).
    #[serde(default)]
    pub window_stops: Vec<String>,
    /// Words in the window that cancel the cue (记者从安化县农业农村局获悉: a subject).
    #[serde(default)]
    pub unless_after: Vec<String>,
    /// Whether the role goes to every place of a chain (上海市闵行区对口帮扶: both are the
    /// donor) or only to its last one (黔东南州凯里民族中学: the school is 凯里's).
    #[serde(default = "yes")]
    pub whole_chain: bool,
    #[serde(default)]
    pub examples: Vec<RoleExample>,
    /// The last characters of `before` and the first of `after`: most places have no cue,
    /// and one character rules a word out before any string compare.
    #[serde(skip)]
    before_last: Vec<char>,
    #[serde(skip)]
    after_first: Vec<char>,
    /// Filters of the first characters of `window_stops` and `unless_after`.
    #[serde(skip)]
    stop_bloom: u64,
    #[serde(skip)]
    unless_bloom: u64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleExample {
    pub text: String,
    pub place: String,
    /// The role `place` gets; empty for none (a subject).
    pub role: String,
}

#[derive(Deserialize)]
struct RoleFile {
    role: Vec<RoleCue>,
}

#[derive(Debug, Clone)]
pub struct Roles {
    pub cues: Vec<RoleCue>,
    /// The widest `window` of any cue.
    max_window: usize,
    /// Every cue's `after_first`, as a filter: a window without one of these characters
    /// settles every `after` cue at once.
    after_any: Vec<char>,
    /// `after_any` as a 64-bit filter (a bit per character value modulo 64).
    after_bloom: u64,
    /// The same filter of every cue's `before_last`.
    before_bloom: u64,
}

/// Windows wider than this are cut to it.
const MAX_WINDOW: usize = 24;

fn is_clause_break(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '。' | '!' | '?' | '\n' | '“' | '”')
}

fn yes() -> bool {
    true
}

fn bit(c: char) -> u64 {
    1 << (c as u32 & 63)
}

fn bloom(chars: &[char]) -> u64 {
    chars.iter().fold(0, |m, &c| m | bit(c))
}

impl Roles {
    /// The roles compiled into the binary.
    pub fn embedded() -> Result<Roles> {
        Roles::parse(include_str!("../../rules/roles.toml"), FILE)
    }

    pub fn parse(text: &str, name: &str) -> Result<Roles> {
        let file: RoleFile =
            toml::from_str(text).with_context(|| format!("{name}: not a role file"))?;
        for (i, cue) in file.role.iter().enumerate() {
            if cue.before.is_empty() && cue.after.is_empty() {
                anyhow::bail!(
                    "{name}: role #{} ({}) has neither `before` nor `after`",
                    i + 1,
                    cue.role
                );
            }
        }
        let mut cues = file.role;
        for cue in &mut cues {
            cue.window = cue.window.min(MAX_WINDOW);
            cue.before_last = cue
                .before
                .iter()
                .filter_map(|w| w.chars().next_back())
                .collect();
            cue.after_first = cue.after.iter().filter_map(|w| w.chars().next()).collect();
            let firsts = |words: &[String]| -> Vec<char> {
                words.iter().filter_map(|w| w.chars().next()).collect()
            };
            cue.stop_bloom = bloom(&firsts(&cue.window_stops));
            cue.unless_bloom = bloom(&firsts(&cue.unless_after));
        }
        let max_window = cues.iter().map(|c| c.window).max().unwrap_or(0);
        let before_bloom = cues
            .iter()
            .flat_map(|c| c.before_last.iter())
            .fold(0, |m, &c| m | bit(c));
        let mut after_any: Vec<char> = cues
            .iter()
            .flat_map(|c| c.after_first.iter().copied())
            .collect();
        after_any.sort_unstable();
        after_any.dedup();
        Ok(Roles {
            cues,
            max_window,
            after_bloom: bloom(&after_any),
            before_bloom,
            after_any,
        })
    }

    /// The role of a mention (a chain of adjacent mentions) at `start..end` of `text`:
    /// `before` is read before `start`, `after` from `end`.
    /// Also says whether the role covers the whole chain ([`RoleCue::whole_chain`]).
    pub fn role_of(&self, text: &str, start: usize, end: usize) -> Option<(&str, bool)> {
        let head = &text[..start];
        // A character no `before` word ends with rules every `before` cue out at once.
        let last = head
            .chars()
            .next_back()
            .filter(|&c| self.before_bloom & bit(c) != 0);
        let tail = &text[end..];
        // The characters after the mention up to the widest window, read once.
        let mut window = [(0usize, ' '); MAX_WINDOW + 1];
        let mut len = 0;
        for (i, c) in tail.char_indices().take(self.max_window + 1) {
            if is_clause_break(c) {
                break;
            }
            window[len] = (i, c);
            len += 1;
        }
        // Window positions whose character may start some cue's `after` word.
        let mut starts: u32 = 0;
        for (k, &(_, c)) in window[..len].iter().enumerate() {
            if self.after_bloom & bit(c) != 0 && self.after_any.binary_search(&c).is_ok() {
                starts |= 1 << k;
            }
        }
        let ends = |words: &[String]| words.iter().any(|w| head.ends_with(w.as_str()));
        self.cues.iter().find_map(|cue| {
            let before_ok = cue.before.is_empty()
                || (last.is_some_and(|l| cue.before_last.contains(&l)) && ends(&cue.before));
            if !before_ok || ends(&cue.unless_before) {
                return None;
            }
            if !cue.after.is_empty() && starts == 0 {
                return None;
            }
            // A word of `words` starting at window position `k`, tested by its first
            // character before any compare.
            let word_at = |k: usize, words: &[String], filter: u64| {
                let (i, c) = window[k];
                filter & bit(c) != 0 && words.iter().any(|w| tail[i..].starts_with(w.as_str()))
            };
            let full = len.min(cue.window + 1);
            // The first `after` word in the window (candidates are rare: test them first).
            let hit = (0..full).find(|&k| {
                starts & (1 << k) != 0
                    && cue.after_first.contains(&window[k].1)
                    && word_at(k, &cue.after, u64::MAX)
            });
            if !cue.after.is_empty() && hit.is_none() {
                return None;
            }
            // The window ends at its first stop word: the `after` word must come before it.
            let reach = hit.unwrap_or(full);
            if !cue.window_stops.is_empty()
                && (0..reach).any(|k| word_at(k, &cue.window_stops, cue.stop_bloom))
            {
                return None;
            }
            let after_ok = cue.unless_after.is_empty()
                || !(0..full)
                    .take_while(|&k| !word_at(k, &cue.window_stops, cue.stop_bloom))
                    .any(|k| word_at(k, &cue.unless_after, cue.unless_bloom));
            after_ok.then_some((cue.role.as_str(), cue.whole_chain))
        })
    }
}
