//! Snapshot of `factx extract` over every seed page, as JSON Lines (one snapshot per seed).
//! Review a changed snapshot as a user would read the output.

use factx::output::{FactWriter, Format};
use factx::{Document, Engine};

#[test]
fn seed_pages() {
    let engine = Engine::with_default_rules().expect("default rules compile");
    insta::glob!("../seeds", "*.txt", |path| {
        let name = path.file_name().expect("a file").to_string_lossy();
        let text = std::fs::read_to_string(path).expect("seed is UTF-8");
        let doc = Document::new(format!("seeds/{name}"), text);
        let mut out = Vec::new();
        let mut w = FactWriter::plain(Format::Jsonl, &mut out).expect("writer");
        for fact in engine.extract(&doc) {
            w.write(&fact).expect("write to memory");
        }
        w.finish().expect("finish");
        insta::assert_snapshot!(String::from_utf8(out).expect("JSON is UTF-8"));
    });
}
