//! Naming the facts of a sentence: what each number measures (or the event a date
//! dates), in text order, so a list's later items can read the earlier ones.

use super::grammar::{LabelGrammar, Window};
use super::{Context, Namer, Naming};
use crate::fact::Shared;
use crate::page::segment;
use crate::place::attribution::PageRegions;
use crate::quantity::lexer::Candidate;
use crate::rules::RuleSet;

/// Names the facts of one sentence, one after the other.
pub struct SentenceNamer<'a> {
    rules: &'a RuleSet,
    labels: &'a LabelGrammar,
    text: &'a str,
    regions: &'a PageRegions<'a>,
    sentence: (usize, usize),
    /// For households right before people (10598户25743人贫困户): where the people end.
    pair_ends: Vec<Option<usize>>,
    /// The previous fact of the sentence: its kind, unit, end and label.
    prev: Option<(Shared, Shared, usize, String)>,
}

impl<'a> SentenceNamer<'a> {
    pub fn new(
        rules: &'a RuleSet,
        labels: &'a LabelGrammar,
        text: &'a str,
        regions: &'a PageRegions<'a>,
        sentence: (usize, usize),
        cands: &[Candidate],
    ) -> SentenceNamer<'a> {
        // Households right before people (10598户25743人贫困户): both are named by the
        // noun after the people.
        let pair_ends = (0..cands.len())
            .map(|i| match (cands.get(i), cands.get(i + 1)) {
                (Some(h), Some(p))
                    if &*h.unit == "户"
                        && &*p.unit == "人"
                        && p.start == h.end
                        && labels.starts_with_noun(&text[p.end..sentence.1]) =>
                {
                    Some(p.end)
                }
                _ => None,
            })
            .collect();
        SentenceNamer {
            rules,
            labels,
            text,
            regions,
            sentence,
            pair_ends,
            prev: None,
        }
    }

    /// Names candidate `i` of the sentence (`c`, in clause `clause`); call in text order.
    pub fn name(&mut self, i: usize, c: &Candidate, clause: (usize, usize)) -> Option<Naming> {
        let naming = match &self.prev {
            // People counted right after households (185户598人): the same group.
            Some((_, unit, end, label))
                if &**unit == "户" && &*c.unit == "人" && *end == c.start =>
            {
                Some(Naming {
                    label: self.labels.persons_of(label),
                    source: "people right after households".to_string(),
                })
            }
            _ => self.name_one(
                clause,
                c,
                Neighbours {
                    prev_label: self
                        .prev
                        .as_ref()
                        .filter(|(k, ..)| *k == c.kind)
                        .map(|(.., l)| l.as_str()),
                    prev_any: self.prev.as_ref().map(|(.., l)| l.as_str()),
                    after_from: self.pair_ends[i].unwrap_or(c.end),
                },
            ),
        };
        // The next fact of a list may be measured as this one (乙镇100万元).
        self.prev = naming
            .as_ref()
            .map(|n| (c.kind.clone(), c.unit.clone(), c.end, n.label.clone()));
        naming
    }

    /// Names what the candidate measures, from its clause.
    fn name_one(&self, (a, b): (usize, usize), c: &Candidate, near: Neighbours) -> Option<Naming> {
        let (text, regions) = (self.text, self.regions);
        let (sent_start, sent_end) = self.sentence;
        let Neighbours {
            prev_label,
            prev_any,
            after_from,
        } = near;
        if let Some(label) = &self.rules.rules[c.rule].indicator {
            return Some(Naming {
                label: label.clone(),
                source: format!("rule {}", self.rules.rules[c.rule].id),
            });
        }
        let is_date = &*c.kind == "date";
        if let Some(n) = self
            .labels
            .cue(text, (a, b), (c.start, c.end), is_date, &c.unit)
        {
            return Some(n);
        }
        let plain_from = regions
            .within(a, c.start)
            .iter()
            // Town names are part of what a figure is about (东湖镇等5个乡镇); the namer
            // reads the region table's places only.
            .filter(|m| !m.town && m.start >= a && m.end <= c.start)
            .map(|m| m.end)
            .max()
            .unwrap_or(a);
        let step = |at: usize| at + text[at..].chars().next().map_or(0, char::len_utf8);
        let (next_from, next_to) = if b < sent_end {
            let from = step(b);
            let (_, end) = segment::clause(text, sent_start, sent_end, from, from);
            (from.min(end), end)
        } else {
            (b, b)
        };
        let prev_clause = if a > sent_start {
            let to = a.saturating_sub(1).max(sent_start);
            let to = (sent_start..=to)
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(sent_start);
            let (start, _) = segment::clause(text, sent_start, sent_end, to, to);
            &text[start..to]
        } else {
            ""
        };
        // Place names say where, not what happened: drop them from a date's event.
        let without_places = |from: usize, to: usize| {
            let mut out = String::new();
            let mut at = from;
            for m in regions
                .within(from, to)
                .iter()
                .filter(|m| !m.town && m.start >= from && m.end <= to)
            {
                out.push_str(&text[at..m.start]);
                at = m.end;
            }
            out.push_str(&text[at.min(to)..to]);
            out
        };
        // Only a date's event reads these; a number's name does not, so skip the copies.
        let after_plain = if is_date {
            without_places(c.end, b)
        } else {
            String::new()
        };
        let next_clause = if is_date {
            without_places(next_from, next_to)
        } else {
            String::new()
        };
        let ctx = Context {
            before: &text[a..c.start],
            before_plain: &text[plain_from..c.start],
            after: &text[after_from.min(b)..b],
            after_plain: &after_plain,
            next_clause: &next_clause,
            prev_clause,
            // The project a fact is about is named close before it; a bounded look-back
            // keeps a megabyte-long sentence linear.
            sentence_before: {
                &text
                    [segment::ceil_char(text, c.start.saturating_sub(300).max(sent_start))..c.start]
            },
            is_date,
            counted: matches!(&*c.kind, "count" | "area"),
            kind: &c.kind,
        };
        let naming = Namer {
            rules: &self.rules.indicators,
            fallback: &self.rules.fallback,
            sets: &self.rules.indicator_sets,
        }
        .name(&ctx)?;
        self.labels.apply(
            naming,
            &Window {
                before: ctx.before,
                after: ctx.after,
                sentence_before: ctx.sentence_before,
                // A bounded look ahead: a megabyte-long sentence stays linear.
                sentence_after: {
                    let from = b.max(c.end);
                    &text[from..segment::floor_char(text, sent_end.min(from + 300))]
                },
                places: regions.within(a, b),
                before_at: a,
                after_at: after_from.min(b),
                unit: &c.unit,
                is_date,
                prev_label,
                prev_any,
            },
        )
    }
}

/// What the facts around a fact say about its name.
struct Neighbours<'a> {
    /// The label of the previous fact of the same kind in the sentence (a list's measure).
    prev_label: Option<&'a str>,
    /// The label of the previous fact of any kind (what a change compares).
    prev_any: Option<&'a str>,
    /// Where the text after the fact starts for its name: past the people counted right
    /// after households.
    after_from: usize,
}
