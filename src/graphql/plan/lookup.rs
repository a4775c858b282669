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

/// A record a lookup found, answered from a plan when its selection allows.
pub struct PlannedOne<N: Plannable>(pub N);

impl<N: Plannable> OutputType for PlannedOne<N> {
    same_type_as!(N);

    async fn resolve(
        &self,
        ctx: &ContextSelectionSet<'_>,
        field: &Positioned<Field>,
    ) -> ServerResult<Value> {
        match planned(ctx, field, self.0.row()).await {
            Some(value) => value,
            None => resolved(self.0.resolve(ctx, field), field).await,
        }
    }
}

/// The record `node(id:)` found, answered from a plan when its selection allows.
pub struct PlannedNode(pub Node);

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

impl OutputType for PlannedNode {
    same_type_as!(Node);

    async fn resolve(
        &self,
        ctx: &ContextSelectionSet<'_>,
        field: &Positioned<Field>,
    ) -> ServerResult<Value> {
        match planned(ctx, field, node_row(&self.0)).await {
            Some(value) => value,
            None => resolved(self.0.resolve(ctx, field), field).await,
        }
    }
}
