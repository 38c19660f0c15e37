//! Report types (the `--format json` output) and their text rendering.

use super::locate::LocateMethod;
use crate::fact::{Fact, Value};
use serde::Serialize;
use std::fmt::Write as _;

/// One input document with its predicted facts.
pub struct EvalDoc<'a> {
    /// File name (basename) of the document; a path is reduced to its file name.
    pub name: String,
    pub text: &'a str,
    pub facts: &'a [Fact],
}

/// Detection counts and metrics. A metric is `None` when undefined (0/0).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Score {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub f1: Option<f64>,
}

impl Score {
    pub(super) fn finish(&mut self) {
        let ratio = |a: usize, b: usize| (b > 0).then(|| a as f64 / b as f64);
        self.precision = ratio(self.tp, self.tp + self.fp);
        self.recall = ratio(self.tp, self.tp + self.fn_);
        self.f1 = ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_);
    }

    pub(super) fn add(&mut self, other: &Score) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

/// `correct` out of `total`; `value` is `None` when `total` is 0.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Ratio {
    pub correct: usize,
    pub total: usize,
    pub value: Option<f64>,
}

impl Ratio {
    pub(super) fn new(correct: usize, total: usize) -> Ratio {
        Ratio {
            correct,
            total,
            value: (total > 0).then(|| correct as f64 / total as f64),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UnitScore {
    pub unit: String,
    pub score: Score,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocScore {
    pub doc: String,
    /// False when the gold document had no input document (all its facts are misses).
    pub has_input: bool,
    pub score: Score,
}

/// Mean of a per-match score; `None` when there are no matches.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Mean {
    pub mean: Option<f64>,
    pub count: usize,
}

/// A gold fact without a position+unit partner.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Miss {
    pub doc: String,
    pub gold_line: usize,
    pub offset: Option<usize>,
    pub line: Option<usize>,
    pub col: Option<usize>,
    pub raw: String,
    pub value: Value,
    pub value_max: Option<Value>,
    pub unit: String,
    pub context: String,
    pub located: LocateMethod,
}

/// A predicted fact without a position+unit partner.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FalseAlarm {
    pub doc: String,
    pub offset: usize,
    pub line: usize,
    pub col: usize,
    pub raw: String,
    pub value: Value,
    pub value_max: Option<Value>,
    pub unit: String,
    pub rule: String,
    /// The fact's sentence, shortened to about 40 characters around `raw`.
    pub sentence: String,
}

/// A position+unit pair whose values differ.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ValueError {
    pub doc: String,
    pub gold_line: usize,
    pub offset: usize,
    pub line: usize,
    pub col: usize,
    pub unit: String,
    pub gold_raw: String,
    pub gold_value: Value,
    pub gold_value_max: Option<Value>,
    pub predicted_offset: usize,
    pub predicted_raw: String,
    pub predicted_value: Value,
    pub predicted_value_max: Option<Value>,
    pub rule: String,
}

/// A matched pair whose attribute (qualifier or region) differs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mismatch {
    pub doc: String,
    pub gold_line: usize,
    pub offset: usize,
    pub line: usize,
    pub col: usize,
    pub raw: String,
    pub unit: String,
    pub gold: Option<String>,
    pub predicted: Option<String>,
    pub rule: String,
    /// Where the predicted fact of the pair starts, and its text as written.
    pub predicted_offset: usize,
    pub predicted_raw: String,
}

/// Result of [`evaluate`]. Serialises as the `--format json` output.
///
/// [`evaluate`]: super::evaluate
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// Number of input documents given.
    pub input_docs: usize,
    /// Input documents that have gold and were scored, sorted.
    pub scored_docs: Vec<String>,
    /// Input documents without gold (not scored), sorted.
    pub docs_without_gold: Vec<String>,
    /// Gold documents without an input document (all their facts count as misses).
    pub gold_docs_without_input: Vec<String>,
    pub warnings: Vec<String>,
    /// Gold facts of the scored (and missing) documents.
    pub gold_facts: usize,
    /// Predicted core-unit facts in scored documents.
    pub predicted_facts: usize,
    /// Predicted facts in scored documents ignored for a non-core unit.
    pub ignored_predictions: usize,
    pub detection: Score,
    /// In `CORE_UNITS` order, then any other gold unit.
    pub per_unit: Vec<UnitScore>,
    pub per_doc: Vec<DocScore>,
    pub qualifier_accuracy: Ratio,
    pub region_accuracy: Ratio,
    pub indicator_overlap: Ratio,
    pub indicator_char_f1: Mean,
    /// Value-exact pairs out of position+unit pairs.
    pub values_exact: Ratio,
    pub misses: Vec<Miss>,
    pub false_alarms: Vec<FalseAlarm>,
    pub value_errors: Vec<ValueError>,
    pub qualifier_mismatches: Vec<Mismatch>,
    pub region_mismatches: Vec<Mismatch>,
    /// Matches whose indicator does not share half the gold label's characters.
    pub indicator_mismatches: Vec<Mismatch>,
}

// ---------------------------------------------------------------------------------------
// Text rendering
// ---------------------------------------------------------------------------------------

/// Terminal width of a string: CJK and full-width characters take two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match u32::from(c) {
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

fn pad(s: &str, w: usize) -> String {
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(width(s))));
    out
}

fn metric(m: Option<f64>) -> String {
    m.map(|v| format!("{v:.3}"))
        .unwrap_or_else(|| "  -  ".to_string())
}

fn score_line(s: &Score) -> String {
    format!(
        "P={} R={} F1={} (tp={} fp={} fn={})",
        metric(s.precision),
        metric(s.recall),
        metric(s.f1),
        s.tp,
        s.fp,
        s.fn_
    )
}

fn value_text(v: &Value, max: &Option<Value>) -> String {
    match max {
        Some(m) => format!("{v}..{m}"),
        None => v.to_string(),
    }
}

fn opt_text(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("-")
}

impl Report {
    /// A compact aligned table; with `show_errors`, every miss, false alarm, value error,
    /// qualifier and region mismatch, sorted by document then position.
    pub fn render_text(&self, show_errors: bool) -> String {
        let mut o = String::new();
        let _ = write!(
            o,
            "scored {} of {} input documents",
            self.scored_docs.len(),
            self.input_docs
        );
        if self.docs_without_gold.is_empty() {
            o.push('\n');
        } else {
            let _ = writeln!(o, " (no gold: {})", self.docs_without_gold.join(", "));
        }
        let _ = writeln!(
            o,
            "gold facts {}, predicted core-unit facts {}, ignored non-core predictions {}",
            self.gold_facts, self.predicted_facts, self.ignored_predictions
        );
        for w in &self.warnings {
            let _ = writeln!(o, "warning: {w}");
        }

        let label_w = 20;
        let _ = writeln!(
            o,
            "{}{}",
            pad("detection", label_w),
            score_line(&self.detection)
        );
        for u in &self.per_unit {
            let _ = writeln!(
                o,
                "{}{}",
                pad(&format!("  {}", u.unit), label_w),
                score_line(&u.score)
            );
        }
        let ratio = |r: &Ratio| format!("{} ({}/{})", metric(r.value), r.correct, r.total);
        let rows = [
            ("qualifier accuracy", ratio(&self.qualifier_accuracy)),
            ("region accuracy", ratio(&self.region_accuracy)),
            ("indicator overlap", ratio(&self.indicator_overlap)),
            (
                "indicator char F1",
                format!(
                    "{} (mean over {})",
                    metric(self.indicator_char_f1.mean),
                    self.indicator_char_f1.count
                ),
            ),
            (
                "values exact",
                format!("{}/{}", self.values_exact.correct, self.values_exact.total),
            ),
        ];
        for (label, val) in rows {
            let _ = writeln!(o, "{}{val}", pad(label, label_w));
        }
        let _ = writeln!(o, "per document");
        let doc_w = self
            .per_doc
            .iter()
            .map(|d| width(&d.doc))
            .max()
            .unwrap_or(0)
            + 4;
        for d in &self.per_doc {
            let note = if d.has_input {
                ""
            } else {
                "  [no input document]"
            };
            let _ = writeln!(
                o,
                "{}{}{note}",
                pad(&format!("  {}", d.doc), doc_w),
                score_line(&d.score)
            );
        }
        if show_errors {
            self.render_errors(&mut o);
        }
        o
    }

    fn render_errors(&self, o: &mut String) {
        let _ = writeln!(
            o,
            "\nmisses ({}; value errors are listed separately below)",
            self.misses.len()
        );
        for m in &self.misses {
            let pos = match (m.line, m.col) {
                (Some(l), Some(c)) => format!("{l}:{c}"),
                _ => "?:?".to_string(),
            };
            let why = if self.gold_docs_without_input.contains(&m.doc) {
                "  [no input document]"
            } else if m.located == LocateMethod::NotFound {
                "  [not locatable]"
            } else {
                ""
            };
            let _ = writeln!(
                o,
                "  {} {pos}  {:?} = {} {}  context {:?}  (gold line {}){why}",
                m.doc,
                m.raw,
                value_text(&m.value, &m.value_max),
                m.unit,
                m.context,
                m.gold_line
            );
        }
        let _ = writeln!(o, "\nfalse alarms ({})", self.false_alarms.len());
        for f in &self.false_alarms {
            let _ = writeln!(
                o,
                "  {} {}:{} @{}  {:?} = {} {}  rule {}  {:?}",
                f.doc,
                f.line,
                f.col,
                f.offset,
                f.raw,
                value_text(&f.value, &f.value_max),
                f.unit,
                f.rule,
                f.sentence
            );
        }
        let _ = writeln!(o, "\nvalue errors ({})", self.value_errors.len());
        for v in &self.value_errors {
            let _ = writeln!(
                o,
                "  {} {}:{}  gold {:?} = {}  predicted {:?} = {}  {}  rule {}  (gold line {})",
                v.doc,
                v.line,
                v.col,
                v.gold_raw,
                value_text(&v.gold_value, &v.gold_value_max),
                v.predicted_raw,
                value_text(&v.predicted_value, &v.predicted_value_max),
                v.unit,
                v.rule,
                v.gold_line
            );
        }
        for (title, list) in [
            ("qualifier mismatches", &self.qualifier_mismatches),
            ("region mismatches", &self.region_mismatches),
            ("indicator mismatches", &self.indicator_mismatches),
        ] {
            let _ = writeln!(o, "\n{title} ({})", list.len());
            for m in list {
                let _ = writeln!(
                    o,
                    "  {} {}:{}  {:?} {}  gold {}  predicted {}  rule {}  (gold line {})",
                    m.doc,
                    m.line,
                    m.col,
                    m.raw,
                    m.unit,
                    opt_text(&m.gold),
                    opt_text(&m.predicted),
                    m.rule,
                    m.gold_line
                );
            }
        }
    }
}
