//! Chaos: the real `quipu` binary is killed with SIGKILL in the middle of a
//! stream of mutations, twice, and restarted; every write it acknowledged
//! must be there afterwards, and the change history must have no gap.

use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use quipu::auth::Role;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::spawn_app;

/// Starts the binary on `addr` over `url` and waits until it answers.
#[expect(
    clippy::zombie_processes,
    reason = "every caller kills and waits for it"
)]
async fn start(url: &str, addr: SocketAddr) -> Child {
    let child = Command::new(env!("CARGO_BIN_EXE_quipu"))
        .env("DATABASE_URL", url)
        .env("QUIPU_ADDR", addr.to_string())
        .env("QUIPU_RATE_LIMIT_PER_MINUTE", "0")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the quipu binary starts");
    for _ in 0..300 {
        if post(
            addr,
            None,
            &json!({ "query": "{ persons { totalCount } }" }),
        )
        .await
        .is_some()
        {
            return child;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server did not come up on {addr}");
}

/// POSTs a GraphQL body over a fresh connection; the JSON answer, or None if the server did not answer.
async fn post(addr: SocketAddr, key: Option<&str>, body: &Value) -> Option<Value> {
    let mut stream = tokio::net::TcpStream::connect(addr).await.ok()?;
    let body = body.to_string();
    let auth = key
        .map(|k| format!("Authorization: Bearer {k}\r\n"))
        .unwrap_or_default();
    let request = format!(
        "POST /graphql HTTP/1.1\r\nHost: quipu\r\nContent-Type: application/json\r\n{auth}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(20), stream.read_to_end(&mut answer))
        .await
        .ok()?
        .ok()?;
    let text = String::from_utf8_lossy(&answer);
    let (head, body) = text.split_once("\r\n\r\n")?;
    head.starts_with("HTTP/1.1 200")
        .then(|| serde_json::from_str(body).ok())?
}

/// A free local address.
fn free_addr() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("an address")
}

#[tokio::test]
async fn acknowledged_writes_survive_kill_9() {
    let app = spawn_app().await;
    let key = quipu::auth::create_key(&app.db, "chaos", Role::Editor)
        .await
        .unwrap();
    let create =
        "mutation($name: String!) { createPerson(input: { name: $name }) { person { id } } }";
    let mut acknowledged = Vec::new();
    let mut n = 0;
    for _round in 0..2 {
        let addr = free_addr();
        let mut server = start(&app.url, addr).await;
        // Writes flow from a task while the server is killed under it.
        let writer = {
            let key = key.clone();
            tokio::spawn(async move {
                let mut acked = Vec::new();
                for i in n..n + 400 {
                    let name = format!("Chaos Witness {i:04}");
                    match post(
                        addr,
                        Some(&key),
                        &json!({ "query": create, "variables": { "name": name } }),
                    )
                    .await
                    {
                        Some(body) if body["data"]["createPerson"]["person"]["id"].is_string() => {
                            acked.push(name)
                        }
                        Some(_) => {}
                        None => break,
                    }
                }
                acked
            })
        };
        tokio::time::sleep(Duration::from_millis(1500)).await;
        server.kill().expect("SIGKILL the server");
        server.wait().ok();
        let acked = writer.await.unwrap();
        assert!(
            !acked.is_empty(),
            "no write was acknowledged before the kill"
        );
        n += 400;
        acknowledged.extend(acked);
    }
    let addr = free_addr();
    let mut server = start(&app.url, addr).await;
    let mut found = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let query = "query($after: String) { changes(after: $after, first: 1000) { revisions { id action node { ... on Person { name } } } endCursor hasMore } }";
        let body = post(
            addr,
            None,
            &json!({ "query": query, "variables": { "after": after } }),
        )
        .await
        .expect("an answer");
        let feed = &body["data"]["changes"];
        for revision in feed["revisions"].as_array().unwrap() {
            found.push((
                revision["id"].as_str().unwrap().to_string(),
                revision["node"]["name"].as_str().unwrap_or("").to_string(),
            ));
        }
        after = feed["endCursor"].as_str().map(String::from);
        if feed["hasMore"] != true {
            break;
        }
    }
    server.kill().ok();
    server.wait().ok();
    let names: std::collections::HashSet<&str> =
        found.iter().map(|(_, name)| name.as_str()).collect();
    for name in &acknowledged {
        assert!(
            names.contains(name.as_str()),
            "the acknowledged write '{name}' was lost"
        );
    }
    // Revisions come in commit order, each once. A number may be missing:
    // PostgreSQL's sequences do not give back the number of a transaction
    // the kill rolled back (a gap seen in CI), and that write was never
    // acknowledged; what was acknowledged is all there (above).
    let ids: Vec<i64> = found.iter().map(|(id, _)| revision_number(id)).collect();
    assert!(
        ids.windows(2).all(|w| w[1] > w[0]),
        "the history is out of order: {ids:?}"
    );
}

/// The number of a revision's global ID (`Revision:N`).
fn revision_number(id: &str) -> i64 {
    id.rsplit(':')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(-1)
}
