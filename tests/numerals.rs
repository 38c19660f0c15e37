//! Numerals as newspapers and yearbooks print them, read through the whole pipeline: mixed
//! Arabic and Chinese parts, digits grouped by spaces, signs, per mille and points; and the
//! spaced digit runs that are not one number.

use crate::support::facts;

/// `value unit` of each fact.
fn read(text: &str) -> Vec<String> {
    facts(text)
        .into_iter()
        .map(|f| format!("{} {}", f.value, f.unit))
        .collect()
}

#[test]
fn mixed_numerals_keep_their_high_part() {
    assert_eq!(read("参加技能培训的有4万5000人。"), ["45000 人"]);
    assert_eq!(read("共投入3千零50万元。"), ["30500000 元"]);
    assert_eq!(read("项目总投资1亿2000万元。"), ["120000000 元"]);
    assert_eq!(read("筹集资金5千3百万元。"), ["53000000 元"]);
    assert_eq!(read("涉及搬迁群众2万零300户。"), ["20300 户"]);
    assert_eq!(read("新增造林6万零8亩。"), ["60008 亩"]);
    assert_eq!(read("完成营业额12亿3456万元。"), ["1234560000 元"]);
    // A lone digit after a multiplier starts the next phrase, not this number.
    assert_eq!(read("全镇3亿2个项目"), ["2 个"]);
}

#[test]
fn digits_grouped_by_spaces_are_one_number() {
    assert_eq!(
        read("全县总户数48 315户,总人口126 904人。"),
        ["48315 户", "126904 人"]
    );
    assert_eq!(read("地区生产总值1 023 456万元。"), ["10234560000 元"]);
    assert_eq!(read("常住人口1\u{2009}204\u{2009}300人。"), ["1204300 人"]);
    assert_eq!(read("耕地面积5\u{202F}730亩。"), ["5730 亩"]);
    assert_eq!(read("年末户数3\u{3000}217户。"), ["3217 户"]);
}

#[test]
fn spaced_digits_that_are_not_one_number_stay_apart() {
    // Groups of other sizes: a list.
    assert_eq!(read("三组分别有3 5 7人。"), ["7 人"]);
    // A leading zero: a code, neither joined nor read (020 is no count either).
    assert!(read("编号010 020户").is_empty());
    // Two spaces or a tab: a table's columns.
    assert_eq!(read("户数  125  300户"), ["300 户"]);
    assert_eq!(read("户数\t125\t300户"), ["300 户"]);
    // A space before the unit: the last group is not joined to the unit.
    assert!(read("合计48 315 户").is_empty());
    // Four-digit groups are years or columns.
    assert_eq!(read("2019 2020人"), ["2020 人"]);
}

#[test]
fn a_minus_sign_is_part_of_the_value() {
    assert_eq!(read("利润总额-1500万元。"), ["-15000000 元"]);
    assert_eq!(read("比上年增长-2.3%。"), ["-2.3 %"]);
    assert_eq!(read("净流入负120人。"), ["-120 人"]);
    assert_eq!(read("利润−45.5万元"), ["-455000 元"]);
    // A hyphen after a digit is a range; after a letter, a code.
    let range = facts("每亩补贴500-600元");
    assert_eq!(
        (
            range[0].value.to_string(),
            range[0].value_max.as_ref().map(ToString::to_string)
        ),
        ("500".into(), Some("600".into()))
    );
    assert_eq!(read("编号A-3人"), ["3 人"]);
}

#[test]
fn per_mille_and_points_are_percent_kinds_of_their_own() {
    let f = facts("本镇出生率3.18‰,比上年下降0.6个千分点,城镇化率提高1.2个百分点。");
    let got: Vec<(String, String, String)> = f
        .iter()
        .map(|f| (f.kind.to_string(), f.value.to_string(), f.unit.to_string()))
        .collect();
    assert_eq!(
        got,
        [
            ("percent".into(), "3.18".into(), "‰".into()),
            ("percent".into(), "0.6".into(), "个千分点".into()),
            ("percent".into(), "1.2".into(), "个百分点".into()),
        ]
    );
    assert_eq!(read("下降三个百分点"), ["3 个百分点"]);
}
