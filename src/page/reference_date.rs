//! A document's reference date: the day its partial dates (9月8日, 今年3月, 去年底) are
//! read against. A JSON Lines record's own `date` field wins; else the page's own date (a
//! date line in its header or footer, or a dateline with a year); else `--ref-date`. A page
//! that carries its date must not be dated by a flag meant for pages that carry none.

use crate::value::day::PartialDate;
use regex::Regex;
use std::fmt;
use std::sync::OnceLock;

/// Where a document's reference date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The JSON Lines record's date field.
    Record,
    /// A date line at the top or bottom of the page, or a dated dateline (1-based line).
    Page { line: usize },
    /// `--ref-date`.
    Flag,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Record => f.write_str("the record's date field"),
            Source::Page { line } => write!(f, "the page's own date, line {line}"),
            Source::Flag => f.write_str("--ref-date"),
        }
    }
}

/// How many non-blank lines at the top and at the bottom of a page may hold its date.
const HEAD_LINES: usize = 6;
const TAIL_LINES: usize = 4;
/// A date line is short: a header (2016-09-12 17:29 来源:…) or a footer (2018年11月22日).
const MAX_DATE_LINE_CHARS: usize = 80;
/// Only a line's head is read for a dateline: a one-line page can be megabytes long.
const HEAD_BYTES: usize = 160;

/// The page's own date and its line: the first date line among its first lines, else its
/// last lines, else the first dateline with a year (新华社北京2019年3月5日电).
pub fn page_date(text: &str) -> Option<(PartialDate, usize)> {
    let head = text
        .split('\n')
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .take(HEAD_LINES);
    let mut datelines = None;
    for (i, line) in head {
        if let Some(d) = date_line(line) {
            return Some((d, i + 1));
        }
        if datelines.is_none() {
            datelines = dated_dateline(line).map(|d| (d, i + 1));
        }
    }
    let total = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
    let tail = text
        .rsplit('\n')
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .take(TAIL_LINES);
    for (k, line) in tail {
        if let Some(d) = date_line(line) {
            return Some((d, total - k));
        }
    }
    datelines
}

/// A line that is only a date, or a date with its time and the page's metadata after it
/// (来源, 作者, 编辑, 星期…), or a labelled one (发布时间:2019-03-05).
fn date_line(line: &str) -> Option<PartialDate> {
    let line = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    // (The byte test first: a one-line page is not counted character by character.)
    if line.len() > 4 * MAX_DATE_LINE_CHARS || line.chars().count() > MAX_DATE_LINE_CHARS {
        return None;
    }
    let folded = crate::page::normalize::normalize(line).text;
    let c = date_line_regex().captures(&folded)?;
    date_of(&c)
}

fn dated_dateline(line: &str) -> Option<PartialDate> {
    let head = &line[..crate::page::segment::floor_char(line, line.len().min(HEAD_BYTES))];
    let folded = crate::page::normalize::normalize(head.trim_start()).text;
    let c = dateline_regex().captures(&folded)?;
    date_of(&c)
}

fn date_of(c: &regex::Captures) -> Option<PartialDate> {
    let num = |name: &str| c.name(name)?.as_str().parse::<u32>().ok();
    let day = PartialDate {
        year: num("y"),
        month: num("m").or_else(|| num("m2"))?,
        day: Some(num("d").or_else(|| num("d2"))?),
    };
    day.is_valid().then_some(day)
}

/// A full date: 2016-09-12, 2016/9/12, 2016.09.12, 2016年9月12日.
const FULL_DATE: &str = r"(?P<y>(?:19|20)[0-9]{2})(?:年(?P<m>[0-9]{1,2})月(?P<d>[0-9]{1,2})日|[-/.](?P<m2>[0-9]{1,2})[-/.](?P<d2>[0-9]{1,2}))";

fn date_line_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let pattern = format!(
            r"^(?:(?:发布|发表|更新|出版|刊发)?(?:时间|日期)\s*[:：]\s*)?{FULL_DATE}(?:\s*[0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}})?)?\s*(?:$|[|丨/]|(?:来源|稿源|出处|作者|编辑|责任编辑|责编|发布|星期|周[一二三四五六日天]|浏览|阅读|点击|字号|记者|通讯员|信息来源|文章来源))"
        );
        Regex::new(&pattern).expect("static regex")
    })
}

fn dateline_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // Only the 年月日 form: a dateline never writes 2019-03-05.
        Regex::new(
            r"^(?:本报|[^\s,。:()（]{1,6}?(?:网|社|台|报|新闻))[^0-9\s,。(（]{0,8}?(?P<y>(?:19|20)[0-9]{2})年(?P<m>[0-9]{1,2})月(?P<d>[0-9]{1,2})日(?:[0-9]{1,2}时)?(?:电|讯)",
        )
        .expect("static regex")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> Option<(String, usize)> {
        page_date(text).map(|(d, line)| (d.iso(), line))
    }

    #[test]
    fn header_and_footer_date_lines() {
        let page = "2019-03-05 08:12 来源:某某县融媒体中心\n今年3月2日,全县发放补贴120万元。\n";
        assert_eq!(iso(page), Some(("2019-03-05".into(), 1)));
        let page = "全县发放补贴120万元。\n\n2021年6月30日\n";
        assert_eq!(iso(page), Some(("2021-06-30".into(), 3)));
        let page = "标题\n发布时间:2020/7/8\n正文。";
        assert_eq!(iso(page), Some(("2020-07-08".into(), 2)));
        let page = "  2023年1月9日 星期一\n标题\n正文。";
        assert_eq!(iso(page), Some(("2023-01-09".into(), 1)));
        let page = "２０２２－０５－１８ 作者:某某\n正文。";
        assert_eq!(iso(page), Some(("2022-05-18".into(), 1)));
    }

    #[test]
    fn dateline_with_a_year() {
        let page = "标题\n新华社呼和浩特2017年8月3日电 全旗新增就业500人。";
        assert_eq!(iso(page), Some(("2017-08-03".into(), 2)));
        // A dateline without a year dates nothing.
        assert_eq!(iso("标题\n本报呼和浩特8月3日讯 全旗新增就业500人。"), None);
    }

    #[test]
    fn a_sentence_starting_with_a_date_is_not_the_page_date() {
        assert_eq!(iso("2024年12月31日,某旗出台实施意见,投资5亿元。"), None);
        assert_eq!(iso("2024年12月31日前完成验收。"), None);
        // An impossible day is no date.
        assert_eq!(iso("2023-02-30 来源:某网"), None);
        // Deep inside a long page, a date line is body text, not the page's date.
        let mut page = "标题\n".to_string();
        page.push_str(&"正文一句。\n".repeat(20));
        page.push_str("2020年5月1日\n");
        page.push_str(&"正文一句。\n".repeat(20));
        assert_eq!(iso(&page), None);
    }

    #[test]
    fn a_one_line_page_is_read_in_its_head_only() {
        let page = "本报某地讯 ".to_string() + &"投资5万元,".repeat(100_000);
        assert_eq!(iso(&page), None);
    }
}
