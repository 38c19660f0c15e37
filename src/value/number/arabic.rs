//! Arabic literals (1,271, 48 315, .5) and the characters around them: the plain-digits
//! shortcut and the literal a token holds.

use super::{NumberError, ParsedNumber, Tok};
use crate::value::decimal::Decimal;

/// Full-width forms that may survive upstream folding.
pub(super) fn fold_width(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (u32::from(c) - u32::from('０')) as u8),
        '，' => ',',
        '．' => '.',
        'ｋ' => 'k',
        'Ｋ' => 'K',
        _ => c,
    }
}

/// The common case, plain digits with at most one decimal point inside (1932, 1.82), read
/// without tokens: the same value the grammar gives (tested), a fraction of the work.
pub(super) fn plain_arabic(s: &str) -> Option<ParsedNumber> {
    let b = s.as_bytes();
    let plain = !b.is_empty()
        && b.len() <= 30
        && b[0] != b'.'
        && b[b.len() - 1] != b'.'
        && b.iter().all(|c| c.is_ascii_digit() || *c == b'.')
        && b.iter().filter(|&&c| c == b'.').count() <= 1;
    if !plain {
        return None;
    }
    Some(ParsedNumber {
        value: s.parse().ok()?,
        financial: false,
        chinese: false,
        approximate: false,
    })
}

/// A space that may separate groups of three digits (48 315, 1 023 456).
pub(super) fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{2009}' | '\u{202F}' | '\u{3000}')
}

pub(super) fn is_arabic(c: char) -> bool {
    c.is_ascii_digit() || c == ',' || c == '.'
}

/// `1271`, `1,271`, `12,345,678.5`, `.5`.
pub(super) fn parse_arabic(literal: &str) -> Result<Tok, NumberError> {
    let (int, frac) = match literal.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (literal, None),
    };
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NumberError::Syntax("bad decimal part"));
        }
    }
    // Groups by spaces follow the rules of groups by commas, with no leading zero (010 020
    // is a code or a list) and no commas besides.
    let spaced = int.contains(is_group_space);
    if spaced && (int.contains(',') || int.starts_with('0')) {
        return Err(NumberError::BadGrouping);
    }
    let commas;
    let int = if spaced {
        commas = int.replace(is_group_space, ",");
        commas.as_str()
    } else {
        int
    };
    if int.contains(',') {
        let mut groups = int.split(',');
        let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
        if !first_ok || !groups.all(|g| g.len() == 3) {
            return Err(NumberError::BadGrouping);
        }
    }
    let digits: String = int.chars().filter(|&c| c != ',').collect();
    if digits.is_empty() && frac.is_none() {
        return Err(NumberError::Syntax("separator without digits"));
    }
    let text = match frac {
        Some(f) => format!("{digits}.{f}"),
        None => digits,
    };
    // The text is well-formed here, so the only failures left are size and precision.
    let value: Decimal = text.parse().map_err(|_| NumberError::Overflow)?;
    Ok(Tok::Num {
        value,
        lone_digit: literal.len() == 1,
        integer: frac.is_none(),
    })
}
