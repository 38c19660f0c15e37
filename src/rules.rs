//! Rule files: schema, loading and compiling.
//!
//! Rules are data (`rules/*.toml`, embedded in the binary). A file may hold:
//! - `[defs]`: named regex fragments, used in patterns as `{NAME}`;
//! - `[[unit]]`: the unit table (surface → kind, canonical unit, exact scale);
//! - `[[qualifier]]`: 余/多/超/约/… → over/approx/under/up_to, by position;
//! - `[[veto]]`: patterns whose matches are never facts (一人一档, 千家万户);
//! - `[[rule]]`: quantity and date rules, each with its own `examples`.
//!
//! Besides the user's `[defs]`, a pattern can use fragments built from the tables:
//! `{UNIT}` (the surfaces of the rule's `units`, longest first), `{QUAL_BEFORE}`,
//! `{QUAL_INSIDE}`, `{QUAL_AFTER}` (qualifier surfaces by position).

use crate::decimal::Decimal;
use crate::indicator::{FallbackDef, IndicatorDef, IndicatorRule};
use crate::number::NumberGrammar;
use anyhow::{bail, Context, Result};
use regex::Regex;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

/// The default rule files, compiled into the binary so it works from any directory.
pub const EMBEDDED: [(&str, &str); 4] = [
    ("rules/units.toml", include_str!("../rules/units.toml")),
    (
        "rules/quantities.toml",
        include_str!("../rules/quantities.toml"),
    ),
    ("rules/dates.toml", include_str!("../rules/dates.toml")),
    (
        "rules/indicators.toml",
        include_str!("../rules/indicators.toml"),
    ),
];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    #[serde(default)]
    pub defs: BTreeMap<String, String>,
    #[serde(default)]
    pub unit: Vec<UnitDef>,
    #[serde(default)]
    pub qualifier: Vec<QualifierDef>,
    #[serde(default)]
    pub veto: Vec<VetoDef>,
    #[serde(default)]
    pub rule: Vec<RuleDef>,
    #[serde(default)]
    pub indicator: Vec<IndicatorDef>,
    #[serde(default)]
    pub fallback: Option<FallbackDef>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitDef {
    /// As written in text: 万元, 万亩, 人次.
    pub surface: String,
    /// Output kind: money, count, area, percent, weight, length, power, energy.
    pub kind: String,
    /// Canonical unit the value is expressed in: 元, 人, 亩.
    pub unit: String,
    /// Exact multiplier from this surface to the canonical unit, as decimal text ("10000").
    #[serde(default = "one")]
    pub scale: String,
    /// The unit does not count when the text right after it starts with one of these
    /// (个 before 月 is a duration, 人 before 民币 is money).
    #[serde(default)]
    pub not_before: Vec<String>,
    /// Numbers that are words, not counts, with this unit (一个, 一家).
    #[serde(default)]
    pub skip_numbers: Vec<String>,
    /// The unit counts only at the end of a phrase (before punctuation or the end of the
    /// text): 花了三块 is money, 三块展板 is not.
    #[serde(default)]
    pub phrase_end: bool,
}

fn one() -> String {
    "1".to_string()
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualifierDef {
    pub surface: String,
    /// over, approx, under, up_to.
    pub label: String,
    /// before the number (超5000元), inside (400多万元, between number and unit) or after
    /// the unit (1000万元以上).
    pub position: Position,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Position {
    Before,
    Inside,
    After,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VetoDef {
    pub pattern: String,
    /// Why these are not facts; shown to rule authors.
    pub why: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    pub id: String,
    /// `quantity` (number + unit) or `date`.
    #[serde(default = "quantity")]
    pub kind: String,
    /// Canonical units whose surfaces `{UNIT}` stands for.
    #[serde(default)]
    pub units: Vec<String>,
    pub pattern: String,
    #[serde(default)]
    pub examples: Vec<Example>,
    #[serde(default)]
    pub counterexamples: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
}

fn quantity() -> String {
    "quantity".to_string()
}

/// One example: `text` must give a record with these fields (from this rule).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub text: String,
    /// An integer, or decimal/date text ("0.83", "--11-17"); TOML floats are refused
    /// because they are binary.
    pub value: toml::Value,
    #[serde(default)]
    pub value_max: Option<toml::Value>,
    pub unit: String,
    #[serde(default)]
    pub qualifier: Option<String>,
    #[serde(default)]
    pub raw: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Unit {
    pub surface: String,
    pub kind: String,
    pub unit: String,
    pub scale: Decimal,
    pub not_before: Vec<String>,
    pub skip_numbers: Vec<String>,
    pub phrase_end: bool,
}

#[derive(Debug)]
pub struct Rule {
    pub id: String,
    pub is_date: bool,
    pub regex: Regex,
    pub examples: Vec<Example>,
    pub counterexamples: Vec<String>,
    /// The file the rule came from.
    pub origin: String,
}

/// Everything the engine needs, compiled once.
#[derive(Debug)]
pub struct RuleSet {
    pub grammar: NumberGrammar,
    pub rules: Vec<Rule>,
    pub vetoes: Vec<Regex>,
    pub indicators: Vec<IndicatorRule>,
    pub fallback: FallbackDef,
    units: HashMap<String, Unit>,
    qualifiers: HashMap<String, String>,
}

impl RuleSet {
    /// The default rules shipped in the binary.
    pub fn embedded() -> Result<RuleSet> {
        let files = EMBEDDED
            .iter()
            .map(|(name, src)| parse_file(name, src).map(|f| (name.to_string(), f)))
            .collect::<Result<Vec<_>>>()?;
        RuleSet::compile(NumberGrammar::embedded(), files)
    }

    /// Merges rule files in order (a later rule with the same id replaces an earlier one;
    /// a later unit with the same surface replaces the earlier one) and compiles them.
    pub fn compile(grammar: NumberGrammar, files: Vec<(String, RuleFile)>) -> Result<RuleSet> {
        let mut defs = BTreeMap::new();
        let mut unit_defs: Vec<UnitDef> = Vec::new();
        let mut qual_defs: Vec<QualifierDef> = Vec::new();
        let mut veto_defs: Vec<(String, VetoDef)> = Vec::new();
        let mut rule_defs: Vec<(String, RuleDef)> = Vec::new();
        let mut indicator_defs: Vec<(String, IndicatorDef)> = Vec::new();
        let mut fallback = FallbackDef::default();
        for (origin, file) in files {
            for i in file.indicator {
                indicator_defs.retain(|(_, old)| old.id != i.id);
                indicator_defs.push((origin.clone(), i));
            }
            if let Some(f) = file.fallback {
                // Word lists add up across files, so a user file can extend the defaults.
                fallback.verbs.extend(f.verbs);
                fallback.links.extend(f.links);
                fallback.leading.extend(f.leading);
                fallback.date_noise.extend(f.date_noise);
            }
            defs.extend(file.defs);
            for u in file.unit {
                unit_defs.retain(|old| old.surface != u.surface);
                unit_defs.push(u);
            }
            qual_defs.extend(file.qualifier);
            veto_defs.extend(file.veto.into_iter().map(|v| (origin.clone(), v)));
            for r in file.rule {
                rule_defs.retain(|(_, old)| old.id != r.id);
                rule_defs.push((origin.clone(), r));
            }
        }

        let mut units = HashMap::new();
        for u in &unit_defs {
            let scale: Decimal = u.scale.parse().with_context(|| {
                format!(
                    "unit {:?}: scale {:?} is not a plain decimal number",
                    u.surface, u.scale
                )
            })?;
            units.insert(
                u.surface.clone(),
                Unit {
                    surface: u.surface.clone(),
                    kind: u.kind.clone(),
                    unit: u.unit.clone(),
                    scale,
                    not_before: u.not_before.clone(),
                    skip_numbers: u.skip_numbers.clone(),
                    phrase_end: u.phrase_end,
                },
            );
        }
        let qualifiers = qual_defs
            .iter()
            .map(|q| (q.surface.clone(), q.label.clone()))
            .collect();
        for pos in [Position::Before, Position::Inside, Position::After] {
            let name = match pos {
                Position::Before => "QUAL_BEFORE",
                Position::Inside => "QUAL_INSIDE",
                Position::After => "QUAL_AFTER",
            };
            let surfaces = qual_defs
                .iter()
                .filter(|q| q.position == pos)
                .map(|q| q.surface.as_str());
            defs.insert(name.to_string(), alternation(surfaces));
        }

        let vetoes = veto_defs
            .iter()
            .map(|(origin, v)| {
                let p = expand(&v.pattern, &defs, None)?;
                Regex::new(&p).with_context(|| {
                    format!("{origin}: veto pattern {:?} does not compile", v.pattern)
                })
            })
            .collect::<Result<Vec<_>>>()?;

        let mut rules = Vec::new();
        for (origin, r) in rule_defs {
            let unit_alt = alternation(
                unit_defs
                    .iter()
                    .filter(|u| r.units.contains(&u.unit))
                    .map(|u| u.surface.as_str()),
            );
            let pattern = expand(&r.pattern, &defs, Some(&unit_alt))
                .with_context(|| format!("{origin}: rule {:?}", r.id))?;
            let regex = Regex::new(&pattern)
                .with_context(|| format!("{origin}: rule {:?}: pattern does not compile", r.id))?;
            let is_date = match r.kind.as_str() {
                "date" => true,
                "quantity" => false,
                other => bail!(
                    "{origin}: rule {:?}: kind {other:?} is not one of quantity, date",
                    r.id
                ),
            };
            let needs: &[&str] = if is_date {
                &["month"]
            } else {
                &["num", "unit"]
            };
            for group in needs {
                if !regex.capture_names().any(|n| n == Some(group)) {
                    bail!(
                        "{origin}: rule {:?}: pattern has no (?P<{group}>...) group",
                        r.id
                    );
                }
            }
            if !is_date && r.units.is_empty() {
                bail!(
                    "{origin}: rule {:?}: a quantity rule needs `units = [...]`",
                    r.id
                );
            }
            rules.push(Rule {
                id: r.id,
                is_date,
                regex,
                examples: r.examples,
                counterexamples: r.counterexamples,
                origin,
            });
        }
        let indicators = indicator_defs
            .into_iter()
            .map(|(origin, d)| compile_indicator(origin, d, &defs))
            .collect::<Result<Vec<_>>>()?;
        Ok(RuleSet {
            grammar,
            rules,
            vetoes,
            indicators,
            fallback,
            units,
            qualifiers,
        })
    }

    pub fn unit(&self, surface: &str) -> Option<&Unit> {
        self.units.get(surface)
    }

    pub fn qualifier(&self, surface: &str) -> Option<&str> {
        self.qualifiers.get(surface).map(String::as_str)
    }
}

fn compile_indicator(
    origin: String,
    d: IndicatorDef,
    defs: &BTreeMap<String, String>,
) -> Result<IndicatorRule> {
    let compile = |p: &Option<String>, side: &str| -> Result<Option<Regex>> {
        p.as_ref()
            .map(|p| {
                let p = expand(p, defs, None)
                    .with_context(|| format!("{origin}: indicator {:?}", d.id))?;
                Regex::new(&p).with_context(|| {
                    format!("{origin}: indicator {:?}: `{side}` does not compile", d.id)
                })
            })
            .transpose()
    };
    let before = compile(&d.before, "before")?;
    let after = compile(&d.after, "after")?;
    if before.is_none() && after.is_none() {
        bail!("{origin}: indicator {:?}: needs `before` or `after`", d.id);
    }
    if !matches!(d.applies_to.as_str(), "number" | "date" | "any") {
        bail!(
            "{origin}: indicator {:?}: applies_to {:?} is not one of number, date, any",
            d.id,
            d.applies_to
        );
    }
    Ok(IndicatorRule {
        id: d.id,
        applies_to: d.applies_to,
        before,
        after,
        label: d.label,
        with_subject: d.with_subject,
        examples: d.examples,
        origin,
    })
}

pub fn parse_file(name: &str, src: &str) -> Result<RuleFile> {
    toml::from_str(src).with_context(|| format!("{name}: not a valid rule file"))
}

/// `a|bb|ccc` as a non-capturing group, longest first so the regex prefers 万元 over 万.
fn alternation<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let mut items: Vec<&str> = items.collect();
    items.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    items.dedup();
    if items.is_empty() {
        // Matches nothing: a rule with no units must not match everything.
        return "(?:[^\\s\\S])".to_string();
    }
    let escaped: Vec<String> = items.iter().map(|s| regex::escape(s)).collect();
    format!("(?:{})", escaped.join("|"))
}

/// Replaces `{NAME}` with its definition (recursively) and `{UNIT}` with the rule's units.
/// Regex repetition braces (`{2}`, `{1,3}`) are left alone.
fn expand(pattern: &str, defs: &BTreeMap<String, String>, unit: Option<&str>) -> Result<String> {
    fn go(
        p: &str,
        defs: &BTreeMap<String, String>,
        unit: Option<&str>,
        depth: usize,
    ) -> Result<String> {
        if depth > 16 {
            bail!("definitions refer to each other in a loop");
        }
        let mut out = String::with_capacity(p.len());
        let mut rest = p;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let close = after.find('}');
            let name = close.map(|c| &after[..c]).unwrap_or("");
            let is_name = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
                && name.starts_with(|c: char| c.is_ascii_uppercase());
            match (is_name, close) {
                (true, Some(c)) => {
                    if name == "UNIT" {
                        match unit {
                            Some(u) => out.push_str(u),
                            None => bail!("{{UNIT}} is only allowed in a rule pattern"),
                        }
                    } else {
                        let def = defs
                            .get(name)
                            .with_context(|| format!("{{{name}}} is not defined in [defs]"))?;
                        out.push_str("(?:");
                        out.push_str(&go(def, defs, unit, depth + 1)?);
                        out.push(')');
                    }
                    rest = &after[c + 1..];
                }
                _ => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        Ok(out)
    }
    go(pattern, defs, unit, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_defs_and_leaves_repetitions() {
        let mut defs = BTreeMap::new();
        defs.insert("D".to_string(), "[0-9]{1,2}".to_string());
        defs.insert("DD".to_string(), "{D}-{D}".to_string());
        assert_eq!(
            expand("{DD}{UNIT}", &defs, Some("(?:元)")).unwrap(),
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

    #[test]
    fn embedded_rules_compile() {
        let rs = RuleSet::embedded().unwrap();
        assert!(rs.rules.iter().any(|r| r.id == "money"));
        assert_eq!(rs.unit("万元").unwrap().scale, "10000".parse().unwrap());
        assert_eq!(rs.qualifier("余"), Some("over"));
    }
}
