//! `factx extract`: documents in, fact records out, one document at a time.

use super::report;
use crate::cmd::cli::{ExtractArgs, InputFormat};
use crate::eval::{basename, evaluate, load_gold, EvalDoc, Gold, Report};
use crate::input::jsonl::{self, Fields};
use crate::input::{self, Source};
use crate::output::html::{
    range_text, Differ, Disagreement, DocView, GoldMarks, Missed, ReviewPage,
};
use crate::output::{in_money_unit, zh, Columns, FactWriter, Format, Header};
use crate::{Document, Engine, Fact};
use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;
use std::io::{BufReader, IsTerminal, Write};
use std::path::Path;
use std::time::Instant;

/// What a run did, for the summary line and the exit code.
#[derive(Debug, Default)]
struct Tally {
    documents: usize,
    with_facts: usize,
    facts: usize,
    errors: usize,
}

impl Tally {
    /// One document done, with `facts` facts.
    fn count(&mut self, facts: usize) {
        self.documents += 1;
        self.facts += facts;
        self.with_facts += usize::from(facts > 0);
    }
}

pub fn run(args: &ExtractArgs) -> Result<u8> {
    let started = Instant::now();
    let engine = super::engine(args.province.as_deref(), &args.rules)?;
    let engine = super::with_ref_date(engine, args.ref_date.as_deref())?;
    if args.gold.is_some() && args.format != Format::Html {
        bail!("--gold marks a review page: use it with --format html (or score with `factx eval`)");
    }
    let columns = Columns::new(args.fields.as_deref(), args.header)?;
    let (sources, path_errors) = input::expand(&args.paths);
    for e in &path_errors {
        report(e);
    }
    let progress = Progress::new(args, &sources);
    let mut tally = Tally::default();

    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let run = Run {
        args,
        engine: &engine,
        sources: &sources,
        progress: &progress,
        jobs,
    };
    if args.format == Format::Xlsx {
        let mut facts = Vec::new();
        run.for_each_result(Handover::default(), |result| {
            tallied(&mut tally, result, |_, found| {
                facts.extend_from_slice(found);
                Ok(())
            })
        })?;
        write_xlsx(args, &facts, &columns)?;
    } else if args.format == Format::Html {
        let gold = match &args.gold {
            Some(dir) => Some(
                load_gold(Path::new(dir))
                    .with_context(|| format!("--gold {dir}: cannot read the gold facts"))?,
            ),
            None => None,
        };
        let mut page = ReviewPage::new(
            std::io::BufWriter::new(output(args)?),
            ReviewPage::<Box<dyn Write>>::DEFAULT_MAX_BYTES,
            gold.is_some(),
        )?;
        run.for_each_result(Handover::default(), |result| {
            tallied(&mut tally, result, |doc, found| {
                let marks = gold.as_ref().and_then(|g| gold_marks(g, doc, found));
                let articles = engine.articles_of(doc);
                page.add(&DocView {
                    id: &doc.id,
                    text: &doc.text,
                    facts: found,
                    articles: &articles,
                    gaz: Some(engine.gazetteer()),
                    gold: marks.as_ref(),
                })?;
                Ok(())
            })
        })?;
        page.finish()?;
    } else {
        let out = output(args)?;
        let bom = args.bom || args.format == Format::ExcelCsv;
        let render_columns = columns.clone();
        let mut writer = FactWriter::new(args.format, std::io::BufWriter::new(out), columns, bom)?;
        let handover = Handover {
            stream_over: Some(STREAM_OVER_BYTES),
            render: Some(&render_columns),
        };
        run.for_each_result(handover, |result| {
            if let Ok(Extracted::Rendered(count, bytes)) = &result {
                writer.write_records(bytes, *count)?;
                tally.count(*count);
                return writer.flush();
            }
            if let Ok(Extracted::Stream(doc)) = &result {
                // Written as they are found: a huge page's facts are never all in memory.
                let found = stream(&engine, args, doc, |fact| writer.write(&fact))?;
                tally.count(found);
                return writer.flush();
            }
            tallied(&mut tally, result, |_, found| {
                for fact in found {
                    writer.write(fact)?;
                }
                writer.flush()
            })
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
    // The process ends next: freeing the rules and the gazetteer piece by piece would
    // only add to every run's time (a tenth of start-up).
    std::mem::forget(engine);
    Ok(super::exit_code(path_errors.len(), tally.errors))
}

/// Where the output goes: `-o FILE`, else stdout.
fn output(args: &ExtractArgs) -> Result<Box<dyn Write>> {
    Ok(match &args.output {
        Some(path) => {
            Box::new(std::fs::File::create(path).with_context(|| format!("{path}: cannot create"))?)
        }
        None => Box::new(std::io::stdout().lock()),
    })
}

/// A document's misses, false alarms and disagreeing regions and indicators against its
/// gold facts, as `factx eval` matches and scores them; None when the gold has no facts
/// for this document.
fn gold_marks(gold: &Gold, doc: &Document, facts: &[Fact]) -> Option<GoldMarks> {
    let name = basename(doc.id.trim());
    let mine: Gold = Gold::from([(name.clone(), gold.get(&name)?.clone())]);
    let report = evaluate(
        &mine,
        &[EvalDoc {
            name,
            text: &doc.text,
            facts,
        }],
    );
    Some(GoldMarks {
        misses: report
            .misses
            .iter()
            .map(|m| Missed {
                offset: m.offset,
                raw: m.raw.clone(),
                value: format!("{} {}", range_text(&m.value, &m.value_max), m.unit),
                gold_line: m.gold_line,
                context: m.context.clone(),
            })
            .collect(),
        false_alarms: report
            .false_alarms
            .iter()
            .map(|f| (f.offset, f.raw.clone(), f.rule.clone()))
            .collect(),
        disagreements: disagreements(&report),
    })
}

/// The matched facts whose region or indicator eval scores as wrong, one per fact.
fn disagreements(report: &Report) -> Vec<Disagreement> {
    let mut by_fact: BTreeMap<(usize, String, String), Disagreement> = BTreeMap::new();
    let lists = [
        (&report.region_mismatches, true),
        (&report.indicator_mismatches, false),
    ];
    for (list, is_region) in lists {
        for m in list {
            let key = (m.predicted_offset, m.predicted_raw.clone(), m.rule.clone());
            let d = by_fact.entry(key).or_insert_with(|| Disagreement {
                offset: m.predicted_offset,
                raw: m.predicted_raw.clone(),
                rule: m.rule.clone(),
                ..Disagreement::default()
            });
            let differ = Some(Differ {
                factx: m.predicted.clone(),
                gold: m.gold.clone(),
            });
            if is_region {
                d.region = differ;
            } else {
                d.indicator = differ;
            }
        }
    }
    by_fact.into_values().collect()
}

/// A document and its facts.
/// A document larger than this is extracted as its facts are written (text output only):
/// a scraped page on one line can hold hundreds of thousands of facts.
const STREAM_OVER_BYTES: usize = 1 << 20;

/// A document's result: its facts, or, for a page too large to hold them all, the page
/// itself, extracted while its facts are written.
enum Extracted {
    Facts(Document, Vec<Fact>),
    Stream(Document),
    /// How many records, and their text, rendered on the worker's thread (text formats,
    /// more than one job): the thread that writes the output then only copies them.
    Rendered(usize, Vec<u8>),
}

fn extract(engine: &Engine, args: &ExtractArgs, doc: Document) -> Extracted {
    let mut facts = Vec::new();
    let done = stream(engine, args, &doc, |fact| {
        facts.push(fact);
        Ok(())
    });
    debug_assert!(done.is_ok(), "collecting facts cannot fail");
    Extracted::Facts(doc, facts)
}

/// Extracts `doc` handing each fact (in the chosen money unit, and with `--header zh` its
/// kind and qualifier in Chinese) to `write` as it is made; returns how many there were.
fn stream(
    engine: &Engine,
    args: &ExtractArgs,
    doc: &Document,
    mut write: impl FnMut(Fact) -> Result<()>,
) -> Result<usize> {
    warn_long_numbers(doc);
    // The review page keeps the English kinds: they are its highlight classes.
    let chinese = args.header == Header::Zh && args.format != Format::Html;
    let mut found = 0;
    engine.extract_each(doc, |fact| {
        found += 1;
        let fact = in_money_unit(fact, &args.money_unit);
        write(if chinese { zh::localise(fact) } else { fact })
    })?;
    Ok(found)
}

/// Past this many digits no value fits: the run is a code, a hash or a broken scrape.
const MAX_DIGITS: usize = 38;

/// Says where a digit run is too long to be any exact number, instead of dropping it
/// silently.
fn warn_long_numbers(doc: &Document) {
    let bytes = doc.text.as_bytes();
    if !has_long_digit_run(bytes) {
        return;
    }
    let warn = |end: usize, run: usize| {
        if run > MAX_DIGITS {
            let line = input::line_at(bytes, end - run);
            eprintln!(
                "factx: warning: {}:{line}: a run of {run} digits is too long to be a number; it gives no fact",
                doc.id
            );
        }
    };
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_digit() {
            run += 1;
        } else {
            warn(i, run);
            run = 0;
        }
    }
    warn(bytes.len(), run);
}

/// Whether some run of digits is longer than `MAX_DIGITS`. Such a run covers every
/// position of a window of `MAX_DIGITS + 1`, so looking at one byte in each window finds
/// it: this runs over every byte of the input, and almost never finds one.
fn has_long_digit_run(bytes: &[u8]) -> bool {
    let stride = MAX_DIGITS + 1;
    let mut i = MAX_DIGITS;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += stride;
            continue;
        }
        let start = bytes[..i]
            .iter()
            .rposition(|b| !b.is_ascii_digit())
            .map_or(0, |p| p + 1);
        let end = bytes[i..]
            .iter()
            .position(|b| !b.is_ascii_digit())
            .map_or(bytes.len(), |p| i + p);
        if end - start > MAX_DIGITS {
            return true;
        }
        // A long run after this one starts past `end` and so covers `end + stride`.
        i = end + stride;
    }
    false
}

/// Reads every document of every source in order (a file is one document, or one per
/// JSON Lines line) and hands each, or the error reading it, to `send`.
fn read_documents(
    args: &ExtractArgs,
    sources: &[Source],
    progress: &Progress,
    mut send: impl FnMut(Result<Document>) -> Result<()>,
) -> Result<()> {
    let fields = Fields {
        id: args.id_field.clone(),
        text: args.text_field.clone(),
        date: args.date_field.clone(),
    };
    for source in sources {
        match args.input {
            InputFormat::Text => send(source.read_as(args.encoding))?,
            InputFormat::Jsonl => {
                let name = source.name();
                let reader: Box<dyn std::io::BufRead> = match source {
                    Source::Stdin => Box::new(BufReader::new(std::io::stdin().lock())),
                    Source::File(p) => match std::fs::File::open(p) {
                        Ok(f) => Box::new(BufReader::new(f)),
                        Err(e) => {
                            send(Err(anyhow::anyhow!("{name}: cannot read: {e}")))?;
                            continue;
                        }
                    },
                };
                for doc in jsonl::documents(&name, reader, &fields) {
                    send(doc)?;
                }
            }
        }
        progress.tick();
    }
    Ok(())
}

/// One run's documents and what works through them.
struct Run<'a> {
    args: &'a ExtractArgs,
    engine: &'a Engine,
    sources: &'a [Source],
    progress: &'a Progress,
    jobs: usize,
}

/// How a writer wants documents handed over: a page over `stream_over` bytes unextracted
/// (it extracts the page as it writes), and, with more than one job, the records already
/// rendered in the `render` columns (text formats).
#[derive(Default)]
struct Handover<'a> {
    stream_over: Option<usize>,
    render: Option<&'a Columns>,
}

impl Run<'_> {
    /// Extracts every document, on `jobs` threads, and hands the results to `each` in
    /// input order, so the output is the same for any number of jobs. At most a few
    /// documents per job are in flight, whatever the size of the input (see
    /// [`crate::cmd::ordered`]).
    fn for_each_result(
        &self,
        handover: Handover,
        mut each: impl FnMut(Result<Extracted>) -> Result<()>,
    ) -> Result<()> {
        let Run {
            args,
            engine,
            sources,
            progress,
            jobs,
        } = *self;
        let Handover {
            stream_over,
            render,
        } = handover;
        // A page past `stream_over` goes to `each` unextracted, in its turn. With more than
        // one job, the records are rendered here, on the worker's thread.
        let work = |doc: Result<Document>| -> Result<Extracted> {
            let doc = doc?;
            if stream_over.is_some_and(|limit| doc.text.len() > limit) {
                return Ok(Extracted::Stream(doc));
            }
            let extracted = extract(engine, args, doc);
            let writer = render
                .filter(|_| jobs > 1)
                .and_then(|columns| FactWriter::records(args.format, columns.clone()));
            match (extracted, writer) {
                (Extracted::Facts(_, facts), Some(mut writer)) => {
                    for fact in &facts {
                        writer.write(fact)?;
                    }
                    Ok(Extracted::Rendered(facts.len(), writer.into_records()?))
                }
                (extracted, _) => Ok(extracted),
            }
        };
        if jobs <= 1 {
            return read_documents(args, sources, progress, |doc| each(work(doc)));
        }
        // A few documents per job in flight, whatever the input: one huge page holds back
        // at most this many behind it.
        crate::cmd::ordered::ordered_map(
            jobs,
            4 * jobs,
            |send| read_documents(args, sources, progress, send),
            work,
            each,
        )
    }
}

/// Counts a document's result and passes its facts on; a failed document is reported.
fn tallied(
    tally: &mut Tally,
    result: Result<Extracted>,
    mut write: impl FnMut(&Document, &[Fact]) -> Result<()>,
) -> Result<()> {
    match result {
        Ok(Extracted::Facts(doc, facts)) => {
            write(&doc, &facts)?;
            tally.count(facts.len());
        }
        // Only the text writers ask for streaming, and they extract such a page themselves;
        // should one arrive here anyway, it is reported, never dropped silently.
        Ok(Extracted::Stream(doc)) => {
            report(&anyhow::anyhow!(
                "{}: was not extracted (too large for this output)",
                doc.id
            ));
            tally.errors += 1;
        }
        // Only the text writers ask for rendered records, and they add them themselves.
        Ok(Extracted::Rendered(count, _)) => {
            report(&anyhow::anyhow!(
                "{count} records were rendered for another output"
            ));
            tally.errors += 1;
        }
        Err(e) => {
            report(&e);
            tally.errors += 1;
        }
    }
    Ok(())
}

#[cfg(feature = "xlsx")]
fn write_xlsx(args: &ExtractArgs, facts: &[Fact], columns: &Columns) -> Result<()> {
    let Some(path) = &args.output else {
        bail!("--format xlsx writes a file: give -o FILE.xlsx");
    };
    crate::output::xlsx::write_xlsx(
        std::path::Path::new(path),
        facts,
        &columns.names(),
        &columns.header,
    )
}

#[cfg(not(feature = "xlsx"))]
fn write_xlsx(_: &ExtractArgs, _: &[Fact], _: &Columns) -> Result<()> {
    bail!("this factx was built without xlsx support (with --no-default-features): build it with the default features, `cargo build --release` (or add `--features xlsx`), or use --format excel-csv")
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Sampling one byte per window finds exactly the runs a full scan finds.
        #[test]
        fn long_digit_runs_are_found(text in "([0-9]{0,45}[a中,]{0,3}){0,6}") {
            let full = text
                .as_bytes()
                .split(|b| !b.is_ascii_digit())
                .any(|run| run.len() > MAX_DIGITS);
            prop_assert_eq!(has_long_digit_run(text.as_bytes()), full);
        }
    }
}
