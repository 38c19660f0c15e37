//! The rule loader on arbitrary TOML, on top of the defaults: errors, never panics.
#![no_main]
use factx::rules::{default_sources, RuleSet, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let mut sources = default_sources();
        sources.push(Source {
            name: "fuzz.toml".to_string(),
            text: text.to_string(),
            group: 1,
        });
        let _ = RuleSet::load(&sources);
    }
});
