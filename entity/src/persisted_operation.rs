//! A registered GraphQL document, by the SHA-256 of its text.
#![allow(missing_docs)] // the derive macros generate undocumented items

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A registered GraphQL document, by the SHA-256 of its text.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "persisted_operation")]
pub struct Model {
    /// Lowercase hex SHA-256 of `document`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub sha256: String,
    pub name: String,
    #[sea_orm(column_type = "Text")]
    pub document: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
