//! Reverting a change: every record it touched goes back to its document
//! before the change, as a new change (so a revert can be reverted too).

use entity::revision;
use serde_json::Value;

use super::Change;
use crate::domain::NodeKind;
use crate::error::{Error, Result};
use crate::store::{self, history};

/// Reverts the change that revision `revision_id` belongs to, within `change`.
///
/// Each record must still be at the version the change left it at: a record
/// changed since is a CONFLICT (revert the later change first), never
/// overwritten. A record the change created is retracted, not deleted.
pub async fn revert(change: &mut Change, revision_id: i64) -> Result<Vec<revision::Model>> {
    let target = history::find_revision(change.db(), revision_id)
        .await?
        .ok_or_else(|| Error::not_found(format!("there is no revision {revision_id}")))?;
    let revisions = history::find_change(change.db(), target.change_id).await?;
    for revision in &revisions {
        check_unchanged(change, revision).await?;
    }
    for revision in revisions.iter().rev() {
        let kind = kind_of(revision)?;
        let before = match &revision.before {
            Some(text) => Some(parse(text)?),
            None => None,
        };
        change
            .edit(kind, revision.node_id, "revert", |document| {
                restore(document, before)
            })
            .await?;
    }
    Ok(revisions)
}

/// A CONFLICT unless the revision's record is still at the version the revision wrote.
async fn check_unchanged(change: &Change, revision: &revision::Model) -> Result<()> {
    let kind = kind_of(revision)?;
    let version = store::records::find_ref_by_id(change.db(), kind.table_name(), revision.node_id)
        .await?
        .ok_or_else(|| Error::Internal("a revised record is missing".into()))?
        .version;
    if version != revision.version {
        return Err(Error::Conflict(format!(
            "{}:{} is at version {version}, changed after revision {}: revert the later changes first",
            revision.node_type, revision.node_slug, revision.id
        )));
    }
    Ok(())
}

/// Puts the document back as it was (`before`), or retracts a record that did not exist.
fn restore(document: &mut Value, before: Option<Value>) -> Result<()> {
    match before {
        Some(before) => *document = before,
        None => document["row"]["retracted"] = Value::Bool(true),
    }
    Ok(())
}

/// The kind of a revision's record.
fn kind_of(revision: &revision::Model) -> Result<NodeKind> {
    NodeKind::from_type_name(&revision.node_type)
        .ok_or_else(|| Error::Internal(format!("a revision of type {}", revision.node_type)))
}

/// A stored document.
fn parse(text: &str) -> Result<Value> {
    serde_json::from_str(text).map_err(|e| Error::Internal(format!("a stored document: {e}")))
}
