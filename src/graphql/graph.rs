//! `neighbors` and `paths`: the graph around an entity, and how two
//! entities are connected (how is Víctor Canales connected to Juliaca?).

use async_graphql::{Context, Object, SimpleObject, ID};

use super::context::db;
use super::node::resolve_node_ref;
use super::plan::{Batch, BatchedNode, Item};
use crate::error::{in_range, Result};
use crate::graph;
use crate::store::graph::{EdgeKind, EdgeRow, NodeRef};

/// The edge kinds to follow: the requested ones, or all.
fn allowed(types: Option<Vec<EdgeKind>>) -> Vec<EdgeKind> {
    types.unwrap_or_else(|| EdgeKind::ALL.to_vec())
}

/// An edge: its type and its two ends, in the edge's own direction.
#[derive(SimpleObject)]
pub struct GraphEdge {
    /// What links the two ends.
    #[graphql(name = "type")]
    kind: EdgeKind,
    /// The edge's tail: the speaker, the statement, the member, the citing source...
    from: BatchedNode,
    /// The edge's head: the statement, the incident, the organization, the cited source...
    to: BatchedNode,
}

/// `rows` as edges, each end read with the same end of the others.
fn edges(rows: Vec<EdgeRow>) -> Vec<GraphEdge> {
    let named = |(kind, id): NodeRef| Item::Named(kind, id);
    let froms = Batch::of(rows.iter().map(|row| named(row.1)).collect());
    let tos = Batch::of(rows.iter().map(|row| named(row.2)).collect());
    rows.into_iter()
        .zip(froms.into_iter().zip(tos))
        .map(|(row, (from, to))| GraphEdge {
            kind: row.0,
            from,
            to,
        })
        .collect()
}

/// A node of a neighborhood, with its distance from the center.
pub struct NeighborNode {
    node: BatchedNode,
    distance: u32,
}

/// A node of a neighborhood, with its distance from the center.
#[Object]
impl NeighborNode {
    /// The entity.
    async fn node(&self) -> &BatchedNode {
        &self.node
    }

    /// How many edges away from the center it is (0 for the center).
    async fn distance(&self) -> u32 {
        self.distance
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
        in_range("depth", depth, 1..=3)?;
        in_range("first", first, 0..=200)?;
        let center = resolve_node_ref(ctx, &id).await?;
        let found = graph::neighborhood(
            db(ctx)?,
            center,
            depth as u32,
            &allowed(edge_types),
            first as usize,
        )
        .await?;
        let items = found
            .nodes
            .iter()
            .map(|((kind, id), _)| Item::Named(*kind, *id));
        let nodes = Batch::of(items.collect())
            .into_iter()
            .zip(&found.nodes)
            .map(|(node, (_, distance))| NeighborNode {
                node,
                distance: *distance,
            })
            .collect();
        Ok(Neighborhood {
            nodes,
            edges: edges(found.edges),
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
        in_range("maxLength", max_length, 1..=6)?;
        in_range("first", first, 1..=20)?;
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
        // The ends of every path's edges are read together.
        let lengths: Vec<usize> = found.iter().map(Vec::len).collect();
        let mut all = edges(found.into_iter().flatten().collect()).into_iter();
        Ok(lengths
            .into_iter()
            .map(|length| Path {
                length: length as u32,
                edges: all.by_ref().take(length).collect(),
            })
            .collect())
    }
}
