//! Registered operations, for Automatic Persisted Queries by hash and for the
//! allow-list mode in which only registered operations run.

use sea_orm_migration::prelude::*;

/// The persisted-operations migration.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261122_000003_persisted_operations"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let table = Table::create()
            .table("persisted_operation")
            .col(ColumnDef::new("sha256").string().not_null().primary_key())
            .col(ColumnDef::new("name").string().not_null())
            .col(ColumnDef::new("document").text().not_null())
            .to_owned();
        manager.create_table(table).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("persisted_operation").to_owned())
            .await
    }
}
