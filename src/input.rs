//! Input: files, directories (recursively, `*.txt` and `*.md`, sorted) and stdin.
//!
//! Paths are expanded up front (cheap), documents are read one at a time (streaming).
//! Every problem names the path and says what to do; none stops the other inputs.

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

    /// Reads the whole document. A UTF-8 byte order mark is dropped.
    pub fn read(&self) -> Result<Document> {
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
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                bail!(
                    "{name}:{line}: not valid UTF-8 (byte {at}); convert the file to UTF-8 \
                     (e.g. iconv -f GB18030 -t UTF-8)"
                );
            }
        };
        let text = match text.strip_prefix('\u{FEFF}') {
            Some(t) => t.to_string(),
            None => text,
        };
        Ok(Document::new(name, text))
    }
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
