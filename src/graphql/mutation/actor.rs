//! Create and update persons and organizations.

use async_graphql::{InputObject, MaybeUndefined, ID};
use entity::{organization, person};
use sea_orm::{ActiveValue, Set};

use super::named::{edit_named, new_named, renamed};
use super::validate::optional_text;
use super::write::{Edit, NewRecord};
use super::{Create, OrganizationPayload, PersonPayload, Update};
use crate::domain::kinds::OrganizationKind;
use crate::domain::NodeKind;
use crate::error::Result;
use crate::write::typed::{given, maybe};
use crate::write::Change;

record_mutations!(
    ActorMutation, "persons and organizations";
    "a person", PersonPayload: create_person(CreatePersonInput), update_person(UpdatePersonInput);
    "an organization", OrganizationPayload: create_organization(CreateOrganizationInput), update_organization(UpdateOrganizationInput)
);

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

/// A description as an update sets it: null or blank clears it.
fn description(value: MaybeUndefined<String>) -> Result<ActiveValue<Option<String>>> {
    maybe(value, |d| {
        optional_text("input.description", Some(&d), 2000)
    })
}

impl Create<PersonPayload> for CreatePersonInput {
    async fn create(self, change: &Change) -> Result<NewRecord> {
        let description = optional_text("input.description", self.description.as_deref(), 2000)?;
        let names = (&self.slug, self.name.as_str(), &self.aliases);
        new_named(change, NodeKind::Person, names, |name, slug| {
            person::ActiveModel {
                slug: Set(slug),
                name: Set(name),
                description: Set(description),
                ..Default::default()
            }
        })
        .await
    }
}

impl Update<PersonPayload> for UpdatePersonInput {
    async fn update(self, change: &Change, _row: i64) -> Result<Edit> {
        let kind = NodeKind::Person;
        let fields = person::ActiveModel {
            description: description(self.description)?,
            name: given(renamed(change, kind, &self.id, self.name).await?, Ok)?,
            ..Default::default()
        };
        edit_named(self.aliases, &fields)
    }
}

impl Create<OrganizationPayload> for CreateOrganizationInput {
    async fn create(self, change: &Change) -> Result<NewRecord> {
        let kind = self.kind.as_str().to_string();
        let description = optional_text("input.description", self.description.as_deref(), 2000)?;
        let names = (&self.slug, self.name.as_str(), &self.aliases);
        new_named(change, NodeKind::Organization, names, |name, slug| {
            organization::ActiveModel {
                kind: Set(kind),
                slug: Set(slug),
                name: Set(name),
                description: Set(description),
                ..Default::default()
            }
        })
        .await
    }
}

impl Update<OrganizationPayload> for UpdateOrganizationInput {
    async fn update(self, change: &Change, _row: i64) -> Result<Edit> {
        let kind = NodeKind::Organization;
        let fields = organization::ActiveModel {
            kind: given(self.kind, |k| Ok(k.as_str().to_string()))?,
            description: description(self.description)?,
            name: given(renamed(change, kind, &self.id, self.name).await?, Ok)?,
            ..Default::default()
        };
        edit_named(self.aliases, &fields)
    }
}
