//! `neighbors` and `paths`: the graph around an entity, and how two
//! entities are connected (how is Víctor Canales connected to Juliaca?).

use async_graphql::{Context, Object, SimpleObject, ID};

use super::context::db;
use super::node::{load_node, resolve_node_ref};
use super::Node;
use crate::error::{Error, Result};
use crate::graph;
use crate::store::graph::{EdgeKind, EdgeRow, NodeRef};

/// The edge kinds to follow: the requested ones, or all.
fn allowed(types: Option<Vec<EdgeKind>>) -> Vec<EdgeKind> {
    types.unwrap_or_else(|| EdgeKind::ALL.to_vec())
}

/// An edge: its type and its two ends, in the edge's own direction.
pub struct GraphEdge(EdgeRow);

/// An edge: its type and its two ends, in the edge's own direction.
#[Object]
impl GraphEdge {
    /// What links the two ends.
    async fn r#type(&self) -> EdgeKind {
        self.0 .0
    }

    /// The edge's tail: the speaker, the statement, the member, the citing source...
    async fn from(&self, ctx: &Context<'_>) -> Result<Node> {
        load_node(ctx, self.0 .1 .0, self.0 .1 .1).await
    }

    /// The edge's head: the statement, the incident, the organization, the cited source...
    async fn to(&self, ctx: &Context<'_>) -> Result<Node> {
        load_node(ctx, self.0 .2 .0, self.0 .2 .1).await
    }
}

/// A node of a neighborhood, with its distance from the center.
pub struct NeighborNode(NodeRef, u32);

/// A node of a neighborhood, with its distance from the center.
#[Object]
impl NeighborNode {
    /// The entity.
    async fn node(&self, ctx: &Context<'_>) -> Result<Node> {
        load_node(ctx, self.0 .0, self.0 .1).await
    }

    /// How many edges away from the center it is (0 for the center).
    async fn distance(&self) -> u32 {
        self.1
    }
}

/// The entities around one, and the edges among them.
#[derive(SimpleObject)]
pub struct Neighborhood {
    /// The entities, nearest first, the center included at distance 0.
    nodes: Vec<NeighborNode>,
    /// The edges between them.
    edges: Vec<GraphEdge>,
    /// Whether entities were left out to respect `first`.
    truncated: bool,
}

/// One connection between two entities.
#[derive(SimpleObject)]
pub struct Path {
    /// How many edges it has.
    length: u32,
    /// Its edges, in order from the start.
    edges: Vec<GraphEdge>,
}

/// Root fields that walk the graph.
#[derive(Default)]
pub struct GraphQuery;

/// Root fields that walk the graph.
#[Object]
impl GraphQuery {
    /// The entities within `depth` edges (1 to 3) of an entity, at most
    /// `first` (up to 200) besides it, with the typed edges between them.
    async fn neighbors(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The entity at the center (`Type:slug`).")] id: ID,
        #[graphql(default = 1, desc = "How many edges away to look (1 to 3).")] depth: i32,
        #[graphql(desc = "Follow only these kinds of edge (all when omitted).")] edge_types: Option<
            Vec<EdgeKind>,
        >,
        #[graphql(
            default = 50,
            desc = "At most this many entities besides the one asked for (0 to 200)."
        )]
        first: i32,
    ) -> Result<Neighborhood> {
        if !(1..=3).contains(&depth) {
            return Err(Error::bad_input(format!(
                "`depth` must be from 1 to 3, got {depth}"
            )));
        }
        if !(0..=200).contains(&first) {
            return Err(Error::bad_input(format!(
                "`first` must be from 0 to 200, got {first}"
            )));
        }
        let center = resolve_node_ref(ctx, &id).await?;
        let found = graph::neighborhood(
            db(ctx)?,
            center,
            depth as u32,
            &allowed(edge_types),
            first as usize,
        )
        .await?;
        Ok(Neighborhood {
            nodes: found
                .nodes
                .into_iter()
                .map(|(node, d)| NeighborNode(node, d))
                .collect(),
            edges: found.edges.into_iter().map(GraphEdge).collect(),
            truncated: found.truncated,
        })
    }

    /// The shortest connections between two entities, at most `maxLength`
    /// edges long (1 to 6) and at most `first` of them (1 to 20); empty when
    /// they are not connected within that length.
    async fn paths(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Where the paths start (`Type:slug`).")] from: ID,
        #[graphql(desc = "Where the paths end (`Type:slug`).")] to: ID,
        #[graphql(default = 4, desc = "The longest path, in edges (1 to 6).")] max_length: i32,
        #[graphql(default = 5, desc = "At most this many paths (1 to 20).")] first: i32,
        #[graphql(desc = "Follow only these kinds of edge (all when omitted).")] edge_types: Option<
            Vec<EdgeKind>,
        >,
    ) -> Result<Vec<Path>> {
        if !(1..=6).contains(&max_length) {
            return Err(Error::bad_input(format!(
                "`maxLength` must be from 1 to 6, got {max_length}"
            )));
        }
        if !(1..=20).contains(&first) {
            return Err(Error::bad_input(format!(
                "`first` must be from 1 to 20, got {first}"
            )));
        }
        let (start, end) = (
            resolve_node_ref(ctx, &from).await?,
            resolve_node_ref(ctx, &to).await?,
        );
        let found = graph::shortest_paths(
            db(ctx)?,
            start,
            end,
            max_length as u32,
            &allowed(edge_types),
            first as usize,
        )
        .await?;
        Ok(found
            .into_iter()
            .map(|edges| Path {
                length: edges.len() as u32,
                edges: edges.into_iter().map(GraphEdge).collect(),
            })
            .collect())
    }
}
