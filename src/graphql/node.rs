//! The `Node` and `Actor` interfaces, and `node` / `nodes` lookups by global ID.

use async_graphql::{Context, Interface, Object, ID};
use entity::*;

use super::pagination::Connection;
use super::plan::PlannedNode;
use super::{CasualtyReport, Incident, Organization, Person, Place, Position, Source, Statement};
use crate::domain::{NodeId, NodeKind};
use crate::error::{Error, Result};

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
        arg(name = "first", ty = "Option<i32>"),
        arg(name = "after", ty = "Option<String>"),
        arg(name = "last", ty = "Option<i32>"),
        arg(name = "before", ty = "Option<String>")
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
    use super::loaders::record;
    Ok(match kind {
        NodeKind::Person => Node::Person(Person(record::<person::Entity>(ctx, id).await?)),
        NodeKind::Organization => {
            Node::Organization(Organization(record::<organization::Entity>(ctx, id).await?))
        }
        NodeKind::Place => Node::Place(Place(record::<place::Entity>(ctx, id).await?)),
        NodeKind::Position => Node::Position(Position(record::<position::Entity>(ctx, id).await?)),
        NodeKind::Incident => Node::Incident(Incident(record::<incident::Entity>(ctx, id).await?)),
        NodeKind::Statement => {
            Node::Statement(Statement(record::<statement::Entity>(ctx, id).await?))
        }
        NodeKind::Source => Node::Source(Source(record::<source::Entity>(ctx, id).await?)),
        NodeKind::CasualtyReport => Node::CasualtyReport(CasualtyReport(
            record::<casualty_report::Entity>(ctx, id).await?,
        )),
    })
}

/// The kind and row ID of the live record a global ID names, or NOT_FOUND.
pub async fn resolve_node_ref(ctx: &Context<'_>, id: &str) -> Result<(NodeKind, i64)> {
    let parsed = NodeId::parse(id).map_err(Error::BadUserInput)?;
    let found = super::find_ref(ctx, &parsed, None).await?;
    Ok((parsed.kind, found.id))
}

/// The record a global ID names, or NOT_FOUND.
async fn find_node(
    ctx: &Context<'_>,
    id: &NodeId,
    include_retracted: Option<bool>,
) -> Result<Node> {
    use super::find_record as find;
    let show = include_retracted;
    Ok(match id.kind {
        NodeKind::Person => Node::Person(Person(find::<person::Entity>(ctx, id, show).await?)),
        NodeKind::Organization => Node::Organization(Organization(
            find::<organization::Entity>(ctx, id, show).await?,
        )),
        NodeKind::Place => Node::Place(Place(find::<place::Entity>(ctx, id, show).await?)),
        NodeKind::Position => {
            Node::Position(Position(find::<position::Entity>(ctx, id, show).await?))
        }
        NodeKind::Incident => {
            Node::Incident(Incident(find::<incident::Entity>(ctx, id, show).await?))
        }
        NodeKind::Statement => {
            Node::Statement(Statement(find::<statement::Entity>(ctx, id, show).await?))
        }
        NodeKind::Source => Node::Source(Source(find::<source::Entity>(ctx, id, show).await?)),
        NodeKind::CasualtyReport => Node::CasualtyReport(CasualtyReport(
            find::<casualty_report::Entity>(ctx, id, show).await?,
        )),
    })
}

/// Root fields that look records up by global ID.
#[derive(Default)]
pub struct NodeQuery;

#[Object]
impl NodeQuery {
    /// The record with this global ID (`Person:victor-canales`); NOT_FOUND if
    /// there is none or it is retracted (unless `includeRetracted`). The ID of
    /// a record merged into another gives the survivor.
    async fn node(
        &self,
        ctx: &Context<'_>,
        id: ID,
        #[graphql(desc = "Find it even if it was retracted.")] include_retracted: Option<bool>,
    ) -> Result<PlannedNode> {
        let id = NodeId::parse(&id).map_err(Error::BadUserInput)?;
        find_node(ctx, &id, include_retracted)
            .await
            .map(PlannedNode)
    }

    /// The records with these global IDs, in the same order; null where an ID names nothing. At most 100 IDs.
    async fn nodes(
        &self,
        ctx: &Context<'_>,
        ids: Vec<ID>,
        #[graphql(desc = "Find them even if they were retracted.")] include_retracted: Option<bool>,
    ) -> Result<Vec<Option<Node>>> {
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
        let mut nodes = Vec::with_capacity(parsed.len());
        for id in &parsed {
            nodes.push(match find_node(ctx, id, include_retracted).await {
                Ok(node) => Some(node),
                Err(Error::NotFound(_)) => None,
                Err(other) => return Err(other),
            });
        }
        Ok(nodes)
    }
}

/// Declares `interface Actor implements Node` in the schema. The derive of
/// async-graphql 7 cannot say that an interface implements another, so this
/// marker registers the link when the schema is built; it is never resolved.
pub struct ActorImplementsNode;

impl async_graphql::OutputType for ActorImplementsNode {
    fn type_name() -> std::borrow::Cow<'static, str> {
        <Actor as async_graphql::OutputType>::type_name()
    }

    fn create_type_info(registry: &mut async_graphql::registry::Registry) -> String {
        let qualified = <Actor as async_graphql::OutputType>::create_type_info(registry);
        registry.add_implements(&<Actor as async_graphql::OutputType>::type_name(), "Node");
        qualified
    }

    async fn resolve(
        &self,
        _ctx: &async_graphql::ContextSelectionSet<'_>,
        _field: &async_graphql::Positioned<async_graphql::parser::types::Field>,
    ) -> async_graphql::ServerResult<async_graphql::Value> {
        Ok(async_graphql::Value::Null)
    }
}
