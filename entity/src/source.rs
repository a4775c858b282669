//! A document that reports facts: article, press release, report, interview, post.
#![allow(missing_docs)] // the derive macros generate undocumented items

use sea_orm::entity::prelude::*;

/// A document that reports facts: article, press release, report, interview, post.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "source")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub slug: String,
    pub kind: String,
    pub title: String,
    pub publisher_id: Option<i64>,
    pub published_at: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    /// The file name of the document's text, for verification of quotes and excerpts.
    pub text_file: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
