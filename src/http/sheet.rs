//! A query's answer as a spreadsheet: `Accept: text/csv` (or
//! `text/tab-separated-values`) on `/graphql` answers the result's main
//! list flattened into rows and columns, by the rules below (README,
//! "CSV"). One set of rules, so a script and a journalist's download agree.
//!
//! - **The main list** is the first list of objects in the answer, in the
//!   order of the query: a connection's `edges` (each edge's `node`) or
//!   `nodes`, or a plain list.
//! - **A row per item**; its columns are the paths of its leaves, joined by
//!   dots (`speaker.name`), in the order they first appear. A connection
//!   inside a row is walked through (`statements.text`, not
//!   `statements.edges.node.text`); `cursor` and `pageInfo` are left out.
//! - **A list inside a row** puts all its values in one cell, joined by
//!   `"; "`, or, with `?explode=PATH` (`explode=incidents`), gives a row
//!   per item of that list, the row's other cells repeated (a path that
//!   names no list changes nothing).
//! - `null` is an empty cell; numbers and booleans as JSON writes them.
//! - CSV quotes a cell holding a comma, a quote or a line break (RFC 4180);
//!   TSV has no quoting, so tabs and line breaks in a cell become spaces.
//!   UTF-8; `?bom=1` starts the file with a byte-order mark, for spreadsheet
//!   programs that need one.
//! - A request with errors is answered in JSON as usual (a sheet cannot
//!   carry them), as is a batch.
//! - `?all=1` walks every page of the main list ([`super::sheet_pages`]).

use async_graphql::indexmap::{IndexMap, IndexSet};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

/// The two spreadsheet formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    /// `text/csv`.
    Csv,
    /// `text/tab-separated-values`.
    Tsv,
}

/// The format the first media type of `Accept` names, if a sheet.
pub fn wanted(headers: &HeaderMap) -> Option<Sheet> {
    let accept = headers.get(header::ACCEPT)?.to_str().ok()?;
    let first = accept.split(',').next()?.split(';').next()?.trim();
    match first.to_ascii_lowercase().as_str() {
        "text/csv" => Some(Sheet::Csv),
        "text/tab-separated-values" => Some(Sheet::Tsv),
        _ => None,
    }
}

/// How the request's URL shapes the sheet: `explode` and `bom`.
#[derive(Debug, Default)]
pub struct Options {
    /// The path of a list inside each row to give a row per item.
    pub explode: Option<Vec<String>>,
    /// Whether to start with a UTF-8 byte-order mark.
    pub bom: bool,
    /// Whether to walk every page of the main list (`?all=1`).
    pub all: bool,
}

impl Options {
    /// The options in `uri`'s query string.
    pub fn of(uri: &Uri) -> Options {
        let pairs = axum::extract::Query::<Vec<(String, String)>>::try_from_uri(uri)
            .map(|query| query.0)
            .unwrap_or_default();
        let mut options = Options::default();
        for (key, value) in pairs {
            match key.as_str() {
                "explode" if !value.is_empty() => {
                    options.explode = Some(value.split('.').map(str::to_owned).collect())
                }
                "bom" => options.bom = matches!(value.as_str(), "1" | "true"),
                "all" => options.all = matches!(value.as_str(), "1" | "true"),
                _ => {}
            }
        }
        options
    }
}

/// A flattened answer.
#[derive(Debug, Default, PartialEq)]
pub struct Table {
    /// The column paths.
    pub columns: Vec<String>,
    /// The cells, a row at a time, aligned with `columns`.
    pub rows: Vec<Vec<String>>,
}

/// The main list of `data` flattened by the rules of this module.
pub fn flatten(data: &Value, explode: Option<&[String]>) -> Table {
    let items = main_list(data).unwrap_or_default();
    let mut rows: Vec<IndexMap<String, Vec<String>>> = Vec::new();
    for item in items {
        for row in exploded(item, explode) {
            let mut cells = IndexMap::new();
            leaves("", &row, &mut cells);
            rows.push(cells);
        }
    }
    let mut columns: IndexSet<String> = IndexSet::new();
    for row in &rows {
        columns.extend(row.keys().cloned());
    }
    // A null where other rows have an object holds no value of its own.
    let parents: std::collections::HashSet<&str> = columns
        .iter()
        .flat_map(|c| c.match_indices('.').map(move |(at, _)| &c[..at]))
        .collect();
    let columns: Vec<String> = columns
        .iter()
        .filter(|c| !parents.contains(c.as_str()))
        .cloned()
        .collect();
    let rows = rows
        .iter()
        .map(|row| {
            columns
                .iter()
                .map(|c| row.get(c).map(|v| v.join("; ")).unwrap_or_default())
                .collect()
        })
        .collect();
    Table { columns, rows }
}

/// The connection that holds the main list, if the main list is a
/// connection's: its `pageInfo` and `totalCount` say where the list goes on.
pub fn main_connection(value: &Value) -> Option<&Map<String, Value>> {
    let Value::Object(map) = value else {
        return None;
    };
    if connection_items(map).is_some() {
        return Some(map);
    }
    // The same walk as `main_list`: the first child that holds a list decides.
    let child = map.values().find(|child| match child {
        Value::Array(items) => items.iter().any(Value::is_object),
        Value::Object(_) => main_list(child).is_some(),
        _ => false,
    })?;
    main_connection(child)
}

/// The items of the first list of objects in `value`, in order.
fn main_list(value: &Value) -> Option<Vec<&Value>> {
    let Value::Object(map) = value else {
        return None;
    };
    if let Some(items) = connection_items(map) {
        return Some(items);
    }
    map.values().find_map(|child| match child {
        Value::Array(items) if items.iter().any(Value::is_object) => {
            Some(items.iter().filter(|item| item.is_object()).collect())
        }
        Value::Object(_) => main_list(child),
        _ => None,
    })
}

/// A connection's items: its edges' nodes, or its nodes.
fn connection_items(map: &Map<String, Value>) -> Option<Vec<&Value>> {
    if let Some(Value::Array(edges)) = map.get("edges") {
        return Some(edges.iter().filter_map(|edge| edge.get("node")).collect());
    }
    match map.get("nodes") {
        Some(Value::Array(nodes)) => Some(nodes.iter().collect()),
        _ => None,
    }
}

/// Adds the leaves of `value` under `prefix` to `cells`.
fn leaves(prefix: &str, value: &Value, cells: &mut IndexMap<String, Vec<String>>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                match (key.as_str(), child) {
                    ("cursor" | "pageInfo", _) => {}
                    ("edges", Value::Array(edges)) => {
                        for node in edges.iter().filter_map(|edge| edge.get("node")) {
                            leaves(prefix, node, cells);
                        }
                    }
                    ("nodes", Value::Array(nodes)) => {
                        for node in nodes {
                            leaves(prefix, node, cells);
                        }
                    }
                    _ => {
                        let path = match prefix {
                            "" => key.clone(),
                            _ => format!("{prefix}.{key}"),
                        };
                        leaves(&path, child, cells);
                    }
                }
            }
        }
        Value::Array(items) => {
            cells.entry(prefix.to_owned()).or_default();
            for item in items {
                leaves(prefix, item, cells);
            }
        }
        Value::Null => {
            cells.entry(prefix.to_owned()).or_default();
        }
        Value::String(text) => cells
            .entry(prefix.to_owned())
            .or_default()
            .push(text.clone()),
        other => cells
            .entry(prefix.to_owned())
            .or_default()
            .push(other.to_string()),
    }
}

/// `item` once, or once per item of the list at `path` inside it (that list
/// replaced by the one item; by `null` when it is empty). A path that names
/// no list leaves the row as it is.
fn exploded(item: &Value, path: Option<&[String]>) -> Vec<Value> {
    let Some(items) = path.and_then(|path| Some((path, list_at(item, path)?))) else {
        return vec![item.clone()];
    };
    let (path, items) = items;
    if items.is_empty() {
        let mut row = item.clone();
        replace_at(&mut row, path, Value::Null);
        return vec![row];
    }
    items
        .into_iter()
        .map(|one| {
            let mut row = item.clone();
            replace_at(&mut row, path, one.clone());
            row
        })
        .collect()
}

/// The items of the list (or connection) at `path` in `value`.
fn list_at<'a>(value: &'a Value, path: &[String]) -> Option<Vec<&'a Value>> {
    let (first, rest) = path.split_first()?;
    let child = value.get(first)?;
    if !rest.is_empty() {
        return list_at(child, rest);
    }
    match child {
        Value::Array(items) => Some(items.iter().collect()),
        Value::Object(map) => connection_items(map),
        _ => None,
    }
}

/// Puts `new` where `path` points in `value`.
fn replace_at(value: &mut Value, path: &[String], new: Value) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    let Some(child) = value.get_mut(first) else {
        return;
    };
    if rest.is_empty() {
        *child = new;
    } else {
        replace_at(child, rest, new);
    }
}

/// The sheet's bytes: a header row of column paths, then the rows.
pub fn write(table: &Table, sheet: Sheet, bom: bool) -> Vec<u8> {
    let mut out = String::new();
    if bom {
        out.push('\u{feff}');
    }
    out.push_str(&lines(
        std::iter::once(&table.columns).chain(&table.rows),
        sheet,
    ));
    out.into_bytes()
}

/// Lines of cells as the format writes them, each ended by CRLF.
pub fn lines<'a>(lines: impl Iterator<Item = &'a Vec<String>>, sheet: Sheet) -> String {
    let mut out = String::new();
    for line in lines {
        let cells: Vec<String> = line.iter().map(|cell| escape(cell, sheet)).collect();
        let separator = if sheet == Sheet::Csv { "," } else { "\t" };
        out.push_str(&cells.join(separator));
        out.push_str("\r\n");
    }
    out
}

/// One cell as the format writes it.
fn escape(cell: &str, sheet: Sheet) -> String {
    match sheet {
        Sheet::Csv if cell.contains([',', '"', '\n', '\r']) => {
            format!("\"{}\"", cell.replace('"', "\"\""))
        }
        Sheet::Csv => cell.to_owned(),
        Sheet::Tsv => cell.replace(['\t', '\n', '\r'], " "),
    }
}

impl Sheet {
    /// The response headers of a sheet: its media type, and a file to save it as.
    pub fn headers(self) -> [(header::HeaderName, String); 2] {
        let (content_type, name) = match self {
            Sheet::Csv => ("text/csv; charset=utf-8", "quipu.csv"),
            Sheet::Tsv => ("text/tab-separated-values; charset=utf-8", "quipu.tsv"),
        };
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ]
    }
}

/// The response for `data` as a sheet.
pub fn respond(data: &Value, sheet: Sheet, options: &Options) -> Response {
    let table = flatten(data, options.explode.as_deref());
    let body = write(&table, sheet, options.bom);
    (StatusCode::OK, sheet.headers(), body).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_connection_inside_a_row_is_walked_through_and_cells_are_quoted() {
        let data = json!({ "persons": { "totalCount": 2, "nodes": [
            { "name": "Alberto Otárola", "statements": { "totalCount": 2, "pageInfo": { "hasNextPage": false },
              "edges": [ { "cursor": "x", "node": { "text": "a, \"b\"" } }, { "cursor": "y", "node": { "text": "c" } } ] } },
            { "name": "Dina", "statements": null, "extra": true }
        ] } });
        let table = flatten(&data, None);
        assert_eq!(
            table.columns,
            ["name", "statements.totalCount", "statements.text", "extra"]
        );
        assert_eq!(table.rows[0][1..3], ["2", "a, \"b\"; c"]);
        assert_eq!(table.rows[1], ["Dina", "", "", "true"]);
        let csv = String::from_utf8(write(&table, Sheet::Csv, false)).unwrap();
        assert!(csv.contains(",\"a, \"\"b\"\"; c\","), "{csv}");
        let tsv = String::from_utf8(write(&table, Sheet::Tsv, false)).unwrap();
        assert_eq!(tsv.lines().count(), 3);
    }
}
