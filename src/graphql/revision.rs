//! `Revision`: one record's change, with who made it, when, and the record
//! before and after; and the `history` and `changes` root fields.

use async_graphql::{Context, Enum, Json, Object, ID};
use entity::revision;
use serde_json::Value;

use super::node::{load_node, Node};
use super::pagination::ListNode;
use crate::domain::{NodeId, NodeKind};
use crate::error::{Error, Result};

/// One record's change: who made it, when, what changed, and the record
/// (with the links it owns) before and after. Revisions are never edited or
/// deleted; `revert` writes new ones.
pub struct Revision(pub revision::Model);

impl ListNode for Revision {
    type Entity = revision::Entity;
    fn wrap(model: revision::Model) -> Self {
        Revision(model)
    }
}

/// What a change did to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum RevisionAction {
    /// The record was created.
    Create,
    /// Some of its fields or links changed.
    Update,
    /// It was retracted: hidden, kept.
    Retract,
    /// A merge moved references to or from it.
    Merge,
    /// A revert put it back as it was.
    Revert,
}

impl RevisionAction {
    fn from_stored(text: &str) -> Self {
        match text {
            "create" => RevisionAction::Create,
            "retract" => RevisionAction::Retract,
            "merge" => RevisionAction::Merge,
            "revert" => RevisionAction::Revert,
            _ => RevisionAction::Update,
        }
    }
}

impl Revision {
    fn document(text: &Option<String>) -> Option<Value> {
        text.as_deref().and_then(|t| serde_json::from_str(t).ok())
    }
}

/// The names of the columns and link tables that differ between two documents.
pub fn changed_fields(before: Option<&Value>, after: Option<&Value>) -> Vec<String> {
    let empty = Value::Null;
    let (before, after) = (before.unwrap_or(&empty), after.unwrap_or(&empty));
    let mut fields = Vec::new();
    for part in ["row", "links"] {
        if let Some(map) = after[part].as_object() {
            for (key, value) in map {
                let skip = matches!(key.as_str(), "id" | "version" | "updated_at");
                if !skip && before[part].get(key) != Some(value) {
                    fields.push(key.clone());
                }
            }
        }
    }
    fields
}

#[Object]
impl Revision {
    /// The revision's ID: a number that grows in commit order.
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    /// The change (one mutation) the revision belongs to; a merge writes several revisions in one change.
    async fn change_id(&self) -> ID {
        ID(self.0.change_id.to_string())
    }

    /// The global ID of the record changed.
    async fn node_id(&self) -> Result<ID> {
        let kind = NodeKind::from_type_name(&self.0.node_type)
            .ok_or_else(|| Error::Internal(format!("revision of type {}", self.0.node_type)))?;
        Ok(ID(NodeId::new(kind, &self.0.node_slug).to_string()))
    }

    /// The record changed, as it is now (retracted or not).
    async fn node(&self, ctx: &Context<'_>) -> Result<Node> {
        let kind = NodeKind::from_type_name(&self.0.node_type)
            .ok_or_else(|| Error::Internal(format!("revision of type {}", self.0.node_type)))?;
        load_node(ctx, kind, self.0.node_id).await
    }

    /// The record's type, e.g. `Statement`.
    async fn node_type(&self) -> &str {
        &self.0.node_type
    }

    /// What the change did.
    async fn action(&self) -> RevisionAction {
        RevisionAction::from_stored(&self.0.action)
    }

    /// The name of the API key that made the change.
    async fn actor(&self) -> &str {
        &self.0.actor
    }

    /// When the change was committed (RFC 3339, UTC).
    async fn at(&self) -> &str {
        &self.0.at
    }

    /// The record's version after the change.
    async fn version(&self) -> i32 {
        self.0.version
    }

    /// The stored columns and owned link tables that the change altered.
    async fn changed_fields(&self) -> Vec<String> {
        changed_fields(
            Self::document(&self.0.before).as_ref(),
            Self::document(&self.0.after).as_ref(),
        )
    }

    /// The record and its owned links before the change, as stored (`row`, `links`); null for a creation.
    async fn before(&self) -> Option<Json<Value>> {
        Self::document(&self.0.before).map(Json)
    }

    /// The record and its owned links after the change, as stored.
    async fn after(&self) -> Option<Json<Value>> {
        Self::document(&self.0.after).map(Json)
    }
}
