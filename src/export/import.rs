//! Reading an export back into an empty database, in one transaction.

use std::io::BufRead;
use std::path::Path;

use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use serde_json::Value;

use super::Format;
use crate::error::{Error, Result};
use crate::on_table;
use crate::store::tables::{insert_rows, update_row};
use crate::store::{self, places, registry};

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
    for (kind, table) in registry::exported() {
        counts.push((kind, import_kind(&txn, dir, kind, table).await?));
    }
    places::rebuild_closure(&txn).await?;
    store::search::record_bulk_load(&txn, "export import").await?;
    registry::reset_sequences(&txn).await?;
    txn.commit().await?;
    crate::search::local::committed(db);
    Ok(counts)
}

/// How many rows one insert statement carries.
const CHUNK: usize = 500;

/// Inserts one kind's rows, a chunk at a time as they are read; returns how many.
async fn import_kind(
    db: &impl ConnectionTrait,
    dir: &Path,
    kind: &str,
    table: &'static str,
) -> Result<u64> {
    // A place may lie in a place with a higher ID: parents are set once all exist.
    let mut parents = Vec::new();
    let mut chunk = Vec::with_capacity(CHUNK);
    let mut count = 0;
    for row in read_rows(dir, kind)? {
        let mut row = row?;
        if table == "place" && !row["parent_id"].is_null() {
            parents.push(row.clone());
            row["parent_id"] = Value::Null;
        }
        chunk.push(row);
        count += 1;
        if chunk.len() == CHUNK {
            on_table!(table, insert_rows(db, &chunk))?;
            chunk.clear();
        }
    }
    on_table!(table, insert_rows(db, &chunk))?;
    for row in &parents {
        on_table!(table, update_row(db, row))?;
    }
    Ok(count)
}

/// The rows of one kind's file (`kind.ndjson` read line by line, or
/// `kind.json` read whole); none when absent.
fn read_rows(dir: &Path, kind: &str) -> Result<Box<dyn Iterator<Item = Result<Value>>>> {
    let kind = kind.to_string();
    let io = {
        let kind = kind.clone();
        move |e: std::io::Error| Error::bad_input(format!("reading the export of {kind}: {e}"))
    };
    let bad = {
        let kind = kind.clone();
        move |e: serde_json::Error| Error::bad_input(format!("the export of {kind}: {e}"))
    };
    let ndjson = dir.join(format!("{kind}.{}", Format::Ndjson.extension()));
    if ndjson.exists() {
        let file = std::io::BufReader::new(std::fs::File::open(&ndjson).map_err(&io)?);
        let rows = file
            .lines()
            .filter(|line| line.as_ref().map_or(true, |l| !l.trim().is_empty()))
            .map(move |line| serde_json::from_str(&line.map_err(&io)?).map_err(&bad));
        return Ok(Box::new(rows));
    }
    let json = dir.join(format!("{kind}.{}", Format::Json.extension()));
    if json.exists() {
        let text = std::fs::read_to_string(&json).map_err(&io)?;
        let rows: Vec<Value> = serde_json::from_str(&text).map_err(&bad)?;
        return Ok(Box::new(rows.into_iter().map(Ok)));
    }
    Ok(Box::new(std::iter::empty()))
}
