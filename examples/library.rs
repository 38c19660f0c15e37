//! Using factx as a library: extract facts from a text and print them.
//!
//! Run with `cargo run --example library`.

use factx::{Document, Engine};

fn main() -> anyhow::Result<()> {
    let engine = Engine::with_default_rules()?;
    let doc = Document::new(
        "example",
        "2025年,和林格尔县在盛乐镇等6个乡镇投入衔接资金1615万元,规划建设4939kW光伏电站。\
         据测算,该电站预计年收益200余万元,可覆盖脱贫及监测人口306人。",
    );
    for fact in engine.extract(&doc) {
        println!(
            "{:<8} {:>12} {:<4} {:<7} {}",
            fact.kind,
            fact.value.to_string(),
            fact.unit,
            fact.qualifier.as_deref().unwrap_or(""),
            fact.raw
        );
    }
    Ok(())
}
