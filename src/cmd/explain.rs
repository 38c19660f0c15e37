//! `factx explain`: every fact in a text with the reasons behind its fields.

use super::EXIT_OK;
use crate::cmd::cli::ExplainArgs;
use crate::input::Source;
use crate::Document;
use anyhow::Result;
use std::io::Write;
use std::path::PathBuf;

pub fn run(args: &ExplainArgs) -> Result<u8> {
    let engine = super::engine(args.province.as_deref(), &args.rules)?;
    let engine = super::with_ref_date(engine, args.ref_date.as_deref())?;
    let doc = match (&args.text, &args.file) {
        (Some(t), _) => Document::new("text", t.clone()),
        (None, Some(p)) if p == "-" => Source::Stdin.read()?,
        (None, Some(p)) => Source::File(PathBuf::from(p)).read()?,
        (None, None) => anyhow::bail!("give a TEXT or --file PATH"),
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    // The page's places with their roles, and each article's home, before the facts.
    engine.page_regions(&doc, |page| -> Result<()> {
        for p in &page.places {
            let region = p
                .code
                .as_deref()
                .map(|c| engine.gazetteer().path(c))
                .unwrap_or_else(|| format!("ambiguous: {}", p.candidates.join(";")).into());
            let mut how = p.role.clone().unwrap_or_else(|| "subject".into());
            if p.town {
                how.push_str(", town");
            }
            if let Some(g) = p.group {
                let group = &page.groups[g];
                let lca = group
                    .code
                    .as_deref()
                    .map_or("several provinces".to_string(), |c| {
                        engine.gazetteer().path(c).to_string()
                    });
                how.push_str(&format!(", one of a collective → {lca}"));
            }
            writeln!(out, "place  {}  {}  [{how}]", p.surface, region)?;
        }
        for (a, home) in page.articles.iter().zip(&page.homes) {
            let region = match home {
                crate::place::attribution::Home::Region { code, .. } => {
                    engine.gazetteer().path(code)
                }
                _ => "-".into(),
            };
            writeln!(
                out,
                "home   line {}: {region}  [{}]",
                a.line,
                crate::place::attribution::describe(home)
            )?;
        }
        writeln!(
            out,
            "page   [{}]",
            crate::place::attribution::describe(&page.page_home)
        )?;
        writeln!(out, "date   {}\n", super::reference_line(&engine, &doc))?;
        Ok(())
    })?;
    let facts = engine.extract(&doc);
    if facts.is_empty() {
        writeln!(out, "no facts")?;
    }
    for f in facts {
        let value = match &f.value_max {
            Some(max) => format!("{}..{}", f.value, max),
            None => f.value.to_string(),
        };
        writeln!(out, "{}  (line {}, offset {})", f.raw, f.line, f.offset)?;
        writeln!(
            out,
            "  value      {value} {} {}   [rule {}]",
            f.unit,
            f.qualifier.as_deref().unwrap_or(""),
            f.rule
        )?;
        writeln!(
            out,
            "  indicator  {}   [{}]",
            f.indicator.as_deref().unwrap_or("-"),
            f.indicator_source
                .as_deref()
                .unwrap_or("no rule or fallback named it")
        )?;
        writeln!(out, "  words      {}", label_words(&f.sentence, &f.raw))?;
        writeln!(
            out,
            "  region     {}   [{}{}]",
            f.region_path
                .as_deref()
                .or(f.region_candidates.as_deref())
                .unwrap_or("-"),
            f.region_reason.as_deref().unwrap_or("-"),
            f.region_mention
                .as_deref()
                .map(|m| format!(": {m}"))
                .unwrap_or_default()
        )?;
        if let Some(d) = &f.date {
            writeln!(out, "  period     {d}")?;
        }
        writeln!(out, "  sentence   {}", f.sentence)?;
    }
    out.flush()?;
    Ok(EXIT_OK)
}

/// The words around a fact as the label grammar reads them (jieba's dictionary, with
/// part-of-speech tags): up to 16 characters before it, it, and up to 8 after it.
fn label_words(sentence: &str, raw: &str) -> String {
    let Some(at) = sentence.find(raw) else {
        return "-".to_string();
    };
    let before = &sentence[..at];
    let from = before.char_indices().rev().nth(15).map_or(0, |(i, _)| i);
    let after = &sentence[at + raw.len()..];
    let to = after.char_indices().nth(8).map_or(after.len(), |(i, _)| i);
    let show = |t: &str| {
        crate::page::words::words(t)
            .iter()
            .map(|w| format!("{}/{}", w.text, w.tag))
            .collect::<Vec<_>>()
            .join(" ")
    };
    format!("{} [{raw}] {}", show(&before[from..]), show(&after[..to]))
}
