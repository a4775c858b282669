//! Create and update persons and organizations.

use crate::graphql::plan::PlannedOne;
use async_graphql::{Context, InputObject, MaybeUndefined, Object, ID};
use entity::{organization, person};
use serde_json::{json, Map, Value};

use super::named::{create_named, finish_record, update_named};
use super::validate::{optional_text, patch};
use super::{begin, OrganizationPayload, PersonPayload};
use crate::domain::kinds::OrganizationKind;
use crate::domain::NodeKind;
use crate::error::Result;
use crate::graphql::{Organization, Person};

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

/// Mutations of persons and organizations.
#[derive(Default)]
pub struct ActorMutation;

/// Mutations of persons and organizations.
#[Object]
impl ActorMutation {
    /// Creates a person. Needs an editor key.
    async fn create_person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new record's fields.")] input: CreatePersonInput,
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
            person: PlannedOne(Person(model)),
            revision,
        })
    }

    /// Updates a person. Needs an editor key and the version you read.
    async fn update_person(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The record, the version you read, and the fields to change (omitted fields stay as they are)."
        )]
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
            fields,
        )
        .await?;
        let (model, revision) = finish_record::<person::Entity>(ctx, change).await?;
        Ok(PersonPayload {
            person: PlannedOne(Person(model)),
            revision,
        })
    }

    /// Creates an organization. Needs an editor key.
    async fn create_organization(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The new record's fields.")] input: CreateOrganizationInput,
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
            organization: PlannedOne(Organization(model)),
            revision,
        })
    }

    /// Updates an organization. Needs an editor key and the version you read.
    async fn update_organization(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The record, the version you read, and the fields to change (omitted fields stay as they are)."
        )]
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
            fields,
        )
        .await?;
        let (model, revision) = finish_record::<organization::Entity>(ctx, change).await?;
        Ok(OrganizationPayload {
            organization: PlannedOne(Organization(model)),
            revision,
        })
    }
}
