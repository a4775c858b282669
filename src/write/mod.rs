//! Writing the graph: every mutation is one [`Change`], one transaction that
//! writes records as whole documents and a revision for each record touched.
//!
//! Writers queue on one lock (an in-process mutex, and on PostgreSQL a
//! transaction-scoped advisory lock shared by every server process), so
//! changes commit one at a time and revision IDs follow commit order: the
//! change feed never skips a change that commits late. The version check
//! then happens under the lock, so a stale version is always a CONFLICT and
//! never a lost update. Curated data is written far less often than it is
//! read, so one writer at a time costs nothing that matters.

mod merge;
mod revert;
pub mod typed;

pub use merge::merge;
pub use revert::revert;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use entity::revision;
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, Set,
    SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
};
use serde_json::Value;
use tokio::sync::{Mutex, OwnedMutexGuard};

use crate::changes::ChangeHub;
use crate::domain::{timestamp, NodeKind};
use crate::error::{Error, Result};
use crate::store::tables::insert_row;
use crate::store::{self, documents};

/// The PostgreSQL advisory-lock key that serializes writers ("quipu" in ASCII).
const WRITE_LOCK_KEY: i64 = 0x71_75_69_70_75;

/// What a change needs from the server: the database, the writers' lock,
/// the hub that tells subscribers and the count of this process's commits
/// that searches look at.
#[derive(Clone)]
pub struct Writer {
    db: DatabaseConnection,
    lock: Arc<Mutex<()>>,
    hub: ChangeHub,
    commits: Arc<AtomicU64>,
}

impl Writer {
    /// A writer over `db` that announces changes on `hub`.
    pub fn new(db: DatabaseConnection, hub: ChangeHub) -> Self {
        Writer {
            commits: crate::search::local::commits(&db),
            db,
            lock: Arc::new(Mutex::new(())),
            hub,
        }
    }

    /// Starts a change made by `actor` (an API key's name).
    pub async fn begin(&self, actor: &str) -> Result<Change> {
        let guard = self.lock.clone().lock_owned().await;
        let txn = self.begin_transaction().await?;
        if txn.get_database_backend() == DbBackend::Postgres {
            let sql = format!("SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})");
            txn.execute_raw(Statement::from_string(DbBackend::Postgres, sql))
                .await?;
        }
        let id = store::history::next_change_id(&txn).await?;
        Ok(Change {
            txn,
            _guard: guard,
            hub: self.hub.clone(),
            commits: self.commits.clone(),
            id,
            actor: actor.to_string(),
            at: timestamp::now(),
            revisions: Vec::new(),
        })
    }
}

impl Writer {
    /// Opens the change's transaction. On SQLite it takes the write lock up
    /// front (`BEGIN IMMEDIATE`): a deferred transaction that reads and then
    /// writes fails with BUSY_SNAPSHOT when another process committed in
    /// between, which no waiting can cure. Each attempt waits up to the busy
    /// timeout (5 s) for another process's writer; after [`BEGIN_ATTEMPTS`]
    /// the client gets `UNAVAILABLE`.
    async fn begin_transaction(&self) -> Result<DatabaseTransaction> {
        if self.db.get_database_backend() != DbBackend::Sqlite {
            return Ok(self.db.begin().await?);
        }
        let options = TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            isolation_level: None,
            access_mode: None,
        };
        let mut attempt = 1;
        loop {
            match self.db.begin_with_options(options).await {
                Ok(txn) => return Ok(txn),
                Err(err) if crate::error::is_busy(&err) && attempt < BEGIN_ATTEMPTS => {
                    tracing::debug!(%err, attempt, "the SQLite write lock is busy; trying again");
                    tokio::time::sleep(std::time::Duration::from_millis(50 * attempt)).await;
                    attempt += 1;
                }
                Err(err) => return Err(err.into()),
            }
        }
    }
}

/// How many times a change tries to take SQLite's write lock.
const BEGIN_ATTEMPTS: u64 = 3;

/// One mutation's transaction and the revisions it has written.
pub struct Change {
    txn: DatabaseTransaction,
    _guard: OwnedMutexGuard<()>,
    hub: ChangeHub,
    commits: Arc<AtomicU64>,
    id: i64,
    actor: String,
    at: String,
    revisions: Vec<revision::Model>,
}

impl Change {
    /// The transaction, for reads that must see the change's own writes.
    pub fn db(&self) -> &DatabaseTransaction {
        &self.txn
    }

    /// Inserts a new record of `kind` from its row (a JSON object without
    /// `id`) and its owned link rows (without the owner column), and returns
    /// its row ID.
    pub async fn create(
        &mut self,
        kind: NodeKind,
        row: Value,
        links: Vec<(&'static str, Vec<Value>)>,
    ) -> Result<i64> {
        let Value::Object(mut row) = row else {
            return Err(Error::Internal("a new row that is not an object".into()));
        };
        row.insert("id".into(), Value::Null);
        row.insert("version".into(), Value::from(1));
        row.insert("retracted".into(), Value::Bool(false));
        row.insert("updated_at".into(), Value::from(self.at.clone()));
        if matches!(kind, NodeKind::Person | NodeKind::Organization) {
            row.insert("merged_into_id".into(), Value::Null);
        }
        let slug = row
            .get("slug")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::Internal("a new row without a slug".into()))?
            .to_string();
        let row = Value::Object(row);
        crate::on_table!(kind.table_name(), insert_row(&self.txn, &row))?;
        let id = store::records::find_ref(&self.txn, kind.table_name(), &slug)
            .await?
            .ok_or_else(|| Error::Internal("a created row is missing".into()))?
            .id;
        for (table, rows) in &links {
            for link in rows {
                let link = owned_by(kind, table, link, id)?;
                crate::on_table!(*table, insert_row(&self.txn, &link))?;
            }
        }
        self.record(kind, id, "create", None).await?;
        Ok(id)
    }

    /// Changes the record of `kind` with row `id`: `edit` gets its document
    /// and changes it; the version is bumped and a revision written.
    pub async fn edit(
        &mut self,
        kind: NodeKind,
        id: i64,
        action: &str,
        edit: impl FnOnce(&mut Value) -> Result<()>,
    ) -> Result<()> {
        let before = documents::load(&self.txn, kind, id)
            .await?
            .ok_or_else(|| Error::Internal(format!("no {} row {id}", kind.table_name())))?;
        let version = documents::row_int(&before, "version")?;
        let mut after = before.clone();
        edit(&mut after)?;
        let row = &mut after["row"];
        row["version"] = Value::from(version + 1);
        row["updated_at"] = Value::from(self.at.clone());
        documents::write(&self.txn, kind, &after).await?;
        self.record(kind, id, action, Some(before)).await
    }

    /// Updates the record of `kind` with row `id`: the columns of `fields`
    /// over its row, and each link table given replaced by its new rows.
    pub async fn update(
        &mut self,
        kind: NodeKind,
        id: i64,
        fields: Value,
        links: Vec<(&'static str, Vec<Value>)>,
    ) -> Result<()> {
        self.edit(kind, id, "update", |document| {
            for (table, rows) in links {
                replace_links(kind, document, table, rows)?;
            }
            if let Value::Object(fields) = fields {
                for (column, value) in fields {
                    document["row"][column] = value;
                }
            }
            Ok(())
        })
        .await
    }

    /// Writes the revision of a record the change has just written.
    async fn record(
        &mut self,
        kind: NodeKind,
        id: i64,
        action: &str,
        before: Option<Value>,
    ) -> Result<()> {
        let after = documents::load(&self.txn, kind, id)
            .await?
            .ok_or_else(|| Error::Internal("a written row is missing".into()))?;
        let revision = revision::ActiveModel {
            change_id: Set(self.id),
            node_type: Set(kind.type_name().to_string()),
            node_id: Set(id),
            node_slug: Set(documents::row_text(&after, "slug")?.to_string()),
            action: Set(action.to_string()),
            actor: Set(self.actor.clone()),
            at: Set(self.at.clone()),
            version: Set(version(&after)?),
            before: Set(before.map(|b| b.to_string())),
            after: Set(Some(after.to_string())),
            ..Default::default()
        };
        let revision = store::history::insert_revision(&self.txn, revision).await?;
        self.revisions.push(revision);
        Ok(())
    }

    /// Brings derived data in the database (the place closure, speaker
    /// roles) up to date, commits, and tells subscribers (the search index
    /// follows the revisions). Returns the change's revisions.
    pub async fn commit(self) -> Result<Vec<revision::Model>> {
        let mut touched: BTreeMap<NodeKind, BTreeSet<i64>> = BTreeMap::new();
        for revision in &self.revisions {
            if let Some(kind) = NodeKind::from_type_name(&revision.node_type) {
                touched.entry(kind).or_default().insert(revision.node_id);
            }
        }
        if touched.contains_key(&NodeKind::Place) {
            store::places::rebuild_closure(&self.txn).await?;
        }
        let touched = store::speaker_roles::Touched(touched);
        store::speaker_roles::refresh(&self.txn, &touched).await?;
        if self.txn.get_database_backend() == DbBackend::Postgres {
            let sql = format!(
                "SELECT pg_notify('{}', '{}')",
                crate::changes::CHANNEL,
                self.id
            );
            self.txn
                .execute_raw(Statement::from_string(DbBackend::Postgres, sql))
                .await?;
        }
        let Change {
            txn,
            hub,
            commits,
            revisions,
            ..
        } = self;
        txn.commit().await?;
        commits.fetch_add(1, Ordering::SeqCst);
        hub.publish_local(&revisions);
        Ok(revisions)
    }
}

/// A document's version, as the revision keeps it.
fn version(document: &Value) -> Result<i32> {
    let version = documents::row_int(document, "version")?;
    i32::try_from(version).map_err(|_| Error::Internal(format!("version {version} out of range")))
}

/// A link row with its owner column set to `owner`.
fn owned_by(kind: NodeKind, table: &str, link: &Value, owner: i64) -> Result<Value> {
    let column = documents::owned_links(kind)
        .iter()
        .find(|(t, _)| *t == table)
        .map(|(_, c)| *c)
        .ok_or_else(|| Error::Internal(format!("{table} is not owned by {kind:?}")))?;
    let mut link = link.clone();
    link[column] = Value::from(owner);
    Ok(link)
}

/// Replaces the document's link rows of `table` with `rows`, each owned by the document's record.
fn replace_links(
    kind: NodeKind,
    document: &mut Value,
    table: &'static str,
    rows: Vec<Value>,
) -> Result<()> {
    let owner = documents::row_int(document, "id")?;
    let rows = rows
        .iter()
        .map(|row| owned_by(kind, table, row, owner))
        .collect::<Result<Vec<_>>>()?;
    document["links"][table] = Value::Array(rows);
    Ok(())
}
