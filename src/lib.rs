//! Quipu: a GraphQL knowledge-graph API that links the people,
//! organizations, places, incidents, statements and sources of human-rights
//! events, each fact traceable to the words that support it.
//!
//! [`app`] builds the HTTP application from an [`AppState`]; the binary serves
//! it and the integration tests drive it directly, without a socket.

pub mod auth;
pub mod changes;
pub mod config;
pub mod db;
#[macro_use]
pub mod domain;
pub mod error;
pub mod export;
pub mod generate;
pub mod graph;
pub mod graphiql;
pub mod graphql;
pub mod http;
pub mod ingest;
pub mod metrics;
pub mod rate_limit;
pub mod search;
pub mod server;
pub mod store;
pub mod telemetry;
pub mod write;
pub mod ws;

use std::sync::Arc;

use axum::Router;
use sea_orm::DatabaseConnection;

use crate::metrics::Metrics;
use crate::rate_limit::RateLimiter;

use crate::config::HttpConfig;
use crate::graphql::QuipuSchema;

/// What every request handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub db: DatabaseConnection,
    /// The GraphQL schema, built over `db`.
    pub schema: QuipuSchema,
    /// HTTP settings (CORS, limits).
    pub http: HttpConfig,
    /// What `/metrics` reports.
    pub metrics: Arc<Metrics>,
    /// Request budgets per client, when rate limiting is on.
    pub limiter: Option<Arc<RateLimiter>>,
    /// The schema's request guard (its APQ cache).
    pub guard: graphql::guard::RequestGuard,
    /// Where changes and key revocations are announced.
    pub hub: changes::ChangeHub,
    /// The search index, following the database.
    pub search: Arc<search::SearchIndex>,
}

impl AppState {
    /// The state for serving `db` with the given settings; `metrics` are
    /// the connection's. The search index opens here and follows the
    /// database from now on; it is built by its first catch-up.
    pub fn new(
        db: DatabaseConnection,
        http: HttpConfig,
        metrics: Arc<Metrics>,
    ) -> error::Result<Self> {
        let hub = changes::ChangeHub::new(&db);
        let dir = http.search_dir.clone().or_else(|| search::default_dir(&db));
        let search = search::SearchIndex::open(db.clone(), dir.as_deref())?;
        search.follow(&hub);
        let writer = write::Writer::new(db.clone(), hub.clone());
        let services = graphql::Services {
            writer,
            hub: hub.clone(),
            search: search.clone(),
        };
        let (schema, guard) = graphql::build_schema(db.clone(), services, &http.limits, &metrics);
        let limiter = RateLimiter::new(
            http.limits.rate_limit_per_minute,
            http.limits.rate_limit_burst,
            http.limits.rate_limit_max_clients,
        )
        .map(Arc::new);
        Ok(AppState {
            db,
            schema,
            http,
            metrics,
            limiter,
            guard,
            hub,
            search,
        })
    }
}

/// The HTTP application: `/graphql`, GraphiQL at `/`, `/health`, `/ready`, `/metrics`.
pub fn app(state: AppState) -> Router {
    http::router(state)
}

/// The metrics application (`/metrics` without a key), for `QUIPU_METRICS_ADDR`.
pub fn metrics_app(state: AppState) -> Router {
    http::metrics_router(state)
}
