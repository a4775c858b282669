//! Rows of any table as JSON, for the history, revert and export.
//!
//! A revision keeps a record and its owned link rows as they were; reverting
//! writes them back. Both go through the entity's own serde form, so every
//! column is kept and nothing here lists columns by hand. [`on_table!`]
//! turns a table's name into its entity type.

use std::str::FromStr;

use sea_orm::sea_query::{Alias, Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, Result};

/// A SeaORM entity whose rows convert to and from JSON, and are written back from it.
pub trait JsonTable:
    EntityTrait<
    Model: Serialize + DeserializeOwned + Sync + IntoActiveModel<Self::ActiveModel>,
    ActiveModel: Send,
>
{
}

impl<E> JsonTable for E where
    E: EntityTrait<
        Model: Serialize + DeserializeOwned + Sync + IntoActiveModel<E::ActiveModel>,
        ActiveModel: Send,
    >
{
}

/// Runs `$call::<Entity>(args)` for the entity of the table named `$table`,
/// or returns an internal error for a name that is not a table of the graph.
#[macro_export]
macro_rules! on_table {
    ($table:expr, $call:ident ( $($arg:expr),* )) => {{
        use entity::*;
        match $table {
            "person" => $call::<person::Entity>($($arg),*).await,
            "organization" => $call::<organization::Entity>($($arg),*).await,
            "place" => $call::<place::Entity>($($arg),*).await,
            "position" => $call::<position::Entity>($($arg),*).await,
            "incident" => $call::<incident::Entity>($($arg),*).await,
            "statement" => $call::<statement::Entity>($($arg),*).await,
            "source" => $call::<source::Entity>($($arg),*).await,
            "casualty_report" => $call::<casualty_report::Entity>($($arg),*).await,
            "alias" => $call::<alias::Entity>($($arg),*).await,
            "involvement" => $call::<involvement::Entity>($($arg),*).await,
            "participant" => $call::<participant::Entity>($($arg),*).await,
            "incident_place" => $call::<incident_place::Entity>($($arg),*).await,
            "incident_link" => $call::<incident_link::Entity>($($arg),*).await,
            "statement_place" => $call::<statement_place::Entity>($($arg),*).await,
            "source_author" => $call::<source_author::Entity>($($arg),*).await,
            "source_citation" => $call::<source_citation::Entity>($($arg),*).await,
            "statement_incident" => $call::<statement_incident::Entity>($($arg),*).await,
            "statement_mention" => $call::<statement_mention::Entity>($($arg),*).await,
            "citation" => $call::<citation::Entity>($($arg),*).await,
            "place_closure" => $call::<place_closure::Entity>($($arg),*).await,
            "revision" => $call::<revision::Entity>($($arg),*).await,
            other => Err($crate::error::Error::Internal(format!("no table named {other}"))),
        }
    }};
}

/// A model as JSON.
pub fn to_json<M: Serialize>(model: &M) -> Result<Value> {
    serde_json::to_value(model).map_err(|e| Error::Internal(format!("row to JSON: {e}")))
}

/// A model from JSON, as written by [`to_json`].
fn from_json<E: JsonTable>(row: &Value) -> Result<E::Model> {
    serde_json::from_value(row.clone()).map_err(|e| Error::Internal(format!("JSON to row: {e}")))
}

/// The rows of `E` whose `column` is `id`, as JSON, in primary-key order.
pub async fn rows_where<E: JsonTable>(
    db: &impl ConnectionTrait,
    column: &'static str,
    id: i64,
) -> Result<Vec<Value>> {
    let rows = E::find()
        .filter(Expr::col(Alias::new(column)).eq(id))
        .all(db)
        .await?;
    rows.iter().map(to_json).collect()
}

/// Deletes the rows of `E` whose `column` is `id`.
pub async fn delete_where<E: JsonTable>(
    db: &impl ConnectionTrait,
    column: &'static str,
    id: i64,
) -> Result<()> {
    E::delete_many()
        .filter(Expr::col(Alias::new(column)).eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Whether a JSON row is new: its table has a surrogate `id` it does not have yet.
pub fn is_new(row: &Value) -> bool {
    row.get("id").is_some_and(Value::is_null)
}

/// The active model of a JSON row, every column set; a new row's `id` is
/// left to the database.
fn active<E: JsonTable>(row: &Value) -> Result<E::ActiveModel> {
    if !is_new(row) {
        return Ok(from_json::<E>(row)?.into_active_model().reset_all());
    }
    let mut keyed = row.clone();
    keyed["id"] = Value::from(0);
    let mut model = from_json::<E>(&keyed)?.into_active_model().reset_all();
    let id = E::Column::from_str("id")
        .map_err(|_| Error::Internal("a new row in a table without `id`".into()))?;
    model.not_set(id);
    Ok(model)
}

/// Inserts a JSON row as it is, its key included (a new row gets a fresh `id`).
pub async fn insert_row<E: JsonTable>(db: &impl ConnectionTrait, row: &Value) -> Result<()> {
    E::insert(active::<E>(row)?)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Inserts JSON rows as they are, keys included, in one statement.
pub async fn insert_rows<E: JsonTable>(db: &impl ConnectionTrait, rows: &[Value]) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let models = rows.iter().map(active::<E>).collect::<Result<Vec<_>>>()?;
    E::insert_many(models).exec_without_returning(db).await?;
    Ok(())
}

/// Writes every column of a JSON row over the row with its key.
pub async fn update_row<E: JsonTable>(db: &impl ConnectionTrait, row: &Value) -> Result<()> {
    E::update(active::<E>(row)?).exec(db).await?;
    Ok(())
}

/// Deletes the row with the key of a JSON row, if it is there.
pub async fn delete_row<E: JsonTable>(db: &impl ConnectionTrait, row: &Value) -> Result<()> {
    E::delete(active::<E>(row)?).exec(db).await?;
    Ok(())
}
