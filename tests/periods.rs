//! Periods of a year (去年底, 今年初, 年初, 年底前, 上半年, 一季度) as date facts: resolved
//! against the document's date when it has one, partial when it has none.

use crate::support::engine;
use factx::quantity::date::PartialDate;
use factx::Document;

/// `raw value[/value_max]` of each date fact.
fn dates(text: &str, published: Option<(u32, u32, u32)>) -> Vec<String> {
    let mut doc = Document::new("t", text);
    doc.ref_date = published.map(|(y, m, d)| PartialDate {
        year: Some(y),
        month: m,
        day: Some(d),
    });
    engine()
        .extract(&doc)
        .into_iter()
        .filter(|f| &*f.kind == "date")
        .map(|f| match f.value_max {
            Some(max) => format!("{} {}/{max}", f.raw, f.value),
            None => format!("{} {}", f.raw, f.value),
        })
        .collect()
}

const TEXT: &str = "截至去年底,全乡已建成温室80座。今年初投入使用的冷库,预计年底前扩建完成。\
    年初以来,上半年接待游客有所增加,一季度签约项目6个。";

#[test]
fn periods_resolve_against_the_documents_date() {
    assert_eq!(
        dates(TEXT, Some((2025, 8, 3))),
        [
            "去年底 2024-12",
            "今年初 2025-01",
            "年底前 2025-12",
            "年初 2025-01",
            "上半年 2025-01/2025-06",
            "一季度 2025-01/2025-03",
        ]
    );
}

#[test]
fn periods_stay_partial_without_a_date() {
    assert_eq!(
        dates(TEXT, None),
        [
            "去年底 --12",
            "今年初 --01",
            "年底前 --12",
            "年初 --01",
            "上半年 --01/--06",
            "一季度 --01/--03",
        ]
    );
}

#[test]
fn a_stated_year_needs_no_reference() {
    assert_eq!(
        dates(
            "2023年末,全村存栏增加。2024年下半年开工。",
            Some((2025, 8, 3))
        ),
        ["2023年末 2023-12", "2024年下半年 2024-07/2024-12"]
    );
}

#[test]
fn words_that_only_look_like_periods_are_not_dates() {
    // 初步, 初心, lunar 初一, a grade; and a period naming what a figure measures.
    for text in [
        "今年初步统计全镇增收",
        "十多年初心不改",
        "大年初一走亲访友",
        "连续三年初中升学率领先",
        "年末户籍人口增加",
    ] {
        assert!(dates(text, Some((2025, 8, 3))).is_empty(), "{text}");
    }
    // 提前 ends in 前, but 前年 (two years back) needs its own 年: this is this year's end.
    assert_eq!(
        dates("提前年底完成任务", Some((2025, 8, 3))),
        ["年底 2025-12"]
    );
}
