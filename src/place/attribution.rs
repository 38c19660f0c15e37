//! Region attribution: which region each fact belongs to.
//!
//! The model, in four steps (docs/REGIONS.md has the why):
//! 1. **Places.** One gazetteer pass over the page finds region mentions (table names,
//!    short and derived forms, former names) and township names (新惠镇 → 敖汉旗, settled
//!    by the province or prefecture in play). Adjacent mentions form a chain (三明市永安市),
//!    whose last member is the most specific.
//! 2. **Roles.** Cue words around a chain (`rules/roles.toml`) mark it a destination,
//!    source, partner, donor, event name or an institution's owner; a dateline's city is a
//!    dateline. Only mentions without a role attribute facts. Chains joined by 、/和/及 form
//!    a collective (永安市、大田县), which stands for its members' lowest common ancestor.
//! 3. **Homes.** Each article's home region comes from its region line or title (a province
//!    there is narrowed by its first body sentence that names a place inside it: 【西藏】
//!    over 日喀则市…), else from that first sentence alone, else the dateline (weakest). A first sentence
//!    over several provinces makes the home "several": no single region.
//! 4. **A fact's region.** The first scope that names an attributing place decides: the
//!    fact's list item (back to the previous fact of its clause), its clause, its sentence,
//!    then earlier sentences of its paragraph, nearest first (a mention in a later
//!    sentence never decides); then the article's home, then the page's. Inside a scope the
//!    most specific place wins when the others contain it; several unrelated places give
//!    their lowest common ancestor, and places in several provinces give no region. In an
//!    article with a home, a place in another province is where someone went or came
//!    from, not where the fact happened.

use crate::page::article::{Article, PartPlace};
use crate::page::normalize::Normalized;
use crate::page::segment::Span;
use crate::place::mentions::{self, rank};
pub use crate::place::mentions::{Group, Place};
use crate::place::region::{Gazetteer, RawMatch};
use crate::place::roles::Roles;
use std::borrow::Cow;

/// What a scope says about a fact's region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Home {
    Region {
        code: String,
        mention: String,
        reason: String,
    },
    /// Places in several provinces: no single region.
    Several {
        mention: String,
        reason: String,
    },
    Unknown,
}

/// A fact's region and why.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Choice {
    pub code: Option<String>,
    /// Candidates of an ambiguous name, when nothing settled it.
    pub candidates: Vec<String>,
    /// The words in the text that decided it.
    pub mention: Option<String>,
    pub reason: Cow<'static, str>,
}

/// What a scope's places say ([`PageRegions::reduce`]), in the page's own words where it
/// can: most scopes are read and dropped, so nothing is copied until a fact takes it.
enum Verdict<'p> {
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
    fn into_home(self, reason: &str) -> Home {
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

/// The regions of one page: its places, collectives, articles and their homes.
pub struct PageRegions<'a> {
    gaz: &'a Gazetteer,
    text: &'a str,
    pub places: Vec<Place>,
    pub groups: Vec<Group>,
    pub articles: Vec<Article>,
    pub homes: Vec<Home>,
    pub page_home: Home,
    sentences: &'a [Span],
    /// Datelines (新华网贵阳3月2日电): their own facts are the article's.
    datelines: Vec<(usize, usize)>,
}

/// In a sentence of megabytes (no punctuation), look this far around the fact only.
const NEAR: usize = 1500;
/// How many earlier sentences of a paragraph may decide.
const MAX_BACK: usize = 12;

impl<'a> PageRegions<'a> {
    #[allow(clippy::too_many_arguments)]
    pub fn build(
        gaz: &'a Gazetteer,
        roles: &Roles,
        norm: &'a Normalized,
        original: &str,
        raw: &[RawMatch],
        home_province: Option<&str>,
        sentences: &'a [Span],
    ) -> PageRegions<'a> {
        let text = norm.text.as_str();
        let mut places = mentions::find(gaz, text, raw, home_province);
        // Segmentation reads the same places, in the original text's offsets.
        let places_in = |part: &str| -> Vec<PartPlace> {
            let base = original.as_ptr() as usize;
            let at = part.as_ptr() as usize;
            if at < base || at + part.len() > base + original.len() {
                return Vec::new();
            }
            let (a, b) = (at - base, at - base + part.len());
            let (na, nb) = (norm.from_origin(a), norm.from_origin(b));
            let from = places.partition_point(|p| p.start < na);
            places[from..]
                .iter()
                .take_while(|p| p.start < nb)
                .filter_map(|p| {
                    let (oa, ob) = norm.origin_range(p.start, p.end);
                    (oa >= a && ob <= b).then(|| PartPlace {
                        start: oa - a,
                        end: ob - a,
                        code: p.code.clone(),
                    })
                })
                .collect()
        };
        let articles = crate::page::article::segment(original, &places_in, home_province);
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', original.as_bytes()).map(|i| i + 1));
        // Where 1-based original line `line` starts in the normalised text.
        let norm_of_line = |line: usize| -> usize {
            line_starts
                .get(line.saturating_sub(1))
                .map_or(text.len(), |&o| norm.from_origin(o))
        };
        let dateline_starts: Vec<usize> = articles
            .iter()
            .filter_map(|a| a.dateline_line)
            .map(norm_of_line)
            .collect();
        let found = mentions::annotate(gaz, roles, text, &mut places, &dateline_starts);
        let mut page = PageRegions {
            gaz,
            text,
            places,
            groups: found.groups,
            articles,
            homes: Vec::new(),
            page_home: Home::Unknown,
            sentences,
            datelines: found.datelines,
        };
        page.find_homes(&norm_of_line, norm.text.len(), home_province);
        page
    }

    /// The places inside `a..b` (places are in text order).
    pub fn within(&self, a: usize, b: usize) -> &[Place] {
        let from = self.places.partition_point(|m| m.start < a);
        let to = self.places.partition_point(|m| m.start < b);
        &self.places[from..to.max(from)]
    }

    /// The article home in force at original line `line`.
    pub fn home_at(&self, line: usize) -> &Home {
        let i = self.articles.partition_point(|a| a.line <= line);
        match i.checked_sub(1).map(|i| &self.homes[i]) {
            Some(Home::Unknown) | None => &self.page_home,
            Some(h) => h,
        }
    }

    /// The region of the fact at `fact` in sentence `sent` (an index into the page's
    /// sentences), clause `clause`, paragraph `para`, on original line `line`;
    /// `item_from..item_to` is its list item: from the previous fact's end in the clause
    /// (or the clause start) to where the next fact's item starts.
    pub fn choose(
        &self,
        sent: usize,
        para: (usize, usize),
        clause: (usize, usize),
        (item_from, item_to): (usize, usize),
        fact: (usize, usize),
        line: usize,
    ) -> Choice {
        let home = self.home_at(line);
        // A home its title, region line or page states makes places in other provinces
        // partners or markets; a home read off a first sentence or a dateline is too weak
        // for that (the first item of a bulletin over several provinces).
        let away_from = match home {
            Home::Region { code, reason, .. }
                if !reason.starts_with("first sentence") && reason != "dateline" =>
            {
                self.gaz.province_of(code).map(|p| &*p.code)
            }
            _ => None,
        };
        let s = self.sentences[sent];
        let near =
            |(a, b): (usize, usize)| (a.max(fact.0.saturating_sub(NEAR)), b.min(fact.1 + NEAR));
        // A dateline's own facts (its date) are the article's.
        let in_dateline = self
            .datelines
            .iter()
            .any(|&(a, b)| a <= fact.0 && fact.1 <= b);
        // Places after the fact count up to where the next fact's item starts: in 其中,A区
        // 3.1亿元、B市1.8亿元 B市 heads the next item.
        let own = [
            ((item_from, fact.0), "list item"),
            ((clause.0, clause.1.min(item_to)), "clause"),
            (near((s.start, s.end.min(item_to))), "sentence"),
        ];
        // A sentence the layout joined across the paragraph's start counts from there.
        let earlier = (0..sent)
            .rev()
            .take(MAX_BACK)
            .map(|k| self.sentences[k])
            .take_while(|e| e.end > para.0)
            .map(|e| (near((e.start.max(para.0), e.end)), "earlier sentence"));
        let scopes = own
            .into_iter()
            .chain(earlier)
            .take(if in_dateline { 0 } else { usize::MAX });
        for ((a, b), reason) in scopes {
            // 全国 says "no single region" only as the subject before the fact (今年全国夏粮
            // 总产量); elsewhere it is a rank (被评为全国先进集体).
            let nationwide = reason == "list item";
            if let Some(found) = self.reduce(a, b, away_from, nationwide) {
                // A wider region than the home (内蒙古 in a company's name, 【西藏】 over
                // 日喀则市) says nothing new: a wider scope may still name the place.
                // (A collective's common region is news, though: a figure for several places.)
                if let (
                    Verdict::Region {
                        code,
                        joined: false,
                        ..
                    },
                    Home::Region { code: h, .. },
                ) = (&found, home)
                {
                    if self.gaz.strictly_contains(code, h) {
                        continue;
                    }
                }
                return Self::settle(found, reason);
            }
        }
        match home {
            Home::Region { code, mention, .. } => Choice {
                code: Some(code.clone()),
                candidates: Vec::new(),
                mention: Some(mention.clone()),
                reason: Cow::Borrowed("the article's home"),
            },
            Home::Several { mention, .. } => Choice {
                mention: Some(mention.clone()),
                reason: Cow::Borrowed("the article's home spans several provinces"),
                ..Choice::default()
            },
            Home::Unknown => {
                let (a, b) = near((s.start, s.end));
                match self
                    .within(a, b)
                    .iter()
                    .find(|p| p.end <= b && p.candidates.len() > 1)
                {
                    Some(p) => Choice {
                        candidates: p.candidates.clone(),
                        mention: Some(p.surface.clone()),
                        reason: "ambiguous name".into(),
                        ..Choice::default()
                    },
                    None => Choice {
                        reason: "no place".into(),
                        ..Choice::default()
                    },
                }
            }
        }
    }

    /// A fact's region from the first scope that names a place.
    fn settle(found: Verdict<'_>, scope: &'static str) -> Choice {
        match found {
            Verdict::Region { code, mention, .. } => Choice {
                code: Some(code.into_owned()),
                candidates: Vec::new(),
                mention: Some(mention.into_owned()),
                reason: Cow::Borrowed(scope),
            },
            Verdict::Several { mention } => Choice {
                mention: Some(mention.into_owned()),
                reason: Cow::Borrowed(match scope {
                    "list item" => "list item names places in several provinces",
                    "clause" => "clause names places in several provinces",
                    "sentence" => "sentence names places in several provinces",
                    _ => "earlier sentence names places in several provinces",
                }),
                ..Choice::default()
            },
        }
    }

    /// What the attributing places inside `a..b` say: the most specific when the others
    /// contain it, else their lowest common ancestor; `None` when there are none. A
    /// collective counts as one place; a recipient of aid outranks every other place; with
    /// `away_from` (the home's province), places in other provinces are left out.
    ///
    /// One pass, no lists: this runs for every scope of every fact.
    fn reduce(
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

    /// What a sentence says its subject is, for an article's home. A breakdown names parts
    /// of the subject: 其中,涪城区3.1亿元、江油市1.8亿元 is about 绵阳市 (what the parts
    /// share, or the parent of a single part), and the parts after 其中 in a sentence do
    /// not narrow what comes before it.
    fn subject_of(&self, a: usize, b: usize) -> Option<Verdict<'_>> {
        let text = &self.text[a..b];
        let Some(k) = text.find("其中") else {
            return self.reduce(a, b, None, false);
        };
        if k > 0 {
            if let Some(v) = self.reduce(a, a + k, None, false) {
                return Some(v);
            }
        }
        match self.reduce(a + k, b, None, false)? {
            Verdict::Region {
                code,
                mention,
                joined: false,
            } => {
                let parent = self.gaz.get(&code)?.parent.clone()?;
                Some(Verdict::Region {
                    code: Cow::Owned(parent),
                    mention,
                    joined: true,
                })
            }
            whole => Some(whole),
        }
    }

    fn find_homes(
        &mut self,
        norm_of_line: &dyn Fn(usize) -> usize,
        text_len: usize,
        home_province: Option<&str>,
    ) {
        let mut homes = Vec::with_capacity(self.articles.len());
        for (k, art) in self.articles.iter().enumerate() {
            let end = self
                .articles
                .get(k + 1)
                .map_or(text_len, |n| norm_of_line(n.line));
            let strong = match (art.region_source, &art.region) {
                (Some("region line"), Some(code)) => Some(Home::Region {
                    code: code.clone(),
                    mention: self
                        .gaz
                        .get(code)
                        .map_or(String::new(), |r| r.name.to_string()),
                    reason: "region line".into(),
                }),
                // A title naming a place outside the page's province (海南省 over a story
                // on 乌海市海南区) is a slip of the layout, as for region lines.
                _ => art
                    .title_line
                    .and_then(|l| {
                        let (a, b) = (norm_of_line(l), norm_of_line(l + 1));
                        self.reduce(a, b, None, false).map(|v| v.into_home("title"))
                    })
                    .filter(|h| match (h, home_province) {
                        (Home::Region { code, .. }, Some(p)) => {
                            self.gaz.province_of(code).is_some_and(|r| *r.code == *p)
                        }
                        _ => true,
                    }),
            };
            let body_from = art.body_line.map_or(end, norm_of_line);
            let body = self
                .sentences
                .iter()
                .skip_while(|s| s.end <= body_from)
                .take_while(|s| s.start < end)
                .find_map(|s| self.subject_of(s.start.max(body_from), s.end.min(end)))
                .map(|v| v.into_home("first sentence naming a place"));
            let home = match (strong, body) {
                (
                    Some(Home::Region {
                        code: sc,
                        mention: sm,
                        reason: sr,
                    }),
                    Some(Home::Region { code, mention, .. }),
                ) => {
                    // A province tag (【西藏】) files the article; the place its first
                    // sentence names is the subject. A prefecture's or county's region line
                    // already names the subject, whatever anecdote opens the story.
                    let province = self.gaz.get(&sc).is_some_and(|r| r.level == 1);
                    if province && self.gaz.strictly_contains(&sc, &code) {
                        Home::Region {
                            code,
                            mention,
                            reason: format!("{sr}, narrowed by the first sentence"),
                        }
                    } else {
                        Home::Region {
                            code: sc,
                            mention: sm,
                            reason: sr,
                        }
                    }
                }
                (Some(s), _) => s,
                (None, Some(b)) => b,
                (None, None) => match &art.dateline_region {
                    Some(code) => Home::Region {
                        code: code.clone(),
                        mention: self
                            .gaz
                            .get(code)
                            .map_or(String::new(), |r| r.name.to_string()),
                        reason: "dateline".into(),
                    },
                    None => Home::Unknown,
                },
            };
            homes.push(home);
        }
        // The page's home: what its articles share, else its province.
        let known: Vec<&Home> = homes
            .iter()
            .filter(|h| !matches!(h, Home::Unknown))
            .collect();
        self.page_home = if !known.is_empty() && known.len() == homes.len() {
            let codes: Vec<&str> = known
                .iter()
                .filter_map(|h| match h {
                    Home::Region { code, .. } => Some(code.as_str()),
                    _ => None,
                })
                .collect();
            match (codes.len() == known.len(), self.gaz.common_ancestor(&codes)) {
                (true, Some(code)) => Home::Region {
                    mention: self
                        .gaz
                        .get(&code)
                        .map_or(String::new(), |r| r.name.to_string()),
                    code,
                    reason: "the page's articles".into(),
                },
                _ => Home::Several {
                    mention: String::new(),
                    reason: "the page's articles".into(),
                },
            }
        } else {
            match home_province.and_then(|c| self.gaz.get(c)) {
                Some(r) => Home::Region {
                    code: r.code.to_string(),
                    mention: r.name.to_string(),
                    reason: "the page's province".into(),
                },
                None => Home::Unknown,
            }
        };
        for (art, home) in self.articles.iter_mut().zip(&homes) {
            art.region = match home {
                Home::Region { code, .. } => Some(code.clone()),
                _ => None,
            };
        }
        self.homes = homes;
    }
}

/// The role `place` (a surface) gets in `text`, as the page builder assigns it: `None` if
/// `place` is not found as a place, `Some("")` for no role. For the rule examples.
pub fn role_in(gaz: &Gazetteer, roles: &Roles, text: &str, place: &str) -> Option<String> {
    let norm = crate::page::normalize::normalize(text);
    let spans = crate::page::segment::sentences(&norm.text);
    let raw = gaz.matches(&norm.text);
    let page = PageRegions::build(gaz, roles, &norm, text, &raw, None, &spans);
    page.places
        .iter()
        .find(|p| p.surface == place)
        .map(|p| p.role.clone().unwrap_or_default())
}

/// One line on a home and its evidence, for `factx articles` and `explain`.
pub fn describe(h: &Home) -> String {
    match h {
        Home::Region {
            mention, reason, ..
        } => format!("{reason}: {mention}"),
        Home::Several { mention, reason } => format!("several provinces ({reason}: {mention})"),
        Home::Unknown => "unknown".into(),
    }
}
