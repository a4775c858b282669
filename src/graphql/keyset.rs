//! Root lists paged by keyset: a page starts after (or ends before) a row's
//! sort value and ID, read through the order's index, so rows written
//! before the cursor neither repeat nor vanish from the pages after it, and
//! the last page costs what the first does. `pageInfo` is exact: a page that
//! cannot tell from its own extra row whether rows lie beyond it asks the
//! database for one.

use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, ColumnType, EntityTrait, IdenStatic, ModelTrait, Order};
use serde_json::Value as Json;

use super::cursor::{self, KeyCursor};
use super::pagination::{page_size, Connection, ListNode, PageArgs, DEFAULT_PAGE_SIZE};
use crate::error::{Error, Result};
use crate::store::pages::{find_keyset, Key, Sort};
use crate::store::Record;

/// A root list's sort, its name and its order's name (what its cursors carry).
struct List<E: Record> {
    sort: Sort<E::Column>,
    name: String,
    order: String,
}

impl<E: Record> List<E>
where
    E::Model: Sync,
{
    /// The list of `E` in `order` (one column at most; the ID breaks ties).
    fn new(order: &[(E::Column, Order)]) -> Result<Self> {
        let (column, then, direction) = match order {
            [] => (None, None, Order::Asc),
            [(column, direction)] => {
                let by_id = column.as_str() == E::id_column().as_str();
                ((!by_id).then_some(*column), None, direction.clone())
            }
            [(column, direction), (then, _)] => (Some(*column), Some(*then), direction.clone()),
            _ => {
                return Err(Error::Internal(
                    "a root list sorts by two columns at most".into(),
                ))
            }
        };
        let ascending = !matches!(direction, Order::Desc);
        let mut name = column.map_or("id", |c| c.as_str()).to_string();
        if let Some(then) = then {
            name = format!("{name},{}", then.as_str());
        }
        Ok(List {
            sort: Sort {
                column,
                then,
                ascending,
            },
            name: E::default().table_name().to_string(),
            order: format!("{name}:{}", if ascending { "asc" } else { "desc" }),
        })
    }

    /// The key a cursor of this list names; a string for a text column, an integer for a number.
    fn key(&self, text: &str) -> Result<Key> {
        let KeyCursor { key, id } = cursor::decode_key(text, &self.name, &self.order)?;
        let wrong = || Error::bad_input(format!("'{text}' is not a cursor of this list"));
        let (first, second) = match (self.sort.then, key) {
            (None, key) => (key, None),
            (Some(_), Json::Array(pair)) if pair.len() == 2 => {
                let mut pair = pair.into_iter();
                (pair.next().unwrap_or_default(), pair.next())
            }
            _ => return Err(wrong()),
        };
        let value = typed(self.sort.column, first).ok_or_else(wrong)?;
        let then = match second {
            Some(json) => Some(typed(self.sort.then, json).flatten().ok_or_else(wrong)?),
            None => None,
        };
        Ok(Key { value, then, id })
    }

    /// A row's key.
    fn key_of(&self, row: &E::Model) -> Key {
        Key {
            value: self.sort.column.map(|c| row.get(c)).and_then(non_null),
            then: self.sort.then.map(|c| row.get(c)).and_then(non_null),
            id: E::id_of(row),
        }
    }

    /// A row's cursor.
    fn cursor_of(&self, key: &Key) -> String {
        let json = match self.sort.then {
            Some(_) => Json::Array(vec![to_json(&key.value), to_json(&key.then)]),
            None => to_json(&key.value),
        };
        let cursor = KeyCursor {
            key: json,
            id: key.id,
        };
        cursor::encode_key(&self.name, &self.order, &cursor)
    }

    /// Whether rows lie past one side of a page (its end, or its start when
    /// `backward`): past `edge`, the page's row on that side; on an empty
    /// page, past the cursor bounding that side (`near`, the row itself
    /// included), else past the cursor on the other side (`far`).
    async fn any_past(
        &self,
        db: &impl sea_orm::ConnectionTrait,
        condition: &Condition,
        edge: Option<&Key>,
        near: Option<&Key>,
        far: Option<&Key>,
        backward: bool,
    ) -> Result<bool> {
        let ascending = self.sort.ascending;
        match (edge, near, far) {
            (Some(key), _, _) => self.any_beyond(db, condition, key, backward).await,
            (None, Some(key), _) => {
                let key = including(key, ascending, !backward);
                self.any_beyond(db, condition, &key, backward).await
            }
            (None, None, Some(key)) => self.any_beyond(db, condition, key, backward).await,
            (None, None, None) => Ok(false),
        }
    }

    /// Whether a row matching `condition` lies after (`reverse` false) or before `key`.
    async fn any_beyond(
        &self,
        db: &impl sea_orm::ConnectionTrait,
        condition: &Condition,
        key: &Key,
        reverse: bool,
    ) -> Result<bool> {
        let bounds = if reverse {
            (None, Some(key))
        } else {
            (Some(key), None)
        };
        let rows = find_keyset::<E>(db, condition.clone(), &self.sort, bounds, reverse, 1).await?;
        Ok(!rows.is_empty())
    }
}

/// A sort value as it stands in a cursor.
fn to_json(value: &Option<sea_orm::Value>) -> Json {
    match value {
        Some(sea_orm::Value::String(Some(s))) => Json::from(s.as_str()),
        Some(sea_orm::Value::BigInt(Some(n))) => Json::from(*n),
        Some(sea_orm::Value::Int(Some(n))) => Json::from(*n),
        _ => Json::Null,
    }
}

/// A cursor's value for `column`, if its type fits: a string for text, an
/// integer for a number, and null (`Some(None)`) for either.
fn typed<C: ColumnTrait>(column: Option<C>, json: Json) -> Option<Option<sea_orm::Value>> {
    match (column, json) {
        (_, Json::Null) => Some(None),
        (Some(column), Json::String(s)) if is_text(column) => Some(Some(s.into())),
        (Some(column), Json::Number(n)) if !is_text(column) => n.as_i64().map(|n| Some(n.into())),
        _ => None,
    }
}

/// Whether a column holds text (else an integer).
fn is_text<C: ColumnTrait>(column: C) -> bool {
    matches!(
        column.def().get_column_type(),
        ColumnType::String(_) | ColumnType::Text | ColumnType::Char(_)
    )
}

/// A value, or `None` when it is SQL NULL.
fn non_null(value: sea_orm::Value) -> Option<sea_orm::Value> {
    match value {
        sea_orm::Value::String(None) | sea_orm::Value::BigInt(None) | sea_orm::Value::Int(None) => {
            None
        }
        value => Some(value),
    }
}

/// The key just past `key` toward the page, so that "beyond it" includes the row itself.
fn including(key: &Key, ascending: bool, toward_end: bool) -> Key {
    let step = if ascending == toward_end { -1 } else { 1 };
    Key {
        value: key.value.clone(),
        then: key.then.clone(),
        id: key.id.saturating_add(step),
    }
}

/// Which of `pageInfo`'s flags the query selects: one that is not is not
/// probed for (it would cost a query per page while paging by `endCursor`).
#[derive(Debug, Clone, Copy)]
pub struct Wanted {
    /// `hasNextPage`.
    pub has_next: bool,
    /// `hasPreviousPage`.
    pub has_previous: bool,
}

/// A page of a root list: the rows of `N` matching `condition`, in `order`.
pub async fn root<N: ListNode>(
    db: &impl sea_orm::ConnectionTrait,
    args: &PageArgs,
    condition: Condition,
    order: &[(<N::Entity as EntityTrait>::Column, Order)],
    wanted: Wanted,
) -> Result<Connection<N>> {
    let list = List::<N::Entity>::new(order)?;
    let first = page_size(args.first, "first")?;
    let last = page_size(args.last, "last")?;
    let after = args.after.as_deref().map(|c| list.key(c)).transpose()?;
    let before = args.before.as_deref().map(|c| list.key(c)).transpose()?;
    let (limit, reverse) = match (first, last) {
        (None, Some(last)) => (last, true),
        (first, _) => (first.unwrap_or(DEFAULT_PAGE_SIZE), false),
    };
    let bounds = (after.as_ref(), before.as_ref());
    let mut rows = find_keyset::<N::Entity>(
        db,
        condition.clone(),
        &list.sort,
        bounds,
        reverse,
        limit + 1,
    )
    .await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(limit as usize);
    if reverse {
        rows.reverse();
    }
    let mut trimmed = false;
    if let (Some(_), Some(last)) = (first, last) {
        let excess = rows.len().saturating_sub(last as usize);
        trimmed = excess > 0;
        rows.drain(..excess);
    }
    let keys: Vec<Key> = rows.iter().map(|r| list.key_of(r)).collect();
    let (after, before) = (after.as_ref(), before.as_ref());
    let has_next = match (reverse, before) {
        (false, None) => more,
        _ if !wanted.has_next => false,
        _ => {
            list.any_past(db, &condition, keys.last(), before, after, false)
                .await?
        }
    };
    let has_previous = match (reverse, after) {
        (true, None) => more,
        (false, None) => trimmed,
        _ if !wanted.has_previous => false,
        _ => {
            list.any_past(db, &condition, keys.first(), after, before, true)
                .await?
        }
    };
    let cursors = keys.iter().map(|k| list.cursor_of(k)).collect();
    Ok(Connection::keyed(
        rows,
        cursors,
        has_next,
        has_previous,
        condition,
    ))
}
