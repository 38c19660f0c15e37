//! The review page against gold (`--gold`): what `factx eval`'s matching says of each
//! document's facts, and how the page shows it. A gold fact factx did not find is a miss,
//! a fact without a gold partner a false alarm, and a matched fact whose region or
//! indicator is not the gold's (as eval scores region accuracy and indicator overlap) a
//! disagreement.

use super::escape;
use crate::fact::Fact;
use std::collections::HashMap;
use std::fmt::Write as _;

/// A gold fact factx did not find, from `factx eval`'s matching.
#[derive(Debug, Clone)]
pub struct Missed {
    /// Character offset in the document, when the gold context could be located.
    pub offset: Option<usize>,
    pub raw: String,
    /// Value and unit as the gold gives them (`5000 万元`).
    pub value: String,
    pub gold_line: usize,
    pub context: String,
}

/// What factx says and what gold says, for one attribute of a matched fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Differ {
    pub factx: Option<String>,
    pub gold: Option<String>,
}

/// A fact matched to a gold fact whose region or indicator disagrees with the gold's:
/// `factx eval`'s region and indicator mismatches.
#[derive(Debug, Clone, Default)]
pub struct Disagreement {
    /// The predicted fact: its offset, raw text and rule (as a false alarm is named).
    pub offset: usize,
    pub raw: String,
    pub rule: String,
    /// Set when the region disagrees.
    pub region: Option<Differ>,
    /// Set when the indicator disagrees.
    pub indicator: Option<Differ>,
}

/// How a document's facts compare with gold.
#[derive(Debug, Clone, Default)]
pub struct GoldMarks {
    pub misses: Vec<Missed>,
    /// (offset, raw, rule) of each predicted fact with no gold partner.
    pub false_alarms: Vec<(usize, String, String)>,
    /// Matched facts whose region or indicator disagrees, one entry per fact.
    pub disagreements: Vec<Disagreement>,
}

/// Counts over the documents with gold, for the run summary.
#[derive(Debug, Default)]
pub(super) struct Totals {
    pub docs: usize,
    pub misses: usize,
    pub false_alarms: usize,
    pub regions: usize,
    pub indicators: usize,
}

/// `n` and the noun, plural when n is not 1.
fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

impl Totals {
    /// `1 missed, 2 false alarms, 2 regions and 1 indicator disagree`.
    pub fn text(&self) -> String {
        format!(
            "{} missed, {}, {} and {} disagree",
            self.misses,
            count(self.false_alarms, "false alarm"),
            count(self.regions, "region"),
            count(self.indicators, "indicator"),
        )
    }

    pub fn add(&mut self, other: &Totals) {
        self.docs += other.docs;
        self.misses += other.misses;
        self.false_alarms += other.false_alarms;
        self.regions += other.regions;
        self.indicators += other.indicators;
    }
}

/// Each fact of a document as gold sees it: a false alarm, a disagreement or neither.
pub(super) struct FactMarks<'a> {
    false_alarm: Vec<bool>,
    disagreement: Vec<Option<&'a Disagreement>>,
    pub totals: Totals,
}

impl<'a> FactMarks<'a> {
    pub fn new(gold: Option<&'a GoldMarks>, facts: &[Fact]) -> FactMarks<'a> {
        let mut marks = FactMarks {
            false_alarm: vec![false; facts.len()],
            disagreement: vec![None; facts.len()],
            totals: Totals::default(),
        };
        let Some(g) = gold else {
            return marks;
        };
        let key = |f: &'_ Fact| (f.offset, f.raw.clone(), f.rule.to_string());
        let fa: std::collections::HashSet<(usize, String, String)> =
            g.false_alarms.iter().cloned().collect();
        let dis: HashMap<(usize, String, String), &Disagreement> = g
            .disagreements
            .iter()
            .map(|d| ((d.offset, d.raw.clone(), d.rule.clone()), d))
            .collect();
        for (i, f) in facts.iter().enumerate() {
            let k = key(f);
            marks.false_alarm[i] = fa.contains(&k);
            marks.disagreement[i] = dis.get(&k).copied();
        }
        marks.totals = Totals {
            docs: 1,
            misses: g.misses.len(),
            false_alarms: fa.len(),
            regions: g
                .disagreements
                .iter()
                .filter(|d| d.region.is_some())
                .count(),
            indicators: g
                .disagreements
                .iter()
                .filter(|d| d.indicator.is_some())
                .count(),
        };
        marks
    }

    /// The highlight's extra class: ` fa` for a false alarm, ` dis` for a disagreement.
    pub fn class(&self, i: usize) -> &'static str {
        if self.false_alarm[i] {
            " fa"
        } else if self.disagreement[i].is_some() {
            " dis"
        } else {
            ""
        }
    }

    /// The table row's class attribute.
    pub fn row_class(&self, i: usize) -> &'static str {
        if self.false_alarm[i] {
            " class=\"fa-row\""
        } else if self.disagreement[i].is_some() {
            " class=\"dis-row\""
        } else {
            ""
        }
    }

    /// The lines the tooltip starts with: what gold says of this fact, if anything.
    pub fn tip(&self, i: usize) -> String {
        if self.false_alarm[i] {
            return "FALSE ALARM (no gold fact here)\n".to_string();
        }
        let Some(d) = self.disagreement[i] else {
            return String::new();
        };
        let dash = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".to_string());
        let mut t = String::from("DISAGREES WITH GOLD\n");
        for (name, differ) in [("region", &d.region), ("indicator", &d.indicator)] {
            if let Some(x) = differ {
                let _ = writeln!(
                    t,
                    "{name}: factx {} / gold {}",
                    dash(&x.factx),
                    dash(&x.gold)
                );
            }
        }
        t
    }
}

/// A missed gold fact where it stands in the text (`inner`), or as a badge after the fact
/// it overlaps.
pub(super) fn push_miss(h: &mut String, d: usize, k: usize, m: &Missed, inner: &str) {
    let _ = write!(
        h,
        "<span class=\"f miss\" id=\"d{d}m{k}\" tabindex=\"0\" data-tip=\"{}\">",
        escape(&format!(
            "MISSED: gold line {}\nvalue: {}\ncontext: {}",
            m.gold_line, m.value, m.context
        ))
    );
    super::escape_into(h, inner);
    h.push_str("</span>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_read_as_a_sentence() {
        let t = Totals {
            docs: 1,
            misses: 0,
            false_alarms: 0,
            regions: 2,
            indicators: 1,
        };
        assert_eq!(
            t.text(),
            "0 missed, 0 false alarms, 2 regions and 1 indicator disagree"
        );
        let one = Totals {
            docs: 1,
            misses: 1,
            false_alarms: 1,
            regions: 1,
            indicators: 0,
        };
        assert_eq!(
            one.text(),
            "1 missed, 1 false alarm, 1 region and 0 indicators disagree"
        );
    }
}
