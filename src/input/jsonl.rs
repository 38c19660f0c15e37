//! JSON Lines input: one document per line, `{"id": …, "text": …, "date": …}`, with
//! configurable field names, so factx can sit in a data pipeline (Hadoop Streaming, Spark
//! `rdd.pipe`). A bad line is an error naming its line; the other lines go on.

use crate::value::day::PartialDate;
use crate::Document;
use anyhow::{anyhow, Result};
use std::io::BufRead;

/// Field names to read.
#[derive(Debug, Clone)]
pub struct Fields {
    pub id: String,
    pub text: String,
    pub date: String,
}

impl Default for Fields {
    fn default() -> Fields {
        Fields {
            id: "id".to_string(),
            text: "text".to_string(),
            date: "date".to_string(),
        }
    }
}

/// The documents of a JSON Lines stream named `name`, one per non-blank line.
pub fn documents<'a, R: BufRead + 'a>(
    name: &'a str,
    reader: R,
    fields: &'a Fields,
) -> impl Iterator<Item = Result<Document>> + 'a {
    reader
        .lines()
        .enumerate()
        .filter(|(_, l)| l.as_ref().map_or(true, |l| !l.trim().is_empty()))
        .map(move |(i, line)| {
            let n = i + 1;
            let line = line.map_err(|e| anyhow!("{name}:{n}: cannot read: {e}"))?;
            parse_line(&line, fields).map_err(|why| anyhow!("{name}:{n}: {why}"))
        })
}

fn parse_line(line: &str, fields: &Fields) -> Result<Document, String> {
    let value: serde_json::Value = serde_json::from_str(line.trim_start_matches('\u{FEFF}'))
        .map_err(|e| format!("not valid JSON ({e})"))?;
    let obj = value
        .as_object()
        .ok_or_else(|| "not a JSON object".to_string())?;
    let text = obj
        .get(&fields.text)
        .and_then(|v| v.as_str())
        .ok_or_else(|| format!("no text field {:?} (set --text-field)", fields.text))?;
    let id = match obj.get(&fields.id) {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => return Err(format!("no id field {:?} (set --id-field)", fields.id)),
    };
    let mut doc = Document::new(id, text);
    if let Some(d) = obj.get(&fields.date).and_then(|v| v.as_str()) {
        doc.ref_date =
            Some(parse_iso_date(d).ok_or_else(|| format!("date {d:?} is not YYYY-MM-DD"))?);
    }
    Ok(doc)
}

/// `2025-11-19` (a time after it, as in `2025-11-19T08:00:00`, is ignored).
pub fn parse_iso_date(s: &str) -> Option<PartialDate> {
    let s = s.get(..10)?;
    let mut parts = s.split('-');
    let year: u32 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    let d = PartialDate {
        year: Some(year),
        month,
        day: Some(day),
    };
    d.is_valid().then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_documents_and_reports_bad_lines() {
        let input = "{\"id\": \"a\", \"text\": \"投资5万元\", \"date\": \"2025-11-19\"}\n\
                     not json\n\n{\"id\": 7, \"text\": \"惠及群众12人\"}\n{\"id\": \"c\"}\n";
        let fields = Fields::default();
        let docs: Vec<_> = documents("in.jsonl", input.as_bytes(), &fields).collect();
        assert_eq!(docs.len(), 4);
        let a = docs[0].as_ref().expect("line 1");
        assert_eq!((a.id.as_str(), a.text.as_str()), ("a", "投资5万元"));
        assert_eq!(a.ref_date.map(|d| d.iso()), Some("2025-11-19".to_string()));
        let bad = docs[1].as_ref().expect_err("line 2").to_string();
        assert!(bad.starts_with("in.jsonl:2: not valid JSON"), "{bad}");
        assert_eq!(docs[2].as_ref().expect("line 4").id, "7");
        let no_text = docs[3].as_ref().expect_err("line 5").to_string();
        assert_eq!(
            no_text,
            "in.jsonl:5: no text field \"text\" (set --text-field)"
        );
    }

    #[test]
    fn iso_dates() {
        assert!(parse_iso_date("2025-02-30").is_none());
        assert_eq!(
            parse_iso_date("2025-11-19T08:00:00").map(|d| d.iso()),
            Some("2025-11-19".into())
        );
    }
}
