//! Output writers: CSV (header, RFC 4180 quoting), JSON Lines, and one JSON array.
//! Records are written as they come, so output streams.

use crate::fact::{Fact, FIELDS};
use anyhow::Result;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Jsonl,
    Json,
}

pub enum FactWriter<W: Write> {
    Csv(Box<csv::Writer<W>>),
    Jsonl(W),
    /// The writer and how many records are in the array so far.
    Json(W, usize),
}

impl<W: Write> FactWriter<W> {
    pub fn new(format: Format, mut out: W) -> Result<FactWriter<W>> {
        Ok(match format {
            Format::Csv => {
                let mut c = csv::Writer::from_writer(out);
                c.write_record(FIELDS)?;
                FactWriter::Csv(Box::new(c))
            }
            Format::Jsonl => FactWriter::Jsonl(out),
            Format::Json => {
                out.write_all(b"[")?;
                FactWriter::Json(out, 0)
            }
        })
    }

    pub fn write(&mut self, fact: &Fact) -> Result<()> {
        match self {
            FactWriter::Csv(c) => c.write_record(fact.cells())?,
            FactWriter::Jsonl(o) => {
                serde_json::to_writer(&mut *o, fact)?;
                o.write_all(b"\n")?;
            }
            FactWriter::Json(o, n) => {
                o.write_all(if *n == 0 { b"\n" } else { b",\n" })?;
                serde_json::to_writer(&mut *o, fact)?;
                *n += 1;
            }
        }
        Ok(())
    }

    /// Pushes what is buffered, so a reader downstream sees each document's facts.
    pub fn flush(&mut self) -> Result<()> {
        match self {
            FactWriter::Csv(c) => c.flush()?,
            FactWriter::Jsonl(o) | FactWriter::Json(o, _) => o.flush()?,
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<()> {
        if let FactWriter::Json(o, n) = &mut self {
            o.write_all(if *n == 0 { b"]\n" } else { b"\n]\n" })?;
        }
        self.flush()
    }
}
