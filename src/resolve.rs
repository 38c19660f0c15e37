//! Resolution: which region a fact belongs to.
//!
//! Most specific wins: a region named in the fact's own clause, else in its sentence, else
//! in its paragraph, else the article's home region, else the page's home province. A
//! sentence that names only a wider region containing the article's region (本报通辽… in a
//! 扎鲁特旗 article) does not override the narrower one. In an article at home, a place
//! outside the home province (与北京市工艺美术学院合作) is a partner or a destination, not
//! where the fact happened.

use crate::article::{article_at, Article};
use crate::lexer::Candidate;
use crate::region::{Gazetteer, Mention};

/// Where a fact's region came from, for the record and for `explain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegionChoice {
    /// A region code.
    Resolved(String),
    /// An ambiguous name context could not settle: candidate codes.
    Ambiguous(Vec<String>),
    None,
}

/// Context for one document: its mentions (byte offsets in the normalised text), its
/// articles, and its home province.
pub struct RegionContext<'a> {
    pub gaz: &'a Gazetteer,
    pub mentions: Vec<Mention>,
    pub articles: Vec<Article>,
    pub home: Option<String>,
}

impl RegionContext<'_> {
    /// The region of a fact at `start..end` in clause `clause_start..clause_end`,
    /// sentence `sent_start..sent_end` and paragraph `para` (offsets in the normalised
    /// text), on original line `line`.
    pub fn choose(
        &self,
        (sent_start, sent_end): (usize, usize),
        para: (usize, usize),
        (start, end): (usize, usize),
        (clause_start, clause_end): (usize, usize),
        line: usize,
    ) -> RegionChoice {
        let article_region = article_at(&self.articles, line).and_then(|a| a.region.as_deref());
        let at_home = |code: &str| match (&self.home, self.gaz.province_of(code)) {
            (Some(h), Some(p)) => &p.code == h,
            _ => true,
        };
        let away_ok = article_region.is_none_or(|a| !at_home(a));
        let in_range = |a: usize, b: usize| {
            self.within(a, b).iter().filter(move |m| {
                m.start >= a && m.end <= b && (away_ok || m.resolved.as_deref().is_none_or(at_home))
            })
        };
        // In a sentence or paragraph of megabytes (no punctuation), look near the fact only.
        const NEAR: usize = 1500;
        let near = |(a, b): (usize, usize)| (a.max(start.saturating_sub(NEAR)), b.min(end + NEAR));
        for (a, b) in [
            (clause_start, clause_end),
            near((sent_start, sent_end)),
            near(para),
        ] {
            if let Some(code) = self.most_specific(in_range(a, b), start) {
                return match article_region {
                    Some(art) if self.contains(code, art) => {
                        RegionChoice::Resolved(art.to_string())
                    }
                    _ => RegionChoice::Resolved(code.to_string()),
                };
            }
        }
        if let Some(code) = article_region {
            return RegionChoice::Resolved(code.to_string());
        }
        let (near_start, near_end) = near((sent_start, sent_end));
        if let Some(m) = in_range(near_start, near_end).find(|m| m.candidates.len() > 1) {
            return RegionChoice::Ambiguous(m.candidates.clone());
        }
        match &self.home {
            Some(p) => RegionChoice::Resolved(p.clone()),
            None => RegionChoice::None,
        }
    }

    /// The mentions inside `a..b` (mentions are in text order): a binary search, so a
    /// document with a million facts is not a million scans of its mentions.
    pub fn within(&self, a: usize, b: usize) -> &[Mention] {
        let from = self.mentions.partition_point(|m| m.start < a);
        let to = self.mentions.partition_point(|m| m.start < b);
        &self.mentions[from..to.max(from)]
    }

    /// The most specific resolved mention; among equals, the nearest to the fact (one
    /// before it preferred).
    fn most_specific<'m>(
        &self,
        mentions: impl Iterator<Item = &'m Mention>,
        fact_start: usize,
    ) -> Option<&'m str> {
        mentions
            .filter_map(|m| {
                let code = m.resolved.as_ref()?;
                let level = self.gaz.get(code)?.level;
                let distance = if m.end <= fact_start {
                    fact_start - m.end
                } else {
                    // After the fact: usable, but any mention before it of the same level wins.
                    usize::MAX / 2 + (m.start - fact_start)
                };
                Some((level, distance, code))
            })
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
            .map(|(_, _, code)| code.as_str())
    }

    /// Is `inner` (a code) inside `outer` and more specific than it?
    fn contains(&self, outer: &str, inner: &str) -> bool {
        let mut cur = self.gaz.get(inner).and_then(|r| r.parent.as_deref());
        while let Some(code) = cur {
            if code == outer {
                return true;
            }
            cur = self.gaz.get(code).and_then(|r| r.parent.as_deref());
        }
        false
    }
}

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
        c.kind == "date"
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
        if fact.kind == "date" {
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
        let in_clause = before.or(after).map(|c| c.value.to_string());
        out.push(
            in_clause
                .or_else(|| last_year_in(a, b))
                .or_else(|| last_date.map(|c| c.value.to_string()))
                .or_else(|| last_year_in(sent_start, fact.start)),
        );
    }
    out
}

fn year_regex() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        // A year standing alone (2024年, 2025年度), not the start of a full date.
        regex::Regex::new(r"(?:^|[^0-9])(?P<year>(?:19|20)[0-9]{2})年(?:度)?(?:[^0-9月]|$)")
            .expect("static regex")
    })
}
