//! Turning matches into mentions: which regions a surface names in its text, and which
//! one an ambiguous surface means.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::{Gazetteer, Mention, RawMatch, NATIONWIDE};

impl Gazetteer {
    /// Every region mention in `text`, non-overlapping, leftmost-longest, in text order.
    ///
    /// A two-character county short form counts only inside `home_province` or when
    /// an ancestor of that county is mentioned unambiguously in `text`. An ambiguous
    /// surface resolves, in order, by: a region written right before it that contains
    /// exactly one candidate (包头市青山区); the parent, then any ancestor, then any
    /// subdivision of exactly one candidate mentioned unambiguously anywhere in
    /// `text`; the one candidate inside `home_province`; candidates that are one
    /// region and its own subdivisions (新乡 → 新乡市). Otherwise it stays
    /// unresolved with `candidates` listed.
    pub fn mentions(&self, text: &str, home_province: Option<&str>) -> Vec<Mention> {
        self.mentions_in(text, &self.matches(text), home_province)
    }

    /// [`Gazetteer::mentions`] from matches already found in `text`; `raw` may be the
    /// matches of one part of it (one line), which then is the only context.
    pub fn mentions_in(
        &self,
        text: &str,
        raw: &[RawMatch],
        home_province: Option<&str>,
    ) -> Vec<Mention> {
        self.mentions_iter(text, raw, home_province).collect()
    }

    /// [`Gazetteer::mentions_in`], one mention at a time: a caller that wants only the
    /// first (a heading's leading place) resolves no more.
    pub fn mentions_iter<'a>(
        &'a self,
        text: &'a str,
        raw: &'a [RawMatch],
        home_province: Option<&str>,
    ) -> impl Iterator<Item = Mention> + 'a {
        // Context: regions named by surfaces that can mean nothing else.
        let sure = |m: &RawMatch| -> Option<usize> {
            let s = &self.surfaces[m.surface];
            match (s.strong.as_slice(), s.weak.is_empty()) {
                ([one], true) => Some(*one),
                _ => None,
            }
        };
        let ctx: HashSet<usize> = raw.iter().filter_map(sure).collect();
        let mut ctx_ancestors: HashSet<usize> = HashSet::default();
        for &c in &ctx {
            ctx_ancestors.extend(self.ancestors(c));
        }
        let home = home_province.and_then(|c| self.by_code.get(c).copied());
        let supported = move |w: usize, ctx: &HashSet<usize>| {
            Some(self.province[w]) == home
                || ctx.contains(&w)
                || self.ancestors(w).any(|a| ctx.contains(&a))
        };
        let listed = self.list_provinces(text, raw, &|w| supported(w, &ctx));

        let mut cands: Vec<usize> = Vec::new();
        raw.iter().enumerate().filter_map(move |(k, m)| {
            let s = &self.surfaces[m.surface];
            cands.clear();
            cands.extend_from_slice(&s.strong);
            // A two-character short counts at home, under a region the text names, when the
            // text names the county itself in full (岳西县 … 岳西), or in a list (X、Y、Z)
            // whose other places lie in its province (岳西、潜山、太湖三县).
            cands.extend(s.weak.iter().copied().filter(|&w| {
                supported(w, &ctx)
                    || listed
                        .get(k)
                        .is_some_and(|ps| ps.contains(&self.province[w]))
            }));
            let resolved = match cands.as_slice() {
                [] if NATIONWIDE.contains(&&*s.text) => None,
                [] => return None,
                [one] => Some(*one),
                _ => {
                    let before = k
                        .checked_sub(1)
                        .map(|j| &raw[j])
                        .filter(|prev| prev.end == m.start)
                        .and_then(sure);
                    self.resolve(&cands, before, &ctx, &ctx_ancestors, home)
                }
            };
            let candidates = if resolved.is_some() {
                Vec::new()
            } else {
                cands
                    .iter()
                    .map(|&i| self.regions[i].code.to_string())
                    .collect()
            };
            Some(Mention {
                start: m.start,
                end: m.end,
                surface: text[m.start..m.end].to_string(),
                resolved: resolved.map(|i| self.regions[i].code.to_string()),
                candidates,
                level: resolved.map_or(0, |i| self.regions[i].level),
            })
        })
    }

    /// For each match of `raw`, the provinces its list (matches joined by 、/和/及) places
    /// it in: the provinces of the list's other members that name a region on their own
    /// (a strong form, or a short `supported` already). Empty for a match in no list.
    fn list_provinces(
        &self,
        text: &str,
        raw: &[RawMatch],
        supported: &dyn Fn(usize) -> bool,
    ) -> Vec<Vec<usize>> {
        const JOINERS: &[&str] = &["、", "和", "及"];
        let mut out = vec![Vec::new(); raw.len()];
        let mut k = 0;
        while k < raw.len() {
            let mut m = k;
            while m + 1 < raw.len() && JOINERS.contains(&&text[raw[m].end..raw[m + 1].start]) {
                m += 1;
            }
            if m > k {
                let provinces = |j: usize| -> Vec<usize> {
                    let s = &self.surfaces[raw[j].surface];
                    s.strong
                        .iter()
                        .copied()
                        .chain(s.weak.iter().copied().filter(|&w| supported(w)))
                        .map(|r| self.province[r])
                        .collect()
                };
                // Each member's provinces, and how many members name each province: a
                // member's "others" are the provinces some other member names.
                let all: Vec<Vec<usize>> = (k..=m)
                    .map(|j| {
                        let mut ps = provinces(j);
                        ps.sort_unstable();
                        ps.dedup();
                        ps
                    })
                    .collect();
                let mut count: HashMap<usize, usize> = HashMap::default();
                for p in all.iter().flatten() {
                    *count.entry(*p).or_insert(0) += 1;
                }
                for (mine, slot) in all.iter().zip(out[k..=m].iter_mut()) {
                    *slot = count
                        .iter()
                        .filter(|&(p, &n)| n > usize::from(mine.contains(p)))
                        .map(|(&p, _)| p)
                        .collect();
                }
            }
            k = m + 1;
        }
        out
    }

    fn resolve(
        &self,
        cands: &[usize],
        before: Option<usize>,
        ctx: &HashSet<usize>,
        ctx_ancestors: &HashSet<usize>,
        home: Option<usize>,
    ) -> Option<usize> {
        let only = |pred: &dyn Fn(usize) -> bool| -> Option<usize> {
            let mut hit = None;
            for &c in cands {
                if pred(c) {
                    if hit.is_some() {
                        return None;
                    }
                    hit = Some(c);
                }
            }
            hit
        };
        if let Some(b) = before {
            if let Some(c) = only(&|c| self.is_ancestor(b, c)) {
                return Some(c);
            }
        }
        if let Some(c) = only(&|c| self.parent[c].is_some_and(|p| ctx.contains(&p))) {
            return Some(c);
        }
        if let Some(c) = only(&|c| self.ancestors(c).any(|a| ctx.contains(&a))) {
            return Some(c);
        }
        if let Some(c) = only(&|c| ctx_ancestors.contains(&c)) {
            return Some(c);
        }
        let in_home: Vec<usize> = match home {
            Some(h) => cands
                .iter()
                .copied()
                .filter(|&c| self.province[c] == h)
                .collect(),
            None => Vec::new(),
        };
        match in_home.as_slice() {
            [one] => Some(*one),
            [] => self.top_of_chain(cands),
            several => self.top_of_chain(several),
        }
    }
}
