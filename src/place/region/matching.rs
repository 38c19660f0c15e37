//! Finding surfaces in a text: leftmost-longest trie matches, minus blocker words and
//! places that are part of a street, shop or organisation name.

use super::{Gazetteer, RawMatch, NATIONWIDE};

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
/// (内蒙古某某乳业有限公司).
const ORG_SUFFIXES: &[&str] = &["有限公司", "公司", "集团", "合作社", "厂"];
/// How far (in characters) an organisation suffix may trail the place name. Longer
/// windows catch longer company names (内蒙古某某某某乳制品股份有限公司, 13) but start
/// dropping real places (乌达区农牧局在某某牧业有限责任公司, 14).
const ORG_WINDOW_CHARS: usize = 12;

impl Gazetteer {
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

    #[test]
    fn token_breaks_and_org_suffixes() {
        for c in "，。、；：？！“”‘’（）《》〈〉【】〔〕「」『』—…·～ ,.".chars()
        {
            assert!(is_token_break(c), "{c}");
        }
        for c in "中文a1公司厂".chars() {
            assert!(!is_token_break(c), "{c}");
        }
        assert!(org_suffix_in_token("乳制品股份有限公司"));
        assert!(org_suffix_in_token("水泥厂,"));
        assert!(!org_suffix_in_token("市场监管局"));
        // Past the token (punctuation) or the window, a suffix does not count.
        assert!(!org_suffix_in_token("市,公司"));
        assert!(!org_suffix_in_token("一二三四五六七八九十甲乙公司"));
    }
}
