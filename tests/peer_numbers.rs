//! Conformance against the Microsoft Recognizers-Text Chinese number specs (MIT; see
//! tests/peer/README.md and tests/peer/LICENSE.upstream). Only plain numerals are checked:
//! fractions, negatives and percentages are the caller's job, not `NumberGrammar::parse`'s.

use factx::value::decimal::Decimal;
use factx::value::number::NumberGrammar;
use serde::Deserialize;
use serde_json::value::RawValue;

#[derive(Deserialize)]
struct Case {
    expected: Vec<Item>,
    #[serde(default)]
    ignore_value: bool,
}

#[derive(Deserialize)]
struct Item {
    text: String,
    span: Option<String>,
    value: Option<Box<RawValue>>,
    #[serde(default)]
    ignore_value: bool,
}

/// Spans that are not plain numerals. Matched with spaces removed (upstream writes
/// `三分  之一`), and 負 is the traditional 负; `/` is a fraction like 分之.
const NOT_PLAIN: &[&str] = &["分之", "负", "負", "-", "%", "％", "百分", "/", "／"];

/// A JSON number's text as an exact decimal, including exponent forms like `1.232E+15`.
fn exact(raw: &str) -> Option<Decimal> {
    let raw = raw.trim();
    let (mantissa, exp) = match raw.find(['e', 'E']) {
        Some(i) => (&raw[..i], raw[i + 1..].parse::<i32>().ok()?),
        None => (raw, 0),
    };
    let d: Decimal = mantissa.parse().ok()?;
    if exp >= 0 {
        d.checked_mul(Decimal::pow10(exp.unsigned_abs())?)
    } else {
        d.checked_div_pow10(exp.unsigned_abs())
    }
}

#[test]
fn exponent_values_convert_exactly() {
    assert_eq!(
        exact("1.232E+15").map(|d| d.to_string()),
        Some("1232000000000000".into())
    );
    assert_eq!(
        exact("5E-06").map(|d| d.to_string()),
        Some("0.000005".into())
    );
    assert_eq!(
        exact("83852326.33").map(|d| d.to_string()),
        Some("83852326.33".into())
    );
    assert_eq!(exact("null"), None);
}

#[test]
fn number_peer_suite() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/peer/number.jsonl");
    let data = std::fs::read_to_string(path).expect("peer suite file");
    let grammar = NumberGrammar::embedded();
    let (mut total, mut passed) = (0usize, 0usize);
    let mut failures = Vec::new();
    for (n, line) in data
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let case: Case = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("number.jsonl line {}: {e}", n + 1));
        if case.ignore_value {
            continue;
        }
        for item in case.expected {
            let span = item.span.as_deref().unwrap_or(&item.text);
            let squeezed: String = span.chars().filter(|c| !c.is_whitespace()).collect();
            if item.ignore_value || NOT_PLAIN.iter().any(|p| squeezed.contains(p)) {
                continue;
            }
            total += 1;
            let raw = item.value.as_ref().map_or("null", |v| v.get());
            let expected = exact(raw);
            let got = grammar.parse(span);
            match (&got, expected) {
                (Ok(p), Some(e)) if p.value == e => passed += 1,
                (Ok(p), _) => failures.push(format!("{span:?}: expected {raw}, got {}", p.value)),
                (Err(err), _) => {
                    failures.push(format!("{span:?}: expected {raw}, got error: {err}"))
                }
            }
        }
    }
    // Integer per-mille: no floating point anywhere in factx, tests included.
    let permille = passed * 1000 / total.max(1);
    eprintln!(
        "number peer suite: {passed}/{total} plain numerals exact ({}.{}%)",
        permille / 10,
        permille % 10
    );
    for f in &failures {
        eprintln!("  FAIL {f}");
    }
    assert!(total > 250, "filter left only {total} items");
    assert!(
        passed * 10 >= total * 9,
        "pass rate {passed}/{total} below 90%"
    );
}
