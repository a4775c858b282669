//! HTTP: GraphQL at `/graphql` (POST, and GET for queries), GraphiQL at `/`
//! (its files under `/graphiql/`),
//! `/health`, CORS.
//!
//! Every GraphQL request gets its own DataLoader, so batching spans one
//! request and no cache outlives it. Every error leaves with an
//! `extensions.code`: ours carry one already, and the rest come from reading
//! the request (syntax, validation, argument types), so they are labelled
//! `BAD_USER_INPUT`.

use async_graphql::{
    BatchRequest, BatchResponse, ParseRequestError, Response as GqlResponse, Value,
};
use async_graphql_axum::{GraphQLBatchRequest, GraphQLResponse};
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use axum::Router;
use tower_http::cors::{AllowOrigin, Any, CorsLayer};

use crate::config::HttpConfig;
use crate::graphiql;
use crate::graphql::loaders::Store;
use crate::AppState;

/// The routes of the application.
pub fn router(state: AppState) -> Router {
    let cors = cors(&state.http);
    Router::new()
        .route("/", get(graphiql::page))
        .route("/graphiql/{file}", get(graphiql::asset))
        .route("/graphql", get(graphql).post(graphql))
        .route("/health", get(health))
        .layer(cors)
        .with_state(state)
}

/// CORS for the configured origins (`*` allows any).
fn cors(config: &HttpConfig) -> CorsLayer {
    let layer = CorsLayer::new()
        .allow_methods([Method::GET, Method::POST, Method::OPTIONS])
        .allow_headers([
            axum::http::header::CONTENT_TYPE,
            axum::http::header::AUTHORIZATION,
        ]);
    if config.cors_origins.iter().any(|o| o == "*") {
        layer.allow_origin(Any)
    } else {
        let origins: Vec<HeaderValue> = config
            .cors_origins
            .iter()
            .filter_map(|o| o.parse().ok())
            .collect();
        layer.allow_origin(AllowOrigin::list(origins))
    }
}

/// A request that is not GraphQL over HTTP at all (bad JSON, wrong content type).
pub struct BadRequest(ParseRequestError);

impl From<ParseRequestError> for BadRequest {
    fn from(err: ParseRequestError) -> Self {
        BadRequest(err)
    }
}

impl IntoResponse for BadRequest {
    fn into_response(self) -> Response {
        let (status, message) = match &self.0 {
            ParseRequestError::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "the request body is too large".to_string(),
            ),
            other => (
                StatusCode::BAD_REQUEST,
                format!("the request is not a GraphQL request: {other}"),
            ),
        };
        let body = serde_json::json!({ "errors": [{ "message": message, "extensions": { "code": "BAD_REQUEST" } }] });
        (status, Json(body)).into_response()
    }
}

/// Runs a GraphQL request (or a batch), each with its own DataLoader.
async fn graphql(
    State(state): State<AppState>,
    request: GraphQLBatchRequest<BadRequest>,
) -> GraphQLResponse {
    let with_loader = |r: async_graphql::Request| r.data(Store::loader(state.db.clone()));
    let batch = match request.into_inner() {
        BatchRequest::Single(r) => BatchRequest::Single(with_loader(r)),
        BatchRequest::Batch(rs) => BatchRequest::Batch(rs.into_iter().map(with_loader).collect()),
    };
    let mut response = state.schema.execute_batch(batch).await;
    match &mut response {
        BatchResponse::Single(r) => label_errors(r),
        BatchResponse::Batch(rs) => rs.iter_mut().for_each(label_errors),
    }
    response.into()
}

/// Gives `BAD_USER_INPUT` to every error that has no code yet.
fn label_errors(response: &mut GqlResponse) {
    for error in &mut response.errors {
        let extensions = error.extensions.get_or_insert_with(Default::default);
        if extensions.get("code").is_none() {
            extensions.set("code", Value::from("BAD_USER_INPUT"));
        }
    }
}

/// Liveness: the process answers.
async fn health() -> &'static str {
    "ok"
}

/// Resolves on Ctrl-C or SIGTERM, so in-flight requests can finish.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!(%err, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::error!(%err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
