//! The Fact record: one row of output, fields in their documented order.

use crate::decimal::Decimal;
use serde::Serialize;
use std::fmt;

/// A fact's value: an exact number, or ISO date text (`2025-05-01`, `2024-12`, `--11-17`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
    pub doc: String,
    pub kind: String,
    /// Official full name of the most specific region the fact belongs to.
    pub region: Option<String>,
    /// 6-digit division code of `region`.
    pub region_code: Option<String>,
    /// 内蒙古自治区/兴安盟/科尔沁右翼前旗.
    pub region_path: Option<String>,
    /// When the region named is ambiguous and context does not settle it: the paths of
    /// the candidates, `;`-separated (and `region` stays empty).
    pub region_candidates: Option<String>,
    /// Title of the article the fact is in, when the page has one.
    pub article: Option<String>,
    pub indicator: Option<String>,
    pub value: Value,
    pub value_max: Option<Value>,
    pub unit: String,
    pub qualifier: Option<String>,
    pub raw: String,
    pub date: Option<String>,
    pub sentence: String,
    /// Character (Unicode scalar) offset of `raw` in the document.
    pub offset: usize,
    /// 1-based line of the start of `raw`.
    pub line: usize,
    pub rule: String,
    /// The words in the text that decided `region` (太旗, 郫县, 新惠镇, or the title's
    /// place when the article's home decided).
    pub region_mention: Option<String>,
    /// Why the region is what it is (for `factx explain`; not output).
    #[serde(skip)]
    pub region_reason: Option<std::borrow::Cow<'static, str>>,
    /// Which indicator rule or fallback named `indicator` (for `factx explain`; not output).
    #[serde(skip)]
    pub indicator_source: Option<String>,
}

/// Column names, in output order.
pub const FIELDS: [&str; 19] = [
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
];

impl Fact {
    /// The record as text cells in `FIELDS` order (empty string for a missing value).
    pub fn cells(&self) -> [String; 19] {
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        [
            self.doc.clone(),
            self.kind.clone(),
            opt(&self.region),
            opt(&self.region_code),
            opt(&self.region_path),
            opt(&self.region_candidates),
            opt(&self.article),
            opt(&self.indicator),
            self.value.to_string(),
            self.value_max
                .as_ref()
                .map(|v| v.to_string())
                .unwrap_or_default(),
            self.unit.clone(),
            opt(&self.qualifier),
            self.raw.clone(),
            opt(&self.date),
            self.sentence.clone(),
            self.offset.to_string(),
            self.line.to_string(),
            self.rule.clone(),
            opt(&self.region_mention),
        ]
    }
}
