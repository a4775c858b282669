//! What a resolver reads from the request context.

use async_graphql::Context;
use sea_orm::DatabaseConnection;

use crate::error::{Error, Result};

/// The database connection the schema was built with.
pub fn db<'a>(ctx: &'a Context<'_>) -> Result<&'a DatabaseConnection> {
    ctx.data::<DatabaseConnection>()
        .map_err(|_| Error::Internal("the schema has no database connection".into()))
}
