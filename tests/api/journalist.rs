//! Questions a journalist would ask of the seed documents, with the exact
//! answers the bundled dataset must give.

use serde_json::{json, Value};

use crate::helpers::{pluck, spawn_app_with_data, strings};

/// `(source slug, killed, killed qualifier, injured, injured qualifier)` of casualty reports.
fn figures(reports: &Value) -> Vec<(String, Value, Value, Value, Value)> {
    reports
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let source = r["source"]["slug"].as_str().unwrap().to_string();
            (
                source,
                r["killed"].clone(),
                r["killedQualifier"].clone(),
                r["injured"].clone(),
                r["injuredQualifier"].clone(),
            )
        })
        .collect()
}

const FIGURES: &str =
    "casualtyReports { source { slug } killed killedQualifier injured injuredQualifier }";

#[tokio::test]
async fn how_many_died_at_juliaca_according_to_each_source() {
    let app = spawn_app_with_data().await;
    let data = app
        .data(&format!(
            r#"{{ incident(slug: "juliaca-killings-2023-01-09") {{ startDate {FIGURES} }} }}"#
        ))
        .await;
    assert_eq!(data["incident"]["startDate"], "2023-01-09");
    let (exact, at_least, more_than) = (json!("EXACT"), json!("AT_LEAST"), json!("MORE_THAN"));
    assert_eq!(
        figures(&data["incident"]["casualtyReports"]),
        vec![
            (
                "peoples-dispatch-juliaca-massacre".into(),
                json!(17),
                at_least.clone(),
                json!(68),
                at_least
            ),
            (
                "amazon-watch-massacre-must-be-stopped".into(),
                json!(17),
                exact.clone(),
                Value::Null,
                exact.clone()
            ),
            (
                "global-research-unrest-spreads".into(),
                json!(17),
                exact.clone(),
                Value::Null,
                exact.clone()
            ),
            (
                "amnesty-press-release-2024-07-18".into(),
                json!(18),
                exact.clone(),
                json!(100),
                more_than
            ),
            (
                "health-network-juliaca-figures".into(),
                json!(12),
                exact.clone(),
                json!(38),
                exact
            ),
        ]
    );
}

#[tokio::test]
async fn the_national_death_tolls_side_by_side() {
    let app = spawn_app_with_data().await;
    let query = r#"{ incident(slug: "protest-killings-2022-2023") { casualtyReports { source { slug } killed killedQualifier asOf } } }"#;
    let data = app.data(query).await;
    let tolls: Vec<(String, Value, Value, Value)> = data["incident"]["casualtyReports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["source"]["slug"].as_str().unwrap().into(),
                r["killed"].clone(),
                r["killedQualifier"].clone(),
                r["asOf"].clone(),
            )
        })
        .collect();
    assert_eq!(
        tolls,
        vec![
            (
                "peoples-dispatch-juliaca-massacre".into(),
                json!(46),
                json!("EXACT"),
                Value::Null
            ),
            (
                "amazon-watch-massacre-must-be-stopped".into(),
                json!(40),
                json!("MORE_THAN"),
                Value::Null
            ),
            (
                "amazon-watch-massacre-must-be-stopped".into(),
                json!(28),
                json!("EXACT"),
                json!("2022-12")
            ),
            (
                "global-research-unrest-spreads".into(),
                json!(48),
                json!("ABOUT"),
                Value::Null
            ),
            (
                "amnesty-press-release-2024-07-18".into(),
                json!(50),
                json!("EXACT"),
                Value::Null
            ),
            (
                "peoples-dispatch-canales-boluarte".into(),
                json!(50),
                json!("NEARLY"),
                Value::Null
            ),
        ]
    );
}

#[tokio::test]
async fn the_ayacucho_injury_counts_disagree_and_are_all_kept() {
    let app = spawn_app_with_data().await;
    let data = app.data(&format!(r#"{{ incident(slug: "ayacucho-killings-2022-12-15") {{ place {{ name }} {FIGURES} }} }}"#)).await;
    assert_eq!(data["incident"]["place"]["name"], "Ayacucho airport");
    let reports = figures(&data["incident"]["casualtyReports"]);
    let injured: Vec<(String, Value)> = reports
        .into_iter()
        .map(|(s, killed, _, injured, _)| {
            assert_eq!(killed, json!(10));
            (s, injured)
        })
        .collect();
    assert_eq!(
        injured,
        vec![
            ("peoples-dispatch-juliaca-massacre".into(), json!(52)),
            ("amnesty-press-release-2024-07-18".into(), Value::Null),
            ("peoples-dispatch-canales-boluarte".into(), json!(66)),
        ]
    );
}

#[tokio::test]
async fn who_was_placed_under_investigation_on_2023_01_11_and_for_what() {
    let app = spawn_app_with_data().await;
    let query = r#"{ incidents(filter: { kind: [INVESTIGATION], startFrom: "2023-01-11", startTo: "2023-01-11" }) { edges { node {
        slug summary involvedOrganizations { organization { name } role } citations { source { slug } excerpt } } } } }"#;
    let data = app.data(query).await;
    let edges = data["incidents"]["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 1);
    let incident = &edges[0]["node"];
    assert_eq!(incident["slug"], "genocide-investigation-2023-01-11");
    assert_eq!(
        incident["summary"],
        "The Attorney General announced that President Dina Boluarte, Prime Minister Alberto Otárola and the ministers of defense and of the interior are under investigation for genocide over the repression of the protests."
    );
    assert_eq!(
        incident["involvedOrganizations"],
        json!([{ "organization": { "name": "Attorney General's Office" }, "role": "announced the investigation" }])
    );
    assert_eq!(
        incident["citations"][0]["excerpt"],
        "the Attorney General of Peru announced on January 11 that President Boluarte and Prime Minister Alberto Otarola along with the ministers of defense and interior, are under investigation for genocide."
    );
}

#[tokio::test]
async fn which_sources_report_the_ayacucho_killings() {
    let app = spawn_app_with_data().await;
    let data = app.data(r#"{ incident(slug: "ayacucho-killings-2022-12-15") { citations { source { slug } } casualtyReports { source { slug } } } }"#).await;
    let mut sources: Vec<String> = data["incident"]["citations"]
        .as_array()
        .unwrap()
        .iter()
        .chain(data["incident"]["casualtyReports"].as_array().unwrap())
        .map(|c| c["source"]["slug"].as_str().unwrap().to_string())
        .collect();
    sources.sort();
    sources.dedup();
    assert_eq!(
        sources,
        [
            "amnesty-press-release-2024-07-18",
            "peoples-dispatch-canales-boluarte",
            "peoples-dispatch-juliaca-massacre"
        ]
    );
}

#[tokio::test]
async fn whose_operational_plans_labelled_protesters_terrorists() {
    let app = spawn_app_with_data().await;
    let query = r#"{ statements(filter: { textContains: "terrorists" }) { edges { node {
        text occasion speaker { name } originalSource { title publisher { name } } source { publishedAt } } } } }"#;
    let data = app.data(query).await;
    assert_eq!(
        data["statements"]["edges"],
        json!([{ "node": {
            "text": "terrorists",
            "occasion": "operational plans signed by police commanders, labelling protesters",
            "speaker": { "name": "Peruvian National Police" },
            "originalSource": { "title": "The Peruvian National Police's internal operational plans for the protests, obtained by Amnesty International",
                                "publisher": { "name": "Peruvian National Police" } },
            "source": { "publishedAt": "2024-07-18" }
        } }])
    );
}

#[tokio::test]
async fn which_positions_alberto_otarola_held_found_without_accents() {
    let app = spawn_app_with_data().await;
    let query = r#"{ persons(filter: { nameContains: "otarola" }) { edges { node { name isOfficial positions {
        title organization { name } start end citations { source { slug } } } } } } }"#;
    let data = app.data(query).await;
    assert_eq!(
        data["persons"]["edges"],
        json!([{ "node": { "name": "Alberto Otárola", "isOfficial": true, "positions": [{
            "title": "Prime Minister", "organization": { "name": "Government of Peru" }, "start": null, "end": null,
            "citations": [{ "source": { "slug": "global-research-unrest-spreads" } }, { "source": { "slug": "amazon-watch-massacre-must-be-stopped" } }]
        }] } }])
    );
}

#[tokio::test]
async fn when_boluarte_became_president() {
    let app = spawn_app_with_data().await;
    let data = app
        .data(r#"{ person(slug: "dina-boluarte") { positions { title start end } } }"#)
        .await;
    assert_eq!(
        data["person"]["positions"],
        json!([
            { "title": "President of Peru", "start": "2022-12-07", "end": null },
            { "title": "Vice President", "start": null, "end": "2022-12-07" },
            { "title": "Commander in Chief of the Armed Forces", "start": null, "end": null },
        ])
    );
}

#[tokio::test]
async fn who_spoke_about_the_juliaca_killings() {
    let app = spawn_app_with_data().await;
    let data = app.data(r#"{ statements(filter: { about: { slug: "juliaca-killings-2023-01-09" } }) { edges { node { speaker { name } } } } }"#).await;
    let speakers: Vec<Value> = data["statements"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["speaker"]["name"].clone())
        .collect();
    assert_eq!(
        speakers,
        [
            json!("Vladimir Cerrón"),
            json!("Verónika Mendoza"),
            json!("Víctor Canales")
        ]
    );
}

#[tokio::test]
async fn what_boluarte_said_on_the_day_of_the_juliaca_killings() {
    let app = spawn_app_with_data().await;
    let query = r#"{ statements(filter: { speaker: { slug: "dina-boluarte" }, dateFrom: "2023-01-09", dateTo: "2023-01-09" }) {
        edges { node { slug originalSource { kind title } } } } }"#;
    let data = app.data(query).await;
    assert_eq!(
        pluck(&data["statements"], "slug"),
        [
            json!("boluarte-four-political-points"),
            json!("boluarte-constituent-assembly"),
            json!("boluarte-pretext-chaos")
        ]
    );
    assert_eq!(
        data["statements"]["edges"][0]["node"]["originalSource"]["kind"],
        "PRESS_CONFERENCE"
    );
}

#[tokio::test]
async fn which_statements_name_dina_boluarte() {
    let app = spawn_app_with_data().await;
    let data = app
        .data(r#"{ person(slug: "dina-boluarte") { mentionedIn { edges { node { slug } } } } }"#)
        .await;
    assert_eq!(
        pluck(&data["person"]["mentionedIn"], "slug"),
        [
            json!("us-state-department-commends-institutions"),
            json!("cerron-dina-you-should-quit"),
            json!("mendoza-stop-the-massacre-in-puno"),
            json!("canales-highest-level"),
            json!("mendoza-transitional-government"),
        ]
    );
}

#[tokio::test]
async fn who_called_for_boluartes_resignation_outside_the_state() {
    let app = spawn_app_with_data().await;
    let query = r#"{ statements(filter: { speaker: { isOfficial: false, kind: PERSON }, mentions: { slug: "dina-boluarte" } }) { edges { node { slug speaker { name } } } } }"#;
    let data = app.data(query).await;
    assert_eq!(
        pluck(&data["statements"], "slug"),
        [
            json!("cerron-dina-you-should-quit"),
            json!("mendoza-stop-the-massacre-in-puno"),
            json!("mendoza-transitional-government")
        ]
    );
}

#[tokio::test]
async fn who_wrote_and_published_the_juliaca_report() {
    let app = spawn_app_with_data().await;
    let data = app.data(r#"{ source(slug: "peoples-dispatch-juliaca-massacre") { kind publishedAt authors { name } publisher { name } } }"#).await;
    assert_eq!(
        data["source"],
        json!({ "kind": "NEWS_ARTICLE", "publishedAt": "2023-01-10", "authors": [{ "name": "Tanya Wadhwa" }], "publisher": { "name": "Peoples Dispatch" } })
    );
}

#[tokio::test]
async fn what_global_research_cites() {
    let app = spawn_app_with_data().await;
    let data = app.data(r#"{ source(slug: "global-research-unrest-spreads") { cites { slug publisher { name } } } }"#).await;
    assert_eq!(
        data["source"]["cites"],
        json!([
            { "slug": "reuters-us-welcomes-boluarte", "publisher": { "name": "Reuters" } },
            { "slug": "telesur-juliaca-report", "publisher": { "name": "Telesur" } },
            { "slug": "telesur-strike-report", "publisher": { "name": "Telesur" } },
        ])
    );
}

#[tokio::test]
async fn where_juliaca_is() {
    let app = spawn_app_with_data().await;
    let data = app.data(r#"{ places(filter: { nameContains: "juliace" }) { edges { node { name kind ancestors { name kind } } } } }"#).await;
    assert_eq!(
        data["places"]["edges"],
        json!([{ "node": { "name": "Juliaca", "kind": "CITY", "ancestors": [
            { "name": "San Román", "kind": "PROVINCE" }, { "name": "Puno", "kind": "REGION" }, { "name": "Peru", "kind": "COUNTRY" }
        ] } }])
    );
}

#[tokio::test]
async fn which_incidents_happened_within_puno() {
    let app = spawn_app_with_data().await;
    let data = app.data(r#"{ incidents(filter: { place: { within: "puno" } }) { edges { node { slug startDate place { name } } } } }"#).await;
    assert_eq!(
        data["incidents"]["edges"],
        json!([
            { "node": { "slug": "juliaca-killings-2023-01-09", "startDate": "2023-01-09", "place": { "name": "Juliaca" } } },
            { "node": { "slug": "puno-road-blockades-2023-01-09", "startDate": "2023-01-09", "place": { "name": "Puno" } } },
            { "node": { "slug": "juliaca-funeral-march-2023-01-11", "startDate": "2023-01-11", "place": { "name": "Juliaca" } } },
        ])
    );
}

#[tokio::test]
async fn which_forces_were_involved_at_juliaca() {
    let app = spawn_app_with_data().await;
    let data = app.data(r#"{ incident(slug: "juliaca-killings-2023-01-09") { involvedOrganizations { organization { name kind } role } } }"#).await;
    assert_eq!(
        data["incident"]["involvedOrganizations"],
        json!([
            { "organization": { "name": "Peruvian National Police", "kind": "POLICE" }, "role": "opened fire; special forces chiefs oversaw the airport operation" },
            { "organization": { "name": "Peruvian Army", "kind": "ARMED_FORCES" }, "role": "joint military-police operation at the airport" },
        ])
    );
}

#[tokio::test]
async fn where_canales_said_what() {
    let app = spawn_app_with_data().await;
    let data = app.data(r#"{ person(slug: "victor-canales") { isOfficial statements(first: 10) { edges { node { slug originalSource { slug } } } } } }"#).await;
    assert_eq!(data["person"]["isOfficial"], true);
    let origins: Vec<Value> = data["person"]["statements"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["originalSource"]["slug"].clone())
        .collect();
    assert_eq!(
        origins,
        [
            json!("canales-farewell-speech"),
            json!("la-republica-canales-interview"),
            json!("la-republica-canales-interview"),
            json!("la-republica-canales-interview"),
            json!("la-republica-canales-interview")
        ]
    );
}

#[tokio::test]
async fn what_happened_in_december_2022() {
    let app = spawn_app_with_data().await;
    let data = app.data(r#"{ incidents(filter: { startFrom: "2022-12", startTo: "2022-12" }) { edges { node { slug } } } }"#).await;
    assert_eq!(
        pluck(&data["incidents"], "slug"),
        [
            json!("anti-government-protests-2022-2023"),
            json!("protest-killings-2022-2023"),
            json!("castillo-removal-2022-12-07"),
            json!("castillo-arrest-2022-12-07"),
            json!("andahuaylas-killings-2022-12-12"),
            json!("ayacucho-killings-2022-12-15"),
            json!("castillo-detention-extended-2022-12-15"),
            json!("defense-minister-promoted-2022-12-21"),
        ]
    );
}

#[tokio::test]
async fn what_amnesty_internationals_press_release_reports() {
    let app = spawn_app_with_data().await;
    let data = app.data(r#"{ source(slug: "amnesty-press-release-2024-07-18") { cites { slug } statements { totalCount edges { node { speaker { name } } } } } }"#).await;
    let speakers: Vec<Value> = data["source"]["statements"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["speaker"]["name"].clone())
        .collect();
    assert_eq!(
        speakers,
        [
            json!("Ana Piquer"),
            json!("Marina Navarro"),
            json!("Peruvian National Police"),
            json!("Peruvian National Police"),
            json!("Peruvian Army")
        ]
    );
    assert_eq!(
        strings(&data["source"]["cites"], "slug"),
        [
            "amnesty-who-called-the-shots",
            "pnp-operational-plans",
            "army-operational-plans-ayacucho"
        ]
    );
}

#[tokio::test]
async fn who_killed_whom_in_andahuaylas() {
    let app = spawn_app_with_data().await;
    let data = app.data(&format!(r#"{{ incident(slug: "andahuaylas-killings-2022-12-12") {{ place {{ name ancestors {{ name }} }} involvedOrganizations {{ organization {{ name }} }} {FIGURES} }} }}"#)).await;
    let incident = &data["incident"];
    assert_eq!(
        strings(&incident["place"]["ancestors"], "name"),
        ["Apurímac", "Peru"]
    );
    assert_eq!(
        incident["involvedOrganizations"][0]["organization"]["name"],
        "Peruvian National Police"
    );
    assert_eq!(figures(&incident["casualtyReports"])[0].1, json!(2));
}

#[tokio::test]
async fn every_statement_casualty_report_position_and_incident_is_cited() {
    let app = spawn_app_with_data().await;
    let query = r#"{
      statements(first: 100) { edges { node { slug citations { excerpt } } } }
      incidents(first: 100) { edges { node { slug citations { excerpt } casualtyReports { slug citations { excerpt } } } } }
      persons(first: 100) { edges { node { positions { slug citations { excerpt } } } } }
    }"#;
    let data = app.data(query).await;
    let mut uncited = Vec::new();
    let mut check = |record: &Value| {
        if record["citations"].as_array().is_none_or(|c| c.is_empty()) {
            uncited.push(record["slug"].clone());
        }
    };
    for edge in data["statements"]["edges"].as_array().unwrap() {
        check(&edge["node"]);
    }
    for edge in data["incidents"]["edges"].as_array().unwrap() {
        check(&edge["node"]);
        edge["node"]["casualtyReports"]
            .as_array()
            .unwrap()
            .iter()
            .for_each(&mut check);
    }
    for edge in data["persons"]["edges"].as_array().unwrap() {
        edge["node"]["positions"]
            .as_array()
            .unwrap()
            .iter()
            .for_each(&mut check);
    }
    assert!(uncited.is_empty(), "uncited records: {uncited:?}");
}
