//! Every rule's examples and counterexamples (the corpus beside the rule).

use factx::eval::examples::run_all;
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

/// Runs `factx rules check` on one rule file and returns (exit code, stdout).
fn check(name: &str, toml: &str) -> (Option<i32>, String) {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("rules_check")
        .join(name);
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("extra.toml"), toml).expect("write rule file");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_factx"))
        .args(["rules", "check"])
        .arg(&dir)
        .output()
        .expect("run factx");
    let stdout = String::from_utf8_lossy(&out.stdout).replace(&dir.display().to_string(), "DIR");
    (out.status.code(), stdout)
}

#[test]
fn check_reports_toml_syntax_with_line_and_column() {
    let (code, out) = check(
        "syntax",
        "[[rule]]\nid = \"broken\"\npattern = '(?P<num>{NUM})\n",
    );
    assert_eq!(code, Some(1));
    assert!(out.starts_with("DIR/extra.toml:3:26: "), "{out}");
}

#[test]
fn check_reports_unknown_keys() {
    let (code, out) = check(
        "unknown",
        "[[rule]]\nid = \"grain.typo\"\nunits = [\"吨\"]\npatern = '(?P<num>{NUM})(?P<unit>{UNIT})'\n",
    );
    assert_eq!(code, Some(1));
    assert!(
        out.starts_with("DIR/extra.toml:4:1: unknown field `patern`"),
        "{out}"
    );
}

#[test]
fn check_reports_a_missing_group() {
    let (code, out) = check(
        "group",
        "[[rule]]\nid = \"grain.output\"\nunits = [\"吨\"]\npattern = '(?P<n>{NUM})(?P<unit>{UNIT})'\n",
    );
    assert_eq!(code, Some(1));
    assert_eq!(
        out.lines().next(),
        Some("DIR/extra.toml:4:11: rule \"grain.output\": pattern has no (?P<num>...) group")
    );
}

#[test]
fn check_reports_a_pattern_that_does_not_compile() {
    let (code, out) = check(
        "regex",
        "[[rule]]\nid = \"grain.regex\"\nunits = [\"吨\"]\npattern = '(?P<num>{NUM})(?P<unit>{UNIT}'\n",
    );
    assert_eq!(code, Some(1));
    let first = out.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("DIR/extra.toml:4:11: rule \"grain.regex\": pattern does not compile:"),
        "{out}"
    );
    assert!(first.ends_with("unclosed group"), "{out}");
}

#[test]
fn check_reports_duplicate_ids() {
    let rule = "[[rule]]\nid = \"grain.dup\"\nunits = [\"吨\"]\npattern = '(?P<num>{NUM})(?P<unit>{UNIT})'\n";
    let (code, out) = check("dup", &format!("{rule}\n{rule}"));
    assert_eq!(code, Some(1));
    assert_eq!(
        out.lines().next(),
        Some("DIR/extra.toml:7:6: rule \"grain.dup\": duplicate id (first defined in DIR/extra.toml); give each rule its own id")
    );
}

#[test]
fn check_reports_an_example_that_does_not_parse() {
    let (code, out) = check(
        "example",
        "[[rule]]\nid = \"grain.ex\"\nunits = [\"吨\"]\npattern = '(?P<num>{NUM})(?P<unit>{UNIT})'\nexamples = [{ text = \"产量1.5万吨\", value = 1.5, unit = \"吨\" }]\n",
    );
    assert_eq!(code, Some(1));
    assert_eq!(
        out.lines().next(),
        Some("DIR/extra.toml:5:41: rule \"grain.ex\": example \"产量1.5万吨\": 1.5 is a TOML float, which is binary; write it as text: \"1.5\"")
    );
}

#[test]
fn check_passes_clean_rules() {
    let (code, out) = check(
        "clean",
        "[[rule]]\nid = \"grain.ok\"\nunits = [\"吨\"]\npattern = '(?P<num>{NUM})(?P<unit>{UNIT})'\nexamples = [{ text = \"产量1.5万吨\", value = 15000, unit = \"吨\" }]\n",
    );
    assert_eq!(code, Some(0), "{out}");
    assert!(out.starts_with("ok: "), "{out}");
}
