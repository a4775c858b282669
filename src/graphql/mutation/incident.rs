//! Create and update incidents.

use async_graphql::{InputObject, MaybeUndefined, ID};
use entity::{incident, involvement};
use sea_orm::Set;
use serde_json::Value;

use super::named::unused_slug;
use super::validate::{self, date, text};
use super::write::{Edit, NewRecord};
use super::{
    new_citations, reference_of, replaced_citations, CitationInput, Create, IncidentPayload, Update,
};
use crate::domain::kinds::IncidentKind;
use crate::domain::{NodeKind, PartialDate};
use crate::error::Result;
use crate::write::typed::{self, given, maybe};
use crate::write::Change;

record_mutations!(
    IncidentMutation, "incidents";
    "an incident", IncidentPayload: create_incident(CreateIncidentInput), update_incident(UpdateIncidentInput)
);

/// An organization's part in an incident.
#[derive(InputObject)]
pub struct InvolvementInput {
    /// The organization (`Organization:...`).
    organization_id: ID,
    /// Its role, in the sources' terms (at most 200 characters).
    role: String,
}

/// A new incident.
#[derive(InputObject)]
pub struct CreateIncidentInput {
    /// The stable key (made from `title` when absent).
    slug: Option<String>,
    /// A short title (at most 300 characters).
    title: String,
    /// What happened, in the sources' terms (at most 10000 characters).
    summary: String,
    /// What kind of incident.
    kind: IncidentKind,
    /// When it began, at the precision known.
    start_date: Option<PartialDate>,
    /// When it ended.
    end_date: Option<PartialDate>,
    /// Where (`Place:...`).
    place_id: Option<ID>,
    /// The organizations involved.
    involvements: Option<Vec<InvolvementInput>>,
    /// The sources' words for it (at least one).
    citations: Vec<CitationInput>,
}

/// Changes to an incident; absent fields stay as they are.
#[derive(InputObject)]
pub struct UpdateIncidentInput {
    /// The incident (`Incident:...`).
    id: ID,
    /// The version you read.
    version: i32,
    /// The new title.
    title: Option<String>,
    /// The new summary.
    summary: Option<String>,
    /// The new kind.
    kind: Option<IncidentKind>,
    /// The new start; null clears it.
    start_date: MaybeUndefined<PartialDate>,
    /// The new end; null clears it.
    end_date: MaybeUndefined<PartialDate>,
    /// The new place; null clears it.
    place_id: MaybeUndefined<ID>,
    /// The organizations involved, replacing the old.
    involvements: Option<Vec<InvolvementInput>>,
    /// The citations, replacing the old (at least one).
    citations: Option<Vec<CitationInput>>,
}

/// Involvement rows for the inputs.
async fn involvement_rows(change: &Change, list: &[InvolvementInput]) -> Result<Vec<Value>> {
    let mut rows = Vec::with_capacity(list.len());
    for (i, involvement) in list.iter().enumerate() {
        let path = format!("input.involvements[{i}]");
        let organization = reference_of(
            change,
            &format!("{path}.organizationId"),
            &involvement.organization_id,
            NodeKind::Organization,
        )
        .await?;
        let role = text(&format!("{path}.role"), &involvement.role, 200)?;
        let row = involvement::ActiveModel {
            organization_id: Set(organization),
            role: Set(role),
            ..Default::default()
        };
        rows.push(typed::new_row(&row));
    }
    Ok(rows)
}

/// A place reference as its row ID.
async fn place(change: &Change, id: &ID) -> Result<i64> {
    reference_of(change, "input.placeId", id, NodeKind::Place).await
}

impl Create<IncidentPayload> for CreateIncidentInput {
    async fn create(self, change: &Change) -> Result<NewRecord> {
        let title = text("input.title", &self.title, 300)?;
        let slug = validate::new_slug(self.slug.as_deref(), &title)?;
        unused_slug(change, NodeKind::Incident, &slug).await?;
        let place_id = match &self.place_id {
            Some(id) => Some(place(change, id).await?),
            None => None,
        };
        let involvements =
            involvement_rows(change, self.involvements.as_deref().unwrap_or_default()).await?;
        let citations = new_citations(change, &self.citations).await?;
        let row = incident::ActiveModel {
            slug: Set(slug),
            title: Set(title),
            summary: Set(text("input.summary", &self.summary, 10000)?),
            kind: Set(self.kind.as_str().into()),
            start_date: Set(date(self.start_date.as_ref())),
            end_date: Set(date(self.end_date.as_ref())),
            place_id: Set(place_id),
            // The API takes no inference for incidents: one made here is not inferred.
            inferred: Set(false),
            inference: Set(None),
            ..Default::default()
        };
        let links = vec![("involvement", involvements), ("citation", citations)];
        Ok(NewRecord::new(&row, links))
    }
}

impl Update<IncidentPayload> for UpdateIncidentInput {
    async fn update(self, change: &Change, _row: i64) -> Result<Edit> {
        let mut fields = incident::ActiveModel {
            title: given(self.title, |t| text("input.title", &t, 300))?,
            summary: given(self.summary, |t| text("input.summary", &t, 10000))?,
            kind: given(self.kind, |kind| Ok(kind.as_str().to_string()))?,
            start_date: maybe(self.start_date, |d| Ok(date(Some(&d))))?,
            end_date: maybe(self.end_date, |d| Ok(date(Some(&d))))?,
            ..Default::default()
        };
        match &self.place_id {
            MaybeUndefined::Undefined => {}
            MaybeUndefined::Null => fields.place_id = Set(None),
            MaybeUndefined::Value(id) => fields.place_id = Set(Some(place(change, id).await?)),
        }
        let involvements = match &self.involvements {
            Some(list) => Some(involvement_rows(change, list).await?),
            None => None,
        };
        let citations = replaced_citations(change, self.citations.as_deref()).await?;
        let links = [("involvement", involvements), ("citation", citations)];
        Ok(Edit::new(&fields, links))
    }
}
