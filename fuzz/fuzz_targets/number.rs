//! The numeral parser on arbitrary text: never panics, and a value it returns prints back
//! as a plain decimal.
#![no_main]
use factx::value::number::NumberGrammar;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static GRAMMAR: OnceLock<NumberGrammar> = OnceLock::new();
    let grammar = GRAMMAR.get_or_init(NumberGrammar::embedded);
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(n) = grammar.parse(text) {
            let printed = n.value.to_string();
            assert!(printed.parse::<factx::Decimal>().is_ok(), "{printed}");
        }
    }
});
