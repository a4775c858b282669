//! An incident's link to another: an investigation of killings, a response to an event.
#![allow(missing_docs)] // the derive macros generate undocumented items

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// An incident's link to another: an investigation of killings, a response to an event.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "incident_link")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub incident_id: i64,
    pub related_id: i64,
    pub relation: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
