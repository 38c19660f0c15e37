//! Resolution of a fact's period: the date or year its clause or sentence states. (A fact's
//! region is resolved by [`crate::place::attribution`].)

use crate::quantity::lexer::Candidate;

/// The period each non-date fact refers to, when its clause or sentence states one: a date
/// in its clause (截至10月24日,已完成投资… → --10-24), else a year in its clause
/// (2024年建设期间 → 2024), else the nearest date or year before it in the sentence.
/// One pass over the sentence's candidates (in text order), so a huge sentence stays linear.
/// `clauses[i]` is candidate `i`'s clause ([`crate::page::segment::clause`]).
pub fn periods(
    text: &str,
    (sent_start, sent_end): (usize, usize),
    cands: &[Candidate],
    clauses: &[(usize, usize)],
) -> Vec<Option<String>> {
    // A dateline or the day a reporter learned something dates the report, not the figures;
    // a comparison base (与2020年底相比) is what they are compared with.
    let usable = |c: &Candidate| {
        &*c.kind == "date"
            && !text[c.end..].starts_with(['电', '讯'])
            && !text[..c.start].ends_with("记者")
            && !is_comparison_base(&text[..c.start])
    };
    let sentence = &text[sent_start..sent_end];
    // Most sentences name no year: 年 is looked for before the regex runs.
    let years: Vec<(usize, String)> = stated_years(sentence)
        .map(|(at, y)| (sent_start + at, y))
        .collect();
    let last_year_in = |from: usize, to: usize| {
        let i = years.partition_point(|(at, _)| *at < to);
        years[..i]
            .last()
            .filter(|(at, _)| *at >= from)
            .map(|(_, y)| y.clone())
    };
    let mut last_date: Option<&Candidate> = None;
    let mut out = Vec::with_capacity(cands.len());
    for (i, fact) in cands.iter().enumerate() {
        if &*fact.kind == "date" {
            if usable(fact) {
                last_date = Some(fact);
            }
            out.push(None);
            continue;
        }
        let (a, b) = clauses[i];
        let before = cands[..i]
            .iter()
            .rev()
            .take_while(|c| c.start >= a)
            .find(|c| usable(c));
        let after = cands[i + 1..]
            .iter()
            .take_while(|c| c.end <= b)
            .find(|c| usable(c));
        let in_clause = before.or(after).map(period_of);
        out.push(
            in_clause
                .or_else(|| last_year_in(a, b))
                .or_else(|| last_date.map(period_of))
                .or_else(|| last_year_in(sent_start, fact.start)),
        );
    }
    out
}

/// The years a text states as periods (2024年, 2025年度), with their byte offsets; not a
/// comparison base (比2020年, 与2020年相比). Most texts name no year: 年 is looked for
/// before the regex runs.
/// Two years joined as a list or a range (2018年、2019年, 2021年至2023年, 2021-2023年) are
/// one period, written as an ISO interval (2018/2019).
fn stated_years(text: &str) -> impl Iterator<Item = (usize, String)> + '_ {
    let mut at = if text.contains('年') { 0 } else { text.len() };
    // Each search resumes right after a year, not after the character the match needed
    // past it: 2023年至2024年 states two years.
    std::iter::from_fn(move || loop {
        let y = year_regex().captures_at(text, at)?.name("year")?;
        at = y.end();
        if is_comparison_base(&text[..y.start()]) {
            continue;
        }
        let mut last = None;
        while let Some(end) = year_span_regex()
            .captures(&text[at..])
            .and_then(|c| c.get(1))
        {
            last = Some(&text[at + end.start()..at + end.end()]);
            at += end.end();
        }
        return Some(match last {
            Some(end) => (y.start(), format!("{}/{end}", y.as_str())),
            None => (y.start(), y.as_str().to_string()),
        });
    })
}

/// What joins a year to the next one: 、 至 到 - — ~ after its 年.
fn year_span_regex() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(r"^年度?(?:、|和|至|到|-|—|－|~|～)((?:19|20)[0-9]{2})年")
            .expect("static regex")
    })
}

/// The year each article's title states ([`title_year`]), by article.
pub fn title_years(articles: &[crate::page::article::Article]) -> Vec<Option<String>> {
    articles
        .iter()
        .map(|a| a.title.as_deref().and_then(title_year))
        .collect()
}

/// A figure that states no period of its own has its article title's year; a date is its
/// own period.
pub fn or_title_year(
    period: Option<String>,
    kind: &str,
    title_year: Option<&Option<String>>,
) -> Option<String> {
    match period {
        None if kind != "date" => title_year.cloned().flatten(),
        p => p,
    }
}

/// The one year a title states (2019年…统计公报, 2022年政府工作报告): the period of its
/// article's figures that state none of their own. None when it states none or several.
pub fn title_year(title: &str) -> Option<String> {
    let mut years = stated_years(title).map(|(_, y)| y);
    let first = years.next()?;
    years.all(|y| y == first).then_some(first)
}

/// Words that make the year after them a comparison base: 与/同…相比, 比, 较, 较于, 相比于.
fn is_comparison_base(before: &str) -> bool {
    before.ends_with(['与', '比', '较', '同'])
        || before.ends_with("较于")
        || before.ends_with("比于")
}

/// A date fact as a fact's period: its value, or an ISO 8601 interval for a range
/// (前三季度: `--01/--09`, 3月2日至9日: `--03-02/--03-09`), never only its start.
fn period_of(c: &Candidate) -> String {
    match &c.value_max {
        Some(end) => format!("{}/{end}", c.value),
        None => c.value.to_string(),
    }
}

fn year_regex() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        // A year standing alone (2024年, 2025年度), not the start of a full date.
        regex::Regex::new(r"(?:^|[^0-9])(?P<year>(?:19|20)[0-9]{2})年(?:度)?(?:[^0-9月]|$)")
            .expect("static regex")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_states_one_year() {
        assert_eq!(
            title_year("2021年某旗经济运行统计公报").as_deref(),
            Some("2021")
        );
        assert_eq!(
            title_year("某旗2023年度政府工作报告").as_deref(),
            Some("2023")
        );
        assert_eq!(
            title_year("某旗2023年至2024年工作回顾").as_deref(),
            Some("2023/2024")
        );
        assert_eq!(title_year("某旗2023年计划和2024年目标"), None);
        assert_eq!(title_year("某旗扶贫资金监管工作"), None);
        // A full date is a day, not the title's period.
        assert_eq!(title_year("2023年5月某旗召开大会"), None);
        assert_eq!(title_year("产量比2020年翻一番"), None);
    }

    #[test]
    fn comparison_bases() {
        for before in ["与", "收入比", "较", "同", "相较于", "相比于"] {
            assert!(is_comparison_base(before), "{before}");
        }
        for before in ["截至", "全县", "今年", ""] {
            assert!(!is_comparison_base(before), "{before}");
        }
    }
}
