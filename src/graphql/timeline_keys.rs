//! A timeline's keyset: an entry's cursor holds its date, its kind's rank
//! and its ID, and each kind's list reads only the rows after it, so the
//! last page costs what the first does.

use entity::{incident, statement};
use sea_orm::sea_query::{Condition, Expr, ExprTrait};

use super::cursor::{self, KeyCursor};
use super::filter::{live, qualified};
use super::{Incident, Node, Statement};
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
    /// The live, dated rows of `E` (incidents or statements) matching
    /// `condition` after the cursor, by date then ID, as entries; and their
    /// count if asked.
    pub async fn read<E: store::Record + Dated>(
        &self,
        db: &impl sea_orm::ConnectionTrait,
        condition: Condition,
    ) -> Result<(Vec<Entry>, u64)>
    where
        E::Model: Sync,
    {
        let condition = condition
            .add(Expr::col(qualified(E::date_column())).is_not_null())
            .add(live(E::default()));
        let total = match self.counted {
            true => store::pages::count::<E>(db, condition.clone()).await?,
            false => 0,
        };
        let sort = Sort {
            column: Some(E::date_column()),
            then: None,
            ascending: true,
        };
        let from = self.after.map(|a| a.start_of(E::RANK));
        let bounds = (from.as_ref(), None);
        let rows = find_keyset::<E>(db, condition, &sort, bounds, false, self.limit).await?;
        Ok((rows.into_iter().map(E::entry).collect(), total))
    }
}

/// A table with a timeline date: its rows become entries of rank `RANK`.
pub trait Dated: sea_orm::EntityTrait {
    /// Where its entries sort among others of the same date.
    const RANK: u8;

    /// The date column.
    fn date_column() -> Self::Column;

    /// A row as an entry: its date, its rank, its ID and the record.
    fn entry(row: Self::Model) -> Entry;
}

/// A timeline entry: date, rank, row ID and the record.
pub type Entry = (String, u8, i64, Node);

/// Declares the timeline date of a table.
macro_rules! dated {
    ($m:ident, $rank:ident, $column:ident . $field:ident, $node:ident) => {
        impl Dated for $m::Entity {
            const RANK: u8 = $rank;

            fn date_column() -> Self::Column {
                $m::Column::$column
            }

            fn entry(row: $m::Model) -> Entry {
                let date = row.$field.clone().unwrap_or_default();
                (date, $rank, row.id, Node::$node($node(row)))
            }
        }
    };
}

dated!(incident, INCIDENT, StartDate.start_date, Incident);
dated!(statement, STATEMENT, Date.date, Statement);
