//! `GET /export/{kind}.{ndjson|csv|json}`: one table of the graph, streamed,
//! for partners with a key (any role).

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;

use super::{rows_for, Format, RowWriter};
use crate::auth::{Caller, Role};
use crate::http::error_response;
use crate::store::registry;
use crate::AppState;

/// Streams one kind's rows in the format its extension names.
pub async fn download(
    State(state): State<AppState>,
    caller: Option<Extension<Caller>>,
    Path(file): Path<String>,
) -> Response {
    let caller = caller.map(|Extension(c)| c).unwrap_or_default();
    if let Err(err) = caller.require(Role::Reader) {
        return error_response(StatusCode::UNAUTHORIZED, err.code(), err.message());
    }
    let parsed = file
        .rsplit_once('.')
        .and_then(|(kind, ext)| Some((registry::exported_as(kind)?, Format::from_extension(ext)?)));
    let Some((table, format)) = parsed else {
        let kinds: Vec<&str> = registry::exported().map(|(k, _)| k).collect();
        let message = format!(
            "no export named '{file}': ask for KIND.ndjson, KIND.csv or KIND.json, KIND one of {}",
            kinds.join(", ")
        );
        return error_response(StatusCode::NOT_FOUND, "NOT_FOUND", &message);
    };
    let rows = rows_for(state.db.clone(), table, format);
    let body = futures_util::stream::unfold(
        (rows, RowWriter::new(format), false),
        |(mut rows, mut writer, done)| async move {
            if done {
                return None;
            }
            match rows.recv().await {
                Some(Ok(row)) => Some((Ok(writer.row(&row)), (rows, writer, false))),
                Some(Err(err)) => {
                    // Headers are gone already: cutting the body short tells the client.
                    tracing::error!(?err, "export failed");
                    Some((
                        Err(std::io::Error::other("export failed")),
                        (rows, writer, true),
                    ))
                }
                None => {
                    let end = writer.finish().to_string();
                    Some((Ok(end), (rows, writer, true)))
                }
            }
        },
    );
    let disposition = format!("attachment; filename=\"{file}\"");
    (
        [
            (header::CONTENT_TYPE, format.media_type().to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        Body::from_stream(body),
    )
        .into_response()
}
