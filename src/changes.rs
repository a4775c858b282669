//! Telling subscribers about changes, across server processes.
//!
//! Every committed change reaches the [`ChangeHub`] of every server. On
//! SQLite there is one process, and the writer publishes after it commits.
//! On PostgreSQL the writer's transaction sends `NOTIFY quipu_changes` with
//! the change's ID (delivered only if it commits), and each server's
//! listener reads that change's revisions and publishes them, its own
//! included, so several servers behind a load balancer all hear every change.

use std::time::Duration;

use entity::revision;
use sea_orm::{DatabaseConnection, DbBackend};
use tokio::sync::broadcast;

use crate::store;

/// The PostgreSQL channel changes are announced on.
pub const CHANNEL: &str = "quipu_changes";

/// How many revisions a slow subscriber may fall behind before it misses some.
const BACKLOG: usize = 1024;

/// Fans committed revisions out to this process's subscribers.
#[derive(Clone)]
pub struct ChangeHub {
    sender: broadcast::Sender<revision::Model>,
    /// Whether writers publish themselves (SQLite) or a listener does (PostgreSQL).
    local: bool,
}

impl ChangeHub {
    /// A hub for `db`; on PostgreSQL it starts the listener task.
    pub fn new(db: &DatabaseConnection) -> Self {
        let (sender, _) = broadcast::channel(BACKLOG);
        let local = db.get_database_backend() != DbBackend::Postgres;
        let hub = ChangeHub { sender, local };
        if !local {
            tokio::spawn(listen(db.clone(), hub.clone()));
        }
        hub
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
    listener.listen(CHANNEL).await.map_err(|e| e.to_string())?;
    loop {
        let notification = listener.recv().await.map_err(|e| e.to_string())?;
        let Ok(change_id) = notification.payload().parse::<i64>() else {
            continue;
        };
        match store::history::find_change(db, change_id).await {
            Ok(revisions) => hub.publish(&revisions),
            Err(err) => tracing::warn!(?err, change_id, "could not read a notified change"),
        }
    }
}
