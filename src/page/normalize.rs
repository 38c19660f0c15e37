//! Text normalisation: full-width folding and layout line joins, with a map back to the
//! original text so every fact can point at what the user actually wrote.
//!
//! Two things happen, both needed before regex rules can see a number:
//! - full-width ASCII (１２３，．％ＡＢ) folds to ASCII, the ideographic space to a space;
//!   nothing else is touched (no NFKC: it would turn ① into 1 and 〇 into something else);
//! - a paragraph that a page layout broke across lines ("…失业青年,\n\n精准开发了…") is
//!   joined. A line keeps its break, as `\n` (a hard boundary for the segmenter), only when
//!   it ends a sentence (。！？；… or a closing quote) or is a heading: a short line without
//!   sentence punctuation that starts after a finished sentence (region line, title,
//!   byline). Blank lines end nothing, and a tag inside a running sentence (…平台。通 /
//!   【观察】 / 过定期…) is joined through.

/// The matching text and, for every byte of it, where in the original it came from.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    /// Where the normalised bytes came from, as runs: `(n, o)` maps bytes `n..` (up to
    /// the next run) to `o, o + 1, …` of the original. Most text is copied unchanged, so
    /// a page needs one run per folded character or joined line, not an offset per byte
    /// (8 bytes per byte of text, on a huge page hundreds of megabytes).
    runs: Vec<(usize, usize)>,
}

impl Normalized {
    /// The original byte offset of normalised byte `byte` (`text.len()` maps to the
    /// original's length).
    pub fn origin(&self, byte: usize) -> usize {
        let k = self.runs.partition_point(|&(n, _)| n <= byte).max(1) - 1;
        let (n, o) = self.runs[k];
        o + byte.saturating_sub(n)
    }

    /// The first normalised byte whose origin is at or after `orig`.
    pub fn from_origin(&self, orig: usize) -> usize {
        // Origins grow along the text, so the first run whose last origin reaches `orig`
        // holds the answer.
        let last_origin = |k: usize| {
            let (n, o) = self.runs[k];
            let next = self.runs.get(k + 1).map_or(self.text.len() + 1, |r| r.0);
            o + (next - n - 1)
        };
        let (mut lo, mut hi) = (0, self.runs.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if last_origin(mid) < orig {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        match self.runs.get(lo) {
            Some(&(n, o)) => (n + orig.saturating_sub(o)).min(self.text.len()),
            None => self.text.len(),
        }
    }

    pub fn origin_range(&self, start: usize, end: usize) -> (usize, usize) {
        if end <= start {
            let o = self.origin(start);
            return (o, o);
        }
        // The end maps to just past the last char of the range, not to whatever follows it
        // (a removed line break must not become part of `raw`).
        let last = self.text[..end]
            .char_indices()
            .next_back()
            .map(|(i, _)| i)
            .unwrap_or(start);
        let last_orig = self.origin(last);
        (
            self.origin(start),
            last_orig + self.orig_char_len(last, last_orig),
        )
    }

    /// The original length of the character at `byte`, whose origin is `origin`.
    fn orig_char_len(&self, byte: usize, origin: usize) -> usize {
        let len = self.text[byte..].chars().next().map_or(1, char::len_utf8);
        // Only ASCII comes out of folding (ＡＢ１２ → AB12, the ideographic space → ' '), so
        // any other character is as long as it was; for ASCII, the next origin tells
        // (folded chars are 1 byte here but 2 or 3 in the original). Reading the next origin
        // for every character would run past a removed line break (稀土高新区\n\n红色…).
        if len > 1 {
            return len;
        }
        self.origin(byte + len).saturating_sub(origin).max(1)
    }
}

/// Builds [`Normalized::runs`]: a byte range of the text and where it starts in the
/// original, merged into the previous run when it continues it.
fn map_run(runs: &mut Vec<(usize, usize)>, n: usize, o: usize) {
    if let Some(&(pn, po)) = runs.last() {
        if po + (n - pn) == o {
            return;
        }
    }
    runs.push((n, o));
}

/// Folds one char: full-width ASCII to ASCII, ideographic space to space.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' => ' ',
        _ => c,
    }
}

/// Does a line ending in `c` end a sentence (so its line break is a real boundary)?
/// A title that may hold a comma (汝城县:小朝天椒做成大产业,带动4000户群众增收): short and not
/// ending as a sentence or a clause does. Only before a blank line does it end its line.
fn is_title(line: &str) -> bool {
    const MAX_TITLE_CHARS: usize = 40;
    at_most_chars(line, MAX_TITLE_CHARS)
        && !line.ends_with([',', '、', ':', ';', '。', '，', '；', '：'])
        && !line.contains('。')
}

/// A byline (□本报记者 …, ■通讯员 …) or a markdown heading: a line of its own.
fn is_block_line(content: &str) -> bool {
    content.starts_with(['#', '□', '■', '◎']) || content.ends_with("摄影报道")
}

/// A line that ends a block even without a sentence end: a list's lead-in (具体灾情如下:)
/// or a photo credit (谢万柏摄, 记者 王芳 摄).
fn ends_line(text: &str) -> bool {
    const MAX_CREDIT_CHARS: usize = 12;
    if text.ends_with(':') {
        return true;
    }
    // A credit is the line's last few characters after a sentence end (or the whole line):
    // look back no further than that, or a long paragraph ending in 摄 is read again and
    // again.
    text.strip_suffix('摄').is_some_and(|head| {
        head.chars()
            .rev()
            .take(MAX_CREDIT_CHARS + 1)
            .position(|c| ends_sentence(c) || c == '\n')
            .is_some()
            || at_most_chars(head, MAX_CREDIT_CHARS)
    })
}

fn ends_sentence(c: char) -> bool {
    // `c` is already folded, so ！？； arrive as !?;
    matches!(
        c,
        '。' | '!' | '?' | ';' | '”' | '」' | '』' | '’' | '"' | '…'
    )
}

/// `s.split_inclusive('\n')`, found with the memchr crate's vector search: std's search
/// for a char runs several times slower, and this runs over every page twice.
pub fn lines_inclusive(s: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', s.as_bytes());
    std::iter::from_fn(move || {
        if start >= s.len() {
            return None;
        }
        let end = ends.next().map_or(s.len(), |i| i + 1);
        let line = &s[start..end];
        start = end;
        Some(line)
    })
}

/// `s.lines()` over [`lines_inclusive`]: each line without its `\n` or `\r\n`.
pub fn lines(s: &str) -> impl Iterator<Item = &str> {
    lines_inclusive(s).map(|line| match line.strip_suffix('\n') {
        Some(l) => l.strip_suffix('\r').unwrap_or(l),
        None => line,
    })
}

/// Whether `s` has at most `n` characters, counting no further than `n + 1` (lines can
/// be long; the limits are short).
pub fn at_most_chars(s: &str, n: usize) -> bool {
    // A character is 1 to 4 bytes, so the length decides most lines without a walk.
    if s.len() <= n {
        return true;
    }
    if s.len() > 4 * n {
        return false;
    }
    s.chars().nth(n).is_none()
}

/// A short line with no sentence punctuation: a title, region line or byline.
pub fn is_heading(line: &str) -> bool {
    const MAX_HEADING_CHARS: usize = 30;
    at_most_chars(line, MAX_HEADING_CHARS)
        && !line.contains(['。', '!', '?', ';', ',', '！', '？', '；', '，'])
}

/// The length of the longest prefix of `s` that folds to itself. Only characters that
/// start with one of three bytes can fold (U+FF01..FF5E: EF, U+3000: E3, U+00A0: C2), so
/// the search jumps between those bytes instead of decoding every character.
fn unfolded_run(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(k) = memchr::memchr3(0xEF, 0xE3, 0xC2, &bytes[from..]) {
        let at = from + k;
        // Lead bytes start characters, so `at` is a char boundary.
        match s[at..].chars().next() {
            Some(c) if fold_char(c) != c => return at,
            Some(c) => from = at + c.len_utf8(),
            None => break,
        }
    }
    s.len()
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{FEFF}'
}

pub fn normalize(original: &str) -> Normalized {
    let mut text = String::with_capacity(original.len());
    let mut runs = Vec::new();
    // Every byte of a pushed character maps to `at`.
    let push = |text: &mut String, runs: &mut Vec<(usize, usize)>, c: char, at: usize| {
        map_run(runs, text.len(), at);
        runs.extend((1..c.len_utf8()).map(|j| (text.len() + j, at)));
        text.push(c);
    };
    // The last char kept before a pending line break, to decide join or boundary.
    let mut pending_break: Option<usize> = None;
    // Whether the previous line started after a boundary, and whether it was a heading.
    let mut fresh = true;
    let mut prev_heading = false;
    // Whether the previous line is a byline or a markdown heading: never part of a sentence.
    let mut prev_block = false;
    // Whether the previous line could be a title with a comma in it, and whether a blank
    // line followed it: a title before a blank line is never joined to the body.
    let mut prev_title = false;
    let mut blank_before = false;
    let mut line_start = 0;
    for line in lines_inclusive(original) {
        let base = line_start;
        line_start += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed_start = body.len() - body.trim_start_matches(is_space).len();
        let content = body.trim_matches(is_space);
        if content.is_empty() {
            blank_before = true;
            continue;
        }
        let content_at = base + trimmed_start;
        if let Some(break_at) = pending_break.take() {
            let prev = text.chars().next_back().unwrap_or(' ');
            let next = fold_char(content.chars().next().unwrap_or(' '));
            if ends_sentence(prev)
                || prev_heading
                || prev_block
                || (blank_before && prev_title)
                || ends_line(&text)
                || content.starts_with('#')
            {
                push(&mut text, &mut runs, '\n', break_at);
                fresh = true;
            } else if prev.is_ascii_alphanumeric() && next.is_ascii_alphanumeric() {
                // Joining "…2024" and "12个…" must not make one number of them.
                push(&mut text, &mut runs, ' ', break_at);
            }
        }
        // Most text folds to itself: copy unchanged runs whole, with consecutive origins.
        let mut rest = content;
        let mut at = content_at;
        while !rest.is_empty() {
            let run = unfolded_run(rest);
            if run > 0 {
                map_run(&mut runs, text.len(), at);
                text.push_str(&rest[..run]);
            }
            let Some(c) = rest[run..].chars().next() else {
                break;
            };
            push(&mut text, &mut runs, fold_char(c), at + run);
            at += run + c.len_utf8();
            rest = &rest[run + c.len_utf8()..];
        }
        prev_heading = fresh && is_heading(content);
        prev_title = fresh && is_title(content);
        blank_before = false;
        prev_block = is_block_line(content);
        fresh = false;
        pending_break = Some(content_at + content.len());
    }
    map_run(&mut runs, text.len(), original.len());
    Normalized { text, runs }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn lines_split_as_std_does(s in "[a\n\r中 ]{0,24}") {
            prop_assert_eq!(
                lines_inclusive(&s).collect::<Vec<_>>(),
                s.split_inclusive('\n').collect::<Vec<_>>()
            );
            prop_assert_eq!(lines(&s).collect::<Vec<_>>(), s.lines().collect::<Vec<_>>());
        }

        #[test]
        fn at_most_chars_counts_characters(s in "[a中é𠀋]{0,12}", n in 0usize..10) {
            prop_assert_eq!(at_most_chars(&s, n), s.chars().count() <= n);
        }

        #[test]
        fn unfolded_run_is_the_first_folding_char(s in "[a-z0-9 。,，、１２ＡＢ％\u{3000}\u{a0}\u{3001}-\u{3003}\u{ff00}-\u{ff60}中文ā]{0,16}") {
            let slow = s.find(|c| fold_char(c) != c).unwrap_or(s.len());
            prop_assert_eq!(unfolded_run(&s), slow);
        }
    }

    #[test]
    fn a_range_ends_at_its_last_character_before_a_removed_break() {
        // The two lines are joined (no sentence end), so the break is removed; the place's
        // range must not run past it into the next line.
        let original = "本报记者 刘洋)\n\n稀土高新区\n\n红色物业";
        let n = normalize(original);
        let at = n.text.find("稀土高新区").expect("kept");
        let (a, b) = n.origin_range(at, at + "稀土高新区".len());
        assert_eq!(&original[a..b], "稀土高新区");
        // A folded character still maps back to its full width.
        let wide = "投资１２亿元";
        let n = normalize(wide);
        let at = n.text.find("12").expect("folded");
        let (a, b) = n.origin_range(at, at + 2);
        assert_eq!(&wide[a..b], "１２");
    }

    proptest! {
        /// The run map read byte by byte: origins never go back; each character comes
        /// from one it folds from (a multi-byte one byte for byte), or is a break or space
        /// standing for a removed line break; `from_origin` finds the first byte whose
        /// origin reaches the offset.
        #[test]
        fn origins_point_at_what_each_character_came_from(
            s in "[a-z0-9 。,，、１２ＡＢ％\u{3000}\u{a0}\n\r中文ā𠀋]{0,40}",
        ) {
            let n = normalize(&s);
            let origins: Vec<usize> = (0..=n.text.len()).map(|i| n.origin(i)).collect();
            prop_assert!(origins.windows(2).all(|w| w[0] <= w[1]));
            prop_assert_eq!(origins[n.text.len()], s.len());
            for (i, c) in n.text.char_indices() {
                let o = origins[i];
                match s[o..].chars().next() {
                    Some(oc) if oc == c => {
                        for j in 0..c.len_utf8() {
                            prop_assert_eq!(origins[i + j], o + j);
                        }
                    }
                    Some(oc) if fold_char(oc) == c => {}
                    _ => prop_assert!(c == '\n' || c == ' ', "{c:?} from nowhere"),
                }
            }
            for orig in 0..=s.len() {
                let first = origins.iter().position(|&o| o >= orig).unwrap_or(n.text.len());
                prop_assert_eq!(n.from_origin(orig), first.min(n.text.len()));
            }
        }
    }

    fn orig_of<'a>(n: &Normalized, src: &'a str, needle: &str) -> &'a str {
        let s = n.text.find(needle).expect("needle in normalised text");
        let (a, b) = n.origin_range(s, s + needle.len());
        &src[a..b]
    }

    #[test]
    fn folds_full_width_and_maps_back() {
        let src = "投入资金１，２７１．５万元，增长３０％。";
        let n = normalize(src);
        assert_eq!(n.text, "投入资金1,271.5万元,增长30%。");
        assert_eq!(orig_of(&n, src, "1,271.5万元"), "１，２７１．５万元");
        assert_eq!(orig_of(&n, src, "30%"), "３０％");
    }

    #[test]
    fn joins_a_sentence_broken_by_layout() {
        let src = "针对16至24岁失业青年,\n\n精准开发了110个就业见习岗位。\n下一句。";
        let n = normalize(src);
        assert_eq!(
            n.text,
            "针对16至24岁失业青年,精准开发了110个就业见习岗位。\n下一句。"
        );
        assert_eq!(orig_of(&n, src, "110个"), "110个");
        assert_eq!(orig_of(&n, src, "年,精准"), "年,\n\n精准");
    }

    #[test]
    fn headings_are_their_own_lines_but_tags_inside_a_sentence_are_not() {
        let n = normalize("  【科右前旗】\n\n就业帮扶 稳岗增收\n□本报记者 高敏娜\n正文第一句。");
        assert_eq!(
            n.text,
            "【科右前旗】\n就业帮扶 稳岗增收\n□本报记者 高敏娜\n正文第一句。"
        );
        let n = normalize("已经成为重要平台。通\n\n【观察】\n\n过定期组织专场招聘活动,搭建桥梁。");
        assert_eq!(
            n.text,
            "已经成为重要平台。通【观察】过定期组织专场招聘活动,搭建桥梁。"
        );
    }

    #[test]
    fn digits_do_not_merge_across_a_join() {
        let n = normalize("为巩固拓展脱贫攻坚成果,今年全旗计划投入的衔接资金总额达到了2024\n12个村受益,总计500万元。");
        assert_eq!(n.text, "为巩固拓展脱贫攻坚成果,今年全旗计划投入的衔接资金总额达到了2024 12个村受益,总计500万元。");
    }

    #[test]
    fn ideographic_space_and_crlf() {
        let n = normalize("　　第一段。\r\n\r\n　　第二段");
        assert_eq!(n.text, "第一段。\n第二段");
    }
}
