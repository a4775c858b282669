//! Registered operations (persisted documents), by the SHA-256 of their text.

use entity::persisted_operation;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use sha2::{Digest, Sha256};

use crate::error::Result;

/// The lowercase hex SHA-256 of a document's text, as Automatic Persisted Queries computes it.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Registers `document` under `name`; registering the same text again changes nothing. Returns its hash.
pub async fn insert_operation(
    db: &impl ConnectionTrait,
    name: &str,
    document: &str,
) -> Result<String> {
    let sha256 = sha256_hex(document);
    let row = persisted_operation::ActiveModel {
        sha256: Set(sha256.clone()),
        name: Set(name.to_string()),
        document: Set(document.to_string()),
    };
    let on_conflict = OnConflict::column(persisted_operation::Column::Sha256)
        .do_nothing()
        .to_owned();
    persisted_operation::Entity::insert(row)
        .on_conflict(on_conflict)
        .exec_without_returning(db)
        .await?;
    Ok(sha256)
}

/// The registered document with this hash, if any.
pub async fn find_operation(
    db: &impl ConnectionTrait,
    sha256: &str,
) -> Result<Option<persisted_operation::Model>> {
    Ok(persisted_operation::Entity::find_by_id(sha256.to_string())
        .one(db)
        .await?)
}

/// Every registered operation, by name.
pub async fn find_operations(db: &impl ConnectionTrait) -> Result<Vec<persisted_operation::Model>> {
    super::all_by(db, persisted_operation::Column::Name).await
}
