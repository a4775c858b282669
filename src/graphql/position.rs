//! `Position`: a person's position in an organization.

use entity::{citation, position};

use super::{Citation, Organization, Person};
use crate::store::Rel;

record_type! {
    /// A position a person holds or held in an organization, with the dates the
    /// sources give (at their precision) and the citations that support it.
    Position(position, Position);
    id: "The global ID, `Position:<slug>`, the same in every deployment.";
    slug: "The stable key.";
    {
    /// The title as the sources give it, e.g. "Prime Minister".
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// Whether the position is a public office.
    async fn is_public_office(&self) -> bool {
        self.0.is_public_office
    }

    /// The person who holds it.
    one person: Person = person_id;

    /// The organization it is in.
    one organization: Organization = organization_id;

    /// When the person took the position, if a source says.
    date start = start_date;

    /// When the person left it, if a source says.
    date end = end_date;

    /// When `end` is unknown: the person had left it no later than this
    /// (a "former general" in a text of that date).
    date ended_by = ended_by;

    /// Whether something in the record is inferred rather than stated by its sources.
    inferred;

    /// The sources and their words that support this position.
    list citations: Citation(citation) = Rel::PositionCitations;
    }
}
