//! `Place`: a node of the place hierarchy (country > region > province >
//! city or site), and the root fields that find places.

use async_graphql::{Context, Enum, InputObject, Object, ID};
use entity::place;
use sea_orm::{ConnectionTrait, Order};

use super::filter::{Filter, PlaceFilter};
use super::pagination::{self, Connection, ListNode, PageArgs};
use super::plan::{Plannable, Planned, PlannedOne, Row, Ty};
use super::{alias_names, find_one, loaders, node_id, Incident, OrderDirection};
use crate::domain::kinds::PlaceKind;
use crate::domain::{NodeId, NodeKind};
use crate::error::{Error, Result};
use crate::store::{self, Rel};

/// A place: a country, region, province, district, city or site.
pub struct Place(pub place::Model);

impl ListNode for Place {
    type Entity = place::Entity;
    fn wrap(model: place::Model) -> Self {
        Place(model)
    }
}

impl Plannable for Place {
    const TY: Ty = Ty::Place;
    fn row(&self) -> Row {
        Row::Place(self.0.clone())
    }
}

/// A place: a country, region, province, district, city or site.
#[Object]
impl Place {
    /// The global ID, `Place:<slug>`, the same in every deployment.
    pub async fn id(&self, _ctx: &Context<'_>) -> ID {
        node_id(NodeKind::Place, &self.0.slug)
    }

    /// The stable key. Where two places share a name, the larger keeps the
    /// plain slug (`puno` is the region, `puno-city` the city).
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

    /// The name as the sources write it.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// What kind of place it is.
    async fn kind(&self) -> Result<PlaceKind> {
        PlaceKind::from_stored(&self.0.kind)
            .ok_or_else(|| Error::Internal(format!("unknown place kind '{}'", self.0.kind)))
    }

    /// Other names and spellings.
    async fn aliases(&self, ctx: &Context<'_>) -> Result<Vec<String>> {
        alias_names(ctx, Rel::PlaceAliases, self.0.id).await
    }

    /// The place directly above this one.
    async fn parent(&self, ctx: &Context<'_>) -> Result<Option<Place>> {
        match self.0.parent_id {
            Some(id) => Ok(Some(Place(
                loaders::record::<place::Entity>(ctx, id).await?,
            ))),
            None => Ok(None),
        }
    }

    /// Every place above this one, nearest first: Juliaca → San Román → Puno → Peru.
    async fn ancestors(&self, ctx: &Context<'_>) -> Result<Vec<Place>> {
        let rows = loaders::related::<place::Entity>(ctx, Rel::PlaceAncestors, self.0.id).await?;
        Ok(rows.into_iter().map(Place).collect())
    }

    /// The places directly below this one, by name.
    async fn children(&self, ctx: &Context<'_>) -> Result<Vec<Place>> {
        let rows = loaders::related::<place::Entity>(ctx, Rel::PlaceChildren, self.0.id).await?;
        Ok(rows.into_iter().map(Place).collect())
    }

    /// Incidents here, oldest first; with `includeDescendants` (the default)
    /// also those anywhere below this place.
    #[graphql(complexity = "crate::graphql::pagination::cost(first, last, child_complexity)")]
    async fn incidents(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            default = true,
            desc = "Also the incidents anywhere below this place (the default)."
        )]
        include_descendants: bool,
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
    ) -> Result<Connection<Incident>> {
        let rel = if include_descendants {
            Rel::PlaceIncidentsWithin
        } else {
            Rel::PlaceIncidentsAt
        };
        pagination::related(
            ctx,
            rel,
            self.0.id,
            &PageArgs::new(first, after, last, before),
        )
        .await
    }
}

/// Resolves a place given by slug (`puno`) or by ID (`Place:puno`).
pub async fn resolve_place_ref(db: &impl ConnectionTrait, reference: &str) -> Result<place::Model> {
    let slug = if reference.contains(':') {
        NodeId::parse_as(reference, NodeKind::Place).map_err(Error::BadUserInput)?
    } else {
        reference.to_string()
    };
    store::records::find_by_slug::<place::Entity>(db, &slug)
        .await?
        .ok_or_else(|| Error::not_found(format!("no place '{reference}': give a place slug such as 'puno' or an ID such as 'Place:puno'")))
}

/// What places can be ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum PlaceOrderField {
    /// The name.
    Name,
}

/// The order of a list of places.
#[derive(Debug, Clone, Copy, InputObject)]
pub struct PlaceOrder {
    /// What to order by.
    field: PlaceOrderField,
    /// Which way.
    #[graphql(default)]
    direction: OrderDirection,
}

impl PlaceOrder {
    /// The column and direction to sort by.
    fn column(self) -> (place::Column, Order) {
        let column = match self.field {
            PlaceOrderField::Name => place::Column::Name,
        };
        (column, self.direction.into())
    }
}

/// Root fields that find places.
#[derive(Default)]
pub struct PlaceQuery;

/// Root fields that find places.
#[Object]
impl PlaceQuery {
    /// Places matching `filter`, by name unless `orderBy` says otherwise.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::pagination::cost(first, last, child_complexity)")]
    async fn places(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only the items that match every condition given here.")] filter: Option<
            PlaceFilter,
        >,
        #[graphql(desc = "Show retracted records too (hidden by default).")]
        include_retracted: Option<bool>,
        #[graphql(
            desc = "Only records changed at or after this time (RFC 3339, or a date), for incremental sync."
        )]
        updated_since: Option<String>,
        #[graphql(desc = "The order of the list.")] order_by: Option<PlaceOrder>,
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
    ) -> Result<Planned<Place>> {
        let condition = filter
            .unwrap_or_default()
            .condition(ctx)
            .await?
            .add(super::filter::scope(
                place::Entity,
                include_retracted,
                updated_since,
            )?);
        let order = order_by.map_or((place::Column::Name, Order::Asc), PlaceOrder::column);
        pagination::root(
            ctx,
            &PageArgs::new(first, after, last, before),
            condition,
            &[order],
        )
        .await
        .map(Planned)
    }

    /// One place, by ID or by slug; null, with a NOT_FOUND error at its path, when none has it
    /// (or it is retracted, unless `includeRetracted`).
    async fn place(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The record's global ID (`Type:slug`, as `Person:dina-boluarte`).")]
        id: Option<ID>,
        #[graphql(desc = "The record's slug: its global ID without the type (`dina-boluarte`).")]
        slug: Option<String>,
        #[graphql(desc = "Find it even if it was retracted.")] include_retracted: Option<bool>,
    ) -> Result<Option<PlannedOne<Place>>> {
        find_one::<place::Entity>(ctx, NodeKind::Place, id, slug, include_retracted)
            .await
            .map(|row| Some(PlannedOne(Place(row))))
    }
}
