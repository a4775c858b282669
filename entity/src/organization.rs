//! A government body, force, party, NGO, medium or other organization.
#![allow(missing_docs)] // the derive macros generate undocumented items

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A government body, force, party, NGO, medium or other organization.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "organization")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    /// One of the organization kinds in snake case, e.g. `armed_forces`.
    pub kind: String,
    pub description: Option<String>,
    /// The record this one was merged into; it then resolves to that record.
    pub merged_into_id: Option<i64>,
    /// Bumped by every change; an update names the version it read.
    pub version: i32,
    /// Hidden from lists, searches and counts, but kept with its history.
    pub retracted: bool,
    /// When the record last changed (RFC 3339, UTC); empty for rows loaded before history began.
    pub updated_at: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
