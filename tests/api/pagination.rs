//! Relay cursor pagination, forwards and backwards, on root lists and relations.

use serde_json::{json, Value};

use crate::helpers::{pluck, spawn_app_with_data};

/// The slugs and page info of a page of persons.
async fn persons_page(app: &crate::helpers::TestApp, args: &str) -> (Vec<Value>, Value, Value) {
    let args = if args.is_empty() {
        String::new()
    } else {
        format!("({args})")
    };
    let query = format!("{{ persons{args} {{ totalCount pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }} edges {{ node {{ slug }} }} }} }}");
    let data = app.data(&query).await;
    (
        pluck(&data["persons"], "slug"),
        data["persons"]["pageInfo"].clone(),
        data["persons"]["totalCount"].clone(),
    )
}

#[tokio::test]
async fn pages_forward_and_backward_cover_the_list_exactly_once() {
    let app = spawn_app_with_data().await;
    let (all, _, total) = persons_page(&app, "first: 100").await;
    assert_eq!(total, json!(26));
    assert_eq!(all.len(), 26);

    let mut forward = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let args = match &after {
            Some(c) => format!("first: 7, after: \"{c}\""),
            None => "first: 7".into(),
        };
        let (slugs, info, _) = persons_page(&app, &args).await;
        forward.extend(slugs);
        assert_eq!(info["hasPreviousPage"], after.is_some());
        if info["hasNextPage"] == false {
            break;
        }
        after = info["endCursor"].as_str().map(String::from);
    }
    assert_eq!(forward, all);

    let mut backward = Vec::new();
    let mut before: Option<String> = None;
    loop {
        let args = match &before {
            Some(c) => format!("last: 10, before: \"{c}\""),
            None => "last: 10".into(),
        };
        let (slugs, info, _) = persons_page(&app, &args).await;
        backward.splice(0..0, slugs);
        if info["hasPreviousPage"] == false {
            break;
        }
        before = info["startCursor"].as_str().map(String::from);
    }
    assert_eq!(backward, all);
}

#[tokio::test]
async fn the_default_page_is_twenty_and_empty_pages_are_fine() {
    let app = spawn_app_with_data().await;
    let (slugs, info, _) = persons_page(&app, "").await;
    assert_eq!(slugs.len(), 20);
    assert_eq!(info["hasNextPage"], true);
    let (slugs, info, total) = persons_page(&app, "first: 0").await;
    assert_eq!((slugs.len(), total), (0, json!(26)));
    assert_eq!(info["startCursor"], Value::Null);
}

#[tokio::test]
async fn relation_connections_page_too() {
    let app = spawn_app_with_data().await;
    let query = r#"{ person(slug: "victor-canales") {
        first: statements(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { slug } } }
        last: statements(last: 2) { pageInfo { hasPreviousPage } edges { node { slug } } }
    } }"#;
    let data = app.data(query).await;
    let first = &data["person"]["first"];
    assert_eq!(first["totalCount"], 11);
    assert_eq!(first["pageInfo"]["hasNextPage"], true);
    assert_eq!(
        pluck(first, "slug"),
        [
            json!("canales-farewell-respect-the-laws"),
            json!("canales-deaths-in-puno")
        ]
    );
    let cursor = first["pageInfo"]["endCursor"].as_str().unwrap();
    let next = app
        .data(&format!(r#"{{ person(slug: "victor-canales") {{ statements(first: 2, after: "{cursor}") {{ edges {{ node {{ slug }} }} }} }} }}"#))
        .await;
    assert_eq!(
        pluck(&next["person"]["statements"], "slug"),
        [
            json!("canales-highest-level"),
            json!("canales-victim-witness-denouncer")
        ]
    );
    let last = &data["person"]["last"];
    assert_eq!(last["pageInfo"]["hasPreviousPage"], true);
    assert_eq!(
        pluck(last, "slug"),
        [
            json!("canales-implied-boluarte-responsible"),
            json!("canales-willing-to-talk-to-prosecutors")
        ]
    );
}
