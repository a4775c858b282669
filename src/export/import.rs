//! Reading an export back into an empty database, in one transaction.

use std::io::BufRead;
use std::path::Path;

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, TransactionTrait};
use serde_json::Value;

use super::{Format, KINDS};
use crate::error::{Error, Result};
use crate::on_table;
use crate::store::tables::{insert_row, update_row};
use crate::store::{self, places};

/// Imports the JSON or NDJSON files of an export directory into an empty
/// database, row IDs included; returns the number of rows per kind.
pub async fn import_export(
    db: &DatabaseConnection,
    dir: &Path,
) -> Result<Vec<(&'static str, u64)>> {
    if !crate::ingest::is_empty(db)
        .await
        .map_err(|e| Error::Internal(format!("{e}")))?
    {
        return Err(Error::bad_input(
            "an export is imported into an empty database only",
        ));
    }
    let txn = db.begin().await?;
    let mut counts = Vec::new();
    for (kind, table) in KINDS {
        let rows = read_rows(dir, kind)?;
        counts.push((kind, rows.len() as u64));
        // A place may lie in a place with a higher ID: parents are set once all exist.
        let deferred = table == "place";
        for row in &rows {
            let mut row = row.clone();
            if deferred {
                row["parent_id"] = Value::Null;
            }
            on_table!(table, insert_row(&txn, &row))?;
        }
        if deferred {
            for row in rows.iter().filter(|r| !r["parent_id"].is_null()) {
                on_table!(table, update_row(&txn, row))?;
            }
        }
    }
    places::rebuild_closure(&txn).await?;
    reindex_all(&txn).await?;
    reset_sequences(&txn).await?;
    txn.commit().await?;
    Ok(counts)
}

/// The rows of one kind's file (`kind.ndjson` or `kind.json`); none when absent.
fn read_rows(dir: &Path, kind: &str) -> Result<Vec<Value>> {
    let io = |e: std::io::Error| Error::bad_input(format!("reading the export of {kind}: {e}"));
    let bad = |e: serde_json::Error| Error::bad_input(format!("the export of {kind}: {e}"));
    let ndjson = dir.join(format!("{kind}.{}", Format::Ndjson.extension()));
    if ndjson.exists() {
        let file = std::io::BufReader::new(std::fs::File::open(&ndjson).map_err(io)?);
        let mut rows = Vec::new();
        for line in file.lines() {
            let line = line.map_err(io)?;
            if !line.trim().is_empty() {
                rows.push(serde_json::from_str(&line).map_err(bad)?);
            }
        }
        return Ok(rows);
    }
    let json = dir.join(format!("{kind}.{}", Format::Json.extension()));
    if json.exists() {
        let text = std::fs::read_to_string(&json).map_err(io)?;
        return serde_json::from_str(&text).map_err(bad);
    }
    Ok(Vec::new())
}

/// Rebuilds the search documents of every record.
async fn reindex_all(db: &impl ConnectionTrait) -> Result<()> {
    for kind in store::search::KINDS {
        let sql = format!("SELECT id FROM {kind}");
        let rows = db
            .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
            .await?;
        let ids = rows
            .iter()
            .map(|r| r.try_get_by_index::<i64>(0))
            .collect::<std::result::Result<Vec<_>, _>>()?;
        store::search::reindex(db, kind, &ids).await?;
    }
    Ok(())
}

/// Moves PostgreSQL's ID sequences past the imported rows (SQLite needs nothing).
async fn reset_sequences(db: &impl ConnectionTrait) -> Result<()> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    let with_id = [
        "person",
        "organization",
        "place",
        "source",
        "position",
        "incident",
        "statement",
        "casualty_report",
        "alias",
        "involvement",
        "statement_mention",
        "citation",
        "revision",
    ];
    for table in with_id {
        let sql = format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
        );
        db.execute_raw(Statement::from_string(DbBackend::Postgres, sql))
            .await?;
    }
    Ok(())
}
