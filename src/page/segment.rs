//! Sentence segmentation of normalised Chinese text.
//!
//! A sentence ends after 。!?; (full-width forms are already folded to ASCII), after an
//! ASCII `.` that is not inside a number or word (1.82, 2024.10 and www.gov.cn stay whole),
//! and at a kept line break (the normaliser keeps only breaks that end a sentence).
//! Closing quotes and brackets after the terminator stay with their sentence: 说。” ends
//! after the ”.

/// A sentence as a byte range of the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | ';' | '\n')
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | ')' | '）' | '》' | '"' | '\'' | '】'
    )
}

/// One pass over the bytes: only those that can end a sentence (the ASCII terminators, `.`,
/// and E3, the lead byte of 。) are looked at closely.
pub fn sentences(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    // The next byte of each needle group, found with memchr3 and kept until passed
    // (usize::MAX: none left).
    let find_a = |from: usize| {
        memchr::memchr3(b'.', b'\n', 0xE3, &bytes[from..]).map_or(usize::MAX, |k| from + k)
    };
    let find_b = |from: usize| {
        memchr::memchr3(b'!', b'?', b';', &bytes[from..]).map_or(usize::MAX, |k| from + k)
    };
    let (mut next_a, mut next_b) = (find_a(0), find_b(0));
    loop {
        if next_a < i {
            next_a = find_a(i);
        }
        if next_b < i {
            next_b = find_b(i);
        }
        let at = next_a.min(next_b);
        if at == usize::MAX {
            break;
        }
        let (ends, len) = match bytes[at] {
            // A dot inside a number or word (1.82, www.gov.cn) ends nothing; a character
            // before or after that is not ASCII has no ASCII byte there.
            b'.' => {
                let glued = at > 0
                    && bytes[at - 1].is_ascii_alphanumeric()
                    && bytes.get(at + 1).is_some_and(u8::is_ascii_alphanumeric);
                (!glued, 1)
            }
            0xE3 => (bytes[at..].starts_with("。".as_bytes()), '。'.len_utf8()),
            _ => (true, 1),
        };
        if !ends {
            i = at + 1;
            continue;
        }
        let mut end = at + len;
        // Swallow repeated terminators (？！) and closing quotes that belong to this sentence.
        for n in text[end..].chars() {
            if (is_terminator(n) && n != '\n') || is_closer(n) {
                end += n.len_utf8();
            } else {
                break;
            }
        }
        push_trimmed(text, start, end, &mut out);
        start = end;
        i = end;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(Span {
            start: start + lead,
            end: end - trail,
        });
    }
}

/// `at` (at most `text.len()`) moved back to the start of its character.
pub fn floor_char(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// `at` moved forward to the start of the next character (or the end).
pub fn ceil_char(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The longest reach of a clause on each side of a fact, in bytes (about 200 Chinese
/// characters): a page without punctuation is one sentence, and reading to its ends for
/// every fact would make it quadratic.
const CLAUSE_REACH: usize = 600;

/// The clause of each fact `spans[i]` of a sentence.
pub fn clauses_of(
    text: &str,
    (sent_start, sent_end): (usize, usize),
    spans: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    spans
        .iter()
        .map(|&(a, b)| clause(text, sent_start, sent_end, a, b))
        .collect()
}

/// The list item of each fact `spans[i]` in its clause `clauses[i]`: from the previous
/// fact's end when it shares the clause (else the clause start) to where the next fact's
/// item starts (the next clause's start, never before this fact's end; the sentence end
/// for the last).
pub fn list_items(
    (_, sent_end): (usize, usize),
    spans: &[(usize, usize)],
    clauses: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    (0..spans.len())
        .map(|i| {
            let clause = clauses[i];
            let from = match i.checked_sub(1).map(|j| spans[j].1) {
                Some(prev) if prev > clause.0 => prev,
                _ => clause.0,
            };
            let to = match clauses.get(i + 1) {
                Some(&(next, _)) => next.max(spans[i].1),
                None => sent_end,
            };
            (from, to)
        })
        .collect()
}

/// The clause around `start..end`: between the nearest clause punctuation on each side,
/// within the sentence and within `CLAUSE_REACH` of the fact.
pub fn clause(
    text: &str,
    sent_start: usize,
    sent_end: usize,
    start: usize,
    end: usize,
) -> (usize, usize) {
    let is_break = |c: char| matches!(c, ',' | ';' | ':' | '。' | '!' | '?' | '\n');
    let from = ceil_char(text, sent_start.max(start.saturating_sub(CLAUSE_REACH)));
    let to = floor_char(text, sent_end.min(end + CLAUSE_REACH));
    let a = text[from..start]
        .rfind(is_break)
        .map_or(from, |i| from + i + 1);
    let b = text[end..to].find(is_break).map_or(to, |i| end + i);
    (a, b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_clause_without_punctuation_is_bounded() {
        let text = "投入资金".repeat(1000);
        let (start, end) = (6000, 6012);
        let (a, b) = clause(&text, 0, text.len(), start, end);
        assert!(
            start - a <= CLAUSE_REACH && b - end <= CLAUSE_REACH,
            "{a}..{b}"
        );
        assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
        // Punctuation within reach still ends it.
        let text = format!("甲,{}乙", "投入资金".repeat(10));
        let at = text.find('乙').expect("乙");
        assert_eq!(clause(&text, 0, text.len(), at, at).0, "甲,".len());
    }

    /// The character-by-character segmenter the byte scan replaced: the reference.
    fn sentences_by_char(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut chars = text.char_indices().peekable();
        let mut prev = '\0';
        while let Some((i, c)) = chars.next() {
            let next = chars.peek().map_or('\0', |&(_, n)| n);
            let ends = is_terminator(c)
                || (c == '.' && !(prev.is_ascii_alphanumeric() && next.is_ascii_alphanumeric()));
            prev = c;
            if !ends {
                continue;
            }
            let mut end = i + c.len_utf8();
            // Swallow repeated terminators (？！) and closing quotes that belong to this sentence.
            while let Some(&(j, n)) = chars.peek() {
                if (is_terminator(n) && n != '\n') || is_closer(n) {
                    end = j + n.len_utf8();
                    prev = n;
                    chars.next();
                } else {
                    break;
                }
            }
            push_trimmed(text, start, end, &mut out);
            start = end;
        }
        push_trimmed(text, start, text.len(), &mut out);
        out
    }

    proptest! {
        #[test]
        fn byte_scan_splits_as_the_char_scan(s in "[a-z0-9 .。!?;\n”’」』)）》\"'】，,中文ー\u{3000}\u{3001}\u{3002}\u{30fc}]{0,24}") {
            prop_assert_eq!(sentences(&s), sentences_by_char(&s));
        }
    }

    fn split(t: &str) -> Vec<&str> {
        sentences(t).iter().map(|s| &t[s.start..s.end]).collect()
    }

    #[test]
    fn splits_on_chinese_terminators() {
        assert_eq!(
            split("一句。两句!三句?四句;五"),
            vec!["一句。", "两句!", "三句?", "四句;", "五"]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            split("他说:“很好。”随后离开。"),
            vec!["他说:“很好。”", "随后离开。"]
        );
        assert_eq!(split("真的吗?!』好。"), vec!["真的吗?!』", "好。"]);
    }

    #[test]
    fn no_split_inside_numbers() {
        assert_eq!(
            split("成交额1.82亿元,2024.10完工。见www.gov.cn. 完"),
            vec!["成交额1.82亿元,2024.10完工。", "见www.gov.cn.", "完"]
        );
    }

    #[test]
    fn kept_line_breaks_are_boundaries() {
        assert_eq!(split("标题。\n正文"), vec!["标题。", "正文"]);
        assert!(split("  \n ").is_empty());
    }
}
