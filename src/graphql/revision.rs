//! `Revision`: one record's change, with who made it, when, and the record
//! before and after; and the `history` and `changes` root fields.

use async_graphql::{Enum, Json, Object, ID};
use entity::revision;
use serde_json::Value;

use super::pagination::ListNode;
use super::plan::{Batch, BatchedNode, Item};
use crate::domain::{NodeId, NodeKind};
use crate::error::{Error, Result};

/// One record's change: who made it, when, what changed, and the record
/// (with the links it owns) before and after. Revisions are never edited or
/// deleted; `revert` writes new ones.
pub struct Revision(pub revision::Model, Option<BatchedNode>);

impl ListNode for Revision {
    type Entity = revision::Entity;
    fn wrap(model: revision::Model) -> Self {
        Revision(model, None)
    }
}

impl Revision {
    /// One revision, its record read on its own.
    pub fn new(model: revision::Model) -> Self {
        Revision(model, None)
    }

    /// Revisions whose records are read together (one statement per kind
    /// when their `node` is asked for).
    pub fn batch(revisions: Vec<Revision>) -> Vec<Revision> {
        let items: Option<Vec<Item>> = revisions
            .iter()
            .map(|r| Some(Item::Named(r.kind().ok()?, r.0.node_id)))
            .collect();
        match items {
            Some(items) => revisions
                .into_iter()
                .zip(Batch::of(items))
                .map(|(r, node)| Revision(r.0, Some(node)))
                .collect(),
            None => revisions,
        }
    }

    /// The kind of the record changed.
    fn kind(&self) -> Result<NodeKind> {
        NodeKind::from_type_name(&self.0.node_type)
            .ok_or_else(|| Error::Internal(format!("revision of type {}", self.0.node_type)))
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

/// The GraphQL field of the type `ty` that a stored column or owned link
/// table shows; `None` for what no field shows (the row a merged record points
/// to: the revision's `MERGE` action says it; a source's text file).
fn field_of(ty: &str, stored: &str) -> Option<String> {
    let field = match (ty, stored) {
        (_, "merged_into_id" | "text_file") => return None,
        ("Position", "start_date") => "start",
        ("Position", "end_date") => "end",
        (_, "speaker_person_id" | "speaker_organization_id") => "speaker",
        (_, "speaker_role_stated") => "speakerRole",
        (_, "alias") => "aliases",
        (_, "citation") => "citations",
        (_, "involvement") => "involvedOrganizations",
        (_, "participant") => "participants",
        (_, "incident_place" | "statement_place") => "places",
        (_, "incident_link") => "links",
        (_, "statement_incident") => "incidents",
        (_, "statement_mention") => "mentions",
        (_, "source_author") => "authors",
        (_, "source_citation") => "cites",
        (_, column) => return Some(camel(column.strip_suffix("_id").unwrap_or(column))),
    };
    Some(field.to_owned())
}

/// `start_date` → `startDate`.
fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        match (c, upper) {
            ('_', _) => upper = true,
            (c, true) => {
                out.extend(c.to_uppercase());
                upper = false;
            }
            (c, false) => out.push(c),
        }
    }
    out
}

/// The GraphQL fields of the type `ty` whose stored columns or owned links
/// differ between two documents, each once, in the document's order.
pub fn changed_fields(ty: &str, before: Option<&Value>, after: Option<&Value>) -> Vec<String> {
    let empty = Value::Null;
    let (before, after) = (before.unwrap_or(&empty), after.unwrap_or(&empty));
    let mut fields: Vec<String> = Vec::new();
    for part in ["row", "links"] {
        let Some(map) = after[part].as_object() else {
            continue;
        };
        for (key, value) in map {
            let skip = matches!(key.as_str(), "id" | "version" | "updated_at");
            if skip || before[part].get(key) == Some(value) {
                continue;
            }
            if let Some(field) = field_of(ty, key).filter(|f| !fields.contains(f)) {
                fields.push(field);
            }
        }
    }
    fields
}

/// One record's change: who made it, when, what changed, and the record
/// (with the links it owns) before and after. Revisions are never edited or
/// deleted; `revert` writes new ones.
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
    async fn node(&self) -> Result<BatchedNode> {
        let kind = self.kind()?;
        Ok(self
            .1
            .clone()
            .unwrap_or_else(|| Batch::one(Item::Named(kind, self.0.node_id))))
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

    /// The fields of the record (`speaker`, `aliases`, `incidents`...) that the change altered.
    async fn changed_fields(&self) -> Vec<String> {
        changed_fields(
            &self.0.node_type,
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
