//! Importing a [`Dataset`]: one transaction, idempotent.
//!
//! Records are matched by slug: a slug already in the database is updated in
//! place (so its ID, which derives from the slug, never changes), a new one
//! is inserted. The links and citations of every imported record are replaced
//! by the dataset's. Any error rolls the whole import back.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use entity::*;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QuerySelect, Set, TransactionTrait,
    Value,
};

use super::links::{row_ids, Slugs};
use super::{Dataset, IngestError, Located};
use crate::domain::NodeKind;
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

/// Inserts `model`, or updates the row that already has `slug`; records the
/// row ID in `ids` (the table's IDs by slug) and returns it.
pub(super) async fn save_record<E, A>(
    db: &impl ConnectionTrait,
    ids: &mut HashMap<String, i64>,
    slug: &str,
    mut model: A,
) -> Result<i64, IngestError>
where
    E: Record<Model: Sync + IntoActiveModel<A>>,
    A: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
{
    let id = match ids.get(slug) {
        Some(&id) => {
            model.set(E::id_column(), Value::from(id));
            model.update(db).await?;
            id
        }
        None => E::id_of(&model.insert(db).await?),
    };
    ids.insert(slug.to_string(), id);
    Ok(id)
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

/// One import under way: the transaction, the dataset, and the row ID of
/// every record by slug (those already stored, then those the import adds).
pub(super) struct Import<'a, C> {
    /// The transaction.
    pub(super) db: &'a C,
    /// What is imported.
    pub(super) data: &'a Dataset,
    /// Row IDs by slug, per table.
    pub(super) ids: Slugs,
}

/// Every step of the import, on the transaction.
async fn import_all(
    db: &impl ConnectionTrait,
    data: &Dataset,
) -> Result<ImportSummary, IngestError> {
    let ids = Slugs::load(db).await?;
    let mut import = Import { db, data, ids };
    import.actors().await?;
    import.places().await?;
    import.sources().await?;
    import.positions().await?;
    import.incidents().await?;
    import.statements().await?;
    import.casualty_reports().await?;
    import.aliases().await?;
    store::search::record_bulk_load(db, "dataset import").await?;
    refresh_speaker_roles(db, data, &import.ids).await?;
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

impl<C: ConnectionTrait> Import<'_, C> {
    /// Persons, then organizations.
    async fn actors(&mut self) -> Result<(), IngestError> {
        let (db, data, ids) = (self.db, self.data, &mut self.ids);
        for p in &data.persons {
            let model = person::ActiveModel {
                slug: Set(p.slug.clone()),
                name: Set(p.record.name.clone()),
                description: Set(p.record.description.clone()),
                ..Default::default()
            };
            save_record(db, &mut ids.persons, &p.slug, model).await?;
        }
        for o in &data.organizations {
            let model = organization::ActiveModel {
                slug: Set(o.slug.clone()),
                name: Set(o.record.name.clone()),
                kind: Set(o.record.kind.as_str().to_string()),
                description: Set(o.record.description.clone()),
                ..Default::default()
            };
            save_record(db, &mut ids.organizations, &o.slug, model).await?;
        }
        Ok(())
    }
}

/// Recomputes the speaker role of every statement an imported record may change.
async fn refresh_speaker_roles(
    db: &impl ConnectionTrait,
    data: &Dataset,
    ids: &Slugs,
) -> Result<(), IngestError> {
    fn set<T>(ids: &HashMap<String, i64>, items: &[Located<T>]) -> BTreeSet<i64> {
        row_ids(ids, items).into_iter().collect()
    }
    let touched = store::speaker_roles::Touched(BTreeMap::from([
        (NodeKind::Statement, set(&ids.statements, &data.statements)),
        (NodeKind::Person, set(&ids.persons, &data.persons)),
        (NodeKind::Position, set(&ids.positions, &data.positions)),
        (
            NodeKind::Organization,
            set(&ids.organizations, &data.organizations),
        ),
        (NodeKind::Source, set(&ids.sources, &data.sources)),
    ]));
    Ok(store::speaker_roles::refresh(db, &touched).await?)
}

impl<C: ConnectionTrait> Import<'_, C> {
    /// Places first without parents (a parent may come later), then parents, then the closure table.
    pub(super) async fn places(&mut self) -> Result<(), IngestError> {
        let (db, data, ids) = (self.db, self.data, &mut self.ids);
        for p in &data.places {
            let model = place::ActiveModel {
                slug: Set(p.slug.clone()),
                name: Set(p.record.name.clone()),
                kind: Set(p.record.kind.as_str().to_string()),
                parent_id: Set(None),
                ..Default::default()
            };
            save_record(db, &mut ids.places, &p.slug, model).await?;
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
    pub(super) async fn sources(&mut self) -> Result<(), IngestError> {
        let (db, data, ids) = (self.db, self.data, &mut self.ids);
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
            save_record(db, &mut ids.sources, &s.slug, model).await?;
        }
        self.source_links().await
    }
}
