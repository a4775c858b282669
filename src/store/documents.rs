//! A record's document: its row and the link rows it owns, as JSON.
//!
//! Revisions keep documents before and after a change, and reverting writes
//! one back. A link belongs to the record whose column names it first: a
//! statement owns its `statement_incident`, `statement_mention` and
//! `citation` rows; a person owns its aliases. Writing a document replaces
//! those rows wholesale, so a document is always the whole truth about its
//! record.

use serde_json::{json, Map, Value};

use super::tables::{delete_row, delete_where, insert_row, is_new, rows_where, update_row};
use crate::domain::NodeKind;
use crate::error::{Error, Result};
use crate::on_table;
use sea_orm::ConnectionTrait;

/// The link tables a record of `kind` owns, each with the column naming the owner.
pub fn owned_links(kind: NodeKind) -> &'static [(&'static str, &'static str)] {
    match kind {
        NodeKind::Person => &[("alias", "person_id")],
        NodeKind::Organization => &[("alias", "organization_id")],
        NodeKind::Place => &[("alias", "place_id")],
        NodeKind::Position => &[("citation", "position_id")],
        NodeKind::Incident => &[
            ("involvement", "incident_id"),
            ("participant", "incident_id"),
            ("incident_place", "incident_id"),
            ("incident_link", "incident_id"),
            ("citation", "incident_id"),
        ],
        NodeKind::Statement => &[
            ("statement_incident", "statement_id"),
            ("statement_mention", "statement_id"),
            ("statement_place", "statement_id"),
            ("citation", "statement_id"),
        ],
        NodeKind::Source => &[
            ("source_author", "source_id"),
            ("source_citation", "source_id"),
        ],
        NodeKind::CasualtyReport => &[("citation", "casualty_report_id")],
    }
}

/// The document of the record of `kind` with row `id`, if there is one.
pub async fn load(db: &impl ConnectionTrait, kind: NodeKind, id: i64) -> Result<Option<Value>> {
    let rows = on_table!(kind.table_name(), rows_where(db, "id", id))?;
    let Some(row) = rows.into_iter().next() else {
        return Ok(None);
    };
    let mut links = Map::new();
    for (table, column) in owned_links(kind) {
        let rows = on_table!(*table, rows_where(db, column, id))?;
        links.insert((*table).to_string(), Value::Array(rows));
    }
    Ok(Some(json!({ "row": row, "links": links })))
}

/// The row of a document.
pub fn row(document: &Value) -> &Value {
    &document["row"]
}

/// The integer `column` of a document's row; a document written by this
/// code always has it, so its absence is an internal error, never a default.
pub fn row_int(document: &Value, column: &str) -> Result<i64> {
    row(document)[column]
        .as_i64()
        .ok_or_else(|| Error::Internal(format!("a document's row has no integer `{column}`")))
}

/// The text `column` of a document's row (see [`row_int`]).
pub fn row_text<'a>(document: &'a Value, column: &str) -> Result<&'a str> {
    row(document)[column]
        .as_str()
        .ok_or_else(|| Error::Internal(format!("a document's row has no text `{column}`")))
}

/// The link rows of `table` in a document.
pub fn links<'a>(document: &'a Value, table: &str) -> &'a [Value] {
    document["links"][table]
        .as_array()
        .map_or(&[], Vec::as_slice)
}

/// Writes a document over its record: the row's columns, and its owned link
/// rows replaced by the document's (rows that another record holds under the
/// same key are moved, which is how a merge is undone).
pub async fn write(db: &impl ConnectionTrait, kind: NodeKind, document: &Value) -> Result<()> {
    let row = row(document);
    let id = row["id"]
        .as_i64()
        .ok_or_else(|| Error::Internal("a document without a row ID".into()))?;
    on_table!(kind.table_name(), update_row(db, row))?;
    for (table, column) in owned_links(kind) {
        on_table!(*table, delete_where(db, column, id))?;
        for link in links(document, table) {
            if !is_new(link) {
                on_table!(*table, delete_row(db, link))?;
            }
            on_table!(*table, insert_row(db, link))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use sea_orm::EntityTrait;
    use std::str::FromStr;

    use super::owned_links;
    use crate::domain::NodeKind;
    use crate::error::Result;
    use crate::on_table;

    /// Whether `E` has a column named `column`.
    async fn has_column<E: EntityTrait>(column: &str) -> Result<bool> {
        Ok(E::Column::from_str(column).is_ok())
    }

    // The owned links name their tables and owner columns as text (a
    // document stores them by name); a misspelt one would fail only when a
    // record of that kind is written, so check each against its entity here.
    #[tokio::test]
    async fn every_owned_link_is_a_table_with_its_owner_column() {
        for kind in NodeKind::ALL {
            for (table, column) in owned_links(kind) {
                let found = on_table!(*table, has_column(column));
                assert!(matches!(found, Ok(true)), "{table}.{column} ({kind:?})");
            }
        }
    }
}
