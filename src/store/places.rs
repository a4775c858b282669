//! The place hierarchy. `place_closure` holds one row per (ancestor,
//! descendant) pair, the place itself included at depth 0, so "within Puno"
//! is one indexed lookup however deep the tree is.

use sea_orm::{ConnectionTrait, Statement};

use crate::error::Result;

/// Rebuilds the closure rows of every place from `place.parent_id`.
///
/// One recursive statement, run inside the importer's transaction; it works
/// the same on SQLite and PostgreSQL.
pub async fn rebuild_closure(db: &impl ConnectionTrait) -> Result<()> {
    let backend = db.get_database_backend();
    db.execute_raw(Statement::from_string(backend, "DELETE FROM place_closure"))
        .await?;
    let sql = "WITH RECURSIVE chain(ancestor_id, descendant_id, depth) AS ( \
            SELECT id, id, 0 FROM place \
            UNION ALL \
            SELECT p.parent_id, chain.descendant_id, chain.depth + 1 \
            FROM chain JOIN place p ON p.id = chain.ancestor_id \
            WHERE p.parent_id IS NOT NULL AND chain.depth < 32 \
        ) INSERT INTO place_closure (ancestor_id, descendant_id, depth) \
        SELECT ancestor_id, descendant_id, depth FROM chain";
    db.execute_raw(Statement::from_string(backend, sql)).await?;
    Ok(())
}
