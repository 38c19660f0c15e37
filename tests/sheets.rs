//! The spreadsheet formats as an analyst reads them: excel-csv with readable dates and no
//! cell a spreadsheet could run as a formula, and `--header zh` naming kinds and qualifiers
//! in Chinese in every format.

use serde_json::Value;

/// Our own lines: a partial date, a year and month, a period of months, a day range, a
/// full date, a negative figure and a negative percentage, and lines that start with
/// characters a spreadsheet reads as a formula (`@`, `=`, `+`).
const TEXT: &str = "@本地发布 截至9月8日,全县企业利润-300万元。\n\
                    2024年12月新建大棚120座。前三季度,全县粮食产量增长-2.5%。\n\
                    =SUM(1) 3月2日至9日,共接待游客约1.5万人次。\n\
                    +关注 2025年1月至6月,全县发放补贴超200万元,2025年5月1日起施行。\n";

fn factx(args: &[&str], stdin: &str) -> Vec<u8> {
    let out = super::support::factx_with_stdin(args, stdin);
    assert!(
        out.status.success(),
        "factx {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Header and rows of CSV output (a byte order mark first is skipped).
fn csv_table(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(bytes);
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("row").iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

/// The column `name` of every row.
fn column(table: &(Vec<String>, Vec<Vec<String>>), name: &str) -> Vec<String> {
    let c = table
        .0
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"));
    table.1.iter().map(|r| r[c].clone()).collect()
}

#[test]
fn excel_csv_dates_read_as_chinese_and_no_cell_is_a_formula() {
    let fields = "kind,value,value_max,raw,date,sentence,doc,offset";
    let out = factx(
        &["extract", "--format", "excel-csv", "--fields", fields, "-"],
        TEXT,
    );
    assert!(out.starts_with("\u{FEFF}".as_bytes()), "no BOM");
    let table = csv_table(&out);
    let kinds = column(&table, "kind");
    let values = column(&table, "value");
    let dates: Vec<(String, String)> = kinds
        .iter()
        .zip(&values)
        .zip(column(&table, "value_max"))
        .filter(|((k, _), _)| *k == "date")
        .map(|((_, v), m)| (v.clone(), m))
        .collect();
    assert_eq!(
        dates,
        owned(&[
            ("9月8日", ""),
            ("2024年12月", ""),
            ("1月", "9月"),
            ("3月2日", "3月9日"),
            ("2025年1月", "2025年6月"),
            ("2025-05-01", ""),
        ])
    );
    // A fact's period: an interval in one cell.
    let periods: Vec<String> = column(&table, "date")
        .into_iter()
        .filter(|d| !d.is_empty())
        .collect();
    assert_eq!(
        periods,
        ["9月8日", "1月至9月", "3月2日至9日", "2025年1月至6月"]
    );
    // Numbers stay numbers, a negative one with its ASCII minus (a number, not a formula).
    let numbers: Vec<&String> = values.iter().filter(|v| v.parse::<f64>().is_ok()).collect();
    assert_eq!(numbers, ["-3000000", "-2.5", "15000", "2000000"]);
    // A negative figure as written reads with a minus sign, not a guard character.
    let raws = column(&table, "raw");
    assert!(raws.contains(&"\u{2212}300万元".to_string()), "{raws:?}");
    assert!(raws.contains(&"\u{2212}2.5%".to_string()), "{raws:?}");
    // Lines that start like formulas get an invisible mark; stdin's doc "-" a minus sign.
    let sentences = column(&table, "sentence");
    for start in ["@本地发布", "=SUM(1)", "+关注"] {
        assert!(
            sentences
                .iter()
                .any(|s| s.starts_with(&format!("\u{200B}{start}"))),
            "{start}: {sentences:?}"
        );
    }
    assert!(column(&table, "doc").iter().all(|d| d == "\u{2212}"));
    // No cell a spreadsheet would evaluate, and no visible guard anywhere.
    for row in &table.1 {
        for (name, cell) in table.0.iter().zip(row) {
            let numeric = cell.parse::<f64>().is_ok()
                && ["value", "value_max", "offset"].contains(&name.as_str());
            assert!(
                numeric || !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{name}: {cell:?}"
            );
            assert!(!cell.starts_with('\''), "{name}: {cell:?}");
        }
    }
}

#[test]
fn plain_csv_and_json_keep_iso_dates_and_text_as_written() {
    let fields = "value,value_max,raw,date,sentence";
    let table = csv_table(&factx(&["extract", "--fields", fields, "-"], TEXT));
    assert!(column(&table, "value").contains(&"--09-08".to_string()));
    assert!(column(&table, "date").contains(&"--01/--09".to_string()));
    assert!(column(&table, "raw").contains(&"-300万元".to_string()));
    assert!(column(&table, "sentence")[0].starts_with("@本地发布"));
    let jsonl = factx(
        &["extract", "--format", "jsonl", "--fields", fields, "-"],
        TEXT,
    );
    let records: Vec<Value> = String::from_utf8(jsonl)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert!(records.iter().any(|r| r["date"] == "--03-02/--03-09"));
    assert!(records.iter().any(|r| r["value"] == "2024-12"));
    assert!(records.iter().any(|r| r["raw"] == "-2.5%"));
}

/// The (kind, qualifier) of each fact of `TEXT` in one output format with `--header`.
fn kinds_and_qualifiers(format: &str, header: &str) -> Vec<(String, String)> {
    let args = [
        "extract",
        "--format",
        format,
        "--header",
        header,
        "--fields",
        "kind,qualifier,raw",
        "-",
    ];
    let out = factx(&args, TEXT);
    match format {
        "csv" | "excel-csv" => {
            let table = csv_table(&out);
            let (kind, qualifier) = if header == "zh" {
                ("类别", "限定")
            } else {
                ("kind", "qualifier")
            };
            column(&table, kind)
                .into_iter()
                .zip(column(&table, qualifier))
                .collect()
        }
        _ => {
            let text = String::from_utf8(out).expect("UTF-8");
            let records: Vec<Value> = if format == "json" {
                serde_json::from_str(&text).expect("a JSON array")
            } else {
                text.lines()
                    .map(|l| serde_json::from_str(l).expect("JSON line"))
                    .collect()
            };
            records
                .iter()
                .map(|r| {
                    // JSON keys stay English whatever the header language.
                    let keys: Vec<&String> = r.as_object().expect("object").keys().collect();
                    assert_eq!(keys, ["kind", "qualifier", "raw"]);
                    let s = |v: &Value| v.as_str().unwrap_or("").to_string();
                    (s(&r["kind"]), s(&r["qualifier"]))
                })
                .collect()
        }
    }
}

const ENGLISH: [(&str, &str); 10] = [
    ("date", ""),
    ("money", ""),
    ("date", ""),
    ("date", ""),
    ("percent", ""),
    ("date", ""),
    ("count", "approx"),
    ("date", ""),
    ("money", "over"),
    ("date", ""),
];

const CHINESE: [(&str, &str); 10] = [
    ("日期", ""),
    ("金额", ""),
    ("日期", ""),
    ("日期", ""),
    ("比例", ""),
    ("日期", ""),
    ("数量", "约"),
    ("日期", ""),
    ("金额", "以上"),
    ("日期", ""),
];

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, q)| (k.to_string(), q.to_string()))
        .collect()
}

#[test]
fn header_zh_names_kinds_and_qualifiers_in_csv() {
    assert_eq!(kinds_and_qualifiers("csv", "zh"), owned(&CHINESE));
    assert_eq!(kinds_and_qualifiers("csv", "en"), owned(&ENGLISH));
}

#[test]
fn header_zh_names_kinds_and_qualifiers_in_excel_csv() {
    assert_eq!(kinds_and_qualifiers("excel-csv", "zh"), owned(&CHINESE));
    assert_eq!(kinds_and_qualifiers("excel-csv", "en"), owned(&ENGLISH));
}

#[test]
fn header_zh_names_kinds_and_qualifiers_in_json_and_jsonl() {
    for format in ["json", "jsonl"] {
        assert_eq!(kinds_and_qualifiers(format, "zh"), owned(&CHINESE));
        assert_eq!(kinds_and_qualifiers(format, "en"), owned(&ENGLISH));
    }
}

#[test]
fn the_review_page_keeps_english_kinds_under_header_zh() {
    let page = String::from_utf8(factx(
        &["extract", "--format", "html", "--header", "zh", "-"],
        TEXT,
    ))
    .expect("UTF-8");
    assert!(page.contains("<a class=\"f money\""), "highlight classes");
    assert!(!page.contains("金额"));
}

#[cfg(feature = "xlsx")]
#[test]
fn header_zh_names_kinds_and_qualifiers_in_xlsx() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("sheets_zh");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("zh.xlsx");
    let path_arg = path.to_str().expect("UTF-8 path");
    factx(
        &[
            "extract", "--format", "xlsx", "--header", "zh", "-o", path_arg, "-",
        ],
        TEXT,
    );
    let mut wb: Xlsx<_> = open_workbook(&path).expect("workbook");
    let facts = wb.worksheet_range("facts").expect("facts sheet");
    let col = |name: &str| {
        (0..facts.width())
            .find(|&c| facts.get((0, c)) == Some(&Data::String(name.to_string())))
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let (kind, qualifier) = (col("类别"), col("限定"));
    let text = |r: usize, c: usize| match facts.get((r, c)) {
        Some(Data::String(s)) => s.clone(),
        _ => String::new(),
    };
    let got: Vec<(String, String)> = (1..facts.height())
        .map(|r| (text(r, kind), text(r, qualifier)))
        .collect();
    assert_eq!(got, owned(&CHINESE));
    // The summary's kind columns are the Chinese kinds too.
    let summary = wb.worksheet_range("summary").expect("summary sheet");
    let heads: Vec<String> = (1..summary.width())
        .filter_map(|c| match summary.get((0, c)) {
            Some(Data::String(s)) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(heads, ["数量", "日期", "比例", "金额", "total"]);
}
