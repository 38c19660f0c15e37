//! Output writers: CSV (header, RFC 4180 quoting), Excel-safe CSV, JSON Lines and one JSON
//! array, with a choice and order of columns. Records are written as they come, so output
//! streams. (XLSX, which needs the whole table, is in `xlsx`.)

use crate::fact::{Fact, Value, FIELDS};
use anyhow::{bail, Result};
use serde_json::value::RawValue;
use std::collections::BTreeMap;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    /// CSV for Excel and WPS: UTF-8 byte order mark, formula-safe text cells
    ExcelCsv,
    Jsonl,
    Json,
    /// An .xlsx workbook (needs -o FILE; built with the `xlsx` feature)
    Xlsx,
    /// A review page: every fact highlighted in its document (self-contained HTML)
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Header {
    En,
    Zh,
}

/// Chinese column names, in `FIELDS` order.
pub const FIELDS_ZH: [&str; 18] = [
    "文档",
    "类别",
    "地区",
    "地区代码",
    "地区路径",
    "候选地区",
    "文章",
    "指标",
    "数值",
    "数值上限",
    "单位",
    "限定",
    "原文数值",
    "时间",
    "原文",
    "偏移",
    "行",
    "规则",
];

/// Which columns to write, in which order, under which names.
#[derive(Debug, Clone)]
pub struct Columns {
    /// Indices into `FIELDS`.
    pub fields: Vec<usize>,
    pub header: Vec<String>,
}

impl Columns {
    /// From `--fields a,b,c` (all when None) and `--header`.
    pub fn new(fields: Option<&str>, header: Header) -> Result<Columns> {
        let fields: Vec<usize> = match fields {
            None => (0..FIELDS.len()).collect(),
            Some(list) => list
                .split(',')
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .map(|f| {
                    FIELDS.iter().position(|&k| k == f).ok_or_else(|| {
                        anyhow::anyhow!(
                            "--fields: unknown field {f:?}; the fields are {}",
                            FIELDS.join(",")
                        )
                    })
                })
                .collect::<Result<_>>()?,
        };
        if fields.is_empty() {
            bail!("--fields: name at least one field");
        }
        let names: &[&str] = match header {
            Header::En => &FIELDS,
            Header::Zh => &FIELDS_ZH,
        };
        let header = fields.iter().map(|&i| names[i].to_string()).collect();
        Ok(Columns { fields, header })
    }

    pub fn names(&self) -> Vec<&'static str> {
        self.fields.iter().map(|&i| FIELDS[i]).collect()
    }

    fn all(&self) -> bool {
        self.fields.len() == FIELDS.len() && self.fields.iter().enumerate().all(|(i, &f)| i == f)
    }
}

/// Money in the unit an analyst's sheet uses (万元, 亿元): exact division by 10^4 or 10^8.
pub fn in_money_unit(mut fact: Fact, money_unit: &str) -> Fact {
    let exp = match money_unit {
        "万元" => 4,
        "亿元" => 8,
        _ => return fact,
    };
    if fact.unit != "元" {
        return fact;
    }
    let scale = |v: &Value| match v {
        Value::Number(d) => d.checked_div_pow10(exp).map(Value::Number),
        Value::Text(_) => None,
    };
    if let Some(v) = scale(&fact.value) {
        fact.value = v;
        fact.value_max = fact.value_max.as_ref().and_then(scale);
        fact.unit = money_unit.to_string();
    }
    fact
}

/// A text cell Excel would run as a formula (= + - @ first) gets a leading apostrophe.
fn formula_safe(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

const NUMERIC: [&str; 4] = ["value", "value_max", "offset", "line"];

pub enum FactWriter<W: Write> {
    Csv(Box<csv::Writer<W>>, Columns, bool),
    Jsonl(W, Columns),
    /// The writer, the columns and how many records are in the array so far.
    Json(W, Columns, usize),
}

impl<W: Write> FactWriter<W> {
    /// `bom`: start with a UTF-8 byte order mark (for Excel); on by default for excel-csv.
    pub fn new(format: Format, mut out: W, columns: Columns, bom: bool) -> Result<FactWriter<W>> {
        if bom {
            out.write_all("\u{FEFF}".as_bytes())?;
        }
        Ok(match format {
            Format::Csv | Format::ExcelCsv => {
                let mut c = csv::Writer::from_writer(out);
                c.write_record(&columns.header)?;
                FactWriter::Csv(Box::new(c), columns, format == Format::ExcelCsv)
            }
            Format::Jsonl => FactWriter::Jsonl(out, columns),
            Format::Json => {
                out.write_all(b"[")?;
                FactWriter::Json(out, columns, 0)
            }
            Format::Xlsx => bail!("xlsx is written by the xlsx writer, not as a stream"),
            Format::Html => bail!("html is written by the review page, not as a stream"),
        })
    }

    /// Plain: all columns in JSON, for tests and the library.
    pub fn plain(format: Format, out: W) -> Result<FactWriter<W>> {
        FactWriter::new(format, out, Columns::new(None, Header::En)?, false)
    }

    pub fn write(&mut self, fact: &Fact) -> Result<()> {
        match self {
            FactWriter::Csv(c, cols, excel) => {
                let cells = fact.cells();
                let row: Vec<String> = cols
                    .fields
                    .iter()
                    .map(|&i| {
                        let cell = cells[i].clone();
                        if *excel && !NUMERIC.contains(&FIELDS[i]) {
                            formula_safe(cell)
                        } else {
                            cell
                        }
                    })
                    .collect();
                c.write_record(row)?;
            }
            FactWriter::Jsonl(o, cols) => {
                o.write_all(json(fact, cols)?.as_bytes())?;
                o.write_all(b"\n")?;
            }
            FactWriter::Json(o, cols, n) => {
                o.write_all(if *n == 0 { b"\n" } else { b",\n" })?;
                o.write_all(json(fact, cols)?.as_bytes())?;
                *n += 1;
            }
        }
        Ok(())
    }

    /// Pushes what is buffered, so a reader downstream sees each document's facts.
    pub fn flush(&mut self) -> Result<()> {
        match self {
            FactWriter::Csv(c, _, _) => c.flush()?,
            FactWriter::Jsonl(o, _) | FactWriter::Json(o, _, _) => o.flush()?,
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<()> {
        if let FactWriter::Json(o, _, n) = &mut self {
            o.write_all(if *n == 0 { b"]\n" } else { b"\n]\n" })?;
        }
        self.flush()
    }
}

/// One record as a JSON object with the chosen keys in order; numbers stay exact (the
/// fields are re-emitted as the raw JSON text they were serialised to).
fn json(fact: &Fact, cols: &Columns) -> Result<String> {
    let full = serde_json::to_string(fact)?;
    if cols.all() {
        return Ok(full);
    }
    let map: BTreeMap<String, Box<RawValue>> = serde_json::from_str(&full)?;
    let mut out = String::from("{");
    for (k, name) in cols.names().iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(name)?);
        out.push(':');
        out.push_str(map.get(*name).map_or("null", |v| v.get()));
    }
    out.push('}');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decimal::Decimal;

    #[test]
    fn formula_cells_are_defused() {
        assert_eq!(formula_safe("=SUM(A1)".into()), "'=SUM(A1)");
        assert_eq!(formula_safe("-1+2".into()), "'-1+2");
        assert_eq!(formula_safe("投资".into()), "投资");
    }

    #[test]
    fn money_units_divide_exactly() {
        let d = |s: &str| Value::Number(s.parse::<Decimal>().expect("decimal"));
        let mut f = crate::Engine::with_default_rules()
            .expect("rules")
            .extract(&crate::Document::new("t", "投入资金1615万元"))
            .remove(0);
        assert_eq!(f.value, d("16150000"));
        f = in_money_unit(f, "亿元");
        assert_eq!((f.value.clone(), f.unit.as_str()), (d("0.1615"), "亿元"));
    }

    #[test]
    fn columns_choose_and_name() {
        let c = Columns::new(Some("region,value,unit"), Header::Zh).expect("columns");
        assert_eq!(c.header, vec!["地区", "数值", "单位"]);
        assert!(Columns::new(Some("nope"), Header::En).is_err());
    }
}
