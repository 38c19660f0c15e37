//! Gazetteer of China's administrative divisions and region-mention finding.
//!
//! Data: `rules/regions/china_admin.tsv` (province/prefecture/county table) and
//! `rules/regions/aliases.tsv` (forms news uses that the table lacks); see
//! `rules/regions/README.md`.
//!
//! The gazetteer is built from the tables in `table`, finds surfaces in a text in
//! `matching`, resolves them to mentions in `resolve` and infers a text's province in
//! `infer`; this file holds its types and its lookups by code and name.

mod infer;
mod matching;
mod resolve;
mod table;
#[cfg(test)]
mod tests;

// Keys are our own data (codes, place names), not attacker input: the fast hasher is safe
// here and takes a third off building the gazetteer.
use rustc_hash::FxHashMap as HashMap;

use crate::trie::Trie;
use std::sync::{Arc, OnceLock};

/// Words that name the whole country (全国夏粮总产量): a mention of them is a place in
/// every province, so a fact they attribute has no single region.
pub const NATIONWIDE: &[&str] = &["全国"];

/// One administrative division.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub code: crate::fact::Shared,
    pub name: crate::fact::Shared,
    pub short: String,
    pub level: u8,
    /// Parent code; `None` for provinces.
    pub parent: Option<String>,
}

/// One region mention found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset of the first byte in the text.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    pub surface: String,
    /// Region code, when the surface names one region or context settles it.
    pub resolved: Option<String>,
    /// Candidate codes (two or more) when the surface is ambiguous and stayed
    /// unresolved; empty otherwise.
    pub candidates: Vec<String>,
    /// The level of `resolved` (1 province, 2 prefecture, 3 county); 0 when unresolved.
    pub level: u8,
}

#[derive(Debug)]
struct Surface {
    /// Shared with the surface's key in `surface_ids`: one allocation per surface.
    text: Arc<str>,
    /// Regions this surface names outright: official names, aliases, and short
    /// forms of three or more characters or of provinces and prefectures.
    strong: Vec<usize>,
    /// Regions for which this surface is only a two-character county short form
    /// (banner forms ending in 旗 excepted).
    /// Such forms turn up inside ordinary words and names (党和政府 → 和政,
    /// 弘扬中华 → 扬中, 李江海 → 江海), so they count only where the county's
    /// province is the home province or one of its ancestors is mentioned.
    weak: Vec<usize>,
}

/// A surface found in a text before resolution: byte offsets and which surface. A text's
/// matches are found once ([`Gazetteer::matches`]) and shared by every use of that text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawMatch {
    pub start: usize,
    pub end: usize,
    surface: usize,
}

/// The region table plus one trie over every surface form.
#[derive(Debug)]
pub struct Gazetteer {
    regions: Vec<Region>,
    by_code: HashMap<String, usize>,
    parent: Vec<Option<usize>>,
    province: Vec<usize>,
    surfaces: Vec<Surface>,
    surface_ids: HashMap<Arc<str>, usize>,
    /// Pattern id == index into `surfaces`.
    trie: Trie,
    /// Each region's path ([`Gazetteer::path`]), built when first asked for: every fact
    /// with a region carries one.
    paths: Vec<OnceLock<crate::fact::Shared>>,
}

impl Gazetteer {
    pub fn get(&self, code: &str) -> Option<&Region> {
        self.by_code.get(code).map(|&i| &self.regions[i])
    }

    /// Region for an official name, short form or alias, when that form names one
    /// region (or a region and its own subdivisions, like 新乡: 新乡市 / 新乡县).
    /// Two-character county short forms count only when nothing stronger shares them.
    pub fn by_name(&self, name: &str) -> Option<&Region> {
        let s = &self.surfaces[*self.surface_ids.get(name)?];
        let cands = if s.strong.is_empty() {
            &s.weak
        } else {
            &s.strong
        };
        let idx = match cands.as_slice() {
            [one] => Some(*one),
            many => self.top_of_chain(many),
        }?;
        Some(&self.regions[idx])
    }

    /// Slash-joined names from the province down, e.g. "内蒙古自治区/兴安盟/科尔沁右翼前旗";
    /// empty for an unknown code.
    pub fn path(&self, code: &str) -> crate::fact::Shared {
        let Some(&i) = self.by_code.get(code) else {
            return "".into();
        };
        self.paths[i]
            .get_or_init(|| {
                let mut names: Vec<&str> = Vec::with_capacity(4);
                let mut cur = Some(i);
                while let Some(c) = cur {
                    names.push(&self.regions[c].name);
                    cur = self.parent[c];
                }
                names.reverse();
                names.join("/").into()
            })
            .clone()
    }

    /// Is `inner` inside `outer` and more specific than it?
    pub fn strictly_contains(&self, outer: &str, inner: &str) -> bool {
        match (self.by_code.get(outer), self.by_code.get(inner)) {
            (Some(&o), Some(&i)) => self.is_ancestor(o, i),
            _ => false,
        }
    }

    /// The most specific region that is or contains every one of `codes`; `None` when
    /// they lie in different provinces (or a code is unknown, or none is given).
    pub fn common_ancestor(&self, codes: &[&str]) -> Option<String> {
        let mut ids = codes.iter().map(|c| self.by_code.get(*c).copied());
        let first = ids.next()??;
        let mut chain: Vec<usize> = std::iter::once(first)
            .chain(self.ancestors(first))
            .collect();
        for id in ids {
            let id = id?;
            let mine: Vec<usize> = std::iter::once(id).chain(self.ancestors(id)).collect();
            let k = chain.iter().position(|c| mine.contains(c))?;
            chain.drain(..k);
        }
        chain.first().map(|&i| self.regions[i].code.to_string())
    }

    pub fn province_of(&self, code: &str) -> Option<&Region> {
        self.by_code
            .get(code)
            .map(|&i| &self.regions[self.province[i]])
    }

    /// Self for a prefecture, the parent for a county, `None` for a province.
    pub fn prefecture_of(&self, code: &str) -> Option<&Region> {
        let &i = self.by_code.get(code)?;
        match self.regions[i].level {
            2 => Some(&self.regions[i]),
            3 => self.parent[i].map(|p| &self.regions[p]),
            _ => None,
        }
    }

    /// The candidate that contains all the others, if there is one: a bare city
    /// name that is also the short of its own county (新乡市 / 新乡县) means the city.
    fn top_of_chain(&self, cands: &[usize]) -> Option<usize> {
        cands
            .iter()
            .copied()
            .find(|&c| cands.iter().all(|&o| o == c || self.is_ancestor(c, o)))
    }

    fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.parent[i], move |&p| self.parent[p])
    }

    fn is_ancestor(&self, a: usize, of: usize) -> bool {
        self.ancestors(of).any(|x| x == a)
    }
}
