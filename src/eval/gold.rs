//! Loading gold files: JSON Lines of hand-labelled facts, values parsed exactly.

use crate::fact::Value;
use crate::value::decimal::Decimal;
use anyhow::{anyhow, bail, Context, Result};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::BTreeMap;
use std::path::Path;

/// One hand-labelled fact.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GoldFact {
    pub doc: String,
    pub raw: String,
    pub value: Value,
    pub value_max: Option<Value>,
    pub unit: String,
    pub qualifier: Option<String>,
    pub indicator: Option<String>,
    pub region: Option<String>,
    pub region_parent: Option<String>,
    /// For a region renamed since (祁阳县 → 祁阳市): the name in force today. A predicted
    /// region equal to either `region` or `region_now` is right.
    pub region_now: Option<String>,
    pub date: Option<String>,
    pub context: String,
    /// 1-based line of the gold file.
    pub line: usize,
}

/// Gold facts by document file name, each list in gold-file order.
pub type Gold = BTreeMap<String, Vec<GoldFact>>;

/// One gold line as written; `value`s are kept as raw JSON so numbers parse exactly.
#[derive(Deserialize)]
struct GoldLine {
    doc: String,
    raw: String,
    value: Box<RawValue>,
    #[serde(default)]
    value_max: Option<Box<RawValue>>,
    unit: String,
    #[serde(default)]
    qualifier: Option<String>,
    #[serde(default)]
    indicator: Option<String>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    region_parent: Option<String>,
    #[serde(default)]
    region_now: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    context: Option<String>,
}

impl GoldLine {
    fn into_gold(self, line: usize) -> Result<GoldFact> {
        let unit = self.unit.trim().to_string();
        if self.raw.trim().is_empty() {
            bail!("empty `raw`");
        }
        let value = parse_value(&self.value, &unit).context("bad `value`")?;
        let value_max = match &self.value_max {
            Some(v) => Some(parse_value(v, &unit).context("bad `value_max`")?),
            None => None,
        };
        Ok(GoldFact {
            doc: basename(self.doc.trim()),
            raw: self.raw,
            value,
            value_max,
            unit,
            qualifier: non_empty(self.qualifier),
            indicator: non_empty(self.indicator),
            region: non_empty(self.region),
            region_parent: non_empty(self.region_parent),
            region_now: non_empty(self.region_now),
            date: non_empty(self.date),
            context: self.context.unwrap_or_default(),
            line,
        })
    }
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// The file name of a path-like document name (`seeds/000_x.txt` → `000_x.txt`).
pub fn basename(name: &str) -> String {
    Path::new(name)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(name)
        .to_string()
}

/// A gold `value`: a JSON number parsed exactly, or a JSON string (ISO date text). A string
/// holding a plain number for a non-date unit is read as that number.
fn parse_value(raw: &RawValue, unit: &str) -> Result<Value> {
    let text = raw.get().trim();
    if text.starts_with('"') {
        let s: String = serde_json::from_str(text).context("bad JSON string")?;
        if unit != "date" {
            if let Ok(d) = s.trim().parse::<Decimal>() {
                return Ok(Value::Number(d));
            }
        }
        return Ok(Value::Text(s));
    }
    parse_json_number(text).map(Value::Number)
}

/// Exact parse of JSON number text, including an exponent (`1.82e8`).
fn parse_json_number(text: &str) -> Result<Decimal> {
    let (mantissa, exp) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    let m: Decimal = mantissa
        .parse()
        .map_err(|e| anyhow!("{e}: {text:?} is not a number or a date string"))?;
    let Some(exp) = exp else {
        return Ok(m);
    };
    let exp: i32 = exp
        .trim_start_matches('+')
        .parse()
        .with_context(|| format!("bad exponent in {text:?}"))?;
    let scaled = if exp >= 0 {
        Decimal::pow10(exp.unsigned_abs()).and_then(|p| m.checked_mul(p))
    } else {
        m.checked_div_pow10(exp.unsigned_abs())
    };
    scaled.ok_or_else(|| anyhow!("number {text:?} out of range"))
}

/// Reads every `*.jsonl` file in `dir` (sorted by name) into gold facts by document.
/// Blank lines are skipped; a bad line is an error naming `file:line`.
pub fn load_gold(dir: &Path) -> Result<Gold> {
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("reading gold directory {}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("reading gold directory {}", dir.display()))?;
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "jsonl") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        bail!("no *.jsonl gold files in {}", dir.display());
    }
    let mut gold = Gold::new();
    for path in files {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading gold file {}", path.display()))?;
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            let line = line.trim_start_matches('\u{feff}').trim();
            if line.is_empty() {
                continue;
            }
            let rec: GoldLine = serde_json::from_str(line)
                .with_context(|| format!("{}:{line_no}: bad gold JSON", path.display()))?;
            let fact = rec
                .into_gold(line_no)
                .with_context(|| format!("{}:{line_no}: bad gold fact", path.display()))?;
            gold.entry(fact.doc.clone()).or_default().push(fact);
        }
    }
    Ok(gold)
}
