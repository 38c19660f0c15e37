//! `--header zh`: the values of `kind` and `qualifier` in Chinese, as the column names are.
//! The tables cover every kind of the built-in rules (`kind =` in `rules/units.toml` and
//! `rules/dates.toml`) and every qualifier label (`rules/quantities.toml`); a kind or
//! qualifier of a user's own rules that they do not name is written as it is.

use crate::fact::Fact;

/// Each fact kind and its Chinese name.
pub const KINDS: [(&str, &str); 9] = [
    ("money", "金额"),
    ("count", "数量"),
    ("area", "面积"),
    ("date", "日期"),
    ("percent", "比例"),
    ("weight", "重量"),
    ("length", "长度"),
    ("power", "功率"),
    ("energy", "电量"),
];

/// Each qualifier label and its Chinese name.
pub const QUALIFIERS: [(&str, &str); 4] = [
    ("over", "以上"),
    ("approx", "约"),
    ("under", "不足"),
    ("up_to", "至多"),
];

fn lookup(table: &[(&str, &'static str)], key: &str) -> Option<&'static str> {
    table.iter().find(|(en, _)| *en == key).map(|(_, zh)| *zh)
}

/// The Chinese name of a kind, when it has one.
pub fn kind(kind: &str) -> Option<&'static str> {
    lookup(&KINDS, kind)
}

/// The Chinese name of a qualifier, when it has one.
pub fn qualifier(qualifier: &str) -> Option<&'static str> {
    lookup(&QUALIFIERS, qualifier)
}

/// The fact with its kind and qualifier in Chinese (each left as it is without a name).
pub fn localise(mut fact: Fact) -> Fact {
    if let Some(zh) = kind(&fact.kind) {
        fact.kind = zh.into();
    }
    if let Some(zh) = fact.qualifier.as_deref().and_then(qualifier) {
        fact.qualifier = Some(zh.to_string());
    }
    fact
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind and qualifier the built-in rules can give has a Chinese name: the units'
    /// kinds, `date` (the date rules' kind) and every qualifier label.
    #[test]
    fn every_builtin_kind_and_qualifier_has_a_name() {
        let mut kinds = vec!["date".to_string()];
        let mut labels = Vec::new();
        for (name, text) in crate::rules::EMBEDDED {
            let file: crate::rules::RuleFile =
                toml::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            kinds.extend(file.unit.into_iter().map(|u| u.kind));
            labels.extend(file.qualifier.into_iter().map(|q| q.label));
        }
        assert!(
            kinds.len() > 20 && labels.len() > 10,
            "{kinds:?} {labels:?}"
        );
        for k in &kinds {
            assert!(kind(k).is_some(), "kind {k:?} has no Chinese name");
        }
        for l in &labels {
            assert!(
                qualifier(l).is_some(),
                "qualifier {l:?} has no Chinese name"
            );
        }
        // The names are distinct, so a Chinese table still tells them apart.
        for table in [&KINDS[..], &QUALIFIERS[..]] {
            let mut names: Vec<&str> = table.iter().map(|(_, zh)| *zh).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), table.len());
        }
    }

    #[test]
    fn unknown_values_stay() {
        let mut f = crate::Engine::with_default_rules()
            .expect("rules")
            .extract(&crate::Document::new("t", "吸纳就业超800人"))
            .remove(0);
        assert_eq!((&*f.kind, f.qualifier.as_deref()), ("count", Some("over")));
        let zh = localise(f.clone());
        assert_eq!((&*zh.kind, zh.qualifier.as_deref()), ("数量", Some("以上")));
        f.kind = "grain".into();
        f.qualifier = Some("roughly".into());
        let kept = localise(f);
        assert_eq!(
            (&*kept.kind, kept.qualifier.as_deref()),
            ("grain", Some("roughly"))
        );
    }
}
