//! The GraphQL schema: one file per type, root fields merged from one object
//! per domain, filters in [`filter`], Relay pagination in [`pagination`], and
//! the request's DataLoader in [`loaders`].

#[macro_use]
mod record;
#[macro_use]
mod record_query;

mod aggregates;
mod api_key;
mod casualties;
mod casualty_report;
mod citation;
pub mod context;
mod cost;
mod cursor;
pub mod filter;
mod fragments;
mod graph;
pub mod guard;
mod history;
mod incident;
mod incident_link;
pub mod input_limits;
mod keyset;
pub mod loaders;
mod mutation;
mod node;
mod organization;
pub mod pagination;
mod participant;
mod person;
pub mod place;
pub mod plan;
mod position;
mod results;
mod revision;
pub mod scalars;
mod search;
mod source;
mod statement;
mod suggest;
mod timeline;
mod timeline_keys;

use async_graphql::{Context, Enum, MergedObject, Schema, ID};
use sea_orm::{DatabaseConnection, Order};

pub use casualty_report::CasualtyReport;
pub use citation::{Citation, Involvement};
pub use incident::{Incident, IncidentQuery};
pub use incident_link::IncidentLink;
pub use node::{Actor, Node, NodeQuery};
pub use organization::{Organization, OrganizationQuery};
pub use participant::Participant;
pub use person::{Person, PersonQuery};
pub use place::{Place, PlaceQuery};
pub use position::Position;
pub use revision::Revision;
pub use source::{Source, SourceQuery};
pub use statement::{Statement, StatementQuery};

use pagination::ListNode;

use crate::changes::ChangeHub;
use crate::config::LimitsConfig;
use crate::domain::{NodeId, NodeKind};
use crate::error::{Error, Result};
use crate::store::{self, records::Tracked, Rel};
use crate::write::Writer;

/// Every root query field, merged from the per-domain objects.
#[derive(MergedObject, Default)]
#[graphql(name = "Query")]
pub struct QueryRoot(
    NodeQuery,
    PersonQuery,
    OrganizationQuery,
    PlaceQuery,
    IncidentQuery,
    StatementQuery,
    SourceQuery,
    search::SearchQueryRoot,
    suggest::SuggestQueryRoot,
    graph::GraphQuery,
    aggregates::AggregateQuery,
    timeline::TimelineQuery,
    casualties::CasualtyQuery,
    history::HistoryQuery,
    api_key::ApiKeyQuery,
);

/// Quipu's GraphQL schema.
pub type QuipuSchema = Schema<QueryRoot, mutation::MutationRoot, history::SubscriptionRoot>;

/// What resolvers use besides the database.
pub struct Services {
    /// Where mutations queue to commit.
    pub writer: Writer,
    /// Where changes are announced (subscriptions).
    pub hub: ChangeHub,
    /// The search index.
    pub search: std::sync::Arc<crate::search::SearchIndex>,
}

/// Builds the schema over `db` with the given limits (counting its reads in
/// `metrics`), and the request guard
/// it runs (whose APQ cache `/metrics` reports). Migrations are not its
/// business: callers run them first.
pub fn build_schema(
    db: DatabaseConnection,
    services: Services,
    limits: &LimitsConfig,
    metrics: &std::sync::Arc<crate::metrics::Metrics>,
) -> (QuipuSchema, guard::RequestGuard) {
    let guard_limits = guard::GuardLimits {
        max_aliases: limits.max_aliases,
        max_root_fields: limits.max_root_fields,
        allowlist: limits.allowlist,
        introspection: limits.introspection,
        input: input_limits::InputLimits::of(limits),
        apq_cache_bytes: limits.apq_cache_bytes,
        apq_max_document_bytes: limits.apq_max_document_bytes,
    };
    let guard = guard::RequestGuard::new(Some(db.clone()), guard_limits);
    let mut schema = builder()
        .data(db.clone())
        .data(services.writer)
        .data(services.hub)
        .data(services.search)
        // Depth and complexity are refused by `cost` with their codes; the
        // text's nesting is refused by the guard before parsing, so
        // async-graphql's own recursion check (without a code) never fires.
        .limit_recursive_depth(guard_limits.input.text_depth() + 1)
        .extension(guard.clone())
        .extension(cost::CostLimits {
            max_depth: limits.max_depth,
            max_complexity: limits.max_complexity,
        })
        .extension(results::SpecResults);
    schema = schema
        .data(metrics.clone())
        .data(match limits.planned_reads {
            true => plan::ReadPath::Planned,
            false => plan::ReadPath::Resolvers,
        });
    if limits.trace_resolvers {
        schema = schema.extension(async_graphql::extensions::Tracing);
    }
    if !limits.introspection {
        schema = schema.disable_introspection();
    }
    (schema.finish(), guard)
}

/// The schema in SDL, as committed in `schema.graphql`: what introspection
/// shows, `@specifiedBy` included (`tests/api/schema.rs` compares the two).
pub fn sdl() -> String {
    let options = async_graphql::SDLExportOptions::new().include_specified_by();
    builder().finish().sdl_with_options(options)
}

/// The schema's types, before data is attached.
fn builder(
) -> async_graphql::SchemaBuilder<QueryRoot, mutation::MutationRoot, history::SubscriptionRoot> {
    Schema::build(
        QueryRoot::default(),
        mutation::MutationRoot::default(),
        history::SubscriptionRoot,
    )
}

/// Which way a list is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, Default)]
pub enum OrderDirection {
    /// Smallest or earliest first.
    #[default]
    Asc,
    /// Largest or latest first.
    Desc,
}

impl From<OrderDirection> for Order {
    fn from(direction: OrderDirection) -> Self {
        match direction {
            OrderDirection::Asc => Order::Asc,
            OrderDirection::Desc => Order::Desc,
        }
    }
}

/// The global ID of the record of `kind` with `slug`.
fn node_id(kind: NodeKind, slug: &str) -> ID {
    ID(NodeId::new(kind, slug).to_string())
}

/// The record `id` refers to, as its GraphQL type.
async fn referenced<N: ListNode>(ctx: &Context<'_>, id: i64) -> Result<N> {
    Ok(N::wrap(loaders::record::<N::Entity>(ctx, id).await?))
}

/// The record an optional reference refers to, if it refers to one.
async fn maybe_referenced<N: ListNode>(ctx: &Context<'_>, id: Option<i64>) -> Result<Option<N>> {
    match id {
        Some(id) => referenced(ctx, id).await.map(Some),
        None => Ok(None),
    }
}

/// The names of the aliases in `rel` of `parent`.
async fn alias_names(ctx: &Context<'_>, rel: Rel, parent: i64) -> Result<Vec<String>> {
    let rows = loaders::related::<entity::alias::Entity>(ctx, rel, parent).await?;
    Ok(rows.into_iter().map(|alias| alias.name).collect())
}

/// The record of `E` named by exactly one of `id` and `slug`, or NOT_FOUND.
async fn find_one<E: Tracked<Model: Sync>>(
    ctx: &Context<'_>,
    kind: NodeKind,
    id: Option<ID>,
    slug: Option<String>,
    include_retracted: Option<bool>,
) -> Result<E::Model> {
    let slug = match (id, slug) {
        (Some(id), None) => NodeId::parse_as(&id, kind).map_err(Error::BadUserInput)?,
        (None, Some(slug)) => slug,
        _ => return Err(Error::bad_input("give exactly one of `id` and `slug`")),
    };
    find_record::<E>(ctx, &NodeId::new(kind, slug), include_retracted).await
}

/// The record of `E` a global ID names, in one statement (one more per
/// merge to follow to the survivor); NOT_FOUND if there is none, or if it is
/// retracted and `include_retracted` is not set.
async fn find_record<E: Tracked<Model: Sync>>(
    ctx: &Context<'_>,
    id: &NodeId,
    include_retracted: Option<bool>,
) -> Result<E::Model> {
    let slugs = [id.slug.as_str()];
    let model = store::records::find_by_slugs::<E>(context::db(ctx)?, &slugs)
        .await?
        .remove(&id.slug)
        .ok_or_else(|| missing(id))?;
    visible(id, E::retracted(&model), include_retracted)?;
    Ok(model)
}

/// The row of the record a global ID names, following merges; NOT_FOUND as
/// [`find_record`] says.
async fn find_ref(
    ctx: &Context<'_>,
    id: &NodeId,
    include_retracted: Option<bool>,
) -> Result<store::records::RecordRef> {
    let found = store::records::find_live_ref(context::db(ctx)?, id.kind.table_name(), &id.slug)
        .await?
        .ok_or_else(|| missing(id))?;
    visible(id, found.retracted, include_retracted)?;
    Ok(found)
}

/// The NOT_FOUND of an ID that names nothing.
fn missing(id: &NodeId) -> Error {
    let (kind, slug) = (id.kind.type_name(), &id.slug);
    Error::not_found(format!(
        "nothing has the ID '{id}' (no {kind} with slug '{slug}')"
    ))
}

/// NOT_FOUND for a retracted record, unless the client asked to see those.
fn visible(id: &NodeId, retracted: bool, include_retracted: Option<bool>) -> Result<()> {
    if retracted && include_retracted != Some(true) {
        return Err(Error::not_found(format!(
            "'{id}' was retracted; pass `includeRetracted: true` to see it"
        )));
    }
    Ok(())
}
