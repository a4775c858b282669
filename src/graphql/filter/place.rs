//! Filters on places, with `within` over the place hierarchy.

use entity::{alias, place, place_closure};
use sea_orm::sea_query::{Condition, Expr, ExprTrait};

use super::{contains_folded, in_select, qualified, Criteria};
use crate::domain::kinds::PlaceKind;
use crate::error::Result;
use crate::graphql::context::db;
use crate::graphql::place::resolve_place_ref;

record_filter! {
    /// Selects places.
    PlaceFilter on place;
    /// The place with this slug.
    {
        /// This place or any place below it: a slug (`puno`) or an ID (`Place:puno`).
        /// Juliaca is within San Román, which is within Puno.
        pub within: Option<String>,
        /// The place is of one of these kinds.
        pub kind: Option<Vec<PlaceKind>>,
        /// The name or an alias contains this text, ignoring case and accents.
        pub name_contains: Option<String>,
        /// The row ID of the place `within` names, when the caller has already
        /// looked it up (a timeline filters incidents and statements by one
        /// place, and looks it up once). Not part of the schema.
        #[graphql(skip)]
        pub within_id: Option<i64>,
    }
}

impl PlaceFilter {
    /// The conditions of the filter's own fields.
    async fn criteria(&self, c: &mut Criteria<'_, '_>) -> Result<()> {
        if let Some(reference) = &self.within {
            let ancestor = match self.within_id {
                Some(id) => id,
                None => resolve_place_ref(db(c.ctx())?, reference).await?.id,
            };
            let below = Condition::all()
                .add(Expr::col(qualified(place_closure::Column::AncestorId)).eq(ancestor));
            let descendant = place_closure::Column::DescendantId;
            c.push(in_select(place::Column::Id, descendant, below));
        }
        c.one_of(place::Column::Kind, &self.kind);
        if let Some(text) = &self.name_contains {
            let alias = contains_folded(alias::Column::Key, text);
            c.push(
                Condition::any()
                    .add(contains_folded(place::Column::Slug, text))
                    .add(in_select(place::Column::Id, alias::Column::PlaceId, alias)),
            );
        }
        Ok(())
    }
}
