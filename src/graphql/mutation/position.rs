//! Create and update positions: a person's role in an organization.

use async_graphql::{InputObject, MaybeUndefined, ID};
use entity::position;
use sea_orm::Set;

use super::named::unused_slug;
use super::validate::{self, date, text};
use super::write::{Edit, NewRecord};
use super::{
    new_citations, reference_of, replaced_citations, CitationInput, Create, PositionPayload, Update,
};
use crate::domain::{NodeKind, PartialDate};
use crate::error::Result;
use crate::write::typed::{given, maybe};
use crate::write::Change;

record_mutations!(
    PositionMutation, "positions";
    "a position", PositionPayload: create_position(CreatePositionInput), update_position(UpdatePositionInput)
);

/// A new position.
#[derive(InputObject)]
pub struct CreatePositionInput {
    /// The stable key (made from the person's slug and the title when absent).
    slug: Option<String>,
    /// Who holds it (`Person:...`).
    person_id: ID,
    /// Where (`Organization:...`).
    organization_id: ID,
    /// The title, as the sources give it (at most 300 characters).
    title: String,
    /// Whether it is a public office.
    is_public_office: bool,
    /// From when.
    start_date: Option<PartialDate>,
    /// Until when.
    end_date: Option<PartialDate>,
    /// The sources' words for it (at least one).
    citations: Vec<CitationInput>,
}

/// Changes to a position; absent fields stay as they are.
#[derive(InputObject)]
pub struct UpdatePositionInput {
    /// The position (`Position:...`).
    id: ID,
    /// The version you read.
    version: i32,
    /// The new title.
    title: Option<String>,
    /// Whether it is a public office.
    is_public_office: Option<bool>,
    /// The new start; null clears it.
    start_date: MaybeUndefined<PartialDate>,
    /// The new end; null clears it.
    end_date: MaybeUndefined<PartialDate>,
    /// The new citations, replacing the old (at least one).
    citations: Option<Vec<CitationInput>>,
}

impl Create<PositionPayload> for CreatePositionInput {
    async fn create(self, change: &Change) -> Result<NewRecord> {
        let person =
            reference_of(change, "input.personId", &self.person_id, NodeKind::Person).await?;
        let organization = reference_of(
            change,
            "input.organizationId",
            &self.organization_id,
            NodeKind::Organization,
        )
        .await?;
        let title = text("input.title", &self.title, 300)?;
        let fallback = format!(
            "{} {title}",
            self.person_id
                .as_str()
                .split(':')
                .nth(1)
                .unwrap_or_default()
        );
        let slug = validate::new_slug(self.slug.as_deref(), &fallback)?;
        unused_slug(change, NodeKind::Position, &slug).await?;
        let citations = new_citations(change, &self.citations).await?;
        let row = position::ActiveModel {
            slug: Set(slug),
            person_id: Set(person),
            organization_id: Set(organization),
            title: Set(title),
            is_public_office: Set(self.is_public_office),
            start_date: Set(date(self.start_date.as_ref())),
            end_date: Set(date(self.end_date.as_ref())),
            // The API takes no `endedBy` bound and no inference: none is stored.
            ended_by: Set(None),
            inferred: Set(false),
            inference: Set(None),
            ..Default::default()
        };
        Ok(NewRecord::new(&row, vec![("citation", citations)]))
    }
}

impl Update<PositionPayload> for UpdatePositionInput {
    async fn update(self, change: &Change, _row: i64) -> Result<Edit> {
        let fields = position::ActiveModel {
            title: given(self.title, |t| text("input.title", &t, 300))?,
            is_public_office: given(self.is_public_office, Ok)?,
            start_date: maybe(self.start_date, |d| Ok(date(Some(&d))))?,
            end_date: maybe(self.end_date, |d| Ok(date(Some(&d))))?,
            ..Default::default()
        };
        let citations = replaced_citations(change, self.citations.as_deref()).await?;
        Ok(Edit::new(&fields, [("citation", citations)]))
    }
}
