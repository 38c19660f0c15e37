//! Several gold sets: merging them, and one report per set plus one over all.

use super::gold::{basename, Gold};
use super::report::{EvalDoc, Report};
use super::score::evaluate;
use anyhow::{bail, Result};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The name of the report over all gold sets together (see [`evaluate_sets`]).
pub const ALL_SETS: &str = "all";

/// One gold set made of several (each named, e.g. by its directory). A document with gold
/// in two sets is an error naming the document and both sets; so is a set named
/// [`ALL_SETS`] among several.
pub fn merge_gold(sets: &[(String, Gold)]) -> Result<Gold> {
    if sets.len() > 1 {
        if let Some((set, _)) = sets.iter().find(|(set, _)| set == ALL_SETS) {
            bail!(
                "a gold set may not be named {set:?} when there are several: that is the name \
                 of the report over all of them (write it as ./{set})"
            );
        }
    }
    let mut all = Gold::new();
    let mut owner: BTreeMap<&str, &str> = BTreeMap::new();
    for (set, gold) in sets {
        for (doc, facts) in gold {
            if let Some(first) = owner.insert(doc, set) {
                bail!("document {doc} has gold in two gold sets: {first} and {set}");
            }
            all.insert(doc.clone(), facts.clone());
        }
    }
    Ok(all)
}

/// Scores `docs` against several gold sets, each named (by its directory): one report per
/// set over the documents it has gold for, in the order given, and, when there is more than
/// one set, a last report named [`ALL_SETS`] over all sets together and every document
/// (documents with gold in no set are listed there as without gold). With one set, its one
/// report is exactly [`evaluate`] of all documents. A document with gold in two sets is an
/// error (see [`merge_gold`]).
pub fn evaluate_sets(sets: &[(String, Gold)], docs: &[EvalDoc]) -> Result<Vec<(String, Report)>> {
    let all = merge_gold(sets)?;
    if let [(set, gold)] = sets {
        return Ok(vec![(set.clone(), evaluate(gold, docs))]);
    }
    let mut reports = Vec::with_capacity(sets.len() + 1);
    for (set, gold) in sets {
        let part: Vec<EvalDoc> = docs
            .iter()
            .filter(|d| gold.contains_key(&basename(d.name.trim())))
            .map(|d| EvalDoc {
                name: d.name.clone(),
                text: d.text,
                facts: d.facts,
            })
            .collect();
        reports.push((set.clone(), evaluate(gold, &part)));
    }
    reports.push((ALL_SETS.to_string(), evaluate(&all, docs)));
    Ok(reports)
}

/// The reports of [`evaluate_sets`]. Serialises as an object with one report per set,
/// keyed by its name, in order (the `--format json` output of several `--gold`).
#[derive(Clone, Debug, PartialEq)]
pub struct SetReports(pub Vec<(String, Report)>);

impl Serialize for SetReports {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (set, report) in &self.0 {
            map.serialize_entry(set, report)?;
        }
        map.end()
    }
}

impl SetReports {
    /// One section per report, headed by its name. With several sets, the errors (with
    /// `show_errors`) are listed in each set's section only, not again under [`ALL_SETS`].
    pub fn render_text(&self, show_errors: bool) -> String {
        let several = self.0.len() > 1;
        let mut o = String::new();
        for (i, (set, report)) in self.0.iter().enumerate() {
            if i > 0 {
                o.push('\n');
            }
            let _ = writeln!(o, "== {set} ==");
            let is_all = several && i + 1 == self.0.len();
            o.push_str(&report.render_text(show_errors && !is_all));
        }
        o
    }
}
