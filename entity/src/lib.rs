//! SeaORM entities of Quipu's knowledge graph: one module per table.
//!
//! This crate knows nothing of GraphQL: the API wraps these models in its own
//! types so that a column can change without changing the public schema.
//! Dates are stored as ISO 8601 text at their precision (`2023`, `2023-01`,
//! `2023-01-09`), which sorts correctly as text and keeps vague dates vague.
//! The models the API reads derive `Default`: it decodes rows by the
//! position of their columns into a default model, and a planned read
//! selects only the columns a query shows, leaving the rest at their
//! defaults.

pub mod alias;
pub mod api_key;
pub mod casualty_report;
pub mod citation;
pub mod incident;
pub mod incident_link;
pub mod incident_place;
pub mod involvement;
pub mod organization;
pub mod participant;
pub mod persisted_operation;
pub mod person;
pub mod place;
pub mod place_closure;
pub mod position;
pub mod revision;
pub mod source;
pub mod source_author;
pub mod source_citation;
pub mod statement;
pub mod statement_incident;
pub mod statement_mention;
pub mod statement_place;
