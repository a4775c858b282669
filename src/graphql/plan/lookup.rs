//! Records through plans: a lookup's record (`statement(slug:)`,
//! `node(id:)`), answered from a plan of the selection when it allows, by
//! the type's resolvers otherwise (`nodes(ids:)` reads its records as a
//! batch, see `batch`).

use async_graphql::parser::types::Field;
use async_graphql::{ContextSelectionSet, OutputType, Positioned, ServerResult, Value};

use super::root::{answer, counted, db, planning, resolved};
use super::{assemble, walk, Plannable, Row};
use crate::graphql::Node;

/// Answers one record from a plan of `field`'s selection; `None` when no plan can.
async fn planned(
    ctx: &ContextSelectionSet<'_>,
    field: &Positioned<Field>,
    row: Row,
) -> Option<ServerResult<Value>> {
    let level = planning(ctx)
        .then(|| walk::level(ctx, &field.node.selection_set.node, row.ty()))
        .flatten();
    counted(ctx, level.is_some());
    let level = level?;
    Some(
        answer(ctx, field, async {
            assemble::single(db(ctx)?, &level, &row).await
        })
        .await,
    )
}

/// A record a lookup found (of one type, or any `Node`), answered from a
/// plan when its selection allows.
pub struct PlannedOne<N: Found>(pub N);

/// The record `node(id:)` found.
pub type PlannedNode = PlannedOne<Node>;

/// What a lookup can find: a record of one type, or any record.
pub trait Found: OutputType {
    /// The record's row.
    fn found_row(&self) -> Row;
}

impl<N: Plannable> Found for N {
    fn found_row(&self) -> Row {
        self.row()
    }
}

impl Found for Node {
    fn found_row(&self) -> Row {
        node_row(self)
    }
}

/// A node's row.
pub(super) fn node_row(node: &Node) -> Row {
    match node {
        Node::Person(n) => n.row(),
        Node::Organization(n) => n.row(),
        Node::Place(n) => n.row(),
        Node::Position(n) => n.row(),
        Node::Incident(n) => n.row(),
        Node::Statement(n) => n.row(),
        Node::Source(n) => n.row(),
        Node::CasualtyReport(n) => n.row(),
    }
}

impl<N: Found> OutputType for PlannedOne<N> {
    answers_as!(N, |self, ctx, field| {
        match planned(ctx, field, self.0.found_row()).await {
            Some(value) => value,
            None => resolved(self.0.resolve(ctx, field), field).await,
        }
    });
}
