//! `/graphql`: reads the request (GET query string or POST body), checks
//! what can be checked before execution (batch size, bracket nesting,
//! mutations over GET, the read-key rule), runs it with its own DataLoader
//! within the time limit, and answers as the client's `Accept` asks (JSON,
//! or a spreadsheet of the result's main list: [`sheet`]).
//!
//! The body is read here rather than by async-graphql's extractor, so that a
//! body cut by the size or time limit keeps its error type and gets its own
//! code (`PAYLOAD_TOO_LARGE`, `TIMEOUT`) without reading error messages.

use std::time::Duration;

use async_graphql::http::MultipartOptions;
use async_graphql::parser::types::{DocumentOperations, OperationType};
use async_graphql::{
    BatchRequest, BatchResponse, ParseRequestError, Response as GqlResponse, Value,
};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;

use super::{error_response, payload_too_large, sheet, sheet_pages};
use crate::auth::{Caller, Role};
use crate::graphql::input_limits::{self, InputLimits};
use crate::graphql::loaders::Store;
use crate::AppState;

/// The media type of the GraphQL-over-HTTP specification.
const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";

/// A request that is not GraphQL over HTTP at all (bad JSON, wrong content type).
struct BadRequest(ParseRequestError);

impl IntoResponse for BadRequest {
    fn into_response(self) -> Response {
        if matches!(self.0, ParseRequestError::PayloadTooLarge) {
            return payload_too_large();
        }
        let message = match self.0 {
            ParseRequestError::Io(_) => "the request body could not be read".to_string(),
            other => format!("the request is not a GraphQL request: {other}"),
        };
        error_response(StatusCode::BAD_REQUEST, "BAD_REQUEST", &message)
    }
}

/// Whether `err`, or an error it wraps, is of type `E`.
fn caused_by<E: std::error::Error + 'static>(err: &(dyn std::error::Error + 'static)) -> bool {
    let mut current = Some(err);
    while let Some(err) = current {
        if err.is::<E>() {
            return true;
        }
        current = err.source();
    }
    false
}

/// Reads the GraphQL request (or batch) of an HTTP request.
async fn read_batch(request: Request) -> Result<BatchRequest, Response> {
    if request.method() == Method::GET {
        let query = request.uri().query().unwrap_or_default();
        return async_graphql::http::parse_query_string(query)
            .map(BatchRequest::Single)
            .map_err(|err| BadRequest(err).into_response());
    }
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    if let Some(refused) = unsupported(content_type.as_deref()) {
        return Err(refused);
    }
    let bytes = match axum::body::to_bytes(request.into_body(), usize::MAX).await {
        Ok(bytes) => bytes,
        Err(err) if caused_by::<http_body_util::LengthLimitError>(&err) => {
            return Err(payload_too_large())
        }
        Err(err) if caused_by::<tower_http::timeout::TimeoutError>(&err) => {
            let message = "the request body was not sent in time (QUIPU_BODY_TIMEOUT_SECS)";
            return Err(error_response(
                StatusCode::REQUEST_TIMEOUT,
                "TIMEOUT",
                message,
            ));
        }
        Err(_) => {
            return Err(
                BadRequest(ParseRequestError::Io(std::io::Error::other("body"))).into_response(),
            )
        }
    };
    if bytes.len() < 64 && bytes.iter().filter(|b| !b.is_ascii_whitespace()).eq(b"[]") {
        return Ok(BatchRequest::Batch(Vec::new()));
    }
    async_graphql::http::receive_batch_body(
        content_type,
        bytes.as_ref(),
        MultipartOptions::default(),
    )
    .await
    .map_err(|err| BadRequest(err).into_response())
}

/// The 415 of a POST whose body is not JSON (or a multipart upload), as the
/// GraphQL-over-HTTP specification asks: a form or `text/plain` POST, which
/// a browser sends cross-site without asking, never runs.
fn unsupported(content_type: Option<&str>) -> Option<Response> {
    let media = content_type
        .and_then(|c| c.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase());
    match media.as_deref() {
        Some("application/json" | "multipart/form-data") => None,
        other => Some(error_response(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UNSUPPORTED_MEDIA_TYPE",
            &format!(
                "send GraphQL as `Content-Type: application/json` (got {})",
                other.map_or("no content type".to_string(), |m| format!("`{m}`"))
            ),
        )),
    }
}

/// The refusal, before parsing, of a batch that is too large (400) or that
/// nests its brackets too deep (an error response, answered like any other).
fn precheck(state: &AppState, headers: &HeaderMap, batch: &BatchRequest) -> Option<Response> {
    let limits = &state.http.limits;
    if let BatchRequest::Batch(requests) = batch {
        if requests.len() > limits.max_batch {
            let message = format!(
                "a batch may hold at most {} operations (QUIPU_MAX_BATCH)",
                limits.max_batch
            );
            return Some(error_response(
                StatusCode::BAD_REQUEST,
                "BATCH_TOO_LARGE",
                &message,
            ));
        }
    }
    let input = InputLimits::of(limits);
    for request in batch.iter() {
        if let Err(message) = input_limits::check_text(&request.query, &input) {
            state.metrics.record_error(input_limits::TOO_DEEP);
            let error = input_limits::refuse(input_limits::TOO_DEEP, message);
            let response = GqlResponse::from_errors(vec![error]);
            return Some(respond(headers, &BatchResponse::Single(response)));
        }
    }
    None
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
pub async fn graphql(
    State(state): State<AppState>,
    caller: Option<Extension<Caller>>,
    request: Request,
) -> Response {
    let (method, headers) = (request.method().clone(), request.headers().clone());
    let uri = request.uri().clone();
    let caller = caller.map(|Extension(c)| c).unwrap_or_default();
    if state.http.require_read_key {
        if let Err(err) = caller.require(Role::Reader) {
            state.metrics.record_error(err.code());
            return error_response(StatusCode::UNAUTHORIZED, err.code(), err.message());
        }
    }
    let batch = match read_batch(request).await {
        Ok(batch) => batch,
        Err(response) => return response,
    };
    if matches!(&batch, BatchRequest::Batch(requests) if requests.is_empty()) {
        // No operations, no results: an empty batch answers an empty batch.
        return respond(&headers, &BatchResponse::Batch(Vec::new()));
    }
    if let Some(refused) = precheck(&state, &headers, &batch) {
        return refused;
    }
    if method == Method::GET && has_write(&batch) {
        return error_response(
            StatusCode::METHOD_NOT_ALLOWED,
            "METHOD_NOT_ALLOWED",
            "mutations and subscriptions must be sent with POST",
        );
    }
    let walk = match (&batch, sheet::wanted(&headers)) {
        (BatchRequest::Single(r), Some(_)) => Some(sheet_pages::Walk {
            query: r.query.clone(),
            operation_name: r.operation_name.clone(),
            variables: r.variables.clone(),
            caller: caller.clone(),
        }),
        _ => None,
    };
    let with_loader =
        |r: async_graphql::Request| r.data(Store::loader(state.db.clone())).data(caller.clone());
    let batch = match batch {
        BatchRequest::Single(r) => BatchRequest::Single(with_loader(r)),
        BatchRequest::Batch(rs) => BatchRequest::Batch(rs.into_iter().map(with_loader).collect()),
    };
    let limits = &state.http.limits;
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
    if let (Some(format), BatchResponse::Single(r)) = (sheet::wanted(&headers), &response) {
        if r.errors.is_empty() {
            if let Ok(data) = serde_json::to_value(&r.data) {
                let options = sheet::Options::of(&uri);
                if let (true, Some(walk)) = (options.all, walk) {
                    return sheet_pages::respond(state.clone(), walk, &data, format, &options);
                }
                return sheet::respond(&data, format, &options);
            }
        }
    }
    respond(&headers, &response)
}

/// Whether a response answers a request that never ran (it did not parse
/// or validate): no data at all, and errors at no field's path.
fn request_error(response: &GqlResponse) -> bool {
    response.data == Value::Null
        && !response.errors.is_empty()
        && response.errors.iter().all(|e| e.path.is_empty())
}

/// A response to a request that never ran: its errors, and no `data` key.
#[derive(serde::Serialize)]
struct NoData<'a> {
    errors: &'a [async_graphql::ServerError],
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    extensions: &'a std::collections::BTreeMap<String, Value>,
}

/// Appends one response's JSON to `body`: without a `data` key when the
/// request never ran, as the GraphQL specification says (`data: null` means
/// execution nulled it). Written straight from the response, not through a
/// `serde_json::Value` (that copy cost a few percent of a request's CPU).
fn write_json(body: &mut Vec<u8>, response: &GqlResponse) {
    let written = match request_error(response) {
        true => serde_json::to_writer(
            &mut *body,
            &NoData {
                errors: &response.errors,
                extensions: &response.extensions,
            },
        ),
        false => serde_json::to_writer(&mut *body, response),
    };
    if let Err(err) = written {
        tracing::error!(%err, "a response could not be serialized");
    }
}

/// Serializes a response as the client asked: `application/graphql-response+json`
/// (with 400 for a request that never ran) or `application/json` (always 200).
fn respond(headers: &HeaderMap, response: &BatchResponse) -> Response {
    let wants_spec = headers
        .get(header::ACCEPT)
        .and_then(|a| a.to_str().ok())
        .is_some_and(|a| a.contains(GRAPHQL_RESPONSE));
    let mut body = Vec::with_capacity(4096);
    match response {
        BatchResponse::Single(r) => write_json(&mut body, r),
        BatchResponse::Batch(rs) => {
            body.push(b'[');
            for (i, r) in rs.iter().enumerate() {
                if i > 0 {
                    body.push(b',');
                }
                write_json(&mut body, r);
            }
            body.push(b']');
        }
    }
    let (content_type, status) = match response {
        BatchResponse::Single(r) if wants_spec => (
            GRAPHQL_RESPONSE,
            match request_error(r) {
                true => StatusCode::BAD_REQUEST,
                false => StatusCode::OK,
            },
        ),
        _ => ("application/json", StatusCode::OK),
    };
    (status, [(header::CONTENT_TYPE, content_type)], body).into_response()
}

/// Gives every error without a code one, and counts errors by code.
fn label_errors(state: &AppState, response: &mut GqlResponse) {
    for error in &mut response.errors {
        // Every limit sets its own code where it refuses; what comes
        // without one is async-graphql's parser or validation speaking.
        let extensions = error.extensions.get_or_insert_with(Default::default);
        if extensions.get("code").is_none() {
            extensions.set("code", Value::from("BAD_USER_INPUT"));
        }
        if let Some(Value::String(code)) = extensions.get("code") {
            state.metrics.record_error(code);
        }
    }
}
