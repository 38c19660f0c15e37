//! Gazetteer of China's administrative divisions and region-mention finding.
//!
//! Data: `rules/regions/china_admin.tsv` (province/prefecture/county table) and
//! `rules/regions/aliases.tsv` (forms news uses that the table lacks); see
//! `rules/regions/README.md`.

// Keys are our own data (codes, place names), not attacker input: the fast hasher is safe
// here and takes a third off building the gazetteer.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::place::region_forms;
use crate::place::trie::Trie;
use anyhow::{anyhow, bail, Result};
use std::sync::{Arc, OnceLock};

const ADMIN_FILE: &str = "china_admin.tsv";
const ALIASES_FILE: &str = "aliases.tsv";
const FORMER: &str = include_str!("../../rules/regions/former.tsv");

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

/// Words that, right after a place name, make it part of a street, shop or
/// institution name rather than a mention (山西路, 台湾风情街, 内蒙古大学).
#[rustfmt::skip]
const NOT_PLACE_FOLLOWERS: &[&str] = &[
    "路", "街", "大街", "巷", "风情街", "公司", "有限公司", "集团", "大学", "学院",
    "医院", "银行", "宾馆", "酒店", "饭店", "商场", "小区", "广场", "社区",
    // An ethnic group, not the banner named after it (鄂温克族, 鄂伦春族).
    "族",
];

/// Endings that mark the rest of the token as an organisation name
/// (内蒙古高原杏仁露有限公司).
const ORG_SUFFIXES: &[&str] = &["有限公司", "公司", "集团", "合作社", "厂"];
/// How far (in characters) an organisation suffix may trail the place name. Longer
/// windows catch longer company names (内蒙古李牛牛食品科技股份有限公司, 13) but start
/// dropping real places (乌达区能源局在华银煤炭有限责任公司, 14).
const ORG_WINDOW_CHARS: usize = 12;

/// Common words that contain a place form but name no place. They go into the
/// automaton as matches of their own, so leftmost-longest matching swallows the
/// place form inside them (复合肥 hides 合肥, 真金白银 hides 白银).
#[rustfmt::skip]
const NON_PLACE_WORDS: &[&str] = &[
    "复合肥", "真金白银", "大同小异", "出海口", "孙中山", "中山装", "大理石", "龙井茶",
    "普洱茶", "多伦多", "兴安岭", "小兴安岭", "科尔沁沙地", "科尔沁草原",
];

/// Words that name the whole country (全国夏粮总产量): a mention of them is a place in
/// every province, so a fact they attribute has no single region.
pub const NATIONWIDE: &[&str] = &["全国"];

/// One administrative division.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub code: crate::fact::Shared,
    pub name: crate::fact::Shared,
    pub short: String,
    pub level: u8,
    /// Parent code; `None` for provinces.
    pub parent: Option<String>,
}

/// One region mention found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset of the first byte in the text.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    pub surface: String,
    /// Region code, when the surface names one region or context settles it.
    pub resolved: Option<String>,
    /// Candidate codes (two or more) when the surface is ambiguous and stayed
    /// unresolved; empty otherwise.
    pub candidates: Vec<String>,
    /// The level of `resolved` (1 province, 2 prefecture, 3 county); 0 when unresolved.
    pub level: u8,
}

#[derive(Debug)]
struct Surface {
    /// Shared with the surface's key in `surface_ids`: one allocation per surface.
    text: Arc<str>,
    /// Regions this surface names outright: official names, aliases, and short
    /// forms of three or more characters or of provinces and prefectures.
    strong: Vec<usize>,
    /// Regions for which this surface is only a two-character county short form
    /// (banner forms ending in 旗 excepted).
    /// Such forms turn up inside ordinary words and names (党和政府 → 和政,
    /// 弘扬中华 → 扬中, 李江海 → 江海), so they count only where the county's
    /// province is the home province or one of its ancestors is mentioned.
    weak: Vec<usize>,
}

/// A surface found in a text before resolution: byte offsets and which surface. A text's
/// matches are found once ([`Gazetteer::matches`]) and shared by every use of that text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawMatch {
    pub start: usize,
    pub end: usize,
    surface: usize,
}

/// The region table plus one trie over every surface form.
#[derive(Debug)]
pub struct Gazetteer {
    regions: Vec<Region>,
    by_code: HashMap<String, usize>,
    parent: Vec<Option<usize>>,
    province: Vec<usize>,
    surfaces: Vec<Surface>,
    surface_ids: HashMap<Arc<str>, usize>,
    /// Pattern id == index into `surfaces`.
    trie: Trie,
    /// Each region's path ([`Gazetteer::path`]), built when first asked for: every fact
    /// with a region carries one.
    paths: Vec<OnceLock<crate::fact::Shared>>,
}

impl Gazetteer {
    /// The gazetteer built from the data files compiled into the binary.
    pub fn embedded() -> Result<Gazetteer> {
        Self::from_tables(
            include_str!("../../rules/regions/china_admin.tsv"),
            include_str!("../../rules/regions/aliases.tsv"),
            FORMER,
        )
    }

    /// The embedded gazetteer plus aliases from rule files (`[[region_alias]]`).
    pub fn embedded_with(extra: &[(String, String)]) -> Result<Gazetteer> {
        if extra.is_empty() {
            return Self::embedded();
        }
        let mut aliases = include_str!("../../rules/regions/aliases.tsv").to_string();
        for (alias, code) in extra {
            aliases.push_str(&format!("\n{alias}\t{code}\tfrom a rule file"));
        }
        Self::from_tables(
            include_str!("../../rules/regions/china_admin.tsv"),
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

    pub fn get(&self, code: &str) -> Option<&Region> {
        self.by_code.get(code).map(|&i| &self.regions[i])
    }

    /// Region for an official name, short form or alias, when that form names one
    /// region (or a region and its own subdivisions, like 新乡: 新乡市 / 新乡县).
    /// Two-character county short forms count only when nothing stronger shares them.
    pub fn by_name(&self, name: &str) -> Option<&Region> {
        let s = &self.surfaces[*self.surface_ids.get(name)?];
        let cands = if s.strong.is_empty() {
            &s.weak
        } else {
            &s.strong
        };
        let idx = match cands.as_slice() {
            [one] => Some(*one),
            many => self.top_of_chain(many),
        }?;
        Some(&self.regions[idx])
    }

    /// Slash-joined names from the province down, e.g. "内蒙古自治区/兴安盟/科尔沁右翼前旗";
    /// empty for an unknown code.
    pub fn path(&self, code: &str) -> crate::fact::Shared {
        let Some(&i) = self.by_code.get(code) else {
            return "".into();
        };
        self.paths[i]
            .get_or_init(|| {
                let mut names: Vec<&str> = Vec::with_capacity(4);
                let mut cur = Some(i);
                while let Some(c) = cur {
                    names.push(&self.regions[c].name);
                    cur = self.parent[c];
                }
                names.reverse();
                names.join("/").into()
            })
            .clone()
    }

    /// Is `inner` inside `outer` and more specific than it?
    pub fn strictly_contains(&self, outer: &str, inner: &str) -> bool {
        match (self.by_code.get(outer), self.by_code.get(inner)) {
            (Some(&o), Some(&i)) => self.is_ancestor(o, i),
            _ => false,
        }
    }

    /// The most specific region that is or contains every one of `codes`; `None` when
    /// they lie in different provinces (or a code is unknown, or none is given).
    pub fn common_ancestor(&self, codes: &[&str]) -> Option<String> {
        let mut ids = codes.iter().map(|c| self.by_code.get(*c).copied());
        let first = ids.next()??;
        let mut chain: Vec<usize> = std::iter::once(first)
            .chain(self.ancestors(first))
            .collect();
        for id in ids {
            let id = id?;
            let mine: Vec<usize> = std::iter::once(id).chain(self.ancestors(id)).collect();
            let k = chain.iter().position(|c| mine.contains(c))?;
            chain.drain(..k);
        }
        chain.first().map(|&i| self.regions[i].code.to_string())
    }

    pub fn province_of(&self, code: &str) -> Option<&Region> {
        self.by_code
            .get(code)
            .map(|&i| &self.regions[self.province[i]])
    }

    /// Self for a prefecture, the parent for a county, `None` for a province.
    pub fn prefecture_of(&self, code: &str) -> Option<&Region> {
        let &i = self.by_code.get(code)?;
        match self.regions[i].level {
            2 => Some(&self.regions[i]),
            3 => self.parent[i].map(|p| &self.regions[p]),
            _ => None,
        }
    }

    /// Every region mention in `text`, non-overlapping, leftmost-longest, in text order.
    ///
    /// A two-character county short form counts only inside `home_province` or when
    /// an ancestor of that county is mentioned unambiguously in `text`. An ambiguous
    /// surface resolves, in order, by: a region written right before it that contains
    /// exactly one candidate (包头市青山区); the parent, then any ancestor, then any
    /// subdivision of exactly one candidate mentioned unambiguously anywhere in
    /// `text`; the one candidate inside `home_province`; candidates that are one
    /// region and its own subdivisions (新乡 → 新乡市). Otherwise it stays
    /// unresolved with `candidates` listed.
    pub fn mentions(&self, text: &str, home_province: Option<&str>) -> Vec<Mention> {
        self.mentions_in(text, &self.matches(text), home_province)
    }

    /// [`Gazetteer::mentions`] from matches already found in `text`; `raw` may be the
    /// matches of one part of it (one line), which then is the only context.
    pub fn mentions_in(
        &self,
        text: &str,
        raw: &[RawMatch],
        home_province: Option<&str>,
    ) -> Vec<Mention> {
        self.mentions_iter(text, raw, home_province).collect()
    }

    /// [`Gazetteer::mentions_in`], one mention at a time: a caller that wants only the
    /// first (a heading's leading place) resolves no more.
    pub fn mentions_iter<'a>(
        &'a self,
        text: &'a str,
        raw: &'a [RawMatch],
        home_province: Option<&str>,
    ) -> impl Iterator<Item = Mention> + 'a {
        // Context: regions named by surfaces that can mean nothing else.
        let sure = |m: &RawMatch| -> Option<usize> {
            let s = &self.surfaces[m.surface];
            match (s.strong.as_slice(), s.weak.is_empty()) {
                ([one], true) => Some(*one),
                _ => None,
            }
        };
        let ctx: HashSet<usize> = raw.iter().filter_map(sure).collect();
        let mut ctx_ancestors: HashSet<usize> = HashSet::default();
        for &c in &ctx {
            ctx_ancestors.extend(self.ancestors(c));
        }
        let home = home_province.and_then(|c| self.by_code.get(c).copied());
        let supported = move |w: usize, ctx: &HashSet<usize>| {
            Some(self.province[w]) == home
                || ctx.contains(&w)
                || self.ancestors(w).any(|a| ctx.contains(&a))
        };
        let listed = self.list_provinces(text, raw, &|w| supported(w, &ctx));

        let mut cands: Vec<usize> = Vec::new();
        raw.iter().enumerate().filter_map(move |(k, m)| {
            let s = &self.surfaces[m.surface];
            cands.clear();
            cands.extend_from_slice(&s.strong);
            // A two-character short counts at home, under a region the text names, when the
            // text names the county itself in full (岳西县 … 岳西), or in a list (X、Y、Z)
            // whose other places lie in its province (岳西、潜山、太湖三县).
            cands.extend(s.weak.iter().copied().filter(|&w| {
                supported(w, &ctx)
                    || listed
                        .get(k)
                        .is_some_and(|ps| ps.contains(&self.province[w]))
            }));
            let resolved = match cands.as_slice() {
                [] if NATIONWIDE.contains(&&*s.text) => None,
                [] => return None,
                [one] => Some(*one),
                _ => {
                    let before = k
                        .checked_sub(1)
                        .map(|j| &raw[j])
                        .filter(|prev| prev.end == m.start)
                        .and_then(sure);
                    self.resolve(&cands, before, &ctx, &ctx_ancestors, home)
                }
            };
            let candidates = if resolved.is_some() {
                Vec::new()
            } else {
                cands
                    .iter()
                    .map(|&i| self.regions[i].code.to_string())
                    .collect()
            };
            Some(Mention {
                start: m.start,
                end: m.end,
                surface: text[m.start..m.end].to_string(),
                resolved: resolved.map(|i| self.regions[i].code.to_string()),
                candidates,
                level: resolved.map_or(0, |i| self.regions[i].level),
            })
        })
    }

    /// For each match of `raw`, the provinces its list (matches joined by 、/和/及) places
    /// it in: the provinces of the list's other members that name a region on their own
    /// (a strong form, or a short `supported` already). Empty for a match in no list.
    fn list_provinces(
        &self,
        text: &str,
        raw: &[RawMatch],
        supported: &dyn Fn(usize) -> bool,
    ) -> Vec<Vec<usize>> {
        const JOINERS: &[&str] = &["、", "和", "及"];
        let mut out = vec![Vec::new(); raw.len()];
        let mut k = 0;
        while k < raw.len() {
            let mut m = k;
            while m + 1 < raw.len() && JOINERS.contains(&&text[raw[m].end..raw[m + 1].start]) {
                m += 1;
            }
            if m > k {
                let provinces = |j: usize| -> Vec<usize> {
                    let s = &self.surfaces[raw[j].surface];
                    s.strong
                        .iter()
                        .copied()
                        .chain(s.weak.iter().copied().filter(|&w| supported(w)))
                        .map(|r| self.province[r])
                        .collect()
                };
                // Each member's provinces, and how many members name each province: a
                // member's "others" are the provinces some other member names.
                let all: Vec<Vec<usize>> = (k..=m)
                    .map(|j| {
                        let mut ps = provinces(j);
                        ps.sort_unstable();
                        ps.dedup();
                        ps
                    })
                    .collect();
                let mut count: HashMap<usize, usize> = HashMap::default();
                for p in all.iter().flatten() {
                    *count.entry(*p).or_insert(0) += 1;
                }
                for (mine, slot) in all.iter().zip(out[k..=m].iter_mut()) {
                    *slot = count
                        .iter()
                        .filter(|&(p, &n)| n > usize::from(mine.contains(p)))
                        .map(|(&p, _)| p)
                        .collect();
                }
            }
            k = m + 1;
        }
        out
    }

    /// The province code mentioned most in `text` by mentions whose candidates all
    /// lie in one province (two-character county short forms do not vote); needs at
    /// least 2 such mentions and a strict lead.
    pub fn infer_province(&self, text: &str) -> Option<String> {
        self.infer_province_in(&self.matches(text))
    }

    /// [`Gazetteer::infer_province`] from matches already found.
    pub fn infer_province_in(&self, raw: &[RawMatch]) -> Option<String> {
        let mut counts: HashMap<usize, usize> = HashMap::default();
        for m in raw {
            let strong = &self.surfaces[m.surface].strong;
            let Some(&first) = strong.first() else {
                continue;
            };
            let p = self.province[first];
            if strong.iter().all(|&r| self.province[r] == p) {
                *counts.entry(p).or_insert(0) += 1;
            }
        }
        let mut ranked: Vec<(usize, usize)> = counts.into_iter().collect();
        // Ties broken by index only to make the order deterministic; a tie at the
        // top returns None below.
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let (best, n) = *ranked.first()?;
        let runner_up = ranked.get(1).map_or(0, |r| r.1);
        (n >= 2 && n > runner_up).then(|| self.regions[best].code.to_string())
    }

    /// Leftmost-longest matches minus blocker words and places that are part of a
    /// street, shop or organisation name. No surface holds a line break, so the
    /// matches of a text restricted to one of its lines are that line's matches.
    pub fn matches(&self, text: &str) -> Vec<RawMatch> {
        let mut out = Vec::new();
        for (start, end, surface) in self.trie.leftmost_longest(text) {
            let s = &self.surfaces[surface];
            if s.strong.is_empty() && s.weak.is_empty() && !NATIONWIDE.contains(&&*s.text) {
                continue;
            }
            let rest = &text[end..];
            if is_followed_by_non_place(&s.text, rest) || org_suffix_in_token(rest) {
                continue;
            }
            out.push(RawMatch {
                start,
                end,
                surface,
            });
        }
        out
    }

    fn resolve(
        &self,
        cands: &[usize],
        before: Option<usize>,
        ctx: &HashSet<usize>,
        ctx_ancestors: &HashSet<usize>,
        home: Option<usize>,
    ) -> Option<usize> {
        let only = |pred: &dyn Fn(usize) -> bool| -> Option<usize> {
            let mut hit = None;
            for &c in cands {
                if pred(c) {
                    if hit.is_some() {
                        return None;
                    }
                    hit = Some(c);
                }
            }
            hit
        };
        if let Some(b) = before {
            if let Some(c) = only(&|c| self.is_ancestor(b, c)) {
                return Some(c);
            }
        }
        if let Some(c) = only(&|c| self.parent[c].is_some_and(|p| ctx.contains(&p))) {
            return Some(c);
        }
        if let Some(c) = only(&|c| self.ancestors(c).any(|a| ctx.contains(&a))) {
            return Some(c);
        }
        if let Some(c) = only(&|c| ctx_ancestors.contains(&c)) {
            return Some(c);
        }
        let in_home: Vec<usize> = match home {
            Some(h) => cands
                .iter()
                .copied()
                .filter(|&c| self.province[c] == h)
                .collect(),
            None => Vec::new(),
        };
        match in_home.as_slice() {
            [one] => Some(*one),
            [] => self.top_of_chain(cands),
            several => self.top_of_chain(several),
        }
    }

    /// The candidate that contains all the others, if there is one: a bare city
    /// name that is also the short of its own county (新乡市 / 新乡县) means the city.
    fn top_of_chain(&self, cands: &[usize]) -> Option<usize> {
        cands
            .iter()
            .copied()
            .find(|&c| cands.iter().all(|&o| o == c || self.is_ancestor(c, o)))
    }

    fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.parent[i], move |&p| self.parent[p])
    }

    fn is_ancestor(&self, a: usize, of: usize) -> bool {
        self.ancestors(of).any(|x| x == a)
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

fn is_followed_by_non_place(surface: &str, rest: &str) -> bool {
    if rest.starts_with("号") && !rest.starts_with("号召") {
        // 号 ends a house number (…路12号) but 号召 is "call": 响应包头市号召.
        return true;
    }
    if surface.chars().count() == 2 {
        // Roads named after provinces and cities (山西道, 南京道); 道路/道德 are words.
        if let Some(after) = rest.strip_prefix('道') {
            if !after.starts_with(['路', '德', '理']) {
                return true;
            }
        }
    }
    NOT_PLACE_FOLLOWERS.iter().any(|w| rest.starts_with(w))
}

/// Whether the token after a place name (up to punctuation or whitespace, at most
/// `ORG_WINDOW_CHARS` characters) contains an organisation suffix.
fn org_suffix_in_token(rest: &str) -> bool {
    let mut end = rest.len();
    for (n, (i, c)) in rest.char_indices().enumerate() {
        if n == ORG_WINDOW_CHARS || is_token_break(c) {
            end = i;
            break;
        }
    }
    let token = &rest[..end];
    // The same as `token.contains(suffix)` for each suffix, in one walk over a short token
    // (this runs for every place found).
    token.char_indices().any(|(i, c)| {
        ORG_SUFFIXES
            .iter()
            .any(|s| s.starts_with(c) && token[i..].starts_with(s))
    })
}

fn is_token_break(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(
            c,
            '，' | '。'
                | '、'
                | '；'
                | '：'
                | '？'
                | '！'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '（'
                | '）'
                | '《'
                | '》'
                | '〈'
                | '〉'
                | '【'
                | '】'
                | '〔'
                | '〕'
                | '「'
                | '」'
                | '『'
                | '』'
                | '—'
                | '…'
                | '·'
                | '～'
                // Words that end a name (榕江县投资建设的服装厂: the factory is not 榕江县's
                // name), so an organisation word after them says nothing about the place.
                | '的'
                | '在'
                | '与'
                | '向'
                | '从'
                | '为'
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, MatchKind};
    use std::collections::BTreeMap;
    use std::sync::OnceLock;

    #[test]
    fn token_breaks_and_org_suffixes() {
        for c in "，。、；：？！“”‘’（）《》〈〉【】〔〕「」『』—…·～ ,.".chars()
        {
            assert!(is_token_break(c), "{c}");
        }
        for c in "中文a1公司厂".chars() {
            assert!(!is_token_break(c), "{c}");
        }
        assert!(org_suffix_in_token("食品科技股份有限公司"));
        assert!(org_suffix_in_token("水泥厂,"));
        assert!(!org_suffix_in_token("市场监管局"));
        // Past the token (punctuation) or the window, a suffix does not count.
        assert!(!org_suffix_in_token("市,公司"));
        assert!(!org_suffix_in_token("一二三四五六七八九十甲乙公司"));
    }

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
            ("通辽市经济技术开发区", "150571"),
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
        let ms = gaz().mentions("兴安北京社区的网格员。科右前旗", None);
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
        assert!(found("内蒙古高原杏仁露有限公司首批出口日本", None).is_empty());
        assert!(found("北京绿火生态农业科技有限公司生产经理", None).is_empty());
        assert_eq!(
            found("乌海市乌达区能源局在华银煤炭有限责任公司", None).len(),
            2
        );
        assert!(found("内蒙古大学", None).is_empty());
        assert!(found("鄂温克族群众", None).is_empty());
        assert!(found("回民群众,乌兰牧骑", Some("150000")).is_empty());
        resolves("回民区", Some("150000"), "150103");
        assert!(found("江西赣锋锂业集团为龙头", None).is_empty());
        // The company rule stops at punctuation.
        assert_eq!(
            found("内蒙古,高原杏仁露有限公司", None),
            vec![("内蒙古".to_string(), Some("150000".to_string()))]
        );
        // 兴安北京社区 is a community: 兴安 (盟) is a mention, 北京 is not.
        let ms = found("兴安北京社区", Some("150000"));
        assert_eq!(ms, vec![("兴安".to_string(), Some("152200".to_string()))]);
        // Everyday words that are also county shorts.
        assert!(found(
            "乡村振兴，绿水青山就是金山银山，新建温室，突破100万大关",
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
    fn infer_province_on_seed_paragraph() {
        let para = "初冬的兴安盟科右前旗,阳光把街道照得暖融融的。11月17日,在科右前旗新启蒙托育中心的活动室里,\
                    见习老师周佳慧正耐心地陪着孩子们做游戏。";
        assert_eq!(gaz().infer_province(para).as_deref(), Some("150000"));
        assert_eq!(gaz().infer_province("包头"), None);
        assert_eq!(gaz().infer_province("包头和武汉,包头和武汉"), None);
    }

    /// Regions outside Inner Mongolia that the seed texts really name.
    const SEED_OUTSIDE_IM: &[(&str, &str)] = &[
        ("110000", "北京: 北京国际…博览会, 销往北京"),
        ("120000", "天津: 经天津港发往日本"),
        ("130000", "河北: 国家高粱研究中心河北高粱分所"),
        ("310000", "上海: 销往北京、上海、广西"),
        (
            "510100",
            "成都: 成都七中 (a Chengdu school streaming lessons)",
        ),
        ("350200", "厦门: 赴厦门、洛阳、新乡、许昌"),
        ("410000", "河南: 到河南新乡"),
        ("410300", "洛阳: ditto"),
        ("410700", "新乡: ditto"),
        ("411000", "许昌: ditto, 许昌胖东来"),
        ("450000", "广西: 销往北京、上海、广西"),
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

    #[test]
    fn columns_split_on_tabs_and_count_them() {
        assert_eq!(columns::<3>("a\t中文\t"), Some(["a", "中文", ""]));
        assert_eq!(columns::<2>("a\tb\tc"), None);
        assert_eq!(columns::<3>("a\tb"), None);
        assert_eq!(columns::<1>(""), Some([""]));
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
}
