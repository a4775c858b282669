//! A query's answer as CSV or TSV (`Accept: text/csv`): the flattening
//! rules of `quipu::http::sheet`, checked against the JSON answer of the
//! same query on the bundled dataset.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::helpers::{spawn_app_with_data, TestApp};

/// The README's flagship question, trimmed: statements by officials about incidents in Puno.
const PUNO: &str = r#"{ statements(first: 20, filter: { spokenAsOfficial: true, about: { place: { within: "puno" } } }) {
  totalCount edges { cursor node { text date speaker { __typename name } incidents { title place { name } }
  source { title url } citations { excerpt } } } } }"#;

/// POSTs `query` accepting `accept`, with `params` in the URL; the status,
/// the content type and the body.
async fn fetch(
    app: &TestApp,
    query: &str,
    accept: &str,
    params: &str,
) -> (StatusCode, String, String) {
    let request = Request::post(format!("/graphql{params}"))
        .header("content-type", "application/json")
        .header("accept", accept)
        .body(Body::from(json!({ "query": query }).to_string()))
        .unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        content_type,
        String::from_utf8(bytes.to_vec()).unwrap(),
    )
}

/// The records of an RFC 4180 text: quoted cells may hold commas, quotes
/// (doubled) and line breaks; records end with CRLF.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut records, mut record, mut cell) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut cell));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => cell.push(c),
        }
    }
    records
}

/// The cell of `column` in each record after the header.
fn column(records: &[Vec<String>], column: &str) -> Vec<String> {
    let at = records[0].iter().position(|c| c == column);
    let at = at.unwrap_or_else(|| panic!("no column {column} in {:?}", records[0]));
    records[1..].iter().map(|r| r[at].clone()).collect()
}

#[tokio::test]
async fn a_query_answers_its_main_list_as_csv_that_parses_back_to_the_json() {
    let app = spawn_app_with_data().await;
    let json = app.data(PUNO).await;
    let edges = json["statements"]["edges"].as_array().unwrap().clone();
    assert!(edges.len() >= 2, "{json}");
    let (status, content_type, body) = fetch(&app, PUNO, "text/csv", "").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(content_type, "text/csv; charset=utf-8");
    let records = parse_csv(&body);
    assert_eq!(
        records.len(),
        1 + edges.len(),
        "a header and a row per statement"
    );
    let header = &records[0];
    for expected in [
        "text",
        "date",
        "speaker.__typename",
        "speaker.name",
        "incidents.title",
    ] {
        assert!(header.contains(&expected.to_string()), "{header:?}");
    }
    for path in [
        "incidents.place.name",
        "source.title",
        "source.url",
        "citations.excerpt",
    ] {
        assert!(header.contains(&path.to_string()), "{path} in {header:?}");
    }
    assert!(!header
        .iter()
        .any(|c| c.contains("cursor") || c.contains("edges")));
    let nodes: Vec<&Value> = edges.iter().map(|e| &e["node"]).collect();
    let texts = column(&records, "text");
    let names = column(&records, "speaker.name");
    let excerpts = column(&records, "citations.excerpt");
    for (i, node) in nodes.iter().enumerate() {
        // Quotes, commas, line breaks and accents come back as they were.
        assert_eq!(texts[i], node["text"].as_str().unwrap());
        assert_eq!(names[i], node["speaker"]["name"].as_str().unwrap());
        let cited: Vec<&str> = node["citations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["excerpt"].as_str().unwrap())
            .collect();
        assert_eq!(excerpts[i], cited.join("; "), "a list in one cell");
        let url = column(&records, "source.url")[i].clone();
        assert_eq!(
            url,
            node["source"]["url"].as_str().unwrap_or(""),
            "null is an empty cell"
        );
    }
    let quoted = body.contains("\"\"") || body.contains(",\"");
    assert!(quoted, "some cell needed quoting in the bundled quotes");
    assert!(!body.is_ascii(), "accents survive as UTF-8");
}

#[tokio::test]
async fn explode_gives_a_row_per_item_of_a_list_and_tsv_and_bom_are_options() {
    let app = spawn_app_with_data().await;
    let query = r#"{ incidents(first: 50) { nodes { title casualtyReports { killed source { title } } } } }"#;
    let json = app.data(query).await;
    let nodes = json["incidents"]["nodes"].as_array().unwrap();
    let reports: usize = nodes
        .iter()
        .map(|n| n["casualtyReports"].as_array().unwrap().len().max(1))
        .sum();
    assert!(
        reports > nodes.len(),
        "some incident has several reports: {json}"
    );
    let (_, _, joined) = fetch(&app, query, "text/csv", "").await;
    assert_eq!(parse_csv(&joined).len(), 1 + nodes.len());
    let (_, _, exploded) = fetch(&app, query, "text/csv", "?explode=casualtyReports").await;
    let records = parse_csv(&exploded);
    assert_eq!(
        records.len(),
        1 + reports,
        "a row per report, one for an incident without"
    );
    assert!(column(&records, "casualtyReports.killed")
        .iter()
        .all(|k| !k.contains(';')));

    let (status, content_type, tsv) =
        fetch(&app, query, "text/tab-separated-values", "?bom=1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type, "text/tab-separated-values; charset=utf-8");
    assert!(tsv.starts_with('\u{feff}'), "a byte-order mark when asked");
    let header = tsv.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert_eq!(header.split('\t').next(), Some("title"));
    assert_eq!(tsv.lines().count(), 1 + nodes.len());
}

#[tokio::test]
async fn errors_are_answered_in_json_even_when_a_sheet_is_asked_for() {
    let app = spawn_app_with_data().await;
    let (status, content_type, body) = fetch(&app, "{ statements { nope } }", "text/csv", "").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
    let json: Value = serde_json::from_str(&body).unwrap();
    assert!(
        json["errors"][0]["extensions"]["code"].is_string(),
        "{json}"
    );
    let (_, content_type, _) = fetch(&app, PUNO, "application/json, text/csv", "").await;
    assert!(
        content_type.starts_with("application/json"),
        "JSON first in Accept wins"
    );
}

#[tokio::test]
async fn hostile_sheet_options_get_a_sheet_not_a_panic() {
    let app = spawn_app_with_data().await;
    let query = "{ incidents(first: 3) { nodes { title place { name } } } }";
    let deep = format!("?explode={}", vec!["a"; 10_000].join("."));
    let through_a_scalar = "?explode=title.more&bom=yes%00".to_string();
    let odd = "?explode=&explode=place&bom=1&bom=0".to_string();
    for params in [deep, through_a_scalar, odd] {
        let (status, content_type, body) = fetch(&app, query, "text/csv", &params).await;
        assert_eq!(status, StatusCode::OK, "{params}: {body}");
        assert!(content_type.starts_with("text/csv"), "{params}");
        assert_eq!(
            parse_csv(body.trim_start_matches('\u{feff}')).len(),
            4,
            "{params}"
        );
    }
    let accept = format!("text/csv;{}", "q=1;".repeat(2_000));
    let (status, content_type, _) = fetch(&app, query, &accept, "").await;
    assert_eq!(
        (status, content_type.starts_with("text/csv")),
        (StatusCode::OK, true)
    );
}

/// Every statement, five to a page, through the query's own `$after`.
const ALL_STATEMENTS: &str = r#"query Every($after: String) { statements(first: 5, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id text } } } }"#;

#[tokio::test]
async fn all_pages_stream_into_one_sheet_and_the_row_cap_holds() {
    let app = spawn_app_with_data().await;
    let (status, _, csv) = fetch(&app, ALL_STATEMENTS, "text/csv", "?all=1").await;
    assert_eq!(status, StatusCode::OK, "{csv}");
    let records = parse_csv(&csv);
    assert_eq!(records[0], ["id", "text"], "{csv}");
    let total = app.data("{ statements { totalCount } }").await["statements"]["totalCount"]
        .as_u64()
        .unwrap();
    assert!(total > 10, "the bundled data has several pages");
    let ids = column(&records, "id");
    assert_eq!(ids.len() as u64, total, "every page, once");
    let unique: std::collections::HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len());
    let (_, _, first_only) = fetch(&app, ALL_STATEMENTS, "text/csv", "").await;
    assert_eq!(parse_csv(&first_only).len(), 6, "without all=1, one page");

    let no_after =
        "{ statements(first: 5) { pageInfo { hasNextPage endCursor } edges { node { id } } } }";
    let (status, _, body) = fetch(&app, no_after, "text/csv", "?all=1").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body.contains("BAD_USER_INPUT") && body.contains("$after"),
        "{body}"
    );
}

#[tokio::test]
async fn a_sheet_of_every_page_stops_at_the_row_cap() {
    let limits = quipu::config::LimitsConfig {
        sheet_max_rows: 7,
        ..Default::default()
    };
    let app = crate::helpers::load_data(crate::helpers::spawn_app_with(limits).await).await;
    let (status, _, body) = fetch(&app, ALL_STATEMENTS, "text/csv", "?all=1").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("SHEET_TOO_LARGE"), "{body}");
    let uncounted = ALL_STATEMENTS.replace("totalCount ", "");
    let (status, _, csv) = fetch(&app, &uncounted, "text/csv", "?all=1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        parse_csv(&csv).len(),
        1 + 7,
        "the header and seven rows: {csv}"
    );
}

#[tokio::test]
async fn a_sheet_of_every_page_runs_at_most_a_hundred_pages() {
    let app = crate::helpers::spawn_app().await;
    let shape = quipu::generate::Shape::for_statements(500);
    quipu::generate::generate(&app.db, shape, 5).await.unwrap();
    let one_by_one = ALL_STATEMENTS
        .replace("first: 5", "first: 1")
        .replace("totalCount ", "");
    let (status, _, csv) = fetch(&app, &one_by_one, "text/csv", "?all=1").await;
    assert_eq!(status, StatusCode::OK);
    let pages = quipu::http::sheet_pages::MAX_PAGES as usize;
    assert_eq!(
        parse_csv(&csv).len(),
        1 + pages,
        "a page of one row each, a hundred pages"
    );
}
