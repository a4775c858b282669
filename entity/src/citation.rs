//! Provenance: a source and the verbatim excerpt of it that supports a record (exactly one record is set).
#![allow(missing_docs)] // the derive macros generate undocumented items

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Provenance: a source and the verbatim excerpt of it that supports a record (exactly one record is set).
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "citation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub source_id: i64,
    #[sea_orm(column_type = "Text")]
    pub excerpt: String,
    pub statement_id: Option<i64>,
    pub casualty_report_id: Option<i64>,
    pub position_id: Option<i64>,
    pub incident_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
