//! `factx articles`: how each page is split into articles, to check what a fact's home
//! region comes from.

use super::report;
use crate::cmd::cli::ArticlesArgs;
use crate::input;
use anyhow::Result;
use std::io::Write;

pub fn run(args: &ArticlesArgs) -> Result<u8> {
    let engine = super::engine(args.province.as_deref(), &Default::default())?;
    let engine = super::with_ref_date(engine, args.ref_date.as_deref())?;
    let (sources, path_errors) = input::expand(&args.paths);
    for e in &path_errors {
        report(e);
    }
    let mut failed = 0;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for source in &sources {
        match source.read() {
            Ok(doc) => {
                writeln!(out, "{}", doc.id)?;
                writeln!(out, "  {}", super::reference_line(&engine, &doc))?;
                for a in engine.articles(&doc) {
                    writeln!(out, "  {a}")?;
                }
            }
            Err(e) => {
                report(&e);
                failed += 1;
            }
        }
    }
    out.flush()?;
    Ok(super::exit_code(path_errors.len(), failed))
}
