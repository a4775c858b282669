//! Indexes that fit how lists are read, measured on the Puno query at a
//! million statements:
//! - on PostgreSQL, the descending order indexes break ties descending too.
//!   A list newest first is read `date DESC NULLS LAST, id DESC` (ties in
//!   the list's direction, as its keyset cursors expect), which the indexes
//!   of `m20261122_000004` (`date DESC NULLS LAST, id`) did not match:
//!   PostgreSQL sorted each run of equal dates, with parallel workers, for
//!   a page of 20 (17 ms; 6 ms with the index).
//! - on SQLite, no index on `statement.speaker_role`: with it, SQLite 3.51
//!   read the 190,000 statements spoken as officials and sorted them (1.25 s)
//!   instead of walking the date index until the page was full (21 ms).

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

/// The list-indexes migration.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261130_000007_descending_ties"
    }
}

const POSTGRES_UP: &[&str] = &[
    "DROP INDEX IF EXISTS ix_statement_date_desc_id",
    "CREATE INDEX ix_statement_date_desc_id ON statement (date DESC NULLS LAST, id DESC)",
    "DROP INDEX IF EXISTS ix_incident_start_desc_id",
    "CREATE INDEX ix_incident_start_desc_id ON incident (start_date DESC NULLS LAST, id DESC)",
];

const POSTGRES_DOWN: &[&str] = &[
    "DROP INDEX IF EXISTS ix_statement_date_desc_id",
    "CREATE INDEX ix_statement_date_desc_id ON statement (date DESC NULLS LAST, id)",
    "DROP INDEX IF EXISTS ix_incident_start_desc_id",
    "CREATE INDEX ix_incident_start_desc_id ON incident (start_date DESC NULLS LAST, id)",
];

const SQLITE_UP: &[&str] = &["DROP INDEX IF EXISTS ix_statement_speaker_role"];

const SQLITE_DOWN: &[&str] =
    &["CREATE INDEX IF NOT EXISTS ix_statement_speaker_role ON statement (speaker_role)"];

/// Runs the statements of the database at hand.
async fn run(manager: &SchemaManager<'_>, postgres: &[&str], sqlite: &[&str]) -> Result<(), DbErr> {
    let sql = match manager.get_database_backend() {
        DatabaseBackend::Postgres => postgres,
        DatabaseBackend::Sqlite => sqlite,
        _ => &[],
    };
    for statement in sql {
        manager
            .get_connection()
            .execute_unprepared(statement)
            .await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, POSTGRES_UP, SQLITE_UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, POSTGRES_DOWN, SQLITE_DOWN).await
    }
}
