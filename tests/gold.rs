//! Accuracy against the hand-labelled dev gold (seeds 000-002, tests/gold/) and the open
//! corpus (tests/dev2/): the thresholds of the core pipeline. The figures are printed so a
//! run shows them.

use factx::eval::{evaluate, load_gold, EvalDoc, Gold, Report};
use factx::{Document, Engine};
use std::path::Path;

/// Extracts each `(file name, document)` with the default rules and scores it against `gold`.
fn extract_and_score(gold: &Gold, docs: &[(String, Document)]) -> Report {
    let engine = Engine::with_default_rules().expect("default rules compile");
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
    evaluate(gold, &eval_docs)
}

#[test]
fn dev_gold_thresholds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let gold = load_gold(&root.join("tests/gold")).expect("gold loads");
    let docs: Vec<(String, Document)> = gold
        .keys()
        .map(|name| {
            let text = std::fs::read_to_string(root.join("seeds").join(name)).expect("seed");
            (name.clone(), Document::new(format!("seeds/{name}"), text))
        })
        .collect();
    let report = extract_and_score(&gold, &docs);
    println!("{}", report.render_text(true));

    assert_eq!(report.scored_docs.len(), 3);
    assert_eq!(report.gold_facts, 126);
    let f1 = report.detection.f1.expect("defined");
    assert!(f1 >= 0.99, "detection F1 {f1:.3} < 0.99");
    let q = report.qualifier_accuracy.value.expect("defined");
    assert!(q >= 0.95, "qualifier accuracy {q:.3} < 0.95");
    let overlap = report.indicator_overlap.value.expect("defined");
    // Issue 17: labels a person would use as column names.
    assert!(overlap >= 0.90, "indicator overlap {overlap:.3} < 0.90");
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

/// The open corpus beyond the seeds (tests/dev2/, 22 texts from other publishers and
/// provinces): detection, values, region accuracy and indicator overlap.
#[test]
fn dev2_gold_figures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let gold = load_gold(&root.join("tests/dev2/gold")).expect("gold loads");
    let texts = root.join("tests/dev2/texts");
    let mut names: Vec<String> = std::fs::read_dir(&texts)
        .expect("tests/dev2/texts")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let docs: Vec<(String, Document)> = names
        .into_iter()
        .map(|name| {
            let text = std::fs::read_to_string(texts.join(&name)).expect("text");
            let doc = Document::new(format!("tests/dev2/texts/{name}"), text);
            (name, doc)
        })
        .collect();
    let report = extract_and_score(&gold, &docs);
    println!("{}", report.render_text(true));

    assert_eq!(report.scored_docs.len(), 22);
    assert!(
        report.docs_without_gold.is_empty() && report.gold_docs_without_input.is_empty(),
        "texts and gold files must pair up: {:?} {:?}",
        report.docs_without_gold,
        report.gold_docs_without_input
    );
    assert_eq!(report.gold_facts, 284);
    let f1 = report.detection.f1.expect("defined");
    assert!(f1 >= 0.99, "detection F1 {f1:.3} < 0.99");
    // Issue 16: regions that hold on text the rules were not written for.
    let region = report.region_accuracy.value.expect("defined");
    assert!(region >= 0.92, "dev2 region accuracy {region:.3} < 0.92");
    // Issue 17: labels on text the rules were not written for.
    let overlap = report.indicator_overlap.value.expect("defined");
    assert!(
        overlap >= 0.85,
        "dev2 indicator overlap {overlap:.3} < 0.85"
    );
    assert_eq!(
        report.values_exact.correct, report.values_exact.total,
        "every matched value must be exact: {:?}",
        report.value_errors
    );
}
