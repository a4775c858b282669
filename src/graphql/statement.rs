//! `Statement`: words said by a person or an organization, as a source
//! reports them, and the root fields that find statements.

use async_graphql::{Context, Enum, InputObject, Object, ID};
use entity::{incident, organization, person, place, source, statement, statement_mention};
use sea_orm::Order;

use super::filter::{Filter, StatementFilter};
use super::pagination::{self, ListNode, PageArgs};
use super::plan::{Plannable, Planned, PlannedOne, Row, Ty};
use super::scalars::stored_date;
use super::{
    citations, find_one, loaders, node_id, Actor, Citation, Incident, OrderDirection, Place, Source,
};
use crate::domain::record_kinds::{SpeakerRole, StatementKind};
use crate::domain::{NodeKind, PartialDate};
use crate::error::{Error, Result};
use crate::store::Rel;

/// Words said or written by a person or an organization, exactly as the
/// reporting source gives them, with who said them, when, what about, and
/// where they were first said.
pub struct Statement(pub statement::Model);

impl ListNode for Statement {
    type Entity = statement::Entity;
    fn wrap(model: statement::Model) -> Self {
        Statement(model)
    }
}

impl Plannable for Statement {
    const TY: Ty = Ty::Statement;
    fn row(&self) -> Row {
        Row::Statement(self.0.clone())
    }
}

/// The actor in a pair of nullable person / organization columns.
pub async fn actor(
    ctx: &Context<'_>,
    person_id: Option<i64>,
    organization_id: Option<i64>,
) -> Result<Actor> {
    match (person_id, organization_id) {
        (Some(id), None) => Ok(Actor::Person(super::Person(
            loaders::record::<person::Entity>(ctx, id).await?,
        ))),
        (None, Some(id)) => Ok(Actor::Organization(super::Organization(
            loaders::record::<organization::Entity>(ctx, id).await?,
        ))),
        _ => Err(Error::Internal(
            "a row must name exactly one person or organization".into(),
        )),
    }
}

/// Words said or written by a person or an organization, exactly as the
/// reporting source gives them, with who said them, when, what about, and
/// where they were first said.
#[Object]
impl Statement {
    /// The global ID, `Statement:<slug>`, the same in every deployment.
    pub async fn id(&self, _ctx: &Context<'_>) -> ID {
        node_id(NodeKind::Statement, &self.0.slug)
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

    /// The words, verbatim from the reporting source (its brackets and ellipses
    /// included). For a `QUOTE` or `FRAGMENT`, the speaker's words as quoted;
    /// for a `PARAPHRASE`, the source's own words about what was said.
    async fn text(&self) -> &str {
        &self.0.text
    }

    /// Whether `text` is a quote, a quoted fragment or the source's paraphrase.
    async fn kind(&self) -> Result<StatementKind> {
        StatementKind::from_stored(&self.0.kind)
            .ok_or_else(|| Error::Internal(format!("unknown statement kind {}", self.0.kind)))
    }

    /// The language of `text` as reported (ISO 639-1), e.g. `en` for a translation.
    async fn language(&self) -> &str {
        &self.0.language
    }

    /// When the words were said, at the precision the source gives.
    async fn date(&self) -> Option<PartialDate> {
        stored_date(&self.0.date)
    }

    /// When `date` is unknown: the words were said no earlier than this.
    async fn not_before(&self) -> Option<PartialDate> {
        stored_date(&self.0.not_before)
    }

    /// When `date` is unknown: the words were said no later than this.
    async fn not_after(&self) -> Option<PartialDate> {
        stored_date(&self.0.not_after)
    }

    /// Whether something in the record (its date or bounds, its speaker) is
    /// not stated by the source but inferred; `inference` says what and why.
    async fn inferred(&self) -> bool {
        self.0.inferred
    }

    /// What was inferred, and from which words.
    async fn inference(&self) -> Option<&str> {
        self.0.inference.as_deref()
    }

    /// Whether the speaker held a public office (or is an organ of the state)
    /// on the day the words were said, as far as the dates settle it. Unlike
    /// `Person.isOfficial` ("holds or held"), this is as of the day spoken.
    async fn speaker_role(&self) -> Result<SpeakerRole> {
        SpeakerRole::from_stored(&self.0.speaker_role)
            .ok_or_else(|| Error::Internal(format!("unknown speaker role {}", self.0.speaker_role)))
    }

    /// Why `speakerRole` is what it is: the office and dates that decide it,
    /// or the source's words when the source states it.
    async fn speaker_role_reason(&self) -> Option<&str> {
        self.0.speaker_role_reason.as_deref()
    }

    /// Where or how they were said: "farewell speech", "press conference", "tweet".
    async fn occasion(&self) -> Option<&str> {
        self.0.occasion.as_deref()
    }

    /// Who said them.
    async fn speaker(&self, ctx: &Context<'_>) -> Result<Actor> {
        actor(
            ctx,
            self.0.speaker_person_id,
            self.0.speaker_organization_id,
        )
        .await
    }

    /// The incidents the statement is about, oldest first.
    async fn incidents(&self, ctx: &Context<'_>) -> Result<Vec<Incident>> {
        let rows =
            loaders::related::<incident::Entity>(ctx, Rel::StatementIncidents, self.0.id).await?;
        Ok(rows.into_iter().map(Incident).collect())
    }

    /// The places the statement is about, rather than an incident there.
    async fn places(&self, ctx: &Context<'_>) -> Result<Vec<Place>> {
        let rows = loaders::related::<place::Entity>(ctx, Rel::StatementPlaces, self.0.id).await?;
        Ok(rows.into_iter().map(Place).collect())
    }

    /// The persons and organizations the statement names.
    async fn mentions(&self, ctx: &Context<'_>) -> Result<Vec<Actor>> {
        let rows =
            loaders::related::<statement_mention::Entity>(ctx, Rel::StatementMentions, self.0.id)
                .await?;
        let actors = rows
            .iter()
            .map(|m| actor(ctx, m.person_id, m.organization_id));
        futures_util::future::try_join_all(actors).await
    }

    /// The source that reports the statement.
    async fn source(&self, ctx: &Context<'_>) -> Result<Source> {
        Ok(Source(
            loaders::record::<source::Entity>(ctx, self.0.source_id).await?,
        ))
    }

    /// Where the words were first said or published (an interview, a post), when not the reporting source.
    async fn original_source(&self, ctx: &Context<'_>) -> Result<Option<Source>> {
        match self.0.original_source_id {
            Some(id) => Ok(Some(Source(
                loaders::record::<source::Entity>(ctx, id).await?,
            ))),
            None => Ok(None),
        }
    }

    /// The reporting source's words that carry the statement.
    async fn citations(&self, ctx: &Context<'_>) -> Result<Vec<Citation>> {
        citations(ctx, Rel::StatementCitations, self.0.id).await
    }
}

/// What statements can be ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum StatementOrderField {
    /// The date said (undated statements last).
    Date,
}

/// The order of a list of statements.
#[derive(Debug, Clone, Copy, InputObject)]
pub struct StatementOrder {
    /// What to order by.
    field: StatementOrderField,
    /// Which way.
    #[graphql(default)]
    direction: OrderDirection,
}

impl StatementOrder {
    /// The column and direction to sort by.
    fn column(self) -> (statement::Column, Order) {
        let column = match self.field {
            StatementOrderField::Date => statement::Column::Date,
        };
        (column, self.direction.into())
    }
}

/// Root fields that find statements.
#[derive(Default)]
pub struct StatementQuery;

/// Root fields that find statements.
#[Object]
impl StatementQuery {
    /// Statements matching `filter`, oldest first unless `orderBy` says otherwise.
    /// For example, statements by officials, as of the day they spoke, about incidents in Puno:
    /// `statements(filter: { spokenAsOfficial: true, about: { place: { within: "puno" } } })`.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::pagination::cost(first, last, child_complexity)")]
    async fn statements(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only the items that match every condition given here.")] filter: Option<
            StatementFilter,
        >,
        #[graphql(desc = "Show retracted records too (hidden by default).")]
        include_retracted: Option<bool>,
        #[graphql(
            desc = "Only records changed at or after this time (RFC 3339, or a date), for incremental sync."
        )]
        updated_since: Option<String>,
        #[graphql(desc = "The order of the list.")] order_by: Option<StatementOrder>,
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
    ) -> Result<Planned<Statement>> {
        let condition = filter
            .unwrap_or_default()
            .condition(ctx)
            .await?
            .add(super::filter::scope(
                statement::Entity,
                include_retracted,
                updated_since,
            )?);
        let order = order_by.map_or(
            (statement::Column::Date, Order::Asc),
            StatementOrder::column,
        );
        pagination::root(
            ctx,
            &PageArgs::new(first, after, last, before),
            condition,
            &[order],
        )
        .await
        .map(Planned)
    }

    /// One statement, by ID or by slug; null, with a NOT_FOUND error at its path, when none has it
    /// (or it is retracted, unless `includeRetracted`).
    async fn statement(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The record's global ID (`Type:slug`, as `Person:dina-boluarte`).")]
        id: Option<ID>,
        #[graphql(desc = "The record's slug: its global ID without the type (`dina-boluarte`).")]
        slug: Option<String>,
        #[graphql(desc = "Find it even if it was retracted.")] include_retracted: Option<bool>,
    ) -> Result<Option<PlannedOne<Statement>>> {
        find_one::<statement::Entity>(ctx, NodeKind::Statement, id, slug, include_retracted)
            .await
            .map(|row| Some(PlannedOne(Statement(row))))
    }
}
