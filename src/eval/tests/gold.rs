//! Locating and loading gold, down to the real gold files against themselves.

use super::super::locate::{join_lines, needle};
use super::*;
use std::path::PathBuf;

#[test]
fn locates_context_across_line_break() {
    let text = "在技术人员指导下,先\n\n后有100多名返乡青年增收。\n  另有100多名志愿者。";
    let facts = vec![
        gold_fact("b.txt", "100多名", "指导下,先后有", num("100"), "人"),
        gold_fact("b.txt", "100多名", "年增收。另有", num("100"), "人"),
    ];
    let locs = locate(&facts, text);
    assert_eq!(locs[0].offset, Some(char_offset(text, "100多名返乡")));
    assert_eq!(locs[0].method, LocateMethod::ContextJoined);
    assert_eq!(locs[1].offset, Some(char_offset(text, "100多名志愿")));
    assert_eq!(locs[1].method, LocateMethod::ContextJoined);
}

#[test]
fn locate_fallbacks() {
    let text = "甲地投入500万元。乙地也投入了一笔资金,共500万元。丙地500万元。";
    let facts = vec![
        // Context present but not directly before raw: nearest raw after the context.
        gold_fact("c.txt", "500万元", "乙地也投入", num("5000000"), "元"),
        // Context absent: first occurrence not yet taken.
        gold_fact("c.txt", "500万元", "不存在的上下文", num("5000000"), "元"),
        gold_fact("c.txt", "800万元", "丙地", num("8000000"), "元"),
    ];
    let locs = locate(&facts, text);
    assert_eq!(locs[0].offset, Some(char_offset(text, "500万元。丙")));
    assert_eq!(locs[0].method, LocateMethod::AfterContext);
    assert_eq!(locs[1].offset, Some(char_offset(text, "500万元")));
    assert_eq!(locs[1].method, LocateMethod::RawOnly);
    assert_eq!(locs[2].offset, None);
    assert_eq!(locs[2].method, LocateMethod::NotFound);

    let gold = gold_of(facts);
    let r = run(&gold, "c.txt", text, &[]);
    assert_eq!(r.detection.fn_, 3);
    assert!(r
        .warnings
        .iter()
        .any(|w| w.contains("not found in the text")));
    assert!(r.render_text(true).contains("[not locatable]"));
}

#[test]
fn gold_values_parse_exactly() {
    let dir = std::env::temp_dir().join(format!("factx-eval-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("test input is valid");
    let lines = [
        r#"{"doc": "x.txt", "raw": "1.82亿元", "value": 182000000, "unit": "元", "context": "a"}"#,
        r#"{"doc": "x.txt", "raw": "0.83元", "value": 0.83, "unit": "元", "qualifier": null, "context": "b"}"#,
        r#"{"doc": "x.txt", "raw": "2月18日至22日", "value": "--02-18", "value_max": "--02-22", "unit": "date", "context": "c"}"#,
        r#"{"doc": "x.txt", "raw": "1.5万元", "value": 1.5e4, "unit": "元", "context": "d", "region": "祁阳县", "region_now": "祁阳市"}"#,
    ];
    std::fs::write(dir.join("x.jsonl"), lines.join("\n") + "\n\n").expect("test input is valid");
    let gold = load_gold(&dir).expect("test input is valid");
    let x = &gold["x.txt"];
    assert_eq!(x[0].value, num("182000000"));
    assert_eq!(x[1].value, num("0.83"));
    assert_eq!(x[2].value, Value::Text("--02-18".into()));
    assert_eq!(x[2].value_max, Some(Value::Text("--02-22".into())));
    assert_eq!(x[3].value, num("15000"));
    assert_eq!(x[3].line, 4);
    assert_eq!(x[3].region.as_deref(), Some("祁阳县"));
    assert_eq!(x[3].region_now.as_deref(), Some("祁阳市"));
    assert_eq!(x[0].region_now, None);

    std::fs::write(dir.join("y.jsonl"), "\n{\"doc\": \"y.txt\", \"raw\": 1,}\n")
        .expect("test input is valid");
    let err = format!("{:#}", load_gold(&dir).unwrap_err());
    assert!(err.contains("y.jsonl:2"), "{err}");
    std::fs::remove_dir_all(&dir).expect("test input is valid");
}

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Gold facts as predicted facts at their located offsets.
fn gold_as_facts(facts: &[GoldFact], locs: &[Location]) -> Vec<Fact> {
    facts
        .iter()
        .zip(locs)
        .filter_map(|(g, l)| {
            let mut f = fact(&g.doc, &g.raw, l.offset?, g.value.clone(), &g.unit);
            f.value_max = g.value_max.clone();
            f.qualifier = g.qualifier.clone();
            f.indicator = g.indicator.clone();
            f.region = g.region.as_deref().map(Into::into);
            f.date = g.date.clone();
            f.rule = "gold".into();
            Some(f)
        })
        .collect()
}

#[test]
fn real_gold_is_locatable_and_scores_perfectly_against_itself() {
    let gold = load_gold(&crate_dir().join("tests/gold")).expect("test input is valid");
    assert_eq!(gold.len(), 3);
    assert_eq!(gold.values().map(Vec::len).sum::<usize>(), 126);
    let mut texts = Vec::new();
    let mut problems = Vec::new();
    for (doc, facts) in &gold {
        let text = std::fs::read_to_string(crate_dir().join("seeds").join(doc))
            .expect("test input is valid");
        let locs = locate(facts, &text);
        let chars: Vec<char> = text.chars().collect();
        for (g, l) in facts.iter().zip(&locs) {
            if let Some(o) = l.offset {
                let after = join_lines(&chars[o..]).chars;
                assert!(after.starts_with(&needle(&g.raw)), "{doc} line {}", g.line);
                // Directly preceded by the context (joined), and the raw starts a character.
                let before = join_lines(&chars[..o]).chars;
                assert!(
                    before.ends_with(&needle(&g.context)),
                    "{doc} line {}",
                    g.line
                );
            }
            if l.method == LocateMethod::ContextJoined {
                println!(
                    "joined: {doc} line {} {:?} ctx {:?}",
                    g.line, g.raw, g.context
                );
            }
            if !matches!(
                l.method,
                LocateMethod::Context | LocateMethod::ContextJoined
            ) || l.duplicate_of.is_some()
            {
                problems.push(format!(
                    "{doc} line {} {:?} ctx {:?}: {:?} dup {:?}",
                    g.line, g.raw, g.context, l.method, l.duplicate_of
                ));
            }
        }
        let facts = gold_as_facts(facts, &locs);
        texts.push((doc.clone(), text, facts));
    }
    assert!(
        problems.is_empty(),
        "gold facts not located by context:\n{}",
        problems.join("\n")
    );
    let docs: Vec<EvalDoc> = texts
        .iter()
        .map(|(name, text, facts)| EvalDoc {
            name: name.clone(),
            text,
            facts,
        })
        .collect();
    let r = evaluate(&gold, &docs);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    assert_eq!(
        (r.detection.tp, r.detection.fp, r.detection.fn_),
        (126, 0, 0)
    );
    assert_eq!(r.detection.precision, Some(1.0));
    assert_eq!(r.detection.recall, Some(1.0));
    assert_eq!(r.detection.f1, Some(1.0));
    assert_eq!(r.values_exact, Ratio::new(126, 126));
    assert_eq!(r.qualifier_accuracy.value, Some(1.0));
    assert_eq!(r.region_accuracy.value, Some(1.0));
    assert_eq!(r.indicator_overlap.value, Some(1.0));
    assert_eq!(r.indicator_char_f1.mean, Some(1.0));
    let text = r.render_text(true);
    assert!(text.contains("detection           P=1.000 R=1.000 F1=1.000 (tp=126 fp=0 fn=0)"));
    println!("{text}");
}
