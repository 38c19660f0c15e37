//! Building the gazetteer: parsing `china_admin.tsv`, `aliases.tsv` and `former.tsv`,
//! and collecting every surface form of every region.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::{Gazetteer, Region, Surface, NATIONWIDE};
use crate::place::region_forms;
use crate::trie::Trie;
use anyhow::{anyhow, bail, Result};
use std::sync::{Arc, OnceLock};

const ADMIN_FILE: &str = "china_admin.tsv";
const ALIASES_FILE: &str = "aliases.tsv";
const FORMER: &str = include_str!("../../../rules/regions/former.tsv");

/// Table-derived surfaces that are everyday words or generic place parts. The
/// table gives ~2,900 two-character short forms; an automaton matches them inside
/// any word (延长, 新建, 振兴, 绿水青山, 突破…大关), so these would fire constantly.
/// Official names keep working (青山区, 新城区, 振兴区); aliases are never filtered.
#[rustfmt::skip]
const STOP_SURFACES: &[&str] = &[
    // Generic parts of place names and zone kinds.
    "城关", "城区", "郊区", "矿区", "新城", "老城", "新区", "市中", "市北", "市南",
    "东区", "西区", "南区", "北区", "东城", "西城", "南城", "城东", "城西", "城中",
    "城北", "城厢", "古城", "故城", "山城", "南关", "北关", "河口", "河西", "港口",
    "站前", "高新区", "经开区", "开发区", "示范区", "管理区", "省直辖", "工业园",
    "产业园", "航空港", "保税区", "化工园区", "物流区", "文旅区", "火炬开发区", "医药高新区",
    "汽开区", "塞北",
    // Colloquial banner forms that name more than one banner (阿荣旗 / 阿鲁科尔沁旗,
    // 扎赉特旗 / 扎鲁特旗); Mongolian words that start many Inner Mongolian town,
    // sum and gacha names (巴彦浩特, 乌兰敖包, 乌兰牧骑); Inner Mongolian county
    // shorts that are words (回民 "Hui people", 金海 in 黄金海岸).
    "阿旗", "扎旗", "巴彦", "乌兰", "回民", "金海",
    // Everyday words and common substrings of them.
    "七星", "万年", "万全", "三元", "东方", "东风", "东海", "中方", "中原", "丰满",
    "乐业", "九龙", "二七", "二道", "互助", "交口", "仁和", "会同", "会理", "元宝",
    "光明", "光泽", "公安", "六合", "共和", "兴业", "兴国", "兴隆", "兴和", "凌云",
    "凤凰", "前进", "前锋", "南岸", "南部", "博爱", "台前", "合作", "同仁", "同德",
    "同心", "名山", "向阳", "和平", "和顺", "复兴", "大关", "大化", "大厂", "大名",
    "大方", "大田", "大观", "大通", "天台", "天山", "天桥", "天涯", "天长", "太和",
    "太平", "太白", "威信", "安宁", "安定", "安居", "安康", "宏伟", "宝塔", "富民",
    "富裕", "小店", "工农", "平原", "平和", "平安", "平定", "平房", "平顺", "康乐",
    "建华", "建安", "建平", "开化", "惠农", "惠民", "振兴", "文成", "新会", "新兴",
    "新华", "新市", "新建", "新星", "新民", "方正", "无为", "朝天", "朝阳", "来宾",
    "桃园", "桃源", "武功", "比如", "民权", "江山", "海棠", "清新", "清水", "清流",
    "温泉", "灯塔", "灵台", "爱民", "牡丹", "白玉", "紫金", "红旗", "芙蓉", "莲花",
    "西市", "解放", "路桥", "运河", "通道", "金山", "长子", "长安", "长寿", "长治",
    "阳春", "青山", "高台", "高平", "高明", "鼓楼", "龙凤", "延长",
];

/// Common words that contain a place form but name no place. They go into the
/// automaton as matches of their own, so leftmost-longest matching swallows the
/// place form inside them (复合肥 hides 合肥, 真金白银 hides 白银).
#[rustfmt::skip]
const NON_PLACE_WORDS: &[&str] = &[
    "复合肥", "真金白银", "大同小异", "出海口", "孙中山", "中山装", "大理石", "龙井茶",
    "普洱茶", "多伦多", "兴安岭", "小兴安岭", "科尔沁沙地", "科尔沁草原",
];

impl Gazetteer {
    /// The gazetteer built from the data files compiled into the binary.
    pub fn embedded() -> Result<Gazetteer> {
        Self::from_tables(
            include_str!("../../../rules/regions/china_admin.tsv"),
            include_str!("../../../rules/regions/aliases.tsv"),
            FORMER,
        )
    }

    /// The embedded gazetteer plus aliases from rule files (`[[region_alias]]`).
    pub fn embedded_with(extra: &[(String, String)]) -> Result<Gazetteer> {
        if extra.is_empty() {
            return Self::embedded();
        }
        let mut aliases = include_str!("../../../rules/regions/aliases.tsv").to_string();
        for (alias, code) in extra {
            aliases.push_str(&format!("\n{alias}\t{code}\tfrom a rule file"));
        }
        Self::from_tables(
            include_str!("../../../rules/regions/china_admin.tsv"),
            &aliases,
            FORMER,
        )
    }

    /// Build from the text of `china_admin.tsv` and `aliases.tsv` (no former names).
    pub fn from_tsv(admin: &str, aliases: &str) -> Result<Gazetteer> {
        Self::from_tables(admin, aliases, "name\tcode\tuntil\tnow\n")
    }

    /// Build from `china_admin.tsv`, `aliases.tsv` and `former.tsv`.
    pub fn from_tables(admin: &str, aliases: &str, former: &str) -> Result<Gazetteer> {
        let (regions, by_code, admin_lines) = parse_admin(admin)?;

        let mut parent = Vec::with_capacity(regions.len());
        for (i, r) in regions.iter().enumerate() {
            let p = match &r.parent {
                None => None,
                Some(pc) => Some(*by_code.get(pc).ok_or_else(|| {
                    anyhow!(
                        "{ADMIN_FILE}:{}: parent code {pc} of {} is not in the table",
                        admin_lines[i],
                        r.code
                    )
                })?),
            };
            parent.push(p);
        }
        let mut province = Vec::with_capacity(regions.len());
        for i in 0..regions.len() {
            // Codes are hierarchical, so a walk longer than the level count is a cycle.
            let mut cur = i;
            let mut steps = 0;
            while let Some(p) = parent[cur] {
                cur = p;
                steps += 1;
                if steps > 3 {
                    bail!(
                        "{ADMIN_FILE}:{}: parent chain of {} is too deep or cyclic",
                        admin_lines[i],
                        regions[i].code
                    );
                }
            }
            province.push(cur);
        }

        let mut g = SurfaceSet {
            surfaces: Vec::with_capacity(2 * regions.len()),
            ids: HashMap::with_capacity_and_hasher(2 * regions.len(), Default::default()),
        };
        for w in NON_PLACE_WORDS.iter().chain(NATIONWIDE) {
            g.add_blocker(w);
        }
        let stop: HashSet<&str> = STOP_SURFACES.iter().copied().collect();
        for (i, r) in regions.iter().enumerate() {
            if !stop.contains(&*r.name) {
                g.add(&r.name, i, false);
            }
            // A short column may list several forms (克州/克孜勒苏).
            for short in r.short.split('/') {
                let short_len = short.chars().count();
                if short_len >= 2 && !stop.contains(short) {
                    // Banner forms (莫旗, 准旗, 陈旗) carry their own marker and stay strong.
                    let weak = short_len == 2 && r.level == 3 && !short.ends_with('旗');
                    g.add(short, i, weak);
                }
            }
        }
        // Forms derived by rule (src/place/region_forms.rs); an initial counts only when it names
        // one banner or league and no table form already uses it.
        let mut initials: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
        for (i, r) in regions.iter().enumerate() {
            for form in region_forms::derived(&r.name, r.level) {
                if !stop.contains(form.as_str()) {
                    let weak = form.chars().count() == 2 && r.level == 3;
                    g.add(&form, i, weak);
                }
            }
            if let Some(form) = region_forms::initial(&r.name) {
                initials.entry(form).or_default().push(i);
            }
        }
        for (form, rs) in initials {
            if let [one] = rs.as_slice() {
                if !stop.contains(form.as_str()) && !g.ids.contains_key(form.as_str()) {
                    g.add(&form, *one, false);
                }
            }
        }
        // Former names (祁阳县, 大同县 → today's code), unless a current form already uses them.
        for f in region_forms::parse_former(former)? {
            let Some(&idx) = by_code.get(&f.code) else {
                bail!("former.tsv: {} names unknown code {}", f.name, f.code);
            };
            if !stop.contains(f.name.as_str()) && !g.ids.contains_key(f.name.as_str()) {
                // 开县, 华县: two characters turn up inside words (召开县委会), so they count
                // only with support, as the table's two-character shorts do.
                g.add(&f.name, idx, f.name.chars().count() == 2);
            }
        }
        for (lineno, line) in aliases.lines().enumerate() {
            let lineno = lineno + 1;
            let line = line.trim_end_matches('\r');
            if lineno == 1 {
                if !line.starts_with("alias\tcode") {
                    bail!("{ALIASES_FILE}:1: expected header `alias<TAB>code<TAB>note`");
                }
                continue;
            }
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 2 {
                bail!("{ALIASES_FILE}:{lineno}: expected alias<TAB>code[<TAB>note]");
            }
            let alias = cols[0].trim();
            let code = cols[1].trim();
            if alias.chars().count() < 2 {
                bail!("{ALIASES_FILE}:{lineno}: alias `{alias}` is shorter than 2 characters");
            }
            let idx = *by_code
                .get(code)
                .ok_or_else(|| anyhow!("{ALIASES_FILE}:{lineno}: unknown region code `{code}`"))?;
            g.add(alias, idx, false);
        }

        let trie = Trie::new(g.surfaces.iter().map(|surface| &*surface.text));

        Ok(Gazetteer {
            paths: (0..regions.len()).map(|_| OnceLock::new()).collect(),
            regions,
            by_code,
            parent,
            province,
            surfaces: g.surfaces,
            surface_ids: g.ids,
            trie,
        })
    }
}

#[derive(Default)]
struct SurfaceSet {
    surfaces: Vec<Surface>,
    ids: HashMap<Arc<str>, usize>,
}

impl SurfaceSet {
    fn id(&mut self, text: &str) -> usize {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = self.surfaces.len();
        let text: Arc<str> = Arc::from(text);
        self.ids.insert(Arc::clone(&text), id);
        self.surfaces.push(Surface {
            text,
            strong: Vec::new(),
            weak: Vec::new(),
        });
        id
    }

    fn add_blocker(&mut self, text: &str) {
        self.id(text);
    }

    fn add(&mut self, text: &str, region: usize, weak: bool) {
        let id = self.id(text);
        let s = &mut self.surfaces[id];
        if s.strong.contains(&region) {
            return;
        }
        if weak {
            if !s.weak.contains(&region) {
                s.weak.push(region);
            }
        } else {
            s.weak.retain(|&r| r != region);
            s.strong.push(region);
        }
    }
}

type AdminTable = (Vec<Region>, HashMap<String, usize>, Vec<usize>);

/// Regions, code index, and each region's line number for error messages.
fn parse_admin(admin: &str) -> Result<AdminTable> {
    let mut regions = Vec::new();
    let mut by_code = HashMap::default();
    let mut lines_of = Vec::new();
    for (lineno, line) in admin.lines().enumerate() {
        let lineno = lineno + 1;
        let line = line.trim_end_matches('\r');
        if lineno == 1 {
            if !line.starts_with("code\tname\tshort\tlevel\tparent_code") {
                bail!("{ADMIN_FILE}:1: expected header `code<TAB>name<TAB>short<TAB>level<TAB>parent_code`");
            }
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let Some(cols) = columns::<5>(line) else {
            bail!(
                "{ADMIN_FILE}:{lineno}: expected 5 tab-separated columns, found {}",
                line.split('\t').count()
            );
        };
        let code = cols[0].trim();
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            bail!("{ADMIN_FILE}:{lineno}: code `{code}` is not 6 digits");
        }
        let name = cols[1].trim();
        if name.is_empty() {
            bail!("{ADMIN_FILE}:{lineno}: empty name");
        }
        let level: u8 = match cols[3].trim() {
            "1" => 1,
            "2" => 2,
            "3" => 3,
            other => bail!("{ADMIN_FILE}:{lineno}: level `{other}` is not 1, 2 or 3"),
        };
        let parent = match cols[4].trim() {
            "" if level == 1 => None,
            "" => bail!("{ADMIN_FILE}:{lineno}: level {level} region {code} has no parent"),
            p => Some(p.to_string()),
        };
        if by_code.insert(code.to_string(), regions.len()).is_some() {
            bail!("{ADMIN_FILE}:{lineno}: duplicate code {code}");
        }
        regions.push(Region {
            code: code.into(),
            name: name.into(),
            short: cols[2].trim().to_string(),
            level,
            parent,
        });
        lines_of.push(lineno);
    }
    if regions.is_empty() {
        bail!("{ADMIN_FILE}: no regions");
    }
    Ok((regions, by_code, lines_of))
}

/// The `N` tab-separated columns of a line, or None when it has another number (read
/// without a list per line: the table has thousands of lines, read at every start).
fn columns<const N: usize>(line: &str) -> Option<[&str; N]> {
    let mut cols = [""; N];
    let mut k = 0;
    let mut from = 0;
    // A byte loop: the columns are a few bytes each, too short for a memchr search to
    // pay for its set-up. A tab never occurs inside a multi-byte character.
    for (i, &b) in line.as_bytes().iter().enumerate() {
        if b == b'\t' {
            *cols.get_mut(k)? = &line[from..i];
            k += 1;
            from = i + 1;
        }
    }
    *cols.get_mut(k)? = &line[from..];
    (k + 1 == N).then_some(cols)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_split_on_tabs_and_count_them() {
        assert_eq!(columns::<3>("a\t中文\t"), Some(["a", "中文", ""]));
        assert_eq!(columns::<2>("a\tb\tc"), None);
        assert_eq!(columns::<3>("a\tb"), None);
        assert_eq!(columns::<1>(""), Some([""]));
    }
}
