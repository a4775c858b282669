//! Logging. `RUST_LOG` sets the filter (default `info`, SQL driver chatter at `warn`).

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber that writes logs to stderr.
pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}
