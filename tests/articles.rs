//! Article segmentation of each seed page: start line, home region (and its source), title
//! and first sentence. Review a changed snapshot by reading the page beside it.

use factx::{Document, Engine};

#[test]
fn seed_page_articles() {
    let engine = Engine::with_default_rules().expect("default rules compile");
    insta::glob!("../seeds", "*.txt", |path| {
        let text = std::fs::read_to_string(path).expect("seed is UTF-8");
        let doc = Document::new("seed", text);
        insta::assert_snapshot!(engine.articles(&doc).join("\n"));
    });
}
