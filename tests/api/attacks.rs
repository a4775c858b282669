//! What a stranger can send, one test per door the hostile review found
//! open: each gets a coded answer and the server still answers `/health`.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use quipu::auth::Role;
use quipu::config::LimitsConfig;
use serde_json::{json, Value};

use crate::helpers::{get, load_data, spawn_app_with, spawn_app_with_data, TestApp};

/// The code of the first error of a body.
fn code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or("")
}

/// The process still serves.
async fn alive(app: &TestApp) {
    let (status, body) = get(app, "/health").await;
    assert_eq!((status, body), (StatusCode::OK, Value::String("ok".into())));
}

/// `{statements(filter: {op: {op: ... {} ...}}) { totalCount }}`, `levels` deep.
fn nested_filter(op: &str, levels: usize) -> String {
    let mut filter = "{}".to_string();
    for _ in 0..levels {
        filter = if op == "and" {
            format!("{{and:[{filter}]}}")
        } else {
            format!("{{{op}:{filter}}}")
        };
    }
    format!("{{statements(filter:{filter}){{totalCount}}}}")
}

#[tokio::test]
async fn deeply_nested_input_is_refused_not_fatal() {
    let app = spawn_app_with_data().await;
    // The requests that aborted the process: refused before anything recurses.
    for (op, levels) in [("not", 343), ("and", 471), ("not", 5000)] {
        let query = nested_filter(op, levels);
        let body = app.query(&query).await;
        assert_eq!(code(&body), "QUERY_TOO_DEEP", "{op} x{levels}: {body}");
        let path = format!("/graphql?query={}", urlencode(&query));
        let (_, body) = get(&app, &path).await;
        assert_eq!(code(&body), "QUERY_TOO_DEEP", "GET {op} x{levels}: {body}");
    }
    // Within the bracket budget, but deeper than 20 input levels.
    let body = app.query(&nested_filter("not", 25)).await;
    assert_eq!(code(&body), "INPUT_TOO_DEEP", "{body}");
    // The same through a variable (JSON nests what the document does not).
    let mut filter = json!({});
    for _ in 0..100 {
        filter = json!({ "not": filter });
    }
    let query = "query($f: StatementFilter) { statements(filter: $f) { totalCount } }";
    let body = app.query_with(query, json!({ "f": filter })).await;
    assert_eq!(code(&body), "INPUT_TOO_DEEP", "{body}");
    // Too long a list, and a legitimate filter that nests a little.
    let ids: Vec<String> = (0..501).map(|i| format!("Person:p{i}")).collect();
    let body = app
        .query_with(
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
            json!({ "ids": ids }),
        )
        .await;
    assert_eq!(code(&body), "INPUT_TOO_LARGE", "{body}");
    let data = app.data(&nested_filter("not", 10)).await;
    assert_eq!(
        data["statements"]["totalCount"],
        app.data("{statements{totalCount}}").await["statements"]["totalCount"]
    );
    alive(&app).await;
}

/// Percent-encodes a query for a URL.
fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn forged_cursors_are_bad_user_input() {
    let app = spawn_app_with_data().await;
    use base64::Engine;
    let encode = |text: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text);
    let cursors = [
        encode("cursor:9223372036854775807"),
        encode("cursor:18446744073709551615"),
        encode("cursor:99999999999999999999999"),
        encode("cursor:-1"),
        encode("somewhere else"),
        "not base64 at all!".to_string(),
        "A".repeat(10_000),
    ];
    for cursor in cursors {
        for query in [
            format!(r#"{{ statements(first: 5, after: "{cursor}") {{ edges {{ cursor }} }} }}"#),
            format!(r#"{{ statements(last: 5, before: "{cursor}") {{ edges {{ cursor }} }} }}"#),
            format!(
                r#"{{ person(slug: "dina-boluarte") {{ statements(first: 2, after: "{cursor}") {{ totalCount }} }} }}"#
            ),
        ] {
            let body = app.query(&query).await;
            assert_eq!(
                code(&body),
                "BAD_USER_INPUT",
                "{}: {body}",
                &cursor[..cursor.len().min(40)]
            );
        }
    }
    alive(&app).await;
}

#[tokio::test]
async fn retracted_records_do_not_leak_through_counts_or_members() {
    let app = spawn_app_with_data().await;
    let key = app.key(Role::Editor).await;
    // A person who both speaks and holds a position in an organization.
    let person = app
        .data(r#"{ person(slug: "victor-canales") { id version positions { organization { slug } } } }"#)
        .await["person"]
        .clone();
    let organization = person["positions"][0]["organization"]["slug"]
        .as_str()
        .unwrap()
        .to_string();
    let retract = "mutation($id: ID!, $version: Int!) { retract(input: { id: $id, version: $version }) { node { id } } }";
    app.write(
        &key,
        retract,
        json!({ "id": person["id"], "version": person["version"] }),
    )
    .await;
    let speakers = app.data("{ statementsBySpeaker { speaker { ... on Person { slug } ... on Organization { slug } } count } }").await;
    assert!(
        !speakers.to_string().contains("victor-canales"),
        "a retracted speaker is listed: {speakers}"
    );
    let members = app
        .data(&format!(r#"{{ organization(slug: "{organization}") {{ members {{ totalCount edges {{ node {{ person {{ slug }} }} }} }} }} }}"#))
        .await;
    assert!(
        !members.to_string().contains("victor-canales"),
        "a retracted person is a member: {members}"
    );
    alive(&app).await;
}

#[tokio::test]
async fn the_persisted_query_cache_stays_within_its_bytes() {
    let limits = LimitsConfig {
        apq_cache_bytes: 100_000,
        apq_max_document_bytes: 30_000,
        rate_limit_per_minute: 0,
        ..LimitsConfig::default()
    };
    let app = load_data(spawn_app_with(limits).await).await;
    let register = |query: String| {
        let hash = quipu::store::operations::sha256_hex(&query);
        json!({ "query": query, "extensions": { "persistedQuery": { "version": 1, "sha256Hash": hash } } })
    };
    // 200 distinct documents of about 20 KB: 4 MB offered, 100 KB kept.
    for i in 0..200 {
        let query = format!(
            "{{ persons(first: 1) {{ totalCount }} }} # {i} {}",
            "x".repeat(20_000)
        );
        let (status, body) = app.send(post_json(&register(query))).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let (bytes, documents) = app_cache_usage(&app).await;
    assert!(bytes <= 100_000, "the cache holds {bytes} bytes");
    assert!(
        (1..=5).contains(&documents),
        "the cache holds {documents} documents"
    );
    // A document over the per-document cap runs, but is not kept.
    let big = format!(
        "{{ persons(first: 1) {{ totalCount }} }} # {}",
        "y".repeat(40_000)
    );
    let hash = quipu::store::operations::sha256_hex(&big);
    let (_, body) = app.send(post_json(&register(big))).await;
    assert!(body.get("errors").is_none(), "{body}");
    let only_hash =
        json!({ "extensions": { "persistedQuery": { "version": 1, "sha256Hash": hash } } });
    let (_, body) = app.send(post_json(&only_hash)).await;
    assert_eq!(code(&body), "PERSISTED_QUERY_NOT_FOUND", "{body}");
    alive(&app).await;
}

/// A POST of a JSON body to `/graphql`.
pub fn post_json(body: &Value) -> Request<Body> {
    Request::post("/graphql")
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

/// The APQ cache's bytes and documents, as `/metrics` reports them.
async fn app_cache_usage(app: &TestApp) -> (u64, u64) {
    let text = crate::helpers::metrics_text(app).await;
    let read = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{name} ")))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(u64::MAX)
    };
    (
        read("quipu_apq_cache_bytes"),
        read("quipu_apq_cache_documents"),
    )
}

#[tokio::test]
async fn random_tokens_count_against_the_address_and_grow_nothing() {
    let limits = LimitsConfig {
        rate_limit_per_minute: 60,
        rate_limit_burst: 5,
        ..LimitsConfig::default()
    };
    let app = spawn_app_with(limits).await;
    let mut codes = Vec::new();
    for i in 0..20 {
        let (status, body) = app
            .send_as(
                Some(&format!("qk_forged_{i}")),
                "{ persons { totalCount } }",
                json!({}),
            )
            .await;
        codes.push((status.as_u16(), code(&body).to_string()));
    }
    let unauthenticated = codes
        .iter()
        .filter(|c| **c == (401, "UNAUTHENTICATED".into()))
        .count();
    let limited = codes
        .iter()
        .filter(|c| **c == (429, "RATE_LIMITED".into()))
        .count();
    assert_eq!((unauthenticated, limited), (5, 15), "{codes:?}");
    let metrics = crate::helpers::metrics_text(&app).await;
    assert!(
        metrics.contains("quipu_rate_limit_clients 2\n"),
        "one address, one bucket; and one for the admin key reading the metrics"
    );
    // A verified key has its own budget.
    let key = app.key(Role::Reader).await;
    let (status, _) = app
        .send_as(Some(&key), "{ persons { totalCount } }", json!({}))
        .await;
    assert_eq!(status, StatusCode::OK);
    alive(&app).await;
}

#[tokio::test]
async fn lookalike_and_invisible_names_are_refused() {
    let app = spawn_app_with_data().await;
    let key = app.key(Role::Editor).await;
    let create =
        "mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } } }";
    for name in [
        "Din\u{0430} Boluarte",          // a Cyrillic а among Latin letters
        "Dina \u{202E}etraulob",          // a right-to-left override
        "Dina\u{0000}Boluarte",           // NUL
        "Dina\u{200B}Boluarte",           // a zero-width space
        "\u{FF24}\u{FF49}\u{FF4E}\u{FF41} \u{FF22}\u{FF4F}\u{FF4C}\u{FF55}\u{FF41}\u{FF52}\u{FF54}\u{FF45}", // fullwidth "Dina Boluarte"
    ] {
        let (code, message) = app
            .write_error(Some(&key), create, json!({ "input": { "name": name } }))
            .await;
        assert_eq!(code, "BAD_USER_INPUT", "{name:?}: {message}");
        // NUL is refused for every input, before the mutation reads it.
        assert!(message.contains("`input.") || message.contains("`$input`"), "{message}");
    }
    let (code, _) = app
        .write_error(
            Some(&key),
            create,
            json!({ "input": { "name": "Nadie", "aliases": ["N\u{0430}die"] } }),
        )
        .await;
    assert_eq!(code, "BAD_USER_INPUT");
    // Accents are one script: still welcome.
    app.write(
        &key,
        create,
        json!({ "input": { "name": "Ñusta Quispe Huamán" } }),
    )
    .await;
    alive(&app).await;
}

#[tokio::test]
async fn oversized_bodies_and_empty_batches_get_their_answers() {
    let app = spawn_app_with_data().await;
    let request = Request::post("/graphql")
        .header("content-type", "application/json")
        .header("content-length", "5000000")
        .body(Body::from("{}"))
        .unwrap();
    let (status, body) = app.send(request).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE")
    );
    let streamed = format!(
        r#"{{"query": "{{ persons {{ totalCount }} }}", "pad": "{}"}}"#,
        "z".repeat(2_000_000)
    );
    let request = Request::post("/graphql")
        .header("content-type", "application/json")
        .body(Body::from(streamed))
        .unwrap();
    let (status, body) = app.send(request).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE")
    );
    let (status, body) = app.send(post_json(&json!([]))).await;
    assert_eq!((status, body), (StatusCode::OK, json!([])));
    alive(&app).await;
}

#[tokio::test]
async fn a_panic_is_answered_as_internal() {
    use tower::ServiceExt;
    let router = axum::Router::new()
        .route(
            "/boom",
            axum::routing::get(|| async {
                if std::hint::black_box(true) {
                    panic!("a bug");
                }
                "unreachable"
            }),
        )
        .layer(quipu::http::catch_panics());
    let response = router
        .oneshot(Request::get("/boom").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let bytes = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    let body: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(body["errors"][0]["extensions"]["code"], "INTERNAL");
    assert_eq!(body["errors"][0]["message"], "internal error");
}
