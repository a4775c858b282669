//! Every table of the graph, declared once: its name, the file its rows
//! export to, the kind of record it holds, and whether PostgreSQL numbers
//! its rows from a sequence. The export and its import, the sequence
//! resets after a bulk load and the question "is this a record table?"
//! read this list; [`crate::on_table!`] turns a name into its entity, and a
//! test checks that both know the same tables.
//!
//! The order is the import's: a table comes after every table it points at.

use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};

use crate::domain::NodeKind;

/// One table of the graph.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    /// Its name in the database.
    pub name: &'static str,
    /// The stem of its export file (`persons` → `persons.ndjson`); none for
    /// a table derived from others.
    pub export: Option<&'static str>,
    /// The kind of record it holds, for a record table.
    pub kind: Option<NodeKind>,
    /// Whether its `id` comes from a sequence (to move past imported rows).
    pub serial: bool,
}

/// A record table of `kind`, exported as `export`.
const fn record(kind: NodeKind, export: &'static str) -> Table {
    Table {
        name: kind.table_name(),
        export: Some(export),
        kind: Some(kind),
        serial: true,
    }
}

/// A link table exported as `export`, numbered by a sequence or not.
const fn link(name: &'static str, export: &'static str, serial: bool) -> Table {
    Table {
        name,
        export: Some(export),
        kind: None,
        serial,
    }
}

/// Every table of the graph, in import order.
pub const TABLES: [Table; 21] = [
    record(NodeKind::Person, "persons"),
    record(NodeKind::Organization, "organizations"),
    record(NodeKind::Place, "places"),
    record(NodeKind::Source, "sources"),
    record(NodeKind::Position, "positions"),
    record(NodeKind::Incident, "incidents"),
    record(NodeKind::Statement, "statements"),
    record(NodeKind::CasualtyReport, "casualty_reports"),
    link("alias", "aliases", true),
    link("involvement", "involvements", true),
    link("participant", "participants", true),
    link("incident_place", "incident_places", true),
    link("incident_link", "incident_links", true),
    link("statement_place", "statement_places", true),
    link("source_author", "source_authors", false),
    link("source_citation", "source_citations", false),
    link("statement_incident", "statement_incidents", false),
    link("statement_mention", "statement_mentions", true),
    link("citation", "citations", true),
    link("revision", "revisions", true),
    // Derived from the places' parents; rebuilt after an import.
    Table {
        name: "place_closure",
        export: None,
        kind: None,
        serial: false,
    },
];

/// What an export holds, in import order: each file's stem and its table.
pub fn exported() -> impl Iterator<Item = (&'static str, &'static str)> {
    TABLES
        .iter()
        .filter_map(|t| t.export.map(|stem| (stem, t.name)))
}

/// The table behind an export file's stem (`statements` → `statement`).
pub fn exported_as(stem: &str) -> Option<&'static str> {
    exported().find(|(s, _)| *s == stem).map(|(_, t)| t)
}

/// Moves PostgreSQL's ID sequences past the rows a bulk load wrote with
/// their IDs (SQLite needs nothing).
pub async fn reset_sequences(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    for table in TABLES.iter().filter(|t| t.serial).map(|t| t.name) {
        // Only the static names above are spliced in.
        let sql = format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
        );
        db.execute_raw(Statement::from_string(DbBackend::Postgres, sql))
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;
    use crate::error::Result;
    use crate::store::tables::JsonTable;

    /// `E`'s table name, and whether it has an `id` column.
    async fn name_of<E: JsonTable + Default>() -> Result<(String, bool)> {
        let name = sea_orm::EntityName::table_name(&E::default()).to_string();
        Ok((name, E::Column::from_str("id").is_ok()))
    }

    #[tokio::test]
    async fn the_registry_and_the_table_dispatch_know_the_same_tables() {
        for table in TABLES {
            let named = crate::on_table!(table.name, name_of());
            let (name, id) = named.expect("a table the dispatch knows");
            assert_eq!(name, table.name);
            assert_eq!(id, table.serial, "{}: numbered by a sequence", table.name);
        }
        for kind in NodeKind::ALL {
            let tables: Vec<&Table> = TABLES.iter().filter(|t| t.kind == Some(kind)).collect();
            assert_eq!(tables.len(), 1, "{kind:?}");
            assert_eq!(tables[0].name, kind.table_name());
        }
        assert_eq!(exported_as("casualty_reports"), Some("casualty_report"));
        assert_eq!(exported().count(), 20);
    }

    // A record table needs the columns history keeps (`version`, `retracted`,
    // `updated_at`), whichever migration gave them: the history migration
    // added them to the first tables, a later kind's migration creates its
    // table with them. So this asks a migrated database, not a list.
    #[tokio::test]
    async fn every_record_table_has_the_record_columns_once_migrated() {
        let (db, _) = crate::db::connect("sqlite::memory:", 1)
            .await
            .expect("a database");
        crate::db::migrate(&db).await.expect("migrated");
        for table in TABLES.iter().filter(|t| t.kind.is_some()) {
            let sql = format!(
                "SELECT version, retracted, updated_at FROM {} LIMIT 0",
                table.name
            );
            let asked = sea_orm::ConnectionTrait::execute_unprepared(&db, &sql).await;
            assert!(asked.is_ok(), "{}: {asked:?}", table.name);
        }
    }
}
