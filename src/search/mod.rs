//! Search: parsing what a person types, ranking what the index finds, and
//! highlighting why it matched.
//!
//! The database finds candidates (SQLite's FTS5 or PostgreSQL's full-text
//! search, over text folded to lowercase ASCII); the ranking and snippets are
//! computed here, the same way whichever database answered, so both give the
//! same results in the same order.

mod fuzzy;
mod query;
mod rank;
mod snippet;

pub use fuzzy::{correct, damerau_levenshtein};
pub use query::{SearchQuery, Term};
pub use rank::score;
pub use snippet::snippet;
