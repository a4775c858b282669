//! A relation's child rows, or a page's rows, with the rows their foreign
//! keys point to, for many parents in one SQL statement: the relation of
//! [`relations`](super::relations) joined to the child table, and the
//! to-one targets below it `LEFT JOIN`ed, so a planned read pays one
//! statement per to-many level where the loader paid two for the level and
//! one more for each record it points to.

use sea_orm::{ConnectionTrait, DatabaseBackend, QueryResult, Statement};

use super::relations::{id_array, id_set};
use super::Rel;
use crate::error::Result;

/// A table joined through a foreign key. Join `i` is aliased `j{i}` and its
/// columns are read back as `j{i}_{column}`.
#[derive(Debug, Clone)]
pub struct Join {
    /// The joined table.
    pub table: &'static str,
    /// Its columns.
    pub columns: Vec<&'static str>,
    /// The join whose row holds the key (`None`: the base row).
    pub parent: Option<usize>,
    /// The key column on that row.
    pub key: &'static str,
}

/// The select list and `LEFT JOIN` clauses of `joins`, over the base alias `t`.
fn joined(joins: &[Join]) -> (String, String) {
    let mut select = String::new();
    let mut from = String::new();
    for (i, join) in joins.iter().enumerate() {
        for column in &join.columns {
            select.push_str(&format!(", j{i}.{column} AS j{i}_{column}"));
        }
        let parent = join.parent.map_or("t".to_string(), |p| format!("j{p}"));
        from.push_str(&format!(
            " LEFT JOIN {table} j{i} ON j{i}.id = {parent}.{key}",
            table = join.table,
            key = join.key,
        ));
    }
    (select, from)
}

/// The SQL of [`find_children`]: only the static text of the relation and
/// the tables' and columns' names are spliced in; the parents' IDs are its
/// one parameter.
fn children_sql(rel: Rel, table: &str, joins: &[Join], backend: DatabaseBackend) -> String {
    let parts = rel.parts();
    let (select, joined) = joined(joins);
    let joins = format!(" JOIN {table} t ON t.id = {}{joined}", parts.child);
    format!(
        "SELECT {parent} AS q_parent, t.*{select} {scope} ORDER BY {parent}, {order}",
        parent = parts.parent,
        order = parts.order,
        scope = parts.scope(&joins, backend),
    )
}

/// Every child of each parent in `rel`, rows of `table` (the table the
/// relation's child IDs point into) with their `joins`, in the relation's
/// order; the parent's ID is read back as `q_parent` (a place has a
/// `parent_id` of its own). The statement runs even for no parents, so what
/// a planned query costs depends on its shape alone.
pub async fn find_children(
    db: &impl ConnectionTrait,
    rel: Rel,
    table: &str,
    parents: &[i64],
    joins: &[Join],
) -> Result<Vec<QueryResult>> {
    let backend = db.get_database_backend();
    let sql = children_sql(rel, table, joins, backend);
    let statement = Statement::from_sql_and_values(backend, sql, [id_array(parents)]);
    Ok(db.query_all_raw(statement).await?)
}

/// The rows `joins` reach from the rows of `table` with these IDs (read back
/// as `q_id`), in one statement.
pub async fn find_joined(
    db: &impl ConnectionTrait,
    table: &str,
    ids: &[i64],
    joins: &[Join],
) -> Result<Vec<QueryResult>> {
    let backend = db.get_database_backend();
    let (select, joined) = joined(joins);
    let sql = format!(
        "SELECT t.id AS q_id{select} FROM {table} t{joined} WHERE t.id IN ({ids})",
        ids = id_set(backend),
    );
    let statement = Statement::from_sql_and_values(backend, sql, [id_array(ids)]);
    Ok(db.query_all_raw(statement).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A report's source and the source's publisher, joined down the chain.
    fn chain() -> Vec<Join> {
        vec![
            Join {
                table: "source",
                columns: vec!["id", "title", "publisher_id"],
                parent: None,
                key: "source_id",
            },
            Join {
                table: "organization",
                columns: vec!["id", "name"],
                parent: Some(0),
                key: "publisher_id",
            },
        ]
    }

    #[test]
    fn a_relation_reads_its_rows_and_their_to_one_chain_in_one_statement() {
        let sql = children_sql(
            Rel::IncidentCasualtyReports,
            "casualty_report",
            &chain(),
            DatabaseBackend::Postgres,
        );
        assert_eq!(
            sql,
            "SELECT r.incident_id AS q_parent, t.*, j0.id AS j0_id, j0.title AS j0_title, \
             j0.publisher_id AS j0_publisher_id, j1.id AS j1_id, j1.name AS j1_name \
             FROM casualty_report r JOIN source s ON s.id = r.source_id \
             JOIN casualty_report t ON t.id = r.id \
             LEFT JOIN source j0 ON j0.id = t.source_id \
             LEFT JOIN organization j1 ON j1.id = j0.publisher_id \
             WHERE r.incident_id IN (SELECT (jsonb_array_elements_text($1::jsonb))::bigint) \
             AND r.retracted = FALSE ORDER BY r.incident_id, s.published_at ASC NULLS LAST, r.id ASC"
        );
        let sqlite = children_sql(Rel::PlaceAncestors, "place", &[], DatabaseBackend::Sqlite);
        assert_eq!(
            sqlite,
            "SELECT c.descendant_id AS q_parent, t.* FROM place_closure c \
             JOIN place t ON t.id = c.ancestor_id \
             WHERE c.descendant_id IN (SELECT value FROM json_each($1)) \
             AND c.depth > 0 ORDER BY c.descendant_id, c.depth ASC"
        );
    }
}
