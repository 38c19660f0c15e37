//! Every region the seed pages name resolves to its official name and code.

use factx::Gazetteer;
use std::collections::BTreeSet;

/// (official name, code) of every Inner Mongolia region the five seeds name, by hand from
/// reading them, plus the places outside it that they mention.
const SEED_REGIONS: &[(&str, &str)] = &[
    ("内蒙古自治区", "150000"),
    ("呼和浩特市", "150100"),
    ("和林格尔县", "150123"),
    ("包头市", "150200"),
    ("石拐区", "150205"),
    ("九原区", "150207"),
    ("土默特右旗", "150221"),
    ("固阳县", "150222"),
    ("达尔罕茂明安联合旗", "150223"),
    ("包头稀土高新技术产业开发区", "150271"),
    ("乌海市", "150300"),
    ("海勃湾区", "150302"),
    ("海南区", "150303"),
    ("乌达区", "150304"),
    ("赤峰市", "150400"),
    ("巴林左旗", "150422"),
    ("林西县", "150424"),
    ("通辽市", "150500"),
    ("科尔沁区", "150502"),
    ("科尔沁左翼中旗", "150521"),
    ("开鲁县", "150523"),
    ("库伦旗", "150524"),
    ("奈曼旗", "150525"),
    ("扎鲁特旗", "150526"),
    ("通辽经济技术开发区", "150571"),
    ("霍林郭勒市", "150581"),
    ("鄂尔多斯市", "150600"),
    ("达拉特旗", "150621"),
    ("准格尔旗", "150622"),
    ("乌审旗", "150626"),
    ("伊金霍洛旗", "150627"),
    ("呼伦贝尔市", "150700"),
    ("鄂伦春自治旗", "150723"),
    ("巴彦淖尔市", "150800"),
    ("临河区", "150802"),
    ("磴口县", "150822"),
    ("乌拉特后旗", "150825"),
    ("乌兰察布市", "150900"),
    ("卓资县", "150921"),
    ("察哈尔右翼前旗", "150926"),
    ("兴安盟", "152200"),
    ("科尔沁右翼前旗", "152221"),
    ("锡林郭勒盟", "152500"),
    ("阿巴嘎旗", "152522"),
    ("镶黄旗", "152528"),
    ("乌拉盖管委会", "152571"),
    ("阿拉善盟", "152900"),
    ("阿拉善左旗", "152921"),
    ("北京市", "110000"),
    ("天津市", "120000"),
    ("河北省", "130000"),
    ("上海市", "310000"),
    ("厦门市", "350200"),
    ("河南省", "410000"),
    ("洛阳市", "410300"),
    ("新乡市", "410700"),
    ("许昌市", "411000"),
    ("广西壮族自治区", "450000"),
    ("海南省", "460000"),
    ("海口市", "460100"),
    ("成都市", "510100"),
];

#[test]
fn every_region_the_seeds_name_resolves() {
    let gaz = Gazetteer::embedded().expect("gazetteer loads");
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut found = BTreeSet::new();
    let mut entries: Vec<_> = std::fs::read_dir(&seeds)
        .expect("seeds/")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let text = std::fs::read_to_string(&path).expect("seed");
        let home = gaz.infer_province(&text);
        assert_eq!(home.as_deref(), Some("150000"), "{}", path.display());
        // 全国 names every province at once: no single region, by design.
        for m in gaz
            .mentions(&text, home.as_deref())
            .into_iter()
            .filter(|m| !factx::place::region::NATIONWIDE.contains(&m.surface.as_str()))
        {
            assert!(
                m.resolved.is_some(),
                "{}: {:?} left unresolved: {:?}",
                path.display(),
                m.surface,
                m.candidates
            );
            found.extend(m.resolved);
        }
    }
    let expected: BTreeSet<String> = SEED_REGIONS.iter().map(|(_, c)| c.to_string()).collect();
    for (name, code) in SEED_REGIONS {
        let region = gaz.get(code).expect("code in the gazetteer");
        assert_eq!(&*region.name, *name, "{code}");
    }
    let missing: Vec<_> = expected.difference(&found).collect();
    let extra: Vec<_> = found.difference(&expected).collect();
    assert!(
        missing.is_empty(),
        "named in the list but not found: {missing:?}"
    );
    assert!(extra.is_empty(), "found but not in the list: {extra:?}");
    assert!(SEED_REGIONS.len() >= 60);
}

#[test]
fn short_forms_and_the_home_province() {
    let gaz = Gazetteer::embedded().expect("gazetteer loads");
    let first = |text: &str, home: Option<&str>| {
        gaz.mentions(text, home)
            .into_iter()
            .next()
            .and_then(|m| m.resolved)
    };
    assert_eq!(first("科右前旗就业帮扶", None).as_deref(), Some("152221"));
    assert_eq!(first("达茂旗", None).as_deref(), Some("150223"));
    assert_eq!(
        first("稀土高新区民馨路街道", None).as_deref(),
        Some("150271")
    );
    assert_eq!(
        first("包头稀土高新技术产业开发区", None).as_deref(),
        Some("150271")
    );
    assert_eq!(first("海南区", Some("150000")).as_deref(), Some("150303"));
    assert_eq!(&*gaz.path("152221"), "内蒙古自治区/兴安盟/科尔沁右翼前旗");
    assert!(first("山西路上的台湾风情街", None).is_none());
}
