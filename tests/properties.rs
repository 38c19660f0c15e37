//! Properties that must hold for any input, checked on generated cases (proptest).

use crate::support::engine;
use factx::value::number::NumberGrammar;
use factx::{Decimal, Document};
use proptest::prelude::*;

/// n written in Chinese numerals, the way a newspaper writes it (一千零一, 十二万, 三亿零五).
fn chinese(n: u64) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    fn group(g: u64, first: bool) -> String {
        let mut s = String::new();
        let mut zero = false;
        for (value, unit) in [(1000, "千"), (100, "百"), (10, "十"), (1, "")] {
            let d = (g / value) % 10;
            if d == 0 {
                zero = !s.is_empty();
                continue;
            }
            if zero {
                s.push('零');
                zero = false;
            }
            // 十二万, not 一十二万, at the very start.
            if !(d == 1 && unit == "十" && s.is_empty() && first) {
                s.push_str(DIGITS[d as usize]);
            }
            s.push_str(unit);
        }
        s
    }
    if n == 0 {
        return "零".to_string();
    }
    let parts = [
        (n / 100_000_000, "亿"),
        ((n / 10_000) % 10_000, "万"),
        (n % 10_000, ""),
    ];
    let mut out = String::new();
    let mut pending_zero = false;
    for (g, unit) in parts {
        if g == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if !out.is_empty() && (pending_zero || g < 1000) {
            out.push('零');
        }
        out.push_str(&group(g, out.is_empty()));
        out.push_str(unit);
        pending_zero = false;
    }
    out
}

proptest! {
    #[test]
    fn arabic_decimals_with_wan_and_yi_parse_exactly(
        int in 0u64..1_000_000_000,
        frac in proptest::option::of(0u32..10_000),
        unit in prop::sample::select(vec![("", 0u32), ("万", 4), ("亿", 8)]),
    ) {
        let grammar = NumberGrammar::embedded();
        let text = match frac {
            Some(f) => format!("{int}.{f:04}{}", unit.0),
            None => format!("{int}{}", unit.0),
        };
        let base: Decimal = match frac {
            Some(f) => format!("{int}.{f:04}").parse().expect("decimal"),
            None => format!("{int}").parse().expect("decimal"),
        };
        let want = base.checked_mul(Decimal::pow10(unit.1).expect("pow")).expect("fits");
        prop_assert_eq!(grammar.parse(&text).expect("parses").value, want);
    }

    #[test]
    fn chinese_numerals_parse_back(n in 1u64..1_000_000_000_000) {
        let grammar = NumberGrammar::embedded();
        let text = chinese(n);
        let got = grammar.parse(&text).map(|p| p.value);
        prop_assert_eq!(got.ok(), Some(Decimal::from_int(i128::from(n))), "{}", text);
    }

    #[test]
    fn offsets_always_point_at_raw(parts in prop::collection::vec(prop::sample::select(vec![
        "投入资金", "5万元", "，", ",", "惠及群众", "１９３２人", "\n", "\n\n", "2025年5月1日",
        "和林格尔县", "超千人", "《关于100万元的通知》", "“千吨网”", "近400万元", "　", "。",
    ]), 0..40)) {
        let text: String = parts.concat();
        for f in engine().extract(&Document::new("p", text.clone())) {
            let at: String = text.chars().skip(f.offset).take(f.raw.chars().count()).collect();
            if !at.contains('\n') {
                prop_assert_eq!(&at, &f.raw);
            }
            let line = text.chars().take(f.offset).filter(|&c| c == '\n').count() + 1;
            prop_assert_eq!(line, f.line);
        }
    }

}

proptest! {
    // Each case extracts all five seeds: a few orders are enough.
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn a_document_does_not_depend_on_the_others(order in Just(()).prop_perturb(|_, mut rng| {
        let mut seeds = vec![0usize, 1, 2, 3, 4];
        for i in (1..seeds.len()).rev() {
            seeds.swap(i, rng.random_range(0..=i));
        }
        seeds
    })) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut names: Vec<_> = std::fs::read_dir(&dir).expect("seeds").map(|e| e.expect("entry").path()).collect();
        names.sort();
        let docs: Vec<Document> = names.iter().map(|p| Document::new(p.display().to_string(), std::fs::read_to_string(p).expect("seed"))).collect();
        let alone: Vec<_> = docs.iter().map(|d| engine().extract(d)).collect();
        for &i in &order {
            prop_assert_eq!(&engine().extract(&docs[i]), &alone[i]);
        }
    }
}

#[test]
fn the_chinese_renderer_is_right() {
    assert_eq!(chinese(1001), "一千零一");
    assert_eq!(chinese(120000), "十二万");
    assert_eq!(chinese(500000006), "五亿零六");
    assert_eq!(chinese(1011000), "一百零一万一千");
}
