//! What partners sync with: the change feed, `updatedSince`, exports and
//! their round trip, subscriptions, and writers racing on the same records.

use std::time::Duration;

use axum::body::Body;
use axum::http::Request;
use futures_util::{SinkExt, StreamExt};
use quipu::auth::Role;
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::Message;

use crate::helpers::{load_data, spawn_app, spawn_app_with, spawn_app_with_data, TestApp};

const UPDATE_PERSON: &str =
    "mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { revision { id } } }";
const FEED: &str = "query($after: String, $types: [NodeType!]) { changes(after: $after, types: $types, first: 2) { revisions { id nodeId action } endCursor hasMore } }";

/// Updates a person's description with the version it reads.
async fn describe(app: &TestApp, key: &str, slug: &str, text: &str) {
    let version = app
        .data(&format!(r#"{{ person(slug: "{slug}") {{ version }} }}"#))
        .await["person"]["version"]
        .clone();
    let input = json!({ "id": format!("Person:{slug}"), "version": version, "description": text });
    app.write(key, UPDATE_PERSON, json!({ "input": input }))
        .await;
}

#[tokio::test]
async fn the_change_feed_resumes_from_its_cursor() {
    let app = spawn_app_with_data().await;
    let key = app.key(Role::Editor).await;
    for (slug, text) in [
        ("dina-boluarte", "a"),
        ("pedro-castillo", "b"),
        ("dina-boluarte", "c"),
    ] {
        describe(&app, &key, slug, text).await;
    }
    let page = app.query_with(FEED, json!({})).await["data"]["changes"].clone();
    assert_eq!(page["revisions"].as_array().unwrap().len(), 2);
    assert_eq!(page["hasMore"], true);
    let next = app
        .query_with(FEED, json!({ "after": page["endCursor"] }))
        .await["data"]["changes"]
        .clone();
    assert_eq!(next["revisions"][0]["nodeId"], "Person:dina-boluarte");
    assert_eq!(next["hasMore"], false);
    // Caught up: the same cursor comes back until something new commits.
    let idle = app
        .query_with(FEED, json!({ "after": next["endCursor"] }))
        .await["data"]["changes"]
        .clone();
    assert_eq!(
        (idle["revisions"].clone(), idle["endCursor"].clone()),
        (json!([]), next["endCursor"].clone())
    );
    describe(&app, &key, "pedro-castillo", "d").await;
    let fresh = app
        .query_with(FEED, json!({ "after": next["endCursor"] }))
        .await["data"]["changes"]
        .clone();
    assert_eq!(fresh["revisions"][0]["nodeId"], "Person:pedro-castillo");
    let none = app
        .query_with(FEED, json!({ "types": ["STATEMENT"] }))
        .await["data"]["changes"]
        .clone();
    assert_eq!(none["revisions"], json!([]));
    let (code, _) = app
        .error_code(r#"{ changes(after: "bogus") { endCursor } }"#)
        .await;
    assert_eq!(code, "BAD_USER_INPUT");
}

#[tokio::test]
async fn updated_since_lists_only_what_changed() {
    let app = spawn_app_with_data().await;
    let key = app.key(Role::Editor).await;
    let since = quipu::domain::timestamp::now();
    describe(&app, &key, "pedro-castillo", "changed").await;
    let data = app
        .data(&format!(
            r#"{{ persons(updatedSince: "{since}") {{ edges {{ node {{ id updatedAt }} }} }} }}"#
        ))
        .await;
    let ids: Vec<&str> = data["persons"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["Person:pedro-castillo"]);
    let (code, _) = app
        .error_code(r#"{ persons(updatedSince: "last week") { totalCount } }"#)
        .await;
    assert_eq!(code, "BAD_USER_INPUT");
}

/// A download's status and body text.
async fn download(app: &TestApp, path: &str, key: Option<&str>) -> (u16, String) {
    let mut request = Request::get(path);
    if let Some(key) = key {
        request = request.header("authorization", format!("Bearer {key}"));
    }
    let (status, body) = app.send(request.body(Body::empty()).unwrap()).await;
    let text = match body {
        Value::String(text) => text,
        other => other.to_string(),
    };
    (status.as_u16(), text)
}

#[tokio::test]
async fn exports_download_with_a_reader_key() {
    let app = spawn_app_with_data().await;
    let reader = app.key(Role::Reader).await;
    assert_eq!(download(&app, "/export/statements.csv", None).await.0, 401);
    let (status, csv) = download(&app, "/export/statements.csv", Some(&reader)).await;
    assert_eq!(status, 200);
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with("id,slug,text,language,date"), "{header}");
    // Related records by global ID and name, not by row number.
    assert!(
        header.contains(",speaker_person,speaker_person_name,speaker_organization,speaker_organization_name,source,source_name,"),
        "{header}"
    );
    assert!(!header.contains("_id"), "{header}");
    assert!(
        csv.contains("\r\nStatement:"),
        "rows start with their global ID"
    );
    assert!(
        csv.contains(",Person:dina-boluarte,Dina Boluarte,"),
        "{csv}"
    );
    let (_, links) = download(&app, "/export/statement_incidents.csv", Some(&reader)).await;
    assert!(
        links.starts_with("statement,incident,incident_name"),
        "{links}"
    );
    assert!(
        links.contains("Incident:juliaca-killings-2023-01-09,"),
        "{links}"
    );
    let (_, persons) = download(&app, "/export/persons.csv", Some(&reader)).await;
    assert!(
        persons.contains(",false,"),
        "booleans read as booleans: {persons}"
    );
    let statements = app.data("{ statements { totalCount } }").await["statements"]["totalCount"]
        .as_u64()
        .unwrap();
    let (_, ndjson) = download(&app, "/export/statements.ndjson", Some(&reader)).await;
    assert_eq!(ndjson.lines().count() as u64, statements);
    let first: Value = serde_json::from_str(ndjson.lines().next().unwrap()).unwrap();
    assert!(first["slug"].is_string());
    assert_eq!(
        download(&app, "/export/secrets.csv", Some(&reader)).await.0,
        404
    );
}

/// Everything a graph holds that an export must carry, read through the API.
async fn snapshot(app: &TestApp) -> Value {
    let query = r#"{
      persons(first: 100, includeRetracted: true) { totalCount edges { node { id name aliases version retracted updatedAt positions { id title citations { excerpt } } } } }
      statements(first: 100, includeRetracted: true) { totalCount edges { node { id text date speaker { id } incidents { id } mentions { id } source { id } citations { excerpt source { id } } version } } }
      incidents(first: 100) { edges { node { id place { id ancestors { id } } casualtyReports { killed killedQualifier source { id } } involvedOrganizations { role organization { id } } } } }
      sources(first: 100) { edges { node { id publisher { id } authors { id } cites { id } } } }
      places(first: 100) { edges { node { id parent { id } } } }
      changes(first: 1000) { revisions { id changeId nodeId action before after } }
    }"#;
    app.data(query).await
}

#[tokio::test]
async fn export_then_import_gives_back_the_same_graph() {
    let app = spawn_app_with_data().await;
    let key = app.key(Role::Editor).await;
    describe(&app, &key, "pedro-castillo", "edited before the export").await;
    app.write(&key, "mutation { retract(input: { id: \"Statement:boluarte-pretext-chaos\", version: 1 }) { node { id } } }", json!({})).await;
    let dir = std::env::temp_dir().join(format!("quipu-export-{}", std::process::id()));
    for format in [quipu::export::Format::Ndjson, quipu::export::Format::Json] {
        let out = dir.join(format.extension());
        quipu::export::export_dir(&app.db, format, &out)
            .await
            .unwrap();
        let copy = spawn_app().await;
        quipu::export::import_export(&copy.db, &out).await.unwrap();
        assert_eq!(snapshot(&copy).await, snapshot(&app).await, "{format:?}");
        // The copy keeps working: new rows get new IDs, search finds the old ones.
        let copy_key = copy.key(Role::Editor).await;
        copy.write(
            &copy_key,
            "mutation { createPerson(input: { name: \"Nueva Persona\" }) { person { id } } }",
            json!({}),
        )
        .await;
        let hits = copy
            .data(r#"{ search(query: "otarola") { totalCount } }"#)
            .await;
        assert!(hits["search"]["totalCount"].as_i64().unwrap() > 0);
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// Subscribes over WebSocket to the server `listening` runs, makes a change
/// through `writing`, and checks the subscriber hears it.
async fn hear_a_change(listening: axum::Router, writing: &TestApp) {
    let key = writing.key(Role::Editor).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let service = listening.into_make_service_with_connect_info::<std::net::SocketAddr>();
    let server = tokio::spawn(async move { axum::serve(listener, service).await });

    let mut socket = crate::helpers::open_socket(addr).await;
    let send = |value: Value| Message::Text(value.to_string().into());
    socket
        .send(send(json!({ "type": "connection_init", "payload": {} })))
        .await
        .unwrap();
    let ack = socket.next().await.unwrap().unwrap();
    assert!(ack.to_text().unwrap().contains("connection_ack"), "{ack:?}");
    let subscription = "subscription { entityChanged(types: [PERSON]) { nodeId action node { ... on Person { description } } } }";
    socket
        .send(send(
            json!({ "id": "1", "type": "subscribe", "payload": { "query": subscription } }),
        ))
        .await
        .unwrap();
    // The subscription is registered once the server has read the message; give it a moment.
    tokio::time::sleep(Duration::from_millis(300)).await;
    describe(writing, &key, "pedro-castillo", "heard by subscribers").await;
    let message = tokio::time::timeout(Duration::from_secs(10), socket.next())
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    let message: Value = serde_json::from_str(message.to_text().unwrap()).unwrap();
    assert_eq!(message["type"], "next", "{message}");
    assert_eq!(
        message["payload"]["data"]["entityChanged"],
        json!({ "nodeId": "Person:pedro-castillo", "action": "UPDATE", "node": { "description": "heard by subscribers" } })
    );
    server.abort();
}

#[tokio::test]
async fn a_subscriber_receives_a_change_over_websocket() {
    let app = spawn_app_with_data().await;
    hear_a_change(app.router.clone(), &app).await;
}

/// With PostgreSQL, a second server (its own state, change hub and listener
/// over the same database) hears what the first one writes. SQLite runs as
/// one process, so there the deployment has no second server to reach.
#[tokio::test]
async fn a_change_on_one_server_reaches_subscribers_on_another() {
    let app = spawn_app_with_data().await;
    if app.db.get_database_backend() != sea_orm::DbBackend::Postgres {
        return;
    }
    let other = quipu::AppState::new(
        app.db.clone(),
        quipu::config::HttpConfig::default(),
        app.metrics.clone(),
    )
    .expect("a second server's state");
    hear_a_change(quipu::app(other), &app).await;
}

#[tokio::test]
async fn racing_writers_lose_no_update_and_history_is_complete() {
    // Retries after conflicts send many requests from one client: the rate limit is not under test.
    let limits = quipu::config::LimitsConfig {
        rate_limit_per_minute: 0,
        ..Default::default()
    };
    let app = load_data(spawn_app_with(limits).await).await;
    let key = app.key(Role::Editor).await;
    let (writers, rounds) = (4, 5);
    let mut tasks = Vec::new();
    for writer in 0..writers {
        let (router, key) = (app.router.clone(), key.clone());
        tasks.push(tokio::spawn(async move {
            let app = TestApp::over(router);
            let mut conflicts = 0;
            for round in 0..rounds {
                // Read-modify-write with the version read, retrying on CONFLICT.
                loop {
                    let read = app.query(r#"{ person(slug: "pedro-castillo") { version aliases } }"#).await;
                    let person = &read["data"]["person"];
                    let mut aliases: Vec<Value> = person["aliases"].as_array().unwrap().clone();
                    aliases.push(json!(format!("w{writer}r{round}")));
                    let input = json!({ "id": "Person:pedro-castillo", "version": person["version"], "aliases": aliases });
                    let (_, body) = app.send_as(Some(&key), UPDATE_PERSON, json!({ "input": input })).await;
                    match body["errors"][0]["extensions"]["code"].as_str() {
                        None => break,
                        Some("CONFLICT") => conflicts += 1,
                        Some(other) => panic!("{other}: {body}"),
                    }
                }
            }
            conflicts
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let person = app.data(r#"{ person(slug: "pedro-castillo") { version aliases } history(id: "Person:pedro-castillo", first: 100) { totalCount edges { node { version } } } }"#).await;
    let written = writers * rounds;
    // Every writer's every alias is there: no update was lost.
    let aliases = person["person"]["aliases"].as_array().unwrap();
    for writer in 0..writers {
        for round in 0..rounds {
            assert!(
                aliases.contains(&json!(format!("w{writer}r{round}"))),
                "lost w{writer}r{round}"
            );
        }
    }
    assert_eq!(person["person"]["version"], json!(1 + written));
    let versions: Vec<i64> = person["history"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["version"].as_i64().unwrap())
        .collect();
    assert_eq!(versions, (2..=1 + written as i64).collect::<Vec<_>>());
}
