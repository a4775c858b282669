//! Filters on places, with `within` over the place hierarchy.

use async_graphql::Context;
use entity::{alias, place, place_closure};
use sea_orm::sea_query::{Condition, Expr, ExprTrait};

use super::{contains_folded, in_select, one_of};
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
    async fn criteria(&self, ctx: &Context<'_>, parts: &mut Vec<Condition>) -> Result<()> {
        if let Some(reference) = &self.within {
            let ancestor = match self.within_id {
                Some(id) => id,
                None => resolve_place_ref(db(ctx)?, reference).await?.id,
            };
            let below = Condition::all().add(
                Expr::col((place_closure::Entity, place_closure::Column::AncestorId)).eq(ancestor),
            );
            parts.push(in_select(
                (place::Entity, place::Column::Id),
                (place_closure::Entity, place_closure::Column::DescendantId),
                below,
            ));
        }
        if let Some(kinds) = &self.kind {
            parts.push(one_of(
                (place::Entity, place::Column::Kind),
                kinds.iter().map(|k| k.as_str()),
            ));
        }
        if let Some(text) = &self.name_contains {
            parts.push(
                Condition::any()
                    .add(contains_folded((place::Entity, place::Column::Slug), text))
                    .add(in_select(
                        (place::Entity, place::Column::Id),
                        (alias::Entity, alias::Column::PlaceId),
                        contains_folded((alias::Entity, alias::Column::Key), text),
                    )),
            );
        }
        Ok(())
    }
}
