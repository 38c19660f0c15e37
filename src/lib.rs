//! factx: turns Chinese regional news into spreadsheet-ready facts.
//!
//! The pipeline flows one way, one folder per stage: [`page`] (normalisation with a map
//! back to the original, sentences, articles, the page's own date) → [`quantity`] (the
//! [`rules`]' matches in each sentence, exact numbers and dates) → [`place`] (mentions,
//! roles, each fact's region), [`indicator`] (what it measures) and [`period`] (when) →
//! [`Fact`] records ([`fact`], with repeats marked), written by [`output`]. [`Engine`]
//! composes the stages; [`eval`] scores facts against hand-labelled gold; [`cmd`] is the
//! command line.
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
pub mod trie;
pub mod value;

pub use fact::{Fact, Value};
pub use place::region::Gazetteer;
pub use rules::RuleSet;
pub use value::decimal::Decimal;

use fact::repeat;
use indicator::name::SentenceNamer;
use page::{article, reference_date, segment, Page};
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
    ///
    /// The pipeline: the page (normalised text, sentences) → its places, articles and
    /// homes → per sentence, the quantities and dates the rules find → for each, its
    /// region, its name, its period → a fact, marked when it repeats an earlier one.
    pub fn extract_each<E>(
        &self,
        doc: &Document,
        mut emit: impl FnMut(Fact) -> Result<(), E>,
    ) -> Result<(), E> {
        let page = Page::new(&doc.text);
        let regions = self.regions(&page);
        let whole = WholePage {
            page: &page,
            regions: &regions,
            reference: self.reference_date(doc).map(|(d, _)| d),
            title_years: period::title_years(&regions.articles),
            doc_id: doc.id.as_str().into(),
        };
        let mut walk = Walk::default();
        for sent_index in 0..page.sentences.len() {
            self.sentence_facts(&whole, &mut walk, sent_index, &mut emit)?;
        }
        Ok(())
    }

    /// The facts of one sentence, in text order: the rules' quantities and dates, each
    /// with its region, name and period.
    fn sentence_facts<E>(
        &self,
        whole: &WholePage,
        walk: &mut Walk,
        sent_index: usize,
        emit: &mut impl FnMut(Fact) -> Result<(), E>,
    ) -> Result<(), E> {
        let (page, regions) = (whole.page, whole.regions);
        let span = page.sentences[sent_index];
        let sentence = (span.start, span.end);
        let mut cands = lexer::scan(&self.rules, page.text(), span.start, span.end);
        if cands.is_empty() {
            return Ok(());
        }
        if let Some(day) = &whole.reference {
            lexer::resolve_dates(&mut cands, day);
        }
        let spans: Vec<(usize, usize)> = cands.iter().map(|c| (c.start, c.end)).collect();
        let clauses = segment::clauses_of(page.text(), sentence, &spans);
        let items = segment::list_items(sentence, &spans, &clauses);
        let periods = period::periods(page.text(), sentence, &cands, &clauses);
        let mut namer = SentenceNamer::new(
            &self.rules,
            &self.labels,
            page.text(),
            regions,
            sentence,
            &cands,
        );
        let text = SentenceText::new(page, sentence);
        for (i, (c, period)) in cands.into_iter().zip(periods).enumerate() {
            let (a, b) = page.origin_range(c.start, c.end);
            walk.cursor.advance(page.original, a);
            let line = walk.cursor.line;
            let choice = regions.choose(
                sent_index,
                page.paragraph(a),
                clauses[i],
                items[i],
                spans[i],
                line,
            );
            let naming = namer.name(i, &c, clauses[i]);
            let art = article::index_at(&regions.articles, line);
            let mut fact = self.fact(FactParts {
                doc: &whole.doc_id,
                date: period::or_title_year(period, &c.kind, art.map(|i| &whole.title_years[i])),
                candidate: c,
                choice,
                naming,
                article: art.and_then(|i| regions.articles[i].title.clone()),
                raw: page.original_text((a, b)),
                sentence: text.around(page, (a, b)),
                cursor: &walk.cursor,
            });
            fact.repeat_of = walk.repeats.check(art, &fact);
            emit(fact)?;
        }
        Ok(())
    }

    /// The record of a candidate, from what each stage decided about it.
    fn fact(&self, parts: FactParts) -> Fact {
        let FactParts {
            doc,
            candidate: c,
            mut choice,
            naming,
            article,
            raw,
            date,
            sentence,
            cursor,
        } = parts;
        let gaz = &self.gazetteer;
        let region = choice.code.as_deref().and_then(|code| gaz.get(code));
        let region_candidates = (!choice.candidates.is_empty()).then(|| {
            choice
                .candidates
                .iter()
                .map(|c| gaz.path(c))
                .collect::<Vec<_>>()
                .join(";")
        });
        let (indicator, indicator_source) = match naming {
            Some(n) => (Some(n.label), Some(n.source)),
            None => (None, None),
        };
        Fact {
            doc: doc.clone(),
            kind: c.kind,
            region: region.map(|r| r.name.clone()),
            region_code: region.map(|r| r.code.clone()),
            region_path: region.map(|r| gaz.path(&r.code)),
            region_candidates,
            article,
            indicator,
            indicator_source,
            value: c.value,
            value_max: c.value_max,
            unit: c.unit,
            qualifier: c.qualifier,
            raw,
            date,
            sentence,
            offset: cursor.chars,
            line: cursor.line,
            rule: self.rules.rules[c.rule].id.clone(),
            region_mention: region.and(choice.mention.take()),
            repeat_of: None,
            region_reason: Some(choice.reason),
        }
    }
}

/// What the whole page gives each of its sentences.
struct WholePage<'a> {
    page: &'a Page<'a>,
    regions: &'a PageRegions<'a>,
    /// The day partial dates resolve against.
    reference: Option<date::PartialDate>,
    /// Each article's title year.
    title_years: Vec<Option<String>>,
    doc_id: fact::Shared,
}

/// Where the walk through a page is: its position, and the figures its article stated.
#[derive(Default)]
struct Walk {
    cursor: page::Cursor,
    repeats: repeat::Repeats,
}

/// What the stages decided about one candidate, for [`Engine::fact`].
struct FactParts<'a> {
    doc: &'a fact::Shared,
    candidate: lexer::Candidate,
    choice: attribution::Choice,
    naming: Option<indicator::Naming>,
    article: Option<fact::Shared>,
    raw: String,
    date: Option<String>,
    sentence: fact::Shared,
    cursor: &'a page::Cursor,
}

/// A sentence's original text, shared by its facts; a "sentence" without punctuation can
/// be megabytes long (a scraped page on one line), and then each fact gets the text
/// around it instead.
struct SentenceText {
    range: (usize, usize),
    /// None for a very long sentence.
    shared: Option<fact::Shared>,
}

impl SentenceText {
    const MAX_BYTES: usize = 3000;

    fn new(page: &Page, (start, end): (usize, usize)) -> SentenceText {
        let range = page.origin_range(start, end);
        let shared =
            (range.1 - range.0 <= Self::MAX_BYTES).then(|| page.original_text(range).into());
        SentenceText { range, shared }
    }

    /// The text a fact at original `a..b` carries as its sentence.
    fn around(&self, page: &Page, fact: (usize, usize)) -> fact::Shared {
        match &self.shared {
            Some(s) => s.clone(),
            None => page::window(page.original, self.range, fact).into(),
        }
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
        let page = Page::new(&doc.text);
        f(&self.regions(&page))
    }

    /// The one gazetteer pass over a page, and what attribution builds on it.
    fn regions<'a>(&'a self, page: &'a Page) -> PageRegions<'a> {
        let places = self.gazetteer.matches(page.text());
        let home = self.home(&places);
        PageRegions::build(
            &self.gazetteer,
            &self.roles,
            &page.norm,
            page.original,
            &places,
            home.as_deref(),
            &page.sentences,
        )
    }

    /// A document's home province: `--province`, else inferred from the places found in
    /// its normalised text.
    fn home(&self, places: &[region::RawMatch]) -> Option<String> {
        self.province
            .clone()
            .or_else(|| self.gazetteer.infer_province_in(places))
    }
}
