//! API keys and roles.
//!
//! A key is 32 random bytes shown once (`qk_` and 64 hex digits) and stored
//! as its SHA-256, which is enough for a secret with that much entropy (no
//! salt or slow hash is needed, unlike for passwords). Clients send it as
//! `Authorization: Bearer KEY`. Roles are ordered: a reader reads (when reads
//! need a key) and downloads exports, an editor also writes, and an admin
//! also reads the list of keys (`apiKeys`).

use async_graphql::Context;
use axum::http::{header, HeaderMap};
use sea_orm::ConnectionTrait;

use crate::domain::timestamp;
use crate::error::{Error, Result};
use crate::store::{keys, operations::sha256_hex};

/// What a key may do; each role may do everything the roles before it may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// Reads and exports.
    Reader,
    /// Also creates, updates, retracts, merges and reverts.
    Editor,
    /// Also lists the keys (`apiKeys`).
    Admin,
}

impl Role {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Reader => "reader",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }

    /// The role with this stored name.
    pub fn parse(text: &str) -> Option<Self> {
        [Role::Reader, Role::Editor, Role::Admin]
            .into_iter()
            .find(|r| r.as_str() == text)
    }
}

/// Who is calling: the key's name and role, or nobody.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Caller(pub Option<(String, Role)>);

impl Caller {
    /// The caller's key name if its role is at least `role`; UNAUTHENTICATED
    /// without a key, FORBIDDEN with too low a role.
    pub fn require(&self, role: Role) -> Result<&str> {
        match &self.0 {
            None => Err(Error::Unauthenticated(format!(
                "this needs an API key with the {} role: send `Authorization: Bearer KEY`",
                role.as_str()
            ))),
            Some((name, have)) if *have < role => Err(Error::Forbidden(format!(
                "the key '{name}' has the {} role; this needs {}",
                have.as_str(),
                role.as_str()
            ))),
            Some((name, _)) => Ok(name),
        }
    }
}

/// The request's caller, as the HTTP layer found it.
pub fn caller<'a>(ctx: &'a Context<'_>) -> Result<&'a Caller> {
    ctx.data::<Caller>()
        .map_err(|_| Error::Internal("the request has no caller".into()))
}

/// The caller an `Authorization` header names: nobody without one,
/// UNAUTHENTICATED for a malformed, unknown or revoked key.
pub async fn authenticate(db: &impl ConnectionTrait, headers: &HeaderMap) -> Result<Caller> {
    if !headers.contains_key(header::AUTHORIZATION) {
        return Ok(Caller::default());
    }
    let secret = bearer(headers).ok_or_else(|| {
        Error::Unauthenticated("send the key as `Authorization: Bearer KEY`".into())
    })?;
    authenticate_secret(db, secret).await
}

/// The bearer secret of an `Authorization` header, if it has one.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

/// The caller a secret belongs to, or UNAUTHENTICATED.
pub async fn authenticate_secret(db: &impl ConnectionTrait, secret: &str) -> Result<Caller> {
    authenticate_hash(db, &sha256_hex(secret)).await
}

/// The caller whose key hashes to `hash`, or UNAUTHENTICATED: how a
/// connection that keeps a key checks it again before each operation.
pub async fn authenticate_hash(db: &impl ConnectionTrait, hash: &str) -> Result<Caller> {
    let unknown = || Error::Unauthenticated("the API key is unknown or revoked".into());
    let key = keys::find_by_hash(db, hash)
        .await?
        .filter(|k| k.revoked_at.is_none())
        .ok_or_else(unknown)?;
    let role = Role::parse(&key.role).ok_or_else(unknown)?;
    Ok(Caller(Some((key.name, role))))
}

/// Makes a key: stores its hash and returns the secret, which is not kept.
pub async fn create_key(db: &impl ConnectionTrait, name: &str, role: Role) -> Result<String> {
    let name = name.trim();
    if name.is_empty() || name.len() > 100 {
        return Err(Error::bad_input("a key's name has 1 to 100 characters"));
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| Error::Internal(format!("randomness: {e}")))?;
    let secret: String = std::iter::once("qk_".to_string())
        .chain(bytes.iter().map(|b| format!("{b:02x}")))
        .collect();
    keys::insert_key(
        db,
        name,
        role.as_str(),
        &sha256_hex(&secret),
        &timestamp::now(),
    )
    .await?;
    Ok(secret)
}

/// Revokes the key named `name` and announces it, so that every server
/// closes the key's open WebSockets (on PostgreSQL through `NOTIFY` at once;
/// SQLite servers notice within [`crate::changes::REVOCATION_POLL`]). False
/// when there is no such live key.
pub async fn revoke_key(db: &impl ConnectionTrait, name: &str) -> Result<bool> {
    let hashes: Vec<String> = keys::find_keys(db)
        .await?
        .into_iter()
        .filter(|k| k.name == name && k.revoked_at.is_none())
        .map(|k| k.key_hash)
        .collect();
    if !keys::revoke_key(db, name, &timestamp::now()).await? {
        return Ok(false);
    }
    for hash in hashes {
        crate::changes::announce_revocation(db, &hash).await?;
    }
    Ok(true)
}
