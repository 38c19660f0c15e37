//! `factx extract`: documents in, fact records out, one document at a time.

use super::report;
use crate::cli::{ExtractArgs, InputFormat};
use crate::input::{self, Source};
use crate::jsonl_input::{self, parse_iso_date, Fields};
use crate::output::{in_money_unit, Columns, FactWriter, Format};
use crate::{Document, Engine, Fact};
use anyhow::{bail, Context, Result};
use std::io::{BufReader, IsTerminal, Write};
use std::time::Instant;

/// What a run did, for the summary line and the exit code.
#[derive(Debug, Default)]
struct Tally {
    documents: usize,
    with_facts: usize,
    facts: usize,
    errors: usize,
}

pub fn run(args: &ExtractArgs) -> Result<u8> {
    let started = Instant::now();
    let mut engine = super::engine(args.province.as_deref(), &args.rules)?;
    if let Some(d) = &args.ref_date {
        let day = parse_iso_date(d)
            .with_context(|| format!("--ref-date {d:?}: write the date as YYYY-MM-DD"))?;
        engine = engine.with_ref_date(day);
    }
    let columns = Columns::new(args.fields.as_deref(), args.header)?;
    let (sources, path_errors) = input::expand(&args.paths);
    for e in &path_errors {
        report(e);
    }
    let progress = Progress::new(args, &sources);
    let mut tally = Tally::default();

    if args.format == Format::Xlsx {
        let mut facts = Vec::new();
        for_each_document(args, &sources, &mut tally, &progress, |doc| {
            let found: Vec<Fact> = extract(&engine, args, doc);
            facts.extend(found.iter().cloned());
            Ok(found.len())
        })?;
        write_xlsx(args, &facts, &columns)?;
    } else {
        let out: Box<dyn Write> = match &args.output {
            Some(path) => Box::new(
                std::fs::File::create(path).with_context(|| format!("{path}: cannot create"))?,
            ),
            None => Box::new(std::io::stdout().lock()),
        };
        let bom = args.bom || args.format == Format::ExcelCsv;
        let mut writer = FactWriter::new(args.format, std::io::BufWriter::new(out), columns, bom)?;
        for_each_document(args, &sources, &mut tally, &progress, |doc| {
            let found = extract(&engine, args, doc);
            for fact in &found {
                writer.write(fact)?;
            }
            writer.flush()?;
            Ok(found.len())
        })?;
        writer.finish()?;
    }
    progress.finish();
    if args.stats || (!args.quiet && std::io::stderr().is_terminal()) {
        eprintln!(
            "factx: {} documents ({} with facts), {} facts, {} errors, {:.2} s",
            tally.documents,
            tally.with_facts,
            tally.facts,
            tally.errors + path_errors.len(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(super::exit_code(path_errors.len(), tally.errors))
}

fn extract(engine: &Engine, args: &ExtractArgs, doc: &Document) -> Vec<Fact> {
    warn_long_numbers(doc);
    engine
        .extract(doc)
        .into_iter()
        .map(|f| in_money_unit(f, &args.money_unit))
        .collect()
}

/// Says where a digit run is too long to be any exact number (past 38 digits no value
/// fits; it is a code, a hash or a broken scrape), instead of dropping it silently.
fn warn_long_numbers(doc: &Document) {
    const MAX_DIGITS: usize = 38;
    let mut run = 0;
    let mut line = 1;
    for b in doc.text.bytes().chain(std::iter::once(b' ')) {
        if b.is_ascii_digit() {
            run += 1;
            continue;
        }
        if run > MAX_DIGITS {
            eprintln!(
                "factx: warning: {}:{line}: a run of {run} digits is too long to be a number; it gives no fact",
                doc.id
            );
        }
        run = 0;
        if b == b'\n' {
            line += 1;
        }
    }
}

/// Reads every document of every source (a file is one document, or one per JSON Lines
/// line) and hands it to `each`, which returns how many facts it wrote. A document that
/// cannot be read is reported and counted; the run goes on.
fn for_each_document(
    args: &ExtractArgs,
    sources: &[Source],
    tally: &mut Tally,
    progress: &Progress,
    mut each: impl FnMut(&Document) -> Result<usize>,
) -> Result<()> {
    let fields = Fields {
        id: args.id_field.clone(),
        text: args.text_field.clone(),
        date: args.date_field.clone(),
    };
    let mut handle = |doc: Result<Document>, tally: &mut Tally| -> Result<()> {
        match doc {
            Ok(doc) => {
                let n = each(&doc)?;
                tally.documents += 1;
                tally.facts += n;
                tally.with_facts += usize::from(n > 0);
            }
            Err(e) => {
                report(&e);
                tally.errors += 1;
            }
        }
        Ok(())
    };
    for source in sources {
        match args.input {
            InputFormat::Text => handle(source.read_as(args.encoding), tally)?,
            InputFormat::Jsonl => {
                let name = source.name();
                let reader: Box<dyn std::io::BufRead> = match source {
                    Source::Stdin => Box::new(BufReader::new(std::io::stdin().lock())),
                    Source::File(p) => match std::fs::File::open(p) {
                        Ok(f) => Box::new(BufReader::new(f)),
                        Err(e) => {
                            handle(Err(anyhow::anyhow!("{name}: cannot read: {e}")), tally)?;
                            continue;
                        }
                    },
                };
                for doc in jsonl_input::documents(&name, reader, &fields) {
                    handle(doc, tally)?;
                }
            }
        }
        progress.tick();
    }
    Ok(())
}

#[cfg(feature = "xlsx")]
fn write_xlsx(args: &ExtractArgs, facts: &[Fact], columns: &Columns) -> Result<()> {
    let Some(path) = &args.output else {
        bail!("--format xlsx writes a file: give -o FILE.xlsx");
    };
    crate::xlsx::write_xlsx(
        std::path::Path::new(path),
        facts,
        &columns.names(),
        &columns.header,
    )
}

#[cfg(not(feature = "xlsx"))]
fn write_xlsx(_: &ExtractArgs, _: &[Fact], _: &Columns) -> Result<()> {
    bail!("this factx was built without xlsx support: build it with `cargo build --release --features xlsx`, or use --format excel-csv")
}

/// A progress bar on stderr for long runs at a terminal; nothing otherwise.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    fn new(args: &ExtractArgs, sources: &[Source]) -> Progress {
        const MANY_FILES: usize = 50;
        const BIG_INPUT: u64 = 8 << 20;
        if args.quiet || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bytes: u64 = sources
            .iter()
            .filter_map(|s| match s {
                Source::File(p) => std::fs::metadata(p).ok().map(|m| m.len()),
                Source::Stdin => None,
            })
            .sum();
        if sources.len() < MANY_FILES && bytes < BIG_INPUT {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::new(sources.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed_precise}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Progress(Some(bar))
    }

    fn tick(&self) {
        if let Some(b) = &self.0 {
            b.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}
