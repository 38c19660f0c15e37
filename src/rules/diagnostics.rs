//! Problems in rule files, each at its `file:line:column`.

use super::Source;
use std::fmt;

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
pub(super) struct Diagnostics<'a> {
    pub(super) sources: &'a [Source],
    pub(super) errors: Vec<RuleError>,
}

impl Diagnostics<'_> {
    pub(super) fn push(
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
