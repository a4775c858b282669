//! Quipu's database migrations, run by `quipu serve`, `quipu migrate` and the
//! test helpers (never from schema construction).

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_create_graph;

/// The graph's tables, in creation order.
pub use m20261122_000001_create_graph::TABLES;

mod m20261122_000002_search;
mod m20261122_000003_persisted_operations;
mod m20261122_000004_order_indexes;
mod m20261123_000005_history;
mod m20261129_000006_record;
mod m20261130_000007_list_indexes;
mod m20261201_000008_search_index;

/// The link tables of the citable record (persons in incidents, places, incident links).
pub use m20261129_000006_record::TABLES as RECORD_LINK_TABLES;

/// Every migration of Quipu, in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_create_graph::Migration),
            Box::new(m20261122_000002_search::Migration),
            Box::new(m20261122_000003_persisted_operations::Migration),
            Box::new(m20261122_000004_order_indexes::Migration),
            Box::new(m20261123_000005_history::Migration),
            Box::new(m20261129_000006_record::Migration),
            Box::new(m20261130_000007_list_indexes::Migration),
            Box::new(m20261201_000008_search_index::Migration),
        ]
    }
}
