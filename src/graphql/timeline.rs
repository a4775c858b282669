//! `timeline`: incidents and statements in date order. Partial dates sort
//! by their start (`2023-01` before `2023-01-09`) and keep their precision;
//! undated records have no place on a timeline and are left out.

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject, ID};
use entity::{incident, statement};

use super::context::db;
use super::filter::{
    ActorFilter, Filter, IncidentFilter, OrganizationFilter, PlaceFilter, StatementFilter,
};
use super::node::resolve_node_ref;
use super::pagination::{page_size, PageInfo, DEFAULT_PAGE_SIZE};
use super::place::resolve_place_ref;
use super::plan::{Batch, BatchedNode, Item};
use super::scalars::stored_date;
use super::timeline_keys::{decode_entry, encode_entry, Entry, Page};
use super::Node;
use crate::domain::partial_date::Precision;
use crate::domain::{NodeKind, PartialDate};
use crate::error::{Error, Result};

/// What a timeline shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum TimelineKind {
    /// Incidents, by start date.
    Incident,
    /// Statements, by the date said.
    Statement,
}

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum DatePrecision {
    /// The year only.
    Year,
    /// The year and month.
    Month,
    /// The day.
    Day,
}

/// Selects what a timeline shows.
#[derive(Debug, Clone, Default, InputObject)]
pub struct TimelineFilter {
    /// Incidents at this place or below it, and statements about them: a slug (`puno`) or an ID.
    pub place_within: Option<String>,
    /// Statements by this person or organization, and incidents the organization was involved in (an ID).
    pub actor: Option<ID>,
    /// On or after this date (inclusive at its precision).
    pub from: Option<PartialDate>,
    /// On or before this date (inclusive at its precision).
    pub to: Option<PartialDate>,
    /// Which kinds of entry (both by default).
    pub kinds: Option<Vec<TimelineKind>>,
}

/// One entry of a timeline.
pub struct TimelineEntry {
    date: PartialDate,
    kind: TimelineKind,
    item: BatchedNode,
}

/// One entry of a timeline.
#[Object]
impl TimelineEntry {
    /// When, at the precision known.
    async fn date(&self) -> PartialDate {
        self.date
    }

    /// How precisely `date` is known.
    async fn precision(&self) -> DatePrecision {
        match self.date.precision() {
            Precision::Year => DatePrecision::Year,
            Precision::Month => DatePrecision::Month,
            Precision::Day => DatePrecision::Day,
        }
    }

    /// Whether this is an incident or a statement.
    async fn kind(&self) -> TimelineKind {
        self.kind
    }

    /// The incident or statement.
    async fn node(&self) -> &BatchedNode {
        &self.item
    }
}

/// A timeline entry with its cursor.
#[derive(SimpleObject)]
pub struct TimelineEdge {
    /// The cursor to pass as `after`.
    cursor: String,
    /// The entry.
    node: TimelineEntry,
}

/// A page of a timeline.
#[derive(SimpleObject)]
pub struct TimelineConnection {
    /// The entries of this page, in date order.
    edges: Vec<TimelineEdge>,
    /// Where this page lies.
    page_info: PageInfo,
    /// How many entries in all.
    total_count: u64,
}

/// The incident and statement filters a timeline filter stands for (no
/// incidents for a person: persons are not involved in incidents as such).
async fn filters(
    ctx: &Context<'_>,
    f: &TimelineFilter,
) -> Result<(Option<IncidentFilter>, StatementFilter)> {
    let place = match &f.place_within {
        Some(within) => Some(PlaceFilter {
            within_id: Some(resolve_place_ref(db(ctx)?, within).await?.id),
            within: Some(within.clone()),
            ..Default::default()
        }),
        None => None,
    };
    let mut incidents = IncidentFilter {
        place: place.clone(),
        start_from: f.from,
        start_to: f.to,
        ..Default::default()
    };
    let mut statements = StatementFilter {
        date_from: f.from,
        date_to: f.to,
        ..Default::default()
    };
    if let Some(place) = place {
        statements.about = Some(IncidentFilter {
            place: Some(place),
            ..Default::default()
        });
    }
    if let Some(id) = &f.actor {
        let (kind, _) = resolve_node_ref(ctx, id).await?;
        let slug = crate::domain::NodeId::parse(id)
            .map_err(Error::BadUserInput)?
            .slug;
        match kind {
            NodeKind::Organization => {
                incidents.involves = Some(OrganizationFilter {
                    slug: Some(slug.clone()),
                    ..Default::default()
                });
            }
            NodeKind::Person => {
                statements.speaker = Some(ActorFilter {
                    slug: Some(slug),
                    ..Default::default()
                });
                return Ok((None, statements));
            }
            _ => {
                return Err(Error::bad_input(format!(
                    "'{}' is not a person or an organization",
                    id.as_str()
                )))
            }
        }
        statements.speaker = Some(ActorFilter {
            slug: Some(slug),
            ..Default::default()
        });
    }
    Ok((Some(incidents), statements))
}

/// Root field for timelines.
#[derive(Default)]
pub struct TimelineQuery;

/// Root field for timelines.
#[Object]
impl TimelineQuery {
    /// Incidents and statements in date order (ties: incidents first, then by ID).
    #[graphql(complexity = "crate::graphql::pagination::cost(first, None, child_complexity)")]
    async fn timeline(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only the items that match every condition given here.")] filter: Option<
            TimelineFilter,
        >,
        #[graphql(desc = "At most this many items, from the start of the list or after `after`.")]
        first: Option<i32>,
        #[graphql(
            desc = "Continue after the item with this cursor (`pageInfo.endCursor`, or an edge's `cursor`)."
        )]
        after: Option<String>,
    ) -> Result<TimelineConnection> {
        let filter = filter.unwrap_or_default();
        let kinds = filter
            .kinds
            .clone()
            .unwrap_or(vec![TimelineKind::Incident, TimelineKind::Statement]);
        let (incidents, statements) = filters(ctx, &filter).await?;
        // Counting every match is the costly part at scale: only when asked for.
        let counted = ctx.look_ahead().field("totalCount").exists();
        let db = db(ctx)?;
        let limit = page_size(first, "first")?.unwrap_or(DEFAULT_PAGE_SIZE);
        let after = after.as_deref().map(decode_entry).transpose()?;
        let mut entries: Vec<Entry> = Vec::new();
        let mut total = 0;
        let page = Page {
            after: after.as_ref(),
            limit: limit + 1,
            counted,
        };
        if let (true, Some(incidents)) = (kinds.contains(&TimelineKind::Incident), incidents) {
            let condition = incidents.condition(ctx).await?;
            let (rows, n) = page.read::<incident::Entity>(db, condition).await?;
            total += n;
            entries.extend(rows);
        }
        if kinds.contains(&TimelineKind::Statement) {
            let condition = statements.condition(ctx).await?;
            let (rows, n) = page.read::<statement::Entity>(db, condition).await?;
            total += n;
            entries.extend(rows);
        }
        entries.sort_by(|a, b| (&a.0, a.1, a.2).cmp(&(&b.0, b.1, b.2)));
        let has_next = entries.len() as u64 > limit;
        entries.truncate(limit as usize);
        let (entries, items): (Vec<_>, Vec<_>) = entries
            .into_iter()
            .filter_map(|(date, kind, id, item)| {
                let cursor = encode_entry(&date, kind, id);
                let kind = match item {
                    Node::Statement(_) => TimelineKind::Statement,
                    _ => TimelineKind::Incident,
                };
                Some((
                    (cursor, stored_date(&Some(date))?, kind),
                    Item::Read(Box::new(item)),
                ))
            })
            .unzip();
        let edges: Vec<TimelineEdge> = entries
            .into_iter()
            .zip(Batch::of(items))
            .map(|((cursor, date, kind), item)| TimelineEdge {
                cursor,
                node: TimelineEntry { date, kind, item },
            })
            .collect();
        let page_info = PageInfo::keyed(
            edges.first().map(|e| e.cursor.clone()),
            edges.last().map(|e| e.cursor.clone()),
            has_next,
            after.is_some(),
        );
        Ok(TimelineConnection {
            edges,
            page_info,
            total_count: total,
        })
    }
}
