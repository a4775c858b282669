//! `Citation` (provenance) and `Involvement` (an organization's part in an incident).

use entity::{citation, involvement};

use super::{Incident, Organization, Source};

link_type! {
    /// Where a fact comes from: a source and the verbatim excerpt of it that
    /// supports the fact.
    Citation(citation);
    {
    /// The source.
    one source: Source = source_id;

    /// The source's words, verbatim.
    async fn excerpt(&self) -> &str {
        &self.0.excerpt
    }
    }
}

link_type! {
    /// An organization's part in an incident.
    Involvement(involvement);
    {
    /// The organization.
    one organization: Organization = organization_id;

    /// The incident.
    one incident: Incident = incident_id;

    /// What the organization did or was, in the sources' terms (e.g. "opened fire").
    async fn role(&self) -> &str {
        &self.0.role
    }
    }
}
