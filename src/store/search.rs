//! What the search index reads from the database: records' searchable text,
//! the records revisions touched, and the marks that say how far the index
//! is behind (the last revision, and the last bulk load).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use entity::*;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Statement,
};

use crate::domain::NodeKind;
use crate::error::Result;
use crate::search::{Doc, Marks};

/// Which records to read.
#[derive(Clone, Copy)]
pub enum Rows<'a> {
    /// These IDs.
    Ids(&'a [i64]),
    /// The next `limit` by ID after this one.
    After(i64, u64),
}

/// The live (not retracted, not merged) records of one table that `rows` selects.
macro_rules! live {
    ($db:expr, $entity:ident, $rows:expr) => {{
        let query = $entity::Entity::find().filter($entity::Column::Retracted.eq(false));
        match $rows {
            Rows::Ids(ids) => query.filter($entity::Column::Id.is_in(ids.iter().copied())),
            Rows::After(after, limit) => query
                .filter($entity::Column::Id.gt(after))
                .order_by_asc($entity::Column::Id)
                .limit(limit),
        }
        .all($db)
        .await?
    }};
}

/// The searchable text of the live records of `kind` that `rows` selects,
/// by ID; retracted and merged records have none.
pub async fn documents(
    db: &impl ConnectionTrait,
    kind: NodeKind,
    rows: Rows<'_>,
) -> Result<Vec<Doc>> {
    // Each arm: the table, then a row's title and body.
    macro_rules! docs {
        ($entity:ident, |$r:ident| $title:expr, $body:expr) => {
            live!(db, $entity, rows)
                .into_iter()
                .map(|$r| Doc {
                    kind,
                    id: $r.id,
                    title: $title,
                    aliases: String::new(),
                    body: $body,
                })
                .collect()
        };
    }
    let mut docs: Vec<Doc> = match kind {
        NodeKind::Person => docs!(person, |r| r.name, r.description.unwrap_or_default()),
        NodeKind::Organization => {
            docs!(organization, |r| r.name, r.description.unwrap_or_default())
        }
        NodeKind::Place => docs!(place, |r| r.name, String::new()),
        NodeKind::Incident => docs!(incident, |r| r.title, r.summary),
        NodeKind::Statement => docs!(statement, |r| String::new(), r.text),
        NodeKind::Source => docs!(source, |r| r.title, String::new()),
        NodeKind::Position | NodeKind::CasualtyReport => Vec::new(),
    };
    let column = match kind {
        NodeKind::Person => alias::Column::PersonId,
        NodeKind::Organization => alias::Column::OrganizationId,
        NodeKind::Place => alias::Column::PlaceId,
        _ => return Ok(docs),
    };
    let ids: Vec<i64> = docs.iter().map(|d| d.id).collect();
    let names = aliases(db, column, &ids).await?;
    for doc in &mut docs {
        if let Some(names) = names.get(&doc.id) {
            doc.aliases = names.join(" | ");
        }
    }
    Ok(docs)
}

/// Alias names by owner.
async fn aliases(
    db: &impl ConnectionTrait,
    column: alias::Column,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<String>>> {
    let mut names: HashMap<i64, Vec<String>> = HashMap::new();
    for chunk in ids.chunks(1000) {
        let rows = alias::Entity::find()
            .filter(column.is_in(chunk.iter().copied()))
            .order_by_asc(alias::Column::Id)
            .all(db)
            .await?;
        for row in rows {
            let owner = row.person_id.or(row.organization_id).or(row.place_id);
            if let Some(owner) = owner {
                names.entry(owner).or_default().push(row.name);
            }
        }
    }
    Ok(names)
}

/// The records that the revisions after `after`, up to `upto`, touched, by kind.
pub async fn touched(
    db: &impl ConnectionTrait,
    after: i64,
    upto: i64,
) -> Result<BTreeMap<NodeKind, BTreeSet<i64>>> {
    let rows: Vec<(String, i64)> = revision::Entity::find()
        .select_only()
        .column(revision::Column::NodeType)
        .column(revision::Column::NodeId)
        .filter(revision::Column::Id.gt(after))
        .filter(revision::Column::Id.lte(upto))
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    let mut touched: BTreeMap<NodeKind, BTreeSet<i64>> = BTreeMap::new();
    for (node_type, id) in rows {
        if let Some(kind) = NodeKind::from_type_name(&node_type) {
            touched.entry(kind).or_default().insert(id);
        }
    }
    Ok(touched)
}

/// Where the database stands: its last revision and its last bulk load.
pub async fn marks(db: &impl ConnectionTrait) -> Result<Marks> {
    let sql = "SELECT (SELECT MAX(id) FROM revision), \
        (SELECT id || ':' || token FROM bulk_load ORDER BY id DESC LIMIT 1)";
    let backend = db.get_database_backend();
    let row = db
        .query_one_raw(Statement::from_string(backend, sql))
        .await?;
    let (revision, load) = match row {
        Some(row) => (
            row.try_get_by_index::<Option<i64>>(0)?,
            row.try_get_by_index::<Option<String>>(1)?,
        ),
        None => (None, None),
    };
    Ok(Marks {
        revision: revision.unwrap_or(0),
        load: load.unwrap_or_default(),
    })
}

/// Records that records were written without revisions (`what` says how:
/// the dataset import, a generated graph, an export's import), so that the
/// search index rebuilds instead of following the revision feed.
pub async fn record_bulk_load(db: &impl ConnectionTrait, what: &str) -> Result<()> {
    let backend = db.get_database_backend();
    let token = match backend {
        DbBackend::Postgres => "md5(random()::text || clock_timestamp()::text)",
        _ => "lower(hex(randomblob(16)))",
    };
    let sql = format!("INSERT INTO bulk_load (what, token) VALUES ($1, {token})");
    let sql = match backend {
        DbBackend::Postgres => sql,
        _ => sql.replace("$1", "?"),
    };
    db.execute_raw(Statement::from_sql_and_values(backend, sql, [what.into()]))
        .await?;
    Ok(())
}
