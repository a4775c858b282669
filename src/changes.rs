//! Telling subscribers about changes, across server processes.
//!
//! Every committed change reaches the [`ChangeHub`] of every server. On
//! SQLite there is one process, and the writer publishes after it commits.
//! On PostgreSQL the writer's transaction sends `NOTIFY quipu_changes` with
//! the change's ID (delivered only if it commits), and each server's
//! listener reads that change's revisions and publishes them, its own
//! included, so several servers behind a load balancer all hear every change.
//!
//! Key revocations travel the same way, so that every server closes the
//! revoked key's open WebSockets: `NOTIFY quipu_keys` with the key's hash on
//! PostgreSQL, and on SQLite (where a revocation comes from another process,
//! `quipu keys revoke`) a look at the revoked keys every
//! [`REVOCATION_POLL`].

use std::time::Duration;

use std::collections::HashSet;

use entity::revision;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use tokio::sync::broadcast;

use crate::error::Result as QResult;
use crate::store;

/// The PostgreSQL channel changes are announced on.
pub const CHANNEL: &str = "quipu_changes";

/// The PostgreSQL channel key revocations are announced on (the payload is the key's hash).
pub const KEYS_CHANNEL: &str = "quipu_keys";

/// How often a SQLite server looks for keys revoked by another process.
pub const REVOCATION_POLL: Duration = Duration::from_secs(2);

/// How many revisions a slow subscriber may fall behind before it misses some.
const BACKLOG: usize = 1024;

/// Fans committed revisions out to this process's subscribers.
#[derive(Clone)]
pub struct ChangeHub {
    sender: broadcast::Sender<revision::Model>,
    revoked: broadcast::Sender<String>,
    /// Whether writers publish themselves (SQLite) or a listener does (PostgreSQL).
    local: bool,
}

impl ChangeHub {
    /// A hub for `db`; on PostgreSQL it starts the listener task.
    pub fn new(db: &DatabaseConnection) -> Self {
        let (sender, _) = broadcast::channel(BACKLOG);
        let (revoked, _) = broadcast::channel(BACKLOG);
        let local = db.get_database_backend() != DbBackend::Postgres;
        let hub = ChangeHub {
            sender,
            revoked,
            local,
        };
        if local {
            let poll = poll_revocations(db.clone(), hub.revoked.downgrade());
            tokio::spawn(crate::metrics::in_background(poll));
        } else {
            tokio::spawn(crate::metrics::in_background(listen(
                db.clone(),
                hub.clone(),
            )));
        }
        hub
    }

    /// A stream of the hashes of keys revoked from now on.
    pub fn revocations(&self) -> broadcast::Receiver<String> {
        self.revoked.subscribe()
    }

    /// A stream of the revisions committed from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<revision::Model> {
        self.sender.subscribe()
    }

    /// Publishes a change this process committed, unless a listener will.
    pub fn publish_local(&self, revisions: &[revision::Model]) {
        if self.local {
            self.publish(revisions);
        }
    }

    fn publish(&self, revisions: &[revision::Model]) {
        for revision in revisions {
            // No subscriber is not an error: nobody is listening right now.
            let _ = self.sender.send(revision.clone());
        }
    }
}

/// Listens for changes on PostgreSQL for as long as the process lives,
/// reconnecting after a failure.
async fn listen(db: DatabaseConnection, hub: ChangeHub) {
    loop {
        if let Err(err) = listen_once(&db, &hub).await {
            tracing::warn!(error = %err, "change listener stopped; reconnecting");
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

/// One listening session: every notification names a change to publish.
async fn listen_once(db: &DatabaseConnection, hub: &ChangeHub) -> Result<(), String> {
    let pool = db.get_postgres_connection_pool();
    let mut listener = sqlx::postgres::PgListener::connect_with(pool)
        .await
        .map_err(|e| e.to_string())?;
    listener
        .listen_all([CHANNEL, KEYS_CHANNEL])
        .await
        .map_err(|e| e.to_string())?;
    loop {
        let notification = listener.recv().await.map_err(|e| e.to_string())?;
        if notification.channel() == KEYS_CHANNEL {
            let _ = hub.revoked.send(notification.payload().to_string());
            continue;
        }
        let Ok(change_id) = notification.payload().parse::<i64>() else {
            continue;
        };
        match store::history::find_change(db, change_id).await {
            Ok(revisions) => hub.publish(&revisions),
            Err(err) => tracing::warn!(?err, change_id, "could not read a notified change"),
        }
    }
}

/// Tells every server that the key with this hash is revoked: `NOTIFY` on
/// PostgreSQL; on SQLite the servers' polling finds it.
pub async fn announce_revocation(db: &impl ConnectionTrait, hash: &str) -> QResult<()> {
    if db.get_database_backend() == DbBackend::Postgres {
        let sql = "SELECT pg_notify($1, $2)";
        let values = [KEYS_CHANNEL.into(), hash.into()];
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            sql,
            values,
        ))
        .await?;
    }
    Ok(())
}

/// Publishes keys revoked since the server started, for as long as its hub lives (SQLite).
async fn poll_revocations(db: DatabaseConnection, revoked: broadcast::WeakSender<String>) {
    let mut known: Option<HashSet<String>> = None;
    while let Some(sender) = revoked.upgrade() {
        match store::keys::find_revoked_hashes(&db).await {
            Ok(hashes) => {
                let hashes: HashSet<String> = hashes.into_iter().collect();
                if let Some(known) = &known {
                    for hash in hashes.difference(known) {
                        let _ = sender.send(hash.clone());
                    }
                }
                known = Some(hashes);
            }
            Err(err) => tracing::warn!(?err, "could not read the revoked keys"),
        }
        drop(sender);
        tokio::time::sleep(REVOCATION_POLL).await;
    }
}
