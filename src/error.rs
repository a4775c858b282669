//! The one error type of the API, with stable codes.
//!
//! Resolvers, loaders and store functions return [`Error`]. Each variant maps
//! to an `extensions.code` that clients can rely on. Internal errors (a failed
//! SQL statement, a broken invariant) are logged in full and shown to the
//! client only as "internal error", so database messages never leak.
//! `anyhow` is for the binary and tools only.
//!
//! [`Error`] deliberately does not implement `Display`: async-graphql converts
//! any `Display` type into an error without a code, so leaving it out lets our
//! own `From<Error>` apply and `?` in a resolver always keeps the code.

use async_graphql::ErrorExtensions;

/// An error a request can end in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The input is malformed or violates a rule: `BAD_USER_INPUT`.
    BadUserInput(String),
    /// A well-formed reference to something that does not exist: `NOT_FOUND`.
    NotFound(String),
    /// No API key, or one that is unknown or revoked: `UNAUTHENTICATED`.
    Unauthenticated(String),
    /// The key's role does not allow the operation: `FORBIDDEN`.
    Forbidden(String),
    /// The record changed since the version the client read: `CONFLICT`.
    Conflict(String),
    /// The database is busy (other writers hold it); the client may retry: `UNAVAILABLE`.
    Unavailable(String),
    /// Anything else; the message is logged, not shown: `INTERNAL`.
    Internal(String),
}

impl Error {
    /// The stable code sent as `extensions.code`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::BadUserInput(_) => "BAD_USER_INPUT",
            Error::NotFound(_) => "NOT_FOUND",
            Error::Unauthenticated(_) => "UNAUTHENTICATED",
            Error::Forbidden(_) => "FORBIDDEN",
            Error::Conflict(_) => "CONFLICT",
            Error::Unavailable(_) => "UNAVAILABLE",
            Error::Internal(_) => "INTERNAL",
        }
    }

    /// The message shown to the client.
    pub fn message(&self) -> &str {
        match self {
            Error::BadUserInput(message)
            | Error::NotFound(message)
            | Error::Unauthenticated(message)
            | Error::Forbidden(message)
            | Error::Conflict(message)
            | Error::Unavailable(message) => message,
            Error::Internal(_) => "internal error",
        }
    }

    /// A `BAD_USER_INPUT` error with the given message.
    pub fn bad_input(message: impl Into<String>) -> Self {
        Error::BadUserInput(message.into())
    }

    /// A `NOT_FOUND` error with the given message.
    pub fn not_found(message: impl Into<String>) -> Self {
        Error::NotFound(message.into())
    }
}

/// `value`, the argument `name`, when it lies in `range`; BAD_USER_INPUT otherwise.
pub fn in_range(name: &str, value: i32, range: std::ops::RangeInclusive<i32>) -> Result<i32> {
    if range.contains(&value) {
        return Ok(value);
    }
    let (low, high) = range.into_inner();
    Err(Error::bad_input(format!(
        "`{name}` must be from {low} to {high}, got {value}"
    )))
}

impl From<sea_orm::DbErr> for Error {
    fn from(err: sea_orm::DbErr) -> Self {
        if is_busy(&err) {
            tracing::warn!(%err, "the database is busy");
            return Error::Unavailable(
                "the database is busy with other writers; try again in a moment".into(),
            );
        }
        Error::Internal(format!("database: {err}"))
    }
}

/// Whether a database error means "busy, try again" rather than a fault:
/// SQLite's BUSY and LOCKED (another process holds the write lock past the
/// busy timeout), PostgreSQL's serialization failures, deadlocks and lock
/// timeouts, and a pool with no free connection in time.
pub fn is_busy(err: &sea_orm::DbErr) -> bool {
    use sea_orm::{DbErr, RuntimeErr};
    /// SQLite's BUSY, LOCKED, BUSY_RECOVERY, BUSY_SNAPSHOT, BUSY_TIMEOUT; PostgreSQL's retryable states.
    const BUSY: [&str; 8] = ["5", "6", "261", "517", "773", "40001", "40P01", "55P03"];
    match err {
        DbErr::ConnectionAcquire(_) => true,
        DbErr::Conn(RuntimeErr::SqlxError(e))
        | DbErr::Exec(RuntimeErr::SqlxError(e))
        | DbErr::Query(RuntimeErr::SqlxError(e)) => e
            .as_database_error()
            .and_then(|db| db.code())
            .is_some_and(|code| BUSY.contains(&code.as_ref())),
        _ => false,
    }
}

impl ErrorExtensions for Error {
    fn extend(&self) -> async_graphql::Error {
        if let Error::Internal(detail) = self {
            tracing::error!(%detail, "internal error");
        }
        async_graphql::Error::new(self.message()).extend_with(|_, e| e.set("code", self.code()))
    }
}

impl From<Error> for async_graphql::Error {
    fn from(err: Error) -> Self {
        err.extend()
    }
}

/// The result type of resolvers, loaders and store functions.
pub type Result<T, E = Error> = std::result::Result<T, E>;
