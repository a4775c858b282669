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

/// A table joined through a foreign key. Join `i` is aliased `j{i}`; its
/// columns follow the base row's in the select list, join by join, and are
/// named `j{i}_{column}`.
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

/// Which of each parent's children a statement returns, by their 1-based
/// position `q_rn` in the relation's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slice {
    /// All of them, without positions.
    All,
    /// Those at positions `start + 1 ..= end`.
    Range {
        /// Positions skipped.
        start: u64,
        /// The last position returned.
        end: u64,
    },
    /// The last `n`.
    Last(u64),
}

impl Slice {
    /// The first position past the slice's start for a parent with `total` children.
    pub fn start(self, total: u64) -> u64 {
        match self {
            Slice::All => 0,
            Slice::Range { start, .. } => start,
            Slice::Last(n) => total.saturating_sub(n),
        }
    }

    /// Whether the 1-based position `rn` of `total` is in the slice.
    pub fn contains(self, rn: u64, total: u64) -> bool {
        match self {
            Slice::All => true,
            Slice::Range { start, end } => rn > start && rn <= end,
            Slice::Last(n) => rn > total.saturating_sub(n),
        }
    }
}

/// The SQL of [`find_children`]: only the static text of the relation, the
/// tables' and columns' names and the slice's bounds are spliced in; the
/// parents' IDs are its one parameter. A slice numbers each parent's
/// children (`q_rn`) and counts them (`q_total`); its first row always
/// comes back, so a parent's count is known when the slice is past its end.
fn children_sql(
    rel: Rel,
    table: &str,
    columns: &[&str],
    joins: &[Join],
    slice: Slice,
    backend: DatabaseBackend,
) -> String {
    let parts = rel.parts();
    let (select, joined) = joined(joins);
    let base: Vec<String> = columns.iter().map(|c| format!("t.{c}")).collect();
    let base = base.join(", ");
    let joins = format!(" JOIN {table} t ON t.id = {}{joined}", parts.child);
    let (parent, order, scope) = (parts.parent, parts.order, parts.scope(&joins, backend));
    let bounds = match slice {
        Slice::All => {
            return format!(
                "SELECT {parent} AS q_parent, {base}{select} {scope} ORDER BY {parent}, {order}"
            )
        }
        Slice::Range { start, end } => format!("q_rn > {start} AND q_rn <= {end}"),
        Slice::Last(n) => format!("q_rn > q_total - {n}"),
    };
    format!(
        "SELECT * FROM (SELECT {parent} AS q_parent, {base}{select}, \
         ROW_NUMBER() OVER (PARTITION BY {parent} ORDER BY {order}) AS q_rn, \
         COUNT(*) OVER (PARTITION BY {parent}) AS q_total {scope}) q \
         WHERE q_rn = 1 OR ({bounds}) ORDER BY q_parent, q_rn"
    )
}

/// Every child of each parent in `rel`, the `columns` of rows of `table`
/// (the table the relation's child IDs point into) with their `joins`, in
/// the relation's order; the parent's ID comes first, as `q_parent` (a
/// place has a `parent_id` of its own), then the columns, then the joins'. The statement runs even for no parents, so what
/// a planned query costs depends on its shape alone.
pub async fn find_children(
    db: &impl ConnectionTrait,
    rel: Rel,
    (table, columns): (&str, &[&str]),
    parents: &[i64],
    joins: &[Join],
    slice: Slice,
) -> Result<Vec<QueryResult>> {
    let backend = db.get_database_backend();
    let sql = children_sql(rel, table, columns, joins, slice, backend);
    let statement = Statement::from_sql_and_values(backend, sql, [id_array(parents)]);
    Ok(db.query_all_raw(statement).await?)
}

/// The rows `joins` reach from the rows of `table` with these IDs (the
/// first column, `q_id`), in one statement.
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
            &["id", "killed"],
            &chain(),
            Slice::All,
            DatabaseBackend::Postgres,
        );
        assert_eq!(
            sql,
            "SELECT r.incident_id AS q_parent, t.id, t.killed, j0.id AS j0_id, j0.title AS j0_title, \
             j0.publisher_id AS j0_publisher_id, j1.id AS j1_id, j1.name AS j1_name \
             FROM casualty_report r JOIN source s ON s.id = r.source_id \
             JOIN casualty_report t ON t.id = r.id \
             LEFT JOIN source j0 ON j0.id = t.source_id \
             LEFT JOIN organization j1 ON j1.id = j0.publisher_id \
             WHERE r.incident_id IN (SELECT (jsonb_array_elements_text($1::jsonb))::bigint) \
             AND r.retracted = FALSE ORDER BY r.incident_id, s.published_at ASC NULLS LAST, r.id ASC"
        );
        let sqlite = children_sql(
            Rel::PlaceAncestors,
            "place",
            &["id", "name"],
            &[],
            Slice::All,
            DatabaseBackend::Sqlite,
        );
        assert_eq!(
            sqlite,
            "SELECT c.descendant_id AS q_parent, t.id, t.name FROM place_closure c \
             JOIN place t ON t.id = c.ancestor_id \
             WHERE c.descendant_id IN (SELECT value FROM json_each($1)) \
             AND c.depth > 0 ORDER BY c.descendant_id, c.depth ASC"
        );
    }

    #[test]
    fn a_slice_numbers_and_counts_each_parents_children() {
        let sql = children_sql(
            Rel::PersonStatements,
            "statement",
            &["id"],
            &[],
            Slice::Last(3),
            DatabaseBackend::Sqlite,
        );
        assert_eq!(
            sql,
            "SELECT * FROM (SELECT s.speaker_person_id AS q_parent, t.id, \
             ROW_NUMBER() OVER (PARTITION BY s.speaker_person_id ORDER BY s.date ASC NULLS LAST, s.id ASC) AS q_rn, \
             COUNT(*) OVER (PARTITION BY s.speaker_person_id) AS q_total \
             FROM statement s JOIN statement t ON t.id = s.id \
             WHERE s.speaker_person_id IN (SELECT value FROM json_each($1)) AND s.retracted = FALSE) q \
             WHERE q_rn = 1 OR (q_rn > q_total - 3) ORDER BY q_parent, q_rn"
        );
        let range = Slice::Range { start: 2, end: 5 };
        assert!(!range.contains(2, 9) && range.contains(3, 9) && range.contains(5, 9));
        assert!(!range.contains(6, 9));
        assert_eq!((Slice::Last(3).start(2), Slice::Last(3).start(10)), (0, 7));
        assert!(Slice::Last(3).contains(8, 10) && !Slice::Last(3).contains(7, 10));
    }
}
