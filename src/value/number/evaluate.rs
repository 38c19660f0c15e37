//! Evaluation of a numeral's tokens: the approximation marker, 点 and its fraction
//! digits, and multiplier numerals (四十九兆九千五百九十二億).

use super::{NumberError, Tok};
use crate::value::decimal::Decimal;

/// More fraction digits than this cannot be represented exactly (see `decimal::MAX_SCALE`).
const MAX_FRACTION_DIGITS: usize = 18;

/// Removes the one allowed 余/多/几 marker. It must follow a numeral and precede a large unit
/// or the end (十余万, 一千多), so that dropping it never joins two digits into one number.
pub(super) fn strip_approx(toks: &[Tok]) -> Result<(Vec<Tok>, bool), NumberError> {
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

pub(super) fn evaluate(toks: &[Tok]) -> Result<Decimal, NumberError> {
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
