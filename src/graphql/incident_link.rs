//! `IncidentLink`: how one incident relates to another (an investigation of
//! killings, a march in answer to a massacre).

use entity::incident_link;

use super::Incident;
use crate::domain::record_kinds::IncidentRelation;
use crate::error::{Error, Result};

link_type! {
    /// A link from one incident to another: `from` investigates, responds to or is part of `to`.
    IncidentLink(incident_link);
    {
    /// How `from` relates to `to`.
    async fn relation(&self) -> Result<IncidentRelation> {
        IncidentRelation::from_stored(&self.0.relation).ok_or_else(|| {
            Error::Internal(format!("unknown incident relation {}", self.0.relation))
        })
    }

    /// The incident that investigates, responds to or is part of the other.
    one from: Incident = incident_id;

    /// The incident investigated, answered or contained.
    one to: Incident = related_id;
    }
}
