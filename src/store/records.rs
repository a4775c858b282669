//! Records by ID and by slug, for every table with a surrogate key.

use std::collections::HashMap;

use entity::*;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::error::Result;

/// A table whose rows have an `id` (and maybe a `slug`) that loaders look up.
pub trait Record: EntityTrait {
    /// The `id` column.
    fn id_column() -> Self::Column;
    /// The `slug` column, for tables that have one.
    fn slug_column() -> Option<Self::Column>;
    /// The row's `id`.
    fn id_of(model: &Self::Model) -> i64;
}

macro_rules! record {
    ($($module:ident => $slug:expr),* $(,)?) => {$(
        impl Record for $module::Entity {
            fn id_column() -> Self::Column {
                $module::Column::Id
            }
            fn slug_column() -> Option<Self::Column> {
                $slug
            }
            fn id_of(model: &Self::Model) -> i64 {
                model.id
            }
        }
    )*};
}

record! {
    person => Some(person::Column::Slug),
    organization => Some(organization::Column::Slug),
    place => Some(place::Column::Slug),
    position => Some(position::Column::Slug),
    incident => Some(incident::Column::Slug),
    statement => Some(statement::Column::Slug),
    source => Some(source::Column::Slug),
    casualty_report => Some(casualty_report::Column::Slug),
    alias => None,
    citation => None,
    involvement => None,
    statement_mention => None,
}

/// The rows of `E` with the given IDs, by ID (missing IDs are absent).
pub async fn find_by_ids<E: Record>(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, E::Model>>
where
    E::Model: Sync,
{
    let rows = E::find()
        .filter(E::id_column().is_in(ids.iter().copied()))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|row| (E::id_of(&row), row)).collect())
}

/// The row of `E` with the given slug, if any.
pub async fn find_by_slug<E: Record>(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<Option<E::Model>>
where
    E::Model: Sync,
{
    let Some(column) = E::slug_column() else {
        return Ok(None);
    };
    Ok(E::find().filter(column.eq(slug)).one(db).await?)
}
