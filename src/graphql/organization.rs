//! `Organization`: a state body, force, party, NGO or medium, and the root
//! fields that find organizations.

use async_graphql::{Context, Enum, InputObject, Object, ID};
use entity::{involvement, organization};
use sea_orm::Order;

use super::filter::{Filter, OrganizationFilter};
use super::pagination::{self, Connection, ListNode, PageArgs};
use super::plan::{Plannable, Planned, PlannedOne, Row, Ty};
use super::{
    alias_names, find_one, loaders, node_id, Involvement, OrderDirection, Position, Source,
    Statement,
};
use crate::domain::kinds::OrganizationKind;
use crate::domain::NodeKind;
use crate::error::{Error, Result};
use crate::store::Rel;

/// An organization: a government body, an armed or police force, a
/// prosecutor's office, a party, an NGO, a medium, a union.
pub struct Organization(pub organization::Model);

impl ListNode for Organization {
    type Entity = organization::Entity;
    fn wrap(model: organization::Model) -> Self {
        Organization(model)
    }
}

impl Plannable for Organization {
    const TY: Ty = Ty::Organization;
    fn row(&self) -> Row {
        Row::Organization(self.0.clone())
    }
}

impl Organization {
    /// The stored kind.
    fn stored_kind(&self) -> Result<OrganizationKind> {
        OrganizationKind::from_stored(&self.0.kind)
            .ok_or_else(|| Error::Internal(format!("unknown organization kind '{}'", self.0.kind)))
    }
}

/// An organization: a government body, an armed or police force, a
/// prosecutor's office, a party, an NGO, a medium, a union.
#[Object]
impl Organization {
    /// The global ID, `Organization:<slug>`, the same in every deployment.
    pub async fn id(&self, _ctx: &Context<'_>) -> ID {
        node_id(NodeKind::Organization, &self.0.slug)
    }

    /// The stable, human-readable key: the name in lowercase ASCII with hyphens.
    pub async fn slug(&self, _ctx: &Context<'_>) -> &str {
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

    /// The name as the sources write it.
    pub async fn name(&self, _ctx: &Context<'_>) -> &str {
        &self.0.name
    }

    /// What kind of organization it is.
    async fn kind(&self) -> Result<OrganizationKind> {
        self.stored_kind()
    }

    /// What the organization is, in a line.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }

    /// Whether it is an organ of the state (government, ministry, congress,
    /// armed forces, police, prosecutor, judiciary, other state agency).
    async fn is_official(&self) -> Result<bool> {
        Ok(self.stored_kind()?.is_state())
    }

    /// Other names, acronyms and spellings.
    pub async fn aliases(&self, ctx: &Context<'_>) -> Result<Vec<String>> {
        alias_names(ctx, Rel::OrganizationAliases, self.0.id).await
    }

    /// Positions held in the organization, oldest first.
    #[graphql(complexity = "crate::graphql::pagination::cost(first, last, child_complexity)")]
    async fn members(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "At most this many items, from the start of the list or after `after`.")]
        first: Option<i32>,
        #[graphql(
            desc = "Continue after the item with this cursor (`pageInfo.endCursor`, or an edge's `cursor`)."
        )]
        after: Option<String>,
        #[graphql(desc = "At most this many items, from the end of the list or before `before`.")]
        last: Option<i32>,
        #[graphql(
            desc = "Continue before the item with this cursor (`pageInfo.startCursor`, or an edge's `cursor`)."
        )]
        before: Option<String>,
    ) -> Result<Connection<Position>> {
        let args = PageArgs::new(first, after, last, before);
        pagination::related(ctx, Rel::OrganizationMembers, self.0.id, &args).await
    }

    /// What the organization said as a body, oldest first.
    #[graphql(complexity = "crate::graphql::pagination::cost(first, last, child_complexity)")]
    pub async fn statements(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "At most this many items, from the start of the list or after `after`.")]
        first: Option<i32>,
        #[graphql(
            desc = "Continue after the item with this cursor (`pageInfo.endCursor`, or an edge's `cursor`)."
        )]
        after: Option<String>,
        #[graphql(desc = "At most this many items, from the end of the list or before `before`.")]
        last: Option<i32>,
        #[graphql(
            desc = "Continue before the item with this cursor (`pageInfo.startCursor`, or an edge's `cursor`)."
        )]
        before: Option<String>,
    ) -> Result<Connection<Statement>> {
        let args = PageArgs::new(first, after, last, before);
        pagination::related(ctx, Rel::OrganizationStatements, self.0.id, &args).await
    }

    /// Statements that name this organization, oldest first.
    #[graphql(complexity = "crate::graphql::pagination::cost(first, last, child_complexity)")]
    async fn mentioned_in(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "At most this many items, from the start of the list or after `after`.")]
        first: Option<i32>,
        #[graphql(
            desc = "Continue after the item with this cursor (`pageInfo.endCursor`, or an edge's `cursor`)."
        )]
        after: Option<String>,
        #[graphql(desc = "At most this many items, from the end of the list or before `before`.")]
        last: Option<i32>,
        #[graphql(
            desc = "Continue before the item with this cursor (`pageInfo.startCursor`, or an edge's `cursor`)."
        )]
        before: Option<String>,
    ) -> Result<Connection<Statement>> {
        let args = PageArgs::new(first, after, last, before);
        pagination::related(ctx, Rel::OrganizationMentionedIn, self.0.id, &args).await
    }

    /// Incidents the organization took part in, with its role, oldest first.
    async fn involvements(&self, ctx: &Context<'_>) -> Result<Vec<Involvement>> {
        let rows =
            loaders::related::<involvement::Entity>(ctx, Rel::OrganizationInvolvements, self.0.id)
                .await?;
        Ok(rows.into_iter().map(Involvement).collect())
    }

    /// Sources the organization published, oldest first.
    #[graphql(complexity = "crate::graphql::pagination::cost(first, last, child_complexity)")]
    async fn published(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "At most this many items, from the start of the list or after `after`.")]
        first: Option<i32>,
        #[graphql(
            desc = "Continue after the item with this cursor (`pageInfo.endCursor`, or an edge's `cursor`)."
        )]
        after: Option<String>,
        #[graphql(desc = "At most this many items, from the end of the list or before `before`.")]
        last: Option<i32>,
        #[graphql(
            desc = "Continue before the item with this cursor (`pageInfo.startCursor`, or an edge's `cursor`)."
        )]
        before: Option<String>,
    ) -> Result<Connection<Source>> {
        let args = PageArgs::new(first, after, last, before);
        pagination::related(ctx, Rel::OrganizationPublished, self.0.id, &args).await
    }
}

/// What organizations can be ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum OrganizationOrderField {
    /// The name.
    Name,
    /// The kind, then the name.
    Kind,
}

/// The order of a list of organizations.
#[derive(Debug, Clone, Copy, InputObject)]
pub struct OrganizationOrder {
    /// What to order by.
    field: OrganizationOrderField,
    /// Which way.
    #[graphql(default)]
    direction: OrderDirection,
}

impl OrganizationOrder {
    /// The columns and directions to sort by.
    fn columns(self) -> Vec<(organization::Column, Order)> {
        let direction: Order = self.direction.into();
        match self.field {
            OrganizationOrderField::Name => vec![(organization::Column::Name, direction)],
            OrganizationOrderField::Kind => {
                // The name follows the kind's direction, so one index range serves a page.
                vec![
                    (organization::Column::Kind, direction.clone()),
                    (organization::Column::Name, direction),
                ]
            }
        }
    }
}

/// Root fields that find organizations.
#[derive(Default)]
pub struct OrganizationQuery;

/// Root fields that find organizations.
#[Object]
impl OrganizationQuery {
    /// Organizations matching `filter`, by name unless `orderBy` says otherwise.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::pagination::cost(first, last, child_complexity)")]
    async fn organizations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only the items that match every condition given here.")] filter: Option<
            OrganizationFilter,
        >,
        #[graphql(desc = "Show retracted records too (hidden by default).")]
        include_retracted: Option<bool>,
        #[graphql(
            desc = "Only records changed at or after this time (RFC 3339, or a date), for incremental sync."
        )]
        updated_since: Option<String>,
        #[graphql(desc = "The order of the list.")] order_by: Option<OrganizationOrder>,
        #[graphql(desc = "At most this many items, from the start of the list or after `after`.")]
        first: Option<i32>,
        #[graphql(
            desc = "Continue after the item with this cursor (`pageInfo.endCursor`, or an edge's `cursor`)."
        )]
        after: Option<String>,
        #[graphql(desc = "At most this many items, from the end of the list or before `before`.")]
        last: Option<i32>,
        #[graphql(
            desc = "Continue before the item with this cursor (`pageInfo.startCursor`, or an edge's `cursor`)."
        )]
        before: Option<String>,
    ) -> Result<Planned<Organization>> {
        let condition = filter
            .unwrap_or_default()
            .condition(ctx)
            .await?
            .add(super::filter::scope(
                organization::Entity,
                include_retracted,
                updated_since,
            )?);
        let order = order_by.map_or(
            vec![(organization::Column::Name, Order::Asc)],
            OrganizationOrder::columns,
        );
        let args = PageArgs::new(first, after, last, before);
        pagination::root(ctx, &args, condition, &order)
            .await
            .map(Planned)
    }

    /// One organization, by ID or by slug (a merged record's ID gives the record it was merged into);
    /// null, with a NOT_FOUND error at its path, when none has it (or it is retracted, unless
    /// `includeRetracted`).
    async fn organization(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The record's global ID (`Type:slug`, as `Person:dina-boluarte`).")]
        id: Option<ID>,
        #[graphql(desc = "The record's slug: its global ID without the type (`dina-boluarte`).")]
        slug: Option<String>,
        #[graphql(desc = "Find it even if it was retracted.")] include_retracted: Option<bool>,
    ) -> Result<Option<PlannedOne<Organization>>> {
        find_one::<organization::Entity>(ctx, NodeKind::Organization, id, slug, include_retracted)
            .await
            .map(|row| Some(PlannedOne(Organization(row))))
    }
}
