//! Search moves out of the database into an embedded index (Tantivy) that
//! follows the revision feed: the `search_document` table and each
//! database's full-text index over it (FTS5, `tsvector`) go, and
//! `bulk_load` records the loads that write records without revisions (the
//! dataset import, a generated graph, an export's import), so that derived
//! data rebuilds after them. Its first row is the database's own: a random
//! token that tells this database from another one that an index directory
//! may have followed before.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

use crate::m20261122_000002_search;

/// The search-index migration.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000008_search_index"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        m20261122_000002_search::Migration.down(manager).await?;
        let table = Table::create()
            .table("bulk_load")
            .col(
                ColumnDef::new("id")
                    .big_integer()
                    .not_null()
                    .auto_increment()
                    .primary_key(),
            )
            .col(ColumnDef::new("what").text().not_null())
            .col(ColumnDef::new("token").text().not_null())
            .col(
                ColumnDef::new("at")
                    .timestamp()
                    .not_null()
                    .default(Expr::current_timestamp()),
            )
            .to_owned();
        manager.create_table(table).await?;
        let token = match manager.get_database_backend() {
            DatabaseBackend::Postgres => "md5(random()::text || clock_timestamp()::text)",
            _ => "lower(hex(randomblob(16)))",
        };
        let sql =
            format!("INSERT INTO bulk_load (what, token) VALUES ('database created', {token})");
        manager.get_connection().execute_unprepared(&sql).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("bulk_load").to_owned())
            .await?;
        m20261122_000002_search::Migration.up(manager).await
    }
}
