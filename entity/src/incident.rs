//! An event: a killing, a protest, an arrest, an announcement.
#![allow(missing_docs)] // the derive macros generate undocumented items

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// An event: a killing, a protest, an arrest, an announcement.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "incident")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    pub kind: String,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub place_id: Option<i64>,
    /// Bumped by every change; an update names the version it read.
    pub version: i32,
    /// Hidden from lists, searches and counts, but kept with its history.
    pub retracted: bool,
    /// When the record last changed (RFC 3339, UTC); empty for rows loaded before history began.
    pub updated_at: Option<String>,
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
