//! Walking the graph: the neighborhood of a node, and the shortest paths
//! between two. Each step loads the edges of a whole frontier at once
//! ([`store::graph::edges_of`]), so the cost grows with the depth, not with
//! the number of nodes; depth, width and result size are bounded.

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::ConnectionTrait;

use crate::error::{Error, Result};
use crate::store::graph::{edges_of, EdgeKind, EdgeRow, NodeRef};

/// The most nodes a walk may hold in its frontier before it stops.
pub const MAX_FRONTIER: usize = 5_000;

/// The nodes around a center, each with its distance, and the edges among them.
#[derive(Debug, Default)]
pub struct Neighborhood {
    /// Nodes in the order found (nearest first), with their distance from the center.
    pub nodes: Vec<(NodeRef, u32)>,
    /// Edges between the nodes kept.
    pub edges: Vec<EdgeRow>,
    /// Whether nodes were left out to respect the limit.
    pub truncated: bool,
}

/// The other end of `edge` from `node`, if `node` is one of its ends.
fn other_end(edge: &EdgeRow, node: &NodeRef) -> Option<NodeRef> {
    if &edge.1 == node {
        Some(edge.2)
    } else if &edge.2 == node {
        Some(edge.1)
    } else {
        None
    }
}

/// The nodes within `depth` edges of `center` (at most `limit` besides it), nearest first.
pub async fn neighborhood(
    db: &impl ConnectionTrait,
    center: NodeRef,
    depth: u32,
    allowed: &[EdgeKind],
    limit: usize,
) -> Result<Neighborhood> {
    let mut distance: BTreeMap<NodeRef, u32> = BTreeMap::from([(center, 0)]);
    let mut order = vec![(center, 0)];
    let mut frontier = BTreeSet::from([center]);
    let mut truncated = false;
    for level in 1..=depth {
        let mut next = BTreeSet::new();
        for edge in edges_of(db, &frontier, allowed).await? {
            for node in [edge.1, edge.2] {
                if !distance.contains_key(&node) && !frontier.contains(&node) {
                    next.insert(node);
                }
            }
        }
        for node in next.iter() {
            if order.len() > limit {
                truncated = true;
                break;
            }
            distance.insert(*node, level);
            order.push((*node, level));
        }
        frontier = next
            .into_iter()
            .filter(|n| distance.contains_key(n))
            .collect();
        if frontier.is_empty() || truncated {
            break;
        }
    }
    let kept: BTreeSet<NodeRef> = distance.keys().copied().collect();
    let edges = edges_of(db, &kept, allowed)
        .await?
        .into_iter()
        .filter(|e| kept.contains(&e.1) && kept.contains(&e.2))
        .collect();
    Ok(Neighborhood {
        nodes: order,
        edges,
        truncated,
    })
}

/// Up to `limit` shortest paths from `from` to `to` of at most `max_length`
/// edges, each as its edges in order; empty when there is none.
pub async fn shortest_paths(
    db: &impl ConnectionTrait,
    from: NodeRef,
    to: NodeRef,
    max_length: u32,
    allowed: &[EdgeKind],
    limit: usize,
) -> Result<Vec<Vec<EdgeRow>>> {
    if from == to {
        return Ok(vec![Vec::new()]);
    }
    // For every node reached, the edges that reach it from the previous level.
    let mut arrivals: BTreeMap<NodeRef, Vec<EdgeRow>> = BTreeMap::from([(from, Vec::new())]);
    let mut frontier = BTreeSet::from([from]);
    for _ in 0..max_length {
        let mut reached: BTreeMap<NodeRef, Vec<EdgeRow>> = BTreeMap::new();
        for edge in edges_of(db, &frontier, allowed).await? {
            for node in frontier.iter() {
                if let Some(next) = other_end(&edge, node) {
                    if !arrivals.contains_key(&next) {
                        reached.entry(next).or_default().push(edge);
                    }
                }
            }
        }
        if reached.len() > MAX_FRONTIER {
            return Err(Error::bad_input("the search for paths reached too many nodes: lower maxLength or restrict edgeTypes"));
        }
        frontier = reached.keys().copied().collect();
        arrivals.extend(reached);
        if arrivals.contains_key(&to) || frontier.is_empty() {
            break;
        }
    }
    if !arrivals.contains_key(&to) {
        return Ok(Vec::new());
    }
    let mut paths = Vec::new();
    walk_back(&arrivals, from, to, &mut Vec::new(), &mut paths, limit);
    Ok(paths)
}

/// Collects paths ending at `node` by following arrival edges back to `from`.
fn walk_back(
    arrivals: &BTreeMap<NodeRef, Vec<EdgeRow>>,
    from: NodeRef,
    node: NodeRef,
    suffix: &mut Vec<EdgeRow>,
    paths: &mut Vec<Vec<EdgeRow>>,
    limit: usize,
) {
    if paths.len() >= limit {
        return;
    }
    if node == from {
        paths.push(suffix.iter().rev().copied().collect());
        return;
    }
    for edge in arrivals.get(&node).into_iter().flatten() {
        if let Some(previous) = other_end(edge, &node) {
            suffix.push(*edge);
            walk_back(arrivals, from, previous, suffix, paths, limit);
            suffix.pop();
        }
    }
}
