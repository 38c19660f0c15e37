//! The named groups a rule's pattern may capture (`num`, `unit`, `qual_before` …), and
//! where each sits in one compiled rule: the vocabulary the lexer reads matches with.

/// The named groups the lexer reads from a rule's match; a group's place here is its
/// index in [`Slots`].
pub const GROUPS: [&str; 16] = [
    "num",
    "unit",
    "num2",
    "unit_lo",
    "jiao",
    "fen",
    "qual_before",
    "qual_inside",
    "qual_after",
    "rel",
    "year",
    "month",
    "day",
    "end",
    "sign",
    "period",
];
pub const NUM: usize = 0;
pub const UNIT: usize = 1;
pub const NUM2: usize = 2;
pub const UNIT_LO: usize = 3;
pub const JIAO: usize = 4;
pub const FEN: usize = 5;
pub const QUALIFIERS: [usize; 3] = [6, 7, 8];
pub const REL: usize = 9;
pub const SIGN: usize = 14;
pub const PERIOD: usize = 15;

/// For each of [`GROUPS`], its capture index in one rule's regex (None: the rule has no
/// such group). Found once per rule: a lookup by name costs a search per group of every
/// match.
pub type Slots = [Option<usize>; GROUPS.len()];

pub fn slots(re: &regex::Regex) -> Slots {
    GROUPS.map(|g| re.capture_names().position(|n| n == Some(g)))
}
