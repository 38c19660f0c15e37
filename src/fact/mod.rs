//! The Fact record: one row of output, fields in their documented order.

pub mod repeat;

use crate::value::decimal::Decimal;
use serde::Serialize;
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

/// Text shared by many facts (a document's name, a sentence, a region): cloned by
/// reference count, not copied, for each fact that carries it.
pub type Shared = Arc<str>;

/// A fact's value: an exact number, or ISO date text (`2025-05-01`, `2024-12`, `--11-17`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum Value {
    Number(Decimal),
    Text(String),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Number(d) => d.fmt(f),
            Value::Text(t) => f.write_str(t),
        }
    }
}

/// One extracted fact. Field order here is the output column order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fact {
    pub doc: Shared,
    pub kind: Shared,
    /// Official full name of the most specific region the fact belongs to.
    pub region: Option<Shared>,
    /// 6-digit division code of `region`.
    pub region_code: Option<Shared>,
    /// 内蒙古自治区/兴安盟/科尔沁右翼前旗.
    pub region_path: Option<Shared>,
    /// When the region named is ambiguous and context does not settle it: the paths of
    /// the candidates, `;`-separated (and `region` stays empty).
    pub region_candidates: Option<String>,
    /// Title of the article the fact is in, when the page has one.
    pub article: Option<Shared>,
    pub indicator: Option<String>,
    pub value: Value,
    pub value_max: Option<Value>,
    pub unit: Shared,
    pub qualifier: Option<String>,
    pub raw: String,
    pub date: Option<String>,
    pub sentence: Shared,
    /// Character (Unicode scalar) offset of `raw` in the document.
    pub offset: usize,
    /// 1-based line of the start of `raw`.
    pub line: usize,
    pub rule: Shared,
    /// The words in the text that decided `region` (太旗, 郫县, 新惠镇, or the title's
    /// place when the article's home decided).
    pub region_mention: Option<String>,
    /// When this fact repeats an earlier one of the same article (a headline and its body,
    /// a lead and its paragraph): that fact's `offset`. Sum the rows where it is empty to
    /// count each figure once.
    pub repeat_of: Option<usize>,
    /// Why the region is what it is (for `factx explain`; not output).
    #[serde(skip)]
    pub region_reason: Option<std::borrow::Cow<'static, str>>,
    /// Which indicator rule or fallback named `indicator` (for `factx explain`; not output).
    #[serde(skip)]
    pub indicator_source: Option<String>,
}

/// Column names, in output order.
pub const FIELDS: [&str; 20] = [
    "doc",
    "kind",
    "region",
    "region_code",
    "region_path",
    "region_candidates",
    "article",
    "indicator",
    "value",
    "value_max",
    "unit",
    "qualifier",
    "raw",
    "date",
    "sentence",
    "offset",
    "line",
    "rule",
    "region_mention",
    "repeat_of",
];

impl Fact {
    /// Field `i` (in `FIELDS` order) as text, borrowed where the record holds it as text;
    /// empty for a missing value.
    pub fn cell(&self, i: usize) -> Cow<'_, str> {
        fn opt<S: AsRef<str>>(o: &Option<S>) -> Cow<'_, str> {
            Cow::Borrowed(o.as_ref().map_or("", AsRef::as_ref))
        }
        match i {
            0 => Cow::Borrowed(&self.doc),
            1 => Cow::Borrowed(&self.kind),
            2 => opt(&self.region),
            3 => opt(&self.region_code),
            4 => opt(&self.region_path),
            5 => opt(&self.region_candidates),
            6 => opt(&self.article),
            7 => opt(&self.indicator),
            8 => self.value.to_string().into(),
            9 => self
                .value_max
                .as_ref()
                .map_or(Cow::Borrowed(""), |v| v.to_string().into()),
            10 => Cow::Borrowed(&self.unit),
            11 => opt(&self.qualifier),
            12 => Cow::Borrowed(&self.raw),
            13 => opt(&self.date),
            14 => Cow::Borrowed(&self.sentence),
            15 => self.offset.to_string().into(),
            16 => self.line.to_string().into(),
            17 => Cow::Borrowed(&self.rule),
            18 => opt(&self.region_mention),
            _ => self
                .repeat_of
                .map_or(Cow::Borrowed(""), |o| o.to_string().into()),
        }
    }

    /// The record as text cells in `FIELDS` order (empty string for a missing value).
    pub fn cells(&self) -> [String; 20] {
        std::array::from_fn(|i| self.cell(i).into_owned())
    }
}
