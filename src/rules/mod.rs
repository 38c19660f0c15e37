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

pub mod examples;
pub mod lazy_regex;

use crate::indicator::{FallbackDef, IndicatorDef, IndicatorRule, IndicatorSets};
use crate::quantity::decimal::Decimal;
use crate::quantity::number::NumberGrammar;
use crate::rules::lazy_regex::{validate, LazyRegex, LazySet};
use anyhow::Result;
use regex::Regex;
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use toml::Spanned;

/// The default rule files, compiled into the binary so it works from any directory.
pub const EMBEDDED: [(&str, &str); 4] = [
    ("rules/units.toml", include_str!("../../rules/units.toml")),
    (
        "rules/quantities.toml",
        include_str!("../../rules/quantities.toml"),
    ),
    ("rules/dates.toml", include_str!("../../rules/dates.toml")),
    (
        "rules/indicators.toml",
        include_str!("../../rules/indicators.toml"),
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
    /// Extra names for regions: `{ alias = "稀土高新区", code = "150271" }`.
    #[serde(default)]
    pub region_alias: Vec<RegionAliasDef>,
    /// Periods of a year (年初, 上半年, 一季度) and the months they span.
    #[serde(default)]
    pub period: Vec<PeriodDef>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodDef {
    pub word: String,
    /// First and last month of the period (上半年: [1, 6]).
    pub months: [u32; 2],
    /// Text right after the word that makes it part of another word (年初 + 步 is 初步).
    #[serde(default)]
    pub not_before: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionAliasDef {
    pub alias: String,
    pub code: String,
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
    pub scale: Spanned<String>,
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

fn one() -> Spanned<String> {
    Spanned::new(0..0, "1".to_string())
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
    pub pattern: Spanned<String>,
    /// Why these are not facts; shown to rule authors.
    pub why: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    pub id: Spanned<String>,
    /// `quantity` (number + unit) or `date`.
    #[serde(default = "quantity")]
    pub kind: String,
    /// Canonical units whose surfaces `{UNIT}` stands for.
    #[serde(default)]
    pub units: Vec<String>,
    pub pattern: Spanned<String>,
    #[serde(default)]
    pub examples: Vec<Example>,
    #[serde(default)]
    pub counterexamples: Vec<String>,
    /// The indicator every match of this rule measures (亩产), when the rule says it.
    #[serde(default)]
    pub indicator: Option<String>,
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
    pub value: Spanned<toml::Value>,
    #[serde(default)]
    pub value_max: Option<Spanned<toml::Value>>,
    pub unit: String,
    #[serde(default)]
    pub qualifier: Option<String>,
    #[serde(default)]
    pub raw: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Unit {
    pub surface: String,
    pub kind: crate::fact::Shared,
    pub unit: crate::fact::Shared,
    pub scale: Decimal,
    pub not_before: Vec<String>,
    pub skip_numbers: Vec<String>,
    pub phrase_end: bool,
}

#[derive(Debug)]
pub struct Rule {
    pub id: crate::fact::Shared,
    pub is_date: bool,
    /// The indicator the rule names for its matches, if it names one.
    pub indicator: Option<String>,
    pub regex: LazyRegex,
    pub examples: Vec<Example>,
    pub counterexamples: Vec<String>,
    /// The file the rule came from.
    pub origin: String,
    /// Where each group the lexer reads is among the regex's captures, found once.
    pub slots: std::sync::OnceLock<crate::quantity::lexer::Slots>,
}

/// Everything the engine needs, compiled once.
#[derive(Debug)]
pub struct RuleSet {
    pub grammar: NumberGrammar,
    pub rules: Vec<Rule>,
    pub vetoes: Vec<LazyRegex>,
    /// All vetoes at once: most sentences match none, and then none is searched alone.
    pub veto_set: LazySet,
    pub indicators: Vec<IndicatorRule>,
    pub fallback: FallbackDef,
    /// Region names added by rule files: (alias, code).
    pub region_aliases: Vec<(String, String)>,
    /// All rule patterns at once, to skip rules that cannot match a sentence.
    prefilter: LazySet,
    /// The kind and unit of every date, shared by all date facts.
    pub date_text: crate::fact::Shared,
    pub indicator_sets: IndicatorSets,
    units: HashMap<String, Unit>,
    qualifiers: HashMap<String, String>,
    periods: HashMap<String, PeriodDef>,
}

/// A rule file's text and where it came from. Files of one group (the defaults, or one
/// `--rules DIR`) may not repeat an id; a later group's rule replaces an earlier one's.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: String,
    pub group: usize,
}

/// Whether `sources` are exactly the built-in rule files, in order and unchanged.
fn is_builtin(sources: &[Source]) -> bool {
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

/// A problem in a rule file, at `file:line:column`, saying what to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub file: String,
    /// 1-based; 0 when the problem is the whole file or directory.
    pub line: usize,
    pub col: usize,
    pub rule: Option<String>,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.col)?;
        }
        write!(f, ": ")?;
        if let Some(r) = &self.rule {
            write!(f, "rule {r:?}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for RuleError {}

/// Rule errors as one error, one per line, for commands that stop on them.
#[derive(Debug)]
pub struct RuleErrors(pub Vec<RuleError>);

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&lines.join("\n"))
    }
}

impl std::error::Error for RuleErrors {}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Collects errors with positions in the sources.
struct Diagnostics<'a> {
    sources: &'a [Source],
    errors: Vec<RuleError>,
}

impl Diagnostics<'_> {
    fn push(
        &mut self,
        source: usize,
        span: std::ops::Range<usize>,
        rule: Option<&str>,
        message: String,
    ) {
        let s = &self.sources[source];
        let (line, col) = if span.is_empty() && span.start == 0 {
            (0, 0)
        } else {
            line_col(&s.text, span.start)
        };
        self.errors.push(RuleError {
            file: s.name.clone(),
            line,
            col,
            rule: rule.map(str::to_string),
            message,
        });
    }
}

impl RuleSet {
    /// The default rules shipped in the binary.
    pub fn embedded() -> Result<RuleSet> {
        RuleSet::load(&default_sources()).map_err(|e| RuleErrors(e).into())
    }

    /// Parses, merges and compiles rule files. Every problem is reported, each at its
    /// `file:line:column`; none is fatal on its own.
    ///
    /// The built-in files, unchanged, skip the parse of their patterns (the test suite
    /// checks them); see [`RuleSet::load_checked`].
    pub fn load(sources: &[Source]) -> Result<RuleSet, Vec<RuleError>> {
        RuleSet::load_with(sources, is_builtin(sources))
    }

    /// As [`RuleSet::load`], with every check on the built-in files too: for `factx rules`,
    /// the rule author's tools, so an edited built-in file is checked like any other.
    pub fn load_checked(sources: &[Source]) -> Result<RuleSet, Vec<RuleError>> {
        RuleSet::load_with(sources, false)
    }

    fn load_with(sources: &[Source], trusted: bool) -> Result<RuleSet, Vec<RuleError>> {
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

    /// A period of a year by its word (年初, 上半年).
    pub fn period(&self, word: &str) -> Option<&PeriodDef> {
        self.periods.get(word)
    }

    pub fn unit(&self, surface: &str) -> Option<&Unit> {
        self.units.get(surface)
    }

    pub fn qualifier(&self, surface: &str) -> Option<&str> {
        self.qualifiers.get(surface).map(String::as_str)
    }

    /// Indices of the rules that can match `text`: one pass of the combined automaton
    /// instead of a scan per rule.
    pub fn candidates(&self, text: &str) -> Candidates {
        match self.prefilter.get() {
            Some(set) if set.len() == self.rules.len() => {
                if !set.is_match(text) {
                    return Candidates::Range(0..0);
                }
                Candidates::Set(set.matches(text).into_iter())
            }
            _ => Candidates::Range(0..self.rules.len()),
        }
    }
}

/// The rules that can match a text ([`RuleSet::candidates`]), in file order, without a
/// list of their own.
pub enum Candidates {
    Set(regex::SetMatchesIntoIter),
    /// A range of rules: all of them when there is no set (the patterns together pass the
    /// size limits), none when the set matches nothing.
    Range(std::ops::Range<usize>),
}

impl Iterator for Candidates {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        match self {
            Candidates::Set(it) => it.next(),
            Candidates::Range(it) => it.next(),
        }
    }
}

/// An example's expected value: an integer, or decimal text, or (for a date) ISO text.
pub fn example_value(v: &toml::Value, is_date: bool) -> Result<crate::fact::Value, String> {
    use crate::fact::Value;
    match v {
        toml::Value::Integer(i) => Ok(Value::Number(Decimal::from_int(i128::from(*i)))),
        toml::Value::String(s) if is_date => Ok(Value::Text(s.clone())),
        toml::Value::String(s) => s
            .parse::<Decimal>()
            .map(Value::Number)
            .map_err(|_| format!("{s:?} is not a plain decimal number")),
        toml::Value::Float(f) => Err(format!(
            "{f} is a TOML float, which is binary; write it as text: \"{f}\""
        )),
        other => Err(format!("{other} is not a number or text")),
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
fn expand(
    pattern: &str,
    defs: &BTreeMap<String, String>,
    unit: Option<&str>,
) -> Result<String, String> {
    fn go(
        p: &str,
        defs: &BTreeMap<String, String>,
        unit: Option<&str>,
        depth: usize,
    ) -> Result<String, String> {
        if depth > 16 {
            return Err("definitions refer to each other in a loop".to_string());
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
                            None => {
                                return Err("{UNIT} is only allowed in a rule pattern".to_string())
                            }
                        }
                    } else {
                        let def = defs
                            .get(name)
                            .ok_or_else(|| format!("{{{name}}} is not defined in [defs]"))?;
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
}
