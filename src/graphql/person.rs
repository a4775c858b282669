//! `Person`: a named human being, and the root fields that find persons.

use async_graphql::{Context, Enum, InputObject, Object, ID};
use entity::{person, position};
use sea_orm::Order;

use super::filter::{Filter, PersonFilter};
use super::pagination::{self, Connection, ListNode, PageArgs};
use super::plan::{Plannable, Planned, PlannedOne, Row, Ty};
use super::{alias_names, find_one, loaders, node_id, OrderDirection, Position, Source, Statement};
use crate::domain::NodeKind;
use crate::error::Result;
use crate::store::Rel;

/// A named human being: an official, a commander, a victim, a journalist.
pub struct Person(pub person::Model);

impl ListNode for Person {
    type Entity = person::Entity;
    fn wrap(model: person::Model) -> Self {
        Person(model)
    }
}

impl Plannable for Person {
    const TY: Ty = Ty::Person;
    fn row(&self) -> Row {
        Row::Person(self.0.clone())
    }
}

/// A named human being: an official, a commander, a victim, a journalist.
#[Object]
impl Person {
    /// The global ID, `Person:<slug>`, the same in every deployment.
    pub async fn id(&self, _ctx: &Context<'_>) -> ID {
        node_id(NodeKind::Person, &self.0.slug)
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

    /// The name as the sources write it, with accents.
    pub async fn name(&self, _ctx: &Context<'_>) -> &str {
        &self.0.name
    }

    /// Who the person is, in a line.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }

    /// Other names and spellings (with and without accents).
    pub async fn aliases(&self, ctx: &Context<'_>) -> Result<Vec<String>> {
        alias_names(ctx, Rel::PersonAliases, self.0.id).await
    }

    /// Positions held, oldest first.
    async fn positions(&self, ctx: &Context<'_>) -> Result<Vec<Position>> {
        let rows =
            loaders::related::<position::Entity>(ctx, Rel::PersonPositions, self.0.id).await?;
        Ok(rows.into_iter().map(Position).collect())
    }

    /// The incidents the person had a part in (killed, detained, investigated,
    /// investigating...), oldest first, with the part.
    async fn incidents(&self, ctx: &Context<'_>) -> Result<Vec<super::Participant>> {
        let rows = loaders::related::<entity::participant::Entity>(
            ctx,
            Rel::PersonParticipations,
            self.0.id,
        )
        .await?;
        Ok(rows.into_iter().map(super::Participant).collect())
    }

    /// Whether the person holds or held a public office (government, congress,
    /// armed forces, police, prosecutor, judiciary) at any time. For whether
    /// they held one when saying something, read `Statement.speakerRole`.
    async fn is_official(&self, ctx: &Context<'_>) -> Result<bool> {
        let rows =
            loaders::related::<position::Entity>(ctx, Rel::PersonPositions, self.0.id).await?;
        Ok(rows.iter().any(|p| p.is_public_office))
    }

    /// What the person said, oldest first.
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
        pagination::related(ctx, Rel::PersonStatements, self.0.id, &args).await
    }

    /// Statements that name this person, oldest first.
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
        pagination::related(ctx, Rel::PersonMentionedIn, self.0.id, &args).await
    }

    /// Sources the person wrote, oldest first.
    #[graphql(complexity = "crate::graphql::pagination::cost(first, last, child_complexity)")]
    async fn authored(
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
        pagination::related(ctx, Rel::PersonAuthored, self.0.id, &args).await
    }
}

/// What persons can be ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum PersonOrderField {
    /// The name.
    Name,
}

/// The order of a list of persons.
#[derive(Debug, Clone, Copy, InputObject)]
pub struct PersonOrder {
    /// What to order by.
    field: PersonOrderField,
    /// Which way.
    #[graphql(default)]
    direction: OrderDirection,
}

impl PersonOrder {
    /// The column and direction to sort by.
    fn column(self) -> (person::Column, Order) {
        let column = match self.field {
            PersonOrderField::Name => person::Column::Name,
        };
        (column, self.direction.into())
    }
}

/// Root fields that find persons.
#[derive(Default)]
pub struct PersonQuery;

/// Root fields that find persons.
#[Object]
impl PersonQuery {
    /// Persons matching `filter`, by name unless `orderBy` says otherwise.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::pagination::cost(first, last, child_complexity)")]
    async fn persons(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only the items that match every condition given here.")] filter: Option<
            PersonFilter,
        >,
        #[graphql(desc = "Show retracted records too (hidden by default).")]
        include_retracted: Option<bool>,
        #[graphql(
            desc = "Only records changed at or after this time (RFC 3339, or a date), for incremental sync."
        )]
        updated_since: Option<String>,
        #[graphql(desc = "The order of the list.")] order_by: Option<PersonOrder>,
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
    ) -> Result<Planned<Person>> {
        let condition = filter
            .unwrap_or_default()
            .condition(ctx)
            .await?
            .add(super::filter::scope(
                person::Entity,
                include_retracted,
                updated_since,
            )?);
        let order = order_by.map_or((person::Column::Name, Order::Asc), PersonOrder::column);
        pagination::root(
            ctx,
            &PageArgs::new(first, after, last, before),
            condition,
            &[order],
        )
        .await
        .map(Planned)
    }

    /// One person, by ID or by slug (a merged record's ID gives the record it was merged into);
    /// null, with a NOT_FOUND error at its path, when none has it (or it is retracted, unless
    /// `includeRetracted`).
    async fn person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The record's global ID (`Type:slug`, as `Person:dina-boluarte`).")]
        id: Option<ID>,
        #[graphql(desc = "The record's slug: its global ID without the type (`dina-boluarte`).")]
        slug: Option<String>,
        #[graphql(desc = "Find it even if it was retracted.")] include_retracted: Option<bool>,
    ) -> Result<Option<PlannedOne<Person>>> {
        find_one::<person::Entity>(ctx, NodeKind::Person, id, slug, include_retracted)
            .await
            .map(|row| Some(PlannedOne(Person(row))))
    }
}
