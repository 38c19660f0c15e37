//! One test per thing that must not come back, named after what it guards.

use crate::support::facts;
use factx::{Document, Engine};

fn raws(text: &str) -> Vec<String> {
    facts(text)
        .into_iter()
        .map(|f| format!("{}:{}", f.raw, f.unit))
        .collect()
}

#[test]
fn years_are_not_facts() {
    assert!(raws("2025年,和林格尔县推进光伏帮扶。").is_empty());
    assert!(raws("近3年全链条用工").is_empty());
}

#[test]
fn ages_are_not_facts() {
    assert!(raws("东红霞大姐,您今年46岁啦").is_empty());
    assert!(raws("16至24岁失业青年").is_empty());
}

#[test]
fn ordinals_are_not_facts() {
    assert!(raws("这是全区第21个示范点,排名第3名。").is_empty());
}

#[test]
fn numbers_in_document_titles_are_not_facts() {
    assert!(raws("制定出台了《科右前旗促进城镇困难群体精准就业十三条措施》。").is_empty());
    assert_eq!(
        raws("印发《关于发放100万元补助的通知》,共发放200万元。"),
        vec!["200万元:元"]
    );
}

#[test]
fn percentages_are_not_money() {
    let f = facts("推动入驻企业降本增效30%以上");
    assert_eq!(f.len(), 1);
    assert_eq!((&*f[0].kind, &*f[0].unit), ("percent", "%"));
}

#[test]
fn wan_dun_is_weight_not_money() {
    let f = facts("锂铝年采选60万吨项目,投资8亿元");
    let units: Vec<_> = f.iter().map(|f| (f.raw.as_str(), &*f.unit)).collect();
    assert_eq!(units, vec![("60万吨", "吨"), ("8亿元", "元")]);
}

#[test]
fn a_number_stops_at_its_unit() {
    let f = facts("完成投资2105.6万元3个村受益");
    assert_eq!(f[0].raw, "2105.6万元");
    assert_eq!(f[0].value.to_string(), "21056000");
    assert_eq!(f[1].raw, "3个");
}

#[test]
fn durations_are_not_counts_or_dates() {
    assert!(raws("见习期从3个月到12个月不等").is_empty());
}

#[test]
fn times_of_day_and_phone_numbers_are_not_facts() {
    assert!(raws("上午8时30分开始,咨询电话0471-6965110。").is_empty());
}

#[test]
fn offsets_and_lines_point_at_the_original_text() {
    let text = "标题\n\n　　投入资金１２．５万元,\n\n惠及群众1932人。";
    let f = facts(text);
    assert_eq!(f.len(), 2);
    for fact in &f {
        let at: String = text
            .chars()
            .skip(fact.offset)
            .take(fact.raw.chars().count())
            .collect();
        assert_eq!(at, fact.raw);
    }
    assert_eq!((f[0].raw.as_str(), f[0].line), ("１２．５万元", 3));
    assert_eq!((f[1].raw.as_str(), f[1].line), ("1932人", 5));
    // The short first line is a heading: its own sentence, not glued to the paragraph.
    assert_eq!(&*f[1].sentence, "投入资金１２．５万元,惠及群众1932人。");
}

#[test]
fn output_is_deterministic() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/002_3d5ce0af248e9fcd.txt"
    ))
    .expect("seed");
    assert_eq!(facts(&text), facts(&text));
}

#[test]
fn indicators_are_column_names_not_verbs_or_sentences() {
    let engine = Engine::with_default_rules().expect("default rules compile");
    let verbs = &engine.rules().fallback.verbs;
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut named = 0;
    let mut total = 0;
    for entry in std::fs::read_dir(seeds).expect("seeds/") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("seed");
        for f in engine.extract(&Document::new(path.display().to_string(), text)) {
            total += 1;
            let Some(label) = f.indicator else { continue };
            named += 1;
            let n = label.chars().count();
            assert!(
                (2..=12).contains(&n),
                "{label:?} for {} has {n} chars",
                f.raw
            );
            assert!(
                !verbs.contains(&label),
                "{label:?} for {} is a bare verb",
                f.raw
            );
            assert!(!label.trim().is_empty());
        }
    }
    // Every fact but a rare headline fragment gets a name.
    assert!(named * 100 >= total * 98, "{named} of {total} facts named");
}

#[test]
fn a_megabyte_number_is_no_fact_and_no_hang() {
    // 1,000,000 digits: far past any exact value; dropped, not parsed a million times over.
    let text = format!("{}元", "1".repeat(1_000_000));
    assert!(facts(&text).is_empty());
}

#[test]
fn a_long_line_without_punctuation_keeps_short_sentences_in_records() {
    let text = "投入资金5万元,惠及群众1932人,".repeat(2000);
    let f = facts(&text);
    assert_eq!(f.len(), 4000);
    assert!(f.iter().all(|x| x.sentence.chars().count() < 400));
    let last = f.last().expect("facts");
    let at: String = text
        .chars()
        .skip(last.offset)
        .take(last.raw.chars().count())
        .collect();
    assert_eq!(at, last.raw);
}
