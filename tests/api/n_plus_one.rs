//! Nested queries cost a bounded number of SQL statements: the count, read
//! from the connection's own metric callback, does not grow with the rows.

use crate::helpers::{spawn_app_with_data, TestApp};

/// The SQL statements a query sends, and how many rows its first list returned.
///
/// The DataLoader batches the keys that arrive within a millisecond; on a
/// loaded machine a batch can split in two, so the fewest of three runs is
/// taken, the same way for one row as for all.
async fn cost(app: &TestApp, query: &str, list: &str) -> (u64, usize) {
    let mut fewest = u64::MAX;
    let mut rows = 0;
    for _ in 0..3 {
        let before = app.metrics.statements();
        let data = app.data(query).await;
        rows = data[list]["edges"].as_array().map_or(0, Vec::len);
        fewest = fewest.min(app.metrics.statements() - before);
    }
    (fewest, rows)
}

#[tokio::test]
async fn statements_speakers_positions_organizations_cost_the_same_for_one_row_or_all() {
    let app = spawn_app_with_data().await;
    let query = |n: usize| {
        format!(
            r#"{{ statements(first: {n}, filter: {{ speaker: {{ kind: PERSON }} }}) {{ edges {{ node {{
                speaker {{ name ... on Person {{ positions {{ title organization {{ name }} }} }} }}
                incidents {{ place {{ ancestors {{ name }} }} }} source {{ publisher {{ name }} }}
            }} }} }} }}"#
        )
    };
    let (one, one_rows) = cost(&app, &query(1), "statements").await;
    let (all, all_rows) = cost(&app, &query(100), "statements").await;
    assert_eq!((one_rows, all_rows), (1, 33));
    assert_eq!(
        one, all,
        "statements grew with rows: {one} for 1 row, {all} for {all_rows}"
    );
    assert!(all <= 14, "{all} statements for a five-level query");
}

#[tokio::test]
async fn incidents_casualty_reports_sources_cost_the_same_for_one_row_or_all() {
    let app = spawn_app_with_data().await;
    let query = |n: usize| {
        format!(
            r#"{{ incidents(first: {n}, filter: {{ kind: [KILLING] }}) {{ edges {{ node {{
                casualtyReports {{ killed source {{ title publisher {{ name }} }} citations {{ excerpt source {{ slug }} }} }}
            }} }} }} }}"#
        )
    };
    let (one, one_rows) = cost(&app, &query(1), "incidents").await;
    let (all, all_rows) = cost(&app, &query(100), "incidents").await;
    assert_eq!((one_rows, all_rows), (1, 6));
    assert_eq!(
        one, all,
        "statements grew with rows: {one} for 1 row, {all} for {all_rows}"
    );
}

#[tokio::test]
async fn a_lookup_by_id_is_one_statement() {
    let app = spawn_app_with_data().await;
    for query in [
        r#"{ node(id: "Person:dina-boluarte") { id ... on Person { name version } } }"#,
        r#"{ statement(slug: "boluarte-pretext-chaos") { text retracted } }"#,
    ] {
        let before = app.metrics.statements();
        app.data(query).await;
        assert_eq!(app.metrics.statements() - before, 1, "{query}");
    }
}
