//! Article segmentation of a newspaper page.
//!
//! A page holds many articles; an article's home region is what a fact with no region in
//! its own sentence belongs to. Starts are found from the page's own signals, line by line:
//! a column tag (【集市】, ●), a region line (和林格尔县 / 通辽 / ## 九原区 获批…), a short
//! heading followed by a byline or dateline, a byline (□本报记者 …), or a dateline
//! (本报呼和浩特11月18日讯). A lone short line between paragraphs is a subheading or a
//! caption, and a tag in the middle of a sentence (通【观察】过) is layout, not a start.

use crate::normalize::{self, at_most_chars};
use crate::region::Gazetteer;
use regex::Regex;
use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// 1-based line where the article starts.
    pub line: usize,
    pub title: Option<String>,
    /// Region code of the article's home region.
    pub region: Option<String>,
    /// Where the home region came from: region line, title, dateline, or body.
    pub region_source: Option<&'static str>,
    /// The first sentence of its body, to recognise it by.
    pub first_sentence: Option<String>,
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
    text: &'a str,
    kind: Kind,
    /// For a region line: its region code and the title after it.
    region: Option<(String, Option<String>)>,
}

const MAX_HEADING_CHARS: usize = 30;

fn dateline() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^本报(?P<city>[^0-9\s(（]{0,8}?)(?:[0-9]{1,2}月[0-9]{1,2}日)?(?:电|讯)")
            .expect("static regex")
    })
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

/// The region a line starts with, when the line is a region line: the whole line is a
/// place name (通辽, 【科右前旗】) or a place name, a space and a title (阿巴嘎旗 让居民…).
/// `bare` is the line without its layout marks ([`bare`]).
fn region_line(
    bare: &str,
    gaz: &Gazetteer,
    home: Option<&str>,
) -> Option<(String, Option<String>)> {
    let t = bare
        .strip_prefix('【')
        .and_then(|s| s.strip_suffix('】'))
        .unwrap_or(bare);
    if !at_most_chars(t, MAX_HEADING_CHARS) || has_sentence_punct(t) {
        return None;
    }
    let m = gaz.mentions_iter(t, &gaz.matches(t), home).next()?;
    if m.start != 0 {
        return None;
    }
    let rest = &t[m.end..];
    // A page's own sections are at home; 海南省 over a story on 乌海市海南区 is a slip.
    let code = m.resolved.filter(|c| match (home, gaz.province_of(c)) {
        (Some(h), Some(p)) => p.code == h,
        _ => true,
    })?;
    if rest.is_empty() {
        return Some((code, None));
    }
    if rest.starts_with(|c: char| c.is_whitespace() || c == '\u{3000}') {
        let title = rest.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
        return Some((code, Some(title.to_string())));
    }
    None
}

fn classify<'a>(text: &'a str, number: usize, gaz: &Gazetteer, home: Option<&str>) -> Line<'a> {
    let t = bare(text);
    let region = region_line(t, gaz, home);
    let kind = if region.is_some() {
        Kind::RegionLine
    } else if (t.starts_with('【') && t.ends_with('】') && at_most_chars(t, 12))
        || (text.trim_start().starts_with('●') && normalize::is_heading(t))
    {
        Kind::Tag
    } else if may_be_byline(t) && byline().is_match(t) && at_most_chars(t, 40) {
        Kind::Byline
    } else if t.starts_with("本报") && dateline().is_match(t) {
        Kind::Dateline
    } else if at_most_chars(t, MAX_HEADING_CHARS) && !has_sentence_punct(t) {
        Kind::Heading
    } else {
        Kind::Body
    };
    Line {
        number,
        text,
        kind,
        region,
    }
}

/// The articles of a page, in order. Lines before the first detected start form an
/// article of their own (with whatever signals they have).
pub fn segment(text: &str, gaz: &Gazetteer, home: Option<&str>) -> Vec<Article> {
    let lines: Vec<Line> = normalize::lines(text)
        .enumerate()
        .filter(|(_, raw)| !bare(raw).is_empty())
        .map(|(i, raw)| classify(raw, i + 1, gaz, home))
        .collect();

    let mut articles: Vec<Article> = Vec::new();
    let mut in_body = true;
    for (idx, line) in lines.iter().enumerate() {
        let starts = match line.kind {
            Kind::RegionLine | Kind::Byline | Kind::Dateline => in_body,
            // A tag or heading starts an article only when a title, region line, byline or
            // dateline follows; otherwise it is a column mark or a subheading.
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
            });
        }
        in_body = matches!(line.kind, Kind::Body | Kind::Dateline);
        let Some(article) = articles.last_mut() else {
            continue;
        };
        if matches!(line.kind, Kind::Body | Kind::Dateline) && article.first_sentence.is_none() {
            article.first_sentence = Some(first_sentence(line.text));
        }
        match line.kind {
            Kind::RegionLine => {
                if let Some((code, title)) = line.region.clone() {
                    set_region(article, code, "region line");
                    if article.title.is_none() {
                        article.title = title;
                    }
                }
            }
            Kind::Heading => {
                let t = bare(line.text);
                if article.title.is_none() {
                    article.title = Some(t.to_string());
                }
                if let Some(code) = first_region(t, gaz, home) {
                    set_region(article, code, "title");
                }
            }
            Kind::Dateline => {
                let t = bare(line.text);
                if let Some(c) = dateline().captures(t) {
                    if let Some(code) = first_region(&c["city"], gaz, home) {
                        set_region(article, code, "dateline");
                    }
                }
                if let Some(code) = first_region(t, gaz, home) {
                    set_region(article, code, "body");
                }
            }
            // A place in the body is the weakest source: it only fills an article's
            // region when nothing else has, so most body lines are never searched.
            Kind::Body if article.region_source.is_none() => {
                if let Some(code) = first_region(line.text, gaz, home) {
                    set_region(article, code, "body");
                }
            }
            Kind::Body | Kind::Tag | Kind::Byline => {}
        }
    }
    articles
}

/// The first region named in `text` that lies in the home province: a title or body that
/// names 厦门 on an Inner Mongolia page tells where someone went, not where the story is.
fn first_region(text: &str, gaz: &Gazetteer, home: Option<&str>) -> Option<String> {
    gaz.mentions_iter(text, &gaz.matches(text), home)
        .filter_map(|m| m.resolved)
        .find(|code| match (home, gaz.province_of(code)) {
            (Some(h), Some(p)) => p.code == h,
            _ => true,
        })
}

fn rank(source: &str) -> u8 {
    match source {
        "region line" => 4,
        "title" => 3,
        "dateline" => 2,
        _ => 1,
    }
}

/// Keeps the region from the strongest signal seen so far.
fn set_region(article: &mut Article, code: String, source: &'static str) {
    if article.region_source.is_none_or(|s| rank(s) < rank(source)) {
        article.region = Some(code);
        article.region_source = Some(source);
    }
}

fn first_sentence(line: &str) -> String {
    const MAX_CHARS: usize = 60;
    let t = bare(line);
    let end = t.find('。').map_or(t.len(), |i| i + '。'.len_utf8());
    t[..end].chars().take(MAX_CHARS).collect()
}

/// The article a 1-based line belongs to.
pub fn article_at(articles: &[Article], line: usize) -> Option<&Article> {
    let i = articles.partition_point(|a| a.line <= line);
    i.checked_sub(1).map(|i| &articles[i])
}
