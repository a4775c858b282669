//! Root lists through plans: the page a root field's resolver found,
//! answered from a plan when its selection allows, by the connection's
//! resolvers otherwise.

use std::sync::Arc;

use async_graphql::parser::types::Field;
use async_graphql::{ContextSelectionSet, OutputType, Positioned, ServerResult, Value};
use sea_orm::DatabaseConnection;
use tracing::Instrument;

use super::{assemble, connections, Plannable};
use crate::error::{Error, Result};
use crate::graphql::pagination::{Connection, ListNode};
use crate::metrics::Metrics;

/// Which read path a schema takes; the resolver path stays for the
/// differential tests that hold the plans to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadPath {
    /// Plans where they can serve, resolvers elsewhere (the default).
    Planned,
    /// Resolvers only.
    Resolvers,
}

/// A root list's page, answered from a plan when its selection allows.
pub struct Planned<N: Plannable + ListNode>(pub Connection<N>);

impl<N: Plannable + ListNode> OutputType for Planned<N>
where
    Connection<N>: OutputType,
{
    answers_as!(Connection<N>, |self, ctx, field| {
        let plan = planning(ctx)
            .then(|| connections::connection(ctx, &field.node.selection_set.node, N::TY))
            .flatten();
        counted(ctx, plan.is_some());
        match plan {
            Some(plan) => {
                answer(ctx, field, async {
                    assemble::connection(db(ctx)?, &self.0, &plan).await
                })
                .await
            }
            None => resolved(self.0.resolve(ctx, field), field).await,
        }
    });
}

/// Whether this schema answers from plans.
pub(super) fn planning(ctx: &ContextSelectionSet<'_>) -> bool {
    ctx.data_opt::<ReadPath>() != Some(&ReadPath::Resolvers)
}

/// Counts a root field answered from a plan, or by the resolvers.
pub(super) fn counted(ctx: &ContextSelectionSet<'_>, planned: bool) {
    if let Some(metrics) = ctx.data_opt::<Arc<Metrics>>() {
        let counter = match planned {
            true => &metrics.planned_reads,
            false => &metrics.resolved_reads,
        };
        counter.increment(1);
    }
}

/// The schema's database.
pub(super) fn db<'a>(ctx: &ContextSelectionSet<'a>) -> Result<&'a DatabaseConnection> {
    ctx.data::<DatabaseConnection>()
        .map_err(|_| Error::Internal("the schema has no database".into()))
}

/// The span of a root field answered from a plan or by the resolvers (a
/// trace shows which, and what each cost).
pub(super) fn span(field: &Positioned<Field>, planned: bool) -> tracing::Span {
    let path = if planned { "plan" } else { "resolvers" };
    let name = field.node.name.node.as_str();
    tracing::info_span!("root_field", otel.name = %format!("{path} {name}"), field = name, path)
}

/// The resolvers' answer, in its span.
pub(super) async fn resolved(
    value: impl std::future::Future<Output = ServerResult<Value>>,
    field: &Positioned<Field>,
) -> ServerResult<Value> {
    value.instrument(span(field, false)).await
}

/// A planned value, or its error at the field's path (which the context already ends at).
pub(super) async fn answer(
    ctx: &ContextSelectionSet<'_>,
    field: &Positioned<Field>,
    value: impl std::future::Future<Output = Result<Value>>,
) -> ServerResult<Value> {
    value.instrument(span(field, true)).await.map_err(|err| {
        ctx.set_error_path(async_graphql::Error::from(err).into_server_error(field.pos))
    })
}
