//! The CSV export, for reading: a record's own row ID becomes its global ID
//! (`Person:dina-boluarte`), and each column that points at another record
//! by row ID (`speaker_person_id`) becomes two: its global ID
//! (`speaker_person`) and its name or title (`speaker_person_name`). The
//! names come from one `LEFT JOIN` per such column in the same streamed
//! statement, never from a query per row. NDJSON and JSON keep the stored
//! rows as they are: they are what `quipu import` reads back.

use futures_util::StreamExt;
use sea_orm::{
    ColumnTrait, ColumnType, DatabaseConnection, EntityTrait, FromQueryResult, IdenStatic,
    Iterable, JsonValue, PrimaryKeyToColumn, Statement,
};
use serde_json::{Map, Value};
use tokio::sync::mpsc;

use crate::domain::NodeKind;
use crate::error::Result;

/// The kind of record stored in `table`, if it is one.
fn kind_of(table: &str) -> Option<NodeKind> {
    NodeKind::ALL.into_iter().find(|k| k.table_name() == table)
}

/// The kind of record `column` of `table` points at, if it points at one.
fn referenced(table: &str, column: &str) -> Option<NodeKind> {
    match (table, column) {
        ("place", "parent_id") => Some(NodeKind::Place),
        ("incident_link", "related_id") => Some(NodeKind::Incident),
        ("source", "publisher_id") => Some(NodeKind::Organization),
        (_, "merged_into_id") => kind_of(table),
        _ => {
            let stem = column.strip_suffix("_id")?;
            NodeKind::ALL.into_iter().find(|k| {
                let name = k.table_name();
                stem == name || stem.ends_with(&format!("_{name}"))
            })
        }
    }
}

/// The column that names a record of `kind`, if records of that kind have one.
fn label(kind: NodeKind) -> Option<&'static str> {
    match kind {
        NodeKind::Person | NodeKind::Organization | NodeKind::Place => Some("name"),
        NodeKind::Incident | NodeKind::Source | NodeKind::Position => Some("title"),
        NodeKind::Statement | NodeKind::CasualtyReport => None,
    }
}

/// A table's columns, by name.
struct Columns {
    all: Vec<&'static str>,
    key: Vec<&'static str>,
    booleans: Vec<&'static str>,
}

/// The columns of `E`.
async fn columns<E: EntityTrait>() -> Result<Columns> {
    let all = E::Column::iter().map(|c| c.as_str()).collect();
    let key = E::PrimaryKey::iter()
        .map(|k| k.into_column().as_str())
        .collect();
    let booleans = E::Column::iter()
        .filter(|c| matches!(c.def().get_column_type(), ColumnType::Boolean))
        .map(|c| c.as_str())
        .collect();
    Ok(Columns { all, key, booleans })
}

/// The statement that reads `table` with its references' slugs and names.
fn select(table: &str, all: &[&str], key: &[&str]) -> String {
    let mut fields: Vec<String> = all.iter().map(|c| format!("t.\"{c}\"")).collect();
    let mut joins = String::new();
    for (n, column) in all.iter().enumerate() {
        let Some(kind) = referenced(table, column) else {
            continue;
        };
        let alias = format!("r{n}");
        fields.push(format!("{alias}.slug AS \"{column}:slug\""));
        if let Some(label) = label(kind) {
            fields.push(format!("{alias}.\"{label}\" AS \"{column}:name\""));
        }
        joins.push_str(&format!(
            " LEFT JOIN \"{}\" {alias} ON {alias}.id = t.\"{column}\"",
            kind.table_name()
        ));
    }
    let order: Vec<String> = key.iter().map(|c| format!("t.\"{c}\"")).collect();
    format!(
        "SELECT {} FROM \"{table}\" t{joins} ORDER BY {}",
        fields.join(", "),
        order.join(", ")
    )
}

/// A joined row as the reader sees it: global IDs and names for row IDs.
fn readable(table: &str, columns: &Columns, row: Map<String, Value>) -> Value {
    let global = |kind: NodeKind, slug: Option<&Value>| match slug.and_then(Value::as_str) {
        Some(slug) => Value::String(format!("{}:{slug}", kind.type_name())),
        None => Value::Null,
    };
    let mut out = Map::new();
    for (column, value) in &row {
        if column.contains(':') {
            continue;
        }
        match (column.as_str(), referenced(table, column), kind_of(table)) {
            ("id", _, Some(kind)) => {
                out.insert("id".into(), global(kind, row.get("slug")));
            }
            (_, Some(kind), _) => {
                let stem = column.strip_suffix("_id").unwrap_or(column);
                out.insert(
                    stem.into(),
                    global(kind, row.get(&format!("{column}:slug"))),
                );
                if label(kind).is_some() {
                    let name = row.get(&format!("{column}:name")).cloned();
                    out.insert(format!("{stem}_name"), name.unwrap_or(Value::Null));
                }
            }
            _ if columns.booleans.contains(&column.as_str()) => {
                // SQLite stores booleans as integers.
                let flag = value
                    .as_i64()
                    .map_or(value.clone(), |n| Value::Bool(n != 0));
                out.insert(column.clone(), flag);
            }
            _ => {
                out.insert(column.clone(), value.clone());
            }
        }
    }
    Value::Object(out)
}

/// Streams the readable rows of `table` into a channel, from a task of its own.
pub fn spawn_rows(db: DatabaseConnection, table: &'static str) -> mpsc::Receiver<Result<Value>> {
    let (sender, receiver) = mpsc::channel(super::CHANNEL_ROWS);
    tokio::spawn(async move {
        let sent = send_rows(&db, table, &sender).await;
        if let Err(err) = sent {
            let _ = sender.send(Err(err)).await;
        }
    });
    receiver
}

async fn send_rows(
    db: &DatabaseConnection,
    table: &'static str,
    sender: &mpsc::Sender<Result<Value>>,
) -> Result<()> {
    let columns = crate::on_table!(table, columns())?;
    let sql = select(table, &columns.all, &columns.key);
    let statement = Statement::from_string(db.get_database_backend(), sql);
    let mut rows = JsonValue::find_by_statement(statement).stream(db).await?;
    while let Some(row) = rows.next().await {
        let row = match row? {
            Value::Object(map) => readable(table, &columns, map),
            other => other,
        };
        if sender.send(Ok(row)).await.is_err() {
            break;
        }
    }
    Ok(())
}
