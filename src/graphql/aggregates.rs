//! Grouped counts for pages: incidents by place, organization and month;
//! statements by speaker and month.

use async_graphql::{Context, Object, SimpleObject};
use entity::{incident, statement};

use super::context::db;
use super::filter::{live_matching, Filter, IncidentFilter, StatementFilter};
use super::plan::{Batch, Batched, Item};
use super::{Actor, Organization, Place};
use crate::domain::kinds::PlaceKind;
use crate::domain::NodeKind;
use crate::error::{in_range, Error, Result};
use crate::store::aggregates;
use sea_orm::EntityTrait;

/// A record and a count, the record under its own field name.
macro_rules! count_type {
    ($name:ident, $field:ident: $item:ident, $doc:literal, $field_doc:literal, $count_doc:literal) => {
        #[doc = $doc]
        pub struct $name(Batched<$item>, i64);

        #[doc = $doc]
        #[Object]
        impl $name {
            #[doc = $field_doc]
            async fn $field(&self) -> &Batched<$item> {
                &self.0
            }

            #[doc = $count_doc]
            async fn count(&self) -> i64 {
                self.1
            }
        }
    };
}

count_type!(
    PlaceCount, place: Place,
    "A place and how many incidents lie within it.",
    "The place.",
    "Incidents at it or anywhere below it."
);
count_type!(
    OrganizationCount, organization: Organization,
    "An organization and how many incidents it was involved in.",
    "The organization.",
    "Incidents it was involved in."
);
count_type!(
    SpeakerCount, speaker: Actor,
    "A speaker and how many statements they made.",
    "The speaker.",
    "Statements they made."
);

/// Counts with their records, the records read together (`kind` names them).
fn counted<T, C>(
    rows: Vec<(i64, i64)>,
    kind: NodeKind,
    wrap: impl Fn(Batched<T>, i64) -> C,
) -> Vec<C> {
    let items = rows.iter().map(|(id, _)| Item::Named(kind, *id)).collect();
    Batch::of(items)
        .into_iter()
        .zip(rows)
        .map(|(record, (_, n))| wrap(record, n))
        .collect()
}

/// A month and a count.
#[derive(SimpleObject)]
pub struct MonthCount {
    /// The month, `YYYY-MM`.
    month: String,
    /// How many in that month (records dated only to a year are not counted).
    count: i64,
}

/// The live rows of `table` that `filter` matches, counted per month of `date`.
async fn months<F: Filter + Default, E: EntityTrait>(
    ctx: &Context<'_>,
    filter: Option<F>,
    table: E,
    date: E::Column,
) -> Result<Vec<MonthCount>> {
    let condition = live_matching(ctx, filter, table).await?;
    let rows = aggregates::by_month(db(ctx)?, date, condition).await?;
    Ok(rows
        .into_iter()
        .map(|(month, count)| MonthCount { month, count })
        .collect())
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
        let condition = live_matching(ctx, filter, incident::Entity).await?;
        let rows = aggregates::incidents_by_place(db(ctx)?, level.as_str(), condition).await?;
        Ok(counted(rows, NodeKind::Place, PlaceCount))
    }

    /// Incidents matching `filter`, counted per involved organization, most first.
    async fn incidents_by_organization(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only the items that match every condition given here.")] filter: Option<
            IncidentFilter,
        >,
    ) -> Result<Vec<OrganizationCount>> {
        let condition = live_matching(ctx, filter, incident::Entity).await?;
        let rows = aggregates::incidents_by_organization(db(ctx)?, condition).await?;
        Ok(counted(rows, NodeKind::Organization, OrganizationCount))
    }

    /// Incidents matching `filter`, counted per month they started, in month order.
    async fn incidents_by_month(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only the items that match every condition given here.")] filter: Option<
            IncidentFilter,
        >,
    ) -> Result<Vec<MonthCount>> {
        months(ctx, filter, incident::Entity, incident::Column::StartDate).await
    }

    /// Statements matching `filter`, counted per month said, in month order.
    async fn statements_by_month(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only the items that match every condition given here.")] filter: Option<
            StatementFilter,
        >,
    ) -> Result<Vec<MonthCount>> {
        months(ctx, filter, statement::Entity, statement::Column::Date).await
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
        in_range("first", first, 0..=100)?;
        let condition = live_matching(ctx, filter, statement::Entity).await?;
        let rows = aggregates::statements_by_speaker(db(ctx)?, condition, first as u64).await?;
        let items: Option<Vec<Item>> = rows
            .iter()
            .map(|row| match *row {
                (Some(id), None, _) => Some(Item::Named(NodeKind::Person, id)),
                (None, Some(id), _) => Some(Item::Named(NodeKind::Organization, id)),
                _ => None,
            })
            .collect();
        let items = items.ok_or_else(|| {
            Error::Internal("a statement must name exactly one person or organization".into())
        })?;
        Ok(Batch::of(items)
            .into_iter()
            .zip(rows)
            .map(|(speaker, (_, _, n))| SpeakerCount(speaker, n))
            .collect())
    }
}
