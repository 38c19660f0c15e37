//! Article segmentation of a newspaper page.
//!
//! A page holds many articles; an article's home region is what a fact with no region in
//! its own sentence belongs to. Starts are found from the page's own signals, line by line:
//! a column tag (【集市】, ●), a region line (和林格尔县 / 通辽 / ## 九原区 获批…), a short
//! heading followed by a byline or dateline, a byline (□本报记者 …), or a dateline
//! (本报呼和浩特11月18日讯). A lone short line between paragraphs is a subheading or a
//! caption, and a tag in the middle of a sentence (通【观察】过) is layout, not a start.

use crate::page::normalize::{self, at_most_chars};
use regex::Regex;
use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// 1-based line where the article starts.
    pub line: usize,
    pub title: Option<crate::fact::Shared>,
    /// Region code of the article's home region.
    pub region: Option<String>,
    /// Where the home region came from: region line, title, dateline, or body.
    pub region_source: Option<&'static str>,
    /// The first sentence of its body, to recognise it by.
    pub first_sentence: Option<String>,
    /// 1-based line of its title, and of its first body line (or dateline).
    pub title_line: Option<usize>,
    pub body_line: Option<usize>,
    /// The region its dateline names (本报昆明…电): where the report was filed, the
    /// weakest evidence of what it is about.
    pub dateline_region: Option<String>,
    /// 1-based line of its dateline, if it has one.
    pub dateline_line: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Tag,
    RegionLine,
    Byline,
    Heading,
    Dateline,
    Body,
}

struct Line<'a> {
    number: usize,
    /// The line without layout marks ([`bare`]).
    bare: &'a str,
    kind: Kind,
    /// For a region line: its region code and the title after it.
    region: Option<(String, Option<String>)>,
}

const MAX_HEADING_CHARS: usize = 30;
/// A page's first line before a blank line may be a longer title.
const MAX_TITLE_CHARS: usize = 40;

/// A dateline: 本报南宁5月9日电, 新华网贵阳3月2日电, 某网某某站7月1日讯, 中新网10月8日电.
fn dateline() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // 本报… may leave out the date (本报讯); another outlet's dateline always has it,
        // or 大理州电网… would read as one.
        Regex::new(
            r"^(?:本报(?P<city>[^0-9\s(（,。]{0,8}?)(?:[0-9]{1,2}月[0-9]{1,2}日)?|[^\s,。:()（]{1,6}?(?:网|社|台|报|新闻)(?P<city2>[^0-9\s(（,。]{0,8}?)站?[0-9]{1,2}月[0-9]{1,2}日)(?:电|讯)",
        )
        .expect("static regex")
    })
}

const DATELINE_BYTES: usize = 120;

/// The byte span of the city in a dateline at the start of `line`, and the dateline's end.
pub fn dateline_city(line: &str) -> Option<(usize, usize, usize)> {
    // A dateline is at most ~30 characters; look no further into a long line.
    let mut cut = line.len().min(DATELINE_BYTES);
    while !line.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &line[..cut];
    // Most lines are ruled out by their first characters: a dateline opens with 本报 or
    // with an outlet's name (…网, …社, …台, …报, …新闻) within its first eight.
    let outlet = line.starts_with("本报")
        || line
            .chars()
            .take(8)
            .any(|c| matches!(c, '网' | '社' | '台' | '报' | '闻'));
    // (A search for one character is a memchr; one for a set of them is not.)
    if !outlet || (head.find('电').is_none() && head.find('讯').is_none()) {
        return None;
    }
    let c = dateline().captures(head)?;
    let m = c.name("city").or_else(|| c.name("city2"))?;
    Some((m.start(), m.end(), c.get(0)?.end()))
}

fn byline() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^(?:□|■|◎|本报(?:融媒体)?记者|记者|通讯员|文/|图/|文图/)")
            .expect("static regex")
    })
}

/// The first characters a byline can start with: most lines are ruled out without
/// running the regex (a call costs far more than this check).
fn may_be_byline(t: &str) -> bool {
    t.starts_with(['□', '■', '◎', '本', '记', '通', '文', '图'])
}

/// `text` without the leading spaces, markdown heading marks and bullets `bare` drops.
pub fn bare_start(text: &str) -> &str {
    text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
        .trim_start_matches(['#', '●', '◆', '▲', '★'])
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
}

/// The line without markdown heading marks, bullets and surrounding spaces.
fn bare(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
        .trim_start_matches(['#', '●', '◆', '▲', '★'])
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
}

/// Headings and region lines hold no sentence punctuation.
fn has_sentence_punct(s: &str) -> bool {
    s.contains(['。', '!', '?', ';', ',', '！', '？', '；', '，'])
}

/// A place the page's one gazetteer pass found inside a part of the text: byte offsets in
/// that part, and the region it names when it names one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartPlace {
    pub start: usize,
    pub end: usize,
    pub code: Option<String>,
}

/// The places inside a part of the page (`part` is a slice of the text given to
/// [`segment`]), in order: the page's own places ([`crate::place::mentions`]), so segmentation
/// matches nothing itself.
pub type PlacesIn<'a> = &'a dyn Fn(&str) -> Vec<PartPlace>;

/// Whether `code` lies in the home province (codes share their province's first two
/// digits), or there is no home.
fn at_home(code: &str, home: Option<&str>) -> bool {
    home.is_none_or(|h| code.get(..2) == h.get(..2))
}

/// The region a line starts with, when the line is a region line: the whole line is a
/// place name (通辽, 【科右前旗】) or a place name, a space and a title (阿巴嘎旗 让居民…).
/// `bare` is the line without its layout marks ([`bare`]).
fn region_line(
    bare: &str,
    places_in: PlacesIn,
    home: Option<&str>,
) -> Option<(String, Option<String>)> {
    // 【云南】大理州持续降雨,超2万人受灾: an item of a digest, headed by its region.
    if let Some((tag, rest)) = bare.strip_prefix('【').and_then(|s| s.split_once('】')) {
        if !rest.is_empty() && at_most_chars(tag, 8) {
            let found = places_in(tag);
            let m = found.first()?;
            if m.start == 0 && m.end == tag.len() {
                // What follows the tag is the item's headline; a paragraph after it (a page
                // without line breaks) is body text, not a title.
                let rest = rest.trim();
                let title = at_most_chars(rest, MAX_TITLE_CHARS).then(|| rest.to_string());
                return m.code.clone().map(|c| (c, title));
            }
            return None;
        }
    }
    let t = bare
        .strip_prefix('【')
        .and_then(|s| s.strip_suffix('】'))
        .unwrap_or(bare);
    if !at_most_chars(t, MAX_HEADING_CHARS) || has_sentence_punct(t) {
        return None;
    }
    let found = places_in(t);
    let m = found.first().filter(|m| m.start == 0)?;
    let rest = &t[m.end..];
    // A page's own sections are at home; 海南省 over a story on 乌海市海南区 is a slip.
    let code = m.code.clone().filter(|c| at_home(c, home))?;
    if rest.is_empty() {
        return Some((code, None));
    }
    // 平昌县:… (a digest's items, a roundup's sub-headlines).
    if let Some(title) = rest.strip_prefix([':', '：']) {
        return Some((code, Some(title.trim().to_string())));
    }
    if rest.starts_with(|c: char| c.is_whitespace() || c == '\u{3000}') {
        let title = rest.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
        return Some((code, Some(title.to_string())));
    }
    None
}

/// `after_body`: the line follows a body line. Other outlets' datelines (新华网贵阳…电) open
/// an article, so they are looked for only after a title, byline or tag (or at the top);
/// 本报… is looked for everywhere, as a new article can start with it.
fn classify<'a>(
    text: &'a str,
    t: &'a str,
    number: usize,
    places_in: PlacesIn,
    home: Option<&str>,
    after_body: bool,
) -> Line<'a> {
    let region = region_line(t, places_in, home);
    let kind = if region.is_some() {
        Kind::RegionLine
    } else if (t.starts_with('【') && t.ends_with('】') && at_most_chars(t, 12))
        || (text.trim_start().starts_with('●') && normalize::is_heading(t))
    {
        Kind::Tag
    } else if may_be_byline(t) && byline().is_match(t) && at_most_chars(t, 40) {
        Kind::Byline
    } else if (!after_body || t.starts_with("本报")) && dateline_city(t).is_some() {
        Kind::Dateline
    } else if at_most_chars(t, MAX_HEADING_CHARS) && !has_sentence_punct(t) {
        Kind::Heading
    } else {
        Kind::Body
    };
    Line {
        number,
        bare: t,
        kind,
        region,
    }
}

/// The articles of a page, in order. Lines before the first detected start form an
/// article of their own (with whatever signals they have).
///
/// `places_in` gives the places the page's gazetteer pass found in a part of `text`;
/// `home` is the page's home province (a region line elsewhere is a layout slip).
pub fn segment(text: &str, places_in: PlacesIn, home: Option<&str>) -> Vec<Article> {
    let mut lines: Vec<Line> = Vec::new();
    for (i, raw) in normalize::lines(text).enumerate() {
        let t = bare(raw);
        if t.is_empty() {
            continue;
        }
        let after_body = lines.last().is_some_and(|l| l.kind == Kind::Body);
        lines.push(classify(raw, t, i + 1, places_in, home, after_body));
    }
    // A page's first line, short and followed by a blank line, is its title even with a
    // ! or : in it (湖南凤凰:古城旅游带旺…, 新惠镇 今年首个分红的村!…).
    if let [first, second, ..] = lines.as_mut_slice() {
        if first.kind == Kind::Body
            && second.number > first.number + 1
            && at_most_chars(first.bare, MAX_TITLE_CHARS)
            && !first.bare.ends_with(['。', ',', ';', '；', '，'])
        {
            first.kind = Kind::Heading;
        }
    }

    let mut articles: Vec<Article> = Vec::new();
    let mut in_body = true;
    for (idx, line) in lines.iter().enumerate() {
        let starts = match line.kind {
            Kind::RegionLine | Kind::Byline | Kind::Dateline => in_body,
            // A tag or heading starts an article only when a title, region line, byline or
            // dateline follows; otherwise it is a column mark or a subheading.
            Kind::Tag | Kind::Heading
                if idx == 0 && lines.get(1).is_some_and(|n| n.number > line.number + 1) =>
            {
                true
            }
            Kind::Tag | Kind::Heading => {
                in_body
                    && lines[idx + 1..].iter().take(3).any(|l| {
                        matches!(
                            l.kind,
                            Kind::RegionLine | Kind::Byline | Kind::Dateline | Kind::Heading
                        )
                    })
            }
            Kind::Body => articles.is_empty(),
        };
        if starts {
            articles.push(Article {
                line: line.number,
                title: None,
                region: None,
                region_source: None,
                first_sentence: None,
                title_line: None,
                body_line: None,
                dateline_region: None,
                dateline_line: None,
            });
        }
        in_body = matches!(line.kind, Kind::Body | Kind::Dateline);
        let Some(article) = articles.last_mut() else {
            continue;
        };
        if matches!(line.kind, Kind::Body | Kind::Dateline) && article.first_sentence.is_none() {
            article.first_sentence = Some(first_sentence(line.bare));
            article.body_line = Some(line.number);
        }
        match line.kind {
            Kind::RegionLine => {
                if let Some((code, title)) = line.region.clone() {
                    if article.region.is_none() {
                        article.region = Some(code);
                        article.region_source = Some("region line");
                    }
                    if article.title.is_none() && title.is_some() {
                        article.title = title.map(Into::into);
                        article.title_line = Some(line.number);
                    }
                }
            }
            Kind::Heading => {
                let t = line.bare;
                if article.title.is_none() {
                    article.title = Some(t.into());
                    article.title_line = Some(line.number);
                }
            }
            Kind::Dateline => {
                let t = line.bare;
                article.dateline_line.get_or_insert(line.number);
                if let Some((a, b, _)) = dateline_city(t) {
                    if article.dateline_region.is_none() {
                        article.dateline_region = places_in(&t[a..b])
                            .into_iter()
                            .filter_map(|m| m.code)
                            .find(|c| at_home(c, home));
                    }
                }
            }
            // Titles and bodies are read by attribution, over the page's own places.
            Kind::Body | Kind::Tag | Kind::Byline => {}
        }
    }
    articles
}

/// `t`: a line without its layout marks.
fn first_sentence(t: &str) -> String {
    const MAX_CHARS: usize = 60;
    let end = t.find('。').map_or(t.len(), |i| i + '。'.len_utf8());
    t[..end].chars().take(MAX_CHARS).collect()
}

/// The article a 1-based line belongs to.
pub fn article_at(articles: &[Article], line: usize) -> Option<&Article> {
    index_at(articles, line).map(|i| &articles[i])
}

/// The index of the article `line` is in.
pub fn index_at(articles: &[Article], line: usize) -> Option<usize> {
    articles.partition_point(|a| a.line <= line).checked_sub(1)
}
