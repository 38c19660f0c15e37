use super::*;
use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxHashSet as HashSet;
use std::collections::BTreeMap;
use std::sync::OnceLock;

fn gaz() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| Gazetteer::embedded().expect("embedded gazetteer builds"))
}

/// (surface, resolved) pairs.
fn found(text: &str, home: Option<&str>) -> Vec<(String, Option<String>)> {
    gaz()
        .mentions(text, home)
        .into_iter()
        .map(|m| (m.surface, m.resolved))
        .collect()
}

fn one(text: &str, home: Option<&str>) -> Mention {
    let ms = gaz().mentions(text, home);
    assert_eq!(ms.len(), 1, "{text}: {ms:?}");
    ms.into_iter().next().expect("one mention")
}

fn resolves(text: &str, home: Option<&str>, code: &str) {
    let m = one(text, home);
    assert_eq!(m.resolved.as_deref(), Some(code), "{text}: {m:?}");
    assert_eq!(m.surface, text);
}

#[test]
fn table_loads() {
    let g = gaz();
    assert_eq!(g.regions.len(), 3390);
    let r = g.get("152221").expect("科右前旗");
    assert_eq!(&*r.name, "科尔沁右翼前旗");
    assert_eq!(r.short, "科右前旗");
    assert_eq!(r.level, 3);
    assert_eq!(r.parent.as_deref(), Some("152200"));
    assert!(g.get("999999").is_none());
}

#[test]
fn banner_short_forms() {
    for (s, code) in [
        ("科右前旗", "152221"),
        ("科右中旗", "152222"),
        ("科左中旗", "150521"),
        ("科左后旗", "150522"),
        ("达茂旗", "150223"),
        ("土右旗", "150221"),
        ("土左旗", "150121"),
        ("察右前旗", "150926"),
        ("察右中旗", "150927"),
        ("察右后旗", "150928"),
        ("阿左旗", "152921"),
        ("阿右旗", "152922"),
        ("鄂前旗", "150623"),
        ("乌前旗", "150823"),
        ("乌中旗", "150824"),
        ("乌后旗", "150825"),
        ("杭后旗", "150826"),
        ("莫力达瓦", "150722"),
        ("莫旗", "150722"),
        ("鄂温克旗", "150724"),
        ("新左旗", "150726"),
        ("新右旗", "150727"),
        ("陈旗", "150725"),
        ("东乌旗", "152525"),
        ("西乌旗", "152526"),
        ("东苏旗", "152523"),
        ("西苏旗", "152524"),
        ("苏左旗", "152523"),
        ("正蓝旗", "152530"),
        ("镶黄旗", "152528"),
        ("正镶白旗", "152529"),
        ("太仆寺旗", "152527"),
        ("阿巴嘎旗", "152522"),
        ("巴林左旗", "150422"),
        ("翁牛特旗", "150426"),
        ("克什克腾旗", "150425"),
        ("喀喇沁旗", "150428"),
        ("敖汉旗", "150430"),
        ("阿鲁科尔沁旗", "150421"),
        ("奈曼旗", "150525"),
        ("库伦旗", "150524"),
        ("开鲁县", "150523"),
        ("霍林郭勒", "150581"),
        ("扎赉特", "152223"),
        ("稀土高新区", "150271"),
        ("乌拉盖管理区", "152571"),
        ("乌拉盖", "152571"),
        ("通辽经济技术开发区", "150571"),
        ("通辽经开区", "150571"),
    ] {
        resolves(s, None, code);
    }
}

#[test]
fn ambiguous_colloquial_banners_are_not_mentions() {
    // 阿旗: 阿荣旗 or 阿鲁科尔沁旗; 扎旗: 扎赉特旗 or 扎鲁特旗.
    assert!(found("阿旗和扎旗", None).is_empty());
}

#[test]
fn bare_prefectures() {
    for (s, code) in [
        ("通辽", "150500"),
        ("赤峰", "150400"),
        ("呼伦贝尔", "150700"),
        ("阿拉善", "152900"),
        ("锡林郭勒", "152500"),
        ("锡盟", "152500"),
        ("乌兰察布", "150900"),
        ("鄂尔多斯", "150600"),
        ("巴彦淖尔", "150800"),
        ("包头", "150200"),
        ("呼和浩特", "150100"),
        ("乌海", "150300"),
        ("兴安盟", "152200"),
    ] {
        resolves(s, None, code);
    }
    // 兴安 is also the two-character short of 兴安县 (广西) and 兴安区 (黑龙江),
    // which count only with support from home province or context.
    resolves("兴安", None, "152200");
    resolves("兴安", Some("150000"), "152200");
    resolves("兴安", Some("450000"), "450325");
    let ms = gaz().mentions("广西兴安", None);
    assert_eq!(ms[1].resolved.as_deref(), Some("450325"), "{ms:?}");
    let m = one("兴安", Some("230000"));
    assert_eq!(m.resolved, Some("230405".to_string()), "{m:?}");
}

#[test]
fn two_char_county_shorts_need_support() {
    assert!(found("固阳", None).is_empty());
    resolves("固阳", Some("150000"), "150222");
    assert_eq!(found("包头固阳", None)[1].1.as_deref(), Some("150222"));
    assert_eq!(
        found("内蒙古…固阳黄芪", None)[1].1.as_deref(),
        Some("150222")
    );
    // Inside ordinary words and names.
    assert!(found("感谢党和政府,弘扬中华文化,记者李江海", Some("150000")).is_empty());
    // Blocker words hide prefecture forms too.
    assert!(found("复合肥,真金白银", Some("150000")).is_empty());
}

#[test]
fn longest_match_wins() {
    resolves("包头稀土高新技术产业开发区", None, "150271");
    resolves("科尔沁右翼前旗", None, "152221");
    resolves("阿鲁科尔沁", None, "150421");
    assert_eq!(
        found("通辽市库伦旗", None),
        vec![
            ("通辽市".to_string(), Some("150500".to_string())),
            ("库伦旗".to_string(), Some("150524".to_string())),
        ]
    );
    assert_eq!(
        found("乌海市海南区", None),
        vec![
            ("乌海市".to_string(), Some("150300".to_string())),
            ("海南区".to_string(), Some("150303".to_string())),
        ]
    );
}

#[test]
fn ambiguity_resolution() {
    // 海南区 is one row in the table; 海南 (海南省's short) loses to the longer match.
    resolves("海南区", Some("150000"), "150303");
    resolves("海南区", None, "150303");
    // 青山区: 包头 (150204) and 武汉 (420107).
    let m = one("青山区", None);
    assert_eq!(m.resolved, None);
    assert_eq!(m.candidates, vec!["150204", "420107"]);
    let ms = gaz().mentions("包头市青山区", None);
    assert_eq!(ms[1].resolved.as_deref(), Some("150204"));
    let ms = gaz().mentions("青山区居民踊跃参加。包头今年……", None);
    assert_eq!(ms[0].resolved.as_deref(), Some("150204"), "{ms:?}");
    let ms = gaz().mentions("武汉市青山区", None);
    assert_eq!(ms[1].resolved.as_deref(), Some("420107"));
    resolves("青山区", Some("150000"), "150204");
    resolves("青山区", Some("420000"), "420107");
    // 新城区: 呼和浩特 (150102), 西安 (610102), and the short of a 平顶山 zone.
    let ms = gaz().mentions("呼和浩特市新城区", None);
    assert_eq!(ms[1].resolved.as_deref(), Some("150102"));
    let ms = gaz().mentions("新城区今年新建公园3处。呼和浩特……", None);
    assert_eq!(ms[0].resolved.as_deref(), Some("150102"), "{ms:?}");
    let m = one("新城区", None);
    assert_eq!(m.resolved, None);
    assert!(m.candidates.len() >= 2);
    // A province home with no candidate in it leaves it unresolved.
    assert_eq!(one("新城区", Some("440000")).resolved, None);
    // A subdivision mentioned elsewhere picks its parent among the candidates.
    let ms = gaz().mentions("兴安北京社区的志愿者。科右前旗", None);
    assert_eq!(ms[0].surface, "兴安");
    assert_eq!(ms[0].resolved.as_deref(), Some("152200"), "{ms:?}");
    // A city name that is also its own county's short means the city.
    resolves("新乡", None, "410700");
    assert_eq!(gaz().by_name("新乡").map(|r| &*r.code), Some("410700"));
}

#[test]
fn non_place_contexts() {
    assert!(found("山西路", None).is_empty());
    assert!(found("台湾风情街", None).is_empty());
    assert!(found("内蒙古某某乳业有限公司的产品首次出口韩国", None).is_empty());
    assert!(found("北京某某绿色果蔬有限公司技术员", None).is_empty());
    assert_eq!(
        found("乌海市乌达区农牧局在某某牧业有限责任公司", None).len(),
        2
    );
    assert!(found("内蒙古大学", None).is_empty());
    assert!(found("鄂温克族群众", None).is_empty());
    assert!(found("回民群众,乌兰牧骑", Some("150000")).is_empty());
    resolves("回民区", Some("150000"), "150103");
    assert!(found("江西某某锂业集团为龙头", None).is_empty());
    // The company rule stops at punctuation.
    assert_eq!(
        found("内蒙古,某某乳业有限公司", None),
        vec![("内蒙古".to_string(), Some("150000".to_string()))]
    );
    // 兴安北京社区 is a community: 兴安 (盟) is a mention, 北京 is not.
    let ms = found("兴安北京社区", Some("150000"));
    assert_eq!(ms, vec![("兴安".to_string(), Some("152200".to_string()))]);
    // Everyday words that are also county shorts.
    assert!(found(
        "推进乡村振兴，守护绿水青山与金山银山，新建温室，产值突破100万",
        None
    )
    .is_empty());
    // 道路 is not a road name, 号召 is not a house number.
    assert_eq!(found("乌拉特后旗道路", None).len(), 1);
    assert_eq!(found("响应包头市号召", None).len(), 1);
    // Towns, sums and gachas are not in the table.
    assert!(found("盛乐镇舍必崖乡乌兰敖包嘎查", None).is_empty());
}

#[test]
fn path_and_parents() {
    let g = gaz();
    assert_eq!(&*g.path("152221"), "内蒙古自治区/兴安盟/科尔沁右翼前旗");
    assert_eq!(&*g.path("150200"), "内蒙古自治区/包头市");
    assert_eq!(&*g.path("150000"), "内蒙古自治区");
    assert_eq!(&*g.path("nope"), "");
    assert_eq!(g.province_of("152221").map(|r| &*r.code), Some("150000"));
    assert_eq!(g.prefecture_of("152221").map(|r| &*r.code), Some("152200"));
    assert_eq!(g.prefecture_of("152200").map(|r| &*r.code), Some("152200"));
    assert!(g.prefecture_of("150000").is_none());
    assert_eq!(
        g.by_name("科尔沁右翼前旗").map(|r| &*r.code),
        Some("152221")
    );
    assert_eq!(g.by_name("科右前旗").map(|r| &*r.code), Some("152221"));
    assert_eq!(g.by_name("稀土高新区").map(|r| &*r.code), Some("150271"));
    assert!(g.by_name("青山区").is_none());
    assert!(g.by_name("阿旗").is_none());
}

#[test]
fn from_tsv_errors_name_file_and_line() {
    let header = "code\tname\tshort\tlevel\tparent_code\n";
    let good = format!("{header}150000\t内蒙古自治区\t内蒙古\t1\t\n");
    let err = |admin: &str, aliases: &str| {
        Gazetteer::from_tsv(admin, aliases)
            .expect_err("should fail")
            .to_string()
    };
    let e = err(
        &format!("{good}15020\t包头市\t包头\t2\t150000\n"),
        "alias\tcode\tnote\n",
    );
    assert!(e.starts_with("china_admin.tsv:3:"), "{e}");
    let e = err(
        &format!("{good}150200\t包头市\t包头\t2\t160000\n"),
        "alias\tcode\tnote\n",
    );
    assert!(e.starts_with("china_admin.tsv:3:"), "{e}");
    let e = err(&good, "alias\tcode\tnote\n# c\n包头\t999999\tx\n");
    assert!(e.starts_with("aliases.tsv:3:"), "{e}");
    let g = Gazetteer::from_tsv(&good, "alias\tcode\tnote\n蒙古区\t150000\n").expect("builds");
    assert_eq!(g.by_name("蒙古区").map(|r| &*r.code), Some("150000"));
}

#[test]
fn infer_province_on_a_banner_paragraph() {
    let para = "入冬以后,兴安盟的科右前旗街上依旧热闹。12月3日那天,科右前旗一家托育中心里,\
                几位老师正带着孩子们做手工。";
    assert_eq!(gaz().infer_province(para).as_deref(), Some("150000"));
    assert_eq!(gaz().infer_province("包头"), None);
    assert_eq!(gaz().infer_province("包头和武汉,包头和武汉"), None);
}

/// Regions outside Inner Mongolia that the seed texts really name.
const SEED_OUTSIDE_IM: &[(&str, &str)] = &[
    (
        "110000",
        "北京: an expo held there, a market products are sold to",
    ),
    ("120000", "天津: the port goods are shipped through"),
    (
        "130000",
        "河北: a national sorghum research branch in Hebei",
    ),
    ("310000", "上海: a market products are sold to"),
    (
        "510100",
        "成都: 成都七中 (a Chengdu school streaming lessons)",
    ),
    ("350200", "厦门: one of four cities a delegation visited"),
    ("410000", "河南: 到河南新乡"),
    ("410300", "洛阳: ditto"),
    ("410700", "新乡: ditto"),
    ("411000", "许昌: ditto, 许昌胖东来"),
    ("450000", "广西: a market products are sold to"),
    (
        "460000",
        "海南省: a heading over a piece that is about 乌海市海南区",
    ),
    ("460100", "海口: that piece's dateline (本报海口6月30日电)"),
];

#[test]
fn seed_mentions_stay_in_inner_mongolia() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("seeds dir")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let allowed: HashSet<&str> = SEED_OUTSIDE_IM.iter().map(|a| a.0).collect();
    let g = gaz();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut unresolved = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("read seed");
        let home = g.infer_province(&text);
        assert_eq!(home.as_deref(), Some("150000"), "{}", f.display());
        for m in g.mentions(&text, home.as_deref()) {
            match m.resolved {
                Some(code) => *counts.entry(code).or_insert(0) += 1,
                // 全国 names every province, by design.
                None if NATIONWIDE.contains(&m.surface.as_str()) => {}
                None => unresolved.push((m.surface, m.candidates)),
            }
        }
    }
    for (code, n) in &counts {
        let name = g.get(code).map_or("?", |r| &*r.name);
        println!("{code}\t{name}\t{n}");
    }
    println!("unresolved: {unresolved:?}");
    assert!(unresolved.is_empty(), "{unresolved:?}");
    for code in counts.keys() {
        assert!(
            code.starts_with("15") || allowed.contains(code.as_str()),
            "unexpected region {code} {}",
            g.path(code)
        );
    }
    for code in &allowed {
        assert!(counts.contains_key(*code), "allow-listed {code} not seen");
    }
}

#[test]
fn trie_equals_leftmost_longest_automaton() {
    let g = gaz();
    let reference = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(g.surfaces.iter().map(|s| &*s.text))
        .expect("reference automaton");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut texts =
        vec!["包头稀土高新技术产业开发区通辽市库伦旗阿鲁科尔沁旗乌海市海南区".to_string()];
    for e in std::fs::read_dir(dir).expect("seeds dir") {
        texts.push(std::fs::read_to_string(e.expect("entry").path()).expect("seed"));
    }
    for t in &texts {
        let theirs: Vec<(usize, usize, usize)> = reference
            .find_iter(t.as_str())
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        assert!(!theirs.is_empty());
        assert_eq!(g.trie.leftmost_longest(t), theirs);
    }
}

/// `cargo test --release -- --ignored --nocapture build_time`
#[test]
#[ignore]
fn build_time() {
    let runs = 20;
    let t = std::time::Instant::now();
    for _ in 0..runs {
        let g = Gazetteer::embedded().expect("builds");
        std::hint::black_box(&g);
    }
    let mean = t.elapsed() / runs;
    println!("Gazetteer::embedded() mean over {runs} runs: {mean:?}");
}
