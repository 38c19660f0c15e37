//! What an analyst's table needs beyond the facts themselves (issue 19): which rows repeat
//! an earlier one, the date a page's partial dates resolve against, and the period a
//! figure belongs to. Every input is written for these tests.

use super::support::facts;
use factx::{Document, Engine, Fact};

use super::support::factx;

fn find<'a>(facts: &'a [Fact], raw: &str, line: usize) -> &'a Fact {
    facts
        .iter()
        .find(|f| f.raw == raw && f.line == line)
        .unwrap_or_else(|| panic!("no fact {raw} on line {line} in {facts:#?}"))
}

#[test]
fn a_body_repeating_its_headline_points_back_to_it() {
    let text = "四子王旗发放草原补奖资金4260万元\n\n\
                本报讯 今年以来,四子王旗累计发放草原补奖资金4260万元,惠及牧户3100户。\n\
                其中,该旗第一批发放2100万元。\n";
    let facts = facts(text);
    let head = find(&facts, "4260万元", 1);
    let body = find(&facts, "4260万元", 3);
    assert_eq!(head.repeat_of, None);
    assert_eq!(body.repeat_of, Some(head.offset));
    assert_eq!(find(&facts, "3100户", 3).repeat_of, None);
    assert_eq!(find(&facts, "2100万元", 4).repeat_of, None);
}

#[test]
fn a_paragraph_listing_equal_figures_has_no_repeat() {
    // Two towns each bring 300 people: the same number, two facts of one list.
    let text = "武川县就业帮扶\n\n\
                哈乐镇计划带动300名群众增收;可可以力更镇计划带动300名群众增收。\n";
    let facts = facts(text);
    assert!(
        facts.iter().all(|f| f.repeat_of.is_none()),
        "{:?}",
        facts
            .iter()
            .map(|f| (&f.raw, f.repeat_of))
            .collect::<Vec<_>>()
    );
}

#[test]
fn different_measures_and_rates_are_not_repeats() {
    let text = "科尔沁区新增就业800人\n\n\
                今年,科尔沁区培训农民800人,贷款年利率为4%。\n\
                另一笔贷款的年利率也是4%,全区新增就业800人。\n";
    let facts = facts(text);
    // 培训农民 is another measure than 新增就业; two rates of 4% are a coincidence.
    assert_eq!(find(&facts, "800人", 3).repeat_of, None);
    assert!(facts
        .iter()
        .filter(|f| f.raw == "4%")
        .all(|f| f.repeat_of.is_none()));
    let head = find(&facts, "800人", 1);
    assert_eq!(find(&facts, "800人", 4).repeat_of, Some(head.offset));
}

/// A 2016 bulletin whose header line carries its date.
const DATED_PAGE: &str = "2016-09-12 17:29 来源:某某网站\n\
                          9月8日以来,某地出现强降雨,截至9月11日,受灾群众1.2万人。\n";

fn dates_of(engine: &Engine, text: &str) -> Vec<String> {
    engine
        .extract(&Document::new("t", text))
        .iter()
        .filter(|f| &*f.kind == "date")
        .map(|f| f.value.to_string())
        .collect()
}

#[test]
fn a_page_with_its_own_date_resolves_against_it() {
    let plain = Engine::with_default_rules().expect("rules");
    let flagged = Engine::with_default_rules()
        .expect("rules")
        .with_ref_date(factx::input::jsonl::parse_iso_date("2025-01-13").expect("date"));
    let want = ["2016-09-12", "2016-09-08", "2016-09-11"];
    assert_eq!(dates_of(&plain, DATED_PAGE), want);
    assert_eq!(
        dates_of(&flagged, DATED_PAGE),
        want,
        "--ref-date must not win"
    );
    // A page without a date of its own uses --ref-date (a news date is in the past: the
    // last 9月8日 before 2025-01-13), or stays partial.
    let undated = "9月8日以来,某地出现强降雨。";
    assert_eq!(dates_of(&flagged, undated), ["2024-09-08"]);
    assert_eq!(dates_of(&plain, undated), ["--09-08"]);
    // A footer date line dates the page as well.
    let footer = "3月2日,某旗发放补贴50万元。\n\n2019年3月5日 来源:某旗融媒体中心\n";
    assert_eq!(dates_of(&flagged, footer)[0], "2019-03-02");
}

#[test]
fn a_record_date_wins_over_the_page() {
    let engine = Engine::with_default_rules().expect("rules");
    let mut doc = Document::new("r", DATED_PAGE);
    doc.ref_date = factx::input::jsonl::parse_iso_date("2017-01-01");
    let (day, source) = engine.reference_date(&doc).expect("a reference");
    assert_eq!(day.iso(), "2017-01-01");
    assert_eq!(source, factx::page::reference_date::Source::Record);
}

#[test]
fn articles_and_explain_say_which_reference_applied() {
    let dir = std::env::temp_dir().join(format!("factx-refdate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let dated = dir.join("dated.txt");
    let undated = dir.join("undated.txt");
    std::fs::write(&dated, DATED_PAGE).expect("write");
    std::fs::write(&undated, "9月8日以来,某地出现强降雨。\n").expect("write");
    let out = factx()
        .args(["articles", "--ref-date", "2025-01-13"])
        .args([&dated, &undated])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("reference date: 2016-09-12 (the page's own date, line 1)"),
        "{text}"
    );
    assert!(
        text.contains("reference date: 2025-01-13 (--ref-date)"),
        "{text}"
    );
    let out = factx()
        .args(["explain", "--file"])
        .arg(&undated)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("reference date: none"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_year_of_a_title_dates_figures_without_their_own() {
    let text = "2021年某旗经济运行统计公报\n\n\
                全年全县新增城镇就业2300人。\n\
                2020年全旗常住人口为11.2万人。\n";
    let facts = facts(text);
    assert_eq!(find(&facts, "2300人", 3).date.as_deref(), Some("2021"));
    // A figure with a year of its own keeps it.
    assert_eq!(find(&facts, "11.2万人", 4).date.as_deref(), Some("2020"));
}

#[test]
fn a_comparison_base_is_not_the_period() {
    let text = "2022年,全旗粮食产量达到45万吨,与2020年相比增加5万吨。\n\
                全旗农民人均收入1.8万元,比2021年增长6%。\n";
    let facts = facts(text);
    assert_eq!(find(&facts, "5万吨", 1).date.as_deref(), Some("2022"));
    assert_eq!(find(&facts, "1.8万元", 2).date, None);
    let text = "截至2023年底,全区累计投入资金2亿元,较2021年底增加5000万元。";
    let found = super::support::facts(text);
    assert_eq!(find(&found, "5000万元", 1).date.as_deref(), Some("2023-12"));
}

#[test]
fn years_joined_as_a_list_or_range_are_one_period() {
    let found =
        super::support::facts("2021年、2022年全旗共引进企业15家,2020年至2022年累计投资8亿元。");
    assert_eq!(find(&found, "15家", 1).date.as_deref(), Some("2021/2022"));
    assert_eq!(find(&found, "8亿元", 1).date.as_deref(), Some("2020/2022"));
}
