//! Cells for a person reading a spreadsheet (`excel-csv`, `xlsx`): dates as readable text,
//! and no text cell that Excel or LibreOffice Calc would run as a formula.
//!
//! factx's dates are ISO 8601 text (`2024-09-08`, `2024-12`, `2024`, `--09-08`, `--12`,
//! intervals such as `--01/--09`). A spreadsheet reads a full date as a date cell and a
//! bare year as a number, both as a person expects; every other form is written in
//! Chinese ([`readable_date`]): `9月8日`, `12月`, `2024年12月`, `1月至9月`,
//! `2025年1月至6月`, `3月2日至9日`. Plain CSV, JSON and JSON Lines keep the ISO text.

use crate::fact::{Fact, Value, FIELDS};
use std::borrow::Cow;
use std::fmt::Write as _;

/// A date as ISO text gives it: year, month and day, each present or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Parts {
    year: Option<u32>,
    month: Option<u32>,
    day: Option<u32>,
}

/// `2024-09-08`, `2024-12`, `2024`, `--09-08` or `--09`; None for anything else.
fn parse(iso: &str) -> Option<Parts> {
    let num = |s: &str, len: usize, lo: u32, hi: u32| -> Option<u32> {
        if s.len() != len || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok().filter(|n| (lo..=hi).contains(n))
    };
    let (year, rest) = match iso.strip_prefix("--") {
        Some(rest) => (None, rest),
        None => {
            let (y, rest) = iso.split_at_checked(4)?;
            let year = num(y, 4, 1, 9999)?;
            if rest.is_empty() {
                return Some(Parts {
                    year: Some(year),
                    month: None,
                    day: None,
                });
            }
            (Some(year), rest.strip_prefix('-')?)
        }
    };
    let mut fields = rest.split('-');
    let month = num(fields.next()?, 2, 1, 12)?;
    let day = match fields.next() {
        Some(d) => Some(num(d, 2, 1, 31)?),
        None => None,
    };
    if fields.next().is_some() {
        return None;
    }
    Some(Parts {
        year,
        month: Some(month),
        day,
    })
}

/// Appends the parts of `p` from the first one that `shared` does not make redundant:
/// the end of an interval leaves out the year (and month) its start already says.
fn push_chinese(out: &mut String, p: Parts, shared: Option<Parts>) {
    let same_year = shared.is_some_and(|s| s.year.is_some() && s.year == p.year);
    let same_month = shared.is_some_and(|s| {
        s.year == p.year && s.month.is_some() && s.month == p.month && s.day.is_some()
    });
    if let Some(y) = p.year.filter(|_| !same_year) {
        let _ = write!(out, "{y}年");
    }
    if let Some(m) = p.month.filter(|_| !(same_month && p.day.is_some())) {
        let _ = write!(out, "{m}月");
    }
    if let Some(d) = p.day {
        let _ = write!(out, "{d}日");
    }
}

/// The readable text of an ISO date or interval, or None when the text is best left as it
/// is: a full date (a date cell in Excel and Calc), a bare year (a number), or no date.
///
/// `--09-08` → 9月8日, `--12` → 12月, `2024-12` → 2024年12月, `2025-05-01/2025-06-24` →
/// 2025年5月1日至6月24日, `--01/--09` → 1月至9月, `2025-01/2025-06` → 2025年1月至6月,
/// `--03-02/--03-09` → 3月2日至9日, `2024-12/2025-03` → 2024年12月至2025年3月.
pub fn readable_date(iso: &str) -> Option<String> {
    let mut out = String::new();
    match iso.split_once('/') {
        Some((a, b)) => {
            let (start, end) = (parse(a)?, parse(b)?);
            push_chinese(&mut out, start, None);
            out.push('至');
            push_chinese(&mut out, end, Some(start));
        }
        None => {
            let p = parse(iso)?;
            if p.month.is_none() || (p.year.is_some() && p.day.is_some()) {
                return None;
            }
            push_chinese(&mut out, p, None);
        }
    }
    Some(out)
}

/// A date cell's text: readable where [`readable_date`] gives a form, else as it is.
pub fn date_cell(iso: &str) -> Cow<'_, str> {
    readable_date(iso).map_or(Cow::Borrowed(iso), Cow::Owned)
}

/// A mark a reader does not see, before a text cell a spreadsheet would take for a formula.
pub const INVISIBLE_GUARD: char = '\u{200B}';

/// A text cell that Excel or Calc would run as a formula, made plain text.
///
/// Excel evaluates a CSV cell that starts with `=`, `+`, `-` or `@` (`-300万元` shows as
/// `#NAME?`, `-1+2` as 1), and some programs drop a leading tab or carriage return first;
/// Calc evaluates `=`. An apostrophe, the usual defence, is not hidden by either program
/// when it opens a CSV: the reader sees `'-300万元`. So instead:
/// - a leading ASCII hyphen-minus becomes U+2212 MINUS SIGN: the figure still reads as a
///   negative one (−300万元), and neither program reads U+2212 as an operator or a sign
///   (checked with Calc by `scripts/excel_roundtrip.sh`). In factx's output this is the
///   case that occurs: `raw` of a negative figure.
/// - `=`, `+`, `@`, tab or carriage return first get a zero-width space before them
///   ([`INVISIBLE_GUARD`]), which shows nothing and is not whitespace to either program.
///   Their full-width forms (＝＋＠) are not used: East Asian Excel can take them for the
///   ASCII operators as it does in typed input.
pub fn formula_safe(cell: Cow<'_, str>) -> Cow<'_, str> {
    if let Some(rest) = cell.strip_prefix('-') {
        format!("\u{2212}{rest}").into()
    } else if cell.starts_with(['=', '+', '@', '\t', '\r']) {
        format!("{INVISIBLE_GUARD}{cell}").into()
    } else {
        cell
    }
}

/// Field `i` (in `FIELDS` order) as an `excel-csv` cell: numbers as they are, dates
/// readable, any other text formula-safe.
pub fn excel_cell(fact: &Fact, i: usize) -> Cow<'_, str> {
    let cell = fact.cell(i);
    let text_value = match FIELDS[i] {
        "value" => matches!(fact.value, Value::Text(_)),
        "value_max" => matches!(fact.value_max, Some(Value::Text(_))),
        "offset" | "line" | "repeat_of" => return cell,
        "date" => true,
        _ => return formula_safe(cell),
    };
    if !text_value {
        // A number: plain decimal text, which both programs read as a number (a minus
        // sign included), never as a formula.
        return cell;
    }
    match readable_date(&cell) {
        Some(text) => text.into(),
        None => formula_safe(cell),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_and_intervals_read_as_chinese() {
        for (iso, want) in [
            ("--09-08", "9月8日"),
            ("--12", "12月"),
            ("2024-12", "2024年12月"),
            ("--01/--09", "1月至9月"),
            ("2025-01/2025-06", "2025年1月至6月"),
            ("--03-02/--03-09", "3月2日至9日"),
            ("--03-28/--04-02", "3月28日至4月2日"),
            ("2025-05-01/2025-06-24", "2025年5月1日至6月24日"),
            ("2025-05-01/2025-05-09", "2025年5月1日至9日"),
            ("2024-12/2025-03", "2024年12月至2025年3月"),
            ("2024/2025", "2024年至2025年"),
            ("2025/2025-06", "2025年至6月"),
            ("--11/--11-20", "11月至11月20日"),
        ] {
            assert_eq!(readable_date(iso).as_deref(), Some(want), "{iso}");
        }
    }

    #[test]
    fn full_dates_years_and_other_text_stay() {
        for text in [
            "2024-09-08",
            "2024",
            "",
            "--13",
            "--02-32",
            "2024-1",
            "2024-12-01-02",
            "--09/",
            "abc",
            "20x4",
            "--0９",
        ] {
            assert_eq!(readable_date(text), None, "{text}");
            assert_eq!(date_cell(text), text);
        }
    }

    #[test]
    fn formula_starts_are_defused_without_a_visible_mark() {
        assert_eq!(formula_safe("-300万元".into()), "\u{2212}300万元");
        assert_eq!(formula_safe("-1+2".into()), "\u{2212}1+2");
        assert_eq!(formula_safe("=SUM(A1)".into()), "\u{200B}=SUM(A1)");
        assert_eq!(formula_safe("+5".into()), "\u{200B}+5");
        assert_eq!(formula_safe("@A1".into()), "\u{200B}@A1");
        assert_eq!(formula_safe("\t=1".into()), "\u{200B}\t=1");
        assert_eq!(formula_safe("\r=1".into()), "\u{200B}\r=1");
        assert_eq!(formula_safe("投资-5".into()), "投资-5");
        assert_eq!(formula_safe("".into()), "");
        // What the guard leaves is never a formula start again.
        for s in ["-=1", "--1", "=-1", "@@"] {
            let safe = formula_safe(s.into());
            assert!(!safe.starts_with(['=', '+', '-', '@', '\t', '\r']), "{s}");
        }
    }
}
