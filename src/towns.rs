//! Township names (乌丹镇, 城川镇) and the county each belongs to
//! (`rules/regions/towns.tsv`), for texts that name only a town.
//!
//! Many names repeat across China (城关镇 hundreds of times), so a town settles its county
//! only with what else the page says ([`resolve`]). The table (41k rows) is built on first
//! use, so a run that never meets a town suffix does not pay for it.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../rules/regions/towns.tsv");

/// What a township name ends with.
const SUFFIXES: &[&str] = &["镇", "乡", "街道", "苏木"];
/// Longest town name tried, in characters (suffix included).
const MAX_CHARS: usize = 8;

/// A town name found in a text, with the counties that have a town of that name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TownMatch {
    pub start: usize,
    pub end: usize,
    pub counties: &'static [&'static str],
}

fn table() -> &'static HashMap<&'static str, Vec<&'static str>> {
    static MAP: OnceLock<HashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map: HashMap<&'static str, Vec<&'static str>> = HashMap::default();
        for line in TABLE.lines().skip(1) {
            if let Some((name, county)) = line.split_once('\t') {
                // A two-character name is a word as often as a town (城镇, 乡镇).
                if name.chars().count() >= 3 {
                    map.entry(name).or_default().push(county);
                }
            }
        }
        map
    })
}

/// Town names in `text`, longest at each suffix, non-overlapping, in text order.
pub fn find(text: &str) -> Vec<TownMatch> {
    let mut ends: Vec<usize> = Vec::new();
    for s in SUFFIXES {
        ends.extend(memchr::memmem::find_iter(text.as_bytes(), s.as_bytes()).map(|i| i + s.len()));
    }
    if ends.is_empty() {
        return Vec::new();
    }
    ends.sort_unstable();
    let map = table();
    let mut out: Vec<TownMatch> = Vec::new();
    for end in ends {
        // Start positions up to MAX_CHARS characters back, longest first.
        let starts: Vec<usize> = text[..end]
            .char_indices()
            .rev()
            .take(MAX_CHARS)
            .map(|(i, _)| i)
            .collect();
        for &start in starts.iter().rev() {
            if out.last().is_some_and(|m| m.end > start) {
                continue;
            }
            if let Some(counties) = map.get(&text[start..end]) {
                out.push(TownMatch {
                    start,
                    end,
                    counties: counties.as_slice(),
                });
                break;
            }
        }
    }
    out
}

/// What the page says around a town, for [`resolve`].
pub struct Context<'a> {
    /// Whether the county is, or lies inside, a place named on the town's own line.
    pub on_line: &'a dyn Fn(&str) -> bool,
    /// Whether the page names the county itself.
    pub named: &'a dyn Fn(&str) -> bool,
    /// Whether the county's province is in play (named, or the home province).
    pub province_in_play: &'a dyn Fn(&str) -> bool,
    /// Whether the page names any county, and any province in play at all.
    pub page_names_county: bool,
    pub any_province: bool,
}

/// The county of a town. A name several counties share settles by its own line (巴林左旗
/// 十三敖包镇), else by the county being named on the page, else, on a page that names no
/// county (a province's bulletin), by the one candidate in the province in play. A unique
/// name stands alone unless the page is about another province.
pub fn resolve<'t>(counties: &'t [&'t str], ctx: &Context) -> Option<&'t str> {
    let only = |pick: &dyn Fn(&str) -> bool| {
        let mut hit = None;
        for &c in counties {
            if pick(c) {
                if hit.is_some() {
                    return None;
                }
                hit = Some(c);
            }
        }
        hit
    };
    if let [one] = counties {
        return (!ctx.any_province || (ctx.province_in_play)(one)).then_some(*one);
    }
    only(ctx.on_line).or_else(|| only(ctx.named)).or_else(|| {
        if ctx.page_names_county {
            None
        } else {
            only(ctx.province_in_play)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn towns_are_found_longest_first() {
        let found = find("乌丹镇呼日哈嘎查");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].start, found[0].end), (0, "乌丹镇".len()));
        assert_eq!(found[0].counties, &["150426"]);
        // 城川镇 is in 鄂托克前旗 and in Gansu.
        assert_eq!(find("城川镇").first().map(|m| m.counties.len()), Some(2));
        assert!(find("城乡居民收入").is_empty());
    }

    #[test]
    fn a_repeated_name_needs_its_county_or_province_in_play() {
        let counties = ["150623", "620826"];
        let no = |_: &str| false;
        let im = |c: &str| c.starts_with("15");
        let ctx = |on_line: &dyn Fn(&str) -> bool,
                   named: &dyn Fn(&str) -> bool,
                   province: &dyn Fn(&str) -> bool,
                   page_names_county: bool| {
            resolve(
                &counties,
                &Context {
                    on_line,
                    named,
                    province_in_play: province,
                    page_names_county,
                    any_province: true,
                },
            )
        };
        // Nothing in play: not settled.
        assert_eq!(ctx(&no, &no, &no, false), None);
        // Inner Mongolia in play on a page that names no county.
        assert_eq!(ctx(&no, &no, &im, false), Some("150623"));
        // A page about some other county: a same-named town elsewhere is not meant.
        assert_eq!(ctx(&no, &no, &im, true), None);
        // Its own line or the county named settles it.
        let line = |c: &str| c == "620826";
        assert_eq!(ctx(&line, &no, &im, true), Some("620826"));
        assert_eq!(ctx(&no, &line, &im, true), Some("620826"));
    }

    #[test]
    fn a_unique_name_stands_alone_unless_another_province_is_in_play() {
        let one = ["150426"];
        let no = |_: &str| false;
        let gansu = |c: &str| c.starts_with("62");
        let ctx = |province: &dyn Fn(&str) -> bool, any_province: bool| {
            resolve(
                &one,
                &Context {
                    on_line: &no,
                    named: &no,
                    province_in_play: province,
                    page_names_county: false,
                    any_province,
                },
            )
        };
        assert_eq!(ctx(&no, false), Some("150426"));
        assert_eq!(ctx(&gansu, true), None);
    }
}
