//! Full-text search: one `search_document` row per searchable record, and
//! each database's own index over it, kept in step by the database itself
//! (SQLite: an FTS5 table maintained by triggers; PostgreSQL: a generated
//! `tsvector` column with a GIN index).
//!
//! `folded` holds the record's words folded to lowercase ASCII (accents
//! dropped) by the application, so both engines match "otarola" to Otárola
//! the same way without database extensions.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

/// The search migration.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261122_000002_search"
    }
}

const SQLITE_UP: &[&str] = &[
    "CREATE VIRTUAL TABLE search_fts USING fts5(folded, content='search_document', content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER search_document_ai AFTER INSERT ON search_document BEGIN \
        INSERT INTO search_fts(rowid, folded) VALUES (new.id, new.folded); END",
    "CREATE TRIGGER search_document_ad AFTER DELETE ON search_document BEGIN \
        INSERT INTO search_fts(search_fts, rowid, folded) VALUES ('delete', old.id, old.folded); END",
    "CREATE TRIGGER search_document_au AFTER UPDATE ON search_document BEGIN \
        INSERT INTO search_fts(search_fts, rowid, folded) VALUES ('delete', old.id, old.folded); \
        INSERT INTO search_fts(rowid, folded) VALUES (new.id, new.folded); END",
];

const SQLITE_DOWN: &[&str] = &[
    "DROP TRIGGER IF EXISTS search_document_au",
    "DROP TRIGGER IF EXISTS search_document_ad",
    "DROP TRIGGER IF EXISTS search_document_ai",
    "DROP TABLE IF EXISTS search_fts",
];

const POSTGRES_UP: &[&str] = &[
    "ALTER TABLE search_document ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', folded)) STORED",
    "CREATE INDEX ix_search_document_tsv ON search_document USING GIN (tsv)",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let table = Table::create()
            .table("search_document")
            .col(
                ColumnDef::new("id")
                    .big_integer()
                    .not_null()
                    .auto_increment()
                    .primary_key(),
            )
            .col(ColumnDef::new("entity_kind").string().not_null())
            .col(ColumnDef::new("entity_id").big_integer().not_null())
            .col(ColumnDef::new("title").text().not_null())
            .col(ColumnDef::new("aliases").text().not_null())
            .col(ColumnDef::new("body").text().not_null())
            .col(ColumnDef::new("folded").text().not_null())
            .to_owned();
        manager.create_table(table).await?;
        let index = Index::create()
            .name("ux_search_document_entity")
            .table("search_document")
            .col("entity_kind")
            .col("entity_id")
            .unique()
            .to_owned();
        manager.create_index(index).await?;
        let statements = match manager.get_database_backend() {
            DatabaseBackend::Sqlite => SQLITE_UP,
            _ => POSTGRES_UP,
        };
        for sql in statements {
            manager.get_connection().execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DatabaseBackend::Sqlite {
            for sql in SQLITE_DOWN {
                manager.get_connection().execute_unprepared(sql).await?;
            }
        }
        manager
            .drop_table(Table::drop().table("search_document").to_owned())
            .await
    }
}
