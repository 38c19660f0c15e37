//! Quantity lexing: the rules' matches in a sentence, read as exact numbers (numerals,
//! units, signs, ranges) and as calendar dates.

pub mod date;
pub mod lexer;
