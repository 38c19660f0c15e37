//! Loading rule files: reading sources, parsing, merging by id and compiling a [`RuleSet`].

use super::diagnostics::{Diagnostics, RuleError};
use super::indicators::{FallbackDef, IndicatorDef, IndicatorRule, IndicatorSets};
use super::pattern::{alternation, expand};
use super::schema::{
    example_value, PeriodDef, Position, QualifierDef, RuleDef, RuleFile, UnitDef, VetoDef,
};
use super::{Rule, RuleSet, Unit, EMBEDDED};
use crate::rules::lazy_regex::{validate, LazyRegex, LazySet};
use crate::value::decimal::Decimal;
use crate::value::number::NumberGrammar;
use regex::Regex;
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;

/// A rule file's text and where it came from. Files of one group (the defaults, or one
/// `--rules DIR`) may not repeat an id; a later group's rule replaces an earlier one's.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: String,
    pub group: usize,
}

/// Whether `sources` are exactly the built-in rule files, in order and unchanged.
pub(super) fn is_builtin(sources: &[Source]) -> bool {
    sources.len() == EMBEDDED.len()
        && sources
            .iter()
            .zip(EMBEDDED)
            .all(|(s, (name, text))| s.name == name && s.text == text)
}

/// The default rule files, as sources of group 0.
pub fn default_sources() -> Vec<Source> {
    EMBEDDED
        .iter()
        .map(|(name, text)| Source {
            name: name.to_string(),
            text: text.to_string(),
            group: 0,
        })
        .collect()
}

/// Every `*.toml` file of a directory (sorted), as one group.
pub fn dir_sources(dir: &Path, group: usize) -> Result<Vec<Source>, RuleError> {
    let whole = |message: String| RuleError {
        file: dir.display().to_string(),
        line: 0,
        col: 0,
        rule: None,
        message,
    };
    let entries =
        std::fs::read_dir(dir).map_err(|e| whole(format!("cannot read rule directory: {e}")))?;
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(whole("no .toml rule files in this directory".to_string()));
    }
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).map_err(|e| RuleError {
                file: p.display().to_string(),
                line: 0,
                col: 0,
                rule: None,
                message: format!("cannot read: {e}"),
            })?;
            Ok(Source {
                name: p.display().to_string(),
                text,
                group,
            })
        })
        .collect()
}

impl RuleSet {
    pub(super) fn load_with(sources: &[Source], trusted: bool) -> Result<RuleSet, Vec<RuleError>> {
        let mut diag = Diagnostics {
            sources,
            errors: Vec::new(),
        };
        let mut files = Vec::new();
        for (i, s) in sources.iter().enumerate() {
            match toml::from_str::<RuleFile>(&s.text) {
                Ok(f) => files.push((i, f)),
                Err(e) => {
                    let span = e.span().unwrap_or(0..0);
                    let message = e.message().trim().replace('\n', " ");
                    diag.push(i, span, None, message);
                }
            }
        }
        let set = RuleSet::compile(NumberGrammar::embedded(), files, trusted, &mut diag);
        if diag.errors.is_empty() {
            Ok(set)
        } else {
            Err(diag.errors)
        }
    }

    /// Merges parsed files in order (a later group's rule with the same id replaces an
    /// earlier one; a later unit with the same surface replaces the earlier one).
    ///
    /// `trusted`: the files are exactly the built-in ones, whose patterns the test suite
    /// parses and compiles (`builtin_patterns_pass_the_load_checks`); their patterns are
    /// not parsed again at every start (a third of start-up), only compiled on first use.
    fn compile(
        grammar: NumberGrammar,
        files: Vec<(usize, RuleFile)>,
        trusted: bool,
        diag: &mut Diagnostics,
    ) -> RuleSet {
        let check = |patterns: &[&str]| {
            if trusted {
                Ok(LazySet::checked(patterns))
            } else {
                validate(patterns)
            }
        };
        let mut defs = BTreeMap::new();
        let mut unit_defs: Vec<(usize, UnitDef)> = Vec::new();
        let mut qual_defs: Vec<QualifierDef> = Vec::new();
        let mut period_defs: Vec<PeriodDef> = Vec::new();
        let mut veto_defs: Vec<(usize, VetoDef)> = Vec::new();
        let mut rule_defs: Vec<(usize, RuleDef)> = Vec::new();
        let mut indicator_defs: Vec<(usize, IndicatorDef)> = Vec::new();
        let mut fallback = FallbackDef::default();
        let mut region_aliases = Vec::new();
        for (src, file) in files {
            for ind in file.indicator {
                merge_by_id(&mut indicator_defs, src, ind, |d| &d.id, diag);
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
                unit_defs.retain(|(_, old)| old.surface != u.surface);
                unit_defs.push((src, u));
            }
            qual_defs.extend(file.qualifier);
            period_defs.extend(file.period);
            veto_defs.extend(file.veto.into_iter().map(|v| (src, v)));
            region_aliases.extend(file.region_alias.into_iter().map(|a| (a.alias, a.code)));
            for r in file.rule {
                merge_by_id(&mut rule_defs, src, r, |d| &d.id, diag);
            }
        }

        let mut units = HashMap::default();
        for (src, u) in &unit_defs {
            let scale = match u.scale.get_ref().parse::<Decimal>() {
                Ok(s) => s,
                Err(_) => {
                    diag.push(*src, u.scale.span(), None, format!("unit {:?}: scale {:?} is not a plain decimal number; write it as text like \"10000\" or \"0.1\"", u.surface, u.scale.get_ref()));
                    continue;
                }
            };
            units.insert(
                u.surface.clone(),
                Unit {
                    surface: u.surface.clone(),
                    kind: u.kind.as_str().into(),
                    unit: u.unit.as_str().into(),
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
        defs.insert(
            "PERIOD".to_string(),
            alternation(period_defs.iter().map(|p| p.word.as_str())),
        );
        // A later file's period of the same word replaces the earlier one.
        let periods: HashMap<String, PeriodDef> = period_defs
            .into_iter()
            .map(|p| (p.word.clone(), p))
            .collect();
        for (name, pos) in [
            ("QUAL_BEFORE", Position::Before),
            ("QUAL_INSIDE", Position::Inside),
            ("QUAL_AFTER", Position::After),
        ] {
            let surfaces = qual_defs
                .iter()
                .filter(|q| q.position == pos)
                .map(|q| q.surface.as_str());
            defs.insert(name.to_string(), alternation(surfaces));
        }

        let mut vetoes = Vec::new();
        for (src, v) in &veto_defs {
            let compiled = expand(v.pattern.get_ref(), &defs, None).and_then(|p| {
                if trusted {
                    Ok(LazyRegex::new(p))
                } else {
                    Regex::new(&p)
                        .map(LazyRegex::compiled)
                        .map_err(|e| e.to_string())
                }
            });
            match compiled {
                Ok(re) => vetoes.push(re),
                Err(e) => diag.push(
                    *src,
                    v.pattern.span(),
                    None,
                    format!("veto pattern does not compile: {e}"),
                ),
            }
        }

        let mut rules = Vec::new();
        let mut spans = Vec::new();
        for (src, r) in rule_defs {
            let id = r.id.get_ref().clone();
            let is_date = match r.kind.as_str() {
                "date" => true,
                "quantity" => false,
                other => {
                    diag.push(
                        src,
                        r.id.span(),
                        Some(&id),
                        format!("kind {other:?} is not one of quantity, date"),
                    );
                    continue;
                }
            };
            if !is_date && r.units.is_empty() {
                diag.push(src, r.id.span(), Some(&id), "a quantity rule needs `units = [...]` (canonical units such as \"元\" or \"吨\")".to_string());
                continue;
            }
            let unit_alt = alternation(
                unit_defs
                    .iter()
                    .filter(|(_, u)| r.units.contains(&u.unit))
                    .map(|(_, u)| u.surface.as_str()),
            );
            let pattern = match expand(r.pattern.get_ref(), &defs, Some(&unit_alt)) {
                Ok(p) => LazyRegex::new(p),
                Err(e) => {
                    diag.push(
                        src,
                        r.pattern.span(),
                        Some(&id),
                        format!("pattern does not compile: {e}"),
                    );
                    continue;
                }
            };
            // A date is a month (and day) or a period of the year.
            let missing = if is_date {
                (!pattern.has_group("month") && !pattern.has_group("period"))
                    .then(|| "(?P<month>...) or (?P<period>...)".to_string())
            } else {
                ["num", "unit"]
                    .into_iter()
                    .find(|g| !pattern.has_group(g))
                    .map(|g| format!("(?P<{g}>...)"))
            };
            if let Some(g) = missing {
                diag.push(
                    src,
                    r.pattern.span(),
                    Some(&id),
                    format!("pattern has no {g} group"),
                );
                continue;
            }
            for ex in &r.examples {
                for v in std::iter::once(&ex.value).chain(ex.value_max.as_ref()) {
                    if let Err(e) = example_value(v.get_ref(), is_date) {
                        diag.push(
                            src,
                            v.span(),
                            Some(&id),
                            format!("example {:?}: {e}", ex.text),
                        );
                    }
                }
            }
            spans.push((src, r.pattern.span(), id.clone()));
            rules.push(Rule {
                id: id.into(),
                is_date,
                indicator: r.indicator,
                regex: pattern,
                examples: r.examples,
                counterexamples: r.counterexamples,
                origin: diag.sources[src].name.clone(),
                slots: std::sync::OnceLock::new(),
            });
        }
        let patterns: Vec<&str> = rules.iter().map(|r| r.regex.as_str()).collect();
        let prefilter = match check(&patterns) {
            Ok(set) => set,
            Err(bad) => {
                for (i, e) in bad {
                    let (src, span, id) = &spans[i];
                    diag.push(
                        *src,
                        span.clone(),
                        Some(id),
                        format!("pattern does not compile: {e}"),
                    );
                }
                LazySet::empty()
            }
        };
        let mut indicators = Vec::new();
        let mut indicator_spans = Vec::new();
        for (src, d) in indicator_defs {
            let spans = (
                d.before.as_ref().map(|b| b.span()),
                d.after.as_ref().map(|a| a.span()),
                d.id.get_ref().clone(),
                src,
            );
            if let Some(i) = compile_indicator(src, d, &defs, diag) {
                indicators.push(i);
                indicator_spans.push(spans);
            }
        }
        let mut side_set = |pick: fn(&IndicatorRule) -> Option<&LazyRegex>, side: &str| {
            let mut index = Vec::new();
            let mut pats = Vec::new();
            for (i, r) in indicators.iter().enumerate() {
                index.push(pick(r).map(|re| {
                    pats.push((i, re.as_str()));
                    pats.len() - 1
                }));
            }
            let only: Vec<&str> = pats.iter().map(|(_, p)| *p).collect();
            let set = match check(&only) {
                Ok(set) => set,
                Err(bad) => {
                    for (k, e) in bad {
                        let (b, a, id, src) = &indicator_spans[pats[k].0];
                        let span = if side == "before" { b } else { a };
                        diag.push(
                            *src,
                            span.clone().unwrap_or(0..0),
                            Some(id),
                            format!("`{side}` does not compile: {e}"),
                        );
                    }
                    LazySet::empty()
                }
            };
            (set, index)
        };
        let (before, before_index) = side_set(|r| r.before.as_ref(), "before");
        let (after, after_index) = side_set(|r| r.after.as_ref(), "after");
        let indicator_sets = IndicatorSets {
            before,
            before_index,
            after,
            after_index,
        };
        RuleSet {
            grammar,
            rules,
            prefilter,
            date_text: "date".into(),
            // Each veto was compiled alone above, or is built in.
            veto_set: LazySet::checked(&vetoes.iter().map(LazyRegex::as_str).collect::<Vec<_>>()),
            vetoes,
            indicators,
            indicator_sets,
            fallback: fallback.longest_first(),
            region_aliases,
            units,
            qualifiers,
            periods,
        }
    }
}

/// Adds a rule to `list`: a rule from a later group replaces one with the same id; the
/// same id twice within one group (the defaults, or one `--rules DIR`) is an error.
fn merge_by_id<T>(
    list: &mut Vec<(usize, T)>,
    src: usize,
    item: T,
    id: fn(&T) -> &Spanned<String>,
    diag: &mut Diagnostics,
) {
    let group = |i: usize| diag.sources[i].group;
    let new_id = id(&item);
    if let Some((old_src, _)) = list
        .iter()
        .find(|(o, old)| id(old).get_ref() == new_id.get_ref() && group(*o) == group(src))
    {
        let first = diag.sources[*old_src].name.clone();
        let (span, name) = (new_id.span(), new_id.get_ref().clone());
        diag.push(
            src,
            span,
            Some(&name),
            format!("duplicate id (first defined in {first}); give each rule its own id"),
        );
        return;
    }
    list.retain(|(_, old)| id(old).get_ref() != new_id.get_ref());
    list.push((src, item));
}

fn compile_indicator(
    src: usize,
    d: IndicatorDef,
    defs: &BTreeMap<String, String>,
    diag: &mut Diagnostics,
) -> Option<IndicatorRule> {
    let id = d.id.get_ref().clone();
    let mut ok = true;
    let mut compile = |p: &Option<Spanned<String>>, side: &str, diag: &mut Diagnostics| {
        let p = p.as_ref()?;
        match expand(p.get_ref(), defs, None) {
            Ok(x) => Some(LazyRegex::new(x)),
            Err(e) => {
                diag.push(
                    src,
                    p.span(),
                    Some(&id),
                    format!("`{side}` does not compile: {e}"),
                );
                ok = false;
                None
            }
        }
    };
    let before = compile(&d.before, "before", diag);
    let after = compile(&d.after, "after", diag);
    if !ok {
        return None;
    }
    if before.is_none() && after.is_none() {
        diag.push(
            src,
            d.id.span(),
            Some(&id),
            "an indicator rule needs `before` or `after`".to_string(),
        );
        return None;
    }
    if !matches!(d.applies_to.as_str(), "number" | "date" | "any") {
        diag.push(
            src,
            d.id.span(),
            Some(&id),
            format!(
                "applies_to {:?} is not one of number, date, any",
                d.applies_to
            ),
        );
        return None;
    }
    Some(IndicatorRule {
        id,
        applies_to: d.applies_to,
        before,
        after,
        label: d.label,
        with_subject: d.with_subject,
        examples: d.examples,
        origin: diag.sources[src].name.clone(),
    })
}
