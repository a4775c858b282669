//! The `Node` and `Actor` interfaces, and `node` / `nodes` lookups by global ID.

use std::collections::BTreeSet;

use async_graphql::{Context, Interface, Object, ID};
use entity::*;
use sea_orm::DatabaseConnection;

use super::context;
use super::pagination::Connection;
use super::plan::{Batch, BatchedNode, Item, PlannedNode, PlannedOne};
use super::{CasualtyReport, Incident, Organization, Person, Place, Position, Source, Statement};
use crate::domain::{NodeId, NodeKind};
use crate::error::{Error, Result};
use crate::store::{self, records::Tracked};

/// Anything with a global ID. IDs read `Type:slug` and are stable across deployments.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID", desc = "The global ID, `Type:slug`."))]
pub enum Node {
    /// A person.
    Person(Person),
    /// An organization.
    Organization(Organization),
    /// A place.
    Place(Place),
    /// A position.
    Position(Position),
    /// An incident.
    Incident(Incident),
    /// A statement.
    Statement(Statement),
    /// A source.
    Source(Source),
    /// A casualty report.
    CasualtyReport(CasualtyReport),
}

// Persons and organizations are nodes too, but the schema does not say
// `Actor implements Node`: async-graphql 7's introspection lists the
// interfaces of object types only, and schema.graphql says what clients see.
/// Someone who can speak and act: a person or an organization.
#[allow(clippy::duplicated_attributes)] // repeated `ty = ...` in the derive's field list are distinct fields
#[derive(Interface)]
#[graphql(
    field(name = "id", ty = "ID", desc = "The global ID, `Type:slug`."),
    field(name = "slug", ty = "&str", desc = "The stable, human-readable key."),
    field(name = "name", ty = "&str", desc = "The name as the sources write it."),
    field(
        name = "aliases",
        ty = "Vec<String>",
        desc = "Other names and spellings."
    ),
    field(
        name = "statements",
        ty = "Connection<Statement>",
        desc = "What the actor said, oldest first.",
        arg(
            name = "first",
            ty = "Option<i32>",
            desc = "At most this many items, from the start of the list or after `after`."
        ),
        arg(
            name = "after",
            ty = "Option<String>",
            desc = "Continue after the item with this cursor (`pageInfo.endCursor`, or an edge's `cursor`)."
        ),
        arg(
            name = "last",
            ty = "Option<i32>",
            desc = "At most this many items, from the end of the list or before `before`."
        ),
        arg(
            name = "before",
            ty = "Option<String>",
            desc = "Continue before the item with this cursor (`pageInfo.startCursor`, or an edge's `cursor`)."
        )
    )
)]
pub enum Actor {
    /// A person.
    Person(Person),
    /// An organization.
    Organization(Organization),
}

/// The node for a record's kind and row ID, through the request's DataLoader.
pub async fn load_node(ctx: &Context<'_>, kind: NodeKind, id: i64) -> Result<Node> {
    use super::referenced as node;
    Ok(match kind {
        NodeKind::Person => Node::Person(node(ctx, id).await?),
        NodeKind::Organization => Node::Organization(node(ctx, id).await?),
        NodeKind::Place => Node::Place(node(ctx, id).await?),
        NodeKind::Position => Node::Position(node(ctx, id).await?),
        NodeKind::Incident => Node::Incident(node(ctx, id).await?),
        NodeKind::Statement => Node::Statement(node(ctx, id).await?),
        NodeKind::Source => Node::Source(node(ctx, id).await?),
        NodeKind::CasualtyReport => Node::CasualtyReport(node(ctx, id).await?),
    })
}

/// The kind and row ID of the live record a global ID names, or NOT_FOUND.
pub async fn resolve_node_ref(ctx: &Context<'_>, id: &str) -> Result<(NodeKind, i64)> {
    let parsed = NodeId::parse(id).map_err(Error::BadUserInput)?;
    let found = super::find_ref(ctx, &parsed, None).await?;
    Ok((parsed.kind, found.id))
}

/// A record a global ID named, and whether it is retracted.
type Found = Option<(Node, bool)>;

/// The records of kind `E` among `ids`, into their slots of `out`.
async fn find_kind<E: Tracked>(
    db: &DatabaseConnection,
    ids: &[NodeId],
    kind: NodeKind,
    wrap: fn(E::Model) -> Node,
    out: &mut [Found],
) -> Result<()>
where
    E::Model: Sync,
{
    let slugs: Vec<&str> = ids
        .iter()
        .filter(|id| id.kind == kind)
        .map(|id| id.slug.as_str())
        .collect();
    let found = store::records::find_by_slugs::<E>(db, &slugs).await?;
    for (slot, id) in out.iter_mut().zip(ids) {
        if let Some(model) = found.get(&id.slug).filter(|_| id.kind == kind) {
            *slot = Some((wrap(model.clone()), E::retracted(model)));
        }
    }
    Ok(())
}

/// The records these global IDs name, in their order, merges followed:
/// one statement per kind named (and one per merge step), whatever the
/// number of IDs.
async fn find_nodes(ctx: &Context<'_>, ids: &[NodeId]) -> Result<Vec<Found>> {
    let db = context::db(ctx)?;
    let mut out: Vec<Found> = ids.iter().map(|_| None).collect();
    let kinds: BTreeSet<NodeKind> = ids.iter().map(|id| id.kind).collect();
    for kind in kinds {
        // Each kind's rows wrapped in its node.
        macro_rules! read {
            ($module:ident, $variant:ident) => {
                find_kind::<$module::Entity>(
                    db,
                    ids,
                    kind,
                    |m| Node::$variant($variant(m)),
                    &mut out,
                )
                .await?
            };
        }
        match kind {
            NodeKind::Person => read!(person, Person),
            NodeKind::Organization => read!(organization, Organization),
            NodeKind::Place => read!(place, Place),
            NodeKind::Position => read!(position, Position),
            NodeKind::Incident => read!(incident, Incident),
            NodeKind::Statement => read!(statement, Statement),
            NodeKind::Source => read!(source, Source),
            NodeKind::CasualtyReport => read!(casualty_report, CasualtyReport),
        }
    }
    Ok(out)
}

/// Root fields that look records up by global ID.
#[derive(Default)]
pub struct NodeQuery;

/// Root fields that look records up by global ID.
#[Object]
impl NodeQuery {
    /// The record with this global ID (`Person:victor-canales`); null, with a
    /// NOT_FOUND error at its path, if there is none or it is retracted (unless
    /// `includeRetracted`). The ID of a person or organization merged into
    /// another gives the survivor.
    async fn node(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The record's global ID (`Type:slug`, as `Person:dina-boluarte`).")]
        id: ID,
        #[graphql(desc = "Find it even if it was retracted.")] include_retracted: Option<bool>,
    ) -> Result<Option<PlannedNode>> {
        let id = NodeId::parse(&id).map_err(Error::BadUserInput)?;
        let found = find_nodes(ctx, std::slice::from_ref(&id)).await?;
        match found.into_iter().next().flatten() {
            Some((node, retracted)) => {
                super::visible(&id, retracted, include_retracted)?;
                Ok(Some(PlannedOne(node)))
            }
            None => Err(super::missing(&id)),
        }
    }

    /// The records with these global IDs, in the same order; null where an ID names nothing. At most 100 IDs.
    async fn nodes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global IDs (`Type:slug`), at most 100.")] ids: Vec<ID>,
        #[graphql(desc = "Find them even if they were retracted.")] include_retracted: Option<bool>,
    ) -> Result<Vec<Option<BatchedNode>>> {
        if ids.len() > 100 {
            return Err(Error::bad_input(format!(
                "`ids` takes at most 100 IDs, got {}",
                ids.len()
            )));
        }
        let parsed: Vec<NodeId> = ids
            .iter()
            .map(|id| NodeId::parse(id))
            .collect::<Result<_, _>>()
            .map_err(Error::BadUserInput)?;
        let found = find_nodes(ctx, &parsed).await?;
        let show = include_retracted == Some(true);
        // The records found are read as one batch: a plan per type among them.
        let mut items = Vec::new();
        let found: Vec<bool> = found
            .into_iter()
            .map(|f| match f {
                Some((node, retracted)) if show || !retracted => {
                    items.push(Item::Read(Box::new(node)));
                    true
                }
                _ => false,
            })
            .collect();
        let mut batched = Batch::of(items).into_iter();
        Ok(found
            .into_iter()
            .map(|present| present.then(|| batched.next()).flatten())
            .collect())
    }
}
