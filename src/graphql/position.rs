//! `Position`: a person's position in an organization.

use async_graphql::{Context, Object, ID};
use entity::{organization, person, position};

use super::pagination::ListNode;
use super::plan::{Plannable, Row, Ty};
use super::scalars::stored_date;
use super::{citations, loaders, node_id, Citation, Organization, Person};
use crate::domain::{NodeKind, PartialDate};
use crate::error::Result;
use crate::store::Rel;

/// A position a person holds or held in an organization, with the dates the
/// sources give (at their precision) and the citations that support it.
pub struct Position(pub position::Model);

impl Plannable for Position {
    const TY: Ty = Ty::Position;
    fn row(&self) -> Row {
        Row::Position(self.0.clone())
    }
}

impl ListNode for Position {
    type Entity = position::Entity;
    fn wrap(model: position::Model) -> Self {
        Position(model)
    }
}

/// A position a person holds or held in an organization, with the dates the
/// sources give (at their precision) and the citations that support it.
#[Object]
impl Position {
    /// The global ID, `Position:<slug>`.
    pub async fn id(&self, _ctx: &Context<'_>) -> ID {
        node_id(NodeKind::Position, &self.0.slug)
    }

    /// The stable key.
    async fn slug(&self) -> &str {
        &self.0.slug
    }

    /// The record's version: bumped by every change, and sent back with an update.
    async fn version(&self) -> i32 {
        self.0.version
    }

    /// Whether the record was retracted (hidden from lists, kept with its history).
    async fn retracted(&self) -> bool {
        self.0.retracted
    }

    /// When the record last changed (RFC 3339, UTC); null for data loaded before history began.
    async fn updated_at(&self) -> Option<&str> {
        self.0.updated_at.as_deref()
    }

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
        Ok(Person(
            loaders::record::<person::Entity>(ctx, self.0.person_id).await?,
        ))
    }

    /// The organization it is in.
    async fn organization(&self, ctx: &Context<'_>) -> Result<Organization> {
        Ok(Organization(
            loaders::record::<organization::Entity>(ctx, self.0.organization_id).await?,
        ))
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
    async fn inferred(&self) -> bool {
        self.0.inferred
    }

    /// What was inferred, and from which words.
    async fn inference(&self) -> Option<&str> {
        self.0.inference.as_deref()
    }

    /// The sources and their words that support this position.
    async fn citations(&self, ctx: &Context<'_>) -> Result<Vec<Citation>> {
        citations(ctx, Rel::PositionCitations, self.0.id).await
    }
}
