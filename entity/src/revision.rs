//! One record's change: who, when, what, and the record before and after.
#![allow(missing_docs)] // the derive macros generate undocumented items

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// One record's change: who, when, what, and the record before and after.
///
/// Every row a mutation writes belongs to one change (`change_id`); the
/// revision IDs grow in commit order, which makes them the change feed's cursor.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "revision")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The mutation the revision belongs to; reverting one reverts them all.
    pub change_id: i64,
    /// The record's GraphQL type, e.g. `Statement`.
    pub node_type: String,
    /// The record's row ID.
    pub node_id: i64,
    pub node_slug: String,
    /// `create`, `update`, `retract`, `merge`, `revert`.
    pub action: String,
    /// The name of the API key that made the change.
    pub actor: String,
    /// RFC 3339, UTC.
    pub at: String,
    /// The record's version after the change.
    pub version: i32,
    /// The record and its owned links before the change (JSON); absent for a creation.
    #[sea_orm(column_type = "Text", nullable)]
    pub before: Option<String>,
    /// The record and its owned links after the change (JSON).
    #[sea_orm(column_type = "Text", nullable)]
    pub after: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
