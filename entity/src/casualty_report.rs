//! One source's figures of the dead and injured of an incident.
#![allow(missing_docs)] // the derive macros generate undocumented items

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// One source's figures of the dead and injured of an incident.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "casualty_report")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub incident_id: i64,
    pub source_id: i64,
    pub killed: Option<i32>,
    /// How exact `killed` is: `exact`, `at_least`, `more_than`, `nearly`, `about`.
    pub killed_qualifier: String,
    pub injured: Option<i32>,
    pub injured_qualifier: String,
    pub as_of: Option<String>,
    pub note: Option<String>,
    /// Bumped by every change; an update names the version it read.
    pub version: i32,
    /// Hidden from lists, searches and counts, but kept with its history.
    pub retracted: bool,
    /// When the record last changed (RFC 3339, UTC); empty for rows loaded before history began.
    pub updated_at: Option<String>,
    /// Whom the figures count: `all`, `civilians`, `police` or `military`.
    #[serde(default = "all")]
    pub category: String,
    /// The source's words for the killed, when not a plain number ("dozens").
    #[serde(default)]
    pub killed_words: Option<String>,
    /// The source's words for the injured, when not a plain number ("thousands").
    #[serde(default)]
    pub injured_words: Option<String>,
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

/// The category of rows written before figures had one (documents in old revisions).
fn all() -> String {
    "all".into()
}
