//! Facts that repeat an earlier fact of their article: a headline and its body, a lead and
//! its paragraph state one figure twice. Both are facts (the text says it twice), but a sum
//! must count it once: the repeat carries the first occurrence's offset in `repeat_of`.

use crate::fact::{Fact, Shared, Value};
use std::collections::HashMap;

/// What an article has stated so far, by figure.
#[derive(Default)]
pub struct Repeats {
    article: Option<usize>,
    /// value → the facts that stated it (hashing the value alone is cheap; the rest of
    /// the figure is compared on the few facts that share it).
    seen: HashMap<Value, Vec<Stated>>,
    count: usize,
}

struct Stated {
    kind: Shared,
    value_max: Option<Value>,
    unit: Shared,
    offset: usize,
    line: usize,
    label: String,
    region_path: Option<Shared>,
}

/// An article stating more figures than this is a table or a dump, not a story retold in
/// its headline: later figures are not remembered, so memory stays flat on a huge page.
const MAX_REMEMBERED: usize = 10_000;
/// How many earlier statements of one value are compared with a new one: a value stated
/// more often than this (the 2 of a long one-line page) is a common number, and the
/// comparison must stay linear in the page.
const MAX_PER_VALUE: usize = 16;

impl Repeats {
    /// The offset of the earlier fact `fact` repeats, if any; then remembers `fact`.
    /// `article` is the index of its article. Rates and dates are left out: a sum never
    /// adds them, and two loans at 8% are a coincidence, not a repeat.
    pub fn check(&mut self, article: Option<usize>, fact: &Fact) -> Option<usize> {
        if article != self.article {
            self.article = article;
            self.seen.clear();
            self.count = 0;
        }
        if matches!(&*fact.kind, "percent" | "date") {
            return None;
        }
        let label = fact.indicator.as_deref()?;

        // A paragraph's facts are its own list (甲镇带动2000人;乙镇带动2000人): a repeat
        // restates a figure of another paragraph or of the headline.
        let earlier = self.seen.get(&fact.value).and_then(|stated| {
            stated
                .iter()
                .find(|s| {
                    s.kind == fact.kind
                        && s.unit == fact.unit
                        && s.value_max == fact.value_max
                        && s.line != fact.line
                        && same_measure(&s.label, label)
                        && same_place(s.region_path.as_deref(), fact.region_path.as_deref())
                })
                .map(|s| s.offset)
        });
        if earlier.is_some() || self.count >= MAX_REMEMBERED {
            return earlier;
        }
        let stated = self.seen.entry(fact.value.clone()).or_default();
        if stated.len() < MAX_PER_VALUE {
            self.count += 1;
            stated.push(Stated {
                kind: fact.kind.clone(),
                value_max: fact.value_max.clone(),
                unit: fact.unit.clone(),
                offset: fact.offset,
                line: fact.line,
                label: label.to_string(),
                region_path: fact.region_path.clone(),
            });
        }
        earlier
    }
}

/// Two labels name the same measure when one holds the other (新增就业 in 全年新增就业,
/// 补奖资金 in 草原补奖资金): a headline shortens, a body adds detail.
fn same_measure(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.chars().count() >= 2 && long.contains(short)
}

/// Two regions are one place when one holds the other (a headline's 某州 and its body's
/// county of that 州), or when neither is known. A total of several regions (no region)
/// and one region's own figure are two facts, even when the numbers agree.
fn same_place(a: Option<&str>, b: Option<&str>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return a.is_none() && b.is_none();
    };
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.strip_prefix(short)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_of_one_measure() {
        assert!(same_measure("新增就业", "全年新增就业"));
        assert!(same_measure("补贴资金", "补贴资金"));
        assert!(!same_measure("新增就业", "转移就业"));
        assert!(!same_measure("人", "贫困人口"));
    }

    #[test]
    fn a_common_value_is_compared_a_bounded_number_of_times() {
        // One line holding the same figure again and again (a long page without breaks):
        // no fact repeats another of its own paragraph, and the memory of the value stays
        // bounded, so the page is walked in linear time.
        let text = "全县新增就业2人。".repeat(500);
        let facts = crate::Engine::with_default_rules()
            .expect("default rules")
            .extract(&crate::Document::new("t", text));
        assert_eq!(facts.len(), 500);
        let mut repeats = Repeats::default();
        for f in &facts {
            assert_eq!(repeats.check(Some(0), f), None);
        }
        let remembered: usize = repeats.seen.values().map(Vec::len).sum();
        assert!(remembered <= MAX_PER_VALUE, "{remembered}");
    }

    #[test]
    fn places_that_hold_each_other() {
        assert!(same_place(Some("甲省/乙市"), Some("甲省/乙市/丙县")));
        assert!(same_place(None, None));
        assert!(!same_place(Some("甲省/乙市"), None));
        assert!(!same_place(Some("甲省/乙市/丙县"), Some("甲省/乙市/丁县")));
        assert!(!same_place(Some("甲省/乙市"), Some("甲省/乙市场")));
    }
}
