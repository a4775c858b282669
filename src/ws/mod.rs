//! GraphQL subscriptions over WebSocket at `/graphql/ws`, with the
//! graphql-transport-ws protocol (and the older graphql-ws one).
//!
//! The key may come in the upgrade request's `Authorization` header or, as
//! browsers cannot set headers on a WebSocket, in the `connection_init`
//! payload as `{"Authorization": "Bearer KEY"}`. It is checked again before
//! every operation, and a revocation (announced through the change hub, so
//! every server hears it) ends the key's subscriptions and closes its
//! sockets with code 4403. A socket that sends no `connection_init` within
//! `QUIPU_WS_INIT_TIMEOUT_SECS` is closed with 4408, as the protocol says.
//! Mutations are refused over a socket unless `QUIPU_WS_MUTATIONS=true`, and
//! one socket runs at most `QUIPU_WS_MAX_OPERATIONS` operations at once.

mod session;

use std::sync::Arc;
use std::time::Duration;

use async_graphql::{Data, Executor};
use async_graphql_axum::{GraphQLProtocol, GraphQLWebSocket};
use axum::extract::ws::{CloseFrame, Message, WebSocket};
use axum::extract::{State, WebSocketUpgrade};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use futures_util::stream::BoxStream;
use futures_util::{SinkExt, StreamExt};

use crate::auth::{self, Caller, Role};
use crate::graphql::input_limits::InputLimits;
use crate::graphql::loaders::Store;
use crate::graphql::QuipuSchema;
use crate::store::operations::sha256_hex;
use crate::AppState;
use session::Session;

/// Upgrades to a WebSocket that serves subscriptions. The gate has already
/// refused a bad key in the header; a missing one may still come in
/// `connection_init`, where [`connection_data`] applies the read-key rule.
pub async fn subscriptions(
    State(state): State<AppState>,
    headers: HeaderMap,
    protocol: GraphQLProtocol,
    upgrade: WebSocketUpgrade,
) -> Response {
    let header_hash = auth::bearer(&headers).map(sha256_hex);
    upgrade
        .protocols(async_graphql::http::ALL_WEBSOCKET_PROTOCOLS)
        .on_upgrade(move |socket| serve(state, socket, protocol, header_hash))
        .into_response()
}

/// Runs one socket: async-graphql speaks the protocol into a channel, and
/// this pump forwards it to the client until the socket ends, the key is
/// revoked, or `connection_init` does not come in time.
async fn serve(
    state: AppState,
    socket: WebSocket,
    protocol: GraphQLProtocol,
    header_hash: Option<String>,
) {
    let limits = &state.http.limits;
    let session = Session::new(
        state.db.clone(),
        InputLimits::of(limits),
        limits.ws_mutations,
        limits.ws_max_operations,
    );
    let init_timeout = Duration::from_secs(limits.ws_init_timeout_secs);
    let (mut sink, stream) = socket.split();
    let (outgoing, mut to_client) = futures_channel::mpsc::channel::<Message>(16);
    let executor = SocketExecutor {
        schema: state.schema.clone(),
        session: session.clone(),
    };
    let init_session = session.clone();
    let mut revocations = state.hub.revocations();
    let protocol_task = GraphQLWebSocket::new_with_pair(
        outgoing.sink_map_err(|_| axum::Error::new("the socket is closed")),
        stream,
        executor,
        protocol,
    )
    .on_connection_init(move |payload| {
        connection_data(state.clone(), init_session, header_hash, payload)
    })
    .serve();
    let protocol_task = tokio::spawn(protocol_task);
    let revoked = session.revoked();
    let initialised = session.initialised();
    tokio::pin!(revoked, initialised);
    let deadline = tokio::time::sleep(init_timeout);
    tokio::pin!(deadline);
    let (mut waiting_for_init, mut hub_open) = (true, true);
    let close = loop {
        tokio::select! {
            message = to_client.next() => match message {
                Some(message) => if sink.send(message).await.is_err() { break None },
                None => break None,
            },
            () = &mut initialised, if waiting_for_init => waiting_for_init = false,
            () = &mut deadline, if waiting_for_init => break Some((4408, "Connection initialisation timeout")),
            () = &mut revoked => break Some((4403, "the API key was revoked")),
            hash = revocations.recv(), if hub_open => match hash {
                Ok(hash) if session.key().as_deref() == Some(hash.as_str()) => session.revoke(),
                Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                Err(tokio::sync::broadcast::error::RecvError::Closed) => hub_open = false,
            },
        }
    };
    protocol_task.abort();
    if let Some((code, reason)) = close {
        let frame = CloseFrame {
            code,
            reason: reason.into(),
        };
        let _ = sink.send(Message::Close(Some(frame))).await;
    }
    let _ = sink.close().await;
}

/// The data every operation of the connection sees: a loader and the
/// caller. The key comes from `connection_init` or else the upgrade
/// request's header; it is remembered so that each operation checks it again.
async fn connection_data(
    state: AppState,
    session: Arc<Session>,
    header_hash: Option<String>,
    payload: serde_json::Value,
) -> async_graphql::Result<Data> {
    let from_payload = payload["Authorization"]
        .as_str()
        .or(payload["authorization"].as_str())
        .map(|value| sha256_hex(value.strip_prefix("Bearer ").unwrap_or(value).trim()));
    let hash = from_payload.or(header_hash);
    let caller = match &hash {
        Some(hash) => auth::authenticate_hash(&state.db, hash).await?,
        None => Caller::default(),
    };
    if state.http.require_read_key {
        caller.require(Role::Reader)?;
    }
    session.set_key(hash);
    let mut data = Data::default();
    data.insert(Store::loader(state.db.clone()));
    data.insert(caller);
    Ok(data)
}

/// The schema, behind the session's checks: every operation is admitted
/// first, and a subscription's stream ends when the key is revoked.
#[derive(Clone)]
struct SocketExecutor {
    schema: QuipuSchema,
    session: Arc<Session>,
}

impl Executor for SocketExecutor {
    async fn execute(&self, request: async_graphql::Request) -> async_graphql::Response {
        match self.session.refusal(&request).await {
            None => self.schema.execute(request).await,
            Some(refused) => refused,
        }
    }

    fn execute_stream(
        &self,
        request: async_graphql::Request,
        session_data: Option<Arc<Data>>,
    ) -> BoxStream<'static, async_graphql::Response> {
        let (schema, session) = (self.schema.clone(), self.session.clone());
        futures_util::stream::once(async move {
            let refused = match session.start() {
                Some(running) => match session.refusal(&request).await {
                    None => {
                        let stream = Executor::execute_stream(&schema, request, session_data)
                            .take_until(session.revoked())
                            // The count goes down when the stream is dropped: completed, or ended.
                            .map(move |response| {
                                let _running = &running;
                                response
                            });
                        return stream.boxed();
                    }
                    Some(refused) => refused,
                },
                None => session.too_many(),
            };
            futures_util::stream::once(async move { refused }).boxed()
        })
        .flatten()
        .boxed()
    }
}
