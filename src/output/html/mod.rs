//! `--format html`: one self-contained review page (inline CSS, no script, no network)
//! that shows every fact where it was found. Each document's text is printed as written,
//! with every fact highlighted by kind; hovering or focusing a highlight shows what factx
//! made of it, and a click goes to the fact's row in the table below (and the row's
//! number comes back). With gold, misses, false alarms and facts whose region or indicator
//! disagrees with gold are marked in their own styles (`html::gold`; the style sheet is
//! `html/head.html`).
//!
//! The page is written as documents arrive, in one pass over each text, so a 5 MB input
//! renders in linear time; past [`ReviewPage::DEFAULT_MAX_BYTES`] of text, documents are
//! counted and named as left out instead of rendered.

use crate::fact::{Fact, Value};
use crate::page::article::Article;
use crate::place::region::Gazetteer;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

mod gold;

use gold::{push_miss, FactMarks, Totals};
pub use gold::{Differ, Disagreement, GoldMarks, Missed};

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
    /// Counts against gold over the documents that have gold.
    gold: Totals,
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
    Fact { index: usize },
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
            "<span class=\"f miss\">missed (gold)</span> <span class=\"f money fa\">false alarm</span> \
             <span class=\"f money dis\">region or indicator disagrees with gold</span> "
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
            gold: Totals::default(),
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
        let marked = FactMarks::new(doc.gold, doc.facts);
        match doc.gold {
            Some(_) => {
                self.gold.add(&marked.totals);
                let _ = write!(
                    h,
                    "<p class=\"gold\">Against gold: {}.</p>",
                    marked.totals.text()
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
                    what: MarkKind::Fact { index: i },
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
                    MarkKind::Fact { index } => {
                        let f = &doc.facts[index];
                        let kind = kind_class(&f.kind);
                        let gold_class = marked.class(index);
                        let _ = write!(
                            h,
                            "<a class=\"f {kind}{gold_class}\" id=\"d{d}f{index}\" href=\"#d{d}r{index}\" \
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
                            escape(&format!("{}{}", marked.tip(index), tip(f))),
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
            let row_class = marked.row_class(i);
            let region = f.region.as_deref().unwrap_or_default().to_string();
            let value = range_text(&f.value, &f.value_max);
            let _ = write!(
                h,
                "<tr id=\"d{d}r{i}\"{row_class}><td><a href=\"#d{d}f{i}\">{}</a></td><td>{}</td><td>{}</td>\
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
        if self.gold.docs > 0 {
            let _ = write!(
                h,
                "<p class=\"gold\">Against gold (documents with gold: {}): {}.</p>",
                self.gold.docs,
                self.gold.text()
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

/// The page's start: its inline style sheet, and the title.
const HEAD: &str = include_str!("head.html");

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
