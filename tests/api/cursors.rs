//! Keyset cursors hold under writes: a page continues after the row its
//! cursor names, whatever is inserted, retracted or merged before it, and a
//! cursor of another list or order, or a forged one, is BAD_USER_INPUT.

use quipu::auth::Role;
use serde_json::{json, Value};

use crate::helpers::{pluck, spawn_app_with_data, TestApp};

const PAGE: &str = r#"query($after: String, $order: StatementOrder) {
  statements(first: 7, after: $after, orderBy: $order) { pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { slug } } }
}"#;

/// Every statement slug, in `order`.
async fn all_slugs(app: &TestApp, order: &Value) -> Vec<Value> {
    let query = r#"query($order: StatementOrder) { statements(first: 100, orderBy: $order) { edges { node { slug } } } }"#;
    let data = app.query_with(query, json!({ "order": order })).await;
    pluck(&data["data"]["statements"], "slug")
}

/// Writes that would shift an offset cursor: a statement dated before every
/// other, the retraction of a row already read, a merge of two persons.
async fn write_before_the_cursor(
    app: &TestApp,
    key: &str,
    tag: usize,
    round: usize,
    seen: &[Value],
) {
    let input = json!({ "text": format!("inserted early {tag} {round}"), "language": "en", "date": "1990-01-01",
        "slug": format!("inserted-early-{tag}-{round}"),
        "speakerId": "Person:dina-boluarte", "sourceId": "Source:peoples-dispatch-juliaca-massacre" });
    app.write(key, "mutation($input: CreateStatementInput!) { createStatement(input: $input) { statement { id } } }", json!({ "input": input }))
        .await;
    if let Some(slug) = seen.get(round).and_then(Value::as_str) {
        let found = app
            .data(&format!(
                r#"{{ statement(slug: "{slug}") {{ id version }} }}"#
            ))
            .await;
        let retract = "mutation($id: ID!, $version: Int!) { retract(input: { id: $id, version: $version }) { node { id } } }";
        app.write(
            key,
            retract,
            json!({ "id": found["statement"]["id"], "version": found["statement"]["version"] }),
        )
        .await;
    }
    if (tag, round) == (0, 1) {
        let merge = r#"mutation { merge(input: { survivorId: "Person:vladimir-cerron", mergedId: "Person:veronika-mendoza" }) { node { id } } }"#;
        app.write(key, merge, json!({})).await;
    }
}

#[tokio::test]
async fn pages_hold_while_rows_are_inserted_retracted_and_merged_before_the_cursor() {
    let app = spawn_app_with_data().await;
    let key = app.key(Role::Editor).await;
    let orders = [
        json!({ "field": "DATE", "direction": "ASC" }),
        json!({ "field": "DATE", "direction": "DESC" }),
    ];
    for (tag, order) in orders.into_iter().enumerate() {
        let before = all_slugs(&app, &order).await;
        let mut seen: Vec<Value> = Vec::new();
        let mut after: Option<String> = None;
        for round in 0.. {
            let data = app
                .query_with(PAGE, json!({ "after": after, "order": order }))
                .await;
            let page = &data["data"]["statements"];
            seen.extend(pluck(page, "slug"));
            assert_eq!(page["pageInfo"]["hasPreviousPage"], after.is_some());
            if page["pageInfo"]["hasNextPage"] == false {
                break;
            }
            after = page["pageInfo"]["endCursor"].as_str().map(String::from);
            write_before_the_cursor(&app, &key, tag, round, &seen).await;
        }
        let now = all_slugs(&app, &order).await;
        for slug in before.iter().filter(|s| now.contains(s)) {
            let times = seen.iter().filter(|s| *s == slug).count();
            assert_eq!(times, 1, "{slug} seen {times} times in {order}");
        }
        let dupes = seen.len() - seen.iter().collect::<std::collections::HashSet<_>>().len();
        assert_eq!(dupes, 0, "{order}");
    }
}

#[tokio::test]
async fn a_cursor_of_another_list_or_order_is_bad_input() {
    let app = spawn_app_with_data().await;
    let persons = app
        .data("{ persons(first: 2) { pageInfo { endCursor } } }")
        .await;
    let person_cursor = persons["persons"]["pageInfo"]["endCursor"]
        .as_str()
        .unwrap()
        .to_string();
    let by_date = app
        .data("{ statements(first: 2) { pageInfo { endCursor } } }")
        .await;
    let date_cursor = by_date["statements"]["pageInfo"]["endCursor"]
        .as_str()
        .unwrap()
        .to_string();
    for query in [
        format!(r#"{{ statements(first: 2, after: "{person_cursor}") {{ totalCount }} }}"#),
        format!(
            r#"{{ statements(first: 2, after: "{date_cursor}", orderBy: {{ field: DATE, direction: DESC }}) {{ totalCount }} }}"#
        ),
        format!(
            r#"{{ person(slug: "victor-canales") {{ statements(first: 2, after: "{date_cursor}") {{ totalCount }} }} }}"#
        ),
        format!(r#"{{ search(query: "juliaca", after: "{date_cursor}") {{ totalCount }} }}"#),
    ] {
        let (code, message) = app.error_code(&query).await;
        assert_eq!(code, "BAD_USER_INPUT", "{query}: {message}");
    }
}

#[tokio::test]
async fn backward_pages_are_exact_at_both_ends() {
    let app = spawn_app_with_data().await;
    let all = all_slugs(&app, &json!({ "field": "DATE", "direction": "ASC" })).await;
    let last = app
        .data("{ statements(last: 5) { pageInfo { hasNextPage hasPreviousPage startCursor } edges { node { slug } } } }")
        .await;
    assert_eq!(pluck(&last["statements"], "slug"), all[all.len() - 5..]);
    assert_eq!(last["statements"]["pageInfo"]["hasNextPage"], false);
    assert_eq!(last["statements"]["pageInfo"]["hasPreviousPage"], true);
    let start = last["statements"]["pageInfo"]["startCursor"]
        .as_str()
        .unwrap();
    let earlier = app
        .data(&format!(r#"{{ statements(last: 3, before: "{start}") {{ pageInfo {{ hasNextPage hasPreviousPage }} edges {{ node {{ slug }} }} }} }}"#))
        .await;
    assert_eq!(
        pluck(&earlier["statements"], "slug"),
        all[all.len() - 8..all.len() - 5]
    );
    assert_eq!(earlier["statements"]["pageInfo"]["hasNextPage"], true);
    let first = app
        .data("{ statements(first: 3) { pageInfo { endCursor } } }")
        .await;
    let end = first["statements"]["pageInfo"]["endCursor"]
        .as_str()
        .unwrap();
    let none_before = app
        .data(&format!(r#"{{ statements(last: 10, before: "{end}") {{ pageInfo {{ hasPreviousPage hasNextPage }} edges {{ node {{ slug }} }} }} }}"#))
        .await;
    assert_eq!(pluck(&none_before["statements"], "slug"), all[..2]);
    assert_eq!(
        none_before["statements"]["pageInfo"]["hasPreviousPage"],
        false
    );
    assert_eq!(none_before["statements"]["pageInfo"]["hasNextPage"], true);
}

#[tokio::test]
async fn the_timeline_pages_by_keyset_across_dates_and_kinds() {
    let app = spawn_app_with_data().await;
    let entries = |data: &Value| -> Vec<Value> {
        data["timeline"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["node"]["node"]["id"].clone())
            .collect()
    };
    let all = app
        .data("{ timeline(first: 100) { edges { node { node { id } } } } }")
        .await;
    let all = entries(&all);
    assert!(all.len() > 30);
    let mut paged = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let query = "query($after: String) { timeline(first: 3, after: $after) { pageInfo { hasNextPage endCursor } edges { node { node { id } } } } }";
        let data = app.query_with(query, json!({ "after": after })).await;
        paged.extend(entries(&data["data"]));
        let info = &data["data"]["timeline"]["pageInfo"];
        if info["hasNextPage"] == false {
            break;
        }
        after = info["endCursor"].as_str().map(String::from);
    }
    assert_eq!(paged, all);
}
