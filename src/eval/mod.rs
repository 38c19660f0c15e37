//! Scoring extracted facts against hand-labelled gold facts (`factx eval`).
//!
//! Gold files are JSON Lines (see the labelling guideline in the gold directory's README):
//! one fact per line, with `raw` and a short `context` (the text directly before `raw`)
//! but no offsets. Each gold fact is first located in its document; a predicted fact then
//! matches a gold fact when both are in the same document, have the same canonical unit and
//! start within [`TOLERANCE`] characters of each other. Matching is one-to-one and greedy by
//! distance. A position+unit pair whose value differs counts as a miss *and* a false alarm,
//! and is listed as a value error.
//!
//! All offsets are character (Unicode scalar) offsets, like [`Fact::offset`].
//!
//! [`Fact::offset`]: crate::fact::Fact::offset

pub mod examples;
mod gold;
mod locate;
mod report;
mod score;
mod sets;
#[cfg(test)]
mod tests;

pub use gold::{basename, load_gold, Gold, GoldFact};
pub use locate::{locate, LocateMethod, Location};
pub use report::{
    DocScore, EvalDoc, FalseAlarm, Mean, Mismatch, Miss, Ratio, Report, Score, UnitScore,
    ValueError,
};
pub use score::{evaluate, CORE_UNITS, TOLERANCE};
pub use sets::{evaluate_sets, merge_gold, SetReports, ALL_SETS};
