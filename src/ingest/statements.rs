//! Importing statements (with what they are about, whom they name, and their
//! citations) and casualty reports.

use entity::*;
use sea_orm::{ConnectionTrait, Set};

use super::format::StatementRecord;
use super::import::{save_record, Import};
use super::links::{citation_rows, delete_owned, insert_rows, row_ids, ActorId, Slugs};
use super::{IngestError, Located};
use crate::domain::record_kinds::SpeakerRole;

impl<C: ConnectionTrait> Import<'_, C> {
    /// Casualty reports and their citations.
    pub(super) async fn casualty_reports(&mut self) -> Result<(), IngestError> {
        let (db, data, ids) = (self.db, self.data, &mut self.ids);
        let mut citations = Vec::new();
        for c in &data.casualty_reports {
            let r = &c.record;
            let model = casualty_report::ActiveModel {
                slug: Set(c.slug.clone()),
                incident_id: Set(Slugs::get(
                    &ids.incidents,
                    c,
                    "casualty report",
                    "incident",
                    &r.incident,
                )?),
                source_id: Set(Slugs::get(
                    &ids.sources,
                    c,
                    "casualty report",
                    "source",
                    &r.source,
                )?),
                category: Set(r.category.as_str().to_string()),
                killed: Set(r.killed),
                killed_words: Set(r.killed_words.clone()),
                injured_words: Set(r.injured_words.clone()),
                inferred: Set(r.inferred),
                inference: Set(r.inference.clone()),
                killed_qualifier: Set(r.killed_qualifier.as_str().to_string()),
                injured: Set(r.injured),
                injured_qualifier: Set(r.injured_qualifier.as_str().to_string()),
                as_of: Set(r.as_of.clone()),
                note: Set(r.note.clone()),
                ..Default::default()
            };
            let id = save_record(db, &mut ids.casualty_reports, &c.slug, model).await?;
            citations.extend(citation_rows(
                ids,
                c,
                "casualty report",
                &r.citations,
                |x| x.casualty_report_id = Set(Some(id)),
            )?);
        }
        let imported = row_ids(&ids.casualty_reports, &data.casualty_reports);
        delete_owned::<citation::Entity>(db, citation::Column::CasualtyReportId, &imported).await?;
        insert_rows(db, citations).await
    }

    /// Statements, their incidents, mentions and citations.
    pub(super) async fn statements(&mut self) -> Result<(), IngestError> {
        let (db, data, ids) = (self.db, self.data, &mut self.ids);
        let (mut about, mut mentions, mut citations) = (Vec::new(), Vec::new(), Vec::new());
        let mut places = Vec::new();
        for s in &data.statements {
            let r = &s.record;
            let speaker = ids.actor(s, "statement", &r.speaker)?;
            let source_id = Slugs::get(&ids.sources, s, "statement", "source", &r.source)?;
            let original = match &r.original_source {
                Some(slug) => Some(Slugs::get(
                    &ids.sources,
                    s,
                    "statement",
                    "original source",
                    slug,
                )?),
                None => None,
            };
            let (person, organization) = speaker.columns();
            let stated = stated_role(s)?;
            let model = statement::ActiveModel {
                slug: Set(s.slug.clone()),
                kind: Set(r.kind.as_str().to_string()),
                text: Set(r.text.clone()),
                language: Set(r.language.clone()),
                date: Set(r.date.clone()),
                not_before: Set(r.not_before.clone()),
                not_after: Set(r.not_after.clone()),
                inferred: Set(r.inferred),
                inference: Set(r.inference.clone()),
                speaker_role: Set(stated.0),
                speaker_role_reason: Set(stated.1),
                speaker_role_stated: Set(r.speaker_role_excerpt.clone()),
                occasion: Set(r.occasion.clone()),
                speaker_person_id: Set(person),
                speaker_organization_id: Set(organization),
                source_id: Set(source_id),
                original_source_id: Set(original),
                ..Default::default()
            };
            let id = save_record(db, &mut ids.statements, &s.slug, model).await?;
            for slug in &r.about {
                let incident_id = Slugs::get(&ids.incidents, s, "statement", "incident", slug)?;
                about.push(statement_incident::ActiveModel {
                    statement_id: Set(id),
                    incident_id: Set(incident_id),
                });
            }
            for slug in &r.places {
                places.push(statement_place::ActiveModel {
                    statement_id: Set(id),
                    place_id: Set(Slugs::get(&ids.places, s, "statement", "place", slug)?),
                    ..Default::default()
                });
            }
            for slug in &r.mentions {
                let (person_id, organization_id) = ids.actor(s, "statement", slug)?.columns();
                mentions.push(statement_mention::ActiveModel {
                    statement_id: Set(id),
                    person_id: Set(person_id),
                    organization_id: Set(organization_id),
                    ..Default::default()
                });
            }
            citations.extend(citation_rows(ids, s, "statement", &r.support(), |c| {
                c.statement_id = Set(Some(id))
            })?);
        }
        let imported = row_ids(&ids.statements, &data.statements);
        delete_owned::<statement_incident::Entity>(
            db,
            statement_incident::Column::StatementId,
            &imported,
        )
        .await?;
        delete_owned::<statement_place::Entity>(
            db,
            statement_place::Column::StatementId,
            &imported,
        )
        .await?;
        delete_owned::<statement_mention::Entity>(
            db,
            statement_mention::Column::StatementId,
            &imported,
        )
        .await?;
        delete_owned::<citation::Entity>(db, citation::Column::StatementId, &imported).await?;
        insert_rows(db, about).await?;
        insert_rows(db, mentions).await?;
        insert_rows(db, places).await?;
        insert_rows(db, citations).await
    }
}

/// The role and reason a statement's source states for its speaker, or the
/// placeholder the speaker-role refresh replaces.
fn stated_role(s: &Located<StatementRecord>) -> Result<(String, Option<String>), IngestError> {
    let r = &s.record;
    match (&r.speaker_role, &r.speaker_role_excerpt) {
        (Some(role), Some(excerpt)) => Ok((
            role.as_str().to_string(),
            Some(format!("Stated by the source: “{excerpt}”.")),
        )),
        (None, None) => Ok((SpeakerRole::Unknown.as_str().to_string(), None)),
        _ => Err(s.error(
            "statement",
            "`speaker_role` and `speaker_role_excerpt` go together",
        )),
    }
}

impl ActorId {
    /// The (person, organization) column values.
    fn columns(self) -> (Option<i64>, Option<i64>) {
        match self {
            ActorId::Person(id) => (Some(id), None),
            ActorId::Organization(id) => (None, Some(id)),
        }
    }
}
