//! A fixed-size set of small integers, one bit each: the quick "nothing can start here"
//! tests in front of the gazetteer trie and the indicator word lists.

#[derive(Debug, Clone, Default)]
pub struct BitSet(Vec<u64>);

impl BitSet {
    /// An empty set for the integers below `len`.
    pub fn with_len(len: usize) -> BitSet {
        BitSet(vec![0; len.div_ceil(64)])
    }

    pub fn insert(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    /// False only when `i` is surely not in the set. A set never built (`default()`)
    /// knows nothing and answers true, so a test in front of a search never skips it.
    #[inline]
    pub fn may_contain(&self, i: usize) -> bool {
        self.0.get(i / 64).is_none_or(|w| w & (1 << (i % 64)) != 0)
    }
}

/// Two bytes as one index into a 65,536-bit set.
pub fn two_bytes(a: u8, b: u8) -> usize {
    usize::from(a) << 8 | usize::from(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_what_was_inserted_and_an_unbuilt_set_rules_nothing_out() {
        let mut s = BitSet::with_len(1 << 16);
        s.insert(0);
        s.insert(65_535);
        assert!(s.may_contain(0) && s.may_contain(65_535));
        assert!(!s.may_contain(1) && !s.may_contain(64));
        assert!(BitSet::default().may_contain(12));
    }
}
