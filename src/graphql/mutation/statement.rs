//! Create and update statements: words said, by whom, reported where.

use async_graphql::{InputObject, MaybeUndefined, ID};
use entity::{statement, statement_incident, statement_mention, statement_place};
use sea_orm::{ActiveValue, Set};
use serde_json::Value;

use super::named::unused_slug;
use super::validate::{self, date, optional_text, text};
use super::write::{Edit, NewRecord};
use super::{
    citation_rows, reference, reference_of, references_of, CitationInput, Create, StatementPayload,
    Update,
};
use crate::domain::record_kinds::{SpeakerRole, StatementKind};
use crate::domain::{NodeKind, PartialDate};
use crate::error::Result;
use crate::write::typed::{self, given, maybe};
use crate::write::Change;

record_mutations!(
    StatementMutation, "statements";
    "a statement", StatementPayload: create_statement(CreateStatementInput), update_statement(UpdateStatementInput)
);

/// Persons and organizations: who can speak or be mentioned.
const ACTORS: &[NodeKind] = &[NodeKind::Person, NodeKind::Organization];

/// A new statement.
#[derive(InputObject)]
pub struct CreateStatementInput {
    /// The stable key (made from the speaker and the first words when absent).
    slug: Option<String>,
    /// The words, verbatim from the reporting source (at most 10000 characters).
    text: String,
    /// A quote (the default), a quoted fragment or the source's paraphrase.
    kind: Option<StatementKind>,
    /// The language of `text` (ISO 639-1).
    language: String,
    /// When they were said, at the precision known.
    date: Option<PartialDate>,
    /// When the date is unknown: said no earlier than this.
    not_before: Option<PartialDate>,
    /// When the date is unknown: said no later than this.
    not_after: Option<PartialDate>,
    /// What in the record is inferred rather than stated by the source, and
    /// from which words (at most 1000 characters); marks the statement `inferred`.
    inference: Option<String>,
    /// Where or how: "press conference", "tweet" (at most 300 characters).
    occasion: Option<String>,
    /// Who said them (`Person:...` or `Organization:...`).
    speaker_id: ID,
    /// The source that reports them (`Source:...`): every statement needs one.
    source_id: ID,
    /// Where they were first said, when not the reporting source.
    original_source_id: Option<ID>,
    /// The incidents they are about (`Incident:...`).
    incident_ids: Option<Vec<ID>>,
    /// The places they are about, rather than an incident there (`Place:...`).
    place_ids: Option<Vec<ID>>,
    /// The persons and organizations they name.
    mention_ids: Option<Vec<ID>>,
    /// The reporting source's words that carry the statement.
    citations: Option<Vec<CitationInput>>,
}

/// Changes to a statement; absent fields stay as they are.
#[derive(InputObject)]
pub struct UpdateStatementInput {
    /// The statement (`Statement:...`).
    id: ID,
    /// The version you read.
    version: i32,
    /// The corrected words.
    text: Option<String>,
    /// The language of `text`.
    language: Option<String>,
    /// The new date; null clears it.
    date: MaybeUndefined<PartialDate>,
    /// The new kind.
    kind: Option<StatementKind>,
    /// The new lower bound on the date; null clears it.
    not_before: MaybeUndefined<PartialDate>,
    /// The new upper bound on the date; null clears it.
    not_after: MaybeUndefined<PartialDate>,
    /// What is inferred, and why; null clears it (and the `inferred` mark).
    inference: MaybeUndefined<String>,
    /// The new occasion; null clears it.
    occasion: MaybeUndefined<String>,
    /// The new speaker.
    speaker_id: Option<ID>,
    /// The new reporting source.
    source_id: Option<ID>,
    /// The new original source; null clears it.
    original_source_id: MaybeUndefined<ID>,
    /// The incidents, replacing the old.
    incident_ids: Option<Vec<ID>>,
    /// The places, replacing the old.
    place_ids: Option<Vec<ID>>,
    /// The mentions, replacing the old.
    mention_ids: Option<Vec<ID>>,
    /// The citations, replacing the old.
    citations: Option<Vec<CitationInput>>,
}

/// An actor reference as a person's or an organization's row ID.
async fn actor(change: &Change, path: &str, id: &ID) -> Result<(Option<i64>, Option<i64>)> {
    let (kind, row) = reference(change, path, id, ACTORS).await?;
    Ok(match kind {
        NodeKind::Person => (Some(row), None),
        _ => (None, Some(row)),
    })
}

/// The links a statement owns, for the lists given.
async fn link_rows(
    change: &Change,
    incidents: Option<&[ID]>,
    places: Option<&[ID]>,
    mentions: Option<&[ID]>,
    citations: Option<&[CitationInput]>,
) -> Result<Vec<(&'static str, Vec<Value>)>> {
    let mut links = Vec::new();
    if let Some(ids) = places {
        let mut rows = references_of(change, "input.placeIds", ids, NodeKind::Place).await?;
        rows.sort_unstable();
        rows.dedup();
        let rows = rows.into_iter().map(|p| statement_place::ActiveModel {
            place_id: Set(p),
            ..Default::default()
        });
        links.push((
            "statement_place",
            rows.map(|r| typed::new_row(&r)).collect(),
        ));
    }
    if let Some(ids) = incidents {
        let about = references_of(change, "input.incidentIds", ids, NodeKind::Incident).await?;
        let rows = about.iter().map(|&incident| {
            typed::new_row(&statement_incident::ActiveModel {
                incident_id: Set(incident),
                ..Default::default()
            })
        });
        links.push(("statement_incident", rows.collect()));
    }
    if let Some(ids) = mentions {
        let mut named = Vec::new();
        for (i, id) in ids.iter().enumerate() {
            let actor = actor(change, &format!("input.mentionIds[{i}]"), id).await?;
            if !named.contains(&actor) {
                named.push(actor);
            }
        }
        let rows = named.into_iter().map(|(person, organization)| {
            let mention = statement_mention::ActiveModel {
                person_id: Set(person),
                organization_id: Set(organization),
                ..Default::default()
            };
            typed::new_row(&mention)
        });
        links.push(("statement_mention", rows.collect()));
    }
    if let Some(list) = citations {
        links.push((
            "citation",
            citation_rows(change, "input.citations", list).await?,
        ));
    }
    Ok(links)
}

impl Create<StatementPayload> for CreateStatementInput {
    async fn create(self, change: &Change) -> Result<NewRecord> {
        let words = text("input.text", &self.text, 10000)?;
        let (person, organization) = actor(change, "input.speakerId", &self.speaker_id).await?;
        let fallback: String = format!(
            "{} {}",
            self.speaker_id
                .as_str()
                .split(':')
                .nth(1)
                .unwrap_or_default(),
            words
                .split_whitespace()
                .take(6)
                .collect::<Vec<_>>()
                .join(" ")
        );
        let slug = validate::new_slug(self.slug.as_deref(), &fallback)?;
        unused_slug(change, NodeKind::Statement, &slug).await?;
        let source =
            reference_of(change, "input.sourceId", &self.source_id, NodeKind::Source).await?;
        let original = match &self.original_source_id {
            Some(id) => {
                Some(reference_of(change, "input.originalSourceId", id, NodeKind::Source).await?)
            }
            None => None,
        };
        let inference = optional_text("input.inference", self.inference.as_deref(), 1000)?;
        let row = statement::ActiveModel {
            slug: Set(slug),
            text: Set(words),
            language: Set(validate::language("input.language", &self.language)?),
            date: Set(date(self.date.as_ref())),
            kind: Set(self.kind.unwrap_or(StatementKind::Quote).as_str().into()),
            not_before: Set(date(self.not_before.as_ref())),
            not_after: Set(date(self.not_after.as_ref())),
            inferred: Set(inference.is_some()),
            inference: Set(inference),
            // Derived from the speaker's positions when the change commits.
            speaker_role: Set(SpeakerRole::Unknown.as_str().into()),
            speaker_role_reason: Set(None),
            speaker_role_stated: Set(None),
            occasion: Set(optional_text(
                "input.occasion",
                self.occasion.as_deref(),
                300,
            )?),
            speaker_person_id: Set(person),
            speaker_organization_id: Set(organization),
            source_id: Set(source),
            original_source_id: Set(original),
            ..Default::default()
        };
        let empty = Some(&[][..]);
        let links = link_rows(
            change,
            self.incident_ids.as_deref().or(empty),
            self.place_ids.as_deref().or(empty),
            self.mention_ids.as_deref().or(empty),
            Some(self.citations.as_deref().unwrap_or_default()),
        )
        .await?;
        Ok(NewRecord::new(&row, links))
    }
}

impl Update<StatementPayload> for UpdateStatementInput {
    async fn update(self, change: &Change, _row: i64) -> Result<Edit> {
        let mut fields = statement::ActiveModel::default();
        if let Some(id) = &self.speaker_id {
            let (person, organization) = actor(change, "input.speakerId", id).await?;
            fields.speaker_person_id = Set(person);
            fields.speaker_organization_id = Set(organization);
        }
        fields.text = given(self.text, |t| text("input.text", &t, 10000))?;
        fields.language = given(self.language, |code| {
            validate::language("input.language", &code)
        })?;
        if let Some(id) = &self.source_id {
            fields.source_id =
                Set(reference_of(change, "input.sourceId", id, NodeKind::Source).await?);
        }
        match &self.original_source_id {
            MaybeUndefined::Undefined => {}
            MaybeUndefined::Null => fields.original_source_id = Set(None),
            MaybeUndefined::Value(id) => {
                let path = "input.originalSourceId";
                fields.original_source_id = Set(Some(
                    reference_of(change, path, id, NodeKind::Source).await?,
                ));
            }
        }
        fields.date = maybe(self.date, |d| Ok(date(Some(&d))))?;
        fields.not_before = maybe(self.not_before, |d| Ok(date(Some(&d))))?;
        fields.not_after = maybe(self.not_after, |d| Ok(date(Some(&d))))?;
        fields.kind = given(self.kind, |kind| Ok(kind.as_str().to_string()))?;
        fields.inference = maybe(self.inference, |i| {
            optional_text("input.inference", Some(&i), 1000)
        })?;
        if let ActiveValue::Set(inference) = &fields.inference {
            fields.inferred = Set(inference.is_some());
        }
        fields.occasion = maybe(self.occasion, |o| {
            optional_text("input.occasion", Some(&o), 300)
        })?;
        let links = link_rows(
            change,
            self.incident_ids.as_deref(),
            self.place_ids.as_deref(),
            self.mention_ids.as_deref(),
            self.citations.as_deref(),
        )
        .await?;
        let links = links.into_iter().map(|(table, rows)| (table, Some(rows)));
        Ok(Edit::new(&fields, links))
    }
}
