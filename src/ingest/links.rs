//! Importing the records that link others (positions, incidents,
//! statements, casualty reports) and the link rows themselves (aliases,
//! authors, citations, mentions). An imported record's links are replaced by
//! the dataset's, so importing again changes nothing.

use std::collections::HashMap;

use entity::*;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::format::CitationRecord;
use super::import::{save_record, slug_ids, Import};
use super::{IngestError, Located};

/// The ID of every record by slug, per table, as the import goes.
#[derive(Debug, Default)]
pub struct Slugs {
    pub(super) persons: HashMap<String, i64>,
    pub(super) organizations: HashMap<String, i64>,
    pub(super) places: HashMap<String, i64>,
    pub(super) sources: HashMap<String, i64>,
    pub(super) positions: HashMap<String, i64>,
    pub(super) incidents: HashMap<String, i64>,
    pub(super) statements: HashMap<String, i64>,
    pub(super) casualty_reports: HashMap<String, i64>,
}

/// A person or an organization.
#[derive(Debug, Clone, Copy)]
pub(super) enum ActorId {
    Person(i64),
    Organization(i64),
}

impl Slugs {
    /// The row ID of every stored record by slug.
    pub(super) async fn load(db: &impl ConnectionTrait) -> Result<Self, IngestError> {
        Ok(Self {
            persons: slug_ids::<person::Entity>(db).await?,
            organizations: slug_ids::<organization::Entity>(db).await?,
            places: slug_ids::<place::Entity>(db).await?,
            sources: slug_ids::<source::Entity>(db).await?,
            positions: slug_ids::<position::Entity>(db).await?,
            incidents: slug_ids::<incident::Entity>(db).await?,
            statements: slug_ids::<statement::Entity>(db).await?,
            casualty_reports: slug_ids::<casualty_report::Entity>(db).await?,
        })
    }

    pub(super) fn organization(&self, slug: &str) -> Option<i64> {
        self.organizations.get(slug).copied()
    }

    pub(super) fn place(&self, slug: &str) -> Option<i64> {
        self.places.get(slug).copied()
    }

    /// The person or organization with `slug`; an error if neither or both.
    pub(super) fn actor<T>(
        &self,
        item: &Located<T>,
        kind: &str,
        slug: &str,
    ) -> Result<ActorId, IngestError> {
        match (self.persons.get(slug), self.organizations.get(slug)) {
            (Some(&id), None) => Ok(ActorId::Person(id)),
            (None, Some(&id)) => Ok(ActorId::Organization(id)),
            (Some(_), Some(_)) => Err(item.error(
                kind,
                format!("'{slug}' is both a person and an organization"),
            )),
            (None, None) => {
                Err(item.error(kind, format!("unknown person or organization '{slug}'")))
            }
        }
    }

    /// The ID in `map` of `slug`, or an error naming the record.
    pub(super) fn get<T>(
        map: &HashMap<String, i64>,
        item: &Located<T>,
        kind: &str,
        what: &str,
        slug: &str,
    ) -> Result<i64, IngestError> {
        map.get(slug)
            .copied()
            .ok_or_else(|| item.error(kind, format!("unknown {what} '{slug}'")))
    }
}

/// The row IDs of `items`, every one of which the import has saved in `ids`.
pub(super) fn row_ids<T>(ids: &HashMap<String, i64>, items: &[Located<T>]) -> Vec<i64> {
    items.iter().map(|item| ids[&item.slug]).collect()
}

/// Citation rows for one record; `owner` sets the record's column.
pub(super) fn citation_rows<T>(
    ids: &Slugs,
    item: &Located<T>,
    kind: &str,
    citations: &[CitationRecord],
    owner: impl Fn(&mut citation::ActiveModel),
) -> Result<Vec<citation::ActiveModel>, IngestError> {
    citations
        .iter()
        .map(|c| {
            let source_id = Slugs::get(&ids.sources, item, kind, "source", &c.source)?;
            let mut row = citation::ActiveModel {
                source_id: Set(source_id),
                excerpt: Set(c.excerpt.clone()),
                ..Default::default()
            };
            owner(&mut row);
            Ok(row)
        })
        .collect()
}

/// Deletes the link rows of `E` whose `column` names one of `owners`.
pub(super) async fn delete_owned<E: EntityTrait>(
    db: &impl ConnectionTrait,
    column: E::Column,
    owners: &[i64],
) -> Result<(), IngestError> {
    E::delete_many()
        .filter(column.is_in(owners.iter().copied()))
        .exec(db)
        .await?;
    Ok(())
}

/// Inserts rows if there are any.
pub(super) async fn insert_rows<A: sea_orm::ActiveModelTrait + Send>(
    db: &impl ConnectionTrait,
    rows: Vec<A>,
) -> Result<(), IngestError> {
    if !rows.is_empty() {
        <A::Entity as EntityTrait>::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

impl<C: ConnectionTrait> Import<'_, C> {
    /// Persons', organizations' and places' aliases.
    pub(super) async fn aliases(&self) -> Result<(), IngestError> {
        let (db, data, ids) = (self.db, self.data, &self.ids);
        let mut rows = Vec::new();
        let alias = |name: &String| alias::ActiveModel {
            name: Set(name.clone()),
            key: Set(crate::domain::slugify(name)),
            ..Default::default()
        };
        let persons = row_ids(&ids.persons, &data.persons);
        for p in &data.persons {
            rows.extend(p.record.aliases.iter().map(|n| alias::ActiveModel {
                person_id: Set(Some(ids.persons[&p.slug])),
                ..alias(n)
            }));
        }
        let orgs = row_ids(&ids.organizations, &data.organizations);
        for o in &data.organizations {
            let id = ids.organizations[&o.slug];
            rows.extend(o.record.aliases.iter().map(|n| alias::ActiveModel {
                organization_id: Set(Some(id)),
                ..alias(n)
            }));
        }
        let places = row_ids(&ids.places, &data.places);
        for p in &data.places {
            rows.extend(p.record.aliases.iter().map(|n| alias::ActiveModel {
                place_id: Set(Some(ids.places[&p.slug])),
                ..alias(n)
            }));
        }
        delete_owned::<alias::Entity>(db, alias::Column::PersonId, &persons).await?;
        delete_owned::<alias::Entity>(db, alias::Column::OrganizationId, &orgs).await?;
        delete_owned::<alias::Entity>(db, alias::Column::PlaceId, &places).await?;
        insert_rows(db, rows).await
    }

    /// Sources' authors and the sources they cite.
    pub(super) async fn source_links(&self) -> Result<(), IngestError> {
        let (db, data, ids) = (self.db, self.data, &self.ids);
        let (mut authors, mut cites) = (Vec::new(), Vec::new());
        for s in &data.sources {
            let id = ids.sources[&s.slug];
            for (ordinal, author) in s.record.authors.iter().enumerate() {
                let person_id = Slugs::get(&ids.persons, s, "source", "author", author)?;
                authors.push(source_author::ActiveModel {
                    source_id: Set(id),
                    person_id: Set(person_id),
                    ordinal: Set(ordinal as i32),
                });
            }
            for cited in &s.record.cites {
                let cited_id = Slugs::get(&ids.sources, s, "source", "cited source", cited)?;
                cites.push(source_citation::ActiveModel {
                    source_id: Set(id),
                    cited_source_id: Set(cited_id),
                });
            }
        }
        let imported = row_ids(&ids.sources, &data.sources);
        delete_owned::<source_author::Entity>(db, source_author::Column::SourceId, &imported)
            .await?;
        delete_owned::<source_citation::Entity>(db, source_citation::Column::SourceId, &imported)
            .await?;
        insert_rows(db, authors).await?;
        insert_rows(db, cites).await
    }

    /// Positions and their citations.
    pub(super) async fn positions(&mut self) -> Result<(), IngestError> {
        let (db, data, ids) = (self.db, self.data, &mut self.ids);
        let mut citations = Vec::new();
        for p in &data.positions {
            let person_id = Slugs::get(&ids.persons, p, "position", "person", &p.record.person)?;
            let organization_id = Slugs::get(
                &ids.organizations,
                p,
                "position",
                "organization",
                &p.record.organization,
            )?;
            let org_kind = data
                .organizations
                .iter()
                .find(|o| o.slug == p.record.organization)
                .map(|o| o.record.kind);
            let public_office = p
                .record
                .public_office
                .or(org_kind.map(|k| k.is_state()))
                .unwrap_or(false);
            let model = position::ActiveModel {
                slug: Set(p.slug.clone()),
                person_id: Set(person_id),
                organization_id: Set(organization_id),
                title: Set(p.record.title.clone()),
                is_public_office: Set(public_office),
                start_date: Set(p.record.start.clone()),
                end_date: Set(p.record.end.clone()),
                ended_by: Set(p.record.ended_by.clone()),
                inferred: Set(p.record.inferred),
                inference: Set(p.record.inference.clone()),
                ..Default::default()
            };
            let id = save_record(db, &mut ids.positions, &p.slug, model).await?;
            citations.extend(citation_rows(
                ids,
                p,
                "position",
                &p.record.citations,
                |c| c.position_id = Set(Some(id)),
            )?);
        }
        let imported = row_ids(&ids.positions, &data.positions);
        delete_owned::<citation::Entity>(db, citation::Column::PositionId, &imported).await?;
        insert_rows(db, citations).await
    }
}
