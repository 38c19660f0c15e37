//! Exact decimal numbers for fact values.
//!
//! Values are `mantissa × 10^-scale` in an `i128` (38 significant digits), always kept in
//! lowest terms, so `1.82亿` is exactly 182000000 and derived equality is value equality.
//! No floating point is used anywhere: `16.4亿` must be 1640000000, not 1639999999.

use std::fmt;
use std::str::FromStr;

/// Largest scale we keep; 元角分 and shares need far less, but a user's rule may divide.
const MAX_SCALE: u32 = 18;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Decimal {
    mantissa: i128,
    scale: u32,
}

impl Decimal {
    pub const ZERO: Decimal = Decimal {
        mantissa: 0,
        scale: 0,
    };

    /// Builds `mantissa × 10^-scale`, reduced to lowest terms.
    pub fn new(mantissa: i128, scale: u32) -> Decimal {
        let (mut m, mut s) = (mantissa, scale);
        while s > 0 && m % 10 == 0 {
            m /= 10;
            s -= 1;
        }
        if m == 0 {
            s = 0;
        }
        Decimal {
            mantissa: m,
            scale: s,
        }
    }

    pub fn from_int(i: i128) -> Decimal {
        Decimal::new(i, 0)
    }

    /// `10^exp`, or `None` when it does not fit.
    pub fn pow10(exp: u32) -> Option<Decimal> {
        10i128.checked_pow(exp).map(Decimal::from_int)
    }

    pub fn mantissa(self) -> i128 {
        self.mantissa
    }

    pub fn scale(self) -> u32 {
        self.scale
    }

    pub fn is_integer(self) -> bool {
        self.scale == 0
    }

    pub fn is_zero(self) -> bool {
        self.mantissa == 0
    }

    /// Brings both to the same scale so their mantissas can be added or compared.
    fn align(self, other: Decimal) -> Option<(i128, i128, u32)> {
        let scale = self.scale.max(other.scale);
        let a = self
            .mantissa
            .checked_mul(10i128.checked_pow(scale - self.scale)?)?;
        let b = other
            .mantissa
            .checked_mul(10i128.checked_pow(scale - other.scale)?)?;
        Some((a, b, scale))
    }

    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        let (a, b, scale) = self.align(other)?;
        Some(Decimal::new(a.checked_add(b)?, scale))
    }

    pub fn checked_mul(self, other: Decimal) -> Option<Decimal> {
        let scale = self.scale + other.scale;
        if scale > MAX_SCALE * 2 {
            return None;
        }
        Some(Decimal::new(
            self.mantissa.checked_mul(other.mantissa)?,
            scale,
        ))
    }

    pub fn checked_neg(self) -> Option<Decimal> {
        Some(Decimal::new(self.mantissa.checked_neg()?, self.scale))
    }

    /// Exact division by a power of ten (for 万元 → 元 the other way round, 角 → 元).
    pub fn checked_div_pow10(self, exp: u32) -> Option<Decimal> {
        let scale = self.scale.checked_add(exp)?;
        if scale > MAX_SCALE * 2 {
            return None;
        }
        Some(Decimal::new(self.mantissa, scale))
    }
}

/// Parses plain decimal text: `1271`, `-3`, `1.82`, `0.5`. No exponent, no grouping.
impl FromStr for Decimal {
    type Err = ParseDecimalError;

    fn from_str(s: &str) -> Result<Decimal, ParseDecimalError> {
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        let (int, frac) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        if (int.is_empty() && frac.is_empty()) || !all_digits(int) || !all_digits(frac) {
            return Err(ParseDecimalError);
        }
        let frac = frac.trim_end_matches('0');
        if frac.len() as u32 > MAX_SCALE {
            return Err(ParseDecimalError);
        }
        let mut m: i128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            m = m
                .checked_mul(10)
                .and_then(|m| m.checked_add(i128::from(b - b'0')))
                .ok_or(ParseDecimalError)?;
        }
        let d = Decimal::new(m, frac.len() as u32);
        if neg {
            d.checked_neg().ok_or(ParseDecimalError)
        } else {
            Ok(d)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseDecimalError;

impl fmt::Display for ParseDecimalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a plain decimal number")
    }
}

impl std::error::Error for ParseDecimalError {}

/// Plain notation, never an exponent: `20000000000`, `0.83`, `-1.5`.
impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.mantissa.unsigned_abs().to_string();
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let scale = self.scale as usize;
        if scale == 0 {
            return write!(f, "{sign}{digits}");
        }
        if digits.len() > scale {
            let (i, fr) = digits.split_at(digits.len() - scale);
            write!(f, "{sign}{i}.{fr}")
        } else {
            write!(f, "{sign}0.{}{digits}", "0".repeat(scale - digits.len()))
        }
    }
}

/// Serialised as a JSON number written exactly as `Display` prints it.
impl serde::Serialize for Decimal {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.scale == 0 {
            if let Ok(i) = i64::try_from(self.mantissa) {
                return s.serialize_i64(i);
            }
        }
        let raw = serde_json::value::RawValue::from_string(self.to_string())
            .map_err(serde::ser::Error::custom)?;
        raw.serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("test input is valid")
    }

    #[test]
    fn parses_and_prints_exactly() {
        assert_eq!(d("1.82").to_string(), "1.82");
        assert_eq!(d("1271").to_string(), "1271");
        assert_eq!(d("0.50").to_string(), "0.5");
        assert_eq!(d("-0.05").to_string(), "-0.05");
        assert_eq!(d("100.00").to_string(), "100");
        assert!("1,2".parse::<Decimal>().is_err());
        assert!("".parse::<Decimal>().is_err());
        assert!(".".parse::<Decimal>().is_err());
    }

    #[test]
    fn scaling_is_exact() {
        let yi = Decimal::pow10(8).expect("test input is valid");
        assert_eq!(
            d("1.82")
                .checked_mul(yi)
                .expect("test input is valid")
                .to_string(),
            "182000000"
        );
        assert_eq!(
            d("16.4")
                .checked_mul(yi)
                .expect("test input is valid")
                .to_string(),
            "1640000000"
        );
        assert_eq!(
            d("2105.6")
                .checked_mul(d("10000"))
                .expect("test input is valid"),
            d("21056000")
        );
        assert_eq!(
            d("5").checked_div_pow10(1).expect("test input is valid"),
            d("0.5")
        );
        assert_eq!(
            d("50").checked_add(d("0.63")).expect("test input is valid"),
            d("50.63")
        );
    }

    #[test]
    fn overflow_is_none_not_panic() {
        let big = Decimal::from_int(i128::MAX);
        assert!(big.checked_mul(d("10")).is_none());
        assert!(big.checked_add(d("1")).is_none());
        assert!(Decimal::pow10(60).is_none());
    }

    #[test]
    fn serialises_as_json_number() {
        let v = serde_json::to_string(&vec![d("0.83"), d("20000000000"), d("7")])
            .expect("test input is valid");
        assert_eq!(v, "[0.83,20000000000,7]");
    }
}
