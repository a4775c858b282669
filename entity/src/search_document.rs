//! One searchable record: its display text and its words folded for matching.
#![allow(missing_docs)] // the derive macros generate undocumented items

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// One searchable record: its display text and its words folded for matching.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "search_document")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `person`, `organization`, `place`, `incident`, `statement` or `source`.
    pub entity_kind: String,
    pub entity_id: i64,
    #[sea_orm(column_type = "Text")]
    pub title: String,
    /// Alias names joined by ` | `.
    #[sea_orm(column_type = "Text")]
    pub aliases: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    /// Title, aliases and body folded to lowercase ASCII words.
    #[sea_orm(column_type = "Text")]
    pub folded: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
