//! Quipu: a GraphQL knowledge-graph API that links the people,
//! organizations, places, incidents, statements and sources of human-rights
//! events, each fact traceable to the words that support it.
//!
//! [`app`] builds the HTTP application from an [`AppState`]; the binary serves
//! it and the integration tests drive it directly, without a socket.

pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod graph;
pub mod graphiql;
pub mod graphql;
pub mod http;
pub mod ingest;
pub mod search;
pub mod store;
pub mod telemetry;

use axum::Router;
use sea_orm::DatabaseConnection;

use crate::config::HttpConfig;
use crate::graphql::QuipuSchema;

/// What every request handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub db: DatabaseConnection,
    /// The GraphQL schema, built over `db`.
    pub schema: QuipuSchema,
    /// HTTP settings (CORS).
    pub http: HttpConfig,
}

impl AppState {
    /// The state for serving `db` with the given HTTP settings.
    pub fn new(db: DatabaseConnection, http: HttpConfig) -> Self {
        let schema = graphql::build_schema(db.clone());
        AppState { db, schema, http }
    }
}

/// The HTTP application: `/graphql`, GraphiQL at `/`, `/health`.
pub fn app(state: AppState) -> Router {
    http::router(state)
}
