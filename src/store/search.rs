//! The search index: writing `search_document` rows, and asking the
//! database's full-text index for candidates.

use std::collections::{BTreeSet, HashMap};

use entity::*;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QuerySelect, Statement,
};

use super::records::find_by_ids;
use crate::domain::slug::fold_words;
use crate::error::Result;
use crate::search::SearchQuery;

/// The most candidates one search takes from the index before ranking.
pub const MAX_CANDIDATES: u64 = 1000;

/// The kinds of searchable record, as stored in `search_document.entity_kind`.
pub const KINDS: [&str; 6] = [
    "person",
    "organization",
    "place",
    "incident",
    "statement",
    "source",
];

/// A record's display text: (id, title, aliases, body).
type Doc = (i64, String, String, String);

/// Alias names by owner, joined with ` | `.
async fn aliases(
    db: &impl ConnectionTrait,
    column: alias::Column,
    ids: &[i64],
) -> Result<HashMap<i64, String>> {
    let rows = alias::Entity::find()
        .filter(column.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    let mut names: HashMap<i64, Vec<String>> = HashMap::new();
    for row in rows {
        let owner = row
            .person_id
            .or(row.organization_id)
            .or(row.place_id)
            .unwrap_or_default();
        names.entry(owner).or_default().push(row.name);
    }
    Ok(names
        .into_iter()
        .map(|(id, n)| (id, n.join(" | ")))
        .collect())
}

/// A named record's document: its aliases from `names`.
fn named(names: &HashMap<i64, String>, id: i64, title: String, body: Option<String>) -> Doc {
    (
        id,
        title,
        names.get(&id).cloned().unwrap_or_default(),
        body.unwrap_or_default(),
    )
}

/// The display text of the records of `kind` with these IDs.
async fn documents(db: &impl ConnectionTrait, kind: &str, ids: &[i64]) -> Result<Vec<Doc>> {
    Ok(match kind {
        "person" => {
            let names = aliases(db, alias::Column::PersonId, ids).await?;
            let rows = find_by_ids::<person::Entity>(db, ids).await?;
            rows.into_values()
                .filter(|r| !r.retracted)
                .map(|r| named(&names, r.id, r.name, r.description))
                .collect()
        }
        "organization" => {
            let names = aliases(db, alias::Column::OrganizationId, ids).await?;
            let rows = find_by_ids::<organization::Entity>(db, ids).await?;
            rows.into_values()
                .filter(|r| !r.retracted)
                .map(|r| named(&names, r.id, r.name, r.description))
                .collect()
        }
        "place" => {
            let names = aliases(db, alias::Column::PlaceId, ids).await?;
            let rows = find_by_ids::<place::Entity>(db, ids).await?;
            rows.into_values()
                .filter(|r| !r.retracted)
                .map(|r| named(&names, r.id, r.name, None))
                .collect()
        }
        "incident" => {
            let rows = find_by_ids::<incident::Entity>(db, ids).await?;
            rows.into_values()
                .filter(|r| !r.retracted)
                .map(|r| (r.id, r.title, String::new(), r.summary))
                .collect()
        }
        "statement" => {
            let rows = find_by_ids::<statement::Entity>(db, ids).await?;
            rows.into_values()
                .filter(|r| !r.retracted)
                .map(|r| (r.id, String::new(), String::new(), r.text))
                .collect()
        }
        _ => {
            let rows = find_by_ids::<source::Entity>(db, ids).await?;
            rows.into_values()
                .filter(|r| !r.retracted)
                .map(|r| (r.id, r.title, String::new(), String::new()))
                .collect()
        }
    })
}

/// Rewrites the search documents of the records of `kind` with these IDs,
/// in the caller's transaction; the database's index follows by itself.
pub async fn reindex(db: &impl ConnectionTrait, kind: &'static str, ids: &[i64]) -> Result<()> {
    for chunk in ids.chunks(500) {
        search_document::Entity::delete_many()
            .filter(search_document::Column::EntityKind.eq(kind))
            .filter(search_document::Column::EntityId.is_in(chunk.iter().copied()))
            .exec(db)
            .await?;
    }
    index(db, kind, ids).await
}

/// Writes the search documents of records that have none yet (a bulk load
/// into an empty database), without first deleting: inside the load's
/// transaction PostgreSQL has no statistics for the growing table, plans
/// each delete as a full scan, and a million records take hours.
pub async fn index(db: &impl ConnectionTrait, kind: &'static str, ids: &[i64]) -> Result<()> {
    for chunk in ids.chunks(500) {
        let rows: Vec<search_document::ActiveModel> = documents(db, kind, chunk)
            .await?
            .into_iter()
            .map(|(id, title, aliases, body)| search_document::ActiveModel {
                entity_kind: sea_orm::Set(kind.to_string()),
                entity_id: sea_orm::Set(id),
                folded: sea_orm::Set(fold_words(&format!("{title} {aliases} {body}"))),
                title: sea_orm::Set(title),
                aliases: sea_orm::Set(aliases),
                body: sea_orm::Set(body),
                ..Default::default()
            })
            .collect();
        if !rows.is_empty() {
            search_document::Entity::insert_many(rows)
                .exec_without_returning(db)
                .await?;
        }
    }
    Ok(())
}

/// The `FROM ... WHERE` part matching `query` on this backend, and its one parameter.
fn matching(backend: DbBackend, query: &SearchQuery, kinds: &[&str]) -> (String, String) {
    let kinds: Vec<String> = kinds
        .iter()
        .filter(|k| KINDS.contains(k))
        .map(|k| format!("'{k}'"))
        .collect();
    let only = if kinds.is_empty() {
        String::new()
    } else {
        format!(" AND d.entity_kind IN ({})", kinds.join(","))
    };
    match backend {
        DbBackend::Sqlite => {
            (format!("FROM search_fts JOIN search_document d ON d.id = search_fts.rowid WHERE search_fts MATCH ?{only}"), query.to_fts5())
        }
        _ => (format!("FROM search_document d WHERE d.tsv @@ to_tsquery('simple', $1){only}"), query.to_tsquery()),
    }
}

/// Up to [`MAX_CANDIDATES`] documents matching `query`, best first by the database's own rank.
pub async fn find_candidates(
    db: &impl ConnectionTrait,
    query: &SearchQuery,
    kinds: &[&str],
) -> Result<Vec<search_document::Model>> {
    let backend = db.get_database_backend();
    let (from, parameter) = matching(backend, query, kinds);
    let order = match backend {
        DbBackend::Sqlite => "search_fts.rank",
        _ => "ts_rank(d.tsv, to_tsquery('simple', $1)) DESC",
    };
    let sql = format!(
        "SELECT d.id, d.entity_kind, d.entity_id, d.title, d.aliases, d.body, d.folded {from} ORDER BY {order}, d.id LIMIT {MAX_CANDIDATES}"
    );
    let statement = Statement::from_sql_and_values(backend, sql, [parameter.into()]);
    Ok(search_document::Entity::find()
        .from_raw_sql(statement)
        .all(db)
        .await?)
}

/// How many documents of each kind match `query`.
pub async fn count_by_kind(
    db: &impl ConnectionTrait,
    query: &SearchQuery,
    kinds: &[&str],
) -> Result<Vec<(String, i64)>> {
    let backend = db.get_database_backend();
    let (from, parameter) = matching(backend, query, kinds);
    let sql = format!("SELECT d.entity_kind, COUNT(*) {from} GROUP BY d.entity_kind");
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [parameter.into()],
        ))
        .await?;
    let mut counts = Vec::with_capacity(rows.len());
    for row in rows {
        counts.push((
            row.try_get_by_index::<String>(0)?,
            row.try_get_by_index::<i64>(1)?,
        ));
    }
    Ok(counts)
}

/// The distinct folded words of every name and alias (not of statement texts), for typo correction.
pub async fn name_vocabulary(db: &impl ConnectionTrait) -> Result<Vec<String>> {
    let rows: Vec<(String, String)> = search_document::Entity::find()
        .select_only()
        .column(search_document::Column::Title)
        .column(search_document::Column::Aliases)
        .filter(search_document::Column::EntityKind.ne("statement"))
        .into_tuple()
        .all(db)
        .await?;
    let words: BTreeSet<String> = rows
        .iter()
        .flat_map(|(title, aliases)| {
            fold_words(&format!("{title} {aliases}"))
                .split(' ')
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .filter(|w| w.len() >= 4)
        .collect();
    Ok(words.into_iter().collect())
}
