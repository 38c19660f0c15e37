//! What several test modules share: one engine with the default rules, built once.

use factx::{Document, Engine, Fact};
use std::sync::OnceLock;

pub fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::with_default_rules().expect("default rules compile"))
}

/// The facts of `text` as one document.
pub fn facts(text: &str) -> Vec<Fact> {
    engine().extract(&Document::new("t", text))
}
