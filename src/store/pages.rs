//! Filtered, ordered root lists (`persons`, `statements`...) and their counts.
//!
//! The condition comes from the API's filter inputs, already compiled to SQL
//! expressions; this module only pages and counts. Nulls sort last on both
//! databases, and the ID breaks ties so pages never overlap.

use sea_orm::sea_query::{Condition, NullOrdering};
use sea_orm::{ConnectionTrait, Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

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
    Ok(query.all(db).await?)
}

/// How many rows of `E` match `condition`.
pub async fn count<E: Record>(db: &impl ConnectionTrait, condition: Condition) -> Result<u64>
where
    E::Model: Sync,
{
    Ok(E::find().filter(condition).count(db).await?)
}
