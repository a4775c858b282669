//! A person or organization a statement names (exactly one is set).
#![allow(missing_docs)] // the derive macros generate undocumented items

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A person or organization a statement names (exactly one is set).
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "statement_mention")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub statement_id: i64,
    pub person_id: Option<i64>,
    pub organization_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
