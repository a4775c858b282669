//! Another name or spelling of a person, organization or place (exactly one owner is set).
#![allow(missing_docs)] // the derive macros generate undocumented items

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Another name or spelling of a person, organization or place (exactly one owner is set).
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "alias")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    /// The name folded to lowercase ASCII words joined by hyphens, for matching.
    pub key: String,
    pub person_id: Option<i64>,
    pub organization_id: Option<i64>,
    pub place_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
