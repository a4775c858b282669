//! Words said or written by a person or an organization, as a source reports them.
#![allow(missing_docs)] // the derive macros generate undocumented items

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Words said or written by a person or an organization, as a source reports them.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "statement")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    pub language: String,
    pub date: Option<String>,
    pub occasion: Option<String>,
    pub speaker_person_id: Option<i64>,
    pub speaker_organization_id: Option<i64>,
    pub source_id: i64,
    pub original_source_id: Option<i64>,
    /// Bumped by every change; an update names the version it read.
    pub version: i32,
    /// Hidden from lists, searches and counts, but kept with its history.
    pub retracted: bool,
    /// When the record last changed (RFC 3339, UTC); empty for rows loaded before history began.
    pub updated_at: Option<String>,
    /// `quote`, `fragment` or `paraphrase`.
    #[serde(default = "quote")]
    pub kind: String,
    /// When the date is unknown: said no earlier than this.
    #[serde(default)]
    pub not_before: Option<String>,
    /// When the date is unknown: said no later than this.
    #[serde(default)]
    pub not_after: Option<String>,
    /// Whether something in the record is not stated by its source but inferred.
    #[serde(default)]
    pub inferred: bool,
    /// What was inferred, and from which words.
    #[serde(default)]
    pub inference: Option<String>,
    /// `official`, `not_official` or `unknown`: whether the speaker held public office when speaking.
    #[serde(default = "unknown")]
    pub speaker_role: String,
    /// Why the speaker role is what it is.
    #[serde(default)]
    pub speaker_role_reason: Option<String>,
    /// The source's words that state the speaker's role, when it states it; then it is not computed.
    #[serde(default)]
    pub speaker_role_stated: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// The kind of rows written before statements had one (documents in old revisions).
fn quote() -> String {
    "quote".into()
}

/// The speaker role of rows written before it was computed.
fn unknown() -> String {
    "unknown".into()
}
