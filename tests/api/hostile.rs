//! Careless and hostile input: each gets a clear error with a code, the
//! server keeps serving, and the data is unchanged.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{spawn_app_with_data, TestApp};

/// The code of the first error in a response body.
fn code(body: &Value) -> String {
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

/// Sends a raw body with a content type.
async fn raw(app: &TestApp, content_type: &str, body: Vec<u8>) -> (StatusCode, Value) {
    let request = Request::post("/graphql")
        .header("content-type", content_type)
        .body(Body::from(body))
        .unwrap();
    app.send(request).await
}

/// The graph's size, to check nothing changed.
async fn fingerprint(app: &TestApp) -> Value {
    app.data("{ persons { totalCount } statements { totalCount } incidents { totalCount } sources { totalCount } places { totalCount } }").await
}

#[tokio::test]
async fn hostile_documents_are_refused_with_codes() {
    let app = spawn_app_with_data().await;
    let before = fingerprint(&app).await;
    let deep = format!(
        "{{ {}id{} }}",
        "statements { edges { node { incidents { ".repeat(10),
        " } } } }".repeat(10)
    );
    let aliases = format!(
        "{{ {} }}",
        (0..1000)
            .map(|i| format!("a{i}: persons {{ totalCount }}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let cycle = "query { persons { edges { node { ...A } } } } fragment A on Person { ...B } fragment B on Person { ...A }";
    let giant = "{ statements(first: 100000) { totalCount } }";
    let huge = format!(
        "{{ search(query: \"{}\") {{ totalCount }} }}",
        "a".repeat(100_000)
    );
    // Thousands of fragments, each spreading the next: shallow text, deep
    // once spread; measured without recursing once per fragment.
    let chain = format!(
        "{{ persons {{ ...F0 }} }} {} fragment F15000 on PersonConnection {{ totalCount }}",
        (0..15_000)
            .map(|i| format!("fragment F{i} on PersonConnection {{ ...F{} }}", i + 1))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let cases: Vec<(String, &str)> = vec![
        (chain, "QUERY_TOO_DEEP"),
        (deep, "QUERY_TOO_DEEP"),
        (aliases, "QUERY_TOO_WIDE"),
        (cycle.to_string(), "QUERY_TOO_DEEP"),
        (giant.to_string(), "BAD_USER_INPUT"),
        (huge, "BAD_USER_INPUT"),
    ];
    for (query, expected) in cases {
        let response = app.query(&query).await;
        assert_eq!(
            code(&response),
            expected,
            "{}",
            &query[..query.len().min(120)]
        );
        assert!(response["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()));
    }
    assert_eq!(fingerprint(&app).await, before);
}

#[tokio::test]
async fn hostile_text_is_only_text() {
    let app = spawn_app_with_data().await;
    let before = fingerprint(&app).await;
    for text in [
        "'; DROP TABLE person; --",
        "\" OR 1=1 --",
        "%' OR '1'='1",
        "\\\\",
        "Robert'); DELETE FROM statement;--",
        "NEAR(a b)",
        "a:* & !b | c",
        "*",
    ] {
        let escaped = serde_json::to_string(text).unwrap();
        let filters = format!("{{ persons(filter: {{ nameContains: {escaped} }}) {{ totalCount }} statements(filter: {{ textContains: {escaped} }}) {{ totalCount }} }}");
        let data = app.data(&filters).await;
        assert_eq!(data["persons"]["totalCount"], 0, "{text}");
        let search = app
            .query(&format!("{{ search(query: {escaped}) {{ totalCount }} }}"))
            .await;
        assert!(
            search["errors"].is_null() || code(&search) == "BAD_USER_INPUT",
            "{text}: {search}"
        );
    }
    assert_eq!(fingerprint(&app).await, before);
}

#[tokio::test]
async fn broken_requests_get_400s_and_the_server_keeps_serving() {
    let app = spawn_app_with_data().await;
    let cases: Vec<(&str, Vec<u8>, StatusCode)> = vec![
        (
            "application/json",
            b"{ \"query\": ".to_vec(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "application/json",
            vec![b'{', 0xff, 0xfe, b'}'],
            StatusCode::BAD_REQUEST,
        ),
        ("application/json", b"42".to_vec(), StatusCode::BAD_REQUEST),
        (
            "multipart/form-data; boundary=x",
            b"--x\r\nnonsense".to_vec(),
            StatusCode::BAD_REQUEST,
        ),
    ];
    for (content_type, body, status) in cases {
        let (got, response) = raw(&app, content_type, body).await;
        assert_eq!(got, status, "{content_type}: {response}");
        assert_eq!(code(&response), "BAD_REQUEST");
    }
    let (status, response) = raw(&app, "text/plain", b"{ persons { totalCount } }".to_vec()).await;
    assert_eq!(
        (status, code(&response)),
        (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UNSUPPORTED_MEDIA_TYPE".to_string()
        ),
        "{response}"
    );
    let unknown = json!({ "query": "query A { persons { totalCount } }", "operationName": "B" });
    let (status, response) = raw(&app, "application/json", unknown.to_string().into_bytes()).await;
    assert_eq!(
        (status, code(&response)),
        (StatusCode::OK, "BAD_USER_INPUT".to_string()),
        "{response}"
    );
    assert_eq!(
        app.data("{ persons { totalCount } }").await["persons"]["totalCount"],
        26
    );
}
