//! An organization's part in an incident, with its role.
#![allow(missing_docs)] // the derive macros generate undocumented items

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// An organization's part in an incident, with its role.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "involvement")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub incident_id: i64,
    pub organization_id: i64,
    pub role: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
