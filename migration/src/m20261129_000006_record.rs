//! What a journalist needs to cite the record: the kind of each statement
//! (quote, fragment, paraphrase), date bounds and inference marks, whether the
//! speaker held office when speaking, casualty figures in their own words and
//! by category, persons in incidents, statements about places, incidents in
//! several places and incidents linked to incidents.

use sea_orm_migration::{prelude::*, schema::*};

/// The record migration.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261129_000006_record"
    }
}

/// Every column added to an existing table. SQLite alters one column per statement.
fn added_columns() -> Vec<(&'static str, ColumnDef)> {
    let inferred = || boolean("inferred").default(false).to_owned();
    vec![
        ("statement", string("kind").default("quote").to_owned()),
        ("statement", string_null("not_before")),
        ("statement", string_null("not_after")),
        ("statement", inferred()),
        ("statement", text_null("inference")),
        (
            "statement",
            string("speaker_role").default("unknown").to_owned(),
        ),
        ("statement", text_null("speaker_role_reason")),
        ("statement", text_null("speaker_role_stated")),
        ("position", string_null("ended_by")),
        ("position", inferred()),
        ("position", text_null("inference")),
        ("incident", inferred()),
        ("incident", text_null("inference")),
        (
            "casualty_report",
            string("category").default("all").to_owned(),
        ),
        ("casualty_report", string_null("killed_words")),
        ("casualty_report", string_null("injured_words")),
        ("casualty_report", inferred()),
        ("casualty_report", text_null("inference")),
    ]
}

/// A foreign key from `table.column` to `target.id`; link rows go with their owner.
fn fk(table: &str, column: &str, target: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(Alias::new(table), Alias::new(column))
        .to(Alias::new(target), "id")
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

/// A link table with a surrogate key, the given columns and foreign keys.
fn link_table(name: &str, columns: Vec<ColumnDef>, fks: &[(&str, &str)]) -> TableCreateStatement {
    let mut table = Table::create().table(Alias::new(name)).to_owned();
    table.col(big_pk_auto("id"));
    for mut column in columns {
        table.col(&mut column);
    }
    for (column, target) in fks {
        table.foreign_key(&mut fk(name, column, target));
    }
    table
}

/// The link tables this migration creates.
pub const TABLES: [&str; 4] = [
    "participant",
    "incident_place",
    "incident_link",
    "statement_place",
];

/// The new link tables.
fn tables() -> Vec<TableCreateStatement> {
    vec![
        link_table(
            "participant",
            vec![
                big_integer("incident_id"),
                big_integer("person_id"),
                string("role"),
                text_null("description"),
            ],
            &[("incident_id", "incident"), ("person_id", "person")],
        ),
        link_table(
            "incident_place",
            vec![big_integer("incident_id"), big_integer("place_id")],
            &[("incident_id", "incident"), ("place_id", "place")],
        ),
        link_table(
            "incident_link",
            vec![
                big_integer("incident_id"),
                big_integer("related_id"),
                string("relation"),
            ],
            &[("incident_id", "incident"), ("related_id", "incident")],
        ),
        link_table(
            "statement_place",
            vec![big_integer("statement_id"), big_integer("place_id")],
            &[("statement_id", "statement"), ("place_id", "place")],
        ),
    ]
}

/// The indexes the new tables are read through.
const INDEXES: [(&str, &str); 9] = [
    ("participant", "incident_id"),
    ("participant", "person_id"),
    ("incident_place", "incident_id"),
    ("incident_place", "place_id"),
    ("incident_link", "incident_id"),
    ("incident_link", "related_id"),
    ("statement_place", "statement_id"),
    ("statement_place", "place_id"),
    ("statement", "speaker_role"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (table, mut column) in added_columns() {
            let alter = Table::alter()
                .table(Alias::new(table))
                .add_column(&mut column)
                .to_owned();
            manager.alter_table(alter).await?;
        }
        for table in tables() {
            manager.create_table(table).await?;
        }
        for (table, column) in INDEXES {
            let index = Index::create()
                .name(format!("ix_{table}_{column}"))
                .table(Alias::new(table))
                .col(Alias::new(column))
                .to_owned();
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES {
            manager
                .drop_table(Table::drop().table(Alias::new(table)).to_owned())
                .await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("ix_statement_speaker_role")
                    .table(Alias::new("statement"))
                    .to_owned(),
            )
            .await?;
        for (table, column) in added_columns() {
            let alter = Table::alter()
                .table(Alias::new(table))
                .drop_column(Alias::new(column.get_column_name()))
                .to_owned();
            manager.alter_table(alter).await?;
        }
        Ok(())
    }
}
