//! `--format html`: one self-contained review page (inline CSS, no script, no network)
//! that shows every fact where it was found. Each document's text is printed as written,
//! with every fact highlighted by kind; hovering or focusing a highlight shows what factx
//! made of it, and a click goes to the fact's row in the table below (and the row's
//! number comes back). With gold, misses and false alarms are marked in their own style.
//!
//! The page is written as documents arrive, in one pass over each text, so a 5 MB input
//! renders in linear time; past [`ReviewPage::DEFAULT_MAX_BYTES`] of text, documents are
//! counted and named as left out instead of rendered.

use crate::article::Article;
use crate::fact::{Fact, Value};
use crate::region::Gazetteer;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

/// A gold fact factx did not find, from `factx eval`'s matching.
#[derive(Debug, Clone)]
pub struct Missed {
    /// Character offset in the document, when the gold context could be located.
    pub offset: Option<usize>,
    pub raw: String,
    /// Value and unit as the gold gives them (`5000 万元`).
    pub value: String,
    pub gold_line: usize,
    pub context: String,
}

/// How a document's facts compare with gold.
#[derive(Debug, Clone, Default)]
pub struct GoldMarks {
    pub misses: Vec<Missed>,
    /// (offset, raw, rule) of each predicted fact with no gold partner.
    pub false_alarms: Vec<(usize, String, String)>,
}

/// One document to render.
pub struct DocView<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub facts: &'a [Fact],
    pub articles: &'a [Article],
    /// Names the articles' home regions.
    pub gaz: Option<&'a Gazetteer>,
    /// None: no gold for this document (or no `--gold`).
    pub gold: Option<&'a GoldMarks>,
}

/// A row of the whole-run table.
struct RunRow {
    doc: usize,
    fact: usize,
    doc_id: String,
    region: String,
    indicator: String,
    value: String,
    unit: String,
    raw: String,
    kind: &'static str,
}

pub struct ReviewPage<W: Write> {
    out: W,
    max_bytes: usize,
    rendered_bytes: usize,
    rendered: usize,
    left_out: Vec<String>,
    rows: Vec<RunRow>,
    kinds: BTreeMap<&'static str, usize>,
    gold_docs: usize,
    misses: usize,
    false_alarms: usize,
}

/// The highlight class of a fact kind.
fn kind_class(kind: &str) -> &'static str {
    match kind {
        "money" => "money",
        "count" => "count",
        "area" => "area",
        "date" => "date",
        _ => "other",
    }
}

/// Text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // A line break inside an attribute (the tooltip) stays a line break.
            '\n' => out.push_str("&#10;"),
            c => out.push(c),
        }
    }
}

/// A value, or a range `low–high`, as the page shows it.
pub fn range_text(value: &Value, max: &Option<Value>) -> String {
    match max {
        Some(max) => format!("{value}–{max}"),
        None => value.to_string(),
    }
}

fn value_text(f: &Fact) -> String {
    format!("{} {}", range_text(&f.value, &f.value_max), f.unit)
}

/// The tooltip: what factx made of the quantity, one field per line.
fn tip(f: &Fact) -> String {
    let region = match (&f.region, &f.region_code) {
        (Some(name), Some(code)) => format!("{name} ({code})"),
        _ => match &f.region_candidates {
            Some(c) => format!("ambiguous: {c}"),
            None => "-".to_string(),
        },
    };
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".to_string());
    format!(
        "indicator: {}\nregion: {}\nvalue: {}\nqualifier: {}\ndate: {}\nrule: {}",
        opt(&f.indicator),
        region,
        value_text(f),
        opt(&f.qualifier),
        opt(&f.date),
        f.rule
    )
}

/// Where a mark goes in the text, in bytes.
#[derive(Debug)]
struct Mark {
    start: usize,
    end: usize,
    what: MarkKind,
}

#[derive(Debug)]
enum MarkKind {
    Fact { index: usize, false_alarm: bool },
    Miss { index: usize },
}

/// The byte range of `raw` starting at byte `start` of `text`: `raw` is the original
/// text without its line breaks and their indentation, so those are skipped here.
fn raw_span(text: &str, start: usize, raw: &str) -> usize {
    let mut want = raw.chars().peekable();
    let mut end = start;
    for (i, c) in text[start..].char_indices() {
        let Some(&w) = want.peek() else {
            break;
        };
        if c == w {
            want.next();
            end = start + i + c.len_utf8();
        } else if !(c.is_whitespace() || c == '\u{3000}') {
            break;
        }
    }
    end
}

/// Byte offsets of ascending character offsets, in one walk over the text.
fn byte_offsets(text: &str, chars: &[usize]) -> Vec<Option<usize>> {
    let mut order: Vec<usize> = (0..chars.len()).collect();
    order.sort_by_key(|&i| chars[i]);
    let mut out = vec![None; chars.len()];
    let mut walk = text.char_indices().enumerate().peekable();
    for i in order {
        while walk.peek().is_some_and(|&(n, _)| n < chars[i]) {
            walk.next();
        }
        out[i] = walk.peek().map(|&(_, (b, _))| b);
    }
    out
}

impl<W: Write> ReviewPage<W> {
    /// Text beyond which documents are left out (and listed): a browser stays responsive
    /// well past the 5 MB a reviewer would read.
    pub const DEFAULT_MAX_BYTES: usize = 10_000_000;

    /// Starts the page; `gold` says whether gold was given (for the legend).
    pub fn new(mut out: W, max_bytes: usize, gold: bool) -> io::Result<Self> {
        out.write_all(HEAD.as_bytes())?;
        let legend = if gold {
            "<span class=\"f miss\">missed (gold)</span> <span class=\"f money fa\">false alarm</span>"
        } else {
            ""
        };
        writeln!(
            out,
            "<p class=\"legend\">Kinds: <span class=\"f money\">money</span> <span class=\"f count\">count</span> \
             <span class=\"f area\">area</span> <span class=\"f date\">date</span> <span class=\"f other\">other</span> {legend}\
             · Hover or Tab to a highlight for its details; click it for its row. <a href=\"#run\">Run summary and all facts ↓</a></p>"
        )?;
        Ok(ReviewPage {
            out,
            max_bytes,
            rendered_bytes: 0,
            rendered: 0,
            left_out: Vec::new(),
            rows: Vec::new(),
            kinds: BTreeMap::new(),
            gold_docs: 0,
            misses: 0,
            false_alarms: 0,
        })
    }

    /// Renders one document, or counts it as left out past the size limit.
    pub fn add(&mut self, doc: &DocView) -> io::Result<()> {
        if self.rendered_bytes + doc.text.len() > self.max_bytes && self.rendered > 0 {
            self.left_out.push(doc.id.to_string());
            return Ok(());
        }
        self.rendered_bytes += doc.text.len();
        let d = self.rendered;
        self.rendered += 1;
        let html = self.render(d, doc);
        self.out.write_all(html.as_bytes())
    }

    fn render(&mut self, d: usize, doc: &DocView) -> String {
        let mut h = String::with_capacity(doc.text.len() * 2);
        let _ = write!(
            h,
            "<section class=\"doc\" id=\"d{d}\"><h2>{} <small>{} facts</small></h2>",
            escape(doc.id),
            doc.facts.len()
        );
        let fa: std::collections::HashSet<(usize, &str, &str)> = doc
            .gold
            .map(|g| {
                g.false_alarms
                    .iter()
                    .map(|(o, r, rule)| (*o, r.as_str(), rule.as_str()))
                    .collect()
            })
            .unwrap_or_default();
        match doc.gold {
            Some(g) => {
                self.gold_docs += 1;
                self.misses += g.misses.len();
                self.false_alarms += fa.len();
                let _ = write!(
                    h,
                    "<p class=\"gold\">Against gold: {} missed, {} false alarms.</p>",
                    g.misses.len(),
                    fa.len()
                );
            }
            None => h.push_str("<p class=\"gold none\">No gold for this document.</p>"),
        }

        // Marks: facts, then gold misses that overlap no fact.
        let misses: &[Missed] = doc.gold.map_or(&[], |g| g.misses.as_slice());
        let mut offsets: Vec<usize> = doc.facts.iter().map(|f| f.offset).collect();
        offsets.extend(misses.iter().map(|m| m.offset.unwrap_or(usize::MAX)));
        let bytes = byte_offsets(doc.text, &offsets);
        let mut marks: Vec<Mark> = Vec::with_capacity(offsets.len());
        for (i, f) in doc.facts.iter().enumerate() {
            if let Some(start) = bytes[i] {
                marks.push(Mark {
                    start,
                    end: raw_span(doc.text, start, &f.raw),
                    what: MarkKind::Fact {
                        index: i,
                        false_alarm: fa.contains(&(f.offset, f.raw.as_str(), &*f.rule)),
                    },
                });
            }
        }
        // A miss overlapping a fact (a wrong unit or span) is badged after that fact.
        let mut badges: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        let mut unplaced = Vec::new();
        {
            let fact_spans: Vec<(usize, usize)> = marks.iter().map(|m| (m.start, m.end)).collect();
            for (k, m) in misses.iter().enumerate() {
                let Some(start) = bytes[doc.facts.len() + k] else {
                    unplaced.push(k);
                    continue;
                };
                let end = raw_span(doc.text, start, &m.raw).max(start + 1);
                let end = (end..=doc.text.len())
                    .find(|&e| doc.text.is_char_boundary(e))
                    .unwrap_or(doc.text.len());
                let at = fact_spans.partition_point(|&(_, e)| e <= start);
                match fact_spans.get(at) {
                    Some(&(s, e)) if s < end => badges.entry(e).or_default().push(k),
                    _ => marks.push(Mark {
                        start,
                        end,
                        what: MarkKind::Miss { index: k },
                    }),
                }
            }
        }
        marks.sort_by_key(|m| (m.start, m.end));

        // Article headings before the line each article starts on.
        let mut heads: BTreeMap<usize, String> = BTreeMap::new();
        for a in doc.articles {
            let region = a
                .region
                .as_deref()
                .map(|code| {
                    let name = doc
                        .gaz
                        .and_then(|g| g.get(code))
                        .map_or(String::new(), |r| r.name.to_string());
                    format!(
                        " <span class=\"home\">{} {}</span>",
                        escape(&name),
                        escape(code)
                    )
                })
                .unwrap_or_default();
            if a.title.is_none() && region.is_empty() {
                continue;
            }
            let title = a.title.as_deref().unwrap_or("(untitled)");
            heads.insert(
                a.line,
                format!("<h3 class=\"article\">{}{region}</h3>", escape(title)),
            );
        }

        h.push_str("<div class=\"text\">");
        let text = doc.text;
        let mut pos = 0;
        let mut line = 1;
        let mut next_mark = 0;
        let mut line_start = true;
        // Blank lines before the first text are not shown (they are still counted).
        while let Some(nl) = text[pos..].find('\n') {
            if !text[pos..pos + nl].trim().is_empty()
                || marks.first().is_some_and(|m| m.start < pos + nl)
            {
                break;
            }
            pos += nl + 1;
            line += 1;
        }
        while pos < text.len() {
            if line_start {
                if let Some(head) = heads.get(&line) {
                    h.push_str(head);
                }
                line_start = false;
            }
            // A mark that starts inside an earlier one (two gold misses overlapping) is
            // skipped, never nested.
            while marks.get(next_mark).is_some_and(|m| m.start < pos) {
                next_mark += 1;
            }
            if let Some(m) = marks.get(next_mark).filter(|m| m.start == pos) {
                next_mark += 1;
                let inner = &text[m.start..m.end];
                match m.what {
                    MarkKind::Fact { index, false_alarm } => {
                        let f = &doc.facts[index];
                        let kind = kind_class(&f.kind);
                        let fa_class = if false_alarm { " fa" } else { "" };
                        let fa_tip = if false_alarm {
                            "FALSE ALARM (no gold fact here)\n"
                        } else {
                            ""
                        };
                        let _ = write!(
                            h,
                            "<a class=\"f {kind}{fa_class}\" id=\"d{d}f{index}\" href=\"#d{d}r{index}\" \
                             data-kind=\"{}\" data-indicator=\"{}\" data-region=\"{}\" data-region-code=\"{}\" \
                             data-value=\"{}\" data-unit=\"{}\" data-qualifier=\"{}\" data-date=\"{}\" data-rule=\"{}\" \
                             data-tip=\"{}\">",
                            escape(&f.kind),
                            escape(f.indicator.as_deref().unwrap_or("")),
                            escape(f.region.as_deref().unwrap_or("")),
                            escape(f.region_code.as_deref().unwrap_or("")),
                            escape(&f.value.to_string()),
                            escape(&f.unit),
                            escape(f.qualifier.as_deref().unwrap_or("")),
                            escape(f.date.as_deref().unwrap_or("")),
                            escape(&f.rule),
                            escape(&format!("{fa_tip}{}", tip(f))),
                        );
                        escape_into(&mut h, inner);
                        h.push_str("</a>");
                        if let Some(ks) = badges.get(&m.end) {
                            for &k in ks {
                                push_miss(&mut h, d, k, &misses[k], "漏");
                            }
                        }
                    }
                    MarkKind::Miss { index } => {
                        push_miss(&mut h, d, index, &misses[index], inner);
                    }
                }
                line += inner.matches('\n').count();
                line_start = inner.ends_with('\n');
                pos = m.end;
                continue;
            }
            // Plain text up to the next mark or line break.
            let stop = marks.get(next_mark).map_or(text.len(), |m| m.start);
            let chunk_end = text[pos..stop].find('\n').map_or(stop, |i| pos + i + 1);
            escape_into(&mut h, &text[pos..chunk_end]);
            if text[pos..chunk_end].ends_with('\n') {
                line += 1;
                line_start = true;
            }
            pos = chunk_end;
        }
        h.push_str("</div>");

        // The document's table of facts, each row linked to its highlight.
        let _ = write!(
            h,
            "<details open><summary>Facts ({})</summary><table><thead><tr><th>#</th><th>region</th>\
             <th>indicator</th><th>value</th><th>unit</th><th>raw</th><th>line</th></tr></thead><tbody>",
            doc.facts.len()
        );
        for (i, f) in doc.facts.iter().enumerate() {
            let kind = kind_class(&f.kind);
            let fa_class = if fa.contains(&(f.offset, f.raw.as_str(), &*f.rule)) {
                " class=\"fa-row\""
            } else {
                ""
            };
            let region = f.region.as_deref().unwrap_or_default().to_string();
            let value = range_text(&f.value, &f.value_max);
            let _ = write!(
                h,
                "<tr id=\"d{d}r{i}\"{fa_class}><td><a href=\"#d{d}f{i}\">{}</a></td><td>{}</td><td>{}</td>\
                 <td class=\"num\">{}</td><td>{}</td><td><span class=\"f {kind}\">{}</span></td><td class=\"num\">{}</td></tr>",
                i + 1,
                escape(&region),
                escape(f.indicator.as_deref().unwrap_or("")),
                escape(&value),
                escape(&f.unit),
                escape(&f.raw),
                f.line
            );
            *self.kinds.entry(kind).or_insert(0) += 1;
            self.rows.push(RunRow {
                doc: d,
                fact: i,
                doc_id: doc.id.to_string(),
                region,
                indicator: f.indicator.clone().unwrap_or_default(),
                value,
                unit: f.unit.to_string(),
                raw: f.raw.clone(),
                kind,
            });
        }
        h.push_str("</tbody></table></details>");
        if !misses.is_empty() {
            let _ = write!(
                h,
                "<details open><summary>Missed gold facts ({})</summary><table><thead><tr><th>gold line</th>\
                 <th>raw</th><th>value</th><th>context</th></tr></thead><tbody>",
                misses.len()
            );
            for (k, m) in misses.iter().enumerate() {
                let raw = if unplaced.contains(&k) {
                    format!("{} (not located in the text)", escape(&m.raw))
                } else {
                    format!("<a href=\"#d{d}m{k}\">{}</a>", escape(&m.raw))
                };
                let _ = write!(
                    h,
                    "<tr class=\"miss-row\"><td class=\"num\">{}</td><td>{raw}</td><td>{}</td><td>{}</td></tr>",
                    m.gold_line,
                    escape(&m.value),
                    escape(&m.context)
                );
            }
            h.push_str("</tbody></table></details>");
        }
        h.push_str("</section>\n");
        h
    }

    /// The run summary and the table of every rendered fact; ends the page.
    pub fn finish(mut self) -> io::Result<W> {
        let mut h = String::new();
        let _ = write!(
            h,
            "<section id=\"run\"><h2>Run</h2><p>{} documents shown, {} facts",
            self.rendered,
            self.rows.len()
        );
        for (kind, n) in &self.kinds {
            let _ = write!(h, " · <span class=\"f {kind}\">{kind}</span> {n}");
        }
        h.push_str(".</p>");
        if self.gold_docs > 0 {
            let _ = write!(
                h,
                "<p class=\"gold\">Against gold (documents with gold: {}): {} missed, {} false alarms.</p>",
                self.gold_docs, self.misses, self.false_alarms
            );
        }
        if !self.left_out.is_empty() {
            let _ = write!(
                h,
                "<p class=\"leftout\">Documents left out: {} (the page holds at most {} MB of text): {}. \
                 Review them in a run of their own.</p>",
                self.left_out.len(),
                self.max_bytes as f64 / 1e6,
                escape(&self.left_out.join(", "))
            );
        }
        h.push_str(
            "<table><thead><tr><th>document</th><th>region</th><th>indicator</th><th>value</th>\
             <th>unit</th><th>raw</th></tr></thead><tbody>",
        );
        for r in &self.rows {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td>\
                 <td><a class=\"f {}\" href=\"#d{}f{}\">{}</a></td></tr>",
                escape(&r.doc_id),
                escape(&r.region),
                escape(&r.indicator),
                escape(&r.value),
                escape(&r.unit),
                r.kind,
                r.doc,
                r.fact,
                escape(&r.raw)
            );
        }
        h.push_str("</tbody></table></section></body></html>\n");
        self.out.write_all(h.as_bytes())?;
        self.out.flush()?;
        Ok(self.out)
    }
}

fn push_miss(h: &mut String, d: usize, k: usize, m: &Missed, inner: &str) {
    let _ = write!(
        h,
        "<span class=\"f miss\" id=\"d{d}m{k}\" tabindex=\"0\" data-tip=\"{}\">",
        escape(&format!(
            "MISSED: gold line {}\nvalue: {}\ncontext: {}",
            m.gold_line, m.value, m.context
        ))
    );
    escape_into(h, inner);
    h.push_str("</span>");
}

const HEAD: &str = r#"<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>factx review</title>
<style>
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; margin: 1.5em auto; max-width: 60em; padding: 0 1em; color: #1f2937; line-height: 1.7; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; border-bottom: 1px solid #d1d5db; margin-top: 2em; } h2 small { color: #6b7280; font-weight: normal; }
h3.article { font-size: 1.05em; margin: 1em 0 0.2em; color: #111827; } h3.article .home { font-size: 0.85em; font-weight: normal; color: #374151; background: #f3f4f6; border-radius: 3px; padding: 0 0.4em; margin-left: 0.5em; }
.text { white-space: pre-wrap; background: #fafafa; border: 1px solid #e5e7eb; border-radius: 4px; padding: 0.6em 0.9em; }
.f { position: relative; border-radius: 3px; padding: 0 1px; color: inherit; text-decoration: none; }
.money { background: #fde68a; } .count { background: #bfdbfe; } .area { background: #bbf7d0; } .date { background: #e9d5ff; } .other { background: #e5e7eb; }
.fa { outline: 2px dashed #dc2626; } .miss { background: none; border: 2px dotted #dc2626; color: #b91c1c; }
a.f:focus, .miss:focus, a.f:hover { outline: 2px solid #2563eb; }
a.f:hover::after, a.f:focus::after, .miss:hover::after, .miss:focus::after { content: attr(data-tip); position: absolute; left: 0; top: 1.8em; z-index: 10; white-space: pre; background: #111827; color: #f9fafb; font-size: 0.85rem; line-height: 1.5; padding: 0.4em 0.6em; border-radius: 4px; box-shadow: 0 2px 6px rgba(0,0,0,.3); }
table { border-collapse: collapse; font-size: 0.9em; margin: 0.5em 0; } th, td { border: 1px solid #e5e7eb; padding: 0.15em 0.5em; text-align: left; vertical-align: top; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr:target { background: #dbeafe; } tr.fa-row td { color: #b91c1c; } summary { cursor: pointer; color: #374151; }
section.doc, #run table { content-visibility: auto; contain-intrinsic-size: auto 2000px; }
.gold { color: #374151; } .gold.none { color: #9ca3af; } .leftout { color: #b91c1c; font-weight: bold; } .legend { color: #4b5563; }
</style></head><body>
<h1>factx review</h1>
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<script>\"a\" & 'b'</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn raw_spans_skip_line_breaks() {
        let text = "总投资1.8\n  2亿元。";
        assert_eq!(raw_span(text, 9, "1.82亿元"), text.len() - "。".len());
        assert_eq!(raw_span("5万元", 0, "5万元"), "5万元".len());
    }

    #[test]
    fn byte_offsets_in_any_order() {
        assert_eq!(
            byte_offsets("甲乙a丙", &[3, 0, 2, 9]),
            vec![Some(7), Some(0), Some(6), None]
        );
    }
}
