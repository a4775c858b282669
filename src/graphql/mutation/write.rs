//! What a create or update mutation writes, as its input's checks settle it,
//! and the payload read back once the change commits. Inputs say what to
//! write; [`super::create`] and [`super::update`] write it, so every kind of
//! record is written, committed and answered the same way.

use async_graphql::Context;
use sea_orm::ActiveModelTrait;
use serde_json::Value;

use super::RecordPayload;
use crate::error::{Error, Result};
use crate::graphql::Revision;
use crate::write::{typed, Change};

/// Link rows by link table.
type Links = Vec<(&'static str, Vec<Value>)>;

/// A new record: its row and its link rows.
pub struct NewRecord {
    /// The record's row, as its revision keeps it.
    pub row: Value,
    /// Its link rows by table.
    pub links: Links,
}

impl NewRecord {
    /// The record `row` with its link rows.
    pub fn new(row: &impl ActiveModelTrait, links: Links) -> Self {
        NewRecord {
            row: typed::new_row(row),
            links,
        }
    }
}

/// The changes to a record: the columns to set and the link tables to replace.
pub struct Edit {
    /// The columns the update sets.
    pub fields: Value,
    /// The link tables it gives new rows for (the others keep theirs).
    pub links: Links,
}

impl Edit {
    /// The columns `fields` sets, and the link tables of `links` that have new
    /// rows (`None` leaves a table's rows as they are).
    pub fn new(
        fields: &impl ActiveModelTrait,
        links: impl IntoIterator<Item = (&'static str, Option<Vec<Value>>)>,
    ) -> Self {
        Edit {
            fields: typed::changed(fields),
            links: links
                .into_iter()
                .filter_map(|(table, rows)| Some((table, rows?)))
                .collect(),
        }
    }
}

/// Commits the change and returns the payload of the record it wrote last.
pub async fn finish<P: RecordPayload>(ctx: &Context<'_>, change: Change) -> Result<P> {
    let revision = change
        .commit()
        .await?
        .pop()
        .ok_or_else(|| Error::Internal("a change without a revision".into()))?;
    let node = crate::graphql::referenced(ctx, revision.node_id).await?;
    Ok(P::new(node, Revision::new(revision)))
}
