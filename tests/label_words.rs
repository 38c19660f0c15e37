//! Labels are made of whole words: on the seeds and the open corpus (tests/dev2), at most
//! 2 % of indicator labels may start or end inside a word of their sentence as jieba's
//! default dictionary segments it (jieba-rs with its full dictionary, dictionary words
//! only). The rate is printed so a run shows it.

use factx::{Document, Engine};
use std::collections::BTreeSet;
use std::path::Path;

/// Byte offsets where the words of `text` start or end.
fn boundaries(jieba: &jieba_rs::Jieba, text: &str) -> BTreeSet<usize> {
    let mut at = 0;
    let mut out = BTreeSet::from([0]);
    for w in jieba.cut(text, false) {
        at += w.len();
        out.insert(at);
    }
    out
}

/// The occurrence of the longest prefix (or suffix, `from_end`) of `label` in `sentence`
/// that is nearest to `near`: `(start, end)` bytes. None when not even two characters of
/// that side are in the sentence (a word the namer added, like 资金 after a bare verb).
fn longest_piece(
    sentence: &str,
    label: &str,
    from_end: bool,
    near: usize,
) -> Option<(usize, usize)> {
    let cuts: Vec<usize> = label
        .char_indices()
        .map(|(i, _)| i)
        .chain([label.len()])
        .collect();
    // Pieces of two characters or more: one character found somewhere is chance.
    let n = cuts.len() - 1;
    let pieces: Vec<&str> = if from_end {
        cuts[..n.saturating_sub(1)]
            .iter()
            .map(|&i| &label[i..])
            .collect()
    } else {
        cuts[2.min(n)..]
            .iter()
            .rev()
            .map(|&i| &label[..i])
            .collect()
    };
    pieces.into_iter().find_map(|p| {
        sentence
            .match_indices(p)
            .map(|(i, _)| (i, i + p.len()))
            .min_by_key(|&(i, _)| i.abs_diff(near))
    })
}

/// Whether `label` starts or ends inside a word of `sentence`.
fn cuts_a_word(bounds: &BTreeSet<usize>, sentence: &str, label: &str, near: usize) -> bool {
    let start_inside =
        longest_piece(sentence, label, false, near).is_some_and(|(s, _)| !bounds.contains(&s));
    let end_inside =
        longest_piece(sentence, label, true, near).is_some_and(|(_, e)| !bounds.contains(&e));
    start_inside || end_inside
}

fn texts(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("corpus dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("text");
            (p.display().to_string(), text)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn labels_start_and_end_on_word_boundaries() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let engine = Engine::with_default_rules().expect("default rules");
    let jieba = jieba_rs::Jieba::new();
    for (set, dir) in [("seeds", "seeds"), ("dev2", "tests/dev2/texts")] {
        let (mut labels, mut cut) = (0, Vec::new());
        for (name, text) in texts(&root.join(dir)) {
            for f in engine.extract(&Document::new(name.clone(), text)) {
                let Some(label) = f.indicator.as_deref() else {
                    continue;
                };
                labels += 1;
                let near = f.sentence.find(f.raw.as_str()).unwrap_or(0);
                let bounds = boundaries(&jieba, &f.sentence);
                if cuts_a_word(&bounds, &f.sentence, label, near) {
                    cut.push(format!("{name}: {label} ({})", f.raw));
                }
            }
        }
        let rate = cut.len() as f64 / labels.max(1) as f64;
        println!(
            "{set}: {} of {labels} labels start or end inside a word ({:.1} %)",
            cut.len(),
            rate * 100.0
        );
        for c in &cut {
            println!("  {c}");
        }
        assert!(
            rate <= 0.02,
            "{set}: {:.1} % of labels cut a word (at most 2 %)",
            rate * 100.0
        );
    }
}

#[test]
fn the_measure_finds_cut_words() {
    let jieba = jieba_rs::Jieba::new();
    let s = "自治区政府办公厅新一轮派驻工作队利用闲置厂房";
    let b = boundaries(&jieba, s);
    assert!(cuts_a_word(&b, s, "治区政府", 0));
    assert!(cuts_a_word(&b, s, "利用闲", 0));
    assert!(!cuts_a_word(&b, s, "闲置厂房", 0));
    assert!(!cuts_a_word(&b, s, "自治区政府", 0));
    // A head the namer adds (资金) is not in the sentence: only the side that is counts.
    assert!(!cuts_a_word(&b, s, "闲置厂房资金", 0));
}
