//! `Citation` (provenance) and `Involvement` (an organization's part in an incident).

use async_graphql::{Context, Object};
use entity::{citation, involvement};

use super::{referenced, Incident, Organization, Source};
use crate::error::Result;

/// Where a fact comes from: a source and the verbatim excerpt of it that
/// supports the fact.
pub struct Citation(pub citation::Model);

/// Where a fact comes from: a source and the verbatim excerpt of it that
/// supports the fact.
#[Object]
impl Citation {
    /// The source.
    async fn source(&self, ctx: &Context<'_>) -> Result<Source> {
        referenced(ctx, self.0.source_id).await
    }

    /// The source's words, verbatim.
    async fn excerpt(&self) -> &str {
        &self.0.excerpt
    }
}

/// An organization's part in an incident.
pub struct Involvement(pub involvement::Model);

/// An organization's part in an incident.
#[Object]
impl Involvement {
    /// The organization.
    async fn organization(&self, ctx: &Context<'_>) -> Result<Organization> {
        referenced(ctx, self.0.organization_id).await
    }

    /// The incident.
    async fn incident(&self, ctx: &Context<'_>) -> Result<Incident> {
        referenced(ctx, self.0.incident_id).await
    }

    /// What the organization did or was, in the sources' terms (e.g. "opened fire").
    async fn role(&self) -> &str {
        &self.0.role
    }
}
