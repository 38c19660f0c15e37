//! Inferring a text's province from the mentions that can lie in one province only.

use rustc_hash::FxHashMap as HashMap;

use super::{Gazetteer, RawMatch};

impl Gazetteer {
    /// The province code mentioned most in `text` by mentions whose candidates all
    /// lie in one province (two-character county short forms do not vote); needs at
    /// least 2 such mentions and a strict lead.
    pub fn infer_province(&self, text: &str) -> Option<String> {
        self.infer_province_in(&self.matches(text))
    }

    /// [`Gazetteer::infer_province`] from matches already found.
    pub fn infer_province_in(&self, raw: &[RawMatch]) -> Option<String> {
        let mut counts: HashMap<usize, usize> = HashMap::default();
        for m in raw {
            let strong = &self.surfaces[m.surface].strong;
            let Some(&first) = strong.first() else {
                continue;
            };
            let p = self.province[first];
            if strong.iter().all(|&r| self.province[r] == p) {
                *counts.entry(p).or_insert(0) += 1;
            }
        }
        let mut ranked: Vec<(usize, usize)> = counts.into_iter().collect();
        // Ties broken by index only to make the order deterministic; a tie at the
        // top returns None below.
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let (best, n) = *ranked.first()?;
        let runner_up = ranked.get(1).map_or(0, |r| r.1);
        (n >= 2 && n > runner_up).then(|| self.regions[best].code.to_string())
    }
}
