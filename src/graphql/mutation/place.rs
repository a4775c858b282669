//! Create and update places, keeping the hierarchy free of cycles.

use async_graphql::{InputObject, MaybeUndefined, ID};
use entity::place;
use sea_orm::Set;

use super::named::{edit_named, new_named, renamed};
use super::write::{Edit, NewRecord};
use super::{reference_of, Create, PlacePayload, Update};
use crate::domain::kinds::PlaceKind;
use crate::domain::NodeKind;
use crate::error::{Error, Result};
use crate::store;
use crate::write::typed::given;
use crate::write::Change;

record_mutations!(
    PlaceMutation, "places";
    "a place", PlacePayload: create_place(CreatePlaceInput), update_place(UpdatePlaceInput)
);

/// A new place.
#[derive(InputObject)]
pub struct CreatePlaceInput {
    /// The stable key (made from `name` when absent).
    slug: Option<String>,
    /// The name (at most 200 characters).
    name: String,
    /// What kind of place.
    kind: PlaceKind,
    /// The place it lies in (`Place:...`).
    parent_id: Option<ID>,
    /// Other names and spellings.
    aliases: Option<Vec<String>>,
}

/// Changes to a place; absent fields stay as they are.
#[derive(InputObject)]
pub struct UpdatePlaceInput {
    /// The place (`Place:...`).
    id: ID,
    /// The version you read.
    version: i32,
    /// The new name.
    name: Option<String>,
    /// The new kind.
    kind: Option<PlaceKind>,
    /// The place it lies in; null makes it a top-level place.
    parent_id: MaybeUndefined<ID>,
    /// The new aliases, replacing the old.
    aliases: Option<Vec<String>>,
}

async fn parent(change: &Change, place: Option<i64>, parent: &ID) -> Result<i64> {
    let parent = reference_of(change, "input.parentId", parent, NodeKind::Place).await?;
    if let Some(place) = place {
        let below = store::tables::rows_where::<entity::place_closure::Entity>(
            change.db(),
            "ancestor_id",
            place,
        )
        .await?;
        if below
            .iter()
            .any(|r| r["descendant_id"].as_i64() == Some(parent))
        {
            return Err(Error::bad_input(
                "`input.parentId`: a place cannot lie inside itself or one of its own parts",
            ));
        }
    }
    Ok(parent)
}

impl Create<PlacePayload> for CreatePlaceInput {
    async fn create(self, change: &Change) -> Result<NewRecord> {
        let parent_id = match &self.parent_id {
            Some(id) => Some(parent(change, None, id).await?),
            None => None,
        };
        let kind = self.kind.as_str().to_string();
        let names = (&self.slug, self.name.as_str(), &self.aliases);
        new_named(change, NodeKind::Place, names, |name, slug| {
            place::ActiveModel {
                kind: Set(kind),
                slug: Set(slug),
                name: Set(name),
                parent_id: Set(parent_id),
                ..Default::default()
            }
        })
        .await
    }
}

impl Update<PlacePayload> for UpdatePlaceInput {
    async fn update(self, change: &Change, row: i64) -> Result<Edit> {
        let kind = NodeKind::Place;
        let mut fields = place::ActiveModel {
            kind: given(self.kind, |k| Ok(k.as_str().to_string()))?,
            name: given(renamed(change, kind, &self.id, self.name).await?, Ok)?,
            ..Default::default()
        };
        match &self.parent_id {
            MaybeUndefined::Undefined => {}
            MaybeUndefined::Null => fields.parent_id = Set(None),
            MaybeUndefined::Value(id) => {
                fields.parent_id = Set(Some(parent(change, Some(row), id).await?));
            }
        }
        edit_named(self.aliases, &fields)
    }
}
