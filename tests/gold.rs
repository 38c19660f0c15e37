//! Accuracy against the hand-labelled dev gold (seeds 000-002, tests/gold/): the
//! thresholds of the core pipeline. The figures are printed so a run shows them.

use factx::eval::{evaluate, load_gold, EvalDoc};
use factx::{Document, Engine};
use std::path::Path;

#[test]
fn dev_gold_thresholds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let gold = load_gold(&root.join("tests/gold")).expect("gold loads");
    let engine = Engine::with_default_rules().expect("default rules compile");
    let docs: Vec<(String, Document)> = gold
        .keys()
        .map(|name| {
            let text = std::fs::read_to_string(root.join("seeds").join(name)).expect("seed");
            (name.clone(), Document::new(format!("seeds/{name}"), text))
        })
        .collect();
    let facts: Vec<_> = docs.iter().map(|(_, d)| engine.extract(d)).collect();
    let eval_docs: Vec<EvalDoc> = docs
        .iter()
        .zip(&facts)
        .map(|((name, d), f)| EvalDoc {
            name: name.clone(),
            text: &d.text,
            facts: f,
        })
        .collect();
    let report = evaluate(&gold, &eval_docs);
    println!("{}", report.render_text(true));

    assert_eq!(report.scored_docs.len(), 3);
    assert_eq!(report.gold_facts, 126);
    let f1 = report.detection.f1.expect("defined");
    assert!(f1 >= 0.95, "detection F1 {f1:.3} < 0.95");
    let q = report.qualifier_accuracy.value.expect("defined");
    assert!(q >= 0.95, "qualifier accuracy {q:.3} < 0.95");
    let overlap = report.indicator_overlap.value.expect("defined");
    assert!(overlap >= 0.85, "indicator overlap {overlap:.3} < 0.85");
    let char_f1 = report.indicator_char_f1.mean.expect("defined");
    assert!(char_f1 >= 0.75, "indicator char F1 {char_f1:.3} < 0.75");
    let region = report.region_accuracy.value.expect("defined");
    assert!(region >= 0.95, "region accuracy {region:.3} < 0.95");
    assert_eq!(
        report.values_exact.correct, report.values_exact.total,
        "every matched value must be exact: {:?}",
        report.value_errors
    );
}
