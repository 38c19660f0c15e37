//! Places of a page: one gazetteer pass (table names, short, derived and former forms),
//! township names, and what the words around each place say it is (a role from
//! `rules/roles.toml`, a dateline's city, one of a collective joined by 、/和/及). The
//! attribution model that reads them is [`crate::place::attribution`].

use crate::page::article::dateline_city;
use crate::place::region::{Gazetteer, RawMatch};
use crate::place::roles::Roles;
use crate::place::towns;

/// A place named in the page (byte offsets in the normalised text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub start: usize,
    pub end: usize,
    pub surface: String,
    /// The region code it names, when the name or context settles it (a town: its county).
    pub code: Option<String>,
    /// Candidate codes of an ambiguous name that context did not settle.
    pub candidates: Vec<String>,
    /// Why it does not attribute facts (destination, partner, dateline …); `None`: a
    /// subject or locative.
    pub role: Option<String>,
    pub town: bool,
    /// The level of `code` (1 province, 2 prefecture, 3 county); 0 when unresolved.
    pub level: u8,
    /// The collective (several places joined by 、/和/及) it is part of.
    pub group: Option<usize>,
}

/// Several places named together; `code` is their lowest common ancestor, `None` when
/// they lie in different provinces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub start: usize,
    pub end: usize,
    pub code: Option<String>,
}

/// A page's collectives and its datelines' spans.
pub struct Found {
    pub groups: Vec<Group>,
    pub datelines: Vec<(usize, usize)>,
}

/// The places of normalised `text` (`raw`: its gazetteer matches) and its towns, in text
/// order, before their roles are read ([`annotate`]).
pub fn find(
    gaz: &Gazetteer,
    text: &str,
    raw: &[RawMatch],
    home_province: Option<&str>,
) -> Vec<Place> {
    let mut places: Vec<Place> = gaz
        .mentions_iter(text, raw, home_province)
        .map(|m| Place {
            start: m.start,
            end: m.end,
            surface: m.surface,
            code: m.resolved,
            candidates: m.candidates,
            role: None,
            town: false,
            level: m.level,
            group: None,
        })
        .collect();
    add_towns(gaz, text, home_province, &mut places);
    places
}

/// Roles, datelines and collectives of a page's places; `dateline_starts`: where the
/// page's datelines start.
pub fn annotate(
    gaz: &Gazetteer,
    roles: &Roles,
    text: &str,
    places: &mut [Place],
    dateline_starts: &[usize],
) -> Found {
    let datelines = mark_datelines(text, dateline_starts, places);
    let chains = chains(places);
    mark_roles(roles, text, &chains, places);
    share_roles(text, &chains, places);
    let groups = make_groups(gaz, text, &chains, places);
    Found { groups, datelines }
}

/// How strongly a place gives facts their region: 3 a recipient of aid (outranks the
/// scope's other places), 2 a subject or locative, 1 a venue (counts only alone), 0 not at
/// all (a market, partner, donor, source, event name, owner, dateline).
pub(crate) fn rank(p: &Place) -> u8 {
    match p.role.as_deref() {
        Some("recipient") => 3,
        None => 2,
        Some("venue") => 1,
        Some(_) => 0,
    }
}

fn attributes(p: &Place) -> bool {
    rank(p) > 0
}

/// Township names not inside a region mention, with the county the page settles
/// ([`towns::resolve`]).
///
/// Towns are looked up only on lines that name no county: there a county's own name says
/// more, and a page of county news has hundreds of 乡/镇 to skip.
fn add_towns(gaz: &Gazetteer, text: &str, home_province: Option<&str>, places: &mut Vec<Place>) {
    // The lines that name no county: only there can a town say more than the page does.
    let newlines: Vec<usize> = memchr::memchr_iter(b'\n', text.as_bytes()).collect();
    let mut county_line = vec![false; newlines.len() + 1];
    for p in places.iter() {
        if p.level == 3 {
            county_line[newlines.partition_point(|&n| n < p.start)] = true;
        }
    }
    let lines: Vec<(usize, usize)> = (0..=newlines.len())
        .filter(|&k| !county_line[k])
        .map(|k| {
            let start = k.checked_sub(1).map_or(0, |j| newlines[j] + 1);
            (start, newlines.get(k).copied().unwrap_or(text.len()))
        })
        .collect();
    let found = towns::find(text, &lines);
    if found.is_empty() {
        return;
    }
    // Division codes start with their province's two digits (GB/T 2260), so what is in
    // play is read off the codes as numbers, without a string compare per candidate.
    let num = |code: &str| code.parse::<u32>().unwrap_or(0);
    // A county's prefecture, from the table: most codes nest (a county's first four digits
    // are its prefecture's), but not all (公主岭市 220381 lies in 长春市 220100).
    let prefecture = |code: &str| gaz.prefecture_of(code).map(|r| num(&r.code));
    let mut named: rustc_hash::FxHashSet<u32> = Default::default();
    let mut prefectures: rustc_hash::FxHashSet<u32> = Default::default();
    let mut provinces: rustc_hash::FxHashSet<u32> = Default::default();
    for p in places.iter() {
        if let Some(code) = p.code.as_deref().map(num) {
            named.insert(code);
            provinces.insert(code / 10_000);
            if p.level == 2 {
                prefectures.insert(code);
            }
        }
    }
    provinces.extend(home_province.map(|h| num(h) / 10_000));
    let any_province = !provinces.is_empty();
    let page_names_county = places.iter().any(|p| p.level == 3 && !p.town);
    let mut line_cache: Option<(usize, [rustc_hash::FxHashSet<u32>; 3])> = None;
    let mut added = Vec::new();
    for t in found {
        let k = places.partition_point(|p| p.start < t.end);
        if k > 0 && places[k - 1].end > t.start {
            continue;
        }
        let (line_start, line_end) = line_of(&newlines, text.len(), t.start);
        if line_cache
            .as_ref()
            .is_none_or(|(start, _)| *start != line_start)
        {
            // What the town's line names, by level: read once per line.
            let mut sets: [rustc_hash::FxHashSet<u32>; 3] = Default::default();
            for p in &places[places.partition_point(|p| p.start < line_start)
                ..places.partition_point(|p| p.start < line_end)]
            {
                if let (Some(code), 1..=3) = (p.code.as_deref(), p.level) {
                    sets[usize::from(p.level) - 1].insert(num(code));
                }
            }
            line_cache = Some((line_start, sets));
        }
        let on_line = line_cache.as_ref().map(|(_, sets)| sets);
        let county = towns::resolve(
            &t.counties,
            &towns::Context {
                on_line: &|c| {
                    on_line.is_some_and(|[provinces, prefectures, counties]| {
                        let n = num(c);
                        counties.contains(&n)
                            || prefecture(c).is_some_and(|p| prefectures.contains(&p))
                            || provinces.contains(&(n / 10_000 * 10_000))
                    })
                },
                named: &|c| named.contains(&num(c)),
                prefecture_named: &|c| prefecture(c).is_some_and(|p| prefectures.contains(&p)),
                province_in_play: &|c| provinces.contains(&(num(c) / 10_000)),
                page_names_county,
                any_province,
            },
        );
        if let Some(c) = county {
            added.push(Place {
                start: t.start,
                end: t.end,
                surface: text[t.start..t.end].to_string(),
                code: Some(c.to_string()),
                candidates: Vec::new(),
                role: None,
                town: true,
                // Most towns lie in a county; some in a city with no counties (东莞).
                level: gaz.get(c).map_or(3, |r| r.level),
                group: None,
            });
        }
    }
    places.extend(added);
    places.sort_by_key(|p| p.start);
}

/// The line (between `\n`s) around byte `at` of `text`.
/// `newlines` are the text's `\n` offsets, in order.
fn line_of(newlines: &[usize], len: usize, at: usize) -> (usize, usize) {
    let k = newlines.partition_point(|&n| n < at);
    let start = k.checked_sub(1).map_or(0, |j| newlines[j] + 1);
    (start, newlines.get(k).copied().unwrap_or(len))
}

/// A dateline's city (本报昆明…电, 红网长沙…讯) is where the report was filed. Returns the
/// datelines' spans.
fn mark_datelines(text: &str, starts: &[usize], places: &mut [Place]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    for &start in starts {
        // Segmentation found the dateline on the line without its layout marks (● 本报…).
        let rest = &text[start..];
        let line_start = start + (rest.len() - crate::page::article::bare_start(rest).len());
        if let Some((a, b, end)) = dateline_city(&text[line_start..]) {
            spans.push((line_start, line_start + end));
            let from = places.partition_point(|p| p.start < line_start + a);
            for p in places[from..]
                .iter_mut()
                .take_while(|p| p.end <= line_start + b)
            {
                p.role = Some("dateline".into());
            }
        }
    }
    spans
}

/// Chains of adjacent mentions get the role their cue words give.
fn mark_roles(roles: &Roles, text: &str, chains: &[(usize, usize)], places: &mut [Place]) {
    for &(i, j) in chains {
        if places[i..=j].iter().all(|p| p.role.is_none()) {
            if let Some((role, whole_chain)) = roles.role_of(text, places[i].start, places[j].end) {
                // An institution's name holds only the last place of a chain: 黔东南州凯里
                // 民族中学 is a school in 黔东南州.
                let from = if whole_chain { i } else { j };
                for p in &mut places[from..=j] {
                    p.role = Some(role.to_string());
                }
            }
        }
    }
}

/// Places joined by [`JOINERS`] share one role: the cue of a list's first place (赴宁波、
/// 温州、台州) or last place (南京、苏州、无锡3市将分别帮扶) is the whole list's.
fn share_roles(text: &str, chains: &[(usize, usize)], places: &mut [Place]) {
    let mut k = 0;
    while k < chains.len() {
        let mut m = k;
        while m + 1 < chains.len()
            && JOINERS.contains(&&text[places[chains[m].1].end..places[chains[m + 1].0].start])
        {
            m += 1;
        }
        let joiner = |c: usize| &text[places[chains[c].1].end..places[chains[c + 1].0].start];
        let first = (k..=m).find(|&c| places[chains[c].0].role.is_some());
        if let (true, Some(f)) = (m > k, first) {
            let role = places[chains[f].0].role.clone();
            // A partner stands beside what comes before it (丹寨县与杭州市、湖州市签约):
            // only the places after it, up to another 与, share its role.
            let span = if role.as_deref() == Some("partner") {
                let to = (f..m).find(|&c| joiner(c) == "与").unwrap_or(m);
                f..=to
            } else {
                k..=m
            };
            for c in span {
                for p in &mut places[chains[c].0..=chains[c].1] {
                    if p.role.is_none() {
                        p.role = role.clone();
                    }
                }
            }
        }
        k = m + 1;
    }
}

/// Runs of adjacent places (三明市永安市): (first, last) indices.
fn chains(places: &[Place]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < places.len() {
        let mut j = i;
        while j + 1 < places.len() && places[j + 1].start == places[j].end {
            j += 1;
        }
        out.push((i, j));
        i = j + 1;
    }
    out
}

/// What joins the places of a collective (永安市、大田县; 福州和宁德).
const JOINERS: &[&str] = &["、", "和", "及", "与", "以及", "、以及"];

/// Collectives: two or more chains of attributing places joined by [`JOINERS`].
fn make_groups(
    gaz: &Gazetteer,
    text: &str,
    chains: &[(usize, usize)],
    places: &mut [Place],
) -> Vec<Group> {
    let mut groups = Vec::new();
    let mut k = 0;
    while k < chains.len() {
        let mut m = k;
        while m + 1 < chains.len() {
            let (_, last) = chains[m];
            let (next, _) = chains[m + 1];
            let between = &text[places[last].end..places[next].start];
            let ok = JOINERS.contains(&between)
                && attributes(&places[last])
                && attributes(&places[next]);
            if !ok {
                break;
            }
            m += 1;
        }
        if m > k {
            let heads: Vec<&str> = chains[k..=m]
                .iter()
                .filter_map(|&(_, last)| places[last].code.as_deref())
                .collect();
            if heads.len() >= 2 {
                let id = groups.len();
                groups.push(Group {
                    start: places[chains[k].0].start,
                    end: places[chains[m].1].end,
                    code: gaz.common_ancestor(&heads),
                });
                for p in &mut places[chains[k].0..=chains[m].1] {
                    p.group = Some(id);
                }
            }
        }
        k = m + 1;
    }
    groups
}
