//! Resolution of a fact's period: the date or year its clause or sentence states. (A fact's
//! region is resolved by [`crate::attribution`].)

use crate::lexer::Candidate;

/// The period each non-date fact refers to, when its clause or sentence states one: a date
/// in its clause (截至10月24日,已完成投资… → --10-24), else a year in its clause
/// (2024年试运营期间 → 2024), else the nearest date or year before it in the sentence.
/// One pass over the sentence's candidates (in text order), so a huge sentence stays linear.
/// `clauses[i]` is candidate `i`'s clause ([`crate::segment::clause`]).
pub fn periods(
    text: &str,
    (sent_start, sent_end): (usize, usize),
    cands: &[Candidate],
    clauses: &[(usize, usize)],
) -> Vec<Option<String>> {
    // A dateline or the day a reporter learned something dates the report, not the figures.
    let usable = |c: &Candidate| {
        &*c.kind == "date"
            && !text[c.end..].starts_with(['电', '讯'])
            && !text[..c.start].ends_with("记者")
    };
    let sentence = &text[sent_start..sent_end];
    // Most sentences name no year: 年 is looked for before the regex runs.
    let years: Vec<(usize, String)> = if sentence.contains('年') {
        year_regex()
            .captures_iter(sentence)
            .filter_map(|c| {
                c.name("year")
                    .map(|y| (sent_start + y.start(), y.as_str().to_string()))
            })
            .collect()
    } else {
        Vec::new()
    };
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
