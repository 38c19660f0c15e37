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

mod diagnostics;
pub mod groups;
pub mod indicators;
pub mod lazy_regex;
mod load;
mod pattern;
mod schema;
#[cfg(test)]
mod tests;

pub use diagnostics::{RuleError, RuleErrors};
pub use load::{default_sources, dir_sources, Source};
pub use schema::{
    example_value, Example, PeriodDef, Position, QualifierDef, RegionAliasDef, RuleDef, RuleFile,
    UnitDef, VetoDef,
};

use crate::rules::lazy_regex::{LazyRegex, LazySet};
use crate::value::decimal::Decimal;
use crate::value::number::NumberGrammar;
use anyhow::Result;
use indicators::{FallbackDef, IndicatorRule, IndicatorSets};
use load::is_builtin;
use rustc_hash::FxHashMap as HashMap;

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
    pub slots: std::sync::OnceLock<groups::Slots>,
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
