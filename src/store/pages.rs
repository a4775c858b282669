//! Filtered, ordered root lists (`persons`, `statements`...) and their counts.
//!
//! The condition comes from the API's filter inputs, already compiled to SQL
//! expressions; this module only pages and counts. Nulls sort last on both
//! databases, and the ID breaks ties so pages never overlap. Root lists page
//! by keyset ([`find_keyset`]): a page starts after a row's (value, ID), not
//! after a number of rows, so writes before it do not shift it.

use sea_orm::sea_query::{Condition, Expr, ExprTrait, NullOrdering};
use sea_orm::{
    ColumnTrait, ConnectionTrait, Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    Value,
};

use super::{Record, Window};
use crate::error::Result;

/// One page of the rows of `E` matching `condition`, in the given order.
pub async fn find_page<E: Record>(
    db: &impl ConnectionTrait,
    condition: Condition,
    order: &[(E::Column, Order)],
    window: Window,
) -> Result<Vec<E::Model>>
where
    E::Model: Sync,
{
    let mut query = E::find().filter(condition);
    for (column, direction) in order {
        query = query.order_by_with_nulls(*column, direction.clone(), NullOrdering::Last);
    }
    query = query
        .order_by(E::id_column(), Order::Asc)
        .offset(window.offset);
    if let Some(limit) = window.limit {
        query = query.limit(limit);
    }
    super::rows::all(db, query).await
}

/// How many rows of `E` match `condition`.
pub async fn count<E: Record>(db: &impl ConnectionTrait, condition: Condition) -> Result<u64>
where
    E::Model: Sync,
{
    Ok(E::find().filter(condition).count(db).await?)
}

/// How a root list is sorted: by a column (its nulls last), then by ID, both
/// in one direction, so that a row's (value, ID) pair places it exactly and
/// a page can start after it through the order's index.
#[derive(Debug, Clone, Copy)]
pub struct Sort<C> {
    /// The sort column; `None` sorts by ID alone.
    pub column: Option<C>,
    /// A second sort column, never null (names within a kind).
    pub then: Option<C>,
    /// Ascending (true) or descending.
    pub ascending: bool,
}

/// A row's place in a [`Sort`]: its sort value (`None` when null or when the
/// list sorts by ID alone) and its ID.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    /// The sort column's value.
    pub value: Option<Value>,
    /// The second sort column's value, when the sort has one.
    pub then: Option<Value>,
    /// The row's ID.
    pub id: i64,
}

/// The rows of a sort with a set value, and those with a null one (last).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Segment {
    Valued,
    Null,
}

/// Which side of a key a page lies on, in the sort's own direction.
#[derive(Debug, Clone, Copy)]
enum Side {
    After,
    Before,
}

/// The condition that keeps a segment's rows on `side` of `key`; `None` when
/// no row of the segment can be there.
fn bound<C: ColumnTrait>(
    sort: &Sort<C>,
    id: C,
    segment: Segment,
    side: Side,
    key: &Key,
) -> Option<Condition> {
    let after = matches!(side, Side::After) == sort.ascending;
    let compare = |left: Expr, right: Expr| -> Condition {
        let expr = if after {
            left.gt(right)
        } else {
            left.lt(right)
        };
        Condition::all().add(expr)
    };
    // The columns after the first, with the key's values: the second column (if any), then the ID.
    let mut rest_columns = Vec::new();
    let mut rest_values = Vec::new();
    if let (Some(then), Some(value)) = (sort.then, &key.then) {
        rest_columns.push(Expr::col(then));
        rest_values.push(Expr::val(value.clone()));
    }
    rest_columns.push(Expr::col(id));
    rest_values.push(Expr::val(key.id));
    let by_rest = || {
        compare(
            Expr::tuple(rest_columns.clone()),
            Expr::tuple(rest_values.clone()),
        )
    };
    match (sort.column, segment, &key.value, side) {
        (None, _, _, _) => Some(by_rest()),
        (Some(column), Segment::Valued, Some(value), _) => {
            let mut columns = vec![Expr::col(column)];
            columns.extend(rest_columns.iter().cloned());
            let mut values = vec![Expr::val(value.clone())];
            values.extend(rest_values.iter().cloned());
            Some(compare(Expr::tuple(columns), Expr::tuple(values)))
        }
        // Nulls sort last: every valued row is before a null key, every null row after a valued one.
        (Some(_), Segment::Valued, None, Side::After) => None,
        (Some(_), Segment::Valued, None, Side::Before) => Some(Condition::all()),
        (Some(_), Segment::Null, Some(_), Side::After) => Some(Condition::all()),
        (Some(_), Segment::Null, Some(_), Side::Before) => None,
        (Some(_), Segment::Null, None, _) => Some(by_rest()),
    }
}

/// Up to `limit` rows of `E` matching `condition` strictly between `after`
/// and `before`, in the sort's order (or its reverse, read from the end).
/// Each segment is one indexed range scan; the second is read only when the
/// first runs out.
pub async fn find_keyset<E: Record>(
    db: &impl ConnectionTrait,
    condition: Condition,
    sort: &Sort<E::Column>,
    (after, before): (Option<&Key>, Option<&Key>),
    reverse: bool,
    limit: u64,
) -> Result<Vec<E::Model>>
where
    E::Model: Sync,
{
    let forward = sort.ascending != reverse;
    let direction = if forward { Order::Asc } else { Order::Desc };
    if after.is_none() && before.is_none() {
        // Without a cursor the whole list is in range: one scan, nulls where they sort.
        let nulls = if reverse {
            NullOrdering::First
        } else {
            NullOrdering::Last
        };
        let mut query = E::find().filter(condition);
        if let Some(column) = sort.column {
            query = query.order_by_with_nulls(column, direction.clone(), nulls);
        }
        if let Some(then) = sort.then {
            query = query.order_by(then, direction.clone());
        }
        let query = query.order_by(E::id_column(), direction).limit(limit);
        return super::rows::all(db, query).await;
    }
    let segments = match (sort.column.is_some(), reverse) {
        (false, _) => vec![Segment::Valued],
        (true, false) => vec![Segment::Valued, Segment::Null],
        (true, true) => vec![Segment::Null, Segment::Valued],
    };
    let mut rows = Vec::new();
    'segments: for segment in segments {
        let Some(remaining) = limit.checked_sub(rows.len() as u64).filter(|n| *n > 0) else {
            break;
        };
        let mut query = E::find().filter(condition.clone());
        for (side, key) in [(Side::After, after), (Side::Before, before)] {
            if let Some(key) = key {
                match bound(sort, E::id_column(), segment, side, key) {
                    Some(bound) => query = query.filter(bound),
                    None => continue 'segments,
                }
            }
        }
        if let Some(column) = sort.column {
            query = match segment {
                Segment::Valued => query
                    .filter(Expr::col(column).is_not_null())
                    .order_by(column, direction.clone()),
                Segment::Null => query.filter(Expr::col(column).is_null()),
            };
        }
        if let Some(then) = sort.then {
            query = query.order_by(then, direction.clone());
        }
        query = query
            .order_by(E::id_column(), direction.clone())
            .limit(remaining);
        rows.extend(super::rows::all(db, query).await?);
    }
    Ok(rows)
}
