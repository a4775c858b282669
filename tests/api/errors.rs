//! Bad input gets a GraphQL error with a clear message and an
//! `extensions.code`, never a panic or a 500; the server keeps serving.

use axum::body::Body;
use axum::http::{Request, StatusCode};

use crate::helpers::spawn_app_with_data;

#[tokio::test]
async fn each_kind_of_bad_input_gets_its_code() {
    let app = spawn_app_with_data().await;
    let cases = [
        (
            r#"{ node(id: "Person:nobody-at-all") { id } }"#,
            "NOT_FOUND",
            "Person:nobody-at-all",
        ),
        (
            r#"{ person(slug: "nobody-at-all") { id } }"#,
            "NOT_FOUND",
            "no Person with slug",
        ),
        (
            r#"{ node(id: "not an id") { id } }"#,
            "BAD_USER_INPUT",
            "is not a Quipu ID",
        ),
        (
            r#"{ person(id: "Place:puno") { id } }"#,
            "BAD_USER_INPUT",
            "is the ID of a Place",
        ),
        (
            r#"{ person { id } }"#,
            "BAD_USER_INPUT",
            "exactly one of `id` and `slug`",
        ),
        (
            r#"{ persons(first: 101) { totalCount } }"#,
            "BAD_USER_INPUT",
            "at most 100",
        ),
        (
            r#"{ persons(last: -1) { totalCount } }"#,
            "BAD_USER_INPUT",
            "must not be negative",
        ),
        (
            r#"{ persons(after: "bm9wZQ") { totalCount } }"#,
            "BAD_USER_INPUT",
            "is not a cursor",
        ),
        (
            r#"{ statements(filter: { about: { place: { within: "atlantis" } } }) { totalCount } }"#,
            "NOT_FOUND",
            "no place 'atlantis'",
        ),
        (
            r#"{ statements(filter: { about: { place: { within: "Person:puno" } } }) { totalCount } }"#,
            "BAD_USER_INPUT",
            "not of a Place",
        ),
        (
            r#"{ statements(filter: { dateFrom: "2023-02-30" }) { totalCount } }"#,
            "BAD_USER_INPUT",
            "has no day 30",
        ),
        (
            r#"{ statements(filter: { dateFrom: "January 2023" }) { totalCount } }"#,
            "BAD_USER_INPUT",
            "is not a date",
        ),
        (
            r#"{ persons { edges { node { nosuchfield } } } }"#,
            "BAD_USER_INPUT",
            "nosuchfield",
        ),
        (r#"{ persons( "#, "BAD_USER_INPUT", ""),
    ];
    for (query, code, message) in cases {
        let (got_code, got_message) = app.error_code(query).await;
        assert_eq!(got_code, code, "{query}: {got_message}");
        assert!(
            got_message.contains(message),
            "{query}: '{got_message}' should contain '{message}'"
        );
    }
    let data = app
        .data(r#"{ person(slug: "dina-boluarte") { name } }"#)
        .await;
    assert_eq!(
        data["person"]["name"], "Dina Boluarte",
        "the server keeps serving"
    );
}

#[tokio::test]
async fn a_body_that_is_not_graphql_gets_a_400_with_a_code() {
    let app = spawn_app_with_data().await;
    for body in ["{ not json", "[1, 2", "\"just a string\""] {
        let request = Request::post("/graphql")
            .header("content-type", "application/json")
            .body(Body::from(body))
            .unwrap();
        let (status, json) = app.send(request).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}: {json}");
        assert_eq!(
            json["errors"][0]["extensions"]["code"], "BAD_REQUEST",
            "{body}"
        );
    }
}

#[tokio::test]
async fn text_that_looks_like_sql_is_only_text() {
    let app = spawn_app_with_data().await;
    let query = r#"{ statements(filter: { textContains: "'; DROP TABLE statement; --" }) { totalCount } persons(filter: { nameContains: "%" }) { totalCount } }"#;
    let data = app.data(query).await;
    assert_eq!(data["statements"]["totalCount"], 0);
    assert_eq!(data["persons"]["totalCount"], 0);
    let after = app.data("{ statements { totalCount } }").await;
    assert_eq!(after["statements"]["totalCount"], 81);
}
