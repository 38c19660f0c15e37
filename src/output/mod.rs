//! Output writers: CSV (header, RFC 4180 quoting), Excel-safe CSV, JSON Lines and one JSON
//! array, with a choice and order of columns. Records are written as they come, so output
//! streams. (XLSX, which needs the whole table, is in `xlsx`.) `sheet` makes the cells of
//! the spreadsheet formats readable and formula-free; `zh` names kinds and qualifiers in
//! Chinese for `--header zh`.

pub mod html;
pub mod sheet;
#[cfg(feature = "xlsx")]
pub mod xlsx;
pub mod zh;

use crate::fact::{Fact, Value, FIELDS};
use anyhow::{bail, Result};
use std::cell::RefCell;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    /// CSV for Excel and WPS: UTF-8 byte order mark, formula-safe text cells
    ExcelCsv,
    Jsonl,
    Json,
    /// An .xlsx workbook (needs -o FILE)
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
pub const FIELDS_ZH: [&str; 20] = [
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
    "地区依据",
    "重复于",
];

/// Which columns to write, in which order, under which names.
#[derive(Debug, Clone)]
pub struct Columns {
    /// Indices into `FIELDS`.
    pub fields: Vec<usize>,
    pub header: Vec<String>,
    /// Each field's JSON key with what goes before it: `{"doc":`, then `,"kind":` …
    /// (field names are plain ASCII identifiers: nothing to escape).
    json_keys: Vec<String>,
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
        let json_keys = fields
            .iter()
            .enumerate()
            .map(|(k, &i)| format!("{}\"{}\":", if k == 0 { '{' } else { ',' }, FIELDS[i]))
            .collect();
        Ok(Columns {
            fields,
            header,
            json_keys,
        })
    }

    pub fn names(&self) -> Vec<&'static str> {
        self.fields.iter().map(|&i| FIELDS[i]).collect()
    }
}

/// Money in the unit an analyst's sheet uses (万元, 亿元): exact division by 10^4 or 10^8.
pub fn in_money_unit(mut fact: Fact, money_unit: &str) -> Fact {
    let exp = match money_unit {
        "万元" => 4,
        "亿元" => 8,
        _ => return fact,
    };
    if &*fact.unit != "元" {
        return fact;
    }
    let scale = |v: &Value| match v {
        Value::Number(d) => d.checked_div_pow10(exp).map(Value::Number),
        Value::Text(_) => None,
    };
    if let Some(v) = scale(&fact.value) {
        fact.value = v;
        fact.value_max = fact.value_max.as_ref().and_then(scale);
        fact.unit = money_unit.into();
    }
    fact
}

pub enum FactWriter<W: Write> {
    /// The CSV writer, the columns, and whether cells are written for a spreadsheet
    /// (excel-csv: readable dates, formula-safe text; [`sheet::excel_cell`]).
    Csv(Box<csv::Writer<Shared<W>>>, Columns, bool),
    /// The writer, the columns and a record buffer reused for every record.
    Jsonl(W, Columns, Vec<u8>),
    /// The writer, the columns, how many records are in the array so far, and the buffer.
    Json(W, Columns, usize, Vec<u8>),
}

impl<W: Write> FactWriter<W> {
    /// `bom`: start with a UTF-8 byte order mark (for Excel); on by default for excel-csv.
    pub fn new(format: Format, mut out: W, columns: Columns, bom: bool) -> Result<FactWriter<W>> {
        if bom {
            out.write_all("\u{FEFF}".as_bytes())?;
        }
        Ok(match format {
            Format::Csv | Format::ExcelCsv => {
                let mut c = csv::Writer::from_writer(Shared(RefCell::new(out)));
                c.write_record(&columns.header)?;
                FactWriter::Csv(Box::new(c), columns, format == Format::ExcelCsv)
            }
            Format::Jsonl => FactWriter::Jsonl(out, columns, Vec::new()),
            Format::Json => {
                out.write_all(b"[")?;
                FactWriter::Json(out, columns, 0, Vec::new())
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
                for &i in &cols.fields {
                    let cell = if *excel {
                        sheet::excel_cell(fact, i)
                    } else {
                        fact.cell(i)
                    };
                    c.write_field(cell.as_bytes())?;
                }
                // An empty record ends the one written field by field.
                c.write_record(std::iter::empty::<&[u8]>())?;
            }
            FactWriter::Jsonl(o, cols, buf) => {
                buf.clear();
                json(fact, cols, buf)?;
                buf.push(b'\n');
                o.write_all(buf)?;
            }
            FactWriter::Json(o, cols, n, buf) => {
                buf.clear();
                buf.extend_from_slice(if *n == 0 { b"\n" } else { b",\n" });
                json(fact, cols, buf)?;
                o.write_all(buf)?;
                *n += 1;
            }
        }
        Ok(())
    }

    /// Records written ahead, by a worker thread, with [`FactWriter::records`]: added as
    /// they are. `count` is how many records the bytes hold.
    pub fn write_records(&mut self, bytes: &[u8], count: usize) -> Result<()> {
        match self {
            FactWriter::Csv(c, _, _) => {
                // The CSV writer's own buffer goes out first, then the records.
                c.flush()?;
                c.get_ref().0.borrow_mut().write_all(bytes)?;
            }
            FactWriter::Jsonl(o, _, _) => o.write_all(bytes)?,
            FactWriter::Json(o, _, n, _) => {
                // Rendered records all start with ",\n"; the array's first starts with "\n".
                let skip = usize::from(*n == 0 && !bytes.is_empty());
                o.write_all(&bytes[skip..])?;
                *n += count;
            }
        }
        Ok(())
    }

    /// Pushes what is buffered, so a reader downstream sees each document's facts.
    pub fn flush(&mut self) -> Result<()> {
        match self {
            FactWriter::Csv(c, _, _) => c.flush()?,
            FactWriter::Jsonl(o, _, _) | FactWriter::Json(o, _, _, _) => o.flush()?,
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<()> {
        if let FactWriter::Json(o, _, n, _) = &mut self {
            o.write_all(if *n == 0 { b"]\n" } else { b"\n]\n" })?;
        }
        self.flush()
    }
}

impl FactWriter<Vec<u8>> {
    /// A writer of records alone, into memory (None for xlsx and html): no byte order
    /// mark, header or opening bracket, and every JSON array record starts with its
    /// separator. A worker thread renders a document's records with it, and the run's
    /// own writer adds them in order ([`FactWriter::write_records`]): the text is the
    /// same as writing the facts there, while the work is spread over the jobs.
    pub fn records(format: Format, columns: Columns) -> Option<FactWriter<Vec<u8>>> {
        match format {
            Format::Csv | Format::ExcelCsv => Some(FactWriter::Csv(
                Box::new(csv::Writer::from_writer(Shared(RefCell::new(Vec::new())))),
                columns,
                format == Format::ExcelCsv,
            )),
            Format::Jsonl => Some(FactWriter::Jsonl(Vec::new(), columns, Vec::new())),
            Format::Json => Some(FactWriter::Json(Vec::new(), columns, 1, Vec::new())),
            Format::Xlsx | Format::Html => None,
        }
    }

    /// The bytes written so far.
    pub fn into_records(self) -> Result<Vec<u8>> {
        Ok(match self {
            FactWriter::Csv(c, _, _) => c
                .into_inner()
                .map_err(|e| anyhow::anyhow!("rendering CSV records: {}", e.error()))?
                .0
                .into_inner(),
            FactWriter::Jsonl(o, _, _) | FactWriter::Json(o, _, _, _) => o,
        })
    }
}

/// The CSV writer's output, reachable between its records: records rendered on another
/// thread are added to it directly, after the writer's own buffer is flushed.
pub struct Shared<W>(RefCell<W>);

impl<W: Write> Write for Shared<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.get_mut().write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.get_mut().flush()
    }
}

/// One record as a JSON object with the chosen keys in order, appended to `out`. Written
/// field by field rather than through serde: this runs for every fact, and the text is the
/// same as `serde_json::to_string(fact)` (tested), numbers exact.
fn json(fact: &Fact, cols: &Columns, out: &mut Vec<u8>) -> Result<()> {
    for (&i, key) in cols.fields.iter().zip(&cols.json_keys) {
        out.extend_from_slice(key.as_bytes());
        fn opt<S: AsRef<str>>(o: &Option<S>, out: &mut Vec<u8>) {
            match o {
                Some(s) => json_str(s.as_ref(), out),
                None => out.extend_from_slice(b"null"),
            }
        }
        match i {
            0 => json_str(&fact.doc, out),
            1 => json_str(&fact.kind, out),
            2 => opt(&fact.region, out),
            3 => opt(&fact.region_code, out),
            4 => opt(&fact.region_path, out),
            5 => opt(&fact.region_candidates, out),
            6 => opt(&fact.article, out),
            7 => opt(&fact.indicator, out),
            8 => json_value(&fact.value, out)?,
            9 => match &fact.value_max {
                Some(v) => json_value(v, out)?,
                None => out.extend_from_slice(b"null"),
            },
            10 => json_str(&fact.unit, out),
            11 => opt(&fact.qualifier, out),
            12 => json_str(&fact.raw, out),
            13 => opt(&fact.date, out),
            14 => json_str(&fact.sentence, out),
            // serde_json writes integers with itoa, without the formatting machinery.
            15 => serde_json::to_writer(&mut *out, &fact.offset)?,
            16 => serde_json::to_writer(&mut *out, &fact.line)?,
            17 => json_str(&fact.rule, out),
            18 => opt(&fact.region_mention, out),
            _ => match fact.repeat_of {
                Some(o) => serde_json::to_writer(&mut *out, &o)?,
                None => out.extend_from_slice(b"null"),
            },
        }
    }
    out.push(b'}');
    Ok(())
}

fn json_value(v: &Value, out: &mut Vec<u8>) -> Result<()> {
    match v {
        Value::Number(d) => serde_json::to_writer(&mut *out, d)?,
        Value::Text(t) => json_str(t, out),
    }
    Ok(())
}

/// Whether any byte is a quote, a backslash or a control character, eight bytes at a time
/// (records are mostly long sentences with none).
fn needs_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // A byte of `x` is zero, or below `n` (n ≤ 0x80), where the result has its high bit.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let below = |x: u64, n: u8| x.wrapping_sub(u64::from_ne_bytes([n; 8])) & !x & HIGHS;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let x = u64::from_ne_bytes(chunk.try_into().expect("8 bytes"));
        let quote = zero(x ^ u64::from_ne_bytes([b'"'; 8]));
        let backslash = zero(x ^ u64::from_ne_bytes([b'\\'; 8]));
        if below(x, 0x20) | quote | backslash != 0 {
            return true;
        }
    }
    chunks
        .remainder()
        .iter()
        .any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

/// A JSON string. Text that needs no escape (no quote, backslash or control character:
/// nearly all of it) is copied whole; the rest goes through serde_json's own escaping.
fn json_str(s: &str, out: &mut Vec<u8>) {
    if needs_escape(s.as_bytes()) {
        // Writing a str into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, s);
    } else {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::decimal::Decimal;
    use proptest::prelude::*;

    fn fact_with(text: String, value: Value, n: usize) -> Fact {
        Fact {
            doc: format!("{text}.txt").into(),
            kind: "money".into(),
            region: Some(text.as_str().into()),
            region_code: None,
            region_path: Some(format!("{text}/{text}").into()),
            region_candidates: None,
            article: n.is_multiple_of(2).then(|| text.as_str().into()),
            indicator: Some(text.clone()),
            value,
            value_max: n.is_multiple_of(3).then(|| Value::Text(text.clone())),
            unit: "元".into(),
            qualifier: None,
            raw: text.clone(),
            date: Some("2025-05".into()),
            sentence: text.as_str().into(),
            offset: n,
            line: n / 7,
            rule: text.into(),
            region_mention: None,
            repeat_of: None,
            region_reason: None,
            indicator_source: Some("not written".into()),
        }
    }

    /// What the writer did before it wrote JSON by hand: serde, then the chosen keys'
    /// raw values in order.
    fn serde_reference(fact: &Fact, cols: &Columns) -> String {
        let full = serde_json::to_string(fact).expect("serialises");
        let map: std::collections::BTreeMap<String, Box<serde_json::value::RawValue>> =
            serde_json::from_str(&full).expect("parses");
        let fields: Vec<String> = cols
            .names()
            .iter()
            .map(|name| format!("{:?}:{}", name, map[*name].get()))
            .collect();
        format!("{{{}}}", fields.join(","))
    }

    proptest! {
        #[test]
        fn hand_written_json_is_serdes(
            text in "(?s).{0,12}",
            mantissa in any::<i64>(),
            scale in 0u32..6,
            n in 0usize..100_000,
            subset in proptest::sample::subsequence((0..FIELDS.len()).collect::<Vec<_>>(), 1..=FIELDS.len()),
        ) {
            // mantissa × 10^-scale, written as plain decimal text.
            let digits = format!("{:0>7}", mantissa.unsigned_abs());
            let (int, frac) = digits.split_at(digits.len() - scale as usize);
            let sign = if mantissa < 0 { "-" } else { "" };
            let text_value = if scale == 0 { format!("{sign}{int}") } else { format!("{sign}{int}.{frac}") };
            let value = Value::Number(text_value.parse::<Decimal>().expect("plain decimal"));
            let fact = fact_with(text, value, n);
            let all = Columns::new(None, Header::En).expect("all columns");
            let mut out = Vec::new();
            json(&fact, &all, &mut out).expect("writes");
            prop_assert_eq!(String::from_utf8(out).expect("utf-8"), serde_json::to_string(&fact).expect("serialises"));
            let names: Vec<&str> = subset.iter().map(|&i| FIELDS[i]).collect();
            let some = Columns::new(Some(&names.join(",")), Header::En).expect("columns");
            let mut out = Vec::new();
            json(&fact, &some, &mut out).expect("writes");
            prop_assert_eq!(String::from_utf8(out).expect("utf-8"), serde_reference(&fact, &some));
        }
    }

    proptest! {
        #[test]
        fn escape_check_is_exact(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
            let slow = bytes.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\');
            prop_assert_eq!(needs_escape(&bytes), slow);
        }
    }

    #[test]
    fn json_escapes_like_serde() {
        let text = "引号\"反斜杠\\换行\n制表\t\u{1}\u{7f}/“”".to_string();
        let fact = fact_with(text, Value::Number("1.82".parse().expect("decimal")), 3);
        let all = Columns::new(None, Header::En).expect("all columns");
        let mut out = Vec::new();
        json(&fact, &all, &mut out).expect("writes");
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            serde_json::to_string(&fact).expect("serialises")
        );
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
        assert_eq!((f.value.clone(), &*f.unit), (d("0.1615"), "亿元"));
    }

    #[test]
    fn columns_choose_and_name() {
        let c = Columns::new(Some("region,value,unit"), Header::Zh).expect("columns");
        assert_eq!(c.header, vec!["地区", "数值", "单位"]);
        assert!(Columns::new(Some("nope"), Header::En).is_err());
    }
}
