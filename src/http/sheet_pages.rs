//! A sheet of every page: with `?all=1`, a sheet walks the main list page
//! after page and streams each page's rows as it comes, so a journalist gets
//! every statement a filter finds, not the first hundred.
//!
//! The query pages itself: its operation declares `$after: String`, passes
//! it to the main list's `after`, and selects `pageInfo { hasNextPage
//! endCursor }`. Each page is a request of its own through the schema, with
//! the caller's key, limits and timeout. The columns are the first page's;
//! later pages fill those columns. At most `QUIPU_SHEET_MAX_ROWS` rows: a
//! list whose selected `totalCount` is larger is refused up front
//! (`SHEET_TOO_LARGE`), and otherwise the sheet stops there; and at most
//! [`MAX_PAGES`] pages, so one request cannot turn into ten thousand
//! executions of `first: 1`.

use std::time::Duration;

use async_graphql::{Name, Variables};
use axum::body::Body;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::error_response;
use super::sheet::{flatten, lines, main_connection, write, Options, Sheet, Table};
use crate::auth::Caller;
use crate::graphql::loaders::Store;
use crate::AppState;

/// The most pages one sheet runs (the first included).
pub const MAX_PAGES: u64 = 100;

/// The request a sheet repeats, page after page.
pub struct Walk {
    /// The query text.
    pub query: String,
    /// The operation to run.
    pub operation_name: Option<String>,
    /// Its variables (`after` is set for each page).
    pub variables: Variables,
    /// Who asks.
    pub caller: Caller,
}

/// Where the main list goes on: whether there is a next page, and its cursor.
fn next_page(data: &Value) -> Option<String> {
    let info = main_connection(data)?.get("pageInfo")?;
    match (info.get("hasNextPage"), info.get("endCursor")) {
        (Some(Value::Bool(true)), Some(Value::String(cursor))) => Some(cursor.clone()),
        _ => None,
    }
}

/// Whether the operation declares `$after`.
fn declares_after(walk: &Walk) -> bool {
    use async_graphql::parser::types::DocumentOperations;
    let Ok(document) = async_graphql::parser::parse_query(&walk.query) else {
        return false;
    };
    let declares = |op: &async_graphql::parser::types::OperationDefinition| {
        op.variable_definitions
            .iter()
            .any(|v| v.node.name.node.as_str() == "after")
    };
    match (&document.operations, walk.operation_name.as_deref()) {
        (DocumentOperations::Single(op), _) => declares(&op.node),
        (DocumentOperations::Multiple(ops), Some(name)) => {
            ops.get(name).is_some_and(|op| declares(&op.node))
        }
        // One named operation needs no name to be chosen.
        (DocumentOperations::Multiple(ops), None) => {
            ops.len() == 1 && ops.values().all(|op| declares(&op.node))
        }
    }
}

/// The rows of `table` in `columns`' order (a column it lacks is empty).
fn aligned(table: &Table, columns: &[String]) -> Vec<Vec<String>> {
    let at: Vec<Option<usize>> = columns
        .iter()
        .map(|c| table.columns.iter().position(|t| t == c))
        .collect();
    table
        .rows
        .iter()
        .map(|row| {
            at.iter()
                .map(|i| i.and_then(|i| row.get(i)).cloned().unwrap_or_default())
                .collect()
        })
        .collect()
}

/// The streamed sheet of every page, the first page's `data` already run.
pub fn respond(
    state: AppState,
    walk: Walk,
    data: &Value,
    sheet: Sheet,
    options: &Options,
) -> Response {
    let max = state.http.limits.sheet_max_rows;
    if !declares_after(&walk) {
        let message = "`?all=1` walks the main list page by page: declare `$after: String` in the operation, pass it to the list's `after`, and select `pageInfo { hasNextPage endCursor }`";
        return error_response(StatusCode::BAD_REQUEST, "BAD_USER_INPUT", message);
    }
    let total = main_connection(data).and_then(|c| c.get("totalCount")?.as_u64());
    if let Some(total) = total.filter(|t| *t > max) {
        let message = format!(
            "the list holds {total} rows, more than the {max} a sheet may stream (QUIPU_SHEET_MAX_ROWS): narrow the filter"
        );
        return error_response(StatusCode::BAD_REQUEST, "SHEET_TOO_LARGE", &message);
    }
    let explode = options.explode.clone();
    let mut first = flatten(data, explode.as_deref());
    first.rows.truncate(max as usize);
    let head = write(&first, sheet, options.bom);
    let pager = Pager {
        state,
        walk,
        sheet,
        explode,
        sent: first.rows.len() as u64,
        columns: first.columns,
        pages: 1,
        max,
        next: next_page(data),
    };
    let body = futures_util::stream::once(async move { Ok::<_, std::io::Error>(head) })
        .chain(futures_util::stream::unfold(pager, Pager::step));
    (StatusCode::OK, sheet.headers(), Body::from_stream(body)).into_response()
}

use futures_util::StreamExt;

/// Walks the pages after the first.
struct Pager {
    state: AppState,
    walk: Walk,
    sheet: Sheet,
    explode: Option<Vec<String>>,
    columns: Vec<String>,
    sent: u64,
    pages: u64,
    max: u64,
    next: Option<String>,
}

impl Pager {
    /// The next page's rows, or the end.
    async fn step(mut self) -> Option<(Result<Vec<u8>, std::io::Error>, Pager)> {
        let cursor = self.next.take()?;
        if self.sent >= self.max || self.pages >= MAX_PAGES {
            return None;
        }
        self.pages += 1;
        let data = match self.page(&cursor).await {
            Ok(data) => data,
            Err(err) => {
                // The headers are sent: cutting the body short tells the client.
                tracing::warn!(%err, "a sheet's next page failed");
                return Some((Err(std::io::Error::other(err)), self));
            }
        };
        let table = flatten(&data, self.explode.as_deref());
        let room = (self.max - self.sent) as usize;
        let rows: Vec<Vec<String>> = aligned(&table, &self.columns)
            .into_iter()
            .take(room)
            .collect();
        self.sent += rows.len() as u64;
        self.next = if rows.is_empty() {
            None
        } else {
            next_page(&data)
        };
        Some((Ok(lines(rows.iter(), self.sheet).into_bytes()), self))
    }

    /// Runs the query for the page after `cursor`.
    async fn page(&self, cursor: &str) -> Result<Value, String> {
        let mut variables = self.walk.variables.clone();
        variables.insert(
            Name::new("after"),
            async_graphql::Value::String(cursor.to_owned()),
        );
        let mut request = async_graphql::Request::new(self.walk.query.clone())
            .variables(variables)
            .data(Store::loader(self.state.db.clone()))
            .data(self.walk.caller.clone());
        if let Some(name) = &self.walk.operation_name {
            request = request.operation_name(name.clone());
        }
        let timeout = Duration::from_secs(self.state.http.limits.request_timeout_secs);
        let response = tokio::time::timeout(timeout, self.state.schema.execute(request))
            .await
            .map_err(|_| "the page ran out of time".to_string())?;
        if let Some(error) = response.errors.first() {
            return Err(error.message.clone());
        }
        serde_json::to_value(&response.data).map_err(|e| e.to_string())
    }
}
