//! Phrase helpers of the namer: stripping listed words, counts and classifiers, the noun
//! after a quantity, the subject of the previous clause.

use super::{FallbackDef, MIN_CHARS};

/// 《…关于加强校园食品安全的通知》实施以来 → 加强校园食品安全通知实施: a document's name
/// after its 关于, without 的, and the verb that follows it.
pub(super) fn title_event(after: &str) -> Option<String> {
    let rest = after.trim_start().strip_prefix('《')?;
    let (title, tail) = rest.split_once('》')?;
    let core = title
        .rsplit_once("关于")
        .map_or(title, |(_, t)| t)
        .replace('的', "");
    let core: String = {
        let n = core.chars().count();
        core.chars().skip(n.saturating_sub(10)).collect()
    };
    let verb: String = tail
        .chars()
        .take_while(|c| !matches!(*c, '以' | ',' | ';' | '。'))
        .take(4)
        .collect();
    Some(format!("{core}{verb}"))
}

/// The project or works named last before the fact in its sentence: 年产5万吨饲料加工项目
/// → 饲料加工项目 (the characters after the last number, at most five before 项目).
pub(super) fn subject(before: &str) -> Option<String> {
    const HEADS: [&str; 2] = ["项目", "工程"];
    let (at, head) = HEADS
        .iter()
        .filter_map(|h| before.rfind(h).map(|at| (at, *h)))
        .max_by_key(|&(at, _)| at)?;
    let name: String = before[..at]
        .chars()
        .rev()
        .take_while(|c| {
            is_cjk(*c)
                && !matches!(
                    *c,
                    '的' | '和'
                        | '与'
                        | '及'
                        | '、'
                        | '在'
                        | '于'
                        | '为'
                        | '万'
                        | '吨'
                        | '元'
                        | '亩'
                        | '人'
                        | '户'
                        | '个'
                        | '年'
                )
        })
        .take(5)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    Some(format!("{name}{head}"))
}

pub(super) fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Of the two sides of a 的, the longer one carries the meaning: 农村留守老人的情况
/// → 农村留守老人, 建成的冷链仓库 → 冷链仓库, 东山幼儿园的活动室里 → 东山幼儿园.
pub(super) fn of_phrase(text: &str) -> &str {
    match text.split_once('的') {
        Some((a, b)) if b.chars().count() > a.chars().count() => of_phrase(b),
        Some((a, _)) => a,
        None => text,
    }
}

/// `text` without a clock time at its start (9时, 9点30分, 9时5分许).
pub(super) fn skip_clock(text: &str) -> &str {
    let digits = |t: &str| t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let n = digits(text);
    if n == 0 {
        return text;
    }
    let Some(rest) = ["时", "点", ":"]
        .iter()
        .find_map(|u| text[n..].strip_prefix(u))
    else {
        return text;
    };
    let m = digits(rest);
    let rest = if m > 0 {
        rest[m..].strip_prefix('分').unwrap_or(&rest[m..])
    } else {
        rest
    };
    rest.strip_prefix('许').unwrap_or(rest)
}

/// The verb that starts last in `text`, the longest one there; `verbs` grouped by first
/// character, longest first within a group. One backward walk over a short clause,
/// looking at each position only at the verbs that start with its character.
pub(super) fn last_verb<'t>(text: &'t str, fb: &FallbackDef) -> Option<(usize, &'t str)> {
    text.char_indices().rev().find_map(|(at, c)| {
        // Most characters start no verb: the bitmap says so without a search.
        if !fb.verb_starts.may_contain(c as usize & 0xFFFF) {
            return None;
        }
        let rest = &text[at..];
        starting_with(&fb.verbs, c)
            .iter()
            .find(|v| rest.starts_with(v.as_str()))
            .map(|v| (at, &rest[..v.len()]))
    })
}

/// The words of a list grouped by first character that start with `c`.
pub(super) fn starting_with(words: &[String], c: char) -> &[String] {
    let from = words.partition_point(|w| w.chars().next() < Some(c));
    let to = from + words[from..].partition_point(|w| w.starts_with(c));
    &words[from..to]
}

/// A classifier or multiplier left at the start of a piece after its number (264期 → 期).
pub(super) fn is_classifier(c: char) -> bool {
    matches!(
        c,
        '个' | '名'
            | '家'
            | '户'
            | '人'
            | '元'
            | '亩'
            | '吨'
            | '期'
            | '项'
            | '次'
            | '万'
            | '亿'
            | '千'
            | '百'
            | '余'
            | '多'
    )
}

/// Labels hold no numbers: of the pieces between numbers and enumeration marks, the
/// longest, without a classifier left over (农机手培训36期 → 农机手培训,
/// 9个村互助资金 → 村互助资金, 年加工2万吨、产值 → 产值 when it is last and long enough).
pub(super) fn longest_part(s: &str) -> &str {
    let parts = s
        .split(|c: char| c.is_ascii_digit() || c == '.' || c == '、')
        .enumerate()
        .map(|(i, p)| {
            if i == 0 {
                p
            } else {
                p.trim_start_matches(is_classifier)
            }
        });
    // The last piece, next to the number, is the head when it can stand alone; otherwise
    // the longest (the last of equals, as `max_by_key` picks). One pass, no list.
    let mut last: Option<(usize, &str)> = None;
    let mut longest: Option<(usize, &str)> = None;
    for p in parts {
        let n = p.chars().count();
        if longest.is_none_or(|(m, _)| n >= m) {
            longest = Some((n, p));
        }
        last = Some((n, p));
    }
    match last {
        Some((n, p)) if n >= MIN_CHARS => p,
        _ => longest.map_or(s, |(_, p)| p),
    }
}

/// `words` longest first (see [`FallbackDef::longest_first`]).
pub(super) fn strip_suffixes<'t>(mut text: &'t str, words: &[String]) -> &'t str {
    loop {
        let before = text;
        for w in words {
            if may_end(w, text) {
                if let Some(t) = text.strip_suffix(w.as_str()) {
                    text = t;
                }
            }
        }
        if text == before {
            return text;
        }
    }
}

/// `words` longest first (see [`FallbackDef::longest_first`]).
pub(super) fn strip_prefixes<'t>(mut text: &'t str, words: &[String]) -> &'t str {
    loop {
        let before = text;
        for w in words {
            if may_start(w, text) {
                if let Some(t) = text.strip_prefix(w.as_str()) {
                    text = t;
                }
            }
        }
        if text == before {
            return text;
        }
    }
}

/// Whether `word` can start `text`, from their first two bytes: most words of a list fail
/// here, without a call to memcmp.
pub(super) fn may_start(word: &str, text: &str) -> bool {
    let (w, t) = (word.as_bytes(), text.as_bytes());
    w.len() <= t.len() && w.first() == t.first() && (w.len() < 2 || w[1] == t[1])
}

/// Whether `word` can end `text`, from their last two bytes.
pub(super) fn may_end(word: &str, text: &str) -> bool {
    let (w, t) = (word.as_bytes(), text.as_bytes());
    w.len() <= t.len() && w.last() == t.last() && (w.len() < 2 || w[w.len() - 2] == t[t.len() - 2])
}

/// A phrase without leading function words and counts: 让百万亩山杏林 → 山杏林.
pub(super) fn core_noun<'t>(text: &'t str, fb: &FallbackDef) -> &'t str {
    fb.strip_leading(strip_counted(fb.strip_leading(text)))
}

/// Drops a leading count (9个村互助资金 → 村互助资金).
pub(super) fn strip_counted(text: &str) -> &str {
    let digits = text
        .char_indices()
        .find(|&(_, c)| {
            !(c.is_ascii_digit()
                || c == '.'
                || matches!(
                    c,
                    '零' | '〇'
                        | '一'
                        | '二'
                        | '两'
                        | '三'
                        | '四'
                        | '五'
                        | '六'
                        | '七'
                        | '八'
                        | '九'
                        | '十'
                        | '百'
                        | '千'
                        | '万'
                        | '亿'
                        | '余'
                        | '多'
                ))
        })
        .map_or(text.len(), |(i, _)| i);
    // 一亩纯收益 is a rate per mu, not a count to drop.
    if digits == 0 || &text[..digits] == "一" {
        return text;
    }
    let rest = &text[digits..];
    match rest.chars().next() {
        Some(c)
            if matches!(
                c,
                '个' | '名'
                    | '家'
                    | '户'
                    | '人'
                    | '项'
                    | '期'
                    | '类'
                    | '批'
                    | '座'
                    | '所'
                    | '次'
                    | '位'
                    | '只'
                    | '头'
                    | '辆'
                    | '亩'
            ) =>
        {
            &rest[c.len_utf8()..]
        }
        _ => text,
    }
}

/// The phrase right after a quantity: up to punctuation, a digit or the clause end, with
/// the longer side of a 的 (农村留守老人的情况 → 农村留守老人).
/// A count names the noun right after it (9户农户的饮水管道 → 农户); for other kinds the
/// longer side of a 的 carries the meaning (建成的冷链仓库 → 冷链仓库).
pub(super) fn noun_after<'t>(after: &'t str, fb: &FallbackDef, counted: bool) -> &'t str {
    let verbs = &fb.verbs;
    let text = fb.strip_leading(after.trim());
    let end = text
        .char_indices()
        .find(|&(_, c)| {
            c.is_ascii_digit()
                || matches!(
                    c,
                    '、' | ',' | ';' | ':' | '。' | '!' | '?' | '(' | ')' | '“' | '”'
                )
        })
        .map_or(text.len(), |(i, _)| i);
    let text = &text[..end];
    if counted {
        // 30名护林员负责巡山工作: the counted noun ends where its duty begins.
        // 4个乡镇投入养护资金: …or where a verb of the fallback list begins.
        const DUTIES: [&str; 3] = ["负责", "进行", "开展"];
        // The first place after the start where one begins; a word that opens the
        // text is not a boundary anywhere.
        // Only the verbs that start with the position's character are tried (the list is
        // grouped by first character, see `FallbackDef::longest_first`).
        let end = text
            .char_indices()
            .skip(1)
            .find(|&(i, c)| {
                let rest = &text[i..];
                let starts = |d: &str| rest.starts_with(d) && !text.starts_with(d);
                DUTIES.iter().any(|d| starts(d))
                    || (fb.verb_starts.may_contain(c as usize & 0xFFFF)
                        && starting_with(verbs, c).iter().any(|d| starts(d)))
            })
            .map_or(text.len(), |(i, _)| i);
        text[..end].split('的').next().unwrap_or(text)
    } else {
        of_phrase(text)
    }
}

/// `noun_after` without a trailing link word (山杏林成为 → 山杏林).
pub(super) fn noun_after_linked<'t>(after: &'t str, fb: &FallbackDef, counted: bool) -> &'t str {
    strip_suffixes(noun_after(after, fb, counted), &fb.links)
}

/// What the previous clause is about, for a one-word label: the words after its last
/// number (80户参与土地流转的农户 → 参与土地流转), or before its first one
/// (预计年销售额突破5亿元 → 预计年销售额).
pub(super) fn prev_subject<'t>(prev: &'t str, fb: &FallbackDef) -> &'t str {
    let is_num = |c: char| {
        c.is_ascii_digit()
            || c == '.'
            || matches!(c, '万' | '亿' | '千' | '百' | '十' | '余' | '多')
    };
    let after_last = prev
        .char_indices()
        .rfind(|&(_, c)| is_num(c))
        .map(|(i, c)| &prev[i + c.len_utf8()..]);
    let after_last = after_last.map(|t| {
        let t = t.trim_start_matches(|c: char| {
            matches!(
                c,
                '个' | '名' | '家' | '户' | '人' | '元' | '亩' | '吨' | '期' | '项' | '次'
            )
        });
        of_phrase(t)
    });
    let phrase = match after_last {
        Some(t) if t.chars().count() >= MIN_CHARS => t,
        _ => {
            let first = prev
                .find(|c: char| c.is_ascii_digit())
                .unwrap_or(prev.len());
            // A minus sign belongs to the number (利润-300万元).
            let before = prev[..first].trim_end_matches(['-', '−', '负']);
            strip_suffixes(before, &fb.links)
        }
    };
    let phrase = fb.strip_leading(phrase);
    let n = phrase.chars().count();
    let skip = n.saturating_sub(10);
    let cut = phrase
        .char_indices()
        .nth(skip)
        .map_or(phrase.len(), |(i, _)| i);
    &phrase[cut..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicator::clean_label;

    /// A word list as the rules hold it: longest first.
    fn words(ws: &[&str]) -> Vec<String> {
        FallbackDef {
            leading: ws.iter().map(|s| s.to_string()).collect(),
            ..FallbackDef::default()
        }
        .longest_first()
        .leading
    }

    #[test]
    fn labels_are_bounded() {
        assert_eq!(clean_label("资", true), None);
        assert_eq!(clean_label("“组合拳”", true), Some("组合拳".to_string()));
        // The namer reads up to READ_CHARS; the label grammar shortens by whole words.
        let long = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰";
        assert_eq!(
            clean_label(long, true).as_deref(),
            Some("二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰")
        );
        assert_eq!(
            clean_label(long, false).as_deref(),
            Some("一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯")
        );
        assert_eq!(clean_label("12.5", true), None);
        assert_eq!(
            clean_label("出台《科技强市意见》", false).as_deref(),
            Some("出台科技强市意见")
        );
    }

    #[test]
    fn of_phrases_and_subjects() {
        assert_eq!(of_phrase("农村留守老人的情况"), "农村留守老人");
        assert_eq!(of_phrase("建成的冷链仓库"), "冷链仓库");
        assert_eq!(
            subject("年产5万吨饲料加工项目,计划投资3亿元,于").as_deref(),
            Some("饲料加工项目")
        );
        assert_eq!(subject("计划投资"), None);
    }

    proptest::proptest! {
        /// The two-byte check skips the word list only where no word could start: the
        /// same result as stripping with the whole list (one-byte words included).
        #[test]
        fn stripping_leading_words_skips_no_word(text in "[的了共其中已全旗,a目前 ]{0,10}") {
            let fb = FallbackDef {
                leading: words(&["的", "了", "共", "其中", "已", "全旗", ",", "目前"]),
                ..FallbackDef::default()
            }
            .longest_first();
            proptest::prop_assert_eq!(
                fb.strip_leading(&text),
                strip_prefixes(&text, &fb.leading)
            );
        }
    }

    proptest::proptest! {
        /// One pass picks what the list of pieces did: the last piece when long enough,
        /// else the last of the longest.
        #[test]
        fn longest_part_as_from_a_list(s in "[1.、个期人才培训产值 ]{0,14}") {
            let parts: Vec<&str> = s
                .split(|c: char| c.is_ascii_digit() || c == '.' || c == '、')
                .enumerate()
                .map(|(i, p)| if i == 0 { p } else { p.trim_start_matches(is_classifier) })
                .collect();
            let expected = match parts.last() {
                Some(last) if last.chars().count() >= MIN_CHARS => last,
                _ => parts.iter().copied().max_by_key(|p| p.chars().count()).unwrap_or(&s),
            };
            proptest::prop_assert_eq!(longest_part(&s), expected);
        }
    }

    /// An empty word in a user's list strips nothing and breaks nothing.
    #[test]
    fn an_empty_leading_word_is_harmless() {
        let fb = FallbackDef {
            leading: words(&["", "全旗"]),
            ..FallbackDef::default()
        }
        .longest_first();
        assert_eq!(fb.strip_leading("全旗投入资金"), "投入资金");
        assert_eq!(fb.strip_leading("投入资金"), "投入资金");
    }

    /// A one-byte word (a comma in `date_noise`, or an ASCII word in a user's list) is
    /// stripped like any other, not only when it is the whole text.
    #[test]
    fn one_byte_words_are_stripped_too() {
        assert_eq!(strip_prefixes(",目前", &words(&[","])), "目前");
        assert_eq!(strip_suffixes("截至10月,", &words(&[","])), "截至10月");
        assert_eq!(strip_prefixes("-", &words(&["-"])), "");
    }

    #[test]
    fn strips_counts_and_words() {
        assert_eq!(strip_counted("9个村互助资金"), "村互助资金");
        assert_eq!(strip_counted("村集体"), "村集体");
        assert_eq!(
            strip_suffixes("开户人数达", &words(&["达", "为"])),
            "开户人数"
        );
        assert_eq!(
            strip_prefixes("目前已掌握", &words(&["目前", "已"])),
            "掌握"
        );
        // The longer word is tried first whatever the order in the file.
        assert_eq!(strip_suffixes("投资共计", &words(&["计", "共计"])), "投资");
    }

    #[test]
    fn last_verb_is_the_last_and_longest() {
        let verbs = FallbackDef {
            verbs: words(&["投入", "投", "带动", "投放", "动员"]),
            ..FallbackDef::default()
        }
        .longest_first();
        assert_eq!(last_verb("带动就业投入资金", &verbs), Some((12, "投入")));
        assert_eq!(last_verb("资金", &verbs), None);
        assert_eq!(last_verb("投入动员投放", &verbs), Some((12, "投放")));
        assert_eq!(last_verb("带动员", &verbs), Some((3, "动员")));
    }
}
