//! What a word is to the grammar: a function word, a place (and where a place read apart
//! from its level word starts), an office, a bare verb; and whether a label needs no words
//! read at all.

use super::*;

impl LabelGrammar {
    /// The head noun a bare verb of this unit takes (亩 → 面积), if any.
    pub(super) fn unit_head(&self, unit: &str) -> Option<&str> {
        self.sets.unit_heads.get(unit).map(String::as_str)
    }

    /// `run` without the function words at its ends; with `keep_one`, never empty.
    pub(super) fn without_function_ends<'a, 't>(
        &self,
        mut run: &'a [Word<'t>],
        keep_one: bool,
    ) -> &'a [Word<'t>] {
        while let Some((x, rest)) = run.split_first() {
            if self.is_function_word(x) && !(keep_one && rest.is_empty()) {
                run = rest;
            } else {
                break;
            }
        }
        while let Some((x, rest)) = run.split_last() {
            if self.is_function_word(x) && !(keep_one && rest.is_empty()) {
                run = rest;
            } else {
                break;
            }
        }
        run
    }

    /// Whether the label at `s..e` of `text` is already what the grammar would make of
    /// it, read without segmenting: no word crosses its edges, no listed word, function
    /// word, place or office can start or end it, it is short, and it is no bare verb.
    /// Most labels are; the others go through the words.
    pub(super) fn settled(
        &self,
        label: &str,
        text: &str,
        (s, e): (usize, usize),
        places: &[(usize, usize)],
    ) -> bool {
        // String tests first; the dictionary walks last, for the labels that pass them.
        if label.chars().count() > MAX_CHARS
            || places.iter().any(|&(a, b)| a < e && s < b)
            || self.not_labels.iter().any(|w| w == label)
            || self.sets.place_endings.end(label)
            || self.sets.office_endings.end(label)
            // A level word anywhere may end a place or an office read apart from it.
            || self.sets.suffixes.occur_in(label)
            // The words that may end it: its last one to four characters.
            || label
                .char_indices()
                .rev()
                .take(4)
                .any(|(i, _)| self.sets.words.contains_key(&label[i..]))
        {
            return false;
        }
        let listed = |w: &str, tag: &str| {
            self.sets.words.contains_key(w)
                || (w.chars().nth(1).is_some() && self.sets.edge_tags.contains(tag))
                || (w.chars().nth(2).is_some()
                    && (self.sets.place_endings.end(w) || self.sets.office_endings.end(w)))
        };
        // One walk: the words that start the label, the last of them the label itself
        // when it is one word (a bare verb is not settled).
        let mut clear = true;
        let bare_verb =
            |w: &str, tag: &str| w.len() == label.len() && tag.starts_with('v') && tag != "vn";
        crate::page::words::words_starting(label, |w, tag| {
            clear &= !(listed(w, tag) || bare_verb(w, tag));
        });
        clear && !crate::page::words::spans(text, s) && !crate::page::words::spans(text, e)
    }

    /// A run that names no thing: one verb (or adverb + verb) that is not a head noun,
    /// or a word that says nothing alone.
    pub(super) fn is_bare_verb(&self, run: &[Word]) -> bool {
        // Verbs (and adverbs before them) only: 累计安排, 绝收; or a word that says nothing.
        let verbs = !run.is_empty()
            && run.iter().any(|x| x.tag.starts_with('v'))
            && run
                .iter()
                .all(|x| (x.tag.starts_with('v') && x.tag != "vn") || x.tag.starts_with('d'));
        let said = |text: &str| self.not_labels.iter().any(|w| w == text);
        let one = match run {
            [x] => said(x.text),
            _ => false,
        };
        if !verbs && !one {
            // Words that say nothing are short: only a short run can be one of them.
            let short = run.len() > 1 && run.iter().map(|x| x.text.len()).sum::<usize>() <= 12;
            if !short || !said(&run.iter().map(|x| x.text).collect::<String>()) {
                return false;
            }
        }
        // A head noun ends a complete label (收入 is tagged a verb).
        let last = run.last().map_or("", |x| x.text);
        !self.sets.heads.end(last)
    }

    pub(super) fn is_suffix(&self, x: &Word) -> bool {
        self.flags_of(x) & SUFFIX != 0
    }

    /// Where the place whose level word is `run[k]` starts (新 惠 镇, 东岗 村): the name
    /// jieba read apart from it, one word or up to three single characters. None when
    /// `run[k]` is no level word or has no name before it.
    pub(super) fn place_start(&self, run: &[Word], k: usize) -> Option<usize> {
        if !self.is_suffix(run.get(k)?) || k == 0 {
            return None;
        }
        // A township of the table (甘其毛都镇, read 甘其 毛 都 镇): the longest name there.
        if let Some(i) = (k.saturating_sub(5)..k).find(|&i| {
            let name: String = run[i..=k].iter().map(|x| x.text).collect();
            !crate::place::towns::counties_of(&name).is_empty()
        }) {
            return Some(i);
        }
        let single = |x: &Word| x.text.chars().nth(1).is_none() && !self.is_function_word(x);
        let mut i = k;
        while i > 0 && k - i < 5 && single(&run[i - 1]) {
            i -= 1;
        }
        if i == k {
            // One word: a name only when jieba knows it as one (重点项目村 is no place).
            let x = &run[k - 1];
            if !matches!(x.tag, "ns" | "nr" | "nz" | "nrt" | "nrfg" | "nt") {
                return None;
            }
            i = k - 1;
        }
        Some(i)
    }

    /// The end (index of the level word) of a place that starts `run` at `from`.
    pub(super) fn place_ending_at(&self, run: &[Word], from: usize) -> Option<usize> {
        (from + 1..run.len().min(from + 4)).find(|&k| self.place_start(run, k) == Some(from))
    }

    pub(super) fn is_function_word(&self, x: &Word) -> bool {
        self.flags_of(x) & FUNCTION != 0
    }

    pub(super) fn is_place(&self, x: &Word, places: &[(usize, usize)]) -> bool {
        self.flags_of(x) & PLACE != 0 || places.iter().any(|&(a, b)| x.start < b && a < x.end)
    }

    pub(super) fn is_office(&self, x: &Word) -> bool {
        self.flags_of(x) & OFFICE != 0
    }

    /// A label without the places at its start (东坡镇安排资金 → 安排资金).
    pub(super) fn without_places(&self, label: &str) -> String {
        let ws = self.seg(label);
        let mut run: &[Word] = &ws;
        loop {
            if let Some(k) = self.place_ending_at(run, 0) {
                run = &run[k + 1..];
                continue;
            }
            match run {
                [x, rest @ ..] if self.is_place(x, &[]) => run = rest,
                _ => break,
            }
        }
        run.iter().map(|x| x.text).collect()
    }
}
