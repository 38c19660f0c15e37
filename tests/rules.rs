//! Every rule's examples and counterexamples (the corpus beside the rule).

use factx::examples::run_all;
use factx::Engine;

#[test]
fn every_rule_example_passes() {
    let engine = Engine::with_default_rules().expect("default rules compile");
    let outcomes = run_all(&engine);
    let failures: Vec<String> = outcomes
        .iter()
        .filter(|o| !o.passed)
        .map(|o| format!("{} {}: {}\n    {}", o.origin, o.rule, o.text, o.detail))
        .collect();
    assert!(
        outcomes.len() > 60,
        "expected the default rules to carry many examples, found {}",
        outcomes.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} rule examples failed:\n{}",
        failures.len(),
        outcomes.len(),
        failures.join("\n")
    );
}

#[test]
fn every_rule_has_examples() {
    let engine = Engine::with_default_rules().expect("default rules compile");
    for rule in &engine.rules().rules {
        assert!(
            !rule.examples.is_empty(),
            "rule {} has no examples",
            rule.id
        );
    }
}
