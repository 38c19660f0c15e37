//! Calendar dates as facts: components from a date rule's groups, validated, written as
//! ISO text. Without a stated year a date stays partial (`--11-17`, `--09`): guessing the
//! year would be inventing data.

pub use crate::value::day::{days_in_month, PartialDate};
use crate::value::number::NumberGrammar;
use std::sync::OnceLock;

/// A date fact before resolution: its start, its end (a range), and a relative year word
/// (今年 0, 去年 -1, 明年 +1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateParts {
    pub start: PartialDate,
    pub end: Option<PartialDate>,
    pub rel: Option<i32>,
}

/// 今年 0, 去年 -1 …; also without its 年 where a period word brings it (去 + 年底).
pub fn relative_year(word: &str) -> Option<i32> {
    match word.strip_suffix('年').unwrap_or(word) {
        "今" | "当" => Some(0),
        "去" => Some(-1),
        "前" => Some(-2),
        "明" => Some(1),
        _ => None,
    }
}

/// A period of a year (its months `from`..`to`) in the stated year, if any: the start
/// month, and the end month when the period spans more than one.
pub fn period(
    year: Option<u32>,
    [from, to]: [u32; 2],
) -> Option<(PartialDate, Option<PartialDate>)> {
    let month = |month| PartialDate {
        year,
        month,
        day: None,
    };
    let (start, end) = (month(from), (to > from).then(|| month(to)));
    (start.is_valid() && end.is_none_or(|e| e.is_valid())).then_some((start, end))
}

impl DateParts {
    /// Fills in a missing year from the reference date (the day the page was published):
    /// 今年/去年 count from its year; a bare 11月17日 takes its year, or the year before
    /// when that would put it more than a month after the reference (a January page
    /// recalling 12月20日).
    pub fn resolve(&self, reference: &PartialDate) -> DateParts {
        let Some(ref_year) = reference.year else {
            return *self;
        };
        let key = |d: &PartialDate, y: u32| (y, d.month, d.day.unwrap_or(1));
        let ref_key = (ref_year, reference.month, reference.day.unwrap_or(1));
        let start_year = match (self.start.year, self.rel) {
            (Some(y), _) => y,
            (None, Some(k)) => ref_year.saturating_add_signed(k),
            (None, None) => {
                let (y, m, d) = key(&self.start, ref_year);
                let month_later = if ref_key.1 == 12 {
                    (ref_key.0 + 1, 1)
                } else {
                    (ref_key.0, ref_key.1 + 1)
                };
                if (y, m, d) > (month_later.0, month_later.1, ref_key.2) {
                    ref_year - 1
                } else {
                    ref_year
                }
            }
        };
        let start = PartialDate {
            year: Some(start_year),
            ..self.start
        };
        let end = self.end.map(|e| {
            let year = e.year.unwrap_or_else(|| {
                // 12月28日至1月3日 crosses into the next year.
                if (e.month, e.day) < (start.month, start.day) {
                    start_year + 1
                } else {
                    start_year
                }
            });
            PartialDate {
                year: Some(year),
                ..e
            }
        });
        let valid = start.is_valid() && end.is_none_or(|e| e.is_valid());
        if valid {
            DateParts {
                start,
                end,
                rel: self.rel,
            }
        } else {
            *self
        }
    }
}

pub fn component(grammar: &NumberGrammar, text: &str) -> Option<u32> {
    let v = grammar.parse(text).ok()?.value;
    if !v.is_integer() {
        return None;
    }
    u32::try_from(v.mantissa()).ok()
}

/// The start and (for a range) end date of a date rule's match.
/// `get` reads a named group of the match (year, month, day, end).
pub fn interpret<'h>(
    grammar: &NumberGrammar,
    get: &dyn Fn(&str) -> Option<&'h str>,
) -> Option<(PartialDate, Option<PartialDate>)> {
    let start = PartialDate {
        year: match get("year") {
            Some(y) => Some(component(grammar, y)?),
            None => None,
        },
        month: component(grammar, get("month")?)?,
        day: match get("day") {
            Some(d) => Some(component(grammar, d)?),
            None => None,
        },
    };
    if !start.is_valid() {
        return None;
    }
    let end = match get("end") {
        None => None,
        Some(text) => Some(range_end(grammar, &start, text)?),
    };
    Some((start, end))
}

/// Completes a range end (至22日, 至6月24日) from its start, and checks it is later.
fn range_end(grammar: &NumberGrammar, start: &PartialDate, text: &str) -> Option<PartialDate> {
    static END: OnceLock<regex::Regex> = OnceLock::new();
    let re = END.get_or_init(|| {
        regex::Regex::new(
            r"^(?:(?P<y>[^年]+)年)?(?:(?P<m>[^月]+)月)?(?:(?P<d>[^日号份]+)[日号])?(?:份)?$",
        )
        .expect("static regex")
    });
    let c = re.captures(text)?;
    let part = |n: &str| c.name(n).map(|m| component(grammar, m.as_str()));
    let year = match part("y") {
        Some(y) => Some(y?),
        None => start.year,
    };
    let month = match part("m") {
        Some(m) => m?,
        None => start.month,
    };
    let day = match part("d") {
        Some(d) => Some(d?),
        None => None,
    };
    // A range is day-to-day or month-to-month; 5月1日至6月 mixes them.
    if day.is_some() != start.day.is_some() {
        return None;
    }
    let end = PartialDate { year, month, day };
    let key = |d: &PartialDate| (d.year.unwrap_or(0), d.month, d.day.unwrap_or(0));
    (end.is_valid() && key(&end) > key(start)).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_against_the_reference_date() {
        let d = |year, month, day| PartialDate { year, month, day };
        let parts = |start, end, rel| DateParts { start, end, rel };
        let r = d(Some(2025), 11, Some(19));
        assert_eq!(
            parts(d(None, 11, Some(17)), None, None)
                .resolve(&r)
                .start
                .iso(),
            "2025-11-17"
        );
        assert_eq!(
            parts(d(None, 3, Some(18)), None, Some(0))
                .resolve(&r)
                .start
                .iso(),
            "2025-03-18"
        );
        assert_eq!(
            parts(d(None, 12, None), None, Some(-1))
                .resolve(&r)
                .start
                .iso(),
            "2024-12"
        );
        assert_eq!(
            parts(d(Some(2022), 4, Some(24)), None, None)
                .resolve(&r)
                .start
                .iso(),
            "2022-04-24"
        );
        let jan = d(Some(2025), 1, Some(31));
        assert_eq!(
            parts(d(None, 12, Some(20)), None, None)
                .resolve(&jan)
                .start
                .iso(),
            "2024-12-20"
        );
        let december = d(Some(2025), 12, Some(20));
        let range =
            parts(d(None, 12, Some(28)), Some(d(None, 1, Some(3))), None).resolve(&december);
        assert_eq!(range.end.map(|e| e.iso()).as_deref(), Some("2026-01-03"));
        assert_eq!(range.start.iso(), "2025-12-28");
    }

    #[test]
    fn iso_forms() {
        let d = |year, month, day| PartialDate { year, month, day };
        assert_eq!(d(Some(2025), 5, Some(1)).iso(), "2025-05-01");
        assert_eq!(d(Some(2024), 12, None).iso(), "2024-12");
        assert_eq!(d(None, 11, Some(17)).iso(), "--11-17");
        assert_eq!(d(None, 9, None).iso(), "--09");
    }

    #[test]
    fn validates_days() {
        assert_eq!(days_in_month(Some(2024), 2), 29);
        assert_eq!(days_in_month(Some(2025), 2), 28);
        assert_eq!(days_in_month(None, 2), 29);
        assert!(!PartialDate {
            year: None,
            month: 2,
            day: Some(30)
        }
        .is_valid());
        assert!(!PartialDate {
            year: None,
            month: 13,
            day: None
        }
        .is_valid());
    }
}
