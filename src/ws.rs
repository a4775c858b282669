//! GraphQL subscriptions over WebSocket at `/graphql/ws`, with the
//! graphql-transport-ws protocol (and the older graphql-ws one).
//!
//! The key may come in the upgrade request's `Authorization` header or, as
//! browsers cannot set headers on a WebSocket, in the `connection_init`
//! payload as `{"Authorization": "Bearer KEY"}`.

use async_graphql::Data;
use async_graphql_axum::{GraphQLProtocol, GraphQLWebSocket};
use axum::extract::{State, WebSocketUpgrade};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::auth::{self, Caller, Role};
use crate::graphql::loaders::Store;
use crate::http::error_response;
use crate::AppState;

/// Upgrades to a WebSocket that serves subscriptions.
pub async fn subscriptions(
    State(state): State<AppState>,
    headers: HeaderMap,
    protocol: GraphQLProtocol,
    upgrade: WebSocketUpgrade,
) -> Response {
    // A bad key is refused at once; a missing one may still come in
    // `connection_init`, where `connection_data` applies the read-key rule.
    let from_header = match auth::authenticate(&state.db, &headers).await {
        Ok(caller) => caller,
        Err(err) => return error_response(StatusCode::UNAUTHORIZED, err.code(), err.message()),
    };
    let schema = state.schema.clone();
    upgrade
        .protocols(async_graphql::http::ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |socket| {
            GraphQLWebSocket::new(socket, schema, protocol)
                .on_connection_init(move |payload| connection_data(state, from_header, payload))
                .serve()
        })
        .into_response()
}

/// The data every operation of the connection sees: a loader and the caller.
async fn connection_data(
    state: AppState,
    caller: Caller,
    payload: serde_json::Value,
) -> async_graphql::Result<Data> {
    let caller = match payload["Authorization"]
        .as_str()
        .or(payload["authorization"].as_str())
    {
        Some(value) => {
            let secret = value.strip_prefix("Bearer ").unwrap_or(value).trim();
            auth::authenticate_secret(&state.db, secret).await?
        }
        None => caller,
    };
    if state.http.require_read_key {
        caller.require(Role::Reader)?;
    }
    let mut data = Data::default();
    data.insert(Store::loader(state.db.clone()));
    data.insert(caller);
    Ok(data)
}
