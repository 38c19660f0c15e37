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
    pub region: Option<String>,
    pub region_code: Option<String>,
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
}

/// Column names, in output order.
pub const FIELDS: [&str; 15] = [
    "doc",
    "kind",
    "region",
    "region_code",
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
];

impl Fact {
    /// The record as text cells in `FIELDS` order (empty string for a missing value).
    pub fn cells(&self) -> [String; 15] {
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        [
            self.doc.clone(),
            self.kind.clone(),
            opt(&self.region),
            opt(&self.region_code),
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
        ]
    }
}
