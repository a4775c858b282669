//! A relation's children with their rows, for many parents, in one SQL
//! statement: the ranked relation of [`relations`](super::relations) joined
//! to the child table, so a planned read pays one statement per to-many
//! level where the loader paid two (the page, then the records).

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, FromQueryResult, Statement};

use super::relations::ranked_sql;
use super::{Record, Rel};
use crate::error::Result;

/// Every child of each parent in `rel`, as rows of `E`, in the relation's
/// order (parents without children are absent). `E` must be the table the
/// relation's child IDs point into. The statement runs even for no parents,
/// so what a planned query costs depends on its shape alone.
pub async fn find_children<E: Record>(
    db: &impl ConnectionTrait,
    rel: Rel,
    parents: &[i64],
) -> Result<HashMap<i64, Vec<E::Model>>> {
    let mut children: HashMap<i64, Vec<E::Model>> = HashMap::new();
    let table = E::default().table_name().to_string();
    // `q_parent` cannot collide with a child column (a place has a `parent_id`).
    let sql = format!(
        "SELECT ranked.parent_id AS q_parent, t.* FROM ({ranked}) ranked \
         JOIN {table} t ON t.id = ranked.child_id ORDER BY ranked.parent_id, ranked.rn",
        ranked = ranked_sql(rel, parents),
    );
    let statement = Statement::from_string(db.get_database_backend(), sql);
    for row in db.query_all_raw(statement).await? {
        let parent: i64 = row.try_get("", "q_parent")?;
        let child = E::Model::from_query_result(&row, "")?;
        children.entry(parent).or_default().push(child);
    }
    Ok(children)
}
