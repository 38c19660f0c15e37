use super::*;
use proptest::prelude::*;

fn g() -> NumberGrammar {
    NumberGrammar::embedded()
}

proptest! {
    /// The plain-digits shortcut gives exactly what the grammar gives.
    #[test]
    fn plain_digits_read_as_the_grammar_reads_them(s in "[0-9]{1,32}(\\.[0-9]{1,8})?|[0-9.]{1,6}") {
        let grammar = g();
        let fast = plain_arabic(&s);
        let full = grammar.parse_tokens(&s);
        match (fast, full) {
            (Some(f), Ok(p)) => {
                prop_assert_eq!(f.value, p.value);
                prop_assert_eq!((f.financial, f.chinese, f.approximate), (p.financial, p.chinese, p.approximate));
            }
            (None, _) => {}
            (Some(f), Err(e)) => prop_assert!(false, "{s}: shortcut {:?}, grammar {e:?}", f.value),
        }
    }
}

proptest! {
    /// Any n < 10^12 written as its 万 part, 万, and the rest (零 before a rest under
    /// 1000, as Chinese writes the gap) reads back as n.
    #[test]
    fn wan_part_and_rest_read_back(n in 0u64..1_000_000_000_000) {
        let (wan, rest) = (n / 10_000, n % 10_000);
        let text = match (wan, rest) {
            (0, r) => r.to_string(),
            (w, 0) => format!("{w}万"),
            (w, r) if r < 1000 => format!("{w}万零{r}"),
            (w, r) => format!("{w}万{r}"),
        };
        prop_assert_eq!(v(&text), n.to_string());
    }

    /// Any number printed in groups of three by spaces reads back as itself.
    #[test]
    fn space_grouped_digits_read_back(n in 1000u64..u64::MAX, thin in proptest::bool::ANY) {
        let digits = n.to_string();
        let sep = if thin { "\u{2009}" } else { " " };
        let head = digits.len() % 3;
        let mut text = digits[..head].to_string();
        for (i, group) in digits.as_bytes()[head..].chunks(3).enumerate() {
            if head > 0 || i > 0 {
                text.push_str(sep);
            }
            text.push_str(std::str::from_utf8(group).map_err(|e| TestCaseError::fail(e.to_string()))?);
        }
        prop_assert_eq!(v(&text), digits);
    }
}

fn v(s: &str) -> String {
    match g().parse(s) {
        Ok(p) => p.value.to_string(),
        Err(e) => panic!("{s:?} failed: {e}"),
    }
}

fn err(s: &str) -> NumberError {
    match g().parse(s) {
        Ok(p) => panic!("{s:?} parsed as {}", p.value),
        Err(e) => e,
    }
}

#[test]
fn arabic() {
    assert_eq!(v("1271"), "1271");
    assert_eq!(v("1,271"), "1271");
    assert_eq!(v("12,345,678.5"), "12345678.5");
    assert_eq!(v("2105.6"), "2105.6");
    assert_eq!(v("0.83"), "0.83");
    assert_eq!(v("4.800"), "4.8");
    assert_eq!(v(".5"), "0.5");
    assert_eq!(v("1,050,000,000"), "1050000000");
    assert_eq!(v("10,000.233"), "10000.233");
    let p = g().parse("1271").expect("test input is valid");
    assert!(!p.chinese && !p.financial && !p.approximate);
}

#[test]
fn arabic_errors() {
    assert_eq!(err("1,2345"), NumberError::BadGrouping);
    assert_eq!(err("12,34"), NumberError::BadGrouping);
    assert_eq!(err(",123"), NumberError::BadGrouping);
    assert_eq!(err("1234,567"), NumberError::BadGrouping);
    assert!(matches!(err("1.2.3"), NumberError::Syntax(_)));
    assert!(matches!(err("1,234.5,6"), NumberError::Syntax(_)));
    assert!(matches!(err("5."), NumberError::Syntax(_)));
    assert!(matches!(err("."), NumberError::Syntax(_)));
    assert!(matches!(err(","), NumberError::BadGrouping));
    assert_eq!(err("4 6"), NumberError::BadGrouping);
    assert_eq!(err("1.0000000000000000001"), NumberError::Overflow);
}

#[test]
fn full_width_is_folded() {
    assert_eq!(v("１９９１"), "1991");
    assert_eq!(v("４，５６５"), "4565");
    assert_eq!(v("２．２亿"), "220000000");
    assert_eq!(v("2４4"), "244");
    assert_eq!(v("４０Ｋ"), "40000");
}

#[test]
fn arabic_with_units() {
    assert_eq!(v("1.2万"), "12000");
    assert_eq!(v("3万"), "30000");
    assert_eq!(v("1.3万亿"), "1300000000000");
    assert_eq!(v("10万万"), "1000000000");
    assert_eq!(v("4.78万亿"), "4780000000000");
    assert_eq!(v("8千"), "8000");
    assert_eq!(v("5百"), "500");
    assert_eq!(v("2.5亿"), "250000000");
    assert_eq!(v("16.4亿"), "1640000000");
    assert_eq!(v("1.82亿"), "182000000");
    assert_eq!(v("40k"), "40000");
    assert_eq!(v("40K"), "40000");
    assert_eq!(v("1.5k"), "1500");
    assert_eq!(v("1,100.9亿"), "110090000000");
    assert_eq!(v("3千5百"), "3500");
    assert_eq!(v("7 万5 千4 百"), "75400");
    assert_eq!(v("5亿1万4千6百"), "500014600");
    assert_eq!(v("1千零20"), "1020");
    assert_eq!(v("2千零30万"), "20300000");
    assert_eq!(v("3万4000"), "34000");
    assert_eq!(v("1万5"), "15000");
    assert_eq!(v("1000  万"), "10000000");
    let p = g().parse("3万").expect("test input is valid");
    assert!(p.chinese && !p.financial);
}

#[test]
fn mixed_arabic_and_chinese_parts() {
    // The forms of the issue, then more of the same shapes.
    assert_eq!(v("4万5000"), "45000");
    assert_eq!(v("3千零50万"), "30500000");
    assert_eq!(v("1亿2000万"), "120000000");
    assert_eq!(v("5千3百万"), "53000000");
    assert_eq!(v("2万零300"), "20300");
    assert_eq!(v("6万零8"), "60008");
    assert_eq!(v("12亿3456万7890"), "1234567890");
    assert_eq!(v("1亿零500万"), "105000000");
    assert_eq!(v("9千9百9十9"), "9999");
    assert_eq!(v("2.5亿3000万"), "280000000");
    assert_eq!(v("7万3千"), "73000");
    assert_eq!(v("8百零6"), "806");
    assert_eq!(v("3万零60"), "30060");
}

#[test]
fn digits_grouped_by_spaces() {
    assert_eq!(v("48 315"), "48315");
    assert_eq!(v("126 904"), "126904");
    assert_eq!(v("1 023 456"), "1023456");
    assert_eq!(v("1\u{2009}023\u{2009}456"), "1023456");
    assert_eq!(v("7\u{202F}500.25"), "7500.25");
    assert_eq!(v("3\u{3000}600"), "3600");
    assert_eq!(v("12 345万"), "123450000");
    // Not one number: other group sizes, a leading zero (a code), mixed separators.
    assert_eq!(err("3 5 7"), NumberError::BadGrouping);
    assert_eq!(err("12 34"), NumberError::BadGrouping);
    assert_eq!(err("1234 567"), NumberError::BadGrouping);
    assert_eq!(err("010 020"), NumberError::BadGrouping);
    assert_eq!(err("1,234 567"), NumberError::BadGrouping);
    assert!(err("48  315").to_string().contains("space"));
    assert!(err("48\t315").to_string().contains("space"));
}

#[test]
fn chinese_multipliers() {
    assert_eq!(v("千"), "1000");
    assert_eq!(v("百"), "100");
    assert_eq!(v("十"), "10");
    assert_eq!(v("百万"), "1000000");
    assert_eq!(v("千万"), "10000000");
    assert_eq!(v("两万"), "20000");
    assert_eq!(v("三千万"), "30000000");
    assert_eq!(v("一千二百"), "1200");
    assert_eq!(v("一千零一"), "1001");
    assert_eq!(v("一百零一万一千"), "1011000");
    assert_eq!(v("五亿零六"), "500000006");
    assert_eq!(v("七十八万五佰零六"), "780506");
    assert_eq!(v("十五"), "15");
    assert_eq!(v("二十"), "20");
    assert_eq!(v("一百五十二"), "152");
    assert_eq!(v("一万零五百"), "10500");
    assert_eq!(v("一万二百五十"), "10250");
    assert_eq!(v("一百零十万"), "1100000");
    assert_eq!(v("一万零十二"), "10012");
    assert_eq!(v("零十"), "10");
    assert_eq!(v("四万万"), "400000000");
    assert_eq!(v("一万五千亿"), "1500000000000");
    assert_eq!(v("三百五十一万亿"), "351000000000000");
    assert_eq!(v("四十九兆九千五百九十二億"), "49959200000000");
    assert_eq!(v("五兆六十二亿四万五千二"), "5006200045200");
    assert_eq!(v("二十 億"), "2000000000");
    assert_eq!(v("三千 八百 九十六 万 四千 九百 六十五"), "38964965");
    assert_eq!(
        v("四千五百六十九万八千三百一十一亿四千八百七十二万五千三百八十二"),
        "4569831148725382"
    );
}

#[test]
fn trailing_digit_is_one_order_lower() {
    assert_eq!(v("两千四百五"), "2450");
    assert_eq!(v("四百五"), "450");
    assert_eq!(v("三万五"), "35000");
    assert_eq!(v("一千陆"), "1600");
    assert_eq!(v("百三"), "130");
    assert_eq!(v("九十二万四"), "924000");
    assert_eq!(v("两千四百五万"), "24500000");
    // 零 or an explicit unit keeps the digit as it is.
    assert_eq!(v("一千零五"), "1005");
    assert_eq!(v("四千零五万"), "40050000");
    assert_eq!(v("四百五十"), "450");
    // A digit followed by its own large unit is that group's value, not scaled.
    assert_eq!(v("一亿四万"), "100040000");
    assert_eq!(v("五亿四"), "540000000");
    assert_eq!(v("3万4"), "34000");
    assert_eq!(v("一万十二"), "10012");
}

#[test]
fn financial_and_traditional() {
    let p = g().parse("壹佰伍拾").expect("test input is valid");
    assert_eq!(p.value.to_string(), "150");
    assert!(p.financial && p.chinese);
    assert_eq!(v("肆佰陸拾"), "460");
    assert_eq!(v("倆千两百贰拾二"), "2222");
    assert_eq!(v("兩千兩百貳拾二"), "2222");
    assert_eq!(v("十万柒仟捌佰伍拾肆"), "107854");
    assert_eq!(v("拾亿零六万零五百零六"), "1000060506");
    assert!(
        !g().parse("两千四百五")
            .expect("test input is valid")
            .financial
    );
}

#[test]
fn positional_digits() {
    assert_eq!(v("零"), "0");
    assert_eq!(v("〇"), "0");
    assert_eq!(v("二〇二四"), "2024");
    assert_eq!(v("一九九八"), "1998");
    assert_eq!(v("二"), "2");
    assert_eq!(v("两"), "2");
}

#[test]
fn decimal_point_word() {
    assert_eq!(v("三点五"), "3.5");
    assert_eq!(v("一点二亿"), "120000000");
    assert_eq!(v("两百点两"), "200.2");
    assert_eq!(v("十二点五万"), "125000");
    assert_eq!(v("零点五"), "0.5");
    assert_eq!(v("两千万点五五四四"), "20000000.5544");
    assert_eq!(v("两千三点一"), "2300.1");
    assert_eq!(v("四百亿点零五零"), "40000000000.05");
    assert_eq!(v("一百五十四点零"), "154");
    assert_eq!(v("一点二万亿"), "1200000000000");
    assert_eq!(
        v("八千 三百 八十五 萬 二千 三百 二十六 點三三"),
        "83852326.33"
    );
    assert!(matches!(err("点五"), NumberError::Syntax(_)));
    assert!(matches!(err("三点"), NumberError::Syntax(_)));
    assert!(matches!(err("三点五点六"), NumberError::Syntax(_)));
    assert!(matches!(err("两千万点五万"), NumberError::Syntax(_)));
    assert!(matches!(err("2.5点三"), NumberError::Syntax(_)));
    assert_eq!(
        err("一点二三四五六七八九一二三四五六七八九一二"),
        NumberError::Overflow
    );
}

#[test]
fn approximate_markers() {
    let p = g().parse("十余万").expect("test input is valid");
    assert_eq!(p.value.to_string(), "100000");
    assert!(p.approximate);
    assert_eq!(v("十 余 万"), "100000");
    assert_eq!(v("一千多万"), "10000000");
    assert_eq!(v("二十几万"), "200000");
    assert_eq!(v("一百零几万"), "1000000");
    assert_eq!(v("500余万"), "5000000");
    assert_eq!(v("一百多"), "100");
    assert!(!g().parse("十万").expect("test input is valid").approximate);
    assert!(matches!(err("余万"), NumberError::Syntax(_)));
    assert!(matches!(err("十余余万"), NumberError::Syntax(_)));
    // Dropping the marker must not glue digits together.
    assert!(matches!(err("一多二"), NumberError::Syntax(_)));
    assert!(matches!(err("十余点五"), NumberError::Syntax(_)));
}

#[test]
fn malformed() {
    assert_eq!(err(""), NumberError::Empty);
    assert_eq!(err("   "), NumberError::Empty);
    assert!(matches!(err("万"), NumberError::Syntax(_)));
    assert!(matches!(err("万万"), NumberError::Syntax(_)));
    assert!(matches!(err("亿"), NumberError::Syntax(_)));
    assert!(matches!(err("零万"), NumberError::Syntax(_)));
    assert!(matches!(err("十十"), NumberError::Syntax(_)));
    assert!(matches!(err("十五百"), NumberError::Syntax(_)));
    assert!(matches!(err("五六万"), NumberError::Syntax(_)));
    assert!(matches!(err("一万二万"), NumberError::Syntax(_)));
    assert!(matches!(err("3万40000"), NumberError::Syntax(_)));
    assert!(matches!(err("3五"), NumberError::Syntax(_)));
    assert!(matches!(err("k"), NumberError::Syntax(_)));
    assert!(matches!(err("五k"), NumberError::Syntax(_)));
    assert!(matches!(err("40k万"), NumberError::Syntax(_)));
    assert_eq!(err("一打"), NumberError::UnknownChar('打'));
    assert_eq!(err("2e5"), NumberError::UnknownChar('e'));
    assert_eq!(err("-3"), NumberError::UnknownChar('-'));
    assert_eq!(err("12%"), NumberError::UnknownChar('%'));
}

#[test]
fn huge_inputs_error_without_panic() {
    let start = std::time::Instant::now();
    let digits = "7".repeat(1 << 20);
    assert_eq!(err(&digits), NumberError::Overflow);
    let grouped = format!("1{}", ",000".repeat(1 << 18));
    assert_eq!(err(&grouped), NumberError::Overflow);
    assert_eq!(err(&"九".repeat(1 << 18)), NumberError::Overflow);
    assert_eq!(
        err(&format!("一{}", "万".repeat(1 << 18))),
        NumberError::Overflow
    );
    assert_eq!(
        err(&format!("0.{}", "1".repeat(1 << 20))),
        NumberError::Overflow
    );
    assert_eq!(v(&"零".repeat(1 << 18)), "0");
    assert!(err(&"十".repeat(1 << 18)) != NumberError::Empty);
    assert!(start.elapsed().as_secs() < 10);
    // Largest value that fits in the mantissa still parses exactly.
    assert_eq!(v(&i128::MAX.to_string()), i128::MAX.to_string());
}

#[test]
fn bad_grammar_files_are_rejected() {
    let ok = include_str!("../../../rules/numbers.toml");
    assert!(toml::from_str::<NumberGrammar>(ok).is_ok());
    let two = ok.replace("\"零\" = 0", "\"零零\" = 0");
    assert!(toml::from_str::<NumberGrammar>(&two).is_err());
    let dup = ok.replace("\"〇\" = 0", "\"一\" = 0");
    assert!(toml::from_str::<NumberGrammar>(&dup).is_err());
    let big = ok.replace("\"九\" = 9", "\"九\" = 10");
    assert!(toml::from_str::<NumberGrammar>(&big).is_err());
}
