//! Regexes compiled on first use. Loading hundreds of user rules must stay fast: patterns
//! are validated together (one `RegexSet` compile), and a rule's own regex is built only
//! when a sentence could match it.

use regex::{Regex, RegexSet};
use std::sync::OnceLock;

#[derive(Debug)]
pub struct LazyRegex {
    pattern: String,
    cell: OnceLock<Regex>,
}

impl LazyRegex {
    /// A pattern that has already been validated (see [`validate`]).
    pub fn new(pattern: String) -> LazyRegex {
        LazyRegex {
            pattern,
            cell: OnceLock::new(),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    pub fn get(&self) -> &Regex {
        self.cell.get_or_init(|| {
            // Validated at load; the fallback (matches nothing) only guards size limits.
            Regex::new(&self.pattern)
                .unwrap_or_else(|_| Regex::new(r"[^\s\S]").expect("static regex"))
        })
    }

    /// Does the pattern define a named group? Read from the text, so no compile is needed.
    pub fn has_group(&self, name: &str) -> bool {
        self.pattern.contains(&format!("(?P<{name}>"))
            || self.pattern.contains(&format!("(?<{name}>"))
    }
}

/// Compiles all patterns as one set; when that fails, finds which ones fail and why.
/// Returns the set, or the (index, message) of every pattern that does not compile.
pub fn validate(patterns: &[&str]) -> Result<RegexSet, Vec<(usize, String)>> {
    match RegexSet::new(patterns) {
        Ok(set) => Ok(set),
        Err(_) => Err(patterns
            .iter()
            .enumerate()
            .filter_map(|(i, p)| Regex::new(p).err().map(|e| (i, one_line(&e.to_string()))))
            .collect()),
    }
}

pub fn one_line(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
