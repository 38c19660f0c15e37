//! The grammar's cues for particular shapes of clause: money for a purpose (用于), a part
//! of a whole (其中), a list's measure (分别为), a change and what changed (比上年增长),
//! people counted after households, the object after a quantity, datelines and a page's
//! own date line.

use super::text::{fit, forward_chars, rfind};
use super::*;

impl LabelGrammar {
    /// A label one of the clause-shape cues gives before the namer reads the clause: a
    /// dateline's or a page's own date, a part of a whole, money for a purpose. `(a, b)`
    /// is the clause, `(start, end)` the quantity, in `text`.
    pub fn cue(
        &self,
        text: &str,
        (a, b): (usize, usize),
        (start, end): (usize, usize),
        is_date: bool,
        unit: &str,
    ) -> Option<super::super::Naming> {
        let named = |label: String, source: &str| {
            Some(super::super::Naming {
                label,
                source: source.to_string(),
            })
        };
        if is_date && self.is_dateline(&text[a..start], &text[end..b]) {
            return named(self.dateline.clone(), "a dateline");
        }
        if is_date && self.is_page_date(text, start, end) {
            return named(self.page_date.clone(), "a date alone on its line");
        }
        if let Some(label) = self.partition(&text[a..start], unit) {
            return named(label, "a part of a whole (其中)");
        }
        // 用于 right after the money, or opening the next clause (2.7亿元,用于…).
        let after = match text[end..b].trim() {
            "" => {
                // The next clause's start only: 用于 opens it or nothing does.
                text[b..crate::page::segment::floor_char(text, b + 120)]
                    .trim_start_matches([',', ' '])
            }
            _ => &text[end..b],
        };
        if let Some(label) = self.purpose(after, unit) {
            return named(label, "money for a purpose (用于)");
        }
        None
    }

    /// The noun phrase right after a quantity (8亿元授信协议 → 授信协议): its first words
    /// while they are nouns, at most six characters.
    pub(super) fn object_after(&self, w: &Window) -> Option<String> {
        let to = forward_chars(w.after, 0, 8);
        let ws = self.seg(&w.after[..to]);
        // Nouns and the verbs that modify them (授信 协议), ending on a noun.
        let mut end = 0;
        let mut chars = 0;
        for (k, x) in ws.iter().enumerate() {
            let content = x.tag.starts_with('n') || x.tag.starts_with('v');
            if !content || self.is_place(x, &[]) || self.is_office(x) || self.is_function_word(x) {
                break;
            }
            chars += x.text.chars().count();
            if chars > 6 {
                break;
            }
            if x.tag.starts_with('n') {
                end = k + 1;
            }
        }
        let out: String = ws[..end].iter().map(|x| x.text).collect();
        (out.chars().count() >= 2).then_some(out)
    }

    /// An item of a 、-list without a verb of its own takes the verb of the item before it
    /// (种植黄芪800亩、花卉300亩 → 种植花卉).
    pub(super) fn list_verb(&self, label: &str, w: &Window) -> Option<String> {
        // Things counted or measured (亩, 户); items of money or shares name their own
        // subject (银行让利1%、县财政贴息2%).
        if w.unit == "元" || self.unit_head(w.unit).is_none() {
            return None;
        }
        let (_, item) = w.before.trim_end().rsplit_once('、')?;
        if item.is_empty() || item.contains(|c: char| c.is_ascii_digit()) || !label.ends_with(item)
        {
            return None;
        }
        let label = item;
        let ws = self.seg(label);
        if ws.iter().any(|x| x.tag.starts_with('v') && x.tag != "vn") || label.chars().count() > 8 {
            return None;
        }
        // The previous item's verb (合作社种植苜蓿 → 种植).
        let prev = self.seg(w.prev_label?);
        let verb = prev
            .iter()
            .find(|x| x.tag.starts_with('v') && x.tag != "vn" && x.text.chars().count() >= 2)?;
        Some(fit(format!("{}{label}", verb.text)))
    }

    /// The thing money went into when its clause ends with it (投入80万元,建设某某服务站 →
    /// 某某平台): the next clause's words after its verbs, places dropped, when they end on
    /// a noun; its last words within ten characters.
    pub(super) fn object_of_next_clause(&self, w: &Window) -> Option<String> {
        if !w.after.trim().is_empty() {
            return None;
        }
        let next = w.sentence_after.trim_start_matches([',', ' ']);
        let end = next.find([',', ';', '。', '、']).unwrap_or(next.len());
        let end = forward_chars(next, 0, 24).min(end);
        let ws = self.seg(&next[..end]);
        // Its verbs first (开发 应用, 建设), then the thing.
        let from = ws.iter().position(|x| !x.tag.starts_with('v'))?;
        if from == 0 {
            return None;
        }
        let run: Vec<&Word> = ws[from..]
            .iter()
            .filter(|x| !self.is_place(x, &[]))
            .collect();
        // Some noun in it (jieba tags 站 of 服务站 a verb), no function word or number.
        if !run.iter().any(|x| x.tag.starts_with('n'))
            || run.iter().any(|x| self.is_function_word(x) || x.tag == "m")
        {
            return None;
        }
        let mut chars = 0;
        let keep = run
            .iter()
            .rev()
            .take_while(|x| {
                chars += x.text.chars().count();
                chars <= 10
            })
            .count();
        let out: String = run[run.len() - keep..].iter().map(|x| x.text).collect();
        (out.chars().count() >= 2).then_some(out)
    }

    /// An investment named before its project (总投资3.2亿元的某某项目): the project,
    /// without its figures, before the label.
    pub(super) fn project_after(&self, label: &str, w: &Window) -> Option<String> {
        if w.is_date || !label.ends_with("投资") {
            return None;
        }
        let rest = w.after.trim_start().strip_prefix('的')?;
        let end = rest.find([',', ';', '。', '、']).unwrap_or(rest.len());
        let phrase = &rest[..end];
        let at = ["项目", "工程"]
            .iter()
            .filter_map(|h| phrase.find(h).map(|i| i + h.len()))
            .min()?;
        let name: String = self
            .seg(&phrase[..at])
            .into_iter()
            .filter(|x| {
                x.tag != "m" && self.flags_of(x) & PLACE_WORD == 0 && !x.text.starts_with('万')
            })
            .map(|x| x.text)
            .collect();
        // 项目总投资 + 风电制氢项目: the project's own name replaces the word 项目.
        let label = ["项目", "工程"]
            .iter()
            .find_map(|h| label.strip_prefix(h))
            .unwrap_or(label);
        (name.chars().count() >= 3 && !label.contains(name.as_str()))
            .then(|| fit(format!("{name}{label}")))
    }

    /// The measure a list's opener names (各乡镇投资额分别为 → 投资额): the words of its
    /// clause before the opener, without places and level words.
    pub(super) fn list_measure(&self, sentence_before: &str) -> Option<String> {
        let (at, _) = self
            .list_openers
            .iter()
            .filter_map(|o| rfind(sentence_before, o).map(|i| (i, o)))
            .max_by_key(|&(i, _)| i)?;
        let clause = &sentence_before[..at];
        let from = clause.rfind([',', ';', '。', ':']).map_or(0, |i| i + 1);
        let ws = self.seg(&clause[from..]);
        let keep: Vec<&Word> = ws
            .iter()
            .skip_while(|x| {
                self.is_place(x, &[])
                    || self.is_function_word(x)
                    || self.flags_of(x) & LEVEL != 0
                    || x.text.starts_with('各')
            })
            .collect();
        let out: String = keep.iter().map(|x| x.text).collect();
        (out.chars().count() >= 2).then_some(out)
    }

    /// A change without its subject (比上年增长, 增加) named by the figure before it:
    /// 生产总值 + 增长. None when the label is no bare change or there is no figure.
    pub(super) fn compared(&self, label: &str, w: &Window) -> Option<String> {
        let compared = self
            .sets
            .comparisons
            .starting(label)
            .map(|c| &label[c.len()..]);
        let rest = compared.unwrap_or(label);
        let change = self.sets.changes.ending(rest)?;
        // A change with a subject of its own (水土流失减少) stays as it is.
        if compared.is_none() && rest != change {
            return None;
        }
        // What stands between the comparison and the change must be a period (上年同期),
        // not a subject of its own.
        if rest.chars().count() > change.chars().count() + 4 {
            return None;
        }
        let prev = w.prev_any?;
        // The figure's own change (…增长) is not its subject.
        let subject = self
            .sets
            .changes
            .ending(prev)
            .map_or(prev, |c| &prev[..prev.len() - c.len()]);
        Some(fit(format!("{subject}{change}")))
    }

    /// Whether `text` starts with a noun (贫困户, not 脱贫致富).
    pub fn starts_with_noun(&self, text: &str) -> bool {
        crate::page::words::first_word(text, MARGIN)
            .is_some_and(|x| x.tag.starts_with('n') && !self.is_function_word(&x))
    }

    /// The verb right after a quantity with its unit's head (受灾 + 人 → 受灾人数).
    pub(super) fn verb_after(&self, w: &Window) -> Option<String> {
        let to = forward_chars(w.after, 0, MARGIN);
        let ws = self.seg(&w.after[..to]);
        let first = ws.first()?;
        let verb = first.tag.starts_with('v') && first.tag != "vn";
        let head = self.unit_head(w.unit)?;
        (verb && first.text.chars().count() >= 2).then(|| format!("{}{head}", first.text))
    }

    /// The label of a part of a whole (其中绝收3000亩 → 绝收面积): the words between the
    /// partition word and the number, with the unit's head unless they end with a head.
    pub fn partition(&self, before: &str, unit: &str) -> Option<String> {
        let rest = self
            .partition_words
            .iter()
            .find_map(|p| before.trim_start().strip_prefix(p.as_str()))?
            .trim_start_matches([',', ':', ' ']);
        let ws = self.seg(rest);
        let run = self.without_function_ends(&ws, false);
        let what: String = run.iter().map(|x| x.text).collect();
        let n = what.chars().count();
        if !(1..=6).contains(&n) || run.iter().any(|x| self.is_place(x, &[])) {
            return None;
        }
        if self.sets.heads.end(&what) {
            return (n >= 2).then_some(what);
        }
        let head = self.unit_head(unit)?;
        Some(format!("{what}{head}"))
    }

    /// The label of money "用于" a purpose, read after it: the purpose (its last words,
    /// where its head is) and the money's head (800万元用于产业园建设 → 产业园建设资金).
    pub fn purpose(&self, after: &str, unit: &str) -> Option<String> {
        let head = self.unit_head(unit)?;
        let rest = self
            .purpose_verbs
            .iter()
            .find_map(|v| after.trim_start().strip_prefix(v.as_str()))?;
        let end = rest.find([',', ';', '。', '、']).unwrap_or(rest.len());
        // Numbers and their units are not part of the purpose (新增3万亩高标准农田建设).
        let ws: Vec<Word> = self
            .seg(&rest[..end])
            .into_iter()
            .filter(|x| x.tag != "m" && self.flags_of(x) & PLACE_WORD == 0)
            .collect();
        let mut run: &[Word] = &ws;
        while let Some((x, tail)) = run.split_first() {
            if self.is_place(x, &[]) || self.is_function_word(x) {
                run = tail;
            } else {
                break;
            }
        }
        let budget = MAX_CHARS.saturating_sub(head.chars().count());
        let chars = |r: &[Word]| r.iter().map(|x| x.text.chars().count()).sum::<usize>();
        while chars(run) > budget && run.len() > 1 {
            run = &run[1..];
        }
        let what: String = run.iter().map(|x| x.text).collect();
        (what.chars().count() >= 2).then(|| format!("{what}{head}"))
    }

    /// The label of people counted right after households (185户598人): the households'
    /// label with 人口 for its 户 (带动贫困户 → 带动贫困人口), or with 人口 added.
    pub fn persons_of(&self, households_label: &str) -> String {
        // Already a count of people (总人口1059户2340人): the same label.
        if households_label.ends_with(self.persons_of_households.as_str()) {
            return households_label.to_string();
        }
        let stem = households_label
            .strip_suffix('户')
            .unwrap_or(households_label);
        fit(format!("{stem}{}", self.persons_of_households))
    }

    /// Whether a date is a dateline's: an outlet's short name before it (新华社北京), then
    /// 电 or 讯 and a space, a parenthesis or the end of the clause.
    pub fn is_dateline(&self, before: &str, after: &str) -> bool {
        // The outlet, perhaps with a reporter's byline (某某新闻记者 李华).
        let outlet = before.trim();
        let n = outlet.chars().count();
        let name_like = (2..=20).contains(&n)
            && !outlet
                .chars()
                .any(|c| c.is_ascii_digit() || matches!(c, ',' | ';' | '。' | ':' | '、'));
        let rest = after.strip_prefix(['电', '讯']);
        name_like
            && rest.is_some_and(|r| {
                r.is_empty()
                    || r.starts_with(|c: char| c.is_whitespace() || c == '(' || c == '\u{FF08}')
            })
    }

    /// Whether the date at `start..end` of `text` stands alone on its line, perhaps with a
    /// clock time and a source after it (a page's header or footer).
    pub fn is_page_date(&self, text: &str, start: usize, end: usize) -> bool {
        // Only blanks between the line's start and the date (read back over the blanks
        // only: a page on one line must not be scanned for every date).
        let head = text[..start].trim_end();
        if !head.is_empty() && !text[head.len()..start].contains('\n') {
            return false;
        }
        // What follows on its line: a clock time and a source, so a short look ahead.
        let ahead = &text[end..crate::page::segment::floor_char(text, end + 120)];
        let Some(line_end) = ahead
            .find('\n')
            .or((end + ahead.len() == text.len()).then_some(ahead.len()))
        else {
            return false;
        };
        let mut rest = ahead[..line_end].trim_start();
        // A clock time: 17:29 or 08:15:02.
        let clock = rest
            .char_indices()
            .take_while(|&(_, c)| c.is_ascii_digit() || c == ':')
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
        if clock > 0 && rest[..clock].contains(':') {
            rest = rest[clock..].trim_start();
        }
        rest.is_empty()
            || ["来源", "来自", "稿源"].iter().any(|w| {
                rest.strip_prefix(w)
                    .is_some_and(|r| r.starts_with([':', ':']))
            })
    }
}
