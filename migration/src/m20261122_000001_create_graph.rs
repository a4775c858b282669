//! Creates the knowledge graph: entities, their links, provenance, and the
//! place-closure table that makes "within a place" one indexed join.

use sea_orm_migration::{prelude::*, schema::*};

/// The first migration: every table of the graph.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261122_000001_create_graph"
    }
}

/// Tables in creation order; dropped in reverse.
pub const TABLES: [&str; 16] = [
    "person",
    "organization",
    "place",
    "place_closure",
    "alias",
    "position",
    "incident",
    "involvement",
    "source",
    "source_author",
    "source_citation",
    "statement",
    "statement_incident",
    "statement_mention",
    "casualty_report",
    "citation",
];

/// A foreign key from `table.column` to `target.id`; link rows go with their owner.
fn fk(
    table: &'static str,
    column: &'static str,
    target: &'static str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(format!("fk_{table}_{column}"))
        .from(table, column)
        .to(target, "id")
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

/// A table with a big-integer surrogate key, a unique slug and the given columns.
fn entity_table(name: &'static str, columns: Vec<ColumnDef>) -> TableCreateStatement {
    let mut table = Table::create().table(name).to_owned();
    table.col(big_pk_auto("id")).col(string_uniq("slug"));
    for mut column in columns {
        table.col(&mut column);
    }
    table
}

/// A table with the given columns and foreign keys, and a composite primary key when `pk` is given.
fn link_table(
    name: &'static str,
    columns: Vec<ColumnDef>,
    fks: &[(&'static str, &'static str)],
    pk: Option<[&'static str; 2]>,
) -> TableCreateStatement {
    let mut table = Table::create().table(name).to_owned();
    if pk.is_none() {
        table.col(big_pk_auto("id"));
    }
    for mut column in columns {
        table.col(&mut column);
    }
    for (column, target) in fks {
        table.foreign_key(&mut fk(name, column, target));
    }
    if let Some([a, b]) = pk {
        table.primary_key(Index::create().col(a).col(b));
    }
    table
}

/// Every table's definition, in creation order.
fn tables() -> Vec<TableCreateStatement> {
    let mut place = entity_table(
        "place",
        vec![
            string("name"),
            string("kind"),
            big_integer_null("parent_id"),
        ],
    );
    place.foreign_key(&mut fk("place", "parent_id", "place"));
    let mut position = entity_table(
        "position",
        vec![
            big_integer("person_id"),
            big_integer("organization_id"),
            string("title"),
            boolean("is_public_office"),
            string_null("start_date"),
            string_null("end_date"),
        ],
    );
    position.foreign_key(&mut fk("position", "person_id", "person"));
    position.foreign_key(&mut fk("position", "organization_id", "organization"));
    let mut incident = entity_table(
        "incident",
        vec![
            string("title"),
            text("summary"),
            string("kind"),
            string_null("start_date"),
            string_null("end_date"),
            big_integer_null("place_id"),
        ],
    );
    incident.foreign_key(&mut fk("incident", "place_id", "place"));
    let mut source = entity_table(
        "source",
        vec![
            string("kind"),
            string("title"),
            big_integer_null("publisher_id"),
            string_null("published_at"),
            string_null("url"),
            string_null("language"),
            string_null("text_file"),
        ],
    );
    source.foreign_key(&mut fk("source", "publisher_id", "organization"));
    let mut statement = entity_table(
        "statement",
        vec![
            text("text"),
            string("language"),
            string_null("date"),
            string_null("occasion"),
            big_integer_null("speaker_person_id"),
            big_integer_null("speaker_organization_id"),
            big_integer("source_id"),
            big_integer_null("original_source_id"),
        ],
    );
    for (column, target) in [
        ("speaker_person_id", "person"),
        ("speaker_organization_id", "organization"),
        ("source_id", "source"),
        ("original_source_id", "source"),
    ] {
        statement.foreign_key(&mut fk("statement", column, target));
    }
    let mut casualty = entity_table(
        "casualty_report",
        vec![
            big_integer("incident_id"),
            big_integer("source_id"),
            integer_null("killed"),
            string("killed_qualifier"),
            integer_null("injured"),
            string("injured_qualifier"),
            string_null("as_of"),
            text_null("note"),
        ],
    );
    casualty.foreign_key(&mut fk("casualty_report", "incident_id", "incident"));
    casualty.foreign_key(&mut fk("casualty_report", "source_id", "source"));
    vec![
        entity_table("person", vec![string("name"), text_null("description")]),
        entity_table(
            "organization",
            vec![string("name"), string("kind"), text_null("description")],
        ),
        place,
        link_table(
            "place_closure",
            vec![
                big_integer("ancestor_id"),
                big_integer("descendant_id"),
                integer("depth"),
            ],
            &[("ancestor_id", "place"), ("descendant_id", "place")],
            Some(["ancestor_id", "descendant_id"]),
        ),
        link_table(
            "alias",
            vec![
                string("name"),
                string("key"),
                big_integer_null("person_id"),
                big_integer_null("organization_id"),
                big_integer_null("place_id"),
            ],
            &[
                ("person_id", "person"),
                ("organization_id", "organization"),
                ("place_id", "place"),
            ],
            None,
        ),
        position,
        incident,
        link_table(
            "involvement",
            vec![
                big_integer("incident_id"),
                big_integer("organization_id"),
                string("role"),
            ],
            &[
                ("incident_id", "incident"),
                ("organization_id", "organization"),
            ],
            None,
        ),
        source,
        link_table(
            "source_author",
            vec![
                big_integer("source_id"),
                big_integer("person_id"),
                integer("ordinal"),
            ],
            &[("source_id", "source"), ("person_id", "person")],
            Some(["source_id", "person_id"]),
        ),
        link_table(
            "source_citation",
            vec![big_integer("source_id"), big_integer("cited_source_id")],
            &[("source_id", "source"), ("cited_source_id", "source")],
            Some(["source_id", "cited_source_id"]),
        ),
        statement,
        link_table(
            "statement_incident",
            vec![big_integer("statement_id"), big_integer("incident_id")],
            &[("statement_id", "statement"), ("incident_id", "incident")],
            Some(["statement_id", "incident_id"]),
        ),
        link_table(
            "statement_mention",
            vec![
                big_integer("statement_id"),
                big_integer_null("person_id"),
                big_integer_null("organization_id"),
            ],
            &[
                ("statement_id", "statement"),
                ("person_id", "person"),
                ("organization_id", "organization"),
            ],
            None,
        ),
        casualty,
        link_table(
            "citation",
            vec![
                big_integer("source_id"),
                text("excerpt"),
                big_integer_null("statement_id"),
                big_integer_null("casualty_report_id"),
                big_integer_null("position_id"),
                big_integer_null("incident_id"),
            ],
            &[
                ("source_id", "source"),
                ("statement_id", "statement"),
                ("casualty_report_id", "casualty_report"),
                ("position_id", "position"),
                ("incident_id", "incident"),
            ],
            None,
        ),
    ]
}

/// Indexes on every column a filter, an ordering or a loader uses (slugs are unique already).
const INDEXES: &[(&str, &[&str])] = &[
    ("person", &["name"]),
    ("organization", &["kind"]),
    ("organization", &["name"]),
    ("place", &["parent_id"]),
    ("place", &["name"]),
    ("place_closure", &["descendant_id", "depth"]),
    ("alias", &["person_id"]),
    ("alias", &["organization_id"]),
    ("alias", &["place_id"]),
    ("alias", &["key"]),
    ("position", &["person_id"]),
    ("position", &["organization_id"]),
    ("position", &["is_public_office", "person_id"]),
    ("incident", &["place_id"]),
    ("incident", &["start_date"]),
    ("incident", &["kind"]),
    ("involvement", &["incident_id"]),
    ("involvement", &["organization_id"]),
    ("source", &["publisher_id"]),
    ("source", &["published_at"]),
    ("source_author", &["person_id"]),
    ("source_citation", &["cited_source_id"]),
    ("statement", &["date"]),
    ("statement", &["speaker_person_id", "date"]),
    ("statement", &["speaker_organization_id", "date"]),
    ("statement", &["source_id"]),
    ("statement", &["original_source_id"]),
    ("statement_incident", &["incident_id"]),
    ("statement_mention", &["statement_id"]),
    ("statement_mention", &["person_id"]),
    ("statement_mention", &["organization_id"]),
    ("casualty_report", &["incident_id"]),
    ("casualty_report", &["source_id"]),
    ("citation", &["statement_id"]),
    ("citation", &["casualty_report_id"]),
    ("citation", &["position_id"]),
    ("citation", &["incident_id"]),
    ("citation", &["source_id"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in tables() {
            manager.create_table(table).await?;
        }
        for (table, columns) in INDEXES {
            let mut index = Index::create()
                .name(format!("ix_{table}_{}", columns.join("_")))
                .table(*table)
                .to_owned();
            for column in *columns {
                index.col(*column);
            }
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES.iter().rev() {
            manager
                .drop_table(Table::drop().table(*table).to_owned())
                .await?;
        }
        Ok(())
    }
}
