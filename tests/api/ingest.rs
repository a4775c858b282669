//! Importing and verifying datasets: one transaction, idempotent, clear
//! errors naming the file and record, and quotes checked against the seeds.

use std::path::Path;

use quipu::ingest::{self, Dataset};
use sea_orm::{ConnectionTrait, Statement};

use crate::helpers::{data_dir, spawn_app, spawn_app_with_data, TestApp};

/// Every table's row count, as a fingerprint of the database.
async fn row_counts(app: &TestApp) -> Vec<(String, i64)> {
    let mut counts = Vec::new();
    for table in migration::TABLES
        .iter()
        .chain(&migration::RECORD_LINK_TABLES)
    {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        let row = app
            .db
            .query_one_raw(Statement::from_string(app.db.get_database_backend(), sql))
            .await
            .unwrap()
            .unwrap();
        counts.push((table.to_string(), row.try_get_by_index::<i64>(0).unwrap()));
    }
    counts
}

const SNAPSHOT: &str = r#"{
  statements(first: 100) { edges { node { id text date speaker { id } incidents { id } mentions { id } citations { excerpt source { id } } } } }
  persons(first: 100) { edges { node { id name aliases positions { id title } } } }
  incidents(first: 100) { edges { node { id place { id } casualtyReports { id killed injured } involvedOrganizations { role } } } }
}"#;

#[tokio::test]
async fn importing_twice_changes_nothing() {
    let app = spawn_app_with_data().await;
    let (counts, graph) = (row_counts(&app).await, app.data(SNAPSHOT).await);
    let dataset = Dataset::load(&data_dir()).unwrap();
    ingest::import(&app.db, &dataset).await.unwrap();
    assert_eq!(row_counts(&app).await, counts);
    assert_eq!(app.data(SNAPSHOT).await, graph);
}

#[tokio::test]
async fn a_bad_reference_names_the_file_and_record_and_writes_nothing() {
    let app = spawn_app().await;
    let dataset = Dataset::from_texts(&[(
        "bad.toml",
        r#"
[[person]]
name = "Ana Example"
[[source]]
slug = "a-source"
kind = "news_article"
title = "A source"
[[statement]]
slug = "a-statement"
speaker = "ana-example"
text = "words"
language = "en"
source = "a-source"
about = ["no-such-incident"]
"#,
    )])
    .unwrap();
    let error = ingest::import(&app.db, &dataset)
        .await
        .unwrap_err()
        .to_string();
    assert_eq!(
        error,
        "bad.toml: statement 'a-statement': unknown incident 'no-such-incident'"
    );
    assert!(
        row_counts(&app).await.iter().all(|(_, n)| *n == 0),
        "nothing may be half-imported"
    );
}

#[tokio::test]
async fn duplicate_slugs_malformed_dates_and_unknown_fields_are_refused() {
    let cases = [
        ("[[person]]\nslug = \"x\"\nname = \"A\"\n[[person]]\nslug = \"x\"\nname = \"B\"\n", "person 'x': duplicate slug, first used in f.toml"),
        ("[[source]]\nslug = \"s\"\nkind = \"report\"\ntitle = \"T\"\npublished_at = \"2023-13\"\n", "source 's': published_at: '2023-13' has no month 13"),
        ("[[person]]\nname = \"A\"\nnmae = \"typo\"\n", "unknown field `nmae`"),
        ("[[organization]]\nname = \"A\"\nkind = \"army\"\n", "unknown variant `army`"),
        ("[[person]]\nslug = \"Not A Slug\"\nname = \"A\"\n", "not a slug"),
    ];
    for (text, expected) in cases {
        let error = Dataset::from_texts(&[("f.toml", text)])
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("f.toml"), "{error}");
        assert!(
            error.contains(expected),
            "'{error}' should contain '{expected}'"
        );
    }
}

#[tokio::test]
async fn derived_slugs_break_ties_with_a_qualifier() {
    let dataset = Dataset::from_texts(&[(
        "f.toml",
        "[[person]]\nname = \"José Pérez\"\n[[person]]\nname = \"Jose Perez\"\n",
    )])
    .unwrap();
    let slugs: Vec<&str> = dataset.persons.iter().map(|p| p.slug.as_str()).collect();
    assert_eq!(slugs, ["jose-perez", "jose-perez-2"]);
}

#[test]
fn every_quote_and_excerpt_is_in_the_seed_documents() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("../shared/seeds is absent: skipping verification against the seeds");
        return;
    }
    let dataset = Dataset::load(&data_dir()).unwrap();
    let report = ingest::verify(&dataset, &seeds).unwrap();
    assert!(report.is_clean(), "{report}");
    assert!(report.checked > 100, "{report}");
}

#[test]
fn verification_catches_a_changed_figure() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !seeds.is_dir() {
        return;
    }
    let mut dataset = Dataset::load(&data_dir()).unwrap();
    let report = dataset
        .casualty_reports
        .iter_mut()
        .find(|c| c.slug == "protest-killings-2022-2023-peoples-dispatch-canales-boluarte")
        .unwrap();
    report.record.citations[0].excerpt = report.record.citations[0]
        .excerpt
        .replace("nearly 50", "nearly 51");
    dataset.statements[0].record.text.push_str(" (sic)");
    let report = ingest::verify(&dataset, &seeds).unwrap();
    // The excerpt and the text are not in the seed, and the figure and its words are not in the excerpt.
    assert_eq!(report.mismatches.len(), 4, "{report}");
}

#[tokio::test]
async fn migrations_run_down_and_up_cleanly() {
    let app = spawn_app_with_data().await;
    quipu::db::migrate_down(&app.db).await.unwrap();
    quipu::db::migrate(&app.db).await.unwrap();
    assert!(ingest::is_empty(&app.db).await.unwrap());
    let dataset = Dataset::load(&data_dir()).unwrap();
    ingest::import(&app.db, &dataset).await.unwrap();
    assert_eq!(
        app.data("{ persons { totalCount } }").await["persons"]["totalCount"],
        26
    );
}
