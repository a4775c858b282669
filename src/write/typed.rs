//! Typed rows: mutations build entity `ActiveModel`s, and these turn them
//! into a document's JSON row in one place. A misspelt column or a value of
//! the wrong type no longer compiles; what is left unset is what the write
//! fills in (a new row's `id`, a link's owner, a record's version).

use sea_orm::sea_query::sea_value_to_json_value;
use sea_orm::{ActiveModelTrait, ActiveValue, EntityTrait, IdenStatic, Iterable};
use serde_json::{Map, Value};

use crate::error::Result;

/// A new row: every column, null where unset (a new row's `id`, a link's
/// owner, the columns `Change::create` sets).
pub fn new_row<A: ActiveModelTrait>(model: &A) -> Value {
    columns(model, true)
}

/// The columns a change sets, to write over a record's row.
pub fn changed<A: ActiveModelTrait>(model: &A) -> Value {
    columns(model, false)
}

fn columns<A: ActiveModelTrait>(model: &A, unset_as_null: bool) -> Value {
    let mut row = Map::new();
    for column in <A::Entity as EntityTrait>::Column::iter() {
        let value = match model.get(column) {
            ActiveValue::Set(v) | ActiveValue::Unchanged(v) => sea_value_to_json_value(&v),
            ActiveValue::NotSet if unset_as_null => Value::Null,
            ActiveValue::NotSet => continue,
        };
        row.insert(column.as_str().to_string(), value);
    }
    Value::Object(row)
}

/// An optional column as a change sets it: unchanged when the input leaves
/// it out, cleared by null, else `convert`ed.
pub fn maybe<T, V>(
    value: async_graphql::MaybeUndefined<T>,
    convert: impl FnOnce(T) -> Result<Option<V>>,
) -> Result<ActiveValue<Option<V>>>
where
    Option<V>: Into<sea_orm::Value>,
{
    use async_graphql::MaybeUndefined;
    Ok(match value {
        MaybeUndefined::Undefined => ActiveValue::NotSet,
        MaybeUndefined::Null => ActiveValue::Set(None),
        MaybeUndefined::Value(v) => ActiveValue::Set(convert(v)?),
    })
}

/// An optional input that, when given, sets a column.
pub fn given<T, V: Into<sea_orm::Value>>(
    value: Option<T>,
    convert: impl FnOnce(T) -> Result<V>,
) -> Result<ActiveValue<V>> {
    Ok(match value {
        Some(v) => ActiveValue::Set(convert(v)?),
        None => ActiveValue::NotSet,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use entity::{statement, statement_place};
    use sea_orm::Set;

    #[test]
    fn unset_columns_are_null_in_a_new_row_and_absent_from_a_change() {
        let link = statement_place::ActiveModel {
            place_id: Set(7),
            ..Default::default()
        };
        let row = new_row(&link);
        assert_eq!(row["place_id"], 7);
        assert!(row["id"].is_null() && row["statement_id"].is_null());
        let change = statement::ActiveModel {
            text: Set("words".into()),
            date: Set(None),
            ..Default::default()
        };
        let fields = changed(&change);
        assert_eq!(fields, serde_json::json!({ "text": "words", "date": null }));
    }
}
