//! The read API on the bundled dataset: the Puno query, lookups, relations
//! both ways, filters with and / or / not, ordering, HTTP conventions.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::json;

use crate::helpers::{pluck, spawn_app_with_data, strings};

const PUNO_QUERY: &str = r#"{
  statements(filter: { spokenAsOfficial: true, about: { place: { within: "puno" } } }) {
    totalCount
    edges { node {
      id text kind speakerRole speakerRoleReason inferred inference
      speaker { __typename id name }
      incidents { slug startDate place { name ancestors { name } } places { slug } }
      source { title publisher { name } }
      originalSource { title }
    } }
  }
}"#;

#[tokio::test]
async fn the_puno_query_answers_in_one_request_as_of_the_day_spoken() {
    let app = spawn_app_with_data().await;
    let data = app.data(PUNO_QUERY).await;
    let connection = &data["statements"];
    assert_eq!(
        pluck(connection, "id"),
        [
            json!("Statement:sutran-46-blockade-sites"),
            json!("Statement:sutran-20-sectors-puno"),
            json!("Statement:ombudsman-urged-rapid-investigation"),
        ]
    );
    let ombudsman = &connection["edges"][2]["node"];
    assert_eq!(ombudsman["kind"], "PARAPHRASE");
    assert_eq!(ombudsman["speakerRole"], "OFFICIAL");
    assert_eq!(
        ombudsman["speakerRoleReason"],
        "Ombudsman Office is a state body."
    );
    assert_eq!(ombudsman["inferred"], true);
    assert!(ombudsman["inference"]
        .as_str()
        .unwrap()
        .contains("without naming them"));
    assert_eq!(
        ombudsman["speaker"],
        json!({ "__typename": "Organization", "id": "Organization:ombudsman-office", "name": "Ombudsman Office" })
    );
    let juliaca = &ombudsman["incidents"][0];
    assert_eq!(juliaca["slug"], "juliaca-killings-2023-01-09");
    assert_eq!(juliaca["startDate"], "2023-01-09");
    assert_eq!(juliaca["place"]["name"], "Juliaca");
    assert_eq!(
        strings(&juliaca["place"]["ancestors"], "name"),
        ["San Román", "Puno", "Peru"]
    );
    assert_eq!(
        ombudsman["source"],
        json!({ "title": "Peruvian security forces massacre 17 protesters in Juliaca, Puno", "publisher": null })
    );
    assert_eq!(
        ombudsman["originalSource"]["title"],
        "The Ombudsman Office's request to the security forces and the Prosecutor's Office after the Juliaca killings"
    );
    let strike = &connection["edges"][0]["node"]["incidents"][0];
    assert_eq!(strike["place"], json!(null));
    assert_eq!(
        strings(&strike["places"], "slug"),
        [
            "arequipa",
            "ayacucho",
            "apurimac",
            "cusco",
            "moquegua",
            "madre-de-dios",
            "puno"
        ]
    );
}

#[tokio::test]
async fn the_retired_generals_interview_is_not_spoken_as_official() {
    let app = spawn_app_with_data().await;
    let data = app
        .data(r#"{
      official: statements(filter: { speaker: { isOfficial: true }, about: { place: { within: "puno" } } }) { edges { node { slug } } }
      canales: statement(slug: "canales-deaths-in-puno") { speakerRole speakerRoleReason notBefore inferred places { slug } }
    }"#)
        .await;
    assert!(
        pluck(&data["official"], "slug").contains(&json!("ombudsman-urged-rapid-investigation"))
    );
    assert_eq!(
        data["canales"],
        json!({ "speakerRole": "NOT_OFFICIAL", "speakerRoleReason": "Stated by the source: “the now-retired General Canales”.",
                "notBefore": "2024-12", "inferred": true, "places": [{ "slug": "puno" }] })
    );
}

#[tokio::test]
async fn non_officials_about_puno_are_the_complement() {
    let app = spawn_app_with_data().await;
    let data = app
        .data(r#"{
      no: statements(filter: { spokenAsOfficial: false, about: { place: { within: "Place:puno" } } }) { edges { node { slug } } }
      any: statements(filter: { about: { place: { within: "Place:puno" } } }) { totalCount }
      unknown: statements(filter: { speakerRole: [UNKNOWN], about: { place: { within: "Place:puno" } } }) { totalCount }
    }"#)
        .await;
    let no = pluck(&data["no"], "slug");
    assert_eq!(
        no.len() + 3,
        data["any"]["totalCount"].as_u64().unwrap() as usize
    );
    assert_eq!(data["unknown"]["totalCount"], 0);
    for slug in [
        "cerron-dina-you-should-quit",
        "mendoza-stop-the-massacre-in-puno",
        "telesur-first-death-in-juliaca",
        "iachr-condemned-juliaca-deaths",
    ] {
        assert!(no.contains(&json!(slug)), "{slug} is missing from {no:?}");
    }
}

#[tokio::test]
async fn records_are_found_by_id_slug_and_node() {
    let app = spawn_app_with_data().await;
    let data = app
        .data(
            r#"{
      byId: person(id: "Person:alberto-otarola") { name aliases }
      bySlug: organization(slug: "peruvian-national-police") { id name kind isOfficial aliases }
      node(id: "Place:san-roman") { __typename id ... on Place { name kind parent { slug } } }
      nodes(ids: ["Incident:cusco-killing-2023-01-10", "Person:nobody"]) { id }
    }"#,
        )
        .await;
    assert_eq!(
        data["byId"],
        json!({ "name": "Alberto Otárola", "aliases": ["Alberto Otarola", "Otárola", "Otarola"] })
    );
    assert_eq!(
        data["bySlug"],
        json!({ "id": "Organization:peruvian-national-police", "name": "Peruvian National Police", "kind": "POLICE",
                "isOfficial": true, "aliases": ["PNP", "Peruvian police"] })
    );
    assert_eq!(
        data["node"],
        json!({ "__typename": "Place", "id": "Place:san-roman", "name": "San Román", "kind": "PROVINCE", "parent": { "slug": "puno" } })
    );
    assert_eq!(
        data["nodes"],
        json!([{ "id": "Incident:cusco-killing-2023-01-10" }, null])
    );
}

#[tokio::test]
async fn relations_are_navigable_both_ways() {
    let app = spawn_app_with_data().await;
    let data = app
        .data(
            r#"{
      person(slug: "ana-piquer") { positions { organization { slug members { edges { node { person { slug } } } } } } }
      source(slug: "telesur-juliaca-report") { cites { slug } citedBy { totalCount edges { node { slug } } } }
      place(slug: "puno") { children { slug } }
      incident(slug: "cusco-killing-2023-01-10") { statements { totalCount } casualtyReports { source { slug } } }
      statement(slug: "mendoza-stop-the-massacre-in-puno") { incidents { slug statements { edges { node { slug } } } } mentions { __typename name } }
    }"#,
        )
        .await;
    let org = &data["person"]["positions"][0]["organization"];
    assert_eq!(org["slug"], "amnesty-international");
    assert_eq!(
        org["members"]["edges"][0]["node"]["person"]["slug"],
        "ana-piquer"
    );
    assert_eq!(
        strings(&data["source"]["cites"], "slug"),
        ["health-network-juliaca-figures", "sutran-blockade-figures"]
    );
    assert_eq!(data["source"]["citedBy"]["totalCount"], 1);
    assert_eq!(
        pluck(&data["source"]["citedBy"], "slug"),
        [json!("global-research-unrest-spreads")]
    );
    assert_eq!(
        strings(&data["place"]["children"], "slug"),
        [
            "acora",
            "desaguadero",
            "ilave",
            "juli",
            "plateria",
            "puno-city",
            "san-roman",
            "yunguyo"
        ]
    );
    assert_eq!(data["incident"]["statements"]["totalCount"], 0);
    assert_eq!(
        data["incident"]["casualtyReports"][0]["source"]["slug"],
        "amazon-watch-massacre-must-be-stopped"
    );
    let juliaca = &data["statement"]["incidents"][0];
    assert_eq!(juliaca["slug"], "juliaca-killings-2023-01-09");
    assert_eq!(
        pluck(&juliaca["statements"], "slug"),
        [
            json!("telesur-first-death-in-juliaca"),
            json!("local-media-security-forces-opened-fire"),
            json!("health-network-12-dead-38-injured"),
            json!("cerron-dina-you-should-quit"),
            json!("mendoza-stop-the-massacre-in-puno"),
            json!("ombudsman-urged-rapid-investigation"),
            json!("iachr-condemned-juliaca-deaths"),
            json!("movements-called-for-march-on-lima")
        ]
    );
    assert_eq!(
        data["statement"]["mentions"],
        json!([{ "__typename": "Person", "name": "Dina Boluarte" }])
    );
}

#[tokio::test]
async fn place_incidents_include_places_below_by_default() {
    let app = spawn_app_with_data().await;
    let data = app
        .data(
            r#"{ place(slug: "puno") {
        all: incidents { edges { node { slug } } }
        here: incidents(includeDescendants: false) { edges { node { slug } } }
    } }"#,
        )
        .await;
    assert_eq!(
        pluck(&data["place"]["all"], "slug"),
        [
            json!("juliaca-killings-2023-01-09"),
            json!("puno-road-blockades-2023-01-09"),
            json!("juliaca-funeral-march-2023-01-11")
        ]
    );
    assert_eq!(
        pluck(&data["place"]["here"], "slug"),
        [json!("puno-road-blockades-2023-01-09")]
    );
}

#[tokio::test]
async fn filters_combine_with_and_or_not() {
    let app = spawn_app_with_data().await;
    let data = app
        .data(
            r#"{
      either: statements(filter: { or: [{ speaker: { slug: "alberto-otarola" } }, { speaker: { slug: "ana-piquer" } }] }) { edges { node { slug } } }
      both: statements(filter: { and: [{ speaker: { slug: "victor-canales" } }, { mentions: { slug: "dina-boluarte" } }] }) { edges { node { slug } } }
      neither: statements(filter: { kind: [FRAGMENT], not: { or: [{ speaker: { kind: PERSON } }, { speaker: { organizationKind: [GOVERNMENT, INTERNATIONAL_BODY] } }] } }) { edges { node { slug } } }
      personsInCongress: persons(filter: { memberOf: { kind: [CONGRESS] } }) { edges { node { slug } } }
      stateOrgsNamedPolice: organizations(filter: { isOfficial: true, nameContains: "POLICE" }) { totalCount }
      sourcesByAuthor: sources(filter: { author: { nameContains: "wadhwa" } }) { edges { node { slug } } }
    }"#,
        )
        .await;
    assert_eq!(
        pluck(&data["either"], "slug"),
        [
            json!("piquer-lethal-consequences"),
            json!("otarola-assault-on-lima")
        ]
    );
    assert_eq!(
        pluck(&data["both"], "slug"),
        [
            json!("canales-highest-level"),
            json!("canales-poorly-designed"),
            json!("canales-implied-boluarte-responsible")
        ]
    );
    assert_eq!(
        pluck(&data["neither"], "slug"),
        [
            json!("army-verbal-orders"),
            json!("pnp-plans-terrorists"),
            json!("pnp-plans-removing-human-obstacles"),
            json!("army-plans-hostile-groups"),
            json!("army-minor-misdemeanors")
        ]
    );
    assert_eq!(
        pluck(&data["personsInCongress"], "slug"),
        [json!("jose-williams-zapata")]
    );
    assert_eq!(data["stateOrgsNamedPolice"]["totalCount"], 1);
    assert_eq!(
        pluck(&data["sourcesByAuthor"], "slug"),
        [json!("peoples-dispatch-juliaca-massacre")]
    );
}

#[tokio::test]
async fn lists_order_by_dates_and_names() {
    let app = spawn_app_with_data().await;
    let data = app
        .data(
            r#"{
      latest: statements(orderBy: { field: DATE, direction: DESC }, first: 3) { edges { node { slug date } } }
      sources(orderBy: { field: TITLE }, first: 2) { edges { node { title } } }
      places(orderBy: { field: NAME, direction: DESC }, first: 2) { edges { node { slug } } }
    }"#,
        )
        .await;
    assert_eq!(
        data["latest"]["edges"],
        json!([
            { "node": { "slug": "army-document-positions-renewed", "date": "2024-12" } },
            // Ties break by ID in the list's direction: the newer row first.
            { "node": { "slug": "amnesty-evidence-boluarte-responsibility", "date": "2024-07-18" } },
            { "node": { "slug": "navarro-must-face-justice", "date": "2024-07-18" } },
        ])
    );
    assert_eq!(
        pluck(&data["sources"], "title"),
        [
            json!(
                "A U.S. State Department spokesperson's statement on Dina Boluarte's appointment"
            ),
            json!("A report by Amnesty International, cited by Peoples Dispatch without its title")
        ]
    );
    assert_eq!(
        pluck(&data["places"], "slug"),
        [json!("yunguyo"), json!("yanamayo")]
    );
}

#[tokio::test]
async fn dates_keep_their_precision() {
    let app = spawn_app_with_data().await;
    let data = app
        .data(
            r#"{
      incident(slug: "generals-dismissed-2024-12") { startDate }
      statement(slug: "cerron-dina-you-should-quit") { date notBefore notAfter inferred }
      january: incidents(filter: { startFrom: "2023-01", startTo: "2023-01" }) { totalCount }
    }"#,
        )
        .await;
    assert_eq!(data["incident"]["startDate"], "2024-12");
    assert_eq!(
        data["statement"],
        json!({ "date": null, "notBefore": "2023-01-09", "notAfter": "2023-01-10", "inferred": true })
    );
    assert_eq!(data["january"]["totalCount"], 8);
}

#[tokio::test]
async fn graphql_works_over_get_and_the_server_serves_graphiql_health_and_cors() {
    let app = spawn_app_with_data().await;
    let get = Request::get(
        "/graphql?query=%7B%20person(slug%3A%20%22dina-boluarte%22)%20%7B%20name%20%7D%20%7D",
    )
    .body(Body::empty())
    .unwrap();
    let (status, body) = app.send(get).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["data"]["person"]["name"], "Dina Boluarte");

    let (status, page) = app
        .send(Request::get("/").body(Body::empty()).unwrap())
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.as_str().unwrap().contains("graphiql"),
        "GraphiQL page expected"
    );

    let (status, health) = app
        .send(Request::get("/health").body(Body::empty()).unwrap())
        .await;
    assert_eq!((status, health), (StatusCode::OK, json!("ok")));

    // The page names its icon; browsers that ask /favicon.ico get it too.
    assert!(page.as_str().unwrap().contains("/graphiql/favicon.svg"));
    for path in ["/favicon.ico", "/graphiql/favicon.svg"] {
        let request = Request::get(path).body(Body::empty()).unwrap();
        let response = tower::ServiceExt::oneshot(app.router.clone(), request)
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(
            response.headers()["content-type"],
            "image/svg+xml",
            "{path}"
        );
    }

    let preflight = Request::options("/graphql")
        .header("origin", "https://example.org")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .body(Body::empty())
        .unwrap();
    let response = tower::ServiceExt::oneshot(app.router.clone(), preflight)
        .await
        .unwrap();
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
}
