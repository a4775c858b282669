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

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryOrder};

use crate::error::Result;

/// A column with its table, as SQL names it where several tables meet:
/// `statement::Column::Date` stands for `statement.date` (a misspelt table
/// or column does not compile).
pub fn qualified<C: ColumnTrait>(column: C) -> (C::EntityName, C) {
    (C::EntityName::default(), column)
}

/// `a = b`, both qualified: a join's condition.
pub fn on(a: impl ColumnTrait, b: impl ColumnTrait) -> Expr {
    Expr::col(qualified(a)).equals(qualified(b))
}

/// Every row of the table `column` belongs to, in `column` order (for short
/// tables listed whole: keys, registered operations).
pub async fn all_by<C>(
    db: &impl ConnectionTrait,
    column: C,
) -> Result<Vec<<C::EntityName as EntityTrait>::Model>>
where
    C: ColumnTrait,
    C::EntityName: EntityTrait,
{
    Ok(C::EntityName::find().order_by_asc(column).all(db).await?)
}
