//! A fact's region: the first of its scopes that names an attributing place, else the
//! article's or the page's home.

use super::scope::Verdict;
use super::{Choice, Home, PageRegions};
use std::borrow::Cow;

/// In a sentence of megabytes (no punctuation), look this far around the fact only.
const NEAR: usize = 1500;
/// How many earlier sentences of a paragraph may decide.
const MAX_BACK: usize = 12;

impl PageRegions<'_> {
    /// The region of the fact at `fact` in sentence `sent` (an index into the page's
    /// sentences), clause `clause`, paragraph `para`, on original line `line`;
    /// `item_from..item_to` is its list item: from the previous fact's end in the clause
    /// (or the clause start) to where the next fact's item starts.
    pub fn choose(
        &self,
        sent: usize,
        para: (usize, usize),
        clause: (usize, usize),
        (item_from, item_to): (usize, usize),
        fact: (usize, usize),
        line: usize,
    ) -> Choice {
        let home = self.home_at(line);
        // A home its title, region line or page states makes places in other provinces
        // partners or markets; a home read off a first sentence or a dateline is too weak
        // for that (the first item of a bulletin over several provinces).
        let away_from = match home {
            Home::Region { code, reason, .. }
                if !reason.starts_with("first sentence") && reason != "dateline" =>
            {
                self.gaz.province_of(code).map(|p| &*p.code)
            }
            _ => None,
        };
        let s = self.sentences[sent];
        let near =
            |(a, b): (usize, usize)| (a.max(fact.0.saturating_sub(NEAR)), b.min(fact.1 + NEAR));
        // A dateline's own facts (its date) are the article's.
        let in_dateline = self
            .datelines
            .iter()
            .any(|&(a, b)| a <= fact.0 && fact.1 <= b);
        // Places after the fact count up to where the next fact's item starts: in 其中,A区
        // 3.1亿元、B市1.8亿元 B市 heads the next item.
        let own = [
            ((item_from, fact.0), "list item"),
            ((clause.0, clause.1.min(item_to)), "clause"),
            (near((s.start, s.end.min(item_to))), "sentence"),
        ];
        // A sentence the layout joined across the paragraph's start counts from there.
        let earlier = (0..sent)
            .rev()
            .take(MAX_BACK)
            .map(|k| self.sentences[k])
            .take_while(|e| e.end > para.0)
            .map(|e| (near((e.start.max(para.0), e.end)), "earlier sentence"));
        let scopes = own
            .into_iter()
            .chain(earlier)
            .take(if in_dateline { 0 } else { usize::MAX });
        for ((a, b), reason) in scopes {
            // 全国 says "no single region" only as the subject before the fact (今年全国夏粮
            // 总产量); elsewhere it is a rank (被评为全国先进集体).
            let nationwide = reason == "list item";
            if let Some(found) = self.reduce(a, b, away_from, nationwide) {
                // A wider region than the home (内蒙古 in a company's name, 【西藏】 over
                // 日喀则市) says nothing new: a wider scope may still name the place.
                // (A collective's common region is news, though: a figure for several places.)
                if let (
                    Verdict::Region {
                        code,
                        joined: false,
                        ..
                    },
                    Home::Region { code: h, .. },
                ) = (&found, home)
                {
                    if self.gaz.strictly_contains(code, h) {
                        continue;
                    }
                }
                return Self::settle(found, reason);
            }
        }
        match home {
            Home::Region { code, mention, .. } => Choice {
                code: Some(code.clone()),
                candidates: Vec::new(),
                mention: Some(mention.clone()),
                reason: Cow::Borrowed("the article's home"),
            },
            Home::Several { mention, .. } => Choice {
                mention: Some(mention.clone()),
                reason: Cow::Borrowed("the article's home spans several provinces"),
                ..Choice::default()
            },
            Home::Unknown => {
                let (a, b) = near((s.start, s.end));
                match self
                    .within(a, b)
                    .iter()
                    .find(|p| p.end <= b && p.candidates.len() > 1)
                {
                    Some(p) => Choice {
                        candidates: p.candidates.clone(),
                        mention: Some(p.surface.clone()),
                        reason: "ambiguous name".into(),
                        ..Choice::default()
                    },
                    None => Choice {
                        reason: "no place".into(),
                        ..Choice::default()
                    },
                }
            }
        }
    }

    /// A fact's region from the first scope that names a place.
    fn settle(found: Verdict<'_>, scope: &'static str) -> Choice {
        match found {
            Verdict::Region { code, mention, .. } => Choice {
                code: Some(code.into_owned()),
                candidates: Vec::new(),
                mention: Some(mention.into_owned()),
                reason: Cow::Borrowed(scope),
            },
            Verdict::Several { mention } => Choice {
                mention: Some(mention.into_owned()),
                reason: Cow::Borrowed(match scope {
                    "list item" => "list item names places in several provinces",
                    "clause" => "clause names places in several provinces",
                    "sentence" => "sentence names places in several provinces",
                    _ => "earlier sentence names places in several provinces",
                }),
                ..Choice::default()
            },
        }
    }
}
