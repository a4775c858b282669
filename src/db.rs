//! Connecting to the database and migrating it.
//!
//! Every connection counts the SQL statements it sends (a SeaORM metric
//! callback), so tests can prove that a query's cost does not grow with the
//! rows it returns.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

/// How many SQL statements a connection has sent.
#[derive(Debug, Clone, Default)]
pub struct StatementCounter(Arc<AtomicU64>);

impl StatementCounter {
    /// Statements sent so far.
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// Opens a pool on `url` (`sqlite://...` or `postgres://...`) that counts its statements.
pub async fn connect(
    url: &str,
    max_connections: u32,
) -> Result<(DatabaseConnection, StatementCounter), DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options.max_connections(max_connections).sqlx_logging(false);
    let mut db = Database::connect(options).await?;
    let counter = StatementCounter::default();
    let count = counter.0.clone();
    db.set_metric_callback(move |_info| {
        count.fetch_add(1, Ordering::Relaxed);
    });
    Ok((db, counter))
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Reverts every migration (drops every table of the graph).
pub async fn migrate_down(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::down(db, None).await
}
