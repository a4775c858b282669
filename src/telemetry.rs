//! Logging. `RUST_LOG` sets the filter (default `info`, SQL driver chatter at
//! `warn`); `QUIPU_LOG_FORMAT=json` writes one JSON object per line for log
//! collectors. Requests, resolvers and SQL statements each get a span or
//! event (see `http.rs`, the schema's tracing extension, and `db.rs`).

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber that writes logs to stderr, as `text` or `json`.
pub fn init(format: &str) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if format == "json" {
        builder.json().init();
    } else {
        builder.init();
    }
}
