//! Matching predicted facts to located gold facts, and scoring them.

use super::gold::{basename, Gold, GoldFact};
use super::locate::{find_all, is_break, locate_in, DocText, LocateMethod, Location};
use super::report::{
    DocScore, EvalDoc, FalseAlarm, Mean, Mismatch, Miss, Ratio, Report, Score, UnitScore,
    ValueError,
};
use crate::fact::{Fact, Value};
use std::collections::BTreeMap;

/// Canonical units that gold labels; predictions with any other unit are ignored.
pub const CORE_UNITS: [&str; 7] = ["元", "人", "人次", "户", "亩", "公顷", "date"];

/// Maximum distance, in characters, between the start offsets of a gold and a predicted fact.
pub const TOLERANCE: usize = 4;
fn is_core(unit: &str) -> bool {
    CORE_UNITS.contains(&unit)
}

/// Whether a prediction is in the gold's scope: a core unit, and for dates a calendar
/// date. The labels date days and months (2023年6月5日, 9月份, 10月底); periods of a year
/// (年底, 上半年, 一季度; the `date.period` rules) were never labelled, like percentages.
fn in_scope(f: &Fact) -> bool {
    is_core(&f.unit) && !f.rule.starts_with("date.period")
}

/// Values agree when equal, or when the gold's date states no year (the labels keep what
/// the sentence says: --09-08) and the extractor completed it from the document's
/// reference date (2016-09-08).
pub(super) fn same_value(gold: &Value, predicted: &Value) -> bool {
    match (gold, predicted) {
        (Value::Text(g), Value::Text(p)) if g != p => {
            g.starts_with("--")
                && p.len() == g.len() + 3
                && p.as_bytes()[..4].iter().all(u8::is_ascii_digit)
                && p[4..] == g[1..]
        }
        _ => gold == predicted,
    }
}

fn opt_trim<S: AsRef<str>>(s: &Option<S>) -> Option<&str> {
    s.as_ref()
        .map(|s| s.as_ref().trim())
        .filter(|s| !s.is_empty())
}

/// The predicted region as scored: a zone with its own code counts as its city.
/// The region a fact is scored as. A development zone with its own statistical code
/// (…71 to …79, e.g. 包头稀土高新技术产业开发区 150271) counts as its city, as the gold
/// labels it: the city is the zone's parent in `region_path`.
fn scored_region(f: &Fact) -> Option<&str> {
    let region = opt_trim(&f.region);
    let is_zone = opt_trim(&f.region_code)
        .is_some_and(|c| c.len() == 6 && c.as_bytes()[4] == b'7' && c.as_bytes()[5] != b'0');
    if is_zone {
        if let Some(parent) = opt_trim(&f.region_path).and_then(|p| p.rsplit('/').nth(1)) {
            return Some(parent);
        }
    }
    region
}

/// Size of the multiset intersection of the characters of `a` and `b`.
pub(super) fn char_overlap(a: &str, b: &str) -> usize {
    let mut counts: BTreeMap<char, usize> = BTreeMap::new();
    for c in a.chars() {
        *counts.entry(c).or_insert(0) += 1;
    }
    let mut n = 0;
    for c in b.chars() {
        if let Some(k) = counts.get_mut(&c) {
            if *k > 0 {
                *k -= 1;
                n += 1;
            }
        }
    }
    n
}

/// Whether the predicted indicator shares at least half of the gold label's characters.
pub(super) fn indicator_overlaps(gold: Option<&str>, predicted: Option<&str>) -> bool {
    match (gold, predicted) {
        (None, None) => true,
        (None, Some(_)) | (Some(_), None) => false,
        (Some(g), Some(p)) => 2 * char_overlap(g, p) >= g.chars().count(),
    }
}

/// Character F1 of the indicator labels (multiset overlap); a missing prediction scores 0.
pub(super) fn indicator_char_f1(gold: Option<&str>, predicted: Option<&str>) -> f64 {
    match (gold, predicted) {
        (None, None) => 1.0,
        (None, Some(_)) | (Some(_), None) => 0.0,
        (Some(g), Some(p)) => {
            let total = g.chars().count() + p.chars().count();
            if total == 0 {
                1.0
            } else {
                2.0 * char_overlap(g, p) as f64 / total as f64
            }
        }
    }
}

/// About `max` characters of `sentence` around the first occurrence of `raw`, one line.
fn shorten(sentence: &str, raw: &str, max: usize) -> String {
    let chars: Vec<char> = sentence
        .trim()
        .chars()
        .map(|c| if is_break(c) { ' ' } else { c })
        .collect();
    if chars.len() <= max {
        return chars.into_iter().collect();
    }
    let raw: Vec<char> = raw.chars().collect();
    let pos = find_all(&chars, &raw).first().copied().unwrap_or(0);
    let center = pos + raw.len() / 2;
    let start = center.saturating_sub(max / 2).min(chars.len() - max);
    let end = start + max;
    let mut s = String::new();
    if start > 0 {
        s.push('…');
    }
    s.extend(&chars[start..end]);
    if end < chars.len() {
        s.push('…');
    }
    s
}

/// Accumulates counts over documents.
#[derive(Default)]
struct Acc {
    per_unit: BTreeMap<String, Score>,
    qualifier: (usize, usize),
    region: (usize, usize),
    overlap: (usize, usize),
    char_f1: (f64, usize),
    pairs: usize,
    report_misses: Vec<Miss>,
    false_alarms: Vec<FalseAlarm>,
    value_errors: Vec<ValueError>,
    qualifier_mismatches: Vec<Mismatch>,
    region_mismatches: Vec<Mismatch>,
    indicator_mismatches: Vec<Mismatch>,
    warnings: Vec<String>,
}

impl Acc {
    fn unit(&mut self, unit: &str) -> &mut Score {
        self.per_unit.entry(unit.to_string()).or_default()
    }

    fn miss(&mut self, doc: &str, g: &GoldFact, loc: &Location, pos: Option<(usize, usize)>) {
        self.report_misses.push(Miss {
            doc: doc.to_string(),
            gold_line: g.line,
            offset: loc.offset,
            line: pos.map(|p| p.0),
            col: pos.map(|p| p.1),
            raw: g.raw.clone(),
            value: g.value.clone(),
            value_max: g.value_max.clone(),
            unit: g.unit.clone(),
            context: g.context.clone(),
            located: loc.method,
        });
    }
}

/// Scores one document's predictions against its gold facts.
fn score_doc(name: &str, gold: &[GoldFact], input: Option<&EvalDoc>, acc: &mut Acc) -> Score {
    let mut score = Score::default();
    for g in gold {
        if !is_core(&g.unit) {
            acc.warnings.push(format!(
                "gold {name} line {}: unit {:?} is not a core unit; it can never match",
                g.line, g.unit
            ));
        }
    }
    let Some(input) = input else {
        for g in gold {
            score.fn_ += 1;
            acc.unit(&g.unit).fn_ += 1;
            let loc = Location {
                offset: None,
                method: LocateMethod::NotFound,
                duplicate_of: None,
            };
            acc.miss(name, g, &loc, None);
        }
        return score;
    };
    let doc = DocText::new(input.text);
    let locs = locate_in(gold, &doc);
    for (g, loc) in gold.iter().zip(&locs) {
        let at = loc
            .offset
            .map(|o| {
                let (l, c) = doc.line_col(o);
                format!(" at {l}:{c}")
            })
            .unwrap_or_default();
        match loc.method {
            LocateMethod::Context | LocateMethod::ContextJoined => {}
            LocateMethod::NotFound => acc.warnings.push(format!(
                "gold {name} line {}: raw {:?} not found in the text (counted as a miss)",
                g.line, g.raw
            )),
            m => acc.warnings.push(format!(
                "gold {name} line {}: {:?} located{at} by fallback: {}",
                g.line,
                g.raw,
                m.label()
            )),
        }
        if let Some(first) = loc.duplicate_of {
            acc.warnings.push(format!(
                "gold {name} line {}: {:?}{at} is at the same position as gold line {first} (duplicate label?)",
                g.line, g.raw
            ));
        }
    }
    let preds: Vec<&Fact> = input.facts.iter().filter(|f| in_scope(f)).collect();

    // Candidate pairs: (distance, value differs, gold index, predicted index).
    let mut cands: Vec<(usize, bool, usize, usize)> = Vec::new();
    for (gi, (g, loc)) in gold.iter().zip(&locs).enumerate() {
        let Some(go) = loc.offset else { continue };
        for (pi, p) in preds.iter().enumerate() {
            let dist = go.abs_diff(p.offset);
            if *p.unit == *g.unit && dist <= TOLERANCE {
                let differs = p.value != g.value || p.value_max != g.value_max;
                cands.push((dist, differs, gi, pi));
            }
        }
    }
    cands.sort_unstable();
    let mut gold_pair: Vec<Option<usize>> = vec![None; gold.len()];
    let mut pred_pair: Vec<Option<usize>> = vec![None; preds.len()];
    for (_, _, gi, pi) in cands {
        if gold_pair[gi].is_none() && pred_pair[pi].is_none() {
            gold_pair[gi] = Some(pi);
            pred_pair[pi] = Some(gi);
        }
    }

    for (gi, g) in gold.iter().enumerate() {
        let loc = &locs[gi];
        let pos = loc.offset.map(|o| doc.line_col(o));
        let Some(pi) = gold_pair[gi] else {
            score.fn_ += 1;
            acc.unit(&g.unit).fn_ += 1;
            acc.miss(name, g, loc, pos);
            continue;
        };
        let p = preds[pi];
        acc.pairs += 1;
        let (offset, (line, col)) = match (loc.offset, pos) {
            (Some(o), Some(lc)) => (o, lc),
            _ => continue, // unreachable: only located gold facts are paired
        };
        let max_agrees = match (&g.value_max, &p.value_max) {
            (Some(g), Some(p)) => same_value(g, p),
            (g, p) => g == p,
        };
        if !same_value(&g.value, &p.value) || !max_agrees {
            score.fn_ += 1;
            score.fp += 1;
            acc.unit(&g.unit).fn_ += 1;
            acc.unit(&p.unit).fp += 1;
            acc.value_errors.push(ValueError {
                doc: name.to_string(),
                gold_line: g.line,
                offset,
                line,
                col,
                unit: g.unit.clone(),
                gold_raw: g.raw.clone(),
                gold_value: g.value.clone(),
                gold_value_max: g.value_max.clone(),
                predicted_offset: p.offset,
                predicted_raw: p.raw.clone(),
                predicted_value: p.value.clone(),
                predicted_value_max: p.value_max.clone(),
                rule: p.rule.to_string(),
            });
            continue;
        }
        score.tp += 1;
        acc.unit(&g.unit).tp += 1;
        let mismatch = |gold: Option<&str>, predicted: Option<&str>| Mismatch {
            doc: name.to_string(),
            gold_line: g.line,
            offset,
            line,
            col,
            raw: g.raw.clone(),
            unit: g.unit.clone(),
            gold: gold.map(str::to_string),
            predicted: predicted.map(str::to_string),
            rule: p.rule.to_string(),
            predicted_offset: p.offset,
            predicted_raw: p.raw.clone(),
        };

        let (gq, pq) = (opt_trim(&g.qualifier), opt_trim(&p.qualifier));
        acc.qualifier.1 += 1;
        if gq == pq {
            acc.qualifier.0 += 1;
        } else {
            acc.qualifier_mismatches.push(mismatch(gq, pq));
        }

        let (gr, pr) = (opt_trim(&g.region), scored_region(p));
        acc.region.1 += 1;
        // A renamed region (祁阳县, now 祁阳市) is right under either name.
        if gr == pr || (pr.is_some() && opt_trim(&g.region_now) == pr) {
            acc.region.0 += 1;
        } else {
            acc.region_mismatches
                .push(mismatch(gr, opt_trim(&p.region).or(pr)));
        }

        let (gi_, pi_) = (opt_trim(&g.indicator), opt_trim(&p.indicator));
        acc.overlap.1 += 1;
        if indicator_overlaps(gi_, pi_) {
            acc.overlap.0 += 1;
        } else {
            acc.indicator_mismatches.push(mismatch(gi_, pi_));
        }
        acc.char_f1.0 += indicator_char_f1(gi_, pi_);
        acc.char_f1.1 += 1;
    }

    for (pi, p) in preds.iter().enumerate() {
        if pred_pair[pi].is_some() {
            continue;
        }
        score.fp += 1;
        acc.unit(&p.unit).fp += 1;
        let (line, col) = doc.line_col(p.offset);
        acc.false_alarms.push(FalseAlarm {
            doc: name.to_string(),
            offset: p.offset,
            line,
            col,
            raw: p.raw.clone(),
            value: p.value.clone(),
            value_max: p.value_max.clone(),
            unit: p.unit.to_string(),
            rule: p.rule.to_string(),
            sentence: shorten(&p.sentence, &p.raw, 40),
        });
    }
    score
}

/// Scores `docs` against `gold`. Only documents with gold are scored; a gold document with
/// no input document counts all its facts as misses.
pub fn evaluate(gold: &Gold, docs: &[EvalDoc]) -> Report {
    let mut acc = Acc::default();
    let mut inputs: BTreeMap<String, &EvalDoc> = BTreeMap::new();
    for d in docs {
        let name = basename(d.name.trim());
        match inputs.entry(name) {
            std::collections::btree_map::Entry::Occupied(e) => acc.warnings.push(format!(
                "input document {} given more than once; only the first is scored",
                e.key()
            )),
            std::collections::btree_map::Entry::Vacant(e) => {
                e.insert(d);
            }
        }
    }
    let docs_without_gold: Vec<String> = inputs
        .keys()
        .filter(|n| !gold.contains_key(*n))
        .cloned()
        .collect();
    let mut scored_docs = Vec::new();
    let mut gold_docs_without_input = Vec::new();
    let mut per_doc = Vec::new();
    let mut detection = Score::default();
    let (mut gold_facts, mut predicted_facts, mut ignored_predictions) = (0, 0, 0);
    for (name, facts) in gold {
        let input = inputs.get(name).copied();
        gold_facts += facts.len();
        match input {
            Some(d) => {
                scored_docs.push(name.clone());
                let core = d.facts.iter().filter(|f| in_scope(f)).count();
                predicted_facts += core;
                ignored_predictions += d.facts.len() - core;
            }
            None => {
                gold_docs_without_input.push(name.clone());
                acc.warnings.push(format!(
                    "gold document {name} has no input document; its {} facts count as misses",
                    facts.len()
                ));
            }
        }
        let mut score = score_doc(name, facts, input, &mut acc);
        score.finish();
        detection.add(&score);
        per_doc.push(DocScore {
            doc: name.clone(),
            has_input: input.is_some(),
            score,
        });
    }
    detection.finish();

    let mut per_unit = Vec::new();
    for unit in CORE_UNITS {
        let mut score = acc.per_unit.remove(unit).unwrap_or_default();
        score.finish();
        per_unit.push(UnitScore {
            unit: unit.to_string(),
            score,
        });
    }
    for (unit, mut score) in std::mem::take(&mut acc.per_unit) {
        score.finish();
        per_unit.push(UnitScore { unit, score });
    }

    let by_pos =
        |doc: &String, off: Option<usize>, line: usize| (doc.clone(), off.is_none(), off, line);
    acc.report_misses
        .sort_by_key(|m| by_pos(&m.doc, m.offset, m.gold_line));
    acc.false_alarms
        .sort_by(|a, b| (&a.doc, a.offset, &a.raw).cmp(&(&b.doc, b.offset, &b.raw)));
    acc.value_errors
        .sort_by_key(|m| by_pos(&m.doc, Some(m.offset), m.gold_line));
    acc.qualifier_mismatches
        .sort_by_key(|m| by_pos(&m.doc, Some(m.offset), m.gold_line));
    acc.region_mismatches
        .sort_by_key(|m| by_pos(&m.doc, Some(m.offset), m.gold_line));
    acc.indicator_mismatches
        .sort_by_key(|m| by_pos(&m.doc, Some(m.offset), m.gold_line));

    let values_exact = Ratio::new(acc.tp_pairs(), acc.pairs);
    Report {
        input_docs: docs.len(),
        scored_docs,
        docs_without_gold,
        gold_docs_without_input,
        warnings: acc.warnings,
        gold_facts,
        predicted_facts,
        ignored_predictions,
        detection,
        per_unit,
        per_doc,
        qualifier_accuracy: Ratio::new(acc.qualifier.0, acc.qualifier.1),
        region_accuracy: Ratio::new(acc.region.0, acc.region.1),
        indicator_overlap: Ratio::new(acc.overlap.0, acc.overlap.1),
        indicator_char_f1: Mean {
            mean: (acc.char_f1.1 > 0).then(|| acc.char_f1.0 / acc.char_f1.1 as f64),
            count: acc.char_f1.1,
        },
        values_exact,
        misses: acc.report_misses,
        false_alarms: acc.false_alarms,
        value_errors: acc.value_errors,
        qualifier_mismatches: acc.qualifier_mismatches,
        region_mismatches: acc.region_mismatches,
        indicator_mismatches: acc.indicator_mismatches,
    }
}

impl Acc {
    /// Value-exact pairs: every pair that is not a value error.
    fn tp_pairs(&self) -> usize {
        self.pairs - self.value_errors.len()
    }
}
