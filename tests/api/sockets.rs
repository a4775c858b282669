//! Doors that need a real socket: the server's timeouts, and keys on open
//! WebSockets (checked on every operation, closed when revoked).

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use quipu::auth::Role;
use quipu::config::{HttpConfig, LimitsConfig};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_tungstenite::tungstenite::Message;

use crate::helpers::{
    open_socket, relaxed_timeouts, serve_on_socket, spawn_app_with_data, TestApp,
};

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Opens a graphql-transport-ws socket.
async fn open(addr: std::net::SocketAddr) -> Socket {
    open_socket(addr).await
}

/// Sends a protocol message.
async fn send(socket: &mut Socket, message: Value) {
    socket
        .send(Message::Text(message.to_string().into()))
        .await
        .unwrap();
}

/// The next message, as JSON, or the close frame's code.
async fn next(socket: &mut Socket) -> Result<Value, u16> {
    match tokio::time::timeout(Duration::from_secs(10), socket.next()).await {
        Ok(Some(Ok(Message::Text(text)))) => Ok(serde_json::from_str(&text).unwrap()),
        Ok(Some(Ok(Message::Close(frame)))) => Err(frame.map_or(0, |f| u16::from(f.code))),
        Ok(other) => panic!("unexpected: {other:?}"),
        Err(_) => panic!("no message within 10 s"),
    }
}

/// The next message that is not a `complete`.
async fn next_result(socket: &mut Socket) -> Value {
    loop {
        let message = next(socket).await.unwrap();
        if message["type"] != "complete" {
            return message;
        }
    }
}

/// Opens a socket and initialises it with `key`.
async fn initialised(addr: std::net::SocketAddr, key: &str) -> Socket {
    let mut socket = open(addr).await;
    send(&mut socket, json!({ "type": "connection_init", "payload": { "Authorization": format!("Bearer {key}") } })).await;
    assert_eq!(next(&mut socket).await.unwrap()["type"], "connection_ack");
    socket
}

#[tokio::test]
async fn a_revoked_key_closes_its_sockets_and_runs_nothing_more() {
    let app = spawn_app_with_data().await;
    let key = quipu::auth::create_key(&app.db, "socket-editor", Role::Editor)
        .await
        .unwrap();
    let (addr, server) = serve_on_socket(app.router.clone(), relaxed_timeouts()).await;
    let mut socket = initialised(addr, &key).await;
    send(&mut socket, json!({ "id": "1", "type": "subscribe", "payload": { "query": "subscription { entityChanged { nodeId } }" } })).await;
    send(&mut socket, json!({ "id": "2", "type": "subscribe", "payload": { "query": "{ persons { totalCount } }" } })).await;
    let answer = next_result(&mut socket).await;
    assert_eq!(answer["id"], "2");
    assert!(
        answer["payload"]["data"]["persons"]["totalCount"].is_number(),
        "{answer}"
    );
    // Mutations do not travel over sockets (unless the server says so).
    send(&mut socket, json!({ "id": "3", "type": "subscribe", "payload": { "query": r#"mutation { createPerson(input: { name: "Over The Socket" }) { person { id } } }"# } })).await;
    let refused = next_result(&mut socket).await;
    assert_eq!(
        refused["payload"]["errors"][0]["extensions"]["code"], "METHOD_NOT_ALLOWED",
        "{refused}"
    );
    assert_eq!(
        app.data(r#"{ persons(filter: { nameContains: "over the socket" }) { totalCount } }"#)
            .await["persons"]["totalCount"],
        0
    );

    assert!(quipu::auth::revoke_key(&app.db, "socket-editor")
        .await
        .unwrap());
    // The socket closes with 4403 (at once on PostgreSQL, within the poll on SQLite).
    let closed = loop {
        match next(&mut socket).await {
            Ok(message) => assert_ne!(
                message["type"], "next",
                "delivered after revocation: {message}"
            ),
            Err(code) => break code,
        }
    };
    assert_eq!(closed, 4403);
    // A new socket with the revoked key is refused at `connection_init`.
    let mut again = open(addr).await;
    send(&mut again, json!({ "type": "connection_init", "payload": { "Authorization": format!("Bearer {key}") } })).await;
    assert!(
        next(&mut again).await.is_err(),
        "a revoked key was accepted"
    );
    server.abort();
}

/// An app over the bundled data with these limits, served on a socket.
async fn serve_with(
    limits: LimitsConfig,
) -> (TestApp, std::net::SocketAddr, tokio::task::JoinHandle<()>) {
    let app = spawn_app_with_data().await;
    let http = HttpConfig {
        limits,
        ..HttpConfig::default()
    };
    let state = quipu::AppState::new(app.db.clone(), http, app.metrics.clone()).expect("the state");
    let (addr, server) = serve_on_socket(quipu::app(state), relaxed_timeouts()).await;
    (app, addr, server)
}

#[tokio::test]
async fn a_socket_without_connection_init_is_closed() {
    let limits = LimitsConfig {
        ws_init_timeout_secs: 1,
        ..LimitsConfig::default()
    };
    let (_app, addr, server) = serve_with(limits).await;
    let mut socket = open(addr).await;
    assert_eq!(next(&mut socket).await, Err(4408));
    server.abort();
}

#[tokio::test]
async fn one_socket_runs_a_bounded_number_of_operations() {
    let limits = LimitsConfig {
        ws_max_operations: 3,
        ..LimitsConfig::default()
    };
    let (_app, addr, server) = serve_with(limits).await;
    let mut socket = open(addr).await;
    send(
        &mut socket,
        json!({ "type": "connection_init", "payload": {} }),
    )
    .await;
    assert_eq!(next(&mut socket).await.unwrap()["type"], "connection_ack");
    let subscribe = |id: &str| json!({ "id": id, "type": "subscribe", "payload": { "query": "subscription { entityChanged { nodeId } }" } });
    for id in ["1", "2", "3", "4"] {
        send(&mut socket, subscribe(id)).await;
    }
    // Which of the four is refused depends on the order the server starts them.
    let refused = next_result(&mut socket).await;
    assert_eq!(
        refused["payload"]["errors"][0]["extensions"]["code"], "TOO_MANY_OPERATIONS",
        "{refused}"
    );
    // Completing one that runs frees its place.
    let running = ["1", "2", "3", "4"]
        .into_iter()
        .find(|id| refused["id"] != *id)
        .unwrap();
    send(&mut socket, json!({ "id": running, "type": "complete" })).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    send(&mut socket, json!({ "id": "5", "type": "subscribe", "payload": { "query": "{ persons { totalCount } }" } })).await;
    let answer = next_result(&mut socket).await;
    assert_eq!(answer["id"], "5", "{answer}");
    assert!(
        answer["payload"]["data"]["persons"]["totalCount"].is_number(),
        "{answer}"
    );
    server.abort();
}

/// Whether the server closes a raw connection (reads end) within `within`.
async fn closed_within(stream: &mut tokio::net::TcpStream, within: Duration) -> bool {
    let mut buffer = [0u8; 256];
    matches!(
        tokio::time::timeout(within, stream.read(&mut buffer)).await,
        Ok(Ok(0)) | Ok(Err(_))
    )
}

#[tokio::test]
async fn idle_and_slow_connections_are_closed() {
    let app = spawn_app_with_data().await;
    let timeouts = quipu::server::Timeouts {
        idle: Duration::from_secs(1),
        header: Duration::from_secs(1),
    };
    let (addr, server) = serve_on_socket(app.router.clone(), timeouts).await;
    // Silent from the start.
    let mut idle = tokio::net::TcpStream::connect(addr).await.unwrap();
    assert!(
        closed_within(&mut idle, Duration::from_secs(5)).await,
        "an idle connection was kept"
    );
    // Headers that never end.
    let mut slow = tokio::net::TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"GET /health HTTP/1.1\r\nHost: quipu\r\n")
        .await
        .unwrap();
    assert!(
        closed_within(&mut slow, Duration::from_secs(5)).await,
        "a slow header was kept"
    );
    // A well-behaved client is served.
    let mut good = tokio::net::TcpStream::connect(addr).await.unwrap();
    good.write_all(b"GET /health HTTP/1.1\r\nHost: quipu\r\n\r\n")
        .await
        .unwrap();
    let mut answer = vec![0u8; 512];
    let n = good.read(&mut answer).await.unwrap();
    assert!(String::from_utf8_lossy(&answer[..n]).starts_with("HTTP/1.1 200"));
    server.abort();
}

/// Four clients that read a person and write it back, `rounds` times each,
/// through two servers over one database; every answer is a success or a
/// CONFLICT/UNAVAILABLE the client can retry, never INTERNAL.
#[tokio::test]
async fn writers_on_two_servers_get_answers_not_internal_errors() {
    let app = spawn_app_with_data().await;
    let (second, _) = quipu::db::connect(&app.url, 5).await.unwrap();
    let other = TestApp::over(quipu::app(
        quipu::AppState::new(second, HttpConfig::default(), app.metrics.clone())
            .expect("a second server's state"),
    ));
    let key = app.key(Role::Editor).await;
    let routers = [app.router.clone(), other.router.clone()];
    let mut tasks = Vec::new();
    for client in 0..4 {
        let (router, key) = (routers[client % 2].clone(), key.clone());
        tasks.push(tokio::spawn(async move {
            write_rounds(TestApp::over(router), &key, client, 25).await
        }));
    }
    let mut done = 0;
    for task in tasks {
        let codes = task.await.unwrap();
        assert!(
            codes.iter().all(|c| c == "CONFLICT" || c == "UNAVAILABLE"),
            "{codes:?}"
        );
        done += 1;
    }
    assert_eq!(done, 4);
}

/// Read-modify-write rounds on one person; the codes of the failures.
async fn write_rounds(app: TestApp, key: &str, client: usize, rounds: usize) -> Vec<String> {
    let update = "mutation($id: ID!, $version: Int!, $d: String) { updatePerson(input: { id: $id, version: $version, description: $d }) { person { version } } }";
    let mut codes = Vec::new();
    for round in 0..rounds {
        let person = app
            .data(r#"{ person(slug: "pedro-castillo") { id version } }"#)
            .await["person"]
            .clone();
        let variables = json!({ "id": person["id"], "version": person["version"], "d": format!("client {client} round {round}") });
        let (_, body) = app.send_as(Some(key), update, variables).await;
        if let Some(code) = body["errors"][0]["extensions"]["code"].as_str() {
            codes.push(code.to_string());
        }
    }
    codes
}
