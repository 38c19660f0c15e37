//! Numerals as written in Chinese news → exact [`Decimal`].
//!
//! The characters (digits, units, 点, 大写 forms) live in `rules/numbers.toml`; this module
//! holds only the rules for combining them. A whole string is parsed: finding numbers in
//! running text, and handling signs, percentages and fractions, is the caller's job.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;

use crate::value::decimal::Decimal;

mod arabic;
mod evaluate;
#[cfg(test)]
mod tests;

use arabic::{fold_width, is_arabic, is_group_space, parse_arabic, plain_arabic};
use evaluate::{evaluate, strip_approx};

/// What a character means in a numeral.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Digit(u8),
    Small(u32),
    Large(u32),
    Suffix(u32),
    Point,
    Approx,
}

/// The number grammar, loaded from `rules/numbers.toml` (see that file for the tables).
#[derive(Clone, Debug, Deserialize)]
#[serde(try_from = "RawGrammar")]
pub struct NumberGrammar {
    classes: HashMap<char, Class>,
    financial: HashSet<char>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CharSet {
    chars: String,
}

/// The TOML file as written; checked and turned into lookup tables by `TryFrom`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGrammar {
    digits: BTreeMap<String, u8>,
    small_units: BTreeMap<String, u32>,
    large_units: BTreeMap<String, u32>,
    #[serde(default)]
    suffix_units: BTreeMap<String, u32>,
    point: CharSet,
    financial: CharSet,
    approximate: Option<CharSet>,
}

impl TryFrom<RawGrammar> for NumberGrammar {
    type Error = String;

    fn try_from(raw: RawGrammar) -> Result<NumberGrammar, String> {
        let mut classes = HashMap::default();
        let mut insert = |key: &str, class: Class| -> Result<(), String> {
            let mut it = key.chars();
            let c = match (it.next(), it.next()) {
                (Some(c), None) => c,
                _ => return Err(format!("grammar key {key:?} must be exactly one character")),
            };
            // ASCII digits and separators are read by code; a table entry would shadow them.
            if is_arabic(c) || c.is_whitespace() {
                return Err(format!("grammar key {key:?} is reserved"));
            }
            if classes.insert(c, class).is_some() {
                return Err(format!("grammar character {c:?} is defined twice"));
            }
            Ok(())
        };
        // Exponents are bounded so that stacking a few units cannot overflow u32 arithmetic.
        let check = |what: &str, key: &str, v: u32, max: u32| {
            if (1..=max).contains(&v) {
                Ok(v)
            } else {
                Err(format!("{what} {key:?} = {v} is outside 1..={max}"))
            }
        };
        for (k, &v) in &raw.digits {
            if v > 9 {
                return Err(format!("digit {k:?} = {v} is not 0-9"));
            }
            insert(k, Class::Digit(v))?;
        }
        for (k, &v) in &raw.small_units {
            insert(k, Class::Small(check("small unit", k, v, 9)?))?;
        }
        for (k, &v) in &raw.large_units {
            insert(k, Class::Large(check("large unit", k, v, 36)?))?;
        }
        for (k, &v) in &raw.suffix_units {
            insert(k, Class::Suffix(check("suffix unit", k, v, 36)?))?;
        }
        for c in raw.point.chars.chars() {
            insert(c.encode_utf8(&mut [0; 4]), Class::Point)?;
        }
        if let Some(approx) = &raw.approximate {
            for c in approx.chars.chars() {
                insert(c.encode_utf8(&mut [0; 4]), Class::Approx)?;
            }
        }
        let financial: HashSet<char> = raw.financial.chars.chars().collect();
        for c in &financial {
            match classes.get(c) {
                Some(Class::Digit(_) | Class::Small(_) | Class::Large(_)) => {}
                _ => return Err(format!("financial character {c:?} is not a numeral")),
            }
        }
        Ok(NumberGrammar { classes, financial })
    }
}

/// A parsed numeral.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParsedNumber {
    pub value: Decimal,
    /// Used 大写 characters (壹贰…拾佰仟萬億).
    pub financial: bool,
    /// Used any Chinese numeral character (digit, unit or 点), e.g. `一`, `万` in `3万`.
    pub chinese: bool,
    /// Had a "more than" marker (余多几): `value` is the lower bound, 十余万 → 100000.
    pub approximate: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumberError {
    Empty,
    UnknownChar(char),
    /// Thousands separators not in groups of three (`1,2345`, `12,34`).
    BadGrouping,
    /// Known characters in an order that is not a numeral; the text says which rule broke.
    Syntax(&'static str),
    /// Too large, or more fraction digits than can be held exactly.
    Overflow,
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NumberError::Empty => f.write_str("empty number"),
            NumberError::UnknownChar(c) => write!(f, "character {c:?} is not part of a number"),
            NumberError::BadGrouping => f.write_str("thousands separators not in groups of 3"),
            NumberError::Syntax(why) => write!(f, "malformed number: {why}"),
            NumberError::Overflow => f.write_str("number too large or too precise"),
        }
    }
}

impl std::error::Error for NumberError {}

/// One lexical piece of a numeral.
#[derive(Clone, Copy, Debug)]
enum Tok {
    /// An Arabic literal. `lone_digit`: a single digit 1-9, which may be read one order
    /// lower after a unit like a Chinese digit (1万5 = 15000).
    Num {
        value: Decimal,
        lone_digit: bool,
        integer: bool,
    },
    Digit(u8),
    Small(u32),
    Large(u32),
    Suffix(u32),
    Point,
    Approx,
}

impl NumberGrammar {
    /// The grammar shipped in `rules/numbers.toml`.
    pub fn embedded() -> NumberGrammar {
        toml::from_str(include_str!("../../../rules/numbers.toml"))
            .expect("rules/numbers.toml (compiled in) must be a valid number grammar")
    }

    /// Parses the whole of `s` as one number.
    pub fn parse(&self, s: &str) -> Result<ParsedNumber, NumberError> {
        match plain_arabic(s) {
            Some(p) => Ok(p),
            None => self.parse_tokens(s),
        }
    }

    fn parse_tokens(&self, s: &str) -> Result<ParsedNumber, NumberError> {
        let (toks, financial, chinese) = self.tokenize(s)?;
        if toks.is_empty() {
            return Err(NumberError::Empty);
        }
        let (toks, approximate) = strip_approx(&toks)?;
        let value = evaluate(&toks)?;
        Ok(ParsedNumber {
            value,
            financial,
            chinese,
            approximate,
        })
    }

    fn tokenize(&self, s: &str) -> Result<(Vec<Tok>, bool, bool), NumberError> {
        let chars: Vec<char> = s.chars().map(fold_width).collect();
        let mut toks = Vec::new();
        let (mut financial, mut chinese) = (false, false);
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c.is_whitespace() {
                let start = i;
                while i < chars.len() && chars[i].is_whitespace() {
                    i += 1;
                }
                // Spaces between Chinese parts are layout (7 万5 千4 百); between Arabic
                // digits they would glue two numbers together ("4 6" is not 46).
                if start > 0
                    && i < chars.len()
                    && is_arabic(chars[start - 1])
                    && is_arabic(chars[i])
                {
                    return Err(NumberError::Syntax("space inside an Arabic number"));
                }
                continue;
            }
            if is_arabic(c) {
                let start = i;
                // One space between digits may group them (48 315); parse_arabic checks
                // the groups.
                while i < chars.len()
                    && (is_arabic(chars[i])
                        || (is_group_space(chars[i])
                            && chars[i - 1].is_ascii_digit()
                            && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
                {
                    i += 1;
                }
                let literal: String = chars[start..i].iter().collect();
                toks.push(parse_arabic(&literal)?);
                continue;
            }
            let class = *self.classes.get(&c).ok_or(NumberError::UnknownChar(c))?;
            financial |= self.financial.contains(&c);
            chinese |= matches!(
                class,
                Class::Digit(_) | Class::Small(_) | Class::Large(_) | Class::Point
            );
            toks.push(match class {
                Class::Digit(d) => Tok::Digit(d),
                Class::Small(p) => Tok::Small(p),
                Class::Large(p) => Tok::Large(p),
                Class::Suffix(p) => Tok::Suffix(p),
                Class::Point => Tok::Point,
                Class::Approx => Tok::Approx,
            });
            i += 1;
        }
        // `k` is Latin shorthand (40k); after Chinese or mid-number it is not a numeral.
        for (i, t) in toks.iter().enumerate() {
            if matches!(t, Tok::Suffix(_))
                && (i + 1 != toks.len()
                    || !matches!(toks.get(i.wrapping_sub(1)), Some(Tok::Num { .. })))
            {
                return Err(NumberError::Syntax("suffix unit must end an Arabic number"));
            }
        }
        Ok((toks, financial, chinese))
    }
}
