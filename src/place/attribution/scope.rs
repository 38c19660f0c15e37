//! What a scope's places say: the running verdict over the places of one scope (a list
//! item, clause, sentence, or a title or first sentence for a home).

use super::{Home, PageRegions};
use crate::place::mentions::rank;
use crate::place::region::Gazetteer;
use std::borrow::Cow;

/// What a scope's places say ([`PageRegions::reduce`]), in the page's own words where it
/// can: most scopes are read and dropped, so nothing is copied until a fact takes it.
pub(super) enum Verdict<'p> {
    Region {
        code: Cow<'p, str>,
        mention: Cow<'p, str>,
        /// Whether several unrelated places were joined into `code`.
        joined: bool,
    },
    /// Places in several provinces: no single region.
    Several { mention: Cow<'p, str> },
}

impl Verdict<'_> {
    pub(super) fn into_home(self, reason: &str) -> Home {
        match self {
            Verdict::Region { code, mention, .. } => Home::Region {
                code: code.into_owned(),
                mention: mention.into_owned(),
                reason: reason.to_string(),
            },
            Verdict::Several { mention } => Home::Several {
                mention: mention.into_owned(),
                reason: reason.to_string(),
            },
        }
    }
}

/// The running verdict of a scope's places ([`PageRegions::reduce`]).
#[derive(Default)]
struct Fold<'p> {
    /// The region so far: the most specific place, or the common region of unrelated ones.
    code: Option<&'p str>,
    /// The words that named it.
    mention: &'p str,
    /// Whether `mention` is a town's (a region's own name is preferred: 和林格尔县, not 盛乐镇).
    town: bool,
    /// Unrelated places were joined into their common region: a place inside it adds nothing.
    joined: Option<String>,
    /// The joined places' words.
    names: Vec<&'p str>,
    /// A collective over several provinces, or unrelated places in several provinces.
    several: bool,
    /// Whether `code` is a collective's common region (a figure for several places).
    collective: bool,
    any: bool,
}

impl<'p> Fold<'p> {
    /// Adds a place, or a collective (`collective`: `code` is its common region).
    fn add(
        &mut self,
        gaz: &Gazetteer,
        code: Option<&'p str>,
        mention: &'p str,
        town: bool,
        collective: bool,
    ) {
        let first = !self.any;
        self.any = true;
        let Some(code) = code else {
            self.several = true;
            self.names.push(mention);
            return;
        };
        if self.several {
            self.names.push(mention);
            return;
        }
        if let Some(joined) = &self.joined {
            if joined == code || gaz.strictly_contains(code, joined) {
                return;
            }
            self.names.push(mention);
            if !gaz.strictly_contains(joined, code) {
                self.widen(gaz, code);
            }
            return;
        }
        match self.code {
            _ if first => self.set(code, mention, town, collective),
            Some(cur) if cur == code => {
                if !town || self.town {
                    self.set(code, mention, town, collective);
                }
            }
            Some(cur) if gaz.strictly_contains(cur, code) => {
                self.set(code, mention, town, collective)
            }
            Some(cur) if gaz.strictly_contains(code, cur) => {}
            Some(cur) => {
                self.names = vec![self.mention, mention];
                self.widen(gaz, cur);
                self.widen(gaz, code);
            }
            None => self.set(code, mention, town, collective),
        }
    }

    fn set(&mut self, code: &'p str, mention: &'p str, town: bool, collective: bool) {
        self.code = Some(code);
        self.mention = mention;
        self.town = town;
        self.collective = collective;
    }

    /// Joins `code` into the common region.
    fn widen(&mut self, gaz: &Gazetteer, code: &str) {
        let base = self.joined.as_deref().or(self.code).unwrap_or(code);
        match gaz.common_ancestor(&[base, code]) {
            Some(lca) => self.joined = Some(lca),
            None => self.several = true,
        }
    }

    fn finish(self) -> Option<Verdict<'p>> {
        if !self.any {
            return None;
        }
        let names = || {
            let mut seen: Vec<&str> = Vec::new();
            for n in &self.names {
                if !seen.contains(n) {
                    seen.push(n);
                }
            }
            Cow::Owned(seen.join("、"))
        };
        Some(if self.several {
            Verdict::Several { mention: names() }
        } else if let Some(code) = self.joined.clone() {
            Verdict::Region {
                code: Cow::Owned(code),
                mention: names(),
                joined: true,
            }
        } else {
            Verdict::Region {
                code: Cow::Borrowed(self.code?),
                mention: Cow::Borrowed(self.mention),
                joined: self.collective,
            }
        })
    }
}

impl PageRegions<'_> {
    /// What the attributing places inside `a..b` say: the most specific when the others
    /// contain it, else their lowest common ancestor; `None` when there are none. A
    /// collective counts as one place; a recipient of aid outranks every other place; with
    /// `away_from` (the home's province), places in other provinces are left out.
    ///
    /// One pass, no lists: this runs for every scope of every fact.
    pub(super) fn reduce(
        &self,
        a: usize,
        b: usize,
        away_from: Option<&str>,
        nationwide: bool,
    ) -> Option<Verdict<'_>> {
        let places = self.within(a, b);
        if places.is_empty() {
            return None;
        }
        // Codes share their province's first two digits (GB/T 2260).
        let away = |c: &str| away_from.is_some_and(|h| c.get(..2) != h.get(..2));
        let mut acc = Fold::default();
        let mut best = 0;
        let mut seen_group = None;
        for p in places.iter().filter(|p| p.end <= b) {
            // Only the places of the highest rank present count.
            let rank = rank(p);
            if rank == 0 || rank < best {
                continue;
            }
            let (code, mention, town, group) = match p.group.map(|g| (g, &self.groups[g])) {
                Some((g, group)) if group.start >= a && group.end <= b => {
                    if seen_group == Some(g) && rank == best {
                        continue;
                    }
                    (
                        group.code.as_deref(),
                        &self.text[group.start..group.end],
                        false,
                        Some(g),
                    )
                }
                _ => match p.code.as_deref() {
                    Some(code) => (Some(code), p.surface.as_str(), p.town, None),
                    // 全国: every province at once.
                    None if nationwide && p.candidates.is_empty() => {
                        (None, p.surface.as_str(), false, Some(usize::MAX))
                    }
                    None => continue,
                },
            };
            // A place left out (another province, no region) outranks nothing.
            if code.is_some_and(away) {
                continue;
            }
            if rank > best {
                best = rank;
                acc = Fold::default();
            }
            seen_group = group.or(seen_group);
            let collective = group.is_some();
            acc.add(self.gaz, code, mention, town, collective);
        }
        acc.finish()
    }
}
