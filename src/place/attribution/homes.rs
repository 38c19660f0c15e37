//! Homes: each article's home region (region line, title, first sentence, dateline) and
//! the page's.

use super::scope::Verdict;
use super::{Home, PageRegions};
use std::borrow::Cow;

impl PageRegions<'_> {
    /// What a sentence says its subject is, for an article's home. A breakdown names parts
    /// of the subject: 其中,涪城区3.1亿元、江油市1.8亿元 is about 绵阳市 (what the parts
    /// share, or the parent of a single part), and the parts after 其中 in a sentence do
    /// not narrow what comes before it.
    fn subject_of(&self, a: usize, b: usize) -> Option<Verdict<'_>> {
        let text = &self.text[a..b];
        let Some(k) = text.find("其中") else {
            return self.reduce(a, b, None, false);
        };
        if k > 0 {
            if let Some(v) = self.reduce(a, a + k, None, false) {
                return Some(v);
            }
        }
        match self.reduce(a + k, b, None, false)? {
            Verdict::Region {
                code,
                mention,
                joined: false,
            } => {
                let parent = self.gaz.get(&code)?.parent.clone()?;
                Some(Verdict::Region {
                    code: Cow::Owned(parent),
                    mention,
                    joined: true,
                })
            }
            whole => Some(whole),
        }
    }

    pub(super) fn find_homes(
        &mut self,
        norm_of_line: &dyn Fn(usize) -> usize,
        text_len: usize,
        home_province: Option<&str>,
    ) {
        let mut homes = Vec::with_capacity(self.articles.len());
        for (k, art) in self.articles.iter().enumerate() {
            let end = self
                .articles
                .get(k + 1)
                .map_or(text_len, |n| norm_of_line(n.line));
            let strong = match (art.region_source, &art.region) {
                (Some("region line"), Some(code)) => Some(Home::Region {
                    code: code.clone(),
                    mention: self
                        .gaz
                        .get(code)
                        .map_or(String::new(), |r| r.name.to_string()),
                    reason: "region line".into(),
                }),
                // A title naming a place outside the page's province (海南省 over a story
                // on 乌海市海南区) is a slip of the layout, as for region lines.
                _ => art
                    .title_line
                    .and_then(|l| {
                        let (a, b) = (norm_of_line(l), norm_of_line(l + 1));
                        self.reduce(a, b, None, false).map(|v| v.into_home("title"))
                    })
                    .filter(|h| match (h, home_province) {
                        (Home::Region { code, .. }, Some(p)) => {
                            self.gaz.province_of(code).is_some_and(|r| *r.code == *p)
                        }
                        _ => true,
                    }),
            };
            let body_from = art.body_line.map_or(end, norm_of_line);
            let body = self
                .sentences
                .iter()
                .skip_while(|s| s.end <= body_from)
                .take_while(|s| s.start < end)
                .find_map(|s| self.subject_of(s.start.max(body_from), s.end.min(end)))
                .map(|v| v.into_home("first sentence naming a place"));
            let home = match (strong, body) {
                (
                    Some(Home::Region {
                        code: sc,
                        mention: sm,
                        reason: sr,
                    }),
                    Some(Home::Region { code, mention, .. }),
                ) => {
                    // A province tag (【西藏】) files the article; the place its first
                    // sentence names is the subject. A prefecture's or county's region line
                    // already names the subject, whatever anecdote opens the story.
                    let province = self.gaz.get(&sc).is_some_and(|r| r.level == 1);
                    if province && self.gaz.strictly_contains(&sc, &code) {
                        Home::Region {
                            code,
                            mention,
                            reason: format!("{sr}, narrowed by the first sentence"),
                        }
                    } else {
                        Home::Region {
                            code: sc,
                            mention: sm,
                            reason: sr,
                        }
                    }
                }
                (Some(s), _) => s,
                (None, Some(b)) => b,
                (None, None) => match &art.dateline_region {
                    Some(code) => Home::Region {
                        code: code.clone(),
                        mention: self
                            .gaz
                            .get(code)
                            .map_or(String::new(), |r| r.name.to_string()),
                        reason: "dateline".into(),
                    },
                    None => Home::Unknown,
                },
            };
            homes.push(home);
        }
        // The page's home: what its articles share, else its province.
        let known: Vec<&Home> = homes
            .iter()
            .filter(|h| !matches!(h, Home::Unknown))
            .collect();
        self.page_home = if !known.is_empty() && known.len() == homes.len() {
            let codes: Vec<&str> = known
                .iter()
                .filter_map(|h| match h {
                    Home::Region { code, .. } => Some(code.as_str()),
                    _ => None,
                })
                .collect();
            match (codes.len() == known.len(), self.gaz.common_ancestor(&codes)) {
                (true, Some(code)) => Home::Region {
                    mention: self
                        .gaz
                        .get(&code)
                        .map_or(String::new(), |r| r.name.to_string()),
                    code,
                    reason: "the page's articles".into(),
                },
                _ => Home::Several {
                    mention: String::new(),
                    reason: "the page's articles".into(),
                },
            }
        } else {
            match home_province.and_then(|c| self.gaz.get(c)) {
                Some(r) => Home::Region {
                    code: r.code.to_string(),
                    mention: r.name.to_string(),
                    reason: "the page's province".into(),
                },
                None => Home::Unknown,
            }
        };
        for (art, home) in self.articles.iter_mut().zip(&homes) {
            art.region = match home {
                Home::Region { code, .. } => Some(code.clone()),
                _ => None,
            };
        }
        self.homes = homes;
    }
}
