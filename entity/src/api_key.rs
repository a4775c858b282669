//! An API key: a name, a role, and the SHA-256 of the secret (never the secret).
#![allow(missing_docs)] // the derive macros generate undocumented items

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// An API key: a name, a role, and the SHA-256 of the secret (never the secret).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "api_key")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub name: String,
    /// `reader`, `editor` or `admin`.
    pub role: String,
    /// Lowercase hex SHA-256 of the secret.
    #[sea_orm(unique)]
    pub key_hash: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
