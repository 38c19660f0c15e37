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
//!
//! Here: the types and the page's build; `scope` reads one scope's places, `choose` picks
//! a fact's region (step 4) and `homes` finds the articles' and the page's homes (step 3).

mod choose;
mod homes;
mod scope;

use crate::page::article::{Article, PartPlace};
use crate::page::normalize::Normalized;
use crate::page::segment::Span;
use crate::place::mentions;
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
