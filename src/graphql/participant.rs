//! `Participant`: a person's part in an incident (killed, investigated,
//! commanding...), read from the incident or from the person.

use entity::participant;

use super::{Incident, Person};
use crate::domain::record_kinds::ParticipantRole;
use crate::error::{Error, Result};

link_type! {
    /// A person's part in an incident, as the sources describe it.
    Participant(participant);
    {
    /// The person.
    one person: Person = person_id;

    /// The incident.
    one incident: Incident = incident_id;

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
}
