//! A character trie over the gazetteer's surface forms, searched leftmost-longest in one
//! pass.
//!
//! Why not aho-corasick: every CJK lead byte is a prefix of some place name, so an
//! overlapping byte automaton over ~7,000 names leaves its root at nearly every byte (about
//! 50 instructions per byte of text here), and its dense DFA takes ~45 ms to build, which
//! is more than the whole start-up budget. Walking characters from a direct root table
//! costs one lookup per character that starts no name, and builds in well under a
//! millisecond. A hashed set of the names' first two characters (32 KiB) is tested first,
//! straight from the bytes: most characters start some name, few pairs do.

use crate::bits::BitSet;

/// Root transitions are a direct table over the Basic Multilingual Plane.
const BMP: usize = 0x1_0000;
const NONE: u32 = u32::MAX;

#[derive(Debug)]
pub struct Trie {
    /// For a BMP character, its root child's node index + 1 (0: no name starts with it).
    root: Vec<u32>,
    /// Root children for characters outside the BMP, sorted by character.
    root_other: Vec<(char, u32)>,
    /// Node `n`'s children are `edges[offsets[n]..offsets[n + 1]]`, sorted by character.
    offsets: Vec<u32>,
    edges: Vec<(char, u32)>,
    /// The pattern that ends at node `n`, or `NONE`.
    pattern: Vec<u32>,
    /// A hashed bit set of the first two characters of every pattern (see [`pair_bit`]).
    /// Most characters of running text start some place name, but few character pairs
    /// do: testing the pair skips the walk at nearly every position.
    pairs: BitSet,
    /// Some pattern is one character long, so a single character can match on its own.
    singles: bool,
}

/// log2 of the pair set's size in bits: 2^18 bits (32 KiB) hold the ~7,000 names' pairs
/// with few false hits, and stay in cache.
const PAIR_BITS: u32 = 18;

/// The bit of a pair of characters, given as their UTF-8 bytes (little-endian, the rest
/// zero), in [`Trie::pairs`]. Hashing bytes, not decoded characters, keeps the skip test
/// to a load and a multiply per character of text.
#[inline]
fn pair_bit(pair: u64) -> usize {
    (pair.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - PAIR_BITS)) as usize
}

/// Bytes 0 and 3 of a little-endian word: the leads of two characters when the first is
/// 3 bytes long.
const TWO_LEADS_MASK: u64 = 0xF0 | 0xF0 << 24;
/// Both leads of 3-byte characters (`1110xxxx`).
const TWO_THREE_BYTE_LEADS: u64 = 0xE0 | 0xE0 << 24;
const SIX_BYTES: u64 = (1 << 48) - 1;

/// The length of a UTF-8 sequence from its lead byte (continuation bytes never lead).
#[inline]
fn utf8_width(lead: u8) -> usize {
    usize::from(UTF8_WIDTH[usize::from(lead)])
}

static UTF8_WIDTH: [u8; 256] = {
    let mut t = [1u8; 256];
    let mut b = 0xC0;
    while b < 256 {
        t[b] = if b < 0xE0 {
            2
        } else if b < 0xF0 {
            3
        } else {
            4
        };
        b += 1;
    }
    t
};

/// `bytes[i..i + n]` (n <= 8) as a little-endian integer.
#[inline]
fn load(bytes: &[u8], i: usize, n: usize) -> u64 {
    const MASK: [u64; 9] = {
        let mut m = [u64::MAX; 9];
        let mut k = 0;
        while k < 8 {
            m[k] = (1u64 << (8 * k)) - 1;
            k += 1;
        }
        m
    };
    let word = match bytes.get(i..i + 8) {
        Some(b) => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
        None => {
            let mut buf = [0u8; 8];
            buf[..n].copy_from_slice(&bytes[i..i + n]);
            u64::from_le_bytes(buf)
        }
    };
    word & MASK[n]
}

impl Trie {
    /// Pattern ids are positions in `patterns`; an empty pattern never matches and a
    /// repeated one keeps its first id.
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Trie {
        // Built with each node's children as a linked list in three flat vectors (no
        // allocation per node), then flattened for searching.
        let mut build = Building::default();
        let mut table = vec![0u32; BMP];
        let mut root_other: Vec<(char, u32)> = Vec::new();
        let mut pairs = BitSet::with_len(1 << PAIR_BITS);
        let mut singles = false;
        for (id, p) in patterns.into_iter().enumerate() {
            let mut chars = p.chars();
            let Some(first) = chars.next() else {
                continue;
            };
            match p[first.len_utf8()..].chars().next() {
                Some(second) => {
                    let n = first.len_utf8() + second.len_utf8();
                    let bit = pair_bit(load(p.as_bytes(), 0, n));
                    pairs.insert(bit);
                }
                None => singles = true,
            }
            let i = u32::from(first) as usize;
            let mut node = if i < BMP {
                if table[i] == 0 {
                    table[i] = build.node() + 1;
                }
                table[i] - 1
            } else {
                match root_other.iter().find(|&&(c, _)| c == first) {
                    Some(&(_, n)) => n,
                    None => {
                        let n = build.node();
                        root_other.push((first, n));
                        n
                    }
                }
            };
            for c in chars {
                node = build.child(node, c);
            }
            if build.pattern[node as usize] == NONE {
                build.pattern[node as usize] = u32::try_from(id).unwrap_or(NONE);
            }
        }
        root_other.sort_unstable();
        let (offsets, edges) = build.flatten();
        Trie {
            root: table,
            root_other,
            offsets,
            edges,
            pattern: build.pattern,
            pairs,
            singles,
        }
    }

    /// The trie of `words` sorted by bytes (as `sort` orders UTF-8, by code point), built
    /// in one pass with no list per node: the words under a node are a contiguous run of
    /// the list, and its children are appended together, breadth first. Pattern ids are
    /// positions in `words`; a repeated word keeps its first. For word lookups
    /// ([`Trie::prefixes_at`]) only: the pair filter of [`Trie::leftmost_longest`] is off.
    pub fn from_sorted(words: &[&str]) -> Trie {
        let mut table = vec![0u32; BMP];
        let mut root_other: Vec<(char, u32)> = Vec::new();
        let mut offsets: Vec<u32> = Vec::new();
        let mut edges: Vec<(char, u32)> = Vec::new();
        let mut pattern: Vec<u32> = Vec::new();
        // Nodes to lay out: (node, first word, end of its words, bytes of its prefix).
        let mut queue: std::collections::VecDeque<(u32, usize, usize, usize)> =
            std::collections::VecDeque::new();
        let next_char = |w: &str, depth: usize| w.get(depth..).and_then(|r| r.chars().next());
        // The root's children: runs of words by their first character.
        let mut lo = 0;
        while lo < words.len() {
            let Some(c) = next_char(words[lo], 0) else {
                lo += 1;
                continue;
            };
            let mut hi = lo + 1;
            while hi < words.len() && next_char(words[hi], 0) == Some(c) {
                hi += 1;
            }
            let node = pattern.len() as u32;
            pattern.push(NONE);
            if (c as usize) < BMP {
                table[c as usize] = node + 1;
            } else {
                root_other.push((c, node));
            }
            queue.push_back((node, lo, hi, c.len_utf8()));
            lo = hi;
        }
        while let Some((node, lo, hi, depth)) = queue.pop_front() {
            // Nodes are numbered in the order they are laid out, so offsets follow them.
            debug_assert_eq!(offsets.len(), node as usize);
            offsets.push(edges.len() as u32);
            let mut i = lo;
            while i < hi {
                match next_char(words[i], depth) {
                    None => {
                        if pattern[node as usize] == NONE {
                            pattern[node as usize] = u32::try_from(i).unwrap_or(NONE);
                        }
                        i += 1;
                    }
                    Some(c) => {
                        let mut j = i + 1;
                        while j < hi && next_char(words[j], depth) == Some(c) {
                            j += 1;
                        }
                        let child = pattern.len() as u32;
                        pattern.push(NONE);
                        edges.push((c, child));
                        queue.push_back((child, i, j, depth + c.len_utf8()));
                        i = j;
                    }
                }
            }
        }
        offsets.push(edges.len() as u32);
        root_other.sort_unstable();
        Trie {
            root: table,
            root_other,
            offsets,
            edges,
            pattern,
            pairs: BitSet::with_len(1),
            singles: true,
        }
    }

    /// Whether a pattern may start at `i`, a character of width `w`: false means none
    /// does.
    #[inline]
    fn may_start_at(&self, bytes: &[u8], i: usize, w: usize) -> bool {
        if self.singles {
            return true;
        }
        let Some(&lead) = bytes.get(i + w) else {
            return false;
        };
        let bit = pair_bit(load(bytes, i, w + utf8_width(lead)));
        self.pairs.may_contain(bit)
    }

    #[inline]
    fn root_child(&self, c: char) -> Option<u32> {
        let i = u32::from(c) as usize;
        if i < BMP {
            self.root[i].checked_sub(1)
        } else {
            let k = self.root_other.binary_search_by_key(&c, |e| e.0).ok()?;
            Some(self.root_other[k].1)
        }
    }

    #[inline]
    fn child(&self, node: u32, c: char) -> Option<u32> {
        let n = node as usize;
        let kids = &self.edges[self.offsets[n] as usize..self.offsets[n + 1] as usize];
        // Most nodes have one or two children.
        if kids.len() <= 4 {
            kids.iter().find(|e| e.0 == c).map(|e| e.1)
        } else {
            let k = kids.binary_search_by_key(&c, |e| e.0).ok()?;
            Some(kids[k].1)
        }
    }

    /// Every pattern that starts at byte `i` of `text` (a character boundary), shortest
    /// first: `f(end, pattern)`. One walk down the trie, as a word lattice needs it.
    pub fn prefixes_at(&self, text: &str, i: usize, mut f: impl FnMut(usize, usize)) {
        let mut walk = text[i..].chars();
        let Some(first) = walk.next() else {
            return;
        };
        let Some(mut node) = self.root_child(first) else {
            return;
        };
        let mut end = i + first.len_utf8();
        loop {
            let p = self.pattern[node as usize];
            if p != NONE {
                f(end, p as usize);
            }
            match walk.next().and_then(|c| Some((c, self.child(node, c)?))) {
                Some((c, n)) => {
                    node = n;
                    end += c.len_utf8();
                }
                None => return,
            }
        }
    }

    /// [`Trie::prefixes_at`] for text whose characters from `i` on are three bytes long
    /// (Chinese): characters are decoded from their bytes directly, and the walk ends at
    /// the first character of another width.
    #[inline]
    pub fn prefixes_at_3byte(&self, text: &[u8], i: usize, mut f: impl FnMut(usize, usize)) {
        let decode = |at: usize| -> Option<char> {
            let b = text.get(at..at + 3)?;
            if b[0] & 0xF0 != 0xE0 {
                return None;
            }
            char::from_u32(
                (u32::from(b[0] & 0x0F) << 12)
                    | (u32::from(b[1] & 0x3F) << 6)
                    | u32::from(b[2] & 0x3F),
            )
        };
        let Some(mut node) = decode(i).and_then(|c| self.root_child(c)) else {
            return;
        };
        let mut end = i + 3;
        loop {
            let p = self.pattern[node as usize];
            if p != NONE {
                f(end, p as usize);
            }
            match decode(end).and_then(|c| self.child(node, c)) {
                Some(n) => {
                    node = n;
                    end += 3;
                }
                None => return,
            }
        }
    }

    /// Non-overlapping matches as (start, end, pattern): at each position not covered by
    /// an earlier match, the longest pattern starting there.
    pub fn leftmost_longest(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let pairs_decide = !self.singles;
        let mut i = 0;
        while let Some(&lead) = bytes.get(i) {
            // Most of a Chinese text is two 3-byte characters in a row: their pair is
            // tested from one load, without the widths (`may_start_at` gives the same bit).
            if pairs_decide {
                if let Some(&chunk) = bytes.get(i..).and_then(|b| b.first_chunk::<8>()) {
                    let word = u64::from_le_bytes(chunk);
                    if word & TWO_LEADS_MASK == TWO_THREE_BYTE_LEADS
                        && !self.pairs.may_contain(pair_bit(word & SIX_BYTES))
                    {
                        i += 3;
                        continue;
                    }
                }
            }
            let w = utf8_width(lead);
            if !self.may_start_at(bytes, i, w) {
                i += w;
                continue;
            }
            let mut walk = text[i..].chars();
            let Some(mut node) = walk.next().and_then(|c| self.root_child(c)) else {
                i += w;
                continue;
            };
            let mut end = i + w;
            let mut best = None;
            loop {
                let p = self.pattern[node as usize];
                if p != NONE {
                    best = Some((end, p as usize));
                }
                match walk
                    .next()
                    .and_then(|next| Some((next, self.child(node, next)?)))
                {
                    Some((next, n)) => {
                        node = n;
                        end += next.len_utf8();
                    }
                    None => break,
                }
            }
            match best {
                Some((end, p)) => {
                    out.push((i, end, p));
                    i = end;
                }
                None => i += w,
            }
        }
        out
    }
}

/// A trie being built: each node's children as a linked list of edges.
#[derive(Default)]
struct Building {
    pattern: Vec<u32>,
    /// Each node's most recently added child edge (NONE: a leaf).
    last_edge: Vec<u32>,
    /// Each edge: its character, the node it leads to, and the node's previous edge.
    edges: Vec<(char, u32, u32)>,
}

impl Building {
    fn node(&mut self) -> u32 {
        self.pattern.push(NONE);
        self.last_edge.push(NONE);
        (self.pattern.len() - 1) as u32
    }

    /// The child of `node` by `c`, added when missing.
    fn child(&mut self, node: u32, c: char) -> u32 {
        let mut e = self.last_edge[node as usize];
        while e != NONE {
            let (k, n, prev) = self.edges[e as usize];
            if k == c {
                return n;
            }
            e = prev;
        }
        let n = self.node();
        self.edges.push((c, n, self.last_edge[node as usize]));
        self.last_edge[node as usize] = (self.edges.len() - 1) as u32;
        n
    }

    /// Each node's children, sorted by character, one run per node.
    fn flatten(&self) -> (Vec<u32>, Vec<(char, u32)>) {
        let mut offsets = Vec::with_capacity(self.pattern.len() + 1);
        let mut edges = Vec::with_capacity(self.edges.len());
        for &last in &self.last_edge {
            let from = edges.len();
            offsets.push(from as u32);
            let mut e = last;
            while e != NONE {
                let (k, n, prev) = self.edges[e as usize];
                edges.push((k, n));
                e = prev;
            }
            edges[from..].sort_unstable();
        }
        offsets.push(edges.len() as u32);
        (offsets, edges)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_at_the_leftmost_position() {
        let t = Trie::new(["包头", "包头市", "头市", "青山区", "𠀋山"]);
        assert_eq!(
            t.leftmost_longest("在包头市青山区"),
            vec![(3, 12, 1), (12, 21, 3)]
        );
        // A longer prefix that is no pattern falls back to the last pattern on the path.
        assert_eq!(t.leftmost_longest("包头市区"), vec![(0, 9, 1)]);
        assert_eq!(t.leftmost_longest("包"), vec![]);
        assert_eq!(t.leftmost_longest("x𠀋山"), vec![(1, 8, 4)]);
    }

    #[test]
    fn empty_and_repeated_patterns() {
        let t = Trie::new(["", "乌海", "乌海"]);
        assert_eq!(t.leftmost_longest("乌海"), vec![(0, 6, 1)]);
        assert_eq!(t.leftmost_longest(""), vec![]);
    }

    /// The matches of aho-corasick's own leftmost-longest automaton, for reference.
    fn aho_corasick_matches(patterns: &[String], text: &str) -> Vec<(usize, usize, usize)> {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(patterns)
            .expect("reference automaton")
            .find_iter(text)
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect()
    }

    proptest::proptest! {
        /// A trie built from a sorted list finds the same words at every position as one
        /// built word by word.
        #[test]
        fn from_sorted_agrees_with_new(
            mut words in proptest::collection::vec("[ab中国𠀋]{1,4}", 1..20),
            text in "[ab中国𠀋 ]{0,30}",
        ) {
            words.sort();
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let (flat, built) = (Trie::from_sorted(&refs), Trie::new(refs.iter().copied()));
            for (i, _) in text.char_indices() {
                let mut a = Vec::new();
                let mut b = Vec::new();
                flat.prefixes_at(&text, i, |e, p| a.push((e, p)));
                built.prefixes_at(&text, i, |e, p| b.push((e, p)));
                proptest::prop_assert_eq!(&a, &b);
                // On three-byte characters the fast walk finds the same words.
                if text[i..].chars().next().is_some_and(|c| c.len_utf8() == 3) {
                    let mut c = Vec::new();
                    flat.prefixes_at_3byte(text.as_bytes(), i, |e, p| c.push((e, p)));
                    let three: Vec<_> = a
                        .iter()
                        .copied()
                        .filter(|&(e, _)| text[i..e].chars().all(|ch| ch.len_utf8() == 3))
                        .collect();
                    proptest::prop_assert_eq!(c, three);
                }
            }
        }

        /// The same matches as aho-corasick's own leftmost-longest automaton.
        #[test]
        fn agrees_with_aho_corasick(
            patterns in proptest::collection::vec("[ab中国𠀋]{1,4}", 1..12),
            text in "[ab中国𠀋 ]{0,40}",
        ) {
            let theirs = aho_corasick_matches(&patterns, &text);
            let trie = Trie::new(patterns.iter().map(String::as_str));
            proptest::prop_assert_eq!(trie.leftmost_longest(&text), theirs);
        }

        /// With no one-character pattern the character-pair filter decides where to walk;
        /// it must never skip a match (mixed widths: 1-, 2-, 3- and 4-byte characters).
        #[test]
        fn the_pair_filter_skips_no_match(
            patterns in proptest::collection::vec("[aé中国𠀋]{2,4}", 1..12),
            text in "[aé中国𠀋 ]{0,40}",
        ) {
            let theirs = aho_corasick_matches(&patterns, &text);
            let trie = Trie::new(patterns.iter().map(String::as_str));
            proptest::prop_assert!(!trie.singles);
            proptest::prop_assert_eq!(trie.leftmost_longest(&text), theirs);
        }
    }
}
