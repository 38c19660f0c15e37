//! How long loading rules takes: the defaults, and the defaults plus 500 generated user
//! rules (indicator rules, then quantity rules). Run with `cargo bench --bench rule_load`.

use factx::rules::{default_sources, RuleSet, Source};
use std::time::{Duration, Instant};

fn mean_load(sources: &[Source], runs: u32) -> Duration {
    let start = Instant::now();
    for _ in 0..runs {
        if let Err(errors) = RuleSet::load(sources) {
            for e in errors {
                eprintln!("{e}");
            }
            std::process::exit(1);
        }
    }
    start.elapsed() / runs
}

fn generated(kind: &str, n: usize) -> Source {
    let mut text = String::new();
    for i in 0..n {
        let rule = if kind == "indicator" {
            format!(
                "[[indicator]]\nid = \"user.ind{i}\"\napplies_to = \"number\"\nbefore = '(?:指标{i}号|项目{i}产值)(?:达|为)?$'\nlabel = \"指标{i}\"\nexamples = [{{ text = \"指标{i}号达5万元\", indicator = \"指标{i}\" }}]\n\n"
            )
        } else {
            format!(
                "[[rule]]\nid = \"user.q{i}\"\nunits = [\"吨\"]\npattern = '第{i}批(?P<num>{{NUM_ARABIC}})(?P<unit>{{UNIT}})'\nexamples = [{{ text = \"第{i}批5吨\", value = 5, unit = \"吨\" }}]\n\n"
            )
        };
        text.push_str(&rule);
    }
    Source {
        name: format!("generated-{kind}.toml"),
        text,
        group: 1,
    }
}

fn main() {
    let runs = 20;
    let defaults = default_sources();
    let base = mean_load(&defaults, runs);
    println!("defaults: {base:?} per load (mean of {runs})");
    for kind in ["indicator", "quantity"] {
        let mut sources = defaults.clone();
        sources.push(generated(kind, 500));
        let t = mean_load(&sources, runs);
        println!(
            "defaults + 500 {kind} rules: {t:?} per load, {:?} more",
            t.saturating_sub(base)
        );
    }
}
