//! Quipu's integration tests: real GraphQL requests through the axum router,
//! each test on its own database. SQLite by default; PostgreSQL when
//! `QUIPU_TEST_DATABASE_URL` names a server (each test creates and drops a
//! database of its own there).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod attacks;
mod chaos;
mod cursors;
mod errors;
mod explore;
mod foundation;
mod fuzz;
mod generate;
mod golden;
mod helpers;
mod hostile;
mod ingest;
mod introspection;
mod journalist;
mod limits;
mod n_plus_one;
mod pagination;
mod plans;
mod record;
mod schema;
mod search_index;
mod sheets;
mod sockets;
mod spec;
mod sync;
mod traces;
mod writes;
