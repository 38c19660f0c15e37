//! Input: files, directories (recursively, `*.txt` and `*.md`, sorted) and stdin.
//!
//! Paths are expanded up front (cheap), documents are read one at a time (streaming).
//! Every problem names the path and says what to do; none stops the other inputs.

pub mod jsonl;

use crate::Document;
use anyhow::{bail, Context, Result};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Something to read one document from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stdin,
    /// The path as the user gave it (or as found under a directory they gave).
    File(PathBuf),
}

impl Source {
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "-".to_string(),
            Source::File(p) => p.display().to_string(),
        }
    }

    /// Reads the whole document, detecting its encoding.
    pub fn read(&self) -> Result<Document> {
        self.read_as(Encoding::Auto)
    }

    /// Reads the whole document in the given encoding (see [`decode`]).
    pub fn read_as(&self, encoding: Encoding) -> Result<Document> {
        let name = self.name();
        let bytes = match self {
            Source::Stdin => {
                let mut buf = Vec::new();
                std::io::stdin()
                    .lock()
                    .read_to_end(&mut buf)
                    .context("-: cannot read standard input")?;
                buf
            }
            Source::File(p) => std::fs::read(p).with_context(|| format!("{name}: cannot read"))?,
        };
        let text = decode(&name, bytes, encoding)?;
        Ok(Document::new(name, text))
    }
}

/// How to read bytes as text (`--encoding`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Encoding {
    /// UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030/GBK if it decodes cleanly
    Auto,
    #[value(name = "utf-8")]
    Utf8,
    /// GBK, read as its superset GB18030
    Gbk,
}

/// Bytes to text. UTF-8 (a BOM is dropped) and UTF-16 with a BOM are read as they are; a
/// file that is not UTF-8 but decodes cleanly as GB18030/GBK is decoded, with a note on
/// stderr; a file cut off inside its last UTF-8 character keeps the rest, with a warning;
/// anything else (a PDF, an image, random bytes) is an error naming the file.
pub fn decode(name: &str, bytes: Vec<u8>, encoding: Encoding) -> Result<String> {
    if encoding == Encoding::Gbk {
        return gb18030(name, &bytes)
            .with_context(|| format!("{name}: not valid GBK/GB18030 text"));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(name, rest.to_vec(), encoding);
    }
    for (bom, enc) in [
        (&[0xFF, 0xFE][..], encoding_rs::UTF_16LE),
        (&[0xFE, 0xFF][..], encoding_rs::UTF_16BE),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return match enc.decode_without_bom_handling_and_without_replacement(rest) {
                Some(text) => Ok(text.into_owned()),
                None => bail!("{name}: not valid {} text", enc.name()),
            };
        }
    }
    if looks_binary(&bytes) {
        bail!("{name}: a binary file (PDF, image or archive?), not text; convert it to text first");
    }
    utf8(name, bytes, encoding)
}

/// The 1-based line of byte offset `at`, for messages that name a file and line.
pub fn line_at(bytes: &[u8], at: usize) -> usize {
    1 + memchr::memchr_iter(b'\n', &bytes[..at]).count()
}

fn utf8(name: &str, bytes: Vec<u8>, encoding: Encoding) -> Result<String> {
    // simdutf8 checks valid text several times faster than the standard library (which
    // goes character by character through Chinese text); copying it is cheaper still.
    // Invalid text takes the standard library's path, for its error position.
    if let Ok(text) = simdutf8::basic::from_utf8(&bytes) {
        return Ok(text.to_owned());
    }
    let err = match String::from_utf8(bytes) {
        Ok(t) => return Ok(t),
        Err(e) => e,
    };
    let at = err.utf8_error().valid_up_to();
    let bytes = err.into_bytes();
    let line = line_at(&bytes, at);
    // Cut off inside its last character (a truncated download): keep what is there.
    if at + 4 > bytes.len() && std::str::from_utf8(&bytes[..at]).is_ok() && at > 0 {
        eprintln!("factx: warning: {name}:{line}: the file ends inside a UTF-8 character (truncated?); the incomplete character was dropped");
        return Ok(String::from_utf8_lossy(&bytes[..at]).into_owned());
    }
    if encoding == Encoding::Auto {
        if let Ok(text) = gb18030(name, &bytes) {
            eprintln!("factx: note: {name}: not UTF-8; read as GB18030/GBK");
            return Ok(text);
        }
    }
    bail!(
        "{name}:{line}: not valid UTF-8 (byte {at}){}; convert the file to UTF-8 (e.g. iconv -f GB18030 -t UTF-8) or give --encoding",
        if encoding == Encoding::Auto { " nor GB18030" } else { "" }
    )
}

fn gb18030(name: &str, bytes: &[u8]) -> Result<String> {
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| t.into_owned())
        .ok_or_else(|| anyhow::anyhow!("{name}: bytes that are not GB18030"))
}

/// NUL bytes or a known binary signature: not a text file in any encoding we read.
fn looks_binary(bytes: &[u8]) -> bool {
    const SIGNATURES: [&[u8]; 6] = [
        b"%PDF",
        b"PK\x03\x04",
        b"\x89PNG",
        b"\xFF\xD8\xFF",
        b"GIF8",
        b"\x7FELF",
    ];
    SIGNATURES.iter().any(|s| bytes.starts_with(s))
        || memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some()
}

/// Expands the command line's paths. `-` (or no path at all) is stdin. Returns the sources
/// in order and one error per path that gave nothing to read.
pub fn expand(paths: &[String]) -> (Vec<Source>, Vec<anyhow::Error>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    if paths.is_empty() {
        sources.push(Source::Stdin);
    }
    for p in paths {
        if p == "-" {
            sources.push(Source::Stdin);
            continue;
        }
        let path = Path::new(p);
        match std::fs::metadata(path) {
            Err(e) => errors.push(anyhow::anyhow!("{p}: {}", describe(&e))),
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                match walk(path, &mut found) {
                    Err(e) => errors.push(e),
                    Ok(()) if found.is_empty() => errors.push(anyhow::anyhow!(
                        "{p}: no .txt or .md files in this directory"
                    )),
                    Ok(()) => {
                        found.sort();
                        sources.extend(found.into_iter().map(Source::File));
                    }
                }
            }
            Ok(_) => sources.push(Source::File(path.to_path_buf())),
        }
    }
    (sources, errors)
}

fn describe(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot list directory", dir.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("{}: cannot list directory", dir.display()))?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&path, out)?;
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"))
        {
            out.push(path);
        }
    }
    Ok(())
}
