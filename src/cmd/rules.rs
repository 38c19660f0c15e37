//! `factx rules check|test|list`: the rule author's tools.

use super::{load_rules, EXIT_OK, EXIT_SOME_FAILED};
use crate::cmd::cli::{RulesCommand, RulesDirs};
use crate::eval::examples::run_all;
use crate::Engine;
use anyhow::Result;

pub fn run(cmd: &RulesCommand) -> Result<u8> {
    match cmd {
        RulesCommand::Check(d) => check(d),
        RulesCommand::Test(d) => test(d),
        RulesCommand::List(d) => list(d),
    }
}

fn check(d: &RulesDirs) -> Result<u8> {
    match load_rules(&d.dirs, d.no_default_rules, true) {
        Ok(set) => {
            println!(
                "ok: {} quantity and date rules, {} indicator rules",
                set.rules.len(),
                set.indicators.len()
            );
            Ok(EXIT_OK)
        }
        Err(errors) => {
            for e in &errors.0 {
                println!("{e}");
            }
            println!("{} errors", errors.0.len());
            Ok(EXIT_SOME_FAILED)
        }
    }
}

/// Loaded rules from a user's directories, or the defaults: which examples to run.
fn in_scope(origin: &str, d: &RulesDirs) -> bool {
    d.dirs.is_empty()
        || d.dirs
            .iter()
            .any(|dir| std::path::Path::new(origin).starts_with(std::path::Path::new(dir)))
}

fn test(d: &RulesDirs) -> Result<u8> {
    let engine = Engine::with_rules(load_rules(&d.dirs, d.no_default_rules, true)?)?;
    let outcomes: Vec<_> = run_all(&engine)
        .into_iter()
        .filter(|o| in_scope(&o.origin, d))
        .collect();
    let failed = outcomes.iter().filter(|o| !o.passed).count();
    for o in &outcomes {
        let mark = if o.passed { "ok  " } else { "FAIL" };
        println!("{mark} {} {}: {}", o.origin, o.rule, o.text);
        if !o.passed {
            for line in o.detail.lines() {
                println!("       {line}");
            }
        }
    }
    println!("{} passed, {} failed", outcomes.len() - failed, failed);
    Ok(if failed > 0 {
        EXIT_SOME_FAILED
    } else {
        EXIT_OK
    })
}

fn list(d: &RulesDirs) -> Result<u8> {
    let set = load_rules(&d.dirs, d.no_default_rules, true)?;
    for r in &set.rules {
        let kind = if r.is_date { "date" } else { "quantity" };
        println!("{:<24} {:<10} {}", r.id, kind, r.origin);
    }
    for r in &set.indicators {
        println!("{:<24} {:<10} {}", r.id, "indicator", r.origin);
    }
    Ok(EXIT_OK)
}
