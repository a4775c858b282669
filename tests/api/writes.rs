//! Mutations: every kind created and updated, validation, auth, retract,
//! conflicts, merge and unmerge, revert.

use quipu::auth::Role;
use serde_json::{json, Value};

use crate::helpers::{spawn_app_with_data, TestApp};

const CREATE_PERSON: &str = "mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id name version aliases } revision { id action version actor changedFields } } }";
const UPDATE_PERSON: &str = "mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { person { id name description version } revision { id version changedFields before after } } }";
const RETRACT: &str = "mutation($id: ID!, $version: Int!) { retract(input: { id: $id, version: $version }) { node { id } revisions { id action changeId } } }";
const REVERT: &str =
    "mutation($id: ID!) { revert(revisionId: $id) { node { id } revisions { id action nodeId } } }";

/// An app with data and an editor key.
async fn editor_app() -> (TestApp, String) {
    let app = spawn_app_with_data().await;
    let key = app.key(Role::Editor).await;
    (app, key)
}

#[tokio::test]
async fn creates_and_updates_a_person_with_a_revision_each() {
    let (app, key) = editor_app().await;
    let input = json!({ "name": "Ana Pérez", "description": "A witness.", "aliases": ["Ana"] });
    let created = app
        .write(&key, CREATE_PERSON, json!({ "input": input }))
        .await;
    let person = &created["createPerson"]["person"];
    assert_eq!(person["id"], "Person:ana-perez");
    assert_eq!(person["version"], 1);
    assert_eq!(person["aliases"], json!(["Ana"]));
    let revision = &created["createPerson"]["revision"];
    assert_eq!(revision["action"], "CREATE");
    assert!(revision["actor"]
        .as_str()
        .unwrap()
        .starts_with("test-editor"));

    let update = json!({ "id": "Person:ana-perez", "version": 1, "name": "Ana María Pérez", "description": null });
    let updated = app
        .write(&key, UPDATE_PERSON, json!({ "input": update }))
        .await;
    let person = &updated["updatePerson"]["person"];
    assert_eq!(person["name"], "Ana María Pérez");
    assert_eq!(person["description"], Value::Null);
    assert_eq!(person["version"], 2);
    let revision = &updated["updatePerson"]["revision"];
    assert_eq!(revision["changedFields"], json!(["name", "description"]));
    assert_eq!(revision["before"]["row"]["name"], "Ana Pérez");
    assert_eq!(revision["after"]["row"]["name"], "Ana María Pérez");

    let history = app
        .data(r#"{ history(id: "Person:ana-perez") { totalCount edges { node { action version } } } }"#)
        .await;
    assert_eq!(history["history"]["totalCount"], 2);
    // Searchable at once, under the new name.
    let found = app
        .data(r#"{ search(query: "ana maria perez") { edges { node { entity { id } } } } }"#)
        .await;
    assert_eq!(
        found["search"]["edges"][0]["node"]["entity"]["id"],
        "Person:ana-perez"
    );
}

#[tokio::test]
async fn creates_every_kind_of_record_linked_to_the_others() {
    let (app, key) = editor_app().await;
    let org = app.write(&key, "mutation { createOrganization(input: { name: \"Comité de Víctimas\", kind: NGO, aliases: [\"CV\"] }) { organization { id kind } } }", json!({})).await;
    assert_eq!(
        org["createOrganization"]["organization"]["id"],
        "Organization:comite-de-victimas"
    );
    let place = app.write(&key, "mutation { createPlace(input: { name: \"Plaza de Armas\", kind: SITE, parentId: \"Place:juliaca\" }) { place { id ancestors { id } } } }", json!({})).await;
    let ancestors = place["createPlace"]["place"]["ancestors"]
        .as_array()
        .unwrap()
        .len();
    assert!(ancestors >= 3, "{place}");
    let source = app.write(&key, "mutation { createSource(input: { kind: NEWS_ARTICLE, title: \"Un testimonio\", publisherId: \"Organization:comite-de-victimas\", publishedAt: \"2023-02\", url: \"https://example.org/t\", language: \"es\", authorIds: [\"Person:dina-boluarte\"] }) { source { id publishedAt } } }", json!({})).await;
    assert_eq!(source["createSource"]["source"]["publishedAt"], "2023-02");
    let cite = json!([{ "sourceId": "Source:un-testimonio", "excerpt": "words" }]);
    let incident = app.write(&key, "mutation($c: [CitationInput!]!) { createIncident(input: { title: \"Marcha en la plaza\", summary: \"A march.\", kind: PROTEST, startDate: \"2023-02-01\", placeId: \"Place:plaza-de-armas\", involvements: [{ organizationId: \"Organization:comite-de-victimas\", role: \"organizer\" }], citations: $c }) { incident { id place { id } involvedOrganizations { role } } } }", json!({ "c": cite })).await;
    assert_eq!(
        incident["createIncident"]["incident"]["place"]["id"],
        "Place:plaza-de-armas"
    );
    let statement = app.write(&key, "mutation($c: [CitationInput!]) { createStatement(input: { text: \"Queremos justicia.\", language: \"es\", date: \"2023-02-01\", speakerId: \"Organization:comite-de-victimas\", sourceId: \"Source:un-testimonio\", incidentIds: [\"Incident:marcha-en-la-plaza\"], mentionIds: [\"Person:dina-boluarte\"], citations: $c }) { statement { id speaker { id } incidents { id } mentions { id } citations { excerpt } } } }", json!({ "c": cite })).await;
    let s = &statement["createStatement"]["statement"];
    assert_eq!(s["speaker"]["id"], "Organization:comite-de-victimas");
    assert_eq!(s["incidents"][0]["id"], "Incident:marcha-en-la-plaza");
    assert_eq!(s["mentions"][0]["id"], "Person:dina-boluarte");
    let report = app.write(&key, "mutation($c: [CitationInput!]!) { createCasualtyReport(input: { incidentId: \"Incident:marcha-en-la-plaza\", sourceId: \"Source:un-testimonio\", killed: 0, injured: 12, injuredQualifier: AT_LEAST, citations: $c }) { casualtyReport { id injured injuredQualifier } } }", json!({ "c": cite })).await;
    assert_eq!(
        report["createCasualtyReport"]["casualtyReport"]["injured"],
        12
    );
    let position = app.write(&key, "mutation($c: [CitationInput!]!) { createPosition(input: { personId: \"Person:dina-boluarte\", organizationId: \"Organization:comite-de-victimas\", title: \"Honorary member\", isPublicOffice: false, citations: $c }) { position { id title } } }", json!({ "c": cite })).await;
    let position_id = position["createPosition"]["position"]["id"]
        .as_str()
        .unwrap()
        .to_string();

    // Each kind updates too, with the version it read.
    let updates = [
        (
            "updateOrganization",
            "UpdateOrganizationInput",
            "Organization:comite-de-victimas",
            json!({ "kind": "UNION" }),
        ),
        (
            "updatePlace",
            "UpdatePlaceInput",
            "Place:plaza-de-armas",
            json!({ "name": "Plaza Bolognesi" }),
        ),
        (
            "updateSource",
            "UpdateSourceInput",
            "Source:un-testimonio",
            json!({ "title": "Otro testimonio", "url": null }),
        ),
        (
            "updateIncident",
            "UpdateIncidentInput",
            "Incident:marcha-en-la-plaza",
            json!({ "endDate": "2023-02-02", "involvements": [] }),
        ),
        (
            "updateStatement",
            "UpdateStatementInput",
            "Statement:comite-de-victimas-queremos-justicia",
            json!({ "occasion": "rally", "mentionIds": [] }),
        ),
        (
            "updateCasualtyReport",
            "UpdateCasualtyReportInput",
            "CasualtyReport:marcha-en-la-plaza-un-testimonio",
            json!({ "killed": 1 }),
        ),
        (
            "updatePosition",
            "UpdatePositionInput",
            position_id.as_str(),
            json!({ "endDate": "2024" }),
        ),
    ];
    for (field, input_type, id, mut input) in updates {
        input["id"] = json!(id);
        input["version"] = json!(1);
        let query = format!("mutation($input: {input_type}!) {{ {field}(input: $input) {{ revision {{ version nodeId action }} }} }}");
        let data = app.write(&key, &query, json!({ "input": input })).await;
        assert_eq!(
            data[field]["revision"],
            json!({ "version": 2, "nodeId": id, "action": "UPDATE" }),
            "{field}"
        );
    }
    let s = app.data(r#"{ statement(id: "Statement:comite-de-victimas-queremos-justicia") { occasion mentions { id } version } }"#).await;
    assert_eq!(
        s["statement"],
        json!({ "occasion": "rally", "mentions": [], "version": 2 })
    );
    // Every creation and update names the GraphQL fields it changed.
    crate::introspection::changed_fields_are_fields(&app, 14).await;
}

#[tokio::test]
async fn bad_input_names_the_field_and_writes_nothing() {
    let (app, key) = editor_app().await;
    let statement = |input: Value| json!({ "input": input });
    let base = json!({ "text": "x", "language": "es", "speakerId": "Person:dina-boluarte", "sourceId": "Source:amnesty-press-release-2024-07-18" });
    let cases = [
        (json!({ "text": "  " }), "input.text"),
        (json!({ "language": "spanish" }), "input.language"),
        (json!({ "speakerId": "Place:puno" }), "input.speakerId"),
        (
            json!({ "sourceId": "Source:no-such-source" }),
            "input.sourceId",
        ),
        (json!({ "sourceId": "not an id" }), "input.sourceId"),
        (
            json!({ "incidentIds": ["Incident:castillo-removal-2022-12-07", "Incident:nope"] }),
            "input.incidentIds[1]",
        ),
        (
            json!({ "citations": [{ "sourceId": "Source:amnesty-press-release-2024-07-18", "excerpt": "" }] }),
            "input.citations[0].excerpt",
        ),
        (json!({ "slug": "Not A Slug" }), "input.slug"),
        (
            json!({ "slug": "boluarte-four-political-points" }),
            "input.slug",
        ),
        (json!({ "text": "x".repeat(10001) }), "input.text"),
    ];
    let mutation = "mutation($input: CreateStatementInput!) { createStatement(input: $input) { statement { id } } }";
    for (change, path) in cases {
        let mut input = base.clone();
        for (k, v) in change.as_object().unwrap() {
            input[k] = v.clone();
        }
        let (code, message) = app
            .write_error(Some(&key), mutation, statement(input))
            .await;
        assert_eq!(code, "BAD_USER_INPUT", "{message}");
        assert!(message.contains(path), "{path}: {message}");
    }
    // Missing a required field or a malformed date: the request's own validation.
    let (code, _) = app
        .write_error(
            Some(&key),
            mutation,
            statement(
                json!({ "text": "x", "language": "es", "speakerId": "Person:dina-boluarte" }),
            ),
        )
        .await;
    assert_eq!(code, "BAD_USER_INPUT");
    let (code, _) = app.write_error(Some(&key), "mutation { createSource(input: { kind: REPORT, title: \"t\", publishedAt: \"2023-13\" }) { source { id } } }", json!({})).await;
    assert_eq!(code, "BAD_USER_INPUT");
    let (code, message) = app.write_error(Some(&key), "mutation { createSource(input: { kind: REPORT, title: \"t\", url: \"ftp://x\" }) { source { id } } }", json!({})).await;
    assert!(
        code == "BAD_USER_INPUT" && message.contains("input.url"),
        "{message}"
    );
    let (code, message) = app.write_error(Some(&key), "mutation { createIncident(input: { title: \"t\", summary: \"s\", kind: PROTEST, citations: [] }) { incident { id } } }", json!({})).await;
    assert!(
        code == "BAD_USER_INPUT" && message.contains("input.citations"),
        "{message}"
    );
    let (code, message) = app.write_error(Some(&key), "mutation { updatePlace(input: { id: \"Place:peru\", version: 1, parentId: \"Place:juliaca\" }) { place { id } } }", json!({})).await;
    assert!(
        code == "BAD_USER_INPUT" && message.contains("parentId"),
        "{message}"
    );
    // Nothing was half-written: no revision at all.
    let feed = app.data("{ changes { revisions { id } } }").await;
    assert_eq!(feed["changes"]["revisions"], json!([]));
}

#[tokio::test]
async fn writes_need_an_editor_key() {
    let app = spawn_app_with_data().await;
    let reader = app.key(Role::Reader).await;
    let admin = app.key(Role::Admin).await;
    let input = json!({ "input": { "name": "Someone" } });
    let (code, _) = app.write_error(None, CREATE_PERSON, input.clone()).await;
    assert_eq!(code, "UNAUTHENTICATED");
    let (status, body) = app
        .send_as(Some("qk_wrong"), CREATE_PERSON, input.clone())
        .await;
    assert_eq!(
        (
            status.as_u16(),
            body["errors"][0]["extensions"]["code"].as_str()
        ),
        (401, Some("UNAUTHENTICATED"))
    );
    let (code, _) = app
        .write_error(Some(&reader), CREATE_PERSON, input.clone())
        .await;
    assert_eq!(code, "FORBIDDEN");
    app.write(&admin, CREATE_PERSON, input.clone()).await;
    // Only an admin lists the keys, and never sees a secret.
    let list = "{ apiKeys { name role revokedAt } }";
    let editor = app.key(Role::Editor).await;
    let (code, _) = app.write_error(Some(&editor), list, json!({})).await;
    assert_eq!(code, "FORBIDDEN");
    let keys = app.write(&admin, list, json!({})).await;
    let roles: Vec<&str> = keys["apiKeys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["reader", "admin", "editor"]);
    assert!(!keys.to_string().contains(&admin));
    // A revoked key is refused.
    let keys = quipu::store::keys::find_keys(&app.db).await.unwrap();
    let name = keys
        .iter()
        .find(|k| k.role == "admin")
        .unwrap()
        .name
        .clone();
    quipu::store::keys::revoke_key(&app.db, &name, "2026-01-01T00:00:00.000000Z")
        .await
        .unwrap();
    let (status, _) = app.send_as(Some(&admin), CREATE_PERSON, input).await;
    assert_eq!(status.as_u16(), 401);
    // Reads stay open without a key.
    app.data("{ persons(first: 1) { totalCount } }").await;
}

#[tokio::test]
async fn a_second_mutation_of_one_operation_sees_the_first() {
    let (app, key) = editor_app().await;
    let operation = r#"mutation {
      a: updatePerson(input: { id: "Person:pedro-castillo", version: 1, aliases: ["One"] }) { person { aliases version } }
      b: updatePerson(input: { id: "Person:pedro-castillo", version: 2, aliases: ["Two"] }) { person { aliases version } }
    }"#;
    let data = app.write(&key, operation, json!({})).await;
    assert_eq!(
        data["a"]["person"],
        json!({ "aliases": ["One"], "version": 2 })
    );
    assert_eq!(
        data["b"]["person"],
        json!({ "aliases": ["Two"], "version": 3 })
    );
}

#[tokio::test]
async fn a_stale_version_is_a_conflict() {
    let (app, key) = editor_app().await;
    let update = |version: i64| json!({ "input": { "id": "Person:pedro-castillo", "version": version, "description": format!("v{version}") } });
    app.write(&key, UPDATE_PERSON, update(1)).await;
    let (code, message) = app.write_error(Some(&key), UPDATE_PERSON, update(1)).await;
    assert_eq!(code, "CONFLICT", "{message}");
    let person = app
        .data(r#"{ person(id: "Person:pedro-castillo") { description version } }"#)
        .await;
    assert_eq!(
        person["person"],
        json!({ "description": "v1", "version": 2 })
    );
}

#[tokio::test]
async fn retracted_records_hide_until_asked_for_and_revert_brings_them_back() {
    let (app, key) = editor_app().await;
    let id = "Statement:boluarte-pretext-chaos";
    let retracted = app
        .write(&key, RETRACT, json!({ "id": id, "version": 1 }))
        .await;
    let revision = retracted["retract"]["revisions"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (code, message) = app
        .error_code(&format!(r#"{{ statement(id: "{id}") {{ id }} }}"#))
        .await;
    assert_eq!(code, "NOT_FOUND", "{message}");
    let shown = app
        .data(&format!(
            r#"{{ statement(id: "{id}", includeRetracted: true) {{ retracted version }} }}"#
        ))
        .await;
    assert_eq!(
        shown["statement"],
        json!({ "retracted": true, "version": 2 })
    );
    async fn count(app: &TestApp, extra: &str) -> i64 {
        let query = format!(
            r#"{{ statements({extra}filter: {{ speaker: {{ nameContains: "boluarte" }} }}) {{ totalCount }} }}"#
        );
        app.data(&query).await["statements"]["totalCount"]
            .as_i64()
            .unwrap()
    }
    let hidden = count(&app, "").await;
    let all = count(&app, "includeRetracted: true, ").await;
    assert_eq!(all, hidden + 1);
    let person = app
        .data(r#"{ person(id: "Person:dina-boluarte") { statements { totalCount } } }"#)
        .await;
    assert_eq!(
        person["person"]["statements"]["totalCount"].as_i64(),
        Some(hidden)
    );
    let search = app
        .data(r#"{ search(query: "pretext chaos", types: [STATEMENT]) { totalCount } }"#)
        .await;
    assert_eq!(search["search"]["totalCount"], 0);

    app.write(&key, REVERT, json!({ "id": revision })).await;
    assert_eq!(count(&app, "").await, all);
    let shown = app
        .data(&format!(
            r#"{{ statement(id: "{id}") {{ retracted version }} }}"#
        ))
        .await;
    assert_eq!(
        shown["statement"],
        json!({ "retracted": false, "version": 3 })
    );
}

#[tokio::test]
async fn merge_moves_every_reference_and_revert_unmerges() {
    let (app, key) = editor_app().await;
    app.write(
        &key,
        CREATE_PERSON,
        json!({ "input": { "name": "D. Boluarte", "aliases": ["Presidenta Boluarte"] } }),
    )
    .await;
    let cite =
        json!([{ "sourceId": "Source:amnesty-press-release-2024-07-18", "excerpt": "said" }]);
    app.write(&key, "mutation($c: [CitationInput!]) { createStatement(input: { slug: \"dup-statement\", text: \"Words.\", language: \"en\", speakerId: \"Person:d-boluarte\", sourceId: \"Source:amnesty-press-release-2024-07-18\", mentionIds: [\"Person:d-boluarte\", \"Person:dina-boluarte\"], citations: $c }) { statement { id } } }", json!({ "c": cite })).await;
    let before = app.data(r#"{ person(id: "Person:dina-boluarte") { statements { totalCount } aliases version } }"#).await;
    let total = before["person"]["statements"]["totalCount"]
        .as_i64()
        .unwrap();

    let merged = app.write(&key, "mutation { merge(input: { survivorId: \"Person:dina-boluarte\", mergedId: \"Person:d-boluarte\" }) { node { id } revisions { id action nodeId changeId } } }", json!({})).await;
    let revisions = merged["merge"]["revisions"].as_array().unwrap().clone();
    assert_eq!(revisions.len(), 3, "{revisions:?}"); // the statement, the merged, the survivor
    let after = app.data(r#"{ person(id: "Person:dina-boluarte") { statements { totalCount } aliases } statement(id: "Statement:dup-statement") { speaker { id } mentions { id } } old: person(id: "Person:d-boluarte") { id } }"#).await;
    assert_eq!(
        after["person"]["statements"]["totalCount"].as_i64(),
        Some(total + 1)
    );
    let aliases = after["person"]["aliases"].as_array().unwrap();
    assert!(
        aliases.contains(&json!("D. Boluarte")) && aliases.contains(&json!("Presidenta Boluarte")),
        "{aliases:?}"
    );
    assert_eq!(after["statement"]["speaker"]["id"], "Person:dina-boluarte");
    assert_eq!(
        after["statement"]["mentions"],
        json!([{ "id": "Person:dina-boluarte" }])
    );
    assert_eq!(after["old"]["id"], "Person:dina-boluarte"); // the merged ID still resolves

    // Unmerge: revert any revision of the merge.
    let one = revisions[1]["id"].as_str().unwrap();
    let reverted = app.write(&key, REVERT, json!({ "id": one })).await;
    assert_eq!(reverted["revert"]["revisions"].as_array().unwrap().len(), 3);
    let undone = app.data(r#"{ person(id: "Person:dina-boluarte") { statements { totalCount } aliases } statement(id: "Statement:dup-statement") { speaker { id } mentions { id } } old: person(id: "Person:d-boluarte") { id aliases } }"#).await;
    assert_eq!(
        undone["person"]["statements"]["totalCount"].as_i64(),
        Some(total)
    );
    assert_eq!(undone["person"]["aliases"], before["person"]["aliases"]);
    assert_eq!(undone["statement"]["speaker"]["id"], "Person:d-boluarte");
    assert_eq!(undone["statement"]["mentions"].as_array().unwrap().len(), 2);
    assert_eq!(
        undone["old"],
        json!({ "id": "Person:d-boluarte", "aliases": ["Presidenta Boluarte"] })
    );
    // A merge, and its revert, name fields (`aliases`, `speaker`...), not columns.
    crate::introspection::changed_fields_are_fields(&app, 4).await;
}

#[tokio::test]
async fn reverting_over_a_later_change_is_a_conflict() {
    let (app, key) = editor_app().await;
    let first = app.write(&key, UPDATE_PERSON, json!({ "input": { "id": "Person:pedro-castillo", "version": 1, "name": "P. Castillo" } })).await;
    let first = first["updatePerson"]["revision"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    app.write(
        &key,
        UPDATE_PERSON,
        json!({ "input": { "id": "Person:pedro-castillo", "version": 2, "name": "Pedro C." } }),
    )
    .await;
    let (code, _) = app
        .write_error(Some(&key), REVERT, json!({ "id": first }))
        .await;
    assert_eq!(code, "CONFLICT");
    let (code, _) = app
        .write_error(Some(&key), REVERT, json!({ "id": "999999" }))
        .await;
    assert_eq!(code, "NOT_FOUND");
}
