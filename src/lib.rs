//! factx: turns Chinese regional news into spreadsheet-ready facts.
//!
//! The pipeline flows one way: [`normalize`] (full-width folding, layout line joins, with a
//! map back to the original) → [`segment`] (sentences) → [`lexer`] (quantity and date rules
//! from [`rules`], exact values via [`number`] and [`decimal`]) → [`Fact`] records, written
//! by [`output`]. [`eval`] scores facts against hand-labelled gold.
//!
//! ```
//! use factx::{Document, Engine};
//! let engine = Engine::with_default_rules().expect("the default rules compile");
//! let facts = engine.extract(&Document::new("demo", "总投资1.82亿元,带动就业超1000人。"));
//! assert_eq!(facts[0].value.to_string(), "182000000");
//! assert_eq!(facts[1].qualifier.as_deref(), Some("over"));
//! ```

pub mod bits;
pub mod cmd;
pub mod eval;
pub mod fact;
pub mod indicator;
pub mod input;
pub mod output;
pub mod page;
pub mod period;
pub mod place;
pub mod quantity;
pub mod rules;

pub use fact::{Fact, Value};
pub use place::region::Gazetteer;
pub use quantity::decimal::Decimal;
pub use rules::RuleSet;

use fact::repeat;
use page::{article, normalize, reference_date, segment};
use place::attribution::{self, PageRegions};
use place::{region, roles};
use quantity::{date, lexer};

/// One input text: a file, stdin, or one JSON Lines record.
#[derive(Debug, Clone)]
pub struct Document {
    /// What `doc` says in every record: the path as given, `-` for stdin, or the JSON
    /// Lines `id`.
    pub id: String,
    pub text: String,
    /// The day the document was published, from its JSON Lines record: partial dates
    /// (11月17日, 今年3月) resolve against it before the page's own date or `--ref-date`.
    pub ref_date: Option<date::PartialDate>,
}

impl Document {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            ref_date: None,
        }
    }
}

/// Compiled rules and gazetteer; holds no per-run state, so documents can be processed
/// in any order.
pub struct Engine {
    rules: RuleSet,
    gazetteer: Gazetteer,
    /// Home province code for every document (`--province`); inferred per document if None.
    province: Option<String>,
    /// Publication date for documents that carry none (`--ref-date`).
    ref_date: Option<date::PartialDate>,
    /// Place role cues (`rules/roles.toml`).
    roles: roles::Roles,
    /// How labels are made of words (`rules/labels.toml`).
    labels: indicator::grammar::LabelGrammar,
}

impl Engine {
    pub fn new(rules: RuleSet, gazetteer: Gazetteer) -> Engine {
        Engine {
            rules,
            gazetteer,
            province: None,
            ref_date: None,
            roles: roles::Roles::embedded().expect("rules/roles.toml is checked by the tests"),
            labels: indicator::grammar::LabelGrammar::embedded()
                .expect("rules/labels.toml is checked by the tests"),
        }
    }

    /// The rules and gazetteer shipped in the binary.
    pub fn with_default_rules() -> anyhow::Result<Engine> {
        Ok(Engine::new(RuleSet::embedded()?, Gazetteer::embedded()?))
    }

    /// An engine from loaded rules; region aliases in them extend the gazetteer.
    pub fn with_rules(rules: RuleSet) -> anyhow::Result<Engine> {
        let gazetteer = Gazetteer::embedded_with(&rules.region_aliases)?;
        Ok(Engine::new(rules, gazetteer))
    }

    /// Sets every document's home province (a name like 内蒙古 or 内蒙古自治区, or a code).
    pub fn with_province(mut self, name: &str) -> anyhow::Result<Engine> {
        let region = self
            .gazetteer
            .get(name)
            .or_else(|| self.gazetteer.by_name(name))
            .filter(|r| r.level == 1)
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "--province {name:?}: not a province; use a name like 内蒙古 or a code like 150000"
                )
            })?;
        self.province = Some(region.code.to_string());
        Ok(self)
    }

    /// Resolves partial dates of documents without their own date against `day`.
    pub fn with_ref_date(mut self, day: date::PartialDate) -> Engine {
        self.ref_date = Some(day);
        self
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    pub fn roles(&self) -> &roles::Roles {
        &self.roles
    }

    /// The label grammar (`rules/labels.toml`).
    pub fn labels(&self) -> &indicator::grammar::LabelGrammar {
        &self.labels
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The date a document's partial dates resolve against, and where it came from: its
    /// record's date field, else the page's own date, else `--ref-date`.
    pub fn reference_date(
        &self,
        doc: &Document,
    ) -> Option<(date::PartialDate, reference_date::Source)> {
        use reference_date::Source;
        doc.ref_date
            .map(|d| (d, Source::Record))
            .or_else(|| {
                reference_date::page_date(&doc.text).map(|(d, line)| (d, Source::Page { line }))
            })
            .or_else(|| self.ref_date.map(|d| (d, Source::Flag)))
    }

    /// Every fact in the document, in text order.
    pub fn extract(&self, doc: &Document) -> Vec<Fact> {
        let mut facts = Vec::new();
        let done: Result<(), std::convert::Infallible> = self.extract_each(doc, |f| {
            facts.push(f);
            Ok(())
        });
        match done {
            Ok(()) => facts,
        }
    }

    /// Hands each fact of the document to `emit` as soon as it is made, in text order, so
    /// a huge page's facts need not be held at once. Stops at `emit`'s first error.
    pub fn extract_each<E>(
        &self,
        doc: &Document,
        mut emit: impl FnMut(Fact) -> Result<(), E>,
    ) -> Result<(), E> {
        let original = doc.text.as_str();
        let doc_id: fact::Shared = doc.id.as_str().into();
        let norm = normalize::normalize(original);
        let gaz = &self.gazetteer;
        let spans = segment::sentences(&norm.text);
        let regions = self.regions(original, &norm, &spans);
        let mut pos = Position::default();
        let mut repeats = repeat::Repeats::default();
        let newlines: Vec<usize> = memchr::memchr_iter(b'\n', original.as_bytes()).collect();
        let reference = self.reference_date(doc).map(|(d, _)| d);
        let title_years: Vec<Option<String>> = regions
            .articles
            .iter()
            .map(|a| a.title.as_deref().and_then(period::title_year))
            .collect();
        for (sent_index, &span) in spans.iter().enumerate() {
            let cands = lexer::scan(&self.rules, &norm.text, span.start, span.end);
            if cands.is_empty() {
                continue;
            }
            let (sa, sb) = norm.origin_range(span.start, span.end);
            // A "sentence" without punctuation can be megabytes long (a scraped page on one
            // line); then each fact gets the text around it instead.
            const MAX_SENTENCE_BYTES: usize = 3000;
            let long = sb - sa > MAX_SENTENCE_BYTES;
            // Shared by the sentence's facts: one copy of the text, not one per fact.
            let sentence: fact::Shared = if long {
                "".into()
            } else {
                strip_breaks(&original[sa..sb]).into()
            };
            let mut cands = cands;
            if let Some(r) = &reference {
                for c in cands.iter_mut() {
                    if let Some(parts) = &c.date {
                        let resolved = parts.resolve(r);
                        c.value = Value::Text(resolved.start.iso());
                        c.value_max = resolved.end.map(|e| Value::Text(e.iso()));
                    }
                }
            }
            // Each fact's clause, read by its period, its region and its name.
            let clauses: Vec<(usize, usize)> = cands
                .iter()
                .map(|c| segment::clause(&norm.text, span.start, span.end, c.start, c.end))
                .collect();
            let periods = period::periods(&norm.text, (span.start, span.end), &cands, &clauses);
            let ends: Vec<usize> = cands.iter().map(|c| c.end).collect();
            // Where each fact's own clause starts (the next fact's item begins no earlier).
            let item_starts: Vec<usize> = clauses.iter().map(|cl| cl.0).collect();
            // Households right before people (10598户25743人贫困户): both are named by
            // the noun after the people.
            let pair_ends: Vec<Option<usize>> = (0..cands.len())
                .map(|i| match (cands.get(i), cands.get(i + 1)) {
                    (Some(h), Some(p))
                        if &*h.unit == "户"
                            && &*p.unit == "人"
                            && p.start == h.end
                            && self.labels.starts_with_noun(&norm.text[p.end..span.end]) =>
                    {
                        Some(p.end)
                    }
                    _ => None,
                })
                .collect();
            // The previous fact of the sentence: its kind, unit, end and label.
            let mut prev: Option<(fact::Shared, fact::Shared, usize, String)> = None;
            for (i, ((c, period), clause)) in
                cands.into_iter().zip(periods).zip(clauses).enumerate()
            {
                let (a, b) = norm.origin_range(c.start, c.end);
                pos.advance(original, a);
                // The paragraph: the fact's original line, in normalised offsets.
                let k = newlines.partition_point(|&nl| nl < a);
                let line_start = if k == 0 { 0 } else { newlines[k - 1] + 1 };
                let line_end = newlines.get(k).copied().unwrap_or(original.len());
                let para = (norm.from_origin(line_start), norm.from_origin(line_end));
                let item_from = match i.checked_sub(1).map(|j| ends[j]) {
                    Some(prev) if prev > clause.0 => prev,
                    _ => clause.0,
                };
                // The next fact's item starts at this fact's end when it shares the clause,
                // else at its clause's start.
                let item_to = match item_starts.get(i + 1) {
                    Some(&next) => next.max(c.end),
                    None => span.end,
                };
                let mut choice = regions.choose(
                    sent_index,
                    para,
                    clause,
                    (item_from, item_to),
                    (c.start, c.end),
                    pos.line,
                );
                let region = choice.code.as_deref().and_then(|code| gaz.get(code));
                let candidates = (!choice.candidates.is_empty()).then(|| {
                    choice
                        .candidates
                        .iter()
                        .map(|c| gaz.path(c))
                        .collect::<Vec<_>>()
                        .join(";")
                });
                let art = article::index_at(&regions.articles, pos.line);
                let article = art.and_then(|i| regions.articles[i].title.clone());
                // A figure that states no period of its own has its article title's year.
                let period = match period {
                    None if &*c.kind != "date" => art.and_then(|i| title_years[i].clone()),
                    p => p,
                };
                let region_mention = region.and(choice.mention.take());
                let naming = match &prev {
                    // People counted right after households (185户598人): the same group.
                    Some((_, unit, end, label))
                        if &**unit == "户" && &*c.unit == "人" && *end == c.start =>
                    {
                        Some(indicator::Naming {
                            label: self.labels.persons_of(label),
                            source: "people right after households".to_string(),
                        })
                    }
                    _ => self.name_indicator(
                        &norm.text,
                        &regions,
                        (span.start, span.end),
                        clause,
                        &c,
                        Neighbours {
                            prev_label: prev
                                .as_ref()
                                .filter(|(k, ..)| *k == c.kind)
                                .map(|(.., l)| l.as_str()),
                            prev_any: prev.as_ref().map(|(.., l)| l.as_str()),
                            after_from: pair_ends[i].unwrap_or(c.end),
                        },
                    ),
                };
                let (indicator, indicator_source) = match naming {
                    Some(n) => (Some(n.label), Some(n.source)),
                    None => (None, None),
                };
                // The next fact of a list may be measured as this one (乙镇100万元).
                prev = indicator
                    .clone()
                    .map(|l| (c.kind.clone(), c.unit.clone(), c.end, l));
                let mut fact = Fact {
                    doc: doc_id.clone(),
                    kind: c.kind,
                    region: region.map(|r| r.name.clone()),
                    region_code: region.map(|r| r.code.clone()),
                    region_path: region.map(|r| gaz.path(&r.code)),
                    region_candidates: candidates,
                    article,
                    indicator,
                    indicator_source,
                    value: c.value,
                    value_max: c.value_max,
                    unit: c.unit,
                    qualifier: c.qualifier,
                    raw: strip_breaks(&original[a..b]),
                    date: period,
                    sentence: if long {
                        window(original, (sa, sb), (a, b)).into()
                    } else {
                        sentence.clone()
                    },
                    offset: pos.chars,
                    line: pos.line,
                    rule: self.rules.rules[c.rule].id.clone(),
                    region_mention,
                    repeat_of: None,
                    region_reason: Some(choice.reason),
                };
                fact.repeat_of = repeats.check(art, &fact);
                emit(fact)?;
            }
        }
        Ok(())
    }
}

impl Engine {
    /// The articles of a page as one line each: start line, home region (and where it
    /// came from), title, first sentence.
    pub fn articles(&self, doc: &Document) -> Vec<String> {
        let gaz = &self.gazetteer;
        self.page_regions(doc, |page| {
            page.articles
                .iter()
                .zip(&page.homes)
                .map(|(a, home)| {
                    let region = a
                        .region
                        .as_deref()
                        .and_then(|c| gaz.get(c))
                        .map_or("-".to_string(), |r| format!("{} {}", r.name, r.code));
                    format!(
                        "line {:>4} | {} ({}) | {} | {}",
                        a.line,
                        region,
                        attribution::describe(home),
                        a.title.as_deref().unwrap_or("-"),
                        a.first_sentence.as_deref().unwrap_or("-")
                    )
                })
                .collect()
        })
    }

    /// The articles of a page as `extract` sees them (same home province and homes), for
    /// the review page's headings and `factx articles`.
    pub fn articles_of(&self, doc: &Document) -> Vec<article::Article> {
        self.page_regions(doc, |r| r.articles.clone())
    }

    /// The page's places, articles and homes, as `extract` builds them, handed to `f`.
    pub fn page_regions<T>(&self, doc: &Document, f: impl FnOnce(&PageRegions) -> T) -> T {
        let norm = normalize::normalize(&doc.text);
        let spans = segment::sentences(&norm.text);
        f(&self.regions(&doc.text, &norm, &spans))
    }

    /// The one gazetteer pass over a page, and what attribution builds on it.
    fn regions<'a>(
        &'a self,
        original: &str,
        norm: &'a normalize::Normalized,
        spans: &'a [segment::Span],
    ) -> PageRegions<'a> {
        let places = self.gazetteer.matches(&norm.text);
        let home = self.home(&places);
        PageRegions::build(
            &self.gazetteer,
            &self.roles,
            norm,
            original,
            &places,
            home.as_deref(),
            spans,
        )
    }

    /// A document's home province: `--province`, else inferred from the places found in
    /// its normalised text.
    fn home(&self, places: &[region::RawMatch]) -> Option<String> {
        self.province
            .clone()
            .or_else(|| self.gazetteer.infer_province_in(places))
    }

    /// Names what the candidate measures, from its clause.
    fn name_indicator(
        &self,
        text: &str,
        regions: &PageRegions,
        (sent_start, sent_end): (usize, usize),
        (a, b): (usize, usize),
        c: &lexer::Candidate,
        near: Neighbours,
    ) -> Option<indicator::Naming> {
        let Neighbours {
            prev_label,
            prev_any,
            after_from,
        } = near;
        if let Some(label) = &self.rules.rules[c.rule].indicator {
            return Some(indicator::Naming {
                label: label.clone(),
                source: format!("rule {}", self.rules.rules[c.rule].id),
            });
        }
        let is_date = &*c.kind == "date";
        if let Some(n) = self
            .labels
            .cue(text, (a, b), (c.start, c.end), is_date, &c.unit)
        {
            return Some(n);
        }
        let plain_from = regions
            .within(a, c.start)
            .iter()
            // Town names are part of what a figure is about (东湖镇等5个乡镇); the namer
            // reads the region table's places only.
            .filter(|m| !m.town && m.start >= a && m.end <= c.start)
            .map(|m| m.end)
            .max()
            .unwrap_or(a);
        let step = |at: usize| at + text[at..].chars().next().map_or(0, char::len_utf8);
        let (next_from, next_to) = if b < sent_end {
            let from = step(b);
            let (_, end) = segment::clause(text, sent_start, sent_end, from, from);
            (from.min(end), end)
        } else {
            (b, b)
        };
        let prev_clause = if a > sent_start {
            let to = a.saturating_sub(1).max(sent_start);
            let to = (sent_start..=to)
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(sent_start);
            let (start, _) = segment::clause(text, sent_start, sent_end, to, to);
            &text[start..to]
        } else {
            ""
        };
        // Place names say where, not what happened: drop them from a date's event.
        let without_places = |from: usize, to: usize| {
            let mut out = String::new();
            let mut at = from;
            for m in regions
                .within(from, to)
                .iter()
                .filter(|m| !m.town && m.start >= from && m.end <= to)
            {
                out.push_str(&text[at..m.start]);
                at = m.end;
            }
            out.push_str(&text[at.min(to)..to]);
            out
        };
        // Only a date's event reads these; a number's name does not, so skip the copies.
        let after_plain = if is_date {
            without_places(c.end, b)
        } else {
            String::new()
        };
        let next_clause = if is_date {
            without_places(next_from, next_to)
        } else {
            String::new()
        };
        let ctx = indicator::Context {
            before: &text[a..c.start],
            before_plain: &text[plain_from..c.start],
            after: &text[after_from.min(b)..b],
            after_plain: &after_plain,
            next_clause: &next_clause,
            prev_clause,
            // The project a fact is about is named close before it; a bounded look-back
            // keeps a megabyte-long sentence linear.
            sentence_before: {
                &text
                    [segment::ceil_char(text, c.start.saturating_sub(300).max(sent_start))..c.start]
            },
            is_date,
            counted: matches!(&*c.kind, "count" | "area"),
            kind: &c.kind,
        };
        let naming = indicator::Namer {
            rules: &self.rules.indicators,
            fallback: &self.rules.fallback,
            sets: &self.rules.indicator_sets,
        }
        .name(&ctx)?;
        self.labels.apply(
            naming,
            &indicator::grammar::Window {
                before: ctx.before,
                after: ctx.after,
                sentence_before: ctx.sentence_before,
                // A bounded look ahead: a megabyte-long sentence stays linear.
                sentence_after: {
                    let from = b.max(c.end);
                    &text[from..segment::floor_char(text, sent_end.min(from + 300))]
                },
                places: regions.within(a, b),
                before_at: a,
                after_at: after_from.min(b),
                unit: &c.unit,
                is_date,
                prev_label,
                prev_any,
            },
        )
    }
}

/// What the facts around a fact say about its name.
struct Neighbours<'a> {
    /// The label of the previous fact of the same kind in the sentence (a list's measure).
    prev_label: Option<&'a str>,
    /// The label of the previous fact of any kind (what a change compares).
    prev_any: Option<&'a str>,
    /// Where the text after the fact starts for its name: past the people counted right
    /// after households.
    after_from: usize,
}

/// Character offset and line of a byte position, advanced incrementally so a document
/// with many facts is still walked once.
#[derive(Default)]
struct Position {
    byte: usize,
    chars: usize,
    line: usize,
}

impl Position {
    fn advance(&mut self, text: &str, to: usize) {
        if self.line == 0 {
            self.line = 1;
        }
        if to < self.byte {
            // Facts come in text order; restart rather than trust a wrong count.
            *self = Position::default();
            self.line = 1;
        }
        let seg = &text[self.byte..to];
        self.chars += seg.chars().count();
        self.line += memchr::memchr_iter(b'\n', seg.as_bytes()).count();
        self.byte = to;
    }
}

/// The text around `a..b` inside a very long sentence `sa..sb`, marked with … where cut.
fn window(original: &str, (sa, sb): (usize, usize), (a, b): (usize, usize)) -> String {
    const CONTEXT: usize = 120;
    let from = segment::ceil_char(original, a.saturating_sub(CONTEXT).max(sa));
    let to = segment::floor_char(original, (b + CONTEXT).min(sb));
    let mut out = String::new();
    if from > sa {
        out.push('…');
    }
    out.push_str(&strip_breaks(&original[from..to]));
    if to < sb {
        out.push('…');
    }
    out
}

/// A text with the page layout's line breaks (and the indentation after them) removed.
fn strip_breaks(s: &str) -> String {
    if !s.contains('\n') {
        return s.trim().to_string();
    }
    s.lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}'))
        .collect::<String>()
}
