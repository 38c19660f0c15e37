//! Conformance with a public project's Chinese test cases (Microsoft Recognizers-Text,
//! MIT; see tests/peer/README.md): currency amounts through `extract`.

use factx::{Decimal, Document, Engine, Value};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::path::Path;

#[derive(Deserialize)]
struct Case {
    input: String,
    expected: Vec<Expected>,
    source: String,
}

#[derive(Deserialize)]
struct Expected {
    start: usize,
    end: usize,
    value: Option<Box<RawValue>>,
    iso: Option<String>,
}

fn cases(file: &str) -> Vec<Case> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/peer")
        .join(file);
    let text = std::fs::read_to_string(&path).expect("peer suite file");
    text.lines()
        .enumerate()
        .map(|(i, l)| serde_json::from_str(l).unwrap_or_else(|e| panic!("{file}:{}: {e}", i + 1)))
        .collect()
}

#[test]
fn currency_every_cny_amount_is_exact() {
    let engine = Engine::with_default_rules().expect("default rules compile");
    let (mut total, mut passed, mut failures) = (0, 0, Vec::new());
    for case in cases("currency.jsonl") {
        let facts = engine.extract(&Document::new("peer", case.input.clone()));
        for e in &case.expected {
            let (Some(raw), Some("CNY")) = (&e.value, e.iso.as_deref()) else {
                continue; // a bare currency name, or another currency
            };
            total += 1;
            let want: Decimal = raw.get().parse().expect("plain decimal in the suite");
            let hit = facts.iter().any(|f| {
                let (a, b) = (f.offset, f.offset + f.raw.chars().count());
                &*f.kind == "money" && a <= e.end && e.start < b && f.value == Value::Number(want)
            });
            if hit {
                passed += 1;
            } else {
                let got: Vec<String> = facts
                    .iter()
                    .map(|f| format!("{}={}", f.raw, f.value))
                    .collect();
                failures.push(format!(
                    "{} {:?}: want {want}, got {got:?}",
                    case.source, case.input
                ));
            }
        }
    }
    println!("currency peer suite: {passed}/{total} CNY amounts exact");
    assert_eq!(total, 14, "the suite has 14 CNY amounts with a value");
    assert!(failures.is_empty(), "failures:\n{}", failures.join("\n"));
}
