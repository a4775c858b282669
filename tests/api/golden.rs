//! The SQL each plan sends, held to golden files
//! (`tests/golden/plans.sqlite.sql`, `tests/golden/plans.postgres.sql`): a
//! change to what a query costs, or to how it reads, shows in review as a
//! diff of SQL. `QUIPU_BLESS=1 cargo test golden` rewrites the file of the
//! database the tests run on.

use std::path::PathBuf;

use quipu::config::LimitsConfig;

use crate::helpers::{load_data, spawn_app_with};

/// The queries whose SQL is held: the flagship, the benchmark's shapes, and
/// one of each kind of plan (connections below rows, batches of records,
/// mentions, parts, links, summaries).
const QUERIES: &[(&str, &str)] = &[
    (
        "puno",
        r#"{ statements(first: 20, orderBy: {field: DATE, direction: DESC},
  filter: { spokenAsOfficial: true, about: { place: { within: "puno" } } }) {
  edges { node { text date
    speaker { ... on Person { name positions { title organization { name } } } ... on Organization { name } }
    incidents { title place { name ancestors { name } } }
    source { title } citations { excerpt } } } } }"#,
    ),
    (
        "nested",
        "{ statements(first: 100) { edges { node { id incidents { id casualtyReports { killed source { id } } } } } } }",
    ),
    (
        "deep",
        "{ statements(first: 100) { edges { node { text speaker { name }
  incidents { title place { name ancestors { name } } casualtyReports { killed source { title publisher { name } } } }
  citations { excerpt source { title } } } } } }",
    ),
    (
        "connections",
        "{ persons(first: 50) { nodes { name isOfficial aliases
  statements(last: 5) { totalCount pageInfo { hasNextPage } edges { cursor node { text mentions { ... on Person { name } } } } } } } }",
    ),
    (
        "incident",
        r#"{ incident(slug: "juliaca-killings-2023-01-09") { title places { name }
  casualtySummary { killedLowest killedHighest disputed reports { killed source { title } } }
  participants { role person { name } } involvedOrganizations { role organization { name } }
  links { relation to { title } } statements(first: 3) { totalCount nodes { text } } } }"#,
    ),
    (
        "timeline",
        r#"{ timeline(filter: { placeWithin: "puno" }, first: 20) { edges { node { date node { id
  ... on Statement { text speaker { ... on Person { name } } } ... on Incident { title place { name } } } } } } }"#,
    ),
    (
        "nodes",
        r#"{ nodes(ids: ["Person:dina-boluarte", "Place:juliaca", "Statement:boluarte-pretext-chaos"]) { id
  ... on Person { positions { title } } ... on Place { ancestors { name } } ... on Statement { source { title } } } }"#,
    ),
];

/// The golden file of the database the tests run on.
fn golden(backend: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/golden/plans.{backend}.sql"))
}

#[tokio::test]
async fn planned_queries_send_the_golden_sql() {
    let limits = LimitsConfig {
        rate_limit_per_minute: 0,
        ..LimitsConfig::default()
    };
    let app = load_data(spawn_app_with(limits).await).await;
    let backend = match app.url.starts_with("postgres") {
        true => "postgres",
        false => "sqlite",
    };
    let mut text = String::new();
    for (name, query) in QUERIES {
        app.metrics.capture();
        let response = app.query(query).await;
        assert!(response.get("errors").is_none(), "{name}: {response}");
        let mut statements = app.metrics.captured();
        // A batch reads its kinds in no set order; the set is what is held.
        statements.sort();
        text.push_str(&format!("-- {name}: {} statements\n", statements.len()));
        for statement in statements {
            text.push_str(&format!("{};\n", statement.trim()));
        }
        text.push('\n');
    }
    let path = golden(backend);
    if std::env::var_os("QUIPU_BLESS").is_some() {
        std::fs::write(&path, &text).expect("the golden file is writable");
        return;
    }
    let held = std::fs::read_to_string(&path).unwrap_or_default();
    if held != text {
        let changed = held
            .lines()
            .zip(text.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(held.lines().count().min(text.lines().count()));
        panic!(
            "the planned SQL differs from {} at line {}:\n  held: {:?}\n  sent: {:?}\n\
             If the change is meant, run `QUIPU_BLESS=1 cargo test golden` (and with \
             QUIPU_TEST_DATABASE_URL for PostgreSQL) and review the diff.",
            path.display(),
            changed + 1,
            held.lines().nth(changed).unwrap_or(""),
            text.lines().nth(changed).unwrap_or(""),
        );
    }
}
