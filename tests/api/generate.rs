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
