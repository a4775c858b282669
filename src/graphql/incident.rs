//! `Incident`: an event (a killing, an arrest, an announcement), and the root
//! fields that find incidents.

use async_graphql::{Context, Enum, InputObject, Object, ID};
use entity::{casualty_report, incident, incident_link, involvement, participant, place};
use sea_orm::Order;

use super::filter::{Filter, IncidentFilter};
use super::pagination::{self, Connection, ListNode, PageArgs};
use super::plan::{Plannable, Planned, PlannedOne, Row, Ty};
use super::scalars::stored_date;
use super::{
    citations, find_one, loaders, node_id, CasualtyReport, Citation, IncidentLink, Involvement,
    OrderDirection, Participant, Place, Statement,
};
use crate::domain::kinds::IncidentKind;
use crate::domain::{NodeKind, PartialDate};
use crate::error::{Error, Result};
use crate::store::Rel;

/// Something that happened: killings at a place on a day, an arrest, the
/// announcement of an investigation. Dates keep their precision.
pub struct Incident(pub incident::Model);

impl ListNode for Incident {
    type Entity = incident::Entity;
    fn wrap(model: incident::Model) -> Self {
        Incident(model)
    }
}

impl Plannable for Incident {
    const TY: Ty = Ty::Incident;
    fn row(&self) -> Row {
        Row::Incident(self.0.clone())
    }
}

/// Something that happened: killings at a place on a day, an arrest, the
/// announcement of an investigation. Dates keep their precision.
#[Object]
impl Incident {
    /// The global ID, `Incident:<slug>`, the same in every deployment.
    pub async fn id(&self, _ctx: &Context<'_>) -> ID {
        node_id(NodeKind::Incident, &self.0.slug)
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

    /// A short title in our words.
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// What happened, in our words; the citations give the sources' own.
    async fn summary(&self) -> &str {
        &self.0.summary
    }

    /// What kind of incident it is.
    async fn kind(&self) -> Result<IncidentKind> {
        IncidentKind::from_stored(&self.0.kind)
            .ok_or_else(|| Error::Internal(format!("unknown incident kind '{}'", self.0.kind)))
    }

    /// When it began, at the precision the sources give.
    async fn start_date(&self) -> Option<PartialDate> {
        stored_date(&self.0.start_date)
    }

    /// When it ended, if it lasted more than a day and the sources say.
    async fn end_date(&self) -> Option<PartialDate> {
        stored_date(&self.0.end_date)
    }

    /// Where it happened, when one place says it; `place { ancestors }` gives the chain up to the
    /// country. An incident in several places (a strike in seven regions) lists them in `places`.
    async fn place(&self, ctx: &Context<'_>) -> Result<Option<Place>> {
        match self.0.place_id {
            Some(id) => Ok(Some(Place(
                loaders::record::<place::Entity>(ctx, id).await?,
            ))),
            None => Ok(None),
        }
    }

    /// Statements about this incident, oldest first.
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
        pagination::related(ctx, Rel::IncidentStatements, self.0.id, &args).await
    }

    /// Every source's casualty figures, side by side, in order of publication.
    async fn casualty_reports(&self, ctx: &Context<'_>) -> Result<Vec<CasualtyReport>> {
        let rows = loaders::related::<casualty_report::Entity>(
            ctx,
            Rel::IncidentCasualtyReports,
            self.0.id,
        )
        .await?;
        Ok(rows.into_iter().map(CasualtyReport).collect())
    }

    /// Every source's figures side by side, with the lowest and highest and
    /// whether the sources disagree. Never an average.
    async fn casualty_summary(
        &self,
        ctx: &Context<'_>,
    ) -> Result<super::casualties::CasualtySummary> {
        super::casualties::summary_of(ctx, self.0.id).await
    }

    /// The organizations involved (forces deployed, offices acting), with their roles.
    async fn involved_organizations(&self, ctx: &Context<'_>) -> Result<Vec<Involvement>> {
        let rows =
            loaders::related::<involvement::Entity>(ctx, Rel::IncidentInvolvements, self.0.id)
                .await?;
        Ok(rows.into_iter().map(Involvement).collect())
    }

    /// Every place it happened in: the main `place` first, then the others
    /// (the strike of January 4, 2023 in seven regions).
    async fn places(&self, ctx: &Context<'_>) -> Result<Vec<Place>> {
        let mut ids: Vec<i64> = self.0.place_id.into_iter().collect();
        let further =
            loaders::page(ctx, Rel::IncidentPlaces, self.0.id, Default::default()).await?;
        ids.extend(
            further
                .ids
                .into_iter()
                .filter(|id| Some(*id) != self.0.place_id),
        );
        let rows = loaders::records::<place::Entity>(ctx, &ids).await?;
        Ok(rows.into_iter().map(Place).collect())
    }

    /// The persons with a part in it (killed, investigated, commanding...), with their roles.
    async fn participants(&self, ctx: &Context<'_>) -> Result<Vec<Participant>> {
        let rows =
            loaders::related::<participant::Entity>(ctx, Rel::IncidentParticipants, self.0.id)
                .await?;
        Ok(rows.into_iter().map(Participant).collect())
    }

    /// The incidents this one investigates, responds to or is part of.
    async fn links(&self, ctx: &Context<'_>) -> Result<Vec<IncidentLink>> {
        let rows =
            loaders::related::<incident_link::Entity>(ctx, Rel::IncidentLinks, self.0.id).await?;
        Ok(rows.into_iter().map(IncidentLink).collect())
    }

    /// The incidents that investigate, respond to or are part of this one.
    async fn linked_from(&self, ctx: &Context<'_>) -> Result<Vec<IncidentLink>> {
        let rows =
            loaders::related::<incident_link::Entity>(ctx, Rel::IncidentLinkedFrom, self.0.id)
                .await?;
        Ok(rows.into_iter().map(IncidentLink).collect())
    }

    /// Whether something in the record (a date, a place) is inferred rather than stated by its sources.
    async fn inferred(&self) -> bool {
        self.0.inferred
    }

    /// What was inferred, and from which words.
    async fn inference(&self) -> Option<&str> {
        self.0.inference.as_deref()
    }

    /// The sources and their words that establish the incident.
    async fn citations(&self, ctx: &Context<'_>) -> Result<Vec<Citation>> {
        citations(ctx, Rel::IncidentCitations, self.0.id).await
    }
}

/// What incidents can be ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum IncidentOrderField {
    /// The start date (undated incidents last).
    StartDate,
    /// The title.
    Title,
}

/// The order of a list of incidents.
#[derive(Debug, Clone, Copy, InputObject)]
pub struct IncidentOrder {
    /// What to order by.
    field: IncidentOrderField,
    /// Which way.
    #[graphql(default)]
    direction: OrderDirection,
}

impl IncidentOrder {
    /// The column and direction to sort by.
    fn column(self) -> (incident::Column, Order) {
        let column = match self.field {
            IncidentOrderField::StartDate => incident::Column::StartDate,
            IncidentOrderField::Title => incident::Column::Title,
        };
        (column, self.direction.into())
    }
}

/// Root fields that find incidents.
#[derive(Default)]
pub struct IncidentQuery;

/// Root fields that find incidents.
#[Object]
impl IncidentQuery {
    /// Incidents matching `filter`, oldest first unless `orderBy` says otherwise.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::pagination::cost(first, last, child_complexity)")]
    async fn incidents(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only the items that match every condition given here.")] filter: Option<
            IncidentFilter,
        >,
        #[graphql(desc = "Show retracted records too (hidden by default).")]
        include_retracted: Option<bool>,
        #[graphql(
            desc = "Only records changed at or after this time (RFC 3339, or a date), for incremental sync."
        )]
        updated_since: Option<String>,
        #[graphql(desc = "The order of the list.")] order_by: Option<IncidentOrder>,
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
    ) -> Result<Planned<Incident>> {
        let condition = filter
            .unwrap_or_default()
            .condition(ctx)
            .await?
            .add(super::filter::scope(
                incident::Entity,
                include_retracted,
                updated_since,
            )?);
        let order = order_by.map_or(
            (incident::Column::StartDate, Order::Asc),
            IncidentOrder::column,
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

    /// One incident, by ID or by slug; null, with a NOT_FOUND error at its path, when none has it
    /// (or it is retracted, unless `includeRetracted`).
    async fn incident(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The record's global ID (`Type:slug`, as `Person:dina-boluarte`).")]
        id: Option<ID>,
        #[graphql(desc = "The record's slug: its global ID without the type (`dina-boluarte`).")]
        slug: Option<String>,
        #[graphql(desc = "Find it even if it was retracted.")] include_retracted: Option<bool>,
    ) -> Result<Option<PlannedOne<Incident>>> {
        find_one::<incident::Entity>(ctx, NodeKind::Incident, id, slug, include_retracted)
            .await
            .map(|row| Some(PlannedOne(Incident(row))))
    }
}
