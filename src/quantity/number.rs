//! Numerals as written in Chinese news → exact [`Decimal`].
//!
//! The characters (digits, units, 点, 大写 forms) live in `rules/numbers.toml`; this module
//! holds only the rules for combining them. A whole string is parsed: finding numbers in
//! running text, and handling signs, percentages and fractions, is the caller's job.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;

use crate::quantity::decimal::Decimal;

/// More fraction digits than this cannot be represented exactly (see `decimal::MAX_SCALE`).
const MAX_FRACTION_DIGITS: usize = 18;

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
        toml::from_str(include_str!("../../rules/numbers.toml"))
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

/// Full-width forms that may survive upstream folding.
fn fold_width(c: char) -> char {
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
fn plain_arabic(s: &str) -> Option<ParsedNumber> {
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
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{2009}' | '\u{202F}' | '\u{3000}')
}

fn is_arabic(c: char) -> bool {
    c.is_ascii_digit() || c == ',' || c == '.'
}

/// `1271`, `1,271`, `12,345,678.5`, `.5`.
fn parse_arabic(literal: &str) -> Result<Tok, NumberError> {
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

/// Removes the one allowed 余/多/几 marker. It must follow a numeral and precede a large unit
/// or the end (十余万, 一千多), so that dropping it never joins two digits into one number.
fn strip_approx(toks: &[Tok]) -> Result<(Vec<Tok>, bool), NumberError> {
    let mut out = Vec::with_capacity(toks.len());
    let mut approximate = false;
    for (i, t) in toks.iter().enumerate() {
        if !matches!(t, Tok::Approx) {
            out.push(*t);
            continue;
        }
        let after_numeral = matches!(
            out.last(),
            Some(Tok::Num { .. } | Tok::Digit(_) | Tok::Small(_) | Tok::Large(_))
        );
        let before_ok = matches!(toks.get(i + 1), None | Some(Tok::Large(_)));
        if approximate || !after_numeral || !before_ok {
            return Err(NumberError::Syntax("misplaced approximation marker"));
        }
        approximate = true;
    }
    Ok((out, approximate))
}

fn pow10(exp: u32) -> Result<Decimal, NumberError> {
    Decimal::pow10(exp).ok_or(NumberError::Overflow)
}

fn add(a: Decimal, b: Decimal) -> Result<Decimal, NumberError> {
    a.checked_add(b).ok_or(NumberError::Overflow)
}

fn mul(a: Decimal, b: Decimal) -> Result<Decimal, NumberError> {
    a.checked_mul(b).ok_or(NumberError::Overflow)
}

fn evaluate(toks: &[Tok]) -> Result<Decimal, NumberError> {
    let Some(p) = toks.iter().position(|t| matches!(t, Tok::Point)) else {
        return integer_part(toks).map(|(v, _)| v);
    };
    let (int_toks, rest) = (&toks[..p], &toks[p + 1..]);
    if int_toks.is_empty() {
        return Err(NumberError::Syntax("点 with nothing before it"));
    }
    if int_toks
        .iter()
        .any(|t| matches!(t, Tok::Num { integer: false, .. }))
    {
        return Err(NumberError::Syntax("two decimal points"));
    }
    let (int_value, has_large) = integer_part(int_toks)?;

    // Digits after 点 are read one by one (三点一四), never with units in between.
    let n = rest
        .iter()
        .take_while(|t| matches!(t, Tok::Digit(_)))
        .count();
    if n == 0 {
        return Err(NumberError::Syntax("点 without digits after it"));
    }
    if n > MAX_FRACTION_DIGITS {
        return Err(NumberError::Overflow);
    }
    let mut mantissa: i128 = 0;
    for t in &rest[..n] {
        if let Tok::Digit(d) = t {
            mantissa = mantissa * 10 + i128::from(*d);
        }
    }
    let value = add(int_value, Decimal::new(mantissa, n as u32))?;

    // A unit after the fraction scales the whole number (一点二亿 = 1.2 × 10^8), so it cannot
    // also appear before the point (两千万点五 has its unit inside the integer part).
    let mut exp: u32 = 0;
    for (i, t) in rest[n..].iter().enumerate() {
        let e = match t {
            Tok::Small(e) if i == 0 => *e,
            Tok::Large(e) => *e,
            _ => return Err(NumberError::Syntax("unexpected text after decimal digits")),
        };
        exp = exp.checked_add(e).ok_or(NumberError::Overflow)?;
    }
    if exp == 0 {
        return Ok(value);
    }
    if has_large {
        return Err(NumberError::Syntax("large units on both sides of 点"));
    }
    mul(value, pow10(exp)?)
}

/// Value of the part before any 点, and whether it used a large unit.
fn integer_part(toks: &[Tok]) -> Result<(Decimal, bool), NumberError> {
    if toks.is_empty() {
        return Err(NumberError::Empty);
    }
    // Digits with no unit at all are positional, as in years and codes: 二〇二四 = 2024.
    if toks.iter().all(|t| matches!(t, Tok::Digit(_))) {
        let mut m: i128 = 0;
        for t in toks {
            if let Tok::Digit(d) = t {
                m = m
                    .checked_mul(10)
                    .and_then(|m| m.checked_add(i128::from(*d)))
                    .ok_or(NumberError::Overflow)?;
            }
        }
        return Ok((Decimal::from_int(m), false));
    }
    let mut acc = Acc::default();
    for t in toks {
        acc.push(*t)?;
    }
    acc.finish()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Prev {
    Start,
    Zero,
    Number,
    Small(u32),
    Large(u32),
}

/// A number waiting for its unit.
#[derive(Clone, Copy, Debug)]
struct Pending {
    value: Decimal,
    /// A lone digit that may be read one order below the preceding unit.
    scalable: bool,
    /// The unit directly before it (not separated by 零): exponent, and whether it was large.
    after_unit: Option<(u32, bool)>,
}

/// Left-to-right evaluation of a multiplier numeral such as 四十九兆九千五百九十二億.
///
/// `parts` are finished groups closed by a large unit (value already scaled, exponent of
/// the unit), with strictly decreasing exponents; `section` is the group being built.
#[derive(Debug)]
struct Acc {
    parts: Vec<(Decimal, u32)>,
    section: Decimal,
    started: bool,
    last_small: Option<u32>,
    pending: Option<Pending>,
    prev: Prev,
}

impl Default for Acc {
    fn default() -> Acc {
        Acc {
            parts: Vec::new(),
            section: Decimal::ZERO,
            started: false,
            last_small: None,
            pending: None,
            prev: Prev::Start,
        }
    }
}

impl Acc {
    fn push(&mut self, t: Tok) -> Result<(), NumberError> {
        match t {
            Tok::Digit(0) => {
                // 零 only marks a gap (一千零一); it is not a multiplier's number.
                if self.pending.is_some() {
                    return Err(NumberError::Syntax("零 after a digit"));
                }
                self.prev = Prev::Zero;
                Ok(())
            }
            Tok::Digit(d) => self.number(Decimal::from_int(i128::from(d)), true),
            Tok::Num {
                value, lone_digit, ..
            } => self.number(value, lone_digit),
            Tok::Small(p) | Tok::Suffix(p) => self.small(p),
            Tok::Large(p) => self.large(p),
            Tok::Point | Tok::Approx => Err(NumberError::Syntax("misplaced 点")),
        }
    }

    fn number(&mut self, value: Decimal, scalable: bool) -> Result<(), NumberError> {
        // Two numbers in a row (五六万 is "5 or 6 万", 3五) are a range or a typo, not a value.
        if self.pending.is_some() {
            return Err(NumberError::Syntax(
                "two numbers without a unit between them",
            ));
        }
        let after_unit = match self.prev {
            Prev::Small(e) => Some((e, false)),
            Prev::Large(e) => Some((e, true)),
            _ => None,
        };
        self.pending = Some(Pending {
            value,
            scalable,
            after_unit,
        });
        self.started = true;
        self.prev = Prev::Number;
        Ok(())
    }

    fn small(&mut self, p: u32) -> Result<(), NumberError> {
        let m = match self.pending.take() {
            Some(pending) => pending.value,
            // A bare 十/百/千 means one of it, but only where a group may begin: at the start,
            // after a large unit (一万十二) or after 零 (一百零十万). Elsewhere (十十) it stutters.
            None if !self.started || self.prev == Prev::Zero => Decimal::from_int(1),
            None => return Err(NumberError::Syntax("unit with no number before it")),
        };
        if self.last_small.is_some_and(|last| p >= last) {
            return Err(NumberError::Syntax("units out of order"));
        }
        self.section = add(self.section, mul(m, pow10(p)?)?)?;
        self.last_small = Some(p);
        self.started = true;
        self.prev = Prev::Small(p);
        Ok(())
    }

    /// The trailing number of a group. Directly after a unit, a lone digit is one order below
    /// it: 两千四百五 is 2450 and 三万五 is 35000, because a speaker drops the unit that is
    /// obvious; 零 (五亿零六) or an explicit unit (四百五十) cancels that.
    /// `closing_large`: a large unit follows, so a digit right after the previous large unit
    /// is that unit's whole group (一亿四万), not a dropped-unit digit.
    fn take_pending(&mut self, closing_large: bool) -> Result<Decimal, NumberError> {
        match self.pending.take() {
            None => Ok(Decimal::ZERO),
            Some(Pending {
                value,
                scalable: true,
                after_unit: Some((e, after_large)),
            }) if e >= 1 && !(closing_large && after_large) => mul(value, pow10(e - 1)?),
            Some(pending) => Ok(pending.value),
        }
    }

    fn large(&mut self, p: u32) -> Result<(), NumberError> {
        let (mut value, exp) = if self.started {
            let mut v = add(self.section, self.take_pending(true)?)?;
            // A large unit scales every smaller group before it: 一万五千亿 = 15000 × 10^8.
            while let Some(&(pv, pe)) = self.parts.last() {
                if pe >= p {
                    break;
                }
                v = add(v, pv)?;
                self.parts.pop();
            }
            (v, p)
        } else if let (Prev::Large(_), Some((pv, pe))) = (self.prev, self.parts.pop()) {
            // Stacked units compound on the group just closed: 10万万 = 10^9, 4.78万亿.
            (pv, pe.checked_add(p).ok_or(NumberError::Overflow)?)
        } else {
            return Err(NumberError::Syntax("large unit with no number before it"));
        };
        value = mul(value, pow10(p)?)?;
        self.check_below_last_part(value, exp)?;
        self.parts.push((value, exp));
        self.section = Decimal::ZERO;
        self.started = false;
        self.last_small = None;
        self.prev = Prev::Large(exp);
        Ok(())
    }

    /// Groups must shrink left to right (一亿二万, not 一万二亿 or 3万40000).
    fn check_below_last_part(&self, value: Decimal, exp: u32) -> Result<(), NumberError> {
        let Some(&(_, last)) = self.parts.last() else {
            return Ok(());
        };
        if last <= exp {
            return Err(NumberError::Syntax("large units out of order"));
        }
        match Decimal::pow10(last) {
            Some(limit) if value >= limit => Err(NumberError::Syntax("group larger than its unit")),
            _ => Ok(()),
        }
    }

    fn finish(mut self) -> Result<(Decimal, bool), NumberError> {
        let rest = add(self.section, self.take_pending(false)?)?;
        if let Some(&(_, last)) = self.parts.last() {
            if Decimal::pow10(last).is_some_and(|limit| rest >= limit) {
                return Err(NumberError::Syntax("group larger than its unit"));
            }
        }
        let has_large = !self.parts.is_empty();
        let mut total = rest;
        for (v, _) in self.parts {
            total = add(total, v)?;
        }
        Ok((total, has_large))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn g() -> NumberGrammar {
        NumberGrammar::embedded()
    }

    proptest! {
        /// The plain-digits shortcut gives exactly what the grammar gives.
        #[test]
        fn plain_digits_read_as_the_grammar_reads_them(s in "[0-9]{1,32}(\\.[0-9]{1,8})?|[0-9.]{1,6}") {
            let grammar = g();
            let fast = plain_arabic(&s);
            let full = grammar.parse_tokens(&s);
            match (fast, full) {
                (Some(f), Ok(p)) => {
                    prop_assert_eq!(f.value, p.value);
                    prop_assert_eq!((f.financial, f.chinese, f.approximate), (p.financial, p.chinese, p.approximate));
                }
                (None, _) => {}
                (Some(f), Err(e)) => prop_assert!(false, "{s}: shortcut {:?}, grammar {e:?}", f.value),
            }
        }
    }

    proptest! {
        /// Any n < 10^12 written as its 万 part, 万, and the rest (零 before a rest under
        /// 1000, as Chinese writes the gap) reads back as n.
        #[test]
        fn wan_part_and_rest_read_back(n in 0u64..1_000_000_000_000) {
            let (wan, rest) = (n / 10_000, n % 10_000);
            let text = match (wan, rest) {
                (0, r) => r.to_string(),
                (w, 0) => format!("{w}万"),
                (w, r) if r < 1000 => format!("{w}万零{r}"),
                (w, r) => format!("{w}万{r}"),
            };
            prop_assert_eq!(v(&text), n.to_string());
        }

        /// Any number printed in groups of three by spaces reads back as itself.
        #[test]
        fn space_grouped_digits_read_back(n in 1000u64..u64::MAX, thin in proptest::bool::ANY) {
            let digits = n.to_string();
            let sep = if thin { "\u{2009}" } else { " " };
            let head = digits.len() % 3;
            let mut text = digits[..head].to_string();
            for (i, group) in digits.as_bytes()[head..].chunks(3).enumerate() {
                if head > 0 || i > 0 {
                    text.push_str(sep);
                }
                text.push_str(std::str::from_utf8(group).map_err(|e| TestCaseError::fail(e.to_string()))?);
            }
            prop_assert_eq!(v(&text), digits);
        }
    }

    fn v(s: &str) -> String {
        match g().parse(s) {
            Ok(p) => p.value.to_string(),
            Err(e) => panic!("{s:?} failed: {e}"),
        }
    }

    fn err(s: &str) -> NumberError {
        match g().parse(s) {
            Ok(p) => panic!("{s:?} parsed as {}", p.value),
            Err(e) => e,
        }
    }

    #[test]
    fn arabic() {
        assert_eq!(v("1271"), "1271");
        assert_eq!(v("1,271"), "1271");
        assert_eq!(v("12,345,678.5"), "12345678.5");
        assert_eq!(v("2105.6"), "2105.6");
        assert_eq!(v("0.83"), "0.83");
        assert_eq!(v("4.800"), "4.8");
        assert_eq!(v(".5"), "0.5");
        assert_eq!(v("1,050,000,000"), "1050000000");
        assert_eq!(v("10,000.233"), "10000.233");
        let p = g().parse("1271").expect("test input is valid");
        assert!(!p.chinese && !p.financial && !p.approximate);
    }

    #[test]
    fn arabic_errors() {
        assert_eq!(err("1,2345"), NumberError::BadGrouping);
        assert_eq!(err("12,34"), NumberError::BadGrouping);
        assert_eq!(err(",123"), NumberError::BadGrouping);
        assert_eq!(err("1234,567"), NumberError::BadGrouping);
        assert!(matches!(err("1.2.3"), NumberError::Syntax(_)));
        assert!(matches!(err("1,234.5,6"), NumberError::Syntax(_)));
        assert!(matches!(err("5."), NumberError::Syntax(_)));
        assert!(matches!(err("."), NumberError::Syntax(_)));
        assert!(matches!(err(","), NumberError::BadGrouping));
        assert_eq!(err("4 6"), NumberError::BadGrouping);
        assert_eq!(err("1.0000000000000000001"), NumberError::Overflow);
    }

    #[test]
    fn full_width_is_folded() {
        assert_eq!(v("１９９１"), "1991");
        assert_eq!(v("４，５６５"), "4565");
        assert_eq!(v("２．２亿"), "220000000");
        assert_eq!(v("2４4"), "244");
        assert_eq!(v("４０Ｋ"), "40000");
    }

    #[test]
    fn arabic_with_units() {
        assert_eq!(v("1.2万"), "12000");
        assert_eq!(v("3万"), "30000");
        assert_eq!(v("1.3万亿"), "1300000000000");
        assert_eq!(v("10万万"), "1000000000");
        assert_eq!(v("4.78万亿"), "4780000000000");
        assert_eq!(v("8千"), "8000");
        assert_eq!(v("5百"), "500");
        assert_eq!(v("2.5亿"), "250000000");
        assert_eq!(v("16.4亿"), "1640000000");
        assert_eq!(v("1.82亿"), "182000000");
        assert_eq!(v("40k"), "40000");
        assert_eq!(v("40K"), "40000");
        assert_eq!(v("1.5k"), "1500");
        assert_eq!(v("1,100.9亿"), "110090000000");
        assert_eq!(v("3千5百"), "3500");
        assert_eq!(v("7 万5 千4 百"), "75400");
        assert_eq!(v("5亿1万4千6百"), "500014600");
        assert_eq!(v("1千零20"), "1020");
        assert_eq!(v("2千零30万"), "20300000");
        assert_eq!(v("3万4000"), "34000");
        assert_eq!(v("1万5"), "15000");
        assert_eq!(v("1000  万"), "10000000");
        let p = g().parse("3万").expect("test input is valid");
        assert!(p.chinese && !p.financial);
    }

    #[test]
    fn mixed_arabic_and_chinese_parts() {
        // The forms of the issue, then more of the same shapes.
        assert_eq!(v("4万5000"), "45000");
        assert_eq!(v("3千零50万"), "30500000");
        assert_eq!(v("1亿2000万"), "120000000");
        assert_eq!(v("5千3百万"), "53000000");
        assert_eq!(v("2万零300"), "20300");
        assert_eq!(v("6万零8"), "60008");
        assert_eq!(v("12亿3456万7890"), "1234567890");
        assert_eq!(v("1亿零500万"), "105000000");
        assert_eq!(v("9千9百9十9"), "9999");
        assert_eq!(v("2.5亿3000万"), "280000000");
        assert_eq!(v("7万3千"), "73000");
        assert_eq!(v("8百零6"), "806");
        assert_eq!(v("3万零60"), "30060");
    }

    #[test]
    fn digits_grouped_by_spaces() {
        assert_eq!(v("48 315"), "48315");
        assert_eq!(v("126 904"), "126904");
        assert_eq!(v("1 023 456"), "1023456");
        assert_eq!(v("1\u{2009}023\u{2009}456"), "1023456");
        assert_eq!(v("7\u{202F}500.25"), "7500.25");
        assert_eq!(v("3\u{3000}600"), "3600");
        assert_eq!(v("12 345万"), "123450000");
        // Not one number: other group sizes, a leading zero (a code), mixed separators.
        assert_eq!(err("3 5 7"), NumberError::BadGrouping);
        assert_eq!(err("12 34"), NumberError::BadGrouping);
        assert_eq!(err("1234 567"), NumberError::BadGrouping);
        assert_eq!(err("010 020"), NumberError::BadGrouping);
        assert_eq!(err("1,234 567"), NumberError::BadGrouping);
        assert!(err("48  315").to_string().contains("space"));
        assert!(err("48\t315").to_string().contains("space"));
    }

    #[test]
    fn chinese_multipliers() {
        assert_eq!(v("千"), "1000");
        assert_eq!(v("百"), "100");
        assert_eq!(v("十"), "10");
        assert_eq!(v("百万"), "1000000");
        assert_eq!(v("千万"), "10000000");
        assert_eq!(v("两万"), "20000");
        assert_eq!(v("三千万"), "30000000");
        assert_eq!(v("一千二百"), "1200");
        assert_eq!(v("一千零一"), "1001");
        assert_eq!(v("一百零一万一千"), "1011000");
        assert_eq!(v("五亿零六"), "500000006");
        assert_eq!(v("七十八万五佰零六"), "780506");
        assert_eq!(v("十五"), "15");
        assert_eq!(v("二十"), "20");
        assert_eq!(v("一百五十二"), "152");
        assert_eq!(v("一万零五百"), "10500");
        assert_eq!(v("一万二百五十"), "10250");
        assert_eq!(v("一百零十万"), "1100000");
        assert_eq!(v("一万零十二"), "10012");
        assert_eq!(v("零十"), "10");
        assert_eq!(v("四万万"), "400000000");
        assert_eq!(v("一万五千亿"), "1500000000000");
        assert_eq!(v("三百五十一万亿"), "351000000000000");
        assert_eq!(v("四十九兆九千五百九十二億"), "49959200000000");
        assert_eq!(v("五兆六十二亿四万五千二"), "5006200045200");
        assert_eq!(v("二十 億"), "2000000000");
        assert_eq!(v("三千 八百 九十六 万 四千 九百 六十五"), "38964965");
        assert_eq!(
            v("四千五百六十九万八千三百一十一亿四千八百七十二万五千三百八十二"),
            "4569831148725382"
        );
    }

    #[test]
    fn trailing_digit_is_one_order_lower() {
        assert_eq!(v("两千四百五"), "2450");
        assert_eq!(v("四百五"), "450");
        assert_eq!(v("三万五"), "35000");
        assert_eq!(v("一千陆"), "1600");
        assert_eq!(v("百三"), "130");
        assert_eq!(v("九十二万四"), "924000");
        assert_eq!(v("两千四百五万"), "24500000");
        // 零 or an explicit unit keeps the digit as it is.
        assert_eq!(v("一千零五"), "1005");
        assert_eq!(v("四千零五万"), "40050000");
        assert_eq!(v("四百五十"), "450");
        // A digit followed by its own large unit is that group's value, not scaled.
        assert_eq!(v("一亿四万"), "100040000");
        assert_eq!(v("五亿四"), "540000000");
        assert_eq!(v("3万4"), "34000");
        assert_eq!(v("一万十二"), "10012");
    }

    #[test]
    fn financial_and_traditional() {
        let p = g().parse("壹佰伍拾").expect("test input is valid");
        assert_eq!(p.value.to_string(), "150");
        assert!(p.financial && p.chinese);
        assert_eq!(v("肆佰陸拾"), "460");
        assert_eq!(v("倆千两百贰拾二"), "2222");
        assert_eq!(v("兩千兩百貳拾二"), "2222");
        assert_eq!(v("十万柒仟捌佰伍拾肆"), "107854");
        assert_eq!(v("拾亿零六万零五百零六"), "1000060506");
        assert!(
            !g().parse("两千四百五")
                .expect("test input is valid")
                .financial
        );
    }

    #[test]
    fn positional_digits() {
        assert_eq!(v("零"), "0");
        assert_eq!(v("〇"), "0");
        assert_eq!(v("二〇二四"), "2024");
        assert_eq!(v("一九九八"), "1998");
        assert_eq!(v("二"), "2");
        assert_eq!(v("两"), "2");
    }

    #[test]
    fn decimal_point_word() {
        assert_eq!(v("三点五"), "3.5");
        assert_eq!(v("一点二亿"), "120000000");
        assert_eq!(v("两百点两"), "200.2");
        assert_eq!(v("十二点五万"), "125000");
        assert_eq!(v("零点五"), "0.5");
        assert_eq!(v("两千万点五五四四"), "20000000.5544");
        assert_eq!(v("两千三点一"), "2300.1");
        assert_eq!(v("四百亿点零五零"), "40000000000.05");
        assert_eq!(v("一百五十四点零"), "154");
        assert_eq!(v("一点二万亿"), "1200000000000");
        assert_eq!(
            v("八千 三百 八十五 萬 二千 三百 二十六 點三三"),
            "83852326.33"
        );
        assert!(matches!(err("点五"), NumberError::Syntax(_)));
        assert!(matches!(err("三点"), NumberError::Syntax(_)));
        assert!(matches!(err("三点五点六"), NumberError::Syntax(_)));
        assert!(matches!(err("两千万点五万"), NumberError::Syntax(_)));
        assert!(matches!(err("2.5点三"), NumberError::Syntax(_)));
        assert_eq!(
            err("一点二三四五六七八九一二三四五六七八九一二"),
            NumberError::Overflow
        );
    }

    #[test]
    fn approximate_markers() {
        let p = g().parse("十余万").expect("test input is valid");
        assert_eq!(p.value.to_string(), "100000");
        assert!(p.approximate);
        assert_eq!(v("十 余 万"), "100000");
        assert_eq!(v("一千多万"), "10000000");
        assert_eq!(v("二十几万"), "200000");
        assert_eq!(v("一百零几万"), "1000000");
        assert_eq!(v("500余万"), "5000000");
        assert_eq!(v("一百多"), "100");
        assert!(!g().parse("十万").expect("test input is valid").approximate);
        assert!(matches!(err("余万"), NumberError::Syntax(_)));
        assert!(matches!(err("十余余万"), NumberError::Syntax(_)));
        // Dropping the marker must not glue digits together.
        assert!(matches!(err("一多二"), NumberError::Syntax(_)));
        assert!(matches!(err("十余点五"), NumberError::Syntax(_)));
    }

    #[test]
    fn malformed() {
        assert_eq!(err(""), NumberError::Empty);
        assert_eq!(err("   "), NumberError::Empty);
        assert!(matches!(err("万"), NumberError::Syntax(_)));
        assert!(matches!(err("万万"), NumberError::Syntax(_)));
        assert!(matches!(err("亿"), NumberError::Syntax(_)));
        assert!(matches!(err("零万"), NumberError::Syntax(_)));
        assert!(matches!(err("十十"), NumberError::Syntax(_)));
        assert!(matches!(err("十五百"), NumberError::Syntax(_)));
        assert!(matches!(err("五六万"), NumberError::Syntax(_)));
        assert!(matches!(err("一万二万"), NumberError::Syntax(_)));
        assert!(matches!(err("3万40000"), NumberError::Syntax(_)));
        assert!(matches!(err("3五"), NumberError::Syntax(_)));
        assert!(matches!(err("k"), NumberError::Syntax(_)));
        assert!(matches!(err("五k"), NumberError::Syntax(_)));
        assert!(matches!(err("40k万"), NumberError::Syntax(_)));
        assert_eq!(err("一打"), NumberError::UnknownChar('打'));
        assert_eq!(err("2e5"), NumberError::UnknownChar('e'));
        assert_eq!(err("-3"), NumberError::UnknownChar('-'));
        assert_eq!(err("12%"), NumberError::UnknownChar('%'));
    }

    #[test]
    fn huge_inputs_error_without_panic() {
        let start = std::time::Instant::now();
        let digits = "7".repeat(1 << 20);
        assert_eq!(err(&digits), NumberError::Overflow);
        let grouped = format!("1{}", ",000".repeat(1 << 18));
        assert_eq!(err(&grouped), NumberError::Overflow);
        assert_eq!(err(&"九".repeat(1 << 18)), NumberError::Overflow);
        assert_eq!(
            err(&format!("一{}", "万".repeat(1 << 18))),
            NumberError::Overflow
        );
        assert_eq!(
            err(&format!("0.{}", "1".repeat(1 << 20))),
            NumberError::Overflow
        );
        assert_eq!(v(&"零".repeat(1 << 18)), "0");
        assert!(err(&"十".repeat(1 << 18)) != NumberError::Empty);
        assert!(start.elapsed().as_secs() < 10);
        // Largest value that fits in the mantissa still parses exactly.
        assert_eq!(v(&i128::MAX.to_string()), i128::MAX.to_string());
    }

    #[test]
    fn bad_grammar_files_are_rejected() {
        let ok = include_str!("../../rules/numbers.toml");
        assert!(toml::from_str::<NumberGrammar>(ok).is_ok());
        let two = ok.replace("\"零\" = 0", "\"零零\" = 0");
        assert!(toml::from_str::<NumberGrammar>(&two).is_err());
        let dup = ok.replace("\"〇\" = 0", "\"一\" = 0");
        assert!(toml::from_str::<NumberGrammar>(&dup).is_err());
        let big = ok.replace("\"九\" = 9", "\"九\" = 10");
        assert!(toml::from_str::<NumberGrammar>(&big).is_err());
    }
}
