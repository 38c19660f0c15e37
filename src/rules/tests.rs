use super::load::is_builtin;
use super::pattern::{alternation, expand};
use super::*;
use regex::Regex;
use std::collections::BTreeMap;

#[test]
fn expands_defs_and_leaves_repetitions() {
    let mut defs = BTreeMap::new();
    defs.insert("D".to_string(), "[0-9]{1,2}".to_string());
    defs.insert("DD".to_string(), "{D}-{D}".to_string());
    assert_eq!(
        expand("{DD}{UNIT}", &defs, Some("(?:元)")).expect("test input is valid"),
        "(?:(?:[0-9]{1,2})-(?:[0-9]{1,2}))(?:元)"
    );
    assert!(expand("{NOPE}", &defs, None).is_err());
}

#[test]
fn alternation_prefers_longest() {
    assert_eq!(
        alternation(["元", "万元", "亿元", "元"].into_iter()),
        "(?:万元|亿元|元)"
    );
}

/// The built-in files skip the parse at load ([`is_builtin`]); here they get every
/// check a user's files get (as in `factx rules check`), and every pattern and set
/// must also compile.
#[test]
fn builtin_patterns_pass_the_load_checks() {
    let mut renamed = default_sources();
    renamed[0].name = format!("user/{}", renamed[0].name);
    assert!(is_builtin(&default_sources()));
    assert!(!is_builtin(&renamed));
    let rs = RuleSet::load_checked(&default_sources())
        .expect("the built-in rules pass every load check");
    for r in &rs.rules {
        Regex::new(r.regex.as_str()).unwrap_or_else(|e| panic!("rule {}: {e}", r.id));
    }
    for i in &rs.indicators {
        for re in [&i.before, &i.after].into_iter().flatten() {
            Regex::new(re.as_str()).unwrap_or_else(|e| panic!("indicator {}: {e}", i.id));
        }
    }
    assert!(!rs.vetoes.is_empty());
    for set in [
        &rs.prefilter,
        &rs.veto_set,
        &rs.indicator_sets.before,
        &rs.indicator_sets.after,
    ] {
        assert!(set.get().is_some(), "a set passes the regex size limits");
    }
    // The built-in load gives the same rules.
    let builtin = RuleSet::embedded().expect("built-in rules");
    let patterns = |rs: &RuleSet| -> Vec<String> {
        rs.rules
            .iter()
            .map(|r| r.regex.as_str().to_string())
            .chain(rs.vetoes.iter().map(|v| v.as_str().to_string()))
            .collect()
    };
    assert_eq!(patterns(&builtin), patterns(&rs));
}

#[test]
fn embedded_rules_compile() {
    let rs = RuleSet::embedded().expect("test input is valid");
    assert!(rs.rules.iter().any(|r| &*r.id == "money"));
    assert_eq!(
        rs.unit("万元").expect("test input is valid").scale,
        "10000".parse().expect("test input is valid")
    );
    assert_eq!(rs.qualifier("余"), Some("over"));
}
