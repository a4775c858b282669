//! `IncidentLink`: how one incident relates to another (an investigation of
//! killings, a march in answer to a massacre).

use async_graphql::{Context, Object};
use entity::incident_link;

use super::{referenced, Incident};
use crate::domain::record_kinds::IncidentRelation;
use crate::error::{Error, Result};

/// A link from one incident to another: `from` investigates, responds to or is part of `to`.
pub struct IncidentLink(pub incident_link::Model);

/// A link from one incident to another: `from` investigates, responds to or is part of `to`.
#[Object]
impl IncidentLink {
    /// How `from` relates to `to`.
    async fn relation(&self) -> Result<IncidentRelation> {
        IncidentRelation::from_stored(&self.0.relation).ok_or_else(|| {
            Error::Internal(format!("unknown incident relation {}", self.0.relation))
        })
    }

    /// The incident that investigates, responds to or is part of the other.
    async fn from(&self, ctx: &Context<'_>) -> Result<Incident> {
        referenced(ctx, self.0.incident_id).await
    }

    /// The incident investigated, answered or contained.
    async fn to(&self, ctx: &Context<'_>) -> Result<Incident> {
        referenced(ctx, self.0.related_id).await
    }
}
