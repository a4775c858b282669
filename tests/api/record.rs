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

#[test]
fn verify_catches_a_computed_date_and_a_pinned_figure_passed_off_as_stated() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    assert!(seeds.is_dir(), "the seeds are not at {seeds:?}");
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
