//! Quantity lexing: runs the rules over one sentence of normalised text and turns their
//! matches into candidates with exact values, units and qualifiers.
//!
//! Every rule proposes; then vetoes, context checks (ordinals, titles, digit codes) and a
//! longest-match-wins pass decide. A candidate the engine cannot value exactly is dropped,
//! never approximated.

use crate::fact::Value;
use crate::quantity::date;
use crate::rules::groups::{
    slots, Slots, FEN, GROUPS, JIAO, NUM, NUM2, PERIOD, QUALIFIERS, REL, SIGN, UNIT, UNIT_LO,
};
use crate::rules::{RuleSet, Unit};
use crate::value::decimal::Decimal;
use regex::{Captures, Match};

/// A quantity or date found in the normalised text (byte offsets are absolute).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub start: usize,
    pub end: usize,
    pub rule: usize,
    pub kind: crate::fact::Shared,
    pub unit: crate::fact::Shared,
    pub value: Value,
    pub value_max: Option<Value>,
    pub qualifier: Option<String>,
    /// For a date: its parts, to resolve against a reference date later.
    pub date: Option<date::DateParts>,
}

/// Dates read against the document's reference day: 9月8日 → 2016-09-08, a range's end
/// too.
pub fn resolve_dates(cands: &mut [Candidate], day: &date::PartialDate) {
    for c in cands.iter_mut() {
        if let Some(parts) = &c.date {
            let resolved = parts.resolve(day);
            c.value = Value::Text(resolved.start.iso());
            c.value_max = resolved.end.map(|e| Value::Text(e.iso()));
        }
    }
}

/// All facts in `text[start..end]` (one sentence), in text order.
pub fn scan(rules: &RuleSet, text: &str, start: usize, end: usize) -> Vec<Candidate> {
    let s = &text[start..end];
    let mut found = Vec::new();
    let mut marks = None;
    for idx in rules.candidates(s) {
        let rule = &rules.rules[idx];
        let re = rule.regex.get();
        let slots = rule.slots.get_or_init(|| slots(re));
        for caps in re.captures_iter(s) {
            let caps = Named { caps: &caps, slots };
            let cand = if rule.is_date {
                date_candidate(rules, idx, &caps, s)
            } else {
                quantity_candidate(rules, idx, &caps, s)
            };
            if let Some(c) = cand {
                let marks = marks.get_or_insert_with(|| Marks::of(s));
                if fits_context(s, marks, c.start, c.end) {
                    found.push(c);
                }
            }
        }
    }
    if found.is_empty() {
        return found;
    }
    let any_veto = match rules.veto_set.get() {
        Some(set) if set.len() == rules.vetoes.len() => set.is_match(s),
        _ => true,
    };
    if any_veto {
        let vetoed: Vec<(usize, usize)> = rules
            .vetoes
            .iter()
            .flat_map(|v| v.get().find_iter(s).map(|m| (m.start(), m.end())))
            .collect();
        found.retain(|c| !vetoed.iter().any(|&(a, b)| c.start < b && a < c.end));
    }
    // Longest match wins; among equals, the earlier rule in the files.
    found.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.rule.cmp(&b.rule))
            .then(a.start.cmp(&b.start))
    });
    // Kept spans by start, to test a new one against its neighbours only.
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut kept: Vec<Candidate> = Vec::with_capacity(found.len());
    for c in found {
        let before = taken
            .range(..=c.start)
            .next_back()
            .is_some_and(|(_, &end)| end > c.start);
        let after = taken
            .range(c.start..)
            .next()
            .is_some_and(|(&start, _)| start < c.end);
        if !before && !after {
            taken.insert(c.start, c.end);
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| c.start);
    for c in &mut kept {
        c.start += start;
        c.end += start;
    }
    kept
}

/// Whether a sentence holds any title or quotation mark at all: most hold none, and then
/// no match in them needs the window searches of [`in_title`] and [`in_short_quote`].
struct Marks {
    title: bool,
    quote: bool,
}

impl Marks {
    fn of(s: &str) -> Marks {
        Marks {
            title: s.contains('《'),
            quote: s.contains('“'),
        }
    }
}

/// Context that makes a number not a fact: an ordinal (第21个), a code or model number
/// (glued to letters or digits), a broken digit group (12,3456), a document title (《…》).
fn fits_context(s: &str, marks: &Marks, start: usize, end: usize) -> bool {
    let mut before = s[..start].chars().rev();
    let prev = before.next();
    let prev2 = before.next();
    let next = s[end..].chars().next();
    if let Some(p) = prev {
        if p.is_ascii_alphanumeric() || p == '.' || p == '第' {
            return false;
        }
        if p == ',' && prev2.is_some_and(|c| c.is_ascii_digit()) {
            return false;
        }
    }
    let last = s[..end].chars().next_back();
    if last.is_some_and(|c| c.is_ascii_digit()) && next.is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    let titled = marks.title && in_title(s, start);
    let quoted = marks.quote && in_short_quote(s, start, end);
    !titled && !quoted
}

/// Inside a document title (《…十三条措施》). Titles are short, so only a window before the
/// match is searched: the check stays constant-time on a megabyte-long sentence.
fn in_title(s: &str, start: usize) -> bool {
    const WINDOW: usize = 300;
    let from = floor_char(s, start.saturating_sub(WINDOW));
    match s[from..start].rfind('《') {
        Some(open) => !s[from + open..start].contains('》'),
        None => false,
    }
}

/// The nearest char boundary at or before `i`.
fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Inside a short quotation (“千吨网”, “四个一线”): a name or slogan, not a measurement.
fn in_short_quote(s: &str, start: usize, end: usize) -> bool {
    const MAX_NAME_CHARS: usize = 10;
    const WINDOW: usize = 4 * MAX_NAME_CHARS;
    let from = floor_char(s, start.saturating_sub(WINDOW));
    let Some(open) = s[from..start].rfind('“').map(|i| from + i) else {
        return false;
    };
    if s[open..start].contains('”') {
        return false;
    }
    let to = floor_char(s, (end + WINDOW).min(s.len()));
    let Some(close) = s[end..to].find('”') else {
        return false;
    };
    let quoted = &s[open + '“'.len_utf8()..end + close];
    quoted.chars().count() <= MAX_NAME_CHARS && !quoted.contains([',', '。', ';', '!', '?'])
}

/// One match's captures, read through the rule's [`Slots`].
struct Named<'c, 'h> {
    caps: &'c Captures<'h>,
    slots: &'c Slots,
}

impl<'h> Named<'_, 'h> {
    fn get(&self, i: usize) -> Option<Match<'h>> {
        self.caps.get(i)
    }

    fn group(&self, slot: usize) -> Option<Match<'h>> {
        self.caps.get(self.slots[slot]?)
    }

    /// A group by name, for the date grammar; only [`GROUPS`] are found.
    fn name(&self, name: &str) -> Option<Match<'h>> {
        self.group(GROUPS.iter().position(|g| *g == name)?)
    }
}

fn date_candidate(rules: &RuleSet, idx: usize, caps: &Named, s: &str) -> Option<Candidate> {
    let m = caps.get(0)?;
    let rel = caps
        .group(REL)
        .and_then(|r| date::relative_year(r.as_str()));
    let (start, end, rel) = match caps.group(PERIOD) {
        // A period of a year (去年底, 2024年上半年, 一季度).
        Some(p) => {
            let def = rules.period(p.as_str())?;
            let after = &s[p.end()..];
            // Before a noun the period is part of what a figure measures (年末户籍人口,
            // 上半年财政收入), not a date of its own.
            if def.not_before.iter().any(|w| after.starts_with(w.as_str()))
                || crate::page::words::starts_with_noun(after)
            {
                return None;
            }
            let year = match caps.name("year") {
                Some(y) => Some(date::component(&rules.grammar, y.as_str())?),
                None => None,
            };
            let (start, end) = date::period(year, def.months)?;
            // Alone (年初, 上半年), a period is this year's.
            (start, end, rel.or(year.is_none().then_some(0)))
        }
        None => {
            let (start, end) =
                date::interpret(&rules.grammar, &|name| caps.name(name).map(|m| m.as_str()))?;
            (start, end, rel)
        }
    };
    Some(Candidate {
        date: Some(date::DateParts { start, end, rel }),
        start: m.start(),
        end: m.end(),
        rule: idx,
        kind: rules.date_text.clone(),
        unit: rules.date_text.clone(),
        value: Value::Text(start.iso()),
        value_max: end.map(|e| Value::Text(e.iso())),
        qualifier: None,
    })
}

fn quantity_candidate(rules: &RuleSet, idx: usize, caps: &Named, s: &str) -> Option<Candidate> {
    let whole = caps.get(0)?;
    let num = caps.group(NUM)?;
    let unit_m = caps.group(UNIT)?;
    let unit = rules.unit(unit_m.as_str())?;
    if blocked_after(unit, &s[unit_m.end()..]) {
        return None;
    }
    let mut start = whole.start();
    let (value, num_start) = match rules.grammar.parse(num.as_str()) {
        Ok(p) => (checked_value(unit, p.value, p.financial)?, num.start()),
        // A Chinese numeral run may have started inside a word (统一三千万元): retry on
        // its tails before giving up on the match.
        Err(_) => {
            // Only a few leading characters can belong to a word; a long digit run that
            // does not parse (1111… past 38 digits) is no number at all.
            const WORD_CHARS: usize = 3;
            if num.as_str().starts_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
            let (offset, p) = num
                .as_str()
                .char_indices()
                .skip(1)
                .take(WORD_CHARS)
                .find_map(|(i, _)| rules.grammar.parse(&num.as_str()[i..]).ok().map(|p| (i, p)))?;
            start = num.start() + offset;
            (checked_value(unit, p.value, p.financial)?, start)
        }
    };
    let num_text = &s[num_start..num.end()];
    let mut value = value;
    // A minus sign right before the number; after a digit or a letter it is a range's or a
    // code's hyphen (3-5人, A-3), not part of this value.
    let sign = caps.group(SIGN).filter(|m| {
        m.end() == num_start
            && !s[..m.start()]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric())
    });
    if sign.is_none() && start < num_start && caps.group(SIGN).is_some_and(|m| m.start() == start) {
        start = num_start;
    }
    let mut value_max = None;
    match caps.group(NUM2) {
        Some(num2) => {
            let lo_unit = match caps.group(UNIT_LO) {
                Some(lo) => {
                    let u = rules.unit(lo.as_str())?;
                    if u.unit != unit.unit || blocked_after(u, &s[lo.end()..]) {
                        return None;
                    }
                    u
                }
                None => unit,
            };
            // 5-10万元: the low end shares the high end's multiplier.
            let shared = if caps.group(UNIT_LO).is_none() && !ends_with_multiplier(num_text) {
                let hi = num2.as_str();
                let digits_end = hi.trim_end_matches(is_multiplier).len();
                &hi[digits_end..]
            } else {
                ""
            };
            let lo = rules.grammar.parse(&format!("{num_text}{shared}")).ok()?;
            let hi = rules.grammar.parse(num2.as_str()).ok()?;
            value = checked_value(lo_unit, lo.value, lo.financial)?;
            let max = checked_value(unit, hi.value, hi.financial)?;
            if max <= value {
                return None;
            }
            value_max = Some(Value::Number(max));
        }
        None => {
            if unit.skip_numbers.iter().any(|w| w == num_text) {
                return None;
            }
        }
    }
    // 元角分: the 角 and 分 parts add tenths and hundredths of a yuan.
    for (group, exp) in [(JIAO, 1), (FEN, 2)] {
        if let Some(part) = caps.group(group) {
            let p = rules.grammar.parse(part.as_str()).ok()?;
            let add = p.value.checked_div_pow10(exp)?;
            value = value.checked_add(add)?;
        }
    }
    // The sign is the low end's (-5至3): the range still runs from low to high.
    if sign.is_some() {
        value = value.checked_neg()?;
    }
    let qualifier = QUALIFIERS
        .iter()
        .filter_map(|&g| caps.group(g))
        .filter(|m| m.start() >= start)
        .find_map(|m| rules.qualifier(m.as_str()))
        .map(str::to_string);
    Some(Candidate {
        start,
        end: whole.end(),
        rule: idx,
        kind: unit.kind.clone(),
        unit: unit.unit.clone(),
        value: Value::Number(value),
        value_max,
        qualifier,
        date: None,
    })
}

fn blocked_after(unit: &Unit, after: &str) -> bool {
    if unit.phrase_end && after.chars().next().is_some_and(char::is_alphanumeric) {
        return true;
    }
    unit.not_before
        .iter()
        .any(|w| after.starts_with(w.as_str()))
}

/// Scales a number to the canonical unit; 大写 numerals only count next to money.
fn checked_value(unit: &Unit, number: Decimal, financial: bool) -> Option<Decimal> {
    if financial && &*unit.kind != "money" {
        return None;
    }
    number.checked_mul(unit.scale)
}

fn is_multiplier(c: char) -> bool {
    matches!(c, '十' | '百' | '千' | '万' | '亿' | '萬' | '億')
}

fn ends_with_multiplier(s: &str) -> bool {
    s.chars().next_back().is_some_and(is_multiplier)
}
