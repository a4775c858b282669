//! Keeping the index in step with the database, and searching it.
//!
//! Whenever this server hears of a change (every server hears every change
//! on PostgreSQL) or half a second passes, and before a search when this
//! process committed since the last look ([`super::local`]), the index
//! compares its marks with the database's: the same, and it answers as it
//! is; revisions since, and it rewrites the records they touched; a bulk
//! load since (or another database, or no index yet), and it rebuilds. So
//! a search never answers from an index behind what this process
//! committed, and follows other processes' commits within the time it
//! takes to hear of them (a `NOTIFY` on PostgreSQL, at most half a second
//! on SQLite).

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use sea_orm::DatabaseConnection;
use tokio::sync::broadcast::error::RecvError;

use super::engine::{self, Found, Scope};
use super::index::Store;
use super::kinds::KINDS;
use super::terms;
use super::{Marks, SearchQuery};
use crate::changes::ChangeHub;
use crate::domain::NodeKind;
use crate::error::{Error, Result};
use crate::store::search::{self as rows, Rows};

/// Records read from the database per batch while building.
const BATCH: u64 = 5_000;
/// How often the follower looks at the database when it hears nothing.
const POLL: Duration = Duration::from_millis(500);

/// The search index of one server.
pub struct SearchIndex {
    store: Store,
    db: DatabaseConnection,
    /// The marks of the last commit (what searches see).
    seen: Mutex<Option<Marks>>,
    /// One catch-up at a time.
    syncing: tokio::sync::Mutex<()>,
    /// The typo corrector's vocabulary, with the reader generation it came from.
    vocabulary: Mutex<Option<(u64, Arc<Vec<String>>)>>,
    /// Commits this process made to the database ([`super::local`]).
    commits: Arc<AtomicU64>,
    /// One more than `commits` as it was before the last completed look at
    /// the database's marks (0: never looked).
    looked: AtomicU64,
}

impl SearchIndex {
    /// Opens the index in `dir` (a private temporary directory when `None`)
    /// for `db`; [`SearchIndex::catch_up`] builds it.
    pub fn open(db: DatabaseConnection, dir: Option<&Path>) -> Result<Arc<SearchIndex>> {
        Ok(SearchIndex::over(db, Store::open(dir)?))
    }

    /// Opens the index in `dir` for `db`, failing if a server holds it.
    pub fn open_owned(db: DatabaseConnection, dir: &Path) -> Result<Arc<SearchIndex>> {
        Ok(SearchIndex::over(db, Store::open_in(dir, None)?))
    }

    fn over(db: DatabaseConnection, store: Store) -> Arc<SearchIndex> {
        let seen = store.marks();
        let commits = super::local::commits(&db);
        Arc::new(SearchIndex {
            store,
            db,
            seen: Mutex::new(seen),
            syncing: tokio::sync::Mutex::new(()),
            vocabulary: Mutex::new(None),
            commits,
            looked: AtomicU64::new(0),
        })
    }

    /// Follows the database for as long as the index lives: on every
    /// change `hub` announces, and every [`POLL`].
    pub fn follow(self: &Arc<Self>, hub: &ChangeHub) {
        let index: Weak<SearchIndex> = Arc::downgrade(self);
        let mut changes = hub.subscribe();
        tokio::spawn(async move {
            loop {
                let heard = tokio::time::timeout(POLL, changes.recv()).await;
                if matches!(heard, Ok(Err(RecvError::Closed))) {
                    return;
                }
                let Some(index) = index.upgrade() else {
                    return;
                };
                if let Err(err) = crate::metrics::in_background(index.catch_up()).await {
                    tracing::warn!(?err, "the search index could not catch up");
                }
            }
        });
    }

    fn seen(&self) -> Option<Marks> {
        self.seen.lock().ok().and_then(|s| s.clone())
    }

    /// Brings the index in step with the database, if it is not.
    pub async fn catch_up(self: &Arc<Self>) -> Result<()> {
        // Read before the marks: a look counts for the commits before it.
        let commits = self.commits.load(Ordering::SeqCst);
        self.look().await?;
        self.looked.fetch_max(commits + 1, Ordering::SeqCst);
        Ok(())
    }

    /// Catches up if this process committed since the last look (or there
    /// was none); other processes' commits are the follower's to hear.
    async fn catch_up_with_here(self: &Arc<Self>) -> Result<()> {
        let commits = self.commits.load(Ordering::SeqCst);
        match self.looked.load(Ordering::SeqCst) == commits + 1 {
            true => Ok(()),
            false => self.catch_up().await,
        }
    }

    /// Compares the marks and catches up.
    async fn look(self: &Arc<Self>) -> Result<()> {
        let now = rows::marks(&self.db).await?;
        if self.seen().as_ref() == Some(&now) {
            return Ok(());
        }
        let _one = self.syncing.lock().await;
        let now = rows::marks(&self.db).await?;
        let done = match self.seen() {
            Some(seen) if seen == now => Ok(()),
            Some(seen) if seen.load == now.load && seen.revision <= now.revision => {
                self.apply(seen.revision, now).await
            }
            _ => self.rebuild(now).await,
        };
        if done.is_err() {
            // Half a catch-up is dropped, not committed by the next one.
            let index = self.clone();
            blocking(move || index.store.rollback()).await?;
        }
        done
    }

    /// Rewrites the records the revisions after `after` touched.
    async fn apply(self: &Arc<Self>, after: i64, now: Marks) -> Result<()> {
        let touched = rows::touched(&self.db, after, now.revision).await?;
        for (kind, ids) in touched {
            if !KINDS.contains(&kind) {
                continue;
            }
            let ids: Vec<i64> = ids.into_iter().collect();
            for chunk in ids.chunks(BATCH as usize) {
                let docs = rows::documents(&self.db, kind, Rows::Ids(chunk)).await?;
                let (index, chunk) = (self.clone(), chunk.to_vec());
                blocking(move || index.store.replace(kind, &chunk, &docs)).await?;
            }
        }
        self.commit(now).await
    }

    /// Rebuilds the index from every live record.
    pub async fn rebuild(self: &Arc<Self>, now: Marks) -> Result<()> {
        let started = Instant::now();
        let index = self.clone();
        blocking(move || index.store.clear()).await?;
        for kind in KINDS {
            self.add_all(kind).await?;
        }
        self.commit(now).await?;
        tracing::info!(
            documents = self.store.len(),
            bytes = self.store.size_on_disk(),
            seconds = started.elapsed().as_secs_f64(),
            dir = %self.store.dir.display(),
            "search index built"
        );
        Ok(())
    }

    /// Adds every live record of `kind`, a batch at a time.
    async fn add_all(self: &Arc<Self>, kind: NodeKind) -> Result<()> {
        let mut after = 0;
        loop {
            let docs = rows::documents(&self.db, kind, Rows::After(after, BATCH)).await?;
            let Some(last) = docs.last() else {
                return Ok(());
            };
            after = last.id;
            let index = self.clone();
            blocking(move || index.store.add(&docs)).await?;
        }
    }

    async fn commit(self: &Arc<Self>, now: Marks) -> Result<()> {
        let (index, marks) = (self.clone(), now.clone());
        blocking(move || index.store.commit(marks)).await?;
        if let Ok(mut seen) = self.seen.lock() {
            *seen = Some(now);
        }
        Ok(())
    }

    /// Rebuilds the index from the database, whatever its marks say.
    pub async fn rebuild_now(self: &Arc<Self>) -> Result<()> {
        let _one = self.syncing.lock().await;
        let now = rows::marks(&self.db).await?;
        self.rebuild(now).await
    }

    /// The top `limit` records matching `query` among `kinds`, after catching up.
    pub async fn search(
        self: &Arc<Self>,
        query: &SearchQuery,
        kinds: &[NodeKind],
        scope: Scope,
        limit: usize,
    ) -> Result<Found> {
        self.catch_up_with_here().await?;
        let (index, query, kinds) = (self.clone(), query.clone(), kinds.to_vec());
        blocking(move || engine::search(&index.store, &query, &kinds, scope, limit)).await
    }

    /// The words of names and aliases, for typo correction (cached until the index changes).
    pub async fn vocabulary(self: &Arc<Self>) -> Result<Arc<Vec<String>>> {
        let generation = self.store.reader.searcher().generation().generation_id();
        if let Ok(cached) = self.vocabulary.lock() {
            if let Some((g, words)) = cached.as_ref() {
                if *g == generation {
                    return Ok(words.clone());
                }
            }
        }
        let index = self.clone();
        let words = Arc::new(blocking(move || Ok(terms::name_vocabulary(&index.store))).await?);
        if let Ok(mut cached) = self.vocabulary.lock() {
            *cached = Some((generation, words.clone()));
        }
        Ok(words)
    }

    /// The index's directory.
    pub fn dir(&self) -> &Path {
        &self.store.dir
    }

    /// How many documents the index holds, and its size on disk in bytes.
    pub fn size(&self) -> (u64, u64) {
        (self.store.len(), self.store.size_on_disk())
    }
}

/// Runs index work off the async workers: it reads and writes files.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| Error::Internal(format!("search index task: {e}")))?
}

/// The index's default directory: beside a SQLite database file
/// (`quipu.db` → `quipu.db.search`); none (a private temporary directory)
/// for PostgreSQL, whose servers each keep their own, and for in-memory
/// SQLite.
pub fn default_dir(db: &DatabaseConnection) -> Option<std::path::PathBuf> {
    if db.get_database_backend() != sea_orm::DbBackend::Sqlite {
        return None;
    }
    let options = db.get_sqlite_connection_pool().connect_options();
    let file = options.get_filename();
    let name = file.file_name()?.to_str()?;
    if name.is_empty() || name.starts_with(':') || name.contains("memory") {
        return None;
    }
    Some(file.with_file_name(format!("{name}.search")))
}
