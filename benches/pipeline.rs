//! Where `factx extract` spends its time, stage by stage, on the seed pages: number
//! parsing, normalisation and sentence splitting, quantity lexing, region matching, and
//! the whole pipeline. Run with `cargo bench --bench pipeline` (filter: `-- lex`).
//! Corpus throughput and start-up of the binary: `scripts/bench.sh`.

use divan::counter::{BytesCount, ItemsCount};
use divan::Bencher;
use factx::page::{normalize, segment};
use factx::quantity::lexer;
use factx::value::number::NumberGrammar;
use factx::{Document, Engine, Gazetteer, RuleSet};
use std::fmt;

fn main() {
    divan::main();
}

/// One seed page, shown by its number in divan's output.
#[derive(Clone, Copy)]
struct Seed {
    name: &'static str,
    text: &'static str,
}

impl fmt::Display for Seed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// A seed page by its file name in `seeds/`, compiled in.
macro_rules! seed {
    ($name:literal, $file:literal) => {
        Seed {
            name: $name,
            text: include_str!(concat!("../seeds/", $file)),
        }
    };
}

const SEEDS: &[Seed] = &[
    seed!("seed000", "000_8649f4011eb7aae2.txt"),
    seed!("seed001", "001_37e0b673d0f6a67d.txt"),
    seed!("seed002", "002_3d5ce0af248e9fcd.txt"),
    seed!("seed003", "003_2aca70f694a15d08.txt"),
    seed!("seed004", "004_f0ece77333821940.txt"),
];

/// Numerals as news writes them: Arabic with 万/亿, grouped, Chinese, mixed, financial.
const NUMERALS: &[&str] = &[
    "1.82亿",
    "3700万",
    "一千二百三十四",
    "12,345.67",
    "两万五千",
    "1000",
    "0.5",
    "十余万",
    "3.5万",
    "二〇二五",
    "壹仟贰佰",
    "1万5",
];

/// `NumberGrammar::parse` over every numeral in [`NUMERALS`] (counters: the whole list).
#[divan::bench]
fn number_parse(bencher: Bencher) {
    let grammar = NumberGrammar::embedded();
    for s in NUMERALS {
        assert!(grammar.parse(s).is_ok(), "{s} does not parse");
    }
    let bytes: usize = NUMERALS.iter().map(|s| s.len()).sum();
    bencher
        .counter(BytesCount::new(bytes))
        .counter(ItemsCount::new(NUMERALS.len()))
        .bench(|| {
            for s in NUMERALS {
                divan::black_box(grammar.parse(divan::black_box(s)).ok());
            }
        });
}

/// `normalize::normalize` and `segment::sentences` on one page.
#[divan::bench(args = SEEDS)]
fn normalize_segment(bencher: Bencher, seed: Seed) {
    bencher.counter(BytesCount::of_str(seed.text)).bench(|| {
        let norm = normalize::normalize(divan::black_box(seed.text));
        let spans = segment::sentences(&norm.text);
        (norm, spans)
    });
}

/// `lexer::scan` on every sentence of one page (normalised and split beforehand, outside
/// the timing): the quantity and date rules.
#[divan::bench(args = SEEDS)]
fn lex(bencher: Bencher, seed: Seed) {
    let rules = RuleSet::embedded().expect("the default rules compile");
    let norm = normalize::normalize(seed.text);
    let spans = segment::sentences(&norm.text);
    let scan_all = || {
        spans
            .iter()
            .map(|span| lexer::scan(&rules, &norm.text, span.start, span.end).len())
            .sum::<usize>()
    };
    // Each rule's regex compiles on first use: do that before timing.
    assert!(scan_all() > 0);
    bencher
        .counter(BytesCount::of_str(seed.text))
        .bench(scan_all);
}

/// `Gazetteer::mentions` on one normalised page (no home province).
#[divan::bench(args = SEEDS)]
fn region_mentions(bencher: Bencher, seed: Seed) {
    let gaz = Gazetteer::embedded().expect("the gazetteer loads");
    let norm = normalize::normalize(seed.text);
    bencher
        .counter(BytesCount::of_str(seed.text))
        .bench(|| gaz.mentions(divan::black_box(&norm.text), None));
}

/// `Engine::extract` on one page: everything but reading files and writing output.
#[divan::bench(args = SEEDS)]
fn extract(bencher: Bencher, seed: Seed) {
    let engine = Engine::with_default_rules().expect("the default rules compile");
    let doc = Document::new("seed", seed.text);
    assert!(!engine.extract(&doc).is_empty());
    bencher
        .counter(BytesCount::of_str(seed.text))
        .bench(|| engine.extract(divan::black_box(&doc)));
}
