//! Output and input that fit analysts' tools: Excel-safe CSV, chosen columns, Chinese
//! headers, money units, JSON Lines in, reference dates, shell completions.

fn factx_with_stdin(args: &[&str], stdin: &str) -> (Option<i32>, Vec<u8>, String) {
    let out = super::support::factx_with_stdin(args, stdin);
    (
        out.status.code(),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn excel_csv_has_a_bom_plain_numbers_and_no_formulas() {
    let (code, out, _) = factx_with_stdin(
        &["extract", "--format", "excel-csv"],
        "=HYPERLINK(\"x\")预计年产值突破200亿元,纳税超18亿元,每斤0.83元。",
    );
    assert_eq!(code, Some(0));
    assert!(out.starts_with("\u{FEFF}".as_bytes()), "no BOM");
    let mut reader = csv::Reader::from_reader(&out[3..]);
    let headers = reader.headers().expect("header").clone();
    let value_col = headers
        .iter()
        .position(|h| h == "value")
        .expect("value column");
    let sentence_col = headers
        .iter()
        .position(|h| h == "sentence")
        .expect("sentence");
    let mut values = Vec::new();
    for row in reader.records() {
        let row = row.expect("row");
        let v = row[value_col].to_string();
        assert!(
            v.chars().all(|c| c.is_ascii_digit() || c == '.') && !v.contains('e'),
            "{v} is not a plain decimal"
        );
        // Defused by an invisible mark, not a visible apostrophe.
        assert!(
            row[sentence_col].starts_with("\u{200B}="),
            "formula not defused"
        );
        values.push(v);
    }
    assert_eq!(values, vec!["20000000000", "1800000000", "0.83"]);
}

#[test]
fn fields_header_and_money_unit() {
    let (code, out, _) = factx_with_stdin(
        &[
            "extract",
            "--fields",
            "region,indicator,value,unit",
            "--header",
            "zh",
            "--money-unit",
            "万元",
            "--province",
            "内蒙古",
        ],
        "和林格尔县投入财政衔接资金7081万元。",
    );
    assert_eq!(code, Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out),
        "地区,指标,数值,单位\n和林格尔县,财政衔接资金,7081,万元\n"
    );
}

#[test]
fn jsonl_input_reports_a_bad_line_and_keeps_the_rest() {
    let input = "{\"id\": \"p1\", \"text\": \"惠及群众1932人。\"}\n\
                 {\"id\": \"p2\", \"text\": \n\
                 {\"id\": \"p3\", \"text\": \"11月17日,投入1615万元。\", \"date\": \"2025-11-19\"}\n";
    let (code, out, stderr) = factx_with_stdin(
        &[
            "extract",
            "--input",
            "jsonl",
            "--format",
            "jsonl",
            "--fields",
            "doc,value",
        ],
        input,
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("factx: error: -:2: not valid JSON"),
        "{stderr}"
    );
    assert_eq!(
        String::from_utf8_lossy(&out),
        "{\"doc\":\"p1\",\"value\":1932}\n\
         {\"doc\":\"p3\",\"value\":\"2025-11-17\"}\n\
         {\"doc\":\"p3\",\"value\":16150000}\n"
    );
}

#[test]
fn ref_date_resolves_partial_dates() {
    let args = ["extract", "--format", "jsonl", "--fields", "value"];
    let text = "今年3月18日试生产,11月17日开工。";
    let (_, partial, _) = factx_with_stdin(&args, text);
    assert_eq!(
        String::from_utf8_lossy(&partial),
        "{\"value\":\"--03-18\"}\n{\"value\":\"--11-17\"}\n"
    );
    let mut with_ref = args.to_vec();
    with_ref.extend(["--ref-date", "2025-11-19"]);
    let (_, full, _) = factx_with_stdin(&with_ref, text);
    assert_eq!(
        String::from_utf8_lossy(&full),
        "{\"value\":\"2025-03-18\"}\n{\"value\":\"2025-11-17\"}\n"
    );
    let (code, _, stderr) = factx_with_stdin(&["extract", "--ref-date", "19/11/2025"], "");
    assert_eq!(code, Some(2));
    assert!(stderr.contains("write the date as YYYY-MM-DD"), "{stderr}");
}

#[test]
fn completions_are_printed() {
    let (code, out, _) = factx_with_stdin(&["completions", "bash"], "");
    assert_eq!(code, Some(0));
    let script = String::from_utf8_lossy(&out);
    assert!(
        script.contains("factx") && script.contains("extract"),
        "{script}"
    );
}

#[cfg(not(feature = "xlsx"))]
#[test]
fn xlsx_without_the_feature_says_how_to_get_it() {
    let (code, _, stderr) = factx_with_stdin(&["extract", "--format", "xlsx", "-o", "x.xlsx"], "");
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("built without xlsx support") && stderr.contains("cargo build --release"),
        "{stderr}"
    );
}

#[test]
fn extract_each_hands_facts_over_in_order_and_stops_at_the_first_error() {
    let engine = factx::Engine::with_default_rules().expect("rules");
    let doc = factx::Document::new("d", "投资5万元,带动就业10人,增收3万元。");
    let all = engine.extract(&doc);
    assert_eq!(all.len(), 3);
    let mut seen = Vec::new();
    let stopped: Result<(), &str> = engine.extract_each(&doc, |fact| {
        seen.push(fact);
        if seen.len() == 2 {
            Err("disk full")
        } else {
            Ok(())
        }
    });
    assert_eq!(stopped, Err("disk full"));
    assert_eq!(seen, all[..2]);
}
