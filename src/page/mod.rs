//! The page: a document's text as every later stage reads it. Normalisation (with its map
//! back to the original), sentences and clauses, articles, and the page's own date.

pub mod article;
pub mod normalize;
pub mod reference_date;
pub mod segment;
