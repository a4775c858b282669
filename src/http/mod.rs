//! HTTP: GraphQL at `/graphql` (POST, and GET for queries only), GraphiQL at
//! `/` (its files under `/graphiql/`), `/health` (alive), `/ready` (database
//! reachable), `/metrics` (Prometheus, for an admin key; or on its own
//! address), CORS, and the limits that protect the
//! service: body size and time, request time, batch size, rate.
//!
//! [`gate`] authenticates and rate-limits the API routes; [`graphql`] runs
//! GraphQL requests. A panic anywhere below the router becomes an `INTERNAL`
//! answer (the request is still answered and the server carries on); the
//! input limits exist so that no input can overflow a stack, which no layer
//! could catch.

mod gate;
mod graphql;
pub mod sheet;
pub mod sheet_pages;
mod trace;

use std::any::Any as PanicPayload;
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use axum::{Extension, Router};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, Any, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::RequestBodyTimeoutLayer;

use crate::auth::{Caller, Role};
use crate::config::HttpConfig;
use crate::graphiql;
use crate::AppState;

/// The routes of the application.
pub fn router(state: AppState) -> Router {
    let limits = &state.http.limits;
    let api = Router::new()
        .route("/graphql", get(graphql::graphql).post(graphql::graphql))
        .route("/graphql/ws", get(crate::ws::subscriptions))
        .route("/export/{file}", get(crate::export::http::download))
        .route("/metrics", get(admin_metrics))
        .layer(middleware::from_fn_with_state(state.clone(), gate::gate));
    Router::new()
        .route("/", get(graphiql::page))
        .route("/graphiql/{file}", get(graphiql::asset))
        .route("/favicon.ico", get(graphiql::favicon))
        .route("/health", get(health))
        .route("/ready", get(ready))
        .merge(api)
        .layer(middleware::from_fn_with_state(state.clone(), observe))
        .layer(middleware::from_fn(trace::traced))
        .layer(RequestBodyLimitLayer::new(limits.max_body_bytes))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            declared_length,
        ))
        .layer(RequestBodyTimeoutLayer::new(Duration::from_secs(
            limits.body_timeout_secs,
        )))
        .layer(catch_panics())
        .layer(cors(&state.http))
        .with_state(state)
}

/// The layer that answers a request whose handling panicked with `INTERNAL`.
pub fn catch_panics() -> CatchPanicLayer<fn(Box<dyn PanicPayload + Send + 'static>) -> Response> {
    CatchPanicLayer::custom(panic_response as fn(_) -> Response)
}

/// The answer to a request whose handling panicked: logged, and `INTERNAL` to the client.
fn panic_response(payload: Box<dyn PanicPayload + Send + 'static>) -> Response {
    let detail = payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or("a panic without a message");
    tracing::error!(%detail, "a request handler panicked");
    error_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        "INTERNAL",
        "internal error",
    )
}

/// Refuses a body whose declared `Content-Length` is over the limit with a
/// coded 413, before reading it (a body that only turns out too long while
/// streaming is cut by the body limit and answered the same way).
async fn declared_length(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > state.http.limits.max_body_bytes as u64) {
        return payload_too_large();
    }
    next.run(request).await
}

/// The coded 413 answer.
pub fn payload_too_large() -> Response {
    error_response(
        StatusCode::PAYLOAD_TOO_LARGE,
        "PAYLOAD_TOO_LARGE",
        "the request body is too large (QUIPU_MAX_BODY_BYTES)",
    )
}

/// CORS for the configured origins (`*` allows any).
fn cors(config: &HttpConfig) -> CorsLayer {
    let layer = CorsLayer::new()
        .allow_methods([Method::GET, Method::POST, Method::OPTIONS])
        .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION, header::ACCEPT]);
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

/// A GraphQL-shaped error response with a code, for failures outside GraphQL execution.
pub fn error_response(status: StatusCode, code: &str, message: &str) -> Response {
    let body =
        serde_json::json!({ "errors": [{ "message": message, "extensions": { "code": code } }] });
    (status, Json(body)).into_response()
}

/// Counts every request and its latency by route and status.
async fn observe(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("other".to_string(), |p| p.as_str().to_string());
    let started = Instant::now();
    let response = next.run(request).await;
    state
        .metrics
        .record_request(&route, response.status().as_u16(), started.elapsed());
    response
}

/// Liveness: the process answers.
async fn health() -> &'static str {
    "ok"
}

/// Readiness: the database answers.
async fn ready(State(state): State<AppState>) -> Response {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ready").into_response(),
        Err(err) => {
            tracing::warn!(%err, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
        }
    }
}

/// `/metrics` on the API's address: for an admin key only (the figures
/// describe the service's load and its clients). `QUIPU_METRICS_ADDR` serves
/// them without a key on an address of their own ([`metrics_router`]).
async fn admin_metrics(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
) -> Response {
    match caller.require(Role::Admin) {
        Ok(_) => metrics(State(state)).await,
        Err(err) => {
            let status = match err {
                crate::error::Error::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
                _ => StatusCode::FORBIDDEN,
            };
            error_response(status, err.code(), err.message())
        }
    }
}

/// The router of `QUIPU_METRICS_ADDR`: `/metrics` alone, for the operators' network.
pub fn metrics_router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(metrics))
        .with_state(state)
}

/// Prometheus metrics, with the sizes of the pool and of the maps clients can grow.
async fn metrics(State(state): State<AppState>) -> Response {
    let m = &state.metrics;
    if let Some((size, idle)) = crate::db::pool_usage(&state.db) {
        m.set_gauge("quipu_db_pool_connections", f64::from(size));
        m.set_gauge("quipu_db_pool_idle_connections", idle as f64);
    }
    let (bytes, documents) = state.guard.cache_usage();
    m.set_gauge("quipu_apq_cache_bytes", bytes as f64);
    m.set_gauge("quipu_apq_cache_documents", documents as f64);
    let clients = state.limiter.as_ref().map_or(0, |l| l.clients());
    m.set_gauge("quipu_rate_limit_clients", clients as f64);
    let body = m.render();
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], body).into_response()
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
