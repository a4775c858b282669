//! Importing incidents with everything that hangs on them: the organizations
//! involved, the persons with a part in them, the further places they
//! happened in, their links to other incidents, and their citations.

use entity::*;
use sea_orm::{ConnectionTrait, Set};

use super::format::IncidentRecord;
use super::import::{save_record, Import};
use super::links::{citation_rows, delete_owned, insert_rows, row_ids, Slugs};
use super::{IngestError, Located};

/// The link rows of the imported incidents, gathered before they are written.
#[derive(Default)]
struct Links {
    involvements: Vec<involvement::ActiveModel>,
    participants: Vec<participant::ActiveModel>,
    places: Vec<incident_place::ActiveModel>,
    citations: Vec<citation::ActiveModel>,
}

impl<C: ConnectionTrait> Import<'_, C> {
    /// Incidents first (a link may point to one later in the dataset), then their links.
    pub(super) async fn incidents(&mut self) -> Result<(), IngestError> {
        let (db, data, ids) = (self.db, self.data, &mut self.ids);
        let mut rows = Links::default();
        for i in &data.incidents {
            let id = save_incident(db, ids, i).await?;
            gather(ids, i, id, &mut rows)?;
        }
        let mut related = Vec::new();
        for i in &data.incidents {
            for link in &i.record.links {
                related.push(incident_link::ActiveModel {
                    incident_id: Set(ids.incidents[&i.slug]),
                    related_id: Set(Slugs::get(
                        &ids.incidents,
                        i,
                        "incident",
                        "incident",
                        &link.incident,
                    )?),
                    relation: Set(link.relation.as_str().to_string()),
                    ..Default::default()
                });
            }
        }
        let imported = row_ids(&ids.incidents, &data.incidents);
        delete_owned::<involvement::Entity>(db, involvement::Column::IncidentId, &imported).await?;
        delete_owned::<participant::Entity>(db, participant::Column::IncidentId, &imported).await?;
        delete_owned::<incident_place::Entity>(db, incident_place::Column::IncidentId, &imported)
            .await?;
        delete_owned::<incident_link::Entity>(db, incident_link::Column::IncidentId, &imported)
            .await?;
        delete_owned::<citation::Entity>(db, citation::Column::IncidentId, &imported).await?;
        insert_rows(db, rows.involvements).await?;
        insert_rows(db, rows.participants).await?;
        insert_rows(db, rows.places).await?;
        insert_rows(db, related).await?;
        insert_rows(db, rows.citations).await
    }
}

/// Inserts or updates one incident's row; returns its ID.
async fn save_incident(
    db: &impl ConnectionTrait,
    ids: &mut Slugs,
    i: &Located<IncidentRecord>,
) -> Result<i64, IngestError> {
    let r = &i.record;
    let place_id = match &r.place {
        Some(slug) => Some(Slugs::get(&ids.places, i, "incident", "place", slug)?),
        None => None,
    };
    let model = incident::ActiveModel {
        slug: Set(i.slug.clone()),
        title: Set(r.title.clone()),
        summary: Set(r.summary.clone()),
        kind: Set(r.kind.as_str().to_string()),
        start_date: Set(r.start.clone()),
        end_date: Set(r.end.clone()),
        place_id: Set(place_id),
        inferred: Set(r.inferred),
        inference: Set(r.inference.clone()),
        ..Default::default()
    };
    save_record(db, &mut ids.incidents, &i.slug, model).await
}

/// One incident's organizations, persons, further places and citations.
fn gather(
    ids: &Slugs,
    i: &Located<IncidentRecord>,
    id: i64,
    rows: &mut Links,
) -> Result<(), IngestError> {
    let r = &i.record;
    for v in &r.involved {
        let organization_id = Slugs::get(
            &ids.organizations,
            i,
            "incident",
            "organization",
            &v.organization,
        )?;
        rows.involvements.push(involvement::ActiveModel {
            incident_id: Set(id),
            organization_id: Set(organization_id),
            role: Set(v.role.clone()),
            ..Default::default()
        });
    }
    for p in &r.participants {
        rows.participants.push(participant::ActiveModel {
            incident_id: Set(id),
            person_id: Set(Slugs::get(
                &ids.persons,
                i,
                "incident",
                "person",
                &p.person,
            )?),
            role: Set(p.role.as_str().to_string()),
            description: Set(p.description.clone()),
            ..Default::default()
        });
    }
    for slug in &r.places {
        rows.places.push(incident_place::ActiveModel {
            incident_id: Set(id),
            place_id: Set(Slugs::get(&ids.places, i, "incident", "place", slug)?),
            ..Default::default()
        });
    }
    rows.citations
        .extend(citation_rows(ids, i, "incident", &r.citations, |c| {
            c.incident_id = Set(Some(id))
        })?);
    Ok(())
}
