//! Export: the whole graph as JSON, NDJSON or CSV, one table at a time, read
//! from a database cursor and written as it comes (memory stays flat however
//! large the graph), and the import that reads an export back (NDJSON a line
//! at a time, in chunks of 500 rows per insert; a JSON file whole).
//!
//! NDJSON and JSON rows are exported as stored, row IDs and slugs included,
//! so an export imported into an empty database gives back the same graph
//! with the same global IDs (`Type:slug`) and the same history. CSV is for
//! reading: related records by global ID and name ([`readable`]). Derived tables (the place
//! closure, the search index) are rebuilt after an import, not exported; API keys
//! never leave the database.

mod format;
pub mod http;
mod import;
mod readable;

pub use format::{Format, RowWriter};
pub use import::import_export;

use futures_util::StreamExt;
use sea_orm::{DatabaseConnection, Iterable, PrimaryKeyToColumn, QueryOrder};
use serde_json::Value;
use tokio::sync::mpsc;

use crate::error::Result;
use crate::on_table;
use crate::store::registry;
use crate::store::tables::{to_json, JsonTable};

/// How many rows the channel holds while the writer catches up.
const CHANNEL_ROWS: usize = 256;

/// The rows of `table` as `format` writes them: CSV for reading
/// ([`readable`]: global IDs and names), the others as stored.
pub fn rows_for(
    db: DatabaseConnection,
    table: &'static str,
    format: Format,
) -> mpsc::Receiver<Result<Value>> {
    match format {
        Format::Csv => readable::spawn_rows(db, table),
        _ => spawn_rows(db, table),
    }
}

/// Streams the rows of `table` in key order into a channel, from a task of
/// its own; the receiver ends when the table does (or the reader went away).
pub fn spawn_rows(db: DatabaseConnection, table: &'static str) -> mpsc::Receiver<Result<Value>> {
    let (sender, receiver) = mpsc::channel(CHANNEL_ROWS);
    tokio::spawn(async move {
        let sent: Result<()> = on_table!(table, send_rows(&db, &sender));
        if let Err(err) = sent {
            let _ = sender.send(Err(err)).await;
        }
    });
    receiver
}

/// Sends every row of `E`, in primary-key order, as JSON.
async fn send_rows<E: JsonTable>(
    db: &DatabaseConnection,
    sender: &mpsc::Sender<Result<Value>>,
) -> Result<()> {
    let mut query = E::find();
    for key in E::PrimaryKey::iter() {
        query = query.order_by_asc(key.into_column());
    }
    let mut rows = query.stream(db).await?;
    while let Some(row) = rows.next().await {
        if sender.send(to_json(&row?)).await.is_err() {
            break;
        }
    }
    Ok(())
}

/// Writes every kind's rows to `DIR/KIND.EXT`, creating `DIR`.
pub async fn export_dir(
    db: &DatabaseConnection,
    format: Format,
    out: &std::path::Path,
) -> Result<()> {
    use std::io::Write;
    let io = |e: std::io::Error| crate::error::Error::Internal(format!("writing the export: {e}"));
    std::fs::create_dir_all(out).map_err(io)?;
    for (kind, table) in registry::exported() {
        let path = out.join(format!("{kind}.{}", format.extension()));
        let mut file = std::io::BufWriter::new(std::fs::File::create(&path).map_err(io)?);
        let mut writer = RowWriter::new(format);
        let mut rows = rows_for(db.clone(), table, format);
        while let Some(row) = rows.recv().await {
            file.write_all(writer.row(&row?).as_bytes()).map_err(io)?;
        }
        file.write_all(writer.finish().as_bytes()).map_err(io)?;
        file.flush().map_err(io)?;
    }
    Ok(())
}
