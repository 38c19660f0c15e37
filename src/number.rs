//! TEMPORARY stub, replaced by the real numeral grammar.
use crate::decimal::Decimal;
#[derive(Debug)]
pub struct NumberGrammar;
pub struct ParsedNumber {
    pub value: Decimal,
    pub financial: bool,
    pub chinese: bool,
}
#[derive(Debug)]
pub struct NumberError;
impl NumberGrammar {
    pub fn embedded() -> NumberGrammar {
        NumberGrammar
    }
    pub fn parse(&self, s: &str) -> Result<ParsedNumber, NumberError> {
        let mut t = s.replace(',', "");
        let mut mult = Decimal::from_int(1);
        for (suf, e) in [("万亿", 12), ("亿", 8), ("万", 4), ("千", 3)] {
            if let Some(x) = t.strip_suffix(suf) {
                t = x.to_string();
                mult = Decimal::pow10(e).unwrap();
                break;
            }
        }
        let d: Decimal = t.parse().map_err(|_| NumberError)?;
        Ok(ParsedNumber {
            value: d.checked_mul(mult).ok_or(NumberError)?,
            financial: false,
            chinese: false,
        })
    }
}
