//! Indexes in the exact orders lists are read in (`date DESC NULLS LAST, id`
//! and the ascending twin), so PostgreSQL can walk a filtered list in order
//! and stop at the page instead of sorting every match. SQLite cannot put
//! NULLS LAST in an index; its plans do not need it.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

/// The order-index migration.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261122_000004_order_indexes"
    }
}

const UP: &[&str] = &[
    "CREATE INDEX ix_statement_date_desc_id ON statement (date DESC NULLS LAST, id)",
    "CREATE INDEX ix_statement_date_asc_id ON statement (date ASC NULLS LAST, id)",
    "CREATE INDEX ix_incident_start_desc_id ON incident (start_date DESC NULLS LAST, id)",
    "CREATE INDEX ix_incident_start_asc_id ON incident (start_date ASC NULLS LAST, id)",
];

const DOWN: &[&str] = &[
    "DROP INDEX IF EXISTS ix_statement_date_desc_id",
    "DROP INDEX IF EXISTS ix_statement_date_asc_id",
    "DROP INDEX IF EXISTS ix_incident_start_desc_id",
    "DROP INDEX IF EXISTS ix_incident_start_asc_id",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            for sql in UP {
                manager.get_connection().execute_unprepared(sql).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            for sql in DOWN {
                manager.get_connection().execute_unprepared(sql).await?;
            }
        }
        Ok(())
    }
}
