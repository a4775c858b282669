//! Commits made through this process, counted per database.
//!
//! A search must see whatever this process committed before it began: a
//! mutation answered, then a search in the next request; a dataset loaded,
//! then searched. Asking the database for its marks before every search
//! would say so, at the price of a round trip per search (on PostgreSQL,
//! a sixth of a search's statements and a share of its time under load).
//! Instead every commit through this process counts here, and the index
//! asks the database only when the count moved since it last looked.
//! Commits by other processes reach it through its follower: on PostgreSQL
//! the `NOTIFY` every change sends, and everywhere a look every half second.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use sea_orm::{DatabaseConnection, DbBackend};

/// Commits so far, by database.
static COMMITS: LazyLock<Mutex<HashMap<String, Arc<AtomicU64>>>> = LazyLock::new(Mutex::default);

/// The count of commits this process made to `db`'s database (shared by
/// every pool on the same database).
pub fn commits(db: &DatabaseConnection) -> Arc<AtomicU64> {
    let mut counts = COMMITS.lock().unwrap_or_else(PoisonError::into_inner);
    counts.entry(identity(db)).or_default().clone()
}

/// Counts a commit that changed records of `db` (revisions or a bulk load);
/// call it after the transaction commits.
pub fn committed(db: &DatabaseConnection) {
    commits(db).fetch_add(1, Ordering::SeqCst);
}

/// What names the database `db` reaches, whichever pool reaches it. An
/// in-memory SQLite database has no name: all share one count, which only
/// costs them extra looks.
fn identity(db: &DatabaseConnection) -> String {
    match db.get_database_backend() {
        DbBackend::Postgres => {
            let options = db.get_postgres_connection_pool().connect_options();
            format!(
                "postgres://{}:{}/{}",
                options.get_host(),
                options.get_port(),
                options.get_database().unwrap_or_default()
            )
        }
        DbBackend::Sqlite => {
            let options = db.get_sqlite_connection_pool().connect_options();
            format!("sqlite:{}", options.get_filename().display())
        }
        _ => String::new(),
    }
}
