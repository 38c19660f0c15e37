//! Indicator labels for each class of issue 17, on sentences written for these tests (not
//! from the seeds or the open corpus): whole words, no label that is only a verb, a link
//! word, a place or an office, per-unit prices, list items, date events, long labels
//! shortened by words, changes that carry their subject.

use factx::{Document, Engine};

/// The label of the fact whose raw text is `raw` in `text`.
fn label(text: &str, raw: &str) -> Option<String> {
    let engine = Engine::with_default_rules().expect("default rules");
    let facts = engine.extract(&Document::new("t", text.to_string()));
    let fact = facts
        .iter()
        .find(|f| f.raw == raw)
        .unwrap_or_else(|| panic!("no fact {raw} in {text}: {facts:?}"));
    fact.indicator.clone()
}

fn assert_label(text: &str, raw: &str, want: &str) {
    assert_eq!(label(text, raw).as_deref(), Some(want), "{text}");
}

/// Words that are never a label on their own: verbs and link words of the namer, places
/// and offices.
fn assert_not_bare(text: &str, raw: &str) {
    let got = label(text, raw);
    let bare = [
        "新开发",
        "开始",
        "分别为",
        "涉及",
        "项目共涉及",
        "银行签署",
        "签署",
        "县投入",
        "每公斤",
        "投入",
        "实现",
        "达到",
        "镇",
        "县",
        "局",
        "政府",
        "办公厅",
    ];
    if let Some(l) = &got {
        assert!(
            !bare.contains(&l.as_str()),
            "{text}: {raw} got the bare label {l}"
        );
    }
}

#[test]
fn class_1_labels_are_whole_words() {
    // The previous quantity's unit is not glued on (平方米投资).
    let got = label(
        "合作社利用闲置厂房建成车间3000平方米,投资50万元。",
        "50万元",
    );
    assert!(
        got.as_deref().is_some_and(|l| !l.contains("平方米")),
        "{got:?}"
    );
    // An office's name is not cut (治区政府…).
    let got = label(
        "自治区政府办公厅新一轮派驻工作队今年5月进驻该村。",
        "今年5月",
    );
    assert!(
        got.as_deref().is_some_and(|l| !l.starts_with("治区")),
        "{got:?}"
    );
    // A label read after a number ends with its noun, not inside the verb after it.
    assert_label(
        "据悉,该公司投入的1500万元帮扶资金将由县政府统筹安排使用。",
        "1500万元",
        "帮扶资金",
    );
}

#[test]
fn class_2_a_verb_or_link_word_is_not_the_thing() {
    assert_label("今年全县新开发了85个公益性岗位。", "85个", "公益性岗位");
    assert_label(
        "县农商银行与省信用联社签署8亿元授信协议。",
        "8亿元",
        "授信协议资金",
    );
    assert_label("冷库项目共涉及52户。", "52户", "冷库项目共涉及户数");
    assert_label(
        "今年秋季全县农作物受灾2.1万亩,其中绝收3000亩。",
        "3000亩",
        "绝收面积",
    );
    for (text, raw) in [
        ("今年全县新开发了85个公益性岗位。", "85个"),
        ("该项目共涉及73户。", "73户"),
        ("今年该镇与某银行签署15亿元授信协议。", "15亿元"),
        ("泵站于6月1日开始运转。", "6月1日"),
    ] {
        assert_not_bare(text, raw);
    }
}

#[test]
fn class_3_places_and_offices_leave_the_label() {
    assert_label("县水利局资金260万元已拨付到位。", "260万元", "资金");
    assert_label("国土资源局资金120万元已到位。", "120万元", "资金");
    assert_label("该县投入1亿元改造农村公路。", "1亿元", "改造农村公路");
    assert_not_bare("该县投入1亿元。", "1亿元");
}

#[test]
fn class_4_per_unit_prices_name_the_price() {
    assert_label("今年羊肉均价达到60元每公斤。", "60元", "羊肉均价");
    assert_not_bare("今年羊肉均价达到60元每公斤。", "60元");
}

#[test]
fn class_5_list_items_take_the_lists_measure() {
    let text = "各乡镇投资额分别为:东坡镇1.2亿元,西坡镇0.8亿元。";
    assert_label(text, "1.2亿元", "东坡镇投资额");
    assert_label(text, "0.8亿元", "西坡镇投资额");
    let text = "敖汉旗累计安排新惠镇180万元,长胜镇60万元。";
    assert_label(text, "180万元", "累计安排资金");
    assert_label(text, "60万元", "长胜镇累计安排资金");
    // Regions themselves counted: the level word is the thing.
    assert_label("项目覆盖东河乡等5个乡镇。", "5个", "乡镇");
}

#[test]
fn money_is_named_by_what_it_went_into() {
    assert_label(
        "全镇投入80万元,建设村级养老服务站。",
        "80万元",
        "村级养老服务站投入",
    );
    assert_label(
        "县里投入300万元,用于改造农村公路。",
        "300万元",
        "改造农村公路资金",
    );
    assert_label(
        "该项目总投资1.5亿元的风电制氢项目今年开工。",
        "1.5亿元",
        "风电制氢项目总投资",
    );
    assert_label("合作社种植苜蓿600亩、燕麦200亩。", "200亩", "种植燕麦");
    // A measure counted after its verb: the verb and the thing (流转2000亩土地).
    let got = label("村里今年流转2000亩土地。", "2000亩").expect("a label");
    assert!(got.ends_with("流转土地"), "{got}");
}

#[test]
fn class_6_dates_name_their_event() {
    assert_label("泵站于6月1日开始运转。", "6月1日", "泵站开始运转");
    assert_label(
        "中新网4月20日电 据当地消息,全县受灾。",
        "4月20日",
        "报道日期",
    );
    assert_label(
        "某某网东风站6月2日讯(通讯员 李华)全县新修道路12公里。",
        "6月2日",
        "报道日期",
    );
    assert_label(
        "某某新闻记者 李华 2月13日讯 全县新修道路12公里。",
        "2月13日",
        "报道日期",
    );
    assert_label(
        "截至6月5日8时统计,全省受灾人口1.2万人。",
        "6月5日",
        "统计截至",
    );
    assert_label(
        "2019-03-04 08:15 来源:县政府网站\n今年全县新修道路12公里。",
        "2019-03-04",
        "发布日期",
    );
}

#[test]
fn class_7_long_labels_are_shortened_by_words() {
    let text = "去年筹集的500万元中,300万元用于乡村道路和蔬菜大棚配套设施建设。";
    let got = label(text, "300万元").expect("a label");
    assert!(got.chars().count() <= 12, "{got}");
    assert!(got.ends_with("资金"), "{got}");
    assert_label(
        "去年筹集的500万元中,300万元用于蔬菜大棚建设。",
        "300万元",
        "蔬菜大棚建设资金",
    );
}

#[test]
fn class_8_changes_and_bands_carry_their_subject() {
    let text = "全年第一产业增加值12亿元,比上年增长3.1%;第二产业增加值20亿元,比上年增长5.2%。";
    assert_label(text, "3.1%", "全年第一产业增加值增长");
    assert_label(text, "5.2%", "第二产业增加值增长");
    assert_label(
        "粮食播种面积12万亩,较上年增加3000亩。",
        "3000亩",
        "粮食播种面积增加",
    );
    let text = "全县0-17岁户籍人口1.2万人,65岁及以上常住人口0.9万人。";
    assert_label(text, "1.2万人", "0-17岁户籍人口");
    assert_label(text, "0.9万人", "65岁及以上常住人口");
    // People counted right after households are the same group.
    assert_label(
        "预计年产值300万元,可带动贫困户40户112人增收。",
        "112人",
        "带动贫困人口",
    );
}
