//! Importing a [`Dataset`]: one transaction, idempotent.
//!
//! Records are matched by slug: a slug already in the database is updated in
//! place (so its ID, which derives from the slug, never changes), a new one
//! is inserted. The links and citations of every imported record are replaced
//! by the dataset's. Any error rolls the whole import back.

use std::collections::HashMap;
use std::fmt;

use entity::*;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QuerySelect, Set, TransactionTrait,
    Value,
};

use super::links::{self, Slugs};
use super::statements;
use super::{Dataset, IngestError};
use crate::store::{self, Record};

/// How many records of each kind an import wrote.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    /// Counts by kind, in import order.
    pub counts: Vec<(&'static str, usize)>,
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .counts
            .iter()
            .map(|(kind, n)| format!("{n} {kind}"))
            .collect();
        f.write_str(&parts.join(", "))
    }
}

/// Whether the database holds no graph yet (no person and no source).
pub async fn is_empty(db: &impl ConnectionTrait) -> Result<bool, IngestError> {
    Ok(
        person::Entity::find().count(db).await? == 0
            && source::Entity::find().count(db).await? == 0,
    )
}

/// The ID of every row of `E` by slug.
pub(super) async fn slug_ids<E: Record<Model: Sync>>(
    db: &impl ConnectionTrait,
) -> Result<HashMap<String, i64>, IngestError> {
    let Some(slug) = E::slug_column() else {
        return Ok(HashMap::new());
    };
    let rows: Vec<(i64, String)> = E::find()
        .select_only()
        .column(E::id_column())
        .column(slug)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, slug)| (slug, id)).collect())
}

/// Inserts `model`, or updates the row that already has `slug`; returns the row's ID.
pub(super) async fn save_record<E, A>(
    db: &impl ConnectionTrait,
    existing: &HashMap<String, i64>,
    slug: &str,
    mut model: A,
) -> Result<i64, IngestError>
where
    E: Record<Model: Sync + IntoActiveModel<A>>,
    A: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
{
    match existing.get(slug) {
        Some(&id) => {
            model.set(E::id_column(), Value::from(id));
            model.update(db).await?;
            Ok(id)
        }
        None => Ok(E::id_of(&model.insert(db).await?)),
    }
}

/// Imports the dataset in one transaction.
pub async fn import(
    db: &DatabaseConnection,
    dataset: &Dataset,
) -> Result<ImportSummary, IngestError> {
    let txn = db.begin().await?;
    let summary = import_all(&txn, dataset).await?;
    txn.commit().await?;
    crate::search::local::committed(db);
    Ok(summary)
}

/// Every step of the import, on the transaction.
async fn import_all(
    db: &impl ConnectionTrait,
    data: &Dataset,
) -> Result<ImportSummary, IngestError> {
    let mut ids = Slugs {
        persons: slug_ids::<person::Entity>(db).await?,
        ..Default::default()
    };
    for p in &data.persons {
        let model = person::ActiveModel {
            slug: Set(p.slug.clone()),
            name: Set(p.record.name.clone()),
            description: Set(p.record.description.clone()),
            ..Default::default()
        };
        let id = save_record(db, &ids.persons, &p.slug, model).await?;
        ids.persons.insert(p.slug.clone(), id);
    }
    ids.organizations = slug_ids::<organization::Entity>(db).await?;
    for o in &data.organizations {
        let model = organization::ActiveModel {
            slug: Set(o.slug.clone()),
            name: Set(o.record.name.clone()),
            kind: Set(o.record.kind.as_str().to_string()),
            description: Set(o.record.description.clone()),
            ..Default::default()
        };
        let id = save_record(db, &ids.organizations, &o.slug, model).await?;
        ids.organizations.insert(o.slug.clone(), id);
    }
    import_places(db, data, &mut ids).await?;
    import_sources(db, data, &mut ids).await?;
    links::import_positions(db, data, &mut ids).await?;
    super::incidents::import_incidents(db, data, &mut ids).await?;
    statements::import_statements(db, data, &mut ids).await?;
    statements::import_casualty_reports(db, data, &mut ids).await?;
    links::replace_aliases(db, data, &ids).await?;
    store::search::record_bulk_load(db, "dataset import").await?;
    refresh_speaker_roles(db, data, &ids).await?;
    Ok(ImportSummary {
        counts: vec![
            ("persons", data.persons.len()),
            ("organizations", data.organizations.len()),
            ("places", data.places.len()),
            ("sources", data.sources.len()),
            ("positions", data.positions.len()),
            ("incidents", data.incidents.len()),
            ("statements", data.statements.len()),
            ("casualty reports", data.casualty_reports.len()),
        ],
    })
}

/// Recomputes the speaker role of every statement an imported record may change.
async fn refresh_speaker_roles(
    db: &impl ConnectionTrait,
    data: &Dataset,
    ids: &Slugs,
) -> Result<(), IngestError> {
    let touched = store::speaker_roles::Touched {
        statements: data
            .statements
            .iter()
            .map(|s| ids.statements[&s.slug])
            .collect(),
        persons: data.persons.iter().map(|p| ids.persons[&p.slug]).collect(),
        positions: data
            .positions
            .iter()
            .map(|p| ids.positions[&p.slug])
            .collect(),
        organizations: data
            .organizations
            .iter()
            .map(|o| ids.organizations[&o.slug])
            .collect(),
        sources: data.sources.iter().map(|s| ids.sources[&s.slug]).collect(),
    };
    Ok(store::speaker_roles::refresh(db, &touched).await?)
}

/// Places first without parents (a parent may come later), then parents, then the closure table.
async fn import_places(
    db: &impl ConnectionTrait,
    data: &Dataset,
    ids: &mut Slugs,
) -> Result<(), IngestError> {
    ids.places = slug_ids::<place::Entity>(db).await?;
    for p in &data.places {
        let model = place::ActiveModel {
            slug: Set(p.slug.clone()),
            name: Set(p.record.name.clone()),
            kind: Set(p.record.kind.as_str().to_string()),
            parent_id: Set(None),
            ..Default::default()
        };
        let id = save_record(db, &ids.places, &p.slug, model).await?;
        ids.places.insert(p.slug.clone(), id);
    }
    for p in &data.places {
        let Some(parent) = &p.record.parent else {
            continue;
        };
        let parent_id = ids
            .place(parent)
            .ok_or_else(|| p.error("place", format!("unknown parent place '{parent}'")))?;
        let model = place::ActiveModel {
            id: Set(ids.places[&p.slug]),
            parent_id: Set(Some(parent_id)),
            ..Default::default()
        };
        model.update(db).await?;
    }
    store::places::rebuild_closure(db).await?;
    let cycles = place_closure::Entity::find()
        .filter(
            Expr::col(place_closure::Column::AncestorId)
                .equals(place_closure::Column::DescendantId),
        )
        .filter(place_closure::Column::Depth.gt(0))
        .count(db)
        .await?;
    if cycles > 0 {
        return Err(IngestError("the place hierarchy has a cycle".into()));
    }
    Ok(())
}

/// Sources, then their authors and citations of each other (which may point forward).
async fn import_sources(
    db: &impl ConnectionTrait,
    data: &Dataset,
    ids: &mut Slugs,
) -> Result<(), IngestError> {
    ids.sources = slug_ids::<source::Entity>(db).await?;
    for s in &data.sources {
        let publisher = match &s.record.publisher {
            Some(slug) => Some(
                ids.organization(slug)
                    .ok_or_else(|| s.error("source", format!("unknown publisher '{slug}'")))?,
            ),
            None => None,
        };
        let model = source::ActiveModel {
            slug: Set(s.slug.clone()),
            kind: Set(s.record.kind.as_str().to_string()),
            title: Set(s.record.title.clone()),
            publisher_id: Set(publisher),
            published_at: Set(s.record.published_at.clone()),
            url: Set(s.record.url.clone()),
            language: Set(s.record.language.clone()),
            text_file: Set(s.record.text_file.clone()),
            ..Default::default()
        };
        let id = save_record(db, &ids.sources, &s.slug, model).await?;
        ids.sources.insert(s.slug.clone(), id);
    }
    links::replace_source_links(db, data, ids).await
}
