//! Database access. Every SQL statement the API sends is built here, and
//! every function takes `&impl ConnectionTrait`, so the same code runs on a
//! connection, a transaction, SQLite and PostgreSQL.
//!
//! - [`records`]: records by ID and by slug, for every table with one.
//! - [`relations`]: one page of children for many parents in one statement.
//! - [`pages`]: filtered, ordered root lists and their counts.
//! - [`rows`]: rows decoded into models by the position of their columns.
//! - [`places`]: the place hierarchy and its closure table.
//! - [`search`]: the full-text index.
//! - [`graph`]: typed edges between records, for neighbors and paths.
//! - [`aggregates`]: grouped counts.
//! - [`registry`]: every table of the graph, declared once.
//! - [`tables`] and [`documents`]: rows and records as JSON, for history and export.
//! - [`history`]: the revision log and the change feed.
//! - [`keys`]: API keys.
//! - [`speaker_roles`]: whether each statement's speaker held office when speaking.

pub mod aggregates;
pub mod children;
pub mod documents;
pub mod graph;
pub mod history;
pub mod keys;
pub mod operations;
pub mod pages;
pub mod places;
pub mod records;
pub mod registry;
pub mod relations;
pub mod rows;
pub mod search;
pub mod speaker_roles;
pub mod tables;

pub use records::Record;
pub use relations::{Rel, RelPage, Window};
