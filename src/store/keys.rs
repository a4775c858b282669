//! API keys: stored as the SHA-256 of the secret, found by it, listed and revoked.

use entity::api_key;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::error::{Error, Result};

/// Stores a new key; the name must be unused.
pub async fn insert_key(
    db: &impl ConnectionTrait,
    name: &str,
    role: &str,
    key_hash: &str,
    created_at: &str,
) -> Result<api_key::Model> {
    if find_by_name(db, name).await?.is_some() {
        return Err(Error::bad_input(format!(
            "a key named '{name}' exists already"
        )));
    }
    let row = api_key::ActiveModel {
        name: Set(name.to_string()),
        role: Set(role.to_string()),
        key_hash: Set(key_hash.to_string()),
        created_at: Set(created_at.to_string()),
        revoked_at: Set(None),
        ..Default::default()
    };
    Ok(row.insert(db).await?)
}

/// The key with this name, if any.
pub async fn find_by_name(db: &impl ConnectionTrait, name: &str) -> Result<Option<api_key::Model>> {
    Ok(api_key::Entity::find()
        .filter(api_key::Column::Name.eq(name))
        .one(db)
        .await?)
}

/// The key whose secret hashes to `key_hash`, if any (revoked or not).
pub async fn find_by_hash(
    db: &impl ConnectionTrait,
    key_hash: &str,
) -> Result<Option<api_key::Model>> {
    Ok(api_key::Entity::find()
        .filter(api_key::Column::KeyHash.eq(key_hash))
        .one(db)
        .await?)
}

/// Every key, oldest first.
pub async fn find_keys(db: &impl ConnectionTrait) -> Result<Vec<api_key::Model>> {
    super::all_by(db, api_key::Column::Id).await
}

/// The hashes of every revoked key.
pub async fn find_revoked_hashes(db: &impl ConnectionTrait) -> Result<Vec<String>> {
    Ok(api_key::Entity::find()
        .filter(api_key::Column::RevokedAt.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|key| key.key_hash)
        .collect())
}

/// Marks the key named `name` revoked at `at`; false when there is no such live key.
pub async fn revoke_key(db: &impl ConnectionTrait, name: &str, at: &str) -> Result<bool> {
    let result = api_key::Entity::update_many()
        .col_expr(
            api_key::Column::RevokedAt,
            sea_orm::sea_query::Expr::value(at),
        )
        .filter(api_key::Column::Name.eq(name))
        .filter(api_key::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}
