//! `ApiKey`: a key as admins see it (never its secret or hash), and the
//! admin-only `apiKeys` root field.

use async_graphql::{Context, Object};
use entity::api_key;

use super::context::db;
use crate::auth::{self, Role};
use crate::error::Result;
use crate::store;

/// An API key: its name, role and dates. The secret is shown once, when
/// `quipu keys create` makes it, and is not stored.
pub struct ApiKey(pub api_key::Model);

/// An API key: its name, role and dates. The secret is shown once, when
/// `quipu keys create` makes it, and is not stored.
#[Object]
impl ApiKey {
    /// The key's name: who or what uses it. Revisions name their author by it.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// `reader`, `editor` or `admin`.
    async fn role(&self) -> &str {
        &self.0.role
    }

    /// When it was made (RFC 3339, UTC).
    async fn created_at(&self) -> &str {
        &self.0.created_at
    }

    /// When it was revoked, if it was; a revoked key is refused.
    async fn revoked_at(&self) -> Option<&str> {
        self.0.revoked_at.as_deref()
    }
}

/// The admin's view of the keys.
#[derive(Default)]
pub struct ApiKeyQuery;

/// The admin's view of the keys.
#[Object]
impl ApiKeyQuery {
    /// Every API key, oldest first, revoked ones included. Needs an admin key.
    async fn api_keys(&self, ctx: &Context<'_>) -> Result<Vec<ApiKey>> {
        auth::caller(ctx)?.require(Role::Admin)?;
        let keys = store::keys::find_keys(db(ctx)?).await?;
        Ok(keys.into_iter().map(ApiKey).collect())
    }
}
