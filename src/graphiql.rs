//! GraphiQL, served from files compiled into the binary (`assets/graphiql/`):
//! it works offline and the browser fetches nothing from third parties.

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};

/// The vendored files: name, content type, bytes.
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "graphiql.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/graphiql/graphiql.min.js"),
    ),
    (
        "graphiql.min.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/graphiql/graphiql.min.css"),
    ),
    (
        "react.production.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/graphiql/react.production.min.js"),
    ),
    (
        "react-dom.production.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/graphiql/react-dom.production.min.js"),
    ),
    (
        "graphql-ws.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/graphiql/graphql-ws.min.js"),
    ),
    (
        "graphiql-plugin-explorer.umd.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/graphiql/graphiql-plugin-explorer.umd.js"),
    ),
    (
        "graphiql-plugin-explorer.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/graphiql/graphiql-plugin-explorer.css"),
    ),
    (
        "table.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/graphiql/table.js"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_bytes!("../assets/graphiql/favicon.svg"),
    ),
    (
        "quipu.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/graphiql/quipu.js"),
    ),
];

/// The GraphiQL page, opening with example queries.
pub async fn page() -> Html<&'static str> {
    Html(include_str!("../assets/graphiql/index.html"))
}

/// The page's icon (a quipu), also where browsers look for one unasked.
pub async fn favicon() -> Response {
    asset(Path("favicon.svg".to_owned())).await
}

/// One of the vendored files, or 404.
pub async fn asset(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|(file, _, _)| *file == name) {
        Some((_, content_type, bytes)) => (
            [
                (header::CONTENT_TYPE, *content_type),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            *bytes,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "no such file").into_response(),
    }
}
