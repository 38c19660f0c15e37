//! XLSX output: write workbooks and read them back with calamine.
#![cfg(feature = "xlsx")]

use calamine::{open_workbook, Data, Reader, Xlsx};
use factx::fact::{Fact, Value, FIELDS};
use factx::output::xlsx::write_xlsx;
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
        repeat_of: None,
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
    // A full date stays ISO text (as excel-csv writes it).
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

/// Partial dates and periods are readable text cells, as in excel-csv: never ISO forms
/// such as `--09-08`, which a reader would not take for a date.
#[test]
fn partial_dates_are_readable_text() {
    let engine = Engine::with_default_rules().unwrap();
    let text = "今年9月8日起,全镇新修水渠3公里。前三季度,累计发放补助150万元。";
    let facts = engine.extract(&Document::new("t", text));
    let path = tmp("xlsx_dates.xlsx");
    write_xlsx(&path, &facts, &FIELDS, &all_headers()).unwrap();
    let (_, sheet, _) = read(&path);
    let s = |v: &str| Some(Data::String(v.to_string()));
    let r = row_of(&sheet, "9月8日");
    assert_eq!(sheet.get((r, col("value"))).cloned(), s("9月8日"));
    let r = row_of(&sheet, "前三季度");
    assert_eq!(sheet.get((r, col("value"))).cloned(), s("1月"));
    assert_eq!(sheet.get((r, col("value_max"))).cloned(), s("9月"));
    let r = row_of(&sheet, "150万元");
    assert_eq!(sheet.get((r, col("date"))).cloned(), s("1月至9月"));
    assert_eq!(
        sheet.get((r, col("value"))),
        Some(&Data::Float(1_500_000.0))
    );
    // Text is never a formula: a raw that starts with a minus is plain text.
    let mut negative = facts[facts.len() - 1].clone();
    negative.raw = "-150万元".to_string();
    write_xlsx(&path, &[negative], &FIELDS, &all_headers()).unwrap();
    let (_, sheet, _) = read(&path);
    assert_eq!(sheet.get((1, col("raw"))).cloned(), s("-150万元"));
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

/// Columns the xlsx writer stores as numeric cells (when the fact's value is a number;
/// a date value is text). Every other column is a text cell, or blank when empty.
const NUMERIC_COLUMNS: [&str; 5] = ["value", "value_max", "offset", "line", "repeat_of"];

/// The CLI's two spreadsheet outputs for `seeds/`, made once for the tests below: the
/// header and rows of `extract --format excel-csv seeds/` (its byte order mark left out),
/// and the "facts" and "summary" sheets of `extract --format xlsx -o <tmp>/f.xlsx seeds/`,
/// both from the built binary with no flags beyond these (a default build has xlsx).
struct SeedOutputs {
    csv_header: Vec<String>,
    csv_rows: Vec<Vec<String>>,
    sheet: calamine::Range<Data>,
    summary: calamine::Range<Data>,
}

fn seed_outputs() -> &'static SeedOutputs {
    static OUTPUTS: std::sync::OnceLock<SeedOutputs> = std::sync::OnceLock::new();
    OUTPUTS.get_or_init(|| {
        let run = |args: &[&str]| {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_factx"))
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .args(args)
                .output()
                .expect("run factx");
            assert!(
                out.status.success(),
                "factx {args:?}: {:?}\n{}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
            out.stdout
        };
        let dir = tmp("cli_seeds");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("f.xlsx");
        let _ = std::fs::remove_file(&path);
        let path_arg = path.to_str().expect("utf-8 temp path");
        let stdout = run(&["extract", "--format", "xlsx", "-o", path_arg, "seeds/"]);
        assert!(stdout.is_empty(), "xlsx went to -o, not stdout");

        let csv = run(&["extract", "--format", "excel-csv", "seeds/"]);
        let csv = csv
            .strip_prefix("\u{FEFF}".as_bytes())
            .expect("excel-csv starts with a byte order mark");
        let mut reader = csv::Reader::from_reader(csv);
        let csv_header = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_string)
            .collect();
        let csv_rows = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();

        let (names, sheet, summary) = read(&path);
        assert_eq!(names, ["facts", "summary"]);
        SeedOutputs {
            csv_header,
            csv_rows,
            sheet,
            summary,
        }
    })
}

/// The text excel-csv writes for a text cell that xlsx holds as `text`: the same, except
/// that a text a spreadsheet would run as a formula is defused in the CSV (xlsx text cells
/// never are formulas): a leading hyphen-minus as U+2212, a leading `= + @`, tab or
/// carriage return behind a zero-width space.
fn excel_csv_text(text: &str) -> String {
    match text.strip_prefix('-') {
        Some(rest) => format!("\u{2212}{rest}"),
        None if text.starts_with(['=', '+', '@', '\t', '\r']) => format!("\u{200B}{text}"),
        None => text.to_string(),
    }
}

/// Every difference between the excel-csv (header + rows) and the xlsx "facts" sheet, as
/// messages; empty when the workbook holds the same facts, row by row and cell by cell.
///
/// Text cells must equal the CSV text exactly, but for the CSV's formula guard
/// ([`excel_csv_text`]); dates are the same readable text in both (9月8日). Numbers come back from calamine as
/// `Data::Float` (xlsx stores every number as an IEEE double), so a numeric cell is
/// compared by formatting the double with Rust's `{}`, which prints the shortest text
/// that reads back as the same double and never uses an exponent (2560000000, 0.83): it
/// equals the CSV's exact decimal text only when the conversion lost nothing. A number
/// must also stay a number (a numeric CSV value in a numeric column read back as text,
/// or a text value such as the date 2025-05-01 read back as a number, is a difference).
fn xlsx_vs_csv(
    header: &[String],
    rows: &[Vec<String>],
    sheet: &calamine::Range<Data>,
) -> Vec<String> {
    let mut diffs = Vec::new();
    if sheet.start() != Some((0, 0)) {
        diffs.push(format!("sheet starts at {:?}, not A1", sheet.start()));
    }
    if sheet.height() != rows.len() + 1 {
        diffs.push(format!(
            "{} rows in the sheet (header included), {} facts in the CSV",
            sheet.height(),
            rows.len()
        ));
    }
    if sheet.width() != header.len() {
        diffs.push(format!(
            "{} columns in the sheet, {} in the CSV",
            sheet.width(),
            header.len()
        ));
    }
    for (c, name) in header.iter().enumerate() {
        if sheet.get((0, c)) != Some(&Data::String(name.clone())) {
            diffs.push(format!(
                "header {c}: xlsx {:?}, csv {name:?}",
                sheet.get((0, c))
            ));
        }
    }
    for (r, row) in rows.iter().enumerate() {
        if row.len() != header.len() {
            diffs.push(format!("csv row {r}: {} fields", row.len()));
        }
        for (c, text) in row.iter().enumerate() {
            let name = header.get(c).map_or("?", String::as_str);
            let numeric_column = NUMERIC_COLUMNS.contains(&name);
            let cell = sheet.get((r + 1, c));
            let same = match cell {
                None | Some(Data::Empty) => text.is_empty(),
                // A text cell keeps its text, a date value included.
                Some(Data::String(s)) => {
                    excel_csv_text(s) == *text && !(numeric_column && text.parse::<f64>().is_ok())
                }
                Some(Data::Float(x)) => numeric_column && format!("{x}") == *text,
                Some(Data::Int(i)) => numeric_column && i.to_string() == *text,
                Some(_) => false,
            };
            if !same {
                diffs.push(format!(
                    "row {} ({}), column {name}: xlsx {cell:?}, csv {text:?}",
                    r + 1,
                    row.first().map_or("", String::as_str)
                ));
            }
        }
    }
    diffs
}

#[test]
fn cli_xlsx_of_seeds_reads_back_as_the_excel_csv_facts() {
    let out = seed_outputs();
    // The default header is the field names, in FIELDS order, in both formats.
    assert_eq!(out.csv_header, FIELDS);
    assert!(
        out.csv_rows.len() > 100,
        "only {} facts from seeds/",
        out.csv_rows.len()
    );
    // Numbers really are numeric cells (not text that merely reads the same).
    let value = col("value");
    assert!(
        (1..out.sheet.height()).any(|r| matches!(out.sheet.get((r, value)), Some(Data::Float(_))))
    );
    // Partial dates are the same readable text in both (some day of a month, no year).
    let day = regex::Regex::new(r"^[0-9]{1,2}月[0-9]{1,2}日$").unwrap();
    assert!(out.csv_rows.iter().any(|row| day.is_match(&row[value])));
    assert!(out
        .csv_rows
        .iter()
        .all(|row| !row[value].starts_with("--") && !row[col("date")].starts_with("--")));
    let diffs = xlsx_vs_csv(&out.csv_header, &out.csv_rows, &out.sheet);
    assert!(
        diffs.is_empty(),
        "{} differences between xlsx and csv, first ones:\n{}",
        diffs.len(),
        diffs[..diffs.len().min(20)].join("\n")
    );
    // The summary's grand total (bottom-right) counts the same facts.
    let (h, w) = out.summary.get_size();
    assert_eq!(
        out.summary.get((h - 1, w - 1)),
        Some(&Data::Float(out.csv_rows.len() as f64))
    );
}

/// The comparison above is not vacuous: a dropped row, a changed value, a number turned
/// into text and a changed text cell are each reported.
#[test]
fn xlsx_vs_csv_comparison_catches_dropped_rows_and_changed_cells() {
    let out = seed_outputs();
    let (header, rows, sheet) = (&out.csv_header, &out.csv_rows, &out.sheet);
    assert!(xlsx_vs_csv(header, rows, sheet).is_empty());

    // A fact missing from the CSV side (the sheet has one row more).
    let dropped = &rows[..rows.len() - 1];
    assert!(!xlsx_vs_csv(header, dropped, sheet).is_empty());

    // A fact missing from the sheet: its last row blanked out of the range.
    let mut short = sheet.clone();
    let last = u32::try_from(sheet.height() - 1).unwrap();
    for c in 0..u32::try_from(sheet.width()).unwrap() {
        short.set_value((last, c), Data::Empty);
    }
    assert!(!xlsx_vs_csv(header, rows, &short).is_empty());

    // A numeric value off by one unit in the last place of the CSV text.
    let value = col("value");
    let r = rows
        .iter()
        .position(|row| row[value].parse::<u64>().is_ok_and(|v| v > 0))
        .expect("an integer value");
    let mut changed = rows.clone();
    let v: u64 = changed[r][value].parse().unwrap();
    changed[r][value] = (v + 1).to_string();
    assert!(!xlsx_vs_csv(header, &changed, sheet).is_empty());

    // The same number stored as text in the sheet.
    let mut as_text = sheet.clone();
    let (r32, c32) = (u32::try_from(r + 1).unwrap(), u32::try_from(value).unwrap());
    as_text.set_value((r32, c32), Data::String(rows[r][value].clone()));
    assert!(!xlsx_vs_csv(header, rows, &as_text).is_empty());

    // A readable date in the CSV that the sheet holds as ISO text.
    let day = rows
        .iter()
        .position(|row| row[value].ends_with('日') && !row[value].contains('年'))
        .expect("a partial date");
    let mut iso = sheet.clone();
    let day32 = u32::try_from(day + 1).unwrap();
    iso.set_value((day32, c32), Data::String("--09-08".to_string()));
    assert!(!xlsx_vs_csv(header, rows, &iso).is_empty());

    // A changed text cell.
    let mut renamed = sheet.clone();
    let raw = u32::try_from(col("raw")).unwrap();
    renamed.set_value((1, raw), Data::String(format!("{}x", rows[0][col("raw")])));
    assert!(!xlsx_vs_csv(header, rows, &renamed).is_empty());
}
