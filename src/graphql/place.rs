//! `Place`: a node of the place hierarchy (country > region > province >
//! city or site), and the root fields that find places.

use async_graphql::Context;
use entity::place;
use sea_orm::ConnectionTrait;

use super::filter::PlaceFilter;
use super::{alias_names, Incident};
use crate::domain::kinds::PlaceKind;
use crate::domain::{NodeId, NodeKind};
use crate::error::{Error, Result};
use crate::store::{self, Rel};

record_type! {
    /// A place: a country, region, province, district, city or site.
    Place(place, Place);
    id: "The global ID, `Place:<slug>`, the same in every deployment.";
    slug: "The stable key. Where two places share a name, the larger keeps the" "plain slug (`puno` is the region, `puno-city` the city).";
    {
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
    optional parent: Place = parent_id;

    /// Every place above this one, nearest first: Juliaca → San Román → Puno → Peru.
    list ancestors: Place(place) = Rel::PlaceAncestors;

    /// The places directly below this one, by name.
    list children: Place(place) = Rel::PlaceChildren;

    /// Incidents here, oldest first; with `includeDescendants` (the default)
    /// also those anywhere below this place.
    connection incidents(
        #[graphql(
            default = true,
            desc = "Also the incidents anywhere below this place (the default)."
        )]
        include_descendants: bool
    ): Incident = if include_descendants {
        Rel::PlaceIncidentsWithin
    } else {
        Rel::PlaceIncidentsAt
    };
    }
}

record_query! {
    PlaceQuery for Place(place, Place), "places";
    /// Places matching `filter`, by name unless `orderBy` says otherwise.
    places, place(PlaceFilter) by PlaceOrder(PlaceOrderField), default Name {
        /// The name.
        Name => [Name],
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
