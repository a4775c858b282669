//! The revision log: writing revisions, a record's history, a change's
//! revisions, and the change feed after a cursor.
//!
//! Writers take one lock for the whole database (see `crate::write`), so
//! revision IDs grow in commit order: a partner that has read every revision
//! up to ID `n` has missed nothing that commits later.

use entity::revision;
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::error::Result;

/// The ID the next change gets (called under the write lock).
pub async fn next_change_id(db: &impl ConnectionTrait) -> Result<i64> {
    let max: Option<Option<i64>> = revision::Entity::find()
        .select_only()
        .expr(Func::max(Expr::col(revision::Column::ChangeId)))
        .into_tuple()
        .one(db)
        .await?;
    Ok(max.flatten().unwrap_or(0) + 1)
}

/// Writes a revision and returns it with its ID.
pub async fn insert_revision(
    db: &impl ConnectionTrait,
    revision: revision::ActiveModel,
) -> Result<revision::Model> {
    Ok(revision::Entity::insert(revision)
        .exec_with_returning(db)
        .await?)
}

/// The revision with this ID, if any.
pub async fn find_revision(db: &impl ConnectionTrait, id: i64) -> Result<Option<revision::Model>> {
    Ok(revision::Entity::find_by_id(id).one(db).await?)
}

/// Every revision of one change, in the order they were written.
pub async fn find_change(
    db: &impl ConnectionTrait,
    change_id: i64,
) -> Result<Vec<revision::Model>> {
    Ok(revision::Entity::find()
        .filter(revision::Column::ChangeId.eq(change_id))
        .order_by_asc(revision::Column::Id)
        .all(db)
        .await?)
}

/// Up to `limit` revisions after the revision `after`, in commit order,
/// only of the given types when any are given.
pub async fn find_after(
    db: &impl ConnectionTrait,
    after: i64,
    types: &[&str],
    limit: u64,
) -> Result<Vec<revision::Model>> {
    let mut query = revision::Entity::find().filter(revision::Column::Id.gt(after));
    if !types.is_empty() {
        query = query.filter(revision::Column::NodeType.is_in(types.iter().copied()));
    }
    Ok(query
        .order_by_asc(revision::Column::Id)
        .limit(limit)
        .all(db)
        .await?)
}
