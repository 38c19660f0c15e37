//! XLSX output (cargo feature `xlsx`, on by default): one workbook with a "facts" sheet
//! (the records) and a "summary" sheet (fact counts per region × kind).
//!
//! Numbers become numeric cells so a spreadsheet can sum and sort them. Excel stores
//! every number as an IEEE double, so a value with more than 15 significant digits loses
//! precision here; CSV and JSON output keep values exact.
//!
//! Text is written as text (`write_string`), never as a formula, so it needs no guard;
//! dates are the readable text `excel-csv` writes (`9月8日`, `2024年12月`; a full date
//! and a year as ISO text), so the two spreadsheet formats show the same cells.

use crate::fact::{Fact, Value, FIELDS};
use crate::output::sheet::date_cell;
use anyhow::{bail, Context, Result};
use rust_xlsxwriter::{Format, Workbook, Worksheet};
use std::collections::BTreeMap;
use std::path::Path;

/// Excel's limit on characters in one cell.
const MAX_CELL_CHARS: usize = 32_767;
/// Excel's limit on rows in one sheet (the header takes one).
const MAX_ROWS: usize = 1_048_576;
/// Summary row for facts with no region.
const NO_REGION: &str = "(none)";

/// Writes facts to an .xlsx workbook: sheet "facts" and sheet "summary".
///
/// `columns` are names from [`FIELDS`], in the order to show them; `header` is the text
/// shown above each (same length). A text longer than Excel's cell limit (32,767
/// characters) is cut short and ends in `…`.
pub fn write_xlsx(path: &Path, facts: &[Fact], columns: &[&str], header: &[String]) -> Result<()> {
    if columns.is_empty() {
        bail!("xlsx output needs at least one column");
    }
    if columns.len() != header.len() {
        bail!(
            "xlsx output: {} columns but {} header names",
            columns.len(),
            header.len()
        );
    }
    let indices = columns
        .iter()
        .map(|c| {
            FIELDS
                .iter()
                .position(|f| f == c)
                .with_context(|| format!("unknown column {c:?}; columns are {}", FIELDS.join(", ")))
        })
        .collect::<Result<Vec<usize>>>()?;
    if facts.len() >= MAX_ROWS {
        bail!(
            "{} facts do not fit in one xlsx sheet (at most {}); use CSV or JSON Lines",
            facts.len(),
            MAX_ROWS - 1
        );
    }

    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    write_facts(workbook.add_worksheet(), facts, &indices, header, &bold)?;
    let region_header = columns
        .iter()
        .position(|c| *c == "region")
        .map_or("region", |i| header[i].as_str());
    write_summary(workbook.add_worksheet(), facts, region_header, &bold)?;
    workbook
        .save(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

fn write_facts(
    sheet: &mut Worksheet,
    facts: &[Fact],
    indices: &[usize],
    header: &[String],
    bold: &Format,
) -> Result<()> {
    sheet.set_name("facts")?;
    // Integers with `0` so 20000000000 never shows as 2E+10; a decimal with exactly as
    // many `#` places as it has (values are in lowest terms, so none is an integer and
    // no bare trailing `.` appears, as a single `0.###` format would give for integers).
    let integer = Format::new().set_num_format("0");
    let mut decimals: BTreeMap<u32, Format> = BTreeMap::new();

    for (col, (&field, text)) in indices.iter().zip(header).enumerate() {
        let col = col_num(col)?;
        sheet.write_string_with_format(0, col, cell_text(text), bold)?;
        sheet.set_column_width(col, column_width(FIELDS[field]))?;
    }
    for (i, fact) in facts.iter().enumerate() {
        let row = u32::try_from(i + 1).context("too many rows for xlsx")?;
        let cells = fact.cells();
        for (col, &field) in indices.iter().enumerate() {
            let col = col_num(col)?;
            let number = match FIELDS[field] {
                "value" => Some(&fact.value),
                "value_max" => fact.value_max.as_ref(),
                "offset" => {
                    sheet.write_number(row, col, fact.offset as f64)?;
                    continue;
                }
                "line" => {
                    sheet.write_number(row, col, fact.line as f64)?;
                    continue;
                }
                "repeat_of" => {
                    if let Some(o) = fact.repeat_of {
                        sheet.write_number(row, col, o as f64)?;
                    }
                    continue;
                }
                _ => None,
            };
            if let Some(Value::Number(d)) = number {
                // Exact decimal → double: precision beyond ~15 significant digits is lost
                // in xlsx (CSV/JSON keep the exact text).
                if let Ok(x) = d.to_string().parse::<f64>() {
                    let format = if d.is_integer() {
                        &integer
                    } else {
                        decimals.entry(d.scale()).or_insert_with(|| {
                            let places = "#".repeat(d.scale() as usize);
                            Format::new().set_num_format(format!("0.{places}"))
                        })
                    };
                    sheet.write_number_with_format(row, col, x, format)?;
                    continue;
                }
            }
            // Dates (readable text) and every other field: text; empty stays a blank cell.
            let text = match FIELDS[field] {
                "value" | "value_max" | "date" => date_cell(&cells[field]),
                _ => cells[field].as_str().into(),
            };
            if !text.is_empty() {
                sheet.write_string(row, col, cell_text(&text))?;
            }
        }
    }
    let last_row = u32::try_from(facts.len()).context("too many rows for xlsx")?;
    let last_col = col_num(indices.len() - 1)?;
    sheet.autofilter(0, 0, last_row, last_col)?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Counts per region (rows, sorted, "(none)" last) × kind (columns, sorted), with totals.
fn write_summary(
    sheet: &mut Worksheet,
    facts: &[Fact],
    region_header: &str,
    bold: &Format,
) -> Result<()> {
    sheet.set_name("summary")?;
    let mut counts: BTreeMap<(bool, &str), BTreeMap<&str, usize>> = BTreeMap::new();
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for fact in facts {
        let region = match fact.region.as_deref() {
            Some(r) if !r.is_empty() => (false, r),
            _ => (true, NO_REGION),
        };
        *counts
            .entry(region)
            .or_default()
            .entry(&*fact.kind)
            .or_default() += 1;
        *kinds.entry(&*fact.kind).or_default() += 1;
    }

    let total_col = col_num(kinds.len() + 1)?;
    sheet.write_string_with_format(0, 0, cell_text(region_header), bold)?;
    sheet.set_column_width(0, 24)?;
    for (i, kind) in kinds.keys().enumerate() {
        let col = col_num(i + 1)?;
        sheet.write_string_with_format(0, col, cell_text(kind), bold)?;
        sheet.set_column_width(col, 12)?;
    }
    sheet.write_string_with_format(0, total_col, "total", bold)?;
    sheet.set_column_width(total_col, 12)?;

    let mut row = 0u32;
    for ((_, region), by_kind) in &counts {
        row += 1;
        sheet.write_string(row, 0, cell_text(region))?;
        for (i, kind) in kinds.keys().enumerate() {
            let n = by_kind.get(kind).copied().unwrap_or(0);
            sheet.write_number(row, col_num(i + 1)?, n as f64)?;
        }
        let total: usize = by_kind.values().sum();
        sheet.write_number_with_format(row, total_col, total as f64, bold)?;
    }
    row += 1;
    sheet.write_string_with_format(row, 0, "total", bold)?;
    for (i, n) in kinds.values().enumerate() {
        sheet.write_number_with_format(row, col_num(i + 1)?, *n as f64, bold)?;
    }
    sheet.write_number_with_format(row, total_col, facts.len() as f64, bold)?;
    sheet.set_freeze_panes(1, 1)?;
    Ok(())
}

fn col_num(i: usize) -> Result<u16> {
    u16::try_from(i).context("too many columns for xlsx")
}

/// Column width (in characters) for a field.
fn column_width(field: &str) -> f64 {
    match field {
        "sentence" => 60.0,
        "region_path" | "region_candidates" | "article" => 30.0,
        "region" | "indicator" => 16.0,
        "raw" | "value" | "value_max" | "offset" | "line" | "repeat_of" => 14.0,
        "date" | "region_code" | "rule" | "doc" => 12.0,
        _ => 10.0,
    }
}

/// The text, cut to fit one Excel cell.
fn cell_text(s: &str) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(MAX_CELL_CHARS) {
        None => s.into(),
        Some(_) => {
            let mut t: String = s.chars().take(MAX_CELL_CHARS - 1).collect();
            t.push('…');
            t.into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_to_fit_a_cell() {
        let long = "长".repeat(MAX_CELL_CHARS + 10);
        let cut = cell_text(&long);
        assert_eq!(cut.chars().count(), MAX_CELL_CHARS);
        assert!(cut.ends_with('…'));
        assert_eq!(cell_text("短"), "短");
        let exact = "长".repeat(MAX_CELL_CHARS);
        assert_eq!(cell_text(&exact), exact);
    }
}
