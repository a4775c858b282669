//! Create and update persons, organizations and places: records with a
//! name and aliases.

use async_graphql::{Context, InputObject, MaybeUndefined, Object, ID};
use entity::{organization, person, place};
use serde_json::{json, Map, Value};

use super::validate::{self, optional_text, patch, text};
use super::{begin, reference_of, target, OrganizationPayload, PersonPayload, PlacePayload};
use crate::domain::kinds::{OrganizationKind, PlaceKind};
use crate::domain::{slugify, NodeKind};
use crate::error::{Error, Result};
use crate::graphql::{loaders, Organization, Person, Place, Revision};
use crate::store;
use crate::write::{replace_links, Change};

/// A new person.
#[derive(InputObject)]
pub struct CreatePersonInput {
    /// The stable key (made from `name` when absent); it cannot change later.
    slug: Option<String>,
    /// The name as the sources write it (at most 200 characters).
    name: String,
    /// Who they are, in a sentence (at most 2000 characters).
    description: Option<String>,
    /// Other names and spellings.
    aliases: Option<Vec<String>>,
}

/// Changes to a person; absent fields stay as they are.
#[derive(InputObject)]
pub struct UpdatePersonInput {
    /// The person (`Person:...`).
    id: ID,
    /// The version you read; a stale one is a CONFLICT.
    version: i32,
    /// The new name.
    name: Option<String>,
    /// The new description; null clears it.
    description: MaybeUndefined<String>,
    /// The new aliases, replacing the old.
    aliases: Option<Vec<String>>,
}

/// A new organization.
#[derive(InputObject)]
pub struct CreateOrganizationInput {
    /// The stable key (made from `name` when absent).
    slug: Option<String>,
    /// The name (at most 200 characters).
    name: String,
    /// What it is.
    kind: OrganizationKind,
    /// What it is, in a sentence.
    description: Option<String>,
    /// Other names and acronyms.
    aliases: Option<Vec<String>>,
}

/// Changes to an organization; absent fields stay as they are.
#[derive(InputObject)]
pub struct UpdateOrganizationInput {
    /// The organization (`Organization:...`).
    id: ID,
    /// The version you read.
    version: i32,
    /// The new name.
    name: Option<String>,
    /// The new kind.
    kind: Option<OrganizationKind>,
    /// The new description; null clears it.
    description: MaybeUndefined<String>,
    /// The new aliases, replacing the old.
    aliases: Option<Vec<String>>,
}

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

/// Alias rows for `names` (owner columns are set when written).
fn alias_rows(names: &[String]) -> Result<Vec<Value>> {
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let name = text(&format!("input.aliases[{i}]"), name, 200)?;
            Ok(json!({
                "id": null, "name": name, "key": slugify(&name),
                "person_id": null, "organization_id": null, "place_id": null,
            }))
        })
        .collect()
}

/// BAD_USER_INPUT unless no record of `kind` has `slug` yet.
pub(super) async fn unused_slug(change: &Change, kind: NodeKind, slug: &str) -> Result<()> {
    match store::records::find_ref(change.db(), kind.table_name(), slug).await? {
        Some(_) => Err(Error::bad_input(format!(
            "`input.slug`: a {} with the slug '{slug}' exists already",
            kind.type_name()
        ))),
        None => Ok(()),
    }
}

/// The parent place's row ID, refusing a parent inside the place itself.
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

/// Commits and returns the record's row and the revision.
pub(super) async fn finish_record<E: store::Record<Model: Sync>>(
    ctx: &Context<'_>,
    change: Change,
) -> Result<(E::Model, Revision)> {
    let revision = change
        .commit()
        .await?
        .pop()
        .ok_or_else(|| Error::Internal("a change without a revision".into()))?;
    let model = loaders::fresh_record::<E>(ctx, revision.node_id).await?;
    Ok((model, Revision(revision)))
}

/// Creates a named record from its row and aliases.
async fn create_named(
    change: &mut Change,
    kind: NodeKind,
    slug: Option<&str>,
    mut row: Value,
    aliases: &Option<Vec<String>>,
) -> Result<()> {
    let name = text("input.name", row["name"].as_str().unwrap_or_default(), 200)?;
    let slug = validate::new_slug(slug, &name)?;
    unused_slug(change, kind, &slug).await?;
    row["slug"] = Value::from(slug);
    row["name"] = Value::from(name);
    let aliases = alias_rows(aliases.as_deref().unwrap_or_default())?;
    change.create(kind, row, vec![("alias", aliases)]).await?;
    Ok(())
}

/// Updates a named record: the name, the aliases, and what `more` changes.
async fn update_named(
    change: &mut Change,
    kind: NodeKind,
    (id, version): (&ID, i32),
    name: Option<String>,
    aliases: Option<Vec<String>>,
    more: impl FnOnce(&mut Value) -> Result<()>,
) -> Result<()> {
    let (_, row) = target(change, id, Some(kind), version).await?;
    let name = name.map(|n| text("input.name", &n, 200)).transpose()?;
    let aliases = aliases.map(|a| alias_rows(&a)).transpose()?;
    change
        .edit(kind, row, "update", |document| {
            if let Some(name) = name {
                document["row"]["name"] = Value::from(name);
            }
            if let Some(aliases) = aliases {
                replace_links(kind, document, "alias", aliases)?;
            }
            more(&mut document["row"])
        })
        .await
}

/// Mutations of persons, organizations and places.
#[derive(Default)]
pub struct NamedMutation;

#[Object]
impl NamedMutation {
    /// Creates a person. Needs an editor key.
    async fn create_person(
        &self,
        ctx: &Context<'_>,
        input: CreatePersonInput,
    ) -> Result<PersonPayload> {
        let mut change = begin(ctx).await?;
        let description = optional_text("input.description", input.description.as_deref(), 2000)?;
        let row = json!({ "name": input.name, "description": description });
        let row = row;
        create_named(
            &mut change,
            NodeKind::Person,
            input.slug.as_deref(),
            row,
            &input.aliases,
        )
        .await?;
        let (model, revision) = finish_record::<person::Entity>(ctx, change).await?;
        Ok(PersonPayload {
            person: Person(model),
            revision,
        })
    }

    /// Updates a person. Needs an editor key and the version you read.
    async fn update_person(
        &self,
        ctx: &Context<'_>,
        input: UpdatePersonInput,
    ) -> Result<PersonPayload> {
        let mut change = begin(ctx).await?;
        let mut fields = Value::Object(Map::new());
        patch(&mut fields, "description", input.description, |d| {
            optional_text("input.description", Some(&d), 2000)
        })?;
        update_named(
            &mut change,
            NodeKind::Person,
            (&input.id, input.version),
            input.name,
            input.aliases,
            |row| merge_into(row, fields),
        )
        .await?;
        let (model, revision) = finish_record::<person::Entity>(ctx, change).await?;
        Ok(PersonPayload {
            person: Person(model),
            revision,
        })
    }

    /// Creates an organization. Needs an editor key.
    async fn create_organization(
        &self,
        ctx: &Context<'_>,
        input: CreateOrganizationInput,
    ) -> Result<OrganizationPayload> {
        let mut change = begin(ctx).await?;
        let description = optional_text("input.description", input.description.as_deref(), 2000)?;
        let row =
            json!({ "name": input.name, "kind": input.kind.as_str(), "description": description });
        let row = row;
        create_named(
            &mut change,
            NodeKind::Organization,
            input.slug.as_deref(),
            row,
            &input.aliases,
        )
        .await?;
        let (model, revision) = finish_record::<organization::Entity>(ctx, change).await?;
        Ok(OrganizationPayload {
            organization: Organization(model),
            revision,
        })
    }

    /// Updates an organization. Needs an editor key and the version you read.
    async fn update_organization(
        &self,
        ctx: &Context<'_>,
        input: UpdateOrganizationInput,
    ) -> Result<OrganizationPayload> {
        let mut change = begin(ctx).await?;
        let mut fields = Value::Object(Map::new());
        if let Some(kind) = input.kind {
            fields["kind"] = Value::from(kind.as_str());
        }
        patch(&mut fields, "description", input.description, |d| {
            optional_text("input.description", Some(&d), 2000)
        })?;
        update_named(
            &mut change,
            NodeKind::Organization,
            (&input.id, input.version),
            input.name,
            input.aliases,
            |row| merge_into(row, fields),
        )
        .await?;
        let (model, revision) = finish_record::<organization::Entity>(ctx, change).await?;
        Ok(OrganizationPayload {
            organization: Organization(model),
            revision,
        })
    }

    /// Creates a place. Needs an editor key.
    async fn create_place(
        &self,
        ctx: &Context<'_>,
        input: CreatePlaceInput,
    ) -> Result<PlacePayload> {
        let mut change = begin(ctx).await?;
        let parent_id = match &input.parent_id {
            Some(id) => Value::from(parent(&change, None, id).await?),
            None => Value::Null,
        };
        let row =
            json!({ "name": input.name, "kind": input.kind.as_str(), "parent_id": parent_id });
        let row = row;
        create_named(
            &mut change,
            NodeKind::Place,
            input.slug.as_deref(),
            row,
            &input.aliases,
        )
        .await?;
        let (model, revision) = finish_record::<place::Entity>(ctx, change).await?;
        Ok(PlacePayload {
            place: Place(model),
            revision,
        })
    }

    /// Updates a place. Needs an editor key and the version you read.
    async fn update_place(
        &self,
        ctx: &Context<'_>,
        input: UpdatePlaceInput,
    ) -> Result<PlacePayload> {
        let mut change = begin(ctx).await?;
        let (_, row) = target(&change, &input.id, Some(NodeKind::Place), input.version).await?;
        let mut fields = Value::Object(Map::new());
        if let Some(kind) = input.kind {
            fields["kind"] = Value::from(kind.as_str());
        }
        match &input.parent_id {
            MaybeUndefined::Undefined => {}
            MaybeUndefined::Null => fields["parent_id"] = Value::Null,
            MaybeUndefined::Value(id) => {
                fields["parent_id"] = Value::from(parent(&change, Some(row), id).await?)
            }
        }
        update_named(
            &mut change,
            NodeKind::Place,
            (&input.id, input.version),
            input.name,
            input.aliases,
            |row| merge_into(row, fields),
        )
        .await?;
        let (model, revision) = finish_record::<place::Entity>(ctx, change).await?;
        Ok(PlacePayload {
            place: Place(model),
            revision,
        })
    }
}

/// Copies the columns of `fields` into `row`.
pub(super) fn merge_into(row: &mut Value, fields: Value) -> Result<()> {
    if let Value::Object(fields) = fields {
        for (column, value) in fields {
            row[column] = value;
        }
    }
    Ok(())
}
