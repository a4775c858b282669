//! Mutations on any record: `retract`, `merge` and `revert`.

use async_graphql::{Context, InputObject, Object, ID};
use serde_json::Value;

use super::{begin, reference, target, ChangePayload};
use crate::domain::NodeKind;
use crate::error::{Error, Result};
use crate::graphql::node::load_node;
use crate::graphql::plan::PlannedOne;
use crate::graphql::Revision;
use crate::write::{self, Change};

/// A record to retract.
#[derive(InputObject)]
pub struct RetractInput {
    /// Any record (`Statement:...`, `Person:...`).
    id: ID,
    /// The version you read.
    version: i32,
}

/// Two records found to be the same person or organization.
#[derive(InputObject)]
pub struct MergeInput {
    /// The record that stays.
    survivor_id: ID,
    /// The record merged into it: its references move to the survivor, its
    /// names become the survivor's aliases, and its ID resolves to the survivor.
    merged_id: ID,
}

/// Commits and returns the change's payload about the record of `kind` with row `id`.
async fn payload(
    ctx: &Context<'_>,
    change: Change,
    kind: NodeKind,
    id: i64,
) -> Result<ChangePayload> {
    let revisions = change.commit().await?;
    let node = load_node(ctx, kind, id).await?;
    Ok(ChangePayload {
        node: PlannedOne(node),
        revisions: Revision::batch(revisions.into_iter().map(Revision::new).collect()),
    })
}

/// Mutations on any record.
#[derive(Default)]
pub struct RecordMutation;

/// Mutations on any record.
#[Object]
impl RecordMutation {
    /// Retracts a record: it leaves lists, searches, counts and relations but
    /// is kept, with its history (`includeRetracted: true` shows it; reverting
    /// the retraction brings it back). Needs an editor key.
    async fn retract(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The record to retract and the version you read.")] input: RetractInput,
    ) -> Result<ChangePayload> {
        let mut change = begin(ctx).await?;
        let (kind, row) = target(&change, &input.id, None, input.version).await?;
        change
            .edit(kind, row, "retract", |document| {
                document["row"]["retracted"] = Value::Bool(true);
                Ok(())
            })
            .await?;
        payload(ctx, change, kind, row).await
    }

    /// Merges two persons or two organizations into one. Reverting any of its
    /// revisions undoes the whole merge. Needs an editor key.
    async fn merge(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The record that stays and the record merged into it.")] input: MergeInput,
    ) -> Result<ChangePayload> {
        let mut change = begin(ctx).await?;
        let actors = [NodeKind::Person, NodeKind::Organization];
        let (kind, survivor) =
            reference(&change, "input.survivorId", &input.survivor_id, &actors).await?;
        let (merged_kind, merged) =
            reference(&change, "input.mergedId", &input.merged_id, &actors).await?;
        if kind != merged_kind {
            return Err(Error::bad_input(
                "`input.mergedId`: only two persons or two organizations can be merged",
            ));
        }
        write::merge(&mut change, kind, survivor, merged).await?;
        payload(ctx, change, kind, survivor).await
    }

    /// Reverts the change that revision `revisionId` belongs to: every record
    /// it touched goes back to how it was before (a creation is retracted).
    /// A record changed since is a CONFLICT: revert the later change first.
    /// Needs an editor key.
    async fn revert(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The revision whose change to revert.")] revision_id: ID,
    ) -> Result<ChangePayload> {
        let id: i64 = revision_id.parse().map_err(|_| {
            Error::bad_input(format!(
                "`revisionId`: '{}' is not a revision ID",
                revision_id.as_str()
            ))
        })?;
        let mut change = begin(ctx).await?;
        let reverted = write::revert(&mut change, id).await?;
        let first = reverted
            .last()
            .ok_or_else(|| Error::Internal("a change without revisions".into()))?;
        let kind = NodeKind::from_type_name(&first.node_type)
            .ok_or_else(|| Error::Internal("a revision of an unknown type".into()))?;
        let node_id = first.node_id;
        payload(ctx, change, kind, node_id).await
    }
}
