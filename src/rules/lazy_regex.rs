//! Regexes compiled on first use. Loading hundreds of user rules must stay fast, and so
//! must a run on empty input: patterns are only parsed at load (syntax errors are reported
//! then), the sets that find which rules can match are compiled on the first text, and a
//! rule's own regex when a sentence could match it.

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

    /// A pattern already compiled (to check it), kept so it is not compiled again.
    pub fn compiled(re: Regex) -> LazyRegex {
        let lazy = LazyRegex::new(re.as_str().to_string());
        let _ = lazy.cell.set(re);
        lazy
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

/// Patterns searched together, compiled as one `RegexSet` on first use: an empty input
/// (or a `rules check`) never pays for the compile.
#[derive(Debug)]
pub struct LazySet {
    patterns: Vec<String>,
    cell: OnceLock<Option<RegexSet>>,
}

impl LazySet {
    /// Patterns known to parse: each was checked alone, or they are the rules built into
    /// the binary, which the test suite checks ([`validate`]).
    pub fn checked(patterns: &[&str]) -> LazySet {
        LazySet {
            patterns: patterns.iter().map(|p| p.to_string()).collect(),
            cell: OnceLock::new(),
        }
    }

    pub fn empty() -> LazySet {
        LazySet {
            patterns: Vec::new(),
            cell: OnceLock::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The compiled set, or None when the patterns together pass the regex size limits
    /// (each is valid alone): callers then try every pattern.
    pub fn get(&self) -> Option<&RegexSet> {
        self.cell
            .get_or_init(|| RegexSet::new(&self.patterns).ok())
            .as_ref()
    }
}

/// Checks every pattern's syntax (a parse, not a compile) and returns them as a lazy set,
/// or the (index, message) of every pattern that does not parse.
pub fn validate(patterns: &[&str]) -> Result<LazySet, Vec<(usize, String)>> {
    let bad: Vec<(usize, String)> = patterns
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            // The same parser and error text as `Regex::new`.
            regex_syntax::ParserBuilder::new()
                .nest_limit(250)
                .build()
                .parse(p)
                .err()
                .map(|e| (i, one_line(&e.to_string())))
        })
        .collect();
    if !bad.is_empty() {
        return Err(bad);
    }
    Ok(LazySet::checked(patterns))
}

pub fn one_line(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parse_error_reads_as_the_compile_error() {
        for bad in ["(?P<x", "[z-a]", "a{2,1}", r"\p{Nope}"] {
            let compiled = Regex::new(bad).expect_err("invalid");
            let errors = validate(&["[0-9]+元", bad]).expect_err("invalid");
            assert_eq!(errors, vec![(1, one_line(&compiled.to_string()))], "{bad}");
        }
    }

    #[test]
    fn the_set_is_compiled_on_first_use() {
        let set = validate(&["[0-9]+元", "[0-9]+人"]).expect("valid");
        assert!(set.cell.get().is_none());
        let m = set.get().expect("compiles").matches("5人");
        assert_eq!(m.into_iter().collect::<Vec<_>>(), vec![1]);
    }
}
