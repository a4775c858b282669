//! `Position`: a person's position in an organization.

use async_graphql::Context;
use entity::position;

use super::scalars::stored_date;
use super::{citations, referenced, Citation, Organization, Person};
use crate::domain::PartialDate;
use crate::error::Result;
use crate::store::Rel;

record_type! {
    /// A position a person holds or held in an organization, with the dates the
    /// sources give (at their precision) and the citations that support it.
    Position(position, Position);
    id: "The global ID, `Position:<slug>`, the same in every deployment.";
    slug: "The stable key.";
    {
    /// The title as the sources give it, e.g. "Prime Minister".
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// Whether the position is a public office.
    async fn is_public_office(&self) -> bool {
        self.0.is_public_office
    }

    /// The person who holds it.
    async fn person(&self, ctx: &Context<'_>) -> Result<Person> {
        referenced(ctx, self.0.person_id).await
    }

    /// The organization it is in.
    async fn organization(&self, ctx: &Context<'_>) -> Result<Organization> {
        referenced(ctx, self.0.organization_id).await
    }

    /// When the person took the position, if a source says.
    async fn start(&self) -> Option<PartialDate> {
        stored_date(&self.0.start_date)
    }

    /// When the person left it, if a source says.
    async fn end(&self) -> Option<PartialDate> {
        stored_date(&self.0.end_date)
    }

    /// When `end` is unknown: the person had left it no later than this
    /// (a "former general" in a text of that date).
    async fn ended_by(&self) -> Option<PartialDate> {
        stored_date(&self.0.ended_by)
    }

    /// Whether something in the record is inferred rather than stated by its sources.
    inferred;

    /// The sources and their words that support this position.
    async fn citations(&self, ctx: &Context<'_>) -> Result<Vec<Citation>> {
        citations(ctx, Rel::PositionCitations, self.0.id).await
    }
    }
}
