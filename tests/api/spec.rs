//! Execution results as the GraphQL specification says them: a lookup that
//! finds nothing is `null` with its error beside it, the rest of `data`
//! intact; a failed non-null field nulls its nearest nullable ancestor
//! (`data` itself at the top); response keys follow the query's order, on
//! the planned path and on the resolvers alike; and GraphQL over HTTP as its
//! specification says (415 for other media types, no `data` on a request
//! that never ran).

use axum::body::Body;
use axum::http::{Request, StatusCode};
use quipu::config::LimitsConfig;
use serde_json::{json, Value};

use crate::helpers::{load_data, spawn_app_with, spawn_app_with_data, TestApp};

/// The keys of a JSON object, in the order they came.
fn keys(object: &Value) -> Vec<&str> {
    object
        .as_object()
        .map(|map| map.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

/// The same data served by the resolvers alone.
async fn spawn_resolvers() -> TestApp {
    let limits = LimitsConfig {
        planned_reads: false,
        ..LimitsConfig::default()
    };
    load_data(spawn_app_with(limits).await).await
}

#[tokio::test]
async fn a_lookup_that_finds_nothing_is_null_beside_the_rest_of_data() {
    let app = spawn_app_with_data().await;
    let response = app
        .query(r#"{ b: person(slug: "nobody") { name } c: persons(first: 1) { totalCount } }"#)
        .await;
    assert_eq!(keys(&response["data"]), ["b", "c"], "{response}");
    assert!(response["data"]["b"].is_null(), "{response}");
    assert!(response["data"]["c"]["totalCount"].as_u64() > Some(0));
    let errors = response["errors"].as_array().expect("an error");
    assert_eq!(errors.len(), 1, "{response}");
    assert_eq!(errors[0]["path"], serde_json::json!(["b"]));
    assert_eq!(errors[0]["extensions"]["code"], "NOT_FOUND");
    for lookup in [
        r#"node(id: "Person:nobody")"#,
        r#"statement(slug: "nothing")"#,
        r#"incident(slug: "nothing")"#,
        r#"place(slug: "nowhere")"#,
        r#"organization(slug: "nobody")"#,
        r#"source(slug: "nothing")"#,
    ] {
        let response = app
            .query(&format!(
                "{{ a: {lookup} {{ id }} z: sources(first: 1) {{ totalCount }} }}"
            ))
            .await;
        assert_eq!(keys(&response["data"]), ["a", "z"], "{response}");
        assert!(response["data"]["a"].is_null(), "{response}");
        assert_eq!(response["errors"][0]["path"], serde_json::json!(["a"]));
        assert_eq!(response["errors"][0]["extensions"]["code"], "NOT_FOUND");
    }
}

#[tokio::test]
async fn a_failed_non_null_field_nulls_its_nearest_nullable_ancestor() {
    for app in [spawn_app_with_data().await, spawn_resolvers().await] {
        // `Person.statements` may not be null: its failure nulls the person.
        let response = app
            .query(
                r#"{ p: person(slug: "dina-boluarte") { name statements(first: 1, after: "forged") { totalCount } }
                     s: sources(first: 1) { totalCount } }"#,
            )
            .await;
        assert!(response["data"]["p"].is_null(), "{response}");
        assert!(response["data"]["s"]["totalCount"].as_u64() > Some(0));
        assert_eq!(
            response["errors"][0]["path"],
            serde_json::json!(["p", "statements"])
        );
        assert_eq!(
            response["errors"][0]["extensions"]["code"],
            "BAD_USER_INPUT"
        );
        // A root connection may not be null either: `data` becomes null.
        let response = app
            .query(r#"{ a: persons(first: 1) { totalCount } b: statements(after: "forged") { totalCount } }"#)
            .await;
        assert!(response["data"].is_null(), "{response}");
        assert_eq!(response["errors"].as_array().map(Vec::len), Some(1));
        assert_eq!(response["errors"][0]["path"], serde_json::json!(["b"]));
    }
}

#[tokio::test]
async fn response_keys_follow_the_query_on_both_paths() {
    let root = "{ d: sources(first: 1) { totalCount } a: persons(first: 1) { totalCount }
                  c: places(first: 1) { totalCount } b: incidents(first: 1) { totalCount }
                  e: statements(first: 1) { totalCount } }";
    // A selection the plans hand to the resolvers (a computed summary), with
    // fragments, aliases and `__typename` among its fields.
    let nested = r#"{ incidents(first: 5) { nodes { title z: slug ... on Incident { kind id }
                      casualtySummary { __typename } __typename ...F startDate } } }
                    fragment F on Node { id y: __typename }"#;
    for app in [spawn_app_with_data().await, spawn_resolvers().await] {
        for _ in 0..10 {
            let response = app.query(root).await;
            assert_eq!(
                keys(&response["data"]),
                ["d", "a", "c", "b", "e"],
                "{response}"
            );
            let response = app.query(nested).await;
            let nodes = response["data"]["incidents"]["nodes"]
                .as_array()
                .expect("nodes");
            assert!(!nodes.is_empty(), "{response}");
            for node in nodes {
                assert_eq!(
                    keys(node),
                    [
                        "title",
                        "z",
                        "kind",
                        "id",
                        "casualtySummary",
                        "__typename",
                        "y",
                        "startDate"
                    ],
                    "{response}"
                );
            }
        }
    }
}

/// POSTs `body` with these headers.
async fn post(app: &TestApp, body: &str, headers: &[(&str, &str)]) -> (StatusCode, Value) {
    let mut request = Request::post("/graphql");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    app.send(request.body(Body::from(body.to_owned())).expect("request"))
        .await
}

#[tokio::test]
async fn graphql_over_http_refuses_other_media_types_and_reports_request_errors_without_data() {
    let app = spawn_app_with_data().await;
    let mutation =
        r#"{"query":"mutation { createPerson(input: {name: \"X\"}) { person { id } } }"}"#;
    for headers in [&[][..], &[("content-type", "text/plain")][..]] {
        let (status, body) = post(&app, mutation, headers).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{body}");
        assert_eq!(
            body["errors"][0]["extensions"]["code"],
            "UNSUPPORTED_MEDIA_TYPE"
        );
    }
    let json = [("content-type", "application/json; charset=utf-8")];
    let (status, body) = post(
        &app,
        r#"{"query":"{ persons(first: 1) { totalCount }"}"#,
        &json,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.get("data").is_none(), "{body}");
    assert_eq!(
        body["errors"][0]["message"],
        "syntax error: expected selection"
    );
    assert_eq!(
        body["errors"][0]["locations"],
        json!([{ "line": 1, "column": 35 }])
    );
    let (_, body) = post(&app, r#"{"query":"{ nosuchfield }"}"#, &json).await;
    assert!(body.get("data").is_none(), "{body}");
    assert!(body["errors"][0]["locations"].is_array(), "{body}");
    // Execution that nulled `data` keeps the key, and is a 200 in the spec's media type.
    let spec = [
        ("content-type", "application/json"),
        ("accept", "application/graphql-response+json"),
    ];
    let (status, body) = post(
        &app,
        r#"{"query":"{ statements(after: \"forged\") { totalCount } }"}"#,
        &spec,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.get("data").is_some_and(Value::is_null), "{body}");
    let (status, body) = post(&app, r#"{"query":"{ nosuchfield }"}"#, &spec).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.get("data").is_none(), "{body}");
}

#[tokio::test]
async fn a_variable_not_sent_takes_its_default_in_skip_and_include() {
    let app = spawn_app_with_data().await;
    let query = r#"query Q($full: Boolean = true, $brief: Boolean = false) {
        statement(slug: "sutran-20-sectors-puno") { slug text @include(if: $full) date @skip(if: $brief) } }"#;
    let answer = app.query_with(query, json!({})).await;
    let statement = &answer["data"]["statement"];
    assert!(statement["text"].is_string(), "{answer}");
    assert!(statement.get("date").is_some(), "{answer}");
    let answer = app
        .query_with(query, json!({ "full": false, "brief": true }))
        .await;
    let keys: Vec<&String> = answer["data"]["statement"]
        .as_object()
        .map(|o| o.keys().collect())
        .unwrap_or_default();
    assert_eq!(keys, ["slug"], "{answer}");
    // A named operation among several takes its own defaults.
    let two = r#"query A($x: Boolean = false) { statement(slug: "sutran-20-sectors-puno") { slug text @include(if: $x) } }
        query B($x: Boolean = true) { statement(slug: "sutran-20-sectors-puno") { slug text @include(if: $x) } }"#;
    let (status, body) = app
        .send(
            Request::post("/graphql")
                .header("content-type", "application/json")
                .body(Body::from(
                    json!({ "query": two, "operationName": "B" }).to_string(),
                ))
                .unwrap(),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["data"]["statement"]["text"].is_string(), "{body}");
}
