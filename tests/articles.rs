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

#[test]
fn a_region_tag_heads_a_digest_item_but_a_paragraph_is_no_title() {
    let engine = super::support::engine();
    let item = "【四子王旗】新增就业岗位1200个\n今年全旗新增就业岗位1200个,完成投资3亿元。\n";
    let articles = engine.articles_of(&Document::new("t", item));
    assert_eq!(articles[0].region.as_deref(), Some("150929"));
    assert_eq!(articles[0].title.as_deref(), Some("新增就业岗位1200个"));
    // A page without line breaks: the tag is followed by the whole text, which is body.
    let page = format!(
        "【四子王旗】{}",
        "今年全旗新增就业岗位1200个,完成投资3亿元。".repeat(20)
    );
    let articles = engine.articles_of(&Document::new("t", page));
    assert_eq!(articles[0].region.as_deref(), Some("150929"));
    assert_eq!(articles[0].title, None);
}
