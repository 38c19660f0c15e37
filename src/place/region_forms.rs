//! Surface forms the region table does not list but news writes, derived by rule rather
//! than added one alias at a time: ethnic autonomous names without their qualifier
//! (石柱土家族自治县 → 石柱县, 石柱自治县; 楚雄彝族自治州 → 楚雄州), banner and league
//! initials (太仆寺旗 → 太旗, 锡林郭勒盟 → 锡盟) when they name one region only, and former
//! names (祁阳县 → 祁阳市, from `rules/regions/former.tsv`).

use anyhow::{bail, Result};

/// The 55 minority nationalities as they appear in autonomous-area names (without 族),
/// longest first so 哈尼 is not cut as 哈.
#[rustfmt::skip]
const ETHNIC: &[&str] = &[
    "柯尔克孜", "塔吉克", "鄂伦春", "鄂温克", "达斡尔", "哈萨克", "维吾尔", "俄罗斯",
    "乌孜别克", "塔塔尔", "布依", "土家", "仡佬", "哈尼", "傈僳", "纳西", "景颇", "拉祜",
    "布朗", "普米", "阿昌", "德昂", "独龙", "基诺", "毛南", "仫佬", "撒拉", "保安", "东乡",
    "裕固", "锡伯", "赫哲", "门巴", "珞巴", "高山", "蒙古", "朝鲜", "满", "回", "藏", "苗",
    "彝", "壮", "侗", "瑶", "白", "傣", "黎", "畲", "水", "佤", "羌", "土", "京", "怒",
];

/// The place stem of an ethnic autonomous name and its level word: 石柱土家族自治县 →
/// (石柱, 县), 双江拉祜族佤族布朗族傣族自治县 → (双江, 县), 阿坝藏族羌族自治州 → (阿坝, 州).
/// `None` for other names, and for names that are the nationality itself (鄂温克族自治旗).
pub fn autonomous_stem(name: &str) -> Option<(&str, &str)> {
    let (head, kind) = name
        .strip_suffix("自治县")
        .map(|h| (h, "县"))
        .or_else(|| name.strip_suffix("自治旗").map(|h| (h, "旗")))
        .or_else(|| name.strip_suffix("自治州").map(|h| (h, "州")))?;
    // Peel nationalities (each written with 族) off the end; the last one may stand
    // without 族 (木垒哈萨克自治县, 克孜勒苏柯尔克孜自治州), and 各族 is "all nationalities"
    // (龙胜各族自治县).
    let mut stem = head.strip_suffix("各族").unwrap_or(head);
    let mut peeled = stem.len() < head.len();
    if !head.ends_with('族') {
        if let Some(e) = ETHNIC
            .iter()
            .find(|e| e.chars().count() >= 2 && stem.ends_with(*e))
        {
            stem = &stem[..stem.len() - e.len()];
            peeled = true;
        }
    }
    while let Some(s) = stem.strip_suffix('族') {
        match ETHNIC.iter().find(|e| s.ends_with(*e) && s.len() > e.len()) {
            Some(e) => {
                stem = &s[..s.len() - e.len()];
                peeled = true;
            }
            None => break,
        }
    }
    (peeled && stem.chars().count() >= 2).then_some((stem, kind))
}

/// Forms derived from one region's official name (the ethnic qualifier dropped).
pub fn derived(name: &str, level: u8) -> Vec<String> {
    let mut out = Vec::new();
    if let Some((stem, kind)) = autonomous_stem(name) {
        out.push(format!("{stem}{kind}"));
        out.push(format!("{stem}自治{kind}"));
        if level == 2 {
            out.push(stem.to_string());
        }
    }
    out
}

/// Initial forms (太仆寺旗 → 太旗, 锡林郭勒盟 → 锡盟): the first character and the level
/// word, for banners and leagues of at least three characters. The caller keeps only the
/// forms that name a single region.
pub fn initial(name: &str) -> Option<String> {
    for kind in ['旗', '盟'] {
        if let Some(stem) = name.strip_suffix(kind) {
            if stem.chars().count() >= 2 {
                let first = stem.chars().next()?;
                return Some(format!("{first}{kind}"));
            }
        }
    }
    None
}

/// One row of `former.tsv`: a name no longer in force and the code in force today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Former {
    pub name: String,
    pub code: String,
    /// The year the name went out of use.
    pub until: String,
}

/// Parses `former.tsv` (header `name<TAB>code<TAB>until<TAB>now`); errors name the line.
pub fn parse_former(text: &str) -> Result<Vec<Former>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let lineno = i + 1;
        if lineno == 1 {
            if !line.starts_with("name\tcode") {
                bail!("former.tsv:1: expected header `name<TAB>code<TAB>until<TAB>now`");
            }
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(name), Some(code)) = (cols.next(), cols.next()) else {
            bail!("former.tsv:{lineno}: expected name<TAB>code<TAB>until<TAB>now");
        };
        out.push(Former {
            name: name.to_string(),
            code: code.to_string(),
            until: cols.next().unwrap_or("").to_string(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn autonomous_names_lose_their_nationalities() {
        assert_eq!(autonomous_stem("石柱土家族自治县"), Some(("石柱", "县")));
        assert_eq!(
            autonomous_stem("双江拉祜族佤族布朗族傣族自治县"),
            Some(("双江", "县"))
        );
        assert_eq!(autonomous_stem("楚雄彝族自治州"), Some(("楚雄", "州")));
        assert_eq!(autonomous_stem("阿坝藏族羌族自治州"), Some(("阿坝", "州")));
        assert_eq!(autonomous_stem("巴马瑶族自治县"), Some(("巴马", "县")));
        assert_eq!(
            autonomous_stem("莫力达瓦达斡尔族自治旗"),
            Some(("莫力达瓦", "旗"))
        );
        // The name is the nationality: nothing is left to call it by.
        assert_eq!(autonomous_stem("鄂温克族自治旗"), None);
        assert_eq!(autonomous_stem("鹤峰县"), None);
        assert_eq!(autonomous_stem("木垒哈萨克自治县"), Some(("木垒", "县")));
        assert_eq!(
            autonomous_stem("克孜勒苏柯尔克孜自治州"),
            Some(("克孜勒苏", "州"))
        );
        assert_eq!(
            autonomous_stem("塔什库尔干塔吉克自治县"),
            Some(("塔什库尔干", "县"))
        );
        assert_eq!(autonomous_stem("龙胜各族自治县"), Some(("龙胜", "县")));
        // 白 of 长白 is not 白族: only a nationality written with 族 is peeled.
        assert_eq!(autonomous_stem("长白朝鲜族自治县"), Some(("长白", "县")));
        assert_eq!(
            derived("石柱土家族自治县", 3),
            vec!["石柱县".to_string(), "石柱自治县".to_string()]
        );
        assert!(derived("楚雄彝族自治州", 2).contains(&"楚雄州".to_string()));
    }

    #[test]
    fn initials_of_banners_and_leagues() {
        assert_eq!(initial("太仆寺旗").as_deref(), Some("太旗"));
        assert_eq!(initial("锡林郭勒盟").as_deref(), Some("锡盟"));
        assert_eq!(initial("兴安盟"), Some("兴盟".to_string()));
        assert_eq!(initial("宁城县"), None);
        assert_eq!(initial("陈旗"), None);
    }

    #[test]
    fn former_rows_parse_and_errors_name_the_line() {
        let rows = parse_former("name\tcode\tuntil\tnow\n祁阳县\t431121\t2021\t祁阳市\n").unwrap();
        assert_eq!(rows[0].name, "祁阳县");
        assert_eq!(rows[0].until, "2021");
        let err = parse_former("name\tcode\n\n祁阳县\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("former.tsv:3"), "{err}");
        assert!(parse_former("alias\tcode\n").is_err());
    }
}
