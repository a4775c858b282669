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
            | Error::Conflict(message) => message,
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

impl From<sea_orm::DbErr> for Error {
    fn from(err: sea_orm::DbErr) -> Self {
        Error::Internal(format!("database: {err}"))
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
