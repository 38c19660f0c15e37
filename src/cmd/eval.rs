//! `factx eval`: extract from documents and score against gold facts.

use super::report;
use crate::cmd::cli::{EvalArgs, ReportFormat};
use crate::eval::{evaluate_sets, load_gold, merge_gold, EvalDoc, SetReports};
use crate::input;
use anyhow::Result;
use std::path::Path;

pub fn run(args: &EvalArgs) -> Result<u8> {
    let engine = super::engine(args.province.as_deref(), &args.rules)?;
    let gold_sets = args
        .gold
        .iter()
        .map(|dir| Ok((dir.clone(), load_gold(Path::new(dir))?)))
        .collect::<Result<Vec<_>>>()?;
    // A document in two gold sets is an error: say so before extracting anything.
    merge_gold(&gold_sets)?;
    let (sources, path_errors) = input::expand(&args.paths);
    for e in &path_errors {
        report(e);
    }
    let mut failed = 0;
    let mut docs = Vec::new();
    for source in &sources {
        match source.read() {
            Ok(doc) => {
                let facts = engine.extract(&doc);
                docs.push((doc, facts));
            }
            Err(e) => {
                report(&e);
                failed += 1;
            }
        }
    }
    let eval_docs: Vec<EvalDoc> = docs
        .iter()
        .map(|(doc, facts)| EvalDoc {
            name: Path::new(&doc.id)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| doc.id.clone()),
            text: &doc.text,
            facts,
        })
        .collect();
    let reports = SetReports(evaluate_sets(&gold_sets, &eval_docs)?);
    match args.format {
        ReportFormat::Text => print!("{}", reports.render_text(args.show_errors)),
        // One gold set: its report alone, as before there could be several.
        ReportFormat::Json => match reports.0.as_slice() {
            [(_, report)] => println!("{}", serde_json::to_string_pretty(report)?),
            _ => println!("{}", serde_json::to_string_pretty(&reports)?),
        },
    }
    Ok(super::exit_code(path_errors.len(), failed))
}
