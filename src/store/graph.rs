//! The graph view of the tables: typed edges between records, loaded for a
//! whole frontier of nodes at once (one statement per edge table and
//! direction, however many nodes), for `neighbors` and `paths`.

use std::collections::BTreeSet;

use sea_orm::{ConnectionTrait, Statement};

use crate::domain::NodeKind;
use crate::error::Result;

pub use crate::domain::kinds::EdgeKind;

/// A node of the graph: a record's kind and ID.
pub type NodeRef = (NodeKind, i64);

/// An edge found: kind, from, to.
pub type EdgeRow = (EdgeKind, NodeRef, NodeRef);

/// Where one kind of edge is stored.
struct EdgeTable {
    kind: EdgeKind,
    table: &'static str,
    from: (NodeKind, &'static str),
    to: (NodeKind, &'static str),
}

use NodeKind::{Incident, Organization, Person, Place, Source, Statement as Said};

const fn edge(
    kind: EdgeKind,
    table: &'static str,
    from: (NodeKind, &'static str),
    to: (NodeKind, &'static str),
) -> EdgeTable {
    EdgeTable {
        kind,
        table,
        from,
        to,
    }
}

const EDGES: &[EdgeTable] = &[
    edge(
        EdgeKind::Spoke,
        "statement",
        (Person, "speaker_person_id"),
        (Said, "id"),
    ),
    edge(
        EdgeKind::Spoke,
        "statement",
        (Organization, "speaker_organization_id"),
        (Said, "id"),
    ),
    edge(
        EdgeKind::About,
        "statement_incident",
        (Said, "statement_id"),
        (Incident, "incident_id"),
    ),
    edge(
        EdgeKind::Mentions,
        "statement_mention",
        (Said, "statement_id"),
        (Person, "person_id"),
    ),
    edge(
        EdgeKind::Mentions,
        "statement_mention",
        (Said, "statement_id"),
        (Organization, "organization_id"),
    ),
    edge(
        EdgeKind::ReportedBy,
        "statement",
        (Said, "id"),
        (Source, "source_id"),
    ),
    edge(
        EdgeKind::OriginalSource,
        "statement",
        (Said, "id"),
        (Source, "original_source_id"),
    ),
    edge(
        EdgeKind::Cites,
        "source_citation",
        (Source, "source_id"),
        (Source, "cited_source_id"),
    ),
    edge(
        EdgeKind::MemberOf,
        "position",
        (Person, "person_id"),
        (Organization, "organization_id"),
    ),
    edge(
        EdgeKind::LocatedIn,
        "incident",
        (Incident, "id"),
        (Place, "place_id"),
    ),
    edge(
        EdgeKind::LocatedIn,
        "place",
        (Place, "id"),
        (Place, "parent_id"),
    ),
    edge(
        EdgeKind::InvolvedIn,
        "involvement",
        (Organization, "organization_id"),
        (Incident, "incident_id"),
    ),
    edge(
        EdgeKind::InvolvedIn,
        "participant",
        (Person, "person_id"),
        (Incident, "incident_id"),
    ),
    edge(
        EdgeKind::LocatedIn,
        "incident_place",
        (Incident, "incident_id"),
        (Place, "place_id"),
    ),
    edge(
        EdgeKind::About,
        "statement_place",
        (Said, "statement_id"),
        (Place, "place_id"),
    ),
    edge(
        EdgeKind::Authored,
        "source_author",
        (Person, "person_id"),
        (Source, "source_id"),
    ),
    edge(
        EdgeKind::Published,
        "source",
        (Organization, "publisher_id"),
        (Source, "id"),
    ),
];

/// The most edge rows one expansion reads, to keep a hub from flooding memory.
pub const MAX_EDGE_ROWS: usize = 20_000;

/// Every edge of the allowed kinds that touches one of `nodes`, in either direction.
pub async fn edges_of(
    db: &impl ConnectionTrait,
    nodes: &BTreeSet<NodeRef>,
    allowed: &[EdgeKind],
) -> Result<Vec<EdgeRow>> {
    let mut rows = Vec::new();
    for table in EDGES.iter().filter(|t| allowed.contains(&t.kind)) {
        for (side, column, kind) in [(0, table.from.1, table.from.0), (1, table.to.1, table.to.0)] {
            let ids: Vec<String> = nodes
                .iter()
                .filter(|(k, _)| *k == kind)
                .map(|(_, id)| id.to_string())
                .collect();
            if ids.is_empty() || rows.len() >= MAX_EDGE_ROWS {
                continue;
            }
            let other = if side == 0 { table.to.1 } else { table.from.1 };
            let live = if crate::domain::NodeKind::from_table(table.table).is_some() {
                " AND retracted = FALSE"
            } else {
                ""
            };
            // Only integers we hold and the static names above are spliced in.
            let sql = format!(
                "SELECT {from}, {to} FROM {t} WHERE {column} IN ({ids}) AND {other} IS NOT NULL{live} ORDER BY {from}, {to} LIMIT {limit}",
                from = table.from.1,
                to = table.to.1,
                t = table.table,
                ids = ids.join(","),
                limit = MAX_EDGE_ROWS - rows.len(),
            );
            for row in db
                .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
                .await?
            {
                let (a, b): (i64, i64) = (row.try_get_by_index(0)?, row.try_get_by_index(1)?);
                rows.push((table.kind, (table.from.0, a), (table.to.0, b)));
            }
        }
    }
    rows.sort();
    rows.dedup();
    let hidden = retracted(db, &rows).await?;
    rows.retain(|(_, a, b)| !hidden.contains(a) && !hidden.contains(b));
    Ok(rows)
}

/// The retracted records among the ends of `rows`, which edges must not lead to.
async fn retracted(db: &impl ConnectionTrait, rows: &[EdgeRow]) -> Result<BTreeSet<NodeRef>> {
    let ends: BTreeSet<NodeRef> = rows.iter().flat_map(|(_, a, b)| [*a, *b]).collect();
    let mut hidden = BTreeSet::new();
    for kind in NodeKind::ALL {
        let ids: Vec<String> = ends
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, id)| id.to_string())
            .collect();
        if ids.is_empty() {
            continue;
        }
        let sql = format!(
            "SELECT id FROM {} WHERE id IN ({}) AND retracted = TRUE",
            kind.table_name(),
            ids.join(",")
        );
        for row in db
            .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
            .await?
        {
            hidden.insert((kind, row.try_get_by_index(0)?));
        }
    }
    Ok(hidden)
}
