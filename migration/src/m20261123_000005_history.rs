//! Makes the graph editable without losing anything: a version, a retraction
//! flag and a change time on every record, a survivor pointer for merged
//! persons and organizations, the revision log, and API keys.

use sea_orm_migration::sea_orm::DatabaseBackend;
use sea_orm_migration::{prelude::*, schema::*};

/// The history migration.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261123_000005_history"
    }
}

/// The tables whose rows were records with an ID of their own, edited through
/// the API, when history began (a later kind's migration creates its table
/// with these columns).
const RECORD_TABLES: [&str; 8] = [
    "person",
    "organization",
    "place",
    "source",
    "position",
    "incident",
    "statement",
    "casualty_report",
];

/// The columns every record table gains. SQLite alters one column per statement.
fn record_columns() -> Vec<ColumnDef> {
    vec![
        integer("version").default(1).to_owned(),
        boolean("retracted").default(false).to_owned(),
        string_null("updated_at"),
    ]
}

/// SQLite's indexes in the orders root lists are read in, with `retracted`
/// at the end: SQLite then skips the rows before a page (`OFFSET`) and counts
/// live rows in the index alone, where a filter on a column outside the index
/// made it read every skipped row from the table (paging at 1M went from
/// 0.3 ms to 7 ms a page). PostgreSQL reads the rows anyway and keeps the
/// order indexes of m20261122_000004.
const SQLITE_ORDER_INDEXES: [(&str, &str); 6] = [
    ("statement", "date"),
    ("incident", "start_date"),
    ("source", "published_at"),
    ("person", "name"),
    ("organization", "name"),
    ("place", "name"),
];

/// The revision log: one row per record a change touched, before and after.
fn revision_table() -> TableCreateStatement {
    Table::create()
        .table("revision")
        .col(big_pk_auto("id"))
        .col(big_integer("change_id"))
        .col(string("node_type"))
        .col(big_integer("node_id"))
        .col(string("node_slug"))
        .col(string("action"))
        .col(string("actor"))
        .col(string("at"))
        .col(integer("version"))
        .col(text_null("before"))
        .col(text_null("after"))
        .to_owned()
}

/// API keys, stored as the SHA-256 of the secret.
fn api_key_table() -> TableCreateStatement {
    Table::create()
        .table("api_key")
        .col(big_pk_auto("id"))
        .col(string_uniq("name"))
        .col(string("role"))
        .col(string_uniq("key_hash"))
        .col(string("created_at"))
        .col(string_null("revoked_at"))
        .to_owned()
}

/// An index named after its table and columns.
fn index(table: &str, columns: &[&'static str]) -> IndexCreateStatement {
    let mut index = Index::create()
        .name(format!("ix_{table}_{}", columns.join("_")))
        .table(Alias::new(table))
        .to_owned();
    for column in columns {
        index.col(*column);
    }
    index
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in RECORD_TABLES {
            for mut column in record_columns() {
                let alter = Table::alter()
                    .table(Alias::new(table))
                    .add_column(&mut column)
                    .to_owned();
                manager.alter_table(alter).await?;
            }
            manager.create_index(index(table, &["updated_at"])).await?;
        }
        for table in ["person", "organization"] {
            let alter = Table::alter()
                .table(Alias::new(table))
                .add_column(big_integer_null("merged_into_id"))
                .to_owned();
            manager.alter_table(alter).await?;
        }
        manager.create_table(revision_table()).await?;
        manager
            .create_index(index("revision", &["node_type", "node_id"]))
            .await?;
        manager
            .create_index(index("revision", &["change_id"]))
            .await?;
        manager.create_table(api_key_table()).await?;
        if manager.get_database_backend() == DatabaseBackend::Sqlite {
            for (table, column) in SQLITE_ORDER_INDEXES {
                manager
                    .create_index(index(table, &[column, "id", "retracted"]))
                    .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DatabaseBackend::Sqlite {
            for (table, column) in SQLITE_ORDER_INDEXES {
                let name = format!("ix_{table}_{column}_id_retracted");
                manager
                    .drop_index(Index::drop().name(name).table(Alias::new(table)).to_owned())
                    .await?;
            }
        }
        for table in ["api_key", "revision"] {
            manager
                .drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        for table in ["person", "organization"] {
            let alter = Table::alter()
                .table(Alias::new(table))
                .drop_column("merged_into_id")
                .to_owned();
            manager.alter_table(alter).await?;
        }
        for table in RECORD_TABLES {
            manager
                .drop_index(
                    Index::drop()
                        .name(format!("ix_{table}_updated_at"))
                        .table(Alias::new(table))
                        .to_owned(),
                )
                .await?;
            for column in ["version", "retracted", "updated_at"] {
                let alter = Table::alter()
                    .table(Alias::new(table))
                    .drop_column(column)
                    .to_owned();
                manager.alter_table(alter).await?;
            }
        }
        Ok(())
    }
}
