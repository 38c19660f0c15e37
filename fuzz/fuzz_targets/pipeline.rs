//! The whole pipeline on arbitrary bytes (read as the lossy UTF-8 a scraper may produce):
//! never panics, and every fact's offset points at its raw text.
#![no_main]
use factx::{Document, Engine};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    let engine = ENGINE.get_or_init(|| Engine::with_default_rules().expect("default rules"));
    let text = String::from_utf8_lossy(data).into_owned();
    let facts = engine.extract(&Document::new("fuzz", text.clone()));
    for f in facts {
        let at: String = text.chars().skip(f.offset).take(f.raw.chars().count()).collect();
        if !f.raw.is_empty() && !text.contains('\n') {
            assert_eq!(at, f.raw, "offset {} of {:?}", f.offset, f.raw);
        }
    }
});
