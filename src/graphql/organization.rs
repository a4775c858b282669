//! `Organization`: a state body, force, party, NGO or medium, and the root
//! fields that find organizations.

use async_graphql::Context;
use entity::{involvement, organization};

use super::filter::OrganizationFilter;
use super::{alias_names, Involvement, Position, Source, Statement};
use crate::domain::kinds::OrganizationKind;
use crate::error::{Error, Result};
use crate::store::Rel;

impl Organization {
    /// The stored kind.
    fn stored_kind(&self) -> Result<OrganizationKind> {
        OrganizationKind::from_stored(&self.0.kind)
            .ok_or_else(|| Error::Internal(format!("unknown organization kind '{}'", self.0.kind)))
    }
}

record_type! {
    /// An organization: a government body, an armed or police force, a
    /// prosecutor's office, a party, an NGO, a medium, a union.
    Organization(organization, Organization);
    id: "The global ID, `Organization:<slug>`, the same in every deployment.";
    slug: "The stable, human-readable key: the name in lowercase ASCII with hyphens.";
    {
    /// The name as the sources write it.
    pub async fn name(&self, _ctx: &Context<'_>) -> &str {
        &self.0.name
    }

    /// What kind of organization it is.
    async fn kind(&self) -> Result<OrganizationKind> {
        self.stored_kind()
    }

    /// What the organization is, in a line.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }

    /// Whether it is an organ of the state (government, ministry, congress,
    /// armed forces, police, prosecutor, judiciary, other state agency).
    async fn is_official(&self) -> Result<bool> {
        Ok(self.stored_kind()?.is_state())
    }

    /// Other names, acronyms and spellings.
    pub async fn aliases(&self, ctx: &Context<'_>) -> Result<Vec<String>> {
        alias_names(ctx, Rel::OrganizationAliases, self.0.id).await
    }

    /// Positions held in the organization, oldest first.
    connection members: Position = Rel::OrganizationMembers;

    /// What the organization said as a body, oldest first.
    connection statements: Statement = Rel::OrganizationStatements;

    /// Statements that name this organization, oldest first.
    connection mentioned_in: Statement = Rel::OrganizationMentionedIn;

    /// Incidents the organization took part in, with its role, oldest first.
    list involvements: Involvement(involvement) = Rel::OrganizationInvolvements;

    /// Sources the organization published, oldest first.
    connection published: Source = Rel::OrganizationPublished;
    }
}

record_query! {
    OrganizationQuery for Organization(organization, Organization), "organizations";
    /// Organizations matching `filter`, by name unless `orderBy` says otherwise.
    organizations, organization(OrganizationFilter) by OrganizationOrder(OrganizationOrderField), default Name {
        /// The name.
        Name => [Name],
        /// The kind, then the name.
        Kind => [Kind, Name],
    }
    /// A merged record's ID gives the record it was merged into.
}
