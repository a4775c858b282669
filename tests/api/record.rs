//! The citable record kept true under edits: a statement's speaker role
//! follows the positions and dates it depends on, writes carry kinds,
//! bounds and inference marks, and `quipu verify` catches a computed date
//! or a figure passed off as stated.

use quipu::auth::Role;
use quipu::ingest::{self, Dataset};
use serde_json::json;

use crate::helpers::{data_dir, spawn_app_with_data, TestApp};

const ROLE: &str =
    r#"query($slug: String!) { statement(slug: $slug) { speakerRole speakerRoleReason } }"#;

/// A statement's speaker role.
async fn role(app: &TestApp, slug: &str) -> serde_json::Value {
    let data = app.query_with(ROLE, json!({ "slug": slug })).await;
    data["data"]["statement"]["speakerRole"].clone()
}

#[tokio::test]
async fn a_statements_speaker_role_follows_the_positions_it_depends_on() {
    let app = spawn_app_with_data().await;
    let key = app.key(Role::Editor).await;
    assert_eq!(
        role(&app, "boluarte-four-political-points").await,
        "OFFICIAL"
    );
    // End her presidency the day before she spoke: the Vice Presidency and
    // the command (which starts with the presidency) no longer cover it.
    let positions = app
        .data(r#"{ person(slug: "dina-boluarte") { positions { id title version } } }"#)
        .await;
    for p in positions["person"]["positions"].as_array().unwrap() {
        if p["title"] == "Vice President" {
            continue;
        }
        let input = json!({ "id": p["id"], "version": p["version"], "endDate": "2023-01-08" });
        app.write(&key, "mutation($input: UpdatePositionInput!) { updatePosition(input: $input) { position { end } } }", json!({ "input": input }))
            .await;
    }
    assert_eq!(
        role(&app, "boluarte-four-political-points").await,
        "NOT_OFFICIAL"
    );
    let data = app
        .query_with(ROLE, json!({ "slug": "boluarte-four-political-points" }))
        .await;
    assert!(data["data"]["statement"]["speakerRoleReason"]
        .as_str()
        .unwrap()
        .starts_with("Held no public office on 2023-01-09"));
}

#[tokio::test]
async fn a_new_statement_carries_its_kind_bounds_and_inference() {
    let app = spawn_app_with_data().await;
    let key = app.key(Role::Editor).await;
    let input = json!({
        "text": "called for calm", "language": "en", "kind": "PARAPHRASE",
        "notBefore": "2023-01-09", "notAfter": "2023-01-10",
        "inference": "The source dates it only as after the Juliaca killings.",
        "speakerId": "Person:dina-boluarte", "sourceId": "Source:peoples-dispatch-juliaca-massacre"
    });
    let data = app
        .write(&key, "mutation($input: CreateStatementInput!) { createStatement(input: $input) { statement { kind notBefore notAfter inferred inference speakerRole } } }", json!({ "input": input }))
        .await;
    assert_eq!(
        data["createStatement"]["statement"],
        json!({ "kind": "PARAPHRASE", "notBefore": "2023-01-09", "notAfter": "2023-01-10", "inferred": true,
                "inference": "The source dates it only as after the Juliaca killings.", "speakerRole": "OFFICIAL" })
    );
}

#[tokio::test]
async fn a_statements_places_are_written_and_replaced() {
    let app = spawn_app_with_data().await;
    let key = app.key(Role::Editor).await;
    let input = json!({
        "text": "the roads are blocked", "language": "en", "kind": "PARAPHRASE",
        "placeIds": ["Place:juliaca", "Place:ilave", "Place:juliaca"],
        "speakerId": "Organization:sutran", "sourceId": "Source:global-research-unrest-spreads"
    });
    let created = app
        .write(&key, "mutation($input: CreateStatementInput!) { createStatement(input: $input) { statement { id version places { slug } } } }", json!({ "input": input }))
        .await;
    let statement = &created["createStatement"]["statement"];
    let mut slugs: Vec<String> = statement["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["slug"].as_str().unwrap().to_string())
        .collect();
    slugs.sort();
    assert_eq!(slugs, ["ilave", "juliaca"]);
    let update = json!({ "id": statement["id"], "version": statement["version"], "placeIds": ["Place:puno"] });
    let updated = app
        .write(&key, "mutation($input: UpdateStatementInput!) { updateStatement(input: $input) { statement { places { slug } } } }", json!({ "input": update }))
        .await;
    assert_eq!(
        updated["updateStatement"]["statement"]["places"],
        json!([{ "slug": "puno" }])
    );
    let wrong = r#"mutation { updateStatement(input: { id: "Statement:canales-deaths-in-puno", version: 1, placeIds: ["Incident:cusco-killing-2023-01-10"] }) { statement { id } } }"#;
    let (code, message) = app.write_error(Some(&key), wrong, json!({})).await;
    assert_eq!(code, "BAD_USER_INPUT", "{message}");
}

#[test]
fn verify_catches_a_computed_date_and_a_pinned_figure_passed_off_as_stated() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("../shared/seeds is absent: skipping verification against the seeds");
        return;
    }
    let mut dataset = Dataset::load(&data_dir()).unwrap();
    let clean = ingest::verify(&dataset, &seeds).unwrap();
    assert!(clean.is_clean(), "{clean}");
    let lawful = dataset
        .statements
        .iter_mut()
        .find(|s| s.slug == "boluarte-army-actions-lawful")
        .unwrap();
    lawful.record.inferred = false;
    let pinned = dataset
        .casualty_reports
        .iter_mut()
        .find(|c| {
            c.record.source == "amazon-watch-massacre-must-be-stopped"
                && c.record.killed == Some(28)
        })
        .unwrap();
    pinned.record.as_of = Some("2022-12".into());
    let report = ingest::verify(&dataset, &seeds).unwrap();
    let problems: Vec<&str> = report
        .mismatches
        .iter()
        .map(|m| m.problem.as_str())
        .collect();
    assert_eq!(
        problems,
        [
            "date 2022-12-17 is not in its cited words; cite them or mark it inferred",
            "as_of 2022-12 is not in its cited words; cite them or mark it inferred"
        ],
        "{report}"
    );
}

/// One count from the database.
async fn count(app: &TestApp, sql: &str) -> i64 {
    use sea_orm::{ConnectionTrait, Statement};
    let statement = Statement::from_string(app.db.get_database_backend(), sql.to_string());
    let row = app.db.query_one_raw(statement).await.unwrap().unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

#[tokio::test]
async fn docs_dataset_md_states_the_counts_exactly() {
    let app = spawn_app_with_data().await;
    let mut rows = Vec::new();
    let n = |sql: &'static str| count(&app, sql);
    rows.push(format!(
        "| statements | {} | {} quotes, {} fragments, {} paraphrases; {} spoken as officials, {} not, {} unknown; {} marked inferred |",
        n("SELECT COUNT(*) FROM statement").await,
        n("SELECT COUNT(*) FROM statement WHERE kind = 'quote'").await,
        n("SELECT COUNT(*) FROM statement WHERE kind = 'fragment'").await,
        n("SELECT COUNT(*) FROM statement WHERE kind = 'paraphrase'").await,
        n("SELECT COUNT(*) FROM statement WHERE speaker_role = 'official'").await,
        n("SELECT COUNT(*) FROM statement WHERE speaker_role = 'not_official'").await,
        n("SELECT COUNT(*) FROM statement WHERE speaker_role = 'unknown'").await,
        n("SELECT COUNT(*) FROM statement WHERE inferred").await,
    ));
    rows.push(format!(
        "| sources | {} | the {} seeds and {} sources they cite |",
        n("SELECT COUNT(*) FROM source").await,
        n("SELECT COUNT(*) FROM source WHERE text_file IS NOT NULL").await,
        n("SELECT COUNT(*) FROM source WHERE text_file IS NULL").await,
    ));
    rows.push(format!(
        "| persons | {} | |",
        n("SELECT COUNT(*) FROM person").await
    ));
    rows.push(format!(
        "| organizations | {} | {} of them speakers the seeds describe without naming |",
        n("SELECT COUNT(*) FROM organization").await,
        n("SELECT COUNT(*) FROM organization WHERE description LIKE 'Described%'").await,
    ));
    rows.push(format!(
        "| places | {} | |",
        n("SELECT COUNT(*) FROM place").await
    ));
    rows.push(format!(
        "| positions | {} | {} marked inferred |",
        n("SELECT COUNT(*) FROM position").await,
        n("SELECT COUNT(*) FROM position WHERE inferred").await,
    ));
    rows.push(format!(
        "| incidents | {} | {} marked inferred; {} persons in them, {} links between them, {} further places |",
        n("SELECT COUNT(*) FROM incident").await,
        n("SELECT COUNT(*) FROM incident WHERE inferred").await,
        n("SELECT COUNT(*) FROM participant").await,
        n("SELECT COUNT(*) FROM incident_link").await,
        n("SELECT COUNT(*) FROM incident_place").await,
    ));
    rows.push(format!(
        "| casualty reports | {} | {} count civilians, {} police, {} everyone; {} keep the source's words; {} marked inferred |",
        n("SELECT COUNT(*) FROM casualty_report").await,
        n("SELECT COUNT(*) FROM casualty_report WHERE category = 'civilians'").await,
        n("SELECT COUNT(*) FROM casualty_report WHERE category = 'police'").await,
        n("SELECT COUNT(*) FROM casualty_report WHERE category = 'all'").await,
        n("SELECT COUNT(*) FROM casualty_report WHERE killed_words IS NOT NULL OR injured_words IS NOT NULL").await,
        n("SELECT COUNT(*) FROM casualty_report WHERE inferred").await,
    ));
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/dataset.md"),
    )
    .unwrap();
    for row in rows {
        assert!(doc.contains(&row), "docs/dataset.md should say:\n{row}");
    }
}
