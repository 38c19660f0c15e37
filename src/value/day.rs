//! A calendar day that may lack its year (or its day): what a text states, 9月8日 or
//! 2024年12月, written as ISO text. Without a stated year a date stays partial
//! (`--11-17`, `--09`): guessing the year would be inventing data.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    pub year: Option<u32>,
    pub month: u32,
    pub day: Option<u32>,
}

impl PartialDate {
    /// `2025-05-01`, `2024-12`, `--11-17`, `--09`.
    pub fn iso(&self) -> String {
        match (self.year, self.day) {
            (Some(y), Some(d)) => format!("{y:04}-{:02}-{d:02}", self.month),
            (Some(y), None) => format!("{y:04}-{:02}", self.month),
            (None, Some(d)) => format!("--{:02}-{d:02}", self.month),
            (None, None) => format!("--{:02}", self.month),
        }
    }

    pub fn is_valid(&self) -> bool {
        (1..=12).contains(&self.month)
            && self.year.is_none_or(|y| (1000..=2999).contains(&y))
            && self
                .day
                .is_none_or(|d| d >= 1 && d <= days_in_month(self.year, self.month))
    }
}

/// Days in a month; February has 29 when the year is unknown (29日 may be right).
pub fn days_in_month(year: Option<u32>, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) => 28,
            _ => 29,
        },
        _ => 0,
    }
}
