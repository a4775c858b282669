//! A person's part in an incident (killed, investigated, commanding...), with its role.
#![allow(missing_docs)] // the derive macros generate undocumented items

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// A person's part in an incident (killed, investigated, commanding...), with its role.
#[derive(Clone, Debug, Default, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "participant")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub incident_id: i64,
    pub person_id: i64,
    pub role: String,
    /// The part in the sources' words, when the role alone says too little.
    pub description: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
