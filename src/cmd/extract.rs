//! `factx extract`: documents in, fact records out, one document at a time.

use super::report;
use crate::cli::ExtractArgs;
use crate::input;
use crate::output::FactWriter;
use anyhow::{Context, Result};
use std::io::Write;

pub fn run(args: &ExtractArgs) -> Result<u8> {
    let engine = super::engine(args.province.as_deref(), &args.rules)?;
    let (sources, path_errors) = input::expand(&args.paths);
    let out: Box<dyn Write> = match &args.output {
        Some(path) => {
            Box::new(std::fs::File::create(path).with_context(|| format!("{path}: cannot create"))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let mut writer = FactWriter::new(args.format, std::io::BufWriter::new(out))?;
    for e in &path_errors {
        report(e);
    }
    let mut failed = 0;
    for source in &sources {
        let doc = match source.read() {
            Ok(d) => d,
            Err(e) => {
                report(&e);
                failed += 1;
                continue;
            }
        };
        for fact in engine.extract(&doc) {
            writer.write(&fact)?;
        }
        writer.flush()?;
    }
    writer.finish()?;
    Ok(super::exit_code(path_errors.len(), failed))
}
