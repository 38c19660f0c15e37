//! Runs the examples and counterexamples that every rule carries (duckling's habit: the
//! corpus lives beside the rule). Used by `factx rules test` and by `cargo test`.

use crate::fact::Fact;
use crate::rules::example_value;
use crate::{Document, Engine};

#[derive(Debug, Clone)]
pub struct Outcome {
    pub rule: String,
    pub origin: String,
    pub text: String,
    pub passed: bool,
    /// What was expected and what came out, for a failure.
    pub detail: String,
}

pub fn run_all(engine: &Engine) -> Vec<Outcome> {
    let mut out = role_examples(engine);
    out.extend(label_examples(engine));
    for rule in &engine.rules().rules {
        for ex in &rule.examples {
            let facts = engine.extract(&Document::new("example", ex.text.clone()));
            let outcome = |passed, detail| Outcome {
                rule: rule.id.to_string(),
                origin: rule.origin.clone(),
                text: ex.text.clone(),
                passed,
                detail,
            };
            let value = match example_value(ex.value.get_ref(), rule.is_date) {
                Ok(v) => v,
                Err(e) => {
                    out.push(outcome(false, format!("bad example value: {e}")));
                    continue;
                }
            };
            let value_max = match ex
                .value_max
                .as_ref()
                .map(|v| example_value(v.get_ref(), rule.is_date))
            {
                Some(Err(e)) => {
                    out.push(outcome(false, format!("bad example value_max: {e}")));
                    continue;
                }
                Some(Ok(v)) => Some(v),
                None => None,
            };
            let hit = facts.iter().any(|f| {
                *f.rule == *rule.id
                    && f.value == value
                    && f.value_max == value_max
                    && *f.unit == *ex.unit
                    && f.qualifier == ex.qualifier
                    && ex.raw.as_ref().is_none_or(|r| *r == f.raw)
            });
            let want = format!(
                "- want value={} value_max={} unit={} qualifier={} raw={}",
                value,
                value_max
                    .as_ref()
                    .map_or("-".to_string(), |v| v.to_string()),
                ex.unit,
                ex.qualifier.as_deref().unwrap_or("-"),
                ex.raw.as_deref().unwrap_or("(any)"),
            );
            out.push(outcome(hit, format!("{want}\n+ got  {}", describe(&facts))));
        }
        for text in &rule.counterexamples {
            let facts = engine.extract(&Document::new("counterexample", text.clone()));
            let own: Vec<Fact> = facts.into_iter().filter(|f| *f.rule == *rule.id).collect();
            out.push(Outcome {
                rule: rule.id.to_string(),
                origin: rule.origin.clone(),
                text: text.clone(),
                passed: own.is_empty(),
                detail: format!("- want no record from this rule\n+ got  {}", describe(&own)),
            });
        }
    }
    for rule in &engine.rules().indicators {
        for ex in &rule.examples {
            let facts = engine.extract(&Document::new("example", ex.text.clone()));
            let got: Vec<&str> = facts
                .iter()
                .filter_map(|f| f.indicator.as_deref())
                .collect();
            out.push(Outcome {
                rule: rule.id.to_string(),
                origin: rule.origin.clone(),
                text: ex.text.clone(),
                passed: got.contains(&ex.indicator.as_str()),
                detail: format!("- want indicator {:?}\n+ got  {got:?}", ex.indicator),
            });
        }
    }
    out
}

fn describe(facts: &[Fact]) -> String {
    if facts.is_empty() {
        return "no records".to_string();
    }
    facts
        .iter()
        .map(|f| {
            format!(
                "[{} raw={} value={}{} unit={} qualifier={}]",
                f.rule,
                f.raw,
                f.value,
                f.value_max
                    .as_ref()
                    .map_or(String::new(), |m| format!("..{m}")),
                f.unit,
                f.qualifier.as_deref().unwrap_or("-")
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The examples of `rules/labels.toml`: the fact whose raw text is `raw` gets `indicator`.
fn label_examples(engine: &Engine) -> Vec<Outcome> {
    engine
        .labels()
        .examples
        .iter()
        .map(|ex| {
            let facts = engine.extract(&Document::new("example", ex.text.clone()));
            let got: Vec<&str> = facts
                .iter()
                .filter(|f| f.raw == ex.raw)
                .filter_map(|f| f.indicator.as_deref())
                .collect();
            Outcome {
                rule: "labels".to_string(),
                origin: "rules/labels.toml".into(),
                text: ex.text.clone(),
                passed: got == [ex.indicator.as_str()],
                detail: format!("- want {} → {:?}\n+ got  {got:?}", ex.raw, ex.indicator),
            }
        })
        .collect()
}

/// The place-role examples of `rules/roles.toml`: each `place` gets its `role` in `text`.
fn role_examples(engine: &Engine) -> Vec<Outcome> {
    let mut out = Vec::new();
    for cue in &engine.roles().cues {
        for ex in &cue.examples {
            let got = crate::place::attribution::role_in(
                engine.gazetteer(),
                engine.roles(),
                &ex.text,
                &ex.place,
            );
            let passed = got.as_deref() == Some(ex.role.as_str());
            out.push(Outcome {
                rule: format!("role.{}", cue.role),
                origin: "rules/roles.toml".into(),
                text: ex.text.clone(),
                passed,
                detail: format!(
                    "expected {} to be {:?}, got {}",
                    ex.place,
                    ex.role,
                    got.map_or("no such place".to_string(), |r| format!("{r:?}"))
                ),
            });
        }
    }
    out
}
