//! Records by ID and by slug, for every table with a surrogate key.

use std::collections::HashMap;

use entity::*;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::error::Result;

/// A table whose rows have an `id` (and maybe a `slug`) that loaders look up.
pub trait Record: EntityTrait<Model: Default> {
    /// The `id` column.
    fn id_column() -> Self::Column;
    /// The `slug` column, for tables that have one.
    fn slug_column() -> Option<Self::Column>;
    /// The row's `id`.
    fn id_of(model: &Self::Model) -> i64;
    /// The row's `slug`, for tables that have one.
    fn slug_of(model: &Self::Model) -> Option<&str>;
}

macro_rules! record {
    ($($module:ident => $slug:expr, $slug_of:expr),* $(,)?) => {$(
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
            fn slug_of(model: &Self::Model) -> Option<&str> {
                let slug: fn(&$module::Model) -> Option<&str> = $slug_of;
                slug(model)
            }
        }
    )*};
}

record! {
    person => Some(person::Column::Slug), |m| Some(m.slug.as_str()),
    organization => Some(organization::Column::Slug), |m| Some(m.slug.as_str()),
    place => Some(place::Column::Slug), |m| Some(m.slug.as_str()),
    position => Some(position::Column::Slug), |m| Some(m.slug.as_str()),
    incident => Some(incident::Column::Slug), |m| Some(m.slug.as_str()),
    statement => Some(statement::Column::Slug), |m| Some(m.slug.as_str()),
    source => Some(source::Column::Slug), |m| Some(m.slug.as_str()),
    casualty_report => Some(casualty_report::Column::Slug), |m| Some(m.slug.as_str()),
    alias => None, |_| None,
    citation => None, |_| None,
    involvement => None, |_| None,
    participant => None, |_| None,
    incident_place => None, |_| None,
    incident_link => None, |_| None,
    statement_place => None, |_| None,
    statement_mention => None, |_| None,
    revision => None, |_| None,
}

/// A table of records that can be retracted and, for persons and
/// organizations, merged into another.
pub trait Tracked: Record {
    /// Whether the row is retracted.
    fn retracted(model: &Self::Model) -> bool;
    /// The row it was merged into, if any.
    fn merged_into(model: &Self::Model) -> Option<i64>;
}

macro_rules! tracked {
    ($($module:ident => $merged:expr),* $(,)?) => {$(
        impl Tracked for $module::Entity {
            fn retracted(model: &Self::Model) -> bool {
                model.retracted
            }
            fn merged_into(model: &Self::Model) -> Option<i64> {
                let merged: fn(&$module::Model) -> Option<i64> = $merged;
                merged(model)
            }
        }
    )*};
}

tracked! {
    person => |m| m.merged_into_id,
    organization => |m| m.merged_into_id,
    place => |_| None,
    position => |_| None,
    incident => |_| None,
    statement => |_| None,
    source => |_| None,
    casualty_report => |_| None,
}

/// The rows of `E` with the given IDs, by ID (missing IDs are absent).
pub async fn find_by_ids<E: Record>(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, E::Model>>
where
    E::Model: Sync,
{
    let query = E::find().filter(E::id_column().is_in(ids.iter().copied()));
    let rows = super::rows::all(db, query).await?;
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

/// The records of `E` these slugs name, each merge followed to the record
/// it was merged into, by slug: one statement for the slugs and one per step
/// of the longest merge chain, whatever the number of slugs.
pub async fn find_by_slugs<E: Tracked>(
    db: &impl ConnectionTrait,
    slugs: &[&str],
) -> Result<HashMap<String, E::Model>>
where
    E::Model: Sync,
{
    let Some(column) = E::slug_column() else {
        return Ok(HashMap::new());
    };
    let query = E::find().filter(column.is_in(slugs.iter().copied()));
    let rows = super::rows::all(db, query).await?;
    let mut found: HashMap<String, E::Model> = rows
        .into_iter()
        .filter_map(|row| Some((E::slug_of(&row)?.to_owned(), row)))
        .collect();
    // A chain of merges is short; the bound guards against a cycle written by hand.
    for _ in 0..16 {
        let survivors: Vec<i64> = found.values().filter_map(E::merged_into).collect();
        if survivors.is_empty() {
            break;
        }
        let read = find_by_ids::<E>(db, &survivors).await?;
        for model in found.values_mut() {
            if let Some(next) = E::merged_into(model).and_then(|id| read.get(&id)) {
                *model = next.clone();
            }
        }
    }
    Ok(found)
}

/// What a lookup needs to know of a record before loading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordRef {
    /// The row ID.
    pub id: i64,
    /// Whether the record is retracted.
    pub retracted: bool,
    /// The record's version.
    pub version: i32,
    /// The record it was merged into, for persons and organizations.
    pub merged_into: Option<i64>,
}

/// The record of `table` whose `column` equals `value`, if any.
async fn find_ref_by(
    db: &impl ConnectionTrait,
    table: &'static str,
    column: &'static str,
    value: sea_orm::Value,
) -> Result<Option<RecordRef>> {
    use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
    let merged = matches!(table, "person" | "organization");
    let mut query = Query::select();
    query
        .columns([
            Alias::new("id"),
            Alias::new("retracted"),
            Alias::new("version"),
        ])
        .from(Alias::new(table))
        .and_where(Expr::col(Alias::new(column)).eq(value));
    if merged {
        query.column(Alias::new("merged_into_id"));
    }
    let statement = db.get_database_backend().build(&query);
    let Some(row) = db.query_one_raw(statement).await? else {
        return Ok(None);
    };
    Ok(Some(RecordRef {
        id: row.try_get_by_index(0)?,
        retracted: row.try_get_by_index(1)?,
        version: row.try_get_by_index(2)?,
        merged_into: if merged {
            row.try_get_by_index(3)?
        } else {
            None
        },
    }))
}

/// The record of `table` with this slug, if any.
pub async fn find_ref(
    db: &impl ConnectionTrait,
    table: &'static str,
    slug: &str,
) -> Result<Option<RecordRef>> {
    find_ref_by(db, table, "slug", slug.into()).await
}

/// The record of `table` with this row ID, if any.
pub async fn find_ref_by_id(
    db: &impl ConnectionTrait,
    table: &'static str,
    id: i64,
) -> Result<Option<RecordRef>> {
    find_ref_by(db, table, "id", id.into()).await
}

/// The record a slug names, following merges to the survivor.
pub async fn find_live_ref(
    db: &impl ConnectionTrait,
    table: &'static str,
    slug: &str,
) -> Result<Option<RecordRef>> {
    let mut found = find_ref(db, table, slug).await?;
    // A chain of merges is short; the bound guards against a cycle written by hand.
    for _ in 0..16 {
        match found {
            Some(RecordRef {
                merged_into: Some(next),
                ..
            }) => found = find_ref_by_id(db, table, next).await?,
            _ => break,
        }
    }
    Ok(found)
}
