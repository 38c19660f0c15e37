use super::score::{char_overlap, indicator_char_f1, indicator_overlaps, same_value};
use super::*;
use crate::fact::{Fact, Value};

mod gold;

fn num(s: &str) -> Value {
    Value::Number(s.parse().expect("test input is valid"))
}

fn char_offset(text: &str, needle: &str) -> usize {
    let b = text.find(needle).expect("test input is valid");
    text[..b].chars().count()
}

/// A predicted fact with the fields scoring looks at.
fn fact(doc: &str, raw: &str, offset: usize, value: Value, unit: &str) -> Fact {
    Fact {
        doc: doc.into(),
        kind: "test".into(),
        region: None,
        region_code: None,
        region_path: None,
        region_candidates: None,
        article: None,
        indicator: None,
        value,
        value_max: None,
        unit: unit.into(),
        qualifier: None,
        raw: raw.to_string(),
        date: None,
        sentence: "".into(),
        offset,
        line: 1,
        rule: "test".into(),
        region_mention: None,
        repeat_of: None,
        region_reason: None,
        indicator_source: None,
    }
}

/// The predicted fact "150户" of [`TEXT`] in a.txt.
fn households_150() -> Fact {
    fact(
        "a.txt",
        "150户",
        char_offset(TEXT, "150户"),
        num("150"),
        "户",
    )
}

fn gold_fact(doc: &str, raw: &str, context: &str, value: Value, unit: &str) -> GoldFact {
    GoldFact {
        doc: doc.to_string(),
        raw: raw.to_string(),
        value,
        value_max: None,
        unit: unit.to_string(),
        qualifier: None,
        indicator: None,
        region: None,
        region_parent: None,
        region_now: None,
        date: None,
        context: context.to_string(),
        line: 1,
    }
}

fn gold_of(facts: Vec<GoldFact>) -> Gold {
    let mut g = Gold::new();
    for (i, mut f) in facts.into_iter().enumerate() {
        f.line = i + 1;
        g.entry(f.doc.clone()).or_default().push(f);
    }
    g
}

fn run(gold: &Gold, name: &str, text: &str, facts: &[Fact]) -> Report {
    let docs = [EvalDoc {
        name: name.to_string(),
        text,
        facts,
    }];
    evaluate(gold, &docs)
}

const TEXT: &str = "该县投入产业帮扶款7081万元建设加工园,吸纳务工超1000人。\n共有150户参与。";

#[test]
fn exact_match() {
    let gold = gold_of(vec![
        gold_fact("a.txt", "7081万元", "投入产业帮扶款", num("70810000"), "元"),
        gold_fact("a.txt", "超1000人", "吸纳务工", num("1000"), "人"),
    ]);
    let preds = [
        fact(
            "a.txt",
            "7081万元",
            char_offset(TEXT, "7081"),
            num("70810000"),
            "元",
        ),
        fact(
            "a.txt",
            "超1000人",
            char_offset(TEXT, "超1000"),
            num("1000"),
            "人",
        ),
    ];
    let r = run(&gold, "a.txt", TEXT, &preds);
    assert_eq!((r.detection.tp, r.detection.fp, r.detection.fn_), (2, 0, 0));
    assert_eq!(r.detection.f1, Some(1.0));
    assert_eq!(r.values_exact, Ratio::new(2, 2));
    assert_eq!(r.scored_docs, vec!["a.txt".to_string()]);
    let text = r.render_text(true);
    assert!(text.contains("detection           P=1.000 R=1.000 F1=1.000 (tp=2 fp=0 fn=0)"));
    assert!(serde_json::to_string(&r)
        .expect("test input is valid")
        .contains("\"fn\":0"));
}

#[test]
fn position_tolerance() {
    let gold = gold_of(vec![gold_fact(
        "a.txt",
        "超1000人",
        "吸纳务工",
        num("1000"),
        "人",
    )]);
    let start = char_offset(TEXT, "超1000");
    // Predicted raw without the 超 prefix starts one character later: still a match.
    let near = [fact("a.txt", "1000人", start + 1, num("1000"), "人")];
    assert_eq!(run(&gold, "a.txt", TEXT, &near).detection.tp, 1);
    let edge = [fact("a.txt", "x", start + TOLERANCE, num("1000"), "人")];
    assert_eq!(run(&gold, "a.txt", TEXT, &edge).detection.tp, 1);
    let far = [fact("a.txt", "x", start + TOLERANCE + 1, num("1000"), "人")];
    let r = run(&gold, "a.txt", TEXT, &far);
    assert_eq!((r.detection.tp, r.detection.fp, r.detection.fn_), (0, 1, 1));
}

#[test]
fn greedy_matching_is_one_to_one_by_distance() {
    let gold = gold_of(vec![gold_fact(
        "a.txt",
        "超1000人",
        "吸纳务工",
        num("1000"),
        "人",
    )]);
    let start = char_offset(TEXT, "超1000");
    let preds = [
        fact("a.txt", "far", start + 3, num("1000"), "人"),
        fact("a.txt", "near", start + 1, num("1000"), "人"),
    ];
    let r = run(&gold, "a.txt", TEXT, &preds);
    assert_eq!((r.detection.tp, r.detection.fp, r.detection.fn_), (1, 1, 0));
    assert_eq!(r.false_alarms[0].raw, "far");
}

#[test]
fn unit_mismatch_is_miss_and_false_alarm() {
    let gold = gold_of(vec![gold_fact("a.txt", "150户", "共有", num("150"), "户")]);
    let preds = [fact(
        "a.txt",
        "150户",
        char_offset(TEXT, "150户"),
        num("150"),
        "人",
    )];
    let r = run(&gold, "a.txt", TEXT, &preds);
    assert_eq!((r.detection.tp, r.detection.fp, r.detection.fn_), (0, 1, 1));
    assert_eq!(r.misses.len(), 1);
    assert_eq!(r.false_alarms.len(), 1);
    assert!(r.value_errors.is_empty());
    assert_eq!(r.values_exact.total, 0);
    let unit = |u: &str| {
        r.per_unit
            .iter()
            .find(|s| s.unit == u)
            .expect("test input is valid")
            .score
            .clone()
    };
    assert_eq!(unit("户").fn_, 1);
    assert_eq!(unit("人").fp, 1);
    assert_eq!(r.misses[0].line, Some(2));
}

#[test]
fn a_yearless_gold_date_matches_the_date_completed_from_the_page() {
    let t = |s: &str| Value::Text(s.into());
    assert!(same_value(&t("--09-08"), &t("2016-09-08")));
    assert!(same_value(&t("--09"), &t("2016-09")));
    assert!(!same_value(&t("--09-08"), &t("2016-09-09")));
    assert!(!same_value(&t("2015-09-08"), &t("2016-09-08")));
    assert!(!same_value(&t("--09-08"), &t("--09-09")));
    assert!(!same_value(&t("--09"), &t("2016-09-01")));
}

#[test]
fn value_mismatch_is_value_error() {
    let gold = gold_of(vec![gold_fact(
        "a.txt",
        "7081万元",
        "投入产业帮扶款",
        num("70810000"),
        "元",
    )]);
    let preds = [fact(
        "a.txt",
        "7081万元",
        char_offset(TEXT, "7081"),
        num("7081"),
        "元",
    )];
    let r = run(&gold, "a.txt", TEXT, &preds);
    assert_eq!((r.detection.tp, r.detection.fp, r.detection.fn_), (0, 1, 1));
    assert_eq!(r.values_exact, Ratio::new(0, 1));
    assert_eq!(r.value_errors.len(), 1);
    assert_eq!(r.value_errors[0].predicted_value, num("7081"));
    assert!(r.misses.is_empty() && r.false_alarms.is_empty());
    assert!(r.render_text(false).contains("values exact        0/1"));
    // value_max is part of the value.
    let mut ranged = preds[0].clone();
    ranged.value = num("70810000");
    ranged.value_max = Some(num("80000000"));
    let r = run(&gold, "a.txt", TEXT, &[ranged]);
    assert_eq!(r.value_errors.len(), 1);
}

#[test]
fn non_core_units_ignored() {
    let gold = gold_of(vec![gold_fact("a.txt", "150户", "共有", num("150"), "户")]);
    let preds = [
        households_150(),
        fact(
            "a.txt",
            "7081万元",
            char_offset(TEXT, "7081"),
            num("7081"),
            "万元",
        ),
        fact("a.txt", "30%", 0, num("30"), "%"),
    ];
    let r = run(&gold, "a.txt", TEXT, &preds);
    assert_eq!((r.detection.tp, r.detection.fp, r.detection.fn_), (1, 0, 0));
    assert_eq!((r.predicted_facts, r.ignored_predictions), (1, 2));
}

#[test]
fn qualifier_and_region_accuracy() {
    let mut g1 = gold_fact("a.txt", "超1000人", "吸纳务工", num("1000"), "人");
    g1.qualifier = Some("over".into());
    g1.region = Some("和林格尔县".into());
    g1.region_parent = Some("呼和浩特市".into());
    let mut g2 = gold_fact("a.txt", "150户", "共有", num("150"), "户");
    g2.region = Some("和林格尔县".into());
    g2.region_parent = Some("呼和浩特市".into());
    let g3 = gold_fact("a.txt", "7081万元", "投入产业帮扶款", num("70810000"), "元");
    let gold = gold_of(vec![g1, g2, g3]);
    let mut p1 = fact(
        "a.txt",
        "超1000人",
        char_offset(TEXT, "超1000"),
        num("1000"),
        "人",
    );
    p1.qualifier = Some("over".into());
    p1.region = Some("和林格尔县".into());
    let mut p2 = households_150();
    p2.qualifier = Some("approx".into());
    p2.region = Some("呼和浩特市".into()); // the parent is wrong
    let p3 = fact(
        "a.txt",
        "7081万元",
        char_offset(TEXT, "7081"),
        num("70810000"),
        "元",
    );
    let r = run(&gold, "a.txt", TEXT, &[p1, p2, p3]);
    assert_eq!(r.detection.tp, 3);
    // p1 equal, p2 approx vs null, p3 null vs null.
    assert_eq!(r.qualifier_accuracy, Ratio::new(2, 3));
    assert_eq!(r.qualifier_mismatches.len(), 1);
    assert_eq!(r.qualifier_mismatches[0].gold, None);
    assert_eq!(
        r.qualifier_mismatches[0].predicted.as_deref(),
        Some("approx")
    );
    // p1 equal, p2 parent (wrong), p3 null vs null (right).
    assert_eq!(r.region_accuracy, Ratio::new(2, 3));
    assert!(r
        .render_text(false)
        .contains("qualifier accuracy  0.667 (2/3)"));
}

#[test]
fn renamed_region_is_right_under_either_name() {
    // 祁阳县 became 祁阳市: the gold keeps the name in the text and the one in force now.
    let mut g = gold_fact("a.txt", "150户", "共有", num("150"), "户");
    g.region = Some("祁阳县".into());
    g.region_parent = Some("永州市".into());
    g.region_now = Some("祁阳市".into());
    let gold = gold_of(vec![g]);
    let predicted = |region: Option<&str>| {
        let mut p = households_150();
        p.region = region.map(Into::into);
        p
    };
    for (region, right) in [
        (Some("祁阳市"), true),
        (Some("祁阳县"), true),
        (Some("永州市"), false),
        (None, false),
    ] {
        let r = run(&gold, "a.txt", TEXT, &[predicted(region)]);
        let expected = Ratio::new(usize::from(right), 1);
        assert_eq!(r.region_accuracy, expected, "predicted {region:?}");
        assert_eq!(r.region_mismatches.len(), usize::from(!right));
    }
}

#[test]
fn several_gold_sets_report_each_and_all() {
    let a = gold_of(vec![gold_fact("a.txt", "150户", "共有", num("150"), "户")]);
    let b = gold_of(vec![
        gold_fact("b.txt", "超1000人", "吸纳务工", num("1000"), "人"),
        gold_fact("z.txt", "3人", "有", num("3"), "人"),
    ]);
    let fa = [households_150()];
    let docs = [
        EvalDoc {
            name: "x/a.txt".into(),
            text: TEXT,
            facts: &fa,
        },
        EvalDoc {
            name: "y/b.txt".into(),
            text: TEXT,
            facts: &[],
        },
        EvalDoc {
            name: "c.txt".into(),
            text: "",
            facts: &[],
        },
    ];
    let sets = vec![("gold/a".to_string(), a.clone()), ("gold/b".to_string(), b)];
    let reports = evaluate_sets(&sets, &docs).expect("no document in two sets");
    let names: Vec<&str> = reports.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["gold/a", "gold/b", ALL_SETS]);
    let (ra, rb, all) = (&reports[0].1, &reports[1].1, &reports[2].1);
    assert_eq!(ra.scored_docs, ["a.txt"]);
    assert_eq!((ra.input_docs, ra.gold_facts, ra.detection.tp), (1, 1, 1));
    assert!(ra.docs_without_gold.is_empty());
    assert_eq!(rb.scored_docs, ["b.txt"]);
    assert_eq!(rb.gold_docs_without_input, ["z.txt"]);
    assert_eq!((rb.input_docs, rb.gold_facts, rb.detection.fn_), (1, 2, 2));
    assert_eq!(all.scored_docs, ["a.txt", "b.txt"]);
    assert_eq!(all.docs_without_gold, ["c.txt"]);
    assert_eq!((all.input_docs, all.gold_facts), (3, 3));
    assert_eq!((all.detection.tp, all.detection.fn_), (1, 2));

    let reports = SetReports(reports);
    let text = reports.render_text(true);
    assert!(text.starts_with("== gold/a ==\nscored 1 of 1 input documents\n"));
    assert!(text.contains("\n\n== gold/b ==\nscored 1 of 1 input documents\n"));
    assert!(text
        .contains("\n\n== all ==\nscored 2 of 3 input documents (no gold: c.txt)\ngold facts 3,"));
    // Errors are listed under their set, not again under "all".
    assert_eq!(text.matches("\nmisses (").count(), 2);
    let json = serde_json::to_value(&reports).expect("serialises");
    let keys: Vec<&String> = json.as_object().expect("an object").keys().collect();
    assert_eq!(keys.len(), 3);
    assert_eq!(json["gold/b"]["gold_facts"], 2);
    assert_eq!(json["all"]["docs_without_gold"][0], "c.txt");

    // One set: exactly the plain report of every document.
    let one = evaluate_sets(&sets[..1], &docs).expect("one set");
    assert_eq!(one, vec![("gold/a".to_string(), evaluate(&a, &docs))]);
    assert_eq!(one[0].1.docs_without_gold, ["b.txt", "c.txt"]);
}

#[test]
fn document_in_two_gold_sets_is_an_error() {
    let a = gold_of(vec![gold_fact("a.txt", "150户", "共有", num("150"), "户")]);
    let b = gold_of(vec![gold_fact("a.txt", "3人", "有", num("3"), "人")]);
    let sets = vec![
        ("tests/gold".to_string(), a.clone()),
        ("dev2/gold".to_string(), b),
    ];
    let err = evaluate_sets(&sets, &[]).unwrap_err().to_string();
    assert_eq!(
        err,
        "document a.txt has gold in two gold sets: tests/gold and dev2/gold"
    );
    let err = merge_gold(&[
        ("all".to_string(), a.clone()),
        ("x".to_string(), Gold::new()),
    ])
    .unwrap_err()
    .to_string();
    assert!(err.contains("may not be named \"all\""), "{err}");
    // Alone, a set may be called anything.
    assert!(merge_gold(&[("all".to_string(), a)]).is_ok());
}

#[test]
fn zone_with_own_code_counts_as_city() {
    let mut g = gold_fact("a.txt", "150户", "共有", num("150"), "户");
    g.region = Some("包头市".into());
    let mut p = households_150();
    p.region = Some("包头稀土高新技术产业开发区".into());
    p.region_code = Some("150271".into());
    p.region_path = Some("内蒙古自治区/包头市/包头稀土高新技术产业开发区".into());
    let mut county = p.clone();
    county.region = Some("九原区".into());
    county.region_code = Some("150207".into());
    county.region_path = Some("内蒙古自治区/包头市/九原区".into());
    let r = run(&gold_of(vec![g.clone()]), "a.txt", TEXT, &[p]);
    assert_eq!(r.region_accuracy, Ratio::new(1, 1));
    // An ordinary county is not its city.
    let r = run(&gold_of(vec![g]), "a.txt", TEXT, &[county]);
    assert_eq!(r.region_accuracy, Ratio::new(0, 1));
}

#[test]
fn indicator_overlap_and_char_f1() {
    assert!(indicator_overlaps(Some("财政衔接资金"), Some("衔接资金")));
    assert!(!indicator_overlaps(Some("财政衔接资金"), Some("资金")));
    assert!(!indicator_overlaps(Some("财政衔接资金"), None));
    assert!((indicator_char_f1(Some("财政衔接资金"), Some("衔接资金")) - 0.8).abs() < 1e-9);
    assert_eq!(indicator_char_f1(Some("财政衔接资金"), None), 0.0);
    assert_eq!(char_overlap("资金资金", "资金"), 2);

    let mut g = gold_fact("a.txt", "7081万元", "投入产业帮扶款", num("70810000"), "元");
    g.indicator = Some("财政衔接资金".into());
    let gold = gold_of(vec![g]);
    let at = char_offset(TEXT, "7081");
    let mut good = fact("a.txt", "7081万元", at, num("70810000"), "元");
    good.indicator = Some("衔接资金".into());
    let r = run(&gold, "a.txt", TEXT, &[good.clone()]);
    assert_eq!(r.indicator_overlap, Ratio::new(1, 1));
    assert!((r.indicator_char_f1.mean.expect("test input is valid") - 0.8).abs() < 1e-9);
    good.indicator = Some("资金".into());
    let r = run(&gold, "a.txt", TEXT, &[good]);
    assert_eq!(r.indicator_overlap, Ratio::new(0, 1));
    assert!((r.indicator_char_f1.mean.expect("test input is valid") - 0.5).abs() < 1e-9);
}

#[test]
fn documents_without_gold_and_gold_without_input() {
    let gold = gold_of(vec![
        gold_fact("a.txt", "150户", "共有", num("150"), "户"),
        gold_fact("z.txt", "3人", "有", num("3"), "人"),
    ]);
    let docs = [
        EvalDoc {
            name: "dir/a.txt".into(),
            text: TEXT,
            facts: &[],
        },
        EvalDoc {
            name: "b.txt".into(),
            text: "",
            facts: &[],
        },
    ];
    let r = evaluate(&gold, &docs);
    assert_eq!(r.scored_docs, vec!["a.txt".to_string()]);
    assert_eq!(r.docs_without_gold, vec!["b.txt".to_string()]);
    assert_eq!(r.gold_docs_without_input, vec!["z.txt".to_string()]);
    assert_eq!(r.detection.fn_, 2);
    let text = r.render_text(false);
    assert!(text.contains("scored 1 of 2 input documents (no gold: b.txt)"));
    assert!(text.contains("warning: gold document z.txt has no input document"));
    assert!(r
        .render_text(true)
        .contains("z.txt ?:?  \"3人\" = 3 人  context \"有\"  (gold line 2)  [no input document]"));
}
