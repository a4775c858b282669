//! The limits that protect the service, each with its error code, and the
//! operational endpoints: persisted queries, the allow-list, metrics, readiness.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use quipu::config::LimitsConfig;
use serde_json::{json, Value};

use crate::helpers::{load_data, spawn_app_with, spawn_app_with_data, TestApp};

/// POSTs a raw JSON body to /graphql.
async fn post(app: &TestApp, body: Value, headers: &[(&str, &str)]) -> (StatusCode, Value) {
    let mut request = Request::post("/graphql").header("content-type", "application/json");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    app.send(request.body(Body::from(body.to_string())).unwrap())
        .await
}

#[tokio::test]
async fn depth_complexity_aliases_and_width_are_limited() {
    let limits = LimitsConfig {
        max_depth: 6,
        max_complexity: 2_000,
        max_aliases: 3,
        max_root_fields: 4,
        ..LimitsConfig::default()
    };
    let app = load_data(spawn_app_with(limits).await).await;
    let deep = "{ statements { edges { node { speaker { ... on Person { positions { organization { members { edges { node { id } } } } } } } } } } }";
    let wide = "{ a: persons { totalCount } b: places { totalCount } c: sources { totalCount } d: incidents { totalCount } e: statements { totalCount } }";
    let aliases = "{ persons { edges { node { a: id b: id c: id d: id } } } }";
    let costly = "{ statements(first: 100) { edges { node { incidents { statements(first: 100) { edges { node { id } } } } } } } }";
    for (query, code) in [
        (deep, "QUERY_TOO_DEEP"),
        (wide, "QUERY_TOO_WIDE"),
        (aliases, "QUERY_TOO_MANY_ALIASES"),
        (costly, "QUERY_TOO_COMPLEX"),
    ] {
        let (got, message) = app.error_code(query).await;
        assert_eq!(got, code, "{query}");
        // Our own words, with the limit: the code is set where the limit is
        // enforced, not read from async-graphql's wording.
        assert!(message.contains("at most"), "{query}: {message}");
    }
    assert_eq!(
        app.data("{ persons(first: 2) { totalCount } }").await["persons"]["totalCount"],
        26
    );
}

/// `parent { parent { ... } }` nested `levels` times under `places`.
fn parents(levels: usize) -> String {
    let chain = "parent { ".repeat(levels) + "id" + &" }".repeat(levels);
    format!("{{ places(first: 1) {{ nodes {{ {chain} }} }} }}")
}

#[tokio::test]
async fn a_depth_limit_above_async_graphqls_default_is_ours_to_enforce() {
    // async-graphql refuses selections nested past 32 by default, with a
    // message and no code; Quipu's own limits decide instead.
    let limits = LimitsConfig {
        max_depth: 40,
        max_complexity: 1_000_000,
        ..LimitsConfig::default()
    };
    let app = load_data(spawn_app_with(limits).await).await;
    let data = app.data(&parents(35)).await;
    assert!(data["places"]["nodes"].is_array(), "{data}");
    let (code, message) = app.error_code(&parents(45)).await;
    assert_eq!(code, "QUERY_TOO_DEEP", "{message}");
    assert!(message.contains("at most 40"), "{message}");
}

#[tokio::test]
async fn bodies_batches_and_methods_are_limited() {
    let limits = LimitsConfig {
        max_body_bytes: 2_000,
        max_batch: 2,
        ..LimitsConfig::default()
    };
    let app = load_data(spawn_app_with(limits).await).await;
    let huge = json!({ "query": format!("{{ persons(filter: {{ nameContains: \"{}\" }}) {{ totalCount }} }}", "x".repeat(5_000)) });
    let (status, body) = post(&app, huge, &[]).await;
    assert_eq!(
        (status, body["errors"][0]["extensions"]["code"].clone()),
        (StatusCode::PAYLOAD_TOO_LARGE, json!("PAYLOAD_TOO_LARGE"))
    );

    let one = json!({ "query": "{ persons { totalCount } }" });
    let (status, body) = post(&app, json!([one, one, one]), &[]).await;
    assert_eq!(
        (status, body["errors"][0]["extensions"]["code"].clone()),
        (StatusCode::BAD_REQUEST, json!("BATCH_TOO_LARGE"))
    );
    let (status, body) = post(&app, json!([one, one]), &[]).await;
    assert_eq!(
        (status, body[1]["data"]["persons"]["totalCount"].clone()),
        (StatusCode::OK, json!(26))
    );

    let get = Request::get("/graphql?query=mutation%20%7B%20x%20%7D")
        .body(Body::empty())
        .unwrap();
    let (status, body) = app.send(get).await;
    assert_eq!(
        (status, body["errors"][0]["extensions"]["code"].clone()),
        (StatusCode::METHOD_NOT_ALLOWED, json!("METHOD_NOT_ALLOWED"))
    );
}

#[tokio::test]
async fn clients_over_their_rate_get_429_with_retry_after() {
    let limits = LimitsConfig {
        rate_limit_per_minute: 60,
        rate_limit_burst: 3,
        ..LimitsConfig::default()
    };
    let app = spawn_app_with(limits).await;
    let query = json!({ "query": "{ persons { totalCount } }" });
    for _ in 0..3 {
        assert_eq!(post(&app, query.clone(), &[]).await.0, StatusCode::OK);
    }
    let request = Request::post("/graphql")
        .header("content-type", "application/json")
        .body(Body::from(query.to_string()))
        .unwrap();
    let response = tower::ServiceExt::oneshot(app.router.clone(), request)
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()["retry-after"], "1");
    let key = app.key(quipu::auth::Role::Reader).await;
    let bearer = format!("Bearer {key}");
    let (status, _) = post(&app, query.clone(), &[("authorization", bearer.as_str())]).await;
    assert_eq!(status, StatusCode::OK, "an API key has its own budget");
    let (_, health) = app
        .send(Request::get("/health").body(Body::empty()).unwrap())
        .await;
    assert_eq!(health, json!("ok"), "health checks are not rate limited");
}

#[tokio::test]
async fn introspection_can_be_switched_off() {
    let app = spawn_app_with(LimitsConfig {
        introspection: false,
        ..LimitsConfig::default()
    })
    .await;
    let response = app.query("{ __schema { queryType { name } } }").await;
    assert_eq!(
        response["errors"][0]["extensions"]["code"], "INTROSPECTION_DISABLED",
        "{response}"
    );
    assert_eq!(
        app.data("{ persons { totalCount } }").await["persons"]["totalCount"],
        0
    );
}

#[tokio::test]
async fn automatic_persisted_queries_run_by_hash() {
    let app = spawn_app_with_data().await;
    let query = "{ person(slug: \"dina-boluarte\") { name } }";
    let hash = quipu::store::operations::sha256_hex(query);
    let by_hash =
        json!({ "extensions": { "persistedQuery": { "version": 1, "sha256Hash": hash } } });
    let (_, unknown) = post(&app, by_hash.clone(), &[]).await;
    assert_eq!(unknown["errors"][0]["message"], "PersistedQueryNotFound");
    assert_eq!(
        unknown["errors"][0]["extensions"]["code"],
        "PERSISTED_QUERY_NOT_FOUND"
    );
    let with_text = json!({ "query": query, "extensions": { "persistedQuery": { "version": 1, "sha256Hash": hash } } });
    assert_eq!(
        post(&app, with_text, &[]).await.1["data"]["person"]["name"],
        "Dina Boluarte"
    );
    assert_eq!(
        post(&app, by_hash, &[]).await.1["data"]["person"]["name"],
        "Dina Boluarte"
    );
    let wrong = json!({ "query": query, "extensions": { "persistedQuery": { "version": 1, "sha256Hash": "00" } } });
    assert_eq!(
        post(&app, wrong, &[]).await.1["errors"][0]["extensions"]["code"],
        "BAD_USER_INPUT"
    );
}

#[tokio::test]
async fn the_allow_list_runs_only_registered_operations() {
    let app = load_data(
        spawn_app_with(LimitsConfig {
            allowlist: true,
            ..LimitsConfig::default()
        })
        .await,
    )
    .await;
    let registered = "query Boluarte { person(slug: \"dina-boluarte\") { name } }";
    let hash = quipu::store::operations::insert_operation(&app.db, "boluarte", registered)
        .await
        .unwrap();
    assert_eq!(
        app.data(registered).await["person"]["name"],
        "Dina Boluarte"
    );
    let by_hash =
        json!({ "extensions": { "persistedQuery": { "version": 1, "sha256Hash": hash } } });
    assert_eq!(
        post(&app, by_hash, &[]).await.1["data"]["person"]["name"],
        "Dina Boluarte"
    );
    let (code, _) = app.error_code("{ persons { totalCount } }").await;
    assert_eq!(code, "OPERATION_NOT_ALLOWED");
}

#[tokio::test]
async fn the_graphql_response_media_type_is_served_when_asked_for() {
    let app = spawn_app_with_data().await;
    let accept = [("accept", "application/graphql-response+json")];
    let request = |query: &str| {
        Request::post("/graphql")
            .header("content-type", "application/json")
            .header(accept[0].0, accept[0].1)
            .body(Body::from(json!({ "query": query }).to_string()))
            .unwrap()
    };
    let ok = tower::ServiceExt::oneshot(app.router.clone(), request("{ persons { totalCount } }"))
        .await
        .unwrap();
    assert_eq!(
        (ok.status(), ok.headers()["content-type"].to_str().unwrap()),
        (StatusCode::OK, "application/graphql-response+json")
    );
    let invalid = tower::ServiceExt::oneshot(app.router.clone(), request("{ nosuchfield }"))
        .await
        .unwrap();
    assert_eq!(invalid.status(), StatusCode::BAD_REQUEST);
    let plain = post(&app, json!({ "query": "{ nosuchfield }" }), &[]).await;
    assert_eq!(
        plain.0,
        StatusCode::OK,
        "application/json keeps 200 for GraphQL errors"
    );
}

#[tokio::test]
async fn metrics_and_readiness_report_the_service() {
    let app = spawn_app_with_data().await;
    app.data("{ persons { totalCount } }").await;
    app.query("{ person(slug: \"nobody\") { id } }").await;
    let (status, ready) = app
        .send(Request::get("/ready").body(Body::empty()).unwrap())
        .await;
    assert_eq!((status, ready), (StatusCode::OK, json!("ready")));
    // On the API's address, `/metrics` is for an admin key.
    let (status, body) = app
        .send(Request::get("/metrics").body(Body::empty()).unwrap())
        .await;
    assert_eq!(
        (status, &body["errors"][0]["extensions"]["code"]),
        (StatusCode::UNAUTHORIZED, &json!("UNAUTHENTICATED"))
    );
    let reader = app.key(quipu::auth::Role::Reader).await;
    let request = Request::get("/metrics").header("authorization", format!("Bearer {reader}"));
    let (status, _) = app.send(request.body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let text = crate::helpers::metrics_text(&app).await;
    for line in [
        "quipu_http_requests_total{route=\"/graphql\",status=\"200\"} 2",
        "quipu_graphql_errors_total{code=\"NOT_FOUND\"} 1",
        "# TYPE quipu_http_request_duration_seconds histogram",
        "quipu_http_request_duration_seconds_bucket{route=\"/graphql\",status=\"200\",le=\"+Inf\"} 2",
        "quipu_http_requests_total{route=\"/metrics\",status=\"401\"} 1",
        "# TYPE quipu_sql_statement_duration_seconds histogram",
        "quipu_db_pool_connections ",
        "# TYPE process_cpu_seconds_total counter",
        "process_resident_memory_bytes ",
        "process_open_fds ",
        &format!("quipu_build_info{{version=\"{}\"}} 1", env!("CARGO_PKG_VERSION")),
    ] {
        assert!(text.contains(line), "/metrics lacks `{line}`:\n{text}");
    }
    // `QUIPU_METRICS_ADDR` serves the same figures without a key.
    let state = quipu::AppState::new(
        app.db.clone(),
        quipu::config::HttpConfig::default(),
        app.metrics.clone(),
    )
    .expect("the state");
    let response = tower::ServiceExt::oneshot(
        quipu::metrics_app(state),
        Request::get("/metrics").body(Body::empty()).unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}
