//! The descending order indexes with their ties descending too. A list
//! newest first is read `date DESC NULLS LAST, id DESC` (ties in the list's
//! direction, as its keyset cursors expect), which the indexes of
//! `m20261122_000004` (`date DESC NULLS LAST, id`) did not match: at a
//! million statements PostgreSQL sorted each run of equal dates and
//! started parallel workers to do it, for a page of 20.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

/// The descending-ties migration.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261130_000007_descending_ties"
    }
}

const UP: &[&str] = &[
    "DROP INDEX IF EXISTS ix_statement_date_desc_id",
    "CREATE INDEX ix_statement_date_desc_id ON statement (date DESC NULLS LAST, id DESC)",
    "DROP INDEX IF EXISTS ix_incident_start_desc_id",
    "CREATE INDEX ix_incident_start_desc_id ON incident (start_date DESC NULLS LAST, id DESC)",
];

const DOWN: &[&str] = &[
    "DROP INDEX IF EXISTS ix_statement_date_desc_id",
    "CREATE INDEX ix_statement_date_desc_id ON statement (date DESC NULLS LAST, id)",
    "DROP INDEX IF EXISTS ix_incident_start_desc_id",
    "CREATE INDEX ix_incident_start_desc_id ON incident (start_date DESC NULLS LAST, id)",
];

/// Runs `sql` on PostgreSQL (SQLite cannot put NULLS LAST in an index).
async fn run(manager: &SchemaManager<'_>, sql: &[&str]) -> Result<(), DbErr> {
    if manager.get_database_backend() == DatabaseBackend::Postgres {
        for statement in sql {
            manager.get_connection().execute_unprepared(statement).await?;
        }
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run(manager, DOWN).await
    }
}
