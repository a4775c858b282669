//! `Source`: a document that reports facts, and the root fields that find sources.

use async_graphql::{Context, Enum, InputObject, Object, ID};
use entity::{casualty_report, organization, person, source};
use sea_orm::Order;

use super::filter::{Filter, SourceFilter};
use super::pagination::{self, Connection, ListNode, PageArgs};
use super::plan::{Plannable, Planned, PlannedOne, Row, Ty};
use super::scalars::stored_date;
use super::{
    find_one, loaders, node_id, CasualtyReport, OrderDirection, Organization, Person, Statement,
};
use crate::domain::kinds::SourceKind;
use crate::domain::{NodeKind, PartialDate};
use crate::error::{Error, Result};
use crate::store::Rel;

/// A document that reports facts: a news article, a press release, a report,
/// an interview, a post. Every statement, casualty figure and citation points
/// at one.
pub struct Source(pub source::Model);

impl ListNode for Source {
    type Entity = source::Entity;
    fn wrap(model: source::Model) -> Self {
        Source(model)
    }
}

impl Plannable for Source {
    const TY: Ty = Ty::Source;
    fn row(&self) -> Row {
        Row::Source(self.0.clone())
    }
}

/// A document that reports facts: a news article, a press release, a report,
/// an interview, a post. Every statement, casualty figure and citation points
/// at one.
#[Object]
impl Source {
    /// The global ID, `Source:<slug>`, the same in every deployment.
    pub async fn id(&self, _ctx: &Context<'_>) -> ID {
        node_id(NodeKind::Source, &self.0.slug)
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

    /// What kind of document it is.
    async fn kind(&self) -> Result<SourceKind> {
        SourceKind::from_stored(&self.0.kind)
            .ok_or_else(|| Error::Internal(format!("unknown source kind '{}'", self.0.kind)))
    }

    /// The title (for a source known only by citation, a description of it).
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// The organization that published it.
    async fn publisher(&self, ctx: &Context<'_>) -> Result<Option<Organization>> {
        match self.0.publisher_id {
            Some(id) => Ok(Some(Organization(
                loaders::record::<organization::Entity>(ctx, id).await?,
            ))),
            None => Ok(None),
        }
    }

    /// The authors, in byline order.
    async fn authors(&self, ctx: &Context<'_>) -> Result<Vec<Person>> {
        let rows = loaders::related::<person::Entity>(ctx, Rel::SourceAuthors, self.0.id).await?;
        Ok(rows.into_iter().map(Person).collect())
    }

    /// When it was published, at the precision known.
    async fn published_at(&self) -> Option<PartialDate> {
        stored_date(&self.0.published_at)
    }

    /// Where it can be read, when known.
    async fn url(&self) -> Option<&str> {
        self.0.url.as_deref()
    }

    /// Its language (ISO 639-1).
    async fn language(&self) -> Option<&str> {
        self.0.language.as_deref()
    }

    /// The statements it reports, oldest first.
    #[graphql(complexity = "crate::graphql::pagination::cost(first, last, child_complexity)")]
    async fn statements(
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
        pagination::related(ctx, Rel::SourceStatements, self.0.id, &args).await
    }

    /// The casualty figures it gives.
    async fn casualty_reports(&self, ctx: &Context<'_>) -> Result<Vec<CasualtyReport>> {
        let rows =
            loaders::related::<casualty_report::Entity>(ctx, Rel::SourceCasualtyReports, self.0.id)
                .await?;
        Ok(rows.into_iter().map(CasualtyReport).collect())
    }

    /// The sources it cites.
    async fn cites(&self, ctx: &Context<'_>) -> Result<Vec<Source>> {
        let rows = loaders::related::<source::Entity>(ctx, Rel::SourceCites, self.0.id).await?;
        Ok(rows.into_iter().map(Source).collect())
    }

    /// The sources that cite it, oldest first.
    #[graphql(complexity = "crate::graphql::pagination::cost(first, last, child_complexity)")]
    async fn cited_by(
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
        pagination::related(ctx, Rel::SourceCitedBy, self.0.id, &args).await
    }
}

/// What sources can be ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum SourceOrderField {
    /// The publication date (undated sources last).
    PublishedAt,
    /// The title.
    Title,
}

/// The order of a list of sources.
#[derive(Debug, Clone, Copy, InputObject)]
pub struct SourceOrder {
    /// What to order by.
    field: SourceOrderField,
    /// Which way.
    #[graphql(default)]
    direction: OrderDirection,
}

impl SourceOrder {
    /// The column and direction to sort by.
    fn column(self) -> (source::Column, Order) {
        let column = match self.field {
            SourceOrderField::PublishedAt => source::Column::PublishedAt,
            SourceOrderField::Title => source::Column::Title,
        };
        (column, self.direction.into())
    }
}

/// Root fields that find sources.
#[derive(Default)]
pub struct SourceQuery;

/// Root fields that find sources.
#[Object]
impl SourceQuery {
    /// Sources matching `filter`, oldest first unless `orderBy` says otherwise.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::pagination::cost(first, last, child_complexity)")]
    async fn sources(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only the items that match every condition given here.")] filter: Option<
            SourceFilter,
        >,
        #[graphql(desc = "Show retracted records too (hidden by default).")]
        include_retracted: Option<bool>,
        #[graphql(
            desc = "Only records changed at or after this time (RFC 3339, or a date), for incremental sync."
        )]
        updated_since: Option<String>,
        #[graphql(desc = "The order of the list.")] order_by: Option<SourceOrder>,
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
    ) -> Result<Planned<Source>> {
        let condition = filter
            .unwrap_or_default()
            .condition(ctx)
            .await?
            .add(super::filter::scope(
                source::Entity,
                include_retracted,
                updated_since,
            )?);
        let order = order_by.map_or(
            (source::Column::PublishedAt, Order::Asc),
            SourceOrder::column,
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

    /// One source, by ID or by slug; null, with a NOT_FOUND error at its path, when none has it
    /// (or it is retracted, unless `includeRetracted`).
    async fn source(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The record's global ID (`Type:slug`, as `Person:dina-boluarte`).")]
        id: Option<ID>,
        #[graphql(desc = "The record's slug: its global ID without the type (`dina-boluarte`).")]
        slug: Option<String>,
        #[graphql(desc = "Find it even if it was retracted.")] include_retracted: Option<bool>,
    ) -> Result<Option<PlannedOne<Source>>> {
        find_one::<source::Entity>(ctx, NodeKind::Source, id, slug, include_retracted)
            .await
            .map(|row| Some(PlannedOne(Source(row))))
    }
}
