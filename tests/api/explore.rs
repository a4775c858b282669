//! Exploring the graph: search that forgives accents, typos and partial
//! words; neighbors and paths; timelines; casualty figures side by side;
//! grouped counts. Exact answers, the same on SQLite and PostgreSQL.

use serde_json::{json, Value};

use crate::helpers::{spawn_app_with_data, TestApp};

/// The IDs of the top `n` hits for `query`.
async fn top(app: &TestApp, query: &str, n: usize) -> (Vec<String>, Value) {
    let q = format!(
        r#"{{ search(query: {query:?}, first: {n}) {{ totalCount correctedQuery facets {{ type count }} edges {{ node {{ type snippet entity {{ id }} }} }} }} }}"#
    );
    let data = app.data(&q).await;
    let ids = data["search"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["entity"]["id"].as_str().unwrap().to_string())
        .collect();
    (ids, data["search"].clone())
}

#[tokio::test]
async fn misspelt_unaccented_and_partial_names_find_the_right_entity_first() {
    let app = spawn_app_with_data().await;
    for (query, expected) in [
        ("otarola", "Person:alberto-otarola"),
        ("Otárola", "Person:alberto-otarola"),
        ("boluarte", "Person:dina-boluarte"),
        ("BOLUARTE", "Person:dina-boluarte"),
        ("Cana", "Person:victor-canales"),
        ("victor canales", "Person:victor-canales"),
        ("Boularte", "Person:dina-boluarte"),
        ("Otarolla", "Person:alberto-otarola"),
        ("veronika mendosa", "Person:veronika-mendoza"),
        ("san roman", "Place:san-roman"),
        ("PNP", "Organization:peruvian-national-police"),
        ("Peru Libre", "Organization:free-peru"),
        ("juliace", "Place:juliaca"),
    ] {
        let (ids, _) = top(&app, query, 1).await;
        assert_eq!(ids, [expected], "search for {query:?}");
    }
}

#[tokio::test]
async fn search_ranks_reports_facets_and_highlights() {
    let app = spawn_app_with_data().await;
    let (ids, result) = top(&app, "otarola", 5).await;
    assert_eq!(
        ids,
        [
            "Person:alberto-otarola",
            "Incident:congress-confidence-vote-2023-01",
            "Statement:attorney-general-genocide-investigation",
            "Incident:genocide-investigation-2023-01-11"
        ]
    );
    assert_eq!(result["totalCount"], 4);
    assert_eq!(
        result["facets"],
        json!([{ "type": "INCIDENT", "count": 2 }, { "type": "PERSON", "count": 1 }, { "type": "STATEMENT", "count": 1 }])
    );
    assert_eq!(
        result["edges"][0]["node"]["snippet"],
        "Alberto <mark>Otárola</mark>"
    );
    assert_eq!(result["correctedQuery"], Value::Null);

    let (_, corrected) = top(&app, "Boularte", 1).await;
    assert_eq!(corrected["correctedQuery"], "boluarte");
}

#[tokio::test]
async fn phrases_and_type_filters_narrow_the_search() {
    let app = spawn_app_with_data().await;
    let (ids, result) = top(&app, "\"poorly designed\"", 5).await;
    // Both hold the phrase in their text (the same tier); BM25 puts the
    // one where it weighs more first.
    assert_eq!(
        ids,
        [
            "Statement:canales-poorly-designed",
            "Statement:canales-highest-level"
        ]
    );
    assert!(result["edges"][0]["node"]["snippet"]
        .as_str()
        .unwrap()
        .contains("<mark>poorly</mark> <mark>designed</mark>"));
    let (none, _) = top(&app, "\"designed poorly\"", 5).await;
    assert!(none.is_empty());

    let data = app.data(r#"{ search(query: "juliaca", types: [INCIDENT], first: 10) { totalCount edges { node { type entity { id } } } } }"#).await;
    assert_eq!(data["search"]["totalCount"], 3);
    assert!(data["search"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["node"]["type"] == "INCIDENT"));
    let (code, _) = app
        .error_code(r#"{ search(query: "  %%  ") { totalCount } }"#)
        .await;
    assert_eq!(code, "BAD_USER_INPUT");
}

#[tokio::test]
async fn the_canales_juliaca_path_is_found() {
    let app = spawn_app_with_data().await;
    let data = app
        .data(r#"{ paths(from: "Person:victor-canales", to: "Place:juliaca") { length edges { type from { id } to { id } } } }"#)
        .await;
    let paths: Vec<Vec<(String, String, String)>> = data["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    (
                        e["type"].as_str().unwrap().into(),
                        e["from"]["id"].as_str().unwrap().into(),
                        e["to"]["id"].as_str().unwrap().into(),
                    )
                })
                .collect()
        })
        .collect();
    let s = |t: &str, a: &str, b: &str| (t.to_string(), a.to_string(), b.to_string());
    assert_eq!(
        paths,
        vec![vec![
            s(
                "MEMBER_OF",
                "Person:victor-canales",
                "Organization:peruvian-army"
            ),
            s(
                "INVOLVED_IN",
                "Organization:peruvian-army",
                "Incident:juliaca-killings-2023-01-09"
            ),
            s(
                "LOCATED_IN",
                "Incident:juliaca-killings-2023-01-09",
                "Place:juliaca"
            ),
        ],]
    );
    let spoken = app
        .data(r#"{ paths(from: "Person:victor-canales", to: "Place:juliaca", edgeTypes: [SPOKE, ABOUT, LOCATED_IN]) { length } }"#)
        .await;
    // Canales spoke about Puno (a place), and Juliaca lies in Puno.
    assert_eq!(spoken["paths"], json!([{ "length": 4 }, { "length": 4 }]));
    let far = app.data(r#"{ paths(from: "Person:victor-canales", to: "Place:juliaca", maxLength: 2) { length } }"#).await;
    assert_eq!(far["paths"], json!([]));
}

#[tokio::test]
async fn neighbors_are_typed_and_bounded() {
    let app = spawn_app_with_data().await;
    let data = app
        .data(r#"{ neighbors(id: "Place:juliaca") { truncated nodes { distance node { id } } edges { type from { id } to { id } } } }"#)
        .await;
    let nodes: Vec<(u64, String)> = data["neighbors"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["distance"].as_u64().unwrap(),
                n["node"]["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        nodes,
        [
            (0, "Place:juliaca".into()),
            (1, "Place:san-roman".into()),
            (1, "Place:juliaca-airport".into()),
            (1, "Place:yanamayo".into()),
            (1, "Incident:juliaca-killings-2023-01-09".into()),
            (1, "Incident:juliaca-funeral-march-2023-01-11".into()),
            (1, "Statement:telesur-first-death-in-juliaca".into()),
            (1, "Statement:funeral-procession-murderers".into()),
            (1, "Statement:iachr-condemned-juliaca-deaths".into()),
        ]
    );
    assert_eq!(data["neighbors"]["edges"].as_array().unwrap().len(), 12);
    assert!(data["neighbors"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["type"] == "LOCATED_IN" || e["type"] == "ABOUT"));
    let wide = app.data(r#"{ neighbors(id: "Person:dina-boluarte", depth: 2, first: 10) { truncated nodes { distance } } }"#).await;
    assert_eq!(wide["neighbors"]["truncated"], true);
    assert_eq!(wide["neighbors"]["nodes"].as_array().unwrap().len(), 11);
    let (code, _) = app
        .error_code(r#"{ neighbors(id: "Place:juliaca", depth: 9) { truncated } }"#)
        .await;
    assert_eq!(code, "BAD_USER_INPUT");
}

#[tokio::test]
async fn a_timeline_of_puno_lists_its_incidents_and_statements_in_order() {
    let app = spawn_app_with_data().await;
    let data = app
        .data(r#"{ timeline(filter: { placeWithin: "puno" }) { totalCount edges { node { date precision kind node { id } } } } }"#)
        .await;
    let entries: Vec<Value> = data["timeline"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            json!([
                e["node"]["date"],
                e["node"]["precision"],
                e["node"]["node"]["id"]
            ])
        })
        .collect();
    assert_eq!(
        entries,
        [
            json!(["2023-01-04", "DAY", "Incident:indefinite-strike-2023-01-04"]),
            json!(["2023-01-09", "DAY", "Incident:juliaca-killings-2023-01-09"]),
            json!([
                "2023-01-09",
                "DAY",
                "Incident:puno-road-blockades-2023-01-09"
            ]),
            json!(["2023-01-09", "DAY", "Incident:cacerolazos-2023-01-09"]),
            json!([
                "2023-01-09",
                "DAY",
                "Statement:telesur-first-death-in-juliaca"
            ]),
            json!([
                "2023-01-09",
                "DAY",
                "Statement:local-media-security-forces-opened-fire"
            ]),
            json!([
                "2023-01-11",
                "DAY",
                "Incident:juliaca-funeral-march-2023-01-11"
            ]),
        ]
    );
    let incidents = app
        .data(r#"{ timeline(filter: { placeWithin: "puno", kinds: [INCIDENT], from: "2023-01-10" }) { totalCount edges { node { node { id } } } } }"#)
        .await;
    assert_eq!(incidents["timeline"]["totalCount"], 1);
    let boluarte = app.data(r#"{ timeline(filter: { actor: "Person:dina-boluarte" }, first: 2) { totalCount pageInfo { hasNextPage } } }"#).await;
    assert_eq!(
        boluarte["timeline"],
        json!({ "totalCount": 5, "pageInfo": { "hasNextPage": true } })
    );
}

#[tokio::test]
async fn the_juliaca_casualty_summary_shows_every_source_and_is_disputed() {
    let app = spawn_app_with_data().await;
    let data = app
        .data(r#"{ incident(slug: "juliaca-killings-2023-01-09") { casualtySummary { reportCount killedLowest killedHighest injuredLowest injuredHighest disputed reports { source { slug } killed } } } }"#)
        .await;
    let summary = &data["incident"]["casualtySummary"];
    assert_eq!(
        (
            summary["reportCount"].clone(),
            summary["killedLowest"].clone(),
            summary["killedHighest"].clone(),
            summary["injuredLowest"].clone(),
            summary["injuredHighest"].clone(),
            summary["disputed"].clone()
        ),
        (
            json!(5),
            json!(12),
            json!(18),
            json!(38),
            json!(100),
            json!(true)
        )
    );
    let cusco = app.data(r#"{ incident(slug: "cusco-killing-2023-01-10") { casualtySummary { disputed killedLowest killedHighest } } }"#).await;
    assert_eq!(
        cusco["incident"]["casualtySummary"],
        json!({ "disputed": false, "killedLowest": 1, "killedHighest": 1 })
    );
    let overview = app
        .data(r#"{ casualties(filter: { placeWithin: "ayacucho", from: "2022-12", to: "2022-12" }) { disputed incidents { incident { slug } summary { injuredLowest injuredHighest } } } }"#)
        .await;
    assert_eq!(
        overview["casualties"],
        json!({ "disputed": true, "incidents": [{ "incident": { "slug": "ayacucho-killings-2022-12-15" }, "summary": { "injuredLowest": 52, "injuredHighest": 66 } }] })
    );
}

#[tokio::test]
async fn grouped_counts_for_pages() {
    let app = spawn_app_with_data().await;
    let data = app
        .data(
            r#"{
      incidentsByPlace { place { slug } count }
      incidentsByOrganization(filter: { kind: [KILLING] }) { organization { slug } count }
      statementsByMonth { month count }
      incidentsByMonth(filter: { place: { within: "puno" } }) { month count }
      statementsBySpeaker(first: 3) { speaker { name } count }
    }"#,
        )
        .await;
    assert_eq!(
        data["incidentsByPlace"],
        json!([
            { "place": { "slug": "puno" }, "count": 3 }, { "place": { "slug": "ayacucho" }, "count": 2 },
            { "place": { "slug": "apurimac" }, "count": 1 }, { "place": { "slug": "cusco" }, "count": 1 }
        ])
    );
    assert_eq!(
        data["incidentsByOrganization"],
        json!([{ "organization": { "slug": "peruvian-national-police" }, "count": 4 }, { "organization": { "slug": "peruvian-army" }, "count": 3 }])
    );
    assert_eq!(
        data["statementsByMonth"],
        json!([{ "month": "2022-12", "count": 3 }, { "month": "2023-01", "count": 7 }, { "month": "2024-07", "count": 3 }, { "month": "2024-12", "count": 1 }])
    );
    assert_eq!(
        data["incidentsByMonth"],
        json!([{ "month": "2023-01", "count": 5 }])
    );
    assert_eq!(
        data["statementsBySpeaker"],
        json!([
            { "speaker": { "name": "Dina Boluarte" }, "count": 11 }, { "speaker": { "name": "Víctor Canales" }, "count": 11 },
            { "speaker": { "name": "Peruvian Army" }, "count": 4 }
        ])
    );
}
