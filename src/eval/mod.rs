//! Scoring extracted facts against hand-labelled gold facts (`factx eval`).
//!
//! Gold files are JSON Lines (see the labelling guideline in the gold directory's README):
//! one fact per line, with `raw` and a short `context` (the text directly before `raw`)
//! but no offsets. Each gold fact is first located in its document; a predicted fact then
//! matches a gold fact when both are in the same document, have the same canonical unit and
//! start within [`TOLERANCE`] characters of each other. Matching is one-to-one and greedy by
//! distance. A position+unit pair whose value differs counts as a miss *and* a false alarm,
//! and is listed as a value error.
//!
//! All offsets are character (Unicode scalar) offsets, like [`Fact::offset`].

use crate::fact::{Fact, Value};
use crate::quantity::decimal::Decimal;
use anyhow::{anyhow, bail, Context, Result};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// Canonical units that gold labels; predictions with any other unit are ignored.
pub const CORE_UNITS: [&str; 7] = ["元", "人", "人次", "户", "亩", "公顷", "date"];

/// Maximum distance, in characters, between the start offsets of a gold and a predicted fact.
pub const TOLERANCE: usize = 4;

/// One hand-labelled fact.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GoldFact {
    pub doc: String,
    pub raw: String,
    pub value: Value,
    pub value_max: Option<Value>,
    pub unit: String,
    pub qualifier: Option<String>,
    pub indicator: Option<String>,
    pub region: Option<String>,
    pub region_parent: Option<String>,
    /// For a region renamed since (祁阳县 → 祁阳市): the name in force today. A predicted
    /// region equal to either `region` or `region_now` is right.
    pub region_now: Option<String>,
    pub date: Option<String>,
    pub context: String,
    /// 1-based line of the gold file.
    pub line: usize,
}

/// Gold facts by document file name, each list in gold-file order.
pub type Gold = BTreeMap<String, Vec<GoldFact>>;

/// One gold line as written; `value`s are kept as raw JSON so numbers parse exactly.
#[derive(Deserialize)]
struct GoldLine {
    doc: String,
    raw: String,
    value: Box<RawValue>,
    #[serde(default)]
    value_max: Option<Box<RawValue>>,
    unit: String,
    #[serde(default)]
    qualifier: Option<String>,
    #[serde(default)]
    indicator: Option<String>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    region_parent: Option<String>,
    #[serde(default)]
    region_now: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    context: Option<String>,
}

impl GoldLine {
    fn into_gold(self, line: usize) -> Result<GoldFact> {
        let unit = self.unit.trim().to_string();
        if self.raw.trim().is_empty() {
            bail!("empty `raw`");
        }
        let value = parse_value(&self.value, &unit).context("bad `value`")?;
        let value_max = match &self.value_max {
            Some(v) => Some(parse_value(v, &unit).context("bad `value_max`")?),
            None => None,
        };
        Ok(GoldFact {
            doc: basename(self.doc.trim()),
            raw: self.raw,
            value,
            value_max,
            unit,
            qualifier: non_empty(self.qualifier),
            indicator: non_empty(self.indicator),
            region: non_empty(self.region),
            region_parent: non_empty(self.region_parent),
            region_now: non_empty(self.region_now),
            date: non_empty(self.date),
            context: self.context.unwrap_or_default(),
            line,
        })
    }
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// The file name of a path-like document name (`seeds/000_x.txt` → `000_x.txt`).
pub fn basename(name: &str) -> String {
    Path::new(name)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(name)
        .to_string()
}

/// A gold `value`: a JSON number parsed exactly, or a JSON string (ISO date text). A string
/// holding a plain number for a non-date unit is read as that number.
fn parse_value(raw: &RawValue, unit: &str) -> Result<Value> {
    let text = raw.get().trim();
    if text.starts_with('"') {
        let s: String = serde_json::from_str(text).context("bad JSON string")?;
        if unit != "date" {
            if let Ok(d) = s.trim().parse::<Decimal>() {
                return Ok(Value::Number(d));
            }
        }
        return Ok(Value::Text(s));
    }
    parse_json_number(text).map(Value::Number)
}

/// Exact parse of JSON number text, including an exponent (`1.82e8`).
fn parse_json_number(text: &str) -> Result<Decimal> {
    let (mantissa, exp) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    let m: Decimal = mantissa
        .parse()
        .map_err(|e| anyhow!("{e}: {text:?} is not a number or a date string"))?;
    let Some(exp) = exp else {
        return Ok(m);
    };
    let exp: i32 = exp
        .trim_start_matches('+')
        .parse()
        .with_context(|| format!("bad exponent in {text:?}"))?;
    let scaled = if exp >= 0 {
        Decimal::pow10(exp.unsigned_abs()).and_then(|p| m.checked_mul(p))
    } else {
        m.checked_div_pow10(exp.unsigned_abs())
    };
    scaled.ok_or_else(|| anyhow!("number {text:?} out of range"))
}

/// Reads every `*.jsonl` file in `dir` (sorted by name) into gold facts by document.
/// Blank lines are skipped; a bad line is an error naming `file:line`.
pub fn load_gold(dir: &Path) -> Result<Gold> {
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("reading gold directory {}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("reading gold directory {}", dir.display()))?;
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "jsonl") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        bail!("no *.jsonl gold files in {}", dir.display());
    }
    let mut gold = Gold::new();
    for path in files {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading gold file {}", path.display()))?;
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            let line = line.trim_start_matches('\u{feff}').trim();
            if line.is_empty() {
                continue;
            }
            let rec: GoldLine = serde_json::from_str(line)
                .with_context(|| format!("{}:{line_no}: bad gold JSON", path.display()))?;
            let fact = rec
                .into_gold(line_no)
                .with_context(|| format!("{}:{line_no}: bad gold fact", path.display()))?;
            gold.entry(fact.doc.clone()).or_default().push(fact);
        }
    }
    Ok(gold)
}

// ---------------------------------------------------------------------------------------
// Locating gold facts in their document
// ---------------------------------------------------------------------------------------

/// How a gold fact was located.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LocateMethod {
    /// `context + raw` found verbatim.
    Context,
    /// `context + raw` found once line breaks (and whitespace around them) are removed.
    ContextJoined,
    /// Fallback: the occurrence of `raw` nearest after an occurrence of `context`.
    AfterContext,
    /// Fallback: the first occurrence of `raw` not taken by another gold fact.
    RawOnly,
    /// `raw` is not in the text at all.
    NotFound,
}

impl LocateMethod {
    fn label(self) -> &'static str {
        match self {
            LocateMethod::Context => "context",
            LocateMethod::ContextJoined => "context across line join",
            LocateMethod::AfterContext => "raw nearest after context (context+raw not found)",
            LocateMethod::RawOnly => "first unused raw (context not found)",
            LocateMethod::NotFound => "raw not found in text",
        }
    }
}

/// Where a gold fact was found in its document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    /// Character offset of the start of `raw` in the original text.
    pub offset: Option<usize>,
    pub method: LocateMethod,
    /// Gold line of an earlier fact of the same document located at the same offset.
    pub duplicate_of: Option<usize>,
}

/// The text with every whitespace run that contains a line break removed, and for each
/// kept character its offset in the original.
struct Joined {
    chars: Vec<char>,
    map: Vec<usize>,
}

fn is_break(c: char) -> bool {
    c == '\n' || c == '\r'
}

fn join_lines(chars: &[char]) -> Joined {
    let mut out = Joined {
        chars: Vec::with_capacity(chars.len()),
        map: Vec::with_capacity(chars.len()),
    };
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            let mut j = i;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            if !chars[i..j].iter().any(|&c| is_break(c)) {
                for (k, &c) in chars.iter().enumerate().take(j).skip(i) {
                    out.chars.push(c);
                    out.map.push(k);
                }
            }
            i = j;
        } else {
            out.chars.push(chars[i]);
            out.map.push(i);
            i += 1;
        }
    }
    out
}

/// Start positions of every (possibly overlapping) occurrence of `needle`.
fn find_all(hay: &[char], needle: &[char]) -> Vec<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    hay.windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect()
}

/// A document prepared for searching.
struct DocText {
    chars: Vec<char>,
    joined: Joined,
    line_starts: Vec<usize>,
}

impl DocText {
    fn new(text: &str) -> DocText {
        let chars: Vec<char> = text.chars().collect();
        let joined = join_lines(&chars);
        let mut line_starts = vec![0];
        for (i, &c) in chars.iter().enumerate() {
            if c == '\n' {
                line_starts.push(i + 1);
            }
        }
        DocText {
            chars,
            joined,
            line_starts,
        }
    }

    /// 1-based line and column of a character offset.
    fn line_col(&self, offset: usize) -> (usize, usize) {
        let idx = self
            .line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.line_starts.get(idx).copied().unwrap_or(0);
        (idx + 1, offset - start + 1)
    }

    /// Original offsets where `needle` starts, searching the text as is and joined.
    fn starts(&self, needle: &[char]) -> BTreeSet<usize> {
        let mut out: BTreeSet<usize> = find_all(&self.chars, needle).into_iter().collect();
        for j in find_all(&self.joined.chars, needle) {
            if let Some(&o) = self.joined.map.get(j) {
                out.insert(o);
            }
        }
        out
    }

    /// Original offsets just past each occurrence of `needle` (as is and joined).
    fn ends(&self, needle: &[char]) -> BTreeSet<usize> {
        let n = needle.len();
        let mut out: BTreeSet<usize> = find_all(&self.chars, needle)
            .into_iter()
            .map(|s| s + n)
            .collect();
        for j in find_all(&self.joined.chars, needle) {
            if let Some(&o) = self.joined.map.get(j + n - 1) {
                out.insert(o + 1);
            }
        }
        out
    }

    /// Candidate offsets of `raw` preceded by `context`: verbatim ones, then joined ones.
    fn context_starts(&self, context: &[char], raw: &[char]) -> (Vec<usize>, BTreeSet<usize>) {
        let needle: Vec<char> = context.iter().chain(raw).copied().collect();
        let verbatim: BTreeSet<usize> = find_all(&self.chars, &needle)
            .into_iter()
            .map(|s| s + context.len())
            .collect();
        let mut all = verbatim.clone();
        for j in find_all(&self.joined.chars, &needle) {
            if let Some(&o) = self.joined.map.get(j + context.len()) {
                all.insert(o);
            }
        }
        (all.into_iter().collect(), verbatim)
    }
}

/// Label text with line breaks (and the whitespace around them) removed.
fn needle(s: &str) -> Vec<char> {
    let chars: Vec<char> = s.chars().collect();
    join_lines(&chars).chars
}

/// Locates each gold fact of one document in its text, in order; an occurrence taken by an
/// earlier gold fact is avoided when another candidate of the same strategy exists.
pub fn locate(facts: &[GoldFact], text: &str) -> Vec<Location> {
    locate_in(facts, &DocText::new(text))
}

fn locate_in(facts: &[GoldFact], doc: &DocText) -> Vec<Location> {
    let mut used: BTreeMap<usize, usize> = BTreeMap::new();
    let mut out = Vec::with_capacity(facts.len());
    for g in facts {
        let raw = needle(&g.raw);
        let context = needle(&g.context);
        let raw_starts = doc.starts(&raw);
        let mut strategies: Vec<(Vec<usize>, LocateMethod)> = Vec::new();
        let mut verbatim = BTreeSet::new();
        if !context.is_empty() {
            let (cands, v) = doc.context_starts(&context, &raw);
            verbatim = v;
            strategies.push((cands, LocateMethod::Context));
            let ends = doc.ends(&context);
            let mut after: Vec<(usize, usize)> = raw_starts
                .iter()
                .filter_map(|&r| ends.range(..=r).next_back().map(|&e| (r - e, r)))
                .collect();
            after.sort_unstable();
            strategies.push((
                after.into_iter().map(|(_, r)| r).collect(),
                LocateMethod::AfterContext,
            ));
        }
        strategies.push((raw_starts.into_iter().collect(), LocateMethod::RawOnly));
        let mut loc = Location {
            offset: None,
            method: LocateMethod::NotFound,
            duplicate_of: None,
        };
        if let Some((cands, method)) = strategies.into_iter().find(|(c, _)| !c.is_empty()) {
            let chosen = cands
                .iter()
                .copied()
                .find(|o| !used.contains_key(o))
                .or_else(|| cands.first().copied());
            if let Some(o) = chosen {
                loc.offset = Some(o);
                loc.method = match method {
                    LocateMethod::Context if !verbatim.contains(&o) => LocateMethod::ContextJoined,
                    m => m,
                };
                loc.duplicate_of = used.get(&o).copied();
                used.entry(o).or_insert(g.line);
            }
        }
        out.push(loc);
    }
    out
}

// ---------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------

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
    fn finish(&mut self) {
        let ratio = |a: usize, b: usize| (b > 0).then(|| a as f64 / b as f64);
        self.precision = ratio(self.tp, self.tp + self.fp);
        self.recall = ratio(self.tp, self.tp + self.fn_);
        self.f1 = ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_);
    }

    fn add(&mut self, other: &Score) {
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
    fn new(correct: usize, total: usize) -> Ratio {
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

fn is_core(unit: &str) -> bool {
    CORE_UNITS.contains(&unit)
}

/// Whether a prediction is in the gold's scope: a core unit, and for dates a calendar
/// date. The labels date days and months (2023年6月5日, 9月份, 10月底); periods of a year
/// (年底, 上半年, 一季度; the `date.period` rules) were never labelled, like percentages.
fn in_scope(f: &Fact) -> bool {
    is_core(&f.unit) && !f.rule.starts_with("date.period")
}

/// Values agree when equal, or when the gold's date states no year (the labels keep what
/// the sentence says: --09-08) and the extractor completed it from the document's
/// reference date (2016-09-08).
fn same_value(gold: &Value, predicted: &Value) -> bool {
    match (gold, predicted) {
        (Value::Text(g), Value::Text(p)) if g != p => {
            g.starts_with("--")
                && p.len() == g.len() + 3
                && p.as_bytes()[..4].iter().all(u8::is_ascii_digit)
                && p[4..] == g[1..]
        }
        _ => gold == predicted,
    }
}

fn opt_trim<S: AsRef<str>>(s: &Option<S>) -> Option<&str> {
    s.as_ref()
        .map(|s| s.as_ref().trim())
        .filter(|s| !s.is_empty())
}

/// The predicted region as scored: a zone with its own code counts as its city.
/// The region a fact is scored as. A development zone with its own statistical code
/// (…71 to …79, e.g. 包头稀土高新技术产业开发区 150271) counts as its city, as the gold
/// labels it: the city is the zone's parent in `region_path`.
fn scored_region(f: &Fact) -> Option<&str> {
    let region = opt_trim(&f.region);
    let is_zone = opt_trim(&f.region_code)
        .is_some_and(|c| c.len() == 6 && c.as_bytes()[4] == b'7' && c.as_bytes()[5] != b'0');
    if is_zone {
        if let Some(parent) = opt_trim(&f.region_path).and_then(|p| p.rsplit('/').nth(1)) {
            return Some(parent);
        }
    }
    region
}

/// Size of the multiset intersection of the characters of `a` and `b`.
fn char_overlap(a: &str, b: &str) -> usize {
    let mut counts: BTreeMap<char, usize> = BTreeMap::new();
    for c in a.chars() {
        *counts.entry(c).or_insert(0) += 1;
    }
    let mut n = 0;
    for c in b.chars() {
        if let Some(k) = counts.get_mut(&c) {
            if *k > 0 {
                *k -= 1;
                n += 1;
            }
        }
    }
    n
}

/// Whether the predicted indicator shares at least half of the gold label's characters.
fn indicator_overlaps(gold: Option<&str>, predicted: Option<&str>) -> bool {
    match (gold, predicted) {
        (None, None) => true,
        (None, Some(_)) | (Some(_), None) => false,
        (Some(g), Some(p)) => 2 * char_overlap(g, p) >= g.chars().count(),
    }
}

/// Character F1 of the indicator labels (multiset overlap); a missing prediction scores 0.
fn indicator_char_f1(gold: Option<&str>, predicted: Option<&str>) -> f64 {
    match (gold, predicted) {
        (None, None) => 1.0,
        (None, Some(_)) | (Some(_), None) => 0.0,
        (Some(g), Some(p)) => {
            let total = g.chars().count() + p.chars().count();
            if total == 0 {
                1.0
            } else {
                2.0 * char_overlap(g, p) as f64 / total as f64
            }
        }
    }
}

/// About `max` characters of `sentence` around the first occurrence of `raw`, one line.
fn shorten(sentence: &str, raw: &str, max: usize) -> String {
    let chars: Vec<char> = sentence
        .trim()
        .chars()
        .map(|c| if is_break(c) { ' ' } else { c })
        .collect();
    if chars.len() <= max {
        return chars.into_iter().collect();
    }
    let raw: Vec<char> = raw.chars().collect();
    let pos = find_all(&chars, &raw).first().copied().unwrap_or(0);
    let center = pos + raw.len() / 2;
    let start = center.saturating_sub(max / 2).min(chars.len() - max);
    let end = start + max;
    let mut s = String::new();
    if start > 0 {
        s.push('…');
    }
    s.extend(&chars[start..end]);
    if end < chars.len() {
        s.push('…');
    }
    s
}

/// Accumulates counts over documents.
#[derive(Default)]
struct Acc {
    per_unit: BTreeMap<String, Score>,
    qualifier: (usize, usize),
    region: (usize, usize),
    overlap: (usize, usize),
    char_f1: (f64, usize),
    pairs: usize,
    report_misses: Vec<Miss>,
    false_alarms: Vec<FalseAlarm>,
    value_errors: Vec<ValueError>,
    qualifier_mismatches: Vec<Mismatch>,
    region_mismatches: Vec<Mismatch>,
    indicator_mismatches: Vec<Mismatch>,
    warnings: Vec<String>,
}

impl Acc {
    fn unit(&mut self, unit: &str) -> &mut Score {
        self.per_unit.entry(unit.to_string()).or_default()
    }

    fn miss(&mut self, doc: &str, g: &GoldFact, loc: &Location, pos: Option<(usize, usize)>) {
        self.report_misses.push(Miss {
            doc: doc.to_string(),
            gold_line: g.line,
            offset: loc.offset,
            line: pos.map(|p| p.0),
            col: pos.map(|p| p.1),
            raw: g.raw.clone(),
            value: g.value.clone(),
            value_max: g.value_max.clone(),
            unit: g.unit.clone(),
            context: g.context.clone(),
            located: loc.method,
        });
    }
}

/// Scores one document's predictions against its gold facts.
fn score_doc(name: &str, gold: &[GoldFact], input: Option<&EvalDoc>, acc: &mut Acc) -> Score {
    let mut score = Score::default();
    for g in gold {
        if !is_core(&g.unit) {
            acc.warnings.push(format!(
                "gold {name} line {}: unit {:?} is not a core unit; it can never match",
                g.line, g.unit
            ));
        }
    }
    let Some(input) = input else {
        for g in gold {
            score.fn_ += 1;
            acc.unit(&g.unit).fn_ += 1;
            let loc = Location {
                offset: None,
                method: LocateMethod::NotFound,
                duplicate_of: None,
            };
            acc.miss(name, g, &loc, None);
        }
        return score;
    };
    let doc = DocText::new(input.text);
    let locs = locate_in(gold, &doc);
    for (g, loc) in gold.iter().zip(&locs) {
        let at = loc
            .offset
            .map(|o| {
                let (l, c) = doc.line_col(o);
                format!(" at {l}:{c}")
            })
            .unwrap_or_default();
        match loc.method {
            LocateMethod::Context | LocateMethod::ContextJoined => {}
            LocateMethod::NotFound => acc.warnings.push(format!(
                "gold {name} line {}: raw {:?} not found in the text (counted as a miss)",
                g.line, g.raw
            )),
            m => acc.warnings.push(format!(
                "gold {name} line {}: {:?} located{at} by fallback: {}",
                g.line,
                g.raw,
                m.label()
            )),
        }
        if let Some(first) = loc.duplicate_of {
            acc.warnings.push(format!(
                "gold {name} line {}: {:?}{at} is at the same position as gold line {first} (duplicate label?)",
                g.line, g.raw
            ));
        }
    }
    let preds: Vec<&Fact> = input.facts.iter().filter(|f| in_scope(f)).collect();

    // Candidate pairs: (distance, value differs, gold index, predicted index).
    let mut cands: Vec<(usize, bool, usize, usize)> = Vec::new();
    for (gi, (g, loc)) in gold.iter().zip(&locs).enumerate() {
        let Some(go) = loc.offset else { continue };
        for (pi, p) in preds.iter().enumerate() {
            let dist = go.abs_diff(p.offset);
            if *p.unit == *g.unit && dist <= TOLERANCE {
                let differs = p.value != g.value || p.value_max != g.value_max;
                cands.push((dist, differs, gi, pi));
            }
        }
    }
    cands.sort_unstable();
    let mut gold_pair: Vec<Option<usize>> = vec![None; gold.len()];
    let mut pred_pair: Vec<Option<usize>> = vec![None; preds.len()];
    for (_, _, gi, pi) in cands {
        if gold_pair[gi].is_none() && pred_pair[pi].is_none() {
            gold_pair[gi] = Some(pi);
            pred_pair[pi] = Some(gi);
        }
    }

    for (gi, g) in gold.iter().enumerate() {
        let loc = &locs[gi];
        let pos = loc.offset.map(|o| doc.line_col(o));
        let Some(pi) = gold_pair[gi] else {
            score.fn_ += 1;
            acc.unit(&g.unit).fn_ += 1;
            acc.miss(name, g, loc, pos);
            continue;
        };
        let p = preds[pi];
        acc.pairs += 1;
        let (offset, (line, col)) = match (loc.offset, pos) {
            (Some(o), Some(lc)) => (o, lc),
            _ => continue, // unreachable: only located gold facts are paired
        };
        let max_agrees = match (&g.value_max, &p.value_max) {
            (Some(g), Some(p)) => same_value(g, p),
            (g, p) => g == p,
        };
        if !same_value(&g.value, &p.value) || !max_agrees {
            score.fn_ += 1;
            score.fp += 1;
            acc.unit(&g.unit).fn_ += 1;
            acc.unit(&p.unit).fp += 1;
            acc.value_errors.push(ValueError {
                doc: name.to_string(),
                gold_line: g.line,
                offset,
                line,
                col,
                unit: g.unit.clone(),
                gold_raw: g.raw.clone(),
                gold_value: g.value.clone(),
                gold_value_max: g.value_max.clone(),
                predicted_offset: p.offset,
                predicted_raw: p.raw.clone(),
                predicted_value: p.value.clone(),
                predicted_value_max: p.value_max.clone(),
                rule: p.rule.to_string(),
            });
            continue;
        }
        score.tp += 1;
        acc.unit(&g.unit).tp += 1;
        let mismatch = |gold: Option<&str>, predicted: Option<&str>| Mismatch {
            doc: name.to_string(),
            gold_line: g.line,
            offset,
            line,
            col,
            raw: g.raw.clone(),
            unit: g.unit.clone(),
            gold: gold.map(str::to_string),
            predicted: predicted.map(str::to_string),
            rule: p.rule.to_string(),
            predicted_offset: p.offset,
            predicted_raw: p.raw.clone(),
        };

        let (gq, pq) = (opt_trim(&g.qualifier), opt_trim(&p.qualifier));
        acc.qualifier.1 += 1;
        if gq == pq {
            acc.qualifier.0 += 1;
        } else {
            acc.qualifier_mismatches.push(mismatch(gq, pq));
        }

        let (gr, pr) = (opt_trim(&g.region), scored_region(p));
        acc.region.1 += 1;
        // A renamed region (祁阳县, now 祁阳市) is right under either name.
        if gr == pr || (pr.is_some() && opt_trim(&g.region_now) == pr) {
            acc.region.0 += 1;
        } else {
            acc.region_mismatches
                .push(mismatch(gr, opt_trim(&p.region).or(pr)));
        }

        let (gi_, pi_) = (opt_trim(&g.indicator), opt_trim(&p.indicator));
        acc.overlap.1 += 1;
        if indicator_overlaps(gi_, pi_) {
            acc.overlap.0 += 1;
        } else {
            acc.indicator_mismatches.push(mismatch(gi_, pi_));
        }
        acc.char_f1.0 += indicator_char_f1(gi_, pi_);
        acc.char_f1.1 += 1;
    }

    for (pi, p) in preds.iter().enumerate() {
        if pred_pair[pi].is_some() {
            continue;
        }
        score.fp += 1;
        acc.unit(&p.unit).fp += 1;
        let (line, col) = doc.line_col(p.offset);
        acc.false_alarms.push(FalseAlarm {
            doc: name.to_string(),
            offset: p.offset,
            line,
            col,
            raw: p.raw.clone(),
            value: p.value.clone(),
            value_max: p.value_max.clone(),
            unit: p.unit.to_string(),
            rule: p.rule.to_string(),
            sentence: shorten(&p.sentence, &p.raw, 40),
        });
    }
    score
}

/// Scores `docs` against `gold`. Only documents with gold are scored; a gold document with
/// no input document counts all its facts as misses.
pub fn evaluate(gold: &Gold, docs: &[EvalDoc]) -> Report {
    let mut acc = Acc::default();
    let mut inputs: BTreeMap<String, &EvalDoc> = BTreeMap::new();
    for d in docs {
        let name = basename(d.name.trim());
        match inputs.entry(name) {
            std::collections::btree_map::Entry::Occupied(e) => acc.warnings.push(format!(
                "input document {} given more than once; only the first is scored",
                e.key()
            )),
            std::collections::btree_map::Entry::Vacant(e) => {
                e.insert(d);
            }
        }
    }
    let docs_without_gold: Vec<String> = inputs
        .keys()
        .filter(|n| !gold.contains_key(*n))
        .cloned()
        .collect();
    let mut scored_docs = Vec::new();
    let mut gold_docs_without_input = Vec::new();
    let mut per_doc = Vec::new();
    let mut detection = Score::default();
    let (mut gold_facts, mut predicted_facts, mut ignored_predictions) = (0, 0, 0);
    for (name, facts) in gold {
        let input = inputs.get(name).copied();
        gold_facts += facts.len();
        match input {
            Some(d) => {
                scored_docs.push(name.clone());
                let core = d.facts.iter().filter(|f| in_scope(f)).count();
                predicted_facts += core;
                ignored_predictions += d.facts.len() - core;
            }
            None => {
                gold_docs_without_input.push(name.clone());
                acc.warnings.push(format!(
                    "gold document {name} has no input document; its {} facts count as misses",
                    facts.len()
                ));
            }
        }
        let mut score = score_doc(name, facts, input, &mut acc);
        score.finish();
        detection.add(&score);
        per_doc.push(DocScore {
            doc: name.clone(),
            has_input: input.is_some(),
            score,
        });
    }
    detection.finish();

    let mut per_unit = Vec::new();
    for unit in CORE_UNITS {
        let mut score = acc.per_unit.remove(unit).unwrap_or_default();
        score.finish();
        per_unit.push(UnitScore {
            unit: unit.to_string(),
            score,
        });
    }
    for (unit, mut score) in std::mem::take(&mut acc.per_unit) {
        score.finish();
        per_unit.push(UnitScore { unit, score });
    }

    let by_pos =
        |doc: &String, off: Option<usize>, line: usize| (doc.clone(), off.is_none(), off, line);
    acc.report_misses
        .sort_by_key(|m| by_pos(&m.doc, m.offset, m.gold_line));
    acc.false_alarms
        .sort_by(|a, b| (&a.doc, a.offset, &a.raw).cmp(&(&b.doc, b.offset, &b.raw)));
    acc.value_errors
        .sort_by_key(|m| by_pos(&m.doc, Some(m.offset), m.gold_line));
    acc.qualifier_mismatches
        .sort_by_key(|m| by_pos(&m.doc, Some(m.offset), m.gold_line));
    acc.region_mismatches
        .sort_by_key(|m| by_pos(&m.doc, Some(m.offset), m.gold_line));
    acc.indicator_mismatches
        .sort_by_key(|m| by_pos(&m.doc, Some(m.offset), m.gold_line));

    let values_exact = Ratio::new(acc.tp_pairs(), acc.pairs);
    Report {
        input_docs: docs.len(),
        scored_docs,
        docs_without_gold,
        gold_docs_without_input,
        warnings: acc.warnings,
        gold_facts,
        predicted_facts,
        ignored_predictions,
        detection,
        per_unit,
        per_doc,
        qualifier_accuracy: Ratio::new(acc.qualifier.0, acc.qualifier.1),
        region_accuracy: Ratio::new(acc.region.0, acc.region.1),
        indicator_overlap: Ratio::new(acc.overlap.0, acc.overlap.1),
        indicator_char_f1: Mean {
            mean: (acc.char_f1.1 > 0).then(|| acc.char_f1.0 / acc.char_f1.1 as f64),
            count: acc.char_f1.1,
        },
        values_exact,
        misses: acc.report_misses,
        false_alarms: acc.false_alarms,
        value_errors: acc.value_errors,
        qualifier_mismatches: acc.qualifier_mismatches,
        region_mismatches: acc.region_mismatches,
        indicator_mismatches: acc.indicator_mismatches,
    }
}

impl Acc {
    /// Value-exact pairs: every pair that is not a value error.
    fn tp_pairs(&self) -> usize {
        self.pairs - self.value_errors.len()
    }
}

// ---------------------------------------------------------------------------------------
// Several gold sets
// ---------------------------------------------------------------------------------------

/// The name of the report over all gold sets together (see [`evaluate_sets`]).
pub const ALL_SETS: &str = "all";

/// One gold set made of several (each named, e.g. by its directory). A document with gold
/// in two sets is an error naming the document and both sets; so is a set named
/// [`ALL_SETS`] among several.
pub fn merge_gold(sets: &[(String, Gold)]) -> Result<Gold> {
    if sets.len() > 1 {
        if let Some((set, _)) = sets.iter().find(|(set, _)| set == ALL_SETS) {
            bail!(
                "a gold set may not be named {set:?} when there are several: that is the name \
                 of the report over all of them (write it as ./{set})"
            );
        }
    }
    let mut all = Gold::new();
    let mut owner: BTreeMap<&str, &str> = BTreeMap::new();
    for (set, gold) in sets {
        for (doc, facts) in gold {
            if let Some(first) = owner.insert(doc, set) {
                bail!("document {doc} has gold in two gold sets: {first} and {set}");
            }
            all.insert(doc.clone(), facts.clone());
        }
    }
    Ok(all)
}

/// Scores `docs` against several gold sets, each named (by its directory): one report per
/// set over the documents it has gold for, in the order given, and, when there is more than
/// one set, a last report named [`ALL_SETS`] over all sets together and every document
/// (documents with gold in no set are listed there as without gold). With one set, its one
/// report is exactly [`evaluate`] of all documents. A document with gold in two sets is an
/// error (see [`merge_gold`]).
pub fn evaluate_sets(sets: &[(String, Gold)], docs: &[EvalDoc]) -> Result<Vec<(String, Report)>> {
    let all = merge_gold(sets)?;
    if let [(set, gold)] = sets {
        return Ok(vec![(set.clone(), evaluate(gold, docs))]);
    }
    let mut reports = Vec::with_capacity(sets.len() + 1);
    for (set, gold) in sets {
        let part: Vec<EvalDoc> = docs
            .iter()
            .filter(|d| gold.contains_key(&basename(d.name.trim())))
            .map(|d| EvalDoc {
                name: d.name.clone(),
                text: d.text,
                facts: d.facts,
            })
            .collect();
        reports.push((set.clone(), evaluate(gold, &part)));
    }
    reports.push((ALL_SETS.to_string(), evaluate(&all, docs)));
    Ok(reports)
}

/// The reports of [`evaluate_sets`]. Serialises as an object with one report per set,
/// keyed by its name, in order (the `--format json` output of several `--gold`).
#[derive(Clone, Debug, PartialEq)]
pub struct SetReports(pub Vec<(String, Report)>);

impl Serialize for SetReports {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (set, report) in &self.0 {
            map.serialize_entry(set, report)?;
        }
        map.end()
    }
}

impl SetReports {
    /// One section per report, headed by its name. With several sets, the errors (with
    /// `show_errors`) are listed in each set's section only, not again under [`ALL_SETS`].
    pub fn render_text(&self, show_errors: bool) -> String {
        let several = self.0.len() > 1;
        let mut o = String::new();
        for (i, (set, report)) in self.0.iter().enumerate() {
            if i > 0 {
                o.push('\n');
            }
            let _ = writeln!(o, "== {set} ==");
            let is_all = several && i + 1 == self.0.len();
            o.push_str(&report.render_text(show_errors && !is_all));
        }
        o
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn num(s: &str) -> Value {
        Value::Number(s.parse().expect("test input is valid"))
    }

    fn char_offset(text: &str, needle: &str) -> usize {
        let b = text.find(needle).expect("test input is valid");
        text[..b].chars().count()
    }

    /// A predicted fact with the fields scoring looks at.
    fn fact(doc: &str, raw: &str, offset: usize, value: Value, unit: &str) -> Fact {
        Fact {
            doc: doc.into(),
            kind: "test".into(),
            region: None,
            region_code: None,
            region_path: None,
            region_candidates: None,
            article: None,
            indicator: None,
            value,
            value_max: None,
            unit: unit.into(),
            qualifier: None,
            raw: raw.to_string(),
            date: None,
            sentence: "".into(),
            offset,
            line: 1,
            rule: "test".into(),
            region_mention: None,
            repeat_of: None,
            region_reason: None,
            indicator_source: None,
        }
    }

    /// The predicted fact "150户" of [`TEXT`] in a.txt.
    fn households_150() -> Fact {
        fact(
            "a.txt",
            "150户",
            char_offset(TEXT, "150户"),
            num("150"),
            "户",
        )
    }

    fn gold_fact(doc: &str, raw: &str, context: &str, value: Value, unit: &str) -> GoldFact {
        GoldFact {
            doc: doc.to_string(),
            raw: raw.to_string(),
            value,
            value_max: None,
            unit: unit.to_string(),
            qualifier: None,
            indicator: None,
            region: None,
            region_parent: None,
            region_now: None,
            date: None,
            context: context.to_string(),
            line: 1,
        }
    }

    fn gold_of(facts: Vec<GoldFact>) -> Gold {
        let mut g = Gold::new();
        for (i, mut f) in facts.into_iter().enumerate() {
            f.line = i + 1;
            g.entry(f.doc.clone()).or_default().push(f);
        }
        g
    }

    fn run(gold: &Gold, name: &str, text: &str, facts: &[Fact]) -> Report {
        let docs = [EvalDoc {
            name: name.to_string(),
            text,
            facts,
        }];
        evaluate(gold, &docs)
    }

    const TEXT: &str = "该县投入财政衔接资金7081万元建设孵化园,带动就业超1000人。\n共有150户参与。";

    #[test]
    fn exact_match() {
        let gold = gold_of(vec![
            gold_fact(
                "a.txt",
                "7081万元",
                "投入财政衔接资金",
                num("70810000"),
                "元",
            ),
            gold_fact("a.txt", "超1000人", "带动就业", num("1000"), "人"),
        ]);
        let preds = [
            fact(
                "a.txt",
                "7081万元",
                char_offset(TEXT, "7081"),
                num("70810000"),
                "元",
            ),
            fact(
                "a.txt",
                "超1000人",
                char_offset(TEXT, "超1000"),
                num("1000"),
                "人",
            ),
        ];
        let r = run(&gold, "a.txt", TEXT, &preds);
        assert_eq!((r.detection.tp, r.detection.fp, r.detection.fn_), (2, 0, 0));
        assert_eq!(r.detection.f1, Some(1.0));
        assert_eq!(r.values_exact, Ratio::new(2, 2));
        assert_eq!(r.scored_docs, vec!["a.txt".to_string()]);
        let text = r.render_text(true);
        assert!(text.contains("detection           P=1.000 R=1.000 F1=1.000 (tp=2 fp=0 fn=0)"));
        assert!(serde_json::to_string(&r)
            .expect("test input is valid")
            .contains("\"fn\":0"));
    }

    #[test]
    fn position_tolerance() {
        let gold = gold_of(vec![gold_fact(
            "a.txt",
            "超1000人",
            "带动就业",
            num("1000"),
            "人",
        )]);
        let start = char_offset(TEXT, "超1000");
        // Predicted raw without the 超 prefix starts one character later: still a match.
        let near = [fact("a.txt", "1000人", start + 1, num("1000"), "人")];
        assert_eq!(run(&gold, "a.txt", TEXT, &near).detection.tp, 1);
        let edge = [fact("a.txt", "x", start + TOLERANCE, num("1000"), "人")];
        assert_eq!(run(&gold, "a.txt", TEXT, &edge).detection.tp, 1);
        let far = [fact("a.txt", "x", start + TOLERANCE + 1, num("1000"), "人")];
        let r = run(&gold, "a.txt", TEXT, &far);
        assert_eq!((r.detection.tp, r.detection.fp, r.detection.fn_), (0, 1, 1));
    }

    #[test]
    fn greedy_matching_is_one_to_one_by_distance() {
        let gold = gold_of(vec![gold_fact(
            "a.txt",
            "超1000人",
            "带动就业",
            num("1000"),
            "人",
        )]);
        let start = char_offset(TEXT, "超1000");
        let preds = [
            fact("a.txt", "far", start + 3, num("1000"), "人"),
            fact("a.txt", "near", start + 1, num("1000"), "人"),
        ];
        let r = run(&gold, "a.txt", TEXT, &preds);
        assert_eq!((r.detection.tp, r.detection.fp, r.detection.fn_), (1, 1, 0));
        assert_eq!(r.false_alarms[0].raw, "far");
    }

    #[test]
    fn unit_mismatch_is_miss_and_false_alarm() {
        let gold = gold_of(vec![gold_fact("a.txt", "150户", "共有", num("150"), "户")]);
        let preds = [fact(
            "a.txt",
            "150户",
            char_offset(TEXT, "150户"),
            num("150"),
            "人",
        )];
        let r = run(&gold, "a.txt", TEXT, &preds);
        assert_eq!((r.detection.tp, r.detection.fp, r.detection.fn_), (0, 1, 1));
        assert_eq!(r.misses.len(), 1);
        assert_eq!(r.false_alarms.len(), 1);
        assert!(r.value_errors.is_empty());
        assert_eq!(r.values_exact.total, 0);
        let unit = |u: &str| {
            r.per_unit
                .iter()
                .find(|s| s.unit == u)
                .expect("test input is valid")
                .score
                .clone()
        };
        assert_eq!(unit("户").fn_, 1);
        assert_eq!(unit("人").fp, 1);
        assert_eq!(r.misses[0].line, Some(2));
    }

    #[test]
    fn a_yearless_gold_date_matches_the_date_completed_from_the_page() {
        let t = |s: &str| Value::Text(s.into());
        assert!(same_value(&t("--09-08"), &t("2016-09-08")));
        assert!(same_value(&t("--09"), &t("2016-09")));
        assert!(!same_value(&t("--09-08"), &t("2016-09-09")));
        assert!(!same_value(&t("2015-09-08"), &t("2016-09-08")));
        assert!(!same_value(&t("--09-08"), &t("--09-09")));
        assert!(!same_value(&t("--09"), &t("2016-09-01")));
    }

    #[test]
    fn value_mismatch_is_value_error() {
        let gold = gold_of(vec![gold_fact(
            "a.txt",
            "7081万元",
            "投入财政衔接资金",
            num("70810000"),
            "元",
        )]);
        let preds = [fact(
            "a.txt",
            "7081万元",
            char_offset(TEXT, "7081"),
            num("7081"),
            "元",
        )];
        let r = run(&gold, "a.txt", TEXT, &preds);
        assert_eq!((r.detection.tp, r.detection.fp, r.detection.fn_), (0, 1, 1));
        assert_eq!(r.values_exact, Ratio::new(0, 1));
        assert_eq!(r.value_errors.len(), 1);
        assert_eq!(r.value_errors[0].predicted_value, num("7081"));
        assert!(r.misses.is_empty() && r.false_alarms.is_empty());
        assert!(r.render_text(false).contains("values exact        0/1"));
        // value_max is part of the value.
        let mut ranged = preds[0].clone();
        ranged.value = num("70810000");
        ranged.value_max = Some(num("80000000"));
        let r = run(&gold, "a.txt", TEXT, &[ranged]);
        assert_eq!(r.value_errors.len(), 1);
    }

    #[test]
    fn non_core_units_ignored() {
        let gold = gold_of(vec![gold_fact("a.txt", "150户", "共有", num("150"), "户")]);
        let preds = [
            households_150(),
            fact(
                "a.txt",
                "7081万元",
                char_offset(TEXT, "7081"),
                num("7081"),
                "万元",
            ),
            fact("a.txt", "30%", 0, num("30"), "%"),
        ];
        let r = run(&gold, "a.txt", TEXT, &preds);
        assert_eq!((r.detection.tp, r.detection.fp, r.detection.fn_), (1, 0, 0));
        assert_eq!((r.predicted_facts, r.ignored_predictions), (1, 2));
    }

    #[test]
    fn qualifier_and_region_accuracy() {
        let mut g1 = gold_fact("a.txt", "超1000人", "带动就业", num("1000"), "人");
        g1.qualifier = Some("over".into());
        g1.region = Some("和林格尔县".into());
        g1.region_parent = Some("呼和浩特市".into());
        let mut g2 = gold_fact("a.txt", "150户", "共有", num("150"), "户");
        g2.region = Some("和林格尔县".into());
        g2.region_parent = Some("呼和浩特市".into());
        let g3 = gold_fact(
            "a.txt",
            "7081万元",
            "投入财政衔接资金",
            num("70810000"),
            "元",
        );
        let gold = gold_of(vec![g1, g2, g3]);
        let mut p1 = fact(
            "a.txt",
            "超1000人",
            char_offset(TEXT, "超1000"),
            num("1000"),
            "人",
        );
        p1.qualifier = Some("over".into());
        p1.region = Some("和林格尔县".into());
        let mut p2 = households_150();
        p2.qualifier = Some("approx".into());
        p2.region = Some("呼和浩特市".into()); // the parent is wrong
        let p3 = fact(
            "a.txt",
            "7081万元",
            char_offset(TEXT, "7081"),
            num("70810000"),
            "元",
        );
        let r = run(&gold, "a.txt", TEXT, &[p1, p2, p3]);
        assert_eq!(r.detection.tp, 3);
        // p1 equal, p2 approx vs null, p3 null vs null.
        assert_eq!(r.qualifier_accuracy, Ratio::new(2, 3));
        assert_eq!(r.qualifier_mismatches.len(), 1);
        assert_eq!(r.qualifier_mismatches[0].gold, None);
        assert_eq!(
            r.qualifier_mismatches[0].predicted.as_deref(),
            Some("approx")
        );
        // p1 equal, p2 parent (wrong), p3 null vs null (right).
        assert_eq!(r.region_accuracy, Ratio::new(2, 3));
        assert!(r
            .render_text(false)
            .contains("qualifier accuracy  0.667 (2/3)"));
    }

    #[test]
    fn renamed_region_is_right_under_either_name() {
        // 祁阳县 became 祁阳市: the gold keeps the name in the text and the one in force now.
        let mut g = gold_fact("a.txt", "150户", "共有", num("150"), "户");
        g.region = Some("祁阳县".into());
        g.region_parent = Some("永州市".into());
        g.region_now = Some("祁阳市".into());
        let gold = gold_of(vec![g]);
        let predicted = |region: Option<&str>| {
            let mut p = households_150();
            p.region = region.map(Into::into);
            p
        };
        for (region, right) in [
            (Some("祁阳市"), true),
            (Some("祁阳县"), true),
            (Some("永州市"), false),
            (None, false),
        ] {
            let r = run(&gold, "a.txt", TEXT, &[predicted(region)]);
            let expected = Ratio::new(usize::from(right), 1);
            assert_eq!(r.region_accuracy, expected, "predicted {region:?}");
            assert_eq!(r.region_mismatches.len(), usize::from(!right));
        }
    }

    #[test]
    fn several_gold_sets_report_each_and_all() {
        let a = gold_of(vec![gold_fact("a.txt", "150户", "共有", num("150"), "户")]);
        let b = gold_of(vec![
            gold_fact("b.txt", "超1000人", "带动就业", num("1000"), "人"),
            gold_fact("z.txt", "3人", "有", num("3"), "人"),
        ]);
        let fa = [households_150()];
        let docs = [
            EvalDoc {
                name: "x/a.txt".into(),
                text: TEXT,
                facts: &fa,
            },
            EvalDoc {
                name: "y/b.txt".into(),
                text: TEXT,
                facts: &[],
            },
            EvalDoc {
                name: "c.txt".into(),
                text: "",
                facts: &[],
            },
        ];
        let sets = vec![("gold/a".to_string(), a.clone()), ("gold/b".to_string(), b)];
        let reports = evaluate_sets(&sets, &docs).expect("no document in two sets");
        let names: Vec<&str> = reports.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["gold/a", "gold/b", ALL_SETS]);
        let (ra, rb, all) = (&reports[0].1, &reports[1].1, &reports[2].1);
        assert_eq!(ra.scored_docs, ["a.txt"]);
        assert_eq!((ra.input_docs, ra.gold_facts, ra.detection.tp), (1, 1, 1));
        assert!(ra.docs_without_gold.is_empty());
        assert_eq!(rb.scored_docs, ["b.txt"]);
        assert_eq!(rb.gold_docs_without_input, ["z.txt"]);
        assert_eq!((rb.input_docs, rb.gold_facts, rb.detection.fn_), (1, 2, 2));
        assert_eq!(all.scored_docs, ["a.txt", "b.txt"]);
        assert_eq!(all.docs_without_gold, ["c.txt"]);
        assert_eq!((all.input_docs, all.gold_facts), (3, 3));
        assert_eq!((all.detection.tp, all.detection.fn_), (1, 2));

        let reports = SetReports(reports);
        let text = reports.render_text(true);
        assert!(text.starts_with("== gold/a ==\nscored 1 of 1 input documents\n"));
        assert!(text.contains("\n\n== gold/b ==\nscored 1 of 1 input documents\n"));
        assert!(text.contains(
            "\n\n== all ==\nscored 2 of 3 input documents (no gold: c.txt)\ngold facts 3,"
        ));
        // Errors are listed under their set, not again under "all".
        assert_eq!(text.matches("\nmisses (").count(), 2);
        let json = serde_json::to_value(&reports).expect("serialises");
        let keys: Vec<&String> = json.as_object().expect("an object").keys().collect();
        assert_eq!(keys.len(), 3);
        assert_eq!(json["gold/b"]["gold_facts"], 2);
        assert_eq!(json["all"]["docs_without_gold"][0], "c.txt");

        // One set: exactly the plain report of every document.
        let one = evaluate_sets(&sets[..1], &docs).expect("one set");
        assert_eq!(one, vec![("gold/a".to_string(), evaluate(&a, &docs))]);
        assert_eq!(one[0].1.docs_without_gold, ["b.txt", "c.txt"]);
    }

    #[test]
    fn document_in_two_gold_sets_is_an_error() {
        let a = gold_of(vec![gold_fact("a.txt", "150户", "共有", num("150"), "户")]);
        let b = gold_of(vec![gold_fact("a.txt", "3人", "有", num("3"), "人")]);
        let sets = vec![
            ("tests/gold".to_string(), a.clone()),
            ("dev2/gold".to_string(), b),
        ];
        let err = evaluate_sets(&sets, &[]).unwrap_err().to_string();
        assert_eq!(
            err,
            "document a.txt has gold in two gold sets: tests/gold and dev2/gold"
        );
        let err = merge_gold(&[
            ("all".to_string(), a.clone()),
            ("x".to_string(), Gold::new()),
        ])
        .unwrap_err()
        .to_string();
        assert!(err.contains("may not be named \"all\""), "{err}");
        // Alone, a set may be called anything.
        assert!(merge_gold(&[("all".to_string(), a)]).is_ok());
    }

    #[test]
    fn zone_with_own_code_counts_as_city() {
        let mut g = gold_fact("a.txt", "150户", "共有", num("150"), "户");
        g.region = Some("包头市".into());
        let mut p = households_150();
        p.region = Some("包头稀土高新技术产业开发区".into());
        p.region_code = Some("150271".into());
        p.region_path = Some("内蒙古自治区/包头市/包头稀土高新技术产业开发区".into());
        let mut county = p.clone();
        county.region = Some("九原区".into());
        county.region_code = Some("150207".into());
        county.region_path = Some("内蒙古自治区/包头市/九原区".into());
        let r = run(&gold_of(vec![g.clone()]), "a.txt", TEXT, &[p]);
        assert_eq!(r.region_accuracy, Ratio::new(1, 1));
        // An ordinary county is not its city.
        let r = run(&gold_of(vec![g]), "a.txt", TEXT, &[county]);
        assert_eq!(r.region_accuracy, Ratio::new(0, 1));
    }

    #[test]
    fn indicator_overlap_and_char_f1() {
        assert!(indicator_overlaps(Some("财政衔接资金"), Some("衔接资金")));
        assert!(!indicator_overlaps(Some("财政衔接资金"), Some("资金")));
        assert!(!indicator_overlaps(Some("财政衔接资金"), None));
        assert!((indicator_char_f1(Some("财政衔接资金"), Some("衔接资金")) - 0.8).abs() < 1e-9);
        assert_eq!(indicator_char_f1(Some("财政衔接资金"), None), 0.0);
        assert_eq!(char_overlap("资金资金", "资金"), 2);

        let mut g = gold_fact(
            "a.txt",
            "7081万元",
            "投入财政衔接资金",
            num("70810000"),
            "元",
        );
        g.indicator = Some("财政衔接资金".into());
        let gold = gold_of(vec![g]);
        let at = char_offset(TEXT, "7081");
        let mut good = fact("a.txt", "7081万元", at, num("70810000"), "元");
        good.indicator = Some("衔接资金".into());
        let r = run(&gold, "a.txt", TEXT, &[good.clone()]);
        assert_eq!(r.indicator_overlap, Ratio::new(1, 1));
        assert!((r.indicator_char_f1.mean.expect("test input is valid") - 0.8).abs() < 1e-9);
        good.indicator = Some("资金".into());
        let r = run(&gold, "a.txt", TEXT, &[good]);
        assert_eq!(r.indicator_overlap, Ratio::new(0, 1));
        assert!((r.indicator_char_f1.mean.expect("test input is valid") - 0.5).abs() < 1e-9);
    }

    #[test]
    fn locates_context_across_line_break() {
        let text = "在工作人员对接下,先\n\n后有100多名灵活就业人员增收。\n  另有100多名志愿者。";
        let facts = vec![
            gold_fact("b.txt", "100多名", "对接下,先后有", num("100"), "人"),
            gold_fact("b.txt", "100多名", "员增收。另有", num("100"), "人"),
        ];
        let locs = locate(&facts, text);
        assert_eq!(locs[0].offset, Some(char_offset(text, "100多名灵活")));
        assert_eq!(locs[0].method, LocateMethod::ContextJoined);
        assert_eq!(locs[1].offset, Some(char_offset(text, "100多名志愿")));
        assert_eq!(locs[1].method, LocateMethod::ContextJoined);
    }

    #[test]
    fn locate_fallbacks() {
        let text = "甲地投入500万元。乙地也投入了一笔资金,共500万元。丙地500万元。";
        let facts = vec![
            // Context present but not directly before raw: nearest raw after the context.
            gold_fact("c.txt", "500万元", "乙地也投入", num("5000000"), "元"),
            // Context absent: first occurrence not yet taken.
            gold_fact("c.txt", "500万元", "不存在的上下文", num("5000000"), "元"),
            gold_fact("c.txt", "800万元", "丙地", num("8000000"), "元"),
        ];
        let locs = locate(&facts, text);
        assert_eq!(locs[0].offset, Some(char_offset(text, "500万元。丙")));
        assert_eq!(locs[0].method, LocateMethod::AfterContext);
        assert_eq!(locs[1].offset, Some(char_offset(text, "500万元")));
        assert_eq!(locs[1].method, LocateMethod::RawOnly);
        assert_eq!(locs[2].offset, None);
        assert_eq!(locs[2].method, LocateMethod::NotFound);

        let gold = gold_of(facts);
        let r = run(&gold, "c.txt", text, &[]);
        assert_eq!(r.detection.fn_, 3);
        assert!(r
            .warnings
            .iter()
            .any(|w| w.contains("not found in the text")));
        assert!(r.render_text(true).contains("[not locatable]"));
    }

    #[test]
    fn documents_without_gold_and_gold_without_input() {
        let gold = gold_of(vec![
            gold_fact("a.txt", "150户", "共有", num("150"), "户"),
            gold_fact("z.txt", "3人", "有", num("3"), "人"),
        ]);
        let docs = [
            EvalDoc {
                name: "dir/a.txt".into(),
                text: TEXT,
                facts: &[],
            },
            EvalDoc {
                name: "b.txt".into(),
                text: "",
                facts: &[],
            },
        ];
        let r = evaluate(&gold, &docs);
        assert_eq!(r.scored_docs, vec!["a.txt".to_string()]);
        assert_eq!(r.docs_without_gold, vec!["b.txt".to_string()]);
        assert_eq!(r.gold_docs_without_input, vec!["z.txt".to_string()]);
        assert_eq!(r.detection.fn_, 2);
        let text = r.render_text(false);
        assert!(text.contains("scored 1 of 2 input documents (no gold: b.txt)"));
        assert!(text.contains("warning: gold document z.txt has no input document"));
        assert!(r.render_text(true).contains(
            "z.txt ?:?  \"3人\" = 3 人  context \"有\"  (gold line 2)  [no input document]"
        ));
    }

    #[test]
    fn gold_values_parse_exactly() {
        let dir = std::env::temp_dir().join(format!("factx-eval-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("test input is valid");
        let lines = [
            r#"{"doc": "x.txt", "raw": "1.82亿元", "value": 182000000, "unit": "元", "context": "a"}"#,
            r#"{"doc": "x.txt", "raw": "0.83元", "value": 0.83, "unit": "元", "qualifier": null, "context": "b"}"#,
            r#"{"doc": "x.txt", "raw": "2月18日至22日", "value": "--02-18", "value_max": "--02-22", "unit": "date", "context": "c"}"#,
            r#"{"doc": "x.txt", "raw": "1.5万元", "value": 1.5e4, "unit": "元", "context": "d", "region": "祁阳县", "region_now": "祁阳市"}"#,
        ];
        std::fs::write(dir.join("x.jsonl"), lines.join("\n") + "\n\n")
            .expect("test input is valid");
        let gold = load_gold(&dir).expect("test input is valid");
        let x = &gold["x.txt"];
        assert_eq!(x[0].value, num("182000000"));
        assert_eq!(x[1].value, num("0.83"));
        assert_eq!(x[2].value, Value::Text("--02-18".into()));
        assert_eq!(x[2].value_max, Some(Value::Text("--02-22".into())));
        assert_eq!(x[3].value, num("15000"));
        assert_eq!(x[3].line, 4);
        assert_eq!(x[3].region.as_deref(), Some("祁阳县"));
        assert_eq!(x[3].region_now.as_deref(), Some("祁阳市"));
        assert_eq!(x[0].region_now, None);

        std::fs::write(dir.join("y.jsonl"), "\n{\"doc\": \"y.txt\", \"raw\": 1,}\n")
            .expect("test input is valid");
        let err = format!("{:#}", load_gold(&dir).unwrap_err());
        assert!(err.contains("y.jsonl:2"), "{err}");
        std::fs::remove_dir_all(&dir).expect("test input is valid");
    }

    fn crate_dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    /// Gold facts as predicted facts at their located offsets.
    fn gold_as_facts(facts: &[GoldFact], locs: &[Location]) -> Vec<Fact> {
        facts
            .iter()
            .zip(locs)
            .filter_map(|(g, l)| {
                let mut f = fact(&g.doc, &g.raw, l.offset?, g.value.clone(), &g.unit);
                f.value_max = g.value_max.clone();
                f.qualifier = g.qualifier.clone();
                f.indicator = g.indicator.clone();
                f.region = g.region.as_deref().map(Into::into);
                f.date = g.date.clone();
                f.rule = "gold".into();
                Some(f)
            })
            .collect()
    }

    #[test]
    fn real_gold_is_locatable_and_scores_perfectly_against_itself() {
        let gold = load_gold(&crate_dir().join("tests/gold")).expect("test input is valid");
        assert_eq!(gold.len(), 3);
        assert_eq!(gold.values().map(Vec::len).sum::<usize>(), 126);
        let mut texts = Vec::new();
        let mut problems = Vec::new();
        for (doc, facts) in &gold {
            let text = std::fs::read_to_string(crate_dir().join("seeds").join(doc))
                .expect("test input is valid");
            let locs = locate(facts, &text);
            let chars: Vec<char> = text.chars().collect();
            for (g, l) in facts.iter().zip(&locs) {
                if let Some(o) = l.offset {
                    let after = join_lines(&chars[o..]).chars;
                    assert!(after.starts_with(&needle(&g.raw)), "{doc} line {}", g.line);
                    // Directly preceded by the context (joined), and the raw starts a character.
                    let before = join_lines(&chars[..o]).chars;
                    assert!(
                        before.ends_with(&needle(&g.context)),
                        "{doc} line {}",
                        g.line
                    );
                }
                if l.method == LocateMethod::ContextJoined {
                    println!(
                        "joined: {doc} line {} {:?} ctx {:?}",
                        g.line, g.raw, g.context
                    );
                }
                if !matches!(
                    l.method,
                    LocateMethod::Context | LocateMethod::ContextJoined
                ) || l.duplicate_of.is_some()
                {
                    problems.push(format!(
                        "{doc} line {} {:?} ctx {:?}: {:?} dup {:?}",
                        g.line, g.raw, g.context, l.method, l.duplicate_of
                    ));
                }
            }
            let facts = gold_as_facts(facts, &locs);
            texts.push((doc.clone(), text, facts));
        }
        assert!(
            problems.is_empty(),
            "gold facts not located by context:\n{}",
            problems.join("\n")
        );
        let docs: Vec<EvalDoc> = texts
            .iter()
            .map(|(name, text, facts)| EvalDoc {
                name: name.clone(),
                text,
                facts,
            })
            .collect();
        let r = evaluate(&gold, &docs);
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        assert_eq!(
            (r.detection.tp, r.detection.fp, r.detection.fn_),
            (126, 0, 0)
        );
        assert_eq!(r.detection.precision, Some(1.0));
        assert_eq!(r.detection.recall, Some(1.0));
        assert_eq!(r.detection.f1, Some(1.0));
        assert_eq!(r.values_exact, Ratio::new(126, 126));
        assert_eq!(r.qualifier_accuracy.value, Some(1.0));
        assert_eq!(r.region_accuracy.value, Some(1.0));
        assert_eq!(r.indicator_overlap.value, Some(1.0));
        assert_eq!(r.indicator_char_f1.mean, Some(1.0));
        let text = r.render_text(true);
        assert!(text.contains("detection           P=1.000 R=1.000 F1=1.000 (tp=126 fp=0 fn=0)"));
        println!("{text}");
    }
}
