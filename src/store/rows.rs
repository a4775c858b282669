//! Rows decoded into models by the position of their columns, straight
//! from the database driver's row. SeaORM's own decoding looks each column
//! up by name in a hash map and, for every NULL of an optional column,
//! formats an error it then discards: on a page of 100 statements that was
//! about a sixth of a nested list's CPU in a profile (BENCHMARKS.md, "Rows
//! read by position, and the allocator"). A select built by `E::find()`
//! lists the entity's columns in their declared order, the order read here.

use sea_orm::sea_query::ArrayType;
use sea_orm::{ConnectionTrait, EntityTrait, Iterable, ModelTrait, QueryResult, QueryTrait};
use sea_orm::{Select, Value};

use crate::error::{Error, Result};

/// The model whose columns start at position `start` of `row`, reading the
/// columns at the entity positions `wanted` accepts (the others keep their
/// defaults); `None` when its ID (always the first column) is NULL, as
/// after a `LEFT JOIN` that found nothing.
pub fn model<E: EntityTrait>(
    row: &QueryResult,
    start: usize,
    wanted: impl Fn(usize) -> bool,
) -> Result<Option<E::Model>>
where
    E::Model: Default,
{
    let mut model = E::Model::default();
    let mut at = start;
    for (index, column) in E::Column::iter().enumerate() {
        if !wanted(index) {
            continue;
        }
        let value = cell(row, at, <E::Model as ModelTrait>::get_value_type(column))?;
        if index == 0 && value == Value::BigInt(None) {
            return Ok(None);
        }
        model.try_set(column, value)?;
        at += 1;
    }
    Ok(Some(model))
}

/// Every row `query` (a select of all of `E`'s columns) finds.
pub async fn all<E: EntityTrait>(
    db: &impl ConnectionTrait,
    query: Select<E>,
) -> Result<Vec<E::Model>>
where
    E::Model: Default,
{
    let statement = query.build(db.get_database_backend());
    let rows = db.query_all_raw(statement).await?;
    rows.iter()
        .map(|row| {
            model::<E>(row, 0, |_| true)?
                .ok_or_else(|| Error::Internal("a row without an ID".into()))
        })
        .collect()
}

/// The value at position `at` of `row`, of the type a model's field holds.
fn cell(row: &QueryResult, at: usize, ty: ArrayType) -> Result<Value> {
    Ok(match ty {
        ArrayType::String => Value::String(get(row, at)?),
        ArrayType::BigInt => Value::BigInt(get(row, at)?),
        ArrayType::Int => Value::Int(get(row, at)?),
        ArrayType::Bool => Value::Bool(get(row, at)?),
        other => {
            return Err(Error::Internal(format!(
                "rows read by position hold no {other:?} column"
            )))
        }
    })
}

/// The value at position `at` of `row`, read from the database driver's row.
pub fn get<T>(row: &QueryResult, at: usize) -> Result<Option<T>>
where
    T: for<'r> sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres>,
    T: for<'r> sqlx::Decode<'r, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite>,
{
    use sqlx::Row as _;
    let read = if let Some(row) = row.try_as_pg_row() {
        row.try_get::<Option<T>, _>(at)
    } else if let Some(row) = row.try_as_sqlite_row() {
        row.try_get::<Option<T>, _>(at)
    } else {
        return Err(Error::Internal("a row from an unknown database".into()));
    };
    read.map_err(|e| Error::Internal(format!("column {at} of a row: {e}")))
}
