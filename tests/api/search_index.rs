//! The search index beside the database: type-ahead, every match ranked
//! (the exact name first among a hundred thousand), and an index that
//! follows the database across servers, after a crash, and after its
//! directory is deleted.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use quipu::auth::Role;
use quipu::config::HttpConfig;
use quipu::search::SearchIndex;
use quipu::AppState;
use serde_json::{json, Value};

use crate::helpers::{load_data, spawn_app, spawn_app_with_data, TestApp};

const CREATE_PERSON: &str =
    "mutation($name: String!) { createPerson(input: { name: $name }) { person { id } } }";

/// The IDs of `suggest`'s answer, and the answer.
async fn suggest(app: &TestApp, arguments: &str) -> (Vec<String>, Value) {
    let data = app
        .data(&format!(
            "{{ suggest({arguments}) {{ type name highlighted entity {{ id }} }} }}"
        ))
        .await;
    let ids = data["suggest"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["entity"]["id"].as_str().unwrap().to_string())
        .collect();
    (ids, data["suggest"].clone())
}

/// The first hit's ID for `query`.
async fn first_hit(app: &TestApp, query: &str) -> Option<String> {
    let data = app
        .data(&format!(
            "{{ search(query: {query:?}, first: 1) {{ edges {{ node {{ entity {{ id }} }} }} }} }}"
        ))
        .await;
    data["search"]["edges"][0]["node"]["entity"]["id"]
        .as_str()
        .map(String::from)
}

#[tokio::test]
async fn suggest_completes_names_from_the_first_letters() {
    let app = spawn_app_with_data().await;
    let (ids, answer) = suggest(&app, r#"prefix: "dina bo""#).await;
    assert_eq!(
        ids.first().map(String::as_str),
        Some("Person:dina-boluarte")
    );
    assert_eq!(answer[0]["type"], "PERSON");
    assert_eq!(answer[0]["name"], "Dina Boluarte");
    assert_eq!(
        answer[0]["highlighted"],
        "<mark>Dina</mark> <mark>Boluarte</mark>"
    );
    let (ids, _) = suggest(&app, r#"prefix: "Otá""#).await;
    assert_eq!(
        ids.first().map(String::as_str),
        Some("Person:alberto-otarola")
    );
    let (ids, answer) = suggest(&app, r#"prefix: "j", types: [PLACE], first: 20"#).await;
    assert!(ids.contains(&"Place:juliaca".to_string()), "{answer}");
    assert!(answer
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["type"] == "PLACE"));
    let (_, answer) = suggest(&app, r#"prefix: "pro", first: 50"#).await;
    assert!(
        answer
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["type"] != "STATEMENT"),
        "statements have no names: {answer}"
    );
    let (code, _) = app
        .error_code(r#"{ suggest(prefix: " %% ") { name } }"#)
        .await;
    assert_eq!(code, "BAD_USER_INPUT");
    let (code, _) = app
        .error_code(r#"{ suggest(prefix: "a", first: 1000) { name } }"#)
        .await;
    assert_eq!(code, "BAD_USER_INPUT");
}

#[tokio::test]
async fn the_exactly_named_record_ranks_first_among_a_hundred_thousand_matches() {
    let app = spawn_app().await;
    let shape = quipu::generate::Shape::for_statements(100_000);
    quipu::generate::generate(&app.db, shape, 3).await.unwrap();
    let key = app.key(Role::Editor).await;
    let created = app
        .write(&key, CREATE_PERSON, json!({ "name": "Statement" }))
        .await;
    let id = created["createPerson"]["person"]["id"].clone();
    let data = app
        .data(r#"{ search(query: "statement", first: 3) { totalCount facets { type count } edges { node { type entity { id } } } } }"#)
        .await;
    let search = &data["search"];
    assert_eq!(search["edges"][0]["node"]["entity"]["id"], id, "{search}");
    assert!(search["totalCount"].as_u64().unwrap() > 100_000, "{search}");
    let statements = search["facets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["type"] == "STATEMENT")
        .map(|f| f["count"].clone());
    assert_eq!(statements, Some(json!(100_000)), "every match is counted");
    let (ids, _) = suggest(&app, r#"prefix: "stat", first: 1"#).await;
    assert_eq!(ids.first().map(String::as_str), id.as_str());
}

/// A second server over `app`'s database (its own connections), with its index in `dir` (or the default).
async fn second_server(app: &TestApp, dir: Option<&Path>) -> (Arc<SearchIndex>, TestApp) {
    let (db, metrics) = quipu::db::connect(&app.url, 5).await.unwrap();
    let http = HttpConfig {
        search_dir: dir.map(Path::to_path_buf),
        ..HttpConfig::default()
    };
    let state = AppState::new(db, http, metrics).unwrap();
    (state.search.clone(), TestApp::over(quipu::app(state)))
}

#[tokio::test]
async fn a_change_through_one_server_reaches_another_servers_index_within_a_second() {
    let app = spawn_app_with_data().await;
    let (index, other) = second_server(&app, None).await;
    assert_eq!(
        first_hit(&other, "otarola").await.as_deref(),
        Some("Person:alberto-otarola")
    );
    let before = index.size().0;
    let key = app.key(Role::Editor).await;
    app.write(&key, CREATE_PERSON, json!({ "name": "Quillqa Followed" }))
        .await;
    let started = Instant::now();
    // Nothing asks the second server: its index follows by itself.
    while index.size().0 == before {
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "the second server's index did not follow within a second"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(
        first_hit(&other, "quillqa").await.as_deref(),
        Some("Person:quillqa-followed")
    );
}

#[tokio::test]
async fn a_search_sees_what_this_process_committed_just_before() {
    // Searches ask the database whether the index is behind only after
    // this process committed; other processes' commits are the follower's
    // (NOTIFY, or a look every half second). A bulk load sends no NOTIFY,
    // so only the count of local commits can make the next search see it.
    let app = spawn_app().await;
    assert_eq!(first_hit(&app, "otarola").await, None, "an empty database");
    let app = load_data(app).await;
    assert_eq!(
        first_hit(&app, "otarola").await.as_deref(),
        Some("Person:alberto-otarola"),
        "the dataset loaded just before"
    );
    let key = app.key(Role::Editor).await;
    app.write(&key, CREATE_PERSON, json!({ "name": "Quillqa Here" }))
        .await;
    assert_eq!(
        first_hit(&app, "quillqa").await.as_deref(),
        Some("Person:quillqa-here"),
        "the person created in the request before"
    );
}

#[tokio::test]
async fn an_index_left_behind_catches_up_and_a_deleted_one_is_rebuilt() {
    let app = spawn_app_with_data().await;
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path().join("index");
    let (index, server) = second_server(&app, Some(&dir)).await;
    assert_eq!(index.dir(), dir.as_path());
    assert_eq!(
        first_hit(&server, "otarola").await.as_deref(),
        Some("Person:alberto-otarola")
    );
    drop((index, server));
    tokio::time::sleep(Duration::from_millis(200)).await;

    // A write the closed index never saw, as after a crash between the
    // database's commit and the index's.
    let key = app.key(Role::Editor).await;
    app.write(&key, CREATE_PERSON, json!({ "name": "Quillqa Healed" }))
        .await;
    let (index, server) = second_server(&app, Some(&dir)).await;
    assert_eq!(index.dir(), dir.as_path(), "the same directory, reopened");
    assert_eq!(
        first_hit(&server, "quillqa").await.as_deref(),
        Some("Person:quillqa-healed")
    );
    drop((index, server));
    tokio::time::sleep(Duration::from_millis(200)).await;

    std::fs::remove_dir_all(&dir).unwrap();
    let (index, server) = second_server(&app, Some(&dir)).await;
    assert_eq!(
        first_hit(&server, "quillqa healed").await.as_deref(),
        Some("Person:quillqa-healed")
    );
    assert!(
        dir.join("meta.json").exists(),
        "the index was rebuilt in place"
    );
    assert!(index.size().0 > 100);
}
