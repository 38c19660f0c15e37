//! XLSX output: write workbooks and read them back with calamine.
#![cfg(feature = "xlsx")]

use calamine::{open_workbook, Data, Reader, Xlsx};
use factx::fact::{Fact, Value, FIELDS};
use factx::xlsx::write_xlsx;
use factx::{Decimal, Document, Engine};
use std::collections::BTreeMap;
use std::path::Path;
use std::path::PathBuf;

const TEXT: &str = "总投资25.6亿元,带动就业超1000人,预计年产值突破200亿元。2025年5月1日起施行。";

fn tmp(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name)
}

fn all_headers() -> Vec<String> {
    FIELDS.iter().map(|f| f.to_string()).collect()
}

fn read(path: &Path) -> (Vec<String>, calamine::Range<Data>, calamine::Range<Data>) {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let names = wb.sheet_names().to_vec();
    let facts = wb.worksheet_range("facts").unwrap();
    let summary = wb.worksheet_range("summary").unwrap();
    (names, facts, summary)
}

fn col(name: &str) -> usize {
    FIELDS.iter().position(|f| *f == name).unwrap()
}

/// The row (0-based, header = 0) whose `raw` cell contains `needle`.
fn row_of(range: &calamine::Range<Data>, needle: &str) -> usize {
    (1..range.height())
        .find(|&r| match range.get((r, col("raw"))) {
            Some(Data::String(s)) => s.contains(needle),
            _ => false,
        })
        .unwrap_or_else(|| panic!("no row with raw {needle:?}"))
}

fn fact(kind: &str, region: Option<&str>) -> Fact {
    Fact {
        doc: "d".into(),
        kind: kind.into(),
        region: region.map(Into::into),
        region_code: None,
        region_path: None,
        region_candidates: None,
        article: None,
        indicator: None,
        value: Value::Number(Decimal::from_int(1)),
        value_max: None,
        unit: "个".into(),
        qualifier: None,
        raw: "1个".to_string(),
        date: None,
        sentence: "".into(),
        offset: 0,
        line: 1,
        rule: "t".into(),
        region_mention: None,
        region_reason: None,
        indicator_source: None,
    }
}

#[test]
fn writes_facts_and_summary_sheets() {
    let engine = Engine::with_default_rules().unwrap();
    let facts = engine.extract(&Document::new("t", TEXT));
    assert!(facts.len() >= 4, "{facts:#?}");
    let path = tmp("xlsx_facts.xlsx");
    write_xlsx(&path, &facts, &FIELDS, &all_headers()).unwrap();
    let (names, sheet, summary) = read(&path);
    assert_eq!(names, ["facts", "summary"]);

    // Header row.
    let head: Vec<Data> = (0..FIELDS.len())
        .map(|c| sheet.get((0, c)).cloned().unwrap())
        .collect();
    let want: Vec<Data> = FIELDS.iter().map(|f| Data::String(f.to_string())).collect();
    assert_eq!(head, want);
    assert_eq!(sheet.height(), facts.len() + 1);

    // Numbers are numeric cells, exact for these magnitudes.
    let r = row_of(&sheet, "25.6亿元");
    assert_eq!(
        sheet.get((r, col("value"))),
        Some(&Data::Float(2_560_000_000.0))
    );
    let r = row_of(&sheet, "200亿元");
    assert_eq!(
        sheet.get((r, col("value"))),
        Some(&Data::Float(20_000_000_000.0))
    );
    // Dates stay ISO text.
    let r = row_of(&sheet, "2025年5月1日");
    assert_eq!(
        sheet.get((r, col("value"))),
        Some(&Data::String("2025-05-01".to_string()))
    );
    // offset and line are numeric; Chinese text reads back unchanged.
    for (i, f) in facts.iter().enumerate() {
        let row = i + 1;
        assert_eq!(
            sheet.get((row, col("offset"))),
            Some(&Data::Float(f.offset as f64))
        );
        assert_eq!(
            sheet.get((row, col("line"))),
            Some(&Data::Float(f.line as f64))
        );
        assert_eq!(
            sheet.get((row, col("raw"))),
            Some(&Data::String(f.raw.clone()))
        );
        assert_eq!(
            sheet.get((row, col("sentence"))),
            Some(&Data::String(f.sentence.to_string()))
        );
        assert_eq!(
            sheet.get((row, col("kind"))),
            Some(&Data::String(f.kind.to_string()))
        );
    }

    // Summary: no region in this text, so one "(none)" row, then the total row.
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for f in &facts {
        assert_eq!(f.region, None);
        *kinds.entry(&f.kind).or_default() += 1;
    }
    let (h, w) = summary.get_size();
    assert_eq!((h, w), (3, kinds.len() + 2));
    assert_eq!(
        summary.get((0, 0)),
        Some(&Data::String("region".to_string()))
    );
    assert_eq!(
        summary.get((1, 0)),
        Some(&Data::String("(none)".to_string()))
    );
    assert_eq!(
        summary.get((2, 0)),
        Some(&Data::String("total".to_string()))
    );
    for (i, (kind, n)) in kinds.iter().enumerate() {
        assert_eq!(
            summary.get((0, i + 1)),
            Some(&Data::String(kind.to_string()))
        );
        assert_eq!(summary.get((1, i + 1)), Some(&Data::Float(*n as f64)));
        assert_eq!(summary.get((2, i + 1)), Some(&Data::Float(*n as f64)));
    }
    let n = facts.len() as f64;
    assert_eq!(summary.get((1, w - 1)), Some(&Data::Float(n)));
    assert_eq!(summary.get((2, w - 1)), Some(&Data::Float(n)));
}

#[test]
fn chosen_columns_with_chinese_header() {
    let engine = Engine::with_default_rules().unwrap();
    let facts = engine.extract(&Document::new("t", TEXT));
    let path = tmp("xlsx_columns.xlsx");
    let columns = ["raw", "value", "kind", "region"];
    let header: Vec<String> = ["原文", "数值", "类型", "地区"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    write_xlsx(&path, &facts, &columns, &header).unwrap();
    let (_, sheet, summary) = read(&path);
    assert_eq!(sheet.width(), 4);
    for (c, h) in header.iter().enumerate() {
        assert_eq!(sheet.get((0, c)), Some(&Data::String(h.clone())));
    }
    let r = (1..sheet.height())
        .find(|&r| sheet.get((r, 0)) == Some(&Data::String("25.6亿元".to_string())))
        .unwrap();
    assert_eq!(sheet.get((r, 1)), Some(&Data::Float(2_560_000_000.0)));
    // The summary's corner names the region column as the user did.
    assert_eq!(summary.get((0, 0)), Some(&Data::String("地区".to_string())));
}

#[test]
fn summary_counts_regions_by_kind() {
    let facts = vec![
        fact("money", Some("呼和浩特市")),
        fact("count", Some("包头市")),
        fact("money", Some("包头市")),
        fact("money", None),
        fact("money", Some("包头市")),
    ];
    let path = tmp("xlsx_summary.xlsx");
    write_xlsx(&path, &facts, &FIELDS, &all_headers()).unwrap();
    let (_, _, summary) = read(&path);
    let s = |v: &str| Data::String(v.to_string());
    let f = |v: f64| Data::Float(v);
    let want = vec![
        vec![s("region"), s("count"), s("money"), s("total")],
        vec![s("包头市"), f(1.0), f(2.0), f(3.0)],
        vec![s("呼和浩特市"), f(0.0), f(1.0), f(1.0)],
        vec![s("(none)"), f(0.0), f(1.0), f(1.0)],
        vec![s("total"), f(1.0), f(4.0), f(5.0)],
    ];
    let got: Vec<Vec<Data>> = summary.rows().map(|r| r.to_vec()).collect();
    assert_eq!(got, want);
}

#[test]
fn decimals_and_missing_value_max() {
    let mut a = fact("ratio", None);
    a.value = Value::Number(Decimal::new(125, 1)); // 12.5
    a.value_max = Some(Value::Number(Decimal::new(3, 2))); // 0.03
    let b = fact("money", None);
    let path = tmp("xlsx_decimals.xlsx");
    write_xlsx(
        &path,
        &[a, b],
        &["value", "value_max"],
        &all_headers()[8..10],
    )
    .unwrap();
    let (_, sheet, _) = read(&path);
    assert_eq!(sheet.get((1, 0)), Some(&Data::Float(12.5)));
    assert_eq!(sheet.get((1, 1)), Some(&Data::Float(0.03)));
    assert_eq!(sheet.get((2, 0)), Some(&Data::Float(1.0)));
    assert!(matches!(sheet.get((2, 1)), None | Some(Data::Empty)));
}

#[test]
fn rejects_bad_columns() {
    let path = tmp("xlsx_bad.xlsx");
    let err = write_xlsx(&path, &[], &["nope"], &["x".to_string()]).unwrap_err();
    assert!(err.to_string().contains("unknown column"), "{err}");
    let err = write_xlsx(&path, &[], &["raw", "kind"], &["x".to_string()]).unwrap_err();
    assert!(err.to_string().contains("header"), "{err}");
    assert!(write_xlsx(&path, &[], &[], &[]).is_err());
}

#[test]
fn empty_input_still_writes_both_sheets() {
    let path = tmp("xlsx_empty.xlsx");
    write_xlsx(&path, &[], &FIELDS, &all_headers()).unwrap();
    let (names, sheet, summary) = read(&path);
    assert_eq!(names, ["facts", "summary"]);
    assert_eq!(sheet.height(), 1);
    let got: Vec<Vec<Data>> = summary.rows().map(|r| r.to_vec()).collect();
    let s = |v: &str| Data::String(v.to_string());
    assert_eq!(
        got,
        [
            vec![s("region"), s("total")],
            vec![s("total"), Data::Float(0.0)]
        ]
    );
}
