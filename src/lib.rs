//! factx: turns Chinese regional news into spreadsheet-ready facts.
//!
//! The pipeline flows one way: [`normalize`] (full-width folding, layout line joins, with a
//! map back to the original) → [`segment`] (sentences) → [`lexer`] (quantity and date rules
//! from [`rules`], exact values via [`number`] and [`decimal`]) → [`Fact`] records, written
//! by [`output`]. [`eval`] scores facts against hand-labelled gold.
//!
//! ```
//! use factx::{Document, Engine};
//! let engine = Engine::with_default_rules().unwrap();
//! let facts = engine.extract(&Document::new("demo", "总投资1.82亿元,带动就业超1000人。"));
//! assert_eq!(facts[0].value.to_string(), "182000000");
//! assert_eq!(facts[1].qualifier.as_deref(), Some("over"));
//! ```

pub mod cli;
pub mod cmd;
pub mod date;
pub mod decimal;
pub mod eval;
pub mod examples;
pub mod fact;
pub mod input;
pub mod lexer;
pub mod normalize;
pub mod number;
pub mod output;
pub mod rules;
pub mod segment;

pub use decimal::Decimal;
pub use fact::{Fact, Value};
pub use rules::RuleSet;

/// One input text: a file, stdin, or (later) one JSON Lines record.
#[derive(Debug, Clone)]
pub struct Document {
    /// What `doc` says in every record: the path as given, or `-` for stdin.
    pub id: String,
    pub text: String,
}

impl Document {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
        }
    }
}

/// Compiled rules; holds no per-run state, so documents can be processed in any order.
#[derive(Debug)]
pub struct Engine {
    rules: RuleSet,
}

impl Engine {
    pub fn new(rules: RuleSet) -> Engine {
        Engine { rules }
    }

    /// The rules shipped in the binary.
    pub fn with_default_rules() -> anyhow::Result<Engine> {
        Ok(Engine::new(RuleSet::embedded()?))
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Every fact in the document, in text order.
    pub fn extract(&self, doc: &Document) -> Vec<Fact> {
        let original = doc.text.as_str();
        let norm = normalize::normalize(original);
        let mut facts = Vec::new();
        let mut pos = Position::default();
        for span in segment::sentences(&norm.text) {
            let cands = lexer::scan(&self.rules, &norm.text, span.start, span.end);
            if cands.is_empty() {
                continue;
            }
            let (sa, sb) = norm.origin_range(span.start, span.end);
            let sentence = strip_breaks(&original[sa..sb]);
            for c in cands {
                let (a, b) = norm.origin_range(c.start, c.end);
                pos.advance(original, a);
                facts.push(Fact {
                    doc: doc.id.clone(),
                    kind: c.kind,
                    region: None,
                    region_code: None,
                    indicator: None,
                    value: c.value,
                    value_max: c.value_max,
                    unit: c.unit,
                    qualifier: c.qualifier,
                    raw: strip_breaks(&original[a..b]),
                    date: None,
                    sentence: sentence.clone(),
                    offset: pos.chars,
                    line: pos.line,
                    rule: self.rules.rules[c.rule].id.clone(),
                });
            }
        }
        facts
    }
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
        self.line += seg.bytes().filter(|&b| b == b'\n').count();
        self.byte = to;
    }
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
