//! `Participant`: a person's part in an incident (killed, investigated,
//! commanding...), read from the incident or from the person.

use async_graphql::{Context, Object};
use entity::participant;

use super::{referenced, Incident, Person};
use crate::domain::record_kinds::ParticipantRole;
use crate::error::{Error, Result};

/// A person's part in an incident, as the sources describe it.
pub struct Participant(pub participant::Model);

/// A person's part in an incident, as the sources describe it.
#[Object]
impl Participant {
    /// The person.
    async fn person(&self, ctx: &Context<'_>) -> Result<Person> {
        referenced(ctx, self.0.person_id).await
    }

    /// The incident.
    async fn incident(&self, ctx: &Context<'_>) -> Result<Incident> {
        referenced(ctx, self.0.incident_id).await
    }

    /// The part the person had.
    async fn role(&self) -> Result<ParticipantRole> {
        ParticipantRole::from_stored(&self.0.role)
            .ok_or_else(|| Error::Internal(format!("unknown participant role {}", self.0.role)))
    }

    /// The part in words, where the role alone says too little ("35-year-old hit in the head by a pellet").
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
}
