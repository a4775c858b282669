//! The synthetic graph generator: deterministic, complete, and queryable.

use crate::helpers::spawn_app;

#[tokio::test]
async fn generated_graphs_answer_the_puno_query_and_repeat_for_a_seed() {
    let app = spawn_app().await;
    let shape = quipu::generate::Shape::for_statements(2_000);
    quipu::generate::generate(&app.db, shape, 7).await.unwrap();
    let data = app
        .data(
            r#"{
      statements { totalCount }
      persons { totalCount }
      places(filter: { within: "puno" }) { totalCount }
      puno: statements(first: 5, filter: { speaker: { isOfficial: true }, about: { place: { within: "puno" } } }) {
        totalCount edges { node { speaker { __typename } incidents { place { ancestors { slug } } } } } }
      search(query: "repression", types: [STATEMENT], first: 1) { totalCount }
    }"#,
        )
        .await;
    assert_eq!(data["statements"]["totalCount"], 2_000);
    assert_eq!(data["persons"]["totalCount"], 50);
    assert_eq!(
        data["places"]["totalCount"],
        1 + 8 + 8 * 5,
        "Puno, its provinces and their cities"
    );
    let puno = &data["puno"];
    assert!(puno["totalCount"].as_u64().unwrap() > 0, "{puno}");
    let ancestors = &puno["edges"][0]["node"]["incidents"];
    assert!(
        ancestors.to_string().contains("\"puno\""),
        "some incident lies within Puno: {ancestors}"
    );
    assert!(data["search"]["totalCount"].as_u64().unwrap() > 0);

    let again = spawn_app().await;
    quipu::generate::generate(&again.db, shape, 7)
        .await
        .unwrap();
    let digest = "{ statements(first: 50) { edges { node { id text date speaker { id } incidents { id } } } } }";
    assert_eq!(
        app.data(digest).await,
        again.data(digest).await,
        "the same seed gives the same graph"
    );
}

/// A bulk-loaded SQLite database gets the planner's statistics once: without
/// them SQLite took a three-valued index as selective (see `db::refresh_statistics`).
#[tokio::test]
async fn a_bulk_load_leaves_the_query_planner_statistics() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let app = spawn_app().await;
    let shape = quipu::generate::Shape::for_statements(500);
    quipu::generate::generate(&app.db, shape, 3).await.unwrap();
    let backend = app.db.get_database_backend();
    let probe = match backend {
        DbBackend::Sqlite => "SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'",
        _ => "SELECT count(*) AS n FROM pg_stats WHERE tablename = 'statement'",
    };
    let count = async || {
        let statement = Statement::from_string(backend, probe);
        let row = app.db.query_one_raw(statement).await.unwrap().unwrap();
        row.try_get::<i64>("", "n").unwrap()
    };
    if backend == DbBackend::Sqlite {
        assert_eq!(count().await, 0, "no statistics before");
    }
    quipu::db::refresh_statistics(&app.db, true).await.unwrap();
    quipu::db::refresh_statistics(&app.db, false).await.unwrap();
    assert!(count().await > 0, "statistics after");
}
