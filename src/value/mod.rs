//! Values as factx reads them, below every stage: exact decimals, the numeral grammar
//! that reads 1.82亿 or 三千零五十万 into one, and calendar days that may lack a year.

pub mod day;
pub mod decimal;
pub mod number;
