//! Grouped counts for pages: incidents by place, organization and month;
//! statements by speaker and month.

use async_graphql::{Context, Object, SimpleObject};
use entity::{organization, place};

use super::context::db;
use super::filter::{live, Filter, IncidentFilter, StatementFilter};
use super::statement::actor;
use super::{loaders, Actor, Organization, Place};
use crate::domain::kinds::PlaceKind;
use crate::error::{Error, Result};
use crate::store::aggregates;

/// A place and how many incidents lie within it.
pub struct PlaceCount(i64, i64);

/// A place and how many incidents lie within it.
#[Object]
impl PlaceCount {
    /// The place.
    async fn place(&self, ctx: &Context<'_>) -> Result<Place> {
        Ok(Place(loaders::record::<place::Entity>(ctx, self.0).await?))
    }

    /// Incidents at it or anywhere below it.
    async fn count(&self) -> i64 {
        self.1
    }
}

/// An organization and how many incidents it was involved in.
pub struct OrganizationCount(i64, i64);

/// An organization and how many incidents it was involved in.
#[Object]
impl OrganizationCount {
    /// The organization.
    async fn organization(&self, ctx: &Context<'_>) -> Result<Organization> {
        Ok(Organization(
            loaders::record::<organization::Entity>(ctx, self.0).await?,
        ))
    }

    /// Incidents it was involved in.
    async fn count(&self) -> i64 {
        self.1
    }
}

/// A speaker and how many statements they made.
pub struct SpeakerCount(Option<i64>, Option<i64>, i64);

/// A speaker and how many statements they made.
#[Object]
impl SpeakerCount {
    /// The speaker.
    async fn speaker(&self, ctx: &Context<'_>) -> Result<Actor> {
        actor(ctx, self.0, self.1).await
    }

    /// Statements they made.
    async fn count(&self) -> i64 {
        self.2
    }
}

/// A month and a count.
#[derive(SimpleObject)]
pub struct MonthCount {
    /// The month, `YYYY-MM`.
    month: String,
    /// How many in that month (records dated only to a year are not counted).
    count: i64,
}

/// Root fields with grouped counts.
#[derive(Default)]
pub struct AggregateQuery;

/// Root fields with grouped counts.
#[Object]
impl AggregateQuery {
    /// Incidents matching `filter`, counted per place of the kind `level` (regions by default), most first.
    async fn incidents_by_place(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            default_with = "PlaceKind::Region",
            desc = "The kind of place to count per (regions by default)."
        )]
        level: PlaceKind,
        #[graphql(desc = "Only the items that match every condition given here.")] filter: Option<
            IncidentFilter,
        >,
    ) -> Result<Vec<PlaceCount>> {
        let condition = filter
            .unwrap_or_default()
            .condition(ctx)
            .await?
            .add(live("incident"));
        let rows = aggregates::incidents_by_place(db(ctx)?, level.as_str(), condition).await?;
        Ok(rows.into_iter().map(|(id, n)| PlaceCount(id, n)).collect())
    }

    /// Incidents matching `filter`, counted per involved organization, most first.
    async fn incidents_by_organization(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only the items that match every condition given here.")] filter: Option<
            IncidentFilter,
        >,
    ) -> Result<Vec<OrganizationCount>> {
        let condition = filter
            .unwrap_or_default()
            .condition(ctx)
            .await?
            .add(live("incident"));
        let rows = aggregates::incidents_by_organization(db(ctx)?, condition).await?;
        Ok(rows
            .into_iter()
            .map(|(id, n)| OrganizationCount(id, n))
            .collect())
    }

    /// Incidents matching `filter`, counted per month they started, in month order.
    async fn incidents_by_month(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only the items that match every condition given here.")] filter: Option<
            IncidentFilter,
        >,
    ) -> Result<Vec<MonthCount>> {
        let condition = filter
            .unwrap_or_default()
            .condition(ctx)
            .await?
            .add(live("incident"));
        let rows = aggregates::by_month(db(ctx)?, "incident", "start_date", condition).await?;
        Ok(rows
            .into_iter()
            .map(|(month, count)| MonthCount { month, count })
            .collect())
    }

    /// Statements matching `filter`, counted per month said, in month order.
    async fn statements_by_month(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only the items that match every condition given here.")] filter: Option<
            StatementFilter,
        >,
    ) -> Result<Vec<MonthCount>> {
        let condition = filter
            .unwrap_or_default()
            .condition(ctx)
            .await?
            .add(live("statement"));
        let rows = aggregates::by_month(db(ctx)?, "statement", "date", condition).await?;
        Ok(rows
            .into_iter()
            .map(|(month, count)| MonthCount { month, count })
            .collect())
    }

    /// Statements matching `filter`, counted per speaker, most first (at most `first`, up to 100).
    async fn statements_by_speaker(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only the items that match every condition given here.")] filter: Option<
            StatementFilter,
        >,
        #[graphql(
            default = 20,
            desc = "At most this many items, from the start of the list or after `after`."
        )]
        first: i32,
    ) -> Result<Vec<SpeakerCount>> {
        if !(0..=100).contains(&first) {
            return Err(Error::bad_input(format!(
                "`first` must be from 0 to 100, got {first}"
            )));
        }
        let condition = filter
            .unwrap_or_default()
            .condition(ctx)
            .await?
            .add(live("statement"));
        let rows = aggregates::statements_by_speaker(db(ctx)?, condition, first as u64).await?;
        Ok(rows
            .into_iter()
            .map(|(p, o, n)| SpeakerCount(p, o, n))
            .collect())
    }
}
