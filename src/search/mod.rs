//! Search: what a person types, an embedded full-text index (Tantivy) that
//! ranks every match, and snippets that show why a record matched.
//!
//! The index lives beside the database (`QUIPU_SEARCH_DIR`; by default next
//! to the SQLite file, or a private temporary directory) and is derived
//! from it: built at first start, then kept in step through the revision
//! feed that orders every change ([`SearchIndex::catch_up`]). Each commit
//! of the index records the last revision and the last bulk load it has
//! seen, so a crash between a database commit and the index's heals at the
//! next catch-up, and each server in front of one PostgreSQL follows every
//! server's changes.

mod bits;
mod dense;
mod engine;
mod facts;
mod fuzzy;
mod index;
mod kinds;
pub mod local;
mod query;
mod scoring;
mod snippet;
mod sync;
mod terms;
mod tiered;
mod words;

pub use engine::{Found, Hit, Scope};
pub use fuzzy::{correct, damerau_levenshtein};
pub use index::Doc;
pub use kinds::KINDS;
pub use query::{SearchQuery, Term};
pub use snippet::{matches_all, snippet};
pub use sync::{default_dir, SearchIndex};

/// How far the database, or the index, has come: the last revision and
/// the last bulk load (`id:token`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Marks {
    /// The last revision's ID (0 when there is none).
    pub revision: i64,
    /// The last bulk load, as `id:token`.
    pub load: String,
}
