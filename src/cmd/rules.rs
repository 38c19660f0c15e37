//! `factx rules test|list`.

use super::{EXIT_OK, EXIT_SOME_FAILED};
use crate::cli::RulesCommand;
use crate::examples::run_all;
use crate::Engine;
use anyhow::Result;

pub fn run(cmd: &RulesCommand) -> Result<u8> {
    let engine = Engine::with_default_rules()?;
    match cmd {
        RulesCommand::List => {
            for r in &engine.rules().rules {
                let kind = if r.is_date { "date" } else { "quantity" };
                println!("{:<22} {:<9} {}", r.id, kind, r.origin);
            }
            Ok(EXIT_OK)
        }
        RulesCommand::Test => {
            let outcomes = run_all(&engine);
            let failed = outcomes.iter().filter(|o| !o.passed).count();
            for o in &outcomes {
                let mark = if o.passed { "ok  " } else { "FAIL" };
                println!("{mark} {} {}: {}", o.origin, o.rule, o.text);
                if !o.passed {
                    println!("     {}", o.detail);
                }
            }
            println!("{} passed, {} failed", outcomes.len() - failed, failed);
            Ok(if failed > 0 {
                EXIT_SOME_FAILED
            } else {
                EXIT_OK
            })
        }
    }
}
