//! Township names (新惠镇, 锦山镇) and the county each belongs to
//! (`rules/regions/towns.tsv`), for texts that name only a town.
//!
//! Many names repeat across China (城关镇 hundreds of times), so a town settles its county
//! only with what else the page says ([`resolve`]). The table (41k rows) is searched as it
//! is embedded, sorted by name; only a bit filter of its names' endings is built, on
//! first use.

use crate::bits::BitSet;
use regex::Regex;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../../rules/regions/towns.tsv");

/// What a township name ends with.
const SUFFIXES: &[&str] = &["镇", "乡", "街道", "苏木"];
/// Longest town name tried, in characters (suffix included).
const MAX_CHARS: usize = 8;

/// A town name found in a text, with the counties that have a town of that name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TownMatch {
    pub start: usize,
    pub end: usize,
    pub counties: Vec<&'static str>,
}

/// The table's index, built on first use from the bytes alone (one pass, no copies): where
/// each row's name starts and ends, and a filter of the names by their last six bytes (two
/// characters) and length: most places where a suffix ends (乡村, 乡镇) are no town's
/// ending, and of those that are, most lengths are not.
struct Index {
    /// (name start, name end) of every row, in table order (sorted by name).
    rows: Vec<(u32, u32)>,
    /// (first three bytes of a name, its first row): a name's first character narrows the
    /// search to a few rows before any string compare.
    firsts: Vec<(u32, u32)>,
    endings: BitSet,
}

/// The first three bytes of a name, as a number that sorts as the bytes do.
fn head3(name: &[u8]) -> u32 {
    let b = |i: usize| u32::from(name.get(i).copied().unwrap_or(0));
    b(0) << 16 | b(1) << 8 | b(2)
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let bytes = TABLE.as_bytes();
        let mut rows = Vec::with_capacity(42_000);
        let mut firsts: Vec<(u32, u32)> = Vec::new();
        let mut endings = BitSet::with_len(ENDING_BITS);
        let mut line = TABLE.find('\n').map_or(bytes.len(), |i| i + 1);
        while line < bytes.len() {
            let end = memchr::memchr(b'\n', &bytes[line..]).map_or(bytes.len(), |i| line + i);
            if let Some(tab) = memchr::memchr(b'\t', &bytes[line..end]) {
                let head = head3(&bytes[line..line + tab]);
                if firsts.last().is_none_or(|&(h, _)| h != head) {
                    firsts.push((head, rows.len() as u32));
                }
                rows.push((line as u32, (line + tab) as u32));
                endings.insert(ending_bit(&bytes[line..line + tab]));
            }
            line = end + 1;
        }
        Index {
            rows,
            firsts,
            endings,
        }
    })
}

/// Bits in the filter of name endings.
const ENDING_BITS: usize = 1 << 16;

/// The filter bit of a name: its last six bytes and its length.
fn ending_bit(name: &[u8]) -> usize {
    let tail = &name[name.len().saturating_sub(6)..];
    let mut h: u64 = name.len() as u64;
    for &b in tail {
        h = h.wrapping_mul(0x100_0000_01B3) ^ u64::from(b);
    }
    (h as usize ^ (h >> 29) as usize) % ENDING_BITS
}

/// The counties with a town called `name` (a binary search: the table is sorted by name).
pub fn counties_of(name: &str) -> Vec<&'static str> {
    let index = index();
    let head = head3(name.as_bytes());
    let k = index.firsts.partition_point(|&(h, _)| h < head);
    let Some(&(h, from)) = index.firsts.get(k) else {
        return Vec::new();
    };
    if h != head {
        return Vec::new();
    }
    let to = index
        .firsts
        .get(k + 1)
        .map_or(index.rows.len(), |&(_, r)| r as usize);
    let rows = &index.rows[from as usize..to];
    let name_at = |&(a, b): &(u32, u32)| &TABLE.as_bytes()[a as usize..b as usize];
    let from = rows.partition_point(|r| name_at(r) < name.as_bytes());
    rows[from..]
        .iter()
        .take_while(|r| name_at(r) == name.as_bytes())
        .map(|&(_, tab)| {
            let rest = &TABLE[tab as usize + 1..];
            rest.split_once('\n').map_or(rest, |(county, _)| county)
        })
        .collect()
}

/// Where a town suffix ends in `text`, in order. The regex crate's multi-literal search
/// (Teddy) fingerprints whole characters; a byte search for each suffix is slow on Chinese
/// text, whose byte statistics defeat its prefilter.
fn suffix_ends(text: &str) -> Vec<usize> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(&SUFFIXES.join("|")).expect("static regex"));
    re.find_iter(text).map(|m| m.end()).collect()
}

/// Town names in `text`, longest at each suffix, non-overlapping, in text order. A name of
/// two characters is a word as often as a town (城镇, 乡镇) and is not looked up.
///
/// Only the byte ranges `within` of `text` (in order) are searched: the caller leaves out
/// lines where a county is named already.
pub fn find(text: &str, within: &[(usize, usize)]) -> Vec<TownMatch> {
    // One scan of the page (a search per range costs more in set-up than in scanning).
    let ends: Vec<usize> = suffix_ends(text)
        .into_iter()
        .filter(|&e| {
            let k = within.partition_point(|&(_, b)| b < e);
            within.get(k).is_some_and(|&(a, _)| a < e)
        })
        .collect();
    let mut out: Vec<TownMatch> = Vec::new();
    for end in ends {
        let endings = &index().endings;
        // Start positions from MAX_CHARS characters back to three, longest first.
        let starts: Vec<usize> = text[..end]
            .char_indices()
            .rev()
            .take(MAX_CHARS)
            .map(|(i, _)| i)
            .skip(2)
            .collect();
        for &start in starts.iter().rev() {
            if out.last().is_some_and(|m| m.end > start)
                || !endings.may_contain(ending_bit(&text.as_bytes()[start..end]))
            {
                continue;
            }
            let counties = counties_of(&text[start..end]);
            if !counties.is_empty() {
                out.push(TownMatch {
                    start,
                    end,
                    counties,
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
    /// Whether the page names the county's prefecture.
    pub prefecture_named: &'a dyn Fn(&str) -> bool,
    /// Whether the county's province is in play (named, or the home province).
    pub province_in_play: &'a dyn Fn(&str) -> bool,
    /// Whether the page names any county, and any province in play at all.
    pub page_names_county: bool,
    pub any_province: bool,
}

/// The county of a town. A name several counties share settles by its own line (巴林左旗
/// 十三敖包镇), else by the county being named on the page, else, on a page that names no
/// county, by the one candidate in a prefecture it names (朝阳市 … 大板镇), else in the
/// province in play. A unique
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
            only(ctx.prefecture_named).or_else(|| only(ctx.province_in_play))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn towns_are_found_longest_first() {
        let found = find("新惠镇东山村", &[(0, "新惠镇东山村".len())]);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].start, found[0].end), (0, "新惠镇".len()));
        assert_eq!(found[0].counties, vec!["150430"]);
        assert_eq!(counties_of("锦山镇"), vec!["150428", "230882", "469005"]);
        assert!(counties_of("不是镇名镇").is_empty());
        // The table is sorted as the search needs (byte order of the names).
        let names: Vec<&str> = TABLE
            .lines()
            .skip(1)
            .map(|l| l.split('\t').next().unwrap_or(""))
            .collect();
        assert!(names.windows(2).all(|w| w[0] <= w[1]));
        // 锦山镇 is in 喀喇沁旗, in Heilongjiang and in Hainan.
        let all = |t: &str| vec![(0, t.len())];
        assert_eq!(
            find("锦山镇", &all("锦山镇"))
                .first()
                .map(|m| m.counties.len()),
            Some(3)
        );
        assert!(find("锦山镇", &[]).is_empty());
        assert!(find("城乡居民收入", &all("城乡居民收入")).is_empty());
        // A name starting with a character no town starts with.
        assert!(counties_of("𠀋镇镇").is_empty());
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
                    prefecture_named: &no,
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
        // Its own line, the county named, or on a page naming no county, its prefecture.
        let pre = |c: &str| c == "620800";
        let with_prefecture = resolve(
            &counties,
            &Context {
                on_line: &no,
                named: &no,
                prefecture_named: &|c: &str| pre(&format!("{}00", &c[..4])),
                province_in_play: &im,
                page_names_county: false,
                any_province: true,
            },
        );
        assert_eq!(with_prefecture, Some("620826"));
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
                    prefecture_named: &no,
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
