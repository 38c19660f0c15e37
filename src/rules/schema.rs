//! The rule files as written: the serde structs of `rules/*.toml`.

use super::indicators::{FallbackDef, IndicatorDef};
use crate::value::decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    #[serde(default)]
    pub defs: BTreeMap<String, String>,
    #[serde(default)]
    pub unit: Vec<UnitDef>,
    #[serde(default)]
    pub qualifier: Vec<QualifierDef>,
    #[serde(default)]
    pub veto: Vec<VetoDef>,
    #[serde(default)]
    pub rule: Vec<RuleDef>,
    #[serde(default)]
    pub indicator: Vec<IndicatorDef>,
    #[serde(default)]
    pub fallback: Option<FallbackDef>,
    /// Extra names for regions: `{ alias = "稀土高新区", code = "150271" }`.
    #[serde(default)]
    pub region_alias: Vec<RegionAliasDef>,
    /// Periods of a year (年初, 上半年, 一季度) and the months they span.
    #[serde(default)]
    pub period: Vec<PeriodDef>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodDef {
    pub word: String,
    /// First and last month of the period (上半年: [1, 6]).
    pub months: [u32; 2],
    /// Text right after the word that makes it part of another word (年初 + 步 is 初步).
    #[serde(default)]
    pub not_before: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionAliasDef {
    pub alias: String,
    pub code: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitDef {
    /// As written in text: 万元, 万亩, 人次.
    pub surface: String,
    /// Output kind: money, count, area, percent, weight, length, power, energy.
    pub kind: String,
    /// Canonical unit the value is expressed in: 元, 人, 亩.
    pub unit: String,
    /// Exact multiplier from this surface to the canonical unit, as decimal text ("10000").
    #[serde(default = "one")]
    pub scale: Spanned<String>,
    /// The unit does not count when the text right after it starts with one of these
    /// (个 before 月 is a duration, 人 before 民币 is money).
    #[serde(default)]
    pub not_before: Vec<String>,
    /// Numbers that are words, not counts, with this unit (一个, 一家).
    #[serde(default)]
    pub skip_numbers: Vec<String>,
    /// The unit counts only at the end of a phrase (before punctuation or the end of the
    /// text): 花了三块 is money, 三块展板 is not.
    #[serde(default)]
    pub phrase_end: bool,
}

fn one() -> Spanned<String> {
    Spanned::new(0..0, "1".to_string())
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualifierDef {
    pub surface: String,
    /// over, approx, under, up_to.
    pub label: String,
    /// before the number (超5000元), inside (400多万元, between number and unit) or after
    /// the unit (1000万元以上).
    pub position: Position,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Position {
    Before,
    Inside,
    After,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VetoDef {
    pub pattern: Spanned<String>,
    /// Why these are not facts; shown to rule authors.
    pub why: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    pub id: Spanned<String>,
    /// `quantity` (number + unit) or `date`.
    #[serde(default = "quantity")]
    pub kind: String,
    /// Canonical units whose surfaces `{UNIT}` stands for.
    #[serde(default)]
    pub units: Vec<String>,
    pub pattern: Spanned<String>,
    #[serde(default)]
    pub examples: Vec<Example>,
    #[serde(default)]
    pub counterexamples: Vec<String>,
    /// The indicator every match of this rule measures (亩产), when the rule says it.
    #[serde(default)]
    pub indicator: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

fn quantity() -> String {
    "quantity".to_string()
}

/// One example: `text` must give a record with these fields (from this rule).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub text: String,
    /// An integer, or decimal/date text ("0.83", "--11-17"); TOML floats are refused
    /// because they are binary.
    pub value: Spanned<toml::Value>,
    #[serde(default)]
    pub value_max: Option<Spanned<toml::Value>>,
    pub unit: String,
    #[serde(default)]
    pub qualifier: Option<String>,
    #[serde(default)]
    pub raw: Option<String>,
}

/// An example's expected value: an integer, or decimal text, or (for a date) ISO text.
pub fn example_value(v: &toml::Value, is_date: bool) -> Result<crate::fact::Value, String> {
    use crate::fact::Value;
    match v {
        toml::Value::Integer(i) => Ok(Value::Number(Decimal::from_int(i128::from(*i)))),
        toml::Value::String(s) if is_date => Ok(Value::Text(s.clone())),
        toml::Value::String(s) => s
            .parse::<Decimal>()
            .map(Value::Number)
            .map_err(|_| format!("{s:?} is not a plain decimal number")),
        toml::Value::Float(f) => Err(format!(
            "{f} is a TOML float, which is binary; write it as text: \"{f}\""
        )),
        other => Err(format!("{other} is not a number or text")),
    }
}
