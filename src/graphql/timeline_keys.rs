//! A timeline's keyset: an entry's cursor holds its date, its kind's rank
//! and its ID, and each kind's list reads only the rows after it, so the
//! last page costs what the first does.

use entity::{incident, statement};
use sea_orm::sea_query::Condition;

use super::cursor::{self, KeyCursor};
use crate::error::{Error, Result};
use crate::store;
use crate::store::pages::{find_keyset, Key, Sort};

/// Where incidents and statements sort among entries of the same date:
/// incidents first.
pub const INCIDENT: u8 = 0;
/// Statements follow incidents of the same date.
pub const STATEMENT: u8 = 1;

/// An entry's place on a timeline: its date, its kind's rank, its ID.
pub struct EntryKey {
    date: String,
    kind: u8,
    id: i64,
}

impl EntryKey {
    /// The key after which the rows of `kind` continue: past the entry itself
    /// among its own kind; among the other kind, past its date (incidents) or
    /// from its date (statements), since incidents sort first within a date.
    fn start_of(&self, kind: u8) -> Key {
        let id = match (kind == self.kind, kind) {
            (true, _) => self.id,
            (false, INCIDENT) => i64::MAX,
            (false, _) => i64::MIN,
        };
        Key {
            value: Some(self.date.clone().into()),
            then: None,
            id,
        }
    }
}

/// A timeline entry's cursor.
pub fn encode_entry(date: &str, kind: u8, id: i64) -> String {
    let key = serde_json::json!([date, kind]);
    cursor::encode_key("timeline", "date:asc", &KeyCursor { key, id })
}

/// The entry a timeline cursor names.
pub fn decode_entry(text: &str) -> Result<EntryKey> {
    let KeyCursor { key, id } = cursor::decode_key(text, "timeline", "date:asc")?;
    let wrong = || Error::bad_input(format!("'{text}' is not a cursor of this list"));
    let date = key[0].as_str().ok_or_else(wrong)?.to_string();
    let kind = key[1].as_u64().filter(|k| *k <= 1).ok_or_else(wrong)? as u8;
    Ok(EntryKey { date, kind, id })
}

/// What one kind's list of a timeline page reads.
pub struct Page<'a> {
    /// The cursor's entry.
    pub after: Option<&'a EntryKey>,
    /// Rows to read from each list.
    pub limit: u64,
    /// Whether to count the matches.
    pub counted: bool,
}

impl Page<'_> {
    /// The rows of `E` (incidents or statements, of rank `kind`) matching
    /// `condition` after the cursor, by date then ID, and their count if asked.
    pub async fn read<E: store::Record + Dated>(
        &self,
        db: &impl sea_orm::ConnectionTrait,
        condition: Condition,
        kind: u8,
    ) -> Result<(Vec<E::Model>, u64)>
    where
        E::Model: Sync,
    {
        let total = match self.counted {
            true => store::pages::count::<E>(db, condition.clone()).await?,
            false => 0,
        };
        let sort = Sort {
            column: Some(E::date_column()),
            then: None,
            ascending: true,
        };
        let from = self.after.map(|a| a.start_of(kind));
        let bounds = (from.as_ref(), None);
        let rows = find_keyset::<E>(db, condition, &sort, bounds, false, self.limit).await?;
        Ok((rows, total))
    }
}

/// A table with a timeline date.
pub trait Dated: sea_orm::EntityTrait {
    /// The date column.
    fn date_column() -> Self::Column;
}

impl Dated for incident::Entity {
    fn date_column() -> Self::Column {
        incident::Column::StartDate
    }
}

impl Dated for statement::Entity {
    fn date_column() -> Self::Column {
        statement::Column::Date
    }
}
