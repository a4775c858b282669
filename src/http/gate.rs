//! The gate every API route passes: who is calling, and whether they may
//! call now.
//!
//! A bearer token is checked against the live keys first. A request with a
//! verified key counts against that key's budget; an anonymous request, and
//! one whose token names no live key, counts against the client's address,
//! so a flood of random tokens is limited like any anonymous flood and
//! cannot grow the limiter's map. An unknown, revoked or malformed token is
//! refused (401) before any GraphQL work; the caller is handed to the
//! handlers as a request extension.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use super::error_response;
use crate::auth;
use crate::rate_limit::Client;
use crate::AppState;

/// Authenticates the request, applies the rate limit, and passes the caller on.
pub async fn gate(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let address = client_address(&request, state.http.limits.trust_forwarded_for);
    let caller = match auth::authenticate(&state.db, request.headers()).await {
        Ok(caller) => caller,
        Err(err) => {
            if let Some(refused) = charge(&state, &Client::address(address)) {
                return refused;
            }
            state.metrics.record_error(err.code());
            return error_response(StatusCode::UNAUTHORIZED, err.code(), err.message());
        }
    };
    let client = match &caller.0 {
        Some((name, _)) => Client::Key(name.clone()),
        None => Client::address(address),
    };
    if let Some(refused) = charge(&state, &client) {
        return refused;
    }
    request.extensions_mut().insert(caller);
    next.run(request).await
}

/// Takes one request from `client`'s budget; over it, the 429 answer with `Retry-After`.
fn charge(state: &AppState, client: &Client) -> Option<Response> {
    let limiter = state.limiter.as_ref()?;
    limiter.check(client).err().map(|wait| {
        state.metrics.rate_limited.increment(1);
        let seconds = wait.as_secs() + 1;
        let message = format!("too many requests: retry after {seconds}s");
        let mut response = error_response(StatusCode::TOO_MANY_REQUESTS, "RATE_LIMITED", &message);
        if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    })
}

/// The client's address: the socket's peer, or the first `X-Forwarded-For`
/// hop when the server is told to trust it.
fn client_address(request: &Request, trust_forwarded_for: bool) -> IpAddr {
    if trust_forwarded_for {
        let forwarded = request
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .and_then(|first| first.trim().parse::<IpAddr>().ok());
        if let Some(address) = forwarded {
            return address;
        }
    }
    match request.extensions().get::<ConnectInfo<SocketAddr>>() {
        Some(ConnectInfo(addr)) => addr.ip(),
        None => IpAddr::from([0u8, 0, 0, 0]),
    }
}
