//! Connecting to the database and migrating it.
//!
//! Every connection times the SQL statements it sends (a SeaORM metric
//! callback): `/metrics` reports them, and tests count them to prove that a
//! query's cost does not grow with the rows it returns.

use std::sync::Arc;

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr};

use crate::metrics::Metrics;

/// Opens a pool on `url` (`sqlite://...` or `postgres://...`) whose SQL
/// statements are timed into the returned metrics (and logged at `debug` as
/// `quipu::sql`). A SQLite file is switched to WAL, so readers do not wait
/// for a writer; sqlx gives every SQLite connection a 5 s busy timeout.
pub async fn connect(
    url: &str,
    max_connections: u32,
) -> Result<(DatabaseConnection, Arc<Metrics>), DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options.max_connections(max_connections).sqlx_logging(false);
    let mut db = Database::connect(options).await?;
    let metrics = Arc::new(Metrics::default());
    metrics.keep_up();
    let recorder = metrics.clone();
    db.set_metric_callback(move |info| {
        recorder.record_statement(info.elapsed, &info.statement.sql);
        tracing::debug!(target: "quipu::sql", elapsed_us = info.elapsed.as_micros() as u64, failed = info.failed, sql = %info.statement.sql);
    });
    if url.starts_with("sqlite:") && !url.contains(":memory:") {
        db.execute_unprepared("PRAGMA journal_mode=WAL").await?;
    }
    Ok((db, metrics))
}

/// Connections open and idle in the pool, when the driver tells.
pub fn pool_usage(db: &DatabaseConnection) -> Option<(u32, usize)> {
    use sea_orm::DatabaseConnectionType as Type;
    // Matched on first: the pool getters panic on the other driver.
    match &db.inner {
        Type::SqlxSqlitePoolConnection(_) => {
            let pool = db.get_sqlite_connection_pool();
            Some((pool.size(), pool.num_idle()))
        }
        Type::SqlxPostgresPoolConnection(_) => {
            let pool = db.get_postgres_connection_pool();
            Some((pool.size(), pool.num_idle()))
        }
        _ => None,
    }
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Refreshes the query planner's statistics (`ANALYZE`), on SQLite only
/// when it has none yet (`missing_only`). Without them SQLite takes an
/// equality index as selective whatever its spread: at a million statements
/// SQLite 3.40 read the 190,000 statements of `speaker_role = 'official'`
/// and sorted them (760 ms) where walking the date index stops after 21
/// rows (4 ms with statistics). The SQLite that sqlx bundles (3.51) chose
/// that index even with them, so migration `m20261130_000007` also drops
/// it. Bulk loads call this; the server calls it at start for a database
/// loaded before they did.
pub async fn refresh_statistics(db: &DatabaseConnection, missing_only: bool) -> Result<(), DbErr> {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let backend = db.get_database_backend();
    if missing_only {
        if backend != DbBackend::Sqlite {
            return Ok(());
        }
        let probe = "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'";
        if db
            .query_one_raw(Statement::from_string(backend, probe))
            .await?
            .is_some()
        {
            return Ok(());
        }
    }
    db.execute_unprepared("ANALYZE").await.map(|_| ())
}

/// Reverts every migration (drops every table of the graph).
pub async fn migrate_down(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::down(db, None).await
}
