//! HTTP: GraphQL at `/graphql` (POST, and GET for queries only), GraphiQL at
//! `/` (its files under `/graphiql/`), `/health` (alive), `/ready` (database
//! reachable), `/metrics` (Prometheus), CORS, and the limits that protect the
//! service: body size, timeout, batch size, rate.
//!
//! Every GraphQL request gets its own DataLoader, so batching spans one
//! request and no cache outlives it. Every error leaves with an
//! `extensions.code`: ours carry one already, and the rest come from reading
//! the request (syntax, validation, argument types), so they are labelled
//! `BAD_USER_INPUT` (depth and complexity limits get codes of their own).

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use async_graphql::parser::types::{DocumentOperations, OperationType};
use async_graphql::{
    BatchRequest, BatchResponse, ParseRequestError, Response as GqlResponse, Value,
};
use async_graphql_axum::GraphQLBatchRequest;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use axum::Router;
use tower_http::cors::{AllowOrigin, Any, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::trace::TraceLayer;

use crate::auth::{self, Caller, Role};
use crate::config::HttpConfig;
use crate::graphiql;
use crate::graphql::loaders::Store;
use crate::store::operations::sha256_hex;
use crate::AppState;

/// The media type of the GraphQL-over-HTTP specification.
const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";

/// The routes of the application.
pub fn router(state: AppState) -> Router {
    let limits = &state.http.limits;
    let graphql = Router::new()
        .route("/graphql", get(graphql).post(graphql))
        .layer(middleware::from_fn_with_state(state.clone(), rate_limit));
    Router::new()
        .route("/", get(graphiql::page))
        .route("/graphiql/{file}", get(graphiql::asset))
        .route("/health", get(health))
        .route("/ready", get(ready))
        .route("/metrics", get(metrics))
        .route("/graphql/ws", get(crate::ws::subscriptions))
        .route("/export/{file}", get(crate::export::http::download))
        .merge(graphql)
        .layer(middleware::from_fn_with_state(state.clone(), observe))
        .layer(RequestBodyLimitLayer::new(limits.max_body_bytes))
        .layer(TraceLayer::new_for_http())
        .layer(cors(&state.http))
        .with_state(state)
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

/// A request that is not GraphQL over HTTP at all (bad JSON, wrong content type, too large).
pub struct BadRequest(ParseRequestError);

impl From<ParseRequestError> for BadRequest {
    fn from(err: ParseRequestError) -> Self {
        BadRequest(err)
    }
}

impl IntoResponse for BadRequest {
    fn into_response(self) -> Response {
        let text = self.0.to_string();
        // The body limit cuts the stream, which the extractor sees as an I/O error.
        if matches!(self.0, ParseRequestError::PayloadTooLarge) || text.contains("length limit") {
            return error_response(
                StatusCode::PAYLOAD_TOO_LARGE,
                "PAYLOAD_TOO_LARGE",
                "the request body is too large",
            );
        }
        error_response(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            &format!("the request is not a GraphQL request: {text}"),
        )
    }
}

/// Whether any operation of the batch is a mutation or a subscription.
fn has_write(batch: &BatchRequest) -> bool {
    batch
        .iter()
        .any(|r| match async_graphql::parser::parse_query(&r.query) {
            Ok(doc) => match doc.operations {
                DocumentOperations::Single(op) => op.node.ty != OperationType::Query,
                DocumentOperations::Multiple(ops) => {
                    ops.values().any(|op| op.node.ty != OperationType::Query)
                }
            },
            Err(_) => false,
        })
}

/// Runs a GraphQL request (or a batch), each with its own DataLoader, within the time limit.
async fn graphql(
    State(state): State<AppState>,
    method: Method,
    headers: HeaderMap,
    request: GraphQLBatchRequest<BadRequest>,
) -> Response {
    let limits = &state.http.limits;
    let batch = request.into_inner();
    if let BatchRequest::Batch(requests) = &batch {
        if requests.len() > limits.max_batch {
            let message = format!(
                "a batch may hold at most {} operations (QUIPU_MAX_BATCH)",
                limits.max_batch
            );
            return error_response(StatusCode::BAD_REQUEST, "BATCH_TOO_LARGE", &message);
        }
    }
    if method == Method::GET && has_write(&batch) {
        return error_response(
            StatusCode::METHOD_NOT_ALLOWED,
            "METHOD_NOT_ALLOWED",
            "mutations and subscriptions must be sent with POST",
        );
    }
    let caller = match authorize(&state, &headers).await {
        Ok(caller) => caller,
        Err(response) => return response,
    };
    let with_loader =
        |r: async_graphql::Request| r.data(Store::loader(state.db.clone())).data(caller.clone());
    let batch = match batch {
        BatchRequest::Single(r) => BatchRequest::Single(with_loader(r)),
        BatchRequest::Batch(rs) => BatchRequest::Batch(rs.into_iter().map(with_loader).collect()),
    };
    let timeout = Duration::from_secs(limits.request_timeout_secs);
    let Ok(mut response) = tokio::time::timeout(timeout, state.schema.execute_batch(batch)).await
    else {
        state.metrics.record_error("TIMEOUT");
        let message = format!(
            "the request ran longer than {}s and was stopped",
            limits.request_timeout_secs
        );
        return error_response(StatusCode::GATEWAY_TIMEOUT, "TIMEOUT", &message);
    };
    match &mut response {
        BatchResponse::Single(r) => label_errors(&state, r),
        BatchResponse::Batch(rs) => rs.iter_mut().for_each(|r| label_errors(&state, r)),
    }
    respond(&headers, &response)
}

/// The caller an `Authorization` header names; 401 for a bad key, or for
/// no key when reads need one (`QUIPU_REQUIRE_READ_KEY`).
pub async fn authorize(state: &AppState, headers: &HeaderMap) -> Result<Caller, Response> {
    let refuse = |err: crate::error::Error| {
        state.metrics.record_error(err.code());
        error_response(StatusCode::UNAUTHORIZED, err.code(), err.message())
    };
    let caller = auth::authenticate(&state.db, headers)
        .await
        .map_err(refuse)?;
    if state.http.require_read_key {
        caller.require(Role::Reader).map_err(refuse)?;
    }
    Ok(caller)
}

/// Serializes a response as the client asked: `application/graphql-response+json`
/// (with 400 for a request that could not run) or `application/json` (always 200).
fn respond(headers: &HeaderMap, response: &BatchResponse) -> Response {
    let wants_spec = headers
        .get(header::ACCEPT)
        .and_then(|a| a.to_str().ok())
        .is_some_and(|a| a.contains(GRAPHQL_RESPONSE));
    let body = serde_json::to_vec(response).unwrap_or_default();
    let (content_type, status) = match response {
        BatchResponse::Single(r) if wants_spec => {
            let failed = r.data == Value::Null && !r.errors.is_empty();
            (
                GRAPHQL_RESPONSE,
                if failed {
                    StatusCode::BAD_REQUEST
                } else {
                    StatusCode::OK
                },
            )
        }
        _ => ("application/json", StatusCode::OK),
    };
    (status, [(header::CONTENT_TYPE, content_type)], body).into_response()
}

/// Gives every error without a code one, and counts errors by code.
fn label_errors(state: &AppState, response: &mut GqlResponse) {
    for error in &mut response.errors {
        let code = if error.message.contains("too complex") {
            "QUERY_TOO_COMPLEX"
        } else if error.message.contains("nested too deep")
            || error.message.contains("recursion depth")
        {
            "QUERY_TOO_DEEP"
        } else {
            "BAD_USER_INPUT"
        };
        let extensions = error.extensions.get_or_insert_with(Default::default);
        if extensions.get("code").is_none() {
            extensions.set("code", Value::from(code));
        }
        if let Some(Value::String(code)) = extensions.get("code") {
            state.metrics.record_error(code);
        }
    }
}

/// The client a request counts against: its API key, or its address.
fn client_key(request: &Request, trust_forwarded_for: bool) -> String {
    let headers = request.headers();
    if let Some(token) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    {
        return format!("key:{}", &sha256_hex(token.trim())[..32]);
    }
    if trust_forwarded_for {
        if let Some(first) = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
        {
            return format!("ip:{}", first.trim());
        }
    }
    match request.extensions().get::<ConnectInfo<SocketAddr>>() {
        Some(ConnectInfo(addr)) => format!("ip:{}", addr.ip()),
        None => "ip:unknown".into(),
    }
}

/// Refuses a request over its client's rate with 429 and `Retry-After`.
async fn rate_limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(limiter) = &state.limiter else {
        return next.run(request).await;
    };
    match limiter.check(&client_key(&request, state.http.limits.trust_forwarded_for)) {
        Ok(()) => next.run(request).await,
        Err(wait) => {
            state
                .metrics
                .rate_limited
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let seconds = wait.as_secs() + 1;
            let message = format!("too many requests: retry after {seconds}s");
            let mut response =
                error_response(StatusCode::TOO_MANY_REQUESTS, "RATE_LIMITED", &message);
            if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            response
        }
    }
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

/// Prometheus metrics.
async fn metrics(State(state): State<AppState>) -> Response {
    let body = state.metrics.render(crate::db::pool_usage(&state.db));
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
