//! A person's position in an organization, with the dates the sources give.
#![allow(missing_docs)] // the derive macros generate undocumented items

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A person's position in an organization, with the dates the sources give.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "position")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub person_id: i64,
    pub organization_id: i64,
    pub title: String,
    pub is_public_office: bool,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    /// Bumped by every change; an update names the version it read.
    pub version: i32,
    /// Hidden from lists, searches and counts, but kept with its history.
    pub retracted: bool,
    /// When the record last changed (RFC 3339, UTC); empty for rows loaded before history began.
    pub updated_at: Option<String>,
    /// When the end is unknown: ended no later than this ("former general" in a dated text).
    #[serde(default)]
    pub ended_by: Option<String>,
    /// Whether something in the record is not stated by its source but inferred.
    #[serde(default)]
    pub inferred: bool,
    /// What was inferred, and from which words.
    #[serde(default)]
    pub inference: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
