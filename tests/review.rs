//! The review page (`--format html`): every fact highlighted once with its details, rows
//! linked both ways, gold misses and false alarms marked, hostile text shown as text.

use factx::output::html::{DocView, ReviewPage};
use regex::Regex;
use serde_json::Value;
use std::process::Command;

fn factx(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_factx"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("factx runs");
    assert!(
        out.status.success(),
        "factx {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// HTML attribute text back to plain text (the page escapes exactly these).
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#10;", "\n")
        .replace("&amp;", "&")
}

fn attr(tag: &str, name: &str) -> String {
    let re = Regex::new(&format!(r#" {name}="([^"]*)""#)).expect("attribute regex");
    let caps = re
        .captures(tag)
        .unwrap_or_else(|| panic!("no {name} in {tag}"));
    unescape(&caps[1])
}

#[test]
fn every_fact_has_exactly_one_highlight_with_its_details() {
    let page = factx(&["extract", "seeds/", "--format", "html"]);
    let facts: Vec<Value> = factx(&["extract", "seeds/", "--format", "jsonl"])
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert!(facts.len() > 300, "the seeds give {} facts", facts.len());

    // Documents appear in input order: number them as the page does.
    let mut doc_index = Vec::new();
    let (mut d, mut i) = (0usize, 0usize);
    for (k, f) in facts.iter().enumerate() {
        if k > 0 && f["doc"] != facts[k - 1]["doc"] {
            d += 1;
            i = 0;
        }
        doc_index.push((d, i));
        i += 1;
    }

    let highlight = Regex::new(r#"<a class="f [a-z ]+" id="d[0-9]+f[0-9]+"[^>]*>([^<]*)</a>"#)
        .expect("highlight regex");
    let found = highlight.find_iter(&page).count();
    assert_eq!(found, facts.len(), "one highlight per fact");

    for (f, (d, i)) in facts.iter().zip(&doc_index) {
        let id = format!("id=\"d{d}f{i}\"");
        assert_eq!(page.matches(&id).count(), 1, "{id} appears once");
        let at = page.find(&id).expect("highlight id");
        let start = page[..at].rfind('<').expect("tag start");
        let tag_end = start + page[start..].find('>').expect("tag end");
        let tag = &page[start..tag_end];
        let text = |k: &str| f[k].as_str().unwrap_or("").to_string();
        let value = match &f["value"] {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        assert_eq!(attr(tag, "data-value"), value, "{tag}");
        assert_eq!(attr(tag, "data-unit"), text("unit"));
        assert_eq!(attr(tag, "data-kind"), text("kind"));
        assert_eq!(attr(tag, "data-rule"), text("rule"));
        assert_eq!(attr(tag, "data-indicator"), text("indicator"));
        assert_eq!(attr(tag, "data-region-code"), text("region_code"));
        assert_eq!(attr(tag, "href"), format!("#d{d}r{i}"));
        let tip = attr(tag, "data-tip");
        assert!(tip.contains(&format!("rule: {}", text("rule"))), "{tip}");
        // The highlighted text is the raw text as written (line breaks aside).
        let inner_end = page[tag_end..].find("</a>").expect("closing tag") + tag_end;
        let inner: String = unescape(&page[tag_end + 1..inner_end])
            .lines()
            .map(|l| l.trim())
            .collect();
        assert_eq!(inner, text("raw"));
        // …and the table row links back.
        assert!(
            page.contains(&format!("<tr id=\"d{d}r{i}\"")),
            "row d{d}r{i}"
        );
        assert!(page.contains(&format!("<a href=\"#d{d}f{i}\">")));
    }
    // Article headings with their home region, and the run table.
    assert!(page.contains("<h3 class=\"article\">"));
    assert!(page.contains("科尔沁右翼前旗 152221"));
    assert!(page.contains("<section id=\"run\">"));
}

#[test]
fn hostile_text_is_shown_as_text() {
    let dir = tempdir("hostile");
    let path = dir.join("evil.txt");
    std::fs::write(
        &path,
        "<script>alert('x')</script>总投资5万元,\"<img src=x onerror=alert(1)>\" & 10人。",
    )
    .expect("write");
    let page = factx(&["extract", path.to_str().expect("path"), "--format", "html"]);
    assert!(!page.contains("<script"), "no script element at all");
    assert!(!page.contains("<img"));
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(page.contains("&amp; "));
    assert_eq!(
        page.matches("<a class=\"f money\" id=").count(),
        1,
        "{page}"
    );
    assert_eq!(
        page.matches("<a class=\"f count\" id=").count(),
        1,
        "{page}"
    );
}

#[test]
fn gold_misses_and_false_alarms_are_marked() {
    let gold_dir = tempdir("gold");
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/gold/000_8649f4011eb7aae2.jsonl");
    let lines: Vec<String> = std::fs::read_to_string(src)
        .expect("gold")
        .lines()
        .map(String::from)
        .collect();
    // Drop the first gold fact (factx's fact there becomes a false alarm) and give the
    // second a wrong unit (a miss beside a false alarm).
    let mut second: Value = serde_json::from_str(&lines[1]).expect("gold line");
    second["unit"] = Value::String("万元".into());
    second["value"] = serde_json::json!(9);
    let mut kept = vec![second.to_string()];
    kept.extend(lines[2..].iter().cloned());
    std::fs::write(
        gold_dir.join("000_8649f4011eb7aae2.jsonl"),
        kept.join("\n") + "\n",
    )
    .expect("write gold");

    let page = factx(&[
        "extract",
        "seeds/000_8649f4011eb7aae2.txt",
        "seeds/003_2aca70f694a15d08.txt",
        "--format",
        "html",
        "--gold",
        gold_dir.to_str().expect("path"),
    ]);
    // Regions and indicators that disagree are exactly `factx eval`'s mismatches.
    let eval: Value = serde_json::from_str(&factx(&[
        "eval",
        "--gold",
        gold_dir.to_str().expect("path"),
        "--format",
        "json",
        "seeds/000_8649f4011eb7aae2.txt",
    ]))
    .expect("eval JSON");
    let n = |key: &str| eval[key].as_array().expect(key).len();
    let plural = |n: usize, noun: &str| format!("{n} {noun}{}", if n == 1 { "" } else { "s" });
    let disagree = format!(
        "{} and {} disagree",
        plural(n("region_mismatches"), "region"),
        plural(n("indicator_mismatches"), "indicator")
    );
    assert!(
        page.contains(&format!(
            "Against gold: 1 missed, 2 false alarms, {disagree}."
        )),
        "{page}"
    );
    assert_eq!(
        page.matches(" dis\" id=").count(),
        eval["region_mismatches"]
            .as_array()
            .into_iter()
            .chain(eval["indicator_mismatches"].as_array())
            .flatten()
            .map(|m| (m["predicted_offset"].as_u64(), m["rule"].to_string()))
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        "one mark per fact that disagrees"
    );
    assert_eq!(page.matches("class=\"f date fa\" id=").count(), 2);
    assert_eq!(page.matches("<span class=\"f miss\" id=").count(), 1);
    assert!(page.contains("MISSED: gold line 1"));
    assert!(page.contains("No gold for this document."));
    assert!(page.contains(&format!(
        "Against gold (documents with gold: 1): 1 missed, 2 false alarms, {disagree}."
    )));
}

/// Gold for `doc` made of factx's own facts of it (so it agrees with factx on everything),
/// one JSON Lines record per fact, with `edit` applied to each record.
fn gold_of_own_facts(doc: &std::path::Path, edit: impl Fn(&mut Value)) -> String {
    let text = std::fs::read_to_string(doc).expect("document");
    let chars: Vec<char> = text.chars().collect();
    let mut lines = Vec::new();
    for line in factx(&["extract", doc.to_str().expect("path"), "--format", "jsonl"]).lines() {
        let f: Value = serde_json::from_str(line).expect("JSON line");
        let offset = f["offset"].as_u64().expect("offset") as usize;
        let mut gold = serde_json::json!({
            "doc": doc.file_name().and_then(|n| n.to_str()).expect("file name"),
            "raw": f["raw"],
            "value": f["value"],
            "value_max": f["value_max"],
            "unit": f["unit"],
            "qualifier": f["qualifier"],
            "indicator": f["indicator"],
            "region": f["region"],
            "date": f["date"],
            "context": chars[offset.saturating_sub(8)..offset].iter().collect::<String>(),
        });
        edit(&mut gold);
        lines.push(gold.to_string());
    }
    assert_eq!(lines.len(), 2, "{lines:?}");
    lines.join("\n") + "\n"
}

#[test]
fn gold_with_another_region_marks_the_fact_and_counts_it() {
    let dir = tempdir("disagree");
    let doc = dir.join("county.txt");
    std::fs::write(
        &doc,
        "清水河县今年拿出帮扶资金800万元,新增就业岗位350人。\n",
    )
    .expect("write");
    let gold_dir = dir.join("gold");
    std::fs::create_dir_all(&gold_dir).expect("gold dir");
    let page_with = |gold: String| {
        std::fs::write(gold_dir.join("county.jsonl"), gold).expect("write gold");
        factx(&[
            "extract",
            doc.to_str().expect("path"),
            "--format",
            "html",
            "--gold",
            gold_dir.to_str().expect("path"),
        ])
    };

    // Gold as factx has it: nothing is marked.
    let page = page_with(gold_of_own_facts(&doc, |_| ()));
    assert!(
        page.contains(
            "Against gold: 0 missed, 0 false alarms, 0 regions and 0 indicators disagree."
        ),
        "{page}"
    );
    assert_eq!(page.matches(" dis\" id=").count(), 0);
    assert!(!page.contains("DISAGREES WITH GOLD"));
    assert!(!page.contains("class=\"dis-row\""));

    // The money fact's region changed in gold: that fact, and only it, is marked.
    let page = page_with(gold_of_own_facts(&doc, |g| {
        if g["unit"] == "元" {
            g["region"] = Value::String("武川县".into());
        }
    }));
    assert!(
        page.contains(
            "Against gold: 0 missed, 0 false alarms, 1 region and 0 indicators disagree."
        ),
        "{page}"
    );
    assert!(page.contains(
        "Against gold (documents with gold: 1): 0 missed, 0 false alarms, 1 region and 0 indicators disagree."
    ));
    let marked = Regex::new(r#"<a class="f money dis" id="d0f0"[^>]*>"#).expect("regex");
    let tag = marked
        .find(&page)
        .expect("the money fact is marked")
        .as_str();
    let tip = attr(tag, "data-tip");
    assert!(
        tip.starts_with("DISAGREES WITH GOLD\nregion: factx 清水河县 / gold 武川县\n"),
        "{tip}"
    );
    assert!(!tip.contains("indicator: factx"), "{tip}");
    assert_eq!(page.matches(" dis\" id=").count(), 1, "only that fact");
    assert_eq!(
        page.matches("<tr id=\"d0r0\" class=\"dis-row\">").count(),
        1
    );
    assert!(
        page.contains("region or indicator disagrees with gold"),
        "legend"
    );

    // An indicator gold labels otherwise is counted and shown the same way.
    let page = page_with(gold_of_own_facts(&doc, |g| {
        if g["unit"] == "人" {
            g["indicator"] = Value::String("外出务工".into());
        }
    }));
    assert!(
        page.contains(
            "Against gold: 0 missed, 0 false alarms, 0 regions and 1 indicator disagree."
        ),
        "{page}"
    );
    let marked = Regex::new(r#"<a class="f count dis" id="d0f1"[^>]*>"#).expect("regex");
    let tip = attr(marked.find(&page).expect("marked").as_str(), "data-tip");
    assert!(tip.contains("indicator: factx "), "{tip}");
    assert!(tip.contains(" / gold 外出务工\n"), "{tip}");
}

#[test]
fn past_the_size_limit_documents_are_counted_not_dropped() {
    let mut page = ReviewPage::new(Vec::new(), 100, false).expect("page");
    for (id, text) in [
        ("a.txt", "投资5万元。"),
        ("b.txt", "x".repeat(95).as_str()),
        ("c.txt", "y"),
    ] {
        page.add(&DocView {
            id,
            text,
            facts: &[],
            articles: &[],
            gaz: None,
            gold: None,
        })
        .expect("add");
    }
    let html = String::from_utf8(page.finish().expect("finish")).expect("UTF-8");
    // a.txt (16 bytes) and c.txt fit in 100 bytes; b.txt (95) does not.
    assert!(html.contains("<section class=\"doc\" id=\"d0\"><h2>a.txt"));
    assert!(html.contains("<section class=\"doc\" id=\"d1\"><h2>c.txt"));
    assert!(
        html.contains("Documents left out: 1 (the page holds at most 0.0001 MB of text): b.txt."),
        "{html}"
    );
}

fn tempdir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("factx-review-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn gold_errors_say_what_to_fix() {
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_factx"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(args)
            .output()
            .expect("factx runs");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (code, err) = run(&[
        "extract",
        "seeds/",
        "--format",
        "html",
        "--gold",
        "no/such/dir",
    ]);
    assert_ne!(code, Some(0));
    assert!(err.contains("--gold no/such/dir"), "{err}");
    let (code, err) = run(&["extract", "seeds/", "--gold", "tests/gold"]);
    assert_ne!(code, Some(0));
    assert!(err.contains("use it with --format html"), "{err}");
}

proptest::proptest! {
    /// Any text with any gold misses (overlapping, out of range, empty) renders without a
    /// panic, and the text shows whole, exactly once.
    #[test]
    fn any_misses_render(
        text in "[总投资5万元<&a][总投资5万元\n <&a]{0,40}",
        misses in proptest::collection::vec((0usize..50, 0usize..6), 0..6),
    ) {
        let chars: Vec<char> = text.chars().collect();
        let gold = factx::output::html::GoldMarks {
            misses: misses
                .iter()
                .map(|&(at, len)| factx::output::html::Missed {
                    offset: Some(at),
                    raw: chars.iter().skip(at).take(len).collect(),
                    value: "5 元".into(),
                    gold_line: 1,
                    context: String::new(),
                })
                .collect(),
            false_alarms: Vec::new(),
            disagreements: Vec::new(),
        };
        let mut page = ReviewPage::new(Vec::new(), 1_000, true).expect("page");
        page.add(&DocView {
            id: "p.txt",
            text: &text,
            facts: &[],
            articles: &[],
            gaz: None,
            gold: Some(&gold),
        })
        .expect("add");
        let html = String::from_utf8(page.finish().expect("finish")).expect("UTF-8");
        let start = html.find("<div class=\"text\">").expect("text block");
        let end = start + html[start..].find("</div>").expect("end of text");
        let shown = Regex::new(r"<[^>]*>").expect("tag regex").replace_all(&html[start..end], "");
        proptest::prop_assert_eq!(unescape(&shown), text);
    }
}
