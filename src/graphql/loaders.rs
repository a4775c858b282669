//! The request's DataLoader: every relation a resolver follows goes through it.
//!
//! Reads go through plans (`plan`); the resolvers, and this loader under
//! them, answer only what a plan does not take, with the reason in each
//! case: a connection below a row paged from a cursor (a relation's cursor
//! names one parent, so each other parent owes an error at its own path),
//! arguments out of range (the resolvers give each error at its path), one
//! response key for two argument lists (which validation should refuse),
//! the figures of `casualties` (its `disputed` needs every summary before
//! the answer exists), subscription events, and the resolver path kept for
//! the differential tests that hold the plans to it
//! (`QUIPU_PLANNED_READS=false`). Its batching window makes its statement
//! count depend on timing; the plans' counts do not.
//!
//! One [`Store`] serves two kinds of key: [`RecordKey`] (a row by ID, for any
//! table with one) and [`RelKey`] (one page of a parent's relation). Keys
//! asked for while a level of the response resolves are batched into one
//! statement per table or per relation. A new loader is made for every
//! request, so nothing cached outlives it.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

use async_graphql::dataloader::{DataLoader, Loader};
use async_graphql::Context;
use sea_orm::DatabaseConnection;

use crate::error::{Error, Result};
use crate::store::{self, Record, Rel, RelPage, Window};

/// Loads records and relation pages for one request.
pub struct Store {
    db: DatabaseConnection,
}

impl Store {
    /// A DataLoader over `db`, for one request. It batches but does not cache
    /// (async-graphql's default), so a mutation's payload, and a later mutation
    /// of the same operation, read what was just written.
    pub fn loader(db: DatabaseConnection) -> DataLoader<Store> {
        DataLoader::new(Store { db }, tokio::spawn).delay(BATCH_WINDOW)
    }
}

/// How long the loader gathers keys before it queries. The keys of one
/// level arrive in one pass over the level's resolvers; an unoptimized
/// build takes several times longer over that pass (about 2 ms for 33
/// statements with speakers, incidents and sources), so its window is wider
/// and a level is not split in two. Root lists and lookups read through
/// plans (`graphql::plan`) use no loader and no window; the loader serves
/// what the resolvers still answer.
const BATCH_WINDOW: std::time::Duration = if cfg!(debug_assertions) {
    std::time::Duration::from_millis(4)
} else {
    std::time::Duration::from_millis(1)
};

/// The row of table `E` with this ID.
pub struct RecordKey<E>(pub i64, PhantomData<fn() -> E>);

impl<E> RecordKey<E> {
    /// The key of the row with `id`.
    pub fn new(id: i64) -> Self {
        RecordKey(id, PhantomData)
    }
}

impl<E> Clone for RecordKey<E> {
    fn clone(&self) -> Self {
        RecordKey::new(self.0)
    }
}

impl<E> PartialEq for RecordKey<E> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl<E> Eq for RecordKey<E> {}

impl<E> Hash for RecordKey<E> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl<E: Record> Loader<RecordKey<E>> for Store
where
    E::Model: Sync,
{
    type Value = E::Model;
    type Error = Error;

    async fn load(&self, keys: &[RecordKey<E>]) -> Result<HashMap<RecordKey<E>, E::Model>> {
        let ids: Vec<i64> = keys.iter().map(|k| k.0).collect();
        let rows = store::records::find_by_ids::<E>(&self.db, &ids).await?;
        Ok(rows
            .into_iter()
            .map(|(id, row)| (RecordKey::new(id), row))
            .collect())
    }
}

/// One parent's page of a relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RelKey {
    /// The relation.
    pub rel: Rel,
    /// The parent's ID.
    pub parent: i64,
    /// The rows wanted.
    pub window: Window,
}

impl Loader<RelKey> for Store {
    type Value = RelPage;
    type Error = Error;

    async fn load(&self, keys: &[RelKey]) -> Result<HashMap<RelKey, RelPage>> {
        let mut groups: HashMap<(Rel, Window), Vec<i64>> = HashMap::new();
        for key in keys {
            groups
                .entry((key.rel, key.window))
                .or_default()
                .push(key.parent);
        }
        let mut pages = HashMap::with_capacity(keys.len());
        for ((rel, window), parents) in groups {
            for (parent, page) in
                store::relations::find_pages(&self.db, rel, window, &parents).await?
            {
                pages.insert(
                    RelKey {
                        rel,
                        parent,
                        window,
                    },
                    page,
                );
            }
        }
        Ok(pages)
    }
}

/// The request's loader.
fn loader<'a>(ctx: &'a Context<'_>) -> Result<&'a DataLoader<Store>> {
    ctx.data::<DataLoader<Store>>()
        .map_err(|_| Error::Internal("the request has no DataLoader".into()))
}

/// The row of `E` with `id`, which must exist (it is the target of a foreign key).
pub async fn record<E: Record>(ctx: &Context<'_>, id: i64) -> Result<E::Model>
where
    E::Model: Sync,
{
    loader(ctx)?
        .load_one(RecordKey::<E>::new(id))
        .await?
        .ok_or_else(|| Error::Internal(format!("dangling reference to id {id}")))
}

/// The rows of `E` with these IDs, in the same order.
pub async fn records<E: Record>(ctx: &Context<'_>, ids: &[i64]) -> Result<Vec<E::Model>>
where
    E::Model: Sync,
{
    let mut rows = loader(ctx)?
        .load_many(ids.iter().map(|&id| RecordKey::<E>::new(id)))
        .await?;
    Ok(ids
        .iter()
        .filter_map(|id| rows.remove(&RecordKey::new(*id)))
        .collect())
}

/// `parent`'s page of `rel` in `window`.
pub async fn page(ctx: &Context<'_>, rel: Rel, parent: i64, window: Window) -> Result<RelPage> {
    let key = RelKey {
        rel,
        parent,
        window,
    };
    Ok(loader(ctx)?.load_one(key).await?.unwrap_or_default())
}

/// Every child of `parent` in `rel`, as rows of `E`.
pub async fn related<E: Record>(ctx: &Context<'_>, rel: Rel, parent: i64) -> Result<Vec<E::Model>>
where
    E::Model: Sync,
{
    let page = page(ctx, rel, parent, Window::default()).await?;
    records::<E>(ctx, &page.ids).await
}
